"""Family 8: years that contradict the report year.

A 2024 report may speak of 2023 (last year's figures, an evaluation letter), so a year alone
proves nothing. Flagged are only the phrasings where a year names the report's *own* period:
the same phrase with the report year and another year in one paragraph ("Rencana kinerja
tahun 2024 … Rencana Kinerja Tahun 2023"), a plan that "akan dicapai pada tahun 2023", "pada
tahun 2023, Kecamatan X memiliki …", a sentence introducing the next table with another year
than the table's title; plus degenerate periods (2024-2024), table titles of another year,
and a repeated sentence whose copy names the report year (R804, see `repeats.py`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import pandas as pd

from sakip_analysis.review.claims import split_sentences
from sakip_analysis.review.context import CheckContext, finding, records
from sakip_analysis.review.registry import rule_ids
from sakip_analysis.review.repeats import REPEATED_YEAR, repeated_sentences
from sakip_analysis.review.text import Paragraph, paragraphs

OWN_PERIOD, DEGENERATE, TABLE_TITLE, HEADER_YEARS = rule_ids(
    "tahun-laporan", "periode-tidak-wajar", "judul-tabel-tahun-lain", "tahun-kepala-tabel")
_YEAR = r"((?:19|20)\d{2})"
_PHRASE_YEAR = re.compile(r"([a-z]+\s+[a-z]+)\s+(?:pada\s+)?tahun\s+" + _YEAR, re.IGNORECASE)
_FUTURE = re.compile(r"\bakan\s+(?:\w+\s+){0,2}?(?:pada\s+)?tahun\s+" + _YEAR, re.IGNORECASE)
_HAS = re.compile(r"tahun\s+" + _YEAR + r"\s*,?\s+(?:kecamatan|kec\.?)\s+\w+(?:\s+\w+)?\s+"
                  r"(?:memiliki|mempunyai|menetapkan)\b", re.IGNORECASE)
_INTRO = re.compile(r"(sebagai\s+berikut|berikut\s+ini|tabel\s+berikut)\s*:?\s*$", re.IGNORECASE)
_TAHUN = re.compile(r"\btahun\s+" + _YEAR, re.IGNORECASE)
_ANY_YEAR = re.compile(r"(?<![\d./])" + _YEAR + r"(?![\d])")
_COMPARISON = re.compile(r"dibanding|sebelum|lalu|terakhir|meningkat|menurun|\bturun\b|"
                         r"\bnaik\b|perbandingan|s/d|sampai|hingga|periode|renstra|rpjm",
                         re.IGNORECASE)
_PERIOD = re.compile(r"(?<![\d./])" + _YEAR + r"\s*(?:[-–—]|s\.?/d\.?|sampai(?:\s+dengan)?)"
                     r"\s*(?:tahun\s+)?" + _YEAR + r"(?![\d])", re.IGNORECASE)
NEXT_TABLE_LINES = 6


def _own_period(ctx: CheckContext) -> list[dict[str, Any]]:
    out = []
    tables = ctx.frame("tables")
    titles: dict[str, list[tuple[int, str]]] = {}
    for r in records(tables, ["source_file", "source_line", "title", "caption"]):
        text = " ".join(str(v) for v in (r["caption"], r["title"]) if isinstance(v, str))
        if not pd.isna(r["source_line"]):
            titles.setdefault(r["source_file"], []).append((int(r["source_line"]), text))
    for p in paragraphs(ctx, r"tahun\s+(19|20)\d\d"):
        year = p.year
        if year is None:
            continue
        wrong = _wrong_years(p, year, titles.get(p.file, []))
        for bad, (why, related) in wrong.items():
            out.append(finding(OWN_PERIOD, p.row, f"Tahun {bad} dipakai untuk periode laporan "
                               f"ini ({why}), padahal laporan ini tahun {year}",
                               reported=str(bad), expected=str(year), table=None,
                               related=related))
    return out


def _wrong_years(p: Paragraph, year: int,
                 titles: list[tuple[int, str]]) -> dict[int, tuple[str, list[int]]]:
    text = p.row["text"]
    wrong = {y: (why, []) for y, why in _text_years(text, year).items()}
    if _INTRO.search(text) and not _COMPARISON.search(text):
        mentioned = {int(y) for y in _TAHUN.findall(text)}
        line = int(p.row["source_line"])
        nxt = [(ln, t) for ln, t in titles if line < ln <= line + NEXT_TABLE_LINES]
        if nxt and year not in mentioned:
            t_line, title = nxt[0]
            title_years = {int(y) for y in _ANY_YEAR.findall(title)}
            if year in title_years:
                for y in mentioned - title_years:
                    wrong.setdefault(y, (f"tabel berikutnya (baris {t_line}) berjudul tahun "
                                         f"{year}", [t_line]))
    return wrong


@lru_cache(maxsize=65536)
def _text_years(text: str, year: int) -> dict[int, str]:
    """Years a paragraph's own wording gives to the report's period, other than `year`."""
    wrong: dict[int, str] = {}
    if not _COMPARISON.search(text):
        phrases: dict[str, set[int]] = {}
        for m in _PHRASE_YEAR.finditer(text):
            phrases.setdefault(m.group(1).lower(), set()).add(int(m.group(2)))
        for phrase, found in phrases.items():
            if year in found:
                for y in found - {year}:
                    wrong.setdefault(y, f"'{phrase} tahun {year}' dan '{phrase} tahun {y}' di "
                                        "paragraf yang sama")
    for _, sentence in split_sentences(text):
        if _COMPARISON.search(sentence):
            continue
        for m in _HAS.finditer(sentence):
            y = int(m.group(1))
            if y != year:
                wrong.setdefault(y, f"'tahun {y}, Kecamatan … memiliki'")
    for m in _FUTURE.finditer(text):
        y = int(m.group(1))
        if y < year:
            wrong.setdefault(y, f"rencana yang 'akan' dicapai pada tahun {y}")
    return wrong


def _degenerate(ctx: CheckContext) -> list[dict[str, Any]]:
    out = []
    for p in paragraphs(ctx, r"(19|20)\d\d\s*(-|–|—|s\.?/d|sampai)"):
        for m in _PERIOD.finditer(p.row["text"]):
            a, b = int(m.group(1)), int(m.group(2))
            if a >= b:
                out.append(finding(DEGENERATE, p.row, f"Periode {m.group(0)} tidak wajar: tahun "
                                   f"akhir tidak sesudah tahun awal", reported=m.group(0),
                                   expected=f"{a}-{a + 1}…", table=None))
    return out


def _table_titles(ctx: CheckContext) -> list[dict[str, Any]]:
    tables = ctx.frame("tables")
    tables = tables[tables["title"].fillna("").str.contains(r"tahun\s+(?:19|20)\d\d", case=False,
                                                           regex=True)
                    & (tables["table_kind"] != "multi_year")]
    out = []
    for r in records(tables):
        years = {int(y) for y in _TAHUN.findall(r["title"])}
        periods = [(int(a), int(b)) for a, b in _PERIOD.findall(r["title"])]
        year = r["year"]
        if pd.isna(year) or not years or int(year) in years or any(
                a <= int(year) <= b for a, b in periods):
            continue
        shown = ", ".join(map(str, sorted(years)))
        out.append(finding(TABLE_TITLE, r, f"Judul tabel menyebut tahun {shown}, padahal laporan "
                           f"ini tahun {int(year)}: {r['title']}", reported=shown,
                           expected=str(int(year))))
    return out


_HEADER_TARGET_YEAR = re.compile(r"\b((?:19|20)\d{2})\s+target\b", re.IGNORECASE)


def _header_years(ctx: CheckContext) -> list[dict[str, Any]]:
    """A multi-year table whose header repeats a year, or whose years differ from those its
    title announces ("Tahun 2021, 2022 dan 2023" over columns 2021, 2022, 2022)."""
    tables = ctx.frame("tables")
    tables = tables[tables["table_kind"] == "multi_year"]
    out = []
    for r in records(tables):
        header_years = [int(y) for y in _HEADER_TARGET_YEAR.findall(r["header"] or "")]
        if len(header_years) < 2:
            continue
        title_years = {int(y) for y in _ANY_YEAR.findall(r["title"] or "")}
        repeated = sorted({y for y in header_years if header_years.count(y) > 1})
        shown = ", ".join(map(str, header_years))
        if repeated:
            message = (f"Kepala tabel memuat tahun {', '.join(map(str, repeated))} dua kali "
                       f"({shown})")
        elif len(title_years) >= 2 and title_years != set(header_years):
            message = (f"Judul tabel menyebut tahun {', '.join(map(str, sorted(title_years)))}, "
                       f"tetapi kolomnya tahun {shown}")
        else:
            continue
        out.append(finding(HEADER_YEARS, r, message, reported=shown,
                           expected=", ".join(map(str, sorted(title_years))) or None))
    return out


def check_years(ctx: CheckContext) -> list[dict[str, Any]]:
    """R801–R805 over every report at once."""
    repeated = [f for f in repeated_sentences(ctx) if f["rule"] == REPEATED_YEAR]
    return (_own_period(ctx) + _degenerate(ctx) + _table_titles(ctx) + repeated
            + _header_years(ctx))
