"""The build's decisions recorded in the seeds folder, for the next build and the editors:
the stories (`stories.yml`) and each article's page (`urls.yml`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from generator.grouping.story_file import StoryFile, dump_story_file
from generator.records import Page
from generator.rendering.published import Published, recorded
from generator.writing.site import write_atomic


def record_stories(path: Path, decided: StoryFile) -> tuple[str, tuple[str, ...]]:
    """Write the decisions to `path` if they changed: the text they make, and the problems
    to report."""
    text = dump_story_file(decided)
    return text, _record(path, text, "the story decisions")


def record_pages(path: Path, pages: Sequence[Page]) -> tuple[str, Published, tuple[str, ...]]:
    """Write each article's URL to `path` if they changed: the text they make, what it
    reads back as, and the problems to report."""
    text, known = recorded({page.article.name: page.url for page in pages})
    return text, known, _record(path, text, "the published pages")


def _record(path: Path, text: str, what: str) -> tuple[str, ...]:
    try:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            write_atomic(path, text)
    except OSError as exc:
        return (f"{path}: cannot record {what}: {exc}",)
    return ()
