"""Load a data file: text -> plain values with lines -> validated model with paths.

``load_project(path)`` returns a :class:`Loaded` (the model plus its source map) or raises
:class:`~kbo_docs.findings.InputError` with one clear line naming file and line.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .findings import InputError
from .model import KINDS, Node, ProjectFile
from .model.base import VARIANT, member_of
from .model.register import link_registers
from .source import SourceMap, parse_yaml, read_text


@dataclass(frozen=True)
class Loaded:
    """A validated project file and where each of its values stands in the source."""

    project: ProjectFile
    source: SourceMap
    data: Any = field(default=None, compare=False, repr=False)
    """The plain values the model was read from, text as typed (the model strips the spaces
    around text; :func:`typed` finds a value here so that a rule can tell)."""

    @property
    def file(self) -> str:
        return self.source.file

    @functools.cached_property
    def typed_spaces(self) -> bool:
        """Whether any text of the file, as typed, starts or ends with a space or a tab (a
        line break ending a ``|`` block aside): one pass, so that a file without any (nearly
        every file) is not looked up value by value."""
        stack = [self.data]
        while stack:
            value = stack.pop()
            if isinstance(value, str):
                if value and (value[0] in " \t" or value.rstrip("\r\n")[-1:] in (" ", "\t")):
                    return True
            elif isinstance(value, dict):
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)
        return False

    def typed(self, path: tuple[str | int, ...]) -> Any:
        """The value at a model ``path`` as the file holds it (None if the file has it in
        another shape, e.g. a row written as a list is tried by position too)."""
        path = tuple(p for p in path if p != "values")
        for spelling in dict.fromkeys((path, self.source.resolve(path))):
            value: Any = self.data
            for key in spelling:
                if isinstance(value, dict) and key in value:
                    value = value[key]
                elif isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value):
                    value = value[key]
                else:
                    break
            else:
                return value
        return None

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


def load_text(text: str, file: str = "<input>", workbooks: bool = True) -> Loaded:
    """:func:`load_project` of text; ``workbooks=False`` (text from a web client) opens no XLSX
    the data names (``{xlsx: ...}`` is then an error)."""
    data, source = parse_yaml(text, file)
    if not isinstance(data, dict):
        raise InputError("แฟ้มต้องเป็น mapping (agency:, project:, ...) / the file must be a mapping", file, source.line(()))
    from .sheets import expand

    expand(data, source, workbooks)  # rows and recipients kept in a clerk's XLSX (kbo_docs.sheets)
    try:
        project = ProjectFile.model_validate(data)
    except ValidationError as exc:
        raise _input_error(exc, source, data) from None
    _check_unique_ids(project, source)
    _alias_list_rows(project, source)
    _set_paths(project, ())
    link_registers(project.registers)
    return Loaded(project, source, data)


def _check_unique_ids(project: ProjectFile, source: SourceMap) -> None:
    seen: set[str] = set()
    for kind in (k.key for k in KINDS):
        for i, item in enumerate(getattr(project, kind)):
            if item.id in seen:
                from .where import describe

                th, en = describe((kind, i), None)
                raise InputError(f"{th}: รหัสเอกสาร (id) '{item.id}' ซ้ำกับเอกสารอื่น ให้ตั้งรหัสใหม่ที่ไม่ซ้ำ / "
                                 f"{en}: duplicate id '{item.id}'; give each document its own id",
                                 source.file, source.line((kind, i, "id")))
            seen.add(item.id)


def _alias_list_rows(project: ProjectFile, source: SourceMap) -> None:
    """A row written as a list holds its cells by position: tell the source map each
    column's position, so a finding about ``(rows, 3, "stars")`` finds its line."""
    for r, reg in enumerate(project.registers):
        names = ["name"] + [c.key for c in reg.columns]
        source.positions[("registers", r, "rows")] = {key: position for position, key in enumerate(names)}


def _set_paths(value: Any, path: tuple[str | int, ...]) -> None:
    if isinstance(value, Node):
        value._path = path
        for name in type(value).model_fields:
            item = getattr(value, name)
            if isinstance(item, _BRANCHES):  # text and numbers hold no model objects
                _set_paths(item, (*path, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, _BRANCHES):
                _set_paths(item, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, _BRANCHES):
                _set_paths(item, (*path, key))


_BRANCHES = (Node, list, dict)


_MESSAGES = {
    "missing": ("ขาดค่าที่ต้องมี", "required field missing"),
    "extra_forbidden": ("ไม่รู้จักคีย์นี้", "unknown key"),
    "int_parsing": ("ต้องเป็นตัวเลข", "must be a number"),
    "int_type": ("ต้องเป็นตัวเลข", "must be a number"),
    "string_type": ("ต้องเป็นข้อความ", "must be text"),
    "list_type": ("ต้องเป็นรายการ (ขึ้นบรรทัดละข้อด้วย - )", "must be a list (one item a line, each starting with - )"),
    "dict_type": ("ต้องเป็นชุดคีย์ (คีย์: ค่า)", "must be a group of keys (key: value)"),
    "model_type": ("ต้องเป็นชุดคีย์ (คีย์: ค่า)", "must be a group of keys (key: value)"),
    "bool_parsing": ("ต้องเป็น true หรือ false", "must be true or false"),
    "greater_than_equal": ("ต้องไม่ติดลบ", "must not be negative"),
    "too_short": ("ต้องมีอย่างน้อยหนึ่งรายการ", "must not be empty"),
    "string_too_short": ("ต้องไม่ว่าง", "must not be empty"),
    "literal_error": ("ค่าไม่อยู่ในรายการที่ใช้ได้", "not one of the allowed values"),
    "string_pattern_mismatch": ("ใช้ได้เฉพาะตัวอักษร ตัวเลข . _ -", "only letters, digits, '.', '_' and '-'"),
}


def _split(message: str) -> tuple[str, str]:
    """A ``Thai / English`` message as its two halves."""
    th, sep, en = message.partition(" / ")
    return (th, en) if sep else (message, message)


def _input_error(exc: ValidationError, source: SourceMap, data: Any) -> InputError:
    from .where import describe

    errors = exc.errors(include_url=False)
    # An unknown key is usually the cause of the rest (a misspelt key leaves a required one missing).
    first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = tuple(p for p in first["loc"]
                if isinstance(p, int) or not str(p).startswith(("function-", "tagged-union", VARIANT)))
    kind = first["type"]
    hint_th = hint_en = ""
    if kind == "value_error":
        error = (first.get("ctx") or {}).get("error")
        th, en = _split(str(error) if error is not None else first["msg"])
        loc = (*loc, *getattr(error, "at", ()))
    elif kind == "variant":  # none of the forms a value may take (model.base.one_of)
        th, en = _split(first["msg"])
    elif kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        shown = key if len(key) <= 40 else key[:40] + "…"
        th, en = _MESSAGES[kind]
        th, en = f"{th} '{shown}'", f"{en} '{shown}'"
        known = _known_keys(data, loc[:-1])
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6) if known and len(key) <= 40 else []
        if " " in key.strip():
            hint_th = "ถ้าเป็นข้อความที่มีเครื่องหมาย ' : ' ให้ครอบข้อความทั้งหมดด้วยเครื่องหมายคำพูด \"...\""
            hint_en = "if this is text containing ' : ', put the whole text in double quotes"
        elif close:
            hint_th, hint_en = f"หมายถึง '{close[0]}' หรือไม่", f"did you mean '{close[0]}'?"
        elif known:
            hint_th = hint_en = ", ".join(sorted(known))
            hint_th, hint_en = f"คีย์ที่ใช้ได้: {hint_th}", f"known keys: {hint_en}"
    else:
        th, en = _MESSAGES.get(kind, (first["msg"], first["msg"]))
        if kind == "literal_error" and first.get("ctx"):
            allowed = str(first["ctx"].get("expected"))
            th, en = f"{th} (ใช้ได้: {allowed})", f"{en} ({allowed})"
        if kind == "missing":
            hint_th = f"เพิ่มบรรทัด {loc[-1]}: ..." if loc and isinstance(loc[-1], str) else ""
            hint_en = f"add a line '{loc[-1]}: ...'" if hint_th else ""
        if kind != "missing" and "input" in first and not isinstance(first["input"], (dict, list)):
            th, en = f"{th}: {first['input']!r}", f"{en}: {first['input']!r}"
    place = loc[:-1] if kind == "extra_forbidden" else loc
    where_th, where_en = describe(place, data)
    more = len(errors) - 1
    th = f"{where_th}: {th}" + (f" ({hint_th})" if hint_th else "") + (f" (และอีก {more} จุด)" if more else "")
    en = f"{where_en}: {en}" + (f" ({hint_en})" if hint_en else "") + (f" (and {more} more)" if more else "")
    return InputError(f"{th} / {en}", source.file, line_of(source, loc))


def _known_keys(data: Any, path: tuple[str | int, ...]) -> list[str]:
    """The keys the model allows at ``path`` (for "did you mean"), found by walking the model
    (and, where a value may take one of several forms, the form ``data`` has there)."""
    from typing import Annotated, get_args, get_origin

    model: Any = ProjectFile
    value: Any = data
    for part in path:
        value = value.get(part) if isinstance(value, dict) else (
            value[part] if isinstance(value, list) and isinstance(part, int) and part < len(value) else None)
        if isinstance(part, int):
            continue
        fields = getattr(model, "model_fields", None)
        if not fields or part not in fields:
            return []
        model = fields[part].annotation
        while get_origin(model) is not None:  # list[X], X | None, Annotated[...], one_of(...)
            chosen = member_of(model, value)
            if chosen is not None:
                model = chosen
                continue
            if get_origin(model) is Annotated:
                model = get_args(model)[0]
                continue
            args = [a for a in get_args(model) if a is not type(None) and (isinstance(a, type) or get_origin(a) is not None)]
            model = args[-1] if args else None
            if model is None:
                return []
    fields = getattr(model, "model_fields", None)
    return [f.alias or name for name, f in fields.items()] if fields else []


def json_schema() -> dict[str, Any]:
    """JSON Schema of the data file, for editors (YAML language servers) to validate with."""
    schema = _plain_descriptions(ProjectFile.model_json_schema(mode="validation"))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "kbo-docs project-year data file"
    return schema


_ROLE = re.compile(r":(?:mod|func|class|meth|data|attr):`~?([^`]+)`")


def plain_text(doc: str) -> str:
    """A docstring as an editor or a terminal shows it: reStructuredText roles and literals
    (:mod:`x`, ``x``) become plain text."""
    return _ROLE.sub(r"\1", doc).replace("``", "")


def _plain_descriptions(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: plain_text(v) if k == "description" and isinstance(v, str) else _plain_descriptions(v)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_descriptions(v) for v in value]
    return value


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


__all__ = ["Loaded", "load_project", "load_text", "json_schema", "json_schema_text"]
