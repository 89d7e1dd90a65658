"""What web boilerplate looks like in plain text: phrase lists and the shape of a line.

The phrase lists live in `data/boilerplate.yml` (one entry per reason, patterns per
language); this module compiles them and answers, for one line, "is this boilerplate, and
why". Where a line sits in the seed (top, bottom, middle) is the clean stage's business.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import re2  # type: ignore[import-untyped]

from generator.analysis.patterns import PatternError, to_re2
from generator.safe_yaml import PHRASES_YML, load_yaml
from generator.text.sentences import split_sentences

ANYWHERE = "anywhere"
_RE2_MEMORY = 32 << 20  # bytes for the alternation of every phrase of two languages
DATE_LINE_MAX_WORDS = 10
DATE_DIGIT_SHARE = 0.3
EDGES = "edges"

# Ends like a sentence: a stop, possibly inside closing quotes or brackets.
_TERMINAL = re.compile(r"[.!?؟。！？…][\"'»”’)\]]*$")
_CLOSING_QUOTES = '"»”’'
_PERIOD = re.compile(r"[.。…][\"'»”’)\]]*$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# Bullets, separators and stray punctuation around a line of chrome ("• Share |", "PARTAGEZ:").
_EDGE_PUNCT = " \t\u00a0•·|›»«>→–—-:：*#=_~/\\"
# A caption that ends with its credit: "... Photo credit: Kazakh Foreign Ministry", "X.Photo:VCG".
_CAPTION_CREDIT = re.compile(
    r"(?:^|[\s.,;(])(?:photo credit|crédit photo|photo|photos|фото|foto|fotoğraf|صورة|الصورة"
    r"|сурет|图|图片|bild|imagen|credit)\s*[:：]\s*[^.!?:：]{1,80}$"
)
# A line of nothing but these is a row of share or follow buttons.
_SOCIAL = frozenset((
    "facebook", "twitter", "x", "instagram", "telegram", "youtube", "tiktok", "whatsapp",
    "linkedin", "vk", "vkontakte", "вконтакте", "viber", "ok", "одноклассники", "pinterest",
    "reddit", "email", "e-mail", "wechat", "weibo", "微信", "微博", "threads", "messenger",
    "print",
))  # fmt: skip
_DIGIT = re.compile(r"\d")
# A word: a run that str.split() would give (\s is the same test of space) with a letter or
# a digit in it ([^\W_]: what str.isalnum() accepts).
_WORD = re.compile(r"\S*?[^\W_]\S*")
_LINK = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+")
_CRUMB = re.compile(r"\s+[/›>»|·→]\s+")
_CRUMB_MARK = re.compile(r"\s[/›>»|·→]\s")
_CRUMB_MAX_WORDS = 40  # items of three words at most, with their separators
_SOCIAL_MAX_WORDS = 20
_DATE = re.compile(
    r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[:h]\d{2}\b"
)

# jusText names its stoplists by English language name.
_JUSTEXT_NAMES = {
    "en": "English", "fr": "French", "ru": "Russian", "kk": "Kazakh", "ar": "Arabic",
    "de": "German", "es": "Spanish", "tr": "Turkish", "uk": "Ukrainian", "it": "Italian",
    "pt": "Portuguese", "pl": "Polish", "ky": "Kyrgyz", "uz": "Uzbek", "tk": "Turkmen",
    "az": "Azerbaijani", "fa": "Persian", "nl": "Dutch", "be": "Belarusian",
}  # fmt: skip


@dataclass(frozen=True)
class Rule:
    reason: str
    kind: str  # "line", "label" or "phrase"
    where: str  # ANYWHERE or EDGES
    max_words: int
    languages: frozenset[str]  # those it has patterns for
    # A "phrase" rule: language -> one alternation (a line is searched for the phrases of
    # its own language and of English), compiled when first searched (`_phrases`): a
    # rebuild's new seed needs two languages' of the 19, not all of them compiled.
    patterns: dict[str, str]
    # A "line" or "label" rule matches a whole line in any language: every language's
    # patterns as one alternation, one `fullmatch` instead of one per language; compiled
    # when first tried (`_whole_line`): most seeds have no line that gets that far.
    any_language: str | None = None
    needs_digit: bool = False
    no_stop: bool = False


def word_count(text: str) -> int:
    """Words, counting two CJK characters as one word since those scripts have no spaces;
    separators ("|", "/", "—") are not words."""
    cjk = len(_CJK.findall(text))
    words = _WORD.findall(_CJK.sub(" ", text)) if cjk else _WORD.findall(text)
    return len(words) + (cjk + 1) // 2


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text.rstrip()))


def ends_with_period(text: str) -> bool:
    return bool(_PERIOD.search(text.rstrip()))


def sentence_count(text: str) -> int:
    return len(split_sentences(text))


_SPACED_COLON = re.compile(r"\s+:")


def core(text: str) -> str:
    """The line as rules see it: lower case, bullets and edge punctuation stripped."""
    # Turkish dotted capital I lower-cases to "i" plus a combining dot: drop the dot.
    lowered = text.casefold().replace("\u0307", "")
    # French sets a space before a colon ("Temps de lecture : 3 min"); the patterns do not.
    lowered = _SPACED_COLON.sub(":", lowered) if ":" in lowered else lowered
    return " ".join(lowered.strip(_EDGE_PUNCT).split())


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    text = resources.files("generator").joinpath("data/boilerplate.yml").read_text("utf-8")
    raw = load_yaml(text, PHRASES_YML)  # libyaml's parser: a rebuild's new seed waits for it
    return tuple(_compile(entry) for entry in raw["rules"])


def _compile(entry: dict[str, object]) -> Rule:
    kind = str(entry["kind"])
    patterns = entry["patterns"]
    assert isinstance(patterns, dict)
    # Not dashes: "Главное — не допустить эскалации" is a sentence.
    after = r"(?:\s*[:：|»]\s*.*|)"
    if entry.get("after_space"):
        after = r"(?:\s*[:：|»]\s*.*|\s+.*|)"
    bodies = {
        lang: "|".join(f"(?:{p})" for p in alternatives) for lang, alternatives in patterns.items()
    }
    every = "|".join(f"(?:{body})" for body in bodies.values())
    phrases = bodies if kind == "phrase" else {}
    return Rule(
        reason=str(entry["reason"]),
        kind=kind,
        where=str(entry["where"]),
        max_words=int(str(entry["max_words"])),
        languages=frozenset(bodies),
        patterns=phrases,
        needs_digit=bool(entry.get("needs_digit")),
        no_stop=bool(entry.get("no_stop")),
        any_language=None if kind == "phrase" else _whole(kind, every, after),
    )


@lru_cache(maxsize=256)
def _phrases(alternation: str) -> re.Pattern[str]:
    return re.compile(alternation)


@lru_cache(maxsize=64)
def _whole_line(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _whole(kind: str, body: str, after: str) -> str:
    """The pattern of a "line" or "label" rule's alternation `body`: a line may end with a
    count, a label with what it labels (`after`)."""
    if kind == "line":
        return rf"(?:{body})(?:\s*[(\[]?\d+[)\]]?)?"
    return rf"(?:{body}){after}"


@lru_cache(maxsize=64)
def _any_rule(lang: str) -> tuple[Callable[[str], object], ...]:
    """Tests of whether a line could match any rule for `lang`: every whole-line rule as one
    RE2 pattern, every phrase of `lang` and English as another (RE2 runs an alternation of
    hundreds of phrases in one pass over the line; `re` tries them one by one). A pattern RE2
    cannot run stays with `re`. Most lines match none and are let go after these tests."""
    found = rules()
    whole = [r.any_language for r in found if r.any_language is not None]
    codes = dict.fromkeys((lang, "en"))
    phrases = [r.patterns[code] for r in found for code in codes if code in r.patterns]
    return (*_matchers(whole, full=True), *_matchers(phrases, full=False))


def _matchers(patterns: list[str], full: bool) -> list[Callable[[str], object]]:
    joined, slow = _by_engine(patterns)
    out: list[Callable[[str], object]] = []
    if joined is not None:
        out.append(functools.partial(_re2_test, joined._regexp, _BOTH if full else _UNANCHORED))
    for pattern in slow:
        python = re.compile(pattern)
        out.append(python.fullmatch if full else python.search)
    return out


def _by_engine(patterns: list[str]) -> tuple[Any, list[str]]:
    """The patterns RE2 runs, as one compiled alternation (None if none), and those left to
    `re`. All at once first, a lookaround set aside: a new seed's build compiles its
    language's patterns, and one by one took most of that."""
    looking = [p for p in patterns if _LOOKAROUND.search(p)]
    spelt = _spelt([p for p in patterns if not _LOOKAROUND.search(p)])
    joined = _re2_compiled(_alternation(spelt)) if spelt else None
    if joined is not None or spelt == []:
        return joined, looking
    fast, slow = [], []
    for pattern in patterns:
        one = _spelt([pattern])
        if one is not None and _re2_compiled(one[0]) is not None:
            fast += one
        else:
            slow.append(pattern)
    return (_re2_compiled(_alternation(fast)) if fast else None), slow


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


_LOOKAROUND = re.compile(r"\(\?<?[=!]")


def _spelt(patterns: list[str]) -> list[str] | None:
    try:
        return [to_re2(pattern) for pattern in patterns]
    except PatternError:
        return None


def _re2_compiled(pattern: str) -> Any:
    try:
        return re2.compile(pattern, _re2_options())
    except re2.error:
        return None


# The wrapper's `search` maps every match back to character offsets, which costs more than
# the search itself; a yes or no needs only the engine's own call.
_BOTH, _UNANCHORED = re2._Anchor.ANCHOR_BOTH, re2._Anchor.UNANCHORED


def _re2_test(engine: Any, anchor: object, line: str) -> bool:
    encoded = line.encode("utf-8")
    return bool(engine.Match(anchor, encoded, 0, len(encoded))[0][0] >= 0)


def _re2_options() -> re2.Options:
    options = re2.Options()
    options.never_capture = True
    options.log_errors = False
    options.max_mem = _RE2_MEMORY
    return options


def phrase_reason(text: str, lang: str) -> tuple[str, str] | None:
    """(reason, where) of the first rule the line matches, or None."""
    line = core(text)
    if not line:
        return None
    words = word_count(text)
    if any(test(line) for test in _any_rule(lang)):
        found = _rule_reason(text, line, words, lang)
        if found is not None:
            return found
    return _shape_reason(text, line, words)


def _rule_reason(text: str, line: str, words: int, lang: str) -> tuple[str, str] | None:
    for rule in rules():
        if words > rule.max_words or (rule.needs_digit and not _DIGIT.search(line)):
            continue
        if rule.no_stop and ends_sentence(text):
            continue
        if rule.kind == "phrase":
            langs = [code for code in (lang, "en") if code in rule.patterns]
            if any(_phrases(rule.patterns[code]).search(line) for code in langs):
                return rule.reason, rule.where
        elif rule.any_language is not None and _whole_line(rule.any_language).fullmatch(line):
            return rule.reason, rule.where
    return None


def _shape_reason(text: str, line: str, words: int) -> tuple[str, str] | None:
    # Each test only where the line has what it looks for: most lines have none of it.
    if words <= 60 and (":" in line or "：" in line) and _CAPTION_CREDIT.search(line.rstrip(" .")):
        return "photo caption with credit", ANYWHERE
    if " " not in line and _LINK.fullmatch(line):
        return "bare link", ANYWHERE
    if words <= _CRUMB_MAX_WORDS and _CRUMB_MARK.search(text) and _is_breadcrumb(text):
        return "navigation", ANYWHERE
    if words <= _SOCIAL_MAX_WORDS:
        tokens = [t for t in re.split(r"[\s,|/·•]+", line) if t]
        if tokens and all(t in _SOCIAL for t in tokens):
            return "share buttons", ANYWHERE
    return None


def _is_breadcrumb(text: str) -> bool:
    """ "Home / News / Politics", "Главная › Новости": a few short items between separators."""
    items = [item.strip() for item in _CRUMB.split(text)]
    return len(items) >= 3 and all(0 < word_count(item) <= 3 for item in items)


@lru_cache(maxsize=64)
def stoplist(lang: str) -> frozenset[str]:
    """jusText's stop words for `lang` (empty when jusText has none, e.g. Chinese).

    Read from jusText's own stoplist files as its `get_stoplist` reads them, without
    importing the package: that loads lxml, a cost a rebuild's one new seed need not pay."""
    name = _JUSTEXT_NAMES.get(lang)
    spec = importlib.util.find_spec("justext") if name is not None else None
    if name is None or spec is None or not spec.submodule_search_locations:
        return frozenset()
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "stoplists" / f"{name}.txt"
        if path.is_file():
            return frozenset(w.decode("utf8").lower() for w in path.read_bytes().splitlines())
    return frozenset()


def stopword_density(text: str, lang: str) -> float | None:
    """Share of words that are stop words (jusText's main signal); None when unknown."""
    words = [w.strip(".,;:!?«»\"'()[]“”’").casefold() for w in text.split()]
    words = [w for w in words if w]
    stops = stoplist(lang)
    if not stops or not words:
        return None
    return sum(w in stops for w in words) / len(words)


def is_chrome(text: str, lang: str) -> bool:
    """Shaped like page furniture rather than prose: counts, dates, a few words, no sentence."""
    if not any(ch.isalpha() for ch in text):
        return True  # comment counts, dates, separators
    if ends_sentence(text) or text.rstrip()[-1:] in tuple(_CLOSING_QUOTES):
        return False  # a sentence, or the end of a quotation
    words = word_count(text)
    if words <= 3:
        return True
    if is_dateline(text):
        return True
    # A handful of words with no function word at all: names, sections, a site's tagline.
    return words <= 6 and stopword_density(text, lang) == 0.0


def is_dateline(text: str) -> bool:
    """A dateline ("October 7, 2024 8:12 AM", "12.03.2024"), not a sentence with a time."""
    if ends_sentence(text) or word_count(text) > DATE_LINE_MAX_WORDS or not _DATE.search(text):
        return False
    return _mostly_numbers(text)


def _mostly_numbers(text: str) -> bool:
    """Numbers make a good share of the words (day, year, time)."""
    tokens = text.split()
    return sum(bool(_DIGIT.search(t)) for t in tokens) >= DATE_DIGIT_SHARE * len(tokens)


def is_prose(text: str, lang: str) -> bool:
    """Reads like article text: a finished sentence of some length, or a long line."""
    words = word_count(text)
    if sentence_count(text) > 1 and words >= 8:
        return True
    if ends_sentence(text) and words >= 4:
        return True
    density = stopword_density(text, lang)
    return words >= 12 and (density is None or density >= 0.2)
