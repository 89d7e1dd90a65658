"""Bad input, end to end: every seed becomes a page or a one-line error; the build goes on."""

from __future__ import annotations

import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import generate, mkdocs

import generator.analysis.analyse as analyse_module
from generator.build import build
from generator.cli import main
from generator.config import Config
from generator.records import BuildReport, CleanText, SeedText

ENGLISH = (
    "Kazakh foreign minister addresses Belt and Road forum\n"
    "The minister said the country was ready to expand transport links with its neighbours.\n"
    "He met counterparts from twelve countries during the two-day meeting in Beijing.\n"
)
RUSSIAN = (
    "Министр иностранных дел выступил на форуме в Пекине\n"
    "Он заявил, что страна готова расширять транспортное сотрудничество с соседями.\n"
)
KAZAKH = (
    "Мемлекет басшысы БҰҰ Бас хатшысымен телефон арқылы сөйлесті\n"
    "Әңгімелесу барысында Қазақстан мен БҰҰ арасындағы ынтымақтастық талқыланды.\n"
)
ARABIC = (
    "وزير الخارجية يبحث التعاون في مجال الطاقة\n"
    "ناقش وزير الخارجية مع نظيره التعاون بين البلدين في مجال الطاقة والنقل.\n"
)
FRENCH = (
    "Le ministre des Affaires étrangères reçu à Astana\n"
    "Il a déclaré être très ému par l'accueil chaleureux réservé à la délégation française.\n"
)
BOILERPLATE = "Share this article\nSubscribe to our newsletter\nComments (3)\nSuivez-nous sur\n"


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


def _zip() -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", ENGLISH)
    return buffer.getvalue()


SEEDS: dict[str, bytes] = {
    "en.txt": ENGLISH.encode(),
    "en_copy.txt": ENGLISH.replace("\n", "\r\n").encode("utf-16"),  # same text: duplicate
    "ru-1251.txt": RUSSIAN.encode("cp1251"),
    "kk-1048.txt": KAZAKH.encode("kz1048"),
    "ar-1256.txt": ARABIC.encode("cp1256"),
    "fr-latin1.txt": FRENCH.encode("latin-1"),
    "ru-utf16.txt": RUSSIAN.replace("Пекине", "Астане").encode("utf-16"),
    "kk-bom.txt": KAZAKH.replace("телефон", "бейне").replace("\n", "\r").encode("utf-8-sig"),
    "ar-crlf.txt": ARABIC.replace("النقل", "الزراعة").replace("\n", "\r\n").encode(),
    "empty.txt": b"",
    "blank.txt": b" \n\t\r\n",
    "photo.txt": _png(),
    "archive.txt": _zip(),
    "word.txt": b"Astana",
    "boilerplate.txt": BOILERPLATE.encode(),
    "with space.txt": FRENCH.replace("Astana", "Almaty").encode(),
    "Қазақ тілі.txt": KAZAKH.replace("БҰҰ", "ЕО").encode(),
    ".hidden.txt": ENGLISH.replace("Beijing", "Tashkent").encode(),
}


@dataclass(frozen=True)
class Built:
    seeds: Path
    docs: Path
    report: BuildReport
    manifest: dict[str, list[dict[str, object]]]


def _write_bad_seeds(folder: Path) -> None:
    folder.mkdir()
    for name, raw in SEEDS.items():
        (folder / name).write_bytes(raw)
    (folder / "notes.md").write_text("editor notes", encoding="utf-8")
    (folder / "stories.yml").write_text("stories: []\n", encoding="utf-8")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB that costs no disk


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    base = tmp_path_factory.mktemp("bad-input")
    _write_bad_seeds(base / "seeds")
    report = generate(base / "seeds", base / "docs")
    manifest = json.loads((base / "docs/archive.json").read_text(encoding="utf-8"))
    return Built(base / "seeds", base / "docs", report, manifest)


def _articles(built: Built) -> list[dict[str, object]]:
    return [a for story in built.manifest["stories"] for a in story["articles"]]  # type: ignore[union-attr]


def test_every_seed_is_a_page_or_an_error_never_both(built: Built) -> None:
    published = {str(a["seed"]) for a in _articles(built)}
    failed = {e.name for e in built.report.errors}
    seeds = {p.name for p in built.seeds.iterdir() if p.name.endswith(".txt")}
    assert published | failed == seeds
    assert not published & failed


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty"),
        ("blank.txt", "empty"),
        ("photo.txt", "binary file: a PNG image"),
        ("archive.txt", "binary file: a ZIP archive"),
        ("passwd.txt", "outside the seeds folder; refused"),
        ("huge.txt", "too large"),
    ],
)
def test_bad_seeds_fail_with_a_one_line_reason(built: Built, name: str, reason: str) -> None:
    (error,) = [e for e in built.report.errors if e.name == name]
    assert reason in error.reason
    assert "\n" not in str(error)


@pytest.mark.parametrize(
    ("name", "encoding", "start"),
    [
        ("ru-1251.txt", "cp1251", "Министр"),
        ("kk-1048.txt", "kz1048", "Мемлекет басшысы"),
        ("ar-1256.txt", "cp1256", "وزير"),
        ("fr-latin1.txt", "cp1252", "Le ministre des Affaires étrangères"),
        ("ru-utf16.txt", "utf-16", "Министр"),
        ("kk-bom.txt", "utf-8-sig", "Мемлекет"),
        ("ar-crlf.txt", "utf-8", "وزير"),
        ("with space.txt", "utf-8", "Le ministre"),
        ("Қазақ тілі.txt", "utf-8", "Мемлекет"),
        (".hidden.txt", "utf-8", "Kazakh"),
        ("word.txt", "utf-8", "Astana"),
    ],
)
def test_other_encodings_become_pages_with_their_encoding(
    built: Built, name: str, encoding: str, start: str
) -> None:
    (article,) = [a for a in _articles(built) if a["seed"] == name]
    assert article["encoding"] == encoding
    assert str(article["title"]).startswith(start)
    page = (built.docs / str(article["page"])).read_text(encoding="utf-8")
    assert "\r" not in page and "\ufffd" not in page


def test_a_duplicate_is_published_once_and_listed_with_its_original(built: Built) -> None:
    entries = {str(a["seed"]): a for a in _articles(built)}
    original, copy = entries["en.txt"], entries["en_copy.txt"]
    assert copy["duplicate_of"] == "en.txt" and "duplicate_of" not in original
    assert (copy["url"], copy["page"]) == (original["url"], original["page"])
    assert copy["encoding"] == "utf-16"
    assert any("en_copy.txt: same text as en.txt" in w for w in built.report.warnings)
    assert len({a["page"] for a in _articles(built)}) == len(entries) - 1


def test_other_files_are_noted_and_editor_files_are_not(built: Built) -> None:
    notes = [w for w in built.report.warnings if "not a .txt file" in w]
    assert notes == ["notes.md: not a .txt file; ignored"]


def test_the_site_still_builds_strictly(built: Built, tmp_path: Path) -> None:
    mkdocs(built.docs, tmp_path / "site")
    for article in _articles(built):
        assert (tmp_path / "site" / str(article["url"]) / "index.html").is_file()


def test_an_all_boilerplate_seed_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What the clean stage returns for a seed that is nothing but boilerplate.
    real = analyse_module.clean_text

    def clean(seed: SeedText, *args: Any) -> CleanText:
        return CleanText(()) if seed.name == "boilerplate.txt" else real(seed, *args)

    monkeypatch.setattr(analyse_module, "clean_text", clean)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "boilerplate.txt").write_text(BOILERPLATE, encoding="utf-8")
    (seeds / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (seeds / "same.txt").write_text(BOILERPLATE, encoding="utf-8")
    report = build(Config(seeds=seeds, out=tmp_path / "docs", strict=False))
    assert [str(e) for e in report.errors] == [
        "boilerplate.txt: no article text: every line is boilerplate",
        "same.txt: same text as boilerplate.txt, which failed",
    ]
    assert [p.article.name for p in report.pages] == ["en.txt"]


@pytest.mark.parametrize(("strict", "code"), [(True, 1), (False, 0)])
def test_the_cli_prints_every_error_and_fails_only_when_strict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, strict: bool, code: int
) -> None:
    monkeypatch.chdir(tmp_path)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (seeds / "photo.txt").write_bytes(_png())
    (seeds / "empty.txt").write_bytes(b"")
    args = ["build", "--seeds", str(seeds), "--out", str(tmp_path / "docs")]
    result = CliRunner().invoke(main, [*args, "--strict" if strict else "--no-strict"])
    assert result.exit_code == code, result.output
    assert "error: empty.txt: empty" in result.output
    assert "error: photo.txt: binary file: a PNG image, not text" in result.output
    assert "1 pages written" in result.output
    assert os.path.isfile(tmp_path / "docs" / "archive.json")
