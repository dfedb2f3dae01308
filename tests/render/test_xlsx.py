"""XLSX registers (kbo_docs.render.xlsx): live SUM formulas that add up to the sample's totals,
numeric cells with Thai-digit formats, print set-up, widths, and user text never read as a formula.

Formulas are evaluated here in Python from the cell values (no LibreOffice recalculation)."""

from __future__ import annotations

import io
import re
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
