"""Registers as XLSX (openpyxl): live SUM formulas, frozen header, widths that fit Thai
text, A4 print set-up with repeated header rows, Thai-digit number formats, and every user
string written as text (a name beginning with ``=`` never becomes a formula)."""

from __future__ import annotations

import io
import math
from decimal import Decimal
from typing import Any

from .view import Document

THAI_NUMBER_FORMAT = "[$-D00041E]#,##0"
"""Shows Thai digits in LibreOffice Calc and Excel while the cell stays a number."""
ARABIC_NUMBER_FORMAT = "#,##0"
FONT_NAME = "TH SarabunIT๙"
FONT_SIZE = 14
_TABLE_PT = 16 / 2.54 * 72
"""The table spans the A4 text width (3 cm and 2 cm margins): 16 cm."""
_PT_PER_UNIT = 5.25
"""Excel column width unit: the default font's (Calibri 11) digit, 7 px = 5.25 pt."""
_CELL_PAD_PT = 8.0
_LINE_PT = FONT_SIZE * 1.65
"""Row height per line: TH Sarabun's marks above and below need about 1.6 times the size."""


def _text_cell(ws: Any, row: int, col: int, value: str) -> Any:
    """Write user text as a string cell, whatever it starts with."""
    cell = ws.cell(row=row, column=col)
    cell.value = value
    cell.data_type = "s"
    return cell


def number_format(column: dict[str, Any], digits: str) -> str:
    """The cell format of a column: whole numbers, money with satang, decimals, or percent
    (the cell holds the fraction, ``0.9294`` shows ``92.94%``), Thai digits when asked."""
    places = column.get("places", 0)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    if column.get("type") == "percent":
        pattern = "0" + ("." + "0" * places if places else "") + "%"
    return ("[$-D00041E]" if digits == "thai" else "") + pattern


def _cell_value(column: dict[str, Any], value: Any) -> Any:
    """A figure as the workbook stores it: exact (Decimal), a percent as its fraction."""
    if value is None:
        return None
    if column.get("type") == "percent":
        return Decimal(value) / 100
    return value


def _formula(column: dict[str, Any], keys: list[str], row: int, first: int, last: int) -> str | None:
    """The live formula of a computed cell in ``row`` (a share divides by the column total when
    its whole is ``total``)."""
    from openpyxl.utils import get_column_letter

    def at(key: str, r: int = row) -> str:
        return f"{get_column_letter(keys.index(key) + 2)}{r}"

    if column["sum_of"]:
        return f"=SUM({','.join(at(k) for k in column['sum_of'])})"
    if column.get("difference"):
        a, b = column["difference"]
        return f"={at(a)}-{at(b)}"
    share = column.get("share_of")
    if share:
        part = at(share["part"])
        if share["whole"] == "total":
            letter = get_column_letter(keys.index(share["part"]) + 2)
            whole = f"SUM({letter}${first}:{letter}${last})"
        else:
            whole = at(share["whole"])
        return f"=IF({whole}=0,0,{part}/{whole})"
    return None


def _mark(cell: Any, mark: dict[str, Any], typed: Any, column: dict[str, Any], formula: str | None) -> None:
    """A typed figure that disagrees with what it should be keeps the typed figure (so every
    format shows the same number), is filled and carries a comment saying what it should be."""
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    rounding = mark["kind"] == "rounding"
    color = "FFF2CC" if rounding else "F4CCCC"
    cell.fill = PatternFill("solid", start_color=color, end_color=color)
    expected = mark["expected"]
    why = ("ผลต่างจากการปัดเศษ / rounding difference" if rounding
           else "ไม่ตรงกับที่คำนวณได้ / disagrees with the computed figure")
    how = f" ({formula[1:]})" if formula else ""
    text = f"พิมพ์ไว้ / typed {typed}; คำนวณได้ / computed {expected}{how}: {why}"
    cell.comment = Comment(text, "kbo-docs")


def render_xlsx(doc: Document, *, chart: bool = False) -> bytes:
    """One workbook for one register document (``doc.kind == "register"``)."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    if doc.kind != "register":
        raise ValueError(f"XLSX is for registers, not {doc.kind}")
    data = doc.data
    columns = data["columns"]
    keys = [c["key"] for c in columns]
    default_format = THAI_NUMBER_FORMAT if doc.digits == "thai" else ARABIC_NUMBER_FORMAT

    wb = Workbook()
    ws = wb.active
    ws.title = "".join(ch for ch in doc.id if ch not in "[]:*?/\\")[:31] or "register"
    font = Font(name=FONT_NAME, size=FONT_SIZE)
    bold = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    last_col = len(columns) + 1

    # Column widths from the widest content measured with the real font (the PDF's and the
    # DOCX's measure, kbo_docs.render.measure), in Excel's width units
    from .measure import TH_SARABUN_SCALE, column_widths, register_columns, text_width

    size = FONT_SIZE * TH_SARABUN_SCALE
    points = column_widths(register_columns(data, doc.digits), _TABLE_PT, size, padding_pt=_CELL_PAD_PT)
    for j, width in enumerate(points, start=1):
        ws.column_dimensions[get_column_letter(j)].width = round(width / _PT_PER_UNIT, 2)

    def lines(text: str, width_pt: float, bold_text: bool = False) -> int:
        """Lines a wrapped cell takes (measured, with a margin for word breaks)."""
        return max(1, math.ceil(text_width(text, size, bold=bold_text) * 1.1 / max(width_pt - _CELL_PAD_PT, 1)))

    row = 1
    for line in data["title"]:
        cell = _text_cell(ws, row, 1, line)
        cell.font, cell.alignment = bold, Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
        ws.row_dimensions[row].height = _LINE_PT * lines(line, sum(points), True)
        row += 1
    header = row + 1
    titles = [data["row_label"]] + [c["title"] + (f" ({c['unit']})" if c.get("unit") else "") for c in columns]
    for col, title in enumerate(titles, start=1):
        cell = _text_cell(ws, header, col, title)
        cell.font, cell.border = bold, box
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    first = header + 1
    for i, item in enumerate(data["rows"]):
        r = first + i
        cell = _text_cell(ws, r, 1, item["name"])
        cell.font, cell.border = font, box
        marks = item.get("marks") or [None] * len(columns)
        for j, (column, value, mark) in enumerate(zip(columns, item["values"], marks), start=2):
            cell = ws.cell(row=r, column=j)
            formula = _formula(column, keys, r, header + 1, header + len(data["rows"]))
            if mark is not None:
                cell.value = _cell_value(column, value)
                _mark(cell, mark, value, column, formula)
            else:
                cell.value = formula or _cell_value(column, value)
            cell.font, cell.border = font, box
            cell.number_format = number_format(column, doc.digits) if "type" in column else default_format
    last = first + len(data["rows"]) - 1
    total_row = last + 1
    cell = _text_cell(ws, total_row, 1, data["total_label"])
    cell.font, cell.border = bold, box
    total_marks = data.get("total_marks") or [None] * len(columns)
    for j, (column, stated, mark) in enumerate(zip(columns, data["totals"], total_marks), start=2):
        letter = get_column_letter(j)
        formula = f"=SUM({letter}{first}:{letter}{last})"
        share = column.get("share_of")
        if share:  # the share of the totals, not a sum of shares
            part = get_column_letter(keys.index(share["part"]) + 2) + str(total_row)
            whole = part if share["whole"] == "total" else get_column_letter(keys.index(share["whole"]) + 2) + str(total_row)
            formula = f"=IF({whole}=0,0,{part}/{whole})"
        cell = ws.cell(row=total_row, column=j)
        if mark is not None:
            cell.value = _cell_value(column, stated)
            _mark(cell, mark, stated, column, formula)
        else:
            cell.value = formula
        cell.font, cell.border = bold, box
        cell.number_format = number_format(column, doc.digits) if "type" in column else default_format

    for r in range(first, total_row + 1):
        ws.row_dimensions[r].height = _LINE_PT
    # Notes: wrapped within the table's columns (merged across them), Thai distributed
    row = total_row + 2
    for k, note in enumerate(data["notes"]):
        cell = _text_cell(ws, row, 1, note)
        cell.font = bold if k == 0 and len(data["notes"]) > 1 else font
        cell.alignment = Alignment(horizontal="left" if k == 0 else "justify", vertical="top", wrap_text=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
        ws.row_dimensions[row].height = _LINE_PT * lines(note, sum(points))
        row += 1

    header_lines = max(lines(t, w, True) for t, w in zip(titles, points))
    ws.row_dimensions[header].height = _LINE_PT * header_lines

    ws.freeze_panes = ws.cell(row=first, column=2)
    ws.print_title_rows = f"{header}:{header}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if len(columns) > 6 else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left, ws.page_margins.right = 3 / 2.54, 2 / 2.54
    # Page numbers "- n -" in the footer. Spreadsheet header/footer codes have no digit
    # switch (&P is always 1, 2, 3 in Excel and LibreOffice Calc): Thai digits cannot be
    # had there; the page number is printed in Arabic digits (README, Status and limits).
    ws.oddFooter.center.text = "- &P -"
    ws.oddFooter.center.font = FONT_NAME
    ws.oddFooter.center.size = FONT_SIZE

    target = next((j for j, c in enumerate(columns, start=2) if c["target"]), None)
    if chart and target is not None:
        bar = BarChart()
        bar.type, bar.legend = "bar", None
        bar.title = columns[target - 2]["title"]
        bar.add_data(Reference(ws, min_col=target, min_row=header, max_row=last), titles_from_data=True)
        bar.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
        bar.height, bar.width = 9, 16
        ws.add_chart(bar, f"{get_column_letter(last_col + 2)}{header}")

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
