"""What an extractor needs while it walks a table: cells, parsed figures and provenance."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sakip_analysis.errors import NumberParseError, ReadError
from sakip_analysis.read.document import Document, Row, Table
from sakip_analysis.read.numbers import ColumnKind, ParsedNumber, parse_number
from sakip_analysis.read.tables.header import Column, columns


@dataclass
class TableContext:
    """One table being turned into tidy rows; `identity` is kecamatan/kabupaten/year/source."""

    doc: Document
    table: Table
    identity: dict[str, Any]
    kind: str
    cols: list[Column] = field(init=False)

    def __post_init__(self) -> None:
        self.cols = columns(self.table.header, self.table.n_columns)

    def cell(self, row: Row, index: int | None) -> str:
        if index is None or index >= len(row.cells):
            return ""
        return row.cells[index]

    def number(self, row: Row, index: int | None, column: ColumnKind = "any") -> ParsedNumber:
        """Parse one cell; a cell that is no number fails with file, table, line and value."""
        text = self.cell(row, index)
        try:
            return parse_number(text, column)
        except NumberParseError as exc:
            header = self.cols[index].text if index is not None else ""
            raise ReadError(self.doc.path, f"column '{header}': {exc}", line=row.line,
                            table=self.table.label) from None

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


def measured(prefix: str, number: ParsedNumber) -> dict[str, Any]:
    """The three columns every figure carries: value, text as printed, decimals shown."""
    return {
        prefix: float(number) if not number.missing else None,
        f"{prefix}_raw": number.raw.strip() or None,
        f"{prefix}_decimals": number.decimals,
    }


def unit_of(*numbers: ParsedNumber) -> str | None:
    """`%` for percentages, the counted noun for counts (`Lembaga`), else None."""
    for n in numbers:
        if n.kind == "percent":
            return "%"
        if n.unit:
            return n.unit
    return None
