"""Budget rows that a page break or an odd cell puts out of place: a row cut by the page
break whose two parts stand in grids of other column widths, and a group row printed across
the code columns with its label column empty (Dispenda's pages 54-55 as they are drawn).

The PDFs are written by the tests (doc_builders.build_pdf); every expected cell is the text
the test printed, joined by hand."""

from __future__ import annotations

import pandas as pd
from doc_builders import build_boxed_pdf, build_pdf

from sakip_analysis.read.extract import extract_paths
from sakip_analysis.read.readers.pdf_reader import read_pdf

HEADER = [("Kode", 2), "PROGRAM/KEGIATAN", "Anggaran", "Realisasi", "%"]
HEADER_FINER = [("Kode", 2), ("PROGRAM/KEGIATAN", 3), "Anggaran", "Realisasi", "%"]
WIDTHS = [12, 12, 66, 30, 30, 15]
WIDTHS_FINER = [12, 12, 22, 22, 22, 30, 30, 15]  # the label column cut in three on page 2


def _report(tmp_path, closing: list) -> object:
    first = [
        HEADER,
        ["1", "01", "Program Pelayanan Administrasi Perkantoran", "300,000,00", "270,000,00",
         "90,00"],
        ["1", "01", "Penyediaan Jasa Surat Menyurat", "200,000,00", "180,000,00", "90,00"],
        ["1", "02", "", "100,000,00", "90,000,00", "90,00"],  # its label is on the next page
    ]
    second = [
        HEADER_FINER,
        ["", "", ("Evaluasi dan Pelaporan Internal Dinas", 3), "", "", ""],
        ["2", "01", ("Program Pengawasan Pembangunan", 3), "50,000,00", "40,000,00", "80,00"],
        [""] * 8,  # an empty row drawn in the finer grid
        *closing,
    ]
    return build_pdf(tmp_path / "dispenda.pdf", [
        ("heading", "LAPORAN KINERJA DINAS PENDAPATAN PROVINSI JAWA BARAT TAHUN 2016"),
        ("table", "Tabel 3.9 Realisasi Anggaran", None, first, {"widths": WIDTHS}),
        ("page_break",),
        ("table", None, None, second, {"widths": WIDTHS_FINER}),
    ], landscape=True)


def test_a_row_cut_by_the_page_into_a_finer_grid_is_one_row(tmp_path):
    """The codes and figures end page 1 with an empty label cell; the label is printed at the
    top of page 2, under the repeated header, where the label column is drawn as three
    boxes: one table, one row."""
    path = _report(tmp_path, [])
    [table] = read_pdf(path).tables
    assert [r.cells for r in table.rows] == [
        ["1", "01", "Program Pelayanan Administrasi Perkantoran", "300,000,00", "270,000,00",
         "90,00"],
        ["1", "01", "Penyediaan Jasa Surat Menyurat", "200,000,00", "180,000,00", "90,00"],
        ["1", "02", "Evaluasi dan Pelaporan Internal Dinas", "100,000,00", "90,000,00",
         "90,00"],
        ["2", "01", "Program Pengawasan Pembangunan", "50,000,00", "40,000,00", "80,00"],
    ]
    assert [r.page for r in table.rows] == [1, 1, 1, 2]


def test_a_group_printed_across_the_code_columns_is_its_own_row(tmp_path):
    """`Belanja Tidak Langsung` and `Belanja` are printed from the Kode column on, the
    PROGRAM/KEGIATAN cell empty: each is a row of its own with its own figures, not one more
    line of the row above."""
    closing = [
        [("JUMLAH BELANJA LANGSUNG", 5), "350,000,00", "310,000,00", "88,57"],
        [("Belanja Tidak Langsung", 5), "650,000,00", "600,000,00", "92,31"],
        [("Belanja", 5), "1,000,000,00", "910,000,00", "91,00"],
    ]
    result = extract_paths([_report(tmp_path, closing)])
    budget = result.tables["budget"]
    rows = {name: (pagu, realisasi, None if pd.isna(parent) else parent, level)
            for name, pagu, realisasi, parent, level in zip(
                budget["name"], budget["pagu_raw"], budget["realisasi_raw"], budget["parent"],
                budget["level"], strict=True)}
    assert rows["Evaluasi dan Pelaporan Internal Dinas"][:2] == ("100,000,00", "90,000,00")
    assert rows["Belanja Tidak Langsung"] == ("650,000,00", "600,000,00", None, "total")
    assert rows["Belanja"] == ("1,000,000,00", "910,000,00", None, "total")
    assert rows["JUMLAH BELANJA LANGSUNG"][:2] == ("350,000,00", "310,000,00")
    assert len(budget) == 7


def test_code_row_and_indicator_row_sharing_merged_cells_stay_two_rows(tmp_path):
    """Muncar's page 72: a kegiatan's code row and its indicator row share the unit, target
    and pagu cells, merged over both; the rule between them runs under the label and the
    indicator cells only. Two rows: the name keeps no outcome text, and the indicator row
    reads the merged figures as its own."""
    header = [[("Program/Kegiatan", 1, 2), ("Indikator", 1, 2), ("Satuan", 1, 2),
               ("2025", 2), ("2026", 2)],
              ["Target", "Pagu (Rp)", "Target", "Pagu (Rp)"]]
    rows = [
        *header,
        ["7.01.02.2.01 Koordinasi Kegiatan Pemerintahan", "", "", "", "114,281,400", "",
         "114,281,400"],
        ["Terlaksananya Koordinasi", "Cakupan Koordinasi", "%", "100", "", "100", ""],
        ["7.01.02.2.04 Pelaksanaan Urusan yang Dilimpahkan", "", ("%", 1, 2), ("100", 1, 2),
         ("80,000,000", 1, 2), ("100", 1, 2), ("80,000,000", 1, 2)],
        ["Terlaksananya Urusan yang Dilimpahkan", "Cakupan Pelaksanaan Urusan"],
    ]
    path = build_pdf(tmp_path / "renstra.pdf", [
        ("heading", "RENCANA STRATEGIS KECAMATAN MUNCAR TAHUN 2025-2029"),
        ("table", "Tabel 4.2 Rencana Program/Kegiatan dan Pendanaan", None, rows,
         {"header_rows": 2, "widths": [45, 40, 14, 14, 26, 14, 26]}),
    ], landscape=True)
    [table] = read_pdf(path).tables
    body = [r.cells for r in table.rows]
    assert body[-2] == ["7.01.02.2.04 Pelaksanaan Urusan yang Dilimpahkan", "", "%", "100",
                        "80,000,000", "100", "80,000,000"]
    assert body[-1][:2] == ["Terlaksananya Urusan yang Dilimpahkan",
                            "Cakupan Pelaksanaan Urusan"]
    assert set(table.rows[-1].continued) >= {2, 3, 5}  # the merged unit and targets run on
    budget = extract_paths([path]).tables["budget"]
    urusan = budget[budget["code"] == "7.01.02.2.04"]
    assert list(zip(urusan["name"], urusan["period"], urusan["pagu_raw"], strict=True)) == [
        ("Pelaksanaan Urusan yang Dilimpahkan", "2025", "80,000,000"),
        ("Pelaksanaan Urusan yang Dilimpahkan", "2026", "80,000,000")]


def test_a_parent_code_stacked_over_its_child_in_one_cell_is_two_rows(tmp_path):
    """BKPP's page 28: `1` over `1.1` in one code cell, `PENDAPATAN DAERAH` over `PENDAPATAN
    ASLI / DAERAH` in one label cell, the figures on the last line, the line of `1.1`: the
    parent is printed without figures, the child with them (the text is bottom-aligned, as
    `1.1.3` on the last line of its two-line label shows)."""
    rows = [
        [["No."], ["URAIAN"], ["Anggaran"], ["Realisasi"]],
        [["1", "", "1.1"], ["PENDAPATAN DAERAH", "PENDAPATAN ASLI", "DAERAH"],
         ["", "", "30,000,000.00"], ["", "", "35,000,000.00"]],
        [["1.1.2"], ["Pendapatan Retribusi Daerah"], ["30,000,000.00"], ["35,000,000.00"]],
        [["", "1.1.3"], ["Pendapatan Hasil Pengelolaan", "yang Dipisahkan"], ["", ""],
         ["", ""]],
        [["2", "2.1"], ["BELANJA", "BELANJA TIDAK LANGSUNG"], ["", "8,416,268,983.00"],
         ["", "7,863,859,552.00"]],
    ]
    path = build_boxed_pdf(tmp_path / "bkpp.pdf", rows, [20, 90, 40, 40], whole=(0, 1, 2, 3))
    [table] = read_pdf(path).tables
    assert [r.cells for r in table.rows] == [
        ["1", "PENDAPATAN DAERAH", "", ""],
        ["1.1", "PENDAPATAN ASLI DAERAH", "30,000,000.00", "35,000,000.00"],
        ["1.1.2", "Pendapatan Retribusi Daerah", "30,000,000.00", "35,000,000.00"],
        ["1.1.3", "Pendapatan Hasil Pengelolaan yang Dipisahkan", "", ""],
        ["2", "BELANJA", "", ""],
        ["2.1", "BELANJA TIDAK LANGSUNG", "8,416,268,983.00", "7,863,859,552.00"],
    ]


def test_stacked_codes_that_are_no_parent_and_child_stay_one_row(tmp_path):
    """Two sibling codes in one cell, or figures on neither code's line: nothing tells which
    text is whose, so the row is left as printed."""
    rows = [
        [["No."], ["URAIAN"], ["Anggaran"], ["Realisasi"]],
        [["1.1", "1.2"], ["Pendapatan Pajak", "Pendapatan Retribusi"], ["", "30,000.00"],
         ["", "35,000.00"]],
    ]
    path = build_boxed_pdf(tmp_path / "siblings.pdf", rows, [20, 90, 40, 40],
                           whole=(0, 1, 2, 3))
    [table] = read_pdf(path).tables
    assert [r.cells for r in table.rows] == [
        ["1.1 1.2", "Pendapatan Pajak Pendapatan Retribusi", "30,000.00", "35,000.00"]]
