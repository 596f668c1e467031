"""Size limits (issue 12): a hostile file is refused in one line naming the file, the limit and
the variable that raises it — before memory or minutes are spent on it."""

from __future__ import annotations

import zipfile

import pytest
from doc_builders import build_docx, build_pdf

from sakip_analysis.errors import ReadError
from sakip_analysis.read import limits
from sakip_analysis.read.readers import read_document

TITLE = [("paragraph", "KECAMATAN PERAK"), ("paragraph", "TAHUN 2024")]


def _bomb(tmp_path, megabytes: int):
    """A real .docx with one extra part of zeros: megabytes decompressed, a few KB on disk."""
    path = build_docx(tmp_path / "bom.docx", TITLE)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/nol.bin", b"\0" * (megabytes * limits.MB))
    return path


def test_a_docx_that_expands_past_the_limit_is_refused(tmp_path, monkeypatch):
    path = _bomb(tmp_path, 30)
    monkeypatch.setattr(limits, "MAX_DOCX_UNZIPPED", 25 * limits.MB)
    # 30 MB of zeros plus python-docx's template parts (under 1 MB)
    with pytest.raises(ReadError, match=r"bom\.docx: isi \.docx terurai 3[01] MB, melebihi "
                                        r"batas 25 MB \(SAKIP_MAX_DOCX_MB\)"):
        read_document(path)


def test_a_docx_with_a_zip_bomb_ratio_is_refused(tmp_path):
    path = _bomb(tmp_path, 30)  # 30 MB of zeros deflate to about 30 KB: ratio near 1000
    assert path.stat().st_size < 100_000
    with pytest.raises(ReadError, match=r"SAKIP_MAX_DOCX_RATIO"):
        read_document(path)


def test_an_ordinary_docx_is_read(tmp_path):
    doc = read_document(build_docx(tmp_path / "biasa.docx", TITLE))
    assert doc.kecamatan == "Perak"


def test_a_pdf_past_the_page_limit_is_refused(tmp_path, monkeypatch):
    path = build_pdf(tmp_path / "panjang.pdf", [*TITLE, ("page_break",),
                                               ("paragraph", "Halaman dua")])
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 1)
    with pytest.raises(ReadError, match=r"panjang\.pdf: PDF 2 halaman, melebihi batas 1 halaman "
                                        r"\(SAKIP_MAX_PDF_PAGES\)"):
        read_document(path)


def test_a_table_past_the_cell_limit_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "tabel.txt"
    path.write_text("KECAMATAN PERAK\n\nTAHUN 2024\n\nTabel 3.1\nCapaian IKU\n\n"
                    "Indikator\tTarget\tRealisasi\nNilai SAKIP\t70,00\t63,00\n", encoding="utf-8")
    monkeypatch.setattr(limits, "MAX_TABLE_CELLS", 5)  # 2 rows × 3 cells = 6
    with pytest.raises(ReadError, match=r"berisi 6 sel, melebihi batas 5 sel"):
        read_document(path)
    monkeypatch.setattr(limits, "MAX_TABLE_CELLS", 6)
    assert len(read_document(path).tables) == 1
