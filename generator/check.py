"""`python -m generator check`: what a change to the seeds does to the archive, for review.

The seeds are built into a scratch folder (nothing in the project is written), and the
stories the build makes are compared with the committed story file: new stories, new
articles joined to an existing story, seeds moved between stories, seeds gone.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import yaml

from .build import build
from .check_report import format_check
from .config import Config, ConfigError, load_config
from .records import BuildReport, Page

STORY_FILE = "stories.yml"


class CheckError(Exception):
    """The comparison itself cannot be made (unreadable story file, unknown git ref)."""


def read_committed_stories(text: str | None) -> dict[str, tuple[str, ...]]:
    """Story id -> its seeds, from the text of `seeds/stories.yml` (None: no file yet).

    Kept to this one function so it can become `stories_file.load_story_file` when it lands.
    """
    if text is None:
        return {}
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise CheckError(f"{STORY_FILE}: not valid YAML: {exc}") from exc
    entries = data.get("stories") if isinstance(data, dict) else None
    if not isinstance(entries, list | None) or not all(
        isinstance(e, dict) and isinstance(e.get("id"), str) for e in entries or []
    ):
        raise CheckError(f"{STORY_FILE}: expected `stories:` a list of {{id, seeds}}")
    return {e["id"]: tuple(str(s) for s in e.get("seeds") or ()) for e in entries or []}


@dataclass(frozen=True)
class Change:
    """What the seeds do to the archive compared with the committed story file."""

    new_seeds: tuple[Page, ...]  # seeds absent from the story file, or changed since --base
    new_stories: tuple[tuple[str, tuple[str, ...]], ...]  # (story id, its seeds)
    joined: tuple[tuple[str, str, str], ...]  # (seed, existing story id, evidence)
    moved: tuple[tuple[str, str, str], ...]  # (seed, committed story id, story id now)
    gone: tuple[str, ...]  # seeds in the story file that are no longer in the folder


def compare(
    committed: Mapping[str, Sequence[str]],
    pages: Sequence[Page],
    changed: frozenset[str] = frozenset(),
    evidence: Mapping[str, str] | None = None,
    failed: frozenset[str] = frozenset(),
) -> Change:
    """`failed`: seeds in the folder that did not build (reported as errors, not as gone)."""
    evidence = evidence or {}
    story_of = {seed: story for story, seeds in committed.items() for seed in seeds}
    pages = sorted(pages, key=lambda p: p.article.name)
    new = tuple(p for p in pages if p.article.name not in story_of or p.article.name in changed)
    built: dict[str, list[str]] = {}
    for page in pages:
        built.setdefault(page.story_id, []).append(page.article.name)
    names = {p.article.name for p in pages} | failed
    return Change(
        new_seeds=new,
        new_stories=tuple((s, tuple(seeds)) for s, seeds in built.items() if s not in committed),
        joined=tuple(
            (p.article.name, p.story_id, evidence.get(p.article.name, ""))
            for p in new
            if p.story_id in committed
        ),
        moved=tuple(
            (p.article.name, story_of[p.article.name], p.story_id)
            for p in pages
            if p.article.name in story_of and story_of[p.article.name] != p.story_id
        ),
        gone=tuple(sorted(s for s in story_of if s not in names)),
    )


@dataclass(frozen=True)
class CheckResult:
    report: BuildReport
    change: Change
    story_file: str  # where the committed story decisions were read from
    story_file_found: bool


def run_check(seeds: Path, base: str | None = None) -> CheckResult:
    """Build the seeds in a scratch folder and compare the stories with the committed file."""
    if base is None:
        path = seeds / STORY_FILE
        committed_text = path.read_text(encoding="utf-8") if path.is_file() else None
        where, changed = str(path), frozenset[str]()
    else:
        committed_text = _git(seeds, "show", f"{base}:./{STORY_FILE}", missing_ok=True)
        where, changed = f"{base}:{seeds / STORY_FILE}", _changed_since(seeds, base)
    committed = read_committed_stories(committed_text)
    with tempfile.TemporaryDirectory(prefix="generator-check-") as scratch:
        # A copy, so a build that records its story decisions cannot rewrite the real file.
        copy = Path(scratch) / "seeds"
        shutil.copytree(seeds, copy)
        report = build(Config(seeds=copy, out=Path(scratch) / "docs", strict=False))
        evidence = _evidence(Path(scratch) / "docs" / "archive.json")
    failed = frozenset(e.name for e in report.errors)
    change = compare(committed, report.pages, changed, evidence, failed)
    return CheckResult(report, change, where, committed_text is not None)


def _evidence(manifest: Path) -> dict[str, str]:
    """Why grouping put each article in its story, where the manifest says (`evidence`)."""
    if not manifest.is_file():
        return {}
    data: Any = json.loads(manifest.read_text(encoding="utf-8"))
    found = {}
    for story in data.get("stories", []):
        for article in story.get("articles", []):
            why = article.get("evidence") or story.get("evidence")
            if why:
                found[article["seed"]] = why if isinstance(why, str) else json.dumps(why)
    return found


def _changed_since(seeds: Path, base: str) -> frozenset[str]:
    # -z: names unquoted, so a seed named in any script still matches.
    out = _git(
        seeds, "diff", "-z", "--name-only", "--relative", "--diff-filter=ACMR", base, "--", "."
    )
    return frozenset(name for name in (out or "").split("\0") if name.endswith(".txt"))


def _git(folder: Path, *args: str, missing_ok: bool = False) -> str | None:
    run = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        if missing_ok and ("does not exist" in run.stderr or "exists on disk" in run.stderr):
            return None
        raise CheckError(f"git {' '.join(args)}: {run.stderr.strip()}")
    return run.stdout


@click.command("check")
@click.option("--seeds", type=click.Path(path_type=Path), help="Folder of seed files [seeds].")
@click.option("--base", help="Git ref: compare with its story file; report seeds changed since.")
@click.option(
    "--config", "config_file", type=click.Path(path_type=Path), help="Config file [generator.yml]."
)
def check_command(seeds: Path | None, base: str | None, config_file: Path | None) -> None:
    """Print what the seeds change in the archive; exit 1 on any error (for pull requests)."""
    try:
        config = load_config({"seeds": seeds}, config_file)
        result = run_check(config.seeds, base)
    except ConfigError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        sys.exit(2)
    except CheckError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    click.echo(format_check(result), nl=False)
    if result.report.errors:
        sys.exit(1)
