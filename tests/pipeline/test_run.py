"""`sakip run` end to end on a small data folder: documents → dataset → every HTML report."""

import re

import pytest

from sakip_analysis.cli import main
from sakip_analysis.demo import generate_demo

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("data")
    generate_demo(root / "raw" / "demo", kecamatan=["Perak", "Gudo"], years=(2023, 2024),
                  formats=("txt",), inject=True)
    broken = root / "raw" / "2024" / "ploso.txt"
    broken.parent.mkdir(parents=True)
    broken.write_bytes(b"")
    reports = root / "reports"
    code = main(["-q", "run", "--data", str(root), "--reports", str(reports), "--jobs", "2"])
    return code, root, reports


def test_exit_code_says_something_failed(run):
    code, _, _ = run
    assert code == 2


@pytest.mark.parametrize("page", [
    "2023/perak.html", "2024/perak.html", "2023/gudo.html", "2024/gudo.html",
    "2023/perbandingan.html", "2024/perbandingan.html", "2023/temuan.html",
    "2024/temuan.html", "tren/perak.html", "tren/gudo.html"])
def test_every_report_exists_with_figures_and_no_code(run, page):
    _, _, reports = run
    html = (reports / page).read_text(encoding="utf-8")
    assert "highlight hl-ipython3" not in html and "input_area" not in html
    assert re.search(r"\d+,\d{2}%", html)  # an Indonesian percentage was printed
    assert "Data demo sintetis" in html
    assert "data:image/png;base64" in html or "temuan" in page
    assert not (reports / page).with_suffix(".ipynb").exists()  # kept with --keep-notebooks only


def test_index_lists_every_report_and_the_broken_document(run):
    _, _, reports = run
    index = (reports / "index.html").read_text(encoding="utf-8")
    for page in ("2024/perak.html", "2023/gudo.html", "2024/perbandingan.html",
                 "2024/temuan.html", "tren/gudo.html"):
        assert f'href="{page}"' in index
    assert "raw/2024/ploso.txt" in index and "berkas kosong" in index


def test_second_run_reuses_unchanged_reports(run):
    _, root, reports = run
    before = (reports / "2024/perak.html").stat().st_mtime_ns
    main(["-q", "run", "--data", str(root), "--reports", str(reports), "--jobs", "2"])
    assert (reports / "2024/perak.html").stat().st_mtime_ns == before
