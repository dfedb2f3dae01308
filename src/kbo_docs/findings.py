"""Findings: what a rule reports, and the error raised for input that cannot be used.

A finding is a small frozen value (rule code, severity, message, file, line), so the
command line, the JSON output and the tests all see the same thing.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, order=True)
class Finding:
    """One reported problem. ``message`` is Thai, then `` / `` and English."""

    file: str
    line: int | str
    """The line of a data or text file; for other documents a location such as ``p12``,
    ``t1:r3:c2``, ``Sheet1!B7`` or ``page 2 line 14``."""
    rule: str
    severity: Severity
    message: str

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.rule} [{self.severity}] {self.message}"


class InputError(Exception):
    """The input cannot be used at all (unreadable, malformed, schema violation).

    Carries the file and line (and, where it helps, the column and a few lines of context: the
    offending line quoted with a caret, the repaired line to type) so the command line can print
    one clear line followed by that context; the command line exits with status 2 for it.
    """

    def __init__(self, message: str, file: str = "<input>", line: int = 0, column: int = 0,
                 context: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.context = list(context or [])

    @property
    def where(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}" if self.column else f"{self.file}:{self.line}"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    def detailed(self) -> str:
        """The one line, then the context lines under it."""
        return "\n".join([str(self), *self.context])

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"rule": "INPUT", "severity": "error", "message": self.message,
                                   "file": self.file, "line": self.line}
        if self.column:
            data["column"] = self.column
        if self.context:
            data["context"] = self.context
        return data
