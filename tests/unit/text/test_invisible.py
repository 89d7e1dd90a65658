"""Characters a reader cannot see: bidi controls and zero-width characters go from a line
shown alone; the Persian non-joiner stays where it joins no letters of one word."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.text.invisible import (
    BIDI_CONTROLS,
    INVISIBLE,
    ZERO_WIDTH,
    ZWNJ,
    visible,
    without_invisible,
)

HIDDEN = BIDI_CONTROLS + ZERO_WIDTH


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Invoice \u202egnp.exe", "Invoice gnp.exe"),  # displayed "Invoice exe.png" before
        ("\u2067Pa\u200bris\u2069 sum\u2060mit\ufeff", "Paris summit"),
        ("Аста\u200dна\u200b", "Астана"),
        ("Ал\u2066маты\u2069 қаласы", "Алматы қаласы"),
        ("\u200fمرحبا\u061c", "مرحبا"),
        ("\u202bالتقى الوزراء\u202c", "التقى الوزراء"),
        ("می\u200cخواهم", "می\u200cخواهم"),  # Persian: the non-joiner is spelling
        ("مِ\u200cخواهم", "مِ\u200cخواهم"),  # a vowel mark before it: still inside a word
        ("\u200cword\u200c", "word"),  # at an edge
        ("mi\u200c\u200cword", "miword"),  # doubled
        ("word \u200cword", "word word"),  # beside a space
        ("x\u200c1", "x1"),  # beside a digit, which does not join
        ("  \u200b Paris ", "Paris"),
        ("\u200b\u202e\u2069", ""),
    ],
)
def test_visible(text: str, shown: str) -> None:
    assert visible(text) == shown


@pytest.mark.parametrize(
    "text", ["Paris summit", "Саммит в Париже", "Парижде саммит", "قمة باريس", "  spaced  "]
)
def test_a_line_without_invisible_characters_is_returned_as_it_is(text: str) -> None:
    assert visible(text) is text and without_invisible(text) == text


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("می\u200cخواهم", "میخواهم"),  # a slug shows no joining
        ("Pa\u200bris \u202esummit\u202c", "Paris summit"),
        ("  Ақтау\u2060  ", "  Ақтау  "),  # spaces are not its business
    ],
)
def test_without_invisible_drops_the_non_joiner_too(text: str, plain: str) -> None:
    assert without_invisible(text) == plain


# Half the characters at stake, half any (`st.text` would merge the two alphabets into one
# range of code points, where the few invisible ones are seldom drawn).
CHARS = st.sampled_from(HIDDEN + ZWNJ + " aдب\u064e.#") | st.characters(
    blacklist_categories=("Cs",)
)
TEXT = st.lists(CHARS, max_size=60).map("".join)


def _letter(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM"


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_nothing_hidden_is_left_visible(text: str) -> None:
    shown = visible(text)
    assert not any(char in HIDDEN for char in shown), ascii(shown)
    for i, char in enumerate(shown):
        if char == ZWNJ:  # only alone between two letters (or marks)
            assert 0 < i < len(shown) - 1, ascii(shown)
            assert _letter(shown[i - 1]) and _letter(shown[i + 1]), ascii(shown)
    assert visible(shown) == shown


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_without_invisible_drops_exactly_the_invisible_characters(text: str) -> None:
    assert without_invisible(text) == "".join(c for c in text if c not in INVISIBLE)
