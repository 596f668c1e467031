"""The sections comparing every kecamatan of one year (notebooks/cross_kecamatan.ipynb).

Rows: the IKU of each report for its own year (`common.iku_rows`), each report's budget total
(`compare.budget_totals`), its SAKIP score (`common.sakip_scores`) and the findings of that
year. Rankings, outliers and quadrants come from `compare`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from sakip_analysis.analysis.compare import (
    QUADRANTS,
    league_table,
    outliers,
    quadrant,
    rank,
    zscores,
)
from sakip_analysis.report.views.common import (
    FINDINGS_MISSING,
    PREDIKAT_CSS,
    SEVERITY_CSS,
    Tables,
    View,
    canonical_name,
    escape_md,
    findings_of,
    fmt_int,
    fmt_percent,
    fmt_rupiah,
    iku_rows,
    markdown,
    number_formatter,
    of_report,
    percent_formatter,
    sakip_scores,
    unit_label,
)

#: The tables this page reads (findings.csv aside; a notebook loads only these).
TABLES = ("tables", "indicators", "budget", "sakip_components")


def kecamatan_of_year(tables: Tables, year: int) -> list[str]:
    """Kecamatan with a report for `year`, sorted."""
    catalog = of_report(tables["tables"], None, year)
    return sorted(set(catalog["kecamatan"].dropna().astype(str)))


def cross_header(tables: Tables, year: int, limit: int | None = None) -> Any:
    """Which kecamatan are compared (named when there are at most `limit`)."""
    names = kecamatan_of_year(tables, year)
    if not names:
        return markdown(f"**Tidak ada laporan kecamatan tahun {int(year)} dalam data.** "
                        "Bagian-bagian di bawah ini kosong.")
    kabupaten = canonical_name(of_report(tables["tables"], None, year)["kabupaten"])
    where = f" Kabupaten {escape_md(kabupaten)}" if kabupaten else ""
    catalog = of_report(tables["tables"], None, year)
    n_kab = catalog["kabupaten"].dropna().nunique()
    if kabupaten and n_kab > 1:
        where = f" dari {fmt_int(n_kab)} kabupaten"
    unit = unit_label(tables).lower() if unit_label(tables) == "Kecamatan" else unit_label(tables)
    head = f"**Perbandingan {fmt_int(len(names))} {unit}{where} tahun {int(year)}"
    if limit is not None and len(names) > limit:
        return markdown(head + ".** Kecamatan terlalu banyak untuk diberi nama satu per satu: "
                        "grafik meringkas per kabupaten, daftar teratas dan terbawah, dan "
                        "sebaran. Pilih satu kabupaten dengan parameter `kabupaten`.")
    return markdown(head + f":** {', '.join(escape_md(n) for n in names)}.")


# --------------------------------------------------------------------------- league table

def league_frame(tables: Tables, year: int) -> pd.DataFrame:
    """`compare.league_table` of the year with each report's SAKIP score."""
    scores = sakip_scores(tables, year)
    indicators = of_report(tables["indicators"], None, year)
    if indicators.empty:
        return pd.DataFrame(columns=["rank", "kecamatan", "capaian_iku", "serapan"])
    table = league_table(indicators, of_report(tables["budget"], None, year), int(year),
                         sakip=scores[["kabupaten", "kecamatan", "year", "nilai"]]
                         if len(scores) else None)
    table = table.dropna(subset=["kecamatan"])
    for column in ("predikat", "grade_sakip"):
        if column in table.columns:
            table[column] = table[column].astype(object).where(table[column].notna(), None)
    table["label"] = table["kecamatan"]
    return table.reset_index(drop=True)


def league_view(tables: Tables, year: int) -> View:
    return View(
        league_frame(tables, year),
        {"rank": "Peringkat", "kecamatan": "Kecamatan", "capaian_iku": "Rata-rata capaian IKU (%)",
         "predikat": "Predikat", "n_iku": "Jumlah IKU", "pagu": "Pagu (Rp)",
         "serapan": "Serapan (%)", "rank_serapan": "Peringkat serapan",
         "nilai_sakip": "Nilai SAKIP", "grade_sakip": "Predikat SAKIP"},
        f"Tidak ada data capaian IKU tahun {int(year)}.",
        formats={"rank": fmt_int, "capaian_iku": percent_formatter(), "n_iku": fmt_int,
                 "pagu": fmt_rupiah, "serapan": percent_formatter(), "rank_serapan": fmt_int,
                 "nilai_sakip": number_formatter(2)},
        cell_css={"predikat": lambda p: PREDIKAT_CSS.get(p, "")},
    )


def league_summary(league: View | pd.DataFrame) -> Any:
    """Best and worst average capaian, and how many kecamatan are below 100%."""
    frame = league.frame if isinstance(league, View) else league
    table = frame.dropna(subset=["capaian_iku"]) if len(frame) else frame
    if table.empty:
        return markdown("")
    best, worst = table.iloc[0], table.iloc[-1]
    text = (f"Rata-rata capaian IKU tertinggi: **{escape_md(best['kecamatan'])}** "
            f"({fmt_percent(best['capaian_iku'])}); terendah: "
            f"**{escape_md(worst['kecamatan'])}** ({fmt_percent(worst['capaian_iku'])}).")
    below = table[table["capaian_iku"] < 100]
    text += (f" {fmt_int(len(below))} dari {fmt_int(len(table))} kecamatan rata-rata "
             "capaiannya di bawah "
             "100%.")
    return markdown(text)


def iku_matrix(tables: Tables, year: int) -> pd.DataFrame:
    """Capaian of each IKU of each kecamatan (long: kecamatan, label, key, capaian).

    Indicators are matched across kecamatan by name without the kecamatan's own name; the
    label shown is the spelling most reports use.
    """
    rows = iku_rows(tables["indicators"], year)
    if rows.empty:
        return pd.DataFrame(columns=["kecamatan", "label", "key", "capaian", "predikat"])
    labels = rows.groupby("key")["label"].agg(lambda s: s.mode().iloc[0])
    out = pd.DataFrame({"kecamatan": rows["kecamatan"], "key": rows["key"],
                        "label": rows["key"].map(labels), "capaian": rows["capaian"],
                        "predikat": rows["predikat"].astype(object)})
    return out.drop_duplicates(["kecamatan", "key"]).reset_index(drop=True)


def matrix_rows(long: pd.DataFrame, league: pd.DataFrame | None = None,
                limit: int | None = None) -> pd.DataFrame:
    """The heatmap's rows: one per kecamatan (column `baris`), or, above `limit` kecamatan,
    one per kabupaten with the mean capaian of its kecamatan (and above `limit` kabupaten,
    the `limit` kabupaten with the lowest and highest mean), so no chart is taller than a
    page."""
    if long.empty:
        return long.assign(baris=[])
    if limit is None or long["kecamatan"].nunique() <= limit:
        return long.assign(baris=long["kecamatan"])
    kabupaten = (league.set_index("kecamatan")["kabupaten"]
                 if league is not None and "kabupaten" in league.columns else None)
    rows = long.assign(baris=long["kecamatan"].map(kabupaten) if kabupaten is not None
                       else "Semua")
    means = rows.groupby(["baris", "key", "label"], as_index=False)["capaian"].mean()
    if means["baris"].nunique() > limit:
        overall = means.groupby("baris")["capaian"].mean().sort_values()
        keep = set(overall.index[: limit // 2]) | set(overall.index[-(limit // 2):])
        means = means[means["baris"].isin(keep)]
    return means


def matrix_view(rows: pd.DataFrame) -> View:
    """Row × indicator table of capaian (the heatmap's numbers; rows from `matrix_rows`)."""
    if rows.empty:
        return View(pd.DataFrame(), {}, "Tidak ada data capaian IKU tahun ini.")
    order = list(rows["label"].value_counts(sort=True).index)
    wide = rows.pivot_table(index="baris", columns="label", values="capaian",
                            aggfunc="first")[order].reset_index()
    wide.columns.name = None
    columns = {"baris": "Kecamatan/Kabupaten", **{label: label for label in order}}
    return View(wide, columns, "", formats={label: percent_formatter() for label in order})


def distribution_frame(long: pd.DataFrame) -> pd.DataFrame:
    """The long capaian frame (`iku_matrix`) with z-score and outlier flags within each
    indicator (`compare.zscores`, `compare.outliers` by Tukey's fences)."""
    if long.empty:
        return long.assign(z=[], outlier=[], median=[])
    long = long.copy()
    long["z"] = zscores(long, "capaian", by="key")
    long["outlier"] = outliers(long, "capaian", by="key", method="iqr")
    long["median"] = long.groupby("key")["capaian"].transform("median")
    return long


def outlier_view(frame: pd.DataFrame, limit: int | None = None) -> View:
    """The outliers, furthest from the median first when `limit` cuts the list."""
    flagged = frame[frame["outlier"].astype(bool)] if len(frame) else frame
    if limit is not None and len(flagged) > limit:
        flagged = flagged.reindex(flagged["z"].abs().sort_values(ascending=False).index)
        flagged = flagged.head(limit)
    flagged = flagged.sort_values(["label", "capaian"]) if len(flagged) else flagged
    note = "Tidak ada capaian yang menyimpang jauh dari kecamatan lain (pencilan)."
    return View(flagged.reset_index(drop=True),
                {"kecamatan": "Kecamatan", "label": "Indikator", "capaian": "Capaian (%)",
                 "median": "Median semua kecamatan (%)", "z": "Skor z"}, note,
                formats={"capaian": percent_formatter(), "median": percent_formatter(),
                         "z": number_formatter(2)})


# --------------------------------------------------------------------------- many kecamatan

def is_large(league: pd.DataFrame, limit: int) -> bool:
    """More kecamatan than a chart can name one by one."""
    return len(league) > limit


def kabupaten_frame(league: pd.DataFrame) -> pd.DataFrame:
    """Per kabupaten: number of kecamatan, mean capaian IKU, median serapan, and how many
    kecamatan reach 100%."""
    if league.empty or "kabupaten" not in league.columns:
        return pd.DataFrame(columns=["kabupaten", "n", "capaian_iku", "serapan", "tercapai"])
    table = league.assign(_ok=league["capaian_iku"] >= 100)
    out = table.groupby("kabupaten", as_index=False).agg(
        n=("kecamatan", "size"), capaian_iku=("capaian_iku", "mean"),
        serapan=("serapan", "median") if "serapan" in table.columns else ("capaian_iku", "size"),
        tercapai=("_ok", "sum"))
    out["rank"] = rank(out, "capaian_iku")
    out["label"] = out["kabupaten"]
    return out.sort_values(["rank", "kabupaten"], na_position="last").reset_index(drop=True)


def kabupaten_view(league: pd.DataFrame, limit: int | None = None) -> View:
    """The kabupaten table; above `limit` kabupaten, the best and worst `limit // 2`."""
    frame = kabupaten_frame(league)
    if limit is not None and len(frame) > limit:
        frame = top_bottom(frame, "capaian_iku", limit // 2)
    return View(frame,
                {"rank": "Peringkat", "kabupaten": "Kabupaten", "n": "Jumlah kecamatan",
                 "capaian_iku": "Rata-rata capaian IKU (%)", "serapan": "Median serapan (%)",
                 "tercapai": "Kecamatan mencapai 100%"},
                "Tidak ada data capaian IKU per kabupaten.",
                formats={"rank": fmt_int, "n": fmt_int, "capaian_iku": percent_formatter(),
                         "serapan": percent_formatter(), "tercapai": fmt_int})


def top_bottom(frame: pd.DataFrame, value: str, n: int) -> pd.DataFrame:
    """The `n` highest and `n` lowest rows by `value` (all rows when there are few)."""
    data = frame.dropna(subset=[value]).sort_values(value, ascending=False, kind="stable")
    if len(data) <= 2 * n:
        return data.reset_index(drop=True)
    return pd.concat([data.head(n), data.tail(n)]).reset_index(drop=True)


def top_bottom_view(league: View, n: int) -> View:
    """The league table cut to its best and worst `n` kecamatan."""
    return View(top_bottom(league.frame, "capaian_iku", n), league.columns, league.note,
                formats=league.formats, cell_css=league.cell_css)


def quadrant_counts_view(view: QuadrantView) -> View:
    """How many kecamatan fall in each quadrant (per kabupaten when the data has several)."""
    frame = view.frame
    if frame.empty:
        return View(frame, {}, view.note)
    counts = frame["kuadran"].value_counts()
    out = pd.DataFrame({"kuadran": list(QUADRANTS),
                        "n": [int(counts.get(q, 0)) for q in QUADRANTS]})
    out["share"] = out["n"] / max(int(out["n"].sum()), 1) * 100
    return View(out, {"kuadran": "Kuadran", "n": "Jumlah kecamatan", "share": "Bagian (%)"},
                view.note, formats={"n": fmt_int, "share": percent_formatter(1)})


def grade_count_view(scores: pd.DataFrame) -> View:
    """How many reports have each SAKIP predikat."""
    from sakip_analysis.analysis.indicators import SAKIP_GRADE_LABELS

    if scores.empty:
        return View(scores, {}, "Tidak ada nilai SAKIP tahun ini dalam data.")
    counts = scores["grade"].value_counts()
    out = pd.DataFrame({"grade": list(SAKIP_GRADE_LABELS)})
    out["arti"] = out["grade"].map(SAKIP_GRADE_LABELS)
    out["n"] = [int(counts.get(g, 0)) for g in out["grade"]]
    return View(out, {"grade": "Predikat", "arti": "Arti", "n": "Jumlah laporan"}, "",
                formats={"n": fmt_int})


def matrix_caption(rows: pd.DataFrame, league: pd.DataFrame, limit: int) -> Any:
    """What the heatmap's rows are when there are too many kecamatan to show one by one."""
    if len(league) <= limit or rows.empty:
        return markdown("")
    total = league["kabupaten"].nunique() if "kabupaten" in league.columns else 1
    shown = rows["baris"].nunique()
    text = (f"Setiap baris adalah satu kabupaten: rata-rata capaian kecamatannya per "
            f"indikator ({fmt_int(len(league))} kecamatan).")
    if shown < total:
        text += (f" Ditampilkan {fmt_int(shown)} dari {fmt_int(total)} kabupaten: yang rata-rata "
                 "capaiannya paling rendah dan paling tinggi.")
    return markdown(text)


def most_findings(counts: pd.DataFrame, n: int) -> pd.DataFrame:
    """The `n` reports with the most findings, most errors first."""
    return counts.sort_values(["error", "total", "kecamatan"], ascending=[False, False, True],
                              kind="stable").head(n).reset_index(drop=True)


# --------------------------------------------------------------------------- quadrant

def quadrant_frame(tables: Tables, year: int,
                   league: pd.DataFrame | None = None) -> pd.DataFrame:
    """League rows with both figures and their kinerja-versus-serapan quadrant: kinerja high
    at ≥ 100%, serapan high at or above the median of the year (`compare.quadrant`).
    `league`: the year's league table when the notebook already has it."""
    table = league_frame(tables, year) if league is None else league.copy()
    if table.empty or "serapan" not in table.columns:
        return pd.DataFrame(columns=["kecamatan", "capaian_iku", "serapan", "kuadran"])
    table = table.dropna(subset=["capaian_iku", "serapan"]).reset_index(drop=True)
    table["kuadran"] = quadrant(table).astype(object)
    return table


def serapan_cut(frame: pd.DataFrame) -> float | None:
    """Where the serapan line of the quadrants sits: the median serapan of the year."""
    return float(frame["serapan"].median()) if len(frame) else None


@dataclass(repr=False)  # View.__repr__: one line, not the frame
class QuadrantView(View):
    """The quadrant table and the serapan line it was cut at."""

    cut: float | None = None


def quadrant_view(tables: Tables, year: int, league: pd.DataFrame | None = None) -> QuadrantView:
    frame = quadrant_frame(tables, year, league)
    return QuadrantView(frame,
                        {"kecamatan": "Kecamatan", "capaian_iku": "Rata-rata capaian IKU (%)",
                         "serapan": "Serapan anggaran (%)", "kuadran": "Kuadran"},
                        f"Tidak ada kecamatan dengan capaian IKU dan serapan anggaran tahun "
                        f"{int(year)}.",
                        formats={"capaian_iku": percent_formatter(),
                                 "serapan": percent_formatter()},
                        cut=serapan_cut(frame))


def quadrant_summary(view: QuadrantView) -> Any:
    frame = view.frame
    if frame.empty:
        return markdown("")
    counts = frame["kuadran"].value_counts()
    parts = [f"{label}: {int(counts.get(label, 0))}" for label in QUADRANTS]
    return markdown(f"Garis kinerja pada capaian 100%; garis serapan pada median "
                    f"{fmt_percent(view.cut)}. Jumlah kecamatan per kuadran "
                    f"— {'; '.join(parts)}.")


# --------------------------------------------------------------------------- SAKIP

def sakip_frame(tables: Tables, year: int) -> pd.DataFrame:
    scores = sakip_scores(tables, year)
    if scores.empty:
        return scores.assign(rank=[])
    scores["rank"] = rank(scores, "nilai")
    scores["label"] = scores["kecamatan"]
    return scores.sort_values(["rank", "kecamatan"], na_position="last").reset_index(drop=True)


def sakip_view(tables: Tables, year: int) -> View:
    return View(sakip_frame(tables, year),
                {"rank": "Peringkat", "kecamatan": "Kecamatan", "nilai": "Nilai SAKIP",
                 "grade": "Predikat", "arti": "Arti", "sumber": "Sumber"},
                f"Tidak ada nilai SAKIP tahun {int(year)} dalam data.",
                formats={"rank": fmt_int, "nilai": number_formatter(2)})


# --------------------------------------------------------------------------- findings

def findings_count_frame(tables: Tables, findings: pd.DataFrame | None, year: int) -> pd.DataFrame:
    """Findings per kecamatan and severity; kecamatan without findings count zero."""
    names = kecamatan_of_year(tables, year)
    rows = findings_of(findings, None, year)
    counts = (pd.crosstab(rows["kecamatan"], rows["severity"]) if len(rows)
              else pd.DataFrame())
    out = pd.DataFrame({"kecamatan": sorted(set(names) | set(counts.index))})
    for severity in ("error", "warning", "info"):
        column = counts[severity] if severity in counts.columns else pd.Series(dtype=int)
        out[severity] = out["kecamatan"].map(column).fillna(0).astype(int)
    out["total"] = out[["error", "warning", "info"]].sum(axis=1)
    return out.sort_values(["error", "total", "kecamatan"], ascending=[False, False, True],
                           kind="stable").reset_index(drop=True)


def findings_count_view(tables: Tables, findings: pd.DataFrame | None, year: int) -> View:
    note = (FINDINGS_MISSING
            if findings is None else
            f"Tidak ada laporan kecamatan tahun {int(year)}.")
    frame = findings_count_frame(tables, findings, year)
    if findings is None:
        frame = frame.iloc[0:0]
    return View(frame, {"kecamatan": "Kecamatan", "error": "Kesalahan",
                        "warning": "Peringatan", "info": "Info", "total": "Jumlah"}, note,
                formats={c: fmt_int for c in ("error", "warning", "info", "total")},
                cell_css={"error": lambda n: SEVERITY_CSS["error"] if n else ""})


def findings_count_summary(view: View, findings: pd.DataFrame | None) -> Any:
    frame = view.frame
    if frame.empty or findings is None:
        return markdown("")
    clean = frame[frame["total"] == 0]["kecamatan"]
    text = (f"{fmt_int(frame['total'].sum())} temuan dari {fmt_int(len(frame))} laporan; "
            f"{fmt_int((frame['error'] > 0).sum())} laporan memuat kesalahan.")
    if len(clean):
        text += f" Tanpa temuan: {', '.join(escape_md(k) for k in clean)}."
    return markdown(text)
