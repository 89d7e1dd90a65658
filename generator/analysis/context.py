"""What cleaning one seed needs to know about all of them: the lines repeated across seeds
(a site's furniture) and the editors' rules (`seeds/boilerplate.yml`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.analysis.clean import CleanContext, LineSet, repeated_lines, seed_lines
from generator.analysis.editor_rules import EDITOR_FILE, load_editor_rules
from generator.incremental.memo import DIRECT, Memo
from generator.records import SeedError, SeedText


@dataclass(frozen=True)
class Prepared:
    context: CleanContext
    lines: tuple[LineSet, ...]  # each seed's
    errors: tuple[SeedError, ...]  # the editors' rules that cannot be used
    warnings: tuple[str, ...]


def clean_context(folder: Path, seeds: Sequence[SeedText], memo: Memo = DIRECT) -> Prepared:
    editor, problems = load_editor_rules(folder / EDITOR_FILE)
    lines = tuple(memo.many(seed_lines, [(seed,) for seed in seeds]))
    unknown = editor.unknown(s.name for s in seeds)
    return Prepared(
        context=CleanContext(repeated=repeated_lines(seeds, lines), editor=editor),
        lines=lines,
        errors=tuple(SeedError(EDITOR_FILE, problem) for problem in problems),
        warnings=tuple(f"{EDITOR_FILE}: no seed named {name}" for name in unknown),
    )
