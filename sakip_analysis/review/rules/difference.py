"""Family 2: differences. Efisiensi = capaian kinerja − capaian anggaran in the efficiency
table (or 100 − capaian anggaran, where the table follows that formula), and differences
stated in the text ("selisih 0,14 poin", "lebih tinggi 1,98 poin", "efisiensi anggaran
sebesar 10,88%") against the figures they compare."""

from __future__ import annotations

from decimal import Decimal
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd

from sakip_analysis.analysis.indicators import detect_efisiensi_method
from sakip_analysis.review import tolerance as tol
from sakip_analysis.review.claims import Claim
from sakip_analysis.review.context import CheckContext, finding, records, show
from sakip_analysis.review.lookups import Figure, benchmark_facts, mentioned_keys, report_keys
from sakip_analysis.review.registry import rule_ids
from sakip_analysis.review.text import Paragraph, by_report, paragraphs

EFFICIENCY, TEXT_DIFFERENCE, TEXT_EFFICIENCY, TRUNCATED = rule_ids(
    "efisiensi", "selisih-teks", "efisiensi-teks", "selisih-terpotong")
PLACES = ("kecamatan", "kabupaten", "provinsi")
PAIRS = (("pagu", "realisasi"), ("target", "realisasi"), ("capaian", "serapan"))


def _efficiency_rows(ctx: CheckContext) -> list[dict[str, Any]]:
    e = ctx.frame("efficiency")
    e = e[e["efisiensi_reported"].notna() & e["capaian_kinerja"].notna()
          & e["capaian_anggaran"].gt(0)]
    if e.empty:
        return []
    k_lo, k_hi = tol.printed_bounds(e["capaian_kinerja"], e["capaian_kinerja_decimals"],
                                    truncated=True)
    a_lo, a_hi = tol.printed_bounds(e["capaian_anggaran"], e["capaian_anggaran_decimals"],
                                    truncated=True)
    # Each table is judged by the formula it follows (analysis.detect_efisiensi_method):
    # kinerja − anggaran as the reference prints it, or 100 − serapan (money left over while
    # the target is met) as other reports do.
    sisa = _formula_by_table(e) == "sisa_anggaran"
    met = (e["capaian_kinerja"] >= 100).to_numpy()
    lo = np.where(sisa, 100 - a_hi, k_lo - a_hi)
    hi = np.where(sisa, 100 - a_lo, k_hi - a_lo)
    verdict = tol.verdicts(e["efisiensi_reported"], e["efisiensi_reported_decimals"], lo, hi)
    verdict = np.where(sisa & ~met, tol.Verdict.HOLDS, verdict)  # no efficiency to judge
    # A negative efficiency printed as 0: the table floors it (no efficiency, not an error).
    floored = (e["efisiensi_reported"] == 0).to_numpy() & (hi < 0)
    verdict = np.where(floored, tol.Verdict.HOLDS, verdict)
    flag = verdict != tol.Verdict.HOLDS
    out = []
    for row, v, by_sisa in zip(records(e[flag]), verdict[flag], sisa[flag], strict=True):
        d = max(int(row["efisiensi_reported_decimals"] or 0),
                int(row["capaian_kinerja_decimals"] or 0),
                int(row["capaian_anggaran_decimals"] or 0))
        if by_sisa:
            diff = show(100 - row["capaian_anggaran"], d) + "%"
            formula = f"100 − {row['capaian_anggaran_raw']} = {diff}"
            how = "100 − capaian anggaran"
        else:
            diff = show(row["capaian_kinerja"] - row["capaian_anggaran"], d) + "%"
            formula = f"{row['capaian_kinerja_raw']} − {row['capaian_anggaran_raw']} = {diff}"
            how = "capaian kinerja − capaian anggaran"
        label = row["name"] or row["indicator"] or "baris"
        if v == tol.Verdict.TRUNCATED:
            message = (f"Efisiensi {label} tertulis {row['efisiensi_reported_raw']}, hanya "
                       f"cocok bila angka dipotong: {formula}")
            rule = TRUNCATED
        else:
            message = (f"Efisiensi {label} tertulis {row['efisiensi_reported_raw']} tetapi "
                       f"{how} = {formula}")
            rule = EFFICIENCY
        out.append(finding(rule, row, message, reported=row["efisiensi_reported_raw"],
                           expected=diff))
    return out


def _formula_by_table(e: pd.DataFrame) -> np.ndarray:
    """Per row, the efficiency formula its table follows (None when no formula explains most
    of the table's rows: then kinerja − anggaran, the reference's, is the one applied)."""
    frame = e[["capaian_kinerja", "capaian_anggaran", "efisiensi_reported"]]
    keys = [e["source_file"], e["source_table_index"].fillna(-1)]
    method = pd.Series(None, index=e.index, dtype=object)
    for _, part in frame.groupby(keys, sort=False):
        method[part.index] = detect_efisiensi_method(part)
    return method.to_numpy(dtype=object)


def _claim_interval(c: Claim | Figure) -> tol.Interval:
    return tol.Interval.printed(c.value, c.decimals, truncated=True)


def _differences(values: dict[str, list[Claim | Figure]]) -> list[tuple[str, str, Any, Any]]:
    """Candidate (role a, role b, figure a, figure b) pairs a stated difference may compare."""
    out = []
    for a, b in [*combinations(PLACES, 2), *PAIRS]:
        for fa in values.get(a, [])[-1:]:
            for fb in values.get(b, [])[-1:]:
                out.append((a, b, fa, fb))
    return out


def _text_differences(ctx: CheckContext) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    found = paragraphs(ctx, r"selisih|lebih tinggi|lebih rendah|efisiensi")
    bench = benchmark_facts(ctx)
    keys_of = report_keys(ctx)
    for file, items in by_report(found):
        facts = bench.get(file, {})
        bkeys = sorted(facts, key=len, reverse=True)
        for p in items:
            seen: dict[str, list[Claim | Figure]] = {}
            linked: list[str] = []
            topic: set[str] = set()
            for s in p.sentences:
                keys = mentioned_keys(s.text, bkeys) if bkeys else []
                if keys:
                    linked = keys
                other_keys = mentioned_keys(s.text, keys_of.get(file, ()))
                if other_keys and set(other_keys) != topic:
                    seen, topic = {}, set(other_keys)  # another indicator: forget the figures
                sentence_seen: dict[str, list[Claim | Figure]] = {}
                for c in s.claims:
                    if c.role == "selisih":
                        values = {**seen, **{k: v for k, v in sentence_seen.items() if v}}
                        if len(linked) == 1 and (not other_keys or linked[0] in other_keys):
                            for place in PLACES:
                                values.setdefault(place, list(getattr(facts[linked[0]], place)))
                        out += _check_difference(p, c, values)
                    elif c.role == "efisiensi" and c.percent:
                        out += _check_efficiency_claim(p, c, sentence_seen)
                    elif c.place in PLACES and not c.percent and c.role not in (
                            "pagu", "realisasi", "serapan", "silpa", "efisiensi"):
                        sentence_seen.setdefault(c.place, []).append(c)
                    if c.role in ("pagu", "realisasi", "target", "capaian", "serapan") and (
                            c.role != "capaian" or c.percent):
                        sentence_seen.setdefault(c.role, []).append(c)
                for place in PLACES:
                    if sentence_seen.get(place):
                        seen[place] = sentence_seen[place]
    return out


def _magnitude(diff: tol.Interval) -> tol.Interval:
    """|x| for x in the interval: a stated `selisih` has no sign."""
    if diff.lo >= 0:
        return diff
    if diff.hi <= 0:
        return tol.Interval(-diff.hi, -diff.lo)
    return tol.Interval(Decimal(0), max(-diff.lo, diff.hi))


def _check_difference(p: Paragraph, claim: Claim,
                      values: dict[str, list[Claim | Figure]]) -> list[dict[str, Any]]:
    candidates = _differences(values)
    if not candidates:
        return []
    stated = abs(claim.value)
    best: tuple[int, Any] | None = None
    for a, b, fa, fb in candidates:
        v = tol.verdict(stated, claim.decimals, _magnitude(_claim_interval(fa)
                                                           - _claim_interval(fb)))
        if v == tol.Verdict.HOLDS:
            return []
        if best is None or v < best[0]:
            best = (v, (a, b, fa, fb))
    assert best is not None
    v, (a, b, fa, fb) = best
    d = max(claim.decimals, fa.decimals, fb.decimals)
    diff_value = abs(fa.value - fb.value)
    formula = f"{fa.raw} ({a}) − {fb.raw} ({b}) = {show(diff_value, d)}"
    if v == tol.Verdict.TRUNCATED:
        message = f"Selisih tertulis {claim.raw} hanya cocok bila angka dipotong: {formula}"
        rule = TRUNCATED
    else:
        message = f"Selisih tertulis {claim.raw} tetapi {formula}"
        rule = TEXT_DIFFERENCE
    return [finding(rule, p.row, message, reported=claim.raw, expected=show(diff_value, d),
                    table=None, related=[f.line for f in (fa, fb) if isinstance(f, Figure)])]


def _check_efficiency_claim(p: Paragraph, claim: Claim,
                            seen: dict[str, list[Claim | Figure]]) -> list[dict[str, Any]]:
    kinerja, anggaran = seen.get("capaian", [])[-1:], seen.get("serapan", [])[-1:]
    if not kinerja or not anggaran:
        return []
    k, a = kinerja[0], anggaran[0]
    diff = _claim_interval(k) - _claim_interval(a)
    v = tol.verdict(claim.value, claim.decimals, diff)
    if v != tol.Verdict.FAILS:
        return []
    d = max(claim.decimals, k.decimals, a.decimals)
    value = k.value - a.value
    message = (f"Efisiensi tertulis {claim.raw} tetapi capaian {k.raw} − serapan {a.raw} = "
               f"{show(value, d)}%")
    return [finding(TEXT_EFFICIENCY, p.row, message, reported=claim.raw,
                    expected=show(value, d) + "%", table=None)]


def check_differences(ctx: CheckContext) -> list[dict[str, Any]]:
    """R201–R204 over every report at once."""
    return _efficiency_rows(ctx) + _text_differences(ctx)

