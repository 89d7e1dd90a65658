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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from generator.build import build
from generator.check.change import CheckResult, compare
from generator.check.report import format_check
from generator.config import Config, ConfigError, load_config
from generator.messages import one_line
from generator.safe_yaml import STORIES_YML, LimitError, YamlProblem, load_yaml

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
        data = load_yaml(text, STORIES_YML) or {}
    except LimitError as exc:
        raise CheckError(f"{STORY_FILE}: {exc}") from exc
    except YamlProblem as exc:
        raise CheckError(f"{STORY_FILE}: not valid YAML: {exc}") from exc
    entries = data.get("stories") if isinstance(data, dict) else None
    if not isinstance(entries, list | None) or not all(
        isinstance(e, dict) and isinstance(e.get("id"), str) for e in entries or []
    ):
        raise CheckError(f"{STORY_FILE}: expected `stories:` a list of {{id, seeds}}")
    return {e["id"]: tuple(str(s) for s in e.get("seeds") or ()) for e in entries or []}


@dataclass(frozen=True)
class Base:
    """What the seeds are compared with."""

    text: str | None  # the story file's text; None: there is none
    where: str  # for the report: `REF:path`, or the path on disk
    changed: frozenset[str] = frozenset()  # seeds changed since REF
    note: str = ""


def run_check(seeds: Path, base: str | None = None) -> CheckResult:
    """Build the seeds in a scratch folder and compare the stories with the committed file."""
    if not seeds.is_dir():
        raise CheckError(f"{seeds}: not a folder")
    against = committed_base(seeds, base)
    committed = read_committed_stories(against.text)
    with tempfile.TemporaryDirectory(prefix="generator-check-") as scratch:
        # A copy, so a build that records its story decisions cannot rewrite the real file.
        copy = Path(scratch) / "seeds"
        shutil.copytree(seeds, copy)
        report = build(Config(seeds=copy, out=Path(scratch) / "docs", strict=False))
        evidence = _evidence(Path(scratch) / "docs" / "archive.json")
    failed = frozenset(e.name for e in report.errors)
    change = compare(committed, report.pages, against.changed, evidence, failed)
    return CheckResult(report, change, against.where, against.text is not None, against.note)


def committed_base(seeds: Path, base: str | None) -> Base:
    """The story file as committed at `base`, or at HEAD without one: not the file on disk,
    which the last build rewrote with the new seeds in it (they would not look new).

    Outside a git repository (or without git) there is no commit to compare with: the file
    on disk is then the only record of the editors' decisions, and is used, with a note. In
    a repository whose HEAD has no story file (or no commit yet), nothing is committed:
    every seed is new, as the change will add them all."""
    if base is not None and (base.startswith("-") or not base.strip()):
        raise CheckError(f"--base {base!r}: not a git revision")  # nor one of git's options
    ref, path = base or "HEAD", seeds / STORY_FILE
    outside = _outside_git(seeds)
    if outside is not None and base is not None:
        raise CheckError(f"--base {base}: {outside}")
    if outside is not None:
        note = (
            f"{outside}, so no commit to compare with: compared with the story file on disk,"
            " where a build since the change may already have recorded its new seeds"
        )
        return Base(_read_on_disk(path), str(path), note=note)
    where = f"{ref}:{path}"
    if _git(seeds, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", ok=(1,)) is None:
        if base is not None:
            raise CheckError(f"git: unknown revision {base!r}")
        return Base(None, where, note="nothing committed yet: every seed is new")
    listed = _git(seeds, "ls-tree", "-z", "--name-only", ref, "--", STORY_FILE)
    text = _git(seeds, "show", f"{ref}:./{STORY_FILE}") if listed else None
    try:
        (text or "").encode("utf-8")  # git's bytes that were not UTF-8 are surrogates now
    except UnicodeEncodeError as exc:
        raise CheckError(f"{where}: not UTF-8 text") from exc
    return Base(text, where, _changed_since(seeds, ref))


def _outside_git(folder: Path) -> str | None:
    """None when `folder` is in a git work tree, else why it is not (git's own words)."""
    try:
        run = subprocess.run(
            ["git", "rev-parse", "--is-inside-work-tree"],
            cwd=folder,
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        return f"git cannot run ({exc.strerror})"
    if run.returncode == 0 and run.stdout.strip() == b"true":
        return None
    said = run.stderr.decode("utf-8", "replace").strip().splitlines()
    return "not in a git work tree" + (f" (git: {said[0]})" if said else "")


def _read_on_disk(path: Path) -> str | None:
    if not path.is_file():
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CheckError(f"{path}: cannot read: {exc}") from exc


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


def _git(folder: Path, *args: str, ok: tuple[int, ...] = ()) -> str | None:
    """git's output; None when it exits with a status in `ok` (an answer, not a failure)."""
    try:
        run = subprocess.run(["git", *args], cwd=folder, capture_output=True, check=False)
    except OSError as exc:
        raise CheckError(f"git {' '.join(args)}: cannot run: {exc.strerror}") from exc
    if run.returncode in ok:
        return None
    if run.returncode != 0:
        said = run.stderr.decode("utf-8", "replace").strip()
        raise CheckError(f"git {' '.join(args)}: {said}")
    # Undecodable bytes kept as surrogates: file names then match the names of os.listdir.
    return run.stdout.decode("utf-8", "surrogateescape")


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
            click.echo(f"error: {one_line(problem)}", err=True)
        sys.exit(2)
    except CheckError as exc:
        click.echo(f"error: {one_line(str(exc))}", err=True)
        sys.exit(2)
    click.echo(format_check(result), nl=False)
    if result.report.errors:
        sys.exit(1)
