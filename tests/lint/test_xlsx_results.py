"""An XLSX is read a second time (for the results of its formulas) only when it keeps some;
a document's texts are listed once and listed again when its blocks change (issue 16)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from kbo_docs.lint.document import Document, Location, Paragraph
from kbo_docs.lint.extract import extract
from kbo_docs.lint.extract.xlsx import _FORMULA_RESULT, read_sheets
from kbo_docs.lint.limits import DEFAULT


def _book(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["อำเภอ", "ชาย", "หญิง", "รวม"])
    sheet.append(["เมือง", 1, 2, "=B2+C2"])
    sheet.append(["ลี้", 4, 5, "=SUM(B3:C3)"])
    book.save(str(path))


def _keep_result(path: Path, cell: str, result: str) -> None:
    """Write ``result`` as the kept result of formula cell ``cell``, as Excel saves it."""
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet, n = re.subn(rf'(<c r="{cell}"[^>]*>(?:<f>[^<]*</f>))<v\s*(?:/>|></v>)', rf"\1<v>{result}</v>", sheet)
    assert n == 1, sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)


def test_a_kept_result_is_read_and_wins_over_the_evaluated_formula(tmp_path):
    path = tmp_path / "kept.xlsx"
    _book(path)
    _keep_result(path, "D2", "99")  # not what B2+C2 gives: proves the result was read
    (table,) = extract(path).tables
    assert [row[3].value for row in table.rows[1:]] == [99, 9]
    assert read_sheets(path, DEFAULT)["Sheet"][(2, 4)] == 99


def test_without_kept_results_formulas_are_evaluated(tmp_path):
    path = tmp_path / "plain.xlsx"
    _book(path)
    (table,) = extract(path).tables
    assert [row[3].value for row in table.rows[1:]] == [3, 9]
    assert read_sheets(path, DEFAULT)["Sheet"][(2, 4)] == 3


@pytest.mark.parametrize(("xml", "kept"), [
    (b'<c r="D5" s="4"><f>SUM(B5,C5)</f><v></v></c>', False),  # openpyxl: an empty result
    (b'<c r="D5"><f>SUM(B5,C5)</f><v/></c>', False),
    (b'<c r="D5"><f>A1</f><v> </v></c>', False),
    (b'<c r="D5"><f>A1</f></c><c r="E5"><v>5</v></c>', False),  # the value of another cell
    (b'<fill><v>1</v></fill>', False),
    (b'<c r="D5"><f>SUM(B5,C5)</f><v>148</v></c>', True),
    (b'<x:c r="D5"><x:f>A1+B1</x:f>\n  <x:v>3</x:v></x:c>', True),  # a namespace prefix, a line break
    (b'<c r="D6"><f t="shared" si="0"/><v>7</v></c>', True),  # a shared formula
    (b'<c r="D6" t="e"><f>1/0</f><v>#DIV/0!</v></c>', True),
    (b'<c r="D6" t="str"><f>A1</f><v xml:space="preserve"> x</v></c>', True),
])
def test_formula_results_are_recognised(xml, kept):
    assert (_FORMULA_RESULT.search(xml) is not None) is kept


def test_document_texts_follow_its_blocks():
    doc = Document("a.txt", "text")
    doc.blocks.append(Paragraph("หนึ่ง", Location(1, (1,))))
    assert [t for t, _ in doc.texts()] == ["หนึ่ง"]
    doc.blocks.append(Paragraph("สอง", Location(2, (2,))))
    assert [t for t, _ in doc.texts()] == ["หนึ่ง", "สอง"]
    doc.blocks[0] = Paragraph("สาม", Location(1, (1,)))
    assert [t for t, _ in doc.texts()] == ["สาม", "สอง"]
