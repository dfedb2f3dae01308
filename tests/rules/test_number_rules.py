"""Registers with real numbers: baht and satang, percentages, computed columns, tolerance,
``equals`` between registers. Each test puts one mistake into the budget sample (which checks
with one warning: its summary's rounding difference) and expects its rule alone at its line."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kbo_docs.findings import Severity

from ..helpers import ROOT, check_text, codes, load, replace_once
from .common import none, one

ERROR, WARNING = Severity.ERROR, Severity.WARNING
BUDGET = (ROOT / "samples" / "lampang-kbo-2568-budget.yaml").read_text(encoding="utf-8")


def test_budget_sample_has_only_its_rounding_difference():
    findings = check_text(BUDGET)
    assert codes(findings) == ["REG013"]
    assert "ผลต่างจากการปัดเศษ" in findings[0].message and "rounding difference" in findings[0].message


def test_values_are_exact_decimals():
    registers = load(BUDGET).project.registers
    north = registers[0]
    assert north.total("budget") == Decimal("386520.25")
    assert north.column_sum("spent") == Decimal("361436.25")
    row = north.rows[0]
    assert north.computed_value(row, "balance") == Decimal("13084.25")
    assert north.column("rate").rounded(north.computed_value(row, "rate")) == Decimal("92.94")
    assert not any(isinstance(v, float) for r in registers for row in r.rows for v in row.values.values())


def test_reg001_money_sum_slip_of_one_satang():
    text = replace_once(BUDGET, "share_of: {part: spent, whole: budget}}\n    rows:\n      #",
                        "share_of: {part: spent, whole: budget}}\n"
                        "      - {key: both, title: รวม, type: money, sum_of: [budget, spent]}\n    rows:\n      #")
    text = replace_once(text, '"๑๓,๐๘๔.๒๕",   "๙๒.๙๔"]', '"๑๓,๐๘๔.๒๕",   "๙๒.๙๔", "๓๕๗,๗๑๕.๗๖"]')
    text = replace_once(text, '"๖,๑๓๑.๕๐",    "๙๓.๖๓"]', '"๖,๑๓๑.๕๐",    "๙๓.๖๓", ""]')
    text = replace_once(text, '"๕,๘๖๘.๒๕",    "๙๔.๔๐"]', '"๕,๘๖๘.๒๕",    "๙๔.๔๐", ""]')
    found = one(text, "REG001", ERROR, "๓๕๗,๗๑๕.๗๖")
    assert "๓๕๗,๗๑๕.๗๕" in found.message  # 185,400.00 + 172,315.75


def test_reg013_share_off_by_the_last_digit_is_a_rounding_warning():
    bad = replace_once(BUDGET, '"๙๒.๙๔"', '"๙๒.๙๕"')
    assert "REG010" not in codes(check_text(bad, select={"REG010"}))
    found = [f for f in check_text(bad, select={"REG013"}) if "๙๒.๙๕" in f.message]
    assert len(found) == 1 and found[0].severity is WARNING
    assert "ผลต่างจากการปัดเศษ ๐.๐๑" in found[0].message


def test_reg013_tolerance_is_per_column():
    strict = BUDGET.replace("share_of: {part: budget, whole: total}}", "share_of: {part: budget, whole: total}, tolerance: ๐}")
    findings = check_text(strict, select={"REG002", "REG013"})
    assert codes(findings) == ["REG002"]  # no tolerance: the ๙๙.๙๙ total is a slip


def test_equals_fills_an_empty_cell_from_the_detail_register():
    text = replace_once(BUDGET, 'budget: "๒๒๑,๙๓๐.๕๐"\n        spent', 'budget: ""\n        spent')
    summary = load(text).project.registers[2]
    assert summary.value(summary.rows[1], "budget") == Decimal("221930.50")
    assert codes(check_text(text)) == ["REG013"]


def test_reg012_decimal_in_a_count_column():
    text = """\
agency: {name: สำนักงานพัฒนาชุมชนจังหวัดลำปาง}
project: {name: โครงการทดสอบ, fiscal_year: ๒๕๖๘}
registers:
  - id: r
    title: ทะเบียน
    columns:
      - {key: n, title: จำนวนราย, unit: ราย}
      - {key: w, title: น้ำหนัก, type: decimal}
    rows:
      - [เมืองลำปาง, "๐.๖๔", "๐.๖๔"]
"""
    found = one(text, "REG012", ERROR, '[เมืองลำปาง, "๐.๖๔"')
    assert "จำนวนเต็ม" in found.message


# (the mistake, rule, the line's words, words its message must hold)
SLIPS = [
    pytest.param('totals: {budget: "๓๘๖,๕๒๐.๒๕"', 'totals: {budget: "๓๘๖,๕๒๐.๕๒"', "REG002", '"๓๘๖,๕๒๐.๕๒"',
                 ["๓๘๖,๕๒๐.๒๕"], id="money-total"),
    pytest.param('"๑๓,๐๘๔.๒๕"', '"๑๓,๑๘๔.๒๕"', "REG010", '"๑๓,๑๘๔.๒๕"', ["๑๓,๐๘๔.๒๕"], id="difference"),
    pytest.param('"๙๒.๙๔"', '"๙๓.๙๔"', "REG010", '"๙๓.๙๔"', ["๙๒.๙๔"], id="share-beyond-the-last-digit"),
    pytest.param('        spent: "๓๖๑,๔๓๖.๒๕"', '        spent: "๓๖๑,๔๖๓.๒๕"', "REG011",
                 "equals: {budget: budget-north.total.budget", ["budget-north.total.spent", "๓๖๑,๔๓๖.๒๕"], id="summary-row"),
    pytest.param("spent: budget-south.total.spent", "spent: budget-south.total.spnet", "REG011",
                 "spent: budget-south.total.spnet", ["budget-south.total.spnet"], id="unknown-reference"),
    pytest.param('"๑๘๕,๔๐๐.๐๐"', '"๑๘๕,๔๐๐.๐๐๑"', "REG012", "๑๘๕,๔๐๐.๐๐๑", ["ทศนิยมเกิน ๒ ตำแหน่ง"], id="money-three-places"),
    pytest.param('"๑๗๒,๓๑๕.๗๕"', '"๑๗๒,๓๑๕.๗๕๕"', "REG012", "๑๗๒,๓๑๕.๗๕๕", [], id="spent-three-places"),
]


@pytest.mark.parametrize(("old", "new", "code", "needle", "words"), SLIPS)
def test_slip_is_an_error_of_its_rule_at_its_line(old, new, code, needle, words):
    found = one(replace_once(BUDGET, old, new), code, ERROR, needle)
    for word in words:
        assert word in found.message, (word, found.message)
    none(BUDGET, code)


def test_decimal_weights_allocate_exactly():
    """Criteria weights with decimals (๐.๖๔) share targets as exact fractions, never floats."""
    text = """\
registers:
  - id: r
    title: ทะเบียน
    columns:
      - {key: w, title: น้ำหนัก, type: decimal}
      - {key: t, title: เป้า, target: true}
    rows:
      - [เมืองลำปาง, "๐.๖๔", ""]
      - [แม่เมาะ, "๐.๒๑", ""]
      - [เกาะคา, "๐.๑๕", ""]
    totals: {t: ๑๐}
    allocation: {method: hamilton, weight: w}
"""
    register = load(text).project.registers[0]
    assert register.allocated() == {"เมืองลำปาง": 6, "แม่เมาะ": 2, "เกาะคา": 2}
    assert check_text(text) == []


def test_reg011_a_total_row_that_must_equal_another_registers_total():
    """``equals`` on the register ties its total row to another register's total."""
    tied = replace_once(BUDGET, "    totals: {budget: \"๖๔๘,๔๗๐.๗๕\"",
                        "    equals: {spent: budget-north.total.spent}\n    totals: {budget: \"๖๔๘,๔๗๐.๗๕\"")
    found = one(tied, "REG011", ERROR, "equals: {spent: budget-north.total.spent}")
    assert "๖๐๙,๔๓๔.๒๕" in found.message and "๓๖๑,๔๓๖.๒๕" in found.message
