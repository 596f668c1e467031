"""Sentences printed twice with different figures: one of them is wrong.

Reports repeat their summary in the closing chapter; when the copy differs by a figure or a
year, the two places contradict each other. Sentences are blocked by their first words
(numbers masked) and compared with a fuzzy ratio only inside a block, so the cost stays
linear in the number of sentences. Only a sentence printed exactly twice counts: one printed
three times or more is a template filled in per program or kegiatan ("Alokasi anggaran
kegiatan ini sebesar Rp …"), whose figures differ by design. A differing year where one side
is the report year is a time finding (R804); any other differing figure a narrative one
(R609).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from sakip_analysis.review import tolerance as tol
from sakip_analysis.review.claims import Sentence
from sakip_analysis.review.context import CheckContext, finding
from sakip_analysis.review.registry import rule_ids
from sakip_analysis.review.text import Paragraph, by_report, paragraphs

REPEATED, REPEATED_YEAR = rule_ids("kalimat-berulang", "kalimat-berulang-tahun")
SIMILAR = 90.0
TYPO_SCORE = 80.0
MIN_TYPO_WORD = 5
MIN_REPEAT_LENGTH = 60


_MASK_NUMBER = re.compile(r"\d[\d.,]*")
_NON_WORD = re.compile(r"[^a-z#]+")


@lru_cache(maxsize=131072)
def _masked(text: str) -> tuple[str, str]:
    """(block key, masked text): numbers become `#`, the block is the first four words."""
    masked = _NON_WORD.sub(" ", _MASK_NUMBER.sub("#", text.lower())).strip()
    return " ".join(masked.split()[:4]), masked


@lru_cache(maxsize=131072)
def _same_sentence(a: str, b: str) -> bool:
    """Masked sentences that are the same sentence: similar overall, and words may be added
    or dropped, but a replaced word must be a typo of the other (`Meningkatkan`/
    `Meningkatnya`), not another word (`kedua`/`ketiga`, `IKPP`/`PATEN`)."""
    if fuzz.ratio(a, b) < SIMILAR:
        return False
    wa, wb = a.split(), b.split()
    for op, i1, i2, j1, j2 in SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        if op != "replace":
            continue
        if i2 - i1 != j2 - j1 or not all(
                len(x) >= MIN_TYPO_WORD and fuzz.ratio(x, y) >= TYPO_SCORE
                for x, y in zip(wa[i1:i2], wb[j1:j2], strict=True)):
            return False
    return True


def repeated_sentences(ctx: CheckContext) -> list[dict[str, Any]]:
    """R609 and R804 findings of every report (computed once, shared by two families)."""
    return ctx.memo("repeated", lambda: _repeated(ctx))


def _repeated(ctx: CheckContext) -> list[dict[str, Any]]:
    out = []
    for _, items in by_report(paragraphs(ctx, r"\d")):
        blocks: dict[str, list[tuple[str, Paragraph, Sentence]]] = {}
        for p in items:
            for s in p.sentences:
                if len(s.text) < MIN_REPEAT_LENGTH or not (s.claims or s.years):
                    continue
                block, masked = _masked(s.text)
                blocks.setdefault(block, []).append((masked, p, s))
        for block in blocks.values():
            pairs = [(i, j) for i, (ma, pa, _) in enumerate(block)
                     for j, (mb, pb, _) in enumerate(block[i + 1:], start=i + 1)
                     if pa is not pb and _same_sentence(ma, mb)]
            degree: dict[int, int] = {}
            for i, j in pairs:
                degree[i] = degree.get(i, 0) + 1
                degree[j] = degree.get(j, 0) + 1
            for i, j in pairs:
                if degree[i] > 1 or degree[j] > 1:
                    continue  # a template filled in for each item, not a repeated statement
                out += _compare_repeat(block[i][1], block[i][2], block[j][1], block[j][2])
    return out


def _differing_figures(sa: Sentence, sb: Sentence) -> list[tuple[str, str]]:
    """(figure here, figure there) pairs that cannot stand for the same value."""
    fa, fb = sa.claims, sb.claims
    if len(fa) != len(fb):
        return []
    return [(a.raw, b.raw) for a, b in zip(fa, fb, strict=True)
            if a.percent == b.percent and not tol.compatible(a.value, a.decimals, b.value,
                                                             b.decimals)]


def _compare_repeat(pa: Paragraph, sa: Sentence, pb: Paragraph,
                    sb: Sentence) -> list[dict[str, Any]]:
    out = []
    for a, b in _differing_figures(sa, sb):
        out.append(finding(REPEATED, pa.row, f"Kalimat ini muncul lagi di baris "
                           f"{pb.row['source_line']} dengan angka {b}, di sini {a}",
                           reported=a, expected=b, table=None, related=[pb.row["source_line"]]))
    ya, yb = [y.year for y in sa.years], [y.year for y in sb.years]
    if len(ya) == len(yb) and ya != yb:
        year = pa.year
        for a, b in zip(ya, yb, strict=True):
            if a == b:
                continue
            wrong, right, p_wrong, p_right = (a, b, pa, pb) if b == year else (b, a, pb, pa)
            if right != year:
                continue
            out.append(finding(REPEATED_YEAR, p_wrong.row, f"Kalimat ini menyebut tahun {wrong}, "
                               f"sedangkan kalimat yang sama di baris {p_right.row['source_line']}"
                               f" menyebut tahun {right} (tahun laporan)", reported=str(wrong),
                               expected=str(right), table=None,
                               related=[p_right.row["source_line"]]))
    return out
