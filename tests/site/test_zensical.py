"""Zensical (the `zensical` extra) builds the same docs as MkDocs, from the same mkdocs.yml:
every page's lang, dir, title, hreflang links and switcher as its front matter says
(scripts/check_pages.py, which the CI's zensical job runs), and the same search."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SITE_URL, BuiltSite
from searchable import index_folder, load_script

check_pages = load_script("check_pages")
ZENSICAL = shutil.which("zensical", path=str(Path(__file__).resolve().parents[2] / ".venv/bin"))


def zensical_project(docs: Path, folder: Path) -> Path:
    """A copy of `docs` and of the project's overrides with its mkdocs.yml (its site_url
    set), in `folder`: Zensical takes folders inside its configuration's folder only."""
    shutil.copytree(docs, folder / "site_src")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    (folder / "seeds").mkdir()  # mkdocs.yml watches it
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    lines = [
        f"site_url: {SITE_URL}" if line.startswith("site_url:") else line
        for line in text.splitlines()
    ]
    config = folder / "mkdocs.yml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def zensical_site(grouped_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if ZENSICAL is None:
        pytest.skip("Zensical is not installed (pip install -e '.[zensical]')")
    folder = tmp_path_factory.mktemp("zensical")
    config = zensical_project(grouped_site.docs, folder)
    site = folder / "site"
    done = subprocess.run(
        [ZENSICAL, "build", "--strict", "-f", str(config)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    index_folder(site)
    return site


def test_zensical_pages_show_what_their_front_matter_says(
    zensical_site: Path, grouped_site: BuiltSite
) -> None:
    assert check_pages.check_site(zensical_site, grouped_site.docs, SITE_URL) == []


def test_zensical_right_to_left_and_search(zensical_site: Path, grouped_site: BuiltSite) -> None:
    arabic = next(p for p in grouped_site.report.pages if p.article.lang.code == "ar")
    text = (zensical_site / arabic.url / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl"' in text and '<body dir="rtl"' in text
    assert 'class="site-search"' in text and "javascripts/bundle." not in text
    entry = (zensical_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8")
    assert '"ar"' in entry and '"kk"' in entry


def test_the_check_sees_a_page_without_its_language(zensical_site: Path) -> None:
    """The check is not vacuous: Zensical's own templates give every page lang="en"."""
    seen = check_pages.read_page('<html lang="en" class="no-js"><title>x</title>')
    meta = {"lang": "fr", "title": "x", "versions": [{"lang": "fr", "url": "fr/x/"}]}
    problems = check_pages.check_page(meta, "fr/x.md", seen, None)
    assert any("lang" in p for p in problems) and any("hreflang" in p for p in problems)
