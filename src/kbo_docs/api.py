"""The Python API that the command line is a thin layer over."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .findings import Finding, InputError, Severity
from .load import Loaded, load_project


@dataclass
class CheckResult:
    """The outcome of checking one file: its findings, or the error that stopped loading it."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    error: InputError | None = None
    loaded: Loaded | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def exit_code(self) -> int:
        if self.error is not None:
            return 2
        return 1 if self.errors else 0


def check_file(path: str | Path, select: set[str] | None = None) -> CheckResult:
    """Load and check one data file. Bad input never raises: it comes back as ``error``."""
    from .rules import check_loaded

    try:
        loaded = load_project(path)
    except InputError as exc:
        return CheckResult(str(path), error=exc)
    return CheckResult(str(path), check_loaded(loaded, select), loaded=loaded)


def exit_code(results: list[CheckResult]) -> int:
    """2 if any input could not be used, else 1 if any error was found, else 0."""
    return max((r.exit_code for r in results), default=0)
