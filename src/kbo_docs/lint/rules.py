"""The rules over hand-typed documents (``kbo-docs lint``).

Where a rule over the data model checks the same thing, the document front end is attached to
it under the same code (:func:`~kbo_docs.rules.registry.document_check`) and both call the
same logic in :mod:`kbo_docs.checks`: a deadline a year late is CIR003 in a YAML file and in a
DOCX alike, with the same message. Rules that only make sense on typed text (a name spelled
two ways, an impossible date, a total stated in the text against the table) are registered
here with codes of their own (``LNT...``), scope ``document``.

Every front end here is a function ``(doc: Document, ctx: DocContext) -> Iterator[DocIssue]``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .. import checks, thai
from ..findings import Severity
from ..rules import circular as _circular  # noqa: F401  (registers the rules the front ends attach to)
from ..rules import meeting as _meeting  # noqa: F401
from ..rules import register as _register  # noqa: F401
from ..rules import text as _text  # noqa: F401
from ..rules.registry import document_check, rule
from .context import DocContext, DocIssue, dates_named, found, past_reference
from .document import Block, Cell, Document, Location, Paragraph, Table, at
from .tables import Number, TableModel

ERROR, WARNING = Severity.ERROR, Severity.WARNING


# ---------------------------------------------------------------------------------------
# Text anywhere: TXT001-TXT004


@document_check("TXT001")
def foreign_script(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """Letters of other scripts inside words, in every paragraph and table cell."""
    for text, piece in doc.texts():
        for word in checks.foreign_words(text):
            yield found(piece, word.start, *word.message())


@document_check("TXT002")
def mixed_digits(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """Numbers mixing Thai and Arabic digits, in every paragraph and table cell."""
    for text, piece in doc.texts():
        for start, _end, raw in checks.mixed_digit_numbers(text):
            yield found(piece, start, *checks.mixed_digits_message(raw))


@document_check("TXT003")
def double_space(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """Doubled spaces inside a paragraph or cell, once per line (indentation and trailing
    spaces, the gap after a heading word such as เรียน or อ้างถึง, and runs of three or more
    spaces that align columns are layout and are not reported)."""
    for text, piece in doc.texts():
        seen = set()
        for span in checks.doubled_spaces(text, alignment=True):
            where = at(piece, span[0])
            if where in seen or "\n" in text[max(0, span[0] - 1): span[1] + 1]:
                continue
            seen.add(where)
            start, end = checks.doubled_space_context(text, span)
            yield DocIssue(where, *checks.doubled_space_message(text[start:end]))


@document_check("TXT004")
def unbalanced_brackets(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """Brackets that do not pair up within a paragraph or cell."""
    for text, piece in doc.texts():
        if not checks.brackets_balanced(text):
            shown = checks.LIST_NUMBER.sub(" ", text)[:60]
            yield found(piece, 0, f"วงเล็บไม่ครบคู่: '{shown}'", f"unbalanced brackets: '{shown}'")


# ---------------------------------------------------------------------------------------
# Letters: the letter's date, deadlines, enclosures, closing: CIR001-CIR004, CIR007


@document_check("CIR001")
def letter_date_in_fiscal_year(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """The letter's own date against the fiscal year the letter names (not for minutes, whose
    meeting may plan the next year)."""
    if ctx.letter_date is None or ctx.fiscal_year is None or ctx.meeting is not None:
        return
    day, where = ctx.letter_date
    problem = checks.letter_date_outside(day, ctx.fiscal_year.first, ctx.fiscal_year.last)
    if problem:
        yield DocIssue(where, *problem)


def _deadlines(doc: Document) -> Iterator[tuple[Paragraph | Cell, int, dt.date]]:
    for text, piece in doc.texts():
        for start, _end, day in checks.deadlines(text):
            yield piece, start, day


@document_check("CIR002")
def deadline_after_date(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """Deadlines (``ภายในวันที่ ...``) against the letter's own date."""
    if ctx.letter_date is None:
        return
    for piece, start, day in _deadlines(doc):
        problem = checks.deadline_not_after(day, ctx.letter_date[0])
        if problem:
            yield found(piece, start, *problem)


@document_check("CIR003")
def deadline_in_fiscal_year(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """Deadlines against the fiscal year the document names (``ปีงบประมาณ พ.ศ. ...``)."""
    if ctx.fiscal_year is None:
        return
    for piece, start, day in _deadlines(doc):
        letter = ctx.letter_date[0] if ctx.letter_date is not None else None
        problem = checks.deadline_outside(day, ctx.fiscal_year.first, ctx.fiscal_year.last, letter_date=letter)
        if problem:
            yield found(piece, start, *problem)


_ENCLOSURES = re.compile(r"^สิ่งที่ส่งมาด้วย(?![0-9๐-๙\s]*\))\s*(.*)$", re.DOTALL)
_NUMBERED = re.compile(r"^\(?([0-9๐-๙]{1,2})[.)](?![0-9๐-๙])")


def _number_of(text: str) -> int | None:
    m = _NUMBERED.match(text)
    return int(thai.arabic_digits(m.group(1))) if m else None


@dataclass
class _Enclosures:
    listed: int
    paragraphs: set[int]
    """ids of the paragraphs that list them."""


def _enclosures(doc: Document) -> _Enclosures | None:
    """The enclosure list under the ``สิ่งที่ส่งมาด้วย`` heading: numbered items (on the heading's
    line and the lines after it), or one unnumbered enclosure."""
    paragraphs = doc.paragraphs
    for i, p in enumerate(paragraphs):
        m = _ENCLOSURES.match(p.text)
        if not m:
            continue
        rest = m.group(1).strip()
        used = {id(p)}
        first = _number_of(rest) if rest else None
        if rest and first is None:
            return _Enclosures(1, used)
        expect, listed = (2, 1) if first == 1 else (1, 0)
        for q in paragraphs[i + 1:]:
            if _number_of(q.text) != expect:
                break
            used.add(id(q))
            listed, expect = listed + 1, expect + 1
        return _Enclosures(listed, used) if listed else None
    return None


@document_check("CIR004")
def enclosure_exists(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """References to enclosures (``(สิ่งที่ส่งมาด้วย ๒ - ๓)``) against the enclosures listed
    under the ``สิ่งที่ส่งมาด้วย`` heading."""
    listing = _enclosures(doc)
    if listing is None:
        return
    for text, piece in doc.texts():
        if id(piece) in listing.paragraphs:
            continue
        for start, _end, numbers in checks.enclosure_references(text):
            for number in numbers:
                problem = checks.missing_enclosure(number, listing.listed)
                if problem:
                    yield found(piece, start, *problem)


_SALUTATION = re.compile(r"^(กราบเรียน|เรียน|นมัสการ)[\s:]")
_CLOSINGS = ("ขอแสดงความนับถืออย่างยิ่ง", "ขอแสดงความนับถือ", "ขอนมัสการด้วยความเคารพ", "ด้วยความเคารพอย่างสูง")


@document_check("CIR007")
def salutation_closing(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """The closing line of a letter against its salutation (a memo without a closing is fine)."""
    paragraphs = doc.paragraphs
    for i, p in enumerate(paragraphs[:20]):
        m = _SALUTATION.match(p.text)
        if not m:
            continue
        for q in paragraphs[i + 1:]:
            text = " ".join(q.text.split())
            if text in _CLOSINGS:
                problem = checks.closing_mismatch(m.group(1), text)
                if problem:
                    yield DocIssue(q.location, *problem)
                return
        return


# ---------------------------------------------------------------------------------------
# Meetings and plans: MTG001-MTG005


@document_check("MTG001")
def number_year(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """``ครั้งที่ n/ปี`` in the heading of minutes or a meeting report against the meeting date,
    and every ``ครั้งที่ n/ปี`` the text gives with its own date (``ครั้งที่ ๑/๒๕๖๕ ในวันอังคารที่
    ๑ มีนาคม ๒๕๖๕``, ``ครั้งที่ ๕/๒๕๖๔ เมื่อวันที่ ...``) against that date."""
    meeting = ctx.meeting
    if meeting is not None and meeting.date is not None:
        problem = checks.meeting_number_year(meeting.number, meeting.year, meeting.date)
        if problem:
            yield DocIssue(meeting.location, *problem)
    for piece in ctx.passages:
        for start, end, number, year in thai.find_meeting_numbers(piece.text):
            if meeting is not None and piece.at(start) == meeting.location:
                continue
            dated = _date_of_meeting(piece.text, end)
            if dated is None:
                continue
            problem = checks.meeting_number_year(number, year, dated)
            if problem:
                yield found(piece, start, *problem)


_MEETING_DATE_LEAD = re.compile(r"^\s*(?:ใน|เมื่อ|ซึ่ง(?:จะ)?(?:จัด|ประชุม)\S*\s*)?(?:วัน\S*?ที่|วันที่)?\s*$")


def _date_of_meeting(text: str, end: int) -> dt.date | None:
    """The date right after a meeting number (``ครั้งที่ ๑/๒๕๖๕ ในวันอังคารที่ ๑ มีนาคม ๒๕๖๕``)."""
    for start, _e, day in dates_named(text[end: end + 60]):
        lead = text[end: end + start]
        return day if _MEETING_DATE_LEAD.match(lead) else None
    return None


@rule("LNT020", "confirmed-minutes-number", ERROR, "document")
def confirmed_minutes_number(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """The minutes a meeting confirms (``รับรองรายงานการประชุม ครั้งที่ n/ปี``) are of an earlier
    meeting: not this meeting's own number, nor a later one of the same year, nor dated on or
    after this meeting.

    Wrong: minutes of ``ครั้งที่ ๖/๒๕๖๔`` that confirm ``รายงานการประชุม ครั้งที่ ๖/๒๕๖๔``.
    Right: ``รับรองรายงานการประชุม ครั้งที่ ๕/๒๕๖๔``.
    """
    meeting = ctx.meeting
    if meeting is None or (meeting.date is not None and checks.meeting_number_year(meeting.number, meeting.year, meeting.date)):
        return  # the meeting's own number is wrong (MTG001): nothing to compare with
    for piece in ctx.passages:
        for m in _CONFIRMED.finditer(piece.text):
            numbers = thai.find_meeting_numbers(piece.text[m.end(): m.end() + 30])
            if not numbers or numbers[0][0] > 12:
                continue
            start, end, number, year = numbers[0]
            start, end = start + m.end(), end + m.end()
            dated = _date_of_meeting(piece.text, end)
            later = year == meeting.year and number >= meeting.number
            if not later and not (dated is not None and meeting.date is not None and dated >= meeting.date):
                continue
            d = thai.thai_digits
            yield found(
                piece, start,
                f"รับรองรายงานการประชุมครั้งที่ {d(str(number))}/{d(str(year))} ซึ่งไม่ใช่การประชุมครั้งก่อน"
                f" (การประชุมนี้คือครั้งที่ {d(str(meeting.number))}/{d(str(meeting.year))})",
                f"confirms the minutes of meeting {number}/{year}, which is not an earlier meeting "
                f"(this meeting is {meeting.number}/{meeting.year})",
            )


_CONFIRMED = re.compile(r"รับรอง\s*(?:รายงาน|บันทึก)\s*(?:การ)?ประชุม")


_START = re.compile(r"(?<![ก-๛])(?:เริ่ม|เปิด)ประชุม(?:เวลา)?\s*")
_END = re.compile(r"(?<![ก-๛])(?:เลิก|ปิด)ประชุม(?:เวลา)?\s*")
"""Whole words only: ``ปิดประชุม`` inside ``เปิดประชุม`` is the start, not the end."""


def _time_after(pattern: re.Pattern[str], doc: Document) -> tuple[dt.time, Paragraph, int] | None:
    for p in doc.paragraphs:
        for m in pattern.finditer(p.text):
            times = thai.find_times(p.text[m.end(): m.end() + 16])
            if times and times[0][0] == 0:
                return times[0][2], p, m.end()
    return None


@document_check("MTG002")
def start_before_end(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """เริ่มประชุมเวลา against เลิกประชุมเวลา."""
    start, end = _time_after(_START, doc), _time_after(_END, doc)
    if start and end:
        problem = checks.end_not_after_start(start[0], end[0])
        if problem:
            yield found(end[1], end[2], *problem)


_AGENDA = re.compile(r"^(?:ระเบียบ)?วาระ(?:การประชุม)?ที่\s*([0-9๐-๙]{1,2})(?![0-9๐-๙/])")


@document_check("MTG003")
def agenda_order(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """Agenda items (``ระเบียบวาระที่ n`` opening a paragraph) numbered ๑, ๒, ๓, ... (a heading
    repeated for a continued item is not a new item; numbering that starts again at ๑, as
    when the agenda is listed before the minutes of each item, is a new sequence; a sentence
    that lists the items inline, hard-wrapped so that ``วาระที่ ๓`` opens a line, is not a heading)."""
    position, previous = 0, None
    last_line: tuple[int, ...] | None = None
    last_inline: int | None = None  # the last item a paragraph lists inside its sentence
    for p in doc.paragraphs:
        m = _AGENDA.match(p.text)
        inside = [int(thai.arabic_digits(x.group(1))) for x in _AGENDA_INLINE.finditer(p.text) if x.start() > 0]
        follows = (doc.kind == "text" and last_inline is not None and last_line is not None
                   and p.location.order[0] == last_line[0] + 1)
        listed_before = last_inline
        last_line, last_inline = p.location.order, (inside[-1] if inside else None)
        if not m:
            continue
        number = int(thai.arabic_digits(m.group(1)))
        if follows and listed_before is not None and number == listed_before + 1:
            position, previous = number, number  # a wrapped sentence listing the items goes on: not a heading
            continue
        if number == previous:
            continue
        if number == 1:
            position = 0
        position += 1
        previous = number
        problem = checks.agenda_out_of_order(number, position)
        if problem:
            yield DocIssue(p.location, *problem)
            position = number  # report the break once, then follow the new numbering


_AGENDA_INLINE = re.compile(r"(?<![ก-๛])(?:ระเบียบ)?วาระ(?:การประชุม)?ที่\s*([0-9๐-๙]{1,2})(?![0-9๐-๙/])")


_ITEM_NUMBER = re.compile(r"^(\()?([0-9๐-๙]{1,3})([.)])(?![0-9๐-๙])\s*")
_BULLET = re.compile(r"^[-•●○▪■◦]\s+")
_SUB_NUMBER = re.compile(r"^\(?[0-9๐-๙]{1,3}\.[0-9๐-๙]{1,3}")


def _item(text: str, unit: str) -> tuple[str, int] | None:
    """What kind of list item a paragraph opens, and its number: ``กิจกรรมที่ ๒`` (``unit``),
    ``๒.`` / ``(๒)`` / ``๒)`` (numbered), a bullet (number 0)."""
    m = _ITEM_NUMBER.match(text)
    rest = text[m.end():] if m else text
    if unit:
        u = re.match(rf"{re.escape(unit)}(?:ที่)?\s*([0-9๐-๙]{{1,3}})(?![0-9๐-๙])", rest)
        if u:
            return "unit", int(thai.arabic_digits(u.group(1)))
    if m:
        return f"num{m.group(1) or ''}{m.group(3)}", int(thai.arabic_digits(m.group(2)))
    if _BULLET.match(text):
        return "bullet", 0
    return None


def _table_items(table: Table) -> int | None:
    """Rows of a table numbered ๑, ๒, ๓, ... in its first column."""
    numbers = [cell.value for row in table.rows if row and (cell := row[0]).value is not None]
    if numbers and numbers == list(range(1, len(numbers) + 1)):
        return len(numbers)
    return None


_MAX_LIST_SCAN = 2000
"""Blocks after a lead-in looked at for its list (a list has at most 999 numbered items)."""


def _count_items(blocks: list[Block], start: int, unit: str, own: tuple[str, int] | None) -> set[int]:
    """How many items may follow a list's lead-in (``blocks[start:]``, never copied): every count
    at which the list may have ended (a plain paragraph may continue an item or end the list;
    the lead-in's own number plus one may be the next item or the outer list going on). Empty:
    no list follows."""
    items, style, ends, gaps = 0, None, set(), 0
    for index in range(start, min(len(blocks), start + _MAX_LIST_SCAN)):
        block = blocks[index]
        if isinstance(block, Table):
            if items == 0:
                counted = _table_items(block)
                return {counted} if counted else set()
            break
        if _SUB_NUMBER.match(block.text):
            continue  # ๑.๑ under item ๑
        kind = _item(block.text, unit)
        if kind is None:
            if items == 0 or gaps >= 2:
                break
            ends.add(items)  # the list may end here, or the paragraph continue an item
            gaps += 1
            continue
        if style is not None and kind[0] != style:
            continue  # a sub-item of another kind
        if style is None:
            if kind[0] != "bullet" and kind[1] != 1:
                return set()
            style = kind[0]
        if style != "bullet" and kind[1] != items + 1:
            break
        if own is not None and own == (style, items):
            ends.add(items)  # "๓. ... ดังนี้" then ๑. ๒. ๓. ๔.: ๔ may be the outer list's next item
        items += 1
        gaps = 0
    if items:
        ends.add(items)
    return ends


@document_check("MTG004")
def stated_count(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """A paragraph ending in ``จำนวน ๒ กิจกรรม ประกอบด้วย`` (or ``... ๓ ข้อ ดังนี้``) against the
    items that follow it (``กิจกรรมที่ ๑``, ``๑.``, ``(๑)``, bullets, or a numbered table)."""
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        if not isinstance(block, Paragraph):
            continue
        intro = None
        for intro in checks.LIST_INTRO.finditer(block.text):
            pass
        if intro is None or len(block.text[intro.end():].strip(" :.-–")) > 0:
            continue  # the list must follow the paragraph, not run on inside it
        lead = block
        previous = blocks[i - 1] if i else None
        if (checks.stated_count(block.text) is None and isinstance(previous, Paragraph) and doc.kind == "text"
                and previous.location.order[0] == block.location.order[0] - 1):
            # a lead-in hard-wrapped over two lines: "... จำนวน ๔ รูปแบบ" / "เรียงตามลำดับ ดังนี้"
            lead = Paragraph(f"{previous.text} {block.text}", previous.location,
                             [(len(previous.text) + 1, block.location)])
            intro_start = intro.start() + len(previous.text) + 1
        else:
            intro_start = intro.start()
        stated = checks.stated_count(lead.text)
        if stated is None or stated.end > intro_start or _lead_gap(lead.text[stated.end: intro_start]):
            continue  # the count must lead straight into the list ("จำนวน ๓ กิจกรรม ประกอบด้วย")
        own = _item(block.text, "")
        listed = _count_items(blocks, i + 1, stated.unit, own)
        if not listed or stated.number in listed:
            continue
        problem = stated.mismatch(max(listed))
        if problem:
            yield found(lead, stated.start, *problem)


def _lead_gap(gap: str) -> bool:
    """Words between a stated count and ``ดังนี้`` too many for a lead-in (``จำนวน ๔ รูปแบบ
    เรียงตามลำดับ ดังนี้`` is one)."""
    return len(gap.split()) > 2 or len(gap.strip()) > 20


_ACTIVITY = re.compile(r"^(?:\(?[0-9๐-๙]{1,3}[.)]\s*)?กิจกรรม(?:ที่)?\s*[0-9๐-๙]")
_PLAN_HEADER = re.compile(r"กิจกรรม|โครงการ|รายการ")
_WHEN_HEADER = re.compile(r"ระยะเวลา|ช่วงเวลา|ห้วงเวลา|กำหนด|วันที่|เดือน|ระหว่าง|ไตรมาส")


def _planned(doc: Document) -> Iterator[tuple[Paragraph | Cell, str]]:
    """Text that gives when planned activities happen: paragraphs opening with ``กิจกรรมที่ n``,
    and the timing column of a table with an activity column."""
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if _ACTIVITY.match(block.text):
                yield block, block.text
            continue
        header = block.rows[0] if block.rows else []
        if not any(_PLAN_HEADER.search(c.text) for c in header):
            continue
        when = [j for j, c in enumerate(header) if _WHEN_HEADER.search(c.text)]
        for row in block.rows[1:]:
            for j in when:
                if j < len(row) and row[j].text:
                    yield row[j], row[j].text


@document_check("MTG005")
def plan_in_fiscal_year(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """Dates and periods of planned activities against the plan's fiscal year: the one the
    document names, else (minutes) the fiscal year of the meeting date."""
    years = ctx.plan_fiscal_year
    if years is None:
        return
    for piece, text in _planned(doc):
        for start, _end, period in thai.find_periods(text):
            if past_reference(text, start):
                continue
            problem = checks.period_outside(period, *years)
            if problem:
                yield found(piece, start, *problem)


# ---------------------------------------------------------------------------------------
# Tables: REG001-REG003


@document_check("REG001")
def row_sum(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """In a table, a sum column (headed รวม, or a last column that adds up the others in
    nearly every row) equals the sum of its parts in every row."""
    for model in ctx.tables:
        for column in model.sum_columns:
            for r in model.data_rows:
                typed = model.value(r, column.index)
                parts = [v for p in column.parts if (v := model.value(r, p)) is not None]
                if typed is None or not parts:
                    continue
                expected = checks.sum_mismatch(typed, parts)
                if expected is not None:
                    cell = model.cell(r, column.index)
                    assert cell is not None
                    header = model.header(column.index)
                    yield DocIssue(cell.location, *checks.row_sum_message(model.label(r), header, header, typed, expected))


def _row_value(model: TableModel, row: int, col: int) -> Number | None:
    """A cell's number; an empty cell of a sum column is computed from its parts (as ``check``
    computes empty cells)."""
    value = model.value(row, col)
    if value is None:
        column = model.columns[col]
        parts = [model.value(row, p) for p in column.parts]
        if parts and all(p is not None for p in parts):
            return sum((p for p in parts if p is not None), start=0)
    return value


def _blank_row(model: TableModel, row: int) -> bool:
    """A row with no number in any counted column (a group heading inside the table)."""
    return all(model.value(row, c.index) is None for c in model.columns if c.measure)


def _column_sums(model: TableModel, total: int, col: int) -> list[Number] | None:
    """What the rows above total row ``total`` add up to in column ``col`` (since the previous
    subtotal, and since the start); None when a cell is empty and cannot be computed."""
    sums: list[Number] = []
    for rows in model.total_scope(total):
        values = [_row_value(model, r, col) for r in rows if not _blank_row(model, r)]
        if any(v is None for v in values):
            return None
        sums.append(sum((v for v in values if v is not None), start=0))
    return sums


def _column_total_wrong(model: TableModel, total: int, col: int) -> Number | None:
    """What the rows add up to in column ``col``, when total row ``total`` says something else
    (REG002); None when it agrees or cannot be checked."""
    stated = model.value(total, col)
    if stated is None or all(not rows for rows in model.total_scope(total)):
        return None
    sums = _column_sums(model, total, col)
    if sums is None or stated in sums or any(s == 2 * stated for s in sums):
        return None  # twice the total: heading rows that carry their items' sums were counted too
    return sums[0]


@document_check("REG002")
def column_total(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """In a table, the total row (รวม, รวมทั้งสิ้น, or a last row that adds up the rows above in
    nearly every column) equals the sum of the rows above it (since the previous subtotal)."""
    for model in ctx.tables:
        for total in model.total_rows:
            for column in model.columns:
                if not column.measure:
                    continue
                actual = _column_total_wrong(model, total, column.index)
                if actual is None:
                    continue
                stated = model.value(total, column.index)
                cell = model.cell(total, column.index)
                assert cell is not None and stated is not None
                header = model.header(column.index)
                yield DocIssue(cell.location, *checks.column_total_message(header, header, stated, actual))


@document_check("REG003")
def total_row_sum(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """In a table's total row, a sum column's total equals the totals of its parts, where the
    rows cannot be added up (a cell left empty); elsewhere REG002 already compares each total
    with its rows, and one typo gives one finding (as ``check`` does)."""
    for model in ctx.tables:
        for total in model.total_rows:
            for column in model.sum_columns:
                stated = model.value(total, column.index)
                parts = [v for p in column.parts if (v := model.value(total, p)) is not None]
                if stated is None or len(parts) < len(column.parts):
                    continue
                keys = (column.index, *column.parts)
                if _column_sums(model, total, column.index) is not None or any(
                        _column_total_wrong(model, total, k) is not None for k in keys):
                    continue  # one typo, one finding: REG002 speaks wherever the rows can be added up
                expected = checks.sum_mismatch(stated, parts)
                if expected is not None:
                    cell = model.cell(total, column.index)
                    assert cell is not None
                    header = model.header(column.index)
                    names = ", ".join(model.header(p) for p in column.parts)
                    yield DocIssue(cell.location, *checks.total_row_message(header, header, stated, expected, names))


# ---------------------------------------------------------------------------------------
# Document-only rules: LNT001-LNT003


_NAME_TRIGGERS = ("โรงแรม", "ห้องประชุม", "ศูนย์", "โครงการ", "มหาวิทยาลัย", "บริษัท", "วิสาหกิจชุมชน", "อาคาร",
                  "โรงเรียน", "โรงพยาบาล", "สหกรณ์", "สมาคม", "มูลนิธิ", "ชมรม", "ผลิตภัณฑ์", "หลักสูตร", "แผนงาน")
_PLACE_TRIGGERS = ("วัด", "จังหวัด", "อำเภอ", "ตำบล", "บ้าน", "เทศบาลเมือง", "เทศบาลตำบล", "เทศบาลนคร")
"""Places whose names are often short (``จังหวัดแพร่``): names of three letters or more count."""
_NAME_RE = re.compile(
    rf"(?=({'|'.join(sorted(_NAME_TRIGGERS + _PLACE_TRIGGERS, key=len, reverse=True))})([^\s(),;:\"'“”]+))")
"""A trigger word and the name after it, at every trigger (``โรงเรียนวัดศรีสุพรรณ`` holds a school
and a temple)."""
_AT_RE = re.compile(r"(?:^|\s)ณ\s+([^\s(),;:\"'“”]+)")
_NAME_TAIL = re.compile(r"[ฯ.\-–]+$")
_MAX_NAMES = 1000


@dataclass
class _Name:
    kind: str
    """The word before the name (โรงแรม, โครงการ, ...; ``ณ`` for a place after ณ)."""
    name: str
    count: int
    first: Location


def _names(doc: Document) -> dict[tuple[str, str], _Name]:
    names: dict[tuple[str, str], _Name] = {}

    def add(kind: str, name: str, piece: Paragraph | Cell, offset: int) -> None:
        name = _NAME_TAIL.sub("", name)
        if len(name) < (3 if kind in _PLACE_TRIGGERS else 6) or re.search(r"[0-9๐-๙A-Za-z]", name):
            return
        key = (kind, name)
        if key in names:
            names[key].count += 1
        else:
            names[key] = _Name(kind, name, 1, at(piece, offset))

    for text, piece in doc.texts():
        for m in _NAME_RE.finditer(text):
            add(m.group(1), m.group(2), piece, m.start())
        for m in _AT_RE.finditer(text):
            if not m.group(1).startswith(_NAME_TRIGGERS):
                add("ณ", m.group(1), piece, m.start(1))
    return names


_SYLLABLE_END = re.compile(r"[ก-ฮ]?[ก-ฮ]์|[ก-ฮ]์?|์")
_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"


def name_variant(a: str, b: str, place: bool = False) -> bool:
    """Two spellings of one name (LNT001): :func:`spelled_two_ways`, or one is the other with
    the final consonant (and its silent mark) left off or added (``ศรีเกียรติพัฒ`` /
    ``ศรีเกียรติพัฒน์``, ``บ้านหนองหอ`` / ``บ้านหนองหอย``, ``ศรีสุพรรณ์`` / ``ศรีสุพรรณ``), or a vowel or
    tone mark changed (``ลำพุน`` / ``ลำพูน``). A ``place`` (after จังหวัด, ตำบล, บ้าน, ...) may be
    short and is often run on into the next words (``ตำบลบ้านดู่ร่วมประชุม``): only letters dropped
    count there, not letters changed (บ้านดู่ / บ้านดง are two villages)."""
    short, long = sorted((a, b), key=len)
    if spelled_two_ways(a, b) and (not place or _is_subsequence(short, long)):
        return True
    if len(short) >= 3 and long.startswith(short) and _SYLLABLE_END.fullmatch(long[len(short):]):
        return not re.match(rf"[{_MARKS}]", long[len(short):]) or long[len(short):] == "์"
    if len(a) == len(b) and len(a) >= 4:
        diff = [(x, y) for x, y in zip(a, b) if x != y]
        return len(diff) == 1 and all(re.fullmatch(rf"[{_MARKS}]", ch) for ch in diff[0])
    return False


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(ch in chars for ch in short)


def spelled_two_ways(a: str, b: str) -> bool:
    """Two spellings of one name: one is the other with letters dropped (``ฮอลิเย์การ์น`` from
    ``ฮอลิเดย์การ์เด้น``), or the two differ in a letter or two; not a name and its longer form
    (``ห้องประชุม ๑`` / ``ห้องประชุม ๑ อาคาร ๒``), nor names that merely share words."""
    if a == b or a in b or b in a:
        return False
    short, long = sorted((a, b), key=len)
    if _is_subsequence(short, long):
        return len(short) >= 0.75 * len(long) and len(long) - len(short) <= 8
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    changed = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")
    return matcher.ratio() >= 0.85 and changed <= 2


_CHUNK = re.compile(r"[ก-๛]{10,}")
_SILENT = re.compile(r"[ก-ฮ][ิุ]?์")
_SOUND = str.maketrans("คฆขซศษฐฑฒธทถณฬฟภผพ", "กกกสสสตตตตตตนลพพพพ")
_MAX_CHUNKS_PER_BUCKET = 60


def sound_key(word: str) -> str:
    """A word as it sounds, roughly: silent letters (``ส์``) dropped and letters of one sound
    (ค/ก, ซ/ส, ท/ต, ...) made one, so that two transliterations of a foreign word meet
    (``ไฮโดรโปนิกส์`` / ``ไฮโดรโปนิค``)."""
    return _SILENT.sub("", word).translate(_SOUND).replace("็", "")


def _differ_inside(a: str, b: str) -> bool:
    """The two spellings differ before their last three letters: a letter dropped or changed
    inside the name, not two names that differ at the end (บ้านดู่ / บ้านดง are two villages)."""
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common < min(len(a), len(b)) - 3


def _word_inserted(a: str, b: str) -> bool:
    """One is the other with a whole word added (ผู้มาประชุม / ผู้ไม่มาประชุม): two words."""
    ops = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    return any(tag in ("insert", "delete") and max(i2 - i1, j2 - j1) >= 3 for tag, i1, i2, j1, j2 in ops)


_BODY_START = re.compile(r"องค์|เทศบาล|สำนักงาน|คณะ|กรม|ศูนย์|โรงเรียน|โรงพยาบาล|สหกรณ์|วิสาหกิจ|มหาวิทยาลัย|สมาคม|มูลนิธิ")


def _body_words_two_ways(doc: Document) -> Iterator[DocIssue]:
    """The word that names a body misspelled in a long name: ``องค์กรบริหารส่วนตำบลบ้านดู่`` beside
    ``องค์การบริหารส่วนตำบลบ้านดู่``: the two differ by a letter or two near the start and agree
    on the twelve or more letters after it."""
    full = doc.full_text()
    seen: dict[str, Location] = {}
    for text, piece in doc.texts():
        for m in _BODY_START.finditer(text):
            run = re.match(r"[ก-๛]+", text[m.start(): m.start() + 40])
            if run and len(run.group()) >= 16 and run.group() not in seen and len(seen) < 20 * _MAX_NAMES:
                seen[run.group()] = at(piece, m.start())
    buckets: dict[str, list[str]] = {}
    for run in seen:
        bucket = buckets.setdefault(run[:3], [])
        if len(bucket) < _MAX_CHUNKS_PER_BUCKET:
            bucket.append(run)
    reported: set[str] = set()
    for bucket in buckets.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1:]:
                ops = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
                if len(ops) < 3 or ops[0][0] != "equal" or ops[1][0] == "equal" or ops[2][0] != "equal":
                    continue
                _tag, i1, i2, j1, j2 = ops[1]
                if not 3 <= i1 <= 10 or max(i2 - i1, j2 - j1) > 2 or ops[2][2] - ops[2][1] < 12:
                    continue
                va, vb = a[: ops[2][1] + 12], b[: ops[2][3] + 12]
                odd, usual = (a, b) if (full.count(va), seen[b].order) < (full.count(vb), seen[a].order) else (b, a)
                shown_odd, shown_usual = (va, vb) if odd == a else (vb, va)
                if shown_odd in reported:
                    continue
                reported.add(shown_odd)
                where = seen[usual].label
                where_th, where_en = (f"บรรทัด {where}", f"line {where}") if isinstance(where, int) else (where, where)
                yield DocIssue(
                    seen[odd],
                    f"'{shown_odd}' สะกดต่างจาก '{shown_usual}' ({where_th}): ชื่อเดียวกันสะกดสองแบบหรือไม่",
                    f"'{shown_odd}' is spelled differently from '{shown_usual}' (at {where_en}): the same name spelled two ways?",
                )


def _chunks_two_ways(doc: Document, known: set[str]) -> Iterator[DocIssue]:
    """Long runs of Thai letters (the names of bodies, programmes, products) that are one
    spelling of another run in the document: a letter dropped or changed inside, or the same
    sound written two ways."""
    seen: dict[str, tuple[int, Location]] = {}
    for text, piece in doc.texts():
        for m in _CHUNK.finditer(text):
            if len(m.group()) > _MAX_NAME_LENGTH:
                continue  # not a name (and comparing such runs letter by letter is quadratic)
            word = _NAME_TAIL.sub("", m.group())
            if word in seen:
                seen[word] = (seen[word][0] + 1, seen[word][1])
            elif len(seen) < 20 * _MAX_NAMES:
                seen[word] = (1, at(piece, m.start()))
    buckets: dict[str, list[str]] = {}
    for word in seen:
        bucket = buckets.setdefault(word[:3], [])
        if len(bucket) < _MAX_CHUNKS_PER_BUCKET:
            bucket.append(word)
    reported: set[str] = set()
    for bucket in buckets.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1:]:
                if abs(len(a) - len(b)) > 4 or a in b or b in a or _word_inserted(a, b):
                    continue
                same_sound = sound_key(a) == sound_key(b)
                short, long = sorted((a, b), key=len)
                dropped = _is_subsequence(short, long)  # letters left out, not changed (บ้านดู่ / บ้านดง are two villages)
                if not same_sound and not (dropped and _differ_inside(a, b) and spelled_two_ways(a, b)):
                    continue
                (ca, la), (cb, lb) = seen[a], seen[b]
                odd, usual = (a, b) if (ca, lb.order) < (cb, la.order) else (b, a)
                if odd in reported or odd in known:
                    continue
                reported.add(odd)
                where = seen[usual][1].label
                where_th, where_en = (f"บรรทัด {where}", f"line {where}") if isinstance(where, int) else (where, where)
                yield DocIssue(
                    seen[odd][1],
                    f"'{odd}' สะกดต่างจาก '{usual}' ({where_th}): คำเดียวกันสะกดสองแบบหรือไม่",
                    f"'{odd}' is spelled differently from '{usual}' (at {where_en}): the same name spelled two ways?",
                )


_BODIES = ("คณะกรรมการ", "คณะทำงาน", "คณะอนุกรรมการ", "คณะอนุทำงาน", "ชมรม", "สมาคม", "เครือข่าย", "กลุ่ม", "สภา")
_BODY_RE = re.compile(rf"({'|'.join(sorted(_BODIES, key=len, reverse=True))})([ก-๛]{{6,}})")


@rule("LNT017", "body-named-two-ways", WARNING, "document")
def body_named_two_ways(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """One body is called by one name throughout: the same name after คณะกรรมการ in one place and
    คณะทำงาน (or ชมรม, เครือข่าย, ...) in another is one of them mistyped. A committee and its
    sub-committee (คณะอนุกรรมการ) of one name are two bodies.

    Wrong: ``คณะทำงานขับเคลื่อนเศรษฐกิจชุมชน`` in the heading, ``คณะกรรมการขับเคลื่อนเศรษฐกิจชุมชน``
    in the text.
    Right: ``คณะทำงานขับเคลื่อนเศรษฐกิจชุมชน`` both times.
    """
    bodies: dict[str, dict[str, tuple[int, Location]]] = {}
    for text, piece in doc.texts():
        for m in _BODY_RE.finditer(text):
            if m.start() > 0 and "\u0e01" <= text[m.start() - 1] <= "\u0e4e" and not text[: m.start()].endswith(("ของ", "โดย", "และ", "ให้", "แต่งตั้ง")):
                continue  # inside a longer word
            name = _NAME_TAIL.sub("", m.group(2))[:12]  # the name's first letters: its end is not marked
            kinds = bodies.setdefault(name, {})
            count, where = kinds.get(m.group(1), (0, at(piece, m.start())))
            kinds[m.group(1)] = (count + 1, where)
    for name, kinds in bodies.items():
        plain = {k: v for k, v in kinds.items() if "อนุ" not in k}
        if len(plain) < 2:
            continue
        ranked = sorted(plain.items(), key=lambda kv: (-kv[1][0], kv[1][1].order))
        usual = ranked[0]
        for kind, (_count, where) in ranked[1:]:
            yield DocIssue(
                where,
                f"'{kind}{name}' แต่ที่อื่นเรียก '{usual[0]}{name}': หน่วยเดียวกันเรียกสองชื่อหรือไม่",
                f"'{kind}{name}' but elsewhere '{usual[0]}{name}': one body called by two names?",
            )


_MAX_NAME_LENGTH = 80
"""Letters a name may have; a longer run without spaces is not a name (and comparing two such
runs letter by letter is quadratic)."""


def _candidate_pairs(names: list[_Name]) -> Iterator[tuple[_Name, _Name]]:
    """Pairs of names that may be one name spelled two ways, in the order of ``names``: found
    through an index by kind and first two letters, and within it by length (a spelling loses
    at most a quarter of its letters), instead of comparing every name with every other."""
    index: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for i, name in enumerate(names):
        if len(name.name) <= _MAX_NAME_LENGTH:
            index.setdefault((name.kind, name.name[:2]), []).append((len(name.name), i))
    pairs: list[tuple[int, int]] = []
    for group in index.values():
        group.sort()
        lengths = [length for length, _ in group]
        for k, (length, i) in enumerate(group):
            end = bisect.bisect_right(lengths, length * 4 // 3)  # 4 * short >= 3 * long
            pairs.extend((min(i, j), max(i, j)) for _, j in group[k + 1:end])
    for i, j in sorted(pairs):
        yield names[i], names[j]


@rule("LNT001", "name-spelled-two-ways", WARNING, "document")
def name_spelled_two_ways(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """The same name (a venue, a hotel, a project) is spelled the same way throughout a document.

    Names are the words after โรงแรม, ห้องประชุม, ศูนย์, โครงการ, อาคาร, บริษัท, มหาวิทยาลัย,
    วิสาหกิจชุมชน and ณ, and the names of places after จังหวัด, อำเภอ, ตำบล, บ้าน, วัด and เทศบาล
    (at every such word: โรงเรียนวัดศรีสุพรรณ holds a school and a temple). Two of them are taken
    for one name spelled two ways when one is the other with a few letters dropped, with its
    final consonant left off or a silent mark added (ศรีเกียรติพัฒ / ศรีเกียรติพัฒน์), with a vowel or
    tone mark changed (ลำพุน / ลำพูน), or the two differ in a letter or two (not for places:
    บ้านดู่ / บ้านดง are two villages); long runs of Thai letters that sound the same
    (ไฮโดรโปนิกส์ / ไฮโดรโปนิค) are compared too. The rarer spelling (or the later one) is reported.

    Wrong: ``ณ โรงแรมฮอลิเดย์การ์เด้น`` in the opening and ``ณ โรงแรมฮอลิเย์การ์น`` under กิจกรรมที่ ๑.
    Right: ``โรงแรมฮอลิเดย์การ์เด้น`` both times.
    """
    places: set[Location] = set()
    for issue in _names_two_ways(doc, ctx):
        if issue.location not in places:  # one finding a place, whichever way the name was read
            places.add(issue.location)
            yield issue


def _names_two_ways(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    names = list(_names(doc).values())[:_MAX_NAMES]  # bounded work on huge documents
    reported: set[tuple[str, str]] = set()
    yield from _chunks_two_ways(doc, {n.name for n in names})
    yield from _body_words_two_ways(doc)
    for count, (a, b) in enumerate(_candidate_pairs(names)):
        if count % 1000 == 999:
            ctx.deadline.check("comparing names (LNT001)")
        if not name_variant(a.name, b.name, a.kind in _PLACE_TRIGGERS):
            continue
        odd, usual = (a, b) if (a.count, b.first.order) < (b.count, a.first.order) else (b, a)
        if (odd.kind, odd.name) in reported:
            continue
        reported.add((odd.kind, odd.name))
        prefix = "" if odd.kind == "ณ" else odd.kind
        shown, other = prefix + odd.name, prefix + usual.name
        where = usual.first.label
        where_th, where_en = (f"บรรทัด {where}", f"line {where}") if isinstance(where, int) else (where, where)
        yield DocIssue(
            odd.first,
            f"ชื่อ '{shown}' สะกดต่างจาก '{other}' ({where_th}): ชื่อเดียวกันสะกดสองแบบหรือไม่",
            f"'{shown}' is spelled differently from '{other}' (at {where_en}): the same name spelled two ways?",
        )


@rule("LNT002", "impossible-date", ERROR, "document")
def impossible_date(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """Every date in the text exists: no day the month does not have, no weekday that does not
    match the date, no พ.ศ. year written in the Common Era.

    A weekday before a day with no year of its own is checked too: the first day of a period
    (``วันจันทร์ที่ ๑๗ - วันพุธที่ ๑๙ มกราคม ๒๕๖๘``) against the month and year that end it, and
    ``วันจันทร์ที่ ๑๗ มกราคม`` against the years the document's dates name.

    A period that ends before it starts (``ระหว่างวันที่ ๒๐ - ๑๘ มกราคม``, ``ตั้งแต่วันที่ ... ถึงวันที่ ...``)
    is reported too.

    Wrong: ``วันจันทร์ที่ ๑๑ มกราคม ๒๕๖๕`` (๑๑ มกราคม ๒๕๖๕ is a Tuesday), ``๓๑ เมษายน ๒๕๖๘``,
    ``ระหว่างวันที่ ๒๐ - ๑๘ มกราคม ๒๕๖๙``.
    Right: ``วันอังคารที่ ๑๑ มกราคม ๒๕๖๕``, ``๓๐ เมษายน ๒๕๖๘``, ``ระหว่างวันที่ ๑๘ - ๒๐ มกราคม ๒๕๖๙``.
    """
    for text, piece in doc.texts():
        if not thai.MAY_HOLD_MONTH.search(text):
            continue  # no month name: no date, no period
        for m in thai.DATE_RE.finditer(text):
            if checks.mixed_digit_numbers(m.group()):
                continue  # TXT002 reports the number
            try:
                thai.parse_date(m.group())
            except ValueError as exc:
                th, _, en = str(exc).partition(" / ")
                yield found(piece, m.start(), th, en or th)
        yield from _reversed_periods(text, piece)
    yield from prose.weekday_issues(doc)


_FROM_TO = re.compile(r"^\s*(?:ถึง|จนถึง|[-–—])\s*$")


def _reversed_periods(text: str, piece: Paragraph | Cell) -> Iterator[DocIssue]:
    """Periods that end before they start: ``๒๐ - ๑๘ มกราคม ๒๕๖๙``, ``ตั้งแต่วันที่ ๑๗ มกราคม ๒๕๖๘
    ถึงวันที่ ๑๐ มกราคม ๒๕๖๘``."""
    reported = set()
    for m in thai.PERIOD_RE.finditer(text):
        if checks.mixed_digit_numbers(m.group()):
            continue
        try:
            thai.parse_period(m.group())
        except ValueError as exc:
            if "ends before it starts" in str(exc):
                reported.add(m.start())
                yield _reversed(piece, m.start(), m.group())
    dates = thai.find_dates(text)
    for (s1, e1, first), (s2, e2, last) in zip(dates, dates[1:]):
        between = re.sub(r"(?:วัน\S*?ที่|วันที่)\s*$", "", text[e1:s2])
        if last < first and _FROM_TO.match(between) and s1 not in reported:
            yield _reversed(piece, s1, text[s1:e2])


def _reversed(piece: Paragraph | Cell, start: int, shown: str) -> DocIssue:
    shown = " ".join(shown.split())
    return found(piece, start, f"ช่วงเวลาสิ้นสุดก่อนวันเริ่ม: {shown} (สลับวันเริ่มกับวันสิ้นสุดหรือไม่)",
                 f"the period ends before it starts: {shown} (are the first and last days swapped?)")


_TOTAL_PHRASE = re.compile(
    r"(?P<word>ยอดรวม|รวมทั้งสิ้น|รวมทั้งหมด|ทั้งสิ้น|ทั้งหมด|รวม)\s*(?:เป็น\s*)?(?:เงิน\s*)?(?:ทั้งสิ้น\s*)?(?:จำนวน\s*)?(?:เป็น\s*)?"
    r"(?<![0-9๐-๙,.])(?P<number>[0-9๐-๙]{1,3}(?:,[0-9๐-๙]{3})+(?:\.[0-9๐-๙]+)?|[0-9๐-๙]+(?:\.[0-9๐-๙]+)?)"
    r"(?![0-9๐-๙])\s*(?P<unit>[ก-๛A-Za-z]*)"
)
_NOT_TOTALS = ("วัน", "เดือน", "ปี", "ครั้ง", "ชั่วโมง", "นาที", "น.")
_TABLE_WORDS = re.compile(r"ตาราง|ทะเบียน|ข้างต้น|ดังกล่าว|สิ่งที่ส่งมาด้วย")
_TOKEN_SPLIT = re.compile(r"[\s()\[\]:,/\-–]+")
_TOKEN_LEAD = re.compile(r"^(?:จำนวน|รวม|ยอด)+")


def _tokens(header: str) -> set[str]:
    tokens = set()
    for token in _TOKEN_SPLIT.split(header):
        token = _TOKEN_LEAD.sub("", token)
        if len(token) >= 3 and not re.fullmatch(r"[0-9๐-๙.,]+", token):
            tokens.add(token)
    return tokens


@rule("LNT003", "stated-total", ERROR, "document")
def stated_total(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """A total stated in the text (``รวมทั้งสิ้น ๓๔ ผลิตภัณฑ์``) equals the total row of the table
    it speaks of, or the number of the table's rows when it counts them (``รวม ๑๓ อำเภอ``).

    The text speaks of a column when the sentence shares a word with its heading or names the
    unit the heading gives (``คน`` for ``จำนวนคน``), and of the whole table when it says so
    (``ตามตาราง``, ``ตามทะเบียน``, ``ข้างต้น``) or uses the words of its total row
    (``รวมทั้งสิ้น``). Only totals the table states are compared.

    Wrong: ``เป้าหมายรวมทั้งสิ้น ๓๕ ผลิตภัณฑ์`` over a register whose เป้า column totals ๓๔.
    Right: ``เป้าหมายรวมทั้งสิ้น ๓๔ ผลิตภัณฑ์``.
    """
    models = [m for m in ctx.tables if m.total_rows]
    if not models:
        return
    # per table: the tokens of its row label heading, its row count, and per counting column
    # with a stated total: (heading, tokens of the heading, total)
    tables = []
    for model in models:
        label = model.columns[model.label_column].header
        total = model.total_rows[-1]
        columns = [(c.header, _tokens(c.header), value) for c in model.columns
                   if c.measure and (value := model.value(total, c.index)) is not None]
        tables.append((model, label, _tokens(label), columns))
    for text, piece in doc.texts():
        if isinstance(piece, Cell):
            continue
        for m in _TOTAL_PHRASE.finditer(text):
            unit = m["unit"]
            if unit.startswith(_NOT_TOTALS):
                continue
            try:
                stated = thai.parse_number(m["number"])
            except ValueError:
                continue
            window = text[max(0, m.start() - 40): m.end() + 20]
            said = m["word"] if m["word"] in ("รวมทั้งสิ้น", "รวมทั้งหมด", "ยอดรวม") else ""
            whole_table = bool(_TABLE_WORDS.search(text[max(0, m.start() - 60): m.end() + 40]))
            candidates: list[tuple[str, Number]] = []
            for model, label, label_tokens, columns in tables:
                whole = whole_table or bool(said) and any(model.label(r).startswith(said) for r in model.total_rows)
                if unit and any(unit.startswith(t) for t in label_tokens):
                    candidates.append((label, len(model.data_rows)))
                for header, tokens, value in columns:
                    if whole or any(t in window for t in tokens) or (len(unit) >= 2 and unit in header):
                        candidates.append((header, value))
            if not candidates or any(value == stated for _name, value in candidates):
                continue
            listed = "; ".join(f"{name} = {thai.format_number(value)}" for name, value in candidates[:4])
            yield found(
                piece, m.start("number"),
                f"ข้อความระบุรวม {thai.format_number(stated)} {unit} แต่ยอดในตารางเป็น {listed}",
                f"the text states a total of {stated} {unit} but the table gives {listed}",
            )


from . import hygiene, letters, prose, tabular  # noqa: E402,F401  (register LNT004-LNT019)
