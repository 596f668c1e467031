"""The instansi a report is about, read from covers as Indonesian reports print them: the
unit, its region and the year each on a line of their own, or the region printed above the
unit (`PEMERINTAH PROVINSI …`). Expected values typed from the cover lines."""

from __future__ import annotations

import pytest

from sakip_analysis.read.extract import extract_paths
from sakip_analysis.read.identity import read_identity

COVERS = [
    (["LAPORAN KINERJA INSTANSI PEMERINTAH", "(LKjIP)", "INSPEKTORAT KABUPATEN BANYUWANGI",
      "TAHUN 2023"],
     ("inspektorat", "Inspektorat", "kabupaten", "Banyuwangi", 2023)),
    (["LAPORAN KINERJA", "BIRO ORGANISASI", "SEKRETARIAT DAERAH PROVINSI JAWA TIMUR",
      "TAHUN 2022"],
     ("biro", "Biro Organisasi Sekretariat Daerah", "provinsi", "Jawa Timur", 2022)),
    (["LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN 2023",
      "RUMAH SAKIT UMUM DAERAH KABUPATEN SIDOARJO"],
     ("rumah sakit", "Rumah Sakit Umum Daerah", "kabupaten", "Sidoarjo", 2023)),
    (["LKjIP", "DINAS KESEHATAN KOTA SURABAYA", "TAHUN ANGGARAN 2022"],
     ("dinas", "Dinas Kesehatan", "kota", "Surabaya", 2022)),
    (["LAPORAN KINERJA TAHUN 2021", "BADAN PENANGGULANGAN BENCANA DAERAH", "KABUPATEN BOYOLALI"],
     ("badan", "Badan Penanggulangan Bencana Daerah", "kabupaten", "Boyolali", 2021)),
    (["LAPORAN KINERJA", "SEKRETARIAT DPRD", "KABUPATEN MALANG", "2023"],
     ("sekretariat", "Sekretariat DPRD", "kabupaten", "Malang", 2023)),
    (["LAKIP", "BADAN PENDAPATAN DAERAH", "PROVINSI JAWA BARAT", "2016"],
     ("badan", "Badan Pendapatan Daerah", "provinsi", "Jawa Barat", 2016)),
    (["PEMERINTAH PROVINSI JAWA BARAT", "", "LAPORAN KINERJA", "DINAS PETERNAKAN", "",
      "TAHUN 2016"],
     ("dinas", "Dinas Peternakan", "provinsi", "Jawa Barat", 2016)),
    (["LAPORAN AKUNTABILITAS KINERJA", "KANTOR KESATUAN BANGSA DAN POLITIK",
      "KABUPATEN GARUT", "TAHUN 2015"],
     ("kantor", "Kantor Kesatuan Bangsa dan Politik", "kabupaten", "Garut", 2015)),
]


@pytest.mark.parametrize(("cover", "expected"), COVERS,
                         ids=[c[1][1].split()[0] + str(c[1][4]) for c in COVERS])
def test_a_cover_on_separate_lines_gives_unit_region_and_year(cover, expected):
    found = read_identity(cover)
    assert (found.unit_kind, found.name, found.region_kind, found.region,
            found.year) == expected
    assert found.where == "halaman judul"


def test_a_law_cited_on_the_first_page_does_not_set_the_year():
    """A report without a cover, opening with the laws it follows: the year comes from the
    unit's own line, not from `Tahun 1999` of a law."""
    found = read_identity([
        "Berdasarkan Undang-Undang Nomor 22 Tahun 1999 tentang Pemerintahan Daerah,",
        "Dinas Pariwisata dan Kebudayaan Provinsi Jawa Barat Tahun 2016 menyusun laporan ini."])
    assert (found.name, found.year) == ("Dinas Pariwisata dan Kebudayaan", 2016)


def test_the_tidy_tables_carry_the_cover_identity(tmp_path):
    report = tmp_path / "lkjip-dinkes.txt"
    report.write_text("\n".join([
        "LAPORAN KINERJA INSTANSI PEMERINTAH", "", "DINAS KESEHATAN", "", "KABUPATEN BANYUWANGI",
        "", "TAHUN 2023", "", "Tabel 3.1", "Capaian Indikator Kinerja Utama", "",
        "No\tIndikator Kinerja\tSatuan\tTarget\tRealisasi\tCapaian (%)",
        "1\tAngka kematian ibu\tper 100.000 KH\t80\t76\t105,00", ""]), encoding="utf-8")
    result = extract_paths([report])
    row = result.tables["indicators"].iloc[0]
    assert (row["unit_kind"], row["kecamatan"], row["region_kind"], row["region"],
            row["year"]) == ("dinas", "Dinas Kesehatan", "kabupaten", "Banyuwangi", 2023)
    assert not any("identitas laporan tidak terbaca" in w for w in result.warnings)
