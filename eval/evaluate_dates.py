"""How often the date stage finds a publication date on real pasted pages, and how often it
agrees with the date in the page's address (web-dev: 466 pages; an address that states a
date is the only truth the corpus has for it).

    python eval/evaluate_dates.py [--eval ../shared/eval] [-v]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from evaluate_clean import default_eval_dir  # noqa: E402

from generator.analysis.analyse import analyse  # noqa: E402
from generator.analysis.dates import find_date  # noqa: E402
from generator.reading.files import read_seed  # noqa: E402

_URL_DATE = re.compile(r"/(20\d\d)[/-]?(\d\d)[/-]?(\d\d)(?:/|[^\d])")


def url_date(url: str) -> str | None:
    match = _URL_DATE.search(url)
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval", type=Path, default=default_eval_dir())
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    corpus = args.eval / "web-dev"
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    found = {"top and cues only": 0, "beside the headline too": 0}
    right = dict.fromkeys(found, 0)
    wrong = dict.fromkeys(found, 0)
    dated = 0
    for name, entry in sorted(truth.items()):
        seed = read_seed(corpus / "seeds" / name, corpus / "seeds")
        article = analyse(seed)
        dates = {
            "top and cues only": find_date(seed.text).iso,
            "beside the headline too": article.date.iso,
        }
        expected = url_date(entry.get("url", ""))
        dated += expected is not None
        for way, iso in dates.items():
            found[way] += iso is not None
            if expected is not None and iso is not None:
                right[way] += iso == expected
                wrong[way] += iso != expected
        iso = article.date.iso
        if args.verbose and expected is not None and iso is not None and iso != expected:
            print(f"  {name}: {iso} != {expected} ({article.date.reason[:70]})")
    print(f"web-dev: {len(truth)} pages, {dated} with a date in their address")
    for way in found:
        agree = f"{right[way]} right, {wrong[way]} wrong"
        print(f"  {way}: found {found[way]}; against the address {agree}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
