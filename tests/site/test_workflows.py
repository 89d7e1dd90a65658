"""The GitHub workflows run what the review and the deployment need, in that order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

from generator.incremental.cache import DEFAULT_PATH


def _steps(name: str) -> list[dict[str, Any]]:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _commands(steps: list[dict[str, Any]]) -> list[str]:
    return [str(step.get("run") or step.get("uses")) for step in steps]


def test_pull_requests_test_check_build_link_check_and_upload() -> None:
    commands = _commands(_steps("pull-request.yml"))
    wanted = [
        "bash scripts/test.sh",
        "-m generator check --base",
        "bash scripts/build.sh --strict",
        "scripts/check_links.py site",
        "actions/upload-artifact",
    ]
    positions = [next(i for i, c in enumerate(commands) if w in c) for w in wanted]
    assert positions == sorted(positions)


def test_main_is_published_to_pages() -> None:
    commands = _commands(_steps("deploy.yml"))
    assert any("scripts/build.sh --strict" in c for c in commands)
    assert any("actions/deploy-pages" in c for c in commands)


@pytest.mark.parametrize("name", ["pull-request.yml", "deploy.yml"])
def test_builds_start_from_the_newest_generator_cache(name: str) -> None:
    steps = _steps(name)
    commands = _commands(steps)
    cache = next(s for s in steps if str(s.get("uses", "")).startswith("actions/cache@"))
    assert cache["with"]["path"] == DEFAULT_PATH.parent.as_posix()
    # A saved cache is never replaced: a fixed key would keep the first run's for ever.
    assert "${{ github.run_id }}" in cache["with"]["key"]
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"])
    build = next(i for i, c in enumerate(commands) if "scripts/build.sh" in c)
    assert commands.index(cache["uses"]) < build


class _AnyTags(yaml.SafeLoader):
    """mkdocs.yml may hold `!!python/name:` tags (Material extensions): read them as None."""


_AnyTags.add_multi_constructor("", lambda loader, suffix, node: None)


def test_mkdocs_regenerates_from_seeds() -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.load(text, Loader=_AnyTags)
    assert "hooks/generate.py" in config["hooks"]
    assert "seeds" in config["watch"]
    assert Path(ROOT / "hooks" / "generate.py").is_file()


def test_pull_requests_build_and_check_with_zensical_too() -> None:
    workflow = yaml.safe_load(
        (ROOT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    )
    commands = _commands(workflow["jobs"]["zensical"]["steps"])
    wanted = [
        '".[dev,zensical]"',
        "-m generator build",
        "zensical build --strict",
        "scripts/search_index.py site",
        "scripts/check_links.py site",
        "scripts/check_pages.py site site_src",
    ]
    positions = [next(i for i, c in enumerate(commands) if w in c) for w in wanted]
    assert positions == sorted(positions)


def test_every_build_is_followed_by_the_search_step() -> None:
    build = (ROOT / "scripts" / "build.sh").read_text(encoding="utf-8")
    assert build.index("mkdocs build") < build.index("scripts/search_index.py site")
    review = _commands(_steps("pull-request.yml"))
    assert any("scripts/check_pages.py site site_src" in c for c in review)
