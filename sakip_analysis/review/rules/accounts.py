"""Budget tables whose levels are account codes (`2.2` Belanja Langsung → `2.2.1` Belanja
Pegawai, `2.2.3` Belanja Modal → `2.2.3.2` …), as the realisation summaries of an OPD print
them: no `Program`/`Kegiatan` words, every row read at one level, the hierarchy only in the
codes.

A coded row is checked against its own children (one code segment deeper, printed after it
in the same table and period), never its grandchildren; a `JUMLAH` row against the top-level
codes since the previous `JUMLAH` (a table may close its pendapatan and its belanja with a
total each). Rows without a figure are not in the tidy table, so an empty account counts as
zero. A total is left unchecked when a row above it carries no code (its place is unknown).
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd

from sakip_analysis.review import tolerance as tol

_CODE = r"^\d{1,2}(?:\.\d{1,3})+$"
QUANTITIES = (("pagu", "pagu"), ("realisasi", "realisasi anggaran"))


def coded_tables(b: pd.DataFrame, table: np.ndarray) -> np.ndarray:
    """Per row: whether its table (and period) is an account-code table — one level for all
    rows but totals, and at least two dotted codes."""
    code = b["code"].fillna("").astype(str).str.strip() if "code" in b else pd.Series(
        "", index=b.index)
    dotted = code.str.match(_CODE).to_numpy()
    level = b["level"].to_numpy(dtype=object)
    frame = pd.DataFrame({"t": table, "dotted": dotted,
                          "level": np.where(level == "total", None, level)})
    n_dotted = frame.groupby("t")["dotted"].transform("sum").to_numpy()
    n_levels = frame.groupby("t")["level"].transform("nunique").to_numpy()
    return (n_dotted >= 2) & (n_levels <= 1)


def _sum(rows: pd.DataFrame, col: str) -> tuple[tol.Interval, float] | None:
    values = rows[col].to_numpy(dtype=float)
    if np.isnan(values).any():
        return None
    decimals = rows[f"{col}_decimals"].to_numpy(dtype=float)
    lo, hi = tol.printed_bounds(values, decimals, exact_integers=True)
    return tol.Interval(*(Decimal(repr(float(x))) for x in (lo.sum(), hi.sum()))), float(
        values.sum())


def account_failures(b: pd.DataFrame, table: np.ndarray) -> list[tuple[int, str, str, float,
                                                                       np.ndarray, str]]:
    """(parent row, column, label, children's sum, children rows, children word) of every
    coded parent or total that differs from its own children."""
    coded = coded_tables(b, table)
    out = []
    code = b["code"].fillna("").astype(str).str.strip().to_numpy(dtype=object) if "code" in b \
        else np.full(len(b), "", dtype=object)
    level = b["level"].to_numpy(dtype=object)
    for t in np.unique(table[coded]):
        rows = np.flatnonzero(table == t)
        start = 0
        for k, i in enumerate(rows):
            if level[i] == "total":
                segment = rows[start:k]
                start = k + 1
                codes = [code[j] for j in segment]
                if not len(segment) or any(not c for c in codes):
                    continue
                depth = min(c.count(".") for c in codes)
                children = np.array([j for j in segment if code[j].count(".") == depth])
                out += _against(b, i, children, "kode teratas")
                continue
            if not code[i]:
                continue
            prefix = code[i] + "."
            children = np.array([j for j in rows if j > i and str(code[j]).startswith(prefix)
                                 and code[j].count(".") == code[i].count(".") + 1])
            if len(children):
                out += _against(b, i, children, f"kode {code[i]}.x")
    return out


def _against(b: pd.DataFrame, parent: int, children: np.ndarray, word: str
             ) -> list[tuple[int, str, str, float, np.ndarray, str]]:
    out = []
    for col, label in QUANTITIES:
        stated = b[col].iloc[parent]
        if pd.isna(stated):
            continue
        summed = _sum(b.iloc[children], col)
        if summed is None:
            continue
        interval, total = summed
        decimals = b[f"{col}_decimals"].iloc[parent]
        decimals = 0 if pd.isna(decimals) else int(decimals)
        if tol.verdict(Decimal(repr(float(stated))), decimals, interval) == \
                tol.Verdict.FAILS:
            out.append((parent, col, label, total, children, word))
    return out


__all__ = ["account_failures", "coded_tables"]
