"""Stage detect language: the right ISO 639-1 code, or "und" with a reason."""

from __future__ import annotations

import pytest

from generator.detect import detect_language

CASES = [
    ("en", "The foreign ministers discussed cooperation in the fight against the pandemic."),
    ("fr", "Les ministres des Affaires étrangères ont discuté de la coopération."),
    ("ru", "Министры иностранных дел обсудили сотрудничество в борьбе с пандемией."),
    ("kk", "Мемлекет басшысы БҰҰ-ның Бас хатшысымен телефон арқылы сөйлесті."),
    ("ar", "التقى وزير الخارجية الصيني مع وزير الخارجية القازاقي هنا يوم الخميس."),
    ("de", "Die Außenminister sprachen über die Zusammenarbeit im Kampf gegen die Pandemie."),
]


@pytest.mark.parametrize(("code", "text"), CASES)
def test_detects_language(code: str, text: str) -> None:
    assert detect_language(text).code == code


@pytest.mark.parametrize("text", ["", "12 345 — 2021", "!!! ???"])
def test_no_letters_is_undetermined_with_a_reason(text: str) -> None:
    language = detect_language(text)
    assert language.code == "und"
    assert language.reason
