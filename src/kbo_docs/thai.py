"""Thai numerals, dates, times, fiscal years and baht text: the one place for Thai formatting.

Every renderer (DOCX, PDF, XLSX) and the checker format and read Thai text through this
module, so all of them agree. The functions are pure and work over small tables.

Conventions:

- Inside the program a date is a ``datetime.date`` in the Common Era (CE). The Buddhist
  Era (BE = CE + 543) exists only in text: it is added to the *year number* when a date is
  formatted and taken off when one is parsed. A date value is never shifted by 543 years,
  so 29 February survives (BE 2567 = CE 2024 is a leap year; leap years follow the CE year).
- ``digits="thai"`` writes ๐-๙ and ``digits="arabic"`` writes 0-9. Parsers read either
  system, but one number must not mix them ("25๖๒" is an error, saraban.md rule NUM-1).
- Money is exact: ``int``, ``Decimal`` or ``str``. Binary floats are refused with
  ``TypeError``, because they cannot hold amounts such as 0.505 exactly.
- Parsers normalize text to NFC and tolerate extra whitespace, NBSP and zero-width spaces;
  they raise ``ValueError`` with a message that names what is wrong.
- The fiscal year (ปีงบประมาณ) runs from 1 October to 30 September and is named by the BE
  year in which it ends (พ.ร.บ.วิธีการงบประมาณ พ.ศ. ๒๕๖๑ มาตรา ๔).

Month and weekday names are pythainlp's (``pythainlp.util.date``), written out here because
importing pythainlp takes a fifth of a cold ``kbo-docs check``; a test keeps them equal to
pythainlp's. Nothing else from pythainlp is used: its ``thai_strptime`` fails on Thai digits
and 2-digit years, its ``bahttext`` rounds through floats, and its ``num_to_thaiword`` says เอ็ด after ล้าน (1,000,001 -> หนึ่งล้านเอ็ด).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from typing import Literal


__all__ = [
    "BE_OFFSET",
    "DATE_RE",
    "DateStyle",
    "Digits",
    "MONTHS_ABBR",
    "MONTHS_FULL",
    "Period",
    "THAI_DIGITS",
    "WEEKDAYS",
    "arabic_digits",
    "baht_text",
    "be_year",
    "ce_year",
    "display_width",
    "find_dates",
    "find_fiscal_years",
    "find_meeting_numbers",
    "find_numbers",
    "find_periods",
    "find_times",
    "fiscal_year",
    "fiscal_year_bounds",
    "format_date",
    "format_number",
    "format_period",
    "format_time",
    "pad",
    "parse_date",
    "parse_number",
    "parse_period",
    "parse_time",
    "repair_extracted_text",
    "thai_digits",
]

Digits = Literal["thai", "arabic"]
DateStyle = Literal["full", "abbr", "weekday", "be"]

THAI_DIGITS: tuple[str, ...] = tuple("๐๑๒๓๔๕๖๗๘๙")
"""Thai digits ๐-๙ (U+0E50-U+0E59); index = value."""
MONTHS_FULL: tuple[str, ...] = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
                                 "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
"""Full month names, index 0 = มกราคม (January)."""
MONTHS_ABBR: tuple[str, ...] = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
"""Abbreviated month names with their dots, index 0 = ม.ค."""
WEEKDAYS: tuple[str, ...] = ("วันจันทร์", "วันอังคาร", "วันพุธ", "วันพฤหัสบดี", "วันศุกร์", "วันเสาร์", "วันอาทิตย์")
"""Weekday names with วัน, index 0 = วันจันทร์ (Monday), as ``date.weekday()``."""

BE_OFFSET = 543
"""BE year = CE year + BE_OFFSET (plain +543, right for dates from 1941 on)."""
_MIN_BE_YEAR = 2400  # a 4-digit year from here up is BE
_MIN_CE_YEAR = 1800  # 1800-2399 is CE; anything lower is refused

_TO_THAI = str.maketrans("0123456789", "".join(THAI_DIGITS))
_TO_ARABIC = str.maketrans("".join(THAI_DIGITS), "0123456789")
_DIGIT = "[0-9๐-๙]"
_SPACE = r"[\s\u200b]*"  # \s covers NBSP; U+200B is common in Thai text


# ---------------------------------------------------------------------------------------
# Digits and numbers


def thai_digits(text: str | int) -> str:
    """Write the Arabic digits of ``text`` as Thai digits; leave everything else alone."""
    return _as_text(text).translate(_TO_THAI)


def arabic_digits(text: str | int) -> str:
    """Write the Thai digits of ``text`` as Arabic digits; leave everything else alone."""
    return _as_text(text).translate(_TO_ARABIC)


def format_number(n: int | Decimal | str, digits: Digits = "thai") -> str:
    """Group ``n`` with thousands commas: 1696 -> ``๑,๖๙๖`` (``1,696`` with arabic digits).

    A ``Decimal`` keeps its exact digits (``Decimal("1234.50")`` -> ``๑,๒๓๔.๕๐``); a
    ``str`` is read with :func:`parse_number` first. ``float`` and ``bool`` raise
    ``TypeError``: pass a ``Decimal`` for fractional amounts.
    """
    n = _exact(n)
    return _with_digits(format(n, ",f") if isinstance(n, Decimal) else format(n, ","), digits)


def letter_number(series: str, number: int, digits: Digits = "thai") -> str:
    """The ที่ of a letter: its series and number, ``ลป ๐๐๑๙.๓/ว`` + 12 -> ``ลป ๐๐๑๙.๓/ว ๑๒``.

    A series ending in ``/`` (an ordinary letter, ``ลป ๐๐๑๙.๓/``) takes the number with no
    space: ``ลป ๐๐๑๙.๓/๑๒``."""
    series = series.strip()
    joined = f"{series}{number}" if series.endswith("/") else f"{series} {number}"
    return _with_digits(arabic_digits(joined), digits)


_NUMBER_RE = re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
_PLAIN_NUMBER_RE = re.compile("[0-9]+|[๐-๙]+")


def parse_number(text: str) -> int | Decimal:
    """Read a number typed with Thai or Arabic digits: ``"๑,๖๙๖"``, ``"1,696"``, ``" ๑๒.๕ "``.

    Returns an ``int`` when there is no decimal point, else an exact ``Decimal``. An optional
    leading ``-`` is allowed. Commas are optional, but when present they must separate
    groups of three digits in the whole part (``"12,34"`` is refused, it may be a decimal
    comma). Raises ``ValueError`` for empty text, for Thai and Arabic digits mixed in one
    number (``"25๖๒"``), and for anything else that is not a number.
    """
    if len(text) <= MAX_DIGITS and _PLAIN_NUMBER_RE.fullmatch(text):  # the common cell: digits of one system
        return int(text)  # int() reads Thai digits too
    cleaned = _clean(text)
    if not cleaned:
        raise ValueError("ไม่มีตัวเลข / empty number")
    _check_one_digit_system(cleaned)
    arabic = arabic_digits(cleaned)
    if not _NUMBER_RE.fullmatch(arabic):
        raise ValueError(f"'{text}' ไม่ใช่ตัวเลข / not a number: '{text}'")
    plain = arabic.replace(",", "")
    digits = len(plain) - plain.count(".") - plain.count("-")
    if digits > MAX_DIGITS:
        raise ValueError(f"ตัวเลขยาว {digits:,} หลัก เกิน {MAX_DIGITS} หลัก / a number of {digits:,} digits: "
                         f"at most {MAX_DIGITS} digits are read")
    return Decimal(plain) if "." in plain else int(plain)


MAX_DIGITS = 24
"""Digits a typed number may have (a trillion baht in satang has 17): longer is a typing accident
or an attack, and would make every sum and share slow."""


_NUMBER_RUN_RE = re.compile(rf"{_DIGIT}+(?:[,.]{_DIGIT}+)*")


def find_numbers(text: str) -> list[tuple[int, int, str]]:
    """Find digit runs in running text, with inner commas and dots: ``(start, end, raw)``.

    Meant for checks on how numbers are written (mixed digits, comma grouping); the raw
    text is returned unparsed. A trailing comma or full stop is not part of a run.
    """
    return [(m.start(), m.end(), m.group()) for m in _NUMBER_RUN_RE.finditer(text)]


def _exact(value: int | Decimal | str) -> int | Decimal:
    """An exact finite number from an int, a Decimal or a str (read by :func:`parse_number`)."""
    if isinstance(value, str):
        return parse_number(value)
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        hint = "; use Decimal (or str) for fractional amounts" if isinstance(value, float) else ""
        raise TypeError(f"expected int, Decimal or str, not {type(value).__name__}{hint}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"not a finite number: {value}")
    return value


def _as_text(value: str | int) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError(f"expected str or int, not {type(value).__name__}")
    return str(value)


def _with_digits(text: str, digits: Digits) -> str:
    if digits == "thai":
        return thai_digits(text)
    if digits == "arabic":
        return text
    raise ValueError(f"digits must be 'thai' or 'arabic', not {digits!r}")


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("\u200b", "").strip()


_ARABIC_DIGIT_RE = re.compile("[0-9]")
_THAI_DIGIT_RE = re.compile("[๐-๙]")


def _check_one_digit_system(text: str) -> None:
    if _ARABIC_DIGIT_RE.search(text) and _THAI_DIGIT_RE.search(text):
        raise ValueError(f"ตัวเลข '{text}' ใช้เลขไทยปนเลขอารบิก ให้ใช้แบบเดียว / mixed Thai and Arabic digits in one number: '{text}'")


def _to_int(text: str) -> int:
    """Value of a run of digits of one system (``int`` reads Thai digits natively)."""
    _check_one_digit_system(text)
    return int(text)


# ---------------------------------------------------------------------------------------
# Dates


def be_year(d_or_year: date | int) -> int:
    """BE year of a date or of a CE year number: 2024 -> 2567."""
    year = d_or_year.year if isinstance(d_or_year, date) else d_or_year
    return year + BE_OFFSET


def ce_year(be: int) -> int:
    """CE year number of a BE year number: 2567 -> 2024."""
    return be - BE_OFFSET


def format_date(d: date, style: DateStyle = "full", digits: Digits = "thai") -> str:
    """Write a CE date in Thai with its BE year; no leading zero on the day.

    - ``"full"``: ``๖ ธันวาคม ๒๕๖๗`` (the formal form for letters);
    - ``"abbr"``: ``๖ ธ.ค. ๖๗`` (2-digit BE year; for tables and registers only);
    - ``"weekday"``: ``วันอังคารที่ ๑๑ มกราคม ๒๕๖๕``;
    - ``"be"``: ``๘ มกราคม พ.ศ. ๒๕๖๘`` (สั่ง ณ วันที่ / ประกาศ ณ วันที่).

    Dates before CE 1857 (BE 2400) raise ``ValueError``: :func:`parse_date` would read
    their BE year back as a CE year.
    """
    month = d.month - 1
    be = d.year + BE_OFFSET
    if be < _MIN_BE_YEAR:
        raise ValueError(f"{d.isoformat()} is before พ.ศ. {_MIN_BE_YEAR}; its BE year would read as CE")
    if style == "full":
        text = f"{d.day} {MONTHS_FULL[month]} {be}"
    elif style == "abbr":
        text = f"{d.day} {MONTHS_ABBR[month]} {be % 100:02d}"
    elif style == "be":
        text = f"{d.day} {MONTHS_FULL[month]} พ.ศ. {be}"
    elif style == "weekday":
        text = f"{WEEKDAYS[d.weekday()]}ที่ {d.day} {MONTHS_FULL[month]} {be}"
    else:
        raise ValueError(f"style must be 'full', 'abbr', 'weekday' or 'be', not {style!r}")
    return _with_digits(text, digits)


def _alternation(patterns: list[str]) -> str:
    return "|".join(sorted(patterns, key=len, reverse=True))


_MONTH_NUMBER = {name.replace(".", ""): i % 12 + 1 for i, name in enumerate(MONTHS_FULL + MONTHS_ABBR)}
_WEEKDAY_NUMBER = {name: i for i, name in enumerate(WEEKDAYS)}
MAY_HOLD_MONTH = re.compile("[ก-ฮ]")
"""A Thai consonant: every month name and abbreviation has one, so text without any holds no
:data:`DATE_RE` or :data:`PERIOD_RE` date (a test keeps this true)."""
_MONTH_PATTERN = _alternation(
    [re.escape(m) for m in MONTHS_FULL] + [re.escape(a).replace(r"\.", r"\.?") for a in MONTHS_ABBR]
)

DATE_RE = re.compile(
    rf"(?:(?:(?P<weekday>{_alternation(list(WEEKDAYS))})(?:{_SPACE}ที่)?|วันที่){_SPACE})?"
    rf"(?<![0-9๐-๙])(?P<day>{_DIGIT}{{1,2}}){_SPACE}"
    rf"(?P<month>{_MONTH_PATTERN}){_SPACE}"
    rf"(?:(?P<era>พ\.?{_SPACE}ศ\.?|ค\.?{_SPACE}ศ\.?){_SPACE})?"
    rf"(?P<year>{_DIGIT}{{4}}|{_DIGIT}{{2}})(?!{_DIGIT})"
)
"""A Thai date in running text (NFC): optional ``วันที่`` or weekday (``วันอังคารที่``),
day, full or abbreviated month (dots optional), optional ``พ.ศ.``/``ค.ศ.``, 2- or 4-digit
year. A match may still be no real date: :func:`parse_date` on ``m.group()`` says why."""

_ISO_RE = re.compile(rf"(?P<year>{_DIGIT}{{4}})-(?P<month>{_DIGIT}{{2}})-(?P<day>{_DIGIT}{{2}})")
_LOOSE_DATE_RE = re.compile(rf"\D*{_DIGIT}{{1,2}}{_SPACE}(?P<month>[^\s0-9๐-๙]+).*")


def parse_date(text: str) -> date:
    """Read a Thai date back into a CE ``date``: everything :func:`format_date` writes, and more.

    Accepted: Thai or Arabic digits; full or abbreviated month, with or without the dots
    and spaces (``๖ธ.ค.๖๗``); an optional leading ``วันที่`` or weekday (``วันอังคารที่``,
    ``วันอังคาร ที่``); optional ``พ.ศ.`` or ``ค.ศ.`` before the year; ISO ``YYYY-MM-DD``.

    Years: 2 digits are always BE 25xx (``๖๗`` = 2567). With 4 digits, 2400 and above is
    BE and 1800-2399 is CE; an explicit ``พ.ศ.``/``ค.ศ.`` must agree with that. Guarding
    the BE range of modern documents (2400-2700) is left to the checker.

    Raises ``ValueError`` for a day the month does not have (naming day, month and year),
    a weekday that does not match the date, an unknown month name, mixed digits in one
    number, or text that is not a date.
    """
    cleaned = _clean(text)
    if m := DATE_RE.fullmatch(cleaned):
        return _date_from_match(m)
    if m := _ISO_RE.fullmatch(cleaned):
        return _checked_date(_ce_from_written_year(m["year"], None), _to_int(m["month"]), _to_int(m["day"]))
    loose = _LOOSE_DATE_RE.fullmatch(cleaned)
    if loose and loose["month"].replace(".", "") not in _MONTH_NUMBER:
        raise ValueError(f"ไม่รู้จักชื่อเดือน '{loose['month']}' ใน '{text}' ให้เขียนชื่อเดือนเต็ม เช่น ธันวาคม หรือย่อ เช่น ธ.ค. / "
                         f"unknown month name '{loose['month']}' in '{text}'; write the full name (ธันวาคม) or its abbreviation (ธ.ค.)")
    raise ValueError(f"อ่านวันที่ '{text}' ไม่ได้ ให้เขียนเช่น ๖ ธันวาคม ๒๕๖๗ / not a date: '{text}'; write e.g. ๖ ธันวาคม ๒๕๖๗ or 2024-12-06")


def find_dates(text: str) -> list[tuple[int, int, date]]:
    """Find real Thai dates in running NFC text: ``(start, end, date)`` for each.

    Finds what :data:`DATE_RE` matches, including a leading ``วันที่`` or weekday. Matches
    that are no real date (31 กุมภาพันธ์, a wrong weekday) are skipped; to report them,
    run ``DATE_RE.finditer`` and call :func:`parse_date` on each match.
    """
    found: list[tuple[int, int, date]] = []
    if not MAY_HOLD_MONTH.search(text):
        return found  # every month name has a Thai consonant: a cell of figures has no date
    for m in DATE_RE.finditer(text):
        try:
            found.append((m.start(), m.end(), _date_from_match(m)))
        except ValueError:
            continue
    return found


def _date_from_match(m: re.Match[str]) -> date:
    era = m["era"][0] if m["era"] else None
    d = _checked_date(
        _ce_from_written_year(m["year"], era),
        _MONTH_NUMBER[m["month"].replace(".", "")],
        _to_int(m["day"]),
    )
    if m["weekday"] and _WEEKDAY_NUMBER[m["weekday"]] != d.weekday():
        day = _describe(d.year, d.month, d.day)
        raise ValueError(
            f"วันในสัปดาห์ไม่ตรง: {thai_digits(day)} เป็น{WEEKDAYS[d.weekday()]} ไม่ใช่{m['weekday']} / "
            f"wrong weekday: {day} is {WEEKDAYS[d.weekday()]}, not {m['weekday']}"
        )
    return d


def _ce_from_written_year(year_text: str, era: str | None) -> int:
    """CE year of a written 2- or 4-digit year; ``era`` is the first letter of พ.ศ./ค.ศ."""
    year = _to_int(year_text)
    if len(year_text) == 2:
        if era == "ค":
            raise ValueError(f"ปี ๒ หลักเป็น พ.ศ. เสมอ ไม่ใช่ ค.ศ.: {year_text} / a 2-digit year is BE 25xx, not ค.ศ.: {year_text}")
        return 2500 + year - BE_OFFSET
    if year >= _MIN_BE_YEAR:
        if era == "ค":
            raise ValueError(f"ค.ศ. {thai_digits(year)} น่าจะเป็นปี พ.ศ. / ค.ศ. {year} looks like a BE year (พ.ศ.)")
        return year - BE_OFFSET
    if year >= _MIN_CE_YEAR:
        if era == "พ":
            raise ValueError(f"พ.ศ. {thai_digits(year)} น่าจะเป็นปี ค.ศ. (ค.ศ. {thai_digits(year)} = พ.ศ. {thai_digits(year + BE_OFFSET)}) / "
                             f"พ.ศ. {year} looks like a CE year (ค.ศ. {year} = พ.ศ. {year + BE_OFFSET})")
        return year
    raise ValueError(f"ปี {thai_digits(year)} อยู่นอกช่วงที่ใช้ได้ (พ.ศ. ตั้งแต่ ๒๔๐๐) / year {year} out of range (BE from 2400, CE 1800-2399)")


def _checked_date(ce: int, month: int, day: int) -> date:
    """``date(ce, month, day)``, or a ValueError that names the impossible date."""
    if not 1 <= month <= 12:
        raise ValueError(f"ไม่มีเดือนที่ {thai_digits(month)} / no such month: {month}")
    try:
        return date(ce, month, day)
    except ValueError:
        days = calendar.monthrange(ce, month)[1]
        name, be = MONTHS_FULL[month - 1], ce + BE_OFFSET
        th = f"{name} {thai_digits(be)} มี {thai_digits(days)} วัน"
        en = f"{name} {be} has {days} days"
        if month == 2 and day == 29:
            th, en = f"ปี {thai_digits(be)} ไม่ใช่ปีอธิกสุรทิน {th}", f"{be} is not a leap year: {en}"
        described = _describe(ce, month, day)
        raise ValueError(f"ไม่มีวันที่ {thai_digits(described)} ({th}) / no such date: {described} ({en})") from None


def _describe(ce: int, month: int, day: int) -> str:
    """A day for messages, e.g. ``29 กุมภาพันธ์ 2566`` (Arabic digits, BE year)."""
    return f"{day} {MONTHS_FULL[month - 1]} {ce + BE_OFFSET}"


# ---------------------------------------------------------------------------------------
# Periods: a date, a range of days or a range of months, as written in plans


@dataclass(frozen=True)
class Period:
    """A span of days written in a plan: ``๑๘-๑๙ มกราคม ๒๕๖๕`` (``precision="day"``) or
    ``มกราคม - มีนาคม ๒๕๖๕`` (``precision="month"``: from the 1st of the first month to the
    last day of the last). ``start`` and ``end`` are CE dates, both inclusive."""

    start: date
    end: date
    precision: Literal["day", "month"] = "day"

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("ช่วงเวลาสิ้นสุดก่อนเริ่ม / the period ends before it starts")

    def __str__(self) -> str:
        return format_period(self)


def format_period(p: Period, digits: Digits = "thai") -> str:
    """Write a period the short way Thai plans do: the year once when both ends share it.

    ``๑๘-๑๙ มกราคม ๒๕๖๕``, ``๒๘ กุมภาพันธ์ - ๒ มีนาคม ๒๕๖๕``, ``มกราคม - มีนาคม ๒๕๖๕``,
    ``ตุลาคม ๒๕๖๔ - มีนาคม ๒๕๖๕``; a single day or month is written alone.
    """
    s, e = p.start, p.end
    if p.precision == "month":
        first, last = f"{MONTHS_FULL[s.month - 1]}", f"{MONTHS_FULL[e.month - 1]}"
        if (s.year, s.month) == (e.year, e.month):
            text = f"{first} {e.year + BE_OFFSET}"
        elif s.year == e.year:
            text = f"{first} - {last} {e.year + BE_OFFSET}"
        else:
            text = f"{first} {s.year + BE_OFFSET} - {last} {e.year + BE_OFFSET}"
        return _with_digits(text, digits)
    if s == e:
        return format_date(s, digits=digits)
    if (s.year, s.month) == (e.year, e.month):
        return _with_digits(f"{s.day}-{e.day} {MONTHS_FULL[e.month - 1]} {e.year + BE_OFFSET}", digits)
    if s.year == e.year:
        return _with_digits(f"{s.day} {MONTHS_FULL[s.month - 1]} - ", digits) + format_date(e, digits=digits)
    return f"{format_date(s, digits=digits)} - {format_date(e, digits=digits)}"


_RANGE_SPLIT = re.compile(rf"{_SPACE}(?:[-–—]|ถึง){_SPACE}")
_MONTH_YEAR_RE = re.compile(
    rf"(?:เดือน{_SPACE})?(?P<month>{_MONTH_PATTERN})(?:{_SPACE}(?:พ\.?{_SPACE}ศ\.?{_SPACE})?(?P<year>{_DIGIT}{{4}}|{_DIGIT}{{2}}))?"
)
_DAY_MONTH_RE = re.compile(rf"(?:วันที่{_SPACE})?(?P<day>{_DIGIT}{{1,2}})(?:{_SPACE}(?P<month>{_MONTH_PATTERN}))?")


def parse_period(text: str) -> Period:
    """Read a period: everything :func:`format_period` writes, with Thai or Arabic digits, and
    ``-``, ``–`` or ``ถึง`` between the ends. An end without a year takes the other end's
    (a month range like ``พฤศจิกายน - มกราคม ๒๕๖๘`` crosses into that year). ValueError otherwise."""
    cleaned = _clean(text)
    parts = _RANGE_SPLIT.split(cleaned)
    if len(parts) == 1:
        parts = [cleaned, cleaned]
    if len(parts) != 2 or not all(parts):
        raise ValueError(f"อ่านช่วงเวลาไม่ได้ / not a date, date range or month range: {text!r}")
    left, right = parts
    try:
        end = parse_date(right)
        precision = "day"
    except ValueError:
        m = _MONTH_YEAR_RE.fullmatch(right)
        if not (m and m["year"]):
            raise ValueError(f"อ่านช่วงเวลาไม่ได้ / not a date, date range or month range: {text!r}") from None
        month = _MONTH_NUMBER[m["month"].replace(".", "")]
        ce = _ce_from_written_year(m["year"], None)
        end = date(ce, month, calendar.monthrange(ce, month)[1])
        precision = "month"
    start = _period_start(left, end, precision, text)
    if start > end:
        raise ValueError(f"ช่วงเวลาสิ้นสุดก่อนเริ่ม / period ends before it starts: {text!r}")
    return Period(start, end, precision)  # type: ignore[arg-type]


def _period_start(left: str, end: date, precision: str, text: str) -> date:
    if precision == "month":
        m = _MONTH_YEAR_RE.fullmatch(left)
        if not m:
            raise ValueError(f"อ่านช่วงเวลาไม่ได้ / not a month range: {text!r}")
        month = _MONTH_NUMBER[m["month"].replace(".", "")]
        if m["year"]:
            ce = _ce_from_written_year(m["year"], None)
        else:
            ce = end.year if month <= end.month else end.year - 1
        return date(ce, month, 1)
    try:
        return parse_date(left)
    except ValueError:
        m = _DAY_MONTH_RE.fullmatch(left)
        if not m:
            raise
    month = _MONTH_NUMBER[m["month"].replace(".", "")] if m["month"] else end.month
    ce = end.year if month <= end.month else end.year - 1
    return _checked_date(ce, month, _to_int(m["day"]))


_YEAR_PART = rf"(?:(?:พ\.?{_SPACE}ศ\.?){_SPACE})?(?:{_DIGIT}{{4}}|{_DIGIT}{{2}})(?!{_DIGIT})"
_DAY_PART = rf"(?<![0-9๐-๙]){_DIGIT}{{1,2}}"
_MONTH_PART = rf"(?:{_MONTH_PATTERN})"
_DASH_PART = rf"{_SPACE}(?:[-–—]|ถึง){_SPACE}"
_DAY_END = rf"{_DAY_PART}{_SPACE}{_MONTH_PART}{_SPACE}{_YEAR_PART}"
_MONTH_END = rf"(?:เดือน{_SPACE})?{_MONTH_PART}{_SPACE}{_YEAR_PART}"
PERIOD_RE = re.compile(
    rf"(?:วันที่{_SPACE})?{_DAY_PART}(?:{_SPACE}{_MONTH_PART}(?:{_SPACE}{_YEAR_PART})?)?{_DASH_PART}{_DAY_END}"
    rf"|(?:เดือน{_SPACE})?{_MONTH_PART}(?:{_SPACE}{_YEAR_PART})?{_DASH_PART}{_MONTH_END}"
    rf"|(?:วันที่{_SPACE})?{_DAY_END}"
    rf"|{_MONTH_END}"
)
"""A date, a range of days or a range of months in running NFC text, as plans write them:
``ระหว่างวันที่ ๑๘-๑๙ มกราคม ๒๕๖๕``, ``ระหว่างเดือน มกราคม – มีนาคม ๒๕๖๔``, ``ภายในเดือนมีนาคม ๒๕๖๕``."""


def find_periods(text: str) -> list[tuple[int, int, Period]]:
    """Find dates, day ranges and month ranges in running NFC text: ``(start, end, Period)``.

    A single date gives a one-day period, a month with its year a one-month period. Matches
    that are no real period (31 กุมภาพันธ์, an end before its start) are skipped. The span
    starts at the first digit or month name (a leading ``วันที่``/``เดือน`` is not part of it).
    """
    found: list[tuple[int, int, Period]] = []
    if not MAY_HOLD_MONTH.search(text):
        return found  # every period names a month
    for m in PERIOD_RE.finditer(text):
        raw = m.group()
        try:
            period = parse_period(raw)
        except ValueError:
            continue
        lead = re.match(rf"(?:วันที่|เดือน){_SPACE}", raw)
        found.append((m.start() + (lead.end() if lead else 0), m.end(), period))
    return found


_FISCAL_YEAR_RE = re.compile(
    rf"(?:ประจำ{_SPACE})?ปีงบประมาณ{_SPACE}(?:พ\.?{_SPACE}ศ\.?{_SPACE})?"
    rf"(?P<first>{_DIGIT}{{4}}|{_DIGIT}{{2}})(?!{_DIGIT})"
    rf"(?:{_SPACE}(?:[-–—]|ถึง){_SPACE}(?:พ\.?{_SPACE}ศ\.?{_SPACE})?(?P<last>{_DIGIT}{{4}}|{_DIGIT}{{2}})(?!{_DIGIT}))?"
)


def find_fiscal_years(text: str) -> list[tuple[int, int, int, int]]:
    """Fiscal years a text names: ``ปีงบประมาณ พ.ศ. ๒๕๖๘`` (also ``ประจำปีงบประมาณ ๒๕๖๘``, ``ปีงบประมาณ 68``,
    ``ปีงบประมาณ ๒๕๖๘ - ๒๕๗๐``) as ``(start, end, first, last)`` BE fiscal years (equal for one year).
    Years that cannot be BE years (``ปีงบประมาณ 2025``) are skipped."""
    found = []
    for m in _FISCAL_YEAR_RE.finditer(text):
        try:
            years = [_be_fiscal(m[name]) for name in ("first", "last") if m[name]]
        except ValueError:
            continue
        first, last = years[0], years[-1]
        if last >= first:
            found.append((m.start(), m.end(), first, last))
    return found


def _be_fiscal(year_text: str) -> int:
    """A written fiscal-year number as a BE year: 2 digits are 25xx; 4 digits must be BE."""
    _check_one_digit_system(year_text)
    year = int(year_text)
    if len(year_text) == 2:
        return 2500 + year
    if year < _MIN_BE_YEAR:
        raise ValueError(f"fiscal year {year} is not a BE year")
    return year


_MEETING_NUMBER_RE = re.compile(
    rf"ครั้งที่{_SPACE}(?P<number>{_DIGIT}{{1,3}}){_SPACE}/{_SPACE}(?:พ\.?{_SPACE}ศ\.?{_SPACE})?"
    rf"(?P<year>{_DIGIT}{{4}}|{_DIGIT}{{2}})(?!{_DIGIT})"
)


def find_meeting_numbers(text: str) -> list[tuple[int, int, int, int]]:
    """Meeting numbers ``ครั้งที่ n/ปี`` in running text: ``(start, end, n, BE year)``; a 2-digit
    year is 25xx. A number mixing Thai and Arabic digits, or a CE-looking year, is skipped."""
    found = []
    for m in _MEETING_NUMBER_RE.finditer(text):
        try:
            number, year = _to_int(m["number"]), _be_fiscal(m["year"])
        except ValueError:
            continue
        found.append((m.start(), m.end(), number, year))
    return found


# ---------------------------------------------------------------------------------------
# Times


def format_time(t: time, digits: Digits = "thai") -> str:
    """Write a time the ORST way, two-digit hour and a dot: ``time(9, 0)`` -> ``๐๙.๐๐ น.``.

    Seconds are not written.
    """
    return _with_digits(f"{t.hour:02d}.{t.minute:02d} น.", digits)


_TIME_RE = re.compile(rf"(?P<hour>{_DIGIT}{{1,2}}){_SPACE}[.:]{_SPACE}(?P<minute>{_DIGIT}{{2}})(?:{_SPACE}น\.?)?")


def parse_time(text: str) -> time:
    """Read ``๐๙.๐๐ น.``, ``9.00 น.``, ``09:00``, ``๙.๓๐``: dot or colon, ``น.`` optional.

    Hours are 0-23 (``24.00`` is refused: write ``00.00`` of the next day); minutes 00-59.
    """
    m = _TIME_RE.fullmatch(_clean(text))
    if not m:
        raise ValueError(f"อ่านเวลา '{text}' ไม่ได้ ให้เขียนเช่น ๐๙.๓๐ น. / not a time: '{text}'; write e.g. ๐๙.๓๐ น.")
    hour, minute = _to_int(m["hour"]), _to_int(m["minute"])
    if hour > 23 or minute > 59:
        raise ValueError(f"ไม่มีเวลา '{text}' (ชั่วโมง ๐๐-๒๓ นาที ๐๐-๕๙) / no such time: '{text}' (hour 0-23, minute 00-59)")
    return time(hour, minute)


_TIME_IN_TEXT_RE = re.compile(rf"(?<![0-9๐-๙.,]){_TIME_RE.pattern}(?![0-9๐-๙])")


def find_times(text: str) -> list[tuple[int, int, time]]:
    """Times in running text (``๐๙.๓๐ น.``, ``9.00 น.``, ``13:30``): ``(start, end, time)``.
    Matches that are no real time (``25.00``) are skipped."""
    found = []
    for m in _TIME_IN_TEXT_RE.finditer(text):
        try:
            found.append((m.start(), m.end(), parse_time(m.group())))
        except ValueError:
            continue
    return found


# ---------------------------------------------------------------------------------------
# Fiscal year


def fiscal_year(d: date) -> int:
    """BE fiscal year of a date: 1 Oct to 30 Sep, named by the BE year it ends in.

    6 Dec 2024 -> 2568; 30 Sep 2025 -> 2568; 1 Oct 2025 -> 2569.
    """
    return d.year + BE_OFFSET + (1 if d.month >= 10 else 0)


def fiscal_year_bounds(fy: int) -> tuple[date, date]:
    """First and last day of BE fiscal year ``fy``: 2568 -> (2024-10-01, 2025-09-30)."""
    if isinstance(fy, bool) or not isinstance(fy, int):
        raise TypeError(f"fiscal year must be an int (BE), not {type(fy).__name__}")
    if fy < _MIN_BE_YEAR:
        raise ValueError(f"fiscal year {fy} is not a BE year (expected 2400 or more)")
    end = ce_year(fy)
    return date(end - 1, 10, 1), date(end, 9, 30)


# ---------------------------------------------------------------------------------------
# Baht text

_DIGIT_WORDS = ("", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า")
_PLACE_WORDS = ("", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน")


def baht_text(amount: int | Decimal | str) -> str:
    """Amount in words, as in ``2,031,100 บาท (สองล้านสามหมื่นหนึ่งพันหนึ่งร้อยบาทถ้วน)``.

    ``หนึ่งร้อยบาทถ้วน``, ``หนึ่งบาทหนึ่งสตางค์``, ``ห้าสิบสตางค์``, ``ศูนย์บาทถ้วน``;
    negatives take ``ลบ``. เอ็ด is said for a ones digit 1 that follows a non-zero digit of
    the same 6-digit group: ยี่สิบเอ็ด, หนึ่งร้อยเอ็ด, but หนึ่งล้านหนึ่ง and
    51,000,001 -> ห้าสิบเอ็ดล้านหนึ่งบาทถ้วน (saraban.md §6.4).

    Rounding: to whole satang, ROUND_HALF_UP (halves away from zero), computed exactly:
    0.505 -> ห้าสิบเอ็ดสตางค์, 1.005 -> หนึ่งบาทหนึ่งสตางค์. A ``str`` may use Thai digits
    and thousands commas. ``float`` and ``bool`` raise ``TypeError``.
    """
    amount = _exact(amount)
    numerator, denominator = abs(amount).as_integer_ratio()
    satang_total = (200 * numerator + denominator) // (2 * denominator)  # ROUND_HALF_UP
    baht, satang = divmod(satang_total, 100)
    if baht and satang:
        words = f"{_integer_words(baht)}บาท{_group_words(satang)}สตางค์"
    elif satang:
        words = f"{_group_words(satang)}สตางค์"
    else:
        words = f"{_integer_words(baht) if baht else 'ศูนย์'}บาทถ้วน"
    return ("ลบ" if amount < 0 and satang_total else "") + words


def _integer_words(n: int) -> str:
    """Thai words for ``n > 0``, in groups of six digits joined by ล้าน."""
    millions, rest = divmod(n, 1_000_000)
    return (f"{_integer_words(millions)}ล้าน" if millions else "") + _group_words(rest)


def _group_words(group: int) -> str:
    """Thai words for ``0 <= group < 1,000,000`` (empty for 0)."""
    words = []
    for place, digit in zip(range(5, -1, -1), map(int, f"{group:06d}")):
        if digit == 0:
            continue
        if place == 1 and digit == 1:
            words.append("สิบ")
        elif place == 1 and digit == 2:
            words.append("ยี่สิบ")
        elif place == 0 and digit == 1 and group > 1:
            words.append("เอ็ด")
        else:
            words.append(_DIGIT_WORDS[digit] + _PLACE_WORDS[place])
    return "".join(words)


# ---------------------------------------------------------------------------------------
# Text read back from PDFs

_VOWELS_ABOVE = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47"  # ั ิ ี ึ ื ็
_TONES = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c"  # ่ ้ ๊ ๋ ์
_TONE_BEFORE_VOWEL = re.compile(f"([{_TONES}])([{_VOWELS_ABOVE}\u0e38\u0e39])")


def repair_extracted_text(text: str) -> str:
    """Undo what PDF text extraction does to Thai where the result is unambiguous.

    - ``ำ`` split into NIKHAHIT + SARA AA (``\u0e4d\u0e32``) is joined back;
    - ``ำา`` (SARA AM read from one glyph and its SARA AA again from the next) becomes ``ำ``;
    - a tone mark read before the vowel above or below the same letter (``ซ่ึง``) is put
      after it (``ซึ่ง``), the order Thai is typed in.

    A mark that an extractor moved past the next letter cannot be put back safely and is left.
    """
    text = unicodedata.normalize("NFC", text).replace("\u0e4d\u0e32", "\u0e33").replace("\u0e33\u0e32", "\u0e33")
    return _TONE_BEFORE_VOWEL.sub(r"\2\1", text)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a fixed-width terminal: Thai vowel and tone marks above and
    below a letter (combining characters) take none, East Asian wide characters two.
    Used to align tables of Thai names (เชียงม่วน and แม่ใจ are 9 and 5 letters but 7 and 4 columns)."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def pad(text: str, width: int, align: Literal["left", "right"] = "left") -> str:
    """``text`` padded with spaces to ``width`` display columns (see :func:`display_width`)."""
    fill = " " * max(0, width - display_width(text))
    return text + fill if align == "left" else fill + text
