"""Registers as XLSX (openpyxl): live SUM formulas, frozen header, widths that fit Thai
text, A4 print set-up with repeated header rows, Thai-digit number formats, and every user
string written as text (a name beginning with ``=`` never becomes a formula)."""

from __future__ import annotations

import io
import unicodedata
from typing import Any

from .view import Document

THAI_NUMBER_FORMAT = "[$-D00041E]#,##0"
"""Shows Thai digits in LibreOffice Calc and Excel while the cell stays a number."""
ARABIC_NUMBER_FORMAT = "#,##0"
FONT_NAME = "TH SarabunIT๙"
FONT_SIZE = 14


def display_width(text: str) -> int:
    """Columns a text takes on screen: Thai marks above and below letters take none."""
    return sum(0 if unicodedata.category(ch) in ("Mn", "Me", "Cf") else 1 for ch in text)


def _text_cell(ws: Any, row: int, col: int, value: str) -> Any:
    """Write user text as a string cell, whatever it starts with."""
    cell = ws.cell(row=row, column=col)
    cell.value = value
    cell.data_type = "s"
    return cell


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
    number_format = THAI_NUMBER_FORMAT if doc.digits == "thai" else ARABIC_NUMBER_FORMAT

    wb = Workbook()
    ws = wb.active
    ws.title = "".join(ch for ch in doc.id if ch not in "[]:*?/\\")[:31] or "register"
    font = Font(name=FONT_NAME, size=FONT_SIZE)
    bold = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    last_col = len(columns) + 1

    row = 1
    for line in data["title"]:
        cell = _text_cell(ws, row, 1, line)
        cell.font, cell.alignment = bold, Alignment(horizontal="center")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
        row += 1
    header = row + 1
    for col, title in enumerate([data["row_label"]] + [c["title"] for c in columns], start=1):
        cell = _text_cell(ws, header, col, title)
        cell.font, cell.border = bold, box
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    first = header + 1
    for i, item in enumerate(data["rows"]):
        r = first + i
        cell = _text_cell(ws, r, 1, item["name"])
        cell.font, cell.border = font, box
        for j, (column, value) in enumerate(zip(columns, item["values"]), start=2):
            cell = ws.cell(row=r, column=j)
            if column["sum_of"]:
                parts = [get_column_letter(keys.index(k) + 2) + str(r) for k in column["sum_of"]]
                cell.value = f"=SUM({','.join(parts)})"
            else:
                cell.value = value
            cell.font, cell.border, cell.number_format = font, box, number_format
    last = first + len(data["rows"]) - 1
    total_row = last + 1
    cell = _text_cell(ws, total_row, 1, data["total_label"])
    cell.font, cell.border = bold, box
    for j in range(2, last_col + 1):
        letter = get_column_letter(j)
        cell = ws.cell(row=total_row, column=j, value=f"=SUM({letter}{first}:{letter}{last})")
        cell.font, cell.border, cell.number_format = bold, box, number_format

    row = total_row + 2
    for note in data["notes"]:
        _text_cell(ws, row, 1, note).font = font
        row += 1

    widths = [max([display_width(data["row_label"])] + [display_width(r["name"]) for r in data["rows"]])]
    widths += [min(30, max(8, display_width(c["title"]) // 2 + 2)) for c in columns]
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = width + 3
    ws.row_dimensions[header].height = 45

    ws.freeze_panes = ws.cell(row=first, column=2)
    ws.print_title_rows = f"{header}:{header}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if len(columns) > 6 else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left, ws.page_margins.right = 3 / 2.54, 2 / 2.54

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
