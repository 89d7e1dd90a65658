"""Split the seed into paragraphs and take out web boilerplate.

Each non-empty line of a copied web page is one paragraph. A line is boilerplate when:
- it matches a phrase list (`data/boilerplate.yml`: share buttons, "Read also", cookie
  notices, comment forms, ...), some only at the page's edges;
- it recurs in several seeds (a site's template), short ones anywhere, long ones at the edges;
- it is page furniture at the edges: before the headline (site name, tagline, menu), between
  the headline and the body (date, byline, counts), or after the last paragraph of prose;
- on a pasted web page (`article_block.pasted_page`), the line model (`line_model`, trained
  on real pages) does not take it for article text: outside the densest block of article
  lines (menus, teasers, comments, footers) or, inside it, with no doubt left.
On a pasted page the headline is the line model's ranked choice near the top of the block
(`article_block.ranked_headline`), else it is read by shape (`headline.headline_index`).
When unsure, a line is kept: a removed line must never be article text. Every removal is
listed with its reason, and an editor can force a line back or out (`editor_rules`).
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.analysis import line_model
from generator.analysis.article_block import (
    outside_block,
    pasted_page,
    ranked_headline,
)
from generator.analysis.boilerplate_rules import (
    EDGES,
    ends_sentence,
    is_chrome,
    is_dateline,
    is_prose,
    phrase_reason,
    word_count,
)
from generator.analysis.editor_rules import EditorRules
from generator.analysis.headline import headline_index
from generator.analysis.line_features import SEPARATOR, SEPARATOR_REASON, split_page
from generator.records import UNDETERMINED, CleanText, Removed, SeedText

# A line in this many seeds is the site's template, unless the seeds are copies of each other.
REPEAT_MIN_SEEDS = 2
DUPLICATE_SHARE = 0.5
COPY_MIN_LINES = 3
# Repeated lines longer than this may be shared article text (agency background) or the
# headline of the same story pasted twice, so they go only from the page's edges, and a
# headline candidate stays.
REPEAT_SHORT_WORDS = 4
RELATED_MAX_WORDS = 20

# "- item", "• item", "1. item", "2) item": a list of the article's own.
_LIST_ITEM = re.compile(r"^(?:[-•*–—▪◦]|\d{1,2}[.)])\s+\S")
# Before the headline only lines too short to be a headline go (site name, menu), and chrome.
HEADER_MAX_WORDS = 4
# Between the headline and the body, chrome ends at the first line of this many words.
STANDFIRST_WORDS = 8
RELATED = "related article"
LIST_LABELS = (RELATED, "navigation")
# A thread of readers' comments: a comments heading, then reply buttons under the comments.
COMMENTS, REPLY = "comments", "reply button"
THREAD_MIN_REPLIES = 2
THREAD = "comment thread (under the comments heading, with reply buttons)"
REPEATED = "repeated in several seeds (site template)"
EDITOR = "editor: boilerplate.yml remove"
SECTION_BREAK = SEPARATOR_REASON


@dataclass(frozen=True)
class CleanContext:
    """What cleaning one seed needs to know about the others and about the editor's wishes."""

    repeated: frozenset[int] = frozenset()  # `line_hash`es of the lines in several seeds
    editor: EditorRules = field(default_factory=EditorRules)

    def for_seed(self, seed: SeedText, lines: frozenset[int] | None = None) -> CleanContext:
        """Only what bears on `seed`, so that its cached cleaning survives other seeds' edits.

        `lines`: the seed's `seed_lines`, when the caller has them."""
        own = line_set(seed.text) if lines is None else lines
        repeated, editor = self.repeated & own, self.editor.for_seed(seed.name)
        if not repeated and not editor.keep and not editor.remove:
            return NO_CONTEXT  # most seeds': one object, named once in a build's keys
        return CleanContext(repeated=repeated, editor=editor)


NO_CONTEXT = CleanContext()


def normalise(line: str) -> str:
    return " ".join(line.casefold().split())


def _lines(text: str) -> list[tuple[int, str]]:
    return [(i, line.strip()) for i, line in enumerate(text.split("\n")) if line.strip()]


def line_hash(line: str) -> int:
    """A normalised line as 64 bits: seeds' lines are counted and matched as these, which a
    rebuild reads back for every seed (a fifth of the size of the lines themselves)."""
    digest = hashlib.blake2b(line.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


@functools.lru_cache(maxsize=1 << 15)
def line_set(text: str) -> frozenset[int]:
    """A seed's lines, normalised and hashed: counted across seeds, then matched."""
    return frozenset(line_hash(line) for line in _normalised(text))


def _normalised(text: str) -> set[str]:
    return {normalise(line) for _, line in _lines(text)}


@dataclass(frozen=True)
class LineSet:
    """A seed's lines, normalised, and which of them are prose: what `repeated_lines` needs
    of each seed, kept by the build, so that a rebuild judges no line again."""

    lines: frozenset[int]  # `line_hash`es
    prose: frozenset[int]


def seed_lines(seed: SeedText) -> LineSet:
    hashed = {line: line_hash(line) for line in _normalised(seed.text)}
    prose = frozenset(h for line, h in hashed.items() if _prose(line))
    return LineSet(frozenset(hashed.values()), prose)


def repeated_lines(
    seeds: Sequence[SeedText], sets: Sequence[LineSet] | None = None
) -> frozenset[int]:
    """Lines found in several seeds (as `line_hash`es): a site's template, not one article's.

    A seed most of whose prose recurs elsewhere is a second copy of an article, not a page
    of the same site; it is left out of the count, else every line of both copies would go.
    `sets`: each seed's `seed_lines`, when the caller has them.
    """
    found = [seed_lines(seed) for seed in seeds] if sets is None else sets
    shared = _in_several([s.lines for s in found])
    originals = [s.lines for s in found if not _copied(s, shared)]
    return frozenset(_in_several(originals))


def _copied(found: LineSet, shared: set[int]) -> bool:
    """Most of its prose recurs elsewhere: a site shares a disclaimer or two, not its text."""
    again, prose = len(found.prose & shared), len(found.prose)
    return again >= min(COPY_MIN_LINES, prose) > 0 and again > DUPLICATE_SHARE * prose


@functools.lru_cache(maxsize=1 << 16)
def _prose(line: str) -> bool:
    return is_prose(line, UNDETERMINED)  # a line found in many seeds is judged once


def _in_several(sets: Sequence[frozenset[int]]) -> set[int]:
    counts = Counter(line for lines in sets for line in lines)
    return {line for line, n in counts.items() if n >= REPEAT_MIN_SEEDS}


def clean_text(
    seed: SeedText, lang: str = UNDETERMINED, context: CleanContext | None = None
) -> CleanText:
    context = context or CleanContext()
    index, texts, before, after = split_page(seed.text)
    forced = {p for p, text in enumerate(texts) if context.editor.kept(seed.name, text)}
    phrases = [phrase_reason(text, lang) for text in texts]
    shared = context.repeated
    repeated = [bool(shared) and line_hash(normalise(t)) in shared for t in texts]
    sure, edge = _flag_lines(seed.name, texts, phrases, repeated, context, forced)
    sure.update(_related_headlines(texts, sure, lang))
    sure.update({p: SECTION_BREAK for p, t in enumerate(texts) if SEPARATOR.match(t)})
    stated = dict(sure)  # found by phrase lists, repetition or the editor, not by shape
    model = line_model.model()
    verdicts = line_model.article_probability(texts, before, after, repeated, phrases, lang, model)
    # On a pasted web page the headline is the ranker's; a clean text's is read by shape.
    pasted = pasted_page(verdicts.article, stated, forced)
    barred = set(sure) | {p for p, reason in edge.items() if reason != REPEATED}
    header, headline = _header(texts, sure, edge, lang)
    sure.update(header)
    sure.update(_footer(texts, sure, edge, lang, forced))
    if pasted:
        # The header's removals by shape stand; the headline is the ranker's, kept whatever
        # the header made of it.
        ranked = ranked_headline(texts, verdicts, barred, model)
        headline = headline if ranked is None else ranked
        if headline in header:
            del sure[headline]
        taken = sure | dict.fromkeys(forced, "")
        sure.update(outside_block(verdicts.article, edge, taken, headline, model.keep_above))
        sure.update(comment_thread(len(texts), stated, headline, forced))

    if len(sure) == len(texts) and len(stated) < len(texts):
        # Shape, position and the model never take a whole seed (a one-line note, a short
        # dispatch): when unsure, keep. Only stated boilerplate can leave nothing.
        sure, headline = stated, -1
    reasons = {p: r for p, r in sure.items() if p not in forced}
    kept = [p for p in range(len(texts)) if p not in reasons]
    return CleanText(
        paragraphs=tuple(texts[p] for p in kept),
        removed=tuple(Removed(index[p], texts[p], reasons[p]) for p in sorted(reasons)),
        headline=kept.index(headline) if headline in kept else None,
    )


def comment_thread(
    count: int, stated: dict[int, str], headline: int, forced: set[int]
) -> dict[int, str]:
    """Readers' comments: from the comments heading above the first reply buttons to the end
    of the page. Commenters write prose, which the model keeps like the article's; the
    buttons say what it is. Below the headline only: a count of comments in the byline
    heads no thread."""
    replies = [p for p in sorted(stated) if stated[p] == REPLY and p > headline]
    if len(replies) < THREAD_MIN_REPLIES:
        return {}
    heads = [p for p, reason in stated.items() if reason == COMMENTS and headline < p < replies[0]]
    if not heads:
        return {}
    thread = range(max(heads) + 1, count)
    return {p: THREAD for p in thread if p not in stated and p not in forced}


def _flag_lines(
    name: str,
    texts: Sequence[str],
    phrases: Sequence[tuple[str, str] | None],
    repeated: Sequence[bool],
    context: CleanContext,
    forced: set[int],
) -> tuple[dict[int, str], dict[int, str]]:
    """Lines that are boilerplate wherever they are, and lines that are so only at an edge;
    none of the lines an editor keeps."""
    sure: dict[int, str] = {}
    edge: dict[int, str] = {}
    for p, text in enumerate(texts):
        if p in forced:
            continue
        found = phrases[p]
        if context.editor.removed(name, text):
            sure[p] = EDITOR
        elif found is not None:
            (edge if found[1] == EDGES else sure)[p] = found[0]
        elif repeated[p]:
            short = word_count(text) <= REPEAT_SHORT_WORDS
            (sure if short else edge)[p] = REPEATED
    return sure, edge


def _related_headlines(texts: Sequence[str], sure: dict[int, str], lang: str) -> dict[int, str]:
    """Headlines listed under a bare label: "Read also" heads one line, or a list to the end;
    a menu word ("Newsletter", "Back to top") heads a list that runs to the end."""
    found: dict[int, str] = {}
    for p, reason in list(sure.items()):
        if reason not in LIST_LABELS or word_count(texts[p]) > 4:
            continue
        following = [q for q in range(p + 1, len(texts)) if q not in sure]
        # The run of listed headlines right under the label (read no further than it ends).
        listed = list(itertools.takewhile(lambda q: _listed_headline(texts[q]), following))
        if not listed:
            continue
        if len(listed) == len(following):
            found.update(dict.fromkeys(listed, f"{reason}: listed link"))
        elif reason == RELATED:
            found[listed[0]] = f"{reason}: listed link"
    return found


def _listed_headline(text: str) -> bool:
    return not ends_sentence(text) and word_count(text) <= RELATED_MAX_WORDS


def _header(
    texts: Sequence[str], sure: dict[int, str], edge: dict[int, str], lang: str
) -> tuple[dict[int, str], int]:
    """Chrome above the headline, and between the headline and the body; and the headline
    (-1: none, the text starts with the body).

    A line of prose right under the headline may be its standfirst, with the date and
    byline after it: the page header then runs to the next line of prose.
    """
    # A long line repeated in other seeds may be their shared headline (the same wire story
    # pasted twice), not a template: it stays a headline candidate.
    open_ = [p for p in range(len(texts)) if p not in sure and edge.get(p, REPEATED) == REPEATED]
    chosen = headline_index([texts[p] for p in open_], lang)
    headline = open_[chosen] if chosen is not None else -1
    edge = {p: reason for p, reason in edge.items() if p != headline}
    open_ = [p for p in open_ if p not in edge]
    prose = [p for p in open_ if p > headline and is_prose(texts[p], lang)]
    standfirst = prose[0] if prose and headline >= 0 and _next(open_, headline) == prose[0] else -1
    body = next((p for p in prose if p != standfirst), len(texts))
    found = {p: edge[p] for p in edge if p < body}
    for p in (p for p in open_ if p < headline):
        if word_count(texts[p]) <= HEADER_MAX_WORDS or is_chrome(texts[p], lang):
            found[p] = "page header above the headline"
    for p in (p for p in open_ if headline < p < body and p != standfirst):
        # Past a standfirst only datelines go: a short line there may be a subheading.
        chrome_allowed = standfirst < 0 or p < standfirst
        if is_dateline(texts[p]) or (chrome_allowed and is_chrome(texts[p], lang)):
            found[p] = "page furniture under the headline" if headline >= 0 else "page header"
        elif word_count(texts[p]) >= STANDFIRST_WORDS:
            break
    return found, headline


def _next(positions: Sequence[int], after: int) -> int | None:
    return next((p for p in positions if p > after), None)


def _footer(
    texts: Sequence[str], sure: dict[int, str], edge: dict[int, str], lang: str, forced: set[int]
) -> dict[int, str]:
    """Chrome after the last line of prose, read from the bottom up.

    Short lines under a line that ends with ":" or under a list item are the article's own
    list, not chrome; a line an editor keeps is article text, so the footer starts below it.
    """
    found: dict[int, str] = {}
    chrome: list[int] = []
    last_prose = None
    for p in range(len(texts) - 1, -1, -1):
        if p in sure:
            continue
        if p in edge:
            found[p] = edge[p]
        elif p not in forced and is_chrome(texts[p], lang) and not _LIST_ITEM.match(texts[p]):
            chrome.append(p)
        else:
            last_prose = p
            break
    if last_prose is not None and _opens_list(texts[last_prose]):
        # The chrome-shaped lines right under it, up to the first real boilerplate, are items.
        first_found = min((q for q in [*found, *sure] if q > last_prose), default=len(texts))
        chrome = [q for q in chrome if q > first_found]
    found.update(dict.fromkeys(chrome, "page furniture after the article"))
    return found


def _opens_list(text: str) -> bool:
    return text.endswith((":", "：")) or bool(_LIST_ITEM.match(text))
