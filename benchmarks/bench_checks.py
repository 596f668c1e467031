"""How the cost of `check_tables` grows with the number of reports (it should be linear).

The tidy tables of the reference report (or, without it, of the synthetic report of the
checker's tests) are replicated N times under different file and kecamatan names, and the
whole batch is checked at once. Prints seconds, milliseconds per report, and how much
longer each batch took than the one before (10× the reports should take about 10× as long;
the smallest batch carries the fixed cost of a call).

    uv run python benchmarks/bench_checks.py            # N = 10, 100, 1000, 10000
    uv run python benchmarks/bench_checks.py --sizes 10 100 1000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO.parent / "shared" / "reference" / "lkjip-jogoroto-2024.txt"


def base_tables() -> tuple[dict[str, pd.DataFrame], str]:
    """Tidy tables of one report: the reference when present, else the tests' clean report."""
    from sakip_analysis.read.extract import extract_paths

    if REFERENCE.exists():
        result = extract_paths([REFERENCE])
        return result.tables, REFERENCE.name
    sys.path.insert(0, str(REPO / "tests"))
    from test_checks_injected import CLEAN

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sukamaju-2024.txt"
        path.write_text(CLEAN, encoding="utf-8")
        result = extract_paths([path])
    return result.tables, "synthetic report (reference absent)"


def replicate(tables: dict[str, pd.DataFrame], n: int) -> dict[str, pd.DataFrame]:
    """n copies of one report's tables, each with its own source file and kecamatan."""
    out = {}
    for name, frame in tables.items():
        if frame.empty:
            out[name] = frame
            continue
        copies = pd.concat([frame] * n, ignore_index=True)
        copy_no = pd.Series(range(n)).repeat(len(frame)).to_numpy()
        copies["source_file"] = [f"laporan-{i:05d}.txt" for i in copy_no]
        copies["kecamatan"] = [f"Kecamatan {i:05d}" for i in copy_no]
        out[name] = copies
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", type=int, default=[10, 100, 1000, 10000])
    args = parser.parse_args(argv)

    from sakip_analysis.review import check_tables

    tables, source = base_tables()
    check_tables(tables)  # warm caches and imports once
    print(f"checking copies of: {source}")
    print(f"{'reports':>8} {'rows':>10} {'findings':>9} {'seconds':>9} {'ms/report':>10} "
          f"{'× time':>7} {'× reports':>10}")
    previous: tuple[int, float] | None = None
    for n in args.sizes:
        batch = replicate(tables, n)
        rows = sum(len(f) for f in batch.values())
        start = time.perf_counter()
        findings = check_tables(batch)
        seconds = time.perf_counter() - start
        growth = (f"{seconds / previous[1]:>7.1f} {n / previous[0]:>10.0f}" if previous
                  else f"{'':>7} {'':>10}")
        print(f"{n:>8} {rows:>10} {len(findings):>9} {seconds:>9.2f} {seconds / n * 1000:>10.2f} "
              f"{growth}")
        previous = (n, seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
