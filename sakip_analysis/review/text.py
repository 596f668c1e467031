"""Paragraphs of the reports as rules read them: filtered by a cheap pattern and parsed into
sentences and claims once per *distinct* text (boilerplate repeats across reports), then
handed out per report with their provenance."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from sakip_analysis.read.readers.pdf_reader import join_wrapped
from sakip_analysis.review.claims import Sentence, parse_paragraph
from sakip_analysis.review.context import CheckContext, records

PARAGRAPH_COLUMNS = ["source_file", "source_page", "source_line", "text", "kecamatan",
                     "year"]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of one report with its parsed sentences and provenance."""

    row: dict[str, Any]
    sentences: tuple[Sentence, ...]

    @property
    def file(self) -> str:
        return self.row["source_file"]

    @property
    def year(self) -> int | None:
        y = self.row.get("year")
        return None if y is None or pd.isna(y) else int(y)


@dataclass(frozen=True)
class _Texts:
    """Paragraphs that hold a digit, with each distinct text numbered once."""

    rows: list[dict[str, Any]]
    codes: np.ndarray
    uniques: list[str]


FULL_LINE = 0.8
"""A printed line this long against the page's long lines (its 90th percentile) runs to the
right margin, so without a full stop at its end the sentence wraps onto the next line."""
_ENDS_SENTENCE = re.compile(r"[.!?:;]\s*$")


def joined_lines(nar: pd.DataFrame) -> pd.DataFrame:
    """Paragraphs with the printed lines a PDF reader gave one by one glued back together.

    Some PDFs space their lines as far apart as their paragraphs, so the reader hands out one
    printed line per paragraph and a sentence ('alokasi Rp … dan realisasi' / 'Rp … atau
    83,48%') reaches the rules in pieces. A line is continued by the next one when that one is
    the next line of the same page, it ends without a sentence mark and it is full width (a
    short line ends its paragraph: a heading, a list item's last line). Rows without a page
    (text and Word reports, whose paragraphs are whole) are left as they are. The joined
    paragraph keeps the provenance of its first line."""
    if nar.empty or nar["source_page"].isna().all():
        return nar
    text = nar["text"].fillna("").astype(str)
    length = text.str.len()
    page = nar["source_page"]
    line = nar["source_line"]
    same = (nar["source_file"].eq(nar["source_file"].shift(-1)) & page.eq(page.shift(-1))
            & page.notna() & line.add(1).eq(line.shift(-1)))
    wide = length.groupby([nar["source_file"], page]).transform("quantile", 0.9)
    goes_on = same & length.ge(FULL_LINE * wide) & ~text.str.contains(_ENDS_SENTENCE)
    if not goes_on.any():
        return nar
    keep: list[int] = []
    texts: list[str] = []
    continued = goes_on.to_numpy()
    for i, t in enumerate(text.tolist()):
        if i and continued[i - 1]:
            texts[-1] = join_wrapped(texts[-1], t)
        else:
            keep.append(i)
            texts.append(t)
    out = nar.iloc[keep].copy()
    out["text"] = texts
    return out


def _texts(ctx: CheckContext) -> _Texts:
    def build() -> _Texts:
        nar = joined_lines(ctx.frame("narrative"))
        texts = nar["text"].to_numpy(dtype=object)
        codes, uniques = pd.factorize(texts)
        has_digit = np.array([isinstance(t, str) and any(c.isdigit() for c in t)
                              for t in uniques], dtype=bool)
        keep = codes >= 0
        keep[keep] = has_digit[codes[keep]]
        return _Texts(records(nar[keep], PARAGRAPH_COLUMNS), codes[keep], list(uniques))
    return ctx.memo("text:digits", build)


def paragraphs(ctx: CheckContext, pattern: str) -> list[Paragraph]:
    """Paragraphs whose text matches `pattern` (case-insensitive), in report order."""
    def build() -> list[Paragraph]:
        texts = _texts(ctx)
        if not texts.rows:
            return []
        rx = re.compile(pattern, re.IGNORECASE)
        hit = np.array([isinstance(t, str) and rx.search(t) is not None
                        for t in texts.uniques], dtype=bool)
        keep = np.flatnonzero(hit[texts.codes])
        rows = texts.rows
        return [Paragraph(rows[i], parse_paragraph(rows[i]["text"])) for i in keep.tolist()]
    return ctx.memo(f"text:{pattern}", build)


def lines_above(ctx: CheckContext, last: re.Pattern[str], count: int,
                reach: int = 3) -> list[tuple[Paragraph, list[dict[str, Any]]]]:
    """Each paragraph whose whole text matches `last`, with the up to `count` paragraphs with
    figures printed just above it on the same page (each within `reach` lines of the next;
    nearest last): the pieces of something typeset over lines, like a stacked fraction."""
    def build() -> list[tuple[Paragraph, list[dict[str, Any]]]]:
        rows = _texts(ctx).rows
        out = []
        for i, row in enumerate(rows):
            if not isinstance(row["text"], str) or not last.fullmatch(row["text"].strip()):
                continue
            above: list[dict[str, Any]] = []
            below = row
            for prior in reversed(rows[max(0, i - count):i]):
                pages = prior["source_page"], below["source_page"]
                same_page = (pd.isna(pages[0]) and pd.isna(pages[1])) or (
                    not pd.isna(pages[0]) and not pd.isna(pages[1]) and pages[0] == pages[1])
                if prior["source_file"] != below["source_file"] or not same_page or not (
                        0 < below["source_line"] - prior["source_line"] <= reach):
                    break
                above.insert(0, prior)
                below = prior
            if above:
                out.append((Paragraph(row, parse_paragraph(row["text"])), above))
        return out
    return ctx.memo(f"above:{last.pattern}:{count}:{reach}", build)


def by_report(items: list[Paragraph]) -> Iterator[tuple[str, list[Paragraph]]]:
    """Paragraphs grouped by report, in order."""
    groups: dict[str, list[Paragraph]] = {}
    for p in items:
        groups.setdefault(p.file, []).append(p)
    yield from groups.items()
