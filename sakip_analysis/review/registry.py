# ruff: noqa: E501  (the examples are lines of a report: tables are long, tab-separated lines)
"""The one list of rules: id, name, family, severity, an Indonesian description and a minimal
example report for each, declared here and nowhere else.

A rule family is computed by one function over every report at once (the arithmetic is
shared between a rule and its truncation twin); the family modules ask this registry for the
ids they emit by the rules' names (`rule_ids`), so an id is written only here. Each example
is the body of a tiny text report (after `EXAMPLE_COVER`, the title page every example
shares) that triggers its rule, like a linter's rule catalogue; `sakip rules` prints them and
`review/examples.py` runs them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sakip_analysis.errors import SakipError

if TYPE_CHECKING:
    from sakip_analysis.review.context import CheckContext

CheckFunction = Callable[["CheckContext"], list[dict[str, Any]]]

FAMILIES: dict[str, str] = {
    "ratio": "sakip_analysis.review.rules.ratio:check_ratios",
    "difference": "sakip_analysis.review.rules.difference:check_differences",
    "sum": "sakip_analysis.review.rules.sums:check_sums",
    "average": "sakip_analysis.review.rules.averages:check_averages",
    "cross-table": "sakip_analysis.review.rules.crosstable:check_cross_tables",
    "narrative": "sakip_analysis.review.rules.narrative:check_narrative",
    "counts": "sakip_analysis.review.rules.counts:check_counts",
    "time": "sakip_analysis.review.rules.years:check_years",
    "structure": "sakip_analysis.review.rules.structure:check_structure",
    "across-reports": "sakip_analysis.review.rules.across:check_across_reports",
}
"""Family → the function computing it (imported when first run, since the family modules
import this registry for their ids)."""


def family_function(family: str) -> CheckFunction:
    module, name = FAMILIES[family].split(":")
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    family: str
    severity: str
    description: str
    example: tuple[str, ...]
    """Body of a tiny text report (after EXAMPLE_COVER) that triggers the rule."""
    previous: tuple[str, ...] = ()
    """For rules across reports: the body of the previous year's report."""

    def __post_init__(self) -> None:
        if isinstance(self.example, str) or isinstance(self.previous, str):
            raise TypeError(f"{self.id}: an example is a tuple of lines, not one string")

    @property
    def function(self) -> CheckFunction:
        return family_function(self.family)


EXAMPLE_YEAR = 2024


def example_cover(year: int = EXAMPLE_YEAR) -> tuple[str, ...]:
    """The title page every example shares: the instansi and the year of the report."""
    return ("PEMERINTAH KABUPATEN CONTOH", "", "KECAMATAN CONTOH", "",
            "LAPORAN KINERJA INSTANSI PEMERINTAH", "", f"TAHUN {year}", "", "BAB I", "")


# Table headers the examples share, as the demo reports print them.
IKU_HEAD = ["Tabel 3.1", "Capaian Indikator Kinerja Utama", "",
            "Sasaran\tIndikator Kinerja\tTarget\tRealisasi\tCapaian (%)"]
BUDGET_HEAD = ["Tabel 3.6", "Program, Kegiatan, Anggaran dan Realisasi", "",
               "Program/Kegiatan\tIndikator\tTarget\tPagu Anggaran\tRealisasi\tProsentase"]
KA_HEAD = ["Tabel 3.4", "Pencapaian Kinerja dan Anggaran", "",
           "SASARAN, PROGRAM, KEGIATAN\tINDIKATOR\tKINERJA\t\t\tANGGARAN\t\t",
           "\t\tTARGET\tREALISASI\tCAPAIAN\tTARGET\tREALISASI\tCAPAIAN"]
EFF_HEAD = ["Tabel 3.5", "Efisiensi Penggunaan Sumber Daya", "",
            "NO\tSASARAN, PROGRAM, KEGIATAN\tINDIKATOR\t% CAPAIAN KINERJA\t% CAPAIAN ANGGARAN\tTINGKAT EFISIENSI"]
BENCH_HEAD = ["Tabel 3.3", "Perbandingan Realisasi SAKIP dengan Kabupaten dan Provinsi", "",
              "Uraian\tRealisasi Kec Contoh\tRealisasi Kabupaten\tRealisasi Propinsi\t% Realisasi dg Propinsi"]
SAKIP_HEAD = ["Tabel 3.7", "Nilai Hasil Evaluasi SAKIP per Komponen", "",
              "No\tKomponen\tBobot\tNilai Hasil Evaluasi"]
MY_HEAD = ["Tabel 3.2", "Analisis Pencapaian IKU", "Tahun 2023 dan 2024", "",
           "No\tIKU\tSatuan\tTahun 2023\t\t%\tTahun 2024\t\t%",
           "\t\t\tTarget\tRealisasi\t\tTarget\tRealisasi\t"]

RULES: list[Rule] = [
    Rule("R101", "capaian", "ratio", "error",
         "Capaian tertulis tidak sama dengan realisasi / target × 100 pada barisnya sendiri",
         (*IKU_HEAD,
         "Meningkatnya Layanan Publik\tNilai IKPP\t7,70\t7,97\t110,00")),
    Rule("R102", "serapan", "ratio", "error",
         "Serapan anggaran tertulis tidak sama dengan realisasi / pagu × 100",
         (*BUDGET_HEAD,
         "Program: Penunjang Urusan\tPersentase kinerja aparatur\t100%\t1.000.000\t800.000\t75,00")),
    Rule("R103", "persentase-pembanding", "ratio", "error",
         "Persentase terhadap kabupaten/provinsi tidak sama dengan nilai kecamatan / nilai pembanding × 100",
         (*BENCH_HEAD,
         "Nilai SAKIP\t78,45\t68,78\t80,06\t90,00%")),
    Rule("R104", "rasio-terpotong", "ratio", "info",
         "Persentase hanya cocok bila angkanya dipotong, bukan dibulatkan",
         (*IKU_HEAD,
         "Meningkatnya Layanan Publik\tJumlah desa tertib administrasi\t3\t2\t66,66")),
    Rule("R105", "capaian-tabel-tak-pasti", "ratio", "info",
         "Capaian tertulis tidak cocok dengan target dan realisasi, tetapi sebagian besar baris tabelnya juga tidak cocok, atau capaian yang terbaca sama persis dengan target/realisasi barisnya: kolom tabel mungkin salah terbaca, jadi belum tentu salah",
         (*IKU_HEAD,
         "Meningkatnya Layanan Publik\tNilai IKPP\t7,70\t7,97\t80,00",
         "\tNilai PATEN\t85\t88,28\t80,00",
         "\tNilai SAKIP\t72,00\t67,84\t80,00",
         "\tIndeks Kepuasan Masyarakat\t80\t82\t80,00")),
    Rule("R106", "capaian-kolom", "ratio", "error",
         "Pada tabel yang jenisnya tidak dikenali, capaian sebuah baris tidak mengikuti pasangan kolom target/realisasi yang menghasilkan capaian di sebagian besar baris tabel itu",
         ("Tabel 3.8", "Kegiatan Sinergitas Pendapatan", "",
          "No\tKegiatan\tTarget Kegiatan\tRealisasi Kegiatan\tTarget OPD\tRealisasi OPD\tCapaian",
          "1.\tRapat Identifikasi\t1\t1\t54\t48\t88,89",
          "2.\tRakor Pajak Rokok\t1\t1\t27\t24\t88,89",
          "3.\tRapat Teknis\t3\t3\t27\t24\t88,89",
          "4.\tRekonsiliasi PAD\t4\t4\t27\t22\t100,00")),
    Rule("R201", "efisiensi", "difference", "error",
         "Tingkat efisiensi tidak sama dengan capaian kinerja − capaian anggaran",
         (*EFF_HEAD,
         "1\tProgram: Penunjang Urusan\tPersentase kinerja aparatur\t100,00%\t91,34%\t9,66%")),
    Rule("R202", "selisih-teks", "difference", "error",
         "Selisih yang disebut dalam teks tidak sama dengan selisih angka yang dibandingkan",
         ("Nilai SAKIP Kecamatan Contoh sebesar 78,45 sedangkan Nilai SAKIP Kabupaten sebesar 68,78 sehingga terdapat selisih 8,67 poin.",)),
    Rule("R203", "efisiensi-teks", "difference", "error",
         "Efisiensi yang disebut dalam teks tidak sama dengan capaian − serapan pada kalimat yang sama",
         ("Capaian kinerja sebesar 100,00% dengan serapan anggaran 91,34% sehingga terdapat efisiensi anggaran sebesar 9,66%.",)),
    Rule("R204", "selisih-terpotong", "difference", "info",
         "Selisih hanya cocok bila angkanya dipotong, bukan dibulatkan",
         (*EFF_HEAD,
         "1\tProgram: Penunjang Urusan\tPersentase kinerja aparatur\t100,0000%\t91,3435%\t8,65%")),
    Rule("R301", "jumlah-kegiatan", "sum", "error",
         "Pagu/realisasi program tidak sama dengan jumlah kegiatannya",
         (*BUDGET_HEAD,
         "Program: Penunjang Urusan\tPersentase kinerja aparatur\t100%\t1.000.000\t800.000\t80,00",
         "Kegiatan: Administrasi Keuangan\tPersentase administrasi keuangan\t100%\t600.000\t500.000\t83,33",
         "Kegiatan: Penyediaan Jasa\tPersentase jasa penunjang\t100%\t300.000\t300.000\t100,00")),
    Rule("R302", "jumlah-program", "sum", "error",
         "Pagu/realisasi sasaran tidak sama dengan jumlah programnya",
         (*KA_HEAD,
         "Sasaran : Meningkatnya Akuntabilitas\tNilai SAKIP\t72,00\t72,00\t100,00\t2.000.000\t1.000.000\t50,00%",
         "Program: Penunjang Urusan\tPersentase kinerja aparatur\t100%\t100%\t100,00\t1.500.000\t1.000.000\t66,67%")),
    Rule("R303", "jumlah-total", "sum", "error",
         "Baris total (JUMLAH, TOTAL atau nama instansi) tidak sama dengan jumlah sasaran/program yang langsung di bawahnya (di atas atau di bawah baris total)",
         (*BUDGET_HEAD,
         "Program: Penunjang Urusan\tPersentase kinerja aparatur\t100%\t1.000.000\t800.000\t80,00",
         "Program: Pelayanan Publik\tPersentase layanan PATEN\t100%\t500.000\t400.000\t80,00",
         "JUMLAH\t\t\t1.600.000\t1.200.000\t75,00")),
    Rule("R304", "jumlah-komponen-sakip", "sum", "error",
         "Nilai komponen SAKIP tidak berjumlah sama dengan nilai totalnya",
         (*SAKIP_HEAD,
         "a\tPerencanaan Kinerja\t30 %\t25,00",
         "b\tPengukuran Kinerja\t30 %\t20,00",
         "c\tPelaporan Kinerja\t15 %\t10,00",
         "d\tEvaluasi Kinerja\t25 %\t15,00",
         "Nilai Hasil Evaluasi\t\t\t72,00")),
    Rule("R305", "komponen-melebihi-bobot", "sum", "error",
         "Nilai komponen SAKIP melebihi bobotnya",
         (*SAKIP_HEAD,
         "a\tPerencanaan Kinerja\t30 %\t32,00",
         "b\tPengukuran Kinerja\t30 %\t20,00",
         "c\tPelaporan Kinerja\t15 %\t10,00",
         "d\tEvaluasi Kinerja\t25 %\t15,00",
         "Nilai Hasil Evaluasi\t\t\t77,00")),
    Rule("R306", "jumlah-bobot", "sum", "error",
         "Bobot komponen SAKIP tidak berjumlah 100%",
         (*SAKIP_HEAD,
         "a\tPerencanaan Kinerja\t30 %\t25,00",
         "b\tPengukuran Kinerja\t30 %\t20,00",
         "c\tPelaporan Kinerja\t15 %\t10,00",
         "d\tEvaluasi Kinerja\t20 %\t15,00",
         "Nilai Hasil Evaluasi\t\t\t70,00")),
    Rule("R307", "jumlah-perjanjian-kinerja", "sum", "error",
         "Anggaran Perjanjian Kinerja tidak sama dengan jumlah anggaran programnya",
         ("Tabel 2.1",
         "Perjanjian Kinerja Tahun 2024",
         "",
         "NO\tSASARAN STRATEGIS\tPROGRAM\tINDIKATOR KINERJA\tTARGET\tANGGARAN",
         "1.\tMeningkatnya Akuntabilitas\tProgram Penunjang Urusan\tNilai SAKIP\t72,00\tRp 1.000.000",
         "2.\tMeningkatnya Layanan Publik\tProgram Pelayanan Publik\tNilai IKPP\t7,70\tRp 500.000",
         "JUMLAH\t\t\t\t\tRp 1.600.000")),
    Rule("R308", "jumlah-subkegiatan", "sum", "error",
         "Pagu/realisasi kegiatan tidak sama dengan jumlah sub-kegiatannya sendiri (sub-kegiatan tidak pernah dijumlahkan ke program)",
         (*BUDGET_HEAD,
         "Program: Penunjang Urusan\tPersentase kinerja aparatur\t100%\t1.000.000\t800.000\t80,00",
         "Kegiatan: Administrasi Keuangan\tPersentase administrasi keuangan\t100%\t1.000.000\t800.000\t80,00",
         "Sub Kegiatan: Penyediaan Gaji dan Tunjangan ASN\tJumlah ASN\t20 Orang\t700.000\t600.000\t85,71",
         "Sub Kegiatan: Penyediaan Administrasi Tugas ASN\tJumlah dokumen\t12 Dokumen\t200.000\t-\t0,00")),
    Rule("R309", "jumlah-tingkat-tidak-pasti", "sum", "info",
         "Jumlah anak tidak sama dengan induknya, tetapi tingkat barisnya tidak pasti (satu baris tampaknya salah tingkat, atau tabel berlanjut tanpa terbaca), jadi belum tentu salah",
         (*BUDGET_HEAD,
         "Program: Penunjang Urusan\tPersentase kinerja aparatur\t100%\t1.000.000\t800.000\t80,00",
         "Kegiatan: Administrasi Keuangan\tPersentase administrasi keuangan\t100%\t900.000\t700.000\t77,78",
         "Sub Kegiatan: Penyediaan Gaji dan Tunjangan ASN\tJumlah ASN\t20 Orang\t900.000\t700.000\t77,78",
         "Sub Kegiatan: Pelayanan BLUD\tPersentase layanan\t100%\t100.000\t100.000\t100,00",
         "Sub Kegiatan: Penunjang Pelayanan BLUD\tPersentase layanan\t100%\t100.000\t100.000\t100,00")),
    Rule("R310", "jumlah-kolom", "sum", "error",
         "Baris Jumlah/Total pada tabel yang jenisnya tidak dikenali tidak sama dengan jumlah kolomnya pada baris-baris di atasnya (hanya tabel datar, setiap baris berangka di kolom itu)",
         ("Tabel 3.8", "Kegiatan Sinergitas Pendapatan", "",
          "No\tKegiatan\tTarget OPD\tRealisasi OPD\tCapaian",
          "1.\tRapat Identifikasi\t54\t48\t88,89",
          "2.\tRakor Pajak Rokok\t27\t24\t88,89",
          "\tJumlah\t80\t72\t177,78")),
    Rule("R311", "jumlah-rekening", "sum", "error",
         "Pada tabel anggaran berkode rekening (2.2, 2.2.3 …) tanpa kata Program/Kegiatan, baris berkode tidak sama dengan jumlah kode anaknya sendiri, atau baris JUMLAH tidak sama dengan jumlah kode teratas di atasnya",
         ("Ringkasan Realisasi Anggaran Tahun 2024", "",
          "No.\tURAIAN\tAnggaran Setelah Perubahan\tRealisasi",
          "2.1\tBELANJA TIDAK LANGSUNG\t800.000\t700.000",
          "2.1.1\tBelanja Pegawai\t800.000\t700.000",
          "2.2\tBELANJA LANGSUNG\t500.000\t400.000",
          "2.2.1\tBelanja Pegawai\t100.000\t100.000",
          "2.2.2\tBelanja Barang dan Jasa\t300.000\t250.000",
          "\tJUMLAH\t1.300.000\t1.100.000")),
    Rule("R401", "rata-rata", "average", "error",
         "Rata-rata tertulis tidak sama dengan rata-rata baris-barisnya",
         (*IKU_HEAD,
         "Meningkatnya Akuntabilitas\tNilai SAKIP\t70,00\t70,00\t100,00",
         "\tNilai IKPP\t7,00\t7,70\t110,00",
         "Rata-rata capaian IKU\t\t\t\t106,00")),
    Rule("R402", "rata-rata-mustahil", "average", "error",
         "Rata-rata tertulis berada di luar rentang nilai baris-barisnya",
         (*IKU_HEAD,
         "Meningkatnya Akuntabilitas\tNilai SAKIP\t70,00\t70,00\t100,00",
         "\tNilai IKPP\t7,00\t7,70\t110,00",
         "Rata-rata capaian IKU\t\t\t\t115,00")),
    Rule("R403", "rata-rata-terpotong", "average", "info",
         "Rata-rata hanya cocok bila angkanya dipotong, bukan dibulatkan",
         (*IKU_HEAD,
         "Meningkatnya Akuntabilitas\tJumlah desa A\t100\t100\t100,000",
         "\tJumlah desa B\t100\t100\t100,000",
         "\tJumlah desa C\t100\t102\t102,000",
         "Rata-rata capaian IKU\t\t\t\t100,66")),
    Rule("R404", "rata-rata-kolom", "average", "error",
         "Baris Rata-rata pada tabel yang jenisnya tidak dikenali tidak sama dengan rata-rata kolomnya pada baris-baris di atasnya",
         ("Tabel 3.8", "Kegiatan Sinergitas Pendapatan", "",
          "No\tKegiatan\tTarget OPD\tRealisasi OPD\tCapaian",
          "1.\tRapat Identifikasi\t54\t48\t88,89",
          "2.\tRakor Pajak Rokok\t27\t24\t88,89",
          "\tRata-rata capaian\t\t\t90,00")),
    Rule("R501", "indikator-antar-tabel", "cross-table", "warning",
         "Target, realisasi atau capaian indikator yang sama berbeda antar tabel",
         (*IKU_HEAD,
         "Meningkatnya Akuntabilitas\tNilai SAKIP\t72,00\t67,84\t94,22",
         "",
         *KA_HEAD,
         "Sasaran : Meningkatnya Akuntabilitas\tNilai SAKIP\t72,00\t68,84\t95,61\t1.000.000\t800.000\t80,00%")),
    Rule("R502", "anggaran-antar-tabel", "cross-table", "warning",
         "Pagu atau realisasi anggaran program/kegiatan yang sama berbeda antar tabel",
         (*KA_HEAD,
         "Program: Penunjang Urusan\tPersentase kinerja aparatur\t100%\t100%\t100,00\t1.000.000\t800.000\t80,00%",
         "",
         *BUDGET_HEAD,
         "Program: Penunjang Urusan\tPersentase kinerja aparatur\t100%\t1.100.000\t800.000\t72,73")),
    Rule("R503", "capaian-anggaran-antar-tabel", "cross-table", "warning",
         "Capaian anggaran di tabel efisiensi tidak sama dengan realisasi / pagu di tabel anggaran",
         (*BUDGET_HEAD,
         "Program: Penunjang Urusan\tPersentase kinerja aparatur\t100%\t1.000.000\t800.000\t80,00",
         "",
         *EFF_HEAD,
         "1\tProgram: Penunjang Urusan\tPersentase kinerja aparatur\t100,00%\t85,00%\t15,00%")),
    Rule("R601", "klaim-indikator", "narrative", "warning",
         "Target, realisasi atau capaian dalam teks berbeda dengan tabel",
         (*IKU_HEAD,
         "Meningkatnya Layanan Publik\tNilai IKPP\t7,70\t7,97\t103,51",
         "",
         "Indikator Nilai IKPP memenuhi target yang ditetapkan yaitu sebesar 6 dimana terealisasi 7,97 dengan persentase capaian 103,51%.")),
    Rule("R602", "klaim-capaian-hitung", "narrative", "error",
         "Capaian dalam teks tidak sama dengan realisasi / target yang disebut di kalimat yang sama",
         ("Indikator Nilai SAKIP dengan target 72,00 terealisasi 67,84 dengan capaian 96,22%.",)),
    Rule("R603", "klaim-rata-rata-iku", "narrative", "warning",
         "Capaian/rata-rata IKU dalam teks berbeda dengan tabel IKU",
         (*IKU_HEAD,
         "Meningkatnya Akuntabilitas\tNilai SAKIP\t70,00\t70,00\t100,00",
         "\tNilai IKPP\t7,00\t7,70\t110,00",
         "Rata-rata capaian IKU\t\t\t\t105,00",
         "",
         "Rata-rata capaian Indikator Kinerja Utama (IKU) tahun 2024 adalah 107,00%.")),
    Rule("R604", "klaim-total-anggaran", "narrative", "warning",
         "Pagu atau realisasi anggaran dalam teks berbeda dengan tabel anggaran",
         (*BUDGET_HEAD,
         "Program: Penunjang Urusan\tPersentase kinerja aparatur\t100%\t2.150.000.000\t1.930.000.000\t89,77",
         "JUMLAH\t\t\t2.150.000.000\t1.930.000.000\t89,77%",
         "",
         "Pada tahun 2024 Kecamatan Contoh mendapatkan anggaran sebesar Rp. 2.250.000.000 dengan realisasi anggaran mencapai Rp. 1.930.000.000.")),
    Rule("R605", "klaim-serapan-hitung", "narrative", "error",
         "Serapan dalam teks tidak sama dengan realisasi / pagu yang disebut di kalimat yang sama",
         ("Kecamatan Contoh mendapatkan anggaran sebesar Rp. 2.150.000.000 dengan realisasi anggaran mencapai Rp. 1.930.000.000 atau serapan anggaran mencapai 91,77%.",)),
    Rule("R606", "klaim-silpa", "narrative", "error",
         "Serapan yang disebut bersama silpa tidak sama dengan realisasi / pagu baris yang silpanya sebesar itu",
         (*BUDGET_HEAD,
         "Program: Penunjang Urusan\tPersentase kinerja aparatur\t100%\t100.000.000\t85.000.000\t85,00",
         "",
         "Untuk program penunjang urusan terjadi silpa sebesar Rp. 15.000.000 atau capaian serapan anggarannya hanya 87,00%.")),
    Rule("R607", "klaim-pembanding", "narrative", "warning",
         "Nilai kecamatan/kabupaten/provinsi dalam teks berbeda dengan tabel pembanding",
         (*BENCH_HEAD,
         "Nilai SAKIP\t67,84\t70,12\t83,86\t80,90%",
         "",
         "Pada tahun 2024 Nilai SAKIP Kecamatan 67,84 sedangkan nilai SAKIP Kabupaten 72,70 dan Provinsi 83,86.")),
    Rule("R608", "klaim-persentase-pembanding", "narrative", "error",
         "Persentase terhadap kabupaten/provinsi dalam teks tidak sama dengan pembagian nilainya",
         (*BENCH_HEAD,
         "Nilai SAKIP\t67,84\t70,12\t83,86\t80,90%",
         "",
         "Nilai SAKIP Kecamatan 67,84 dan Provinsi 83,86 sehingga tingkat capaian Nilai SAKIP Kecamatan Contoh 93,31% dibandingkan dengan Provinsi.")),
    Rule("R609", "kalimat-berulang", "narrative", "warning",
         "Kalimat yang sama muncul dua kali dengan angka berbeda",
         ("Capaian kinerja Kecamatan Contoh tahun ini tercapai dengan baik yakni 100,53%.",
         "",
         "Capaian kinerja Kecamatan Contoh tahun ini tercapai dengan baik yakni 98,58%.")),
    Rule("R610", "klaim-terpotong", "narrative", "info",
         "Persentase dalam teks (capaian, serapan, pembanding, rata-rata, hasil rumus) hanya cocok dengan angka-angka di kalimat yang sama bila dipotong, bukan dibulatkan",
         ("Kegiatan Distribusi Pangan dengan alokasi anggaran sebesar Rp. 21.840.517.000,- realisasinya sebesar Rp. 20.951.225.130,- atau 95,92%.",)),
    Rule("R611", "klaim-rata-rata-hitung", "narrative", "error",
         "Rata-rata dalam teks tidak sama dengan rata-rata angka yang dirinci satu per satu (masing-masing) di kalimat sebelah pada paragraf yang sama",
         ("Rata-rata realisasi anggaran untuk mencapai misi adalah sebesar 95,58%. Realisasi anggaran untuk masing-masing misi yaitu: misi pertama terealisasi sebesar 96,78%; misi kedua terealisasi sebesar 93,55%; misi ketiga terealisasi sebesar 98,81%; dan misi keempat terealisasi sebesar 92,20%.",)),
    Rule("R612", "rumus-teks", "narrative", "error",
         "Hasil rumus yang ditulis lengkap di teks (a / b × 100% = c, (a − b) / b × 100% = c, juga pecahan bertingkat: pembilang di atas garis, penyebut di bawahnya, = c pada baris sendiri) tidak sama dengan hitungan angka-angkanya sendiri",
         ("Persentase gangguan dalam setahun : 30 / 2.849 X 100% = 0,01%.",)),
    Rule("R701", "angka-dan-kata", "counts", "error",
         "Angka tidak sama dengan bilangan yang ditulis dengan kata, mis. 6 (lima)",
         ("Kecamatan Contoh memiliki 2 (dua) sasaran strategis yang dijabarkan dalam 3 (dua) Indikator Kinerja Utama.",)),
    Rule("R702", "jumlah-baris", "counts", "warning",
         "Jumlah program/kegiatan/IKU/sasaran dalam teks tidak sama dengan tabel",
         (*BUDGET_HEAD,
         "Program: Penunjang Urusan\tPersentase kinerja aparatur\t100%\t1.000.000\t800.000\t80,00",
         "Kegiatan: Administrasi Keuangan\tPersentase administrasi keuangan\t100%\t1.000.000\t800.000\t80,00",
         "",
         "Sasaran didukung oleh 1 Program dan 2 kegiatan.")),
    Rule("R801", "tahun-laporan", "time", "warning",
         "Tahun yang disebut untuk periode laporan ini berbeda dengan tahun laporan",
         ("Rencana kinerja tahun 2024 menyajikan sasaran dan target yang akan dicapai pada tahun 2023.",)),
    Rule("R802", "periode-tidak-wajar", "time", "warning",
         "Periode yang awal dan akhirnya sama atau terbalik, mis. 2024-2024",
         ("Renstra Kecamatan Contoh berlaku untuk periode Renstra 2024-2024.",)),
    Rule("R803", "judul-tabel-tahun-lain", "time", "warning",
         "Judul tabel menyebut tahun lain dari tahun laporan",
         ("Tabel 3.6",
         "Program, Kegiatan, Anggaran Tahun 2023",
         "",
         "Program/Kegiatan\tIndikator\tTarget\tPagu Anggaran\tRealisasi\tProsentase",
         "Program: Penunjang Urusan\tPersentase kinerja aparatur\t100%\t1.000.000\t800.000\t80,00")),
    Rule("R804", "kalimat-berulang-tahun", "time", "warning",
         "Kalimat yang sama muncul dua kali dengan tahun berbeda",
         ("Penetapan target IKU yang masih belum sesuai pada Tahun 2024 perlu dikoordinasikan.",
         "",
         "Penetapan target IKU yang masih belum sesuai pada Tahun 2023 perlu dikoordinasikan.")),
    Rule("R805", "tahun-kepala-tabel", "time", "warning",
         "Kepala tabel beberapa tahun memuat satu tahun dua kali atau tahun lain dari judulnya",
         ("Tabel 3.2",
         "Analisis Pencapaian IKU",
         "Tahun 2022, 2023 dan 2024",
         "",
         "No\tIKU\tSatuan\tTahun 2022\t\t%\tTahun 2023\t\t%\tTahun 2023\t\t%",
         "\t\t\tTarget\tRealisasi\t\tTarget\tRealisasi\t\tTarget\tRealisasi\t",
         "1\tNilai SAKIP\tNilai\t70,00\t70,00\t100,00\t71,00\t71,00\t100,00\t72,00\t72,00\t100,00")),
    Rule("R901", "nomor-tabel-ganda", "structure", "info",
         "Satu nomor tabel dipakai untuk dua tabel yang berbeda",
         (*IKU_HEAD,
         "Meningkatnya Akuntabilitas\tNilai SAKIP\t72,00\t72,00\t100,00",
         "",
         "Tabel 3.1",
         "Perbandingan Realisasi SAKIP dengan Kabupaten dan Provinsi",
         "",
         "Uraian\tRealisasi Kec Contoh\tRealisasi Kabupaten\tRealisasi Propinsi\t% Realisasi dg Propinsi",
         "Nilai SAKIP\t72,00\t70,12\t83,86\t85,86%")),
    Rule("R1001", "antar-laporan", "across-reports", "warning",
         "Nilai tahun lalu di tabel beberapa tahun berbeda dengan laporan tahun lalu",
         (*MY_HEAD,
         "1\tNilai SAKIP\tNilai\t71,00\t71,00\t100,00\t72,00\t72,00\t100,00"),
         previous=(*IKU_HEAD,
                   "Meningkatnya Akuntabilitas\tNilai SAKIP\t71,00\t71,85\t101,20")),
]

RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}
RULES_BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES}


def rule_ids(*names: str) -> tuple[str, ...]:
    """The ids of the named rules, for the family modules; an unknown name fails at import."""
    unknown = [n for n in names if n not in RULES_BY_NAME]
    if unknown:
        raise SakipError(f"aturan tidak terdaftar di review/registry.py: {', '.join(unknown)}")
    return tuple(RULES_BY_NAME[n].id for n in names)


def rule_id(name: str) -> str:
    return rule_ids(name)[0]
