"""Rules over the numbers of typed tables beyond plain sums: percentages that must add up to
100, percentages that must equal part / whole, and a summary table whose rows repeat the totals
of another table (LNT004-LNT007).

Rounding is judged by the digits a cell shows: ``๓๓.๓`` stands for anything from 33.25 to
33.35. Within that, a value is right; off by no more than one more unit in its last digit, it
is a rounding slip (LNT006, a warning); further off, it is wrong (an error).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from .. import thai
from ..findings import Severity
from ..rules.registry import rule
from .context import DocContext, DocIssue
from .document import Document, Paragraph, Table
from .tables import Column, Number, TableModel

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def _unit(value: Number) -> Decimal:
    """One unit in the last digit a value shows: 1 for ``๓๓``, 0.1 for ``๓๓.๓``."""
    if isinstance(value, int):
        return Decimal(1)
    exponent = value.as_tuple().exponent
    return Decimal(1).scaleb(exponent if isinstance(exponent, int) and exponent < 0 else 0)


def _judge(stated: Number, exact: Decimal, slack: Decimal | None = None) -> str | None:
    """``None`` when ``stated`` is ``exact`` rounded to the digits it shows; ``"rounding"`` when
    it is off by at most one more unit (or ``slack``); ``"wrong"`` beyond that."""
    unit = _unit(stated)
    off = abs(Decimal(stated) - exact)
    if off <= unit / 2 + Decimal("1e-9"):
        return None
    return "rounding" if off <= (slack if slack is not None else unit * Decimal("1.5")) else "wrong"


def _n(value: Number | Decimal) -> str:
    if isinstance(value, Decimal) and value != value.to_integral_value():
        value = value.quantize(Decimal("0.01")).normalize()
    return thai.format_number(value)


@dataclass
class _Ratio:
    """How a percentage column is computed: part column over a whole (a column in the same row,
    or the part column's total)."""

    part: int
    whole: int | None
    """The whole's column in the same row; None: the part column's total."""
    total: Number | None = None

    def exact(self, model: TableModel, row: int) -> Decimal | None:
        part = model.value(row, self.part)
        whole = model.value(row, self.whole) if self.whole is not None else self.total
        if part is None or whole is None or whole == 0:
            return None
        return Decimal(part) * 100 / Decimal(whole)


def _agrees_with_parts(model: TableModel, ratio: _Ratio, row: int, stated: Number) -> bool:
    """The percentage is right for the sum of its part's parts: the part is a row's sum cell
    that disagrees with what it adds up (REG001)."""
    column = model.columns[ratio.part]
    parts = [model.value(row, p) for p in column.parts]
    if not parts or any(p is None for p in parts):
        return False
    computed = sum((p for p in parts if p is not None), start=0)
    whole = model.value(row, ratio.whole) if ratio.whole is not None else ratio.total
    if computed == model.value(row, ratio.part) or not whole:
        return False
    return _judge(stated, Decimal(computed) * 100 / Decimal(whole)) is None


def _part_total(model: TableModel, col: int) -> Number | None:
    if model.total_rows:
        value = model.value(model.total_rows[-1], col)
        if value is not None:
            return value
    values = [v for r in model.data_rows if (v := model.value(r, col)) is not None]
    return sum(values, start=0) if len(values) >= 2 else None


def _ratio(model: TableModel, percent: Column) -> _Ratio | None:
    """The ratio that explains the percentages in all data rows but at most one (and at least
    two of them, twice as many as it does not explain unless the total row says ๑๐๐ for a
    share): a share of a counting column's total, or one column over another in the row."""
    hundred = any(model.value(t, percent.index) == 100 for t in model.total_rows)
    measures = [c.index for c in model.columns if c.measure]
    candidates = [_Ratio(c, None, _part_total(model, c)) for c in measures]
    candidates += [_Ratio(a, b) for a in measures for b in measures if a != b]
    best: tuple[tuple[int, int], _Ratio] | None = None
    for candidate in candidates:
        good = bad = 0
        for r in model.data_rows:
            stated = model.value(r, percent.index)
            exact = candidate.exact(model, r)
            if stated is None or exact is None:
                continue
            if _judge(stated, exact) is None:
                good += 1
            else:
                bad += 1
        nearness = -abs(percent.index - candidate.part)
        enough = good >= 2 * bad + 1 or (hundred and candidate.whole is None)
        if good >= 2 and bad <= 1 and enough and (best is None or (good, nearness) > best[0]):
            best = ((good, nearness), candidate)
    return best[1] if best else None


def _percent_columns(ctx: DocContext) -> Iterator[tuple[TableModel, Column, _Ratio | None]]:
    for model in ctx.tables:
        for column in model.columns:
            if column.percent and column.index != model.label_column:
                yield model, column, _ratio(model, column)


def _where(model: TableModel, row: int, col: int) -> object:
    cell = model.cell(row, col)
    assert cell is not None
    return cell.location


@dataclass
class _Finding:
    kind: str
    issue: DocIssue


def _percent_findings(ctx: DocContext) -> Iterator[_Finding]:
    """Every percentage finding, sorted by kind: ``sum`` (LNT004), ``ratio`` (LNT005),
    ``rounding`` (LNT006)."""
    for model, column, ratio in _percent_columns(ctx):
        header = model.header(column.index)
        explained = False
        if ratio is not None:
            for r in model.data_rows + model.total_rows:
                stated = model.value(r, column.index)
                exact = ratio.exact(model, r) if r in model.data_rows else (
                    Decimal(100) if ratio.total is not None and model.value(r, ratio.part) == ratio.total else None)
                if stated is None or exact is None:
                    continue
                verdict = _judge(stated, exact)
                if verdict is None:
                    continue
                if r in model.data_rows and _agrees_with_parts(model, ratio, r, stated):
                    continue  # the part is a sum cell mistyped (REG001 reports it): one typo, one finding
                explained = True
                part = model.header(ratio.part)
                whole = model.header(ratio.whole) if ratio.whole is not None else f"ยอดรวม{part}"
                whole_en = model.header(ratio.whole) if ratio.whole is not None else f"the total of {part}"
                yield _Finding("ratio" if verdict == "wrong" else "rounding", DocIssue(
                    _where(model, r, column.index),  # type: ignore[arg-type]
                    f"แถว {model.label(r)}: {header} เป็น {_n(stated)} แต่ {part} / {whole} × ๑๐๐ = {_n(exact)}",
                    f"row {model.label(r)}: {header} is {stated} but {part} / {whole_en} x 100 = {exact:.2f}",
                ))
        shares = ratio is not None and ratio.whole is None
        stated_hundred = any(model.value(t, column.index) == 100 for t in model.total_rows)
        if not (shares or stated_hundred) or explained:
            continue  # a row already reported explains the sum
        values = [v for r in model.data_rows if (v := model.value(r, column.index)) is not None]
        if len(values) < 2:
            continue
        total = sum(values, start=0)
        if total == 100:
            continue
        slack = sum((_unit(v) for v in values), start=Decimal(0)) / 2 + max(_unit(v) for v in values) / 2
        off = abs(Decimal(total) - 100)
        row = model.total_rows[-1] if model.total_rows else model.data_rows[-1]
        where = model.cell(row, column.index) or model.cell(row, model.label_column)
        assert where is not None
        kind = "rounding" if off <= slack else "sum"
        yield _Finding(kind, DocIssue(
            where.location,
            f"{header}: ร้อยละของทุกแถวรวมกันได้ {_n(total)} ไม่ใช่ ๑๐๐" + (" (ปัดเศษ)" if kind == "rounding" else ""),
            f"{header}: the percentages of the rows add up to {total}, not 100" + (" (rounding)" if kind == "rounding" else ""),
        ))


@rule("LNT004", "percent-total", ERROR, "document")
def percent_total(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """A percentage column whose rows are shares of one whole adds up to 100.

    A column is a share column when its total row says ๑๐๐, or when each row is the row's
    count over the column's total. A sum off by more than the rounding of the digits shown is an
    error; within rounding it is LNT006.

    Wrong: ร้อยละ ๔๐.๐, ๓๕.๐, ๒๐.๐ over a total row of ๑๐๐.
    Right: ร้อยละ ๔๐.๐, ๓๕.๐, ๒๕.๐.
    """
    for f in _percent_findings(ctx):
        if f.kind == "sum":
            yield f.issue


@rule("LNT005", "percent-ratio", ERROR, "document")
def percent_ratio(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """A percentage equals part / whole × 100 in its row, where the column's other rows show
    which part and whole (a count over the column's total, or one column over another).

    Wrong: ผลงาน ๔๕ of เป้าหมาย ๕๐ with ร้อยละ ๘๐.๐ (the other rows are ผลงาน / เป้าหมาย).
    Right: ร้อยละ ๙๐.๐.
    """
    for f in _percent_findings(ctx):
        if f.kind == "ratio":
            yield f.issue


@rule("LNT006", "percent-rounding", WARNING, "document")
def percent_rounding(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """A percentage off by rounding only: a value one unit off in its last digit, or shares that
    add up to 100 only within the rounding of the digits shown.

    Wrong: ๑ of ๓ as ๓๓.๔ (33.33 rounds to ๓๓.๓); shares ๓๓.๓ + ๓๓.๓ + ๓๓.๓ = ๙๙.๙.
    Right: ๓๓.๓; shares rounded so that they add up to ๑๐๐.๐ (๓๓.๔ + ๓๓.๓ + ๓๓.๓).
    """
    for f in _percent_findings(ctx):
        if f.kind == "rounding":
            yield f.issue


_SUMMARY_STRIP = re.compile(r"ยอด|รวม|ทั้งสิ้น|ทั้งหมด|[\s:().\-–]")


def _key(label: str) -> str:
    return _SUMMARY_STRIP.sub("", label)


def _caption(doc: Document, table: Table) -> str:
    """The paragraph just before a table (its title)."""
    previous = ""
    for block in doc.blocks:
        if block is table:
            return previous
        if isinstance(block, Paragraph):
            previous = block.text
    return ""


@rule("LNT007", "summary-table-total", ERROR, "document")
def summary_table_total(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """A row of a summary table equals the total it repeats from another table of the document.

    A summary row repeats a total when its label names that total (``ภาคเหนือ`` for
    ``รวมภาคเหนือ``) or the title of a table with one total row; columns are compared where
    their headings are the same.

    A summary written as ``what | how much`` rows restates a column's total when its unit names
    the column (``๔,๕๘๒,๐๐๐ บาท`` for ``จำนวนเงิน (บาท)``) and its label shares a word with the
    heading (``เงินที่ให้กู้ยืม``); it is reported when it differs from that total in one digit.

    Wrong: a summary row ``อำเภอเมือง ๑,๒๕๐`` when the table of อำเภอเมือง totals ๑,๒๐๕.
    Right: ``อำเภอเมือง ๑,๒๐๕``.
    """
    yield from _labelled_summaries(doc, ctx)
    yield from _restated_totals(ctx)


def _labelled_summaries(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    models = ctx.tables
    totals: dict[str, list[tuple[TableModel, int]]] = {}
    for model in models:
        for t in model.total_rows:
            key = _key(model.label(t))
            if not key and len(model.total_rows) == 1:
                key = _key(_caption(doc, model.table))
            if len(key) >= 3:
                totals.setdefault(key, []).append((model, t))
    if not totals:
        return
    for summary in models:
        for r in summary.data_rows:
            label = _key(summary.label(r))
            if len(label) < 3:
                continue
            matches = [(m, t) for key, found in totals.items() if label == key or (len(label) >= 5 and label in key)
                       for m, t in found if m is not summary]
            if len(matches) != 1:
                continue
            model, t = matches[0]
            for column in summary.columns:
                if not column.measure:
                    continue
                heading = _key(column.header)
                same = [c for c in model.columns if c.measure and _key(c.header) == heading and heading]
                if len(same) != 1:
                    continue
                stated, total = summary.value(r, column.index), model.value(t, same[0].index)
                if stated is None or total is None or stated == total:
                    continue
                cell = summary.cell(r, column.index)
                assert cell is not None
                yield DocIssue(
                    cell.location,
                    f"แถว {summary.label(r)}: {column.header} เป็น {_n(stated)} แต่ตาราง{'ที่ ' + thai.thai_digits(str(model.table.number)) if model.table.number else ''}"
                    f" ({model.label(t)}) รวมได้ {_n(total)}",
                    f"row {summary.label(r)}: {column.header} is {stated} but table {model.table.number} ({model.label(t)}) totals {total}",
                )


_UNIT_AFTER = re.compile(r"[0-9๐-๙][0-9๐-๙,.]*\s*([ก-๛]+)\s*$")


def _one_digit_apart(a: Number, b: Number) -> bool:
    """The same number of digits, one of them different: the signature of a typo."""
    x, y = str(a), str(b)
    return len(x) == len(y) and sum(p != q for p, q in zip(x, y)) == 1


def _restated_totals(ctx: DocContext) -> Iterator[DocIssue]:
    """A summary written as ``what | how much`` rows (``เงินที่ให้กู้ยืม | ๔,๕๘๒,๐๐๐ บาท``): a row
    restates the total of another table's column when its unit names that column (``บาท`` in
    ``จำนวนเงิน (บาท)``, ``โครงการ`` in ``จำนวนโครงการ``) and its label shares a word with the
    column's heading; it is reported when it differs from that total in one digit."""
    totals = [(m, c, m.value(m.total_rows[-1], c.index)) for m in ctx.tables if m.total_rows
              for c in m.columns if c.measure]
    for summary in ctx.tables:
        if summary.total_rows:
            continue
        for r in summary.data_rows:
            label = summary.label(r)
            for column in summary.columns:
                cell = summary.cell(r, column.index)
                stated = summary.value(r, column.index)
                unit = _UNIT_AFTER.search(cell.text) if cell is not None else None
                if stated is None or unit is None:
                    continue
                named = [(m, c, total) for m, c, total in totals if m is not summary and total is not None
                         and unit.group(1) in c.header and _shares_a_word(label, c.header.replace(unit.group(1), ""))]
                if len(named) != 1:
                    continue
                model, target, total = named[0]
                if stated != total and _one_digit_apart(stated, total):
                    assert cell is not None
                    yield DocIssue(
                        cell.location,
                        f"แถว {label}: {_n(stated)} {unit.group(1)} แต่ตาราง{'ที่ ' + thai.thai_digits(str(model.table.number)) if model.table.number else ''}"
                        f" ช่อง {target.header} รวมได้ {_n(total)}",
                        f"row {label}: {stated} {unit.group(1)} but table {model.table.number}'s {target.header} totals {total}",
                    )


def _shares_a_word(label: str, header: str) -> bool:
    """A word of three or more Thai letters in both (``เงิน`` in ``เงินที่ให้กู้ยืม`` and ``จำนวนเงิน``)."""
    words = [w for w in re.split(r"[\s():]+", re.sub(r"^จำนวน", "", header.strip())) if len(w) >= 3]
    return any(w in label for w in words)

