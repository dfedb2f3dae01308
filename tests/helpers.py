"""Helpers for tests: load YAML text, run rules, locate lines in text."""

from __future__ import annotations

import os
import subprocess
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from kbo_docs.cli import main

from kbo_docs.findings import Finding
from kbo_docs.load import Loaded, load_text
from kbo_docs.rules import check_loaded

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
LAMPANG = SAMPLES / "lampang-kbo-2568.yaml"
CHIANGMAI = SAMPLES / "chiangmai-kbo-meeting-1-2565.yaml"
KBO_DOCS = Path(sys.executable).parent / "kbo-docs"
"""The console script a user runs, next to this Python."""


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(*args: str) -> Run:
    """``kbo-docs ARGS`` in this process; an escaped exception shows up as a traceback on
    stderr, the way a user would see it in a terminal."""
    result = CliRunner().invoke(main, list(args))
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(*result.exc_info))  # type: ignore[misc]
    return Run(result.exit_code, result.stdout, stderr)


def run_subprocess(*args: str, cwd: Path | None = None) -> Run:
    """``kbo-docs ARGS`` as a user runs it: the console script, in its own process."""
    done = subprocess.run(
        [str(KBO_DOCS), *args], capture_output=True, text=True, encoding="utf-8", timeout=60, cwd=cwd,
        env={**os.environ, "PYTHAINLP_READ_ONLY": "1", "LC_ALL": "C.UTF-8"},
    )
    return Run(done.returncode, done.stdout, done.stderr)


def check_text(text: str, file: str = "test.yaml", select: set[str] | None = None) -> list[Finding]:
    return check_loaded(load_text(text, file), select)


def load(text: str) -> Loaded:
    return load_text(text, "test.yaml")


def line_of(text: str, needle: str) -> int:
    """1-based line of the first occurrence of ``needle`` in ``text``."""
    index = text.index(needle)
    return text.count("\n", 0, index) + 1


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def codes(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


MINIMAL = """\
agency:
  name: สำนักงานพัฒนาชุมชนจังหวัดลำปาง
project:
  name: โครงการทดสอบ
  fiscal_year: ๒๕๖๘
"""
