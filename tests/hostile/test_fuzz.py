"""Fuzzing: the samples mutated and hostile documents generated (hypothesis, derandomized so
that CI runs the same few hundred examples every time). Whatever comes in, ``check``,
``allocate`` and ``lint`` answer 0, 1 or 2, never a traceback or an internal error (3), and
each answer comes quickly."""

from __future__ import annotations

import re

import tempfile
import time
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..helpers import CHIANGMAI, LAMPANG, run_cli
from ..lint.test_extract import CONTENT_TYPES, DOC_RELS, MC, RELS, W

SAMPLES = [LAMPANG.read_text(encoding="utf-8"), CHIANGMAI.read_text(encoding="utf-8")]
SECONDS = 10.0
"""Wall-clock time one example may take (most take a few hundredths of a second)."""
def fuzz(examples: int) -> settings:
    return settings(max_examples=examples, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

HOSTILE = st.sampled_from([
    "\x07", "\x0c", "\ufffe", "\u202e", "\x00", "\t", "  ", "\n", "\r\n", ": ", "- ", "{", "[", "}", "]", "'", '"',
    "&a", "*a", "!!python/object:os.system", "${", "${nobody}", "${project}", "9" * 30, "๙" * 25, "-1", "๒๙ กุมภาพันธ์ ๒๕๖๗",
    "=HYPERLINK(\"x\")", "<w:t>", "ก" * 300, "x" * 2000, "\U0001F600", "\\u202e", "\\x07", "---\n", "...\n", "? ",
    "<<: *a", "%YAML 1.1\n", "\ufeff", "๐", "1,2,3", "1.5", "nan", "inf", "null", "~", "yes", "no",
    "จำนวน " + "9" * 30 + " ข้อ ดังนี้", "๑ มกราคม " + "๙" * 30, "รวมทั้งสิ้น " + "9" * 40 + " บาท",
    "ภายในวันที่ ๓๑ เมษายน ๒๕๖๘", "ปีงบประมาณ พ.ศ. " + "๒" * 30, "ครั้งที่ " + "1" * 30 + "/2568",
])


@st.composite
def mutated_sample(draw) -> str:
    text = draw(st.sampled_from(SAMPLES))
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["insert", "delete", "duplicate", "replace_number"]))
        at = draw(st.integers(0, len(text)))
        if kind == "insert":
            text = text[:at] + draw(st.one_of(HOSTILE, st.text(max_size=20))) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 200)):]
        elif kind == "duplicate":
            lines = text.splitlines(keepends=True)
            i = draw(st.integers(0, len(lines) - 1))
            text = "".join(lines[:i] + [lines[i]] * draw(st.integers(2, 50)) + lines[i:])
        else:
            text = text.replace("๓๔}", draw(st.sampled_from(["๓๔๐๐๐๐๐๐}", '"100000000"}', "-5}", '"1e9"}', "๐}"])), 1)
    return text


def _answer(*args: str) -> None:
    start = time.monotonic()
    result = run_cli(*args)
    assert result.code in (0, 1, 2), result.output[-3000:]
    assert "Traceback" not in result.output, result.output[-3000:]
    assert time.monotonic() - start < SECONDS


@fuzz(150)
@given(mutated_sample())
def test_check_and_allocate_answer_any_mutation_of_the_samples(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        _answer("check", str(path))
        if "registers:" in text:
            _answer("allocate", str(path))
            _answer("allocate", "--explain-fit", str(path))


# ---------------------------------------------------------------------------------------------
# Hostile documents


big = st.one_of(st.integers(-5, 70), st.integers(0, 10**12), st.just(300_000_000))
words = st.one_of(HOSTILE, st.text(alphabet="กขคงจ๑๒๓ .()-:|\t", max_size=30))


@st.composite
def docx_body(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        if draw(st.booleans()):
            num = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr>' if draw(st.booleans()) else ""
            text = draw(words).replace("&", "&amp;").replace("<", "&lt;")
            parts.append(f'<w:p>{num}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>')
        else:
            rows = []
            for _ in range(draw(st.integers(1, 4))):
                before = f'<w:trPr><w:gridBefore w:val="{draw(big)}"/></w:trPr>' if draw(st.booleans()) else ""
                cells = "".join(
                    f'<w:tc><w:tcPr><w:gridSpan w:val="{draw(big)}"/></w:tcPr><w:p><w:r><w:t>{draw(st.integers(0, 999))}</w:t></w:r></w:p></w:tc>'
                    for _ in range(draw(st.integers(0, 4))))
                rows.append(f"<w:tr>{before}{cells}</w:tr>")
            parts.append(f"<w:tbl>{''.join(rows)}</w:tbl>")
    return "".join(parts)


@fuzz(60)
@given(body=docx_body(), fmt=st.sampled_from(["upperRoman", "lowerRoman", "thaiLetters", "decimal", "thaiNumbers", "upperLetter"]),
       start=big)
def test_lint_answers_any_generated_docx(body, fmt, start):
    numbering = (f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}><w:abstractNum w:abstractNumId="0">'
                 f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl>'
                 '</w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.docx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", CONTENT_TYPES)
            z.writestr("_rels/.rels", RELS)
            z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {W} {MC}><w:body>{body}</w:body></w:document>')
            z.writestr("word/_rels/document.xml.rels", DOC_RELS)
            z.writestr("word/numbering.xml", numbering)
        _answer("lint", str(path))


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
cell_value = st.one_of(st.integers(-10**9, 10**9), words, st.sampled_from(
    ["=SUM(A1:XFD1048576)", "=SUM(A1:CV1000)", "=A1+B2-C3", "=B1", "=A1", "=SUM(A1,B1;C1)", "=1/0", "=HYPERLINK(\"x\")"]))


@fuzz(60)
@given(st.lists(st.tuples(st.integers(1, 1_048_576), st.integers(1, 16_384), cell_value), max_size=25),
       st.lists(st.tuples(st.integers(1, 30), st.integers(1, 8), cell_value), max_size=40))
def test_lint_answers_any_generated_xlsx(scattered, dense):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for r, c, value in scattered + dense:
        if isinstance(value, str) and _NOT_XML.search(value):
            value = 0  # no XLSX can hold these (XML 1.0); openpyxl accepts U+FFFE but lxml then refuses to save
        try:
            ws.cell(r, c, value)
        except Exception:  # noqa: BLE001  (openpyxl refuses some characters: not what is tested)
            ws.cell(r, c, 0)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.xlsx"
        wb.save(path)
        _answer("lint", str(path))


@fuzz(60)
@given(st.lists(st.one_of(words, st.sampled_from(["|---|", "| a | 1 |", "ก\t๑\t๒", "จำนวน ๒ ข้อ ดังนี้", "๑. ก", "๑.๑ ข",
                                                     "ณ โรงแรมฮอลิเดย์การ์เด้น", "ณ โรงแรมฮอลิเย์การ์น"])), max_size=200),
       st.sampled_from(["x.txt", "x.md"]))
def test_lint_answers_any_generated_text(lines, name):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text("\n".join(lines), encoding="utf-8")
        _answer("lint", str(path))
