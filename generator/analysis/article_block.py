"""The learned part of the clean stage: on a pasted web page, the article block and the
headline, from the line model's verdicts (`line_model`).

The block is the densest run of lines the model takes for article text (a short line
between two paragraphs is body, a run of short lines is a menu or a list of teasers).
Outside it a line must look like article text to stay; inside it only the lines the model
is sure of go (a share row, a "Read more" teaser among the paragraphs). A text without the
furniture of a web page (no line the model is sure is not article text) is left alone.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from generator.analysis.headline import (
    body_start,
    candidate_features,
    candidates,
    ranked_shape,
)
from generator.analysis.line_features import SEPARATOR_REASON as SECTION_BREAK
from generator.analysis.line_features import densest_block
from generator.analysis.line_model import LineModel, Verdicts

# A page with this many lines named by the phrase lists or rated below SURE_FURNITURE by the
# model is a pasted web page.
SURE_FURNITURE = 0.02
FURNITURE_MIN_LINES = 2
# The article block: the densest run of lines the model rates above BLOCK_ABOVE. Outside it
# a line must rate above OUTSIDE_KEEP to stay, inside it above the model's own threshold.
# Chosen by cross-validation on real pages (eval/train_clean.py): the highest values that
# keep 97% of the article's snippets.
BLOCK_ABOVE = 0.3
OUTSIDE_KEEP = 0.15
# A line of an edge phrase list inside the block goes only when the model doubts it.
EDGE_KEEP = 0.5
ABOVE = "outside the article block, above it (menu, site name, list of links)"
BELOW = "outside the article block, below it (links, comments, other articles, footer)"
INSIDE = "inside the article block but not article text (share, tags, teaser, byline)"


def pasted_page(article: np.ndarray, stated: dict[int, str], forced: set[int]) -> bool:
    """Has the furniture of a web page: a few lines the phrase lists name (a section break
    aside) or the model is sure are not article text; none an editor keeps. A clean text
    (a dispatch, a translation) has none, and the model is not let loose on it."""
    named = {p for p, reason in stated.items() if reason != SECTION_BREAK}
    doubtless = {p for p, value in enumerate(article) if value < SURE_FURNITURE}
    return len((named | doubtless) - forced) >= FURNITURE_MIN_LINES


def ranked_headline(
    texts: Sequence[str], verdicts: Verdicts, barred: set[int], model: LineModel
) -> int | None:
    """The best-ranked line near the top of the article block (-1: none scores enough).
    A row of a few words without a function word ("Mediadaten Kontakt Impressum") is not
    barred: short headlines often have none either ("Faire Lieferketten"), so the
    ranker weighs the stop words (`candidate_features`).

    None when the block opens the page (nothing above it but stated boilerplate): the text
    starts with its body or its headline, which the shape reading tells apart, not a ranker
    that always names one of the lines."""
    body = body_start(verdicts.article)
    if all(p in barred for p in range(body)):
        return None
    chosen = [p for p in candidates(len(texts), body, barred) if ranked_shape(texts[p])]
    if not chosen:
        return -1
    rows = candidate_features(texts, verdicts.local, verdicts.article, body, chosen)
    scores = model.headline.probability(rows)
    best = int(np.argmax(scores))
    return chosen[best] if scores[best] >= model.headline_above else -1


def outside_block(
    article: np.ndarray,
    edge: dict[int, str],
    taken: dict[int, str],
    headline: int,
    keep: float,
) -> dict[int, str]:
    """Lines the model does not take for article text: unlikely ones anywhere, doubtful ones
    outside the article block; and lines of the edge phrase lists outside the block. The
    reason says where the line sits; no line already `taken`, never the headline."""
    first, last = densest_block(article - BLOCK_ABOVE)
    start = min(first, headline) if headline >= 0 else first
    found: dict[int, str] = {}
    for p, value in enumerate(article):
        if p in taken or p == headline:
            continue
        outside = p < start or p > last
        if p in edge and (outside or value < EDGE_KEEP):
            found[p] = edge[p]
        elif value < keep or (outside and value < OUTSIDE_KEEP):
            found[p] = ABOVE if p < start else BELOW if p > last else INSIDE
    return found
