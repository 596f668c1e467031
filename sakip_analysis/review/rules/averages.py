"""Family 4: a stated average against the mean of its rows.

"Its rows" are the indicator rows of the same table and period. Each row may stand for the
capaian it prints or the one its target and realisasi imply (writers average either), so a
row is the hull of both intervals; the average holds when the stated value meets the mean of
those intervals. An average outside the range of its rows cannot be their mean at all.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from sakip_analysis.review import tolerance as tol
from sakip_analysis.review.context import (
    CheckContext,
    finding,
    records,
    show_pct,
    shown_decimals,
    unit_class,
)
from sakip_analysis.review.registry import rule_ids
from sakip_analysis.review.rules.columns import column_means
from sakip_analysis.review.rules.ratio import capaian_intervals

AVERAGE, OUTSIDE, TRUNCATED = rule_ids("rata-rata", "rata-rata-mustahil",
                                       "rata-rata-terpotong")
GROUP = ["source_file", "source_table_index", "period_year"]
COLUMNS = [*GROUP, "level", "indicator", "name", "target", "target_raw", "target_decimals",
           "realisasi", "realisasi_raw", "realisasi_decimals", "capaian_reported",
           "capaian_reported_raw", "capaian_reported_decimals", "source_line", "source_table",
           "source_page", "kecamatan", "year"]


def row_intervals(rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each row's capaian as an interval: printed value (rounded or truncated) hulled with the
    value its own target and realisasi imply."""
    s_lo, s_hi = tol.printed_bounds(rows["capaian_reported"], rows["capaian_reported_decimals"],
                                    truncated=True)
    cap = capaian_intervals(rows)
    # Of the formulas a row admits (two for negative indicators), the one nearest the
    # printed value is the one the writer used.
    stated = rows["capaian_reported"].to_numpy(dtype=float)
    c_lo = np.full(len(rows), np.nan)
    c_hi = np.full(len(rows), np.nan)
    best = np.full(len(rows), np.inf)
    for lo_, hi_ in cap.candidates:
        with np.errstate(invalid="ignore"):
            gap = np.abs((lo_ + hi_) / 2 - stated)
        better = ~np.isnan(gap) & (gap < best)
        c_lo, c_hi, best = (np.where(better, lo_, c_lo), np.where(better, hi_, c_hi),
                            np.where(better, gap, best))
    known = cap.ok & ~np.isnan(c_lo)
    lo = np.where(known, np.fmin(s_lo, c_lo), s_lo)
    hi = np.where(known, np.fmax(s_hi, c_hi), s_hi)
    return lo, hi


def member_rows(ind: pd.DataFrame) -> pd.DataFrame:
    """Indicator rows that an average of their table may sum over."""
    rows = ind[~ind["level"].isin(["rata-rata", "total"]) & ind["capaian_reported"].notna()]
    return rows[unit_class(rows["capaian_reported_raw"]).isin(["percent", "plain"])]


def mean_intervals(ind: pd.DataFrame) -> pd.DataFrame:
    """Per table and period: mean interval, range and count of the rows' capaian."""
    rows = member_rows(ind)
    if rows.empty:
        return pd.DataFrame(columns=["lo", "hi", "min", "max", "vmin", "vmax", "n", "lines"])
    lo, hi = row_intervals(rows)
    tmp = rows[GROUP].assign(lo=lo, hi=hi, line=rows["source_line"],
                             v=rows["capaian_reported"])
    return tmp.groupby(GROUP).agg(lo=("lo", "mean"), hi=("hi", "mean"), min=("lo", "min"),
                                  max=("hi", "max"), vmin=("v", "min"), vmax=("v", "max"),
                                  n=("lo", "size"), lines=("line", list))


def _unreadable_groups(ind: pd.DataFrame) -> pd.Index:
    """Tables (per period) where a member row prints a capaian that is not one number
    (`> 125`, a range, text): their average cannot be recomputed, so it is not judged."""
    rows = ind[~ind["level"].isin(["rata-rata", "total"]) & ind["capaian_reported"].isna()
               & ind["capaian_reported_raw"].fillna("").str.strip().ne("")]
    return pd.MultiIndex.from_frame(rows[GROUP].drop_duplicates()) if len(rows) else \
        pd.MultiIndex.from_tuples([], names=GROUP)


def check_averages(ctx: CheckContext) -> list[dict[str, Any]]:
    """R401–R404 over every report at once (R404, tables no kind fits: `rules/columns.py`)."""
    return _indicator_averages(ctx) + column_means(ctx)


def _indicator_averages(ctx: CheckContext) -> list[dict[str, Any]]:
    ind = ctx.frame("indicators")[COLUMNS]
    stated = ind[(ind["level"] == "rata-rata") & ind["capaian_reported"].notna()]
    if stated.empty:
        return []
    means = mean_intervals(ind[ind.set_index(GROUP).index.isin(stated.set_index(GROUP).index)])
    if means.empty:  # averages over no rows that can be averaged: nothing to judge
        return []
    m = stated.join(means, on=GROUP, how="inner")
    m = m[(m["n"] >= 2) & ~m.set_index(GROUP).index.isin(_unreadable_groups(ind))]
    if m.empty:
        return []
    s = m["capaian_reported"].to_numpy(dtype=float)
    d = m["capaian_reported_decimals"].fillna(0).to_numpy(dtype=float)
    verdict = tol.verdicts(s, d, m["lo"], m["hi"])
    half = 0.5 * 10.0 ** -d
    outside = (s + half < m["min"].to_numpy()) | (s - half > m["max"].to_numpy())
    out = []
    flag = verdict != tol.Verdict.HOLDS
    for row, v, out_ in zip(records(m[flag]), verdict[flag], outside[flag],
                            strict=True):
        dd = shown_decimals(row["capaian_reported_decimals"])
        mean = show_pct((row["lo"] + row["hi"]) / 2, dd)
        raw = row["capaian_reported_raw"]
        n = int(row["n"])
        if out_:
            message = (f"Rata-rata tertulis {raw} tidak mungkin rata-rata dari {n} baris yang "
                       f"nilainya antara {show_pct(row['vmin'], dd)} dan "
                       f"{show_pct(row['vmax'], dd)}")
            rule = OUTSIDE
        elif v == tol.Verdict.TRUNCATED:
            message = (f"Rata-rata tertulis {raw} hanya cocok bila angka dipotong (bukan "
                       f"dibulatkan): rata-rata {n} baris = {mean}")
            rule = TRUNCATED
        else:
            message = f"Rata-rata tertulis {raw} tetapi rata-rata {n} baris di atasnya = {mean}"
            rule = AVERAGE
        out.append(finding(rule, row, message, reported=raw,
                           expected=mean, related=row["lines"]))
    return out

