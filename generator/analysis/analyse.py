"""The analysis stage's batch entry, and the analysis of one seed: detect its language,
clean it, find its headline and date.

A seed's analysis depends on its own text and on the part of the cleaning context that bears
on it (`CleanContext.for_seed`), nothing else: the build memoises it whole, one cache entry
per seed, so a rebuild after one new seed analyses that seed and reads the others back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from generator.analysis.clean import (
    EDITOR,
    CleanContext,
    LineSet,
    clean_text,
    repeated_lines,
    seed_lines,
)
from generator.analysis.dates import publication_date
from generator.analysis.detect import detect_language, detect_script
from generator.analysis.editor_rules import EDITOR_FILE, load_editor_rules
from generator.analysis.title import find_title
from generator.incremental.cores import on_cores
from generator.incremental.memo import DIRECT, Args, Memo
from generator.reading.duplicates import Duplicate
from generator.reading.frontmatter import apply_overrides
from generator.reading.html_page import is_html_name
from generator.records import Article, CleanText, Language, Removed, SeedError, SeedText


def analyse(seed: SeedText, context: CleanContext | None = None) -> Article:
    # A first guess on the raw text chooses the cleaner's phrase lists and stoplists; the
    # language is then told on the article alone, without another site's boilerplate.
    first = seed.overrides.lang or detect_language(seed.text).code
    clean = _cleaned(seed, first, (context or CleanContext()).for_seed(seed))
    text = "\n".join(clean.paragraphs) or seed.text
    article = Article(
        seed=seed,
        lang=_with_script(detect_language(text), text),
        clean=clean,
        title=find_title(clean),
        date=publication_date(seed, _headline(clean)),
    )
    return apply_overrides(article)


def _headline(clean: CleanText) -> str | None:
    return None if clean.headline is None else clean.paragraphs[clean.headline]


def _cleaned(seed: SeedText, lang: str, context: CleanContext) -> CleanText:
    """A pasted page cleaned; a saved page's article as its markup gave it (the clean stage
    there took out more article than boilerplate), but for the editor's own rules."""
    if not is_html_name(seed.name):
        return clean_text(seed, lang, context)
    lines = [(i, line.strip()) for i, line in enumerate(seed.text.split("\n")) if line.strip()]
    out = [(i, t) for i, t in lines if context.editor.removed(seed.name, t)]
    gone = {i for i, _ in out}
    kept = [t for i, t in lines if i not in gone]
    headline = 0 if kept and kept[0] == seed.overrides.title else None
    return CleanText(
        paragraphs=tuple(kept),
        removed=tuple(Removed(i, t, EDITOR) for i, t in out),
        headline=headline,
    )


def _with_script(lang: Language, text: str) -> Language:
    return replace(lang, script=detect_script(text))


# Below this many seeds to analyse, starting processes (each loads its own models) costs
# more than it saves; above it, a first build takes half the time on two cores.
SPREAD_FROM = 64


def spread(stage: Callable[..., Article], calls: Sequence[Args]) -> Iterator[Article]:
    """`stage(*args)` of each call, in order: on every core when there are enough calls."""
    if len(calls) < SPREAD_FROM:
        found: Iterable[Article] = (stage(*args) for args in calls)
    else:
        found = on_cores(stage, calls, "analyse", SPREAD_FROM)
    return (_given_seed(article, args[0]) for args, article in zip(calls, found, strict=True))


def _given_seed(article: Article, seed: SeedText) -> Article:
    """The article with the seed it was given, not a worker's copy of it: the memo stores
    a seed it knows by its digest alone (`Memo.name`), a copy whole."""
    if article.seed is seed or article.seed != seed:
        return article
    return replace(article, seed=seed)


def analyse_all(
    seeds: Sequence[SeedText],
    context: CleanContext,
    duplicates: Sequence[Duplicate] = (),
    memo: Memo = DIRECT,
    lines: Sequence[LineSet] | None = None,
) -> tuple[list[Article], list[SeedError], list[str]]:
    """Every seed analysed (from the cache where it was before), with what went wrong.

    `lines`: each seed's `seed_lines`, when the caller has them."""
    articles, errors, warnings = [], [], []
    # Keyed on the context for each seed only: another seed's edit leaves it cached.
    own = [s.lines for s in lines] if lines is not None else [None] * len(seeds)
    calls = [(seed, context.for_seed(seed, o)) for seed, o in zip(seeds, own, strict=True)]
    for distinct in {id(c): c for _, c in calls}.values():
        memo.intern(distinct)  # encoded once, not once per seed that shares it
    for seed, article in zip(seeds, memo.many(analyse, calls, spread), strict=True):
        if article.clean.empty:
            errors.append(SeedError(seed.name, "no article text: every line is boilerplate"))
            continue
        if not article.lang.known:
            warnings.append(
                f"{seed.name}: language undetermined ({article.lang.reason}; "
                f"candidates {article.lang.candidates})"
            )
        articles.append(article)
    published = {a.name for a in articles}
    errors += [
        SeedError(d.seed.name, f"same text as {d.of}, which failed")
        for d in duplicates
        if d.of not in published
    ]
    return articles, errors, warnings


# What cleaning one seed needs to know about all of them: the lines repeated across seeds
# (a site's furniture) and the editors' rules (`seeds/boilerplate.yml`).
@dataclass(frozen=True)
class Prepared:
    context: CleanContext
    lines: tuple[LineSet, ...]  # each seed's
    errors: tuple[SeedError, ...]  # the editors' rules that cannot be used
    warnings: tuple[str, ...]


def clean_context(folder: Path, seeds: Sequence[SeedText], memo: Memo = DIRECT) -> Prepared:
    editor, problems = load_editor_rules(folder / EDITOR_FILE)
    lines = tuple(memo.many(seed_lines, [(seed,) for seed in seeds]))
    unknown = editor.unknown(s.name for s in seeds)
    return Prepared(
        context=CleanContext(repeated=repeated_lines(seeds, lines), editor=editor),
        lines=lines,
        errors=tuple(SeedError(EDITOR_FILE, problem) for problem in problems),
        warnings=tuple(f"{EDITOR_FILE}: no seed named {name}" for name in unknown),
    )
