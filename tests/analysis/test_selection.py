"""Which table counts is decided once (analysis/selection.py) and every user agrees with it."""

from __future__ import annotations

import pandas as pd

from sakip_analysis.analysis.compare import budget_totals
from sakip_analysis.analysis.indicators import iku_average
from sakip_analysis.analysis.selection import budget_table, iku_of_reports
from sakip_analysis.report.views.common import iku_rows
from sakip_analysis.report.views.kecamatan import budget_rows


def _ind(kind: str, table: int, realisasi: float, period: int = 2024) -> dict:
    return {"kecamatan": "A", "kabupaten": "K", "year": 2024, "period_year": period,
            "level": "iku", "table_kind": kind, "source_table_index": table,
            "source_file": "a.txt", "indicator": "Nilai SAKIP", "target": 80.0,
            "target_raw": "80", "realisasi": realisasi, "source_line": table}


def test_iku_table_chosen_once_for_averages_and_views():
    frame = pd.DataFrame([_ind("multi_year", 1, 40.0), _ind("iku", 2, 60.0),
                          _ind("renstra", 3, 20.0), _ind("iku", 2, 99.0, period=2023)])
    chosen = iku_of_reports(frame)
    assert list(chosen["realisasi"]) == [60.0]  # the "iku" table, own year only
    assert list(iku_rows(frame)["realisasi"]) == [60.0]
    assert iku_average(frame)["capaian_iku"].iloc[0] == 60.0 / 80.0 * 100


def _bud(kind: str, table: int, level: str, pagu: float) -> dict:
    return {"kecamatan": "A", "kabupaten": "K", "year": 2024, "table_kind": kind,
            "source_table_index": table, "source_file": "a.txt", "level": level,
            "name": level, "pagu": pagu, "realisasi": pagu / 2, "period": None,
            "source_line": table * 10 + (level == "total")}


def test_budget_table_chosen_once_for_totals_and_views():
    frame = pd.DataFrame([_bud("kinerja_anggaran", 1, "program", 100.0),
                          _bud("kinerja_anggaran", 1, "total", 100.0),
                          _bud("budget", 4, "program", 300.0),
                          _bud("budget", 4, "total", 300.0)])
    assert set(budget_table(frame)["table_kind"]) == {"budget"}
    assert budget_totals(frame)["pagu"].iloc[0] == 300.0
    tables = {"budget": frame}
    assert set(budget_rows(tables, "A", 2024)["pagu"]) == {300.0}
