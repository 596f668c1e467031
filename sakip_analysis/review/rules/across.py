"""Family 10: across reports. This year's multi-year table against what last year's report
printed for the same year, when both reports are loaded (in `tables` or in `previous`)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from sakip_analysis.read import schema
from sakip_analysis.review import tolerance as tol
from sakip_analysis.review.context import (
    CheckContext,
    classes_compatible,
    finding,
    observations,
    records,
)
from sakip_analysis.review.registry import rule_id

ACROSS = rule_id("antar-laporan")
LABELS = {"target": "Target", "realisasi": "Realisasi", "capaian": "Capaian"}


def _all_observations(ctx: CheckContext) -> pd.DataFrame:
    """Observations of the checked and the previous reports, keyed together."""
    if not ctx.previous:
        return ctx.observations().assign(_checked=True)
    merged = {}
    for name in ("indicators", "efficiency", "benchmarks", "perjanjian_kinerja"):
        a, b = ctx.frame(name), ctx.previous_frame(name)
        a = a.assign(_checked=True)
        b = b[~b["source_file"].isin(set(a["source_file"]))].assign(_checked=False)
        merged[name] = pd.concat([x for x in (a, b) if len(x)], ignore_index=True) if (
            len(a) or len(b)) else schema.empty_frame(name)
    obs = observations(merged)
    checked = set(ctx.frame("indicators")["source_file"]) | set(
        ctx.frame("efficiency")["source_file"])
    return obs.assign(_checked=obs["source_file"].isin(checked))


def check_across_reports(ctx: CheckContext) -> list[dict[str, Any]]:
    """R1001: rows of earlier years in a multi-year table against that year's own report."""
    obs = _all_observations(ctx)
    if obs.empty:
        return []
    obs = obs.assign(_kec=obs["kecamatan"].str.lower())
    past = obs[obs["_checked"] & (obs["origin"] == "multi_year")
               & (obs["period_year"] < obs["year"])]
    own = obs[obs["period_year"] == obs["year"]]
    if past.empty or own.empty:
        return []
    m = past.merge(own, left_on=["_kec", "period_year", "key", "quantity"],
                   right_on=["_kec", "year", "key", "quantity"], suffixes=("", "_prev"))
    m = m[m["source_file"] != m["source_file_prev"]]
    if m.empty:
        return []
    kind = classes_compatible(m["cls"], m["cls_prev"]).to_numpy()
    exact = (m["quantity"].ne("capaian") | m["cls"].eq("count")).to_numpy()
    agree = tol.compatible_arrays(m["value"], m["decimals"], m["value_prev"],
                                  m["decimals_prev"], exact) | ~kind
    m = m.assign(_agree=agree)
    key = ["source_file", "source_line", "period_year", "quantity"]
    ok = m.groupby(key)["_agree"].transform("any")
    bad = m[~ok].drop_duplicates(key)
    out = []
    for row in records(bad):
        message = (f"{LABELS[row['quantity']]} {row['indicator']} tahun {int(row['period_year'])}"
                   f" tertulis {row['raw']}, sedangkan laporan tahun {int(row['year_prev'])} "
                   f"({row['source_file_prev']}, {row['source_table_prev']}) mencatat "
                   f"{row['raw_prev']}")
        out.append(finding(ACROSS, row, message, reported=row["raw"], expected=row["raw_prev"]))
    return out
