"""Run the generator on a seeds folder and print score.py's figures for its grouping.

usage: python eval/evaluate_grouping.py [CORPUS ...] [--eval DIR] [--cache FILE]

CORPUS is `seeds` (the project's five seeds, scored against seeds-truth.json) or a corpus
folder of the evaluation data holding `seeds/` and `truth.json` (e.g. pud-dev/partial4).
The build goes to a temporary folder, with a temporary stories.yml: nothing recorded for
the project is read or changed. Embeddings are cached (default .cache/generator.sqlite), so
a second run on the same corpus only times the grouping.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generator.build import build
from generator.config import Config

ROOT = Path(__file__).resolve().parent.parent
# ../shared/eval beside the repository (or beside the folder of worktrees holding it).
DEFAULT_EVAL = next(
    (p for p in (ROOT.parent / "shared/eval", ROOT.parent.parent / "shared/eval") if p.is_dir()),
    ROOT.parent / "shared/eval",
)
ALL = [
    "seeds",
    "pud-dev/full4",
    "pud-dev/partial4",
    "pud-dev/partial8",
    "ntrex-dev/full5",
    "ntrex-dev/partial5",
]


def corpus_paths(name: str, eval_dir: Path) -> tuple[Path, Path]:
    """(seeds folder, truth file) of a corpus."""
    if name == "seeds":
        return ROOT / "seeds", eval_dir / "seeds-truth.json"
    folder = Path(name) if Path(name).is_dir() else eval_dir / name
    return folder / "seeds", folder / "truth.json"


def evaluate(name: str, eval_dir: Path, cache: Path) -> int:
    seeds, truth = corpus_paths(name, eval_dir)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "docs"
        config = Config(
            seeds=seeds, out=out, strict=False, stories=Path(tmp) / "stories.yml", cache=cache
        )
        start = time.perf_counter()
        report = build(config)
        seconds = time.perf_counter() - start
        print(f"== {name}: {len(report.pages)} pages, {len(report.errors)} failed, {seconds:.1f} s")
        result = subprocess.run(
            [sys.executable, str(eval_dir / "score.py"), str(truth), str(out / "archive.json")],
            capture_output=True,
            text=True,
            check=False,
        )
        print(result.stdout, end="")
        print(result.stderr, end="", file=sys.stderr)
        return result.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpora", nargs="*", default=ALL, help=f"default: {' '.join(ALL)}")
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="evaluation data folder")
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "generator.sqlite")
    args = parser.parse_args()
    if not (args.eval / "score.py").exists():
        sys.exit(f"{args.eval}: no score.py here; pass --eval DIR")
    failures = sum(evaluate(name, args.eval, args.cache) != 0 for name in args.corpora)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
