"""Packed fields: pickled as bytes, read back equal, unpacked only when read."""

from __future__ import annotations

import dataclasses
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.grouping.vectors import Sentences
from generator.incremental import packed
from generator.records import CleanText, SeedText

# Any string a seed may hold, lone surrogates and NUL included.
ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=()), max_size=50)


def _seed(text: str) -> SeedText:
    return SeedText(name="a.txt", text=text, encoding="utf-8", sha256="0" * 64)


@given(ANY_TEXT)
def test_a_packed_text_reads_back_equal(text: str) -> None:
    seed = _seed(text)
    back = pickle.loads(pickle.dumps(seed, protocol=5))
    assert back == seed and back.text == text and hash(back) == hash(seed)


@given(st.lists(ANY_TEXT, max_size=6).map(tuple))
def test_packed_texts_read_back_equal(paragraphs: tuple[str, ...]) -> None:
    clean = CleanText(paragraphs)
    back = pickle.loads(pickle.dumps(clean, protocol=5))
    assert back.empty == (not paragraphs)  # told before unpacking
    assert back.paragraphs == paragraphs and back == clean


@pytest.mark.parametrize(
    ("paragraphs", "stored"),
    [
        ((), b"0:"),
        (("",), b"1:"),
        (("", ""), b"2:\x00"),
        (("été", "лето"), "2:été\x00лето".encode()),
        (("a\x00b",), ("a\x00b",)),  # holds the separator: kept as it is
    ],
)
def test_what_a_pickle_holds(paragraphs: tuple[str, ...], stored: object) -> None:
    state = CleanText(paragraphs).__getstate__()  # type: ignore[attr-defined]
    assert state["paragraphs"] == stored


def test_a_field_is_unpacked_on_its_first_read_only() -> None:
    back = pickle.loads(pickle.dumps(Sentences("d", ("one", "two")), protocol=5))
    assert type(back.__dict__["texts"]) is bytes  # read back, not yet unpacked
    assert back.digest == "d" and type(back.__dict__["texts"]) is bytes
    assert back.texts == ("one", "two") and back.__dict__["texts"] == ("one", "two")
    again = pickle.loads(pickle.dumps(back, protocol=5))  # packed again on the way out
    assert type(again.__dict__["texts"]) is bytes and again == back


def test_replace_and_repr_see_the_value() -> None:
    back = pickle.loads(pickle.dumps(_seed("Бишкек"), protocol=5))
    assert "Бишкек" in repr(back)
    assert dataclasses.replace(back, name="b.txt").text == "Бишкек"


def test_bytes_that_are_not_utf8_read_back_without_failing() -> None:
    back = pickle.loads(pickle.dumps(_seed("x"), protocol=5))
    back.__dict__["text"] = b"\xff\xfe ok"
    assert back.text.endswith(" ok")


def test_only_fields_without_a_default_can_be_packed() -> None:
    @dataclasses.dataclass(frozen=True)
    class Record:
        a: str
        b: str = ""

    with pytest.raises(TypeError, match=r"Record\.b"):
        packed.fields(b=packed.TEXT)(Record)
    with pytest.raises(TypeError, match=r"Record\.c"):
        packed.fields(c=packed.TEXT)(Record)
