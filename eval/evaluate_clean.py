"""Boilerplate precision/recall and title accuracy of the clean and title stages.

    python eval/evaluate_clean.py [--eval ../shared/eval] [--detect] [--justext] [--verbose]
                                  [--web [--fold 0|1] [--model PATH]]

Sets: (a) the project's labelled fixtures (tests/fixtures/clean/articles), (b) the real
seeds against `seeds-expected.json`, (c) `ntrex-dev/full5` (headline = first line, no
boilerplate: every other line must be kept), (d) `pud-dev/partial8` for information (eight
languages, no headline, no boilerplate), (e) with `--web`, the real pages of `web-dev`
scored as `web_score.py` scores a build (snippets of the article kept, boilerplate snippets
dropped, headlines), straight from `clean_text` and `find_title`; `--fold k` scores only
the pages of fold k (`train_clean.py --fold k` trains without them), `--model` uses another
line model than the shipped one. A removed line that is not labelled boilerplate is a lost
line; "optional" lines count neither way. Exit 1 when (b) or (c) misses its acceptance figure.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.analysis import line_model  # noqa: E402
from generator.analysis.boilerplate_rules import stoplist  # noqa: E402
from generator.analysis.clean import CleanContext, clean_text, repeated_lines  # noqa: E402
from generator.analysis.detect import detect_language  # noqa: E402
from generator.analysis.title import find_title  # noqa: E402
from generator.reading.files import decode_seed  # noqa: E402
from generator.records import CleanText, Removed, SeedText  # noqa: E402


@dataclass
class Tally:
    removed_right: int = 0
    removed_wrong: int = 0
    boilerplate: int = 0
    titles_right: int = 0
    titles: int = 0
    lost: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    wrong_titles: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        removed = self.removed_right + self.removed_wrong
        precision = self.removed_right / removed if removed else 1.0
        recall = self.removed_right / self.boilerplate if self.boilerplate else 1.0
        return (
            f"{name}: boilerplate precision {precision:.3f} ({self.removed_right}/{removed}), "
            f"recall {recall:.3f} ({self.removed_right}/{self.boilerplate}); title accuracy "
            f"{self.titles_right / max(self.titles, 1):.3f} ({self.titles_right}/{self.titles}); "
            f"lost lines {len(self.lost)}"
        )


def load(folder: Path, names: list[str]) -> list[SeedText]:
    seeds = []
    for name in names:
        seed = decode_seed(name, (folder / name).read_bytes())
        assert isinstance(seed, SeedText), seed
        seeds.append(seed)
    return seeds


def justext_clean(seed: SeedText, lang: str) -> CleanText:
    """Baseline: jusText alone, each line wrapped as a <p> (its documented plain-text use)."""
    import justext  # type: ignore[import-untyped]

    lines = [(i, line.strip()) for i, line in enumerate(seed.text.split("\n")) if line.strip()]
    page = "".join(f"<p>{html.escape(text)}</p>" for _, text in lines)
    stops = stoplist(lang) or frozenset()
    verdicts = justext.justext(f"<html><body>{page}</body></html>".encode(), stops)
    bad = [p.is_boilerplate for p in verdicts]
    if len(bad) != len(lines):  # jusText merged or dropped something: count it all as kept
        bad = [False] * len(lines)
    return CleanText(
        paragraphs=tuple(t for (_, t), b in zip(lines, bad, strict=True) if not b),
        removed=tuple(Removed(i, t, "jusText") for (i, t), b in zip(lines, bad, strict=True) if b),
    )


def score(
    seeds: list[SeedText],
    labels: dict[str, dict[str, object]],
    detect: bool,
    baseline: bool = False,
) -> Tally:
    """labels: per seed, `lang`, `title` (None: none in the text), `boilerplate`, `optional`."""
    context = CleanContext(repeated=repeated_lines(seeds))
    tally = Tally()
    for seed in seeds:
        label = labels[seed.name]
        lang = detect_language(seed.text).code if detect else str(label["lang"])
        clean = justext_clean(seed, lang) if baseline else clean_text(seed, lang, context)
        title = find_title(clean)
        boiler = {str(x).strip() for x in label.get("boilerplate", []) or []}  # type: ignore[attr-defined]
        optional = {str(x).strip() for x in label.get("optional", []) or []}  # type: ignore[attr-defined]
        expected_title = label.get("title")
        tally.boilerplate += len(boiler)
        removed = {r.text for r in clean.removed}
        for text in removed - optional:
            if text in boiler:
                tally.removed_right += 1
            else:
                tally.removed_wrong += 1
                tally.lost.append(f"{seed.name}: {text[:100]}")
        tally.left += [f"{seed.name}: {t[:100]}" for t in boiler - removed]
        tally.titles += 1
        # No headline in the text: the title must be made from the first sentence.
        right = title.paragraph is None if expected_title is None else title.text == expected_title
        tally.titles_right += right
        if not right:
            tally.wrong_titles.append(f"{seed.name}: {title.text[:90]!r} != {expected_title!r}")
    return tally


def fixtures(detect: bool, baseline: bool = False) -> Tally:
    folder = ROOT / "tests" / "fixtures" / "clean" / "articles"
    labels = json.loads((folder / "labels.json").read_text("utf-8"))
    return score(load(folder, sorted(labels)), labels, detect, baseline)


def real_seeds(eval_dir: Path, detect: bool, baseline: bool = False) -> Tally:
    labels = json.loads((eval_dir / "seeds-expected.json").read_text("utf-8"))
    return score(load(ROOT / "seeds", sorted(labels)), labels, detect, baseline)


def ntrex(eval_dir: Path, detect: bool) -> Tally:
    corpus = eval_dir / "ntrex-dev" / "full5"
    truth = json.loads((corpus / "truth.json").read_text("utf-8"))
    labels = {name: {**t, "boilerplate": [], "optional": []} for name, t in truth.items()}
    return score(load(corpus / "seeds", sorted(truth)), labels, detect)


def pud(eval_dir: Path, detect: bool) -> Tally:
    """PUD texts have no boilerplate and no headline: every line must stay."""
    corpus = eval_dir / "pud-dev" / "partial8"
    truth = json.loads((corpus / "truth.json").read_text("utf-8"))
    labels = {name: {**t, "title": None, "boilerplate": []} for name, t in truth.items()}
    return score(load(corpus / "seeds", sorted(truth)), labels, detect)


def web_norm(text: str) -> str:
    """Text as `web_score.py` compares it: entities, no-break spaces and escapes undone."""
    text = unicodedata.normalize("NFC", html.unescape(text)).replace("\xa0", " ")
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~^=:\"'])", r"\1", text)
    return " ".join(text.split())


@dataclass
class WebTally:
    kept: int = 0  # article snippets kept
    lost: int = 0
    left: int = 0  # boilerplate snippets left in
    dropped: int = 0
    titles_right: int = 0
    titled: int = 0
    seeds_lost: int = 0
    seconds: float = 0.0
    seeds: int = 0
    misses: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        p = self.kept / max(self.kept + self.left, 1)
        r = self.kept / max(self.kept + self.lost, 1)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return (
            f"{name}: precision {p:.3f} recall {r:.3f} F1 {f1:.3f} dropped "
            f"{self.dropped / max(self.dropped + self.left, 1):.3f}; headlines "
            f"{self.titles_right}/{self.titled} ({self.titles_right / max(self.titled, 1):.3f}); "
            f"lost seeds {self.seeds_lost}; clean_text "
            f"{1000 * self.seconds / max(self.seeds, 1):.1f} ms/seed"
        )

    @property
    def f1(self) -> float:
        p = self.kept / max(self.kept + self.left, 1)
        r = self.kept / max(self.kept + self.lost, 1)
        return 2 * p * r / (p + r) if p + r else 0.0


def fold_of(name: str) -> int:
    """The cross-validation fold of a web-dev page (`train_clean.py` splits the same way)."""
    return hashlib.sha1(name.encode()).digest()[0] % 2


def web(eval_dir: Path, fold: int | None = None, anchor: str = "") -> WebTally:
    """`anchor`: "raw" keeps every line, "justext" cleans with jusText alone."""
    corpus = eval_dir / "web-dev"
    truth = json.loads((corpus / "truth.json").read_text("utf-8"))
    names = sorted(n for n in truth if fold is None or fold_of(n) == fold)
    seeds = load(corpus / "seeds", names)
    context = CleanContext(repeated=repeated_lines(seeds))
    tally = WebTally()
    for seed in seeds:
        own = context.for_seed(seed)
        lang = detect_language(seed.text).code
        start = time.perf_counter()
        if anchor == "raw":
            clean = CleanText(paragraphs=tuple(t for t in seed.text.split("\n") if t.strip()))
        elif anchor == "justext":
            clean = justext_clean(seed, lang)
        else:
            clean = clean_text(seed, lang, own)
        tally.seconds += time.perf_counter() - start
        tally.seeds += 1
        _web_score(tally, seed.name, clean, truth[seed.name])
    return tally


def _web_score(tally: WebTally, name: str, clean: CleanText, truth: dict[str, object]) -> None:
    title = find_title(clean)
    body = " ".join(p for i, p in enumerate(clean.paragraphs) if i != title.paragraph)
    if clean.empty:
        tally.seeds_lost += 1
    kept = web_norm(title.text) + " " + web_norm(body)
    for snippet in truth["with"]:  # type: ignore[attr-defined]
        found = web_norm(snippet) in kept
        tally.kept += found
        tally.lost += not found
        if not found:
            tally.misses.append(f"{name}: lost {snippet[:90]!r}")
    for snippet in truth["without"]:  # type: ignore[attr-defined]
        found = web_norm(snippet) in kept
        tally.left += found
        tally.dropped += not found
        if found:
            tally.misses.append(f"{name}: left {snippet[:90]!r}")
    if truth.get("title"):
        tally.titled += 1
        got, want = web_norm(title.text).casefold(), web_norm(str(truth["title"])).casefold()
        right = bool(got) and (got == want or got in want or want in got)
        tally.titles_right += right
        if not right:
            tally.misses.append(f"{name}: title {title.text[:70]!r} != {want[:70]!r}")


def report(name: str, tally: Tally, verbose: bool) -> None:
    print(tally.line(name))
    if verbose:
        for kind, items in (
            ("lost", tally.lost),
            ("left", tally.left),
            ("title", tally.wrong_titles),
        ):
            for item in items:
                print(f"  {kind}: {item}")


def default_eval_dir() -> Path:
    """$SHARED_EVAL, else ../shared/eval beside the repository (or beside its worktrees)."""
    if os.environ.get("SHARED_EVAL"):
        return Path(os.environ["SHARED_EVAL"])
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "eval").is_dir():
            return base / "shared" / "eval"
    return ROOT.parent / "shared" / "eval"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval", type=Path, default=default_eval_dir())
    parser.add_argument("--detect", action="store_true", help="detect languages (slower)")
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument(
        "--justext", action="store_true", help="also score jusText alone, as a baseline"
    )
    parser.add_argument("--web", action="store_true", help="also score web-dev (real pages)")
    parser.add_argument("--fold", type=int, choices=(0, 1), help="web-dev: only this fold")
    parser.add_argument("--model", type=Path, help="a line model other than the shipped one")
    args = parser.parse_args()
    line_model.use(args.model)
    if args.justext:
        report("fixtures, jusText alone", fixtures(args.detect, baseline=True), args.verbose)
    report("fixtures", fixtures(args.detect), args.verbose)
    if not args.eval.is_dir():
        print(f"{args.eval}: not found; seeds-expected and ntrex skipped")
        return 0
    if args.justext:
        baseline = real_seeds(args.eval, args.detect, baseline=True)
        report("seeds-expected, jusText alone", baseline, args.verbose)
    seeds = real_seeds(args.eval, args.detect)
    report("seeds-expected", seeds, args.verbose)
    full5 = ntrex(args.eval, args.detect)
    report("ntrex-dev/full5", full5, args.verbose)
    report(
        "pud-dev/partial8 (no headline: title accuracy = none found)",
        pud(args.eval, args.detect),
        args.verbose,
    )
    if args.web:
        for anchor in ("raw", "justext") if args.justext else ():
            print(web(args.eval, args.fold, anchor).line(f"web-dev, {anchor} (anchor)"))
        found = web(args.eval, args.fold)
        shown = "web-dev" if args.fold is None else f"web-dev fold {args.fold}"
        print(found.line(shown))
        if args.verbose:
            for miss in found.misses:
                print(f"  {miss}")
    ok = (
        not seeds.lost
        and not seeds.left
        and seeds.titles_right == seeds.titles
        and not full5.lost
        and full5.titles_right >= 0.99 * full5.titles
    )
    print("acceptance:", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
