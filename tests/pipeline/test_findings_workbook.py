"""The findings workbook is something to send to a kecamatan: per report, each finding with
its rule, the quoted line, the figure as printed and as it should be, and what to fix."""

from __future__ import annotations

import shutil

from openpyxl import load_workbook

from sakip_analysis.cli import main
from sakip_analysis.demo import generate_demo

COLUMNS = ["Tingkat", "Aturan", "Keterangan aturan", "Tabel", "Halaman", "Baris",
           "Kutipan sumber", "Tertulis", "Seharusnya", "Temuan", "Yang perlu diperbaiki",
           "Baris terkait"]


def _folder_with_a_wrong_capaian(tmp_path):
    generate_demo(tmp_path / "demo", kecamatan=["Perak", "Gudo"], years=(2024,),
                  formats=("txt",))
    folder = tmp_path / "kiriman"
    shutil.copytree(tmp_path / "demo" / "2024", folder)
    report = folder / "perak.txt"
    lines = report.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, ln in enumerate(lines) if ln.startswith("Tabel 3.1"))
    at = next(i for i, ln in enumerate(lines) if i > start and "\tNilai SAKIP\t" in ln)
    cells = lines[at].split("\t")
    assert cells[2:5] == ["69,00", "65,36", "94,72\n"]  # target, realisasi, capaian
    cells[3] = "60,00"  # 60 / 69 × 100 = 86,96 (by hand), still printed as 94,72
    lines[at] = "\t".join(cells)
    report.write_text("".join(lines), encoding="utf-8")
    return folder, at + 1


def test_the_workbook_has_a_sheet_per_report_and_says_what_to_fix(tmp_path):
    folder, line = _folder_with_a_wrong_capaian(tmp_path)
    out = tmp_path / "temuan.xlsx"
    assert main(["check", str(folder), "--format", "xlsx", "-o", str(out)]) == 1
    book = load_workbook(out)
    assert book.sheetnames == ["Gudo 2024", "Perak 2024", "Ringkasan"]
    sheet = book["Perak 2024"]
    header = [c.value for c in sheet[1]]
    assert header == COLUMNS
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(2)]
    hit = [r for r in rows if r["Aturan"] == "R101" and r["Baris"] == line]
    assert len(hit) == 1
    row = hit[0]
    assert row["Tertulis"].startswith("94,72") and row["Seharusnya"].startswith("86,96")
    assert "Nilai SAKIP" in row["Kutipan sumber"] and "60,00" in row["Kutipan sumber"]
    assert "94,72" in row["Yang perlu diperbaiki"] and "86,96" in row["Yang perlu diperbaiki"]
    assert "realisasi / target" in row["Keterangan aturan"]
    wrapped = [c.alignment.wrap_text for c in sheet[2]]
    assert all(wrapped)
    assert sheet.column_dimensions["J"].width >= 40  # Temuan
    summary = [[c.value for c in r] for r in book["Ringkasan"].iter_rows()]
    assert [r[:3] for r in summary[1:]] == [["gudo.txt", "Gudo", 2024],
                                            ["perak.txt", "Perak", 2024]]
    assert summary[2][3] >= 1 and summary[2][6] == "Perak 2024"  # errors; its sheet
    text = [c.value for ws in book.worksheets for r in ws.iter_rows() for c in r
            if isinstance(c.value, str)]
    assert not any(str(tmp_path) in v for v in text)  # no analyst's path
