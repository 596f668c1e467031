"""Stopping `sakip run`: Ctrl-C and SIGTERM stop it within seconds without a traceback and keep
the finished reports (the next run does the rest); SIGKILL of the main process leaves no worker,
zygote or kernel behind. Real runs of the project's notebooks on a small demo kabupaten."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sakip_analysis.demo import generate_demo

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                                 reason="reads the process tree from /proc (Linux)")]

STATE = ".sakip-state.json"


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def descendants(pid: int) -> set[int]:
    tree, found, todo = _children(), set(), [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def kernels_running(pid: int) -> bool:
    """A kernel is running under the `sakip run` process `pid` (warm: a child of a zygote;
    stock: an ipykernel process)."""
    tree = _children()
    for p in descendants(pid):
        line = cmdline(p)
        if "ipykernel" in line:
            return True
        if "sakip_analysis.report.kernels" in line and tree.get(p):
            return True
    return False


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """Three demo kecamatan in one year: 8 notebooks (3 pages, a comparison, a review and a
    trend page per kecamatan: every report gets one, even with one year)."""
    root = tmp_path_factory.mktemp("data")
    generate_demo(root / "raw" / "demo", kecamatan=["Perak", "Gudo", "Ploso"], years=(2024,),
                  formats=("txt",), inject=True)
    return root


def start(data: Path, tmp_path: Path) -> tuple[subprocess.Popen, Path]:
    own = tmp_path / "data"
    shutil.copytree(data, own)
    reports = tmp_path / "reports"
    proc = subprocess.Popen(
        [sys.executable, "-m", "sakip_analysis.cli", "-q", "run", "--data", str(own),
         "--reports", str(reports), "--jobs", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return proc, reports


def finished(reports: Path) -> dict[str, dict]:
    try:
        return json.loads((reports / STATE).read_text(encoding="utf-8"))["jobs"]
    except (OSError, ValueError):
        return {}


def test_sigkill_of_the_main_process_leaves_nothing_running(data, tmp_path):
    proc, _ = start(data, tmp_path)
    try:
        wait_for(lambda: kernels_running(proc.pid), 180, "a kernel to start")
        family = descendants(proc.pid)
        assert family  # workers, the fork server, zygotes, kernels
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(alive(p) for p in family):
            time.sleep(0.1)
        survivors = {p: cmdline(p) for p in family if alive(p)}
        assert survivors == {}
    finally:
        for p in descendants(proc.pid) | {proc.pid}:
            with __import__("contextlib").suppress(OSError):
                os.kill(p, signal.SIGKILL)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_interrupt_stops_quickly_keeps_finished_reports_and_the_next_run_finishes(
        data, tmp_path, signum):
    proc, reports = start(data, tmp_path)
    try:
        # one report done, the next one's kernel busy
        wait_for(lambda: len(finished(reports)) >= 1 and kernels_running(proc.pid), 300,
                 "the first report and the next kernel")
        family = descendants(proc.pid)
        done = finished(reports)
        stopped_at = time.monotonic()
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=15)
        took = time.monotonic() - stopped_at
    finally:
        if proc.poll() is None:
            proc.kill()
    assert took < 10, f"took {took:.1f} s to stop"
    assert proc.returncode == 128 + signum
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "dihentikan" in err
    time.sleep(1)
    assert {p: cmdline(p) for p in family if alive(p)} == {}
    for output, entry in done.items():  # what was finished is kept, as recorded
        assert entry["status"] == "ok" and (reports / output).is_file()
    assert len(finished(reports)) < 8  # it did stop before the end

    again = subprocess.run(
        [sys.executable, "-m", "sakip_analysis.cli", "-q", "run", "--data",
         str(tmp_path / "data"), "--reports", str(reports), "--jobs", "2"],
        capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert "8 laporan siap, 0 gagal" in again.stderr
    state = finished(reports)
    assert len(state) == 8 and {e["status"] for e in state.values()} == {"ok"}
    for output in done:  # not redone
        assert state[output]["finished"] == done[output]["finished"]
