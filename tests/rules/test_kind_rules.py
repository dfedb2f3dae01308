"""Rules of the kinds memo, order, invitation, announcement, and the letter number's parts.

Each test starts from a sample in samples/ (which checks clean, see tests/test_samples.py),
puts one typical mistake into it and expects its rule, alone, at the mistake's line."""

from __future__ import annotations

import pytest

from kbo_docs.findings import Severity

from ..helpers import ROOT, replace_once
from .common import CIRCULAR, none, one

ERROR, WARNING = Severity.ERROR, Severity.WARNING
SAMPLES = ROOT / "samples"
MEMO = (SAMPLES / "lampang-kbo-2568-memo.yaml").read_text(encoding="utf-8")
ORDER = (SAMPLES / "lampang-kbo-2568-order.yaml").read_text(encoding="utf-8")
INVITATION = (SAMPLES / "lampang-kbo-2568-invitation.yaml").read_text(encoding="utf-8")
ANNOUNCEMENT = (SAMPLES / "lampang-kbo-2568-announcement.yaml").read_text(encoding="utf-8")


# ---------------------------------------------------------------- บันทึกข้อความ

def test_mem001_closing_in_a_memo():
    bad = replace_once(MEMO, "      - จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติแผนการดำเนินงานดังกล่าว\n",
                       "      - จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติแผนการดำเนินงานดังกล่าว\n      - ขอแสดงความนับถือ\n")
    found = one(bad, "MEM001", ERROR, "- ขอแสดงความนับถือ")
    assert "ขอแสดงความนับถือ" in found.message
    none(MEMO, "MEM001")


def test_mem002_running_number_missing_is_its_own_finding():
    bad = replace_once(MEMO, "number: {owner: ลป ๐๐๑๙.๓, running: ๑๑๘}", "number: {owner: ลป ๐๐๑๙.๓}")
    found = one(bad, "MEM002", WARNING, "number: {owner: ลป ๐๐๑๙.๓}")
    assert "เลขทะเบียนหนังสือส่ง" in found.message and "running number" in found.message
    none(MEMO, "MEM002")


def test_mem003_memo_date_outside_the_fiscal_year():
    bad = replace_once(MEMO, "date: ๒๗ ธันวาคม ๒๕๖๗", "date: ๒๗ ธันวาคม ๒๕๖๘")
    one(bad, "MEM003", WARNING, "date: ๒๗ ธันวาคม ๒๕๖๘")
    none(MEMO, "MEM003")


# ---------------------------------------------------------------- คำสั่ง

def test_ord001_clause_numbers_in_order():
    bad = replace_once(ORDER, "      - text: คณะกรรมการเครือข่าย", "      - number: ๒\n        text: คณะกรรมการเครือข่าย")
    found = one(bad, "ORD001", ERROR, "- number: ๒")
    assert "๒" in found.message and "๑" in found.message
    none(ORDER, "ORD001")


def test_ord002_two_chairs():
    bad = replace_once(ORDER, "{position: พาณิชย์จังหวัดลำปาง, role: กรรมการ}", "{position: พาณิชย์จังหวัดลำปาง, role: ประธานกรรมการ}")
    one(bad, "ORD002", ERROR, "พาณิชย์จังหวัดลำปาง, role: ประธานกรรมการ")
    none(ORDER, "ORD002")


def test_ord002_no_chair():
    bad = replace_once(ORDER, "role: ประธานกรรมการ}", "role: รองประธานกรรมการ}")
    one(bad, "ORD002", ERROR, "members:")


def test_ord003_two_secretaries():
    bad = replace_once(ORDER, "role: กรรมการและผู้ช่วยเลขานุการ}", "role: กรรมการและเลขานุการ}")
    found = one(bad, "ORD003", ERROR, "หัวหน้ากลุ่มงานส่งเสริมการพัฒนาชุมชน, role: กรรมการและเลขานุการ")
    assert "ผู้ช่วยเลขานุการ" in found.message
    none(ORDER, "ORD003")


def test_ord004_order_year_is_the_year_of_its_date():
    bad = replace_once(ORDER, "number: ๑๒/๒๕๖๘", "number: ๑๒/๒๕๖๗")
    one(bad, "ORD004", ERROR, "number: ๑๒/๒๕๖๗")
    none(ORDER, "ORD004")


def test_ord005_effective_before_the_order():
    bad = replace_once(ORDER, "effective: ๘ มกราคม ๒๕๖๘", "effective: ๑ มกราคม ๒๕๖๘")
    one(bad, "ORD005", ERROR, "effective: ๑ มกราคม ๒๕๖๘")
    none(ORDER, "ORD005")


def test_ord006_issuer_repeats_the_word():
    bad = replace_once(ORDER, "subject: แต่งตั้ง", "issuer: คำสั่งจังหวัดลำปาง\n    subject: แต่งตั้ง")
    one(bad, "ORD006", ERROR, "issuer: คำสั่งจังหวัดลำปาง")
    none(ORDER, "ORD006")


def test_ord007_order_date_outside_the_fiscal_year():
    bad = replace_once(ORDER, "    date: ๘ มกราคม ๒๕๖๘", "    date: ๘ มกราคม ๒๕๖๙")
    one(bad, "ORD007", WARNING, "    date: ๘ มกราคม ๒๕๖๙")
    none(ORDER, "ORD007")


# ---------------------------------------------------------------- หนังสือเชิญประชุม

def test_inv001_unknown_meeting():
    bad = replace_once(INVITATION, "meeting: kbo68-meeting-1", "meeting: kbo68-meeting-one")
    found = one(bad, "INV001", ERROR, "meeting: kbo68-meeting-one")
    assert "kbo68-meeting-1" in found.message  # names the meetings there are
    none(INVITATION, "INV001")


def test_inv002_meeting_before_the_letter():
    bad = replace_once(INVITATION, "date: ๑๐ มกราคม ๒๕๖๘", "date: ๒๓ มกราคม ๒๕๖๘")
    one(bad, "INV002", ERROR, "date: ๒๓ มกราคม ๒๕๖๘")
    none(INVITATION, "INV002")


@pytest.mark.parametrize("typed, wrong", [
    ("ใน${meeting.weekday} เวลา ${meeting.start}", "ในวันพุธที่ ๒๒ มกราคม ๒๕๖๘ เวลา ๐๙.๐๐ น."),
    ("ใน${meeting.weekday} เวลา ${meeting.start}", "ในวันอังคารที่ ๒๑ มกราคม ๒๕๖๘ เวลา ๐๙.๓๐ น."),
    ("ณ ${meeting.venue}", "ณ ห้องประชุมเขลางค์นคร ศาลากลางจังหวัดลำปาง"),
], ids=["time", "date", "room"])
def test_inv003_date_time_room_typed_differently(typed, wrong):
    bad = replace_once(INVITATION, typed, wrong)
    found = one(bad, "INV003", ERROR, wrong)
    assert found.message
    none(INVITATION, "INV003")


def test_inv003_same_date_typed_and_reply_deadline_are_fine():
    text = replace_once(INVITATION, "ใน${meeting.weekday} เวลา ${meeting.start}",
                        "ในวันพุธที่ ๒๒ มกราคม ๒๕๖๘ เวลา ๐๙.๓๐ น. โปรดตอบรับภายในวันที่ ๑๗ มกราคม ๒๕๖๘")
    none(text, "INV003")


def test_invitation_is_also_checked_as_a_letter():
    bad = replace_once(INVITATION, "kind: circular", "kind: letter")
    one(bad, "CIR005", ERROR, "number: {owner: ลป ๐๐๑๙.๓, circular: true, running: ๓๑๒}")


def test_invitation_agenda_numbering_is_the_meetings():
    bad = replace_once(INVITATION, "      - title: เรื่องเสนอเพื่อพิจารณา", "      - number: ๔\n        title: เรื่องเสนอเพื่อพิจารณา")
    one(bad, "MTG003", ERROR, "- number: ๔")


# ---------------------------------------------------------------- ประกาศ

def test_ann001_issuer_repeats_the_word():
    bad = replace_once(ANNOUNCEMENT, "subject: รายชื่อ", "issuer: ประกาศจังหวัดลำปาง\n    subject: รายชื่อ")
    one(bad, "ANN001", ERROR, "issuer: ประกาศจังหวัดลำปาง")
    none(ANNOUNCEMENT, "ANN001")


def test_ann002_announcement_date_outside_the_fiscal_year():
    bad = replace_once(ANNOUNCEMENT, "date: ๒๔ มกราคม ๒๕๖๘", "date: ๒๔ มกราคม ๒๕๖๙")
    one(bad, "ANN002", WARNING, "date: ๒๔ มกราคม ๒๕๖๙")
    none(ANNOUNCEMENT, "ANN002")


# ---------------------------------------------------------------- letter numbers as parts

@pytest.mark.parametrize("number", ["ลป ๐๐๑๙.๓/ว", "ลป ๐๐๑๙.๓/ว ", "{owner: ลป ๐๐๑๙.๓, circular: true}"])
def test_cir010_running_number_missing(number):
    bad = replace_once(CIRCULAR, "number: ลป ๐๐๑๙.๓/ว ๒๕๕๕", f"number: {number}" if "{" in number else f'number: "{number}"')
    found = one(bad, "CIR010", WARNING, "number: ")
    assert "running number" in found.message
    none(bad, "CIR006")  # the shape rule leaves the missing part to CIR010


def test_cir010_parts_print_and_check_like_the_string():
    parts = replace_once(CIRCULAR, "number: ลป ๐๐๑๙.๓/ว ๒๕๕๕", "number: {owner: ลป ๐๐๑๙.๓, circular: true, running: ๒๕๕๕}")
    for code in ("CIR005", "CIR006", "CIR010"):
        none(parts, code)
    no_wor = replace_once(CIRCULAR, "number: ลป ๐๐๑๙.๓/ว ๒๕๕๕", "number: {owner: ลป ๐๐๑๙.๓, circular: false, running: ๒๕๕๕}")
    one(no_wor, "CIR005", ERROR, "circular: false")


# ---------------------------------------------------------------- agency / project only where printed

REGISTER_ONLY = """\
registers:
  - id: r
    title: ทะเบียน
    columns:
      - {key: n, title: จำนวน}
    rows:
      - [เมืองลำปาง, ๑]
"""


def test_prj001_a_file_of_registers_needs_no_agency_or_project():
    from ..helpers import check_text

    assert check_text(REGISTER_ONLY) == []


def test_prj001_a_letter_needs_the_agency_name():
    text = CIRCULAR.replace("agency:\n  name: สำนักงานพัฒนาชุมชนจังหวัดลำปาง\n", "", 1)
    found = one(text, "PRJ001", ERROR, "  - id: c1")
    assert "agency.name" in found.message
    none(CIRCULAR, "PRJ001")


def test_prj001_an_order_with_its_own_issuer_needs_no_agency():
    text = ORDER.replace("agency:\n  name: สำนักงานพัฒนาชุมชนจังหวัดลำปาง\n  issuer: จังหวัดลำปาง\n  digits: thai\n", "", 1)
    text = replace_once(text, "subject: แต่งตั้ง", "issuer: จังหวัดลำปาง\n    subject: แต่งตั้ง")
    none(text, "PRJ001")
    no_issuer = ORDER.replace("agency:\n  name: สำนักงานพัฒนาชุมชนจังหวัดลำปาง\n  issuer: จังหวัดลำปาง\n  digits: thai\n", "", 1)
    one(no_issuer, "PRJ001", ERROR, "  - id: kbo68-committee")
