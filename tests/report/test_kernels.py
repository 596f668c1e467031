"""Warm kernels (forked from a pre-imported zygote) keep every report's state its own.

The proof runs real kernels through `run_batch` on one worker, so every notebook goes to the
same worker and the same zygote, one after another: a notebook that pollutes everything it can
reach (a global, matplotlib's rcParams, numpy's global seed, an attribute on a preloaded
module) must leave no trace in the next one.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from sakip_analysis.report import kernels
from sakip_analysis.report.batch import STATE_FILE, NotebookJob, kernel_mode, run_batch

pytestmark = pytest.mark.slow

BUNDLED = Path(__file__).resolve().parents[2] / "data" / "processed"

needs_fork = pytest.mark.skipif(not kernels.fork_supported()[0],
                                reason="warm kernels need os.fork and Linux")

POLLUTE = """\
import matplotlib as mpl
import numpy as np
import sakip_analysis
GLOBAL_TERCEMAR = 1
mpl.rcParams["lines.linewidth"] = 9.5
mpl.rcParams["axes.titlesize"] = 31
np.random.seed(0)
sakip_analysis.TERCEMAR = True
print("TERCEMAR", np.random.rand())
from sakip_analysis.read.dataset import load_dataset
frames = load_dataset(data_dir)
frames["indicators"].loc[:, "realisasi"] = -1.0
frames["indicators"]["TERCEMAR"] = 1
"""

PROBE = """\
import os
import matplotlib as mpl
import numpy as np
import sakip_analysis
print("PROBE " + json.dumps({
    "global": "GLOBAL_TERCEMAR" in globals(),
    "linewidth": mpl.rcParams["lines.linewidth"],
    "titlesize": mpl.rcParams["axes.titlesize"],
    "rand": float(np.random.rand()),
    "module": hasattr(sakip_analysis, "TERCEMAR"),
    "pandas_preloaded": "pandas" in __import__("sys").modules,
    "pid": os.getpid(), "pgid": os.getpgid(0),
    "history": str(get_ipython().history_manager.hist_file),
    "history_on": get_ipython().history_manager.enabled,
    "frozen": __import__("gc").get_freeze_count(),
    "threads": sorted(t.name for t in __import__("threading").enumerate()),
    **dataset_probe(data_dir),
}))
"""

DATASET_PROBE = """\
def dataset_probe(folder):
    import pandas as pd
    from sakip_analysis.read import dataset
    preloaded = bool(dataset._PRELOADED)
    indicators = dataset.load_dataset(folder)["indicators"]
    return {"dataset_preloaded": preloaded, "columns": list(indicators.columns),
            "digest": int(pd.util.hash_pandas_object(indicators).sum() % 2**53)}
"""


def _notebook(path, source: str):
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [new_code_cell("x = 0\ndata_dir = None", metadata={"tags": ["parameters"]}),
                new_code_cell("import json\n" + DATASET_PROBE), new_code_cell(source)]
    nbformat.write(nb, path)
    return path


def _probe(html_path: str) -> dict:
    text = Path(html_path).read_text(encoding="utf-8")
    match = re.search(r"PROBE (\{.*?\})", html.unescape(text))  # "&#34;" or "&quot;"
    assert match, "the probe printed nothing"
    return json.loads(match.group(1))


@needs_fork
def test_a_report_leaves_no_state_for_the_next_one_on_the_same_worker(tmp_path):
    pollute = _notebook(tmp_path / "cemar.ipynb", POLLUTE)
    probe = _notebook(tmp_path / "periksa.ipynb", PROBE)
    data = str(BUNDLED)  # read by every notebook: the zygote holds it for the kernels
    jobs = [NotebookJob(probe, {"x": 0, "data_dir": data}, "awal.html", "Awal", "u", "u"),
            NotebookJob(pollute, {"x": 1, "data_dir": data}, "cemar.html", "Cemar", "u", "u"),
            NotebookJob(probe, {"x": 2, "data_dir": data}, "sesudah-1.html", "Sesudah 1", "u",
                        "u"),
            NotebookJob(probe, {"x": 3, "data_dir": data}, "sesudah-2.html", "Sesudah 2", "u",
                        "u")]
    lines: list[str] = []
    status = run_batch(jobs, tmp_path / "r", n_jobs=1, progress=False, kernels="warm",
                       log=lines.append)
    assert list(status["status"]) == ["ok"] * 4, status["error"].tolist()
    assert any("Kernel: hangat" in line for line in lines)
    state = json.loads((tmp_path / "r" / STATE_FILE).read_text())["jobs"]
    assert {v["timings"]["kernel"] for v in state.values()} == {"hangat"}

    first, after1, after2 = (_probe(status.loc[i, "html_path"]) for i in (0, 2, 3))
    # matplotlib's defaults (not the polluter's 9.5 and 31), as in a stock kernel
    import matplotlib as mpl

    for probe_ in (first, after1, after2):
        assert probe_["global"] is False and probe_["module"] is False
        assert probe_["linewidth"] == mpl.rcParamsDefault["lines.linewidth"]
        assert probe_["titlesize"] == mpl.rcParamsDefault["axes.titlesize"]
        assert probe_["pandas_preloaded"] is True  # it is warm: pandas came from the zygote
        # what the zygote loaded is frozen: no kernel's collection walks (and copies) it
        assert probe_["frozen"] > 100_000
        assert probe_["pgid"] == probe_["pid"]  # its own process group
        assert probe_["history"] == ":memory:"  # the stock kernel's options, e.g. no SQLite
        assert probe_["history_on"] is False  # kernels.KERNEL_OPTIONS: no history at all
        assert "IPythonHistorySavingThread" not in probe_["threads"]
    # numpy's global state is reseeded per kernel: not the polluter's seed 0 (0.5488…), and
    # not the zygote's one state copied into every kernel
    assert after1["rand"] != 0.5488135039273248
    assert len({first["rand"], after1["rand"], after2["rand"]}) == 3
    assert len({first["pid"], after1["pid"], after2["pid"]}) == 3
    # the dataset the zygote read ahead: in every kernel, as on disk, whatever the polluter
    # did to its own copy
    import pandas as pd

    from sakip_analysis.read.dataset import load_dataset

    on_disk = load_dataset(BUNDLED, validate=True)["indicators"]
    for probe_ in (first, after1, after2):
        assert probe_["dataset_preloaded"] is True
        assert probe_["columns"] == list(on_disk.columns)
        assert probe_["digest"] == int(pd.util.hash_pandas_object(on_disk).sum() % 2**53)


def test_stock_kernels_where_fork_is_missing_and_the_log_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(kernels, "fork_supported",
                        lambda: (False, "os.fork tidak tersedia di sistem ini"))
    assert kernel_mode("warm") == ("stock", "Kernel: biasa, karena os.fork tidak tersedia di "
                                            "sistem ini.")
    probe = _notebook(tmp_path / "periksa.ipynb", PROBE)
    lines: list[str] = []
    status = run_batch([NotebookJob(probe, {"x": 0, "data_dir": str(BUNDLED)}, "a.html", "A",
                                    "u", "u")], tmp_path / "r",
                       n_jobs=1, progress=False, log=lines.append)
    assert list(status["status"]) == ["ok"]
    assert lines == ["Kernel: biasa, karena os.fork tidak tersedia di sistem ini."]
    state = json.loads((tmp_path / "r" / STATE_FILE).read_text())["jobs"]
    assert state["a.html"]["timings"]["kernel"] == "biasa"
    probe_ = _probe(status.loc[0, "html_path"])
    assert probe_["pandas_preloaded"] is False and probe_["dataset_preloaded"] is False
    assert probe_["frozen"] == 0


def _in_fresh_process(code: str) -> str:
    """What `code` prints in a new interpreter (the test runner itself has threads)."""
    import subprocess

    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout


@needs_fork
def test_zygote_refuses_to_fork_with_a_thread_running():
    """The rule that keeps forks safe, checked where it is enforced."""
    out = _in_fresh_process("import threading\n"
                            "from sakip_analysis.report import kernels\n"
                            "assert kernels._clean_for_fork() == '', kernels._clean_for_fork()\n"
                            "threading.Thread(target=threading.Event().wait, daemon=True).start()\n"
                            "print(kernels._clean_for_fork())\n")
    assert out.startswith("zygote memiliki thread lain (MainThread, Thread-1")


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
def test_zygote_refuses_to_fork_with_a_native_thread_started_after_its_imports():
    """A thread Python cannot see (Arrow's pools, started by pandas' Parquet reader) is as
    unsafe to fork with as a Python one."""
    out = _in_fresh_process("import io, pandas as pd\n"
                            "from sakip_analysis.report import kernels\n"
                            "native = kernels._native_threads()\n"
                            "assert kernels._clean_for_fork(native) == ''\n"
                            "buffer = io.BytesIO()\n"
                            "pd.DataFrame({'a': [1, 2]}).to_parquet(buffer)\n"
                            "pd.read_parquet(io.BytesIO(buffer.getvalue()))\n"
                            "print(kernels._clean_for_fork(native))\n")
    assert re.fullmatch(r"zygote memulai \d+ thread bawaan sesudah impor\n", out), out


@needs_fork
def test_zygote_exits_with_its_parent_and_takes_its_kernels(tmp_path):
    """A zygote started by a process that then dies by SIGKILL goes within a second or two,
    and so does a kernel it forked."""
    import os
    import signal
    import subprocess
    import time

    script = tmp_path / "induk.py"
    script.write_text(
        "import os, sys, time\n"
        "from sakip_analysis.report import kernels\n"
        "z = kernels.start_zygote()\n"
        "assert z.ready(), z.problem\n"
        f"conn = {str(tmp_path / 'tidak-ada.json')!r}\n"
        "pid = z.fork(['-f', conn], os.getcwd(), dict(os.environ))\n"
        "print(z.process.pid, pid, flush=True)\n"
        "time.sleep(600)\n")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        zygote, kernel = (int(v) for v in parent.stdout.readline().split())
        assert kernels._alive(zygote)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and (kernels._alive(zygote) or kernels._alive(kernel)):
            time.sleep(0.1)
        assert not kernels._alive(zygote) and not kernels._alive(kernel)
    finally:
        if parent.poll() is None:
            os.kill(parent.pid, signal.SIGKILL)


@needs_fork
def test_zygote_fills_the_chart_and_table_caches_and_stays_fit_to_fork():
    """The warm-up (one chart drawn and encoded, one table rendered) and the dataset read
    ahead succeed in a real zygote, and leave no thread behind: the zygote still forks."""
    from sakip_analysis.report import kernels

    zygote = kernels.Zygote(datasets=[str(BUNDLED)])
    try:
        assert zygote.ready(), zygote.problem
        assert zygote.info["cold"] == []
        assert zygote.info["datasets"] == [str(BUNDLED)]  # read ahead, and no thread started
        assert zygote.info["ok"] is True
    finally:
        zygote.stop()


@pytest.mark.parametrize("warm", [True, False])
def test_clients_retry_a_kernel_not_yet_listening_within_reconnect_ms(warm):
    """A client connects before its kernel listens; ZMQ's default retry (100 ms) left every
    start idle for a tenth of a second or more. The manager's and the client's sockets retry
    after `_RECONNECT_MS`."""
    import zmq

    manager = kernels.kernel_manager_class(warm)(kernel_name="python3")
    client = manager.client()
    for context in (manager.context, client.context):
        sock = context.socket(zmq.DEALER)
        try:
            assert sock.getsockopt(zmq.RECONNECT_IVL) == kernels._RECONNECT_MS < 100
        finally:
            sock.close(linger=0)
