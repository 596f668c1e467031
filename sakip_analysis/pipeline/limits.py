"""Pipeline-level limits, in one place; each can be set from the environment.

Reading limits inside a document (pages of a PDF, decompressed size of a .docx, cells of a
table) belong to the readers (`sakip_analysis.read`); these are the ones the commands apply
around them.
"""

from __future__ import annotations

import os

MB = 1024 * 1024


def _mb(name: str, default: float) -> int:
    try:
        return int(float(os.environ.get(name, default)) * MB)
    except ValueError:
        return int(default * MB)


MAX_REPORT_BYTES = {
    "text": _mb("SAKIP_MAX_TEXT_MB", 5),    # .txt/.md: real LKJIP exports are well under 1 MB
    "other": _mb("SAKIP_MAX_FILE_MB", 200),  # .docx/.pdf carry images; their text is capped
}                                            # by the readers' own limits
"""Largest report file read, by kind (environment: SAKIP_MAX_TEXT_MB, SAKIP_MAX_FILE_MB). A
larger file is a failed report with one line saying how to raise the limit."""

LOCK_WAIT_SECONDS = float(os.environ.get("SAKIP_LOCK_WAIT", "3600"))
"""How long a second `sakip ingest`/`run` waits for the first to finish writing the dataset."""
