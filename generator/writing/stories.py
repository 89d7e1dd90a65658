"""The story decisions recorded in `seeds/stories.yml`, for the next build and the editors."""

from __future__ import annotations

from pathlib import Path

from generator.grouping.story_file import StoryFile, dump_story_file
from generator.writing.site import write_atomic


def record_stories(path: Path, decided: StoryFile) -> tuple[str, tuple[str, ...]]:
    """Write the decisions to `path` if they changed: the text they make, and the problems
    to report."""
    text = dump_story_file(decided)
    try:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            write_atomic(path, text)
    except OSError as exc:
        return text, (f"{path}: cannot record the story decisions: {exc}",)
    return text, ()
