"""Rules over ประกาศ (announcements)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import checks
from ..findings import Severity
from ..model import Announcement
from .context import Context
from .registry import Issue, issue, rule

ERROR, WARNING = Severity.ERROR, Severity.WARNING


@rule("ANN001", "announcement-heading", ERROR, "announcement")
def announcement_heading(a: Announcement, ctx: Context) -> Iterator[Issue]:
    """``issuer`` is the office only: kbo-docs prints the word ประกาศ before it.

    Wrong: ``issuer: ประกาศสำนักงานพัฒนาชุมชนจังหวัดลำปาง``.
    Right: ``issuer: สำนักงานพัฒนาชุมชนจังหวัดลำปาง``.
    """
    if a.issuer and a.issuer.startswith("ประกาศ"):
        yield issue(a, f"ไม่ต้องพิมพ์คำว่า ประกาศ ใน issuer: {a.issuer}", f"drop the word ประกาศ from issuer: {a.issuer}", "issuer")


@rule("ANN002", "announcement-date-in-fiscal-year", WARNING, "announcement")
def announcement_date_in_fiscal_year(a: Announcement, ctx: Context) -> Iterator[Issue]:
    """The announcement's date (ประกาศ ณ วันที่) lies in the project's fiscal year.

    Wrong: a ปีงบประมาณ ๒๕๖๘ announcement dated ๒๐ ธันวาคม ๒๕๖๘.
    Right: dated ๒๐ ธันวาคม ๒๕๖๗.
    """
    problem = checks.letter_date_outside(a.date, ctx.fiscal_year) if ctx.fiscal_year else None
    if problem:
        yield issue(a, *problem, "date")
