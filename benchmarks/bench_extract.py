"""Documents per second for reading and extracting LKJIP text exports.

Baseline: the I/O floor (read the bytes, decode, split lines) of the same documents, so the
ratio says how much the reader and extraction cost on top of merely touching the file.
Uses the shared reference when present, else a generated demo report.

    uv run python benchmarks/bench_extract.py [N]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "lkjip-jogoroto-2024.txt"


def sample_document(tmp: Path) -> Path:
    if REFERENCE.exists():
        return REFERENCE
    from sakip_analysis.demo import generate_demo

    generate_demo(tmp, kecamatan=["Diwek"], years=(2024,), formats=("txt",), inject=False)
    return next(tmp.rglob("*.txt"))


def rate(label: str, fn, n: int) -> float:
    start = time.perf_counter()
    for _ in range(n):
        fn()
    seconds = time.perf_counter() - start
    print(f"{label:<34} {n / seconds:10.1f} documents/s  ({seconds / n * 1000:6.2f} ms each)")
    return seconds / n


def main() -> None:
    from sakip_analysis.read.extract import extract_records
    from sakip_analysis.read.readers.text_reader import read_text

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    with tempfile.TemporaryDirectory() as tmp:
        path = sample_document(Path(tmp))
        print(f"document: {path.name} ({path.stat().st_size:,} bytes), {n} runs each")
        floor = rate("I/O floor (read + split lines)",
                     lambda: path.read_bytes().decode("utf-8").splitlines(), n)
        read = rate("read_text (document model)", lambda: read_text(path), n)
        full = rate("read_text + extract_records", lambda: extract_records(read_text(path)), n)
    print(f"reader costs {read / floor:.0f}× the I/O floor; "
          f"reading + extraction {full / floor:.0f}× (a reference report in {full * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
