"""The line model: how likely each line of a pasted page is article text, and which line
is the headline. Boosted trees (`trees`) over `line_features` (a line's shape, its
neighbours', where it sits against the densest run of prose: jusText's context step,
learned), a second pass that revises those verdicts in the light of the whole page's
(`second_pass`), and a forest that ranks headline candidates; in `data/clean_model.json`,
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
from generator.analysis.second_pass import stacked_features
from generator.analysis.trees import Forest

MODEL_FILE = "data/clean_model.json"


@dataclass(frozen=True)
class Limits:
    """Where the second pass's probabilities part article from furniture (`article_block`);
    chosen by cross-validation on the training pages (`eval/train_clean.py`)."""

    keep: float  # a line below this leaves the article wherever it is
    block: float  # the article block is the densest run of lines above this
    outside: float  # outside the block a line must rate above this to stay

    def to_json(self) -> dict[str, float]:
        return {"keep": self.keep, "block": self.block, "outside": self.outside}


@dataclass(frozen=True)
class LineModel:
    lines: Forest
    second: Forest | None  # the second pass (`second_pass`); None: the first pass alone
    headline: Forest
    limits: Limits
    headline_above: float  # the best candidate is the headline when it scores above this

    def to_json(self) -> dict[str, object]:
        return {
            "lines": self.lines.to_json(),
            **({"second": self.second.to_json()} if self.second else {}),
            "headline": self.headline.to_json(),
            "limits": self.limits.to_json(),
            "headline_above": self.headline_above,
        }


def parse(data: dict[str, object]) -> LineModel:
    def part(key: str) -> Forest:
        value = data[key]
        assert isinstance(value, dict)
        return Forest.from_json(value)

    limits = data["limits"]
    assert isinstance(limits, dict)
    return LineModel(
        lines=part("lines"),
        second=part("second") if "second" in data else None,
        headline=part("headline"),
        limits=Limits(**{key: float(value) for key, value in limits.items()}),
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
    article: np.ndarray  # probability that each line is article text, by its own context
    stacked: np.ndarray  # the same, revised by the second pass


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
    article = found.lines.probability(context_features(local))
    if found.second is None:
        return Verdicts(local, article, article)
    return Verdicts(local, article, found.second.probability(stacked_features(local, article)))
