"""`messages.one_line`: every warning and error on one printable line of bounded length."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.messages import ELLIPSIS, FOLD, MAX_CHARS, one_line


@pytest.mark.parametrize(
    ("message", "printed"),
    [
        ("seed.txt: empty", "seed.txt: empty"),
        (  # a YAML error: its context lines join the first
            'stories.yml: cannot read: while parsing a flow sequence\n  in "<unicode string>", '
            "line 1, column 10:\n    stories: [oops\n             ^\n",
            'stories.yml: cannot read: while parsing a flow sequence | in "<unicode string>", '
            "line 1, column 10: | stories: [oops | ^",
        ),
        # A file name that breaks the line to forge a message of its own, or moves the cursor.
        ("a\r\nwarning: b.md: ignored", "a | warning: b.md: ignored"),
        ("\x1b[2Ka\u2028b\u202e.md", "\\x1b[2Ka | b\\u202e.md"),
        ("x" * 1000, "x" * 299 + "…"),
    ],
)
def test_a_message_prints_on_one_line_of_bounded_length(message: str, printed: str) -> None:
    assert one_line(message) == printed
    assert len(one_line(message)) <= MAX_CHARS and "\n" not in one_line(message)


@pytest.mark.parametrize(
    "message",
    [
        "en/steppe-rail.md: a hand-written page is there; not overwritten",
        "fr/l-été-à-astana.txt: même texte que « a.txt » ; publié une fois",
        "ru/новости.txt: язык не определён (меньше 5 букв)",
        "kk/қазақстан-жаңалықтары.txt: бос файл",
        "ar/خبر-عاجل.txt: لغة غير محددة",
    ],
)
def test_a_printable_line_in_any_script_is_left_as_it_is(message: str) -> None:
    assert one_line(message) == message


@pytest.mark.parametrize(
    ("message", "printed"),
    [
        ("caf\udce9.txt: empty", "caf\\udce9.txt: empty"),  # a file name that is not UTF-8
        ("a\u00a0b", "a\\xa0b"),  # a no-break space would pass for a space
        ("ar/\u200fخبر.txt", "ar/\\u200fخبر.txt"),  # a right-to-left mark, invisible
        ("tag\U000e0041", "tag\\U000e0041"),  # beyond the Basic Multilingual Plane
        ("\x00\x7f\x9b", "\\x00\\x7f\\x9b"),  # NUL, DEL and the C1 escape (CSI)
        ("tab\there", "tab\\x09here"),
    ],
)
def test_unprintable_characters_are_shown_escaped(message: str, printed: str) -> None:
    assert one_line(message) == printed


@pytest.mark.parametrize(
    ("message", "printed"),
    [
        ("\n\n  first  \n\n\n  second\n", f"first{FOLD}second"),
        ("  \n \r\n\t", ""),
        ("a\vb\fc\x1cd\x85e\u2029f", FOLD.join("abcdef")),  # every line break Python knows
    ],
)
def test_blank_lines_go_and_the_others_are_trimmed_and_joined(message: str, printed: str) -> None:
    assert one_line(message) == printed


@pytest.mark.parametrize(
    ("message", "limit", "printed"),
    [
        ("абвгд", 5, "абвгд"),  # exactly at the limit: kept whole
        ("абвгде", 5, "абвг" + ELLIPSIS),
        ("قازاقستان", 4, "قاز" + ELLIPSIS),
        ("\x1b" * 3, 6, "\\x1b\\" + ELLIPSIS),  # the limit counts the escaped form
    ],
)
def test_the_limit_counts_printed_characters(message: str, limit: int, printed: str) -> None:
    assert one_line(message, limit) == printed


FAST = settings(max_examples=200, deadline=None)


@FAST
@given(st.text(max_size=400), st.integers(min_value=1, max_value=400))
def test_any_message_is_one_printable_line_within_the_limit(message: str, limit: int) -> None:
    printed = one_line(message, limit)
    assert len(printed) <= limit
    assert printed.isprintable()  # so no line break, no escape sequence, no bidi override


@FAST
@given(st.text(max_size=400))
def test_printing_a_printed_message_again_changes_nothing(message: str) -> None:
    """A message that passes through two layers (a warning quoting an error) is not
    escaped twice."""
    assert one_line(one_line(message)) == one_line(message)
