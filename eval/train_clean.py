"""Train the clean stage's line model (generator/data/clean_model.json).

    python eval/train_clean.py [--eval ../shared/eval] [--fold 0|1] [--out PATH]

Data: the real pages of `web-dev` (a line holding a `with` snippet is article text, one
holding a `without` snippet is boilerplate, a line matching `title` as `web_score.py` matches
headlines is the headline; other lines are not labelled), dense labels for the 120 of those
pages also saved as HTML (`teacher_labels.py`: every line trafilatura's reading of the HTML
clearly keeps or clearly leaves out, where the snippets say nothing; weighed TEACHER_WEIGHT)
and the project's fixtures (tests/fixtures/clean/articles: every line labelled). `--fold
k` trains on the web-dev pages outside fold k only (folds: a hash of the file name; nor are
the teacher's labels of fold k's pages used), so that `evaluate_clean.py --web --model PATH
--fold k` reports held-out figures. Plain numpy (boosted trees,
`train_trees.py`): deterministic.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from evaluate_clean import default_eval_dir, load, web_norm  # noqa: E402
from teacher_labels import extraction, merge, teacher_labels  # noqa: E402
from train_trees import boost  # noqa: E402

from generator.analysis.boilerplate_rules import phrase_reason  # noqa: E402
from generator.analysis.clean import line_hash, normalise, repeated_lines  # noqa: E402
from generator.analysis.detect import detect_language  # noqa: E402
from generator.analysis.headline import (  # noqa: E402
    body_start,
    candidate_features,
    candidates,
)
from generator.analysis.headline import ranked_shape as shaped  # noqa: E402
from generator.analysis.line_features import (  # noqa: E402
    LOCAL,
    context_features,
    local_features,
    split_page,
)
from generator.analysis.line_model import MODEL_FILE, LineModel  # noqa: E402
from generator.analysis.trees import Forest  # noqa: E402
from generator.records import SeedText  # noqa: E402

FIXTURE_WEIGHT = 3.0
# With article_block's BLOCK_ABOVE and OUTSIDE_KEEP: chosen by cross-validation as the
# highest values that keep about 97% of the article's snippets on held-out pages.
KEEP_ABOVE = 0.08
HEADLINE_ABOVE = 0.05
WEAK_WEIGHT = 0.3
# Held out on both folds, 0.15 to 1.0 and trafilatura's favor_precision / favor_recall lie
# on one curve of article kept against boilerplate removed: a middle value.
TEACHER_WEIGHT = 0.5
TEACHER_MODE = "plain"
# The headline ranker learns from a few hundred pages: leaves of several pages' worth of
# weight and strong shrinkage generalise better than the line model's settings.
RANKER = {"min_hessian": 5.0, "l2": 10.0}
LINES: dict[str, float] = {}
PHRASE = [LOCAL.index("phrase_anywhere"), LOCAL.index("phrase_edges")]


@dataclass
class Page:
    name: str
    texts: list[str]
    local: np.ndarray
    labels: np.ndarray  # 1 article, 0 boilerplate, -1 unknown
    title: str | None
    weight: float
    weights: np.ndarray  # per line: weak labels count less


def fold_of(name: str) -> int:
    return hashlib.sha1(name.encode()).digest()[0] % 2


def page_of(seed: SeedText, lang: str, repeated: frozenset[int], labels: dict[str, object]) -> Page:
    _, texts, before, after = split_page(seed.text)
    flags = [line_hash(normalise(t)) in repeated for t in texts]
    phrases = [phrase_reason(t, lang) for t in texts]
    local = local_features(texts, before, after, flags, phrases, lang)
    found, weights = _labels(texts, labels)
    return Page(seed.name, texts, local, found, labels.get("title"), 1.0, weights)  # type: ignore[arg-type]


def _labels(texts: list[str], truth: dict[str, object]) -> tuple[np.ndarray, np.ndarray]:
    out = np.full(len(texts), -1.0)
    normed = [web_norm(t) for t in texts]
    if "with" in truth:
        for key, value in (("without", 0.0), ("with", 1.0)):
            for snippet in truth[key]:  # type: ignore[attr-defined]
                s = web_norm(snippet)
                found = [i for i, line in enumerate(normed) if s and s in line]
                # A short snippet found on several lines ("Leslie Clio") labels none of them.
                for i in found if len(found) == 1 else ():
                    out[i] = value
    else:  # a fixture: every line labelled
        boiler = {str(x).strip() for x in truth.get("boilerplate", [])}  # type: ignore[attr-defined]
        optional = {str(x).strip() for x in truth.get("optional", [])}  # type: ignore[attr-defined]
        for i, text in enumerate(texts):
            out[i] = -1.0 if text in optional else 0.0 if text in boiler else 1.0
    title = truth.get("title")
    if title:
        for i, line in enumerate(normed):
            if line.casefold() == web_norm(str(title)).casefold():
                out[i] = 1.0
    weights = np.ones(len(texts))
    if "with" in truth:
        _weak(out, weights)
    return out, weights


def _weak(labels: np.ndarray, weights: np.ndarray) -> None:
    """Lines beyond the outermost boilerplate snippet on either side of the article (first
    to last article line) are boilerplate too: weak labels, weighed less."""
    good = np.flatnonzero(labels == 1)
    bad = np.flatnonzero(labels == 0)
    if not len(good):
        return
    above, below = bad[bad < good[0]], bad[bad > good[-1]]
    weak = np.zeros(len(labels), dtype=bool)
    if len(above):
        weak[: above.max()] = True
    if len(below):
        weak[below.min() + 1 :] = True
    weak &= labels < 0
    labels[weak] = 0.0
    weights[weak] = WEAK_WEIGHT


def load_pages(eval_dir: Path, fold: int | None) -> list[Page]:
    web = eval_dir / "web-dev"
    truth = json.loads((web / "truth.json").read_text("utf-8"))
    names = sorted(n for n in truth if fold is None or fold_of(n) != fold)
    pages = _pages(load(web / "seeds", names), truth, 1.0)
    _teach(pages, web / "html")
    folder = ROOT / "tests" / "fixtures" / "clean" / "articles"
    labels = json.loads((folder / "labels.json").read_text("utf-8"))
    return pages + _pages(load(folder, sorted(labels)), labels, FIXTURE_WEIGHT)


def _teach(pages: list[Page], folder: Path) -> None:
    """Dense labels for the pages also saved as HTML (fold k's pages are not loaded when
    training for fold k: nor are their HTML pages)."""
    for page in pages:
        html_file = folder / (Path(page.name).stem + ".html")
        if TEACHER_WEIGHT > 0 and html_file.exists():
            text, title = extraction(html_file, TEACHER_MODE)
            merge(
                page.labels, page.weights, teacher_labels(page.texts, text, title), TEACHER_WEIGHT
            )


def _pages(seeds: list[SeedText], truth: dict[str, dict[str, object]], weight: float) -> list[Page]:
    repeated = repeated_lines(seeds)
    out = []
    for seed in seeds:
        lang = str(truth[seed.name].get("lang") or detect_language(seed.text).code)
        page = page_of(seed, lang, repeated, truth[seed.name])
        page.weight = weight
        out.append(page)
    return out


def _stack(pages: list[Page], rows: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    keep = [p.labels >= 0 for p in pages]
    x = np.vstack([r[k] for r, k in zip(rows, keep, strict=True)])
    y = np.concatenate([p.labels[k] for p, k in zip(pages, keep, strict=True)])
    w = np.concatenate([p.weight * p.weights[k] for p, k in zip(pages, keep, strict=True)])
    return x, y, w


def train(pages: list[Page]) -> LineModel:
    rows = [context_features(p.local) for p in pages]
    lines = boost(*_stack(pages, rows), **LINES)
    # The threshold and the headline ranker learn from verdicts on pages the model did not see.
    article = _held_out(pages, rows)
    headline, headline_above = _headline(pages, article)
    return LineModel(lines, headline, KEEP_ABOVE, headline_above)


def _held_out(pages: list[Page], rows: list[np.ndarray]) -> list[np.ndarray]:
    held = [np.zeros(len(p.texts)) for p in pages]
    for half in (0, 1):
        inside = [i for i in range(len(pages)) if i % 2 != half]
        part = boost(*_stack([pages[i] for i in inside], [rows[i] for i in inside]), **LINES)
        for i in range(len(pages)):
            if i % 2 == half:
                held[i] = part.probability(rows[i])
    return held


def _headline(pages: list[Page], article: list[np.ndarray]) -> tuple[Forest, float]:
    rows: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    groups: list[np.ndarray] = []
    for page, a in zip(pages, article, strict=True):
        if not page.title:
            continue
        body = body_start(a)
        barred = set(np.flatnonzero(page.local[:, PHRASE].sum(axis=1) > 0).tolist())
        chosen = [i for i in candidates(len(page.texts), body, barred) if shaped(page.texts[i])]
        y = np.array([headline_matches(page.texts[i], page.title) for i in chosen], dtype=float)
        if not y.any():
            continue
        rows.append(candidate_features(page.texts, page.local, a, body, chosen))
        ys.append(y / y.sum())  # one positive per page, shared among its copies
        groups.append(np.full(len(chosen), len(groups)))
    # Trained as a ranking (softmax over each page's candidates): which line of the page is
    # the headline, not whether each line could be one.
    x, y = np.vstack(rows), np.concatenate(ys)
    model = boost(x, y, np.ones(len(y)), groups=np.concatenate(groups), **RANKER)
    return model, HEADLINE_ABOVE


def headline_matches(line: str, title: str) -> bool:
    """As `web_score.py` matches headlines (one containing the other, ignoring case), and
    the line at least half the title's length."""
    got, want = web_norm(line).casefold(), web_norm(title).casefold()
    return bool(got) and (got in want or want in got) and len(got) >= 0.5 * len(want)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval", type=Path, default=default_eval_dir())
    parser.add_argument("--fold", type=int, choices=(0, 1))
    parser.add_argument("--out", type=Path, default=ROOT / "generator" / MODEL_FILE)
    args = parser.parse_args()
    pages = load_pages(args.eval, args.fold)
    model = train(pages)
    args.out.write_text(json.dumps(model.to_json(), separators=(",", ":")) + "\n", "utf-8")
    print(f"{args.out}: {len(pages)} pages, keep above {model.keep_above:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
