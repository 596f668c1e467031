"""Sums level by level and narrative phrasings of real reports, on documents the tests write.

Figures by hand: program 1.000.000 = kegiatan 600.000 + 400.000; kegiatan A 600.000 against
its sub-kegiatan 350.000 + 200.000 = 550.000 (50.000 short); kegiatan B 400.000 = 400.000 + a
sub-kegiatan printed "-" (zero).
"""

from __future__ import annotations

from pathlib import Path

from sakip_analysis.read.extract import extract_paths
from sakip_analysis.review import check_tables

T = "\t"
COVER = ("PEMERINTAH KABUPATEN CONTOH\n\nKECAMATAN CONTOH\n\nLAPORAN KINERJA\n\nTAHUN 2024\n\n"
         "BAB I\n\n")
HEAD = (f"Tabel 3.6\nProgram, Kegiatan, Anggaran dan Realisasi\n\n"
        f"Program/Kegiatan{T}Indikator{T}Target{T}Pagu Anggaran{T}Realisasi{T}Prosentase\n")


def _row(label: str, pagu: str, real: str, pct: str) -> str:
    return f"{label}{T}Indikator{T}100%{T}{pagu}{T}{real}{T}{pct}\n"


def _check(tmp_path: Path, body: str):
    path = tmp_path / "contoh.txt"
    path.write_text(COVER + body, encoding="utf-8")
    result = extract_paths([path])
    assert not result.failed
    return check_tables(result.tables), (COVER + body).splitlines()


def test_a_parent_is_summed_over_its_own_children_only(tmp_path):
    body = (HEAD
            + _row("Program: Penunjang Urusan", "1.000.000", "900.000", "90,00")
            + _row("Kegiatan: Administrasi Keuangan", "600.000", "500.000", "83,33")
            + _row("Sub Kegiatan: Penyediaan Gaji", "350.000", "300.000", "85,71")
            + _row("Sub Kegiatan: Penyediaan Administrasi", "200.000", "200.000", "100,00")
            + _row("Kegiatan: Administrasi Umum", "400.000", "400.000", "100,00")
            + _row("Sub Kegiatan: Penyediaan Peralatan", "400.000", "400.000", "100,00")
            + _row("Sub Kegiatan: Penyediaan Bahan", "-", "-", "0,00")
            + f"JUMLAH{T}{T}{T}1.000.000{T}900.000{T}90,00\n")
    findings, lines = _check(tmp_path, body)
    sums = findings[findings["family"] == "sum"]
    kegiatan_a = next(i for i, t in enumerate(lines, 1) if t.startswith("Kegiatan: Adm"))
    # Only kegiatan A's pagu is off; realisasi 300.000 + 200.000 = 500.000 holds.
    assert list(zip(sums["rule"], sums["line"], sums["reported"], sums["expected"],
                    strict=True)) == [("R308", kegiatan_a, "600.000", "550.000")]


def test_a_total_printed_first_is_summed_over_the_programs_below(tmp_path):
    body = (HEAD
            + _row("TOTAL", "1.500.000", "1.200.000", "80,00")
            + _row("Program: Penunjang Urusan", "1.000.000", "800.000", "80,00")
            + _row("Program: Pelayanan Publik", "600.000", "400.000", "66,67"))
    findings, lines = _check(tmp_path, body)
    sums = findings[(findings["family"] == "sum") & (findings["severity"] == "error")]
    total = next(i for i, t in enumerate(lines, 1) if t.startswith("TOTAL\t"))
    # 1.000.000 + 600.000 = 1.600.000 against 1.500.000; 800.000 + 400.000 = 1.200.000 holds.
    assert list(zip(sums["line"], sums["reported"], sums["expected"], strict=True)) == [
        (total, "1.500.000", "1.600.000")]


def test_a_budget_figure_said_twice_is_realisasi_and_its_serapan(tmp_path):
    # 1.521.732.323 / 75.815.247.870 × 100 = 2,007 → 2,01, not 3,40.
    wrong = "Realisasi keuangan sebesar 3,40 % atau Rp1.521.732.323 dari pagu Rp75.815.247.870."
    findings, _ = _check(tmp_path, wrong + "\n")
    r605 = findings[findings["rule"] == "R605"]
    assert list(zip(r605["reported"], r605["expected"], strict=True)) == [("3,40 %", "2,01%")]
    right = wrong.replace("3,40 %", "2,01 %")
    assert _check(tmp_path, right + "\n")[0].empty
    # The bracket form: 1.388.819.900 / 1.397.870.000 × 100 = 99,35, printed 99,53.
    text = ("Dari anggaran yang dialokasikan sebesar Rp.1.397.870.000,00 terealisasi sebesar "
            "Rp.1.388.819.900,00 (99,53%).")
    r605 = _check(tmp_path, text + "\n")[0]
    assert list(r605.loc[r605["rule"] == "R605", "expected"]) == ["99,35%"]
