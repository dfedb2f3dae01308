"""Letter numbers as parts and as one string (property tests): the printed form built from the
parts reads back as the same parts, and a typed string prints exactly as typed."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from kbo_docs import thai
from kbo_docs.model import LetterNumber, number_parts
from kbo_docs.render.filters import make_filters

letters = st.text(alphabet="กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ", min_size=1, max_size=3)
digits = st.text(alphabet="๐๑๒๓๔๕๖๗๘๙", min_size=1, max_size=6)
owners = st.builds(lambda code, n, sub: f"{code} {n}{'.' + sub if sub else ''}", letters, digits,
                   st.one_of(st.just(""), digits))


@given(owner=owners, circular=st.booleans(), running=st.one_of(st.none(), digits))
def test_parts_print_and_read_back(owner, circular, running):
    parts = number_parts(LetterNumber(owner=owner, circular=circular, running=running))
    again = number_parts(parts.text)
    assert (again.owner, again.circular, again.running) == (owner, circular, running)
    assert again.text == parts.text  # a string prints as typed


@given(st.text(max_size=40))
def test_any_string_prints_as_typed(text):
    parts = number_parts(text)
    assert parts.text == text


@given(st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False, allow_infinity=False),
       st.integers(min_value=0, max_value=4))
def test_amount_filter_reads_back(value, places):
    shown = make_filters("thai")["amount"](value, places)
    read = thai.parse_number(shown)
    assert Decimal(read) == Decimal(value).quantize(Decimal(1).scaleb(-places), rounding="ROUND_HALF_UP")
    assert (("." in shown) == (places > 0)) and all(not ch.isascii() or not ch.isdigit() for ch in shown)
