"""`sakip run`'s batch engine against the naive loop, on N realistic report notebooks.

Naive: for each notebook, one after another, the `papermill` CLI then `jupyter nbconvert --to
html --no-input` CLI (what a shell script would do). Engine: `run_batch` with one worker
process per core, in-process HTML export, fresh kernel per notebook. Prints both wall times,
the ratio, and where the time goes (read from papermill's per-cell timestamps in the executed
notebooks): process start-up, kernel start, the import cell, the rest of the cells, export.

    uv run python benchmarks/bench_batch.py [--n 8] [--jobs CORES] [--keep DIR]
                                            [--bytecode-cache DIR] [--engine-only]

This machine sets PYTHONDONTWRITEBYTECODE=1 and the venv holds no .pyc files, so every process
and every kernel compiles pandas, matplotlib, seaborn (and papermill's jsonschema) from source.
`--bytecode-cache DIR` runs both sides with PYTHONPYCACHEPREFIX=DIR and bytecode writing on,
warmed first: what an analyst's ordinary install (or `uv sync --compile-bytecode`) gets.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

BIN = Path(sys.executable).parent
KECAMATAN = ["Jogoroto", "Diwek", "Mojowarno", "Bareng", "Wonosalam", "Ngoro", "Gudo", "Perak",
             "Ploso", "Kabuh", "Kudu", "Sumobito", "Peterongan", "Jombang", "Tembelang", "Megaluh"]

CELLS = [
    "# Laporan Kinerja Kecamatan\n\nRingkasan capaian indikator kinerja utama.",
    # the import cell, measured on its own
    "import matplotlib.pyplot as plt\nimport numpy as np\nimport pandas as pd\n"
    "import seaborn as sns",
    "## Capaian Indikator",
    "rng = np.random.default_rng(len(kecamatan) + year)\n"
    "df = pd.DataFrame({'indikator': [f'IKU-{i}' for i in range(1, 9)],\n"
    "                   'target': 100.0, 'realisasi': rng.uniform(70, 110, 8).round(2)})\n"
    "df['capaian'] = (df['realisasi'] / df['target'] * 100).round(2)\n"
    "df",
    "fig, ax = plt.subplots(figsize=(6, 3))\n"
    "sns.barplot(data=df, x='indikator', y='capaian', color='#4c72b0', ax=ax)\n"
    "ax.axhline(100, color='grey', lw=1)\n"
    "ax.set_title(f'Capaian IKU Kecamatan {kecamatan} {year} (%)')\nplt.show()",
    "## Ringkasan\n\nCapaian rata-rata dihitung dari tabel di atas.",
    "print(f\"Rata-rata capaian: {df['capaian'].mean():.2f} %\")",
]
IMPORT_CELL = 1  # index among CELLS (the parameters cell and the injected one come before)


def make_template(folder: Path) -> Path:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [new_code_cell('kecamatan = "contoh"\nyear = 2024',
                              metadata={"tags": ["parameters"]})]
    nb.cells += [new_markdown_cell(c) if c.startswith("#") else new_code_cell(c) for c in CELLS]
    path = folder / "laporan.ipynb"
    nbformat.write(nb, path)
    return path


def _ts(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


def phases(executed: Path) -> dict[str, float]:
    """Kernel start, import cell, other cells, kernel shutdown, from papermill's timestamps."""
    nb = nbformat.read(executed, as_version=4)
    meta = nb.metadata["papermill"]
    cells = [c.metadata["papermill"] for c in nb.cells if c.metadata.get("papermill", {}).get(
        "start_time")]
    code = [c for c in nb.cells if c.cell_type == "code"]
    imports = next(c.metadata["papermill"]["duration"] for c in code
                   if "import seaborn" in c.source)
    total_cells = sum(c["duration"] for c in cells)
    return {"papermill": meta["duration"],
            "kernel_start": _ts(cells[0]["start_time"]) - _ts(meta["start_time"]),
            "imports": imports, "other_cells": total_cells - imports,
            "shutdown": _ts(meta["end_time"]) - _ts(cells[-1]["end_time"]),
            **{k: v for k, v in nb.metadata.get("sakip", {}).get("timings", {}).items()}}


def naive(template: Path, out: Path, n: int) -> tuple[float, list[dict[str, float]]]:
    rows = []
    start = time.perf_counter()
    for i in range(n):
        executed = out / f"laporan-{i}.ipynb"
        t0 = time.perf_counter()
        subprocess.run([str(BIN / "papermill"), str(template), str(executed), "-p", "kecamatan",
                        KECAMATAN[i % len(KECAMATAN)], "-p", "year", "2024", "-k", "python3",
                        "--no-progress-bar"], check=True, capture_output=True)
        t1 = time.perf_counter()
        subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input",
                        str(executed)], check=True, capture_output=True)
        t2 = time.perf_counter()
        rows.append({"papermill_cli": t1 - t0, "nbconvert_cli": t2 - t1, **phases(executed)})
    return time.perf_counter() - start, rows


def engine(template: Path, out: Path, n: int, n_jobs: int) -> tuple[float, list[dict[str, float]]]:
    """`run_batch` in a fresh Python process, as `sakip run` would be: its interpreter start,
    imports and worker pool start are counted, as the naive side's CLI start-ups are."""
    start = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--child", str(template), str(out), str(n),
                    str(n_jobs)], check=True)
    wall = time.perf_counter() - start
    return wall, [phases(p) for p in sorted((out / "2024").glob("*.ipynb"))]


def child(template: Path, out: Path, n: int, n_jobs: int) -> None:
    from sakip_analysis.report.batch import NotebookJob, run_batch

    jobs = [NotebookJob(template, {"kecamatan": KECAMATAN[i % len(KECAMATAN)], "year": 2024},
                        f"2024/laporan-{i}.html", f"Laporan {i}", "2024", "kecamatan")
            for i in range(n)]
    status = run_batch(jobs, out, n_jobs=n_jobs, progress=False, force=True)
    bad = status[status["status"] != "ok"]
    if len(bad):
        raise SystemExit(f"engine run failed: {bad[['output', 'error']].to_dict('records')}")


def mean(rows: list[dict[str, float]], key: str) -> float:
    return statistics.fmean(r[key] for r in rows if key in r)


def bytecode_note() -> str:
    prefix = os.environ.get("PYTHONPYCACHEPREFIX")
    if prefix and not os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return f"bytecode cached in {prefix} (--bytecode-cache)"
    site = Path(sysconfig.get_paths()["purelib"])
    cached = any((site / "pandas" / "__pycache__").glob("*.pyc"))
    flag = "set" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "not set"
    return (f"PYTHONDONTWRITEBYTECODE {flag}; pandas bytecode cache "
            f"{'present' if cached else 'ABSENT (every import compiles the sources)'}")


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        template, out, n, n_jobs = sys.argv[2:6]
        return child(Path(template), Path(out), int(n), int(n_jobs))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=8, help="notebooks in the batch (default 8)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="engine worker processes (default: cores)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="alternate the two sides this many times and keep each side's "
                             "fastest run (use 2+ on a busy machine)")
    parser.add_argument("--keep", type=Path, help="keep the outputs in this folder")
    parser.add_argument("--bytecode-cache", type=Path, metavar="DIR",
                        help="let both sides cache compiled bytecode in DIR (warmed first)")
    parser.add_argument("--engine-only", action="store_true", help="skip the naive loop")
    args = parser.parse_args()
    if args.bytecode_cache:
        # set before any child process (CLIs, fork server, kernels) starts: both sides alike
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(args.bytecode_cache.resolve())

    folder = Path(tempfile.mkdtemp(prefix="bench-batch-")) if not args.keep else args.keep
    folder.mkdir(parents=True, exist_ok=True)
    template = make_template(folder)
    (folder / "naive").mkdir(exist_ok=True)
    print(f"{args.n} notebooks (pandas + seaborn, one chart, one table); {os.cpu_count()} cores; "
          f"engine workers: {args.jobs}\n{bytecode_note()}")
    load = os.getloadavg()[0]
    if load > 0.5:
        print(f"note: the machine is busy before we start (load {load:.1f}); other processes "
              "slow a parallel run more than a serial one, so the ratio comes out low. "
              "Use --repeat 2 or a quiet machine.")
    # warm the disk (and bytecode) cache for both sides alike, warming no process of either
    subprocess.run([sys.executable, "-c", "import pandas, seaborn, papermill, nbconvert, "
                    "ipykernel.kernelapp, nbconvert.exporters.html, sakip_analysis.report.batch"],
                   check=True)

    best_naive: tuple[float, list[dict[str, float]]] | None = None
    best_engine: tuple[float, list[dict[str, float]]] | None = None
    for turn in range(max(1, args.repeat)):
        result = engine(template, folder / "reports", args.n, args.jobs)
        best_engine = min(best_engine or result, result, key=lambda r: r[0])
        print(f"[{turn + 1}] run_batch: {result[0]:.1f} s", flush=True)
        if args.engine_only:
            continue
        result = naive(template, folder / "naive", args.n)
        best_naive = min(best_naive or result, result, key=lambda r: r[0])
        print(f"[{turn + 1}] naive loop: {result[0]:.1f} s", flush=True)
    engine_wall, engine_rows = best_engine
    if args.engine_only or best_naive is None:
        for key in ("kernel_start", "imports", "other_cells", "shutdown", "execute_s",
                    "export_s"):
            print(f"  {key:<14} {mean(engine_rows, key):6.2f} s per notebook")
        return None
    naive_wall, naive_rows = best_naive

    print(f"\nnaive loop (papermill CLI + nbconvert CLI, serial): {naive_wall:7.1f} s "
          f"({naive_wall / args.n:.2f} s per notebook)")
    print(f"run_batch, {args.jobs} workers, in its own process:       {engine_wall:7.1f} s "
          f"({engine_wall / args.n:.2f} s per notebook)")
    print(f"ratio naive / run_batch: {naive_wall / engine_wall:.1f}x\n")

    print("where one notebook's time goes (mean seconds)      naive   run_batch")
    pm_overhead = mean(naive_rows, "papermill_cli") - mean(naive_rows, "papermill")
    print(f"  papermill CLI process start + imports        {pm_overhead:7.2f}   {0:7.2f}"
          "   (engine: once per worker)")
    for key, label in [("kernel_start", "kernel start (incl. ipykernel imports)"),
                       ("imports", "import cell (pandas, matplotlib, seaborn)"),
                       ("other_cells", "other cells (data, chart, table)"),
                       ("shutdown", "kernel shutdown + final save")]:
        print(f"  {label:<44} {mean(naive_rows, key):7.2f}   {mean(engine_rows, key):7.2f}")
    print(f"  {'HTML export':<44} {mean(naive_rows, 'nbconvert_cli'):7.2f}   "
          f"{mean(engine_rows, 'export_s'):7.2f}   (naive: nbconvert CLI process)")
    busy = sum(r["execute_s"] + r["export_s"] for r in engine_rows)
    print(f"\nengine: {busy:.1f} s of worker time in {engine_wall:.1f} s wall on {args.jobs} "
          f"workers; the rest ({engine_wall - busy / args.jobs:.1f} s) is the process's own "
          "start (Python, pandas, sakip_analysis), the worker pool's start (a fork server "
          "importing papermill) and the last worker's wait for the other.")
    kernel_share = (mean(engine_rows, "kernel_start") + mean(engine_rows, "imports")) / mean(
        engine_rows, "execute_s")
    print(f"engine: kernel start + imports are {kernel_share:.0%} of a notebook's execution.")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return None


if __name__ == "__main__":
    main()
