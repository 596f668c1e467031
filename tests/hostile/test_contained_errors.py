"""An internal error (a bug met on one report) stays with that report; one that escapes the
batch is one line, a log with the traceback and its own exit code."""

from __future__ import annotations

import shutil

import pytest
from hostile_corpus import good_report

from sakip_analysis.cli import EXIT_INPUT, EXIT_INTERNAL, main
from sakip_analysis.pipeline import ingest as ingest_module
from sakip_analysis.read import collect
from sakip_analysis.read.dataset import load_dataset, read_csv_file


@pytest.fixture()
def raw(tmp_path, monkeypatch):
    monkeypatch.setenv("SAKIP_LOG_DIR", str(tmp_path / "logs"))
    folder = tmp_path / "data" / "raw"
    folder.mkdir(parents=True)
    for kec in ("Perak", "Gudo"):
        shutil.copy(good_report(tmp_path / "demo", kec), folder / f"{kec.lower()}.txt")
    return folder


def _one_log(tmp_path):
    logs = list((tmp_path / "logs").iterdir())
    assert len(logs) == 1
    text = logs[0].read_text()
    assert "Traceback (most recent call last)" in text
    return logs[0], text


def test_a_bug_met_while_reading_one_report_fails_only_that_report(tmp_path, raw, monkeypatch,
                                                                   capsys):
    real = collect.extract_records

    def breaks_on_gudo(doc, **kw):
        if "gudo" in str(doc.path):
            raise TypeError("unsupported operand type(s) for +: 'int' and 'NoneType'")
        return real(doc, **kw)
    monkeypatch.setattr(collect, "extract_records", breaks_on_gudo)
    assert main(["-q", "ingest", str(raw), "--data", str(raw.parent)]) == EXIT_INPUT
    err = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("galat")]
    log, text = _one_log(tmp_path)
    assert len(err) == 1 and "raw/gudo.txt" in err[0] and "kesalahan internal" in err[0]
    assert str(log) in err[0] and "TypeError" in text
    tables = load_dataset(raw.parent / "processed")
    assert set(tables["indicators"]["source_file"]) == {"raw/perak.txt"}
    sources = read_csv_file(raw.parent / "processed", "sources.csv").set_index("source_file")
    assert sources.loc["raw/gudo.txt", "status"] == "failed"


def test_a_checker_bug_on_one_report_fails_only_that_report(tmp_path, raw, monkeypatch):
    real = ingest_module.check

    def breaks_with_gudo(tables):
        if (tables["indicators"]["source_file"] == "raw/gudo.txt").any():
            raise TypeError("'<' not supported between instances of 'NoneType' and 'int'")
        return real(tables)
    monkeypatch.setattr(ingest_module, "check", breaks_with_gudo)
    assert main(["-q", "ingest", str(raw), "--data", str(raw.parent)]) == EXIT_INPUT
    _one_log(tmp_path)
    sources = read_csv_file(raw.parent / "processed", "sources.csv").set_index("source_file")
    assert sources.loc["raw/gudo.txt", "status"] == "failed"
    assert "saat memeriksa" in sources.loc["raw/gudo.txt", "error"]
    assert sources.loc["raw/perak.txt", "status"] == "ok"
    findings = read_csv_file(raw.parent / "processed", "findings.csv")
    assert set(findings["file"]) <= {"raw/perak.txt"}


def test_an_internal_error_outside_a_report_is_one_line_a_log_and_exit_3(tmp_path, raw,
                                                                          monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("dictionary changed size during iteration")
    monkeypatch.setattr(ingest_module, "write_dataset", broken)
    assert main(["-q", "ingest", str(raw), "--data", str(raw.parent)]) == EXIT_INTERNAL
    err = capsys.readouterr().err.strip().splitlines()
    log, text = _one_log(tmp_path)
    assert len(err) == 1 and "kesalahan internal" in err[0] and str(log) in err[0]
    assert "RuntimeError: dictionary changed size" in text
