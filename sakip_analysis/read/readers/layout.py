"""Rules every reader shares for turning printed rows into header rows and logical body rows."""

from __future__ import annotations

import re
from collections.abc import Callable

from sakip_analysis.read.document import Row
from sakip_analysis.read.numbers import looks_numeric

_TAGS = re.compile(r"<[^>]+>")
_BOLD = re.compile(r"\*\*|__")
_YEAR_CELL = re.compile(r"^(?:tahun\s+)?(?:19|20)\d{2}$", re.IGNORECASE)
_LEVEL_MARK = re.compile(r"^\s*(sasaran|program|kegiatan|sub\s*kegiatan|tujuan)\s*:", re.IGNORECASE)
_SEPARATOR = re.compile(r"^[-=:|+\s]*$")

HEADER_WORDS = frozenset("""
no nomor target realisasi capaian % persen k rp anggaran kinerja tahun bobot nilai i ii
iii iv satuan indikator sasaran program kegiatan uraian keterangan pagu prosentase
persentase jumlah triwulan tw kategori komponen murni perubahan keu
""".split())


def clean_cell(text: str | None) -> str:
    """Cell text without markup, stray quotes and doubled white space."""
    if not text:
        return ""
    text = _BOLD.sub("", _TAGS.sub(" ", text))
    text = " ".join(text.split())
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        text = text[1:-1].strip()
    return text.strip('"').strip() if text.count('"') == 1 else text


def is_separator(cells: list[str]) -> bool:
    """A markdown-style rule line (`--\t--\t---`), not a row."""
    return all(_SEPARATOR.match(c) for c in cells)


def _is_data_number(cell: str) -> bool:
    return bool(cell) and not _YEAR_CELL.match(cell) and cell != "%" and looks_numeric(cell)


def has_numbers(row: Row) -> bool:
    return any(_is_data_number(c) for c in row.cells)


def _all_header_words(row: Row) -> bool:
    words = [c for c in row.cells if c]
    return bool(words) and all(
        _YEAR_CELL.match(c) or c.lower().strip(" ():") in HEADER_WORDS for c in words)


def is_level_row(row: Row) -> bool:
    """A row labelled `Program:`/`Kegiatan :`/`Sasaran :`: always body, never header."""
    return any(_LEVEL_MARK.match(c) for c in row.cells[:2] if c)


def _column_numbering(row: Row) -> bool:
    """The row of column numbers some templates print under the header (1 2 3 … or 2 3 7 8)."""
    cells = [c for c in row.cells if c]
    return len(cells) >= 3 and all(c.isdigit() and len(c) <= 2 for c in cells)


def split_header(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """Leading rows without data numbers are the header; a second header row must hold only
    header words (`Target`, `Realisasi`, `K`, `Rp`), so a text-only first body row stays body."""
    header: list[Row] = []
    for row in rows:
        if is_level_row(row):
            break
        if not header:
            if has_numbers(row) or not any(row.cells):
                break
            header.append(row)
        elif _all_header_words(row) or _column_numbering(row):
            header.append(row)
        else:
            break
    return header, rows[len(header):]


def join_fragment(before: str, after: str) -> str:
    """Glue text split by a page break: `Pertanggungjaw` + `aban` loses no space inside a word."""
    if not before:
        return after
    if not after:
        return before
    if before[-1].islower() and after[0].islower():
        return before + after
    return f"{before} {after}"


def merge_fragments(rows: list[Row], join: Callable[[str, str], str] | None = None
                    ) -> list[Row]:
    """Rows that a page break cut off carry text only; they are glued to the row above
    (with `join`, by default `join_fragment`; a PDF cell wraps at spaces, so its reader glues
    the lines of a cut cell as wrapped lines).

    Only rows that follow a break (`after_break`) are candidates, and only when they hold no
    figure and no level label: a real row always has at least one of them.
    """
    join = join or join_fragment
    out: list[Row] = []
    for row in rows:
        if (out and row.after_break and not has_numbers(row) and not is_level_row(row)
                and any(row.cells)):
            prev = out[-1]
            width = max(len(prev.cells), len(row.cells))
            cells = [*prev.cells, *[""] * (width - len(prev.cells))]
            for i, text in enumerate(row.cells):
                if text:
                    target = _text_cell_near(cells, i)
                    cells[target] = join(cells[target], text)
            prev.cells = cells
            continue
        out.append(row)
    return out


def _text_cell_near(cells: list[str], i: int) -> int:
    """Where a fragment's text belongs: its own column unless that holds a figure, in which
    case the nearest text cell to the right (exports shift cut-off text), else to the left."""
    if not _is_data_number(cells[i]):
        return i
    for j in [*range(i + 1, len(cells)), *range(i - 1, -1, -1)]:
        if cells[j] and not _is_data_number(cells[j]):
            return j
    return i
