"""Seeds saved as .html: the article and its metadata from the markup, plain text out, no
markup, script or remote resource carried along, and hostile pages refused or read in
bounded time."""

from __future__ import annotations

import re
import socket

import pytest
from conftest import FIXTURES

from generator.reading.html_page import (
    MAX_ALL_ATTRIBUTES,
    MAX_ATTRIBUTES,
    MAX_ELEMENTS,
    MAX_HTML_BYTES,
    _crowded_tag,
    _declared_charset,
    _headline,
    is_html_name,
    read_html_page,
)
from generator.records import Overrides, SeedError, SeedText

PAGES = FIXTURES / "html"
ARTICLE = (
    "<p>The council approved the budget for the new school on Monday, after a debate that "
    "lasted most of the afternoon and ended with a large majority.</p>"
    "<p>Building work is to start in the spring, and the first pupils should move in two "
    "years later, the mayor told reporters outside the town hall.</p>"
)


def read(name: str, raw: bytes | None = None) -> SeedText:
    """The fixture `name`, or `raw` under that name."""
    seed = read_html_page(name, (PAGES / name).read_bytes() if raw is None else raw)
    assert isinstance(seed, SeedText), seed
    return seed


def page(body: str, head: str = "<title>School budget approved</title>") -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


def test_the_article_and_its_metadata() -> None:
    seed = read("news.html")
    lines = seed.text.splitlines()
    assert lines[0] == "Minister opens the new rail link to Kyrgyzstan"
    assert lines[1].startswith("The transport minister opened the new railway line")
    assert lines[-1].startswith("Farmers in the Chuy valley")
    assert seed.overrides == Overrides(
        title="Minister opens the new rail link to Kyrgyzstan",
        date="2021-03-04",
        author="Aigerim Sadykova",
        source="https://steppe-daily.example/2021/03/04/rail-link",
    )
    for boilerplate in ("Politics", "cookies", "Read also", "Airport traffic", "rights reserved"):
        assert boilerplate not in seed.text
    assert seed.encoding == "utf-8"


@pytest.mark.parametrize("name", sorted(p.name for p in PAGES.glob("*.html")))
def test_no_markup_script_or_address_reaches_the_text(name: str) -> None:
    seed = read(name)
    source = (PAGES / name).read_bytes().decode(seed.encoding)
    tags = set(re.findall(r"<[A-Za-z][^<>]*>", source))
    assert not [tag for tag in tags if tag in seed.text]
    assert "LEAK" not in seed.text  # the text of scripts, styles, frames, SVG and objects
    assert not re.search(r"\.example/|https?:", seed.text)
    assert "\r" not in seed.text and seed.text.endswith("\n")


def test_markup_written_as_text_stays_text() -> None:
    """The page's own "&lt;script&gt;" is text: the rendering escapes it like any seed's."""
    seed = read("bad-metadata.html")
    assert "Writing <script>alert(1)</script> in a paragraph" in seed.text
    # A "---" block in a page is text, never front matter: the overrides are the markup's.
    assert "title: Not front matter" in seed.text
    assert seed.overrides.title == "A page whose metadata cannot be trusted"


def test_metadata_failing_the_front_matter_checks_is_left_out() -> None:
    """A javascript: canonical address, an author of 200+ characters, a date that is none."""
    assert read("bad-metadata.html").overrides == Overrides(
        title="A page whose metadata cannot be trusted"
    )


def test_a_base_address_is_not_the_source() -> None:
    assert read("remote.html").overrides.source is None


def test_a_declared_legacy_charset() -> None:
    seed = read("cp1251.html")
    assert seed.encoding == "cp1251"
    assert seed.text.startswith("Новый мост через Иртыш открыт\nВ Павлодаре в четверг")


@pytest.mark.parametrize(
    ("declared", "codec"),
    [
        (b"windows-1251", "cp1251"),
        (b"ISO-8859-1", "cp1252"),  # as browsers read it
        (b"utf-16", "utf-8"),  # a page read as bytes is not UTF-16 whatever it says
        (b"utf-7", None),  # "+ADw-script+AD4-" would become markup
        (b"cp037", None),  # EBCDIC
        (b"no-such-charset", None),
    ],
)
def test_declared_charsets(declared: bytes, codec: str | None) -> None:
    assert _declared_charset(b'<html><head><meta charset="' + declared + b'">') == codec


def test_utf7_is_not_read() -> None:
    raw = page("<p>+ADw-script+AD4-alert(1)+ADw-/script+AD4- café</p>" + ARTICLE)
    raw = raw.replace("é".encode(), b"\xe9")  # not UTF-8: the declaration is looked at
    seed = read("p.html", raw.replace(b"<head>", b'<head><meta charset="utf-7">'))
    assert "+ADw-script+AD4-alert(1)+ADw-/script+AD4- café" in seed.text
    assert seed.encoding == "cp1252"


def test_entities_of_a_doctype_are_never_expanded_nor_read() -> None:
    seed = read("entities.html")
    assert "LAUGH" not in seed.text and "root:" not in seed.text
    assert "&d;&d;&d; &passwd; &remote;" in seed.text
    assert "such as é, é and é are" in seed.text


def test_nothing_is_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        calls.append(args)
        raise OSError("the network is not to be used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for path in sorted(PAGES.glob("*.html")):
        assert isinstance(read_html_page(path.name, path.read_bytes()), SeedText)
    # A page that is nothing but an address: a library given it as a string would fetch it.
    read_html_page("a.html", b"https://evil.example/page")
    assert calls == []


def test_the_same_bytes_give_the_same_record() -> None:
    raw = (PAGES / "news.html").read_bytes()
    assert read_html_page("n.html", raw) == read_html_page("n.html", raw)


def test_the_headline_as_the_page_shows_it() -> None:
    meta = "VW-Chef Diess warnt vor Tesla und 'Golf aus China'"
    shown = 'VW-Chef warnt vor Tesla und "Golf aus China"'
    assert _headline(meta, ["Autoshop", shown]) == shown
    assert _headline("Deux ans en Macronie", ["regards.fr"]) == "Deux ans en Macronie"
    assert _headline(None, ["The one heading"]) == "The one heading"
    assert _headline(None, ["Site", "Post"]) is None


def test_the_headline_is_first_and_once() -> None:
    """trafilatura's text may hold the headline under a kicker line: it moves to the top."""
    kicker = "<article><p>Budget</p><h1>School budget approved</h1>" + ARTICLE + "</article>"
    lines = read("p.html", page(kicker)).text.splitlines()
    assert lines[0] == "School budget approved" and lines.count(lines[0]) == 1


def test_suffixes() -> None:
    assert is_html_name("a/Page.HTML") and is_html_name("b.htm") and not is_html_name("c.txt")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b" " * (MAX_HTML_BYTES + 1), "too large"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "binary file"),
        (b"<html><body><script>document.write(1)</script><hr></body></html>", "no article"),
        (b"", "empty"),
        (b"\xef\xbb\xbf  \n", "empty"),
    ],
)
def test_refused(raw: bytes, reason: str) -> None:
    refused = read_html_page("p.html", raw)
    assert isinstance(refused, SeedError) and reason in refused.reason


@pytest.mark.parametrize(
    "attribute",
    [b"a%d=x ", b'a%d=">" ', b'a%d="1"', b"a%d "],  # a ">" in quotes ends no tag
)
def test_a_tag_crowded_with_attributes_is_refused_before_parsing(attribute: bytes) -> None:
    """libxml2 compares each attribute with those before it: quadratic in a tag's attributes."""
    crowded = b"<p " + b"".join(attribute % i for i in range(MAX_ATTRIBUTES + 1)) + b">x</p>"
    refused = read_html_page("p.html", page(crowded.decode() + ARTICLE))
    assert isinstance(refused, SeedError) and "attributes" in refused.reason


def test_what_is_not_a_crowded_tag() -> None:
    words = " ".join(f"w{i}" for i in range(3 * MAX_ATTRIBUTES))
    assert not _crowded_tag(f"<script>if (a<b {words}) {{}}</script>{ARTICLE}")  # code
    assert not _crowded_tag(f"<p>{words}</p>" * 3)  # text
    attributes = " ".join(f"a{i}=x" for i in range(MAX_ATTRIBUTES))
    assert not _crowded_tag(f"<p {attributes}>x</p>" * 3)  # at the limit
    assert _crowded_tag(f"<!-- <p {attributes} b=y> -->")  # a comment may end at "<!-->"


def test_too_many_elements_are_refused_before_extraction() -> None:
    refused = read_html_page("p.html", page("<p>x</p>" * MAX_ELEMENTS))
    assert isinstance(refused, SeedError) and "too many elements" in refused.reason


@pytest.mark.parametrize("per_tag", [50, 200])  # under or over what the scan counts
def test_too_many_attributes_in_all_are_refused_before_extraction(per_tag: int) -> None:
    tag = "<i " + " ".join(f"a{i}=x" for i in range(per_tag)) + ">x</i>"
    refused = read_html_page("p.html", page(tag * (MAX_ALL_ATTRIBUTES // per_tag + 1)))
    assert isinstance(refused, SeedError) and "attributes" in refused.reason


def test_deep_nesting_is_bounded() -> None:
    """libxml2 nests 256 levels at most: the rest of the page is dropped, no stack overflows."""
    deep = "<div>" * 100_000 + ARTICLE + "</div>" * 100_000
    assert isinstance(read_html_page("p.html", page(deep)), SeedError)
    shallow = "<div>" * 200 + ARTICLE + "</div>" * 200
    assert "The council approved" in read("p.html", page(shallow)).text


def test_huge_attribute_values_are_dropped() -> None:
    body = f'<div class="{"c " * 500_000}" data-state="{"{}" * 300_000}">{ARTICLE}</div>'
    assert read("p.html", page(body)).text.startswith("School budget approved\nThe council")
