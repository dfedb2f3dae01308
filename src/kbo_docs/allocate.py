"""Share an integer total among rows by weight (apportionment), exactly.

A provincial office shares a target (say 34 products to develop) among its
districts by weight (say each district's count of eligible products).
All arithmetic uses :class:`fractions.Fraction`; no floats.

Methods
-------
``"hamilton"``
    Largest remainder: each row's quota is ``seats * weight / sum(weights)``;
    every row gets the whole part of its quota, and the seats still left go one
    each to the largest fractional remainders.
``"dhondt"``
    Highest averages with divisors 1, 2, 3, ...: each seat in turn goes to the
    row with the largest ``weight / (k + 1)``, ``k`` being the seats it has won.
``"sainte-lague"``
    Highest averages with divisors 1, 3, 5, ...: ``weight / (2k + 1)``.

Floors and caps
---------------
``floor`` (an int for every row, or a mapping name -> int, missing names 0)
is the least a row gets; ``caps`` (mapping name -> int, missing names
uncapped) is the most a row may get.

1. Every row is first granted its floor (``from_floor``).
2. The method then shares the remaining ``R = total - sum(floors)`` seats *as
   if from zero*: quotas are taken of ``R`` (Hamilton) and every row's divisor
   sequence starts again at 1 (D'Hondt, Sainte-Laguë). A row's room is
   ``cap - floor``.
3. Caps, divisor methods: a row that has filled its room drops out and the
   next-best average takes the seat.
4. Caps, Hamilton: when the largest-remainder result gives rows more than their
   room, those rows are held at their room and the seats left are re-shared the
   same way among the other rows, until no row exceeds its room.

So a cap that the uncapped result already respects changes nothing, and
``allocate(rows, total, m, floor=f)`` gives each row ``f`` plus its share of
``allocate(rows, total - sum(floors), m)``.

``RowResult.quota`` is always the plain share ``total * weight / sum(weights)``,
before floors and caps (0 when every weight is 0).
``from_whole`` and ``from_remainder`` split the method's seats. Hamilton:
``from_whole`` is the whole part of the row's quota of the remaining seats (in
the last round of step 4; its room if held at its cap) and ``from_remainder``
the 0 or 1 seat won on remainder. Divisor methods: every seat is won in the
rounds of averages, so all count in ``from_whole``; ``from_remainder`` is 0.

Ties
----
Rows are ranked by the method's value (remainder or average), then by larger
weight, then by name in ``str`` order; so with unique names the result never
depends on the order of the rows. When rows level on the value of the last seat
given split into winners and losers, the split is reported as a :class:`Tie`.

``Allocation.explanation`` is two lines, Thai then English, naming the seats
decided last with their deciding values (every remainder seat for Hamilton,
the last three seats for the divisor methods), the next row in line, any tie,
and the rows that ended at their cap.

Impossible requests raise :class:`AllocationError` (a ``ValueError``) with a
one-line Thai / English message.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from fractions import Fraction

Weight = int | Fraction
METHODS: tuple[str, ...] = ("hamilton", "dhondt", "sainte-lague")
METHOD_TH: dict[str, str] = {
    "hamilton": "เศษเหลือมากที่สุด (Hamilton)",
    "dhondt": "ตัวหารดอนต์ (D'Hondt)",
    "sainte-lague": "ตัวหารแซงต์-ลากู (Sainte-Laguë)",
}
"""Thai names of the methods, for the Thai half of messages and tables."""
_DIVISOR_STEP = {"dhondt": 1, "sainte-lague": 2}  # divisor d(k) = 1 + step * k


class AllocationError(ValueError):
    """An impossible allocation request (message: ``Thai / English``)."""


@dataclass(frozen=True)
class RowResult:
    """One row's share; ``target = from_floor + from_whole + from_remainder``."""

    name: str
    weight: Fraction
    quota: Fraction
    from_floor: int
    from_whole: int
    from_remainder: int
    target: int
    cap: int | None


@dataclass(frozen=True)
class Tie:
    """Rows level at ``value`` on the last seat: ``winners`` got it, ``losers`` did not."""

    value: Fraction
    winners: tuple[str, ...]
    losers: tuple[str, ...]


@dataclass(frozen=True)
class Allocation:
    """The result of :func:`allocate`; ``rows`` keep the order they were given in."""

    method: str
    total: int
    ties: tuple[Tie, ...]
    target_of: dict[str, int] = field(repr=False)
    """Each row's target, by name (:meth:`targets` gives a copy)."""
    make_rows: Callable[[], tuple[RowResult, ...]] = field(repr=False, compare=False)
    explain: Callable[[], str] = field(repr=False, compare=False)
    """:attr:`rows` and :attr:`explanation` are made when first asked for: a register of
    100,000 rows is checked by its targets alone, and its Hamilton explanation names
    thousands of seats."""

    @cached_property
    def rows(self) -> tuple[RowResult, ...]:
        """Every row's share, in the order the rows were given."""
        return self.make_rows()

    @cached_property
    def explanation(self) -> str:
        """Two lines, Thai then English: where the last seats went and why."""
        return self.explain()

    def targets(self) -> dict[str, int]:
        """Map each row name to its target."""
        return dict(self.target_of)


@dataclass(frozen=True)
class Fit:
    """A (method, floor) pair that reproduces the given targets exactly."""

    method: str
    floor: int
    allocation: Allocation


@dataclass(frozen=True)
class _Share:
    """What a method did with the remaining seats."""

    whole: dict[str, int]
    remainder: dict[str, int]
    ties: tuple[Tie, ...]
    last: Sequence[tuple[str, Fraction]]  # the last seats given and their deciding values
    next_in_line: tuple[str, Fraction] | None


def allocate(
    rows: Sequence[tuple[str, Weight]],
    total: int,
    method: str = "hamilton",
    floor: int | Mapping[str, int] = 0,
    caps: Mapping[str, int] | None = None,
) -> Allocation:
    """Share ``total`` among ``rows`` (name, weight) pairs by ``method``.

    See the module docstring for the floor, cap and tie rules.
    """
    if method not in METHODS:
        raise AllocationError(f"ไม่รู้จักวิธีจัดสรร / unknown method {method!r}; use one of {', '.join(METHODS)}")
    caps = caps or {}
    weights, floors, rooms = _prepare(rows, total, floor, caps)
    seats = total - sum(floors.values())
    if method == "hamilton":
        share = _hamilton(seats, weights, rooms)
        kind = ("ตามเศษมากที่สุด", "by largest remainder")
    else:
        share = _divisor(seats, {n: Fraction(w) for n, w in weights.items()}, rooms, _DIVISOR_STEP[method])
        kind = ("ตามค่าเฉลี่ยสูงสุด", "by highest average")
    whole, remainder = share.whole, share.remainder
    target_of = {n: floors[n] + whole[n] + remainder[n] for n in weights}

    def make_rows() -> tuple[RowResult, ...]:
        scale = math.lcm(*(w.denominator for w in weights.values())) if weights else 1
        wsum = Fraction(sum(w.numerator * (scale // w.denominator) for w in weights.values()), scale)
        return tuple(
            RowResult(
                name=n,
                weight=Fraction(w),
                quota=Fraction(total * w.numerator * wsum.denominator, w.denominator * wsum.numerator) if wsum else Fraction(0),
                from_floor=floors[n],
                from_whole=share.whole[n],
                from_remainder=share.remainder[n],
                target=target_of[n],
                cap=caps.get(n),
            )
            for n, w in weights.items()
        )

    def explain() -> str:
        at_cap = sorted(n for n, w in weights.items() if w and target_of[n] == caps.get(n))
        return _explain(share, sum(floors.values()), seats, kind, at_cap)

    return Allocation(method, total, share.ties, target_of, make_rows, explain)


def explain_fit(
    rows: Sequence[tuple[str, Weight]],
    targets: Mapping[str, int],
    *,
    methods: Iterable[str] = METHODS,
    floors: Iterable[int] | None = None,
    caps: Mapping[str, int] | None = None,
) -> list[Fit]:
    """List the (method, uniform floor) pairs whose allocation of ``sum(targets)`` equals ``targets``.

    ``floors`` defaults to ``0 .. max(targets)``; a floor above the smallest
    target can never fit and is skipped. Fits come in ``methods`` order, then
    floor; errors from :func:`allocate` (say a floor above a cap) propagate.
    """
    if {n for n, _ in rows} != set(targets):
        raise AllocationError("ชื่อเป้าหมายไม่ตรงกับแถว / targets must name exactly the rows")
    total = sum(targets.values())
    lowest = min(targets.values(), default=0)
    if floors is None:
        floors = _possible_floors(rows, targets, caps)
    floor_range = [f for f in floors if 0 <= f <= lowest]
    if len(floor_range) * len(METHODS) > MAX_FIT_TRIALS:
        raise AllocationError(
            f"ต้องลองขั้นต่ำ {len(floor_range):,} ค่า มากเกินไป / {len(floor_range):,} floors would have to be tried "
            f"(at most {MAX_FIT_TRIALS // len(METHODS):,}): give the floor with --floor and allocate instead"
        )
    fits = []
    for method in methods:
        for f in floor_range:
            result = allocate(rows, total, method, floor=f, caps=caps)
            if result.targets() == dict(targets):
                fits.append(Fit(method, f, result))
    return fits


MAX_FIT_TRIALS = 3000
"""Allocations explain-fit may try (methods times floors)."""


def _possible_floors(rows: Sequence[tuple[str, Weight]], targets: Mapping[str, int],
                     caps: Mapping[str, int] | None) -> range:
    """The uniform floors that can reproduce ``targets``: 0 .. the smallest target, narrowed
    (without caps) by quotas. With floor ``f`` a row's share of the ``T - n f`` seats left is
    ``t - f``; every method here gives a row its quota ``(T - n f) w / W`` within ``n`` seats,
    so ``|t - f - (T - n f) w / W| < n + 1`` for every row bounds ``f`` on both sides."""
    lowest = min(targets.values(), default=0)
    lo, hi = Fraction(0), Fraction(lowest)
    wsum = sum(Fraction(w) for _, w in rows)
    n = len(rows)
    if caps or not wsum or not n:
        return range(lowest + 1)
    total = sum(targets.values())
    for name, weight in rows:
        share = Fraction(weight) / wsum
        a = targets[name] - total * share  # t - f - (T - n f) p  ==  a - b f
        b = 1 - n * share
        if b == 0:
            continue
        ends = sorted(((a - n - 1) / b, (a + n + 1) / b))
        lo, hi = max(lo, ends[0]), min(hi, ends[1])
    if lo > hi:
        return range(0)
    return range(math.floor(lo), math.ceil(hi) + 1)


def _prepare(
    rows: Sequence[tuple[str, Weight]],
    total: int,
    floor: int | Mapping[str, int],
    caps: Mapping[str, int],
) -> tuple[dict[str, Weight], dict[str, int], dict[str, int | None]]:
    """Check the request; return weights (a whole weight stays an ``int``: making a Fraction of
    each of 100,000 rows was a third of the time), floors and rooms (``cap - floor``, None if
    uncapped)."""
    if total < 0:
        raise AllocationError(f"ยอดรวมติดลบ / negative total {total}")
    weights: dict[str, Weight] = {}
    for name, weight in rows:
        if name in weights:
            raise AllocationError(f"ชื่อแถวซ้ำ / duplicate row name {name!r}")
        if isinstance(weight, bool) or not isinstance(weight, (int, Fraction)):
            raise TypeError(f"weight of {name!r} must be int or Fraction, not {type(weight).__name__}")
        if weight < 0:
            raise AllocationError(f"น้ำหนักติดลบ / negative weight {weight} for row {name!r}")
        weights[name] = weight if type(weight) is int else Fraction(weight)
    uniform = not isinstance(floor, Mapping)
    floor_map = dict.fromkeys(weights, floor) if uniform else floor
    for label, mapping in (("floor", floor_map), ("cap", caps)):
        if label == "floor" and uniform:  # one floor for every row: one value to look at
            if weights and floor < 0:
                raise AllocationError(f"ค่าติดลบ / negative {label} {floor} for row {next(iter(weights))!r}")
            continue
        unknown = sorted(set(mapping) - set(weights))
        if unknown:
            raise AllocationError(f"ไม่พบแถว / {label} given for unknown rows {unknown}")
        for name, value in mapping.items():
            if value < 0:
                raise AllocationError(f"ค่าติดลบ / negative {label} {value} for row {name!r}")
    floors = floor_map if uniform else {n: floor_map.get(n, 0) for n in weights}
    for name, cap in caps.items():
        if floors[name] > cap:
            raise AllocationError(f"ขั้นต่ำเกินเพดาน / floor {floors[name]} above cap {cap} for row {name!r}")
    if sum(floors.values()) > total:
        raise AllocationError(f"ขั้นต่ำรวมเกินยอดรวม / floors sum to {sum(floors.values())}, above the total {total}")
    if weights and set(caps) == set(weights) and sum(caps.values()) < total:
        raise AllocationError(f"เพดานรวมต่ำกว่ายอดรวม / caps sum to {sum(caps.values())}, below the total {total}")
    rooms = {n: caps[n] - floors[n] if n in caps else None for n in weights}
    seats = total - sum(floors.values())
    if seats and not any(weights.values()):
        raise AllocationError(f"น้ำหนักเป็นศูนย์ทั้งหมด / every weight is zero, but {seats} seat(s) remain after floors")
    positive = [n for n, w in weights.items() if w]
    if all(n in caps for n in positive) and (room := sum(caps[n] - floors[n] for n in positive)) < seats:
        raise AllocationError(
            f"แถวที่มีน้ำหนักรับได้ไม่พอ / {seats} seat(s) remain after floors,"
            f" but rows with positive weight have room for only {room}"
        )
    return weights, floors, rooms


def _hamilton(seats: int, weights: dict[str, Weight], rooms: dict[str, int | None]) -> _Share:
    """Largest remainder over ``seats``; rows given more than their room are held there and the rest re-shared.

    Exact in integers: the weights are brought to a common denominator, so every quota is
    ``left * w / wsum`` with integer ``w`` and one denominator ``wsum``, and remainders compare
    as integers; fractions are made only for what the explanation shows."""
    scale = math.lcm(*(w.denominator for w in weights.values())) if weights else 1
    iw = {n: w.numerator * (scale // w.denominator) for n, w in weights.items()}
    held: dict[str, int] = {}
    while True:
        active = [n for n in weights if n not in held]
        left = seats - sum(held.values())
        wsum = sum(iw[n] for n in active)
        whole: dict[str, int] = {}
        rem: dict[str, int] = {}
        for n in active:
            whole[n], rem[n] = divmod(left * iw[n], wsum) if wsum else (0, 0)
        # largest remainder first, then larger weight, then name: three stable sorts on plain
        # keys (a reversed sort keeps equal keys in order), a third of the time of tuple keys
        ranked = sorted(active)
        ranked.sort(key=iw.__getitem__, reverse=True)
        ranked.sort(key=rem.__getitem__, reverse=True)
        spare = left - sum(whole.values())
        winners, losers = ranked[:spare], ranked[spare:]
        won = set(winners)
        over = {n: room for n in active if (room := rooms[n]) is not None and whole[n] + (n in won) > room}
        if not over:
            break
        held |= over
    denominator = wsum or 1
    ties: tuple[Tie, ...] = ()
    if winners:
        cut = rem[winners[-1]]
        tied_out = tuple(sorted(n for n in losers if rem[n] == cut))
        if tied_out:
            ties = (Tie(Fraction(cut, denominator), tuple(sorted(n for n in winners if rem[n] == cut)), tied_out),)
    return _Share(
        whole=whole | held,
        remainder={n: int(n in won) for n in weights},
        ties=ties,
        last=_Remainders(winners, rem, denominator),
        next_in_line=(losers[0], Fraction(rem[losers[0]], denominator)) if winners and losers else None,
    )


class _Remainders(Sequence[tuple[str, Fraction]]):
    """The last seats' rows with their remainders (``rem / denominator``), as Fractions only
    when the explanation reads them: a Hamilton share of 100,000 rows has tens of thousands."""

    def __init__(self, names: list[str], rem: dict[str, int], denominator: int) -> None:
        self.names, self.rem, self.denominator = names, rem, denominator

    def __len__(self) -> int:
        return len(self.names)

    def __getitem__(self, i):  # type: ignore[no-untyped-def,override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        name = self.names[i]
        return name, Fraction(self.rem[name], self.denominator)

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, (Sequence, _Remainders)) else NotImplemented

    __hash__ = None  # type: ignore[assignment]


def _seats_above(weight: Fraction, level: Fraction, step: int) -> int:
    """How many averages ``weight / (1 + step * k)``, k = 0, 1, ..., are above ``level``."""
    if weight <= level:
        return 0
    ratio = weight / level  # 1 + step * k < ratio
    return math.ceil((ratio - 1) / step)


def _presettle(seats: int, weights: dict[str, Fraction], rooms: dict[str, int | None], step: int) -> dict[str, int]:
    """Seats that the highest-averages rounds give first, found in closed form.

    Every average above a level ``L`` is won before any average at or below it, so each row's
    count of averages above ``L`` (at most its room) can be given at once, as long as they add
    up to no more than the seats. ``L`` is chosen so that at most a few seats per row (and at
    least the last three, for the explanation) are left to the rounds; each pass settles the
    rows that reached their room and lowers ``L`` for the others."""
    won = dict.fromkeys(weights, 0)
    level: Fraction | None = None
    for _ in range(len(weights) + 2):
        active = [n for n, w in weights.items() if w and (rooms[n] is None or won[n] < rooms[n])]
        left = seats - sum(won.values())
        wsum = sum(weights[n] for n in active)
        aim = left + sum(won[n] for n in active) - len(active) - 3
        if not active or aim <= 0 or left <= 2 * len(active) + 3:
            break
        candidate = wsum / (step * aim)
        level = candidate if level is None else min(level, candidate)
        counts = {}
        for n in active:
            room = rooms[n]
            count = max(won[n], _seats_above(weights[n], level, step))
            counts[n] = count if room is None else min(count, room)
        extra = sum(counts[n] - won[n] for n in active)
        if extra <= 0 or extra > left - 3:
            break
        won.update(counts)
    return won


def _divisor(seats: int, weights: dict[str, Fraction], rooms: dict[str, int | None], step: int) -> _Share:
    """Highest averages with divisors ``1 + step * k``; a row stops at its room. The bulk of the
    seats is given in closed form (:func:`_presettle`), the last ones round by round."""
    won = _presettle(seats, weights, rooms, step)
    # heap entries: (-average, -weight, name); names are unique, so entries never tie
    heap = [(-w / (1 + step * won[n]), -w, n) for n, w in weights.items()
            if rooms[n] is None or won[n] < rooms[n]]
    heapq.heapify(heap)
    last: list[tuple[str, Fraction]] = []
    for _ in range(seats - sum(won.values())):  # _prepare guarantees a positive average is always on the heap
        neg_avg, neg_w, name = heapq.heappop(heap)
        won[name] += 1
        last.append((name, -neg_avg))
        room = rooms[name]
        if room is None or won[name] < room:
            heapq.heappush(heap, (neg_w / (1 + step * won[name]), neg_w, name))
    ties: tuple[Tie, ...] = ()
    if last:
        cut = last[-1][1]
        tied_out = tuple(sorted(n for a, _, n in heap if -a == cut))
        if tied_out:
            ties = (Tie(cut, tuple(sorted(n for n, a in last if a == cut)), tied_out),)
    nxt = (heap[0][2], -heap[0][0]) if last and heap and heap[0][0] < 0 else None
    return _Share(won, dict.fromkeys(weights, 0), ties, last[-3:], nxt)


def _fmt(x: Fraction) -> str:
    """Show a non-negative fraction with three decimals, rounded exactly."""
    n = round(x * 1000)
    return f"{n // 1000}.{n % 1000:03d}"


def _explain(share: _Share, floored: int, seats: int, kind: tuple[str, str], at_cap: list[str]) -> str:
    """Two lines, Thai then English, on where the last seats went and why."""
    th: list[str] = []
    en: list[str] = []
    if floored and seats:
        th.append(f"ให้ขั้นต่ำก่อน {floored} ที่ แล้วแบ่งอีก {seats} ที่{kind[0]}")
        en.append(f"Floors gave {floored} seats first; the other {seats} were shared {kind[1]}")
    elif floored:
        th.append(f"ขั้นต่ำใช้ครบทั้ง {floored} ที่ ไม่เหลือให้แบ่ง")
        en.append(f"Floors took all {floored} seats, none were left to share")
    elif seats:
        th.append(f"แบ่ง {seats} ที่{kind[0]}")
        en.append(f"The {seats} seats were shared {kind[1]}")
    else:
        th.append("ไม่มีที่นั่งให้แบ่ง")
        en.append("There were no seats to share")
    if share.last:
        picks = ", ".join(f"{n} ({_fmt(v)})" for n, v in share.last)
        th.append(f"{len(share.last)} ที่สุดท้ายได้แก่ {picks}")
        en.append(f"the last {len(share.last)} went to {picks}")
    elif seats:
        th.append("ส่วนจำนวนเต็มครบทุกที่ ไม่มีที่ตัดสินด้วยเศษ")
        en.append("whole parts filled every seat, none went by remainder")
    if share.next_in_line:
        name, value = share.next_in_line
        th.append(f"ลำดับถัดไปคือ {name} ({_fmt(value)})")
        en.append(f"next in line was {name} at {_fmt(value)}")
    for tie in share.ties:
        rows = ", ".join(tie.winners + tie.losers)
        th.append(f"เสมอกันที่ {_fmt(tie.value)} ระหว่าง {rows} ตัดสินด้วยน้ำหนักมากกว่าแล้วชื่อ")
        en.append(f"tie at {_fmt(tie.value)} among {rows}, broken by larger weight, then name")
    if at_cap:
        th.append(f"ได้เต็มเพดาน: {', '.join(at_cap)}")
        en.append(f"at their cap: {', '.join(at_cap)}")
    return "; ".join(th) + "\n" + "; ".join(en) + "."
