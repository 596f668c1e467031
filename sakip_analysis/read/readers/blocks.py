"""Captions, titles and block order for readers of formats with real tables (Word, PDF).

The rules are the text reader's: a `Tabel N` paragraph captions the next table, the short
paragraphs between them are its title, and an uncaptioned table takes the paragraph before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sakip_analysis.read.document import Document, Heading, Paragraph, Row, Table
from sakip_analysis.read.readers.text_reader import (
    CAPTION,
    HEADING,
    MAX_TITLE_LENGTH,
    MAX_TITLE_LINES,
)

MAX_UNCAPTIONED_TITLE = 200  # a longer preceding paragraph is prose, not a table's title


@dataclass
class _Caption:
    caption: str
    line: int
    page: int | None
    title: list[str] = field(default_factory=list)
    closed: bool = False  # a long paragraph ended the title lines


@dataclass
class BlockAssembler:
    """Turns paragraphs and tables, fed in document order, into `Document.blocks`.

    Same rules as the text reader, so a table gets the same caption and title whatever the
    format: a paragraph `Tabel 4.9` is held until the next table (a caption no table took is a
    warning); up to four short paragraphs right after it are the title. A table without caption
    takes the nearest preceding non-empty paragraph as title when that one is short.
    """

    doc: Document
    _pending: _Caption | None = None
    _last: Paragraph | None = None
    _last_line: int = 1
    _count: int = 0

    def paragraph(self, text: str, line: int, page: int | None = None, *,
                  heading: bool = False) -> None:
        self._last_line = line
        text = " ".join(text.split())
        if not text:
            return
        caption = CAPTION.match(text)
        if caption and len(text) <= MAX_TITLE_LENGTH:
            self._warn_dangling()
            rest = caption.group(3).strip()
            self._pending = _Caption(f"Tabel {caption.group(2)}", line, page,
                                     [rest] if rest else [])
            self._last = None
            return
        pending = self._pending
        if pending is not None and not pending.closed:
            if len(pending.title) < MAX_TITLE_LINES and len(text) <= MAX_TITLE_LENGTH:
                pending.title.append(text)
                return
            pending.closed = True
        block = Heading if heading or HEADING.match(text) else Paragraph
        self._last = block(text, line, page)
        self.doc.blocks.append(self._last)

    def table(self, header: list[Row], rows: list[Row], page: int | None = None) -> Table:
        """Add a table; it takes the pending caption, else the preceding short paragraph."""
        self._count += 1
        if self._pending is not None:
            caption, title = self._pending.caption, " ".join(self._pending.title)
            line, page = self._pending.line, self._pending.page or page
            self._pending = None
        else:
            last = self._last
            caption = None
            title = last.text if last and len(last.text) <= MAX_UNCAPTIONED_TITLE else ""
            line = last.line if last else self._last_line  # the paragraph it follows
        table = Table(index=self._count, caption=caption, title=title, header=header,
                      rows=rows, line=line, page=page)
        self.doc.blocks.append(table)
        self._last = None
        return table

    def finish(self) -> None:
        self._warn_dangling()

    def _warn_dangling(self) -> None:
        if self._pending is not None:
            self.doc.warnings.append(f"{self.doc.path}:{self._pending.line}: caption "
                                     f"'{self._pending.caption}' has no table under it")
            self._pending = None


# --- Word ------------------------------------------------------------------------------------
