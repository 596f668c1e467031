"""Names the demo draws from: Jombang's 21 kecamatan and real kecamatan program/kegiatan labels.

The program, kegiatan and indicator labels come from the reference LKJIP (Jogoroto 2024) and
from the Permendagri 90/2019 nomenclature every kecamatan uses, so the demo reads like the
real reports the tools will meet.
"""

from __future__ import annotations

from dataclasses import dataclass

KABUPATEN = "Jombang"
PROVINSI = "Jawa Timur"

KECAMATAN_JOMBANG: tuple[str, ...] = (
    "Bandar Kedung Mulyo", "Bareng", "Diwek", "Gudo", "Jogoroto", "Jombang", "Kabuh",
    "Kesamben", "Kudu", "Megaluh", "Mojoagung", "Mojowarno", "Ngoro", "Ngusikan", "Perak",
    "Peterongan", "Plandaan", "Ploso", "Sumobito", "Tembelang", "Wonosalam",
)

SYNTHETIC_MARKER = "DATA DEMO SINTETIS — BUKAN DATA RESMI"
"""Printed on every title page; extraction maps it to `data_source = "sintetis"`."""

SASARAN_AKUNTABILITAS = "Meningkatnya Akuntabilitas dan Kinerja Birokrasi"
SASARAN_LAYANAN = "Meningkatnya Kualitas Layanan Publik"


def slug(kecamatan: str) -> str:
    """File name of a kecamatan: `Bandar Kedung Mulyo` → `bandar-kedung-mulyo`."""
    return "-".join(kecamatan.lower().split())


@dataclass(frozen=True)
class KegiatanSpec:
    """A kegiatan label with its output indicator; `unit` set means a count target
    (`12 Laporan`), `per_desa` a count equal to the number of desa."""

    name: str
    indicator: str
    unit: str | None = None
    count: int = 0
    per_desa: bool = False
    salaries: bool = False  # carries the staff salaries: by far the largest pagu


@dataclass(frozen=True)
class ProgramSpec:
    name: str
    indicator: str
    kegiatan: tuple[KegiatanSpec, ...]


PENUNJANG = ProgramSpec(
    "Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
    "Persentase rata-rata capaian kinerja aparatur",
    (
        KegiatanSpec("Administrasi Keuangan Perangkat Daerah",
                     "Persentase Pemenuhan Administrasi Keuangan Perangkat Daerah", salaries=True),
        KegiatanSpec("Perencanaan, Penganggaran dan Evaluasi Kinerja Perangkat Daerah",
                     "Persentase dokumen perencanaan, penganggaran dan evaluasi kinerja PD yang "
                     "tersusun sesuai aturan"),
        KegiatanSpec("Administrasi Kepegawaian Perangkat Daerah",
                     "Persentase pemenuhan administrasi kepegawaian Perangkat Daerah"),
        KegiatanSpec("Administrasi Umum Perangkat Daerah",
                     "Persentase pemenuhan pelayanan administrasi perkantoran"),
        KegiatanSpec("Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah",
                     "Persentase realisasi pengadaan sarana dan prasarana aparatur"),
        KegiatanSpec("Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
                     "Persentase pemenuhan penunjang urusan pemerintah daerah"),
        KegiatanSpec("Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
                     "Persentase Barang Milik Daerah dalam kondisi baik"),
    ),
)

UNFUNDED_KEGIATAN = KegiatanSpec("Pengadaan Gedung Kantor atau Bangunan Lainnya",
                                 "Persentase realisasi pengadaan gedung kantor")
"""A kegiatan kept in the tables without a budget (printed `-`), as reports do."""

OTHER_PROGRAMS: tuple[ProgramSpec, ...] = (
    ProgramSpec(
        "Penyelenggaraan Pemerintahan dan Pelayanan Publik",
        "Persentase pelayanan PATEN yang diselesaikan sesuai standar",
        (
            KegiatanSpec("Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan",
                         "Persentase pelayanan terpadu (PATEN) yang sesuai standar"),
            KegiatanSpec("Peningkatan Efektivitas Kegiatan Pemerintahan di Tingkat Kecamatan",
                         "Persentase desa yang difasilitasi dalam penyelenggaraan pemerintahan"),
            KegiatanSpec("Koordinasi/Sinergi Perencanaan dan Pelaksanaan Kegiatan Pemerintahan "
                         "dengan Perangkat Daerah dan Instansi Vertikal Terkait",
                         "Jumlah laporan hasil koordinasi lintas sektor", "Laporan", 4),
        ),
    ),
    ProgramSpec(
        "Pemberdayaan Masyarakat Desa dan Kelurahan",
        "Persentase Raperdes APB Desa/Perubahan APB Desa yang dievaluasi",
        (
            KegiatanSpec("Koordinasi Kegiatan Pemberdayaan Masyarakat Desa dan Kelurahan",
                         "Jumlah Pengajuan Raperdes APB Desa/Perubahan APB Desa yang tepat waktu",
                         "Desa", per_desa=True),
            KegiatanSpec("Koordinasi Kegiatan Pemberdayaan Desa",
                         "Jumlah Lembaga Pemberdayaan Masyarakat Desa yang dibina", "Lembaga",
                         per_desa=True),
        ),
    ),
    ProgramSpec(
        "Penyelenggaraan Urusan Pemerintahan Umum",
        "Persentase rekomendasi Forkopimcam yang ditindaklanjuti",
        (
            KegiatanSpec("Penyelenggaraan Urusan Pemerintahan Umum sesuai Penugasan Kepala "
                         "Daerah", "Jumlah Laporan Pelaksanaan PHBN/PHBA", "Dokumen", 3),
            KegiatanSpec("Pembinaan Wawasan Kebangsaan dan Ketahanan Nasional",
                         "Jumlah kegiatan pembinaan wawasan kebangsaan", "Kegiatan", 2),
        ),
    ),
    ProgramSpec(
        "Koordinasi Ketentraman dan Ketertiban Umum",
        "Persentase laporan kasus pelanggaran Perda/Perkada dan Trantibum yang ditindaklanjuti "
        "instansi terkait",
        (
            KegiatanSpec("Koordinasi Penerapan dan Penegakan Peraturan Daerah dan Peraturan "
                         "Kepala Daerah",
                         "Jumlah Laporan kasus pelanggaran Perda/Perkada dan Trantibum",
                         "Laporan", 12),
            KegiatanSpec("Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum",
                         "Persentase gangguan trantibum yang ditangani"),
        ),
    ),
    ProgramSpec(
        "Pembinaan dan Pengawasan Pemerintahan Desa",
        "Persentase Desa yang melaporkan Pertanggungjawaban Realisasi APB Desa",
        (
            KegiatanSpec("Fasilitasi, Rekomendasi dan Koordinasi Pembinaan dan Pengawasan "
                         "Pemerintahan Desa",
                         "Jumlah Rekomendasi hasil Pembinaan dan Pengawasan Pelaksanaan APB Desa",
                         "Dokumen", per_desa=True),
            KegiatanSpec("Fasilitasi Penyusunan Produk Hukum Desa",
                         "Jumlah produk hukum desa yang difasilitasi", "Dokumen", per_desa=True),
        ),
    ),
)
"""The first one (PATEN) is always present; the others are drawn per kecamatan."""

PERCENT_IKU: tuple[str, ...] = (
    "Persentase Laporan Kasus Pelanggaran Perda/Perkada dan Trantibum yang ditindaklanjuti "
    "Instansi Terkait",
    "Persentase Laporan Pertanggungjawaban Realisasi APBDes Tepat Waktu",
    "Persentase Evaluasi RAPERDES APB Desa/Perubahan APB Desa Tepat Waktu",
    "Persentase rekomendasi Forkopimcam yang ditindaklanjuti",
)

LOWER_IS_BETTER = "(semakin rendah semakin baik)"
NEGATIVE_IKU: tuple[tuple[str, str], ...] = (
    (f"Persentase pengaduan masyarakat yang tidak ditindaklanjuti {LOWER_IS_BETTER}", "Persen"),
    (f"Lama penyelesaian layanan PATEN (hari) {LOWER_IS_BETTER}", "Hari"),
)
