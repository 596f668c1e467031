"""Family 5: the same quantity printed with different values in two tables of one report.

Indicators are matched by their normalised name (typos allowed, different words not),
programs and kegiatan by level and name. Among the printed values of one quantity, the value
most others agree with is taken as the reference; each value that agrees with neither it nor
its group is a finding on its own line (which table is wrong the tool cannot tell: warning).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from sakip_analysis.review import tolerance as tol
from sakip_analysis.review.context import (
    CheckContext,
    classes_compatible,
    entity_keys,
    entity_names,
    finding,
    members_by_group,
    records,
    show_pct,
)
from sakip_analysis.review.registry import rule_ids
from sakip_analysis.review.rules.ratio import wrong_capaian_rows

INDICATOR, BUDGET, EFFICIENCY_BUDGET = rule_ids(
    "indikator-antar-tabel", "anggaran-antar-tabel", "capaian-anggaran-antar-tabel")
QUANTITY_LABELS = {"target": "Target", "realisasi": "Realisasi", "capaian": "Capaian",
                   "pagu": "Pagu", "realisasi_anggaran": "Realisasi anggaran"}


PAIR_BATCH = 1_000_000
"""Value pairs compared at once: bounds the memory of the agreement count, whatever the size
of the report (a group holds one row per table, so a report of many tables makes big groups)."""


def disagreements(obs: pd.DataFrame, group: list[str]) -> pd.DataFrame:
    """Rows whose value is incompatible with the reference value of their group.

    `obs` needs: quantity, value, decimals, cls, raw, source_table(_index), source_line.
    Figures without decimals are exact except capaian (a percentage printed rounded). A
    table printing one key twice with different values is left out of that group (which row
    is meant is unclear); groups need rows from at least two tables.

    Memory is linear in the rows: rows printing the same figure are compared once (as one
    value with a weight), and the pairs of distinct values are compared in batches.
    """
    if obs.empty:
        return _no_disagreement(obs)
    obs = obs.copy()
    obs["_gid"] = obs.groupby(group, dropna=False, sort=False).ngroup()
    # Drop tables that print a key twice with different values; keep one row if equal.
    per_table = obs.groupby(["_gid", "source_table_index"])["value"].transform("nunique")
    obs = obs[per_table == 1].drop_duplicates(["_gid", "source_table_index"])
    obs["_tables"] = obs.groupby("_gid")["source_table_index"].transform("nunique")
    obs = obs[obs["_tables"] >= 2].reset_index(drop=True)
    if obs.empty:
        return _no_disagreement(obs)
    obs["_exact"] = obs["quantity"].ne("capaian") | obs["cls"].eq("count")
    obs["_score"] = _agreement_counts(obs)
    if "suspect" not in obs:
        obs["suspect"] = False
    # The reference: the value most rows agree with; on a tie, one from a row whose own
    # arithmetic holds, then the first table.
    ref = obs.sort_values(["_gid", "_score", "suspect", "source_table_index", "source_line"],
                          ascending=[True, False, True, True, True]).drop_duplicates("_gid")
    # No consensus, no finding: when three or more tables print a key and fewer than half of
    # them agree with the best-supported value, the name is more likely shared by different
    # rows (a label cut short, "Cabang Pelayanan Dinas" for every branch office) than
    # misprinted in most tables.
    ref = ref[(ref["_tables"] < 3) | (2 * ref["_score"] >= ref["_tables"])]
    obs = obs[obs["_gid"].isin(ref["_gid"])].reset_index(drop=True)
    if obs.empty:
        return _no_disagreement(obs)
    ref = ref.set_index("_gid")
    at_ref = ref.loc[obs["_gid"].to_numpy()]
    kind_ref = classes_compatible(obs["cls"], pd.Series(at_ref["cls"].to_numpy(),
                                                        index=obs.index)).to_numpy()
    agree_ref = tol.compatible_arrays(obs["value"], obs["decimals"], at_ref["value"],
                                      at_ref["decimals"], obs["_exact"].to_numpy()) & kind_ref
    # The lines that agree with the reference, seen from the reference (its own exactness).
    ref_agrees = tol.compatible_arrays(at_ref["value"], at_ref["decimals"], obs["value"],
                                       obs["decimals"], at_ref["_exact"].to_numpy()) & kind_ref
    bad = obs[~agree_ref & kind_ref].copy()
    if bad.empty:
        return _no_disagreement(bad)
    ref_lines = members_by_group(obs["_gid"].to_numpy(), ref_agrees, bad["_gid"].unique(),
                                 obs["source_line"].to_numpy())
    bad["ref_raw"] = bad["_gid"].map(ref["raw"])
    bad["ref_table"] = bad["_gid"].map(ref["source_table"])
    bad["ref_lines"] = [sorted(set(ref_lines.get(g, []))) for g in bad["_gid"].tolist()]
    return bad


def _no_disagreement(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with the columns `disagreements` adds, for when nothing disagrees."""
    return frame.assign(ref_raw=pd.Series(dtype=object), ref_lines=pd.Series(dtype=object))


def _agreement_counts(obs: pd.DataFrame) -> np.ndarray:
    """For each row, how many rows of its group (itself included) its value agrees with."""
    keys = ["_gid", "value", "decimals", "cls", "_exact"]
    flat = obs[keys].astype({"cls": object}).fillna({"cls": "\0"})
    rep_id = flat.groupby(keys, dropna=False, sort=True).ngroup().to_numpy()
    reps = obs[keys].assign(_rep=rep_id).drop_duplicates("_rep").sort_values("_rep")
    reps["_weight"] = np.bincount(rep_id, minlength=len(reps))
    reps = reps.sort_values(["_gid", "_rep"]).reset_index(drop=True)
    size = reps.groupby("_gid")["_rep"].transform("size").to_numpy()
    score = np.zeros(len(reps), dtype=np.int64)
    bounds = np.searchsorted(np.cumsum(size), np.arange(PAIR_BATCH, size.sum(), PAIR_BATCH))
    for lo, hi in zip([0, *bounds.tolist()], [*bounds.tolist(), len(reps)], strict=True):
        if lo >= hi:
            continue
        left = reps.iloc[lo:hi]
        right = reps[reps["_gid"].isin(left["_gid"].unique())]
        pairs = left.reset_index().merge(right, on="_gid", suffixes=("", "_o"))
        agree = tol.compatible_arrays(pairs["value"], pairs["decimals"], pairs["value_o"],
                                      pairs["decimals_o"], pairs["_exact"].to_numpy())
        agree &= classes_compatible(pairs["cls"], pairs["cls_o"]).to_numpy()
        counts = np.bincount(pairs["index"].to_numpy(), weights=agree * pairs["_weight_o"],
                             minlength=len(reps))
        score += counts.astype(np.int64)
    per_rep = pd.Series(score, index=reps["_rep"].to_numpy())
    return per_rep.reindex(rep_id).to_numpy()


def _indicator_suspects(ctx: CheckContext, obs: pd.DataFrame) -> np.ndarray:
    """Figures on a row whose own capaian does not follow from its target and realisasi."""
    bad = wrong_capaian_rows(ctx)
    return np.array([(f, ln) in bad for f, ln in zip(
        obs["source_file"].to_numpy(dtype=object), obs["source_line"].to_numpy(dtype=object),
        strict=True)], dtype=bool) if bad else np.zeros(len(obs), dtype=bool)


def _indicators(ctx: CheckContext) -> list[dict[str, Any]]:
    obs = ctx.observations()
    if obs.empty:
        return []
    obs = obs.assign(suspect=_indicator_suspects(ctx, obs))
    bad = disagreements(obs, ["source_file", "period_year", "tier", "key", "quantity"])
    out = []
    for row in records(bad):
        label = QUANTITY_LABELS[row["quantity"]]
        year = f" tahun {int(row['period_year'])}" if row["period_year"] != row["year"] else ""
        message = (f"{label} {row['indicator']}{year} tertulis {row['raw']}, sedangkan di "
                   f"{row['ref_table']} {row['ref_raw']}")
        out.append(finding(INDICATOR, row, message, reported=row["raw"],
                           expected=row["ref_raw"], related=row["ref_lines"]))
    return out


def entity_canon(ctx: CheckContext) -> dict[str, dict[str, str]]:
    """Canonical program/kegiatan names over the budget and efficiency tables of all reports."""
    return ctx.memo("entity_canon", lambda: entity_names(
        [ctx.frame("budget")[["level", "name"]], ctx.frame("efficiency")[["level", "name"]]]))


def budget_observations(ctx: CheckContext) -> pd.DataFrame:
    """Pagu and realisasi of each program/kegiatan/total row, keyed for matching."""
    def build() -> pd.DataFrame:
        b = ctx.frame("budget")
        if b.empty:
            return pd.DataFrame()
        b = b.sort_values(["source_file", "source_table_index", "source_line"], kind="stable")
        # A row without a name cannot be found in another table (only totals need none).
        named = b["name"].fillna("").astype(str).str.strip().ne("") | (b["level"] == "total")
        b = b[named]
        one_total = b[b["level"] == "total"].groupby(["source_file", "source_table_index"]).size()
        b = b.assign(entity=entity_keys(b, entity_canon(ctx)))
        multi = b.set_index(["source_file", "source_table_index"]).index.isin(
            one_total[one_total > 1].index)
        b = b[~(multi & (b["level"] == "total").to_numpy())]
        # A row whose serapan does not follow from its pagu and realisasi is the likelier
        # wrong one when two tables disagree.
        p_lo, p_hi = tol.printed_bounds(b["pagu"], b["pagu_decimals"], exact_integers=True)
        r_lo, r_hi = tol.printed_bounds(b["realisasi"], b["realisasi_decimals"],
                                        exact_integers=True)
        lo, hi = tol.ratio_bounds(r_lo, r_hi, p_lo, p_hi)
        suspect = tol.verdicts(b["serapan_reported"], b["serapan_reported_decimals"], lo * 100,
                               hi * 100) == tol.Verdict.FAILS
        parts = []
        for q, col in (("pagu", "pagu"), ("realisasi_anggaran", "realisasi")):
            part = b[["source_file", "source_table", "source_table_index", "source_page",
                      "source_line", "kecamatan", "year", "level", "name", "entity"]].copy()
            part["quantity"] = q
            part["value"] = b[col]
            part["raw"] = b[f"{col}_raw"]
            part["decimals"] = b[f"{col}_decimals"].fillna(0).astype(int)
            part["cls"] = "plain"
            part["suspect"] = suspect
            parts.append(part[part["value"].notna()])
        return pd.concat(parts, ignore_index=True)
    return ctx.memo("budget_observations", build)


def _budget(ctx: CheckContext) -> list[dict[str, Any]]:
    obs = budget_observations(ctx)
    if obs.empty:
        return []
    bad = disagreements(obs, ["source_file", "entity", "quantity"])
    out = []
    for row in records(bad):
        label = QUANTITY_LABELS[row["quantity"]]
        who = "total" if row["level"] == "total" else f"{row['level']} {row['name']}"
        message = (f"{label} {who} tertulis {row['raw']}, sedangkan di {row['ref_table']} "
                   f"{row['ref_raw']}")
        out.append(finding(BUDGET, row, message, reported=row["raw"], expected=row["ref_raw"],
                           related=row["ref_lines"]))
    return out


def _efficiency_budget(ctx: CheckContext) -> list[dict[str, Any]]:
    """Capaian anggaran of the efficiency table against realisasi/pagu of the same entity in
    the budget tables; silent when it matches any of them. The efficiency table's total row
    is left out: reports compute it "per kegiatan", not from the JUMLAH row."""
    e = ctx.frame("efficiency")
    b = ctx.frame("budget")
    e = e[e["capaian_anggaran"].gt(0) & (e["level"] != "total")]
    b = b[b["period"].isna() & b["pagu"].gt(0) & b["realisasi"].ge(0)]
    if e.empty or b.empty:
        return []
    canon = entity_canon(ctx)
    e = e.sort_values(["source_file", "source_table_index", "source_line"], kind="stable")
    e = e.assign(entity=entity_keys(e, canon))
    b = b.sort_values(["source_file", "source_table_index", "source_line"], kind="stable")
    b = b.assign(entity=entity_keys(b, canon))
    p_lo, p_hi = tol.printed_bounds(b["pagu"], b["pagu_decimals"], exact_integers=True)
    r_lo, r_hi = tol.printed_bounds(b["realisasi"], b["realisasi_decimals"],
                                    exact_integers=True)
    lo, hi = tol.ratio_bounds(r_lo, r_hi, p_lo, p_hi)
    b = b.assign(_lo=lo * 100, _hi=hi * 100)
    # Each efficiency row against the distinct budget figures of its entity (not every budget
    # row: a report repeating a table would make that quadratic); the message names the first.
    key = ["source_file", "source_table_index", "source_line"]
    first = b.drop_duplicates(["source_file", "entity"])[
        ["source_file", "entity", "source_table", "pagu_raw", "realisasi_raw"]]
    bounds = b.drop_duplicates(["source_file", "entity", "_lo", "_hi"])[
        ["source_file", "entity", "_lo", "_hi"]]
    m = e.reset_index(drop=True).reset_index(names="_e").merge(
        bounds, on=["source_file", "entity"])
    if m.empty:
        return []
    verdict = tol.verdicts(m["capaian_anggaran"], m["capaian_anggaran_decimals"], m["_lo"],
                           m["_hi"])
    ok_any = pd.Series(verdict != tol.Verdict.FAILS, index=m.index).groupby(m["_e"]).any()
    failing = m[~m["_e"].map(ok_any)].drop_duplicates("_e").drop(columns=["_lo", "_hi"])
    bad = failing.drop_duplicates(key).merge(first, on=["source_file", "entity"],
                                             suffixes=("", "_b"))
    lines: dict[tuple[Any, ...], list[Any]] = {}
    members = b[b.set_index(["source_file", "entity"]).index.isin(
        bad.set_index(["source_file", "entity"]).index)]
    for f, ent, line in zip(members["source_file"].to_numpy(dtype=object),
                            members["entity"].to_numpy(dtype=object),
                            members["source_line"].to_numpy(dtype=object), strict=True):
        lines.setdefault((f, ent), []).append(line)
    value_of = m.drop_duplicates("_e").set_index("_e")
    bad = bad.assign(_lo=bad["_e"].map(value_of["_lo"]), _hi=bad["_e"].map(value_of["_hi"]))
    out = []
    for row in records(bad):
        d = max(int(row["capaian_anggaran_decimals"] or 0), 2)
        value = (row["_lo"] + row["_hi"]) / 2
        message = (f"Capaian anggaran {row['name'] or row['indicator']} tertulis "
                   f"{row['capaian_anggaran_raw']}, tetapi di {row['source_table_b']} "
                   f"{row['realisasi_raw']} / {row['pagu_raw']} × 100 = {show_pct(value, d)}")
        out.append(finding(EFFICIENCY_BUDGET, row, message,
                           reported=row["capaian_anggaran_raw"], expected=show_pct(value, d),
                           related=lines.get((row["source_file"], row["entity"]), [])))
    return out


def check_cross_tables(ctx: CheckContext) -> list[dict[str, Any]]:
    """R501–R503 over every report at once."""
    return _indicators(ctx) + _budget(ctx) + _efficiency_budget(ctx)

