"""Rules over numbers and dates stated in running text (LNT008, LNT009, LNT018, LNT019, and the
weekdays of LNT002 that have no year of their own).

A count or total said in a sentence is checked against what the same sentence enumerates; a
date given twice (in Thai and in English) against itself; a past event against the date of the
document that reports it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .. import checks, thai
from ..findings import Severity
from ..rules.registry import rule
from .context import DocContext, DocIssue, found
from .document import Cell, Document, Paragraph

ERROR, WARNING = Severity.ERROR, Severity.WARNING

_D = "[0-9๐-๙]"
_NUMBER = rf"(?<![0-9๐-๙,.]){_D}{{1,3}}(?:,{_D}{{3}})+(?![0-9๐-๙])|(?<![0-9๐-๙,.]){_D}+(?![0-9๐-๙,]|\.{_D})"
_UNITS = (
    "ครัวเรือน", "หมู่บ้าน", "ผลิตภัณฑ์", "โครงการ", "กิจกรรม", "องค์กร", "หน่วยงาน", "ชุมชน", "ตำบล", "อำเภอ",
    "จังหวัด", "แห่ง", "กลุ่ม", "ราย", "คน", "ท่าน", "รูป", "หลัง", "ไร่", "ตัน", "คัน", "เครื่อง", "ชิ้น", "ฉบับ",
    "เรื่อง", "ด้าน", "ประเด็น", "ข้อ", "รายการ", "ศูนย์", "โรงเรียน", "แปลง", "ตัว", "ครอบครัว", "ทีม", "รุ่น",
)
_UNIT_RE = "|".join(sorted(_UNITS, key=len, reverse=True))
_AMOUNT = re.compile(rf"(?P<number>{_NUMBER})\s*(?P<unit>{_UNIT_RE})")
_EACH = re.compile(r"ละ\s*$")
_TOTAL_BEFORE = re.compile(r"(?:รวม(?:ทั้งสิ้น|ทั้งหมด)?|ทั้งหมด|ทั้งสิ้น|จำนวน)\s*(?:เป็น\s*)?(?:จำนวน\s*)?$")
_GRAND_BEFORE = re.compile(r"(?:รวม(?:ทั้งสิ้น|ทั้งหมด)?|ทั้งหมด|ทั้งสิ้น)\s*(?:เป็น\s*)?(?:จำนวน\s*)?$")
_BREAKDOWN = re.compile(r"^\s*(?:\(|แยกเป็น|แบ่งเป็น|ประกอบด้วย|ได้แก่|คือ|เป็น)")
_STOP = re.compile(r"ในจำนวนนี้|ซึ่ง|โดย|เพื่อ|คิดเป็น|ร้อยละ|จาก|ในปี|เมื่อ")


@dataclass
class _Amount:
    start: int
    end: int
    value: int
    unit: str
    before: str


def _amounts(text: str) -> list[_Amount]:
    found_ = []
    for m in _AMOUNT.finditer(text):
        try:
            value = thai.parse_number(m["number"])
        except ValueError:
            continue
        if isinstance(value, int):
            found_.append(_Amount(m.start(), m.end(), value, m["unit"], text[max(0, m.start() - 20): m.start()]))
    return found_


def _far(gap: str) -> bool:
    """Text between two amounts too long for them to be parts of one breakdown: more than a
    label of a few words (``อาสาสมัครสาธารณสุขประจำหมู่บ้าน`` is one word of 31 letters)."""
    return len(gap.split()) > 4 or len(gap) > 64


def _parts_follow(text: str, amounts: list[_Amount], i: int) -> list[_Amount]:
    total = amounts[i]
    parts: list[_Amount] = []
    end = total.end
    for a in amounts[i + 1:]:
        gap = text[end: a.start]
        if a.unit != total.unit or _far(gap) or _STOP.search(gap) or _TOTAL_BEFORE.search(a.before) and parts and _GRAND_BEFORE.search(a.before):
            break
        if _EACH.search(a.before):
            return []
        parts.append(a)
        end = a.end
    return parts


def _parts_before(text: str, amounts: list[_Amount], i: int) -> list[_Amount]:
    total = amounts[i]
    parts: list[_Amount] = []
    start = total.start
    for a in reversed(amounts[:i]):
        gap = text[a.end: start]
        if a.unit != total.unit or _far(gap) or _STOP.search(gap) or _GRAND_BEFORE.search(a.before):
            break
        if _EACH.search(a.before):
            return []
        parts.insert(0, a)
        start = a.start
    return parts


@rule("LNT008", "prose-sum", ERROR, "document")
def prose_sum(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """A total stated in a sentence equals the parts the same sentence gives in the same unit.

    ``รวม ๒,๔๐๕ คน (ชาย ๑,๒๐๒ คน หญิง ๑,๒๐๓ คน)``, ``จำนวน ๕๐ ราย แบ่งเป็น ...``, or parts
    first and ``รวม ...`` after them. Amounts given per item (``รุ่นละ ๕๐ คน``) are not parts;
    the parts end at ``ในจำนวนนี้``, ``โดย``, ``ซึ่ง``, ``คิดเป็น`` and the like, and a total is
    right when the first (or last) two or more parts add up to it.

    Wrong: ``ผู้ลงทะเบียนรวม ๒,๔๐๕ คน แบ่งเป็น ชาย ๑,๒๐๒ คน หญิง ๑,๒๐๔ คน``.
    Right: ``ผู้ลงทะเบียนรวม ๒,๔๐๖ คน แบ่งเป็น ชาย ๑,๒๐๒ คน หญิง ๑,๒๐๔ คน``.
    """
    for piece in ctx.passages:
        text = piece.text
        amounts = _amounts(text)
        if len(amounts) < 3:
            continue
        for i, total in enumerate(amounts):
            parts: list[_Amount] = []
            if _TOTAL_BEFORE.search(total.before) and _BREAKDOWN.match(text[total.end: total.end + 12]):
                parts = _parts_follow(text, amounts, i)
                sums = [sum(p.value for p in parts[:k]) for k in range(2, len(parts) + 1)]
            elif _GRAND_BEFORE.search(total.before):
                parts = _parts_before(text, amounts, i)
                sums = [sum(p.value for p in parts[k:]) for k in range(len(parts) - 1)]
            if len(parts) < 2 or total.value in sums:
                continue
            shown = " + ".join(thai.format_number(p.value) for p in parts)
            whole = sum(p.value for p in parts)
            yield found(
                piece, total.start,
                f"ระบุรวม {thai.format_number(total.value)} {total.unit} แต่ {shown} = {thai.format_number(whole)} {total.unit}",
                f"states a total of {total.value} {total.unit} but the parts {' + '.join(str(p.value) for p in parts)} add up to {whole}",
            )


_LIST_HEAD = re.compile(
    rf"(?P<lead>จำนวน|ครบ(?:ทั้ง)?|ทั้ง(?!หมด|สิ้น)|มี)?\s*(?P<number>{_D}{{1,2}})(?![0-9๐-๙,.])\s*(?P<unit>[ก-ฮ][ก-๛]{{0,15}}?)\s*"
    r"(?P<intro>ได้แก่|ประกอบด้วย|คือ|ดังนี้|อันได้แก่)\s*:?\s*"
)
_LIST_END = re.compile(r"\s(?:รวม|แยกเป็น|เพื่อ|โดย|ซึ่ง|จึง|ทั้งนี้|ในการ|ให้|ที่|ณ|เมื่อ|ระหว่าง|ภายใน|มี|เป็น)|[.;]|\)")
_NOT_COUNTED = {"บาท", "สตางค์", "วัน", "เดือน", "ปี", "ครั้ง", "ชั่วโมง", "นาที", "คน", "ท่าน", "ราย"}
_OPEN_LIST = re.compile(r"ฯลฯ|เป็นต้น|อื่น\s*ๆ|และอื่น")


def _listed(lst: str, unit: str) -> tuple[int, bool] | None:
    """How many items a list written in a sentence holds, and whether that is certain (items
    split by commas or each opening with the unit word); None when the list has no end. The
    list ends with its first ``และ ...`` (or ``หรือ ...``) item: what follows is another clause."""
    last = re.search(r"(?:^|\s)(?:และ|หรือ)\s*\S+", lst)  # the list ends with its first "และ ..." item
    if last is None or _OPEN_LIST.search(lst):
        return None
    segment = lst[: last.end()]
    if "," in segment:
        items = [x for x in re.split(r",|\s(?:และ|หรือ)", segment) if x.strip() and x.strip() not in ("และ", "หรือ")]
        return len(items), True
    tokens = [t for t in segment.split() if t not in ("และ", "หรือ")]
    tokens = [re.sub(r"^(?:และ|หรือ)", "", t) for t in tokens]
    marked = sum(1 for t in tokens if unit and t.startswith(unit))
    if marked >= 2:
        return marked, True
    return len(tokens), False


def _numbered_inline(rest: str, unit: str) -> int | None:
    """Items numbered in the sentence itself (``ดังนี้ วาระที่ ๑ ... วาระที่ ๒ ... และวาระที่ ๕ ...``):
    how many, when the list opens with item ๑ and goes on ๒, ๓, ...; None otherwise."""
    if not unit:
        return None
    item = re.compile(rf"(?:^|\s)(?:และ|หรือ)?\s*{re.escape(unit)}(?:ที่)?\s*({_D}{{1,2}})(?![0-9๐-๙/.])")
    first = item.match(rest)
    if first is None or thai.arabic_digits(first.group(1)) != "1":
        return None
    count = 0
    for m in item.finditer(rest):
        if int(thai.arabic_digits(m.group(1))) != count + 1:
            break
        count += 1
    return count if count >= 2 else None


@rule("LNT009", "prose-count", ERROR, "document")
def prose_count(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """A count stated in a sentence (``จำนวน ๓ กลุ่ม ได้แก่ ...``, ``ครบทั้ง ๔ ด้าน คือ ...``)
    equals the number of things the same sentence lists after it.

    The list runs to its last ``และ ...`` (or ``หรือ ...``) item; its items are counted by the
    commas between them, or by the unit word each opens with (``ด้าน...``, ``กลุ่ม...``). When
    only spaces part them (an item may hold a space), fewer items than stated is reported, not
    more. Items numbered in the sentence (``๖ วาระ ดังนี้ วาระที่ ๑ ... และวาระที่ ๕ ...``) are
    counted by their numbers. An open list (``ฯลฯ``, ``เป็นต้น``) and counts of people, money and
    time are not checked.

    Wrong: ``จำนวน ๓ กลุ่ม ได้แก่ กลุ่มสตรี กลุ่มเยาวชน กลุ่มผู้สูงอายุ และกลุ่มอาชีพ``.
    Right: ``จำนวน ๔ กลุ่ม ได้แก่ กลุ่มสตรี กลุ่มเยาวชน กลุ่มผู้สูงอายุ และกลุ่มอาชีพ``.
    """
    for piece in ctx.passages:
        text = piece.text
        for m in _LIST_HEAD.finditer(text):
            unit = m["unit"]
            if unit in _NOT_COUNTED or not (m["lead"] or unit):
                continue
            rest = text[m.end():]
            if any(offset == m.end() for offset, _loc in piece.breaks):
                continue  # the list starts on the next line: items on lines of their own are MTG004's
            numbered = _numbered_inline(rest, unit)
            if numbered is not None:
                stated = int(thai.arabic_digits(m["number"]))
                if numbered != stated:
                    yield found(
                        piece, m.start("number"),
                        f"ระบุ {thai.thai_digits(str(stated))} {unit} แต่ไล่เลขไว้ถึง{unit}ที่ {thai.thai_digits(str(numbered))}",
                        f"states {stated} {unit} but numbers them up to {numbered}",
                    )
                continue
            end = _LIST_END.search(rest)
            lst = rest[: end.start()] if end else rest
            counted = _listed(lst, unit)
            if counted is None:
                continue
            listed, certain = counted
            stated = int(thai.arabic_digits(m["number"]))
            if listed == stated or (not certain and listed > stated) or listed < 2:
                continue
            yield found(
                piece, m.start("number"),
                f"ระบุ {thai.thai_digits(str(stated))} {unit} แต่แจกแจงไว้ {thai.thai_digits(str(listed))} รายการ",
                f"states {stated} {unit} but lists {listed}",
            )


# ---------------------------------------------------------------------------------------
# Dates in English, weekdays without a year, past events after the document's date


_EN_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_EN_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_EN_MONTH = "|".join(sorted((re.escape(m) for m in _EN_MONTHS), key=len, reverse=True))
_EN_DAYS = [name.lower() for name in calendar.day_name]
_EN_WEEKDAY = "|".join(calendar.day_name) + "|" + "|".join(calendar.day_abbr)
_ORD = r"(?:st|nd|rd|th)?"
ENGLISH_DATE = re.compile(
    rf"(?:(?P<wd>{_EN_WEEKDAY})\.?,?\s+)?(?:(?:from|between)\s+)?(?:the\s+)?"
    rf"(?:(?P<d1>\d{{1,2}}){_ORD}(?:\s+(?P<m1>{_EN_MONTH})\.?)?\s*(?:-|–|to|and|until)\s*(?:the\s+)?)?"
    rf"(?:(?P<day>\d{{1,2}}){_ORD}\s+(?P<month>{_EN_MONTH})\.?,?|(?P<month2>{_EN_MONTH})\.?\s+(?P<day2>\d{{1,2}}){_ORD}"
    rf"(?:\s*(?:-|–|to)\s*(?P<day3>\d{{1,2}}){_ORD})?,?)\s+(?P<year>\d{{4}})(?!\d)",
    re.IGNORECASE,
)


_LATIN_LETTER = re.compile("[A-Za-z]")


@dataclass
class _EnglishDate:
    start: int
    first: dt.date
    last: dt.date


def english_dates(text: str) -> Iterator[tuple[int, _EnglishDate | str]]:
    """English dates and periods in ``text``: ``(start, period)`` or ``(start, why it is wrong)``."""
    if not _LATIN_LETTER.search(text):
        return  # every English month name is in Latin letters
    for m in ENGLISH_DATE.finditer(text):
        month = _EN_MONTHS[(m["month"] or m["month2"]).lower()]
        year = int(m["year"])
        if year >= 2400:
            year -= thai.BE_OFFSET
        day = int(m["day"] or m["day2"])
        first_day = int(m["d1"]) if m["d1"] else None
        first_month = _EN_MONTHS[m["m1"].lower()] if m["m1"] else month
        if m["day3"]:
            first_day, day = day, int(m["day3"])
        try:
            last = dt.date(year, month, day)
            first = dt.date(year if first_month <= month else year - 1, first_month, first_day) if first_day else last
        except ValueError:
            yield m.start(), f"{m.group()}"
            continue
        if first > last:
            yield m.start(), f"{m.group()}"
            continue
        if m["wd"]:
            wanted = m["wd"].lower()[:3]
            if _EN_DAYS[first.weekday()][:3] != wanted:
                yield m.start(), f"{m.group()} ({calendar.day_name[first.weekday()]})"
                continue
        yield m.start(), _EnglishDate(m.start(), first, last)


_MAX_PER_MONTH = 200
"""Thai dates of one month an English date is compared with (bounded work on huge documents)."""


def _passages_and_cells(doc: Document, ctx: DocContext) -> Iterator[tuple[str, Paragraph | Cell]]:
    yield from ((p.text, p) for p in ctx.passages)
    yield from ((text, piece) for text, piece in doc.texts() if isinstance(piece, Cell))


@rule("LNT018", "english-date", ERROR, "document")
def english_date(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """A date written in English exists, has its weekday, and says the same as the Thai date
    it stands beside.

    Periods are read as offices write them: ``from 3 to 12 March 2019``, ``3-12 March 2019``,
    ``March 3-12, 2019``. An English date within a few words of a Thai date or period (in
    brackets after it, or before it) must give the same days.

    Wrong: ``ระหว่างวันที่ ๑๘ - ๑๙ มกราคม ๒๕๖๕ (18-20 January 2022)``; ``Monday, 12 March 2019``.
    Right: ``ระหว่างวันที่ ๑๘ - ๑๙ มกราคม ๒๕๖๕ (18-19 January 2022)``; ``Tuesday, 12 March 2019``.
    """
    by_month: dict[tuple[int, int], list[thai.Period]] | None = None
    for text, piece in _passages_and_cells(doc, ctx):
        if not re.search(r"\d{4}", text):
            continue
        english = list(english_dates(text))
        if not english:
            continue
        periods = thai.find_periods(text)
        for start, period in english:
            if isinstance(period, str):
                yield found(piece, start, f"วันที่ภาษาอังกฤษไม่ถูกต้อง: {period}", f"no such English date or weekday: {period}")
                continue
            near = [(abs(s - start), s, p) for s, e, p in periods if -80 <= start - e <= 80 or -80 <= s - start <= 80]
            if near:
                thai_period = min(near, key=lambda x: x[0])[2]
                agrees = (thai_period.start, thai_period.end) == (period.first, period.last) or (
                    thai_period.precision == "month" and thai_period.start <= period.first and period.last <= thai_period.end)
            else:
                # an English summary apart from the Thai text: its date is one the Thai text gives
                # (a day or within a period) when the Thai text has dates in that month
                if by_month is None:
                    by_month = {}
                    for t, _ in _passages_and_cells(doc, ctx):
                        for _s, _e, p in thai.find_periods(t):
                            if p.precision == "day":
                                for month in {(p.start.year, p.start.month), (p.end.year, p.end.month)}:
                                    by_month.setdefault(month, []).append(p)
                months = {(period.first.year, period.first.month), (period.last.year, period.last.month)}
                same = list({id(p): p for m in months for p in by_month.get(m, [])[:_MAX_PER_MONTH]}.values())
                if not same:
                    continue
                thai_period = min(same, key=lambda p: abs((p.start - period.first).days) + abs((p.end - period.last).days))
                agrees = any(p.start <= period.first and period.last <= p.end for p in same)
            if not agrees:
                shown = thai.format_period(thai_period)
                yield found(
                    piece, start,
                    f"วันที่ภาษาอังกฤษ ({thai.format_date(period.first)} - {thai.format_date(period.last)}) ไม่ตรงกับวันที่ภาษาไทย {shown}",
                    f"the English date ({checks.en_date(period.first)} to {checks.en_date(period.last)}) differs from the Thai date "
                    f"({checks.en_date(thai_period.start)} to {checks.en_date(thai_period.end)})",
                )


_WEEKDAY_DAY = re.compile(
    rf"(?P<weekday>{'|'.join(thai.WEEKDAYS)})\s*(?:ที่)?\s*(?P<day>{_D}{{1,2}})(?![0-9๐-๙])"
)


def weekday_issues(doc: Document) -> Iterator[DocIssue]:
    """Weekdays before a day that has no year of its own (LNT002): the first day of a period
    (``วันจันทร์ที่ ๑๗ - วันพุธที่ ๑๙ มกราคม ๒๕๖๘``) takes the month and year of the date that
    ends it; a day and month alone (``วันจันทร์ที่ ๑๗ มกราคม``) must fall on that weekday in one of
    the years the document's dates name."""
    years: set[int] = set()
    for text, _piece in doc.texts():
        years.update(d.year for _s, _e, d in thai.find_dates(text))
    for text, piece in doc.texts():
        if "วัน" not in text:
            continue
        full = [(m.start(), m) for m in thai.DATE_RE.finditer(text)]
        for m in _WEEKDAY_DAY.finditer(text):
            if any(s <= m.start() < fm.end() and fm["weekday"] for s, fm in full):
                continue  # a complete date: LNT002 checks it
            after = text[m.end(): m.end() + 60]
            month_m = re.match(rf"\s*(?P<month>{'|'.join(thai.MONTHS_FULL)})", after)
            later = next((fm for s, fm in full if s >= m.end()), None)
            wanted = thai.WEEKDAYS.index(m["weekday"])
            day = int(thai.arabic_digits(m["day"]))
            candidates: list[dt.date] = []
            if later is not None and later.start() - m.end() <= 40 and not month_m:
                try:
                    end = thai.parse_date(re.sub(r"^(?:วัน\S*?ที่|วันที่)\s*", "", later.group()))
                    candidates = [end.replace(day=day)] if day <= end.day else []
                except ValueError:
                    candidates = []
            elif month_m and not re.match(rf"\s*{month_m['month']}\s*(?:พ\.?\s*ศ\.?\s*)?{_D}{{2,4}}", after):
                month = thai.MONTHS_FULL.index(month_m["month"]) + 1
                for year in sorted(years):
                    try:
                        candidates.append(dt.date(year, month, day))
                    except ValueError:
                        pass
            if candidates and all(c.weekday() != wanted for c in candidates):
                c = candidates[0]
                yield found(
                    piece, m.start(),
                    f"วันในสัปดาห์ไม่ตรง: {thai.format_date(c)} ไม่ใช่{m['weekday']}",
                    f"wrong weekday: {checks.en_date(c)} is a {calendar.day_name[c.weekday()]}, not {m['weekday']}",
                )


_PAST = re.compile(
    r"(?:เมื่อ(?:วันที่)?|ลงวันที่|ได้(?:จัด|ดำเนินการ|ประชุม|เข้าร่วม|ร่วม|ลงพื้นที่|มอบ|ออก|ตรวจ|รับ)\S*"
    r"(?:\s+\S+){0,3}?\s*(?:เมื่อ)?(?:ใน)?(?:วันที่|ระหว่างวันที่)?)\s*$"
)
_ISSUED = re.compile(r"(?:ประกาศ|สั่ง|ให้ไว้)\s*ณ\s*(?:วันที่\s*)?$")


def document_date(doc: Document, ctx: DocContext) -> tuple[dt.date, object] | None:
    """The date of the document: the letter's own date, the date an order or announcement is
    given (``สั่ง ณ วันที่ ...``, ``ประกาศ ณ วันที่ ...``), or the date of the meeting a report
    records."""
    if ctx.letter_date is not None:
        return ctx.letter_date
    for p in reversed(doc.paragraphs[-15:]):
        for start, _end, day in thai.find_dates(p.text):
            if _ISSUED.search(p.text[max(0, start - 30): start]):
                return day, p.at(start)
    meeting = ctx.meeting
    if meeting is not None and meeting.date is not None:
        return meeting.date, meeting.date_location
    return None


@rule("LNT019", "event-after-report", ERROR, "document")
def event_after_report(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """An event a document reports as past (``เมื่อวันที่ ...``, ``ลงวันที่ ...``, ``ได้จัด ... ระหว่างวันที่``)
    is not dated after the document itself (the letter's date, the date an order or announcement
    is given, or the date of the meeting whose minutes report it).

    Wrong: a letter of ๖ ธันวาคม ๒๕๖๗ that refers to ``หนังสือ ... ลงวันที่ ๑๐ ธันวาคม ๒๕๖๗``.
    Right: ``ลงวันที่ ๑ ธันวาคม ๒๕๖๗``.
    """
    dated = document_date(doc, ctx)
    if dated is None:
        return
    day, where = dated
    for text, piece in doc.texts():
        for start, _end, period in thai.find_periods(text):
            if period.precision != "day" or period.start <= day:
                continue
            lead = re.sub(r"\s+$", "", text[max(0, start - 60): start])
            if not _PAST.search(lead + " ") and not _PAST.search(text[max(0, start - 60): start]):
                continue
            if isinstance(piece, Paragraph) and piece.at(start) == where:
                continue
            yield found(
                piece, start,
                f"เหตุการณ์ที่เล่าว่าผ่านมาแล้ว ({thai.format_period(period)}) อยู่หลังวันที่ของเอกสาร {thai.format_date(day)}",
                f"an event reported as past ({checks.en_date(period.start)}) is dated after the document ({checks.en_date(day)})",
            )
