import json
import subprocess
import sys
from pathlib import Path

from sakip_analysis.cli import main
from sakip_analysis.read.dataset import load_dataset

T = "\t"
REPORT = "\n".join([
    "PEMERINTAH KABUPATEN JOMBANG", "KECAMATAN PERAK", "", "TAHUN 2024", "",
    "Tabel 3.1", "Capaian Indikator Kinerja Utama", "",
    T.join(["Sasaran", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"]),
    T.join(["Meningkatnya Akuntabilitas", "Nilai SAKIP", "70,00", "63,00", "90,00"]),
    "", "Tabel 3.6", "Program, Kegiatan, Anggaran", "",
    T.join(["Program/Kegiatan", "Indikator", "Target", "Pagu Anggaran", "Realisasi",
            "Prosentase"]),
    T.join(["Program: Penunjang", "Persentase", "100%", "1.000.000", "900.000", "90,00%"]),
    T.join(["JUMLAH", "", "", "1.000.000", "900.000", "90,00%"]), ""])


def write_reports(tmp_path: Path) -> tuple[Path, Path]:
    good = tmp_path / "raw" / "2024" / "perak.txt"
    good.parent.mkdir(parents=True)
    good.write_text(REPORT, encoding="utf-8")
    bad = tmp_path / "raw" / "2024" / "rusak.txt"
    # another kecamatan: the same kecamatan-year twice is refused as a duplicate (issue 12)
    bad.write_text(REPORT.replace("1.000.000\t900.000\t90,00%\n", "1.0.0\t900.000\t90,00%\n")
                   .replace("KECAMATAN PERAK", "KECAMATAN DIWEK"), encoding="utf-8")
    return good, bad


def test_extract_writes_csv_and_workbook(tmp_path, capsys):
    good, _ = write_reports(tmp_path)
    out = tmp_path / "processed"
    assert main(["-q", "extract", str(good), "-o", str(out)]) == 0
    tables = load_dataset(out)
    iku = tables["indicators"][tables["indicators"]["table_kind"] == "iku"]
    assert list(iku["realisasi_raw"]) == ["63,00"]
    assert (out / "sakip_dataset.xlsx").exists()
    assert list(load_dataset(out / "sakip_dataset.xlsx")["budget"]["pagu"]) == [1e6, 1e6]


def test_odd_cell_warns_in_one_line_and_the_report_is_extracted(tmp_path, capsys):
    # issue 9: a report is never refused for one cell; the cell is kept as text with a warning
    good, bad = write_reports(tmp_path)
    out = tmp_path / "processed"
    code = main(["-q", "extract", str(tmp_path / "raw"), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 0
    lines = [x for x in err.splitlines() if "1.0.0" in x]  # the program row and JUMLAH
    assert len(lines) == 2 and all(x.startswith("peringatan:") for x in lines)
    assert "rusak.txt: Tabel 3.6, baris 16" in lines[0]
    assert set(load_dataset(out)["tables"]["source_file"]) == {str(good), str(bad)}


def test_json_format(tmp_path, capsys):
    good, _ = write_reports(tmp_path)
    assert main(["-q", "extract", str(good), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    [row] = [r for r in payload["indicators"] if r["table_kind"] == "iku"]
    assert (row["indicator"], row["target"], row["source_line"]) == ("Nilai SAKIP", 70.0, 10)


def test_console_script_reports_missing_file_without_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "sakip_analysis.cli", "-q", "extract",
                           str(tmp_path / "nope.docx"), "-o", str(tmp_path)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "nope.docx: berkas tidak ditemukan" in proc.stderr


def test_ingest_with_overrides_for_a_report_without_title_page(tmp_path, capsys):
    report = tmp_path / "raw" / "laporan.txt"
    report.parent.mkdir(parents=True)
    report.write_text(REPORT.split("\n", 4)[4], encoding="utf-8")  # title page cut off
    # issue 9: an unreadable identity is a warning, not a refusal; the overrides still apply
    assert main(["-q", "extract", str(report), "--format", "json"]) == 0
    assert "--kecamatan" in capsys.readouterr().err
    assert main(["-q", "ingest", str(report), "--data", str(tmp_path), "--kecamatan", "Perak",
                 "--year", "2024"]) == 0
    tables = load_dataset(tmp_path / "processed")
    assert set(tables["tables"]["kecamatan"]) == {"Perak"}
    assert set(tables["indicators"]["source_file"]) == {"raw/laporan.txt"}
