"""XLSX registers (kbo_docs.render.xlsx): live SUM formulas that add up to the sample's totals,
numeric cells with Thai-digit formats, print set-up, widths, and user text never read as a formula.

Formulas are evaluated here in Python from the cell values (no LibreOffice recalculation)."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kbo_docs.load import load_project, load_text
from kbo_docs.render.view import Document, Views
from kbo_docs.render.xlsx import ARABIC_NUMBER_FORMAT, THAI_NUMBER_FORMAT, render_xlsx
from kbo_docs.thai import display_width

from ..helpers import LAMPANG, MINIMAL

TOTALS = {"B": 52, "C": 1696, "D": 1748, "E": 34}
DISTRICTS = 13


def register_doc(loaded) -> Document:  # type: ignore[no-untyped-def]
    return next(d for d in Views(loaded.project).documents() if d.kind == "register")


def save_and_open(doc: Document, tmp_path: Path, **options):  # type: ignore[no-untyped-def]
    path = tmp_path / f"{doc.id}.xlsx"
    path.write_bytes(render_xlsx(doc, **options))
    return openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def lampang_doc() -> Document:
    return register_doc(load_project(LAMPANG))


@pytest.fixture
def ws(lampang_doc, tmp_path):  # type: ignore[no-untyped-def]
    return save_and_open(lampang_doc, tmp_path).active


def header_row(ws) -> int:  # type: ignore[no-untyped-def]
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "อำเภอ")


# --- a tiny evaluator for the formulas the renderer writes --------------------------------------

_SUM = re.compile(r"=SUM\(([A-Z]+\d+(?::[A-Z]+\d+)?(?:,[A-Z]+\d+(?::[A-Z]+\d+)?)*)\)")


def evaluate(ws, coordinate: str) -> int:  # type: ignore[no-untyped-def]
    cell = ws[coordinate]
    if cell.data_type == "f":
        match = _SUM.fullmatch(cell.value)
        assert match, f"{coordinate}: unexpected formula {cell.value!r}"
        total = 0
        for part in match.group(1).split(","):
            if ":" in part:
                for row in ws[part]:
                    total += sum(evaluate(ws, c.coordinate) for c in row)
            else:
                total += evaluate(ws, part)
        return total
    assert cell.value is None or isinstance(cell.value, int), f"{coordinate}: {cell.value!r}"
    return cell.value or 0


# --- the Lampang register ----------------------------------------------------------------------


def test_layout_title_header_rows_total(ws, lampang_doc):
    assert [ws.cell(row=r, column=1).value for r in (1, 2, 3)] == lampang_doc.data["title"]
    header = header_row(ws)
    titles = [ws.cell(row=header, column=c).value for c in range(1, 6)]
    assert titles == ["อำเภอ"] + [c["title"] for c in lampang_doc.data["columns"]]
    first = header + 1
    names = [ws.cell(row=first + i, column=1).value for i in range(DISTRICTS)]
    assert names == [r["name"] for r in lampang_doc.data["rows"]]
    assert ws.cell(row=first + DISTRICTS, column=1).value == "รวม"


def test_sum_column_is_a_live_formula_in_every_row(ws):
    first = header_row(ws) + 1
    for r in range(first, first + DISTRICTS):
        cell = ws.cell(row=r, column=4)
        assert cell.data_type == "f"
        assert cell.value == f"=SUM(B{r},C{r})"


def test_total_row_sums_each_column(ws):
    first = header_row(ws) + 1
    last = first + DISTRICTS - 1
    total_row = last + 1
    for letter in "BCDE":
        cell = ws[f"{letter}{total_row}"]
        assert cell.data_type == "f"
        assert cell.value == f"=SUM({letter}{first}:{letter}{last})"


def test_formulas_evaluate_to_the_sample_totals(ws, lampang_doc):
    first = header_row(ws) + 1
    total_row = first + DISTRICTS
    assert {letter: evaluate(ws, f"{letter}{total_row}") for letter in "BCDE"} == TOTALS
    # and every row's sum formula gives the row's total as typed in the sample
    for i, row in enumerate(lampang_doc.data["rows"]):
        assert evaluate(ws, f"D{first + i}") == row["values"][2]
    assert lampang_doc.data["totals"] == list(TOTALS.values())


def test_number_cells_are_numbers_with_thai_digit_format(ws, lampang_doc):
    first = header_row(ws) + 1
    for i, row in enumerate(lampang_doc.data["rows"]):
        for col, value in zip((2, 3, 5), (row["values"][0], row["values"][1], row["values"][3])):
            cell = ws.cell(row=first + i, column=col)
            assert cell.data_type == "n"
            assert cell.value == value and isinstance(cell.value, int)
            assert cell.number_format == THAI_NUMBER_FORMAT
        assert ws.cell(row=first + i, column=4).number_format == THAI_NUMBER_FORMAT
    for col in range(2, 6):
        assert ws.cell(row=first + DISTRICTS, column=col).number_format == THAI_NUMBER_FORMAT
    assert THAI_NUMBER_FORMAT == "[$-D00041E]#,##0"


def test_every_string_cell_is_text(ws):
    strings = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.data_type != "f"]
    assert strings
    assert all(c.data_type == "s" for c in strings)
    formulas = {c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"}
    first = header_row(ws) + 1
    expected = {f"D{r}" for r in range(first, first + DISTRICTS)} | {f"{c}{first + DISTRICTS}" for c in "BCDE"}
    assert formulas == expected


def test_print_setup_and_frozen_header(ws):
    header = header_row(ws)
    assert ws.freeze_panes == f"B{header + 1}"  # rows down to the header and the name column stay put
    assert ws.print_title_rows == f"${header}:${header}"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_column_widths_fit_the_names(ws, lampang_doc):
    longest = max(display_width(r["name"]) for r in lampang_doc.data["rows"])
    assert ws.column_dimensions["A"].width > longest
    assert ws.column_dimensions["A"].width > display_width("อำเภอ")
    for letter in "BCDE":
        assert ws.column_dimensions[letter].width >= 8


def test_display_width_ignores_thai_marks():
    assert display_width("เมืองลำปาง") == 9  # 10 characters; the mark ื takes no column (ำ does)
    assert display_width("แจ้ห่ม") == 4  # tone marks ้ ่ take none
    assert display_width("abc") == 3


def test_notes_under_the_table(ws, lampang_doc):
    texts = [c.value for row in ws.iter_rows(min_row=header_row(ws) + DISTRICTS + 2) for c in row if c.value]
    assert texts == lampang_doc.data["notes"]


def test_chart_only_when_asked(lampang_doc, tmp_path):
    assert save_and_open(lampang_doc, tmp_path).active._charts == []
    charted = save_and_open(lampang_doc, tmp_path, chart=True).active
    assert len(charted._charts) == 1


def test_not_for_circulars():
    circular = next(d for d in Views(load_project(LAMPANG).project).documents() if d.kind == "circular")
    with pytest.raises(ValueError, match="XLSX is for registers"):
        render_xlsx(circular)


# --- Arabic digits ------------------------------------------------------------------------------


def test_arabic_agency_uses_plain_number_format(tmp_path):
    text = LAMPANG.read_text(encoding="utf-8").replace("  digits: thai\n", "  digits: arabic\n")
    assert "digits: arabic" in text
    doc = register_doc(load_text(text, "arabic.yaml"))
    assert doc.digits == "arabic"
    ws = save_and_open(doc, tmp_path).active
    first = header_row(ws) + 1
    numbers = [c for row in ws.iter_rows(min_row=first, max_row=first + DISTRICTS) for c in row[1:]]
    assert len(numbers) == 4 * (DISTRICTS + 1)
    assert {c.number_format for c in numbers} == {ARABIC_NUMBER_FORMAT} == {"#,##0"}
    assert all(c.data_type in ("n", "f") for c in numbers)


# --- user text that looks like a formula ----------------------------------------------------------

FORMULA_LIKE = MINIMAL + """\
registers:
  - id: reg
    title:
      - "=HYPERLINK(\\"http://example.com\\", \\"x\\")"
      - "+ทะเบียน"
      - "-๑"
      - "@SUM(A1)"
    row_label: "=อำเภอ"
    columns:
      - {key: a, title: "+a"}
      - {key: b, title: "-b"}
      - {key: s, title: "=SUM(A1:A9)", sum_of: [a, b]}
    rows:
      - {name: "=SUM(B2:B3)", a: ๑, b: ๒}
      - {name: "+เมือง", a: ๓, b: ๔}
      - {name: "-แม่ทะ", a: ๕, b: ๖}
      - {name: "@งาว", a: ๗, b: ๘}
      - {name: "=1+1", a: ๙, b: ๑๐}
    total_label: "=รวม"
    notes:
      - "=cmd|' /C calc'!A0"
"""
LITERALS = [
    '=HYPERLINK("http://example.com", "x")', "+ทะเบียน", "-๑", "@SUM(A1)", "=อำเภอ", "+a", "-b",
    "=SUM(A1:A9)", "=SUM(B2:B3)", "+เมือง", "-แม่ทะ", "@งาว", "=1+1", "=รวม", "=cmd|' /C calc'!A0",
]


def test_text_starting_with_formula_characters_stays_text(tmp_path):
    doc = register_doc(load_text(FORMULA_LIKE, "formula.yaml"))
    path = tmp_path / "formula.xlsx"
    path.write_bytes(render_xlsx(doc))
    ws = openpyxl.load_workbook(path).active
    cells = {c.value: c for row in ws.iter_rows() for c in row if c.value is not None}
    for text in LITERALS:
        assert text in cells, text
        assert cells[text].data_type == "s", text
    # the only formulas are the renderer's own: one per row in the sum column and the total row
    formulas = sorted(c.value for c in cells.values() if c.data_type == "f")
    assert len(formulas) == 5 + 3
    assert all(_SUM.fullmatch(f) for f in formulas)
    # and in the file itself no user text is inside an <f> element
    import zipfile

    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert re.findall(r"<f>(.*?)</f>", sheet) == [f[1:] for f in _in_order(ws)]


def _in_order(ws) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.value for row in ws.iter_rows() for c in row if c.data_type == "f"]


_TEXT = st.text(
    alphabet=st.one_of(st.sampled_from("=+-@'\"(),:!| ๑1Aกเ่ำ"), st.characters(blacklist_categories=("Cc", "Cs"))),
    min_size=1, max_size=20,
)


@settings(max_examples=40, deadline=None)
@given(names=st.lists(_TEXT, min_size=1, max_size=4, unique=True), title=_TEXT, label=_TEXT)
def test_any_user_text_round_trips_as_text(names, title, label):
    data = {
        "title": [title],
        "row_label": label,
        "columns": [
            {"key": "a", "title": label, "sum_of": [], "target": False},
            {"key": "s", "title": title, "sum_of": ["a"], "target": True},
        ],
        "rows": [{"name": n, "values": [i, i]} for i, n in enumerate(names)],
        "total_label": title,
        "totals": [0, 0],
        "notes": names,
    }
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(Document("register", "r", data)))).active
    texts = [c for row in ws.iter_rows() for c in row if c.column == 1 and c.value is not None]
    assert [c.value for c in texts] == [title, label, *names, title, *names]
    assert all(c.data_type == "s" for c in texts)


# --- streamed rows: the same workbook as openpyxl's own cells ----------------------------------
# render_xlsx writes a register's plain rows as XML itself (kbo_docs.render.xlsx._Rows); every
# part of the workbook must read the same as when openpyxl writes every row.


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _parts(book: bytes) -> dict[str, bytes]:
    """Every part of a workbook, XML canonicalised (openpyxl writes Thai as character
    references, the streamed rows as UTF-8; ``<c/>`` and ``<c></c>`` are the same element).
    A cell's style is compared as the style it names (its ``<xf>``: font, border, fill and
    number format are listed in the same order both ways, but a marked row written before the
    streamed ones numbers the styles in another order). The document properties hold the time
    of writing and are left out."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(book)) as z:
        assert z.testzip() is None
        trees = {n: etree.fromstring(z.read(n)) for n in z.namelist() if n != "docProps/core.xml"}
    cell_xfs = trees["xl/styles.xml"].find(f"{_MAIN}cellXfs")
    styles = [etree.tostring(xf, method="c14n").decode() for xf in cell_xfs]
    for cell in trees["xl/worksheets/sheet1.xml"].iter(f"{_MAIN}c"):
        cell.set("s", styles[int(cell.get("s", "0"))])
    cell_xfs[:] = sorted(cell_xfs, key=lambda xf: etree.tostring(xf, method="c14n"))
    return {n: etree.tostring(tree, method="c14n") for n, tree in trees.items()}


def _sheet(book: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        return z.read("xl/worksheets/sheet1.xml")


def assert_same_as_openpyxl(doc: Document, **options) -> bytes:  # type: ignore[no-untyped-def]
    streamed, reference = render_xlsx(doc, **options), render_xlsx(doc, stream=False, **options)
    got, want = _parts(streamed), _parts(reference)
    assert got.keys() == want.keys()
    for name in want:
        assert got[name] == want[name], name
    return streamed


def test_streamed_lampang_register_is_openpyxls(lampang_doc):
    book = assert_same_as_openpyxl(lampang_doc, chart=True)
    # the rows were streamed (openpyxl writes Thai as &#...; references, the stream as UTF-8)
    name = lampang_doc.data["rows"][0]["name"]
    assert name.encode() in _sheet(book)
    assert name.encode() not in _sheet(render_xlsx(lampang_doc, stream=False))


@pytest.mark.parametrize("doc_id", ["budget-north", "budget-south", "budget-summary"])
def test_streamed_money_percent_and_marks_are_openpyxls(doc_id):
    from ..helpers import ROOT

    budget = ROOT / "samples" / "lampang-kbo-2568-budget.yaml"
    text = budget.read_text(encoding="utf-8")
    # a wrong figure in the first row of the north (a marked row before any streamed one)
    text = text.replace('[เมืองลำปาง,   "๑๘๕,๔๐๐.๐๐",   "๑๗๒,๓๑๕.๗๕",   "๑๓,๐๘๔.๒๕"',
                        '[เมืองลำปาง,   "๑๘๕,๔๐๐.๐๐",   "๑๗๒,๓๑๕.๗๕",   "๑๓,๐๘๔.๕๒"', 1)
    assert "๑๓,๐๘๔.๕๒" in text
    doc = next(d for d in Views(load_text(text, "budget.yaml").project).documents() if d.id == doc_id)
    book = assert_same_as_openpyxl(doc)
    ws = openpyxl.load_workbook(io.BytesIO(book)).active
    marked = [c for row in ws.iter_rows() for c in row if c.comment is not None]
    assert marked if doc_id != "budget-south" else not marked
    if doc_id == "budget-north":
        first = header_row_of(ws, "อำเภอ") + 1  # the row, and the column's total it throws off
        assert [c.coordinate for c in marked] == [f"D{first}", f"D{first + 3}"]
        assert Decimal(str(marked[0].value)) == Decimal("13084.52") and marked[0].fill.start_color.rgb.endswith("F4CCCC")


def header_row_of(ws, label: str) -> int:  # type: ignore[no-untyped-def]
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == label)


def _long_register(n: int) -> Document:
    """A register of ``n`` rows of every kind of cell: sums, differences, a percent share of
    the column total, money with satang, empty cells, marked rows across the streamed blocks,
    and names with what XML must escape."""
    columns = [
        {"key": "a", "title": "ก", "sum_of": [], "target": False},
        {"key": "b", "title": "ข", "sum_of": [], "target": False, "type": "money", "places": 2},
        {"key": "s", "title": "รวม", "sum_of": ["a", "b"], "target": False},
        {"key": "d", "title": "ผลต่าง", "sum_of": [], "target": False, "difference": ["a", "b"]},
        {"key": "p", "title": "ร้อยละ", "sum_of": [], "target": True, "type": "percent", "places": 2,
         "share_of": {"part": "a", "whole": "total"}},
        {"key": "t", "title": "เป้า", "sum_of": [], "target": False},
    ]
    names = ["บ้าน & <หนอง> \"บัว\" 'ที่' %d", " นำหน้า %d", "ตามหลัง %d ", "=SUM(A1:A%d)", "แถว\r%d", "a\tb\n%d"]
    rows = []
    for i in range(n):
        a, b = i % 97, Decimal(i % 1000) / 4
        marks = [None] * 6
        if i in (0, 1999, 2000, 2001, n - 1):
            marks[2 if i % 2 else 1] = {"kind": "rounding" if i % 2 else "mismatch", "expected": a}
        rows.append({"name": names[i % len(names)] % i,
                     "values": [a, b, a + b, a - b, Decimal(i % 7) * 10, None if i % 5 == 0 else i],
                     "marks": marks if i % 3 else None if not any(marks) else marks})
    data = {"title": ["ทะเบียนยาว", "=HYPERLINK(\"x\")"], "row_label": "ชื่อ", "columns": columns, "rows": rows,
            "total_label": "รวม", "totals": [1, 2, 3, 4, 5, 6], "total_marks": [None] * 6,
            "notes": ["หมายเหตุ", "๑. =1+1"]}
    return Document("register", "long", data, "thai")


def test_streamed_long_register_is_openpyxls():
    doc = _long_register(4500)
    book = assert_same_as_openpyxl(doc)
    ws = openpyxl.load_workbook(io.BytesIO(book)).active
    first = header_row_of(ws, "ชื่อ") + 1
    rows = doc.data["rows"]
    assert ws.cell(row=first + 4499, column=1).value == rows[4499]["name"]
    assert ws.cell(row=first + 4500, column=1).value == "รวม"
    assert [ws.cell(row=first + i, column=1).value for i in range(6)] == [r["name"] for r in rows[:6]]
    assert all(ws.cell(row=first + i, column=1).data_type == "s" for i in range(6))
    assert ws.cell(row=first + 4, column=4).value == f"=SUM(B{first + 4},C{first + 4})"
    assert ws.cell(row=first + 5, column=6).value == (
        f"=IF(SUM(B${first}:B${first + 4499})=0,0,B{first + 5}/SUM(B${first}:B${first + 4499}))")
    assert ws.cell(row=first + 5, column=7).value is None and ws.cell(row=first + 6, column=7).value == 6
    assert ws.cell(row=first + 6, column=3).value == 1.5  # openpyxl reads numbers back as float
    assert ws.cell(row=first + 6, column=3).number_format == "[$-D00041E]#,##0.00"
    assert {c.coordinate for row in ws.iter_rows() for c in row if c.comment is not None} == {
        f"{'C' if i % 2 == 0 else 'D'}{first + i}" for i in (0, 1999, 2000, 2001, 4499)}
    assert ws.row_dimensions[first + 3000].height == ws.row_dimensions[first].height > 20
    # the streamed sheet is deflated and dated like the parts openpyxl wrote
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        infos = {i.filename: i for i in z.infolist()}
    sheet = infos.pop("xl/worksheets/sheet1.xml")
    assert sheet.compress_type == zipfile.ZIP_DEFLATED and sheet.compress_size < sheet.file_size / 4
    dates = sorted(i.date_time for i in infos.values())
    assert dates[0] <= sheet.date_time <= dates[-1] and sheet.date_time[0] > 1980


def test_a_name_xml_cannot_hold_fails_as_openpyxl_fails():
    """A row whose name XML cannot hold is left to openpyxl (check refuses such text before
    rendering; the renderer itself must not write a broken file)."""
    for bad in ("\x07", "\ufffe"):
        doc = _long_register(10)
        doc.data["rows"][4]["name"] = f"ผิด{bad}"
        with pytest.raises(Exception) as streamed:
            render_xlsx(doc)
        with pytest.raises(Exception) as reference:
            render_xlsx(doc, stream=False)
        assert type(streamed.value) is type(reference.value)


@settings(max_examples=25, deadline=None)
@given(rows=st.lists(st.tuples(_TEXT, st.one_of(st.none(), st.integers(-10**18, 10**18),
                                                st.decimals(allow_nan=False, allow_infinity=False, places=3)),
                               st.booleans()), min_size=1, max_size=6))
def test_any_rows_stream_as_openpyxl_writes_them(rows):
    data = {
        "title": ["t"], "row_label": "r", "total_label": "รวม", "notes": [],
        "columns": [{"key": "a", "title": "a", "sum_of": [], "target": False},
                    {"key": "s", "title": "s", "sum_of": ["a"], "target": False}],
        "rows": [{"name": name, "values": [value, value],
                  "marks": [{"kind": "mismatch", "expected": 1}, None] if marked else None}
                 for name, value, marked in rows],
        "totals": [None, None],
    }
    doc = Document("register", "r", data)
    try:
        reference = render_xlsx(doc, stream=False)
    except Exception as exc:  # noqa: BLE001  (a character XML cannot hold: both refuse alike)
        with pytest.raises(type(exc)):
            render_xlsx(doc)
        return
    assert _parts(render_xlsx(doc)) == _parts(reference)


def test_distinct_figures_measure_as_every_cell():
    """Widths are measured on each figure once (``distinct=True``); the widest cell of every
    column is the same as over every row's cell, marked (starred) figures included. Without
    it the cells stay one per row, in row order (the PDF's probe of the widest rows reads them
    so)."""
    from kbo_docs.render.measure import register_columns, text_width

    doc = _long_register(3000)
    for digits in ("thai", "arabic"):
        every = register_columns(doc.data, digits)
        once = register_columns(doc.data, digits, distinct=True)
        assert [len(c.cells) for c in every] == [3001] * 7
        assert all(len(c.cells) < 3001 for c in once[1:])
        for a, b in zip(every, once):
            assert a.cell_width(14) == b.cell_width(14) == max(text_width(c, 14) for c in a.cells) > 0
        starred = [c for c in every[2].cells[:-1] if c.endswith("*")]
        assert starred and set(starred) <= set(once[2].cells)
