"""Read a YAML data file into plain Python values with the line of every value.

Every scalar is kept as text (``str``) or ``None``: YAML 1.1's guesses (``09.00`` as a float,
``9:00`` as 540, ``010`` as octal, ``no`` as false, ``2024-12-06`` as a date) are exactly the
mistakes a clerk's file must not suffer. The model decides what a value means.

Positions are kept in a :class:`SourceMap` keyed by the path of each value, e.g.
``("circulars", 0, "date")``; a mapping entry points at its key's line, a list item at the
item's first line.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .findings import InputError

Path_ = tuple[str | int, ...]


def _limit(env: str, default: int) -> int:
    """A size limit, raised (or lowered) by the environment variable ``env``."""
    try:
        return max(1, int(os.environ.get(env, "").replace(",", "").replace("_", "")))
    except ValueError:
        return default


MAX_BYTES = 32 * 1024 * 1024
"""Size of a data file (a 100,000-row register is about 11 MB). ``KBO_DOCS_MAX_BYTES``."""
MAX_VALUES = 2_000_000
"""Values in a data file (a register row of four columns is six). ``KBO_DOCS_MAX_VALUES``."""
MAX_ALIAS_VALUES = 100_000
"""Values repeated by YAML aliases (``*name``): what stops a 'billion laughs' file.
``KBO_DOCS_MAX_ALIAS_VALUES``."""
MAX_DEPTH = 64
MAX_NODES = MAX_VALUES  # the former name


def limits() -> tuple[int, int, int]:
    """The limits in force: bytes, values, values repeated through aliases."""
    return (_limit("KBO_DOCS_MAX_BYTES", MAX_BYTES), _limit("KBO_DOCS_MAX_VALUES", MAX_VALUES),
            _limit("KBO_DOCS_MAX_ALIAS_VALUES", MAX_ALIAS_VALUES))


def _too_many(limit: int, env: str, alias: bool) -> str:
    if alias:
        return (f"แฟ้มมีค่ามากเกินไป: ค่าที่ alias (*ชื่อ) ทำซ้ำเกินขีดจำกัด {limit:,} ค่า ให้เขียนค่าออกมาตรง ๆ "
                f"หรือเพิ่มขีดจำกัดด้วยตัวแปรสภาพแวดล้อม {env} / too many values: YAML aliases (*name) repeat "
                f"more than {limit:,} values (the limit that stops 'billion laughs' files); write the values out, "
                f"or raise the limit with the environment variable {env}")
    return (f"แฟ้มมีค่ามากเกินไป: เกินขีดจำกัด {limit:,} ค่า ให้แบ่งแฟ้ม หรือเพิ่มขีดจำกัดด้วยตัวแปรสภาพแวดล้อม {env} / "
            f"too many values: more than the limit of {limit:,}; split the file, or raise the limit with the "
            f"environment variable {env}")


@dataclass
class SourceMap:
    """Line numbers (1-based) of the values of one file, by path (a value standing on the line
    its parent stands on may be left out: :meth:`line` finds it there)."""

    file: str
    lines: dict[Path_, int] = field(default_factory=dict)
    spans: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """First and last line of each text value (a folded block runs over several lines)."""
    text: list[str] = field(default_factory=list)
    positions: dict[Path_, dict[str, int]] = field(default_factory=dict)
    """Rows written as lists (``[name, v1, v2]``): for a list of such rows (e.g.
    ``("registers", 0, "rows")``), the position of each name in a row, so that the cell
    ``(..., "rows", 3, "stars")`` is found where it was typed, at ``(..., "rows", 3, 1)``."""

    def resolve(self, path: Path_) -> Path_:
        """``path``, or the position of the same value in a row written as a list."""
        if path in self.lines or len(path) < 5:
            return path
        names = self.positions.get(path[:3])
        key = path[4]
        if names is None or not isinstance(key, str) or key not in names:
            return path
        return (*path[:4], names[key], *path[5:])
    places: dict[Path_, tuple[str, str]] = field(default_factory=dict)
    """Values read from another file (a clerk's XLSX, :mod:`kbo_docs.sheets`): that file and
    the cell, e.g. ``("reg.xlsx", "'ทะเบียน'!C7")``."""

    def place(self, path: Path_) -> tuple[str, str] | None:
        """The (file, cell) that ``path`` (or the row holding it) was read from, if another file."""
        path = tuple(p for p in path if p != "values")
        while len(path) >= 4:
            if path in self.places:
                return self.places[path]
            path = path[:-1]
        return None
    _joined: dict[tuple[int, int], tuple[str, list[int]]] = field(default_factory=dict, repr=False, compare=False)
    """Per span: its lines with whitespace collapsed and joined, and where each line starts."""
    _found: dict[tuple[int, int, str], list[int]] = field(default_factory=dict, repr=False, compare=False)

    def _span_text(self, first: int, last: int) -> tuple[str, list[int]]:
        key = (first, last)
        if key not in self._joined:
            pieces, starts, at = [], [], 0
            for number in range(first, min(last, len(self.text)) + 1):
                piece = " ".join(self.text[number - 1].split()) + " "
                pieces.append(piece)
                starts.append(at)
                at += len(piece)
            self._joined[key] = ("".join(pieces), starts)
        return self._joined[key]

    def line(self, path: Path_) -> int:
        """The line of ``path``, or of its nearest enclosing value that has one."""
        path = self.resolve(tuple(path))
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)

    def line_in(self, path: Path_, snippet: str, before: str | Prefix = "") -> int | None:
        """The line inside a (possibly multi-line) text value where ``snippet`` stands.

        ``before`` is the value's text ahead of the snippet, so that the right one of several
        equal snippets is found. Whitespace is compared collapsed, since YAML folds lines."""
        path = self.resolve(tuple(path))
        while path and path not in self.spans:  # a string standing for a model object
            path = path[:-1]
        first, last = self.spans.get(path, (0, 0))
        wanted = " ".join(snippet.split())
        if not first or not wanted:
            return None
        skip = _count_collapsed(before, wanted)
        joined, starts = self._span_text(first, last)
        found = self._found.setdefault((first, last, wanted), [])  # where the snippet stands, found so far
        while len(found) <= skip:
            at = joined.find(wanted, found[-1] + 1 if found else 0)
            if at < 0:
                return None
            found.append(at)
        return first + bisect.bisect_right(starts, found[skip]) - 1


class Prefix:
    """``text[:end]``, made only when asked: the text ahead of a snippet places the first
    findings in a value, and copying it for every finding of a long value (thousands of them)
    cost time in proportion to the value's length each."""

    __slots__ = ("text", "end")

    def __init__(self, text: str, end: int) -> None:
        self.text, self.end = text, end

    def __str__(self) -> str:
        return self.text[: self.end]

    def __eq__(self, other: object) -> bool:
        return str(self) == str(other) if isinstance(other, (str, Prefix)) else NotImplemented

    def __hash__(self) -> int:
        return hash(str(self))


def _count_collapsed(before: str | Prefix, wanted: str) -> int:
    """``" ".join(before.split()).count(wanted)`` for a ``wanted`` already collapsed, without
    copying or splitting ``before``: collapsing whitespace leaves every run of other characters
    as it is, so a ``wanted`` without a space occurs (non-overlapping, left to right) in the same
    places; one with spaces is matched with any run of whitespace for each space."""
    text, end = (before.text, before.end) if isinstance(before, Prefix) else (before, len(before))
    if " " not in wanted:
        return text.count(wanted, 0, end)
    pattern = re.compile(r"\s+".join(re.escape(part) for part in wanted.split(" ")))
    return sum(1 for _ in pattern.finditer(text, 0, end))


def read_text(path: str | Path) -> str:
    """The file's text, decoded as UTF-8 (a BOM is allowed), or an InputError."""
    name = str(path)
    max_bytes = limits()[0]
    try:
        with open(path, "rb") as stream:
            raw = stream.read(max_bytes + 1)  # never more than the limit into memory
            size = os.fstat(stream.fileno()).st_size if len(raw) > max_bytes else len(raw)
    except OSError as exc:
        raise InputError(f"อ่านแฟ้มไม่ได้ / cannot read file: {exc.strerror or exc}", name) from None
    if len(raw) > max_bytes:
        raise _too_large(max(size, len(raw)), max_bytes, name)
    return decode_text(raw, name)


def _too_large(size: int, max_bytes: int, name: str) -> InputError:
    return InputError(f"แฟ้มใหญ่เกินไป: {size:,} ไบต์ เกินขีดจำกัด {max_bytes:,} ไบต์ ให้แบ่งแฟ้ม "
                      "หรือเพิ่มขีดจำกัดด้วยตัวแปรสภาพแวดล้อม KBO_DOCS_MAX_BYTES / "
                      f"file too large: {size:,} bytes, over the limit of {max_bytes:,}; split the file, "
                      "or raise the limit with the environment variable KBO_DOCS_MAX_BYTES", name)


def decode_text(raw: bytes, name: str = "<input>") -> str:
    """Bytes of a data file as text: UTF-8 (a BOM is allowed) within the size limit, or an InputError."""
    max_bytes = limits()[0]
    if len(raw) > max_bytes:
        raise _too_large(len(raw), max_bytes, name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError("แฟ้มไม่ใช่ UTF-8 / file is not UTF-8 text", name, line) from None


def parse_yaml(text: str, file: str = "<input>") -> tuple[Any, SourceMap]:
    """Parse YAML text into plain values (dict, list, str, None) and their positions.

    libyaml's event stream builds the values directly (fast, and no node tree held in memory);
    a file with anchors and aliases, or with a mistake, goes through the node tree instead
    (:func:`by_nodes`), so aliases are followed as PyYAML follows them and every message is
    the one it always was; a file libyaml refuses is parsed again by PyYAML's pure-Python
    loader, whose errors :mod:`kbo_docs.yaml_errors` explains."""
    smap = SourceMap(file, text=text.splitlines())
    if getattr(yaml, "__with_libyaml__", False):
        try:
            return _Stream(smap, yaml.CSafeLoader(text)).document(), smap
        except (yaml.YAMLError, _Fallback, InputError):
            # anchors, or a mistake: the node tree says it as before (a slip further down the
            # file is reported before a duplicate key above it, as PyYAML composes first)
            smap = SourceMap(file, text=smap.text)
    return by_nodes(text, smap), smap


def by_nodes(text: str, smap: SourceMap) -> Any:
    """The values of ``text`` through the node tree (aliases followed as PyYAML follows them),
    their lines into ``smap``."""
    node = _compose(text, smap.file)
    if node is None:
        raise InputError("แฟ้มว่าง / the file is empty", smap.file, 1)
    try:
        return _Builder(smap).build(node, ())
    except RecursionError:
        raise InputError("ซ้อนลึกเกินไป / nesting too deep", smap.file) from None


def _compose(text: str, file: str) -> Node | None:
    """The node tree: libyaml's when it accepts the text, else PyYAML's pure loader's (errors
    explained with the line, column and the repair)."""
    if getattr(yaml, "__with_libyaml__", False):
        try:
            return yaml.compose(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            pass
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        what = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise InputError(f"มีอักขระที่ใช้ไม่ได้ / unacceptable character {what} ({exc.reason})", file, line) from None
    except yaml.MarkedYAMLError as exc:
        from .yaml_errors import explain

        why = explain(text, exc)
        raise InputError(why.message, file, why.line, why.column, why.context) from None
    except RecursionError:
        raise InputError("ซ้อนลึกเกินไป / nesting too deep", file, _too_deep_line(text)) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises marked errors in practice
        raise InputError(f"YAML ผิดรูปแบบ / malformed YAML: {exc}", file) from None


def _too_deep_line(text: str) -> int:
    """The line where nesting first goes deeper than MAX_DEPTH (PyYAML's parser is iterative)."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark.line + 1
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return 0


NULL_TAG = "tag:yaml.org,2002:null"
MERGE_TAG = "tag:yaml.org,2002:merge"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
"""What PyYAML's resolver reads as null in a plain scalar (its null pattern, exactly)."""


def _not_text(file: str, line: int) -> InputError:
    return InputError("ชื่อคีย์ต้องเป็นข้อความ / a key must be plain text", file, line)


def _merge_key(file: str, line: int) -> InputError:
    return InputError("ไม่รองรับ '<<' / YAML merge keys are not supported", file, line)


def _duplicate(key: str, first: int, file: str, line: int) -> InputError:
    return InputError(f"คีย์ '{key}' ซ้ำกับบรรทัด {first} ให้ลบบรรทัดที่ไม่ใช้ออกหนึ่งบรรทัด / "
                      f"duplicate key '{key}' (also on line {first}); delete one of the two lines", file, line)


def _too_deep(file: str, line: int) -> InputError:
    return InputError("ซ้อนลึกเกินไป / nesting too deep", file, line)


class _Fallback(Exception):
    """The event stream holds something :class:`_Stream` leaves to the node tree (anchors)."""


class _Stream:
    """Plain values straight from libyaml's events, with the same lines, spans and errors as
    :class:`_Builder` gives from the node tree (null and merge keys resolved as PyYAML does)."""

    def __init__(self, smap: SourceMap, loader: Any) -> None:
        self.smap = smap
        self.next = loader.get_event
        self.loader = loader
        self.count = 0
        self.max_values = limits()[1]
        # one int object per line number, shared (YAML breaks lines at fewer characters than
        # str.splitlines does, so every line number fits)
        self.ints = list(range(len(smap.text) + 3))
        self.short: dict[str, str] = {}

    def document(self) -> Any:
        try:
            next_event = self.next
            next_event()  # StreamStart
            event = next_event()
            if isinstance(event, yaml.StreamEndEvent):
                raise InputError("แฟ้มว่าง / the file is empty", self.smap.file, 1)
            value = self.value(next_event(), ())
            next_event()  # DocumentEnd
            if not isinstance(next_event(), yaml.StreamEndEvent):
                raise _Fallback  # a second document: PyYAML's message
            return value
        finally:
            self.loader.dispose()

    def value(self, event: Any, path: Path_, key_line: int = 0, up: int = 0) -> Any:
        """The value starting with ``event`` at ``path``; ``up`` is the line the source map
        gives its parent: a value on that same line is not stored (``line()`` finds it there),
        so a register row typed on one line costs one entry, not one per cell."""
        self.count += 1
        line = self.ints[event.start_mark.line + 1]
        smap = self.smap
        if self.count > self.max_values:
            raise InputError(_too_many(self.max_values, "KBO_DOCS_MAX_VALUES", False), smap.file, line)
        if len(path) > MAX_DEPTH:
            raise _too_deep(smap.file, line)
        cls = type(event)
        if cls is yaml.AliasEvent or event.anchor is not None:
            raise _Fallback
        at = key_line or line
        if at != up or not path:
            smap.lines[path] = at
        if cls is yaml.ScalarEvent:
            tag = event.tag
            if (event.value in _NULLS and event.implicit[0]) if tag is None or tag == "!" else tag == NULL_TAG:
                return None
            end = event.end_mark.line + 1
            if not line == end == at:  # a one-line value is its own span
                smap.spans[path] = (line, self.ints[end])
            text = event.value
            if len(text) <= 8:  # numbers of a register: one string object for each value
                text = self.short.setdefault(text, text)
            return text
        next_event = self.next
        if cls is yaml.SequenceStartEvent:
            items: list[Any] = []
            item = next_event()
            while type(item) is not yaml.SequenceEndEvent:
                items.append(self.value(item, (*path, len(items)), 0, at))
                item = next_event()
            return items
        if cls is yaml.MappingStartEvent:
            out: dict[str, Any] = {}
            key = next_event()
            while type(key) is not yaml.MappingEndEvent:
                kline = self.ints[key.start_mark.line + 1]
                kind = type(key)
                if kind is yaml.AliasEvent or key.anchor is not None:
                    raise _Fallback
                if kind is not yaml.ScalarEvent:
                    raise _not_text(smap.file, kline)
                tag = key.tag
                if (key.value == "<<" and key.implicit[0]) if tag is None or tag == "!" else tag == MERGE_TAG:
                    raise _merge_key(smap.file, kline)
                name = key.value
                if name in out:
                    raise _duplicate(name, smap.line((*path, name)), smap.file, kline)
                out[name] = self.value(next_event(), (*path, name), kline, at)
                key = next_event()
            return out
        raise _Fallback  # pragma: no cover - libyaml gives no other node events


class _Builder:
    """Plain values from a node tree (a file with anchors and aliases, or one libyaml refused)."""

    def __init__(self, smap: SourceMap) -> None:
        self.smap = smap
        self.count = 0
        self.repeated = 0
        self.max_values, self.max_alias_values = limits()[1:]
        self.seen: set[int] = set()
        self.aliased = 0  # > 0 while building a node a second time (an alias)

    def build(self, node: Node, path: Path_, key_line: int | None = None) -> Any:
        self.count += 1
        line = node.start_mark.line + 1
        again = id(node) in self.seen
        self.seen.add(id(node))
        self.aliased += again
        try:
            return self._build(node, path, key_line, line)
        finally:
            self.aliased -= again

    def _build(self, node: Node, path: Path_, key_line: int | None, line: int) -> Any:
        file = self.smap.file
        if self.aliased:
            self.repeated += 1
            if self.repeated > self.max_alias_values:
                raise InputError(_too_many(self.max_alias_values, "KBO_DOCS_MAX_ALIAS_VALUES", True), file, line)
        if self.count > self.max_values:
            raise InputError(_too_many(self.max_values, "KBO_DOCS_MAX_VALUES", False), file, line)
        if len(path) > MAX_DEPTH:
            raise _too_deep(file, line)
        self.smap.lines[path] = key_line or line
        if isinstance(node, ScalarNode):
            if node.tag == NULL_TAG:
                return None
            self.smap.spans[path] = (line, node.end_mark.line + 1)
            return node.value
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                kline = key_node.start_mark.line + 1
                if not isinstance(key_node, ScalarNode):
                    raise _not_text(file, kline)
                if key_node.tag == MERGE_TAG:
                    raise _merge_key(file, kline)
                key = key_node.value
                if key in out:
                    raise _duplicate(key, self.smap.lines.get((*path, key), kline), file, kline)
                out[key] = self.build(value_node, (*path, key), kline)
            return out
        raise InputError("ค่าที่อ่านไม่ได้ / unsupported YAML node", file, line)  # pragma: no cover
