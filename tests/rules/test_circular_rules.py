"""CIR001-CIR009: circulars and external letters.

The base circular is dated ๖ ธันวาคม ๒๕๖๗ in fiscal year ๒๕๖๘ (๑ ตุลาคม ๒๕๖๗ - ๓๐ กันยายน ๒๕๖๘).
"""

from __future__ import annotations

import pytest

from kbo_docs.findings import Severity

from ..helpers import check_text, codes, line_of, replace_once
from .common import CIRCULAR, none, one

ERROR, WARNING = Severity.ERROR, Severity.WARNING

DATE = "date: ๖ ธันวาคม ๒๕๖๗"
DEADLINE = "deadline: ๒๐ ธันวาคม ๒๕๖๗"
DEADLINE_TEXT = "ภายในวันที่ ${deadline}"
BODY = "      - ตามสิ่งที่ส่งมาด้วย ๑ และ ๒ ขอให้อำเภอดำเนินการ\n"


def with_body(*lines: str) -> str:
    """The base circular with its one-line body replaced by a ``>-`` block of ``lines``."""
    block = "      - >-\n" + "".join(f"        {line}\n" for line in lines)
    return replace_once(CIRCULAR, BODY, block)


def test_circular_is_clean_with_every_rule():
    assert check_text(CIRCULAR) == []


def test_letter_is_clean_with_every_rule():
    text = replace_once(CIRCULAR, "kind: circular", "kind: letter")
    assert check_text(replace_once(text, "/ว ๒๕๕๕", "/๒๕๕๕")) == []


# CIR001 date-in-fiscal-year ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "severity"),
    [
        pytest.param("๓๐ กันยายน ๒๕๖๗", WARNING, id="day-before-the-year"),
        pytest.param("๑ ตุลาคม ๒๕๖๗", None, id="first-day"),
        pytest.param("๓๐ กันยายน ๒๕๖๘", None, id="last-day"),
        # after the year, the letter's own deadlines (inside the year) come before its date:
        # the date is the slip, so it is an error there
        pytest.param("๑ ตุลาคม ๒๕๖๘", ERROR, id="day-after-the-year"),
        pytest.param("๖ ธันวาคม ๒๕๖๘", ERROR, id="a-year-late"),
        pytest.param("2024-10-01", None, id="iso-first-day"),
        pytest.param("2024-09-30", WARNING, id="iso-day-before"),
    ],
)
def test_cir001_fiscal_year_boundaries(date, severity):
    text = replace_once(CIRCULAR, DATE, f"date: {date}")
    if severity is not None:
        found = one(text, "CIR001", severity, f"date: {date}")
        assert "๒๕๖๘" in found.message
    else:
        none(text, "CIR001")


def test_a_mistyped_letter_year_is_blamed_on_the_date_not_the_deadlines():
    """One slip (the letter's year), one finding, at the line to fix, as an error."""
    text = replace_once(CIRCULAR, DATE, "date: ๖ ธันวาคม ๒๕๖๘")
    findings = check_text(text)
    assert codes(findings) == ["CIR001"], findings
    found = findings[0]
    assert found.severity is ERROR and found.line == line_of(text, "date: ๖ ธันวาคม ๒๕๖๘")
    assert "หมายถึง ๖ ธันวาคม ๒๕๖๗" in found.message and "did you mean 6 ธันวาคม 2567" in found.message
    assert "2024" not in found.message and "2025" not in found.message  # BE in both halves


def test_cir001_silenced_by_noqa_on_the_circular():
    text = replace_once(CIRCULAR, DATE, "date: ๓๐ กันยายน ๒๕๖๗")
    text = replace_once(text, "    kind: circular\n", "    kind: circular\n    noqa: {CIR001: sent ahead of the year}\n")
    none(text, "CIR001")


# CIR002 deadline-after-date ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("deadline", "fires"),
    [
        pytest.param("๒๐ พฤศจิกายน ๒๕๖๗", True, id="before-the-letter"),
        pytest.param("๖ ธันวาคม ๒๕๖๗", True, id="same-day-as-the-letter"),
        pytest.param("๗ ธันวาคม ๒๕๖๗", False, id="day-after-the-letter"),
    ],
)
def test_cir002_deadline_field(deadline, fires):
    text = replace_once(CIRCULAR, DEADLINE, f"deadline: {deadline}")
    if fires:
        found = one(text, "CIR002", ERROR, f"deadline: {deadline}")
        assert "๖ ธันวาคม ๒๕๖๗" in found.message
    else:
        none(text, "CIR002")


@pytest.mark.parametrize(
    ("typed", "fires"),
    [
        pytest.param("ภายในวันที่ ๒๐ พฤศจิกายน ๒๕๖๗", True, id="within-date"),
        pytest.param("ภายใน ๒๐ พฤศจิกายน ๒๕๖๗", True, id="within"),
        pytest.param("ภายในวันที่ ๒๐ พ.ย. ๖๗", True, id="abbreviated"),
        pytest.param("ภายในวันที่ ๖ ธันวาคม ๒๕๖๗", True, id="same-day"),
        pytest.param("ภายในวันที่ ๒๐ ธันวาคม ๒๕๖๗", False, id="after"),
        pytest.param("ตามที่ประชุมเมื่อวันที่ ๒๐ พฤศจิกายน ๒๕๖๗", False, id="not-a-deadline"),
    ],
)
def test_cir002_date_typed_in_the_text(typed, fires):
    text = replace_once(CIRCULAR, DEADLINE_TEXT, typed)
    text = replace_once(text, f"        {DEADLINE}\n", "")
    if fires:
        one(text, "CIR002", ERROR, typed)
    else:
        none(text, "CIR002")


def test_cir002_date_inside_a_folded_block_is_reported_at_its_own_line():
    text = with_body(
        "ด้วยจังหวัดลำปางได้รับแจ้งจากกรมการพัฒนาชุมชน",
        "ขอให้อำเภอส่งรายชื่อกลุ่มเป้าหมายให้จังหวัด",
        "ภายในวันที่ ๓๐ พฤศจิกายน ๒๕๖๗ เพื่อดำเนินการต่อไป",
    )
    one(text, "CIR002", ERROR, "ภายในวันที่ ๓๐ พฤศจิกายน ๒๕๖๗")


# CIR003 deadline-in-fiscal-year --------------------------------------------------------------


@pytest.mark.parametrize(
    ("deadline", "outside"),
    [
        pytest.param("๒๐ ธันวาคม ๒๕๖๘", True, id="a-year-late"),
        pytest.param("๓๐ กันยายน ๒๕๖๘", False, id="last-day"),
        pytest.param("๑ ตุลาคม ๒๕๖๘", True, id="day-after-the-year"),
    ],
)
def test_cir003_deadline_field(deadline, outside):
    text = replace_once(CIRCULAR, DEADLINE, f"deadline: {deadline}")
    if outside:
        found = one(text, "CIR003", ERROR, f"deadline: {deadline}")
        assert deadline in found.message
    else:
        none(text, "CIR003")


@pytest.mark.parametrize(
    ("typed", "outside"),
    [
        pytest.param("ภายในวันที่ ๒๐ ธันวาคม ๒๕๖๘", True, id="a-year-late"),
        pytest.param("ภายใน ๑ ตุลาคม ๒๕๖๘", True, id="day-after-the-year"),
        pytest.param("ภายในวันที่ ๓๐ กันยายน ๒๕๖๘", False, id="last-day"),
        pytest.param("ภายในวันที่ ๒๐ ธันวาคม ๒๕๖๗", False, id="inside"),
        pytest.param("ในปีหน้าวันที่ ๒๐ ธันวาคม ๒๕๖๘", False, id="not-a-deadline"),
    ],
)
def test_cir003_date_typed_in_the_text(typed, outside):
    text = replace_once(CIRCULAR, DEADLINE_TEXT, typed)
    text = replace_once(text, f"        {DEADLINE}\n", "")
    if outside:
        one(text, "CIR003", ERROR, typed)
    else:
        none(text, "CIR003")


def test_cir003_date_inside_a_folded_block_is_reported_at_its_own_line():
    text = with_body(
        "ด้วยจังหวัดลำปางได้รับแจ้งจากกรมการพัฒนาชุมชน",
        "ขอให้อำเภอส่งรายชื่อกลุ่มเป้าหมายให้จังหวัด",
        "ภายในวันที่ ๒๐ ธันวาคม ๒๕๖๘ เพื่อดำเนินการต่อไป",
    )
    one(text, "CIR003", ERROR, "ภายในวันที่ ๒๐ ธันวาคม ๒๕๖๘")


def test_cir003_both_a_field_and_a_typed_date_are_reported():
    text = replace_once(CIRCULAR, DEADLINE, "deadline: ๒๐ ธันวาคม ๒๕๖๘")
    text = replace_once(text, DEADLINE_TEXT, "ภายในวันที่ ๒๑ ธันวาคม ๒๕๖๘")
    findings = check_text(text, select={"CIR003"})
    assert sorted((f.rule, f.line) for f in findings) == [
        ("CIR003", line_of(text, "ภายในวันที่ ๒๑ ธันวาคม ๒๕๖๘")),
        ("CIR003", line_of(text, "deadline: ๒๐ ธันวาคม ๒๕๖๘")),
    ]


def test_cir003_date_on_the_line_after_within_date_is_reported_at_its_own_line():
    text = with_body(
        "ขอให้อำเภอส่งรายชื่อกลุ่มเป้าหมายให้จังหวัดภายในวันที่",
        "๒๐ ธันวาคม ๒๕๖๘ เพื่อดำเนินการต่อไป",
    )
    one(text, "CIR003", ERROR, "๒๐ ธันวาคม ๒๕๖๘ เพื่อ")


def test_cir003_earlier_date_with_the_same_day_and_month_does_not_take_the_line():
    text = replace_once(with_body(
        "ตามหนังสือที่อ้างถึง ลงวันที่ ๑๕ พฤศจิกายน ๒๕๖๗ นั้น",
        "ขอให้ส่งรายงานภายในวันที่ ๑๕ พฤศจิกายน ๒๕๖๘",
    ), DATE, "date: ๑ ธันวาคม ๒๕๖๗")
    one(text, "CIR003", ERROR, "ภายในวันที่ ๑๕ พฤศจิกายน ๒๕๖๘")


# CIR004 enclosure-exists (the base circular has two enclosures) ------------------------------


@pytest.mark.parametrize(
    ("ref", "missing"),
    [
        pytest.param("สิ่งที่ส่งมาด้วย ๒ - ๓", [3], id="range-past-the-end"),
        pytest.param("สิ่งที่ส่งมาด้วย ๒ – ๔", [3, 4], id="en-dash-range"),
        pytest.param("สิ่งที่ส่งมาด้วย ๑ ถึง ๓", [3], id="range-with-ถึง"),
        pytest.param("สิ่งที่ส่งมาด้วย ๑ และ ๓", [3], id="and"),
        pytest.param("สิ่งที่ส่งมาด้วย ๑, ๒ และ ๔", [4], id="list"),
        pytest.param("สิ่งที่ส่งมาด้วยที่ ๓", [3], id="ordinal"),
        pytest.param("สิ่งที่ส่งมาด้วย 3", [3], id="arabic-digit"),
        pytest.param("สิ่งที่ส่งมาด้วย ๐", [0], id="zero"),
    ],
)
def test_cir004_reference_to_a_missing_enclosure(ref, missing):
    text = replace_once(CIRCULAR, "สิ่งที่ส่งมาด้วย ๑ และ ๒", ref)
    findings = check_text(text, select={"CIR004"})
    assert codes(findings) == ["CIR004"] * len(missing)
    assert {f.line for f in findings} == {line_of(text, ref)}
    assert all(f.severity is ERROR for f in findings)
    for number in missing:
        assert any(f"refers to enclosure {number} " in f.message for f in findings)


@pytest.mark.parametrize(
    "ref",
    [
        pytest.param("สิ่งที่ส่งมาด้วย ๑ และ ๒", id="and"),
        pytest.param("สิ่งที่ส่งมาด้วย ๑ - ๒", id="range"),
        pytest.param("สิ่งที่ส่งมาด้วย ๑,๒", id="comma"),
        pytest.param("(สิ่งที่ส่งมาด้วย ๒)", id="one"),
        pytest.param("ที่ส่งมาพร้อมนี้", id="no-reference"),
    ],
)
def test_cir004_silent(ref):
    none(replace_once(CIRCULAR, "สิ่งที่ส่งมาด้วย ๑ และ ๒", ref), "CIR004")


def test_cir004_reference_in_an_action_is_reported_at_the_action():
    typed = "ส่งแบบรายงานผลภายในวันที่ ${deadline} (สิ่งที่ส่งมาด้วย ๒ - ๓)"
    text = replace_once(CIRCULAR, "ส่งแบบรายงานผลภายในวันที่ ${deadline}", typed)
    one(text, "CIR004", ERROR, typed)


def test_cir004_reversed_range_still_names_its_ends():
    text = replace_once(CIRCULAR, "สิ่งที่ส่งมาด้วย ๑ และ ๒", "สิ่งที่ส่งมาด้วย ๓ - ๒")
    one(text, "CIR004", ERROR, "สิ่งที่ส่งมาด้วย ๓ - ๒")


# CIR005 circular-number ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "number", "fires"),
    [
        pytest.param("circular", "ลป ๐๐๑๙.๓/๒๕๕๕", True, id="circular-without-wor"),
        pytest.param("circular", "ลป ๐๐๑๙.๓/ว ๒๕๕๕", False, id="circular-with-wor"),
        pytest.param("circular", "ลป ๐๐๑๙.๓/ว๒๕๕๕", False, id="circular-with-wor-no-space"),
        pytest.param("letter", "ลป ๐๐๑๙.๓/ว ๒๕๕๕", True, id="letter-with-wor"),
        pytest.param("letter", "ลป ๐๐๑๙.๓/๒๕๕๕", False, id="letter-without-wor"),
        pytest.param("circular", "ลป ๐๐๑๙.๓ ว ๒๕๕๕", True, id="circular-no-slash"),
        pytest.param("letter", "ลป ๐๐๑๙.๓ ๒๕๕๕", True, id="letter-no-slash"),
    ],
)
def test_cir005_wor_for_circulars_only(kind, number, fires):
    text = replace_once(CIRCULAR, "kind: circular", f"kind: {kind}")
    text = replace_once(text, "number: ลป ๐๐๑๙.๓/ว ๒๕๕๕", f"number: {number}")
    if fires:
        one(text, "CIR005", ERROR, f"number: {number}")
    else:
        none(text, "CIR005")


def test_cir005_kind_defaults_to_circular():
    text = replace_once(CIRCULAR, "    kind: circular\n", "")
    text = replace_once(text, "number: ลป ๐๐๑๙.๓/ว ๒๕๕๕", "number: ลป ๐๐๑๙.๓/๒๕๕๕")
    one(text, "CIR005", ERROR, "number: ลป ๐๐๑๙.๓/๒๕๕๕")


# CIR006 number-shape -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        pytest.param("ลป ๐๐๑๙๓/ว ๒๕๕๕๕", id="five-digit-owner-code"),
        pytest.param("ลป ๐๑๙.๓/ว ๒๕๕๕", id="three-digit-owner-code"),
        pytest.param("ลป๐๐๑๙.๓/ว๒๕๕๕", id="no-spaces"),
        pytest.param("ลป ๐๐๑๙.๓/ว๒๕๕๕", id="no-space-after-wor"),
        pytest.param('"ลป  ๐๐๑๙.๓/ว ๒๕๕๕"', id="double-space"),
        pytest.param("ที่ ลป ๐๐๑๙.๓/ว ๒๕๕๕", id="with-the-word-ที่"),
        pytest.param("ลป ๐๐๑๙.๓ ว", id="no-slash-before-wor"),
        pytest.param("ลป ๐๐๑๙.๓", id="no-slash"),
    ],
)
def test_cir006_unusual_shape(number):
    text = replace_once(CIRCULAR, "number: ลป ๐๐๑๙.๓/ว ๒๕๕๕", f"number: {number}")
    one(text, "CIR006", WARNING, f"number: {number}")


@pytest.mark.parametrize(
    "number",
    [
        pytest.param("ลป ๐๐๑๙.๓/ว ๒๕๕๕๕", id="lampang"),
        pytest.param("ลป ๐๐๑๙/๒๕๕๕", id="no-sub-unit"),
        pytest.param("มท ๐๘๑๐.๕/ว ๑๒๓", id="ministry"),
        pytest.param("ลป. ๐๐๑๙.๓/ว ๑", id="code-with-dot"),
        pytest.param("ลป 0019.3/ว 2555", id="arabic-digits"),
        pytest.param("ลป ๐๐๑๙.๓.๒/ว ๑", id="two-sub-units"),
    ],
)
def test_cir006_usual_shapes(number):
    none(replace_once(CIRCULAR, "number: ลป ๐๐๑๙.๓/ว ๒๕๕๕", f"number: {number}"), "CIR006")


# CIR007 salutation-closing -------------------------------------------------------------------

PAIRS = [
    ("เรียน", "ขอแสดงความนับถือ"),
    ("กราบเรียน", "ขอแสดงความนับถืออย่างยิ่ง"),
    ("นมัสการ", "ขอนมัสการด้วยความเคารพ"),
]


def _salute(salutation: str, closing: str) -> str:
    text = replace_once(CIRCULAR, "salutation: เรียน", f"salutation: {salutation}")
    return replace_once(text, "closing: ขอแสดงความนับถือ", f"closing: {closing}")


@pytest.mark.parametrize(("salutation", "closing"), PAIRS, ids=[s for s, _ in PAIRS])
def test_cir007_matching_pair(salutation, closing):
    none(_salute(salutation, closing), "CIR007")


@pytest.mark.parametrize(
    ("salutation", "closing"),
    [(s, c) for s, _ in PAIRS for _, c in PAIRS if c != dict(PAIRS)[s]],
)
def test_cir007_closing_of_another_pair(salutation, closing):
    text = _salute(salutation, closing)
    found = one(text, "CIR007", ERROR, f"closing: {closing}")
    assert dict(PAIRS)[salutation] in found.message


def test_cir007_unknown_salutation():
    text = _salute("ถึง", "ขอแสดงความนับถือ")
    one(text, "CIR007", ERROR, "salutation: ถึง")


def test_cir007_default_closing_after_กราบเรียน():
    # No closing typed: the default ขอแสดงความนับถือ does not go with กราบเรียน. The closing is
    # not in the file, so the finding stands at the salutation that calls for another one.
    text = replace_once(CIRCULAR, "    closing: ขอแสดงความนับถือ\n", "")
    text = replace_once(text, "salutation: เรียน", "salutation: กราบเรียน")
    one(text, "CIR007", ERROR, "salutation: กราบเรียน")


# CIR008 acting-line --------------------------------------------------------------------------

ACTING = "acting: ปฏิบัติราชการแทน ผู้ว่าราชการจังหวัดลำปาง"


@pytest.mark.parametrize(
    "acting",
    [
        pytest.param("แทนผู้ว่าราชการจังหวัดลำปาง", id="no-acting-phrase"),
        pytest.param("ปฏิบัติราชการแทน", id="no-position"),
        pytest.param("ราชการแทน ผู้ว่าราชการจังหวัดลำปาง", id="truncated-phrase"),
    ],
)
def test_cir008_bad_acting_line(acting):
    text = replace_once(CIRCULAR, ACTING, f"acting: {acting}")
    one(text, "CIR008", ERROR, f"acting: {acting}")


@pytest.mark.parametrize(
    "acting",
    [
        "ปฏิบัติราชการแทน ผู้ว่าราชการจังหวัดลำปาง",
        "รักษาราชการแทน ผู้ว่าราชการจังหวัดลำปาง",
        "รักษาการแทน พัฒนาการจังหวัดลำปาง",
        "ปฏิบัติหน้าที่แทน พัฒนาการจังหวัดลำปาง",
        "ปฏิบัติราชการแทนผู้ว่าราชการจังหวัดลำปาง",
    ],
)
def test_cir008_good_acting_line(acting):
    none(replace_once(CIRCULAR, ACTING, f"acting: {acting}"), "CIR008")


def test_cir008_no_acting_line_is_fine():
    none(replace_once(CIRCULAR, f"      {ACTING}\n", ""), "CIR008")


# CIR009 enclosure-register -------------------------------------------------------------------


def test_cir009_enclosure_names_an_unknown_register():
    text = replace_once(CIRCULAR, "register: kbo-68", "register: kbo-2568")
    found = one(text, "CIR009", ERROR, "register: kbo-2568")
    assert "kbo-2568" in found.message


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("register: kbo-68", "register: kbo-68", id="known-register"),
        pytest.param("        register: kbo-68\n", "", id="no-register"),
    ],
)
def test_cir009_silent(old, new):
    none(replace_once(CIRCULAR, old, new), "CIR009")


# CIR011-CIR013: letters to many recipients ----------------------------------------------------

RECIPIENT = "    recipient: นายอำเภอ ทุกอำเภอ\n"
ACTION = "ส่งแบบรายงานผลภายในวันที่ ${deadline}"


def with_recipients(block: str, action: str = ACTION) -> str:
    """The base circular sent to ``block`` (YAML under ``recipients:``), its action text ``action``."""
    text = replace_once(CIRCULAR, RECIPIENT, RECIPIENT + "    recipients:" + block)
    return replace_once(text, ACTION, action)


LISTED = """
      - {name: นายอำเภอเมืองลำปาง, target: ๔}
      - {name: นายอำเภอแม่เมาะ, target: ๓, address: ที่ว่าการอำเภอแม่เมาะ}
"""
BOUND = " {register: kbo-68, name: \"นายอำเภอ${row.name}\"}\n"


def test_recipients_listed_or_bound_are_clean():
    assert check_text(with_recipients(LISTED, "ส่ง ${row.target} ผลิตภัณฑ์ ภายในวันที่ ${deadline}")) == []
    assert check_text(with_recipients(BOUND, "ส่ง ${row.n} ผลิตภัณฑ์ของ ${row.name} ภายในวันที่ ${deadline}")) == []


def test_cir011_recipient_without_a_name():
    text = with_recipients(LISTED.replace("{name: นายอำเภอแม่เมาะ, target: ๓, ", "{target: ๓, "))
    found = one(text, "CIR011", ERROR, "{target: ๓, address")
    assert "recipient 2" in found.message and "ผู้รับลำดับที่ 2" in found.message
    none(with_recipients(LISTED), "CIR011")


@pytest.mark.parametrize("recipients", [LISTED, BOUND], ids=["listed", "bound"])
def test_cir012_unknown_row_column(recipients):
    text = with_recipients(recipients, "ส่ง ${row.targets} ผลิตภัณฑ์ ภายในวันที่ ${deadline}")
    found = one(text, "CIR012", ERROR, "${row.targets}")
    assert "no column targets" in found.message
    assert "TXT006" not in codes(check_text(text))  # one report, not two


def test_cir012_row_reference_without_recipients():
    text = replace_once(CIRCULAR, ACTION, "ส่ง ${row.target} ผลิตภัณฑ์ ภายในวันที่ ${deadline}")
    found = one(text, "CIR012", ERROR, "${row.target}")
    assert "needs recipients" in found.message


def test_cir012_a_column_some_listed_recipients_lack():
    text = with_recipients(LISTED.replace(", target: ๓", ""), "ส่ง ${row.target} ภายในวันที่ ${deadline}")
    one(text, "CIR012", ERROR, "${row.target}")


def test_cir012_an_empty_cell_in_a_bound_register():
    text = with_recipients(BOUND, "ส่ง ${row.n} ภายในวันที่ ${deadline}")
    text = replace_once(text, "      - [เมืองลำปาง, ๑]\n", "      - [เมืองลำปาง, ๑]\n      - [แม่เมาะ, null]\n")
    found = one(text, "CIR012", ERROR, "${row.n}")
    assert "แม่เมาะ" in found.message


def test_cir012_row_reference_outside_a_circular_is_txt006():
    text = replace_once(CIRCULAR, "title: ทะเบียนจัดสรรกลุ่มเป้าหมาย\n    columns", "title: ทะเบียน ${row.n}\n    columns")
    assert "TXT006" in codes(check_text(text, select={"TXT006"}))


def test_cir013_recipients_bound_to_an_unknown_register():
    text = with_recipients(" {register: kbo-2568}\n")
    found = one(text, "CIR013", ERROR, "{register: kbo-2568}")
    assert "kbo-2568" in found.message and "kbo-68" in found.message
    none(with_recipients(BOUND), "CIR013")
    missing = with_recipients(" {name: \"นายอำเภอ${row.name}\"}\n")
    assert codes(check_text(missing, select={"CIR013"})) == ["CIR013"]


def test_a_letter_needs_a_recipient_or_recipients():
    from kbo_docs.findings import InputError

    from ..helpers import load

    with pytest.raises(InputError, match="recipient"):
        load(replace_once(CIRCULAR, RECIPIENT, ""))

