"""What an extractor needs while it walks a table: cells, parsed figures and provenance."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sakip_analysis.formatting import format_number
from sakip_analysis.read.document import Document, Row, Table
from sakip_analysis.read.numbers import (
    ColumnKind,
    ParsedNumber,
    read_cell,
    share_number,
    with_share,
)
from sakip_analysis.read.tables.header import Column, columns


@dataclass
class TableContext:
    """One table being turned into tidy rows; `identity` is kecamatan/kabupaten/year/source."""

    doc: Document
    table: Table
    identity: dict[str, Any]
    kind: str
    cols: list[Column] = field(init=False)
    kinds: dict[tuple[int, int | None], str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.cols = columns(self.table.header, self.table.n_columns)
        rows = self.table.rows
        self._above = {id(r): rows[i - 1] for i, r in enumerate(rows) if i and r.continued}

    def merged_text(self, row: Row, index: int | None) -> str:
        """The text of a value cell, or of the merged cell above that runs on over this row
        (`Row.continued`): a merged indicator value applies to every row it spans. Labels
        are read with `cell`, so a sasaran merged over its indicators still opens one
        entity; amounts too, so a merged pagu is counted once."""
        text = self.cell(row, index)
        while not text and index is not None and index in row.continued \
                and id(row) in self._above:
            row = self._above[id(row)]
            text = self.cell(row, index)
        return text

    def text_column(self, index: int | None) -> int | None:
        """The column holding the text a label column names. Reports number their indicators
        in the labelled column and print the text in an unlabelled one beside it
        (`Indikator Sasaran` over `1 | Jumlah Pedoman …`): the text column is that one."""
        if index is None or index + 1 >= len(self.cols) or self.cols[index + 1].label:
            return index
        rows = self.table.rows
        own = [self.cell(r, index) for r in rows]
        beside = [self.cell(r, index + 1) for r in rows]
        if all(not c or _ITEM.fullmatch(c) for c in own) and any(
                re.search(r"[A-Za-z]{3,}", c) for c in beside):
            return index + 1
        return index

    def cell(self, row: Row, index: int | None) -> str:
        if index is None or index >= len(row.cells):
            return ""
        return row.cells[index]

    def number(self, row: Row, index: int | None, column: ColumnKind = "any") -> ParsedNumber:
        """Parse one cell. A cell that is no single number (`≥ 75`, `WTP`, `102,54 100,53`) is
        never a refusal: it comes back missing with its printed text kept, its kind noted, and
        one warning naming file, table, page, row, column and text."""
        # money is never repeated: a pagu merged over several rows counts once in any sum
        text = self.cell(row, index) if column == "amount" else self.merged_text(row, index)
        return self._read(text, row, index, column)

    def _read(self, text: str, row: Row, index: int | None, column: ColumnKind) -> ParsedNumber:
        cell = read_cell(text, column)
        self.kinds[(row.line, index)] = cell.kind
        if cell.kept_as_text:
            self._warn(row, index, f"{text!r} disimpan sebagai teks ({KIND_WORDS[cell.kind]})")
        elif cell.number is not None and cell.number.note:
            self._warn(row, index, f"{text!r} dibaca {format_number(cell.number.value)} "
                                   f"({cell.number.note})")
        return cell.as_number

    def _warn(self, row: Row, index: int | None, what: str) -> None:
        header = self.cols[index].text if index is not None and index < len(self.cols) else ""
        page = row.page if row.page is not None else self.table.page
        where = f"halaman {page}, " if page is not None else ""
        self.doc.warnings.append(
            f"{self.doc.path}: {self.table.label}, {where}baris {row.line}, kolom "
            f"'{header}': {what}")

    def with_capaian(self, row: Row, realisasi: int | None, capaian: int | None
                     ) -> tuple[ParsedNumber, ParsedNumber, ParsedNumber | None]:
        """Realisasi and capaian of a row, and the capaian column's figure when it is not the
        indicator's own. A realisasi cell that prints its capaian in brackets (`86 (101%)`)
        gives both when the table has a capaian column: that capaian is the indicator's,
        printed beside its figure, and the column then holds the sasaran's (`Capaian
        Sasaran`, over the indicators stacked in one printed row): it comes back third, for
        a sasaran row, never dropped."""
        text = self.cell(row, realisasi)
        split = with_share(text) if capaian is not None else None
        if split is None:
            return self.number(row, realisasi), self.number(row, capaian, "percent"), None
        value = self._read(split[0], row, realisasi, "any")
        column = self.number(row, capaian, "percent") if self.cell(row, capaian) else None
        return value, share_number(split[1]), column

    def kind_of(self, row: Row, index: int | None) -> str | None:
        """The value kind of a cell read with `number` (None if never read)."""
        return self.kinds.get((row.line, index))

    def measured(self, prefix: str, row: Row, index: int | None,
                 column: ColumnKind = "any") -> dict[str, Any]:
        return measured(prefix, self.number(row, index, column))

    def provenance(self, row: Row) -> dict[str, Any]:
        return {
            "source_file": str(self.doc.path),
            "source_table": self.table.label,
            "source_table_index": self.table.index,
            "source_page": row.page if row.page is not None else self.table.page,
            "source_line": row.line,
        }

    def base(self, row: Row) -> dict[str, Any]:
        return {**self.identity, **self.provenance(row)}


_ITEM = re.compile(r"\(?(?:\d{1,2}|[a-zA-Z])[.)]?")
"""An item number: `1`, `2.`, `(3)`, `a.`."""

KIND_WORDS = {"range": "rentang", "comparator": "pembanding", "ratio": "rasio",
              "qualitative": "kualitatif", "stacked": "beberapa angka dalam satu sel",
              "invalid": "angka di luar batas atau tak terbaca"}
"""How a warning names what a kept-as-text cell holds."""


def measured(prefix: str, number: ParsedNumber) -> dict[str, Any]:
    """The columns every figure carries: value, text as printed, decimals shown, value kind."""
    return {
        prefix: float(number) if not number.missing else None,
        f"{prefix}_raw": number.raw.strip() or None,
        f"{prefix}_decimals": number.decimals,
        f"{prefix}_kind": ("ratio" if number.kind == "ratio" else "number") if not number.missing
        else read_cell(number.raw).kind if number.raw.strip() else "missing",
    }


def unit_of(*numbers: ParsedNumber) -> str | None:
    """`%` for percentages, the counted noun for counts (`Lembaga`), else None."""
    for n in numbers:
        if n.kind == "percent":
            return "%"
        if n.unit:
            return n.unit
    return None
