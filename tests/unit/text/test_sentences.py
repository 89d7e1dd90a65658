"""The shared sentence splitter: multilingual cases and a no-character-lost property."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.text.sentences import split_sentences

CASES = [
    ("en", "It rained. Then it stopped.", ["It rained.", "Then it stopped."]),
    ("en quote", 'He said "Go." Then he left.', ['He said "Go."', "Then he left."]),
    ("en title", "Dr. Smith met Sen. Warren and Rep. Geoff Diehl.", None),
    ("en initials", "U.S. officials met J. Smith today.", None),
    (
        "fr guillemets",
        "« Tout le monde le connaissait. » Cependant, il est parti. « Pourquoi ? » a-t-il dit.",
        [
            "« Tout le monde le connaissait. »",
            "Cependant, il est parti.",
            "« Pourquoi ? » a-t-il dit.",
        ],
    ),
    ("ru", "Встреча прошла в Астане. Стороны подписали договор.", 2),
    ("ru abbreviation", "Рост составил 5 млн. тенге и т.д. в этом году.", None),
    ("kk", "Министр сөз сөйледі. Келісім жасалды!", 2),
    ("ar", "وصل الوزير إلى أستانا. هل انتهت المحادثات؟ نعم.", 3),
    ("no stop", "A headline without a stop", None),
    ("empty", "   ", []),
]


@pytest.mark.parametrize(("case", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_split_sentences(case: str, text: str, expected: list[str] | int | None) -> None:
    pieces = split_sentences(text)
    if expected is None:  # one sentence, untouched
        assert pieces == [text], case
    elif isinstance(expected, int):
        assert len(pieces) == expected, (case, pieces)
    else:
        assert pieces == expected, case


@given(st.text(alphabet=st.sampled_from("ab .!?«»\"' \u00a0Дا؟")))
def test_no_character_is_lost(text: str) -> None:
    pieces = split_sentences(text)
    assert "".join("".join(pieces).split()) == "".join(text.split())
    assert all(piece == piece.strip() and piece for piece in pieces)
