"""Synthetic archives of any size from the parallel evaluation corpora, deterministically.

A corpus folder holds `seeds/*.txt` and `truth.json` (seed -> lang, story), like those of
`../shared/eval`. A synthetic story joins the texts of several source stories of the same
corpus family, in the same order in every language, so its seeds stay translations of one
another; each language is kept with probability 1/2, and some seeds get a line of web
boilerplate. Seeds are produced one at a time (no archive is ever held in memory).
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

TARGET_CHARS = 2500  # about the length of a news article
MAX_PARTS = 8
BOILERPLATE = (
    "Share this article",
    "Sign up for our newsletter",
    "Suivez-nous sur Facebook",
    "Подписывайтесь на наш Telegram-канал",
    "Бөлісу",
    "شارك هذا المقال",
    "12 comments",
)


@dataclass(frozen=True)
class Source:
    """One story of a corpus: its text in each language."""

    family: str  # corpus family (e.g. pud-dev): stories are only combined within one
    story: str
    texts: dict[str, str]


def load_corpora(root: Path) -> list[Source]:
    """Every story of every parallel corpus under `root`, the splits of a family merged
    (a corpus whose truth gives no story, such as the pasted web pages, has none to give)."""
    merged: dict[tuple[str, str], dict[str, str]] = {}
    for truth_file in sorted(root.rglob("truth.json")):
        family = truth_file.parent.parent.name
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        for name, facts in sorted(truth.items()):
            path = truth_file.parent / "seeds" / name
            if path.is_file() and "story" in facts and "lang" in facts:
                texts = merged.setdefault((family, str(facts["story"])), {})
                texts.setdefault(str(facts["lang"]), path.read_text(encoding="utf-8").strip())
    return [Source(f, s, texts) for (f, s), texts in sorted(merged.items())]


def synthetic_seeds(sources: list[Source], seed: int = 0) -> Iterator[tuple[str, str]]:
    """(file name, text) of seed after seed, the same for the same `seed`, without end
    while new combinations of stories remain."""
    rng = random.Random(seed)
    families: dict[str, list[Source]] = {}
    for source in sources:
        families.setdefault(source.family, []).append(source)
    if not families:
        raise ValueError("no corpus stories to build seeds from")
    used: set[tuple[str, ...]] = set()
    count, misses = 0, 0
    while misses < 1000:
        parts = _pick_parts(rng, families[rng.choice(sorted(families))])
        key = tuple(p.story for p in parts)
        if key in used or not parts:
            misses += 1
            continue
        used.add(key)
        misses = 0
        for text in _story_texts(rng, parts):
            name = f"{count:05d}_{hashlib.sha256(text.encode()).hexdigest()[:16]}.txt"
            count += 1
            yield name, text


def new_article(sources: list[Source], seed: int = 0) -> tuple[tuple[str, str], list[Source]]:
    """(file name, text) of an article made of stories that the archive built from the
    sources returned will not contain: the article an editor adds, whose sentences no
    build has embedded (the archive's seeds share their sentences, each story being used
    in many combinations). It takes at most half of its corpus family's stories."""
    rng = random.Random(f"new article {seed}")
    families = sorted({source.family for source in sources})
    if not families:
        raise ValueError("no corpus stories to build seeds from")
    stories = [s for s in sources if s.family == rng.choice(families)]
    parts = _pick_parts(rng, stories[: len(stories) // 2 or 1])
    text = next(_story_texts(rng, parts))
    name = f"new_{hashlib.sha256(text.encode()).hexdigest()[:16]}.txt"
    return (name, text), [s for s in sources if s not in parts]


def _pick_parts(rng: random.Random, stories: list[Source]) -> list[Source]:
    """Source stories joined until the text is article-sized, sharing at least one language."""
    parts = [rng.choice(stories)]
    langs = set(parts[0].texts)
    while len(parts) < MAX_PARTS and len(parts) < len(stories):
        length = min(sum(len(p.texts[lang]) for p in parts) for lang in langs)
        if length >= TARGET_CHARS:
            break
        extra = rng.choice(stories)
        if extra.story in {p.story for p in parts} or not langs & set(extra.texts):
            break
        parts.append(extra)
        langs &= set(extra.texts)
    return parts


def _story_texts(rng: random.Random, parts: list[Source]) -> Iterator[str]:
    langs = sorted(set.intersection(*(set(p.texts) for p in parts)))
    kept = [lang for lang in langs if rng.random() < 0.5] or [rng.choice(langs)]
    for lang in kept:
        text = "\n\n".join(p.texts[lang] for p in parts)
        if rng.random() < 0.3:
            text += "\n\n" + rng.choice(BOILERPLATE)
        yield text + "\n"


def write_seeds(folder: Path, seeds: Iterator[tuple[str, str]], count: int) -> int:
    """Write the next `count` seeds into `folder`; returns their total size in bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for _ in range(count):
        try:
            name, text = next(seeds)
        except StopIteration:
            raise ValueError("the corpora cannot make that many distinct seeds") from None
        data = text.encode("utf-8")
        (folder / name).write_bytes(data)
        total += len(data)
    return total
