"""Record fields stored packed, as bytes, and unpacked only when first read.

A rebuild reads back every seed and every analysis from the cache, but uses the texts of
only the few that changed: the rest stand for themselves by their digests. Unpickling a
string decodes its UTF-8, which was most of that reading (2,000 seeds: 24 ms of 28);
unpickling bytes only copies them. So a packed field is pickled as bytes and turned back
into its value by the first read of the attribute, which then keeps the value.

    @packed.fields(text=packed.TEXT)
    @dataclass(frozen=True)
    class SeedText: ...

The field stays an ordinary field of the dataclass, typed as what it holds; a data
descriptor installed over it stores what `__init__` sets and unpacks what a pickle left,
so `__eq__`, `__hash__`, `repr`, `dataclasses.replace` and the memo's keys all see the
unpacked value. The record's pickles hold the field packed (`__getstate__`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R", bound=type)

SEPARATOR = "\x00"  # between the strings of a packed tuple; a tuple holding one is not packed


@dataclass(frozen=True)
class Codec(Generic[T]):
    pack: Callable[[T], bytes | None]  # None: this value cannot be packed, and is kept as is
    unpack: Callable[[bytes], T]  # never raises: it runs on an attribute's first read
    empty: bytes  # what an empty value packs to


class Packed(Generic[T]):
    """The descriptor over a packed field: what `__dict__` holds is the value, or bytes."""

    def __init__(self, name: str, codec: Codec[T]) -> None:
        self.name, self.codec = name, codec

    def __get__(self, record: object | None, owner: type) -> Any:
        if record is None:
            return self
        value = record.__dict__[self.name]
        if type(value) is bytes:
            value = record.__dict__[self.name] = self.codec.unpack(value)
        return value

    def __set__(self, record: object, value: T) -> None:
        record.__dict__[self.name] = value

    def stored(self, record: object) -> Any:
        """The field as pickled: packed, unless it cannot be (then as it is)."""
        value = record.__dict__[self.name]
        if type(value) is bytes:
            return value
        packed = self.codec.pack(value)
        return value if packed is None else packed

    def empty(self, record: object) -> bool:
        """Whether the field is empty, without unpacking it."""
        value = record.__dict__[self.name]
        return value == self.codec.empty if type(value) is bytes else not value


def fields(**codecs: Codec[Any]) -> Callable[[R], R]:
    """Class decorator over a dataclass: store the named fields packed by their codecs."""

    def install(kind: R) -> R:
        names = {f.name for f in dataclasses.fields(kind)}
        for name, codec in codecs.items():
            if name not in names or name in vars(kind):  # a default would be shadowed
                raise TypeError(f"{kind.__name__}.{name}: not a field without a default")
            setattr(kind, name, Packed(name, codec))
        packed = tuple(vars(kind)[name] for name in codecs)

        def __getstate__(self: object) -> dict[str, Any]:
            state = dict(self.__dict__)
            for field in packed:
                state[field.name] = field.stored(self)
            return state

        setattr(kind, "__getstate__", __getstate__)  # noqa: B010 (a method of the class)
        return kind

    return install


def empty(record: object, name: str) -> bool:
    """Whether packed field `name` of `record` is empty, without unpacking it."""
    field: Packed[Any] = vars(type(record))[name]
    return field.empty(record)


def _pack_text(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _unpack_text(raw: bytes) -> str:
    # The bytes are this module's own encoding, in a file SQLite checks; a read of the
    # attribute deep in the pipeline is no place to fail on them.
    try:
        return raw.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")


def _pack_texts(texts: tuple[str, ...]) -> bytes | None:
    """The strings as one, `SEPARATOR` between them, after how many there are ("" and
    ("",) would otherwise both be empty); None if a string holds the separator."""
    if any(SEPARATOR in text for text in texts):
        return None
    return _pack_text(f"{len(texts)}:{SEPARATOR.join(texts)}")


def _unpack_texts(raw: bytes) -> tuple[str, ...]:
    count, _, joined = _unpack_text(raw).partition(":")
    return tuple(joined.split(SEPARATOR)) if count != "0" else ()


TEXT = Codec(_pack_text, _unpack_text, b"")  # a str, as its UTF-8
TEXTS = Codec(_pack_texts, _unpack_texts, b"0:")  # a tuple[str, ...], as one string's UTF-8
