"""`check.report.format_check`: what `python -m generator check` prints for review."""

from __future__ import annotations

import pytest

from generator.check.change import Change, CheckResult
from generator.check.report import MAX_REMOVED, format_check
from generator.records import (
    Article,
    BuildReport,
    CleanText,
    Language,
    Overrides,
    Page,
    PublicationDate,
    Removed,
    SeedError,
    SeedText,
    Title,
)

ENGLISH = Language("en", 0.98, "lingua", (("en", 0.98), ("fr", 0.015)))
NOTHING = BuildReport()


def _page(
    seed: str = "a.txt",
    story: str = "story-a",
    *,
    title: str = "A headline",
    lang: Language = ENGLISH,
    removed: tuple[Removed, ...] = (),
    pinned: str | None = None,
) -> Page:
    article = Article(
        SeedText(seed, "x", "utf-8", "0", Overrides(story=pinned)),
        lang,
        CleanText(("x",), removed),
        Title(title, 0),
        PublicationDate("2024-05-01", "line 2"),
    )
    return Page(article, story, f"{lang.code}/{story}/index.md", f"{lang.code}/{story}/")


def _change(
    *,
    new_seeds: tuple[Page, ...] = (),
    new_stories: tuple[tuple[str, tuple[str, ...]], ...] = (),
    joined: tuple[tuple[str, str, str], ...] = (),
    moved: tuple[tuple[str, str, str], ...] = (),
    gone: tuple[str, ...] = (),
) -> Change:
    return Change(new_seeds, new_stories, joined, moved, gone)


def _result(
    change: Change,
    report: BuildReport = NOTHING,
    *,
    where: str = "HEAD:seeds/stories.yml",
    found: bool = True,
    note: str = "",
) -> CheckResult:
    return CheckResult(report, change, where, found, note)


def test_a_clean_check_says_ok_and_lists_nothing_it_has_not_got() -> None:
    out = format_check(_result(_change()))
    assert out == (
        "Built 0 seeds (0 failed) and compared their stories with the story file"
        " HEAD:seeds/stories.yml.\n\nNew or changed seeds (0):\n\nOK: no errors\n"
    )


def test_errors_fail_the_check_and_are_listed_one_per_line() -> None:
    errors = (SeedError("a.txt", "empty"), SeedError("b\n.txt", "binary file:\nPNG"))
    out = format_check(_result(_change(), BuildReport(errors=errors)))
    assert "\nErrors (2):\n  a.txt: empty\n  b | .txt: binary file: | PNG\n" in out
    assert out.endswith("\nFAILED: 2 error(s)\n")
    assert "(2 failed)" in out


def test_a_new_seed_block_says_what_the_build_made_of_it() -> None:
    page = _page("en/steppe.txt", "steppe-rail", title="Steppe Rail Line Opens")
    change = _change(new_seeds=(page,), new_stories=(("steppe-rail", ("en/steppe.txt",)),))
    out = format_check(_result(change))
    assert (
        "New or changed seeds (1):\n"
        "  en/steppe.txt\n"
        "    language:  en (confidence 0.98, lingua); runners-up fr 0.01\n"
        "    headline:  'Steppe Rail Line Opens' (found)\n"
        "    date:      2024-05-01 (line 2)\n"
        "    page:      en/steppe-rail/\n"
        "    story:     steppe-rail (not in the story file: a new story)\n"
        "    removed as boilerplate: 0 line(s)\n"
    ) in out
    assert "\nNew stories (1):\n  steppe-rail: en/steppe.txt\n" in out


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("Le ministre à Astana", "'Le ministre à Astana'"),
        ("Министр в Астане", "'Министр в Астане'"),
        ("Қазақстан жаңалықтары", "'Қазақстан жаңалықтары'"),
        ("وزير الخارجية", "'وزير الخارجية'"),
        # Data from a seed: a line break or a bidi override cannot reshape the report.
        ("Fake\nOK: no errors", "'Fake\\nOK: no errors'"),
        ("txt.exe\u202e", "'txt.exe\\u202e'"),
    ],
)
def test_headlines_are_quoted_in_their_own_script_and_control_characters_escaped(
    title: str, shown: str
) -> None:
    out = format_check(_result(_change(new_seeds=(_page(title=title),))))
    assert f"    headline:  {shown} (found)\n" in out


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        (Language("ru", 0.91, "lingua", (("ru", 0.91),)), "ru (confidence 0.91, lingua)"),
        (  # runners-up under SHOWN_SCORE say nothing to an editor
            Language("kk", 0.7, "lingua", (("kk", 0.7), ("ru", 0.29), ("ky", 0.009))),
            "kk (confidence 0.70, lingua); runners-up ru 0.29",
        ),
        (
            Language("ar", 1.0, "editor", (("fa", 0.6), ("ar", 0.4))),
            "ar (confidence 1.00, editor); the detector said fa (0.60)",
        ),
        (Language("und", 0.0, "", ()), "und (confidence 0.00, detected)"),
    ],
)
def test_the_language_line_says_who_decided_and_the_runners_up(lang: Language, shown: str) -> None:
    out = format_check(_result(_change(new_seeds=(_page(lang=lang),))))
    assert f"    language:  {shown}\n" in out


def test_a_joined_seed_names_its_story_and_the_evidence() -> None:
    page = _page("fr.txt", "story-a")
    change = _change(new_seeds=(page,), joined=(("fr.txt", "story-a", "0.91 cosine"),))
    out = format_check(_result(change))
    assert "    story:     joins existing story story-a\n" in out
    assert (
        "\nArticles joined to an existing story (1):\n  fr.txt -> story-a (evidence: 0.91 cosine)\n"
        in out
    )


def test_moved_and_gone_seeds_have_their_sections() -> None:
    change = _change(moved=(("b.txt", "old", "new"),), gone=("gone.txt",))
    out = format_check(_result(change))
    assert "\nSeeds moved to another story (1):\n  b.txt: old -> new\n" in out
    assert "\nSeeds no longer in the folder (1):\n  gone.txt\n" in out


def test_a_pin_grouping_did_not_honour_is_noted() -> None:
    honoured = format_check(_result(_change(new_seeds=(_page(pinned="story-a"),))))
    ignored = format_check(_result(_change(new_seeds=(_page(pinned="story-z"),))))
    assert "note:" not in honoured
    assert "    note:      front matter pins story story-z; grouping did not honour it\n" in ignored


def test_removed_lines_are_shown_up_to_a_limit_then_counted() -> None:
    removed = tuple(
        Removed(i, f"Ligne {i} — publicité", "repeated") for i in range(MAX_REMOVED + 3)
    )
    out = format_check(_result(_change(new_seeds=(_page(removed=removed),))))
    assert f"    removed as boilerplate: {MAX_REMOVED + 3} line(s)\n" in out
    assert "      line 1: 'Ligne 0 — publicité' (repeated)\n" in out
    assert f"      line {MAX_REMOVED}: 'Ligne {MAX_REMOVED - 1} — publicité'" in out
    assert f"'Ligne {MAX_REMOVED} — publicité'" not in out
    assert "      ... and 3 more\n" in out


def test_the_comparison_says_where_the_story_file_came_from_and_any_note() -> None:
    out = format_check(
        _result(_change(), where="seeds/stories.yml", found=False, note="not in a git\nwork tree")
    )
    assert "with the story file seeds/stories.yml.\n(not in a git | work tree.)\n" in out
    assert "(No story file there: every seed is new.)\n" in out


def test_warnings_are_listed_one_per_line() -> None:
    report = BuildReport(
        warnings=("notes.md: not a .txt file;\nignored", "ж.txt: язык не определён")
    )
    out = format_check(_result(_change(), report))
    assert (
        "\nWarnings (2):\n  notes.md: not a .txt file; | ignored\n  ж.txt: язык не определён\n"
        in out
    )
    assert out.endswith("OK: no errors\n")
