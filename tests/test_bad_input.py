"""Bad input: every broken data file in ``tests/bad_inputs/`` gives the right exit status, names
its file and line, says what is wrong, and never shows a traceback.

Exit status of ``kbo-docs check FILE``: 2 = the input could not be used (unreadable, malformed
YAML, schema violation), 1 = it loads but rules find errors, 0 = clean.

The expected line is never a number in this file: it is the one line of the data file that
contains ``marker`` (each data file says in its header comment what is wrong with it).
A few cases are written at test time into ``tmp_path`` (bytes that are not UTF-8, a missing
file, a directory). Known bugs are strict xfails on the aspect that is wrong, so the other
aspects of the same file stay checked.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from kbo_docs.findings import InputError
from kbo_docs.load import load_project

from .helpers import run_subprocess
from .helpers import run_cli as run_in_process

BAD = Path(__file__).resolve().parent / "bad_inputs"
ASPECTS = ("status", "line", "message", "clean")


# ---------------------------------------------------------------------------------------------
# Running the command


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# ---------------------------------------------------------------------------------------------
# Files written at test time


HEAD = (
    "agency:\n  name: สำนักงานพัฒนาชุมชนจังหวัดลำปาง\n"
    "project:\n  name: โครงการทดสอบ\n  fiscal_year: ๒๕๖๘\n"
)


def _not_utf8(tmp: Path) -> tuple[Path, str]:
    """A file saved by a Thai Windows editor in TIS-620 (cp874) instead of UTF-8."""
    text = "# BAD INPUT: saved as TIS-620 (Windows-874), not UTF-8.\n# Expect exit 2, not UTF-8.\n" + HEAD
    path = tmp / "not_utf8.yaml"
    path.write_bytes(text.encode("cp874"))
    return path, text


def _missing(tmp: Path) -> tuple[Path, str | None]:
    return tmp / "does_not_exist.yaml", None


def _directory(tmp: Path) -> tuple[Path, str | None]:
    path = tmp / "a_folder.yaml"
    path.mkdir()
    return path, None


GENERATED: dict[str, Callable[[Path], tuple[Path, str | None]]] = {
    "<not utf-8>": _not_utf8,
    "<missing file>": _missing,
    "<directory>": _directory,
}


# ---------------------------------------------------------------------------------------------
# The table


@dataclass(frozen=True)
class Case:
    file: str
    """A file in tests/bad_inputs, or a key of GENERATED."""
    status: int
    marker: str | None
    """The expected line is the one line containing this; None: the error has no line."""
    message: str
    """A substring of the expected message (Thai or English part)."""
    rule: str | None = None
    """For status 1: the rule that must report it."""
    bugs: dict[str, str] = field(default_factory=dict)
    """Aspect ("status", "line", "message", "clean") -> why it is a known bug."""


def bug(reason: str, *aspects: str) -> dict[str, str]:
    return {aspect: f"BUG: {reason}" for aspect in (aspects or ASPECTS)}


CASES = [
    # --- YAML syntax and structure --------------------------------------------------------
    Case("yaml_bad_indent.yaml", 2, "   date: ๖", "malformed YAML"),
    Case("yaml_unclosed_quote.yaml", 2, 'subject: "', "a quote is opened but not closed"),
    Case("yaml_tab_indent.yaml", 2, "\tname: โครงการทดสอบ", "ใช้แท็บ (Tab) ย่อหน้า"),
    Case("yaml_colon_in_thai_text.yaml", 2, "name: โครงการส่งเสริม", "put the whole text in quotes"),
    Case("colon_in_thai_list_item.yaml", 2, "(Knowledge-Based OTOP : KBO)", "put the whole text in double quotes"),
    Case("duplicate_key.yaml", 2, "subject: เรื่องที่สอง", "duplicate key 'subject'"),
    Case("empty.yaml", 2, "holds nothing but this comment", "the file is empty"),
    Case("top_level_list.yaml", 2, "- agency:", "must be a mapping"),
    Case("top_level_scalar.yaml", 2, "โครงการส่งเสริมกระบวนการ", "must be a mapping"),
    Case("merge_key.yaml", 2, "- <<: *first", "merge keys are not supported"),
    Case("complex_key.yaml", 2, "? [ก, ข]", "a key must be plain text"),
    Case("raw_control_byte.yaml", 2, "subject: การดำเนินงาน\x07", "U+0007"),
    Case("alias_bomb.yaml", 2, "x0: &a0", "too many values"),
    Case("deep_nesting.yaml", 2, "noqa: [[[", "nesting too deep"),
    Case("deep_nesting_recursion.yaml", 2, "noqa: [[[", "nesting too deep"),
    # --- unreadable -----------------------------------------------------------------------
    Case("<not utf-8>", 2, "name: สำนักงาน", "not UTF-8"),
    Case("<missing file>", 2, None, "cannot read file"),
    Case("<directory>", 2, None, "directory"),
    # --- schema: exit 2 -------------------------------------------------------------------
    Case("unknown_key_subjct.yaml", 2, "subjct:", "unknown key"),
    Case("missing_circular_number.yaml", 2, "- id: no-number", "required field missing"),
    Case("list_where_text.yaml", 2, "subject: [", "must be text"),
    Case("mapping_where_list.yaml", 2, "enclosures:", "must be a list"),
    Case("date_31_february.yaml", 2, "date: ๓๑ กุมภาพันธ์", "no such date"),
    Case("date_29_february_66.yaml", 2, "date: ๒๙ ก.พ. ๖๖", "not a leap year"),
    Case("date_ce_year_in_thai_date.yaml", 2, "date: ๖ ธันวาคม ๒๐๒๔", "a Thai date takes a BE year"),
    Case("fiscal_year_ce.yaml", 2, "fiscal_year: 2025", "พ.ศ. 2568"),
    Case("date_be_year_out_of_range.yaml", 2, "date: ๖ ธันวาคม ๒๘๐๐", "BE year out of range"),
    Case("date_wrong_weekday.yaml", 2, "date: วันจันทร์ที่", "wrong weekday"),
    Case("date_unknown_month.yaml", 2, "date: ๖ ธันวา ", "unknown month name"),
    Case("negative_quantity.yaml", 2, "quantity: -๑", "must not be negative"),
    Case("mixed_digits_number.yaml", 2, "quantity: ๒5", "ใช้เลขไทยปนเลขอารบิก"),
    Case("register_row_wrong_cells.yaml", 2, "[งาว, ๔, ๙]", "has 3 cells, expected 4"),
    Case("register_unquoted_comma_number.yaml", 2, "[เมือง, ๑,๒๓๔", "has 5 cells"),
    Case("totals_unknown_column.yaml", 2, "totals: {stras", "unknown column key: stras"),
    Case("duplicate_ids.yaml", 2, "id: c1   # the twin", "duplicate id 'c1'"),
    Case("id_with_space.yaml", 2, "id: kbo 68", "only letters, digits"),
    Case("meeting_number_bad.yaml", 2, "number: ๑-๒๕๖๕", "meeting number must be n/year"),
    Case("meeting_time_bad.yaml", 2, "start: ๒๕.๐๐", "no such time"),
    Case("unknown_kind.yaml", 2, "kind: memo", "not one of the allowed values"),
    Case("target_not_boolean.yaml", 2, "target: ใช่", "must be true or false"),
    # --- loads, rules find errors: exit 1 -------------------------------------------------
    Case("register_negative_cell.yaml", 1, "[งาว, -๕", "ติดลบ", rule="REG004"),
    Case("control_char_escape.yaml", 1, 'subject: "', "control characters U+0007", rule="TXT005"),
    Case("unknown_reference.yaml", 1, "subject: การดำเนินงานโครงการ ประจำปี", "unknown reference", rule="TXT006"),
    Case("register_row_sum_wrong.yaml", 1, "[เมือง, ๑, ๒, ๔]", "parts add up to 3", rule="REG001"),
]

POSITIVE = ["ok_iso_date_be_year.yaml", "ok_special_text.yaml"]

# Run as a real process too (console script, fresh interpreter): every YAML-level and
# unreadable case, and one of each exit status.
SUBPROCESS = {
    "yaml_bad_indent.yaml", "yaml_unclosed_quote.yaml", "yaml_tab_indent.yaml", "yaml_colon_in_thai_text.yaml",
    "duplicate_key.yaml", "empty.yaml", "raw_control_byte.yaml", "alias_bomb.yaml", "deep_nesting_recursion.yaml",
    "<not utf-8>", "<missing file>", "<directory>", "unknown_key_subjct.yaml", "register_negative_cell.yaml",
    "control_char_escape.yaml",
}


def params(aspects: str | tuple[str, ...], cases: list[Case] = CASES) -> list[object]:
    """The cases, each marked as a strict xfail when one of ``aspects`` is a known bug of it."""
    aspects = (aspects,) if isinstance(aspects, str) else aspects
    out = []
    for case in cases:
        reasons = sorted({case.bugs[a] for a in aspects if a in case.bugs})
        marks = [pytest.mark.xfail(strict=True, reason=" ".join(reasons))] if reasons else []
        out.append(pytest.param(case, id=case.file.strip("<>").replace(" ", "_"), marks=marks))
    return out


@dataclass
class Prepared:
    path: Path
    text: str | None
    """The file's text (for finding the marker); None when there is no file to read."""

    def expected_line(self, marker: str) -> int:
        assert self.text is not None
        hits = [n for n, line in enumerate(self.text.split("\n"), start=1) if marker in line]
        assert len(hits) == 1, f"marker {marker!r} must be on exactly one line, found {hits}"
        return hits[0]


def prepare(case: Case, tmp_path: Path) -> Prepared:
    if case.file in GENERATED:
        path, text = GENERATED[case.file](tmp_path)
        return Prepared(path, text)
    path = BAD / case.file
    return Prepared(path, path.read_text(encoding="utf-8"))


def where(case: Case, prepared: Prepared) -> str:
    """What the output must contain to name the place: ``<file>:<line>:`` or ``<file>: ``."""
    if case.marker is None:
        return f"{prepared.path}: "
    return f"{prepared.path}:{prepared.expected_line(case.marker)}:"


# ---------------------------------------------------------------------------------------------
# The data files themselves


def test_the_set_is_big_enough_and_every_file_is_in_the_table():
    on_disk = {p.name for p in BAD.glob("*.yaml")}
    listed = {c.file for c in CASES} | set(POSITIVE)
    assert on_disk - listed == set(), "data files missing from the table"
    assert {c.file for c in CASES if c.file not in GENERATED} | set(POSITIVE) <= on_disk
    assert len(CASES) >= 30


@pytest.mark.parametrize("path", sorted(BAD.glob("*.yaml")), ids=lambda p: p.name)
def test_every_data_file_starts_with_a_header_comment_saying_what_is_wrong(path):
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first.startswith(("# BAD INPUT:", "# VALID INPUT")), first


@pytest.mark.parametrize("case", [p.values[0] for p in params("line")], ids=lambda c: c.file)
def test_marker_names_one_line(case, tmp_path):
    prepared = prepare(case, tmp_path)
    if case.marker is not None:
        prepared.expected_line(case.marker)


# ---------------------------------------------------------------------------------------------
# The command on each file


@pytest.mark.parametrize("case", params("status"))
def test_exit_status(case, tmp_path):
    prepared = prepare(case, tmp_path)
    assert run_in_process("check", str(prepared.path)).code == case.status


@pytest.mark.parametrize("case", params("line"))
def test_output_names_file_and_line(case, tmp_path):
    prepared = prepare(case, tmp_path)
    run = run_in_process("check", str(prepared.path))
    place = where(case, prepared)
    assert place in run.output
    if case.status == 2:
        assert run.stderr.startswith(place)
    else:
        assert f"{place} {case.rule} error" in run.stdout


@pytest.mark.parametrize("case", params("message"))
def test_output_says_what_is_wrong(case, tmp_path):
    prepared = prepare(case, tmp_path)
    run = run_in_process("check", str(prepared.path))
    assert case.message in run.output
    if case.rule:
        (finding,) = [line for line in run.stdout.splitlines() if case.rule in line]
        assert case.message in finding


@pytest.mark.parametrize("case", params("clean"))
def test_output_is_short_and_has_no_traceback(case, tmp_path):
    prepared = prepare(case, tmp_path)
    run = run_in_process("check", str(prepared.path))
    assert "Traceback" not in run.output
    if case.status == 2:
        first, *context = lines(run.stderr)  # one line for the error, then indented context
        assert first.startswith(str(prepared.path)), run.stderr
        assert len(context) <= 6 and all(c.startswith(" ") for c in context), run.stderr
        summary = lines(run.stdout)
        assert len(summary) <= 1 and all(s.startswith("0 file(s) checked") for s in summary), run.stdout
    else:
        assert run.stderr == ""
        assert len(lines(run.stdout)) <= 4, run.stdout  # file name, finding(s), summary


@pytest.mark.parametrize("case", params(ASPECTS, [c for c in CASES if c.file in SUBPROCESS]))
def test_real_process_exit_status_place_and_no_traceback(case, tmp_path):
    prepared = prepare(case, tmp_path)
    run = run_subprocess("check", str(prepared.path))
    assert "Traceback" not in run.output
    assert run.code == case.status
    assert where(case, prepared) in run.output
    assert case.message in run.output
    if case.status == 2:
        first, *context = lines(run.stderr)
        assert first.startswith(str(prepared.path)) and all(c.startswith(" ") for c in context), run.stderr


def test_every_subprocess_case_is_in_the_table():
    assert SUBPROCESS <= {c.file for c in CASES}


# ---------------------------------------------------------------------------------------------
# Particular cases


def test_alias_bomb_fails_fast():
    # CPU time, not wall time: the bound is on the work done, which a busy machine does not change
    started = time.process_time()
    with pytest.raises(InputError, match="too many values"):
        load_project(BAD / "alias_bomb.yaml")
    assert time.process_time() - started < 2.0


def test_alias_bomb_fails_fast_from_the_command_line():
    started = time.perf_counter()
    run = run_subprocess("check", str(BAD / "alias_bomb.yaml"))
    assert run.code == 2
    assert time.perf_counter() - started < 10.0  # includes starting Python; the 2 s bound is checked in-process above


def test_unknown_key_message_names_the_key_not_its_value():
    # Was a bug: "circulars.0.subjct: ... unknown key: 'การดำเนินงานโครงการ'" showed the value.
    run = run_in_process("check", str(BAD / "unknown_key_subjct.yaml"))
    assert "subjct" in run.stderr
    assert "'การดำเนินงานโครงการ'" not in run.stderr


def test_colon_in_list_item_message_shows_which_text_to_quote():
    # Was a bug: the message said "unknown key: 'KBO)'" (the part after ' : ') and never showed
    # the text before it, so the clerk could not tell which text to quote.
    run = run_in_process("check", str(BAD / "colon_in_thai_list_item.yaml"))
    assert "'KBO)'" not in run.stderr
    assert "ประกาศจังหวัด เรื่อง แต่งตั้ง" in run.stderr


@pytest.mark.parametrize("name", POSITIVE)
def test_valid_inputs_check_clean(name):
    run = run_in_process("check", str(BAD / name))
    assert (run.code, run.stderr) == (0, "")
    assert "0 error(s), 0 warning(s)" in run.stdout


def test_iso_date_with_be_year_is_read_as_be():
    (circular,) = load_project(BAD / "ok_iso_date_be_year.yaml").project.circulars
    assert circular.date == dt.date(2024, 12, 6)


def test_markup_like_text_comes_back_unchanged():
    (circular,) = load_project(BAD / "ok_special_text.yaml").project.circulars
    assert circular.subject == "เรื่อง <ด่วน> & {{ ชื่อ }} ทดสอบ"
    assert circular.references == ['=HYPERLINK("ทดสอบ")', "<b>ตัวหนา</b> & {{ x }} {% if y %}", "=ผลรวม & <ก>"]


def test_raw_control_byte_file_really_holds_the_byte():
    assert b"\x07" in (BAD / "raw_control_byte.yaml").read_bytes()
    assert b"\x07" not in (BAD / "control_char_escape.yaml").read_bytes()
