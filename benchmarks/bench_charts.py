"""What each chart costs, and what the cheaper rendering saves.

Every chart the reports draw is built from the bundled data and turned into a PNG twice:
the old way (IPython's inline display: `bbox_inches="tight"`, which draws the figure twice,
and PNG compression level 6) and the way `plots.show` does it now (`plots.png`: one draw, the
figure already laid out by its constrained layout, titles fixed at the top of their axes, and
the pixels written as unfiltered rows at zlib level 1 by `plots.encode_png`). Prints the build and
render time of each chart (median of 3) and the ratio old ÷ new.

    uv run python benchmarks/bench_charts.py
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

from sakip_analysis.formatting import fmt_number
from sakip_analysis.read.dataset import load_dataset
from sakip_analysis.report import plots
from sakip_analysis.report.views import common, cross, trends
from sakip_analysis.report.views import kecamatan as report

DATA = Path(__file__).resolve().parents[1] / "data" / "processed"
REPEAT = 3


def old_png(fig) -> bytes:
    """IPython's inline backend: print_figure with bbox_inches='tight' (two draws)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=plots.DPI, bbox_inches="tight")
    return buffer.getvalue()


def charts() -> dict[str, Callable[[], object]]:
    tables = load_dataset(DATA)
    one = common.select(tables, data_source="sintetis", kecamatan="Diwek")
    year = common.select(tables, data_source="sintetis", years=2024)
    years = trends.chosen_years(one, "Diwek", [])
    league = cross.league_view(year, 2024)
    matrix = cross.iku_matrix(year, 2024)
    quadrants = cross.quadrant_view(year, 2024, league=league.frame)
    findings = common.findings_in(common.load_findings(DATA), year)
    return {
        "capaian_bar": lambda: plots.capaian_bar(report.iku_view(one, "Diwek", 2024).frame),
        "serapan_bar": lambda: plots.serapan_bar(report.budget_view(one, "Diwek", 2024).frame),
        "kinerja_vs_anggaran": lambda: plots.kinerja_vs_anggaran_scatter(
            report.kinerja_anggaran_view(one, "Diwek", 2024).frame),
        "efisiensi_bar": lambda: plots.efisiensi_bar(
            report.efficiency_view(one, "Diwek", 2024).frame),
        "benchmark_bars": lambda: plots.benchmark_bars(
            report.benchmark_view(one, "Diwek", 2024).frame),
        "trend_lines": lambda: plots.trend_lines(trends.indicator_history(one, "Diwek", years)),
        "indicator_panels": lambda: plots.indicator_panels(
            trends.indicator_history(one, "Diwek", years)),
        "budget_trend": lambda: plots.budget_trend(trends.budget_history(one, "Diwek", years)),
        "ranking_bar": lambda: plots.ranking_bar(league.frame),
        "heatmap": lambda: plots.heatmap(cross.matrix_rows(matrix), index="baris"),
        "distribution": lambda: plots.distribution(cross.distribution_frame(matrix)),
        "quadrant_scatter": lambda: plots.quadrant_scatter(quadrants.frame, x_cut=quadrants.cut),
        "findings_bar": lambda: plots.findings_bar(
            cross.findings_count_frame(year, findings, 2024)),
    }


def main() -> None:
    print(f"{'grafik':<22}{'membuat (s)':>12}{'PNG lama (s)':>14}{'PNG baru (s)':>14}"
          f"{'lama ÷ baru':>13}")
    total_old = total_new = 0.0
    for name, build in charts().items():
        made, old, new = [], [], []
        for _ in range(REPEAT):
            t = time.perf_counter()
            fig = build()
            made.append(time.perf_counter() - t)
            t = time.perf_counter()
            old_png(fig)
            old.append(time.perf_counter() - t)
            plt.close(fig)
            fig = build()
            t = time.perf_counter()
            plots.png(fig)
            new.append(time.perf_counter() - t)
            plt.close(fig)
        m, o, n = (statistics.median(v) for v in (made, old, new))
        total_old += m + o
        total_new += m + n
        print(f"{name:<22}{fmt_number(m, 3):>12}{fmt_number(o, 3):>14}{fmt_number(n, 3):>14}"
              f"{fmt_number(o / n, 1):>12}×")
    print(f"{'semua (membuat + PNG)':<22}{'':>12}{fmt_number(total_old, 2):>14}"
          f"{fmt_number(total_new, 2):>14}{fmt_number(total_old / total_new, 1):>12}×")


if __name__ == "__main__":
    main()
