"""Rules over บันทึกข้อความ (internal memos)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import checks
from ..findings import Severity
from ..model import Memo
from .circular import running_number_missing
from .context import Context
from .registry import Issue, in_text, issue, rule

ERROR, WARNING = Severity.ERROR, Severity.WARNING

_CLOSINGS = sorted({closing for closing in checks.SALUTATION_CLOSINGS.values()}, key=len, reverse=True)


@rule("MEM001", "memo-no-closing", ERROR, "memo")
def memo_no_closing(m: Memo, ctx: Context) -> Iterator[Issue]:
    """A บันทึกข้อความ ends with its last paragraph and the signature: it has no คำลงท้าย
    (ขอแสดงความนับถือ belongs to a หนังสือภายนอก).

    Wrong: ``conclusion: [จึงเรียนมาเพื่อโปรดพิจารณา, ขอแสดงความนับถือ]``.
    Right: ``conclusion: จึงเรียนมาเพื่อโปรดพิจารณา``.
    """
    texts = [("body", i, t) for i, t in enumerate(m.body)] + [("conclusion", i, t) for i, t in enumerate(m.conclusion)]
    for field, i, text in texts:
        for closing in _CLOSINGS:
            start = text.find(closing)
            if start >= 0:
                yield issue(m, f"บันทึกข้อความไม่มีคำลงท้าย ลบ '{closing}'", f"a memo has no closing: remove '{closing}'",
                            field, i, **in_text(text, start, start + len(closing)))
                break


@rule("MEM002", "memo-running-number", WARNING, "memo")
def memo_running_number(m: Memo, ctx: Context) -> Iterator[Issue]:
    """The memo's ที่ has its running number after the slash before it is sent.

    Wrong: ``number: ลป ๐๐๑๙.๓/``.
    Right: ``number: ลป ๐๐๑๙.๓/๑๒๓๔`` or ``number: {owner: ลป ๐๐๑๙.๓, running: ๑๒๓๔}``.
    """
    yield from running_number_missing(m, m.number, ctx)


@rule("MEM003", "memo-date-in-fiscal-year", WARNING, "memo")
def memo_date_in_fiscal_year(m: Memo, ctx: Context) -> Iterator[Issue]:
    """The memo's date lies in the project's fiscal year.

    Wrong: a ปีงบประมาณ ๒๕๖๘ memo dated ๑๕ ตุลาคม ๒๕๖๘.
    Right: dated ๑๕ มกราคม ๒๕๖๘ (or silence with ``noqa`` for a memo about next year's work).
    """
    problem = checks.letter_date_outside(m.date, ctx.fiscal_year) if ctx.fiscal_year else None
    if problem:
        yield issue(m, *problem, "date")
