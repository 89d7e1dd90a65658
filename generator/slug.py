"""Readable ASCII slugs for URLs, transliterating every script (Kazakh, Russian, Arabic ...)."""

from __future__ import annotations

import hashlib

from slugify import slugify

MAX_LENGTH = 60


def make_slug(text: str, fallback: str) -> str:
    """A path-safe slug of `text`; `fallback` (e.g. the seed name) when nothing is left."""
    slug = slugify(text, max_length=MAX_LENGTH, word_boundary=True, save_order=True)
    return slug or slugify(fallback, max_length=MAX_LENGTH) or "untitled"


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
