"""Every size limit of the tool, in one place; each can be set from the environment.

A report past a limit is refused with one line that names the file, the limit and the variable
that raises it — never a crash, never memory or minutes spent on a hostile file.
"""

from __future__ import annotations

import os

MB = 1024 * 1024


def _number(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return float(default)


def _mb(name: str, default: float) -> int:
    return int(_number(name, default) * MB)


MAX_REPORT_BYTES = {
    "text": _mb("SAKIP_MAX_TEXT_MB", 5),    # .txt/.md: real LKJIP exports are well under 1 MB
    "other": _mb("SAKIP_MAX_FILE_MB", 200),  # .docx/.pdf carry images; their text is capped
}                                            # by the limits below
"""Largest report file read, by kind (SAKIP_MAX_TEXT_MB, SAKIP_MAX_FILE_MB)."""

MAX_DOCX_UNZIPPED = _mb("SAKIP_MAX_DOCX_MB", 300)
"""Largest decompressed content of a .docx (all its parts together)."""

MAX_DOCX_RATIO = _number("SAKIP_MAX_DOCX_RATIO", 200)
"""Largest decompressed/compressed ratio of a .docx whose content exceeds 20 MB: Word's XML
compresses about 5–20×; a zip bomb, hundreds or thousands of times."""
DOCX_RATIO_FLOOR = 20 * MB

MAX_PDF_PAGES = int(_number("SAKIP_MAX_PDF_PAGES", 2000))
"""Most pages read from one PDF (a long LKJIP has about 150)."""

MAX_TABLE_CELLS = int(_number("SAKIP_MAX_TABLE_CELLS", 500_000))
"""Most cells in one table (the longest real budget table seen has about 6,000)."""

LOCK_WAIT_SECONDS = _number("SAKIP_LOCK_WAIT", 3600)
"""How long a second `sakip ingest`/`run` waits for the first to finish writing the dataset."""
