"""The one list of rules: id, family, severity and an Indonesian description for each.

A rule family is computed by one function over every report at once (the arithmetic is
shared between a rule and its truncation twin); the function emits findings tagged with
the ids it owns, and the registry gives them their family and severity.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sakip_analysis.review.context import CheckContext
from sakip_analysis.review.rules import (
    across,
    averages,
    counts,
    crosstable,
    difference,
    narrative,
    ratio,
    structure,
    sums,
    years,
)

CheckFunction = Callable[[CheckContext], list[dict[str, Any]]]


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    family: str
    severity: str
    description: str
    function: CheckFunction


def _rules(function: CheckFunction, family: str,
           *specs: tuple[str, str, str, str]) -> list[Rule]:
    return [Rule(i, name, family, severity, description, function)
            for i, name, severity, description in specs]


RULES: list[Rule] = [
    *_rules(ratio.check_ratios, "ratio",
            ("R101", "capaian", "error",
             "Capaian tertulis tidak sama dengan realisasi / target × 100 pada barisnya sendiri"),
            ("R102", "serapan", "error",
             "Serapan anggaran tertulis tidak sama dengan realisasi / pagu × 100"),
            ("R103", "persentase-pembanding", "error",
             "Persentase terhadap kabupaten/provinsi tidak sama dengan nilai kecamatan / nilai "
             "pembanding × 100"),
            ("R104", "rasio-terpotong", "info",
             "Persentase hanya cocok bila angkanya dipotong, bukan dibulatkan")),
    *_rules(difference.check_differences, "difference",
            ("R201", "efisiensi", "error",
             "Tingkat efisiensi tidak sama dengan capaian kinerja − capaian anggaran"),
            ("R202", "selisih-teks", "error",
             "Selisih yang disebut dalam teks tidak sama dengan selisih angka yang dibandingkan"),
            ("R203", "efisiensi-teks", "error",
             "Efisiensi yang disebut dalam teks tidak sama dengan capaian − serapan pada "
             "kalimat yang sama"),
            ("R204", "selisih-terpotong", "info",
             "Selisih hanya cocok bila angkanya dipotong, bukan dibulatkan")),
    *_rules(sums.check_sums, "sum",
            ("R301", "jumlah-kegiatan", "error",
             "Pagu/realisasi program tidak sama dengan jumlah kegiatannya"),
            ("R302", "jumlah-program", "error",
             "Pagu/realisasi sasaran tidak sama dengan jumlah programnya"),
            ("R303", "jumlah-total", "error",
             "Baris JUMLAH/total tidak sama dengan jumlah baris di atasnya"),
            ("R304", "jumlah-komponen-sakip", "error",
             "Nilai komponen SAKIP tidak berjumlah sama dengan nilai totalnya"),
            ("R305", "komponen-melebihi-bobot", "error",
             "Nilai komponen SAKIP melebihi bobotnya"),
            ("R306", "jumlah-bobot", "error", "Bobot komponen SAKIP tidak berjumlah 100%"),
            ("R307", "jumlah-perjanjian-kinerja", "error",
             "Anggaran Perjanjian Kinerja tidak sama dengan jumlah anggaran programnya")),
    *_rules(averages.check_averages, "average",
            ("R401", "rata-rata", "error",
             "Rata-rata tertulis tidak sama dengan rata-rata baris-barisnya"),
            ("R402", "rata-rata-mustahil", "error",
             "Rata-rata tertulis berada di luar rentang nilai baris-barisnya"),
            ("R403", "rata-rata-terpotong", "info",
             "Rata-rata hanya cocok bila angkanya dipotong, bukan dibulatkan")),
    *_rules(crosstable.check_cross_tables, "cross-table",
            ("R501", "indikator-antar-tabel", "warning",
             "Target, realisasi atau capaian indikator yang sama berbeda antar tabel"),
            ("R502", "anggaran-antar-tabel", "warning",
             "Pagu atau realisasi anggaran program/kegiatan yang sama berbeda antar tabel"),
            ("R503", "capaian-anggaran-antar-tabel", "warning",
             "Capaian anggaran di tabel efisiensi tidak sama dengan realisasi / pagu di tabel "
             "anggaran")),
    *_rules(narrative.check_narrative, "narrative",
            ("R601", "klaim-indikator", "warning",
             "Target, realisasi atau capaian dalam teks berbeda dengan tabel"),
            ("R602", "klaim-capaian-hitung", "error",
             "Capaian dalam teks tidak sama dengan realisasi / target yang disebut di kalimat "
             "yang sama"),
            ("R603", "klaim-rata-rata-iku", "warning",
             "Capaian/rata-rata IKU dalam teks berbeda dengan tabel IKU"),
            ("R604", "klaim-total-anggaran", "warning",
             "Pagu atau realisasi anggaran dalam teks berbeda dengan tabel anggaran"),
            ("R605", "klaim-serapan-hitung", "error",
             "Serapan dalam teks tidak sama dengan realisasi / pagu yang disebut di kalimat "
             "yang sama"),
            ("R606", "klaim-silpa", "error",
             "Serapan yang disebut bersama silpa tidak sama dengan realisasi / pagu baris yang "
             "silpanya sebesar itu"),
            ("R607", "klaim-pembanding", "warning",
             "Nilai kecamatan/kabupaten/provinsi dalam teks berbeda dengan tabel pembanding"),
            ("R608", "klaim-persentase-pembanding", "error",
             "Persentase terhadap kabupaten/provinsi dalam teks tidak sama dengan pembagian "
             "nilainya"),
            ("R609", "kalimat-berulang", "warning",
             "Kalimat yang sama muncul dua kali dengan angka berbeda")),
    *_rules(counts.check_counts, "counts",
            ("R701", "angka-dan-kata", "error",
             "Angka tidak sama dengan bilangan yang ditulis dengan kata, mis. 6 (lima)"),
            ("R702", "jumlah-baris", "warning",
             "Jumlah program/kegiatan/IKU/sasaran dalam teks tidak sama dengan tabel")),
    *_rules(years.check_years, "time",
            ("R801", "tahun-laporan", "warning",
             "Tahun yang disebut untuk periode laporan ini berbeda dengan tahun laporan"),
            ("R802", "periode-tidak-wajar", "warning",
             "Periode yang awal dan akhirnya sama atau terbalik, mis. 2024-2024"),
            ("R803", "judul-tabel-tahun-lain", "warning",
             "Judul tabel menyebut tahun lain dari tahun laporan"),
            ("R804", "kalimat-berulang-tahun", "warning",
             "Kalimat yang sama muncul dua kali dengan tahun berbeda"),
            ("R805", "tahun-kepala-tabel", "warning",
             "Kepala tabel beberapa tahun memuat satu tahun dua kali atau tahun lain dari "
             "judulnya")),
    *_rules(structure.check_structure, "structure",
            ("R901", "nomor-tabel-ganda", "info",
             "Satu nomor tabel dipakai untuk dua tabel yang berbeda")),
    *_rules(across.check_across_reports, "across-reports",
            ("R1001", "antar-laporan", "warning",
             "Nilai tahun lalu di tabel beberapa tahun berbeda dengan laporan tahun lalu")),
]

RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}
