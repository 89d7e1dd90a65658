"""The command line: `python -m generator build|...`. Thin: parse, call, report."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from .build import analyse
from .build import build as run_build
from .cache import Cache
from .config import Config, ConfigError, load_config
from .group import group_stories
from .read import read_seeds
from .records import SeedText
from .stories_file import StoryFileError, load_story_file
from .stories_report import format_grouping


@click.group()
@click.option("--verbose", "-v", is_flag=True, help="Log every step.")
def main(verbose: bool) -> None:
    """Turn a folder of raw news articles into a multilingual MkDocs site."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, format="%(message)s")


@main.command()
@click.option("--seeds", type=click.Path(path_type=Path), help="Folder of seed files [seeds].")
@click.option("--out", type=click.Path(path_type=Path), help="MkDocs docs folder [site_src].")
@click.option("--strict/--no-strict", default=None, help="Exit 1 if any seed fails.")
@click.option(
    "--config", "config_file", type=click.Path(path_type=Path), help="Config file [generator.yml]."
)
def build(
    seeds: Path | None, out: Path | None, strict: bool | None, config_file: Path | None
) -> None:
    """Build the pages and archive.json from the seeds."""
    config = _config({"seeds": seeds, "out": out, "strict": strict}, config_file)
    report = run_build(config)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    click.echo(
        f"{len(report.pages)} pages written to {config.out}, {len(report.errors)} seeds failed"
    )
    if report.errors and config.strict:
        sys.exit(1)


@main.command()
@click.option("--seeds", type=click.Path(path_type=Path), help="Folder of seed files [seeds].")
@click.option(
    "--config", "config_file", type=click.Path(path_type=Path), help="Config file [generator.yml]."
)
def stories(seeds: Path | None, config_file: Path | None) -> None:
    """Print every grouping decision with its evidence (writes nothing)."""
    config = _config({"seeds": seeds}, config_file)
    try:
        recorded = load_story_file(config.stories_file)
    except StoryFileError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    articles = []
    for item in read_seeds(config.seeds):
        if isinstance(item, SeedText):
            articles.append(analyse(item))
        else:
            click.echo(f"error: {item}", err=True)
    grouping = group_stories(articles, recorded, cache=Cache(config.cache))
    click.echo(format_grouping(grouping), nl=False)


def _config(cli: dict[str, object], config_file: Path | None) -> Config:
    try:
        return load_config(cli, config_file)
    except ConfigError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        sys.exit(2)
