"""The notebook sections on small hand-built tables: selection rules, figures computed by hand,
Indonesian formatting, notes instead of exceptions when a table is missing, and the charts."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
from matplotlib.figure import Figure

from sakip_analysis.read import schema
from sakip_analysis.report import plots
from sakip_analysis.report.views import common, cross, review, trends
from sakip_analysis.report.views import kecamatan as report
from sakip_analysis.review.findings import write_findings

matplotlib.use("Agg")

FILE = "laporan/jogoroto-2024.txt"


def ident(kecamatan: str = "Jogoroto", year: int = 2024, source: str = "laporan",
          file: str | None = None, table: int = 1, line: int = 1) -> dict:
    return {"kecamatan": kecamatan, "kabupaten": "Jombang", "year": year, "data_source": source,
            "source_file": file or f"laporan/{kecamatan.lower()}-{year}.txt",
            "source_table": f"Tabel {table}", "source_table_index": table, "source_line": line}


def build(**rows: list[dict]) -> dict[str, pd.DataFrame]:
    """A dataset with the given rows (conformed to the schema) and every other table empty.
    The table catalogue lists each report that has rows."""
    tables = {name: schema.conform(name, pd.DataFrame(rows[name])) if rows.get(name)
              else schema.empty_frame(name) for name in schema.TABLE_NAMES}
    if "tables" not in rows and any(rows.values()):
        seen = pd.concat([tables[n][["kecamatan", "kabupaten", "year", "data_source",
                                     "source_file", "source_table_index"]]
                          for n in schema.TABLE_NAMES if n != "tables" and len(tables[n])])
        catalog = seen.drop_duplicates().assign(table_kind="iku", n_rows=1, n_columns=1)
        tables["tables"] = schema.conform("tables", catalog)
    return tables


def iku(indicator: str, target: float, realisasi: float, *, kind: str = "iku",
        period: int | None = None, level: str = "iku", line: int = 10, table: int = 1,
        reported: float | None = None, **who) -> dict:
    row = ident(table=table, line=line, **who)
    return {**row, "table_kind": kind, "period_year": period or row["year"], "level": level,
            "name": "Meningkatnya Akuntabilitas", "indicator": indicator, "target": target,
            "target_decimals": 2, "realisasi": realisasi, "realisasi_decimals": 2,
            "capaian_reported": reported}


def money(name: str, level: str, pagu: float, realisasi: float, *, kind: str = "budget",
          line: int = 50, table: int = 5, reported: float | None = None, **who) -> dict:
    return {**ident(table=table, line=line, **who), "table_kind": kind, "level": level,
            "name": name, "pagu": pagu, "realisasi": realisasi, "serapan_reported": reported}


# --------------------------------------------------------------------------- formatting, names

def test_numbers_are_written_the_indonesian_way():
    assert common.fmt_percent(94.2222) == "94,22%"
    assert common.fmt_rupiah(2954994511) == "2.954.994.511"
    assert common.fmt_number(67.84) == "67,84"
    assert common.fmt_percent(float("nan")) == "–"
    assert common.fmt_rupiah(None) == "–"
    assert common.fmt_figure(85, 0, None) == "85"
    assert common.fmt_figure(100, 0, "%") == "100%"
    assert common.fmt_figure(72, 2, "Nilai") == "72,00"


@pytest.mark.parametrize(("text", "kecamatan", "label"), [
    ("Nilai IKPP Kec Jogoroto", "Jogoroto", "Nilai IKPP"),
    ("Nilai SAKIP Kecamatan Jogoroto", "Jogoroto", "Nilai SAKIP"),
    ("2.Nilai IPP Kecamatan Jogoroto", "Jogoroto", "Nilai IPP"),
    ("Nilai PATEN Kec. Bandar Kedung Mulyo", "Bandar Kedung Mulyo", "Nilai PATEN"),
    ("Persentase Evaluasi RAPERDES Tepat Waktu.", "Jogoroto", "Persentase Evaluasi RAPERDES "
     "Tepat Waktu"),
])
def test_indicator_label_drops_kecamatan_and_numbering(text, kecamatan, label):
    assert common.indicator_label(text, kecamatan) == label


def test_indicator_key_matches_with_and_without_nilai():
    assert common.indicator_key("IKPP") == common.indicator_key("Nilai IKPP") == "ikpp"


def test_escape_md_neutralises_report_text():
    assert common.escape_md("<b>Kec*a*</b>") == "&lt;b&gt;Kec\\*a\\*&lt;/b&gt;"


# --------------------------------------------------------------------------- IKU

def iku_dataset() -> dict[str, pd.DataFrame]:
    return build(indicators=[
        iku("Nilai SAKIP", 72.00, 67.84, line=10, reported=94.22),
        iku("Nilai PATEN Kec Jogoroto", 85, 88.28, line=11, reported=103),
        {**iku("Rata-rata capaian IKU", None, None, level="rata-rata", line=12),
         "capaian_reported": 100.03},
        # the same IKU repeated in the Renstra table must not count twice
        iku("Nilai SAKIP", 72.00, 67.84, kind="renstra", line=40, table=3),
        iku("Nilai SAKIP", 72.00, 67.84, kecamatan="Diwek", line=10),
    ])


def test_iku_view_computes_capaian_and_predikat_of_the_iku_table_only():
    view = report.iku_view(iku_dataset(), "jogoroto", 2024)  # parameter case does not matter
    frame = view.frame
    # 67,84 / 72 × 100 = 94,22…; 88,28 / 85 × 100 = 103,858…
    assert frame["capaian"].round(4).tolist() == [94.2222, 103.8588]
    assert frame["predikat"].tolist() == ["Sangat Tinggi", "Sangat Tinggi"]
    shown = view.table()
    assert shown["Capaian (%)"].tolist() == ["94,22%", "103,86%"]
    assert shown["Target"].tolist() == ["72,00", "85,00"]
    assert shown["Capaian tertulis (%)"].tolist() == ["94,22%", "103,00%"]
    assert "Indikator kinerja" in shown.columns


def test_iku_summary_gives_average_reported_average_and_missed_targets():
    text = report.iku_summary(iku_dataset(), "Jogoroto", 2024).data
    # (94,2222 + 103,8588) / 2 = 99,0405
    assert "Rata-rata capaian IKU 2024: **99,04%** (Sangat Tinggi)" in text
    assert "tertulis di laporan: 100,03%" in text
    assert "Belum mencapai target: Nilai SAKIP (94,22%)" in text


def test_iku_rows_fall_back_to_the_renstra_table_when_there_is_no_iku_table():
    tables = build(indicators=[iku("Nilai SAKIP", 70, 63, kind="renstra", line=40)])
    rows = common.iku_rows(tables["indicators"], 2024, "Jogoroto")
    assert rows["capaian"].tolist() == [90.0]  # 63 / 70 × 100


def test_views_without_their_table_show_the_indonesian_note():
    tables = build(indicators=[iku("Nilai SAKIP", 72, 67.84)])
    notes = {
        report.benchmark_view: "Tabel perbandingan kabupaten/provinsi tidak ada dalam laporan "
                               "ini.",
        report.budget_view: "Tabel anggaran per program dan kegiatan tidak ada dalam laporan "
                            "ini.",
        report.efficiency_view: "Tabel efisiensi penggunaan sumber daya tidak ada dalam laporan "
                                "ini.",
        report.renstra_view: "Tabel perbandingan dengan target Renstra tidak ada dalam laporan "
                             "ini.",
        report.kinerja_anggaran_view: "Tabel pencapaian kinerja dan anggaran tidak ada dalam "
                                      "laporan ini.",
        report.sakip_view: "Tabel komponen nilai SAKIP tidak ada dalam laporan ini.",
    }
    for view_of, note in notes.items():
        view = view_of(tables, "Jogoroto", 2024)
        assert view.empty
        assert view.note == note
        assert note in view._repr_html_()
    assert report.history_view(tables, "Jogoroto", 2024).empty
    assert report.budget_summary(tables, "Jogoroto", 2024).data == ""
    assert report.efficiency_summary(report.efficiency_view(tables, "Jogoroto", 2024)).data == ""
    assert report.benchmark_summary(report.benchmark_view(tables, "Jogoroto", 2024)).data == ""


def test_a_kecamatan_without_report_gets_notes_everywhere():
    tables = iku_dataset()
    assert "tidak ada dalam data" in report.report_header(tables, "Wonosalam", 2024).data
    assert report.iku_view(tables, "Wonosalam", 2024).empty
    figures = report.key_figures(tables, common.load_findings("/nonexistent"), "Wonosalam",
                                 2024).data
    assert "tidak ada tabel IKU" in figures
    assert "findings.csv) belum ada" in figures


def test_view_html_escapes_report_text():
    tables = build(indicators=[iku("<script>alert(1)</script>", 10, 10)])
    html = report.iku_view(tables, "Jogoroto", 2024)._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_a_table_is_escaped_and_styled_cell_by_cell_the_same_every_time():
    frame = pd.DataFrame({"level": ["program", "kegiatan", "total"],
                          "label": ["<b>Program</b>", "Kegiatan & Co", "JUMLAH"],
                          "capaian": [101.25, None, 95.5]})
    view = common.View(frame, {"label": "Uraian", "capaian": "Capaian (%)"}, "catatan",
                       formats={"capaian": common.fmt_number},
                       cell_css={"capaian": lambda v: "color: red" if v < 100 else pd.NA},
                       row_css=common.level_row_css)
    page = view._repr_html_()
    assert page == view._repr_html_()  # no random ids: a rebuilt page is the same page
    assert re.findall(r'<th class="col_heading level0 col(\d)">([^<]*)</th>', page) == [
        ("0", "Uraian"), ("1", "Capaian (%)")]
    right = "text-align: right; white-space: nowrap"
    total = "font-weight: 700; border-top: 2px solid #57606a"
    assert re.findall(r'<td class="data row(\d) col(\d)"(?: style="([^"]*)")?>([^<]*)</td>',
                      page) == [
        ("0", "0", "font-weight: 600", "&lt;b&gt;Program&lt;/b&gt;"),
        ("0", "1", f"{right}; font-weight: 600", "101,25"),
        ("1", "0", "", "Kegiatan &amp; Co"),
        ("1", "1", right, "–"),
        ("2", "0", total, "JUMLAH"),
        ("2", "1", f"{right}; color: red; {total}", "95,50"),
    ]
    assert 'class="dataframe sakip-table"' in page and "<style" not in page


def test_a_view_reprs_as_one_line_naming_its_columns_not_its_cells():
    """The plain-text fallback beside every table's HTML: one line, whatever the view's kind
    (the dataclass repr printed the whole frame)."""
    tables = build(indicators=[iku("Nilai SAKIP", 80, 85.52)])
    view = report.iku_view(tables, "Jogoroto", 2024)
    text = repr(view)
    assert text.startswith("<Tabel 1 baris × ") and "Indikator" in text
    assert "\n" not in text and "85" not in text  # no cell value
    efficiency = report.efficiency_view(tables, "Jogoroto", 2024)
    assert type(efficiency).__repr__ is common.View.__repr__
    assert repr(efficiency) == f"<Tabel kosong: {efficiency.note}>"
    quadrant = cross.quadrant_view(cross_dataset(), 2024)
    assert repr(quadrant).startswith("<Tabel 2 baris × 4 kolom: Kecamatan, ")


# --------------------------------------------------------------------------- budget

def budget_dataset() -> dict[str, pd.DataFrame]:
    return build(budget=[
        money("Program A", "program", 1_000_000, 750_000, line=50, reported=75.0),
        money("Kegiatan A1", "kegiatan", 600_000, 300_000, line=51),
        money("Kegiatan A2", "kegiatan", 400_000, 450_000, line=52),
        money("JUMLAH", "total", 1_000_000, 750_000, line=53),
        # the kinerja-and-anggaran table repeats the budget; the budget table wins
        money("Program A", "program", 999, 1, kind="kinerja_anggaran", table=4, line=30),
    ])


def test_budget_rows_prefer_the_budget_table_and_compute_serapan():
    view = report.budget_view(budget_dataset(), "Jogoroto", 2024)
    frame = view.frame
    assert frame["name"].tolist() == ["Program A", "Kegiatan A1", "Kegiatan A2", "JUMLAH"]
    # 750.000 / 1.000.000 = 75 %; 300.000 / 600.000 = 50 %; 450.000 / 400.000 = 112,5 %
    assert frame["serapan"].tolist() == [75.0, 50.0, 112.5, 75.0]
    shown = view.table()
    assert shown["Pagu (Rp)"].tolist()[0] == "1.000.000"
    assert shown["Serapan (%)"].tolist() == ["75,00%", "50,00%", "112,50%", "75,00%"]
    assert shown["Tingkat"].tolist()[-1] == "Jumlah"
    text = report.budget_summary(budget_dataset(), "Jogoroto", 2024).data
    assert "serapan **75,00%**" in text and "sisa Rp 250.000" in text
    assert "terendah: Kegiatan A1 (50,00%)" in text


def test_budget_rows_fall_back_to_the_kinerja_anggaran_table():
    tables = build(budget=[money("Program B", "program", 200, 100, kind="kinerja_anggaran")])
    assert report.budget_rows(tables, "Jogoroto", 2024)["serapan"].tolist() == [50.0]


def test_kinerja_and_anggaran_are_joined_by_printed_line():
    tables = build(
        indicators=[iku("Persentase dokumen", 100, 100, kind="kinerja_anggaran", level="kegiatan",
                        table=4, line=30),
                    iku("Jumlah lembaga", 22, 11, kind="kinerja_anggaran", level="kegiatan",
                        table=4, line=31)],
        budget=[money("Kegiatan X", "kegiatan", 15_445_000, 12_202_500, kind="kinerja_anggaran",
                      table=4, line=30)])
    frame = report.kinerja_anggaran_frame(tables, "Jogoroto", 2024)
    assert frame["capaian"].tolist() == [100.0, 50.0]
    # 12.202.500 / 15.445.000 × 100 = 79,0061…; the second line prints no budget
    assert round(frame["serapan"].iloc[0], 2) == 79.01
    assert pd.isna(frame["serapan"].iloc[1])


def test_efficiency_is_recomputed_with_the_formula_the_table_uses():
    rows = [(100.0, 70.51, 29.49), (100.0, 89.41, 11.59), (94.61, 89.12, 5.49)]
    tables = build(efficiency=[
        {**ident(table=6, line=60 + i), "level": "kegiatan", "name": f"K{i}",
         "capaian_kinerja": k, "capaian_anggaran": a, "efisiensi_reported": e}
        for i, (k, a, e) in enumerate(rows)])
    view = report.efficiency_view(tables, "Jogoroto", 2024)
    frame = view.frame
    assert view.method == "selisih"
    assert "100 dikurangi serapan" not in report.efficiency_summary(view).data
    assert "capaian kinerja dikurangi capaian anggaran" in report.efficiency_summary(view).data
    # selisih: 100 − 70,51 = 29,49; 100 − 89,41 = 10,59 (the report says 11,59); 94,61 − 89,12
    assert frame["efisiensi"].round(2).tolist() == [29.49, 10.59, 5.49]


# --------------------------------------------------------------------------- earlier years

def history_dataset() -> dict[str, pd.DataFrame]:
    return build(indicators=[
        iku("Nilai SAKIP", 72, 67.84, line=10),
        iku("Nilai SAKIP Kecamatan Jogoroto", 70.01, 70.35, kind="multi_year", period=2022,
            table=2, line=20),
        iku("Nilai SAKIP Kecamatan Jogoroto", 71.00, 71.85, kind="multi_year", period=2023,
            table=2, line=20),
        # the 2023 report itself says otherwise: a year's own report wins
        iku("Nilai SAKIP", 71.00, 71.00, year=2023, line=10),
        iku("Nilai SAKIP", 72, 67.84, kind="renstra", table=3, line=40),
    ])


def test_iku_history_takes_each_year_from_its_own_report_first():
    history = report.iku_history(history_dataset(), "Jogoroto")
    assert history["tahun"].tolist() == [2022, 2023, 2024]
    assert history["label"].unique().tolist() == ["Nilai SAKIP"]
    assert history["realisasi"].tolist() == [70.35, 71.00, 67.84]
    assert history["sumber"].tolist() == ["Tabel 2 laporan 2024", "Laporan 2023",
                                          "Laporan 2024"]
    assert report.iku_history(history_dataset(), "Jogoroto", through=2023)["tahun"].max() == 2023


def test_history_view_shows_change_of_capaian_in_points():
    view = report.history_view(history_dataset(), "Jogoroto", 2024)
    row = view.frame.iloc[0]
    # 2023: 71 / 71 = 100 %; 2024: 67,84 / 72 = 94,222 %: change −5,78 points
    assert round(row["capaian_2023"], 2) == 100.0
    assert round(row["perubahan"], 2) == -5.78
    shown = view.table()
    assert shown["Perubahan capaian 2023→2024 (poin)"].tolist() == ["-5,78"]
    assert shown["Realisasi 2022"].tolist() == ["70,35"]


def test_renstra_gap_is_what_is_still_to_go():
    frame = report.renstra_frame(history_dataset(), "Jogoroto", 2024)
    assert round(frame["renstra_gap"].iloc[0], 2) == 4.16  # 72 − 67,84
    assert report.renstra_view(history_dataset(), "Jogoroto", 2024).table()[
        "Kekurangan menuju target"].tolist() == ["4,16"]


# --------------------------------------------------------------------------- benchmarks, SAKIP

def test_benchmark_ratios_and_summary():
    tables = build(benchmarks=[
        {**ident(table=7, line=70), "indicator": "Nilai IKPP", "kecamatan_value": 7.97,
         "kabupaten_value": 7.83, "provinsi_value": 4.77, "pct_reported": 167},
        {**ident(table=7, line=71), "indicator": "Nilai SAKIP", "kecamatan_value": 67.84,
         "kabupaten_value": 70.0, "provinsi_value": 83.86}])
    view = report.benchmark_view(tables, "Jogoroto", 2024)
    # 7,97 / 4,77 × 100 = 167,085…; 67,84 / 83,86 × 100 = 80,896…
    assert view.table()["Terhadap provinsi (%)"].tolist() == ["167,09%", "80,90%"]
    text = report.benchmark_summary(view).data
    assert "Terhadap kabupaten: di atas — Nilai IKPP; di bawah — Nilai SAKIP." in text


def test_sakip_score_prefers_the_components_table_then_the_iku():
    components = [{**ident(table=8, line=80 + i), "level": level, "component": name,
                   "bobot": bobot, "nilai": nilai}
                  for i, (level, name, bobot, nilai) in enumerate([
                      ("komponen", "Perencanaan Kinerja", 30, 25.34),
                      ("total", "Hasil Evaluasi", None, 72.09)])]
    tables = build(sakip_components=components,
                   indicators=[iku("Nilai SAKIP", 72, 67.84),
                               iku("Nilai SAKIP", 70, 61.5, kecamatan="Diwek")])
    scores = common.sakip_scores(tables, 2024).set_index("kecamatan")
    assert scores.loc["Jogoroto", "nilai"] == 72.09
    assert scores.loc["Jogoroto", "grade"] == "BB"  # >70–80
    assert scores.loc["Diwek", "nilai"] == 61.5
    assert scores.loc["Diwek", "sumber"] == "IKU Nilai SAKIP"
    assert scores.loc["Diwek", "grade"] == "B"  # >60–70
    text = report.sakip_summary(tables, "Jogoroto", 2024).data
    assert "**72,09** — predikat **BB** (Sangat Baik)" in text


# --------------------------------------------------------------------------- findings

def findings_records() -> pd.DataFrame:
    from sakip_analysis.review.findings import frame_of

    base = {"file": FILE, "kecamatan": "Jogoroto", "year": 2024, "table": "Tabel 1",
            "reported": "70,51%", "expected": "79,01%"}
    return frame_of([
        {**base, "rule": "R401", "family": "average", "severity": "info", "message": "c",
         "table_index": 1, "line": 5},
        {**base, "rule": "R102", "family": "ratio", "severity": "error", "message": "b",
         "table_index": 2, "line": 9, "related_lines": [3, 4]},
        {**base, "rule": "R101", "family": "ratio", "severity": "error", "message": "a",
         "table_index": 1, "line": 7},
        {**base, "rule": "R501", "family": "cross-table", "severity": "warning",
         "message": "d", "table_index": 1, "line": 1},
        {**base, "rule": "R101", "family": "ratio", "severity": "error", "message": "e",
         "kecamatan": "Diwek", "file": "laporan/diwek-2024.txt", "table_index": 1, "line": 7},
    ])


def test_load_findings_reads_the_csv_and_tolerates_its_absence(tmp_path):
    assert common.load_findings(tmp_path) is None  # the checker has not run
    missing = common.findings_or_empty(None)
    assert missing.empty
    assert list(missing.columns)[:4] == ["rule", "family", "severity", "message"]
    write_findings(findings_records(), "csv", tmp_path / "findings.csv")
    loaded = common.load_findings(tmp_path)
    assert len(loaded) == 5
    assert loaded.loc[loaded["message"] == "b", "related_lines"].iloc[0] == [3, 4]


def test_findings_most_serious_first_then_in_document_order():
    frame = common.findings_frame(findings_records(), "Jogoroto", 2024)
    assert frame["message"].tolist() == ["a", "b", "d", "c"]
    assert frame["tingkat"].tolist() == ["Kesalahan", "Kesalahan", "Peringatan", "Info"]
    warned = common.findings_frame(findings_records(), "Jogoroto", 2024, "warning")
    assert warned["message"].tolist() == ["a", "b", "d"]
    view = report.findings_view(findings_records(), "Jogoroto", 2024)
    assert view.table()["Kelompok"].tolist() == ["Rasio", "Rasio", "Antar-tabel", "Rata-rata"]
    none = report.findings_view(findings_records(), "Jogoroto", 2023)
    assert none.note == "Tidak ada inkonsistensi yang ditemukan dalam laporan ini."


def test_review_groups_by_family_and_quotes_the_source_line():
    tables = build(
        indicators=[{**iku("Nilai SAKIP", 72, 67.84, line=7), "target_raw": "72,00",
                     "realisasi_raw": "67,84", "capaian_reported_raw": "94,22"}],
        narrative=[{**ident(line=1), "source_table": None, "source_table_index": None,
                    "text": "Capaian rata-rata 100,03%."}])
    frame = review.review_frame(findings_records(), tables, 2024, "Jogoroto")
    quotes = dict(zip(frame["message"], frame["kutipan"], strict=True))
    assert quotes["a"] == "Meningkatnya Akuntabilitas — Nilai SAKIP: 72,00 | 67,84 | 94,22"
    assert quotes["b"] == ""
    assert frame.loc[frame["message"] == "b", "baris_terkait"].iloc[0] == "3, 4"
    sections = review.review_sections(findings_records(), tables, 2024)
    assert [h for h, _ in sections] == ["Rasio (3 temuan)", "Rata-rata (1 temuan)",
                                        "Antar-tabel (1 temuan)"]
    summary = review.summary_frame(findings_records(), 2024)
    assert summary.set_index("kelompok").loc["Rasio", ["error", "total"]].tolist() == [3, 3]
    header = review.review_header(findings_records(), 2024).data
    assert "**5 temuan** dari 2 laporan (3 kesalahan, 1 peringatan, 1 info)" in header


def test_review_of_an_empty_year_has_no_sections():
    assert review.review_sections(findings_records(), build(), 2020) == []
    assert review.summary_view(findings_records(), 2020).note == \
        "Tidak ada temuan untuk pilihan ini."


# --------------------------------------------------------------------------- across kecamatan

def cross_dataset() -> dict[str, pd.DataFrame]:
    return build(
        indicators=[iku("Nilai SAKIP", 70, 63), iku("Nilai IKPP Kec Jogoroto", 7, 7.7, line=11),
                    iku("Nilai SAKIP", 70, 70, kecamatan="Diwek"),
                    iku("Nilai IKPP Kecamatan Diwek", 7, 7, kecamatan="Diwek", line=11)],
        budget=[money("JUMLAH", "total", 100, 80),
                money("JUMLAH", "total", 100, 95, kecamatan="Diwek")])


def test_league_table_ranks_kecamatan_by_average_capaian():
    frame = cross.league_frame(cross_dataset(), 2024)
    # Diwek: (100 + 100) / 2 = 100; Jogoroto: (90 + 110) / 2 = 100 too → shared rank 1
    assert frame["capaian_iku"].round(6).tolist() == [100.0, 100.0]
    assert frame["rank"].tolist() == [1, 1]
    assert dict(zip(frame["kecamatan"], frame["serapan"], strict=True)) == {
        "Jogoroto": 80.0, "Diwek": 95.0}


def test_iku_matrix_lines_up_indicators_across_kecamatan():
    long = cross.iku_matrix(cross_dataset(), 2024)
    assert sorted(long["label"].unique()) == ["Nilai IKPP", "Nilai SAKIP"]
    view = cross.matrix_view(cross.matrix_rows(long))
    assert view.table().set_index("Kecamatan/Kabupaten").loc["Jogoroto", "Nilai IKPP"] == \
        "110,00%"


def test_quadrant_and_findings_counts():
    view = cross.quadrant_view(cross_dataset(), 2024)
    frame = view.frame.set_index("kecamatan")
    # median serapan (80 + 95) / 2 = 87,5; both reach 100 %
    assert view.cut == 87.5
    assert "median 87,50%" in cross.quadrant_summary(view).data
    assert frame.loc["Diwek", "kuadran"] == "Kinerja tinggi, serapan tinggi"
    assert frame.loc["Jogoroto", "kuadran"] == "Kinerja tinggi, serapan rendah"
    counts = cross.findings_count_frame(cross_dataset(), findings_records(), 2024)
    assert counts.set_index("kecamatan").loc["Jogoroto", ["error", "warning", "info",
                                                           "total"]].tolist() == [2, 1, 1, 4]
    none = cross.findings_count_frame(cross_dataset(), findings_records().iloc[0:0], 2024)
    assert none["total"].tolist() == [0, 0]


def test_cross_views_of_a_year_without_reports_show_notes():
    tables = cross_dataset()
    assert cross.league_view(tables, 2019).empty
    assert cross.league_view(tables, 2019).note == "Tidak ada data capaian IKU tahun 2019."
    assert cross.quadrant_view(tables, 2019).empty
    assert cross.sakip_view(tables, 2019).empty
    assert "Tidak ada laporan kecamatan tahun 2019" in cross.cross_header(tables, 2019).data


def test_outliers_are_listed_by_kecamatan():
    rows = [iku("Nilai SAKIP", 100, value, kecamatan=name)
            for name, value in [("A", 100), ("B", 101), ("C", 99), ("D", 100), ("E", 40)]]
    view = cross.outlier_view(cross.distribution_frame(
        cross.iku_matrix(build(indicators=rows), 2024)))
    # Q1 = 99, Q3 = 100, IQR = 1: 40 is far below 99 − 1,5
    assert view.frame["kecamatan"].tolist() == ["E"]
    assert view.table()["Median semua kecamatan (%)"].tolist() == ["100,00%"]


# --------------------------------------------------------------------------- trends

def test_trend_views_cover_the_years_of_the_data():
    tables = build(
        indicators=[iku("Nilai SAKIP", 70, 63, year=2023), iku("Nilai SAKIP", 70, 70)],
        budget=[money("JUMLAH", "total", 100, 80, year=2023), money("JUMLAH", "total", 200, 190),
                money("Program  Penunjang Urusan", "program", 100, 80, year=2023, line=49),
                money("Program Penunjang urusan.", "program", 200, 190, line=49)])
    assert trends.chosen_years(tables, "Jogoroto", []) == [2023, 2024]
    assert trends.chosen_years(tables, "Jogoroto", [2024]) == [2024]
    frame = trends.indicator_trend_frame(tables, "Jogoroto", [])
    assert frame[["capaian_2023", "capaian_2024"]].iloc[0].tolist() == [90.0, 100.0]
    assert frame["arah"].tolist() == ["meningkat ↑"]
    budget = trends.budget_history(tables, "Jogoroto", [])
    assert budget["serapan"].tolist() == [80.0, 95.0]
    programs = trends.program_history(tables, "Jogoroto", [])
    assert programs["key"].nunique() == 1  # same program, spelled two ways
    assert trends.program_view(programs, "Jogoroto").table().columns.tolist() == [
        "Program", "Serapan 2023 (%)", "Serapan 2024 (%)"]
    assert trends.budget_history_view(tables, "Jogoroto", [2030]).empty


# --------------------------------------------------------------------------- data and banner

def test_banner_only_for_synthetic_data():
    real = build(indicators=[iku("Nilai SAKIP", 70, 63)])
    demo = build(indicators=[iku("Nilai SAKIP", 70, 63, source="sintetis")])
    assert common.banner(real, "Jogoroto", 2024).data == ""
    assert "Data demo sintetis — bukan data resmi" in common.banner(demo, "Jogoroto", 2024).data
    assert not common.is_synthetic(demo, "Diwek")


def test_relative_data_dir_is_found_from_a_subfolder(tmp_path, monkeypatch):
    (tmp_path / "data" / "processed").mkdir(parents=True)
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    assert common.resolve_data_dir("data/processed") == tmp_path / "data" / "processed"
    assert common.resolve_data_dir(tmp_path) == tmp_path
    assert common.resolve_data_dir("nowhere") == Path("nowhere")


# --------------------------------------------------------------------------- charts

def texts_of(figure: Figure) -> str:
    parts = [figure.get_suptitle()]
    for ax in figure.axes:
        parts += [ax.get_title(loc) for loc in ("left", "center", "right")]
        parts += [ax.get_xlabel(), ax.get_ylabel()]
        parts += [t.get_text() for t in ax.texts]
    for legend in figure.legends:
        parts += [t.get_text() for t in legend.get_texts()]
    return "\n".join(parts)


def test_charts_have_indonesian_titles_labels_and_numbers():
    iku_frame = report.iku_view(iku_dataset(), "Jogoroto", 2024).frame
    fig = plots.capaian_bar(iku_frame, title="Capaian IKU Kecamatan Jogoroto Tahun 2024")
    assert isinstance(fig, Figure)
    text = texts_of(fig)
    assert "Capaian IKU Kecamatan Jogoroto Tahun 2024" in text
    assert "Capaian (%)" in text and "94,22%" in text and "Target (100%)" in text

    budget = report.budget_view(budget_dataset(), "Jogoroto", 2024).frame
    text = texts_of(plots.serapan_bar(budget))
    assert "Serapan anggaran per program dan kegiatan" in text
    assert "112,50%" in text and "Serapan total 75,00%" in text

    league = cross.league_frame(cross_dataset(), 2024)
    fig = plots.ranking_bar(league)
    # both average (90 + 110) / 2 = (100 + 100) / 2 = 100 %: each bar says 100,00%
    assert texts_of(fig).count("100,00%") == 2
    assert sorted(t.get_text() for t in fig.axes[0].get_yticklabels()) == ["Diwek", "Jogoroto"]
    heat = texts_of(plots.heatmap(cross.iku_matrix(cross_dataset(), 2024)))
    # Jogoroto: 63 / 70 = 90,0 %, 7,7 / 7 = 110,0 %; Diwek 100,0 % twice
    assert "Kecamatan" in heat and "Indikator" in heat
    assert heat.count("110,0") == 1 and heat.count("90,0") == 1 and heat.count("100,0") == 2
    quadrant = cross.quadrant_view(cross_dataset(), 2024)
    chart = texts_of(plots.quadrant_scatter(quadrant.frame, x_cut=quadrant.cut))
    # median of serapan 80 % and 95 % = 87,5 %
    assert "Median serapan 87,50%" in chart and "Jogoroto" in chart and "Diwek" in chart
    history = report.iku_history(history_dataset(), "Jogoroto")
    lines = plots.trend_lines(history)
    # capaian: 2022 70,35 / 70,01; 2023 the 2023 report's 71 / 71; 2024 67,84 / 72
    ys = sorted(round(float(v), 2) for line in lines.axes[0].get_lines()
                for v in line.get_ydata() if len(line.get_xdata()) == 3)
    assert ys == [94.22, 100.0, 100.49]
    panels = plots.indicator_panels(history)
    assert [t.get_text() for t in panels.axes[0].get_xticklabels()] == ["2022", "2023", "2024"]
    counts = cross.findings_count_frame(cross_dataset(), findings_records(), 2024)
    bars = texts_of(plots.findings_bar(counts))
    # Jogoroto: 2 errors + 1 warning + 1 info = 4; Diwek: 1
    assert "Kesalahan" in bars and "4" in bars.split() and "1" in bars.split()


def test_distribution_chart_raises_no_warning(recwarn):
    rows = [iku("Nilai SAKIP", 100, v, kecamatan=k) for k, v in [("A", 90), ("B", 95),
                                                                  ("C", 40)]]
    fig = plots.distribution(cross.distribution_frame(
        cross.iku_matrix(build(indicators=rows), 2024)))
    assert "Sebaran capaian per indikator" in texts_of(fig)
    assert not [w for w in recwarn if issubclass(w.category, DeprecationWarning)]


def test_report_text_cannot_start_mathtext_in_a_chart():
    assert plots.plain("Kegiatan $5 juta") == r"Kegiatan \$5 juta"


def test_axis_formatters_write_indonesian_numbers():
    assert plots.number_ticks()(1500, 0) == "1.500"
    assert plots.percent_ticks()(97.5, 0) == "97,5%"
    assert plots.percent_ticks()(100, 0) == "100%"
    assert plots.rupiah_ticks()(2_954_994_511, 0) == "2,95 M"
    assert plots.rupiah_ticks()(150_000_000, 0) == "150 jt"


def test_charts_of_empty_frames_are_none_and_show_accepts_none():
    empty = pd.DataFrame()
    for chart in (plots.capaian_bar, plots.serapan_bar, plots.heatmap, plots.distribution,
                  plots.quadrant_scatter, plots.trend_lines, plots.benchmark_bars,
                  plots.budget_trend, plots.findings_bar, plots.ranking_bar,
                  plots.kinerja_vs_anggaran_scatter, plots.efisiensi_bar,
                  plots.indicator_panels):
        assert chart(empty) is None
    plots.show(None)


def test_show_closes_the_figure():
    import matplotlib.pyplot as plt

    fig = plots.capaian_bar(report.iku_view(iku_dataset(), "Jogoroto", 2024).frame)
    assert plt.fignum_exists(fig.number)
    plots.show(fig)
    assert not plt.fignum_exists(fig.number)


def test_distribution_names_its_outliers():
    import pandas as pd

    frame = pd.DataFrame({"capaian": [90.0, 95.0, 40.0], "label": ["Nilai SAKIP"] * 3,
                          "kecamatan": ["Bareng", "Diwek", "Perak"],
                          "outlier": [False, False, True]})
    fig = plots.distribution(frame)
    assert "Perak" in texts_of(fig) and "Bareng" not in texts_of(fig)


def test_real_and_synthetic_rows_and_unit_kinds_are_shown_apart():
    tables = build(indicators=[iku("Nilai SAKIP", 70, 63, source="laporan"),
                               iku("Nilai SAKIP", 70, 77, source="sintetis", kecamatan="Diwek"),
                               iku("Nilai SAKIP", 70, 70, source="sintetis", kecamatan="Dinas")])
    for frame in tables.values():
        if "kecamatan" in frame.columns:
            frame["unit_kind"] = frame["kecamatan"].map({"Dinas": "opd"}).fillna("kecamatan")
    real = common.select(tables, data_source="laporan")
    assert cross.league_frame(real, 2024)["kecamatan"].tolist() == ["Jogoroto"]
    demo = common.select(tables, data_source="sintetis", unit_kind="kecamatan")
    # 77 / 70 = 110 %: Diwek alone, neither the real Jogoroto nor the OPD
    assert cross.league_frame(demo, 2024)["capaian_iku"].round(2).tolist() == [110.0]
    opd = common.select(tables, unit_kind="opd")
    assert common.unit_label(opd) == "OPD" and common.unit_label(demo) == "Kecamatan"
    assert "Perbandingan 1 OPD" in cross.cross_header(opd, 2024).data
    assert common.source_statement(real).data == "*Data yang ditampilkan: data laporan asli.*"
    findings = findings_records()  # Jogoroto's file is laporan/jogoroto-2024.txt
    assert set(common.findings_in(findings, real)["kecamatan"]) == {"Jogoroto"}
    assert common.findings_in(findings, opd).empty


def test_a_kecamatan_parameter_matches_its_rows_whatever_the_case_and_spacing():
    names = pd.Series(["Bandar Kedung Mulyo", "bandar  kedung mulyo ", None, "Bandar"])
    assert common.same_name(names, "  BANDAR kedung   Mulyo").tolist() == [
        True, True, False, False]
    assert common.same_name(names, None).tolist() == [True] * 4
