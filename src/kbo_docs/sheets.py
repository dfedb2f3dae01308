"""A clerk's own XLSX as data: a register's rows, or a circular's recipients.

    registers:
      - id: kbo68-allocation
        columns: [...]
        rows: {xlsx: allocation.xlsx, sheet: ทะเบียน}        # sheet: the first one when omitted
    circulars:
      - id: kbo68-districts
        recipients: {xlsx: districts.xlsx, columns: {target: เป้า}}

The header row is found by name: the first row that names every column the data needs (by
its title or its key, spaces and digit forms ignored); merged title rows above it and columns
the data does not use are skipped. Below it, each row is one register row or recipient, up to
the ``รวม`` row (read as the register's stated totals when the file gives none) or the first
empty row. Numbers may be typed with Thai or Arabic digits and thousands commas; ``-`` is nil
(zero, as Thai tables print it, and as in the data file), an empty cell no value. Each bad cell is one error naming the workbook and the cell: ``file.xlsx:'ทะเบียน'!C7``.

The loader (:func:`kbo_docs.load.load_text`) replaces each such mapping by the rows it reads,
before the data is validated, so the rest of kbo-docs sees ordinary rows.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import thai
from .findings import InputError
from .source import SourceMap

from .model.base import NIL
NAME_HEADERS = ("name", "ชื่อ")
RECIPIENT_HEADERS = {
    "name": ("name", "ชื่อ", "เรียน", "ผู้รับ", "ชื่อผู้รับ"),
    "address": ("address", "ที่อยู่"),
    "salutation": ("salutation", "คำขึ้นต้น"),
}
HEADER_ROWS = 30
"""How far down the header row is looked for (title rows above it)."""
MAX_ROWS = 20_000


def _norm(text: Any) -> str:
    """A header as compared: digits in Arabic form, no spaces, case folded."""
    return "".join(thai.arabic_digits(str(text)).split()).casefold()


def _source_keys(spec: dict[str, Any], allowed: set[str], source: SourceMap, at: tuple[str | int, ...]) -> None:
    for key in spec:
        if key not in allowed:
            raise InputError(f"{'.'.join(map(str, at))}: ไม่รู้จักคีย์นี้ / unknown key '{key}' "
                             f"(ใช้ได้ / allowed: {', '.join(sorted(allowed))})", source.file, source.line((*at, key)))


def _workbook(spec: dict[str, Any], source: SourceMap, at: tuple[str | int, ...]) -> tuple[str, str, dict[tuple[int, int], Any]]:
    """(shown file name, sheet title, cells) of ``{xlsx: path, sheet: name}``."""
    from .lint.extract.xlsx import read_sheets
    from .lint.limits import DEFAULT

    typed = spec.get("xlsx")
    line = source.line((*at, "xlsx"))
    if not isinstance(typed, str) or not typed.strip():
        raise InputError("xlsx: ต้องระบุแฟ้ม / name the workbook: xlsx: file.xlsx", source.file, line)
    folder = Path(source.file).parent if not source.file.startswith("<") else Path()
    path = (folder / typed.strip()).resolve()
    shown = str(folder / typed.strip())
    if not path.is_file():
        raise InputError(f"ไม่พบแฟ้ม / workbook not found: {path}", source.file, line)
    sheets = read_sheets(path, DEFAULT)
    wanted = spec.get("sheet")
    if wanted is not None:
        if wanted not in sheets:
            raise InputError(f"ไม่มีชีต '{wanted}' / no sheet '{wanted}' (sheets: {', '.join(sheets)})",
                             source.file, source.line((*at, "sheet")))
        return shown, wanted, sheets[wanted]
    title = next((t for t, cells in sheets.items() if cells), None)
    if title is None:
        raise InputError("แฟ้ม Excel ไม่มีข้อมูล / the workbook is empty", shown)
    return shown, title, sheets[title]


class _Table:
    """The rows under the header row of one sheet, with each cell's label."""

    def __init__(self, file: str, title: str, cells: dict[tuple[int, int], Any]) -> None:
        from .lint.extract.xlsx import cell_label

        self.file, self.title, self.cells, self._label = file, title, cells, cell_label

    def where(self, row: int, column: int) -> str:
        return self._label(self.title, row, column)

    def error(self, message: str, row: int, column: int) -> InputError:
        return InputError(message, self.file, self.where(row, column))  # type: ignore[arg-type]

    def header(self, wanted: dict[str, tuple[str, ...]], required: list[str]) -> tuple[int, dict[str, int]]:
        """The header row and the column of each key found in it."""
        rows = sorted({r for r, _ in self.cells})[:HEADER_ROWS]
        for r in rows:
            found: dict[str, int] = {}
            texts = {c: _norm(v) for (rr, c), v in self.cells.items() if rr == r and isinstance(v, str)}
            for key, names in wanted.items():
                normed = {_norm(n) for n in names}
                column = next((c for c, t in sorted(texts.items()) if t in normed), None)
                if column is not None:
                    found[key] = column
            if all(k in found for k in required):
                return r, found
        first = rows[0] if rows else 1
        names = "; ".join(" / ".join(wanted[k][:2]) for k in required)
        raise self.error(f"ไม่พบแถวหัวตารางที่มีคอลัมน์ {names} / no header row names every needed column: {names}",
                         first, 1)

    def body(self, header: int) -> list[int]:
        """Rows below the header up to the first empty row after data."""
        rows = sorted({r for r, _ in self.cells if r > header})
        out: list[int] = []
        for r in rows:
            if out and r != out[-1] + 1:
                break
            out.append(r)
            if len(out) > MAX_ROWS:
                raise self.error(f"แถวมากเกินไป / more than {MAX_ROWS:,} rows", r, 1)
        return out

    def text(self, row: int, column: int | None) -> str | None:
        if column is None:
            return None
        value = self.cells.get((row, column))
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, (dt.date, dt.datetime)):
            day = value.date() if isinstance(value, dt.datetime) else value
            return thai.format_date(day)
        text = " ".join(str(value).split())
        return text or None

    def number(self, row: int, column: int | None) -> int | None:
        """A whole number: typed with Thai or Arabic digits and commas, or an Excel number;
        ``-`` is nil (0), empty is no value."""
        if column is None:
            return None
        value = self.cells.get((row, column))
        if value is None or isinstance(value, bool):
            if isinstance(value, bool):
                raise self.error(f"ต้องเป็นตัวเลข / must be a number: {value}", row, column)
            return None
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            if value != int(value):
                raise self.error(f"ต้องเป็นจำนวนเต็ม / must be a whole number: {value}", row, column)
            return int(value)
        if isinstance(value, (dt.date, dt.datetime)):
            raise self.error(f"ต้องเป็นตัวเลข ไม่ใช่วันที่ / must be a number, not a date: {value}", row, column)
        text = str(value).strip()
        if not text:
            return None
        if text in NIL:
            return 0
        try:
            number = thai.parse_number(text)
        except ValueError:
            raise self.error(f"ต้องเป็นตัวเลข (พิมพ์เลขไทยหรืออารบิก หรือ - ถ้าไม่มี) / must be a number: '{text}' "
                             "(type it with Thai or Arabic digits, or - for none)", row, column) from None
        if not isinstance(number, int):
            raise self.error(f"ต้องเป็นจำนวนเต็ม / must be a whole number: '{text}'", row, column)
        return number


def register_rows(spec: dict[str, Any], register: dict[str, Any], source: SourceMap,
                  at: tuple[str | int, ...]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Rows (``{name, <key>: value}``) and the stated totals (from the รวม row) of a register
    whose ``rows:`` is ``{xlsx: ..., sheet: ...}``; each row's and cell's place in the
    workbook goes into ``source.places``, so findings about them name the cell."""
    _source_keys(spec, {"xlsx", "sheet"}, source, at)
    file, title, cells = _workbook(spec, source, at)
    table = _Table(file, title, cells)
    columns = [c for c in register.get("columns") or [] if isinstance(c, dict) and c.get("key")]
    label = register.get("row_label") or "รายการ"
    total_label = _norm(register.get("total_label") or "รวม")
    rule = register.get("allocation") if isinstance(register.get("allocation"), dict) else {}
    wanted: dict[str, tuple[str, ...]] = {"name": (str(label), *NAME_HEADERS)}
    required = ["name"]
    for c in columns:
        wanted[c["key"]] = tuple(str(x) for x in (c.get("title"), c["key"]) if x)
        computed = bool(c.get("sum_of")) or (str(c.get("target")).lower() in ("true", "yes") and bool(rule))
        if not computed:
            required.append(c["key"])
    header, found = table.header(wanted, required)
    rows: list[dict[str, Any]] = []
    totals: dict[str, int] = {}
    for r in table.body(header):
        name = table.text(r, found["name"])
        values = {c["key"]: table.number(r, found.get(c["key"])) for c in columns}
        if name is not None and _norm(name) == total_label:
            totals = {k: v for k, v in values.items() if v is not None}
            base = (*at[:-1], "totals")
            source.places.update({(*base, k): (file, table.where(r, found[k])) for k in totals})
            break
        if name is None:
            if all(v is None for v in values.values()):
                continue
            raise table.error(f"แถวไม่มีชื่อ{label} / the row has no name ({label})", r, found["name"])
        row_at = (*at, len(rows))
        source.places[row_at] = source.places[(*row_at, "name")] = (file, table.where(r, found["name"]))
        source.places.update({(*row_at, k): (file, table.where(r, c)) for k, c in found.items() if k != "name"})
        rows.append({"name": name, **values})
    if not rows:
        raise table.error("ไม่มีแถวข้อมูลใต้หัวตาราง / no rows under the header row", header, found["name"])
    return rows, totals


def recipient_rows(spec: dict[str, Any], source: SourceMap, at: tuple[str | int, ...]) -> list[dict[str, Any]]:
    """Recipients (``{name, address, salutation, <key>: text}``) of ``recipients: {xlsx: ...}``.

    ``columns: {target: เป้า}`` gives a header its key for ``${row.target}``; a header that is
    already a plain key (``target``) needs no entry."""
    _source_keys(spec, {"xlsx", "sheet", "columns"}, source, at)
    mapping = spec.get("columns") or {}
    if not isinstance(mapping, dict):
        raise InputError("columns: ต้องเป็น mapping {key: หัวคอลัมน์} / must map keys to headers",
                         source.file, source.line((*at, "columns")))
    file, title, cells = _workbook(spec, source, at)
    table = _Table(file, title, cells)
    wanted = {**RECIPIENT_HEADERS, **{str(k): (str(v), str(k)) for k, v in mapping.items()}}
    header, found = table.header(wanted, ["name", *map(str, mapping)])
    plain = {c: str(v).strip() for (r, c), v in cells.items() if r == header and isinstance(v, str)}
    for column, text in plain.items():
        if text.isascii() and text.isidentifier() and column not in found.values() and text not in found:
            found[text] = column
    out: list[dict[str, Any]] = []
    for r in table.body(header):
        record = {key: table.text(r, column) for key, column in found.items()}
        if all(v is None for v in record.values()):
            continue
        source.places[(*at, len(out))] = (file, table.where(r, found["name"]))
        if record.get("address"):
            record["address"] = [record["address"]]
        out.append({k: v for k, v in record.items() if v is not None or k not in ("address", "salutation")})
    if not out:
        raise table.error("ไม่มีผู้รับใต้หัวตาราง / no recipients under the header row", header, found["name"])
    return out


NOT_READ = ("เว็บไม่อ่านแฟ้มที่ระบุในข้อมูล: วางแถวจาก Excel ลงในตารางแทน (หรือใช้ kbo-docs ในบรรทัดคำสั่ง) / "
            "the web app reads no file named in the data: paste the sheet's rows into the grid instead "
            "(or use kbo-docs on the command line)")


def expand(data: dict[str, Any], source: SourceMap, read: bool = True) -> None:
    """Replace every ``{xlsx: ...}`` register ``rows`` and letter ``recipients`` in ``data``
    (plain values from the YAML) by what the workbook holds. With ``read=False`` (text from a
    web client) no workbook is opened: each such mapping is an error naming its line."""
    for i, reg in enumerate(data.get("registers") or []):
        if isinstance(reg, dict) and isinstance(reg.get("rows"), dict):
            if not read:
                raise InputError(f"registers.{i}.rows: {NOT_READ}", source.file, source.line(("registers", i, "rows", "xlsx")))
            rows, totals = register_rows(reg["rows"], reg, source, ("registers", i, "rows"))
            reg["rows"] = rows
            if totals and not reg.get("totals"):
                reg["totals"] = totals
    from .model import KINDS

    for kind in (k.key for k in KINDS if "recipients" in k.model.model_fields):  # circulars, invitations
        for i, letter in enumerate(data.get(kind) or []):
            recipients = letter.get("recipients") if isinstance(letter, dict) else None
            if isinstance(recipients, dict) and "xlsx" in recipients:
                if not read:
                    raise InputError(f"{kind}.{i}.recipients: {NOT_READ}", source.file,
                                     source.line((kind, i, "recipients", "xlsx")))
                letter["recipients"] = recipient_rows(recipients, source, (kind, i, "recipients"))
