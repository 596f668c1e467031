"""How many pages a one-figure edit of the bundled data rebuilds, and how long planning takes.

Changes one realisasi in Diwek's 2023 IKU table (in memory), plans the jobs before and after,
and prints the pages whose fingerprint changed and the time to fingerprint the whole plan.
Run: uv run python benchmarks/bench_incremental.py
"""

from __future__ import annotations

import time
from pathlib import Path

from sakip_analysis.read.dataset import load_dataset
from sakip_analysis.report.batch import job_hash
from sakip_analysis.report.plan import plan_jobs

DATA = Path(__file__).resolve().parents[1] / "data" / "processed"


def main() -> None:
    tables = load_dataset(DATA)
    began = time.perf_counter()
    before = {job.output: job_hash(job) for job in plan_jobs(tables, DATA)}
    seconds = time.perf_counter() - began
    rows = tables["indicators"].copy()
    hit = ((rows["kecamatan"] == "Diwek") & (rows["year"] == 2023)
           & (rows["period_year"] == 2023) & (rows["table_kind"] == "iku")
           & (rows["indicator"] == "Nilai SAKIP"))
    rows.loc[hit, "realisasi"] = rows.loc[hit, "realisasi"] + 1
    after = {job.output: job_hash(job)
             for job in plan_jobs({**tables, "indicators": rows}, DATA)}
    changed = sorted(o for o in before if before[o] != after[o])
    print(f"{len(before)} halaman; diubah 1 angka (Diwek 2023, Nilai SAKIP): "
          f"{len(changed)} halaman dibangun ulang ({len(before)} tanpa sidik data)")
    for output in changed:
        print(f"  {output}")
    print(f"sidik data seluruh rencana: {seconds:.2f} s")


if __name__ == "__main__":
    main()
