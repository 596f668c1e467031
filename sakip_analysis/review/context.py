"""What every rule needs: the tidy tables of all reports, shared derived frames, and the
builders of findings and of their Indonesian messages."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from sakip_analysis.formatting import DASH, fmt_number
from sakip_analysis.read import schema
from sakip_analysis.review import matching

PROVENANCE = ["source_file", "source_table", "source_table_index", "source_page", "source_line"]
REPORT_KEY = "source_file"

_LETTERS = re.compile(r"[A-Za-z]")
_PERCENT = re.compile(r"%|\bpersen\b", re.IGNORECASE)


def _unit_class_of(text: object) -> str | None:
    if not isinstance(text, str) or not text.strip():
        return None
    is_pct = bool(_PERCENT.search(text))
    has_letters = bool(_LETTERS.search(_PERCENT.sub("", text)))
    return "count" if has_letters else "percent" if is_pct else "plain"


def unit_class(raw: pd.Series) -> pd.Series:
    """`percent` (94,22% / 100 persen), `count` (22 Lembaga), `plain` (7,70) or None.
    Classified once per distinct text: reports print the same few cells over and over."""
    codes, uniques = pd.factorize(raw.to_numpy(dtype=object))
    classes = np.array([_unit_class_of(u) for u in uniques] + [None], dtype=object)
    return pd.Series(classes[codes], index=raw.index, dtype=object)


def classes_compatible(a: pd.Series, b: pd.Series) -> pd.Series:
    """Percentages compare with plain figures and counts with plain figures, not with each
    other (`100%` and `22 Lembaga` are not the same quantity)."""
    pair = a.fillna("") + "|" + b.fillna("")
    bad = pair.isin(["percent|count", "count|percent"]) | a.isna() | b.isna()
    return ~bad


# --- formatting --------------------------------------------------------------------------------

def show(value: Decimal | float | None, decimals: int = 2) -> str:
    """A figure the Indonesian way: `94,22`, `2.796.089.661` (`formatting.fmt_number`)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return DASH
    return _show(value if isinstance(value, Decimal) else float(value), int(decimals))


@lru_cache(maxsize=65536)
def _show(value: Decimal | float, decimals: int) -> str:
    return fmt_number(value, decimals)


def show_pct(value: Decimal | float | None, decimals: int = 2) -> str:
    return show(value, decimals) + "%"


def show_rp(value: Decimal | float | None) -> str:
    return "Rp " + show(value, 0)


def shown_decimals(decimals: Any, minimum: int = 2) -> int:
    d = 0 if decimals is None or pd.isna(decimals) else int(decimals)
    return max(d, minimum)


def raw_or(value: Any, fallback: str = "–") -> str:
    return fallback if value is None or (isinstance(value, float) and np.isnan(value)) \
        else str(value)


# --- rows as dicts --------------------------------------------------------------------------------

def records(frame: pd.DataFrame, columns: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Rows as dicts, fast: `to_dict("records")` reads string columns element by element."""
    cols = list(frame.columns if columns is None else columns)
    arrays = [frame[c].to_numpy(dtype=object) for c in cols]
    return [dict(zip(cols, values, strict=True)) for values in zip(*arrays, strict=True)]


def members_by_group(groups: np.ndarray, member: np.ndarray, wanted: Iterable[int],
                     values: np.ndarray) -> dict[int, list[Any]]:
    """For the wanted group ids only: the values of the member rows of each group. Linear in
    the number of rows, whatever the number of wanted groups."""
    wanted = set(int(w) for w in wanted)
    if not wanted:
        return {}
    idx = np.flatnonzero(member & np.isin(groups, list(wanted)))
    out: dict[int, list[Any]] = {}
    for g, v in zip(groups[idx].tolist(), values[idx].tolist(), strict=True):
        out.setdefault(g, []).append(v)
    return out


# --- findings ----------------------------------------------------------------------------------

def finding(rule: str, row: Mapping[str, Any], message: str, *, reported: str | None = None,
            expected: str | None = None, related: Iterable[Any] = (),
            line: Any = None, table: Any = "row") -> dict[str, Any]:
    """One finding from a provenance row (a tidy-table row or a paragraph)."""
    own_line = row.get("source_line") if line is None else line
    related_lines = sorted({int(v) for v in related if v is not None and not pd.isna(v)}
                           - ({int(own_line)} if own_line is not None
                              and not pd.isna(own_line) else set()))
    return {
        "rule": rule,
        "message": message,
        "file": row.get("source_file"),
        "table": row.get("source_table") if table == "row" else table,
        "table_index": row.get("source_table_index") if table == "row" else None,
        "page": row.get("source_page"),
        "line": own_line,
        "related_lines": related_lines,
        "reported": reported,
        "expected": expected,
        "kecamatan": row.get("kecamatan"),
        "year": row.get("year"),
    }


# --- the context -------------------------------------------------------------------------------

@dataclass
class CheckContext:
    """The tables under check (all reports at once) plus other years' tables for the rules
    across reports; derived frames are computed once and shared between rules."""

    tables: dict[str, pd.DataFrame]
    previous: dict[str, pd.DataFrame] | None = None
    _memo: dict[str, Any] = field(default_factory=dict)

    def frame(self, name: str) -> pd.DataFrame:
        frame = self.tables.get(name)
        if frame is None:
            return schema.empty_frame(name)
        return frame

    def previous_frame(self, name: str) -> pd.DataFrame:
        if not self.previous or self.previous.get(name) is None:
            return schema.empty_frame(name)
        return self.previous[name]

    def memo(self, key: str, build: Callable[[], Any]) -> Any:
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def reports(self) -> pd.DataFrame:
        """One row per report: source_file, kecamatan, kabupaten, year."""
        def build() -> pd.DataFrame:
            parts = [self.frame(n)[["source_file", "kecamatan", "kabupaten", "year"]]
                     for n in schema.TABLE_NAMES if len(self.frame(n))]
            if not parts:
                return pd.DataFrame(columns=["source_file", "kecamatan", "kabupaten", "year"])
            return pd.concat(parts).drop_duplicates("source_file").reset_index(drop=True)
        return self.memo("reports", build)

    def observations(self) -> pd.DataFrame:
        """Every target, realisasi and capaian printed for an indicator, from every table."""
        return self.memo("observations", lambda: observations(self.tables))


def _places(frame: pd.DataFrame) -> pd.Series:
    return frame["kecamatan"].fillna("").astype(str) + "|" + frame["kabupaten"].fillna(
        "").astype(str)


def _keys(indicator: pd.Series, places: pd.Series) -> pd.Series:
    combined = [f"{i if isinstance(i, str) else ''}\x1f{p}"
                for i, p in zip(indicator.to_numpy(dtype=object), places.to_numpy(dtype=object),
                                strict=True)]
    codes, uniques = pd.factorize(np.array(combined, dtype=object))
    keys = np.array([matching.indicator_key(u.split("\x1f")[0],
                                            tuple(u.split("\x1f")[1].split("|")))
                     for u in uniques] + [""], dtype=object)
    return pd.Series(keys[codes], index=indicator.index, dtype=object)


OBS_COLUMNS = ["source_file", "kecamatan", "kabupaten", "year", "source_table",
               "source_table_index", "source_page", "source_line", "period_year", "origin",
               "indicator", "key", "quantity", "value", "raw", "decimals", "cls", "level",
               "tier"]
_TIERS = {"iku": "iku", "sasaran": "iku", "tujuan": "iku", "program": "program",
          "kegiatan": "kegiatan", "subkegiatan": "kegiatan"}
_KIND_TIERS = {"iku": "iku", "renstra": "iku", "benchmark": "iku", "kegiatan": "kegiatan"}


def _tiers(level: pd.Series, origin: pd.Series) -> np.ndarray:
    """Which layer of the plan a figure belongs to: an IKU, a program or a kegiatan. The
    same indicator wording at two layers is two quantities (a program may share an IKU's
    name but not its figures), so figures are compared within a layer only."""
    return np.array([_TIERS.get(lv) or _KIND_TIERS.get(o, "other") for lv, o in zip(
        level.to_numpy(dtype=object), origin.to_numpy(dtype=object), strict=True)],
        dtype=object)


_OBS_BASE = ["source_file", "kecamatan", "kabupaten", "year", "source_table",
             "source_table_index", "source_page", "source_line", "indicator", "level"]


def _observed(frame: pd.DataFrame, col: str, quantity: str, origin: object,
              period: pd.Series | None = None) -> pd.DataFrame:
    """One printed figure column of a tidy table as observations; rows without it dropped."""
    part = frame[_OBS_BASE].copy()
    part["period_year"] = frame["year"] if period is None else period
    part["origin"] = origin
    part["quantity"] = quantity
    part["value"] = frame[col]
    part["raw"] = frame[f"{col}_raw"]
    part["decimals"] = frame[f"{col}_decimals"]
    return part[part["value"].notna()]


def observations(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Long frame of indicator figures: (report, period, key, quantity) → value as printed.

    `key` is the indicator without filler words, grouped with its typo-variants; acronyms
    spelled out in parentheses (`(IKPP)`) stand for the indicator they name.
    """
    parts = []
    ind = tables.get("indicators")
    if ind is not None and len(ind):
        ind = ind[ind["level"] != "rata-rata"]
        for q, col in (("target", "target"), ("realisasi", "realisasi"),
                       ("capaian", "capaian_reported")):
            parts.append(_observed(ind, col, q, ind["table_kind"], ind["period_year"]))
    eff = tables.get("efficiency")
    if eff is not None and len(eff):
        part = _observed(eff, "capaian_kinerja", "capaian", "efficiency")
        parts.append(part[part["level"] != "total"])
    bench = tables.get("benchmarks")
    if bench is not None and len(bench):
        parts.append(_observed(bench.assign(level="iku"), "kecamatan_value", "realisasi",
                               "benchmark"))
    pk = tables.get("perjanjian_kinerja")
    if pk is not None and len(pk):
        part = _observed(pk, "target", "target", "perjanjian_kinerja")
        parts.append(part[part["level"] != "total"])
    if not parts:
        return pd.DataFrame(columns=OBS_COLUMNS)
    obs = pd.concat(parts, ignore_index=True)
    keys = _keys(obs["indicator"], _places(obs)).to_numpy(dtype=object, copy=True)
    # An acronym spelled out in parentheses stands for the indicator it names.
    codes, uniques = pd.factorize(obs["indicator"].to_numpy(dtype=object))
    single = np.array([next(iter(a)) if len(a := matching.acronyms(u)) == 1 else None
                       for u in uniques] + [None], dtype=object)[codes]
    known = set(keys)
    use = np.array([a is not None and a in known for a in single], dtype=bool)
    keys[use] = single[use]
    codes, uniques = pd.factorize(keys)
    canon = matching.canonical_names(keys.tolist())
    keys = np.array([canon.get(k, k) for k in uniques] + [""], dtype=object)[codes]
    obs["key"] = keys
    obs = obs[keys != ""]
    obs["cls"] = unit_class(obs["raw"])
    obs["decimals"] = obs["decimals"].fillna(0).astype(int)
    obs["tier"] = _tiers(obs["level"], obs["origin"])
    return obs[OBS_COLUMNS].reset_index(drop=True)


def entity_names(frames: Iterable[pd.DataFrame]) -> dict[str, dict[str, str]]:
    """level → normalised name → canonical name, over every program/kegiatan/sasaran label of
    the given frames (so two tables' typo-variants meet at the same representative)."""
    by_level: dict[str, list[str]] = {}
    for frame in frames:
        for level, name in zip(frame["level"].to_numpy(dtype=object),
                               frame["name"].to_numpy(dtype=object), strict=True):
            by_level.setdefault(level, []).append(
                matching.normalize(name if isinstance(name, str) else ""))
    return {level: matching.canonical_names(names, prefixes=True)
            for level, names in by_level.items()}


def entity_keys(frame: pd.DataFrame, canon: Mapping[str, Mapping[str, str]]) -> pd.Series:
    """(level, canonical name, n-th row of that name in its table) for budget-like rows, so
    the same program or kegiatan can be found in another table of the report. Rows must be
    in document order."""
    levels = frame["level"].to_numpy(dtype=object).tolist()
    names = [matching.normalize(n if isinstance(n, str) else "")
             for n in frame["name"].to_numpy(dtype=object)]
    canonical = ["#total" if lv == "total" else canon.get(lv, {}).get(n, n)
                 for n, lv in zip(names, levels, strict=True)]
    periods = (frame["period"].fillna("").astype(str).to_numpy(dtype=object).tolist()
               if "period" in frame else [""] * len(frame))
    where = [f"{f}#{t}#{p}" for f, t, p in zip(frame["source_file"].to_numpy(dtype=object),
                                               frame["source_table_index"].to_numpy(dtype=object),
                                               periods, strict=True)]
    base = pd.Series([f"{w}|{lv}|{c}" for w, lv, c in zip(where, levels, canonical, strict=True)],
                     index=frame.index)
    nth = base.groupby(base, sort=False).cumcount().astype(str).tolist()
    return pd.Series([f"{lv}|{c}|{n}|{p}" for lv, c, n, p in zip(levels, canonical, nth, periods,
                                                                  strict=True)],
                     index=frame.index, dtype=object)
