"""ทะเบียนจัดสรร: an allocation register (rows of counts, sums, totals and targets)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import Field, PrivateAttr, model_validator

from .base import Cell, Count, Flag, Item, Lines, LocatedError, Node, Number, SheetSource, Text, also_written_as, one_of


class ShareOf(Node):
    """``share_of: {part: actual, whole: budget}``: each row's part ÷ whole (× 100 for a percent
    column); ``whole: total`` divides by the column total of ``part``."""

    part: Text
    whole: Text


class Column(Node):
    """One column of a register: its key (used in data and text), its printed title, and
    whether it is computed (``sum_of``) or holds each row's target."""

    key: Text
    title: Text
    sum_of: list[str] = Field(default_factory=list)
    """Keys of the columns this one adds up (row by row)."""
    target: Flag = False
    """This column holds each row's target (เป้า)."""
    pool: str | None = None
    """For a target column: the column a row's target is chosen from (target <= pool)."""
    type: Literal["count", "money", "decimal", "percent"] = Field(
        "count", title="ชนิด / type",
        description="count จำนวนนับ | money เงินบาท (สตางค์ ๒ ตำแหน่ง) | decimal ทศนิยม | percent ร้อยละ / "
                    "a count, baht and satang, a decimal, a percentage",
    )
    places: int | None = Field(None, ge=0, le=6, title="ทศนิยม / decimal places",
                               description="จำนวนตำแหน่งทศนิยมที่พิมพ์ (ค่าเริ่มต้น: count ๐, อื่น ๆ ๒) / printed decimal places")
    unit: str | None = Field(None, title="หน่วย / unit", description="เช่น ราย บาท ผลิตภัณฑ์ / e.g. ราย, บาท, ผลิตภัณฑ์")
    share_of: ShareOf | None = Field(None, title="สัดส่วน / share of",
                                     description="คำนวณ part ÷ whole (percent: × ๑๐๐) / computed part ÷ whole")
    difference: list[str] = Field(default_factory=list, max_length=2, title="ผลต่าง / difference",
                                  description="[a, b]: คำนวณ a - b / computed a - b")
    tolerance: Number | None = Field(None, title="ความคลาดเคลื่อนที่ยอมรับ / tolerance",
                                     description="ผลต่างจากการปัดเศษที่ยอมได้ (เตือน) เกินนี้เป็นข้อผิดพลาด / a rounding "
                                                 "difference up to this is a warning, beyond it an error")
    baht_text: Flag = Field(False, title="จำนวนเงินตัวอักษร / baht text",
                            description="พิมพ์ยอดรวมเป็นตัวอักษรใต้ตาราง / print the total in words under the table")

    @property
    def decimals(self) -> int:
        """Printed decimal places: ``places``, else 0 for a count and 2 for the others."""
        return self.places if self.places is not None else (0 if self.type == "count" else 2)

    @property
    def computed(self) -> bool:
        return bool(self.sum_of or self.share_of or self.difference)

    @property
    def additive(self) -> bool:
        """Its total is the sum of its rows (a share's total is the share of the totals)."""
        return self.share_of is None

    @property
    def allowed(self) -> Decimal:
        """The rounding difference tolerated: ``tolerance``, else one unit in the last printed
        place for a share (percentages rounded row by row), else none."""
        if self.tolerance is not None:
            return Decimal(self.tolerance)
        return Decimal(1).scaleb(-self.decimals) if self.share_of is not None else Decimal(0)

    def compare(self, typed: int | Decimal, expected: int | Decimal) -> str | None:
        """How a typed figure stands to what it should be: None (equal once rounded to the
        printed places), ``rounding`` (a last-digit difference within the tolerance) or
        ``slip`` (an arithmetic mistake)."""
        if Decimal(typed) == Decimal(expected):
            return None
        diff = abs(Decimal(typed) - Decimal(self.rounded(expected)))
        if diff == 0:
            return None
        return "rounding" if diff <= self.allowed else "slip"

    def rounded(self, value: int | Decimal) -> int | Decimal:
        """``value`` rounded half up to the printed places."""
        if isinstance(value, int) and self.decimals == 0:
            return value
        exact = Decimal(value).quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP)
        return int(exact) if self.decimals == 0 else exact


class AllocationRule(Node):
    """How the targets were derived (see :mod:`kbo_docs.allocate`)."""

    method: Literal["hamilton", "dhondt", "sainte-lague"] = "hamilton"
    weight: Text
    """Key of the weight column."""
    total: Count | None = None
    """Seats to share; the stated total of the target column when empty."""
    floor: Count = 0
    cap: str | None = None
    """Key of a column whose value caps each row's target."""


class Row(Node):
    """One row: its name and a value per column (empty cells are allowed for sum columns
    and targets, which kbo-docs computes)."""

    name: Text
    values: dict[str, Cell] = Field(default_factory=dict)
    equals: dict[str, str] = Field(
        default_factory=dict, title="เท่ากับยอดของทะเบียนอื่น / equals",
        description="{คอลัมน์: <ทะเบียน>.total.<คอลัมน์>}: ช่องนี้ต้องเท่ากับยอดรวมของทะเบียนอื่น (เว้นว่างให้ดึงมา) / "
                    "{column: <register>.total.<column>}: this cell equals another register's total (empty: taken from it)",
    )

    @model_validator(mode="before")
    @classmethod
    def _split(cls, data: Any) -> Any:
        if isinstance(data, dict) and "values" not in data:
            data = dict(data)
            name = data.pop("name", None)
            equals = data.pop("equals", {})
            return {"name": name, "values": data, "equals": equals}
        return data

    __get_pydantic_json_schema__ = also_written_as(
        {"type": "array", "minItems": 2, "description": "[ชื่อ, ค่าตามลำดับคอลัมน์...] / [name, one value per column]"}
    )


def _rows_form(value: Any) -> str | None:
    if isinstance(value, list):
        return "rows"
    return "xlsx" if isinstance(value, dict) else None


Rows = one_of(_rows_form, {
    "rows": Annotated[list[Row], Field(min_length=1, title="พิมพ์ในตาราง / typed in the grid")],
    "xlsx": SheetSource,
}, "แถว (rows) ต้องเป็นรายการแถว (- [ชื่อ, ค่า, ...]) หรือ {xlsx: <แฟ้ม>, sheet: <ชีต>} / "
   "rows must be a list of rows (- [name, values...]) or {xlsx: <file>, sheet: <sheet>}")


class Register(Item):
    """ทะเบียนจัดสรร: an allocation register: a title, columns, one row per district or unit,
    a total row (typed totals are checked, missing ones computed), the allocation rule that
    gives the targets, and notes printed under the table."""

    title: Lines
    row_label: Text = "รายการ"
    columns: list[Column] = Field(min_length=1)
    rows: Rows
    """One row per district or unit, or ``{xlsx: allocation.xlsx, sheet: ทะเบียน}`` (read by the loader)."""
    totals: dict[str, Number] = Field(default_factory=dict)
    """Totals as printed in the รวม row; checked against the rows."""
    equals: dict[str, str] = Field(
        default_factory=dict, title="ยอดรวมเท่ากับทะเบียนอื่น / totals equal",
        description="{คอลัมน์: <ทะเบียน>.total.<คอลัมน์>}: ยอดรวมต้องเท่ากับยอดของทะเบียนอื่น / "
                    "{column: <register>.total.<column>}: this column's total equals another register's",
    )
    total_label: str = "รวม"
    allocation: AllocationRule | None = None
    notes: Lines = Field(default_factory=list)
    """Lines printed under the table (e.g. selection guidelines)."""
    _allocated: dict[str, int] | None = PrivateAttr(default=None)
    _linked: dict[tuple[int, str], int | Decimal] = PrivateAttr(default_factory=dict)
    """Cells left empty with ``equals``: the referenced totals (set by the loader)."""

    @model_validator(mode="before")
    @classmethod
    def _rows_as_lists(cls, data: Any) -> Any:
        """Rows may be written as ``[name, v1, v2, ...]`` in column order."""
        if not isinstance(data, dict):
            return data
        columns, rows = data.get("columns"), data.get("rows")
        if not (isinstance(columns, list) and isinstance(rows, list)):
            return data
        keys = [c.get("key") for c in columns if isinstance(c, dict)]
        converted = []
        for i, row in enumerate(rows):
            if isinstance(row, list):
                if len(row) != len(keys) + 1:
                    raise LocatedError(
                        f"แถวมี {len(row)} ช่อง ต้องมี {len(keys) + 1} (ชื่อ + {len(keys)} คอลัมน์) / "
                        f"row {row[:1]} has {len(row)} cells, expected {len(keys) + 1} (name + columns)",
                        "rows", i,
                    )
                row = {"name": row[0], "values": dict(zip(keys, row[1:]))}
            converted.append(row)
        return {**data, "rows": converted}

    @model_validator(mode="after")
    def _known_keys(self) -> Register:
        keys = [c.key for c in self.columns]
        for i, key in enumerate(keys):
            if key in keys[:i]:
                raise LocatedError(f"คอลัมน์ซ้ำ / duplicate column key: {key}", "columns", i, "key")
        known = set(keys)
        refs: list[tuple[str, tuple[str | int, ...]]] = []
        for i, c in enumerate(self.columns):
            refs += [(k, ("columns", i, "sum_of")) for k in c.sum_of] + ([(c.pool, ("columns", i, "pool"))] if c.pool else [])
            refs += [(k, ("columns", i, "difference")) for k in c.difference]
            if c.share_of:
                refs += [(c.share_of.part, ("columns", i, "share_of", "part"))]
                refs += [] if c.share_of.whole == "total" else [(c.share_of.whole, ("columns", i, "share_of", "whole"))]
        refs += [(k, ("rows", i, k)) for i, row in enumerate(self.rows) for k in row.values]
        refs += [(k, ("rows", i, "equals", k)) for i, row in enumerate(self.rows) for k in row.equals]
        refs += [(k, ("equals", k)) for k in self.equals]
        refs += [(k, ("totals", k)) for k in self.totals]
        if self.allocation:
            refs += [(self.allocation.weight, ("allocation", "weight"))]
            refs += [(self.allocation.cap, ("allocation", "cap"))] if self.allocation.cap else []
        for key, at in refs:
            if key not in known:
                raise LocatedError(f"ไม่มีคอลัมน์ / unknown column key: {key} (columns: {', '.join(keys)})", *at)
        return self

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def target_column(self) -> Column | None:
        return next((c for c in self.columns if c.target), None)

    def allocation_inputs(self) -> tuple[list[tuple[str, int]], int, dict[str, int]]:
        """The (name, weight) rows, total and caps the declared allocation rule works on.

        Raises ``ValueError`` (an :class:`~kbo_docs.allocate.AllocationError`) when they are missing."""
        from ..allocate import AllocationError

        rule = self.allocation
        if rule is None:
            raise AllocationError("ทะเบียนไม่ได้กำหนดวิธีจัดสรร / the register declares no allocation rule")
        weights = [(row.name, _exact(self.value(row, rule.weight))) for row in self.rows]
        missing = [name for name, w in weights if w is None]
        if missing:
            raise AllocationError(f"ไม่มีน้ำหนักของ {', '.join(missing)} / no weight ({rule.weight}) for {', '.join(missing)}")
        target = self.target_column
        total = rule.total if rule.total is not None else (self.totals.get(target.key) if target else None)
        if isinstance(total, Decimal):
            if total != total.to_integral_value():
                raise AllocationError(f"ยอดที่จัดสรรต้องเป็นจำนวนเต็ม: {total} / the total to share must be whole: {total}")
            total = int(total)
        if total is None:
            raise AllocationError("ไม่ได้ระบุยอดรวมที่จะจัดสรร / no total to share: give allocation.total or totals of the target column")
        caps: dict[str, int] = {}
        if rule.cap:
            for row in self.rows:
                cap = self.value(row, rule.cap)
                if cap is not None:
                    caps[row.name] = int(cap)  # a row cannot take part of a seat: the whole part caps it
        return [(n, w) for n, w in weights if w is not None], total, caps

    def allocated(self) -> dict[str, int] | None:
        """Each row's target by the declared rule, or None when the rule cannot be applied."""
        from ..allocate import allocate

        if self.allocation is None:
            return None
        if self._allocated is None:
            try:
                rows, total, caps = self.allocation_inputs()
                self._allocated = allocate(rows, total, self.allocation.method, self.allocation.floor, caps).targets()
            except ValueError:
                self._allocated = {}
        return self._allocated or None

    def value(self, row: Row, key: str) -> int | Decimal | None:
        """A cell as typed, or, when left empty: another register's total it ``equals``, a
        target from the declared allocation rule, or computed from its parts (sum, difference,
        share; exact, not rounded)."""
        typed = row.values.get(key)
        if typed is not None:
            return typed
        linked = self._linked.get((self._index(row), key))
        if linked is not None:
            return linked
        column = self.column(key)
        if column.target and self.allocation is not None and key != self.allocation.weight:
            return (self.allocated() or {}).get(row.name)
        return self.computed_value(row, key)

    def _index(self, row: Row) -> int:
        return next((i for i, r in enumerate(self.rows) if r is row), -1)

    def computed_value(self, row: Row, key: str) -> int | Decimal | None:
        """What a computed column's cell comes to from the row's other cells (None for a
        column that is typed, or when a part is missing or the whole is zero)."""
        column = self.column(key)
        if column.sum_of:
            return _sum([self.value(row, part) for part in column.sum_of])
        if column.difference:
            a, b = (self.value(row, k) for k in column.difference)
            return None if a is None or b is None else a - b
        if column.share_of:
            part = self.value(row, column.share_of.part)
            whole = (self.column_sum(column.share_of.part) if column.share_of.whole == "total"
                     else self.value(row, column.share_of.whole))
            return _share(part, whole, column.type == "percent")
        return None

    def column_sum(self, key: str) -> int | Decimal | None:
        """The sum of a column over the rows (None when a cell is missing)."""
        return _sum([self.value(row, key) for row in self.rows])

    def computed_total(self, key: str) -> int | Decimal | None:
        """The total row's cell as it should be: the sum of the rows, or for a share the share
        of the totals (a sum of percentages means nothing)."""
        column = self.column(key)
        if column.share_of is None:
            return self.column_sum(key)
        part = self.total(column.share_of.part)
        whole = part if column.share_of.whole == "total" else self.total(column.share_of.whole)
        return _share(part, whole, column.type == "percent")

    def total(self, key: str) -> int | Decimal | None:
        """The total of a column as printed: the stated one, else computed."""
        return self.totals.get(key, self.computed_total(key))


def _sum(values: list[int | Decimal | None]) -> int | Decimal | None:
    return None if any(v is None for v in values) else sum((v for v in values if v is not None), start=0)


def _share(part: int | Decimal | None, whole: int | Decimal | None, percent: bool) -> Decimal | None:
    if part is None or whole is None or whole == 0:
        return None
    share = Decimal(part) / Decimal(whole)
    return share * 100 if percent else share


def parse_reference(ref: str) -> tuple[str, str] | None:
    """``<register>.total.<column>`` as (register id, column key), or None."""
    reg, sep, col = ref.strip().rpartition(".total.")
    return (reg, col) if sep and reg and col else None


def referenced_total(registers: list[Register], ref: str) -> int | Decimal | None:
    """The total an ``equals`` reference names (None when the register or column is unknown)."""
    parsed = parse_reference(ref)
    if parsed is None:
        return None
    other = next((r for r in registers if r.id == parsed[0]), None)
    if other is None or parsed[1] not in {c.key for c in other.columns}:
        return None
    return other.total(parsed[1])


def link_registers(registers: list[Register]) -> None:
    """Fill each empty cell that ``equals`` another register's total with that total. A
    summary may refer to registers that refer to others: passes repeat until nothing changes
    (at most once per register, so a cycle ends)."""
    for _ in range(len(registers)):
        changed = False
        for reg in registers:
            for i, row in enumerate(reg.rows):
                for key, ref in row.equals.items():
                    if row.values.get(key) is not None:
                        continue
                    value = referenced_total(registers, ref)
                    if value is not None and reg._linked.get((i, key)) != value:
                        reg._linked[(i, key)] = value
                        changed = True
        if not changed:
            return


def _exact(value: int | Decimal | None) -> int | Fraction | None:
    """An allocation weight as :mod:`kbo_docs.allocate` takes it: a Decimal as the exact Fraction."""
    return Fraction(value) if isinstance(value, Decimal) else value
