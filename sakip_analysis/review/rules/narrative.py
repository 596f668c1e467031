"""Family 6: numbers in sentences against the tables (and against each other).

A sentence is linked to a table row only when the link is clear: it names exactly one
indicator of the report, or its figures are the report's budget totals, or its silpa is the
pagu − realisasi of exactly one program or kegiatan. Unlinked sentences are left alone.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sakip_analysis.review import tolerance as tol
from sakip_analysis.review.claims import Claim, Sentence
from sakip_analysis.review.context import CheckContext, finding, show, show_pct
from sakip_analysis.review.formulas import (
    STACK_RESULT,
    Formula,
    evaluate,
    formulas,
    stacked_formula,
)
from sakip_analysis.review.lookups import (
    BudgetLookup,
    BudgetRow,
    Figure,
    benchmark_facts,
    budget_lookup,
    iku_average,
    indicator_facts,
    mentioned_keys,
    report_keys,
)
from sakip_analysis.review.registry import rule_ids
from sakip_analysis.review.repeats import REPEATED, repeated_sentences
from sakip_analysis.review.text import Paragraph, by_report, lines_above, paragraphs

(INDICATOR, OWN_CAPAIAN, IKU_AVERAGE, BUDGET_TOTAL, OWN_SERAPAN, SILPA, BENCHMARK,
 BENCHMARK_PCT, TRUNCATED, OWN_AVERAGE, FORMULA) = rule_ids(
    "klaim-indikator", "klaim-capaian-hitung", "klaim-rata-rata-iku", "klaim-total-anggaran",
    "klaim-serapan-hitung", "klaim-silpa", "klaim-pembanding", "klaim-persentase-pembanding",
    "klaim-terpotong", "klaim-rata-rata-hitung", "rumus-teks")
_IKU = re.compile(r"\biku\b|indikator kinerja utama", re.IGNORECASE)
_AVERAGE_WORDS = re.compile(r"rata\W*rata|(?:pen)?capaian\s+kinerja|pencapaian", re.IGNORECASE)
_UNIT_WORDS = re.compile(r"\b(program|kegiatan)\b", re.IGNORECASE)


def _interval(c: Claim | Figure, *, exact_integers: bool = False) -> tol.Interval:
    return tol.Interval.printed(c.value, c.decimals, exact_integers=exact_integers)


def _fits_any(claim: Claim, figures: list[Figure], *, exact_integers: bool = True) -> bool:
    return any(tol.compatible(claim.value, claim.decimals, f.value, f.decimals,
                              exact_integers=exact_integers) for f in figures)


def _fits_interval(claim: Claim, interval: tol.Interval) -> bool:
    return tol.verdict(claim.value, claim.decimals, interval) != tol.Verdict.FAILS


def _para_finding(rule: str, p: Paragraph, message: str, *, reported: str, expected: str,
                  related: list[Any] | None = None) -> dict[str, Any]:
    return finding(rule, p.row, message, reported=reported, expected=expected, table=None,
                   related=related or [])


# --- R601/R602: "target X terealisasi Y dengan capaian Z" -------------------------------------

def _indicator_claims(ctx: CheckContext) -> list[dict[str, Any]]:
    out = []
    keys_by_file = report_keys(ctx)
    linked_sentences: list[tuple[Paragraph, Sentence, str]] = []
    for file, items in by_report(paragraphs(ctx, r"target|realisasi|capaian")):
        keys = keys_by_file.get(file, ())
        for p in items:
            for s in p.sentences:
                roles = {c.role for c in s.claims}
                if len(roles & {"target", "realisasi", "capaian"}) < 2:
                    continue
                out += _own_capaian(p, s)
                linked = mentioned_keys(s.text, keys)
                if len(linked) == 1 and all(len(s.by_role(r)) <= 1 for r in
                                            ("target", "realisasi", "capaian")):
                    # two targets or two capaian: the sentence goes over several indicators
                    # and names only one of them that the tables know
                    linked_sentences.append((p, s, linked[0]))
    facts = indicator_facts(ctx, {(p.file, key) for p, _, key in linked_sentences})
    for p, s, key in linked_sentences:
        if (p.file, key) in facts:
            out += _against_table(p, s, key, facts[(p.file, key)])
    return out


def _own_capaian(p: Paragraph, s: Sentence) -> list[dict[str, Any]]:
    target, real, cap = (s.by_role(r) for r in ("target", "realisasi", "capaian"))
    cap = [c for c in cap if c.percent]
    if len(target) != 1 or len(real) != 1 or len(cap) != 1:
        return []
    t, r, c = target[0], real[0], cap[0]
    ratio = _interval(r, exact_integers=True).ratio(_interval(t, exact_integers=True))
    if ratio is None:
        return []
    inverse = _interval(t, exact_integers=True).ratio(_interval(r, exact_integers=True))
    computed = ratio.scaled(Decimal(100))
    verdict = tol.verdict(c.value, c.decimals, computed)
    if verdict == tol.Verdict.HOLDS:
        return []
    if inverse is not None and tol.verdict(c.value, c.decimals, inverse.scaled(
            Decimal(100))) != tol.Verdict.FAILS:
        return []  # a negative-polarity indicator
    return [_arithmetic(OWN_CAPAIAN, p, "Capaian", c, f"{r.raw} / {t.raw} × 100", computed,
                        verdict)]


def _arithmetic(rule: str, p: Paragraph, what: str, stated: Claim, formula: str,
                computed: tol.Interval, verdict: tol.Verdict) -> dict[str, Any]:
    """A percentage of a sentence against the figures of the same sentence; one that holds
    only when truncated is said at info level (R610), like the tables' truncation twins."""
    value = show_pct(computed.mid, max(stated.decimals, 2))
    if verdict == tol.Verdict.TRUNCATED:
        return _para_finding(TRUNCATED, p, f"{what} dalam teks {stated.raw} hanya cocok bila "
                             f"angkanya dipotong (bukan dibulatkan): {formula} = {value}",
                             reported=stated.raw, expected=value)
    label = "Capaian tertulis" if rule == OWN_CAPAIAN else f"{what} dalam teks"
    return _para_finding(rule, p, f"{label} {stated.raw} tetapi {formula} = {value}",
                         reported=stated.raw, expected=value)


def _against_table(p: Paragraph, s: Sentence, key: str, facts: Any) -> list[dict[str, Any]]:
    out = []
    for role, figures, label in (("target", facts.targets, "Target"),
                                 ("realisasi", facts.realisasi, "Realisasi")):
        for c in s.by_role(role):
            if c.percent or not figures or _fits_any(c, figures):
                continue
            f = figures[0]
            out.append(_para_finding(
                INDICATOR, p, f"{label} {key.upper() if len(key) <= 6 else key} dalam teks "
                f"{c.raw}, sedangkan di {f.table} {f.raw}", reported=c.raw, expected=f.raw,
                related=[x.line for x in figures]))
    for c in s.by_role("capaian"):
        if not c.percent or not (facts.capaian or facts.computed):
            continue
        if _fits_any(c, facts.capaian, exact_integers=False) or any(
                _fits_interval(c, i) for i in facts.computed):
            continue
        if _fits_any(c, facts.realisasi, exact_integers=False):
            continue  # `dari target 20% baru tercapai 19,99%`: what was reached, the realisasi
        ref = facts.capaian[0] if facts.capaian else None
        expected = ref.raw if ref else show_pct(facts.computed[0].mid)
        where = f"di {ref.table} " if ref else "menurut tabel "
        out.append(_para_finding(
            INDICATOR, p, f"Capaian {key.upper() if len(key) <= 6 else key} dalam teks {c.raw}, "
            f"sedangkan {where}{expected}", reported=c.raw, expected=expected,
            related=[x.line for x in facts.capaian]))
    return out


# --- R603: the IKU average ---------------------------------------------------------------------

@lru_cache(maxsize=65536)
def _speaks_of_iku_average(text: str) -> bool:
    return bool(_IKU.search(text)) and bool(_AVERAGE_WORDS.search(text))


def _iku_claims(ctx: CheckContext) -> list[dict[str, Any]]:
    out = []
    averages = iku_average(ctx)
    keys_by_file = report_keys(ctx)
    for file, items in by_report(paragraphs(ctx, r"iku|indikator kinerja utama")):
        if file not in averages:
            continue
        interval, stated, lines = averages[file]
        keys = keys_by_file.get(file, ())
        for p in items:
            for s in p.sentences:
                if not _speaks_of_iku_average(s.text):
                    continue
                roles = {c.role for c in s.claims}
                if {"target", "realisasi"} & roles or mentioned_keys(s.text, keys):
                    continue  # about one indicator, not the average
                percents = [c for c in s.claims if c.percent and c.role in ("capaian", None)]
                if len(percents) != 1:
                    continue
                c = percents[0]
                if _fits_interval(c, interval) or _fits_any(c, stated, exact_integers=False):
                    continue
                expected = stated[0].raw if stated else show_pct(interval.mid)
                where = f"{stated[0].table}" if stated else "tabel IKU"
                out.append(_para_finding(
                    IKU_AVERAGE, p, f"Capaian IKU dalam teks {c.raw}, sedangkan rata-rata capaian "
                    f"IKU di {where} {expected}", reported=c.raw, expected=expected,
                    related=[f.line for f in stated] or lines))
    return out


# --- R611: an average and the figures it is the average of, side by side -------------------

_AVERAGE = re.compile(r"rata\W*rata", re.IGNORECASE)
_EACH = re.compile(r"masing\W*masing", re.IGNORECASE)


def _average_claims(ctx: CheckContext) -> list[dict[str, Any]]:
    """`Rata-rata realisasi … sebesar 95,58%. Realisasi … masing-masing misi yaitu: … 96,78%;
    … 93,55%; …`: one sentence states an average, the sentence next to it lists each of the
    figures averaged (`masing-masing`), all percentages of the same kind. The two sentences
    must say nothing else in figures, so the link is certain."""
    out = []
    for p in paragraphs(ctx, r"rata\W*rata"):
        sentences = p.sentences
        for k, s in enumerate(sentences):
            if len(s.claims) != 1 or not s.claims[0].percent or not _AVERAGE.search(
                    s.text[:s.claims[0].start]):
                continue
            stated = s.claims[0]
            for other in (sentences[k - 1] if k else None,
                          sentences[k + 1] if k + 1 < len(sentences) else None):
                if other is None or not _EACH.search(other.text):
                    continue
                items = other.claims
                if len(items) < 2 or any(not c.percent or c.role != stated.role
                                         for c in items) or other.counts:
                    continue
                out += _stated_average(p, stated, items)
    return out


def _stated_average(p: Paragraph, stated: Claim, items: tuple[Claim, ...]
                    ) -> list[dict[str, Any]]:
    computed = tol.mean([_interval(c) for c in items])
    verdict = tol.verdict(stated.value, stated.decimals, computed)
    if verdict == tol.Verdict.HOLDS:
        return []
    figures = " + ".join(c.raw.rstrip("%").strip() for c in items)
    return [_arithmetic(OWN_AVERAGE, p, "Rata-rata", stated, f"({figures}) / {len(items)}",
                        computed, verdict)]


# --- R612: a formula written out in the text ------------------------------------------------

def _formula_claims(ctx: CheckContext) -> list[dict[str, Any]]:
    """`30 / 2,849 X 100% = 0,01%`: the printed result against its own operands; also a
    fraction typeset over lines, checked on the line of its result."""
    out = []
    for p in paragraphs(ctx, r"\d\s*\)?\s*/\s*[\d.,]+[^=]{0,12}="):
        for f in formulas(p.row["text"]):
            out += _formula_finding(p, f)
    for p, above in lines_above(ctx, STACK_RESULT, count=3):
        stacked = stacked_formula([r["text"] for r in above], p.row["text"])
        if stacked is None:
            continue
        text, used = stacked
        for f in formulas(text):
            out += _formula_finding(p, f, [r["source_line"] for r in above[-used:]])
    return out


def _formula_finding(p: Paragraph, f: Formula,
                     related: list[Any] | None = None) -> list[dict[str, Any]]:
    judged = evaluate(f)
    if judged is None or judged[0] == tol.Verdict.HOLDS:
        return []
    verdict, computed = judged
    decimals = max(f.result.readings[0][1], 2)
    value = show_pct(computed.mid, decimals) if f.hundred else show(computed.mid, decimals)
    what = "Hasil rumus" if related is None else "Hasil rumus bertingkat"
    if verdict == tol.Verdict.TRUNCATED:
        message = (f"{what} dalam teks {f.result.raw} hanya cocok bila angkanya dipotong "
                   f"(bukan dibulatkan): {f.text.rsplit('=', 1)[0].strip()} = {value}")
        return [_para_finding(TRUNCATED, p, message, reported=f.result.raw, expected=value,
                              related=related)]
    return [_para_finding(FORMULA, p, f"{what} '{f.text}' tertulis {f.result.raw} "
                          f"tetapi hitungannya = {value}", reported=f.result.raw,
                          expected=value, related=related)]


# --- R604/R605/R606: budget totals, serapan, silpa --------------------------------------------

def _budget_claims(ctx: CheckContext) -> list[dict[str, Any]]:
    out = []
    totals: list[tuple[Paragraph, Sentence, Claim, Claim]] = []
    silpas: list[tuple[Paragraph, Claim, Claim]] = []
    for p in paragraphs(ctx, r"rp|serapan|silpa"):
        for s in p.sentences:
            pagu = [c for c in s.by_role("pagu") if c.rupiah]
            real = [c for c in s.by_role("realisasi") if c.rupiah]
            serapan = [c for c in s.by_role("serapan") if c.percent]
            silpa = [c for c in s.by_role("silpa") if c.rupiah]
            if len(pagu) == 1 and len(real) == 1:
                totals.append((p, s, pagu[0], real[0]))
                if len(serapan) == 1:
                    others = [c for c in s.claims if c.rupiah and c.role in (None, "pagu")
                              and c is not pagu[0]]
                    out += _own_serapan(p, pagu[0], real[0], serapan[0], others)
            if len(silpa) == 1 and len(serapan) == 1:
                silpas.append((p, silpa[0], serapan[0]))
    if not totals and not silpas:
        return out
    lookup = budget_lookup(ctx, {(p.file, float(pagu.value)) for p, _, pagu, _ in totals},
                           {(p.file, float(silpa.value)) for p, silpa, _ in silpas})
    for p, s, pagu, real in totals:
        out += _total_claim(p, s, pagu, real, lookup)
    for p, silpa, serapan in silpas:
        out += _silpa(p, silpa, serapan, lookup.by_silpa.get((p.file, float(silpa.value)), []))
    return out


def _total_claim(p: Paragraph, s: Sentence, pagu: Claim, real: Claim,
                 lookup: BudgetLookup) -> list[dict[str, Any]]:
    with_pagu = lookup.by_pagu.get((p.file, float(pagu.value)), [])
    if with_pagu:
        if any(r.realisasi is not None and r.realisasi.value == real.value for r in with_pagu):
            return []
        r = with_pagu[0]
        if r.realisasi is None:
            return []
        return [_para_finding(BUDGET_TOTAL, p, f"Realisasi anggaran dalam teks {real.raw}, "
                              f"sedangkan di {r.table} {r.realisasi.raw} untuk pagu {pagu.raw}",
                              reported=real.raw, expected=r.realisasi.raw,
                              related=[x.line for x in with_pagu])]
    totals = [r for r in lookup.totals.get(p.file, []) if r.pagu is not None]
    if not totals or _UNIT_WORDS.search(s.text):
        return []
    same_spent = [r for r in totals if r.realisasi is not None
                  and r.realisasi.value == real.value]
    if not same_spent:
        return []  # neither figure is the table's: another budget (APBN, BTL, a past year)
    t = same_spent[0]
    return [_para_finding(BUDGET_TOTAL, p, f"Pagu anggaran dalam teks {pagu.raw}, sedangkan "
                          f"jumlah pagu di {t.table} {t.pagu.raw}", reported=pagu.raw,
                          expected=t.pagu.raw, related=[x.line for x in totals])]


def _own_serapan(p: Paragraph, pagu: Claim, real: Claim, serapan: Claim,
                 others: list[Claim] | None = None) -> list[dict[str, Any]]:
    """`others`: the sentence's other rupiah amounts of no named role (`sebelum perubahan
    Rp X, setelah perubahan Rp Y`): a serapan computed against one of them is no error."""
    ratio = _interval(real, exact_integers=True).ratio(_interval(pagu, exact_integers=True))
    if ratio is None:
        return []
    computed = ratio.scaled(Decimal(100))
    verdict = tol.verdict(serapan.value, serapan.decimals, computed)
    if verdict == tol.Verdict.HOLDS:
        return []
    for other in others or []:
        alt = _interval(real, exact_integers=True).ratio(_interval(other, exact_integers=True))
        if alt is not None and tol.verdict(serapan.value, serapan.decimals, alt.scaled(
                Decimal(100))) != tol.Verdict.FAILS:
            return []
    return [_arithmetic(OWN_SERAPAN, p, "Serapan", serapan, f"{real.raw} / {pagu.raw} × 100",
                        computed, verdict)]


def _silpa(p: Paragraph, silpa: Claim, serapan: Claim,
           rows: list[BudgetRow]) -> list[dict[str, Any]]:
    hits = [r for r in rows if r.pagu is not None and r.realisasi is not None
            and r.pagu.value - r.realisasi.value == silpa.value and r.pagu.value > 0]
    names = {(r.level, r.name.lower()) for r in hits}
    if not hits or len(names) != 1:
        return []
    r = hits[0]
    computed = r.realisasi.value / r.pagu.value * 100
    interval = tol.Interval.exact(computed)
    if tol.verdict(serapan.value, serapan.decimals, interval) != tol.Verdict.FAILS:
        return []
    value = show_pct(computed, max(serapan.decimals, 2))
    return [_para_finding(SILPA, p, f"Serapan dalam teks {serapan.raw} untuk silpa {silpa.raw}, "
                          f"tetapi {r.level} {r.name}: {r.realisasi.raw} / {r.pagu.raw} × 100 = "
                          f"{value}", reported=serapan.raw, expected=value,
                          related=[x.line for x in hits])]


# --- R607/R608: kabupaten and provinsi figures -------------------------------------------------

def _benchmark_claims(ctx: CheckContext) -> list[dict[str, Any]]:
    out = []
    bench = benchmark_facts(ctx)
    keys_by_file = report_keys(ctx)
    for file, items in by_report(paragraphs(ctx, r"kabupaten|provinsi|propinsi")):
        facts = bench.get(file)
        if not facts:
            continue
        bkeys = sorted(facts, key=len, reverse=True)
        for p in items:
            for s in p.sentences:
                linked = mentioned_keys(s.text, bkeys)
                others = mentioned_keys(s.text, keys_by_file.get(file, ()))
                if len(linked) != 1 or any(o != linked[0] for o in others):
                    continue
                f = facts[linked[0]]
                label = linked[0].upper() if len(linked[0]) <= 6 else linked[0]
                own: dict[str, Claim] = {}
                for c in s.claims:
                    if c.percent or c.role in ("selisih", "pagu", "realisasi", "serapan",
                                               "silpa", "efisiensi"):
                        continue
                    if c.place in ("kecamatan", "kabupaten", "provinsi"):
                        own[c.place] = c
                        figures = getattr(f, c.place)
                        if figures and not _fits_any(c, figures, exact_integers=False):
                            out.append(_para_finding(
                                BENCHMARK, p, f"Nilai {label} {c.place} dalam teks {c.raw}, "
                                f"sedangkan di {figures[0].table} {figures[0].raw}",
                                reported=c.raw, expected=figures[0].raw,
                                related=[x.line for x in figures]))
                for c in s.claims:
                    if c.percent and c.compared_to:
                        out += _benchmark_pct(p, c, own, f, label)
    return out


def _benchmark_pct(p: Paragraph, c: Claim, own: dict[str, Claim], facts: Any,
                   label: str) -> list[dict[str, Any]]:
    kec = own.get("kecamatan") or (facts.kecamatan[0] if facts.kecamatan else None)
    basis = own.get(c.compared_to) or (getattr(facts, c.compared_to) or [None])[0]
    if kec is None or basis is None:
        return []
    ratio = _interval(kec).ratio(_interval(basis))
    if ratio is None:
        return []
    computed = ratio.scaled(Decimal(100))
    verdict = tol.verdict(c.value, c.decimals, computed)
    if verdict == tol.Verdict.HOLDS:
        return []
    return [_arithmetic(BENCHMARK_PCT, p, f"Persentase {label} terhadap {c.compared_to}", c,
                        f"{kec.raw} / {basis.raw} × 100", computed, verdict)]


def check_narrative(ctx: CheckContext) -> list[dict[str, Any]]:
    """R601–R609 (and R804, the repeated sentence that differs by its year)."""
    repeated = [f for f in repeated_sentences(ctx) if f["rule"] == REPEATED]
    return (_indicator_claims(ctx) + _iku_claims(ctx) + _budget_claims(ctx)
            + _benchmark_claims(ctx) + _average_claims(ctx) + _formula_claims(ctx)
            + repeated)
