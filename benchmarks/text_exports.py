"""Text exports of the real PDFs, measured against the PDFs themselves.

For every PDF of ../shared/reference/real/ (or $SAKIP_REFERENCE/real) plus the Tangsel
quarterly form beside it, `pdftotext -layout` writes a .txt into a temporary folder and the
text reader reads it (the space-aligned tables are what `read.readers.aligned` turns into
cells). One row per document: indicator and budget rows from the PDF and from its export,
and how many hand-key rows (tests/keys, matched by tests/read/hand_keys.py) each matches
exactly.

    uv run python benchmarks/text_exports.py            # PDF and text export
    uv run python benchmarks/text_exports.py --no-pdf   # the text exports only (fast)
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "read"))
sys.path.insert(0, str(REPO / "benchmarks"))

from corpus import REFERENCE  # noqa: E402
from hand_keys import BUDGET_FIELDS, INDICATOR_FIELDS, best_match, load_keys  # noqa: E402


def pdfs() -> list[Path]:
    real = sorted((REFERENCE / "real").glob("*.pdf"))
    extra = sorted(REFERENCE.glob("*.pdf"))
    return [*real, *extra]


def export(pdf: Path, folder: Path) -> Path:
    """`pdftotext -layout` of the whole PDF, as a user would export it."""
    out = folder / f"{pdf.stem}.txt"
    subprocess.run(["pdftotext", "-layout", str(pdf), str(out)], check=True,
                   capture_output=True)
    return out


def measure(path: Path, key: dict | None) -> dict[str, object]:
    """Rows read from one file and hand-key rows matched exactly (None where no key)."""
    import pandas as pd

    from sakip_analysis.read.extract import extract_paths

    start = time.perf_counter()
    result = extract_paths([path])
    seconds = time.perf_counter() - start
    if result.failed:
        return {"status": "refused", "seconds": seconds}
    tables = result.tables
    indicators = pd.concat([tables["indicators"], tables["perjanjian_kinerja"]],
                           ignore_index=True)
    budget = tables["budget"]
    row: dict[str, object] = {"status": "read", "indicators": len(indicators),
                              "budget": len(budget), "seconds": seconds}
    if key is not None:
        keyed = matched = 0
        for entry in key.get("indicators", []):
            keyed += 1
            matched += best_match(indicators, entry, INDICATOR_FIELDS,
                                  ("indicator", "name")) is None
        for entry in key.get("budget", []):
            keyed += 1
            matched += best_match(budget, entry, BUDGET_FIELDS, ("name", "indicator")) is None
        row.update({"keyed": keyed, "matched": matched})
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-pdf", action="store_true", help="read the text exports only")
    args = parser.parse_args(argv)
    if shutil.which("pdftotext") is None:
        print("pdftotext (poppler-utils) is not installed")
        return 1
    files = pdfs()
    if not files:
        print(f"no PDFs under {REFERENCE}; set SAKIP_REFERENCE=/path/to/shared/reference")
        return 1
    keys = load_keys()
    header = ("document", "pdf ind", "txt ind", "pdf bud", "txt bud", "keyed", "pdf match",
              "txt match", "txt s")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    totals = {"keyed": 0, "pdf": 0, "txt": 0}
    with tempfile.TemporaryDirectory() as folder:
        for pdf in files:
            key = keys.get(pdf.name)
            txt = measure(export(pdf, Path(folder)), key)
            from_pdf = {} if args.no_pdf else measure(pdf, key)
            keyed = txt.get("keyed", "–")
            totals["keyed"] += int(txt.get("keyed", 0))
            totals["txt"] += int(txt.get("matched", 0))
            totals["pdf"] += int(from_pdf.get("matched", 0))
            refused = "refused"
            cells = (pdf.stem, from_pdf.get("indicators", from_pdf.get("status", "–")),
                     txt.get("indicators", refused),
                     from_pdf.get("budget", "–"), txt.get("budget", refused), keyed,
                     from_pdf.get("matched", "–"), txt.get("matched", "–"),
                     f"{txt['seconds']:.1f}")
            lines.append("| " + " | ".join(map(str, cells)) + " |")
            print(f"  {pdf.name}: done", file=sys.stderr, flush=True)
    print("\n".join(lines))
    print()
    pdf_part = "" if args.no_pdf else f"from the PDFs {totals['pdf']}, "
    print(f"hand-key rows matched exactly: {pdf_part}from the text exports {totals['txt']} "
          f"of {totals['keyed']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
