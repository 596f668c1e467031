"""Arithmetic printed in prose: `30 / 2,849 X 100% = 0,01%`, `15,36/10*100 = 153,60%`,
`(A − B) / B × 100% = X`. Reports show how they computed a realisasi or a capaian; the
quotient they print can be checked against its own operands.

A fraction typeset over several lines (numerator, bar, denominator, then `= X` below) reaches
the text as pieces; `stacked_formula` puts the pieces back into the one-line form.

Only a division written out whole is read (an optional difference in brackets over one
figure, an optional `× 100`, then `=` and the result), so no sentence is mistaken for a
formula. A figure like `2,849` may be 2,849 or 2.849 (`ParsedNumber.ambiguous`): the formula
holds when any reading makes it hold, and otherwise is shown with the reading nearest to the
printed result.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from sakip_analysis.read.numbers import FIGURE_PATTERN, ParsedNumber, find_numbers
from sakip_analysis.review import tolerance as tol

_MINUS = "-−–"
_SLOT = "\x00{}\x00"
_FORMULA = re.compile(
    r"(?:\(\s*\x00(?P<a>\d+)\x00\s*(?P<op>[-+−–])\s*\x00(?P<b>\d+)\x00\s*\)|\x00(?P<n>\d+)\x00)"
    r"\s*/\s*\x00(?P<d>\d+)\x00"
    r"\s*(?:[x×X*]\s*(?:\x00(?P<f>\d+)\x00|(?P<hundred>100)\s*%?))?"
    r"\s*=\s*\x00(?P<r>\d+)\x00")
_OPERATOR_BEFORE = re.compile(r"[-+−–/×*x]\s*$")


@dataclass(frozen=True)
class Operand:
    raw: str
    readings: tuple[tuple[Decimal, int], ...]
    """(value, decimals) of each way the printed figure can be read."""


@dataclass(frozen=True)
class Formula:
    """`numerator (− subtrahend) / denominator (× 100) = result`, as printed."""

    text: str
    numerator: Operand
    subtrahend: Operand | None
    sign: int  # +1 for `A + B`, −1 for `A − B`
    denominator: Operand
    hundred: bool
    result: Operand
    start: int
    end: int


def _is_year(number: ParsedNumber) -> bool:
    value = number.value
    return (value is not None and not number.decimals and 1990 <= value <= 2100
            and number.kind != "percent")


def _operand(raw: str, number: ParsedNumber) -> Operand:
    assert number.value is not None
    readings = [(number.value, number.decimals or 0)]
    if number.ambiguous and number.decimals:
        # `2,849`: three digits after one mark may be a thousands group.
        readings.append((number.value.scaleb(number.decimals), 0))
    return Operand(raw.strip(), tuple(readings))


@lru_cache(maxsize=65536)
def formulas(text: str) -> tuple[Formula, ...]:
    """Every division written out with its result in `text`."""
    mentions = [m for m in find_numbers(text) if m.number.value is not None]
    if len(mentions) < 3:
        return ()
    parts, last = [], 0
    for i, m in enumerate(mentions):
        parts += [text[last:m.start], _SLOT.format(i)]
        last = m.end
    parts.append(text[last:])
    slotted = "".join(parts)
    out = []
    for match in _FORMULA.finditer(slotted):
        if _OPERATOR_BEFORE.search(slotted[:match.start()]):
            continue  # `A − B / C = …`: the division is only part of the expression
        factor = match["f"]
        if factor is not None and mentions[int(factor)].number.value != 100:
            continue
        if any(_is_year(mentions[int(match[k])].number) for k in ("a", "b", "n", "d")
               if match[k] is not None):
            continue  # `TA 2016/2017 = …`: a period, not a division
        first = mentions[int(match["a"] or match["n"])]
        last_m = mentions[int(match["r"])]

        def op(key: str, match: re.Match[str] = match) -> Operand:
            m = mentions[int(match[key])]
            return _operand(text[m.start:m.end], m.number)

        out.append(Formula(
            text[first.start - (1 if match["a"] else 0):last_m.end].strip(),
            op("a") if match["a"] else op("n"), op("b") if match["b"] else None,
            -1 if match["op"] and match["op"] in _MINUS else 1, op("d"),
            bool(factor or match["hundred"]), op("r"), first.start, last_m.end))
    return tuple(out)


_FIGURE = f"(?:{FIGURE_PATTERN})"
_TIMES_HUNDRED = re.compile(r"[xX×*]\s*100\s*%?")
_STACK_OPERANDS = re.compile(
    rf"\s*(?P<a>{_FIGURE})\s*(?:(?P<op>[-+−–])\s*(?P<b>{_FIGURE}))?\s+(?P<d>{_FIGURE})\s*")
STACK_RESULT = re.compile(rf"=\s*(?P<r>{_FIGURE}\s*%?)\s*[.,]?")
"""A printed line holding only `= result`: the last line of a stacked fraction."""


def stacked_formula(above: list[str], result_line: str) -> tuple[str, int] | None:
    """The one-line form of a fraction typeset over lines and how many of the lines `above`
    it took, or None.

    A report's equation editor prints `A − B` over the bar, `= … × 100%` beside it and the
    denominator below, then `= X %` on a line of its own; the text layer gives those lines in
    reading order, the bar's `=` and `× 100%` wherever they fall. `above` holds the lines just
    over the result line (nearest last); the fewest of them that hold exactly a numerator (a
    figure, or a difference or sum of two) and a denominator, and nothing else but `=` and
    `× 100%`, make the formula: `(A − B) / D × 100% = X`.

    >>> stacked_formula(["27.694,00 - 24.240,00 = X 100% 24.240,00"], "= 14,25%")
    ('(27.694,00 - 24.240,00) / 24.240,00 × 100% = 14,25%', 1)
    >>> stacked_formula(["Jumlah 2016 - Jumlah 2015"], "= 14,25%") is None
    True
    """
    result = STACK_RESULT.fullmatch(result_line.strip())
    if result is None:
        return None
    for k in range(1, len(above) + 1):
        joined = " ".join(above[-k:])
        hundred = bool(_TIMES_HUNDRED.search(joined))
        m = _STACK_OPERANDS.fullmatch(_TIMES_HUNDRED.sub(" ", joined).replace("=", " "))
        if m is None:
            continue
        numerator = f"({m['a']} {m['op']} {m['b']})" if m["op"] else m["a"]
        return (f"{numerator} / {m['d']}{' × 100%' if hundred else ''} = "
                f"{' '.join(result['r'].split())}", k)
    return None


def _divide(num: tol.Interval, den: tol.Interval) -> tol.Interval | None:
    if den.lo <= 0:
        return None
    if num.lo >= 0:
        return num.ratio(den)
    if num.hi <= 0:
        q = tol.Interval(-num.hi, -num.lo).ratio(den)
        return None if q is None else tol.Interval(-q.hi, -q.lo)
    return None


def _printed(reading: tuple[Decimal, int]) -> tol.Interval:
    return tol.Interval.printed(reading[0], reading[1], exact_integers=True)


def evaluate(f: Formula) -> tuple[tol.Verdict, tol.Interval] | None:
    """The best verdict over every reading of the operands, with the computed value it came
    from (for a failing formula: the one nearest to the printed result)."""
    best: tuple[tol.Verdict, Decimal, tol.Interval] | None = None
    subtrahends = f.subtrahend.readings if f.subtrahend else (None,)
    for n, s, d, (result_value, result_decimals) in itertools.product(
            f.numerator.readings, subtrahends, f.denominator.readings, f.result.readings):
        num = _printed(n)
        if s is not None:
            other = _printed(s)
            num = num + other if f.sign > 0 else num - other
        q = _divide(num, _printed(d))
        if q is None:
            continue
        if f.hundred:
            q = q.scaled(Decimal(100))
        verdict = tol.verdict(result_value, result_decimals, q)
        key = (verdict, abs(q.mid - result_value) / max(abs(result_value), Decimal(1)), q)
        if best is None or key[:2] < best[:2]:
            best = key
    return None if best is None else (best[0], best[2])
