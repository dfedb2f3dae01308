"""Forms generated from the pydantic models: no form is written by hand for a kind of
document, so a kind or field added to :mod:`kbo_docs.model` appears in the web page by itself.

:func:`build` walks a model class and the file's plain data (dicts, lists, strings, as the
loader reads them) into a tree of :class:`Field`; :func:`parse` walks the same class over the
posted form back into plain data. Every value stays the text the clerk typed: the loader reads
Thai dates and digits, so nothing is converted here.

Widgets by type: text (a line), lines (``list[str]``: one line each in a textarea), mapping
(``dict``: ``key: value`` lines), choice (``Literal``, ``bool``), group (a model), list (a list
of models, with add/remove buttons), grid (a list of rows with a ``values`` mapping, whose
columns are the sibling ``columns`` list: an editable table that takes a paste from Excel) and
union (a value that may take one of several forms, e.g. recipients as a list, bound to a
register or from an XLSX: a choice of the form, titled from the model, then that form's own
fields; the form the data has is chosen when the page is built, and only the chosen form's
fields are posted).
"""

from __future__ import annotations

import hashlib
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from starlette.datastructures import FormData

from .. import api
from .labels import label_for, short_label

MAX_ITEMS = 2000
"""Items of one list a posted form may claim."""


@dataclass
class Field:
    name: str
    """Dotted path in the data: ``circulars.0.subject``."""
    widget: str
    label: str
    value: Any = ""
    required: bool = False
    options: list[str] = field(default_factory=list)
    children: list[Field] = field(default_factory=list)
    items: list[Field] = field(default_factory=list)
    """For a list: one group per item."""
    columns: list[tuple[str, str]] = field(default_factory=list)
    """For a grid: (key, title) of each value column."""
    rows: list[dict[str, Any]] = field(default_factory=list)
    extras: list[tuple[str, str]] = field(default_factory=list)
    """For a grid: (key, label) of the row's other fields (e.g. ``equals``), one cell each."""
    item_label: str = ""
    scope: str = ""
    """Which form of which union this field belongs to (``circulars.0.recipients:1/``): the forms
    of one union share their fields' names, so this keeps their HTML ids apart."""

    @property
    def slot(self) -> str:
        """A stable HTML id for the findings shown beside this field."""
        key = f"{self.name}#{self.scope}" if self.scope else self.name
        return "f-" + hashlib.blake2s(key.encode(), digest_size=6).hexdigest()

    @property
    def count(self) -> int:
        return len(self.items) if self.widget == "list" else len(self.rows)

    @property
    def chosen(self) -> Field | None:
        """For a union: the field of the form chosen (the others are shown disabled)."""
        if self.widget != "union" or not self.children:
            return None
        return self.children[self.value if isinstance(self.value, int) and 0 <= self.value < len(self.children) else 0]

    def walk(self):  # type: ignore[no-untyped-def]
        """This field and those below it, as posted: of a union, only the chosen form."""
        yield self
        below = [self.chosen] if self.widget == "union" else [*self.children, *self.items]
        for child in below:
            if child is not None:
                yield from child.walk()


@dataclass(frozen=True)
class Union_:
    """A field that may take one of several forms (``one_of`` in the model, or any union of
    types the form shows differently): each member's type, its title and how the data's value is
    matched to a member."""

    members: tuple[Any, ...]
    """The members as declared (with their ``Annotated`` metadata: title, tag)."""
    annotation: Any
    """The union itself (``member_of`` reads its discriminator)."""

    def types(self) -> list[Any]:
        return [_unwrap(m)[0] for m in self.members]

    def titles(self) -> list[str]:
        return [_member_title(m) for m in self.members]

    def pick(self, value: Any) -> int:
        """The member ``value`` is written as (the first when it is empty or fits none)."""
        if value in (None, "", [], {}):
            return 0
        chosen = api.member_of(self.annotation, value)  # type: ignore[attr-defined]
        if chosen is not None and chosen in self.members:
            return self.members.index(chosen)
        kinds = [_kind(t) for t in self.types()]
        want = (("list", "grid", "lines") if isinstance(value, list) else ("group", "mapping") if isinstance(value, dict)
                else ("text", "choice"))
        return next((i for i, k in enumerate(kinds) if k in want), 0)


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(the type without None, whether None is allowed). A union of types the form shows
    alike (``int | Decimal``: one line of text) is its first type; one of types shown
    differently (a list or a mapping, a line or a group) is a :class:`Union_`."""
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = len(args) < len(typing.get_args(annotation))
        if len(args) == 1:
            return _unwrap(args[0])[0], optional
        return _union(args, annotation), optional
    if origin is typing.Annotated:
        inner = typing.get_args(annotation)[0]
        if typing.get_origin(inner) in (Union, types.UnionType) and not any(
                a is type(None) for a in typing.get_args(inner)):
            members = list(typing.get_args(inner))
            return _union(members, annotation), False
        return _unwrap(inner)
    return annotation, False


def _union(members: list[Any], annotation: Any) -> Any:
    kinds = [_kind(_unwrap(m)[0]) for m in members]
    if len(set(kinds)) == 1:
        return _unwrap(members[0])[0]
    return Union_(tuple(members), annotation)


def _member_title(member: Any) -> str:
    """``ไทย / English`` for one form of a union: its ``Field(title=...)``, else its model's title,
    else what it is."""
    for meta in typing.get_args(member)[1:] if typing.get_origin(member) is typing.Annotated else ():
        if isinstance(meta, FieldInfo) and meta.title:
            return meta.title
    tp = _unwrap(member)[0]
    if _is_model(tp) and tp.model_config.get("title"):
        return str(tp.model_config["title"])
    kind = _kind(tp)
    if kind in ("list", "grid"):
        item = _unwrap(typing.get_args(tp)[0])[0]
        title = item.model_config.get("title") if _is_model(item) else None
        return f"รายการ{(title or '').split(' / ')[0]} / a list" + (f" of {title.split(' / ')[-1]}" if title else "")
    return {"text": "ข้อความ / text", "lines": "หลายบรรทัด / lines", "mapping": "คีย์: ค่า / key: value",
            "choice": "ตัวเลือก / a choice"}.get(kind, getattr(tp, "__name__", str(tp)))


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _is_grid_row(tp: Any) -> bool:
    return _is_model(tp) and "values" in tp.model_fields and typing.get_origin(_unwrap(tp.model_fields["values"].annotation)[0]) is dict


def _kind(tp: Any) -> str:
    if isinstance(tp, Union_):
        return "union"
    origin = typing.get_origin(tp)
    if origin is list:
        (item,) = typing.get_args(tp) or (str,)
        item = _unwrap(item)[0]
        if _is_grid_row(item):
            return "grid"
        return "list" if _is_model(item) else "lines"
    if origin is dict:
        return "mapping"
    if origin is Literal or tp is bool:
        return "choice"
    if _is_model(tp):
        return "group"
    return "text"


def _options(tp: Any) -> list[str]:
    if tp is bool:
        return ["true", "false"]
    return [str(a) for a in typing.get_args(tp)]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _as_mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def build(model: type[BaseModel], data: Any, prefix: str = "", scope: str = "") -> list[Field]:
    """Fields for every attribute of ``model`` filled from ``data``."""
    data = _as_mapping(data)
    out = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        path = f"{prefix}{key}"
        tp, optional = _unwrap(info.annotation)
        required = info.is_required() and not optional
        out.append(_field(tp, path, key, data.get(key), required, data, info.title, scope, _grids(model)))
    return out



def _grids(model: type[BaseModel]) -> bool:
    """A list of rows is a grid only beside the ``columns`` that head it (a register's rows);
    elsewhere (a circular's recipients) each row is a group, its ``values`` a mapping."""
    return "columns" in model.model_fields


def _field(tp: Any, path: str, key: str, value: Any, required: bool, parent: dict[str, Any],
           title: str | None = None, scope: str = "", grid: bool = True) -> Field:
    kind = _kind(tp)
    if kind == "grid" and not grid:
        kind = "list"
    label = label_for(key, title)
    if kind == "union":
        chosen = tp.pick(value)
        forms = [_field(member, path, key, value if i == chosen else None, required, parent, title, f"{scope}{path}:{i}/", grid)
                 for i, member in enumerate(tp.types())]
        for form, member_title in zip(forms, tp.titles()):
            form.label = member_title.split(" / ")[0]  # the radio shows both halves
        return Field(path, "union", label, chosen, required, options=tp.titles(), children=forms, scope=scope)
    if kind == "group":
        if isinstance(value, (str, int)):  # a shorthand the loader reads (e.g. ครั้งที่ ๑/๒๕๖๕)
            return Field(path, "text", label, _text(value), required, scope=scope)
        return Field(path, "group", label, required=required, children=build(tp, value, f"{path}.", scope), scope=scope)
    if kind == "list":
        item_tp = _unwrap(typing.get_args(tp)[0])[0]
        values = value if isinstance(value, list) else []
        items = []
        for i, item in enumerate(values):
            if isinstance(item, str) and "text" in item_tp.model_fields:
                item = {"text": item}  # a plain string for a sub-item
            elif isinstance(item, dict) and "values" in item_tp.model_fields and "values" not in item:
                known = {f.alias or n for n, f in item_tp.model_fields.items()}  # a row's other keys are its values
                item = {**{k: v for k, v in item.items() if k in known}, "values": {k: v for k, v in item.items() if k not in known}}
            items.append(Field(f"{path}.{i}", "group", label, children=build(item_tp, item, f"{path}.{i}.", scope),
                               scope=scope))
        return Field(path, "list", label, required=required, items=items, item_label=short_label(key), scope=scope)
    if kind == "grid":
        row_tp = _unwrap(typing.get_args(tp)[0])[0]
        extras = _row_extras(row_tp)
        columns = [(str(c.get("key", "")), str(c.get("title", c.get("key", "")))) for c in parent.get("columns", []) or []
                   if isinstance(c, dict)]
        keys = [k for k, _ in columns]
        rows = []
        for row in value if isinstance(value, list) else []:
            if isinstance(row, list):
                row = {"name": row[0] if row else "", "values": dict(zip(keys, row[1:]))}
            elif isinstance(row, dict) and "values" not in row:
                other = {k for k, _ in extras} | {"name"}
                row = {"name": row.get("name"), "values": {k: v for k, v in row.items() if k not in other},
                       **{k: v for k, v in row.items() if k in other and k != "name"}}
            elif not isinstance(row, dict):
                continue
            cells = _as_mapping(row.get("values"))
            rows.append({"name": _text(row.get("name")), "values": [_text(cells.get(k)) for k in keys],
                         "extras": [_cell_text(t, row.get(k)) for k, t in extras]})
        return Field(path, "grid", label, required=required, columns=columns, rows=rows,
                     extras=[(k, label_for(k)) for k, _ in extras], scope=scope)
    if kind == "lines":
        lines = value if isinstance(value, list) else ([] if value is None else [value])
        return Field(path, "lines", label, "\n".join(_text(v) for v in lines), required, scope=scope)
    if kind == "mapping":
        pairs = _as_mapping(value)
        return Field(path, "mapping", label, "\n".join(f"{k}: {_text(v)}" for k, v in pairs.items()), required, scope=scope)
    if kind == "choice":
        return Field(path, "choice", label, _text(value), required, options=_options(tp), scope=scope)
    return Field(path, "text", label, _text(value), required, scope=scope)


def _row_extras(row_tp: Any) -> list[tuple[str, Any]]:
    """A grid row's fields besides its name and values, with their types."""
    return [(info.alias or name, _unwrap(info.annotation)[0]) for name, info in row_tp.model_fields.items()
            if name not in ("name", "values")]


def _cell_text(tp: Any, value: Any) -> str:
    """One grid cell for a row's other field: ``k: v; k: v`` for a mapping, ``a; b`` for a list."""
    kind = _kind(tp)
    if kind == "mapping":
        return "; ".join(f"{k}: {_text(v)}" for k, v in _as_mapping(value).items())
    if kind == "lines":
        return "; ".join(_text(v) for v in (value if isinstance(value, list) else [] if value is None else [value]))
    return _text(value)


def _cell_value(tp: Any, text: str) -> Any:
    kind = _kind(tp)
    if kind == "mapping":
        pairs = {}
        for part in text.split(";"):
            k, _, v = part.partition(":")
            if k.strip():
                pairs[k.strip()] = v.strip()
        return pairs
    if kind == "lines":
        return [p.strip() for p in text.split(";") if p.strip()]
    return text.strip() or None


def parse(model: type[BaseModel], form: FormData, prefix: str = "") -> dict[str, Any]:
    """Plain data for ``model`` from a posted form; empty inputs are left out."""
    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        path = f"{prefix}{key}"
        tp, _ = _unwrap(info.annotation)
        value = _parse_field(tp, path, form, _grids(model))
        if value not in (None, "", [], {}):
            out[key] = value
    return out


def _count(form: FormData, path: str) -> int:
    try:
        return max(0, min(MAX_ITEMS, int(form.get(f"{path}.__n", "0"))))  # type: ignore[arg-type]
    except ValueError:
        return 0


def _parse_field(tp: Any, path: str, form: FormData, grid: bool = True) -> Any:
    kind = _kind(tp)
    if kind == "grid" and not grid:
        kind = "list"
    if kind == "union":
        members = tp.types()
        chosen = str(form.get(f"{path}.__variant", ""))
        if chosen.isdigit() and int(chosen) < len(members):
            return _parse_field(members[int(chosen)], path, form, grid)
        for member in members:  # no choice posted: the first form that holds something
            value = _parse_field(member, path, form, grid)
            if value not in (None, "", [], {}):
                return value
        return None
    if kind == "group":
        if path in form:  # shown as one line (shorthand)
            return str(form[path]).strip() or None
        return parse(tp, form, f"{path}.") or None
    if kind == "list":
        item_tp = _unwrap(typing.get_args(tp)[0])[0]
        items = []
        for i in range(_count(form, path)):
            # An empty item stays (the check names what it lacks), so positions never shift.
            items.append(parse(item_tp, form, f"{path}.{i}."))
        return items
    if kind == "grid":
        keys = form.getlist(f"{path}.__key")
        extras = _row_extras(_unwrap(typing.get_args(tp)[0])[0])
        rows = []
        for i in range(_count(form, path)):
            name = str(form.get(f"{path}.{i}.name", "")).strip()
            cells = [str(form.get(f"{path}.{i}.{j}", "")).strip() for j in range(len(keys))]
            more = {k: _cell_value(t, str(form.get(f"{path}.{i}.x{j}", ""))) for j, (k, t) in enumerate(extras)}
            more = {k: v for k, v in more.items() if v not in (None, "", [], {})}
            if not name and not any(cells) and not more:
                continue
            rows.append({"name": name, "values": {str(k): (c or None) for k, c in zip(keys, cells)}, **more})
        return rows
    if kind == "lines":
        return [line.strip() for line in str(form.get(path, "")).splitlines() if line.strip()]
    if kind == "mapping":
        pairs: dict[str, str] = {}
        for line in str(form.get(path, "")).splitlines():
            k, sep, v = line.partition(":")
            if k.strip():
                pairs[k.strip()] = v.strip() if sep else ""
        return pairs
    return str(form.get(path, "")).strip() or None


def posted(fields: list[Field]) -> FormData:
    """What a browser posts from the rendered fields (before the clerk changes anything)."""
    pairs: list[tuple[str, str]] = []
    for top in fields:
        for f in top.walk():
            if f.widget in ("text", "lines", "mapping", "choice"):
                pairs.append((f.name, str(f.value)))
            elif f.widget == "union":
                pairs.append((f"{f.name}.__variant", str(f.value)))
            elif f.widget == "list":
                pairs.append((f"{f.name}.__n", str(f.count)))
            elif f.widget == "grid":
                pairs.append((f"{f.name}.__n", str(f.count)))
                pairs += [(f"{f.name}.__key", key) for key, _ in f.columns]
                for i, row in enumerate(f.rows):
                    pairs.append((f"{f.name}.{i}.name", row["name"]))
                    pairs += [(f"{f.name}.{i}.{j}", v) for j, v in enumerate(row["values"])]
                    pairs += [(f"{f.name}.{i}.x{j}", v) for j, v in enumerate(row["extras"])]
    return FormData(pairs)


def normalise(model: type[BaseModel], data: Any) -> dict[str, Any]:
    """``data`` as saving it from its form would write it (shorthands spelt out, empties left out)."""
    return parse(model, posted(build(model, data)))


def edit(data: dict[str, Any], action: str) -> dict[str, Any]:
    """Apply an add/remove button to plain data: ``add:circulars`` appends an empty item,
    ``remove:circulars.2`` deletes one, ``addrow:registers.0.rows`` appends an empty row."""
    verb, _, path = action.partition(":")
    parts = [p for p in path.split(".") if p]
    if not parts:
        return data
    parent: Any = data
    for part in parts[:-1]:
        parent = parent[int(part)] if isinstance(parent, list) and part.isdigit() else (
            parent.setdefault(part, {}) if isinstance(parent, dict) else None)
        if parent is None:
            return data
    last = parts[-1]
    if verb in ("add", "addrow") and isinstance(parent, dict):
        target = parent.setdefault(last, [])
        if isinstance(target, list):
            target.append({"name": "", "values": {}} if verb == "addrow" else {})
    elif verb == "remove" and isinstance(parent, list) and last.isdigit() and int(last) < len(parent):
        del parent[int(last)]
    return data
