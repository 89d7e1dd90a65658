"""Stages 2-4 for one seed: detect its language, clean it, find its headline and date.

A seed's analysis depends on its own text and on the part of the cleaning context that bears
on it (`CleanContext.for_seed`), nothing else: the build memoises it whole, one cache entry
per seed, so a rebuild after one new seed analyses that seed and reads the others back.
"""

from __future__ import annotations

from collections.abc import Sequence

from .clean import CleanContext, clean_text
from .dates import publication_date
from .detect import detect_language
from .duplicates import Duplicate
from .frontmatter import apply_overrides
from .memo import DIRECT, Memo
from .progress import progress
from .records import Article, SeedError, SeedText
from .title import find_title


def analyse(seed: SeedText, context: CleanContext | None = None) -> Article:
    # A first guess on the raw text chooses the cleaner's phrase lists and stoplists; the
    # language is then told on the article alone, without another site's boilerplate.
    first = seed.overrides.lang or detect_language(seed.text).code
    clean = clean_text(seed, first, (context or CleanContext()).for_seed(seed))
    article = Article(
        seed=seed,
        lang=detect_language("\n".join(clean.paragraphs) or seed.text),
        clean=clean,
        title=find_title(clean),
        date=publication_date(seed),
    )
    return apply_overrides(article)


def analyse_all(
    seeds: Sequence[SeedText],
    context: CleanContext,
    duplicates: Sequence[Duplicate] = (),
    memo: Memo = DIRECT,
) -> tuple[list[Article], list[SeedError], list[str]]:
    """Every seed analysed (from the cache where it was before), with what went wrong."""
    articles, errors, warnings = [], [], []
    for seed in progress(seeds, "analyse", len(seeds)):
        # Keyed on the context for this seed only: another seed's edit leaves it cached.
        article = memo(analyse, seed, context.for_seed(seed))
        if not article.clean.paragraphs:
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
