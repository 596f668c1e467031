"""The review engine: small declarative rules over the tidy tables of one or many reports.

`check_tables(tables)` returns one findings frame (see `sakip_analysis.review.findings`); the rules
are listed once, in `RULES` (`registry.py`), each with an id, a family, a severity and an
Indonesian description.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from sakip_analysis.errors import SakipError
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
        for rec in rule.function(ctx):
            owner = RULES_BY_ID[rec["rule"]]
            if owner.id in wanted:
                records.append({**rec, "family": owner.family, "severity": owner.severity})
    if not records:
        return empty_findings()
    frame = frame_of(records)
    # Two routes to the same statement (e.g. one sentence read by two rules) count once.
    frame = frame[~frame[["rule", "file", "line", "message"]].duplicated()]
    return sort_findings(frame)
