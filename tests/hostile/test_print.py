"""Nothing lost in print: a register built to be too wide for the page (titles with no spaces,
names that are one long word, twelve-digit numbers, many columns) is rendered to PDF and every
value is read back from it, with every character inside the page; long unbreakable text in a
letter wraps inside the page too, in bounded time."""

from __future__ import annotations

import re
import time

import pdfplumber
import pytest

from kbo_docs import thai
from kbo_docs.load import load_text
from kbo_docs.render import plan, render_one

from ..helpers import LAMPANG

HEAD = LAMPANG.read_text(encoding="utf-8").split("circulars:")[0]


def _register(columns: int, title: str, name: str, big: int) -> tuple[str, list[str], list[int]]:
    cols = "\n".join(f'      - {{key: c{i}, title: "{title}{i}"}}' for i in range(columns))
    names = [f"{name}{i}" for i in range(6)]
    values = [big // (i + 1) + j for i in range(6) for j in range(columns)]
    rows = "\n".join(
        f"      - [{n}, " + ", ".join(f'"{values[i * columns + j]}"' for j in range(columns)) + "]"
        for i, n in enumerate(names))
    text = (HEAD + "registers:\n  - id: wide\n    title: [ทะเบียนทดสอบ]\n    row_label: อำเภอ\n    columns:\n"
            + cols + "\n    rows:\n" + rows + "\n")
    return text, names, values


def _read_back(pdf: bytes, tmp_path):
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    with pdfplumber.open(path) as doc:
        cells = {"".join((cell or "").split()).replace("\u200b", "")
                 for page in doc.pages for table in page.extract_tables() for row in table for cell in row}
        text = "".join(page.extract_text() or "" for page in doc.pages)
        outside = [c["text"] for page in doc.pages for c in page.chars
                   if c["x0"] < -0.5 or c["x1"] > page.width + 0.5 or c["top"] < -0.5 or c["bottom"] > page.height + 0.5]
        sizes = {(round(page.width), round(page.height)) for page in doc.pages}
    return "".join(text.split()).replace("\u200b", ""), cells, outside, sizes


@pytest.mark.parametrize(("columns", "title", "name", "big"), [
    (3, "จำนวนผลิตภัณฑ์ที่ผ่านการคัดเลือกทั้งหมดของอำเภอ", "อำเภอ", 10**6),
    (8, "QuadrantDABCDEFGHIJKLMNOPQRSTUVWXYZ", "เมืองลำปาง" + "ก" * 60, 10**11),
    (14, "รวมผลิตภัณฑ์", "A" * 120, 999_999_999_999),
], ids=["thai-titles", "latin-titles-long-names", "fourteen-columns"])
def test_a_register_too_wide_for_the_page_loses_nothing(tmp_path, columns, title, name, big):
    text, names, values = _register(columns, title, name, big)
    loaded = load_text(text, "wide.yaml")
    [(doc, _fmt)] = plan(loaded, ["pdf"])
    start = time.process_time()
    pdf = render_one(doc, "pdf")
    assert time.process_time() - start < 20
    _found, cells, outside, sizes = _read_back(pdf, tmp_path)
    assert outside == []
    assert [n for n in names if n not in cells] == []
    assert [i for i in range(columns) if f"{title}{i}" not in cells] == []
    assert [v for v in values if thai.format_number(v, digits="thai") not in cells] == []
    if columns == 3:
        assert sizes == {(595, 842)}  # fits as it is: portrait, not turned


def test_long_unbreakable_text_in_a_letter_wraps_in_bounded_time(tmp_path):
    sample = LAMPANG.read_text(encoding="utf-8")
    word = "กขABC๑๒" * 700 + "Z" * 3000
    text = sample.replace("      - title: แบบรายงานผลก่อนการพัฒนา\n", f"      - title: แบบรายงาน{word}\n", 1)
    text = text.replace("    conclusion: จึงเรียนมาเพื่อพิจารณาดำเนินการ", "    conclusion: จึงเรียน" + "X" * 5000)
    loaded = load_text(text, "long.yaml")
    [(doc, _fmt)] = plan(loaded, ["pdf"], ["kbo68-districts-01-เมืองลำปาง"])  # one district's letter
    start = time.process_time()
    pdf = render_one(doc, "pdf")
    assert time.process_time() - start < 15  # was 50 s for 3,200 characters, and > 120 s for 5,000
    found, _cells, outside, _sizes = _read_back(pdf, tmp_path)
    assert outside == []
    # the running page numbers of the pages the text runs over, and the quantity printed beside it
    found = re.sub(r"-[๐-๙]+-", "", found).replace("จำนวน๑ฉบับ", "")
    assert word in found
    assert "จึงเรียน" + "X" * 5000 in found


def test_spaces_and_tabs_around_text_print_as_the_warning_says(tmp_path):
    """TXT008 says spaces and tabs around a text are not printed and a tab inside it prints as
    one space in the PDF: the DOCX, PDF and XLSX show just that (the DOCX and XLSX keep the tab)."""
    import io

    import openpyxl
    from docx import Document as open_docx

    from kbo_docs.render.ooxml import paragraph_text
    from kbo_docs.rules import check_loaded

    from ..helpers import line_of
    from ..render.pdftext import pypdf_pages

    sample = LAMPANG.read_text(encoding="utf-8")
    text = sample.replace("      - title: แบบรายงานผลก่อนการพัฒนา\n", '      - title: "  \\tแบบรายงานผล\\tก่อนการพัฒนา \\t"\n', 1)
    text = text.replace("      - [เมืองลำปาง,", '      - [" เมือง\\tลำปาง ",', 1)
    loaded = load_text(text, "ws.yaml")
    found = check_loaded(loaded, {"TXT008"})
    assert [(f.rule, f.line) for f in found] == [("TXT008", line_of(text, "\\tแบบรายงานผล")),
                                                 ("TXT008", line_of(text, "เมือง\\tลำปาง"))]
    for finding in found:
        assert "not printed" in finding.message and "one space in the PDF" in finding.message
        assert finding.message.index("ไม่ถูกพิมพ์") < finding.message.index(" / ")  # Thai first

    [(letter, _)] = plan(loaded, ["docx"], ["kbo68-districts-02-แม่เมาะ"])
    paragraphs = [paragraph_text(p._p) for p in open_docx(io.BytesIO(render_one(letter, "docx"))).paragraphs]
    # from its first letter (right after the layout's number) to its last (right before the layout's tab)
    assert any("๒. แบบรายงานผล\tก่อนการพัฒนา\tจำนวน" in p for p in paragraphs), paragraphs
    [(letter, _)] = plan(loaded, ["pdf"], ["kbo68-districts-02-แม่เมาะ"])
    printed = "\n".join(pypdf_pages(render_one(letter, "pdf")))
    assert "แบบรายงานผล ก่อนการพัฒนา" in printed and "\t" not in printed
    [(register, _)] = plan(loaded, ["xlsx"], ["kbo68-allocation"])
    sheet = openpyxl.load_workbook(io.BytesIO(render_one(register, "xlsx"))).worksheets[0]
    names = [c for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str) and "ลำปาง" in c]
    assert "เมือง\tลำปาง" in names and not [n for n in names if n != n.strip()]
