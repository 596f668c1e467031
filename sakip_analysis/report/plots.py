"""Every chart of the notebooks, in one style: a seaborn theme, one palette, Indonesian number
formats on the axes ("." groups thousands, "," marks decimals), titles and labels in Bahasa
Indonesia.

Each function takes a frame prepared by `report.views` and returns a matplotlib Figure
(None when there is nothing to draw: the view's table already shows the note). `show` displays
a figure and closes it, so a long notebook keeps its memory flat. The style is applied with
an rc context around each chart rather than set globally, so a chart looks the same whatever
ran before it.
"""

from __future__ import annotations

import struct
import textwrap
import warnings
import zlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from cycler import cycler
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MaxNLocator

from sakip_analysis.formatting import (
    GRADE_COLORS,
    LEVEL_COLORS,
    LEVEL_LABELS,
    OTHER_COLOR,
    PALETTE,
    PREDIKAT_COLORS,
    QUADRANT_COLORS,
    REFERENCE_COLOR,
    SEVERITY_COLORS,
    SEVERITY_NAMES,
    fmt_percent,
    format_number,
    tick_number,
    tick_percent,
    tick_rupiah,
)

__all__ = ["GRADE_COLORS", "PALETTE", "PREDIKAT_COLORS", "QUADRANT_COLORS", "SEVERITY_COLORS"]
LEVEL_NAMES = LEVEL_LABELS
OTHER = OTHER_COLOR
REFERENCE = REFERENCE_COLOR
FIGSIZE = (9.0, 5.0)
WRAP = 48


def _rc() -> dict[str, Any]:
    rc: dict[str, Any] = {}
    rc.update(sns.axes_style("whitegrid"))
    rc.update(sns.plotting_context("notebook", font_scale=0.9))
    rc.update({
        "figure.figsize": FIGSIZE, "figure.dpi": 100, "savefig.dpi": 110,
        "axes.prop_cycle": cycler(color=PALETTE), "axes.titlesize": 13,
        "axes.titleweight": "bold", "axes.titlelocation": "left", "axes.labelsize": 10.5,
        "axes.edgecolor": "#d0d7de", "grid.color": "#eaeef2", "legend.frameon": False,
        "font.family": "DejaVu Sans", "axes.formatter.use_locale": False,
        # A fixed title height: no chart prints ticks, a label or an offset text above its
        # axes, so matplotlib's search for a higher spot (a y-axis layout for every title,
        # three times a draw) never moves it; skipping it saves about a tenth of a chart's
        # CPU, the pixels the same (checked on the whole bundled batch)
        "axes.titley": 1.0,
    })
    return rc


@contextmanager
def _quiet_deprecations() -> Iterator[None]:
    """seaborn 0.13 calls matplotlib APIs that 3.10+ deprecates (`vert` in boxplot,
    `set_bad` in heatmap): harmless, but a warning in an analyst's report is noise."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=DeprecationWarning)
        warnings.simplefilter("ignore", category=PendingDeprecationWarning)
        yield


@contextmanager
def _fixed_jitter(seed: int = 0) -> Iterator[None]:
    """seaborn jitters strip points with numpy's global random state: seed it for the block
    and put it back after, so the same data gives the same picture (and the same page bytes,
    which incremental builds and the benchmark's comparison rely on) in every kernel."""
    state = np.random.get_state()
    np.random.seed(seed)
    try:
        yield
    finally:
        np.random.set_state(state)


@contextmanager
def style() -> Iterator[None]:
    """The house style for the charts made inside the block."""
    with plt.rc_context(_rc()):
        yield


DPI = 110
MAX_HEIGHT = 11.0
"""Inches: no chart taller than a printed page (A4 less its margins)."""


def png(figure: Figure) -> bytes:
    """The figure as PNG, drawn exactly once.

    Every chart lays itself out (constrained layout runs at the start of a draw), so there
    is no `bbox_inches="tight"` pass; and the canvas is drawn and its pixels encoded here
    rather than through `savefig`, which draws a layout engine's figure twice (once with
    drawing disabled, once for real). The pixels, size, dpi and Software text are those of
    `savefig(format="png", dpi=DPI)` (tested); the encoding is `encode_png`'s."""
    figure.set_dpi(DPI)
    canvas = figure.canvas
    canvas.draw()
    return encode_png(np.asarray(canvas.buffer_rgba()), DPI)


PNG_SOFTWARE = f"Matplotlib version{matplotlib.__version__}, https://matplotlib.org/"
"""The tEXt `Software` entry matplotlib's own PNG files carry."""


def encode_png(rgba: np.ndarray, dpi: float) -> bytes:
    """RGBA pixels (height × width × 4, uint8) as a PNG file, cheaply.

    Charts are mostly flat colour: unfiltered rows at zlib level 1 give files no larger than
    Pillow's adaptively filtered ones (453 against 482 KiB for a kecamatan page's six charts)
    in about 40 % of its time (35 against 85 ms), and an opaque figure is written as RGB. The
    file carries the dpi (pHYs) and the Software text as matplotlib writes them."""
    height, width = rgba.shape[:2]
    opaque = bool((rgba[..., 3] == 255).all())
    pixels = rgba[..., :3] if opaque else rgba
    rows = np.empty((height, width * pixels.shape[2] + 1), dtype=np.uint8)
    rows[:, 0] = 0  # filter type None on every row
    rows[:, 1:] = pixels.reshape(height, -1)
    per_metre = int(dpi / 0.0254 + 0.5)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    return b"".join([
        b"\x89PNG\r\n\x1a\n",
        chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2 if opaque else 6, 0, 0, 0)),
        chunk(b"tEXt", b"Software\x00" + PNG_SOFTWARE.encode("latin-1")),
        chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
        chunk(b"IDAT", zlib.compress(rows, 1)),
        chunk(b"IEND", b""),
    ])


def warm_up() -> None:
    """Draw and encode one small chart in the house style, touching what every chart's first
    draw loads (fonts, glyph caches, the layout engine, tick formatters, the PNG encoder).

    The batch's zygote calls this before forking kernels, so each kernel starts with those
    caches filled (about a sixth of a report notebook's CPU). Caches only: no pyplot (which
    would pick its backend before the kernel configures it), the style is an rc context,
    and nothing of the data or a notebook is involved."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with style(), _quiet_deprecations():
        fig = Figure(layout="constrained")
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        ax.barh(["Sasaran dengan label panjang", "Program"], [95.5, 80.25], color=PALETTE[:2])
        ax.scatter([80.0, 95.0], [70.0, 101.5], color=PALETTE[2])
        ax.plot([70.0, 100.0], [70.0, 100.0], linestyle="--", color=REFERENCE_COLOR)
        ax.annotate("0123456789 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ %.,()-:",
                    (80.0, 70.0))
        ax.xaxis.set_major_formatter(percent_ticks())
        ax.yaxis.set_major_formatter(number_ticks())
        _legend(fig, [_line(PALETTE[0], "-", "Capaian")], "Keterangan")
        _finish(fig, ax, "Judul Rp 1.234,56", "Serapan (%)", "Capaian (%)")
        png(fig)


def show(figure: Figure | None) -> None:
    """Display a figure in the notebook and close it (None: nothing to show)."""
    if figure is None:
        return
    from IPython.display import Image, display

    try:
        display(Image(data=png(figure), format="png"))
    finally:
        plt.close(figure)


# --------------------------------------------------------------------------- formats

def number_ticks(decimals: int | None = None) -> FuncFormatter:
    """Axis ticks as Indonesian numbers: 1.500, 2,5 (decimals None: as few as exact)."""
    return FuncFormatter(lambda x, _pos: tick_number(x, decimals))


def percent_ticks(decimals: int | None = None) -> FuncFormatter:
    """Axis ticks as Indonesian percentages: 95%, 97,5%."""
    return FuncFormatter(lambda x, _pos: tick_percent(x, decimals))


def rupiah_ticks() -> FuncFormatter:
    """Rupiah ticks in words analysts use: 2,95 M (miliar), 150 jt (juta)."""
    return FuncFormatter(lambda x, _pos: tick_rupiah(x))


def pct(value: float, decimals: int = 2) -> str:
    return fmt_percent(value, decimals)


def plain(text: Any, width: int | None = WRAP) -> str:
    """Report text made safe for matplotlib (a `$` would start mathtext) and wrapped."""
    text = " ".join(str(text).split()).replace("$", r"\$")
    return "\n".join(textwrap.wrap(text, width)) if width else text


def _labels(frame: pd.DataFrame, label: str, width: int = WRAP) -> list[str]:
    """Unique wrapped labels ("3. Administrasi …" when the frame is numbered), so bars of
    two rows with the same name are never merged."""
    numbered = "no" in frame.columns
    out, seen = [], set()
    for i, (text, no) in enumerate(zip(frame[label], frame["no"] if numbered
                                       else range(1, len(frame) + 1), strict=True)):
        name = f"{int(no)}. {text}" if numbered else str(text)
        while name in seen:
            name += f" ({i + 1})"
        seen.add(name)
        out.append(plain(name, width))
    return out


def _usable(frame: pd.DataFrame | None, *columns: str) -> pd.DataFrame | None:
    if frame is None or frame.empty or any(c not in frame.columns for c in columns):
        return None
    data = frame.dropna(subset=list(columns))
    return None if data.empty else data.reset_index(drop=True)


def _finish(fig: Figure, ax: Any, title: str, xlabel: str, ylabel: str) -> Figure:
    ax.set_title(plain(title, 80))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig


def _legend(fig: Figure, handles: list[Any], title: str = "") -> None:
    """One legend under the chart, outside the bars it would otherwise hide."""
    if handles:
        fig.legend(handles=handles, title=title or None, loc="outside lower center",
                   ncol=min(len(handles), 4), fontsize=8.5, title_fontsize=9)


def _move_legend(fig: Figure, ax: Any, title: str = "", ncol: int = 4) -> None:
    """The axes' own legend (seaborn's) moved under the chart."""
    handles, labels = ax.get_legend_handles_labels()
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    if handles:
        fig.legend(handles, labels, title=title or None, loc="outside lower center",
                   ncol=max(1, min(len(handles), ncol)), fontsize=8.5, title_fontsize=9)


def _patches(colors: Mapping[str, str], names: Sequence[str],
             labels: Mapping[str, str] | None = None) -> list[Any]:
    return [Patch(color=colors.get(n, OTHER), label=(labels or {}).get(n, n)) for n in names]


def _line(color: str, style: str, label: str) -> Any:
    from matplotlib.lines import Line2D

    return Line2D([], [], color=color, linestyle=style, linewidth=1.3, label=label)


_BOX = {"facecolor": "white", "edgecolor": "none", "pad": 0.6, "alpha": 0.85}


def _points_by(ax: Any, xs: Any, ys: Any, groups: pd.Series | None,
               colors: Mapping[str, str], *, size: float, alpha: float | None = None) -> None:
    """Points coloured by group, drawn in the data's order as one collection, with one legend
    entry per group in order of appearance: what seaborn's scatterplot draws for a `hue`,
    at a fraction of its cost (it builds a semantic mapping for every call)."""
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    marks = {"s": size, "alpha": alpha, "edgecolors": "w", "linewidths": 0.75}
    if groups is None:
        ax.scatter(xs, ys, color=PALETTE[0], **marks)
        return
    names = [str(g) for g in groups]
    ax.scatter(xs, ys, c=[colors.get(n, OTHER) for n in names], **marks)
    for name in dict.fromkeys(names):  # legend handles only: nothing drawn
        ax.scatter([], [], color=colors.get(name, OTHER), label=name, **marks)


def _lines_by(ax: Any, data: pd.DataFrame, x: str, y: str, group: str) -> None:
    """One line with round markers per group, sorted by x, groups in order of appearance and
    coloured from the palette: what seaborn's lineplot draws for a `hue` with one value per
    point, at a fraction of its cost. Repeated (group, x) pairs are averaged, as seaborn's
    estimator would (without its confidence band: a band around a repeated label would
    suggest a sample where there is a duplicate)."""
    groups = list(dict.fromkeys(data[group]))
    colors = PALETTE if len(groups) <= len(PALETTE) else sns.color_palette("husl", len(groups))
    means = data.groupby([group, x], sort=False)[y].mean()
    for color, name in zip(colors, groups, strict=False):
        line = means.loc[name].sort_index()
        ax.plot(line.index.to_numpy(), line.to_numpy(dtype=float), marker="o", color=color,
                markeredgewidth=0.75, markeredgecolor="w", zorder=3, label=name)


def _hbars(frame: pd.DataFrame, label: str, value: str, colors: list[str], *, title: str,
           xlabel: str, reference: float | None, value_text: Any,
           percent_axis: bool = True) -> tuple[Figure, Any]:
    labels = _labels(frame, label)
    lines = sum(text.count("\n") + 1 for text in labels)
    height = max(2.8, 0.36 * lines + 2.0)
    fig, ax = plt.subplots(figsize=(FIGSIZE[0], min(height, MAX_HEIGHT)), layout="constrained")
    # the row labels' style before the rows' ticks exist: each tick is then made with it,
    # rather than made and restyled one by one (the same pixels, a twentieth of the chart)
    # rows squeezed onto one page get smaller type, never overlapping lines
    ax.tick_params(axis="y", labelsize=8.5 if height <= MAX_HEIGHT
                   else max(5.0, 8.5 * (MAX_HEIGHT - 2.0) / (height - 2.0)))
    ax.grid(axis="y", visible=False)
    values = frame[value].astype(float).to_numpy()
    # plain barh: seaborn's barplot adds nothing here and costs four times as much
    ax.barh(np.arange(len(labels)), values, height=0.62, color=colors)
    ax.set_yticks(np.arange(len(labels)), labels)
    ax.set_ylim(len(labels) - 0.5, -0.5)

    top = np.nanmax(values)
    low = min(np.nanmin(values), 0)
    span = max(top, reference or 0) - low
    for y, x in enumerate(values):
        ax.text(x + span * 0.012, y, value_text(x), va="center", ha="left", fontsize=8.5,
                color=REFERENCE, bbox=_BOX, zorder=4)
    if reference is not None:
        ax.axvline(reference, color=REFERENCE, linestyle="--", linewidth=1.2, zorder=3)
    ax.set_xlim(low - (span * 0.02 if low < 0 else 0), max(top, reference or 0) + span * 0.16)
    if percent_axis:
        ax.xaxis.set_major_formatter(percent_ticks())
    _finish(fig, ax, title, xlabel, "")
    return fig, ax


# --------------------------------------------------------------------------- report charts

def capaian_bar(frame: pd.DataFrame, *, label: str = "label", value: str = "capaian",
                title: str = "Capaian indikator kinerja terhadap target",
                xlabel: str = "Capaian (%)") -> Figure | None:
    """Horizontal bars of capaian, coloured by predikat, with the 100% target line."""
    data = _usable(frame, value)
    if data is None:
        return None
    predikat = data["predikat"] if "predikat" in data.columns else pd.Series(None, data.index)
    colors = [PREDIKAT_COLORS.get(p, OTHER) for p in predikat]
    with style():
        fig, _ax = _hbars(data, label, value, colors, title=title, xlabel=xlabel,
                          reference=100, value_text=pct)
        present = [p for p in PREDIKAT_COLORS if p in set(predikat)]
        _legend(fig, [*_patches(PREDIKAT_COLORS, present),
                      _line(REFERENCE, "--", "Target (100%)")], "Predikat")
    return fig


def serapan_bar(frame: pd.DataFrame, *, label: str = "label", value: str = "serapan",
                title: str = "Serapan anggaran per program dan kegiatan",
                xlabel: str = "Serapan (%)") -> Figure | None:
    """Serapan of each program and kegiatan (coloured by level), with the 100% line and the
    serapan of the whole budget (the JUMLAH row) as a dotted line."""
    data = _usable(frame, value)
    if data is None:
        return None
    total = data[data["level"] == "total"] if "level" in data.columns else data.iloc[0:0]
    data = data[data.get("level", pd.Series("", index=data.index)) != "total"]
    if data.empty:
        return None
    levels = data["level"] if "level" in data.columns else pd.Series("", index=data.index)
    colors = [LEVEL_COLORS.get(level, OTHER) for level in levels]
    with style():
        fig, ax = _hbars(data, label, value, colors, title=title, xlabel=xlabel,
                         reference=100, value_text=pct)
        present = [lv for lv in LEVEL_COLORS if lv in set(levels)]
        handles = [*_patches(LEVEL_COLORS, present, LEVEL_NAMES),
                   _line(REFERENCE, "--", "100%")]
        if len(total):
            whole = float(total[value].iloc[-1])
            ax.axvline(whole, color=PALETTE[1], linestyle=":", linewidth=1.6, zorder=3)
            handles.append(_line(PALETTE[1], ":", f"Serapan total {pct(whole)}"))
        _legend(fig, handles)
    return fig


def efisiensi_bar(frame: pd.DataFrame, *, label: str = "label", value: str = "efisiensi",
                  title: str = "Tingkat efisiensi per program dan kegiatan",
                  xlabel: str = "Efisiensi (poin persen)") -> Figure | None:
    """Efficiency of each line: green where positive (kinerja above the budget spent)."""
    data = _usable(frame, value)
    if data is None:
        return None
    if "level" in data.columns:
        data = data[data["level"] != "total"]
    if data.empty:
        return None
    colors = ["#1a7f37" if v >= 0 else "#cf222e" for v in data[value]]
    with style():
        fig, ax = _hbars(data, label, value, colors, title=title, xlabel=xlabel, reference=0,
                         value_text=lambda v: format_number(v, 2), percent_axis=False)
        ax.xaxis.set_major_formatter(number_ticks(0))
    return fig


def kinerja_vs_anggaran_scatter(frame: pd.DataFrame, *, x: str = "serapan",
                                y: str = "capaian", label: str = "no",
                                title: str = "Capaian kinerja dan serapan anggaran",
                                xlabel: str = "Serapan anggaran (%)",
                                ylabel: str = "Capaian kinerja (%)") -> Figure | None:
    """Each program/kegiatan as a point (numbered as in its table); above the dashed line the
    target is met, left of the dotted one the budget was not fully spent."""
    data = _usable(frame, x, y)
    if data is None:
        return None
    levels = data["level"] if "level" in data.columns else pd.Series("", index=data.index)
    with style():
        fig, ax = plt.subplots(figsize=(FIGSIZE[0], 5.5), layout="constrained")
        _points_by(ax, data[x], data[y], levels.map(LEVEL_NAMES).fillna("Lainnya"),
                   {LEVEL_NAMES.get(k, k): c for k, c in LEVEL_COLORS.items()}
                   | {"Lainnya": OTHER}, size=70, alpha=0.85)
        ax.axhline(100, color=REFERENCE, linestyle="--", linewidth=1.1)
        ax.axvline(100, color=REFERENCE, linestyle=":", linewidth=1.1)
        ax.xaxis.set_major_formatter(percent_ticks())
        ax.yaxis.set_major_formatter(percent_ticks())
        _move_legend(fig, ax, "Tingkat")
        _finish(fig, ax, title, xlabel, ylabel)
        _annotate(ax, data[x], data[y], data[label], limit=MAX_ROWS)
    return fig


def _padded(values: Sequence[float], minimum: float, share: float = 0.12) -> tuple[float, float]:
    """Axis limits around `values` with some room, at least `minimum` wide, so a cut line
    never sits on the frame and two close points are not blown up to the whole chart."""
    low, high = float(np.nanmin(values)), float(np.nanmax(values))
    middle, half = (low + high) / 2, max(high - low, minimum) / 2
    return middle - half * (1 + share), middle + half * (1 + share)


def _annotate(ax: Any, xs: Any, ys: Any, texts: Any, limit: int | None = None) -> None:
    """Point labels that never overlap: each label tries places right and left of its point,
    then further up and down (with a thin leader line), and takes the first that is inside
    the axes and clear of every text already on the figure. A label with no free place is
    left out (the table beside the chart names every point). With `limit`, only the points
    furthest from the middle are named."""
    points = pd.DataFrame({"x": np.asarray(xs, dtype=float), "y": np.asarray(ys, dtype=float),
                           "text": [plain(t, 22) for t in texts]})
    if limit is not None and len(points) > limit:
        spread = ((points["x"] - points["x"].median()).abs() / (points["x"].std() or 1)
                  + (points["y"] - points["y"].median()).abs() / (points["y"].std() or 1))
        points = points.loc[spread.sort_values(ascending=False).index[:limit]]
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    engine = fig.get_layout_engine()
    if engine is not None:  # the final layout first, so the boxes are where they will be
        engine.execute(fig)  # (the layout only: a whole draw here would double the chart's cost)
    fig.set_layout_engine("none")  # and keep it: a re-layout would move points, not offsets
    frame = ax.get_window_extent(renderer)
    placed: list[Any] = [Text.get_window_extent(t, renderer) for t in fig.findobj(Text)
                         if t.get_visible() and t.get_text().strip() and t.figure is fig]
    places = [(dx, dy) for step in range(12) for dy in ((4 + 5 * step, -4 - 5 * step - 8)
                                                       if step else (-4,))
              for dx in (6, -6)]
    for row in points.sort_values(["y", "x"], ascending=[False, True]).itertuples():
        note = ax.annotate(row.text, (row.x, row.y), xytext=(6, -4), textcoords="offset points",
                           fontsize=8, color=REFERENCE, zorder=6, va="bottom",
                           arrowprops={"arrowstyle": "-", "color": OTHER, "lw": 0.6,
                                       "shrinkA": 0, "shrinkB": 3})
        for dx, dy in places:
            note.xyann = (dx, dy)
            note.set_horizontalalignment("left" if dx > 0 else "right")
            note.update_positions(renderer)
            box = Text.get_window_extent(note, renderer)  # the text's box, not its leader
            inside = (box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0
                      and box.y1 <= frame.y1)
            if inside and not any(box.overlaps(other) for other in placed):
                placed.append(box.expanded(1.04, 1.1))
                break
        else:
            note.remove()


def benchmark_bars(frame: pd.DataFrame, *, label: str = "label",
                   title: str = "Perbandingan dengan kabupaten dan provinsi") -> Figure | None:
    """One small panel per indicator (their scales differ): kecamatan, kabupaten, provinsi."""
    data = _usable(frame, "kecamatan_value")
    if data is None:
        return None
    long = data.melt(id_vars=[label], value_vars=["kecamatan_value", "kabupaten_value",
                                                  "provinsi_value"],
                     var_name="wilayah", value_name="nilai").dropna(subset=["nilai"])
    names = {"kecamatan_value": "Kecamatan", "kabupaten_value": "Kabupaten",
             "provinsi_value": "Provinsi"}
    long["wilayah"] = long["wilayah"].map(names)
    panels = list(dict.fromkeys(data[label]))
    with style():
        fig, axes = plt.subplots(1, len(panels), figsize=(min(3.2 * len(panels) + 1, 12), 3.8),
                                 layout="constrained", squeeze=False)
        for ax, panel in zip(axes[0], panels, strict=True):
            part = long[long[label] == panel]
            values = part.groupby("wilayah")["nilai"].mean().reindex(names.values())
            # plain bars: seaborn's barplot draws the same three bars at four times the cost
            ax.bar(range(3), values.fillna(0).to_numpy(), width=0.8, color=PALETTE[:3])
            ax.set_xticks(range(3), list(names.values()))
            for i, v in enumerate(values):
                if pd.notna(v):
                    ax.text(i, v, format_number(v, 2), ha="center", va="bottom", fontsize=8.5)
            ax.set_title(plain(panel, 28), fontsize=10.5, loc="center")
            ax.set_xlabel("")
            ax.set_ylabel("Nilai")
            ax.yaxis.set_major_formatter(number_ticks(0))
        fig.suptitle(plain(title, 90), fontweight="bold", x=0.01, ha="left")
    return fig


def trend_lines(frame: pd.DataFrame, *, x: str = "tahun", y: str = "capaian",
                hue: str = "label", title: str = "Capaian indikator per tahun",
                xlabel: str = "Tahun", ylabel: str = "Capaian (%)",
                reference: float | None = 100, percent: bool = True) -> Figure | None:
    """One line per indicator (or program) across the years."""
    data = _usable(frame, x, y)
    if data is None:
        return None
    data = data.assign(_hue=[plain(h, 45) for h in data[hue]], _x=data[x].astype(int))
    with style():
        fig, ax = plt.subplots(figsize=FIGSIZE, layout="constrained")
        _lines_by(ax, data, "_x", y, "_hue")
        if reference is not None:
            ax.axhline(reference, color=REFERENCE, linestyle="--", linewidth=1.1, zorder=1)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: str(int(v))))
        ax.yaxis.set_major_formatter(percent_ticks() if percent else number_ticks(0))
        _move_legend(fig, ax, ncol=2)
        _finish(fig, ax, title, xlabel, ylabel)
    return fig


def indicator_panels(frame: pd.DataFrame, *, x: str = "tahun", y: str = "realisasi",
                     target: str = "target", panel: str = "label",
                     title: str = "Target dan realisasi indikator per tahun") -> Figure | None:
    """Small multiples, one per indicator in its own unit: realisasi (line) and target
    (dashed) across the years."""
    data = _usable(frame, x, y)
    if data is None:
        return None
    panels = list(dict.fromkeys(data[panel]))
    cols = min(3, len(panels))
    rows = int(np.ceil(len(panels) / cols))
    with style():
        fig, axes = plt.subplots(rows, cols, figsize=(3.6 * cols + 0.6, 2.9 * rows + 0.6),
                                 layout="constrained", squeeze=False)
        for ax, name in zip(axes.flat, panels, strict=False):
            part = data[data[panel] == name].sort_values(x)
            ax.plot(part[x], part[y], marker="o", color=PALETTE[0], label="Realisasi")
            if target in part.columns and part[target].notna().any():
                ax.plot(part[x], part[target], linestyle="--", marker=".", color=PALETTE[1],
                        label="Target")
            ax.set_title(plain(name, 34), fontsize=9.5, loc="center")
            years = sorted(int(v) for v in part[x].unique())
            shown = years if len(years) <= 3 else years[:: -(-len(years) // 3)]
            ax.set_xticks(shown, [str(v) for v in shown])
            ax.set_xlim(min(years) - 0.4, max(years) + 0.4)
            ax.yaxis.set_major_formatter(number_ticks(1 if part[y].max() < 20 else 0))
            ax.set_xlabel("Tahun")
        for ax in list(axes.flat)[len(panels):]:
            ax.set_visible(False)
        _move_legend(fig, axes.flat[0])
        fig.suptitle(plain(title, 90), fontweight="bold", x=0.01, ha="left")
    return fig


def budget_trend(frame: pd.DataFrame, *, x: str = "tahun",
                 title: str = "Pagu dan realisasi anggaran per tahun") -> Figure | None:
    """Pagu and realisasi side by side per year, serapan written above each pair."""
    data = _usable(frame, x, "pagu")
    if data is None:
        return None
    long = data.melt(id_vars=[x], value_vars=["pagu", "realisasi"], var_name="jenis",
                     value_name="rupiah")
    long["jenis"] = long["jenis"].map({"pagu": "Pagu", "realisasi": "Realisasi"})
    long[x] = long[x].astype(int).astype(str)
    with style():
        fig, ax = plt.subplots(figsize=(FIGSIZE[0], 4.5), layout="constrained")
        places = np.arange(len(data))
        ax.bar(places - 0.2, data["pagu"].astype(float), width=0.4, color=PALETTE[0],
               label="Pagu")
        ax.bar(places + 0.2, data["realisasi"].astype(float), width=0.4, color=PALETTE[2],
               label="Realisasi")
        ax.set_xticks(places, [str(int(v)) for v in data[x]])
        ax.grid(axis="x", visible=False)
        for i, row in enumerate(data.itertuples()):
            if pd.notna(row.serapan):
                ax.text(i, max(row.pagu, row.realisasi) * 1.02, f"serapan {pct(row.serapan)}",
                        ha="center", va="bottom", fontsize=8.5)
        ax.yaxis.set_major_formatter(rupiah_ticks())
        ax.set_ylim(0, float(np.nanmax(long["rupiah"])) * 1.15)
        _move_legend(fig, ax)
        _finish(fig, ax, title, "Tahun", "Rupiah (M = miliar, jt = juta)")
    return fig


# --------------------------------------------------------------------------- comparison charts

def ranking_bar(frame: pd.DataFrame, *, label: str = "kecamatan", value: str = "capaian_iku",
                color_by: str | None = "predikat", colors: Mapping[str, str] | None = None,
                title: str = "Rata-rata capaian IKU per kecamatan",
                xlabel: str = "Rata-rata capaian IKU (%)", reference: float | None = 100,
                percent: bool = True, legend_title: str = "Predikat") -> Figure | None:
    """Kecamatan as horizontal bars, best first, coloured by a category (predikat, grade)."""
    data = _usable(frame, value)
    if data is None:
        return None
    data = data.sort_values(value, ascending=False, kind="stable").reset_index(drop=True)
    if len(data) > MAX_ROWS:  # a page holds MAX_ROWS bars: the best and the worst
        half = MAX_ROWS // 2
        title = f"{title} ({half} teratas dan {half} terbawah dari {len(data)})"
        data = pd.concat([data.head(half), data.tail(half)]).reset_index(drop=True)
    palette = dict(colors or PREDIKAT_COLORS)
    groups = data[color_by] if color_by and color_by in data.columns else pd.Series(
        None, index=data.index)
    bar_colors = [palette.get(g, PALETTE[0] if g is None else OTHER) for g in groups]
    text = pct if percent else (lambda v: format_number(v, 2))
    with style():
        fig, ax = _hbars(data.drop(columns=["no"], errors="ignore"), label, value, bar_colors,
                         title=title, xlabel=xlabel, reference=reference, value_text=text,
                         percent_axis=percent)
        if not percent:
            ax.xaxis.set_major_formatter(number_ticks(0))
        present = [g for g in palette if g in set(groups)]
        handles = _patches(palette, present)
        if reference is not None:
            handles.append(_line(REFERENCE, "--", pct(reference, 0) if percent
                                 else format_number(reference, 0)))
        _legend(fig, handles, legend_title)
    return fig


MAX_ROWS = 40
"""Most rows (bars, heatmap rows) a chart names one by one and still fits on a page."""


def _key_labels(names: Sequence[str], width: int) -> tuple[list[str], str]:
    """Column labels that fit their column: wrapped to `width` characters and three lines;
    when a name is longer than that, every column gets a code (I1, I2, …) and the key
    written under the chart says which indicator each code is."""
    wrapped = [textwrap.wrap(plain(n, None), width) for n in names]
    if all(len(lines) <= 3 for lines in wrapped):
        return ["\n".join(lines) for lines in wrapped], ""
    codes = [f"I{i + 1}" for i in range(len(names))]
    key = "; ".join(f"{c} = {plain(n, None)}" for c, n in zip(codes, names, strict=True))
    return codes, key


def heatmap(frame: pd.DataFrame, *, index: str = "kecamatan", columns: str = "label",
            values: str = "capaian", title: str = "Capaian IKU per kecamatan dan indikator",
            colorbar: str = "Capaian (%)", ylabel: str = "Kecamatan") -> Figure | None:
    """Rows × indicator, coloured around 100% (red below, green above), each cell written the
    Indonesian way. Long indicator names are wrapped, or coded with a key under the chart;
    above MAX_ROWS rows only the rows with the lowest mean are drawn (the title says so)."""
    data = _usable(frame, index, columns, values)
    if data is None:
        return None
    order = list(data[columns].value_counts().index)
    grid = data.pivot_table(index=index, columns=columns, values=values, aggfunc="first")
    grid = grid[order].sort_index()
    if len(grid) > MAX_ROWS:
        lowest = grid.mean(axis=1).sort_values().index[:MAX_ROWS]
        grid = grid.loc[sorted(lowest)]
        title = f"{title} ({MAX_ROWS} terendah dari {len(data[index].unique())})"
    spread = float(np.nanmax(np.abs(grid.to_numpy() - 100))) if grid.notna().any().any() else 10
    spread = min(max(spread, 10), 60)
    annot = grid.map(lambda v: "" if pd.isna(v) else format_number(v, 1))
    width = min(2.4 + 1.35 * len(order), 14)
    cell_chars = max(8, int((width - 2.4) / max(len(order), 1) * 72 / 8.5 * 1.6))
    xlabels, key = _key_labels([str(c) for c in grid.columns], cell_chars)
    height = min(max(3.4, 2.2 + 0.3 * len(grid) + 0.2 * max(t.count("\n") for t in xlabels)),
                 MAX_HEIGHT)
    with style():
        fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
        ax.set_facecolor("#eaeef2")  # a cell the report does not have
        with _quiet_deprecations():
            sns.heatmap(grid, annot=annot.to_numpy(), fmt="", cmap="RdYlGn", center=100,
                        vmin=100 - spread, vmax=100 + spread, linewidths=0.5,
                        linecolor="white", ax=ax, annot_kws={"fontsize": 8},
                        xticklabels=xlabels, yticklabels=[plain(i, 30) for i in grid.index],
                        cbar_kws={"label": colorbar, "format": percent_ticks()})
        ax.tick_params(axis="x", labelrotation=0, labelsize=8)
        ax.tick_params(axis="y", labelrotation=0, labelsize=8.5)
        # the title stays above the cells, clear of the colour bar beside them
        _finish(fig, ax, "", "Indikator", ylabel)
        ax.set_title(plain(title, max(30, int((width - 1.8) * 72 / 8.2))))
        if key:
            key_text = plain(f"Indikator: {key}", int(width * 72 / 4.6))
            fig.text(0.01, 0.005, key_text, fontsize=8, ha="left", va="bottom")
            bottom = min(0.3, (0.2 + 0.16 * key_text.count("\n")) / height)
            fig.get_layout_engine().set(rect=(0, bottom, 1, 1 - bottom))
    return fig


def histogram(frame: pd.DataFrame, value: str, *, title: str, xlabel: str,
              reference: float | None = 100, percent: bool = True) -> Figure | None:
    """How many reports fall in each band of `value`: the picture of thousands of kecamatan
    when their names no longer fit."""
    data = _usable(frame, value)
    if data is None:
        return None
    with style():
        fig, ax = plt.subplots(figsize=(FIGSIZE[0], 4.2), layout="constrained")
        ax.hist(data[value].astype(float), bins=min(40, max(8, len(data) // 10)),
                color=PALETTE[0], edgecolor="white")
        if reference is not None and percent:
            ax.axvline(reference, color=REFERENCE, linestyle="--", linewidth=1.1)
        ax.xaxis.set_major_formatter(percent_ticks() if percent else number_ticks())
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_formatter(number_ticks(0))
        _finish(fig, ax, title, xlabel, "Jumlah laporan")
    return fig


def quadrant_density(frame: pd.DataFrame, *, x: str = "serapan", y: str = "capaian_iku",
                     x_cut: float | None = None, y_cut: float = 100,
                     title: str = "Kuadran kinerja dan serapan anggaran",
                     xlabel: str = "Serapan anggaran (%)",
                     ylabel: str = "Rata-rata capaian IKU (%)") -> Figure | None:
    """The quadrant chart for thousands of kecamatan: hexagons shaded by how many kecamatan
    fall there, instead of labelled points."""
    data = _usable(frame, x, y)
    if data is None:
        return None
    x_cut = float(data[x].median()) if x_cut is None else x_cut
    with style():
        fig, ax = plt.subplots(figsize=(FIGSIZE[0], 5.8), layout="constrained")
        cells = ax.hexbin(data[x].astype(float), data[y].astype(float), gridsize=35,
                          cmap="Blues", mincnt=1, linewidths=0.2)
        fig.colorbar(cells, ax=ax, label="Jumlah kecamatan", format=number_ticks(0))
        ax.axhline(y_cut, color=REFERENCE, linestyle="--", linewidth=1.1)
        ax.axvline(x_cut, color=REFERENCE, linestyle=":", linewidth=1.1)
        ax.xaxis.set_major_formatter(percent_ticks())
        ax.yaxis.set_major_formatter(percent_ticks())
        _finish(fig, ax, title, xlabel, ylabel)
    return fig


def distribution(frame: pd.DataFrame, *, x: str = "capaian", y: str = "label",
                 title: str = "Sebaran capaian per indikator",
                 xlabel: str = "Capaian (%)", points: bool = True) -> Figure | None:
    """Box per indicator with every kecamatan as a point; outliers (frame["outlier"]) in red
    and named."""
    data = _usable(frame, x, y)
    if data is None:
        return None
    data = data.assign(baris_label=[plain(v, 36) for v in data[y]])
    order = list(dict.fromkeys(data["baris_label"]))
    with style():
        fig, ax = plt.subplots(figsize=(FIGSIZE[0], max(3.0, 0.75 * len(order) + 1.5)),
                               layout="constrained")
        with _quiet_deprecations():
            sns.boxplot(data=data, x=x, y="baris_label", order=order, ax=ax, color="#dbe9ff",
                        fliersize=0, width=0.5, linewidth=1)
        if points:
            with _fixed_jitter():
                sns.stripplot(data=data, x=x, y="baris_label", order=order, ax=ax,
                              color=PALETTE[0], size=5, jitter=0.12, alpha=0.8)
        if points and "outlier" in data.columns and data["outlier"].any():
            odd = data[data["outlier"].astype(bool)]
            ax.scatter(odd[x], [order.index(v) for v in odd["baris_label"]], color=PALETTE[1], s=50,
                       zorder=5, label="Pencilan")
        _move_legend(fig, ax)
        ax.axvline(100, color=REFERENCE, linestyle="--", linewidth=1.1)
        ax.xaxis.set_major_formatter(percent_ticks())
        _finish(fig, ax, title, xlabel, "")
        if points and "outlier" in data.columns and data["outlier"].any():
            odd = data[data["outlier"].astype(bool)]
            names = odd["kecamatan"] if "kecamatan" in odd.columns else pd.Series("", odd.index)
            _annotate(ax, odd[x], [order.index(v) for v in odd["baris_label"]], names,
                      limit=MAX_ROWS)
    return fig


def quadrant_scatter(frame: pd.DataFrame, *, x: str = "serapan", y: str = "capaian_iku",
                     label: str = "kecamatan", hue: str = "kuadran",
                     x_cut: float | None = None, y_cut: float = 100,
                     title: str = "Kuadran kinerja dan serapan anggaran",
                     xlabel: str = "Serapan anggaran (%)",
                     ylabel: str = "Rata-rata capaian IKU (%)") -> Figure | None:
    """Kecamatan placed by serapan and capaian, coloured by quadrant, with both cut lines."""
    data = _usable(frame, x, y)
    if data is None:
        return None
    x_cut = float(data[x].median()) if x_cut is None else x_cut
    with style():
        fig, ax = plt.subplots(figsize=(FIGSIZE[0], 5.8), layout="constrained")
        hue_values = data[hue].astype(object).fillna("-") if hue in data.columns else None
        _points_by(ax, data[x], data[y], hue_values, QUADRANT_COLORS | {"-": OTHER}, size=80)
        ax.axhline(y_cut, color=REFERENCE, linestyle="--", linewidth=1.1,
                   label=f"Capaian {pct(y_cut, 0)}")
        ax.axvline(x_cut, color=REFERENCE, linestyle=":", linewidth=1.1,
                   label=f"Median serapan {pct(x_cut)}")
        ax.set_xlim(*_padded([*data[x], x_cut], minimum=6))
        ax.set_ylim(*_padded([*data[y], y_cut], minimum=6))
        ax.xaxis.set_major_formatter(percent_ticks())
        ax.yaxis.set_major_formatter(percent_ticks())
        _move_legend(fig, ax, "Kuadran", ncol=2)
        _finish(fig, ax, title, xlabel, ylabel)
        _annotate(ax, data[x], data[y], data[label], limit=MAX_ROWS // 2)
    return fig


def findings_bar(frame: pd.DataFrame, *, label: str = "kecamatan",
                 title: str = "Jumlah inkonsistensi per kecamatan") -> Figure | None:
    """Stacked bars of findings per kecamatan: kesalahan, peringatan, info."""
    data = _usable(frame, label)
    if data is None or "total" not in data.columns or data["total"].sum() == 0:
        return None
    if len(data) > MAX_ROWS:
        title = f"{title} ({MAX_ROWS} terbanyak dari {len(data)})"
        data = data.sort_values(["total", label], ascending=[False, True]).head(MAX_ROWS)
    data = data.sort_values(["total", label], ascending=[True, False]).reset_index(drop=True)
    with style():
        fig, ax = plt.subplots(figsize=(FIGSIZE[0], min(max(2.8, 0.38 * len(data) + 1.4),
                                                        MAX_HEIGHT)),
                               layout="constrained")
        left = np.zeros(len(data))
        names = [plain(n, 30) for n in data[label]]
        for severity in ("error", "warning", "info"):
            counts = data[severity].to_numpy(dtype=float)
            ax.barh(names, counts, left=left, color=SEVERITY_COLORS[severity],
                    label=SEVERITY_NAMES[severity])
            left += counts
        for y, total in enumerate(left):
            ax.text(total + 0.1, y, format_number(total, 0), va="center", fontsize=8.5)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_formatter(number_ticks(0))
        _move_legend(fig, ax)
        _finish(fig, ax, title, "Jumlah temuan", "")
    return fig
