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

Kind = Literal["amount", "percent", "score", "count", "number", "ratio", "missing"]
ColumnKind = Literal["amount", "percent", "score", "count", "any"]

MISSING_TOKENS = frozenset(
    {"", "-", "--", "---", "–", "—", "n/a", "na", "#n/a", "nihil", "tidak ada"})

_MARKUP = re.compile(r"<[^>]+>|\*\*|\*|__")
_CURRENCY = re.compile(r"^rp\.?\s*", re.IGNORECASE)
_PERCENT = re.compile(r"\s*(%|persen)\s*$", re.IGNORECASE)
_SIGN = re.compile(r"^[-−+]\s*")
_CORE = re.compile(r"^\d[\d.,]*$")
_UNIT = re.compile(  # `22 Lembaga`, `0 ‰` (per mille)
    r"^(?P<num>[-−+]?\d[\d.,]*)\s*(?P<unit>‰|[A-Za-z][A-Za-z0-9./ ]{0,30})$")
_MONEY_TAIL = re.compile(r"(?<=\d)[.,]\s*[-–—]+$")  # `3.600.000.000,-`: no cents
_EXPONENT = re.compile(r"^[-−+]?\d[\d.,]*[eE][-+]?\d+$")
MAX_INTEGER_DIGITS = 18
"""More integer digits than a report can mean (the Indonesian budget is 16 digits in rupiah):
such a cell is refused, so a typo or a hostile file cannot become a huge figure."""


@dataclass(frozen=True)
class ParsedNumber:
    """A figure as printed: `value` is exact (Decimal), `decimals` is what the report showed."""

    raw: str
    value: Decimal | None
    kind: Kind
    decimals: int | None = None
    unit: str | None = None
    ambiguous: bool = False
    note: str | None = None
    """Why the figure was read against the usual rules (a mixed-separator typo): the reader
    warns with it, so the analyst sees the printed text and the reading taken."""

    @property
    def missing(self) -> bool:
        return self.value is None

    def __float__(self) -> float:
        return float("nan") if self.value is None else float(self.value)


_WRAPPED_DECIMAL = re.compile(r"(?<=\d[.,]\d) (?=\d(?:[\s%)]|$))")
"""`17,5 5`: a figure whose last decimal wrapped onto the next line of a narrow cell (the
row's lines are joined with a space). Figures are printed with two decimals, so one decimal
followed by a lone digit is one figure, `17,55`; `150 159` and `100 100,03` stay two."""


def _clean(text: str) -> str:
    text = _MARKUP.sub("", text).replace("\u00a0", " ").replace("\u202f", " ")
    return _WRAPPED_DECIMAL.sub("", " ".join(text.split()))


MIXED_GROUPS_NOTE = "pemisah ribuan campuran ('.' dan ','), dibaca sebagai bilangan bulat"


def _mixed_groups(core: str) -> bool:
    """`1.579,307,000`: both marks, the last one printed more than once, and every group after
    the first three digits. The last mark would be the decimal mark, which is never printed
    twice, so no reading with decimals exists: the figure is a whole number whose thousands
    marks were typed inconsistently. (`2.500.000,000` is no such typo: one mark groups, the
    other, once and last, is the decimal mark.)"""
    groups = re.split(r"[.,]", core)
    last = core[max(core.rfind("."), core.rfind(","))]
    return core.count(last) > 1 and 1 <= len(groups[0]) <= 3 \
        and all(len(g) == 3 for g in groups[1:])


def _core_value(core: str, column: ColumnKind, percent: bool,
                raw: str) -> tuple[Decimal, int, bool, str | None]:
    """Digits with `.`/`,` → (value, decimals shown, ambiguous, note) by the rules in the
    module doc."""
    if not _CORE.match(core) or core[-1] in ".,":
        raise NumberParseError(raw)
    dots, commas = core.count("."), core.count(",")
    ambiguous = False
    if dots and commas and _mixed_groups(core):
        return Decimal(re.sub(r"[.,]", "", core)), 0, False, MIXED_GROUPS_NOTE
    if dots and commas:
        decimal_mark = "." if core.rfind(".") > core.rfind(",") else ","
        group_mark = "," if decimal_mark == "." else "."
        if core.count(decimal_mark) > 1:
            raise NumberParseError(raw, "dua tanda desimal")
        integer, fraction = core.rsplit(decimal_mark, 1)
        _check_groups(integer, group_mark, raw)
        digits = integer.replace(group_mark, "")
    elif dots + commas == 0:
        digits, fraction = core, ""
    else:
        mark = "." if dots else ","
        parts = core.split(mark)
        if len(parts) > 2 and len(parts[-1]) == 2 and all(len(g) == 3 for g in parts[1:-1]):
            # `546,343,572,00`: one mark for thousands and cents alike; two final digits are
            # cents (a thousands group always has three).
            _check_groups(mark.join(parts[:-1]), mark, raw)
            digits, fraction = "".join(parts[:-1]), parts[-1]
        elif len(parts) > 2:
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
    return value, len(fraction), ambiguous, None


def _check_groups(integer: str, mark: str, raw: str) -> None:
    groups = integer.split(mark)
    if not (1 <= len(groups[0]) <= 3) or any(len(g) != 3 for g in groups[1:]):
        raise NumberParseError(raw, f"kelompok angka di sekitar {mark!r} tidak tiga digit")


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
    if _EXPONENT.match(s):
        raise NumberParseError(raw, "notasi eksponen bukan angka laporan")
    s = _MONEY_TAIL.sub("", s)
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
    # `1 234 567` (spaces group thousands) and `1,584,085, 700` (a stray space after a mark)
    # are one figure; `102,54 100,53` is two (stacked), and so is `150 159` or `100 100,03`:
    # with one space only, two figures side by side (a target and its realisasi run
    # together) are likelier than a space for a thousands mark, unless the second part
    # cannot stand alone (`5 000`).
    s = re.sub(r"(?<=\d[.,]) (?=\d{3}(?:\D|$))", "", s)
    if re.fullmatch(r"\d{1,3}(?: \d{3}){2,}(?:[.,]\d+)?|\d{1,3} 0\d{2}(?:[.,]\d+)?", s):
        s = s.replace(" ", "")
    value, decimals, ambiguous, note = _core_value(s, column, percent, raw)
    if value.adjusted() >= MAX_INTEGER_DIGITS:
        raise NumberParseError(raw, f"lebih dari {MAX_INTEGER_DIGITS} digit bilangan bulat")
    if negative:
        value = -value
    if kind == "number" and not ambiguous and (s.count(".") > 1 or s.count(",") > 1):
        kind = "amount"
    return ParsedNumber(raw, value, kind, decimals, unit, ambiguous, note)


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


# --------------------------------------------------------------------------- cells of any kind

ValueKind = Literal["number", "range", "comparator", "ratio", "qualitative", "stacked",
                    "missing", "invalid"]
VALUE_KINDS: tuple[str, ...] = ("number", "range", "comparator", "ratio", "qualitative",
                                "stacked", "missing", "invalid")
"""What a printed cell holds. Only `number` has a value; the others keep their text (a range or
comparator target also keeps its bounds, so capaian can follow the range rules)."""

FIGURE_PATTERN = r"\d[\d.,]*\d|\d"
"""A printed figure's digits and marks (`2.954.994.511`, `94,22`, `7`), for patterns that read
figures inside text; wrap it in a group, it is an alternation."""
_PCT = r"\s*(?:%|persen)?"
_RANGE_CELL = re.compile(
    rf"^(?P<low>{FIGURE_PATTERN}){_PCT}\s*(?:-|–|—|s\.?\s*/?\s*d\.?|sampai|hingga)\s*"
    rf"(?P<high>{FIGURE_PATTERN})\s*(?P<unit>%|persen|[A-Za-z][A-Za-z ./]{{0,30}})?$",
    re.IGNORECASE)
_COMPARATOR_CELL = re.compile(
    rf"^(?P<op>≥|≤|>=|<=|=<|=>|>|<|minimal|maksimal|min\.?|maks\.?|paling\s+(?:sedikit|"
    rf"banyak|rendah|tinggi))\s*(?P<num>{FIGURE_PATTERN})"
    rf"\s*(?P<unit>%|persen|[A-Za-z][A-Za-z ./]{{0,30}})?$",
    re.IGNORECASE)
_RATIO_CELL = re.compile(
    rf"^(?P<first>(?:{FIGURE_PATTERN})(?:\s+(?:{FIGURE_PATTERN}))?)\s*(?P<sep>/|:)\s*(?P<second>{FIGURE_PATTERN})"
    rf"(?P<tail>\s*\S.*)?$")
_LOWER_OPS = ("≤", "<=", "=<", "<", "maks", "maksimal", "paling banyak", "paling rendah")


@dataclass(frozen=True)
class CellValue:
    """A printed cell read as far as it goes: its kind, its number (kind `number`), the bounds
    of a range or comparator (`≥ 75` is [75, ∞)), the figures of a stacked cell, and why it was
    kept as text (for the one warning)."""

    raw: str
    kind: ValueKind
    number: ParsedNumber | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    parts: tuple[ParsedNumber, ...] = ()
    reason: str | None = None

    @property
    def as_number(self) -> ParsedNumber:
        """The cell as a ParsedNumber: the figure for `number`, else a missing value that keeps
        the printed text."""
        if self.number is not None:
            return self.number
        return ParsedNumber(self.raw, None, "missing")

    @property
    def kept_as_text(self) -> bool:
        """True for a cell with neither a value nor bounds (a ratio with its value is read)."""
        return self.number is None and self.kind not in ("missing", "range", "comparator")


def _bound(text: str, column: ColumnKind) -> Decimal | None:
    try:
        return parse_number(text, column).value
    except NumberParseError:
        return None


_RATIO_UNIT = re.compile(r"[A-Za-z][A-Za-z ./]{0,30}")
"""Words after a ratio (`89/100.000 penduduk`, `1:400 WP`): its unit."""


def _is_base(term: ParsedNumber) -> bool:
    """1, or a power of ten from 10 on (`100.000`): the fixed term a ratio is stated per."""
    value = term.value
    if value is None or value <= 0 or value != value.to_integral_value():
        return False
    digits = str(int(value))
    return digits == "1" or (len(digits) > 1 and digits.strip("0") == "1")


def _ratio_value(raw: str, match: re.Match[str]) -> ParsedNumber | None:
    """The figure a ratio cell is stated in, the other term being its fixed base: `1:400`
    (one sentra per 400 wajib pajak) is 400, `89/100.000` (89 per 100.000) is 89, `400:1`
    is 400. A `1` is the base where it stands; failing one, a power of ten after the mark
    (`per 100.000`). A ratio with no such base (`3:2`) or whose terms are not single figures
    (`4 89/100.000`) has no value and stays text. The one rule for ratio values: a target
    and a realisasi stated the same way then compare as figures, so capaian follows."""
    try:
        first = parse_number(match["first"], "amount")
        second = parse_number(match["second"], "amount")
    except NumberParseError:
        return None
    tail = (match["tail"] or "").strip()
    if tail and not _RATIO_UNIT.fullmatch(tail):
        return None  # `1:2 3:4`: more than one ratio
    if first.value == 1:
        value = second
    elif _is_base(second):
        value = first
    else:
        return None
    return ParsedNumber(raw, value.value, "ratio", value.decimals, tail or None)


def read_cell(text: object, column: ColumnKind = "any") -> CellValue:
    """Read one printed cell without ever refusing it: a number where it is one, else the kind
    of what is printed (`70–80`, `≥ 75`, `4 89/100.000`, `WTP`, `102,54 100,53`, `-`).

    >>> read_cell("≥ 75").kind, read_cell("≥ 75").low
    ('comparator', Decimal('75'))
    >>> read_cell("0 – 5,99%").kind, read_cell("3.600.000.000,-").number.value
    ('range', Decimal('3600000000'))
    >>> read_cell("102,54 100,53").kind, read_cell("Belum dapat diukur").kind
    ('stacked', 'qualitative')
    """
    raw = "" if text is None else str(text)
    s = _clean(raw)
    if m := _RANGE_CELL.match(s):
        low, high = _bound(m["low"], column), _bound(m["high"], column)
        if low is not None and high is not None:
            return CellValue(raw, "range", low=min(low, high), high=max(low, high))
    if m := _COMPARATOR_CELL.match(s):
        value = _bound(m["num"], column)
        if value is not None:
            op = " ".join(m["op"].lower().split()).rstrip(".")
            lower_is_bound = not any(op.startswith(o) for o in _LOWER_OPS)
            return CellValue(raw, "comparator", low=value if lower_is_bound else Decimal(0),
                             high=None if lower_is_bound else value)
    try:
        number = parse_number(raw, column)
    except NumberParseError as exc:
        reason = exc.reason
    else:
        return CellValue(raw, "missing" if number.missing else "number", number)
    if _EXPONENT.match(s) or reason.startswith("more than"):
        return CellValue(raw, "invalid", reason=reason)
    tokens = [t.strip("()") for t in s.split()]
    if len(tokens) > 1:
        parts = []
        for token in tokens:
            try:
                part = parse_number(token, column)
            except NumberParseError:
                break
            if part.missing:
                break
            parts.append(part)
        else:
            return CellValue(raw, "stacked", parts=tuple(parts),
                             reason="several figures in one cell")
    if m := _RATIO_CELL.match(s):
        return CellValue(raw, "ratio", _ratio_value(raw, m), reason="a ratio")
    if re.search(r"\d", s) and not re.search(r"[A-Za-z]{3,}", s):
        return CellValue(raw, "invalid", reason=reason)
    return CellValue(raw, "qualitative", reason="words, not a figure")


_SHARE = re.compile(rf"\(\s*(?P<share>(?:{FIGURE_PATTERN})\s*%?)\s*\)")
_WITH_SHARE = re.compile(rf"^(?P<value>.*?\S)\s*(?P<bracket>\(\s*(?:{FIGURE_PATTERN})\s*%?\s*\))$")


def with_share(text: object) -> tuple[str, str] | None:
    """(figure, its share) of a cell printing a figure with a percentage in brackets after it,
    as reports print realisasi with its capaian (`86 (101%)`, `2.165 (105,60)`,
    `> 125 (125%)`); None for any other cell. Both as printed."""
    s = _clean("" if text is None else str(text))
    m = _WITH_SHARE.match(s)
    if not m:
        return None
    if read_cell(m["value"]).kind not in ("number", "range", "comparator"):
        return None
    if share_number(m["bracket"]).missing:
        return None
    return m["value"], m["bracket"]


def share_number(text: str) -> ParsedNumber:
    """The percentage of a bracketed share (`(101%)`, `(105,60)`), with the brackets kept in
    its printed text; missing when the text is no such share."""
    m = _SHARE.fullmatch(_clean(text))
    if not m:
        return ParsedNumber(text, None, "missing")
    try:
        number = parse_number(m["share"], "percent")
    except NumberParseError:
        return ParsedNumber(text, None, "missing")
    return ParsedNumber(text, number.value, "percent", number.decimals)


def stacked_entries(text: object) -> list[str] | None:
    """The entries of a stacked cell as printed, a figure keeping the share in brackets
    printed after it (`86 (101%) 270 (60%)` is two entries); None unless two or more."""
    cell = read_cell(text)
    if cell.kind != "stacked":
        return None
    entries: list[str] = []
    for token in _clean(cell.raw).split():
        if token.startswith("(") and entries and "(" not in entries[-1]:
            entries[-1] = f"{entries[-1]} {token}"
        else:
            entries.append(token)
    return entries if len(entries) >= 2 else None


RATIO_FIT = 0.01
"""How near (relative) an other reading of an ambiguous figure must bring target, realisasi
and capaian to each other before it is taken."""


def settle_by_ratio(target: ParsedNumber, realisasi: ParsedNumber,
                    capaian: ParsedNumber) -> tuple[ParsedNumber, ParsedNumber, ParsedNumber]:
    """Target, realisasi and capaian of one indicator, an ambiguous figure among them read the
    other way when only that reading fits the other two.

    `16,000` in a capaian column reads as 16 (one comma before three digits is a decimal mark
    there), `82.029` in a realisasi column as 82029 (a dot before three digits groups
    thousands). When exactly one of the three is so ambiguous, the others are plain, and
    capaian = realisasi/target×100 or target/realisasi×100 (either polarity) holds within
    1% for the other reading only (`1,6`, `0,01`, `16,000`: 1,6/0,01×100 = 16000), the
    printed figure meant the other reading. The printed text is kept as it is."""
    figures = [target, realisasi, capaian]
    if any(n.missing for n in figures):
        return target, realisasi, capaian
    others = {i: o for i, n in enumerate(figures)
              if n.ambiguous and (o := _other_reading(n)) is not None}
    if len(others) != 1:
        return target, realisasi, capaian
    (i, other), = others.items()
    swapped = [*figures]
    swapped[i] = other
    if _ratio_gap(swapped) <= RATIO_FIT < _ratio_gap(figures):
        return swapped[0], swapped[1], swapped[2]
    return target, realisasi, capaian


def _other_reading(number: ParsedNumber) -> ParsedNumber | None:
    if re.match(r"^\D*0[.,]", number.raw.strip()):
        return None  # `0,127`: no thousands group starts with 0
    try:
        grouped = parse_number(number.raw, "amount")
        decimal = parse_number(number.raw, "percent")
    except NumberParseError:
        return None
    other = grouped if number.value == decimal.value else decimal
    if other.value == number.value or other.value is None:
        return None
    return ParsedNumber(number.raw, other.value, number.kind, other.decimals, number.unit)


def _ratio_gap(figures: list[ParsedNumber]) -> float:
    t, r, c = (float(n) for n in figures)
    if t == 0 or r == 0 or c == 0:
        return float("inf")
    return min(abs(r / t * 100 - c), abs(t / r * 100 - c)) / abs(c)


def target_bounds(text: object) -> tuple[float, float] | None:
    """(low, high) of a range (`80-90%`) or comparator (`≥ 75` → (75, inf)) target; None for a
    point figure or text. The one home of range parsing for the indicator math."""
    if not isinstance(text, str):
        return None
    cell = read_cell(text)
    if cell.kind not in ("range", "comparator") or cell.low is None:
        return None
    return float(cell.low), float("inf") if cell.high is None else float(cell.high)
