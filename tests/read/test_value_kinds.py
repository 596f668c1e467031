"""Cells of every kind real reports print, kept and classified, never a refusal; identity of any
instansi; hierarchy levels; bad input contained per cell (issue 12, read side)."""

from __future__ import annotations

import contextlib
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip_analysis.analysis.indicators import add_capaian, capaian
from sakip_analysis.errors import NumberParseError
from sakip_analysis.read.document import Row, Table
from sakip_analysis.read.extract import extract_paths
from sakip_analysis.read.identity import read_identity
from sakip_analysis.read.numbers import VALUE_KINDS, parse_number, read_cell, target_bounds
from sakip_analysis.read.readers.text_reader import read_text
from sakip_analysis.read.tables.header import columns, settle_header
from sakip_analysis.read.tables.hierarchy import code_of, level_of_code, quarterly_levels


@pytest.mark.parametrize(("text", "kind"), [
    ("≥ 75", "comparator"), ("< 5", "comparator"), ("min 80%", "comparator"),
    ("70–80", "range"), ("0 – 5,99%", "range"), ("80 s/d 90", "range"),
    ("4 89/100.000", "ratio"), ("1:32", "ratio"),
    ("WTP", "qualitative"), ("Belum dapat diukur", "qualitative"),
    ("Inflasi Jawa Barat < Inflasi Nasional", "qualitative"),
    ("102,54 100,53", "stacked"), ("100.00 90.00 90.00 100.00 80.00", "stacked"),
    ("86 (101%)", "stacked"),
    ("-", "missing"), ("n/a", "missing"), ("", "missing"),
    ("1e309", "invalid"), ("1" * 27, "invalid"),
    ("94,22", "number"),
])
def test_every_cell_gets_a_value_kind(text, kind):
    assert read_cell(text).kind == kind


@pytest.mark.parametrize(("text", "value"), [
    ("3.600.000.000,-", "3600000000"), ("Rp. 2.633.370.523", "2633370523"),
    ("Rp5.294.655.000,00", "5294655000"), ("546,343,572,00", "546343572"),
    ("1,397,870,000.00", "1397870000"), ("18.350.776.107,-", "18350776107"),
])
def test_money_as_printed_is_a_number(text, value):
    assert parse_number(text, "amount").value == Decimal(value)


def test_stacked_cell_keeps_its_figures():
    cell = read_cell("102,54 100,53")
    assert [p.value for p in cell.parts] == [Decimal("102.54"), Decimal("100.53")]


def test_numbers_past_what_a_report_means_are_refused_not_misread():
    with pytest.raises(NumberParseError, match="eksponen"):
        parse_number("1e309")
    with pytest.raises(NumberParseError, match="18 digit"):
        parse_number("1" * 19)
    assert parse_number("9" * 18).value == Decimal("9" * 18)


@given(st.text(max_size=40))
def test_reading_a_cell_never_raises(text):
    assert read_cell(text).kind in VALUE_KINDS


@given(st.text(max_size=40))
def test_parse_number_raises_only_its_own_error(text):
    with contextlib.suppress(NumberParseError):
        parse_number(text)


def test_comparator_target_follows_the_range_rules():
    # ≥ 75 is the range [75, ∞): 80 is inside (100); 60 is below: 60/75 × 100 = 80
    assert target_bounds("≥ 75") == (75.0, float("inf"))
    assert capaian("≥ 75", 80) == 100.0
    assert capaian("≥ 75", 60) == pytest.approx(80.0)
    # ≤ 5, lower is better: 3 inside → 100; 6 above → (2×5 − 6)/5 × 100 = 80
    assert capaian("≤ 5", 3, "negatif") == 100.0
    assert capaian("≤ 5", 6, "negatif") == pytest.approx(80.0)
    frame = pd.DataFrame({"target": [None], "target_raw": ["≥ 75"], "realisasi": [60.0]})
    assert add_capaian(frame)["capaian"].iloc[0] == pytest.approx(80.0)


def _report(tmp_path, *rows, name="dinas.txt", encoding="utf-8", header=None):
    path = tmp_path / name
    lines = ["LAPORAN KINERJA", "DINAS PETERNAKAN PROVINSI JAWA BARAT TAHUN 2016", "",
             "Tabel 3.1", "Capaian Indikator Kinerja", "",
             header or "No\tIndikator\tTarget\tRealisasi\tCapaian", *rows]
    path.write_bytes("\n".join(lines).encode(encoding))
    return path


def test_odd_cells_are_kept_with_one_warning_each(tmp_path):
    path = _report(tmp_path, "1\tIndeks A\t≥ 75\t80\t106,67",
                   "2\tOpini BPK\tWTP\tWTP\t100", "3\tAngka B\t1e309\t5\t-")
    result = extract_paths([path])
    assert not result.failed
    ind = result.tables["indicators"].set_index("indicator")
    assert (ind.loc["Indeks A", "target_raw"], ind.loc["Indeks A", "target_kind"]) == (
        "≥ 75", "comparator")
    assert ind.loc["Opini BPK", "realisasi_kind"] == "qualitative"
    assert ind.loc["Angka B", "target_kind"] == "invalid" and pd.isna(ind.loc["Angka B",
                                                                            "target"])
    kept = [w for w in result.warnings if "disimpan sebagai teks" in w]
    assert len(kept) == 3  # WTP twice, 1e309 once; the comparator is read, not kept as text
    assert any("baris 10" in w and "'target'" in w and "'1e309'" in w for w in kept)


def test_identity_of_an_opd_report(tmp_path):
    result = extract_paths([_report(tmp_path, "1\tIndeks A\t75\t80\t106,67")])
    row = result.tables["indicators"].iloc[0]
    assert (row["unit_kind"], row["kecamatan"], row["region_kind"], row["region"],
            row["year"]) == ("dinas", "Dinas Peternakan", "provinsi", "Jawa Barat", 2016)
    assert pd.isna(row["kabupaten"])


def test_utf16_text_is_read_not_called_binary(tmp_path):
    path = _report(tmp_path, "1\tIndeks A\t75\t80\t106,67", encoding="utf-16")
    doc = read_text(path)
    assert doc.tables and doc.tables[0].rows[0].cells[1] == "Indeks A"


def test_control_characters_are_removed_with_a_warning(tmp_path):
    path = _report(tmp_path, "1\tIndeks\x07 A\t75\t80\t106,67")
    result = extract_paths([path])
    assert result.tables["indicators"]["indicator"].tolist() == ["Indeks A"]
    assert any("dinas.txt:8" in w and "karakter kendali" in w for w in result.warnings)


def test_a_row_longer_than_its_header_warns(tmp_path):
    path = _report(tmp_path, "1\tIndeks A\t75\t80\t106,67\tcatatan lepas")
    result = extract_paths([path])
    assert any("lebih panjang" in w and "catatan lepas" in w and "baris 8" in w
               for w in result.warnings)


def test_identity_short_forms_give_way_to_the_full_name():
    found = read_identity(
        [], running=["LKIP Tahun 2016 Badan Kesbangpol Prov. Jawa Barat"] * 3,
        body=["Badan Kesatuan Bangsa dan Politik Provinsi Jawa Barat menyusun laporan"])
    assert (found.unit_kind, found.name, found.region, found.year) == (
        "badan", "Badan Kesatuan Bangsa dan Politik", "Jawa Barat", 2016)


def test_unreadable_identity_warns_and_uses_the_file_name(tmp_path):
    path = tmp_path / "laporan-x.txt"
    path.write_text("Tabel 1\nJudul\n\nIndikator\tTarget\tRealisasi\tCapaian\nA\t1\t1\t100\n")
    result = extract_paths([path])
    assert not result.failed
    assert result.tables["indicators"]["kecamatan"].tolist() == ["laporan-x"]
    assert any("identitas laporan tidak terbaca" in w for w in result.warnings)


def test_codes_give_levels():
    assert code_of("1.01.02.2.01 Penyusunan Dokumen") == ("1.01.02.2.01", "Penyusunan Dokumen")
    assert [level_of_code(c) for c in ("7.01.01", "7.01.01.2.01", "7.01.01.2.01.0001")] == [
        "program", "kegiatan", "subkegiatan"]


def test_quarterly_levels_from_words_percent_and_arithmetic():
    labels = ["DINAS X", "PROGRAM A", "Kegiatan Satu", "Sub satu", "Sub dua", "Keg dua",
              "Sub tiga", "Sub empat", "Keg tiga", "Sub lima"]
    # "Keg dua" = 30 = 10 + 20 (its own children); "Keg tiga" has one child with equal
    # figures in every quarter; "Kegiatan Satu" says so.
    amounts = [[100.0], [100.0], [40.0], [15.0], [25.0], [30.0], [10.0], [20.0], [30.0], [30.0]]
    levels = quarterly_levels(labels, amounts, [""] * 10, "Dinas X")
    assert [lv for lv, _ in levels] == ["total", "program", "kegiatan", "subkegiatan",
                                       "subkegiatan", "kegiatan", "subkegiatan", "subkegiatan",
                                       "kegiatan", "subkegiatan"]
    assert levels[6][1] == "Keg dua" and levels[5][1] == "PROGRAM A"


def test_header_printed_below_a_title_row_and_numbered_row_is_found():
    table = Table(1, None, "", [Row(["CAPAIAN KINERJA TAHUN 2016", "", "", ""], 1)], [
        Row(["Indikator", "Target", "Realisasi", "% Capaian"], 2),
        Row(["(1)", "(2)", "(3)", "(4)"], 3),
        Row(["Indeks A", "75", "80", "106,67"], 4)], 1)
    settled = settle_header(table)
    assert [c.label for c in columns(settled.header, 4)] == [
        "Indikator", "Target", "Realisasi", "% Capaian"]
    assert [r.cells[0] for r in settled.rows] == ["Indeks A"]
    assert "CAPAIAN KINERJA TAHUN 2016" in settled.title


ALIGNED = """PEMERINTAH KABUPATEN JOMBANG
KECAMATAN PERAK
TAHUN 2024

Tabel 3.2
Capaian Indikator Kinerja

  No   Indikator Kinerja                 Target     Realisasi    Capaian
  1    Nilai SAKIP                        72,00        67,84       94,22
  2    Indeks Kepuasan Masyarakat         ≥ 75         80,12      106,83

Berdasarkan tabel di atas, capaian      kinerja tahun ini cukup baik dan
sesuai    dengan target yang ditetapkan.
"""


def test_columns_aligned_with_spaces_are_read(tmp_path):
    path = tmp_path / "perak.txt"
    path.write_text(ALIGNED, encoding="utf-8")
    result = extract_paths([path])
    ind = result.tables["indicators"].set_index("indicator")
    assert ind.loc["Nilai SAKIP", ["target_raw", "realisasi_raw", "capaian_reported_raw"]
                   ].tolist() == ["72,00", "67,84", "94,22"]
    assert ind.loc["Indeks Kepuasan Masyarakat", "target_raw"] == "≥ 75"
    assert ind["source_line"].tolist() == [9, 10]  # lines of the file, as printed
    prose = " ".join(result.tables["narrative"]["text"])
    assert "cukup baik" in prose  # justified prose is not taken for a table


def test_pdftotext_layout_export_of_a_real_budget_table(tmp_path):
    import shutil
    import subprocess

    from conftest import REAL_CORPUS, need

    pdf = need(REAL_CORPUS / "lkip-2016-jabar-kesbangpol-draft.pdf")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = tmp_path / "kesbangpol-hal26.txt"
    subprocess.run(["pdftotext", "-layout", "-f", "26", "-l", "26", str(pdf), str(out)],
                   check=True)
    budget = extract_paths([out], kecamatan="Badan Kesbangpol", year=2016).tables["budget"]
    # Tabel 3.7, rows 1 and 2 as printed on page 26
    assert budget[["pagu_raw", "realisasi_raw", "serapan_reported_raw"]].head(2).values.tolist(
    ) == [["369.200.000", "356.060.000", "96,44%"], ["518.230.000", "494.663.970", "95,45%"]]


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("150 159", "stacked", None),          # target and realisasi run together (Dispenda)
    ("100 100,03", "stacked", None),
    ("1 234 567", "number", Decimal("1234567")),   # spaces grouping thousands
    ("16 000 000", "number", Decimal("16000000")),
    ("5 000", "number", Decimal("5000")),          # `000` cannot stand alone
])
def test_one_space_between_figures_is_two_figures(text, kind, value):
    cell = read_cell(text)
    assert cell.kind == kind
    assert (cell.number.value if cell.number else None) == value


@given(st.integers(1, 999), st.integers(100, 999))
def test_two_figures_side_by_side_are_never_read_as_one(first, second):
    assert read_cell(f"{first} {second}").kind == "stacked"


@pytest.mark.parametrize(("text", "values"), [
    # Bappeda LKIP 2016, Tabel 3.4 p.32-33: capaian 2015 in a column a few digits wide; the
    # percepatan beside each proves the figure: 19,99 - 17,55 = 2,44 and 33,33 - 27,50 = 5,83
    ("17,5 5", [Decimal("17.55")]),
    ("27,5 0", [Decimal("27.50")]),
    ("97,5 0 95,0 0", [Decimal("97.50"), Decimal("95.00")]),  # two rows' figures, each wrapped
    ("100 100,0 0", [Decimal("100"), Decimal("100.00")]),
    ("87,5 0%", [Decimal("87.50")]),
])
def test_a_decimal_wrapped_in_a_narrow_cell_is_one_figure(text, values):
    cell = read_cell(text)
    figures = [p.value for p in cell.parts] if cell.kind == "stacked" else [cell.number.value]
    assert figures == values


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False,
                   allow_infinity=False))
def test_a_figure_with_its_last_digit_wrapped_reads_back_the_same(value):
    printed = f"{value:.2f}".replace(".", ",")
    assert read_cell(f"{printed[:-1]} {printed[-1]}").number.value == value


WRAPPED_ALIGNED = """KECAMATAN PERAK KABUPATEN JOMBANG
LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN 2024

Tabel 3.1 Capaian IKU

  No    Indikator Kinerja          Target        Realisasi      Capaian (%)

        Persentase dokumen
  1                                   80              84            105,00
        perencanaan tepat waktu

        Indeks kepuasan
  2     masyarakat atas               75              72             96,00
        layanan PATEN

  3     Nilai SAKIP                   72,00           67,84          94,22

"""


def test_rows_printed_as_paragraphs_of_lines_are_one_row_each(tmp_path):
    """A pdftotext -layout export prints a wrapped cell over several lines, its figures on
    the middle one, rows a blank line apart: each paragraph is one row, its label whole,
    and the row keeps the line of its figures."""
    path = tmp_path / "perak.txt"
    path.write_text(WRAPPED_ALIGNED, encoding="utf-8")
    ind = extract_paths([path]).tables["indicators"].set_index("indicator")
    assert list(ind.index) == ["Persentase dokumen perencanaan tepat waktu",
                               "Indeks kepuasan masyarakat atas layanan PATEN", "Nilai SAKIP"]
    assert ind["target_raw"].tolist() == ["80", "75", "72,00"]
    assert ind["capaian_reported_raw"].tolist() == ["105,00", "96,00", "94,22"]
    assert ind["source_line"].tolist() == [9, 13, 16]
