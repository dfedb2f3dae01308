"""Register rows and recipients from a clerk's own XLSX (kbo_docs.sheets): header found by
name under merged title rows, Thai digits, ``-`` as nil, the รวม row as stated totals, every bad
cell named as ``Sheet!B7``, rule findings pointing at the cell."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kbo_docs import thai
from kbo_docs.findings import InputError
from kbo_docs.load import load_project
from kbo_docs.merge import letters
from kbo_docs.rules import check_loaded

from .helpers import run_cli

HEADER = ["ลำดับ", "อำเภอ", "จำนวนผลิตภัณฑ์ 1-3 ดาว ปี 67", "จำนวน  ผลิตภัณฑ์ Quadrant D", "รวม (ผลิตภัณฑ์)", "เป้า KBO ปี ๖๘"]
ROWS = [
    [1, "เมืองลำปาง", "๑๔", 354, "=C4+D4", 4],
    [2, "แม่เมาะ", 3, "๑๙๙", None, "๓"],
    [3, "เกาะคา", "10", "182", 192, None],
    [4, "เสริมงาม", "-", "๘๕", None, 2],
]
REGISTER = """\
agency: {name: สำนักงานพัฒนาชุมชนจังหวัดลำปาง}
project: {name: โครงการทดสอบ, fiscal_year: ๒๕๖๘}
registers:
  - id: r
    title: ทะเบียน
    row_label: อำเภอ
    columns:
      - {key: stars, title: "จำนวนผลิตภัณฑ์ ๑-๓ ดาว ปี ๖๗"}
      - {key: quadrant_d, title: "จำนวน ผลิตภัณฑ์ Quadrant D"}
      - {key: total, title: "รวม (ผลิตภัณฑ์)", sum_of: [stars, quadrant_d]}
      - {key: target, title: "เป้า KBO ปี ๖๘", target: true, pool: total}
    rows: {xlsx: reg.xlsx}
"""


def workbook(path: Path, rows: list[list[object]], *, header: list[str] = HEADER, title: str = "ทะเบียน",
             total: list[object] | None = None) -> Path:
    """A clerk's sheet: two merged title rows, the header, the rows, an optional รวม row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws["A1"] = "ทะเบียนจัดสรรกลุ่มเป้าหมาย"
    ws.merge_cells("A1:F1")
    ws["A2"] = "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"
    ws.merge_cells("A2:F2")
    ws.append(header)
    for row in rows:
        ws.append(row)
    if total:
        ws.append(total)
    wb.save(path)
    return path


def setup(tmp_path: Path, rows: list[list[object]] = ROWS, text: str = REGISTER, **kw: object) -> Path:
    workbook(tmp_path / "reg.xlsx", rows, **kw)  # type: ignore[arg-type]
    data = tmp_path / "data.yaml"
    data.write_text(text, encoding="utf-8")
    return data


def test_rows_are_read_by_header_name_under_merged_titles(tmp_path):
    data = setup(tmp_path, total=[None, "รวม", 27, 735, 762, 9])
    reg = load_project(data).project.registers[0]
    assert [r.name for r in reg.rows] == ["เมืองลำปาง", "แม่เมาะ", "เกาะคา", "เสริมงาม"]
    assert [r.values["stars"] for r in reg.rows] == [14, 3, 10, 0]  # Thai digits, Excel, Arabic text, "-" is nil
    assert [r.values["quadrant_d"] for r in reg.rows] == [354, 199, 182, 85]
    assert reg.rows[1].values["total"] is None and reg.value(reg.rows[1], "total") == 202  # empty: computed
    assert [r.values["target"] for r in reg.rows] == [4, 3, None, 2]  # empty: no value
    assert reg.totals == {"stars": 27, "quadrant_d": 735, "total": 762, "target": 9}  # the รวม row


def test_a_formula_over_a_text_cell_is_caught_at_its_cell(tmp_path):
    """=C4+D4 where C4 holds the text "๑๔": Excel adds 354 only; REG001 names the workbook cell."""
    data = setup(tmp_path)
    findings = check_loaded(load_project(data), {"REG001"})
    assert [(Path(f.file).name, f.line, f.rule) for f in findings] == [("reg.xlsx", "'ทะเบียน'!E4", "REG001")]
    assert "๓๖๘" in findings[0].message


def test_findings_in_the_workbook_and_the_file_sort_together(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[0][4] = 368
    data = setup(tmp_path, rows, REGISTER.replace("title: ทะเบียน\n", "title: ทะเบียน  ทดสอบ\n"))
    found = [(Path(f.file).name, f.line, f.rule) for f in check_loaded(load_project(data))]
    assert found[0] == ("data.yaml", 5, "TXT003")
    assert ("reg.xlsx", "'ทะเบียน'!B6", "REG008") in found  # เกาะคา's target is empty


@pytest.mark.parametrize(("cell", "value", "message"), [
    ("D5", "สามสิบ", "must be a number"),
    ("C6", "12.5", "whole number"),
    ("D4", 3.5, "whole number"),
    ("B5", None, "no name"),
])
def test_a_bad_cell_is_one_error_naming_it(tmp_path, cell, value, message):
    data = setup(tmp_path)
    wb = openpyxl.load_workbook(tmp_path / "reg.xlsx")
    wb.active[cell] = value
    wb.save(tmp_path / "reg.xlsx")
    with pytest.raises(InputError) as caught:
        load_project(data)
    assert caught.value.line == f"'ทะเบียน'!{cell}" and message in caught.value.message
    run = run_cli("check", str(data))
    assert run.code == 2 and f"reg.xlsx:'ทะเบียน'!{cell}:" in run.stderr and "Traceback" not in run.output


def test_missing_header_names_what_it_needs(tmp_path):
    header = [h if not h.startswith("จำนวน  ผลิตภัณฑ์") else "Quadrant" for h in HEADER]
    data = setup(tmp_path, header=header)
    with pytest.raises(InputError, match="Quadrant D") as caught:
        load_project(data)
    assert str(caught.value.line).startswith("'ทะเบียน'!A")


def test_workbook_problems_name_the_data_file_line(tmp_path):
    data = setup(tmp_path, text=REGISTER.replace("{xlsx: reg.xlsx}", "{xlsx: nope.xlsx}"))
    with pytest.raises(InputError, match="not found") as caught:
        load_project(data)
    assert caught.value.line == 12
    data = setup(tmp_path, text=REGISTER.replace("{xlsx: reg.xlsx}", "{xlsx: reg.xlsx, sheet: Sheet9}"))
    with pytest.raises(InputError, match="no sheet 'Sheet9'"):
        load_project(data)
    data = setup(tmp_path, text=REGISTER.replace("{xlsx: reg.xlsx}", "{xlsx: reg.xlsx, shet: x}"))
    with pytest.raises(InputError, match="unknown key 'shet'"):
        load_project(data)
    (tmp_path / "reg.xlsx").write_text("not a workbook", encoding="utf-8")
    data = setup(tmp_path, text=REGISTER)
    (tmp_path / "reg.xlsx").write_text("not a workbook", encoding="utf-8")
    with pytest.raises(InputError, match="XLSX"):
        load_project(data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 10**7), st.sampled_from(["excel", "thai", "arabic", "thai-commas"])),
                min_size=1, max_size=6))
def test_numbers_read_back_however_typed(tmp_path, typed):
    def cell(n: int, how: str) -> object:
        return {"excel": n, "thai": thai.thai_digits(str(n)), "arabic": str(n),
                "thai-commas": thai.format_number(n)}[how]

    rows = [[i, f"อำเภอ {i}", cell(n, how), 0, None, None] for i, (n, how) in enumerate(typed, 1)]
    data = setup(tmp_path, rows)
    reg = load_project(data).project.registers[0]
    assert [r.values["stars"] for r in reg.rows] == [n for n, _ in typed]


RECIPIENTS = """\
agency: {name: สำนักงานพัฒนาชุมชนจังหวัดลำปาง}
project: {name: โครงการทดสอบ, fiscal_year: ๒๕๖๘}
circulars:
  - id: c
    number: ลป ๐๐๑๙.๓/ว ๒๕๕๕
    date: ๖ ธันวาคม ๒๕๖๗
    subject: ทดสอบ
    recipients: {xlsx: people.xlsx, columns: {target: เป้าหมาย}}
    body: ขอให้คัดเลือก ${row.target} ผลิตภัณฑ์ (${row.code})
    signer: {name: นายทดสอบ ระบบ}
"""


def people(path: Path, rows: list[list[object]]) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["รายชื่อผู้รับหนังสือ"])
    ws.merge_cells("A1:E1")
    ws.append(["ผู้รับ", "ที่อยู่", "เป้าหมาย", "code", "หมายเหตุ"])
    for row in rows:
        ws.append(row)
    wb.save(path)


def test_recipients_from_a_sheet(tmp_path):
    people(tmp_path / "people.xlsx", [["นายอำเภอเถิน", "ที่ว่าการอำเภอเถิน", "๒", "A1", "x"],
                                      ["นายอำเภองาว", None, 1200, "B2", None]])
    data = tmp_path / "c.yaml"
    data.write_text(RECIPIENTS, encoding="utf-8")
    loaded = load_project(data)
    assert check_loaded(loaded) == []
    merged = letters(loaded.project.circulars[0], loaded.project)
    assert [(m.name, m.address, m.row["row.target"], m.row["row.code"]) for m in merged] == [
        ("นายอำเภอเถิน", ("ที่ว่าการอำเภอเถิน",), 2, "A1"), ("นายอำเภองาว", (), 1200, "B2")]


def test_a_recipient_without_a_name_is_found_at_its_row(tmp_path):
    people(tmp_path / "people.xlsx", [["นายอำเภอเถิน", None, "๒", "A1"], [None, "ที่ว่าการ", "๓", "B2"]])
    data = tmp_path / "c.yaml"
    data.write_text(RECIPIENTS, encoding="utf-8")
    findings = check_loaded(load_project(data), {"CIR011"})
    assert [(Path(f.file).name, f.line) for f in findings] == [("people.xlsx", "Sheet!A4")]
