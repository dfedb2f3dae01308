"""Loading: lines of model objects, numbers and dates as clerks type them, scalars kept as text,
row spellings, ``${...}`` references, and any text surviving a round trip."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kbo_docs.findings import InputError
from kbo_docs.load import load_project
from kbo_docs.refs import expand, project_scope
from kbo_docs.rules import check_loaded
from kbo_docs.source import parse_yaml

from .helpers import CHIANGMAI, LAMPANG, MINIMAL, check_text, codes, line_of, load, replace_once

LAMPANG_TEXT = LAMPANG.read_text(encoding="utf-8")
CHIANGMAI_TEXT = CHIANGMAI.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def lampang():
    return load_project(LAMPANG)


@pytest.fixture(scope="module")
def chiangmai():
    return load_project(CHIANGMAI)


# ---------------------------------------------------------------------------------------------
# Lines of model objects


def test_line_of_a_circular_and_its_fields(lampang):
    (circular,) = lampang.project.circulars
    assert circular.path == ("circulars", 0)
    assert lampang.line(circular) == line_of(LAMPANG_TEXT, "- id: kbo68-districts")
    assert lampang.line(circular, "date") == line_of(LAMPANG_TEXT, "date: ๖ ธันวาคม ๒๕๖๗")
    assert lampang.line(circular, "enclosures", 1) == line_of(LAMPANG_TEXT, "- title: แบบรายงานผลก่อนการพัฒนา")
    assert lampang.line(circular.enclosures[1], "quantity") == lampang.line(circular, "enclosures", 1) + 1
    assert lampang.line(circular.signer, "acting") == line_of(LAMPANG_TEXT, "acting: ปฏิบัติราชการแทน")


def test_line_of_a_register_row_and_its_cells(lampang):
    (register,) = lampang.project.registers
    row = register.rows[9]
    assert row.name == "แม่ทะ"
    assert row.path == ("registers", 0, "rows", 9)
    assert lampang.line(row) == line_of(LAMPANG_TEXT, "[แม่ทะ,")
    # a cell of a row written as one flow list is on the row's line
    assert lampang.line(row, "values", "quadrant_d") == lampang.line(row)
    assert lampang.line(register, "totals", "total") == line_of(LAMPANG_TEXT, "totals: {stars")


def test_line_of_a_cell_of_a_row_written_as_a_mapping():
    text = MINIMAL + """\
registers:
  - id: r1
    title: ทะเบียน
    columns:
      - {key: a, title: ก}
      - {key: b, title: ข}
    rows:
      - name: เมือง
        a: ๑
        b: ๒
"""
    loaded = load(text)
    row = loaded.project.registers[0].rows[0]
    assert loaded.line(row) == line_of(text, "- name: เมือง")
    assert loaded.line(row, "values", "b") == line_of(text, "b: ๒")
    assert loaded.line(row, "name") == line_of(text, "- name: เมือง")


BLOCK_ROWS = MINIMAL + """\
registers:
  - id: r1
    title: ทะเบียน
    columns:
      - {key: a, title: ก}
      - {key: b, title: ข}
    rows:
      - - เมือง
        - ๑
        - -๒
"""


def test_line_of_a_cell_of_a_row_written_as_a_block_list():
    loaded = load(BLOCK_ROWS)
    row = loaded.project.registers[0].rows[0]
    assert loaded.line(row, "values", "b") == line_of(BLOCK_ROWS, "- -๒")


def test_rule_on_a_cell_of_a_block_list_row_names_at_least_the_row():
    findings = check_text(BLOCK_ROWS)
    assert codes(findings) == ["REG004"]
    assert findings[0].line in (line_of(BLOCK_ROWS, "- - เมือง"), line_of(BLOCK_ROWS, "- -๒"))


def test_line_of_meeting_sub_items(chiangmai):
    (meeting,) = chiangmai.project.meetings
    plan = meeting.agenda[2].items[3]
    assert plan.path == ("meetings", 0, "agenda", 2, "items", 3)
    assert chiangmai.line(plan) == line_of(CHIANGMAI_TEXT, "- text: แผนปฏิบัติการ")
    second = plan.items[1]
    assert chiangmai.line(second, "when") == line_of(CHIANGMAI_TEXT, "when: มกราคม - มีนาคม ๒๕๖๕")
    # a sub-item written as a plain string has its own line too
    assert chiangmai.line(meeting.agenda[0].items[2]) == line_of(CHIANGMAI_TEXT, "- แจ้งแนวทางการดำเนินงาน")
    assert chiangmai.line(meeting, "start") == line_of(CHIANGMAI_TEXT, "start: ๐๙.๐๐ น.")


def test_line_inside_a_folded_block(lampang, chiangmai):
    (circular,) = lampang.project.circulars
    action = circular.actions[1]
    # the field: the line of its key; a phrase inside the folded text: its own line
    assert lampang.line(action, "text") == line_of(LAMPANG_TEXT, "- text: >-\n          ส่งแบบรายงาน")
    assert lampang.line(action, "deadline") == line_of(LAMPANG_TEXT, "deadline: ๒๐ ธันวาคม")
    inside = lampang.source.line_in((*action.path, "text"), "ภายในวันที่ ${deadline}")
    assert inside == line_of(LAMPANG_TEXT, "ภายในวันที่ ${deadline}")

    activity = chiangmai.project.meetings[0].agenda[2].items[3].items[1]
    assert chiangmai.source.line_in((*activity.path, "text"), "กำหนดดำเนินการระหว่างเดือน") == line_of(
        CHIANGMAI_TEXT, "กำหนดดำเนินการระหว่างเดือน"
    )


def test_finding_inside_a_folded_action_text_is_at_its_own_line():
    bad = replace_once(LAMPANG_TEXT, "ภายในวันที่ ${deadline}", "ภายในวันที่ ${deadline} ปี 25๖๗")
    findings = check_text(bad, select={"TXT002"})
    assert codes(findings) == ["TXT002"]
    assert findings[0].line == line_of(bad, "ปี 25๖๗")


def test_finding_inside_a_folded_string_sub_item_is_at_its_own_line():
    bad = replace_once(CHIANGMAI_TEXT, "จำนวน ๒๐ กลุ่ม เข้าร่วม", "จำนวน ๒0 กลุ่ม เข้าร่วม")
    findings = check_text(bad, select={"TXT002"})
    assert codes(findings) == ["TXT002"]
    assert findings[0].line == line_of(bad, "๒0 กลุ่ม")


# ---------------------------------------------------------------------------------------------
# Numbers and dates as typed


def test_thai_digits_and_commas(lampang):
    (register,) = lampang.project.registers
    assert lampang.project.project.fiscal_year == 2568
    assert register.totals == {"stars": 52, "quadrant_d": 1696, "total": 1748, "target": 34}
    assert register.rows[0].values == {"stars": 14, "quadrant_d": 354, "total": 368, "target": 4}
    assert [e.quantity for e in lampang.project.circulars[0].enclosures] == [1, 1, 1]


def _register(totals: str) -> str:
    return MINIMAL + f"""\
registers:
  - id: r1
    title: ทะเบียน
    columns:
      - {{key: a, title: ก}}
    rows:
      - [เมือง, "๑,๒๓๔"]
    totals: {{a: {totals}}}
"""


@pytest.mark.parametrize("typed", ['"๑,๒๓๔"', '"1,234"', "1234", "๑๒๓๔", '" ๑,๒๓๔ "'])
def test_counts_with_either_digits_and_thousands_commas(typed):
    register = load(_register(typed)).project.registers[0]
    assert register.totals == {"a": 1234}
    assert register.rows[0].values == {"a": 1234}


@pytest.mark.parametrize("typed", ['"12,34"', '"๑,๒๓"', "๒5", "หนึ่ง"])
def test_numbers_that_are_not_numbers_are_refused(typed):
    text = _register(typed)
    with pytest.raises(InputError) as info:
        load(text)
    assert info.value.line == line_of(text, "totals:")
    assert "ทะเบียน r1, แถวรวม, ช่อง \"ก\"" in info.value.message


def test_decimals_are_exact_not_float():
    """๑๒.๕ in a register is an exact Decimal (REG012 says so when its column counts)."""
    from decimal import Decimal

    register = load(_register("๑๒.๕")).project.registers[0]
    assert register.totals == {"a": Decimal("12.5")} and isinstance(register.totals["a"], Decimal)


def _circular(date: str) -> str:
    return MINIMAL + f"""\
circulars:
  - id: c1
    number: ลป ๐๐๑๙.๓/ว ๒๕๕๕
    date: {date}
    subject: เรื่อง
    recipient: นายอำเภอ
    signer: {{name: นายหนึ่ง}}
"""


@pytest.mark.parametrize(
    "typed",
    ["2024-12-06", "2567-12-06", "๒๕๖๗-๑๒-๐๖", "๖ ธันวาคม ๒๕๖๗", "๖ ธ.ค. ๖๗", "6 ธ.ค. 67", "วันศุกร์ที่ ๖ ธันวาคม ๒๕๖๗",
     "๖ ธันวาคม พ.ศ. ๒๕๖๗"],
)
def test_dates_iso_ce_iso_be_and_thai(typed):
    assert load(_circular(typed)).project.circulars[0].date == dt.date(2024, 12, 6)


# ---------------------------------------------------------------------------------------------
# Scalars stay text until the model reads them


def test_parse_yaml_keeps_every_scalar_as_text():
    data, _ = parse_yaml("a: 010\nb: 09.00\nc: 9:00\nd: no\ne: 2024-12-06\nf: 1e3\ng: .inf\nh: ~\ni: null\nj: ''\n")
    assert data == {
        "a": "010", "b": "09.00", "c": "9:00", "d": "no", "e": "2024-12-06", "f": "1e3", "g": ".inf",
        "h": None, "i": None, "j": "",
    }


def _meeting(start: str, end: str, number: str = "๑/๒๕๖๘") -> str:
    return MINIMAL + f"""\
meetings:
  - id: m1
    committee: คณะกรรมการ
    number: {number}
    date: ๑๐ มกราคม ๒๕๖๘
    venue: ห้องประชุม
    present: [{{name: นายหนึ่ง}}]
    start: {start}
    end: {end}
    agenda: [{{title: เรื่องแจ้ง}}]
"""


@pytest.mark.parametrize(
    ("start", "end"),
    [("09.00", "12.30"), ("9:00", "12:30"), ("๐๙.๐๐ น.", "๑๒.๓๐ น."), ("09:00", "12.30 น.")],
)
def test_times_are_read_as_times_not_floats_or_sexagesimal(start, end):
    meeting = load(_meeting(start, end)).project.meetings[0]
    assert (meeting.start, meeting.end) == (dt.time(9, 0), dt.time(12, 30))


def test_leading_zeros_and_yaml_words_stay_text():
    text = replace_once(_circular("๖ ธันวาคม ๒๕๖๗"), "number: ลป ๐๐๑๙.๓/ว ๒๕๕๕", "number: 010")
    text = replace_once(text, "subject: เรื่อง", "subject: no")
    text = replace_once(text, "recipient: นายอำเภอ", "recipient: 1e3")
    circular = load(text).project.circulars[0]
    assert (circular.number, circular.subject, circular.recipient) == ("010", "no", "1e3")


def test_meeting_number_with_leading_zero():
    meeting = load(_meeting("09.00", "12.00", number="010/2568")).project.meetings[0]
    assert (meeting.number.number, meeting.number.year) == (10, 2568)


# ---------------------------------------------------------------------------------------------
# Rows as lists and as mappings


ROWS_AS_LISTS = """\
    rows:
      - [เมือง, ๑, ๒, ๓]
      - [งาว, ๔, ๕, ~]
"""
ROWS_AS_MAPPINGS = """\
    rows:
      - {name: เมือง, a: ๑, b: ๒, total: ๓}
      - name: งาว
        a: ๔
        b: ๕
"""
ROWS_WITH_VALUES = """\
    rows:
      - {name: เมือง, values: {a: ๑, b: ๒, total: ๓}}
      - {name: งาว, values: {a: ๔, b: ๕}}
"""


def _rows(rows: str) -> str:
    return MINIMAL + """\
registers:
  - id: r1
    title: ทะเบียน
    columns:
      - {key: a, title: ก}
      - {key: b, title: ข}
      - {key: total, title: รวม, sum_of: [a, b]}
""" + rows


def _dump(rows: str) -> list[dict]:
    register = load(_rows(rows)).project.registers[0]
    dumped = [row.model_dump() for row in register.rows]
    for row in dumped:  # an empty cell may be left out or written as ~
        row["values"] = {k: v for k, v in row["values"].items() if v is not None}
    return dumped


def test_rows_as_lists_and_as_mappings_give_the_same_model():
    expected = [
        {"name": "เมือง", "values": {"a": 1, "b": 2, "total": 3}, "equals": {}},
        {"name": "งาว", "values": {"a": 4, "b": 5}, "equals": {}},
    ]
    assert _dump(ROWS_AS_LISTS) == expected
    assert _dump(ROWS_AS_MAPPINGS) == expected
    assert _dump(ROWS_WITH_VALUES) == expected


def test_rows_as_lists_and_as_mappings_check_the_same():
    for rows in (ROWS_AS_LISTS, ROWS_AS_MAPPINGS, ROWS_WITH_VALUES):
        loaded = load(_rows(rows))
        register = loaded.project.registers[0]
        assert register.value(register.rows[1], "total") == 9
        assert register.column_sum("total") == 12
        assert check_loaded(loaded) == []


# ---------------------------------------------------------------------------------------------
# ${...} references


def test_references_expand_with_the_project_scope(lampang):
    project = lampang.project
    scope = project_scope(project)
    subject = expand(project.circulars[0].subject, scope)
    assert "ประจำปีงบประมาณ พ.ศ.\u00a0๒๕๖๘" in subject  # kept on one line
    assert subject.startswith("การดำเนินโครงการส่งเสริมกระบวนการเครือข่ายองค์ความรู้ (Knowledge – Based OTOP : KBO)")
    assert "${" not in subject
    assert expand("${project_short}", scope) == "KBO"
    assert expand("เป้า ${kbo68-allocation.total.target} ผลิตภัณฑ์ จาก ${kbo68-allocation.total.total}", scope) == (
        "เป้า ๓๔ ผลิตภัณฑ์ จาก ๑,๗๔๘"
    )
    assert expand("${ kbo68-allocation.rows }", scope) == "๑๓"
    assert expand("${fiscal_year}", scope, digits="arabic") == "2568"


def test_double_dollar_writes_a_literal_reference(lampang):
    scope = project_scope(lampang.project)
    assert expand("ราคา $${fiscal_year} และ ${fiscal_year}", scope) == "ราคา ${fiscal_year} และ ๒๕๖๘"
    assert expand("$$${fiscal_year}", scope) == "$${fiscal_year}"  # '$' then a literal '${'


def test_double_dollar_in_a_file_is_not_an_unknown_reference():
    text = replace_once(_circular("๖ ธันวาคม ๒๕๖๗"), "subject: เรื่อง", "subject: เรื่อง $${ไม่ใช่การอ้างอิง}")
    loaded = load(text)
    assert check_loaded(loaded, {"TXT006"}) == []
    assert expand(loaded.project.circulars[0].subject, project_scope(loaded.project)) == "เรื่อง ${ไม่ใช่การอ้างอิง}"


def test_unknown_reference_raises_key_error_naming_it(lampang):
    with pytest.raises(KeyError, match="fiscal_yaer"):
        expand("${fiscal_yaer}", project_scope(lampang.project))


# ---------------------------------------------------------------------------------------------
# Any text survives the round trip


def _printable(ch: str) -> bool:
    """Characters a YAML file may hold (YAML 1.1 printable set), control characters left out."""
    code = ord(ch)
    return (
        0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000
    )


TEXTS = st.text(st.characters(codec="utf-8").filter(_printable), min_size=1).filter(
    lambda s: s == s.strip() and s.strip() != ""  # the model strips surrounding whitespace
)


def _double_quoted(text: str) -> str:
    """A YAML double-quoted scalar: json.dumps escapes '"', '\\' and nothing else here."""
    return json.dumps(text, ensure_ascii=False)


@given(TEXTS)
def test_any_text_loads_back_unchanged(text):
    source = replace_once(_circular("๖ ธันวาคม ๒๕๖๗"), "subject: เรื่อง", f"subject: {_double_quoted(text)}")
    assert load(source).project.circulars[0].subject == text
