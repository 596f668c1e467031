"""`sakip check`: output formats and exit codes 0 / 1 / 2 on documents the test writes."""

import json

import pandas as pd
import pytest

from sakip_analysis.cli import main
from sakip_analysis.demo import generate_demo


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    clean = tmp_path_factory.mktemp("clean")
    generate_demo(clean, kecamatan=["Perak"], years=(2024,), formats=("txt",), inject=False)
    dirty = tmp_path_factory.mktemp("dirty")
    path = dirty / "perak.txt"
    text = next(clean.rglob("perak.txt")).read_text(encoding="utf-8")
    # Break the stated total of the budget table: JUMLAH pagu one rupiah off.
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("JUMLAH\t"))
    cells = lines[at].split("\t")
    pagu = next(i for i, c in enumerate(cells) if c.count(".") >= 2)
    cells[pagu] = cells[pagu][:-1] + str((int(cells[pagu][-1]) + 1) % 10)
    lines[at] = "\t".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    return next(clean.rglob("perak.txt")), path, at + 1


def test_clean_report_exit_0(reports, capsys):
    clean, _, _ = reports
    assert main(["check", str(clean), "--min-severity", "warning"]) == 0


def test_error_exit_1_and_json_names_the_line(reports, capsys):
    _, dirty, line = reports
    assert main(["check", str(dirty), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    hits = [f for f in findings if f["line"] == line and f["family"] == "sum"]
    assert hits and hits[0]["severity"] == "error"
    for key in ("rule", "family", "severity", "message", "file", "table", "line",
                "related_lines", "reported", "expected"):
        assert key in hits[0]
    assert isinstance(hits[0]["related_lines"], list)


def test_xlsx_for_the_kecamatan(reports, tmp_path):
    _, dirty, line = reports
    out = tmp_path / "temuan.xlsx"
    assert main(["check", str(dirty), "--format", "xlsx", "-o", str(out)]) == 1
    sheet = pd.read_excel(out, sheet_name=0)
    line_column = next(c for c in sheet.columns if str(c).strip().lower() in ("baris", "line"))
    rule_column = next(c for c in sheet.columns if str(c).strip().lower() in ("aturan", "rule"))
    touched = sheet[sheet[line_column] == line]  # the touched line, in the line column
    assert len(touched) and touched[rule_column].astype(str).str.startswith("R30").any()


def test_unusable_input_exit_2(tmp_path, capsys):
    bad = tmp_path / "kosong.txt"
    bad.write_text("")
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "kosong.txt: berkas kosong" in err and "Traceback" not in err


def test_empty_folder_is_exit_2_and_never_no_findings(tmp_path, capsys):
    (tmp_path / "catatan.csv").write_text("bukan laporan", encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert "Tidak ada temuan" not in out
    assert f"tidak ada laporan di {tmp_path}" in err


def test_a_failed_input_is_never_reported_as_no_findings(reports, tmp_path, capsys):
    clean, _, _ = reports
    bad = tmp_path / "kosong.txt"
    bad.write_text("")
    # the clean report alone has no finding at warning level (test_clean_report_exit_0) …
    assert main(["check", str(clean), str(bad), "--min-severity", "warning"]) == 2
    out, err = capsys.readouterr()
    # … but with an unreadable file beside it the output must not say "no findings"
    assert "Tidak ada temuan" not in out
    assert "kosong.txt" in err and "1 berkas gagal dibaca dan tidak diperiksa" in err
    assert main(["check", str(bad)]) == 2
    out, err = capsys.readouterr()
    # one unreadable file: its own line is the whole message (no summary under it)
    assert out == "" and err.strip().splitlines() == [
        ln for ln in err.strip().splitlines() if "kosong.txt" in ln]
    assert len(err.strip().splitlines()) == 1


def test_identity_overrides_for_a_report_without_title_page(tmp_path, capsys):
    t = "\t"
    # no title page; the capaian is printed as 95,00 where 63 of 70 is 90,00
    headless = tmp_path / "tanpa-judul.txt"
    headless.write_text("\n".join([
        "Tabel 3.1", "Capaian Indikator Kinerja Utama", "",
        t.join(["Sasaran", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"]),
        t.join(["Meningkatnya Akuntabilitas", "Nilai SAKIP", "70,00", "63,00", "95,00"]),
        ""]), encoding="utf-8")
    # issue 9: without a title page the report is still checked, with one warning saying how
    # to name it
    assert main(["check", str(headless)]) == 1
    [warning] = [x for x in capsys.readouterr().err.splitlines() if "identitas" in x]
    assert warning.startswith("peringatan:") and "--kecamatan" in warning
    assert main(["check", str(headless), "--kecamatan", "Perak", "--kabupaten", "Jombang",
                 "--year", "2024", "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert any(f["line"] == 5 and f["severity"] == "error" for f in findings), findings
