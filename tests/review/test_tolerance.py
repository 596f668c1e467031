"""The tolerance every arithmetic rule uses: rounded or truncated to the decimals shown."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip_analysis.review.tolerance import (
    Interval,
    Verdict,
    compatible,
    compatible_arrays,
    verdict,
    verdicts,
)


def test_examples_from_the_reference():
    # 67,84 / 72 = 94,2222… printed 94,22: rounds.
    assert verdict(Decimal("94.22"), 2, Interval.exact(Decimal("67.84") / 72 * 100)) == \
        Verdict.HOLDS
    # 12.202.500 / 15.445.000 = 79,00615…: 79,01 rounds, 79,00 only truncates, 70,51 fails.
    value = Interval.exact(Decimal(12202500) / Decimal(15445000) * 100)
    assert verdict(Decimal("79.01"), 2, value) == Verdict.HOLDS
    assert verdict(Decimal("79.00"), 2, value) == Verdict.TRUNCATED
    assert verdict(Decimal("70.51"), 2, value) == Verdict.FAILS
    # "103%" for 88,28 / 85 = 103,86: an integer percent that only truncation gives.
    assert verdict(Decimal(103), 0, Interval.exact(Decimal("88.28") / 85 * 100)) == \
        Verdict.TRUNCATED


def test_rounded_inputs_widen_the_computed_value():
    # 7,97 / 7,70 = 103,506… would round to 104, but 7,97 and 7,70 are themselves rounded:
    # 7,965 / 7,705 = 103,37 … 7,975 / 7,695 = 103,64, which holds "103".
    r = Interval.printed(Decimal("7.97"), 2).ratio(Interval.printed(Decimal("7.70"), 2))
    assert r is not None
    assert verdict(Decimal(103), 0, r.scaled(Decimal(100))) == Verdict.HOLDS
    assert verdict(Decimal(104), 0, r.scaled(Decimal(100))) == Verdict.HOLDS
    assert verdict(Decimal(105), 0, r.scaled(Decimal(100))) == Verdict.FAILS


def test_integers_can_be_exact():
    assert Interval.printed(Decimal(85), 0, exact_integers=True) == Interval.exact(Decimal(85))
    assert Interval.printed(Decimal(85), 0) == Interval(Decimal("84.5"), Decimal("85.5"))


def test_differences_of_printed_figures():
    # 7,97 − 4,77 = 3,20 printed "3,2"; 100,00 − 94,91 = 5,09 still holds "5,10" once both
    # inputs may be off by 0,005 (100,005 − 94,905 = 5,10).
    diff = Interval.printed(Decimal("7.97"), 2) - Interval.printed(Decimal("4.77"), 2)
    assert verdict(Decimal("3.2"), 1, diff) == Verdict.HOLDS
    eff = Interval.printed(Decimal("100.00"), 2) - Interval.printed(Decimal("94.91"), 2)
    assert verdict(Decimal("5.10"), 2, eff) == Verdict.HOLDS
    assert verdict(Decimal("5.12"), 2, eff) == Verdict.FAILS


def test_negative_values_truncate_towards_zero():
    assert verdict(Decimal("-1.2"), 1, Interval.exact(Decimal("-1.27"))) == Verdict.TRUNCATED
    assert verdict(Decimal("-1.3"), 1, Interval.exact(Decimal("-1.27"))) == Verdict.HOLDS


def test_compatible_figures():
    assert compatible(Decimal("103"), 0, Decimal("103.85"), 2)  # 103,85 truncated is 103
    assert not compatible(Decimal("94.61"), 2, Decimal("94.22"), 2)
    assert compatible(Decimal(3), 0, Decimal("3.4"), 1)
    assert not compatible(Decimal(3), 0, Decimal(4), 0, exact_integers=True)


values = st.decimals(min_value=Decimal("-1000"), max_value=Decimal("100000"), places=6,
                     allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(values, st.integers(min_value=0, max_value=4))
def test_any_rounding_holds_and_truncation_is_at_least_info(value, decimals):
    q = Decimal(1).scaleb(-decimals)
    exact = Interval.exact(value)
    for mode in (ROUND_HALF_UP, ROUND_HALF_EVEN):
        assert verdict(value.quantize(q, rounding=mode), decimals, exact) == Verdict.HOLDS
    assert verdict(value.quantize(q, rounding=ROUND_DOWN), decimals, exact) in (
        Verdict.HOLDS, Verdict.TRUNCATED)


@settings(max_examples=300, deadline=None)
@given(values, st.integers(min_value=0, max_value=4), st.integers(min_value=2, max_value=50))
def test_a_value_off_by_two_units_fails(value, decimals, units):
    q = Decimal(1).scaleb(-decimals)
    wrong = value.quantize(q) + units * q
    assert verdict(wrong, decimals, Interval.exact(value)) == Verdict.FAILS


@settings(max_examples=300, deadline=None)
@given(values, st.integers(min_value=0, max_value=3), values, values)
def test_vectorised_verdicts_agree_with_the_exact_ones(stated, decimals, a, b):
    stated = stated.quantize(Decimal(1).scaleb(-decimals))
    lo, hi = min(a, b), max(a, b)
    exact = verdict(stated, decimals, Interval(lo, hi))
    fast = verdicts(np.array([float(stated)]), np.array([decimals]), np.array([float(lo)]),
                    np.array([float(hi)]))[0]
    # Floats may only lean towards "holds" at an interval's exact edge, never the other way.
    assert fast <= exact
    if fast != exact:
        h = Decimal(5).scaleb(-(decimals + 1))
        u = Decimal(1).scaleb(-decimals)
        edges = {stated - h, stated + h, stated, stated + u, stated - u}
        assert lo in edges or hi in edges


def test_vectorised_compatibility():
    out = compatible_arrays(np.array([103.0, 94.61, 3.0]), np.array([0, 2, 0]),
                            np.array([103.85, 94.22, 4.0]), np.array([2, 2, 0]),
                            np.array([False, False, True]))
    assert out.tolist() == [True, False, False]


def test_missing_values_have_nothing_to_say():
    out = verdicts(np.array([np.nan, 1.0]), np.array([2, 2]), np.array([1.0, np.nan]),
                   np.array([1.0, 1.0]))
    assert out.tolist() == [Verdict.HOLDS, Verdict.HOLDS]
