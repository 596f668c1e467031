"""Column labels from one or two header rows: `KINERJA` over `TARGET` becomes `kinerja target`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sakip_analysis.read.document import Row

_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


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
    inherits the year of the group before it.
    """
    if not header:
        return [Column(i, "", "", None) for i in range(width)]
    top = _padded(header[0], width)
    subs = [_padded(r, width) for r in header[1:]]
    sub = [" ".join(s[i] for s in subs if s[i]) for i in range(width)]
    out: list[Column] = []
    group, year = "", None
    for i in range(width):
        if top[i]:
            group = top[i]
            found = _YEAR.search(top[i])
            if found:
                year = int(found.group(1))
            elif sub[i]:  # a new group without a year; a lone `%` keeps the year before it
                year = None
        if top[i] and not sub[i]:
            out.append(Column(i, "", top[i], year))
        elif sub[i]:
            out.append(Column(i, group if (top[i] or group) else "", sub[i], year))
        else:
            out.append(Column(i, "", "", year))
    return out


def _padded(row: Row, width: int) -> list[str]:
    return [*row.cells, *[""] * (width - len(row.cells))][:width]


def find(cols: list[Column], *patterns: str, exclude: str | None = None) -> int | None:
    """Index of the first column whose text matches every regex pattern (and not `exclude`)."""
    for col in cols:
        if all(re.search(p, col.text) for p in patterns) and not (
                exclude and re.search(exclude, col.text)):
            return col.index
    return None
