"""Readable slugs from titles in any script (ASCII, or the letters of a right-to-left
language), and a suffix that depends only on the
seed when two titles make the same slug."""

from __future__ import annotations

import hashlib
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.text.invisible import BIDI_CONTROLS, ZERO_WIDTH, ZWNJ
from generator.text.slug import MAX_LENGTH, disambiguate, make_slug

HIDDEN = BIDI_CONTROLS + ZERO_WIDTH  # never in a title, a name or a slug

# Half the characters at stake, half any (`st.text` would merge the two alphabets into one
# range of code points, where the few invisible ones are seldom drawn).
CHARS = st.sampled_from(HIDDEN + ZWNJ + " aдب\u064e.#") | st.characters(
    blacklist_categories=("Cs",)
)
TEXT = st.lists(CHARS, max_size=160).map("".join)  # past MAX_TITLE_CHARS: titles are cut


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Paris summit opens today", "paris-summit-opens-today"),
        ("Déclaration conjointe", "declaration-conjointe"),
        ("Саммит в Париже", "sammit-v-parizhe"),
        ("Қазақстан жаңа мектеп ашты", "kazakstan-zhana-mektep-ashty"),
        ("وزيرا خارجية الصين وقازاقستان", "wzyr-khrjy-lsyn-wqzqstn"),
        ("中国与哈萨克斯坦", "zhong-guo-yu-ha-sa-ke-si-tan"),
        ("Pa\u200bris \u202esummit", "paris-summit"),  # not "pa-ris"
    ],
)
def test_a_title_in_any_script_makes_a_readable_slug(title: str, slug: str) -> None:
    assert make_slug(title, "seed.txt") == slug


@pytest.mark.parametrize(
    ("title", "lang", "slug"),
    [
        # Kazakh through its 2021 Latin alphabet: ә, ұ, қ, ң have no Russian reading.
        ("Қазақстан әлемде", "kk", "qazaqstan-alemde"),
        ("Қазақстан жаңа мектеп ашты", "kk", "qazaqstan-jana-mektep-asty"),
        ("Qazaqstan älemde", "kk-Latn", "qazaqstan-alemde"),
        ("Саммит в Париже", "ru", "sammit-v-parizhe"),
        # Right-to-left languages keep their letters, without vowel marks or tatweel.
        ("وزيرا خارجية الصين وقازاقستان", "ar", "وزيرا-خارجية-الصين-وقازاقستان"),
        ("مُحَمَّدٌ رســول", "ar", "محمد-رسول"),
        ("پلیس یک مرد را دستگیر کرد", "fa", "پلیس-یک-مرد-را-دستگیر-کرد"),
        ("ۋېلىسپىت مۇسابىقىسى", "ug", "ۋېلىسپىت-مۇسابىقىسى"),
        ("!!! ؟؟؟", "ar", "seed-txt"),
    ],
)
def test_a_title_takes_the_slug_its_language_reads(title: str, lang: str, slug: str) -> None:
    assert make_slug(title, "seed.txt", lang) == slug


@given(TEXT, st.sampled_from(["ar", "fa", "ug", "kk", "en"]))
def test_a_slug_in_any_language_is_one_path_segment_of_letters_and_hyphens(
    text: str, lang: str
) -> None:
    slug = make_slug(text, "seed.txt", lang)
    assert re.fullmatch(r"[^\W_]+(?:-[^\W_]+)*", slug), slug
    assert len(slug) <= MAX_LENGTH and not set(slug) & set(HIDDEN)


def test_a_long_title_is_cut_at_a_word() -> None:
    title = "Президент Түркістан облысына жұмыс сапарымен барды деп хабарлайды zakon.kz агенттігі"
    slug = make_slug(title, "seed.txt")
    assert slug == "prezident-turkistan-oblysyna-zhumys-saparymen-bardy-dep"  # not "-khab"
    assert len(slug) <= MAX_LENGTH


@pytest.mark.parametrize(
    ("title", "fallback", "slug"),
    [
        ("!!! ???", "seed-01.txt", "seed-01-txt"),
        ("", "Сид.txt", "sid-txt"),
        ("\u200b\u202e", "", "untitled"),
    ],
)
def test_a_title_with_nothing_to_slug_takes_the_fallback(
    title: str, fallback: str, slug: str
) -> None:
    assert make_slug(title, fallback) == slug


@given(TEXT, st.lists(st.sampled_from(HIDDEN + ZWNJ)), st.randoms(use_true_random=False))
def test_invisible_characters_change_no_slug(text: str, hidden: list[str], rng: object) -> None:
    clean = "".join(c for c in text if c not in HIDDEN + ZWNJ)
    spliced = list(clean)
    for char in hidden:
        spliced.insert(rng.randrange(len(spliced) + 1), char)  # type: ignore[attr-defined]
    slug = make_slug("".join(spliced), "seed.txt")
    assert slug == make_slug(clean, "seed.txt")
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)


DIGEST = hashlib.sha1(b"b.txt").hexdigest()


@pytest.mark.parametrize(
    ("taken", "expected"),
    [
        (set(), "paris"),
        ({"paris"}, f"paris-{DIGEST[:6]}"),
        ({"paris", f"paris-{DIGEST[:6]}"}, f"paris-{DIGEST[:8]}"),
        ({"other"}, "paris"),
    ],
)
def test_a_taken_slug_gets_the_seeds_suffix(taken: set[str], expected: str) -> None:
    assert disambiguate("paris", "b.txt", taken) == expected


def test_the_suffix_depends_on_the_seed_alone() -> None:
    few, many = {"paris"}, {"paris", "paris-000000", "paris-summit"}
    assert disambiguate("paris", "b.txt", few) == disambiguate("paris", "b.txt", many)
    assert disambiguate("paris", "b.txt", few) != disambiguate("paris", "c.txt", few)


def test_no_free_suffix_is_an_error() -> None:
    taken = {"paris"} | {f"paris-{DIGEST[:width]}" for width in range(6, 41, 2)}
    with pytest.raises(ValueError, match=r"b\.txt"):
        disambiguate("paris", "b.txt", taken)
