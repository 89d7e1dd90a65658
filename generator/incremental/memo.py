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
import io
import json
import logging
import pickle
import typing
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from generator.incremental.cache import Cache
from generator.incremental.stored import (
    NAMED_ONLY,
    PICKLE_PROTOCOL,
    SharingPickler,
    dumps_json,
    encode,
    field_names,
    load_records,
)
from generator.incremental.versions import code_version

log = logging.getLogger(__name__)

R = TypeVar("R")
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
        if self.cache is not None and field_names(type(record)) is not None:
            self._names[id(record)] = digest
            self._held.append(record)
            if shared:
                self._shared_ids[id(record)] = digest
                self._shared[digest] = record

    def intern(self, record: Any) -> None:
        """Name `record` by the digest of its content, worked out once: for a record built
        from named ones (a page from its article) and passed to many stages, each of which
        would otherwise encode it again."""
        names = field_names(type(record))
        if self.cache is not None and names is not None and id(record) not in self._names:
            fields = tuple(getattr(record, name) for name in names)
            encoded = self._named_only(fields) or dumps_json(encode(record, self._names))
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
    ) -> list[R]:
        """`[stage(*args) for args in calls]`: what is stored is read in one query, and what
        is not is computed all together by `run(stage, missing calls)`, which may share the
        work among processes."""
        if self.cache is None:
            return list(run(stage, calls))
        kind = _kind(stage)
        keys = [self._key(stage, args) for args in calls]
        stored = self.cache.get_many(kind, [k for k in keys if k is not None])
        values: list[Any] = [
            self._stored(stage, stored.get(k, b"") if k is not None else b"") for k in keys
        ]
        todo = [i for i, value in enumerate(values) if value is _MISSING]
        self.hits += len(calls) - len(todo)
        fresh = zip(todo, run(stage, [calls[i] for i in todo]), strict=True)
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
        worked out only if the build sweeps (`forget_unused`), which a rebuild seldom does:
        thousands of pairs' keys are otherwise hashed for nothing."""
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
            encoded = encoded or dumps_json(encode(args, self._names))
        except TypeError as exc:  # an argument the codec does not know: run uncached
            log.debug("%s: not memoised (%s)", stage.__qualname__, exc)
            return None
        version = f"{code_version(stage.__module__)}\0{PICKLE_PROTOCOL}\0".encode()
        return hashlib.sha256(version + encoded).hexdigest()

    def _named_only(self, args: Args) -> bytes | None:
        """The arguments' names, when each argument is a named record, a string, None, an int
        or a tuple of those: most calls of a rebuild, whose keys are then made without encoding
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
        if type(value) is int:  # a page's number: "#" is in no name, string or digest
            return f"#{value}"
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
        SharingPickler(out, self._shared_ids).dump(value)
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


DIRECT = Memo(None)  # runs every stage: the default when no cache is wanted
