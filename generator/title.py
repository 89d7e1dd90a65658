"""Stage 4, title: find the article's headline."""

from __future__ import annotations

from .records import CleanText, Title


def find_title(clean: CleanText) -> Title:
    if not clean.paragraphs:
        return Title(text="", paragraph=None, reason="no text")
    return Title(text=clean.paragraphs[0], paragraph=0, reason="first line")
