"""The real corpus (../shared/reference/real, SOURCES.md there) against hand keys typed from the
documents (tests/keys/*.json, format in tests/keys/FORMAT.md): no text-layer document is
refused, every document yields its performance rows, and each keyed figure is extracted
exactly (label, target, realisasi, capaian; pagu, realisasi, serapan), with its level and
parent where the key gives them.

A keyed figure the extractor does not reach yet is an xfail with the reason, per figure (the
figures of one table share a reason); an XPASS in the report is a figure a fix has reached.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
from conftest import REAL_CORPUS, need
from hand_keys import (
    BUDGET_FIELDS,
    INDICATOR_FIELDS,
    best_match,
    candidates,
    load_keys,
    norm_label,
)

from sakip_analysis.read.extract import Extraction, extract_paths

KEYS = load_keys()
_CACHE: dict[str, Extraction] = {}


def extraction(document: str) -> Extraction:
    """Each document is read once per test session."""
    if document not in _CACHE:
        _CACHE[document] = extract_paths([need(REAL_CORPUS / document)])
    return _CACHE[document]


def _pages(*pages: int) -> Callable[[dict[str, Any]], bool]:
    return lambda e: e.get("page") in pages


def _labels(*labels: str) -> Callable[[dict[str, Any]], bool]:
    """Entries whose label starts with one of `labels`."""
    wanted = tuple(norm_label(lab) for lab in labels)
    return lambda e: norm_label(e["label"]).startswith(wanted)


# (document, "I" indicator / "B" budget / "L" level, which entries, why not reached yet)
KNOWN_GAPS: list[tuple[str, str, Callable[[dict[str, Any]], bool], str]] = [
]


def _gap(document: str, kind: str, entry: dict[str, Any]) -> str | None:
    for doc, kinds, which, reason in KNOWN_GAPS:
        if doc == document and kind in kinds and which(entry):
            return reason
    return None


def _cases(kind: str, section: str) -> list[Any]:
    out = []
    for document, key in KEYS.items():
        for i, entry in enumerate(key.get(section, [])):
            reason = _gap(document, kind, entry)
            marks = [pytest.mark.xfail(reason=reason, strict=False)] if reason else []
            out.append(pytest.param(document, entry, id=f"{document[:-4]}-{kind}{i:03d}",
                                    marks=marks))
    return out


@pytest.mark.parametrize("document", sorted(KEYS))
def test_no_text_layer_document_is_refused(document):
    result = extraction(document)
    assert result.failed == []


@pytest.mark.parametrize("document", sorted(KEYS))
def test_identity_is_read_from_the_document(document):
    key = KEYS[document]["identity"]
    tables = extraction(document).tables["tables"]
    row = tables.iloc[0]
    assert (row["unit_kind"], row["kecamatan"].lower(), int(row["year"])) == (
        key["kind"], key["name"].lower() if key["kind"] != "kecamatan"
        else key["name"].lower().removeprefix("kecamatan "), key["year"])
    if "NOT printed" in key.get("where", "") or "only printed inside" in key.get("where", ""):
        assert pd.isna(row["region"])  # the region is not printed: left missing, with a warning
        assert any("wilayah" in w for w in extraction(document).warnings)
    else:
        assert (row["region_kind"], row["region"]) == (key["region_level"], key["region"])


@pytest.mark.parametrize("document", sorted(KEYS))
def test_performance_tables_yield_rows(document):
    tables = extraction(document).tables
    assert len(tables["indicators"]) + len(tables["perjanjian_kinerja"]) > 0
    if KEYS[document].get("budget"):
        assert len(tables["budget"]) > 0


def _indicator_rows(document: str) -> pd.DataFrame:
    tables = extraction(document).tables
    return pd.concat([tables["indicators"], tables["perjanjian_kinerja"]], ignore_index=True)


@pytest.mark.parametrize(("document", "entry"), _cases("I", "indicators"))
def test_keyed_indicator_is_extracted_exactly(document, entry):
    diff = best_match(_indicator_rows(document), entry, INDICATOR_FIELDS,
                      ("indicator", "name"))
    assert diff is None, diff


@pytest.mark.parametrize(("document", "entry"), _cases("B", "budget"))
def test_keyed_budget_row_is_extracted_exactly(document, entry):
    diff = best_match(extraction(document).tables["budget"], entry, BUDGET_FIELDS,
                      ("name", "indicator"))
    assert diff is None, diff


def _by_year_cases() -> list[Any]:
    """One case per keyed figure of a multi-year plan (`targets_by_year`, `pagu_by_year`)."""
    out = []
    for document, key in KEYS.items():
        for section, field in (("indicators", "targets_by_year"), ("budget", "pagu_by_year")):
            for i, entry in enumerate(key.get(section, [])):
                reason = _gap(document, "Y", entry)
                marks = [pytest.mark.xfail(reason=reason, strict=False)] if reason else []
                for year, raw in (entry.get(field) or {}).items():
                    out.append(pytest.param(
                        document, section, entry, int(year), raw,
                        entry[f"{field}_value"][year], marks=marks,
                        id=f"{document[:-4]}-{section[0].upper()}{i:03d}-{year}"))
    return out


@pytest.mark.parametrize(("document", "section", "entry", "year", "raw", "value"),
                         _by_year_cases())
def test_keyed_figure_of_each_plan_year_is_extracted_exactly(document, section, entry, year,
                                                             raw, value):
    """A Renstra plans each program, kegiatan and sub-kegiatan over several years: each
    year's target (an indicator row of that `period_year`) and pagu (a budget row of that
    `period`) as printed."""
    if section == "indicators":
        frame = _indicator_rows(document)
        frame = frame[frame["period_year"] == year]
        want = {"label": entry["label"], "target": raw, "target_value": value}
        diff = best_match(frame, want, {"target": "target"}, ("indicator", "name"))
    else:
        frame = extraction(document).tables["budget"]
        frame = frame[frame["period"] == str(year)]
        want = {"label": entry["label"], "level": entry.get("level"), "pagu": raw,
                "pagu_value": value}
        diff = best_match(frame, want, {"pagu": "pagu"}, ("name", "indicator"))
    assert diff is None, diff


_LEVEL = {"sub_kegiatan": "subkegiatan", "other": "indikator"}
_LEVELLED = ("realisasi-triwulan-2023-tangsel-bapenda.pdf",
             "realisasi-triwulan-2023-tangsel-dinkes.pdf")


@pytest.mark.parametrize(("document", "entry"), [
    c for c in _cases("L", "budget") if c.values[0] in _LEVELLED])
def test_keyed_budget_level_and_parent(document, entry):
    """The quarterly forms print no codes: program → kegiatan → sub-kegiatan is read from
    words, capitals, a percentage K and the arithmetic, so the checker can compare a parent
    with its own children only."""
    rows = candidates(extraction(document).tables["budget"], entry["label"],
                      ("name", "indicator"))
    want = _LEVEL.get(entry["level"], entry["level"])
    pairs = set(zip(rows["level"], rows["parent"].map(norm_label), strict=True))
    parent = norm_label(entry.get("parent"))
    assert (want, parent) in pairs, pairs


_CHILD = {"total": "program", "program": "kegiatan", "kegiatan": "subkegiatan"}
_PERIOD = {"realisasi TW I Rp": "TW I", "realisasi TW II Rp": "TW II",
           "realisasi TW III Rp": "TW III", "realisasi TW IV Rp": "TW IV"}


def _sum_cases() -> list[Any]:
    out = []
    for document in _LEVELLED:
        key = KEYS.get(document, {})
        for section in ("inconsistencies", "consistent"):
            for i, entry in enumerate(key.get(section, [])):
                if entry.get("kind") == "sum" and entry.get("column") in _PERIOD:
                    out.append(pytest.param(document, entry, section == "inconsistencies",
                                            id=f"{document[:-4]}-{section[:5]}{i:02d}"))
    return out


@pytest.mark.parametrize(("document", "entry", "wrong"), _sum_cases())
def test_parent_and_its_own_children_as_hand_checked(document, entry, wrong):
    """A parent against its own children only, per quarter: where the key found a mismatch the
    extracted rows give the printed and the summed figure it wrote down; where it found the
    sum right, they agree."""
    budget = extraction(document).tables["budget"]
    period = budget[budget["period"] == _PERIOD[entry["column"]]]
    label = norm_label(entry["row_label"])
    parent = period[(period["name"].map(norm_label) == label)
                    & (period["level"] == entry["level"])]
    assert len(parent) == 1, parent[["name", "level"]]
    children = period[(period["parent"].map(norm_label) == label)
                      & (period["level"] == _CHILD[entry["level"]])]
    # `-` (kept missing, never zero) adds nothing to a sum, as in the key's arithmetic
    total = children["realisasi"].fillna(0).sum()
    own = parent["realisasi"].fillna(0).iloc[0]
    if wrong:
        assert own == entry["stated_value"]
        assert total == entry["expected_value"]
    else:
        assert own == total


def test_a_mixed_separator_pagu_is_read_and_warned_about():
    """Bappeda p.23 prints the pagu of Program Penataan Ruang as `1.579,307,000`: read as
    Rp 1.579.307.000 (the key, typed off the page), with one warning naming the page and
    the printed text."""
    result = extraction("lkip-2016-jabar-bappeda.pdf")
    warned = [w for w in result.warnings if "'1.579,307,000'" in w]
    assert len(warned) == 1 and "halaman 23" in warned[0] and "1.579.307.000" in warned[0]
