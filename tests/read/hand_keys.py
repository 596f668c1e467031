"""Hand keys of the real corpus (tests/keys/<document stem>.json, typed from the documents) and
how an extracted row is matched to a keyed figure."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pandas as pd

from sakip_analysis.read.numbers import MISSING_TOKENS, read_cell

KEYS = Path(__file__).resolve().parents[1] / "keys"
_NUMBERING = re.compile(r"^\s*(?:[-•]\s*|\(?\d{1,2}[.)]\s*|[a-z][.)]\s+)+", re.IGNORECASE)


def load_keys() -> dict[str, dict[str, Any]]:
    """document file name → its key."""
    return {k["document"]: k for k in (json.loads(p.read_text(encoding="utf-8"))
                                       for p in sorted(KEYS.glob("*.json")))}


def norm_label(text: object) -> str:
    """A label as compared: whitespace folded, case and leading numbering ignored."""
    if not isinstance(text, str):
        return ""
    text = " ".join(text.split())
    return _NUMBERING.sub("", text).strip(" .:;").lower()


def norm_text(text: object) -> str | None:
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return None
    return " ".join(str(text).split()) or None


def candidates(frame: pd.DataFrame, label: str, columns: tuple[str, ...]) -> pd.DataFrame:
    """Rows whose label columns hold the keyed label."""
    want = norm_label(label)
    hit = pd.Series(False, index=frame.index)
    for col in columns:
        if col in frame.columns:
            hit |= frame[col].map(norm_label) == want
    return frame[hit]


def same_value(got: object, want: object) -> bool:
    if want is None:
        return True
    if got is None or (isinstance(got, float) and math.isnan(got)):
        return False
    return math.isclose(float(got), float(want), rel_tol=1e-9, abs_tol=1e-9)


def mismatch(row: pd.Series, entry: dict[str, Any], fields: dict[str, str]) -> list[str]:
    """What differs between an extracted row and a keyed entry (printed text and value);
    `fields` maps the key's field to the row's column prefix."""
    out = []
    for key_field, prefix in fields.items():
        want_raw = norm_text(entry.get(key_field))
        got_raw = norm_text(row.get(f"{prefix}_raw"))
        if want_raw is not None and got_raw != want_raw:
            out.append(f"{key_field}: {got_raw!r} != {want_raw!r}")
        value = entry.get(f"{key_field}_value")
        if want_raw is not None and want_raw.lower() in MISSING_TOKENS:
            continue  # `-` is missing, never zero (read.numbers), though a key may type 0
        got = row.get(prefix)
        if row.get(f"{prefix}_kind") == "comparator":  # `≥ 75`: its figure is its bound
            cell = read_cell(row.get(f"{prefix}_raw"))
            got = cell.high if cell.high is not None else cell.low
        if want_raw is not None and value is not None and not same_value(got, value):
            out.append(f"{key_field}_value: {got!r} != {value!r}")
    return out


INDICATOR_FIELDS = {"target": "target", "realisasi": "realisasi", "capaian": "capaian_reported"}
BUDGET_FIELDS = {"pagu": "pagu", "realisasi": "realisasi", "serapan": "serapan_reported"}


UNLABELLED = re.compile(r"^\(unlabelled\b[^)]*\)$", re.IGNORECASE)
"""A key's name for a row the document prints without any label (`(unlabelled total row)`)."""


def unlabelled(frame: pd.DataFrame, level: str | None, columns: tuple[str, ...]) -> pd.DataFrame:
    """Rows with no label in any label column, at the keyed level."""
    empty = pd.Series(True, index=frame.index)
    for col in columns:
        if col in frame.columns:
            empty &= frame[col].map(norm_label) == ""
    if level is not None and "level" in frame.columns:
        empty &= frame["level"] == level
    return frame[empty]


CLOSING = re.compile(r"^(?P<printed>jumlah|total)\s*\((?P<closes>[^)]+)\)$", re.IGNORECASE)
"""A key's name for a total row printed with the bare word only (`JUMLAH`), with what it
closes in brackets (`JUMLAH (Belanja)`): the bracket tells the table's JUMLAH rows apart for
the reader of the key and is not printed, so the row is matched by the printed word (and
its figures)."""


def printed_label(label: str) -> str:
    """The label as the document prints it: `JUMLAH (Belanja)` → `JUMLAH`."""
    m = CLOSING.match(" ".join(label.split()))
    return m["printed"] if m else label


def best_match(frame: pd.DataFrame, entry: dict[str, Any], fields: dict[str, str],
               label_columns: tuple[str, ...]) -> list[str] | None:
    """None when a row matches the entry exactly; else the differences of the closest row
    (or a line saying no row carries the label)."""
    if UNLABELLED.match(entry["label"]):
        rows = unlabelled(frame, entry.get("level"), label_columns)
    else:
        rows = candidates(frame, printed_label(entry["label"]), label_columns)
    if "year" in entry and entry.get("year") and "period_year" in rows.columns:
        same_year = rows[rows["period_year"] == entry["year"]]
        rows = same_year if len(same_year) else rows
    if rows.empty:
        return [f"no row labelled {entry['label']!r}"]
    best: list[str] | None = None
    for _, row in rows.iterrows():
        diff = mismatch(row, entry, fields)
        if not diff:
            return None
        if best is None or len(diff) < len(best):
            best = diff
    return best
