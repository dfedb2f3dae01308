"""Registers as XLSX (openpyxl): live SUM formulas, frozen header, widths that fit Thai
text, A4 print set-up with repeated header rows, Thai-digit number formats, and every user
string written as text (a name beginning with ``=`` never becomes a formula)."""

from __future__ import annotations

import io
import unicodedata
from decimal import Decimal
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

    row = 1
    for line in data["title"]:
        cell = _text_cell(ws, row, 1, line)
        cell.font, cell.alignment = bold, Alignment(horizontal="center")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
        row += 1
    header = row + 1
    for col, title in enumerate([data["row_label"]] + [c["title"] + (f" ({c['unit']})" if c.get("unit") else "") for c in columns], start=1):
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

    row = total_row + 2
    for note in data["notes"]:
        _text_cell(ws, row, 1, note).font = font
        row += 1

    widths = [max([display_width(data["row_label"])] + [display_width(r["name"]) for r in data["rows"]])]
    figures = [[v for v in [*(r["values"][j] for r in data["rows"]), data["totals"][j]] if v is not None]
               for j in range(len(columns))]
    widths += [min(30, max(8, display_width(c["title"]) // 2 + 2,
                           max((len(format(Decimal(v), ",.{}f".format(c.get("places", 0)))) + 2 for v in figs), default=0)))
               for c, figs in zip(columns, figures)]
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
