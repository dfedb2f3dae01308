"""Rules over meetings and their minutes (รายงานการประชุม)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import thai
from ..findings import Severity
from ..model import Meeting, SubItem
from .context import Context
from .registry import Issue, in_text, issue, rule

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def _d(value: int) -> str:
    return thai.thai_digits(str(value))


@rule("MTG001", "number-year", ERROR, "meeting")
def number_year(m: Meeting, ctx: Context) -> Iterator[Issue]:
    """``ครั้งที่ n/ปี`` carries the BE calendar year of the meeting date (numbering restarts
    each calendar year). Committees that number by fiscal year silence this with ``noqa``.

    Wrong: ``number: ๑/๒๕๖๔`` for a meeting on ๑๑ มกราคม ๒๕๖๕.
    Right: ``number: ๑/๒๕๖๕``.
    """
    year = thai.be_year(m.date)
    if m.number.year != year:
        yield issue(
            m, f"ครั้งที่ {_d(m.number.number)}/{_d(m.number.year)} แต่ประชุมปี พ.ศ. {_d(year)}",
            f"meeting number year {m.number.year} is not the BE year of the meeting date ({year})", "number",
        )


@rule("MTG002", "start-before-end", ERROR, "meeting")
def start_before_end(m: Meeting, ctx: Context) -> Iterator[Issue]:
    """The meeting ends (เลิกประชุมเวลา) after it starts (เริ่มประชุมเวลา), on the same day.

    Wrong: ``start: ๑๓.๓๐ น.`` with ``end: ๑๒.๐๐ น.``.
    Right: ``start: ๐๙.๐๐ น.`` with ``end: ๑๒.๐๐ น.``.
    """
    if m.end is not None and m.end <= m.start:
        yield issue(
            m, f"เลิกประชุม {thai.format_time(m.end)} ไม่ได้อยู่หลังเริ่มประชุม {thai.format_time(m.start)}",
            f"end time {m.end.strftime('%H:%M')} is not after start time {m.start.strftime('%H:%M')}", "end",
        )


@rule("MTG003", "agenda-order", ERROR, "meeting")
def agenda_order(m: Meeting, ctx: Context) -> Iterator[Issue]:
    """Agenda items (ระเบียบวาระที่) are numbered ๑, ๒, ๓, ... in order, where numbers are given.

    Wrong: ระเบียบวาระที่ ๑, ๒, ๔.
    Right: ระเบียบวาระที่ ๑, ๒, ๓ (or leave ``number`` out and kbo-docs numbers them).
    """
    for i, item in enumerate(m.agenda, start=1):
        if item.number is not None and item.number != i:
            yield issue(item, f"ระเบียบวาระที่ {_d(item.number)} อยู่ในลำดับที่ {_d(i)}", f"agenda item numbered {item.number} stands at position {i}", "number")


_STATED = re.compile(r"จำนวน\s*([0-9๐-๙]+(?:,[0-9๐-๙]{3})*)(?![0-9๐-๙]|,[0-9๐-๙])\s*([^\s0-9๐-๙,]*)")
_LIST_INTRO = re.compile(r"ประกอบด้วย|ดังนี้|ได้แก่")
_NOT_ITEMS = {"บาท", "สตางค์", "วัน", "เดือน", "ปี", "ครั้ง"}


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
        intro = _LIST_INTRO.search(sub.text)
        head = sub.text[: intro.start()] if intro else sub.text
        stated = [s for s in _STATED.finditer(head) if s.group(2) not in _NOT_ITEMS]
        if not stated:
            continue
        found = stated[-1]
        number = thai.parse_number(found.group(1))
        if number != len(sub.items):
            unit = found.group(2)
            yield issue(
                sub, f"ระบุจำนวน {thai.format_number(number)} {unit} แต่มีรายการ {_d(len(sub.items))} รายการ",
                f"states {number} {unit} but lists {len(sub.items)} items", "text",
                **in_text(sub.text, found.start(), found.end()),
            )


@rule("MTG005", "plan-in-fiscal-year", ERROR, "meeting")
def plan_in_fiscal_year(m: Meeting, ctx: Context) -> Iterator[Issue]:
    """A planned activity's period (``when``) lies inside the project's fiscal year.

    Wrong: ``when: มกราคม - มีนาคม ๒๕๖๔`` in a plan for ปีงบประมาณ ๒๕๖๕.
    Right: ``when: มกราคม - มีนาคม ๒๕๖๕``.
    """
    for sub in _sub_items(m):
        if sub.when is None:
            continue
        if not (ctx.in_fiscal_year(sub.when.start) and ctx.in_fiscal_year(sub.when.end)):
            yield issue(
                sub, f"ช่วงเวลา {thai.format_period(sub.when)} อยู่นอก{ctx.fy_text()}",
                f"planned period {sub.when.start.isoformat()} to {sub.when.end.isoformat()} is outside the {ctx.fy_text_en()}",
                "when",
            )


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
