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
_CODE = re.compile(r"^\d{1,3}(?:[.\s]\d{1,3})*\.?$")  # `1.20.05`, `29`: a code, not a label
_SPACED = re.compile(r"^\S(?: \S){3,}$")  # `5 1 8 . 3 0 9`: one character per token
_OPEN_FIGURE = re.compile(r"\d[.,]$")  # `19.954.920.000,` wrapped before its `-`
_FIGURE_END = re.compile(r"^(?:[-–—]+|\d{2,3}(?:[.,]\d{2,3})*)$")

COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")
"""A column number of the row some templates print under the header: `3` or `(3)`."""

HEADER_WORDS = frozenset("""
no nomor target realisasi capaian % persen k rp anggaran kinerja tahun bobot nilai i ii
iii iv satuan indikator sasaran program kegiatan uraian keterangan pagu prosentase
persentase jumlah triwulan tw kategori komponen murni perubahan sebelum sesudah setelah
keu keuangan fisik
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


def unspace_figure(text: str) -> str:
    """A figure printed letter-spaced (`5 1 8 . 3 0 9 . 2 0 0 , -`, from justified or
    character-spaced cells; its last characters may stay together, `2 00,-`) as one figure;
    any other text as it is."""
    tokens = text.split(" ")
    singles = sum(len(t) == 1 for t in tokens)
    if _SPACED.match(text) or (len(tokens) >= 4 and singles >= 0.75 * len(tokens)
                               and any(mark in text for mark in ".,")):
        joined = text.replace(" ", "")
        if looks_numeric(joined):
            return joined
    return text


def joins_figure(before: str, after: str) -> bool:
    """`after` is the wrapped end of the figure `before`, to be glued without a space: after
    its last mark (`19.954.920.000,` + `-`) or inside its last group of thousands
    (`16.000.0` + `00`, a figure wrapped in a narrow cell: no figure ends in a broken
    group once a whole group stands before it)."""
    if bool(_OPEN_FIGURE.search(before)) and bool(_FIGURE_END.match(after)) and looks_numeric(
            before[:-1]):
        return True
    head, tail = before.rsplit(" ", 1)[-1], after.split(" ", 1)[0]
    return (bool(_CUT_FIGURE.fullmatch(head)) and tail.isdigit()
            and len(re.split(r"[.,]", head)[-1]) + len(tail) == 3)


_CUT_FIGURE = re.compile(r"\d{1,3}([.,])\d{3}(?:\1\d{3})*\1\d{1,2}")


def one_printed_row(lines: list[list[str]]) -> list[str] | None:
    """The cells of several text lines that stand between two rulings (or between two rows
    of a list printed without any), when they are one printed row; None when they are not.

    Tables whose rows are ruled but whose cells are cut per text line (shading or a text box
    per line), and lists without rulings, print a label wrapped over several lines with the
    figures on one of them: on the first, the middle (vertically centred) or the last. Those
    lines are one row when no column but the label column has text on two of them; the label
    column is the leftmost one with text that is not a figure or a code. A figure wrapped
    in its cell (`19.954.920.000,` over `-`) counts as one. Two rows printed without a rule
    between them both fill some other column (a figure, a unit), so they stay apart.
    """
    if len(lines) < 2:
        return list(lines[0]) if lines else None
    padded = _padded(lines)
    label = _label_column(padded)
    out = [""] * len(padded[0])
    for c in range(len(out)):
        filled = [cells[c] for cells in padded if cells[c]]
        if c != label and len(filled) > 1 and not (
                len(filled) == 2 and joins_figure(filled[0], filled[1])):
            return None
        for text in filled:
            out[c] = join_wrapped(out[c], text)
    return out


def printed_rows(bands: list[list[list[str]]], known: str | None = None) -> list[list[str]]:
    """Printed rows from the text lines of a table, grouped in bands between its rulings.

    A band that reads as one row (`one_printed_row`) is one. A band holding several rows (the
    rule between them left out, or a list ruled nowhere) is cut before each numbered line
    (`1.`, `2.`) when its lines are numbered, else by where the table prints its figures in
    the rows that are unambiguous: on the first line of every such row (the wrapped label
    below them), or on the last (the label above); each part must read as one row. When no
    row of these bands tells, `known` (the alignment earlier pages of the same table showed,
    `figure_alignment`) does. Anything else keeps its lines as they are, rather than guess.
    """
    merged = [one_printed_row(band) if len(band) > 1 else None for band in bands]
    seen = _alignments([b for b, m in zip(bands, merged, strict=True) if m is not None])
    alignment = _one_alignment(seen) if seen else known
    out: list[list[str]] = []
    for band, row in zip(bands, merged, strict=True):
        if row is not None:
            out.append(row)
        elif len(band) > 1:
            out.extend(_split_band(band, alignment))
        else:
            out.extend(band)
    return out


_NUMBERED = re.compile(r"^\d{1,3}[.)]?(?:\s|$)")


def _split_band(lines: list[list[str]], alignment: str | None) -> list[list[str]]:
    padded = _padded(lines)
    label = _label_column(padded)
    numbered = [i for i, cells in enumerate(padded)
                if _NUMBERED.match(next((c for c in cells if c), ""))]
    anchors = [i for i, cells in enumerate(padded)
               if any(t for c, t in enumerate(cells) if c != label)]
    if len(numbered) >= 2 and numbered[0] == 0:
        starts = numbered
    elif alignment == "top" and anchors:
        starts = [0, *anchors[1:]]
    elif alignment == "bottom" and anchors:
        starts = [0, *[i + 1 for i in anchors[:-1]]]
    else:
        return lines
    parts = [padded[a:b] for a, b in zip(starts, [*starts[1:], len(padded)], strict=True)]
    rows = [one_printed_row(part) for part in parts if part]
    if any(row is None for row in rows):
        return lines
    return [row for row in rows if row is not None]


def figure_alignment(bands: list[list[list[str]]]) -> str | None:
    """'top' when every multi-line row of the table prints its figures on its first line,
    'bottom' when on its last; None when they differ or no row tells."""
    merged = [one_printed_row(band) if len(band) > 1 else None for band in bands]
    return _one_alignment(_alignments([b for b, m in zip(bands, merged, strict=True)
                                       if m is not None]))


def _one_alignment(seen: set[str]) -> str | None:
    return next(iter(seen)) if len(seen) == 1 and "middle" not in seen else None


def _alignments(bands: list[list[list[str]]]) -> set[str]:
    """Where the unambiguous multi-line rows print their figures: 'top', 'middle', 'bottom'."""
    seen: set[str] = set()
    for band in bands:
        if len(band) < 2:
            continue
        padded = _padded(band)
        label = _label_column(padded)
        anchors = [i for i, cells in enumerate(padded)
                   if any(t for c, t in enumerate(cells) if c != label)]
        if len(anchors) != 1:
            continue
        at = anchors[0]
        seen.add("top" if at == 0 else "bottom" if at == len(band) - 1 else "middle")
    return seen


def _padded(lines: list[list[str]]) -> list[list[str]]:
    width = max(len(cells) for cells in lines)
    return [[*cells, *[""] * (width - len(cells))] for cells in lines]


def _label_column(padded: list[list[str]]) -> int | None:
    """The leftmost column holding text that is neither a figure nor a code."""
    return next((c for c in range(len(padded[0])) for cells in padded
                 if cells[c] and not _is_data_number(cells[c]) and not _is_code(cells[c])),
                None)


def _is_code(cell: str) -> bool:
    return bool(_CODE.match(cell))


def join_wrapped(before: str, after: str) -> str:
    """Glue a wrapped line to the text before it; a word broken at its hyphen and a figure
    wrapped in its cell lose no space."""
    if not before:
        return after
    if not after:
        return before
    if joins_figure(before, after):
        return before + after
    if before.endswith("-") and len(before) > 1 and before[-2].isalnum():
        return before + after
    return f"{before} {after}"


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
    figure and no level label: a real row always has at least one of them. A row printed
    before in the same table (two filled cells or more) is a header repeated on the new
    page, not a cut-off label end: it stays a row of its own.
    """
    join = join or join_fragment
    out: list[Row] = []
    seen: set[tuple[str, ...]] = set()
    for row in rows:
        printed = tuple(row.cells)
        repeated = printed in seen and sum(1 for c in printed if c) >= 2
        seen.add(printed)
        if (out and row.after_break and not has_numbers(row) and not is_level_row(row)
                and any(row.cells) and not repeated):
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
