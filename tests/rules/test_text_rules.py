"""TXT001-TXT008: every piece of text in the file."""

from __future__ import annotations

import pytest

from kbo_docs.findings import Severity

from ..helpers import MINIMAL, check_text, codes, line_of, replace_once
from .common import CIRCULAR, MEETING, REGISTER, none, one

ERROR, WARNING = Severity.ERROR, Severity.WARNING

NAME = "name: โครงการทดสอบ"
BODY = "      - ตามสิ่งที่ส่งมาด้วย ๑ และ ๒ ขอให้อำเภอดำเนินการ\n"


def with_name(name: str) -> str:
    """MINIMAL with the project's name written as ``name`` (YAML source text)."""
    return replace_once(MINIMAL, NAME, f"name: {name}")


def with_body(*lines: str) -> str:
    """The base circular with its body as a ``>-`` block of ``lines``."""
    block = "      - >-\n" + "".join(f"        {line}\n" for line in lines)
    return replace_once(CIRCULAR, BODY, block)


def with_note(note: str) -> str:
    """The base register with one note under the table."""
    return REGISTER + f"    notes:\n      - {note}\n"


def test_text_in_every_document_is_clean():
    text = with_name('"โครงการส่งเสริมสินค้าOTOP (Knowledge-Based OTOP : KBO) ปี ${fiscal_year} ราคา $${price}"')
    assert check_text(text) == []


# TXT001 foreign-script -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "script"),
    [
        pytest.param("ถนนวชิรवारुฒิดำเนิน", "DEVANAGARI", id="devanagari"),
        pytest.param("ผลิตภัณฑ์ชุ\u0ea1ชน", "LAO", id="lao-letter"),
        pytest.param("สินค\u0eb2", "LAO", id="lao-vowel"),
        pytest.param("ชุม\u1797ชน", "KHMER", id="khmer"),
    ],
)
def test_txt001_letters_of_another_script_in_a_thai_word(word, script):
    text = with_name(f"โครงการ {word}")
    found = one(text, "TXT001", ERROR, word)
    assert script in found.message and word in found.message


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("โครงการพัฒนาสินค้าOTOP", id="latin-inside-a-thai-word"),
        pytest.param("โครงการ OTOP Knowledge-Based", id="latin-words"),
        pytest.param("โครงการ Café ชุมชน", id="latin-with-accent"),
        pytest.param('"โครงการ (Knowledge – Based OTOP : KBO)"', id="punctuation"),
        pytest.param("โครงการ ๑-๓ ดาว", id="thai-digits"),
    ],
)
def test_txt001_thai_and_latin_are_fine(name):
    none(with_name(name), "TXT001")


def test_txt001_inside_a_folded_block_is_reported_at_its_own_line():
    text = with_body("ด้วยจังหวัดลำปางได้รับแจ้งจากกรมการพัฒนาชุมชน", "ว่าศาลากลางตั้งอยู่ที่ถนนวชิรवारुฒิดำเนิน", "จึงขอแจ้งให้ทราบ")
    one(text, "TXT001", ERROR, "ถนนวชิรवारुฒิดำเนิน")


# TXT002 mixed-digits -------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["25๖๘", "๒๕68", "๑,000", "1.๕"])
def test_txt002_number_mixes_digits(number):
    text = with_name(f"โครงการทดสอบ ปี {number}")
    found = one(text, "TXT002", ERROR, number)
    assert number in found.message


@pytest.mark.parametrize("number", ["๒๕๖๘", "2568", "๑,๐๐๐", "25 ๖๘"])
def test_txt002_one_digit_system_per_number(number):
    none(with_name(f"โครงการทดสอบ ปี {number}"), "TXT002")


def test_txt002_inside_a_folded_block_is_reported_at_its_own_line():
    text = with_body("ด้วยจังหวัดลำปางได้รับแจ้งจากกรมการพัฒนาชุมชน", "ให้ดำเนินโครงการในปีงบประมาณ 25๖๘", "จึงขอแจ้งให้ทราบ")
    one(text, "TXT002", ERROR, "25๖๘")


# TXT003 double-space -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("นายเจริญ  สีวาโย", id="two-spaces"),
        pytest.param('"นายเจริญ\\u00a0 สีวาโย"', id="nbsp-and-space"),
        pytest.param('"นายเจริญ\\u00a0\\u00a0สีวาโย"', id="two-nbsp"),
    ],
)
def test_txt003_doubled_space(name):
    text = replace_once(CIRCULAR, "name: นางสาวทดสอบ ระบบดี", f"name: {name}")
    one(text, "TXT003", WARNING, f"name: {name}")


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("นายเจริญ สีวาโย", id="one-space"),
        pytest.param('"  นายเจริญ สีวาโย  "', id="padding-is-stripped"),
    ],
)
def test_txt003_single_spaces_are_fine(name):
    none(replace_once(CIRCULAR, "name: นางสาวทดสอบ ระบบดี", f"name: {name}"), "TXT003")


def test_txt003_in_a_data_file_three_spaces_are_still_doubled_but_a_heading_gap_is_layout():
    """A data file has no columns to align (layout comes from the template): three spaces are a
    doubled space there; the gap after a heading word opening a text is layout everywhere."""
    one(replace_once(CIRCULAR, "name: นางสาวทดสอบ ระบบดี", "name: นางสาวทดสอบ   ระบบดี"), "TXT003", WARNING,
        "name: นางสาวทดสอบ   ระบบดี")
    none(with_body("อ้างถึง  หนังสือจังหวัดลำปาง ที่ ลป ๐๐๑๗.๓/ว ๑๒๓"), "TXT003")


def test_txt003_inside_a_folded_block_is_reported_at_its_own_line():
    text = with_body("ด้วยจังหวัดลำปางได้รับแจ้งจากกรมการพัฒนาชุมชน", "ว่าได้กำหนดดำเนินโครงการ  ส่งเสริมเครือข่าย", "จึงขอแจ้งให้ทราบ")
    one(text, "TXT003", WARNING, "ดำเนินโครงการ  ส่งเสริม")


# TXT004 unbalanced-brackets ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        pytest.param('"โครงการ (Knowledge-Based OTOP : KBO"', id="not-closed"),
        pytest.param('"โครงการ Knowledge-Based OTOP : KBO)"', id="not-opened"),
        pytest.param('"โครงการ [KBO)"', id="mismatched"),
        pytest.param('"โครงการ (KBO))"', id="closed-twice"),
    ],
)
def test_txt004_unbalanced(name):
    one(with_name(name), "TXT004", WARNING, name)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param('"โครงการ (Knowledge-Based OTOP : KBO)"', id="pair"),
        pytest.param('"โครงการ (KBO [จังหวัด]) ปี ๒๕๖๘"', id="nested"),
        pytest.param("โครงการ ${project_short}", id="braces-are-references"),
    ],
)
def test_txt004_balanced(name):
    none(with_name(name), "TXT004")


def test_txt004_in_a_circular_action():
    typed = "ส่งแบบรายงานผลภายในวันที่ ${deadline} (สิ่งที่ส่งมาด้วย ๒"
    text = replace_once(CIRCULAR, "ส่งแบบรายงานผลภายในวันที่ ${deadline}", typed)
    one(text, "TXT004", WARNING, typed)


# TXT005 control-character --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("escaped", "code_point"),
    [
        pytest.param("\\x07", "U+0007", id="bell"),
        pytest.param("\\x1b", "U+001B", id="escape"),
        pytest.param("\\0", "U+0000", id="nul"),
    ],
)
def test_txt005_control_character_from_a_yaml_escape(escaped, code_point):
    text = replace_once(CIRCULAR, "subject: การดำเนินโครงการทดสอบ", f'subject: "เรื่อง{escaped}ทดสอบ"')
    found = one(text, "TXT005", ERROR, "subject:")
    assert code_point in found.message


@pytest.mark.parametrize(
    "subject",
    [
        pytest.param('"เรื่อง ทดสอบ"', id="plain"),
        pytest.param('"เรื่อง\\u200bทดสอบ"', id="zero-width-space-is-format-not-control"),
        pytest.param(">-\n      เรื่อง\n      ทดสอบ", id="folded-lines-join-with-spaces"),
    ],
)
def test_txt005_no_control_characters(subject):
    none(replace_once(CIRCULAR, "subject: การดำเนินโครงการทดสอบ", f"subject: {subject}"), "TXT005")


# TXT006 unknown-reference --------------------------------------------------------------------


@pytest.mark.parametrize(
    "ref",
    [
        pytest.param("${fiscal_yr}", id="misspelt"),
        pytest.param("${Project}", id="case"),
        pytest.param("${}", id="empty"),
        pytest.param("$${x} ${nope}", id="after-an-escape"),
    ],
)
def test_txt006_unknown_name(ref):
    text = with_name(f'"โครงการทดสอบ {ref}"')
    found = one(text, "TXT006", ERROR, ref)
    assert "unknown reference" in found.message


@pytest.mark.parametrize(
    "ref",
    [
        pytest.param("${fiscal_year}", id="fiscal-year"),
        pytest.param("${ fiscal_year }", id="spaced"),
        pytest.param("${project_short}", id="project-short"),
        pytest.param("$${fiscal_yr}", id="escaped"),
        pytest.param("$$", id="dollars"),
    ],
)
def test_txt006_known_or_escaped(ref):
    none(with_name(f'"โครงการทดสอบ {ref}"'), "TXT006")


@pytest.mark.parametrize(
    ("ref", "known"),
    [
        pytest.param("${reg.total.quad}", True, id="column-total"),
        pytest.param("${reg.total.total}", True, id="sum-column-total"),
        pytest.param("${reg.rows}", True, id="rows"),
        pytest.param("${reg.total.quads}", False, id="no-such-column"),
        pytest.param("${regs.total.quad}", False, id="no-such-register"),
        pytest.param("${reg.total}", False, id="no-column"),
    ],
)
def test_txt006_register_references(ref, known):
    text = with_note(f"เป้ารวม {ref} ผลิตภัณฑ์")
    if known:
        none(text, "TXT006")
    else:
        one(text, "TXT006", ERROR, ref)


def test_txt006_deadline_is_known_only_in_an_action_with_a_deadline():
    none(CIRCULAR, "TXT006")
    without = replace_once(CIRCULAR, "        deadline: ๒๐ ธันวาคม ๒๕๖๗\n", "")
    one(without, "TXT006", ERROR, "${deadline}")
    in_body = replace_once(CIRCULAR, "ขอให้อำเภอดำเนินการ", "ขอให้อำเภอดำเนินการภายในวันที่ ${deadline}")
    one(in_body, "TXT006", ERROR, "ขอให้อำเภอดำเนินการภายในวันที่ ${deadline}")


def test_txt006_count_and_when_are_known_only_where_they_have_a_value():
    none(MEETING, "TXT006")
    no_items = replace_once(MEETING, "title: เรื่องประธานแจ้งให้ทราบ", "title: เรื่องประธานแจ้งให้ทราบ\n        items:\n          - มีเรื่องแจ้ง จำนวน ${count} เรื่อง")
    one(no_items, "TXT006", ERROR, "${count} เรื่อง")
    no_when = replace_once(MEETING, "\n                when: ๑๘ - ๑๙ มกราคม ๒๕๖๘", "")
    one(no_when, "TXT006", ERROR, "อบรมเครือข่าย ระหว่างวันที่ ${when}")


def test_txt006_inside_a_folded_block_is_reported_at_its_own_line():
    text = with_body("ด้วยจังหวัดลำปางได้รับแจ้งจากกรมการพัฒนาชุมชน", "ให้ดำเนินโครงการในปีงบประมาณ ${fiscal_yaer}", "จึงขอแจ้งให้ทราบ")
    one(text, "TXT006", ERROR, "${fiscal_yaer}")


# TXT007 arabic-digits-in-prose ---------------------------------------------------------------

PROSE = "โครงการทดสอบ ระดับ 1 - 3 ดาว"


@pytest.mark.parametrize(
    "digits",
    [pytest.param("", id="default-is-thai"), pytest.param("  digits: thai\n", id="thai")],
)
def test_txt007_arabic_digits_in_a_thai_digit_document(digits):
    text = replace_once(with_name(PROSE), "project:\n", f"{digits}project:\n")
    found = one(text, "TXT007", WARNING, PROSE)
    assert "1, 3" in found.message


@pytest.mark.parametrize(
    ("digits", "name"),
    [
        pytest.param("  digits: arabic\n", PROSE, id="arabic-document"),
        pytest.param("", "โครงการทดสอบ ระดับ ๑ - ๓ ดาว", id="thai-digits"),
        pytest.param("", "โครงการทดสอบ OTOP KBO", id="no-digits"),
    ],
)
def test_txt007_silent(digits, name):
    text = replace_once(with_name(name), "project:\n", f"{digits}project:\n")
    none(text, "TXT007")


def test_txt007_inside_a_folded_block_is_reported_at_its_own_line():
    text = with_body("ด้วยจังหวัดลำปางได้รับแจ้งจากกรมการพัฒนาชุมชน", "ให้คัดเลือกผลิตภัณฑ์ จำนวน 20 ผลิตภัณฑ์", "จึงขอแจ้งให้ทราบ")
    one(text, "TXT007", WARNING, "จำนวน 20 ผลิตภัณฑ์")


def test_txt007_reference_names_are_not_prose():
    text = replace_once(REGISTER, "id: reg", "id: kbo68") + "    notes:\n      - เป้ารวม ${kbo68.total.target} ผลิตภัณฑ์\n"
    assert check_text(text) == []


def test_text_rules_see_register_rows_and_meeting_people():
    register = replace_once(REGISTER, "[แม่เมาะ,", "[แม่  เมาะ,")
    assert ("TXT003", line_of(register, "[แม่  เมาะ,")) in {(f.rule, f.line) for f in check_text(register)}
    meeting = replace_once(MEETING, "{name: นายสาม ทดสอบ", "{name: นายสาม ทดสอบ 2")
    found = check_text(meeting, select={"TXT007"})
    assert codes(found) == ["TXT007"] and found[0].line == line_of(meeting, "นายสาม ทดสอบ 2")


# TXT008 spaces-around-text -------------------------------------------------------------------

SUBJECT = "subject: การดำเนินโครงการทดสอบ"


@pytest.mark.parametrize(
    ("subject", "says"),
    [
        pytest.param('"   การดำเนินโครงการทดสอบ"', "before or after", id="leading-spaces"),
        pytest.param('"\\tการดำเนินโครงการทดสอบ"', "before or after", id="leading-tab"),
        pytest.param('"การดำเนินโครงการทดสอบ \\t "', "before or after", id="trailing-space-and-tab"),
        pytest.param('"การดำเนิน\\tโครงการทดสอบ"', "a tab inside", id="tab-inside"),
        pytest.param("|2\n        การดำเนินโครงการทดสอบ", "before or after", id="block-with-indentation-indicator"),
    ],
)
def test_txt008_spaces_or_tabs_the_print_drops(subject, says):
    text = replace_once(CIRCULAR, SUBJECT, f"subject: {subject}")
    found = one(text, "TXT008", WARNING, "subject:")
    assert says in found.message and "remove them" in found.message
    assert found.message.index("ลบออก") < found.message.index(" / ")


def test_txt008_a_cell_of_a_row_written_as_a_list_at_its_line():
    text = replace_once(REGISTER, "- [แม่เมาะ,", '- [" แม่เมาะ\\t",')
    one(text, "TXT008", WARNING, "แม่เมาะ")


@pytest.mark.parametrize(
    "subject",
    [
        pytest.param("การดำเนินโครงการทดสอบ", id="plain"),
        pytest.param('"การดำเนินโครงการทดสอบ"', id="quoted"),
        pytest.param("|\n      การดำเนิน\n      โครงการทดสอบ", id="literal-block-ends-with-a-line-break"),
        pytest.param(">-\n      การดำเนิน\n      โครงการทดสอบ", id="folded"),
        pytest.param('"การดำเนินโครงการทดสอบ\\n"', id="line-break-is-no-space"),
    ],
)
def test_txt008_text_as_printed(subject):
    none(replace_once(CIRCULAR, SUBJECT, f"subject: {subject}"), "TXT008")


def test_txt008_spaces_yaml_drops_itself_are_not_reported():
    text = replace_once(CIRCULAR, SUBJECT, SUBJECT + "   ")  # a plain scalar: YAML drops these itself
    none(text, "TXT008")
