"""Polarity of each indicator — is more better, less better, or a range the target? — decided once.

Extraction gives every indicator row a `polarity` (``positive``, ``negative``, ``range``) and
a `polarity_source` saying how it was decided, and every later stage (capaian, predikat,
rankings, trend arrows, the checker) reads that one column instead of guessing again:

- ``report``: the report says it — "semakin rendah/tinggi semakin baik" in the indicator or
  its unit, a range target (``80-90%``), a comparator target (``≤ 5``, ``≥ 75``);
- ``wording``: the indicator's wording (angka kematian, pengaduan tidak ditindaklanjuti,
  waktu penyelesaian, penurunan …) marks less as better; also the default (positive) when
  nothing else speaks;
- ``capaian``: the wording is neutral, and the report's own printed capaian follows the
  negative formula ((2T − R)/T or T/R) and not R/T — or R/T and not a negative one — in
  every row of that indicator in the report;
- ``analyst``: set by the analyst in ``data/polarity.csv`` (`apply_overrides`).

Sources win in this order: analyst, report, wording (negative), capaian, default positive.
A printed capaian never overrides what the report or the wording says, so a capaian
computed with the wrong formula is still caught by the checker.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from sakip_analysis.errors import SakipError

POLARITY_VALUES: tuple[str, ...] = ("positive", "negative", "range")
POLARITY_SOURCES: tuple[str, ...] = ("report", "capaian", "wording", "analyst")

_STATED_NEGATIVE = re.compile(
    r"semakin\s+(?:rendah|kecil|sedikit|cepat|turun)\s+(?:semakin|makin)\s+baik", re.IGNORECASE)
_STATED_POSITIVE = re.compile(
    r"semakin\s+(?:tinggi|besar|banyak|naik)\s+(?:semakin|makin)\s+baik", re.IGNORECASE)
_WORDING_NEGATIVE = re.compile(
    r"\b(?:angka|tingkat|jumlah|persentase|prosentase|rasio)\s+(?:kematian|kemiskinan|"
    r"pengangguran|kriminalitas|kecelakaan|pelanggaran|pengaduan|kasus)|\bpenurunan\b|"
    r"\bmenurunnya\b|\blama\s+(?:waktu\s+)?(?:penyelesaian|pelayanan|proses)|"
    r"\bwaktu\s+penyelesaian|tidak\s+ditindaklanjuti", re.IGNORECASE)
"""Indicators where less is better, by their wording."""

_NUM = r"\d[\d.,]*"
_RANGE = re.compile(rf"^\s*{_NUM}\s*%?\s*(?:-|–|—|s\.?\s*/?\s*d\.?|sampai|hingga)\s*{_NUM}")
_AT_MOST = re.compile(r"^\s*(?:≤|<=?|maks(?:imal|\.)?\b)", re.IGNORECASE)
_AT_LEAST = re.compile(r"^\s*(?:≥|>=?|min(?:imal|\.)?\b)", re.IGNORECASE)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def stated_polarity(indicator: object, unit: object = None,
                    target_raw: object = None) -> str | None:
    """The polarity the report itself states for one indicator row, or None."""
    words = f"{_text(indicator)} {_text(unit)}"
    if _STATED_NEGATIVE.search(words):
        return "negative"
    if _STATED_POSITIVE.search(words):
        return "positive"
    target = _text(target_raw)
    if _RANGE.match(target):
        return "range"
    if _AT_MOST.match(target):
        return "negative"
    if _AT_LEAST.match(target):
        return "positive"
    return None


def wording_polarity(indicator: object) -> str:
    """`negative` when the wording marks less as better, else `positive`.

    >>> wording_polarity("Persentase pengaduan masyarakat yang tidak ditindaklanjuti")
    'negative'
    >>> wording_polarity("Nilai SAKIP")
    'positive'
    """
    return "negative" if _WORDING_NEGATIVE.search(_text(indicator)) else "positive"


def _per_distinct(columns: list[pd.Series], decide) -> np.ndarray:
    """Apply `decide` once per distinct tuple of values (reports repeat the same rows)."""
    keys = pd.MultiIndex.from_arrays([c.astype(object).where(c.notna(), None) for c in columns])
    codes, uniques = pd.factorize(keys)
    table = np.array([decide(*u) for u in uniques] + [None], dtype=object)
    return table[np.where(codes < 0, len(uniques), codes)]


def _capaian_votes(frame: pd.DataFrame) -> pd.Series:
    """Per row: 'negative' when the printed capaian fits a negative formula but not R/T,
    'positive' when it fits R/T only, else None."""
    def num(col: str) -> np.ndarray:
        if col not in frame.columns:
            return np.full(len(frame), np.nan)
        return pd.to_numeric(frame[col], errors="coerce").to_numpy(dtype=float)

    t, r, c = num("target"), num("realisasi"), num("capaian_reported")
    d = num("capaian_reported_decimals")
    tol = 0.5 * 10 ** -np.nan_to_num(d, nan=0.0) + 0.01
    with np.errstate(divide="ignore", invalid="ignore"):
        pos = np.abs(r / t * 100 - c) <= tol
        neg = (np.abs((2 * t - r) / t * 100 - c) <= tol) | (np.abs(t / r * 100 - c) <= tol)
    usable = (t > 0) & (r >= 0) & np.isfinite(c) & (np.abs(r - t) > 1e-9)
    votes = np.where(usable & neg & ~pos, "negative",
                     np.where(usable & pos & ~neg, "positive", None))
    return pd.Series(votes, index=frame.index, dtype=object)


def infer_polarity(frame: pd.DataFrame) -> pd.DataFrame:
    """The indicator frame with `polarity` and `polarity_source` filled where missing.

    Rows that already carry a polarity (an analyst's, or an earlier run's) keep it. The
    capaian evidence is pooled per (report, indicator): every row of the indicator with a
    usable printed capaian must point the same way.
    """
    out = frame.copy()
    if "polarity" not in out.columns:
        out["polarity"] = pd.Series([None] * len(out), index=out.index, dtype=object)
    if "polarity_source" not in out.columns:
        out["polarity_source"] = pd.Series([None] * len(out), index=out.index, dtype=object)
    todo = out["polarity"].isna() | ~out["polarity"].isin(POLARITY_VALUES)
    if not todo.any():
        return out
    rows = out[todo]
    empty = pd.Series([None] * len(rows), index=rows.index, dtype=object)
    indicator = rows.get("indicator", empty)
    unit = rows.get("unit", empty)
    target = rows.get("target_raw", empty)
    stated = _per_distinct([indicator, unit, target], stated_polarity)
    wording = _per_distinct([indicator], wording_polarity)
    votes = _capaian_votes(rows)
    group = [rows[c].astype(object).fillna("") for c in ("source_file", "indicator")
             if c in rows.columns]
    if group:
        voted = votes.dropna()
        kinds = voted.groupby([g[voted.index] for g in group]).agg(lambda v: set(v))
        lookup = {k if isinstance(k, tuple) else (k,): (next(iter(v)) if len(v) == 1 else None)
                  for k, v in kinds.items()}
        keys = list(zip(*[g.to_numpy() for g in group], strict=True))
        capaian = np.array([lookup.get(k) for k in keys], dtype=object)
    else:
        capaian = votes.to_numpy(dtype=object)
    has_stated = np.array([v is not None for v in stated], dtype=bool)
    has_capaian = np.array([v is not None for v in capaian], dtype=bool)
    worded = wording == "negative"  # wording is evidence only when it marks less as better
    polarity = np.where(has_stated, stated, np.where(
        worded, "negative", np.where(has_capaian, capaian, "positive")))
    source = np.where(has_stated, "report", np.where(
        worded | ~has_capaian, "wording", "capaian"))
    out.loc[todo, "polarity"] = polarity
    out.loc[todo, "polarity_source"] = source
    return out


# --------------------------------------------------------------------------- analyst file

OVERRIDE_COLUMNS: tuple[str, ...] = ("indicator", "polarity")
"""Required columns of `data/polarity.csv`; `kecamatan` (blank = every instansi) and
`catatan` (a note) are optional."""


def _norm(text: object) -> str:
    return " ".join(_text(text).lower().split())


def read_overrides(path: Path | str) -> pd.DataFrame:
    """The analyst's polarity file, checked: one clear line naming file, line and value."""
    path = Path(path)
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")
    except (OSError, ValueError) as exc:
        raise SakipError(f"{path}: berkas polaritas tidak bisa dibaca ({exc})") from None
    missing = [c for c in OVERRIDE_COLUMNS if c not in table.columns]
    if missing:
        raise SakipError(f"{path}: kolom {', '.join(missing)} tidak ada (perlu: indicator, "
                         "polarity; boleh: kecamatan, catatan)")
    for i, value in enumerate(table["polarity"], start=2):
        if value.strip().lower() not in POLARITY_VALUES:
            raise SakipError(f"{path}, baris {i}: polaritas {value!r} tidak dikenal (gunakan "
                             f"{', '.join(POLARITY_VALUES)})")
    table["polarity"] = table["polarity"].str.strip().str.lower()
    if "kecamatan" not in table.columns:
        table["kecamatan"] = ""
    return table


def apply_overrides(frame: pd.DataFrame, path: Path | str) -> pd.DataFrame:
    """Set `polarity` (source ``analyst``) where `data/polarity.csv` names the indicator.

    Indicators match ignoring case and spacing; a row with a `kecamatan` applies to that
    instansi only, and wins over a row without one. A missing file changes nothing.
    """
    path = Path(path)
    out = frame.copy()
    if "polarity_source" in out.columns:  # an override taken out of the file is undone
        undone = out["polarity_source"] == "analyst"
        out.loc[undone, ["polarity", "polarity_source"]] = None
    out = infer_polarity(out)
    if not path.exists() or out.empty:
        return out
    table = read_overrides(path)
    general = {_norm(r["indicator"]): r["polarity"] for _, r in table.iterrows()
               if not r["kecamatan"].strip()}
    local = {(_norm(r["indicator"]), _norm(r["kecamatan"])): r["polarity"]
             for _, r in table.iterrows() if r["kecamatan"].strip()}
    indicator = out["indicator"].map(_norm)
    place = out["kecamatan"].map(_norm) if "kecamatan" in out else pd.Series("", index=out.index)
    chosen = [local.get((i, p), general.get(i)) for i, p in zip(indicator, place, strict=True)]
    chosen = pd.Series(chosen, index=out.index, dtype=object)
    hit = chosen.notna()
    out.loc[hit, "polarity"] = chosen[hit]
    out.loc[hit, "polarity_source"] = "analyst"
    return out


def is_negative(frame: pd.DataFrame) -> np.ndarray:
    """Boolean array: rows whose indicator is better when lower (inferring if needed)."""
    if "polarity" not in frame.columns or frame["polarity"].isna().any():
        frame = infer_polarity(frame)
    return (frame["polarity"] == "negative").to_numpy(dtype=bool)


__all__ = ["OVERRIDE_COLUMNS", "POLARITY_SOURCES", "POLARITY_VALUES", "apply_overrides",
           "infer_polarity", "is_negative", "read_overrides", "stated_polarity",
           "wording_polarity"]
