"""`stories.record_stories`: the story decisions written to `seeds/stories.yml`."""

from __future__ import annotations

from pathlib import Path

from generator.grouping.story_file import (
    StoryEntry,
    StoryFile,
    canonical,
    dump_story_file,
    load_story_file,
)
from generator.writing.stories import record_stories

DECIDED = StoryFile(
    stories=(
        StoryEntry("rail-line", ("ru/новости.txt", "en/news.txt", "kk/жаңалық.txt")),
        StoryEntry("flood", ("ar/خبر.txt", "fr/été.txt"), locked=True),
    ),
    apart=(frozenset({"en/news.txt", "fr/été.txt"}),),
)


def test_the_decisions_are_written_and_read_back_as_decided(tmp_path: Path) -> None:
    path = tmp_path / "stories.yml"
    assert record_stories(path, DECIDED)[1] == ()
    assert path.read_text(encoding="utf-8") == dump_story_file(DECIDED)
    assert load_story_file(path) == canonical(DECIDED)


def test_a_file_that_says_the_same_is_not_written_again(tmp_path: Path) -> None:
    path = tmp_path / "stories.yml"
    record_stories(path, DECIDED)
    before = path.stat()
    assert record_stories(path, DECIDED)[1] == ()
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_file_an_editor_changed_is_rewritten_with_the_decisions(tmp_path: Path) -> None:
    path = tmp_path / "stories.yml"
    path.write_text("stories: []\n# an editor's note\n", encoding="utf-8")
    record_stories(path, DECIDED)
    assert path.read_text(encoding="utf-8") == dump_story_file(DECIDED)


def test_a_file_that_cannot_be_written_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "seeds").write_text("a file where the folder should be", encoding="utf-8")
    path = tmp_path / "seeds" / "stories.yml"
    _, (problem,) = record_stories(path, DECIDED)
    assert problem.startswith(f"{path}: cannot record the story decisions: ")
