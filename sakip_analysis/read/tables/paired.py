"""Two-row entities: a code + name row, then the row(s) with its indicator, targets and money.

Renstra and Renja tables (`Rencana Program/Kegiatan/Sub Kegiatan dan Pendanaan`) print each
program, kegiatan and sub-kegiatan on two ruled rows:

    7.01.01.2.01 Perencanaan, Penganggaran, …  |                          |   |     |           |
      Meningkatnya Ketepatan Penyusunan …      | Cakupan Perencanaan, …   | % | 100 | 2,500,000 |

The first names the entity (its code says its level); the second, indented under it in the
same column, states its outcome or output and carries the indicator, unit, targets and pagu.
A pagu cell merged over both rows comes with the first row, the targets with the second. Read
row by row, the name would have no figures and the figures a name that is no entity, so the
rows are paired into one: the name row's label with the union of both rows' other cells. A
further code-less row before the next name row is another indicator of the same entity (its
label cell emptied, so the extractors read it as continuing the entity above).

The outcome/output statement has no column in the tidy tables; it stays in the document.
"""

from __future__ import annotations

from sakip_analysis.read.document import Row, Table
from sakip_analysis.read.numbers import read_cell
from sakip_analysis.read.tables.hierarchy import code_of, is_total_label

MIN_PAIRS = 2
"""Name rows followed by their detail row a table needs before its rows are paired: one such
pair may be chance, the layout repeats it for every entity."""


def _label_at(row: Row) -> int | None:
    return next((i for i, c in enumerate(row.cells) if c), None)


UNIT_LENGTH = 12
"""A unit (`%`, `dokumen`, `org/bln`) is one short word; an indicator is longer."""


def _is_name_row(row: Row) -> bool:
    """A code + name in the first filled cell and no other text but a unit (figures and a
    unit may stand beside it: cells merged over both rows print level with the first)."""
    at = _label_at(row)
    if at is None or code_of(row.cells[at])[0] is None:
        return False
    return all(read_cell(c).kind != "qualitative" or (len(c) <= UNIT_LENGTH and " " not in c)
               for c in row.cells[at + 1:] if c)


def _cell(row: Row, at: int) -> str:
    return row.cells[at] if at < len(row.cells) else ""


def _is_detail_row(row: Row, label_at: int) -> bool:
    """No code in the label column, no `JUMLAH`/`TOTAL`/`Rata-rata` there (a row of its
    own), and something beside it."""
    label = _cell(row, label_at)
    return code_of(label)[0] is None and not is_total_label(label) \
        and any(row.cells[label_at + 1:])


def _merged(name: Row, detail: Row, label_at: int) -> Row | None:
    """The name row with the detail row's cells, or None when both fill the same cell with
    different text (the same figure printed on both rows is one figure)."""
    width = max(len(name.cells), len(detail.cells))
    a = [*name.cells, *[""] * (width - len(name.cells))]
    b = [*detail.cells, *[""] * (width - len(detail.cells))]
    cells = list(a)
    for i in range(label_at + 1, width):
        if a[i] and b[i] and a[i] != b[i]:
            return None
        cells[i] = a[i] or b[i]
    return Row(cells, name.line, name.page, name.after_break)


def pair_rows(table: Table) -> Table:
    """The table with each two-row entity as one row (keeping the name row's line and page,
    where the entity is printed); any other table as it is."""
    rows = table.rows
    out: list[Row] = []
    pairs = 0
    i = 0
    while i < len(rows):
        row = rows[i]
        at = _label_at(row)
        if at is not None and _is_name_row(row) and i + 1 < len(rows) \
                and _is_detail_row(rows[i + 1], at) \
                and (merged := _merged(row, rows[i + 1], at)) is not None:
            out.append(merged)
            pairs += 1
            i += 2
            while i < len(rows) and _is_detail_row(rows[i], at) and _cell(rows[i], at):
                cells = list(rows[i].cells)
                cells[at] = ""  # another indicator of the same entity
                out.append(Row(cells, rows[i].line, rows[i].page, rows[i].after_break))
                i += 1
            continue
        out.append(row)
        i += 1
    if pairs < MIN_PAIRS:
        return table
    return Table(table.index, table.caption, table.title, table.header, out, table.line,
                 table.page)
