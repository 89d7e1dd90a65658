"""Property tests: decoding, cleaning, titles, slugs and escaping never crash and stay safe."""

from __future__ import annotations

import html
import re
import unicodedata

import markdown
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator.analysis.clean import clean_text
from generator.analysis.title import find_title
from generator.reading.duplicates import text_key
from generator.reading.files import decode_seed
from generator.records import SeedError, SeedText
from generator.rendering.pages import escape
from generator.text.slug import MAX_LENGTH, disambiguate, make_slug
from generator.writing.site import OutputError, safe_target

# Text as seeds hold it: any script, punctuation, markup characters and line breaks.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"))
    | st.sampled_from("<>&\"'{}%#*|[]()\n\r\t"),
    max_size=300,
)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.binary(max_size=2000))
def test_decoding_any_bytes_gives_text_or_a_one_line_error(raw: bytes) -> None:
    result = decode_seed("x.txt", raw)
    if isinstance(result, SeedError):
        assert "\n" not in str(result) and result.reason
    else:
        assert "\r" not in result.text and result.encoding
        assert any(c.isalnum() for c in result.text)


@FAST
@given(TEXT, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_unicode_encodings_round_trip(text: str, codec: str) -> None:
    result = decode_seed("x.txt", text.encode(codec))
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(result, SeedText):
        assert result.text == expected
    else:  # only text with no letters or digits, or full of control characters, is refused
        assert not any(c.isalnum() for c in expected) or "control" in result.reason


LETTERS = {
    "cp1251": "абвгдежзийклмнопрстуфхцчшщыьэюя",
    "kz1048": "абвгдежзийклмнопрстуфхцчшщыьэюяәғқңөұүһі",
    "cp1256": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "cp1252": "abcdefghijklmnopqrstuvwxyzéèàçêôùœ",
}


@st.composite
def legacy_text(draw: st.DrawFn) -> tuple[str, str]:
    """Sentences as an editor writes them: words of one alphabet, capital at the start."""
    codec = draw(st.sampled_from(sorted(LETTERS)))
    # Accented letters are a few per cent of a real French text, not half of it.
    letters = LETTERS[codec] if codec != "cp1252" else LETTERS[codec][:26] * 8 + LETTERS[codec]
    word = st.lists(st.sampled_from(letters), min_size=1, max_size=9).map("".join)
    sentences = draw(st.lists(st.lists(word, min_size=1, max_size=8), min_size=1, max_size=4))
    text = "\n".join(" ".join(words).capitalize() + "." for words in sentences)
    return text, codec


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@FAST
@given(legacy_text())
def test_legacy_decoding_is_right_or_refused_never_wrong(case: tuple[str, str]) -> None:
    text, codec = case
    raw = text.encode(codec)
    assume(not _is_utf8(raw))  # valid UTF-8 is read as UTF-8: "Ві." in KZ-1048 is "³."
    result = decode_seed("x.txt", raw)
    if isinstance(result, SeedText):
        assert result.text == text
    else:
        assert "can't be told" in result.reason or "no known encoding" in result.reason


@FAST
@given(TEXT)
def test_cleaning_and_titles_never_crash(text: str) -> None:
    seed = SeedText(name="x.txt", text=text.replace("\r", "\n"), encoding="utf-8", sha256="0" * 64)
    clean = clean_text(seed)
    assert all(p.strip() for p in clean.paragraphs)
    title = find_title(clean)
    assert title.paragraph is None or 0 <= title.paragraph < len(clean.paragraphs)
    assert "\n" not in title.text


@FAST
@given(TEXT)
def test_escaping_round_trips_and_is_inert(text: str) -> None:
    escaped = escape(text)
    assert html.unescape(escaped) == text
    assert not set(escaped) & set("<>\"'\n\r\t")


@FAST
@given(TEXT)
def test_markdown_leaves_escaped_text_alone(text: str) -> None:
    block = f"<p>{escape(text)}</p>"
    rendered = markdown.markdown(block, extensions=["attr_list", "md_in_html", "tables"])
    assert rendered == block


@FAST
@given(st.text(alphabet=st.characters(categories=("Cc",)), min_size=1))
def test_control_characters_never_reach_the_page(text: str) -> None:
    escaped = escape(text)
    assert not any(c < " " and c != "\t" for c in escaped) and "\x7f" not in escaped
    result = decode_seed("x.txt", ("a" + text).encode())
    if isinstance(result, SeedText):
        assert all(c in "\t\n" or unicodedata.category(c) != "Cc" for c in result.text)


SAFE_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@FAST
@given(TEXT, TEXT)
def test_slugs_are_path_safe(text: str, fallback: str) -> None:
    slug = make_slug(text, fallback)
    assert SAFE_SLUG.match(slug), slug
    assert len(slug) <= MAX_LENGTH
    assert safe_target(__import__("pathlib").Path("/out"), f"en/{slug}.md")


@FAST
@given(
    st.lists(
        st.tuples(TEXT, st.text(min_size=1, max_size=30)), max_size=30, unique_by=lambda t: t[1]
    )
)
def test_slugs_are_unique(items: list[tuple[str, str]]) -> None:
    taken: set[str] = set()
    for text, key in items:
        slug = disambiguate(make_slug(text, key), key, taken)
        assert slug not in taken and SAFE_SLUG.match(slug)
        taken.add(slug)


@FAST
@given(st.lists(st.sampled_from(["..", ".", "", "a", "b", "/", "\\", "\0", "x.md"]), max_size=6))
def test_output_paths_never_leave_the_folder(parts: list[str]) -> None:
    from pathlib import Path

    relative = "/".join(parts)
    try:
        target = safe_target(Path("/out"), relative)
    except OutputError:
        return
    assert target.resolve().is_relative_to(Path("/out"))
    assert target != Path("/out")


@FAST
@given(TEXT)
def test_duplicate_key_ignores_line_ends_and_spacing(text: str) -> None:
    assert text_key(text) == text_key(text.replace("\n", "\r\n").replace(" ", "  ") + "\n")
