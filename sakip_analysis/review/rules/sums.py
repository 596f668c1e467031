"""Family 3: parents against the sum of their children, decided by the table's structure.

Which rows must add up is read from the levels, never found by trying value combinations: a
program's children are the kegiatan rows after it until the next program or sasaran; a
sasaran's children are the programs under it; JUMLAH is the sum of the sasaran when those
carry budgets, else of the programs (else of the kegiatan). A second indicator row of the
same kegiatan that only repeats its amounts is not counted twice. SAKIP components add up to
their total and none exceeds its weight; Perjanjian Kinerja programs add up to its total.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from sakip_analysis.review import tolerance as tol
from sakip_analysis.review.context import (
    CheckContext,
    finding,
    members_by_group,
    records,
    show,
    show_rp,
)
from sakip_analysis.review.registry import rule_ids

KEGIATAN, PROGRAM, TOTAL, SAKIP_TOTAL, ABOVE_WEIGHT, WEIGHTS, PK_TOTAL = rule_ids(
    "jumlah-kegiatan", "jumlah-program", "jumlah-total", "jumlah-komponen-sakip",
    "komponen-melebihi-bobot", "jumlah-bobot", "jumlah-perjanjian-kinerja")
QUANTITIES = (("pagu", "pagu"), ("realisasi", "realisasi anggaran"))
_LEVEL_WORD = {"program": "program", "sasaran": "sasaran", "total": "total",
               "kegiatan": "kegiatan"}


_BUDGET_COLUMNS = ["source_file", "source_table", "source_table_index", "source_page",
                   "source_line", "kecamatan", "year", "period", "level", "name", "pagu",
                   "pagu_raw", "pagu_decimals", "realisasi", "realisasi_raw",
                   "realisasi_decimals", "continues_above"]


def _budget_rows(ctx: CheckContext) -> pd.DataFrame:
    """Budget rows in document order without rows that are no separate parent or child:
    second indicators of a program/sasaran, and rows repeating the amounts of the row above."""
    b = ctx.frame("budget")
    if b.empty:
        return b
    cols = [c for c in _BUDGET_COLUMNS if c in b.columns]
    b = b[cols].assign(_period=b["period"].fillna(""))
    b = b.sort_values(["source_file", "source_table_index", "_period", "source_line"],
                      kind="stable").reset_index(drop=True)
    cont = (b["continues_above"].fillna(False).astype(bool) if "continues_above" in b
            else pd.Series(False, index=b.index)).to_numpy()
    table = _table_ids(b)
    same_table = np.r_[False, table[1:] == table[:-1]]
    pagu, real = b["pagu"].to_numpy(dtype=float), b["realisasi"].to_numpy(dtype=float)
    prev_pagu, prev_real = np.r_[np.nan, pagu[:-1]], np.r_[np.nan, real[:-1]]
    repeat = cont & same_table & ((pagu == prev_pagu) | np.isnan(pagu)) & (
        (real == prev_real) | np.isnan(real))
    parent_cont = cont & b["level"].isin(["program", "sasaran", "total"]).to_numpy()
    return b[~(repeat | parent_cont)].reset_index(drop=True)


def _table_ids(b: pd.DataFrame) -> np.ndarray:
    return b.groupby(["source_file", "source_table_index", "_period"], sort=False,
                     dropna=False).ngroup().to_numpy()


def _block_sums(block: np.ndarray, child: np.ndarray, values: np.ndarray,
                decimals: np.ndarray) -> dict[str, np.ndarray]:
    """Per block id: sum, interval of the sum, count of children with and without a value."""
    n = int(block.max()) + 1 if len(block) else 0
    lo, hi = tol.printed_bounds(np.nan_to_num(values), decimals, exact_integers=True)
    has = child & ~np.isnan(values)
    return {
        "sum": np.bincount(block, weights=np.where(has, values, 0.0), minlength=n),
        "lo": np.bincount(block, weights=np.where(has, lo, 0.0), minlength=n),
        "hi": np.bincount(block, weights=np.where(has, hi, 0.0), minlength=n),
        "n": np.bincount(block, weights=has.astype(float), minlength=n),
        "missing": np.bincount(block, weights=(child & np.isnan(values)).astype(float),
                               minlength=n),
    }


def _compare(b: pd.DataFrame, parent: np.ndarray, child: np.ndarray, block: np.ndarray,
             rule: str, child_word: np.ndarray | str) -> list[dict[str, Any]]:
    """Parent rows against the sum of the child rows of their block, per quantity."""
    out = []
    words = np.broadcast_to(np.asarray(child_word, dtype=object), parent.shape)
    for col, label in QUANTITIES:
        values = b[col].to_numpy(dtype=float)
        decimals = b[f"{col}_decimals"].to_numpy(dtype=float)
        sums = _block_sums(block, child, values, decimals)
        at = block[parent]
        ok = (sums["n"][at] > 0) & (sums["missing"][at] == 0) & ~np.isnan(values[parent])
        verdict = np.full(parent.sum(), tol.Verdict.HOLDS, dtype=np.int8)
        verdict[ok] = tol.verdicts(values[parent][ok], decimals[parent][ok],
                                   sums["lo"][at][ok], sums["hi"][at][ok])
        rows = np.flatnonzero(parent)[verdict == tol.Verdict.FAILS]
        related = members_by_group(block, child, block[rows], b["source_line"].to_numpy())
        for i, row in zip(rows, records(b.iloc[rows]), strict=True):
            total = sums["sum"][block[i]]
            lines = related.get(int(block[i]), [])
            level = _LEVEL_WORD.get(row["level"], row["level"])
            name = "" if row["level"] == "total" else f" {row['name']}"
            message = (f"Jumlah {label} {words[i]} {show_rp(total)} tidak sama dengan "
                       f"{label} {level}{name} {show_rp(row[col])} "
                       f"(selisih {show_rp(abs(row[col] - total))})")
            out.append(finding(rule, row, message, reported=row[f"{col}_raw"],
                               expected=show(total, 0), related=lines))
    return out


def _budget_sums(ctx: CheckContext) -> list[dict[str, Any]]:
    b = _budget_rows(ctx)
    if b.empty:
        return []
    level = b["level"].to_numpy()
    table = _table_ids(b)
    starts = np.r_[True, table[1:] != table[:-1]]
    program, kegiatan = level == "program", level == "kegiatan"
    sasaran, total = level == "sasaran", level == "total"
    # Each program/sasaran/total row opens a block of kegiatan; each sasaran/total a block
    # of programs (rows are in document order, tables contiguous).
    k_block = np.cumsum(program | sasaran | total | starts)
    p_block = np.cumsum(sasaran | total | starts)
    out = _compare(b, program, kegiatan, k_block, KEGIATAN, "kegiatan")
    out += _compare(b, sasaran, program, p_block, PROGRAM, "program")
    out += _totals(b, table, level)
    return out


def _totals(b: pd.DataFrame, table: np.ndarray, level: np.ndarray) -> list[dict[str, Any]]:
    """JUMLAH rows: against the sasaran if all carry a pagu, else the programs, else the
    kegiatan printed above them; only annual tables with a single total row."""
    n = int(table.max()) + 1
    total = level == "total"
    annual = (b["_period"] == "").to_numpy()
    n_totals = np.bincount(table, weights=total.astype(float), minlength=n)
    single = annual & (n_totals[table] == 1)
    position = np.arange(len(b))
    total_pos = np.full(n, -1)
    total_pos[table[total & single]] = position[total & single]
    above = single & (position < total_pos[table])
    pagu_missing = np.isnan(b["pagu"].to_numpy(dtype=float))

    def count(mask: np.ndarray) -> np.ndarray:
        return np.bincount(table, weights=mask.astype(float), minlength=n)

    sasaran_n = count(above & (level == "sasaran"))
    sasaran_unfunded = count(above & (level == "sasaran") & pagu_missing)
    program_n = count(above & (level == "program"))
    child_level = np.where((sasaran_n > 0) & (sasaran_unfunded == 0), "sasaran",
                           np.where(program_n > 0, "program", "kegiatan"))
    child = above & (level == child_level[table])
    parent = total & single
    return _compare(b, parent, child, table, TOTAL, child_level[table])


def _single_total(frame: pd.DataFrame, is_total: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Table ids of the rows, and per table the position of its only total row (−1 if it has
    none or several)."""
    table = frame.groupby(["source_file", "source_table_index"], sort=False).ngroup().to_numpy()
    n = int(table.max()) + 1 if len(table) else 0
    count = np.bincount(table, weights=is_total.astype(float), minlength=n)
    pos = np.full(n, -1)
    idx = np.flatnonzero(is_total)
    pos[table[idx]] = idx
    pos[count != 1] = -1
    return table, pos


def _sakip(ctx: CheckContext) -> list[dict[str, Any]]:
    s = ctx.frame("sakip_components")
    if s.empty:
        return []
    s = s.reset_index(drop=True)
    out = []
    comp = (s["level"] == "komponen").to_numpy()
    nilai = s["nilai"].to_numpy(dtype=float)
    bobot = s["bobot"].to_numpy(dtype=float)
    # A component above its weight (weights are percentage points of the total score).
    n_lo, _ = tol.printed_bounds(nilai, s["nilai_decimals"])
    _, b_hi = tol.printed_bounds(bobot, s["bobot_decimals"], exact_integers=True)
    over = comp & ~np.isnan(nilai) & ~np.isnan(bobot) & (n_lo > b_hi + tol.EPSILON)
    for row in records(s[over]):
        out.append(finding(ABOVE_WEIGHT, row,
                           f"Nilai komponen {row['component']} {row['nilai_raw']} melebihi "
                           f"bobotnya {row['bobot_raw']}", reported=row["nilai_raw"],
                           expected=f"≤ {show(row['bobot'], 2)}"))
    table, total_pos = _single_total(s, (s["level"] == "total").to_numpy())
    n = len(total_pos)
    lo, hi = tol.printed_bounds(np.nan_to_num(nilai), s["nilai_decimals"])

    def per_table(values: np.ndarray) -> np.ndarray:
        return np.bincount(table[comp], weights=values[comp], minlength=n)

    count = per_table(np.ones(len(s)))
    missing = per_table(np.isnan(nilai).astype(float))
    sum_lo, sum_hi, total_sum = per_table(lo), per_table(hi), per_table(np.nan_to_num(nilai))
    has = (total_pos >= 0) & (count > 0) & (missing == 0)
    tables = np.flatnonzero(has)
    at = total_pos[tables]
    verdict = tol.verdicts(nilai[at], s["nilai_decimals"].to_numpy(dtype=float)[at],
                           sum_lo[tables], sum_hi[tables])
    lines = s["source_line"].to_numpy()
    bad_t, bad_i = tables[verdict == tol.Verdict.FAILS], at[verdict == tol.Verdict.FAILS]
    raws = members_by_group(table, comp, bad_t, s["nilai_raw"].to_numpy(dtype=object))
    member_lines = members_by_group(table, comp, bad_t, lines)
    for t, row in zip(bad_t, records(s.iloc[bad_i]), strict=True):
        d = max(int(row["nilai_decimals"] or 0), 2)
        parts = " + ".join(str(r) for r in raws[int(t)])
        out.append(finding(SAKIP_TOTAL, row, f"Nilai SAKIP {row['nilai_raw']} tidak sama dengan "
                           f"jumlah komponennya {parts} = {show(total_sum[t], d)}",
                           reported=row["nilai_raw"], expected=show(total_sum[t], d),
                           related=member_lines[int(t)]))
    weights = per_table(np.nan_to_num(bobot))
    weight_missing = per_table(np.isnan(bobot).astype(float))
    wrong = np.flatnonzero((count >= 2) & (weight_missing == 0) & (np.abs(weights - 100) > 1e-6))
    positions = members_by_group(table, comp, wrong, np.arange(len(s)))
    for t in wrong:
        members = positions[int(t)]
        row = records(s.iloc[[members[0]]])[0]
        out.append(finding(WEIGHTS, row, f"Bobot komponen SAKIP berjumlah {show(weights[t], 0)}%, "
                           "bukan 100%", reported=show(weights[t], 0) + "%", expected="100%",
                           related=lines[members]))
    return out


def _perjanjian(ctx: CheckContext) -> list[dict[str, Any]]:
    pk = ctx.frame("perjanjian_kinerja")
    if pk.empty:
        return []
    pk = pk.reset_index(drop=True)
    is_total = (pk["level"] == "total").to_numpy()
    table, total_pos = _single_total(pk, is_total)
    n = len(total_pos)
    anggaran = pk["anggaran"].to_numpy(dtype=float)
    position = np.arange(len(pk))
    child = ~is_total & ~np.isnan(anggaran) & (total_pos[table] >= 0) & (
        position < total_pos[table])
    after = ~is_total & ~np.isnan(anggaran) & (total_pos[table] >= 0) & (
        position > total_pos[table])
    lo, hi = tol.printed_bounds(np.nan_to_num(anggaran), pk["anggaran_decimals"],
                                exact_integers=True)

    def per_table(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return np.bincount(table[mask], weights=values[mask], minlength=n)

    count = per_table(np.ones(len(pk)), child)
    later = per_table(np.ones(len(pk)), after)
    tables = np.flatnonzero((total_pos >= 0) & (count > 0) & (later == 0))
    at = total_pos[tables]
    ok = ~np.isnan(anggaran[at])
    tables, at = tables[ok], at[ok]
    sums = per_table(np.nan_to_num(anggaran), child)
    verdict = tol.verdicts(anggaran[at], pk["anggaran_decimals"].to_numpy(dtype=float)[at],
                           per_table(lo, child)[tables], per_table(hi, child)[tables])
    bad_t, bad_i = tables[verdict == tol.Verdict.FAILS], at[verdict == tol.Verdict.FAILS]
    lines = members_by_group(table, child, bad_t, pk["source_line"].to_numpy())
    out = []
    for t, row in zip(bad_t, records(pk.iloc[bad_i]), strict=True):
        out.append(finding(PK_TOTAL, row, f"Jumlah anggaran program Perjanjian Kinerja "
                           f"{show_rp(sums[t])} tidak sama dengan totalnya {row['anggaran_raw']}",
                           reported=row["anggaran_raw"], expected=show(sums[t], 0),
                           related=lines.get(int(t), [])))
    return out


def check_sums(ctx: CheckContext) -> list[dict[str, Any]]:
    """R301–R307 over every report at once."""
    return _budget_sums(ctx) + _sakip(ctx) + _perjanjian(ctx)
