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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .findings import InputError

Path_ = tuple[str | int, ...]

MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64


@dataclass
class SourceMap:
    """Line numbers (1-based) of the values of one file, by path."""

    file: str
    lines: dict[Path_, int] = field(default_factory=dict)
    spans: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """First and last line of each text value (a folded block runs over several lines)."""
    text: list[str] = field(default_factory=list)
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
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)

    def line_in(self, path: Path_, snippet: str, before: str = "") -> int | None:
        """The line inside a (possibly multi-line) text value where ``snippet`` stands.

        ``before`` is the value's text ahead of the snippet, so that the right one of several
        equal snippets is found. Whitespace is compared collapsed, since YAML folds lines."""
        path = tuple(path)
        while path and path not in self.spans:  # a string standing for a model object
            path = path[:-1]
        first, last = self.spans.get(path, (0, 0))
        wanted = " ".join(snippet.split())
        if not first or not wanted:
            return None
        skip = " ".join(before.split()).count(wanted)
        joined, starts = self._span_text(first, last)
        found = self._found.setdefault((first, last, wanted), [])  # where the snippet stands, found so far
        while len(found) <= skip:
            at = joined.find(wanted, found[-1] + 1 if found else 0)
            if at < 0:
                return None
            found.append(at)
        return first + bisect.bisect_right(starts, found[skip]) - 1


def read_text(path: str | Path) -> str:
    """The file's text, decoded as UTF-8 (a BOM is allowed), or an InputError."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"อ่านแฟ้มไม่ได้ / cannot read file: {exc.strerror or exc}", name) from None
    return decode_text(raw, name)


def decode_text(raw: bytes, name: str = "<input>") -> str:
    """Bytes of a data file as text: UTF-8 (a BOM is allowed) within the size limit, or an InputError."""
    if len(raw) > MAX_BYTES:
        raise InputError(f"แฟ้มใหญ่เกินไป / file too large ({len(raw)} bytes, limit {MAX_BYTES})", name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError("แฟ้มไม่ใช่ UTF-8 / file is not UTF-8 text", name, line) from None


def parse_yaml(text: str, file: str = "<input>") -> tuple[Any, SourceMap]:
    """Parse YAML text into plain values (dict, list, str, None) and their positions."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
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
    smap = SourceMap(file, text=text.splitlines())
    if node is None:
        raise InputError("แฟ้มว่าง / the file is empty", file, 1)
    builder = _Builder(smap)
    try:
        value = builder.build(node, ())
    except RecursionError:
        raise InputError("ซ้อนลึกเกินไป / nesting too deep", file) from None
    return value, smap


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


class _Builder:
    def __init__(self, smap: SourceMap) -> None:
        self.smap = smap
        self.count = 0

    def build(self, node: Node, path: Path_, key_line: int | None = None) -> Any:
        self.count += 1
        line = node.start_mark.line + 1
        if self.count > MAX_NODES:
            raise InputError("แฟ้มมีค่ามากเกินไป / too many values (alias expansion?)", self.smap.file, line)
        if len(path) > MAX_DEPTH:
            raise InputError("ซ้อนลึกเกินไป / nesting too deep", self.smap.file, line)
        self.smap.lines[path] = key_line or line
        if isinstance(node, ScalarNode):
            if node.tag == "tag:yaml.org,2002:null":
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
                    raise InputError("ชื่อคีย์ต้องเป็นข้อความ / a key must be plain text", self.smap.file, kline)
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise InputError("ไม่รองรับ '<<' / YAML merge keys are not supported", self.smap.file, kline)
                key = key_node.value
                if key in out:
                    first = self.smap.lines.get((*path, key), kline)
                    raise InputError(f"คีย์ '{key}' ซ้ำกับบรรทัด {first} ให้ลบบรรทัดที่ไม่ใช้ออกหนึ่งบรรทัด / "
                                     f"duplicate key '{key}' (also on line {first}); delete one of the two lines",
                                     self.smap.file, kline)
                out[key] = self.build(value_node, (*path, key), kline)
            return out
        raise InputError("ค่าที่อ่านไม่ได้ / unsupported YAML node", self.smap.file, line)  # pragma: no cover
