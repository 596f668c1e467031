"""Polarity is data: one column decided at extraction (read/polarity.py), overridable by the
analyst, and read by the math, the checker, rankings, trends and predikat alike.

The expected figures are computed by hand from the bundled demo documents:
- Diwek 2023, Tabel 3.1 (data/raw/demo/2023/diwek.txt, line 63): "Persentase pengaduan
  masyarakat yang tidak ditindaklanjuti (semakin rendah semakin baik)", target 10%,
  realisasi 6,36%, printed capaian 136,40 = (2 × 10 − 6,36) / 10 × 100.
- Plandaan 2024, Tabel 3.1 (data/raw/demo/2024/plandaan.txt): the same indicator at 14,01%
  against 10%, so (20 − 14,01) / 10 × 100 = 59,90; its other IKU are Nilai SAKIP 60,61/68,00,
  IKPP 7,20/6,70, PATEN 77,43/85 and Forkopimcam 100%/100%.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from sakip_analysis.analysis.compare import league_table, rank, trend
from sakip_analysis.analysis.indicators import add_capaian, predikat
from sakip_analysis.errors import SakipError
from sakip_analysis.read.dataset import load_dataset
from sakip_analysis.read.extract import extract_paths
from sakip_analysis.read.polarity import apply_overrides, infer_polarity
from sakip_analysis.report.views.common import iku_rows
from sakip_analysis.report.views.trends import indicator_trend_frame
from sakip_analysis.review import check_tables

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "data" / "raw" / "demo"
PENGADUAN = "Persentase pengaduan masyarakat yang tidak ditindaklanjuti"


@pytest.fixture(scope="module")
def processed():
    return load_dataset(REPO / "data" / "processed")


def _pengaduan(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["indicator"].fillna("").str.startswith(PENGADUAN)]


def test_extraction_gives_each_indicator_its_polarity_and_source():
    tables = extract_paths([DEMO / "2023" / "diwek.txt"]).tables
    ind = tables["indicators"]
    assert ind["polarity"].notna().all() and ind["polarity_source"].notna().all()
    row = _pengaduan(ind[ind["table_kind"] == "iku"]).iloc[0]
    assert (row["polarity"], row["polarity_source"]) == ("negative", "report")
    sakip = ind[(ind["indicator"] == "Nilai SAKIP") & (ind["table_kind"] == "iku")].iloc[0]
    # 80,81 / 71,50 = 113,02 as printed, and not (2 × 71,50 − 80,81) / 71,50 = 86,98
    assert (sakip["polarity"], sakip["polarity_source"]) == ("positive", "capaian")


def test_diwek_2023_capaian_and_predikat_follow_the_negative_polarity(processed):
    rows = _pengaduan(iku_rows(processed["indicators"], 2023, "Diwek"))
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row["polarity"] == "negative"
    assert row["capaian"] == pytest.approx((2 * 10 - 6.36) / 10 * 100)  # 136,40, not 63,60
    assert row["capaian"] == pytest.approx(row["capaian_reported"])
    assert row["predikat"] == "Sangat Tinggi"  # 63,60 would have been "Rendah"


def test_the_checker_reads_the_same_polarity(tmp_path):
    source = DEMO / "2023" / "diwek.txt"
    text = source.read_text(encoding="utf-8")
    good = extract_paths([source]).tables
    r101 = check_tables(good, rules=["R101"])
    assert 63 not in set(r101["line"])  # 136,40 is the report's own (2T − R)/T
    # The same row with the positive formula's 63,60 printed is wrong for this indicator.
    bad = tmp_path / "diwek.txt"
    bad.write_text(text.replace("10%\t6,36%\t136,40", "10%\t6,36%\t63,60"), encoding="utf-8")
    findings = check_tables(extract_paths([bad]).tables, rules=["R101"])
    assert 63 in set(findings["line"])


def test_plandaan_2024_is_last_on_the_negative_indicator_and_averaged_by_hand(processed):
    rows = _pengaduan(iku_rows(processed["indicators"], 2024))
    ranks = rank(rows, "capaian").set_axis(rows["kecamatan"])
    assert ranks["Plandaan"] == len(rows)  # worst (14,01% not followed up), not first
    table = league_table(processed["indicators"], processed["budget"], 2024)
    plandaan = table.set_index("kecamatan").loc["Plandaan"]
    by_hand = (60.61 / 68 + 7.20 / 6.70 + 77.43 / 85 + 1 + (20 - 14.01) / 10) / 5 * 100
    assert plandaan["capaian_iku"] == pytest.approx(by_hand)  # 89,52
    scored_positive = by_hand + (14.01 / 10 - (20 - 14.01) / 10) / 5 * 100  # 97,56
    better = table[table["capaian_iku"] > plandaan["capaian_iku"]]
    assert plandaan["rank"] == len(better) + 1
    assert len(table[table["capaian_iku"] > scored_positive]) < len(better)


def test_trend_of_a_worsening_negative_indicator_points_down(processed):
    frame = indicator_trend_frame(processed, "Diwek", [2022, 2023, 2024])
    row = frame[frame["label"].str.startswith(PENGADUAN)].iloc[0]
    # realisasi 5,68 → 6,36 → 9,64 against 10%: capaian 143,2 → 136,4 → 103,6
    assert [row["capaian_2022"], row["capaian_2023"], row["capaian_2024"]] == pytest.approx(
        [143.2, 136.4, 103.6])
    assert row["slope"] == pytest.approx((103.6 - 143.2) / 2)
    assert row["arah"].startswith("menurun")


def test_trend_of_realisasi_says_whether_a_negative_indicator_improves():
    frame = pd.DataFrame({"k": ["a"] * 3 + ["b"] * 3, "year": [2022, 2023, 2024] * 2,
                          "realisasi": [9.0, 7.0, 5.0, 9.0, 7.0, 5.0],
                          "polarity": ["negative"] * 3 + ["positive"] * 3})
    out = trend(frame, "realisasi", by="k").set_index("k")
    assert list(out["arah"].astype(str)) == ["menurun", "menurun"]
    assert out.loc["a", "kinerja"] == "membaik" and out.loc["b", "kinerja"] == "memburuk"


def test_polarity_from_the_reports_own_capaian_when_the_wording_is_neutral():
    frame = pd.DataFrame({
        "source_file": ["r.txt"] * 3, "indicator": ["Indeks X", "Indeks X", "Indeks Y"],
        "unit": [None] * 3, "target_raw": ["8", "8", "8"], "target": [8.0, 8.0, 8.0],
        "realisasi": [6.0, 6.0, 6.0],
        # (2 × 8 − 6) / 8 = 125; 6 / 8 = 75
        "capaian_reported": [125.0, 125.0, 75.0], "capaian_reported_decimals": [0, 0, 0]})
    out = infer_polarity(frame)
    assert list(out["polarity"]) == ["negative", "negative", "positive"]
    assert list(out["polarity_source"]) == ["capaian", "capaian", "capaian"]
    assert list(add_capaian(out)["capaian"]) == pytest.approx([125.0, 125.0, 75.0])


def test_comparator_and_range_targets_state_their_polarity():
    frame = pd.DataFrame({"indicator": ["A", "B", "C"], "unit": [None] * 3,
                          "target_raw": ["≤ 5", "≥ 75", "80-90%"]})
    out = infer_polarity(frame)
    assert list(out["polarity"]) == ["negative", "positive", "range"]
    assert set(out["polarity_source"]) == {"report"}


def test_analyst_file_overrides_and_is_undone_when_removed(tmp_path):
    ind = extract_paths([DEMO / "2023" / "diwek.txt"]).tables["indicators"]
    path = tmp_path / "polarity.csv"
    path.write_text("indicator,polarity,kecamatan,catatan\n"
                    "  nilai  SAKIP ,negative,,uji\n", encoding="utf-8")
    out = apply_overrides(ind, path)
    sakip = out[out["indicator"] == "Nilai SAKIP"]
    assert set(sakip["polarity"]) == {"negative"} and set(sakip["polarity_source"]) == {"analyst"}
    assert (out.loc[out["indicator"] != "Nilai SAKIP", "polarity_source"] != "analyst").all()
    row = add_capaian(sakip[sakip["table_kind"] == "iku"]).iloc[0]
    assert row["capaian"] == pytest.approx((2 * 71.5 - 80.81) / 71.5 * 100)
    assert row["predikat"] == predikat((2 * 71.5 - 80.81) / 71.5 * 100)
    path.write_text("indicator,polarity\n", encoding="utf-8")
    again = apply_overrides(out, path)
    assert set(again.loc[again["indicator"] == "Nilai SAKIP", "polarity"]) == {"positive"}


def test_analyst_file_with_an_unknown_polarity_names_file_line_and_value(tmp_path):
    path = tmp_path / "polarity.csv"
    path.write_text("indicator,polarity\nNilai SAKIP,positive\nNilai PATEN,turun\n",
                    encoding="utf-8")
    ind = pd.DataFrame({"indicator": ["Nilai PATEN"], "kecamatan": ["Diwek"]})
    with pytest.raises(SakipError, match=r"polarity\.csv, baris 3: polaritas 'turun'"):
        apply_overrides(ind, path)


def test_ingest_applies_the_analyst_file(tmp_path):
    from sakip_analysis.pipeline.ingest import ingest

    root = tmp_path / "data"
    (root / "raw").mkdir(parents=True)
    shutil.copy(DEMO / "2023" / "diwek.txt", root / "raw" / "diwek.txt")
    ingest([root / "raw" / "diwek.txt"], root)
    stored = pd.read_csv(root / "processed" / "indicators.csv")
    assert set(_pengaduan(stored)["polarity"]) == {"negative"}
    (root / "polarity.csv").write_text(f"indicator,polarity\n{PENGADUAN} (semakin rendah "
                                       "semakin baik),positive\n", encoding="utf-8")
    ingest([root / "raw" / "diwek.txt"], root)  # the file is unchanged; the analyst file is new
    stored = pd.read_csv(root / "processed" / "indicators.csv")
    assert set(_pengaduan(stored)["polarity_source"]) == {"analyst"}
    assert set(_pengaduan(stored)["polarity"]) == {"positive"}
