"""MkDocs hook: regenerate the pages from `seeds/` before every build.

With it `mkdocs serve` (which also watches `seeds/`, see `watch:` in mkdocs.yml) shows an
added or edited seed in the browser, and `mkdocs build` alone gives a complete site.
The generator runs only when the seeds, the generator's code or the generated files changed
since the last run (a fingerprint in `.cache/`), so a rebuild triggered by its own output
stops there. It writes only into a docs folder inside the project: a build of the project's
configuration into a scratch docs folder (as the tests do) is left alone.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import replace
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

import generator
from generator.build import build
from generator.config import CONFIG_FILE, Config, ConfigError, load_config
from generator.write import LEDGER, read_ledger

# Under "mkdocs." so that `mkdocs build --strict` fails on a seed error, as `--strict` does.
log = logging.getLogger("mkdocs.hooks.generate")
STAMP = Path(".cache") / "generate-hook.sha256"


def on_pre_build(config: MkDocsConfig) -> None:
    project = Path(config.config_file_path).resolve().parent
    docs, seeds = Path(config.docs_dir).resolve(), project / "seeds"
    if not docs.is_relative_to(project) or not seeds.is_dir():
        log.debug("generator: %s is not this project's docs folder; not regenerating", docs)
        return
    stamp = project / STAMP
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == fingerprint(seeds, docs):
        log.debug("generator: seeds unchanged, pages up to date")
        return
    report = build(_settings(project, seeds, docs))
    log.info("generator: %d pages from %s", len(report.pages), seeds)
    for warning in report.warnings:
        log.info("generator: %s", warning)
    for error in report.errors:
        log.warning("generator: seed %s", error)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    # A failed seed is reported again on the next build rather than hidden by the stamp.
    stamp.write_text("" if report.errors else fingerprint(seeds, docs), encoding="utf-8")


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
            log.warning("generator: %s", problem)
        config = Config(seeds=seeds, out=docs, strict=False)
    cache = config.cache
    if cache is not None and not cache.is_absolute():
        cache = project / cache  # relative to the project, wherever mkdocs was started
    stories = config.stories
    if stories is not None and not stories.is_absolute():
        stories = project / stories
    return replace(config, seeds=seeds, out=docs, strict=False, cache=cache, stories=stories)


def fingerprint(seeds: Path, docs: Path) -> str:
    """Hash of everything the pages depend on: seed files, generator code, generated files."""
    digest = hashlib.sha256()
    code = Path(generator.__file__).parent
    for root in (seeds, code):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".pyc"):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    owned = sorted(read_ledger(docs))
    digest.update((docs / LEDGER).read_bytes() if (docs / LEDGER).is_file() else b"")
    digest.update(bytes(int((docs / name).is_file()) for name in owned))
    return digest.hexdigest()
