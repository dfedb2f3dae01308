"""The rules' document front ends (``kbo-docs lint``), one small typed text at a time: the
LNT rules that only documents have, and the shared rules (TXT, CIR, MTG, REG) on typed text.

Each test lints a short text file with one rule selected and expects that rule alone, at the
line of the words named, or nothing on the corrected text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kbo_docs.findings import Finding, Severity
from kbo_docs.lint import lint_path
from kbo_docs.lint.rules import spelled_two_ways
from kbo_docs.rules import REGISTRY

ERROR, WARNING = Severity.ERROR, Severity.WARNING

LETTER = """\
ที่ ลป ๐๐๑๙.๓/ว ๒๕๕๕

ศาลากลางจังหวัดลำปาง

๖ ธันวาคม ๒๕๖๗

เรื่อง การดำเนินโครงการทดสอบ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘

เรียน นายอำเภอ ทุกอำเภอ

สิ่งที่ส่งมาด้วย ๑. ทะเบียนจัดสรรกลุ่มเป้าหมาย	จำนวน ๑ ฉบับ
๒. แบบรายงานผล	จำนวน ๑ ฉบับ

ด้วยจังหวัดลำปางได้รับแจ้งจากกรมการพัฒนาชุมชน ตามสิ่งที่ส่งมาด้วย ๑ และ ๒ ขอให้อำเภอดำเนินการ
ส่งแบบรายงานผลภายในวันที่ ๒๐ ธันวาคม ๒๕๖๗ (สิ่งที่ส่งมาด้วย ๒)

จึงเรียนมาเพื่อพิจารณาดำเนินการ

ขอแสดงความนับถือ
"""
"""A circular of ๖ ธันวาคม ๒๕๖๗ for ปีงบประมาณ ๒๕๖๘ with two enclosures and a deadline."""

MINUTES = """\
รายงานการประชุมคณะกรรมการเครือข่ายองค์ความรู้จังหวัดลำปาง
ครั้งที่ ๑/๒๕๖๘
เมื่อวันอังคารที่ ๑๔ มกราคม ๒๕๖๘
ณ ห้องประชุมศาลากลางจังหวัดลำปาง
เริ่มประชุมเวลา ๐๙.๐๐ น.
ระเบียบวาระที่ ๑ เรื่องประธานแจ้งให้ทราบ
ระเบียบวาระที่ ๒ เรื่องเพื่อพิจารณา
แผนปฏิบัติการ จำนวน ๒ กิจกรรม ประกอบด้วย
กิจกรรมที่ ๑ อบรมเครือข่าย ระหว่างวันที่ ๑๘-๑๙ มกราคม ๒๕๖๘ ณ โรงแรมฮอลิเดย์การ์เด้น
กิจกรรมที่ ๒ พัฒนาผลิตภัณฑ์ ระหว่างเดือน มกราคม - มีนาคม ๒๕๖๘ ณ โรงแรมฮอลิเดย์การ์เด้น
ระเบียบวาระที่ ๓ เรื่องอื่น ๆ
เลิกประชุมเวลา ๑๒.๐๐ น.
"""
"""Minutes of ๑๔ มกราคม ๒๕๖๘ (fiscal year ๒๕๖๘) with a two-activity plan."""

TABLE = """\
ทะเบียนจัดสรรกลุ่มเป้าหมาย ประจำปีงบประมาณ พ.ศ. ๒๕๖๘

อำเภอ	ผลิตภัณฑ์ ๑-๓ ดาว	Quadrant D	รวม	เป้า
เมืองลำปาง	๑๔	๓๕๔	๓๖๘	๔
แม่เมาะ	๓	๖๙๙	๗๐๒	๓
สบปราบ	๑	๑	๒	๒
รวม	๑๘	๑,๐๕๔	๑,๐๗๒	๙

เป้าหมายรวมทั้งสิ้น ๙ ผลิตภัณฑ์ ตามทะเบียนข้างต้น
"""
"""A register whose rows and totals add up, and a sentence that states its total target."""


def lint_text(tmp_path: Path, text: str, code: str, suffix: str = ".txt") -> list[Finding]:
    path = tmp_path / f"doc{suffix}"
    path.write_text(text, encoding="utf-8")
    _doc, findings = lint_path(path, {code})
    return findings


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def one(tmp_path: Path, text: str, code: str, severity: Severity, needle: str) -> Finding:
    findings = lint_text(tmp_path, text, code)
    assert [f.rule for f in findings] == [code], findings
    assert findings[0].severity is severity
    assert findings[0].line == line_of(text, needle), (findings[0], needle)
    return findings[0]


def none(tmp_path: Path, text: str, code: str) -> None:
    assert lint_text(tmp_path, text, code) == []


def swap(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


@pytest.mark.parametrize("base", [LETTER, MINUTES, TABLE], ids=["letter", "minutes", "table"])
def test_the_base_documents_are_clean(tmp_path, base):
    path = tmp_path / "doc.txt"
    path.write_text(base, encoding="utf-8")
    assert lint_path(path)[1] == []


def test_document_rules_are_registered_with_lint_front_ends():
    lint_codes = {code for code, rule in REGISTRY.items() if rule.lint is not None}
    assert {"LNT001", "LNT002", "LNT003"} <= lint_codes
    assert {"TXT001", "TXT002", "TXT003", "CIR003", "MTG004", "MTG005", "REG001", "REG002"} <= lint_codes
    for code in ("LNT001", "LNT002", "LNT003"):
        assert REGISTRY[code].scope == "document" and not REGISTRY[code].checks_data


# LNT001 name-spelled-two-ways ------------------------------------------------------------------


def test_lnt001_venue_spelled_two_ways(tmp_path):
    text = swap(MINUTES, "มีนาคม ๒๕๖๘ ณ โรงแรมฮอลิเดย์การ์เด้น", "มีนาคม ๒๕๖๘ ณ โรงแรมฮอลิเย์การ์น")
    found = one(tmp_path, text, "LNT001", WARNING, "โรงแรมฮอลิเย์การ์น")
    assert "ฮอลิเย์การ์น" in found.message and "ฮอลิเดย์การ์เด้น" in found.message


def test_lnt001_the_rarer_spelling_is_reported(tmp_path):
    text = MINUTES + "ผู้เข้าพักที่โรงแรมฮอลิเดย์การเด้น\n"
    one(tmp_path, text, "LNT001", WARNING, "โรงแรมฮอลิเดย์การเด้น")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("ฮอลิเดย์การ์เด้น", "ฮอลิเย์การ์น", True),
        ("ส่งเสริมกระบวนการเครือข่ายองค์ความรู้", "ส่งกระบวนการเครือข่ายองค์ความรู้", True),
        ("ดิเอ็มเพรส", "ดิเอ็มเพลส", True),
        ("ลำพูนวิลล์", "ลำพูนวิว", False),
        ("พัฒนาผลิตภัณฑ์ชุมชน", "พัฒนาผลิตภัณฑ์ชุมชนท่องเที่ยว", False),
        ("ส่งเสริมการตลาด", "ส่งเสริมการผลิต", False),
        ("ศาลากลางจังหวัดลำปาง", "ศาลากลางจังหวัดลำพูน", False),
    ],
)
def test_lnt001_what_counts_as_one_name_spelled_two_ways(a, b, same):
    assert spelled_two_ways(a, b) is same


def test_lnt001_different_places_are_not_one_name(tmp_path):
    text = MINUTES + "ศึกษาดูงาน ณ ศูนย์ราชการจังหวัดแพร่ และ ณ ศูนย์ราชการจังหวัดน่าน\n"
    none(tmp_path, text, "LNT001")


# LNT002 impossible-date ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wrong", "why"),
    [("วันจันทร์ที่ ๑๔ มกราคม ๒๕๖๘", "wrong weekday"), ("๓๑ เมษายน ๒๕๖๘", "no such date"),
     ("๒๙ กุมภาพันธ์ ๒๕๖๖", "no such date")],
)
def test_lnt002_impossible_date(tmp_path, wrong, why):
    text = swap(MINUTES, "วันอังคารที่ ๑๔ มกราคม ๒๕๖๘", wrong)
    found = one(tmp_path, text, "LNT002", ERROR, wrong)
    assert why in found.message


def test_lnt002_real_dates_and_leap_days_are_fine(tmp_path):
    none(tmp_path, MINUTES + "ครั้งต่อไป วันพฤหัสบดีที่ ๒๙ กุมภาพันธ์ ๒๕๖๗\n", "LNT002")


# LNT003 stated-total ---------------------------------------------------------------------------


def test_lnt003_text_total_differs_from_the_table(tmp_path):
    text = swap(TABLE, "รวมทั้งสิ้น ๙ ผลิตภัณฑ์", "รวมทั้งสิ้น ๑๐ ผลิตภัณฑ์")
    found = one(tmp_path, text, "LNT003", ERROR, "รวมทั้งสิ้น ๑๐")
    assert "เป้า = ๙" in found.message


def test_lnt003_a_count_of_rows(tmp_path):
    none(tmp_path, TABLE + "ทะเบียนนี้มีอำเภอ รวม ๓ อำเภอ\n", "LNT003")
    text = TABLE + "ทะเบียนนี้มีอำเภอ รวม ๔ อำเภอ\n"
    one(tmp_path, text, "LNT003", ERROR, "รวม ๔ อำเภอ")


def test_lnt003_numbers_the_text_does_not_tie_to_the_table_are_left_alone(tmp_path):
    none(tmp_path, TABLE + "การประชุมใช้เวลารวม ๒ วัน มีผู้เข้าร่วมรวม ๔๕ คน\n", "LNT003")


# Shared rules on typed text --------------------------------------------------------------------


def test_txt001_on_a_document(tmp_path):
    text = swap(LETTER, "ศาลากลางจังหวัดลำปาง", "ศาลากลางจังหวัดลำपาง")
    one(tmp_path, text, "TXT001", ERROR, "ศาลากลางจังหวัดลำपาง")


def test_txt002_on_a_document(tmp_path):
    one(tmp_path, swap(LETTER, "ว ๒๕๕๕", "ว ๒๕55"), "TXT002", ERROR, "ว ๒๕55")


def test_txt003_on_a_document_but_not_indentation_or_trailing_spaces(tmp_path):
    one(tmp_path, swap(LETTER, "เรียน นายอำเภอ ทุกอำเภอ", "เรียน นายอำเภอ  ทุกอำเภอ"), "TXT003", WARNING,
        "นายอำเภอ  ทุกอำเภอ")
    none(tmp_path, swap(LETTER, "เรียน นายอำเภอ ทุกอำเภอ", "    เรียน นายอำเภอ ทุกอำเภอ   "), "TXT003")


@pytest.mark.parametrize("heading", ["เรียน", "อ้างถึง", "สิ่งที่ส่งมาด้วย", "เรื่อง", "ที่", "ส่วนราชการ", "(ลงชื่อ)"])
def test_txt003_the_gap_after_a_heading_word_is_layout(tmp_path, heading):
    """In real letters the wide gap after เรียน, อ้างถึง, สิ่งที่ส่งมาด้วย, เรื่อง, ที่ is a layout
    convention (typed as two spaces or a tab), not a mistake; a doubled space later on the same
    line, or after the word inside running text, still is."""
    none(tmp_path, f"{heading}  ข้อความตามแบบหนังสือราชการ\n", "TXT003")
    none(tmp_path, f"{heading}\u00a0 ข้อความตามแบบหนังสือราชการ\n", "TXT003")
    one(tmp_path, f"{heading}  ข้อความตามแบบ  หนังสือราชการ\n", "TXT003", WARNING, "ตามแบบ  หนังสือ")
    one(tmp_path, f"ตามที่ได้แจ้ง{heading}  ข้อความ\n", "TXT003", WARNING, f"{heading}  ข้อความ")


def test_txt003_spaces_that_align_columns_are_layout(tmp_path):
    """A typist aligns a committee list or pdftotext aligns a letter's head with runs of spaces;
    an accidental doubled space in running text is two."""
    text = ("๑. นายสมชาย ดีงาม          ประธานกรรมการ\n๒. นางมาลี ทองดี            กรรมการ\n"
            "ที่ ลป ๐๐๑๗.๓/๑๒๕                               ศาลากลางจังหวัดลำปาง\n")
    none(tmp_path, text, "TXT003")
    one(tmp_path, text + "ขอให้ดำเนินการ  ตามระเบียบ\n", "TXT003", WARNING, "ดำเนินการ  ตามระเบียบ")
    # a memo's head: the heading word of the second column has its gap too, and so has โทร.
    none(tmp_path, "ส่วนราชการ  กองสาธารณสุข เทศบาลเมืองลำพูน  โทร. ๐ ๕๓๕๑ ๑๒๓๔\n", "TXT003")
    none(tmp_path, "ที่  ลพ ๕๒๐๐๒/๑๑๒          วันที่  ๒ มีนาคม ๒๕๖๕\n", "TXT003")
    one(tmp_path, "ที่  ลพ ๕๒๐๐๒/๑๑๒ ถึงวันที่  ๒ มีนาคม ๒๕๖๕\n", "TXT003", WARNING, "วันที่  ๒")


def test_txt004_on_a_document(tmp_path):
    one(tmp_path, swap(LETTER, "(สิ่งที่ส่งมาด้วย ๒)", "(สิ่งที่ส่งมาด้วย ๒"), "TXT004", WARNING, "(สิ่งที่ส่งมาด้วย ๒")


def test_cir001_letter_date_outside_the_named_fiscal_year(tmp_path):
    text = swap(LETTER, "๖ ธันวาคม ๒๕๖๗\n", "๖ ธันวาคม ๒๕๖๘\n")
    one(tmp_path, text, "CIR001", WARNING, "๖ ธันวาคม ๒๕๖๘")


def test_cir002_deadline_before_the_letter(tmp_path):
    text = swap(LETTER, "ภายในวันที่ ๒๐ ธันวาคม ๒๕๖๗", "ภายในวันที่ ๒๐ พฤศจิกายน ๒๕๖๗")
    one(tmp_path, text, "CIR002", ERROR, "ภายในวันที่ ๒๐ พฤศจิกายน")


def test_cir003_deadline_outside_the_named_fiscal_year(tmp_path):
    text = swap(LETTER, "ภายในวันที่ ๒๐ ธันวาคม ๒๕๖๗", "ภายในวันที่ ๒๐ ธันวาคม ๒๕๖๘")
    one(tmp_path, text, "CIR003", ERROR, "ภายในวันที่ ๒๐ ธันวาคม ๒๕๖๘")


def test_cir003_needs_a_named_fiscal_year(tmp_path):
    text = swap(swap(LETTER, " ประจำปีงบประมาณ พ.ศ. ๒๕๖๘", ""), "ภายในวันที่ ๒๐ ธันวาคม ๒๕๖๗", "ภายในวันที่ ๒๐ ธันวาคม ๒๕๖๘")
    none(tmp_path, text, "CIR003")


def test_cir004_reference_to_an_enclosure_not_listed(tmp_path):
    one(tmp_path, swap(LETTER, "(สิ่งที่ส่งมาด้วย ๒)", "(สิ่งที่ส่งมาด้วย ๒ - ๓)"), "CIR004", ERROR, "(สิ่งที่ส่งมาด้วย ๒ - ๓)")


def test_cir004_a_single_unnumbered_enclosure(tmp_path):
    text = swap(LETTER, "สิ่งที่ส่งมาด้วย ๑. ทะเบียนจัดสรรกลุ่มเป้าหมาย\tจำนวน ๑ ฉบับ\n๒. แบบรายงานผล\tจำนวน ๑ ฉบับ\n",
                "สิ่งที่ส่งมาด้วย แบบรายงานผล จำนวน ๑ ฉบับ\n")
    text = swap(text, "ตามสิ่งที่ส่งมาด้วย ๑ และ ๒", "ตามสิ่งที่ส่งมาด้วย")
    one(tmp_path, text, "CIR004", ERROR, "(สิ่งที่ส่งมาด้วย ๒)")


def test_cir007_closing_does_not_match_the_salutation(tmp_path):
    one(tmp_path, swap(LETTER, "ขอแสดงความนับถือ", "ขอแสดงความนับถืออย่างยิ่ง"), "CIR007", ERROR, "ขอแสดงความนับถืออย่างยิ่ง")


def test_mtg001_meeting_number_year(tmp_path):
    one(tmp_path, swap(MINUTES, "ครั้งที่ ๑/๒๕๖๘", "ครั้งที่ ๑/๒๕๖๗"), "MTG001", ERROR, "ครั้งที่ ๑/๒๕๖๗")


def test_mtg002_end_before_start(tmp_path):
    one(tmp_path, swap(MINUTES, "เลิกประชุมเวลา ๑๒.๐๐ น.", "เลิกประชุมเวลา ๐๘.๓๐ น."), "MTG002", ERROR, "เลิกประชุมเวลา")


def test_mtg003_agenda_numbering(tmp_path):
    one(tmp_path, swap(MINUTES, "ระเบียบวาระที่ ๓", "ระเบียบวาระที่ ๔"), "MTG003", ERROR, "ระเบียบวาระที่ ๔")


def test_mtg004_stated_count_against_the_items_that_follow(tmp_path):
    text = swap(MINUTES, "จำนวน ๒ กิจกรรม", "จำนวน ๓ กิจกรรม")
    found = one(tmp_path, text, "MTG004", ERROR, "จำนวน ๓ กิจกรรม")
    assert "states 3 กิจกรรม but lists 2 items" in found.message


@pytest.mark.parametrize(
    "items",
    [
        "๑. อบรม\n๒. พัฒนา\n๓. ประกวด\n",
        "(๑) อบรม\n(๒) พัฒนา\n(๓) ประกวด\n",
        "- อบรม\n- พัฒนา\n- ประกวด\n",
        "กิจกรรมที่ ๑ อบรม\nรายละเอียดของกิจกรรมที่หนึ่ง\nกิจกรรมที่ ๒ พัฒนา\nกิจกรรมที่ ๓ ประกวด\n",
    ],
    ids=["numbers", "brackets", "bullets", "continued-item"],
)
def test_mtg004_list_styles(tmp_path, items):
    base = "แผนปฏิบัติการ จำนวน ๓ กิจกรรม ดังนี้\n" + items + "จึงเรียนมาเพื่อทราบ\n"
    none(tmp_path, base, "MTG004")
    one(tmp_path, swap(base, "จำนวน ๓", "จำนวน ๔"), "MTG004", ERROR, "จำนวน ๔")


def test_mtg004_a_count_not_leading_into_the_list_is_not_compared(tmp_path):
    text = "ได้รับเป้าหมาย จำนวน ๒๐ ผลิตภัณฑ์ จึงขอให้อำเภอดำเนินการ ดังนี้\n๑. คัดเลือก\n๒. รายงาน\n"
    none(tmp_path, text, "MTG004")


def test_mtg005_planned_period_outside_the_fiscal_year(tmp_path):
    text = swap(MINUTES, "มกราคม - มีนาคม ๒๕๖๘", "มกราคม - มีนาคม ๒๕๖๗")
    one(tmp_path, text, "MTG005", ERROR, "มกราคม - มีนาคม ๒๕๖๗")


def test_mtg005_past_references_are_not_plans(tmp_path):
    text = swap(MINUTES, "กิจกรรมที่ ๑ อบรมเครือข่าย", "กิจกรรมที่ ๑ อบรมเครือข่ายตามหนังสือ ลงวันที่ ๕ สิงหาคม ๒๕๖๖")
    none(tmp_path, text, "MTG005")


def test_reg001_row_sum(tmp_path):
    text = swap(TABLE, "๓\t๖๙๙\t๗๐๒", "๓\t๖๙๙\t๗๐๓")
    found = one(tmp_path, text, "REG001", ERROR, "แม่เมาะ")
    assert "๗๐๓" in found.message and "๗๐๒" in found.message


def test_reg002_column_total(tmp_path):
    one(tmp_path, swap(TABLE, "รวม\t๑๘\t๑,๐๕๔", "รวม\t๑๘\t๑,๐๕๕"), "REG002", ERROR, "รวม\t๑๘")


def test_reg003_total_row_sum(tmp_path):
    """Where a row's รวม cell and one of its parts are left empty the column cannot be added
    up, and the total row's รวม is compared with the totals of its parts instead."""
    gap = swap(TABLE, "๓\t๖๙๙\t๗๐๒", "๓\t\t")
    none(tmp_path, gap, "REG002")
    none(tmp_path, gap, "REG003")
    one(tmp_path, swap(gap, "๑,๐๗๒\t๙", "๑,๐๗๓\t๙"), "REG003", ERROR, "รวม\t๑๘")


def test_reg002_an_empty_sum_cell_is_computed_from_its_parts(tmp_path):
    computed = swap(TABLE, "๓\t๖๙๙\t๗๐๒", "๓\t๖๙๙\t")
    none(tmp_path, computed, "REG002")
    none(tmp_path, computed, "REG003")
    one(tmp_path, swap(computed, "๑,๐๗๒\t๙", "๑,๐๗๓\t๙"), "REG002", ERROR, "รวม\t๑๘")


def test_reg003_one_typo_in_a_total_row_is_one_finding(tmp_path):
    """As in ``check``: where the rows can be added up, REG002 speaks and REG003 stays quiet."""
    text = swap(TABLE, "๑,๐๗๒\t๙", "๑,๐๗๓\t๙")
    one(tmp_path, text, "REG002", ERROR, "รวม\t๑๘")
    none(tmp_path, text, "REG003")


def test_reg002_a_last_row_that_is_the_sum_of_the_others(tmp_path):
    """No รวม label: a last row that adds up the rows above in all but one column is a total
    row, and the odd column is reported (with fewer than three agreeing columns, nothing is)."""
    text = ("ปี\tอาหาร\tเครื่องดื่ม\tผ้า\tของใช้\n๒๕๖๕\t๑๐\t๑๒\t๕\t๗\n๒๕๖๖\t๑๑\t๑๓\t๖\t๘\n"
            "๒๕๖๗\t๑๒\t๑๔\t๗\t๙\n\t๓๓\t๓๙\t๑๘\t๒๔\n")
    none(tmp_path, text, "REG002")
    one(tmp_path, swap(text, "\t๓๓\t๓๙", "\t๓๓\t๔๐"), "REG002", ERROR, "\t๓๓\t๔๐")


def test_mtg004_sub_items_and_continuation_paragraphs_do_not_end_the_list(tmp_path):
    text = ("ขอให้ดำเนินการ จำนวน ๒ ข้อ ดังนี้\n๑. คัดเลือกผลิตภัณฑ์\n๑.๑ ระดับ ๑ - ๓ ดาว\n๑.๒ กลุ่ม D\n"
            "ทั้งนี้ ให้พิจารณาตามแนวทาง\n๒. รายงานผล\n")
    none(tmp_path, text, "MTG004")
    one(tmp_path, swap(text, "จำนวน ๒ ข้อ", "จำนวน ๓ ข้อ"), "MTG004", ERROR, "จำนวน ๓ ข้อ")


def test_mtg004_the_outer_list_going_on_is_not_an_item(tmp_path):
    """"๓. ... จำนวน ๓ ข้อ ดังนี้" then ๑. ๒. ๓. and the outer list's ๔.: three items, not four."""
    text = "๓. แนวทาง จำนวน ๓ ข้อ ดังนี้\n๑. หนึ่ง\n๒. สอง\n๓. สาม\n๔. ข้อต่อไปของรายการหลัก\n"
    none(tmp_path, text, "MTG004")


def test_txt004_thai_letter_numbering_is_not_a_bracket(tmp_path):
    none(tmp_path, "ขั้นตอน ดังนี้\nก) ลงทะเบียน\nข) รับเอกสาร\n", "TXT004")


def test_reg001_a_row_of_column_numbers_under_the_heading_is_not_data(tmp_path):
    text = "รายการ\tชาย\tหญิง\tรวม\n(1)\t2\t3\t4\nเมือง\t1\t2\t3\nลี้\t4\t5\t9\nรวม\t5\t7\t12\n".replace("(1)", "1")
    none(tmp_path, text, "REG001")
    none(tmp_path, text, "REG002")
