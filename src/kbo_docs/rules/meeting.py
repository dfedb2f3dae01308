"""Rules over meetings and their minutes (รายงานการประชุม)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import checks, thai
from ..findings import Severity
from ..model import Meeting, SubItem
from .context import Context
from .registry import Issue, in_text, issue, rule

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def _d(value: int) -> str:
    return thai.thai_digits(str(value))


@rule("MTG001", "number-year", ERROR, "meeting")
def number_year(m: Meeting, ctx: Context) -> Iterator[Issue]:
    """``ครั้งที่ n/ปี`` carries the BE year of the meeting date: its calendar year, or its fiscal
    year for offices that number meetings by fiscal year.

    Wrong: ``number: ๑/๒๕๖๔`` for a meeting on ๑๑ มกราคม ๒๕๖๕ (calendar and fiscal year ๒๕๖๕).
    Right: ``number: ๑/๒๕๖๕``; for a meeting on ๑๕ ตุลาคม ๒๕๖๔, ``๑/๒๕๖๔`` or ``๑/๒๕๖๕``.
    """
    problem = checks.meeting_number_year(m.number.number, m.number.year, m.date)
    if problem:
        yield issue(m, *problem, "number")


@rule("MTG002", "start-before-end", ERROR, "meeting")
def start_before_end(m: Meeting, ctx: Context) -> Iterator[Issue]:
    """The meeting ends (เลิกประชุมเวลา) after it starts (เริ่มประชุมเวลา), on the same day.

    Wrong: ``start: ๑๓.๓๐ น.`` with ``end: ๑๒.๐๐ น.``.
    Right: ``start: ๐๙.๐๐ น.`` with ``end: ๑๒.๐๐ น.``.
    """
    problem = checks.end_not_after_start(m.start, m.end) if m.end is not None else None
    if problem:
        yield issue(m, *problem, "end")


@rule("MTG003", "agenda-order", ERROR, "meeting")
def agenda_order(m: Meeting, ctx: Context) -> Iterator[Issue]:
    """Agenda items (ระเบียบวาระที่) are numbered ๑, ๒, ๓, ... in order, where numbers are given.

    Wrong: ระเบียบวาระที่ ๑, ๒, ๔.
    Right: ระเบียบวาระที่ ๑, ๒, ๓ (or leave ``number`` out and kbo-docs numbers them).
    """
    for i, item in enumerate(m.agenda, start=1):
        problem = checks.agenda_out_of_order(item.number, i) if item.number is not None else None
        if problem:
            yield issue(item, *problem, "number")



def _sub_items(m: Meeting) -> Iterator[SubItem]:
    stack = [s for item in m.agenda for s in item.items]
    while stack:
        sub = stack.pop()
        yield sub
        stack.extend(sub.items)


@rule("MTG004", "stated-count", ERROR, "meeting")
def stated_count(m: Meeting, ctx: Context) -> Iterator[Issue]:
    """Where a point states a count of the items it lists (``จำนวน ๒ กิจกรรม ประกอบด้วย``),
    the count equals the number of items listed under it.

    Wrong: ``text: ... จำนวน ๒ กิจกรรม ประกอบด้วย`` followed by three activities.
    Right: ``text: ... จำนวน ${count} กิจกรรม ประกอบด้วย`` (kbo-docs counts them), or ``๓``.
    """
    for sub in _sub_items(m):
        if not sub.items:
            continue
        stated = checks.stated_count(sub.text)
        problem = stated.mismatch(len(sub.items)) if stated else None
        if stated and problem:
            yield issue(sub, *problem, "text", **in_text(sub.text, stated.start, stated.end))


@rule("MTG005", "plan-in-fiscal-year", ERROR, "meeting")
def plan_in_fiscal_year(m: Meeting, ctx: Context) -> Iterator[Issue]:
    """A planned activity's period (``when``) lies inside the project's fiscal year.

    Wrong: ``when: มกราคม - มีนาคม ๒๕๖๔`` in a plan for ปีงบประมาณ ๒๕๖๕.
    Right: ``when: มกราคม - มีนาคม ๒๕๖๕``.
    """
    for sub in _sub_items(m):
        if sub.when is None:
            continue
        problem = checks.period_outside(sub.when, ctx.fiscal_year) if ctx.fiscal_year else None
        if problem:
            yield issue(sub, *problem, "when")


def _person_key(name: str | None) -> str:
    return "".join((name or "").split())


@rule("MTG006", "present-and-absent", ERROR, "meeting")
def present_and_absent(m: Meeting, ctx: Context) -> Iterator[Issue]:
    """Nobody is listed both as present (ผู้มาประชุม) and absent (ผู้ไม่มาประชุม).

    Wrong: นางลัดดา พรหมเมือง under ``present`` and under ``absent``.
    Right: list each member once.
    """
    present = {_person_key(p.name) for p in m.present if p.name}
    for person in m.absent:
        if person.name and _person_key(person.name) in present:
            yield issue(person, f"{person.name} อยู่ทั้งผู้มาประชุมและผู้ไม่มาประชุม", f"{person.name} is listed both present and absent", "name")


@rule("MTG007", "quorum", WARNING, "meeting")
def quorum(m: Meeting, ctx: Context) -> Iterator[Issue]:
    """At least half of the members are present (พ.ร.บ.วิธีปฏิบัติราชการทางปกครอง มาตรา ๗๙),
    where ``members`` gives the committee's size. Substitutes count as present.

    Wrong: ``members: ๒๕`` with ๑๒ members present.
    Right: ๑๓ or more present, or the committee's own quorum rule noted with ``noqa``.
    """
    if m.members is not None and 2 * len(m.present) < m.members:
        yield issue(
            m, f"ไม่ครบองค์ประชุม: มาประชุม {_d(len(m.present))} จาก {_d(m.members)} คน",
            f"no quorum: {len(m.present)} of {m.members} members present (at least half needed)", "present",
        )


_AVOID = {
    "บันทึกการประชุม": "รายงานการประชุม",
    "เปิดประชุมเวลา": "เริ่มประชุมเวลา",
    "ปิดประชุมเวลา": "เลิกประชุมเวลา",
    "ผู้บันทึกรายงานการประชุม": "ผู้จดรายงานการประชุม",
    "ผู้ที่ไม่เข้าประชุม": "ผู้ไม่มาประชุม",
}


@rule("MTG008", "minutes-vocabulary", WARNING, "meeting")
def minutes_vocabulary(m: Meeting, ctx: Context) -> Iterator[Issue]:
    """Minutes use the regulation's words: รายงานการประชุม (not บันทึกการประชุม), เริ่ม/เลิกประชุมเวลา
    (not เปิด/ปิด), ผู้จดรายงานการประชุม, ผู้ไม่มาประชุม.

    Wrong: ``opening: เปิดประชุมเวลา ๐๙.๐๐ น. ...``.
    Right: ``opening: ประธานกล่าวเปิดการประชุม ...`` (kbo-docs prints เริ่มประชุมเวลา itself).
    """
    texts = [(m, ("committee",), m.committee)]
    if m.opening:
        texts.append((m, ("opening",), m.opening))
    texts += [(item, ("title",), item.title) for item in m.agenda]
    texts += [(sub, ("text",), sub.text) for sub in _sub_items(m)]
    for node, at, text in texts:
        for avoid in sorted(_AVOID, key=len, reverse=True):  # longest first: เปิด... holds ปิด...
            start = text.find(avoid)
            if start >= 0:
                use = _AVOID[avoid]
                yield issue(node, f"ใช้คำว่า '{use}' แทน '{avoid}'", f"write '{use}' instead of '{avoid}'", *at,
                            **in_text(text, start, start + len(avoid)))
                text = text.replace(avoid, " " * len(avoid))


@rule("MTG009", "recorder", WARNING, "meeting")
def recorder(m: Meeting, ctx: Context) -> Iterator[Issue]:
    """Minutes name the recorder (ผู้จดรายงานการประชุม), who signs them.

    Wrong: no ``recorder``.
    Right: ``recorder: {name: ..., position: ...}``.
    """
    if m.recorder is None:
        yield issue(m, "ไม่มีผู้จดรายงานการประชุม", "the minutes name no recorder (ผู้จดรายงานการประชุม)")
