"""Shared fixtures: the project's seeds built into a site once per test session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config as load_mkdocs_config
from site_builder import build_grouped

from generator.analysis.analyse import analyse
from generator.build import build
from generator.config import Config
from generator.reading.files import read_seed
from generator.records import Article, BuildReport, SeedText, Story
from generator.rendering.files import plan_pages, render_files
from generator.rendering.home import HOME_PAGE
from generator.writing.site import write_files
from generator.writing.transaction import TRASH

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# The evaluation corpora sit beside the checkout; $SHARED_EVAL points elsewhere (worktrees).
SHARED_EVAL = Path(os.environ.get("SHARED_EVAL") or ROOT.parent / "shared" / "eval")
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def outside_trash(folder: Path) -> list[Path]:
    """Every path under `folder`, sorted, but the output folder's trash: the old versions of
    the files a build replaced or removed, which the next build deletes."""
    return [p for p in sorted(folder.rglob("*")) if TRASH not in p.relative_to(folder).parts]


@dataclass(frozen=True)
class BuiltSite:
    docs: Path  # the generated docs folder (MkDocs docs_dir)
    site: Path  # the HTML site MkDocs built from it
    report: BuildReport


def generate(seeds: Path, docs: Path, *, hand_written: bool = True) -> BuildReport:
    """Run the generator into `docs`, with the project's hand-written pages beside the output."""
    if hand_written:
        copy_hand_written(docs)
    return build(Config(seeds=seeds, out=docs, strict=False))


def copy_hand_written(docs: Path) -> None:
    """The committed pages of site_src/ (its top-level Markdown) and assets/, nothing generated
    (the home page, index.md, is: a build of the project leaves it there)."""
    source = ROOT / "site_src"
    docs.mkdir(parents=True, exist_ok=True)
    for page in source.glob("*.md"):
        if page.name != HOME_PAGE:
            shutil.copy2(page, docs / page.name)
    shutil.copytree(source / "assets", docs / "assets", dirs_exist_ok=True)


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


def publish(stories: Sequence[Story], docs: Path) -> None:
    """What `build` writes once stories are grouped: pages, parallel pages and the manifest."""
    copy_hand_written(docs)
    write_files(docs, render_files(stories, plan_pages(stories)))


def read_articles(folder: Path, names: Sequence[str]) -> tuple[Article, ...]:
    """Seeds of `folder` through the build's own read and analyse stages."""
    articles = []
    for name in names:
        seed = read_seed(folder / name, folder)
        assert isinstance(seed, SeedText), seed
        articles.append(analyse(seed))
    return tuple(articles)


@pytest.fixture(scope="session")
def parallel_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """Seeds 000 (fr) and 001 (en) grouped as one story, as the grouping stage will, plus the
    fixture story in English, French and Arabic, and the Arabic seed 004 on its own."""
    base = tmp_path_factory.mktemp("parallel-site")
    seeds = read_articles(SEEDS, ["000_c3a19952f2159eca.txt", "001_38ad4a385a39e8e7.txt"])
    alone = read_articles(SEEDS, ["004_7f709111a102fe8d.txt"])
    railway = read_articles(FIXTURES / "parallel", ["en.txt", "fr.txt", "ar.txt"])
    stories = (
        Story(id="kazakh-foreign-minister", articles=(seeds[1], seeds[0])),
        Story(id="railway", articles=railway),
        Story(id="arabic-alone", articles=alone),
    )
    publish(stories, base / "docs")
    mkdocs(base / "docs", base / "site")
    return BuiltSite(base / "docs", base / "site", BuildReport())
