"""The samples are correct, and copies carrying each of the real documents' mistakes are caught
by the right rule at the right line."""

from __future__ import annotations

import pytest

from kbo_docs.findings import Severity
from kbo_docs.load import load_project

from .helpers import CHIANGMAI, LAMPANG, check_text, codes, line_of, replace_once


@pytest.mark.parametrize("path", [LAMPANG, CHIANGMAI], ids=lambda p: p.name)
def test_sample_checks_clean(path):
    findings = check_text(path.read_text(encoding="utf-8"), str(path))
    assert findings == []


def test_lampang_sample_shape():
    project = load_project(LAMPANG).project
    assert project.project.fiscal_year == 2568
    (circular,) = project.circulars
    assert circular.number == "ลป ๐๐๑๙.๓/ว"  # numbered from the register when rendered
    assert circular.date.isoformat() == "2024-12-06"
    assert [e.title for e in circular.enclosures][0] == "ทะเบียนจัดสรรกลุ่มเป้าหมาย"
    (register,) = project.registers
    assert len(register.rows) == 13
    assert register.column_sum("total") == 1748
    assert register.column_sum("target") == 34


def test_lampang_deadline_a_year_late_is_caught_at_its_line():
    text = LAMPANG.read_text(encoding="utf-8")
    bad = replace_once(text, "deadline: ๒๐ ธันวาคม ๒๕๖๗", "deadline: ๒๐ ธันวาคม ๒๕๖๘")
    findings = check_text(bad)
    assert codes(findings) == ["CIR003"]
    assert findings[0].line == line_of(bad, "deadline: ๒๐ ธันวาคม ๒๕๖๘")
    assert findings[0].severity is Severity.ERROR
    assert "๒๐ ธันวาคม ๒๕๖๘" in findings[0].message


def test_lampang_deadline_typed_into_the_text_is_caught_too():
    text = LAMPANG.read_text(encoding="utf-8")
    bad = replace_once(text, "ภายในวันที่ ${deadline}", "ภายในวันที่ ๒๐ ธันวาคม ๒๕๖๘")
    findings = check_text(bad)
    assert codes(findings) == ["CIR003"]
    assert findings[0].line == line_of(bad, "ภายในวันที่ ๒๐ ธันวาคม ๒๕๖๘")


def test_lampang_devanagari_in_street_name_is_caught_at_its_line():
    text = LAMPANG.read_text(encoding="utf-8")
    bad = replace_once(text, "ถนนวชิราวุธดำเนิน", "ถนนวชิรवारुฒิดำเนิน")
    findings = check_text(bad)
    assert codes(findings) == ["TXT001"]
    assert findings[0].line == line_of(bad, "ถนนวชิรवारुฒิดำเนิน")
    assert "DEVANAGARI" in findings[0].message


def test_chiangmai_stated_activity_count_is_caught_at_its_line():
    text = CHIANGMAI.read_text(encoding="utf-8")
    bad = replace_once(text, "จำนวน ${count} กิจกรรม", "จำนวน ๒ กิจกรรม")
    findings = check_text(bad)
    assert codes(findings) == ["MTG004"]
    assert findings[0].line == line_of(bad, "จำนวน ๒ กิจกรรม")
    assert "๒" in findings[0].message and "3" in findings[0].message


def test_chiangmai_activity_in_the_wrong_year_is_caught_at_its_line():
    text = CHIANGMAI.read_text(encoding="utf-8")
    bad = replace_once(text, "when: มกราคม - มีนาคม ๒๕๖๕", "when: มกราคม - มีนาคม ๒๕๖๔")
    findings = check_text(bad)
    assert codes(findings) == ["MTG005"]
    assert findings[0].line == line_of(bad, "when: มกราคม - มีนาคม ๒๕๖๔")


def test_chiangmai_original_spacing_and_digits_are_reported():
    text = CHIANGMAI.read_text(encoding="utf-8")
    bad = replace_once(text, "name: นายเจริญ สีวาโย", "name: นายเจริญ  สีวาโย")
    bad = replace_once(bad, "number: ๑/๒๕๖๕", "number: 1/2564")
    found = {(f.rule, f.line) for f in check_text(bad)}
    assert ("TXT003", line_of(bad, "นายเจริญ  สีวาโย")) in found
    assert ("MTG001", line_of(bad, "number: 1/2564")) in found
