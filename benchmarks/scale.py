"""How the toolkit scales from a kabupaten to a country: time and peak memory of the math,
the checker, loading the dataset (CSV against Parquet) and each notebook kind, from 10 to
10,000 reports.

The data is the national-size synthetic dataset (`sakip_analysis.demo.national`: kecamatan ×
5 years, written as tidy tables); the checker checks copies of the reference report (as
`bench_checks.py`), because the national tables carry no text. Every measurement runs in its
own process, so its peak memory (resident set, the process and the kernels it started) is
its own. The last columns compare each size with the one before: 10× the reports should cost
about 10× the time (less while fixed costs dominate).

    uv run python benchmarks/scale.py            # 10, 100, 1.000, 10.000 reports
    uv run python benchmarks/scale.py --quick    # up to 1.000 (notebooks at 1.000 only)
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
YEARS = (2020, 2021, 2022, 2023, 2024)
NOTEBOOKS = ("kecamatan_report", "trends", "inconsistency_review", "cross_kecamatan")
CORE = ("matematika", "pemeriksa", "muat_csv", "muat_parquet")


# --------------------------------------------------------------------------- child side

def _peak_mb() -> float:
    """Peak resident memory of this process and of the processes it waited for (kernels)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _parquet_engine() -> bool:
    import importlib.util

    return any(importlib.util.find_spec(m) for m in ("pyarrow", "fastparquet"))


def _math(data: Path) -> float:
    """Capaian of every indicator row, the IKU average and the league table of every year."""
    from sakip_analysis.analysis.compare import league_table
    from sakip_analysis.analysis.indicators import add_capaian
    from sakip_analysis.read.dataset import load_dataset

    tables = load_dataset(data, validate=False)
    began = time.perf_counter()
    add_capaian(tables["indicators"])
    for year in YEARS:
        league_table(tables["indicators"], tables["budget"], year)
    return time.perf_counter() - began


def _checker(n: int) -> float:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from bench_checks import base_tables, replicate

    from sakip_analysis.review import check_tables

    tables, _source = base_tables()
    batch = replicate(tables, n)
    began = time.perf_counter()
    check_tables(batch)
    return time.perf_counter() - began


def _load_csv(data: Path) -> float:
    from sakip_analysis.read.dataset import load_dataset

    began = time.perf_counter()
    load_dataset(data)
    return time.perf_counter() - began


def _load_parquet(data: Path) -> float:
    import pandas as pd

    files = sorted(data.glob("*.parquet"))
    began = time.perf_counter()
    for path in files:
        pd.read_parquet(path)
    return time.perf_counter() - began


def _notebook(kind: str, data: Path, kecamatan: str) -> float:
    import logging

    import papermill

    logging.getLogger("papermill").setLevel(logging.CRITICAL)
    parameters: dict = {"data_dir": str(data)}
    if kind == "kecamatan_report":
        parameters |= {"kecamatan": kecamatan, "year": 2024}
    elif kind == "trends":
        parameters |= {"kecamatan": kecamatan, "years": []}
    else:
        parameters |= {"year": 2024}
    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        papermill.execute_notebook(str(REPO / "notebooks" / f"{kind}.ipynb"),
                                   str(Path(tmp) / "out.ipynb"), parameters=parameters,
                                   kernel_name="python3", progress_bar=False,
                                   cwd=str(REPO / "notebooks"))
        return time.perf_counter() - began


def child(kind: str, n: int, data: Path) -> None:
    if kind == "matematika":
        seconds = _math(data)
    elif kind == "pemeriksa":
        seconds = _checker(n)
    elif kind == "muat_csv":
        seconds = _load_csv(data)
    elif kind == "muat_parquet":
        if not _parquet_engine():
            print(json.dumps({"skip": "tidak ada pyarrow/fastparquet"}))
            return
        seconds = _load_parquet(data)
    else:
        first = (data / "first_kecamatan.txt").read_text(encoding="utf-8").strip()
        seconds = _notebook(kind, data, first)
    print(json.dumps({"seconds": seconds, "peak_mb": _peak_mb()}))


# --------------------------------------------------------------------------- parent side

def prepare(n_reports: int, root: Path) -> Path:
    """The national synthetic dataset with `n_reports` reports (kecamatan × 5 years), as CSV
    and, when an engine is installed, Parquet beside it."""
    from sakip_analysis.demo.national import national_tables
    from sakip_analysis.read.dataset import write_dataset

    n_kecamatan = max(2, n_reports // len(YEARS))
    tables = national_tables(n_kecamatan, max(1, n_kecamatan // 15), years=YEARS)
    data = write_dataset(tables, root / f"n{n_reports}", xlsx=False)
    if _parquet_engine():
        for name, frame in tables.items():
            frame.to_parquet(data / f"{name}.parquet", index=False)
    (data / "first_kecamatan.txt").write_text(str(tables["tables"]["kecamatan"].iloc[0]),
                                              encoding="utf-8")
    return data


def measure(kind: str, n: int, data: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(n), str(data)],
                         capture_output=True, text=True, check=False)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode or not lines:
        return {"error": (out.stderr.strip().splitlines() or ["?"])[-1][:80]}
    return json.loads(lines[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="sampai 1.000 laporan; notebook hanya pada ukuran terbesar")
    parser.add_argument("--sizes", nargs="*", type=int, default=None,
                        help="jumlah laporan (bawaan: 10 100 1000 10000)")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, n, data = args.child
        child(kind, int(n), Path(data))
        return 0
    from sakip_analysis.formatting import fmt_number

    sizes = args.sizes or ([10, 100, 1000] if args.quick else [10, 100, 1000, 10000])
    began = time.perf_counter()
    print(f"{'ukuran':<34}{'laporan':>9}{'detik':>10}{'memori puncak (MB)':>20}"
          f"{'× waktu':>9}{'× laporan':>11}")
    with tempfile.TemporaryDirectory(prefix="sakip-scale-") as tmp:
        previous: dict[str, tuple[int, float]] = {}
        for n in sizes:
            data = prepare(n, Path(tmp))
            kinds = list(CORE)
            if not args.quick or n == sizes[-1]:
                kinds += list(NOTEBOOKS)
            for kind in kinds:
                result = measure(kind, n, data)
                label = kind if kind in CORE else f"notebook {kind}"
                if "seconds" not in result:
                    print(f"{label:<34}{n:>9}  {result.get('skip') or result.get('error')}")
                    continue
                seconds = result["seconds"]
                growth = ""
                if kind in previous:
                    n0, s0 = previous[kind]
                    growth = f"{fmt_number(seconds / s0, 1):>9}{fmt_number(n / n0, 0):>11}"
                previous[kind] = (n, seconds)
                print(f"{label:<34}{fmt_number(n, 0):>9}{fmt_number(seconds, 2):>10}"
                      f"{fmt_number(result['peak_mb'], 0):>20}{growth}", flush=True)
            csv, parquet = previous.get("muat_csv"), previous.get("muat_parquet")
            if csv and parquet and csv[0] == parquet[0] == n and parquet[1] > 0:
                print(f"{'  CSV ÷ Parquet':<34}{fmt_number(n, 0):>9}"
                      f"{fmt_number(csv[1] / parquet[1], 1):>10}×")
    print(f"selesai dalam {fmt_number(time.perf_counter() - began, 0)} detik")
    return 0


if __name__ == "__main__":
    sys.exit(main())
