"""The two real documents: every mistake they carry is reported at its place, as text, as DOCX,
as a PDF made by WeasyPrint and as a PDF saved by LibreOffice; their corrected copies lint clean
in every kind.

PDF notes (what these tests depend on):
- The WeasyPrint PDFs are drawn with kbo-docs' Thai text layer (``kbo_docs.render.textlayer``):
  with WeasyPrint's stock text layer, SARA AM and SARA AA share one glyph and read back wrong,
  and words such as จำนวน, ภายใน, ธันวาคม would not be found. The PDF findings on the corrected
  copies and on the Chiang Mai original depend on that fix.
- The Lampang original holds Devanagari letters that Sarabun does not have; WeasyPrint then
  writes a font encoding that pdfminer (pdfplumber) cannot decode at all, and lint reads that
  PDF with poppler's ``pdftotext`` instead (no tables and no doubled spaces in that reading).
- Locations are checked against an independent reading: pdfplumber's own line grouping, with
  whitespace and Thai marks ignored.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kbo_docs.lint import lint_path

from .build import pdf_lines_with, pdf_location
from .examples import (
    CHIANGMAI,
    FIXES,
    LAMPANG,
    MISTAKES,
    corrected,
    corrected_path,
    example_text,
)

NAMES = [LAMPANG, CHIANGMAI]
KINDS = ["txt", "docx", "pdf", "lo.pdf"]


def _file(built, name: str, variant: str, kind: str) -> Path:
    files = built[(name, variant)].files
    assert kind in files, "LibreOffice (soffice) is needed: apt-get install libreoffice-writer fonts-thai-tlwg"
    return files[kind]


def test_the_examples_are_there():
    for name in NAMES:
        assert example_text(name).strip()


@pytest.mark.parametrize("name", NAMES)
def test_corrected_copy_is_the_original_with_only_its_mistakes_fixed(name):
    """The fixture under tests/lint/fixtures is exactly the original with FIXES applied."""
    assert corrected_path(name).read_text(encoding="utf-8") == corrected(name)
    assert len(FIXES[name]) >= len({(rule, line) for rule, line, _ in MISTAKES[name]})


@pytest.mark.parametrize("name", NAMES)
def test_text_reports_every_mistake_at_its_line_and_nothing_else(name, built):
    _doc, findings = lint_path(_file(built, name, "original", "txt"))
    assert sorted({(f.rule, f.line) for f in findings}) == sorted({(rule, line) for rule, line, _ in MISTAKES[name]})
    assert len(findings) == len({(f.rule, f.line) for f in findings})


@pytest.mark.parametrize("name", NAMES)
def test_docx_reports_every_mistake_at_its_paragraph_and_nothing_else(name, built):
    document = built[(name, "original")]
    _doc, findings = lint_path(document.files["docx"])
    expected = {(rule, document.layout.docx[line]) for rule, line, _ in MISTAKES[name]}
    assert sorted({(f.rule, f.line) for f in findings}) == sorted(expected)


@pytest.mark.parametrize("kind", ["pdf", "lo.pdf"])
@pytest.mark.parametrize("name", NAMES)
def test_pdf_reports_every_mistake_on_its_page_and_line_and_nothing_else(name, kind, built):
    path = _file(built, name, "original", kind)
    _doc, findings = lint_path(path)
    places = {(rule, words): pdf_lines_with(path, words) for rule, _line, words in MISTAKES[name]}
    for (rule, words), lines in places.items():
        assert lines, f"{words!r} is not in the PDF text at all"
        hits = [f for f in findings if f.rule == rule and pdf_location(str(f.line)) in lines]
        assert hits, f"{rule} not reported on {sorted(lines)} ({words!r}); got {[(f.rule, f.line) for f in findings]}"
    for f in findings:
        assert any(rule == f.rule and pdf_location(str(f.line)) in lines for (rule, _w), lines in places.items()), \
            f"unexpected {f}"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", NAMES)
def test_corrected_copy_lints_clean(name, kind, built):
    _doc, findings = lint_path(_file(built, name, "corrected", kind))
    assert findings == []


@pytest.mark.parametrize("name", NAMES)
def test_corrected_fixture_file_lints_clean(name):
    _doc, findings = lint_path(corrected_path(name))
    assert findings == []


def test_messages_name_the_mistake(built):
    _doc, findings = lint_path(built[(LAMPANG, "original")].files["txt"])
    by_rule = {f.rule: f.message for f in findings}
    assert "DEVANAGARI" in by_rule["TXT001"]
    assert "๒๐ ธันวาคม ๒๕๖๘" in by_rule["CIR003"] and "ปีงบประมาณ พ.ศ. ๒๕๖๘" in by_rule["CIR003"]
    _doc, findings = lint_path(built[(CHIANGMAI, "original")].files["txt"])
    messages = " ".join(f.message for f in findings)
    assert "states 2 กิจกรรม but lists 3 items" in messages
    assert "มกราคม - มีนาคม ๒๕๖๔" in messages and "fiscal year 2565" in messages
    assert "ฮอลิเย์การ์น" in messages and "ฮอลิเดย์การ์เด้น" in messages


def test_the_same_mistake_reads_the_same_in_check_and_lint(built):
    """One rule, two front ends: the deadline typed a year late gives the same CIR003 message
    in the data file (kbo-docs check) and in the typed letter (kbo-docs lint)."""
    from tests.helpers import LAMPANG as SAMPLE
    from tests.helpers import check_text, replace_once

    text = replace_once(SAMPLE.read_text(encoding="utf-8"), "deadline: ๒๐ ธันวาคม ๒๕๖๗", "deadline: ๒๐ ธันวาคม ๒๕๖๘")
    (from_check,) = check_text(text)
    _doc, findings = lint_path(built[(LAMPANG, "original")].files["txt"])
    (from_lint,) = [f for f in findings if f.rule == "CIR003"]
    assert from_check.rule == from_lint.rule == "CIR003"
    assert from_check.message == from_lint.message
