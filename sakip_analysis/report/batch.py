"""Run many parameterised notebooks with papermill, in parallel, into standalone HTML reports.

Generic on purpose: it knows jobs (a template notebook, its parameters, where the HTML goes),
not kecamatan or years. Each job runs in a worker *process* (papermill's `cwd=` changes the
directory of the whole process, so threads would trample each other) with a fresh kernel, so
no variable or matplotlib setting leaks from one report into the next. Kernels are "warm"
where the platform allows: forked from a pre-imported zygote (kernels.py), still one new
kernel per notebook. papermill writes nothing to disk while it runs (no per-cell rewrites of
the output notebook); workers return the HTML (and, on request, the executed notebook) as
text, and only the parent writes into `reports_dir` (atomically), so the state file and the
files always agree, and a Dask cluster needs no shared report folder. Workers import
papermill, never pandas (imported lazily here), to keep pool start-up short.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import logging
import math
import multiprocessing
import os
import re
import signal
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from sakip_analysis.errors import SakipError
from sakip_analysis.report.html_export import (
    PAPERMILL_ERROR_TAG,
    notebook_html,
    stopped_cell,
    write_atomic,
)

if TYPE_CHECKING:
    import pandas as pd

#: Part of every job hash: bump it when the HTML layout or the execution changes, so that
#: `sakip run` redoes reports made by an older engine.
HASH_SALT = "sakip-batch/1"
STATE_FILE = ".sakip-state.json"
COLUMNS = ["output", "title", "group", "kind", "status", "error", "seconds", "html_path",
           "notebook_path"]
EXECUTORS = ("local", "dask")

_JSON_SCALARS = (str, int, float, bool, type(None))
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
#: Messages of a kernel that never came up (port taken, died at start): worth one retry.
_START_FAILURES = ("address already in use", "kernel died before replying",
                   "kernel didn't respond", "kernel died")


class BatchError(SakipError, ValueError):
    """A job or a batch is malformed (bad parameter type, duplicate output, unknown executor)."""


def _check_json(value: Any, where: str) -> None:
    """Papermill turns a numpy integer, a date, a Path or a tuple into a *string* in the notebook
    without a word; accept plain JSON types only so that never happens silently."""
    if type(value) in (list, dict):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            if isinstance(value, dict) and type(key) is not str:
                raise BatchError(f"{where}: dictionary key {key!r} is not a string")
            _check_json(item, f"{where}[{key!r}]")
        return
    if type(value) not in _JSON_SCALARS:
        raise BatchError(f"{where} = {value!r} has type {type(value).__name__}; use a plain "
                         "str, int, float, bool, list, dict or None")
    if type(value) is float and not math.isfinite(value):
        raise BatchError(f"{where} = {value!r} is not a finite number")


@dataclass(frozen=True)
class NotebookJob:
    """One notebook run and the HTML report it makes."""

    notebook: Path
    parameters: dict = field(hash=False)
    output: str
    title: str
    group: str
    kind: str
    inputs: tuple[Path, ...] = ()
    provenance: str = ""
    synthetic: bool = False
    fingerprint: str = ""
    """Digest of the data the notebook reads (a slice of the dataset, see report.plan)."""

    def __post_init__(self) -> None:
        where = f"job {self.output!r}"
        try:
            object.__setattr__(self, "notebook", Path(self.notebook))
            object.__setattr__(self, "inputs", tuple(Path(p) for p in self.inputs))
        except TypeError as exc:
            raise BatchError(f"{where}: notebook and inputs must be paths ({exc})") from exc
        if type(self.parameters) is not dict:
            raise BatchError(f"{where}: parameters must be a dict, got "
                             f"{type(self.parameters).__name__}")
        for name, value in self.parameters.items():
            if type(name) is not str or not name.isidentifier():
                raise BatchError(f"{where}: parameter name {name!r} is not a Python identifier")
            _check_json(value, f"{where}: parameter {name}")
        out = PurePosixPath(str(self.output))
        if (not str(self.output) or out.is_absolute() or ".." in out.parts
                or out.suffix != ".html" or "\\" in str(self.output)):
            raise BatchError(f"{where}: output must be a relative path ending in .html, "
                             "without '..', e.g. '2024/jogoroto.html'")
        if str(out) == "index.html":
            raise BatchError(f"{where}: index.html is reserved for the report index")
        for name in ("title", "group", "kind", "provenance"):
            if type(getattr(self, name)) is not str:
                raise BatchError(f"{where}: {name} must be a string")
        if not self.title.strip():
            raise BatchError(f"{where}: title is empty")

    @property
    def notebook_output(self) -> str:
        """Where the executed notebook goes, beside the HTML with the same stem."""
        return str(PurePosixPath(self.output).with_suffix(".ipynb"))


# --------------------------------------------------------------------------- hashing / state

def _file_digest(path: Path, cache: dict[Path, tuple[int, int, str]]) -> str:
    """sha256 of a file, cached per (size, mtime) so 100 jobs sharing one dataset read it once."""
    try:
        st = path.stat()
    except OSError as exc:
        raise BatchError(f"berkas tidak ditemukan: {path}") from exc
    key = path.resolve()
    hit = cache.get(key)
    if hit and hit[:2] == (st.st_size, st.st_mtime_ns):
        return hit[2]
    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    cache[key] = (st.st_size, st.st_mtime_ns, digest)
    return digest


def job_hash(job: NotebookJob, cache: dict[Path, tuple[int, int, str]] | None = None) -> str:
    """What decides whether a report must be remade: the notebook, the parameters, the inputs'
    content, what we print on top of the report, and the engine version."""
    cache = {} if cache is None else cache
    h = hashlib.sha256(HASH_SALT.encode())
    h.update(_file_digest(job.notebook, cache).encode())
    header = [job.parameters, job.title, job.provenance, job.synthetic, job.fingerprint]
    h.update(json.dumps(header, sort_keys=True, ensure_ascii=False,
                        separators=(",", ":")).encode())
    for path in job.inputs:
        h.update(f"\0{path.resolve()}\0{_file_digest(path, cache)}".encode())
    return h.hexdigest()


def _load_state(reports_dir: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads((reports_dir / STATE_FILE).read_text(encoding="utf-8"))
        return dict(data.get("jobs", {}))
    except (OSError, ValueError, AttributeError):
        return {}  # no or unreadable state: everything is redone, which is always correct


def _save_state(reports_dir: Path, jobs: dict[str, dict[str, Any]]) -> None:
    text = json.dumps({"version": 1, "jobs": jobs}, indent=1, sort_keys=True, ensure_ascii=False)
    write_atomic(reports_dir / STATE_FILE, text)


# --------------------------------------------------------------------------- one job (worker)

def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(_ANSI.sub("", str(text)).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Capture(threading.local):
    """The notebook papermill is executing in this thread, so that a timeout or a dead kernel
    still gives the cells that ran (papermill writes nothing to disk here)."""

    manager: Any = None


_CAPTURE = _Capture()
ENGINE_NAME = "sakip"


def _register_engine() -> None:
    """papermill's nbclient engine, remembering its notebook manager (see _Capture)."""
    from papermill.engines import NBClientEngine, papermill_engines

    if ENGINE_NAME in papermill_engines._engines:
        return

    class CapturingEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, **kwargs: Any) -> Any:
            _CAPTURE.manager = nb_man
            return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)

    papermill_engines.register(ENGINE_NAME, CapturingEngine)


def _captured() -> Any | None:
    manager = _CAPTURE.manager
    return None if manager is None else manager.nb


def _started(nb: Any | None) -> bool:
    return nb is not None and any(
        c.get("metadata", {}).get("papermill", {}).get("start_time") for c in nb.cells)


def _papermill(job: NotebookJob, timeout: float, cwd: str | None, tmp: Path,
               warm: bool) -> tuple[str, str, Any | None, int]:
    """(status, error, executed notebook or None, attempts). The kernel talks over IPC sockets
    in a private temp dir: no TCP port to collide on when workers start kernels at once.
    Nothing is written to disk: papermill's per-cell rewrites of the output notebook (10 % of
    a batch's CPU) serve nobody here, the executed notebook comes back as an object."""
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError
    from traitlets.config import Config

    from sakip_analysis.report.kernels import KERNEL_OPTIONS, kernel_manager_class

    # We keep our own status record and print one line per failure; papermill's and nbclient's
    # log lines ("Timeout waiting for execute reply") would only break the progress bar.
    logging.getLogger("papermill").setLevel(logging.CRITICAL)
    logging.getLogger("traitlets").setLevel(logging.CRITICAL)
    _register_engine()
    limit = max(1, math.ceil(timeout))  # nbclient takes whole seconds only
    for attempt in (1, 2):
        _CAPTURE.manager = None
        config = Config({"KernelManager": {"transport": "ipc", "ip": str(tmp / f"k{attempt}")}})
        try:
            nb = papermill.execute_notebook(
                str(job.notebook), None, parameters=dict(job.parameters),
                engine_name=ENGINE_NAME, kernel_name="python3", progress_bar=False,
                request_save_on_cell_execute=False, autosave_cell_every=0,
                shutdown_kernel="immediate", execution_timeout=limit,
                cwd=cwd or str(job.notebook.parent), config=config,
                kernel_manager_class=kernel_manager_class(warm),
                extra_arguments=list(KERNEL_OPTIONS))
            return "ok", "", nb, attempt
        except PapermillExecutionError as exc:
            return "failed", _one_line(f"{exc.ename}: {exc.evalue}"), _captured(), attempt
        except CellTimeoutError:
            error = f"sel melewati batas waktu {limit} detik"
            return "timeout", error, _captured(), attempt
        except DeadKernelError:
            nb = _captured()
            if attempt == 1 and not _started(nb):
                continue
            return "failed", "kernel Python mati saat menjalankan notebook", nb, attempt
        except Exception as exc:
            nb = _captured()
            message = str(exc).lower()
            if attempt == 1 and not _started(nb) and any(s in message for s in _START_FAILURES):
                continue
            return "failed", _one_line(f"{type(exc).__name__}: {exc}"), nb, attempt
    raise AssertionError("unreachable")  # pragma: no cover


def _annotate(nb: Any, job: NotebookJob, status: str, error: str,
              timings: dict[str, float]) -> None:
    """Our own status record in the executed notebook. On a timeout or a dead kernel papermill
    leaves no banner and marks the unrun cells 'completed'; put that right."""
    from nbformat.v4 import new_markdown_cell

    nb.metadata["sakip"] = {"status": status, "error": error, "title": job.title,
                            "output": job.output, "timings": timings,
                            "finished": datetime.now().astimezone().isoformat(timespec="seconds")}
    has_banner = any(PAPERMILL_ERROR_TAG in c.get("metadata", {}).get("tags", [])
                     for c in nb.cells)
    if status == "ok" or has_banner:
        return
    stop = stopped_cell(nb)
    if stop is not None:
        for cell in nb.cells[stop + 1:]:
            meta = cell.setdefault("metadata", {}).get("papermill")
            if meta is not None and not meta.get("start_time"):
                meta["status"] = "pending"
        meta = nb.cells[stop].setdefault("metadata", {}).setdefault("papermill", {})
        meta.update(exception=True, status="failed")
    nb.metadata.setdefault("papermill", {})["exception"] = True
    text = (f'<span style="color:red; font-size:1.5em;">Eksekusi dihentikan ({status}): '
            f"{html.escape(error)}</span>")
    nb.cells.insert(0, new_markdown_cell(text, metadata={"tags": [PAPERMILL_ERROR_TAG]}))


def _cpu() -> float:
    times = os.times()
    return times.user + times.system


def execute_job(job: NotebookJob, timeout: float = 600, cwd: str | None = None,
                kernels: str = "warm", keep_notebook: bool = False) -> dict[str, Any]:
    """Run one notebook and render it; runs in a worker process. Never raises for a notebook
    problem: the result says ok/failed/timeout, with the HTML (and, with `keep_notebook`, the
    executed notebook). `kernels`: "warm" (forked from a pre-imported zygote, see kernels.py)
    or "stock" (a new Python process per kernel)."""
    from sakip_analysis.report.kernels import KERNEL_CPU, warm_status

    began, cpu0 = time.perf_counter(), _cpu()
    warm, why = warm_status() if kernels == "warm" else (False, "")
    timings: dict[str, Any] = {"kernel": "hangat" if warm else "biasa"}
    if why:
        timings["kernel_note"] = why
    nb, attempts = None, 0
    try:
        with tempfile.TemporaryDirectory(prefix="sakip-nb-") as tmp:
            status, error, nb, attempts = _papermill(job, timeout, cwd, Path(tmp), warm)
    except Exception as exc:  # our own bug or the environment: still a result, not a crash
        status, error = "failed", _one_line(f"{type(exc).__name__}: {exc}")
    timings["execute_s"] = round(time.perf_counter() - began, 3)
    timings["papermill_cpu_s"] = round(_cpu() - cpu0, 3)
    timings["kernel_cpu_s"] = round(KERNEL_CPU.pop("last", 0.0), 3)
    mark, cpu1 = time.perf_counter(), _cpu()
    try:
        page = notebook_html(nb, title=job.title, provenance=job.provenance,
                             synthetic=job.synthetic, status=status, error=error)
    except Exception as exc:
        status, error = "failed", _one_line(f"ekspor HTML gagal: {type(exc).__name__}: {exc}")
        page = notebook_html(None, title=job.title, provenance=job.provenance,
                             synthetic=job.synthetic, status=status, error=error)
    timings["export_s"] = round(time.perf_counter() - mark, 3)
    timings["export_cpu_s"] = round(_cpu() - cpu1, 3)
    timings["attempts"] = attempts
    ipynb = None
    if nb is not None:
        _annotate(nb, job, status, error, timings)
        if keep_notebook:
            import nbformat

            ipynb = nbformat.writes(nb)
    return {"output": job.output, "status": status, "error": error,
            "seconds": round(time.perf_counter() - began, 3), "html": page, "ipynb": ipynb,
            "timings": timings, "phases": _phases(nb)}


def _phases(nb: Any | None) -> dict[str, float]:
    """Wall seconds of a run by phase, from papermill's timestamps: kernel ready, the import
    cell (the first code cell after the parameters), cells that drew a chart, other cells."""
    if nb is None:
        return {}
    meta = nb.metadata.get("papermill", {})
    cells = [c for c in nb.cells if c.get("metadata", {}).get("papermill", {}).get("start_time")]
    if not cells or not meta.get("start_time"):
        return {}
    start = datetime.fromisoformat(meta["start_time"])
    first = datetime.fromisoformat(cells[0].metadata.papermill["start_time"])
    out = {"kernel_ready": (first - start).total_seconds(), "imports": 0.0, "charts": 0.0,
           "other_cells": 0.0}
    seen_import = False
    for cell in cells:
        duration = float(cell.metadata.papermill.get("duration") or 0.0)
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.cell_type != "code" or "parameters" in tags or "injected-parameters" in tags:
            out["other_cells"] += duration
        elif not seen_import:
            seen_import = True
            out["imports"] += duration
        elif any("image/png" in o.get("data", {}) for o in cell.get("outputs", [])):
            out["charts"] += duration
        else:
            out["other_cells"] += duration
    return {k: round(v, 3) for k, v in out.items()}


def _failure(job: NotebookJob, error: str) -> dict[str, Any]:
    """The result of a job that could not even be started (missing file, crashed worker)."""
    page = notebook_html(None, title=job.title, provenance=job.provenance,
                         synthetic=job.synthetic, status="failed", error=error)
    return {"output": job.output, "status": "failed", "error": _one_line(error), "seconds": 0.0,
            "html": page, "ipynb": None, "timings": {}, "phases": {}}


# --------------------------------------------------------------------------- executors

Pending = list[tuple[NotebookJob, str]]
Done = Iterator[tuple[NotebookJob, str, dict[str, Any]]]


def _worker_init(parent: int, warm: bool, zygote: str | None) -> None:
    """Each worker: leaves Ctrl-C to the batch (no traceback per worker), dies with its kernels
    on SIGTERM, exits as soon as the `sakip` process is gone (even by SIGKILL), and uses the
    batch's zygote (or starts its own now, so its imports overlap with papermill's)."""
    from multiprocessing.util import Finalize

    from sakip_analysis.report.kernels import (
        attach_zygote,
        kill_kernels,
        start_zygote,
        stop_zygote,
        watch_parent,
    )

    def stop(signum: int, frame: Any) -> None:
        kill_kernels()
        os._exit(128 + signum)

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, stop)
    watch_parent(parent)
    Finalize(None, stop_zygote, exitpriority=10)  # at the pool's shutdown, not 0.2 s later
    if warm and zygote:
        attach_zygote(zygote)
    elif warm:
        start_zygote()


DATASET_PARAMETER = "data_dir"
"""The notebook parameter that names the dataset folder a notebook loads (every notebook of
notebooks/ has it): the batch's zygote reads those folders ahead for its kernels."""


def _datasets(jobs: Iterator[NotebookJob]) -> list[str]:
    """The dataset folders the jobs load, each once, in order of first use."""
    folders = (job.parameters.get(DATASET_PARAMETER) for job in jobs)
    return list(dict.fromkeys(f for f in folders if isinstance(f, str) and os.path.isdir(f)))


def _local(pending: Pending, n_jobs: int, run: Any, warm: bool) -> Done:
    """Worker processes forked from a fork server: a clean process (no threads or sockets of
    the caller) that imported papermill once instead of once per worker. nbconvert is left to
    the workers: importing it at the first export overlaps with the other workers' kernels.
    On Ctrl-C or SIGTERM the workers are terminated at once (their kernels with them); the
    reports already stored stay."""
    from sakip_analysis.report.kernels import Zygote

    # one zygote for all workers, started first: its imports overlap the pool's start
    zygote = Zygote(datasets=_datasets(job for job, _ in pending)) if warm else None
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["sakip_analysis.report.batch", "papermill"])
    pool = ProcessPoolExecutor(max_workers=max(1, min(n_jobs, len(pending))), mp_context=ctx,
                               initializer=_worker_init,
                               initargs=(os.getpid(), warm, zygote.path if zygote else None))
    stopped = True
    try:
        futures = {pool.submit(run, job): (job, digest) for job, digest in pending}
        for future in as_completed(futures):
            job, digest = futures[future]
            try:
                result = future.result()
            except Exception as exc:  # the worker process itself died
                result = _failure(job, f"proses pekerja berhenti mendadak: {exc!r}")
            yield job, digest, result
        stopped = False
    finally:
        if stopped:  # interrupted (or the consumer stopped early): do not wait for the rest
            for process in list(getattr(pool, "_processes", {}).values()):
                with contextlib.suppress(OSError, AttributeError):
                    process.terminate()
            pool.shutdown(wait=False, cancel_futures=True)
        else:
            pool.shutdown(wait=True)
        if zygote is not None:
            zygote.stop()


def _dask(pending: Pending, scheduler: str, run: Any) -> Done:
    """The same single-job function on a Dask cluster (one thread per worker, please: papermill
    changes the process's working directory)."""
    from distributed import Client
    from distributed import as_completed as dask_completed

    try:
        client = Client(scheduler, timeout=30, set_as_default=False)
    except OSError as exc:
        raise BatchError(f"penjadwal Dask di {scheduler} tidak dapat dihubungi: {exc}") from exc
    futures = []
    try:
        futures = client.map(run, [job for job, _ in pending], pure=False)
        owner = {future.key: pair for future, pair in zip(futures, pending, strict=True)}
        for future in dask_completed(futures, loop=client.loop):
            job, digest = owner[future.key]
            try:
                result = future.result()
            except Exception as exc:
                result = _failure(job, f"pekerja Dask gagal: {type(exc).__name__}: {exc}")
            yield job, digest, result
    finally:
        with contextlib.suppress(Exception):
            client.cancel(futures)  # a stopped batch leaves no work queued on the cluster
        client.close()


# --------------------------------------------------------------------------- the batch

def _row(job: NotebookJob, reports_dir: Path, status: str, error: str, seconds: float,
         has_notebook: bool) -> dict[str, Any]:
    return {"output": job.output, "title": job.title, "group": job.group, "kind": job.kind,
            "status": status, "error": error, "seconds": round(float(seconds), 2),
            "html_path": str(reports_dir / job.output),
            "notebook_path": str(reports_dir / job.notebook_output) if has_notebook else None}


def _store(result: dict[str, Any], job: NotebookJob, digest: str, reports_dir: Path,
           state: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Write the job's files atomically, then record it: the state never claims a file that
    is not there. Without a kept notebook, an old one is removed (it would belie the page)."""
    status, error = result["status"], result["error"]
    nb_path = reports_dir / job.notebook_output
    try:
        if result["ipynb"] is not None:
            write_atomic(nb_path, result["ipynb"])
        else:
            nb_path.unlink(missing_ok=True)
        write_atomic(reports_dir / job.output, result["html"])
    except OSError as exc:
        status, error = "failed", _one_line(f"tidak dapat menulis laporan: {exc}")
    state[job.output] = {"hash": digest, "status": status, "error": error,
                         "seconds": result["seconds"], "notebook": result["ipynb"] is not None,
                         "timings": {**result.get("timings", {}), **result.get("phases", {})},
                         "finished": datetime.now().astimezone().isoformat(timespec="seconds")}
    _save_state(reports_dir, state)
    return _row(job, reports_dir, status, error, result["seconds"],
                result["ipynb"] is not None and nb_path.exists())


KERNELS = ("warm", "stock")


def _check_batch(jobs: Sequence[NotebookJob], executor: str, scheduler: str | None,
                 n_jobs: int | None, timeout: float, kernels: str) -> None:
    seen: set[str] = set()
    for job in jobs:
        if not isinstance(job, NotebookJob):
            raise BatchError(f"bukan NotebookJob: {job!r}")
        key = job.output.lower()  # Windows and macOS file systems ignore case
        if key in seen:
            raise BatchError(f"dua pekerjaan menulis laporan yang sama {job.output!r}")
        seen.add(key)
    if executor not in EXECUTORS:
        raise BatchError(f"eksekutor {executor!r} tidak dikenal; pilih {', '.join(EXECUTORS)}")
    if executor == "dask" and not scheduler:
        raise BatchError("eksekutor 'dask' memerlukan alamat penjadwal "
                         "(--scheduler tcp://HOST:8786)")
    if kernels not in KERNELS:
        raise BatchError(f"jenis kernel {kernels!r} tidak dikenal; pilih {', '.join(KERNELS)}")
    if n_jobs is not None and (type(n_jobs) is not int or n_jobs < 1):
        raise BatchError(f"n_jobs harus bilangan bulat positif, bukan {n_jobs!r}")
    if not timeout > 0:
        raise BatchError(f"batas waktu harus bilangan detik positif, bukan {timeout!r}")


def kernel_mode(kernels: str) -> tuple[str, str]:
    """(the kernels a batch will use, a line for the log saying which and why)."""
    from sakip_analysis.report.kernels import fork_supported

    if kernels == "stock":
        return "stock", "Kernel: biasa (proses Python baru per notebook, --kernels stock)."
    ok, why = fork_supported()
    if not ok:
        return "stock", f"Kernel: biasa, karena {why}."
    return "warm", ("Kernel: hangat (di-fork dari proses induk yang sudah mengimpor pandas, "
                    "matplotlib dan seaborn; satu kernel baru per notebook).")


def run_batch(jobs: Sequence[NotebookJob], reports_dir: Path, *, n_jobs: int | None = None,
              executor: str = "local", scheduler: str | None = None, force: bool = False,
              timeout: float = 600, progress: bool = True, cwd: Path | None = None,
              kernels: str = "warm", keep_notebooks: bool = False,
              log: Any = None) -> pd.DataFrame:
    """Execute every job that changed (all of them with `force`) and write its HTML (and, with
    `keep_notebooks`, the executed notebook) under `reports_dir`. One row per job, in the jobs'
    order; a job that fails, hangs past `timeout` seconds in a cell, or kills its kernel is a
    row, never an exception. `cwd` is the notebooks' working directory (default: each
    notebook's own folder). `kernels`: "warm" (forked, pre-imported; stock where fork is not
    available) or "stock". `log(line)` receives the lines for the analyst (default: logging).
    Ctrl-C/SIGTERM (KeyboardInterrupt) stops at once, keeping the reports already written."""
    import pandas as pd
    from tqdm.auto import tqdm

    jobs = list(jobs)
    _check_batch(jobs, executor, scheduler, n_jobs, timeout, kernels)
    say = log or logging.getLogger(__name__).info
    reports_dir = Path(reports_dir).resolve()
    reports_dir.mkdir(parents=True, exist_ok=True)
    state = _load_state(reports_dir)
    rows: dict[str, dict[str, Any]] = {}
    pending: Pending = []
    digests: dict[Path, tuple[int, int, str]] = {}
    unstartable: list[tuple[NotebookJob, str, dict[str, Any]]] = []
    for job in jobs:
        # absolute paths: a worker's working directory is not the caller's
        job = replace(job, notebook=job.notebook.resolve(),
                      inputs=tuple(p.resolve() for p in job.inputs))
        try:
            digest = job_hash(job, digests)
        except BatchError as exc:
            unstartable.append((job, "", _failure(job, f"{exc} (laporan {job.output})")))
            continue
        before = state.get(job.output, {})
        nb_there = (reports_dir / job.notebook_output).is_file()
        if (not force and before.get("hash") == digest and before.get("status") == "ok"
                and (reports_dir / job.output).is_file()
                and (nb_there or not keep_notebooks)):
            if nb_there and not keep_notebooks:  # an engine of old kept them all
                (reports_dir / job.notebook_output).unlink(missing_ok=True)
            rows[job.output] = _row(job, reports_dir, "skipped", "", 0.0, keep_notebooks)
        else:
            pending.append((job, digest))

    mode, line = kernel_mode(kernels)
    if pending:
        say(line)
    run = partial(execute_job, timeout=float(timeout),
                  cwd=str(Path(cwd).resolve()) if cwd else None, kernels=mode,
                  keep_notebook=keep_notebooks)
    fallback_said = False
    with tqdm(total=len(jobs), initial=len(rows), disable=not progress, unit="notebook",
              desc="Menjalankan notebook") as bar:
        for job, digest, result in unstartable:
            rows[job.output] = _store(result, job, digest, reports_dir, state)
            bar.update(1)
        if pending:
            done = (_dask(pending, str(scheduler), run) if executor == "dask"
                    else _local(pending, n_jobs or os.cpu_count() or 1, run, mode == "warm"))
            for job, digest, result in done:
                rows[job.output] = _store(result, job, digest, reports_dir, state)
                bar.update(1)
                note = result.get("timings", {}).get("kernel_note")
                if mode == "warm" and note and not fallback_said:
                    fallback_said = True
                    message = f"Kernel: biasa di pekerja ini, karena {note}."
                    (bar.write if progress else say)(message)
                if progress and result["status"] != "ok":  # seen as it happens, not at the end
                    bar.write(f"{job.output}: {result['status']} — {rows[job.output]['error']}")
    return pd.DataFrame([rows[job.output] for job in jobs], columns=COLUMNS)


def write_index(status: pd.DataFrame, reports_dir: Path, title: str = "Laporan SAKIP",
                synthetic: bool = False) -> Path:
    """reports_dir/index.html linking every report with its status (see report_index)."""
    from sakip_analysis.report.index_page import write_index as write

    return write(status, reports_dir, title=title, synthetic=synthetic)


__all__ = ["KERNELS", "BatchError", "NotebookJob", "execute_job", "job_hash", "kernel_mode",
           "run_batch", "write_index"]
