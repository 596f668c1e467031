"""One reader per format, all returning the same `Document`, chosen from one table."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from sakip_analysis.errors import ReadError
from sakip_analysis.read.document import Document

READERS: dict[str, tuple[str, str]] = {
    ".txt": ("sakip_analysis.read.readers.text_reader", "read_text"),
    ".md": ("sakip_analysis.read.readers.text_reader", "read_text"),
    ".markdown": ("sakip_analysis.read.readers.text_reader", "read_text"),
    ".docx": ("sakip_analysis.read.readers.docx_reader", "read_docx"),
    ".pdf": ("sakip_analysis.read.readers.pdf_reader", "read_pdf"),
}
"""File type → (module, function) of its reader; modules are imported on first use, so a text
report never pays for importing the PDF libraries."""

TEXT_SUFFIXES = tuple(s for s, (module, _) in READERS.items() if module.endswith("text_reader"))
SUFFIXES = tuple(READERS)


def reader_for(path: Path) -> Callable[[Path], Document]:
    """The reader of a file by its extension; an unsupported type is a ReadError."""
    suffix = path.suffix.lower()
    if suffix not in READERS:
        raise ReadError(path, f"jenis berkas {suffix or '(tanpa akhiran)'} tidak didukung; gunakan "
                              + ", ".join(SUFFIXES))
    module, function = READERS[suffix]
    return getattr(import_module(module), function)


def read_document(path: Path | str) -> Document:
    """Read a report by its extension: .txt/.md, .docx or .pdf."""
    path = Path(path)
    if not path.exists():
        raise ReadError(path, "berkas tidak ditemukan")
    doc = reader_for(path)(path)
    _check_table_sizes(doc)
    return doc


def _check_table_sizes(doc: Document) -> None:
    """A table past the cell limit refuses the report in one line (see `read.limits`)."""
    from sakip_analysis.read import limits

    for number, table in enumerate(doc.tables, start=1):
        cells = sum(len(row.cells) for row in (*table.header, *table.rows))
        if cells > limits.MAX_TABLE_CELLS:
            raise ReadError(doc.path, f"tabel ke-{number} ({table.caption or 'tanpa judul'}) "
                                      f"berisi {cells} sel, melebihi batas "
                                      f"{limits.MAX_TABLE_CELLS} sel (SAKIP_MAX_TABLE_CELLS)")
