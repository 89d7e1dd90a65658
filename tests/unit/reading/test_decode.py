"""`decode.decode_bytes`: a seed's bytes to text and the encoding assumed, or why not.

Line ends and emptiness are `files.decode_seed`'s (tests/unit/reading/test_files.py):
here the text comes back exactly as the bytes say.
"""

from __future__ import annotations

import codecs
import random

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator.reading.decode import BOMS, SIGNATURES, Decoded, decode_bytes

RUSSIAN = "Министр иностранных дел Казахстана выступил на форуме. Он заявил о сотрудничестве."
KAZAKH = (
    "Қазақстан Республикасының Сыртқы істер министрі Пекинде сөз сөйледі."
    " Ол ынтымақтастық туралы айтты."
)
ARABIC = "وزير الخارجية الكازاخستاني يتحدث في منتدى الحزام والطريق في بكين."
FRENCH = "Le ministre a déclaré à Noël qu'il était très ému par l'accueil reçu à Astana."
ENGLISH = "The minister spoke at the forum in Beijing.\r\nHe called for co-operation."


@pytest.mark.parametrize("text", [ENGLISH, FRENCH, RUSSIAN, KAZAKH, ARABIC, "", "\r\n\r"])
def test_utf8_is_taken_as_it_is(text: str) -> None:
    assert decode_bytes(text.encode("utf-8")) == Decoded(text, "utf-8")


@pytest.mark.parametrize(("signature", "kind"), SIGNATURES, ids=[k for _, k in SIGNATURES])
def test_a_known_binary_signature_is_refused_whatever_follows(signature: bytes, kind: str) -> None:
    assert decode_bytes(signature + RUSSIAN.encode("utf-8")) == f"binary file: {kind}, not text"


@pytest.mark.parametrize(
    ("bom", "codec", "text"),
    [
        (codecs.BOM_UTF8, "utf-8", FRENCH),
        (codecs.BOM_UTF16_LE, "utf-16-le", KAZAKH),
        (codecs.BOM_UTF16_BE, "utf-16-be", ARABIC),
        (codecs.BOM_UTF32_LE, "utf-32-le", RUSSIAN),  # its mark begins with UTF-16's
        (codecs.BOM_UTF32_BE, "utf-32-be", ENGLISH),
    ],
)
def test_a_byte_order_mark_decides_the_encoding(bom: bytes, codec: str, text: str) -> None:
    decoded = decode_bytes(bom + text.encode(codec))
    assert isinstance(decoded, Decoded)
    assert decoded.text == text  # the mark itself is not text
    assert decoded.encoding == dict((b, c) for b, c in BOMS)[bom]


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        (codecs.BOM_UTF8 + b"ok \xff", "utf-8-sig byte-order mark, but invalid utf-8-sig (byte 3)"),
        (
            codecs.BOM_UTF16_LE + b"a\x00\x00\xd8",
            "utf-16 byte-order mark, but invalid utf-16 (byte 4)",
        ),
    ],
)
def test_a_byte_order_mark_then_invalid_bytes_is_refused_with_where(raw: bytes, said: str) -> None:
    assert decode_bytes(raw) == said


@pytest.mark.parametrize(
    ("text", "codec"),
    [(RUSSIAN, "utf-16-le"), (KAZAKH, "utf-16-be"), (ARABIC, "utf-16-le"), (FRENCH, "utf-16-be")],
)
def test_utf16_without_a_mark_is_found_by_its_nul_bytes(text: str, codec: str) -> None:
    assert decode_bytes(text.encode(codec)) == Decoded(text, codec)


def test_other_bytes_with_nul_are_binary() -> None:
    raw = bytes(range(256)) * 4
    assert decode_bytes(raw) == "binary file: contains NUL bytes, not text"


@pytest.mark.parametrize(
    ("text", "codec", "encoding"),
    [
        (RUSSIAN, "cp1251", "cp1251"),
        (RUSSIAN, "koi8-r", "koi8-r"),
        (RUSSIAN, "cp866", "cp866"),  # DOS
        (KAZAKH, "kz1048", "kz1048"),
        (ARABIC, "cp1256", "cp1256"),
        (ARABIC, "iso8859-6", "iso8859-6"),
        # Short: ISO 8859-6 reads it as other Arabic letters, as plausible; an editor's PC
        # writes the Windows code page.
        ("وزير الخارجية", "cp1256", "cp1256"),
        (FRENCH, "latin-1", "cp1252"),  # the same text: the Windows code page is named
        (FRENCH, "iso8859-15", "cp1252"),
        ("Zażółć gęślą jaźń. Polski tekst o współpracy.", "cp1250", "cp1250"),
    ],
)
def test_a_legacy_code_page_is_guessed_when_one_reading_is_plausible(
    text: str, codec: str, encoding: str
) -> None:
    assert decode_bytes(text.encode(codec)) == Decoded(text, encoding)


def test_readings_of_different_scripts_that_tie_are_refused_naming_them() -> None:
    said = decode_bytes("ПРИВЕТ МИР".encode("cp1251"))  # Windows-1256 Arabic as good
    assert isinstance(said, str)
    assert said.startswith("not UTF-8, and the encoding can't be told: cp1251 or ")
    assert "cp1256" in said and said.endswith("read equally well; save the file as UTF-8")


def test_bytes_no_code_page_reads_as_text_are_refused_with_two_reasons() -> None:
    said = decode_bytes(random.Random(7).randbytes(3000).replace(b"\0", b"\1"))
    assert isinstance(said, str)
    assert said.startswith("not UTF-8, and no known encoding reads as text (")
    assert said.endswith("); save the file as UTF-8") and "\n" not in said
    rejected = said[said.index("(") + 1 : said.rindex(")")].split("; ")
    assert len(rejected) == 2 and all(": " in why for why in rejected)  # code page: why


@pytest.mark.parametrize(
    ("controls", "refused"),
    [(0, False), (1, False), (2, True)],  # in 100 characters: 1 % is allowed, no more
)
def test_control_characters_beyond_one_percent_mean_binary(controls: int, refused: bool) -> None:
    text = "\x1b" * controls + "x" * (100 - controls)
    decoded = decode_bytes(text.encode("utf-8"))
    if refused:
        assert decoded == f"binary file: {controls} control characters in utf-8 text"
    else:
        assert decoded == Decoded(text, "utf-8")


def test_line_breaks_and_tabs_are_not_control_characters() -> None:
    text = "a\t\n\r\v\f" * 50
    assert decode_bytes(text.encode("utf-8")) == Decoded(text, "utf-8")


@pytest.mark.xfail(
    strict=True,
    reason="bug: 'İ'.lower() is two characters, so alphabets counts Turkish capitals as "
    "misfits, and a Mac Latin-2 reading ('›stanbul') wins instead of a refusal",
)
def test_turkish_capitals_in_windows_1254_are_read_right_or_refused() -> None:
    text = "İstanbul İzmir İçin İlk"
    decoded = decode_bytes(text.encode("cp1254"))
    assert isinstance(decoded, str) or decoded.text == text


# Text without control characters or surrogates, as any editor's UTF-8 holds it.
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=300)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_valid_utf8_is_never_second_guessed(text: str) -> None:
    raw = text.encode("utf-8")
    assume(not raw.startswith((*(s for s, _ in SIGNATURES), codecs.BOM_UTF8)))
    assert decode_bytes(raw) == Decoded(text, "utf-8")
