"""Readable slugs for URLs: ASCII for the scripts read left to right (Kazakh through its Latin
alphabet, Russian, Chinese ...), the text's own letters for Arabic, Persian and Uyghur."""

from __future__ import annotations

import hashlib
import unicodedata
from typing import Final

from slugify import slugify

from generator.text.invisible import without_invisible
from generator.text.kazakh_latin import to_latin
from generator.text.languages import direction

MAX_LENGTH = 60
# Named, not "auto": auto would switch to Unidecode wherever it happens to be installed, and
# the same seeds would get other URLs on that machine. (Auto also tries that import, and
# fails, for every title.)
TRANSLITERATION: Final = "text-unidecode"
TATWEEL = "\u0640"


def make_slug(text: str, fallback: str, lang: str = "und") -> str:
    """A path-safe slug of `text` in `lang`; `fallback` (e.g. the seed name) when nothing is
    left. Kazakh letters go through Kazakhstan's Latin alphabet (ә ө ү ұ қ ғ ң һ і have no
    Russian reading); a right-to-left language keeps its own letters (`_native`).

    Invisible characters go first: transliterated, some would split a word ("pa-ris")."""
    visible = without_invisible(text)
    if direction(lang) == "rtl":
        slug = _native(visible)
    else:
        if lang == "kk":
            visible = to_latin(visible)
        slug = slugify(
            visible,
            max_length=MAX_LENGTH,
            word_boundary=True,
            save_order=True,
            backend=TRANSLITERATION,
        )
    return slug or slugify(fallback, max_length=MAX_LENGTH, backend=TRANSLITERATION) or "untitled"


def _native(text: str) -> str:
    """A slug in the text's own letters, as Wikipedia's Arabic, Persian and Uyghur URLs are:
    transliterated, they became consonant strings no reader could read ("wzyr-khrjy-lsyn").
    Vowel marks and the tatweel go first; slugify would take a mark for a word break."""
    bare = "".join(
        ch for ch in unicodedata.normalize("NFC", text) if unicodedata.category(ch) != "Mn"
    ).replace(TATWEEL, "")
    return slugify(bare, max_length=MAX_LENGTH, word_boundary=True, allow_unicode=True)


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
