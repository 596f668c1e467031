"""Which pages a dataset calls for, per data source and unit kind, and which of them a change
of one figure rebuilds (the fingerprint of the rows each page reads)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sakip_analysis.read.dataset import load_dataset
from sakip_analysis.report.batch import job_hash
from sakip_analysis.report.plan import plan_jobs

REPO = Path(__file__).resolve().parents[2]
BUNDLED = REPO / "data" / "processed"


@pytest.fixture(scope="module")
def bundled() -> dict[str, pd.DataFrame]:
    if not (BUNDLED / "indicators.csv").exists():
        pytest.skip(f"the bundled dataset {BUNDLED} is absent (run `uv run sakip run` once)")
    return load_dataset(BUNDLED)


def _hashes(tables, data_dir: Path, findings=None) -> dict[str, str]:
    return {job.output: job_hash(job) for job in plan_jobs(tables, data_dir, findings=findings)}


def _edit(tables, kecamatan: str, year: int, indicator: str, value: float):
    """A copy of the dataset with one realisasi changed in one report's IKU table."""
    out = dict(tables)
    rows = out["indicators"].copy()
    hit = ((rows["kecamatan"] == kecamatan) & (rows["year"] == year)
           & (rows["period_year"] == year) & (rows["table_kind"] == "iku")
           & (rows["indicator"] == indicator))
    assert hit.sum() == 1
    rows.loc[hit, "realisasi"] = value
    out["indicators"] = rows
    return out


def test_real_and_synthetic_reports_get_their_own_pages(bundled):
    jobs = plan_jobs(bundled, BUNDLED)
    by_output = {job.output: job for job in jobs}
    # the bundled data: 20 synthetic kecamatan × 2022–2024 and the real Jogoroto 2024
    real = [j for j in jobs if j.parameters.get("data_source") == "laporan"]
    assert sorted(j.output for j in real) == [
        "asli/2024/jogoroto.html", "asli/2024/perbandingan.html", "asli/2024/temuan.html",
        "asli/tren/jogoroto.html"]
    assert all(not j.synthetic and "data laporan asli" in j.provenance for j in real)
    demo = [j for j in jobs if j.parameters.get("data_source") == "sintetis"]
    assert len(demo) == 20 * 3 + 3 * 2 + 20
    assert all(j.synthetic and j.output.startswith("demo/") for j in demo)
    assert by_output["demo/2024/perbandingan.html"].provenance == (
        "Sumber: 20 laporan kecamatan tahun 2024 (data demo sintetis)")
    # one year of the real Jogoroto is still a trend page
    assert by_output["asli/tren/jogoroto.html"].parameters["years"] == [2024]


def test_one_changed_figure_rebuilds_only_the_pages_that_show_it(bundled):
    before = _hashes(bundled, BUNDLED)
    edited = _edit(bundled, "Diwek", 2023, "Nilai SAKIP", 12.34)
    after = _hashes(edited, BUNDLED)
    changed = sorted(o for o in before if before[o] != after[o])
    # its page, the later page that shows 2023 in its history, its trend page, and the
    # comparison and review of 2023 — nothing else
    assert changed == ["demo/2023/diwek.html", "demo/2023/perbandingan.html",
                       "demo/2023/temuan.html", "demo/2024/diwek.html", "demo/tren/diwek.html"]


def test_row_order_does_not_rebuild_anything(bundled):
    shuffled = {name: frame.sample(frac=1, random_state=1) if len(frame) else frame
                for name, frame in bundled.items()}
    assert _hashes(shuffled, BUNDLED) == _hashes(bundled, BUNDLED)


def test_a_finding_of_one_report_rebuilds_its_page_not_its_neighbours(bundled, tmp_path):
    findings = pd.DataFrame([{"rule": "R101", "family": "ratio", "severity": "error",
                              "message": "x", "file": "raw/demo/2024/perak.txt", "table": "T",
                              "table_index": 1, "page": None, "line": 5, "related_lines": "",
                              "reported": "1", "expected": "2", "kecamatan": "Perak",
                              "year": 2024}])
    before = _hashes(bundled, tmp_path, findings.iloc[0:0])
    after = _hashes(bundled, tmp_path, findings)
    changed = sorted(o for o in before if before[o] != after[o])
    assert changed == ["demo/2024/perak.html", "demo/2024/perbandingan.html",
                       "demo/2024/temuan.html", "demo/tren/perak.html"]


def test_unit_kinds_are_compared_apart_and_an_empty_source_gets_a_page(bundled, tmp_path):
    tables = {name: frame.copy() for name, frame in bundled.items()}
    for frame in tables.values():
        if "kecamatan" in frame.columns:
            frame["unit_kind"] = frame["kecamatan"].map(
                lambda k: "opd" if k in ("Perak", "Gudo") else "kecamatan")
    (tmp_path / "sources.csv").write_text(
        "source_file,sha256,status,error,text\nraw/2024/sampul.pdf,ab,kosong,tanpa tabel,no\n",
        encoding="utf-8")
    jobs = {job.output: job for job in plan_jobs(tables, tmp_path)}
    opd = jobs["demo-opd/2024/perbandingan.html"]
    assert opd.parameters["unit_kind"] == "opd"
    assert opd.provenance == "Sumber: 2 laporan OPD tahun 2024 (data demo sintetis)"
    assert jobs["demo/2024/perbandingan.html"].provenance.startswith("Sumber: 18 laporan")
    assert jobs["demo-opd/2024/perak.html"].title == "Laporan Kinerja OPD Perak Tahun 2024"
    empty = jobs["kosong/sampul.html"]
    assert empty.kind == "kosong" and empty.parameters["source_file"] == "raw/2024/sampul.pdf"


def test_findings_read_back_are_written_unchanged(tmp_path):
    """`sakip run` keeps the findings of a report stored without its text by reading them back
    from findings.csv; writing them again must not change a byte, or every run would rebuild
    that report's pages."""
    from sakip_analysis.review.findings import frame_of, write_findings

    first = tmp_path / "a.csv"
    write_findings(frame_of([{"rule": "R301", "family": "sum", "severity": "error",
                              "message": "m", "file": "f.txt", "line": 716,
                              "related_lines": [717, 718, 730], "year": 2024}]), "csv", first)
    again = tmp_path / "b.csv"
    write_findings(pd.read_csv(first, dtype=str, keep_default_na=False), "csv", again)
    assert again.read_bytes() == first.read_bytes()
    assert "717 718 730" in first.read_text(encoding="utf-8")


def test_two_spellings_of_a_name_are_one_report(bundled):
    tables = {name: frame.copy() for name, frame in bundled.items()}
    catalog = tables["tables"]
    perak = catalog["kecamatan"] == "Perak"
    catalog.loc[perak & (catalog.index % 2 == 0), "kecamatan"] = "PERAK "
    jobs = [j for j in plan_jobs(tables, BUNDLED) if "perak" in j.output]
    assert sorted(j.output for j in jobs) == [
        "demo/2022/perak.html", "demo/2023/perak.html", "demo/2024/perak.html",
        "demo/tren/perak.html"]
    only = plan_jobs(tables, BUNDLED, kecamatan=["perak"], years=[2024])
    assert sorted(j.output for j in only if j.kind in ("kecamatan", "tren")) == [
        "demo/2024/perak.html", "demo/tren/perak.html"]
