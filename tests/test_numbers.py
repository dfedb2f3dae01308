"""Numbering at render time: a circular to many keeps one ว number, separate letters take
consecutive numbers, parallel processes never share a number, re-rendering finds its number;
``kbo-docs number`` lists, issues and exports ทะเบียนหนังสือส่ง."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import openpyxl
import pdfplumber

from kbo_docs.numbering import NumberRegister
from kbo_docs.numbers import number_series

from .helpers import KBO_DOCS, LAMPANG, replace_once, run_cli

SAMPLE = LAMPANG.read_text(encoding="utf-8")


def head(pdf: Path) -> str:
    """The letter's first line of text (past the framed ตราครุฑ placeholder a draft prints
    where no Garuda image is configured)."""
    with pdfplumber.open(pdf) as doc:
        lines = (doc.pages[0].extract_text() or "").splitlines()
    return next(line for line in lines if line.strip() != "ตราครุฑ")


def test_number_series():
    assert number_series("ลป ๐๐๑๙.๓/ว") == "ลป ๐๐๑๙.๓/ว"
    assert number_series(" ลป  ๐๐๑๙.๓/ ") == "ลป ๐๐๑๙.๓/"
    assert number_series("ลป ๐๐๑๙.๓/ว ๑๒") is None
    assert number_series("ลป ๐๐๑๙.๓/๑๒") is None


def test_a_circular_to_every_district_keeps_one_number(tmp_path):
    db = tmp_path / "reg.sqlite"
    NumberRegister(db).issue("ลป ๐๐๑๙.๓/ว", date=dt.date(2024, 11, 1), subject="ฉบับก่อน")
    out = tmp_path / "OUT"
    run = run_cli("render", str(LAMPANG), "-o", str(out), "--format", "pdf", "--only", "kbo68-districts",
                  "--number-register", str(db), "--jobs", "2")
    assert run.code == 0, run.output
    assert "ออกเลข / numbered: ที่ ลป ๐๐๑๙.๓/ว ๒ (13 ฉบับ / letters)" in run.stdout
    letters = sorted(out.glob("kbo68-districts-*.pdf"))
    assert len(letters) == 13
    assert {head(p).split(" ศาลากลาง")[0] for p in letters} == {"ที่ ลป ๐๐๑๙.๓/ว ๒"}
    (row,) = [r for r in NumberRegister(db).list() if r.number == 2]
    assert row.recipient == "นายอำเภอ ทุกอำเภอ" and row.file == "lampang-kbo-2568.yaml#kbo68-districts"
    assert "พ.ศ. ๒๕๖๘" in row.subject and "\u00a0" not in row.subject
    again = run_cli("render", str(LAMPANG), "-o", str(out), "--format", "pdf", "--only", "kbo68-districts",
                    "--number-register", str(db), "--overwrite", "--jobs", "1")
    assert again.code == 0 and "ที่ ลป ๐๐๑๙.๓/ว ๒ " in again.stdout  # rendering again finds its number
    assert [r.number for r in NumberRegister(db).list()] == [1, 2]


LETTERS = replace_once(replace_once(SAMPLE, "    number: ลป ๐๐๑๙.๓/ว\n", "    number: ลป ๐๐๑๙.๓/\n"),
                       "    kind: circular\n", "    kind: letter\n")


def test_separate_letters_take_consecutive_numbers(tmp_path):
    data = tmp_path / "letters.yaml"
    data.write_text(LETTERS, encoding="utf-8")
    db = tmp_path / "reg.sqlite"
    out = tmp_path / "OUT"
    run = run_cli("render", str(data), "-o", str(out), "--format", "pdf", "--only", "kbo68-districts",
                  "--number-register", str(db), "--jobs", "2")
    assert run.code == 0, run.output
    letters = sorted(out.glob("kbo68-districts-*.pdf"))
    from kbo_docs import thai

    assert [head(p).split(" ศาลากลาง")[0] for p in letters] == [
        f"ที่ ลป ๐๐๑๙.๓/{thai.thai_digits(str(n))}" for n in range(1, 14)]
    rows = NumberRegister(db).list()
    assert [(r.number, r.recipient) for r in rows][:2] == [(1, "นายอำเภอเมืองลำปาง"), (2, "นายอำเภอแม่เมาะ")]


def test_without_a_register_the_number_is_left_blank(tmp_path):
    run = run_cli("render", str(LAMPANG), "-o", str(tmp_path), "--format", "pdf", "--only", "kbo68-districts")
    assert run.code == 0
    assert "not numbered" in run.stderr and "--number-register" in run.stderr
    assert head(tmp_path / "kbo68-districts-01-เมืองลำปาง.pdf").startswith("ที่ ลป ๐๐๑๙.๓/ว ศาลากลาง")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHAINLP_READ_ONLY": "1", "LC_ALL": "C.UTF-8"}


def test_parallel_renders_never_share_a_number(tmp_path):
    db = tmp_path / "reg.sqlite"
    NumberRegister(db)  # created and migrated before the race
    procs = []
    for i in range(4):
        data = tmp_path / f"c{i}.yaml"
        data.write_text(replace_once(SAMPLE, "    subject: การดำเนิน", f"    subject: ฉบับที่ {i} การดำเนิน"), encoding="utf-8")
        procs.append(subprocess.Popen(
            [str(KBO_DOCS), "render", str(data), "-o", str(tmp_path / f"out{i}"), "--format", "docx", "--quiet",
             "--only", "kbo68-districts-01-เมืองลำปาง", "--number-register", str(db), "--jobs", "1"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env()))
    procs += [subprocess.Popen([str(KBO_DOCS), "number", "issue", "--register", str(db), "--series", "ลป ๐๐๑๙.๓/ว",
                                "--date", "๖ ธันวาคม ๒๕๖๗", "--subject", f"มือ {i}"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env()) for i in range(4)]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    rows = NumberRegister(db).list(series="ลป ๐๐๑๙.๓/ว", year=2567)
    assert sorted(r.number for r in rows) == list(range(1, 9))
    assert len({r.subject for r in rows}) == 8


def test_number_cli_lists_issues_and_exports(tmp_path):
    db = str(tmp_path / "reg.sqlite")
    issued = run_cli("number", "issue", "--register", db, "--series", "ลป ๐๐๑๙.๓/ว", "--date", "2024-12-06",
                     "--subject", "=SUM(A1)", "--recipient", "นายอำเภองาว")
    assert issued.code == 0 and issued.stdout.strip() == "ลป ๐๐๑๙.๓/ว ๑"
    listed = run_cli("number", "list", "--register", db)
    assert "ลป ๐๐๑๙.๓/ว ๑\t๖ ธันวาคม ๒๕๖๗\tนายอำเภองาว\t=SUM(A1)" in listed.stdout
    out = tmp_path / "ทะเบียน.xlsx"
    assert run_cli("number", "export", "--register", db, "-o", str(out)).code == 0
    ws = openpyxl.load_workbook(out).active
    assert ws.title == "ทะเบียนหนังสือส่ง" and ws["B3"].value == "ลป ๐๐๑๙.๓/ว ๑"
    assert ws["E3"].value == "=SUM(A1)" and ws["E3"].data_type == "s"
    again = run_cli("number", "export", "--register", db, "-o", str(out))
    assert again.code == 2 and "--overwrite" in again.stderr
    bad = run_cli("number", "issue", "--register", db, "--series", "x/", "--date", "๓๒ ธันวาคม ๒๕๖๗")
    assert bad.code == 2 and "Traceback" not in bad.output
