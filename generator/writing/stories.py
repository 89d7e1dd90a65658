"""The story decisions recorded in `seeds/stories.yml`, for the next build and the editors."""

from __future__ import annotations

from pathlib import Path

from generator.grouping.story_file import StoryFile, canonical, dump_story_file, story_file_of
from generator.incremental.memo import Memo
from generator.writing.site import write_atomic


def record_stories(path: Path, decided: StoryFile, memo: Memo) -> tuple[str, ...]:
    """Write the decisions to `path` if they changed; the problems to report."""
    text = dump_story_file(decided)
    # The next build reads this text back: no need to parse it then.
    memo.remember(story_file_of, (text,), canonical(decided))
    try:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            write_atomic(path, text)
    except OSError as exc:
        return (f"{path}: cannot record the story decisions: {exc}",)
    return ()
