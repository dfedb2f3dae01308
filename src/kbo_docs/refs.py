"""References inside user text: ``${name}`` prints a value from the data instead of a retyped
number, so the text cannot disagree with the table. ``$${`` writes a literal ``${``.

Names: ``fiscal_year``, ``project``, ``project_short``; ``<register>.total.<column>`` and
``<register>.rows`` (number of rows); in a circular's action ``deadline``; in a meeting's
sub-item ``when`` (its period) and ``count`` (how many items it lists); in an invitation
``meeting.date``, ``meeting.weekday``, ``meeting.start``, ``meeting.venue``, ``meeting.number``,
``meeting.committee`` (its meeting's).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from . import thai
from .model import ProjectFile

NBSP = "\u00a0"
_BREAKS_INSIDE = re.compile(r"(พ\.ศ\.|ค\.ศ\.|โทร\.|โทรสาร|ครั้งที่|ระเบียบวาระที่|สิ่งที่ส่งมาด้วย) (?=[0-9๐-๙])")


def keep_together(text: str) -> str:
    """A date, time or period as one unbreakable unit: its spaces become no-break spaces."""
    return text.replace(" ", NBSP)


def no_break_before_numbers(text: str) -> str:
    """Keep ``พ.ศ. ๒๕๖๘``, ``โทร. ๐ ...``, ``ครั้งที่ ๑`` on one line in user text."""
    return _BREAKS_INSIDE.sub(lambda m: m.group(1) + NBSP, text)


class Year(int):
    """A year number: printed without a thousands separator (๒๕๖๘, not ๒,๕๖๘)."""


REF_PATTERN = re.compile(r"\$\$\{|\$\{([^{}]*)\}")
"""``${name}`` (group 1 the name) or the ``$${`` escape (group 1 None)."""


def project_scope(project: ProjectFile) -> dict[str, Any]:
    """Names every text in the file can use."""
    scope: dict[str, Any] = {}
    if project.project is not None:  # a file without a project has no such names
        scope = {
            "fiscal_year": Year(project.project.fiscal_year),
            "project": project.project.name,
            "project_short": project.project.short_name or project.project.name,
        }
    for reg in project.registers:
        scope[f"{reg.id}.rows"] = len(reg.rows)
        for col in reg.columns:
            scope[f"{reg.id}.total.{col.key}"] = reg.total(col.key)
    return scope


def meeting_scope(meeting: Any, digits: str = "thai") -> dict[str, Any]:
    """Names an invitation's text can use for its meeting (``${meeting.date}``, ...)."""
    return {
        "meeting.date": meeting.date,
        "meeting.weekday": keep_together(thai.format_date(meeting.date, style="weekday", digits=digits)),  # type: ignore[arg-type]
        "meeting.start": meeting.start,
        "meeting.venue": meeting.venue,
        "meeting.number": thai._with_digits(f"{meeting.number.number}/{meeting.number.year}", digits),  # type: ignore[arg-type]
        "meeting.committee": meeting.committee,
    }


MEETING_NAMES = ("meeting.date", "meeting.weekday", "meeting.start", "meeting.venue", "meeting.number", "meeting.committee")


def format_value(value: Any, digits: str = "thai") -> str:
    """How a referenced value prints: every number and date through :mod:`kbo_docs.thai`."""
    if isinstance(value, Year):
        return thai.thai_digits(str(value)) if digits == "thai" else str(value)
    if isinstance(value, bool) or value is None:
        raise TypeError(f"cannot print {value!r}")
    if isinstance(value, int):
        return thai.format_number(value, digits=digits)
    if isinstance(value, dt.time):
        return keep_together(thai.format_time(value, digits=digits))
    if isinstance(value, dt.date):
        return keep_together(thai.format_date(value, digits=digits))
    if isinstance(value, thai.Period):
        return keep_together(thai.format_period(value, digits=digits))
    return str(value)


def expand(text: str, scope: Mapping[str, Any], digits: str = "thai") -> str:
    """Document text: each ``${name}`` replaced (a name not in ``scope`` raises KeyError naming
    it), dates and ``พ.ศ. ๒๕๖๘``-like pairs held together with no-break spaces."""

    def replace(m: re.Match[str]) -> str:
        if m.group(1) is None:
            return "${"
        name = m.group(1).strip()
        if name not in scope or scope[name] is None:
            raise KeyError(name)
        return format_value(scope[name], digits)

    return no_break_before_numbers(REF_PATTERN.sub(replace, text))
