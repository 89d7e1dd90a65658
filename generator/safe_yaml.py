"""YAML that editors write, read at a bounded cost: every YAML file the build reads comes here.

A few hundred bytes of anchors and aliases can stand for billions of nodes ("billion
laughs"), and nesting thousands of levels deep makes a recursive composer overflow the Python
stack, or the C stack in libyaml's own composer (a segmentation fault, no message). So the
events come from libyaml's parser (iterative) and the nodes are put together by PyYAML's
Python composer, with three limits: the file's size in bytes, the depth of nesting, and the
number of nodes counting every alias as the whole node it repeats. A file past a limit is
refused with one line naming the limit; every other YAML problem is one line too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import Node
from yaml.resolver import Resolver

MAX_DEPTH = 50  # levels of nesting; the project's files use at most five
SHOWN = 300  # characters of a YAML problem's message


@dataclass(frozen=True)
class Limits:
    """What one kind of file may cost; `what` names the kind in messages."""

    what: str
    max_bytes: int
    max_nodes: int  # counting each alias as the size of the node it repeats
    max_depth: int = MAX_DEPTH
    timestamps: bool = True  # False: a date stays text (checked by the caller, not a crash)


# Real files hold a few dozen nodes (front matter, generator.yml), a thousand or two (the
# phrase lists), about seven per seed (stories.yml: 70,000 for 10,000 seeds).
FRONT_MATTER = Limits("front matter", 64 << 10, 1_000, timestamps=False)
CONFIG_YML = Limits("generator.yml", 64 << 10, 1_000)
EDITOR_YML = Limits("boilerplate.yml", 4 << 20, 200_000)
PHRASES_YML = Limits("generator/data/boilerplate.yml", 1 << 20, 20_000)
STORIES_YML = Limits("stories.yml", 32 << 20, 1_000_000)
URLS_YML = Limits("urls.yml", 32 << 20, 1_000_000)


class YamlProblem(yaml.YAMLError):
    """A file that is not valid YAML, or that is refused by a limit; the message is one line."""


class LimitError(YamlProblem):
    """The file is past one of its Limits."""


def read_yaml(path: Path, limits: Limits) -> Any:
    """The data in the file at `path`; OSError, UnicodeDecodeError or YamlProblem."""
    return _load(read_text(path, limits), limits)


def read_text(path: Path, limits: Limits) -> str:
    """The file's text, read no further than its size limit (LimitError past it), so a
    huge file costs no memory; OSError or UnicodeDecodeError if it cannot be read."""
    with path.open("rb") as file:
        raw = file.read(limits.max_bytes + 1)
    if len(raw) > limits.max_bytes:
        raise LimitError(_too_large(limits))
    return raw.decode("utf-8")


def load_yaml(text: str, limits: Limits) -> Any:
    """The data in `text` (None for an empty document); YamlProblem if refused or invalid."""
    size = len(text) if len(text) > limits.max_bytes else len(text.encode("utf-8", "replace"))
    if size > limits.max_bytes:
        raise LimitError(_too_large(limits))
    return _load(text, limits)


def _load(text: str, limits: Limits) -> Any:
    loader = None
    try:
        loader = _LOADER(text, limits)  # libyaml's takes the text as UTF-8, here
        if not limits.timestamps:
            loader.yaml_implicit_resolvers = _NO_TIMESTAMPS
        return loader.get_single_data()
    except LimitError:
        raise
    except yaml.MarkedYAMLError as exc:
        raise YamlProblem(_marked(exc)) from None
    except yaml.YAMLError as exc:  # a control character
        raise YamlProblem(_one_line(str(exc))) from None
    except ValueError as exc:  # an int of 5,000 digits, a date such as 2021-02-30
        raise YamlProblem(_one_line(f"bad value: {exc}")) from None
    finally:
        if loader is not None:
            loader.dispose()


def _too_large(limits: Limits) -> str:
    return f"refused: larger than {limits.max_bytes:,} bytes (the limit for {limits.what})"


def _marked(exc: yaml.MarkedYAMLError) -> str:
    """`exc` in one line: what, and where (the file's own line and column)."""
    parts = [p for p in (exc.context, exc.problem) if p]
    text = ": ".join(parts) or "not valid YAML"
    mark = exc.problem_mark or exc.context_mark
    if mark is not None:
        text += f" (line {mark.line + 1}, column {mark.column + 1})"
    return _one_line(text)


def _one_line(text: str) -> str:
    return " ".join(text.split())[:SHOWN]


class _BoundedComposer(Composer):
    """PyYAML's composer (it builds nodes from parser events), counting depth and nodes as
    the data will have them: an alias counts as the whole node it repeats, where it is."""

    def __init__(self, limits: Limits) -> None:
        Composer.__init__(self)
        self.limits = limits
        self._depth = 0  # of the node being composed
        self._deepest = 0  # level reached so far, aliases expanded
        self._nodes = 0
        self._anchored: dict[int, tuple[int, int]] = {}  # id of a node -> (size, height)

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event = self.peek_event()  # type: ignore[attr-defined]
        if isinstance(event, AliasEvent):
            node = self.anchors.get(event.anchor)
            if node is not None:  # an unknown alias is the composer's own error
                size, height = self._anchored.get(id(node), (-1, 0))
                self._grow(size, self._depth + height, event)
            return super().compose_node(parent, index)
        self._depth += 1
        level, start, outer = self._depth, self._nodes, self._deepest
        self._grow(1, level, event)
        node = super().compose_node(parent, index)
        if event.anchor is not None:
            self._anchored[id(node)] = (self._nodes - start, self._deepest - level + 1)
        self._deepest = max(outer, self._deepest)
        self._depth -= 1
        return node

    def _grow(self, size: int, level: int, event: Any) -> None:
        """`size` more nodes, reaching `level`; LimitError past a limit."""
        limits = self.limits
        if size < 0:  # the alias is inside the node it names: an endless structure
            raise LimitError(self._past("an alias inside the node it repeats", event, "endless"))
        self._nodes += size
        self._deepest = max(self._deepest, level)
        if level > limits.max_depth:
            raise LimitError(self._past(f"nested deeper than {limits.max_depth} levels", event))
        if self._nodes > limits.max_nodes:
            limit = limits.max_nodes
            raise LimitError(self._past(f"more than {limit:,} nodes with aliases expanded", event))

    def _past(self, what: str, event: Any, why: str = "") -> str:
        why = why or f"the limit for {self.limits.what}"
        return f"refused at line {event.start_mark.line + 1}: {what} ({why})"


class _PyLoader(
    yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, _BoundedComposer,
    SafeConstructor, Resolver,
):  # fmt: skip
    """PyYAML's pure-Python parser (iterative too): where PyYAML is built without libyaml."""

    def __init__(self, text: str, limits: Limits) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _BoundedComposer.__init__(self, limits)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)


_LOADER: type[Any] = _PyLoader
try:
    from yaml._yaml import CParser

    class _CLoader(_BoundedComposer, CParser, SafeConstructor, Resolver):
        """libyaml's parser, several times faster; our composer ahead of its own, which is
        recursive in C."""

        def __init__(self, text: str, limits: Limits) -> None:
            CParser.__init__(self, text)
            _BoundedComposer.__init__(self, limits)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

    _LOADER = _CLoader
except ImportError:
    pass

_NO_TIMESTAMPS = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}


# A scalar YAML reads back as the same string without quotes: a file name, a page path or
# URL (letters of any script, digits, `.`, `-`, `_`, `/`), ending in an extension or a `/`,
# so that no resolver (numbers, booleans, dates, null) can take it for anything else.
_PLAIN = re.compile(r"[^\W_][\w.-]*(?:/[\w.-]+)*(?:\.(?:txt|html|md)|/)")


def yaml_scalar(text: str) -> str:
    """`text` as a YAML scalar: plain when it reads back as itself, else double-quoted with
    every character that is not printable escaped (YAML's escapes, which JSON's are not for
    characters beyond U+FFFF)."""
    if _PLAIN.fullmatch(text):
        return text
    out = ['"']
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char.isprintable():
            out.append(char)
        else:
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return "".join(out) + '"'


def dump_flat_mapping(mapping: Mapping[str, str]) -> str:
    """`key: value` lines, in the mapping's order: what `yaml.safe_dump` writes of a mapping
    of strings, made line by line (it took most of a rebuild's writing of `urls.yml`)."""
    return "".join(f"{yaml_scalar(key)}: {yaml_scalar(value)}\n" for key, value in mapping.items())
