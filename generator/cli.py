"""The command line: `python -m generator build|...`. Thin: parse, call, report."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from .build import build as run_build
from .config import ConfigError, load_config


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
    try:
        config = load_config(settings, config_file)
    except ConfigError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        sys.exit(2)
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
