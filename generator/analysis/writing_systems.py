"""Writing systems and alphabets: the orthographic evidence behind language identification.

Statistical models confuse close relatives (Kyrgyz and Kazakh, Tajik and Russian, Uzbek and
Turkish, Uyghur and Arabic) on short texts, but their alphabets differ: a text full of ӣ ӯ ҷ
cannot be Russian, one with ə cannot be Turkish, one with ې ۇ ۈ cannot be Arabic or Persian.
This module only says which languages a text's letters rule out, whether they look like
Kazakh in Latin letters, and which script (ISO 15924) they are in; the models decide the rest.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from generator.text.kazakh_latin import Spelling, looks_apostrophe_spelled

# Scripts a language is written in, for languages not written in Latin alone. A language
# missing from this table is taken to be written in the Latin script.
_SCRIPTS: dict[str, frozenset[str]] = {}


def _written_in(script: str, codes: str) -> None:
    for code in codes.split():
        _SCRIPTS[code] = _SCRIPTS.get(code, frozenset()) | {script}


_written_in(
    "Cyrillic",
    "ru uk be bg mk sr kk ky tg uz mn tt ba kaa cv sah os ce av kv udm mhr mrj myv tyv "
    "krc xal lez bxr ab",
)
_written_in(
    "Arabic",
    "ar fa ur ps ug ckb sd ku ks azb arz pnb mzn glk lrc bqi",
)
_written_in(
    "Latin",
    "sr uz kk tk az kaa ku tt ms",
)
_written_in("Han", "zh ja yue wuu gan")
_written_in("Hiragana", "ja")
_written_in("Katakana", "ja")
_written_in("Hangul", "ko")
_written_in("Greek", "el")
_written_in("Hebrew", "he yi")
_written_in("Armenian", "hy")
_written_in("Georgian", "ka xmf")
_written_in("Devanagari", "hi mr ne sa bh new mai gom")
_written_in("Bengali", "bn as bpy")
_written_in("Gurmukhi", "pa")
_written_in("Gujarati", "gu")
_written_in("Oriya", "or")
_written_in("Tamil", "ta")
_written_in("Telugu", "te")
_written_in("Kannada", "kn")
_written_in("Malayalam", "ml")
_written_in("Sinhala", "si")
_written_in("Thai", "th")
_written_in("Lao", "lo")
_written_in("Khmer", "km")
_written_in("Myanmar", "my")
_written_in("Tibetan", "bo dz")
_written_in("Ethiopic", "am ti")
_written_in("Thaana", "dv")
_written_in("Mongolian", "mn")

# Unicode character-name prefixes that differ from the script's name.
_NAME_TO_SCRIPT = {"CJK": "Han", "OL": "Ol Chiki", "NEW": "Tai Lue"}

# Alphabets (lower case) of languages whose letters tell them from their neighbours. Latin
# alphabets list only the letters beyond a-z, and only Turkic letters count against them
# (see foreign_letters).
_RU = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_ALPHABETS: dict[tuple[str, str], str] = {
    ("ru", "Cyrillic"): _RU,
    ("uk", "Cyrillic"): "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяʼ",
    ("be", "Cyrillic"): "абвгдеёжзійклмнопрстуўфхцчшыьэюяʼ",
    ("bg", "Cyrillic"): "абвгдежзийклмнопрстуфхцчшщъьюяѝ",
    ("mk", "Cyrillic"): "абвгдѓежзѕијклљмнњопрстќуфхцчџшѐѝ",
    ("sr", "Cyrillic"): "абвгдђежзијклљмнњопрстћуфхцчџш",
    ("kk", "Cyrillic"): _RU + "әғқңөұүһі",
    ("ky", "Cyrillic"): _RU + "ңөү",
    ("tg", "Cyrillic"): _RU + "ғӣқӯҳҷў",  # ў: ӯ as typed on Uzbek or Russian keyboards
    ("uz", "Cyrillic"): _RU + "ўқғҳ",
    ("mn", "Cyrillic"): _RU + "өү",
    ("tt", "Cyrillic"): _RU + "әөүҗңһ",
    ("ba", "Cyrillic"): _RU + "әөүғҡңҙҫһ",
    ("kaa", "Cyrillic"): _RU + "әғқңөүўҳ",
    ("kk", "Latin"): "äğıñöūüşq",
    ("tr", "Latin"): "çğıöşüâîû",
    ("az", "Latin"): "çəğıöşüq",
    ("uz", "Latin"): "ʻʼq",
    ("tk", "Latin"): "çäňöşüýž",
    ("kaa", "Latin"): "áǵıńóúq",
    ("ar", "Arabic"): "ابتثجحخدذرزسشصضطظعغفقكلمنهويةىءأإآؤئ",
    ("fa", "Arabic"): "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیءآأؤئةكيىۀ",
    ("ur", "Arabic"): "ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوہھءیےۃآأؤئۓكيى",
    ("ps", "Arabic"): "ابپتټثجځچڅحخدډذرړزږژسښشصضطظعغفقکګگلمنڼوهيېۍیئءآأؤةكى",
    ("ug", "Arabic"): "ئابپتجچخدرزژسشغفقكگڭلمنھوۇۆۈۋېىيە",
    ("ckb", "Arabic"): "ئابپتجچحخدرڕزژسشعغفڤقکگلڵمنهھەوۆیێ",
}
_BASIC_LATIN = "abcdefghijklmnopqrstuvwxyz"
# Letters that tell Turkic languages apart (Karakalpak's ǵ ń included; its á ó ú are left
# out, as Spanish or Icelandic names bring them into any text). q is among them: Kazakh,
# Azeri, Uzbek and Karakalpak write it often, Turkish and Turkmen never.
_TURKIC_LATIN = frozenset(
    "".join(_ALPHABETS[(c, "Latin")] for c in ("kk", "tr", "az", "uz", "tk")) + "ǵń"
)

# Typing habits that hide a letter: Kyrgyz ң typed as the look-alike ӊ, Uzbek oʻ/gʻ typed
# with an apostrophe or quotation mark.
_LOOKALIKES = str.maketrans({"ӊ": "ң", "ҥ": "ң"})
_UZBEK_TICK = re.compile(r"(?<=[oOgG])[ʻ'‘’`ʼ](?=[^\W\d_])")

# A letter counts against a language only when it is more than a stray foreign name.
MIN_FOREIGN = 2
MIN_FOREIGN_SHARE = 0.01
# A script counts when it holds this share of the letters (a Persian headline may be half
# English names).
MIN_SCRIPT_SHARE = 0.2


@lru_cache(maxsize=4096)
def script_of(char: str) -> str | None:
    """The script of a letter, or None for anything that is not a letter of a script."""
    if not char.isalpha() or unicodedata.category(char) == "Lm":
        return None  # a modifier (Arabic tatweel, length marks) is no letter of its own
    word = unicodedata.name(char, "").split(" ", 1)[0]
    if word in ("MODIFIER", ""):
        return None
    return _NAME_TO_SCRIPT.get(word, word.capitalize())


@dataclass(frozen=True)
class Letters:
    """The letters of a text, counted by script (lower case, look-alikes folded)."""

    by_script: dict[str, Counter[str]]

    @property
    def total(self) -> int:
        return sum(sum(c.values()) for c in self.by_script.values())

    @property
    def main_script(self) -> str | None:
        if not self.by_script:
            return None
        return max(self.by_script, key=lambda s: (sum(self.by_script[s].values()), s))

    def scripts(self, min_share: float = MIN_SCRIPT_SHARE) -> frozenset[str]:
        """The scripts that hold at least `min_share` of the letters."""
        total = self.total
        return frozenset(
            s for s, c in self.by_script.items() if total and sum(c.values()) >= min_share * total
        )


def count_letters(text: str) -> Letters:
    text = unicodedata.normalize("NFKC", text)
    if "ӊ" in text or "ҥ" in text:  # translate looks up every character: only when needed
        text = text.translate(_LOOKALIKES)
    text = _UZBEK_TICK.sub("ʻ", text)
    by_script: dict[str, Counter[str]] = {}
    for char, n in Counter(text.lower()).items():
        script = "Latin" if char in "ʻʼ" else script_of(char)
        if script is not None:
            by_script.setdefault(script, Counter())[char] = n
    return Letters(by_script)


# Languages whose code depends on the script: Kurdish in Arabic script is Sorani, Azerbaijani
# in Arabic script is the South Azerbaijani of Iran (both written right to left).
_IN_SCRIPT = {("ku", "Arabic"): "ckb", ("ckb", "Latin"): "ku", ("az", "Arabic"): "azb"}


def in_script(code: str, letters: Letters) -> str:
    """`code` as spelt for the text's main script."""
    return _IN_SCRIPT.get((code, letters.main_script or ""), code)


def scripts_of(code: str) -> frozenset[str]:
    return _SCRIPTS.get(code, frozenset({"Latin"}))


def foreign_letters(code: str, script: str, letters: Letters) -> int | None:
    """How many of the text's letters in `script` `code` does not use; None if unknown.

    In Latin script only letters of the Turkic alphabets count: names from European
    languages (Sánchez, Píanó) turn up in any language's news.
    """
    alphabet = _ALPHABETS.get((code, script))
    if alphabet is None:
        return None
    counts = letters.by_script.get(script, Counter())
    if script == "Latin":
        return sum(n for ch, n in counts.items() if ch in _TURKIC_LATIN and ch not in alphabet)
    return sum(n for ch, n in counts.items() if ch not in alphabet)


def rules_out(code: str, letters: Letters) -> str | None:
    """Why the text's letters cannot be written in `code`, or None if they can."""
    present = letters.scripts()
    usable = scripts_of(code) & present
    if not usable:
        return f"{code} is not written in {'/'.join(sorted(present))} script"
    for script in usable:
        foreign = foreign_letters(code, script, letters)
        in_script = sum(letters.by_script[script].values())
        if foreign is not None and foreign >= max(MIN_FOREIGN, MIN_FOREIGN_SHARE * in_script):
            return f"{foreign} letters not in the {code} alphabet"
    return None


# Kazakh in Latin letters writes letters Turkish never does: q (қ, some 3% of its letters), ñ,
# ū and ä (ң ұ ә); in a news article, together never under 2% of the letters. A headline may
# have only one; a Turkish article may have a stray one in a name (Iraq, Qatar).
MIN_KAZAKH_ONLY = 0.008
_KAZAKH_ONLY = "qñūä"
# ç is ч as Turkish-minded typists write Russian loanwords: a few, fewer than q ñ ū ä.
_KAZAKH_LATIN_LETTERS = frozenset(_BASIC_LATIN + _ALPHABETS[("kk", "Latin")] + "çʻʼ")
# Letters beyond those are names (José, Müller is fine): a few, never this share of the text.
MAX_ALIEN_SHARE = 0.003
# Letters that make a text Turkic, not German, Finnish or Spanish, which share ä ö ü or ñ.
# Kazakh letters that a European language has too count when two are together that no such
# language has together: ñ with ä ö ü (Reper öziniñ atyn), q with ä (jäne äielder qoldanu).
_TURKIC_SIGNS = "ığşū"


def kazakh_latin_spelling(text: str, letters: Letters) -> Spelling | None:
    """Which Kazakh Latin alphabet the text's letters fit ("2021", or "2017" for the
    apostrophe spelling), or None when they do not look like Kazakh in Latin letters: no
    letter Turkish lacks, no Turkic letter, or letters of another Turkic alphabet (ə ň ý oʻ)."""
    latin = letters.by_script.get("Latin")
    if letters.main_script != "Latin" or latin is None:
        return None
    total = sum(latin.values())
    # French or Spanish have q, ñ or the apostrophes too, but also é à á, which Kazakh lacks.
    alien = sum(n for ch, n in latin.items() if ch not in _KAZAKH_LATIN_LETTERS)
    if alien >= max(MIN_FOREIGN, MAX_ALIEN_SHARE * total):
        return None
    if looks_apostrophe_spelled(text):
        return "2017"
    only = sum(latin[ch] for ch in _KAZAKH_ONLY)
    if only < max(1, MIN_KAZAKH_ONLY * total) or latin["ç"] > only:
        return None
    turkic = any(latin[ch] for ch in _TURKIC_SIGNS) or latin["q"] >= MIN_FOREIGN
    umlaut = latin["ä"] + latin["ö"] + latin["ü"]
    if not turkic and not (latin["ñ"] and umlaut) and not (latin["q"] and latin["ä"]):
        return None
    return "2021" if rules_out("kk", letters) is None else None


def alphabet_languages(letters: Letters) -> list[str]:
    """Languages whose alphabet holds the text's letters and whose own letters it uses: the
    only evidence for a language no model knows (Karakalpak)."""
    script = letters.main_script
    fitting = []
    for code, alphabet_script in _ALPHABETS:
        if alphabet_script != script or rules_out(code, letters) is not None:
            continue
        own = set(_ALPHABETS[(code, script)]) - set(_RU) - set(_BASIC_LATIN)
        if any(letters.by_script[script][ch] for ch in own):
            fitting.append(code)
    return sorted(fitting)


# ISO 15924 codes of the scripts `script_of` names (Unicode script names); Han is refined to
# Hans or Hant, and Japanese kana with Han make Jpan.
UNCODED = "Zzzz"
_ISO_15924 = {
    "Latin": "Latn", "Cyrillic": "Cyrl", "Arabic": "Arab", "Greek": "Grek", "Hebrew": "Hebr",
    "Armenian": "Armn", "Georgian": "Geor", "Devanagari": "Deva", "Bengali": "Beng",
    "Gurmukhi": "Guru", "Gujarati": "Gujr", "Oriya": "Orya", "Tamil": "Taml", "Telugu": "Telu",
    "Kannada": "Knda", "Malayalam": "Mlym", "Sinhala": "Sinh", "Thai": "Thai", "Lao": "Laoo",
    "Khmer": "Khmr", "Myanmar": "Mymr", "Tibetan": "Tibt", "Ethiopic": "Ethi", "Thaana": "Thaa",
    "Mongolian": "Mong", "Hangul": "Hang", "Han": "Hani", "Hiragana": "Jpan", "Katakana": "Jpan",
    "Syriac": "Syrc", "Tifinagh": "Tfng", "Cherokee": "Cher", "Canadian": "Cans",
    "Ol Chiki": "Olck", "Yi": "Yiii", "Bopomofo": "Bopo", "Nko": "Nkoo", "Javanese": "Java",
}  # fmt: skip
# Letters per character of scripts that write a syllable or a word with one character.
_SYLLABIC = {"Han": 3, "Hiragana": 3, "Katakana": 3, "Hangul": 3, "Yi": 3}


def _weight(script: str) -> int:
    return _SYLLABIC.get(script, 1)


# Kana this share of the Han letters or more make a Japanese text, not a Chinese one with a
# Japanese name.
MIN_KANA_SHARE = 0.05


def iso_script(letters: Letters) -> str | None:
    """The ISO 15924 code of the text's main script; None for a text without letters.

    A Han character or a Hangul syllable says as much as a Latin word: "西蒙（Simon
    Krätschmer）在破舊、危險的軍營中獨自探索" is Chinese with a German name."""
    if not letters.by_script:
        return None
    script = max(letters.by_script, key=lambda s: (_weight(s) * letters.by_script[s].total(), s))
    if script in ("Han", "Hiragana", "Katakana"):
        return _han_script(letters)
    if script in _ISO_15924:
        return _ISO_15924[script]
    # A script named by the first word of its letters' names: most give their ISO code's four
    # letters ("Thaana"); "Old" (Old Permic, Old Italic) or "Tai" gives none, hence ISO's
    # code for an uncoded script.
    return script[:4].capitalize() if len(script) >= 4 and script.isalpha() else UNCODED


def _han_script(letters: Letters) -> str:
    kana = sum(sum(letters.by_script.get(s, Counter()).values()) for s in ("Hiragana", "Katakana"))
    han = letters.by_script.get("Han", Counter())
    if kana >= MIN_KANA_SHARE * sum(han.values()):
        return "Jpan"
    # A character only GB 2312 encodes is simplified, one only Big5 encodes is traditional.
    simplified = sum(n for ch, n in han.items() if _encodes(ch, "gb2312") > _encodes(ch, "big5"))
    traditional = sum(n for ch, n in han.items() if _encodes(ch, "big5") > _encodes(ch, "gb2312"))
    if simplified == traditional:
        return "Hani"
    return "Hans" if simplified > traditional else "Hant"


@lru_cache(maxsize=8192)
def _encodes(char: str, codec: str) -> bool:
    try:
        char.encode(codec)
    except UnicodeEncodeError:
        return False
    return True
