"""Editors' `re:` patterns (seeds/boilerplate.yml) run in linear time, and match as before.

Through `parse_editor_rules`, the way the build compiles them, so each test also runs on the
code before RE2 (where the ReDoS test takes a minute and the refusals were not made)."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.analysis.editor_rules import EditorRules, parse_editor_rules


def _rules(*entries: str) -> tuple[EditorRules, tuple[str, ...]]:
    return parse_editor_rules({"remove": {"*": list(entries)}})


def _removes(pattern: str, line: str) -> bool:
    rules, problems = _rules("re:" + pattern)
    assert problems == ()
    return rules.removed("s.txt", line)


def test_a_catastrophic_pattern_runs_in_linear_time() -> None:
    """Python's re took 58 s for 30 "a", twice as long for each more."""
    start = time.perf_counter()
    assert not _removes("(a+)+$", "a" * 30 + "!")
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        (r"(reklama) \1", "invalid escape sequence"),  # backreference
        (r"(?P<w>\w+) (?P=w)", "invalid"),  # named backreference
        (r"(?=.*telegram)подпис.*", "invalid perl operator"),  # lookahead
        (r"(?<!no )comments", "invalid perl operator"),  # lookbehind
        (r"(unclosed", "missing )"),
        (r"\bреклама\b.*", "word boundaries"),  # RE2's \b is ASCII: refused, not misread
        ("a" * 1_001, "longer than 1,000"),
    ],
)
def test_a_pattern_re2_cannot_run_is_an_error_and_the_rest_apply(pattern: str, why: str) -> None:
    rules, problems = _rules("re:" + pattern, "re:lire la suite.*", "Advertisement")
    (problem,) = problems
    assert why in problem and pattern[:60] in problem and "(RE2 syntax)" in problem
    assert "\n" not in problem and len(problem) < 300
    assert rules.removed("s.txt", "Lire la suite sur le site")
    assert rules.removed("s.txt", "Advertisement")


# Python's re read these with Unicode classes and IGNORECASE; RE2 must match the same lines.
UNICODE = [
    (r"\w+ \d+", "Комментарии 12", True),
    (r"\w+ \d+", "التعليقات ١٢", True),  # Arabic-Indic digits are \d
    (r"\w+ \d+", "Пікірлер ۴۵", True),  # and Persian ones
    (r"\w+", "Қазақстан", True),
    (r"\w+", "الصورة", True),
    (r"\w+", "图片", True),
    (r"\w+", "½", True),  # a number is a word character
    (r"\w+", "ب\u064e", False),  # a vowel mark is not
    (r"\W*реклама\W*", "— РЕКЛАМА —", True),
    (r"[\w ]+", "Подпишитесь на наш канал", True),
    (r"[\w ]+", "Подпишитесь на наш канал!", False),
    (r"[^\w]+", "«»—", True),
    (r"\D+", "Фото: ТАСС", True),
    (r"\D+", "Фото ٣", False),
    (r"[\d ]+ просмотров", "1 024 просмотров", True),
    (r"поделиться.*", "ПОДЕЛИТЬСЯ в соцсетях", True),  # any case, Cyrillic too
    (r"شارك( على [^ ]+)?", "شارك على فيسبوك", True),
    (r"\u0444\u043e\u0442\u043e.*", "Фото дня", True),  # \uXXXX escapes
    (r"читайте также\Z", "Читайте также", True),  # \Z is RE2's \z
    (r"x{,2}y", "xxy", True),  # Python's {,n}
    (r"\S+ \S+", "Реклама 18+", True),
]


@pytest.mark.parametrize(("pattern", "line", "removed"), UNICODE)
def test_unicode_lines_match_as_python_re_matched_them(
    pattern: str, line: str, removed: bool
) -> None:
    assert bool(re.fullmatch(pattern, line, re.IGNORECASE)) is removed  # the table is right
    assert _removes(pattern, line) is removed


LETTERS = "aZé_ 0٣۴½фЖёҚқ.:-!«»تالصورة图\u064e\u00a0"
PATTERNS = [r"\w+", r"[\w ]+", r"\W+", r"\d+ \w+", r"\D*", r"[^\w ]+\w*", r"\w+ \W+", r"(\w| )*"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PATTERNS), st.text(alphabet=LETTERS, max_size=12))
def test_any_line_matches_as_python_re_matched_it(pattern: str, line: str) -> None:
    spaced = " ".join(line.split())  # what the rules see (`editor_rules._spaces`)
    assert _removes(pattern, line) is bool(re.fullmatch(pattern, spaced, re.IGNORECASE))


def test_an_exact_line_is_still_exact() -> None:
    rules, _ = _rules("Lire la suite (3)", "a.b")
    assert rules.removed("s.txt", "Lire  la\u00a0suite (3)")
    assert not rules.removed("s.txt", "lire la suite (3)")
    assert not rules.removed("s.txt", "axb")
