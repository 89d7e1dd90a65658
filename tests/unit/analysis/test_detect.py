"""Stage detect language: the right ISO 639 code, or "und" with a reason and the candidates."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace

import pytest
from conftest import FIXTURES, SHARED_EVAL
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.analysis.clean import clean_text
from generator.analysis.detect import detect_language, detect_script
from generator.reading.files import read_seeds
from generator.records import SeedError
from generator.text.kazakh_latin import to_latin

# One short news sentence per language, written for these tests. Rows next to each other are
# the confusable ones: the same sentence in close relatives or in the same script.
CASES = [
    ("en", "The government announced new measures to support farmers after the drought."),
    ("fr", "Le gouvernement a annoncé de nouvelles mesures pour soutenir les agriculteurs."),
    ("de", "Die Regierung kündigte nach der Dürre neue Maßnahmen für die Landwirte an."),
    # Cyrillic: Russian and its neighbours
    ("ru", "Правительство объявило о новых мерах поддержки фермеров после засухи."),
    ("uk", "Уряд оголосив про нові заходи підтримки фермерів після посухи."),
    ("bg", "Правителството обяви нови мерки за подкрепа на земеделските производители."),
    ("kk", "Үкімет құрғақшылықтан кейін фермерлерді қолдаудың жаңа шараларын жариялады."),
    ("ky", "Өкмөт кургакчылыктан кийин фермерлерди колдоонун жаңы чараларын жарыялады."),
    ("tg", "Ҳукумат пас аз хушксолӣ барои дастгирии деҳқонон чораҳои нав эълон кард."),
    ("mn", "Засгийн газар ган гачгийн дараа тариаланчдыг дэмжих шинэ арга хэмжээ авна."),
    ("tt", "Хөкүмәт корылыктан соң фермерларга ярдәм итү өчен яңа чаралар игълан итте."),
    ("ba", "Хөкүмәт ҡоролоҡтан һуң фермерҙарға ярҙам итеү өсөн яңы саралар иғлан итте."),
    ("uz", "Ҳукумат қурғоқчиликдан кейин фермерларни қўллаб-қувватлаш бўйича янги чоралар кўрди."),
    # Karakalpak: no model knows it; only its alphabet (ў with ә ң ү, or ǵ ń ı) fits.
    ("kaa", "Ҳүкимет қурғақшылықтан кейин фермерлерге жәрдем бериў ушын жаңа илажларды жәриялады."),
    (
        "kaa",
        "Húkimet qurǵaqshılıqtan keyin fermerlerge járdem beriw ushın jańa ilajlardı járiyaladı.",
    ),
    # Latin Turkic: Uzbek (oʻ typed three ways), Turkish, Azerbaijani, Turkmen
    (
        "uz",
        "Hukumat qurgʻoqchilikdan keyin fermerlarni qoʻllab-quvvatlash boʻyicha choralar koʻrdi.",
    ),
    (
        "uz",
        "Hukumat qurg'oqchilikdan keyin fermerlarni qo'llab-quvvatlash bo'yicha choralar ko'rdi.",
    ),
    ("uz", "Prezident Toshkentda xorijiy investorlar bilan uchrashdi va yangi loyihalarni ko‘rdi."),
    ("tr", "Hükümet kuraklığın ardından çiftçileri desteklemek için yeni önlemler açıkladı."),
    ("az", "Hökumət quraqlıqdan sonra fermerləri dəstəkləmək üçün yeni tədbirlər elan etdi."),
    ("tk", "Hökümet gurakçylykdan soň daýhanlary goldamak üçin täze çäreleri yglan etdi."),
    # Kazakh in Latin letters, which the models call Turkish: the 2021 alphabet, without ū
    # and ı, a headline in capitals typed without Turkish casing, the 2017 apostrophes.
    ("kk", "Ükımet qūrğaqşylyqtan keiın fermerlerdı qoldaudyñ jaña şaralaryn jariialady."),
    ("kk", "Ukimet qurğaqşylyqtan keiin fermerlerdi qoldaudyñ jaña şaralaryn jariialady."),
    ("kk", "MEMLEKET BASŞYSY BŪŪ-NYÑ BAS HATŞYSYMEN TELEFON ARQYLY SÖILESTI"),
    ("kk", "U'kimet qurg'aqs'ylyqtan kei'in fermerlerdi qolday'dyn' jan'a s'aralaryn jari'ialady."),
    # ... but a q in a Turkish name (Qatar), q and apostrophes in French, ä ö ü in German,
    # ñ in Spanish make no Kazakh.
    ("tr", "Qatar Airways uçağı İstanbul Havalimanına iniş yaptı."),
    ("fr", "M. Osborne s'est inscrit à une agence de conférenciers après qu'il s'est fait virer."),
    ("de", "Die Bürger wählen in Österreich und Südtirol ähnliche Parteien."),
    ("es", "El niño español que llegó a España en año nuevo."),
    # Arabic script: Uyghur, Arabic, Persian, Urdu, Pashto
    ("ug", "ھۆكۈمەت قۇرغاقچىلىقتىن كېيىن دېھقانلارنى قوللاش ئۈچۈن يېڭى تەدبىرلەرنى ئېلان قىلدى."),
    ("ar", "أعلنت الحكومة عن إجراءات جديدة لدعم المزارعين بعد الجفاف."),
    ("fa", "دولت پس از خشکسالی اقدامات تازه‌ای برای حمایت از کشاورزان اعلام کرد."),
    ("ur", "حکومت نے خشک سالی کے بعد کسانوں کی مدد کے لیے نئے اقدامات کا اعلان کیا۔"),
    ("ps", "حکومت د وچکالۍ وروسته د بزګرانو د ملاتړ لپاره نوې اقدامات اعلان کړل."),
    # Kurdish: Sorani in Arabic script (right to left), Kurmanji in Latin.
    ("ckb", "حکومەت دوای وشکەساڵی ڕێوشوێنی نوێی بۆ پشتگیری جووتیاران ڕاگەیاند."),
    ("ku", "Hikûmetê piştî ziwabûnê ji bo piştgiriya cotkaran tedbîrên nû ragihand."),
    ("zh", "政府在干旱之后宣布了支持农民的新措施。"),
    # Names in another alphabet do not make an English or Turkish text Icelandic.
    ("en", 'In 2012 the Icelandic band Sigur Rós released a video for the song "Fjögur Píanó".'),
    ("tr", 'İzlandalı grup Sigur Rós, 2012\'de "Fjögur Píanó" şarkısı için bir video yayınladı.'),
    # The five seeds' languages, as before.
    ("kk", "Мемлекет басшысы БҰҰ-ның Бас хатшысымен телефон арқылы сөйлесті."),
    ("ar", "التقى وزير الخارجية الصيني مع وزير الخارجية القازاقي هنا يوم الخميس."),
]


@pytest.mark.parametrize(("code", "text"), CASES)
def test_detects_language(code: str, text: str) -> None:
    assert detect_language(text).code == code


@pytest.mark.parametrize("text", ["", "12 345 — 2021", "!!! ???", "Ok", "№ 5"])
def test_too_few_letters_is_undetermined_with_a_reason(text: str) -> None:
    language = detect_language(text)
    assert language.code == "und"
    assert language.reason


@pytest.mark.parametrize("text", ["xkq zzv prrt wq", "BBC CNN NATO OPEC"])
def test_no_sure_model_is_undetermined_with_candidates(text: str) -> None:
    language = detect_language(text)
    assert language.code == "und"
    assert language.reason
    assert language.candidates


def test_a_decision_names_the_models_and_candidates() -> None:
    language = detect_language(CASES[0][1])
    assert "fasttext" in language.reason
    assert language.candidates[0][0] == "en"
    assert 0.5 < language.confidence <= 1.0


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gets_a_code_or_und_with_a_reason(text: str) -> None:
    language = detect_language(text)
    assert language.code == "und" or language.code.isalpha()
    assert language.reason
    assert 0.0 <= language.confidence <= 1.0


@pytest.mark.slow
def test_region12_floor_in_every_language() -> None:
    corpus = SHARED_EVAL / "ntrex-dev" / "region12"
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is absent")
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for seed in read_seeds(corpus / "seeds"):
        assert not isinstance(seed, SeedError), seed
        expected = truth[seed.name]["lang"]
        total[expected] += 1
        right[expected] += detect_language("\n".join(clean_text(seed).paragraphs)).code == expected
    assert len(total) == 12
    assert {
        lang: right[lang] / total[lang] for lang in total if right[lang] < 0.98 * total[lang]
    } == {}


def test_kazakh_in_latin_letters_says_how_it_was_read() -> None:
    language = detect_language(_fixture("article_latn.txt"))
    assert language.code == "kk"
    assert "Kazakh Latin" in language.reason
    assert language.candidates[0][0] == "kk"


def _fixture(name: str) -> str:
    return (FIXTURES / "kazakh" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "script"),
    [
        (_fixture("article_cyrl.txt"), "Cyrl"),
        (_fixture("article_latn.txt"), "Latn"),
        ("ھۆكۈمەت قۇرغاقچىلىقتىن كېيىن دېھقانلارنى قوللاش", "Arab"),
        ("政府在干旱之后宣布了支持农民的新措施。", "Hans"),
        ("政府在乾旱之後宣佈了支持農民的新措施。", "Hant"),
        ("日本政府は新しい措置を発表した。", "Jpan"),
        ("정부는 새로운 조치를 발표했다", "Hang"),
        ("Κυβέρνηση", "Grek"),
        ("BBC — «Қазақстан» жаңалықтары", "Cyrl"),  # most of the letters
        ("12 345 — 2021", None),
    ],
)
def test_script_is_the_iso_15924_code_of_most_letters(text: str, script: str | None) -> None:
    assert detect_script(text) == script


@pytest.mark.slow
@pytest.mark.parametrize("spelling", ["2021", "2017"])
def test_region12_kazakh_in_latin_letters(spelling: str) -> None:
    corpus = SHARED_EVAL / "ntrex-dev" / "region12"
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is absent")
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    found: Counter[str] = Counter()
    for seed in read_seeds(corpus / "seeds"):
        assert not isinstance(seed, SeedError), seed
        if truth[seed.name]["lang"] == "kk":
            latin = to_latin(seed.text) if spelling == "2021" else _apostrophes(seed.text)
            cleaned = clean_text(replace(seed, text=latin))
            found[detect_language("\n".join(cleaned.paragraphs)).code] += 1
    assert found["kk"] >= 0.98 * sum(found.values())
    assert found["tr"] == 0


_APOSTROPHE_LETTERS = str.maketrans(
    {"ә": "a'", "ғ": "g'", "ң": "n'", "ө": "o'", "ү": "u'", "ш": "s'", "ч": "c'", "и": "i'",
     "й": "i'", "у": "y'", "ұ": "u", "і": "i"}
)  # fmt: skip


def _apostrophes(text: str) -> str:
    """The 2017 spelling, small letters only: enough for the models."""
    return to_latin(text.lower().translate(_APOSTROPHE_LETTERS))


def test_a_headline_with_a_spurious_cld2_guess_stays_arabic() -> None:
    text = "ليفينغستون- رينجرز 1 - 0: مينجا يفوز علىفريق جيرارد بهدف"
    assert detect_language(text).code == "ar"
