"""Family 1: a stated percentage against the one its own row implies.

Capaian from target and realisasi (realisasi/target, or target/realisasi for indicators where
less is better), serapan from pagu and realisasi, and the percentage of the kecamatan against
the kabupaten or provinsi in a comparison table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from sakip_analysis.read.polarity import is_negative
from sakip_analysis.review import tolerance as tol
from sakip_analysis.review.context import (
    CheckContext,
    classes_compatible,
    finding,
    records,
    show,
    show_pct,
    shown_decimals,
    unit_class,
)
from sakip_analysis.review.registry import rule_ids
from sakip_analysis.review.rules.columns import row_capaian

CAPAIAN, SERAPAN, BENCHMARK, TRUNCATED, UNSURE_TABLE = rule_ids(
    "capaian", "serapan", "persentase-pembanding", "rasio-terpotong", "capaian-tabel-tak-pasti")


@dataclass(frozen=True)
class Capaian:
    """The capaian each indicator row implies, in percent, as intervals.

    Positive indicators have one formula (realisasi / target); indicators where less is
    better have two in use (target / realisasi, and (2 × target − realisasi) / target), and
    a stated capaian holds if it matches either. Figures without decimals are exact
    (targets like 85, counts); others stand for their rounding interval. Rows whose target
    and realisasi are not the same kind of figure (`100%` against `2 Dokumen`) are not
    computable.
    """

    candidates: list[tuple[np.ndarray, np.ndarray]]
    ok: np.ndarray
    negative: np.ndarray

    @property
    def lo(self) -> np.ndarray:
        return np.fmin.reduce([c[0] for c in self.candidates])

    @property
    def hi(self) -> np.ndarray:
        return np.fmax.reduce([c[1] for c in self.candidates])

    def verdicts(self, stated: np.ndarray, decimals: np.ndarray) -> np.ndarray:
        """The best verdict over the formulas; HOLDS where nothing can be computed."""
        best = np.full(len(stated), tol.Verdict.FAILS, dtype=np.int8)
        for lo, hi in self.candidates:
            v = tol.verdicts(stated, decimals, lo, hi)
            best = np.where(np.isnan(lo), best, np.minimum(best, v))
        return np.where(self.ok, best, tol.Verdict.HOLDS).astype(np.int8)


def capaian_intervals(frame: pd.DataFrame) -> Capaian:
    t_cls, r_cls = unit_class(frame["target_raw"]), unit_class(frame["realisasi_raw"])
    ok = (classes_compatible(t_cls, r_cls) & frame["target"].gt(0)
          & frame["realisasi"].ge(0)).to_numpy(dtype=bool, copy=True)
    t_lo, t_hi = tol.printed_bounds(frame["target"], frame["target_decimals"],
                                    exact_integers=True)
    r_lo, r_hi = tol.printed_bounds(frame["realisasi"], frame["realisasi_decimals"],
                                    exact_integers=True)
    negative = is_negative(frame)  # the one polarity column (read/polarity.py)
    nan = np.full(len(frame), np.nan)

    def only(mask: np.ndarray, bounds: tuple[np.ndarray, np.ndarray]) -> tuple[
            np.ndarray, np.ndarray]:
        return (np.where(mask & ok, bounds[0] * 100, nan),
                np.where(mask & ok, bounds[1] * 100, nan))

    positive = only(~negative, tol.ratio_bounds(r_lo, r_hi, t_lo, t_hi))
    inverse = only(negative, tol.ratio_bounds(t_lo, t_hi, r_lo, r_hi))
    twice = only(negative, tol.ratio_bounds(2 * t_lo - r_hi, 2 * t_hi - r_lo, t_lo, t_hi))
    candidates = [positive, inverse, twice]
    ok &= ~np.all(np.isnan(np.vstack([c[0] for c in candidates])), axis=0)
    return Capaian(candidates, ok, negative)


def capaian_verdicts(ctx: CheckContext) -> tuple[pd.DataFrame, Capaian, np.ndarray]:
    """Indicator rows with a stated capaian, their implied capaian and the verdicts."""
    def build() -> tuple[pd.DataFrame, Capaian, np.ndarray]:
        ind = ctx.frame("indicators")
        ind = ind[(ind["level"] != "rata-rata") & ind["capaian_reported"].notna()
                  & ind["target"].notna() & ind["realisasi"].notna()]
        ind = ind[unit_class(ind["capaian_reported_raw"]).isin(["percent", "plain"])]
        cap = capaian_intervals(ind)
        stated = ind["capaian_reported"].to_numpy(dtype=float)
        verdict = cap.verdicts(stated, ind["capaian_reported_decimals"].to_numpy(dtype=float))
        with np.errstate(invalid="ignore"):
            capped = (stated == 100) & (cap.lo > 100)  # some reports cap capaian at 100%
        return ind, cap, np.where(capped, tol.Verdict.HOLDS, verdict)
    return ctx.memo("ratio:capaian", build)


def wrong_capaian_rows(ctx: CheckContext) -> set[tuple[str, int]]:
    """(file, line) of indicator rows whose capaian does not follow from their figures."""
    ind, _, verdict = capaian_verdicts(ctx)
    bad = verdict == tol.Verdict.FAILS
    return set(zip(ind["source_file"].to_numpy(dtype=object)[bad],
                   ind["source_line"].to_numpy(dtype=object)[bad], strict=True))


def _capaian(ctx: CheckContext) -> list[dict[str, Any]]:
    ind, cap, verdict = capaian_verdicts(ctx)
    if ind.empty:
        return []
    stated = ind["capaian_reported"].to_numpy(dtype=float)
    out = []
    flag = np.flatnonzero(verdict != tol.Verdict.HOLDS)
    misread = _mostly_failing(ind, verdict, cap.ok)
    habit = _negative_habit(ind, cap)
    for i, row in zip(flag, records(ind.iloc[flag]), strict=True):
        d = shown_decimals(row["capaian_reported_decimals"])
        t, r = _term(row, "target"), _term(row, "realisasi")
        if cap.negative[i]:
            values = [(cap.candidates[1], f"{t} / {r}"),
                      (cap.candidates[2], f"(2 × {t} − {r}) / {t}")]
            if habit[i] is not None:  # the formula the report itself uses for such rows
                values = [values[habit[i] - 1]]
        else:
            values = [(cap.candidates[0], f"{r} / {t}")]
        (lo, hi), text = min(values, key=lambda c: abs((c[0][0][i] + c[0][1][i]) / 2
                                                       - stated[i]))
        value = (lo[i] + hi[i]) / 2
        formula = f"{text} × 100 = {show_pct(value, d)}"
        what = f"Capaian {row['indicator'] or row['name']}"
        echo = _norm(row["capaian_reported_raw"]) in (_norm(t), _norm(r))
        if (misread[i] or echo) and verdict[i] == tol.Verdict.FAILS:
            why = ("capaian yang terbaca sama persis dengan target atau realisasi barisnya"
                   if echo else "sebagian besar baris tabel ini juga tidak cocok")
            message = (f"{what} tertulis {row['capaian_reported_raw']} tetapi {formula}; "
                       f"{why}, jadi kolomnya mungkin salah terbaca (belum tentu salah)")
            out.append(finding(UNSURE_TABLE, row, message, reported=row["capaian_reported_raw"],
                               expected=show_pct(value, d)))
            continue
        out.append(_finding(CAPAIAN, row, what, row["capaian_reported_raw"], formula,
                            show_pct(value, d), verdict[i]))
    return out


def _term(row: Any, prefix: str) -> str:
    """A figure as a formula shows it: as printed, and a ratio (`1:400`) by its value too."""
    raw = row[f"{prefix}_raw"]
    if row.get(f"{prefix}_kind") == "ratio":
        return f"{show(row[prefix], shown_decimals(row[f'{prefix}_decimals'], 0))} ({raw})"
    return raw


def _negative_habit(ind: pd.DataFrame, cap: Capaian) -> list[int | None]:
    """Per row, the negative formula (1: target / realisasi, 2: (2 × target − realisasi) /
    target) the row's report uses where its capaian holds by one of them only, when the
    report leans one way; None elsewhere. A wrong capaian of a less-is-better indicator is
    then shown against the report's own formula, not the one nearest the slip."""
    stated = ind["capaian_reported"].to_numpy(dtype=float)
    decimals = ind["capaian_reported_decimals"].to_numpy(dtype=float)
    held = [np.where(np.isnan(lo), tol.Verdict.FAILS, tol.verdicts(stated, decimals, lo, hi))
            == tol.Verdict.HOLDS for lo, hi in cap.candidates[1:]]
    usable = cap.negative & cap.ok
    votes = pd.DataFrame({"file": ind["source_file"].to_numpy(dtype=object),
                          "inverse": usable & held[0] & ~held[1],
                          "twice": usable & held[1] & ~held[0]})
    totals = votes.groupby("file")[["inverse", "twice"]].transform("sum")
    lean = np.where(totals["inverse"] > totals["twice"], 1,
                    np.where(totals["twice"] > totals["inverse"], 2, 0))
    return [int(v) if v and neg else None for v, neg in zip(lean, cap.negative, strict=True)]


MISREAD_MIN_ROWS = 4


def _norm(text: object) -> str:
    return "".join(str(text).split()).rstrip("%") if isinstance(text, str) else ""


def _mostly_failing(ind: pd.DataFrame, verdict: np.ndarray, ok: np.ndarray) -> np.ndarray:
    """Rows of tables (per period) where most computable rows fail: a table whose printed
    capaian rarely follows from its own target and realisasi has more likely been read
    with its columns shifted than been written wrong on every line."""
    keys = [ind["source_file"], ind["source_table_index"].fillna(-1),
            ind["period_year"].fillna(-1)]
    fails = pd.Series((verdict == tol.Verdict.FAILS) & ok, index=ind.index)
    judged = pd.Series(ok, index=ind.index)
    n_fail = fails.groupby(keys).transform("sum")
    n = judged.groupby(keys).transform("sum")
    return ((n >= MISREAD_MIN_ROWS) & (n_fail * 2 > n)).to_numpy(dtype=bool)


def _serapan(ctx: CheckContext) -> list[dict[str, Any]]:
    b = ctx.frame("budget")
    b = b[b["serapan_reported"].notna() & b["pagu"].gt(0) & b["realisasi"].ge(0)]
    if b.empty:
        return []
    p_lo, p_hi = tol.printed_bounds(b["pagu"], b["pagu_decimals"], exact_integers=True)
    r_lo, r_hi = tol.printed_bounds(b["realisasi"], b["realisasi_decimals"],
                                    exact_integers=True)
    lo, hi = tol.ratio_bounds(r_lo, r_hi, p_lo, p_hi)
    verdict = tol.verdicts(b["serapan_reported"], b["serapan_reported_decimals"], lo * 100,
                           hi * 100)
    out = []
    flag = verdict != tol.Verdict.HOLDS
    for row, v, low, h in zip(records(b[flag]), verdict[flag], lo[flag], hi[flag],
                            strict=True):
        d = shown_decimals(row["serapan_reported_decimals"])
        value = (low + h) / 2 * 100
        formula = (f"{show(row['realisasi'], 0)} / {show(row['pagu'], 0)} × 100 = "
                   f"{show_pct(value, d)}")
        label = row["name"] or "anggaran"
        out.append(_finding(SERAPAN, row, f"Serapan anggaran {label}",
                            row["serapan_reported_raw"], formula, show_pct(value, d), v))
    return out


def _benchmark(ctx: CheckContext) -> list[dict[str, Any]]:
    bm = ctx.frame("benchmarks")
    bm = bm[bm["pct_reported"].notna() & bm["pct_basis"].isin(["kabupaten", "provinsi"])]
    if bm.empty:
        return []
    basis_prov = (bm["pct_basis"] == "provinsi").to_numpy()
    den = np.where(basis_prov, bm["provinsi_value"], bm["kabupaten_value"])
    den_dec = np.where(basis_prov, bm["provinsi_value_decimals"].astype(float),
                       bm["kabupaten_value_decimals"].astype(float))
    n_lo, n_hi = tol.printed_bounds(bm["kecamatan_value"], bm["kecamatan_value_decimals"])
    d_lo, d_hi = tol.printed_bounds(den, den_dec)
    lo, hi = tol.ratio_bounds(n_lo, n_hi, d_lo, d_hi)
    verdict = tol.verdicts(bm["pct_reported"], bm["pct_reported_decimals"], lo * 100, hi * 100)
    out = []
    flag = verdict != tol.Verdict.HOLDS
    for row, v, low, h, prov in zip(records(bm[flag]), verdict[flag], lo[flag],
                                  hi[flag], basis_prov[flag], strict=True):
        d = shown_decimals(row["pct_reported_decimals"])
        value = (low + h) / 2 * 100
        basis_raw = row["provinsi_value_raw"] if prov else row["kabupaten_value_raw"]
        formula = f"{row['kecamatan_value_raw']} / {basis_raw} × 100 = {show_pct(value, d)}"
        label = f"Persentase {row['indicator']} terhadap {row['pct_basis']}"
        out.append(_finding(BENCHMARK, row, label, row["pct_reported_raw"], formula,
                            show_pct(value, d), v))
    return out


def _finding(rule: str, row: Any, what: str, reported: str, formula: str, expected: str,
             verdict: int) -> dict[str, Any]:
    if verdict == tol.Verdict.TRUNCATED:
        message = (f"{what} tertulis {reported}, hanya cocok bila angka dipotong (bukan "
                   f"dibulatkan): {formula}")
        return finding(TRUNCATED, row, message, reported=reported, expected=expected)
    message = f"{what} tertulis {reported} tetapi {formula}"
    return finding(rule, row, message, reported=reported, expected=expected)


def check_ratios(ctx: CheckContext) -> list[dict[str, Any]]:
    """R101–R106 over every report at once."""
    return _capaian(ctx) + _serapan(ctx) + _benchmark(ctx) + row_capaian(ctx)
