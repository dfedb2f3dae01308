"""The ``kbo-docs`` command line: check (text and JSON, several files, --select), schema, rules,
--version."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest
import yaml

from kbo_docs import __version__
from kbo_docs.load import json_schema_text
from kbo_docs.rules import REGISTRY

from .helpers import CHIANGMAI, LAMPANG, line_of, replace_once, run_subprocess
from .helpers import run_cli as run

BAD = Path(__file__).resolve().parent / "bad_inputs"
SUMMARY_CLEAN = "0 error(s), 0 warning(s)"


@pytest.fixture
def late_deadline(tmp_path) -> tuple[Path, int]:
    """A copy of the Lampang sample whose deadline is a year late (CIR003) and its line."""
    text = replace_once(LAMPANG.read_text(encoding="utf-8"), "deadline: ๒๐ ธันวาคม ๒๕๖๗", "deadline: ๒๐ ธันวาคม ๒๕๖๘")
    path = tmp_path / "late-deadline.yaml"
    path.write_text(text, encoding="utf-8")
    return path, line_of(text, "deadline: ๒๐ ธันวาคม ๒๕๖๘")


@pytest.fixture
def two_findings(tmp_path) -> Path:
    """A copy of the Lampang sample with an error (CIR003) and a warning (TXT003, double space)."""
    text = LAMPANG.read_text(encoding="utf-8")
    text = replace_once(text, "deadline: ๒๐ ธันวาคม ๒๕๖๗", "deadline: ๒๐ ธันวาคม ๒๕๖๘")
    text = replace_once(text, "recipient: นายอำเภอ ทุกอำเภอ", "recipient: นายอำเภอ  ทุกอำเภอ")
    path = tmp_path / "two-findings.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# check


@pytest.mark.parametrize("path", [LAMPANG, CHIANGMAI], ids=lambda p: p.name)
def test_check_sample_exits_0(path):
    result = run("check", str(path))
    assert (result.code, result.stderr) == (0, "")
    assert result.stdout.strip().startswith(f"1 file(s) checked: {SUMMARY_CLEAN}")


def test_check_both_samples_with_the_real_command():
    result = run_subprocess("check", str(LAMPANG), str(CHIANGMAI))
    assert (result.code, result.stderr) == (0, "")
    assert f"2 file(s) checked: {SUMMARY_CLEAN}" in result.stdout


def test_check_text_output_names_file_line_rule_and_severity(late_deadline):
    path, line = late_deadline
    result = run("check", str(path))
    assert result.code == 1
    assert f"{path}:{line}: CIR003 error " in result.stdout
    assert "๒๐ ธันวาคม ๒๕๖๘" in result.stdout
    assert "1 file(s) checked: 1 error(s), 0 warning(s)" in result.stdout


def test_check_json_lists_findings_with_rule_severity_message_file_line(late_deadline):
    path, line = late_deadline
    result = run("check", "--format", "json", str(path))
    assert result.code == 1
    findings = json.loads(result.stdout)
    assert isinstance(findings, list)
    assert len(findings) == 1
    (finding,) = findings
    assert {"rule", "severity", "message", "file", "line"} <= set(finding)
    assert finding["rule"] == "CIR003"
    assert finding["severity"] == "error"
    assert finding["file"] == str(path)
    assert finding["line"] == line
    assert "๒๐ ธันวาคม ๒๕๖๘" in finding["message"]
    assert " / " in finding["message"]  # Thai / English


def test_check_json_of_clean_files_is_an_empty_list():
    result = run("check", "--format", "json", str(LAMPANG), str(CHIANGMAI))
    assert result.code == 0
    assert json.loads(result.stdout) == []


def test_check_json_reports_unusable_input_as_an_entry():
    path = BAD / "date_31_february.yaml"
    text = path.read_text(encoding="utf-8")
    result = run("check", "--format", "json", str(path))
    assert result.code == 2
    (entry,) = json.loads(result.stdout)
    assert entry["rule"] == "INPUT"
    assert entry["severity"] == "error"
    assert entry["file"] == str(path)
    assert entry["line"] == line_of(text, "date: ๓๑ กุมภาพันธ์")
    assert "no such date" in entry["message"]


CLEAN, RULE_ERROR, UNUSABLE = str(LAMPANG), str(BAD / "register_row_sum_wrong.yaml"), str(BAD / "empty.yaml")


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ([CLEAN, CHIANGMAI], 0),
        ([CLEAN, RULE_ERROR], 1),
        ([RULE_ERROR, CLEAN], 1),
        ([CLEAN, UNUSABLE], 2),
        ([UNUSABLE, RULE_ERROR, CLEAN], 2),
        ([RULE_ERROR, CLEAN, UNUSABLE], 2),
    ],
    ids=["0+0", "0+1", "1+0", "0+2", "2+1+0", "1+0+2"],
)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_several_files_exit_with_the_worst_status(files, expected, fmt):
    result = run("check", "--format", fmt, *map(str, files))
    assert result.code == expected
    assert "Traceback" not in result.output


def test_several_files_findings_are_grouped_by_file(tmp_path, late_deadline):
    late, late_line = late_deadline
    rows = BAD / "register_row_sum_wrong.yaml"
    negative = BAD / "register_negative_cell.yaml"
    files = [late, CHIANGMAI, rows, negative]
    result = run("check", *map(str, files))
    assert result.code == 1
    out = result.stdout.splitlines()
    # each file with findings: its name on a line of its own, then its findings, indented
    assert out[0] == str(late)
    assert out[1].startswith(f"  {late}:{late_line}: CIR003")
    assert out[2] == str(rows)
    assert out[3].startswith(f"  {rows}:")
    assert out[4] == str(negative)
    assert out[5].startswith(f"  {negative}:")
    assert out[6].startswith("4 file(s) checked: 3 error(s), 0 warning(s)")
    assert len(out) == 7

    entries = json.loads(run("check", "--format", "json", *map(str, files)).stdout)
    order = [e["file"] for e in entries]
    assert order == [str(late), str(rows), str(negative)]  # argument order, one run per file


def test_several_files_an_unusable_one_does_not_stop_the_others():
    result = run("check", UNUSABLE, RULE_ERROR)
    assert result.code == 2
    assert result.stderr.startswith(f"{UNUSABLE}:1: ")
    assert "REG001" in result.stdout
    assert "1 file(s) checked: 1 error(s), 0 warning(s)" in result.stdout


def test_check_needs_a_file():
    result = run("check")
    assert result.code == 2
    assert "Traceback" not in result.output


# ---------------------------------------------------------------------------------------------
# --select


@pytest.mark.parametrize("select", ["XYZ999", "CIR003,NOPE01", "cir03"])
def test_select_unknown_code_is_a_usage_error(select):
    result = run("check", "--select", select, str(LAMPANG))
    assert result.code == 2
    assert "unknown rule code(s)" in result.stderr
    assert "Traceback" not in result.output
    assert "checked" not in result.stdout  # nothing was checked


def test_select_unknown_code_is_a_usage_error_in_a_real_process():
    result = run_subprocess("check", "--select", "XYZ999", str(LAMPANG))
    assert result.code == 2
    assert "unknown rule code(s): XYZ999" in result.stderr
    assert "Traceback" not in result.output


def test_without_select_both_findings_are_reported(two_findings):
    result = run("check", "--format", "json", str(two_findings))
    assert result.code == 1
    assert sorted(f["rule"] for f in json.loads(result.stdout)) == ["CIR003", "TXT003"]


@pytest.mark.parametrize(
    ("select", "rules", "code"),
    [
        ("CIR003", ["CIR003"], 1),
        ("txt003", ["TXT003"], 0),  # case does not matter; a warning alone exits 0
        ("CIR003, TXT003", ["CIR003", "TXT003"], 1),
        ("REG001", [], 0),
    ],
)
def test_select_known_code_reports_only_that_code(two_findings, select, rules, code):
    result = run("check", "--format", "json", "--select", select, str(two_findings))
    assert result.code == code
    assert sorted(f["rule"] for f in json.loads(result.stdout)) == rules


# ---------------------------------------------------------------------------------------------
# schema


def _schema() -> dict:
    result = run("schema")
    assert (result.code, result.stderr) == (0, "")
    return json.loads(result.stdout)


def test_schema_is_valid_json_schema():
    schema = _schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert {"agency", "project", "circulars", "registers", "meetings", "memos", "orders", "invitations",
            "announcements"} <= set(schema["properties"])
    # agency and project are needed only where a document prints them (PRJ001), not by the schema
    assert not set(schema.get("required", [])) & {"agency", "project"}
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(schema)


def test_jsonschema_is_installed_for_the_tests():
    # Needed by the schema tests; it belongs in the `test` extra of pyproject.toml.
    assert importlib.util.find_spec("jsonschema") is not None


def _schema_errors(path: Path, loader: type) -> list[str]:
    import jsonschema

    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - Base/Safe only
    validator = jsonschema.Draft202012Validator(_schema())
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message[:80]}" for e in validator.iter_errors(data)]


@pytest.mark.parametrize("path", [LAMPANG, CHIANGMAI], ids=lambda p: p.name)
def test_samples_validate_against_the_schema_as_the_loader_reads_them(path):
    assert _schema_errors(path, yaml.BaseLoader) == []


@pytest.mark.parametrize("path", [LAMPANG, CHIANGMAI], ids=lambda p: p.name)
def test_samples_validate_against_the_schema_as_an_editor_reads_them(path):
    assert _schema_errors(path, yaml.SafeLoader) == []


def test_schema_output_file_is_written(tmp_path):
    target = tmp_path / "docs" / "schema.json"
    result = run("schema", "-o", str(target))
    assert (result.code, result.stdout, result.stderr) == (0, "", "")
    assert target.read_text(encoding="utf-8") == json_schema_text()
    json.loads(target.read_text(encoding="utf-8"))


def test_schema_output_file_is_kept_without_overwrite(tmp_path):
    # Was a bug (issue 10): schema -o replaced an existing file without --overwrite.
    target = tmp_path / "schema.json"
    target.write_text("old", encoding="utf-8")
    result = run("schema", "--output", str(target))
    assert result.code == 2
    assert "--overwrite" in result.stderr and str(target) in result.stderr
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["schema.json"]


def test_schema_output_file_is_replaced_with_overwrite(tmp_path):
    target = tmp_path / "schema.json"
    target.write_text("old", encoding="utf-8")
    result = run("schema", "--output", str(target), "--overwrite")
    assert result.code == 0
    assert target.read_text(encoding="utf-8") == run("schema").stdout
    assert [p.name for p in tmp_path.iterdir()] == ["schema.json"]  # no temporary file left


def test_schema_output_file_follows_the_umask(tmp_path):
    # Was a bug: files written through write_bytes_atomic kept mkstemp's mode 0600.
    old = os.umask(0o022)
    try:
        target = tmp_path / "schema.json"
        assert run("schema", "-o", str(target)).code == 0
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644


def test_schema_with_the_real_command():
    result = run_subprocess("schema")
    assert result.code == 0
    assert json.loads(result.stdout)["title"] == "kbo-docs project-year data file"


# ---------------------------------------------------------------------------------------------
# rules, --version


def test_rules_lists_every_code_once():
    result = run("rules")
    assert (result.code, result.stderr) == (0, "")
    listed = [line.split()[0] for line in result.stdout.splitlines() if line.strip()]
    assert listed == list(REGISTRY)
    assert len(listed) >= 30
    for line in result.stdout.splitlines():
        code = line.split()[0]
        assert REGISTRY[code].severity.value in line.split()
        assert REGISTRY[code].name in line


def test_rules_markdown_documents_every_code():
    result = run("rules", "--markdown")
    assert result.code == 0
    for code in REGISTRY:
        assert code in result.stdout


@pytest.mark.parametrize("runner", [run, run_subprocess], ids=["in-process", "subprocess"])
def test_version(runner):
    result = runner("--version")
    assert result.code == 0
    assert result.stdout.strip() == f"kbo-docs, version {__version__}"


def test_help_mentions_every_command():
    result = run("--help")
    assert result.code == 0
    for command in ("check", "schema", "rules"):
        assert command in result.stdout
