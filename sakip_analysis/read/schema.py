"""Column contracts of the tidy tables, checked with pandera so bad rows fail loudly."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from sakip_analysis.errors import SchemaError
from sakip_analysis.read.numbers import VALUE_KINDS
from sakip_analysis.read.polarity import POLARITY_SOURCES, POLARITY_VALUES

PROVENANCE = {
    "source_file": pa.Column(str),
    "source_table": pa.Column(str, nullable=True),
    "source_table_index": pa.Column("Int64", nullable=True),
    "source_page": pa.Column("Int64", nullable=True),
    "source_line": pa.Column("Int64", nullable=True),
}
"""Where each row came from: file, table caption, table number in the document, PDF page,
and the 1-based text line (text exports) or 1-based row index in the table (Word, PDF)."""

IDENTITY = {
    "kecamatan": pa.Column(str),
    "kabupaten": pa.Column(str, nullable=True),
    "year": pa.Column("Int64", nullable=True),
    "data_source": pa.Column(str),
    "unit_kind": pa.Column(str, nullable=True),
    "region_kind": pa.Column(str, nullable=True, checks=pa.Check.isin(
        ["kabupaten", "kota", "provinsi"])),
    "region": pa.Column(str, nullable=True),
}
"""Who a row is about. `kecamatan` holds the unit's name for every report (the report stage
groups by it); `unit_kind` tells a kecamatan from an OPD (dinas, badan, biro, …);
`kabupaten` is the kabupaten/kota of a kecamatan report as before; `region_kind`/`region` the
kabupaten, kota or provinsi of any unit. `year` is missing only where no year could be read
(the reader warns)."""

LEVELS = ["tujuan", "sasaran", "program", "kegiatan", "subkegiatan", "iku", "indikator", "total",
          "rata-rata", "komponen"]


def _num(nullable: bool = True) -> pa.Column:
    return pa.Column(float, nullable=nullable, coerce=True)


def _raw() -> pa.Column:
    return pa.Column(str, nullable=True)


def _decimals() -> pa.Column:
    return pa.Column("Int64", nullable=True, checks=pa.Check.ge(0))


def _text(nullable: bool = True) -> pa.Column:
    return pa.Column(str, nullable=nullable)


def _level() -> pa.Column:
    return pa.Column(str, checks=pa.Check.isin(LEVELS))


def _measured(prefix: str) -> dict[str, pa.Column]:
    """A figure as four columns: its value, its text as printed, the decimals shown and what
    the cell holds (number, range, comparator, ratio, qualitative, stacked, missing, invalid)."""
    return {prefix: _num(), f"{prefix}_raw": _raw(), f"{prefix}_decimals": _decimals(),
            f"{prefix}_kind": pa.Column(str, nullable=True, checks=pa.Check.isin(VALUE_KINDS))}


SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "indicators": pa.DataFrameSchema({
        **IDENTITY,
        "table_kind": _text(False),
        "period_year": pa.Column("Int64", nullable=True),
        "level": _level(),
        "name": _text(),
        "parent": _text(),
        "indicator": _text(),
        "code": _text(),
        "unit": _text(),
        **_measured("target"),
        **_measured("realisasi"),
        **_measured("capaian_reported"),
        "polarity": pa.Column(str, nullable=True, checks=pa.Check.isin(POLARITY_VALUES)),
        "polarity_source": pa.Column(str, nullable=True,
                                     checks=pa.Check.isin(POLARITY_SOURCES)),
        **PROVENANCE,
    }, strict=False),
    "budget": pa.DataFrameSchema({
        **IDENTITY,
        "table_kind": _text(False),
        "period": _text(),
        "level": _level(),
        "name": _text(),
        "parent": _text(),
        "indicator": _text(),
        "code": _text(),
        **_measured("pagu"),
        **_measured("realisasi"),
        **_measured("serapan_reported"),
        **PROVENANCE,
    }, strict=False),
    "efficiency": pa.DataFrameSchema({
        **IDENTITY,
        "level": _level(),
        "name": _text(),
        "parent": _text(),
        "indicator": _text(),
        **_measured("capaian_kinerja"),
        **_measured("capaian_anggaran"),
        **_measured("efisiensi_reported"),
        **PROVENANCE,
    }, strict=False),
    "sakip_components": pa.DataFrameSchema({
        **IDENTITY,
        "evaluated_year": pa.Column("Int64", nullable=True),
        "level": pa.Column(str, checks=pa.Check.isin(["komponen", "total"])),
        "component": _text(False),
        **_measured("bobot"),
        **_measured("nilai"),
        **PROVENANCE,
    }, strict=False),
    "benchmarks": pa.DataFrameSchema({
        **IDENTITY,
        "indicator": _text(False),
        **_measured("kecamatan_value"),
        **_measured("kabupaten_value"),
        **_measured("provinsi_value"),
        **_measured("pct_reported"),
        "pct_basis": _text(),
        **PROVENANCE,
    }, strict=False),
    "perjanjian_kinerja": pa.DataFrameSchema({
        **IDENTITY,
        "level": _level(),
        "sasaran": _text(),
        "program": _text(),
        "indicator": _text(),
        "unit": _text(),
        **_measured("target"),
        **_measured("anggaran"),
        **PROVENANCE,
    }, strict=False),
    "narrative": pa.DataFrameSchema({
        **IDENTITY,
        "text": _text(False),
        **PROVENANCE,
    }, strict=False),
    "tables": pa.DataFrameSchema({
        **IDENTITY,
        "table_kind": _text(False),
        "caption": _text(),
        "title": _text(),
        "n_rows": pa.Column("Int64"),
        "n_columns": pa.Column("Int64"),
        "header": _text(),
        **PROVENANCE,
    }, strict=False),
    "raw_cells": pa.DataFrameSchema({
        **IDENTITY,
        "row": pa.Column("Int64"),
        "column": pa.Column("Int64"),
        "text": _text(),
        **PROVENANCE,
    }, strict=False),
}
"""One schema per tidy table. `raw_cells` keeps every cell of tables no kind fits."""

TABLE_NAMES = tuple(SCHEMAS)


def empty_frame(name: str) -> pd.DataFrame:
    """An empty table with the schema's columns, so concatenation keeps every column."""
    schema = SCHEMAS[name]
    return pd.DataFrame({col: pd.Series(dtype=_pandas_dtype(c))
                         for col, c in schema.columns.items()})


def _pandas_dtype(column: pa.Column) -> str:
    dtype = str(column.dtype)
    if dtype in {"float64", "float"}:
        return "float64"
    if dtype == "Int64":
        return "Int64"
    return "str"


def conform(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Give a frame every column of its schema, in schema order, extra columns kept after."""
    schema = SCHEMAS[name]
    out = frame.copy()
    for col, column in schema.columns.items():
        if col not in out.columns:
            out[col] = pd.Series([pd.NA] * len(out), dtype=_pandas_dtype(column), index=out.index)
        elif _pandas_dtype(column) == "Int64":
            out[col] = pd.to_numeric(out[col], errors="coerce").astype("Int64")
        elif _pandas_dtype(column) == "float64":
            out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
        else:
            values = out[col].astype(object)
            values = values.where(values.notna() & (values != ""), None)
            out[col] = values.map(lambda v: v if v is None else str(v)).astype("str")
    ordered = list(schema.columns) + [c for c in out.columns if c not in schema.columns]
    return out[ordered]


def validate(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Validate one tidy table; the first failing row becomes a one-line SchemaError."""
    try:
        return SCHEMAS[name].validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        first = cases.iloc[0]
        index = first.get("index")
        where = ""
        if index is not None and not pd.isna(index) and index in frame.index:
            row = frame.loc[index]
            where = f"{row.get('source_file', '?')}: {row.get('source_table') or 'tabel'}"
            if not pd.isna(row.get("source_line")):
                where += f", baris {int(row['source_line'])}"
            where += ": "
        raise SchemaError(
            f"{where}tabel '{name}' kolom '{first['column']}' gagal {first['check']} "
            f"dengan nilai {first['failure_case']!r} ({len(cases)} kegagalan seluruhnya)"
        ) from None
