"""A seed saved from the browser as `.html`: the article and its metadata, read from the markup.

trafilatura finds the article in the page's tree (it scores elements by their text and
links, which a paste has lost) and reads the headline, date, author and canonical URL from
the markup (meta tags, JSON-LD, `<time>`, `<link rel=canonical>`). The result is the same
record a `.txt` seed makes: plain text, the headline line first, then one paragraph a line,
so the rest of the pipeline works unchanged and escapes it like any seed's text. Nothing of
the markup is kept: no tag, script, style or address of a remote resource reaches the text.

The page is hostile input. What bounds its cost, each measured on files made to defeat it:
- its size (`MAX_HTML_BYTES`), checked before anything is decoded;
- libxml2 checks each attribute of a tag against those before it, so parsing a tag takes
  time quadratic in its attributes: a tag with more than `MAX_ATTRIBUTES` is refused by a
  linear scan before parsing (`_crowded_tag`);
- libxml2 stops nesting at 256 levels (its default without `huge_tree`), and neither
  resolves entities from a DOCTYPE (no "billion laughs") nor loads anything (`no_network`);
- trafilatura's cost grows with the elements (docs/html-seeds.md has the figures), with the
  attributes (its XPath tests read them) and with the bytes of the tree (its date search
  runs regular expressions over it): scripts, styles, vector images and embedded frames are
  cut before it runs, attribute values over `MAX_ATTRIBUTE_CHARS` dropped (inline images,
  serialised state), and a page with more than `MAX_ELEMENTS` or `MAX_ALL_ATTRIBUTES` left
  is refused.
Nothing is fetched: trafilatura and htmldate download only when given an address or a string
that starts with "http"; they are given a parsed tree, never a string.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import re
from typing import Any

from generator.reading.decode import BOMS, Decoded, decode_bytes
from generator.reading.frontmatter import CHECKS
from generator.records import Overrides, SeedError, SeedText

HTML_SUFFIXES = (".html", ".htm")
# Browsers save a news page with its inline scripts and data: 80 KB typically, over 1 MB for
# a few (the largest of the evaluation's 120 saved pages is 1.4 MB). Three times that is a
# paste of something else, refused before it is decoded.
MAX_HTML_BYTES = 4 * 1024 * 1024
MAX_ATTRIBUTES = 256  # on one tag; real pages have at most a few dozen
MAX_ATTRIBUTE_CHARS = 4096
MAX_ALL_ATTRIBUTES = 60_000  # in the page; real pages have under 10,000
MAX_ELEMENTS = 20_000  # left once scripts and styles are cut; real pages have under 10,000
# Metadata longer than this is a page's misuse of the field (a description as the author).
MAX_TITLE_CHARS = 300
MAX_AUTHOR_CHARS = 200
# Where a browser looks for <meta charset> (the HTML standard's prescan reads 1024 bytes;
# saved pages put a long <head> before it now and then).
PRESCAN_BYTES = 4096
# Elements whose content is never article text and which would only cost time: what is left
# for trafilatura is the document's text, its links and its metadata (JSON-LD is a script).
CUT = ("style", "svg", "math", "template", "iframe", "object", "canvas")
# Empty in HTML5, but libxml2 (an HTML 4 parser) puts what follows them inside them: their
# tags go, what they hold stays (cutting an <embed> would cut the article after it).
VOID = ("embed", "frame", "source", "track", "wbr", "keygen")
JSON_LD = "application/ld+json"
QUIET = ("trafilatura", "htmldate", "courlan")  # their warnings would go to the build's log
# An <h1> shares this share of its words with the markup's title (Dice): the same headline.
SAME_HEADLINE = 0.6
HEADLINE_NEAR = 3  # lines of trafilatura's text where a copy of the headline is looked for
# trafilatura's dates are those the markup states (meta tags, JSON-LD, <time>, the URL),
# not a guess from the page's text; a fixed upper bound keeps the result a function of the
# bytes alone (its default is the day of the build).
DATE_PARAMS = {"extensive_search": False, "original_date": True, "max_date": "2099-12-31"}
_CONTROLS = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")
_CHARSET = re.compile(rb"<meta[^>]{0,512}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]{1,40})", re.I)
# The standard reads a declared Latin-1 or ASCII as Windows-1252, and a declared UTF-16 in
# a document that was read as bytes as UTF-8.
_CHARSET_ALIASES = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}
_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"


def is_html_name(name: str) -> bool:
    return name.lower().endswith(HTML_SUFFIXES)


def read_html_page(name: str, raw: bytes) -> SeedText | SeedError:
    """The article of a saved page as a seed's text and overrides, or why there is none."""
    if len(raw) > MAX_HTML_BYTES:
        return SeedError(name, f"too large: {len(raw):,} bytes, the limit is {MAX_HTML_BYTES:,}")
    decoded = _decode(raw)
    if isinstance(decoded, str):
        return SeedError(name, decoded)
    if not any(ch.isalnum() for ch in decoded.text):
        return SeedError(name, "empty: no letters or digits in the file")
    tree = _parse(decoded.text)
    if isinstance(tree, str):
        return SeedError(name, tree)
    document = _extract(tree)
    if document is None:
        return SeedError(name, "no article found in the page (saved as .html)")
    headline, overrides = _overrides(document, _headings(tree), _canonical(tree))
    lines = _with_headline(_lines(document.text or ""), headline)
    if not any(ch.isalnum() for ch in "".join(lines)):
        return SeedError(name, "empty: no letters or digits in the page's article")
    return SeedText(
        name=name,
        text="\n".join(lines) + "\n",
        encoding=decoded.encoding,
        sha256=hashlib.sha256(raw).hexdigest(),
        overrides=overrides,
    )


def _decode(raw: bytes) -> Decoded | str:
    """A byte-order mark, else valid UTF-8, else the charset the page declares, else the
    reading stage's guess (`decode_bytes`, which also refuses binary files)."""
    declared = _declared_charset(raw)
    if declared and not raw.startswith(tuple(bom for bom, _ in BOMS)) and b"\x00" not in raw:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                return Decoded(raw.decode(declared), declared)
            except UnicodeDecodeError:
                pass  # the declaration is wrong: guess as for a .txt seed
    return decode_bytes(raw)


def _declared_charset(raw: bytes) -> str | None:
    found = _CHARSET.search(raw[:PRESCAN_BYTES])
    if found is None:
        return None
    try:
        codec = codecs.lookup(found.group(1).decode("ascii")).name
    except LookupError:
        return None
    if codec.startswith(("utf-16", "utf-32")):
        return "utf-8"
    try:  # UTF-7 or EBCDIC would read the page's markup as other characters: not HTML
        moved = _ASCII.decode(codec) != _ASCII.decode("ascii")
    except (UnicodeDecodeError, LookupError):
        moved = True
    return None if moved else _CHARSET_ALIASES.get(codec, codec)


# A start tag as the HTML standard's tokenizer reads it: its name, then separators, `=` with
# a quoted or bare value (a quote elsewhere is part of a name), or an attribute's name (the
# group). Possessive throughout, and a tag cut by the end of the file still matches: every
# character is read once, whatever the file.
_NAME = r"<[A-Za-z][^\t\n\f\r />]*+"
_PART = r"[\t\n\f\r /]++|=[\t\n\f\r ]*+(?:\"[^\"]*+\"|'[^']*+'|[^\t\n\f\r >]*+)|([^\t\n\f\r />=]++)"
_TAG = re.compile(f"{_NAME}(?:{_PART})*+(?:>|\\Z)")
_TAG_NAME = re.compile(_NAME)
_TAG_PART = re.compile(_PART)
# Whose content the tokenizer reads as text up to its closing tag: a "<" in a script's code
# is not a tag. (Nothing else is skipped: counting more tags than the parser sees is safe.)
_RAW_TEXT = re.compile(r"<(script|style)[\t\n\f\r />]", re.I)
_RAW_TEXT_END = {"script": re.compile("</script", re.I), "style": re.compile("</style", re.I)}


def _crowded_tag(text: str) -> bool:
    """Whether a tag has more than MAX_ATTRIBUTES attributes (libxml2 takes quadratic time),
    or the long tags more than MAX_ALL_ATTRIBUTES together (the page is refused after
    parsing anyway: this saves parsing it). A tag shorter than 2 * MAX_ATTRIBUTES cannot
    hold more, and is not counted."""
    position = counted = 0
    while tag := _TAG.search(text, position):
        position = tag.end()
        raw_text = _RAW_TEXT.match(text, tag.start())
        if raw_text:
            closing = _RAW_TEXT_END[raw_text.group(1).lower()].search(text, position)
            position = closing.start() if closing else len(text)
        elif tag.end() - tag.start() > 2 * MAX_ATTRIBUTES:
            attributes = _attributes(tag)
            counted += attributes
            if attributes > MAX_ATTRIBUTES or counted > MAX_ALL_ATTRIBUTES:
                return True
    return False


def _attributes(tag: re.Match[str]) -> int:
    name = _TAG_NAME.match(tag.string, tag.start())
    parts = _TAG_PART.finditer(tag.string, name.end() if name else tag.start(), tag.end())
    return sum(1 for part in parts if part.group(1))


def _parse(text: str) -> Any:
    """The page's tree (an lxml HtmlElement) with what is never article text cut, or why it
    is refused (a str). lxml is imported here: a build without .html seeds never loads it."""
    from lxml import etree  # type: ignore[import-untyped]
    from lxml.html import HTMLParser, document_fromstring  # type: ignore[import-untyped]

    if _crowded_tag(text):
        return (
            f"a tag with over {MAX_ATTRIBUTES:,} attributes, or over {MAX_ALL_ATTRIBUTES:,} "
            "in all: not a page a browser saved"
        )
    parser = HTMLParser(
        encoding="utf-8",  # the text is decoded already: a <meta charset> must not re-decode it
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
        default_doctype=False,
        no_network=True,
        huge_tree=False,
    )
    try:
        tree = document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        return f"not readable as HTML: {exc}"
    elements, attributes = _prune(tree)
    if elements > MAX_ELEMENTS or attributes > MAX_ALL_ATTRIBUTES:
        return (
            f"too many elements or attributes: {elements:,} and {attributes:,} once scripts "
            f"and styles are cut, the limits are {MAX_ELEMENTS:,} and {MAX_ALL_ATTRIBUTES:,}; "
            "save the article alone, or paste its text into a .txt seed"
        )
    return tree


def _prune(tree: Any) -> tuple[int, int]:
    """Cut scripts (all but JSON-LD metadata), styles, frames and embedded objects, and drop
    attribute values too long for a name, a class or an address; the elements and the
    attributes left."""
    from lxml import etree

    etree.strip_tags(tree, *VOID)
    doomed = [el for el in tree.iter(*CUT, "script") if not _json_ld(el)]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()  # its tail is text of the page: kept
    elements = attributes = 0
    for element in tree.iter():
        elements += 1
        attributes += len(element.attrib)
        for key, value in element.attrib.items():
            if len(value) > MAX_ATTRIBUTE_CHARS:
                del element.attrib[key]
    return elements, attributes


def _json_ld(element: Any) -> bool:
    kind = element.get("type") or ""
    return element.tag == "script" and str(kind).strip().lower() == JSON_LD


# What of a page trafilatura reads: its article's text, tables and metadata; not the
# comments, images, links or formatting (eval/teacher_labels.py reads the same).
ARTICLE_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "deduplicate": False,
    "with_metadata": True,
}


def _extract(tree: Any) -> Any:
    """trafilatura's Document for the tree (article and metadata), or None if it found none.

    `fast`: no second pass with its fallback extractors (readability, jusText), which on the
    evaluation's pages kept more boilerplate for no more article text, at a higher cost. (Its
    `favor_precision` found no article at all in two of them.)"""
    import trafilatura  # only a build with .html seeds pays its import
    from lxml import etree

    for library in QUIET:  # what they would log, the seed's error says, once
        logging.getLogger(library).setLevel(logging.CRITICAL)

    try:
        return trafilatura.bare_extraction(
            tree, fast=True, date_extraction_params=dict(DATE_PARAMS), **ARTICLE_OPTIONS
        )
    except (ValueError, TypeError, RecursionError, etree.LxmlError):
        return None  # a page it cannot handle is refused with the reason, never a crash


def _lines(text: str) -> list[str]:
    """One paragraph a line, without control characters (as `decode_seed` drops them)."""
    return [" ".join(line.split()) for line in _CONTROLS.sub("", text).split("\n") if line.strip()]


def _with_headline(lines: list[str], headline: str | None) -> list[str]:
    """The headline first, where the clean stage and `find_title` look for it in a paste;
    trafilatura's text may hold it already, at the top or under a kicker line."""
    if not headline:
        return lines
    near = [i for i, line in enumerate(lines[:HEADLINE_NEAR]) if line == headline]
    return [headline, *(line for i, line in enumerate(lines) if i not in near[:1])]


def _headings(tree: Any) -> list[str]:
    """The text of the page's <h1> elements (trafilatura copies the tree: it is unchanged)."""
    found = (" ".join(str(h.text_content()).split()) for h in tree.iter("h1"))
    return [text for text in found if text and len(text) <= MAX_TITLE_CHARS]


def _headline(title: str | None, headings: list[str]) -> str | None:
    """The headline as the page shows it: the <h1> that says what the markup's title says
    (a meta title is often a variant written for search engines or social networks, with
    straight quotes, or cut), else that title; with no title, the page's one <h1>."""
    if not title:
        return headings[0] if len(headings) == 1 else None
    words = _words(title)
    scored = [(_dice(words, _words(h)), h) for h in headings]
    best = max(scored, default=(0.0, title))
    return best[1] if best[0] >= SAME_HEADLINE else title


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _canonical(tree: Any) -> str | None:
    """The page's own address: its canonical link, else its Open Graph URL. (Not a <base>,
    which only resolves relative links, nor trafilatura's guess, which may be either.)"""
    for link in tree.iter("link"):
        if "canonical" in str(link.get("rel") or "").lower().split():
            return str(link.get("href") or "") or None
    for meta in tree.iter("meta"):
        if str(meta.get("property") or "").strip().lower() == "og:url":
            return str(meta.get("content") or "") or None
    return None


def _overrides(
    document: Any, headings: list[str], canonical: str | None
) -> tuple[str | None, Overrides]:
    """The headline, and what the markup states, each checked as front matter is
    (`frontmatter.CHECKS`): a value that fails the check is left out, not an error."""
    stated = {
        "title": _headline(_short(document.title, MAX_TITLE_CHARS), headings),
        "date": document.date,
        "author": _short(document.author, MAX_AUTHOR_CHARS),
        "source": canonical,
    }
    values: dict[str, str] = {}
    for key, value in stated.items():
        checked = CHECKS[key](value) if isinstance(value, str) else None
        if isinstance(checked, str):
            values[key] = checked
    return values.get("title"), Overrides(**values)


def _short(value: object, limit: int) -> str | None:
    return value if isinstance(value, str) and len(value) <= limit else None
