"""The printed text a finding points at, rebuilt from the dataset: shown in the HTML review
("Kutipan sumber") and in the findings workbook, decided here once."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

Tables = dict[str, pd.DataFrame]


def is_missing(value: Any) -> bool:
    """None, NaN and pd.NA alike (pd.isna on a scalar, never on a list)."""
    if value is None or value is pd.NA:
        return True
    try:
        return bool(isinstance(value, float) and math.isnan(value)) or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


#: Text columns that name a printed row, in the order they are quoted.
_NAME_COLUMNS = ("name", "component", "sasaran", "program", "indicator")
_QUOTED_TABLES = ("indicators", "budget", "efficiency", "benchmarks", "sakip_components",
                  "perjanjian_kinerja")
QUOTE_LIMIT = 300


def _row_parts(row: pd.Series) -> tuple[list[str], tuple[str, ...]]:
    """(names, figures as printed) of one tidy row."""
    names = []
    for column in _NAME_COLUMNS:
        value = row.get(column)
        if not is_missing(value) and str(value) not in names:
            names.append(str(value))
    figures = tuple(str(row[c]) for c in row.index
                    if c.endswith("_raw") and not is_missing(row[c]))
    return names, figures


def source_quotes(findings: pd.DataFrame, tables: Tables) -> pd.Series:
    """The printed text a finding points at, from the dataset: the paragraph at its line, or
    the printed row rebuilt from the tidy rows of its table at that line (each name once,
    then the figures as printed). Empty when the dataset keeps no row there (e.g. a report
    stored without its text)."""
    if findings.empty:
        return pd.Series([], index=findings.index, dtype=object)
    Key = tuple[Any, Any, Any]
    texts: dict[Key, list[str]] = {}
    names: dict[Key, list[str]] = {}
    figures: dict[Key, list[tuple[str, ...]]] = {}
    wanted = set(zip(findings["file"], findings["line"], strict=True))
    narrative = tables.get("narrative")
    if narrative is not None and len(narrative):
        for row in narrative.itertuples():
            if (row.source_file, row.source_line) in wanted:
                texts.setdefault((row.source_file, None, row.source_line), []).append(row.text)
    for name in (*_QUOTED_TABLES, "raw_cells"):
        frame = tables.get(name)
        if frame is None or frame.empty:
            continue
        hit = frame[[(f, ln) in wanted for f, ln in zip(frame["source_file"],
                                                         frame["source_line"], strict=True)]]
        for _, row in hit.iterrows():
            key = (row["source_file"], _index(row["source_table_index"]), row["source_line"])
            if name == "raw_cells":
                row_names, row_figures = [str(row["text"])], ()
            else:
                row_names, row_figures = _row_parts(row)
            known = names.setdefault(key, [])
            known.extend(n for n in row_names if n not in known)
            if row_figures and row_figures not in figures.setdefault(key, []):
                figures[key].append(row_figures)
    for key, key_names in names.items():
        shown = " | ".join(f for group in figures.get(key, []) for f in group)
        texts.setdefault(key, []).append(" — ".join(key_names) + (f": {shown}" if shown else ""))
    out = []
    for f in findings.itertuples():
        table = None if is_missing(f.table_index) else _index(f.table_index)
        found = texts.get((f.file, table, f.line)) or texts.get((f.file, None, f.line)) or []
        text = " / ".join(found)
        out.append(text if len(text) <= QUOTE_LIMIT else text[:QUOTE_LIMIT - 1] + "…")
    return pd.Series(out, index=findings.index, dtype=object)


def _index(value: Any) -> int | None:
    return None if is_missing(value) else int(value)
