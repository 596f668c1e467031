"""Printed rows of tables whose cells are cut per text line or whose rows are not all ruled:
a label wrapped above and below its line of figures is one row, letter-spaced and wrapped
figures are one figure, and two rows printed without a rule between them stay two rows.

The PDFs are written by the tests (doc_builders.build_shaded_pdf); every expected cell is the
text the test printed, joined by hand."""

from __future__ import annotations

import pdfplumber
import pytest
from doc_builders import build_positioned_pdf, build_shaded_pdf

from sakip_analysis.read.readers.layout import (
    join_wrapped,
    one_printed_row,
    printed_rows,
    unspace_figure,
)
from sakip_analysis.read.readers.pdf_reader import find_tables, read_pdf

HEADER = ["PROGRAM/KEGIATAN", "ANGGARAN", "REALISASI", "%"]
WIDTHS = [60, 50, 35, 20]


def cells(rows) -> list[list[str]]:
    return [r.cells for r in rows]


# --- the rules on cells ------------------------------------------------------------------------

def test_letter_spaced_figure_is_one_figure():
    assert unspace_figure("5 1 8 . 3 0 9 . 2 0 0 , -") == "518.309.200,-"
    assert unspace_figure("9 5 , 4 1") == "95,41"
    assert unspace_figure("5 1 8 . 3 0 9 . 2 00,-") == "518.309.200,-"
    assert unspace_figure("100 100 100") == "100 100 100"  # stacked figures stay apart
    assert unspace_figure("a b c d e") == "a b c d e"  # letters stay letters
    assert unspace_figure("1 2") == "1 2"  # too short to be letter spacing


def test_a_figure_wrapped_in_its_cell_loses_no_space():
    assert join_wrapped("19.954.920.000,", "-") == "19.954.920.000,-"
    assert join_wrapped("546,343,572,", "00") == "546,343,572,00"
    assert join_wrapped("Tahun 2019,", "2020") == "Tahun 2019, 2020"  # words: a space
    assert join_wrapped("RKA-", "SKPD") == "RKA-SKPD"


def test_label_wrapped_around_its_figures_is_one_row():
    lines = [["Peningkatan", "", ""], ["Penyebarluasan Informasi", "518.309.200,-", "95,41"],
             ["Kesehatan Jiwa", "", ""]]
    assert one_printed_row(lines) == [
        "Peningkatan Penyebarluasan Informasi Kesehatan Jiwa", "518.309.200,-", "95,41"]


def test_codes_and_figures_on_different_lines_are_one_row():
    """Dispenda: codes split over two lines, the first figure a line higher than the rest."""
    lines = [["1", "20", "", "Program Perencanaan", "641,773,572,00", ""],
             ["", "", "05", "Pengendalian", "", "78,50"],
             ["", "", "", "Pembangunan Daerah", "", ""]]
    assert one_printed_row(lines) == ["1", "20", "05",
                                      "Program Perencanaan Pengendalian Pembangunan Daerah",
                                      "641,773,572,00", "78,50"]


def test_two_rows_filling_the_same_column_stay_apart():
    lines = [["Program A", "100", "90"], ["Program B", "200", "150"]]
    assert one_printed_row(lines) is None
    # a unit column filled on two lines is two rows too (the Tangsel 'Kec. Ciputat')
    assert one_printed_row([["", "Predikat SAKIP", "", "Kec. Ciputat"],
                            ["Perencanaan", "Jumlah Dokumen", "0", "Kec. Ciputat"]]) is None


def test_a_band_without_its_rule_is_cut_by_the_tables_alignment():
    """Every unambiguous row prints its figures on its first line: so does the band that holds
    two rows for want of a rule between them."""
    bands = [
        [["Program A", "100", "90"], ["wrapped", "", ""]],
        [["Kegiatan A1", "60", "50"], ["label end", "", ""], ["Kegiatan A2", "40", "40"],
         ["more", "", ""]],
    ]
    assert printed_rows(bands) == [["Program A wrapped", "100", "90"],
                                   ["Kegiatan A1 label end", "60", "50"],
                                   ["Kegiatan A2 more", "40", "40"]]
    # figures on the last line of every row: the label lines above belong to the next row
    bands = [[["Program A", "", ""], ["wrapped", "100", "90"]],
             [["Kegiatan", "", ""], ["A1", "60", "50"], ["Kegiatan", "", ""], ["A2", "40", "40"]]]
    assert printed_rows(bands) == [["Program A wrapped", "100", "90"],
                                   ["Kegiatan A1", "60", "50"], ["Kegiatan A2", "40", "40"]]


def test_a_band_is_left_as_printed_when_nothing_tells_where_to_cut():
    mixed = [[["Program A", "", ""], ["wrapped", "100", "90"]],  # figures last
             [["Program B", "200", "150"], ["wrapped", "", ""]],  # figures first
             [["Kegiatan A1", "60", "50"], ["between", "", ""], ["Kegiatan A2", "40", "40"]]]
    assert printed_rows(mixed)[2:] == mixed[2]


def test_numbered_items_start_rows():
    band = [["1.", "Program Penataan Ruang", "1.579,307,000"],
            ["2.", "Program Perencanaan, Pengendalian dan", ""],
            ["", "Evaluasi Pembangunan Daerah", "41,723,770,000"]]
    assert printed_rows([band]) == [
        ["1.", "Program Penataan Ruang", "1.579,307,000"],
        ["2.", "Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
         "41,723,770,000"]]


# --- PDFs drawn that way -----------------------------------------------------------------------

def test_rows_cut_per_line_by_shading_are_rebuilt(tmp_path):
    """RS Jiwa's Tabel 11: one shaded or white box per text line, rules only between printed
    rows; figures on the last, the middle or the first line; a figure wrapped in its cell;
    a letter-spaced figure."""
    rows = [
        [["Program Promosi", "Kesehatan"], ["", "518.309.200,-"], ["", "494.541.600,-"],
         ["", "95,41"]],
        [["Peningkatan", "Penyebarluasan Informasi", "Kesehatan Jiwa"],
         ["", "518.309.200,-", ""], ["", "494.541.600,-", ""], ["", "95,41", ""]],
        [["Program Pelayanan", "Kesehatan"], ["19.954.920.000,", "-"],
         ["18.350.776.107,", "-"], ["78,40", ""]],
        [["Peningkatan Pelayanan", "Kesehatan Jiwa"], ["1.030.000.000,-", ""],
         ["1.029.950.528,-", ""], ["95,81", ""]],
    ]
    path = build_shaded_pdf(tmp_path / "shaded.pdf", HEADER, rows, WIDTHS, shaded=(0, 2),
                            spaced=[(3, 1)], caption="Tabel 11 Realisasi Keuangan Kegiatan")
    with pdfplumber.open(path) as pdf:  # the input really is cut into one grid row per line
        [found] = pdf.pages[0].find_tables({"snap_tolerance": 6, "join_tolerance": 6,
                                            "intersection_tolerance": 6})
        assert len(found.rows) == 1 + 2 + 3 + 2 + 2
        assert found.extract()[-2][1].startswith("1 . 0 3 0 . 0 0 0")  # letter-spaced
    [table] = read_pdf(path).tables
    assert table.caption == "Tabel 11"
    assert cells(table.header) == [HEADER]
    assert cells(table.rows) == [
        ["Program Promosi Kesehatan", "518.309.200,-", "494.541.600,-", "95,41"],
        ["Peningkatan Penyebarluasan Informasi Kesehatan Jiwa", "518.309.200,-",
         "494.541.600,-", "95,41"],
        ["Program Pelayanan Kesehatan", "19.954.920.000,-", "18.350.776.107,-", "78,40"],
        ["Peningkatan Pelayanan Kesehatan Jiwa", "1.030.000.000,-", "1.029.950.528,-",
         "95,81"],
    ]
    assert [(r.line, r.page) for r in table.rows] == [(2, 1), (3, 1), (4, 1), (5, 1)]


# RS Jiwa's page 30: a label cut by the page break ('Aparatur' on the next page), as printed
# and as it must be read
PAGE30_ROWS = [
    [["Program Peningkatan", "Sarana dan Prasarana"], ["8.338.296.000,-", ""],
     ["7.476.822.950,-", ""], ["95,45", ""]],
    [["Aparatur"], [""], [""], [""]],
    [["Program Pemeliharaan", "Sarana dan Prasarana"], ["5.529.960.000,-", ""],
     ["5.286.632.068", ""], ["95.60", ""]],
    [["Peningkatan", "Pemeliharaan Sarana"], ["5.529.960.000,-", ""],
     ["5.286.632.068", ""], ["95.60", ""]],
    [["Program Pengelolaan", "Keuangan Daerah"], ["100.000.000,-", ""],
     ["97.719.250,-", ""], ["97,72", ""]],
]
PAGE30_READ = [
    ["Program Peningkatan Sarana dan Prasarana Aparatur", "8.338.296.000,-",
     "7.476.822.950,-", "95,45"],
    ["Program Pemeliharaan Sarana dan Prasarana", "5.529.960.000,-", "5.286.632.068",
     "95.60"],
    ["Peningkatan Pemeliharaan Sarana", "5.529.960.000,-", "5.286.632.068", "95.60"],
    ["Program Pengelolaan Keuangan Daerah", "100.000.000,-", "97.719.250,-", "97,72"],
]


def test_rule_left_out_and_highlight_and_label_cut_by_the_page(tmp_path):
    """RS Jiwa's page 30: figures on the first line of every row, one rule left out, one
    row highlighted (tight olive boxes behind its text), and the end of a label cut off at
    the top of the next page."""
    rows = PAGE30_ROWS
    path = build_shaded_pdf(tmp_path / "page30.pdf", HEADER, rows, WIDTHS, shaded=(2,),
                            unruled=(4,), highlighted=(4,), page_breaks=(1,))
    [table] = read_pdf(path).tables
    assert cells(table.rows) == PAGE30_READ
    assert [r.page for r in table.rows] == [1, 2, 2, 2]


def test_label_end_above_the_grid_of_the_next_page(tmp_path):
    """RS Jiwa's page 30 as printed: the shaded row cut by the page break goes on at the top of
    the next page without a rule above it, so the grid found from the rules starts below
    `Aparatur`, which stands above it inside the label column. That page alone tells not
    where the table prints its figures (no white row wraps there): page 1 does."""
    rows = [
        [["Penyelenggaraan", "Administrasi Perkantoran"], ["2.193.850.000,-", ""],
         ["2.069.837.413,-", ""], ["94,41", ""]],
        *PAGE30_ROWS,
    ]
    path = build_shaded_pdf(tmp_path / "page30.pdf", HEADER, rows, WIDTHS, shaded=(1, 2, 3),
                            unruled=(2, 5), page_breaks=(2,))
    with pdfplumber.open(path) as pdf:  # the grid found from the rules leaves `Aparatur` out
        [found] = find_tables(pdf.pages[1])
        assert "Aparatur" not in (found.extract()[0][0] or "")
    doc = read_pdf(path)
    [table] = doc.tables
    assert cells(table.rows) == [
        ["Penyelenggaraan Administrasi Perkantoran", "2.193.850.000,-", "2.069.837.413,-",
         "94,41"],
        *PAGE30_READ,
    ]
    assert [r.page for r in table.rows] == [1, 1, 2, 2, 2]
    assert not any(getattr(b, "text", None) == "Aparatur" for b in doc.blocks)


# --- a PROGRAM | ANGGARAN list printed as text lines ------------------------------------------

LIST_LINES = [
    [(20, "Program-program Bappeda tahun 2016 adalah :")],
    [(30, "PROGRAM"), (140, "ANGGARAN (Rp.)")],
    [(25, "1. Program Penataan Ruang"), (150, "1,579,307,000")],
    [(25, "2. Program Perencanaan, Pengendalian dan")],
    [(30, "Evaluasi Pembangunan Daerah"), (148, "41,723,770,000")],
    [(25, "3. Program Pengembangan Kompetensi Aparatur"), (154, "390,000,000")],
    [],
    [],
    [],
    [(20, "Sasaran tersebut dicapai melalui program di atas dengan anggaran yang cukup.")],
]
LIST_ROWS = [
    ["1. Program Penataan Ruang", "1,579,307,000"],
    ["2. Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
     "41,723,770,000"],
    ["3. Program Pengembangan Kompetensi Aparatur", "390,000,000"],
]


@pytest.mark.parametrize("ruled_table", [False, True], ids=["pdfium-page", "pdfplumber-page"])
def test_program_anggaran_list_without_rulings_is_a_table(tmp_path, ruled_table):
    """Bappeda's page 23: numbered programs, a label wrapped above its figure, figures
    right-aligned under `ANGGARAN (Rp.)`; the prose below stays prose. Read on a page
    without any rulings (pdfium) and on a page that also holds a ruled table (pdfplumber)."""
    path = build_positioned_pdf(tmp_path / "list.pdf", LIST_LINES, ruled_table=ruled_table)
    doc = read_pdf(path)
    [table] = [t for t in doc.tables if t.header and t.header[0].cells[0] == "PROGRAM"]
    assert cells(table.header) == [["PROGRAM", "ANGGARAN (Rp.)"]]
    assert cells(table.rows) == LIST_ROWS
    assert {r.page for r in table.rows} == {1}
    assert table.title == "Program-program Bappeda tahun 2016 adalah :"
    texts = [b.text for b in doc.blocks if hasattr(b, "text") and not hasattr(b, "rows")]
    assert "Sasaran tersebut dicapai melalui program di atas dengan anggaran yang cukup." in texts
    assert not any("41,723,770,000" in t for t in texts)


def test_list_items_with_the_figure_on_their_first_line(tmp_path):
    """Kesbangpol's page 14: item numbers apart from the label, figures with `Rp.` on the
    first line of each item, the label wrapped below."""
    lines = [
        [(45, "Program"), (130, "Anggaran")],
        [(25, "1."), (40, "Pendidikan Politik Masyarakat"), (120, "Rp. 4.223.770.000,00")],
        [(25, "2."), (40, "Pemeliharaan Ketertiban Umum dan"), (120, "Rp. 4.395.084.000,00")],
        [(40, "Ketenteraman Masyarakat")],
    ]
    [table] = read_pdf(build_positioned_pdf(tmp_path / "kesbangpol.pdf", lines)).tables
    assert cells(table.rows) == [
        ["1. Pendidikan Politik Masyarakat", "Rp. 4.223.770.000,00"],
        ["2. Pemeliharaan Ketertiban Umum dan Ketenteraman Masyarakat",
         "Rp. 4.395.084.000,00"],
    ]


def test_header_words_over_prose_are_no_list(tmp_path):
    """Aligned header words without figures under them, or a prose line reaching over the
    money column, make no table."""
    lines = [
        [(30, "PROGRAM"), (140, "ANGGARAN")],
        [(25, "Program ini dijalankan sepanjang tahun dengan dukungan anggaran daerah yang")],
        [(25, "memadai sehingga 2 kegiatan selesai tepat waktu.")],
    ]
    assert read_pdf(build_positioned_pdf(tmp_path / "prose.pdf", lines)).tables == []
