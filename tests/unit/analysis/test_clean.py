"""Stage clean: web boilerplate out, every article line kept, each removal with its reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SHARED_EVAL
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.analysis.clean import (
    COMMENTS,
    REPLY,
    THREAD,
    CleanContext,
    clean_text,
    comment_thread,
    repeated_lines,
)
from generator.analysis.editor_rules import load_editor_rules, parse_editor_rules
from generator.records import SeedText

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "clean"
ROOT = Path(__file__).resolve().parents[3]


def seed(text: str, name: str = "s.txt") -> SeedText:
    return SeedText(name=name, text=text, encoding="utf-8", sha256="0")


def removed(text: str, lang: str, context: CleanContext | None = None) -> list[str]:
    return [r.text for r in clean_text(seed(text), lang, context).removed]


BODY = {
    "en": "The ministers met in Astana on Monday to discuss trade. They agreed to meet again.",
    "fr": "Les ministres se sont réunis lundi à Astana. Ils ont convenu de se revoir.",
    "ru": "Министры встретились в Астане в понедельник. Они договорились встретиться снова.",
    "kk": "Министрлер дүйсенбі күні Астанада кездесті. Олар қайта кездесуге келісті.",
    "ar": "التقى الوزراء في أستانا يوم الاثنين لبحث التجارة. واتفقوا على اللقاء مجددا.",
    "de": "Die Minister trafen sich am Montag in Astana. Sie vereinbarten ein neues Treffen.",
    "es": "Los ministros se reunieron el lunes en Astaná. Acordaron volver a reunirse.",
    "tr": "Bakanlar pazartesi günü Astana'da bir araya geldi. Yeniden görüşmeyi kabul ettiler.",
    "uk": "Міністри зустрілися в Астані в понеділок. Вони домовилися зустрітися знову.",
    "zh": "部长们周一在阿斯塔纳会面，讨论贸易问题。他们同意再次会面。",
}

# (language, boilerplate line) pairs: each must go wherever the line sits in the article.
ANYWHERE = [
    ("en", "Advertisement"),
    ("en", "Read also: Kazakhstan and China agree to double freight"),
    ("en", "Subscribe to our Telegram channel"),
    ("en", "Photo: Reuters"),
    ("fr", "Publicité"),
    ("fr", "Partagez cet article:"),
    ("fr", "A lire également"),
    ("fr", "Suivez nous sur"),
    ("ru", "Читайте также: Казахстан запустит спутник"),
    ("ru", "Реклама"),
    ("ru", "Подписывайтесь на наш Telegram-канал"),
    ("kk", "Жарнама"),
    ("kk", "Сондай-ақ оқыңыз: Алматыда жаңа мектеп салынады"),
    ("ar", "اترك رد"),
    ("ar", "لن يتم نشر عنوان بريدك الإلكتروني."),
    ("ar", "اقرأ أيضا: قازاقستان تفتتح خطا جديدا"),
    ("de", "Anzeige"),
    ("de", "Lesen Sie auch: Zentralasien setzt auf Wind"),
    ("es", "Publicidad"),
    ("es", "Lea también: El turismo crece"),
    ("zh", "广告"),
    ("zh", "相关阅读：中哈贸易额创历史新高"),
    ("tr", "Reklam"),
    ("tr", "İlgili haberler: Orta Asya'ya yeni uçuş hattı"),
    ("uk", "Читайте також: Казахстан нарощує виробництво"),
    ("uk", "Підписуйтесь на наш Telegram-канал"),
]


@pytest.mark.parametrize(("lang", "line"), ANYWHERE)
def test_boilerplate_line_goes_even_mid_article(lang: str, line: str) -> None:
    body = BODY[lang]
    text = f"Headline of the test article here\n\n{body}\n\n{line}\n\n{body}\n\n{body}"
    assert removed(text, lang) == [line]


# Lines that are boilerplate at the page's edges only (the same words mid-article stay).
EDGES = [
    ("en", "By Daniyar Seitkali"),
    ("en", "12.03.2024 10:45"),
    ("fr", "Les opinions exprimées n'engagent que leur auteur et ne reflètent pas nécessairement"),
    ("ru", "Мнение автора может не совпадать с мнением редакции."),
    ("en", "0"),
    ("en", "Trending"),
]


@pytest.mark.parametrize(("lang", "line"), EDGES)
def test_edge_boilerplate_goes_at_the_bottom(lang: str, line: str) -> None:
    text = f"A headline for the article here\n\n{BODY[lang]}\n\n{BODY[lang]}\n\n{line}"
    assert removed(text, lang) == [line]


# Article text that looks a little like boilerplate: kept.
KEEP = [
    ("en", "By the end of the year, the ministry plans to open three more lines."),
    ("en", "Advertisement revenue fell by a third last year, the company said."),
    ("en", "Russia blocked Facebook, Twitter and Instagram in 2022."),
    ("en", "Sources"),  # a short subheading in the middle of the article
    ("ru", "Подробности"),
    (
        "fr",
        "Il a ajouté que les cookies et les traceurs seraient mieux encadrés dès l'an prochain.",
    ),
    ("kk", "Аталған шара 28 мамыр күні бейне конференция форматында өтеді"),
    ("en", "1"),
    ("ru", "Главное — не допустить эскалации, заявил он."),
    ("ru", "Об этом сообщил Telegram-канал Shot."),
    ("en", "He asked viewers to subscribe to the channel."),
    ("en", "He urged followers on Telegram to join the protest in the square on Sunday."),
    ("es", "España suscribe un acuerdo con Kazajistán."),
    ("tr", "Kullanıcıların abone olması bekleniyor."),
    ("en", "By noon, thousands had gathered in the main square."),
    ("fr", "Photo de famille des dirigeants lors du sommet, selon la présidence."),
]


@pytest.mark.parametrize(("lang", "line"), KEEP)
def test_article_text_mid_article_is_kept(lang: str, line: str) -> None:
    text = f"A headline for the article here\n\n{BODY[lang]}\n\n{line}\n\n{BODY[lang]}"
    assert removed(text, lang) == []


def test_header_chrome_goes_and_the_headline_stays() -> None:
    text = "Home\nWorld\nSteppe Post\n\nRail link to Aktau opens after three years of work\n\n"
    text += "By Daniyar Seitkali\n\n12.03.2024\n\n" + BODY["en"]
    clean = clean_text(seed(text), "en")
    assert clean.paragraphs[0] == "Rail link to Aktau opens after three years of work"
    assert [r.text for r in clean.removed] == [
        "Home", "World", "Steppe Post", "By Daniyar Seitkali", "12.03.2024"
    ]  # fmt: skip


def test_standfirst_under_the_headline_is_kept() -> None:
    standfirst = "Officials say the line will carry five million tonnes a year by 2027"
    text = f"Rail link to Aktau opens after three years\n\n{standfirst}\n\n{BODY['en']}"
    assert removed(text, "en") == []


def test_related_headlines_listed_under_a_label_go_to_the_end() -> None:
    text = f"A headline for the article here\n\n{BODY['ru']}\n\nЧитайте также\n\n"
    text += "Казахстан запустит спутник связи\n\nВ Астане открылся новый мост"
    assert removed(text, "ru") == [
        "Читайте также",
        "Казахстан запустит спутник связи",
        "В Астане открылся новый мост",
    ]


def test_a_removal_records_its_line_number_and_reason() -> None:
    clean = clean_text(seed(f"Headline of the piece here\n\nAdvertisement\n\n{BODY['en']}"), "en")
    (only,) = clean.removed
    assert (only.line, only.text, only.reason) == (2, "Advertisement", "advertisement")


def test_text_that_starts_with_the_body_loses_nothing() -> None:
    text = "\n".join([BODY["kk"], "Аталған шара бейне конференция форматында өтеді", BODY["kk"]])
    assert removed(text, "kk") == []


# --- repetition across seeds of one site -------------------------------------------------


def test_lines_repeated_across_seeds_are_the_site_template() -> None:
    footer = "Steppe Post is an independent newsroom based in Almaty since 2009"
    seeds = [
        seed(f"Headline number {i} of the day\n\n{BODY['en']} {i}\n\n{footer}") for i in range(3)
    ]
    context = CleanContext(repeated=repeated_lines(seeds))
    assert [r.text for r in clean_text(seeds[0], "en", context).removed] == [footer]


def test_a_pasted_twice_article_is_not_a_template() -> None:
    text = f"Headline of the piece here\n\n{BODY['en']}\n\nAnother paragraph of the text here."
    assert repeated_lines([seed(text, "a.txt"), seed(text, "b.txt")]) == frozenset()


# --- the editor's word ---------------------------------------------------------------------


def test_editor_keeps_a_line_back_and_removes_another(tmp_path: Path) -> None:
    (tmp_path / "boilerplate.yml").write_text(
        "keep:\n  s.txt:\n    - Advertisement\nremove:\n  '*':\n    - 're:lire la suite.*'\n",
        encoding="utf-8",
    )
    rules, problems = load_editor_rules(tmp_path / "boilerplate.yml")
    assert problems == ()
    text = (
        f"Headline of the piece here\n\nAdvertisement\n\n{BODY['fr']}\n\nLire la suite sur le site"
    )
    clean = clean_text(seed(text), "fr", CleanContext(editor=rules))
    assert "Advertisement" in clean.paragraphs
    assert [r.reason for r in clean.removed] == ["editor: boilerplate.yml remove"]


# --- the project's labelled fixtures and the five real seeds -------------------------------


def _labelled(folder: Path, labels_file: Path) -> list[tuple[str, dict[str, object]]]:
    labels = json.loads(labels_file.read_text("utf-8"))
    return [(folder / name, label) for name, label in sorted(labels.items())]  # type: ignore[misc]


LABELLED = _labelled(FIXTURES / "articles", FIXTURES / "articles" / "labels.json") + _labelled(
    ROOT / "seeds", FIXTURES / "seeds-expected.json"
)


def _found(path: Path, label: dict[str, list[str]]) -> set[str]:
    text = path.read_text("utf-8")
    return {r.text for r in clean_text(seed(text, path.name), str(label["lang"])).removed}


@pytest.mark.parametrize(("path", "label"), LABELLED, ids=[str(p.name) for p, _ in LABELLED])
def test_no_article_line_is_removed(path: Path, label: dict[str, list[str]]) -> None:
    assert _found(path, label) - set(label["optional"]) <= set(label["boilerplate"])


REAL_SEEDS = [(p, label) for p, label in LABELLED if p.parent.name == "seeds"]


@pytest.mark.parametrize(("path", "label"), REAL_SEEDS, ids=[p.name for p, _ in REAL_SEEDS])
def test_every_boilerplate_line_of_the_real_seeds_goes(
    path: Path, label: dict[str, list[str]]
) -> None:
    assert _found(path, label) - set(label["optional"]) == set(label["boilerplate"])


def test_fixture_boilerplate_recall_floor() -> None:
    found = total = 0
    for path, label in LABELLED:
        total += len(label["boilerplate"])
        found += len(_found(path, label) & set(label["boilerplate"]))  # type: ignore[arg-type]
    assert found >= 0.95 * total


# --- properties ----------------------------------------------------------------------------

LINE = st.one_of(
    st.text(max_size=80),
    st.sampled_from([line for _, line in ANYWHERE + EDGES + KEEP] + list(BODY.values())),
)


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(LINE, max_size=12), lang=st.sampled_from([*BODY, "und"]))
def test_removed_and_kept_lines_are_all_the_lines(lines: list[str], lang: str) -> None:
    text = "\n".join(lines)
    clean = clean_text(seed(text), lang)
    every = [line.strip() for line in text.split("\n") if line.strip()]
    by_line = {r.line: r.text for r in clean.removed}
    kept = [
        line.strip() for i, line in enumerate(text.split("\n")) if line.strip() and i not in by_line
    ]
    assert list(clean.paragraphs) == kept
    assert sorted(clean.paragraphs + tuple(by_line.values())) == sorted(every)
    assert all(text.split("\n")[r.line].strip() == r.text and r.reason for r in clean.removed)


# --- floors on the shared evaluation data (skipped when it is absent) ----------------------


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_EVAL.is_dir(), reason="../shared/eval is absent")
def test_ntrex_full5_loses_no_line() -> None:
    corpus = SHARED_EVAL / "ntrex-dev" / "full5"
    truth = json.loads((corpus / "truth.json").read_text("utf-8"))
    seeds = [seed((corpus / "seeds" / n).read_text("utf-8"), n) for n in sorted(truth)]
    context = CleanContext(repeated=repeated_lines(seeds))
    lost = [s.name for s in seeds if clean_text(s, truth[s.name]["lang"], context).removed]
    assert lost == []


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_EVAL.is_dir(), reason="../shared/eval is absent")
def test_shared_seed_expectations_hold() -> None:
    expected = json.loads((SHARED_EVAL / "seeds-expected.json").read_text("utf-8"))
    seeds = [seed((ROOT / "seeds" / n).read_text("utf-8"), n) for n in sorted(expected)]
    context = CleanContext(repeated=repeated_lines(seeds))
    for s in seeds:
        label = expected[s.name]
        got = {r.text for r in clean_text(s, label["lang"], context).removed}
        assert got - set(label["optional"]) == set(label["boilerplate"]), s.name


def test_a_list_that_ends_the_article_is_kept() -> None:
    text = f"A headline for the article here\n\n{BODY['en']}\n\nThe plan has three parts:\n\n"
    text += "- new roads\n- 20 schools\n\ntwo hospitals\n\nShare"
    assert removed(text, "en") == ["Share"]


@pytest.mark.parametrize(
    "line", ["Facebook Twitter WhatsApp", "VK | Telegram | Одноклассники", "微信 微博"]
)
def test_a_row_of_share_buttons_goes(line: str) -> None:
    text = f"A headline for the article here\n\n{BODY['en']}\n\n{line}\n\n{BODY['en']}"
    assert removed(text, "en") == [line]


def test_byline_and_date_under_a_standfirst_go_but_a_subheading_stays() -> None:
    text = "Kasachstan setzt auf Atomkraft\n\n"
    text += "Die Bürger haben für den Bau gestimmt. Kritiker warnen vor den Risiken.\n\n"
    text += "Datum 07.10.2024\n\nAutorin/Autor Anna Schmidt\n\n" + BODY["de"]
    text += "\n\nDie Kritik\n\n" + BODY["de"]
    assert removed(text, "de") == ["Datum 07.10.2024", "Autorin/Autor Anna Schmidt"]


def test_a_first_paragraph_that_starts_like_a_byline_is_kept() -> None:
    text = "Thousands rally in Almaty for cleaner air\n\nBy noon, thousands had gathered.\n\n"
    assert removed(text + BODY["en"], "en") == []


def test_three_short_pages_of_one_site_share_their_template() -> None:
    chrome = ["Suivez nous sur", "EU", "PARTAGEZ:", "Publié le", "on", "Partagez cet article:"]
    chrome += [
        "EU Reporter publie des articles provenant de diverses sources extérieures. "
        "Les positions prises ne sont pas nécessairement celles d'EU Reporter.",
        "Le site propose chaque jour une sélection des meilleures analyses de la semaine.",
    ]
    seeds = [
        seed("\n".join([chrome[0], f"Titre numéro {i} de la journée", *chrome[1:], body]))
        for i, body in enumerate([BODY["fr"], "Le sommet a duré deux jours.", "Rien n'a filtré."])
    ]
    context = CleanContext(repeated=repeated_lines(seeds))
    assert chrome[-1] in {r.text for r in clean_text(seeds[0], "fr", context).removed}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "The statement does not necessarily reflect a change in policy, analysts said."),
        ("en", "The company said it would update its privacy policy next year."),
        ("en", "The views expressed by the minister were echoed by others."),
        ("ru", "Министр добавил, что это не обязательно отражает позицию правительства."),
        ("kk", "Президент облыс әкіміне су үнемдеу технологияларын енгізуді жеделдетуді жүктеді"),
        ("en", "— Kassym-Jomart Tokayev"),
    ],
)
def test_the_articles_last_line_is_kept(lang: str, line: str) -> None:
    text = f"A headline for the article here\n\n{BODY[lang]}\n\n{BODY[lang]}\n\n{line}"
    assert removed(text, lang) == []


def test_a_line_the_editor_keeps_ends_the_footer() -> None:
    rules, _ = parse_editor_rules({"keep": {"s.txt": ["Almaty, 2024"]}})
    text = f"A headline for the article here\n\n{BODY['en']}\n\nMarat Ospanov\n\nAlmaty, 2024"
    assert removed(text, "en", CleanContext(editor=rules)) == []


def test_editor_lines_match_across_no_break_spaces() -> None:
    rules, _ = parse_editor_rules({"remove": {"s.txt": ["Le texte est accessible ici."]}})
    text = f"A headline for the article here\n\n{BODY['fr']}\n\nLe texte est accessible\xa0ici."
    assert removed(text, "fr", CleanContext(editor=rules)) == ["Le texte est accessible\xa0ici."]


THREADS = {  # language: (comments heading, reply button, a reader's comment)
    "en": ("2 Comments", "Reply", "I do not believe a word of it, they promised this before."),
    "ru": ("Комментарии (2)", "Ответить 15", "Обещают уже десять лет, а воз и ныне там."),
    "kk": ("Пікірлер (2)", "Жауап беру", "Бұл туралы бұрын да айтылған, бірақ ештеңе болмады."),
    "fr": (
        "Vos réactions (2)",
        "Répondre",
        "On nous le promet depuis des années.",
    ),
    "de": (
        "Kommentare",
        "Antworten",
        "Das wurde vor Jahren versprochen.",
    ),
    "es": ("Comentarios", "Responder", "Eso ya lo prometieron hace años y no pasó nada."),
    "ar": ("التعليقات", "رد", "وعدونا بهذا منذ سنوات ولم يحدث شيء على الإطلاق."),
}


def _page_with_comments(lang: str, byline_count: bool = False) -> str:
    heading, reply, comment = THREADS[lang]
    top = ["Home", "News", "Search", "Ministers meet in Astana to discuss trade"]
    top += [heading] if byline_count else []  # a count of comments in the byline
    body = [BODY[lang]] * 4
    thread = [heading, "Reader_77", comment, reply, "Aigul K.", comment + " !", reply]
    return "\n\n".join([*top, *body, *thread])


@pytest.mark.parametrize("lang", sorted(THREADS))
@pytest.mark.parametrize("byline_count", [False, True])
def test_a_comment_thread_goes_to_the_end_of_the_page(lang: str, byline_count: bool) -> None:
    clean = clean_text(seed(_page_with_comments(lang, byline_count)), lang)
    comment = THREADS[lang][2]
    assert comment not in clean.paragraphs and comment + " !" not in clean.paragraphs
    assert clean.paragraphs.count(BODY[lang]) == 4  # the article above the thread stays
    reasons = {r.text: r.reason for r in clean.removed}
    assert reasons["Reader_77"] == reasons[comment] == THREAD


def test_no_thread_without_reply_buttons_or_heading() -> None:
    stated = {3: COMMENTS, 9: REPLY}  # one reply button is not a thread
    assert comment_thread(12, stated, 1, set()) == {}
    stated = {0: COMMENTS, 5: REPLY, 7: REPLY}  # its heading above the headline: a byline count
    assert comment_thread(12, stated, 1, set()) == {}
    stated = {3: COMMENTS, 5: REPLY, 7: REPLY}
    assert set(comment_thread(9, stated, 1, {6})) == {4, 8}  # a line the editor keeps stays
