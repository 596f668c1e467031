"""`sakip run --executor dask` against the local process pool, on the same jobs, with the Dask
scheduler and workers started as separate processes by their own CLIs (as on a cluster), and
what a national batch would cost in worker-hours by the measured figures.

    uv run python benchmarks/bench_dask.py [--kecamatan Diwek Gudo Perak] [--repeat 2]
                                           [--workers 2]

Both sides run the `sakip` command on the bundled data with `--force` (every report rebuilt),
interleaved. The dask side connects to `dask scheduler` and `dask worker --nworkers N
--nthreads 1` processes started here; their start-up is not counted (a cluster is up before a
batch is sent to it). The national estimate multiplies each notebook kind's measured seconds
per notebook by its count for 7,300 kecamatan × 5 years, twice: by the seconds a job held its
worker here (wall, inflated when the machine is shared) and by its CPU seconds (kernel, papermill
and HTML export: what a dedicated core needs).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
#: the national shape of issue 13: 7,300 kecamatan in about 500 kabupaten, 5 years
NATIONAL = {"kecamatan": 7300 * 5, "perbandingan": 5, "temuan": 5, "tren": 7300}


def sakip_run(reports: Path, kecamatan: list[str], extra: list[str]) -> float:
    shutil.rmtree(reports, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([str(BIN / "sakip"), "-q", "run", "--force", "--reports", str(reports),
                    "--data", str(ROOT / "data"), "--kecamatan", *kecamatan, *extra],
                   check=True, cwd=ROOT, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def per_kind(reports: Path, cpu: bool = False) -> dict[str, list[float]]:
    """Seconds per notebook by kind, from the batch's state file: the seconds it held its
    worker, or (`cpu`) the CPU seconds of its kernel, papermill and export."""
    state = json.loads((reports / ".sakip-state.json").read_text(encoding="utf-8"))["jobs"]
    kinds: dict[str, list[float]] = {}
    for output, entry in state.items():
        kind = ("tren" if output.startswith("tren/") else "perbandingan"
                if output.endswith("perbandingan.html") else "temuan"
                if output.endswith("temuan.html") else "kecamatan")
        t = entry.get("timings", {})
        value = (t.get("kernel_cpu_s", 0) + t.get("papermill_cpu_s", 0)
                 + t.get("export_cpu_s", 0)) if cpu else float(entry["seconds"])
        kinds.setdefault(kind, []).append(value)
    return kinds


def wait_for_workers(scheduler_file: Path, n: int, timeout: float = 180) -> str:
    from distributed import Client

    deadline = time.monotonic() + timeout
    while not scheduler_file.exists():
        if time.monotonic() > deadline:
            raise SystemExit("the Dask scheduler did not start")
        time.sleep(0.2)
    address = json.loads(scheduler_file.read_text())["address"]
    with Client(address, timeout=60) as client:
        client.wait_for_workers(n, timeout=timeout)
    return address


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kecamatan", nargs="+", default=["Diwek", "Gudo", "Perak"],
                        help="kecamatan whose pages are built, all years (default: 3, i.e. "
                             "their pages and trend pages plus every year's comparison and "
                             "review: all four notebook kinds)")
    parser.add_argument("--repeat", type=int, default=2, help="rounds (default 2)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="Dask worker processes and local pool workers (default: cores)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-dask-"))
    scheduler_file = folder / "scheduler.json"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    scheduler = subprocess.Popen([str(BIN / "dask"), "scheduler", "--scheduler-file",
                                  str(scheduler_file), "--port", "0",
                                  "--dashboard-address", ":0"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    workers = subprocess.Popen([str(BIN / "dask"), "worker", "--scheduler-file",
                                str(scheduler_file), "--nworkers", str(args.workers),
                                "--nthreads", "1", "--no-dashboard",
                                "--local-directory", str(folder / "w")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                               cwd=folder)
    try:
        address = wait_for_workers(scheduler_file, args.workers)
        print(f"Dask scheduler {address}, {args.workers} worker processes × 1 thread "
              f"(separate processes); local pool: {args.workers} workers; "
              f"kecamatan {' '.join(args.kecamatan)}; load {os.getloadavg()[0]:.1f}")
        walls: dict[str, list[float]] = {"local": [], "dask": []}
        kinds: dict[str, dict[str, list[float]]] = {"local": {}, "dask": {}}
        cpus: dict[str, list[float]] = {}
        for turn in range(args.repeat):
            order = ("local", "dask") if turn % 2 == 0 else ("dask", "local")
            for side in order:
                extra = ["--jobs", str(args.workers)] if side == "local" else [
                    "--executor", "dask", "--scheduler", address]
                reports = folder / side
                wall = sakip_run(reports, args.kecamatan, extra)
                walls[side].append(wall)
                for kind, values in per_kind(reports).items():
                    kinds[side].setdefault(kind, []).extend(values)
                for kind, values in per_kind(reports, cpu=True).items():
                    cpus.setdefault(kind, []).extend(values)
                n = sum(len(v) for v in per_kind(reports).values())
                print(f"[{turn + 1}] {side:<5} {wall:7.1f} s for {n} notebooks", flush=True)
        print(f"\nwall, median (min): local pool {statistics.median(walls['local']):.1f} s "
              f"({min(walls['local']):.1f}), dask {statistics.median(walls['dask']):.1f} s "
              f"({min(walls['dask']):.1f}); dask / local = "
              f"{statistics.median(walls['dask']) / statistics.median(walls['local']):.2f}")
        print("\nseconds per notebook (median)   held a worker: local   dask   CPU-s")
        for kind in ("kecamatan", "perbandingan", "temuan", "tren"):
            if kind in kinds["dask"]:
                print(f"  {kind:<13} {statistics.median(kinds['local'][kind]):26.2f} "
                      f"{statistics.median(kinds['dask'][kind]):6.2f} "
                      f"{statistics.median(cpus[kind]):7.2f}")
        missing = [k for k in NATIONAL if k not in kinds["dask"]]
        by_wall = sum(NATIONAL[k] * statistics.median(v) for k, v in kinds["dask"].items()
                      if k in NATIONAL) / 3600
        by_cpu = sum(NATIONAL[k] * statistics.median(v) for k, v in cpus.items()
                     if k in NATIONAL) / 3600
        print(f"\nnational batch (7,300 kecamatan × 5 years: {NATIONAL['kecamatan']:,} kecamatan "
              f"pages, {NATIONAL['tren']:,} trend pages, 5 comparisons and 5 reviews): "
              f"{by_cpu:,.0f} worker-hours of CPU (dedicated cores); {by_wall:,.0f} "
              f"worker-hours at the seconds jobs held a worker here "
              f"(≈ {by_cpu / 100:,.1f}–{by_wall / 100:,.1f} h on 100 one-core workers)"
              + (f"; not measured: {', '.join(missing)}" if missing else "") + ". "
              "The comparison and review pages grow with the number of kecamatan: measure "
              "them at that size (benchmarks/scale.py) before planning a cluster on this.")
    finally:
        for proc in (workers, scheduler):
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
