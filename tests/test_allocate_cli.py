"""End-to-end tests of ``kbo-docs allocate`` and of the declared allocation rule (REG009).

The Lampang register declares ``allocation: {method: hamilton, weight: total, floor: ๒}``:
every district gets ๒, the other ๘ of the ๓๔ go by largest remainder over the row totals,
and that reproduces the published targets exactly (so does Sainte-Laguë with floor ๒).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from kbo_docs import thai

from kbo_docs.allocate import allocate
from kbo_docs.load import load_project, load_text
from kbo_docs.rules import REGISTRY, check_loaded

from .helpers import LAMPANG, ROOT, codes, line_of, replace_once, run_cli, run_subprocess

SAMPLE_TEXT = LAMPANG.read_text(encoding="utf-8")
REG_RULES = {code for code in REGISTRY if code.startswith("REG")}
"""Register checks only: these tests are about registers, not about the circular's wording."""
DISTRICTS = [
    "เมืองลำปาง", "แม่เมาะ", "เกาะคา", "เสริมงาม", "งาว", "แจ้ห่ม", "วังเหนือ",
    "เถิน", "แม่พริก", "แม่ทะ", "สบปราบ", "ห้างฉัตร", "เมืองปาน",
]


def run(*args: str) -> tuple[int, str, str]:
    """Run the command in-process: (exit code, stdout, stderr); a traceback fails the test."""
    done = run_cli(*args)
    assert "Traceback" not in done.stderr, done.stderr
    return done.code, done.stdout, done.stderr


def typed_targets() -> dict[str, int]:
    reg = load_project(LAMPANG).project.registers[0]
    return {row.name: row.values["target"] for row in reg.rows}


def weights(key: str = "total") -> list[tuple[str, int]]:
    reg = load_project(LAMPANG).project.registers[0]
    return [(row.name, reg.value(row, key)) for row in reg.rows]


# --- the sample's declared rule ----------------------------------------------------


def test_typed_targets_are_what_the_test_assumes():
    assert list(typed_targets()) == DISTRICTS
    assert sum(typed_targets().values()) == 34


def test_json_reproduces_the_typed_targets():
    code, out, err = run("allocate", str(LAMPANG), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["method"] == "hamilton"
    assert data["total"] == 34
    assert data["floor"] == 2
    assert [r["name"] for r in data["rows"]] == DISTRICTS
    assert {r["name"]: r["target"] for r in data["rows"]} == typed_targets()
    assert {r["name"]: r["weight"] for r in data["rows"]} == dict(weights("total"))
    for r in data["rows"]:
        assert r["target"] == r["from_floor"] + r["from_whole"] + r["from_remainder"]
        assert r["from_floor"] == 2
    assert sum(r["target"] for r in data["rows"]) == 34
    assert data["ties"] == []
    assert "แจ้ห่ม" in data["explanation"]


def test_table_shows_every_district_and_the_next_in_line():
    code, out, err = run("allocate", str(LAMPANG))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == ("วิธีเศษเหลือมากที่สุด (Hamilton) จัดสรร ๓๔ ที่ ขั้นต่ำแถวละ ๒ / "
                        "method hamilton, total 34, floor 2")
    assert lines[1].split() == ["รายการ", "น้ำหนัก", "ขั้นต่ำ", "ส่วนแบ่ง", "๘", "ที่", "ได้เต็ม", "ได้จากเศษ", "เป้า"]
    assert lines[2].split() == ["name", "weight", "floor", "share", "of", "8", "whole", "remainder", "target"]
    body = lines[4 : 4 + len(DISTRICTS)]
    targets = typed_targets()
    for district, line in zip(DISTRICTS, body):
        cells = line.split()
        assert cells[0] == district
        assert thai.parse_number(cells[-1]) == targets[district]  # the agency's (Thai) digits
        assert all(not c.isascii() or not c.isdigit() for c in cells), line
        # left to right: target = floor + whole + remainder
        floor, whole, rest, target = (thai.parse_number(cells[i]) for i in (2, 4, 5, 6))
        assert floor + whole + rest == target
    total = lines[5 + len(DISTRICTS)]
    assert total.split()[0] == "รวม" and thai.parse_number(total.split()[-1]) == 34
    th_line, en_line = lines[-2:]
    assert "ลำดับถัดไปคือ แจ้ห่ม" in th_line and "๒๖ ที่" in th_line
    assert "next in line was แจ้ห่ม" in en_line
    # the 8 seats after the floors: 7 by remainder (the 8th is เมืองลำปาง's whole seat)
    assert "Floors gave 26 seats first; the other 8 were shared by largest remainder" in en_line


def test_table_columns_line_up_in_display_width():
    """Thai marks take no column: every column ends in the same screen column on every row,
    names with tone marks (แจ้ห่ม, ห้างฉัตร) included."""
    code, out, _ = run("allocate", str(LAMPANG))
    assert code == 0
    table = [line for line in out.splitlines()[1 : 6 + len(DISTRICTS)] if not line.startswith("-")]
    for column in range(1, 4):
        ends = {thai.display_width(re.match(r"^(\S+(?:\s\S+)*?)" + r"\s{2,}\S+(?:\s\S+)*?" * column, line).group(0))
                for line in table[2:]}
        assert len(ends) == 1, (column, ends)


def test_csv_output_parses():
    code, out, err = run("allocate", str(LAMPANG), "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["name"] for r in rows] == DISTRICTS
    assert {r["name"]: int(r["target"]) for r in rows} == typed_targets()
    assert {r["name"]: int(r["weight"]) for r in rows} == dict(weights("total"))
    assert all(r["cap"] == "" for r in rows)


# --- --explain-fit ---------------------------------------------------------------------

FITS = [("hamilton", 2), ("sainte-lague", 2)]


def test_explain_fit_text():
    code, out, err = run("allocate", str(LAMPANG), "--explain-fit")
    assert code == 0, err
    assert "weight stars: no method and floor reproduces the targets" in out
    for key in ("quadrant_d", "total"):
        assert f"weight {key}: reproduced exactly by hamilton with floor 2; sainte-lague with floor 2" in out


def test_explain_fit_json():
    code, out, err = run("allocate", str(LAMPANG), "--explain-fit", "--format", "json")
    assert code == 0, err
    found = {entry["weight"]: [(f["method"], f["floor"]) for f in entry["fits"]] for entry in json.loads(out)}
    assert found == {"stars": [], "quadrant_d": FITS, "total": FITS}


def test_explain_fit_needs_typed_targets(tmp_path):
    text = _empty_target_text()
    path = _write(text, tmp_path)
    code, _, err = run("allocate", str(path), "--explain-fit")
    assert code == 2
    assert "every row needs a typed target" in err


# --- overriding the rule -----------------------------------------------------------------


def test_dhondt_override_differs_and_matches_the_library():
    code, out, err = run("allocate", str(LAMPANG), "--method", "dhondt", "--floor", "๒", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    got = {r["name"]: r["target"] for r in data["rows"]}
    assert data["method"] == "dhondt" and data["floor"] == 2 and data["total"] == 34
    assert got == allocate(weights("total"), 34, "dhondt", 2).targets()
    assert got != typed_targets()
    assert got["เมืองลำปาง"] == 5 and got["งาว"] == 2
    assert sum(got.values()) == 34


def test_total_override_in_thai_digits():
    code, out, err = run("allocate", str(LAMPANG), "--total", "๔๐", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    got = {r["name"]: r["target"] for r in data["rows"]}
    assert data["total"] == 40 and sum(got.values()) == 40
    assert got == allocate(weights("total"), 40, "hamilton", 2).targets()
    assert all(t >= 2 for t in got.values())


def test_weight_override_and_floor_zero():
    code, out, err = run("allocate", str(LAMPANG), "--weight", "stars", "--floor", "0", "--format", "json")
    assert code == 0, err
    got = {r["name"]: r["target"] for r in json.loads(out)["rows"]}
    assert got == allocate(weights("stars"), 34, "hamilton", 0).targets()
    assert got["ห้างฉัตร"] == 0  # no 1-3 star products, no floor


def test_unknown_weight_column_is_a_usage_error():
    code, _, err = run("allocate", str(LAMPANG), "--weight", "nope")
    assert code == 2
    assert "no column 'nope'" in err


@pytest.mark.parametrize("bad", ["-1", "๑.๕", "abc"])
def test_bad_total_is_a_usage_error(bad):
    code, _, err = run("allocate", str(LAMPANG), "--total", bad)
    assert code == 2
    assert "--total" in err


# --- CSV input -----------------------------------------------------------------------------


def _write_csv(tmp_path: Path, text: str, name: str = "weights.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_input_with_thai_digits_thousands_and_caps(tmp_path):
    path = _write_csv(tmp_path, 'name,weight,cap\nก,๑๒,\nข,"1,000",๓\nค,"๕๐๐",\nง,0,\n')
    code, out, err = run("allocate", str(path), "--total", "๑๐", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    rows = [("ก", 12), ("ข", 1000), ("ค", 500), ("ง", 0)]
    expected = allocate(rows, 10, "hamilton", 0, {"ข": 3})
    assert {r["name"]: r["target"] for r in data["rows"]} == expected.targets()
    assert {r["name"]: r["weight"] for r in data["rows"]} == dict(rows)
    assert {r["name"]: r["cap"] for r in data["rows"]} == {"ก": None, "ข": 3, "ค": None, "ง": None}
    assert data["rows"][1]["target"] == 3  # held at its cap
    assert "at their cap: ข" in data["explanation"]
    assert data["method"] == "hamilton" and data["floor"] == 0


def test_csv_input_with_method_floor_bom_and_header_case(tmp_path):
    path = tmp_path / "w.csv"
    path.write_bytes("\ufeff Name , WEIGHT \nก,๓\nข,๑\n\nค,๒\n".encode())
    code, out, err = run("allocate", str(path), "--total", "6", "--method", "sainte-lague", "--floor", "๑",
                         "--format", "json")
    assert code == 0, err
    got = {r["name"]: r["target"] for r in json.loads(out)["rows"]}
    assert got == allocate([("ก", 3), ("ข", 1), ("ค", 2)], 6, "sainte-lague", 1).targets()


def test_csv_without_header_is_refused(tmp_path):
    path = _write_csv(tmp_path, "ก,๑๒\nข,๓\n")
    code, _, err = run("allocate", str(path), "--total", "5")
    assert code == 2
    assert f"{path}:1:" in err
    assert "name" in err and "weight" in err


def test_csv_bad_weight_names_its_line(tmp_path):
    path = _write_csv(tmp_path, "name,weight\nก,๑๒\nข,สิบ\nค,๓\n")
    code, _, err = run("allocate", str(path), "--total", "5")
    assert code == 2
    assert f"{path}:3:" in err
    assert "สิบ" in err


@pytest.mark.parametrize("cell", ["-๑", "๑.๕", "1,00"])
def test_csv_weight_must_be_whole_and_not_negative(tmp_path, cell):
    path = _write_csv(tmp_path, f'name,weight\nก,๑๒\nข,"{cell}"\n')
    code, _, err = run("allocate", str(path), "--total", "5")
    assert code == 2
    assert f"{path}:3:" in err


def test_csv_bad_cap_names_its_line(tmp_path):
    path = _write_csv(tmp_path, "name,weight,cap\nก,๑๒,\nข,๓,๑.๕\n")
    code, _, err = run("allocate", str(path), "--total", "5")
    assert code == 2
    assert f"{path}:3:" in err


def test_csv_without_rows_is_refused(tmp_path):
    path = _write_csv(tmp_path, "name,weight\n")
    code, _, err = run("allocate", str(path), "--total", "5")
    assert code == 2
    assert "no rows" in err


def test_csv_without_total_is_a_usage_error(tmp_path):
    path = _write_csv(tmp_path, "name,weight\nก,๑๒\nข,๓\n")
    code, _, err = run("allocate", str(path))
    assert code == 2
    assert "Usage:" in err and "a CSV needs --total" in err


@pytest.mark.parametrize("text", [
    "name,weight\nก,1,000\nข,500\n",
    "name,weight,cap\nก,1,000\nข,500,\n",
], ids=["no-cap", "with-cap"])
def test_csv_unquoted_thousands_is_refused_not_misread(tmp_path, text):
    """An unquoted 1,000 splits into two cells; it must not be read as weight 1 (and cap 0)."""
    path = _write_csv(tmp_path, text)
    code, out, err = run("allocate", str(path), "--total", "10")
    assert code == 2
    assert out == ""
    assert f"{path}:2:" in err


def test_csv_duplicate_names_are_refused(tmp_path):
    path = _write_csv(tmp_path, "name,weight\nก,๑\nก,๒\n")
    code, _, err = run("allocate", str(path), "--total", "3")
    assert code == 2
    assert "duplicate row name" in err


# --- impossible requests -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "thai", "english"),
    [
        (["--floor", "๕"], "ขั้นต่ำรวมเกินยอดรวม", "floors sum to 65, above the total 34"),
        (["--total", "๑๐"], "ขั้นต่ำรวมเกินยอดรวม", "floors sum to 26, above the total 10"),
    ],
)
def test_impossible_yaml_requests_exit_2(args, thai, english):
    code, out, err = run("allocate", str(LAMPANG), *args)
    assert code == 2
    assert out == ""
    assert thai in err and english in err
    assert "Traceback" not in err


def test_impossible_csv_requests_exit_2(tmp_path):
    path = _write_csv(tmp_path, "name,weight,cap\nก,๑,๑\nข,๒,๑\n")
    code, _, err = run("allocate", str(path), "--total", "๕")
    assert code == 2
    assert "เพดานรวมต่ำกว่ายอดรวม" in err and "caps sum to 2, below the total 5" in err
    code, _, err = run("allocate", str(path), "--total", "๑", "--floor", "๒")
    assert code == 2
    assert "floor 2 above cap 1" in err


def test_console_script_floor_above_total(tmp_path):
    """Through the installed script: one clear line on stderr, exit 2, no traceback."""
    proc = run_subprocess("allocate", str(LAMPANG), "--floor", "๕", cwd=ROOT)
    assert proc.code == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().count("\n") == 0
    assert "ขั้นต่ำรวมเกินยอดรวม / floors sum to 65, above the total 34" in proc.stderr
    path = _write_csv(tmp_path, "name,weight\nก,๑\nข,x\n")
    proc = run_subprocess("allocate", str(path), "--total", "3", cwd=ROOT)
    assert proc.code == 2 and "Traceback" not in proc.stderr and f"{path}:3:" in proc.stderr


def test_register_without_rule_needs_weight(tmp_path):
    text = SAMPLE_TEXT.replace("    allocation: {method: hamilton, weight: total, floor: ๒}\n", "")
    path = _write(text, tmp_path)
    code, _, err = run("allocate", str(path))
    assert code == 2 and "--weight" in err
    code, out, err = run("allocate", str(path), "--weight", "total", "--floor", "๒", "--format", "json")
    assert code == 0, err
    assert {r["name"]: r["target"] for r in json.loads(out)["rows"]} == typed_targets()


# --- REG009: the declared rule and the typed targets -------------------------------------------

ROW = "[เมืองลำปาง,   ๑๔,     ๓๕๔,       ๓๖๘,   ๔]"
ROW_5 = "[เมืองลำปาง,   ๑๔,     ๓๕๔,       ๓๖๘,   ๕]"
RULE_LINE = "    allocation: {method: hamilton, weight: total, floor: ๒}"


def _write(text: str, folder: Path, name: str = "lampang.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _check_json(path: Path) -> tuple[int, list[dict]]:
    code, out, _ = run("check", str(path), "--format", "json")
    return code, json.loads(out)


def check_reg(text: str):  # type: ignore[no-untyped-def]
    return check_loaded(load_text(text, "x.yaml"), REG_RULES)


def test_sample_checks_clean():
    findings = check_loaded(load_project(LAMPANG))
    assert [f for f in findings if f.severity == "error" or f.rule in REG_RULES] == []


def test_reg009_wrong_target_only(tmp_path):
    text = replace_once(SAMPLE_TEXT, ROW, ROW_5)
    code, found = _check_json(_write(text, tmp_path))
    assert code == 1
    reg009 = [f for f in found if f["rule"] == "REG009"]
    assert [(f["line"], f["severity"]) for f in reg009] == [(line_of(text, ROW_5), "error")]
    assert "target 5 but the declared rule (hamilton, floor 2) gives 4" in reg009[0]["message"]
    assert "เมืองลำปาง" in reg009[0]["message"]
    assert sorted(f["rule"] for f in found if f["severity"] == "error") == ["REG007", "REG009"]  # they add up to 35


def test_reg009_wrong_target_with_stated_total_adjusted(tmp_path):
    """Totals say ๓๕ so REG007 is quiet; the rule shares ๓๕ and disagrees with two rows:
    เมืองลำปาง (typed ๕, rule ๔) and แจ้ห่ม, the next in line, who now gets a ninth remainder seat."""
    text = replace_once(SAMPLE_TEXT, ROW, ROW_5)
    text = replace_once(text, "target: ๓๔}", "target: ๓๕}")
    expected = allocate(weights("total"), 35, "hamilton", 2).targets()
    assert expected["เมืองลำปาง"] == 4 and expected["แจ้ห่ม"] == 3
    findings = check_reg(text)
    assert "REG007" not in codes(findings)
    lines = {f.line for f in findings if f.rule == "REG009"}
    assert lines == {line_of(text, ROW_5), line_of(text, "[แจ้ห่ม,")}


def test_reg009_other_method_that_does_not_fit(tmp_path):
    text = replace_once(SAMPLE_TEXT, "method: hamilton", "method: dhondt")
    findings = check_reg(text)
    dhondt = allocate(weights("total"), 34, "dhondt", 2).targets()
    wrong = {name for name, t in typed_targets().items() if dhondt[name] != t}
    assert wrong  # D'Hondt favours the big districts
    lines = sorted(f.line for f in findings if f.rule == "REG009")
    assert lines == sorted(line_of(text, f"[{name},") for name in wrong)


def test_reg009_sainte_lague_also_fits():
    text = replace_once(SAMPLE_TEXT, "method: hamilton", "method: sainte-lague")
    assert check_reg(text) == []


def test_reg009_impossible_rule_reported_at_the_allocation_line(tmp_path):
    text = replace_once(SAMPLE_TEXT, "floor: ๒}", "floor: ๕}")
    code, found = _check_json(_write(text, tmp_path))
    assert code == 1
    reg009 = [f for f in found if f["rule"] == "REG009"]
    assert len(reg009) == 1
    assert reg009[0]["line"] == line_of(text, "    allocation:")
    assert "ขั้นต่ำรวมเกินยอดรวม" in reg009[0]["message"]
    assert "floors sum to 65, above the total 34" in reg009[0]["message"]
    # and the allocate command refuses the same rule
    code, _, err = run("allocate", str(_write(text, tmp_path, "again.yaml")))
    assert code == 2 and "floors sum to 65, above the total 34" in err


def _empty_target_text(as_lists: bool = False) -> str:
    """The sample with every target cell (and every sum cell) left empty."""

    def row(match: re.Match[str]) -> str:
        name, stars, quad, _total, _target = (c.strip() for c in match.group(1).split(","))
        if as_lists:
            return f"- [{name}, {stars}, {quad}, ~, ~]"
        return f"- {{name: {name}, stars: {stars}, quadrant_d: {quad}}}"

    text, count = re.subn(r"- \[([^\]]+)\]", row, SAMPLE_TEXT)
    assert count == len(DISTRICTS)
    return text


@pytest.mark.parametrize("as_lists", [False, True], ids=["mapping-rows", "list-rows-with-nulls"])
def test_empty_targets_are_filled_by_the_rule(tmp_path, as_lists):
    from kbo_docs.render.view import Views
    from kbo_docs.render.xlsx import render_xlsx

    text = _empty_target_text(as_lists)
    path = _write(text, tmp_path)
    code, out, _ = run("check", str(path))
    assert code == 0, out
    assert "0 error(s)" in out
    assert check_loaded(load_project(path), REG_RULES) == []

    loaded = load_project(path)
    reg = loaded.project.registers[0]
    assert all(row.values.get("target") is None for row in reg.rows)
    assert {row.name: reg.value(row, "target") for row in reg.rows} == typed_targets()
    assert reg.allocated() == typed_targets()
    assert reg.column_sum("target") == 34

    doc = next(d for d in Views(loaded.project).documents() if d.kind == "register")
    assert {r["name"]: r["values"][3] for r in doc.data["rows"]} == typed_targets()
    assert {r["name"]: r["values"][2] for r in doc.data["rows"]} == dict(weights("total"))
    assert doc.data["totals"] == [52, 1696, 1748, 34]

    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(doc))).active
    names = {ws.cell(row=r, column=1).value: r for r in range(1, ws.max_row + 1)}
    for district, target in typed_targets().items():
        cell = ws.cell(row=names[district], column=5)
        assert cell.value == target and cell.data_type == "n"

    # and allocate with the stated total reproduces them
    code, out, _ = run("allocate", str(path), "--format", "json")
    assert code == 0
    assert {r["name"]: r["target"] for r in json.loads(out)["rows"]} == typed_targets()


def test_empty_targets_with_allocation_total_instead_of_totals(tmp_path):
    text = _empty_target_text()
    text = replace_once(text, ", target: ๓๔}", "}")
    text = replace_once(text, "floor: ๒}", "floor: ๒, total: ๓๔}")
    loaded = load_text(text, "x.yaml")
    assert check_loaded(loaded, REG_RULES) == []
    reg = loaded.project.registers[0]
    assert {row.name: reg.value(row, "target") for row in reg.rows} == typed_targets()


def test_empty_targets_with_an_impossible_rule_are_reported_not_guessed():
    text = replace_once(_empty_target_text(), "floor: ๒}", "floor: ๕}")
    loaded = load_text(text, "x.yaml")
    findings = check_loaded(loaded, REG_RULES)
    assert "REG009" in codes(findings)
    assert [f.line for f in findings if f.rule == "REG009"] == [line_of(text, "    allocation:")]
    reg = loaded.project.registers[0]
    assert reg.allocated() is None
    assert all(reg.value(row, "target") is None for row in reg.rows)
