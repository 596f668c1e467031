"""Text and markdown exports of LKJIP Word files: tables are tab-separated lines under a caption."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sakip_analysis.errors import ReadError
from sakip_analysis.read.document import Document, Heading, Paragraph, Row, Table
from sakip_analysis.read.identity import TITLE_PAGE_LINES, identify
from sakip_analysis.read.readers.aligned import CAPTION, tabulate
from sakip_analysis.read.readers.layout import (
    COLUMN_NUMBER,
    HEADER_WORDS,
    clean_cell,
    has_numbers,
    is_separator,
    join_wrapped,
    merge_fragments,
    split_header,
)

HEADING = re.compile(r"^(BAB\s+[IVX]+|\d+(\.\d+)*\.?\s+[A-Z][A-Z ,/&-]{3,})\s*$")
MAX_TITLE_LINES = 4
MAX_TITLE_LENGTH = 160
MAX_GAP_LINES = 3  # blank lines a page break may leave inside one table
STRAY_LENGTH = 40  # a short non-tab line inside a gap (page number, running head) is stray
PAGE_EDGE_LINES = 4  # lines at a page's foot and head that may be running text
MAX_PAGE_GAP = 12  # lines a page break (blank foot, running foot and head) may leave in a table
_PAGE = "\ue000"  # marks a form feed while the text is cut into lines


_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(path: Path, data: bytes) -> tuple[str, list[str]]:
    """Text of a file: by its byte-order mark (UTF-16/32, as Notepad saves 'Unicode'), else
    UTF-8, else Windows-1252 (common in Word exports) with a warning. Control characters
    (a stray BEL or NUL) are removed with a warning naming their lines; a form feed (a page
    break in `pdftotext` output) is kept for the reader to see where pages begin."""
    if not data.strip():
        raise ReadError(path, "berkas kosong")
    warnings: list[str] = []
    text = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise ReadError(path, f"teks diawali penanda {codec.upper()} tetapi tidak dapat "
                                      "dibaca sebagai {codec.upper()}") from None
            text = text.lstrip("\ufeff")
            break
    if text is None:
        if b"\x00" in data[:4096]:
            raise ReadError(path, "berkas biner, bukan ekspor teks (simpan .docx/.pdf dengan "
                                  "akhiran namanya)")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise ReadError(path, "teks bukan UTF-8 maupun Windows-1252",
                                line=line) from None
            warnings.append(f"{path}:{line}: bukan UTF-8; dibaca sebagai Windows-1252")
    if _CONTROL.search(text):
        lines = sorted({text.count("\n", 0, m.start()) + 1 for m in _CONTROL.finditer(text)})
        shown = ", ".join(map(str, lines[:5])) + (" …" if len(lines) > 5 else "")
        warnings.append(f"{path}:{lines[0]}: karakter kendali dihapus (baris {shown})")
        text = _CONTROL.sub("", text)
    return text, warnings


@dataclass
class _Pending:
    caption: str
    line: int
    title: list[str] = field(default_factory=list)
    closed: bool = False  # a long paragraph ended the title lines


@dataclass
class _Builder:
    """The table being read: rows so far and where it began."""

    caption: str | None
    title: str
    line: int
    rows: list[Row] = field(default_factory=list)
    gap: int = 0
    stray: list[tuple[int, str]] = field(default_factory=list)
    paged: bool = False  # the gap runs over a page break
    repeating: bool = False  # skipping the header printed again after a page break


def read_text(path: Path) -> Document:
    """Read a `.txt`/`.md` export; every table keeps its caption, title and 1-based lines."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(path, f"tidak dapat dibuka: {exc.strerror}") from None
    text, warnings = decode(path, data)
    return parse_text(text, path, warnings)


def parse_text(text: str, path: Path, warnings: list[str] | None = None) -> Document:
    """The reader itself, on text already decoded (tests and benchmarks call it directly)."""
    source, page_starts = _pages(text)
    tabbed = tabulate(source, page_starts)  # space-aligned tables as tab-separated lines
    lines = [line if line is not None else "" for line in tabbed]
    spaced = {k + 1 for k, line in enumerate(tabbed)  # rows `tabulate` cut at spaces
              if line is not None and "\t" in line and "\t" not in source[k]}
    doc = Document(path=Path(path), warnings=list(warnings or []))
    doc.kecamatan, doc.kabupaten, doc.year = identify(lines)
    doc.title_lines = lines[:TITLE_PAGE_LINES]
    near_break = {k for p in page_starts
                  for k in range(p - PAGE_EDGE_LINES, p + PAGE_EDGE_LINES)}
    pending: _Pending | None = None
    current: _Builder | None = None
    last_short: str = ""
    table_count = 0

    def finish() -> None:
        nonlocal current, table_count, last_short
        if current is None:
            return
        table_count += 1
        header, body = split_header(current.rows)
        # a space-aligned export wraps cells at spaces: a cut label is glued as wrapped text
        join = join_wrapped if all(r.line in spaced for r in current.rows) else None
        doc.blocks.append(Table(index=table_count, caption=current.caption, title=current.title,
                                header=header, rows=merge_fragments(body, join),
                                line=current.line))
        for line_no, stray in current.stray:
            doc.blocks.append(Paragraph(stray, line_no))
        current = None
        last_short = ""

    for number, raw_line in enumerate(lines, start=1):
        if tabbed[number - 1] is None:
            continue  # joined into another line of its printed row by `tabulate`
        if "\t" in raw_line:
            cells = [clean_cell(c) for c in raw_line.split("\t")]
            if is_separator(cells):
                continue
            row = Row(cells=cells, line=number)
            if current is not None and current.repeating:
                if _repeats_header(row, current.rows):
                    continue
                current.repeating = False
                row.after_break = True  # may be the end of a row the page break cut
            if current is not None and current.gap:
                if current.paged and _repeats_header(row, current.rows):
                    current.repeating = True  # the header printed again on the next page
                    current.gap, current.paged = 0, False
                    continue
                if _starts_new_table(row):
                    finish()
                else:
                    row.after_break = True
                    current.gap, current.paged = 0, False
            if current is None:
                if pending is not None:
                    current = _Builder(pending.caption, " ".join(pending.title), pending.line)
                    pending = None
                else:
                    current = _Builder(None, last_short, number)
            current.rows.append(row)
            continue

        stripped = clean_cell(raw_line)
        caption = CAPTION.match(stripped)
        if current is not None:
            if number - 1 in near_break and not caption and current.gap < MAX_PAGE_GAP:
                current.gap += 1  # running foot and head, page number around a page break
                current.paged = True
                if stripped:
                    current.stray.append((number, stripped))
                continue
            if not caption and current.gap < MAX_GAP_LINES and (
                    not stripped or len(stripped) <= STRAY_LENGTH):
                current.gap += 1
                if stripped:
                    current.stray.append((number, stripped))
                continue
            finish()
        if not stripped:
            continue
        if caption:
            if pending is not None:
                doc.warnings.append(f"{path}:{pending.line}: caption '{pending.caption}' "
                                    "has no table under it")
            pending = _Pending(f"Tabel {caption.group(2)}", number,
                               [caption.group(3)] if caption.group(3) else [])
            continue
        if pending is not None and not pending.closed:
            if len(pending.title) < MAX_TITLE_LINES and len(stripped) <= MAX_TITLE_LENGTH:
                pending.title.append(stripped)
                continue
            pending.closed = True
        block = Heading if HEADING.match(stripped) else Paragraph
        doc.blocks.append(block(stripped, number))
        if len(stripped) <= MAX_TITLE_LENGTH:
            last_short = stripped
    finish()
    if pending is not None:
        doc.warnings.append(f"{path}:{pending.line}: caption '{pending.caption}' "
                            "has no table under it")
    doc.blocks.sort(key=lambda b: b.line)
    return doc


def _pages(text: str) -> tuple[list[str], set[int]]:
    """The lines of the text, and the indices of those that begin a page (a form feed, as
    `pdftotext` ends each page; `str.splitlines` would make it a line of its own)."""
    lines = text.replace("\f", _PAGE).splitlines()
    starts = {k for k, line in enumerate(lines) if _PAGE in line}
    return [line.replace(_PAGE, "") for line in lines], starts


def _repeats_header(row: Row, rows: list[Row]) -> bool:
    """A row of the table's own header words (or its column numbers), printed again at the
    head of the next page: every word of it is in the table's first rows."""
    words = {w.lower() for r in rows[:4] for c in r.cells for w in c.split()}
    mine = [w.lower() for c in row.cells for w in c.split()]
    return bool(mine) and all(w in words for w in mine) and (
        not has_numbers(row) or all(COLUMN_NUMBER.match(w) for w in mine))


def _starts_new_table(row: Row) -> bool:
    """After a gap, a row of header words (`NO`, `TARGET`, `ANGGARAN`) begins another table;
    anything else continues the one before."""
    words = [c for c in row.cells if c.lower().strip(" ():") in HEADER_WORDS]
    return not has_numbers(row) and len(words) >= 2
