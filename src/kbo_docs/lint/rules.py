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
from .context import DocContext, DocIssue, found, past_reference
from .document import Block, Cell, Document, Location, Paragraph, Table, at
from .tables import Number

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
    spaces are layout and are not reported)."""
    for text, piece in doc.texts():
        seen = set()
        for span in checks.doubled_spaces(text):
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
    """``ครั้งที่ n/ปี`` in the heading of minutes or a meeting report against the meeting date."""
    meeting = ctx.meeting
    if meeting is None or meeting.date is None:
        return
    problem = checks.meeting_number_year(meeting.number, meeting.year, meeting.date)
    if problem:
        yield DocIssue(meeting.location, *problem)


_START = re.compile(r"(?:เริ่ม|เปิด)ประชุม(?:เวลา)?\s*")
_END = re.compile(r"(?:เลิก|ปิด)ประชุม(?:เวลา)?\s*")


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
    when the agenda is listed before the minutes of each item, is a new sequence)."""
    position, previous = 0, None
    for p in doc.paragraphs:
        m = _AGENDA.match(p.text)
        if not m:
            continue
        number = int(thai.arabic_digits(m.group(1)))
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
        stated = checks.stated_count(block.text)
        if stated is None or stated.end > intro.start() or len(block.text[stated.end: intro.start()].strip()) > 10:
            continue  # the count must lead straight into the list ("จำนวน ๓ กิจกรรม ประกอบด้วย")
        own = _item(block.text, "")
        listed = _count_items(blocks, i + 1, stated.unit, own)
        if not listed or stated.number in listed:
            continue
        problem = stated.mismatch(max(listed))
        if problem:
            yield found(block, stated.start, *problem)


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


@document_check("REG002")
def column_total(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """In a table, the total row (รวม, รวมทั้งสิ้น, or a last row that adds up the rows above in
    nearly every column) equals the sum of the rows above it (since the previous subtotal)."""
    for model in ctx.tables:
        for total in model.total_rows:
            scopes = model.total_scope(total)
            for column in model.columns:
                if not column.measure:
                    continue
                stated = model.value(total, column.index)
                if stated is None:
                    continue
                sums = [sum((v for r in rows if (v := model.value(r, column.index)) is not None), start=0) for rows in scopes]
                if all(not rows for rows in scopes) or stated in sums:
                    continue
                cell = model.cell(total, column.index)
                assert cell is not None
                header = model.header(column.index)
                yield DocIssue(cell.location, *checks.column_total_message(header, header, stated, sums[0]))


@document_check("REG003")
def total_row_sum(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """In a table's total row, a sum column's total equals the totals of its parts."""
    for model in ctx.tables:
        for total in model.total_rows:
            for column in model.sum_columns:
                stated = model.value(total, column.index)
                parts = [v for p in column.parts if (v := model.value(total, p)) is not None]
                if stated is None or len(parts) < len(column.parts):
                    continue
                expected = checks.sum_mismatch(stated, parts)
                if expected is not None:
                    cell = model.cell(total, column.index)
                    assert cell is not None
                    header = model.header(column.index)
                    names = ", ".join(model.header(p) for p in column.parts)
                    yield DocIssue(cell.location, *checks.total_row_message(header, header, stated, expected, names))


# ---------------------------------------------------------------------------------------
# Document-only rules: LNT001-LNT003


_NAME_TRIGGERS = ("โรงแรม", "ห้องประชุม", "ศูนย์", "โครงการ", "มหาวิทยาลัย", "บริษัท", "วิสาหกิจชุมชน", "อาคาร")
_NAME_RE = re.compile(rf"({'|'.join(_NAME_TRIGGERS)})([^\s(),;:\"'“”]+)")
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
        if len(name) < 6 or re.search(r"[0-9๐-๙]", name):
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
    วิสาหกิจชุมชน and ณ. Two of them are taken for one name spelled two ways when one is the other
    with a few letters dropped, or the two differ in a letter or two; the rarer spelling (or the
    later one) is reported.

    Wrong: ``ณ โรงแรมฮอลิเดย์การ์เด้น`` in the opening and ``ณ โรงแรมฮอลิเย์การ์น`` under กิจกรรมที่ ๑.
    Right: ``โรงแรมฮอลิเดย์การ์เด้น`` both times.
    """
    names = list(_names(doc).values())[:_MAX_NAMES]  # bounded work on huge documents
    reported: set[tuple[str, str]] = set()
    for count, (a, b) in enumerate(_candidate_pairs(names)):
        if count % 1000 == 999:
            ctx.deadline.check("comparing names (LNT001)")
        if not spelled_two_ways(a.name, b.name):
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

    Wrong: ``วันจันทร์ที่ ๑๑ มกราคม ๒๕๖๕`` (๑๑ มกราคม ๒๕๖๕ is a Tuesday), ``๓๑ เมษายน ๒๕๖๘``.
    Right: ``วันอังคารที่ ๑๑ มกราคม ๒๕๖๕``, ``๓๐ เมษายน ๒๕๖๘``.
    """
    for text, piece in doc.texts():
        for m in thai.DATE_RE.finditer(text):
            if checks.mixed_digit_numbers(m.group()):
                continue  # TXT002 reports the number
            try:
                thai.parse_date(m.group())
            except ValueError as exc:
                th, _, en = str(exc).partition(" / ")
                yield found(piece, m.start(), th, en or th)


_TOTAL_PHRASE = re.compile(
    r"(?P<word>ยอดรวม|รวมทั้งสิ้น|รวมทั้งหมด|ทั้งสิ้น|ทั้งหมด|รวม)\s*(?:เป็น\s*)?(?:จำนวน\s*)?(?:เป็น\s*)?"
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
