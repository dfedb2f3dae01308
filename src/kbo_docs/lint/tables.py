"""Reading a typed table's structure: header rows, data rows, total rows (รวม, รวมทั้งสิ้น, or a
last row that is the sum of the rows above), the columns that hold counts or amounts, and the
columns that are sums of others (headed รวม, or a last column that is the sum of the others).

Everything here is cautious on purpose: a column is only taken for a sum when its heading
says so or nearly every row agrees, so that the table rules report real mistakes and not
guesses (the false-alarm guard in the tests holds them to that).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .document import Cell, Table

Number = int | Decimal

_TOTAL_LABEL = re.compile(
    r"^(?:ยอด)?รวม(?:เป็น)?(?:เงิน)?(?:ทั้งสิ้น|ทั้งหมด|ยอด)?(?:$|[\s(:]|(?:อำเภอ|จังหวัด|ตำบล|ภาค|เขต|หมวด|ประเภท|ไตรมาส|กลุ่มที่|ปี|เดือน|ส่วน))"
    r"|^(?:sub-?)?total\b|^grand total\b",
    re.IGNORECASE,
)
_SUM_HEADER = re.compile(r"รวม|total", re.IGNORECASE)
_ORDINAL_HEADER = re.compile(r"^(?:ลำดับ(?:ที่)?|ที่|no\.?|#|เลขที่|รหัส)$", re.IGNORECASE)
_PERCENT = re.compile(r"ร้อยละ|%|percent", re.IGNORECASE)
_RATIO_HEADER = re.compile(r"ร้อยละ|%|เฉลี่ย|อัตรา|สัดส่วน|ต่อหน่วย|หน่วยละ|ราคา\s*/|percent|average|rate", re.IGNORECASE)


@dataclass
class Column:
    index: int
    header: str
    measure: bool = False
    """Holds counts or amounts that add up."""
    parts: list[int] = field(default_factory=list)
    """For a sum column: the columns it adds up."""
    labelled: bool = False
    """The heading says รวม (else the data showed it)."""
    percent: bool = False
    """Holds percentages (headed ร้อยละ or %, or its numbers written with %)."""


@dataclass
class TableModel:
    table: Table
    header_rows: list[int]
    data_rows: list[int]
    total_rows: list[int]
    label_column: int
    columns: list[Column]
    inferred_total: bool = False
    """The last row was taken for a total because it is the sum of the rows above."""

    def value(self, row: int, col: int) -> Number | None:
        cell = self.table.cell(row, col)
        return cell.value if cell is not None else None

    def cell(self, row: int, col: int) -> Cell | None:
        return self.table.cell(row, col)

    def label(self, row: int) -> str:
        cell = self.table.cell(row, self.label_column)
        text = cell.text if cell is not None else ""
        return " ".join(text.split()) or f"row {row + 1}"

    def header(self, col: int) -> str:
        return self.columns[col].header or f"column {col + 1}"

    @property
    def sum_columns(self) -> list[Column]:
        return [c for c in self.columns if c.parts]

    def total_scope(self, total_row: int) -> list[list[int]]:
        """Data rows a total row may add up: those since the previous total row, and (for a
        grand total after subtotals) all data rows above it."""
        before = [r for r in self.total_rows if r < total_row]
        start = before[-1] if before else -1
        since = [r for r in self.data_rows if start < r < total_row]
        above = [r for r in self.data_rows if r < total_row]
        return [since, above] if before else [since]


def _row_label_text(table: Table, row: int) -> str:
    for cell in table.rows[row][:3]:
        text = " ".join(cell.text.split())
        if text and cell.value is None:
            return text
    return ""


def _is_year(value: Number) -> bool:
    return isinstance(value, int) and 2400 <= value <= 2700


def analyse(table: Table) -> TableModel | None:
    """The structure of ``table``, or None when it holds no numbers to check."""
    n_rows, width = len(table.rows), table.width
    if n_rows < 2 or width < 2:
        return None
    header_rows: list[int] = []
    for r in range(n_rows):
        values = [c.value for c in table.rows[r] if c.value is not None]
        later = [c.value for row in table.rows[r + 1:] for c in row if c.value is not None]
        years_over_data = bool(values) and all(_is_year(v) for v in values) and any(not _is_year(v) for v in later)
        # a row numbering the columns under the heading: 1 2 3 4 ..., the first column included
        row = table.rows[r]
        column_numbers = len(values) >= 3 and len(values) == len([c for c in row if c.text.strip()]) and all(
            c.value == i + 1 for i, c in enumerate(row) if c.text.strip())
        if values and not (years_over_data or column_numbers):
            break
        header_rows.append(r)
    body = [r for r in range(len(header_rows), n_rows) if any(c.text.strip() for c in table.rows[r])]
    total_rows = [r for r in body if _TOTAL_LABEL.match(_row_label_text(table, r))]
    data_rows = [r for r in body if r not in total_rows]
    if not data_rows:
        return None
    label_column = next(
        (c for c in range(width)
         if sum(1 for r in data_rows if (cell := table.cell(r, c)) is not None and cell.text.strip() and cell.value is None)
         * 2 > len(data_rows)),
        0,
    )
    columns = []
    for c in range(width):
        header = " ".join(
            " ".join(cell.text.split()) for r in header_rows if (cell := table.cell(r, c)) is not None and cell.text.strip()
        )
        column = Column(c, header)
        # the heading row nearest the numbers says what the column holds: a percent sign over
        # a pair of columns (``ผู้เข้าร่วม (คน / %)`` merged) does not make both columns percentages
        own = next((" ".join(cell.text.split()) for r in reversed(header_rows)
                    if (cell := table.cell(r, c)) is not None and cell.text.strip()), "")
        present = [cell for r in data_rows if (cell := table.cell(r, c)) is not None]
        values = [cell.value for cell in present]
        filled = [cell for cell in present if cell.text.strip()]
        numbers = [v for v in values if v is not None]
        if c != label_column and numbers and len(numbers) * 2 >= len(filled):
            ordinal = bool(_ORDINAL_HEADER.match(header)) or (
                c <= label_column and len(numbers) >= 2 and numbers == list(range(1, len(numbers) + 1))
            )
            year = all(_is_year(v) for v in numbers)
            marked = sum(1 for cell in filled if "%" in cell.text)
            column.percent = bool(_PERCENT.search(own)) or marked * 2 > len(filled)
            ratio = column.percent or bool(_RATIO_HEADER.search(own))
            column.measure = not (ordinal or year or ratio)
        columns.append(column)
    model = TableModel(table, header_rows, data_rows, total_rows, label_column, columns)
    _find_sum_columns(model)
    if not total_rows:
        _infer_total_row(model)
    return model


def _fits(model: TableModel, col: int, parts: list[int]) -> tuple[int, int]:
    """(rows where ``col`` is the sum of ``parts``, rows where it is not), over data rows that
    have a value in ``col`` and in at least one part."""
    good = bad = 0
    for r in model.data_rows:
        typed = model.value(r, col)
        values = [model.value(r, p) for p in parts]
        if typed is None or all(v is None for v in values):
            continue
        if sum((v for v in values if v is not None), start=0) == typed:
            good += 1
        else:
            bad += 1
    return good, bad


def _find_sum_columns(model: TableModel) -> None:
    measures = [c for c in model.columns if c.measure]
    for column in measures:
        if not _SUM_HEADER.search(column.header):
            continue
        left = [c.index for c in measures if c.index < column.index]
        if len(left) < 2:
            continue
        sums_left = [c.index for c in measures if c.index < column.index and c.parts]
        plain_left = [i for i in left if i not in sums_left]
        block: list[int] = []
        for i in reversed(left):
            if i in sums_left:
                break
            block.insert(0, i)
        candidates = [block] + [block[k:] for k in range(1, len(block) - 1)] + [sums_left, plain_left]
        candidates = [c for c in candidates if len(c) >= 2]
        if not candidates:
            continue
        scored = [(_fits(model, column.index, c), -i, c) for i, c in enumerate(candidates)]
        (good, bad), _, parts = max(scored, key=lambda s: (s[0][0], s[1]))
        if good == 0 and good + bad >= 2:
            continue  # no grouping of the columns to its left explains it: not ours to judge
        column.parts, column.labelled = parts, True
    if any(c.parts for c in model.columns):
        return
    # no heading says รวม: a last column that is the sum of all the others in nearly every row
    if len(measures) >= 3:
        last, others = measures[-1], [c.index for c in measures[:-1]]
        good, bad = _fits(model, last.index, others)
        if good >= 3 and bad <= 1 and good >= 3 * bad:
            last.parts = others


def _infer_total_row(model: TableModel) -> None:
    """Take the last data row for a total row when it is the sum of the rows above in nearly
    every counting column."""
    if len(model.data_rows) < 3:
        return
    last, above = model.data_rows[-1], model.data_rows[:-1]
    good = bad = 0
    for column in model.columns:
        if not column.measure:
            continue
        typed = model.value(last, column.index)
        values = [v for r in above if (v := model.value(r, column.index)) is not None]
        if typed is None or not values:
            continue
        if sum(values, start=0) == typed and typed != 0:
            good += 1
        else:
            bad += 1
    if good >= 2 and bad <= 1 and good >= 2 * bad + 1:
        model.data_rows.remove(last)
        model.total_rows.append(last)
        model.inferred_total = True
