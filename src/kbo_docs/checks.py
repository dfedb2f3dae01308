"""The logic every rule shares between its two front ends: data files (``kbo-docs check``, the
rules in :mod:`kbo_docs.rules`) and hand-typed documents (``kbo-docs lint``, the rules in
:mod:`kbo_docs.lint.rules`).

Each function is pure and small: it looks at text, dates or numbers and says what is wrong,
and, where both front ends print it, builds the message (Thai, English) so that a mistake reads
the same whichever way it was found. Where the text is read (YAML values, DOCX paragraphs, PDF
lines) and where a finding points (a YAML line, ``p12``, ``Sheet1!B7``) stay with the front ends.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from . import thai

Number = int | Decimal
Span = tuple[int, int]

# ---------------------------------------------------------------------------------------
# Text: scripts, digits, spaces, brackets


def is_thai_letter(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


def is_foreign(ch: str) -> bool:
    """A letter or mark of a script other than Thai and Latin (Devanagari, Lao, Khmer, ...);
    generic combining accents (U+0300 block) are not a script."""
    if is_thai_letter(ch) or ch.isascii() or not unicodedata.category(ch).startswith(("L", "M")):
        return False
    return not unicodedata.name(ch, "").startswith(("LATIN", "COMBINING"))


@dataclass(frozen=True)
class ForeignWord:
    start: int
    end: int
    word: str
    letters: str
    """The foreign letters, in order."""
    scripts: tuple[str, ...]
    """Their scripts, e.g. ``("DEVANAGARI",)``."""

    def message(self) -> tuple[str, str]:
        return (
            f"มีอักษร{'/'.join(self.scripts)} '{self.letters}' ปนในคำ '{self.word}'",
            f"letters of another script ({', '.join(self.scripts)}) '{self.letters}' in '{self.word}'",
        )


_MAYBE_FOREIGN = re.compile("[^\x00-\x7f\u0e00-\u0e7f]")


def foreign_words(text: str) -> list[ForeignWord]:
    """Whitespace-separated words holding letters of other scripts (TXT001)."""
    found: list[ForeignWord] = []
    if not _MAYBE_FOREIGN.search(text):  # only Thai and ASCII: nothing to look at letter by letter
        return found
    for word in re.finditer(r"\S+", text):
        bad = [ch for ch in _MAYBE_FOREIGN.findall(word.group()) if is_foreign(ch)]  # Thai and ASCII never are
        if bad:
            scripts = tuple(sorted({unicodedata.name(ch, "?").split()[0] for ch in bad}))
            found.append(ForeignWord(word.start(), word.end(), word.group(), "".join(bad), scripts))
    return found


def mixed_digit_numbers(text: str) -> list[tuple[int, int, str]]:
    """Numbers that mix Thai and Arabic digits (TXT002): ``(start, end, raw)``."""
    return [
        (start, end, raw) for start, end, raw in thai.find_numbers(text)
        if re.search("[0-9]", raw) and re.search("[๐-๙]", raw)
    ]


def mixed_digits_message(raw: str) -> tuple[str, str]:
    return f"ตัวเลขปนเลขไทยกับเลขอารบิก: {raw}", f"number mixes Thai and Arabic digits: {raw}"


_DOUBLE_SPACE = re.compile(r"[ \u00a0]{2,}")


LAYOUT_HEADINGS = ("ที่", "เรื่อง", "เรียน", "อ้างถึง", "สิ่งที่ส่งมาด้วย", "ส่วนราชการ", "วันที่", "(ลงชื่อ)", "ลงชื่อ")
"""Heading words of a letter or memo (and the signature line) that a clerk separates from what
follows by a wide gap, typed as two spaces or a tab: a layout convention, not a doubled space."""
_AFTER_HEADING = re.compile(rf"(?:^|(?<=\n)|(?<=\t)|(?<=   ))[ \t\u00a0]*(?:{'|'.join(map(re.escape, LAYOUT_HEADINGS))})(?=[ \u00a0]{{2}})")
_ALIGNMENT = re.compile(r" {3,}")
_BEFORE_FIELD = re.compile(r"โทร(?:\.|ศัพท์|สาร)")
"""A memo's telephone field after its ส่วนราชการ, set off by a gap (``กองสาธารณสุข  โทร. ...``)."""


def doubled_spaces(text: str, alignment: bool = False) -> list[Span]:
    """Runs of two or more spaces (NBSP counts as a space) in ``text`` (TXT003). Callers pass
    text without its leading and trailing whitespace: padding is layout, not a doubled space.

    Not reported: the gap after a heading word opening a line or a column (``เรียน  นายอำเภอ``,
    a memo's ``ที่ ...      วันที่  ๒ มีนาคม ๒๕๖๕``), and with
    ``alignment`` (a typed document, not a data file) a run of three or more plain spaces, which
    aligns columns (``นายสมชาย ดีงาม        ประธานกรรมการ``, pdftotext's layout) rather than
    slipping in; an accidental doubled space inside running text is two."""
    headings = {m.end() for m in _AFTER_HEADING.finditer(text)}
    return [m.span() for m in _DOUBLE_SPACE.finditer(text)
            if m.start() not in headings and not (alignment and _ALIGNMENT.fullmatch(m.group()))
            and not _BEFORE_FIELD.match(text, m.end())]


def doubled_space_context(text: str, span: Span) -> Span:
    """The few words around a doubled space that a message quotes."""
    return max(0, span[0] - 12), span[1] + 12


def doubled_space_message(around: str) -> tuple[str, str]:
    return f"เว้นวรรคซ้อน: '{around}'", f"doubled space: '{around}'"


_PAIRS = {")": "(", "]": "["}
LIST_NUMBER = re.compile(r"^\s*(?:[0-9๐-๙]{1,2}|[ก-ฮ])\)", re.MULTILINE)  # "๑) ...", "ก) ..." opening a line: numbering


def brackets_balanced(text: str) -> bool:
    """Round and square brackets open and close in pairs (TXT004); ``๑)`` opening a line is numbering."""
    stack: list[str] = []
    for ch in LIST_NUMBER.sub(" ", text):
        if ch in "([":
            stack.append(ch)
        elif ch in _PAIRS and (not stack or stack.pop() != _PAIRS[ch]):
            return False
    return not stack


# ---------------------------------------------------------------------------------------
# Dates: fiscal years, deadlines, plans, meeting numbers


def in_fiscal_years(day: dt.date, first: int, last: int | None = None) -> bool:
    """``day`` lies in BE fiscal year ``first`` (or in ``first`` .. ``last``)."""
    start = thai.fiscal_year_bounds(first)[0]
    end = thai.fiscal_year_bounds(last if last is not None else first)[1]
    return start <= day <= end


def en_date(day: dt.date) -> str:
    """A date for the English half of a message: BE, as the clerk typed it (6 ธันวาคม 2567)."""
    return thai.format_date(day, digits="arabic")


def fiscal_year_text(first: int, last: int | None = None) -> tuple[str, str]:
    """``ปีงบประมาณ พ.ศ. ๒๕๖๘ (๑ ตุลาคม ๒๕๖๗ - ๓๐ กันยายน ๒๕๖๘)`` and its English."""
    last = first if last is None else last
    start, end = thai.fiscal_year_bounds(first)[0], thai.fiscal_year_bounds(last)[1]
    years = thai.thai_digits(str(first)) + (f" - {thai.thai_digits(str(last))}" if last != first else "")
    years_en = str(first) + (f"-{last}" if last != first else "")
    return (
        f"ปีงบประมาณ พ.ศ. {years} ({thai.format_date(start)} - {thai.format_date(end)})",
        f"fiscal year {years_en} ({en_date(start)} to {en_date(end)})",
    )


_DEADLINE_BEFORE = re.compile(r"ภายใน(?:วันที่)?\s*$")


def deadlines(text: str) -> list[tuple[int, int, dt.date]]:
    """Deadlines typed in text, ``ภายในวันที่ ๒๐ ธันวาคม ๒๕๖๗`` (or ``ภายใน ๒๐ ธ.ค. ๖๗``):
    ``(start, end, date)``, the span from the day's first digit to the end of the date."""
    found = []
    for start, end, day in thai.find_dates(text):
        if _DEADLINE_BEFORE.search(text[:start]):
            digit = start + next(i for i, ch in enumerate(text[start:end]) if ch.isdigit())
            found.append((digit, end, day))
    return found


def deadline_not_after(deadline: dt.date, letter_date: dt.date) -> tuple[str, str] | None:
    """CIR002: the message when a deadline does not fall after the letter's date."""
    if deadline > letter_date:
        return None
    return (
        f"กำหนดส่ง {thai.format_date(deadline)} ไม่ได้อยู่หลังวันที่หนังสือ {thai.format_date(letter_date)}",
        f"deadline {en_date(deadline)} is not after the letter date {en_date(letter_date)}",
    )


def deadline_outside(deadline: dt.date, first: int, last: int | None = None,
                     letter_date: dt.date | None = None) -> tuple[str, str] | None:
    """CIR003: the message when a deadline falls outside the fiscal year(s), with the same day
    of the year before or after when that one fits (inside the year, after the letter's date)."""
    if in_fiscal_years(deadline, first, last):
        return None
    fy_th, fy_en = fiscal_year_text(first, last)
    th, en = f"กำหนดส่ง {thai.format_date(deadline)} อยู่นอก{fy_th}", f"deadline {en_date(deadline)} is outside the {fy_en}"
    fits = [d for d in same_day_other_years(deadline)
            if in_fiscal_years(d, first, last) and (letter_date is None or d > letter_date)]
    if fits:
        th += f" (หมายถึง {thai.format_date(fits[0])} หรือไม่)"
        en += f" (did you mean {en_date(fits[0])}?)"
    return th, en


def same_day_other_years(day: dt.date) -> list[dt.date]:
    """The same day and month a year earlier and a year later (29 February where it exists)."""
    out = []
    for year in (day.year - 1, day.year + 1):
        try:
            out.append(day.replace(year=year))
        except ValueError:
            continue
    return out


def letter_date_outside(day: dt.date, first: int, last: int | None = None) -> tuple[str, str] | None:
    """CIR001: the message when the letter's date falls outside the fiscal year(s)."""
    if in_fiscal_years(day, first, last):
        return None
    th, en = fiscal_year_text(first, last)
    return f"วันที่หนังสือ {thai.format_date(day)} อยู่นอก{th}", f"letter date {en_date(day)} is outside the {en}"


def period_outside(period: thai.Period, first: int, last: int | None = None) -> tuple[str, str] | None:
    """MTG005: the message when a planned period does not lie inside the fiscal year(s)."""
    if in_fiscal_years(period.start, first, last) and in_fiscal_years(period.end, first, last):
        return None
    th, en = fiscal_year_text(first, last)
    return (
        f"ช่วงเวลา {thai.format_period(period)} อยู่นอก{th}",
        f"planned period {thai.format_period(period, 'arabic')} is outside the {en}",
    )


def meeting_number_year(number: int, year: int, meeting_date: dt.date) -> tuple[str, str] | None:
    """MTG001: ``ครั้งที่ n/ปี`` carries the BE year of the meeting date: the calendar year or
    the fiscal year (offices number their meetings either way)."""
    calendar_year, fiscal = thai.be_year(meeting_date), thai.fiscal_year(meeting_date)
    if year in (calendar_year, fiscal):
        return None
    d = thai.thai_digits
    expected = d(str(calendar_year)) + (f" หรือปีงบประมาณ {d(str(fiscal))}" if fiscal != calendar_year else "")
    expected_en = str(calendar_year) + (f" or the fiscal year {fiscal}" if fiscal != calendar_year else "")
    return (
        f"ครั้งที่ {d(str(number))}/{d(str(year))} แต่ประชุมปี พ.ศ. {expected}",
        f"meeting number year {year} is neither the BE year of the meeting date ({expected_en})",
    )


def end_not_after_start(start: dt.time, end: dt.time) -> tuple[str, str] | None:
    """MTG002: the meeting ends after it starts."""
    if end > start:
        return None
    return (
        f"เลิกประชุม {thai.format_time(end)} ไม่ได้อยู่หลังเริ่มประชุม {thai.format_time(start)}",
        f"end time {end.strftime('%H:%M')} is not after start time {start.strftime('%H:%M')}",
    )


def agenda_out_of_order(number: int, position: int) -> tuple[str, str] | None:
    """MTG003: agenda item ``number`` stands at ``position`` (1-based)."""
    if number == position:
        return None
    d = thai.thai_digits
    return (
        f"ระเบียบวาระที่ {d(str(number))} อยู่ในลำดับที่ {d(str(position))}",
        f"agenda item numbered {number} stands at position {position}",
    )


SALUTATION_CLOSINGS = {
    "เรียน": "ขอแสดงความนับถือ",
    "กราบเรียน": "ขอแสดงความนับถืออย่างยิ่ง",
    "นมัสการ": "ขอนมัสการด้วยความเคารพ",
}


def closing_mismatch(salutation: str, closing: str) -> tuple[str, str] | None:
    """CIR007: the closing (คำลงท้าย) that goes with a known salutation (คำขึ้นต้น)."""
    expected = SALUTATION_CLOSINGS[salutation]
    if closing == expected:
        return None
    return (
        f"คำขึ้นต้น '{salutation}' ต้องลงท้ายด้วย '{expected}' ไม่ใช่ '{closing}'",
        f"salutation '{salutation}' takes the closing '{expected}', not '{closing}'",
    )


# ---------------------------------------------------------------------------------------
# Counts: stated counts of listed items, enclosures


_STATED = re.compile(r"จำนวน\s*([0-9๐-๙]+(?:,[0-9๐-๙]{3})*)(?![0-9๐-๙]|,[0-9๐-๙])\s*([^\s0-9๐-๙,]*)")
_BARE_STATED = re.compile(
    r"(?<![0-9๐-๙,.])([0-9๐-๙]{1,3})\s*(ข้อ|ประการ|รายการ|กิจกรรม|ประเด็น)"
    r"(?=\s|$|[(),.:;]|ประกอบด้วย|ดังนี้|ได้แก่|ดังต่อไปนี้)"
)
_ORDINAL_BEFORE = re.compile(r"ที่\s*$")
LIST_INTRO = re.compile(r"ประกอบด้วย|ดังนี้|ได้แก่|ดังต่อไปนี้")
NOT_ITEMS = {"บาท", "สตางค์", "วัน", "เดือน", "ปี", "ครั้ง"}


@dataclass(frozen=True)
class StatedCount:
    start: int
    end: int
    number: int
    unit: str

    def mismatch(self, listed: int) -> tuple[str, str] | None:
        """MTG004: the message when ``listed`` items follow this stated count."""
        if self.number == listed:
            return None
        return (
            f"ระบุจำนวน {thai.format_number(self.number)} {self.unit} แต่มีรายการ {thai.thai_digits(str(listed))} รายการ",
            f"states {self.number} {self.unit} but lists {listed} items",
        )


def stated_count(text: str) -> StatedCount | None:
    """The count a list's lead-in states for the items that follow it: the last ``จำนวน n <unit>``
    (or ``n ข้อ``, ``n กิจกรรม``, ...) before ``ประกอบด้วย``/``ดังนี้``/``ได้แก่``. Money, days,
    months, years and times (``จำนวน ๒ วัน``) are not counts of items."""
    intro = LIST_INTRO.search(text)
    head = text[: intro.start()] if intro else text
    stated = [(m.start(), m.end(), m.group(1), m.group(2)) for m in _STATED.finditer(head) if m.group(2) not in NOT_ITEMS]
    if not stated:
        stated = [
            (m.start(), m.end(), m.group(1), m.group(2)) for m in _BARE_STATED.finditer(head)
            if not _ORDINAL_BEFORE.search(head[: m.start()])
        ]
    if not stated:
        return None
    start, end, number, unit = stated[-1]
    try:
        value = thai.parse_number(number)
    except ValueError:  # more digits than a count can have: not a stated count
        return None
    return StatedCount(start, end, int(value), unit)


_ENCLOSURE_REF = re.compile(
    r"สิ่งที่ส่งมาด้วย\s*((?:ที่\s*)?[0-9๐-๙]+(?:\s*(?:[-–,]|และ|ถึง)\s*[0-9๐-๙]+)*)"
)


def enclosure_references(text: str) -> Iterator[tuple[int, int, list[int]]]:
    """References to enclosures in text: ``(start, end, numbers)``; ``สิ่งที่ส่งมาด้วย ๒ - ๓``
    gives 2 and 3 (a reversed range ``๓ - ๒`` the same; an implausibly long one only its ends)."""
    for m in _ENCLOSURE_REF.finditer(text):
        numbers: list[int] = []
        spec = thai.arabic_digits(m.group(1)).replace("ที่", "")
        for part in re.split(r",|และ", spec):
            try:
                bounds = [int(x) for x in re.split(r"[-–]|ถึง", part) if x.strip()]
            except ValueError:  # digits of another script that int() reads but arabic_digits keeps
                continue
            if len(bounds) == 2 and abs(bounds[1] - bounds[0]) <= 50:
                numbers.extend(range(min(bounds), max(bounds) + 1))
            else:
                numbers.extend(bounds)
        yield m.start(), m.end(), numbers


def enclosure_numbers(text: str) -> Iterator[int]:
    """Enclosure numbers a text refers to (see :func:`enclosure_references`)."""
    for _start, _end, numbers in enclosure_references(text):
        yield from numbers


def missing_enclosure(number: int, listed: int) -> tuple[str, str] | None:
    """CIR004: the message when text refers to enclosure ``number`` of ``listed``."""
    if 1 <= number <= listed:
        return None
    return (
        f"อ้างสิ่งที่ส่งมาด้วย {thai.thai_digits(str(number))} แต่มีเพียง {thai.thai_digits(str(listed))} รายการ",
        f"refers to enclosure {number} but only {listed} are listed",
    )


# ---------------------------------------------------------------------------------------
# Tables: sums


def sum_mismatch(stated: Number, parts: Sequence[Number]) -> Number | None:
    """What ``parts`` add up to, when it is not ``stated`` (REG001, REG002, REG003)."""
    total = sum(parts, start=0)
    return None if total == stated else total


def row_sum_message(row: str, title: str, key: str, typed: Number, expected: Number) -> tuple[str, str]:
    """REG001: a row's sum cell is not the sum of its parts."""
    th, en = _numbers(typed, expected)
    return (f"แถว {row}: ช่อง \"{title}\" พิมพ์ไว้ {th[0]} แต่บวกส่วนประกอบได้ {th[1]} "
            f"(แก้เป็น {th[1]} หรือเว้นว่างให้คำนวณเอง)",
            f"row {row}: the \"{title}\" cell says {en[0]} but its parts add up to {en[1]} "
            f"(type {en[1]}, or leave it empty to have it computed)")


def column_total_message(title: str, key: str, stated: Number, actual: Number) -> tuple[str, str]:
    """REG002: a stated column total is not the sum of the rows."""
    th, en = _numbers(stated, actual)
    return (f"แถวรวม ช่อง \"{title}\" พิมพ์ไว้ {th[0]} แต่บวกทุกแถวได้ {th[1]} "
            f"(แก้เป็น {th[1]} หรือลบออกให้คำนวณเอง)",
            f"the total row's \"{title}\" cell says {en[0]} but the rows add up to {en[1]} "
            f"(type {en[1]}, or remove it to have it computed)")


def total_row_message(title: str, key: str, stated: Number, expected: Number, parts: str) -> tuple[str, str]:
    """REG003: in the total row, a sum column's total is not the sum of its parts' totals."""
    th, en = _numbers(stated, expected)
    return (f"แถวรวม ช่อง \"{title}\" พิมพ์ไว้ {th[0]} แต่บวกยอดรวมของส่วนประกอบ ({parts}) ได้ {th[1]}",
            f"the total row's \"{title}\" cell says {en[0]} but the totals of its parts ({parts}) add up to {en[1]}")


def _numbers(*values: Number) -> tuple[list[str], list[str]]:
    """The same numbers for the Thai half (Thai digits) and the English half (Arabic digits)."""
    return ([thai.format_number(v) for v in values], [thai.format_number(v, "arabic") for v in values])
