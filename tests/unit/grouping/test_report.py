"""Stage group, the reviewer's report (`python -m generator stories`): every decision with
its evidence, one line each, whatever the seeds hold."""

from __future__ import annotations

from test_group import STORY_A, article, group

from generator.grouping.group import Decision, Grouping
from generator.grouping.match import MIN_STRENGTH, AlignedSentences, PairScore
from generator.grouping.report import CLIP, SHOWN_SENTENCES, format_grouping
from generator.grouping.story_file import StoryFile
from generator.records import Story

EN, FR, RU, KK, AR = (
    article(f"a.{lang}", lang, STORY_A) for lang in ("en", "fr", "ru", "kk", "ar")
)


def by_hand(decisions: list[Decision], *stories: Story) -> Grouping:
    return Grouping(stories, StoryFile(), explain=lambda: tuple(decisions))


SENTENCES = [
    ("The minister spoke in Astana.", "Le ministre a parlé à Astana."),
    ("Trade grew by a tenth.", "Торговля выросла на десятую часть."),
    ("Talks go on next week.", "Келіссөздер келесі аптада жалғасады."),
    ("The road reopens on Monday.", "يعاد فتح الطريق يوم الاثنين."),
]
EVIDENCE = PairScore(
    "a.en", "a.fr", 1.0, 1.25, tuple(AlignedSentences(x, y, 1.25) for x, y in SENTENCES)
)


def test_the_report_of_a_story_in_five_languages() -> None:
    report = format_grouping(group([EN, FR, RU, KK, AR]))
    lines = report.splitlines()
    assert lines[0].startswith("1 stories, 5 seeds. A pair is a translation when more than 50%")
    assert f"strength >= {MIN_STRENGTH}" in lines[0]
    assert lines[2] == "story a1-headline-in-en-of-a-en (5: ar, en, fr, kk, ru)"
    seeds = [line for line in lines if line.startswith("  ") and not line.startswith("   ")]
    assert [line.split(":")[0] for line in seeds] == [
        f"  {lang} a.{lang}" for lang in ("ar", "en", "fr", "kk", "ru")
    ]
    assert report.endswith("\n") and report.count("evidence: coverage 1.00") == 5


def test_a_decision_shows_its_first_aligned_sentences_and_its_runner_up() -> None:
    runner_up = PairScore("a.en", "b.ar", 0.25, 1.01, (AlignedSentences("x", "y", 1.01),))
    decision = Decision("a.en", "s", "aligned with a.fr", EVIDENCE, runner_up)
    lines = format_grouping(by_hand([decision], Story("s", (EN,)))).splitlines()[2:]
    assert lines == [
        "story s (1: en)",
        "  en a.en: aligned with a.fr",
        "      evidence: coverage 1.00, 4 sentences aligned, strength 1.000, mean margin 1.250",
        *[
            line
            for left, right in SENTENCES[:SHOWN_SENTENCES]
            for line in (f"        1.250 {left}", f"              {right}")
        ],
        "      runner-up: b.ar: coverage 0.25, 1 sentences aligned, strength 0.010, "
        "mean margin 1.010",
    ]


def test_a_seed_alone_says_it_had_no_candidate() -> None:
    decision = Decision("a.kk", "s", "no translation found among the candidates")
    lines = format_grouping(by_hand([decision], Story("s", (KK,)))).splitlines()
    assert lines[-2:] == [
        "  kk a.kk: no translation found among the candidates",
        "      runner-up: none (no candidate in another language)",
    ]
    assert format_grouping(by_hand([])).startswith("0 stories, 0 seeds.")


def test_a_long_sentence_is_clipped_to_one_line() -> None:
    long = "Президент\n\tобъявил " + "очень " * 40 + "конец."
    aligned = (AlignedSentences(long, "قال الرئيس\u202eكلمة", 1.5),)
    decision = Decision(
        "a.ru", "s", "aligned with a.ar", PairScore("a.ru", "a.ar", 1.0, 1.5, aligned)
    )
    lines = format_grouping(by_hand([decision], Story("s", (RU,)))).splitlines()
    left, right = lines[-3], lines[-2]
    assert left.startswith("        1.500 Президент объявил очень очень")
    assert len(left.removeprefix("        1.500 ")) == CLIP and left.endswith("…")
    assert right == "              قال الرئيس\\u202eكلمة"  # a direction override is escaped


def test_names_from_seeds_and_editors_stay_on_their_line() -> None:
    hostile = "evil\nname\x1b[2J.fr"
    seed = article(hostile, "fr", STORY_A)
    runner_up = PairScore("a.en", hostile, 0.3, 1.1, ())
    decisions = [
        Decision(
            "a.en", "id\nwith a break", "no translation found among the candidates", None, runner_up
        ),
        Decision(hostile, "other", "no translation found among the candidates"),
    ]
    stories = (Story("id\nwith a break", (EN,)), Story("other", (seed,)))
    report = format_grouping(by_hand(decisions, *stories))
    assert "\x1b" not in report
    lines = report.splitlines()
    assert "story id | with a break (1: en)" in lines
    runner_up_line = "      runner-up: evil | name\\x1b[2J.fr: coverage 0.30, 0 sentences aligned"
    assert any(line.startswith(runner_up_line) for line in lines)
    assert "  fr evil | name\\x1b[2J.fr: no translation found among the candidates" in lines


def test_a_seed_name_in_a_decisions_reason_stays_on_its_line() -> None:
    from test_group import STORY_A, article, group

    from generator.grouping.report import format_grouping

    hostile = "evil\nline\x1b[31m.fr"
    text = format_grouping(group([article("a.en", "en", STORY_A), article(hostile, "fr", STORY_A)]))
    assert "\x1b" not in text
    assert not any(line.startswith("line") for line in text.splitlines())
