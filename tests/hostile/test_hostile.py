"""Every attack of issue 10, run as a user runs it: the console script in its own process,
under ``RLIMIT_CPU``, with its peak memory read back. Each case answers with the right exit
status (2 and one line naming the file, or 0/1 for input that is legitimate once read in
bounded time), never a traceback, within 200 MB; a failed render leaves nothing behind."""

from __future__ import annotations

import pytest

from .cases import CASES, Case
from .harness import MAX_MB, run_limited


def _files(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) if folder.exists() else []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_input_is_answered_in_bounded_time_and_memory(case: Case, tmp_path):
    args = case.build(tmp_path)
    out = tmp_path / "out"
    before = _files(out)
    result = run_limited(args, cpu=case.cpu, fsize=case.fsize)
    shown = f"{case.name}: exit {result.code}, {result.cpu:.2f} s CPU, {result.peak_mb:.0f} MB\n{result.stderr[-2000:]}"
    assert not result.killed, shown
    assert "Traceback" not in result.stdout + result.stderr, shown
    assert "internal error" not in result.stderr, shown
    assert result.code in case.codes, shown
    assert result.peak_mb <= MAX_MB, shown
    assert result.cpu <= case.cpu, shown
    if result.code == 2:
        assert len(result.error_lines) == 1, shown
        line = result.error_lines[0]
        assert case.says.lower() in line.lower(), shown
        assert " / " in line, shown  # Thai, then English
    if args[0] == "render" and result.code != 0:
        assert _files(out) == before, "a failed render left files behind"
