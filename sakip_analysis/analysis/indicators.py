"""Indicator arithmetic of LKJIP reports, as the regulations write it, over scalars or Series.

Every function takes scalars or pandas Series (mixed freely: scalars broadcast) and works on
whole columns with numpy, never a Python loop per row, so a national dataset (about 7,300
kecamatan × 5 years) computes in a fraction of a second. Scalars in → scalar out (float, NaN
when missing; labels as str or None); Series in → Series out on the same index.

Sources:
- Capaian by polarity as PermenPANRB 8/2021 writes it: positive realisasi / target × 100,
  negative (2 × target − realisasi) / target × 100.
- Predikat of a capaian: the five-band scale of Permendagri 86/2017 used in LKJIPs.
- SAKIP grades and component weights: PermenPANRB 88/2021 (evaluasi AKIP).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Literal

import numpy as np
import pandas as pd
from pandas.api.types import is_bool_dtype, is_numeric_dtype

from sakip_analysis.analysis.selection import IKU_TABLE_PRIORITY, iku_of_reports
from sakip_analysis.errors import NumberParseError, SakipError
from sakip_analysis.read.numbers import parse_number, target_bounds
from sakip_analysis.read.polarity import infer_polarity

Scalar = float | int | Decimal | str | None
Values = Scalar | pd.Series
EfisiensiMethod = Literal["selisih", "sisa_anggaran", "rasio"]


class IndicatorError(SakipError, ValueError):
    """An argument no formula can use (unknown polarity or method, score out of range)."""


# --------------------------------------------------------------------------- broadcasting

def _index_of(values: Sequence[Any]) -> pd.Index | None:
    """The index shared by the Series among `values`; None when all are scalars."""
    index: pd.Index | None = None
    for value in values:
        if isinstance(value, pd.Series):
            if index is None:
                index = value.index
            elif not value.index.equals(index):
                raise IndicatorError("Series dengan indeks berbeda tidak bisa digabung: "
                                     "samakan indeksnya dulu (mis. reset_index)")
    return index


def _series_or_scalar(values: Any) -> Any:
    """Lists and numpy arrays behave as Series; everything else passes through."""
    if isinstance(values, list | tuple | np.ndarray):
        return pd.Series(values)
    return values


def _text_values(series: pd.Series, parse: Any) -> list[Any]:
    """Apply `parse` once per distinct value (not per row) and spread the results back."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    table = np.empty(len(uniques) + 1, dtype=object)
    for i, unique in enumerate(uniques):
        table[i] = parse(unique)
    table[-1] = parse(None)
    return list(table[np.where(codes < 0, len(uniques), codes)])


def _one_number(value: Any) -> tuple[float, bool]:
    """A cell as (float, unreadable): None/NaN → (nan, False), junk text → (nan, True)."""
    if value is None or value is pd.NA:
        return math.nan, False
    if isinstance(value, str):
        try:
            parsed = parse_number(value)
        except NumberParseError:
            return math.nan, True
        return float(parsed), False
    try:
        number = float(value)
    except (TypeError, ValueError):
        return math.nan, True
    return number, False


def _floats(values: Any, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Values as a float array of length n, with a mask of text that is not a number."""
    if isinstance(values, pd.Series):
        if is_numeric_dtype(values) or is_bool_dtype(values):
            out = values.to_numpy(dtype=float, na_value=np.nan)
            return out, np.zeros(n, dtype=bool)
        pairs = _text_values(values, _one_number)
        out = np.fromiter((p[0] for p in pairs), dtype=float, count=n)
        bad = np.fromiter((p[1] for p in pairs), dtype=bool, count=n)
        return out, bad
    number, bad = _one_number(values)
    return np.full(n, number), np.full(n, bad)


def _result(values: np.ndarray, index: pd.Index | None, name: str | None = None) -> Any:
    """A float for scalar input (index None), else a Series on the input's index."""
    if index is None:
        return float(values[0])
    return pd.Series(values, index=index, name=name)


# --------------------------------------------------------------------------- polarity

POLARITIES: dict[str, bool] = {
    "positive": False, "positif": False, "semakin tinggi semakin baik": False,
    "negative": True, "negatif": True, "semakin rendah semakin baik": True,
    "range": False, "rentang": False,
}
"""Accepted polarity words → is the indicator negative (lower is better)? A range target is
measured by its bounds (`parse_range_target`), so "range" is not negative."""

NEGATIVE_FORMULAS: dict[str, bool] = {"permenpan": False, "inverse": True}
"""Negative-polarity formula → is it the inverse T/R × 100 (else (2T − R)/T × 100)?"""


def _lookup(table: dict[str, bool], what: str, allowed: str) -> Any:
    def one(value: Any) -> bool:
        if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
            return False
        key = " ".join(str(value).lower().split())
        if key not in table:
            raise IndicatorError(f"{what} tidak dikenal: {value!r} (gunakan {allowed})")
        return table[key]
    return one


def _flags(values: Any, n: int, table: dict[str, bool], what: str, allowed: str) -> np.ndarray:
    one = _lookup(table, what, allowed)
    if isinstance(values, pd.Series):
        return np.fromiter(_text_values(values, one), dtype=bool, count=n)
    return np.full(n, one(values))


def _negative(polarity: Any, n: int) -> np.ndarray:
    return _flags(polarity, n, POLARITIES, "polaritas",
                  "'positive'/'positif' atau 'negative'/'negatif'")


def _inverse(formula: Any, n: int) -> np.ndarray:
    return _flags(formula, n, NEGATIVE_FORMULAS, "rumus polaritas negatif",
                  "'permenpan' atau 'inverse'")


# --------------------------------------------------------------------------- range targets

def parse_range_target(text: object) -> tuple[float, float] | None:
    """A range target ("80-90%", "80 – 90 %", "7-8 bulan", "7,5-8", "80 s/d 90") or a
    comparator target ("≥ 75" → (75, inf), "≤ 5" → (0, 5)) as (low, high).

    Returns None for anything else; a reversed range is put in order, since a range is a set
    of values. The parsing lives in `read.numbers.target_bounds`.
    """
    return target_bounds(text)


def _one_target(value: Any) -> tuple[float, float, bool]:
    """A target cell as (low, high, unreadable); a point target has low == high."""
    bounds = parse_range_target(value)
    if bounds is not None:
        return bounds[0], bounds[1], False
    number, bad = _one_number(value)
    return number, number, bad


def _target_bounds(target: Any, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if isinstance(target, pd.Series) and (is_numeric_dtype(target) or is_bool_dtype(target)):
        low = target.to_numpy(dtype=float, na_value=np.nan)
        return low, low, np.zeros(n, dtype=bool)
    if isinstance(target, pd.Series):
        triples = _text_values(target, _one_target)
    else:
        triples = [_one_target(target)] * n
    low = np.fromiter((t[0] for t in triples), dtype=float, count=n)
    high = np.fromiter((t[1] for t in triples), dtype=float, count=n)
    bad = np.fromiter((t[2] for t in triples), dtype=bool, count=n)
    return low, high, bad


# --------------------------------------------------------------------------- capaian

REASONS = ("target kosong", "target bukan angka", "target negatif", "realisasi kosong",
           "target nol", "realisasi nol")
"""Why a capaian is missing, in the order they are checked (the first that applies wins)."""


def _capaian_core(low: np.ndarray, high: np.ndarray, bad_target: np.ndarray,
                  realisasi: np.ndarray, bad_real: np.ndarray, negative: np.ndarray,
                  inverse: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Capaian and reason arrays; a point target is the range [T, T]."""
    r = realisasi
    inside = (r >= low) & (r <= high)
    above = r > high
    bound = np.where(above, high, low)  # measured against the bound realisasi lies beyond
    point = low == high
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        positive_value = r / bound * 100
        permenpan = (2 * bound - r) / bound * 100
        inverse_value = bound / r * 100
    value = np.where(negative, np.where(inverse, inverse_value, permenpan), positive_value)
    value = np.where(inside, 100.0, value)

    target_missing = (np.isnan(low) | np.isnan(high)) & ~bad_target
    real_missing = np.isnan(r)
    conditions = [
        target_missing,
        bad_target,
        (low < 0) | (high < 0),
        real_missing | bad_real,
        (point & (low == 0)) | (~inside & (bound == 0)),
        ~inside & negative & inverse & (r == 0),
    ]
    reason = np.select(conditions, list(REASONS), default="")
    value = np.where((reason == "") & np.isfinite(value), value, np.nan)
    return value, reason


def _capaian_frame(low_in: Any, high_in: Any, realisasi: Any, polarity: Any,
                   negative_formula: Any) -> tuple[np.ndarray, np.ndarray, pd.Index | None]:
    args = [_series_or_scalar(a) for a in (low_in, high_in, realisasi, polarity,
                                            negative_formula)]
    index = _index_of(args)
    n = 1 if index is None else len(index)
    low_in, high_in, realisasi, polarity, negative_formula = args
    if high_in is None:
        low, high, bad_target = _target_bounds(low_in, n)
    else:
        low, bad_low = _floats(low_in, n)
        high, bad_high = _floats(high_in, n)
        bad_target = bad_low | bad_high
        low, high = np.fmin(low, high), np.fmax(low, high)
        low = np.where(np.isnan(high), np.nan, low)
        high = np.where(np.isnan(low), np.nan, high)
    r, bad_real = _floats(realisasi, n)
    value, reason = _capaian_core(low, high, bad_target, r, bad_real, _negative(polarity, n),
                                  _inverse(negative_formula, n))
    return value, reason, index


def capaian(target: Values, realisasi: Values, polarity: Values = "positive",
            negative_formula: Values = "permenpan", *, target_high: Values = None) -> Any:
    """Capaian kinerja in percent, by the indicator's polarity.

    - positive (semakin tinggi semakin baik): realisasi / target × 100 (PermenPANRB 8/2021).
    - negative (semakin rendah semakin baik): (2 × target − realisasi) / target × 100 as
      PermenPANRB 8/2021 gives it (`negative_formula="permenpan"`), or target / realisasi × 100
      for reports that use the inverse (`"inverse"`); a per-indicator setting, so it may be a
      Series.
    - a range target ("80-90%", "7-8 bulan" as text, or `target` as the lower and
      `target_high` as the upper bound): 100 inside the range, measured against the upper
      bound when realisasi is above it and against the lower bound when below.

    A zero, missing, negative or unreadable target gives NaN, never inf;
    `capaian_with_reason` says why. Missing polarity counts as positive.

    >>> round(capaian(72.00, 67.84), 2), round(capaian(10, 8, "negatif"), 2)
    (94.22, 120.0)
    """
    value, _, index = _capaian_frame(target, target_high, realisasi, polarity, negative_formula)
    return _result(value, index, "capaian")


def capaian_range(low: Values, high: Values, realisasi: Values, polarity: Values = "positive",
                  negative_formula: Values = "permenpan") -> Any:
    """Capaian against a range target [low, high]: 100 inside, else against the nearer bound."""
    return capaian(low, realisasi, polarity, negative_formula, target_high=high)


def capaian_with_reason(target: Values, realisasi: Values, polarity: Values = "positive",
                        negative_formula: Values = "permenpan", *,
                        target_high: Values = None) -> Any:
    """Capaian with the reason it is missing ("target nol", "target kosong", "realisasi kosong",
    "target bukan angka", "target negatif", "realisasi nol"), so a checker can say why.

    Series in → DataFrame[capaian, reason] (reason missing where capaian exists);
    scalars in → (capaian, reason or None).
    """
    value, reason, index = _capaian_frame(target, target_high, realisasi, polarity,
                                          negative_formula)
    reasons = np.where(reason == "", None, reason).astype(object)
    if index is None:
        return float(value[0]), None if reasons[0] is None else str(reasons[0])
    return pd.DataFrame({"capaian": value, "reason": reasons}, index=index)


# --------------------------------------------------------------------------- budget

def _binary(a: Any, b: Any) -> tuple[np.ndarray, np.ndarray, pd.Index | None]:
    a, b = _series_or_scalar(a), _series_or_scalar(b)
    index = _index_of([a, b])
    n = 1 if index is None else len(index)
    return _floats(a, n)[0], _floats(b, n)[0], index


def _percent_of(base: Values, value: Values, name: str) -> Any:
    b, v, index = _binary(base, value)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out = np.where(b != 0, v / b * 100, np.nan)
    return _result(out, index, name)


def serapan(pagu: Values, realisasi: Values) -> Any:
    """Serapan anggaran = realisasi / pagu × 100; NaN when the pagu is zero or missing.

    >>> round(serapan(15_445_000, 12_202_500), 2)
    79.01
    """
    return _percent_of(pagu, realisasi, "serapan")


def sisa_anggaran(pagu: Values, realisasi: Values) -> Any:
    """Sisa anggaran (silpa of the line) = pagu − realisasi, in rupiah."""
    p, r, index = _binary(pagu, realisasi)
    return _result(p - r, index, "sisa_anggaran")


# --------------------------------------------------------------------------- efisiensi

EFISIENSI_METHODS: tuple[str, ...] = ("selisih", "sisa_anggaran", "rasio")
"""Efficiency formulas seen in LKJIPs; ties in detection go to the earlier one."""


def efisiensi(capaian_kinerja: Values, capaian_anggaran: Values,
              method: EfisiensiMethod = "selisih") -> Any:
    """Tingkat efisiensi of a line, by the formula the report uses.

    - "selisih": capaian kinerja − capaian anggaran (serapan), as the reference's Tabel 3.2.2
      (100,00 − 70,51 = 29,49).
    - "sisa_anggaran": 100 − serapan, counted only when the target is met (capaian kinerja
      ≥ 100); NaN otherwise, because money left over while the target is missed is under-
      spending, not efficiency.
    - "rasio": capaian kinerja / serapan × 100 (above 100 = more output per rupiah than
      planned); NaN when serapan is zero.
    """
    k, a, index = _binary(capaian_kinerja, capaian_anggaran)
    if method == "selisih":
        value = k - a
    elif method == "sisa_anggaran":
        value = np.where(k >= 100 - 1e-9, 100 - a, np.nan)
    elif method == "rasio":
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            value = np.where(a != 0, k / a * 100, np.nan)
    else:
        raise IndicatorError(f"metode efisiensi tidak dikenal: {method!r} "
                             f"(gunakan {', '.join(EFISIENSI_METHODS)})")
    return _result(value, index, "efisiensi")


def efisiensi_method_scores(frame: pd.DataFrame, tolerance: float = 0.5) -> pd.DataFrame:
    """How many rows of an efficiency table each formula explains within `tolerance` points.

    Rows count only where capaian_kinerja, capaian_anggaran and efisiensi_reported are all
    present. One row per method: explained, rows, share.
    """
    needed = ["capaian_kinerja", "capaian_anggaran", "efisiensi_reported"]
    require_columns(frame, needed, "tabel efisiensi")
    usable = frame[needed].apply(pd.to_numeric, errors="coerce").dropna()
    rows = len(usable)
    scores = []
    for method in EFISIENSI_METHODS:  # three methods, each vectorised over all rows
        computed = efisiensi(usable["capaian_kinerja"], usable["capaian_anggaran"], method)
        explained = int(((computed - usable["efisiensi_reported"]).abs()
                         <= tolerance + 1e-9).sum())
        scores.append({"method": method, "explained": explained, "rows": rows,
                       "share": explained / rows if rows else math.nan})
    return pd.DataFrame(scores)


def detect_efisiensi_method(frame: pd.DataFrame, tolerance: float = 0.5) -> str | None:
    """The efficiency formula a report's table follows, so it is judged by its own formula.

    Picks the method explaining most rows (|computed − reported| ≤ tolerance); None when no
    method explains a strict majority of the usable rows. The default tolerance is loose
    (0.5 point) because detection should survive the report's own arithmetic slips; checking
    each row against the chosen formula is the checker's job, with its own tolerance.
    """
    scores = efisiensi_method_scores(frame, tolerance)
    best = scores.loc[scores["explained"].idxmax()] if len(scores) else None
    if best is None or best["rows"] == 0 or best["explained"] * 2 <= best["rows"]:
        return None
    return str(best["method"])


# --------------------------------------------------------------------------- predikat, grades

PREDIKAT_LABELS: tuple[str, ...] = ("Sangat Rendah", "Rendah", "Sedang", "Tinggi",
                                    "Sangat Tinggi")
"""Lowest to highest, the order of the categorical that `predikat` returns for Series."""

_PREDIKAT_EDGES = [-np.inf, 51, 66, 76, 91, np.inf]

SAKIP_GRADES: tuple[str, ...] = ("D", "C", "CC", "B", "BB", "A", "AA")
"""Lowest to highest."""

SAKIP_GRADE_LABELS: dict[str, str] = {
    "AA": "Sangat Memuaskan", "A": "Memuaskan", "BB": "Sangat Baik", "B": "Baik",
    "CC": "Cukup", "C": "Kurang", "D": "Sangat Kurang",
}
"""Interpretation of each grade in PermenPANRB 88/2021."""

_SAKIP_EDGES = [0, 30, 50, 60, 70, 80, 90, 100]

SAKIP_COMPONENT_WEIGHTS: dict[str, float] = {
    "Perencanaan Kinerja": 30.0,
    "Pengukuran Kinerja": 30.0,
    "Pelaporan Kinerja": 15.0,
    "Evaluasi Akuntabilitas Kinerja Internal": 25.0,
}
"""Component weights (bobot, percent of the total score) of PermenPANRB 88/2021."""

_FLOAT_NOISE = 9  # decimals kept before binning, so 90.99999999999999 from arithmetic is 91


def _labels(values: Any, edges: list[float], labels: Sequence[str], right: bool,
            name: str) -> Any:
    values = _series_or_scalar(values)
    index = _index_of([values])
    n = 1 if index is None else len(index)
    x = np.round(_floats(values, n)[0], _FLOAT_NOISE)
    cut = pd.cut(x, edges, labels=list(labels), right=right, include_lowest=True,
                 ordered=True)
    if index is None:
        label = cut[0]
        return None if pd.isna(label) else str(label)
    return pd.Series(cut, index=index, name=name)


def predikat(capaian_value: Values) -> Any:
    """Predikat of a capaian on the five-band scale of Permendagri 86/2017.

    The regulation writes Sangat Tinggi ≥ 91, Tinggi 76–90, Sedang 66–75, Rendah 51–65,
    Sangat Rendah ≤ 50, leaving gaps (90 < x < 91 ...) that computed capaian fall into. Here
    each band is half-open to close them: Sangat Tinggi [91, ∞) (above 100 too), Tinggi
    [76, 91), Sedang [66, 76), Rendah [51, 66), Sangat Rendah below 51 (negatives too).
    NaN → None. Series come back as an ordered categorical (sortable low → high).
    """
    return _labels(capaian_value, _PREDIKAT_EDGES, PREDIKAT_LABELS, right=False,
                   name="predikat")


def sakip_grade(score: Values, errors: Literal["raise", "coerce"] = "raise") -> Any:
    """SAKIP grade of an evaluation score, bands open below as in PermenPANRB 88/2021.

    AA >90–100, A >80–90, BB >70–80, B >60–70, CC >50–60, C >30–50, D 0–30, so 80,00 is BB
    and 80,01 is A. A score outside 0–100 cannot come from the evaluation, so it is a reading
    error: `errors="raise"` (default) raises IndicatorError naming the value, `"coerce"`
    gives None for it. NaN → None.
    """
    values = _series_or_scalar(score)
    n = len(values) if isinstance(values, pd.Series) else 1
    x = np.round(_floats(values, n)[0], _FLOAT_NOISE)
    out_of_range = (x < 0) | (x > 100)
    if out_of_range.any():
        if errors == "raise":
            first = int(np.flatnonzero(out_of_range)[0])
            where = (f" (baris {values.index[first]!r}, {int(out_of_range.sum())} nilai)"
                     if isinstance(values, pd.Series) else "")
            raise IndicatorError(f"nilai SAKIP di luar 0–100: {x[first]:g}{where}")
        if errors != "coerce":
            raise IndicatorError(f"errors harus 'raise' atau 'coerce', bukan {errors!r}")
        x = np.where(out_of_range, np.nan, x)
    values = pd.Series(x, index=values.index) if isinstance(values, pd.Series) else float(x[0])
    return _labels(values, _SAKIP_EDGES, SAKIP_GRADES, right=True, name="sakip_grade")


# --------------------------------------------------------------------------- frame helpers

def require_columns(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    """A frame without the columns a function needs fails with one line naming them."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise IndicatorError(f"{what}: kolom {', '.join(map(repr, missing))} tidak ada")


def group_keys(frame: pd.DataFrame) -> list[str]:
    """Columns naming a kecamatan: kabupaten too when present, since names repeat nationally."""
    return [c for c in ("kabupaten", "kecamatan") if c in frame.columns]


def add_capaian(frame: pd.DataFrame, *, polarity: Values = None,
                negative_formula: Values = "permenpan") -> pd.DataFrame:
    """The tidy `indicators` frame with `capaian`, `capaian_reason` and `predikat` added.

    Per-row settings win over the arguments: the `polarity` column that extraction gives
    every indicator row (`read.polarity`; rows of an older dataset without it get it inferred
    the same way) and a `negative_formula` column; the `polarity` argument is for frames
    without an indicator column. A range written in `target_raw` ("80-90%") is measured as a
    range; otherwise the numeric `target` is used.
    """
    require_columns(frame, ["target", "realisasi"], "add_capaian")
    out = _with_polarity(frame.copy(), polarity)
    if "polarity" in out.columns:
        polarity = out["polarity"]
    if "negative_formula" in out.columns:
        negative_formula = out["negative_formula"]
    low = pd.to_numeric(out["target"], errors="coerce").astype(float)
    high = low.copy()
    if "target_raw" in out.columns:
        raw = out["target_raw"]
        ranges = {u: parse_range_target(u) for u in raw.dropna().unique()}
        ranges = {u: b for u, b in ranges.items() if b is not None}
        if ranges:
            is_range = raw.isin(list(ranges))
            low = low.mask(is_range, raw.map({u: b[0] for u, b in ranges.items()}))
            high = high.mask(is_range, raw.map({u: b[1] for u, b in ranges.items()}))
    result = capaian_with_reason(low, pd.to_numeric(out["realisasi"], errors="coerce"),
                                 "positive" if polarity is None else polarity,
                                 negative_formula, target_high=high)
    out["capaian"] = result["capaian"]
    out["capaian_reason"] = result["reason"]
    out["predikat"] = predikat(out["capaian"])
    return out


def _with_polarity(frame: pd.DataFrame, polarity: Values) -> pd.DataFrame:
    """The frame with its `polarity` column completed (`read.polarity`), unless the caller
    gives one polarity for a frame that has neither the column nor indicator names."""
    if "polarity" not in frame.columns and (polarity is not None or "indicator" not in frame):
        return frame
    if "polarity" in frame.columns and frame["polarity"].notna().all():
        return frame
    if "indicator" not in frame.columns:
        return frame
    return infer_polarity(frame)


def add_serapan(frame: pd.DataFrame) -> pd.DataFrame:
    """The tidy `budget` frame with `serapan` (percent) and `sisa_anggaran` (rupiah) added."""
    require_columns(frame, ["pagu", "realisasi"], "add_serapan")
    out = frame.copy()
    pagu = pd.to_numeric(out["pagu"], errors="coerce")
    realisasi = pd.to_numeric(out["realisasi"], errors="coerce")
    out["serapan"] = serapan(pagu, realisasi)
    out["sisa_anggaran"] = sisa_anggaran(pagu, realisasi)
    return out


def _with_capaian(frame: pd.DataFrame) -> pd.DataFrame:
    return frame if "capaian" in frame.columns else add_capaian(frame)


def iku_average(frame: pd.DataFrame) -> pd.DataFrame:
    """Mean capaian of the IKU per (kecamatan, year): the report's "rata-rata capaian IKU".

    Uses the IKU rows that count (`selection.iku_of_reports`: the report's own year, the first
    table kind of IKU_TABLE_PRIORITY present in that report). Columns: keys, year,
    capaian_iku, n_iku (IKU rows), n_capaian (rows with a capaian), predikat.
    """
    require_columns(frame, ["kecamatan", "year", "level"], "iku_average")
    data = _with_capaian(frame)
    keys = [*group_keys(data), "year"]
    data = iku_of_reports(data)  # which table counts: analysis/selection.py
    grouped = data.groupby(keys, dropna=False, sort=True)["capaian"]
    out = pd.DataFrame({"capaian_iku": grouped.mean(), "n_iku": grouped.size(),
                        "n_capaian": grouped.count()}).reset_index()
    out["predikat"] = predikat(out["capaian_iku"])
    return out


def _deduplicated(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One row per key: the latest report's (a later report may revise a past year)."""
    order = [c for c in ("year",) if c in frame.columns]
    data = frame.sort_values(order, ascending=False, kind="stable") if order else frame
    return data.drop_duplicates(keys, keep="first").sort_index()


def year_over_year(frame: pd.DataFrame, value: str = "realisasi") -> pd.DataFrame:
    """Change of `value` against the year before, per (kecamatan, level, indicator).

    Years come from period_year (the year the figure is about); when several reports give
    the same year, the latest report's figure counts. Only the immediately preceding year is
    compared (a gap gives NaN, never a two-year change labelled as one). Adds
    `{value}_previous`, `{value}_change` (difference) and `{value}_change_pct` (percent of the
    previous value; NaN when it is zero).
    """
    require_columns(frame, ["kecamatan"], "year_over_year")
    data = _with_capaian(frame) if value in ("capaian", "predikat") else frame
    require_columns(data, [value, "period_year" if "period_year" in data.columns else "year"],
                    "year_over_year")
    time = "period_year" if "period_year" in data.columns else "year"
    ident = [*group_keys(data), *[c for c in ("level", "indicator") if c in data.columns]]
    data = _deduplicated(data, [*ident, time])
    previous = data[[*ident, time, value]].copy()
    previous[time] = previous[time] + 1
    previous = previous.rename(columns={value: f"{value}_previous"})
    out = data.merge(previous, on=[*ident, time], how="left", validate="one_to_one")
    out.index = data.index
    out[f"{value}_change"] = out[value] - out[f"{value}_previous"]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        prev = out[f"{value}_previous"].to_numpy(dtype=float, na_value=np.nan)
        out[f"{value}_change_pct"] = np.where(
            prev != 0, out[f"{value}_change"].to_numpy(dtype=float, na_value=np.nan)
            / np.abs(prev) * 100, np.nan)
    return out


def renstra_distance(frame: pd.DataFrame, renstra_col: str = "target_renstra",
                     value_col: str = "realisasi") -> pd.DataFrame:
    """Distance of realisasi to the Renstra (medium-term) target.

    Adds `renstra_gap`: what is still to go, in the indicator's unit (target − realisasi for
    positive indicators, realisasi − target for negative ones; ≤ 0 means reached), and
    `capaian_renstra`: capaian against the Renstra target with the row's polarity.
    """
    require_columns(frame, [renstra_col, value_col], "renstra_distance")
    out = _with_polarity(frame.copy(), None)
    polarity = out["polarity"] if "polarity" in out.columns else "positive"
    formula = out["negative_formula"] if "negative_formula" in out.columns else "permenpan"
    target = pd.to_numeric(out[renstra_col], errors="coerce").astype(float)
    real = pd.to_numeric(out[value_col], errors="coerce").astype(float)
    negative = pd.Series(_negative(polarity, len(out)), index=out.index)
    out["renstra_gap"] = (target - real).where(~negative, real - target)
    out["capaian_renstra"] = capaian(target, real, polarity, formula)
    return out


def benchmark_ratio(kecamatan_value: Values, kabupaten_value: Values,
                    provinsi_value: Values) -> Any:
    """Kecamatan figure as a percent of the kabupaten and provinsi figures (Tabel 3.1.4).

    Series in → DataFrame[pct_kabupaten, pct_provinsi]; scalars → (pct_kabupaten,
    pct_provinsi). NaN where the benchmark is zero or missing.

    >>> round(benchmark_ratio(7.97, 7.83, 4.77)[1], 2)
    167.09
    """
    kab = _percent_of(kabupaten_value, kecamatan_value, "pct_kabupaten")
    prov = _percent_of(provinsi_value, kecamatan_value, "pct_provinsi")
    if isinstance(kab, pd.Series) or isinstance(prov, pd.Series):
        return pd.DataFrame({"pct_kabupaten": kab, "pct_provinsi": prov})
    return kab, prov


def add_benchmark_ratio(frame: pd.DataFrame) -> pd.DataFrame:
    """The tidy `benchmarks` frame with `pct_kabupaten` and `pct_provinsi` added."""
    require_columns(frame, ["kecamatan_value", "kabupaten_value", "provinsi_value"],
                    "add_benchmark_ratio")
    out = frame.copy()
    ratios = benchmark_ratio(pd.to_numeric(out["kecamatan_value"], errors="coerce"),
                             pd.to_numeric(out["kabupaten_value"], errors="coerce"),
                             pd.to_numeric(out["provinsi_value"], errors="coerce"))
    out[["pct_kabupaten", "pct_provinsi"]] = ratios
    return out


__all__ = [
    "EFISIENSI_METHODS",
    "IKU_TABLE_PRIORITY",
    "NEGATIVE_FORMULAS",
    "POLARITIES",
    "PREDIKAT_LABELS",
    "REASONS",
    "SAKIP_COMPONENT_WEIGHTS",
    "SAKIP_GRADES",
    "SAKIP_GRADE_LABELS",
    "IndicatorError",
    "add_benchmark_ratio",
    "add_capaian",
    "add_serapan",
    "benchmark_ratio",
    "capaian",
    "capaian_range",
    "capaian_with_reason",
    "detect_efisiensi_method",
    "efisiensi",
    "efisiensi_method_scores",
    "group_keys",
    "iku_average",
    "parse_range_target",
    "predikat",
    "renstra_distance",
    "require_columns",
    "sakip_grade",
    "serapan",
    "sisa_anggaran",
    "year_over_year",
]
