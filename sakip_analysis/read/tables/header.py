"""Column labels from one or two header rows: `KINERJA` over `TARGET` becomes `kinerja target`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sakip_analysis.formatting import name_key
from sakip_analysis.read.document import Row, Table
from sakip_analysis.read.numbers import read_cell
from sakip_analysis.read.readers.layout import COLUMN_NUMBER
from sakip_analysis.read.tables.hierarchy import code_of

_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


CAPAIAN = r"capaian|capkin|capai\b|%"
"""The words of a capaian column: `Capaian`, `% Capaian`, `Capkin`, `% Capai Kinerja`, `%`."""
PAGU = r"^(?!.*(realisasi|%|persen|serapan)).*(pagu|anggaran|alokasi|dana\b)"
"""A planned-budget column (`Pagu`, `Anggaran (Rp.)`, `Alokasi Anggaran`), never a realisation
or its percentage."""
PAGU_FINAL = (r"^(?!.*realisasi).*((sesudah|setelah)\s+perubahan|perubahan\b.*(pagu|anggaran)|"
              r"(pagu|anggaran)\s+perubahan)")
"""Of a budget before and after its revision, the revised one is the pagu."""


@dataclass(frozen=True)
class Column:
    """One grid column: its group label (spanning header), its own label and the year if any."""

    index: int
    group: str
    label: str
    year: int | None

    @property
    def text(self) -> str:
        """Group and label together, lowercased, for matching header words."""
        return " ".join(p for p in (self.group, self.label) if p).lower()


def columns(header: list[Row], width: int) -> list[Column]:
    """Combine header rows; a spanning top cell names every column below it until the next one.

    A top cell is carried right only over columns that have a label of their own in the row
    below (`Tahun 2022` over `Target  Realisasi`), so a lone `%` column keeps its own label but
    inherits the year of the group before it; a top cell with nothing below it (`Satuan`
    printed over two rows) carries nothing. In a header of three rows or more, a middle-row
    cell spanning several columns (`Tahun 2014` between the titles and the `Target (%)` row)
    joins the group of the columns it spans, and its year is theirs. A group cell that also
    prints the measures of its columns (`Tahun 2014 Capkin Target Realisasi`, as merged-cell
    exports give) hands them out to its columns (`spread_measures`).
    """
    if not header:
        return [Column(i, "", "", None) for i in range(width)]
    grid = [_padded(r, width) for r in header]
    top, lower = grid[0], grid[1:]
    middle = _middle_groups(top, lower, width)
    sub = [" ".join(s[i] for k, s in enumerate(lower) if s[i] and (k, i) not in middle.spans)
           for i in range(width)]
    above = [" ".join(middle.text[i]) for i in range(width)]
    below = [bool(sub[i] or above[i]) for i in range(width)]
    out: list[Column] = []
    group, year = "", None
    for i in range(width):
        if top[i]:
            group = top[i] if below[i] else ""
            found = _YEAR.search(top[i])
            if found:
                year = int(found.group(1))
            elif below[i]:  # a new group without a year; a lone `%` keeps the year before it
                year = None
        own = _YEAR.search(sub[i])  # `Capaian` over `2015 | 2016`: the year is below
        spanned = _YEAR.search(above[i])
        col_year = int(own.group(1)) if own else int(spanned.group(1)) if spanned else year
        if top[i] and not below[i]:
            out.append(Column(i, "", top[i], year))
        elif below[i]:
            outer = group if (top[i] or group) else ""
            joined = " ".join(p for p in (outer, above[i]) if p)
            out.append(Column(i, joined, sub[i], col_year))
        else:
            out.append(Column(i, "", "", year))
    return targets_after_baseline(_without_numbering(spread_measures(out)))


BASELINE = r"base\s*line|kondisi\s+(awal|eksisting)|tahun\s+dasar|th\.?\s*dsr|data\s+awal"
"""The column of the starting point a plan sets its targets from (`Baseline 2024`, `Kondisi
Awal`, `Th. Dsr 2024`)."""
_MEASURED = re.compile(r"target|realisasi|capaian|capkin|capai\b|pagu|anggaran|%")
_BARE_YEAR = re.compile(r"^\(?(?:19|20)\d{2}\)?$")


def targets_after_baseline(cols: list[Column]) -> list[Column]:
    """`Baseline 2024 | 2026 | 2027 | …`: years printed bare after the baseline column, in a
    header that names no measure, are the targets of those years (a plan counts on from
    where it starts); they are labelled so (`target 2026`), two such columns at least."""
    start = next((c.index for c in cols if re.search(BASELINE, c.text)), None)
    if start is None or any(_MEASURED.search(c.text) for c in cols):
        return cols
    bare = [c for c in cols[start + 1:] if c.year and not c.group
            and _BARE_YEAR.match(c.label.strip())]
    if len(bare) < 2:
        return cols
    return [Column(c.index, "target", c.label, c.year) if c in bare else c for c in cols]


@dataclass
class _Middle:
    text: list[list[str]]  # per column: the texts of middle-row group cells over it
    spans: set[tuple[int, int]]  # (lower-row index, column) of those group cells


def _middle_groups(top: list[str], lower: list[list[str]], width: int) -> _Middle:
    """Cells of the rows between the top row and the last one that span two columns or more
    (their own column and the empty ones to their right that have labels further down and
    none above)."""
    out = _Middle([[] for _ in range(width)], set())
    for k, row in enumerate(lower[:-1]):
        rest = lower[k + 1:]
        has_below = [any(r[i] for r in rest) for i in range(width)]
        # a column with a cell above this row belongs to that cell (`Target RPJMD` wrapped
        # over the rows beside a middle cell), not to a middle cell left of it
        has_above = [any(r[i] for r in [top, *lower[:k]]) for i in range(width)]
        i = 0
        while i < width:
            if not (row[i] and has_below[i]):
                i += 1
                continue
            end = i + 1
            while end < width and not row[end] and has_below[end] and not has_above[end]:
                end += 1
            if end - i >= 2:
                out.spans.add((k, i))
                for j in range(i, end):
                    out.text[j].append(row[i])
            i = end
    return out


_MEASURE_WORDS = (("target", re.compile(r"^target$", re.IGNORECASE)),
                  ("realisasi", re.compile(r"^realisasi$", re.IGNORECASE)),
                  ("capaian", re.compile(r"^(capaian|capkin|capai)$", re.IGNORECASE)))
"""The measures of an indicator column group, in the order reports print them."""
_WORDLESS = re.compile(r"^(?:\(\s*[^()\sA-Za-z]{0,6}\s*\)|(?:19|20)\d{2}|%|\s)*$")


def spread_measures(cols: list[Column]) -> list[Column]:
    """`Tahun 2014 Capkin Target Realisasi` printed in one merged group cell over columns whose
    own labels carry no word (`( %)`, `2014 (%)`): the measure words go to those columns in
    the order reports print them, target, realisasi, capaian (the merged cell lists them in
    the order of its wrapped lines, not of its columns), and the group keeps the rest
    (`Tahun 2014`). Done only when there are exactly as many such columns as measure words."""
    out = list(cols)
    i = 0
    while i < len(out):
        group = out[i].group
        end = i + 1
        while end < len(out) and group and out[end].group == group:
            end += 1
        words = group.split()
        found = {name: w for w in words for name, pattern in _MEASURE_WORDS if pattern.match(w)}
        bare = [c for c in out[i:end] if _WORDLESS.match(c.label)]
        if len(found) >= 2 and len(bare) == len(found):
            rest = " ".join(w for w in words if w not in found.values())
            order = [found[name] for name, _ in _MEASURE_WORDS if name in found]
            labels = {c.index: f"{word} {c.label}".strip()
                      for c, word in zip(bare, order, strict=True)}
            for j in range(i, end):
                c = out[j]
                out[j] = Column(c.index, rest, labels.get(c.index, c.label), c.year)
        i = end
    return out


_TRAILING_NUMBER = re.compile(r"\s*\(?\b\d{1,2}\)?$")


def _without_numbering(cols: list[Column]) -> list[Column]:
    """`Sasaran 2`, `Target 5`: a numbered-column row merged into the labels by a reader is
    taken off again when most labelled columns carry one."""
    labelled = [c for c in cols if c.label]
    numbered = [c for c in labelled if _TRAILING_NUMBER.search(c.label)
                and _TRAILING_NUMBER.sub("", c.label)]
    if len(numbered) < 3 or len(numbered) * 2 < len(labelled):
        return cols
    return [Column(c.index, c.group, _TRAILING_NUMBER.sub("", c.label), c.year)
            if c in numbered else c for c in cols]


def _padded(row: Row, width: int) -> list[str]:
    return [*row.cells, *[""] * (width - len(row.cells))][:width]


def find(cols: list[Column], *patterns: str, exclude: str | None = None) -> int | None:
    """Index of the first column whose text matches every regex pattern (and not `exclude`)."""
    for col in cols:
        if all(re.search(p, col.text) for p in patterns) and not (
                exclude and re.search(exclude, col.text)):
            return col.index
    return None


# --------------------------------------------------------------------------- settling a header

_HEADER_TERM = re.compile(
    r"\b(no|nomor|target|realisasi|capaian|capkin|capai|persen|anggaran|alokasi|pagu|kinerja|"
    r"tahun|satuan|indikator|sasaran|program|progam|kegiatan|uraian|keterangan|ket|prosentase|"
    r"persentase|jumlah|triwulan|tw|kategori|komponen|bobot|nilai|sebelum|sesudah|setelah|"
    r"perubahan|keuangan|fisik|rp|k|lalu|renstra|akhir|baseline|tujuan|strategis|kegiatan|"
    r"serapan|efisiensi|penanggung|jawab|januari|februari|maret|april|mei|juni|juli|agustus|"
    r"september|oktober|november|desember|semester|kriteria|predikat)\b|%", re.IGNORECASE)
HEADER_SEARCH = 5  # body rows searched for a header printed below a title row


def is_numbering_row(row: Row) -> bool:
    """The row of column numbers templates print under a header: `(1) (2) (3)` or `1 2 3 7 8`."""
    cells = [c for c in row.cells if c]
    return len(cells) >= 2 and all(COLUMN_NUMBER.match(c) for c in cells) and len(
        {c.strip("()") for c in cells}) == len(cells)


def _header_words(row: Row) -> int:
    """How many cells of a row read as column labels (short, with a header word, no figure)."""
    count = 0
    for cell in row.cells:
        if not cell or len(cell) > 60:
            continue
        if _HEADER_TERM.search(cell) and not re.search(r"\d[.,]\d", cell):
            count += 1
    return count


def _labelish(row: Row) -> bool:
    """A continuation of a header: every cell short and free of figures (`SEBELUM`,
    `PERUBAHAN`, `Lalu`), or made of header words and years only however long (a merged
    group cell `Tahun 2014 Capkin Target Realisasi`), with at least one header word or a
    year."""
    cells = [c for c in row.cells if c]
    return bool(cells) and all(
        (len(c) <= 30 or _only_header_words(c)) and not re.search(r"\d[.,]\d", c)
        and not (re.fullmatch(r"\d+", c) and not _YEAR.fullmatch(c))  # `10`: a figure
        for c in cells) \
        and (_header_words(row) > 0 or any(_YEAR.fullmatch(c.strip("() ")) for c in cells))


def _only_header_words(text: str) -> bool:
    return all(_HEADER_TERM.fullmatch(w) or _YEAR.fullmatch(w) for w in text.split())


def settle_header(table: Table) -> Table:
    """The table with its header where the printed page has it.

    Readers guess a header from the first rows; real reports also print a title row inside
    the table (`CAPAIAN KINERJA TAHUN 2016 …`) above the real header, a header of three rows
    (`ANGGARAN` / `SESUDAH` / `PERUBAHAN`), and a numbered-column row `(1) (2) (3)` under it.
    The numbered row is dropped from the labels; a better header found within the first body
    rows replaces a header without header words (the rows above it join the title).
    """
    header, rows = list(table.header), list(table.rows)
    title = table.title
    best = max((_header_words(r) for r in header), default=0)
    if best < 2:
        for i, row in enumerate(rows[:HEADER_SEARCH]):
            if _header_words(row) >= max(3, best + 1) and not is_numbering_row(row):
                above = [c for r in [*header, *rows[:i]] for c in r.cells if c]
                title = " ".join([title, *above]).strip() if above else title
                header, rows = [row], rows[i + 1:]
                break
    # Header rows continue below (merged headers of two or three rows, numbered-column row).
    while rows and len(header) < 8 and header and not _peel(header, rows[0]) and (
            is_numbering_row(rows[0]) or (_labelish(rows[0]) and not _is_level(rows[0]))):
        header.append(rows.pop(0))
    header = [r for r in header if not is_numbering_row(r)]
    header, rows = _spilled_labels(header, rows)
    rows = _mend(rows)
    rows = _without_repeated_header(header, rows, max(table.n_columns, 1))
    if header == table.header and rows == table.rows and title == table.title:
        return table
    return Table(table.index, table.caption, title, header, rows, table.line, table.page)


def _without_repeated_header(header: list[Row], rows: list[Row], width: int) -> list[Row]:
    """The body without the rows that print the header again (a page that repeats its header
    under a reader that did not see the page break): every filled cell, two at least, says
    its own column's label. Layout, not data: it is left out rather than read as a row of
    words in figure columns."""
    if not header:
        return rows
    labels = [{name_key(c.label), name_key(c.group), name_key(c.text)} - {""}
              for c in columns(header, width)]

    def repeats(row: Row) -> bool:
        filled = [(i, name_key(c)) for i, c in enumerate(row.cells) if c.strip()]
        return len(filled) >= 2 and all(i < len(labels) and text in labels[i]
                                        for i, text in filled)

    return [r for r in rows if not repeats(r)] if any(repeats(r) for r in rows) else rows


_SUBLABEL_TOKEN = re.compile(
    r"\(\s*[^()\d\s]{1,6}\s*\)|\(|[^()\d\s]{1,6}\)|(?:19|20)\d{2}|[A-Za-z]+")


def _split_sublabel(cell: str) -> tuple[str, str] | None:
    """(label, rest) of a cell that starts with units in brackets, years and header words
    (`2014 (%) 161.30`, `( %) 10`, `Kriteria SB`), the longest such start that leaves a rest."""
    pos, end = 0, 0
    words = brackets = 0
    while True:
        m = _SUBLABEL_TOKEN.match(cell, pos)
        if m is None or (m.group().isalpha() and not _HEADER_TERM.fullmatch(m.group())):
            break
        words += m.group().isalpha()
        brackets += "(" in m.group() or ")" in m.group()
        end = m.end()
        pos = end + len(cell[end:]) - len(cell[end:].lstrip())
        if pos >= len(cell):
            return None  # nothing left: the whole cell is a label
    label, rest = cell[:end].strip(), cell[end:].strip()
    if not label or not rest or not (words or brackets) or label.count("(") != label.count(")"):
        return None
    return label, rest


def _peel(header: list[Row], row: Row) -> dict[int, tuple[str, str]] | None:
    """Sub-labels a reader put at the start of a body row (`( %) 10`, `2014 (%) 161.30`,
    `Kriteria SB`): column → (label, rest), for columns without a label of their own (under a
    spanning group cell), where the label is made of units in brackets, years and header
    words.
    None unless two cells or more peel off a label leaving a figure."""
    if not header:
        return None
    eligible = _under_groups(header, len(row.cells))
    out: dict[int, tuple[str, str]] = {}
    figures = 0
    for i, cell in enumerate(row.cells):
        if not eligible[i] or not cell or _only_header_words(cell):
            continue
        split = _split_sublabel(cell)
        if split is None:
            continue
        out[i] = split
        figures += read_cell(split[1]).kind != "qualitative"
    return out if figures >= 2 else None


def _under_groups(header: list[Row], width: int) -> list[bool]:
    """Columns without a label of their own: empty in every header row, or under a cell that
    spans to the right (the next column is empty in its row and every row below)."""
    grid = [_padded(r, width) for r in header]
    out = []
    for i in range(width):
        filled = [k for k, r in enumerate(grid) if r[i]]
        if not filled:
            out.append(True)
            continue
        k = filled[-1]
        out.append(i + 1 < width and not any(r[i + 1] for r in grid[k:]))
    return out


def _spilled_labels(header: list[Row], rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """Header and body with the sub-labels of a group's columns put back into the header.

    Merged-cell exports can cut the header's last row in two and give its lower half (the
    labels of the columns under a spanning group cell) to the first body row: `( %) 10 |
    (%) 16.13 | 2014 (%) 161.30 | Kriteria SB`. Those labels become a header row of their
    own; where a page repeats the header, the same labels at the start of the page's first
    row are dropped, and the repeated top of the header that the row above took in
    (`SB Tahun 2014 Capkin Target Realisasi`) comes off its end."""
    if not rows or not (peeled := _peel(header, rows[0])):
        return header, rows
    width = len(rows[0].cells)
    labels = [peeled[i][0] if i in peeled else "" for i in range(width)]
    first = rows[0]
    header = [*header, Row(labels, first.line, first.page, first.after_break)]
    repeated = {" ".join(c.split()) for r in header[:-1] for c in r.cells
                if len(c.split()) >= 2}
    out: list[Row] = []
    for k, row in enumerate(rows):
        cells = list(row.cells)
        if k == 0 or (row.page is not None and out and row.page != out[-1].page):
            again = _peel(header[:-1], row) or {}
            for i, (label, rest) in again.items():
                if i < len(labels) and " ".join(label.split()) == " ".join(labels[i].split()):
                    cells[i] = rest
        nxt = rows[k + 1] if k + 1 < len(rows) else None
        if nxt is not None and nxt.page is not None and row.page is not None \
                and nxt.page != row.page:
            cells = [_without_suffix(c, repeated) for c in cells]
        out.append(Row(cells, row.line, row.page, row.after_break, row.continued))
    return header, out


def _without_suffix(cell: str, repeated: set[str]) -> str:
    text = " ".join(cell.split())
    for label in repeated:
        if text.endswith(" " + label):
            return text[:-len(label)].strip()
    return cell


def _is_level(row: Row) -> bool:
    """A row that opens an entity: a level word or a code (`7.01.01.2.09.0010 …`) first."""
    first = next((c for c in row.cells if c), "")
    return bool(re.match(r"^\s*(program|kegiatan|sasaran|sub\s*kegiatan|tujuan)\b\s*:?\s*\S",
                         first, re.IGNORECASE)) or code_of(first)[0] is not None


def continues(previous: Table, table: Table) -> bool:
    """True when `table` is the next page of `previous` printed without its header."""
    last_page = max((r.page for r in previous.rows if r.page is not None),
                    default=previous.page)
    return (table.caption is None and table.n_columns == previous.n_columns
            and table.page is not None and last_page is not None
            and 0 <= table.page - last_page <= 1
            and (max((_header_words(r) for r in table.header), default=0) < 2
                 or all(_body_like(r) for r in table.header)))


def _body_like(row: Row) -> bool:
    """A row no header prints: two figures or more that are neither years nor column numbers
    (`Nilai SAKIP | Nilai | 60 | 62 | 64`, a row a reader took for the header of a one-row
    table, however many header-like words its label holds)."""
    figures = [c for c in row.cells if c and not _YEAR.fullmatch(c.strip("() "))
               and read_cell(c).kind in ("number", "range", "comparator")]
    return len(figures) >= 2 and not is_numbering_row(row)


def join(previous: Table, table: Table) -> Table:
    """`previous` with the rows of its continuation (its would-be header rows included),
    numbered on from the last row so every row keeps a distinct place."""
    offset = max((r.line for r in [*previous.header, *previous.rows]), default=0)
    page = table.page
    moved = [Row(list(r.cells), offset + i, r.page if r.page is not None else page,
                 r.after_break, r.continued)
             for i, r in enumerate([*table.header, *table.rows], start=1)]
    return Table(previous.index, previous.caption, previous.title, previous.header,
                 [*previous.rows, *moved], previous.line, previous.page)


def _mend(rows: list[Row]) -> list[Row]:
    """Body rows as printed, without the artefacts of a page break: the numbered-column row a
    repeated header brings along is dropped, and the rest of a label the page break cut off
    (a row that opens a page with words only, no figure) is put back at the end of the label
    on the page before."""
    out: list[Row] = []
    for row in rows:
        if is_numbering_row(row):
            continue
        previous = out[-1] if out else None
        if (previous is not None and row.page is not None and previous.page is not None
                and row.page != previous.page and _words_only(row)
                and len(row.cells) == len(previous.cells)):
            cells = [f"{_without_header_words(a, -1)} {_without_header_words(b)}".strip()
                     if b else a for a, b in zip(previous.cells, row.cells, strict=True)]
            out[-1] = Row(cells, previous.line, previous.page, previous.after_break)
            continue
        out.append(row)
    return out


def _words_only(row: Row) -> bool:
    cells = [c for c in row.cells if c]
    return 0 < len(cells) <= 2 and not any(read_cell(c).kind != "qualitative" for c in cells) \
        and not _is_level(
        row) and not _header_words(row) >= 2


def _without_header_words(text: str, end: int = 0) -> str:
    """`Lalu Renstra Akhir Renstra hari`: the words of a repeated header that a reader put
    next to a label cut by the page break are not part of it (`end` 0: in front, -1: behind,
    where two or more must stand together)."""
    words = text.split()
    run = 0
    while len(words) - run > 1 and _HEADER_TERM.fullmatch(words[end - run if end else run]):
        run += 1
    if end and run < 2:
        return text
    kept = words[:len(words) - run] if end else words[run:]
    return " ".join(kept)
