"""ทะเบียนจัดสรร: an allocation register (rows of counts, sums, totals and targets)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, PrivateAttr, model_validator

from .base import Cell, Count, Flag, Item, Lines, LocatedError, Node, Number, Text, also_written_as


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

    @model_validator(mode="before")
    @classmethod
    def _split(cls, data: Any) -> Any:
        if isinstance(data, dict) and "values" not in data:
            data = dict(data)
            name = data.pop("name", None)
            return {"name": name, "values": data}
        return data

    __get_pydantic_json_schema__ = also_written_as(
        {"type": "array", "minItems": 2, "description": "[ชื่อ, ค่าตามลำดับคอลัมน์...] / [name, one value per column]"}
    )


class Register(Item):
    """ทะเบียนจัดสรร: an allocation register: a title, columns, one row per district or unit,
    a total row (typed totals are checked, missing ones computed), the allocation rule that
    gives the targets, and notes printed under the table."""

    title: Lines
    row_label: Text = "รายการ"
    columns: list[Column] = Field(min_length=1)
    rows: list[Row] = Field(min_length=1)
    totals: dict[str, Number] = Field(default_factory=dict)
    """Totals as printed in the รวม row; checked against the rows."""
    total_label: str = "รวม"
    allocation: AllocationRule | None = None
    notes: Lines = Field(default_factory=list)
    """Lines printed under the table (e.g. selection guidelines)."""
    _allocated: dict[str, int] | None = PrivateAttr(default=None)

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
        refs += [(k, ("rows", i, k)) for i, row in enumerate(self.rows) for k in row.values]
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
        weights = [(row.name, self.value(row, rule.weight)) for row in self.rows]
        missing = [name for name, w in weights if w is None]
        if missing:
            raise AllocationError(f"ไม่มีน้ำหนักของ {', '.join(missing)} / no weight ({rule.weight}) for {', '.join(missing)}")
        target = self.target_column
        total = rule.total if rule.total is not None else (self.totals.get(target.key) if target else None)
        if total is None:
            raise AllocationError("ไม่ได้ระบุยอดรวมที่จะจัดสรร / no total to share: give allocation.total or totals of the target column")
        caps: dict[str, int] = {}
        if rule.cap:
            for row in self.rows:
                cap = self.value(row, rule.cap)
                if cap is not None:
                    caps[row.name] = cap
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

    def value(self, row: Row, key: str) -> int | None:
        """A cell as typed, or, when left empty, computed: a sum column from its parts, a
        target from the register's declared allocation rule."""
        typed = row.values.get(key)
        if typed is not None:
            return typed
        column = self.column(key)
        if column.target and self.allocation is not None and key != self.allocation.weight:
            return (self.allocated() or {}).get(row.name)
        parts = column.sum_of
        if not parts:
            return None
        values = [self.value(row, part) for part in parts]
        return None if any(v is None for v in values) else sum(v for v in values if v is not None)

    def column_sum(self, key: str) -> int | None:
        """The sum of a column over the rows (None when a cell is missing)."""
        values = [self.value(row, key) for row in self.rows]
        return None if any(v is None for v in values) else sum(v for v in values if v is not None)

    def total(self, key: str) -> int | None:
        """The total of a column as printed: the stated one, else the sum of the rows."""
        return self.totals.get(key, self.column_sum(key))
