"""Rules over allocation registers (ทะเบียนจัดสรร): sums, totals, targets."""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterator
from decimal import Decimal

from .. import checks
from ..findings import Severity
from ..model import Column, Node, Register
from ..model.register import referenced_total, sum_or_none
from ..thai import format_number as n
from .context import Context
from .registry import Issue, issue, rule

ERROR, WARNING = Severity.ERROR, Severity.WARNING


@rule("REG001", "row-sum", ERROR, "register")
def row_sum(reg: Register, ctx: Context) -> Iterator[Issue]:
    """A row's sum column equals the sum of its parts.

    Wrong: ``[เมืองลำปาง, ๑๔, ๓๕๔, ๓๖๙]`` where ``รวม`` is ``sum_of: [stars, quadrant_d]`` (๑๔ + ๓๕๔ = ๓๖๘).
    Right: ``[เมืองลำปาง, ๑๔, ๓๕๔, ๓๖๘]``, or leave the sum cell empty and kbo-docs computes it.
    """
    value = reg.value
    for col in reg.columns:
        if not col.sum_of:
            continue
        key, part_keys = col.key, col.sum_of
        typed_cols = [(k, reg.column(k)) for k in (key, *part_keys)]
        for row in reg.rows:
            typed = row.values.get(key)
            if typed is None:
                continue
            parts = [value(row, k) for k in part_keys]
            expected = sum_or_none(parts)  # what reg.computed_value gives for a sum column
            if expected is None:
                continue
            if typed < 0 or any(p < 0 for p in parts if p is not None):
                continue  # REG004 names the negative cell: one slip, one finding
            if any(too_precise(c, v) for k, c in typed_cols if (v := row.values.get(k)) is not None):
                continue  # REG012 names the cell typed with a decimal
            if typed != expected and compare(col, typed, expected) == "slip":
                yield issue(row, *checks.row_sum_message(row.name, col.title, col.key, typed, col.rounded(expected)),
                            "values", col.key)


@rule("REG002", "column-total", ERROR, "register")
def column_total(reg: Register, ctx: Context) -> Iterator[Issue]:
    """A stated total (the รวม row) equals the sum of the column over the rows.

    Wrong: ``totals: {quadrant_d: "๑,๖๙๗"}`` when the rows add up to ๑,๖๙๖.
    Right: ``totals: {quadrant_d: ๑,๖๙๖}``, or leave ``totals`` out and kbo-docs adds up the rows.
    """
    for key, stated in reg.totals.items():
        col = reg.column(key)
        if col.target:
            continue  # REG007 speaks about the target column
        actual = reg.computed_total(key)
        if any(too_precise(col, row.values[key]) for row in reg.rows if row.values.get(key) is not None):
            continue  # REG012 names the cell typed with a decimal
        if actual is not None and compare(col, stated, actual) == "slip":
            yield issue(reg, *checks.column_total_message(col.title, key, stated, col.rounded(actual)), "totals", key)


@rule("REG003", "total-row-sum", ERROR, "register")
def total_row_sum(reg: Register, ctx: Context) -> Iterator[Issue]:
    """In the รวม row, a sum column's total equals the totals of its parts, where the rows
    cannot be added up (a part left empty); elsewhere REG002 already compares each total with
    its rows, and one typo gives one finding.

    Wrong: ``totals: {stars: ๕๒, quadrant_d: ๑,๖๙๖, total: ๑,๗๕๘}`` (๕๒ + ๑,๖๙๖ = ๑,๗๔๘).
    Right: ``totals: {stars: ๕๒, quadrant_d: ๑,๖๙๖, total: ๑,๗๔๘}``.
    """
    for col in reg.columns:
        stated = reg.totals.get(col.key)
        if stated is None or not col.sum_of:
            continue
        if any(_stated_total_is_wrong(reg, k) for k in (col.key, *col.sum_of)) or reg.column_sum(col.key) is not None:
            continue  # one typo, one finding: REG002 speaks wherever the rows can be added up
        parts = [reg.total(k) for k in col.sum_of]
        if any(p is None for p in parts):
            continue
        expected = checks.sum_mismatch(stated, [p for p in parts if p is not None])
        if expected is not None:
            yield issue(reg, *checks.total_row_message(col.title, col.key, stated, expected, ", ".join(col.sum_of)),
                        "totals", col.key)


@rule("REG004", "negative-count", ERROR, "register")
def negative_count(reg: Register, ctx: Context) -> Iterator[Issue]:
    """No count in a register is negative.

    Wrong: ``[ห้างฉัตร, -๑, ๘๖, ๘๕, ๒]``.
    Right: ``[ห้างฉัตร, ๐, ๘๖, ๘๖, ๒]``.
    """
    signed = {c.key for c in reg.columns if c.difference or c.type in ("decimal", "percent")}
    for row in reg.rows:
        for key, value in row.values.items():
            if value is None or value >= 0 or key in signed:
                continue  # a difference or a ratio may be below zero
            yield issue(row, f"แถว {row.name}: ช่อง \"{reg.column(key).title}\" ติดลบ ({n(value)}) จำนวนนับต้องไม่ติดลบ",
                        f"row {row.name}: negative count {n(value, 'arabic')} in \"{reg.column(key).title}\"", "values", key)
    for key, value in reg.totals.items():
        if value < 0:
            yield issue(reg, f"แถวรวม ช่อง \"{reg.column(key).title}\" ติดลบ ({n(value)})",
                        f"negative total {n(value, 'arabic')} in \"{reg.column(key).title}\"", "totals", key)


def _stated_total_is_wrong(reg: Register, key: str) -> bool:
    stated, actual = reg.totals.get(key), reg.computed_total(key)
    col = reg.column(key)
    return stated is not None and actual is not None and compare(col, stated, actual) == "slip" and not col.target


def compare(col: Column, typed: int | Decimal, expected: int | Decimal) -> str | None:
    return col.compare(typed, expected)


def _figures(reg: Register, registers: list[Register], *, computed: bool = True, rounding: bool = False
             ) -> Iterator[tuple[Node, tuple[str | int, ...], Column, int | Decimal, int | Decimal, str]]:
    """Every typed figure that something else decides: (where, path, column, typed, expected,
    what decides it) for computed cells, stated totals and ``equals`` references
    (``computed=False``: the ``equals`` references only; ``rounding``: only in columns that
    tolerate a rounding difference, the only ones where :meth:`Column.compare` can say so)."""
    columns = [col for col in reg.columns if col.allowed > 0] if rounding else reg.columns
    if not columns:
        return
    computed_columns = [col for col in columns if col.computed] if computed else []
    for row in reg.rows:
        values = row.values
        for col in computed_columns:
            typed = values.get(col.key)
            if typed is not None:
                expected = reg.computed_value(row, col.key)
                if expected is not None:
                    yield row, ("values", col.key), col, typed, expected, "computed"
        if not row.equals:
            continue
        for col in columns:
            typed = values.get(col.key)
            ref = row.equals.get(col.key)
            if typed is not None and ref is not None:
                other = referenced_total(registers, ref)
                if other is not None:
                    yield row, ("equals", col.key), col, typed, other, ref
    for key, stated in reg.totals.items() if computed else ():
        col = reg.column(key)
        if rounding and not col.allowed > 0:
            continue
        expected = reg.computed_total(key)
        if expected is not None and not col.target:
            yield reg, ("totals", key), col, stated, expected, "total"
    for key, ref in reg.equals.items():
        if rounding and not reg.column(key).allowed > 0:
            continue
        total, other = reg.total(key), referenced_total(registers, ref)
        if total is not None and other is not None:
            yield reg, ("equals", key), reg.column(key), total, other, ref


@rule("REG010", "computed-cell", ERROR, "register")
def computed_cell(reg: Register, ctx: Context) -> Iterator[Issue]:
    """A typed cell of a computed column (``difference: [a, b]``, ``share_of: {part, whole}``)
    is what its parts give, rounded to the column's places.

    Wrong: ``[เมืองลำปาง, ๑๒๐,๐๐๐.๐๐, ๙๐,๐๐๐.๐๐, ๗๕.๐๐]`` with ``share_of: {part: spent, whole: budget}`` typed as ๗๗.๐๐.
    Right: ๗๕.๐๐, or leave the cell empty and kbo-docs computes it.
    """
    for row in reg.rows:
        for col in reg.columns:
            if not (col.difference or col.share_of):
                continue
            typed, expected = row.values.get(col.key), reg.computed_value(row, col.key)
            if typed is not None and expected is not None and compare(col, typed, expected) == "slip":
                shown = col.rounded(expected)
                yield issue(row, f"แถว {row.name}: ช่อง \"{col.title}\" พิมพ์ไว้ {n(typed)} แต่คำนวณได้ {n(shown)} "
                                 f"(แก้เป็น {n(shown)} หรือเว้นว่างให้คำนวณเอง)",
                            f"row {row.name}: the \"{col.title}\" cell says {n(typed, 'arabic')} but it computes to "
                            f"{n(shown, 'arabic')} (type it, or leave the cell empty)", "values", col.key)


@rule("REG011", "equals-register", ERROR, "register")
def equals_register(reg: Register, ctx: Context) -> Iterator[Issue]:
    """A cell or total with ``equals: <register>.total.<column>`` names a register and column of
    this file and equals that total (a summary row equals its detail table's total).

    Wrong: ``equals: {budget: lampang.total.budjet}``, or the row's budget ๑,๒๐๐,๐๐๐.๐๐ when
    the register ``lampang`` totals ๑,๑๕๐,๐๐๐.๐๐.
    Right: ``equals: {budget: lampang.total.budget}`` and ๑,๑๕๐,๐๐๐.๐๐ (or the cell left empty).
    """
    registers = ctx.project.registers
    refs = [(row, ("equals", k), ref) for row in reg.rows for k, ref in row.equals.items()]
    refs += [(reg, ("equals", k), ref) for k, ref in reg.equals.items()]
    for node, at, ref in refs:
        if referenced_total(registers, ref) is None:
            ids = ", ".join(r.id for r in registers)
            yield issue(node, f"อ้างถึงยอดที่ไม่มี: {ref} (เขียนเป็น <ทะเบียน>.total.<คอลัมน์>; ทะเบียน: {ids})",
                        f"unknown reference: {ref} (write <register>.total.<column>; registers: {ids})", *at)
    for node, at, col, typed, expected, why in _figures(reg, registers, computed=False):
        if at[0] == "equals" and compare(col, typed, expected) == "slip":
            yield issue(node, f"ช่อง \"{col.title}\" เป็น {n(typed)} แต่ {why} เป็น {n(expected)}",
                        f"\"{col.title}\" is {n(typed, 'arabic')} but {why} is {n(expected, 'arabic')}", *at)


@rule("REG012", "decimal-places", ERROR, "register")
def decimal_places(reg: Register, ctx: Context) -> Iterator[Issue]:
    """A count column holds whole numbers, and no cell has more decimal places than its column
    prints (money: baht and two places of satang).

    Wrong: ``๐.๖๔`` in a ``type: count`` column; ``๑,๒๓๔.๕๖๗`` in a ``type: money`` column.
    Right: ``type: decimal`` (or ``percent``) for ๐.๖๔; ``๑,๒๓๔.๕๗`` for money.
    """
    cells = ((row, ("values", k), k, v) for row in reg.rows for k, v in row.values.items())  # walked, not copied
    totals = ((reg, ("totals", k), k, v) for k, v in reg.totals.items())
    for node, at, key, value in itertools.chain(cells, totals):
        if type(value) is int or value is None:
            continue  # a whole number is never too precise (too_precise looks at Decimals only)
        col = reg.column(key)
        if too_precise(col, value):
            where_th, where_en = (f"แถว {node.name}", f"row {node.name}") if at[0] == "values" else ("แถวรวม", "the total row")
            if col.type == "count":
                th = "จำนวนนับต้องเป็นจำนวนเต็ม (ถ้าเป็นทศนิยมให้กำหนด 'type: decimal')"
                en = "a count must be a whole number (for decimals set 'type: decimal')"
            else:
                th = f"ทศนิยมเกิน {n(col.decimals)} ตำแหน่งของคอลัมน์"
                en = f"more than the column's {col.decimals} decimal places"
            yield issue(node, f"{where_th}: ช่อง \"{col.title}\" พิมพ์ไว้ {n(value)} {th}",
                        f"{where_en}: \"{col.title}\" says {n(value, 'arabic')}: {en}", *at)


def too_precise(col: Column, value: int | Decimal) -> bool:
    """A typed figure with more decimal places than its column prints (REG012 reports it; the
    sum rules leave it to REG012: one slip, one finding)."""
    if not isinstance(value, Decimal) or col.computed:
        return False
    return -int(value.as_tuple().exponent) > col.decimals


@rule("REG013", "rounding-difference", WARNING, "register")
def rounding_difference(reg: Register, ctx: Context) -> Iterator[Issue]:
    """A typed figure that differs from what it should be by no more than the column's
    ``tolerance`` (a share's default: one unit in the last place) is a rounding difference: a
    warning that says so, not an error.

    Wrong: ``totals: {share: ๑๐๐.๐๑}`` where the rounded shares add up to ๑๐๐.๐๑ but the
    share of the totals is ๑๐๐.๐๐ (reported as a rounding difference of ๐.๐๑).
    Right: ``totals: {share: ๑๐๐.๐๐}``, or keep the typed figure and note the rounding (``noqa``).
    """
    for node, at, col, typed, expected, why in _figures(reg, ctx.project.registers, rounding=True):
        if compare(col, typed, expected) == "rounding":
            diff = Decimal(typed) - Decimal(col.rounded(expected))
            yield issue(node, f"ผลต่างจากการปัดเศษ {n(diff)}: ช่อง \"{col.title}\" พิมพ์ไว้ {n(typed)} "
                              f"คำนวณได้ {n(col.rounded(expected))} (ไม่เกินค่าที่ยอมรับ {n(col.allowed)})",
                        f"rounding difference of {n(diff, 'arabic')}: \"{col.title}\" says {n(typed, 'arabic')}, "
                        f"computed {n(col.rounded(expected), 'arabic')} (within the tolerance {n(col.allowed, 'arabic')})", *at)


def _name_key(name: str) -> str:
    return "".join(unicodedata.normalize("NFC", name).split())


@rule("REG005", "duplicate-row", ERROR, "register")
def duplicate_row(reg: Register, ctx: Context) -> Iterator[Issue]:
    """No two rows have the same name (spaces ignored: ``เมือง ลำปาง`` = ``เมืองลำปาง``).

    Wrong: two rows named ``แม่ทะ``.
    Right: one row per district.
    """
    seen: dict[str, str] = {}
    for row in reg.rows:
        key = _name_key(row.name)
        if key in seen:
            yield issue(row, f"ชื่อแถวซ้ำ: {row.name}", f"duplicate row name: {row.name}", "name")
        seen[key] = row.name


@rule("REG006", "target-over-pool", ERROR, "register")
def target_over_pool(reg: Register, ctx: Context) -> Iterator[Issue]:
    """A row's target never exceeds what the row has to choose from (the target's ``pool`` column).

    Wrong: ``[สบปราบ, ๐, ๑, ๑, ๒]``: a target of ๒ from ๑ product.
    Right: a target no larger than the row's pool.
    """
    col = reg.target_column
    if col is None or col.pool is None:
        return
    for row in reg.rows:
        target, pool = reg.value(row, col.key), reg.value(row, col.pool)
        if target is not None and pool is not None and target > pool:
            yield issue(
                row, f"แถว {row.name}: เป้า {n(target)} มากกว่าที่มีให้เลือก {n(pool)} (ใส่ได้ไม่เกิน {n(pool)})",
                f"row {row.name}: target {n(target, 'arabic')} exceeds the {n(pool, 'arabic')} available (at most {n(pool, 'arabic')})",
                "values", col.key,
            )


@rule("REG007", "target-total", ERROR, "register")
def target_total(reg: Register, ctx: Context) -> Iterator[Issue]:
    """The targets add up to the stated total target (the รวม of the target column and,
    where the register declares an allocation rule, its ``total``).

    Wrong: targets ๔ + ๓ + ... = ๓๔ with ``totals: {target: ๓๕}``.
    Right: ``totals: {target: ๓๔}``, or refer to it in text as ``${<register>.total.target}``.
    """
    col = reg.target_column
    if col is None:
        return
    actual = reg.column_sum(col.key)
    if actual is None:
        return
    stated = [(reg.totals.get(col.key), ("totals", col.key))]
    if reg.allocation and reg.allocation.total is not None:
        stated.append((reg.allocation.total, ("allocation", "total")))
    for value, at in stated:
        if value is not None and value != actual:
            yield issue(
                reg, f"เป้ารวมที่ระบุ {n(value)} ไม่เท่ากับผลรวมเป้าของแถว {n(actual)}",
                f"stated total target {n(value, 'arabic')} differs from the sum of the row targets {n(actual, 'arabic')}", *at,
            )


@rule("REG008", "missing-cell", ERROR, "register")
def missing_cell(reg: Register, ctx: Context) -> Iterator[Issue]:
    """Every cell that kbo-docs cannot compute is filled in (sum columns may be left empty, and
    targets when the register declares an ``allocation`` rule).

    Wrong: ``{name: งาว, stars: ๔}`` with no ``quadrant_d``.
    Right: ``{name: งาว, stars: ๔, quadrant_d: ๑๐๘}``.
    """
    for row in reg.rows:
        for col in reg.columns:
            if (col.target and reg.allocation is not None) or col.sum_of:
                continue  # computed: a missing part is reported as itself
            if reg.value(row, col.key) is None:
                yield issue(row, f"แถว {row.name}: ช่อง \"{col.title}\" ว่าง (ถ้าไม่มีให้ใส่ - หรือ ๐)",
                            f"row {row.name}: no value for \"{col.title}\" (type - or 0 for none)", "name")


@rule("REG009", "allocation-rule", ERROR, "register")
def allocation_rule(reg: Register, ctx: Context) -> Iterator[Issue]:
    """Where a register declares how its targets were derived (``allocation:`` method,
    weight column, total, floor, cap column), every typed target is what that rule gives.

    Wrong: ``allocation: {method: hamilton, weight: total, floor: ๒}`` with เมืองลำปาง's target
    typed as ๕ (the rule gives ๔).
    Right: ๔, or leave the target cells empty and kbo-docs fills them in.
    """
    from ..allocate import METHOD_TH, AllocationError, allocate

    rule_ = reg.allocation
    col = reg.target_column
    if rule_ is None:
        return
    if col is None:
        yield issue(reg, "กำหนดวิธีจัดสรรแต่ไม่มีคอลัมน์เป้า (target: true)", "allocation declared but no column has target: true", "allocation")
        return
    try:
        rows, total, caps = reg.allocation_inputs()
        result = allocate(rows, total, rule_.method, rule_.floor, caps)
    except AllocationError as exc:
        th, _, en = str(exc).partition(" / ")
        yield issue(reg, th, en or th, "allocation")
        return
    expected = result.targets()
    for row in reg.rows:
        typed = row.values.get(col.key)
        if typed is not None and typed != expected[row.name]:
            yield issue(
                row, f"แถว {row.name}: เป้า {n(typed)} แต่วิธีจัดสรรที่กำหนด ({METHOD_TH[rule_.method]} ขั้นต่ำ {n(rule_.floor)}) "
                     f"ให้ {n(expected[row.name])} (แก้เป็น {n(expected[row.name])} หรือเว้นว่างให้คำนวณเอง)",
                f"row {row.name}: target {n(typed, 'arabic')} but the declared rule ({rule_.method}, floor {rule_.floor}) "
                f"gives {n(expected[row.name], 'arabic')} (type it, or leave it empty to have it computed)",
                "values", col.key,
            )
