"""A `Rata-rata` row of an IKU table: its figure is the one in the capaian column, even when
the table prints another average further right (of a column the checker does not average)."""

from __future__ import annotations

from pathlib import Path

from sakip_analysis.read.extract import extract_document
from sakip_analysis.read.readers.text_reader import parse_text
from sakip_analysis.review import check_tables
from sakip_analysis.review.registry import example_cover

TABLE = ["Tabel 8", "Evaluasi Indikator Kinerja", "",
         "No\tSasaran\tIndikator\tTarget\tRealisasi\t% Realisasi\tTarget Akhir Renstra\t"
         "Capaian terhadap Target Akhir Renstra",
         "1\tMeningkatnya Layanan\tNilai IKM\t80,00\t82,00\t102,50\t90,00\t91,11",
         "2\tMeningkatnya Akuntabilitas\tNilai SAKIP\t80,00\t76,00\t95,00\t85,00\t89,41"]


def _tables(last_row: str):
    text = "\n".join([*example_cover(), *TABLE, last_row]) + "\n"
    return extract_document(parse_text(text, Path("laporan.txt")))


def test_the_average_of_the_capaian_column_is_read_from_that_column():
    # (102,50 + 95,00) / 2 = 98,75 in % Realisasi; (91,11 + 89,41) / 2 = 90,26 further right.
    tables = _tables("RATA-RATA :\t\t\t\t\t98,75%\t\t90,26")
    ind = tables["indicators"]
    average = ind[ind["level"] == "rata-rata"]
    assert list(average["capaian_reported_raw"]) == ["98,75%"]
    assert check_tables(tables).query("family == 'average'").empty


def test_an_average_printed_only_at_the_row_end_is_still_read():
    tables = _tables("Rata-rata capaian\t\t\t\t\t\t\t98,75")
    ind = tables["indicators"]
    assert list(ind.loc[ind["level"] == "rata-rata", "capaian_reported_raw"]) == ["98,75"]
