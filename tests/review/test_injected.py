# ruff: noqa: E501  (the clean report below is a document: its paragraphs are long lines)
"""A clean report in the reference's layout gives no error and no warning; each kind of
inconsistency, injected alone, is found with its family on the line it touched.

All figures of the clean report are computed by hand in the comments next to them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sakip_analysis.read.extract import concat, extract_paths
from sakip_analysis.review import RULES, check_tables

T = "\t"

CLEAN = f"""PEMERINTAH KABUPATEN JOMBANG
KECAMATAN SUKAMAJU

LKJIP

LAPORAN KINERJA INSTANSI PEMERINTAH

KECAMATAN SUKAMAJU

TAHUN 2024

BAB I

PENDAHULUAN

Selama Tahun 2024 melalui target pada Indikator Kinerja Utama yang harus dicapai, peran Kecamatan terlihat melalui Sasaran Strategis yakni Meningkatnya Kualitas Pelayanan, telah tercapai pencapaian kinerjanya dengan baik yakni 100,53%.

1. Mendorong upaya koordinasi dan sinkronisasi dengan berbagai instansi terkait dalam penetapan Target Indikator Kinerja Utama (IKU) yang masih belum sesuai pada Tahun 2024.

Dan sesuai dengan periodisasi Renstra yang dimulai pada Tahun 2024 untuk mencapai target akhir pada periode Renstra 2024-2026.

BAB II

PERENCANAAN KINERJA

Rencana kinerja tahun 2024 merupakan dokumen yang menyajikan sasaran beserta indikator kinerja dan target yang akan dicapai pada tahun 2024.

Tabel 2.1
Perjanjian Kinerja Tahun 2024

NO{T}SASARAN STRATEGIS{T}INDIKATOR KINERJA{T}TARGET
1.{T}Meningkatnya Akuntabilitas dan Kinerja Kecamatan{T}Nilai SAKIP Kecamatan Sukamaju{T}72,00
2.{T}Meningkatnya Kualitas Layanan Publik{T}Indeks Kualitas Pelayanan Publik (IKPP) Kecamatan Sukamaju{T}7,70

BAB III

AKUNTABILITAS KINERJA

Sehubungan hal tersebut, pada Tahun 2024, Kecamatan Sukamaju memiliki 2 (dua) sasaran strategis yang dijabarkan dalam 3 (tiga) Indikator Kinerja Utama (IKU).

Hasil pengukuran atas Indikator Kinerja Utama Kecamatan Sukamaju Tahun 2024 menunjukkan hasil sebagai berikut:

Tabel 3.1.1
Capaian Indikator Kinerja Utama
Kecamatan Sukamaju Tahun 2024

Sasaran{T}Indikator Kinerja{T}Target{T}Realisasi{T}Capaian (%)
Meningkatnya Akuntabilitas dan Kinerja Birokrasi{T}Nilai SAKIP{T}72,00{T}67,84{T}94,22
Meningkatnya Kualitas Layanan Publik{T}Nilai IKPP Kec Sukamaju{T}7,70{T}7,97{T}103,51
{T}Nilai PATEN Kec Sukamaju{T}85{T}88,28{T}103,86
Rata-rata capaian IKU{T}{T}{T}{T}100,53

Tabel 3.1.2
Analisis Pencapaian IKU
Tahun 2022, 2023 dan 2024

No{T}IKU{T}Satuan{T}Tahun 2022{T}{T}%{T}Tahun 2023{T}{T}%{T}Tahun 2024{T}{T}%
{T}{T}{T}Target{T}Realisasi{T}{T}Target{T}Realisasi{T}{T}Target{T}Realisasi{T}
1{T}Nilai SAKIP Kecamatan Sukamaju{T}Nilai{T}70,01{T}70,35{T}100,49{T}71,00{T}71,85{T}101,20{T}72,00{T}67,84{T}94,22
2{T}Nilai IKPP Kecamatan Sukamaju{T}Nilai{T}{T}{T}{T}7,00{T}7,63{T}109,00{T}7,70{T}7,97{T}103,51
3{T}Nilai PATEN Kecamatan Sukamaju{T}Nilai{T}80{T}84{T}105,00{T}85{T}97,25{T}114,41{T}85{T}88,28{T}103,86
Rata – Rata Capaian IKU{T}{T}{T}{T}{T}102,75{T}{T}{T}108,20{T}{T}{T}100,53

Pada tahun 2024 capaian Indikator Kinerja Utama (IKU) berdasarkan 3 (tiga) indikator yang pertama Nilai SAKIP masih belum memenuhi Target dari target yang ditetapkan 72,00 terealisasi 67,84 dengan Capaian 94,22%.

Untuk Indikator Kinerja Utama yang kedua yaitu nilai IKPP Kecamatan Sukamaju sudah memenuhi target yang ditetapkan yaitu sebesar 7,70 dimana terealisasi 7,97 dengan persentase capaian 103,51%.

Total Rata-rata Capaian 3 (tiga) IKU tersebut di tahun 2024 adalah 100,53%.

Tabel 3.1.4

Perbandingan Realisasi SAKIP, IKPP dan PATEN Kec. Sukamaju

Uraian{T}Realisasi Kec Sukamaju{T}Realisasi Kabupaten{T}Realisasi Propinsi{T}% Realisasi dg Propinsi
Nilai SAKIP{T}67,84{T}70,12{T}83,86{T}80,90%
Nilai IKPP{T}7,97{T}7,83{T}4,77{T}167,09%
Nilai PATEN{T}88,28{T}88,38{T}86,25{T}102,35%

Pada tahun 2024 Nilai SAKIP Kecamatan 67,84 sedangkan nilai SAKIP Kabupaten 70,12 dan Provinsi 83,86 dan tingkat capaian Nilai SAKIP Kec Sukamaju 80,90% dibandingkan dengan Provinsi Jawa timur. Untuk capaian nilai IKPP Kecamatan Sukamaju Tahun 2024 7,97 sedangkan Nilai IKPP rata rata Kabupaten Jombang sebesar 7,83 dengan selisih lebih sebesar 0,14 poin. Sedangkan dengan capaian IKPP Provinsi Jawa timur yaitu sebesar 4,77 terdapat selisih 3,2 Poin.

TABEL 3.2.1
PENCAPAIAN KINERJA DAN ANGGARAN
KECAMATAN SUKAMAJU TAHUN 2024

SASARAN, PROGRAM, KEGIATAN{T}INDIKATOR{T}KINERJA{T}{T}{T}ANGGARAN{T}{T}
{T}{T}TARGET{T}REALISASI{T}CAPAIAN{T}TARGET{T}REALISASI{T}CAPAIAN
Sasaran : Meningkatnya Akuntabilitas dan Kinerja Birokrasi{T}Nilai SAKIP{T}72,00{T}67,84{T}94,22{T}2.100.000.000{T}1.885.000.000{T}89,76%
Program: Penunjang Urusan Pemerintahan Daerah Kabupaten/ Kota{T}Persentase rata-rata capaian kinerja aparatur{T}100%{T}100%{T}100,00{T}2.100.000.000{T}1.885.000.000{T}89,76%
Kegiatan: Administrasi Keuangan Perangkat Daerah{T}Persentase Pemenuhan Administrasi Keuangan Perangkat Daerah{T}100%{T}100%{T}100,00{T}2.000.000.000{T}1.800.000.000{T}90,00%
Kegiatan: Administrasi Umum Perangkat Daerah{T}Persentase pemenuhan pelayanan administrasi perkantoran{T}100%{T}100%{T}100,00{T}100.000.000{T}85.000.000{T}85,00%
Sasaran : Meningkatnya Kualitas Layanan Publik{T}Nilai IKPP Kecamatan Sukamaju{T}7,70{T}7,97{T}103,51{T}50.000.000{T}45.000.000{T}90,00%
Program: Penyelenggaraan Pemerintahan dan Pelayanan Publik{T}Nilai Paten Kecamatan{T}85,00{T}88,28{T}103,86{T}50.000.000{T}45.000.000{T}90,00%
Kegiatan : Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan{T}Persentase pelayanan terpadu (PATEN) yang sesuai standar{T}100%{T}100%{T}100,00{T}50.000.000{T}45.000.000{T}90,00%
JUMLAH{T}{T}{T}{T}{T}2.150.000.000{T}1.930.000.000{T}89,77%

Tabel 3.2.2
Efisiensi Penggunaan Sumber Daya

NO{T}SASARAN, PROGRAM, KEGIATAN{T}INDIKATOR{T}% CAPAIAN KINERJA{T}% CAPAIAN ANGGARAN{T}TINGKAT EFISIENSI
1{T}Sasaran : Meningkatnya Akuntabilitas dan Kinerja Birokrasi{T}Nilai SAKIP{T}94,22%{T}89,76%{T}4,46%
2{T}Program: Penunjang Urusan Pemerintahan Daerah Kabupaten/ Kota{T}Persentase rata-rata capaian kinerja aparatur{T}100,00%{T}89,76%{T}10,24%
3{T}Kegiatan: Administrasi Keuangan Perangkat Daerah{T}Persentase Pemenuhan Administrasi Keuangan Perangkat Daerah{T}100,00%{T}90,00%{T}10,00%
4{T}Kegiatan: Administrasi Umum Perangkat Daerah{T}Persentase pemenuhan pelayanan administrasi perkantoran{T}100,00%{T}85,00%{T}15,00%
5{T}Sasaran : Meningkatnya Kualitas Layanan Publik{T}Nilai IKPP Kecamatan Sukamaju{T}103,51%{T}90,00%{T}13,51%
6{T}Program: Penyelenggaraan Pemerintahan dan Pelayanan Publik{T}Nilai Paten Kecamatan{T}103,86%{T}90,00%{T}13,86%
7{T}Kegiatan : Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan{T}Persentase pelayanan terpadu (PATEN) yang sesuai standar{T}100,00%{T}90,00%{T}10,00%

Tabel 4.9
Program, Kegiatan, Anggaran Tahun 2024

Program/Kegiatan{T}Indikator{T}Target{T}Pagu Anggaran{T}Realisasi{T}Prosentase
Program: Penunjang Urusan Pemerintahan Daerah Kabupaten/kota{T}Persentase rata-rata capaian kinerja aparatur{T}100%{T}2.100.000.000{T}1.885.000.000{T}89,76
Kegiatan: Administrasi Keuangan Perangkat Daerah{T}Persentase Pemenuhan Administrasi Keuangan Perangkat Daerah{T}100%{T}2.000.000.000{T}1.800.000.000{T}90,00
Kegiatan: Administrasi Umum Perangkat Daerah{T}Persentase pemenuhan pelayanan administrasi perkantoran{T}100%{T}100.000.000{T}85.000.000{T}85,00
Program: Penyelenggaraan Pemerintahan dan Pelayanan Publik{T}Nilai Paten Kecamatan{T}85,00{T}50.000.000{T}45.000.000{T}90,00
Kegiatan : Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan{T}Persentase pelayanan terpadu (PATEN) yang sesuai standar{T}100%{T}50.000.000{T}45.000.000{T}90,00
JUMLAH{T}{T}{T}2.150.000.000{T}1.930.000.000{T}89,77%

Sebagaimana tercantum dalam Rencana Kinerja Tahunan Kecamatan Sukamaju Tahun 2024, bahwa untuk mencapai sasaran ditetapkan 2 (dua) indikator kinerja yang dalam pelaksanaannya didukung oleh 2 Program dan 3 kegiatan.

Pada tahun 2024 ini Kecamatan Sukamaju mendapatkan anggaran sebesar Rp. 2.150.000.000 dengan realisasi anggaran mencapai Rp. 1.930.000.000 atau serapan dana APBD mencapai 89,77% sehingga dapat diketahui pada tahun 2024 kondisi anggaran silpa.

Untuk sub kegiatan administrasi umum terdapat silpa anggaran. Sehingga terjadi silpa sebesar Rp. 15.000.000 atau capaian serapan anggaranya hanya 85,00%.

Per Kegiatan sudah memenuhi target dari penyerapan anggaran kinerja sebesar 89,77% telah menghasilkan kinerja yang telah mencapai target capaian sebesar 100,53% jadi terdapat efisiensi anggaran sebesar 10,76%.

3.3 Upaya Perbaikan Kinerja

No{T}Komponen{T}Bobot{T}Nilai Hasil Evaluasi
a{T}Perencanaan Kinerja{T}30 %{T}25,34
b{T}Pengukuran Kinerja{T}30 %{T}23,40
c{T}Pelaporan Kinerja{T}15 %{T}6,91
d{T}Evaluasi Kinerja{T}25%{T}16,44
Hasil Evaluasi Akuntabilitas Kinerja{T}{T}{T}72,09

BAB IV

PENUTUP

Selama Tahun 2024 melalui target pada Indikator Kinerja Utama yang harus dicapai, peran Kecamatan terlihat melalui Sasaran Strategis yakni Meningkatnya Kualitas Pelayanan, Telah tercapai pencapaian kinerjanya dengan baik yakni 100,53%.

3. Mendorong upaya koordinasi dan sinkronisasi dengan berbagai instansi terkait dalam penetapan Target Indikator Kinerja Utama (IKU) yang masih belum sesuai pada Tahun 2024.
"""
# Hand computations of the clean figures:
#   IKU capaian: 67,84/72 = 94,222 → 94,22; 7,97/7,70 = 103,506 → 103,51; 88,28/85 = 103,859
#   → 103,86; their mean (94,22+103,51+103,86)/3 = 100,53. Multi-year 2022: 70,35/70,01 =
#   100,486 → 100,49; 84/80 = 105,00; mean 102,745 → 102,75. 2023: 71,85/71 = 101,197 →
#   101,20; 7,63/7 = 109,00; 97,25/85 = 114,412 → 114,41; mean 108,203 → 108,20.
#   Comparison: 67,84/83,86 = 80,897 → 80,90; 7,97/4,77 = 167,086 → 167,09; 88,28/86,25 =
#   102,354 → 102,35; 7,97−7,83 = 0,14; 7,97−4,77 = 3,20 → "3,2".
#   Budget: 2.000.000.000 + 100.000.000 = 2.100.000.000 (realisasi 1.800.000.000 + 85.000.000
#   = 1.885.000.000, 89,762 → 89,76); + 50.000.000 = 2.150.000.000 (1.930.000.000, 89,767 →
#   89,77); 1.800/2.000 = 90,00; 85/100 = 85,00; 45/50 = 90,00; silpa 100.000.000 −
#   85.000.000 = 15.000.000. Efisiensi = kinerja − anggaran: 94,22−89,76 = 4,46; 100−89,76 =
#   10,24; 100−90 = 10; 100−85 = 15; 103,51−90 = 13,51; 103,86−90 = 13,86; and in the text
#   100,53−89,77 = 10,76. SAKIP: 25,34+23,40+6,91+16,44 = 72,09, each under its weight.

INJECTIONS = [
    # (id, text to replace (unique), replacement, family expected on the touched line)
    ("capaian", f"7,70{T}7,97{T}103,51\n{T}Nilai PATEN Kec", f"7,70{T}7,97{T}105,51\n{T}Nilai PATEN Kec",
     "ratio"),
    ("serapan", f"85.000.000{T}85,00\n", f"85.000.000{T}88,00\n", "ratio"),
    ("benchmark-percent", f"83,86{T}80,90%", f"83,86{T}85,96%", "ratio"),
    ("efisiensi", f"85,00%{T}15,00%", f"85,00%{T}16,00%", "difference"),
    ("sum-program", f"Kabupaten/kota{T}Persentase rata-rata capaian kinerja aparatur{T}100%{T}"
     f"2.100.000.000{T}1.885.000.000{T}89,76",
     f"Kabupaten/kota{T}Persentase rata-rata capaian kinerja aparatur{T}100%{T}"
     f"2.200.000.000{T}1.885.000.000{T}85,68", "sum"),
    ("sum-total", f"JUMLAH{T}{T}{T}2.150.000.000{T}1.930.000.000{T}89,77%",
     f"JUMLAH{T}{T}{T}2.250.000.000{T}1.930.000.000{T}85,78%", "sum"),
    ("sakip-total", f"Kinerja{T}{T}{T}72,09", f"Kinerja{T}{T}{T}73,09", "sum"),
    ("sakip-weight", f"15 %{T}6,91", f"15 %{T}16,91", "sum"),
    ("average", f"103,86\nRata-rata capaian IKU{T}{T}{T}{T}100,53",
     f"103,86\nRata-rata capaian IKU{T}{T}{T}{T}101,53", "average"),
    ("average-outside", f"{T}108,20{T}", f"{T}89,21{T}", "average"),
    ("cross-table-indicator", f"Nilai SAKIP{T}72,00{T}67,84{T}94,22{T}2.100",
     f"Nilai SAKIP{T}72,00{T}68,84{T}95,61{T}2.100", "cross-table"),
    ("cross-table-budget", f"standar{T}100%{T}50.000.000{T}45.000.000{T}90,00\nJUMLAH",
     f"standar{T}100%{T}55.000.000{T}45.000.000{T}81,82\nJUMLAH", "cross-table"),
    ("efficiency-vs-budget", f"100,00%{T}90,00%{T}10,00%\n4",
     f"100,00%{T}91,00%{T}9,00%\n4", "cross-table"),
    ("narrative-target", "sebesar 7,70 dimana", "sebesar 6 dimana", "narrative"),
    ("narrative-capaian", "persentase capaian 103,51%.", "persentase capaian 132%.",
     "narrative"),
    ("narrative-iku-average", "IKU tersebut di tahun 2024 adalah 100,53%.",
     "IKU tersebut di tahun 2024 adalah 104%.", "narrative"),
    ("narrative-budget-total", "anggaran sebesar Rp. 2.150.000.000",
     "anggaran sebesar Rp. 2.250.000.000", "narrative"),
    ("narrative-serapan", "APBD mencapai 89,77%", "APBD mencapai 91,77%", "narrative"),
    ("narrative-silpa", "anggaranya hanya 85,00%", "anggaranya hanya 87,00%", "narrative"),
    ("narrative-kabupaten", "Kabupaten 70,12 dan", "Kabupaten 72,70 dan", "narrative"),
    ("narrative-percent", "Sukamaju 80,90% dibandingkan", "Sukamaju 93,31% dibandingkan",
     "narrative"),
    ("narrative-repeated", "dengan baik yakni 100,53%.\n\n1.", "dengan baik yakni 98,58%.\n\n1.",
     "narrative"),
    ("difference-selisih", "selisih lebih sebesar 0,14 poin", "selisih lebih sebesar 0,41 poin",
     "difference"),
    ("difference-efisiensi", "efisiensi anggaran sebesar 10,76%",
     "efisiensi anggaran sebesar 10,88%", "difference"),
    ("count-word", "dalam 3 (tiga) Indikator", "dalam 3 (dua) Indikator", "counts"),
    ("count-rows", "2 Program dan 3 kegiatan", "2 Program dan 4 kegiatan", "counts"),
    ("year-own-period", "akan dicapai pada tahun 2024.", "akan dicapai pada tahun 2023.", "time"),
    ("year-memiliki", "pada Tahun 2024, Kecamatan Sukamaju memiliki",
     "pada Tahun 2023, Kecamatan Sukamaju memiliki", "time"),
    ("year-intro", "Sukamaju Tahun 2024 menunjukkan", "Sukamaju Tahun 2023 menunjukkan", "time"),
    ("year-period", "Renstra 2024-2026.", "Renstra 2024-2024.", "time"),
    ("year-table-title", "Anggaran Tahun 2024", "Anggaran Tahun 2023", "time"),
    ("year-repeated", "belum sesuai pada Tahun 2024.\n\nDan", "belum sesuai pada Tahun 2023.\n\nDan",
     "time"),
    ("year-table-header", f"%{T}Tahun 2024{T}{T}%", f"%{T}Tahun 2023{T}{T}%", "time"),
    ("table-number", "Tabel 3.1.4\n", "Tabel 3.1.2\n", "structure"),
]


def _write(tmp_path: Path, text: str, name: str = "sukamaju-2024.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


CAPTION_LINE = {"year-table-title": "Tabel 4.9\n", "year-table-header": "Tabel 3.1.2\n"}
"""Findings about a table's title or header point at the table's caption line (title and
header have no line of their own in the tidy tables)."""


def _check(path: Path, family: str | None = None):
    result = extract_paths([path])
    assert not result.failed, result.failed
    rules = None if family is None else [r.id for r in RULES if r.family == family]
    return check_tables(result.tables, rules=rules)


def _serious(findings):
    return findings[findings["severity"].isin(["warning", "error"])]


def test_clean_report_gives_no_error_and_no_warning(tmp_path):
    findings = _check(_write(tmp_path, CLEAN))
    assert _serious(findings).empty, findings[["rule", "line", "message"]].to_string()


def test_clean_report_is_read_in_full(tmp_path):
    """The checks only mean something if the report's tables were all recognised."""
    result = extract_paths([_write(tmp_path, CLEAN)])
    kinds = set(result.tables["tables"]["table_kind"])
    assert kinds >= {"perjanjian_kinerja", "iku", "multi_year", "benchmark", "kinerja_anggaran",
                     "efficiency", "budget", "sakip_components"}


@pytest.mark.parametrize(("name", "old", "new", "family"), INJECTIONS,
                         ids=[i[0] for i in INJECTIONS])
def test_injected_inconsistency_is_found_on_its_line(tmp_path, name, old, new, family):
    assert CLEAN.count(old) == 1, f"{name}: the text to replace must be unique"
    text = CLEAN.replace(old, new)
    start = CLEAN.index(old)
    first_changed = start + next(i for i, (a, b) in enumerate(zip(old, new, strict=False))
                                 if a != b)
    line = text.count("\n", 0, first_changed) + 1
    if name in CAPTION_LINE:
        line = text.count("\n", 0, text.index(CAPTION_LINE[name])) + 1
    findings = _check(_write(tmp_path, text), family)
    on_line = findings[(findings["line"] == line) & (findings["family"] == family)]
    assert not on_line.empty, (
        f"{name}: no {family} finding on line {line}\n"
        + findings[["rule", "family", "line", "message"]].to_string())


def _previous_year_report() -> str:
    """Last year's report: its own IKU table for 2023, as the 2024 multi-year table repeats."""
    return f"""PEMERINTAH KABUPATEN JOMBANG
KECAMATAN SUKAMAJU

LAPORAN KINERJA INSTANSI PEMERINTAH

TAHUN 2023

Tabel 3.1.1
Capaian Indikator Kinerja Utama
Kecamatan Sukamaju Tahun 2023

Sasaran{T}Indikator Kinerja{T}Target{T}Realisasi{T}Capaian (%)
Meningkatnya Akuntabilitas dan Kinerja Birokrasi{T}Nilai SAKIP{T}71,00{T}71,85{T}101,20
Meningkatnya Kualitas Layanan Publik{T}Nilai IKPP Kec Sukamaju{T}7,00{T}7,63{T}109,00
{T}Nilai PATEN Kec Sukamaju{T}85{T}97,25{T}114,41
"""


def test_across_reports_agree_when_last_year_matches(tmp_path):
    result = extract_paths([_write(tmp_path, CLEAN), _write(tmp_path, _previous_year_report(),
                                                            "sukamaju-2023.txt")])
    findings = check_tables(result.tables)
    assert findings[findings["family"] == "across-reports"].empty
    assert _serious(findings).empty


@pytest.mark.parametrize("as_previous", [False, True], ids=["same-batch", "previous-argument"])
def test_across_reports_finds_a_changed_past_value(tmp_path, as_previous):
    # This year's multi-year table says SAKIP 2023: 71,85 → 101,20%; last year's own report
    # says 72,85 → 72,85/71 = 102,605 → 102,61%. Both the realisasi and the capaian differ.
    old = _write(tmp_path, _previous_year_report().replace(f"71,00{T}71,85{T}101,20",
                                                           f"71,00{T}72,85{T}102,61"),
                 "sukamaju-2023.txt")
    new = _write(tmp_path, CLEAN)
    line = CLEAN[:CLEAN.index(f"71,00{T}71,85")].count("\n") + 1
    if as_previous:
        previous = extract_paths([old]).tables
        findings = check_tables(extract_paths([new]).tables, previous=previous)
    else:
        findings = check_tables(concat([extract_paths([old]).tables,
                                        extract_paths([new]).tables]))
    across = findings[findings["family"] == "across-reports"]
    assert set(across["line"]) == {line}
    assert sorted(zip(across["reported"], across["expected"], strict=True)) == [
        ("101,20", "102,61"), ("71,85", "72,85")]
    assert (across["severity"] == "warning").all()
