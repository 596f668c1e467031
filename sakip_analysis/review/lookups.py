"""Look-ups that sentence rules link their claims to, built for all reports at once.

Sentence rules run in two passes: first they collect what their sentences name (an indicator
key, a rupiah amount), then they ask here for just those rows, so the per-report Python work
stays proportional to the claims, not to the size of the tables.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from sakip_analysis.review import matching
from sakip_analysis.review import tolerance as tol
from sakip_analysis.review.context import CheckContext, records
from sakip_analysis.review.rules.averages import row_intervals
from sakip_analysis.review.rules.ratio import capaian_intervals

IKU_KINDS = ("iku", "renstra")


@dataclass(frozen=True)
class Figure:
    """A printed figure in a table: exact value, decimals shown, raw text, line and table."""

    value: Decimal
    decimals: int
    raw: str
    line: int | None
    table: str | None = None


@lru_cache(maxsize=65536)
def _exact(value: float, decimals: int) -> Decimal:
    return Decimal(repr(value)).quantize(tol.unit(decimals))


def figure(value: Any, decimals: Any, raw: Any, line: Any, table: Any = None) -> Figure | None:
    if value is None or pd.isna(value):
        return None
    d = 0 if decimals is None or pd.isna(decimals) else int(decimals)
    return Figure(_exact(float(value), d), d,
                  str(raw) if isinstance(raw, str) else str(value),
                  None if line is None or pd.isna(line) else int(line),
                  table if isinstance(table, str) else None)


def _interval(lo: float, hi: float) -> tol.Interval:
    return tol.Interval(Decimal(repr(float(lo))), Decimal(repr(float(hi))))


def report_keys(ctx: CheckContext) -> dict[str, tuple[str, ...]]:
    """file → every indicator key of the report (any period), longest first."""
    def build() -> dict[str, tuple[str, ...]]:
        obs = ctx.observations()
        f_codes, files = pd.factorize(obs["source_file"].to_numpy(dtype=object))
        k_codes, keys = pd.factorize(obs["key"].to_numpy(dtype=object))
        pairs = np.unique(f_codes.astype(np.int64) * (len(keys) + 1) + k_codes)
        out: dict[str, list[str]] = defaultdict(list)
        for f, k in zip((pairs // (len(keys) + 1)).tolist(), (pairs % (len(keys) + 1)).tolist(),
                        strict=True):
            out[files[f]].append(keys[k])
        # Equal key lists share one tuple, so look-ups cached on (text, keys) hit across reports.
        shared: dict[tuple[str, ...], tuple[str, ...]] = {}
        result = {}
        for f, keys in out.items():
            ordered = tuple(sorted(keys, key=lambda k: (-len(k), k)))
            result[f] = shared.setdefault(ordered, ordered)
        return result
    return ctx.memo("lookup:keys", build)


def mentioned_keys(text: str, keys: tuple[str, ...] | list[str]) -> list[str]:
    """Keys named in a text, dropping keys contained in a longer key also named there."""
    return list(_mentioned(text, tuple(keys)))


@lru_cache(maxsize=131072)
def _mentioned(text: str, keys: tuple[str, ...]) -> tuple[str, ...]:
    found = matching.find_mentions(text, keys)
    return tuple(k for k in found if not any(k != o and f" {k} " in f" {o} " for o in found))


@dataclass
class IndicatorFacts:
    """What the tables of one report say about one indicator in the report year."""

    targets: list[Figure] = field(default_factory=list)
    realisasi: list[Figure] = field(default_factory=list)
    capaian: list[Figure] = field(default_factory=list)
    computed: list[tol.Interval] = field(default_factory=list)  # capaian from target/realisasi


def indicator_facts(ctx: CheckContext,
                    wanted: Iterable[tuple[str, str]]) -> dict[tuple[str, str], IndicatorFacts]:
    """(file, key) → facts of the report year, for the wanted pairs only."""
    wanted = set(wanted)
    if not wanted:
        return {}
    obs = ctx.observations()
    pair = pd.MultiIndex.from_arrays([obs["source_file"], obs["key"]])
    own = obs[pair.isin(wanted) & (obs["period_year"] == obs["year"]).to_numpy()]
    out: dict[tuple[str, str], IndicatorFacts] = {}
    slot = {"target": "targets", "realisasi": "realisasi", "capaian": "capaian"}
    for rec in records(own):
        if rec["quantity"] == "capaian" and rec["cls"] == "count":
            continue
        fig = figure(rec["value"], rec["decimals"], rec["raw"], rec["source_line"],
                     rec["source_table"])
        if fig is not None:
            facts = out.setdefault((rec["source_file"], rec["key"]), IndicatorFacts())
            getattr(facts, slot[rec["quantity"]]).append(fig)
    rows = own[own["quantity"] == "target"][["source_file", "source_line", "key"]]
    ind = ctx.frame("indicators")
    ind = ind[(ind["period_year"] == ind["year"]) & ind["target"].notna()
              & ind["realisasi"].notna()]
    ind = ind.merge(rows, on=["source_file", "source_line"])
    if len(ind):
        cap = capaian_intervals(ind)
        files, keys = ind["source_file"].to_numpy(dtype=object), ind["key"].to_numpy(dtype=object)
        for lo, hi in cap.candidates:
            for f, k, a, b, good in zip(files, keys, lo, hi, cap.ok, strict=True):
                if good and not np.isnan(a) and (f, k) in out:
                    out[(f, k)].computed.append(_interval(a, b))
    return out


def iku_average(ctx: CheckContext) -> dict[str, tuple[tol.Interval, list[Figure], list[int]]]:
    """file → (mean interval of the IKU rows, stated IKU averages, lines) in the report year.

    Each IKU table (`iku`, `renstra`) gives a mean; claims may match any of them."""
    def build() -> dict[str, tuple[tol.Interval, list[Figure], list[int]]]:
        ind = ctx.frame("indicators")
        own = ind[(ind["period_year"] == ind["year"]) & ind["table_kind"].isin(IKU_KINDS)]
        rows = own[own["level"].isin(["iku", "indikator", "sasaran"])
                   & own["capaian_reported"].notna()]
        if rows.empty:
            return {}
        lo, hi = row_intervals(rows)
        tmp = rows[["source_file", "source_table_index", "source_line"]].assign(lo=lo, hi=hi)
        means = tmp.groupby(["source_file", "source_table_index"]).agg(
            lo=("lo", "mean"), hi=("hi", "mean")).groupby(level=0).agg(
            lo=("lo", "min"), hi=("hi", "max"))
        lines = tmp.groupby("source_file")["source_line"].agg(list)
        out = {f: (_interval(a, b), [], lines[f]) for f, a, b in zip(
            means.index, means["lo"], means["hi"], strict=True)}
        stated = own[own["level"] == "rata-rata"]
        for r in records(stated, ["source_file", "capaian_reported", "capaian_reported_decimals",
                                  "capaian_reported_raw", "source_line", "source_table"]):
            fig = figure(r["capaian_reported"], r["capaian_reported_decimals"],
                         r["capaian_reported_raw"], r["source_line"], r["source_table"])
            if fig is not None and r["source_file"] in out:
                out[r["source_file"]][1].append(fig)
        return out
    return ctx.memo("lookup:iku_average", build)


@dataclass
class BenchmarkFacts:
    kecamatan: list[Figure] = field(default_factory=list)
    kabupaten: list[Figure] = field(default_factory=list)
    provinsi: list[Figure] = field(default_factory=list)


def benchmark_facts(ctx: CheckContext) -> dict[str, dict[str, BenchmarkFacts]]:
    """file → indicator key → kecamatan/kabupaten/provinsi figures of comparison tables."""
    def build() -> dict[str, dict[str, BenchmarkFacts]]:
        out: dict[str, dict[str, BenchmarkFacts]] = defaultdict(dict)
        for r in records(ctx.frame("benchmarks")):
            key = matching.indicator_key(r["indicator"] or "", (r["kecamatan"] or "",
                                                               r["kabupaten"] or ""))
            if not key:
                continue
            facts = out[r["source_file"]].setdefault(key, BenchmarkFacts())
            for place in ("kecamatan", "kabupaten", "provinsi"):
                fig = figure(r[f"{place}_value"], r[f"{place}_value_decimals"],
                             r[f"{place}_value_raw"], r["source_line"], r["source_table"])
                if fig is not None:
                    getattr(facts, place).append(fig)
        return dict(out)
    return ctx.memo("lookup:benchmarks", build)


@dataclass(frozen=True)
class BudgetRow:
    level: str
    name: str
    pagu: Figure | None
    realisasi: Figure | None
    line: int | None
    table: str | None


def _budget_row(r: dict[str, Any]) -> BudgetRow:
    return BudgetRow(r["level"], r["name"] if isinstance(r["name"], str) else "",
                     figure(r["pagu"], r["pagu_decimals"], r["pagu_raw"], r["source_line"],
                            r["source_table"]),
                     figure(r["realisasi"], r["realisasi_decimals"], r["realisasi_raw"],
                            r["source_line"], r["source_table"]),
                     None if pd.isna(r["source_line"]) else int(r["source_line"]),
                     r["source_table"] if isinstance(r["source_table"], str) else None)


_BUDGET_COLUMNS = ["source_file", "source_table", "source_line", "level", "name", "pagu",
                   "pagu_decimals", "pagu_raw", "realisasi", "realisasi_decimals",
                   "realisasi_raw"]


@dataclass
class BudgetLookup:
    """Annual budget rows by pagu, by silpa (pagu − realisasi), and the totals, per file."""

    by_pagu: dict[tuple[str, float], list[BudgetRow]]
    by_silpa: dict[tuple[str, float], list[BudgetRow]]
    totals: dict[str, list[BudgetRow]]


def budget_lookup(ctx: CheckContext, pagu: Iterable[tuple[str, float]],
                  silpa: Iterable[tuple[str, float]]) -> BudgetLookup:
    """Rows whose pagu or silpa equals an amount named in the text, and every total row."""
    b = ctx.frame("budget")
    b = b[b["period"].isna()][_BUDGET_COLUMNS]
    files = b["source_file"].to_numpy(dtype=object)
    p = b["pagu"].to_numpy(dtype=float)
    r = b["realisasi"].to_numpy(dtype=float)
    pagu, silpa = set(pagu), set(silpa)
    want_p = np.array([(f, v) in pagu for f, v in zip(files, p, strict=True)], dtype=bool) \
        if pagu else np.zeros(len(b), dtype=bool)
    want_s = np.array([(f, v) in silpa for f, v in zip(files, p - r, strict=True)], dtype=bool) \
        if silpa else np.zeros(len(b), dtype=bool)
    want_t = (b["level"] == "total").to_numpy()
    out = BudgetLookup({}, {}, {})
    any_ = want_p | want_s | want_t
    for rec, wp, ws, wt in zip(records(b[any_]), want_p[any_], want_s[any_], want_t[any_],
                               strict=True):
        row = _budget_row(rec)
        f = rec["source_file"]
        if wp:
            out.by_pagu.setdefault((f, float(rec["pagu"])), []).append(row)
        if ws:
            out.by_silpa.setdefault((f, float(rec["pagu"] - rec["realisasi"])), []).append(row)
        if wt:
            out.totals.setdefault(f, []).append(row)
    return out
