"""How often is a legacy-encoded seed decoded right, refused, or (the bad case) decoded wrong?

Every seed of the evaluation corpora is re-encoded in the legacy code pages its language
was commonly saved in (when it can be), whole and as its first line alone (a short text),
and fed to the read stage. Usage: python eval/encodings.py [EVAL_DIR]
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

from generator.reading.files import decode_seed
from generator.records import SeedText

CODE_PAGES = {
    "ru": ["cp1251", "koi8-r"],
    "uk": ["cp1251"],
    "kk": ["kz1048"],
    "ky": ["cp1251"],
    "tg": ["cp1251"],
    "mn": ["cp1251"],
    "ar": ["cp1256"],
    "fa": ["cp1256"],
    "fr": ["cp1252", "latin-1"],
    "de": ["cp1252"],
    "es": ["cp1252"],
    "tr": ["cp1254"],
}
CORPORA = ["ntrex-dev/full5", "ntrex-dev/region12", "pud-dev/partial8"]


def main(eval_dir: Path) -> None:
    counts: Counter[tuple[str, str, str]] = Counter()
    started = time.perf_counter()
    for corpus in CORPORA:
        folder = eval_dir / corpus
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        for name, facts in sorted(truth.items()):
            text = (folder / "seeds" / name).read_text(encoding="utf-8").strip()
            for codec in CODE_PAGES.get(facts["lang"], []):
                for size, sample in (("whole", text), ("first line", text.split("\n")[0])):
                    counts[(codec, size, _outcome(sample, codec))] += 1
    for codec in sorted({c for c, _, _ in counts}):
        for size in ("whole", "first line"):
            row = {o: counts[(codec, size, o)] for o in ("right", "refused", "WRONG", "n/a")}
            print(f"{codec:8} {size:10} " + "  ".join(f"{k} {v:4}" for k, v in row.items()))
    wrong = sum(v for (_, _, o), v in counts.items() if o == "WRONG")
    tried = sum(v for (_, _, o), v in counts.items() if o != "n/a")
    right = sum(v for (_, _, o), v in counts.items() if o == "right")
    print(
        f"total: {tried} decoded, {right} right, {wrong} wrong, "
        f"{tried - right - wrong} refused, {time.perf_counter() - started:.1f} s"
    )


def _outcome(text: str, codec: str) -> str:
    try:
        raw = text.encode(codec)
    except UnicodeEncodeError:
        return "n/a"  # the text has letters the code page lacks
    if raw.isascii():
        return "n/a"
    result = decode_seed("x.txt", raw)
    if not isinstance(result, SeedText):
        return "refused"
    return "right" if result.text == text.replace("\r\n", "\n") else "WRONG"


if __name__ == "__main__":
    main(
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).parents[1] / ".." / "shared" / "eval"
    )
