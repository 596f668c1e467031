"""The review engine: small declarative rules over the tidy tables of one or many reports.

`check_tables(tables)` returns one findings frame (see `sakip_analysis.review.findings`); the rules
are listed once, in `RULES` (`registry.py`), each with an id, a family, a severity and an
Indonesian description.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from sakip_analysis.errors import SakipError, log_traceback, one_line
from sakip_analysis.formatting import FAMILY_LABELS
from sakip_analysis.review.context import CheckContext
from sakip_analysis.review.findings import empty_findings, frame_of, sort_findings
from sakip_analysis.review.registry import RULES, RULES_BY_ID, Rule

__all__ = ["RULES", "Rule", "check_tables"]


def check_tables(tables: dict[str, pd.DataFrame], *,
                 previous: dict[str, pd.DataFrame] | None = None,
                 rules: Iterable[str] | None = None) -> pd.DataFrame:
    """Findings of every report in `tables` (grouped by source file inside).

    `previous`: tables of other years, read only by the rules across reports (reports of other
    years inside `tables` are used too). `rules`: ids to run (default: all).
    """
    wanted = set(RULES_BY_ID) if rules is None else set(rules)
    unknown = wanted - set(RULES_BY_ID)
    if unknown:
        raise SakipError(f"aturan tidak dikenal: {', '.join(sorted(unknown))}; "
                         "daftar aturan: sakip rules")
    ctx = CheckContext(tables, previous)
    records = []
    done = set()
    for rule in RULES:
        if rule.function in done or not any(
                r.id in wanted for r in RULES if r.function is rule.function):
            continue
        done.add(rule.function)
        for rec in _contained(rule, ctx, tables, previous):
            owner = RULES_BY_ID[rec["rule"]]
            if owner.id in wanted:
                records.append({"family": owner.family, "severity": owner.severity, **rec})
    if not records:
        return empty_findings()
    frame = frame_of(records)
    # Two routes to the same statement (e.g. one sentence read by two rules) count once.
    frame = frame[~frame[["rule", "file", "line", "message"]].duplicated()]
    return sort_findings(frame)


def _contained(rule: Rule, ctx: CheckContext, tables: dict[str, pd.DataFrame],
               previous: dict[str, pd.DataFrame] | None) -> list[dict[str, Any]]:
    """A rule family's findings. When it fails on a layout it was not written for, it is run
    again report by report: the other reports still get their findings, and each report it
    fails on gets one info finding saying which check did not finish (and where the details
    are logged), never a silently shorter list and never a stopped batch."""
    try:
        return list(rule.function(ctx))
    except SakipError:
        raise
    except Exception:  # retried per report below
        pass
    out: list[dict[str, Any]] = []
    for source, part in _per_report(tables):
        try:
            out += rule.function(CheckContext(part, previous))
        except SakipError:
            raise
        except Exception as exc:
            log = log_traceback(exc, f"aturan {rule.id} pada {source}")
            first = part["tables"].iloc[0] if len(part.get("tables", ())) else {}
            out.append({
                "rule": rule.id, "severity": "info", "file": source,
                "kecamatan": first.get("kecamatan"), "year": first.get("year"),
                "message": (f"pemeriksaan kelompok {FAMILY_LABELS.get(rule.family, rule.family)}"
                            f" ({rule.id} dan aturan sekelompoknya) "
                            f"tidak selesai untuk laporan ini: kesalahan internal "
                            f"({one_line(exc)}); temuan kelompok ini mungkin belum lengkap, "
                            f"rincian di {log}")})
    return out


def _per_report(tables: dict[str, pd.DataFrame]) -> list[tuple[str, dict[str, pd.DataFrame]]]:
    """The tables split by source file (a frame without the column goes whole to each)."""
    sources: list[str] = []
    for frame in tables.values():
        if "source_file" in frame.columns:
            sources += [s for s in frame["source_file"].dropna().unique() if s not in sources]
    return [(source, {name: frame[frame["source_file"] == source]
                      if "source_file" in frame.columns else frame
                      for name, frame in tables.items()}) for source in sources]
