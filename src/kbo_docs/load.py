"""Load a data file: text -> plain values with lines -> validated model with paths.

``load_project(path)`` returns a :class:`Loaded` (the model plus its source map) or raises
:class:`~kbo_docs.findings.InputError` with one clear line naming file and line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .findings import InputError
from .model import KINDS, Node, ProjectFile
from .source import SourceMap, parse_yaml, read_text


@dataclass(frozen=True)
class Loaded:
    """A validated project file and where each of its values stands in the source."""

    project: ProjectFile
    source: SourceMap

    @property
    def file(self) -> str:
        return self.source.file

    def line(self, node: Node, *more: str | int) -> int:
        """The line of ``node`` (or of one of its fields / items, given as ``more``)."""
        return line_of(self.source, (*node.path, *more))


def line_of(source: SourceMap, path: tuple[str | int, ...]) -> int:
    """Line of a model path. Row cells live under ``values`` in the model but not in the file;
    a row written as a list holds its cells by position, so both spellings are tried."""
    path = tuple(p for p in path if p != "values")
    return source.line(path)


def load_project(path: str | Path) -> Loaded:
    name = str(path)
    return load_text(read_text(path), name)


def load_text(text: str, file: str = "<input>") -> Loaded:
    data, source = parse_yaml(text, file)
    if not isinstance(data, dict):
        raise InputError("แฟ้มต้องเป็น mapping (agency:, project:, ...) / the file must be a mapping", file, source.line(()))
    try:
        project = ProjectFile.model_validate(data)
    except ValidationError as exc:
        raise _input_error(exc, source) from None
    _check_unique_ids(project, source)
    _alias_list_rows(project, source)
    _set_paths(project, ())
    return Loaded(project, source)


def _check_unique_ids(project: ProjectFile, source: SourceMap) -> None:
    seen: set[str] = set()
    for kind in (k.key for k in KINDS):
        for i, item in enumerate(getattr(project, kind)):
            if item.id in seen:
                raise InputError(f"{kind}.{i}.id: id ซ้ำ / duplicate id '{item.id}'", source.file, source.line((kind, i, "id")))
            seen.add(item.id)


def _alias_list_rows(project: ProjectFile, source: SourceMap) -> None:
    """A row written as a list holds its cells by position: give each cell its column's name
    in the source map too, so a finding about ``(rows, 3, "stars")`` finds its line."""
    for r, reg in enumerate(project.registers):
        for j in range(len(reg.rows)):
            base = ("registers", r, "rows", j)
            for position, key in enumerate(["name"] + [c.key for c in reg.columns]):
                cell = (*base, position)
                if cell in source.lines and (*base, key) not in source.lines:
                    source.lines[(*base, key)] = source.lines[cell]
                    if cell in source.spans:
                        source.spans[(*base, key)] = source.spans[cell]


def _set_paths(value: Any, path: tuple[str | int, ...]) -> None:
    if isinstance(value, Node):
        value._path = path
        for name in type(value).model_fields:
            _set_paths(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _set_paths(item, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            _set_paths(item, (*path, key))


_MESSAGES = {
    "missing": "ขาดค่าที่ต้องมี / required field missing",
    "extra_forbidden": "ไม่รู้จักคีย์นี้ / unknown key",
    "int_parsing": "ต้องเป็นตัวเลข / must be a number",
    "int_type": "ต้องเป็นตัวเลข / must be a number",
    "string_type": "ต้องเป็นข้อความ / must be text",
    "list_type": "ต้องเป็นรายการ (- ...) / must be a list",
    "dict_type": "ต้องเป็น mapping (key: value) / must be a mapping",
    "model_type": "ต้องเป็น mapping (key: value) / must be a mapping",
    "bool_parsing": "ต้องเป็น true หรือ false / must be true or false",
    "greater_than_equal": "ต้องไม่ติดลบ / must not be negative",
    "too_short": "ต้องมีอย่างน้อยหนึ่งรายการ / must not be empty",
    "string_too_short": "ต้องไม่ว่าง / must not be empty",
    "literal_error": "ค่าไม่อยู่ในรายการที่ใช้ได้ / not one of the allowed values",
    "string_pattern_mismatch": "ใช้ได้เฉพาะตัวอักษร ตัวเลข . _ - / only letters, digits, '.', '_' and '-'",
}


def _input_error(exc: ValidationError, source: SourceMap) -> InputError:
    errors = exc.errors(include_url=False)
    # An unknown key is usually the cause of the rest (a misspelt key leaves a required one missing).
    first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = tuple(p for p in first["loc"] if isinstance(p, int) or not str(p).startswith(("function-", "tagged-union")))
    kind = first["type"]
    if kind == "value_error":
        error = (first.get("ctx") or {}).get("error")
        text = str(error) if error is not None else first["msg"]
        loc = (*loc, *getattr(error, "at", ()))
    elif kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        shown = key if len(key) <= 40 else key[:40] + "…"
        text = f"{_MESSAGES[kind]} '{shown}'"
        if " " in key:
            text += " (ข้อความที่มี ' : ' ต้องอยู่ในเครื่องหมายคำพูด / quote text that contains ' : ')"
    else:
        text = _MESSAGES.get(kind, first["msg"])
        if kind == "literal_error" and first.get("ctx"):
            text += f" ({first['ctx'].get('expected')})"
        if kind != "missing" and "input" in first and not isinstance(first["input"], (dict, list)):
            text += f": {first['input']!r}"
    field = ".".join(str(p) for p in (loc[:-1] if kind == "extra_forbidden" else loc)) or "(top)"
    more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
    return InputError(f"{field}: {text}{more}", source.file, line_of(source, loc))


def json_schema() -> dict[str, Any]:
    """JSON Schema of the data file, for editors (YAML language servers) to validate with."""
    schema = ProjectFile.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "kbo-docs project-year data file"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


__all__ = ["Loaded", "load_project", "load_text", "json_schema", "json_schema_text"]
