"""The real-report corpus, measured: one row per document, printed as a markdown table.

For every document in ../shared/reference/real/ (or $SAKIP_REFERENCE/real) plus the Jogoroto
reference: read or refused (and why), tables found and recognised, indicator and budget rows,
cells kept as text, findings of the checker by severity, seconds and seconds per page.

    uv run python benchmarks/corpus.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REFERENCE = Path(os.environ.get("SAKIP_REFERENCE") or REPO.parent / "shared" / "reference")
SUFFIXES = (".pdf", ".docx", ".txt", ".md")


def documents() -> list[Path]:
    real = sorted(p for p in (REFERENCE / "real").glob("*") if p.suffix.lower() in SUFFIXES
                  and p.name != "SOURCES.md")
    jogoroto = REFERENCE / "lkjip-jogoroto-2024.txt"
    return [*real, *([jogoroto] if jogoroto.exists() else [])]


def pages(path: Path) -> int | None:
    """PDF pages (pypdfium2 counts without parsing the pages); None for other formats."""
    if path.suffix.lower() != ".pdf":
        return None
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


def measure(path: Path) -> dict[str, object]:
    from sakip_analysis.errors import SakipError
    from sakip_analysis.read.extract import extract_paths
    from sakip_analysis.review import check_tables

    start = time.perf_counter()
    result = extract_paths([path])
    read_s = time.perf_counter() - start
    row: dict[str, object] = {"document": path.name, "pages": pages(path), "seconds": read_s}
    if result.failed:
        row["status"] = "refused: " + result.failed[0][1].split(": ", 1)[-1][:60]
        return row
    tables = result.tables
    catalog = tables["tables"]
    kept_as_text = sum(1 for w in result.warnings if "disimpan sebagai teks" in w)
    try:
        findings = check_tables(tables)
        severity = findings["severity"].value_counts().to_dict()
    except SakipError as exc:  # the checker's own refusal is a result too
        severity = {"gagal": str(exc)[:40]}
    row.update({
        "status": "read",
        "tables": len(catalog),
        "recognised": int((catalog["table_kind"] != "tidak_dikenali").sum()),
        "indicators": len(tables["indicators"]) + len(tables["perjanjian_kinerja"]),
        "budget": len(tables["budget"]),
        "kept_as_text": kept_as_text,
        "error": severity.get("error", 0),
        "warning": severity.get("warning", 0),
        "info": severity.get("info", 0),
        "seconds_total": time.perf_counter() - start,
    })
    return row


COLUMNS = ("document", "status", "pages", "tables", "recognised", "indicators", "budget",
           "kept_as_text", "error", "warning", "info", "seconds", "s/page")


def markdown(rows: list[dict[str, object]]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for row in rows:
        n_pages = row.get("pages")
        per_page = (f"{row['seconds'] / n_pages:.2f}" if isinstance(n_pages, int) and n_pages
                    else "–")
        cells = {**row, "seconds": f"{row['seconds']:.1f}", "s/page": per_page,
                 "pages": n_pages if n_pages is not None else "–"}
        lines.append("| " + " | ".join(str(cells.get(c, "–")) for c in COLUMNS) + " |")
    return "\n".join(lines)


def main() -> int:
    docs = documents()
    if not docs:
        print(f"no documents under {REFERENCE}; set SAKIP_REFERENCE=/path/to/shared/reference")
        return 1
    rows = []
    for path in docs:
        rows.append(measure(path))
        print(f"  {path.name}: {rows[-1]['status']} ({rows[-1]['seconds']:.1f} s)",
              file=sys.stderr, flush=True)
    print(markdown(rows))
    seconds = [float(r["seconds"]) for r in rows if r.get("status") == "read"]
    refused = [r["document"] for r in rows if r.get("status") != "read"]
    print()
    print(f"{len(rows)} documents, {len(refused)} refused; median read+extract "
          f"{statistics.median(seconds):.1f} s (target < 5 s)" if seconds else "nothing read")
    return 0


if __name__ == "__main__":
    sys.exit(main())
