"""The line model: how likely each line of a pasted page is article text, and which line
is the headline. Boosted trees (`trees`) over `line_features` (a line's shape, its
neighbours', where it sits against the densest run of prose: jusText's context step,
learned) and a second forest that ranks headline candidates; in `data/clean_model.json`,
trained by `eval/train_clean.py` on real pages and the project's fixtures, evaluated with
numpy alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from generator.analysis.line_features import context_features, local_features
from generator.analysis.trees import Forest

MODEL_FILE = "data/clean_model.json"


@dataclass(frozen=True)
class LineModel:
    lines: Forest
    headline: Forest
    keep_above: float  # a line whose probability is below this leaves the article
    headline_above: float  # the best candidate is the headline when it scores above this

    def to_json(self) -> dict[str, object]:
        return {
            "lines": self.lines.to_json(),
            "headline": self.headline.to_json(),
            "keep_above": self.keep_above,
            "headline_above": self.headline_above,
        }


def parse(data: dict[str, object]) -> LineModel:
    def part(key: str) -> Forest:
        value = data[key]
        assert isinstance(value, dict)
        return Forest.from_json(value)

    return LineModel(
        lines=part("lines"),
        headline=part("headline"),
        keep_above=float(str(data["keep_above"])),
        headline_above=float(str(data["headline_above"])),
    )


@lru_cache(maxsize=1)
def shipped() -> LineModel:
    text = resources.files("generator").joinpath(MODEL_FILE).read_text("utf-8")
    return parse(json.loads(text))


_override: list[LineModel] = []


def model() -> LineModel:
    """The shipped model, or the one `use` set (the training script's held-out runs)."""
    return _override[-1] if _override else shipped()


def use(path: Path | None) -> None:
    _override.clear()
    if path is not None:
        _override.append(parse(json.loads(path.read_text("utf-8"))))


@dataclass(frozen=True)
class Verdicts:
    local: np.ndarray  # `LOCAL` features per line
    article: np.ndarray  # probability that each line is article text


def article_probability(
    texts: list[str],
    blank_before: list[bool],
    blank_after: list[bool],
    repeated: list[bool],
    phrases: list[tuple[str, str] | None],
    lang: str,
    chosen: LineModel | None = None,
) -> Verdicts:
    found = chosen or model()
    local = local_features(texts, blank_before, blank_after, repeated, phrases, lang)
    return Verdicts(local, found.lines.probability(context_features(local)))
