"""Grouping at scale: N synthetic articles, grouped from a cold cache, at sizes no real corpus
here reaches (embedding 50,000 real seeds would take hours on 2 cores).

    python -m benchmarks.group_scale [--sizes 10000,25000,50000] [--languages 8] [--seed 0]
        [--results benchmarks/results]

Each size runs in a process of its own, which prints one JSON line: the wall and CPU time of
the grouping stage (`group_stories`, the build's own, with its cache on disk; the CPU time of
the workers it forks apart), the share of it spent making vectors, the process's peak memory
and its memory before grouping (and a worker's peak), and how well the stories were found.
All of them are saved in `<results>/<date>-group-N<sizes>.json`.

The articles are made up, and so are their vectors: a story's versions say the same
sentences in different languages, which the synthetic encoder turns into nearby vectors (a
sentence's own vector plus a little noise per language); stories come in topics, whose
sentences are alike but not translations, so that the nearest articles of a story's version
include other stories of its topic, as in a real archive.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.bench import write_results
from generator.grouping.group import group_stories
from generator.incremental.cache import Cache
from generator.incremental.memo import Memo
from generator.records import Article, CleanText, Language, SeedText, Title
from generator.text.embed import ENCODER_TIME

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "fr", "ru", "kk", "ar", "de", "es", "tr", "uz", "ky", "tg", "fa")
TOPIC_SIZE = 8  # stories per topic
SENTENCE = re.compile(r"Story (\d+), sentence (\d+), in (\w+)")


class SyntheticEncoder:
    """Vectors from the sentence's story, number and language, as `generator.text.embed` expects:
    the same sentence in two languages gives vectors about 0.94 apart in cosine, any two
    sentences of stories of the same topic about 0.3 (shared words, not shared sentences),
    of other topics about 0."""

    name = "synthetic-1"
    dim = 384

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        rows = [self._vector(text) for text in texts]
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), self.dim)

    def _vector(self, text: str) -> np.ndarray:
        found = SENTENCE.match(text)
        if found is None:
            raise ValueError(f"not a synthetic sentence: {text!r}")
        story, number, lang = int(found[1]), int(found[2]), found[3]
        topic = self._normal("topic", story // TOPIC_SIZE)  # shared words, not sentences
        own = self._normal("sentence", story, number)
        noise = self._normal(lang, story, number)
        vector: np.ndarray = 0.65 * topic + own + 0.3 * noise
        return vector / float(np.linalg.norm(vector))

    def _normal(self, kind: str, *numbers: int) -> np.ndarray:
        key = [self.seed, sum(map(ord, kind)) * 7919 + len(kind), *numbers]
        found: np.ndarray = np.random.default_rng(key).standard_normal(self.dim)
        return found


@dataclass(frozen=True)
class Archive:
    articles: tuple[Article, ...]
    story_of: dict[str, int]  # seed name -> the synthetic story it is a version of


def synthetic_archive(count: int, languages: int, seed: int) -> Archive:
    """`count` articles: stories of 1 to `languages` versions, 6 to 12 sentences each."""
    rng = np.random.default_rng(seed)
    langs = LANGUAGES[:languages]
    articles: list[Article] = []
    story_of: dict[str, int] = {}
    story = 0
    while len(articles) < count:
        versions = min(_versions(rng, len(langs)), count - len(articles))
        sentences = int(rng.integers(6, 13))
        for lang in rng.choice(langs, size=versions, replace=False):
            article = _article(story, str(lang), sentences)
            articles.append(article)
            story_of[article.name] = story
        story += 1
    return Archive(tuple(articles), story_of)


def _versions(rng: np.random.Generator, languages: int) -> int:
    """A third of stories in one language, a quarter in two, the rest in three or more."""
    draw = rng.random()
    if draw < 0.35:
        return 1
    if draw < 0.6:
        return 2
    return int(rng.integers(3, languages + 1))


def _article(story: int, lang: str, sentences: int) -> Article:
    name = f"{story:06d}-{lang}.txt"
    paragraphs = tuple(
        f"Story {story}, sentence {i}, in {lang}: what was said, reported at length."
        for i in range(sentences)
    )
    text = "\n".join(paragraphs)
    seed = SeedText(name=name, text=text, encoding="utf-8", sha256=f"{story}-{lang}")
    title = Title(text=paragraphs[0][:60], paragraph=None)
    return Article(seed=seed, lang=Language(lang, 1.0), clean=CleanText(paragraphs), title=title)


def measure(count: int, languages: int, seed: int, workdir: Path) -> dict[str, Any]:
    """Group `count` synthetic articles from a cold cache in `workdir`; the figures."""
    archive = synthetic_archive(count, languages, seed)
    before_mb = _peak_mb()
    cache = Cache(workdir / "cache.sqlite")
    memo = Memo(cache)
    for article in archive.articles:  # as a build names them: keys are not made of texts
        memo.name(article, f"synthetic:{seed}:{article.name}")
    wall, cpu, workers = time.perf_counter(), time.process_time(), _children()
    grouping = group_stories(
        archive.articles, cache=cache, encoder=SyntheticEncoder(seed), memo=memo
    )
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    workers = _children() - workers
    cache.close()
    found = {a.name: s.id for s in grouping.stories for a in s.articles}
    return {
        "n": count,
        "languages": languages,
        "stories_true": len(set(archive.story_of.values())),
        "stories_found": len(grouping.stories),
        **pair_scores(archive.story_of, found),
        "group_s": round(wall, 2),
        "group_cpu_s": round(cpu, 2),  # this process's
        "workers_cpu_s": round(workers, 2),  # the forked workers' that scored pairs
        "vectors_s": round(ENCODER_TIME.seconds, 2),
        "sentences": ENCODER_TIME.texts,
        "peak_mb": round(_peak_mb(), 1),
        "before_group_mb": round(before_mb, 1),
        "worker_peak_mb": round(_peak_mb(resource.RUSAGE_CHILDREN), 1),
    }


def pair_scores(truth: dict[str, int], found: dict[str, str]) -> dict[str, float]:
    """Precision and recall of the pairs of articles put in the same story."""
    same_true, same_found = _pairs(truth), _pairs(found)
    both = len(same_true & same_found)
    return {
        "pair_precision": round(both / len(same_found), 4) if same_found else 1.0,
        "pair_recall": round(both / len(same_true), 4) if same_true else 1.0,
    }


def _pairs(story_of: dict[str, Any]) -> set[tuple[str, str]]:
    members: dict[Any, list[str]] = {}
    for name, story in story_of.items():
        members.setdefault(story, []).append(name)
    return {(a, b) for names in members.values() for a in names for b in names if a < b}


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _children() -> float:
    """CPU seconds of the ended child processes (the pool's workers, once shut down)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def each_size(args: argparse.Namespace) -> Iterator[dict[str, Any]]:
    """Every size measured in a new process, so that one's memory is not another's."""
    for count in args.sizes:
        with tempfile.TemporaryDirectory(prefix="group-scale-") as work:
            command = [sys.executable, "-m", "benchmarks.group_scale", "--one", str(count),
                       "--languages", str(args.languages), "--seed", str(args.seed),
                       "--workdir", work]  # fmt: skip
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
            yield json.loads(done.stdout.splitlines()[-1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,25000,50000")
    parser.add_argument("--languages", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a worker: one size
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not 2 <= args.languages <= len(LANGUAGES):
        parser.error(f"--languages: from 2 to {len(LANGUAGES)}, not {args.languages}")
    if args.one is not None:
        print(json.dumps(measure(args.one, args.languages, args.seed, args.workdir)))
        return 0
    args.sizes = [int(size) for size in args.sizes.split(",")]
    results = []
    for result in each_size(args):
        print(json.dumps(result), flush=True)
        results.append(result)
    print(f"results: {save(args, results)}")
    return 0


def save(args: argparse.Namespace, results: list[dict[str, Any]]) -> Path:
    data = {"languages": args.languages, "seed": args.seed, "results": results}
    return write_results(args.results, f"group-N{'-'.join(map(str, args.sizes))}", data)


if __name__ == "__main__":
    sys.exit(main())
