"""How fast `sakip` starts: `uv run sakip --help` and `uv run sakip check` of the reference
report, end to end, against the floor of `uv run python -c pass` measured in the same run.

    uv run python benchmarks/bench_start.py [--repeat 7] [--report PATH]

Wall times are medians of interleaved runs; CPU seconds are the children's user+system time.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = Path(os.environ.get("SAKIP_REFERENCE", ROOT.parent / "shared" / "reference"
                                / "lkjip-jogoroto-2024.txt"))


def timed(command: list[str]) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--report", type=Path, default=REFERENCE)
    args = parser.parse_args()
    uv = shutil.which("uv") or "uv"
    commands = {"uv run python -c pass (floor)": [uv, "run", "python", "-c", "pass"],
                "uv run sakip --help": [uv, "run", "sakip", "--help"]}
    if args.report.exists():
        commands["uv run sakip check REFERENCE"] = [uv, "run", "sakip", "check",
                                                    str(args.report)]
    else:
        print(f"(no {args.report}: the check is skipped)")
    for command in commands.values():  # the first call may sync or fill the bytecode cache
        timed(command)
    walls = {name: [] for name in commands}
    cpus = {name: [] for name in commands}
    recompiled = False
    for _ in range(args.repeat):
        for name, command in commands.items():
            wall, cpu, err = timed(command)
            walls[name].append(wall)
            cpus[name].append(cpu)
            recompiled |= "Bytecode compiled" in err
    print(f"load average {os.getloadavg()[0]:.1f}; median of {args.repeat} runs")
    floor = statistics.median(walls["uv run python -c pass (floor)"])
    for name in commands:
        wall = statistics.median(walls[name])
        print(f"  {name:<34} {wall:6.2f} s wall  {statistics.median(cpus[name]):5.2f} CPU-s"
              f"  {wall / floor:5.1f}x the floor")
    print(f"uv recompiled bytecode on a run: {'YES' if recompiled else 'no'}")


if __name__ == "__main__":
    main()
