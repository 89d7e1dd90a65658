"""Letters and alphabets: which languages a text's letters rule out, and which they do not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.analysis.writing_systems import alphabet_languages, count_letters, rules_out

# (text, a language its letters rule out, a language they allow)
RULES = [
    ("Ҳукумат пас аз хушксолӣ барои дастгирии деҳқонон чораҳои нав эълон кард.", "ru", "tg"),
    ("Ҳукумат пас аз хушксолӣ барои дастгирии деҳқонон чораҳои нав эълон кард.", "kk", "tg"),
    ("Өкмөт кургакчылыктан кийин фермерлерди колдоонун жаңы чараларын жарыялады.", "ru", "ky"),
    ("Үкімет құрғақшылықтан кейін фермерлерді қолдау шараларын жариялады.", "ky", "kk"),
    ("Уряд оголосив про нові заходи підтримки фермерів після посухи.", "ru", "uk"),
    ("Правительство объявило о новых мерах поддержки фермеров.", "uk", "ru"),
    ("Җыелышта хөкүмәт җитәкчеләре яңа чаралар игълан итте.", "ba", "tt"),
    ("Hökumət quraqlıqdan sonra fermerləri dəstəkləmək üçün tədbirlər gördü.", "tr", "az"),
    ("Hökümet gurakçylykdan soň daýhanlary goldamak üçin täze çäreleri.", "tr", "tk"),
    ("Hukumat fermerlarni qo'llab-quvvatlash bo'yicha choralar ko'rdi.", "tr", "uz"),
    ("ھۆكۈمەت قۇرغاقچىلىقتىن كېيىن دېھقانلارنى قوللاش ئۈچۈن يېڭى تەدبىرلەر.", "ar", "ug"),
    ("ھۆكۈمەت قۇرغاقچىلىقتىن كېيىن دېھقانلارنى قوللاش ئۈچۈن يېڭى تەدبىرلەر.", "fa", "ug"),
    ("The minister met farmers in Bishkek on Monday.", "ru", "en"),
    # Names from other alphabets are not evidence: Turkish keeps Sigur Rós and Fjögur Píanó.
    ('İzlandalı grup Sigur Rós, "Fjögur Píanó" şarkısı için video yayınladı.', "ar", "tr"),
    # A Persian headline may be half English names.
    ("بررسی Johnny English Strikes Again - فیلم ضعیف Rowan Atkinson", "ru", "fa"),
    # Arabic tatweel is no letter.
    ("العالم ـوبالتالي المملكة المتحدةـ يواجه نقصاً في المهارات.", "ug", "ar"),
]


@pytest.mark.parametrize(("text", "ruled_out", "allowed"), RULES)
def test_letters_rule_out_and_allow(text: str, ruled_out: str, allowed: str) -> None:
    letters = count_letters(text)
    assert rules_out(ruled_out, letters)
    assert rules_out(allowed, letters) is None


@pytest.mark.parametrize(
    ("text", "fits"),
    [
        ("Ҳүкимет фермерлерге жәрдем бериў ушын жаңа илажларды жәриялады.", ["kaa"]),
        ("Húkimet qurǵaqshılıqtan keyin fermerlerge jańa ilajlardı járiyaladı.", ["kaa"]),
    ],
)
def test_only_karakalpak_alphabet_fits(text: str, fits: list[str]) -> None:
    assert alphabet_languages(count_letters(text)) == fits


def test_typing_habits_are_folded() -> None:
    assert count_letters("жаӊы").by_script["Cyrillic"]["ң"] == 1
    assert count_letters("o'zbek g‘alaba").by_script["Latin"]["ʻ"] == 2


@given(st.text(max_size=200))
def test_letter_counts_never_exceed_the_text(text: str) -> None:
    letters = count_letters(text)
    assert 0 <= letters.total <= len(text) * 3  # NFKC may expand a ligature
    assert (letters.main_script is None) == (letters.total == 0)


@given(st.text(st.sampled_from(list("ӊҥңНнoʻ'gG ")) | st.characters(), max_size=40))
def test_lookalikes_are_read_as_the_letter_they_imitate(text: str) -> None:
    assert count_letters(text) == count_letters(text.replace("ӊ", "ң").replace("ҥ", "ң"))
