"""One reader per format, all returning the same `Document`."""

from __future__ import annotations

from pathlib import Path

from sakip_analysis.errors import ReadError
from sakip_analysis.read.document import Document

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
SUFFIXES = (*TEXT_SUFFIXES, ".docx", ".pdf")


def read_document(path: Path | str) -> Document:
    """Read a report by its extension: .txt/.md, .docx or .pdf."""
    path = Path(path)
    if not path.exists():
        raise ReadError(path, "file not found")
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        from sakip_analysis.read.readers.text_reader import read_text

        return read_text(path)
    if suffix == ".docx":
        from sakip_analysis.read.readers.docx_reader import read_docx

        return read_docx(path)
    if suffix == ".pdf":
        from sakip_analysis.read.readers.pdf_reader import read_pdf

        return read_pdf(path)
    raise ReadError(path, f"unsupported file type {suffix or '(none)'}; use one of "
                          + ", ".join(SUFFIXES))
