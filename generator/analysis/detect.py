"""Which language a seed is written in, or "und" when unsure.

Three models (see models.py) propose languages; the text's letters first rule out those that
cannot have written it (see scripts.py): ӣ ӯ ҷ rule out Russian, ə Turkish, ې ۇ Arabic.

1. fastText and CLD2 know every language of the region; when they agree, that is the answer.
2. When they disagree between two languages lingua knows, lingua, the most accurate on short
   texts of its languages, chooses between the two.
3. When lingua lacks one of the two (Kyrgyz, Uzbek, Tajik, Turkmen, Uyghur ...), it cannot
   judge (it calls Kyrgyz Kazakh, Turkmen Turkish): the surer of fastText and CLD2 decides.
4. A lone model must be sure; a text whose letters fit only one alphabet no model knows
   (Karakalpak) takes that language; anything else is "und", with the candidates.

Kazakh in Latin letters comes first: no model knows it (they call it Turkish), so a text whose
letters fit a Kazakh Latin alphabet is read back in Cyrillic, where fastText and CLD2 must
agree it is Kazakh. `detect_script` gives the script apart (ISO 15924: "Latn", "Cyrl" ...).
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.analysis.langid_models import (
    LINGUA_CODES,
    Ranking,
    cld2_ranking,
    combine,
    fasttext_ranking,
    lingua_ranking,
)
from generator.analysis.writing_systems import (
    Letters,
    alphabet_languages,
    count_letters,
    in_script,
    iso_script,
    kazakh_latin_spelling,
    rules_out,
)
from generator.records import UNDETERMINED, Language
from generator.text.kazakh_latin import to_cyrillic

# Below this, a text is a word or two: no model can tell its language.
MIN_LETTERS = 5
# A seed's language shows in its first paragraphs; more text only costs time.
SAMPLE_CHARS = 2000
LINGUA_CHARS = 1000
# fastText candidates below this probability are noise, not a vote.
MIN_FASTTEXT = 0.1
# lingua's confidence between two languages, below which it is a coin toss.
MIN_LINGUA = 0.6
# When lingua cannot tell two languages it knows apart, a model must be this sure on its own.
VERY_SURE = 0.9
# A model standing alone must be at least this sure (CLD2 scores are halved when unreliable).
MIN_SURE = 0.5
# Kazakh in Latin letters, read back in Cyrillic: the models' least confidence in Kazakh that
# counts (a headline of real Kazakh gets 0.49, CLD2's halved score).
MIN_KAZAKH_VOTE = 0.45
ONLY_ALPHABET = "only its alphabet fits the letters"
AGREE = "fasttext+cld2"
LINGUA = "lingua between fasttext and cld2"


def detect_language(text: str) -> Language:
    sample = text[:SAMPLE_CHARS]
    letters = count_letters(sample)
    if letters.total < MIN_LETTERS:
        return Language(UNDETERMINED, 0.0, f"fewer than {MIN_LETTERS} letters to judge by")
    kazakh = _kazakh_in_latin(sample, letters)
    if kazakh is not None:
        return kazakh
    fasttext = _in_script(fasttext_ranking(sample), letters)
    cld2 = _in_script(cld2_ranking(sample), letters)
    candidates = _merge(fasttext, cld2)
    ft_pick, cld_pick = _picks(fasttext, cld2, letters)
    if ft_pick is not None and ft_pick == cld_pick:
        confidence = max(_score(fasttext, ft_pick), _score(cld2, ft_pick))
        return Language(ft_pick, confidence, AGREE, candidates)
    if ft_pick is None or cld_pick is None:
        return _one_vote(ft_pick, fasttext, cld_pick, cld2, letters, candidates)
    if ft_pick in LINGUA_CODES and cld_pick in LINGUA_CODES:
        lingua = lingua_ranking(sample[:LINGUA_CHARS], frozenset({ft_pick, cld_pick}))
        code, confidence = lingua[0]
        if confidence >= MIN_LINGUA:
            return Language(code, round(confidence, 4), LINGUA, candidates)
        return _surer(ft_pick, fasttext, cld_pick, cld2, candidates, VERY_SURE)
    # lingua lacks one of the two, so it cannot judge between them: the surer model decides.
    return _surer(ft_pick, fasttext, cld_pick, cld2, candidates, MIN_SURE)


def _kazakh_vote(language: Language) -> bool:
    """Whether the models, not the alphabet or one model alone, find Kazakh, first among their
    candidates: Turkish with a q (Qatar) read in Cyrillic can fool one model."""
    return (
        language.code == "kk"
        and language.confidence >= MIN_KAZAKH_VOTE
        and language.reason in (AGREE, LINGUA)
        and bool(language.candidates)
        and language.candidates[0][0] == "kk"
    )


def _kazakh_in_latin(sample: str, letters: Letters) -> Language | None:
    """Kazakh in Latin letters, which no model knows (they call it Turkish): when the letters
    fit a Kazakh Latin alphabet, the text goes back to Cyrillic, where the models know Kazakh
    well, and they must find Kazakh there too."""
    spelling = kazakh_latin_spelling(sample, letters)
    if spelling is None:
        return None
    cyrillic = detect_language(to_cyrillic(sample, spelling))
    if not _kazakh_vote(cyrillic) and "I" in sample:
        # Capitals typed without Turkish casing: I stands for i (и) as well as ı (і).
        cyrillic = detect_language(to_cyrillic(sample.replace("I", "İ"), spelling))
    # Turkish or German read in Cyrillic letters is gibberish that only the alphabet, or a
    # model unsure of itself (Russian first), takes for Kazakh; real Kazakh gets a model's vote.
    if not _kazakh_vote(cyrillic):
        return None
    reason = f"Kazakh Latin letters ({spelling}); in Cyrillic, {cyrillic.reason}"
    return Language("kk", cyrillic.confidence, reason, cyrillic.candidates)


def detect_script(text: str) -> str | None:
    """The ISO 15924 code of the script most of the text's letters are in ("Cyrl", "Latn",
    "Arab", "Hans" ...); None when it has no letters."""
    return iso_script(count_letters(text[:SAMPLE_CHARS]))


def _surer(
    ft_pick: str, fasttext: Ranking, cld_pick: str, cld2: Ranking, candidates: Ranking, floor: float
) -> Language:
    ft_score, cld_score = _score(fasttext, ft_pick), _score(cld2, cld_pick)
    code, confidence = (ft_pick, ft_score) if ft_score >= cld_score else (cld_pick, cld_score)
    if confidence < floor:
        return _undetermined("fasttext and cld2 disagree, none is sure enough", candidates)
    return Language(code, confidence, "the surer of fasttext and cld2", candidates)


def _picks(fasttext: Ranking, cld2: Ranking, letters: Letters) -> tuple[str | None, str | None]:
    """Each model's best language among those the letters allow.

    Agreeing with CLD2 once the letters have ruled out fastText's favourites counts even for
    a language fastText ranked low; standing alone, fastText must be surer.
    """
    cld_pick = _first_possible(cld2, letters)
    if cld_pick is not None and _first_possible(fasttext, letters) == cld_pick:
        return cld_pick, cld_pick
    return _first_possible(fasttext, letters, MIN_FASTTEXT), cld_pick


def _one_vote(
    ft_pick: str | None,
    fasttext: Ranking,
    cld_pick: str | None,
    cld2: Ranking,
    letters: Letters,
    candidates: Ranking,
) -> Language:
    """When one model (or both) has nothing the text's letters allow."""
    if ft_pick is not None and _score(fasttext, ft_pick) >= MIN_SURE:
        return Language(ft_pick, _score(fasttext, ft_pick), "fasttext alone", candidates)
    if cld_pick is not None and _score(cld2, cld_pick) >= MIN_SURE:
        return Language(cld_pick, _score(cld2, cld_pick), "cld2 alone", candidates)
    if ft_pick is None and cld_pick is None:
        fitting = alphabet_languages(letters)
        if len(fitting) == 1:
            return Language(fitting[0], 0.5, ONLY_ALPHABET, candidates)
    return _undetermined("no model is sure", candidates)


def _undetermined(reason: str, candidates: Ranking) -> Language:
    return Language(UNDETERMINED, candidates[0][1] if candidates else 0.0, reason, candidates)


def _first_possible(ranking: Ranking, letters: Letters, floor: float = 0.0) -> str | None:
    """The best-ranked language the text's letters do not rule out."""
    for code, score in ranking:
        if score < floor:
            return None
        if rules_out(code, letters) is None:
            return code
    return None


def _in_script(ranking: Ranking, letters: Letters) -> Ranking:
    return combine((in_script(code, letters), score) for code, score in ranking)


def _score(ranking: Ranking, code: str) -> float:
    return round(dict(ranking).get(code, 0.0), 4)


def _merge(*rankings: Iterable[tuple[str, float]]) -> Ranking:
    """Every model's candidates with their best score, best first, at most five."""
    best: dict[str, float] = {}
    for ranking in rankings:
        for code, score in ranking:
            best[code] = max(best.get(code, 0.0), round(score, 4))
    return tuple(sorted(best.items(), key=lambda item: (-item[1], item[0]))[:5])
