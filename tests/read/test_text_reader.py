from pathlib import Path

import pytest

from sakip_analysis.errors import ReadError
from sakip_analysis.read.readers import read_document
from sakip_analysis.read.readers.text_reader import read_text

T = "\t"


def write(tmp_path: Path, lines: list[str], name: str = "lkjip.txt", encoding="utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes("\n".join(lines).encode(encoding))
    return path


TITLE = ["**PEMERINTAH KABUPATEN JOMBANG", "KECAMATAN DIWEK**", "", "LKJIP", "",
         "TAHUN 2023", ""]


def test_title_page_identity(tmp_path):
    doc = read_text(write(tmp_path, TITLE))
    assert (doc.kecamatan, doc.kabupaten, doc.year) == ("Diwek", "Jombang", 2023)


def test_caption_title_header_and_lines(tmp_path):
    lines = [*TITLE,
             "Tabel 3.1",                                   # 8
             "Capaian IKU",                                 # 9
             "Kecamatan Diwek Tahun 2023",                  # 10
             "",
             T.join(["Sasaran", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"]),
             T.join(["**Sasaran A**", "Nilai SAKIP", "72,00", "67,84", "94,22"]),  # 13
             T.join(["", "Nilai IKPP", "7,70", "7,97", "103%"]),                   # 14
             "", "Paragraf setelah tabel dengan angka 12,5%."]                      # 16
    doc = read_text(write(tmp_path, lines))
    [table] = doc.tables
    assert table.caption == "Tabel 3.1"
    assert table.title == "Capaian IKU Kecamatan Diwek Tahun 2023"
    assert table.header[0].cells[0] == "Sasaran"
    assert [r.line for r in table.rows] == [13, 14]
    assert table.rows[0].cells[:2] == ["Sasaran A", "Nilai SAKIP"]   # bold markers gone
    assert [p.line for p in doc.paragraphs if "12,5%" in p.text] == [16]


def test_page_break_fragments_and_continuations(tmp_path):
    header = T.join(["Program/Kegiatan", "Indikator", "Target", "Pagu Anggaran", "Realisasi",
                     "Prosentase"])
    lines = [*TITLE, "Tabel 4.9", "Anggaran", "", header,
             T.join(["Program: Pembinaan dan Pengawasan", "Persentase Desa yang Pertanggungjaw",
                     "100 %", "7.425.000", "5.024.930", "67,67%"]),   # 12
             "",                                                      # page break
             T.join(["Pemerintahan Desa", "aban Realisasi", "", "", "", ""]),  # 14: fragment
             T.join(["", "Indikator kedua", "12 Laporan", "", "", ""]),         # 15: new row
             "",
             "7",                                                     # stray page number
             T.join(["Kegiatan : Fasilitasi", "Jumlah Rekomendasi", "100 %", "7.425.000",
                     "5.024.930", "67,67%"]),                           # 18: after a break
             T.join(["JUMLAH", "", "", "7.425.000", "5.024.930", "67,67%"])]
    doc = read_text(write(tmp_path, lines))
    [table] = doc.tables
    cells = [r.cells for r in table.rows]
    assert cells[0][:2] == ["Program: Pembinaan dan Pengawasan Pemerintahan Desa",
                            "Persentase Desa yang Pertanggungjawaban Realisasi"]
    assert [r.line for r in table.rows] == [12, 15, 18, 19]
    assert any(p.text == "7" for p in doc.paragraphs)  # the stray line is kept, not lost


def test_two_line_header_and_html_in_cells(tmp_path):
    lines = [*TITLE, "Tabel 3.2", "Analisis IKU", "",
             T.join(["No", "IKU", "Satuan", "Tahun 2022", "", "%", "Tahun 2023", "", "%"]),
             T.join(["", "", "", "Target", "Realisasi", "", "Target", "Realisasi", ""]),
             T.join(["1", '<ol style="x"> 1. Nilai SAKIP </ol>', "Nilai", "70,01", "70,35",
                     "100,48%", "71,00", "71,85", "101,19%"])]
    [table] = read_text(write(tmp_path, lines)).tables
    assert len(table.header) == 2
    assert table.rows[0].cells[1] == "1. Nilai SAKIP"


def test_header_row_after_gap_starts_a_new_table(tmp_path):
    lines = [*TITLE,
             T.join(["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "TARGET"]),
             T.join(["1.", "Sasaran A", "Nilai SAKIP", "72"]), "",
             T.join(["NO", "SASARAN PROGRAM", "PROGRAM", "INDIKATOR PROGRAM", "TARGET",
                     "ANGGARAN"]),
             T.join(["1.", "Sasaran P", "Program P", "Indikator", "100%", "8.574.850"])]
    tables = read_text(write(tmp_path, lines)).tables
    assert [len(t.rows) for t in tables] == [1, 1]
    assert tables[1].label.startswith("Tabel tanpa nomor")


def test_windows_1252_is_read_with_a_warning(tmp_path):
    path = write(tmp_path, [*TITLE, "Capaian “baik” – 94,22%"], encoding="cp1252")
    doc = read_text(path)
    assert any("94,22%" in p.text and "“baik”" in p.text for p in doc.paragraphs)
    assert any("Windows-1252" in w for w in doc.warnings)


@pytest.mark.parametrize(("content", "message"), [
    (b"", "berkas kosong"), (b"   \n\n", "berkas kosong"),
    (b"PK\x03\x04\x00\x00binary", "berkas biner")])
def test_unusable_files_name_themselves(tmp_path, content, message):
    path = tmp_path / "rusak.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=f"rusak.txt: {message}"):
        read_text(path)


def test_unknown_extension(tmp_path):
    path = tmp_path / "laporan.xls"
    path.write_text("x")
    with pytest.raises(ReadError, match=r"jenis berkas \.xls tidak didukung"):
        read_document(path)


def test_reference_tables(reference_txt):
    doc = read_text(reference_txt)
    assert (doc.kecamatan, doc.kabupaten, doc.year) == ("Jogoroto", "Jombang", 2024)
    assert len(doc.tables) == 15
    by_line = {t.line: t for t in doc.tables}
    budget = by_line[832]
    assert budget.caption == "Tabel 4.9"
    # The row split by a page break at lines 858/860 is one row again.
    row = next(r for r in budget.rows if r.line == 858)
    assert row.cells[0] == "Program: Pembinaan dan Pengawasan Pemerintahan Desa"
    assert row.cells[1].endswith("Pertanggungjawaban Realisasi APB Desa")
    assert 860 not in [r.line for r in budget.rows]


def test_table_cut_off_mid_row_is_read(tmp_path):
    import pandas as pd

    from sakip_analysis.read.extract import extract_paths

    lines = [*TITLE, "Tabel 3.1", "Capaian IKU", "",
             T.join(["Sasaran", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"]),
             T.join(["Sasaran A", "Nilai SAKIP", "72,00", "67,84", "94,22"]),
             T.join(["", "Nilai IKPP", "7,70"])]  # the file ends inside this row
    path = write(tmp_path, lines)
    result = extract_paths([path])
    assert not result.failed
    rows = result.tables["indicators"]
    cut = rows[rows["source_line"] == len(lines)].iloc[0]
    assert cut["target_raw"] == "7,70"
    assert pd.isna(cut["realisasi_raw"]) and pd.isna(cut["realisasi"])  # missing, never zero
