"""Seconds per page for words with positions: pdfplumber against pypdfium2, same pages.

The PDF reader needs every word with its box (to find table cells and lines). Baseline:
pdfplumber's `extract_words`, which the reader uses today; candidate: pypdfium2's text page
(`get_text_bounded` per character box, grouped into words). The ratio says how much faster the
candidate is on the real corpus; both are timed in the same run on the same pages.

    uv run python benchmarks/bench_pdf_words.py [max_pages_per_file]
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REFERENCE = Path(os.environ.get("SAKIP_REFERENCE") or REPO.parent / "shared" / "reference")


def plumber_words(path: Path, limit: int) -> tuple[int, int]:
    import pdfplumber

    words = pages = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[:limit]:
            words += len(page.extract_words())
            pages += 1
            page.close()
    return pages, words


def pdfium_words(path: Path, limit: int) -> tuple[int, int]:
    """Words with boxes from pdfium: characters grouped on white space, each word's box the
    union of its characters' boxes."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    words = pages = 0
    try:
        for index in range(min(limit, len(pdf))):
            page = pdf[index]
            text = page.get_textpage()
            current: list[tuple[float, float, float, float]] = []
            for i in range(text.count_chars()):
                char = text.get_text_range(i, 1)
                if char.isspace() or not char:
                    words += bool(current)
                    current = []
                    continue
                current.append(text.get_charbox(i))
            words += bool(current)
            pages += 1
            text.close()
            page.close()
    finally:
        pdf.close()
    return pages, words


def timed(fn, path: Path, limit: int) -> tuple[float, int, int]:
    start = time.perf_counter()
    pages, words = fn(path, limit)
    return time.perf_counter() - start, pages, words


def main() -> int:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    files = sorted((REFERENCE / "real").glob("*.pdf"))
    if not files:
        print(f"no PDFs under {REFERENCE / 'real'}; set SAKIP_REFERENCE")
        return 1
    base_total = cand_total = 0.0
    total_pages = 0
    print("| document | pages | pdfplumber s/page | pypdfium2 s/page | words (plumber/pdfium) |")
    print("|---|---|---|---|---|")
    for path in files:
        base, pages, base_words = timed(plumber_words, path, limit)
        cand, _, cand_words = timed(pdfium_words, path, limit)
        base_total, cand_total, total_pages = base_total + base, cand_total + cand, \
            total_pages + pages
        print(f"| {path.name} | {pages} | {base / pages:.3f} | {cand / pages:.3f} | "
              f"{base_words}/{cand_words} |")
    print()
    print(f"pdfplumber {base_total / total_pages:.3f} s/page, pypdfium2 "
          f"{cand_total / total_pages:.3f} s/page over {total_pages} pages: "
          f"pypdfium2 is {base_total / cand_total:.1f}x faster for words with positions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
