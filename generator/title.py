"""Stage 4, title: find the article's headline, or make one from its first sentence."""

from __future__ import annotations

import re

from .records import CleanText, Title
from .sentences import split_sentences

MAX_TITLE_CHARS = 120
# "#Kazakhstan" -> "Kazakhstan"; "C#" and "&#" are left alone.
_HASHTAG = re.compile(r"(?<![\w&])#(?=\w)")
# A made-up title does not end on a full stop or a dangling comma.
_TRAILING = ".,;:–—-… "


def find_title(clean: CleanText) -> Title:
    """The headline line (which the clean stage found), else a title cut from the first
    sentence. An editor's title replaces it in the orchestrator (`apply_overrides`)."""
    paragraphs = clean.paragraphs
    index = clean.headline
    if index is not None:
        return Title(text=drop_hashtags(paragraphs[index]), paragraph=index, reason="headline line")
    if not paragraphs:
        return Title(text="", paragraph=None, reason="no text")
    return Title(text=title_from_sentence(paragraphs[0]), paragraph=None, reason="first sentence")


def drop_hashtags(text: str) -> str:
    return _HASHTAG.sub("", text).strip()


def title_from_sentence(paragraph: str, limit: int = MAX_TITLE_CHARS) -> str:
    """The first sentence, cut at a word boundary to at most `limit` characters."""
    sentences = split_sentences(drop_hashtags(paragraph))
    sentence = sentences[0] if sentences else ""
    if len(sentence) > limit:
        words = sentence.split()
        kept: list[str] = []
        for word in words:
            if len(" ".join([*kept, word])) > limit:
                break
            kept.append(word)
        # Scripts without spaces (Chinese, Japanese) have no word to cut at: cut the letters.
        sentence = " ".join(kept) if kept else sentence[:limit]
    return sentence.rstrip(_TRAILING) or sentence
