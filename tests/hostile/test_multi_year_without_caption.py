"""Issue 12: a multi-year table without a caption stopped the checker with a TypeError
(checks/years.py). It is checked like any other table."""

from __future__ import annotations

from sakip_analysis.cli import main

REPORT = "\n".join([
    "KECAMATAN PERAK", "", "TAHUN 2024", "", "Capaian kinerja tiga tahun", "",
    "Indikator\tRealisasi 2022\tRealisasi 2023\tRealisasi 2024\tCapaian (%)",
    "Nilai SAKIP\t60,00\t62,00\t63,00\t90,00",
    "Indeks Kepuasan\t80,00\t81,00\t82,00\t100,00", "",
    "Pada tahun 2023 realisasi Nilai SAKIP 62,00.", ""])


def test_a_multi_year_table_without_caption_is_checked(tmp_path, capsys):
    path = tmp_path / "tanpa-judul-tabel.txt"
    path.write_text(REPORT, encoding="utf-8")
    code = main(["check", str(path), "--format", "json"])
    err = capsys.readouterr().err
    assert code in (0, 1), err
    assert "kesalahan internal" not in err and "Traceback" not in err
