"""Language table: native names for the switcher and indexes, and writing direction."""

from __future__ import annotations

import pytest

from generator.text.languages import (
    NATIVE_NAMES,
    default_script,
    direction,
    language_tag,
    native_name,
)

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


@pytest.mark.parametrize(
    ("code", "script", "tag"),
    [
        ("kk", "Cyrl", "kk"),
        ("kk", "Latn", "kk-Latn"),
        ("uz", "Latn", "uz"),
        ("uz", "Cyrl", "uz-Cyrl"),
        ("en", "Latn", "en"),
        ("zh", "Hans", "zh"),
        ("zh", "Hant", "zh-Hant"),
        ("zh", "Hani", "zh"),  # the characters did not tell
        ("kk", None, "kk"),
        ("und", "Latn", "und"),
    ],
)
def test_a_tag_names_the_script_only_when_it_is_not_the_usual_one(
    code: str, script: str | None, tag: str
) -> None:
    assert language_tag(code, script) == tag


def test_script_variants_have_names_and_directions() -> None:
    assert native_name("kk-Latn") == "Qazaqşa"
    assert native_name("kk") == "Қазақша"
    assert native_name("uz-Cyrl") == "Ўзбекча"
    assert native_name("ru-Latn") == "Русский"  # no name of its own: the language's
    assert direction("ug-Latn") == "ltr"
    assert direction("kk-Arab") == "rtl"
    assert default_script("kk") == "Cyrl"
    assert default_script("fr") == "Latn"
