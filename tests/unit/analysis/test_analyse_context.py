"""What cleaning one seed needs to know about all of them: the lines repeated across seeds
and the editors' rules, with every problem in the rules file reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.analysis.analyse import clean_context
from generator.analysis.clean import line_hash, normalise, seed_lines
from generator.analysis.editor_rules import EDITOR_FILE
from generator.records import SeedError, SeedText

# A site's footer, and one article's text, per language.
SITES = {
    "en": ("Steppe Post is an independent newsroom based in Almaty", "Rail link to Aktau opens."),
    "fr": ("EU Reporter publie des articles de diverses sources", "Le sommet a duré deux jours."),
    "ru": ("Мнение автора может не совпадать с мнением редакции", "Министры встретились в Астане."),
    "kk": ("Сайт материалдарын пайдаланғанда сілтеме міндетті", "Министрлер Астанада кездесті."),
    "ar": ("جميع الحقوق محفوظة لموقع الأخبار", "التقى الوزراء في أستانا يوم الاثنين."),
}


def seed(name: str, text: str) -> SeedText:
    return SeedText(name=name, text=text, encoding="utf-8", sha256=name)


@pytest.mark.parametrize("lang", sorted(SITES))
def test_a_line_in_several_seeds_is_repeated(tmp_path: Path, lang: str) -> None:
    footer, body = SITES[lang]
    seeds = [seed(f"{i}.txt", f"{body} {i}\n{footer}") for i in range(3)]
    prepared = clean_context(tmp_path, seeds)
    assert prepared.context.repeated == {line_hash(normalise(footer))}
    assert prepared.lines == tuple(seed_lines(s) for s in seeds)  # each seed's, in order
    assert (prepared.errors, prepared.warnings) == ((), ())


def test_a_line_in_one_seed_only_is_not_repeated(tmp_path: Path) -> None:
    seeds = [seed("a.txt", SITES["en"][0]), seed("b.txt", SITES["fr"][0])]
    assert clean_context(tmp_path, seeds).context.repeated == frozenset()


def test_the_editors_rules_are_read_from_the_seeds_folder(tmp_path: Path) -> None:
    (tmp_path / EDITOR_FILE).write_text("keep:\n  a.txt:\n    - Жарнама\n", encoding="utf-8")
    prepared = clean_context(tmp_path, [seed("a.txt", "Жарнама")])
    assert prepared.context.editor.kept("a.txt", "Жарнама")


def test_a_bad_rules_file_is_an_error_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / EDITOR_FILE).write_text("remove:\n  '*':\n    - 're:(unclosed'\n", "utf-8")
    (error,) = clean_context(tmp_path, [seed("a.txt", "text")]).errors
    assert isinstance(error, SeedError)
    assert error.name == EDITOR_FILE and "bad regular expression" in error.reason


def test_rules_for_a_seed_that_does_not_exist_are_a_warning(tmp_path: Path) -> None:
    (tmp_path / EDITOR_FILE).write_text("keep:\n  gone.txt:\n    - x\n", encoding="utf-8")
    prepared = clean_context(tmp_path, [seed("a.txt", "text")])
    assert prepared.warnings == (f"{EDITOR_FILE}: no seed named gone.txt",)
    assert prepared.errors == ()


def test_no_seeds_no_context(tmp_path: Path) -> None:
    prepared = clean_context(tmp_path, [])
    assert (prepared.context.repeated, prepared.lines) == (frozenset(), ())
