"""Sentence vectors kept in the stage cache: an `Encoder` that embeds only what the cache
does not hold. Grouping and the side-by-side pages are handed one by their batch entries,
so a sentence embedded for one is never embedded again for the other, and the code that
uses the vectors sees an encoder, not the cache."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence

import numpy as np

from generator.incremental.cache import Cache
from generator.text.embed import ENCODER_TIME, Encoder

CACHE_KIND = "sentence-vector"
BATCH = 256  # texts per encoder call: progress is committed to the cache after each


def cache_key(encoder_name: str, text: str) -> str:
    return hashlib.sha256(f"{encoder_name}\0{text}".encode()).hexdigest()


class CachedEncoder:
    """`encoder`'s vectors, read from `cache` where it holds them; another model's vectors
    are never reused (the model's name is part of each key)."""

    def __init__(self, encoder: Encoder, cache: Cache | None = None) -> None:
        self.encoder = encoder
        self.cache = cache if cache is not None else Cache(None)  # this run's only
        self.name, self.dim = encoder.name, encoder.dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of `texts`, embedding each text the cache does not hold once."""
        keys = [cache_key(self.name, t) for t in texts]
        hits = self.cache.get_arrays(CACHE_KIND, keys, self.dim)
        found = {key: hit[0] for key, hit in hits.items() if hit.shape[0] == 1}
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in found))
        for start in range(0, len(missing), BATCH):
            found |= self._embed(missing[start : start + BATCH])
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([found[key] for key in keys]).astype(np.float32, copy=False)

    def _embed(self, batch: Sequence[str]) -> dict[str, np.ndarray]:
        began = time.perf_counter()
        rows = self.encoder.encode(batch)
        ENCODER_TIME.texts += len(batch)
        ENCODER_TIME.seconds += time.perf_counter() - began
        found = {}
        for text, row in zip(batch, rows, strict=True):
            key = cache_key(self.name, text)
            found[key] = row
            self.cache.put_array(CACHE_KIND, key, row.reshape(1, -1))
        self.cache.commit()  # a long first build interrupted keeps what it embedded
        return found
