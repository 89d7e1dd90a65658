"""Stage 3, clean: split the seed into paragraphs and take out web boilerplate."""

from __future__ import annotations

from .records import CleanText, SeedText


def clean_text(seed: SeedText) -> CleanText:
    """Each non-empty line of a copied web page is one paragraph."""
    paragraphs = tuple(line.strip() for line in seed.text.split("\n") if line.strip())
    return CleanText(paragraphs=paragraphs)
