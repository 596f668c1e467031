"""Fuzzing the road from a generated table to findings: whatever the cells hold, reading,
extraction and the checker either work or raise the project's own error (one line for the
analyst), never a Python error from deep inside."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sakip_analysis.errors import SakipError
from sakip_analysis.read.extract import extract_document
from sakip_analysis.read.readers import read_document
from sakip_analysis.review import check_tables

VALID = st.one_of(
    st.sampled_from(["69,00", "65,36", "94,72", "100%", "1.234.567", "0", "0,00", "-14,25%",
                     "12,5 %", "90", "7,50", "Rp 1.000.000,00", "100,00", "120"]),
    st.decimals(min_value=-10**6, max_value=10**9, places=2, allow_nan=False).map(
        lambda d: f"{d:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")),
)
ODD = st.one_of(
    st.sampled_from(["-", "", "n/a", "1e309", "1234567890123456789",
                     "123456789012345678901234567", "(1.000)", "II", "—", "0,0000001"]),
    st.text(alphabet="0123456789.,%-+ ()", min_size=1, max_size=12),
)
NUMBERS = st.one_of(VALID, VALID, VALID, VALID, ODD)
LABELS = st.one_of(
    st.sampled_from(["Nilai SAKIP", "Nilai IKM", "Persentase pengaduan (semakin rendah semakin "
                     "baik)", "Program: Penunjang", "Kegiatan: Administrasi", "JUMLAH",
                     "Rata-rata capaian IKU", "TOTAL", "", "=1+2"]),
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=30),
)
HEADERS = [
    ("Tabel 3.1", "Capaian Indikator Kinerja Utama",
     ["Sasaran", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"]),
    ("Tabel 3.6", "Program, Kegiatan, Anggaran dan Realisasi",
     ["Program/Kegiatan", "Indikator", "Target", "Pagu Anggaran", "Realisasi", "Prosentase"]),
    ("Tabel 3.2", "Analisis Pencapaian IKU Tahun 2022, 2023 dan 2024",
     ["Indikator", "Target 2024", "Realisasi 2022", "Realisasi 2023", "Realisasi 2024"]),
    ("Tabel 3.5", "Efisiensi Penggunaan Sumber Daya",
     ["NO", "SASARAN, PROGRAM, KEGIATAN", "INDIKATOR", "% CAPAIAN KINERJA",
      "% CAPAIAN ANGGARAN", "TINGKAT EFISIENSI"]),
]


@st.composite
def reports(draw) -> str:
    parts = ["KECAMATAN PERAK\n\nTAHUN 2024\n\n"]
    for number, title, header in draw(st.lists(st.sampled_from(HEADERS), min_size=1,
                                               max_size=3)):
        caption = draw(st.sampled_from([f"{number}\n{title}\n", ""]))
        rows = draw(st.lists(st.tuples(LABELS, LABELS, st.lists(NUMBERS, min_size=0,
                                                                max_size=len(header) + 1)),
                             min_size=1, max_size=6))
        lines = ["\t".join(header)]
        lines += ["\t".join([a, b, *cells]) for a, b, cells in rows]
        parts.append(caption + "\n" + "\n".join(lines) + "\n\n")
        parts.append(draw(st.sampled_from([
            "", "Capaian Nilai SAKIP sebesar 94,72% dari target 69,00.\n\n",
            "Rata-rata capaian IKU adalah 120,00%.\n\n", "Sebanyak 3 (empat) indikator.\n\n"])))
    return "".join(parts)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(text=reports())
def test_generated_reports_raise_only_the_projects_errors(tmp_path: Path, text: str):
    path = tmp_path / "laporan.txt"
    path.write_text(text, encoding="utf-8")
    try:
        tables = extract_document(read_document(path))
    except SakipError as exc:
        assert "\n" not in str(exc).strip()
        return
    findings = check_tables(tables)
    assert set(findings.columns) >= {"rule", "severity", "message", "file", "line"}
