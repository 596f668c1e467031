"""The Word reader on files built here: cells as printed, merges once, captions, lines."""

from __future__ import annotations

import os
from pathlib import Path

import docx
import pytest
from doc_builders import (
    BUDGET_HEADER,
    BUDGET_ROWS,
    IKU_HEADER,
    IKU_ROWS,
    KINERJA_ANGGARAN_HEADER,
    KINERJA_ANGGARAN_ROWS,
    Cell,
    build_docx,
    jogoroto_blocks,
)

from sakip_analysis.errors import ReadError
from sakip_analysis.read.document import Heading
from sakip_analysis.read.readers import read_document
from sakip_analysis.read.readers.docx_reader import read_docx
from sakip_analysis.read.readers.text_reader import read_text


@pytest.fixture(scope="module")
def jogoroto(tmp_path_factory) -> tuple[Path, object]:
    path = build_docx(tmp_path_factory.mktemp("docx") / "lkjip-jogoroto.docx", jogoroto_blocks())
    return path, read_docx(path)


def cells(rows) -> list[list[str]]:
    return [r.cells for r in rows]


def test_identity_from_the_title_page(jogoroto):
    _, doc = jogoroto
    assert (doc.kecamatan, doc.kabupaten, doc.year) == ("Jogoroto", "Jombang", 2024)
    assert doc.line_based is False
    assert doc.warnings == []


def test_captions_titles_and_order(jogoroto):
    _, doc = jogoroto
    tables = doc.tables
    assert [t.index for t in tables] == [1, 2, 3, 4]
    assert [t.caption for t in tables] == ["Tabel 3.1.1", "Tabel 3.2.1", "Tabel 4.9", None]
    assert [t.title for t in tables] == [
        "Capaian Indikator Kinerja Utama Kecamatan Jogoroto Tahun 2024",
        "PENCAPAIAN KINERJA DAN ANGGARAN KECAMATAN JOGOROTO TAHUN 2024",
        "Program, Kegiatan, Anggaran, Outcome/Output Yang Dihasilkan",
        "Rincian nilai hasil evaluasi:",  # no caption: the short paragraph above
    ]
    # captions and title lines are not paragraphs of their own (as in the text reader)
    assert not any(p.text.startswith(("Tabel", "TABEL", "Capaian Indikator"))
                   for p in doc.paragraphs)


def test_cells_exactly_as_printed(jogoroto):
    _, doc = jogoroto
    iku, _, budget, _ = doc.tables
    assert cells(iku.header) == [IKU_HEADER]
    assert cells(iku.rows) == IKU_ROWS
    assert cells(budget.header) == [BUDGET_HEADER]
    assert cells(budget.rows) == BUDGET_ROWS
    assert budget.rows[1].cells[3:] == ["15.445.000", "12.202.500", "", "79,00%"]
    assert budget.rows[-1].cells == ["JUMLAH", "", "", "2.954.994.511", "2.633.370.523", "",
                                     "89,12%"]


def test_merged_cells_are_printed_once(jogoroto):
    path, doc = jogoroto
    kinerja = doc.tables[1]
    # the file really holds merges: python-docx repeats the spanning cells
    raw = docx.Document(str(path)).tables[1]
    assert [c.text for c in raw.rows[0].cells].count("KINERJA") == 3
    assert raw.rows[1].cells[0].text == "SASARAN, PROGRAM, KEGIATAN"  # vMerge continuation
    assert cells(kinerja.header) == KINERJA_ANGGARAN_HEADER
    assert cells(kinerja.rows) == KINERJA_ANGGARAN_ROWS
    assert [len(r.cells) for r in [*kinerja.header, *kinerja.rows]] == [8] * 6


def test_row_and_paragraph_lines(jogoroto):
    path, doc = jogoroto
    kinerja = doc.tables[1]
    assert [r.line for r in kinerja.header] == [1, 2]
    assert [r.line for r in kinerja.rows] == [3, 4, 5, 6]  # Word row index, header counted
    # paragraph lines are 1-based indexes into python-docx's Document.paragraphs
    word_paragraphs = docx.Document(str(path)).paragraphs
    for paragraph in doc.paragraphs:
        assert " ".join(word_paragraphs[paragraph.line - 1].text.split()) == paragraph.text
    # a table's line is its caption's paragraph
    assert word_paragraphs[kinerja.line - 1].text == "TABEL 3.2.1"
    heading = next(p for p in doc.paragraphs if p.text == "BAB III AKUNTABILITAS KINERJA")
    assert isinstance(heading, Heading)
    assert any("94,22%" in p.text for p in doc.paragraphs)


def test_same_document_as_the_text_export(tmp_path):
    """The demo writes one report as .docx and as .txt: both readers must agree."""
    from sakip_analysis.demo.build import generate_demo

    generate_demo(tmp_path / "w", kecamatan=["Mojowarno"], years=[2024], formats=["docx"])
    generate_demo(tmp_path / "t", kecamatan=["Mojowarno"], years=[2024], formats=["txt"])
    word = read_docx(tmp_path / "w" / "2024" / "mojowarno.docx")
    text = read_text(tmp_path / "t" / "2024" / "mojowarno.txt")
    assert (word.kecamatan, word.kabupaten, word.year) == (text.kecamatan, text.kabupaten,
                                                           text.year)
    assert len(word.tables) == len(text.tables) > 5
    for mine, theirs in zip(word.tables, text.tables, strict=True):
        assert (mine.caption, mine.title) == (theirs.caption, theirs.title)
        assert cells(mine.header) == cells(theirs.header)
        assert cells(mine.rows) == cells(theirs.rows)
    assert [p.text for p in word.paragraphs] == [p.text for p in text.paragraphs]


def test_cell_paragraphs_nested_tables_and_vertical_merges(tmp_path):
    rows = [
        ["Program/Kegiatan", "Indikator", "Target"],
        [("Program: Pemberdayaan Masyarakat Desa", 1, 2),
         Cell(paragraphs=["1. Persentase Raperdes", "yang dievaluasi"]), "100%"],
        [Cell("2. Jumlah Lembaga", nested=[["Aktif", "22"], ["Dibina", "11"]]), "22 Lembaga"],
    ]
    path = build_docx(tmp_path / "cells.docx", [("table", "Tabel 4.1", "Program", rows)])
    [table] = read_docx(path).tables
    assert cells(table.rows) == [
        ["Program: Pemberdayaan Masyarakat Desa", "1. Persentase Raperdes yang dievaluasi",
         "100%"],
        ["", "2. Jumlah Lembaga Aktif 22 Dibina 11", "22 Lembaga"],
    ]


def test_a_caption_serves_one_table_only(tmp_path):
    blocks = [
        ("table", "Tabel 2.1", "Target Kinerja", [["Indikator", "Target"], ["Nilai SAKIP", "72"]]),
        ("table", None, None, [["Indikator", "Target"], ["Nilai IKM", "85"]]),
        ("paragraph", "Tabel 2.2"),  # a caption no table takes
        ("paragraph", "Paragraf panjang " * 20),
    ]
    doc = read_docx(build_docx(tmp_path / "two.docx", blocks))
    first, second = doc.tables
    assert (first.caption, first.title) == ("Tabel 2.1", "Target Kinerja")
    assert (second.caption, second.title, second.line) == (None, "", 2)  # after paragraph 2
    assert doc.warnings == [f"{tmp_path / 'two.docx'}:3: caption 'Tabel 2.2' has no table "
                            "under it"]


def test_word_header_rows_marked_repeat_are_the_header(tmp_path):
    rows = [["Uraian", "Keterangan"], ["Kolom satu", "Kolom dua"], ["Nilai SAKIP", "67,84"]]
    path = build_docx(tmp_path / "marked.docx", [("table", "Tabel 1", "T", rows)])
    document = docx.Document(str(path))
    for row in document.tables[0].rows[:2]:  # Word's "repeat as header row"
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(tr_pr.makeelement(docx.oxml.ns.qn("w:tblHeader"), {}))
    document.save(str(path))
    [table] = read_docx(path).tables
    assert cells(table.header) == rows[:2]
    assert cells(table.rows) == rows[2:]


def test_title_page_in_a_text_box(tmp_path):
    """Cover pages often hold the name in a text box, outside the body paragraphs."""
    path = build_docx(tmp_path / "box.docx", [("paragraph", "LKJIP"), ("paragraph", "Isi")])
    document = docx.Document(str(path))
    box = docx.oxml.parse_xml(
        '<w:pict xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><v:shape><v:textbox><w:txbxContent>'
        "<w:p><w:r><w:t>KECAMATAN DIWEK</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>KABUPATEN JOMBANG</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>TAHUN 2023</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict>")
    document.paragraphs[0].runs[0]._r.append(box)
    document.save(str(path))
    doc = read_docx(path)
    assert (doc.kecamatan, doc.kabupaten, doc.year) == ("Diwek", "Jombang", 2023)
    assert doc.paragraphs[0].text == "LKJIP"  # the box text is not part of the paragraph


@pytest.mark.parametrize("content", [b"", os.urandom(2048), b"PK\x03\x04 not really a zip"])
def test_unreadable_files_give_one_line_errors(tmp_path, content):
    path = tmp_path / "laporan-rusak.docx"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=r"laporan-rusak\.docx") as caught:
        read_document(path)
    assert "\n" not in str(caught.value)
