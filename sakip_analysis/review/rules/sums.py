"""Family 3: parents against the sum of their children, decided by the table's structure.

Which rows must add up is read from the levels, never found by trying value combinations,
and level by level — a parent against its OWN children only, never its grandchildren: a
kegiatan's children are the sub-kegiatan rows after it until the next kegiatan, program or
sasaran; a program's children are the kegiatan after it until the next program or sasaran
(sub-kegiatan are never added into a program beside their kegiatan); a sasaran's children
are the programs under it. The total row (JUMLAH, TOTAL, or the instansi's own name, as
extraction marks it with level "total") is the sum of the sasaran when those carry budgets,
else of the programs (else of the kegiatan) printed above it — or below it, when the form
prints the instansi's total first. Each table and each period (TW I, TW II …) is summed on
its own. A child printed `-` counts as zero; a blank child leaves its parent unchecked. A
second indicator row of the same kegiatan that only repeats its amounts is not counted
twice. SAKIP components add up to their total and none exceeds its weight; Perjanjian
Kinerja programs add up to its total.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from sakip_analysis.read.tables.kinds import UNRECOGNISED
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
from sakip_analysis.review.rules.accounts import account_failures, coded_tables
from sakip_analysis.review.rules.columns import column_sums

(KEGIATAN, PROGRAM, TOTAL, SAKIP_TOTAL, ABOVE_WEIGHT, WEIGHTS, PK_TOTAL, SUBKEGIATAN,
 UNCERTAIN, ACCOUNTS) = rule_ids(
    "jumlah-kegiatan", "jumlah-program", "jumlah-total", "jumlah-komponen-sakip",
    "komponen-melebihi-bobot", "jumlah-bobot", "jumlah-perjanjian-kinerja",
    "jumlah-subkegiatan", "jumlah-tingkat-tidak-pasti", "jumlah-rekening")
QUANTITIES = (("pagu", "pagu"), ("realisasi", "realisasi anggaran"))
_LEVEL_WORD = {"program": "program", "sasaran": "sasaran", "total": "total",
               "kegiatan": "kegiatan", "subkegiatan": "sub-kegiatan"}
_DASH = {"-", "–", "—", "--"}
"""A child printed as a dash is zero on the realisation forms; a blank cell is unknown."""


_BUDGET_COLUMNS = ["source_file", "source_table", "source_table_index", "source_page",
                   "source_line", "kecamatan", "year", "period", "level", "name", "pagu",
                   "pagu_raw", "pagu_decimals", "realisasi", "realisasi_raw",
                   "realisasi_decimals", "continues_above", "code"]


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


@dataclass
class _Failure:
    """A parent whose own children do not add up to it, in one quantity."""

    i: int                # the parent's row in the budget frame
    col: str
    label: str
    total: float          # the children's sum
    children: np.ndarray  # the children's rows, in document order
    rule: str
    word: str             # the children's level, for the message
    doubt: str = ""       # why the levels cannot be trusted here (→ info, not error)


def _compare(b: pd.DataFrame, parent: np.ndarray, child: np.ndarray, block: np.ndarray,
             rule: str, child_word: np.ndarray | str) -> list[_Failure]:
    """Parent rows against the sum of the child rows of their block, per quantity."""
    out = []
    words = np.broadcast_to(np.asarray(child_word, dtype=object), parent.shape)
    for col, label in QUANTITIES:
        values = _child_values(b, col)
        parent_values = b[col].to_numpy(dtype=float)
        decimals = b[f"{col}_decimals"].to_numpy(dtype=float)
        sums = _block_sums(block, child, values,
                           np.where(np.isnan(parent_values) & ~np.isnan(values), 0.0,
                                    decimals))
        at = block[parent]
        ok = (sums["n"][at] > 0) & (sums["missing"][at] == 0) & ~np.isnan(parent_values[parent])
        verdict = np.full(parent.sum(), tol.Verdict.HOLDS, dtype=np.int8)
        verdict[ok] = tol.verdicts(parent_values[parent][ok], decimals[parent][ok],
                                   sums["lo"][at][ok], sums["hi"][at][ok])
        rows = np.flatnonzero(parent)[verdict == tol.Verdict.FAILS]
        for i in rows:
            members = np.flatnonzero(child & (block == block[i]))
            out.append(_Failure(int(i), col, label, float(sums["sum"][block[i]]), members,
                                rule, str(words[i])))
    return out


def _child_values(b: pd.DataFrame, col: str) -> np.ndarray:
    """Amounts as children count them: a dash is zero, a blank stays unknown (NaN)."""
    values = b[col].to_numpy(dtype=float)
    dash = b[f"{col}_raw"].fillna("").str.strip().isin(_DASH).to_numpy()
    return np.where(dash & np.isnan(values), 0.0, values)


def _same(a: float, b: float) -> bool:
    return bool(abs(a - b) <= 1.0)  # rupiah amounts: equal up to a rupiah


def _doubts(b: pd.DataFrame, failures: list[_Failure], continued: set[tuple[str, Any]]) -> None:
    """Mark the failures whose levels cannot be trusted, so they are said at info level.

    - A run at the end of the children whose first row equals the sum of the rest, while
      the rows before it add up to the parent: that first row is a parent one level up
      (e.g. a kegiatan read as a sub-kegiatan), not a child.
    - A parent one level up that misses exactly such a row.
    - Children that add up to less than half or more than twice their parent: a slip of
      the writer does not look like that; unread rows or mixed levels do.
    - Children that fall short while they run to the end of a table that the document
      continues in a table not read as its continuation.
    """
    names = b["name"].to_numpy(dtype=object)
    lines = b["source_line"].to_numpy(dtype=object)
    suspects: list[tuple[int, str, float]] = []
    for f in failures:
        values = _child_values(b, f.col)
        kids = values[f.children]
        parent_value = float(b[f.col].iloc[f.i])
        for k in range(1, len(kids) - 1):
            if _same(kids[k], float(np.nansum(kids[k + 1:]))) and _same(
                    parent_value, float(np.nansum(kids[:k]))):
                head = int(f.children[k])
                f.doubt = (f"baris {lines[head]} ({names[head]}) sama dengan jumlah baris "
                           "sesudahnya, jadi tampaknya satu tingkat lebih tinggi dan bukan "
                           f"{f.word}")
                suspects.append((head, f.col, float(kids[k])))
                break
    tables = _table_ids(b)
    for f in failures:
        if f.doubt:
            continue
        parent_value = float(b[f.col].iloc[f.i])
        gap = parent_value - f.total
        for head, col, value in suspects:
            if col == f.col and tables[head] == tables[f.i] and _same(abs(gap), value):
                f.doubt = (f"selisihnya sama dengan baris {lines[head]} ({names[head]}), yang "
                           "tampaknya salah tingkat")
                break
        if f.doubt:
            continue
        if parent_value > 0 and not 0.5 <= f.total / parent_value <= 2:
            f.doubt = ("anak-anaknya berjumlah kurang dari separuh atau lebih dari dua kali "
                       "induknya, jadi baris-baris tabel ini tampaknya tidak terbaca lengkap "
                       "atau tingkatnya tercampur")
            continue
        if gap <= 0 or not len(f.children):
            continue
        last_of_table = np.flatnonzero(tables == tables[f.i]).max()
        key = (b["source_file"].iloc[f.i], b["source_table_index"].iloc[f.i])
        if f.children.max() == last_of_table and key in continued:
            f.doubt = ("anak-anaknya berlanjut sampai akhir tabel, dan tabel sesudahnya dalam "
                       "dokumen tidak terbaca sebagai lanjutannya")


def _findings(b: pd.DataFrame, failures: list[_Failure]) -> list[dict[str, Any]]:
    out = []
    for f in failures:
        row = records(b.iloc[[f.i]])[0]
        level = ("rekening" if f.rule == ACCOUNTS and row["level"] != "total"
                 else _LEVEL_WORD.get(row["level"], row["level"]))
        own = row["name"] if isinstance(row["name"], str) else ""
        generic = row["level"] == "total" and own.strip().lower() in ("", "jumlah", "total")
        name = "" if generic else f" {own}"
        period = row.get("period")
        when = f" pada {period}" if isinstance(period, str) and period else ""
        message = (f"Jumlah {f.label}{when} {f.word} {show_rp(f.total)} tidak sama dengan "
                   f"{f.label} {level}{name} {show_rp(row[f.col])} "
                   f"(selisih {show_rp(abs(row[f.col] - f.total))})")
        rule = f.rule
        if f.doubt:
            rule = UNCERTAIN
            message += f"; belum tentu salah: {f.doubt}"
        out.append(finding(rule, row, message, reported=row[f"{f.col}_raw"],
                           expected=show(f.total, 0),
                           related=b["source_line"].to_numpy(dtype=object)[f.children]))
    return out


def _continued_tables(ctx: CheckContext) -> set[tuple[str, Any]]:
    """(file, table index) of tables directly followed in their document by a table that no
    kind fits (often the same table over the next pages, its header not repeated)."""
    tables = ctx.frame("tables")
    if tables.empty:
        return set()
    t = tables.sort_values(["source_file", "source_table_index"], kind="stable")
    nxt_kind = t.groupby("source_file")["table_kind"].shift(-1)
    mask = (nxt_kind == UNRECOGNISED).to_numpy()
    return set(zip(t["source_file"].to_numpy()[mask], t["source_table_index"].to_numpy()[mask],
                   strict=True))


def _budget_sums(ctx: CheckContext) -> list[dict[str, Any]]:
    b = _budget_rows(ctx)
    if b.empty:
        return []
    level = b["level"].to_numpy()
    table = _table_ids(b)
    starts = np.r_[True, table[1:] != table[:-1]]
    program, kegiatan = level == "program", level == "kegiatan"
    sasaran, total = level == "sasaran", level == "total"
    sub = level == "subkegiatan"
    # Each row opens a block of the level just below it and closes the blocks of every
    # level below (rows are in document order, tables contiguous): a parent is summed over
    # its own children only.
    s_block = np.cumsum(kegiatan | program | sasaran | total | starts)
    k_block = np.cumsum(program | sasaran | total | starts)
    p_block = np.cumsum(sasaran | total | starts)
    failures = _compare(b, kegiatan, sub, s_block, SUBKEGIATAN, "sub-kegiatan")
    failures += _compare(b, program, kegiatan, k_block, KEGIATAN, "kegiatan")
    failures += _compare(b, sasaran, program, p_block, PROGRAM, "program")
    coded = coded_tables(b, table)
    failures += _totals(b, table, np.where(coded, "", level))
    failures += [_Failure(i, col, label, total, children, ACCOUNTS, word) for
                 i, col, label, total, children, word in account_failures(b, table)]
    _doubts(b, failures, _continued_tables(ctx))
    return _findings(b, failures)


def _totals(b: pd.DataFrame, table: np.ndarray, level: np.ndarray) -> list[_Failure]:
    """Total rows: against the sasaran if all carry a pagu, else the programs, else the
    kegiatan printed above them (or below them when the total is the table's first row, as
    the realisation forms print the instansi's line); tables (per period) with one total."""
    n = int(table.max()) + 1
    total = level == "total"
    n_totals = np.bincount(table, weights=total.astype(float), minlength=n)
    single = n_totals[table] == 1
    position = np.arange(len(b))
    total_pos = np.full(n, -1)
    total_pos[table[total & single]] = position[total & single]
    first = np.full(n, len(b))
    np.minimum.at(first, table, position)
    leads = total_pos == first  # the total opens its table: its children follow it
    above = single & np.where(leads[table], position > total_pos[table],
                              position < total_pos[table])
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
    """R301–R311 over every report at once (R310, tables no kind fits: `rules/columns.py`;
    R311, account-code tables: `rules/accounts.py`)."""
    return _budget_sums(ctx) + _sakip(ctx) + _perjanjian(ctx) + column_sums(ctx)
