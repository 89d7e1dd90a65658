"""Dense line labels for web-dev pages from trafilatura's reading of the same page's HTML.

A text seed of web-dev whose page was also saved as HTML (web-dev/html/<stem>.html) has
every non-empty line labelled by a teacher: trafilatura's extraction of the markup. A line
whose words are (nearly) all in the extraction is article text, one whose words are (nearly)
all absent is boilerplate, one in between is not labelled. trafilatura leaves out the
headline: a line matching the markup's title is not labelled by the teacher (the snippet
labels name the headline). The extraction is cached under /tmp (the HTML never changes).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
from evaluate_clean import web_norm

from generator.reading.html_page import ARTICLE_OPTIONS

CACHE = Path("/tmp/teacher-labels")
# Share of a line's word trigrams (words for a line of fewer than three) found in the
# extraction: at least ARTICLE_SHARE is article text, at most BOILER_SHARE boilerplate.
ARTICLE_SHARE = 0.8
BOILER_SHARE = 0.2
MODES = {
    "plain": {},
    "precision": {"favor_precision": True},
    "recall": {"favor_recall": True},
}
_WORD = re.compile(r"\w+")


def extraction(html_file: Path, mode: str) -> tuple[str, str]:
    """trafilatura's article text and title for the page, cached by content and mode."""
    raw = html_file.read_bytes()
    key = hashlib.sha1(raw + mode.encode()).hexdigest()[:16]
    cached = CACHE / f"{html_file.stem}-{mode}-{key}.txt"
    if cached.exists():
        title, _, text = cached.read_text("utf-8").partition("\n")
        return text, title
    import trafilatura

    found = trafilatura.bare_extraction(
        raw.decode("utf-8", "replace"), **ARTICLE_OPTIONS, **MODES[mode]
    )
    text = (found.text or "") if found is not None else ""
    title = " ".join(((found.title or "") if found is not None else "").split())
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_text(title + "\n" + text, "utf-8")
    return text, title


def _words(text: str) -> list[str]:
    return _WORD.findall(web_norm(text).casefold())


def _grams(words: list[str]) -> set[tuple[str, ...]]:
    n = 3 if len(words) >= 3 else 1
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def teacher_labels(texts: list[str], text: str, title: str) -> np.ndarray:
    """1 article, 0 boilerplate, -1 unlabelled, for each line of the text seed."""
    out = np.full(len(texts), -1.0)
    if not text.strip():
        return out
    words = _words(text)
    trigrams = {tuple(words[i : i + 3]) for i in range(len(words) - 2)}
    lines = {" ".join(_words(line)) for line in text.split("\n")}
    vocabulary = set(words)
    heading = " ".join(_words(title))
    for i, line in enumerate(texts):
        mine = _words(line)
        if not mine:
            continue
        joined = " ".join(mine)
        if heading and (joined == heading or (len(joined) > 20 and joined in heading)):
            continue
        grams = _grams(mine)
        pool = trigrams if len(mine) >= 3 else vocabulary
        share = sum(g in pool if len(g) == 3 else g[0] in pool for g in grams) / len(grams)
        if len(mine) < 3:  # a short line is article text only as a line of its own
            share = 1.0 if joined in lines else min(share, 0.5)
        if share >= ARTICLE_SHARE:
            out[i] = 1.0
        elif share <= BOILER_SHARE:
            out[i] = 0.0
    return out


def merge(labels: np.ndarray, weights: np.ndarray, teacher: np.ndarray, weight: float) -> None:
    """The teacher's label, at `weight`, where the snippets give none or only a weak one
    (beyond the outermost boilerplate snippet): the snippet labels stay and win where they
    disagree. (Weak labels winning instead measured the same.)"""
    take = ((labels < 0) | (weights < 1)) & (teacher >= 0)
    labels[take] = teacher[take]
    weights[take] = weight
