"""Family 7: counts. A number against its Indonesian word ("6 (lima)"), and "N program dan
M kegiatan" against the rows of the report's tables.

Tables of one report often list different numbers of kegiatan (one adds an unfunded kegiatan,
another drops one), so a stated count is flagged only when it matches none of them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from sakip_analysis.review import matching
from sakip_analysis.review.claims import parse_paragraph
from sakip_analysis.review.context import CheckContext, finding
from sakip_analysis.review.numwords import parse_words, spell
from sakip_analysis.review.registry import rule_ids
from sakip_analysis.review.text import by_report, paragraphs

WORD, ROWS = rule_ids("angka-dan-kata", "jumlah-baris")
_WORD_FIRST = re.compile(r"((?:[A-Za-z]+\s+){0,2}[A-Za-z]+)\s*\(\s*(\d{1,4})\s*\)")
NOUNS = {"program": "program", "kegiatan": "kegiatan", "sasaran strategis": "sasaran",
         "indikator kinerja utama": "iku", "iku": "iku"}
_PROGRAM_WORD = re.compile(r"^\s*program\s+", re.IGNORECASE)
LABELS = {"program": "program", "kegiatan": "kegiatan", "sasaran": "sasaran strategis",
          "iku": "IKU"}


def _words(ctx: CheckContext) -> list[dict[str, Any]]:
    out = []
    for p in paragraphs(ctx, r"\d\s*\(\s*[a-z]|[a-z]\s*\(\s*\d"):
        for message, reported, expected in _word_mismatches(p.row["text"]):
            out.append(finding(WORD, p.row, message, reported=reported, expected=expected,
                               table=None))
    return out


@lru_cache(maxsize=65536)
def _word_mismatches(text: str) -> tuple[tuple[str, str, str], ...]:
    """(message, reported, expected) for each number written twice that disagrees with
    itself in a paragraph: `6 (lima)` and `tujuh (8)`."""
    out = []
    for s in parse_paragraph(text):
        for c in s.counts:
            if c.word_value is not None and c.word_value != c.value:
                out.append((f"Angka {c.value} ditulis dengan kata '{c.word}' ({c.word_value}); "
                            f"seharusnya {c.value} ({spell(c.value)})",
                            f"{c.value} ({c.word})", f"{c.value} ({spell(c.value)})"))
        for m in _WORD_FIRST.finditer(s.text):
            words, digits = m.group(1).split(), int(m.group(2))
            value = next((v for i in range(len(words))
                          if (v := parse_words(" ".join(words[i:]))) is not None), None)
            if value is not None and value != digits:
                out.append((f"Bilangan '{m.group(1)}' ({value}) ditulis dengan angka {digits}",
                            m.group(0), f"{spell(digits)} ({digits})"))
    return tuple(out)


_SASARAN_COLUMN = re.compile(r"(?:^|\|)\s*sasaran\b", re.IGNORECASE)


def _iku_sasaran(ctx: CheckContext) -> pd.DataFrame:
    """The sasaran of an IKU table that prints them in a column of their own (`No | Sasaran
    Strategis | Indikator | …`): each indicator row names its sasaran (merged cells are read
    down), so the distinct names are the table's sasaran."""
    ind = ctx.frame("indicators")
    tabs = ctx.frame("tables")
    if ind.empty or tabs.empty:
        return ind.iloc[:0]
    headed = tabs[tabs["header"].map(lambda h: isinstance(h, str)
                                     and bool(_SASARAN_COLUMN.search(h)))]
    keys = set(zip(headed["source_file"], headed["source_table_index"], strict=True))
    iku = ind[(ind["table_kind"].isin(["iku", "renstra"])) & (ind["level"] == "iku")
              & ind["name"].notna() & ind["name"].ne(ind["indicator"])]
    mine = np.array([k in keys for k in zip(iku["source_file"], iku["source_table_index"],
                                            strict=True)], dtype=bool)
    return iku[mine].assign(level="sasaran")


def table_counts(ctx: CheckContext) -> dict[str, dict[str, dict[str, int]]]:
    """file → counted thing → {table label: number of distinct rows}."""
    def build() -> dict[str, dict[str, dict[str, int]]]:
        cols = ["source_file", "source_table", "level", "name"]
        b = ctx.frame("budget")
        ind = ctx.frame("indicators")
        pk = ctx.frame("perjanjian_kinerja")
        prog = pk[pk["program"].notna()].assign(level="program", name=pk["program"])
        sas = pk[(pk["level"] == "sasaran") & pk["sasaran"].notna()].assign(
            level="sasaran", name=pk["sasaran"])
        rows = pd.concat([
            b[b["period"].isna()][cols],
            ind[ind["table_kind"].isin(["kinerja_anggaran", "budget", "kegiatan"])][cols],
            ctx.frame("efficiency")[cols], prog[cols], sas[cols], _iku_sasaran(ctx)[cols]],
            ignore_index=True)
        rows = rows[rows["level"].isin(["program", "kegiatan", "sasaran"]) & rows["name"].notna()]
        names = rows["name"].to_numpy(dtype=object)
        codes, uniques = pd.factorize(names)
        keys = np.array([matching.normalize(_PROGRAM_WORD.sub("", str(n))) for n in uniques],
                        dtype=object)
        rows = rows.assign(key=keys[codes] if len(codes) else [])
        n_rows = rows.groupby(["source_file", "level", "source_table"])["key"].nunique()
        iku = ind[ind["table_kind"].isin(["iku", "renstra"])
                  & ~ind["level"].isin(["rata-rata", "total"])]
        n_iku = pd.concat([iku, pk[pk["level"] == "sasaran"]]).groupby(
            ["source_file", "source_table"]).size()
        out: dict[str, dict[str, dict[str, int]]] = {}
        for (f, level, table), n in zip(n_rows.index, n_rows.to_numpy(), strict=True):
            out.setdefault(f, {}).setdefault(level, {})[table] = int(n)
        for (f, table), n in zip(n_iku.index, n_iku.to_numpy(), strict=True):
            out.setdefault(f, {}).setdefault("iku", {})[table] = int(n)
        return out
    return ctx.memo("table_counts", build)


_OWN_LIST = re.compile(r"\b(?:yaitu|yakni|antara lain|meliputi|sebagai berikut)\s*:?\s*$",
                       re.IGNORECASE)
"""`… dijabarkan dalam 2 (dua) kegiatan, yaitu :` counts the items listed after it (one
program's kegiatan), not the rows of the report's table."""


def _rows(ctx: CheckContext) -> list[dict[str, Any]]:
    out = []
    counts = table_counts(ctx)
    pattern = r"\d+\s*(\([a-z ]+\)\s*)?(program|kegiatan|sasaran strategis|iku|indikator kinerja)"
    for file, items in by_report(paragraphs(ctx, pattern)):
        known = counts.get(file, {})
        for p in items:
            for s in p.sentences:
                for c in s.counts:
                    thing = NOUNS.get(c.noun)
                    if thing is None or not known.get(thing):
                        continue
                    if _OWN_LIST.search(s.text[c.end:]):
                        continue  # the sentence counts the list it introduces, not the table
                    found = known[thing]
                    if c.value in found.values():
                        continue
                    listed = "; ".join(f"{t}: {n}" for t, n in found.items())
                    out.append(finding(ROWS, p.row, f"Teks menyebut {c.value} {LABELS[thing]}, "
                                       f"sedangkan tabel memuat {listed}",
                                       reported=str(c.value),
                                       expected=" / ".join(str(n) for n in found.values()),
                                       table=None))
    return out


def check_counts(ctx: CheckContext) -> list[dict[str, Any]]:
    """R701–R702 over every report at once."""
    return _words(ctx) + _rows(ctx)
