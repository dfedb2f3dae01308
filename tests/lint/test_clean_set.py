"""False-alarm guard: correct documents of our own, of every kind (letters, a memo, minutes,
tables with subtotals, money, percentages and year columns, a schedule, workbooks with
formulas), lint clean; and each check is shown to be awake by a one-word mistake put into
them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kbo_docs.lint import lint_path

from .build import write_docx, write_weasyprint_pdf

CLEAN = Path(__file__).resolve().parent / "fixtures" / "clean"
TEXTS = sorted(CLEAN.iterdir())


def _letter_docx(path: Path) -> None:
    """A circular typed in Word: tab-aligned heading lines, NBSP in dates, a Word table with a
    two-column merged heading and a total row, numbered actions."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()

    def para(text: str) -> None:
        run = document.add_paragraph().add_run(text)
        run.font.name = "TH Sarabun New"
        run._element.get_or_add_rPr().find(qn("w:rFonts")).set(qn("w:cs"), "TH Sarabun New")

    para("ที่ ลพ ๐๐๑๙.๓/ว ๗๘๙\t\tศาลากลางจังหวัดลำพูน")
    para("\t\tถนนอินทยงยศ ลพ ๕๑๐๐๐")
    para("\t\t๓\u00a0ธันวาคม\u00a0๒๕๖๗")
    para("เรื่อง\tการจัดสรรเป้าหมายโครงการพัฒนาผลิตภัณฑ์ชุมชน ประจำปีงบประมาณ พ.ศ.\u00a0๒๕๖๘")
    para("เรียน\tนายอำเภอ ทุกอำเภอ")
    para("สิ่งที่ส่งมาด้วย\tทะเบียนจัดสรรเป้าหมาย\tจำนวน ๑ ฉบับ")
    para("ด้วยจังหวัดลำพูนได้รับจัดสรรเป้าหมายโครงการพัฒนาผลิตภัณฑ์ชุมชน จำนวน ๒๐ ผลิตภัณฑ์ "
         "รายละเอียดตามทะเบียนจัดสรรเป้าหมาย (สิ่งที่ส่งมาด้วย) จึงขอให้อำเภอดำเนินการ ดังนี้")
    para("๑. คัดเลือกผลิตภัณฑ์ตามเป้าหมายที่ได้รับจัดสรร")
    para("๒. รายงานผลภายในวันที่ ๒๐\u00a0ธันวาคม\u00a0๒๕๖๗")
    table = document.add_table(rows=5, cols=4)
    table.style = "Table Grid"
    head = table.cell(0, 1).merge(table.cell(0, 2))
    head.text = "จำนวนผลิตภัณฑ์"
    table.cell(0, 0).text = "อำเภอ"
    table.cell(0, 3).text = "เป้าหมาย"
    for r, row in enumerate([("เมืองลำพูน", "๑๒", "๘"), ("ป่าซาง", "๙", "๗"), ("บ้านโฮ่ง", "๗", "๕")], start=1):
        table.cell(r, 0).text, table.cell(r, 1).text, table.cell(r, 3).text = row
    table.cell(4, 0).text, table.cell(4, 1).text, table.cell(4, 3).text = "รวม", "๒๘", "๒๐"
    para("จึงเรียนมาเพื่อพิจารณาดำเนินการ")
    para("ขอแสดงความนับถือ")
    para("(นายอนันต์ สุขใจ)")
    para("รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน")
    para("ผู้ว่าราชการจังหวัดลำพูน")
    document.save(str(path))


def _register_xlsx(path: Path) -> None:
    """A workbook as an office keeps it: typed numbers, SUM formulas without cached values, a
    title and notes around the table, a plan sheet with periods and a typed total, date cells."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "ทะเบียน"
    sheet["A1"] = "ทะเบียนจัดสรรกลุ่มเป้าหมาย ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"
    sheet.append([])
    sheet.append(["อำเภอ", "ผลิตภัณฑ์ ๑-๓ ดาว", "Quadrant D", "รวม (ผลิตภัณฑ์)", "เป้า"])
    rows = [("เมืองลำปาง", 14, 354, 4), ("แม่เมาะ", 3, 199, 3), ("เกาะคา", 10, 182, 3), ("เสริมงาม", 2, 83, 2)]
    for i, (name, stars, quad, target) in enumerate(rows, start=4):
        sheet.append([name, stars, quad, f"=B{i}+C{i}", target])
    sheet.append(["รวม", "=SUM(B4:B7)", "=SUM(C4:C7)", "=SUM(D4:D7)", "=SUM(E4:E7)"])
    sheet.append([])
    sheet.append(["หมายเหตุ: เป้าหมายจัดสรรตามสัดส่วนผลิตภัณฑ์ ขั้นต่ำอำเภอละ ๒ ผลิตภัณฑ์"])
    plan = book.create_sheet("แผน ปฏิบัติการ")
    plan.append(["แผนปฏิบัติการ ประจำปีงบประมาณ พ.ศ. 2568"])
    plan.append(["กิจกรรม", "ระยะเวลา", "งบประมาณ (บาท)"])
    plan.append(["อบรมเครือข่าย", "ระหว่างวันที่ 18-19 ธันวาคม 2567", 45000])
    plan.append(["พัฒนาผลิตภัณฑ์", "มกราคม - มีนาคม 2568", 120000])
    plan.append(["ประกวดผลงาน", "กรกฎาคม 2568", 35000])
    plan.append(["รวมทั้งสิ้น", None, 200000])
    plan.append([])
    plan.append(["ปรับปรุงข้อมูลเมื่อ", dt.date(2024, 11, 20)])
    book.save(str(path))


def _budget_xlsx(path: Path) -> None:
    """Money with satang, a percentage column, Arabic digits, a total row of SUMs."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Budget 2568"
    sheet.append(["ลำดับ", "รายการ", "งบประมาณ", "เบิกจ่าย", "คงเหลือ", "ร้อยละการเบิกจ่าย"])
    data = [(1, "ค่าตอบแทนวิทยากร", 36000, 24000.5), (2, "ค่าอาหารและเครื่องดื่ม", 52500, 52500), (3, "ค่าวัสดุ", 11499.75, 0)]
    for i, (n, name, budget, spent) in enumerate(data, start=2):
        sheet.append([n, name, budget, spent, f"=C{i}-D{i}", round(spent / budget * 100, 2)])
    sheet.append([None, "รวม", "=SUM(C2:C4)", "=SUM(D2:D4)", "=SUM(E2:E4)", 64.66])
    book.save(str(path))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("clean")
    letter, register, budget = folder / "09-letter.docx", folder / "10-register.xlsx", folder / "11-budget.xlsx"
    _letter_docx(letter)
    _register_xlsx(register)
    _budget_xlsx(budget)
    minutes = folder / "12-minutes.docx"
    write_docx((CLEAN / "03-minutes.txt").read_text(encoding="utf-8"), minutes, font="TH Sarabun New")
    circular = folder / "13-circular.pdf"
    write_weasyprint_pdf((CLEAN / "08-circular-thai.txt").read_text(encoding="utf-8"), circular)
    return [letter, register, budget, minutes, circular]


def test_the_clean_set_is_large_and_varied(generated):
    files = TEXTS + generated
    assert len(files) >= 10
    assert {f.suffix for f in files} >= {".txt", ".md", ".docx", ".xlsx", ".pdf"}


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_clean_text_documents_lint_clean(path):
    _doc, findings = lint_path(path)
    assert findings == []


@pytest.mark.parametrize("index", range(5), ids=["letter.docx", "register.xlsx", "budget.xlsx", "minutes.docx", "circular.pdf"])
def test_clean_office_documents_lint_clean(generated, index):
    doc, findings = lint_path(generated[index])
    assert findings == []
    assert doc.paragraphs or doc.tables


def test_workbook_formulas_are_evaluated_and_checked(generated):
    """The register's sums are formulas with no stored values: kbo-docs evaluates them, so the
    clean result is a checked one (and a wrong range would be caught)."""
    from kbo_docs.lint.tables import analyse

    doc, _ = lint_path(generated[1])
    first = doc.tables[0]
    model = analyse(first)
    assert model is not None and model.total_rows and [c.parts for c in model.sum_columns] == [[1, 2]]
    assert [c.value for c in first.rows[-1]][1:] == [29, 818, 847, 12]


# A mistake put into a clean document, and the rule that must catch it at that line.
MUTATIONS = [
    ("05-register-subtotals.txt", "รวมเขต ๑\t๒๕\t๓๗", "รวมเขต ๑\t๒๕\t๓๘", {"REG002"}),
    ("05-register-subtotals.txt", "๒\tป่าซาง\t๘\t๑๒\t๒๐", "๒\tป่าซาง\t๘\t๑๒\t๒๑", {"REG001", "REG002"}),
    ("05-register-subtotals.txt", "รวมทั้งสิ้น ๙๒ คน", "รวมทั้งสิ้น ๙๓ คน", {"LNT003"}),
    ("07-report-years.md", "รวมทั้งสิ้น 3,628", "รวมทั้งสิ้น 3,629", {"LNT003"}),
    ("07-report-years.md", "| 230 | 251 | 696 |", "| 230 | 251 | 697 |", {"REG001", "REG002"}),
    ("03-minutes.txt", "จำนวน 4 กิจกรรม", "จำนวน 3 กิจกรรม", {"MTG004"}),
    ("03-minutes.txt", "มีนาคม - มิถุนายน 2567", "มีนาคม - มิถุนายน 2568", {"MTG005"}),
    ("03-minutes.txt", "ครั้งที่ 2/2567", "ครั้งที่ 2/2566", {"MTG001"}),
    ("03-minutes.txt", "เลิกประชุมเวลา 12.00 น.", "เลิกประชุมเวลา 09.00 น.", {"MTG002"}),
    ("03-minutes.txt", "ระเบียบวาระที่ 4", "ระเบียบวาระที่ 5", {"MTG003"}),
    ("03-minutes.txt", "วันพฤหัสบดีที่ 15", "วันศุกร์ที่ 15", {"LNT002"}),
    ("01-letter-arabic-digits.txt", "ภายในวันที่ 15 มกราคม 2567", "ภายในวันที่ 15 มกราคม 2566", {"CIR002", "CIR003"}),
    ("01-letter-arabic-digits.txt", "(สิ่งที่ส่งมาด้วย 2)", "(สิ่งที่ส่งมาด้วย 3)", {"CIR004"}),
    ("01-letter-arabic-digits.txt", "ขอแสดงความนับถือ", "ขอแสดงความนับถืออย่างยิ่ง", {"CIR007"}),
    ("01-letter-arabic-digits.txt", "6 ตุลาคม 2566", "6 ตุลาคม 2567", {"CIR001", "CIR002"}),
    ("04-budget-table.md", "| - | - | 150,000.00 | 30 |", "| - | - | 160,000.00 | 30 |", {"REG001", "REG002"}),  # the % is right for the true sum
    ("02-memo.md", "**๔,๒๕๐**", "**๔,๒๖๐**", {"REG002"}),
    ("02-memo.md", "วาระสำคัญ ๓ ข้อ ดังนี้", "วาระสำคัญ ๔ ข้อ ดังนี้", {"MTG004"}),
    ("08-circular-thai.txt", "ณ โรงแรมดิเอ็มเพรส เชียงใหม่ และ", "ณ โรงแรมดิเอ็มเพลส เชียงใหม่ และ", {"LNT001"}),
    ("08-circular-thai.txt", "ภายในวันที่ ๑ พฤศจิกายน ๒๕๖๗", "ภายในวันที่ ๑ พฤศจิกายน ๒๕๖๘", {"CIR003"}),
    ("06-schedule.txt", "ลงทะเบียน ณ ห้องประชุม 1", "ลงทะเบียน  ณ ห้องประชุม 1", {"TXT003"}),
    ("06-schedule.txt", "(วิทยากรจากมหาวิทยาลัยแม่โจ้)", "(วิทยากรจากมหาวิทยาลัยแม่โจ้", {"TXT004"}),
    ("06-schedule.txt", "วันพุธที่ 15 มกราคม 2568\n", "วันพุธที่ 15 มกราคม 256๘\n", {"TXT002"}),
    ("06-schedule.txt", "การออกแบบบรรจุภัณฑ์", "การออกแบบบรรจุภัณฑ\u0eb1", {"TXT001"}),
]


@pytest.mark.parametrize(("name", "old", "new", "rules"), MUTATIONS, ids=lambda v: v if isinstance(v, str) and len(v) < 30 else None)
def test_one_mistake_in_a_clean_document_is_caught(tmp_path, name, old, new, rules):
    text = (CLEAN / name).read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    bad = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(bad, encoding="utf-8")
    _doc, findings = lint_path(path)
    assert {f.rule for f in findings} == rules, findings
    line = bad[: bad.index(new)].count("\n") + 1
    assert {f.line for f in findings} & {line, *_table_lines(bad)}, (line, findings)


def _table_lines(text: str) -> set[int]:
    """Lines of table rows (a wrong cell also breaks its column's total row)."""
    return {i for i, line in enumerate(text.splitlines(), start=1) if "\t" in line or line.startswith("|")}
