"""Which table counts: a report prints its IKU and its budget more than once (Tabel 3.1.1 and
the Renstra and multi-year tables; the budget table and the kinerja-anggaran table), and
every figure shown or compared must come from one of them only. The choice is made here and
nowhere else; rankings, averages and every report view call these functions.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

IKU_TABLE_PRIORITY: tuple[str, ...] = ("iku", "renstra", "multi_year", "kinerja_anggaran")
"""Which table's IKU rows count when a report repeats them (Tabel 3.1.1, 3.1.3 Renstra, ...)."""

BUDGET_TABLE_PRIORITY: tuple[str, ...] = ("budget", "kinerja_anggaran")
"""Which table's budget rows count when a report gives its budget twice (Tabel 4.9, 3.2.1)."""


def report_keys(frame: pd.DataFrame) -> list[str]:
    """Columns naming one report: its instansi (kabupaten too, since names repeat) and year."""
    return [c for c in ("kabupaten", "kecamatan", "year") if c in frame.columns]


def kind_rank(kinds: pd.Series, priority: Sequence[str]) -> pd.Series:
    """Position of each row's table kind in `priority` (kinds not listed come last)."""
    order = {kind: i for i, kind in enumerate(priority)}
    return kinds.map(order).fillna(len(order)).astype(int)


def preferred_kind(kinds: pd.Series, priority: Sequence[str]) -> str | None:
    """The first kind of `priority` among `kinds` (one report's rows), else None."""
    present = set(kinds.dropna())
    return next((kind for kind in priority if kind in present), None)


def iku_of_reports(indicators: pd.DataFrame) -> pd.DataFrame:
    """The IKU rows that count, per report: level "iku" for the report's own year
    (period_year == year), from the first table kind of IKU_TABLE_PRIORITY the report has."""
    data = indicators[indicators["level"] == "iku"]
    if "period_year" in data.columns and "year" in data.columns:
        data = data[(data["period_year"].isna() | (data["period_year"] == data["year"]))
                    .fillna(False).astype(bool)]
    if "table_kind" not in data.columns or data.empty:
        return data
    keys = report_keys(data)
    priority = kind_rank(data["table_kind"], IKU_TABLE_PRIORITY)
    if not keys:
        return data[priority == priority.min()]
    best = priority.groupby([data[k] for k in keys], dropna=False).transform("min")
    return data[priority == best]


def first_table(frame: pd.DataFrame, kind: str | None = None) -> pd.DataFrame:
    """Rows of the first table (in document order) of each report, optionally of one kind, so
    a table the report repeats is never counted twice."""
    if kind is not None and "table_kind" in frame.columns:
        frame = frame[frame["table_kind"] == kind]
    if frame.empty:
        return frame
    index = frame["source_table_index"].astype("Float64").fillna(-1)
    first = index.groupby([frame["source_file"]]).transform("min")
    return frame[index == first]


def budget_table(budget: pd.DataFrame) -> pd.DataFrame:
    """One report's budget rows that count: the first table of the first kind of
    BUDGET_TABLE_PRIORITY the report has."""
    kind = preferred_kind(budget["table_kind"], BUDGET_TABLE_PRIORITY) \
        if "table_kind" in budget.columns else None
    return first_table(budget, kind or BUDGET_TABLE_PRIORITY[-1])


def budget_total_rows(budget: pd.DataFrame) -> pd.DataFrame:
    """Per report, the rows its whole budget is read from: the total row (level "total") of
    the first table kind in BUDGET_TABLE_PRIORITY that has one, else the program rows of one
    table only (so a repeated table is not added twice). Adds `_level` (0 total, 1 program)."""
    keys = report_keys(budget)
    data = budget[budget["level"].isin(["total", "program"])].copy()
    table = (data["table_kind"].fillna("") if "table_kind" in data.columns
             else pd.Series("", index=data.index))
    data["_table"] = table
    data["_level"] = (data["level"] != "total").astype(int)  # total rows before programs
    data["_kind"] = kind_rank(table, BUDGET_TABLE_PRIORITY)
    data = data.sort_values([*keys, "_level", "_kind"], kind="stable")
    first = data.groupby(keys, dropna=False, sort=False)[["_level", "_table"]].transform("first")
    chosen = data[(data["_level"] == first["_level"]) & (data["_table"] == first["_table"])]
    return chosen.drop(columns=["_table", "_kind"])


__all__ = ["BUDGET_TABLE_PRIORITY", "IKU_TABLE_PRIORITY", "budget_table", "budget_total_rows",
           "first_table", "iku_of_reports", "kind_rank", "preferred_kind", "report_keys"]
