"""Sentences as real reports print them: a paragraph handed out one printed line at a time,
rupiah closed by `,-`, an average next to the figures it averages, a percentage that holds
only when truncated, the sasaran counted from an IKU table. Every figure below is computed by
hand from the figures of the test's own document."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from doc_builders import build_pdf, build_positioned_pdf

from sakip_analysis.read.extract import concat, extract_paths, extract_records
from sakip_analysis.read.readers.text_reader import parse_text
from sakip_analysis.review import check_tables
from sakip_analysis.review.registry import example_cover
from sakip_analysis.review.text import joined_lines

IKU_HEAD = ["Tabel 3.1", "Capaian Indikator Kinerja Utama", "",
            "Sasaran\tIndikator Kinerja\tTarget\tRealisasi\tCapaian (%)"]
BUDGET_HEAD = ["Tabel 3.6", "Program, Kegiatan, Anggaran dan Realisasi", "",
               "Program/Kegiatan\tIndikator\tTarget\tPagu Anggaran\tRealisasi\tProsentase"]


def _check_text(*body: str) -> pd.DataFrame:
    text = "\n".join([*example_cover(), *body]) + "\n"
    return check_tables(concat([extract_records(parse_text(text, Path("laporan.txt")))]))


def _rules(findings: pd.DataFrame) -> list[str]:
    return sorted(findings["rule"])


# --- printed lines glued back into sentences ---------------------------------------------------

def _lines(*rows: tuple[int, int, str]) -> pd.DataFrame:
    return pd.DataFrame([{"source_file": "a.pdf", "source_page": page, "source_line": line,
                          "text": text} for page, line, text in rows])


def test_full_width_lines_without_a_full_stop_go_on_to_the_next_line():
    wide = "x" * 70
    nar = _lines((1, 10, f"{wide} alokasi"), (1, 11, f"{wide} atau"), (1, 12, "83,48%. Output."),
                 (1, 13, f"{wide} selesai."), (1, 14, f"{wide} berikutnya"))
    out = joined_lines(nar)
    assert list(out["source_line"]) == [10, 13, 14]
    assert out["text"].iloc[0] == f"{wide} alokasi {wide} atau 83,48%. Output."
    # 13 ends with a full stop; 14 is the page's last line: both stay as they are.
    assert list(out["text"].iloc[1:]) == [f"{wide} selesai.", f"{wide} berikutnya"]


def test_short_lines_other_pages_and_gaps_end_the_paragraph():
    wide = "y" * 80
    nar = _lines((1, 1, "b) Anggaran APBN"), (1, 2, f"{wide}"), (2, 3, f"{wide} b"),
                 (2, 5, f"{wide} c"), (2, 6, "Rp 1.000 atau 95,92%"), (2, 7, f"{wide} d"))
    out = joined_lines(nar)
    # 1 is short (a heading); 2 → 3 crosses a page; 3 → 5 skips a line (a table between).
    assert list(out["source_line"]) == [1, 2, 3, 5, 7]
    assert out["text"].iloc[3] == f"{wide} c Rp 1.000 atau 95,92%"


def test_text_reports_keep_their_paragraphs():
    nar = pd.DataFrame([{"source_file": "a.txt", "source_page": None, "source_line": i,
                         "text": "z" * 90} for i in (1, 2)])
    assert joined_lines(nar)["text"].tolist() == ["z" * 90] * 2


def test_a_pdf_printing_one_line_per_paragraph_is_read_as_sentences(tmp_path):
    # 211.205.000 / 250.000.000 × 100 = 84,482 → 84,48, the text says 83,48.
    lines = ["20) Pelatihan Seni Budaya Tradisional Jawa Barat, dengan alokasi anggaran sebesar",
             "Rp250.000.000,00 dan realisasi anggaran s.d Triwulan IV (Bulan Desember) sebesar",
             "Rp211.205.000,00 atau 83,48%. Output kegiatan adalah meningkatkan apresiasi warga",
             "terhadap kesenian tradisional."]
    path = build_pdf(tmp_path / "lkip-dinas-contoh.pdf",
                     [("heading", "LAPORAN KINERJA DINAS CONTOH PROVINSI CONTOH TAHUN 2016"),
                      *[("paragraph", line) for line in lines]])
    result = extract_paths([path])
    assert not result.failed
    findings = check_tables(result.tables)
    hit = findings[findings["rule"] == "R605"]
    assert list(hit["reported"]) == ["83,48%"] and list(hit["expected"]) == ["84,48%"]


# --- rupiah closed by ',-' and truncated percentages -----------------------------------------

def test_serapan_after_a_rupiah_closed_by_comma_dash():
    # 32.931.467.320 / 34.438.482.000 × 100 = 95,624 → 95,62; the text says 98%.
    found = _check_text("Anggaran yang bersumber dari APBN berjumlah Rp 34.438.482.000,- dengan "
                        "realisasinya sebesar Rp. 32.931.467.320,- atau 98%, terdiri dari dua "
                        "kegiatan.")
    assert _rules(found) == ["R605"]
    assert found["expected"].iloc[0] == "95,62%" and found["severity"].iloc[0] == "error"
    # 96 % is the same figure rounded to no decimals: nothing to say.
    assert _check_text("Anggaran berjumlah Rp 34.438.482.000,- dengan realisasinya sebesar Rp. "
                       "32.931.467.320,- atau 96 % terdiri dari dua kegiatan.").empty


def test_a_sentence_percentage_that_holds_only_truncated_is_info():
    # 20.951.225.130 / 21.840.517.000 × 100 = 95,9282 → 95,93; 95,92 is truncated.
    found = _check_text("Kegiatan Distribusi dengan alokasi anggaran sebesar Rp. 21.840.517.000,- "
                        "realisasinya sebesar Rp. 20.951.225.130,- atau 95,92%.")
    assert _rules(found) == ["R610"]
    assert found["severity"].iloc[0] == "info" and found["expected"].iloc[0] == "95,93%"
    # 67,84 / 72,00 is 94,2222 % (94,210 … 94,238 with the rounding of both figures):
    # "94,22%" holds, "94,30%" is neither rounded nor truncated.
    assert _check_text("Nilai SAKIP dengan target 72,00 terealisasi 67,84 dengan capaian "
                       "94,22%.").empty
    assert _rules(_check_text("Nilai SAKIP dengan target 72,00 terealisasi 67,84 dengan "
                              "capaian 94,30%.")) == ["R602"]


# --- an average next to the figures it averages ----------------------------------------------

def test_an_average_against_the_figures_listed_beside_it():
    # (96,78 + 93,55 + 98,81 + 92,20) / 4 = 381,34 / 4 = 95,335; the text says 95,58.
    items = ("Realisasi anggaran untuk masing-masing misi yaitu: misi pertama terealisasi "
             "sebesar 96,78%; misi kedua terealisasi sebesar 93,55%; misi ketiga terealisasi "
             "sebesar 98,81%; dan misi keempat terealisasi sebesar 92,20%.")
    found = _check_text(f"Rata-rata realisasi anggaran misi adalah sebesar 95,58%. {items}")
    assert _rules(found) == ["R611"]
    assert found["expected"].iloc[0] == "95,34%" and found["severity"].iloc[0] == "error"
    # 95,34 is the mean (95,335 within the rounding of the four figures): nothing to say.
    assert _check_text(f"Rata-rata realisasi anggaran misi adalah sebesar 95,34%. {items}").empty
    # The list before the average works the same way.
    assert _rules(_check_text(f"{items} Rata-rata realisasi anggarannya sebesar 95,58%.")) == [
        "R611"]


def test_an_average_beside_figures_of_another_kind_is_left_alone():
    # Capaian figures listed next to an average of realisasi: not the same quantity.
    assert _check_text("Rata-rata realisasi anggaran misi adalah sebesar 95,58%. Capaian "
                       "masing-masing misi yaitu 96,78% dan 93,55%.").empty
    # No `masing-masing`: the figures need not be the ones averaged.
    assert _check_text("Rata-rata realisasi anggaran misi adalah sebesar 95,58%. Misi pertama "
                       "terealisasi 96,78% dan misi kedua terealisasi 93,55%.").empty


# --- counts and links -----------------------------------------------------------------------

def test_sasaran_are_counted_from_an_iku_table_with_a_sasaran_column():
    table = [*IKU_HEAD,
             "Meningkatnya Akuntabilitas\tNilai SAKIP\t72,00\t72,00\t100,00",
             "Meningkatnya Layanan Publik\tNilai IKPP\t7,70\t7,70\t100,00",
             "\tNilai PATEN\t85\t85\t100,00",
             "Meningkatnya Partisipasi\tJumlah desa aktif\t10\t10\t100,00", ""]
    # The table names three sasaran (the IKPP row's sasaran runs on into PATEN's row).
    found = _check_text(*table, "Terdapat 2 (dua) sasaran strategis yang diukur.")
    r702 = found[found["rule"] == "R702"]
    assert list(r702["reported"]) == ["2"] and list(r702["expected"]) == ["3"]
    assert _check_text(*table, "Terdapat 3 (tiga) sasaran strategis yang diukur.").empty


def test_a_budget_sentence_about_another_budget_is_not_tied_to_the_table():
    table = [*BUDGET_HEAD,
             "Program: Penunjang Urusan\tPersentase kinerja aparatur\t100%\t2.150.000.000\t"
             "1.930.000.000\t89,77",
             "JUMLAH\t\t\t2.150.000.000\t1.930.000.000\t89,77%", ""]
    # Neither figure is the table's (an APBN allocation): no R604.
    assert _check_text(*table, "Anggaran dana dekonsentrasi APBN sebesar Rp. 3.000.000.000 "
                       "dengan realisasi anggaran mencapai Rp. 2.900.000.000.").empty
    # The realisasi is the table's, the pagu is not: R604 (as before).
    found = _check_text(*table, "Kecamatan mendapatkan anggaran sebesar Rp. 2.250.000.000 "
                        "dengan realisasi anggaran mencapai Rp. 1.930.000.000.")
    assert list(found["rule"]) == ["R604"] and list(found["expected"]) == ["2.150.000.000"]


def test_reached_figures_and_sentences_over_several_indicators():
    table = [*IKU_HEAD,
             "Meningkatnya Layanan\tTingkat aksesibilitas informasi\t20,00\t19,99\t99,95",
             "\tTingkat layanan satu data\t90,00\t88,59\t98,43", ""]
    # `baru tercapai 19,99%` is what was reached, the row's realisasi.
    assert _check_text(*table, "Indikator Tingkat aksesibilitas informasi dari target 20% baru "
                       "tercapai 19,99%.").empty
    # Two targets and two capaian: the sentence is about two indicators, not linked to one.
    assert _check_text(*table, "Indikator Tingkat aksesibilitas informasi dari target 20% baru "
                       "tercapai 19,99% dan indikator lain dari target 90% tercapai 82%.").empty
    # One indicator named, its capaian misstated: still R601.
    found = _check_text(*table, "Indikator Tingkat aksesibilitas informasi dengan target 20,00 "
                        "terealisasi 19,99 dengan capaian 90,00%.")
    assert "R601" in set(found["rule"])


# --- formulas written out in the text --------------------------------------------------------

def test_a_formula_in_the_text_against_its_own_operands():
    # 30 / 2.849 × 100 = 1,053 → 1,05; the text says 0,01.
    found = _check_text("Persentase gangguan dalam setahun : 30 / 2.849 X 100% = 0,01%.")
    assert _rules(found) == ["R612"] and list(found["expected"]) == ["1,05%"]
    # `2,849` may be 2,849 or 2.849: the reading nearest the printed result is shown
    # (30 / 2,849 × 100 = 1.053 is further from 0,01 than 1,05).
    found = _check_text("Persentase gangguan dalam setahun : 30 / 2,849 X 100% = 0,01%.")
    assert list(found["expected"]) == ["1,05%"]
    # 126,68 / 77 × 100 = 164,519 → 164,52, the text says 165,00.
    found = _check_text("Sehingga capaian kinerjanya adalah 126,68/77 *100% = 165,00 dengan "
                        "kategori Sangat Baik.")
    assert _rules(found) == ["R612"] and list(found["expected"]) == ["164,52%"]


def test_formulas_that_hold_and_a_difference_over_its_base():
    # 1,6 / 1,37 × 100 = 116,788 → 116,79; 15,36 / 10 × 100 = 153,60.
    assert _check_text("Kinerja yang dicapai yaitu sebesar 1,6/1,37x100% = 116,79% dan "
                       "capaiannya 15,36/10*100 = 153,60%.").empty
    # (27.694.035.120.859 − 24.240.445.765.650) / 24.240.445.765.650 × 100 = 14,2472.
    base = "(27.694.035.120.859,00 − 24.240.445.765.650,00) / 24.240.445.765.650,00 × 100% ="
    assert _check_text(f"Kenaikan pendapatan = {base} 14,25%.").empty
    found = _check_text(f"Kenaikan pendapatan = {base} 15,36%.")
    assert _rules(found) == ["R612"] and list(found["expected"]) == ["14,25%"]
    # 4.224 / 307.120 × 100 = 1,3754: "1,37" holds only truncated.
    found = _check_text("Prosentase jam gangguan yaitu : 4.224 / 307.120 x 100% = 1,37 %.")
    assert _rules(found) == ["R610"] and list(found["severity"]) == ["info"]


def _stacked_fraction(tmp_path: Path, result: str, numerator: str = "1.250.000 - 1.000.000"
                      ) -> pd.DataFrame:
    """A fraction as an equation editor prints it: the difference over the bar, `=` and
    `X 100%` beside the bar, the denominator under it, the result on a line of its own."""
    lines = [[(20, "Kenaikan pendapatan dihitung sebagai berikut.")], [],
             [(40, numerator)], [(30, "="), (90, "X 100%")], [(45, "1.000.000")], [],
             [(30, f"=   {result}")]]
    path = build_positioned_pdf(tmp_path / "rumus.pdf", lines, pitch=4)
    return check_tables(extract_paths([path]).tables)


def test_a_fraction_typeset_over_lines_is_checked_on_its_result_line(tmp_path):
    # (1.250.000 − 1.000.000) / 1.000.000 × 100 = 25; printed 30 %.
    found = _stacked_fraction(tmp_path, "30%")
    assert _rules(found) == ["R612"]
    [row] = found.to_dict("records")
    assert (row["reported"], row["expected"]) == ("30%", "25,00%")
    assert row["line"] > row["related_lines"][0]  # on the result, pointing at the operands
    assert _stacked_fraction(tmp_path, "25%").empty
    # words over the bar: no formula to check
    assert _stacked_fraction(tmp_path, "30%", "Pendapatan 2016 - Pendapatan 2015").empty


def test_a_fraction_over_lines_in_a_text_export_is_checked():
    # pdftotext -layout gives the four pieces on four lines; (900 − 750) / 750 × 100 = 20.
    found = _check_text("", "Rumus :", "            900 - 750", "   =                  X 100%",
                        "               750", "   =      22,00%", "")
    assert _rules(found) == ["R612"] and list(found["expected"]) == ["20,00%"]


def test_a_division_inside_a_longer_expression_or_a_period_is_not_read_as_a_formula():
    assert _check_text("Nilai akhir dihitung 5 - 3 / 2 = 4 menurut pedoman.").empty
    assert _check_text("Jumlah kegiatan TA 2016/2017 = 5 kegiatan prioritas.").empty


def test_a_serapan_against_another_amount_of_the_same_sentence_holds():
    # 51.413.862.701 / 53.986.186.770 × 100 = 95,235 → 95,24 (the budget after the change);
    # against the budget before it, 50.091.826.058, it would be 102,64.
    assert _check_text(
        "Alokasi anggaran sebelum perubahan adalah sebesar Rp.50.091.826.058,- dan setelah "
        "perubahan sebesar Rp.53.986.186.770,- sedangkan realisasi anggaran adalah sebesar "
        "Rp.51.413.862.701 atau 95,24 %.").empty


def test_a_count_restated_as_a_percentage_is_not_held_against_a_percent_target():
    table = [*IKU_HEAD,
             "Meningkatnya Layanan\tProporsi ketersediaan standar pelayanan\t90\t90\t100,00",
             ""]
    # 29 standards are the 90 % of the target; the sentence's 29 is no target of 29.
    assert _check_text(*table, "Target Proporsi ketersediaan standar pelayanan yaitu sebanyak "
                       "29 Standar Pelayanan atau (90%) dapat direalisasikan sebanyak 29 Standar "
                       "Pelayanan sehingga tercapai sebesar 100%.").empty
