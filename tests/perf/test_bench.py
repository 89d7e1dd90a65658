"""The benchmark: runs end to end on a tiny archive, keeps MkDocs' relative paths working,
makes the same archive from the same random seed, and computes the cost curve."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
TINY = Path(__file__).resolve().parents[1] / "fixtures" / "bench"

sys.path.insert(0, str(ROOT))  # benchmarks/ is a folder of scripts, not an installed package
from benchmarks import bench, report  # noqa: E402
from benchmarks.synth import load_corpora, new_article, synthetic_seeds  # noqa: E402


def test_the_benchmark_runs_end_to_end(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench", "--sizes", "12", "--eval", str(TINY),
         "--embed-sample", "2", "--workdir", str(tmp_path), "--results", str(tmp_path / "r"),
         "--repeat", "2"],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "gen +1 seed s" in done.stdout
    (saved,) = (tmp_path / "r").glob("*.json")
    result = json.loads(saved.read_text(encoding="utf-8"))["results"][0]
    assert result["n"] == 12
    for step in ("generator_cold", "generator_one_seed", "generator_no_change", "mkdocs"):
        assert result[step]["seconds"] > 0 and result[step]["peak_mb"] > 10
    assert "generator_no_change / mkdocs" in result["ratios"]
    # 12, + 1 per rebuild, + the new article
    assert result["embed"]["encoded"] < result["embed"]["seeds"] == 15
    new = result["generator_new_article"]  # its sentences are new to the encoder
    assert new["embedded"] > 0 and new["seconds"] > new["embedding_s"] > 0
    assert "generator_new_article / mkdocs" in result["ratios"]
    for step in ("generator_one_seed", "mkdocs"):  # the faster of two runs
        assert result[step]["seconds"] == min(result[f"{step}_runs"])
        assert len(result[f"{step}_runs"]) == 2
    assert result["generator_cold"]["embedded"] > 0 and result["generator_cold"]["embedding_s"] > 0
    apart = result["generator_cold_vectors_cached"]  # the same build, the encoder's work kept
    assert apart["embedded"] == 0
    assert any("(stage results: 0 from cache" in line for line in apart["log"])
    assert "hooks/i18n.py" in result["mkdocs_without"]  # each hook (no plugin is left)
    assert result["search_step"]["seconds"] > 0 and result["search_index_bytes"] > 0
    assert result["largest_page"]["bytes"] > 0 and result["largest_page"]["path"].endswith(".html")
    rewritten = result["one_seed_rewrote"]
    new_pages = [f for f in rewritten["files"] if f.endswith(".md")]
    assert "archive.json" in rewritten["files"] and new_pages
    assert rewritten["count"] < 12  # not every page: only the new one and the indexes
    assert not list(tmp_path.glob("bench-*/*")), "archives are removed unless --keep"


def test_the_median_run_decides() -> None:
    runs = [{"seconds": s} for s in (3.0, 1.0, 9.0)]
    assert bench.median_run(runs) == {"seconds": 3.0}
    assert bench.median_run(runs[:2]) == {"seconds": 1.0}
    assert bench.median_run(runs[2:]) == {"seconds": 9.0}
    with pytest.raises(SystemExit):
        bench.parse(["--repeat", "0"])


def test_a_temporary_config_keeps_hooks_and_theme_overrides(tmp_path: Path) -> None:
    project, docs = tmp_path / "project", tmp_path / "docs"
    (project / "hooks").mkdir(parents=True)
    (project / "overrides").mkdir()
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: T\ntheme:\n  name: material\n  custom_dir: overrides\n"
        "hooks:\n  - hooks/mark.py\nplugins:\n  - search\n",
        encoding="utf-8",
    )
    (project / "hooks" / "mark.py").write_text(
        "from pathlib import Path\n\n"
        "def on_post_build(config, **kwargs):\n"
        "    Path(config.site_dir, 'hooked.txt').write_text('yes')\n",
        encoding="utf-8",
    )
    (project / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}{% block content %}OVERRIDDEN {{ super() }}{% endblock %}',
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    bench.mkdocs(config, docs, tmp_path / "site")
    assert (tmp_path / "site" / "hooked.txt").exists()
    assert "OVERRIDDEN" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert (tmp_path / "site" / "search" / "search_index.json").exists()
    bench.mkdocs(config, docs, tmp_path / "bare", without="search")
    assert not (tmp_path / "bare" / "search" / "search_index.json").exists()
    assert (tmp_path / "bare" / "hooked.txt").exists()
    bench.mkdocs(config, docs, tmp_path / "unhooked", without="hooks/mark.py")
    assert not (tmp_path / "unhooked" / "hooked.txt").exists()
    assert (tmp_path / "unhooked" / "search" / "search_index.json").exists()
    assert sorted(p.name for p in project.iterdir()) == ["hooks", "mkdocs.yml", "overrides"]


def test_the_same_random_seed_makes_the_same_archive() -> None:
    sources = load_corpora(TINY)
    first = list(itertools.islice(synthetic_seeds(sources, 1), 15))
    assert first == list(itertools.islice(synthetic_seeds(sources, 1), 15))
    assert first != list(itertools.islice(synthetic_seeds(sources, 2), 15))
    assert len({text for _, text in first}) == len(first)  # no seed twice
    assert len({name for name, _ in first}) == len(first)


def test_the_new_article_shares_no_story_with_the_archive() -> None:
    sources = load_corpora(TINY)
    (name, text), rest = new_article(sources, 1)
    assert (name, text) == new_article(sources, 1)[0] and name.startswith("new_")
    held = [s for s in sources if s not in rest]
    assert 0 < len(held) <= len(sources) // 2
    assert any(part.texts[lang] in text for part in held for lang in part.texts)
    archive = "\n".join(t for _, t in itertools.islice(synthetic_seeds(rest, 1), 15))
    assert not any(part.texts[lang] in archive for part in held for lang in part.texts)


def test_every_story_of_the_corpus_is_loaded() -> None:
    sources = load_corpora(TINY)
    assert len(sources) == 6
    assert all(set(s.texts) == {"en", "fr", "ru"} for s in sources)


def fake(n: int, cold: float, plus: float, build: float, embed: float) -> dict[str, Any]:
    step = {"peak_mb": 100.0}
    return {
        "n": n,
        "generator_cold": {**step, "seconds": cold},
        "generator_one_seed": {**step, "seconds": plus},
        "mkdocs": {**step, "seconds": build},
        "embed": {"seconds": embed},
        "site_bytes": n * 1000,
        "bytes_per_article": 1000,
        "search_index_bytes": n * 10,
        "one_seed_rewrote": {"count": 3},
    }


def test_the_cost_curve_and_the_goals() -> None:
    results = [fake(500, 5, 1, 20, 3), fake(2000, 30, 2, 80, 12)]
    curve = report.growth(results)
    assert curve["2000"]["N"] == 4 and curve["2000"]["gen cold s"] == 6
    assert curve["2000"]["bytes/article"] == 1
    assert report.goals(results) == [
        "met    N=2000: gen +1 seed <= 5% of mkdocs",
        "met    N=2000: gen cold <= mkdocs + embed",
    ]
    assert report.goals([fake(2000, 100, 5, 80, 12)])[0].startswith("MISSED")
    timed = fake(2000, 100, 2, 80, 12)
    timed["generator_cold"]["embedding_s"] = 15.0  # the generator's own encoder time
    assert report.goals([timed])[2] == "MISSED N=2000: gen cold - its encoder time <= mkdocs"
    timed["generator_cold"]["embedding_s"] = 25.0
    assert report.goals([timed])[2] == "met    N=2000: gen cold - its encoder time <= mkdocs"
    timed["generator_cold_vectors_cached"] = {"seconds": 81.0}
    assert report.goals([timed])[3] == "MISSED N=2000: gen cold, encoder's vectors cached <= mkdocs"
    timed["generator_cold_vectors_cached"] = {"seconds": 79.0}
    assert report.goals([timed])[3] == "met    N=2000: gen cold, encoder's vectors cached <= mkdocs"


@pytest.mark.parametrize(
    ("entries", "names"),
    [
        ("plugins:\n  - search\n  - tags\n", ["search", "tags"]),
        ("plugins:\n  search: {lang: en}\n", ["search"]),
        ("", ["search"]),  # MkDocs' default
    ],
)
def test_plugins_are_listed_by_name(tmp_path: Path, entries: str, names: list[str]) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: T\nmarkdown_extensions:\n  - x: !!python/name:a.b\n" + entries)
    assert [bench.plugin_name(p) for p in bench.plugin_entries(config)] == names


@pytest.mark.parametrize(
    ("entries", "hooks"),
    [
        ("hooks:\n  - hooks/a.py\n  - b.py\n", ["hooks/a.py", "b.py"]),
        ("hooks: []\n", []),
        ("", []),
    ],
)
def test_hooks_are_listed_by_path(tmp_path: Path, entries: str, hooks: list[str]) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: T\nextra:\n  x: !ENV [A, 1]\n" + entries)
    assert bench.hook_entries(config) == hooks
