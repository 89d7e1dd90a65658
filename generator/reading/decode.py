"""Bytes of a seed to text, with the encoding that was assumed, or the reason it can't be told.

Order of evidence, strongest first: a known binary signature (refused), a byte-order mark,
valid UTF-8 (taken as is: random legacy bytes are almost never valid UTF-8), and only then
a guess among legacy code pages. charset-normalizer proposes candidates, but on a short
text it happily answers cp1125 for Russian or cp932 for Arabic, so every candidate is
judged by `alphabets.plausibility` and the build refuses the seed rather than guess.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from generator.reading.alphabets import MIN_SCORE, Plausibility, plausibility

SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF file (WebP image, WAV audio or AVI video)"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt document)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document (save it as plain text)"),
)
# UTF-32 first: its little-endian mark begins with the UTF-16 one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Proposed whatever charset-normalizer says; first in this list wins when several give
# the very same text (French in Latin-1 reads the same as Windows-1252).
LEGACY = (
    "cp1252",
    "cp1251",
    "cp1256",
    "kz1048",
    "latin-1",
    "iso8859-15",
    "koi8-r",
    "koi8-u",
    "ptcp154",
    "cp866",
    "mac-cyrillic",
    "iso8859-5",
    "iso8859-6",
    "cp1250",
    "cp1253",
    "cp1254",
    "cp1255",
)
# When readings tie, the Windows code page of the script is what an editor's PC wrote.
USUAL = frozenset({"cp1252", "cp1251", "cp1256", "kz1048"})
NO_BOM_WIDE = ("utf-16-le", "utf-16-be")
_ASCII_PROBE = bytes(range(0x20, 0x7F)) + b"\t\n\r"
MAX_CONTROL_SHARE = 0.01  # of characters; more means a binary file that happens to decode
DETECTOR_MIN_CHARS = 300  # charset-normalizer's letter statistics mislead on less
TIE_MARGIN = 0.05  # two different readings closer than this: can't tell which is right


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # Python codec name: "utf-8", "utf-16", "cp1251", ...


def decode_bytes(raw: bytes) -> Decoded | str:
    """The text of `raw`, or a one-line reason why it is not text we can read."""
    for signature, kind in SIGNATURES:
        if raw.startswith(signature):
            return f"binary file: {kind}, not text"
    for bom, codec in BOMS:
        if raw.startswith(bom):
            return _strict(raw, codec, f"{codec} byte-order mark, but invalid {codec}")
    if b"\x00" in raw:
        return _guess(raw, NO_BOM_WIDE, "binary file: contains NUL bytes, not text")
    try:
        return _checked(Decoded(raw.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # most seeds are UTF-8: no build waits for it

    proposed = tuple(codecs.lookup(m.encoding).name for m in from_bytes(raw))
    return _guess(raw, tuple(dict.fromkeys([*LEGACY, *proposed])), "", proposed)


def _strict(raw: bytes, codec: str, failure: str) -> Decoded | str:
    try:
        return _checked(Decoded(raw.decode(codec), codecs.lookup(codec).name))
    except UnicodeDecodeError as exc:
        return f"{failure} (byte {exc.start})"


def _checked(decoded: Decoded) -> Decoded | str:
    text = decoded.text
    controls = len(_CONTROL.findall(text))
    if text and controls / len(text) > MAX_CONTROL_SHARE:
        return f"binary file: {controls} control characters in {decoded.encoding} text"
    return decoded


# C0 controls but the whitespace ones (\t \n \v \f \r), DEL and the C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _guess(
    raw: bytes, encodings: tuple[str, ...], fallback: str, detector: tuple[str, ...] = ()
) -> Decoded | str:
    """The one plausible reading of `raw`, or why there is none or more than one.

    `detector` is charset-normalizer's ranking: it only breaks a tie between readings
    of the same script (Ukrainian in Windows-1251 or in KZ-1048?), never decides alone.
    """
    readings: dict[str, tuple[Plausibility, str]] = {}  # text -> (judgement, encoding)
    rejected: list[str] = []
    for encoding in encodings:
        text = _decode(raw, encoding)
        if text is None or text in readings:
            continue
        judged = plausibility(text)
        if judged.score >= MIN_SCORE:
            readings[text] = (judged, codecs.lookup(encoding).name)
        else:
            rejected.append(f"{encoding}: {judged.reason}")
    if not readings:
        return fallback or _unreadable(rejected)
    tied = _best(list(readings.items()), detector)
    if len(tied) == 1:
        return _checked(Decoded(*tied[0]))
    encoding, *rivals = [enc for _, enc in tied]
    return (
        f"not UTF-8, and the encoding can't be told: {encoding} or "
        f"{', '.join(rivals)} read equally well; save the file as UTF-8"
    )


def _decode(raw: bytes, encoding: str) -> str | None:
    """`raw` in `encoding`, None if invalid or if the code page moves ASCII (EBCDIC)."""
    try:
        moved = _ASCII_PROBE.decode(encoding) != _ASCII_PROBE.decode("ascii")
        if moved and encoding not in NO_BOM_WIDE:
            return None
        return raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _best(
    readings: list[tuple[str, tuple[Plausibility, str]]], detector: tuple[str, ...]
) -> list[tuple[str, str]]:
    """The readings nobody beats: best score; then, within one script, capitals where
    sentences begin, fewest misfit letters, the usual code page, the detector's first."""
    top = max(judged.score for judged, _ in (r for _, r in readings))
    tied = [(t, j, e) for t, (j, e) in readings if top - j.score < TIE_MARGIN]
    if len({j.script for _, j, _ in tied}) > 1:
        return [(t, e) for t, _, e in tied]  # Cyrillic or Arabic? Only a reader can tell.
    best_rank = max(j.rank for _, j, _ in tied)
    tied = [(t, j, e) for t, j, e in tied if best_rank - j.rank < TIE_MARGIN]
    fewest = min(j.misfits for _, j, _ in tied)
    tied = [(t, j, e) for t, j, e in tied if j.misfits == fewest]
    usual = [(t, j, e) for t, j, e in tied if e in USUAL]
    left = [(t, e) for t, _, e in (usual if len(usual) == 1 else tied)]
    ranked = sorted((detector.index(e), t, e) for t, e in left if e in detector)
    long_enough = len(left[0][0]) >= DETECTOR_MIN_CHARS
    return [(ranked[0][1], ranked[0][2])] if len(left) > 1 and ranked and long_enough else left


def _unreadable(rejected: list[str]) -> str:
    sample = "; ".join(rejected[:2])
    return f"not UTF-8, and no known encoding reads as text ({sample}); save the file as UTF-8"
