"""Evaluation sets that exist on no disk: articles of the corpora rewritten in another script.

Kazakh in the 2021 Latin alphabet (the package's own table) and the ways people really type
it: without ū and ı (keyboards that lack them), headlines in capitals, the apostrophe spelling
of the 2017 decree, ч as ç; Uzbek in its Cyrillic alphabet, and with ASCII apostrophes. Each
variant names the language whose seeds it rewrites and the script (ISO 15924) of the result.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.text.kazakh_latin import to_latin


@dataclass(frozen=True)
class Variant:
    lang: str  # the seeds rewritten: those of this language
    script: str  # ISO 15924 of the rewritten text
    rewrite: Callable[[str], str]


def _without_macron_and_dotless(text: str) -> str:
    return to_latin(text).translate(str.maketrans("ūŪıİ", "uUiI"))


def _headline_in_capitals(text: str) -> str:
    """The headline as a tool without Turkish casing writes it ("i".upper() is "I")."""
    head, sep, body = to_latin(text).partition("\n")
    return head.upper() + sep + body


def _words_capitalised(text: str) -> str:
    head, sep, body = to_latin(text).partition("\n")
    return " ".join(w[:1].upper() + w[1:] for w in head.split(" ")) + sep + body


_KK_2017 = {
    "а": "a", "ә": "a'", "б": "b", "в": "v", "г": "g", "ғ": "g'", "д": "d", "е": "e",
    "ё": "io", "ж": "j", "з": "z", "и": "i'", "й": "i'", "к": "k", "қ": "q", "л": "l",
    "м": "m", "н": "n", "ң": "n'", "о": "o", "ө": "o'", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "y'", "ұ": "u", "ү": "u'", "ф": "f", "х": "h", "һ": "h", "ц": "c",
    "ч": "c'", "ш": "s'", "щ": "s'", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e",
    "ю": "i'y'", "я": "i'a",
}  # fmt: skip


def _apostrophe_2017(text: str) -> str:
    return "".join(_cased(_KK_2017.get(c.lower(), c), c) for c in text)


def _loans_with_c_cedilla(text: str) -> str:
    """ч as ç and ц as ts, as Turkish-minded typists write Russian loanwords."""
    return to_latin(text.translate(str.maketrans({"ч": "ç", "Ч": "Ç", "ц": "ts", "Ц": "Ts"})))


_UZ_PAIRS = {"oʻ": "ў", "gʻ": "ғ", "sh": "ш", "ch": "ч", "ya": "я", "yo": "ё", "yu": "ю"}
_UZ = {
    "a": "а", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "ҳ", "i": "и", "j": "ж",
    "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "қ", "r": "р", "s": "с",
    "t": "т", "u": "у", "v": "в", "x": "х", "y": "й", "z": "з", "ʼ": "ъ", "c": "ц",
}  # fmt: skip
_UZ_TOKEN = re.compile(r"[oOgG][ʻ‘'`’]|[sScC][hH]|[yY][aAoOuU]|.", re.DOTALL)


def uzbek_to_cyrillic(text: str) -> str:
    """Uzbek Latin in its Cyrillic alphabet (e at the start of a word is э)."""
    out: list[str] = []
    for m in _UZ_TOKEN.finditer(text):
        token = m.group()
        key = token[0].lower() + ("ʻ" if token[1:] in "ʻ‘'`’" and len(token) == 2 else "")
        key = token.lower() if token.lower() in _UZ_PAIRS else key
        cyr = _UZ_PAIRS.get(key) or _UZ.get(key, token)
        if key == "e" and (not out or not out[-1][-1:].isalpha()):
            cyr = "э"
        out.append(_cased(cyr, token[0]))
    return "".join(out)


def _cased(rewritten: str, like: str) -> str:
    return rewritten[:1].upper() + rewritten[1:] if like.isupper() else rewritten


VARIANTS: dict[str, Variant] = {
    "kk-Latn": Variant("kk", "Latn", to_latin),
    "kk-Latn-plain": Variant("kk", "Latn", _without_macron_and_dotless),
    "kk-Latn-caps": Variant("kk", "Latn", _headline_in_capitals),
    "kk-Latn-title": Variant("kk", "Latn", _words_capitalised),
    "kk-Latn-2017": Variant("kk", "Latn", _apostrophe_2017),
    "kk-Latn-c": Variant("kk", "Latn", _loans_with_c_cedilla),
    "uz-Cyrl": Variant("uz", "Cyrl", uzbek_to_cyrillic),
    # oʻ gʻ and the tutuq belgisi typed as an ASCII apostrophe: "ta'lim", "o'z", "san'at".
    "uz-Latn-ascii": Variant("uz", "Latn", lambda text: re.sub("[ʻʼ‘’]", "'", text)),
}
