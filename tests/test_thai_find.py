"""kbo_docs.thai finders for running text (what lint reads in typed documents): periods, fiscal
years, meeting numbers, times, and the repair of Thai read back from PDFs."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kbo_docs import thai
from kbo_docs.thai import Period


@pytest.mark.parametrize(
    ("text", "span", "start", "end", "precision"),
    [
        ("ดำเนินการระหว่างเดือน มกราคม – มีนาคม 2564", "มกราคม – มีนาคม 2564", dt.date(2021, 1, 1), dt.date(2021, 3, 31), "month"),
        ("จำนวน 2 วันระหว่างวันที่ 18-19 มกราคม 2565 ณ", "18-19 มกราคม 2565", dt.date(2022, 1, 18), dt.date(2022, 1, 19), "day"),
        ("ระหว่างวันที่ ๒๘ กุมภาพันธ์ - ๑ มีนาคม ๒๕๖๗", "๒๘ กุมภาพันธ์ - ๑ มีนาคม ๒๕๖๗", dt.date(2024, 2, 28), dt.date(2024, 3, 1), "day"),
        ("ไตรมาส ตุลาคม ๒๕๖๔ - มีนาคม ๒๕๖๕", "ตุลาคม ๒๕๖๔ - มีนาคม ๒๕๖๕", dt.date(2021, 10, 1), dt.date(2022, 3, 31), "month"),
        ("ภายในเดือนกรกฎาคม 2567", "กรกฎาคม 2567", dt.date(2024, 7, 1), dt.date(2024, 7, 31), "month"),
        ("ภายในวันที่ ๒๐ ธ.ค. ๖๗", "๒๐ ธ.ค. ๖๗", dt.date(2024, 12, 20), dt.date(2024, 12, 20), "day"),
    ],
)
def test_find_periods(text, span, start, end, precision):
    ((s, e, period),) = thai.find_periods(text)
    assert text[s:e] == span
    assert (period.start, period.end, period.precision) == (start, end, precision)


@pytest.mark.parametrize("text", ["ปี 2557-2564", "ระดับ ๑ - ๓ ดาว ปี ๒๕๖๗", "๓๑ กุมภาพันธ์ ๒๕๖๗", "เวลา 9.00 น."])
def test_find_periods_skips_what_is_no_period(text):
    assert thai.find_periods(text) == []


@given(st.dates(dt.date(1950, 1, 1), dt.date(2150, 12, 31)), st.integers(0, 400), st.sampled_from(["day", "month"]),
       st.sampled_from(["thai", "arabic"]))
def test_find_periods_reads_back_every_period_format_period_writes(first, days, precision, digits):
    last = first + dt.timedelta(days=days)
    if precision == "month":
        first = first.replace(day=1)
        last = (last.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    period = Period(first, last, precision)
    text = f"กำหนดดำเนินการระหว่าง {thai.format_period(period, digits)} ตามแผน"
    found = thai.find_periods(text)
    assert [p for _s, _e, p in found] == [period]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("เรื่อง ... ประจำปีงบประมาณ พ.ศ. ๒๕๖๘", [(2568, 2568, True)]),
        ("ปีงบประมาณ 68 และปีงบประมาณ ๒๕๖๘ - ๒๕๗๐", [(2568, 2568, False), (2568, 2570, False)]),
        ("ปีงบประมาณ 2025", []),
    ],
)
def test_find_fiscal_years(text, found):
    assert [(first, last, text[s:].startswith("ประจำ")) for s, _e, first, last in thai.find_fiscal_years(text)] == found


def test_find_meeting_numbers():
    text = "ครั้งที่ 1/2565 และครั้งที่ ๒ / ๒๕๖๕ ครั้งที่ 3/65 ครั้งที่ 1/2024"
    assert [(n, y) for _s, _e, n, y in thai.find_meeting_numbers(text)] == [(1, 2565), (2, 2565), (3, 2565)]


def test_find_times():
    text = "เวลา 9.00 น.นายวรญาณ เริ่มประชุมเวลา ๐๙.๓๐ น. จำนวน 1,234.56 บาท เลิก 13:30 และ 25.00"
    assert [t for _s, _e, t in thai.find_times(text)] == [dt.time(9, 0), dt.time(9, 30), dt.time(13, 30)]


@pytest.mark.parametrize(
    ("extracted", "repaired"),
    [("ผู้อำานวยการ", "ผู้อำนวยการ"), ("ท\u0e4d\u0e32", "ทำ"), ("ซ่ึง", "ซึ่ง"), ("ข้ันตอน", "ขั้นตอน"), ("ปกติ", "ปกติ")],
)
def test_repair_extracted_text(extracted, repaired):
    assert thai.repair_extracted_text(extracted) == repaired


def test_every_date_and_period_holds_a_thai_consonant():
    """find_dates, find_periods and LNT002 pass text without a Thai consonant at once
    (thai.MAY_HOLD_MONTH): every month name and abbreviation must have one."""
    import re

    from kbo_docs import thai

    names = [*thai.MONTHS_FULL, *thai.MONTHS_ABBR, *(a.replace(".", "") for a in thai.MONTHS_ABBR)]
    assert all(thai.MAY_HOLD_MONTH.search(name) for name in names)
    alternatives = re.sub(r"\\\.\??", "", thai._MONTH_PATTERN).split("|")  # the pattern's month names
    assert len(alternatives) == 24 and all(thai.MAY_HOLD_MONTH.search(a) for a in alternatives)
    assert thai.find_dates("๖ ธ.ค. ๖๗") and thai.find_periods("๑๘ - ๑๙ มกราคม ๒๕๖๕")
    assert thai.find_dates("6 12 2567 1,234") == [] and thai.find_periods("18 - 19 01 2565") == []
