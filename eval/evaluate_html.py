"""Seeds saved as .html: the article kept, the boilerplate dropped and the headline, scored as
`web_score.py` scores a build, without building a site.

    python eval/evaluate_html.py [--eval ../shared/eval] [--repeat 3] [--verbose]

Each page of `web-dev/html/` is read by `reading.html_page` and analysed as a build analyses
a seed (`analysis.analyse`: language, clean stage, headline, date, the markup's metadata as
overrides); what a page shows is its title and its body. Rows: the .html seeds as the build
reads them; the same without the clean stage (trafilatura's article as it is); and the same
pages' .txt seeds (a browser's copy of the page) for comparison. web_score.py's own `norm` and
`score` are used (imported from the evaluation folder), so the figures are the acceptance's.
Also: the cost of reading a page (ms), pages refused, and any markup left in what a page shows.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eval.evaluate_clean import default_eval_dir, load  # noqa: E402
from generator.analysis.analyse import analyse  # noqa: E402
from generator.analysis.clean import CleanContext, repeated_lines  # noqa: E402
from generator.analysis.title import find_title  # noqa: E402
from generator.reading.frontmatter import apply_overrides  # noqa: E402
from generator.reading.html_page import read_html_page  # noqa: E402
from generator.records import Article, CleanText, SeedError, SeedText  # noqa: E402

# What web_score.py's `page_text` takes out of a page as markup.
MARKUP = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>|<!--")
Analyse = Callable[[SeedText, CleanContext], Article]


def web_score(eval_dir: Path) -> ModuleType:
    """The acceptance's scorer, imported as a module (it sets an excepthook: put back)."""
    spec = importlib.util.spec_from_file_location("web_score", eval_dir / "web_score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    hook = sys.excepthook
    spec.loader.exec_module(module)
    sys.excepthook = hook
    return module


def read_pages(
    folder: Path, repeat: int = 1
) -> tuple[list[SeedText], list[SeedError], list[float]]:
    """Each page read (`repeat` times: its cost is the least, the others are other load)."""
    read_html_page("warm.html", b"<p>trafilatura's import is paid once a build</p>")
    seeds: list[SeedText] = []
    refused: list[SeedError] = []
    costs: list[float] = []
    for path in sorted(folder.glob("*.htm*")):
        raw = path.read_bytes()
        timings = []
        for _ in range(repeat):
            start = time.perf_counter()
            seed = read_html_page(path.name, raw)
            timings.append(1000 * (time.perf_counter() - start))
        costs.append(min(timings))
        if isinstance(seed, SeedText):
            seeds.append(seed)
        else:
            refused.append(seed)
    return seeds, refused, costs


def unclean(seed: SeedText, context: CleanContext) -> Article:
    """The article as trafilatura found it: every line kept, the markup's headline first."""
    article = analyse(seed, context)
    lines = tuple(line for line in seed.text.split("\n") if line.strip())
    clean = CleanText(paragraphs=lines, headline=0 if seed.overrides.title else None)
    return apply_overrides(replace(article, clean=clean, title=find_title(clean)))


def shown(articles: dict[str, Article]) -> dict[str, str]:
    """What each page shows: its title and its body, by the seed's stem."""
    return {stem(n): "\n".join((a.title.text, *a.body)) for n, a in articles.items()}


def stem(name: str) -> str:
    return name.rsplit(".", 1)[0]


def row(name: str, pages: dict[str, str], truth: dict[str, Any], ws: ModuleType) -> str:
    kept = {f: ws.norm(pages[stem(f)]) for f in truth if stem(f) in pages}
    p, r, f1, dropped = ws.score(kept, truth)
    return f"{name:34s} precision {p:.3f} recall {r:.3f} F1 {f1:.3f} dropped {dropped:.3f}"


def headlines(
    articles: dict[str, Article], truth: dict[str, Any], ws: ModuleType
) -> tuple[int, int, list[str]]:
    right, titled, wrong = 0, 0, []
    for f, t in truth.items():
        article = articles.get(stem(f) + ".html") or articles.get(f)
        if not t.get("title") or article is None:
            continue
        titled += 1
        got, want = ws.norm(article.title.text).casefold(), ws.norm(t["title"]).casefold()
        if got and (got == want or got in want or want in got):
            right += 1
        else:
            wrong.append(f"{f}: {article.title.text[:70]!r} != {t['title'][:70]!r}")
    return right, titled, wrong


def markup(articles: dict[str, Article], folder: Path) -> tuple[int, int]:
    """How many tags of a page's source appear in what it shows (must be none), and how many
    strings that look like tags do (text the page itself writes as &lt;year&gt;)."""
    leaks = written = 0
    for name, article in articles.items():
        text = "\n".join((article.title.text, *article.body))
        looks = set(MARKUP.findall(text))
        source = (folder / name).read_bytes().decode("utf-8", "replace")
        leaks += len(looks & set(MARKUP.findall(source)))
        written += len(looks)
    return leaks, written


def run(analysis: Analyse, seeds: list[SeedText]) -> dict[str, Article]:
    """Each seed's article; one left with no text is lost, as the build reports it."""
    context = CleanContext(repeated=repeated_lines(seeds))
    articles = {seed.name: analysis(seed, context) for seed in seeds}
    return {name: article for name, article in articles.items() if not article.clean.empty}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval", type=Path, default=default_eval_dir())
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument("--repeat", type=int, default=1, help="reads of each page, for its cost")
    args = parser.parse_args()
    corpus = args.eval / "web-dev"
    ws = web_score(args.eval)
    pages, refused, costs = read_pages(corpus / "html", args.repeat)
    names = sorted(stem(p.name) for p in (corpus / "html").glob("*.htm*"))
    truth = {
        f: t
        for f, t in json.loads((corpus / "truth.json").read_text("utf-8")).items()
        if stem(f) in names
    }
    texts = load(corpus / "seeds", [n + ".txt" for n in names])
    rows = (
        (".html seeds (the build)", run(analyse, pages)),
        (".html seeds, no clean stage", run(unclean, pages)),
        (".txt seeds of the same pages", run(analyse, texts)),
    )
    print(f"web-dev/html: {len(names)} pages, {len(refused)} refused")
    for error in refused:
        print(f"  refused: {error}")
    for name, articles in rows:
        right, titled, wrong = headlines(articles, truth, ws)
        lost = len(names) - len(articles)
        print(row(name, shown(articles), truth, ws) + f"  titles {right}/{titled} lost {lost}")
        for line in wrong if args.verbose else ():
            print(f"  title: {line}")
    leaks, written = markup(rows[0][1], corpus / "html")
    print(f"tags of a page's markup in what it shows: {leaks}; tag-like text: {written} (the")
    print("  page's own text, written &lt;...&gt; in its source; escaped like any seed's text)")
    print(
        f"reading a page: mean {statistics.mean(costs):.1f} ms, median "
        f"{statistics.median(costs):.1f} ms, max {max(costs):.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
