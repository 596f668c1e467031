"""The sections comparing every kecamatan of one year (notebooks/cross_kecamatan.ipynb).

Rows: the IKU of each report for its own year (`common.iku_rows`), each report's budget total
(`compare.budget_totals`), its SAKIP score (`common.sakip_scores`) and the findings of that
year. Rankings, outliers and quadrants come from `compare`.
"""

from __future__ import annotations

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
)


def kecamatan_of_year(tables: Tables, year: int) -> list[str]:
    """Kecamatan with a report for `year`, sorted."""
    catalog = of_report(tables["tables"], None, year)
    return sorted(set(catalog["kecamatan"].dropna().astype(str)))


def cross_header(tables: Tables, year: int) -> Any:
    names = kecamatan_of_year(tables, year)
    if not names:
        return markdown(f"**Tidak ada laporan kecamatan tahun {int(year)} dalam data.** "
                        "Bagian-bagian di bawah ini kosong.")
    kabupaten = canonical_name(of_report(tables["tables"], None, year)["kabupaten"])
    where = f" Kabupaten {escape_md(kabupaten)}" if kabupaten else ""
    return markdown(f"**Perbandingan {len(names)} kecamatan{where} tahun {int(year)}:** "
                    f"{', '.join(escape_md(n) for n in names)}.")


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


def league_summary(tables: Tables, year: int) -> Any:
    table = league_frame(tables, year).dropna(subset=["capaian_iku"])
    if table.empty:
        return markdown("")
    best, worst = table.iloc[0], table.iloc[-1]
    text = (f"Rata-rata capaian IKU tertinggi: **{escape_md(best['kecamatan'])}** "
            f"({fmt_percent(best['capaian_iku'])}); terendah: "
            f"**{escape_md(worst['kecamatan'])}** ({fmt_percent(worst['capaian_iku'])}).")
    below = table[table["capaian_iku"] < 100]
    text += (f" {len(below)} dari {len(table)} kecamatan rata-rata capaiannya di bawah "
             "100%.")
    return markdown(text)


# --------------------------------------------------------------------------- indicators

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


def matrix_view(tables: Tables, year: int) -> View:
    """Kecamatan × indicator table of capaian (the heatmap's numbers)."""
    long = iku_matrix(tables, year)
    if long.empty:
        return View(pd.DataFrame(), {}, f"Tidak ada data capaian IKU tahun {int(year)}.")
    order = list(long["label"].value_counts(sort=True).index)
    wide = long.pivot_table(index="kecamatan", columns="label", values="capaian",
                            aggfunc="first")[order].reset_index()
    wide.columns.name = None
    columns = {"kecamatan": "Kecamatan", **{label: label for label in order}}
    return View(wide, columns, "", formats={label: percent_formatter() for label in order})


def distribution_frame(tables: Tables, year: int) -> pd.DataFrame:
    """The long capaian frame with z-score and outlier flags within each indicator
    (`compare.zscores`, `compare.outliers` by Tukey's fences)."""
    long = iku_matrix(tables, year)
    if long.empty:
        return long.assign(z=[], outlier=[])
    long["z"] = zscores(long, "capaian", by="key")
    long["outlier"] = outliers(long, "capaian", by="key", method="iqr")
    long["median"] = long.groupby("key")["capaian"].transform("median")
    return long


def outlier_view(tables: Tables, year: int) -> View:
    frame = distribution_frame(tables, year)
    flagged = frame[frame["outlier"]].sort_values(["label", "capaian"]) if len(frame) else frame
    return View(flagged.reset_index(drop=True),
                {"kecamatan": "Kecamatan", "label": "Indikator", "capaian": "Capaian (%)",
                 "median": "Median semua kecamatan (%)", "z": "Skor z"},
                "Tidak ada capaian yang menyimpang jauh dari kecamatan lain (pencilan).",
                formats={"capaian": percent_formatter(), "median": percent_formatter(),
                         "z": number_formatter(2)})


# --------------------------------------------------------------------------- quadrant

def quadrant_frame(tables: Tables, year: int) -> pd.DataFrame:
    """League rows with both figures and their kinerja-versus-serapan quadrant: kinerja high
    at ≥ 100%, serapan high at or above the median of the year (`compare.quadrant`)."""
    table = league_frame(tables, year)
    if table.empty or "serapan" not in table.columns:
        return pd.DataFrame(columns=["kecamatan", "capaian_iku", "serapan", "kuadran"])
    table = table.dropna(subset=["capaian_iku", "serapan"]).reset_index(drop=True)
    table["kuadran"] = quadrant(table).astype(object)
    table.attrs["serapan_cut"] = float(table["serapan"].median()) if len(table) else None
    return table


def quadrant_view(tables: Tables, year: int) -> View:
    return View(quadrant_frame(tables, year),
                {"kecamatan": "Kecamatan", "capaian_iku": "Rata-rata capaian IKU (%)",
                 "serapan": "Serapan anggaran (%)", "kuadran": "Kuadran"},
                f"Tidak ada kecamatan dengan capaian IKU dan serapan anggaran tahun {int(year)}.",
                formats={"capaian_iku": percent_formatter(), "serapan": percent_formatter()})


def quadrant_summary(tables: Tables, year: int) -> Any:
    frame = quadrant_frame(tables, year)
    if frame.empty:
        return markdown("")
    counts = frame["kuadran"].value_counts()
    parts = [f"{label}: {int(counts.get(label, 0))}" for label in QUADRANTS]
    return markdown(f"Garis kinerja pada capaian 100%; garis serapan pada median "
                    f"{fmt_percent(frame.attrs['serapan_cut'])}. Jumlah kecamatan per kuadran "
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

def findings_count_frame(tables: Tables, findings: pd.DataFrame, year: int) -> pd.DataFrame:
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


def findings_count_view(tables: Tables, findings: pd.DataFrame, year: int) -> View:
    note = ("Hasil pemeriksaan inkonsistensi (findings.csv) belum ada di folder data."
            if findings.attrs.get("missing") else
            f"Tidak ada laporan kecamatan tahun {int(year)}.")
    frame = findings_count_frame(tables, findings, year)
    if findings.attrs.get("missing"):
        frame = frame.iloc[0:0]
    return View(frame, {"kecamatan": "Kecamatan", "error": "Kesalahan",
                        "warning": "Peringatan", "info": "Info", "total": "Jumlah"}, note,
                formats={c: fmt_int for c in ("error", "warning", "info", "total")},
                cell_css={"error": lambda n: SEVERITY_CSS["error"] if n else ""})


def findings_count_summary(tables: Tables, findings: pd.DataFrame, year: int) -> Any:
    frame = findings_count_frame(tables, findings, year)
    if frame.empty or findings.attrs.get("missing"):
        return markdown("")
    clean = frame[frame["total"] == 0]["kecamatan"]
    text = (f"{int(frame['total'].sum())} temuan dari {len(frame)} laporan; "
            f"{int((frame['error'] > 0).sum())} laporan memuat kesalahan.")
    if len(clean):
        text += f" Tanpa temuan: {', '.join(escape_md(k) for k in clean)}."
    return markdown(text)
