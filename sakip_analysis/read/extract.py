"""Documents in, tidy validated tables out: the one road from a report to the dataset."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from sakip_analysis.errors import SakipError, log_traceback, one_line
from sakip_analysis.read import schema
from sakip_analysis.read.document import Document, Table
from sakip_analysis.read.identity import identity_of
from sakip_analysis.read.polarity import infer_polarity
from sakip_analysis.read.tables.context import TableContext
from sakip_analysis.read.tables.header import columns, continues, join, settle_header
from sakip_analysis.read.tables.kinds import UNRECOGNISED, TableKind, recognise
from sakip_analysis.read.tables.paired import pair_rows
from sakip_analysis.read.tables.stacked import split_stacked


@dataclass
class Extraction:
    """Tidy tables of a batch, plus the files that failed and the warnings met on the way."""

    tables: dict[str, pd.DataFrame]
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, one-line error)
    warnings: list[str] = field(default_factory=list)


Records = dict[str, list[dict[str, Any]]]


def recognised_tables(doc: Document) -> list[tuple[Table, TableKind | None]]:
    """The document's tables with their kind, headers settled, and a table that goes on over
    the next page without repeating its header joined to the table it continues: no caption,
    the same columns, the next page, and a 'header' that holds no header words (it is the
    first body row)."""
    out: list[tuple[Table, TableKind | None]] = []
    for table in (pair_rows(split_stacked(settle_header(t))) for t in doc.tables):
        kind = recognise(columns(table.header, table.n_columns), table.title)
        if kind is None and out and continues(out[-1][0], table) and out[-1][1] is not None:
            previous, previous_kind = out.pop()
            out.append((join(previous, table), previous_kind))
            continue
        out.append((table, kind))
    return out


def _warn_long_rows(doc: Document, table: Table) -> None:
    """A row with filled cells right of every column label: those cells are read by no
    extractor, so the analyst hears of it (once per table, naming the first such row)."""
    width = max((len(r.cells) for r in table.header), default=0)
    labelled = max((i + 1 for r in table.header for i, c in enumerate(r.cells) if c), default=0)
    if not table.header or not labelled:
        return
    for row in table.rows:
        extra = [c for c in row.cells[max(width, labelled):] if c]
        if extra:
            doc.warnings.append(
                f"{doc.path}: {table.label}, baris {row.line}: baris lebih panjang dari judul "
                f"kolomnya ({len(row.cells)} sel, {labelled} berjudul); tidak dibaca: "
                f"{' | '.join(extra)[:80]!r}")
            return


def _extracted(doc: Document, table: Table, kind: TableKind, ctx: TableContext
               ) -> dict[str, list[dict[str, Any]]] | None:
    """The tidy rows of one recognised table; None when its extractor met a case it was not
    written for. Such a table is kept whole (its cells go to raw_cells, like a table no kind
    fits) with one warning naming file, table and page: one odd table never costs the
    analyst the rest of the report."""
    try:
        return kind.extract(ctx)
    except SakipError:
        raise
    except Exception as exc:  # a layout the extractor does not know yet
        log = log_traceback(exc, f"{doc.path}: {table.label} ({kind.name})")
        where = f", halaman {table.page}" if table.page else f", baris {table.line}"
        doc.warnings.append(
            f"{doc.path}: {table.label}{where}: tabel {kind.name} ini tidak dapat diurai "
            f"({one_line(exc)}); sel-selnya disimpan apa adanya di raw_cells, rincian di {log}")
        return None


def extract_document(doc: Document, **overrides: Any) -> dict[str, pd.DataFrame]:
    """Every table of a document, recognised by kind and turned into tidy, validated tables."""
    return concat([extract_records(doc, **overrides)])


def extract_records(doc: Document, *, identity: dict[str, Any] | None = None,
                    **overrides: Any) -> Records:
    """The tidy rows of one document as plain records; frames are built once per batch, since
    building and validating small frames per document costs more than reading it. `identity`:
    the report's identity when the caller has already read it (see `read.identity`)."""
    if identity is None:
        identity = identity_of(doc, **overrides)
    records: Records = defaultdict(list)
    for table, kind in recognised_tables(doc):
        ctx = TableContext(doc, table, identity, kind.name if kind else UNRECOGNISED)
        extracted = None if kind is None else _extracted(doc, table, kind, ctx)
        if extracted is None and kind is not None:  # kept as cells, said in a warning
            kind, ctx = None, TableContext(doc, table, identity, UNRECOGNISED)
        records["tables"].append({
            **identity,
            "source_file": str(doc.path),
            "source_table": table.label,
            "source_table_index": table.index,
            "source_page": table.page,
            "source_line": table.line,
            "table_kind": ctx.kind,
            "caption": table.caption,
            "title": table.title,
            "n_rows": len(table.rows),
            "n_columns": table.n_columns,
            "header": " | ".join(c.text for c in ctx.cols),
        })
        _warn_long_rows(doc, table)
        if kind is None:
            for row in table.rows:
                for col, text in enumerate(row.cells):
                    if text:
                        records["raw_cells"].append({**ctx.base(row), "row": row.line,
                                                     "column": col + 1, "text": text})
            continue
        for name, rows in (extracted or {}).items():
            records[name].extend(rows)
    for paragraph in doc.paragraphs:
        records["narrative"].append({
            **identity, "text": paragraph.text, "source_file": str(doc.path),
            "source_table": None, "source_table_index": None, "source_page": paragraph.page,
            "source_line": paragraph.line,
        })
    return records


def concat(parts: Iterable[Records | dict[str, pd.DataFrame]], *, validate: bool = True
           ) -> dict[str, pd.DataFrame]:
    """Stack the tables of many documents (records or frames), one frame per table name,
    conformed to its schema and validated once (`validate=False` where the caller's writer
    validates, as the dataset writer does)."""
    parts = list(parts)
    out = {}
    for name in schema.TABLE_NAMES:
        frames = []
        rows: list[dict[str, Any]] = []
        for part in parts:
            value = part.get(name)
            if isinstance(value, pd.DataFrame):
                if len(value):
                    frames.append(value)
            elif value:
                rows.extend(value)
        if rows:
            frames.append(pd.DataFrame(rows))
        frame = pd.concat(frames, ignore_index=True) if frames else schema.empty_frame(name)
        if name == "indicators":  # polarity decided once, here (read/polarity.py)
            frame = infer_polarity(frame)
        frame = schema.conform(name, frame)
        out[name] = schema.validate(name, frame) if validate else frame
    return out


def extract_paths(paths: Iterable[Path | str], *, progress: bool = False,
                  max_bytes: dict[str, int] | None = None, **overrides: Any) -> Extraction:
    """Extract many reports; a file that fails is listed with its one-line error and the
    rest goes on (the loop itself lives in `read.collect`, shared with ingest)."""
    from sakip_analysis.read.collect import FAILED, read_reports

    outcomes = read_reports([Path(p) for p in paths], progress=progress, desc="extract",
                            max_bytes=max_bytes, **overrides)
    failed = [(str(o.path), o.reason) for o in outcomes if o.status == FAILED]
    warnings = [w for o in outcomes for w in o.warnings]
    return Extraction(concat([o.records for o in outcomes if o.records is not None]),
                      failed, warnings)
