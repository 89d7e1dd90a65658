"""The command line: `python -m generator build|...`. Thin: parse, call, report."""

from __future__ import annotations

import gc
import json
import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path

import click

from generator.build import build as run_build
from generator.build import decide
from generator.check.command import check_command
from generator.config import CONFIG_FILE, Config, ConfigError, load_config
from generator.grouping.report import format_grouping
from generator.incremental.cache import DEFAULT_PATH as DEFAULT_CACHE
from generator.incremental.cache import Cache
from generator.incremental.embeddings import CachedEncoder
from generator.incremental.session import GC_THRESHOLD, session
from generator.messages import one_line
from generator.progress import Steps
from generator.records import BuildReport
from generator.rendering.align import align_sentences, read_units
from generator.text.embed import default_encoder
from generator.writing.stamp import project_of, record_build


def run() -> None:
    """The program: `python -m generator`, the `generator` script.

    It leaves without Python's teardown, which frees every record of the archive one by one
    (a twentieth of a rebuild's time): by then the cache is closed, the files are written
    and the pools are shut down; the output streams and the log are flushed here.

    The cycle collector runs seldom for the whole process, not only during the build
    (`session`): once a build's session ended, the first collection with Python's thresholds
    traversed every record the build had read back."""
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    try:
        main(prog_name="generator")
        code = 0
    except SystemExit as done:
        code = _exit_status(done.code)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _exit_status(code: object) -> int:
    """What `sys.exit(code)` would leave with; a message is printed, as it would print it."""
    if code is None or isinstance(code, int):
        return code or 0
    print(code, file=sys.stderr)
    return 1


@click.group()
@click.option("--verbose", "-v", is_flag=True, help="Log every step.")
def main(verbose: bool) -> None:
    """Turn a folder of raw news articles into a multilingual MkDocs site."""
    handler = logging.StreamHandler()
    handler.setFormatter(OneLineFormatter("%(message)s"))
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, handlers=[handler])


class OneLineFormatter(logging.Formatter):
    """Each logged message on one line, as warnings are printed: it may name a file."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        return one_line(super().formatMessage(record))


@main.command()
@click.option("--seeds", type=click.Path(path_type=Path), help="Folder of seed files [seeds].")
@click.option("--out", type=click.Path(path_type=Path), help="MkDocs docs folder [site_src].")
@click.option("--strict/--no-strict", default=None, help="Exit 1 if any seed fails.")
@click.option(
    "--cache", type=click.Path(path_type=Path), help="Cache file [.cache/generator.sqlite]."
)
@click.option("--no-cache", is_flag=True, help="Build without reading or writing the cache.")
@click.option(
    "--config", "config_file", type=click.Path(path_type=Path), help="Config file [generator.yml]."
)
def build(
    seeds: Path | None,
    out: Path | None,
    strict: bool | None,
    cache: Path | None,
    no_cache: bool,
    config_file: Path | None,
) -> None:
    """Build the pages and archive.json from the seeds."""
    settings = {"seeds": seeds, "out": out, "strict": strict, "cache": False if no_cache else cache}
    config = _config(settings, config_file)
    report = run_build(config)
    for warning in report.warnings:
        click.echo(f"warning: {one_line(warning)}", err=True)
    for error in report.errors:
        click.echo(f"error: {one_line(str(error))}", err=True)
    _stamp_for_mkdocs(config, config_file, report)
    done = "pages written to" if report.changed else "pages up to date (nothing changed) in"
    click.echo(f"{len(report.pages)} {done} {config.out}, {len(report.errors)} seeds failed")
    if report.errors and config.strict:
        sys.exit(1)


def _stamp_for_mkdocs(config: Config, config_file: Path | None, report: BuildReport) -> None:
    """A build of the project's own seeds into its docs folder, with its settings, is the
    one its MkDocs hook would make: say so in the hook's stamp, so that `mkdocs build`
    next (scripts/build.sh) neither builds again nor prints these warnings a second time."""
    project = project_of(config.seeds, config.out, Path.cwd())
    if project is None or (config_file or Path(CONFIG_FILE)).resolve() != project / CONFIG_FILE:
        return
    clean, inputs = not report.errors, (config.stories_file, config.home)
    if problem := record_build(project, config.seeds, config.out, inputs, clean):
        logging.getLogger(__name__).info("cannot record the build for mkdocs: %s", problem)


main.add_command(check_command)


@main.command()
@click.argument("a", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("b", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--sentences", is_flag=True, help="Each line is one sentence (else lines are paragraphs)."
)
@click.option(
    "--cache", type=click.Path(path_type=Path), default=DEFAULT_CACHE, help="Embedding cache."
)
def align(a: Path, b: Path, sentences: bool, cache: Path) -> None:
    """Align two texts sentence by sentence; print one JSON object a line: {"a": [..], "b": [..]}.

    With --sentences, the numbers are 0-based line numbers. Without it, each line is a
    paragraph, split into sentences; the numbers count those and their text is printed too.
    """
    side_a, side_b = (read_units(path, sentences) for path in (a, b))
    encoder = CachedEncoder(default_encoder(), Cache(cache))
    for bead in align_sentences(side_a, side_b, encoder):
        row: dict[str, object] = dict(bead.to_json())
        if not sentences:
            row |= {"a_text": [side_a[i] for i in bead.a], "b_text": [side_b[j] for j in bead.b]}
        click.echo(json.dumps(row, ensure_ascii=False))


@main.command()
@click.option("--seeds", type=click.Path(path_type=Path), help="Folder of seed files [seeds].")
@click.option(
    "--config", "config_file", type=click.Path(path_type=Path), help="Config file [generator.yml]."
)
def stories(seeds: Path | None, config_file: Path | None) -> None:
    """Print every grouping decision with its evidence (writes nothing but the cache).

    The seeds go through the build's own stages (`build.decide`): read, cleaned with the
    editors' rules and the repeated lines, duplicates set apart, grouped."""
    config = _config({"seeds": seeds}, config_file)
    with session(config.cache) as memo:
        found = decide(config, memo, Steps(quiet=True))  # the report says what they would
    for problem in found.problems:
        click.echo(f"error: {one_line(problem)}", err=True)
    if found.recorded is None:
        sys.exit(2)
    for error in found.errors:
        click.echo(f"error: {one_line(str(error))}", err=True)
    click.echo(format_grouping(found.grouping), nl=False)


def _config(cli: Mapping[str, object], config_file: Path | None) -> Config:
    try:
        return load_config(cli, config_file)
    except ConfigError as exc:
        for problem in exc.problems:
            click.echo(f"error: {one_line(problem)}", err=True)
        sys.exit(2)
