"""Rules over คำสั่ง (orders, e.g. appointing a committee)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import checks, thai
from ..findings import Severity
from ..model import Order, Person
from .context import Context
from .registry import Issue, issue, rule

ERROR, WARNING = Severity.ERROR, Severity.WARNING

CHAIRS = ("ประธานกรรมการ", "ประธานคณะทำงาน", "ประธานอนุกรรมการ", "ประธาน")


def is_chair(person: Person) -> bool:
    return (person.role or "").replace(" ", "") in CHAIRS


def is_secretary(person: Person) -> bool:
    role = (person.role or "").replace(" ", "")
    return role.endswith("เลขานุการ") and "ผู้ช่วยเลขานุการ" not in role


def _d(n: int) -> str:
    return thai.thai_digits(str(n))


@rule("ORD001", "clause-order", ERROR, "order")
def clause_order(o: Order, ctx: Context) -> Iterator[Issue]:
    """The clauses are numbered ๑, ๒, ๓, ... in order, where numbers are given.

    Wrong: clauses ๑, ๒, ๒.
    Right: ๑, ๒, ๓ (or leave ``number`` out and kbo-docs numbers them).
    """
    for i, clause in enumerate(o.clauses, start=1):
        if clause.number is not None and clause.number != i:
            yield issue(clause, f"ข้อ {_d(clause.number)} ควรเป็นข้อ {_d(i)} (เรียงตามลำดับ)",
                        f"clause {clause.number} should be clause {i} (in order)", "number")


@rule("ORD002", "one-chair", ERROR, "order")
def one_chair(o: Order, ctx: Context) -> Iterator[Issue]:
    """A committee (a clause with ``members``) has exactly one chair (ประธานกรรมการ).

    Wrong: two members with ``role: ประธานกรรมการ``, or none.
    Right: one ``ประธานกรรมการ``; the other as ``รองประธานกรรมการ`` or ``กรรมการ``.
    """
    for clause in o.clauses:
        if not clause.members:
            continue
        chairs = [p for p in clause.members if is_chair(p)]
        if not chairs:
            yield issue(clause, "คณะกรรมการไม่มีประธาน (role: ประธานกรรมการ)", "the committee has no chair (role: ประธานกรรมการ)", "members")
        for extra in chairs[1:]:
            yield issue(extra, f"มีประธานมากกว่าหนึ่งคน: {extra.label}", f"more than one chair: {extra.label}", "role")


@rule("ORD003", "one-secretary", ERROR, "order")
def one_secretary(o: Order, ctx: Context) -> Iterator[Issue]:
    """A committee has exactly one secretary (กรรมการและเลขานุการ); assistants are
    กรรมการและผู้ช่วยเลขานุการ.

    Wrong: two members with ``role: กรรมการและเลขานุการ``.
    Right: one ``กรรมการและเลขานุการ`` and one ``กรรมการและผู้ช่วยเลขานุการ``.
    """
    for clause in o.clauses:
        if not clause.members:
            continue
        secretaries = [p for p in clause.members if is_secretary(p)]
        if not secretaries:
            yield issue(clause, "คณะกรรมการไม่มีเลขานุการ (role: กรรมการและเลขานุการ)",
                        "the committee has no secretary (role: กรรมการและเลขานุการ)", "members")
        for extra in secretaries[1:]:
            yield issue(extra, f"มีเลขานุการมากกว่าหนึ่งคน: {extra.label} (ใช้ กรรมการและผู้ช่วยเลขานุการ)",
                        f"more than one secretary: {extra.label} (use กรรมการและผู้ช่วยเลขานุการ)", "role")


@rule("ORD004", "order-year", ERROR, "order")
def order_year(o: Order, ctx: Context) -> Iterator[Issue]:
    """``ที่ n/ปี`` carries the BE calendar year of the order's date (orders are numbered from ๑
    each calendar year, ระเบียบงานสารบรรณ ข้อ 16.2).

    Wrong: ``number: ๑๒/๒๕๖๗`` with ``date: ๘ มกราคม ๒๕๖๘``.
    Right: ``number: ๑๒/๒๕๖๘``.
    """
    year = thai.be_year(o.date)
    if o.number.year != year:
        yield issue(o, f"ปีของคำสั่ง {_d(o.number.year)} ไม่ตรงกับปีที่สั่ง พ.ศ. {_d(year)}",
                    f"the order's year {o.number.year} is not the BE year of its date ({year})", "number")


@rule("ORD005", "effective-after-date", ERROR, "order")
def effective_after_date(o: Order, ctx: Context) -> Iterator[Issue]:
    """The order takes effect (ทั้งนี้ ตั้งแต่ ...) on or after the day it is signed (สั่ง ณ วันที่).

    Wrong: ``effective: ๑ มกราคม ๒๕๖๘`` with ``date: ๘ มกราคม ๒๕๖๘``.
    Right: ``effective: ๘ มกราคม ๒๕๖๘`` or leave it out (ตั้งแต่บัดนี้เป็นต้นไป).
    """
    if o.effective is not None and o.effective < o.date:
        yield issue(o, f"วันใช้บังคับ {thai.format_date(o.effective)} ก่อนวันที่สั่ง {thai.format_date(o.date)}",
                    f"effective {checks.en_date(o.effective)} before the order's date {checks.en_date(o.date)}", "effective")


@rule("ORD006", "order-heading", ERROR, "order")
def order_heading(o: Order, ctx: Context) -> Iterator[Issue]:
    """``issuer`` is the office or position only: kbo-docs prints the word คำสั่ง before it.

    Wrong: ``issuer: คำสั่งจังหวัดลำปาง`` (prints คำสั่งคำสั่งจังหวัดลำปาง).
    Right: ``issuer: จังหวัดลำปาง``.
    """
    if o.issuer and o.issuer.startswith("คำสั่ง"):
        yield issue(o, f"ไม่ต้องพิมพ์คำว่า คำสั่ง ใน issuer: {o.issuer}", f"drop the word คำสั่ง from issuer: {o.issuer}", "issuer")


@rule("ORD007", "order-date-in-fiscal-year", WARNING, "order")
def order_date_in_fiscal_year(o: Order, ctx: Context) -> Iterator[Issue]:
    """The order's date lies in the project's fiscal year.

    Wrong: a ปีงบประมาณ ๒๕๖๘ order dated ๘ มกราคม ๒๕๖๙.
    Right: dated ๘ มกราคม ๒๕๖๘.
    """
    problem = checks.letter_date_outside(o.date, ctx.fiscal_year) if ctx.fiscal_year else None
    if problem:
        yield issue(o, *problem, "date")
