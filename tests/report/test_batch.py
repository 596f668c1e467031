"""The notebook batch engine: real kernels on tiny notebooks written here with nbformat.

Kernel runs are the cost (≈1 s each, ≈4 s for one importing pandas+matplotlib on a machine
without bytecode caches), so only one notebook draws a chart; the others are plain Python.
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path
from urllib.parse import unquote

import nbformat
import numpy as np
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from sakip_analysis.errors import SakipError
from sakip_analysis.report.batch import (
    STATE_FILE,
    BatchError,
    NotebookJob,
    job_hash,
    run_batch,
    write_index,
)
from sakip_analysis.report.html_export import notebook_html, table_of_contents

pytestmark = pytest.mark.slow


def make_notebook(path: Path, parameters: str, *cells: str) -> Path:
    """A notebook with a `parameters` cell; a cell starting with '#' is markdown."""
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [new_code_cell(parameters, metadata={"tags": ["parameters"]})]
    nb.cells += [new_markdown_cell(c) if c.startswith("#") else new_code_cell(c) for c in cells]
    nbformat.write(nb, path)
    return path


def report_notebook(folder: Path) -> Path:
    return make_notebook(
        folder / "laporan.ipynb", 'kecamatan = "contoh"\nnilai = 0',
        "# Ringkasan Kinerja\n\n## Capaian Indikator",
        "import matplotlib.pyplot as plt\nimport pandas as pd\nprint(f'NILAI-{nilai * 2}')",
        "fig, ax = plt.subplots(figsize=(3, 2))\nax.bar(['a', 'b'], [1, nilai])\n"
        "ax.set_title(f'Grafik {kecamatan}')\nplt.show()",
        "pd.DataFrame({'indikator': ['IKU-1'], 'capaian': [nilai / 10]})",
        "### Catatan & Lampiran")


def plain_notebook(folder: Path) -> Path:
    """Prints x·3 and, when given, the content of a data file: proof of what it ran on."""
    return make_notebook(
        folder / "polos.ipynb", "x = 0\ndata = None",
        "## Hasil",
        "import sys\nprint(f'HASIL-{x * 3} PY-{sys.executable}')\n"
        "if data:\n    print('ISI-' + open(data).read().strip())")


def broken_notebook(folder: Path) -> Path:
    return make_notebook(folder / "rusak.ipynb", "x = 0", "print('SEBELUM')",
                         "raise ValueError(f'data rusak {x}')", "## Bagian Sesudah",
                         "print('SESUDAH')")


def read(path: str | Path) -> str:
    return Path(path).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    """One batch of three jobs on two workers: a chart report, a plain one, a broken one."""
    folder = tmp_path_factory.mktemp("batch")
    reports = folder / "reports"
    jobs = [
        NotebookJob(report_notebook(folder), {"kecamatan": "Jogoroto", "nilai": 21},
                    "2024/jogoroto.html", "Laporan Kinerja Kecamatan Jogoroto <2024>", "2024",
                    "kecamatan", provenance="Sumber: lkjip-jogoroto-2024.docx (Maret 2025)",
                    synthetic=True),
        NotebookJob(plain_notebook(folder), {"x": 7}, "tren/polos.html", "Tren Polos", "Tren",
                    "tren"),
        NotebookJob(broken_notebook(folder), {"x": 5}, "2024/rusak.html", "Laporan Rusak",
                    "2024", "temuan"),
    ]
    status = run_batch(jobs, reports, n_jobs=2, timeout=120, progress=False,
                       keep_notebooks=True)
    return jobs, reports, status


def test_status_table_has_one_row_per_job_in_order(first_run):
    jobs, reports, status = first_run
    assert list(status.columns) == ["output", "title", "group", "kind", "status", "error",
                                    "seconds", "html_path", "notebook_path"]
    assert list(status["output"]) == [j.output for j in jobs]
    assert list(status["status"]) == ["ok", "ok", "failed"]
    assert status.loc[0, "html_path"] == str(reports.resolve() / "2024/jogoroto.html")
    assert status.loc[0, "notebook_path"] == str(reports.resolve() / "2024/jogoroto.ipynb")


def test_report_html_is_standalone_without_code(first_run):
    _, reports, _ = first_run
    page = read(reports / "2024/jogoroto.html")
    assert "NILAI-42" in page  # nilai=21 injected, 21·2 computed in the kernel
    assert "highlight hl-ipython3" not in page and "print(f" not in page
    assert re.search(r'<img [^>]*src="data:image/png;base64,[A-Za-z0-9+/]{100}', page)
    # the pandas table: capaian 21/10 = 2.1
    assert 'class="dataframe"' in page and "<td>2.1</td>" in page and "IKU-1" in page
    # nothing to fetch from the network or the disk
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page)
    assert not re.search(r'<(?:script|link)\b[^>]*(?:src|href)=', page)
    assert len(page) < 100_000  # no 270 KiB template CSS


def test_report_header_toc_and_banner(first_run):
    _, reports, _ = first_run
    page = read(reports / "2024/jogoroto.html")
    assert "<title>Laporan Kinerja Kecamatan Jogoroto &lt;2024&gt;</title>" in page
    assert '<h1 class="report-title">Laporan Kinerja Kecamatan Jogoroto &lt;2024&gt;</h1>' in page
    assert "Sumber: lkjip-jogoroto-2024.docx (Maret 2025)" in page
    assert "Data demo sintetis — bukan data resmi" in page
    toc = page[page.index('<nav class="toc">'):page.index("</nav>")]
    links = re.findall(r'href="#([^"]+)">([^<]+)</a>', toc)
    assert [text for _, text in links] == ["Ringkasan Kinerja", "Capaian Indikator",
                                           "Catatan &amp; Lampiran"]
    for anchor, _ in links:  # every entry points at a heading of the page
        assert re.search(rf'<h[1-3][^>]*\bid="{re.escape(anchor)}"', page)
    plain = read(reports / "tren/polos.html")
    assert "HASIL-21" in plain and "Data demo sintetis" not in plain
    assert f"PY-{sys.executable}" in plain  # the kernel is this environment's Python


def test_failed_notebook_is_kept_with_its_error(first_run):
    _, _, status = first_run
    row = status.iloc[2]
    assert row["status"] == "failed" and row["error"] == "ValueError: data rusak 5"
    page = read(row["html_path"])
    assert "Notebook gagal dijalankan." in page and "ValueError: data rusak 5" in page
    assert "SEBELUM" in page and "SESUDAH" not in page and "Bagian Sesudah" not in page
    assert 'id="sel-berhenti"' in page and "raise ValueError" in page  # the cell's code, shown
    nb = nbformat.read(row["notebook_path"], as_version=4)
    assert nb.metadata["sakip"]["status"] == "failed"
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert [e.evalue for e in errors] == ["data rusak 5"]


def test_no_temp_files_left(first_run):
    _, reports, _ = first_run
    leftovers = [p.name for p in reports.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
    state = json.loads(read(reports / STATE_FILE))["jobs"]
    assert {k: v["status"] for k, v in state.items()} == {
        "2024/jogoroto.html": "ok", "tren/polos.html": "ok", "2024/rusak.html": "failed"}


def test_index_links_every_report_with_status(first_run):
    _, reports, status = first_run
    extra = pd.DataFrame([{"output": "x.docx", "title": "Dokumen x.docx", "group": "Dokumen",
                           "kind": "dokumen", "status": "failed", "error": "tabel 3 tidak lengkap",
                           "seconds": 0.0, "html_path": None, "notebook_path": None}])
    index = write_index(pd.concat([status, extra], ignore_index=True), reports,
                        title="Laporan Uji", synthetic=True)
    assert index == reports.resolve() / "index.html"
    page = read(index)
    hrefs = re.findall(r'<a href="([^"#]+)">', page)
    # only the pages: an executed notebook is raw JSON to a browser, even when kept
    assert sorted(hrefs) == sorted(["2024/jogoroto.html", "tren/polos.html", "2024/rusak.html"])
    assert (reports / "2024/jogoroto.ipynb").is_file()
    for href in hrefs:  # relative links that resolve on disk
        assert (index.parent / unquote(href)).is_file()
    rows = re.findall(r"<tr class=\"(\w+)\">(.*?)</tr>", page, re.DOTALL)
    by_title = {re.sub(r"<[^>]+>", "", r.split("</td>")[0]): r for _, r in rows}
    assert "berhasil" in by_title["Laporan Kinerja Kecamatan Jogoroto &lt;2024&gt;"]
    assert "gagal" in by_title["Laporan Rusak"]
    assert "ValueError: data rusak 5" in by_title["Laporan Rusak"]
    assert "tabel 3 tidak lengkap" in by_title["Dokumen x.docx"]
    assert [h for h in re.findall(r"<h2 id=\"[^\"]+\">([^<]+)</h2>", page)] == [
        "2024", "Tren", "Dokumen"]
    assert "Data demo sintetis" in page and "Indeks dibuat" in page
    assert "4 laporan: 2 berhasil (0 tidak berubah sejak proses sebelumnya), 2 gagal" in page


def test_index_needs_the_status_columns(tmp_path):
    with pytest.raises(SakipError, match="lacks columns: kind, status"):
        write_index(pd.DataFrame({"output": ["a.html"], "title": ["A"], "group": ["2024"]}),
                    tmp_path)


def test_rerun_skips_unchanged_and_retries_failed(first_run):
    jobs, reports, _ = first_run
    html = reports / "2024/jogoroto.html"
    inode = html.stat().st_ino
    again = run_batch(jobs, reports, n_jobs=2, timeout=120, progress=False,
                      keep_notebooks=True)
    assert list(again["status"]) == ["skipped", "skipped", "failed"]
    assert html.stat().st_ino == inode  # not rewritten
    assert again.loc[0, "notebook_path"].endswith("2024/jogoroto.ipynb")
    page = read(write_index(again, reports))
    assert "berhasil (tidak berubah)" in page


def test_changes_rerun_only_what_changed(tmp_path):
    notebook = plain_notebook(tmp_path)
    data = tmp_path / "data.txt"
    data.write_text("satu", encoding="utf-8")
    reports = tmp_path / "reports"

    def jobs(x1: int) -> list[NotebookJob]:
        return [NotebookJob(notebook, {"x": x1}, "a.html", "A", "2024", "kecamatan"),
                NotebookJob(notebook, {"x": 2, "data": str(data)}, "b.html", "B", "2024",
                            "kecamatan", inputs=(data,))]

    assert list(run_batch(jobs(1), reports, n_jobs=2, progress=False)["status"]) == ["ok", "ok"]
    assert "ISI-satu" in read(reports / "b.html")
    assert list(run_batch(jobs(1), reports, progress=False)["status"]) == ["skipped", "skipped"]
    # a parameter changes: only that report is redone, and shows the new value (4·3 = 12)
    assert list(run_batch(jobs(4), reports, progress=False)["status"]) == ["ok", "skipped"]
    assert "HASIL-12" in read(reports / "a.html")
    # an input's content changes: only the job that declares it is redone
    data.write_text("dua", encoding="utf-8")
    assert list(run_batch(jobs(4), reports, progress=False)["status"]) == ["skipped", "ok"]
    assert "ISI-dua" in read(reports / "b.html")
    inode = (reports / "a.html").stat().st_ino
    assert list(run_batch(jobs(4), reports, n_jobs=2, force=True,
                          progress=False)["status"]) == ["ok", "ok"]
    assert (reports / "a.html").stat().st_ino != inode
    # a deleted report is remade even though nothing else changed
    (reports / "a.html").unlink()
    assert list(run_batch(jobs(4), reports, progress=False)["status"]) == ["ok", "skipped"]


def test_timeout_is_recorded(tmp_path):
    notebook = make_notebook(tmp_path / "lambat.ipynb", "x = 0", "print('MULAI')",
                             "import time\ntime.sleep(120)", "print('TIDAK SAMPAI')")
    job = NotebookJob(notebook, {"x": 1}, "lambat.html", "Lambat", "2024", "kecamatan")
    status = run_batch([job], tmp_path / "r", timeout=2, progress=False, keep_notebooks=True)
    row = status.iloc[0]
    assert row["status"] == "timeout" and "2 detik" in row["error"]
    page = read(row["html_path"])
    assert "melewati batas waktu" in page and "MULAI" in page and "TIDAK SAMPAI" not in page
    assert "time.sleep(120)" in page  # the cell where it stopped
    nb = nbformat.read(row["notebook_path"], as_version=4)
    assert nb.metadata["sakip"]["status"] == "timeout"
    meta = [c.metadata.get("papermill", {}) for c in nb.cells]
    assert [m.get("status") for m in meta if m] == [
        "completed", "completed", "completed", "failed", "pending"]
    assert "batas waktu" in nb.cells[0].source  # our banner on top


def test_missing_input_fails_without_running(tmp_path):
    notebook = plain_notebook(tmp_path)
    job = NotebookJob(notebook, {"x": 1}, "a.html", "A", "2024", "kecamatan",
                      inputs=(tmp_path / "hilang.csv",))
    row = run_batch([job], tmp_path / "r", progress=False).iloc[0]
    assert row["status"] == "failed" and "hilang.csv" in row["error"]
    assert row["notebook_path"] is None
    assert "hilang.csv" in read(row["html_path"])


@pytest.mark.parametrize(("parameters", "bad"), [
    ({"year": np.int64(2024)}, "int64"),
    ({"years": (2023, 2024)}, "tuple"),
    ({"data_dir": Path("/data")}, "PosixPath"),
    ({"nilai": math.nan}, "finite"),
    ({"nested": {"a": [1, {"b": np.float64(0.5)}]}}, "float64"),
    ({"nama-salah": 1}, "identifier"),
])
def test_parameters_must_be_plain_json(tmp_path, parameters, bad):
    with pytest.raises(BatchError, match=bad) as info:
        NotebookJob(tmp_path / "n.ipynb", parameters, "a.html", "A", "2024", "kecamatan")
    assert isinstance(info.value, SakipError) and "'a.html'" in str(info.value)


@pytest.mark.parametrize("output", ["../a.html", "/tmp/a.html", "2024/a.ipynb", "index.html", ""])
def test_output_must_be_a_relative_html_path(tmp_path, output):
    with pytest.raises(BatchError, match=r"output|index\.html"):
        NotebookJob(tmp_path / "n.ipynb", {}, output, "A", "2024", "kecamatan")


def test_batch_level_mistakes_raise(tmp_path):
    job = NotebookJob(tmp_path / "n.ipynb", {"x": 1}, "a.html", "A", "2024", "kecamatan")
    twin = NotebookJob(tmp_path / "m.ipynb", {"x": 2}, "A.html", "B", "2024", "kecamatan")
    with pytest.raises(BatchError, match="laporan yang sama"):
        run_batch([job, twin], tmp_path, progress=False)
    with pytest.raises(BatchError, match="eksekutor 'slurm' tidak dikenal"):
        run_batch([job], tmp_path, executor="slurm", progress=False)
    with pytest.raises(BatchError, match="penjadwal"):
        run_batch([job], tmp_path, executor="dask", progress=False)
    with pytest.raises(BatchError, match="jenis kernel"):
        run_batch([job], tmp_path, kernels="panas", progress=False)
    with pytest.raises(BatchError, match="n_jobs"):
        run_batch([job], tmp_path, n_jobs=0, progress=False)


def test_hash_depends_on_parameters_not_their_order(tmp_path):
    notebook = plain_notebook(tmp_path)
    a = NotebookJob(notebook, {"x": 1, "data": None}, "a.html", "A", "2024", "kecamatan")
    b = NotebookJob(notebook, {"data": None, "x": 1}, "a.html", "A", "2024", "kecamatan")
    c = NotebookJob(notebook, {"x": 1.0, "data": None}, "a.html", "A", "2024", "kecamatan")
    assert job_hash(a) == job_hash(b)
    assert job_hash(a) != job_hash(c)  # 1 and 1.0 print differently in a report


def test_toc_and_escaping_without_a_kernel():
    body, toc = table_of_contents('<h2 id="Ringkasan">Ringkasan<a class="anchor-link" '
                                  'href="#Ringkasan">¶</a></h2><p>x</p><h2 id="Ringkasan">'
                                  "Ringkasan</h2><h3>Tanpa &lt;id&gt;</h3><h4>tidak</h4>")
    assert re.findall(r'href="#([^"]+)">([^<]+)<', toc) == [
        ("Ringkasan", "Ringkasan"), ("bagian-2", "Ringkasan"), ("bagian-3", "Tanpa &lt;id&gt;")]
    assert body.count('id="bagian-2"') == 1 and body.count('id="bagian-3"') == 1
    page = notebook_html(None, title="<script>alert(1)</script>", provenance="a & b",
                         status="failed", error="<b>rusak</b>")
    assert "<script>" not in page and "&lt;script&gt;" in page and "a &amp; b" in page
    assert "&lt;b&gt;rusak&lt;/b&gt;" in page


def test_dask_executor_runs_the_same_jobs(tmp_path):
    distributed = pytest.importorskip("distributed")
    notebook = plain_notebook(tmp_path)
    jobs = [NotebookJob(notebook, {"x": x}, f"{x}.html", f"Uji {x}", "2024", "kecamatan")
            for x in (1, 2)]
    try:
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
    except Exception as exc:  # pragma: no cover - depends on the machine
        pytest.skip(f"a local Dask cluster cannot start here: {exc}")
    with cluster:
        status = run_batch(jobs, tmp_path / "r", executor="dask",
                           scheduler=cluster.scheduler_address, progress=False)
    assert list(status["status"]) == ["ok", "ok"]
    assert "HASIL-3" in read(tmp_path / "r/1.html") and "HASIL-6" in read(tmp_path / "r/2.html")
    assert not (tmp_path / "r/2.ipynb").exists()  # executed notebooks are kept on request only


def test_one_synthetic_banner_per_page():
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    from sakip_analysis.report.html_export import BANNER_TAG, notebook_html, page

    # the notebook's own banner cell is tagged; the page header shows the banner once
    cell = new_code_cell("banner", metadata={"tags": [BANNER_TAG]}, outputs=[new_output(
        "display_data", {"text/html": '<div class="banner-synthetic">Data demo</div>'})])
    nb = new_notebook(cells=[cell])
    assert notebook_html(nb, title="Judul", synthetic=True).count(
        'class="banner-synthetic"') == 1
    assert page("Judul", "<p>isi</p>", synthetic=True).count('class="banner-synthetic"') == 1
    assert 'class="banner-synthetic"' not in page("Judul", "<p>isi</p>")


def test_page_body_is_nbconverts_document_and_every_image_has_alt_text():
    """The exporter skips HTMLExporter's BeautifulSoup pass (alt text, "lab" tabindex): the
    body must still be the document HTMLExporter gives, every image with an alt text."""
    import base64

    import bs4
    from nbconvert import HTMLExporter
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    from sakip_analysis.report.html_export import _exporter

    pixel = base64.b64encode(bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")).decode()
    nb = new_notebook(cells=[
        new_markdown_cell("# Judul\n\n<img src='x.png' alt='Peta'> & teks <b>tebal</b>"),
        new_code_cell("x", outputs=[
            new_output("display_data", {"image/png": pixel, "text/plain": "<Figure>"}),
            new_output("display_data", {"text/html": "<table><tr><td>1,5</td></tr></table>"}),
            new_output("stream", name="stdout", text="baris\n")])])
    ours, _ = _exporter().from_notebook_node(nb)
    stock, _ = HTMLExporter(template_name="basic", exclude_input=True,
                            exclude_input_prompt=True, exclude_output_prompt=True,
                            embed_images=True).from_notebook_node(nb)
    soup = bs4.BeautifulSoup(ours, "html.parser")
    soup.select_one('img[src^="data:"]')["alt"] = (
        "No description has been provided for this image")  # what the stock pass adds
    assert str(soup) == str(bs4.BeautifulSoup(stock, "html.parser"))
    page = notebook_html(nb, title="Judul")
    images = re.findall(r"<img\b[^>]*>", page)
    assert len(images) == 2
    assert all(re.search(r'\balt="(?:Gambar|Peta)"', tag) for tag in images), images


@pytest.mark.parametrize(("tag", "expected"), [
    ('<img src="data:image/png;base64,AAA+alt=">',  # base64 data that ends like "alt="
     '<img alt="Gambar" src="data:image/png;base64,AAA+alt=">'),
    ('<img src="a.png" ALT = "Peta">', '<img src="a.png" ALT = "Peta">'),
    ('<img\nalt="Peta">', '<img\nalt="Peta">'),
    ("<img/>", '<img alt="Gambar"/>'),
    ("<imgx>", "<imgx>"),
])
def test_alt_text_goes_on_images_without_an_alt_attribute_only(tag, expected):
    from sakip_analysis.report.html_export import _IMG_WITHOUT_ALT

    assert _IMG_WITHOUT_ALT.sub(r'\1 alt="Gambar"', tag) == expected
