"""Each notebook runs with papermill on a small synthetic dataset (2 kecamatan × 2 years) and
its HTML export, without code, shows the sections and the figures computed from the data."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
KECAMATAN = ["Jogoroto", "Diwek"]
YEARS = (2023, 2024)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    """Demo documents → tidy dataset → findings.csv, as `sakip run` would leave them."""
    from sakip_analysis.demo import generate_demo
    from sakip_analysis.read.dataset import write_dataset
    from sakip_analysis.read.extract import extract_paths
    from sakip_analysis.review import check_tables
    from sakip_analysis.review.findings import write_findings

    root = tmp_path_factory.mktemp("nb")
    generate_demo(root / "raw", seed=11, kecamatan=KECAMATAN, years=YEARS, formats=("txt",),
                  inject=True)
    result = extract_paths(sorted((root / "raw").rglob("*.txt")))
    assert not result.failed
    data = write_dataset(result.tables, root / "processed", xlsx=False)
    findings = check_tables(result.tables)
    assert (findings["year"] == 2024).sum() > 0  # the injected inconsistencies are found
    write_findings(findings, "csv", data / "findings.csv")
    return data


RUNS = {
    "kecamatan_report": ("kecamatan_report", {"kecamatan": "Jogoroto", "year": 2024}),
    "cross_kecamatan": ("cross_kecamatan", {"year": 2024}),
    "inconsistency_review": ("inconsistency_review", {"year": 2024, "kecamatan": None,
                                                      "min_severity": "info"}),
    "trends": ("trends", {"kecamatan": "Jogoroto", "years": []}),
    "absent_kecamatan": ("kecamatan_report", {"kecamatan": "Wonosalam", "year": 2024}),
}


def _execute(notebook: str, parameters: dict, out: Path) -> nbformat.NotebookNode:
    import papermill

    for attempt in (1, 2):  # kernels started together may collide on a port: retry once
        try:
            return papermill.execute_notebook(
                str(NOTEBOOKS / f"{notebook}.ipynb"), str(out), parameters=parameters,
                kernel_name="python3", progress_bar=False, shutdown_kernel="immediate",
                execution_timeout=300)
        except RuntimeError as exc:
            if attempt == 2 or "kernel" not in str(exc).lower():
                raise
    raise AssertionError("unreachable")


@pytest.fixture(scope="module")
def executed(dataset, tmp_path_factory) -> dict[str, tuple[nbformat.NotebookNode, str]]:
    """Every run of RUNS, executed two at a time; (notebook, HTML without code) by name."""
    from nbconvert import HTMLExporter

    out = tmp_path_factory.mktemp("executed")
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(_execute, notebook, {"data_dir": str(dataset), **params},
                                     out / f"{name}.ipynb")
                   for name, (notebook, params) in RUNS.items()}
        books = {name: future.result() for name, future in futures.items()}
    return {name: (book, exporter.from_notebook_node(book)[0]) for name, book in books.items()}


def _stderr(book: nbformat.NotebookNode) -> list[str]:
    return ["".join(o.get("text", "")) for cell in book.cells if cell.cell_type == "code"
            for o in cell.get("outputs", []) if o.get("name") == "stderr"]


def _headings(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>|¶", "", h).strip()
            for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html, flags=re.S)]


def _pct(value: float) -> str:
    """An independent Indonesian percent: 2 decimals, comma mark, `.` grouping not needed."""
    return f"{value:.2f}".replace(".", ",") + "%"


def _common_checks(book: nbformat.NotebookNode, html: str) -> None:
    assert not _stderr(book), _stderr(book)
    assert "highlight hl-ipython3" not in html  # no code in the report
    assert "load_dataset" not in html
    assert "Data demo sintetis — bukan data resmi" in html
    assert "Traceback" not in html


def test_notebooks_are_stored_clean_with_parameters():
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        book = nbformat.read(path, as_version=4)
        assert book.metadata["kernelspec"]["name"] == "python3", path.name
        tagged = [c for c in book.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, path.name
        assert all(not c.get("outputs") and c.get("execution_count") is None
                   for c in book.cells if c.cell_type == "code"), path.name


def test_kecamatan_report(executed, dataset):
    book, html = executed["kecamatan_report"]
    _common_checks(book, html)
    assert _headings(html)[:6] == [
        "Ringkasan", "IKU dan capaian", "Serapan anggaran per program dan kegiatan",
        "Kinerja dan anggaran", "Efisiensi penggunaan sumber daya",
        "Dibandingkan tahun sebelumnya dan target Renstra"]
    for heading in ("Dibandingkan kabupaten dan provinsi", "Nilai SAKIP",
                    "Inkonsistensi dalam laporan"):
        assert heading in _headings(html)
    assert "Kecamatan Jogoroto" in html
    indicators = pd.read_csv(dataset / "indicators.csv")
    iku = indicators[(indicators["kecamatan"] == "Jogoroto") & (indicators["year"] == 2024)
                     & (indicators["table_kind"] == "iku") & (indicators["level"] == "iku")]
    for row in iku.itertuples():
        assert _pct(row.realisasi / row.target * 100) in html
    budget = pd.read_csv(dataset / "budget.csv")
    total = budget[(budget["kecamatan"] == "Jogoroto") & (budget["year"] == 2024)
                   & (budget["table_kind"] == "budget") & (budget["level"] == "total")].iloc[0]
    assert _pct(total.realisasi / total.pagu * 100) in html
    assert f"{int(total.pagu):,}".replace(",", ".") in html  # e.g. 2.954.994.511
    assert html.count('src="data:image/png;base64') >= 6


def test_cross_kecamatan(executed):
    book, html = executed["cross_kecamatan"]
    _common_checks(book, html)
    assert _headings(html) == [
        "Peringkat kecamatan", "Capaian per kecamatan dan indikator", "Sebaran dan pencilan",
        "Kinerja dan serapan anggaran", "Nilai dan predikat SAKIP",
        "Jumlah inkonsistensi per kecamatan"]
    assert "Perbandingan 2 kecamatan Kabupaten Jombang tahun 2024" in html
    assert "Jogoroto" in html and "Diwek" in html
    assert html.count('src="data:image/png;base64') >= 5


def test_inconsistency_review(executed, dataset):
    book, html = executed["inconsistency_review"]
    _common_checks(book, html)
    assert _headings(html)[:2] == ["Ringkasan per kelompok", "Semua temuan"]
    from sakip_analysis.formatting import FAMILY_LABELS

    findings = pd.read_csv(dataset / "findings.csv")
    of_year = findings[findings["year"] == 2024]
    assert len(of_year) > 0
    assert f"<strong>{len(of_year)} temuan</strong>" in html
    for family, n in of_year["family"].value_counts().items():
        assert f"{FAMILY_LABELS[family]} ({n} temuan)" in _headings(html)
    assert "Data yang ditampilkan: data demo sintetis." in html


def test_trends(executed):
    book, html = executed["trends"]
    _common_checks(book, html)
    assert _headings(html) == ["Capaian IKU per tahun", "Target dan realisasi per indikator",
                               "Anggaran per tahun", "Serapan per program",
                               "Nilai SAKIP per tahun"]
    assert "Capaian 2023 (%)" in html and "Capaian 2024 (%)" in html
    assert "Serapan 2023 (%)" in html
    assert html.count('src="data:image/png;base64') >= 4


def test_kecamatan_without_report_shows_notes_not_errors(executed):
    book, html = executed["absent_kecamatan"]
    assert not _stderr(book)
    assert "Laporan Kecamatan Wonosalam tahun 2024 tidak ada dalam data." in html
    assert "Tabel capaian IKU tidak ada dalam laporan ini." in html
    assert "Tabel perbandingan kabupaten/provinsi tidak ada dalam laporan ini." in html
    assert 'src="data:image/png;base64' not in html


# --------------------------------------------------------------------------- real next to demo

@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    """The demo documents (with a synthetic Jogoroto) and the real Jogoroto 2024 report in one
    dataset, plus a source listed as `kosong` (read, no table)."""
    from conftest import REFERENCE_TXT, need

    from sakip_analysis.demo import generate_demo
    from sakip_analysis.read.dataset import write_dataset
    from sakip_analysis.read.extract import extract_paths
    from sakip_analysis.review import check_tables
    from sakip_analysis.review.findings import write_findings

    reference = need(REFERENCE_TXT)
    root = tmp_path_factory.mktemp("mixed")
    generate_demo(root / "raw", seed=11, kecamatan=KECAMATAN, years=YEARS, formats=("txt",),
                  inject=True)
    result = extract_paths([*sorted((root / "raw").rglob("*.txt")), reference])
    assert not result.failed
    data = write_dataset(result.tables, root / "processed", xlsx=False)
    write_findings(check_tables(result.tables), "csv", data / "findings.csv")
    (data / "sources.csv").write_text("source_file,sha256,status,error,text\n"
                                      "raw/2024/sampul.pdf,ab,kosong,tidak ada tabel,no\n",
                                      encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> Path:
    from sakip_analysis.demo.national import write_national

    return write_national(tmp_path_factory.mktemp("nasional"), n_kecamatan=700,
                          n_kabupaten=46, years=(2023, 2024))


MIXED_RUNS = {
    "real_report": ("kecamatan_report", {"kecamatan": "Jogoroto", "year": 2024,
                                         "data_source": "laporan"}),
    "real_trend": ("trends", {"kecamatan": "Jogoroto", "years": [],
                              "data_source": "laporan"}),
    "real_cross": ("cross_kecamatan", {"year": 2024, "data_source": "laporan"}),
    "demo_cross": ("cross_kecamatan", {"year": 2024, "data_source": "sintetis"}),
    "empty": ("empty_source", {"source_file": "raw/2024/sampul.pdf"}),
}


@pytest.fixture(scope="module")
def executed_mixed(mixed, national, tmp_path_factory):
    from nbconvert import HTMLExporter

    out = tmp_path_factory.mktemp("executed-mixed")
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    runs = {name: (nb, {"data_dir": str(mixed), **params})
            for name, (nb, params) in MIXED_RUNS.items()}
    runs["national"] = ("cross_kecamatan", {"data_dir": str(national), "year": 2024})
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(_execute, nb, params, out / f"{name}.ipynb")
                   for name, (nb, params) in runs.items()}
        books = {name: future.result() for name, future in futures.items()}
    return {name: (book, exporter.from_notebook_node(book)[0]) for name, book in books.items()}


def test_the_real_report_is_shown_and_compared_on_its_own(executed_mixed, mixed):
    book, html = executed_mixed["real_report"]
    assert not _stderr(book)
    assert "Data demo sintetis" not in html
    assert "Data yang ditampilkan: data laporan asli." in html
    assert "lkjip-jogoroto-2024.txt" in html and "jogoroto-2024.txt" in html
    # the reference prints Nilai SAKIP 72,00 (target) and 67,84 (realisasi): 94,22 %
    assert "94,22%" in html
    book, html = executed_mixed["real_cross"]
    assert "Perbandingan 1 kecamatan Kabupaten Jombang tahun 2024" in html
    assert "Diwek" not in html
    book, html = executed_mixed["demo_cross"]
    assert "Perbandingan 2 kecamatan Kabupaten Jombang tahun 2024:</strong> Diwek, Jogoroto." \
        in html
    assert "Data yang ditampilkan: data demo sintetis." in html
    # the real Jogoroto's findings are not counted among the demo's
    findings = pd.read_csv(mixed / "findings.csv")
    demo = findings[(findings["year"] == 2024) & ~findings["file"].str.contains("lkjip")]
    assert f"{len(demo)} temuan dari 2 laporan" in html


def test_a_real_report_of_one_year_has_a_trend_page(executed_mixed):
    book, html = executed_mixed["real_trend"]
    assert not _stderr(book)
    assert "Kecamatan Jogoroto, tahun" in html
    assert "Capaian 2024 (%)" in html
    assert "Data demo sintetis" not in html


def test_an_empty_source_says_there_is_nothing_to_show(executed_mixed):
    book, html = executed_mixed["empty"]
    assert not _stderr(book)
    assert "Dokumen sampul.pdf terbaca, tetapi tidak memuat tabel" in html
    assert "Keterangan: tidak ada tabel" in html


def test_the_comparison_of_700_kecamatan_aggregates(executed_mixed):
    book, html = executed_mixed["national"]
    assert not _stderr(book)
    assert "Perbandingan 700 kecamatan dari 46 kabupaten tahun 2024." in html
    assert "20 kecamatan teratas dan terbawah" in html
    assert "Setiap baris adalah satu kabupaten" in html
    assert html.count('src="data:image/png;base64') >= 5
    assert "Traceback" not in html
