"""`sakip run`'s engine against the naive loop, on the project's own notebooks and data.

The jobs are the ones `sakip run` plans for the bundled dataset (data/processed): the real
notebooks (notebooks/*.ipynb) with their real parameters. Three sides, interleaved and
repeated, each producing the same outputs (the executed notebook and its HTML page):

- naive: for each notebook, one after another, the `papermill` CLI then
  `jupyter nbconvert --to html --no-input` (what a shell script would do);
- engine, stock kernels: `run_batch` (one worker per core, in-process HTML export), a new
  Python process per kernel;
- engine, warm kernels: the same, each kernel forked from a pre-imported zygote.

Each round brackets the naive loop: the engine sides run before it and again after it, in
reverse order (stock, warm, naive, warm, stock), and a round's figure for an engine side is the
mean of its two runs. The naive loop takes ten times as long as an engine run, and this shared
machine drifts by a fifth or more over minutes; bracketing weighs the drift alike on both
sides instead of on whichever side happens to run next (`--schedule rotated`: one run per side
per round, in rotated order, as before).

Each side runs in its own process tree (the engine's interpreter start, imports and pool start
are counted, as the naive side's CLI start-ups are). CPU seconds are those of the whole tree,
collected by making this process the subreaper of every orphan (Linux). Prints the wall time
of every run, each side's median and minimum, the ratios, and where one notebook's time goes
per notebook kind.

    uv run python benchmarks/bench_batch.py            # 8 notebooks of all four kinds, 3 rounds
    uv run python benchmarks/bench_batch.py --quick    # 4 notebooks (one per kind), 2 rounds
    uv run python benchmarks/bench_batch.py --all --repeat 1   # the whole bundled batch
    uv run python benchmarks/bench_batch.py --all --repeat 1 --sides warm --jobs 3
                                                    # one side only: try an engine setting
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import ctypes
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
KINDS = ("kecamatan", "perbandingan", "temuan", "tren")
SIDES = ("naive", "stock", "warm")
_PR_SET_CHILD_SUBREAPER = 36


def plan(data: Path, quick: bool, everything: bool) -> list:
    """The jobs `sakip run` would run on `data`, sampled: every kind is represented, and
    kecamatan reports (61 of the 87) come from different kecamatan and years."""
    from sakip_analysis.read.dataset import load_dataset
    from sakip_analysis.report.plan import NOTEBOOKS, plan_jobs

    jobs = plan_jobs(load_dataset(data), data, notebooks=NOTEBOOKS)
    if everything:
        return jobs
    want = {"kecamatan": 1, "perbandingan": 1, "temuan": 1, "tren": 1} if quick else {
        "kecamatan": 4, "perbandingan": 1, "temuan": 1, "tren": 2}
    chosen = []
    for kind, count in want.items():
        of_kind = [j for j in jobs if j.kind == kind]
        step = max(1, len(of_kind) // count)
        chosen += of_kind[::step][:count]
    return chosen


def _reap_orphans() -> None:
    """Wait for every process reparented to us (we are their subreaper): their CPU time then
    counts in RUSAGE_CHILDREN."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _ts(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


def naive_phases(executed: Path) -> dict[str, float]:
    """The same phases as the engine records, from the naive side's executed notebook."""
    import nbformat

    from sakip_analysis.report.batch import _phases

    return _phases(nbformat.read(executed, as_version=4))


def run_naive(jobs: list, out: Path) -> dict[str, dict[str, float]]:
    timings: dict[str, dict[str, float]] = {}
    for job in jobs:
        executed = out / job.notebook_output
        executed.parent.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        subprocess.run([str(BIN / "papermill"), str(job.notebook), str(executed), "-y",
                        json.dumps(job.parameters), "-k", "python3", "--cwd",
                        str(job.notebook.parent), "--no-progress-bar"],
                       check=True, capture_output=True)
        t1 = time.perf_counter()
        subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input",
                        str(executed)], check=True, capture_output=True)
        t2 = time.perf_counter()
        timings[job.output] = {"papermill_cli": t1 - t0, "nbconvert_cli": t2 - t1,
                               **naive_phases(executed)}
    return timings


def child(side: str, data: Path, out: Path, quick: bool, everything: bool, jobs_n: int) -> None:
    """One engine run, in its own process as `sakip run` would be."""
    from sakip_analysis.report.batch import run_batch
    from sakip_analysis.report.plan import NOTEBOOKS

    jobs = plan(data, quick, everything)
    status = run_batch(jobs, out, n_jobs=jobs_n, progress=False, force=True, kernels=side,
                       keep_notebooks=True, cwd=NOTEBOOKS, log=lambda line: None)
    bad = status[status["status"] != "ok"]
    if len(bad):
        raise SystemExit(f"engine run failed: {bad[['output', 'error']].to_dict('records')}")


def run_side(side: str, args: argparse.Namespace, jobs: list,
             out: Path) -> tuple[float, float, dict[str, dict[str, float]]]:
    """(wall seconds, CPU seconds of the whole process tree, per-job timings)."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    _reap_orphans()
    cpu0, start = _cpu_children(), time.perf_counter()
    if side == "naive":
        timings = run_naive(jobs, out)
    else:
        command = [sys.executable, __file__, "--child", side, str(args.data), str(out),
                   str(args.jobs)]
        command += ["--quick"] if args.quick else []
        command += ["--all"] if args.all else []
        subprocess.run(command, check=True)
        state = json.loads((out / ".sakip-state.json").read_text(encoding="utf-8"))["jobs"]
        timings = {k: v["timings"] for k, v in state.items()}
    wall = time.perf_counter() - start
    _reap_orphans()
    return wall, _cpu_children() - cpu0, timings


def same_outputs(folder: Path, jobs: list,
                 sides: tuple[str, ...] = SIDES) -> dict[str, tuple[int, int]]:
    """Every side wrote an executed notebook and an HTML page for every job, with the same
    number of charts; returns, per pair of sides, how many charts are byte-identical (of how
    many): a chart that differs between two runs of the same side is the notebook's own
    nondeterminism, not the engine's."""
    import nbformat

    same: dict[str, list[int]] = {pair: [0, 0] for pair in ("naive=stock", "stock=warm",
                                                            "naive=warm")
                                  if set(pair.split("=")) <= set(sides)}
    for job in jobs:
        charts = {}
        for side in sides:
            base = folder / side / job.output
            assert base.is_file(), f"{side}: no HTML for {job.output}"
            nb = nbformat.read(base.with_suffix(".ipynb"), as_version=4)
            charts[side] = [base64.b64decode(o["data"]["image/png"]) for c in nb.cells
                            if c.cell_type == "code" for o in c.outputs
                            if "image/png" in o.get("data", {})]
        counts = {side: len(v) for side, v in charts.items()}
        assert len(set(counts.values())) == 1, f"{job.output}: charts differ {counts}"
        for pair in same:
            a, b = pair.split("=")
            same[pair][0] += sum(x == y for x, y in zip(charts[a], charts[b], strict=True))
            same[pair][1] += len(charts[a])
    return {pair: (n, total) for pair, (n, total) in same.items()}


def ratio_line(label: str, slow: list[float], fast: list[float]) -> str:
    return (f"  {label:<34} median {statistics.median(slow) / statistics.median(fast):5.2f}x"
            f"   min {min(slow) / min(fast):5.2f}x")


def breakdown(jobs: list, timings: dict[str, dict[str, dict[str, float]]]) -> None:
    """Median seconds per notebook, per kind and side."""
    keys = [("kernel_ready", "kernel ready (wall)"), ("imports", "import cell (wall)"),
            ("charts", "chart cells (wall)"), ("other_cells", "other cells (wall)"),
            ("kernel_cpu_s", "kernel process (CPU)"),
            ("papermill_cpu_s", "papermill in worker (CPU)"), ("export_cpu_s", "HTML (CPU)"),
            ("papermill_cli", "papermill CLI (wall)"), ("nbconvert_cli", "nbconvert CLI (wall)")]
    kinds = [k for k in KINDS if any(j.kind == k for j in jobs)]
    for kind in kinds:
        outputs = [j.output for j in jobs if j.kind == kind]
        print(f"\n{kind} ({len(outputs)} notebook{'s' if len(outputs) > 1 else ''}), "
              "median seconds per notebook      naive    stock     warm")
        for key, label in keys:
            cells = []
            for side in SIDES:
                values = [run[o][key] for run in timings.get(side, []) for o in outputs
                          if key in run.get(o, {})]
                cells.append(f"{statistics.median(values):8.2f}" if values else "       -")
            if any(c.strip() != "-" for c in cells):
                print(f"  {label:<44}{' '.join(cells)}")


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        side, data, out, jobs_n = sys.argv[2:6]
        return child(side, Path(data), Path(out), "--quick" in sys.argv,
                     "--all" in sys.argv, int(jobs_n))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="4 notebooks (one per kind) and 2 rounds")
    parser.add_argument("--all", action="store_true", help="every job of the bundled batch")
    parser.add_argument("--repeat", type=int, default=None,
                        help="rounds (default 3, --quick 2); see --schedule")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="engine worker processes (default: cores)")
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "processed",
                        help="the processed dataset (default: the bundled one)")
    parser.add_argument("--keep", type=Path, help="keep the outputs in this folder")
    parser.add_argument("--sides", nargs="+", choices=SIDES, default=list(SIDES),
                        help="run only these sides (ratios need both of a pair)")
    parser.add_argument("--schedule", choices=("bracketed", "rotated"), default="bracketed",
                        help="bracketed: engine sides before and after the naive loop in each "
                             "round (their mean is the round's figure); rotated: one run per "
                             "side per round, in rotated order")
    args = parser.parse_args()
    args.data = args.data.resolve()
    repeat = args.repeat or (2 if args.quick else 3)
    if hasattr(ctypes, "CDLL") and sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)

    jobs = plan(args.data, args.quick, args.all)
    counts = {k: sum(j.kind == k for j in jobs) for k in KINDS}
    mix = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
    print(f"{len(jobs)} notebooks of the bundled batch ({mix}); {os.cpu_count()} cores; "
          f"engine workers: {args.jobs}; {repeat} rounds")
    load = os.getloadavg()[0]
    print(f"load average before the start: {load:.1f}"
          + (" (busy: other processes slow the parallel sides more than the serial one)"
             if load > 0.5 else ""))
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-batch-"))
    # warm the disk and bytecode caches for every side alike
    subprocess.run([sys.executable, "-c", "import pandas, seaborn, papermill, nbconvert, "
                    "ipykernel.kernelapp, nbconvert.exporters.html, sakip_analysis.report.batch,"
                    " sakip_analysis.report.views.common"], check=True)

    sides = tuple(s for s in SIDES if s in args.sides)
    walls: dict[str, list[float]] = {s: [] for s in sides}
    cpus: dict[str, list[float]] = {s: [] for s in sides}
    timings: dict[str, list[dict[str, dict[str, float]]]] = {s: [] for s in sides}
    engines = [s for s in sides if s != "naive"]
    bracketed = args.schedule == "bracketed" and "naive" in sides and bool(engines)
    for turn in range(repeat):
        if bracketed:
            order = [*engines, "naive", *reversed(engines)]
        else:
            order = list(sides[turn % len(sides):] + sides[:turn % len(sides)])
        runs: dict[str, list[tuple[float, float]]] = {s: [] for s in sides}
        for side in order:
            wall, cpu, times = run_side(side, args, jobs, folder / side)
            runs[side].append((wall, cpu))
            timings[side].append(times)
            print(f"[{turn + 1}] {side:<5} {wall:7.1f} s wall, {cpu:7.1f} CPU-s", flush=True)
        for side in sides:  # a round's figure: the mean of the side's runs in it
            walls[side].append(statistics.fmean(w for w, _ in runs[side]))
            cpus[side].append(statistics.fmean(c for _, c in runs[side]))
        if bracketed:
            print(f"[{turn + 1}] round: " + ", ".join(
                f"naive / {side} {walls['naive'][-1] / walls[side][-1]:.2f}x"
                for side in engines), flush=True)
    identical = same_outputs(folder, jobs, sides)

    n = len(jobs)
    print("\nwall seconds for the batch (per round)         median      min   CPU-s/notebook")
    names = {"naive": "naive loop (papermill + nbconvert CLIs)",
             "stock": "engine, stock kernels", "warm": "engine, warm kernels"}
    for side in sides:
        print(f"  {names[side]:<44}{statistics.median(walls[side]):7.1f}  {min(walls[side]):7.1f}"
              f"   {statistics.median(cpus[side]) / n:8.2f}")
    pairs = [(a, b, label) for a, b, label in (
        ("naive", "stock", "naive / engine (stock kernels)"),
        ("naive", "warm", "naive / engine (warm kernels)"),
        ("stock", "warm", "stock / warm kernels")) if a in sides and b in sides]
    if pairs:
        print("ratios (wall)")
        for a, b, label in pairs:
            print(ratio_line(label, walls[a], walls[b]))
        print("ratios (CPU-s of the whole process tree)")
        for a, b, label in pairs:
            if label != "naive / engine (stock kernels)":
                print(ratio_line(label, cpus[a], cpus[b]))
    print("engine cores busy: " + ", ".join(
        f"{side} {statistics.median(cpus[side]) / statistics.median(walls[side]) / args.jobs:.0%}"
        for side in sides if side != "naive") + f" (CPU-s ÷ wall ÷ {args.jobs} workers)")
    print("charts byte-identical: " + ", ".join(f"{pair} {n}/{total}"
                                                for pair, (n, total) in identical.items()))
    breakdown(jobs, timings)
    if not args.keep:
        with contextlib.suppress(OSError):
            shutil.rmtree(folder)
    return None


if __name__ == "__main__":
    main()
