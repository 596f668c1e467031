"""Totals of tables no kind fits (R310, R404): a `Jumlah` row against the column sums of the
rows above it, a `Rata-rata` row against their mean, and the layouts where a flat sum means
nothing. Every figure is computed by hand from the test's own table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sakip_analysis.read.extract import concat, extract_records
from sakip_analysis.read.readers.text_reader import parse_text
from sakip_analysis.review import check_tables
from sakip_analysis.review.registry import example_cover

HEAD = ["Tabel 3.8", "Kegiatan Sinergitas Pendapatan", "",
        "No\tKegiatan\tTarget OPD\tRealisasi OPD\tCapaian"]
ROWS = ["1.\tRapat Identifikasi\t54\t48\t88,89",
        "2.\tRakor Pajak Rokok\t27\t24\t88,89",
        "3.\tRekonsiliasi PAD\t27\t27\t100,00"]


def _check(*body: str) -> pd.DataFrame:
    text = "\n".join([*example_cover(), *body]) + "\n"
    found = check_tables(concat([extract_records(parse_text(text, Path("laporan.txt")))]))
    return found[found["rule"].isin(["R310", "R404"])]


def test_a_total_row_against_each_column():
    # 54 + 27 + 27 = 108 (printed 110); 48 + 24 + 27 = 99 ✓; 88,89 + 88,89 + 100,00 = 277,78 ✓.
    found = _check(*HEAD, *ROWS, "\tJumlah\t110\t99\t277,78")
    assert list(found["rule"]) == ["R310"]
    assert list(found["reported"]) == ["110"] and list(found["expected"]) == ["108"]
    assert "target opd" in found["message"].iloc[0].lower()
    assert found["severity"].iloc[0] == "error"


def test_an_average_row_after_the_total_averages_the_same_rows():
    # (88,89 + 88,89 + 100,00) / 3 = 92,593 → 92,59 (92,588 … 92,598 with the rounding of the
    # three figures); printed 92,70.
    found = _check(*HEAD, *ROWS, "\tJumlah\t108\t99\t277,78", "\tRata-rata Capaian\t\t\t92,70")
    assert list(found["rule"]) == ["R404"] and list(found["expected"]) == ["92,59"]
    assert _check(*HEAD, *ROWS, "\tJumlah\t108\t99\t277,78",
                  "\tRata-rata Capaian\t\t\t92,59").empty


def test_a_total_that_is_a_ratio_of_the_totals_is_not_a_sum():
    # % of the Jumlah row: 99 / 108 × 100 = 91,67, below the 100,00 of row 3: not their sum.
    assert _check(*HEAD, *ROWS, "\tJumlah\t108\t99\t91,67").empty


def test_an_indicator_named_jumlah_is_no_total_row():
    # `Jumlah Wajib Retribusi` is an indicator of its own.
    assert _check(*HEAD, *ROWS, "4.\tJumlah Wajib Retribusi\t125\t130\t104,00").empty


def test_a_blank_or_a_word_in_a_column_leaves_it_unchecked():
    rows = [*ROWS[:2], "3.\tRekonsiliasi PAD\t27\tBelum diukur\t"]
    # Target 54 + 27 + 27 = 108 is checked (printed 110); realisasi and capaian are not.
    found = _check(*HEAD, *rows, "\tJumlah\t110\t80\t150,00")
    assert list(found["reported"]) == ["110"]


def test_hierarchies_and_tables_continued_from_an_earlier_page_are_left_alone():
    coded = ["No\tRekening\tSemester I\tSemester II",
             "1\t2.2 Belanja Langsung\t100\t90",
             "2\t2.2.1 Belanja Pegawai\t60\t50",
             "3\t2.2.1.1 Honorarium\t60\t50"]
    assert _check("Tabel 3.9", "Ringkasan", "", *coded, "\tJumlah\t500\t400").empty
    continued = [f"{n}.{line.split('.', 1)[1]}" for n, line in zip((28, 29, 30), ROWS,
                                                                    strict=True)]
    assert _check(*HEAD, *continued, "\tJumlah\t500\t400\t277,78").empty


# --- R106: the capaian of each row, from the pair of columns the table computes it from -------

PAIRS = ["Tabel 3.8", "Kegiatan Sinergitas Pendapatan", "",
         "No\tKegiatan\tTarget Kegiatan\tRealisasi Kegiatan\tTarget OPD\tRealisasi OPD\tCapaian"]
PAIR_ROWS = ["1.\tRapat Identifikasi\t1\t1\t54\t48\t88,89",  # 48 / 54 = 88,89
             "2.\tRakor PBBKB\t1\t1\t27\t24\t88,89",  # 24 / 27 = 88,89
             "3.\tRapat Teknis\t3\t3\t27\t24\t88,89",
             "4.\tRakor Lifting Migas\t4\t1\t27\t27\t100,00"]  # 27 / 27 = 100 (not 1 / 4)


def _row_capaian(*body: str) -> pd.DataFrame:
    text = "\n".join([*example_cover(), *body]) + "\n"
    found = check_tables(concat([extract_records(parse_text(text, Path("laporan.txt")))]))
    return found[found["rule"] == "R106"]


def test_a_row_capaian_follows_the_pair_that_gives_the_others():
    # The OPD pair gives the capaian of rows 1-4 (the Kegiatan pair gives 100, 100, 100, 25),
    # so row 5's 100,00 is held to 22 / 27 × 100 = 81,48. The Jumlah row (numbered, as some
    # tables number it) sums the capaian column (3 × 88,89 + 2 × 100 = 466,67): no row capaian.
    found = _row_capaian(*PAIRS, *PAIR_ROWS, "5.\tRekonsiliasi PAD\t4\t4\t27\t22\t100,00",
                         "6.\tJumlah\t10\t10\t162\t143\t466,67")
    assert list(zip(found["reported"], found["expected"], strict=True)) == [
        ("100,00", "81,48%")]
    message = found["message"].iloc[0]
    assert "Rekonsiliasi PAD" in message and "22 / 27 × 100 = 81,48%" in message
    assert found["severity"].iloc[0] == "error"


def test_no_row_capaian_is_judged_when_no_pair_gives_most_rows():
    # 48 / 54 = 88,89 only in row 1; rows 2-3 fit neither pair: which columns the capaian
    # comes from is not shown, so nothing is said.
    rows = [PAIR_ROWS[0], "2.\tRakor PBBKB\t1\t1\t27\t24\t70,00",
            "3.\tRapat Teknis\t3\t3\t27\t24\t75,00", "4.\tRekonsiliasi PAD\t4\t4\t27\t22\t60,00"]
    assert _row_capaian(*PAIRS, *rows).empty
    # Fewer than three rows to judge the pair on: nothing is said either.
    assert _row_capaian(*PAIRS, *PAIR_ROWS[:1], "2.\tRekonsiliasi PAD\t4\t4\t27\t22\t100,00").empty
