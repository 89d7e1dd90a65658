"""An editor's word on boilerplate: `seeds/boilerplate.yml`.

```yaml
keep:                       # lines the cleaner took out that are article text
  003_6bde35b42e76ada8.txt:
    - "Chine et Kazakhstan.Photo:VCG"
remove:                     # lines the cleaner kept that are boilerplate
  "*":                      # every seed
    - "re:Lire la suite.*"  # "re:" = a regular expression (RE2) for the whole line, any case
  000_c3a19952f2159eca.txt:
    - "Le texte intégral de la déclaration est accessible ici."
```
A plain entry is the exact line (any run of spaces, no-break ones too, counts as one space).
`keep` wins over everything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.analysis.patterns import LinePattern, PatternError, exact_line, line_regex
from generator.safe_yaml import EDITOR_YML, LimitError, YamlProblem, read_yaml

EDITOR_FILE = "boilerplate.yml"
EVERY_SEED = "*"
_REGEX = "re:"


@dataclass(frozen=True)
class EditorRules:
    keep: dict[str, frozenset[str]] = field(default_factory=dict)
    remove: dict[str, tuple[LinePattern, ...]] = field(default_factory=dict)

    def kept(self, seed: str, line: str) -> bool:
        line = _spaces(line)
        return line in self.keep.get(seed, ()) or line in self.keep.get(EVERY_SEED, ())

    def removed(self, seed: str, line: str) -> bool:
        patterns = self.remove.get(seed, ()) + self.remove.get(EVERY_SEED, ())
        return any(p.fullmatch(_spaces(line)) for p in patterns)

    def for_seed(self, seed: str) -> EditorRules:
        """Only the rules that can apply to `seed`: what its cached cleaning depends on."""
        names = (seed, EVERY_SEED)
        return EditorRules(
            keep={n: self.keep[n] for n in names if n in self.keep},
            remove={n: self.remove[n] for n in names if n in self.remove},
        )

    def unknown(self, seeds: Iterable[str]) -> list[str]:
        """Seed names the file mentions that are not seeds (a typo would do nothing)."""
        named = (set(self.keep) | set(self.remove)) - {EVERY_SEED}
        return sorted(named - set(seeds))


def _spaces(line: str) -> str:
    """Web text is full of no-break spaces an editor cannot see: any run of spaces is one."""
    return " ".join(line.split())


def load_editor_rules(path: Path) -> tuple[EditorRules, tuple[str, ...]]:
    """The rules in `path` (none when it does not exist) and every problem found in it."""
    if not path.is_file():
        return EditorRules(), ()
    try:
        data = read_yaml(path, EDITOR_YML) or {}
    except LimitError as exc:
        return EditorRules(), (str(exc),)
    except (OSError, UnicodeDecodeError, YamlProblem) as exc:
        return EditorRules(), (f"cannot read: {exc}",)
    return parse_editor_rules(data)


def parse_editor_rules(data: object) -> tuple[EditorRules, tuple[str, ...]]:
    """Rules from the parsed YAML, and every problem found (each names its key)."""
    errors: list[str] = []
    if not isinstance(data, dict):
        return EditorRules(), ("expected a mapping with 'keep' and/or 'remove'",)
    errors += [f"unknown key {k!r}" for k in data if k not in ("keep", "remove")]
    keep = {seed: frozenset(lines) for seed, lines in _per_seed(data, "keep", errors).items()}
    remove = {
        seed: tuple(p for p in (_pattern(e, errors) for e in entries) if p is not None)
        for seed, entries in _per_seed(data, "remove", errors).items()
    }
    return EditorRules(keep=keep, remove=remove), tuple(errors)


def _per_seed(data: dict[object, object], key: str, errors: list[str]) -> dict[str, list[str]]:
    section = data.get(key) or {}
    if not isinstance(section, dict):
        errors.append(f"'{key}' must map seed file names to lists of lines")
        return {}
    result: dict[str, list[str]] = {}
    for seed, lines in section.items():
        if not isinstance(lines, list) or not all(isinstance(x, str) for x in lines):
            errors.append(f"'{key}' for {seed!r} must be a list of lines")
            continue
        result[str(seed)] = [_spaces(x) for x in lines]
    return result


def _pattern(entry: str, errors: list[str]) -> LinePattern | None:
    if not entry.startswith(_REGEX):
        return exact_line(entry)
    try:  # RE2: linear in the line's length, so no pattern can hang the build
        return line_regex(entry.removeprefix(_REGEX).strip())
    except PatternError as exc:
        shown = entry if len(entry) <= 80 else entry[:77] + "..."
        errors.append(f'bad regular expression "{shown}" (RE2 syntax): {exc}')
        return None
