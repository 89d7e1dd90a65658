"""Kazakh between its Cyrillic alphabet and the Latin alphabet of 2021.

The 2021 alphabet has 31 letters: A Ä B D E F G Ğ H I İ J K L M N Ñ O Ö P Q R S Ş T U Ū Ü
V Y Z. Note the Turkish-style i: Cyrillic і is dotless ı (upper case I), и and й are dotted
i (upper case İ); ы is y. Letters of Russian loanwords that the alphabet lacks are written as
Kazakh pronounces them: ц as s, ч and щ as ş, ё ю я as io iu ia; ъ and ь are dropped.

`to_latin` is the official direction (slugs, Latin editions). `to_cyrillic` undoes it as far
as it can be undone (и/й, х/һ, с/ц, ш/ч/щ merge in Latin), which is enough to read a Latin
text with the models that know Kazakh in Cyrillic; it also reads the apostrophe spelling of
the 2017 decree (a' g' n' o' u' s' c' i' y'), where u is ұ, y' is у and i is і.
"""

from __future__ import annotations

import re
from typing import Final, Literal

_LOWER: Final = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e",
    "ё": "io", "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l",
    "м": "m", "н": "n", "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ұ": "ū", "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "s",
    "ч": "ş", "ш": "ş", "щ": "ş", "ъ": "", "ы": "y", "і": "ı", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}  # fmt: skip
# Turkish-style capitals: і -> ı -> I, и -> i -> İ.
_UPPER_OF: Final = {"i": "İ", "ı": "I"}

# Cyrillic capitals that become two Latin letters: all capitals in a word in capitals ("ЮНЕСКО"
# -> "İUNESKO"), a capital and a small letter otherwise ("Ясауи" -> "İasaui").
_DIGRAPHS: Final = frozenset("ЁЮЯ")

# Latin -> Cyrillic, longest first. и/й: й after a vowel (ai, ui, ei) and before one at the
# start of a word is the usual spelling; і elsewhere is ı, so a bare i is и.
_VOWELS: Final = "aäeioöuūüyıAÄEIİOÖUŪÜY"
_FROM_2021: Final = {
    "a": "а", "ä": "ә", "b": "б", "c": "ц", "d": "д", "e": "е", "f": "ф", "g": "г",
    "ğ": "ғ", "h": "х", "i": "и", "ı": "і", "j": "ж", "k": "к", "l": "л", "m": "м",
    "n": "н", "ñ": "ң", "o": "о", "ö": "ө", "p": "п", "q": "қ", "r": "р", "s": "с",
    "ş": "ш", "t": "т", "u": "у", "ū": "ұ", "ü": "ү", "v": "в", "w": "у", "x": "х",
    "y": "ы", "z": "з", "ç": "ч",
}  # fmt: skip
_FROM_2017: Final = {
    **_FROM_2021,
    "a'": "ә", "g'": "ғ", "n'": "ң", "o'": "ө", "u'": "ү", "s'": "ш", "c'": "ч",
    "i'": "и", "y'": "у", "u": "ұ", "i": "і", "c": "ц",
}  # fmt: skip
Spelling = Literal["2021", "2017"]
_APOSTROPHES: Final = "'’ʼ‘`ʻ"
# A letter with an apostrophe: within a word when counting (a closing quote is no letter),
# anywhere when reading a text known to be so spelt ("su'ry'", сүру).
_APOSTROPHE_PAIR: Final = re.compile(rf"([aAgGnNoOuUsScCiIyY])[{_APOSTROPHES}](?=\w)")
_APOSTROPHE_LETTER: Final = re.compile(rf"([aAgGnNoOuUsScCiIyY])[{_APOSTROPHES}]")


def to_latin(text: str) -> str:
    """Kazakh Cyrillic in the 2021 Latin alphabet; any other character is kept."""
    out: list[str] = []
    for i, char in enumerate(text):
        lower = char.lower()
        latin = _LOWER.get(lower)
        if latin is None:
            out.append(char)
        elif char == lower or not latin:
            out.append(latin)
        elif char in _DIGRAPHS and not _shouted(text, i):
            out.append(_capital(latin[0]) + latin[1:])
        else:
            out.append("".join(_capital(c) for c in latin))
    return "".join(out)


def _capital(letter: str) -> str:
    return _UPPER_OF.get(letter, letter.upper())


def _shouted(text: str, i: int) -> bool:
    """Whether the capital at `i` is in a word written in capitals (a neighbour is one)."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return before.isupper() or after.isupper()


def to_cyrillic(text: str, spelling: Spelling = "2021") -> str:
    """Kazakh Latin back in Cyrillic, as far as the Latin letters tell (see the module)."""
    if spelling == "2017":
        text = _APOSTROPHE_LETTER.sub(lambda m: m.group(1) + "'", text)
    table = _FROM_2017 if spelling == "2017" else _FROM_2021
    out: list[str] = []
    i = 0
    while i < len(text):
        pair = text[i : i + 2]
        if len(pair) == 2 and pair.lower() in table:
            out.append(_cased(table[pair.lower()], pair[0]))
            i += 2
            continue
        char = text[i]
        lower = "i" if char == "İ" else "ı" if char == "I" and spelling == "2021" else char.lower()
        cyrillic = table.get(lower)
        if cyrillic is None:
            out.append(char)
        elif lower == "i" and spelling == "2021" and _glide(text, i):
            out.append(_cased("й", char))
        else:
            out.append(_cased(cyrillic, char))
        i += 1
    return "".join(out)


def _glide(text: str, i: int) -> bool:
    """Whether the i at `i` is й: after a vowel, unless a vowel follows ("aiyl" has й too)."""
    return i > 0 and text[i - 1] in _VOWELS


def _cased(cyrillic: str, like: str) -> str:
    return cyrillic.upper() if like.isupper() else cyrillic


# In the apostrophe spelling ә ң ү ш и й у are a' n' u' s' i' y': some 9% of the letters of
# a news article, never under 3%. Uzbek typed with ASCII apostrophes has some too ("ta'lim",
# "san'at", "mas'ul"), never 2%, and its sh and ch, which Kazakh writes s' and c'.
MIN_APOSTROPHE_SHARE = 0.025
_UZBEK_DIGRAPHS: Final = re.compile(r"[sScC][hH]")


def looks_apostrophe_spelled(text: str) -> bool:
    """Whether `text` uses the 2017 apostrophe letters (a' n' u' s' ...) rather than ä ñ ü ş.

    Apostrophe pairs that Uzbek shares (o' g') do not count: only Kazakh's own."""
    own = sum(1 for m in _APOSTROPHE_PAIR.finditer(text) if m.group(1) not in "oOgG")
    if own < 2 or own < MIN_APOSTROPHE_SHARE * sum(c.isalpha() for c in text):
        return False
    return own > len(_UZBEK_DIGRAPHS.findall(text)) + sum(text.count(c) for c in "äñüşğöūı")


def read_as_cyrillic(text: str) -> str:
    """Kazakh Latin in Cyrillic, in whichever Latin spelling it is written: what models that
    know Kazakh in Cyrillic (language identification, sentence embeddings) should be shown."""
    return to_cyrillic(text, "2017" if looks_apostrophe_spelled(text) else "2021")
