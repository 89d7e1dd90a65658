"""Memoise pipeline stages in the cache, so a rebuild redoes only the work of changed seeds.

`memo(stage, *args)` returns `stage(*args)`, from the cache when the same stage, at the same
code version, has seen the same arguments. The key is the sha256 of the arguments (a seed's
whole text for `clean_text`, so its content hash) and of the code version: the source of the
stage's module and of every module of the package it uses, the package's data files, the
installed versions of its dependencies and an optional `CACHE_VERSION` constant in the
stage's module. Editing a stage therefore invalidates its entries without anyone having to
remember to bump a number. What the scan cannot see (a module imported inside a function, a
file read from outside `generator/data/`) needs `CACHE_VERSION` bumped by hand.

Values are the package's frozen records (and strings), stored with pickle, which a warm
rebuild of thousands of articles reads back several times faster than typed JSON. The cache
file is data, never code: the unpickler rebuilds only the package's own dataclasses and
refuses anything else, and what it returns is checked against the stage's return type. A
value that does not read back, or has the wrong type, is recomputed, never trusted (a record
holding arrays as bytes says whether they read back: its `readable()`); one of an older code
is never read at all, its key being another.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.metadata
import io
import itertools
import json
import logging
import pickle
import re
import sys
import types
import typing
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from .cache import Cache

log = logging.getLogger(__name__)

R = TypeVar("R")
DISTRIBUTION = "news-archive-generator"
DATA_FILE_LIMIT = 4 << 20  # bytes; larger package data (models) is versioned by its package
COMMIT_EVERY = 500  # stored values; a crash loses at most this much work


Args = tuple[Any, ...]
Runner = Callable[[Callable[..., Any], Sequence[Args]], Iterable[Any]]
_MISSING = object()  # not in the cache (a stage may well return None)


def serial(stage: Callable[..., Any], calls: Sequence[Args]) -> Iterable[Any]:
    return (stage(*args) for args in calls)


@dataclasses.dataclass(frozen=True)
class Deferred:
    """A stage's text that is stored but not read: `key` determines it, `load()` reads it
    (or computes it again, if it does not read back)."""

    key: str
    load: Callable[[], str] = dataclasses.field(compare=False, repr=False)


Text = str | Deferred  # a generated file's text, or the means to read it (`Memo.texts`)


class Memo:
    def __init__(self, cache: Cache | None) -> None:
        """`cache=None`: every call runs its stage (no cache)."""
        self.cache = cache
        # Set by a build whose write stage knows the files the last one wrote (write.py):
        # `texts` may then leave stored texts unread.
        self.defer_texts = False
        self.hits = 0
        self.misses = 0
        self.computed: Counter[str] = Counter()  # misses by stage
        # Digests standing for records' content, by id(); the records are held so that
        # their ids are not reused by other objects while the memo lives.
        self._names: dict[int, str] = {}
        self._held: list[Any] = []
        # Records stored in other stages' values by their digest alone (`name(shared=True)`).
        self._shared_ids: dict[int, str] = {}
        self._shared: dict[str, Any] = {}
        # Calls whose stored results count as used (`keep`), by stage.
        self._kept: dict[Callable[..., Any], list[Sequence[Args]]] = defaultdict(list)

    def name(self, record: Any, digest: str, *, shared: bool = False) -> None:
        """Let `digest` stand for `record` in the keys of later stages, instead of its content.

        `digest` must determine the record entirely (a seed's is its bytes' hash and the
        reader's code version): keys then stay exact, and a rebuild does not encode and
        hash every article's text again for each stage it is passed to.

        `shared`: the record is also stored by its digest alone in the values that hold it
        (a seed in its analysis), and put back from this memo when they are read: a value
        read by a memo that was not given the record is recomputed."""
        if self.cache is not None and _field_names(type(record)) is not None:
            self._names[id(record)] = digest
            self._held.append(record)
            if shared:
                self._shared_ids[id(record)] = digest
                self._shared[digest] = record

    def intern(self, record: Any) -> None:
        """Name `record` by the digest of its content, worked out once: for a record built
        from named ones (a page from its article) and passed to many stages, each of which
        would otherwise encode it again."""
        names = _field_names(type(record))
        if self.cache is not None and names is not None and id(record) not in self._names:
            fields = tuple(getattr(record, name) for name in names)
            encoded = self._named_only(fields) or _dumps(encode(record, self._names))
            kind = type(record).__qualname__.encode()
            self.name(record, "=" + hashlib.sha256(kind + b"\0" + encoded).hexdigest())

    def __call__(self, stage: Callable[..., R], *args: Any, **tools: Any) -> R:
        """`stage(*args, **tools)`; the key is made of `args` only: `tools` (an encoder, a
        cache) are how the work is done, not what it is done on."""
        (value,) = self.many(stage, [args], lambda run, calls: [run(*a, **tools) for a in calls])
        return value

    def many(
        self,
        stage: Callable[..., R],
        calls: Sequence[Args],
        run: Runner = serial,
        *,
        ahead: bool = False,
    ) -> list[R]:
        """`[stage(*args) for args in calls]`: what is stored is read in one query, and what
        is not is computed all together by `run(stage, missing calls)`, which may share the
        work among processes.

        `ahead`: `run` is given the calls whose keys are not stored before the stored values
        are read, so that a runner that starts at once in another process (`cores.ahead`)
        works while this one reads (a rebuild's new seed is analysed while the other seeds'
        analyses are read back)."""
        if self.cache is None:
            return list(run(stage, calls))
        kind = _kind(stage)
        keys = [self._key(stage, args) for args in calls]
        early: list[int] = []
        started: Iterable[Any] = ()
        if ahead:
            present = self.cache.present(kind, [k for k in keys if k is not None])
            early = [i for i, key in enumerate(keys) if key is None or key not in present]
            started = run(stage, [calls[i] for i in early])
        stored = self.cache.get_many(kind, [k for k in keys if k is not None])
        values: list[Any] = [
            self._stored(stage, stored.get(k, b"") if k is not None else b"") for k in keys
        ]
        begun = set(early)
        todo = [i for i, value in enumerate(values) if value is _MISSING and i not in begun]
        self.hits += len(calls) - len(early) - len(todo)
        fresh = itertools.chain(
            zip(early, started, strict=True),
            zip(todo, run(stage, [calls[i] for i in todo]), strict=True),
        )
        for i, value in fresh:  # stored as they come: a crash loses at most COMMIT_EVERY
            values[i], key = value, keys[i]
            self.misses += 1
            self.computed[stage.__name__] += 1
            if key is not None:
                self.cache.put(kind, key, self._pickle(value))
            if self.misses % COMMIT_EVERY == 0:
                self.cache.commit()
        for value, key in zip(values, keys, strict=True):
            if key is not None:  # a stage's result is determined by its key: it may stand for it
                self.name(value, f"{kind}:{key}")
        return values

    def texts(
        self, stage: Callable[..., str], calls: Sequence[Args], run: Runner = serial
    ) -> list[Text]:
        """`many` for a stage that returns a file's text; with `defer_texts`, each text is a
        `Deferred` and a stored one is not read: a rebuild does not read back the
        thousands of pages it would only compare with the files the last build wrote."""
        if self.cache is None or not self.defer_texts:
            return list(self.many(stage, calls, run))
        keys = [self._key(stage, args) for args in calls]
        stored = self.cache.present(_kind(stage), [k for k in keys if k is not None])
        todo = [i for i, key in enumerate(keys) if key is None or key not in stored]
        values: list[Text] = [
            Deferred(key, functools.partial(self._read, stage, args, key, run))
            if key is not None and key in stored
            else ""
            for key, args in zip(keys, calls, strict=True)
        ]
        self.hits += len(calls) - len(todo)
        for i, text in zip(todo, self.many(stage, [calls[i] for i in todo], run), strict=True):
            key = keys[i]  # computed now: deferred too, so that the write stage records it
            values[i] = text if key is None else Deferred(key, functools.partial(str, text))
        return values

    def keep(self, stage: Callable[..., Any], calls: Sequence[Args]) -> None:
        """Count the stored results of `calls` as used without reading them: results that a
        stored value made of them stands for (a page and the pairs it aligned), which a
        complete build must not forget while that value is still used. Their keys are
        worked out only if the build sweeps (`forget_unused`): 5,390 pairs' keys took 11 ms
        of every rebuild of 2,000 seeds, which seldom sweeps."""
        if self.cache is not None:
            self._kept[stage].append(calls)

    def forget_unused(self, prefix: str) -> int:
        """`Cache.forget_unused`, the results `keep` was told of counted as used."""
        if self.cache is None:
            return 0
        later = {
            _kind(stage): functools.partial(self._keys, stage, batches)
            for stage, batches in self._kept.items()
        }
        return self.cache.forget_unused(prefix, later)

    def _keys(self, stage: Callable[..., Any], batches: Sequence[Sequence[Args]]) -> list[str]:
        keys = (self._key(stage, args) for calls in batches for args in calls)
        return [key for key in keys if key is not None]

    def _read(self, stage: Callable[..., str], args: Args, key: str, run: Runner) -> str:
        assert self.cache is not None  # only a memo with a cache defers
        value = self._stored(stage, self.cache.get(_kind(stage), key) or b"")
        if value is _MISSING:
            (value,) = run(stage, [args])
            self.cache.put(_kind(stage), key, self._pickle(value))
        return str(value)

    def _key(self, stage: Callable[..., Any], args: Args) -> str | None:
        encoded = self._named_only(args)
        try:
            encoded = encoded or _dumps(encode(args, self._names))
        except TypeError as exc:  # an argument the codec does not know: run uncached
            log.debug("%s: not memoised (%s)", stage.__qualname__, exc)
            return None
        version = f"{code_version(stage.__module__)}\0{PICKLE_PROTOCOL}\0".encode()
        return hashlib.sha256(version + encoded).hexdigest()

    def _named_only(self, args: Args) -> bytes | None:
        """The arguments' names, when each argument is a named record, a string, None or a
        tuple of those: most calls of a rebuild, whose keys are then made without encoding
        any record. (JSON encodings start with "[", never with NAMED_ONLY; strings are
        JSON-quoted and names are digests, so no separator can come from either.)"""
        parts = [NAMED_ONLY]
        for arg in args:
            part = self._name_of(arg)
            if part is None:
                return None
            parts.append(part)
        return "\0".join(parts).encode("utf-8", "surrogatepass")

    def _name_of(self, value: Any) -> str | None:
        name = self._names.get(id(value))
        if name is not None:
            return name
        if type(value) is str:
            return json.dumps(value, ensure_ascii=False)
        if value is None:
            return "null"
        if type(value) is tuple:
            names = [self._name_of(item) for item in value]
            known = [name for name in names if name is not None]
            return "[" + ",".join(known) + "]" if len(known) == len(names) else None
        return None

    def remember(self, stage: Callable[..., R], args: Args, value: R) -> None:
        """Store `value` as `stage(*args)`, for a caller that knows it without running the
        stage (the reading of a file it has just written: see `group_and_record`)."""
        key = self._key(stage, args) if self.cache is not None else None
        if self.cache is not None and key is not None:
            self.cache.put(_kind(stage), key, self._pickle(value))

    def _pickle(self, value: Any) -> bytes:
        if not self._shared_ids:
            return pickle.dumps(value, protocol=PICKLE_PROTOCOL)
        out = io.BytesIO()
        _SharingPickler(out, self._shared_ids).dump(value)
        return out.getvalue()

    def _stored(self, stage: Callable[..., Any], raw: bytes) -> Any:
        """The stored value if it reads back as the stage's return type, else _MISSING."""
        if not raw:
            return _MISSING
        value = load_records(raw, _return_type(stage), _MISSING, self._shared)
        if value is _MISSING:
            log.debug("%s: cached value discarded", stage.__qualname__)
        return value

    @classmethod
    def open(cls, path: Path | None) -> Memo:
        """A memo over the cache file at `path`; `None`: no cache."""
        return cls(None if path is None else Cache(path))

    def commit(self) -> None:
        if self.cache is not None:
            self.cache.commit()

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()

    def summary(self) -> str:
        if self.cache is None:
            return "no cache"
        return f"stage results: {self.hits} from cache, {self.misses} computed"


def _kind(stage: Callable[..., Any]) -> str:
    return f"memo:{stage.__module__}.{stage.__qualname__}"


@functools.cache
def _return_type(stage: Callable[..., Any]) -> Any:
    return typing.get_type_hints(stage)["return"]


NAMED_ONLY = "named"  # what keys made of names start with (see `Memo._named_only`)
PICKLE_PROTOCOL = 5  # part of every key: values stored another way are never read


class _SharingPickler(pickle.Pickler):
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
    if module.partition(".")[0] == __package__ and _is_record(found):
        return found
    raise pickle.UnpicklingError(f"{module}.{name} is not a record of {__package__}")


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


DIRECT = Memo(None)  # runs every stage: the default when no cache is wanted


# -- code version ---------------------------------------------------------------------------


@functools.cache
def code_version(module_name: str) -> str:
    """A digest of everything the module's results depend on, besides their arguments."""
    digest = hashlib.sha256()
    for name in sorted(_package_modules(module_name)):
        module = sys.modules[name]
        digest.update(name.encode() + b"\0" + _source(module) + b"\0")
        digest.update(str(getattr(module, "CACHE_VERSION", "")).encode() + b"\0")
    digest.update(_data_files(module_name.partition(".")[0]))
    digest.update(_dependencies().encode())
    return digest.hexdigest()


# How results are stored, cached and reported, not how they are computed: editing these
# must not throw away every stored result (the cache's FORMAT and the shape check guard them).
NOT_RESULTS = frozenset({"memo", "cache", "progress"})


def _package_modules(start: str) -> set[str]:
    """`start` and every module of its package that it uses, directly or not."""
    package = start.partition(".")[0]
    seen: set[str] = set()
    todo = [start]
    while todo:
        name = todo.pop()
        if name in seen or name not in sys.modules or _infrastructure(name, package):
            continue
        seen.add(name)
        for value in vars(sys.modules[name]).values():
            used = value.__name__ if isinstance(value, types.ModuleType) else None
            used = used or getattr(value, "__module__", None)
            if isinstance(used, str) and used.partition(".")[0] == package:
                todo.append(used)
    return seen


def _infrastructure(name: str, package: str) -> bool:
    return name.removeprefix(package + ".") in NOT_RESULTS


def _source(module: types.ModuleType) -> bytes:
    file = getattr(module, "__file__", None)
    try:
        return Path(file).read_bytes() if file else b""
    except OSError:
        return b""


def _data_files(package: str) -> bytes:
    module = sys.modules.get(package)
    file = getattr(module, "__file__", None)
    if not file:
        return b""
    data = Path(file).parent / "data"
    digest = hashlib.sha256()
    for path in sorted(data.rglob("*")) if data.is_dir() else ():
        if path.is_file() and path.stat().st_size <= DATA_FILE_LIMIT:
            digest.update(path.relative_to(data).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.digest()


@functools.cache
def _dependencies() -> str:
    """Installed versions of the project's dependencies: a new lingua may detect differently."""
    try:
        requires = importlib.metadata.requires(DISTRIBUTION) or []
    except importlib.metadata.PackageNotFoundError:
        return ""
    names = sorted({_requirement_name(r) for r in requires if "extra ==" not in r})
    return ";".join(f"{n}={_installed(n)}" for n in names)


def _requirement_name(requirement: str) -> str:
    for i, char in enumerate(requirement):
        if not (char.isalnum() or char in "-_."):
            return requirement[:i]
    return requirement


def _installed(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "-"


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
    names = _field_names(kind)
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
        return sorted((encode(item, named) for item in value), key=_dumps)
    if isinstance(value, dict):  # arguments only (editor rules, front matter)
        if all(type(k) is str for k in value):  # the usual case: sorting by key is enough
            return sorted([k, encode(v, named)] for k, v in value.items())
        return sorted(([encode(k, named), encode(v, named)] for k, v in value.items()), key=_dumps)
    if isinstance(value, re.Pattern):
        return {"pattern": value.pattern, "flags": value.flags}
    raise TypeError(f"cannot encode {type(value).__name__}")


_PLAIN = frozenset({str, int, float, bool, type(None)})


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    """The fields of dataclass `kind` (None for other types), found once per type."""
    if kind not in _FIELD_NAMES:
        record = dataclasses.is_dataclass(kind)
        _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind)) if record else None
    return _FIELD_NAMES[kind]


def _dumps(data: Any) -> bytes:
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
