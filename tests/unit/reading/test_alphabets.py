"""`alphabets.plausibility`: does a decoded text read like real writing, or like mojibake?"""

from __future__ import annotations

from unicodedata import category

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.reading.alphabets import ALPHABETS, MIN_SCORE, plausibility, script_of

RUSSIAN = "Министр иностранных дел Казахстана выступил на форуме. Он заявил о сотрудничестве."
KAZAKH = (
    "Қазақстан Республикасының Сыртқы істер министрі Пекинде сөз сөйледі."
    " Ол ынтымақтастық туралы айтты."
)
ARABIC = "وزير الخارجية الكازاخستاني يتحدث في منتدى الحزام والطريق في بكين."
FRENCH = "Le ministre a déclaré à Noël qu'il était très ému par l'accueil reçu à Astana."


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("The minister spoke at the forum in Beijing.", ""),  # no letter beyond ASCII
        (FRENCH, "LATIN"),
        ("Der Außenminister sprach über die Zusammenarbeit mit Österreich.", "LATIN"),
        (RUSSIAN, "CYRILLIC"),
        (KAZAKH, "CYRILLIC"),
        (
            "Міністр закордонних справ України виступив на форумі. Він заявив про співпрацю.",
            "CYRILLIC",
        ),
        (ARABIC, "ARABIC"),
        ("L’État — « oui » : 25 % de plus.", "LATIN"),  # typographic punctuation is not a letter
    ],
)
def test_real_text_reads_as_real(text: str, script: str) -> None:
    judged = plausibility(text)
    assert judged.score >= MIN_SCORE and judged.rank >= MIN_SCORE
    assert judged.script == script and judged.misfits == 0


@pytest.mark.parametrize(
    ("wrong", "reason"),
    [
        (RUSSIAN.encode("cp1251").decode("latin-1"), "mostly accented letters"),  # "Ìèíèñòð"
        (RUSSIAN.encode("utf-8").decode("cp1252", "replace"), "mostly accented letters"),  # "Ð"
        (FRENCH.encode("utf-8").decode("latin-1"), "latin letters outside any one alphabet"),
        (RUSSIAN.encode("koi8-r").decode("cp1251"), "cyrillic letters outside any one alphabet"),
        (ARABIC.encode("cp1256").decode("cp1251"), "cyrillic letters outside any one alphabet"),
        ("Bonjoцr le monde, ça va très bien aujourd'hui", "letters of several scripts"),
        ("Breaking news 🎉🎉 today", "symbols or format characters instead of letters"),
        ("Hello\x07 world", "control character U+0007"),
        ("A\ue000B", "control character U+E000"),  # private use: no code page's letter
    ],
)
def test_mojibake_reads_as_mojibake_and_says_why(wrong: str, reason: str) -> None:
    judged = plausibility(wrong)
    assert judged.score < MIN_SCORE
    assert judged.reason == reason


@pytest.mark.parametrize(
    ("text", "right", "wrong"),
    [
        (KAZAKH, "kz1048", "cp1251"),  # "Ќазаќстан": letters of no one alphabet
        (RUSSIAN, "koi8-r", "cp1251"),  # "нЙОЙУФТ": capitals inside words
        (RUSSIAN, "cp1251", "koi8-r"),
        (ARABIC, "cp1256", "cp1251"),
    ],
)
def test_the_right_reading_ranks_above_the_wrong_one(text: str, right: str, wrong: str) -> None:
    good = plausibility(text.encode(right).decode(right))
    bad = plausibility(text.encode(right).decode(wrong, "replace"))
    assert (good.score, good.rank, -good.misfits) > (bad.score, bad.rank, -bad.misfits)


def test_small_letters_where_sentences_begin_lower_the_rank_not_the_score() -> None:
    """ "ќривет" for "Привет": a reading that keeps the score, but not the capitals."""
    right = plausibility("Привет. Как дела? Хорошо.")
    small = plausibility("привет. как дела? хорошо.")
    assert small.score == right.score
    assert small.rank < right.rank


def test_capitals_throughout_lower_the_rank() -> None:
    """ "РТПУМХЫЙ" is how KOI8-R looks read as Windows-1251: all capitals."""
    assert (
        plausibility("ПРИВЕТСТВУЕМ УЧАСТНИКОВ").rank < plausibility("Приветствуем участников").rank
    )


def test_a_text_of_few_letters_may_be_all_accents() -> None:
    assert plausibility("été").score >= MIN_SCORE  # short and real: the share rule waits
    assert plausibility("été " * 10).score < MIN_SCORE


@pytest.mark.parametrize(
    ("char", "script"),
    [
        ("a", "LATIN"),
        ("é", "LATIN"),
        ("ж", "CYRILLIC"),
        ("Қ", "CYRILLIC"),
        ("ә", "CYRILLIC"),
        ("ب", "ARABIC"),
        ("٣", "ARABIC-INDIC"),
        ("中", "CJK"),
        ("\x07", ""),  # no name: a control character
        ("\U000effff", ""),  # unassigned
    ],
)
def test_script_of_a_character_is_the_first_word_of_its_name(char: str, script: str) -> None:
    assert script_of(char) == script


@pytest.mark.parametrize("name", sorted(ALPHABETS))
def test_alphabets_are_lower_case_letters_and_marks_beyond_ascii(name: str) -> None:
    """Letters are compared lower-cased: a capital in an alphabet could never match.
    Arabic's harakat are combining marks."""
    letters = ALPHABETS[name]
    assert all(category(c)[0] in "LM" and c == c.lower() and not c.isascii() for c in letters)


FAST = settings(max_examples=200, deadline=None)


@FAST
@given(
    st.text(
        alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E) | st.sampled_from("\t\n\r")
    )
)
def test_any_printable_ascii_text_reads_as_real(text: str) -> None:
    judged = plausibility(text)
    assert judged.score == 1.0 and judged.rank == 1.0


@FAST
@given(st.text(max_size=300))
def test_the_rank_never_exceeds_the_score_nor_the_score_one(text: str) -> None:
    judged = plausibility(text)
    assert judged.rank <= judged.score <= 1.0
