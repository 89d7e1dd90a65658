"""Readable ASCII slugs for URLs, transliterating every script (Kazakh, Russian, Arabic ...)."""

from __future__ import annotations

import hashlib
from typing import Final

from slugify import slugify

from generator.text.invisible import without_invisible

MAX_LENGTH = 60
# Named, not "auto": auto would switch to Unidecode wherever it happens to be installed, and
# the same seeds would get other URLs on that machine. (Auto also tries that import, and
# fails, for every title.)
TRANSLITERATION: Final = "text-unidecode"


def make_slug(text: str, fallback: str) -> str:
    """A path-safe slug of `text`; `fallback` (e.g. the seed name) when nothing is left.

    Invisible characters go first: transliterated, some would split a word ("pa-ris")."""
    slug = slugify(
        without_invisible(text),
        max_length=MAX_LENGTH,
        word_boundary=True,
        save_order=True,
        backend=TRANSLITERATION,
    )
    return slug or slugify(fallback, max_length=MAX_LENGTH, backend=TRANSLITERATION) or "untitled"


def disambiguate(slug: str, key: str, taken: set[str]) -> str:
    """`slug`, or `slug-<hash of key>` when taken: the suffix depends on the key only,
    so an article keeps its URL whatever other seeds are added."""
    if slug not in taken:
        return slug
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()
    for width in range(6, 41, 2):
        candidate = f"{slug}-{digest[:width]}"
        if candidate not in taken:
            return candidate
    raise ValueError(f"cannot make a unique slug for {key!r}")
