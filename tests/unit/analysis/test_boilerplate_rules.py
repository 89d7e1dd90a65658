"""What one line of boilerplate looks like: phrase lists, line shapes, words and stop words."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.analysis import boilerplate_rules
from generator.analysis.boilerplate_rules import (
    ANYWHERE,
    EDGES,
    core,
    ends_sentence,
    ends_with_period,
    is_chrome,
    is_dateline,
    is_prose,
    phrase_reason,
    rules,
    sentence_count,
    stoplist,
    stopword_density,
    word_count,
)

TEN = {"en", "fr", "ru", "kk", "ar", "de", "es", "zh", "tr", "uk"}


def test_phrase_lists_cover_the_ten_languages() -> None:
    for rule in rules():
        if rule.reason not in ("error report notice",):  # "Ctrl+Enter" is the same everywhere
            assert rule.languages >= TEN, rule.reason


# --- phrase_reason: which rule a line matches, and where it applies ------------------------

REASONS = [
    ("en", "Advertisement", "advertisement", ANYWHERE),
    ("fr", "Publicité", "advertisement", ANYWHERE),
    ("ru", "Реклама", "advertisement", ANYWHERE),
    ("kk", "Жарнама", "advertisement", ANYWHERE),
    ("en", "Share this article", "share buttons", ANYWHERE),
    ("fr", "Partagez cet article:", "share buttons", ANYWHERE),
    ("ru", "Читайте также: Казахстан запустит спутник", "related article", ANYWHERE),
    ("ar", "اقرأ أيضا: قازاقستان تفتتح خطا جديدا", "related article", ANYWHERE),
    ("ar", "اترك رد", "comments", ANYWHERE),
    ("en", "Comments (12)", "comments", ANYWHERE),
    ("en", "By Daniyar Seitkali", "byline", EDGES),
    ("en", "Home / News / Politics", "navigation", ANYWHERE),
    ("ru", "Главная › Новости › Политика", "navigation", ANYWHERE),
    ("en", "https://example.com/a", "bare link", ANYWHERE),
    ("kk", "info@example.kz", "bare link", ANYWHERE),
    ("ru", "VK Telegram Одноклассники", "share buttons", ANYWHERE),
    ("ru", "VK | Telegram | Одноклассники", "navigation", ANYWHERE),  # shaped as a menu
    ("fr", "Chine et Kazakhstan.Photo:VCG", "photo caption with credit", ANYWHERE),
    ("ru", "• Реклама |", "advertisement", ANYWHERE),  # bullets and separators around it
    ("fr", "Temps de lecture : 3 min", "reading time", ANYWHERE),  # French space before ":"
    ("fr", "Mots-clés : Kirghizstan, énergie", "tag list", ANYWHERE),
    # a dateline with the update after the publication
    (
        "fr",
        "Publié le 8 décembre 2026 à 09h30 – Mis à jour le 8 décembre 2026 à 11h02",
        "date label",
        ANYWHERE,
    ),
    (
        "en",
        "Published 8 December 2026, 09:30 GMT | Updated 8 December 2026, 11:02 GMT",
        "date label",
        ANYWHERE,
    ),
]


@pytest.mark.parametrize(("lang", "line", "reason", "where"), REASONS)
def test_a_boilerplate_line_names_its_reason(lang: str, line: str, reason: str, where: str) -> None:
    assert phrase_reason(line, lang) == (reason, where)


PROSE = [
    ("en", "Advertisement revenue fell by a third last year, the company said."),
    ("en", "Russia blocked Facebook, Twitter and Instagram in 2022."),
    ("fr", "Les ministres se sont réunis lundi à Astana."),
    ("ru", "Министры встретились в Астане в понедельник."),
    ("kk", "Министрлер дүйсенбі күні Астанада кездесті."),
    ("ar", "التقى الوزراء في أستانا يوم الاثنين."),
    ("en", ""),
    ("en", " • | "),
    ("ru", "Экономика › Бизнес"),  # two items are not yet a menu
]


@pytest.mark.parametrize(("lang", "line"), PROSE)
def test_article_text_has_no_reason(lang: str, line: str) -> None:
    assert phrase_reason(line, lang) is None


# Chrome that sits inside or next to the article block of a whole-page paste, one line per
# language and reason: (language, line, reason).
CHROME = [
    ("en", "Copy link", "share buttons"),
    ("en", "Be the first to comment", "comments"),
    ("en", "Sign up for our daily newsletter to get the headlines", "subscription call"),
    ("en", "Further reading", "related article"),
    ("en", "Tagged: elections, parliament", "tag list"),
    ("en", "Previous post", "navigation"),
    ("en", "© 2025 Example Media. All rights reserved.", "copyright notice"),
    ("en", "iStock / Jane Doe", "photo credit"),
    ("fr", "Envoyer par e-mail", "share buttons"),
    ("fr", "Soyez le premier à commenter", "comments"),
    ("fr", "Recevez gratuitement notre newsletter quotidienne", "subscription call"),
    ("fr", "Vous aimerez aussi", "related article"),
    ("fr", "Mentions légales", "navigation"),
    ("fr", "Reproduction interdite sans autorisation", "copyright notice"),
    ("de", "Vorheriger Artikel", "navigation"),
    ("de", "Newsletteranmeldung", "navigation"),
    ("de", "Schlagworte:", "tag list"),
    ("de", "Kommentare insgesamt: 12", "comments"),
    ("de", "Weitere Artikel zum Thema:", "related article"),
    ("de", "Externer Inhalt", "embedded content"),
    ("de", "Link kopieren", "share buttons"),
    ("de", "Zum Vergrößern auf das Bild klicken", "photo credit"),
    ("es", "Lea más:", "related article"),
    ("es", "Enviar por WhatsApp", "share buttons"),
    ("es", "Recibe nuestra newsletter semanal", "subscription call"),
    ("es", "Sé el primero en comentar", "comments"),
    ("es", "Todos los derechos reservados", "copyright notice"),
    ("ru", "Комментарии: 5", "comments"),
    ("ru", "Материалы по теме", "related article"),
    ("ru", "Скопировать ссылку", "share buttons"),
    ("ru", "При использовании материалов ссылка обязательна", "copyright notice"),
    ("kk", "Пікірлер: 0", "comments"),
    ("kk", "© 2025 ЖЕҢІС. Материалдарды пайдаланғанда сілтеме міндетті.", "copyright notice"),
    ("kk", "Тағы да оқыңыз", "related article"),
    ("kk", "Сілтемені көшіру", "share buttons"),
    ("ar", "صورة: رويترز", "photo credit"),
    ("ar", "لا توجد تعليقات", "comments"),
    ("ar", "أخبار متعلقة", "related article"),
    ("ar", "جميع الحقوق محفوظة", "copyright notice"),
    ("uk", "Скопіювати посилання", "share buttons"),
    ("tr", "Linki kopyala", "share buttons"),
    ("zh", "复制链接", "share buttons"),
    ("de", "Alle akzeptieren", "consent button"),
    ("fr", "Continuer sans accepter", "consent button"),
    ("es", "Contenido externo", "embedded content"),
]


@pytest.mark.parametrize(("lang", "line", "reason"), CHROME)
def test_chrome_around_the_article_names_its_reason(lang: str, line: str, reason: str) -> None:
    found = phrase_reason(line, lang)
    assert found is not None and found[0] == reason, found


# Article sentences that use the words of those phrases.
ARTICLE = [
    ("en", "Readers were asked to share their views on the new tax in the comments section."),
    ("en", "The next article of the constitution sets out how parliament elects its speaker."),
    ("fr", "Le ministre a refusé de commenter les critiques de l'opposition sur la réforme."),
    ("de", "Die weiteren Artikel des Gesetzes regeln, wer die Kosten für den Ausbau trägt."),
    ("de", "Zum Thema Wohnungsbau äußerte sich der Bürgermeister am Montag nicht."),
    ("es", "El ministro dijo que leerá más informes antes de tomar una decisión final."),
    ("ru", "Подробнее о новых правилах министерство расскажет на следующей неделе."),
    ("kk", "Министр пікірлерді жинап, заң жобасын қайта қарайтынын айтты."),
    ("ar", "قال الوزير إن التعليقات على مشروع القانون ستنشر الأسبوع المقبل."),
    ("ar", "أخبار متعلقة بالانتخابات انتشرت على نطاق واسع قبل أسبوع من التصويت."),
]


@pytest.mark.parametrize(("lang", "line"), ARTICLE)
def test_an_article_sentence_with_those_words_has_no_reason(lang: str, line: str) -> None:
    assert phrase_reason(line, lang) is None


# Boilerplate lines and prose with separators and bullets strewn around them, or any text.
PUNCT = st.text(st.sampled_from(list(" .:|•»/›-12")), max_size=4)
KNOWN = st.tuples(PUNCT, st.sampled_from([r[1] for r in REASONS + PROSE]), PUNCT).map("".join)
LINE = KNOWN | st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)


@settings(max_examples=200, deadline=None)
@given(LINE, st.sampled_from(["en", "fr", "ru", "kk", "ar", "und", "zz"]))
def test_any_line_gets_a_named_reason_and_place_or_none(line: str, lang: str) -> None:
    found = phrase_reason(line, lang)
    assert found is None or (found[0] and found[1] in (ANYWHERE, EDGES))
    assert found is None or core(line)  # a line of bare punctuation is never a rule's


# --- the shape of a line -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  • PARTAGEZ :  ", "partagez"),
        ("Поделиться | ", "поделиться"),
        ("İSTANBUL", "istanbul"),  # the dotted capital's combining dot is dropped
        ("Read   ALSO\u00a0»", "read also"),
        ("شارك هذا المقال —", "شارك هذا المقال"),
        ("Temps de lecture\u00a0: 3 min", "temps de lecture: 3 min"),
    ],
)
def test_core_is_the_lowered_line_without_edge_punctuation(text: str, expected: str) -> None:
    assert core(text) == expected


@pytest.mark.parametrize(
    ("text", "sentence", "period", "sentences"),
    [
        ("The talks ended.", True, True, 1),
        ("Why did they leave?", True, False, 1),
        ("Он сказал: «Да.»", True, True, 1),
        ("قال الوزير؟", True, False, 1),
        ("部长们周一在阿斯塔纳会面。", True, True, 1),
        ("Wait…", True, True, 1),
        ("Kazakhstan hosts a summit", False, False, 1),
        ("Il pleut. Il vente.", True, True, 2),
        ("Ол келді. Біз кеттік.  ", True, True, 2),  # trailing spaces do not hide the stop
    ],
)
def test_how_a_line_ends(text: str, sentence: bool, period: bool, sentences: int) -> None:
    assert (ends_sentence(text), ends_with_period(text), sentence_count(text)) == (
        sentence,
        period,
        sentences,
    )


SHAPES = [
    # (lang, text, chrome, dateline, prose)
    ("en", "12.03.2024 10:45", True, True, False),
    ("en", "October 7, 2024 8:12 AM", True, True, False),
    ("kk", "Бүгін 2024, 12:40", True, True, False),
    ("en", "0", True, False, False),
    ("en", "Steppe Post", True, False, False),
    ("en", "Kazakhstan's Independent Newsroom Daily", True, False, False),
    ("en", "The meeting began at 10:45 on 12.03.2024 in Astana.", False, False, True),
    (
        "fr",
        "Les ministres se sont réunis lundi à Astana pour parler de commerce.",
        False,
        False,
        True,
    ),
    ("ru", "Министры встретились в Астане в понедельник.", False, False, True),
    ("ar", "التقى الوزراء في أستانا يوم الاثنين لبحث التجارة.", False, False, True),
    ("ru", "«Это важно»", False, False, False),  # the end of a quotation is not chrome
]


@pytest.mark.parametrize(("lang", "text", "chrome", "dateline", "prose"), SHAPES)
def test_line_shapes(lang: str, text: str, chrome: bool, dateline: bool, prose: bool) -> None:
    assert (is_chrome(text, lang), is_dateline(text), is_prose(text, lang)) == (
        chrome,
        dateline,
        prose,
    )


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("L", "Cs")), min_size=1, max_size=40))
def test_a_line_without_letters_is_chrome(text: str) -> None:
    assert is_chrome(text, "en")


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from(list("0123456789.:/- ,AMPM")), max_size=30), st.sampled_from(".!?"))
def test_a_finished_sentence_is_no_dateline(text: str, stop: str) -> None:
    assert not is_dateline(text + stop)


# --- words ---------------------------------------------------------------------------------

# Spaces str.split() knows (the C0 separators too), CJK, underscores, marks and symbols.
_WORDY = st.text(
    st.sampled_from(
        list(
            " \t\n\x1c\x1f\u00a0\u2003\u3000_-—|/·•.,12a\u00e9\u0436\u0646"
            "\u4e2d\u65e5\uac00\u0301\u200b!"
        )
    )
    | st.characters(),
    max_size=60,
)


@settings(max_examples=400, deadline=None)
@given(_WORDY)
def test_word_count_counts_split_runs_that_hold_a_letter_or_digit(text: str) -> None:
    cjk = len(boilerplate_rules._CJK.findall(text))
    runs = boilerplate_rules._CJK.sub(" ", text).split()
    expected = sum(1 for run in runs if re.search(r"[^\W_]", run)) + (cjk + 1) // 2
    assert word_count(text) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Share this article", 3),
        ("• Partagez | Tweet •", 2),
        ("Поделиться — 12", 2),
        ("شارك هذا المقال", 3),
        ("___ --- |||", 0),
        ("中国新闻网", 3),
    ],
)
def test_word_count_of_chrome_lines(text: str, words: int) -> None:
    assert word_count(text) == words


# --- stop words ----------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "name"), sorted(boilerplate_rules._JUSTEXT_NAMES.items()))
def test_stop_words_are_justexts_own(code: str, name: str) -> None:
    import justext

    assert boilerplate_rules.stoplist(code) == justext.get_stoplist(name)
    assert boilerplate_rules.stoplist(code)


def test_stop_words_are_read_without_loading_justext_or_lxml() -> None:
    script = "import sys\nfrom generator.analysis.boilerplate_rules import stoplist\n"
    script += "assert stoplist('fr') and stoplist('zh') == frozenset()\n"
    script += "print(sorted(m for m in sys.modules if m.split('.')[0] in ('justext', 'lxml')))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (0, "[]\n"), done.stderr


@pytest.mark.parametrize(
    ("text", "lang", "density"),
    [
        ("the cat and the dog", "en", 0.6),
        ("le chat et le chien", "fr", 0.6),
        ("«Steppe» Post", "en", 0.0),  # quotes are not part of a word
        ("the « cat »", "en", 0.5),  # nor a word by themselves
        ("部长们周一会面", "zh", None),  # no stoplist for Chinese
        ("", "en", None),
        ("anything at all", "xx", None),
    ],
)
def test_stopword_density(text: str, lang: str, density: float | None) -> None:
    found = stopword_density(text, lang)
    assert found == (None if density is None else pytest.approx(density))


def test_an_unknown_language_has_no_stop_words() -> None:
    assert stoplist("xx") == frozenset()
    assert "және" in stoplist("kk") and "и" in stoplist("ru")


def _rule_by_rule(text: str, lang: str) -> tuple[str, str] | None:
    """phrase_reason without its RE2 first pass: every rule tried in turn."""
    from generator.analysis.boilerplate_rules import _rule_reason, _shape_reason

    line = core(text)
    if not line:
        return None
    words = word_count(text)
    return _rule_reason(text, line, words, lang) or _shape_reason(text, line, words)


_FIXTURE_LINES = sorted(
    {
        line.strip()
        for folder in ("articles", "pages")
        for path in (Path(__file__).resolve().parents[2] / "fixtures" / "clean" / folder).glob(
            "*.txt"
        )
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    }
)


@pytest.mark.parametrize("lang", ["en", "fr", "ru", "kk", "ar", "de", "es", "zh", "tr", "uk"])
def test_the_re2_first_pass_lets_no_rule_s_line_through(lang: str) -> None:
    """All rules as one RE2 alternation, then rule by rule on a match: the same answers as
    rule by rule on every line."""
    for line in _FIXTURE_LINES:
        assert phrase_reason(line, lang) == _rule_by_rule(line, lang), line
