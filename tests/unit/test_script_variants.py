"""One language in two scripts (issue 30): a Kazakh article in Cyrillic and the same article
in Latin letters are two versions of one story, each page tagged with its script."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.build import build
from generator.config import Config

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "kazakh"
OTHER = (
    "Футбол: Астана клубы чемпионатта жеңіске жетті\n\n"
    "Астана футбол клубы жексенбі күні Қарағанды командасын үш добы бір есебімен жеңді. "
    "Ойынға он мыңнан астам жанкүйер келді. Клубтың бапкері ойыншыларды мақтады.\n"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("variants")
    seeds = root / "seeds"
    seeds.mkdir()
    for name in ("article_cyrl.txt", "article_latn.txt"):
        shutil.copy(FIXTURES / name, seeds / name)
    (seeds / "football.txt").write_text(OTHER, encoding="utf-8")
    report = build(Config(seeds=seeds, out=root / "docs", strict=False))
    assert not report.errors
    return root / "docs"


def _manifest(docs: Path) -> dict[str, dict[str, object]]:
    found = json.loads((docs / "archive.json").read_text(encoding="utf-8"))
    return {a["seed"]: {**a, "story": s["id"]} for s in found["stories"] for a in s["articles"]}


def test_each_article_records_its_language_and_script(built: Path) -> None:
    articles = _manifest(built)
    assert (articles["article_cyrl.txt"]["lang"], articles["article_cyrl.txt"]["script"]) == (
        "kk",
        "Cyrl",
    )
    assert (articles["article_latn.txt"]["lang"], articles["article_latn.txt"]["script"]) == (
        "kk",
        "Latn",
    )


def test_the_two_scripts_of_one_article_are_one_story_and_another_article_is_not(
    built: Path,
) -> None:
    articles = _manifest(built)
    assert articles["article_cyrl.txt"]["story"] == articles["article_latn.txt"]["story"]
    assert articles["football.txt"]["story"] != articles["article_cyrl.txt"]["story"]


def test_the_latin_page_is_tagged_with_its_script_and_names_both_versions(built: Path) -> None:
    page = built / str(_manifest(built)["article_latn.txt"]["page"])
    assert page.parent.parent.name == "kk-latn"  # kk-latn/<slug>/index.md
    text = page.read_text(encoding="utf-8")
    assert "\nlang: kk-Latn\n" in text
    assert "name: Qazaqşa" in text and "name: Қазақша" in text
    assert (built / "kk-latn" / "index.md").is_file() and (built / "kk" / "index.md").is_file()
