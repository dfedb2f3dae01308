"""REG001-REG008: allocation registers (ทะเบียนจัดสรร)."""

from __future__ import annotations

import pytest

from kbo_docs.findings import Severity

from ..helpers import check_text, codes, line_of, replace_once
from .common import REGISTER, none, one

ERROR = Severity.ERROR

ROW1 = "[เมืองลำปาง, ๑๔, ๓๕๔, ๓๖๘, ๔]"
ROW2 = "[แม่เมาะ, ๓, ๖๙๙, ๗๐๒, ๓]"
ROW3 = "[สบปราบ, ๑, ๑, ๒, ๒]"


def test_register_is_clean_with_every_rule():
    assert check_text(REGISTER) == []


def test_register_with_computed_cells_and_no_totals_is_clean():
    text = replace_once(REGISTER, ROW1, "[เมืองลำปาง, ๑๔, ๓๕๔, ~, ๔]")
    text = replace_once(text, ROW2, "{name: แม่เมาะ, stars: ๓, quad: ๖๙๙, target: ๓}")
    text = text[: text.index("    totals:")]
    assert check_text(text) == []


# REG001 row-sum ------------------------------------------------------------------------------


def test_reg001_row_sum_differs_from_its_parts():
    bad = replace_once(REGISTER, ROW1, "[เมืองลำปาง, ๑๔, ๓๕๔, ๓๖๙, ๔]")
    found = one(bad, "REG001", ERROR, "[เมืองลำปาง, ๑๔, ๓๕๔, ๓๖๙")
    assert "๓๖๙" in found.message and "๓๖๘" in found.message


def test_reg001_dict_row_points_at_the_sum_cell():
    block_row = "name: แม่เมาะ\n        stars: ๓\n        quad: ๖๙๙\n        total: ๗๐๓\n        target: ๓"
    bad = replace_once(REGISTER, ROW2, block_row)
    one(bad, "REG001", ERROR, "total: ๗๐๓")


@pytest.mark.parametrize(
    "row",
    [
        pytest.param(ROW1, id="typed-right"),
        pytest.param("[เมืองลำปาง, ๑๔, ๓๕๔, ~, ๔]", id="empty-sum-cell-is-computed"),
        pytest.param("{name: เมืองลำปาง, stars: ๑๔, quad: ๓๕๔, target: ๔}", id="sum-cell-left-out"),
        pytest.param("[เมืองลำปาง, ๑๔, ~, ๓๖๙, ๔]", id="missing-part-is-REG008s-business"),
    ],
)
def test_reg001_silent(row):
    none(replace_once(REGISTER, ROW1, row), "REG001")


# REG002 column-total -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "stated",
    [
        pytest.param("quad: ๑,๐๕๕", id="thai-digits-with-comma"),
        pytest.param("quad: 1,055", id="arabic-digits-with-comma"),
        pytest.param('quad: "๑,๐๕๕"', id="quoted"),
        pytest.param("quad: ๑๐๕๕", id="no-comma"),
    ],
)
def test_reg002_stated_total_differs_from_the_rows(stated):
    bad = replace_once(REGISTER, "quad: ๑,๐๕๔", stated)
    found = one(bad, "REG002", ERROR, stated)
    assert "๑,๐๕๕" in found.message and "๑,๐๕๔" in found.message


def test_reg002_counts_computed_sum_cells():
    bad = replace_once(REGISTER, ROW1, "[เมืองลำปาง, ๑๔, ๓๕๕, ~, ๔]")  # row sum becomes ๓๖๙
    bad = replace_once(bad, "quad: ๑,๐๕๔", "quad: ๑,๐๕๕")
    one(bad, "REG002", ERROR, "total: ๑,๐๗๒")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("quad: ๑,๐๕๔", "quad: 1,054", id="arabic-digits-with-comma"),
        pytest.param("quad: ๑,๐๕๔", 'quad: "๑,๐๕๔"', id="quoted"),
        pytest.param("quad: ๑,๐๕๔", "quad: ๑๐๕๔", id="no-comma"),
        pytest.param(ROW1, "[เมืองลำปาง, ๑๔, ๓๕๔, ~, ๔]", id="empty-sum-cell"),
        pytest.param("      quad: ๑,๐๕๔\n", "", id="total-left-out"),
        pytest.param("      target: ๙", "      target: ๑๐", id="target-column-is-REG007s"),
    ],
)
def test_reg002_silent(old, new):
    none(replace_once(REGISTER, old, new), "REG002")


# REG003 total-row-sum ------------------------------------------------------------------------


def test_reg003_total_of_a_sum_column_differs_from_its_parts_totals_when_rows_cannot_be_added():
    # สบปราบ's quad (and so its total) is empty: the rows cannot be added up, the รวม row can.
    bad = replace_once(REGISTER, ROW3, "[สบปราบ, ๑, ~, ~, ๒]")
    bad = replace_once(bad, "total: ๑,๐๗๒", "total: ๑,๐๘๒")
    found = one(bad, "REG003", ERROR, "total: ๑,๐๘๒")
    assert "๑,๐๘๒" in found.message and "๑,๐๗๒" in found.message


def test_one_typo_in_a_stated_total_gives_one_finding():
    bad = replace_once(REGISTER, "total: ๑,๐๗๒", "total: ๑,๐๘๒")
    findings = check_text(bad)
    assert codes(findings) == ["REG002"], findings
    assert findings[0].line == line_of(bad, "total: ๑,๐๘๒")
    assert "ยอดรวม รวม" not in findings[0].message and "total of total" not in findings[0].message


def test_a_wrong_part_total_is_blamed_alone():
    # The รวม row says ๑,๐๖๔ for quad: that cell is the mistake, not the (right) total beside it.
    bad = replace_once(REGISTER, "quad: ๑,๐๕๔", "quad: ๑,๐๖๔")
    findings = check_text(bad)
    assert codes(findings) == ["REG002"], findings
    assert findings[0].line == line_of(bad, "quad: ๑,๐๖๔")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("      total: ๑,๐๗๒\n", "", id="sum-total-left-out"),
        pytest.param("      stars: ๑๘\n", "", id="part-total-left-out-is-computed"),
        pytest.param("total: ๑,๐๗๒", "total: 1,072", id="arabic-digits"),
        pytest.param(ROW1, "[เมืองลำปาง, ๑๔, ๓๕๔, ~, ๔]", id="empty-sum-cell"),
    ],
)
def test_reg003_silent(old, new):
    none(replace_once(REGISTER, old, new), "REG003")


# REG004 negative-count -----------------------------------------------------------------------


def test_reg004_negative_cell():
    bad = replace_once(REGISTER, ROW3, "[สบปราบ, -๑, ๓, ๒, ๒]")
    found = one(bad, "REG004", ERROR, "[สบปราบ, -๑")
    assert "ผลิตภัณฑ์ ๑-๓ ดาว" in found.message


def test_reg004_negative_total():
    bad = replace_once(REGISTER, "stars: ๑๘", "stars: -๑๘")
    one(bad, "REG004", ERROR, "stars: -๑๘")


def test_reg004_zero_is_fine():
    none(replace_once(REGISTER, ROW3, "[สบปราบ, ๐, ๒, ๒, ๒]"), "REG004")


# REG005 duplicate-row ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("แม่เมาะ", id="same"),
        pytest.param("แม่ เมาะ", id="inner-space"),
        pytest.param("แม่  เมาะ", id="double-space"),
        pytest.param('" แม่เมาะ "', id="padded"),
    ],
)
def test_reg005_duplicate_row_name(name):
    bad = replace_once(REGISTER, "[สบปราบ,", f"[{name},")
    found = one(bad, "REG005", ERROR, f"[{name}, ๑, ๑")
    assert found.line > line_of(bad, ROW2)  # the second occurrence is reported


def test_reg005_different_names_are_fine():
    none(replace_once(REGISTER, "[สบปราบ,", "[แม่ทะ,"), "REG005")


# REG006 target-over-pool ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "row",
    [
        pytest.param("[สบปราบ, ๑, ๑, ๒, ๓]", id="typed-pool"),
        pytest.param("[สบปราบ, ๑, ๑, ~, ๓]", id="computed-pool"),
    ],
)
def test_reg006_target_exceeds_the_pool(row):
    bad = replace_once(REGISTER, ROW3, row)
    found = one(bad, "REG006", ERROR, row)
    assert "๓" in found.message and "๒" in found.message


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(REGISTER, id="target-equals-pool"),
        pytest.param(replace_once(REGISTER, ROW3, "[สบปราบ, ๑, ๑, ~, ๒]"), id="target-equals-computed-pool"),
        pytest.param(
            replace_once(replace_once(REGISTER, ", pool: total}", "}"), ROW3, "[สบปราบ, ๑, ๑, ๒, ๓]"),
            id="no-pool-column",
        ),
    ],
)
def test_reg006_silent(text):
    none(text, "REG006")


# REG007 target-total -------------------------------------------------------------------------

ALLOCATION = "    allocation:\n      weight: total\n      total: {}\n"
EMPTY_TARGETS = REGISTER.replace(", ๔]", ", ~]").replace(", ๓]", ", ~]").replace(", ๒]", ", ~]")


def test_reg007_stated_total_target():
    bad = replace_once(REGISTER, "target: ๙", "target: ๑๐")
    found = one(bad, "REG007", ERROR, "target: ๑๐")
    assert "๑๐" in found.message and "๙" in found.message


def test_reg007_allocation_total():
    bad = REGISTER + ALLOCATION.format("๑๑")
    one(bad, "REG007", ERROR, "total: ๑๑")


def test_reg007_both_wrong_gives_two_findings():
    bad = replace_once(REGISTER, "target: ๙", "target: ๑๐") + ALLOCATION.format("๑๑")
    findings = check_text(bad, select={"REG007"})
    assert [(f.rule, f.line) for f in findings] == [
        ("REG007", line_of(bad, "target: ๑๐")),
        ("REG007", line_of(bad, "total: ๑๑")),
    ]


def test_reg007_targets_filled_in_by_the_allocation_are_counted():
    # allocation.total ๑๐ fills in ๑๐ targets; the รวม row still says ๙.
    bad = EMPTY_TARGETS + ALLOCATION.format("๑๐")
    one(bad, "REG007", ERROR, "target: ๙")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(REGISTER + ALLOCATION.format("๙"), id="allocation-total-right"),
        pytest.param(REGISTER.replace("      target: ๙\n", "") + ALLOCATION.format("๙"), id="allocation-total-only"),
        pytest.param(EMPTY_TARGETS + ALLOCATION.format("๙"), id="targets-left-to-the-allocation"),
        pytest.param(REGISTER.replace("      target: ๙\n", ""), id="no-stated-total"),
    ],
)
def test_reg007_silent(text):
    none(text, "REG007")


# REG008 missing-cell -------------------------------------------------------------------------


def test_reg008_missing_cell_in_a_list_row():
    bad = replace_once(REGISTER, ROW2, "[แม่เมาะ, ๓, ~, ~, ๓]")
    findings = check_text(bad, select={"REG008"})
    assert findings and set(codes(findings)) == {"REG008"}
    assert {f.line for f in findings} == {line_of(bad, "[แม่เมาะ, ๓, ~")}
    assert all(f.severity is ERROR for f in findings)
    assert any("no value for \"ผลิตภัณฑ์ Quadrant D\"" in f.message for f in findings)


def test_reg008_missing_key_in_a_mapping_row():
    bad = replace_once(REGISTER, ROW2, "{name: แม่เมาะ, stars: ๓, total: ๗๐๒, target: ๓}")
    found = one(bad, "REG008", ERROR, "{name: แม่เมาะ")
    assert "no value for \"ผลิตภัณฑ์ Quadrant D\"" in found.message


def test_reg008_empty_target_without_allocation():
    bad = replace_once(REGISTER, ROW3, "[สบปราบ, ๑, ๑, ๒, ~]")
    found = one(bad, "REG008", ERROR, "[สบปราบ, ๑, ๑, ๒, ~]")
    assert "เป้า" in found.message


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(replace_once(REGISTER, ROW3, "[สบปราบ, ๑, ๑, ~, ๒]"), id="empty-sum-cell"),
        pytest.param(replace_once(REGISTER, ROW3, "[สบปราบ, ๑, ๑, ๒, ~]") + ALLOCATION.format("๙"), id="empty-target-with-allocation"),
    ],
)
def test_reg008_silent(text):
    none(text, "REG008")


# REG009 allocation-rule ----------------------------------------------------------------------

ALLOCATED = REGISTER.split("registers:")[0] + """\
registers:
  - id: alloc
    title: ทะเบียนจัดสรรเป้าหมาย
    columns:
      - {key: weight, title: จำนวนผลิตภัณฑ์}
      - {key: target, title: เป้า, target: true, pool: weight}
    rows:
      - [เมืองลำปาง, ๔๐, ๔]
      - [แม่เมาะ, ๓๐, ๓]
      - [เกาะคา, ๒๐, ๒]
    totals: {weight: ๙๐, target: ๙}
    allocation: {method: hamilton, weight: weight}
"""
"""Weights ๔๐ : ๓๐ : ๒๐ share ๙ seats exactly as ๔, ๓, ๒."""


def test_reg009_allocated_register_is_clean_with_every_rule():
    assert check_text(ALLOCATED) == []


def test_reg009_typed_target_differs_from_the_rule():
    bad = replace_once(ALLOCATED, "[แม่เมาะ, ๓๐, ๓]", "[แม่เมาะ, ๓๐, ๒]")
    found = one(bad, "REG009", ERROR, "[แม่เมาะ, ๓๐, ๒]")
    assert "hamilton" in found.message and "๒" in found.message and "๓" in found.message


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param(", target: true, pool: weight}", "}", id="no-target-column"),
        pytest.param(", target: ๙}", "}", id="no-total-to-share"),
    ],
)
def test_reg009_rule_that_cannot_be_applied(old, new):
    bad = replace_once(ALLOCATED, old, new)
    one(bad, "REG009", ERROR, "allocation:")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(ALLOCATED, id="typed-as-the-rule-gives"),
        pytest.param(replace_once(ALLOCATED, "[แม่เมาะ, ๓๐, ๓]", "[แม่เมาะ, ๓๐, ~]"), id="empty-target-is-filled-in"),
        pytest.param(replace_once(ALLOCATED, "    allocation: {method: hamilton, weight: weight}\n", ""), id="no-allocation-rule"),
        pytest.param(
            replace_once(replace_once(ALLOCATED, "[แม่เมาะ, ๓๐, ๓]", "[แม่เมาะ, ๓๐, ๒]"), "    allocation: {method: hamilton, weight: weight}\n", ""),
            id="no-rule-any-target-goes",
        ),
    ],
)
def test_reg009_silent(text):
    none(text, "REG009")
