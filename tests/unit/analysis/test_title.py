"""Stage title: the headline line, else a title cut from the first sentence; editors win."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SHARED_EVAL
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.analysis.clean import CleanContext, clean_text, repeated_lines
from generator.analysis.title import MAX_TITLE_CHARS, drop_hashtags, find_title, title_from_sentence
from generator.records import SeedText
from generator.text.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "clean"


def seed(text: str, name: str = "s.txt") -> SeedText:
    return SeedText(name=name, text=text, encoding="utf-8", sha256="0")


def title_of(*paragraphs: str, lang: str = "und") -> tuple[str, int | None]:
    """The title of a seed made of `paragraphs` (the clean stage finds the headline line)."""
    title = find_title(clean_text(seed("\n\n".join(paragraphs)), lang))
    return title.text, title.paragraph


NEWS = "The talks lasted three hours. Both sides praised the result. A deal is expected soon."

HEADLINES = [
    ("en", "Kazakh Foreign Minister Addresses High-Level Belt and Road Meeting"),
    ("fr", "La Chine et le Kazakhstan publient une déclaration conjointe sur 30 ans de relations"),
    ("ar", "وزيرا خارجية الصين وقازاقستان يتعهدان بتعزيز التعاون في مكافحة الجائحة"),
    ("ru", "Ураган Роза может затопить Феникс, Лас-Вегас и Солт-Лейк-Сити"),
    ("kk", "АҚШ жасанды интеллект саласын қаржыландыруды екі есе арттыруы керек"),
    ("en", "The High Breed: What is conscious hip hop?"),
    ("zh", "中国与哈萨克斯坦签署新的能源合作协议"),
]


@pytest.mark.parametrize(("lang", "headline"), HEADLINES)
def test_headline_line_is_the_title(lang: str, headline: str) -> None:
    assert title_of(headline, NEWS, NEWS, lang=lang) == (headline, 0)


def test_hashtags_lose_their_sign() -> None:
    line = "Le ministre du #Kazakhstan s'adresse à la réunion #BeltAndRoad"
    assert title_of(line, NEWS)[0] == "Le ministre du Kazakhstan s'adresse à la réunion BeltAndRoad"


@pytest.mark.parametrize(
    "headline",
    ["Die 10 schönsten Seen Europas (#5): der Bled-See", "We're #1 again: Astana tops the list"],
)
def test_a_number_keeps_its_sign(headline: str) -> None:
    assert title_of(headline, NEWS)[0] == headline


def test_headline_with_a_full_stop_stands_apart_from_news_paragraphs() -> None:
    headline = "Indonesia Tsunami Toll Soars Above 800."
    assert title_of(headline, NEWS, NEWS, NEWS) == (headline, 0)


BODY_FIRST = [
    # Kazakh seed 002: lines of one sentence each, no headline.
    (
        "Телефон арқылы сөйлесуге БҰҰ-ның Бас хатшысы бастамашы болды.",
        "Мемлекет басшысы Бас хатшымен телефон арқылы сөйлесті.",
        "Тараптар пандемияға қарсы күресті талқылады.",
    ),
    # PUD style: one sentence per paragraph; a short question opens the text.
    ("Who are they?", "They are artists who want to do many things.", "Then the ad ends."),
]


@pytest.mark.parametrize("paragraphs", BODY_FIRST)
def test_text_starting_with_the_body_gets_a_title_from_its_first_sentence(
    paragraphs: tuple[str, ...],
) -> None:
    text, index = title_of(*paragraphs)
    assert index is None
    assert text == split_sentences(paragraphs[0])[0].rstrip(".")


def test_long_first_sentence_is_cut_at_a_word_boundary() -> None:
    sentence = " ".join(["word"] * 60) + "."
    title = title_from_sentence(sentence)
    assert len(title) <= MAX_TITLE_CHARS
    assert sentence.startswith(title)
    assert not title.endswith(" ")


def test_a_script_without_spaces_is_cut_at_the_limit() -> None:
    assert len(title_from_sentence("中" * 300 + "。")) == MAX_TITLE_CHARS


def test_no_text_no_title() -> None:
    assert title_of() == ("", None)


def test_real_seed_titles() -> None:
    expected = json.loads((FIXTURES / "seeds-expected.json").read_text("utf-8"))
    seeds = [seed((ROOT / "seeds" / n).read_text("utf-8"), n) for n in sorted(expected)]
    context = CleanContext(repeated=repeated_lines(seeds))
    for each in seeds:
        title = find_title(clean_text(each, expected[each.name]["lang"], context))
        if expected[each.name]["title"] is None:
            assert title.paragraph is None and title.text, each.name
        else:
            assert title.text == expected[each.name]["title"], each.name


# --- properties ----------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=400)
    | st.sampled_from([NEWS, "#Kazakhstan hosts a #summit. Then more."])
)
def test_made_title_is_short_and_a_prefix_by_words_of_the_first_sentence(paragraph: str) -> None:
    title = title_from_sentence(paragraph)
    assert len(title) <= MAX_TITLE_CHARS
    sentences = split_sentences(drop_hashtags(paragraph))
    if title and " " in title.strip():
        words, first = title.split(), (sentences[0] if sentences else "").split()
        assert first[: len(words) - 1] == words[:-1]
        assert first[len(words) - 1].startswith(words[-1])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=120), max_size=8))
def test_finding_a_title_never_fails(paragraphs: list[str]) -> None:
    clean = clean_text(seed("\n".join(paragraphs)))
    title = find_title(clean)
    assert title.paragraph is None or 0 <= title.paragraph < len(clean.paragraphs)
    assert title.text or not clean.paragraphs or title.paragraph is not None


# --- floor on the shared evaluation data (skipped when it is absent) -----------------------


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_EVAL.is_dir(), reason="../shared/eval is absent")
def test_ntrex_full5_titles() -> None:
    corpus = SHARED_EVAL / "ntrex-dev" / "full5"
    truth = json.loads((corpus / "truth.json").read_text("utf-8"))
    seeds = [seed((corpus / "seeds" / n).read_text("utf-8"), n) for n in truth]
    context = CleanContext(repeated=repeated_lines(seeds))
    right = sum(
        find_title(clean_text(s, truth[s.name]["lang"], context)).text == truth[s.name]["title"]
        for s in seeds
    )
    assert right >= 0.99 * len(seeds)


def test_headline_is_above_the_dateline_when_the_body_lacks_full_stops() -> None:
    text = title_of(
        "Президент Түркістан облысына жұмыс сапарымен барды",
        "Бүгін 2024, 12:40",
        "Мемлекет басшысы Қасым-Жомарт Тоқаев Түркістан облысына жұмыс сапарымен барды, деп "
        "хабарлайды zakon.kz",
        "Президент облыстағы жаңа өнеркәсіп кәсіпорындарының жұмысымен танысты",
        lang="kk",
    )
    assert text == ("Президент Түркістан облысына жұмыс сапарымен барды", 0)


def test_a_tagline_is_not_the_headline() -> None:
    headline = "وزيرا خارجية الصين وقازاقستان يتعهدان بتعزيز التعاون في مكافحة الجائحة"
    assert title_of("موقع متخصص بالشؤون الصينية", headline, "0", NEWS, lang="ar") == (headline, 0)
