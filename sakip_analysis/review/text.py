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


def _texts(ctx: CheckContext) -> _Texts:
    def build() -> _Texts:
        nar = ctx.frame("narrative")
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


def by_report(items: list[Paragraph]) -> Iterator[tuple[str, list[Paragraph]]]:
    """Paragraphs grouped by report, in order."""
    groups: dict[str, list[Paragraph]] = {}
    for p in items:
        groups.setdefault(p.file, []).append(p)
    yield from groups.items()
