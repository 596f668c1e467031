"""A Renstra/Renja plan table that prints each program, kegiatan and sub-kegiatan on two rows
(code + name, then outcome, indicator, unit, targets and pagu per year), under a three-row
header and a numbered-column row that does not line up with the columns, as the Muncar
Renstra's Tabel 4.2 does. The test writes the PDF; every figure below is read off the rows
written here, the sums done by hand."""

from __future__ import annotations

import pytest
from doc_builders import build_pdf

from sakip_analysis.read.document import Row, Table
from sakip_analysis.read.extract import extract_paths
from sakip_analysis.read.tables.paired import pair_rows
from sakip_analysis.review import check_tables

TITLE_PAGE = [
    ("paragraph", "PEMERINTAH KABUPATEN CONTOH\nKECAMATAN SUKAMAJU"),
    ("paragraph", "RENCANA STRATEGIS KECAMATAN SUKAMAJU TAHUN 2025"),
    ("page_break",),
]
HEADER = [
    [("Program/Kegiatan/Sub Kegiatan", 1, 3), ("Indikator", 1, 3), ("Satuan", 1, 3),
     ("Target dan Pagu Indikatif", 4), ("Ket.", 1, 3)],
    [("2025", 2), ("2026", 2)],
    ["Target", "Pagu (Rp)", "Target", "Pagu (Rp)"],
    ["1", "2", "3", "", "", "4", "5", "6"],  # the 2025 columns are not numbered
]
E = ""
ROWS = [
    ["7.01.01 PROGRAM PENUNJANG URUSAN PEMERINTAHAN", E, E, E, E, E, E, E],
    ["Meningkatnya kualitas layanan", "Persentase Pemenuhan Kebutuhan", "%", "95",
     "30,000,000", "95.5", "32,000,000", E],
    # the pagu cells merged over the code row and the indicator row
    ["7.01.01.2.01 Perencanaan dan Evaluasi", E, E, E, ("10,000,000", 1, 2), E,
     ("12,000,000", 1, 2), E],
    ["Tersusunnya dokumen", "Cakupan Perencanaan", "%", "100", "100", E],
    ["7.01.01.2.01.0001 Penyusunan Dokumen Perencanaan", E, E, E, E, E, E, E],
    ["Tersusunnya dokumen perencanaan", "Jumlah Dokumen Perencanaan", "dokumen", "1",
     "4,000,000", "1", "5,000,000", E],
    ["7.01.01.2.01.0002 Evaluasi Kinerja", E, E, E, E, E, E, E],
    ["Tersusunnya laporan evaluasi", "Jumlah Laporan Evaluasi", "laporan", "0", "6,000,000",
     "4", "7,000,000", E],
    ["7.01.01.2.02 Administrasi Keuangan", E, E, E, E, E, E, E],
    ["Meningkatnya administrasi keuangan", "Cakupan Administrasi Keuangan", "%", "90",
     "20,000,000", "91", "20,000,000", E],
    ["7.01.01.2.02.0001 Penyediaan Gaji", E, E, E, E, E, E, E],
    ["Terbayarnya gaji", "Jumlah Orang yang Menerima Gaji", "org/bln", "15", "20,000,000",
     "14", "19,000,000", E],
    [E, E, E, E, "30,000,000", E, "32,000,000", E],  # the unlabelled total row
]
CAPTION = "Tabel 4.2"


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    path = tmp_path_factory.mktemp("renstra") / "renstra-sukamaju.pdf"
    build_pdf(path, [*TITLE_PAGE, ("table", CAPTION,
                                   "Rencana Program/Kegiatan/Sub Kegiatan dan Pendanaan",
                                   [*HEADER, *ROWS],
                                   {"header_rows": 4,
                                    "widths": [62, 50, 17, 14, 28, 14, 28, 12]})],
              landscape=True)
    result = extract_paths([path])
    assert result.failed == []
    return result.tables


def _budget(tables, period):
    b = tables["budget"]
    b = b[b["period"] == period]
    b = b.astype(object).where(b.notna(), None)
    return [(r.level, r.code, r.name, r.parent, r.pagu_raw, r.pagu)
            for r in b.itertuples()]


def test_each_entity_is_one_budget_row_per_year_with_level_and_parent(plan):
    program = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN"
    assert _budget(plan, "2025") == [
        ("program", "7.01.01", program, None, "30,000,000", 30_000_000),
        ("kegiatan", "7.01.01.2.01", "Perencanaan dan Evaluasi", program, "10,000,000",
         10_000_000),
        ("subkegiatan", "7.01.01.2.01.0001", "Penyusunan Dokumen Perencanaan",
         "Perencanaan dan Evaluasi", "4,000,000", 4_000_000),
        ("subkegiatan", "7.01.01.2.01.0002", "Evaluasi Kinerja", "Perencanaan dan Evaluasi",
         "6,000,000", 6_000_000),
        ("kegiatan", "7.01.01.2.02", "Administrasi Keuangan", program, "20,000,000",
         20_000_000),
        ("subkegiatan", "7.01.01.2.02.0001", "Penyediaan Gaji", "Administrasi Keuangan",
         "20,000,000", 20_000_000),
        ("total", None, None, None, "30,000,000", 30_000_000),
    ]
    assert [r[4] for r in _budget(plan, "2026")] == [
        "32,000,000", "12,000,000", "5,000,000", "7,000,000", "20,000,000", "19,000,000",
        "32,000,000"]


def test_the_indicator_row_gives_the_entity_its_indicator_unit_and_targets(plan):
    ind = plan["indicators"]
    got = {(r.code, r.period_year): (r.indicator, r.unit, r.target_raw, r.target)
           for r in ind.itertuples()}
    assert got[("7.01.01", 2025)] == ("Persentase Pemenuhan Kebutuhan", "%", "95", 95)
    assert got[("7.01.01", 2026)] == ("Persentase Pemenuhan Kebutuhan", "%", "95.5", 95.5)
    assert got[("7.01.01.2.01", 2026)] == ("Cakupan Perencanaan", "%", "100", 100)
    assert got[("7.01.01.2.01.0002", 2025)] == ("Jumlah Laporan Evaluasi", "laporan", "0", 0)
    assert got[("7.01.01.2.02.0001", 2026)] == (
        "Jumlah Orang yang Menerima Gaji", "org/bln", "14", 14)
    # one indicator row per entity and year: 6 entities × 2 years, none for the total row
    assert len(ind) == 12
    assert set(ind["table_kind"]) == {"plan"}


def test_provenance_points_at_the_code_row_of_the_table(plan):
    b = plan["budget"]
    row = b[(b["code"] == "7.01.01.2.01.0002") & (b["period"] == "2025")].iloc[0]
    assert (row["source_table"], row["source_page"]) == (CAPTION, 2)
    # header rows 1-4 (the numbered row among them), then the code rows: 5, 7, 9, 11
    assert row["source_line"] == 11


def test_sums_are_checked_per_year_against_the_paired_parents(plan):
    """2025 adds up at every level (4 + 6 = 10; 10 + 20 = 30 million); in 2026 the kegiatan
    Administrasi Keuangan plans 20,000,000 over a sub-kegiatan of 19,000,000."""
    findings = check_tables(plan)
    sums = findings[(findings["family"] == "sum") & (findings["severity"] == "error")]
    assert [(f["reported"], f["expected"]) for _, f in sums.iterrows()] == [
        ("20,000,000", "19.000.000")]
    assert "2026" in sums.iloc[0]["message"]
    assert "Administrasi Keuangan" in sums.iloc[0]["message"]


def _table(rows: list[list[str]]) -> Table:
    return Table(1, "Tabel 1", "", [Row(["Uraian", "Indikator", "Pagu"], 1)],
                 [Row(cells, i) for i, cells in enumerate(rows, start=2)], 1)


def test_rows_that_each_carry_their_own_figures_are_not_paired():
    """A code row with its own indicator, or two figures in the same cell, is a row of its own."""
    own = [["1.01.01 Program A", "Indikator A", "100"], ["Jumlah", "", "100"],
           ["1.01.02 Program B", "Indikator B", "50"], ["Jumlah", "", "50"]]
    assert pair_rows(_table(own)).rows == _table(own).rows
    clash = [["1.01.01 Program A", "", "100"], ["Outcome A", "Indikator A", "90"],
             ["1.01.02 Program B", "", "50"], ["Outcome B", "Indikator B", "40"]]
    assert pair_rows(_table(clash)).rows == _table(clash).rows


def test_a_total_row_after_an_entity_stays_a_row_of_its_own():
    rows = [["1.01.01 Program A", "", ""], ["Outcome A", "Indikator A", "100"],
            ["1.01.02 Program B", "", ""], ["Outcome B", "Indikator B", "50"],
            ["JUMLAH", "", "150"]]
    paired = pair_rows(_table(rows))
    assert [r.cells for r in paired.rows] == [
        ["1.01.01 Program A", "Indikator A", "100"], ["1.01.02 Program B", "Indikator B", "50"],
        ["JUMLAH", "", "150"]]


def test_a_second_indicator_row_continues_the_entity():
    rows = [["1.01.01 Program A", "", ""], ["Outcome A", "Indikator A1", "100"],
            ["Outcome A bis", "Indikator A2", ""],
            ["1.01.02 Program B", "", "50"], ["Outcome B", "Indikator B", ""]]
    paired = pair_rows(_table(rows))
    assert [(r.cells, r.line) for r in paired.rows] == [
        (["1.01.01 Program A", "Indikator A1", "100"], 2),
        (["", "Indikator A2", ""], 4),
        (["1.01.02 Program B", "Indikator B", "50"], 5),
    ]
