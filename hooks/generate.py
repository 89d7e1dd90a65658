"""MkDocs hook: regenerate the pages from `seeds/` before every build.

With it `mkdocs serve` (which also watches `seeds/`, see `watch:` in mkdocs.yml) shows an
added or edited seed in the browser, and `mkdocs build` alone gives a complete site.
The generator runs only when the seeds, the settings, the generator's code or the generated
files changed since the last build, this hook's or `python -m generator build`'s (a stamp in
`.cache/`, generator/stamp.py), so a rebuild triggered by its own output stops there, and
`mkdocs build` after the command line (scripts/build.sh) does not print its warnings again.
It writes only into a docs folder inside the project: a build of the project's
configuration into a scratch docs folder (as the tests do) is left alone.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from generator.build import build
from generator.config import CONFIG_FILE, HOME_FILE, Config, ConfigError, load_config
from generator.messages import one_line
from generator.records import BuildReport
from generator.writing.stamp import (
    STAMP,
    fingerprint,
    project_settings,
    read_stamp,
    record_build,
)

# Under "mkdocs." so that `mkdocs build --strict` fails on a seed error, as `--strict` does.
log = logging.getLogger("mkdocs.hooks.generate")
__all__ = ["fingerprint", "on_pre_build"]


def on_pre_build(config: MkDocsConfig) -> None:
    project = Path(config.config_file_path).resolve().parent
    docs, seeds = Path(config.docs_dir).resolve(), project / "seeds"
    if not docs.is_relative_to(project) or not seeds.is_dir():
        log.debug("generator: %s is not this project's docs folder; not regenerating", docs)
        return
    settings = _settings(project, seeds, docs)
    inputs = (settings.stories_file, settings.home)
    files, stamp_file = project_settings(project, *inputs), project / STAMP
    # The stamp is the last build's, this hook's or `python -m generator build`'s: if
    # nothing changed since, that build printed the warnings, and made these very pages.
    stamp = read_stamp(stamp_file)
    told = stamp is not None and stamp.fingerprint == fingerprint(seeds, docs, files)
    if told and stamp is not None and stamp.clean:
        log.debug("generator: seeds unchanged, pages up to date")
        return
    # A failed seed is reported again by each build rather than hidden by the stamp.
    report = build(settings)
    _report(report, seeds, told)
    clean = not report.errors
    if problem := record_build(project, seeds, docs, inputs, clean):
        log.info("generator: cannot record the build (the next one runs again): %s", problem)


def _report(report: BuildReport, seeds: Path, told: bool) -> None:
    """Each warning once: `told`, the build that wrote the stamp printed them already."""
    log.info("generator: %d pages from %s", len(report.pages), seeds)
    if told and report.warnings:
        count = len(report.warnings)
        log.info("generator: %d warnings, printed by the last build (-v shows them)", count)
    for warning in report.warnings:
        log.log(logging.DEBUG if told else logging.INFO, "generator: %s", one_line(warning))
    for error in report.errors:
        log.warning("generator: seed %s", one_line(str(error)))


def _settings(project: Path, seeds: Path, docs: Path) -> Config:
    """The project's settings (generator.yml beside mkdocs.yml, else the defaults) for these
    folders: above all its cache, without which every regeneration would embed every seed."""
    file = project / CONFIG_FILE
    try:
        config = load_config(
            {"seeds": str(seeds), "out": str(docs)}, file if file.is_file() else None
        )
    except ConfigError as exc:
        for problem in exc.problems:
            log.warning("generator: %s", one_line(problem))
        config = Config(seeds=seeds, out=docs, strict=False)
    cache = config.cache
    if cache is not None and not cache.is_absolute():
        cache = project / cache  # relative to the project, wherever mkdocs was started
    stories = config.stories
    if stories is not None and not stories.is_absolute():
        stories = project / stories
    home = project / (config.home or HOME_FILE)  # as the others: relative to the project
    return replace(
        config, seeds=seeds, out=docs, strict=False, cache=cache, stories=stories, home=home
    )
