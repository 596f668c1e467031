"""`sakip run`: bring the dataset up to date with data/raw, then build every report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from sakip_analysis.errors import SakipError
from sakip_analysis.formatting import SYNTHETIC_SOURCE
from sakip_analysis.pipeline.ingest import FINDINGS, SOURCES, find_documents, ingest
from sakip_analysis.read.dataset import load_dataset, read_csv_file
from sakip_analysis.read.dataset import status as dataset_status
from sakip_analysis.report.batch import run_batch, write_index
from sakip_analysis.report.plan import NOTEBOOKS, plan_jobs


def run(data_root: Path, reports_dir: Path, *, years: Sequence[int] | None = None,
        kecamatan: Sequence[str] | None = None, n_jobs: int | None = None, force: bool = False,
        executor: str = "local", scheduler: str | None = None, timeout: float = 600,
        progress: bool = True, kernels: str = "warm", keep_notebooks: bool = False,
        say: Callable[[str], None] | None = None) -> pd.DataFrame:
    """Ingest, plan, execute, index. A report that fails to read or to run is listed as failed
    in the index and in the returned status; the others are produced. `say` receives the
    one-line messages meant for the analyst (warnings, the engine's notes)."""
    raw, processed = data_root / "raw", data_root / "processed"
    documents = find_documents([raw]) if raw.exists() else []
    ingested = ingest(documents, data_root, progress=progress, say=say)
    for warning in ingested.warnings if say else ():
        say(f"peringatan: {warning}")
    if dataset_status(processed)[0] == "missing":
        raise SakipError(f"{processed}: belum ada dataset; taruh laporan di {raw} atau jalankan "
                         "'sakip ingest'")
    tables = ingested.tables if ingested.tables is not None else load_dataset(processed)
    # each job's inputs are the rows it reads (a fingerprint), not every CSV: see report.plan
    jobs = plan_jobs(tables, processed, years=years, kecamatan=kecamatan)
    reports_dir.mkdir(parents=True, exist_ok=True)
    status = run_batch(jobs, reports_dir, n_jobs=n_jobs, executor=executor, scheduler=scheduler,
                       force=force, timeout=timeout, progress=progress,
                       cwd=NOTEBOOKS, kernels=kernels, keep_notebooks=keep_notebooks, log=say)
    failures = _ingest_failures(ingested.failed, processed)
    status = pd.concat([failures, status], ignore_index=True) if len(failures) else status
    synthetic = bool((tables["tables"]["data_source"] == SYNTHETIC_SOURCE).any())
    write_index(status, reports_dir, title="Laporan Kinerja Kecamatan", synthetic=synthetic)
    return status


def _ingest_failures(failed: list[tuple[str, str]], processed: Path) -> pd.DataFrame:
    """Reports that could not be read, shown in the index beside the ones that ran."""
    rows = {name: error for name, error in failed}
    known = read_csv_file(processed, SOURCES)
    if len(known):
        rows.update({r.source_file: r.error for r in known.itertuples() if r.status == "failed"})
    return pd.DataFrame([{
        "output": name, "title": f"Dokumen {name}", "group": "Dokumen gagal dibaca",
        "kind": "dokumen", "status": "failed", "error": error, "seconds": 0.0,
        "html_path": None, "notebook_path": None} for name, error in rows.items()])


__all__ = ["FINDINGS", "run"]
