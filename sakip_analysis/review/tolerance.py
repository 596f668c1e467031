"""Does a printed figure hold? Interval arithmetic on the decimals the report shows.

A figure printed with d decimals stands for every value that rounds (half-up or half-even)
to it: the interval ±0.5×10^-d (the XBRL Calculations 1.1 / statcheck convention). Inputs
that are themselves rounded widen the computed value into an interval; a stated value holds
when its interval meets the computed one. A stated value that only a *truncating* writer
would print (79,00 for 79,006) is a weaker finding: at most `info`.

Two faces of the same rule: `verdict` on `Decimal` scalars (exact, used for sentences and in
tests) and `verdicts` on numpy arrays (used by the table rules over thousands of reports at
once; a relative epsilon absorbs float noise and always leans towards "holds").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum

import numpy as np

EPSILON = 1e-12  # relative: float noise only; a 1-rupiah slip in 10^12 must still show


class Verdict(IntEnum):
    """How a stated figure compares with the value computed from its inputs."""

    HOLDS = 0
    TRUNCATED = 1  # holds only if the writer truncated instead of rounding
    FAILS = 2


def unit(decimals: int) -> Decimal:
    """One unit in the last decimal shown: 0,01 for two decimals."""
    return Decimal(1).scaleb(-decimals)


def half_unit(decimals: int) -> Decimal:
    return Decimal(5).scaleb(-(decimals + 1))


@dataclass(frozen=True)
class Interval:
    """A closed interval of possible true values."""

    lo: Decimal
    hi: Decimal

    @classmethod
    def exact(cls, value: Decimal) -> Interval:
        return cls(value, value)

    @classmethod
    def printed(cls, value: Decimal, decimals: int, *, exact_integers: bool = False,
                truncated: bool = False) -> Interval:
        """What a printed figure may stand for. `exact_integers`: a figure without decimals
        is exact (rupiah, counts, targets); `truncated`: also what a truncating writer meant
        (up to one unit away from zero)."""
        if decimals == 0 and exact_integers:
            return cls.exact(value)
        h = half_unit(decimals)
        hi = value + (unit(decimals) if truncated and value >= 0 else h)
        lo = value - (unit(decimals) if truncated and value < 0 else h)
        return cls(lo, hi)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def scaled(self, factor: Decimal) -> Interval:
        a, b = self.lo * factor, self.hi * factor
        return Interval(min(a, b), max(a, b))

    def ratio(self, denominator: Interval) -> Interval | None:
        """self / denominator for non-negative numerators and positive denominators."""
        if denominator.lo <= 0 or self.lo < 0:
            return None
        return Interval(self.lo / denominator.hi, self.hi / denominator.lo)

    def hull(self, other: Interval) -> Interval:
        return Interval(min(self.lo, other.lo), max(self.hi, other.hi))

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2

    def __contains__(self, value: Decimal) -> bool:
        return self.lo <= value <= self.hi


def total(intervals: list[Interval]) -> Interval:
    """The interval of a sum of printed figures (each within its own rounding interval)."""
    return Interval(sum((i.lo for i in intervals), Decimal(0)),
                    sum((i.hi for i in intervals), Decimal(0)))


def mean(intervals: list[Interval]) -> Interval:
    n = Decimal(len(intervals))
    return Interval(sum((i.lo for i in intervals), Decimal(0)) / n,
                    sum((i.hi for i in intervals), Decimal(0)) / n)


def verdict(stated: Decimal, decimals: int, computed: Interval) -> Verdict:
    """Whether `stated` (printed with `decimals`) can be the computed value, rounded or
    truncated to that many decimals.

    >>> verdict(Decimal("94.22"), 2, Interval.exact(Decimal("94.2222")))
    <Verdict.HOLDS: 0>
    >>> verdict(Decimal("79.00"), 2, Interval.exact(Decimal("79.0061")))
    <Verdict.TRUNCATED: 1>
    >>> verdict(Decimal("70.51"), 2, Interval.exact(Decimal("79.0061")))
    <Verdict.FAILS: 2>
    """
    h = half_unit(decimals)
    if computed.hi >= stated - h and computed.lo <= stated + h:
        return Verdict.HOLDS
    u = unit(decimals)
    # Truncation (towards zero) maps [s, s+u) onto a positive s, (s−u, s] onto a negative
    # one and (−u, u) onto zero.
    lo_open = stated < 0 or stated == 0
    hi_open = stated > 0 or stated == 0
    t_lo = stated - u if lo_open else stated
    t_hi = stated + u if hi_open else stated
    above_lo = computed.hi > t_lo if lo_open else computed.hi >= t_lo
    below_hi = computed.lo < t_hi if hi_open else computed.lo <= t_hi
    return Verdict.TRUNCATED if above_lo and below_hi else Verdict.FAILS


def compatible(a: Decimal, a_decimals: int, b: Decimal, b_decimals: int, *,
               exact_integers: bool = False) -> bool:
    """Two printed figures can stand for the same value (each rounded or truncated);
    with `exact_integers`, figures without decimals are exact (counts, rupiah, targets)."""
    ia = Interval.printed(a, a_decimals, truncated=True, exact_integers=exact_integers)
    ib = Interval.printed(b, b_decimals, truncated=True, exact_integers=exact_integers)
    return ia.hi >= ib.lo and ib.hi >= ia.lo


# --- vectorised twins -----------------------------------------------------------------------

def _tol(*arrays: np.ndarray) -> np.ndarray:
    scale = np.ones_like(arrays[0], dtype=float)
    for a in arrays:
        scale = np.fmax(scale, np.abs(a))
    return EPSILON * scale


def printed_bounds(values: np.ndarray, decimals: np.ndarray, *, exact_integers: bool = False,
                   truncated: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Array form of `Interval.printed`: (lo, hi) for each printed figure."""
    values = np.asarray(values, dtype=float)
    d = np.nan_to_num(np.asarray(decimals, dtype=float), nan=0.0)
    h = 0.5 * 10.0 ** -d
    u = 10.0 ** -d
    up = np.where(truncated & (values >= 0), u, h) if truncated else h
    down = np.where(truncated & (values < 0), u, h) if truncated else h
    if exact_integers:
        exact = d == 0
        up = np.where(exact, 0.0, up)
        down = np.where(exact, 0.0, down)
    return values - down, values + up


def ratio_bounds(num_lo: np.ndarray, num_hi: np.ndarray, den_lo: np.ndarray,
                 den_hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Interval of num/den; NaN where the denominator may be zero or the numerator negative."""
    ok = (den_lo > 0) & (num_lo >= 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        lo = np.where(ok, num_lo / np.where(ok, den_hi, 1.0), np.nan)
        hi = np.where(ok, num_hi / np.where(ok, den_lo, 1.0), np.nan)
    return lo, hi


def verdicts(stated: np.ndarray, decimals: np.ndarray, lo: np.ndarray,
             hi: np.ndarray) -> np.ndarray:
    """Array form of `verdict`; rows with a missing value get HOLDS (nothing to say)."""
    s = np.asarray(stated, dtype=float)
    lo = np.asarray(lo, dtype=float)
    hi = np.asarray(hi, dtype=float)
    d = np.nan_to_num(np.asarray(decimals, dtype=float), nan=0.0)
    h = 0.5 * 10.0 ** -d
    u = 10.0 ** -d
    tol = _tol(s, lo, hi)
    holds = (hi >= s - h - tol) & (lo <= s + h + tol)
    lo_open = s <= 0
    hi_open = s >= 0
    t_lo = np.where(lo_open, s - u, s)
    t_hi = np.where(hi_open, s + u, s)
    above_lo = np.where(lo_open, hi > t_lo + tol, hi >= t_lo - tol)
    below_hi = np.where(hi_open, lo < t_hi - tol, lo <= t_hi + tol)
    trunc = above_lo & below_hi
    out = np.where(holds, Verdict.HOLDS, np.where(trunc, Verdict.TRUNCATED, Verdict.FAILS))
    missing = np.isnan(s) | np.isnan(lo) | np.isnan(hi)
    return np.where(missing, Verdict.HOLDS, out).astype(np.int8)


def compatible_arrays(a: np.ndarray, a_dec: np.ndarray, b: np.ndarray, b_dec: np.ndarray,
                      exact_integers: np.ndarray | bool = False) -> np.ndarray:
    """Array form of `compatible`; `exact_integers` may differ per row."""
    a_lo, a_hi = printed_bounds(a, a_dec, truncated=True)
    b_lo, b_hi = printed_bounds(b, b_dec, truncated=True)
    exact = np.asarray(exact_integers, dtype=bool)
    a0 = exact & (np.nan_to_num(np.asarray(a_dec, dtype=float)) == 0)
    b0 = exact & (np.nan_to_num(np.asarray(b_dec, dtype=float)) == 0)
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    a_lo, a_hi = np.where(a0, a, a_lo), np.where(a0, a, a_hi)
    b_lo, b_hi = np.where(b0, b, b_lo), np.where(b0, b, b_hi)
    tol = _tol(np.asarray(a, dtype=float), np.asarray(b, dtype=float))
    return (a_hi >= b_lo - tol) & (b_hi >= a_lo - tol)
