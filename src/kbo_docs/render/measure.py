"""Text widths measured with the real font, and table column widths from them: one place
every backend (PDF, DOCX, XLSX) and any other table asks.

Widths come from the advance widths of the bundled Sarabun (fontTools; Thai marks above and
below advance nothing). The PDF sets Sarabun itself; the DOCX and XLSX name TH SarabunIT๙,
which cannot ship: its widths are Sarabun's scaled by :data:`TH_SARABUN_SCALE`, measured
against TLWG Laksaman (the free font with TH SarabunPSK's metrics, what LibreOffice prints
TH Sarabun with when the font is missing).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import repeat

from .paths import fonts_dir

TH_SARABUN_SCALE = 0.985
"""Sarabun size that sets text as wide as TH Sarabun at 1 pt (Laksaman 16 pt / Sarabun 16 pt
over Thai names and digits: 0.98-0.99). TH Sarabun only *looks* smaller (its x-height)."""
NBSP = "\u00a0"


@lru_cache(maxsize=4)
def _advances(bold: bool) -> tuple[dict[str, int], int, int]:
    """Each character's advance in font units (keyed by the character), units per em, and the
    advance of a character the font lacks (a digit's)."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(fonts_dir() / ("Sarabun-Bold.ttf" if bold else "Sarabun-Regular.ttf")), lazy=True)
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    advances = {chr(code): hmtx[name][0] for code, name in cmap.items()}
    return advances, font["head"].unitsPerEm, hmtx[cmap[ord("0")]][0]


def text_units(text: str, *, bold: bool = False) -> int:
    """Width of ``text`` on one line in Sarabun's font units (``text_width`` at 1 em)."""
    advances, _, fallback = _advances(bold)
    return sum(map(advances.get, text, repeat(fallback)))


def text_width(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Width in points of ``text`` on one line in Sarabun at ``size_pt``."""
    advances, upem, fallback = _advances(bold)
    return sum(map(advances.get, text, repeat(fallback))) * size_pt / upem


_SHORT = re.compile(r" ([^\s\u0e01-\u0e4e]{1,3})(?= |$)")


def keep_short_words(text: str) -> str:
    """A header never leaves a number or a letter alone on a line (``ปี ๖๘``,
    ``Quadrant D``): a word of up to three characters and no Thai letters is tied to the
    word before it with a no-break space."""
    return _SHORT.sub(lambda m: NBSP + m.group(1), text)


@dataclass(frozen=True)
class Column:
    """What a column must show: ``header`` may wrap between words; every ``cells`` text
    stays on one line (names, numbers)."""

    header: str
    cells: Sequence[str]

    @cached_property
    def cell_units(self) -> int:
        """The widest cell in Sarabun's font units (measured once: a 100,000-row register is
        measured at several sizes)."""
        advances, _, fallback = _advances(False)
        get, missing = advances.get, repeat(fallback)
        return max((sum(map(get, c, missing)) for c in self.cells), default=0)

    def cell_width(self, size_pt: float) -> float:
        """The widest cell in points at ``size_pt`` (``max(text_width(c, size_pt) for c in cells)``)."""
        return self.cell_units * size_pt / _advances(False)[1] if self.cells else 0.0


def column_widths(columns: Sequence[Column], available_pt: float, size_pt: float, *,
                  padding_pt: float = 10.0) -> list[float]:
    """Column widths in points adding up to ``available_pt``.

    Each column is at least as wide as its widest cell and its widest header word (after
    :func:`keep_short_words`), plus ``padding_pt``; a header that fits on one line gets that
    width when the table has the room. Space left over is shared in proportion. When even the
    minimum does not fit, widths shrink in proportion (the caller should pick a smaller size
    or landscape: :func:`fits`)."""
    minimum, desired = [], []
    for col in columns:
        header = keep_short_words(col.header)
        cells = col.cell_width(size_pt)
        words = max((text_width(w, size_pt, bold=True) for w in header.split(" ")), default=0.0)
        full = text_width(header, size_pt, bold=True)
        minimum.append(max(cells, words) + padding_pt)
        desired.append(max(cells, full) + padding_pt)
    if sum(minimum) > available_pt:
        scale = available_pt / sum(minimum)
        return [m * scale for m in minimum]
    if sum(desired) <= available_pt:
        base = desired
    else:
        room = available_pt - sum(minimum)
        wanted = sum(d - m for d, m in zip(desired, minimum))
        base = [m + (d - m) * room / wanted for d, m in zip(desired, minimum)]
    extra = available_pt - sum(base)
    total = sum(base)
    return [b + extra * b / total for b in base]


def fits(columns: Sequence[Column], available_pt: float, size_pt: float, *, padding_pt: float = 10.0) -> bool:
    """Whether every cell and header word fits in ``available_pt`` at ``size_pt``."""
    need = 0.0
    for col in columns:
        header = keep_short_words(col.header)
        cells = col.cell_width(size_pt)
        words = max((text_width(w, size_pt, bold=True) for w in header.split(" ")), default=0.0)
        need += max(cells, words) + padding_pt
    return need <= available_pt


REGISTER_TEXT_PT = 16.0 / 2.54 * 72
"""The text block of an A4 portrait page with 3 cm / 2 cm margins: 16 cm, in points."""
REGISTER_SIZE_PT = 11.0


def register_columns(data: dict, digits: str, *, distinct: bool = False) -> list[Column]:
    """The columns of a register's view data as printed: the row labels, then each data
    column's figures with its decimal places (totals included, a marked figure with its
    star) under its title and unit; each column's cells in row order, then the total.

    ``distinct``: each figure once instead (what widths need, where only the widest counts:
    equal figures print alike and a long register repeats them); a marked figure is there
    with its star and without (one more, narrower, candidate)."""
    from .filters import make_filters

    amount = make_filters(digits)["amount"]  # the figures exactly as the templates print them
    rows = data["rows"]
    total_marks = data.get("total_marks") or [None] * len(data["columns"])

    def cell(v: object, places: int, mark: object) -> str:
        return ("" if v is None else amount(v, places)) + ("*" if mark else "")

    columns = [Column(data["row_label"], [r["name"] for r in rows] + [data["total_label"]])]
    by_column = (list(zip(*(r["values"] for r in rows))) or [()] * len(data["columns"])) if distinct else []
    marked = [r for r in rows if r.get("marks") and any(r["marks"])] if distinct else []
    for j, c in enumerate(data["columns"]):
        places = c.get("places") or 0
        if distinct:
            cells = [cell(v, places, None) for v in set(by_column[j])]
            cells += [cell(v, places, True) for v in {r["values"][j] for r in marked if r["marks"][j]}]
        else:
            cells = [cell(r["values"][j], places, (r.get("marks") or [None] * (j + 1))[j]) for r in rows]
        cells.append(cell(data["totals"][j], places, total_marks[j]))
        header = c["title"] + (f" ({c['unit']})" if c.get("unit") else "")
        columns.append(Column(header, cells))
    return columns


def register_fractions(data: dict, digits: str, available_pt: float = REGISTER_TEXT_PT,
                       size_pt: float = REGISTER_SIZE_PT, padding_pt: float = 10.0,
                       columns: Sequence[Column] | None = None) -> list[float]:
    """Each register column's share of the table width (adding up to 1); ``size_pt`` is a
    Sarabun size (TH Sarabun sizes times :data:`TH_SARABUN_SCALE`). ``columns``: the
    register's :func:`register_columns`, when the caller has them (measured once)."""
    if columns is None:
        columns = register_columns(data, digits, distinct=True)
    widths = column_widths(columns, available_pt, size_pt, padding_pt=padding_pt)
    return [w / sum(widths) for w in widths]
