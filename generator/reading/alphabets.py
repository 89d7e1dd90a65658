"""Does a decoded text look like real writing? Used to judge a guessed encoding.

A wrong single-byte code page still yields letters, so "it decoded" proves nothing:
Russian read as Latin-1 is "Ïðèâåò", Kazakh read as Windows-1251 is "Ќазаќстан", Russian
read as KOI8-R is "оПХБЕР". Real text uses the letters of one language's alphabet, keeps
to one script inside a word and capitals at word starts; mojibake breaks one of those.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

_RU = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_AR = "".join(chr(c) for c in [*range(0x0621, 0x063B), *range(0x0640, 0x0653)])
# Non-ASCII letters (lower case) of the languages this archive may hold. Serbian,
# Macedonian, Greek and Hebrew are left out on purpose: their letters are what Russian or
# Arabic bytes turn into under the wrong code page, and such seeds are not expected here.
ALPHABETS: dict[str, str] = {
    "fr": "àâæçéèêëîïôœùûüÿ",
    "de": "äöüß",
    "es": "áéíñóúü",
    "pt": "áâãàçéêíóôõú",
    "it": "àèéìíîòóùú",
    "nl": "éëïóöü",
    "sv": "åäöé",
    "da": "æøåé",
    "tr": "çğıöşüâî",
    "pl": "ąćęłńóśźż",
    "cs": "áčďéěíňóřšťúůýž",
    "ro": "ăâîșțşţ",
    "hu": "áéíóöőúüű",
    "kk-latn": "äğıñöşūü",
    "ru": _RU,
    "kk": _RU + "әғқңөұүһі",
    "uk": _RU.replace("ё", "").replace("ъ", "").replace("ы", "").replace("э", "") + "ґєії",
    "be": _RU.replace("и", "").replace("щ", "").replace("ъ", "") + "іў",
    "ky": _RU + "ңөү",
    "uz": _RU + "ўқғҳ",
    "tg": _RU + "ғӣқӯҳҷ",
    "ar": _AR,
    "fa": _AR + "پچژگکی",
    "ur": _AR + "ٹڈڑںھہےۓیک",
}
# Windows-1256 Arabic text carries French letters too.
ALPHABETS["ar-fr"] = ALPHABETS["ar"] + ALPHABETS["fr"]

# A wrong code page shows as control characters, or symbols where letters should be.
_FORBIDDEN = {"Cc", "Co", "Cn", "Cs"}
_SYMBOLS = {"So", "Sk", "Sm"}
_ALLOWED_CONTROLS = set("\t\n\r\f\v")
# Words: runs of letters, combining marks and format characters (ZWNJ, LRM ...).
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u200b-\u200f])+")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n)[\W\d_]*?([^\W\d_])")

MIN_SCORE = 0.9
MIN_SCRIPT_SHARE = 0.95  # of the non-ASCII letters, in the main script
MAX_ACCENTED_LATIN = 0.3  # of Latin letters; real French is ~4%, "Ïðèâåò" is 100%
MIN_LETTERS_FOR_ACCENTS = 20  # "été" is all accents and real


@dataclass(frozen=True)
class Plausibility:
    score: float  # >= MIN_SCORE: reads like real text
    rank: float  # score, less a penalty for small letters where sentences begin
    reason: str  # why the score is low, for the error message
    misfits: int = 0  # letters outside the alphabet that fits best
    script: str = ""  # main script of the non-ASCII letters


def script_of(char: str) -> str:
    """'LATIN', 'CYRILLIC', 'ARABIC' ... from the Unicode name; '' for unnamed characters."""
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else ""


def plausibility(text: str) -> Plausibility:
    bad = next((c for c in text if _is_forbidden(c)), None)
    if bad is not None:
        return _implausible(f"control character U+{ord(bad):04X}")
    non_ascii = [c for c in text if not c.isascii()]
    foreign = [c for c in non_ascii if unicodedata.category(c)[0] in "LM"]
    symbols = sum(unicodedata.category(c) in _SYMBOLS for c in non_ascii)
    symbol_share = symbols / len(non_ascii) if non_ascii else 0.0
    if not foreign:
        score = 1.0 - symbol_share - _case_anomalies(text)
        return Plausibility(score, score, "symbols or format characters instead of letters")
    script, count = Counter(script_of(c) for c in foreign).most_common(1)[0]
    if count / len(foreign) < MIN_SCRIPT_SHARE:
        return _implausible("letters of several scripts")
    latin = sum(script_of(c) == "LATIN" for c in text if c.isalpha())
    if (
        script == "LATIN"
        and latin >= MIN_LETTERS_FOR_ACCENTS
        and count / latin > MAX_ACCENTED_LATIN
    ):
        return _implausible("mostly accented letters")
    misfits = min(_misfits(foreign, alphabet) for alphabet in ALPHABETS.values())
    fit = 1.0 - misfits / len(foreign)
    score = fit - symbol_share - _case_anomalies(text) - 3 * _mixed_words(text)
    rank = score - 0.5 * _small_sentence_starts(text) - 0.5 * _shouting(foreign)
    reason = f"{script.lower()} letters outside any one alphabet"
    return Plausibility(score, rank, reason, misfits, script)


def _implausible(reason: str) -> Plausibility:
    return Plausibility(0.0, 0.0, reason)


def _is_forbidden(char: str) -> bool:
    return unicodedata.category(char) in _FORBIDDEN and char not in _ALLOWED_CONTROLS


def _misfits(letters: list[str], alphabet: str) -> int:
    return sum(c.lower() not in alphabet for c in letters)


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if not w.isascii()]


def _case_anomalies(text: str) -> float:
    """Share of impossible words: a capital after a small letter ("оПХБЕР"), a word opening
    with a combining mark, an Arabic word-final letter (ة, ى) inside a word."""
    words = _words(text)
    odd = sum(_odd_word(w) for w in words)
    return odd / len(words) if words else 0.0


def _odd_word(word: str) -> bool:
    if unicodedata.category(word[0]) in ("Mn", "Cf"):
        return True
    pairs = pairwise(word)
    return any(
        (a.islower() and b.isupper())
        or (a in "ةى" and b.isalpha())
        or (unicodedata.category(a) == "Cf" and b.isascii())
        or (unicodedata.category(b) == "Cf" and a.isascii())
        for a, b in pairs
    )


def _mixed_words(text: str) -> float:
    """Share of words mixing scripts ("Bonjoцr"): a code page mapped some letters wrong.
    Weighted threefold in the score: one such word in twenty is already suspicious."""
    words = _words(text)
    mixed = sum(len({script_of(c) for c in w if not _neutral(c)}) > 1 for w in words)
    return mixed / len(words) if words else 0.0


def _shouting(letters: list[str]) -> float:
    """1.0 when nearly all cased letters are capitals: "РТПУМХЫЙ" is KOI-8 read as 1251."""
    cased = [c for c in letters if c.lower() != c.upper()]
    upper = sum(c.isupper() for c in cased)
    return 1.0 if len(cased) >= 8 and upper / len(cased) > 0.6 else 0.0


def _neutral(char: str) -> bool:
    """Characters any script uses inside words: format characters, combining accents."""
    return unicodedata.category(char) == "Cf" or "\u0300" <= char <= "\u036f"


def _small_sentence_starts(text: str) -> float:
    """Share of sentences opening with a small non-ASCII letter: "ќривет" for "Привет"."""
    starts = [m.group(1) for m in _SENTENCE_START.finditer(text[:20_000])]
    cased = [c for c in starts if not c.isascii() and c.lower() != c.upper()]
    return sum(c.islower() for c in cased) / len(cased) if cased else 0.0
