"""Stage 2, detect language: which language a seed is written in, or "und" when unsure."""

from __future__ import annotations

from functools import lru_cache

from lingua import LanguageDetector, LanguageDetectorBuilder

from .records import UNDETERMINED, Language

# Long seeds gain nothing past a few thousand characters and would cost seconds each.
SAMPLE_CHARS = 4000
# lingua's confidences are relative: a short sentence spreads them thin, so we accept the
# top language when it is confident outright or clearly ahead of the runner-up.
MIN_CONFIDENCE = 0.5
MIN_LEAD = 1.5


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_all_languages().build()


def detect_language(text: str) -> Language:
    sample = text[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return Language(UNDETERMINED, 0.0, "no letters to judge by")
    values = _detector().compute_language_confidence_values(sample)
    candidates = tuple(
        (v.language.iso_code_639_1.name.lower(), round(v.value, 4)) for v in values[:3]
    )
    if not candidates or not _decisive(candidates):
        return Language(
            UNDETERMINED,
            candidates[0][1] if candidates else 0.0,
            "no language is confident enough",
            candidates,
        )
    code, confidence = candidates[0]
    return Language(code, confidence, "lingua", candidates)


def _decisive(candidates: tuple[tuple[str, float], ...]) -> bool:
    top = candidates[0][1]
    runner_up = candidates[1][1] if len(candidates) > 1 else 0.0
    return top >= MIN_CONFIDENCE or top >= MIN_LEAD * runner_up
