"""Indonesian report numbers, parsed once and kept with their raw text and decimals shown.

Reports mix `2.954.994.511` (dots group thousands), `94,22` (comma is the decimal mark),
`3.33` (a dot that cannot be grouping), `100 %`, `Rp. 2.633.370.523` and `22 Lembaga`.
Generic locale parsers read `3.33` as 333 (see the field notes), so the rules live here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from sakip_analysis.errors import NumberParseError
from sakip_analysis.formatting import format_number, format_percent  # noqa: F401 (one home)

Kind = Literal["amount", "percent", "score", "count", "number", "missing"]
ColumnKind = Literal["amount", "percent", "score", "count", "any"]

MISSING_TOKENS = frozenset(
    {"", "-", "--", "---", "–", "—", "n/a", "na", "#n/a", "nihil", "tidak ada"})

_MARKUP = re.compile(r"<[^>]+>|\*\*|\*|__")
_CURRENCY = re.compile(r"^rp\.?\s*", re.IGNORECASE)
_PERCENT = re.compile(r"\s*(%|persen)\s*$", re.IGNORECASE)
_SIGN = re.compile(r"^[-−+]\s*")
_CORE = re.compile(r"^\d[\d.,]*$")
_UNIT = re.compile(r"^(?P<num>[-−+]?\d[\d.,]*)\s*(?P<unit>[A-Za-z][A-Za-z0-9./ ]{0,30})$")


@dataclass(frozen=True)
class ParsedNumber:
    """A figure as printed: `value` is exact (Decimal), `decimals` is what the report showed."""

    raw: str
    value: Decimal | None
    kind: Kind
    decimals: int | None = None
    unit: str | None = None
    ambiguous: bool = False

    @property
    def missing(self) -> bool:
        return self.value is None

    def __float__(self) -> float:
        return float("nan") if self.value is None else float(self.value)


def _clean(text: str) -> str:
    text = _MARKUP.sub("", text).replace("\u00a0", " ").replace("\u202f", " ")
    return " ".join(text.split())


def _core_value(core: str, column: ColumnKind, percent: bool,
                raw: str) -> tuple[Decimal, int, bool]:
    """Digits with `.`/`,` → (value, decimals shown, ambiguous) by the rules in the module doc."""
    if not _CORE.match(core) or core[-1] in ".,":
        raise NumberParseError(raw)
    dots, commas = core.count("."), core.count(",")
    ambiguous = False
    if dots and commas:
        decimal_mark = "." if core.rfind(".") > core.rfind(",") else ","
        group_mark = "," if decimal_mark == "." else "."
        if core.count(decimal_mark) > 1:
            raise NumberParseError(raw, "two decimal marks")
        integer, fraction = core.rsplit(decimal_mark, 1)
        _check_groups(integer, group_mark, raw)
        digits = integer.replace(group_mark, "")
    elif dots + commas == 0:
        digits, fraction = core, ""
    else:
        mark = "." if dots else ","
        parts = core.split(mark)
        if len(parts) > 2:
            _check_groups(core, mark, raw)
            digits, fraction = core.replace(mark, ""), ""
        elif len(parts[1]) != 3:
            digits, fraction = parts
        else:
            ambiguous = True
            as_decimal = percent or column in ("percent", "score") or (
                column == "any" and mark == ",")
            if as_decimal:
                digits, fraction = parts
            else:
                digits, fraction = core.replace(mark, ""), ""
    try:
        value = Decimal(f"{digits}.{fraction}" if fraction else digits)
    except InvalidOperation:
        raise NumberParseError(raw) from None
    return value, len(fraction), ambiguous


def _check_groups(integer: str, mark: str, raw: str) -> None:
    groups = integer.split(mark)
    if not (1 <= len(groups[0]) <= 3) or any(len(g) != 3 for g in groups[1:]):
        raise NumberParseError(raw, f"digit groups around {mark!r} are not of three digits")


def parse_number(text: object, column: ColumnKind = "any") -> ParsedNumber:
    """Read one cell; `column` says what the column holds, which settles `1.234`.

    >>> parse_number("2.954.994.511").value
    Decimal('2954994511')
    >>> parse_number("94,22").value, parse_number("3.33").value
    (Decimal('94.22'), Decimal('3.33'))
    >>> p = parse_number("22 Lembaga"); (p.value, p.kind, p.unit)
    (Decimal('22'), 'count', 'Lembaga')
    """
    raw = "" if text is None else str(text)
    s = _clean(raw)
    if s.lower() in MISSING_TOKENS:
        return ParsedNumber(raw, None, "missing")
    kind: Kind = {"amount": "amount", "percent": "percent", "score": "score",
                  "count": "count", "any": "number"}[column]
    unit = None
    currency = bool(_CURRENCY.match(s))
    if currency:
        s, kind = _CURRENCY.sub("", s), "amount"
    percent = bool(_PERCENT.search(s))
    if percent:
        s, kind = _PERCENT.sub("", s), "percent"
    negative = s[:1] in "-−"
    s = _SIGN.sub("", s)
    if not percent and not currency:
        m = _UNIT.match(s)
        if m:
            s, unit, kind = m["num"], m["unit"].strip(), "count"
    s = s.replace(" ", "") if re.fullmatch(r"[\d., ]+", s) else s
    value, decimals, ambiguous = _core_value(s, column, percent, raw)
    if negative:
        value = -value
    if kind == "number" and not ambiguous and (s.count(".") > 1 or s.count(",") > 1):
        kind = "amount"
    return ParsedNumber(raw, value, kind, decimals, unit, ambiguous)


def looks_numeric(text: str) -> bool:
    """True when a cell reads as a number (or a count with unit), ignoring missing markers."""
    try:
        return not parse_number(text).missing
    except NumberParseError:
        return False


_TOKEN = re.compile(
    r"(?<![\w.,])(?:Rp\.?\s*)?[-−]?\d(?:[\d]|[.,](?=\d))*(?:\s*(?:%|persen\b))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NumberMention:
    """A number found inside a sentence, with where it stands so the words around it can be read."""

    number: ParsedNumber
    start: int
    end: int


def find_numbers(sentence: str) -> Iterator[NumberMention]:
    """Every figure in a sentence (`Rp. 2.954.994.511`, `89,12%`, `0,14`), left to right."""
    for m in _TOKEN.finditer(sentence):
        token = m.group(0)
        try:
            number = parse_number(token)
        except NumberParseError:
            continue
        yield NumberMention(number, m.start(), m.end())
