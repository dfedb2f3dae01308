"""Tests for kbo_docs.thai: Thai digits, numbers, dates, times, fiscal years, baht text."""

from __future__ import annotations

import calendar
import os
import subprocess
import sys
from datetime import date, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pythainlp.util import num_to_thaiword, thai_strftime

from kbo_docs.thai import (
    DATE_RE,
    MONTHS_ABBR,
    MONTHS_FULL,
    THAI_DIGITS,
    WEEKDAYS,
    arabic_digits,
    baht_text,
    be_year,
    ce_year,
    find_dates,
    find_numbers,
    fiscal_year,
    fiscal_year_bounds,
    format_date,
    format_number,
    format_time,
    parse_date,
    parse_number,
    parse_time,
    thai_digits,
)

DIGIT_MODES = ("thai", "arabic")


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(n) for n in range((last - first).days + 1)]


# --- tables and import --------------------------------------------------------------------


def test_tables() -> None:
    assert THAI_DIGITS == tuple(chr(0x0E50 + i) for i in range(10))
    assert len(MONTHS_FULL) == len(MONTHS_ABBR) == 12
    assert (MONTHS_FULL[0], MONTHS_FULL[1], MONTHS_FULL[11]) == ("มกราคม", "กุมภาพันธ์", "ธันวาคม")
    assert (MONTHS_ABBR[0], MONTHS_ABBR[11]) == ("ม.ค.", "ธ.ค.")
    assert WEEKDAYS[date(2022, 1, 11).weekday()] == "วันอังคาร"


def test_import_does_not_write_pythainlp_data(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHAINLP")}
    env["HOME"] = str(tmp_path)
    subprocess.run([sys.executable, "-c", "import kbo_docs.thai"], env=env, check=True)
    assert not (tmp_path / "pythainlp-data").exists()


# --- digits -------------------------------------------------------------------------------


def test_digit_conversion_examples() -> None:
    assert thai_digits("ที่ มท 0403.2/ว 2044") == "ที่ มท ๐๔๐๓.๒/ว ๒๐๔๔"
    assert arabic_digits("๖ ธันวาคม ๒๕๖๗") == "6 ธันวาคม 2567"
    assert thai_digits(1696) == "๑๖๙๖"
    assert arabic_digits(-42) == "-42"
    assert thai_digits("๑2") == "๑๒"
    assert arabic_digits("abc") == "abc"


@pytest.mark.parametrize("bad", [True, 1.5, None, b"12"])
def test_digit_conversion_rejects_non_text(bad) -> None:
    with pytest.raises(TypeError):
        thai_digits(bad)
    with pytest.raises(TypeError):
        arabic_digits(bad)


@given(st.integers(0, 10**15))
def test_digit_round_trip(n: int) -> None:
    thai = thai_digits(n)
    assert all(c in THAI_DIGITS for c in thai)
    assert arabic_digits(thai) == str(n)
    assert thai_digits(arabic_digits(thai)) == thai


@given(st.text())
def test_digit_conversion_touches_only_digits(text: str) -> None:
    assert arabic_digits(thai_digits(text)) == arabic_digits(text)
    digits = set(THAI_DIGITS) | set("0123456789")
    for before, after in zip(text, thai_digits(text), strict=True):
        assert after in THAI_DIGITS if before in digits else after == before


# --- numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (1696, "thai", "๑,๖๙๖"),
        (1696, "arabic", "1,696"),
        (0, "thai", "๐"),
        (999, "arabic", "999"),
        (-2031100, "arabic", "-2,031,100"),
        (Decimal("1234.50"), "thai", "๑,๒๓๔.๕๐"),
        (Decimal("-0.05"), "arabic", "-0.05"),
        (Decimal("1E+3"), "arabic", "1,000"),
        (Decimal("12345678901234567890.123456789"), "arabic", "12,345,678,901,234,567,890.123456789"),
        ("๑๖๙๖", "arabic", "1,696"),
        ("2,031,100", "thai", "๒,๐๓๑,๑๐๐"),
    ],
)
def test_format_number(value, digits, expected) -> None:
    assert format_number(value, digits=digits) == expected


def test_format_number_rejects_float_and_bool() -> None:
    with pytest.raises(TypeError, match="Decimal"):
        format_number(1.5)
    with pytest.raises(TypeError):
        format_number(True)
    with pytest.raises(ValueError):
        format_number(Decimal("NaN"))
    with pytest.raises(ValueError, match="digits"):
        format_number(1, digits="roman")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("๑,๖๙๖", 1696),
        ("1,696", 1696),
        ("๑๒.๕", Decimal("12.5")),
        (" 42 ", 42),
        ("\u00a0-1,000.25\u200b", Decimal("-1000.25")),
        ("0", 0),
        ("๑,๐๐๐,๐๐๐", 1_000_000),
        ("1234567", 1234567),
    ],
)
def test_parse_number(text: str, expected) -> None:
    result = parse_number(text)
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("25๖๒", "mixed"),
        ("๑,000", "mixed"),
        ("12a", "not a number"),
        ("1,,000", "not a number"),
        (",100", "not a number"),
        ("1,000,", "not a number"),
        ("12,34", "not a number"),
        ("1,0000", "not a number"),
        ("1.000.5", "not a number"),
        ("--1", "not a number"),
        ("1.", "not a number"),
    ],
)
def test_parse_number_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_number(text)


@given(st.integers(-(10**15), 10**15), st.sampled_from(DIGIT_MODES))
def test_number_round_trip_int(n: int, digits: str) -> None:
    text = format_number(n, digits=digits)
    assert parse_number(text) == n
    assert format_number(text, digits=digits) == text


@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-(10**12), max_value=10**12),
    st.sampled_from(DIGIT_MODES),
)
def test_number_round_trip_decimal(d: Decimal, digits: str) -> None:
    result = parse_number(format_number(d, digits=digits))
    assert isinstance(result, Decimal)
    assert str(result) == str(d)  # exact, trailing zeros kept


def test_find_numbers() -> None:
    text = "ที่ มท ๐๔๐๓.๒/ว ๒๐๔๔ จำนวน 2,031,100 บาท, 25๖๒."
    assert [raw for _, _, raw in find_numbers(text)] == ["๐๔๐๓.๒", "๒๐๔๔", "2,031,100", "25๖๒"]
    assert all(text[start:end] == raw for start, end, raw in find_numbers(text))


# --- dates: formatting --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "style", "digits", "expected"),
    [
        (date(2024, 12, 6), "full", "thai", "๖ ธันวาคม ๒๕๖๗"),
        (date(2024, 12, 6), "abbr", "thai", "๖ ธ.ค. ๖๗"),
        (date(2022, 1, 11), "weekday", "thai", "วันอังคารที่ ๑๑ มกราคม ๒๕๖๕"),
        (date(2024, 12, 6), "full", "arabic", "6 ธันวาคม 2567"),
        (date(2020, 1, 31), "abbr", "arabic", "31 ม.ค. 63"),
        (date(2024, 2, 29), "full", "thai", "๒๙ กุมภาพันธ์ ๒๕๖๗"),
        (date(2043, 3, 1), "abbr", "thai", "๑ มี.ค. ๘๖"),
        (date(2057, 5, 2), "abbr", "arabic", "2 พ.ค. 00"),
    ],
)
def test_format_date(d: date, style: str, digits: str, expected: str) -> None:
    assert format_date(d, style=style, digits=digits) == expected


def test_format_date_rejects_unknown_style_and_early_dates() -> None:
    with pytest.raises(ValueError, match="style"):
        format_date(date(2024, 1, 1), style="long")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="2400"):
        format_date(date(1856, 12, 31))
    assert format_date(date(1857, 1, 1), digits="arabic") == "1 มกราคม 2400"


@given(st.dates(date(1857, 1, 1), date(9456, 12, 31)), st.sampled_from(("full", "abbr", "weekday")))
def test_format_date_has_no_leading_zero_on_the_day(d: date, style: str) -> None:
    day = arabic_digits(format_date(d, style=style)).removeprefix(f"{WEEKDAYS[d.weekday()]}ที่ ").split()[0]
    assert day == str(d.day)


@given(st.dates(date(1857, 1, 1), date(9456, 12, 31)))
def test_format_date_agrees_with_pythainlp_strftime(d: date) -> None:
    assert format_date(d) == thai_strftime(d, "%-d %B %Y", thaidigit=True)
    assert format_date(d, "weekday") == thai_strftime(d, "%Aที่ %-d %B %Y", thaidigit=True)
    assert format_date(d, "abbr", "arabic") == thai_strftime(d, "%-d %b %y")


# --- dates: round trips -------------------------------------------------------------------


@pytest.mark.parametrize("digits", DIGIT_MODES)
@pytest.mark.parametrize("style", ["full", "weekday"])
def test_every_day_1900_to_2600_round_trips(style: str, digits: str) -> None:
    wrong = [d for d in days(date(1900, 1, 1), date(2600, 12, 31)) if parse_date(format_date(d, style, digits)) != d]
    assert wrong == []


@pytest.mark.parametrize("digits", DIGIT_MODES)
def test_every_day_of_be_2500s_round_trips_abbreviated(digits: str) -> None:
    first, last = date(ce_year(2500), 1, 1), date(ce_year(2599), 12, 31)
    wrong = [d for d in days(first, last) if parse_date(format_date(d, "abbr", digits)) != d]
    assert wrong == []


@given(
    st.dates(date(1857, 1, 1), date(9456, 12, 31)),
    st.sampled_from(("full", "weekday")),
    st.sampled_from(DIGIT_MODES),
)
def test_date_round_trip(d: date, style: str, digits: str) -> None:
    assert parse_date(format_date(d, style, digits)) == d


@given(st.dates(date(1857, 1, 1), date(9456, 12, 31)), st.sampled_from(DIGIT_MODES))
def test_iso_round_trip(d: date, digits: str) -> None:
    if d.year < 2400:  # a 4-digit year from 2400 up is read as BE
        assert parse_date(d.isoformat()) == d
    be_iso = f"{be_year(d)}-{d.month:02d}-{d.day:02d}"
    assert parse_date(thai_digits(be_iso) if digits == "thai" else be_iso) == d


# --- dates: parsing -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "๖ ธันวาคม ๒๕๖๗",
        "6 ธันวาคม 2567",
        "๖ ธ.ค. ๖๗",
        "๖ธ.ค.๖๗",
        "6 ธค 67",
        "6 ธ.ค 2567",
        "วันที่ ๖ ธันวาคม ๒๕๖๗",
        "วันที่๖ธันวาคม๒๕๖๗",
        "วันศุกร์ที่ ๖ ธันวาคม ๒๕๖๗",
        "วันศุกร์ ที่ 6 ธันวาคม 2567",
        "วันศุกร์ 6 ธ.ค. 67",
        "๖ ธันวาคม พ.ศ. ๒๕๖๗",
        "วันที่ 6 ธันวาคม พ.ศ.2567",
        "6 ธันวาคม ค.ศ. 2024",
        "6 ธันวาคม 2024",
        "  ๖\u00a0ธันวาคม\u00a0\u00a0๒๕๖๗\n",
        "๖ ธันวาคม\u200b ๒๕๖๗",
        "๐๖ ธันวาคม ๒๕๖๗",
        "2024-12-06",
        "2567-12-06",
        "๒๕๖๗-๑๒-๐๖",
        "6 ธันวาคม ๒๕๖๗",  # digit systems may differ between numbers, not inside one
    ],
)
def test_parse_date_variants(text: str) -> None:
    assert parse_date(text) == date(2024, 12, 6)


def test_parse_date_two_digit_and_leap_years() -> None:
    assert parse_date("29 ก.พ. ๖๗") == date(2024, 2, 29)
    assert parse_date("29 กุมภาพันธ์ 2543") == date(2000, 2, 29)
    assert parse_date("๑ ม.ค. ๐๐") == date(1957, 1, 1)
    assert parse_date("31 ธ.ค. 99") == date(2056, 12, 31)
    assert parse_date("1 มกราคม 1900") == date(1900, 1, 1)
    assert parse_date("1 มกราคม 2400") == date(1857, 1, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31 กุมภาพันธ์ ๒๕๖๗", "no such date: 31 กุมภาพันธ์ 2567"),
        ("29 ก.พ. ๖๖", r"no such date: 29 กุมภาพันธ์ 2566 \(2566 is not a leap year"),
        ("30 ก.พ. ๖๗", "no such date: 30 กุมภาพันธ์ 2567"),
        ("31 เมษายน 2567", "เมษายน 2567 has 30 days"),
        ("0 มกราคม 2567", "no such date"),
        ("29 กุมภาพันธ์ 2443", "2443 is not a leap year"),
        ("2567-13-01", "no such month: 13"),
        ("2024-00-10", "no such month: 0"),
        ("2024-02-30", "no such date"),
        ("6 ธันวา 2567", "unknown month name 'ธันวา'"),
        ("6 December 2567", "unknown month name"),
        ("วันพุธที่ ๑๑ มกราคม ๒๕๖๕", "wrong weekday: 11 มกราคม 2565 is วันอังคาร, not วันพุธ"),
        ("วันจันทร์ที่ 2 มกราคม 1850", "wrong weekday: 2 มกราคม 2393 is วันพุธ"),
        ("6 ธันวาคม 25๖๗", "mixed"),
        ("๑6 ธันวาคม 2567", "mixed"),
        ("6 ธันวาคม พ.ศ. 2024", "looks like a CE year"),
        ("6 ธันวาคม ค.ศ. 2567", "looks like a BE year"),
        ("6 ธันวาคม ค.ศ. 24", "2-digit year"),
        ("6 ธันวาคม 1500", "out of range"),
        ("6 ธันวาคม 567", "not a date"),
        ("6 ธันวาคม 25678", "not a date"),
        ("", "not a date"),
        ("hello", "not a date"),
    ],
)
def test_parse_date_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(text)


@given(st.text(alphabet=st.sampled_from("0123456789๐๑๒๓๔๕๖๗๘๙,.:- \u00a0วันที่ธ.ค.พศกุมภาพันธ์น") | st.characters()))
def test_parsers_fail_only_with_value_error(text: str) -> None:
    for parse in (parse_date, parse_time, parse_number):
        try:
            parse(text)
        except ValueError:
            pass
    assert all(text[start:end] for start, end, _ in find_dates(text))
    assert all(text[start:end] == raw for start, end, raw in find_numbers(text))


def test_find_dates_in_running_text() -> None:
    text = (
        "ตามหนังสือที่ มท ๐๔๐๓.๒/ว ๒๐๔๔ ลงวันที่ ๖ ตุลาคม ๒๕๖๐ และประชุมวันอังคารที่ 11 ม.ค. 65 "
        "ส่วน 31 กุมภาพันธ์ 2567 ไม่มีจริง รวม 2,031,100 บาท"
    )
    found = find_dates(text)
    assert [d for _, _, d in found] == [date(2017, 10, 6), date(2022, 1, 11)]
    assert [text[start:end] for start, end, _ in found] == ["วันที่ ๖ ตุลาคม ๒๕๖๐", "วันอังคารที่ 11 ม.ค. 65"]
    invalid = [m.group() for m in DATE_RE.finditer(text) if m.group() not in {text[s:e] for s, e, _ in found}]
    assert invalid == ["31 กุมภาพันธ์ 2567"]
    with pytest.raises(ValueError, match="no such date"):
        parse_date(invalid[0])


@given(
    st.dates(date(ce_year(2500), 1, 1), date(ce_year(2599), 12, 31)),
    st.sampled_from(("full", "abbr", "weekday")),
    st.sampled_from(DIGIT_MODES),
)
def test_find_dates_finds_each_formatted_date(d: date, style: str, digits: str) -> None:
    written = format_date(d, style, digits)
    text = f"ครั้งที่ ๑๒ ลง {written} เวลา ๐๙.๓๐ น. จำนวน 1,000 บาท"
    start = text.index(written)
    assert find_dates(text) == [(start, start + len(written), d)]


# --- times --------------------------------------------------------------------------------


def test_format_time() -> None:
    assert format_time(time(9, 0)) == "๐๙.๐๐ น."
    assert format_time(time(13, 30), digits="arabic") == "13.30 น."
    assert format_time(time(0, 5, 59)) == "๐๐.๐๕ น."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("๐๙.๐๐ น.", time(9, 0)),
        ("9.00 น.", time(9, 0)),
        ("09:00", time(9, 0)),
        ("๙.๓๐", time(9, 30)),
        ("๑๓:๓๐ น.", time(13, 30)),
        (" 23.59น ", time(23, 59)),
        ("0.00", time(0, 0)),
    ],
)
def test_parse_time(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("24.00 น.", "no such time"),
        ("9.60", "no such time"),
        ("9", "not a time"),
        ("9.5", "not a time"),
        ("๐9.๓๐", "mixed"),
        ("เก้าโมง", "not a time"),
        ("", "not a time"),
    ],
)
def test_parse_time_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_time(text)


@pytest.mark.parametrize("digits", DIGIT_MODES)
def test_every_minute_round_trips(digits: str) -> None:
    minutes = [time(h, m) for h in range(24) for m in range(60)]
    assert [parse_time(format_time(t, digits)) for t in minutes] == minutes


# --- years and fiscal years ---------------------------------------------------------------


def test_be_and_ce_years() -> None:
    assert be_year(2024) == 2567
    assert be_year(date(2024, 2, 29)) == 2567
    assert ce_year(2567) == 2024


@pytest.mark.parametrize(
    ("d", "fy"),
    [
        (date(2024, 12, 6), 2568),
        (date(2025, 9, 30), 2568),
        (date(2025, 10, 1), 2569),
        (date(2024, 9, 30), 2567),
        (date(2024, 10, 1), 2568),
        (date(2025, 1, 1), 2568),
    ],
)
def test_fiscal_year(d: date, fy: int) -> None:
    assert fiscal_year(d) == fy


def test_fiscal_year_bounds() -> None:
    assert fiscal_year_bounds(2568) == (date(2024, 10, 1), date(2025, 9, 30))
    assert fiscal_year_bounds(2565) == (date(2021, 10, 1), date(2022, 9, 30))
    with pytest.raises(ValueError, match="BE"):
        fiscal_year_bounds(2025)
    with pytest.raises(TypeError):
        fiscal_year_bounds("2568")  # type: ignore[arg-type]


@given(st.dates(date(1857, 1, 1), date(9456, 9, 30)))
def test_date_lies_in_its_fiscal_year(d: date) -> None:
    start, end = fiscal_year_bounds(fiscal_year(d))
    assert start <= d <= end
    assert fiscal_year_bounds(fiscal_year(d) + 1)[0] == end + timedelta(1)


# --- baht text ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "ศูนย์บาทถ้วน"),
        (1, "หนึ่งบาทถ้วน"),
        (10, "สิบบาทถ้วน"),
        (11, "สิบเอ็ดบาทถ้วน"),
        (20, "ยี่สิบบาทถ้วน"),
        (21, "ยี่สิบเอ็ดบาทถ้วน"),
        (100, "หนึ่งร้อยบาทถ้วน"),
        (101, "หนึ่งร้อยเอ็ดบาทถ้วน"),
        (111, "หนึ่งร้อยสิบเอ็ดบาทถ้วน"),
        (1001, "หนึ่งพันเอ็ดบาทถ้วน"),
        (40019, "สี่หมื่นสิบเก้าบาทถ้วน"),
        (1_000_001, "หนึ่งล้านหนึ่งบาทถ้วน"),
        (1_000_011, "หนึ่งล้านสิบเอ็ดบาทถ้วน"),
        (21_000_000, "ยี่สิบเอ็ดล้านบาทถ้วน"),
        (51_000_001, "ห้าสิบเอ็ดล้านหนึ่งบาทถ้วน"),
        (2_031_100, "สองล้านสามหมื่นหนึ่งพันหนึ่งร้อยบาทถ้วน"),
        (10**12, "หนึ่งล้านล้านบาทถ้วน"),
        (10**12 + 1, "หนึ่งล้านล้านหนึ่งบาทถ้วน"),
        (5_151_515_151, "ห้าพันหนึ่งร้อยห้าสิบเอ็ดล้านห้าแสนหนึ่งหมื่นห้าพันหนึ่งร้อยห้าสิบเอ็ดบาทถ้วน"),
        (Decimal("1.01"), "หนึ่งบาทหนึ่งสตางค์"),
        (Decimal("0.50"), "ห้าสิบสตางค์"),
        (Decimal("0.01"), "หนึ่งสตางค์"),
        (Decimal("11.11"), "สิบเอ็ดบาทสิบเอ็ดสตางค์"),
        (Decimal("3061.21"), "สามพันหกสิบเอ็ดบาทยี่สิบเอ็ดสตางค์"),
        (Decimal("100.00"), "หนึ่งร้อยบาทถ้วน"),
        (Decimal("0.505"), "ห้าสิบเอ็ดสตางค์"),
        (Decimal("1.005"), "หนึ่งบาทหนึ่งสตางค์"),
        (Decimal("0.995"), "หนึ่งบาทถ้วน"),
        (Decimal("0.004"), "ศูนย์บาทถ้วน"),
        (Decimal("-0.004"), "ศูนย์บาทถ้วน"),
        (Decimal("-0.505"), "ลบห้าสิบเอ็ดสตางค์"),
        (-21, "ลบยี่สิบเอ็ดบาทถ้วน"),
        (Decimal("-1.01"), "ลบหนึ่งบาทหนึ่งสตางค์"),
        ("๒,๐๓๑,๑๐๐", "สองล้านสามหมื่นหนึ่งพันหนึ่งร้อยบาทถ้วน"),
        ("1,000.50", "หนึ่งพันบาทห้าสิบสตางค์"),
        ("๐.๕๐๕", "ห้าสิบเอ็ดสตางค์"),
    ],
)
def test_baht_text(amount, expected: str) -> None:
    assert baht_text(amount) == expected


def test_baht_text_rejects_floats_and_junk() -> None:
    with pytest.raises(TypeError, match="Decimal"):
        baht_text(1.5)
    with pytest.raises(TypeError):
        baht_text(True)
    with pytest.raises(ValueError):
        baht_text(Decimal("Infinity"))
    with pytest.raises(ValueError, match="mixed"):
        baht_text("1,0๐๐")


@given(st.integers(-(10**30), 10**30) | st.decimals(allow_nan=False, allow_infinity=False, places=4))
def test_baht_text_shape(amount) -> None:
    words = baht_text(amount)
    assert "หนึ่งสิบ" not in words and "สองสิบ" not in words
    assert "ล้านเอ็ด" not in words and not words.removeprefix("ลบ").startswith("เอ็ด")
    assert words.endswith("บาทถ้วน") or words.endswith("สตางค์")
    assert not any(c in THAI_DIGITS or c.isdigit() for c in words)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-(10**9), max_value=10**9))
def test_baht_text_rounds_half_up_to_satang(amount: Decimal) -> None:
    assert baht_text(amount) == baht_text(amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@given(st.integers(1, 999_999))
def test_baht_text_agrees_with_pythainlp_below_a_million(n: int) -> None:
    # Within one 6-digit group pythainlp's num_to_thaiword uses the same เอ็ด rule.
    assert baht_text(n) == num_to_thaiword(n) + "บาทถ้วน"


@given(st.integers(0, 10**15), st.integers(0, 99))
def test_baht_text_splits_baht_and_satang(baht: int, satang: int) -> None:
    words = baht_text(Decimal(baht) + Decimal(satang) / 100)
    if baht and satang:
        assert words == baht_text(baht).removesuffix("ถ้วน") + baht_text(Decimal(satang) / 100)
    elif satang:
        assert words.endswith("สตางค์") and "บาท" not in words
    else:
        assert words == baht_text(baht) and words.endswith("บาทถ้วน")


# ---------------------------------------------------------------------------------------
# Periods (plans: a day, a range of days, a range of months)

from kbo_docs.thai import Period, format_period, parse_period  # noqa: E402


@pytest.mark.parametrize(
    ("text", "start", "end", "precision", "written"),
    [
        ("๑๘ - ๑๙ มกราคม ๒๕๖๕", date(2022, 1, 18), date(2022, 1, 19), "day", "๑๘-๑๙ มกราคม ๒๕๖๕"),
        ("18-19 มกราคม 2565", date(2022, 1, 18), date(2022, 1, 19), "day", "๑๘-๑๙ มกราคม ๒๕๖๕"),
        ("มกราคม – มีนาคม 2564", date(2021, 1, 1), date(2021, 3, 31), "month", "มกราคม - มีนาคม ๒๕๖๔"),
        ("เดือนมีนาคม ๒๕๖๕", date(2022, 3, 1), date(2022, 3, 31), "month", "มีนาคม ๒๕๖๕"),
        ("พฤศจิกายน - มกราคม ๒๕๖๘", date(2024, 11, 1), date(2025, 1, 31), "month", "พฤศจิกายน ๒๕๖๗ - มกราคม ๒๕๖๘"),
        ("๒๘ ก.พ. - ๒ มี.ค. ๖๕", date(2022, 2, 28), date(2022, 3, 2), "day", "๒๘ กุมภาพันธ์ - ๒ มีนาคม ๒๕๖๕"),
        ("๓๐ ธันวาคม ๒๕๖๗ ถึง ๒ มกราคม ๒๕๖๘", date(2024, 12, 30), date(2025, 1, 2), "day",
         "๓๐ ธันวาคม ๒๕๖๗ - ๒ มกราคม ๒๕๖๘"),
        ("๖ ธันวาคม ๒๕๖๗", date(2024, 12, 6), date(2024, 12, 6), "day", "๖ ธันวาคม ๒๕๖๗"),
        ("กุมภาพันธ์ ๒๕๖๗", date(2024, 2, 1), date(2024, 2, 29), "month", "กุมภาพันธ์ ๒๕๖๗"),
    ],
)
def test_parse_and_format_period(text, start, end, precision, written):
    period = parse_period(text)
    assert (period.start, period.end, period.precision) == (start, end, precision)
    assert format_period(period) == written
    assert parse_period(written) == period


@pytest.mark.parametrize("text", ["๓๐ - ๓๑ กุมภาพันธ์ ๒๕๖๕", "มีนาคม - มกราคม", "junk", "๑๙ - ๑๘ มกราคม ๒๕๖๕", ""])
def test_parse_period_rejects(text):
    with pytest.raises(ValueError):
        parse_period(text)


@given(st.dates(date(1900, 1, 1), date(2600, 12, 31)), st.integers(0, 400), st.sampled_from(["day", "month"]),
       st.sampled_from(["thai", "arabic"]))
def test_period_round_trip(first, length, precision, digits):
    last = first + timedelta(days=length)
    if precision == "month":
        first = first.replace(day=1)
        last = last.replace(day=calendar.monthrange(last.year, last.month)[1])
    period = Period(first, last, precision)
    assert parse_period(format_period(period, digits=digits)) == period
