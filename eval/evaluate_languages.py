"""Language identification on an evaluation corpus: per-language accuracy, confusions, time.

usage: python eval/evaluate_languages.py CORPUS [--truth TRUTH.json] [--first-sentence]
                                          [--variant NAME] [--langs xx,yy]
                                          [--min-accuracy A] [--show-errors N]

CORPUS is a folder with `seeds/` and `truth.json` (e.g. ../shared/eval/ntrex-dev/region12),
or a seeds folder given with --truth. Seeds go through the build's own read and clean stages
before detection, so the figures are those of a build. `und` counts as wrong. The time is
that of detection alone, from cold (model loading included). Exit 1 when some language's
accuracy is below --min-accuracy.

--variant rewrites one language's seeds in another script (eval/script_variants.py: kk-Latn,
kk-Latn-plain, kk-Latn-caps, kk-Latn-title, kk-Latn-2017, kk-Latn-c, uz-Cyrl) and keeps only
them unless --langs says otherwise; --langs keeps the seeds of those languages. Each seed's
script (ISO 15924) is checked too: the variant's, else the language's usual one.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from generator.analysis.clean import clean_text
from generator.analysis.detect import detect_language, detect_script
from generator.reading.files import read_seeds
from generator.records import Language, SeedError
from generator.text.languages import default_script
from generator.text.sentences import split_sentences

sys.path.insert(0, str(Path(__file__).resolve().parent))
from script_variants import VARIANTS

DEFAULT_EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


Rewrite = Callable[[str], str] | None


def load_texts(seeds: Path, first_sentence: bool, keep: dict[str, Rewrite]) -> dict[str, str]:
    """The cleaned text of the seeds in `keep`, each rewritten (before cleaning) if asked."""
    texts = {}
    for seed in read_seeds(seeds):
        if isinstance(seed, SeedError):
            print(f"unreadable seed {seed}", file=sys.stderr)
            continue
        if seed.name not in keep:
            continue
        rewrite = keep[seed.name]
        if rewrite is not None:
            seed = replace(seed, text=rewrite(seed.text))
        paragraphs = clean_text(seed).paragraphs
        if first_sentence and paragraphs:
            paragraphs = (split_sentences(paragraphs[0])[0],)
        texts[seed.name] = "\n".join(paragraphs)
    return texts


def evaluate(texts: dict[str, str]) -> tuple[dict[str, Language], dict[str, str | None], float]:
    start = time.perf_counter()
    found = {name: detect_language(text) for name, text in texts.items()}
    scripts = {name: detect_script(text) for name, text in texts.items()}
    return found, scripts, time.perf_counter() - start


# Chinese is written in simplified or traditional characters (PUD's are traditional): a
# corpus says only that it is Chinese.
_HAN = frozenset({"Hans", "Hant", "Hani"})


def _same_script(expected: str | None, got: str | None) -> bool:
    return expected == got or (expected in _HAN and got in _HAN)


def report_scripts(expected: dict[str, str | None], scripts: dict[str, str | None]) -> None:
    right = sum(_same_script(script, scripts.get(name)) for name, script in expected.items())
    wrong = Counter(
        (s, scripts.get(n)) for n, s in expected.items() if not _same_script(s, scripts.get(n))
    )
    print(f"script {right}/{len(expected)} right", end="")
    print("".join(f"; {s} -> {g}: {n}" for (s, g), n in wrong.most_common()))


def report(truth: dict[str, str], found: dict[str, Language], seconds: float) -> dict[str, float]:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    confusions: Counter[tuple[str, str]] = Counter()
    for name, lang in truth.items():
        got = found[name].code if name in found else "lost"
        total[lang] += 1
        right[lang] += got == lang
        if got != lang:
            confusions[(lang, got)] += 1
    accuracy = {lang: right[lang] / total[lang] for lang in total}
    print(f"{'lang':<6}{'right':>7}{'seeds':>7}{'accuracy':>10}")
    for lang in sorted(total):
        print(f"{lang:<6}{right[lang]:>7}{total[lang]:>7}{accuracy[lang]:>10.4f}")
    overall = sum(right.values()) / max(sum(total.values()), 1)
    print(f"{'all':<6}{sum(right.values()):>7}{sum(total.values()):>7}{overall:>10.4f}")
    print("confusions (truth -> detected):", end="")
    print("".join(f"\n  {t} -> {g}: {n}" for (t, g), n in confusions.most_common()) or " none")
    print(f"detection time {seconds:.1f} s for {len(found)} seeds, from cold")
    return accuracy


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("corpus", type=Path, help=f"e.g. {DEFAULT_EVAL / 'ntrex-dev/region12'}")
    parser.add_argument("--truth", type=Path, help="truth.json (default: CORPUS/truth.json)")
    parser.add_argument("--first-sentence", action="store_true", help="only each first sentence")
    parser.add_argument("--variant", choices=sorted(VARIANTS), help="rewrite one language")
    parser.add_argument("--langs", help="keep only these languages (comma-separated)")
    parser.add_argument("--min-accuracy", type=float, default=0.0)
    parser.add_argument("--show-errors", type=int, default=0, metavar="N")
    args = parser.parse_args()
    seeds = args.corpus / "seeds" if (args.corpus / "seeds").is_dir() else args.corpus
    truth_path = args.truth or args.corpus / "truth.json"
    truth = {
        name: str(entry["lang"])
        for name, entry in json.loads(truth_path.read_text(encoding="utf-8")).items()
    }
    variant = VARIANTS[args.variant] if args.variant else None
    langs = set(args.langs.split(",")) if args.langs else {variant.lang} if variant else None
    truth = {name: lang for name, lang in truth.items() if langs is None or lang in langs}
    rewritten = {n for n, lang in truth.items() if variant is not None and lang == variant.lang}
    keep = {n: variant.rewrite if variant and n in rewritten else None for n in truth}
    texts = load_texts(seeds, args.first_sentence, keep)
    expected = {
        n: variant.script if variant and n in rewritten else default_script(lang)
        for n, lang in truth.items()
    }
    found, scripts, seconds = evaluate(texts)
    accuracy = report(truth, found, seconds)
    report_scripts(expected, scripts)
    errors = [n for n in truth if n not in found or found[n].code != truth[n]]
    for name in errors[: args.show_errors]:
        lang = found.get(name)
        print(f"{name} [{truth[name]}] {lang}\n    {texts.get(name, '')[:150]!r}")
    return 0 if min(accuracy.values(), default=1.0) >= args.min_accuracy else 1


if __name__ == "__main__":
    sys.exit(main())
