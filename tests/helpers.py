"""Helpers for tests: load YAML text, run rules, locate lines in text."""

from __future__ import annotations

from pathlib import Path

from kbo_docs.findings import Finding
from kbo_docs.load import Loaded, load_text
from kbo_docs.rules import check_loaded

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
LAMPANG = SAMPLES / "lampang-kbo-2568.yaml"
CHIANGMAI = SAMPLES / "chiangmai-kbo-meeting-1-2565.yaml"


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
