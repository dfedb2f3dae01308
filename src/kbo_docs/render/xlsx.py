"""Registers as XLSX (openpyxl): live SUM formulas, frozen header, widths that fit Thai
text, A4 print set-up with repeated header rows, Thai-digit number formats, and every user
string written as text (a name beginning with ``=`` never becomes a formula)."""

from __future__ import annotations

import io
import unicodedata
from copy import copy
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


def _styled(template: Any, value: Any = None, *, text: bool = False) -> Any:
    """A streamed cell holding ``value`` with the style of ``template`` (copied as openpyxl's
    own style array: setting font, border and format cell by cell hashes each style object
    again, most of the time of a big register). ``text``: user text stays text, whatever it
    starts with (a name beginning with ``=`` never becomes a formula)."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(template.parent, value)
    if text:
        cell.data_type = "s"
    cell._style = copy(template._style)
    return cell


def render_xlsx(doc: Document, *, chart: bool = False) -> bytes:
    """One workbook for one register document (``doc.kind == "register"``), written row by
    row (openpyxl's write-only mode: a register of 100,000 rows in seconds)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    if doc.kind != "register":
        raise ValueError(f"XLSX is for registers, not {doc.kind}")
    data = doc.data
    columns = data["columns"]
    keys = [c["key"] for c in columns]
    number_format = THAI_NUMBER_FORMAT if doc.digits == "thai" else ARABIC_NUMBER_FORMAT

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("".join(ch for ch in doc.id if ch not in "[]:*?/\\")[:31] or "register")
    font = Font(name=FONT_NAME, size=FONT_SIZE)
    bold = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    last_col = len(columns) + 1

    def template(**style: Any) -> Any:
        cell = WriteOnlyCell(ws)
        for name, value in style.items():
            setattr(cell, name, value)
        return cell

    title_style = template(font=bold, alignment=Alignment(horizontal="center"))
    header_style = template(font=bold, border=box,
                            alignment=Alignment(horizontal="center", vertical="center", wrap_text=True))
    name_style = template(font=font, border=box)
    number_style = template(font=font, border=box, number_format=number_format)
    total_label_style = template(font=bold, border=box)
    total_style = template(font=bold, border=box, number_format=number_format)
    note_style = template(font=font)

    # What a streamed sheet needs before its first row: sizes, panes, merges, print set-up.
    title_rows = len(data["title"])
    header = title_rows + 2
    first = header + 1
    last = first + len(data["rows"]) - 1
    total_row = last + 1
    for row in range(1, title_rows + 1):
        ws.merged_cells.add(f"A{row}:{get_column_letter(last_col)}{row}")
    widths = [max([display_width(data["row_label"])] + [display_width(r["name"]) for r in data["rows"]])]
    widths += [min(30, max(8, display_width(c["title"]) // 2 + 2)) for c in columns]
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = width + 3
    ws.row_dimensions[header].height = 45
    ws.freeze_panes = f"B{first}"
    ws.print_title_rows = f"{header}:{header}"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if len(columns) > 6 else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left, ws.page_margins.right = 3 / 2.54, 2 / 2.54

    for line in data["title"]:
        ws.append([_styled(title_style, line, text=True)])
    ws.append([])
    ws.append([_styled(header_style, title, text=True) for title in [data["row_label"]] + [c["title"] for c in columns]])
    sums = [
        ",".join(get_column_letter(keys.index(k) + 2) + "{r}" for k in column["sum_of"]) if column["sum_of"] else None
        for column in columns
    ]
    for r, item in enumerate(data["rows"], start=first):
        cells = [_styled(name_style, item["name"], text=True)]
        for parts, value in zip(sums, item["values"]):
            cells.append(_styled(number_style, f"=SUM({parts.format(r=r)})" if parts else value))
        ws.append(cells)
    ws.append([_styled(total_label_style, data["total_label"], text=True)]
              + [_styled(total_style, f"=SUM({get_column_letter(j)}{first}:{get_column_letter(j)}{last})")
                 for j in range(2, last_col + 1)])
    ws.append([])
    for note in data["notes"]:
        ws.append([_styled(note_style, note, text=True)])

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
