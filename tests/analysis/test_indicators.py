"""Indicator arithmetic against figures computed by hand from the reference LKJIP (Jogoroto
2024) and against every band edge of the regulations."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sakip_analysis.analysis.indicators import (
    SAKIP_COMPONENT_WEIGHTS,
    IndicatorError,
    add_benchmark_ratio,
    add_capaian,
    add_serapan,
    benchmark_ratio,
    capaian,
    capaian_range,
    capaian_with_reason,
    detect_efisiensi_method,
    efisiensi,
    efisiensi_method_scores,
    iku_average,
    parse_range_target,
    predikat,
    renstra_distance,
    sakip_grade,
    serapan,
    sisa_anggaran,
    year_over_year,
)

# ---------------------------------------------------------------- reference figures by hand


def test_capaian_of_reference_iku():
    # Tabel 3.1.1: Nilai SAKIP 67,84 / 72,00 × 100 = 94,222… → 94,22
    assert round(capaian(72.00, 67.84), 2) == 94.22
    # Nilai PATEN 88,28 / 85 × 100 = 103,858… → 103,86 (the report prints 103%)
    assert round(capaian(85, 88.28), 2) == 103.86
    # Nilai IKPP 7,97 / 7,70 × 100 = 103,506… → 103,51
    assert round(capaian(7.70, 7.97), 2) == 103.51


def test_serapan_of_reference_kegiatan():
    # Tabel 4.9: 12.202.500 / 15.445.000 × 100 = 79,006… → 79,01 (Tabel 3.2.1 prints 70,51)
    assert round(serapan(15_445_000, 12_202_500), 2) == 79.01
    # JUMLAH: 2.633.370.523 / 2.954.994.511 × 100 = 89,1159… → 89,12
    assert round(serapan(2_954_994_511, 2_633_370_523), 2) == 89.12
    assert sisa_anggaran(2_954_994_511, 2_633_370_523) == 321_623_988


def test_sakip_grade_of_reference_scores():
    assert sakip_grade(67.84) == "B"  # Nilai SAKIP 2024 as IKU realisasi, "67,84 (B)"
    assert sakip_grade(72.09) == "BB"  # LHE 2023: 25,34 + 23,40 + 6,91 + 16,44 = 72,09


def test_component_weights_sum_to_hundred():
    assert sum(SAKIP_COMPONENT_WEIGHTS.values()) == pytest.approx(100.0)
    assert all(w > 0 for w in SAKIP_COMPONENT_WEIGHTS.values())


def test_component_weights_are_the_ones_the_reference_prints(reference_tables):
    # Jogoroto 2024, the SAKIP components table (lines 892-895): "Perencanaan Kinerja 30 %",
    # "Pengukuran Kinerja 30 %", "Pelaporan Kinerja 15 %", "Evaluasi Kinerja 25%".
    comp = reference_tables["sakip_components"]
    comp = comp[comp["level"] == "komponen"]
    printed = dict(zip(comp["component"].str.split().str[0].str.lower(), comp["bobot"],
                       strict=True))
    ours = {name.split()[0].lower(): w for name, w in SAKIP_COMPONENT_WEIGHTS.items()}
    assert printed == ours


def test_benchmark_ratio_of_reference():
    # Tabel 3.1.4: IKPP 7,97 vs provinsi 4,77 → 167,09 (printed 167%); vs kabupaten 7,83 →
    # 101,79. SAKIP 67,84 vs provinsi 83,86 → 80,90 (the report prints 85,96%).
    kab, prov = benchmark_ratio(7.97, 7.83, 4.77)
    assert (round(kab, 2), round(prov, 2)) == (101.79, 167.09)
    frame = pd.DataFrame({"kecamatan_value": [67.84, 7.97], "kabupaten_value": [67.84, 0.0],
                          "provinsi_value": [83.86, None]})
    out = add_benchmark_ratio(frame)
    assert out["pct_kabupaten"].round(2).tolist()[0] == 100.0
    assert round(out["pct_provinsi"][0], 2) == 80.90
    assert math.isnan(out["pct_kabupaten"][1]) and math.isnan(out["pct_provinsi"][1])


# ---------------------------------------------------------------- predikat and grade edges

@pytest.mark.parametrize(("value", "label"), [
    (90.99, "Tinggi"), (91, "Sangat Tinggi"), (76, "Tinggi"), (75.99, "Sedang"),
    (66, "Sedang"), (65.99, "Rendah"), (51, "Rendah"), (50.99, "Sangat Rendah"),
    (150, "Sangat Tinggi"), (100, "Sangat Tinggi"), (0, "Sangat Rendah"),
    (-20, "Sangat Rendah"), (None, None), (float("nan"), None),
])
def test_predikat_band_edges(value, label):
    assert predikat(value) == label


def test_predikat_ignores_float_noise_at_an_edge():
    # (1,01 × 91 / 100) / 1,01 × 100 is 91 on paper, 90.99999999999999 in binary floats
    noisy = capaian(1.01, 1.01 * 91 / 100)
    assert noisy < 91
    assert predikat(noisy) == "Sangat Tinggi"
    # components 26,57 + 11,91 + 25,79 + 15,73 total 80,00 (BB), in floats 80.00000000000001
    total = 26.57 + 11.91 + 25.79 + 15.73
    assert total > 80
    assert sakip_grade(total) == "BB"


def test_predikat_series_is_ordered_categorical():
    s = pd.Series([95.0, 50.0, None, 70.0], index=[10, 11, 12, 13])
    out = predikat(s)
    assert out.index.tolist() == [10, 11, 12, 13]
    assert out.tolist()[:2] == ["Sangat Tinggi", "Sangat Rendah"]
    assert pd.isna(out[12])
    assert out.cat.ordered and out.max() == "Sangat Tinggi" and out.min() == "Sangat Rendah"


@pytest.mark.parametrize(("score", "grade"), [
    (80.00, "BB"), (80.01, "A"), (90, "A"), (90.01, "AA"), (100, "AA"), (70, "B"),
    (70.01, "BB"), (60, "CC"), (60.01, "B"), (50, "C"), (50.01, "CC"), (30.01, "C"),
    (30, "D"), (0, "D"), (None, None),
])
def test_sakip_grade_band_edges(score, grade):
    assert sakip_grade(score) == grade


@pytest.mark.parametrize("score", [-0.01, 100.01, 7209])
def test_sakip_grade_out_of_range_raises_naming_value(score):
    with pytest.raises(IndicatorError, match=f"{score:g}"):
        sakip_grade(score)
    assert sakip_grade(score, errors="coerce") is None


def test_sakip_grade_series_error_names_row_and_coerce():
    s = pd.Series([72.09, 720.9, 81.0], index=["a", "b", "c"])
    with pytest.raises(ValueError, match=r"720\.9.*'b'"):
        sakip_grade(s)
    assert sakip_grade(s, errors="coerce").tolist()[0] == "BB"
    assert pd.isna(sakip_grade(s, errors="coerce")["b"])


# ---------------------------------------------------------------- polarity and formulas

def test_negative_polarity_permenpan_formula():
    # (2 × 10 − 8) / 10 × 100 = 120; (2 × 10 − 12) / 10 × 100 = 80
    assert capaian(10, 8, "negative") == pytest.approx(120.0)
    assert capaian(10, 12, "negatif") == pytest.approx(80.0)
    assert capaian(10, 8, "Semakin rendah semakin baik") == pytest.approx(120.0)


def test_negative_polarity_inverse_formula():
    # 10 / 8 × 100 = 125; 10 / 12 × 100 = 83,33
    assert capaian(10, 8, "negative", "inverse") == pytest.approx(125.0)
    assert round(capaian(10, 12, "negative", "inverse"), 2) == 83.33
    # the formula matters only for negative indicators
    assert capaian(10, 8, "positive", "inverse") == pytest.approx(80.0)


def test_polarity_and_formula_per_row():
    target = pd.Series([10.0, 10.0, 10.0, 72.0])
    real = pd.Series([8.0, 8.0, 8.0, 67.84])
    polarity = pd.Series(["positif", "negatif", "NEGATIVE", None])
    formula = pd.Series(["permenpan", "permenpan", "inverse", None])
    out = capaian(target, real, polarity, formula)
    assert out.round(2).tolist() == [80.0, 120.0, 125.0, 94.22]


@pytest.mark.parametrize("bad", ["naik", "pos", "maksimal"])
def test_unknown_polarity_raises_naming_value(bad):
    with pytest.raises(ValueError, match=repr(bad)):
        capaian(10, 8, bad)
    with pytest.raises(IndicatorError, match=repr(bad)):
        capaian(pd.Series([10.0]), pd.Series([8.0]), pd.Series([bad]))


def test_unknown_negative_formula_raises():
    with pytest.raises(IndicatorError, match="'kebalikan'"):
        capaian(10, 8, "negative", "kebalikan")


# ---------------------------------------------------------------- range targets

@pytest.mark.parametrize(("text", "bounds"), [
    ("80-90%", (80.0, 90.0)), ("80 – 90 %", (80.0, 90.0)), ("7-8 bulan", (7.0, 8.0)),
    ("7,5-8", (7.5, 8.0)), ("80% - 90%", (80.0, 90.0)), ("80 s/d 90", (80.0, 90.0)),
    ("7 sampai 8 hari", (7.0, 8.0)), ("90-80", (80.0, 90.0)),
    ("80%", None), ("Baik", None), ("", None), (None, None), (85.0, None),
])
def test_parse_range_target(text, bounds):
    assert parse_range_target(text) == bounds


def test_capaian_range_positive():
    # inside → 100; above → against the upper bound 95/90 = 105,56; below → 72/80 = 90
    assert capaian("80-90%", 85) == 100.0
    assert capaian("80-90%", 80) == 100.0 and capaian("80-90%", 90) == 100.0
    assert round(capaian("80-90%", 95), 2) == 105.56
    assert capaian("80-90%", 72) == pytest.approx(90.0)


def test_capaian_range_negative():
    # "7-8 bulan", lower is better: 9 above → (2×8 − 9)/8 = 87,5; 6 below → (2×7 − 6)/7 =
    # 114,29; inverse: 8/9 = 88,89 and 7/6 = 116,67
    assert capaian("7-8 bulan", 9, "negatif") == pytest.approx(87.5)
    assert round(capaian("7-8 bulan", 6, "negatif"), 2) == 114.29
    assert round(capaian("7-8 bulan", 9, "negatif", "inverse"), 2) == 88.89
    assert round(capaian("7-8 bulan", 6, "negatif", "inverse"), 2) == 116.67


def test_capaian_range_with_bound_series():
    low, high = pd.Series([80.0, 80.0, 7.0]), pd.Series([90.0, 90.0, 8.0])
    real = pd.Series([95.0, 85.0, 9.0])
    out = capaian_range(low, high, real, pd.Series(["positive", "positive", "negative"]))
    assert out.round(2).tolist() == [105.56, 100.0, 87.5]


def test_text_targets_mix_points_and_ranges():
    target = pd.Series(["72,00", "80-90%", "22 Lembaga", "Baik", None])
    real = pd.Series([67.84, 95.0, 22.0, 1.0, 3.0])
    out = capaian_with_reason(target, real)
    assert out["capaian"].round(2).tolist()[:3] == [94.22, 105.56, 100.0]
    assert out["reason"].tolist()[3:] == ["target bukan angka", "target kosong"]


# ---------------------------------------------------------------- missing and zero

@pytest.mark.parametrize(("target", "real", "reason"), [
    (0, 5, "target nol"), (0, 0, "target nol"), (None, 5, "target kosong"),
    (float("nan"), 5, "target kosong"), (10, None, "realisasi kosong"),
    ("Baik", 5, "target bukan angka"), (-2, -1, "target negatif"),
])
def test_missing_capaian_has_reason(target, real, reason):
    value, why = capaian_with_reason(target, real)
    assert math.isnan(value) and why == reason
    assert math.isnan(capaian(target, real))


def test_inverse_with_zero_realisasi_is_missing_not_inf():
    assert capaian_with_reason(10, 0, "negative", "inverse")[1] == "realisasi nol"
    assert capaian(10, 0, "negative") == pytest.approx(200.0)  # (2×10 − 0)/10


def test_never_inf_on_a_series():
    target = pd.Series([0.0, 0.0, 10.0, None, 5.0])
    real = pd.Series([1.0, 0.0, 0.0, 1.0, 5.0])
    for polarity in ("positive", "negative"):
        for formula in ("permenpan", "inverse"):
            out = capaian(target, real, polarity, formula)
            assert not np.isinf(out).any()
    out = capaian_with_reason(target, real)
    assert out["reason"].tolist()[:2] == ["target nol", "target nol"]
    assert out["reason"].isna().tolist()[2:] == [True, False, True]


def test_serapan_with_zero_pagu_is_missing():
    assert math.isnan(serapan(0, 0))
    assert math.isnan(serapan(None, 5))


# ---------------------------------------------------------------- scalars and Series

def test_scalar_in_scalar_out_and_series_keep_index():
    assert isinstance(capaian(72, 67.84), float)
    s = capaian(pd.Series([72.0, 85.0], index=["x", "y"]), 67.84)
    assert isinstance(s, pd.Series) and s.index.tolist() == ["x", "y"]
    assert round(s["y"], 2) == 79.81  # 67,84 / 85 → scalar realisasi broadcast


def test_series_with_different_index_refused():
    with pytest.raises(IndicatorError, match="indeks"):
        capaian(pd.Series([1.0], index=[0]), pd.Series([1.0], index=[5]))


finite = st.floats(min_value=0.01, max_value=1e6, allow_nan=False)
maybe = st.one_of(st.none(), st.floats(min_value=-10, max_value=1e6, allow_nan=False))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(maybe, maybe, st.sampled_from(["positif", "negative"]),
                          st.sampled_from(["permenpan", "inverse"])), min_size=1, max_size=20))
def test_series_equals_elementwise_scalar(rows):
    target = pd.Series([r[0] for r in rows], dtype=float)
    real = pd.Series([r[1] for r in rows], dtype=float)
    polarity = pd.Series([r[2] for r in rows])
    formula = pd.Series([r[3] for r in rows])
    vector = capaian(target, real, polarity, formula)
    scalar = [capaian(t, r, p, f) for t, r, p, f in rows]
    np.testing.assert_allclose(vector.to_numpy(), np.array(scalar, dtype=float), equal_nan=True)


@settings(max_examples=80, deadline=None)
@given(finite, finite, finite)
def test_positive_capaian_monotonic_in_realisasi(target, r1, r2):
    lo, hi = sorted([r1, r2])
    assert capaian(target, lo) <= capaian(target, hi)
    assert capaian(target, lo, "negative") >= capaian(target, hi, "negative")


@settings(max_examples=80, deadline=None)
@given(finite, finite)
def test_permenpan_negative_mirrors_positive(target, real):
    # (2T − R)/T = 2 − R/T, so the two capaian sum to 200
    assert capaian(target, real) + capaian(target, real, "negative") == pytest.approx(200.0)


@settings(max_examples=80, deadline=None)
@given(st.floats(min_value=-50, max_value=300, allow_nan=False))
def test_predikat_agrees_with_band_definition(x):
    assume(all(abs(x - edge) > 1e-6 for edge in (51, 66, 76, 91)))
    expected = ("Sangat Tinggi" if x >= 91 else "Tinggi" if x >= 76 else "Sedang" if x >= 66
                else "Rendah" if x >= 51 else "Sangat Rendah")
    assert predikat(x) == expected
    assert predikat(pd.Series([x])).iloc[0] == expected


# ---------------------------------------------------------------- efisiensi

# Tabel 3.2.2 of the reference: % capaian kinerja, % capaian anggaran, tingkat efisiensi
TABEL_3_2_2 = [
    (94.61, 89.12, 5.49), (100.00, 94.91, 5.10), (100.00, 70.51, 29.49),
    (100.00, 89.41, 11.59), (100.00, 0.00, 0.00), (100.00, 90.29, 9.71),
    (100.00, 85.93, 14.07), (100.00, 99.99, 0.00), (100.00, 82.72, 17.28),
    (100.00, 67.00, 33.00), (113.62, 98.37, 1.23), (83.13, None, None),
    (100.00, 88.15, 10.85), (100.00, 89.15, 10.85), (100.00, 98.47, 1.33),
    (100.00, None, None), (100.00, 98.47, 1.33), (100.00, None, None),
    (100.00, 97.91, 2.18), (100.00, None, None), (100.00, 89.95, 12.05),
    (0.00, None, None), (100.00, 97.91, 2.18), (100.00, 97.91, 2.18),
    (100.00, 67.67, 32.37), (100.00, None, None), (100.00, 67.67, 32.37),
    (99.47, 94.27, 4.73),
]


def reference_efficiency() -> pd.DataFrame:
    return pd.DataFrame(TABEL_3_2_2, columns=["capaian_kinerja", "capaian_anggaran",
                                              "efisiensi_reported"])


def test_efisiensi_formulas():
    assert efisiensi(100.00, 70.51) == pytest.approx(29.49)
    assert efisiensi(94.61, 89.12) == pytest.approx(5.49)
    assert efisiensi(100.00, 89.41) == pytest.approx(10.59)  # the report prints 11,59
    assert efisiensi(100.00, 89.41, "sisa_anggaran") == pytest.approx(10.59)
    assert efisiensi(113.62, 98.37, "sisa_anggaran") == pytest.approx(1.63)
    assert math.isnan(efisiensi(94.61, 89.12, "sisa_anggaran"))  # target missed
    assert efisiensi(100.0, 80.0, "rasio") == pytest.approx(125.0)
    assert math.isnan(efisiensi(100.0, 0.0, "rasio"))
    with pytest.raises(IndicatorError, match="'efektif'"):
        efisiensi(100, 80, "efektif")


def test_detect_efisiensi_method_on_reference_table():
    table = reference_efficiency()
    # 22 rows have all three figures. Within 0,5 point "selisih" explains 17 (all but
    # 11,59 / 0 from 0,00 / 1,23 / 12,05 / 10,85 of row 11); "sisa_anggaran" 16 (loses 5,49
    # and 4,73 whose target is missed, gains 1,23 ≈ 100 − 98,37 = 1,63); "rasio" none.
    scores = efisiensi_method_scores(table, tolerance=0.5).set_index("method")
    assert scores["explained"].to_dict() == {"selisih": 17, "sisa_anggaran": 16, "rasio": 0}
    assert set(scores["rows"]) == {22}
    assert detect_efisiensi_method(table) == "selisih"
    # within 0,01 only 9 rows: 5,49 5,10 29,49 9,71 14,07 0,00(0,01) 17,28 33,00 10,85 —
    # not a majority of 22
    assert efisiensi_method_scores(table, 0.01).set_index("method").loc["selisih",
                                                                          "explained"] == 9
    assert detect_efisiensi_method(table, tolerance=0.01) is None


def test_detect_efisiensi_method_other_formulas():
    kinerja = pd.Series([110.0, 100.0, 120.0, 95.0])
    anggaran = pd.Series([90.0, 80.0, 96.0, 95.0])
    ratio = pd.DataFrame({"capaian_kinerja": kinerja, "capaian_anggaran": anggaran,
                          "efisiensi_reported": [122.22, 125.0, 125.0, 100.0]})
    assert detect_efisiensi_method(ratio, tolerance=0.01) == "rasio"
    sisa = pd.DataFrame({"capaian_kinerja": kinerja[:3], "capaian_anggaran": anggaran[:3],
                         "efisiensi_reported": [10.0, 20.0, 4.0]})
    assert detect_efisiensi_method(sisa, tolerance=0.01) == "sisa_anggaran"
    assert detect_efisiensi_method(sisa.iloc[:0]) is None
    with pytest.raises(IndicatorError, match="efisiensi_reported"):
        detect_efisiensi_method(sisa.drop(columns="efisiensi_reported"))


def test_detect_on_extracted_reference(reference_tables):
    assert detect_efisiensi_method(reference_tables["efficiency"]) == "selisih"
    iku = iku_average(reference_tables["indicators"])
    assert round(float(iku["capaian_iku"].iloc[0]), 2) == 100.26


# ---------------------------------------------------------------- frame helpers

def reference_iku(**extra) -> pd.DataFrame:
    """Tabel 3.1.1 as tidy rows, plus its repetition in the Renstra table (not to count)."""
    rows = [("Nilai SAKIP", 72.00, "72,00", 67.84), ("Nilai IKPP", 7.70, "7,70", 7.97),
            ("Nilai PATEN", 85.0, "85", 88.28), ("Persentase Kasus", 100.0, "100%", 100.0),
            ("Persentase LPJ", 100.0, "100%", 100.0), ("Persentase Raperdes", 100.0, "100%",
                                                       100.0)]
    frame = pd.DataFrame(rows, columns=["indicator", "target", "target_raw", "realisasi"])
    frame = frame.assign(kecamatan="Jogoroto", kabupaten="Jombang", year=2024,
                         period_year=2024, level="iku", table_kind="iku", **extra)
    renstra = frame.assign(table_kind="renstra", realisasi=0.0)
    return pd.concat([frame, renstra], ignore_index=True)


def test_iku_average_of_reference():
    # (94,2222 + 103,5065 + 103,8588 + 3 × 100) / 6 = 601,5875 / 6 = 100,2646 → 100,26
    # (the report prints 100,03% and 100,3%)
    out = iku_average(reference_iku())
    assert len(out) == 1
    row = out.iloc[0]
    assert round(row["capaian_iku"], 2) == 100.26
    assert (row["n_iku"], row["n_capaian"], row["predikat"]) == (6, 6, "Sangat Tinggi")


def test_iku_average_ignores_other_years_and_levels():
    frame = reference_iku()
    old = frame.iloc[:1].assign(period_year=2023, realisasi=10.0)
    kegiatan = frame.iloc[:1].assign(level="kegiatan", realisasi=1.0)
    out = iku_average(pd.concat([frame, old, kegiatan], ignore_index=True))
    assert round(out["capaian_iku"].iloc[0], 2) == 100.26


def test_add_capaian_uses_polarity_column_and_range_text():
    frame = pd.DataFrame({
        "target": [72.0, 10.0, 10.0, 80.0, 0.0],
        "target_raw": ["72,00", "10", "10", "80-90%", "0"],
        "realisasi": [67.84, 8.0, 8.0, 95.0, 3.0],
        "polarity": ["positif", "negatif", "negatif", None, "positive"],
        "negative_formula": [None, None, "inverse", None, None],
    })
    out = add_capaian(frame)
    assert out["capaian"].round(2).tolist()[:4] == [94.22, 120.0, 125.0, 105.56]
    assert out["capaian_reason"].tolist()[4] == "target nol"
    assert out["predikat"].tolist()[:4] == ["Sangat Tinggi"] * 4
    assert "capaian" not in frame.columns  # the input is not changed


def test_add_serapan():
    frame = pd.DataFrame({"pagu": [15_445_000, 0], "realisasi": [12_202_500, 0]})
    out = add_serapan(frame)
    assert round(out["serapan"][0], 2) == 79.01 and math.isnan(out["serapan"][1])
    assert out["sisa_anggaran"].tolist() == [3_242_500, 0]


def test_year_over_year_from_multi_year_table():
    # Tabel 3.1.2, Nilai SAKIP: 70,35 (2022) → 71,85 (2023) → 67,84 (2024)
    frame = pd.DataFrame({
        "kecamatan": "Jogoroto", "year": 2024, "level": "iku", "indicator": "Nilai SAKIP",
        "period_year": [2022, 2023, 2024], "realisasi": [70.35, 71.85, 67.84]})
    # the 2023 report gave another 2023 figure: the later (2024) report's figure wins
    stale = frame.iloc[[1]].assign(year=2023, realisasi=60.0)
    out = year_over_year(pd.concat([frame, stale], ignore_index=True))
    out = out.sort_values("period_year")
    assert len(out) == 3
    assert out["realisasi_change"].round(2).tolist()[1:] == [1.50, -4.01]
    # −4,01 / 71,85 × 100 = −5,581…
    assert round(out["realisasi_change_pct"].iloc[2], 2) == -5.58
    assert math.isnan(out["realisasi_change"].iloc[0])


def test_year_over_year_gap_is_not_a_yearly_change():
    frame = pd.DataFrame({"kecamatan": "A", "year": [2021, 2024], "level": "iku",
                          "indicator": "x", "period_year": [2021, 2024],
                          "realisasi": [1.0, 2.0]})
    assert year_over_year(frame)["realisasi_change"].isna().all()


def test_renstra_distance():
    frame = pd.DataFrame({"realisasi": [67.84, 8.0], "target_renstra": [75.0, 6.0],
                          "polarity": ["positive", "negative"]})
    out = renstra_distance(frame)
    # 75 − 67,84 = 7,16 still to go; lower-is-better: 8 − 6 = 2 still to go
    assert out["renstra_gap"].round(2).tolist() == [7.16, 2.0]
    # 67,84 / 75 = 90,45; (2×6 − 8)/6 = 66,67
    assert out["capaian_renstra"].round(2).tolist() == [90.45, 66.67]


def test_frame_without_needed_column_fails_in_one_line():
    with pytest.raises(IndicatorError, match="iku_average: kolom 'level' tidak ada"):
        iku_average(pd.DataFrame({"kecamatan": ["A"], "year": [2024]}))
    with pytest.raises(IndicatorError, match="'pagu'"):
        add_serapan(pd.DataFrame({"realisasi": [1.0]}))
