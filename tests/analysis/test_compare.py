"""Comparison of kecamatan on small hand-made frames; statistics checked against the
standard library and numpy, computed independently of pandas' groupby."""

from __future__ import annotations

import math
import statistics

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip_analysis.analysis.compare import (
    QUADRANTS,
    budget_totals,
    kabupaten_average,
    league_table,
    outliers,
    quadrant,
    rank,
    trend,
    zscores,
)
from sakip_analysis.analysis.indicators import IndicatorError


def test_rank_with_ties_competition_style():
    frame = pd.DataFrame({"v": [90.0, 95.0, 95.0, 80.0, None]})
    assert rank(frame, "v").tolist() == [3, 1, 1, 4, pd.NA]
    assert rank(frame, "v", ascending=True).tolist() == [2, 3, 3, 1, pd.NA]
    assert rank(frame, "v", method="dense").tolist() == [2, 1, 1, 3, pd.NA]


def test_rank_within_groups():
    frame = pd.DataFrame({"kabupaten": ["A", "A", "B", "B", "B"],
                          "v": [70.0, 90.0, 50.0, 50.0, 60.0]})
    assert rank(frame, "v", by="kabupaten").tolist() == [2, 1, 2, 2, 1]


def test_rank_unknown_column_is_clear():
    with pytest.raises(IndicatorError, match="'nilai'"):
        rank(pd.DataFrame({"v": [1]}), "nilai")


def test_zscores_match_statistics_module():
    values = [94.22, 103.51, 103.86, 100.0, 88.5, 97.0]
    frame = pd.DataFrame({"v": values})
    mean, sd = statistics.mean(values), statistics.stdev(values)
    expected = [(v - mean) / sd for v in values]
    np.testing.assert_allclose(zscores(frame, "v").to_numpy(), expected)
    psd = statistics.pstdev(values)
    np.testing.assert_allclose(zscores(frame, "v", ddof=0).to_numpy(),
                               [(v - mean) / psd for v in values])


def test_zscores_per_group_and_constant_group():
    frame = pd.DataFrame({"g": ["a", "a", "a", "b", "b"], "v": [1.0, 2.0, 6.0, 5.0, 5.0]})
    z = zscores(frame, "v", by="g")
    a = [1.0, 2.0, 6.0]
    expected = [(v - statistics.mean(a)) / statistics.stdev(a) for v in a]
    np.testing.assert_allclose(z[:3].to_numpy(), expected)
    assert z[3:].isna().all()  # no spread: NaN, never inf


def test_outliers_zscore():
    # 19 kecamatan near 100 and one at 40: z of 40 = (40 − mean) / stdev
    values = [100.0 + (i % 5) for i in range(19)] + [40.0]
    z40 = (40.0 - statistics.mean(values)) / statistics.stdev(values)
    assert z40 < -3
    flags = outliers(pd.DataFrame({"v": values}), "v")
    assert flags.tolist() == [False] * 19 + [True]
    assert outliers(pd.DataFrame({"v": values}), "v", threshold=abs(z40) + 0.01).sum() == 0


def test_outliers_iqr_tukey_fences():
    # Q1 = 3,25, Q3 = 7,75 (linear), IQR 4,5: fences −3,5 and 14,5 → only 100 is outside
    frame = pd.DataFrame({"v": [1, 2, 3, 4, 5, 6, 7, 8, 9, 100, None]})
    assert outliers(frame, "v", method="iqr").tolist() == [False] * 9 + [True, False]
    # k = 0: anything beyond the quartiles
    assert outliers(frame, "v", method="iqr", threshold=0).sum() == 6


def test_outliers_iqr_per_group():
    frame = pd.DataFrame({"g": ["a"] * 5 + ["b"] * 5,
                          "v": [1, 2, 3, 4, 50, 100, 101, 102, 103, 104]})
    assert outliers(frame, "v", by="g", method="iqr").tolist() == [False] * 4 + [True] + \
        [False] * 5
    with pytest.raises(IndicatorError, match="'mad'"):
        outliers(frame, "v", method="mad")


def test_quadrant_labels_and_cuts():
    frame = pd.DataFrame({"capaian_iku": [104.0, 100.0, 94.22, 90.0, None],
                          "serapan": [89.12, 95.0, 97.0, 80.0, 90.0]})
    q = quadrant(frame, serapan_cut=90)
    assert q.tolist()[:4] == ["Kinerja tinggi, serapan rendah", "Kinerja tinggi, serapan tinggi",
                              "Kinerja rendah, serapan tinggi", "Kinerja rendah, serapan rendah"]
    assert pd.isna(q.iloc[4])
    # the median of the five serapan is 90,0: 89,12 is below it, 90 itself counts as high
    default = quadrant(frame)
    assert default.tolist()[:4] == q.tolist()[:4]
    assert list(default.cat.categories) == list(QUADRANTS)
    with pytest.raises(IndicatorError, match="'rata'"):
        quadrant(frame, serapan_cut="rata")


def test_kabupaten_average():
    frame = pd.DataFrame({"kabupaten": ["Jombang"] * 3 + ["Kediri"] * 2,
                          "year": 2024, "capaian_iku": [100.0, 90.0, 110.0, 80.0, None],
                          "serapan": [89.0, 91.0, 99.0, 70.0, 72.0]})
    out = kabupaten_average(frame, ["capaian_iku", "serapan"]).set_index("kabupaten")
    assert out.loc["Jombang", "capaian_iku_mean"] == pytest.approx(100.0)
    assert out.loc["Jombang", "serapan_median"] == pytest.approx(91.0)
    assert out.loc["Kediri", "capaian_iku_n"] == 1 and out.loc["Kediri", "serapan_n"] == 2
    assert out.loc["Kediri", "serapan_mean"] == pytest.approx(71.0)


def test_trend_closed_form_slope():
    frame = pd.DataFrame({
        "kecamatan": ["A"] * 3 + ["B"] * 3 + ["C"] * 2 + ["D"],
        "period_year": [2022, 2023, 2024, 2022, 2023, 2024, 2023, 2024, 2024],
        "v": [10.0, 12.0, 17.0, 5.0, 5.0, 5.0, 9.0, 7.0, 1.0]})
    out = trend(frame, "v").set_index("kecamatan")
    # A: t̄ = 2023, ȳ = 13; Σ(t−t̄)(y−ȳ) = (−1)(−3) + 0 + (1)(4) = 7; Σ(t−t̄)² = 2 → 3,5
    assert out.loc["A", "slope"] == pytest.approx(3.5)
    assert out.loc["A", "slope"] == pytest.approx(np.polyfit([2022, 2023, 2024],
                                                             [10, 12, 17], 1)[0])
    assert (out.loc["A", "change"], out.loc["A", "arah"]) == (7.0, "meningkat")
    assert (out.loc["B", "slope"], out.loc["B", "arah"]) == (0.0, "tetap")
    assert (out.loc["C", "slope"], out.loc["C", "arah"]) == (-2.0, "menurun")
    assert math.isnan(out.loc["D", "slope"]) and pd.isna(out.loc["D", "arah"])
    assert out.loc["A", "n_years"] == 3 and out.loc["A", "first_year"] == 2022


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.floats(min_value=-1e4, max_value=1e4, allow_nan=False),
                         min_size=2, max_size=6), min_size=1, max_size=5))
def test_trend_matches_polyfit_per_group(series):
    rows = [(g, 2020 + i, y) for g, ys in enumerate(series) for i, y in enumerate(ys)]
    frame = pd.DataFrame(rows, columns=["indicator", "year", "v"])
    out = trend(frame, "v", by="indicator", time="year").set_index("indicator")
    for g, ys in enumerate(series):
        expected = np.polyfit(np.arange(2020, 2020 + len(ys)), ys, 1)[0]
        assert out.loc[g, "slope"] == pytest.approx(expected, abs=1e-6, rel=1e-6)


# ---------------------------------------------------------------- league table

def iku_rows(kecamatan: str, capaian_pairs: list[tuple[float, float]],
             kabupaten: str = "Jombang", year: int = 2024) -> pd.DataFrame:
    return pd.DataFrame([
        {"kabupaten": kabupaten, "kecamatan": kecamatan, "year": year, "period_year": year,
         "table_kind": "iku", "level": "iku", "indicator": f"IKU {i}", "target": t,
         "realisasi": r} for i, (t, r) in enumerate(capaian_pairs)])


def budget_rows(kecamatan: str, rows: list[tuple[str, str, float, float]],
                year: int = 2024) -> pd.DataFrame:
    return pd.DataFrame([
        {"kabupaten": "Jombang", "kecamatan": kecamatan, "year": year, "table_kind": kind,
         "level": level, "pagu": p, "realisasi": r} for kind, level, p, r in rows])


def test_budget_totals_prefers_total_row_then_program_sum():
    budget = pd.concat([
        # Jogoroto prints its total twice (Tabel 3.2.1 and 4.9): counted once
        budget_rows("Jogoroto", [("kinerja_anggaran", "total", 2_954_994_511, 2_633_370_523),
                                 ("budget", "program", 100, 50),
                                 ("budget", "total", 2_954_994_511, 2_633_370_523)]),
        # Diwek has no total row: its programs of one table are added up (not the repeat)
        budget_rows("Diwek", [("budget", "program", 1_000, 900), ("budget", "program", 3_000,
                                                                   2_100),
                              ("kinerja_anggaran", "program", 1_000, 900),
                              ("budget", "kegiatan", 1_000, 900)]),
    ], ignore_index=True)
    out = budget_totals(budget).set_index("kecamatan")
    assert out.loc["Jogoroto", "pagu"] == 2_954_994_511
    assert round(out.loc["Jogoroto", "serapan"], 2) == 89.12
    assert out.loc["Jogoroto", "sumber"] == "baris total"
    # (900 + 2.100) / (1.000 + 3.000) = 75%
    assert (out.loc["Diwek", "pagu"], out.loc["Diwek", "serapan"]) == (4_000, 75.0)
    assert out.loc["Diwek", "sumber"] == "jumlah program"


def test_league_table_ranks_with_ties():
    indicators = pd.concat([
        iku_rows("Jogoroto", [(72.0, 67.84), (85.0, 88.28)]),  # (94,22 + 103,86) / 2 = 99,04
        iku_rows("Diwek", [(100.0, 100.0), (50.0, 50.0)]),  # 100
        iku_rows("Mojowarno", [(10.0, 10.0)]),  # 100: ties with Diwek
        iku_rows("Ngoro", [(100.0, 80.0)]),  # 80
        iku_rows("Jogoroto", [(10.0, 1.0)], year=2023),  # another year: not in 2024's table
    ], ignore_index=True)
    budget = pd.concat([
        budget_rows("Jogoroto", [("budget", "total", 2_954_994_511, 2_633_370_523)]),
        budget_rows("Diwek", [("budget", "total", 1_000, 950)]),
        budget_rows("Ngoro", [("budget", "total", 1_000, 700)]),
    ], ignore_index=True)
    sakip = pd.DataFrame({"kabupaten": "Jombang", "kecamatan": ["Jogoroto", "Diwek"],
                          "year": 2024, "level": "total", "nilai": [72.09, 80.01]})
    table = league_table(indicators, budget, 2024, sakip=sakip)
    assert table["kecamatan"].tolist() == ["Diwek", "Mojowarno", "Jogoroto", "Ngoro"]
    assert table["rank"].tolist() == [1, 1, 3, 4]
    row = table.set_index("kecamatan").loc["Jogoroto"]
    assert round(row["capaian_iku"], 2) == 99.04 and round(row["serapan"], 2) == 89.12
    assert (row["nilai_sakip"], row["grade_sakip"], row["n_iku"]) == (72.09, "BB", 2)
    by_name = table.set_index("kecamatan")
    assert by_name.loc["Diwek", "grade_sakip"] == "A"
    assert pd.isna(by_name.loc["Mojowarno", "serapan"])
    # serapan 95, 89,12, 70 → ranks 1, 2, 3; Mojowarno has none
    assert by_name["rank_serapan"].tolist() == [1, pd.NA, 2, 3]
    assert by_name.loc["Ngoro", "predikat"] == "Tinggi"  # 80 is in [76, 91)


def test_league_table_ranks_within_kabupaten():
    indicators = pd.concat([iku_rows("A", [(100.0, 90.0)]),
                            iku_rows("B", [(100.0, 95.0)]),
                            iku_rows("C", [(100.0, 70.0)], kabupaten="Kediri")],
                           ignore_index=True)
    table = league_table(indicators, None, 2024, rank_by="kabupaten")
    assert table[["kecamatan", "rank"]].values.tolist() == [["B", 1], ["A", 2], ["C", 1]]
