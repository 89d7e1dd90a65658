"""Seeds with the same text: published once, every copy still listed in the manifest."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from generator.records import SeedText


@dataclass(frozen=True)
class Duplicate:
    """`seed` has the same text as the seed named `of`, which is the one published."""

    seed: SeedText
    of: str

    def __str__(self) -> str:
        return f"{self.seed.name}: same text as {self.of}; published once, as {self.of}"


def text_key(text: str) -> str:
    """Equal for texts that differ only in encoding, line ends, spacing or Unicode form."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def seed_key(seed: SeedText) -> str:
    return text_key(seed.text)


def split_duplicates(
    seeds: Sequence[SeedText], keys: Sequence[str] | None = None
) -> tuple[list[SeedText], list[Duplicate]]:
    """The seeds to publish (first of each text, by name) and the copies of them.

    `keys`: each seed's `seed_key`, when the caller has them."""
    first: dict[str, SeedText] = {}
    unique: list[SeedText] = []
    copies: list[Duplicate] = []
    known = keys if keys is not None else [seed_key(seed) for seed in seeds]
    for seed, key in sorted(zip(seeds, known, strict=True), key=lambda pair: pair[0].name):
        if key in first:
            copies.append(Duplicate(seed, first[key].name))
        else:
            first[key] = seed
            unique.append(seed)
    return unique, copies
