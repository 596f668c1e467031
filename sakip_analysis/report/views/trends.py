"""The sections of one kecamatan across years (notebooks/trends.ipynb).

Indicators per year come from `kecamatan.iku_history` (a year's own report first, else the
multi-year table of a later report); the budget per year from each report's total
(`compare.budget_totals`), programs from each report's budget table (`kecamatan.budget_rows`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from sakip_analysis.analysis.compare import budget_totals, trend
from sakip_analysis.report.views.common import (
    Tables,
    View,
    canonical_name,
    escape_md,
    fmt_number,
    fmt_percent,
    fmt_rupiah,
    indicator_key,
    markdown,
    number_formatter,
    of_report,
    percent_formatter,
    sakip_scores,
    unit_label,
)
from sakip_analysis.report.views.kecamatan import budget_rows, iku_history

#: The tables this page reads (a notebook loads only these).
TABLES = ("tables", "indicators", "budget", "sakip_components")
ARAH_TEXT = {"meningkat": "meningkat ↑", "menurun": "menurun ↓", "tetap": "tetap →"}


def report_years(tables: Tables, kecamatan: str) -> list[int]:
    """Years with a report of this kecamatan in the dataset."""
    catalog = of_report(tables["tables"], kecamatan)
    return sorted({int(y) for y in catalog["year"].dropna()})


def chosen_years(tables: Tables, kecamatan: str, years: Iterable[int] | None) -> list[int]:
    """The `years` parameter: an empty list means every year the data knows for this
    kecamatan, its own reports and the earlier years its reports restate."""
    if years:
        return sorted({int(y) for y in years})
    known = set(report_years(tables, kecamatan))
    history = iku_history(tables, kecamatan)
    known |= {int(y) for y in history["tahun"].dropna()}
    return sorted(known)


def trend_header(tables: Tables, kecamatan: str, years: Iterable[int] | None) -> Any:
    chosen = chosen_years(tables, kecamatan, years)
    own = report_years(tables, kecamatan)
    if not own:
        return markdown(f"**Tidak ada laporan {unit_label(tables)} {escape_md(kecamatan)} dalam "
                        "data.** "
                        "Bagian-bagian di bawah ini kosong.")
    name = canonical_name(of_report(tables["tables"], kecamatan)["kecamatan"])
    span = f"{chosen[0]}–{chosen[-1]}" if chosen else "-"
    reports = ", ".join(str(y) for y in own if not chosen or y in chosen)
    return markdown(f"**{unit_label(tables)} {escape_md(name)}, tahun {span}.** Laporan yang "
                    "tersedia: "
                    f"{reports or 'tidak ada'}; tahun tanpa laporan sendiri diambil dari tabel "
                    "multi-tahun laporan sesudahnya.")


# --------------------------------------------------------------------------- indicators

def indicator_history(tables: Tables, kecamatan: str,
                      years: Iterable[int] | None = None) -> pd.DataFrame:
    """Long frame of each IKU per year in the chosen years (see `kecamatan.iku_history`)."""
    return iku_history(tables, kecamatan, chosen_years(tables, kecamatan, years))


def indicator_trend_frame(tables: Tables, kecamatan: str,
                          years: Iterable[int] | None = None,
                          history: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per indicator: capaian of each year, then the direction of its linear trend
    (`compare.trend`). `history`: the notebook's `indicator_history` when it has it."""
    if history is None:
        history = indicator_history(tables, kecamatan, years)
    if history.empty:
        return pd.DataFrame(columns=["label"])
    wide = history.pivot_table(index="key", columns="tahun", values="capaian", aggfunc="first")
    out = pd.DataFrame({"key": history["key"].drop_duplicates()})
    out["label"] = out["key"].map(history.drop_duplicates("key").set_index("key")["label"])
    for year in sorted(history["tahun"].unique()):
        out[f"capaian_{year}"] = out["key"].map(wide[year]) if year in wide.columns else None
    slopes = trend(history, "capaian", by="key", time="tahun").set_index("key")
    out["slope"] = out["key"].map(slopes["slope"])
    out["arah"] = out["key"].map(slopes["arah"].astype(object)).map(ARAH_TEXT)
    return out.reset_index(drop=True)


def indicator_trend_view(tables: Tables, kecamatan: str,
                         years: Iterable[int] | None = None,
                         history: pd.DataFrame | None = None) -> View:
    frame = indicator_trend_frame(tables, kecamatan, years, history)
    columns = {"label": "Indikator"}
    formats: dict[str, Any] = {}
    years_shown = [int(c.split("_")[1]) for c in frame.columns if c.startswith("capaian_")]
    for year in years_shown:
        columns[f"capaian_{year}"] = f"Capaian {year} (%)"
        formats[f"capaian_{year}"] = percent_formatter()
    columns["slope"] = "Perubahan per tahun (poin)"
    columns["arah"] = "Arah"
    formats["slope"] = number_formatter(2)
    return View(frame, columns,
                f"Tidak ada data IKU Kecamatan {kecamatan} untuk tahun yang dipilih.",
                formats=formats)


def realisasi_view(history: pd.DataFrame, kecamatan: str) -> View:
    """Target and realisasi of each indicator per year, in the indicator's own unit
    (`history`: `indicator_history`)."""
    frame = history[["label", "tahun", "target", "realisasi", "capaian", "sumber"]]
    return View(frame.reset_index(drop=True),
                {"label": "Indikator", "tahun": "Tahun", "target": "Target",
                 "realisasi": "Realisasi", "capaian": "Capaian (%)", "sumber": "Sumber"},
                f"Tidak ada data IKU Kecamatan {kecamatan} untuk tahun yang dipilih.",
                formats={"tahun": str, "target": number_formatter(2),
                         "realisasi": number_formatter(2), "capaian": percent_formatter()})


# --------------------------------------------------------------------------- budget

def budget_history(tables: Tables, kecamatan: str,
                   years: Iterable[int] | None = None) -> pd.DataFrame:
    """Pagu, realisasi and serapan of the whole budget, one row per report year."""
    budget = of_report(tables["budget"], kecamatan)
    wanted = chosen_years(tables, kecamatan, years)
    if budget.empty:
        return pd.DataFrame(columns=["tahun", "pagu", "realisasi", "serapan", "sumber"])
    totals = budget_totals(budget)
    totals = totals[totals["year"].isin(wanted)].copy()
    totals["tahun"] = totals["year"].astype(int)
    return totals.sort_values("tahun").reset_index(drop=True)


def budget_history_view(tables: Tables, kecamatan: str,
                        years: Iterable[int] | None = None) -> View:
    return View(budget_history(tables, kecamatan, years),
                {"tahun": "Tahun", "pagu": "Pagu (Rp)", "realisasi": "Realisasi (Rp)",
                 "serapan": "Serapan (%)", "sisa_anggaran": "Sisa anggaran (Rp)"},
                f"Tidak ada tabel anggaran Kecamatan {kecamatan} untuk tahun yang dipilih.",
                formats={"tahun": str, "pagu": fmt_rupiah, "realisasi": fmt_rupiah,
                         "serapan": percent_formatter(), "sisa_anggaran": fmt_rupiah})


def budget_trend_summary(frame: pd.DataFrame) -> Any:
    """First and last pagu, serapan then and now (`frame`: `budget_history`)."""
    if len(frame) < 2:
        return markdown("")
    first, last = frame.iloc[0], frame.iloc[-1]
    change = trend(frame.assign(k="-"), "serapan", by="k", time="tahun").iloc[0]
    return markdown(f"Pagu {int(first['tahun'])}: Rp {fmt_rupiah(first['pagu'])}; "
                    f"{int(last['tahun'])}: Rp {fmt_rupiah(last['pagu'])}. Serapan dari "
                    f"{fmt_percent(first['serapan'])} menjadi {fmt_percent(last['serapan'])} "
                    f"({fmt_number(change['slope'], 2)} poin per tahun).")


def program_history(tables: Tables, kecamatan: str,
                    years: Iterable[int] | None = None) -> pd.DataFrame:
    """Serapan of each program per year (long: tahun, label, key, pagu, realisasi, serapan);
    programs matched across years by name, ignoring case and punctuation."""
    parts = []
    for year in chosen_years(tables, kecamatan, years):
        rows = budget_rows(tables, kecamatan, year)
        rows = rows[rows["level"] == "program"]
        if len(rows):
            parts.append(rows.assign(tahun=year))
    if not parts:
        return pd.DataFrame(columns=["tahun", "label", "key", "pagu", "realisasi", "serapan"])
    rows = pd.concat(parts, ignore_index=True)
    rows["key"] = rows["name"].fillna("").map(lambda n: indicator_key(" ".join(n.split())))
    labels = rows.sort_values("tahun").drop_duplicates("key", keep="last").set_index("key")
    rows["label"] = rows["key"].map(labels["name"])
    rows = rows.groupby(["tahun", "key", "label"], as_index=False)[["pagu", "realisasi"]].sum(
        min_count=1)
    from sakip_analysis.analysis.indicators import serapan

    rows["serapan"] = serapan(rows["pagu"], rows["realisasi"])
    return rows.sort_values(["label", "tahun"]).reset_index(drop=True)


def program_view(long: pd.DataFrame, kecamatan: str) -> View:
    """Serapan of each program per year (`long`: `program_history`)."""
    if long.empty:
        return View(long, {}, f"Tidak ada anggaran per program Kecamatan {kecamatan}.")
    wide = long.pivot_table(index="label", columns="tahun", values="serapan",
                            aggfunc="first").reset_index()
    wide.columns = ["label", *[f"serapan_{y}" for y in wide.columns[1:]]]
    columns = {"label": "Program", **{c: f"Serapan {c.split('_')[1]} (%)"
                                      for c in wide.columns[1:]}}
    return View(wide, columns, "", formats={c: percent_formatter() for c in wide.columns[1:]})


# --------------------------------------------------------------------------- SAKIP

def sakip_history_view(tables: Tables, kecamatan: str,
                       years: Iterable[int] | None = None) -> View:
    scores = sakip_scores(tables, None, kecamatan)
    wanted = chosen_years(tables, kecamatan, years)
    scores = scores[scores["year"].isin(wanted)] if len(scores) else scores
    return View(scores.reset_index(drop=True),
                {"year": "Tahun laporan", "nilai": "Nilai SAKIP", "grade": "Predikat",
                 "arti": "Arti", "sumber": "Sumber"},
                f"Tidak ada nilai SAKIP Kecamatan {kecamatan} untuk tahun yang dipilih.",
                formats={"year": str, "nilai": number_formatter(2)})
