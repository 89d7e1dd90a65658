"""Kazakh between Cyrillic and the 2021 Latin alphabet: the official table, capitals, the
letters Latin merges, and the 2017 apostrophe spelling read back."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from hypothesis import given
from hypothesis import strategies as st

from generator.text.kazakh_latin import (
    looks_apostrophe_spelled,
    read_as_cyrillic,
    to_cyrillic,
    to_latin,
)

KAZAKH_CYRILLIC = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Қазақстан Республикасы", "Qazaqstan Respublikasy"),
        # і is dotless ı (capital I), и and й are dotted i (capital İ), ы is y
        ("бір кісі", "bır kısı"),
        ("Ілияс", "Iliias"),
        ("Иран", "İran"),
        ("үйіне", "üiıne"),
        ("қалайын", "qalaiyn"),
        # the letters of the 2021 alphabet beyond a-z
        ("әлем ағаш ең өзен ұлы үй", "älem ağaş eñ özen ūly üi"),
        # loanword letters, as Kazakh says them; the signs are dropped
        ("цирк чемпион щетка съезд", "sirk şempion şetka sezd"),
        ("хабар һәм", "habar häm"),
        # two Latin letters for one Cyrillic: both capitals in a word in capitals
        ("Ясауи", "İasaui"),
        ("ЮНЕСКО", "İUNESKO"),
        ("Ёлка", "İolka"),
        # the transliteration on Wikipedia's page of Kazakh alphabets
        ("Бұрыңғы өткен заманда, бір данышпан кісі", "Būryñğy ötken zamanda, bır danyşpan kısı"),
        # anything else is kept
        ("BBC: 2021 жыл — «жаңа»", "BBC: 2021 jyl — «jaña»"),
    ],
)
def test_to_latin_follows_the_2021_table(cyrillic: str, latin: str) -> None:
    assert to_latin(cyrillic) == latin


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Qazaqstan Respublikasy", "Қазақстан Республикасы"),
        ("üiıne qalaiyn", "үйіне қалайын"),  # i after a vowel is й
        ("Būryñğy ötken zamanda", "Бұрыңғы өткен заманда"),
        ("İRAN", "ИРАН"),
    ],
)
def test_to_cyrillic_undoes_the_2021_spelling(latin: str, cyrillic: str) -> None:
    assert to_cyrillic(latin) == cyrillic


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Qazaqstan ta'y'elsizdigi", "Қазақстан тәуелсіздігі"),
        ("Memleket bass'ysy", "Мемлекет басшысы"),
        ("jan'a ma'seleler", "жаңа мәселелер"),
        ("o’mir su’ry’", "өмір сүру"),  # ’ as well as '
        ("kezdesy'de", "кездесуде"),
    ],
)
def test_to_cyrillic_reads_the_2017_apostrophe_spelling(latin: str, cyrillic: str) -> None:
    assert to_cyrillic(latin, "2017") == cyrillic


def test_the_fixture_article() -> None:
    folder = FIXTURES / "kazakh"
    cyrillic = (folder / "article_cyrl.txt").read_text(encoding="utf-8")
    latin = (folder / "article_latn.txt").read_text(encoding="utf-8")
    assert to_latin(cyrillic) == latin
    back = to_cyrillic(latin)
    assert back.replace("економика", "экономика") == cyrillic  # э and е merge in Latin


@pytest.mark.parametrize(
    ("text", "apostrophes"),
    [
        ("Qazaqstan ta'y'elsizdigi ku'ni memleket bass'ysy s'ery'en o'tkizdi", True),
        # Uzbek with ASCII apostrophes: oʻ gʻ are its own, a' n' rare, sh and ch many
        ("O'zbekiston ta'lim vazirligi ma'lumot berishicha, shu yil o'quvchilar soni oshdi", False),
        ("Qazaqstan täuelsızdıgı künı memleket basşysy", False),  # the 2021 letters
    ],
)
def test_apostrophe_spelling_is_told_from_uzbek(text: str, apostrophes: bool) -> None:
    assert looks_apostrophe_spelled(text) is apostrophes


CYRILLIC_TEXT = st.text(st.sampled_from(KAZAKH_CYRILLIC + KAZAKH_CYRILLIC.upper() + " .-"))


@given(CYRILLIC_TEXT)
def test_no_cyrillic_letter_survives(text: str) -> None:
    assert not any(c.lower() in KAZAKH_CYRILLIC for c in to_latin(text))


@given(st.text(st.characters(blacklist_categories=("Cs",), max_codepoint=0x3FF)))
def test_text_without_cyrillic_is_kept(text: str) -> None:
    assert to_latin(text) == text


@given(CYRILLIC_TEXT)
def test_cyrillic_read_back_spells_the_same_latin(text: str) -> None:
    """What Latin merges (и/й, ш/ч/щ, х/һ) is lost, nothing else: the round trip is stable."""
    latin = to_latin(text)
    assert to_latin(to_cyrillic(latin)) == latin


def _turkish_lower(text: str) -> str:
    return text.replace("İ", "i").replace("I", "ı").lower()


@given(CYRILLIC_TEXT)
def test_capitals_are_the_small_letters_capitalised(text: str) -> None:
    assert _turkish_lower(to_latin(text)) == to_latin(text.lower())


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Qazaqstan täuelsızdıgı", "Қазақстан тәуелсіздігі"),
        ("Qazaqstan ta'y'elsizdigi", "Қазақстан тәуелсіздігі"),
    ],
)
def test_read_as_cyrillic_finds_the_spelling(latin: str, cyrillic: str) -> None:
    assert read_as_cyrillic(latin) == cyrillic
