"""``kbo-docs lint``: looks and behaves like ``check`` (grouped text, ``--format json``, exit
0/1/2, ``--select``), and linting a text file imports no heavy library."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from ..helpers import run_cli as run
from ..helpers import run_subprocess
from .examples import CHIANGMAI, LAMPANG, corrected_path, example_text


@pytest.fixture
def originals(tmp_path):
    paths = []
    for name in (LAMPANG, CHIANGMAI):
        path = tmp_path / name
        path.write_text(example_text(name), encoding="utf-8")
        paths.append(path)
    return paths


def test_clean_files_exit_0():
    result = run("lint", str(corrected_path(LAMPANG)), str(corrected_path(CHIANGMAI)))
    assert (result.code, result.stderr) == (0, "")
    assert result.stdout.strip() == "2 file(s) linted: 0 error(s), 0 warning(s)"


def test_text_output_is_grouped_by_file_like_check(originals):
    lampang, chiangmai = originals
    result = run("lint", str(lampang), str(chiangmai))
    assert result.code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == str(lampang)
    assert lines[1].startswith(f"  {lampang}:9: TXT001 error ")
    assert lines[2].startswith(f"  {lampang}:31: CIR003 error ")
    assert lines[3] == str(chiangmai)
    assert f"  {chiangmai}:25: MTG004 error " in result.stdout
    assert f"  {chiangmai}:27: LNT001 warning " in result.stdout
    assert lines[-1] == "2 file(s) linted: 4 error(s), 3 warning(s)"


def test_json_lists_rule_severity_message_file_line(originals):
    lampang, _ = originals
    result = run("lint", "--format", "json", str(lampang))
    assert result.code == 1
    findings = json.loads(result.stdout)
    assert [(f["rule"], f["severity"], f["line"]) for f in findings] == [("TXT001", "error", 9), ("CIR003", "error", 31)]
    assert all(set(f) >= {"rule", "severity", "message", "file", "line"} and f["file"] == str(lampang) for f in findings)


def test_json_line_is_a_location_for_documents(tmp_path):
    from .build import write_docx

    path = tmp_path / "letter.docx"
    write_docx(example_text(LAMPANG), path)
    result = run("lint", "--format", "json", str(path))
    assert result.code == 1
    assert [(f["rule"], f["line"]) for f in json.loads(result.stdout)] == [("TXT001", "p3"), ("CIR003", "p15")]


def test_warnings_alone_exit_0(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("ขอเชิญ  นายอำเภอ\n", encoding="utf-8")
    result = run("lint", str(path))
    assert result.code == 0
    assert "TXT003 warning" in result.stdout


def test_an_unusable_file_exits_2_with_one_line_and_the_others_are_still_linted(tmp_path, originals):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip at all")
    result = run("lint", str(bad), str(originals[0]))
    assert result.code == 2
    assert result.stderr.strip().count("\n") == 0 and "not a DOCX file" in result.stderr
    assert "TXT001" in result.stdout
    assert "1 file(s) linted: 2 error(s), 0 warning(s); 1 file(s) could not be used" in result.stdout
    as_json = json.loads(run("lint", "--format", "json", str(bad)).stdout)
    assert as_json == [{"rule": "INPUT", "severity": "error", "message": as_json[0]["message"], "file": str(bad), "line": 0}]


def test_select_only_these_codes(originals):
    result = run("lint", "--format", "json", "--select", "cir003", *map(str, originals))
    assert [f["rule"] for f in json.loads(result.stdout)] == ["CIR003"]


@pytest.mark.parametrize("code", ["NOPE01", "REG008"])
def test_select_unknown_or_data_only_code_is_a_usage_error(originals, code):
    result = run("lint", "--select", code, str(originals[0]))
    assert result.code == 2
    assert code in result.stderr


def test_the_real_command(originals):
    result = run_subprocess("lint", *map(str, originals))
    assert result.code == 1
    assert "2 file(s) linted: 4 error(s), 3 warning(s)" in result.stdout


def test_help_lists_lint():
    assert "lint" in run("--help").stdout
    assert ".docx" in run("lint", "--help").stdout


HEAVY = ["weasyprint", "openpyxl", "docx", "docxtpl", "lxml", "pdfplumber", "pdfminer", "pypdf"]


def test_linting_text_imports_no_heavy_library(originals):
    script = (
        "import sys\n"
        "from kbo_docs.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:], prog_name='kbo-docs')\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, "lint", str(originals[0])], capture_output=True, text=True, timeout=60, check=False)
    assert done.stderr.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(("suffix", "loaded"), [(".docx", ["lxml"]), (".xlsx", ["lxml", "openpyxl"]),
                                                 (".pdf", ["pdfminer", "pdfplumber"])])
def test_each_kind_imports_only_its_reader(tmp_path, suffix, loaded):
    """A DOCX is read with lxml alone (not python-docx), an XLSX with openpyxl, a PDF with
    pdfplumber; WeasyPrint is never imported by lint."""
    from openpyxl import Workbook

    from .test_extract import _p, write_package
    from .test_hostile import _pdf_pages

    path = tmp_path / f"x{suffix}"
    if suffix == ".docx":
        write_package(path, _p("เรียน นายอำเภอ"))
    elif suffix == ".xlsx":
        Workbook().save(str(path))
    else:
        _pdf_pages(path, 1)
    script = (
        "import json, sys\n"
        "from kbo_docs.api import lint_file\n"
        "lint_file(sys.argv[1])\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=60, check=False)
    imported = json.loads(done.stdout)
    assert set(loaded) <= set(imported)
    assert not {"weasyprint", "docx", "docxtpl"} & set(imported)
