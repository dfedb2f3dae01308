"""Registers with real numbers read back from every format: the XLSX's live formulas, recomputed
by LibreOffice, give the PDF's figures; a typed figure that disagrees (rendered with --force)
is marked in PDF, DOCX and XLSX alike and keeps the same number in all three."""

from __future__ import annotations

import os
import shutil
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pdfplumber
import pytest
from docx import Document as open_docx
from openpyxl import load_workbook

from kbo_docs import thai
from kbo_docs.load import load_project, load_text
from kbo_docs.render import render_project

from ..helpers import ROOT, replace_once

BUDGET = ROOT / "samples" / "lampang-kbo-2568-budget.yaml"
IDS = ("budget-north", "budget-south", "budget-summary")


def _recalculated(xlsx: Path, work: Path) -> Path:
    """The workbook saved again by LibreOffice Calc, which computes every formula on loading
    (openpyxl writes formulas without cached values)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice Calc is needed: apt-get install libreoffice-calc"
    out = work / "recalculated"
    env = {**os.environ, "HOME": str(work / "home")}
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(work / 'profile').as_uri()}",
                    "--convert-to", "xlsx", "--outdir", str(out), str(xlsx)],
                   env=env, check=True, capture_output=True, timeout=180)
    return out / xlsx.name


def _pdf_table(pdf_path: Path) -> list[list[str]]:
    with pdfplumber.open(pdf_path) as pdf:
        (table,) = pdf.pages[0].extract_tables()
    return table


def _figure(text: str) -> Decimal:
    return Decimal(thai.parse_number(text.replace("*", "").strip()))


@pytest.fixture(scope="module")
def budget(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("budget")
    render_project(load_project(BUDGET), out)
    return out


@pytest.mark.parametrize("doc_id", IDS)
def test_libreoffice_recomputes_the_pdf_figures(budget, tmp_path, doc_id):
    loaded = load_project(BUDGET)
    register = next(r for r in loaded.project.registers if r.id == doc_id)
    ws = load_workbook(_recalculated(budget / f"{doc_id}.xlsx", tmp_path), data_only=True).active
    formulas = load_workbook(budget / f"{doc_id}.xlsx").active
    table = _pdf_table(budget / f"{doc_id}.pdf")
    body = table[1:]  # below the header row
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == register.row_label)
    assert len(body) == len(register.rows) + 1
    live = 0
    for i, pdf_row in enumerate(body):
        assert ws.cell(header + 1 + i, 1).value == pdf_row[0]
        for j, column in enumerate(register.columns, start=2):
            value = ws.cell(header + 1 + i, j).value
            if str(formulas.cell(header + 1 + i, j).value).startswith("="):
                live += 1
            computed = Decimal(str(value)) * (100 if column.type == "percent" else 1)
            shown = computed.quantize(Decimal(1).scaleb(-column.decimals), rounding=ROUND_HALF_UP)
            assert shown == _figure(pdf_row[j - 1]), (doc_id, pdf_row[0], column.key, value, pdf_row[j - 1])
    assert live >= len(register.rows)  # computed cells and totals are formulas, not typed copies


def test_xlsx_number_formats_per_column_type(budget):
    ws = load_workbook(budget / "budget-north.xlsx").active
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "อำเภอ")
    formats = [ws.cell(header + 1, j).number_format for j in range(2, 6)]
    assert formats == ["[$-D00041E]#,##0.00"] * 3 + ["[$-D00041E]0.00%"]
    assert ws.cell(header, 2).value == "งบประมาณที่ได้รับ (บาท)"
    assert ws.cell(header + 1, 4).value == f"=B{header + 1}-C{header + 1}"
    assert ws.cell(header + 1, 5).value == f"=IF(B{header + 1}=0,0,C{header + 1}/B{header + 1})"


def test_rounding_difference_is_marked_in_every_format(budget):
    """The summary's typed ๙๙.๙๙ (a rounding difference, REG013) prints as typed everywhere,
    marked, with what it computes to."""
    table = _pdf_table(budget / "budget-summary.pdf")
    assert "*" in table[-1][3] and _figure(table[-1][3]) == Decimal("99.99")  # the star is a superscript
    with pdfplumber.open(budget / "budget-summary.pdf") as pdf:
        text = "".join((pdf.pages[0].extract_text() or "").split())
    assert "คำนวณได้๑๐๐.๐๐(ผลต่างจากการปัดเศษ)" in text
    assert "หกแสนสี่หมื่นแปดพันสี่ร้อยเจ็ดสิบบาทเจ็ดสิบห้าสตางค์" in text  # baht_text of ๖๔๘,๔๗๐.๗๕
    docx_text = "\n".join(p.text for p in open_docx(budget / "budget-summary.docx").paragraphs)
    assert "คำนวณได้ ๑๐๐.๐๐ (ผลต่างจากการปัดเศษ)" in docx_text
    ws = load_workbook(budget / "budget-summary.xlsx").active
    total = next(c for row in ws.iter_rows() for c in row if c.comment is not None)
    assert total.value == Decimal("0.9999") or float(total.value) == pytest.approx(0.9999)
    assert "ผลต่างจากการปัดเศษ" in total.comment.text and "rounding difference" in total.comment.text


def test_forced_wrong_total_is_marked_in_every_format(tmp_path):
    """A total typed wrong (REG002), rendered anyway: every format prints the typed figure,
    marks it and says what the rows add up to; the XLSX does not silently show another sum."""
    text = replace_once(BUDGET.read_text(encoding="utf-8"), 'totals: {budget: "๓๘๖,๕๒๐.๒๕"', 'totals: {budget: "๓๘๖,๕๒๐.๕๒"')
    loaded = load_text(text, str(tmp_path / "bad.yaml"))
    render_project(loaded, tmp_path / "out", only=["budget-north"])
    table = _pdf_table(tmp_path / "out" / "budget-north.pdf")
    assert "*" in table[-1][1] and _figure(table[-1][1]) == Decimal("386520.52")
    docx = open_docx(tmp_path / "out" / "budget-north.docx")
    cells = docx.tables[0].rows[-1].cells
    assert cells[1].text == "๓๘๖,๕๒๐.๕๒*"
    shading = cells[1]._tc.tcPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}shd")
    assert shading is not None and shading.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fill") == "F4CCCC"
    assert cells[2]._tc.tcPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}shd").get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fill") == "auto"  # unmarked cells stay plain
    assert "พิมพ์ไว้ ๓๘๖,๕๒๐.๕๒ คำนวณได้ ๓๘๖,๕๒๐.๒๕ (ไม่ตรงกัน)" in "\n".join(p.text for p in docx.paragraphs)
    ws = load_workbook(tmp_path / "out" / "budget-north.xlsx").active
    marked = [c for row in ws.iter_rows() for c in row if c.comment is not None]
    assert len(marked) == 1
    assert Decimal(str(marked[0].value)) == Decimal("386520.52")
    assert "386520.25" in marked[0].comment.text and "SUM(" in marked[0].comment.text


def test_lint_reads_a_marked_figure():
    """``kbo-docs lint`` still reads a starred figure as the number it is."""
    from kbo_docs.lint.extract.cells import cell_number

    assert cell_number("๓๘๖,๕๒๐.๕๒*") == Decimal("386520.52")
    assert cell_number("๓๖๙ *") == 369
    assert cell_number("*") is None
