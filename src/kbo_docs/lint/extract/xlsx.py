"""XLSX: every worksheet's cells (openpyxl, read-only), as paragraphs and tables with
``Sheet!B7`` locations.

A sheet is cut into blocks at empty rows; a block where two or more rows fill two or more
cells is a table, and the one-cell rows above and below it (titles, notes) are paragraphs.
Formulas: a cell's cached value is used when the file has one (Excel and LibreOffice store
it); files written by openpyxl (and by ``kbo-docs render``) have none, so ``SUM(...)`` and
``A1+B1-C1`` formulas over the sheet's own cells are evaluated here. Any other formula
without a cached value is treated as an unknown number.

The package is checked first (:mod:`kbo_docs.lint.package`): sizes, compression ratios and
every XML part for a DTD, since openpyxl parses the XML itself.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

from ... import thai
from ...findings import InputError
from ..document import Cell, Document, Location, Paragraph, Table
from ..limits import Deadline, Limits
from ..package import main_part, open_package, read_member, refuse_dtd
from .cells import cell_number

Value = Any


def extract_xlsx(path: Path, limits: Limits) -> Document:
    name = str(path)
    deadline = Deadline(name, limits)
    formulas, cached = _workbook(path, name, deadline, limits)
    doc = Document(name, "xlsx")
    budget = _Budget(name, deadline, limits.max_formula_refs)
    for sheet_index, (title, cells) in enumerate(formulas.items()):
        deadline.check("reading sheets")
        values = _values(cells, cached.get(title, {}), budget)
        _blocks(doc, title, sheet_index, cells, values, limits)
    return doc


def _workbook(path: Path, name: str, deadline: Deadline, limits: Limits) -> tuple[
        dict[str, dict[tuple[int, int], Value]], dict[str, dict[tuple[int, int], Value]]]:
    """Every sheet's cells as typed (formulas as ``=...``), and the formulas' results the file
    keeps, after the package checks (limits, no DTD, an Excel workbook and not a Word file)."""
    with open_package(path, "xlsx", limits) as package:
        part = main_part(package, name, limits) or "xl/workbook.xml"
        if part.startswith("word/"):
            raise InputError("นี่คือแฟ้ม Word ไม่ใช่ Excel / this is a Word document, not an Excel workbook (rename it .docx)", name)
        if part not in package.namelist():
            raise InputError(f"ไม่ใช่แฟ้ม Excel / not an Excel workbook: the package has no {part}", name)
        results_kept = False
        for member in package.namelist():
            if member.endswith((".xml", ".rels", ".vml")):
                data = read_member(package, member, name, limits)
                refuse_dtd(data, member, name)
                results_kept = results_kept or _FORMULA_RESULT.search(data) is not None
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - an installation without openpyxl
        raise InputError("อ่าน XLSX ต้องติดตั้ง openpyxl / reading XLSX needs openpyxl: pip install openpyxl", name) from None
    formulas = _read(openpyxl, path, name, data_only=False, deadline=deadline, limits=limits)
    cached: dict[str, dict[tuple[int, int], Value]] = {}
    # the results Excel or LibreOffice keep, read as a second workbook; a file without any
    # (openpyxl's, kbo-docs render's) is read once: its formulas are evaluated here anyway
    if results_kept and any(_is_formula(v) for sheet in formulas.values() for v in sheet.values()):
        cached = _read(openpyxl, path, name, data_only=True, deadline=deadline, limits=limits)
    return formulas, cached


_FORMULA_RESULT = re.compile(rb"<(?:\w+:)?f\b[^>]*>(?:(?<=/>)|[^<]*</(?:\w+:)?f>)\s*<(?:\w+:)?v\b[^>]*>(?!\s*</)")
"""A formula cell with a kept result: ``<f>SUM(B5,C5)</f><v>148</v>`` (a prefix allowed, and
anything in ``<v>`` but nothing or spaces, which openpyxl reads as no result)."""


class _Budget:
    """Cell references that formula evaluation may follow in one workbook, and its deadline."""

    def __init__(self, file: str, deadline: Deadline, references: int) -> None:
        self.file, self.deadline, self.left, self.total = file, deadline, references, references

    def spend(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise InputError(
                f"สูตรอ้างถึงเซลล์มากเกินไป / the formulas refer to more than {self.total:,} cells in all: "
                "save the workbook in Excel or LibreOffice so that it keeps their results", self.file,
            )
        self.deadline.check("evaluating formulas")


def _read(openpyxl: Any, path: Path, name: str, *, data_only: bool, deadline: Deadline,
          limits: Limits) -> dict[str, dict[tuple[int, int], Value]]:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=data_only)
    except Exception as exc:  # noqa: BLE001  (openpyxl raises many kinds on broken files)
        raise InputError(f"อ่านแฟ้ม Excel ไม่ได้ / cannot read the workbook: {type(exc).__name__}: {exc}", name) from None
    sheets: dict[str, dict[tuple[int, int], Value]] = {}
    count = scanned = 0
    try:
        for ws in workbook.worksheets:
            if not hasattr(ws, "iter_rows"):
                continue
            ws.reset_dimensions()  # never trust the sheet's declared size
            cells: dict[tuple[int, int], Value] = {}
            for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
                if r % 500 == 0:
                    deadline.check("reading cells")
                scanned += len(row) + 1
                if scanned > limits.max_grid_cells:
                    raise InputError(
                        f"แผ่นงาน '{ws.title}' กว้างหรือยาวเกินไป / sheet '{ws.title}' spans more than "
                        f"{limits.max_grid_cells:,} grid cells (row {r:,} reaches column {len(row):,}): "
                        "delete stray cells far from the data", name,
                    )
                for c, value in enumerate(row, start=1):
                    if value is None or (isinstance(value, str) and not value.strip()):
                        continue
                    cells[(r, c)] = value
                    count += 1
                    if count > limits.max_cells:
                        raise InputError(f"ตารางใหญ่เกินไป / more than {limits.max_cells:,} filled cells", name)
            sheets[ws.title] = cells
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001  (openpyxl raises many kinds on broken files)
        raise InputError(f"อ่านแฟ้ม Excel ไม่ได้ / cannot read the workbook: {type(exc).__name__}: {exc}", name) from None
    finally:
        workbook.close()
    return sheets


# ---------------------------------------------------------------------------------------
# Values: cached, evaluated, or typed


def _number(value: Value) -> int | Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return int(value) if value.is_integer() else Decimal(repr(round(value, 9))).normalize()
    if isinstance(value, Decimal):
        return value
    return None


_REF = r"\$?([A-Z]{1,3})\$?([0-9]{1,7})"
_SUM = re.compile(r"^=\s*SUM\((.*)\)\s*$", re.IGNORECASE)
_TERM = re.compile(rf"^\s*(?:{_REF}(?::{_REF})?|(-?[0-9]+(?:\.[0-9]+)?))\s*$")
_ADDITIVE = re.compile(r"^=\s*[+-]?\s*(?:\$?[A-Z]{1,3}\$?[0-9]{1,7}|[0-9]+(?:\.[0-9]+)?)(?:\s*[+-]\s*(?:\$?[A-Z]{1,3}\$?[0-9]{1,7}|[0-9]+(?:\.[0-9]+)?))*\s*$")


_ARGUMENTS = re.compile(r"[,;]")
_SIGNED_TERMS = re.compile(r"([+-]?)\s*([^+-]+)")


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _values(cells: dict[tuple[int, int], Value], cached: dict[tuple[int, int], Value],
            budget: _Budget) -> dict[tuple[int, int], Value]:
    """Each cell's value: cached result of a formula, or the formula evaluated, or as typed."""
    out: dict[tuple[int, int], Value] = {}
    evaluating: set[tuple[int, int]] = set()

    def value(key: tuple[int, int]) -> Value:
        if key in out:
            return out[key]
        raw = cells.get(key)
        if isinstance(raw, str) and raw.startswith("="):
            if cached.get(key) is not None:
                result = cached[key]
            elif key in evaluating:
                return None
            else:
                evaluating.add(key)
                result = _evaluate(raw, value, cells, budget)
                evaluating.discard(key)
        else:
            result = raw
        out[key] = result
        return result

    for key in cells:
        value(key)
    return out


def _evaluate(formula: str, value: Any, cells: dict[tuple[int, int], Value], budget: _Budget) -> int | Decimal | None:
    """``=SUM(B6:B18)``, ``=SUM(B6,C6)``, ``=B6+C6-D6`` over this sheet's cells, else None."""
    terms: list[tuple[int, str]] = []
    upper = formula.upper()
    m = _SUM.match(upper)
    if m:
        terms = [(1, t) for t in _ARGUMENTS.split(m.group(1))]
    elif _ADDITIVE.match(upper):
        body = upper.lstrip("= ")
        for sign, term in _SIGNED_TERMS.findall(body):
            terms.append((-1 if sign == "-" else 1, term))
    else:
        return None
    total: int | Decimal = 0
    for sign, term in terms:
        t = _TERM.match(term)
        if not t:
            return None
        if t.group(5) is not None:
            total += sign * (Decimal(t.group(5)) if "." in t.group(5) else int(t.group(5)))
            continue
        c1, r1 = _column_index(t.group(1)), int(t.group(2))
        if t.group(3) is None and cells:  # one cell (the usual term of B6+C6-D6): no range to walk
            budget.spend(1)
            if (r1, c1) in cells and (number := _number(value((r1, c1)))) is not None:
                total += sign * number
            continue
        c2, r2 = (_column_index(t.group(3)), int(t.group(4))) if t.group(3) else (c1, r1)
        (top, bottom), (left, right) = sorted((r1, r2)), sorted((c1, c2))
        area = (bottom - top + 1) * (right - left + 1)
        if area <= len(cells):
            budget.spend(area)
            keys: Any = ((r, c) for r in range(top, bottom + 1) for c in range(left, right + 1))
        else:  # a range larger than the filled cells: visit only those (never the empty grid)
            budget.spend(len(cells))
            keys = [k for k in cells if top <= k[0] <= bottom and left <= k[1] <= right]
        for key in keys:
            if key not in cells:
                continue
            number = _number(value(key))
            if number is not None:
                total += sign * number
    return total


# ---------------------------------------------------------------------------------------
# Blocks


@functools.lru_cache(maxsize=1024)
def _letters(c: int) -> str:
    out = ""
    while c:
        c, rem = divmod(c - 1, 26)
        out = chr(65 + rem) + out
    return out


def _text(value: Value) -> str:
    if type(value) is int:
        return str(value)  # digits: nothing to normalise or strip
    if isinstance(value, (dt.datetime, dt.date)):
        day = value.date() if isinstance(value, dt.datetime) else value
        try:
            return thai.format_date(day, digits="arabic")
        except ValueError:
            return day.isoformat()
    if isinstance(value, float):
        number = _number(value)
        return str(number) if number is not None else str(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def _blocks(doc: Document, title: str, sheet_index: int, cells: dict[tuple[int, int], Value],
            values: dict[tuple[int, int], Value], limits: Limits) -> None:
    by_row: dict[int, list[int]] = {}
    for r, c in cells:
        by_row.setdefault(r, []).append(c)
    for columns_of_row in by_row.values():
        columns_of_row.sort()
    rows = sorted(by_row)
    groups: list[list[int]] = []
    for r in rows:
        if groups and r == groups[-1][-1] + 1:
            groups[-1].append(r)
        else:
            groups.append([r])
    quoted = f"'{title}'" if re.search(r"[^A-Za-z0-9_]", title) else title

    def location(r: int, c: int) -> Location:
        return Location(f"{quoted}!{_letters(c)}{r}", (sheet_index, r, c))

    def paragraph(r: int) -> None:
        texts = [(c, _text(cells[(r, c)] if not _is_formula(cells[(r, c)]) else values.get((r, c))))
                 for c in by_row.get(r, [])]
        texts = [(c, t) for c, t in texts if t and t != "None"]
        if texts:
            doc.blocks.append(Paragraph(" ".join(t for _, t in texts), location(r, texts[0][0])))

    area = 0
    for group in groups:
        filled = {r: by_row[r] for r in group}
        multi = [r for r in group if len(filled[r]) >= 2]
        if len(multi) < 2:
            for r in group:
                paragraph(r)
            continue
        top, bottom = multi[0], multi[-1]
        for r in group:
            if r < top:
                paragraph(r)
        columns = sorted({c for r in group if top <= r <= bottom for c in filled[r]})
        first, last = columns[0], columns[-1]
        area += (bottom - top + 1) * (last - first + 1)
        if area > limits.max_cells:
            raise InputError(
                f"ตารางในแผ่นงาน '{title}' ใหญ่เกินไป / a table on sheet '{title}' spans rows {top:,}-{bottom:,} and "
                f"columns {_letters(first)}-{_letters(last)}, more than {limits.max_cells:,} cells: delete stray cells "
                "far from the data", doc.file,
            )
        table_rows: list[list[Cell]] = []
        for r in range(top, bottom + 1):
            row: list[Cell] = []
            for c in range(first, last + 1):
                raw = cells.get((r, c))
                value = values.get((r, c))
                formula = raw if _is_formula(raw) else None
                number = _number(value)
                text = _text(value) if value is not None else ""
                if number is None and isinstance(value, str):
                    number = cell_number(value)
                row.append(Cell(text, location(r, c), number, formula))
            table_rows.append(row)
        doc.blocks.append(Table(table_rows, table_rows[0][0].location, len(doc.tables) + 1))
        for r in group:
            if r > bottom:
                paragraph(r)


def _is_formula(value: Value) -> bool:
    return isinstance(value, str) and value.startswith("=")


def read_sheets(path: Path, limits: Limits) -> dict[str, dict[tuple[int, int], Value]]:
    """Every sheet's non-empty cells by (row, column), 1-based, with formulas' values (cached
    or evaluated as in :func:`extract_xlsx`), after the same package checks. For readers of a
    clerk's sheet as data (:mod:`kbo_docs.sheets`)."""
    name = str(path)
    deadline = Deadline(name, limits)
    formulas, cached = _workbook(path, name, deadline, limits)
    budget = _Budget(name, deadline, limits.max_formula_refs)
    return {title: _values(cells, cached.get(title, {}), budget) for title, cells in formulas.items()}


def cell_label(sheet: str, row: int, column: int) -> str:
    """``Sheet1!B7`` (a sheet name with other characters quoted: ``'ทะเบียน'!B7``)."""
    quoted = f"'{sheet}'" if re.search(r"[^A-Za-z0-9_]", sheet) else sheet
    return f"{quoted}!{_letters(column)}{row}"
