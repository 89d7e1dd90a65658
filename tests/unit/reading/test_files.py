"""Stage read: seeds are found in a stable order and decoded, or reported with a reason."""

from __future__ import annotations

import os
import random
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.reading.files import MAX_SEED_BYTES, decode_seed, discover, find_seeds, read_seeds
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


# --- Bad input (issue 7): encodings, binaries, odd names, links, size ---------------------

RUSSIAN = "Министр иностранных дел выступил на форуме в Пекине.\nОн заявил, что страна готова."
KAZAKH = "Мемлекет басшысы Қасым-Жомарт Тоқаев БҰҰ-ның Бас хатшысымен телефон арқылы сөйлесті."
ARABIC = "ناقش وزير الخارجية مع نظيره التعاون بين البلدين في مجال الطاقة والنقل."
UKRAINIAN = (
    "Міністр закордонних справ України зустрівся з колегами з країн Центральної Азії. "
    "Сторони обговорили співпрацю в галузі енергетики, транспорту та сільського господарства. "
    "Він заявив, що їхні країни готові розширювати торгівлю і спільні інвестиційні проєкти, "
    "а також підтримувати обміни між університетами та громадськими організаціями."
)
FRENCH = "Le ministre a déclaré à Noël qu'il était très ému par l'accueil reçu à Astana."


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (RUSSIAN, "cp1251", {"cp1251"}),
        ("Привет, мир!", "cp1251", {"cp1251"}),  # short: charset-normalizer alone says cp1125
        (KAZAKH, "kz1048", {"kz1048"}),  # Windows' Kazakh variant of Windows-1251
        # As good in KZ-1048 letter by letter: charset-normalizer's statistics decide.
        (UKRAINIAN, "cp1251", {"cp1251"}),
        ("Қазақстан", "kz1048", {"kz1048"}),
        (ARABIC, "cp1256", {"cp1256"}),
        ("وزير الخارجية", "cp1256", {"cp1256"}),  # charset-normalizer alone says cp932
        (FRENCH, "latin-1", {"cp1252", "iso8859-1", "iso8859-15"}),
        ("été", "latin-1", {"cp1252", "iso8859-1", "iso8859-15"}),
        ("L’État — « oui »", "cp1252", {"cp1252"}),
        (RUSSIAN, "koi8-r", {"koi8-r"}),
        (KAZAKH, "utf-16", {"utf-16"}),
        (ARABIC, "utf-16-be", {"utf-16-be"}),  # no byte-order mark, found by its NUL bytes
        (FRENCH, "utf-8-sig", {"utf-8-sig"}),
        (KAZAKH, "utf-32", {"utf-32"}),
    ],
)
def test_decodes_other_encodings_and_says_which(text: str, codec: str, expected: set[str]) -> None:
    seed = decode_seed("x.txt", text.encode(codec))
    assert isinstance(seed, SeedText), seed
    assert seed.text == text
    assert seed.encoding in expected


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "cp1251"])
@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_ends_are_normalised_in_every_encoding(codec: str, newline: str) -> None:
    seed = decode_seed("x.txt", RUSSIAN.replace("\n", newline).encode(codec))
    assert isinstance(seed, SeedText), seed
    assert seed.text == RUSSIAN


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def _zip(tmp_path: Path) -> bytes:
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as archive:
        archive.writestr("article.txt", RUSSIAN)
    return (tmp_path / "a.zip").read_bytes()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda _: _png(), "PNG image"),
        (_zip, "ZIP archive"),
        (lambda _: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)), "JPEG image"),
        (lambda _: b"%PDF-1.7\n" + bytes(range(256)), "PDF"),
        (lambda _: bytes(range(256)) * 8, "binary file"),  # no signature at all
        (lambda _: random.Random(7).randbytes(5000).replace(b"\0", b"\1"), "no known encoding"),
    ],
)
def test_binary_files_named_txt_are_refused_in_one_line(
    tmp_path: Path, make: Callable[[Path], bytes], words: str
) -> None:
    result = decode_seed("photo.txt", make(tmp_path))
    assert isinstance(result, SeedError)
    assert words in result.reason
    assert "\n" not in str(result) and str(result).startswith("photo.txt: ")


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("ПРИВЕТ МИР", "cp1251"),  # as good Arabic in Windows-1256, or KOI8-R Russian
        ("مرحبا", "cp1256"),  # one word: as good as "Цямхг" in KOI8-R
        (UKRAINIAN[:80], "cp1251"),  # too short for letter statistics: 1251 or KZ-1048?
    ],
)
def test_ambiguous_legacy_text_is_refused_not_guessed(text: str, codec: str) -> None:
    result = decode_seed("short.txt", text.encode(codec))
    assert isinstance(result, SeedError)
    assert "can't be told" in result.reason and "UTF-8" in result.reason


@pytest.mark.parametrize("raw", [b"", b"  \n\t\n", b"\r\n\r\n", "\u00a0 \u3000".encode()])
def test_whitespace_only_seeds_are_errors(raw: bytes) -> None:
    result = decode_seed("blank.txt", raw)
    assert isinstance(result, SeedError) and "empty" in result.reason


def test_odd_file_names_are_seeds(tmp_path: Path) -> None:
    names = ["with space.txt", "Қазақ тілі.txt", ".hidden.txt", "UPPER.TXT", "sub dir/é.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(f"Article {name}", encoding="utf-8")
    seeds = list(read_seeds(tmp_path))
    assert sorted(s.name for s in seeds) == sorted(names)
    assert all(isinstance(s, SeedText) for s in seeds)


def test_unreadable_file_names_are_reported(tmp_path: Path) -> None:
    (tmp_path / "line\nbreak.txt").write_text("text", encoding="utf-8")
    (tmp_path / os.fsdecode(b"latin1-\xe9.txt")).write_text("text", encoding="utf-8")
    results = list(read_seeds(tmp_path))
    assert all(isinstance(r, SeedError) for r in results)
    assert {r.reason.split(";")[0] for r in results if isinstance(r, SeedError)} == {
        "file name contains control characters (a line break?)",
        "file name is not valid UTF-8",
    }
    assert all(str(r).encode("utf-8") for r in results)  # printable, no lone surrogates


def test_other_files_are_noted_but_editor_files_are_not(tmp_path: Path) -> None:
    for name in ["a.txt", "notes.md", "photo.jpg", "stories.yml", "boilerplate.yml", "a.txt~"]:
        (tmp_path / name).write_text("text", encoding="utf-8")
    found = discover(tmp_path)
    assert [p.name for p in found.seeds] == ["a.txt"]
    assert found.notes == (
        "a.txt~: not a .txt file; ignored",
        "notes.md: not a .txt file; ignored",
        "photo.jpg: not a .txt file; ignored",
    )


def test_links_out_of_the_seeds_folder_are_refused(tmp_path: Path) -> None:
    seeds, outside = tmp_path / "seeds", tmp_path / "outside"
    seeds.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("secret text", encoding="utf-8")
    (seeds / "real.txt").write_text("real text", encoding="utf-8")
    (seeds / "out.txt").symlink_to(outside / "secret.txt")
    (seeds / "passwd.txt").symlink_to("/etc/passwd")
    (seeds / "folder").symlink_to(outside, target_is_directory=True)
    (seeds / "inside.txt").symlink_to(seeds / "real.txt")
    (seeds / "broken.txt").symlink_to(seeds / "gone.txt")
    results = {r.name: r for r in read_seeds(seeds)}
    assert set(results) == {
        "broken.txt",
        "folder",
        "inside.txt",
        "out.txt",
        "passwd.txt",
        "real.txt",
    }
    for name in ["out.txt", "passwd.txt", "folder"]:
        assert isinstance(results[name], SeedError)
        assert "outside the seeds folder; refused" in results[name].reason  # type: ignore[union-attr]
    assert isinstance(results["broken.txt"], SeedError)
    assert isinstance(results["inside.txt"], SeedText)
    assert all("secret" not in getattr(r, "text", "") for r in results.values())


def test_a_huge_seed_is_refused_without_being_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        line = ("Lorem ipsum dolor sit amet, " * 3 + "\n").encode()
        handle.write(line * (50 * 1024 * 1024 // len(line) + 1))
    assert big.stat().st_size > 50 * 1024 * 1024
    tracemalloc.start()
    started = time.perf_counter()
    (result,) = list(read_seeds(tmp_path))
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(result, SeedError) and "too large" in result.reason
    assert elapsed < 1.0 and peak < 2 * 1024 * 1024


def test_a_seed_just_under_the_limit_is_read(tmp_path: Path) -> None:
    line = "Министр выступил на форуме.\n".encode()
    (tmp_path / "long.txt").write_bytes(line * (MAX_SEED_BYTES // len(line)))
    (result,) = list(read_seeds(tmp_path))
    assert isinstance(result, SeedText)


def test_special_files_are_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block the build forever
    (result,) = list(read_seeds(tmp_path))
    assert isinstance(result, SeedError) and result.reason == "not a regular file"
