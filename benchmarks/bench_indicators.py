"""Rows per second of the vectorised indicator math on a national-size synthetic dataset.

About 7,300 kecamatan × 5 years × 6 IKU (219,000 indicator rows) and a budget frame of
the same size. Baselines: the same arithmetic done the naive way, one Python call per row
(the scalar API row by row, and a hand-written float loop), and one np.polyfit per group
for trends; slow baselines run on a sample and are extrapolated to the full size.

    uv run python benchmarks/bench_indicators.py
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
import pandas as pd

N_KECAMATAN = 7_300
YEARS = (2020, 2021, 2022, 2023, 2024)
N_IKU = 6
SAMPLE = 5_000


def synthetic(seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Indicators and budget frames shaped like the tidy tables the readers produce."""
    rng = np.random.default_rng(seed)
    kec = np.array([f"Kecamatan {i:04d}" for i in range(N_KECAMATAN)])
    kab = np.array([f"Kabupaten {i // 14:03d}" for i in range(N_KECAMATAN)])
    k, y, i = np.meshgrid(np.arange(N_KECAMATAN), YEARS, np.arange(N_IKU), indexing="ij")
    k, y, i = k.ravel(), y.ravel(), i.ravel()
    n = len(k)
    target = rng.choice([100.0, 85.0, 72.0, 7.7, 10.0, 0.0], size=n, p=[.4, .2, .2, .1, .09, .01])
    realisasi = np.round(target * rng.normal(1.0, 0.08, size=n), 2)
    realisasi[rng.random(n) < 0.01] = np.nan
    indicators = pd.DataFrame({
        "kabupaten": kab[k], "kecamatan": kec[k], "year": y, "period_year": y,
        "table_kind": "iku", "level": "iku", "indicator": [f"IKU {j}" for j in i],
        "target": target, "target_raw": pd.Series(target).map("{:g}".format).to_numpy(),
        "realisasi": realisasi,
        "polarity": np.where(i == N_IKU - 1, "negatif", "positif"),
    })
    ranges = rng.random(n) < 0.02
    indicators.loc[ranges, "target_raw"] = "80-90%"
    kb, yb, lb = np.meshgrid(np.arange(N_KECAMATAN), YEARS, np.arange(N_IKU), indexing="ij")
    kb, yb, lb = kb.ravel(), yb.ravel(), lb.ravel()
    pagu = rng.integers(5_000_000, 3_000_000_000, size=len(kb)).astype(float)
    budget = pd.DataFrame({
        "kabupaten": kab[kb], "kecamatan": kec[kb], "year": yb, "table_kind": "budget",
        "level": np.where(lb == 0, "total", "program"), "name": [f"Program {j}" for j in lb],
        "pagu": pagu, "realisasi": np.round(pagu * rng.uniform(0.6, 1.0, size=len(kb))),
    })
    return indicators, budget


def timed(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def report(label: str, rows: int, seconds: float, baseline: float | None = None) -> None:
    line = f"{label:<44} {rows / seconds:14,.0f} rows/s  {seconds * 1000:9.1f} ms"
    if baseline is not None:
        line += f"   {baseline / seconds:8,.0f}× faster than per-row"
    print(line)


def naive_capaian(frame: pd.DataFrame) -> list[float]:
    """The obvious hand loop: one Python float formula per row."""
    out = []
    for t, r, p in zip(frame["target"], frame["realisasi"], frame["polarity"], strict=True):
        if t != t or r != r or t == 0:
            out.append(float("nan"))
        elif p == "negatif":
            out.append((2 * t - r) / t * 100)
        else:
            out.append(r / t * 100)
    return out


def main() -> None:
    from sakip_analysis.analysis.compare import league_table, outliers, trend, zscores
    from sakip_analysis.analysis.indicators import (
        add_capaian,
        add_serapan,
        capaian,
        iku_average,
        predikat,
        year_over_year,
    )

    start = time.perf_counter()
    indicators, budget = synthetic()
    n, nb = len(indicators), len(budget)
    print(f"synthetic dataset: {N_KECAMATAN:,} kecamatan × {len(YEARS)} years: "
          f"{n:,} indicator rows, {nb:,} budget rows "
          f"(built in {time.perf_counter() - start:.1f} s)\n")

    sample = indicators.sample(SAMPLE, random_state=1)
    per_row_api = timed(lambda: [capaian(t, r, p) for t, r, p in zip(
        sample["target"], sample["realisasi"], sample["polarity"], strict=True)], 1) / SAMPLE * n
    per_row_loop = timed(lambda: naive_capaian(indicators), 1)
    print(f"{'baseline: scalar capaian() per row (extrap.)':<44} {n / per_row_api:14,.0f} rows/s"
          f"  {per_row_api * 1000:9.1f} ms")
    print(f"{'baseline: hand-written float loop':<44} {n / per_row_loop:14,.0f} rows/s"
          f"  {per_row_loop * 1000:9.1f} ms\n")

    vec = timed(lambda: capaian(indicators["target"], indicators["realisasi"],
                                indicators["polarity"]))
    report("capaian (Series, per-row polarity)", n, vec, per_row_api)
    print(f"{'':<44} {per_row_loop / vec:33,.0f}× faster than the float loop")
    with_capaian = add_capaian(indicators)
    report("add_capaian (+ reasons, ranges, predikat)", n,
           timed(lambda: add_capaian(indicators)), per_row_api)
    report("predikat (Series)", n, timed(lambda: predikat(with_capaian["capaian"])))
    report("add_serapan", nb, timed(lambda: add_serapan(budget)))
    report("iku_average", n, timed(lambda: iku_average(with_capaian)))
    report("year_over_year (capaian)", n, timed(lambda: year_over_year(with_capaian, "capaian"),
                                                 1))
    report("league_table (one year)", n // len(YEARS) + nb // len(YEARS),
           timed(lambda: league_table(with_capaian, budget, 2024), 1))
    iku = iku_average(with_capaian)
    report("zscores by kabupaten+year", len(iku),
           timed(lambda: zscores(iku, "capaian_iku", by=["kabupaten", "year"])))
    report("outliers IQR by kabupaten+year", len(iku),
           timed(lambda: outliers(iku, "capaian_iku", by=["kabupaten", "year"], method="iqr")))

    groups = ["kabupaten", "kecamatan", "indicator"]
    vec_trend = timed(lambda: trend(with_capaian, "capaian", by=groups), 1)
    grouped = list(with_capaian.dropna(subset=["capaian"]).groupby(groups)["capaian"])
    picked = grouped[:2_000]
    polyfit = timed(lambda: [np.polyfit(s.index.map(with_capaian["period_year"]).to_numpy(
        dtype=float), s.to_numpy(), 1) for _, s in picked], 1) / len(picked) * len(grouped)
    report(f"trend, {len(grouped):,} kecamatan×indicator", n, vec_trend, polyfit)
    print(f"\n(per-group np.polyfit baseline extrapolated from {len(picked):,} groups: "
          f"{polyfit:.1f} s; whole run {time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
