"""What a notebook pays to load the dataset: the old way (every CSV parsed and every table
validated by pandera in each notebook) against the transactional dataset (Parquet, checked
against the manifest's hashes; validated once, when written).

    uv run python benchmarks/bench_load.py [DATA_DIR] [--repeat 5]

Prints the median seconds of each and their ratio, measured in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(REPO / "data" / "processed"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from sakip_analysis.read import dataset, schema

    folder = Path(args.data)

    def old_way() -> None:  # CSV, conformed and validated on every load
        frames = {n: dataset._parse_csv((folder / f"{n}.csv").read_bytes())
                  for n in schema.TABLE_NAMES}
        dataset._conformed(frames, True)

    def new_way() -> None:
        dataset.load_dataset(folder)

    times: dict[str, list[float]] = {"csv + validation": [], "parquet + manifest": []}
    for _ in range(args.repeat):  # interleaved, so both see the same machine load
        for label, run in (("csv + validation", old_way), ("parquet + manifest", new_way)):
            start = time.perf_counter()
            run()
            times[label].append(time.perf_counter() - start)
    old, new = (statistics.median(v) for v in times.values())
    for label, values in times.items():
        print(f"{label:>20}: median {statistics.median(values):.3f} s, min {min(values):.3f} s")
    print(f"{'ratio':>20}: {old / new:.1f}× faster")


if __name__ == "__main__":
    main()
