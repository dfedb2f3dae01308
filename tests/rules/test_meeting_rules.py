"""MTG001-MTG009: meetings and their minutes (รายงานการประชุม).

The base meeting is held on ๑๔ มกราคม ๒๕๖๘ (fiscal year ๒๕๖๘: ๑ ตุลาคม ๒๕๖๗ - ๓๐ กันยายน ๒๕๖๘).
"""

from __future__ import annotations

import pytest

from kbo_docs.findings import Severity

from ..helpers import MINIMAL, check_text, codes, line_of, replace_once
from .common import MEETING, none, one

ERROR, WARNING = Severity.ERROR, Severity.WARNING

NUMBER = "number: ๑/๒๕๖๘"
COUNT_TEXT = "แผนปฏิบัติการ จำนวน ${count} กิจกรรม ประกอบด้วย"
WHEN = "when: มกราคม - มีนาคม ๒๕๖๘"
PRESENT = "      - {name: นางสอง ทดสอบ, role: กรรมการ}\n"
ABSENT = "{name: นายสาม ทดสอบ, reason: ติดราชการ}"


def test_meeting_is_clean_with_every_rule():
    assert check_text(MEETING) == []


# MTG001 number-year --------------------------------------------------------------------------

WRONG_YEAR = replace_once(MEETING, NUMBER, "number: ๑/๒๕๖๗")


def test_mtg001_number_carries_another_year():
    found = one(WRONG_YEAR, "MTG001", ERROR, "number: ๑/๒๕๖๗")
    assert "๒๕๖๗" in found.message and "2568" in found.message


def test_mtg001_names_both_years_it_would_accept():
    text = replace_once(MEETING, "date: ๑๔ มกราคม ๒๕๖๘", "date: ๑๕ ตุลาคม ๒๕๖๗")
    found = one(replace_once(text, NUMBER, "number: ๑/๒๕๖๖"), "MTG001", ERROR, "number: ๑/๒๕๖๖")
    assert "2567 or the fiscal year 2568" in found.message and "ปีงบประมาณ ๒๕๖๘" in found.message


@pytest.mark.parametrize(
    ("date", "number", "fires"),
    [
        pytest.param("๑๕ ตุลาคม ๒๕๖๗", "๑/๒๕๖๘", False, id="october-numbered-by-fiscal-year"),
        pytest.param("๑๕ ตุลาคม ๒๕๖๗", "๑/๒๕๖๖", True, id="october-neither-year"),
        pytest.param("๑๕ ตุลาคม ๒๕๖๗", "๓/๒๕๖๗", False, id="october-numbered-by-calendar-year"),
        pytest.param("๓๑ ธันวาคม ๒๕๖๗", "๔/๒๕๖๗", False, id="last-day-of-the-year"),
        pytest.param("๑ มกราคม ๒๕๖๘", "๔/๒๕๖๗", True, id="new-year-keeps-old-number"),
        pytest.param("๑๔ มกราคม ๒๕๖๘", "1/2568", False, id="arabic-digits"),
        pytest.param("๑๔ มกราคม ๒๕๖๘", "๑ / ๒๕๖๘", False, id="spaced"),
    ],
)
def test_mtg001_calendar_year_edges(date, number, fires):
    text = replace_once(MEETING, "date: ๑๔ มกราคม ๒๕๖๘", f"date: {date}")
    text = replace_once(text, NUMBER, f"number: {number}")
    if fires:
        one(text, "MTG001", ERROR, f"number: {number}")
    else:
        none(text, "MTG001")


def test_mtg001_silenced_by_noqa_on_the_meeting():
    text = replace_once(WRONG_YEAR, "  - id: m1\n", "  - id: m1\n    noqa: {MTG001: numbered by fiscal year}\n")
    none(text, "MTG001")
    assert check_text(text) == []


def test_mtg001_silenced_by_noqa_for_the_whole_file():
    text = WRONG_YEAR + "noqa:\n  MTG001: the committee numbers its meetings by fiscal year\n"
    none(text, "MTG001")


def test_mtg001_noqa_for_another_rule_does_not_silence_it():
    text = replace_once(WRONG_YEAR, "  - id: m1\n", "  - id: m1\n    noqa: {MTG007: quorum rule of the committee}\n")
    one(text, "MTG001", ERROR, "number: ๑/๒๕๖๗")


def test_mtg001_noqa_on_one_meeting_does_not_silence_another():
    second = WRONG_YEAR[WRONG_YEAR.index("  - id: m1"):].replace("id: m1", "id: m2")
    text = replace_once(WRONG_YEAR, "  - id: m1\n", "  - id: m1\n    noqa: {MTG001: numbered by fiscal year}\n")
    text += second
    m2 = text.index("id: m2")
    m2_number_line = text.count("\n", 0, text.index("number: ๑/๒๕๖๗", m2)) + 1
    findings = check_text(text, select={"MTG001"})
    assert [(f.rule, f.line) for f in findings] == [("MTG001", m2_number_line)]


# MTG002 start-before-end ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("end", "fires"),
    [
        pytest.param("๐๘.๓๐ น.", True, id="before-the-start"),
        pytest.param("๐๙.๐๐ น.", True, id="same-as-the-start"),
        pytest.param("09:00", True, id="same-as-the-start-colon"),
        pytest.param("๐๙.๐๑ น.", False, id="a-minute-later"),
        pytest.param("๑๖.๓๐ น.", False, id="afternoon"),
    ],
)
def test_mtg002_end_after_start(end, fires):
    text = replace_once(MEETING, "end: ๑๒.๐๐ น.", f'end: "{end}"')
    if fires:
        one(text, "MTG002", ERROR, f'end: "{end}"')
    else:
        none(text, "MTG002")


def test_mtg002_no_end_time_is_fine():
    none(replace_once(MEETING, "    end: ๑๒.๐๐ น.\n", ""), "MTG002")


# MTG003 agenda-order -------------------------------------------------------------------------


def test_mtg003_agenda_number_out_of_order():
    text = replace_once(MEETING, "number: ๒\n", "number: ๓\n")
    found = one(text, "MTG003", ERROR, "number: ๓\n")
    assert "๓" in found.message and "๒" in found.message


def test_mtg003_repeated_number():
    text = replace_once(MEETING, "number: ๒\n", "number: ๑\n")
    one(text, "MTG003", ERROR, "number: ๑\n        title: เรื่องเพื่อพิจารณา")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("      - number: ๑\n        title:", "      - title:", id="first-left-out"),
        pytest.param("      - number: ๒\n        title:", "      - title:", id="second-left-out"),
        pytest.param("number: ๒\n", "number: 2\n", id="arabic-digit"),
    ],
)
def test_mtg003_silent(old, new):
    none(replace_once(MEETING, old, new), "MTG003")


# MTG004 stated-count (the base plan lists two activities under ``จำนวน ${count} กิจกรรม``) -----


@pytest.mark.parametrize("typed", ["จำนวน ๓ กิจกรรม", "จำนวน ๑ กิจกรรม", "จำนวน 3 กิจกรรม"])
def test_mtg004_typed_count_differs_from_the_items(typed):
    text = replace_once(MEETING, "จำนวน ${count} กิจกรรม", typed)
    found = one(text, "MTG004", ERROR, typed)
    assert "๒" in found.message


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("จำนวน ${count} กิจกรรม", id="reference"),
        pytest.param("จำนวน ๒ กิจกรรม", id="typed-right"),
        pytest.param("จำนวน 2 กิจกรรม", id="typed-right-arabic"),
        pytest.param("สองกิจกรรม", id="no-stated-count"),
    ],
)
def test_mtg004_silent(typed):
    none(replace_once(MEETING, "จำนวน ${count} กิจกรรม", typed), "MTG004")


def test_mtg004_count_inside_a_folded_block_is_reported_at_its_own_line():
    block = ">-\n              แผนปฏิบัติการโครงการส่งเสริมเครือข่ายองค์ความรู้\n              จำนวน ๓ กิจกรรม ประกอบด้วย"
    text = replace_once(MEETING, COUNT_TEXT, block)
    one(text, "MTG004", ERROR, "จำนวน ๓ กิจกรรม")


def test_mtg004_point_without_items_states_what_it_likes():
    text = replace_once(MEETING, "title: เรื่องประธานแจ้งให้ทราบ", "title: เรื่องประธานแจ้งให้ทราบ\n        items: [มีผู้เข้าร่วม จำนวน ๔๒ ราย]")
    none(text, "MTG004")


def test_mtg004_count_followed_by_a_comma_does_not_crash():
    text = replace_once(MEETING, COUNT_TEXT, "แผนปฏิบัติการ จำนวน ๓, ประกอบด้วย")
    one(text, "MTG004", ERROR, "จำนวน ๓, ประกอบด้วย")


# MTG005 plan-in-fiscal-year ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "outside"),
    [
        pytest.param("ตุลาคม ๒๕๖๗ - กันยายน ๒๕๖๘", False, id="whole-year"),
        pytest.param("๑ ตุลาคม ๒๕๖๗", False, id="first-day"),
        pytest.param("๓๐ กันยายน ๒๕๖๘", False, id="last-day"),
        pytest.param("พฤศจิกายน - มกราคม ๒๕๖๘", False, id="across-new-year"),
        pytest.param("๓๐ กันยายน ๒๕๖๗", True, id="day-before"),
        pytest.param("๑ ตุลาคม ๒๕๖๘", True, id="day-after"),
        pytest.param("๓๐ กันยายน - ๑ ตุลาคม ๒๕๖๘", True, id="runs-past-the-end"),
        pytest.param("กันยายน - ตุลาคม ๒๕๖๗", True, id="starts-before"),
        pytest.param("มกราคม - มีนาคม ๒๕๖๗", True, id="a-year-early"),
    ],
)
def test_mtg005_period_at_the_fiscal_year_edges(when, outside):
    text = replace_once(MEETING, WHEN, f"when: {when}")
    if outside:
        found = one(text, "MTG005", ERROR, f"when: {when}")
        assert "๒๕๖๘" in found.message
    else:
        none(text, "MTG005")


# MTG006 present-and-absent -------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("นางสอง ทดสอบ", id="same"),
        pytest.param("นางสองทดสอบ", id="space-left-out"),
        pytest.param("นางสอง  ทดสอบ", id="double-space"),
        pytest.param("นาง สอง ทดสอบ", id="extra-space"),
    ],
)
def test_mtg006_listed_present_and_absent(name):
    text = replace_once(MEETING, ABSENT, f"{{name: {name}, reason: ติดราชการ}}")
    one(text, "MTG006", ERROR, f"{{name: {name}, reason")


def test_mtg006_different_people_are_fine():
    none(MEETING, "MTG006")
    none(replace_once(MEETING, ABSENT, "{name: นางสอง ทดลอง, reason: ติดราชการ}"), "MTG006")


def test_mtg006_absent_by_position_only_is_fine():
    none(replace_once(MEETING, ABSENT, "{position: ปลัดจังหวัดลำปาง, reason: ติดราชการ}"), "MTG006")


# MTG007 quorum (the base meeting has two members present) ------------------------------------


@pytest.mark.parametrize(
    ("members", "fires"),
    [
        pytest.param("๔", False, id="exactly-half"),
        pytest.param("๓", False, id="more-than-half"),
        pytest.param("๒", False, id="all"),
        pytest.param("๕", True, id="less-than-half-odd"),
        pytest.param("๖", True, id="less-than-half-even"),
    ],
)
def test_mtg007_at_least_half_present(members, fires):
    text = replace_once(MEETING, "members: ๔", f"members: {members}")
    if fires:
        found = one(text, "MTG007", WARNING, "present:")
        assert f"๒ จาก {members}" in found.message
    else:
        none(text, "MTG007")


def test_mtg007_one_less_than_half():
    text = replace_once(MEETING, PRESENT, "")
    one(text, "MTG007", WARNING, "present:")


def test_mtg007_substitute_counts_as_present():
    text = replace_once(MEETING, "members: ๔", "members: ๖")
    text = replace_once(text, PRESENT, PRESENT + "      - {name: นายห้า ทดสอบ, substitute_for: นายสาม ทดสอบ}\n")
    none(text, "MTG007")


def test_mtg007_unknown_committee_size_is_fine():
    none(replace_once(MEETING, "    members: ๔\n", ""), "MTG007")


# MTG008 minutes-vocabulary -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "avoid"),
    [
        pytest.param("opening: ประธานกล่าวเปิดการประชุม", "opening: เปิดประชุมเวลา ๐๙.๐๐ น.", "เปิดประชุมเวลา", id="opening"),
        pytest.param("committee: คณะกรรมการ", "committee: บันทึกการประชุมคณะกรรมการ", "บันทึกการประชุม", id="committee"),
        pytest.param("title: เรื่องประธานแจ้งให้ทราบ", "title: ปิดประชุมเวลา ๑๒.๐๐ น.", "ปิดประชุมเวลา", id="agenda-title"),
        pytest.param(
            "กิจกรรมที่ ๒ พัฒนาผลิตภัณฑ์", "กิจกรรมที่ ๒ แจ้งผู้ที่ไม่เข้าประชุม", "ผู้ที่ไม่เข้าประชุม", id="nested-point"
        ),
        pytest.param(
            "แผนปฏิบัติการ จำนวน", "ผู้บันทึกรายงานการประชุม เสนอแผนปฏิบัติการ จำนวน", "ผู้บันทึกรายงานการประชุม",
            id="point",
        ),
    ],
)
def test_mtg008_words_to_avoid(old, new, avoid):
    text = replace_once(MEETING, old, new)
    findings = check_text(text, select={"MTG008"})
    assert findings and set(codes(findings)) == {"MTG008"}
    assert {(f.line, f.severity) for f in findings} == {(line_of(text, new), WARNING)}
    assert any(f"instead of '{avoid}'" in f.message for f in findings)


def test_mtg008_word_inside_a_folded_block_is_reported_at_its_own_line():
    block = "opening: >-\n      ประธานกล่าวต้อนรับคณะกรรมการ\n      และขอเริ่มการประชุม บันทึกการประชุมนี้"
    text = replace_once(MEETING, "opening: ประธานกล่าวเปิดการประชุม", block)
    one(text, "MTG008", WARNING, "บันทึกการประชุมนี้")


def test_mtg008_เปิดประชุมเวลา_gets_one_warning():
    text = replace_once(MEETING, "opening: ประธานกล่าวเปิดการประชุม", "opening: เปิดประชุมเวลา ๐๙.๐๐ น.")
    found = one(text, "MTG008", WARNING, "opening: เปิดประชุมเวลา")
    assert "เริ่มประชุมเวลา" in found.message


@pytest.mark.parametrize(
    "opening",
    ["ประธานกล่าวเปิดการประชุม", "เริ่มประชุมเวลา ๐๙.๐๐ น.", "รายงานการประชุมครั้งที่แล้ว ผู้จดรายงานการประชุมเสนอ"],
)
def test_mtg008_regulation_words_are_fine(opening):
    none(replace_once(MEETING, "opening: ประธานกล่าวเปิดการประชุม", f"opening: {opening}"), "MTG008")


# MTG009 recorder -----------------------------------------------------------------------------

RECORDER = "    recorder: {name: นางสาวสี่ ทดสอบ, position: นักวิชาการพัฒนาชุมชน}\n"


def test_mtg009_no_recorder():
    text = replace_once(MEETING, RECORDER, "")
    one(text, "MTG009", WARNING, "- id: m1")


@pytest.mark.parametrize(
    "recorder",
    [RECORDER, "    recorder: {position: นักวิชาการพัฒนาชุมชน}\n"],
    ids=["named", "by-position"],
)
def test_mtg009_recorder_named(recorder):
    none(replace_once(MEETING, RECORDER, recorder), "MTG009")


def test_meeting_rules_do_not_run_without_meetings():
    findings = check_text(MINIMAL, select={f"MTG00{i}" for i in range(1, 10)})
    assert codes(findings) == []
