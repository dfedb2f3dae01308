"""The document rules of issue 11 (lint on the documents offices really write): LNT004-LNT019,
the front end of CIR005, and the widened LNT001, LNT002, MTG001, MTG002.

Every rule is shown on small texts of our own making, each in a few shapes, with the mistake at
a known line; and on correct texts of the same shapes, which must stay quiet.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kbo_docs.findings import Finding, Severity
from kbo_docs.lint import lint_path
from kbo_docs.lint.rules import name_variant, sound_key

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def lint(tmp_path: Path, text: str, code: str, suffix: str = ".txt") -> list[Finding]:
    path = tmp_path / f"doc{suffix}"
    path.write_text(text, encoding="utf-8")
    return lint_path(path, {code})[1]


def fires(tmp_path: Path, text: str, code: str, line: int, severity: Severity = ERROR) -> Finding:
    found = lint(tmp_path, text, code)
    assert [(f.rule, f.line) for f in found] == [(code, line)], found
    assert found[0].severity == severity
    assert " / " in found[0].message
    return found[0]


def quiet(tmp_path: Path, text: str, code: str) -> None:
    assert lint(tmp_path, text, code) == []


def judge(tmp_path: Path, text: str, code: str, line: int, wrong: bool) -> None:
    """A parametrized case: ``code`` reports ``line`` alone when ``wrong``, else nothing."""
    if wrong:
        fires(tmp_path, text, code, line)
    else:
        quiet(tmp_path, text, code)


# ---------------------------------------------------------------------------------------
# Class 1: tables anywhere

SHARES = """\
ตารางที่ ๑ ผู้สูงอายุจำแนกตามหมู่บ้าน

หมู่บ้าน        จำนวน (คน)    ร้อยละ
บ้านเหนือ          ๒๐๐         ๔๐.๐
บ้านกลาง           ๑๗๕         ๓๕.๐
บ้านใต้            ๑๒๕         ๒๕.๐
รวม                ๕๐๐        ๑๐๐.๐
"""


def test_space_aligned_table_is_read_as_a_table(tmp_path):
    text = SHARES.replace("๕๐๐ ", "๕๑๐ ")
    found = lint(tmp_path, text, "REG002")
    assert [(f.rule, f.line) for f in found] == [("REG002", 7)]


def test_lnt005_percent_is_not_part_over_whole(tmp_path):
    found = fires(tmp_path, SHARES.replace("๓๕.๐", "๓๐.๕"), "LNT005", 5)
    assert "35.00" in found.message


@pytest.mark.parametrize("code", ["LNT004", "LNT005", "LNT006", "REG002"])
def test_percent_table_that_is_right_is_quiet(tmp_path, code):
    quiet(tmp_path, SHARES, code)


def test_lnt004_shares_do_not_add_up_to_a_hundred(tmp_path):
    # the rows are what the total row says they are not: no count to check them against
    text = """\
ประเภท\tร้อยละ
เกษตรกร\t๔๐.๐
ค้าขาย\t๓๕.๐
รับจ้าง\t๒๐.๐
รวม\t๑๐๐.๐
"""
    found = fires(tmp_path, text, "LNT004", 5)
    assert "95.0" in found.message


def test_lnt006_rounding_is_a_warning_not_an_error(tmp_path):
    text = """\
กลุ่ม\tจำนวน\tร้อยละ
ก\t๑\t๓๓.๓
ข\t๑\t๓๓.๓
ค\t๑\t๓๓.๓
รวม\t๓\t๑๐๐.๐
"""
    fires(tmp_path, text, "LNT006", 5, WARNING)
    quiet(tmp_path, text, "LNT004")
    quiet(tmp_path, text, "LNT005")


def test_lnt005_row_ratio_against_another_column(tmp_path):
    text = """\
อำเภอ\tเป้าหมาย\tผลงาน\tร้อยละ
เมือง\t๕๐\t๔๕\t๙๐.๐
แม่ทะ\t๔๐\t๔๐\t๑๐๐.๐
เกาะคา\t๒๐\t๑๕\t๗๕.๐
งาว\t๓๐\t๒๔\t๗๐.๐
"""
    fires(tmp_path, text, "LNT005", 5)
    quiet(tmp_path, text.replace("๗๐.๐", "๘๐.๐"), "LNT005")


def test_percent_header_keeps_the_other_columns_checked(tmp_path):
    text = """\
หน่วยงาน\tงบประมาณ (บาท)\tเบิกจ่าย (บาท)\tเบิกจ่าย (%)
กอง ก\t๑,๐๐๐,๐๐๐.๐๐\t๕๐๐,๐๐๐.๕๐\t๕๐.๐๐
กอง ข\t๒๐๐,๐๐๐.๐๐\t๑๐๐,๐๐๐.๐๐\t๕๐.๐๐
รวม\t๑,๒๐๐,๐๐๐.๐๐\t๖๐๐,๐๐๐.๐๐\t๕๐.๐๐
"""
    found = lint(tmp_path, text, "REG002")
    assert [(f.rule, f.line) for f in found] == [("REG002", 4)]
    assert "600,000.50" in found[0].message


def test_lnt007_summary_row_against_the_other_tables_total(tmp_path):
    text = """\
ตารางที่ ๑ อำเภอเมือง
ตำบล\tชาย\tหญิง
ตำบลก\t๑๐\t๑๒
ตำบลข\t๒๐\t๒๒
รวมอำเภอเมือง\t๓๐\t๓๔

ตารางที่ ๒ สรุป
อำเภอ\tชาย\tหญิง
อำเภอเมือง\t๓๐\t๔๓
อำเภอเหนือ\t๕\t๖
"""
    found = fires(tmp_path, text, "LNT007", 9)
    assert "34" in found.message
    quiet(tmp_path, text.replace("๔๓", "๓๔"), "LNT007")


FUND = """\
ตารางที่ ๑ รายตำบล
ตำบล\tจำนวนโครงการ\tจำนวนเงิน (บาท)
บ้านกลาง\t๔๕\t๑,๒๕๐,๐๐๐
หนองปลา\t๓๘\t๑,๐๖๔,๐๐๐
รวม\t๘๓\t๒,๓๑๔,๐๐๐

ตารางที่ ๒ สรุปผล
รายการ\tจำนวน
โครงการที่ได้รับอนุมัติ\t๘๓ โครงการ
เงินที่ให้กู้ยืม\t๒,๓๑๔,๐๐๐ บาท
งบประมาณที่ได้รับจัดสรร\t๓,๐๐๐,๐๐๐ บาท
สมาชิกที่ได้รับประโยชน์\t๔๑๐ คน
"""


def test_lnt007_a_what_and_how_much_summary_restates_a_column_total(tmp_path):
    """The money lent restates table 1's จำนวนเงิน total; the budget allocated is another
    amount in บาท, and the members have no column: neither is compared."""
    quiet(tmp_path, FUND, "LNT007")
    fires(tmp_path, FUND.replace("๒,๓๑๔,๐๐๐ บาท", "๒,๓๘๔,๐๐๐ บาท"), "LNT007", 10)
    quiet(tmp_path, FUND.replace("๓,๐๐๐,๐๐๐ บาท", "๒,๓๑๕,๐๐๐ บาท"), "LNT007")  # no word of the heading


def test_lnt005_a_mistyped_sum_cell_is_one_finding(tmp_path):
    """The รวม cell of a row is mistyped (51 + 47 = 98, typed 88) and its percentage is right
    for 98: REG001 reports the cell, and the percentage is not reported a second time."""
    text = """\
ผู้พิการจำแนกตามตำบล
ตำบล\tชาย\tหญิง\tรวม\tร้อยละ
ต้นธง\t42\t38\t80\t20.9
บ้านแป้น\t35\t31\t66\t17.3
ริมปิง\t51\t47\t98\t25.7
เหมืองง่า\t29\t33\t62\t16.2
อุโมงค์\t40\t36\t76\t19.9
รวม\t197\t185\t382\t100
"""
    quiet(tmp_path, text, "LNT005")
    typo = text.replace("47\t98", "47\t88")
    assert {f.rule for f in lint_path(_write(tmp_path, typo), {"REG001", "LNT005"})[1]} == {"REG001"}
    fires(tmp_path, text.replace("25.7", "23.7"), "LNT005", 5)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return path


PRICE = """\
ราคากลางงานก่อสร้างถนนคอนกรีตเสริมเหล็ก
รายการ                                    จำนวนเงิน (บาท)
ค่าวัสดุ                                      ๑๘๔,๕๒๐.๕๐
ค่าแรงงาน                                     ๖๑,๑๓๐.๒๕
ค่าดำเนินการ กำไร และภาษี                       ๓๒,๖๗๘.๑๐
รวมเป็นเงินทั้งสิ้น                              ๒๗๘,๓๒๘.๘๕

ราคากลางดังกล่าวคำนวณตามหลักเกณฑ์ของทางราชการ รวมเป็นเงิน ๒๗๘,๓๒๘.๘๕ บาท
"""


def test_a_money_table_totalled_as_รวมเป็นเงินทั้งสิ้น(tmp_path):
    """รวมเป็นเงิน / รวมเป็นเงินทั้งสิ้น label a total row, and a sentence that states the sum
    in money is compared with that total."""
    quiet(tmp_path, PRICE, "REG002")
    quiet(tmp_path, PRICE, "LNT003")
    fires(tmp_path, PRICE.replace("๒๗๘,๓๒๘.๘๕\n\n", "๒๗๘,๓๘๒.๘๕\n\n"), "REG002", 6)
    fires(tmp_path, PRICE.replace("รวมเป็นเงิน ๒๗๘,๓๒๘.๘๕", "รวมเป็นเงิน ๒๗๘,๓๘๒.๘๕"), "LNT003", 8)


# ---------------------------------------------------------------------------------------
# Class 2: counts and sums stated in prose


@pytest.mark.parametrize(
    ("sentence", "wrong"),
    [
        ("ผู้ลงทะเบียนรวม ๒,๔๐๕ คน แบ่งเป็น ชาย ๑,๒๐๒ คน หญิง ๑,๒๐๔ คน", True),
        ("ผู้ลงทะเบียนรวม ๒,๔๐๖ คน แบ่งเป็น ชาย ๑,๒๐๒ คน หญิง ๑,๒๐๔ คน", False),
        ("มีผู้เข้าร่วม จำนวน ๑๐๐ คน (ชาย ๔๐ คน หญิง ๕๐ คน)", True),
        ("อำเภอเมือง ๑๒ แห่ง อำเภอเหนือ ๘ แห่ง และอำเภอใต้ ๕ แห่ง รวมทั้งสิ้น ๒๔ แห่ง", True),
        ("อำเภอเมือง ๑๒ แห่ง อำเภอเหนือ ๘ แห่ง และอำเภอใต้ ๕ แห่ง รวมทั้งสิ้น ๒๕ แห่ง", False),
        ("จัดอบรม ๒ รุ่น รุ่นละ ๕๐ คน รวม ๑๐๐ คน", False),
        ("รวม ๑๐๐ คน แบ่งเป็น ชาย ๔๐ คน หญิง ๖๐ คน ในจำนวนนี้เป็นผู้สูงอายุ ๒๐ คน", False),
        # a part's label may be one long word
        ("มีผู้เข้าร่วม รวม 90 คน ประกอบด้วย ผู้นำชุมชน 30 คน อาสาสมัครสาธารณสุขประจำหมู่บ้าน 20 คน และเยาวชน 30 คน", True),
        ("มีผู้เข้าร่วม รวม 80 คน ประกอบด้วย ผู้นำชุมชน 30 คน อาสาสมัครสาธารณสุขประจำหมู่บ้าน 20 คน และเยาวชน 30 คน", False),
        # but not amounts a whole clause apart
        ("รวม ๕๐ คน แบ่งเป็น ชาย ๒๐ คน หญิง ๓๐ คน ส่วนการอบรมครั้งก่อนมีผู้เข้าร่วมจากหลายตำบลในอำเภอ ๔๐ คน", False),
    ],
)
def test_lnt008_prose_sum(tmp_path, sentence, wrong):
    text = f"ผลการดำเนินงาน\n{sentence}\n"
    judge(tmp_path, text, "LNT008", 2, wrong)


@pytest.mark.parametrize(
    ("sentence", "wrong"),
    [
        ("ส่งเสริมอาชีพ จำนวน ๓ กลุ่ม ได้แก่ กลุ่มสตรี กลุ่มเยาวชน กลุ่มผู้สูงอายุ และกลุ่มอาชีพ เพื่อเพิ่มรายได้", True),
        ("ส่งเสริมอาชีพ จำนวน ๔ กลุ่ม ได้แก่ กลุ่มสตรี กลุ่มเยาวชน กลุ่มผู้สูงอายุ และกลุ่มอาชีพ เพื่อเพิ่มรายได้", False),
        ("ประเมินครบทั้ง ๔ ด้าน คือ ด้านการบริหาร ด้านการเงิน และด้านบุคลากร", True),
        ("พื้นที่ ๓ อำเภอ ได้แก่ เมือง, แม่ทะ, เกาะคา และงาว", True),
        ("พื้นที่ ๔ อำเภอ ได้แก่ เมือง, แม่ทะ, เกาะคา และงาว", False),
        ("พื้นที่ ๔ จังหวัด ได้แก่ ลำปาง ลำพูน และแพร่", True),
        ("พื้นที่ ๒ จังหวัด ได้แก่ ลำปาง แม่ฮ่องสอน และแพร่", False),  # spaces only: more items than stated may be one name
        ("จัด ๓ กิจกรรม ได้แก่ การอบรม การศึกษาดูงาน ฯลฯ และการประกวด", False),
        ("มอบหมาย ๓ คน ได้แก่ นายสมชาย ใจดี และนางสมศรี ดีใจ", False),
        # the list ends with its first "และ ..." item: a later clause is not part of it
        ("จำนวน ๓ ตำบล ได้แก่ ตำบลวังผาง ตำบลหนองยวง และตำบลบ้านกลาง รวม ๔๒๐ ครัวเรือน แยกเป็น ตำบลวังผาง "
         "๑๘๐ ครัวเรือน ตำบลหนองยวง ๑๓๐ ครัวเรือน และตำบลบ้านกลาง ๑๑๐ ครัวเรือน", False),
    ],
)
def test_lnt009_prose_count(tmp_path, sentence, wrong):
    text = f"สรุปผล\n{sentence}\n"
    judge(tmp_path, text, "LNT009", 2, wrong)


@pytest.mark.parametrize(
    ("sentence", "wrong"),
    [
        ("โดยมีระเบียบวาระ 5 วาระ ดังนี้ วาระที่ 1 เรื่องแจ้งให้ทราบ วาระที่ 2 เรื่องรับรองรายงาน วาระที่ 3 "
         "เรื่องเพื่อทราบ วาระที่ 4 เรื่องเพื่อพิจารณา และวาระที่ 5 เรื่องอื่น ๆ", False),
        ("โดยมีระเบียบวาระ 6 วาระ ดังนี้ วาระที่ 1 เรื่องแจ้งให้ทราบ วาระที่ 2 เรื่องรับรองรายงาน วาระที่ 3 "
         "เรื่องเพื่อทราบ วาระที่ 4 เรื่องเพื่อพิจารณา และวาระที่ 5 เรื่องอื่น ๆ", True),
        ("มีมติ ๓ ข้อ ดังนี้ ข้อ ๑ ให้จัดงาน ข้อ ๒ ให้ประชาสัมพันธ์", True),
        ("มีมติ ๒ ข้อ ดังนี้ ข้อ ๑ ให้จัดงาน ข้อ ๒ ให้ประชาสัมพันธ์", False),
    ],
)
def test_lnt009_items_numbered_inside_the_sentence(tmp_path, sentence, wrong):
    text = f"ข่าวการประชุม\n{sentence}\n"
    judge(tmp_path, text, "LNT009", 2, wrong)


def test_lnt009_leaves_a_list_on_lines_of_its_own_to_mtg004(tmp_path):
    text = "ดำเนินการ จำนวน ๓ กิจกรรม ดังนี้\nกิจกรรมที่ ๑ อบรม\nกิจกรรมที่ ๒ ดูงาน\nกิจกรรมที่ ๓ ประกวด\nกิจกรรมที่ ๔ สรุปผล\n"
    quiet(tmp_path, text, "LNT009")
    fires(tmp_path, text, "MTG004", 1)


def test_mtg003_a_wrapped_sentence_listing_agenda_items_is_not_a_heading(tmp_path):
    text = ("ข่าวการประชุม\nโดยมีระเบียบวาระ ๕ วาระ ดังนี้ วาระที่ ๑ เรื่องแจ้ง วาระที่ ๒ เรื่องรับรองรายงาน\n"
            "วาระที่ ๓ เรื่องเพื่อทราบ วาระที่ ๔ เรื่องเพื่อพิจารณา และวาระที่ ๕ เรื่องอื่น ๆ\n")
    quiet(tmp_path, text, "MTG003")
    # headings of minutes out of order are still reported
    minutes = "รายงานการประชุม\nระเบียบวาระที่ ๑ เรื่องแจ้ง\nประธานแจ้ง\nระเบียบวาระที่ ๓ เรื่องอื่น\n"
    fires(tmp_path, minutes, "MTG003", 4)


def test_prose_rules_read_a_sentence_hard_wrapped_over_lines(tmp_path):
    """A text file (or pdftotext's reading) wraps sentences: a count and its list, or the parts
    and their total, on consecutive lines are one sentence; a blank line or a numbered item
    starts another."""
    wrapped = "ผลการอบรม\nเนื้อหาครอบคลุมครบทั้ง ๔ ด้าน ได้แก่ การเตรียมดิน การปลูก\nและการตลาด มีผู้เข้ารับการอบรม ๔๐ คน\n"
    fires(tmp_path, wrapped, "LNT009", 2)
    quiet(tmp_path, wrapped.replace("๔ ด้าน", "๓ ด้าน"), "LNT009")
    quiet(tmp_path, wrapped.replace("การปลูก\n", "การปลูก\n\n"), "LNT009")  # two passages: no end to the list
    counts = "ผู้มาประชุม ๑๒ คน\nผู้ไม่มาประชุม ๓ คน (ติดราชการ)\nรวมกรรมการทั้งหมด ๑๖ คน\n"
    fires(tmp_path, counts, "LNT008", 3)
    quiet(tmp_path, counts.replace("๑๖ คน", "๑๕ คน"), "LNT008")
    quiet(tmp_path, counts.replace("ผู้ไม่มาประชุม", "๑. ผู้ไม่มาประชุม"), "LNT008")


def test_mtg004_a_lead_in_wrapped_over_two_lines(tmp_path):
    lead = "มีมติเห็นชอบรูปแบบการแบ่งเขต จำนวน ๔ รูปแบบ\nเรียงตามลำดับ ดังนี้\n"
    items = "๑. รูปแบบที่ ๑\n๒. รูปแบบที่ ๒\n๓. รูปแบบที่ ๓\n"
    fires(tmp_path, lead + items, "MTG004", 1)
    quiet(tmp_path, lead.replace("๔ รูปแบบ", "๓ รูปแบบ") + items, "MTG004")
    quiet(tmp_path, lead.replace("\n", "\n\n", 1) + items, "MTG004")  # a blank line: not a lead-in


# ---------------------------------------------------------------------------------------
# Class 3: Thai text hygiene


@pytest.mark.parametrize(
    ("line", "wrong"),
    [
        ("ผู้ ้เข้าร่วมประชุม", True),
        ("\u0e49ขอเชิญประชุม", True),
        ("ที่\u0e48ปรึกษา", True),
        ("น\u0e33\u0e49าท่วม", True),
        ("ก\u0e48\u0e34น", True),
        ("ผู้เข้าร่วมประชุม น้ำท่วม ที่ปรึกษา กิ่งก้าน", False),
        ("สำนักงานสาธารณสุขจังหวัดเเพร่", True),  # SARA E twice for SARA AE
        ("สำนักงานสาธารณสุขจังหวัดแพร่ เเละ", True),
        ("สำนักงานสาธารณสุขจังหวัดแพร่ และเขตเลือกตั้ง", False),
    ],
)
def test_lnt010_stray_mark(tmp_path, line, wrong):
    text = f"บันทึก\n{line}\n"
    judge(tmp_path, text, "LNT010", 2, wrong)


def test_lnt011_decomposed_sara_am_in_typed_text(tmp_path):
    text = "จำนวนผู้มาประชุม\nจ\u0e4d\u0e32นวนผู้ลา\nทำการ\n"
    fires(tmp_path, text, "LNT011", 2)
    quiet(tmp_path, text.replace("\u0e4d\u0e32", "\u0e33"), "LNT011")


def test_lnt011_pdftotext_text_is_read_joined_and_quiet(tmp_path):
    text = "จ\u0e4d\u0e32นวน\nท\u0e4d\u0e32การ\nน\u0e4d\u0e32เสนอ\nก\u0e4d\u0e32หนด\n"
    quiet(tmp_path, text, "LNT011")
    # a short letter with only two SARA AM, both decomposed, is a pdftotext reading too
    quiet(tmp_path, "เรียน อธิการบดี\nจังหวัดก\u0e4d\u0e32หนดจัดงาน\nสน\u0e4d\u0e32นักงานจังหวัด\n", "LNT011")
    # one decomposed SARA AM among composed ones, or alone, is typed
    fires(tmp_path, "จังหวัดก\u0e4d\u0e32หนดจัดงาน\nสำนักงานจังหวัด\nทำการ\n", "LNT011", 1)
    fires(tmp_path, "จังหวัดก\u0e4d\u0e32หนดจัดงาน\n", "LNT011", 1)
    # and the rules read the words: a stated count is seen
    listed = "จ\u0e4d\u0e32นวน ๒ กิจกรรม ประกอบด้วย\n๑. อบรม\n๒. ดูงาน\n๓. ประกวด\nท\u0e4d\u0e32 น\u0e4d\u0e32 ก\u0e4d\u0e32\n"
    assert [f.rule for f in lint(tmp_path, listed, "MTG004")] == ["MTG004"]


@pytest.mark.parametrize(
    ("line", "wrong"),
    [
        ("กรมการพัฒนาชุมชuน", True),
        ("ปีงบประมาณ ๒๕๖O", True),
        ("เริ่มเวลา ๑๓.๓o น.", True),  # a Latin o for the last zero of a time
        ("รหัส ๕o", True),
        ("เริ่มเวลา ๑๓.๓๐ น. ณ ห้อง Room A", False),
        ("ผลิตภัณฑ์ OTOP ระดับ ๕ ดาว", False),
        ("ระบบ e-Office ของกรม", False),
    ],
)
def test_lnt012_look_alike_letter(tmp_path, line, wrong):
    text = f"เรื่อง ทดสอบ\n{line}\n"
    judge(tmp_path, text, "LNT012", 2, wrong)


def test_lnt013_invisible_character(tmp_path):
    fires(tmp_path, "เรื่อง ทดสอบ\nจังหวัด\u200bลำปาง\n", "LNT013", 2, WARNING)
    quiet(tmp_path, "เรื่อง ทดสอบ\nจังหวัดลำปาง\n", "LNT013")


THAI_DIGITS_LETTER = """\
ที่ ลป ๐๐๑๙.๓/ว ๑๒๓
๖ ธันวาคม ๒๕๖๗
เรื่อง การประชุม ครั้งที่ ๒/๒๕๖๗
ด้วยจังหวัดจะจัดประชุม จำนวน ๓๐ คน ในวันที่ ๒๐ ธันวาคม ๒๕๖๗ เวลา ๐๙.๐๐ น.
ณ ห้องประชุม ๑ ชั้น ๒ ศาลากลาง โทร. ๐ ๕๔๒๖ ๕๐๕๐
ผู้เข้าร่วม 25 คน
"""


def test_lnt014_lone_arabic_number_in_a_thai_digit_document(tmp_path):
    fires(tmp_path, THAI_DIGITS_LETTER, "LNT014", 6, WARNING)
    quiet(tmp_path, THAI_DIGITS_LETTER.replace("25 คน", "๒๕ คน"), "LNT014")
    quiet(tmp_path, THAI_DIGITS_LETTER.replace("25 คน", "COVID-19 และ ISO 9001"), "LNT014")


def test_lnt015_blank_left_in_a_filled_document(tmp_path):
    text = """\
ขอเชิญประชุมประชาคม
ในวันที่ ๒๐ ธันวาคม ๒๕๖๗ ณ ศาลาประชาคม หมู่ที่ ...... ตำบลบ้านเหล่า
(ลงชื่อ) ....................
(นายสมชาย ใจดี)
"""
    fires(tmp_path, text, "LNT015", 2)
    quiet(tmp_path, text.replace("......", "๕"), "LNT015")


def test_lnt015_a_signature_line_over_the_signer_s_position(tmp_path):
    text = "ประกาศรับสมัครสอบ\nประกาศ ณ วันที่ ๓ มีนาคม ๒๕๔๑\n(ลงชื่อ) ....................\n{under}\n"
    quiet(tmp_path, text.format(under="อธิบดีกรมบัญชีกลาง"), "LNT015")
    quiet(tmp_path, text.format(under="รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน"), "LNT015")
    quiet(tmp_path, text.format(under="(นายสมชาย ใจดี)"), "LNT015")
    fires(tmp_path, text.format(under="ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป"), "LNT015", 3)


def test_lnt015_a_blank_form_is_a_form(tmp_path):
    form = "ข้าพเจ้า ชื่อ.............\nบ้านเลขที่.......... หมู่ที่........\nวันที่........ เดือน..........\n"
    quiet(tmp_path, form, "LNT015")


# ---------------------------------------------------------------------------------------
# Class 4: letter numbers

LETTER = """\
ที่ {number}\tศาลากลางจังหวัด
๖ ธันวาคม ๒๕๖๗
เรื่อง ขอเชิญประชุม
เรียน {to}
ด้วยจังหวัดขอเชิญประชุม
ขอแสดงความนับถือ
"""


@pytest.mark.parametrize(
    "number",
    ["มท ๐๔๐๖.๒/ว ๑๒๓", "ลป ๐๐๑๙.๓/ว ๒๕๕๕๕", "นม ๗๑๒๐๑/๔๕๖", "ศธ ๐๔๐๐๔/ว ๗๘", "ชม ๐๐๑๘.๓/๑๒๓", "มท 0810.4/ว 999"],
)
def test_lnt016_the_shapes_offices_use_pass(tmp_path, number):
    quiet(tmp_path, LETTER.format(number=number, to="นายอำเภอเมือง"), "LNT016")


@pytest.mark.parametrize("number", ["ชม ๐๐๑๘.๓/", "ชม ๐๑๘.๓/๑๒๓", "ชม ๐๐๑๘..๓/๑๒", "๐๐๑๘.๓/๑๒๓", "ชม ๐๐๑๘.๓ ๑๒๓"])
def test_lnt016_malformed_numbers(tmp_path, number):
    fires(tmp_path, LETTER.format(number=number, to="นายอำเภอเมือง"), "LNT016", 1)


def test_lnt016_an_order_number_is_not_a_letter_number(tmp_path):
    quiet(tmp_path, "คำสั่งอำเภอเมือง\nที่ ๑๒๓/๒๕๖๘\nเรื่อง แต่งตั้งคณะกรรมการ\n", "LNT016")


@pytest.mark.parametrize(
    ("body", "wrong"),
    [
        ("ตามหนังสือกรมส่งเสริมการปกครองท้องถิ่น ที่ มท ๐๘๑๐.๔/ ลงวันที่ ๓ มีนาคม ๒๕๖๗ นั้น", True),
        ("อ้างถึง  หนังสือจังหวัดแพร่ ที่ พร ๐๐๑๗.๒/ว ลงวันที่ ๑๐ มกราคม ๒๕๖๗", True),
        ("ตามหนังสือกรมการปกครอง ที่ มท 309.4/ว 12 ลงวันที่ 5 ตุลาคม 2560", True),
        ("ตามหนังสือกรมการปกครอง ที่ มท ๐๓๐๙.๔/ว ๑๒ ลงวันที่ ๕ ตุลาคม ๒๕๖๐ นั้น", False),
        ("อ้างถึง  หนังสืออำเภอเมืองแพร่ ที่ พร ๐๕๑๘/๒๒๓, ลงวันที่ ๑๐ มกราคม ๒๕๖๗", False),
        ("ตามหนังสือเทศบาลตำบลบ้านกลาง ที่ ลพ ๕๒๐๐๒/ว ๑๑๒ ลงวันที่ ๒ มีนาคม ๒๕๖๕", False),
        ("ณ ที่ว่าการอำเภอ หมู่ที่ ๕ ตำบลบ้านกลาง ที่ ๑๒๓ ถนนเจริญราษฎร์", False),
    ],
)
def test_lnt016_letter_numbers_cited_in_the_text(tmp_path, body, wrong):
    text = LETTER.format(number="ลป ๐๐๑๙.๓/ว ๑๒๓", to="นายอำเภอเมือง").replace("ด้วยจังหวัดขอเชิญประชุม", body)
    judge(tmp_path, text, "LNT016", 5, wrong)


def test_lnt016_a_cited_number_wrapped_after_its_slash_goes_on_on_the_next_line(tmp_path):
    """pdftotext hard-wraps lines: a number broken after the slash is whole when the next line
    opens with its running number, and missing it when the next line goes on with ลงวันที่."""
    wrapped = "ตามหนังสือสำนักงาน ก.พ. ที่ นร ๐๗๐๘.๗/ว\n๑๕ ลงวันที่ ๙ กันยายน ๒๕๓๕ นั้น\n"
    quiet(tmp_path, wrapped, "LNT016")
    quiet(tmp_path, wrapped.replace("/ว\n๑๕", "/\nว ๑๕"), "LNT016")
    fires(tmp_path, wrapped.replace("/ว\n๑๕", "/\n"), "LNT016", 1)


def test_cir005_circular_to_many_needs_wor(tmp_path):
    fires(tmp_path, LETTER.format(number="ลป ๐๐๑๙.๓/๑๒๓", to="นายอำเภอ ทุกอำเภอ"), "CIR005", 1)
    quiet(tmp_path, LETTER.format(number="ลป ๐๐๑๙.๓/ว ๑๒๓", to="นายอำเภอ ทุกอำเภอ"), "CIR005")
    quiet(tmp_path, LETTER.format(number="ลป ๐๐๑๙.๓/๑๒๓", to="นายอำเภอเมือง"), "CIR005")


# ---------------------------------------------------------------------------------------
# Class 5: one name, two spellings


def test_lnt001_a_body_word_misspelled_inside_the_name(tmp_path):
    text = """\
ขอเชิญองค์การบริหารส่วนตำบลบ้านดู่ร่วมประชุม
องค์การบริหารส่วนตำบลบ้านดู่จะเป็นเจ้าภาพ
ให้องค์กรบริหารส่วนตำบลบ้านดู่แจ้งผล
"""
    found = lint(tmp_path, text, "LNT001")
    assert [(f.line, f.severity) for f in found] == [(3, WARNING)]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("ศรีเกียรติพัฒน์", "ศรีเกียรติพัฒ", True),  # the final consonant and its silent mark left off
        ("พัฒนาเด็กเล็กบ้านหนองหอย", "พัฒนาเด็กเล็กบ้านหนองหอ", True),
        ("ศรีสุพรรณ", "ศรีสุพรรณ์", True),  # a silent mark added
        ("ลำพูน", "ลำพุน", True),  # SARA UU / SARA U
        ("แพร่", "แพ่", True),  # a letter dropped inside
        ("เมือง", "เมืองลำปาง", False),  # a name and its longer form
        ("แม่ทะ", "แม่ทา", False),  # two places
        ("บ้านดู่", "บ้านดง", False),
        ("ป่าซาง", "ป่าซางน้อย", False),
        ("หนองบัว", "หนองบัวแดง", False),
        ("ตาก", "ตราด", False),
    ],
)
def test_lnt001_name_variants(a, b, same):
    assert name_variant(a, b) is same
    assert name_variant(b, a) is same


def test_lnt001_short_place_names_and_names_inside_names(tmp_path):
    text = """\
สำนักงานสาธารณสุขจังหวัดแพร่ ประชุมคณะกรรมการ
นายแพทย์สาธารณสุขจังหวัดแพร่ เป็นประธาน
สำนักงานสาธารณสุขจังหวัดแพ่ ได้รายงานผล
ครูใหญ่โรงเรียนวัดศรีสุพรรณ์ เป็นเลขานุการ
ณ ศาลาการเปรียญวัดศรีสุพรรณ และวัดศรีสุพรรณ
"""
    found = lint(tmp_path, text, "LNT001")
    assert sorted(f.line for f in found) == [3, 4]
    quiet(tmp_path, text.replace("จังหวัดแพ่", "จังหวัดแพร่").replace("สุพรรณ์", "สุพรรณ"), "LNT001")
    # two places of one province are two names
    quiet(tmp_path, "อำเภอแม่ทะ และอำเภอแม่ทา\nตำบลบ้านดู่ ตำบลบ้านดง\nอำเภอเมือง อำเภอเมืองลำปาง\n", "LNT001")


def test_lnt001_transliterations_spelled_two_ways(tmp_path):
    assert sound_key("ไฮโดรโปนิกส์") == sound_key("ไฮโดรโปนิค")
    text = "ผลการปลูกผักไฮโดรโปนิกส์ประจำปี\nผลการปลูกผักไฮโดรโปนิคประจำปี\nผลการปลูกผักไฮโดรโปนิกส์ประจำปี\n"
    found = lint(tmp_path, text, "LNT001")
    assert [f.line for f in found] == [2]


@pytest.mark.parametrize(
    "text",
    [
        "องค์การบริหารส่วนตำบลบ้านดู่ร่วมประชุม\nองค์การบริหารส่วนตำบลบ้านดงร่วมประชุม\n",  # two bodies
        "จำนวนผู้มาประชุมทั้งหมด\nจำนวนผู้ไม่มาประชุมทั้งหมด\n",  # a word added, not a letter dropped
        "คณะกรรมการพัฒนาสตรีอำเภอ\nคณะอนุกรรมการพัฒนาสตรีอำเภอ\n",  # a committee and its sub-committee
    ],
)
def test_lnt001_and_lnt017_different_names_stay_quiet(tmp_path, text):
    quiet(tmp_path, text, "LNT001")
    quiet(tmp_path, text, "LNT017")


def test_lnt017_one_body_two_names(tmp_path):
    text = "แต่งตั้งคณะทำงานขับเคลื่อนเศรษฐกิจชุมชน\nให้คณะทำงานขับเคลื่อนเศรษฐกิจชุมชนรายงานผล\nโดยคณะกรรมการขับเคลื่อนเศรษฐกิจชุมชนประชุมเดือนละครั้ง\n"
    fires(tmp_path, text, "LNT017", 3, WARNING)


# ---------------------------------------------------------------------------------------
# Class 6: meetings; no keyword matched inside a longer word

MINUTES = """\
รายงานการประชุมคณะกรรมการพัฒนาสตรีอำเภอ
ครั้งที่ {number}
เมื่อวันอังคารที่ ๑๕ ตุลาคม ๒๕๖๗
เปิดประชุมเวลา ๐๙.๓๐ น.
ระเบียบวาระที่ ๑ เรื่องแจ้งเพื่อทราบ
ปิดประชุมเวลา ๑๒.๐๐ น.
"""


@pytest.mark.parametrize(("number", "wrong"), [("๑/๒๕๖๘", False), ("๑/๒๕๖๗", False), ("๑/๒๕๖๖", True)])
def test_mtg001_fiscal_or_calendar_year(tmp_path, number, wrong):
    text = MINUTES.format(number=number)
    if wrong:
        found = fires(tmp_path, text, "MTG001", 2)
        assert "2567" in found.message and "2568" in found.message
    else:
        quiet(tmp_path, text, "MTG001")


def test_mtg001_a_meeting_date_with_a_wrong_weekday_still_dates_the_meeting(tmp_path):
    """๑๕ ตุลาคม ๒๕๖๗ is a Tuesday: written as a Wednesday, LNT002 reports the weekday, and the
    meeting number is still checked against the day."""
    text = MINUTES.format(number="๑/๒๕๖๖").replace("วันอังคารที่", "วันพุธที่")
    fires(tmp_path, text, "MTG001", 2)
    fires(tmp_path, text, "LNT002", 3)


@pytest.mark.parametrize(
    ("sentence", "wrong"),
    [
        ("กำหนดประชุมคณะทำงาน ครั้งที่ ๒/๒๕๖๖ ในวันพฤหัสบดีที่ ๙ พฤษภาคม ๒๕๖๘ ณ ห้องประชุม", True),
        ("กำหนดประชุมคณะทำงาน ครั้งที่ ๒/๒๕๖๘ ในวันพฤหัสบดีที่ ๙ พฤษภาคม ๒๕๖๘ ณ ห้องประชุม", False),
        ("ตามมติการประชุม ครั้งที่ ๓/๒๕๖๘ เมื่อวันที่ ๒ ตุลาคม ๒๕๖๗ ให้ดำเนินการ", False),  # fiscal year 2568
        ("ตามมติการประชุม ครั้งที่ ๓/๒๕๖๖ เมื่อวันที่ ๒ ตุลาคม ๒๕๖๗ ให้ดำเนินการ", True),
        ("ตามมติการประชุม ครั้งที่ ๓/๒๕๖๖ และหนังสือลงวันที่ ๒ ตุลาคม ๒๕๖๗", False),  # that date is the letter's
    ],
)
def test_mtg001_a_meeting_number_given_with_its_date_in_the_text(tmp_path, sentence, wrong):
    opening = "".join(f"ข่าวประชาสัมพันธ์ฉบับที่ {n}\n" for n in "๑๒๓๔๕๖")  # no meeting heading
    text = f"{opening}{sentence}\n"
    judge(tmp_path, text, "MTG001", 7, wrong)


@pytest.mark.parametrize(
    ("confirmed", "wrong"),
    [
        ("รับรองรายงานการประชุม ครั้งที่ ๔/๒๕๖๗ เมื่อวันที่ ๑๐ กันยายน ๒๕๖๗", False),
        ("รับรองรายงานการประชุม ครั้งที่ ๕/๒๕๖๗ เมื่อวันที่ ๑๐ กันยายน ๒๕๖๗", True),  # this meeting's own number
        ("รับรองรายงานการประชุม ครั้งที่ ๔/๒๕๖๗ เมื่อวันที่ ๑๐ พฤศจิกายน ๒๕๖๗", True),  # after this meeting
        ("รับรองรายงานการประชุม ครั้งที่ ๑๒/๒๕๖๖ เมื่อวันที่ ๑๐ ธันวาคม ๒๕๖๖", False),  # last year's last
    ],
)
def test_lnt020_confirmed_minutes_are_of_an_earlier_meeting(tmp_path, confirmed, wrong):
    text = MINUTES.format(number="๕/๒๕๖๗").replace("ระเบียบวาระที่ ๑ เรื่องแจ้งเพื่อทราบ", f"ระเบียบวาระที่ ๑ {confirmed}")
    judge(tmp_path, text, "LNT020", 5, wrong)
    quiet(tmp_path, text.replace("๕/๒๕๖๗", "๕/๒๕๖๐", 1), "LNT020")  # the meeting's own number is wrong: MTG001


def test_mtg002_open_is_the_start_not_the_end(tmp_path):
    quiet(tmp_path, MINUTES.format(number="๑/๒๕๖๘"), "MTG002")
    text = MINUTES.format(number="๑/๒๕๖๘").replace("ปิดประชุมเวลา ๑๒.๐๐", "ปิดประชุมเวลา ๐๙.๐๐")
    fires(tmp_path, text, "MTG002", 6)


# Words that contain a rule's keyword: a rule may not take them for the keyword.
CONTAINING = """\
เรื่อง การรวบรวมข้อมูล ๓๐ แบบ
นักเรียนและโรงเรียน ๑๒ แห่ง
เปิดประชุมเวลา ๑๓.๓๐ น. ตามที่ได้รับหน้าที่ ๕ ครั้ง
ผู้ไม่มาประชุม ๒ คน ผู้มาประชุม ๑๐ คน
ประมวลผลทั้งหมดแล้ว เริ่มประชุมใหม่
การรวมกลุ่มอาชีพ ได้ร่วมกันจัดทำ
ให้ผู้เกี่ยวข้องทราบภายในหน่วยงาน
"""


@pytest.mark.parametrize(
    "code",
    ["MTG002", "MTG003", "MTG004", "CIR002", "CIR004", "CIR007", "LNT003", "LNT008", "LNT009", "LNT015", "LNT016",
     "LNT017", "LNT019", "CIR005"],
)
def test_no_rule_takes_a_word_for_a_keyword_it_contains(tmp_path, code):
    quiet(tmp_path, CONTAINING, code)


# ---------------------------------------------------------------------------------------
# Class 7: dates in prose


@pytest.mark.parametrize(
    ("line", "wrong"),
    [
        ("ระหว่างวันที่ ๑๘ - ๑๙ มกราคม ๒๕๖๕ (18-20 January 2022)", True),
        ("ระหว่างวันที่ ๑๘ - ๑๙ มกราคม ๒๕๖๕ (18-19 January 2022)", False),
        ("ระหว่างวันที่ ๓ - ๑๒ มีนาคม ๒๕๖๒ (from 3 to 12 March 2019)", False),
        ("ระหว่างวันที่ ๓ - ๑๒ มีนาคม ๒๕๖๒ (from 3 to 13 March 2019)", True),
        ("วันที่ ๑๒ มีนาคม ๒๕๖๒ (March 12, 2018)", True),
        ("the workshop on Monday, 12 March 2019", True),
        ("the workshop on Tuesday, 12 March 2019", False),
        ("the report of 31 April 2019", True),
    ],
)
def test_lnt018_english_dates(tmp_path, line, wrong):
    text = f"กำหนดการ\n{line}\n"
    judge(tmp_path, text, "LNT018", 2, wrong)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("English summary: the fair was held on 22 June 2023 at the district office.", True),
        ("English summary: the fair was held on 21 June 2023 at the district office.", False),
        ("English: a course from 5 to 21 July 2023 for young farmers.", True),
        ("English: a course from 5 to 9 July 2023 for young farmers.", False),
        ("English: the first day of the course, 6 July 2023, was on soil.", False),  # within the Thai period
        ("English: the next fair is planned for 14 February 2024.", False),  # no Thai date in that month
    ],
)
def test_lnt018_an_english_summary_gives_the_thai_text_s_dates(tmp_path, summary, wrong):
    text = ("ข่าวประชาสัมพันธ์\nอำเภอจัดงานมหกรรมสินค้าชุมชน เมื่อวันพุธที่ ๒๑ มิถุนายน ๒๕๖๖ ณ ที่ว่าการอำเภอ\n"
            "และจัดอบรมเกษตรกรรุ่นใหม่ ระหว่างวันที่ ๕ - ๙ กรกฎาคม ๒๕๖๖\n\n" + summary + "\n")
    judge(tmp_path, text, "LNT018", 5, wrong)


@pytest.mark.parametrize(
    ("line", "wrong"),
    [
        ("ระหว่างวันที่ ๒๐ - ๑๘ มกราคม ๒๕๖๙", True),
        ("ระหว่างวันที่ ๑๘ - ๒๐ มกราคม ๒๕๖๙", False),
        ("ตั้งแต่วันที่ ๑๗ มกราคม ๒๕๖๘ ถึงวันที่ ๑๐ มกราคม ๒๕๖๘", True),
        ("ตั้งแต่วันที่ ๑๐ มกราคม ๒๕๖๘ ถึงวันที่ ๑๗ มกราคม ๒๕๖๘", False),
        ("ระหว่างวันที่ ๒๘ ธันวาคม - ๓ มกราคม ๒๕๖๘", False),  # across the new year
        ("ประชุมวันที่ ๑๗ มกราคม ๒๕๖๘ และวันที่ ๑๐ มกราคม ๒๕๖๘", False),  # two dates, not a period
    ],
)
def test_lnt002_a_period_that_ends_before_it_starts(tmp_path, line, wrong):
    text = f"กำหนดการ\n{line}\n"
    judge(tmp_path, text, "LNT002", 2, wrong)


@pytest.mark.parametrize(
    ("line", "wrong"),
    [
        ("ระหว่างวันจันทร์ที่ ๑๗ - วันอาทิตย์ที่ ๑๙ มกราคม ๒๕๖๘", True),  # ๑๗ มกราคม ๒๕๖๘ is a Friday
        ("ระหว่างวันศุกร์ที่ ๑๗ - วันอาทิตย์ที่ ๑๙ มกราคม ๒๕๖๘", False),
        ("ขอเชิญประชุมในวันจันทร์ที่ ๒๐ มกราคม นี้", False),  # a Monday in ๒๕๖๘, the letter's year
        ("ขอเชิญประชุมในวันอังคารที่ ๒๐ มกราคม นี้", True),
    ],
)
def test_lnt002_weekdays_without_a_year_of_their_own(tmp_path, line, wrong):
    text = f"๖ ธันวาคม ๒๕๖๗\nเรื่อง ขอเชิญประชุม\n{line}\nจะประชุมวันที่ ๒๐ มกราคม ๒๕๖๘\n"
    judge(tmp_path, text, "LNT002", 3, wrong)


@pytest.mark.parametrize(
    ("line", "wrong"),
    [
        ("ตามหนังสือกรมการพัฒนาชุมชน ลงวันที่ ๑๐ ธันวาคม ๒๕๖๗", True),
        ("ตามหนังสือกรมการพัฒนาชุมชน ลงวันที่ ๑ ธันวาคม ๒๕๖๗", False),
        ("จังหวัดได้จัดอบรม เมื่อวันที่ ๙ ธันวาคม ๒๕๖๗", True),
        ("จังหวัดจะจัดอบรม ในวันที่ ๙ ธันวาคม ๒๕๖๗", False),
    ],
)
def test_lnt019_past_event_after_the_document(tmp_path, line, wrong):
    text = f"ที่ ลป ๐๐๑๙.๓/ว ๑๒๓\n๖ ธันวาคม ๒๕๖๗\nเรื่อง รายงานผล\n{line}\n"
    judge(tmp_path, text, "LNT019", 4, wrong)


def test_lnt019_an_order_is_dated_where_it_is_given(tmp_path):
    text = "คำสั่งจังหวัด\nที่ ๑๒/๒๕๖๘\nตามที่ได้ประชุมเมื่อวันที่ ๒๐ มกราคม ๒๕๖๘\nสั่ง ณ วันที่ ๑๕ มกราคม ๒๕๖๘\n"
    fires(tmp_path, text, "LNT019", 3)
    quiet(tmp_path, text.replace("๒๐ มกราคม", "๑๐ มกราคม"), "LNT019")
