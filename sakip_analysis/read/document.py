"""The format-neutral document every reader returns: headings, paragraphs and tables with lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Paragraph:
    """A run of text; `line` is the 1-based source line (text) or paragraph number (Word, PDF)."""

    text: str
    line: int
    page: int | None = None


@dataclass(frozen=True)
class Heading(Paragraph):
    """A paragraph that names a chapter or section."""


@dataclass
class Row:
    """One table row as printed; `line` is the 1-based text line or 1-based row index."""

    cells: list[str]
    line: int
    page: int | None = None
    after_break: bool = False  # a blank or stray line stood before this row in the source
    continued: tuple[int, ...] = ()  # columns whose empty cell is the lower part of a cell
    # merged over this row and the one above (PDF: no visible rule between them)


@dataclass
class Table:
    """A table with its caption (`Tabel 4.9`), title lines, header rows and body rows."""

    index: int  # 1-based order of the table in the document
    caption: str | None
    title: str
    header: list[Row]
    rows: list[Row]
    line: int  # where the table (or its caption) starts
    page: int | None = None

    @property
    def label(self) -> str:
        """The name an analyst would use for the table in a finding."""
        if self.caption:
            return self.caption
        if self.title:
            return f"Tabel tanpa nomor ({self.title[:60]})"
        return f"Tabel tanpa nomor (baris {self.line})"

    @property
    def number(self) -> str | None:
        if not self.caption:
            return None
        parts = self.caption.split()
        return parts[1].rstrip(".") if len(parts) > 1 else None

    @property
    def n_columns(self) -> int:
        return max((len(r.cells) for r in [*self.header, *self.rows]), default=0)


Block = Paragraph | Table


@dataclass
class Document:
    """What a reader found in one file, plus the identity read from its title page."""

    path: Path
    blocks: list[Block] = field(default_factory=list)
    kecamatan: str | None = None
    kabupaten: str | None = None
    year: int | None = None
    line_based: bool = True  # True when `line` means a text line, False for row/paragraph index
    warnings: list[str] = field(default_factory=list)
    title_lines: list[str] = field(default_factory=list)  # the first lines, as printed
    running_lines: list[str] = field(default_factory=list)  # running heads and feet (PDF)

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]
