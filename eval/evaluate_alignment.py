"""Sentence alignment accuracy on NTREX (`ntrex-dev/full5` by default), per language pair.

A NTREX seed is the headline, a blank line, then the body in paragraphs of three NTREX
sentences (the last paragraph may hold fewer); paragraph k of one language translates
paragraph k of another. The seed does not mark where NTREX sentences end inside a paragraph,
so the truth is taken where it can be told: in paragraph k of both languages,
`split_sentences` finds the same number of sentences, three (any number up to three for the
last paragraph); then sentence s of one is the true counterpart of sentence s of the other.
Every body sentence, whatever its paragraph, goes to the aligner, as on the parallel pages
(the headlines are shown as a pair of their own there, so they are left out here).

Printed per pair: the share of true pairs the aligner returns as exactly that 1-1 bead
(strict), the share found inside one bead (lenient), and how many true pairs were judged.
With `--drop N` every N-th sentence of the second language is taken out first: its
counterpart then counts as right only when left alone (a 1-0 bead).

    nice -n 10 .venv/bin/python eval/evaluate_alignment.py [--eval DIR] [--min 0.95]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from generator.incremental.cache import DEFAULT_PATH, Cache
from generator.incremental.embeddings import CachedEncoder
from generator.rendering.align import DEFAULT_PARAMS, Params, align_sentences
from generator.text.embed import Encoder, default_encoder
from generator.text.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "fr", "ru", "kk", "ar")
# ../shared/eval beside the repository (or beside the folder of worktrees holding it).
EVAL_DIRS = [ROOT.parent / "shared" / "eval", ROOT.parent.parent / "shared" / "eval"]

Body = list[list[str]]  # paragraphs of sentences


def load(corpus: Path) -> dict[str, dict[str, Body]]:
    """story -> lang -> body paragraphs, each split into sentences."""
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    stories: dict[str, dict[str, Body]] = defaultdict(dict)
    for name, info in sorted(truth.items()):
        text = (corpus / "seeds" / name).read_text(encoding="utf-8")
        blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
        stories[info["story"]][info["lang"]] = [split_sentences(p) for p in blocks[1:]]
    return stories


def true_pairs(a: Body, b: Body) -> list[tuple[int, int]]:
    """(index in a, index in b) of sentences known to translate each other."""
    if len(a) != len(b):
        return []
    pairs = []
    start_a = start_b = 0
    for k, (pa, pb) in enumerate(zip(a, b, strict=True)):
        expected = len(pa) <= 3 if k == len(a) - 1 else len(pa) == 3
        if expected and len(pa) == len(pb):
            pairs += [(start_a + s, start_b + s) for s in range(len(pa))]
        start_a, start_b = start_a + len(pa), start_b + len(pb)
    return pairs


class NotCached(Exception):
    pass


class CachedOnly:
    """The encoder's name and size, refusing to encode: for tuning on what is cached."""

    def __init__(self, encoder: Encoder) -> None:
        self.name, self.dim = encoder.name, encoder.dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        raise NotCached


def score_pair(
    a: Body, b: Body, encoder: Encoder, cache: Cache, params: Params, drop: int = 0
) -> tuple[int, int, int]:
    """(strict hits, lenient hits, true pairs) for one story in two languages.

    `drop`: take every `drop`-th sentence out of b (none if 0); its true counterpart in a
    is then right only as a 1-0 bead, a sentence with no counterpart.
    """
    flat_a = [s for p in a for s in p]
    flat_b = [s for p in b for s in p]
    kept = [j for j in range(len(flat_b)) if not drop or j % drop != drop // 2]
    try:
        cached = CachedEncoder(encoder, cache)
        beads = align_sentences(flat_a, [flat_b[j] for j in kept], cached, params)
    except NotCached:
        return 0, 0, 0
    new_index = {old: new for new, old in enumerate(kept)}
    exact = {(x.a, x.b) for x in beads}
    bead_of_a = {i: x for x in beads for i in x.a}
    pairs = [(i, new_index.get(j)) for i, j in true_pairs(a, b)]
    strict = sum(((i,), () if j is None else (j,)) in exact for i, j in pairs)
    lenient = sum(
        i in bead_of_a and (j in bead_of_a[i].b if j is not None else not bead_of_a[i].b)
        for i, j in pairs
    )
    return strict, lenient, len(pairs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_eval = next((d for d in EVAL_DIRS if d.is_dir()), EVAL_DIRS[0])
    parser.add_argument("--eval", type=Path, default=default_eval)
    parser.add_argument("--corpus", default="ntrex-dev/full5")
    parser.add_argument("--cache", type=Path, default=ROOT / DEFAULT_PATH)
    parser.add_argument("--min", type=float, default=0.95, help="exit 1 below this (strict)")
    parser.add_argument("--cached-only", action="store_true", help="skip what is not cached")
    parser.add_argument(
        "--drop", type=int, default=0, help="robustness: take every N-th sentence out of b"
    )
    for name, value in vars(DEFAULT_PARAMS).items():
        parser.add_argument(f"--{name}", type=float, default=value, help=f"[{value}]")
    args = parser.parse_args()
    params = Params(**{name: getattr(args, name) for name in vars(DEFAULT_PARAMS)})
    encoder: Encoder = CachedOnly(default_encoder()) if args.cached_only else default_encoder()
    stories = load(args.eval / args.corpus)
    cache = Cache(args.cache)
    worst = 1.0
    print(f"{'pair':6} {'strict':>7} {'lenient':>8} {'pairs':>6} {'stories':>8}")
    for la, lb in itertools.combinations(LANGS, 2):
        totals = [0, 0, 0, 0]
        for langs in stories.values():
            if la in langs and lb in langs:
                scores = score_pair(langs[la], langs[lb], encoder, cache, params, args.drop)
                totals = [t + v for t, v in zip(totals, (*scores, scores[2] > 0), strict=True)]
        strict, lenient, judged, aligned = totals
        share = strict / judged if judged else 0.0
        worst = min(worst, share)
        print(f"{la}-{lb:3} {share:7.2%} {lenient / max(judged, 1):8.2%} {judged:6} {aligned:8}")
    print(f"worst pair: {worst:.2%} (minimum {args.min:.0%}; {len(stories)} stories in all)")
    return 0 if worst >= args.min else 1


if __name__ == "__main__":
    sys.exit(main())
