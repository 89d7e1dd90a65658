"""An editor's word on boilerplate (`seeds/boilerplate.yml`): lines kept, lines removed,
and every problem in the file reported with its key."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.analysis.editor_rules import (
    EDITOR_FILE,
    EVERY_SEED,
    EditorRules,
    load_editor_rules,
    parse_editor_rules,
)

# One line an editor might name per language, with the no-break spaces web text carries.
LINES = [
    "Read the full statement here.",
    "Le texte intégral de la déclaration est accessible\u00a0ici.",
    "Толық мәтінмен\u00a0мына жерден танысыңыз.",
    "Полный текст заявления\u202fдоступен здесь.",
    "النص الكامل للبيان متاح\u00a0هنا.",
]


def _rules(data: object) -> EditorRules:
    rules, problems = parse_editor_rules(data)
    assert problems == ()
    return rules


@pytest.mark.parametrize("line", LINES)
def test_a_kept_line_matches_whatever_its_spaces(line: str) -> None:
    rules = _rules({"keep": {"s.txt": [" ".join(line.split())]}})
    assert rules.kept("s.txt", line)
    assert rules.kept("s.txt", line.replace(" ", "   "))
    assert not rules.kept("other.txt", line)  # a seed's rule is that seed's only
    assert _rules({"keep": {EVERY_SEED: [line]}}).kept("other.txt", line)


@pytest.mark.parametrize("line", LINES)
def test_a_removed_line_matches_for_every_seed_under_the_star(line: str) -> None:
    rules = _rules({"remove": {EVERY_SEED: [line]}})
    assert rules.removed("a.txt", " ".join(line.split()))
    assert rules.removed("b.txt", line)
    assert not rules.removed("a.txt", line + " more")  # the whole line, not a part


@pytest.mark.parametrize(
    ("pattern", "line", "removed"),
    [
        ("re:Lire la suite.*", "LIRE LA SUITE sur le site", True),  # any case
        ("re:Читайте (также|еще).*", "читайте еще: новости", True),
        ("re:اقرأ أيضا.*", "اقرأ أيضا: خبر", True),
        ("re:Lire la suite", "Lire la suite sur le site", False),  # the whole line
    ],
)
def test_a_regular_expression_matches_the_whole_line_in_any_case(
    pattern: str, line: str, removed: bool
) -> None:
    assert _rules({"remove": {"s.txt": [pattern]}}).removed("s.txt", line) is removed


def test_a_seeds_rules_are_only_those_that_can_apply_to_it() -> None:
    rules = _rules(
        {
            "keep": {"a.txt": ["x"], "b.txt": ["y"], "*": ["z"]},
            "remove": {"b.txt": ["w"], "*": ["v"]},
        }
    )
    own = rules.for_seed("a.txt")
    assert own.keep == {"a.txt": frozenset({"x"}), "*": frozenset({"z"})}
    assert set(own.remove) == {"*"}
    assert rules.for_seed("c.txt").keep == {"*": frozenset({"z"})}
    assert rules.for_seed("c.txt") == rules.for_seed("d.txt")  # equal: one cache key


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["a.txt", "b.txt", "c.txt", "*"]), max_size=4), st.text())
def test_a_seed_sees_the_same_answers_through_its_own_rules(names: list[str], line: str) -> None:
    rules = _rules({"keep": {n: [line] for n in names}, "remove": {n: [line] for n in names}})
    for seed in ("a.txt", "z.txt"):
        own = rules.for_seed(seed)
        assert own.kept(seed, line) == rules.kept(seed, line)
        assert own.removed(seed, line) == rules.removed(seed, line)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"keep": {"s.txt": "one line"}}, "must be a list"),
        ({"remove": {"*": ["re:(unclosed"]}}, "bad regular expression"),
        ({"drop": {}}, "unknown key"),
        (["not", "a", "mapping"], "expected a mapping"),
    ],
)
def test_editor_file_problems_are_reported(data: object, problem: str) -> None:
    _, problems = parse_editor_rules(data)
    assert any(problem in p for p in problems)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"keep": ["a line"]}, "'keep' must map seed file names to lists of lines"),
        ({"remove": {"s.txt": [1, 2]}}, "'remove' for 's.txt' must be a list of lines"),
        ({"keep": {}, "Keep": {}}, "unknown key 'Keep'"),
    ],
)
def test_a_problem_names_its_key(data: object, problem: str) -> None:
    assert parse_editor_rules(data)[1] == (problem,)


def test_a_bad_section_leaves_the_good_ones() -> None:
    rules, problems = parse_editor_rules(
        {"keep": {"a.txt": "oops", "b.txt": ["Жарнама"]}, "remove": {"*": ["re:(", "Реклама"]}}
    )
    assert len(problems) == 2
    assert rules.kept("b.txt", "Жарнама") and rules.removed("a.txt", "Реклама")


def test_a_long_bad_pattern_is_shortened_in_its_problem() -> None:
    (problem,) = parse_editor_rules({"remove": {"*": ["re:(" + "a" * 200]}})[1]
    assert problem.startswith('bad regular expression "re:(' + "a" * 73 + '..." (RE2 syntax): ')


def test_missing_editor_file_means_no_rules(tmp_path: Path) -> None:
    assert load_editor_rules(tmp_path / "boilerplate.yml")[1] == ()


def test_an_empty_editor_file_means_no_rules(tmp_path: Path) -> None:
    (tmp_path / EDITOR_FILE).write_text("", encoding="utf-8")
    assert load_editor_rules(tmp_path / EDITOR_FILE) == (EditorRules(), ())


@pytest.mark.parametrize("raw", [b"keep: [unclosed\n", b"keep:\n  s.txt:\n    - \xff\xfe line\n"])
def test_an_unreadable_editor_file_is_one_problem(tmp_path: Path, raw: bytes) -> None:
    (tmp_path / EDITOR_FILE).write_bytes(raw)
    rules, problems = load_editor_rules(tmp_path / EDITOR_FILE)
    assert rules == EditorRules()
    assert len(problems) == 1 and problems[0].startswith("cannot read: ")


def test_editor_file_naming_a_missing_seed_is_reported() -> None:
    rules, _ = parse_editor_rules(
        {"keep": {"nope.txt": ["x"], "*": ["y"]}, "remove": {"s.txt": []}}
    )
    assert rules.unknown(["s.txt"]) == ["nope.txt"]
