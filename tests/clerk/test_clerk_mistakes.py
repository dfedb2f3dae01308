"""Thirty-odd slips a clerk makes typing a data file, each answered Thai first, at the right
line (and column for YAML slips), with a hint that fixes it: the test follows every hint, as a
clerk would, and the file then checks clean or moves on to the next mistake elsewhere."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from ..helpers import line_of, run_cli
from .cases import LAMPANG, MEETING, SLIPS, Slip


def _thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


def _check(tmp_path, text: str, name: str = "data.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    run = run_cli("check", "--format", "json", str(path))
    return path, run, json.loads(run.stdout)


def test_the_bases_are_clean(tmp_path):
    for base in (LAMPANG, MEETING):
        _, run, found = _check(tmp_path, base)
        assert run.code == 0 and found == [], found


def test_there_are_at_least_thirty_slips():
    assert len(SLIPS) >= 30
    assert len({s.id for s in SLIPS}) == len(SLIPS)


@pytest.mark.parametrize("slip", SLIPS, ids=[s.id for s in SLIPS])
def test_slip_message_place_and_hint(slip: Slip, tmp_path):
    text = slip.text()
    path, run, found = _check(tmp_path, text)
    assert run.code in (1, 2), run.output
    assert "Traceback" not in run.output
    first = found[0]
    # exactly the message, naming the right line (and column)
    assert first["message"] == slip.message
    assert first["line"] == line_of(text, slip.marker), (first, line_of(text, slip.marker))
    if slip.column:
        assert first.get("column") == slip.column, first
    # Thai first; the Thai half is wholly Thai: no English words, no Arabic digits outside quotes
    thai_half, _, english_half = first["message"].partition(" / ")
    thai_half = thai_half.split(": ", 1)[-1] if not thai_half.startswith("แฟ้มข้อมูล") else thai_half  # past the place
    assert english_half, first["message"]
    assert _thai(next(ch for ch in thai_half if ch.isalpha())), thai_half
    # data the clerk typed or must type is not wording: quoted text, ids (kbo68-districts),
    # keys to add ("number: ..."), the file format's name
    unquoted = re.sub(r"'[^']*'|\"[^\"]*\"|\([A-Za-z][^)]*\)|[\w.]*[\d-][\w.-]*|\w+: \.\.\.", "", thai_half)
    words = re.findall(r"[A-Za-z]{3,}", unquoted.replace("YAML", "").replace("Tab", ""))
    assert not words, (words, thai_half)
    assert not re.search(r"\d", "".join(ch for ch in unquoted if unicodedata.category(ch) == "Nd" and ch.isascii())), thai_half
    # the plain-text output says the same, file:line first
    text_run = run_cli("check", str(path))
    where = f"{path}:{first['line']}:"
    assert where in text_run.output and slip.message in text_run.output, text_run.output
    # follow the hint
    assert slip.follow is not None
    fixed = slip.follow(text, text_run.output, slip.message)
    assert fixed != text
    _, again, after = _check(tmp_path, fixed, "fixed.yaml")
    if slip.after == "clean":
        assert again.code == 0 and after == [], after
    else:
        assert again.code in (1, 2) and after, after
        assert (after[0]["line"], after[0]["message"]) != (first["line"], first["message"]), after


def test_empty_cells_where_values_are_computed_are_accepted(tmp_path):
    """An empty sum or target cell (written as nothing, ~ or "") is computed, not an error."""
    text = LAMPANG.replace("[งาว,          ๔,      ๑๐๘,       ๑๑๒,   ๓]", '[งาว,          ๔,      ๑๐๘,       "",   ~]')
    _, run, found = _check(tmp_path, text)
    assert run.code == 0 and found == [], found


def test_a_dash_is_nil_in_a_register_cell(tmp_path):
    from kbo_docs.load import load_text

    text = LAMPANG.replace("[เถิน,          ๔,      ๔๗,        ๕๑,    ๒]", "[เถิน,          -,      ๕๑,        ๕๑,    ๒]")
    loaded = load_text(text, "x.yaml")
    row = next(r for r in loaded.project.registers[0].rows if r.name == "เถิน")
    assert row.values["stars"] == 0
