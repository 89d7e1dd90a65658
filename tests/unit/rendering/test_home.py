"""The home page: the editors' text, the newest stories at its mark."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.rendering.home import (
    DEFAULT_HOME,
    HOME_MARK,
    MAX_HOME_BYTES,
    home_page,
    load_home,
)

LIST = "<ul>\n<li>story</li>\n</ul>\n"


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        (f"# Home\n\n{HOME_MARK}\n\nEnd.\n", "# Home", "End."),
        ("# Главная\n\nАрхив.\n", "Архив.", None),  # no mark: after the text
        (f"# الرئيسية\n{HOME_MARK}", "# الرئيسية", None),
        (f"---\ntitle: Home\n---\n{HOME_MARK}\n{HOME_MARK}\n", "title: Home", HOME_MARK),
    ],
)
def test_the_list_goes_at_the_first_mark_else_after_the_text(
    text: str, before: str, after: str | None
) -> None:
    page = home_page(text, LIST)
    assert "\n\n<ul>\n<li>story</li>\n</ul>\n\n" in page or page.endswith("\n\n" + LIST)
    assert page.index(before) < page.index("<ul>")
    if after is not None:
        assert page.index("<ul>") < page.rindex(after)
    assert page.count(HOME_MARK) == max(0, text.count(HOME_MARK) - 1)


def test_a_missing_home_text_is_the_default(tmp_path: Path) -> None:
    assert load_home(tmp_path / "home.md") == (DEFAULT_HOME, ())
    assert load_home(None) == (DEFAULT_HOME, ())


def test_the_editors_text_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "home.md"
    path.write_text("\ufeff# Қазақстан\n\n<!-- stories -->\n", encoding="utf-8")
    assert load_home(path) == ("# Қазақстан\n\n<!-- stories -->\n", ())


@pytest.mark.parametrize(
    "content", [b"\xff\xfe\x00bad", b"#" * (MAX_HOME_BYTES + 1)], ids=["not-utf8", "too-big"]
)
def test_an_unreadable_home_text_is_reported_and_the_default_used(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "home.md"
    path.write_bytes(content)
    text, problems = load_home(path)
    assert text == DEFAULT_HOME
    assert len(problems) == 1 and str(path) in problems[0]
