"""Language table: native names for the switcher and indexes, and writing direction."""

from __future__ import annotations

import pytest

from generator.text.languages import NATIVE_NAMES, direction, native_name

REGION = {
    "kk": "Қазақша",
    "ky": "Кыргызча",
    "uz": "Oʻzbekcha",
    "tg": "Тоҷикӣ",
    "tk": "Türkmençe",
    "ug": "ئۇيغۇرچە",
    "mn": "Монгол",
    "az": "Azərbaycanca",
    "fa": "فارسی",
    "uk": "Українська",
    "ru": "Русский",
    "tt": "Татарча",
    "ba": "Башҡортса",
    "kaa": "Qaraqalpaqsha",
}


@pytest.mark.parametrize(("code", "name"), sorted(REGION.items()))
def test_native_names_of_the_region(code: str, name: str) -> None:
    assert native_name(code) == name


def test_unknown_code_falls_back_to_the_code() -> None:
    assert native_name("xyz") == "xyz"
    assert direction("xyz") == "ltr"


@pytest.mark.parametrize("code", ["ug", "fa", "ur", "ar", "he", "ps", "sd", "ckb", "dv", "yi"])
def test_right_to_left(code: str) -> None:
    assert direction(code) == "rtl"


@pytest.mark.parametrize("code", ["kk", "ky", "uz", "tg", "tk", "mn", "az", "tr", "ru", "zh"])
def test_left_to_right(code: str) -> None:
    assert direction(code) == "ltr"


def test_every_name_is_its_own_and_not_the_code() -> None:
    assert all(name and name != code for code, name in NATIVE_NAMES.items())
