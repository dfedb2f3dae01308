"""Rules over หนังสือเชิญประชุม (invitations). An invitation is also a letter: the CIR rules run
on it too (see ``also`` in :mod:`kbo_docs.model.kinds`); its agenda is the meeting's, checked by
the MTG rules (MTG003 numbers the agenda)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import checks, thai
from ..findings import Severity
from ..model import Invitation
from .circular import _texts
from .context import Context
from .registry import Issue, in_text, issue, rule

ERROR, WARNING = Severity.ERROR, Severity.WARNING


@rule("INV001", "invitation-meeting", ERROR, "invitation")
def invitation_meeting(i: Invitation, ctx: Context) -> Iterator[Issue]:
    """``meeting:`` names a meeting of this file: the agenda enclosure and the meeting's date,
    time and venue come from it.

    Wrong: ``meeting: kbo-1-68`` when the meeting's id is ``kbo68-1``.
    Right: ``meeting: kbo68-1``.
    """
    if ctx.project.meeting(i.meeting) is None:
        ids = ", ".join(m.id for m in ctx.project.meetings) or "-"
        yield issue(i, f"ไม่มีการประชุม id '{i.meeting}' (มี: {ids})", f"no meeting with id '{i.meeting}' (meetings: {ids})", "meeting")


@rule("INV002", "meeting-after-letter", ERROR, "invitation")
def meeting_after_letter(i: Invitation, ctx: Context) -> Iterator[Issue]:
    """The meeting is held after the invitation's date.

    Wrong: an invitation dated ๑๐ มกราคม ๒๕๖๘ to a meeting on ๘ มกราคม ๒๕๖๘.
    Right: the invitation dated before the meeting (the meeting's ``date`` or the letter's ``date`` corrected).
    """
    meeting = ctx.project.meeting(i.meeting)
    if meeting is not None and meeting.date <= i.date:
        yield issue(i, f"วันประชุม {thai.format_date(meeting.date)} ไม่ได้อยู่หลังวันที่ของหนังสือ {thai.format_date(i.date)}",
                    f"the meeting ({checks.en_date(meeting.date)}) is not after the letter's date ({checks.en_date(i.date)})", "date")


_ROOM = re.compile(r"ห้องประชุม\S*")


@rule("INV003", "meeting-details", ERROR, "invitation")
def meeting_details(i: Invitation, ctx: Context) -> Iterator[Issue]:
    """A date, time or meeting room typed in the invitation's text is the meeting's. Write
    ``${meeting.weekday}``, ``${meeting.start}`` and ``${meeting.venue}`` to print them from the
    meeting instead. Reply deadlines (``ภายในวันที่ ...``) are not the meeting's date.

    Wrong: ``ในวันพุธที่ ๑๕ มกราคม ๒๕๖๘ เวลา ๐๙.๓๐ น.`` for a meeting on ๑๖ มกราคม at ๐๙.๐๐ น.
    Right: ``ใน${meeting.weekday} เวลา ${meeting.start} ณ ${meeting.venue}``.
    """
    meeting = ctx.project.meeting(i.meeting)
    if meeting is None:
        return
    for node, at, text in _texts(i):
        deadline_spans = [(s, e) for s, e, _ in checks.deadlines(text)]
        for start, end, day in thai.find_dates(text):
            if day != meeting.date and not any(start < e and s < end for s, e in deadline_spans):
                yield issue(node, f"วันที่ในหนังสือ {text[start:end]} ไม่ตรงกับวันประชุม {thai.format_date(meeting.date)}",
                            f"the date {text[start:end]} is not the meeting's ({checks.en_date(meeting.date)})",
                            *at, **in_text(text, start, end))
        for start, end, when in thai.find_times(text):
            if when not in (meeting.start, meeting.end):
                yield issue(node, f"เวลาในหนังสือ {text[start:end]} ไม่ตรงกับเวลาประชุม {thai.format_time(meeting.start)}",
                            f"the time {text[start:end]} is not the meeting's ({meeting.start.isoformat('minutes')})",
                            *at, **in_text(text, start, end))
        for m in _ROOM.finditer(text):
            if m.group() not in meeting.venue:
                yield issue(node, f"ห้องประชุมในหนังสือ '{m.group()}' ไม่ตรงกับสถานที่ประชุม '{meeting.venue}'",
                            f"the room '{m.group()}' is not the meeting's venue '{meeting.venue}'",
                            *at, **in_text(text, m.start(), m.end()))
