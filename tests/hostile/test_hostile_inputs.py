"""Hostile inputs as a new user would bring them: each report's trouble stays with that report.

The corpus (hostile_corpus.py) is a demo report carrying one trouble per file. Ingested together
with a good report, every file gets an entry in sources.csv with its status and, when it
failed, one line naming it; the good report is there; nothing escapes as a traceback or as an
internal error; no spreadsheet the tool writes holds a live formula.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from hostile_corpus import FORMULA, good_report, write_corpus
from openpyxl import load_workbook

from sakip_analysis.cli import EXIT_INTERNAL, main
from sakip_analysis.pipeline import limits
from sakip_analysis.read.dataset import load_dataset, read_csv_file
from sakip_analysis.read.spreadsheet import XLSX_CELL_LIMIT


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    good = good_report(root / "demo")
    raw = root / "data" / "raw"
    corpus = write_corpus(raw / "hostile", good)
    shutil.copy(good, raw / "perak.txt")
    logs = root / "logs"
    mp = pytest.MonkeyPatch()
    mp.setenv("SAKIP_LOG_DIR", str(logs))
    capture = root / "stderr.txt"
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["-q", "ingest", str(raw), "--data", str(root / "data")])
    mp.undo()
    capture.write_text(err.getvalue())
    return code, root / "data", corpus, err.getvalue()


def _workbook_cells(path: Path):
    book = load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


def test_the_batch_goes_on_and_no_error_escapes(ingested):
    code, data, _, err = ingested
    assert code == 2  # some reports failed: bad input, not an internal error
    assert code != EXIT_INTERNAL
    assert "Traceback" not in err
    tables = load_dataset(data / "processed")
    assert "raw/perak.txt" in set(tables["indicators"]["source_file"])


def test_every_hostile_file_is_a_source_with_a_status(ingested):
    _, data, corpus, _ = ingested
    sources = read_csv_file(data / "processed", "sources.csv").set_index("source_file")
    for name in corpus:
        entry = sources.loc[f"raw/hostile/{name}"]
        assert entry["status"] in {"ok", "kosong", "failed"}, name
        if entry["status"] != "ok":
            reason = entry["error"]
            assert reason and "\n" not in reason and name in reason, (name, reason)


def test_every_failed_report_is_one_line_in_the_terminal(ingested):
    _, data, _, err = ingested
    sources = read_csv_file(data / "processed", "sources.csv")
    failed = sources[sources["status"] == "failed"]
    lines = [ln for ln in err.splitlines() if ln.startswith("galat: ")]
    assert len(lines) == len(failed) > 0
    for name in failed["source_file"]:
        assert sum(name in ln for ln in lines) == 1, name


def test_broken_files_fail_with_their_reason(ingested):
    _, data, _, _ = ingested
    sources = read_csv_file(data / "processed", "sources.csv").set_index("source_file")
    for name in ("empty.txt", "garbage.pdf", "not-a-zip.docx"):
        assert sources.loc[f"raw/hostile/{name}", "status"] == "failed", name


def test_a_report_without_a_table_is_kept_as_kosong(ingested):
    _, data, _, _ = ingested
    sources = read_csv_file(data / "processed", "sources.csv").set_index("source_file")
    entry = sources.loc["raw/hostile/no-table.txt"]
    assert entry["status"] == "kosong"
    assert "tidak ada tabel" in entry["error"]
    assert (entry["kecamatan"], entry["year"]) == ("Plandaan", "2024")


def test_a_formula_label_is_text_in_the_dataset_workbook_and_csv(ingested):
    _, data, _, _ = ingested
    processed = data / "processed"
    cells = list(_workbook_cells(processed / "sakip_dataset.xlsx"))
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(c.value == FORMULA and c.data_type == "s" for c in cells)
    with (processed / "indicators.csv").open(encoding="utf-8", newline="") as handle:
        texts = [v for row in csv.reader(handle) for v in row]
    assert "'" + FORMULA in texts and FORMULA not in texts
    names = set(load_dataset(processed)["indicators"]["indicator"].dropna())
    assert FORMULA in names  # read back exactly as printed


def test_a_text_longer_than_a_cell_is_marked_not_cut_silently(ingested):
    _, data, _, _ = ingested
    processed = data / "processed"
    long = [c.value for c in _workbook_cells(processed / "sakip_dataset.xlsx")
            if isinstance(c.value, str) and len(c.value) >= XLSX_CELL_LIMIT - 200]
    assert long and all(len(v) <= XLSX_CELL_LIMIT and "terpotong" in v for v in long)
    narrative = load_dataset(processed)["narrative"]
    assert narrative["text"].str.len().max() == len("kata " * 8000) - 1  # whole in the CSV


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_check_writes_a_formula_named_report_as_text(tmp_path, fmt):
    good = good_report(tmp_path / "demo")
    named = tmp_path / "in" / "=1+2.txt"
    named.parent.mkdir()
    shutil.copy(good, named)
    out = tmp_path / f"temuan.{fmt}"
    assert main(["check", str(named.parent), "--format", fmt, "-o", str(out)]) in (0, 1)
    if fmt == "xlsx":
        cells = list(_workbook_cells(out))
        assert not [c.coordinate for c in cells if c.data_type == "f"]
        assert any(c.value == "=1+2.txt" for c in cells)
        assert not any(isinstance(c.value, str) and str(tmp_path) in c.value for c in cells)
    else:
        with out.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert rows and {r["file"] for r in rows} == {"'=1+2.txt"}


def test_a_report_past_the_size_limit_is_refused_in_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(limits.MAX_REPORT_BYTES, "text", 1024 * 1024)
    big = tmp_path / "besar.txt"
    with big.open("w", encoding="utf-8") as handle:
        handle.write(_title_page())
        line = "Program\tIndikator\t1.000\t2.000\t50,00\n"
        handle.write(line * (2 * 1024 * 1024 // len(line)))
    assert main(["check", str(big)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "besar.txt" in err[0] and "SAKIP_MAX_TEXT_MB" in err[0]


def _title_page() -> str:
    return "KECAMATAN PERAK\n\nTAHUN 2024\n\n"


def test_check_shows_the_encoding_warning_extract_shows(tmp_path, capsys):
    good = good_report(tmp_path / "demo")
    legacy = tmp_path / "lama.txt"
    legacy.write_bytes(good.read_text(encoding="utf-8").replace("BUKAN", "BUKAN \u2013")
                       .encode("cp1252", "replace"))
    main(["check", str(legacy)])
    err = capsys.readouterr().err
    assert "lama.txt" in err and "Windows-1252" in err
