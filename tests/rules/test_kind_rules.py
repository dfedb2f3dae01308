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


# One typical mistake per case: (sample, text in it, the mistake, rule, severity, the line's
# words, words its message must hold). The sample itself is silent on that rule.
MISTAKES = [
    pytest.param(MEMO, "      - จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติแผนการดำเนินงานดังกล่าว\n",
                 "      - จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติแผนการดำเนินงานดังกล่าว\n      - ขอแสดงความนับถือ\n",
                 "MEM001", ERROR, "- ขอแสดงความนับถือ", ["ขอแสดงความนับถือ"], id="memo-closing"),
    pytest.param(MEMO, "number: {owner: ลป ๐๐๑๙.๓, running: ๑๑๘}", "number: {owner: ลป ๐๐๑๙.๓}",
                 "MEM002", WARNING, "number: {owner: ลป ๐๐๑๙.๓}", ["เลขทะเบียนหนังสือส่ง", "running number"],
                 id="memo-running-number"),
    pytest.param(MEMO, "date: ๒๗ ธันวาคม ๒๕๖๗", "date: ๒๗ ธันวาคม ๒๕๖๘", "MEM003", WARNING,
                 "date: ๒๗ ธันวาคม ๒๕๖๘", [], id="memo-date-year-late"),
    pytest.param(ORDER, "      - text: คณะกรรมการเครือข่าย", "      - number: ๒\n        text: คณะกรรมการเครือข่าย",
                 "ORD001", ERROR, "- number: ๒", ["๒", "๑"], id="clause-order"),
    pytest.param(ORDER, "{position: พาณิชย์จังหวัดลำปาง, role: กรรมการ}", "{position: พาณิชย์จังหวัดลำปาง, role: ประธานกรรมการ}",
                 "ORD002", ERROR, "พาณิชย์จังหวัดลำปาง, role: ประธานกรรมการ", [], id="two-chairs"),
    pytest.param(ORDER, "role: ประธานกรรมการ}", "role: รองประธานกรรมการ}", "ORD002", ERROR, "members:", [], id="no-chair"),
    pytest.param(ORDER, "role: กรรมการและผู้ช่วยเลขานุการ}", "role: กรรมการและเลขานุการ}", "ORD003", ERROR,
                 "หัวหน้ากลุ่มงานส่งเสริมการพัฒนาชุมชน, role: กรรมการและเลขานุการ", ["ผู้ช่วยเลขานุการ"], id="two-secretaries"),
    pytest.param(ORDER, "number: ๑๒/๒๕๖๘", "number: ๑๒/๒๕๖๗", "ORD004", ERROR, "number: ๑๒/๒๕๖๗", [], id="order-year"),
    pytest.param(ORDER, "effective: ๘ มกราคม ๒๕๖๘", "effective: ๑ มกราคม ๒๕๖๘", "ORD005", ERROR,
                 "effective: ๑ มกราคม ๒๕๖๘", [], id="effective-before"),
    pytest.param(ORDER, "subject: แต่งตั้ง", "issuer: คำสั่งจังหวัดลำปาง\n    subject: แต่งตั้ง", "ORD006", ERROR,
                 "issuer: คำสั่งจังหวัดลำปาง", [], id="order-heading"),
    pytest.param(ORDER, "    date: ๘ มกราคม ๒๕๖๘", "    date: ๘ มกราคม ๒๕๖๙", "ORD007", WARNING,
                 "    date: ๘ มกราคม ๒๕๖๙", [], id="order-date-year-late"),
    pytest.param(INVITATION, "meeting: kbo68-meeting-1", "meeting: kbo68-meeting-one", "INV001", ERROR,
                 "meeting: kbo68-meeting-one", ["kbo68-meeting-1"], id="unknown-meeting"),
    pytest.param(INVITATION, "date: ๑๐ มกราคม ๒๕๖๘", "date: ๒๓ มกราคม ๒๕๖๘", "INV002", ERROR,
                 "date: ๒๓ มกราคม ๒๕๖๘", [], id="meeting-before-letter"),
    pytest.param(INVITATION, "ใน${meeting.weekday} เวลา ${meeting.start}", "ในวันพุธที่ ๒๒ มกราคม ๒๕๖๘ เวลา ๐๙.๐๐ น.",
                 "INV003", ERROR, "ในวันพุธที่ ๒๒ มกราคม ๒๕๖๘ เวลา ๐๙.๐๐ น.", ["๐๙.๐๐"], id="meeting-time"),
    pytest.param(INVITATION, "ใน${meeting.weekday} เวลา ${meeting.start}", "ในวันอังคารที่ ๒๑ มกราคม ๒๕๖๘ เวลา ๐๙.๓๐ น.",
                 "INV003", ERROR, "ในวันอังคารที่ ๒๑ มกราคม ๒๕๖๘", ["๒๑ มกราคม"], id="meeting-date"),
    pytest.param(INVITATION, "ณ ${meeting.venue}", "ณ ห้องประชุมเขลางค์นคร ศาลากลางจังหวัดลำปาง", "INV003", ERROR,
                 "ณ ห้องประชุมเขลางค์นคร", ["ห้องประชุมเขลางค์นคร"], id="meeting-room"),
    pytest.param(INVITATION, "kind: circular", "kind: letter", "CIR005", ERROR,
                 "number: {owner: ลป ๐๐๑๙.๓, circular: true, running: ๓๑๒}", [], id="invitation-is-a-letter"),
    pytest.param(INVITATION, "      - title: เรื่องเสนอเพื่อพิจารณา", "      - number: ๔\n        title: เรื่องเสนอเพื่อพิจารณา",
                 "MTG003", ERROR, "- number: ๔", [], id="agenda-numbering"),
    pytest.param(ANNOUNCEMENT, "subject: รายชื่อ", "issuer: ประกาศจังหวัดลำปาง\n    subject: รายชื่อ", "ANN001", ERROR,
                 "issuer: ประกาศจังหวัดลำปาง", [], id="announcement-heading"),
    pytest.param(ANNOUNCEMENT, "date: ๒๔ มกราคม ๒๕๖๘", "date: ๒๔ มกราคม ๒๕๖๙", "ANN002", WARNING,
                 "date: ๒๔ มกราคม ๒๕๖๙", [], id="announcement-date-year-late"),
]


@pytest.mark.parametrize(("sample", "old", "new", "code", "severity", "needle", "words"), MISTAKES)
def test_mistake_is_caught_by_its_rule_at_its_line(sample, old, new, code, severity, needle, words):
    found = one(replace_once(sample, old, new), code, severity, needle)
    for word in words:
        assert word in found.message, (word, found.message)
    none(sample, code)


def test_inv003_same_date_typed_and_reply_deadline_are_fine():
    text = replace_once(INVITATION, "ใน${meeting.weekday} เวลา ${meeting.start}",
                        "ในวันพุธที่ ๒๒ มกราคม ๒๕๖๘ เวลา ๐๙.๓๐ น. โปรดตอบรับภายในวันที่ ๑๗ มกราคม ๒๕๖๘")
    none(text, "INV003")


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
