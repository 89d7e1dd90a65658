"""The text `python -m generator check` prints: one block per new seed, then the story changes."""

from __future__ import annotations

from generator.check.change import CheckResult
from generator.messages import one_line
from generator.records import Article, Page

# Boilerplate lines shown per seed; the rest are counted, so a long list cannot hide errors.
MAX_REMOVED = 12
# Runner-up languages below this confidence say nothing to an editor.
SHOWN_SCORE = 0.01
MAX_PATH = 1000  # a folder's path and git's words on one line, not cut short as a warning


def format_check(result: CheckResult) -> str:
    change, report = result.change, result.report
    lines = [
        f"Built {len(report.pages)} seeds ({len(report.errors)} failed) and compared their stories"
        f" with the story file {one_line(result.story_file, MAX_PATH)}.",
        *([f"({one_line(result.note, MAX_PATH)}.)"] if result.note else []),
        *([] if result.story_file_found else ["(No story file there: every seed is new.)"]),
        "",
        f"New or changed seeds ({len(change.new_seeds)}):",
    ]
    joined = {seed: story for seed, story, _ in change.joined}
    for page in change.new_seeds:
        story = joined.get(page.article.name)
        lines += _seed_block(page, f"joins existing story {story}" if story else None)
    lines += _section(
        "New stories", [f"{story}: {', '.join(seeds)}" for story, seeds in change.new_stories]
    )
    lines += _section(
        "Articles joined to an existing story",
        [
            f"{seed} -> {story}" + (f" (evidence: {why})" if why else "")
            for seed, story, why in change.joined
        ],
    )
    lines += _section(
        "Seeds moved to another story", [f"{s}: {old} -> {new}" for s, old, new in change.moved]
    )
    lines += _section("Seeds no longer in the folder", list(change.gone))
    lines += _section("Warnings", [one_line(w) for w in report.warnings])
    lines += _section("Errors", [one_line(str(e)) for e in report.errors])
    verdict = f"FAILED: {len(report.errors)} error(s)" if report.errors else "OK: no errors"
    return "\n".join([*lines, "", verdict]) + "\n"


def _seed_block(page: Page, joined: str | None) -> list[str]:
    article = page.article
    story = joined or f"{page.story_id} (not in the story file: a new story)"
    lines = [
        f"  {article.name}",
        f"    language:  {_language(article)}",
        f"    headline:  {article.title.text!r} ({article.title.reason or 'found'})",
        f"    date:      {article.date.iso or 'unknown'} ({article.date.reason})",
        f"    page:      {page.url}",  # the URL, as seeds/urls.yml records it
        f"    story:     {story}",
    ]
    pinned = article.seed.overrides.story
    if pinned and pinned != page.story_id:
        lines.append(f"    note:      front matter pins story {pinned}; grouping did not honour it")
    removed = article.clean.removed
    lines.append(f"    removed as boilerplate: {len(removed)} line(s)")
    lines += [f"      line {r.line + 1}: {r.text!r} ({r.reason})" for r in removed[:MAX_REMOVED]]
    if len(removed) > MAX_REMOVED:
        lines.append(f"      ... and {len(removed) - MAX_REMOVED} more")
    return lines


def _language(article: Article) -> str:
    lang = article.lang
    text = f"{lang.code} (confidence {lang.confidence:.2f}, {lang.reason or 'detected'})"
    if lang.reason == "editor" and lang.candidates:
        detected, score = lang.candidates[0]
        text += f"; the detector said {detected} ({score:.2f})"
    runners_up = [f"{c} {s:.2f}" for c, s in lang.candidates[1:] if s >= SHOWN_SCORE]
    if lang.reason != "editor" and runners_up:
        text += "; runners-up " + ", ".join(runners_up)
    return text


def _section(heading: str, items: list[str]) -> list[str]:
    if not items:
        return []
    return ["", f"{heading} ({len(items)}):", *(f"  {item}" for item in items)]
