"""Tests for kbo_docs.allocate: published examples, errors, ties, and properties."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kbo_docs.allocate import METHODS, AllocationError, Tie, allocate, explain_fit

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
STEP = {"dhondt": 1, "sainte-lague": 2}


def seats(result) -> list[int]:
    return [r.target for r in result.rows]


# --- published examples -----------------------------------------------------

# Source: Wikipedia, "Largest remainder method" (example with 10 seats).
# Votes 47,000 / 16,000 / 15,800 / 12,000 / 6,100 / 3,100, total 100,000, so the
# Hare quota is 10,000 votes and the quotas are 4.70 / 1.60 / 1.58 / 1.20 / 0.61 / 0.31.
# Whole parts 4+1+1+1+0+0 = 7; the 3 seats left go to the largest remainders
# .70 (A), .61 (E), .60 (B); next is C at .58. Result 5, 2, 1, 1, 1, 0.
WIKI_LR = [("A", 47_000), ("B", 16_000), ("C", 15_800), ("D", 12_000), ("E", 6_100), ("F", 3_100)]

# Source: Wikipedia, "D'Hondt method" and "Sainte-Laguë method" (8 seats).
# D'Hondt averages: A 100k 50k 33.3k 25k | B 80k 40k 26.7k 20k | C 30k 15k | D 20k.
#   The 8 highest: 100k A, 80k B, 50k A, 40k B, 33.3k A, 30k C, 26.7k B, 25k A -> 4, 3, 1, 0.
# Sainte-Laguë (divisors 1, 3, 5, 7): A 100k 33.3k 20k 14.3k | B 80k 26.7k 16k | C 30k 10k | D 20k.
#   The 8 highest: 100k A, 80k B, 33.3k A, 30k C, 26.7k B, 20k A, 20k D, 16k B -> 3, 3, 1, 1;
#   next is A at 14.3k. A and D are level at 20k but both win, so that is no tie.
WIKI_HA = [("A", 100_000), ("B", 80_000), ("C", 30_000), ("D", 20_000)]


def test_wikipedia_largest_remainder():
    result = allocate(WIKI_LR, 10, "hamilton")
    assert seats(result) == [5, 2, 1, 1, 1, 0]
    assert [r.quota for r in result.rows] == [Fraction(n, 100) for n in (470, 160, 158, 120, 61, 31)]
    assert [(r.from_whole, r.from_remainder) for r in result.rows] == [(4, 1), (1, 1), (1, 0), (1, 0), (0, 1), (0, 0)]
    assert result.ties == ()
    assert "the last 3 went to A (0.700), E (0.610), B (0.600); next in line was C at 0.580" in result.explanation


def test_wikipedia_dhondt():
    result = allocate(WIKI_HA, 8, "dhondt")
    assert seats(result) == [4, 3, 1, 0]
    assert all(r.from_remainder == 0 and r.from_whole == r.target for r in result.rows)
    # after 8 seats A (100k/5), B (80k/4) and D (20k/1) are level at 20k; A is first by weight
    assert "next in line was A at 20000.000" in result.explanation
    assert result.ties == ()  # the level rows all missed out, so the last seat (25k) was no tie


def test_wikipedia_sainte_lague():
    result = allocate(WIKI_HA, 8, "sainte-lague")
    assert seats(result) == [3, 3, 1, 1]
    assert result.ties == ()
    assert "next in line was A at 14285.714" in result.explanation


# --- the Lampang register (KBO 2568) ----------------------------------------

LAMPANG = ["เมืองลำปาง", "แม่เมาะ", "เกาะคา", "เสริมงาม", "งาว", "แจ้ห่ม", "วังเหนือ",
           "เถิน", "แม่พริก", "แม่ทะ", "สบปราบ", "ห้างฉัตร", "เมืองปาน"]  # fmt: skip
LAMPANG_TARGETS = dict(zip(LAMPANG, [4, 3, 3, 2, 3, 2, 3, 2, 2, 3, 2, 2, 3]))
LAMPANG_COLUMNS = {
    "row total": [368, 202, 192, 85, 112, 88, 119, 51, 42, 180, 58, 86, 165],
    "stars": [14, 3, 10, 2, 4, 2, 3, 4, 5, 3, 1, 0, 1],
    "quadrant D": [354, 199, 182, 83, 108, 86, 116, 47, 37, 177, 57, 86, 164],
}


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        ("row total", [("hamilton", 2), ("sainte-lague", 2)]),
        ("stars", []),
        ("quadrant D", [("hamilton", 2), ("sainte-lague", 2)]),
    ],
)
def test_lampang_fit(column, expected):
    rows = list(zip(LAMPANG, LAMPANG_COLUMNS[column]))
    fits = explain_fit(rows, LAMPANG_TARGETS)
    assert [(f.method, f.floor) for f in fits] == expected
    assert all(f.allocation.ties == () and f.allocation.total == 34 for f in fits)


def test_lampang_hamilton_floor_2_by_hand():
    # 13 districts x floor 2 = 26; 8 seats left over a weight sum of 1748.
    # Only เมืองลำปาง has a whole seat (368*8/1748 = 1.684); the other 7 go to the
    # remainders .924 แม่เมาะ, .879 เกาะคา, .824 แม่ทะ, .755 เมืองปาน, .684 เมืองลำปาง,
    # .545 วังเหนือ, .513 งาว; next is แจ้ห่ม at 704/1748 = .403.
    result = allocate(list(zip(LAMPANG, LAMPANG_COLUMNS["row total"])), 34, floor=2)
    assert result.targets() == LAMPANG_TARGETS
    assert result.rows[0].quota == Fraction(34 * 368, 1748)
    assert (result.rows[0].from_floor, result.rows[0].from_whole, result.rows[0].from_remainder) == (2, 1, 1)
    assert "next in line was แจ้ห่ม at 0.403" in result.explanation
    assert "ให้ขั้นต่ำก่อน 26 ที่" in result.explanation


def test_lampang_dhondt_floor_2_is_one_off():
    # D'Hondt gives เมืองลำปาง a 5th (368/3 = 122.7 beats งาว's 112) and งาว only 2.
    result = allocate(list(zip(LAMPANG, LAMPANG_COLUMNS["row total"])), 34, "dhondt", floor=2)
    assert result.targets() | {"เมืองลำปาง": 4, "งาว": 3} == LAMPANG_TARGETS
    assert (result.targets()["เมืองลำปาง"], result.targets()["งาว"]) == (5, 2)


# --- floors and caps ----------------------------------------------------------


def test_caps_dhondt():
    # A may hold 2. Seats: 100k A, 80k B, 50k A (A full), 40k B, 30k C, 26.7k B, then
    # B's 80k/4 = 20k and D's 20k are level (B first by weight) and both win the 7th and
    # 8th seats, ahead of B's 16k and C's 15k. So A 2, B 4, C 1, D 1, and no tie.
    result = allocate(WIKI_HA, 8, "dhondt", caps={"A": 2})
    assert seats(result) == [2, 4, 1, 1]
    assert result.ties == ()
    assert [r.cap for r in result.rows] == [2, None, None, None]
    assert "at their cap: A" in result.explanation


def test_caps_hamilton_reshares_the_rest():
    # A would get 5 > cap 3: hold A at 3, share 7 over B..F (weight 53,000).
    # Quotas 7w/53000: B 2.113, C 2.087, D 1.585, E 0.806, F 0.409; whole 2+2+1 = 5,
    # the 2 left go to E (.806) and D (.585). Result 3, 2, 2, 2, 1, 0.
    result = allocate(WIKI_LR, 10, "hamilton", caps={"A": 3})
    assert seats(result) == [3, 2, 2, 2, 1, 0]
    assert (result.rows[0].from_whole, result.rows[0].from_remainder) == (3, 0)


def test_hamilton_cap_that_does_not_bind_changes_nothing():
    # Weights 3, 3, 1, 3 seats: quotas 9/7 = 1.286, 1.286, 3/7 = .429; whole parts 1, 1, 0
    # and the last seat goes to c (.429): 1, 1, 1. A cap of 1 on a is respected already,
    # so it must change nothing -- although a's quota 1.286 is above it (holding every row
    # whose *quota* exceeds its cap would re-share 2 seats over b, c as 1.5 / .5 -> 2, 0).
    assert seats(allocate([("a", 3), ("b", 3), ("c", 1)], 3, caps={"a": 1})) == [1, 1, 1]


def test_per_row_floor():
    result = allocate(WIKI_HA, 8, "dhondt", floor={"D": 2})
    # D gets 2 up front; the other 6 seats by D'Hondt from zero: A 100k, B 80k, A 50k,
    # B 40k, A 33.3k, C 30k -> A 3, B 2, C 1, D 0 + 2.
    assert seats(result) == [3, 2, 1, 2]
    assert result.rows[3].from_floor == 2


# --- ties -------------------------------------------------------------------


@pytest.mark.parametrize(("method", "value"), [("hamilton", Fraction(1, 2)), ("dhondt", 1), ("sainte-lague", 1)])
def test_equal_weights_one_seat_is_a_reported_tie(method, value):
    result = allocate([("b", 1), ("a", 1)], 1, method)
    assert result.targets() == {"a": 1, "b": 0}  # broken by name
    assert result.ties == (Tie(Fraction(value), ("a",), ("b",)),)
    assert "tie at" in result.explanation


def test_hamilton_tie_broken_by_larger_weight_first():
    # Weights 1 and 3, 2 seats: quotas 0.5 and 1.5, whole parts 0 and 1, both remainders
    # are 0.5; the larger weight (z) takes the last seat although "a" comes first by name.
    result = allocate([("a", 1), ("z", 3)], 2, "hamilton")
    assert result.targets() == {"a": 0, "z": 2}
    assert result.ties == (Tie(Fraction(1, 2), ("z",), ("a",)),)


def test_tie_broken_by_larger_weight_first():
    # D'Hondt, 2 seats: "z" (4) wins the 1st at 4; for the 2nd, z's 4/2 = 2 and "a"'s 2/1 = 2
    # are level, and the larger weight (z) wins although "a" comes first by name.
    result = allocate([("a", 2), ("z", 4)], 2, "dhondt")
    assert result.targets() == {"a": 0, "z": 2}
    assert result.ties == (Tie(Fraction(2), ("z",), ("a",)),)


# --- errors -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(rows=[("a", 1)] * 2, total=1), "ชื่อแถวซ้ำ / duplicate row name 'a'"),
        (dict(rows=[("a", -1)], total=1), "น้ำหนักติดลบ / negative weight -1 for row 'a'"),
        (dict(rows=[("a", 1)], total=-1), "ยอดรวมติดลบ / negative total -1"),
        (dict(rows=[(str(i), 1) for i in range(13)], total=34, floor=3),
         "ขั้นต่ำรวมเกินยอดรวม / floors sum to 39, above the total 34"),
        (dict(rows=[("a", 1), ("b", 1)], total=5, caps={"a": 2, "b": 2}),
         "เพดานรวมต่ำกว่ายอดรวม / caps sum to 4, below the total 5"),
        (dict(rows=[("a", 1)], total=5, floor=3, caps={"a": 2}), "ขั้นต่ำเกินเพดาน / floor 3 above cap 2 for row 'a'"),
        (dict(rows=[("a", 0), ("b", 0)], total=5, floor=2),
         "น้ำหนักเป็นศูนย์ทั้งหมด / every weight is zero, but 1 seat(s) remain after floors"),
        (dict(rows=[("a", 1), ("b", 0)], total=5, caps={"a": 2}),
         "แถวที่มีน้ำหนักรับได้ไม่พอ / 5 seat(s) remain after floors, but rows with positive weight have room for only 2"),
        (dict(rows=[("a", 1)], total=1, floor=-1), "ค่าติดลบ / negative floor -1 for row 'a'"),
        (dict(rows=[("a", 1)], total=1, caps={"x": 1}), "ไม่พบแถว / cap given for unknown rows ['x']"),
        (dict(rows=[("a", 1)], total=1, method="webster"), "ไม่รู้จักวิธีจัดสรร / unknown method 'webster'"),
    ],
)
def test_impossible_requests(kwargs, message):
    with pytest.raises(AllocationError) as info:
        allocate(**kwargs)
    assert message in str(info.value)
    assert isinstance(info.value, ValueError) and "\n" not in str(info.value)


def test_float_weight_rejected():
    with pytest.raises(TypeError):
        allocate([("a", 0.5)], 1)  # type: ignore[list-item]


def test_explain_fit_needs_the_same_names():
    with pytest.raises(AllocationError, match="targets must name exactly the rows"):
        explain_fit([("a", 1)], {"b": 1})


def test_zero_total_and_zero_weights_are_fine():
    assert seats(allocate([("a", 0), ("b", 0)], 0)) == [0, 0]
    assert seats(allocate([("a", 0), ("b", 0)], 4, "dhondt", floor=2)) == [2, 2]


# --- properties -------------------------------------------------------------

names = st.text(alphabet="abcdeกขค", min_size=1, max_size=4)
# mostly large random weights, some tiny ones so that ties actually happen
weights = st.one_of(st.integers(0, 10**6), st.integers(0, 4))


@st.composite
def plain(draw):
    """Rows (1..30, unique names, weights 0..10^6) and a total, no floors or caps."""
    row_names = draw(st.lists(names, min_size=1, max_size=30, unique=True))
    rows = [(n, draw(weights)) for n in row_names]
    total = draw(st.integers(0, 120))
    assume(total == 0 or any(w for _, w in rows))
    return rows, total


@st.composite
def constrained(draw):
    """Rows with per-row floors (0..3), caps on some rows, and a total that can be met."""
    rows, _ = draw(plain())
    floors = {n: draw(st.integers(0, 3)) for n, _ in rows}
    caps = {n: floors[n] + draw(st.integers(0, 6)) for n, _ in rows if draw(st.booleans())}
    positive = [n for n, w in rows if w]
    room = sum(caps[n] - floors[n] for n in positive) if all(n in caps for n in positive) else 120
    total = sum(floors.values()) + draw(st.integers(0, room))
    return rows, total, floors, caps


def reference_divisor(rows, total, step, floors, caps):
    """Highest averages, one seat at a time: max weight / (1 + step * seats won), ties by weight then name."""
    won = {n: 0 for n, _ in rows}
    weight = dict(rows)
    for _ in range(total - sum(floors.values())):
        open_rows = [n for n in won if n not in caps or floors[n] + won[n] < caps[n]]
        best = min(open_rows, key=lambda n: (-Fraction(weight[n], 1 + step * won[n]), -weight[n], n))
        won[best] += 1
    return {n: floors[n] + won[n] for n in won}


@FAST
@given(constrained(), st.sampled_from(METHODS))
def test_sum_floors_caps_and_parts(problem, method):
    rows, total, floors, caps = problem
    result = allocate(rows, total, method, floor=floors, caps=caps)
    assert sum(seats(result)) == total
    for r in result.rows:
        assert r.target >= floors[r.name] == r.from_floor
        assert r.name not in caps or r.target <= caps[r.name]
        assert r.target == r.from_floor + r.from_whole + r.from_remainder
        assert r.from_whole >= 0 and r.from_remainder in ((0, 1) if method == "hamilton" else (0,))


@FAST
@given(constrained(), st.sampled_from(METHODS), st.data())
def test_row_order_does_not_matter(problem, method, data):
    rows, total, floors, caps = problem
    shuffled = data.draw(st.permutations(rows))
    a = allocate(rows, total, method, floor=floors, caps=caps)
    b = allocate(shuffled, total, method, floor=floors, caps=caps)
    assert sorted(a.rows, key=lambda r: r.name) == sorted(b.rows, key=lambda r: r.name)
    assert (a.ties, a.explanation) == (b.ties, b.explanation)


@FAST
@given(plain())
def test_hamilton_stays_within_quota(problem):
    rows, total = problem
    for r in allocate(rows, total, "hamilton").rows:
        assert math.floor(r.quota) <= r.target <= math.ceil(r.quota)


@FAST
@given(constrained(), st.sampled_from(["dhondt", "sainte-lague"]))
def test_divisor_methods_match_reference(problem, method):
    rows, total, floors, caps = problem
    result = allocate(rows, total, method, floor=floors, caps=caps)
    assert result.targets() == reference_divisor(rows, total, STEP[method], floors, caps)


@FAST
@given(constrained(), st.sampled_from(["dhondt", "sainte-lague"]))
def test_divisor_min_max_inequality(problem, method):
    # min over rows with a method seat of w / d(k - 1) >= max over rows with room of w / d(k)
    rows, total, floors, caps = problem
    result = allocate(rows, total, method, floor=floors, caps=caps)
    d = lambda k: 1 + STEP[method] * k  # noqa: E731
    won = {r.name: (r.weight, r.target - r.from_floor) for r in result.rows}
    last_in = [w / d(k - 1) for w, k in won.values() if k > 0]
    first_out = [w / d(won[n][1]) for n, (w, _) in won.items() if n not in caps or result.targets()[n] < caps[n]]
    if last_in and first_out:
        assert min(last_in) >= max(first_out)


@FAST
@given(constrained(), st.sampled_from(METHODS))
def test_floors_then_method_from_zero(problem, method):
    # documented: floors first, then the method shares the rest as if from zero
    rows, total, floors, _ = problem
    with_floors = allocate(rows, total, method, floor=floors).targets()
    rest = allocate(rows, total - sum(floors.values()), method).targets()
    assert with_floors == {n: floors[n] + rest[n] for n in rest}


@FAST
@given(plain(), st.sampled_from(METHODS), st.data())
def test_slack_caps_change_nothing(problem, method, data):
    rows, total = problem
    free = allocate(rows, total, method)
    caps = {r.name: r.target + data.draw(st.integers(0, 2)) for r in free.rows if data.draw(st.booleans())}
    capped = allocate(rows, total, method, caps=caps)
    assert capped.targets() == free.targets()


@FAST
@given(plain(), st.sampled_from(METHODS))
def test_reported_ties_are_real(problem, method):
    rows, total = problem
    result = allocate(rows, total, method)
    weight = dict(rows)
    for tie in result.ties:
        assert tie.winners and tie.losers and not set(tie.winners) & set(tie.losers)
        # every winner outranks every loser by the stated rule: larger weight, then name
        assert min((-weight[n], n) for n in tie.losers) > max((-weight[n], n) for n in tie.winners)


@FAST
@given(plain(), st.sampled_from(METHODS))
def test_explain_fit_finds_the_allocation_it_came_from(problem, method):
    rows, total = problem
    targets = allocate(rows, total, method).targets()
    fits = explain_fit(rows, targets, methods=[method], floors=[0])
    assert [(f.method, f.floor) for f in fits] == [(method, 0)]
