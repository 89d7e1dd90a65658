"""`duplicates`: seeds of the same text are published once, the copies listed."""

from __future__ import annotations

import random
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.reading.duplicates import Duplicate, seed_key, split_duplicates, text_key
from generator.records import SeedText


def _seed(name: str, text: str) -> SeedText:
    return SeedText(name, text, "utf-8", name)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Line one\nLine two", "Line one\r\nLine two\r\n"),
        ("Le ministre  a  dit", "Le ministre a dit"),
        ("Le ministre a\u00a0dit", "Le ministre a dit"),  # a no-break space
        ("  Astana\t\n", "Astana"),
        ("L'été à Noël", unicodedata.normalize("NFD", "L'été à Noël")),
        ("Новый закон", unicodedata.normalize("NFD", "Новый закон")),  # й decomposes
        ("Қазақстан жаңалықтары", "Қазақстан\n\nжаңалықтары"),
        ("آخر الأخبار", unicodedata.normalize("NFD", "آخر الأخبار")),  # آ and أ decompose
    ],
)
def test_the_same_text_however_spaced_or_composed_has_one_key(one: str, other: str) -> None:
    assert text_key(one) == text_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Astana", "astana"),  # case is the text
        ("Le ministre a dit.", "Le ministre a dit !"),
        ("Новый закон", "Новый закон."),
        ("اخر الاخبار", "آخر الأخبار"),  # letters without and with hamza and madda
        ("Алматы", "Aлматы"),  # a Latin A that looks Cyrillic
        ("ab", "a b"),  # a space between words is not nothing
    ],
)
def test_different_texts_have_different_keys(one: str, other: str) -> None:
    assert text_key(one) != text_key(other)


def test_a_seeds_key_is_its_texts() -> None:
    assert seed_key(_seed("a.txt", "Текст")) == text_key("Текст  ")


def test_the_first_by_name_is_published_whatever_the_order_given() -> None:
    seeds = [_seed("b.txt", "Same"), _seed("c.txt", "Other"), _seed("a.txt", "Same\r\n")]
    unique, copies = split_duplicates(seeds)
    assert [s.name for s in unique] == ["a.txt", "c.txt"]
    assert copies == [Duplicate(seeds[0], "a.txt")]


def test_every_copy_names_the_one_published() -> None:
    seeds = [_seed(name, "Қазақ") for name in ["kk/3.txt", "kk/1.txt", "kk/2.txt"]]
    _, copies = split_duplicates(seeds)
    assert [(d.seed.name, d.of) for d in copies] == [
        ("kk/2.txt", "kk/1.txt"),
        ("kk/3.txt", "kk/1.txt"),
    ]
    assert str(copies[0]) == "kk/2.txt: same text as kk/1.txt; published once, as kk/1.txt"


def test_keys_given_are_used_instead_of_the_texts() -> None:
    seeds = [_seed("a.txt", "One"), _seed("b.txt", "Two"), _seed("c.txt", "One")]
    unique, copies = split_duplicates(seeds, ["k", "k", "j"])
    assert [s.name for s in unique] == ["a.txt", "c.txt"]
    assert [(d.seed.name, d.of) for d in copies] == [("b.txt", "a.txt")]


def test_a_key_missing_for_a_seed_is_an_error_not_a_silent_skip() -> None:
    with pytest.raises(ValueError):
        split_duplicates([_seed("a.txt", "One"), _seed("b.txt", "Two")], ["k"])


TEXTS = st.sampled_from(
    ["Astana", "Astana\n", "Астана", "آستانا", "Astana!", "été", "e\u0301te\u0301"]
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from("abcdefgh"), TEXTS), unique_by=lambda p: p[0]),
    st.randoms(use_true_random=False),
)
def test_the_split_is_a_partition_and_ignores_the_order_given(
    pairs: list[tuple[str, str]], shuffle: random.Random
) -> None:
    seeds = [_seed(f"{name}.txt", text) for name, text in pairs]
    unique, copies = split_duplicates(seeds)
    assert sorted(s.name for s in [*unique, *(d.seed for d in copies)]) == sorted(
        s.name for s in seeds
    )
    assert len({seed_key(s) for s in unique}) == len(unique)  # one of each text
    published = {s.name for s in unique}
    assert all(d.of in published and d.of < d.seed.name for d in copies)
    again = list(seeds)
    shuffle.shuffle(again)
    assert split_duplicates(again) == (unique, copies)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_the_key_ignores_the_unicode_form(text: str) -> None:
    for form in ("NFC", "NFD"):
        assert text_key(unicodedata.normalize(form, text)) == text_key(text)
