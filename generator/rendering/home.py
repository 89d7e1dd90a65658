"""The home page, `index.md`: the editors' text with the newest stories at its mark.

The editors write the text (`home.md` in the project, the `home` setting); the generator
puts the list of the newest stories (`indexes.render_home_list`) at its `<!-- stories -->`
mark, or after the text, and writes the page like any other. So the page is whole in the
docs folder, whatever engine builds the site: no hook fills it in at build time.
"""

from __future__ import annotations

from pathlib import Path

from generator.messages import one_line

HOME_PAGE = "index.md"
HOME_MARK = "<!-- stories -->"
MAX_HOME_BYTES = 1_000_000  # an editor's page, not an archive: a bigger file is a mistake
DEFAULT_HOME = f"# News archive\n\n{HOME_MARK}\n"


def load_home(path: Path | None) -> tuple[str, tuple[str, ...]]:
    """The editors' home text, and the problem met reading it: a missing file gives the
    default text (a new project has none); one that cannot be read gives it too, reported."""
    if path is None or not path.exists():
        return DEFAULT_HOME, ()
    try:
        if path.stat().st_size > MAX_HOME_BYTES:
            raise ValueError(f"over {MAX_HOME_BYTES:,} bytes")
        return path.read_text(encoding="utf-8-sig"), ()
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        problem = f"{path}: cannot read: {one_line(str(exc))}; the home page has the default text"
        return DEFAULT_HOME, (problem,)


def home_page(text: str, listing: str) -> str:
    """`listing` at the first mark of `text`, or after the text when it has none."""
    block = "\n\n" + listing.strip("\n") + "\n\n"
    if HOME_MARK in text:
        return text.replace(HOME_MARK, block, 1)
    return text.rstrip("\n") + "\n" + block.rstrip("\n") + "\n"
