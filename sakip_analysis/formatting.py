"""How a figure, a label and a data source are shown to an analyst: one home for each.

Every message, table, chart axis and index page writes numbers the Indonesian way ("." groups
thousands, "," marks decimals), names severities, families, levels and predikat with the same
Indonesian words and colours, and marks synthetic data with the same banner. A foundation
module (like `errors`): it imports nothing of the package, so every stage may call it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any

DASH = "–"
"""What a missing figure shows as."""

# --------------------------------------------------------------------------- data sources

SYNTHETIC_SOURCE = "sintetis"
"""`data_source` of rows read from the synthetic demo documents."""
REAL_SOURCE = "laporan"
"""`data_source` of rows read from a report a kecamatan (or OPD) sent."""
SYNTHETIC_BANNER = "Data demo sintetis — bukan data resmi"
SOURCE_LABELS = {SYNTHETIC_SOURCE: "data demo sintetis", REAL_SOURCE: "data laporan asli"}


def source_label(source: Any) -> str:
    """`data demo sintetis` / `data laporan asli`: what a page says it shows."""
    return SOURCE_LABELS.get(str(source), f"data {source}")


def is_synthetic_source(source: Any) -> bool:
    return str(source) == SYNTHETIC_SOURCE


# --------------------------------------------------------------------------- missing values

def name_key(name: Any) -> str:
    """The key two names of a unit are matched by (case and spacing ignored): the one rule
    the planner and every notebook filter use, so a job and its page select the same rows."""
    return " ".join(str(name).split()).casefold()


def is_missing(value: Any) -> bool:
    """None, NaN, pd.NA and NaT alike (never true for a list)."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, (str, int, Decimal, list, tuple, dict)):
        return isinstance(value, Decimal) and value.is_nan()
    try:
        return bool(value != value)  # NaN-like scalars (numpy, pd.NA raises TypeError)
    except (TypeError, ValueError):
        return type(value).__name__ in ("NAType", "NaTType")


# --------------------------------------------------------------------------- numbers

def format_number(value: Decimal | float | int, decimals: int = 0, *,
                  grouping: bool = True) -> str:
    """Write a number the Indonesian way: `2.954.994.511`, `94,22`; the inverse of
    `read.numbers.parse_number`.

    >>> format_number(2954994511)
    '2.954.994.511'
    >>> format_number(94.2222, 2)
    '94,22'
    >>> format_number(-0.5, 1)
    '-0,5'
    """
    quantized = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals))
    sign = "-" if quantized < 0 else ""
    integer, _, fraction = f"{abs(quantized):f}".partition(".")
    if grouping:
        integer = f"{int(integer):,}".replace(",", ".")
    return sign + integer + ("," + fraction if decimals else "")


def fmt_number(value: Any, decimals: int = 2) -> str:
    """`67,84`, `2.954.994.511`; missing → `–`."""
    if is_missing(value):
        return DASH
    return format_number(value if isinstance(value, Decimal) else float(value), int(decimals))


def fmt_percent(value: Any, decimals: int = 2) -> str:
    """`94,22%`; missing → `–`.

    >>> fmt_percent(100.0333)
    '100,03%'
    """
    return DASH if is_missing(value) else fmt_number(value, decimals) + "%"


format_percent = fmt_percent


def fmt_rupiah(value: Any, prefix: bool = False) -> str:
    """Whole rupiah with `.` grouping, as reports print them: `2.954.994.511` (`Rp …` with
    `prefix`)."""
    text = fmt_number(value, 0)
    return f"Rp {text}" if prefix and text != DASH else text


def fmt_int(value: Any) -> str:
    return DASH if is_missing(value) else format_number(int(value), 0)


def fmt_text(value: Any) -> str:
    return "" if is_missing(value) else str(value)


def fmt_duration(seconds: Any) -> str:
    """A duration for the index: `40,4 dtk`, `2 mnt 05 dtk`; missing → ``.

    >>> fmt_duration(40.44)
    '40,4 dtk'
    >>> fmt_duration(125)
    '2 mnt 05 dtk'
    """
    if is_missing(seconds) or seconds == "":
        return ""
    value = float(seconds)
    if value < 60:
        return f"{format_number(value, 1)} dtk"
    minutes, rest = divmod(round(value), 60)
    return f"{minutes} mnt {rest:02d} dtk"


def fmt_figure(value: Any, decimals: Any = None, unit: Any = None) -> str:
    """A report figure with the decimals the report showed (`72,00`, `85`), `%` for percent."""
    if is_missing(value):
        return DASH
    text = format_number(float(value), 2 if is_missing(decimals) else int(decimals))
    if not is_missing(unit) and str(unit).strip().lower() in ("%", "persen"):
        return text + "%"
    return text


def number_formatter(decimals: int = 2) -> Callable[[Any], str]:
    """A cell formatter for tables: value → `67,84`."""
    return lambda value: fmt_number(value, decimals)


def percent_formatter(decimals: int = 2) -> Callable[[Any], str]:
    """A cell formatter for tables: value → `94,22%`."""
    return lambda value: fmt_percent(value, decimals)


def fewest_decimals(x: float) -> int:
    """0, 1 or 2: the fewest decimals that write an axis tick exactly (97,5 not 98)."""
    for decimals in (0, 1):
        if abs(x - round(x, decimals)) < 1e-9:
            return decimals
    return 2


def tick_number(x: float, decimals: int | None = None) -> str:
    """An axis tick: `1.500`, `2,5`."""
    return format_number(x, fewest_decimals(x) if decimals is None else decimals)


def tick_percent(x: float, decimals: int | None = None) -> str:
    """An axis tick: `95%`, `97,5%`."""
    return tick_number(x, decimals) + "%"


def tick_rupiah(x: float) -> str:
    """Rupiah in the words analysts use: `2,95 M` (miliar), `150 jt` (juta).

    >>> tick_rupiah(2_954_994_511), tick_rupiah(150_000_000)
    ('2,95 M', '150 jt')
    """
    if abs(x) >= 1e9:
        return format_number(x / 1e9, 2) + " M"
    if abs(x) >= 1e6:
        return format_number(x / 1e6, 0) + " jt"
    return format_number(x, 0)


# --------------------------------------------------------------------------- labels

SEVERITY_LABELS = {"error": "KESALAHAN", "warning": "PERINGATAN", "info": "INFO"}
"""Severity as the terminal and the workbook shout it."""
SEVERITY_NAMES = {"error": "Kesalahan", "warning": "Peringatan", "info": "Info"}
"""Severity as tables, charts and summaries write it."""
FAMILY_LABELS = {
    "ratio": "Rasio", "difference": "Selisih", "sum": "Penjumlahan", "average": "Rata-rata",
    "cross-table": "Antar-tabel", "narrative": "Narasi", "counts": "Hitungan",
    "time": "Tahun", "structure": "Struktur", "across-reports": "Antar-laporan",
}
LEVEL_LABELS = {
    "tujuan": "Tujuan", "sasaran": "Sasaran", "program": "Program", "kegiatan": "Kegiatan",
    "subkegiatan": "Sub kegiatan", "iku": "IKU", "indikator": "Indikator", "total": "Jumlah",
    "rata-rata": "Rata-rata", "komponen": "Komponen",
}
FINDING_HEADERS = {
    "severity": "Tingkat", "rule": "Aturan", "family": "Kelompok", "table": "Tabel",
    "line": "Baris", "page": "Halaman", "message": "Temuan", "reported": "Tertulis",
    "expected": "Seharusnya", "related_lines": "Baris terkait", "file": "Berkas",
    "kecamatan": "Kecamatan", "year": "Tahun", "quote": "Kutipan sumber",
}
"""The column headers of a finding wherever an analyst reads one (report pages, workbook)."""


UNIT_KIND_LABELS = {"kecamatan": "Kecamatan", "opd": "OPD"}

# --------------------------------------------------------------------------- colours

PALETTE = ["#1f6feb", "#d1242f", "#2da44e", "#bf8700", "#8250df", "#0a7f91", "#e16f24",
           "#57606a", "#bf3989", "#4d2d00"]
"""Chart colours in order of use: clear on screen and on a grey-scale printout."""
PREDIKAT_COLORS = {"Sangat Tinggi": "#1a7f37", "Tinggi": "#57ab5a", "Sedang": "#d4a72c",
                   "Rendah": "#e16f24", "Sangat Rendah": "#cf222e"}
GRADE_COLORS = {"AA": "#0f5323", "A": "#1a7f37", "BB": "#57ab5a", "B": "#9bc46a",
                "CC": "#d4a72c", "C": "#e16f24", "D": "#cf222e"}
SEVERITY_COLORS = {"error": "#cf222e", "warning": "#d4a72c", "info": "#54aeff"}
LEVEL_COLORS = {"sasaran": "#0b3d91", "program": "#1f6feb", "kegiatan": "#80b3ff",
                "subkegiatan": "#b6d4fe", "total": "#57606a"}
QUADRANT_COLORS = {"Kinerja tinggi, serapan rendah": "#1a7f37",
                   "Kinerja tinggi, serapan tinggi": "#1f6feb",
                   "Kinerja rendah, serapan rendah": "#d4a72c",
                   "Kinerja rendah, serapan tinggi": "#cf222e"}
OTHER_COLOR = "#8c959f"
REFERENCE_COLOR = "#24292f"

SEVERITY_CSS = {"error": "background-color: #fde2e1; color: #8c1d18; font-weight: 600",
                "warning": "background-color: #fff1c2; color: #6b4600",
                "info": "background-color: #e3eefa; color: #1f4e8c"}
"""Table cells: light tints of the chart colours, dark text."""
PREDIKAT_CSS = {"Sangat Tinggi": "background-color: #d3f0da", "Tinggi": "background-color: #e8f6e0",
                "Sedang": "background-color: #fff4c8", "Rendah": "background-color: #ffe2c6",
                "Sangat Rendah": "background-color: #fdd4d1"}
