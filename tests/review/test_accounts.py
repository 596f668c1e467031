"""Budget tables whose levels are only account codes (R311): a coded row against its own
children one segment deeper, each JUMLAH against the top-level codes since the previous
JUMLAH. Figures computed by hand from the test's own table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sakip_analysis.read.extract import concat, extract_records
from sakip_analysis.read.readers.text_reader import parse_text
from sakip_analysis.review import check_tables
from sakip_analysis.review.registry import example_cover

HEAD = ["Ringkasan Realisasi Anggaran Tahun 2024", "",
        "No.\tURAIAN\t\tAnggaran Setelah Perubahan\tRealisasi"]


def _tables(*rows: str) -> dict[str, pd.DataFrame]:
    text = "\n".join([*example_cover(), *HEAD, *rows]) + "\n"
    return concat([extract_records(parse_text(text, Path("laporan.txt")))])


def _sums(*rows: str) -> pd.DataFrame:
    found = check_tables(_tables(*rows))
    return found[found["family"] == "sum"]


PENDAPATAN = ["1.1\tPENDAPATAN ASLI DAERAH\t\t30.000\t35.000",
              "1.1.1\tPendapatan Pajak Daerah\t\t\t",
              "1.1.2\tPendapatan Retribusi Daerah\t\t30.000\t35.000",
              "\t\tJUMLAH\t30.000\t35.000"]
BELANJA = ["2\tBELANJA\t\t\t",
           "2.1\tBELANJA TIDAK LANGSUNG\t\t800.000\t700.000",
           "2.1.1\tBelanja Pegawai\t\t800.000\t700.000",
           "2.2\tBELANJA LANGSUNG\t\t500.000\t470.000",
           "2.2.1\tBelanja Pegawai\t\t100.000\t100.000",
           "2.2.3\tBelanja Modal\t\t400.000\t370.000",
           "2.2.3.1\tBelanja Tanah\t\t\t",
           "2.2.3.2\tBelanja Peralatan dan Mesin\t\t150.000\t150.000",
           "2.2.3.3\tBelanja Gedung dan Bangunan\t\t250.000\t200.000"]


def test_a_jumlah_alone_in_a_cell_right_of_the_label_is_a_total_row():
    ind = _tables(*PENDAPATAN)["budget"]
    assert list(ind["level"]) == ["kegiatan", "kegiatan", "total"]
    # The empty 1.1.1 keeps no figures of the JUMLAH below it.
    assert list(ind["code"].iloc[:2]) == ["1.1", "1.1.2"]


def test_account_codes_add_up_level_by_level_and_each_jumlah_over_its_own_part():
    # 2.2.3: 150.000 + 250.000 = 400.000 ✓ pagu; 150.000 + 200.000 = 350.000 ≠ 370.000.
    # 2.2: 100.000 + 400.000 = 500.000 ✓; 100.000 + 370.000 = 470.000 ✓ (its own children,
    # not 2.2.3's). JUMLAH: 800.000 + 500.000 = 1.300.000 ≠ 1.330.000; 700.000 + 470.000
    # = 1.170.000 ✓. The pendapatan JUMLAH (30.000 / 35.000 = 1.1) holds.
    found = _sums(*PENDAPATAN, *BELANJA, "\t\tJUMLAH\t1.330.000\t1.170.000")
    assert sorted(zip(found["rule"], found["reported"], found["expected"], strict=True)) == [
        ("R311", "1.330.000", "1.300.000"), ("R311", "370.000", "350.000")]
    assert set(found["severity"]) == {"error"}


def test_consistent_account_tables_raise_nothing():
    rows = [r.replace("\t370.000", "\t350.000").replace("\t470.000", "\t450.000")
            for r in BELANJA]
    # 2.2.3 realisasi 350.000 = 150.000 + 200.000; 2.2 450.000 = 100.000 + 350.000; JUMLAH
    # 1.300.000 = 800.000 + 500.000 and 1.150.000 = 700.000 + 450.000.
    assert _sums(*PENDAPATAN, *rows, "\t\tJUMLAH\t1.300.000\t1.150.000").empty
