"""Comparison of kecamatan: rankings, league tables, outliers, quadrants and trends.

All of it is groupby arithmetic over whole frames (closed-form statistics, no per-group
Python fits), so a national dataset of about 7,300 kecamatan × 5 years compares in seconds.
Column names are English/Indonesian domain words; labels shown to analysts are in Bahasa
Indonesia.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from sakip_analysis.analysis.indicators import (
    IndicatorError,
    add_serapan,
    group_keys,
    iku_average,
    predikat,
    require_columns,
    sakip_grade,
)
from sakip_analysis.analysis.selection import BUDGET_TABLE_PRIORITY, budget_total_rows

By = str | Sequence[str] | None


def _by(by: By) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def _numeric(frame: pd.DataFrame, value: str) -> pd.Series:
    return pd.to_numeric(frame[value], errors="coerce").astype(float)


def rank(frame: pd.DataFrame, value: str, by: By = None, ascending: bool = False,
         method: Literal["min", "max", "average", "dense", "first"] = "min") -> pd.Series:
    """Rank of each row on `value` (1 = best), within the groups `by` when given.

    Ties share a rank; with method "min" the next rank skips (competition ranking: 1, 2, 2,
    4), as league tables print it. Missing values get no rank (<NA>).
    """
    require_columns(frame, [value, *_by(by)], "rank")
    values = _numeric(frame, value)
    groups = _by(by)
    if groups:
        ranks = values.groupby([frame[g] for g in groups], dropna=False).rank(
            method=method, ascending=ascending)
    else:
        ranks = values.rank(method=method, ascending=ascending)
    if method != "average":
        ranks = ranks.round().astype("Int64")
    return ranks.rename(f"rank_{value}")


def budget_totals(budget: pd.DataFrame) -> pd.DataFrame:
    """Pagu, realisasi and serapan of each report's whole budget, per (kecamatan, year).

    Takes the report's total row (level "total") from the first table kind in
    BUDGET_TABLE_PRIORITY that has one; a report without a total row gets the sum of its
    program rows, again from one table only so repeated tables are not added twice.
    """
    require_columns(budget, ["year", "level", "pagu", "realisasi"], "budget_totals")
    keys = [*group_keys(budget), "year"]
    chosen = budget_total_rows(budget)  # which table counts: analysis/selection.py
    chosen = chosen.assign(pagu=_numeric(chosen, "pagu"),
                           realisasi=_numeric(chosen, "realisasi"))
    columns = ["pagu", "realisasi"]
    totals = chosen[chosen["_level"] == 0].groupby(keys, dropna=False)[columns].first()
    programs = chosen[chosen["_level"] == 1].groupby(keys, dropna=False)[columns].sum(
        min_count=1)
    totals["sumber"] = "baris total"
    programs["sumber"] = "jumlah program"
    out = pd.concat([totals, programs]).sort_index().reset_index()
    return add_serapan(out)


def league_table(indicators: pd.DataFrame, budget: pd.DataFrame | None, year: int, *,
                 sakip: pd.DataFrame | None = None, rank_by: By = None) -> pd.DataFrame:
    """One row per kecamatan for `year`: rata-rata capaian IKU, serapan, SAKIP, rank.

    `sakip` is optional: the tidy `sakip_components` frame (its level "total" rows are used)
    or any frame with the kecamatan keys, `year` and `nilai`; a score counts for the year it
    evaluates (`evaluated_year` when known, else the report's `year`). Rank is on capaian IKU (ties
    share the best rank), within `rank_by` groups (e.g. "kabupaten") when given; a rank on
    serapan is added beside it. Sorted by rank.
    """
    iku = iku_average(indicators)
    iku = iku[iku["year"] == year]
    keys = [*group_keys(iku), "year"]
    table = iku.drop(columns=["n_capaian"])
    if budget is not None and len(budget):
        totals = budget_totals(budget)
        totals = totals[totals["year"] == year].rename(
            columns={"realisasi": "realisasi_anggaran"})
        table = table.merge(totals[[*keys, "pagu", "realisasi_anggaran", "serapan"]],
                            on=keys, how="outer")
    if sakip is not None and len(sakip):
        scores = sakip[sakip["level"] == "total"] if "level" in sakip.columns else sakip
        scored_year = scores["year"]
        if "evaluated_year" in scores.columns:  # the LHE year, when the report names it
            scored_year = scores["evaluated_year"].fillna(scores["year"])
        scores = scores[scored_year == year].assign(year=year).drop_duplicates(keys)
        scores = scores[[*keys, "nilai"]].rename(columns={"nilai": "nilai_sakip"})
        table = table.merge(scores, on=keys, how="left")
        table["grade_sakip"] = sakip_grade(table["nilai_sakip"], errors="coerce")
    table["rank"] = rank(table, "capaian_iku", by=rank_by)
    if "serapan" in table.columns:
        table["rank_serapan"] = rank(table, "serapan", by=rank_by)
    table["predikat"] = predikat(table["capaian_iku"])
    sort = [*_by(rank_by), "rank", *group_keys(table)]
    return table.sort_values(sort, na_position="last", kind="stable").reset_index(drop=True)


def zscores(frame: pd.DataFrame, value: str, by: By = None, ddof: int = 1) -> pd.Series:
    """Standard score of `value` within `by` groups: (x − mean) / sd.

    Uses the sample standard deviation (ddof=1, as pandas and statistics.stdev) by default.
    A group whose values are all equal has no spread: its z-scores are NaN, not inf.
    """
    require_columns(frame, [value, *_by(by)], "zscores")
    values = _numeric(frame, value)
    groups = _by(by)
    if groups:
        grouped = values.groupby([frame[g] for g in groups], dropna=False)
        mean, sd = grouped.transform("mean"), grouped.transform("std", ddof=ddof)
    else:
        mean, sd = values.mean(), values.std(ddof=ddof)
    z = (values - mean) / sd
    return z.where(np.isfinite(z)).rename(f"z_{value}")


def outliers(frame: pd.DataFrame, value: str, by: By = None,
             method: Literal["zscore", "iqr"] = "zscore",
             threshold: float | None = None) -> pd.Series:
    """True where `value` stands out within its `by` group.

    - "zscore": |z| > threshold (default 3).
    - "iqr": outside [Q1 − k·IQR, Q3 + k·IQR] with k = threshold (default 1.5, Tukey's
      fences); quartiles by linear interpolation as pandas' quantile.
    Missing values are never outliers.
    """
    if method == "zscore":
        z = zscores(frame, value, by)
        return (z.abs() > (3.0 if threshold is None else threshold)).rename(f"outlier_{value}")
    if method != "iqr":
        raise IndicatorError(f"metode outlier tidak dikenal: {method!r} (gunakan 'zscore' "
                             "atau 'iqr')")
    require_columns(frame, [value, *_by(by)], "outliers")
    k = 1.5 if threshold is None else threshold
    values = _numeric(frame, value)
    groups = _by(by)
    if groups:
        grouped = values.groupby([frame[g] for g in groups], dropna=False)
        q1, q3 = grouped.transform("quantile", 0.25), grouped.transform("quantile", 0.75)
    else:
        q1, q3 = values.quantile(0.25), values.quantile(0.75)
    iqr = q3 - q1
    flagged = (values < q1 - k * iqr) | (values > q3 + k * iqr)
    return flagged.fillna(False).astype(bool).rename(f"outlier_{value}")


QUADRANTS: tuple[str, ...] = (
    "Kinerja tinggi, serapan rendah",
    "Kinerja tinggi, serapan tinggi",
    "Kinerja rendah, serapan rendah",
    "Kinerja rendah, serapan tinggi",
)
"""Quadrant labels, most to least favourable: reaching the target while spending less is
the efficient corner; missing it while spending much the one to look at first."""


def quadrant(frame: pd.DataFrame, kinerja_col: str = "capaian_iku",
             serapan_col: str = "serapan", kinerja_cut: float = 100,
             serapan_cut: float | Literal["median", "mean"] = "median") -> pd.Series:
    """Kinerja-versus-serapan quadrant of each row, as an ordered categorical.

    Kinerja is high when it reaches `kinerja_cut` (100 = target met). Serapan has no
    regulatory line, so by default it is high when at or above the median of the rows given
    (robust to a few odd budgets); pass a number (e.g. 90) for a fixed line. Rows missing
    either figure get no quadrant.
    """
    require_columns(frame, [kinerja_col, serapan_col], "quadrant")
    kinerja = _numeric(frame, kinerja_col)
    spend = _numeric(frame, serapan_col)
    if serapan_cut == "median":
        cut = spend.median()
    elif serapan_cut == "mean":
        cut = spend.mean()
    elif isinstance(serapan_cut, int | float):
        cut = float(serapan_cut)
    else:
        raise IndicatorError(f"serapan_cut tidak dikenal: {serapan_cut!r} (angka, 'median' "
                             "atau 'mean')")
    high_k = (kinerja >= kinerja_cut).to_numpy()
    high_s = (spend >= cut).to_numpy()
    labels = np.select(
        [high_k & ~high_s, high_k & high_s, ~high_k & ~high_s, ~high_k & high_s],
        list(QUADRANTS), default="")
    labels = np.where(kinerja.isna().to_numpy() | spend.isna().to_numpy(), "", labels)
    codes = pd.Categorical(np.where(labels == "", None, labels), categories=list(QUADRANTS),
                           ordered=True)
    return pd.Series(codes, index=frame.index, name="kuadran")


def kabupaten_average(frame: pd.DataFrame, value: str | Sequence[str],
                      by: By = ("kabupaten", "year")) -> pd.DataFrame:
    """Mean, median and count of kecamatan for each `value` per kabupaten (and year).

    Columns: the `by` columns, then `{value}_mean`, `{value}_median`, `{value}_n`.
    """
    values = [value] if isinstance(value, str) else list(value)
    groups = _by(by)
    require_columns(frame, [*values, *groups], "kabupaten_average")
    data = frame[groups].copy()
    for v in values:
        data[v] = _numeric(frame, v)
    grouped = data.groupby(groups, dropna=False, sort=True)
    parts = []
    for v in values:
        stats = grouped[v].agg(["mean", "median", "count"])
        stats.columns = [f"{v}_mean", f"{v}_median", f"{v}_n"]
        parts.append(stats)
    return pd.concat(parts, axis=1).reset_index()


TREND_LABELS: tuple[str, ...] = ("menurun", "tetap", "meningkat")
PERFORMANCE_LABELS: tuple[str, ...] = ("memburuk", "tetap", "membaik")
"""Direction of performance: for an indicator where less is better (polarity negative), a
falling realisasi is improving."""


def trend(frame: pd.DataFrame, value: str, by: By = "kecamatan", time: str | None = None,
          flat: float = 0.0) -> pd.DataFrame:
    """Linear trend of `value` over the years, one row per `by` group.

    The slope (change per year) is the least-squares fit, computed in closed form over all
    groups at once: Σ(t − t̄)(y − ȳ) / Σ(t − t̄)², centred so large year numbers lose no
    precision. `time` defaults to period_year, else year. Groups with fewer than two years
    get no slope. `arah` is "meningkat" / "menurun" when |slope| > `flat`, else "tetap".
    Columns: by, n_years, first_year, last_year, first_value, last_value, change, slope,
    arah; and `kinerja` ("membaik" / "memburuk" / "tetap") when the frame has the `polarity`
    column and `value` is not a capaian (capaian already has the polarity in it): a negative
    indicator whose value goes down is improving.
    """
    time = time or ("period_year" if "period_year" in frame.columns else "year")
    groups = _by(by)
    require_columns(frame, [value, time, *groups], "trend")
    data = frame[groups].copy()
    data["_t"] = pd.to_numeric(frame[time], errors="coerce").astype(float)
    data["_y"] = _numeric(frame, value)
    data = data.dropna(subset=["_t", "_y"]).sort_values([*groups, "_t"], kind="stable")
    grouped = data.groupby(groups, dropna=False, sort=True)
    dt = data["_t"] - grouped["_t"].transform("mean")
    dy = data["_y"] - grouped["_y"].transform("mean")
    data["_sxy"], data["_sxx"] = dt * dy, dt * dt
    grouped = data.groupby(groups, dropna=False, sort=True)
    out = grouped.agg(n_years=("_t", "nunique"), first_year=("_t", "first"),
                      last_year=("_t", "last"), first_value=("_y", "first"),
                      last_value=("_y", "last"), _sxy=("_sxy", "sum"), _sxx=("_sxx", "sum"))
    out["change"] = out["last_value"] - out["first_value"]
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = np.where(out["_sxx"] > 0, out["_sxy"] / out["_sxx"], np.nan)
    out["slope"] = slope
    out["first_year"] = out["first_year"].astype("Int64")
    out["last_year"] = out["last_year"].astype("Int64")
    arah = np.select([slope > flat, slope < -flat, np.isfinite(slope)],
                     ["meningkat", "menurun", "tetap"], default="")
    out["arah"] = pd.Categorical(np.where(arah == "", None, arah),
                                 categories=list(TREND_LABELS), ordered=True)
    if "polarity" in frame.columns and not value.startswith("capaian"):
        negative = (frame["polarity"] == "negative").groupby(
            [frame[g] for g in groups], dropna=False).any() if groups else pd.Series(
            [(frame["polarity"] == "negative").any()], index=out.index)
        better = np.where(negative.reindex(out.index).fillna(False).to_numpy(dtype=bool),
                          -slope, slope)
        kinerja = np.select([better > flat, better < -flat, np.isfinite(slope)],
                            ["membaik", "memburuk", "tetap"], default="")
        out["kinerja"] = pd.Categorical(np.where(kinerja == "", None, kinerja),
                                        categories=list(PERFORMANCE_LABELS), ordered=True)
    return out.drop(columns=["_sxy", "_sxx"]).reset_index()


__all__ = [
    "BUDGET_TABLE_PRIORITY", "PERFORMANCE_LABELS", "QUADRANTS", "TREND_LABELS", "budget_totals",
    "kabupaten_average", "league_table", "outliers", "quadrant", "rank", "trend", "zscores",
]
