"""Find the article's headline, or make one from its first sentence."""

from __future__ import annotations

import re

from generator.records import CleanText, Title
from generator.text.invisible import visible
from generator.text.sentences import split_sentences

MAX_TITLE_CHARS = 120
# "#Kazakhstan" -> "Kazakhstan"; "C#", "&#" and a number ("#5", "№ #3") are left alone.
_HASHTAG = re.compile(r"(?<![\w&])#(?=[^\W\d_])")
# A made-up title does not end on a full stop or a dangling comma.
_TRAILING = ".,;:–—-… "


def find_title(clean: CleanText) -> Title:
    """The headline line (which the clean stage found), else a title cut from the first
    sentence. An editor's title replaces it in the orchestrator (`apply_overrides`).

    Bidi controls and zero-width characters are left out (`invisible.visible`): a title is
    shown on one line in lists, tabs and links, where an override would disguise it."""
    paragraphs = clean.paragraphs
    index = clean.headline
    if index is not None:
        headline = drop_hashtags(visible(paragraphs[index]))
        return Title(text=headline, paragraph=index, reason="headline line")
    if not paragraphs:
        return Title(text="", paragraph=None, reason="no text")
    # Again once cut: the cut, or a full stop taken off, may leave a ZWNJ at the end.
    made = visible(title_from_sentence(visible(paragraphs[0])))
    return Title(text=made, paragraph=None, reason="first sentence")


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
