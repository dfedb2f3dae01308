"""Extraction: what each reader takes from a file and where it says the text stands."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from kbo_docs.lint import lint_path
from kbo_docs.lint.document import Paragraph
from kbo_docs.lint.extract import extract

from .build import pdf_lines_with, pdf_location, write_weasyprint_pdf

# ---------------------------------------------------------------------------------------------
# Text and Markdown


def test_text_locations_are_line_numbers(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("\n\nหัวเรื่อง\n\n   ย่อหน้าที่เยื้อง   \n", encoding="utf-8")
    doc = extract(path)
    assert [(p.location.label, p.text) for p in doc.paragraphs] == [(3, "หัวเรื่อง"), (5, "ย่อหน้าที่เยื้อง")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp874"])
def test_text_encodings(tmp_path, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes("ภายในวันที่ ๒๐ ธันวาคม ๒๕๖๗\n".encode(encoding))
    (p,) = extract(path).paragraphs
    assert p.text == "ภายในวันที่ ๒๐ ธันวาคม ๒๕๖๗"


def test_markdown_markup_is_taken_off(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# **เรื่อง** การประชุม\n\n> ดู [ประกาศ](https://example.org) `ด่วน`\n- รายการ <b>หนึ่ง</b>\n", encoding="utf-8")
    assert [p.text for p in extract(path).paragraphs] == ["เรื่อง การประชุม", "ดู ประกาศ ด่วน", "รายการ หนึ่ง"]


def test_tab_blocks_with_numbers_are_tables_and_enclosure_lines_are_not(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "สิ่งที่ส่งมาด้วย ๑. แบบรายงาน\tจำนวน ๑ ฉบับ\n๒. แบบสำรวจ\tจำนวน ๑ ฉบับ\n\n"
        "อำเภอ\tชาย\tหญิง\n\tเมือง\t๑,๒๐๐\t-\nลี้\t๓\t๔\n", encoding="utf-8")
    doc = extract(path)
    assert [p.location.label for p in doc.paragraphs] == [1, 2]
    (table,) = doc.tables
    assert [[c.value for c in row] for row in table.rows] == [[None, None, None, None], [None, None, 1200, 0], [None, 3, 4, None]]
    assert table.rows[1][2].location.label == 5


def test_pipe_tables(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("| รายการ | บาท |\n|---|---:|\n| ค่าอาหาร | 1,200.50 |\n| **รวม** | **1,200.50** |\n", encoding="utf-8")
    (table,) = extract(path).tables
    assert [c.text for c in table.rows[2]] == ["รวม", "1,200.50"]
    assert str(table.rows[2][1].value) == "1200.50"


# ---------------------------------------------------------------------------------------------
# DOCX: a package written by hand, so every construct is exactly as Word writes it

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>"""
NUMBERING = f"""<?xml version="1.0" encoding="UTF-8"?>
<w:numbering {W}>
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="thaiNumbers"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%2)"/></w:lvl>
</w:abstractNum>
<w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""


def _p(text: str, num: tuple[int, int] | None = None) -> str:
    ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr></w:pPr>' if num else ""
    return f"<w:p>{ppr}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def write_package(path: Path, body: str, numbering: bool = True, document: str | None = None) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document or f'<?xml version="1.0" encoding="UTF-8"?><w:document {W} {MC}><w:body>{body}</w:body></w:document>')
        if numbering:
            z.writestr("word/_rels/document.xml.rels", DOC_RELS)
            z.writestr("word/numbering.xml", NUMBERING)


def test_docx_paragraph_numbers_count_empty_paragraphs(tmp_path):
    path = tmp_path / "a.docx"
    write_package(path, _p("") + _p("หนึ่ง") + "<w:p/>" + _p("สอง"))
    assert [(p.location.label, p.text) for p in extract(path).paragraphs] == [("p2", "หนึ่ง"), ("p4", "สอง")]


def test_docx_automatic_numbers_are_read_as_the_reader_sees_them(tmp_path):
    path = tmp_path / "a.docx"
    body = (_p("แผน จำนวน ๒ กิจกรรม ดังนี้") + _p("อบรม", (5, 0)) + _p("รายละเอียด", (5, 1)) + _p("ย่อย", (5, 1))
            + _p("พัฒนา", (5, 0)) + _p("ประกวด", (5, 0)))
    write_package(path, body)
    doc = extract(path)
    assert [p.text for p in doc.paragraphs][1:] == ["๑. อบรม", "(1) รายละเอียด", "(2) ย่อย", "๒. พัฒนา", "๓. ประกวด"]
    _doc, findings = lint_path(path)
    assert [(f.rule, f.line) for f in findings] == [("MTG004", "p1")]


def test_docx_tracked_deletions_field_codes_and_text_box_copies(tmp_path):
    path = tmp_path / "a.docx"
    body = (
        "<w:p><w:r><w:t>ส่ง</w:t></w:r><w:del><w:r><w:delText>ลบ</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>รายงาน</w:t></w:r></w:ins>"
        "<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>ภายในวันที่</w:t></w:r></w:p>"
        "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>"
        + _p("กล่องข้อความ") + "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
        + _p("กล่องข้อความ") + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        "<w:r><w:t>ข้อความหลัก</w:t></w:r></w:p>"
    )
    write_package(path, body)
    assert [(p.location.label, p.text) for p in extract(path).paragraphs] == [
        ("p1", "ส่งรายงานภายในวันที่"), ("p2", "ข้อความหลัก"), ("p2", "กล่องข้อความ")]


def test_docx_table_cells_stand_at_their_grid_columns(tmp_path):
    path = tmp_path / "a.docx"
    def tc(text: str, extra: str = "") -> str:
        return f"<w:tc><w:tcPr>{extra}</w:tcPr>{_p(text)}</w:tc>"

    body = (
        _p("ก่อนตาราง")
        + "<w:tbl>"
        + "<w:tr>" + tc("อำเภอ", '<w:vMerge w:val="restart"/>') + tc("จำนวน", '<w:gridSpan w:val="2"/>') + tc("รวม") + "</w:tr>"
        + "<w:tr>" + tc("", "<w:vMerge/>") + tc("ชาย") + tc("หญิง") + tc("") + "</w:tr>"
        + "<w:tr>" + tc("เมือง") + tc("๑") + tc("๒") + tc("๓") + "</w:tr>"
        + "<w:tr>" + tc("ลี้") + tc("๔") + tc("๕") + tc("๑๐") + "</w:tr>"
        + "</w:tbl>"
        + _p("หลังตาราง")
    )
    write_package(path, body)
    doc = extract(path)
    (table,) = doc.tables
    assert [c.location.label for c in table.rows[0]] == ["t1:r1:c1", "t1:r1:c2", "t1:r1:c3", "t1:r1:c4"]
    assert [c.text for c in table.rows[0]] == ["อำเภอ", "จำนวน", "", "รวม"]
    _doc, findings = lint_path(path)
    assert [(f.rule, f.line) for f in findings] == [("REG001", "t1:r4:c4")]
    assert [p.location.label for p in doc.paragraphs] == ["p1", "p2"]


def test_docx_made_by_python_docx_reads_like_word(tmp_path):
    from .build import write_docx

    path = tmp_path / "a.docx"
    plan = write_docx("หัวเรื่อง\n\nย่อหน้า  ที่สอง\nอำเภอ\tชาย\tหญิง\nเมือง\t๑\t๒\n", path)
    doc = extract(path)
    assert plan.docx == {1: "p1", 3: "p2", 4: "t1:r1", 5: "t1:r2"}
    assert [p.text for p in doc.paragraphs] == ["หัวเรื่อง", "ย่อหน้า  ที่สอง"]
    assert doc.tables[0].rows[1][2].location.label == "t1:r2:c3"


# ---------------------------------------------------------------------------------------------
# XLSX


def test_xlsx_locations_formulas_and_dates(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "ทะเบียน 68"
    sheet.append(["อำเภอ", "ชาย", "หญิง", "รวม"])
    sheet.append(["เมือง", 1, 2, "=B2+C2"])
    sheet.append(["ลี้", 4, 5, "=SUM(B3:C3)"])
    sheet.append(["รวม", "=SUM(B2:B3)", "=SUM(C2:C2)", "=SUM(D2:D3)"])  # the หญิง total misses a row
    sheet["A6"] = "ส่งภายในวันที่"
    sheet["B6"] = dt.date(2024, 12, 20)
    path = tmp_path / "a.xlsx"
    book.save(str(path))
    doc = extract(path)
    (table,) = doc.tables
    assert [c.value for c in table.rows[3]] == [None, 5, 2, 12]
    assert table.rows[3][2].location.label == "'ทะเบียน 68'!C4"
    assert doc.paragraphs[0].text == "ส่งภายในวันที่ 20 ธันวาคม 2567"
    _doc, findings = lint_path(path)
    # one typo, one finding: the หญิง total is wrong, and the รวม total that disagrees with it is
    # not reported a second time (REG003 stays quiet where REG002 speaks)
    assert {(f.rule, f.line) for f in findings} == {("REG002", "'ทะเบียน 68'!C4")}


# ---------------------------------------------------------------------------------------------
# PDF


def test_pdf_paragraphs_keep_the_line_of_each_word(tmp_path):
    """A long paragraph wraps over several lines: a finding points at the line its words are on."""
    text = ("ด้วยจังหวัดลำปางได้รับแจ้งจากกรมการพัฒนาชุมชนว่าได้กำหนดดำเนินโครงการส่งเสริมกระบวนการเครือข่าย"
            "องค์ความรู้ โดยมีวัตถุประสงค์เพื่อส่งเสริมให้คณะกรรมการเครือข่ายองค์ความรู้จังหวัดเป็นศูนย์กลาง "
            "ในการให้ความช่วยเหลือ และสนับสนุนการพัฒนาขีดความสามารถของผู้ผลิต ผู้ประกอบการ OTOP ในการยกระดับ "
            "การพัฒนาผลิตภัณฑ์ให้มีคุณภาพมาตรฐาน มีมูลค่าเพิ่ม สร้างสรรค์นวัตกรรม และเผยแพร่ผลการดำเนินงาน "
            "โดยกำหนดจัดประชุมในวันจันทร์ที่ ๑๔ มกราคม ๒๕๖๘ ณ ศาลากลางจังหวัดลำปาง")
    path = tmp_path / "a.pdf"
    write_weasyprint_pdf("หัวเรื่อง\n\n" + text + "\n", path)
    doc, findings = lint_path(path)
    paragraphs = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert len(paragraphs) == 2 and paragraphs[1].breaks, "the paragraph was not joined across its lines"
    (found,) = findings
    assert found.rule == "LNT002"
    assert pdf_location(str(found.line)) in pdf_lines_with(path, "วันจันทร์ที่ ๑๔")
    assert pdf_location(str(found.line)) != pdf_location(str(paragraphs[1].location.label))


def test_pdf_tables_are_read_with_cell_locations(tmp_path):
    path = tmp_path / "a.pdf"
    write_weasyprint_pdf("ทะเบียน\nอำเภอ\tชาย\tหญิง\tรวม\nเมือง\t๑\t๒\t๓\nลี้\t๔\t๕\t๑๐\n", path)
    doc, findings = lint_path(path)
    (table,) = doc.tables
    assert [c.text for c in table.rows[2]] == ["ลี้", "๔", "๕", "๑๐"]
    assert [(f.rule, f.line) for f in findings] == [("REG001", "page 1 t1:r3:c4")]
