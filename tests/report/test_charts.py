"""Every chart the reports draw, on the bundled data and on a 200-kecamatan dataset: no two
text labels overlap, no chart is taller than a page, and the figures on it are the data's,
written the Indonesian way."""

from __future__ import annotations

import itertools
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.text import Text

from sakip_analysis.report import plots
from sakip_analysis.report.views import common, cross, trends
from sakip_analysis.report.views import kecamatan as report

matplotlib.use("Agg")

REPO = Path(__file__).resolve().parents[2]
BUNDLED = REPO / "data" / "processed"
LIMIT = 40  # the cross notebook's batas_nama


def labels_of(fig: Figure) -> list[Text]:
    """Every text the figure draws: the tick labels of ticks inside the view (matplotlib keeps
    label objects of ticks it does not draw), titles, annotations, legends, keys."""
    ticks: set[int] = set()
    drawn: list[Text] = []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                ticks.update({id(tick.label1), id(tick.label2)})
            for tick in axis._update_ticks():  # the ticks it draws
                drawn += [label for label in (tick.label1, tick.label2)
                          if label.get_visible() and label.get_text().strip()]
    others = [t for t in fig.findobj(Text) if id(t) not in ticks and t.get_visible()
              and t.get_text().strip() and t.figure is fig]
    return drawn + others


def overlaps(fig: Figure) -> list[tuple[str, str]]:
    """Pairs of labels whose boxes intersect (by more than a pixel each way)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    # the text's own box (an annotation's includes its leader line)
    boxes = [(t.get_text(), Text.get_window_extent(t, renderer)) for t in labels_of(fig)]
    bad = []
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        width = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        height = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        if width > 1 and height > 1:
            bad.append((a, b))
    return bad


def titles_moved(fig: Figure) -> list[str]:
    """Titles that matplotlib's own placement would lift above the axes (over ticks, a label
    or an offset text printed on top). The house style fixes every title at the top of its
    axes (`axes.titley`) to save that search: right only while no chart needs it."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    moved = []
    for ax in fig.axes:
        titles = (ax.title, ax._left_title, ax._right_title)
        fixed = [t.get_position() for t in titles]
        ax._autotitlepos = True
        try:
            ax._update_title_position(renderer)
            moved += [t.get_text() for t, was in zip(titles, fixed, strict=True)
                      if t.get_text() and t.get_position() != was]
        finally:
            ax._autotitlepos = False
            for t, was in zip(titles, fixed, strict=True):
                t.set_position(was)
    return moved


def check(fig: Figure | None) -> Figure:
    assert isinstance(fig, Figure)
    assert fig.get_size_inches()[1] <= plots.MAX_HEIGHT + 1e-9
    assert overlaps(fig) == []
    assert titles_moved(fig) == []
    return fig


def texts(fig: Figure) -> str:
    return "\n".join(t.get_text() for t in labels_of(fig))


# --------------------------------------------------------------------------- data

@pytest.fixture(scope="module")
def bundled() -> dict[str, pd.DataFrame]:
    from sakip_analysis.read.dataset import load_dataset

    if not (BUNDLED / "indicators.csv").exists():
        pytest.skip(f"the bundled dataset {BUNDLED} is absent (run `uv run sakip run` once)")
    return load_dataset(BUNDLED)


@pytest.fixture(scope="module")
def national() -> dict[str, pd.DataFrame]:
    from sakip_analysis.demo.national import national_tables

    return national_tables(200, 14, years=(2023, 2024))


def _demo(tables):
    return common.select(tables, data_source="sintetis")


# --------------------------------------------------------------------------- one report

@pytest.mark.parametrize(("kecamatan", "source"), [
    ("Jogoroto", "laporan"), ("Diwek", "sintetis")])
def test_report_charts_have_no_overlapping_labels(bundled, kecamatan, source):
    data = common.select(bundled, data_source=source, kecamatan=kecamatan)
    iku = report.iku_view(data, kecamatan, 2024).frame
    fig = check(plots.capaian_bar(iku, title=f"Capaian IKU Kecamatan {kecamatan} Tahun 2024"))
    # every capaian on the chart is realisasi ÷ target × 100 of the report's IKU rows
    for row in iku.dropna(subset=["capaian"]).itertuples():
        assert f"{row.capaian:.2f}".replace(".", ",") + "%" in texts(fig)
    check(plots.serapan_bar(report.budget_view(data, kecamatan, 2024).frame))
    kinerja = report.kinerja_anggaran_view(data, kecamatan, 2024).frame
    if kinerja[["serapan", "capaian"]].dropna().shape[0]:
        check(plots.kinerja_vs_anggaran_scatter(kinerja))
    efisiensi = report.efficiency_view(data, kecamatan, 2024).frame
    if efisiensi["efisiensi"].notna().any():
        check(plots.efisiensi_bar(efisiensi))
    history = report.iku_history(data, kecamatan, through=2024)
    check(plots.trend_lines(history))
    bench = report.benchmark_view(data, kecamatan, 2024).frame
    if len(bench):
        check(plots.benchmark_bars(bench))


def test_trend_charts_have_no_overlapping_labels(bundled):
    data = common.select(bundled, data_source="sintetis", kecamatan="Diwek")
    years = trends.chosen_years(data, "Diwek", [])
    history = trends.indicator_history(data, "Diwek", years)
    check(plots.trend_lines(history))
    check(plots.indicator_panels(history))
    check(plots.budget_trend(trends.budget_history(data, "Diwek", years)))
    programs = trends.program_history(data, "Diwek", years)
    check(plots.trend_lines(programs, y="serapan"))


def test_a_line_at_exactly_100_is_drawn_above_the_target_line():
    frame = pd.DataFrame({"tahun": [2023, 2024], "capaian": [100.0, 100.0],
                          "label": ["Persentase desa tertib"] * 2})
    fig = plots.trend_lines(frame)
    ax = fig.axes[0]
    target = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    series = [line for line in ax.get_lines() if list(line.get_ydata()) == [100.0, 100.0]
              and line.get_linestyle() == "-"]
    assert target and series
    assert min(s.get_zorder() for s in series) > max(t.get_zorder() for t in target)


# --------------------------------------------------------------------------- comparisons

def _cross_charts(data, year: int) -> list[Figure]:
    """The comparison's charts as the notebook draws them (aggregated above LIMIT)."""
    league = cross.league_view(data, year)
    large = cross.is_large(league.frame, LIMIT)
    figures = []
    if large:
        kab = cross.kabupaten_view(league.frame).frame
        figures.append(plots.ranking_bar(cross.top_bottom(kab, "capaian_iku", LIMIT // 2),
                                         label="kabupaten", color_by=None))
        figures.append(plots.histogram(league.frame, "capaian_iku", title="Sebaran",
                                       xlabel="Rata-rata capaian IKU (%)"))
    else:
        figures.append(plots.ranking_bar(league.frame))
    matrix = cross.iku_matrix(data, year)
    figures.append(plots.heatmap(cross.matrix_rows(matrix, league.frame, LIMIT), index="baris"))
    figures.append(plots.distribution(cross.distribution_frame(matrix), points=not large))
    quadrants = cross.quadrant_view(data, year, league=league.frame)
    figures.append(plots.quadrant_density(quadrants.frame, x_cut=quadrants.cut) if large
                   else plots.quadrant_scatter(quadrants.frame, x_cut=quadrants.cut))
    return figures


def test_bundled_comparison_charts_have_no_overlapping_labels(bundled):
    data = common.select(bundled, data_source="sintetis", years=2024)
    figures = _cross_charts(data, 2024)
    for fig in figures:
        check(fig)
    names = set(data["tables"]["kecamatan"])
    assert len(names) == 20 and "Jogoroto" not in names  # the real report is not ranked here
    ranking, _heat, spread, quadrants = figures
    for name in names:  # 20 kecamatan: every one is named, in the ranking and the quadrants
        assert name in texts(ranking) and name in texts(quadrants)
    outliers = cross.distribution_frame(cross.iku_matrix(data, 2024))
    for name in outliers.loc[outliers["outlier"], "kecamatan"]:
        assert name in texts(spread)
    findings = common.findings_in(common.load_findings(BUNDLED), data)
    counts = cross.findings_count_frame(data, findings, 2024)
    check(plots.findings_bar(counts))
    sakip = cross.sakip_view(data, 2024).frame
    check(plots.ranking_bar(sakip, value="nilai", color_by="grade", colors=plots.GRADE_COLORS,
                            reference=None, percent=False, legend_title="Predikat SAKIP"))
    from sakip_analysis.report.views import review

    families = review.summary_view(findings, 2024).frame
    check(plots.findings_bar(families, label="kelompok"))


def test_comparison_of_200_kecamatan_aggregates_and_stays_legible(national):
    data = common.select(national, years=2024)
    figures = _cross_charts(data, 2024)
    figures.append(plots.histogram(cross.sakip_view(data, 2024).frame, "nilai",
                                   title="Sebaran nilai SAKIP", xlabel="Nilai SAKIP",
                                   percent=False))
    for fig in figures:
        check(fig)
    ranking = texts(figures[0])
    assert "Kabupaten" in ranking
    assert sum(1 for k in set(data["tables"]["kecamatan"]) if k in ranking) == 0


@pytest.mark.parametrize("n", [105, 200])
def test_charts_called_with_every_kecamatan_still_fit_a_page(national, n):
    data = common.select(national, years=2024)
    names = sorted(set(data["tables"]["kecamatan"]))[:n]
    part = {k: v[v["kecamatan"].isin(names)] if "kecamatan" in v.columns else v
            for k, v in data.items()}
    league = cross.league_view(part, 2024).frame
    fig = check(plots.ranking_bar(league))
    assert f"dari {n})" in texts(fig)
    heat = check(plots.heatmap(cross.iku_matrix(part, 2024)))  # raised ValueError from 105 on
    assert f"terendah dari {n})" in texts(heat)
    quadrants = cross.quadrant_view(part, 2024, league=league)
    check(plots.quadrant_scatter(quadrants.frame, x_cut=quadrants.cut))


@pytest.mark.parametrize(("rows", "expected"), [(4, 8.5), (30, 8.5 * 9 / 10.8), (60, 5.0)])
def test_bar_rows_are_styled_alike_and_squeezed_onto_a_page(rows, expected):
    """Every row label gets the bar chart's type size (smaller when the rows would not fit a
    page: 8.5 × (11 − 2) / (0.36·rows + 2 − 2) points, never under 5) and no horizontal grid
    line."""
    frame = pd.DataFrame({"label": [f"Program {i}" for i in range(rows)],
                          "capaian": [80.0 + i for i in range(rows)]})
    fig = check(plots.capaian_bar(frame))
    ax = fig.axes[0]
    ticks = ax.yaxis.get_major_ticks()
    assert len(ticks) == rows
    assert {round(t.label1.get_fontsize(), 6) for t in ticks} == {round(expected, 6)}
    assert not any(t.gridline.get_visible() for t in ticks)
    assert all(t.gridline.get_visible() for t in ax.xaxis.get_major_ticks())


def test_long_indicator_names_get_a_key():
    names = ["Persentase rekomendasi Forkopimcam yang ditindaklanjuti oleh perangkat daerah",
             "Nilai SAKIP"]
    rows = pd.DataFrame([{"kecamatan": k, "label": n, "capaian": 90.0 + i}
                         for i, k in enumerate(["Megaluh", "Tembelang"]) for n in names])
    fig = check(plots.heatmap(rows))
    assert "I1 = Persentase rekomendasi Forkopimcam" in texts(fig).replace("\n", " ")


def test_png_is_the_picture_savefig_writes(bundled):
    """`plots.png` draws once instead of savefig's two passes for a laid-out figure, and
    encodes the pixels itself: the picture must be savefig's pixel for pixel, with the same
    size, dpi and Software text."""
    import io

    import numpy as np
    from PIL import Image

    data = common.select(bundled, data_source="sintetis", kecamatan="Diwek")

    def charts() -> list[Figure]:
        with plots.style():
            return [plots.capaian_bar(report.iku_view(data, "Diwek", 2024).frame),
                    plots.kinerja_vs_anggaran_scatter(
                        report.kinerja_anggaran_view(data, "Diwek", 2024).frame)]

    for ours, theirs in zip(charts(), charts(), strict=True):
        buffer = io.BytesIO()
        theirs.savefig(buffer, format="png", dpi=plots.DPI)
        mine, saved = Image.open(io.BytesIO(plots.png(ours))), Image.open(buffer)
        assert mine.size == saved.size
        assert np.array_equal(np.asarray(mine.convert("RGBA")), np.asarray(saved))
        assert mine.info["Software"] == saved.info["Software"]
        assert mine.info["dpi"] == pytest.approx(saved.info["dpi"])


@given(st.integers(1, 40), st.integers(1, 40), st.booleans(), st.data())
def test_encoded_png_decodes_to_the_same_pixels(width, height, opaque, data):
    import io

    import numpy as np
    from PIL import Image

    values = data.draw(st.lists(st.integers(0, 255), min_size=width * height * 4,
                                max_size=width * height * 4))
    rgba = np.array(values, dtype=np.uint8).reshape(height, width, 4)
    if opaque:
        rgba[..., 3] = 255
    image = Image.open(io.BytesIO(plots.encode_png(rgba, 110)))
    assert image.mode == ("RGB" if opaque else "RGBA")
    assert np.array_equal(np.asarray(image.convert("RGBA")), rgba)
    assert image.info["dpi"] == pytest.approx((110, 110), abs=0.01)


def test_the_distribution_chart_is_the_same_picture_every_time():
    """Strip points are jittered: with numpy's global state seeded differently before each
    draw (as every kernel's is), the picture is still byte for byte the same, and the
    notebook's own random state is left as it was."""
    import numpy as np

    frame = pd.DataFrame({"label": [f"IKU {i % 3}" for i in range(12)],
                          "capaian": [80.0 + 2 * i for i in range(12)],
                          "kecamatan": [f"K{i}" for i in range(12)]})
    pictures = []
    for seed in (1, 2):
        np.random.seed(seed)
        pictures.append(plots.png(plots.distribution(frame)))
        assert np.random.random() == np.random.RandomState(seed).random()
    assert pictures[0] == pictures[1]


# --------------------------------------------------------------------------- plain matplotlib

def test_trend_lines_draw_one_line_per_indicator_in_order_of_appearance_averaging_repeats():
    # two rows of "B" in 2023 (a label printed twice): the line goes through their mean,
    # (90 + 110) / 2 = 100, and the years are joined in order whatever the rows' order
    frame = pd.DataFrame({"tahun": [2024, 2023, 2023, 2023, 2024],
                          "capaian": [95.0, 90.0, 110.0, 80.0, 105.0],
                          "label": ["B", "B", "B", "A", "A"]})
    fig = plots.trend_lines(frame)
    ax = fig.axes[0]
    series = [line for line in ax.get_lines() if line.get_linestyle() == "-"]
    assert [(list(s.get_xdata()), list(s.get_ydata())) for s in series] == [
        ([2023, 2024], [100.0, 95.0]), ([2023, 2024], [80.0, 105.0])]
    assert [s.get_color() for s in series] == list(plots.PALETTE[:2])
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["B", "A"]


def test_scatter_points_keep_the_data_order_and_colour_each_point_by_its_group():
    frame = pd.DataFrame({"no": [1, 2, 3], "serapan": [80.0, 95.0, 60.0],
                          "capaian": [100.0, 70.0, 110.0],
                          "level": ["program", "kegiatan", "program"]})
    fig = plots.kinerja_vs_anggaran_scatter(frame)
    ax = fig.axes[0]
    drawn = [c for c in ax.collections if len(c.get_offsets())]
    assert len(drawn) == 1  # one collection: later points are drawn over earlier ones
    assert drawn[0].get_offsets().tolist() == [[80.0, 100.0], [95.0, 70.0], [60.0, 110.0]]
    program, kegiatan = (to_rgba(plots.LEVEL_COLORS[k]) for k in ("program", "kegiatan"))
    assert [tuple(c[:3]) for c in drawn[0].get_facecolors()] == [
        program[:3], kegiatan[:3], program[:3]]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == [plots.LEVEL_NAMES["program"], plots.LEVEL_NAMES["kegiatan"]]
