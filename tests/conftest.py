"""Shared fixtures: the project's seeds built into a site once per test session."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config as load_mkdocs_config
from site_builder import build_grouped

from generator.build import build
from generator.config import Config
from generator.records import BuildReport

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# The evaluation corpora sit beside the checkout; $SHARED_EVAL points elsewhere (worktrees).
SHARED_EVAL = Path(os.environ.get("SHARED_EVAL") or ROOT.parent / "shared" / "eval")
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass(frozen=True)
class BuiltSite:
    docs: Path  # the generated docs folder (MkDocs docs_dir)
    site: Path  # the HTML site MkDocs built from it
    report: BuildReport


def generate(seeds: Path, docs: Path, *, hand_written: bool = True) -> BuildReport:
    """Run the generator into `docs`, with the project's hand-written pages beside the output."""
    if hand_written:
        shutil.copytree(
            ROOT / "site_src",
            docs,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns(*_generated_patterns()),
        )
    return build(Config(seeds=seeds, out=docs, strict=False))


def _generated_patterns() -> list[str]:
    # Hand-written files and assets/ are copied; generated folders are rebuilt here.
    generated = [p.name for p in (ROOT / "site_src").iterdir() if p.is_dir()]
    return [name for name in generated if name != "assets"] + ["archive.json", ".*"]


SITE_URL = "https://archive.example/"  # absolute URLs for sitemap.xml and hreflang


def mkdocs(docs: Path, site: Path) -> None:
    """`mkdocs build --strict` of the project's mkdocs.yml on another docs folder."""
    config = load_mkdocs_config(
        str(ROOT / "mkdocs.yml"),
        docs_dir=str(docs),
        site_dir=str(site),
        strict=True,
        site_url=SITE_URL,
    )
    mkdocs_build(config)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    base = tmp_path_factory.mktemp("seed-site")
    report = generate(SEEDS, base / "docs")
    mkdocs(base / "docs", base / "site")
    return BuiltSite(base / "docs", base / "site", report)


# Seeds 000 (fr) and 001 (en) are one story. Until story grouping lands on this branch, the
# site tests that need translation links group them here, from the real seeds.
TRANSLATED = ("000_c3a19952f2159eca.txt", "001_38ad4a385a39e8e7.txt")


@pytest.fixture(scope="session")
def grouped_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    base = tmp_path_factory.mktemp("grouped-site")
    docs = base / "docs"
    generate(SEEDS, docs)  # the hand-written pages, and a build exactly as the CLI does it
    report = build_grouped(SEEDS, docs, [TRANSLATED])
    mkdocs(docs, base / "site")
    return BuiltSite(docs, base / "site", report)
