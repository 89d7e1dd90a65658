"""Stage read: seeds are found in a stable order and decoded, or reported with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.read import decode_seed, find_seeds, read_seeds
from generator.records import SeedError, SeedText


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"Bonjour\n", "Bonjour\n"),
        ("\ufeffСәлем".encode(), "Сәлем"),  # UTF-8 byte-order mark dropped
        (b"a\r\nb\rc", "a\nb\nc"),  # line ends normalised
        ("مرحبا".encode(), "مرحبا"),
    ],
)
def test_decodes_utf8(raw: bytes, text: str) -> None:
    seed = decode_seed("x.txt", raw)
    assert isinstance(seed, SeedText)
    assert seed.text == text


@pytest.mark.parametrize("raw", [b"", b"  \n\t\n"])
def test_empty_seed_is_an_error(raw: bytes) -> None:
    result = decode_seed("empty.txt", raw)
    assert isinstance(result, SeedError)
    assert "empty" in result.reason


def test_seeds_are_found_sorted_and_only_txt(tmp_path: Path) -> None:
    for name in ["b.txt", "a.txt", "notes.md"]:
        (tmp_path / name).write_text("text", encoding="utf-8")
    assert [p.name for p in find_seeds(tmp_path)] == ["a.txt", "b.txt"]
    assert [s.name for s in read_seeds(tmp_path)] == ["a.txt", "b.txt"]
