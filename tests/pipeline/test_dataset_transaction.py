"""The processed dataset as one transaction: manifest, lock, damage, removal, row order.

Every test builds its own data folder from demo documents the generator writes, ingests them
through the `sakip` command (in-process, or as real processes where two writers meet), then
damages, removes or edits files the way an analyst or a crash would.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from sakip_analysis.cli import main
from sakip_analysis.demo import generate_demo
from sakip_analysis.read import dataset as ds
from sakip_analysis.read.dataset import DamagedDatasetError, load_dataset, read_csv_file

SAKIP = [sys.executable, "-c", "import sys; from sakip_analysis.cli import main; "
         "sys.exit(main())"]


@pytest.fixture(scope="module")
def demo_docs(tmp_path_factory) -> Path:
    """Three demo reports of 2024 (txt), written once for the module."""
    root = tmp_path_factory.mktemp("docs")
    generate_demo(root, kecamatan=["Perak", "Gudo", "Ploso"], years=(2024,), formats=("txt",))
    return root / "2024"


@pytest.fixture()
def data(tmp_path, demo_docs) -> Path:
    """A data folder whose raw/ holds the three reports, ingested once."""
    raw = tmp_path / "data" / "raw" / "2024"
    shutil.copytree(demo_docs, raw)
    assert main(["-q", "ingest", str(raw.parent), "--data", str(tmp_path / "data")]) == 0
    return tmp_path / "data"


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))[1:]


def _reports_in(rows: list[list[str]], header: list[str]) -> list[str]:
    at = header.index("source_file")
    return [r[at] for r in rows]


def test_manifest_records_hash_and_rows_of_every_file(data):
    processed = data / "processed"
    manifest = json.loads((processed / "manifest.json").read_text())["files"]
    for name in ("indicators", "budget", "tables"):
        rows = _csv_rows(processed / f"{name}.csv")
        assert manifest[f"{name}.csv"]["rows"] == len(rows) > 0
        assert manifest[f"{name}.parquet"]["rows"] == len(rows)
        digest = ds._sha256((processed / f"{name}.csv").read_bytes())
        assert manifest[f"{name}.csv"]["sha256"] == digest
    assert manifest["sources.csv"]["rows"] == 3


def test_parquet_is_read_first_and_equals_the_csv(data, monkeypatch):
    processed = data / "processed"
    from_parquet = load_dataset(processed)
    seen = []
    real = ds._parse_csv
    monkeypatch.setattr(ds, "_parse_csv", lambda b: seen.append(1) or real(b))
    load_dataset(processed)
    assert seen == []  # nothing parsed from CSV while Parquet is there
    (processed / "manifest.json").write_text(json.dumps({"format": 1, "files": {
        k: v for k, v in json.loads((processed / "manifest.json").read_text())["files"].items()
        if not k.endswith(".parquet")}}))
    from_csv = load_dataset(processed)
    assert seen  # now read from the CSVs
    for name in from_csv:  # same values, same types, whichever file was read
        pd.testing.assert_frame_equal(from_csv[name], from_parquet[name])


def test_rows_are_ordered_by_source_file(data):
    processed = data / "processed"
    header = next(csv.reader((processed / "indicators.csv").open(encoding="utf-8")))
    files = _reports_in(_csv_rows(processed / "indicators.csv"), header)
    assert files == sorted(files)
    assert set(files) == {"raw/2024/gudo.txt", "raw/2024/perak.txt", "raw/2024/ploso.txt"}


def test_one_changed_report_changes_only_its_own_rows(data):
    processed = data / "processed"
    before = {n: _csv_rows(processed / f"{n}.csv") for n in ("indicators", "budget")}
    report = data / "raw" / "2024" / "gudo.txt"
    text = report.read_text(encoding="utf-8")
    # Change the realisasi of the first IKU row (a tab-separated table row).
    lines = text.splitlines(keepends=True)
    start = next(i for i, ln in enumerate(lines) if ln.startswith("Tabel 3.1"))
    at = next(i for i, ln in enumerate(lines) if i > start and "\tNilai SAKIP\t" in ln)
    cells = lines[at].split("\t")
    assert cells[3][-1].isdigit(), cells
    cells[3] = cells[3][:-1] + ("1" if cells[3][-1] != "1" else "2")
    lines[at] = "\t".join(cells)
    report.write_text("".join(lines), encoding="utf-8")
    assert main(["-q", "ingest", str(data / "raw"), "--data", str(data)]) == 0
    for name, old in before.items():
        header = next(csv.reader((processed / f"{name}.csv").open(encoding="utf-8")))
        new = _csv_rows(processed / f"{name}.csv")
        at_file = header.index("source_file")
        for other in ("raw/2024/perak.txt", "raw/2024/ploso.txt"):
            assert [(i, r) for i, r in enumerate(old) if r[at_file] == other] == \
                [(i, r) for i, r in enumerate(new) if r[at_file] == other]
    changed = [o for o, n in zip(before["indicators"], _csv_rows(processed / "indicators.csv"),
                                 strict=True) if o != n]
    assert changed and all("raw/2024/gudo.txt" in row for row in changed)


def test_unchanged_ingest_writes_nothing(data):
    processed = data / "processed"
    stamps = {p.name: p.stat().st_mtime_ns for p in processed.iterdir()}
    assert main(["-q", "ingest", str(data / "raw"), "--data", str(data)]) == 0
    assert {p.name: p.stat().st_mtime_ns for p in processed.iterdir()} == stamps


def test_a_removed_raw_file_drops_out_of_every_table(data, capsys):
    (data / "raw" / "2024" / "ploso.txt").unlink()
    assert main(["-q", "ingest", str(data / "raw"), "--data", str(data)]) == 0
    assert "dihapus 1" in capsys.readouterr().err
    tables = load_dataset(data / "processed")
    for name, frame in tables.items():
        assert "raw/2024/ploso.txt" not in set(frame["source_file"]), name
    sources = read_csv_file(data / "processed", "sources.csv")
    assert list(sources["source_file"]) == ["raw/2024/gudo.txt", "raw/2024/perak.txt"]
    findings = read_csv_file(data / "processed", "findings.csv")
    assert "raw/2024/ploso.txt" not in set(findings.get("file", []))


def _cut_at_line(path: Path) -> None:
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[: len(lines) // 2]))


def _cut_mid_row(path: Path) -> None:
    data = path.read_bytes()
    lines = data.splitlines(keepends=True)
    cut = sum(len(x) for x in lines[: len(lines) // 2]) + len(lines[len(lines) // 2]) // 2
    path.write_bytes(data[:cut])


def _cut_in_quoted_field(path: Path) -> None:
    data = path.read_bytes()
    quote = data.index(b'"', data.index(b"\n"))
    path.write_bytes(data[: quote + 3])


@pytest.mark.parametrize("damage, fname", [
    (_cut_at_line, "indicators.csv"), (_cut_mid_row, "indicators.csv"),
    (_cut_at_line, "indicators.parquet"), (_cut_in_quoted_field, "findings.csv"),
    (lambda p: p.unlink(), "budget.parquet"), (_cut_mid_row, "sources.csv")])
def test_a_damaged_dataset_is_never_used_and_is_rebuilt_from_raw(data, capsys, damage, fname):
    processed = data / "processed"
    whole = {k: len(v) for k, v in load_dataset(processed).items()}
    damage(processed / fname)
    with pytest.raises(DamagedDatasetError) as err:
        load_dataset(processed)
        read_csv_file(processed, "findings.csv")
        read_csv_file(processed, "sources.csv")
    assert "\n" not in str(err.value) and "sakip run" in str(err.value)
    assert main(["-q", "ingest", str(data / "raw" / "2024" / "gudo.txt"),
                 "--data", str(data)]) == 0
    assert "dibangun ulang" in capsys.readouterr().err
    assert {k: len(v) for k, v in load_dataset(processed).items()} == whole
    assert len(read_csv_file(processed, "sources.csv")) == 3


def test_a_damaged_dataset_with_sources_from_elsewhere_is_refused_in_one_line(
        tmp_path, data, demo_docs, capsys):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    generate_demo(outside, kecamatan=["Kudu"], years=(2023,), formats=("txt",))
    assert main(["-q", "ingest", str(outside / "2023" / "kudu.txt"), "--data", str(data)]) == 0
    _cut_at_line(data / "processed" / "indicators.csv")
    capsys.readouterr()
    assert main(["-q", "ingest", str(data / "raw"), "--data", str(data)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "rusak" in err[0] and "indicators.csv" in err[0]
    assert "git checkout" in err[0]


def test_a_writer_killed_after_its_journal_is_rolled_forward(data, monkeypatch):
    processed = data / "processed"
    tables = load_dataset(processed)
    tables["indicators"] = tables["indicators"].iloc[:5]
    real = os.replace
    calls = []

    def dies_after_first_rename(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the process is stopped between two renames
        real(src, dst)
    monkeypatch.setattr(ds.os, "replace", dies_after_first_rename)
    with pytest.raises(KeyboardInterrupt):
        ds.write_dataset(tables, processed)
    monkeypatch.setattr(ds.os, "replace", real)
    assert (processed / ds.PENDING).exists()
    assert len(load_dataset(processed)["indicators"]) == 5  # finished by the reader
    assert not (processed / ds.PENDING).exists()
    assert ds.status(processed) == ("ok", [])


def test_a_writer_killed_before_its_journal_leaves_the_old_version(data, monkeypatch):
    processed = data / "processed"
    whole = load_dataset(processed)
    tables = {k: v.iloc[:1] for k, v in whole.items()}
    monkeypatch.setattr(ds, "_workbook_writer", lambda frames: _raise)
    with pytest.raises(KeyboardInterrupt):
        ds.write_dataset(tables, processed)
    assert not list(processed.glob(".*.tmp"))
    assert {k: len(v) for k, v in load_dataset(processed).items()} == \
        {k: len(v) for k, v in whole.items()}


def _raise(path):
    raise KeyboardInterrupt


def test_a_second_writer_waits_and_says_who_holds_the_lock(data):
    processed = data / "processed"
    env = {**os.environ, "SAKIP_LOCK_WAIT": "1"}
    with ds.dataset_lock(processed):
        done = subprocess.run([*SAKIP, "-q", "ingest", str(data / "raw"), "--data", str(data),
                               "--force"], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2
    assert f"proses {os.getpid()}" in done.stderr and "menunggu" in done.stderr
    assert "Traceback" not in done.stderr


def test_two_ingests_at_once_lose_no_rows(tmp_path, demo_docs):
    data = tmp_path / "data"
    files = [demo_docs / "perak.txt", demo_docs / "gudo.txt"]
    with ds.dataset_lock(data / "processed"):  # both start while the folder is held
        procs = [subprocess.Popen([*SAKIP, "-q", "ingest", str(f), "--data", str(data)],
                                  stderr=subprocess.PIPE, text=True) for f in files]
        time.sleep(2.0)
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    assert all("dibaca 1" in e for e in errors)
    tables = load_dataset(data / "processed")
    assert set(tables["indicators"]["source_file"]) == {"perak.txt", "gudo.txt"}
    sources = read_csv_file(data / "processed", "sources.csv")
    assert sorted(sources["source_file"]) == ["gudo.txt", "perak.txt"]
    # Each report's rows are all there: as many as ingesting it alone gives.
    alone = tmp_path / "alone"
    assert main(["-q", "ingest", str(files[0]), "--data", str(alone)]) == 0
    n_alone = (load_dataset(alone / "processed")["indicators"]["source_file"]
               == "perak.txt").sum()
    assert (tables["indicators"]["source_file"] == "perak.txt").sum() == n_alone > 0


def test_the_duplicate_kecamatan_year_is_one_error_naming_both_files(data, capsys):
    shutil.copy(data / "raw" / "2024" / "gudo.txt", data / "raw" / "2024" / "gudo-salinan.txt")
    capsys.readouterr()
    assert main(["-q", "ingest", str(data / "raw"), "--data", str(data)]) == 2
    err = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("galat")]
    assert len(err) == 1
    assert "raw/2024/gudo-salinan.txt" in err[0] and "raw/2024/gudo.txt" in err[0]
    tables = load_dataset(data / "processed")
    assert "raw/2024/gudo-salinan.txt" not in set(tables["indicators"]["source_file"])
    sources = read_csv_file(data / "processed", "sources.csv").set_index("source_file")
    assert sources.loc["raw/2024/gudo-salinan.txt", "status"] == "failed"


def test_csv_cells_round_trip_through_the_formula_guard(tmp_path):
    frame = pd.read_csv(io.StringIO("a\n=1+2\n'=x\n-5\n"), dtype=str)
    from sakip_analysis.read.spreadsheet import escape_frame, unescape_frame

    assert list(escape_frame(frame)["a"]) == ["'=1+2", "''=x", "-5"]
    assert list(unescape_frame(escape_frame(frame))["a"]) == ["=1+2", "'=x", "-5"]


def test_parquet_is_read_as_pandas_reads_it_and_on_one_thread(data):
    """The reader the zygote may use before forking: pandas' frames, and no thread started
    (checked in a fresh process: Arrow's pools, once started, stay)."""
    processed = data / "processed"
    for path in sorted(processed.glob("*.parquet")):
        frame = ds._parse_parquet(path.read_bytes())
        expected = pd.read_parquet(path)
        for col in ds.BOOLEAN_COLUMNS:
            if col in expected.columns:
                expected[col] = expected[col].astype("boolean")
        pd.testing.assert_frame_equal(frame, expected)
    script = ("import os, sys; from sakip_analysis.read.dataset import load_dataset; "
              "n = len(os.listdir('/proc/self/task')); load_dataset(sys.argv[1]); "
              "print(n, len(os.listdir('/proc/self/task')))")
    if not Path("/proc/self/task").is_dir():
        pytest.skip("counting a process's threads needs /proc")
    out = subprocess.run([sys.executable, "-c", script, str(processed)], capture_output=True,
                         text=True, check=True).stdout.split()
    assert out[0] == out[1], f"threads before and after reading: {out}"


def test_a_preloaded_dataset_is_handed_out_once_while_its_manifest_holds(data, monkeypatch):
    processed = data / "processed"
    monkeypatch.setattr(ds, "_PRELOADED", {})
    assert ds.preload(processed)
    held = ds._PRELOADED[processed.resolve()][1]
    assert load_dataset(processed) is held  # the frames read ahead
    again = load_dataset(processed)  # handed out once: a notebook's changes stay its own
    assert again is not held
    for name in held:
        pd.testing.assert_frame_equal(again[name], held[name])
    assert ds.preload(processed)
    held = ds._PRELOADED[processed.resolve()][1]
    assert load_dataset(processed, validate=True) is not held  # asked to validate: reads
    manifest = processed / "manifest.json"  # a dataset written since: read anew
    manifest.write_bytes(manifest.read_bytes() + b"\n")
    assert load_dataset(processed) is not held
    assert not ds._PRELOADED
    manifest.unlink()  # no manifest, no promise of a validated version: not read ahead
    assert not ds.preload(processed)
