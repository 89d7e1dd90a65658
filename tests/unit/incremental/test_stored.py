"""Stored results: records pickled and read back only if they are the package's records of
the expected type, and records as JSON for keys (round trip, wrong shapes refused)."""

from __future__ import annotations

import io
import pickle
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.incremental import stored as stored_module
from generator.incremental.stored import (
    ShapeError,
    SharingPickler,
    decode,
    dumps_json,
    encode,
    field_names,
    load_records,
)
from generator.records import CleanText, Language, Overrides, Removed, SeedText, Title

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
languages = st.builds(
    Language,
    code=st.sampled_from(["en", "fr", "kk", "ar", "und"]),
    confidence=st.floats(0, 1),
    reason=texts,
    candidates=st.lists(st.tuples(texts, st.floats(0, 1)), max_size=3).map(tuple),
)
cleans = st.builds(
    CleanText,
    paragraphs=st.lists(texts, max_size=4).map(tuple),
    removed=st.lists(st.builds(Removed, st.integers(0, 10**6), texts, texts), max_size=3).map(
        tuple
    ),
)
titles = st.builds(Title, text=texts, paragraph=st.none() | st.integers(0, 100), reason=texts)


@given(st.one_of(languages, cleans, titles))
def test_records_round_trip(record: Language | CleanText | Title) -> None:
    assert decode(type(record), encode(record)) == record


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        (Title, {"text": "t", "paragraph": "0", "reason": ""}),  # str for int | None
        (Title, {"text": "t", "paragraph": 0}),  # a field missing
        (Title, {"text": "t", "paragraph": 0, "reason": "", "extra": 1}),  # a field too many
        (Title, ["t", 0, ""]),
        (Language, {"code": "en", "confidence": True, "reason": "", "candidates": []}),
        (Language, {"code": "en", "confidence": 1.0, "reason": "", "candidates": [["en"]]}),
        (CleanText, {"paragraphs": "not a list", "removed": []}),
        (CleanText, {"paragraphs": [], "removed": [{"line": 1.5, "text": "", "reason": ""}]}),
        (CleanText, None),
    ],
)
def test_wrong_shapes_are_refused(kind: type, data: Any) -> None:
    with pytest.raises(ShapeError):
        decode(kind, data)


class _Str(str):
    pass


@pytest.mark.parametrize(
    ("kind", "value", "conforms"),
    [
        (tuple[str, ...], ("a", "b"), True),
        (tuple[str, ...], (), True),
        (tuple[str, ...], ["a", "b"], False),  # a list for a tuple
        (tuple[str, ...], ("a", 1), False),
        (tuple[str, ...], ("a", None), False),
        (tuple[Title, ...], (Title("t", None),), True),
        (tuple[Title, ...], (Title("t", None), Language("en", 1.0)), False),
        (frozenset[str], frozenset({"a"}), True),
        (frozenset[str], {"a"}, False),
        (frozenset[int], frozenset({True}), False),  # a bool is not an int here
        (tuple[tuple[str, ...], ...], (("a",), ("b", "c")), True),
        (tuple[tuple[str, ...], ...], (("a",), ("b", 2)), False),
        (Title, Title("t", None), True),
        (Title, Language("en", 1.0), False),
        (str, "a", True),
    ],
)
def test_a_stored_value_is_read_only_if_of_the_stage_type(
    kind: Any, value: Any, conforms: bool
) -> None:
    assert stored_module._conforms(kind, value) is conforms
    read = stored_module.load_records(pickle.dumps(value), kind, "refused")
    assert (read == value) if conforms else (read == "refused")


def test_a_subclass_of_str_is_not_a_str() -> None:
    assert not stored_module._conforms(tuple[str, ...], ("a", _Str("b")))


class _RunsCode:
    """Unpickling this would call `exec`: a cache file must never be able to do that."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exec, ("raise SystemExit('obeyed the cache file')",))


TITLE = Title("Қазақстан мен Франция", 0, "заголовок")


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(pickle.dumps(_RunsCode()), id="a call of exec"),
        pytest.param(pickle.dumps(re.compile("x")), id="a class outside the package"),
        pytest.param(pickle.dumps(TITLE)[:-5], id="truncated"),
        pytest.param(b"\x80\x05garbage", id="garbage"),
        pytest.param(b"", id="empty"),
        pytest.param(pickle.dumps(Language("ar", 1.0)), id="another record"),
    ],
)
def test_what_is_not_a_record_of_the_type_reads_as_the_default(raw: bytes) -> None:
    assert load_records(raw, Title, "refused") == "refused"


def test_a_shared_record_is_stored_by_its_digest_alone() -> None:
    seed = SeedText("خبر.txt", "النص الكامل للمقال " * 50, "utf-8", "0" * 64)
    value = (seed, Title("Заголовок", None))
    buffer = io.BytesIO()
    SharingPickler(buffer, {id(seed): "digest-1"}).dump(value)
    raw = buffer.getvalue()
    assert seed.text.encode() not in raw
    kind = tuple[Any, ...]
    found = load_records(raw, kind, "refused", {"digest-1": seed})
    assert found == value and found[0] is seed
    assert load_records(raw, kind, "refused") == "refused"  # no memo to take it from
    assert load_records(raw, kind, "refused", {"digest-2": seed}) == "refused"


@pytest.mark.parametrize(
    ("value", "data"),
    [
        (("Москва", "Алматы"), ["Москва", "Алматы"]),
        (frozenset({"نعم", "abc", "été"}), sorted(["نعم", "abc", "été"])),
        ({"zh": 1, "ar": 2}, [["ar", 2], ["zh", 1]]),
        ({1: "a", 0: "b"}, [[0, "b"], [1, "a"]]),
        (re.compile("^Share", re.I), {"pattern": "^Share", "flags": re.I | re.U}),
        (Title("Le titre", None), {"text": "Le titre", "paragraph": None, "reason": ""}),
        ((1, (2.5, None)), [1, [2.5, None]]),
    ],
    ids=["strings", "a set", "a dict", "a dict of numbers", "a pattern", "a record", "nested"],
)
def test_encode(value: Any, data: Any) -> None:
    assert encode(value) == data


@pytest.mark.parametrize("value", [b"bytes", object(), 1j, [b"x"]])
def test_what_cannot_be_encoded_is_refused(value: Any) -> None:
    with pytest.raises(TypeError):
        encode(value)


def test_a_named_record_is_encoded_as_its_digest() -> None:
    title = Title("Заголовок", 1)
    assert encode((title, title), {id(title): "d1"}) == [{"@": "d1"}, {"@": "d1"}]
    assert encode(Title("Заголовок", 1), {id(title): "d1"})["text"] == "Заголовок"


@given(st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=6))
def test_a_key_does_not_depend_on_the_order_things_were_added(found: dict[str, str]) -> None:
    backwards = dict(reversed(list(found.items())))
    assert dumps_json(encode(backwards)) == dumps_json(encode(found))
    assert dumps_json(encode(frozenset(backwards))) == dumps_json(encode(frozenset(found)))


def test_json_keeps_every_script_as_it_is() -> None:
    data = {"b": "Қазақстан", "a": "مرحبا", "c": "Élysée"}
    assert dumps_json(data) == '{"a": "مرحبا", "b": "Қазақстан", "c": "Élysée"}'.encode()


@pytest.mark.parametrize(
    ("kind", "data", "expected"),
    [
        (int | None, None, None),
        (int | None, 3, 3),
        (float, 2, 2.0),
        (tuple[str, int], ["ru", 1], ("ru", 1)),
        (frozenset[str], ["b", "a"], frozenset({"a", "b"})),
        (
            Overrides,
            {**dict.fromkeys(field_names(Overrides) or ()), "lang": "kk"},
            Overrides(lang="kk"),
        ),
    ],
)
def test_decode(kind: Any, data: Any, expected: Any) -> None:
    assert decode(kind, data) == expected


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        (float, True),  # a bool is not a number here
        (int, 1.0),
        (str | None, 3),
        (tuple[str, int], ["ru"]),
        (tuple[str, ...], ["a", 1]),
        (dict[str, int], {}),  # no stage returns one: not a type it reads
    ],
)
def test_decode_refuses(kind: Any, data: Any) -> None:
    with pytest.raises(ShapeError):
        decode(kind, data)


def test_field_names_of_records_only() -> None:
    assert field_names(Title) == ("text", "paragraph", "reason")
    assert field_names(str) is None
