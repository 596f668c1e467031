"""Stacked cells: several printed rows that a PDF export put into one table row.

`3.600.000.000,- 460.000.000,-` over `3.463.967.029,- 313.967.780,-` and `96,22 68,25`: when
two or more cells of a row hold the same number of figures, the row is split into that many
rows, each figure in its own row; a text cell is split at its bullets (`- A - B`), its
numbering (`1. 2.`) or its level words (`Program A Program B`) when they give the same count,
else it stays with the first row. An indicator printed over its sub-indicators in one row
(`… formal S1 S2`, target `36,9 17,7`, capaian `112,50 106,00 119,00`: the indicator's own
figure above its two) gives the indicator's row and one per sub-indicator. A stacked cell that
no neighbour matches is left as it is (the extractor keeps it as text, with a warning).
"""

from __future__ import annotations

import re

from sakip_analysis.read.document import Row, Table
from sakip_analysis.read.numbers import read_cell, stacked_entries

_MARKERS = (
    re.compile(r"(?:^|\s)-\s+(?=\S)"),  # `- RTM OPD … - RTM OPD …`
    re.compile(r"(?:^|\s)\d{1,2}[.)]\s*(?=\S|$)"),  # `1. 2. 3.` or `1. Program A 2. …`
    re.compile(r"(?=\b(?:Program|PROGRAM|Kegiatan|KEGIATAN)\b)"),
    re.compile(r"(?<!\S)(?=[A-Z]{1,3}\d{1,2}[.:]\s)"),  # `S1. Indeks … S2. Persentase …`
    # `- Konsumsi Pangan a. Energi b. Protein - Skor PPH`: sub-indicators share the list
    re.compile(r"(?:^|\s)(?:-|[a-z][.)])\s+(?=\S)"),
)


_KEPT = (_MARKERS[2], _MARKERS[3])
"""Markers that are part of the item they open (a level word, an indicator code)."""


def _figures(cell: str) -> list[str] | None:
    """The entries of a stacked cell, as printed (`86 (101%) 270 (60%)`: a figure with its
    share in brackets is one entry)."""
    return stacked_entries(cell)


def _spaced(cell: str) -> list[str]:
    """The space-separated figures of a cell, each a number on its own."""
    tokens = cell.split()
    if len(tokens) < 2 or not all(read_cell(t).kind == "number" for t in tokens):
        return []
    return tokens


def _split_text(cell: str, n: int) -> list[str] | None:
    for marker in _MARKERS:
        starts = [m.start() for m in marker.finditer(cell)]
        if len(starts) == n:
            pieces = [cell[a:b] for a, b in zip(starts, [*starts[1:], len(cell)], strict=True)]
            pieces = [marker.sub(" ", p, count=1).strip() if marker not in _KEPT
                      else p.strip() for p in pieces]
            if cell[:starts[0]].strip():
                return None  # text before the first marker: not a list of n items
            return pieces
    return None


_NAME_SHAPE = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", "A" * 26 + "9" * 10)


def _split_parent(cell: str, n: int) -> tuple[str, list[str]] | None:
    """(the parent's text, the n sub-indicator names) of a label printing an indicator and
    its sub-indicators stacked under it: `Aparatur … pendidikan formal S1 S2` (names of one
    shape, capitals and digits, at the end) or `Capaian: - Laki-laki - Perempuan` (a list
    after the parent's words). None when the cell is not so made."""
    for marker in _MARKERS[:2] + _MARKERS[3:]:
        starts = [m.start() for m in marker.finditer(cell)]
        parent = cell[:starts[0]].strip() if starts else ""
        if len(starts) == n and parent:
            pieces = [marker.sub(" ", cell[a:b], count=1).strip()
                      for a, b in zip(starts, [*starts[1:], len(cell)], strict=True)]
            if all(pieces):
                return parent, pieces
    tokens = cell.split()
    names = tokens[-n:]
    shapes = {t.translate(_NAME_SHAPE) for t in names}
    if len(tokens) > n and len(shapes) == 1 and len(set(names)) == n and all(
            len(t) <= 4 and not re.search(r"[a-z]", t) and re.search(r"[A-Z]", t)
            for t in names):
        return " ".join(tokens[:-n]), names
    return None


def _with_parent(row: Row, stacks: dict[int, list[str]]) -> list[Row] | None:
    """The rows of an indicator printed over its n sub-indicators in one row: some cells stack
    n figures, others n + 1 (the indicator's own figure above its sub-indicators'), and a
    label names the parent and the n sub-indicators. The parent's row comes first with the
    leading figures and every cell that does not stack (its number, unit, a single figure
    printed for the whole indicator); each sub-indicator's row gets its figures and the
    parent's label with its own name. None when the row is not so made."""
    counts = {len(f) for f in stacks.values()}
    n = min(counts)
    if counts != {n, n + 1}:
        return None
    stacks = stacks | {i: f for i, c in enumerate(row.cells)
                       if i not in stacks and c and len(f := _spaced(c)) == n}
    labels = {i: split for i, c in enumerate(row.cells)
              if i not in stacks and c and (split := _split_parent(c, n)) is not None}
    if not labels:
        return None
    parent: list[str] = []
    children: list[list[str]] = [[] for _ in range(n)]
    for i, cell in enumerate(row.cells):
        if i in stacks and len(stacks[i]) == n + 1:
            head, below = stacks[i][0], stacks[i][1:]
        elif i in stacks:
            head, below = "", stacks[i]
        elif i in labels:
            head = labels[i][0]
            below = [f"{head} {name}" for name in labels[i][1]]
        else:
            head, below = cell, [""] * n
        parent.append(head)
        for k in range(n):
            children[k].append(below[k])
    return [Row(cells, row.line, row.page, row.after_break) for cells in (parent, *children)]


def split_row(row: Row) -> list[Row]:
    """One printed row, or the rows stacked in it."""
    stacks = {i: f for i, c in enumerate(row.cells) if c and (f := _figures(c))}
    counts = {len(f) for f in stacks.values()}
    if len(counts) == 2 and (rows := _with_parent(row, stacks)) is not None:
        return rows
    if len(counts) != 1:
        return [row]
    n = next(iter(counts))
    # `85 450` reads as one figure (a space may group thousands) unless a neighbour stacks
    # as many: then it is two.
    stacks |= {i: f for i, c in enumerate(row.cells)
               if i not in stacks and c and len(f := _spaced(c)) == n}
    if len(stacks) < 2:
        return [row]
    columns: list[list[str]] = []
    for i, cell in enumerate(row.cells):
        if i in stacks:
            columns.append(stacks[i])
        elif cell and (pieces := _split_text(cell, n)) is not None:
            columns.append(pieces)
        else:
            columns.append([cell, *[""] * (n - 1)])
    return [Row([col[k] for col in columns], row.line, row.page, row.after_break)
            for k in range(n)]


def split_stacked(table: Table) -> Table:
    """The table with stacked rows split (rows keep the line of the printed row they came
    from, so provenance still points at it)."""
    rows = [part for row in table.rows for part in split_row(row)]
    if len(rows) == len(table.rows):
        return table
    return Table(table.index, table.caption, table.title, table.header, rows, table.line,
                 table.page)
