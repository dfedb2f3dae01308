"""Reading a table cell as a number: Thai or Arabic digits, thousands commas, an optional unit
word after the number (``๑๔ ราย``, ``1,200 บาท``), a percent sign (``๒๕.๕%``), a footnote mark
after it (``๓๖๙*``, as kbo-docs marks a figure that disagrees), and a dash for zero."""

from __future__ import annotations

import re
from decimal import Decimal

from ... import thai

_DASHES = {"-", "–", "—", "−"}
_WITH_UNIT = re.compile(r"^(-?[0-9๐-๙][0-9๐-๙,]*(?:\.[0-9๐-๙]+)?)\s*([ก-๛A-Za-z.]{1,12}|%)?$")


def cell_number(text: str) -> int | Decimal | None:
    """The number a cell holds, or None (text, empty, a date, mixed digits)."""
    cleaned = " ".join(text.replace("\u200b", "").split()).rstrip("*").rstrip()  # a footnote mark: ๓๖๙*
    if not cleaned:
        return None
    if cleaned in _DASHES:
        return 0
    m = _WITH_UNIT.match(cleaned)
    if not m or m.group(2) in ("น.", "น"):  # ๐๙.๓๐ น. is a time
        return None
    try:
        return thai.parse_number(m.group(1))
    except ValueError:
        return None
