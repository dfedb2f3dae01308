"""The Jinja filters every backend uses: the only way numbers and dates reach a document.

DOCX templates (docxtpl), HTML templates (WeasyPrint) and the XLSX writer all format through
:func:`make_filters`, which binds :mod:`kbo_docs.thai` to the document's digit mode, so the
three formats cannot disagree on a date or a number.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from collections.abc import Callable
from typing import Any

from .. import thai
from ..refs import Year, keep_together


def make_filters(digits: thai.Digits = "thai") -> dict[str, Callable[..., str]]:
    """Filters for one document: ``{{ c.date | thai_date }}``, ``{{ n | number }}``, ..."""

    def number(value: Any) -> str:
        if isinstance(value, Year):
            return digit(value)
        return thai.format_number(value, digits=digits)

    def digit(value: Any) -> str:
        text = str(value)
        return thai.thai_digits(text) if digits == "thai" else thai.arabic_digits(text)

    def date(value: dt.date, style: thai.DateStyle = "full") -> str:
        return keep_together(thai.format_date(value, style=style, digits=digits))

    def time(value: dt.time) -> str:
        return keep_together(thai.format_time(value, digits=digits))

    def period(value: thai.Period) -> str:
        return keep_together(thai.format_period(value, digits=digits))

    def amount(value: Any, places: int = 0) -> str:
        """A register figure with its column's decimal places, rounded half up: ``๑,๒๓๔.๕๐``."""
        if places == 0 and isinstance(value, int):
            return thai.format_number(value, digits=digits)
        exact = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        return thai.format_number(exact if places else int(exact), digits=digits)

    def baht(value: Any) -> str:
        return thai.baht_text(value)

    return {
        "number": number,
        "digits": digit,
        "thai_date": date,
        "thai_time": time,
        "period": period,
        "baht_text": baht,
        "amount": amount,
    }
