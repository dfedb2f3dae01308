"""Registers as XLSX (openpyxl): live SUM formulas, frozen header, widths that fit Thai
text, A4 print set-up with repeated header rows, Thai-digit number formats, and every user
string written as text (a name beginning with ``=`` never becomes a formula).

A register's rows are streamed: openpyxl builds the workbook with everything but the
plain register rows (titles, header, total row, notes, styles, print set-up, and any row it
must write itself: a marked figure with its fill and comment, a value of another type, a
character XML cannot hold), and the plain rows are written into its sheet as the same XML
openpyxl writes for them (``<row>`` with its height, inline strings, the cells' style ids
from the workbook's own style table). openpyxl spent about 27 µs on a styled cell (style
hashing, cell objects, its XML writer: 13.5 s CPU for 100,000 rows of five cells); the
streamed rows cost about 1 µs a cell, deflating included. A test keeps the workbook equal to
openpyxl's own, part by part (benchmarks/README.md, issue 16)."""

from __future__ import annotations

import io
import math
import re
import zipfile
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


_ROW_MARK = "\0"
"""Stands for the row number in a formula template (see :func:`_formula`)."""
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters no XML 1.0 document holds: a row with one is left to openpyxl, which refuses it."""
_ROW_TAG = re.compile(rb'<row r="(\d+)"')
_ZIP_LEVEL = 3
"""zlib's level for a workbook with streamed rows: 100,000 rows (34 MB of XML) compress in
0.12 s CPU to 3.3 MB, against 0.38 s and 2.9 MB at the default level 6 (openpyxl's)."""
_STREAM_BLOCK = 2000
"""Rows encoded and compressed at a time (bounded memory for a long register)."""


def _xml_text(text: str) -> str:
    """Text as lxml writes it in an element (what openpyxl's writer does)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


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


def _formula(column: dict[str, Any], keys: list[str], row: int | str, first: int, last: int) -> str | None:
    """The live formula of a computed cell in ``row`` (a share divides by the column total when
    its whole is ``total``). ``row`` may be :data:`_ROW_MARK`: a template for every row."""
    from openpyxl.utils import get_column_letter

    def at(key: str, r: int | str = row) -> str:
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


def render_xlsx(doc: Document, *, chart: bool = False, stream: bool = True) -> bytes:
    """One workbook for one register document (``doc.kind == "register"``). ``stream=False``
    writes every row through openpyxl's cells (the reference the streamed rows are tested
    against)."""
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
    points = column_widths(register_columns(data, doc.digits, distinct=True), _TABLE_PT, size, padding_pt=_CELL_PAD_PT)
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
    last = first + len(data["rows"]) - 1
    templates = [_formula(column, keys, _ROW_MARK, first, last) for column in columns]
    formats = [number_format(column, doc.digits) if "type" in column else default_format for column in columns]
    streamed = _Rows(ws, first, columns, templates, font, box, formats) if stream else None
    for i, item in enumerate(data["rows"]):
        r = first + i
        if streamed is not None and streamed.add(r, item):
            continue
        cell = _text_cell(ws, r, 1, item["name"])
        cell.font, cell.border = font, box
        marks = item.get("marks") or [None] * len(columns)
        row_text = str(r)
        for j, (column, value, mark, template, fmt) in enumerate(
                zip(columns, item["values"], marks, templates, formats), start=2):
            cell = ws.cell(row=r, column=j)
            formula = template.replace(_ROW_MARK, row_text) if template else None
            if mark is not None:
                cell.value = _cell_value(column, value)
                _mark(cell, mark, value, column, formula)
            else:
                cell.value = formula or _cell_value(column, value)
            cell.font, cell.border = font, box
            cell.number_format = fmt
        ws.row_dimensions[r].height = _LINE_PT
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

    ws.row_dimensions[total_row].height = _LINE_PT
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
    if streamed is None or not streamed.count:
        return out.getvalue()
    return streamed.splice(out.getvalue(), ws.path.lstrip("/"))


class _Rows:
    """The plain rows of a register, as the XML openpyxl writes for them (see the module's
    docstring): a row with a mark, a value that is neither a number nor empty, or a name XML
    cannot hold is refused (:meth:`add` is false) and written through openpyxl's cells."""

    def __init__(self, ws: Any, first: int, columns: list[dict[str, Any]], templates: list[str | None],
                 font: Any, box: Any, formats: list[str]) -> None:
        from openpyxl.cell.cell import Cell
        from openpyxl.compat import safe_string
        from openpyxl.utils import get_column_letter

        # the cells above keep the style ids openpyxl gives them when it saves (in row order),
        # then the register's styles follow in the order a first openpyxl row registers them
        for coordinate in sorted(ws._cells):
            ws._cells[coordinate].style_id  # noqa: B018  (registers the cell's style)

        def style(number_format: str | None = None) -> str:
            cell = Cell(ws)  # never placed in the sheet: carries the style to the workbook
            cell.font, cell.border = font, box
            if number_format is not None:
                cell.number_format = number_format
            return cell.style_id

        name_style = style()
        cells, self.values = [], []
        for j, (column, template, fmt) in enumerate(zip(columns, templates, formats), start=2):
            letter, sid = get_column_letter(j), style(fmt)
            if template:  # a live formula in every row (openpyxl writes an empty <v>)
                formula = _xml_text(template[1:]).replace("{", "{{").replace("}", "}}").replace(_ROW_MARK, "{0}")
                cells.append(f'<c r="{letter}{{0}}" s="{sid}"><f>{formula}</f><v></v></c>')
            else:
                self.values.append((j - 2, column.get("type") == "percent"))
                cells.append(f'<c r="{letter}{{0}}" s="{sid}" t="n">{{{len(self.values) + 2}}}</c>')
        self.row = (f'<row r="{{0}}" ht="{safe_string(_LINE_PT)}" customHeight="1">'
                    f'<c r="A{{0}}" s="{name_style}" t="inlineStr"><is><t{{1}}>{{2}}</t></is></c>'
                    + "".join(cells) + "</row>")
        self.first, self.lines, self.count = first, [], 0
        self.safe_string = safe_string
        self.numbers: dict[int, str] = {}

    def number(self, value: Any, percent: bool) -> str | None:
        """A value's ``<v>`` as openpyxl writes it (None: not a plain number)."""
        kind = type(value)
        if value is None:
            return ""
        if kind is int and not percent:
            text = self.numbers.get(value)
            if text is None:
                text = self.numbers[value] = f"<v>{self.safe_string(value)}</v>"
            return text
        if kind is int or kind is Decimal or kind is float:
            return f"<v>{self.safe_string(_cell_value({'type': 'percent'} if percent else {}, value))}</v>"
        return None

    def add(self, r: int, item: dict[str, Any]) -> bool:
        """Row ``r`` streamed (True), or left to openpyxl (False)."""
        name, values, marks = item["name"], item["values"], item.get("marks")
        if (marks and any(m is not None for m in marks)) or type(name) is not str or _NOT_XML.search(name):
            self.lines.append(None)
            return False
        texts = [self.number(values[j], percent) for j, percent in self.values]
        if None in texts:
            self.lines.append(None)
            return False
        space = ' xml:space="preserve"' if name != name.strip() else ""
        self.lines.append(self.row.format(r, space, _xml_text(name), *texts))
        self.count += 1
        return True

    def splice(self, book: bytes, sheet: str) -> bytes:
        """``book`` (openpyxl's workbook) with the streamed rows in ``sheet``'s ``<sheetData>``,
        among the rows openpyxl wrote, in row order; every other part as it was."""
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(book)) as source, \
                zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True, compresslevel=_ZIP_LEVEL) as target:
            for info in source.infolist():
                if info.filename != sheet:
                    target.writestr(info, source.read(info))
                    continue
                xml = source.read(info)
                start = xml.index(b"<sheetData>") + len(b"<sheetData>")
                end = xml.index(b"</sheetData>", start)
                found = [(m.start(), int(m.group(1))) for m in _ROW_TAG.finditer(xml, start, end)]
                theirs = {r: xml[at:(found[k + 1][0] if k + 1 < len(found) else end)]
                          for k, (at, r) in enumerate(found)}
                last = self.first + len(self.lines) - 1
                streamed = zipfile.ZipInfo(info.filename, info.date_time)
                streamed.compress_type, streamed.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
                streamed._compresslevel = _ZIP_LEVEL  # ZipInfo.compress_level from Python 3.13 on
                with target.open(streamed, "w") as part:
                    part.write(xml[:start])
                    part.write(b"".join(text for r, text in theirs.items() if r < self.first))
                    for block in range(0, len(self.lines), _STREAM_BLOCK):
                        lines = self.lines[block:block + _STREAM_BLOCK]
                        part.write(b"".join(line.encode() if line is not None else theirs[self.first + block + k]
                                            for k, line in enumerate(lines)))
                    part.write(b"".join(text for r, text in theirs.items() if r > last))
                    part.write(xml[end:])
        return out.getvalue()
