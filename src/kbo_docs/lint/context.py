"""What the document rules can ask about a document: the fiscal year it names, the letter's own
date, the meeting's number and date, and what a finding looks like."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from .. import thai
from .document import Cell, Document, Location, Paragraph, at
from .limits import DEFAULT, Deadline
from .tables import TableModel, analyse

_SUBJECT = re.compile(r"^เรื่อง[\s:]")
_MEETING_WORD = re.compile(r"ประชุม")
_NEW_PASSAGE = re.compile(
    r"^(?:\(?[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,2})*[.)]|[-•*]\s|ข้อ\s*[0-9๐-๙]|ระเบียบวาระ|วาระที่|เรื่อง[\s:]|เรียน\s|"
    r"อ้างถึง|สิ่งที่ส่งมาด้วย|ที่\s|\(?ลงชื่อ|\(|ขอแสดงความนับถือ|ประกาศ\s*ณ|สั่ง\s*ณ)"
)
_MAX_PASSAGE = 2000
_PAST_DATE_BEFORE = re.compile(r"(?:ลงวันที่|เมื่อ(?:วันที่)?|ตามหนังสือ[^\s]*\s*)\s*$")


@dataclass(frozen=True)
class DocIssue:
    """What a document rule yields: where, and the message in Thai and English."""

    location: Location
    th: str
    en: str


def found(piece: Paragraph | Cell, offset: int, th: str, en: str) -> DocIssue:
    return DocIssue(at(piece, offset), th, en)


@dataclass(frozen=True)
class Named:
    """A fiscal year (or span of years) a document names, and where."""

    first: int
    last: int
    location: Location


@dataclass(frozen=True)
class Meeting:
    number: int
    year: int
    location: Location
    date: dt.date | None
    date_location: Location | None


class DocContext:
    def __init__(self, doc: Document, deadline: Deadline | None = None) -> None:
        self.doc = doc
        self.deadline = deadline or Deadline(doc.file, DEFAULT)
        """Shared by every rule run over this document: a rule with a loop that may grow with
        the document checks it inside the loop."""

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        return self.doc.paragraphs

    @cached_property
    def passages(self) -> list[Paragraph]:
        """The paragraphs as a reader reads sentences: in a text file (one paragraph per line),
        lines that follow each other with no blank line between are one passage, as a
        hard-wrapped sentence (``จำนวน ๔ ด้าน ได้แก่ ...`` ending on the next line) is one; a
        line opening a numbered item, a heading or a signature starts a new one. Other formats
        keep their paragraphs (a PDF paragraph already spans its lines)."""
        if self.doc.kind != "text":
            return self.paragraphs
        out: list[Paragraph] = []
        previous: Paragraph | None = None
        for p in self.paragraphs:
            line = p.location.label
            joined = (out and previous is not None and isinstance(line, int) and previous.location.label == line - 1
                      and not _NEW_PASSAGE.match(p.text) and len(out[-1].text) < _MAX_PASSAGE)
            if joined:
                last = out[-1]
                offset = len(last.text) + 1
                out[-1] = Paragraph(f"{last.text} {p.text}", last.location, [*last.breaks, (offset, p.location)])
            else:
                out.append(Paragraph(p.text, p.location, list(p.breaks)))
            previous = p
        return out

    @cached_property
    def tables(self) -> list[TableModel]:
        """The document's tables that hold numbers, with their structure read."""
        return [model for table in self.doc.tables if (model := analyse(table)) is not None]

    @cached_property
    def fiscal_year(self) -> Named | None:
        """The fiscal year the document names: the first ``ประจำปีงบประมาณ ...`` (the heading
        form), else the first ``ปีงบประมาณ ...``."""
        heading = plain = None
        for text, piece in self.doc.texts():
            for start, _end, first, last in thai.find_fiscal_years(text):
                named = Named(first, last, at(piece, start))
                if heading is None and text[start:].startswith("ประจำ"):
                    heading = named
                if plain is None:
                    plain = named
        return heading or plain

    @cached_property
    def head(self) -> list[Paragraph]:
        """The paragraphs before the subject line (``เรื่อง ...``), or the first twelve."""
        for i, p in enumerate(self.paragraphs):
            if _SUBJECT.match(p.text):
                return self.paragraphs[:i]
        return self.paragraphs[:12]

    @cached_property
    def letter_date(self) -> tuple[dt.date, Location] | None:
        """The letter's own date: a head paragraph that is only a date (``๖ ธันวาคม ๒๕๖๗``,
        ``วันที่ ๖ ธันวาคม ๒๕๖๗``), or ``วันที่ ...`` on a memo's ``ที่ ...`` line."""
        for p in self.head:
            text = " ".join(p.text.split())
            if thai.DATE_RE.fullmatch(text):
                try:
                    return thai.parse_date(text), p.location
                except ValueError:
                    return None
            if text.startswith("ที่"):
                for start, _end, day in thai.find_dates(text):
                    if text[:start].rstrip().endswith("วันที่") or text[start:].startswith("วันที่"):
                        return day, p.at(start)
        return None

    @cached_property
    def meeting(self) -> Meeting | None:
        """The meeting a document reports: ``ครั้งที่ n/ปี`` among its first paragraphs, in a
        document about a meeting, and the first date after it (the meeting date)."""
        first = self.paragraphs[:6]
        if not any(_MEETING_WORD.search(p.text) for p in first):
            return None
        for i, p in enumerate(first):
            numbers = thai.find_meeting_numbers(p.text)
            if not numbers:
                continue
            start, end, number, year = numbers[0]
            date = date_location = None
            for j, q in enumerate(self.paragraphs[i: i + 4]):
                offset = end if j == 0 else 0
                dates = [(s, d) for s, _e, d in dates_named(q.text) if s >= offset]
                if dates:
                    date, date_location = dates[0][1], q.at(dates[0][0])
                    break
            return Meeting(number, year, p.at(start), date, date_location)
        return None

    @cached_property
    def plan_fiscal_year(self) -> tuple[int, int] | None:
        """The fiscal year a plan's dates must fall in: the one the document names, else (for
        minutes) that of the meeting date."""
        if self.fiscal_year is not None:
            return self.fiscal_year.first, self.fiscal_year.last
        if self.meeting is not None and self.meeting.date is not None:
            fy = thai.fiscal_year(self.meeting.date)
            return fy, fy
        return None


def dates_named(text: str) -> list[tuple[int, int, dt.date]]:
    """The days a text names, as :func:`thai.find_dates`, but a date whose weekday is wrong
    still names its day (LNT002 reports the weekday)."""
    out = []
    for m in thai.DATE_RE.finditer(text):
        for raw in (m.group(), text[m.start("day"): m.end()]):
            try:
                out.append((m.start(), m.end(), thai.parse_date(raw)))
                break
            except ValueError:
                continue
    return out


def past_reference(text: str, start: int) -> bool:
    """The date at ``start`` refers to an earlier document or event (``ลงวันที่ ...``, ``เมื่อ ...``)."""
    return bool(_PAST_DATE_BEFORE.search(text[max(0, start - 30): start]))
