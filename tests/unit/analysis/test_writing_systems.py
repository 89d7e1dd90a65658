"""Letters and alphabets: which languages a text's letters rule out, and which they do not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.analysis.writing_systems import (
    alphabet_languages,
    count_letters,
    iso_script,
    kazakh_latin_spelling,
    rules_out,
)

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
    # Kazakh in Latin letters: q ñ ū are no Turkish letters, and it has no ə.
    ("Qazaqstan Respublikasynyñ Ükımetı jaña şaralardy jariialady.", "tr", "kk"),
    ("Hökumət quraqlıqdan sonra fermerləri dəstəkləmək üçün tədbirlər gördü.", "kk", "az"),
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


@pytest.mark.parametrize(
    ("text", "spelling"),
    [
        ("Qazaqstan Respublikasynyñ Ükımetı jaña şaralardy jariialady.", "2021"),
        ("Ukimet qurğaqşylyqtan keiin fermerlerdi qoldaudyñ jaña şaralaryn jariialady.", "2021"),
        ("jäne äielder ony qoldanu kerek.", "2021"),  # q with ä: no European language
        ("Kane Uest: Reper öziniñ atyn İe dep özgertti", "2021"),  # ñ with ö
        ("U'kimet qurg'aqs'ylyqtan kei'in fermerlerdi qolday'dyn' jan'a s'aralaryn.", "2017"),
        # Turkish, Azeri, Turkmen, Uzbek: no q, or letters Kazakh has not
        ("Hükümet kuraklığın ardından çiftçileri desteklemek için önlemler açıkladı.", None),
        ("Hökumət quraqlıqdan sonra fermerləri dəstəkləmək üçün tədbirlər gördü.", None),
        ("Hökümet gurakçylykdan soň daýhanlary goldamak üçin täze çäreleri.", None),
        ("Hukumat fermerlarni qoʻllab-quvvatlash boʻyicha choralar koʻrdi.", None),
        ("Hukumat fermerlarni qo'llab-quvvatlash bo'yicha choralar ko'rdi, ta'lim.", None),
        # German ä ö ü, Spanish ñ, French q and apostrophes (with é à)
        ("Die Bürger wählen in Österreich und Südtirol ähnliche Parteien.", None),
        ("El niño español que llegó a España en año nuevo.", None),
        ("M. Osborne s'est inscrit à une agence après qu'il s'est fait virer.", None),
        ("Правительство объявило о новых мерах.", None),
    ],
)
def test_kazakh_latin_spelling(text: str, spelling: str | None) -> None:
    assert kazakh_latin_spelling(text, count_letters(text)) == spelling


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Үкімет жаңа шараларды жариялады", "Cyrl"),
        ("Ükımet jaña şaralardy jariialady", "Latn"),
        ("政府在干旱之后宣布了支持农民", "Hans"),
        ("政府在乾旱之後宣佈了支持農民", "Hant"),
        ("日本政府は新しい措置を発表した", "Jpan"),
        ("日本", "Hani"),  # the same in both: cannot tell
        ("ꀀꀁ", "Yiii"),
        ("𐍐𐍑", "Zzzz"),  # Old Permic: its letters' names start with "OLD"
        ("", None),
    ],
)
def test_iso_script(text: str, script: str | None) -> None:
    assert iso_script(count_letters(text)) == script


@given(st.text(max_size=100))
def test_a_script_code_is_four_letters(text: str) -> None:
    script = iso_script(count_letters(text))
    assert script is None or (len(script) == 4 and script.istitle())
