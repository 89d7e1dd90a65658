"""Stored results: the package's records pickled and read back, checked against their type,
and made into JSON for keys. The cache file is data, never code: only the package's own
dataclasses are rebuilt from it."""

from __future__ import annotations

import dataclasses
import functools
import io
import json
import pickle
import re
import sys
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from typing import Any

PACKAGE = __name__.partition(".")[0]  # generator: records are its classes

NAMED_ONLY = "named"  # what keys made of names start with (see `Memo._named_only`)
PICKLE_PROTOCOL = 5  # part of every key: values stored another way are never read


class SharingPickler(pickle.Pickler):
    """Pickles the shared records it meets (`Memo.name`) as a call of `_shared` on their
    digest. (Not as persistent ids: the pickler asks for those of every string, number and
    tuple, hundreds of thousands in a rebuild's scores; it asks `reducer_override` only of
    objects of other types.)"""

    def __init__(self, file: io.BytesIO, shared: Mapping[int, str]) -> None:
        super().__init__(file, protocol=PICKLE_PROTOCOL)
        self.shared = shared

    def reducer_override(self, obj: Any) -> Any:
        digest = self.shared.get(id(obj))
        return NotImplemented if digest is None else (_shared, (digest,))


def _shared(digest: str) -> Any:
    """Where a stored value holds a shared record: `_RecordUnpickler` reads this name as
    the lookup of its own shared records, never calls this."""
    raise pickle.UnpicklingError(f"shared record {digest} read without its memo")


class _RecordUnpickler(pickle.Unpickler):
    """Rebuilds the package's dataclasses and builtin containers, nothing else: a cache
    file that names any other class or function is refused, not obeyed. A shared record
    is taken from `shared`; without it, or if it is not there, the value is refused."""

    def __init__(self, file: io.BytesIO, shared: Mapping[str, Any] | None = None) -> None:
        super().__init__(file)
        self.shared = shared

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == _shared.__name__:
            if self.shared is None:
                raise pickle.UnpicklingError("a shared record, and no memo to take it from")
            return self.shared.__getitem__  # a missing digest: KeyError, the value refused
        return _record_class(module, name)


@functools.cache
def _record_class(module: str, name: str) -> type:
    """The record class `module.name` (asked once per class and stored value: remembered)."""
    found = getattr(sys.modules.get(module), name, None)
    if module.partition(".")[0] == PACKAGE and _is_record(found):
        return found
    raise pickle.UnpicklingError(f"{module}.{name} is not a record of {PACKAGE}")


def load_records(
    raw: bytes, kind: Any, default: Any = None, shared: Mapping[str, Any] | None = None
) -> Any:
    """The value pickled in `raw` if it is of type `kind` and names no code but the
    package's records; `default` for anything else, whatever the bytes are.

    `shared`: the records stored by their digest alone (`Memo.name`), by digest."""
    try:
        value = _RecordUnpickler(io.BytesIO(raw), shared).load()
    except Exception:  # corrupt, truncated, refused: all the same to the caller
        return default
    return value if _conforms(kind, value) else default


def _is_record(value: Any) -> typing.TypeGuard[type]:
    return isinstance(value, type) and dataclasses.is_dataclass(value)


def _conforms(kind: Any, value: Any) -> bool:
    """Whether `value` is of type `kind`, looking into tuples and frozensets; other generic
    types are checked by a round trip through the typed decoder (slow; no stage returns one)."""
    return _checker(kind)(value)


Check = Callable[[Any], bool]


@functools.cache
def _checker(kind: Any) -> Check:
    """`_conforms` for one type, worked out once: a rebuild checks 10,000s of values."""
    if kind is Any:
        return lambda value: True
    if isinstance(kind, type):
        if _is_record(kind) and hasattr(kind, "readable"):  # the record checks its own bytes
            return lambda value: (
                isinstance(value, kind) and bool(typing.cast(Any, value).readable())
            )
        if _is_record(kind):
            return lambda value: isinstance(value, kind)
        return lambda value: type(value) is kind
    args, origin = typing.get_args(kind), typing.get_origin(kind)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _each(tuple, _checker(args[0]))
    if origin is frozenset:
        return _each(frozenset, _checker(args[0]))
    return functools.partial(_round_trips, kind)


def _each(container: type, item: Check) -> Check:
    def check(value: Any) -> bool:
        items: Iterable[Any] = value  # read only once it is known to be the container
        return type(value) is container and all(item(x) for x in items)

    return check


def _round_trips(kind: Any, value: Any) -> bool:
    try:
        return bool(decode(kind, encode(value)) == value)
    except (ShapeError, TypeError):
        return False


# -- records <-> JSON -----------------------------------------------------------------------


class ShapeError(ValueError):
    """A stored value does not have the shape of the expected type."""


EMPTY: Mapping[int, str] = types.MappingProxyType({})


def encode(value: Any, named: Mapping[int, str] = EMPTY) -> Any:
    """Frozen dataclasses, tuples and scalars as JSON-ready data; TypeError for anything else.

    `named`: digests standing for records, by id() (see `Memo.name`)."""
    kind = type(value)
    if kind in _PLAIN:  # the commonest cases first: a rebuild encodes every seed's arguments
        return value
    names = field_names(kind)
    if names is not None:
        digest = named.get(id(value))
        if digest is not None:
            return {"@": digest}  # no record has a field named "@"
        return {name: encode(getattr(value, name), named) for name in names}
    if isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (tuple, list)):
        if all(type(item) is str for item in value):  # sentences, paragraphs: the bulk of it
            return list(value)
        return [encode(item, named) for item in value]
    if isinstance(value, (frozenset, set)):
        if all(type(item) is str for item in value):  # lines, names: sorting them is enough
            return sorted(value)
        return sorted((encode(item, named) for item in value), key=dumps_json)
    if isinstance(value, dict):  # arguments only (editor rules, front matter)
        if all(type(k) is str for k in value):  # the usual case: sorting by key is enough
            return sorted([k, encode(v, named)] for k, v in value.items())
        return sorted(
            ([encode(k, named), encode(v, named)] for k, v in value.items()), key=dumps_json
        )
    if isinstance(value, re.Pattern):
        return {"pattern": value.pattern, "flags": value.flags}
    raise TypeError(f"cannot encode {type(value).__name__}")


_PLAIN = frozenset({str, int, float, bool, type(None)})


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def field_names(kind: type) -> tuple[str, ...] | None:
    """The fields of dataclass `kind` (None for other types), found once per type."""
    if kind not in _FIELD_NAMES:
        record = dataclasses.is_dataclass(kind)
        _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind)) if record else None
    return _FIELD_NAMES[kind]


def dumps_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")


def decode(kind: Any, data: Any) -> Any:
    """`data` read back as a value of type `kind`; ShapeError when it does not fit."""
    return _decoder(kind)(data)


Decoder = Callable[[Any], Any]


@functools.cache
def _decoder(kind: Any) -> Decoder:
    """A function reading values of type `kind`, built once per type: a warm rebuild reads
    back thousands of records, and resolving the type hints each time cost seconds."""
    origin = typing.get_origin(kind)
    if kind is Any:
        return lambda data: data
    if kind is None or kind is type(None):
        return lambda data: _expect(data is None, data, "None")
    if origin in (types.UnionType, typing.Union):
        return _union_decoder(tuple(_decoder(option) for option in typing.get_args(kind)))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass_decoder(kind)
    if origin is tuple:
        return _tuple_decoder(typing.get_args(kind))
    if origin is frozenset:
        (item,) = typing.get_args(kind)
        each = _decoder(item)
        return lambda data: frozenset(each(x) for x in _expect(type(data) is list, data, "list"))
    if kind is float:
        return lambda data: float(
            _expect(type(data) in (int, float), data, "float")  # bool is not a number here
        )
    if kind in (str, int, bool):
        return lambda data: _expect(type(data) is kind, data, kind.__name__)
    raise ShapeError(f"cannot decode type {kind!r}")


def _expect(ok: bool, data: Any, what: str) -> Any:
    if not ok:
        raise ShapeError(f"expected {what}, found {type(data).__name__}")
    return data


def _union_decoder(options: tuple[Decoder, ...]) -> Decoder:
    def read(data: Any) -> Any:
        for option in options:
            try:
                return option(data)
            except ShapeError:
                continue
        raise ShapeError(f"{type(data).__name__} fits none of the union's types")

    return read


def _dataclass_decoder(kind: type) -> Decoder:
    fields = {name: _decoder(hint) for name, hint in _fields(kind).items()}
    names, pairs = fields.keys(), tuple(fields.items())

    def read(data: Any) -> Any:
        if type(data) is not dict or data.keys() != names:
            raise ShapeError(f"expected the fields of {kind.__name__}")
        return kind(**{name: each(data[name]) for name, each in pairs})

    return read


def _tuple_decoder(items: tuple[Any, ...]) -> Decoder:
    if len(items) == 2 and items[1] is Ellipsis:
        each = _decoder(items[0])
        if items[0] is str:  # the commonest: paragraphs, sentences
            return lambda data: tuple(
                _expect(type(data) is list and all(type(x) is str for x in data), data, "strings")
            )
        return lambda data: tuple(each(x) for x in _expect(type(data) is list, data, "list"))
    decoders = tuple(_decoder(item) for item in items)

    def read(data: Any) -> tuple[Any, ...]:
        if type(data) is not list or len(data) != len(decoders):
            raise ShapeError(f"expected a list of {len(decoders)} items")
        return tuple(each(x) for each, x in zip(decoders, data, strict=True))

    return read


@functools.cache
def _fields(kind: type) -> dict[str, Any]:
    """The type of each field of dataclass `kind` that `__init__` takes (resolving the hints
    is slow: done once per class)."""
    hints = typing.get_type_hints(kind)
    return {f.name: hints[f.name] for f in dataclasses.fields(kind) if f.init}
