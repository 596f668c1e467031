"""The PDF reader on files built here (fpdf2) and on the shared Tangsel realisation report."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pdfplumber
import pytest
from conftest import SHARED_REFERENCE
from doc_builders import (
    BUDGET_HEADER,
    BUDGET_ROWS,
    IKU_HEADER,
    IKU_ROWS,
    KINERJA_ANGGARAN_HEADER,
    KINERJA_ANGGARAN_ROWS,
    build_boxed_pdf,
    build_pdf,
    build_scanned_pdf,
    jogoroto_blocks,
)

from sakip_analysis.errors import ReadError
from sakip_analysis.read.readers import read_document
from sakip_analysis.read.readers.pdf_reader import read_pdf

TANGSEL = SHARED_REFERENCE / "realisasi-triwulan-2023-tangsel-kewilayahan1.pdf"


def cells(rows) -> list[list[str]]:
    return [r.cells for r in rows]


@pytest.fixture(scope="module")
def jogoroto(tmp_path_factory):
    path = build_pdf(tmp_path_factory.mktemp("pdf") / "lkjip-jogoroto.pdf", jogoroto_blocks(),
                     landscape=True)
    return path, read_pdf(path)


# --- a report built here ---------------------------------------------------------------------

def test_identity_captions_and_titles(jogoroto):
    _, doc = jogoroto
    assert (doc.kecamatan, doc.kabupaten, doc.year) == ("Jogoroto", "Jombang", 2024)
    assert doc.line_based is False
    assert doc.warnings == []
    assert [t.caption for t in doc.tables] == ["Tabel 3.1.1", "Tabel 3.2.1", "Tabel 4.9", None]
    assert [t.title for t in doc.tables] == [
        "Capaian Indikator Kinerja Utama Kecamatan Jogoroto Tahun 2024",
        "PENCAPAIAN KINERJA DAN ANGGARAN KECAMATAN JOGOROTO TAHUN 2024",
        "Program, Kegiatan, Anggaran, Outcome/Output Yang Dihasilkan",
        "Rincian nilai hasil evaluasi:",
    ]


def test_cells_exactly_as_printed(jogoroto):
    _, doc = jogoroto
    iku, kinerja, budget, evaluation = doc.tables
    assert cells(iku.header) == [IKU_HEADER]
    assert cells(iku.rows) == IKU_ROWS
    # spans (KINERJA over three columns, SASARAN down two rows, a total label across five)
    # come back once, followed by empty cells, as in the text export
    assert cells(kinerja.header) == KINERJA_ANGGARAN_HEADER
    assert cells(kinerja.rows) == KINERJA_ANGGARAN_ROWS
    assert cells(budget.header) == [BUDGET_HEADER]
    assert cells(budget.rows) == BUDGET_ROWS
    assert cells(evaluation.rows)[1] == ["b", "Pengukuran Kinerja", "30 %", "23,40"]


def test_lines_and_pages(jogoroto):
    path, doc = jogoroto
    iku, kinerja, budget, _ = doc.tables
    assert [r.line for r in [*kinerja.header, *kinerja.rows]] == [1, 2, 3, 4, 5, 6]
    # Title page: 1 PEMERINTAH…, 2 KECAMATAN JOGOROTO, 3 Jalan…, 4 LKJIP, 5 LAPORAN…,
    # 6 KECAMATAN JOGOROTO, 7 TAHUN 2024; page 2: 8 BAB III…, 9 Hasil…, 10 Tabel 3.1.1.
    by_text = {p.text: p for p in doc.paragraphs}
    assert by_text["LKJIP"].line == 4
    assert (by_text["TAHUN 2024"].line, by_text["TAHUN 2024"].page) == (7, 1)
    assert by_text["BAB III AKUNTABILITAS KINERJA"].line == 8
    assert (iku.line, iku.page) == (10, 2)
    with pdfplumber.open(path) as pdf:
        pages = {n: pdf.pages[n - 1].extract_text() for n in (2, 3)}
    assert "Tabel 3.1.1" in pages[2] and "Tabel 4.9" in pages[3]
    assert budget.page == 3 and {r.page for r in budget.rows} == {3}
    numbered = [p.line for p in doc.paragraphs]
    assert numbered == sorted(numbered) and len(set(numbered)) == len(numbered)


def test_a_long_paragraph_is_one_block(jogoroto):
    _, doc = jogoroto
    [sentence] = [p for p in doc.paragraphs if p.text.startswith("Pada tahun 2024")]
    assert sentence.text.endswith("Rp. 2.633.370.523 (89,12%).")


def _long_budget(n: int) -> list[list[str]]:
    return [BUDGET_HEADER, *([f"Kegiatan: Nomor {i} Penunjang Urusan Pemerintahan",
                              f"Persentase dokumen {i} yang tersusun", "100%",
                              f"{i}.445.000", f"{i}.202.500", "", "79,00%"]
                             for i in range(1, n + 1)), BUDGET_ROWS[-1]]


@pytest.mark.parametrize(("repeat", "furniture"), [(1, False), (0, False), (1, True), (0, True)],
                         ids=["header-repeated", "no-header-on-page-2",
                              "header-repeated-page-numbers", "no-header-page-numbers"])
def test_a_table_split_over_two_pages_is_one_table(tmp_path, repeat, furniture):
    rows = _long_budget(40)
    blocks = [("paragraph", "Program dan kegiatan yang menunjang pencapaian sasaran strategis."),
              ("table", "Tabel 4.9", "Anggaran", rows, {"repeat_headings": repeat,
                                                         "widths": [60, 50, 15, 25, 25, 20, 20]}),
              ("paragraph", "Realisasi anggaran 89,12% dari pagu."),
              ("page_break",),
              ("table", None, None, [["No", "Komponen", "Bobot"], ["a", "Perencanaan", "30 %"]])]
    path = build_pdf(tmp_path / "split.pdf", blocks, running_head="LKJIP Kecamatan Jogoroto 2024"
                     if furniture else None, page_numbers=furniture)
    doc = read_pdf(path)
    budget, evaluation = doc.tables
    assert (budget.caption, budget.title) == ("Tabel 4.9", "Anggaran")
    assert cells(budget.header) == [BUDGET_HEADER]
    assert cells(budget.rows) == rows[1:]
    assert [r.line for r in budget.rows] == list(range(2, 43))
    pages = [r.page for r in budget.rows]
    assert pages[0] == 1 and pages[-1] == 2 and pages == sorted(pages)
    # page numbers and the running head are neither text nor the next table's title
    assert [p.text for p in doc.paragraphs] == [
        "Program dan kegiatan yang menunjang pencapaian sasaran strategis.",
        "Realisasi anggaran 89,12% dari pagu."]
    assert (evaluation.page, evaluation.title) == (3, "Realisasi anggaran 89,12% dari pagu.")


def test_a_header_row_printed_again_on_the_next_page_is_no_cut_off_label(tmp_path):
    """Disparbud's capaian table: one block per indicator, each page opening with the same
    title row and the `Tujuan | Sasaran | Indikator …` row again. The last row above the
    break is a paragraph of analysis with no figure; the row printed again after the break
    is not the end of that paragraph cut by the page break."""
    title = ("CAPAIAN KINERJA TAHUN 2016 DINAS CONTOH PROVINSI JAWA BARAT", 6)
    head = ["Tujuan", "Sasaran", "Indikator", "Target", "Realisasi", "% Capaian Kinerja"]

    def block(indicator, target, realisasi, capaian, note):
        return ("table", None, [], [[title], head,
                                    ["1.", "Meningkatnya kunjungan", indicator, target,
                                     realisasi, capaian],
                                    ["", "", "Analisis Kinerja :", "", "", ""],
                                    ["", "", note, "", "", ""]],
                {"widths": [15, 35, 60, 20, 25, 25]})

    note = "Jumlah kunjungan wisatawan mancanegara meningkat karena promosi."
    path = build_pdf(tmp_path / "capaian.pdf", [
        block("Kunjungan wisatawan mancanegara", "1.100.000", "4.428.094", "402,55", note),
        ("page_break",),
        block("Kunjungan wisatawan nusantara", "38.599.000", "58.728.666", "152,15",
              "Jumlah kunjungan wisatawan nusantara meningkat.")])
    [table] = read_pdf(path).tables
    rows = [r.cells for r in table.rows]
    assert ["", "", note, "", "", ""] in rows
    assert [r.page for r in table.rows if r.cells == head] == [1, 2]


def test_another_table_on_the_next_page_stays_apart(tmp_path):
    blocks = [("table", "Tabel 3.1", "IKU", [IKU_HEADER, *IKU_ROWS]),
              ("page_break",),
              ("table", None, None, [["No", "Komponen", "Bobot", "Nilai", "Keterangan"],
                                     ["a", "Perencanaan Kinerja", "30 %", "25,34", "-"]])]
    doc = read_pdf(build_pdf(tmp_path / "two.pdf", blocks))
    first, second = doc.tables
    assert (first.caption, len(first.rows)) == ("Tabel 3.1", 3)
    assert (second.index, second.caption, second.page) == (2, None, 2)
    assert cells(second.header) == [["No", "Komponen", "Bobot", "Nilai", "Keterangan"]]


def test_merged_label_cell_keeps_indicator_rows_apart(tmp_path):
    """Two indicators under one merged Sasaran cell are two rows, as in the text export."""
    rows = [IKU_HEADER, IKU_ROWS[0], [(IKU_ROWS[1][0], 1, 2), *IKU_ROWS[1][1:]], IKU_ROWS[2][1:]]
    doc = read_pdf(build_pdf(tmp_path / "merged.pdf", [("table", "Tabel 3.1", "IKU", rows)]))
    assert cells(doc.tables[0].rows) == IKU_ROWS


def test_office_export_boxes_join_into_printed_rows(tmp_path):
    """Each text line in its own invisible box: the grid has one row per line, the printed
    row is rebuilt; rows 2 and 4 have no visible rule above them and stay apart all the same."""
    printed = [
        [["Urusan/Program/Kegiatan"], ["Indikator"], ["K"], ["Rp"], ["Perangkat Daerah"]],
        [["KECAMATAN CIPUTAT", ""], ["", ""], [""], ["", "4.504.316.352"], ["Kec. Ciputat"]],
        [["PROGRAM PENUNJANG", "URUSAN", "PEMERINTAHAN"], ["Nilai LKE PMPRB", "", ""], [""],
         ["", "3.804.017.252", ""], ["Kec. Ciputat"]],
        [["", ""], ["Predikat SAKIP", ""], [""], ["", ""], ["Kec. Ciputat"]],
        [["Perencanaan,", "Penganggaran, dan"], ["Jumlah Dokumen RKA-", "SKPD yang sesuai"],
         ["0"], ["", "24.215.320"], ["Kec. Ciputat"]],
    ]
    path = build_boxed_pdf(tmp_path / "boxed.pdf", printed, [60, 60, 15, 35, 35],
                           whole=(2, 4), unruled=(2, 4))
    with pdfplumber.open(path) as pdf:  # the input really is cut into one grid row per line
        [found] = pdf.pages[0].find_tables({"snap_tolerance": 6, "join_tolerance": 6,
                                            "intersection_tolerance": 6})
        assert len(found.rows) == 10
    [table] = read_pdf(path).tables
    assert cells(table.header) == [["Urusan/Program/Kegiatan", "Indikator", "K", "Rp",
                                    "Perangkat Daerah"]]
    assert cells(table.rows) == [
        ["KECAMATAN CIPUTAT", "", "", "4.504.316.352", "Kec. Ciputat"],
        ["PROGRAM PENUNJANG URUSAN PEMERINTAHAN", "Nilai LKE PMPRB", "", "3.804.017.252",
         "Kec. Ciputat"],
        ["", "Predikat SAKIP", "", "", "Kec. Ciputat"],
        ["Perencanaan, Penganggaran, dan", "Jumlah Dokumen RKA-SKPD yang sesuai", "0",
         "24.215.320", "Kec. Ciputat"],
    ]
    assert [r.line for r in table.rows] == [2, 3, 4, 5]


def test_cell_shading_printed_line_by_line_is_no_ruling(tmp_path):
    """Grey shading drawn as one band per text line (Muncar's Tabel 4.2) puts a visible edge
    between the lines of one printed row; the rows are the ones the thin black rules draw."""
    printed = [
        [["Program/Kegiatan"], ["Indikator"], ["Satuan"], ["Target"]],
        [["7.01.01 PROGRAM PENUNJANG", "URUSAN PEMERINTAHAN"], ["", ""], ["", ""], ["", ""]],
        [["Meningkatnya kualitas", "pemenuhan kebutuhan"], ["Persentase Pemenuhan", "Kebutuhan"],
         ["%", ""], ["95", ""]],
    ]
    path = build_boxed_pdf(tmp_path / "shaded.pdf", printed, [60, 60, 20, 20], shade=200)
    with pdfplumber.open(path) as pdf:  # the bands really cut the grid at every text line
        [found] = pdf.pages[0].find_tables({"snap_tolerance": 6, "join_tolerance": 6,
                                            "intersection_tolerance": 6})
        assert len(found.rows) == 5
    [table] = read_pdf(path).tables
    assert cells(table.header) == [["Program/Kegiatan", "Indikator", "Satuan", "Target"]]
    assert cells(table.rows) == [
        ["7.01.01 PROGRAM PENUNJANG URUSAN PEMERINTAHAN", "", "", ""],
        ["Meningkatnya kualitas pemenuhan kebutuhan", "Persentase Pemenuhan Kebutuhan", "%",
         "95"],
    ]


# --- bad input -------------------------------------------------------------------------------

def test_scanned_pdf_asks_for_ocr(tmp_path):
    path = build_scanned_pdf(tmp_path / "pindaian.pdf", pages=2)
    with pytest.raises(ReadError, match=re.escape(
            f"{path}: PDF tanpa lapisan teks (hasil pindai?): jalankan OCR dahulu")):
        read_document(path)


def test_a_scanned_page_among_text_pages_is_a_warning(tmp_path):
    blocks = [("paragraph", "KECAMATAN JOGOROTO"), ("paragraph", "TAHUN 2024"), ("scan",),
              ("paragraph", "Capaian Nilai SAKIP 94,22%.")]
    doc = read_pdf(build_pdf(tmp_path / "campur.pdf", blocks))
    assert doc.warnings == [f"{tmp_path / 'campur.pdf'}: halaman 2 tanpa lapisan teks "
                            "(hasil pindai?) dan dilewati"]
    assert [(p.text, p.page) for p in doc.paragraphs][-1] == ("Capaian Nilai SAKIP 94,22%.", 3)


def test_password_protected_pdf(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.cell(text="KECAMATAN JOGOROTO")
    pdf.set_encryption(owner_password="pemilik", user_password="rahasia")
    path = tmp_path / "terkunci.pdf"
    pdf.output(str(path))
    with pytest.raises(ReadError, match=re.escape(
            f"{path}: PDF dilindungi kata sandi: simpan salinan tanpa kata sandi dahulu")):
        read_pdf(path)


@pytest.mark.parametrize("content", [b"", os.urandom(4096), b"%PDF-1.7\n1 0 obj broken"])
def test_unreadable_files_give_one_line_errors(tmp_path, content):
    path = tmp_path / "laporan-rusak.pdf"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=r"laporan-rusak\.pdf") as caught:
        read_document(path)
    assert "\n" not in str(caught.value)


# --- the Tangsel quarterly realisation report (shared reference) -----------------------------

@pytest.fixture(scope="module")
def tangsel():
    if not TANGSEL.exists():
        pytest.skip(f"shared reference {TANGSEL.name} is absent (../shared/reference/ is only "
                    "present in the project's CI and dev machines)")
    return read_pdf(TANGSEL)


def test_tangsel_is_one_table_over_ten_pages(tangsel):
    [table] = tangsel.tables
    assert table.page == 1 and table.caption is None
    # three kecamatan and no title page: the file names none (the table's rows are no title)
    assert (tangsel.kecamatan, tangsel.kabupaten, tangsel.year) == (None, None, None)
    assert [r.page for r in table.rows] == sorted(r.page for r in table.rows)
    assert {r.page for r in table.rows} == set(range(1, 11))
    assert [r.line for r in table.rows] == list(range(5, 5 + len(table.rows)))


def test_tangsel_header_rows(tangsel):
    # hand-checked against the printed page: group title, triwulan numerals over their K/Rp
    # pairs, the template's column numbers, then K and Rp
    assert cells(tangsel.tables[0].header) == [
        ["Urusan/Bidang Urusan/Program/Kegiatan",
         "Indikator Kinerja Program (Outcome)/Indikator Kinerja Kegiatan (Output)",
         "Realisasi Kinerja Pada Triwulan I - IV Tahun 2023", "", "", "", "", "", "", "",
         "Perangkat Daerah Penanggung Jawab"],
        ["", "", "I", "", "II", "", "III", "", "IV", "", ""],
        ["2", "3", "7", "", "8", "", "9", "", "10", "", "14"],
        ["", "", "K", "Rp", "K", "Rp", "K", "Rp", "K", "Rp", ""],
    ]


def test_tangsel_logical_rows(tangsel):
    rows = cells(tangsel.tables[0].rows)
    kecamatan = {r[0]: r for r in rows if r[0].startswith("KECAMATAN")}
    # columns: 0 name, 1 indicator, 2/3 K/Rp TW I, 4/5 K/Rp TW II, …, 10 unit
    assert kecamatan["KECAMATAN CIPUTAT"] == [
        "KECAMATAN CIPUTAT", "", "", "4.504.316.352", "", "8.393.024.418", "", "", "", "",
        "Kec. Ciputat"]
    assert kecamatan["KECAMATAN CIPUTAT TIMUR"][3:6] == ["3.869.991.177", "", "7.129.063.256"]
    assert kecamatan["KECAMATAN PAMULANG"][3:6] == ["4.836.672.422", "", "11.403.962.312"]
    assert rows[1][:6] == ["PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN / KOTA",
                           "Nilai LKE PMPRB Perangkat Daerah", "", "3.804.017.252", "",
                           "5.386.769.078"]
    assert rows[2][:2] == ["", "Predikat SAKIP"]  # the programme's second indicator
    assert rows[3][:6] == [
        "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
        "Jumlah Dokumen Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah "
        "yang sesuai pedoman dan tersusun tepat waktu", "0", "24.215.320", "0", "33.810.100"]


def test_tangsel_row_counts(tangsel):
    table = tangsel.tables[0]
    # page 1, counted on the printed page: KECAMATAN CIPUTAT, the programme, Predikat SAKIP,
    # Perencanaan…, Penyusunan Dokumen…, four Koordinasi dan Penyusunan (RKA, Perubahan RKA,
    # DPA, Perubahan DPA), Koordinasi … Laporan Capaian, Evaluasi Kinerja, Administrasi
    # Keuangan, Penyediaan Gaji, Pelaksanaan Penatusahaan = 14. The other pages: the "Kec."
    # words printed in the unit column of each page (pdfplumber's extract_words, counted once
    # by hand), since every printed row names its unit exactly once.
    per_page = [14, 15, 15, 13, 18, 16, 13, 15, 16, 6]
    assert [sum(r.page == n for r in table.rows) for n in range(1, 11)] == per_page
    assert len(table.rows) == sum(per_page) == 141
    assert all(re.fullmatch(r"Kec\. [A-Za-z ]+", r.cells[10]) for r in table.rows)


def _two_pages(tmp_path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    for text in ("KECAMATAN JOGOROTO TAHUN 2024", "Halaman kedua yang rusak"):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.cell(text=text)
    path = tmp_path / "dua-halaman.pdf"
    pdf.output(str(path))
    return path


def test_a_page_that_cannot_be_read_is_skipped_with_a_warning(tmp_path, monkeypatch):
    """One page drawn in a way the reader does not know costs that page, not the report."""
    from sakip_analysis.read.readers import pdf_reader

    original = pdf_reader.read_page

    def fragile(page, first_line):
        if page.page_number == 2:
            raise ValueError("operator tak dikenal")
        return original(page, first_line)

    monkeypatch.setattr(pdf_reader, "read_page", fragile)
    monkeypatch.setattr(pdf_reader, "_ruled_pages", lambda path: {})  # every page by pdfplumber
    monkeypatch.setenv("SAKIP_LOG_DIR", str(tmp_path / "log"))
    doc = read_pdf(_two_pages(tmp_path))
    assert any("JOGOROTO" in p.text for p in doc.paragraphs)
    assert not any("kedua" in p.text for p in doc.paragraphs)
    [warning] = [w for w in doc.warnings if "halaman 2 tidak dapat dibaca" in w]
    assert "dua-halaman.pdf" in warning and "operator tak dikenal" in warning


def test_a_pdf_none_of_whose_pages_can_be_read_is_refused_in_one_line(tmp_path, monkeypatch):
    from sakip_analysis.read.readers import pdf_reader

    def broken(page, first_line):
        raise ValueError("operator tak dikenal")

    monkeypatch.setattr(pdf_reader, "read_page", broken)
    monkeypatch.setattr(pdf_reader, "_ruled_pages", lambda path: {})  # every page by pdfplumber
    monkeypatch.setenv("SAKIP_LOG_DIR", str(tmp_path / "log"))
    with pytest.raises(ReadError, match=r"dua-halaman\.pdf: tidak satu halaman pun dapat "
                                        r"dibaca \(halaman 1: ValueError: operator tak dikenal"):
        read_pdf(_two_pages(tmp_path))
