"""The sections of one kecamatan's report for one year (notebooks/kecamatan_report.ipynb).

Which rows each section uses (the rules live here, so tests can reach them):
- IKU and budget: the rows that count are chosen in `analysis/selection.py` (IKU of the
  report's own year from the first table kind of `IKU_TABLE_PRIORITY`; budget rows of the first
  table of `BUDGET_TABLE_PRIORITY`); JUMLAH is the level "total" row.
- Kinerja against anggaran: the "kinerja_anggaran" table, its indicator rows joined to its
  budget rows by source line (they are the same printed row).
- Efficiency: the report's first efficiency table, judged by the formula it follows.
- Earlier years: see `iku_history`; Renstra: indicators rows of table_kind "renstra".
- Kabupaten/provinsi: the benchmarks table. SAKIP: see `common.sakip_scores`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from sakip_analysis.analysis.compare import budget_totals
from sakip_analysis.analysis.indicators import (
    SAKIP_GRADE_LABELS,
    add_benchmark_ratio,
    add_capaian,
    add_serapan,
    detect_efisiensi_method,
    efisiensi,
    iku_average,
    renstra_distance,
    year_over_year,
)
from sakip_analysis.analysis.selection import budget_table, first_table
from sakip_analysis.formatting import FINDING_HEADERS
from sakip_analysis.read.tables.kinds import UNRECOGNISED
from sakip_analysis.report.views.common import (
    FINDINGS_MISSING,
    LEVEL_LABELS,
    PREDIKAT_CSS,
    Tables,
    View,
    canonical_name,
    count_phrase,
    escape_md,
    findings_frame,
    findings_of,
    fmt_int,
    fmt_number,
    fmt_percent,
    fmt_rupiah,
    fmt_text,
    iku_rows,
    level_row_css,
    markdown,
    number_formatter,
    of_report,
    percent_formatter,
    sakip_scores,
    severity_css,
    shown_figures,
    unit_label,
    with_labels,
)

#: The tables this page reads (a notebook loads only these).
TABLES = ("tables", "indicators", "budget", "efficiency", "benchmarks", "sakip_components")
BUDGET_LEVELS = ("program", "kegiatan", "subkegiatan", "total")
LINE_LEVELS = ("sasaran", "program", "kegiatan", "subkegiatan")
EFISIENSI_TEXT = {
    "selisih": "capaian kinerja dikurangi capaian anggaran",
    "sisa_anggaran": "100 dikurangi serapan, bila target kinerja tercapai",
    "rasio": "capaian kinerja dibagi capaian anggaran × 100",
}


def _predikat_text(series: pd.Series) -> pd.Series:
    return series.astype(object).where(series.notna(), None)


def _numbered(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.reset_index(drop=True)
    out.insert(0, "no", range(1, len(out) + 1))
    return out


def _name(tables: Tables, kecamatan: str, year: int | None = None) -> str:
    rows = of_report(tables["tables"], kecamatan, year)
    return canonical_name(rows["kecamatan"]) or str(kecamatan)


# --------------------------------------------------------------------------- header

def report_header(tables: Tables, kecamatan: str, year: int) -> Any:
    """Who and what: kecamatan, kabupaten, year and the source files of the report."""
    catalog = of_report(tables["tables"], kecamatan, year)
    if catalog.empty:
        return markdown(f"**Laporan {unit_label(tables)} {escape_md(kecamatan)} tahun "
                        f"{int(year)} tidak ada dalam data.** Bagian-bagian di bawah ini kosong.")
    name = canonical_name(catalog["kecamatan"])
    kabupaten = canonical_name(catalog["kabupaten"])
    files = ", ".join(escape_md(Path(f).name) for f in sorted(set(catalog["source_file"])))
    known = int((catalog["table_kind"] != UNRECOGNISED).sum())
    where = f", Kabupaten {escape_md(kabupaten)}" if kabupaten else ""
    return markdown(f"**{unit_label(tables)} {escape_md(name)}{where} — Laporan Kinerja "
                    f"(LKJIP) tahun {int(year)}.**\n\nSumber: {files} ({len(catalog)} tabel, "
                    f"{known} dikenali).")


def key_figures(tables: Tables, findings: pd.DataFrame | None, kecamatan: str, year: int) -> Any:
    """The few numbers a reader wants first, as a bullet list."""
    lines = []
    iku = iku_rows(tables["indicators"], year, kecamatan)
    if iku.empty:
        lines.append("Capaian IKU: tidak ada tabel IKU dalam laporan ini.")
    else:
        avg = iku_average(iku).iloc[0]
        lines.append(f"Rata-rata capaian IKU {int(year)}: **{fmt_percent(avg['capaian_iku'])}** "
                     f"({fmt_text(avg['predikat']) or 'tanpa predikat'}), "
                     f"{int(avg['n_iku'])} indikator.")
    totals = budget_totals(of_report(tables["budget"], kecamatan, year)) \
        if not of_report(tables["budget"], kecamatan, year).empty else pd.DataFrame()
    if totals.empty:
        lines.append("Anggaran: tidak ada tabel anggaran dalam laporan ini.")
    else:
        t = totals.iloc[0]
        lines.append(f"Serapan anggaran: **{fmt_percent(t['serapan'])}** (realisasi Rp "
                     f"{fmt_rupiah(t['realisasi'])} dari pagu Rp {fmt_rupiah(t['pagu'])}).")
    scores = sakip_scores(tables, year, kecamatan)
    if scores.empty:
        lines.append("Nilai SAKIP: tidak tercantum dalam laporan ini.")
    else:
        s = scores.iloc[0]
        grade = fmt_text(s["grade"])
        lines.append(f"Nilai SAKIP: **{fmt_number(s['nilai'])}**"
                     + (f" (predikat {grade}, {SAKIP_GRADE_LABELS[grade]})" if grade else "")
                     + ".")
    found = findings_of(findings, kecamatan, year)
    if findings is None:
        lines.append("Inkonsistensi: hasil pemeriksaan (findings.csv) belum ada.")
    else:
        counts = found["severity"].value_counts().to_dict() if len(found) else {}
        lines.append(f"Inkonsistensi yang ditemukan: **{len(found)}** ({count_phrase(counts)}).")
    return markdown("\n".join(f"- {line}" for line in lines))


# --------------------------------------------------------------------------- IKU

def iku_frame(tables: Tables, kecamatan: str, year: int) -> pd.DataFrame:
    """The report's IKU with computed capaian and predikat, in document order."""
    rows = iku_rows(tables["indicators"], year, kecamatan).sort_values("source_line")
    out = _numbered(rows)
    if out.empty:
        return out.assign(sasaran=[], target_shown=[], realisasi_shown=[])
    out["sasaran"] = out["name"].where(out["name"] != out["indicator"], None)
    out["target_shown"] = shown_figures(out, "target")
    out["realisasi_shown"] = shown_figures(out, "realisasi")
    out["predikat"] = _predikat_text(out["predikat"])
    return out


def iku_view(tables: Tables, kecamatan: str, year: int) -> View:
    return View(
        iku_frame(tables, kecamatan, year),
        {"no": "No", "sasaran": "Sasaran", "indicator": "Indikator kinerja", "unit": "Satuan",
         "target_shown": "Target", "realisasi_shown": "Realisasi", "capaian": "Capaian (%)",
         "capaian_reported": "Capaian tertulis (%)", "predikat": "Predikat"},
        "Tabel capaian IKU tidak ada dalam laporan ini.",
        formats={"no": fmt_int, "capaian": percent_formatter(),
                 "capaian_reported": percent_formatter()},
        cell_css={"predikat": lambda p: PREDIKAT_CSS.get(p, "")},
        right=("target_shown", "realisasi_shown"),
    )


def iku_summary(tables: Tables, kecamatan: str, year: int) -> Any:
    """"Rata-rata capaian IKU 2024: 100,26% (Sangat Tinggi)", the reported average beside it,
    and the indicators that missed their target."""
    rows = iku_rows(tables["indicators"], year, kecamatan)
    if rows.empty:
        return markdown("")
    avg = iku_average(rows).iloc[0]
    text = (f"Rata-rata capaian IKU {int(year)}: **{fmt_percent(avg['capaian_iku'])}** "
            f"({fmt_text(avg['predikat']) or 'tanpa predikat'}), dihitung dari "
            f"{int(avg['n_capaian'])} dari {int(avg['n_iku'])} indikator.")
    kind = rows["table_kind"].iloc[0]
    stated = of_report(tables["indicators"], kecamatan, year)
    stated = stated[(stated["table_kind"] == kind) & (stated["level"] == "rata-rata")
                    & (stated["period_year"] == int(year))]["capaian_reported"].dropna()
    if len(stated):
        text += f" Rata-rata yang tertulis di laporan: {fmt_percent(stated.iloc[0])}."
    missed = rows[rows["capaian"] < 100]
    if len(missed):
        names = "; ".join(f"{escape_md(r.label)} ({fmt_percent(r.capaian)})"
                          for r in missed.itertuples())
        text += f"\n\nBelum mencapai target: {names}."
    else:
        text += "\n\nSemua indikator mencapai atau melampaui target."
    return markdown(text)


# --------------------------------------------------------------------------- budget

def budget_rows(tables: Tables, kecamatan: str, year: int) -> pd.DataFrame:
    """Program, kegiatan and JUMLAH rows of the report's budget table with serapan computed.

    The "budget" table (Program, Kegiatan, Anggaran) wins over the "kinerja_anggaran" table;
    of a table given per period (triwulan), the year-end rows (no period) or else the last
    period printed.
    """
    rows = budget_table(of_report(tables["budget"], kecamatan, year))  # analysis/selection.py
    rows = rows[rows["level"].isin(BUDGET_LEVELS)]
    if rows["period"].notna().any():
        if rows["period"].isna().any():
            rows = rows[rows["period"].isna()]
        else:
            rows = rows[rows["period"] == rows["period"].iloc[-1]]
    return add_serapan(rows.sort_values("source_line"))


def budget_frame(tables: Tables, kecamatan: str, year: int) -> pd.DataFrame:
    out = _numbered(budget_rows(tables, kecamatan, year))
    out["tingkat"] = out["level"].map(LEVEL_LABELS)
    out["label"] = out["name"]
    return out


def budget_view(tables: Tables, kecamatan: str, year: int) -> View:
    return View(
        budget_frame(tables, kecamatan, year),
        {"no": "No", "tingkat": "Tingkat", "name": "Program/Kegiatan", "pagu": "Pagu (Rp)",
         "realisasi": "Realisasi (Rp)", "serapan": "Serapan (%)",
         "serapan_reported": "Serapan tertulis (%)", "sisa_anggaran": "Sisa anggaran (Rp)"},
        "Tabel anggaran per program dan kegiatan tidak ada dalam laporan ini.",
        formats={"no": fmt_int, "pagu": fmt_rupiah, "realisasi": fmt_rupiah,
                 "serapan": percent_formatter(), "serapan_reported": percent_formatter(),
                 "sisa_anggaran": fmt_rupiah},
        row_css=level_row_css,
    )


def budget_summary(tables: Tables, kecamatan: str, year: int) -> Any:
    """Pagu, realisasi and serapan of the whole budget; the kegiatan that spent least."""
    report = of_report(tables["budget"], kecamatan, year)
    if report.empty:
        return markdown("")
    t = budget_totals(report).iloc[0]
    basis = "baris JUMLAH" if t["sumber"] == "baris total" else "jumlah baris program"
    text = (f"Pagu Rp {fmt_rupiah(t['pagu'])}, realisasi Rp {fmt_rupiah(t['realisasi'])}: "
            f"serapan **{fmt_percent(t['serapan'])}** (sisa Rp {fmt_rupiah(t['sisa_anggaran'])}; "
            f"dari {basis}).")
    rows = budget_rows(tables, kecamatan, year)
    kegiatan = rows[(rows["level"] == "kegiatan") & (rows["pagu"] > 0)].dropna(subset=["serapan"])
    if len(kegiatan):
        low = kegiatan.loc[kegiatan["serapan"].idxmin()]
        text += (f" Serapan kegiatan terendah: {escape_md(low['name'])} "
                 f"({fmt_percent(low['serapan'])}).")
    return markdown(text)


# --------------------------------------------------------------------------- kinerja vs anggaran

_LINE = ["source_file", "source_table_index", "source_line"]


def kinerja_anggaran_frame(tables: Tables, kecamatan: str, year: int) -> pd.DataFrame:
    """Each sasaran/program/kegiatan line of the kinerja-and-anggaran table: capaian kinerja
    of its indicator and serapan of its budget (NaN where the line prints no budget)."""
    indicators = first_table(of_report(tables["indicators"], kecamatan, year),
                             "kinerja_anggaran")
    indicators = indicators[indicators["level"].isin(LINE_LEVELS)]
    budget = of_report(tables["budget"], kecamatan, year)
    budget = add_serapan(budget[budget["table_kind"] == "kinerja_anggaran"])
    money = budget[[*_LINE, "pagu", "realisasi", "serapan"]].drop_duplicates(_LINE).rename(
        columns={"realisasi": "realisasi_anggaran"})
    lines = add_capaian(indicators).merge(money, on=_LINE, how="left")
    out = _numbered(lines.sort_values("source_line"))
    out["tingkat"] = out["level"].map(LEVEL_LABELS)
    out["label"] = out["name"]
    out["predikat"] = _predikat_text(out["predikat"])
    return out


def kinerja_anggaran_view(tables: Tables, kecamatan: str, year: int) -> View:
    return View(
        kinerja_anggaran_frame(tables, kecamatan, year),
        {"no": "No", "tingkat": "Tingkat", "name": "Sasaran/Program/Kegiatan",
         "indicator": "Indikator", "capaian": "Capaian kinerja (%)",
         "serapan": "Serapan anggaran (%)"},
        "Tabel pencapaian kinerja dan anggaran tidak ada dalam laporan ini.",
        formats={"no": fmt_int, "capaian": percent_formatter(), "serapan": percent_formatter()},
        row_css=level_row_css,
    )


# --------------------------------------------------------------------------- efficiency

def efficiency_rows(tables: Tables, kecamatan: str, year: int) -> tuple[pd.DataFrame, str]:
    """(the report's first efficiency table, the formula it follows:
    `indicators.detect_efisiensi_method`, "selisih" when it follows none)."""
    rows = first_table(of_report(tables["efficiency"], kecamatan, year)).sort_values(
        "source_line")
    return rows, (detect_efisiensi_method(rows) if len(rows) else None) or "selisih"


def efficiency_frame(tables: Tables, kecamatan: str, year: int) -> pd.DataFrame:
    """The efficiency table with `efisiensi` recomputed by the formula the table follows."""
    rows, method = efficiency_rows(tables, kecamatan, year)
    out = _numbered(rows)
    out["efisiensi"] = efisiensi(out["capaian_kinerja"], out["capaian_anggaran"], method) \
        if len(out) else pd.Series(dtype=float)
    out["tingkat"] = out["level"].map(LEVEL_LABELS)
    out["label"] = out["indicator"].where(out["indicator"].notna(), out["name"])
    return out


@dataclass(repr=False)  # View.__repr__: one line, not the frame
class EfficiencyView(View):
    """The efficiency table and the formula its figures follow."""

    method: str = "selisih"


def efficiency_view(tables: Tables, kecamatan: str, year: int) -> EfficiencyView:
    _rows, method = efficiency_rows(tables, kecamatan, year)
    return EfficiencyView(
        efficiency_frame(tables, kecamatan, year),
        {"no": "No", "tingkat": "Tingkat", "name": "Sasaran/Program/Kegiatan",
         "indicator": "Indikator", "capaian_kinerja": "Capaian kinerja (%)",
         "capaian_anggaran": "Capaian anggaran (%)", "efisiensi": "Efisiensi (%)",
         "efisiensi_reported": "Efisiensi tertulis (%)"},
        "Tabel efisiensi penggunaan sumber daya tidak ada dalam laporan ini.",
        formats={"no": fmt_int, "capaian_kinerja": percent_formatter(),
                 "capaian_anggaran": percent_formatter(), "efisiensi": percent_formatter(),
                 "efisiensi_reported": percent_formatter()},
        row_css=level_row_css, method=method,
    )


def efficiency_summary(view: EfficiencyView) -> Any:
    frame = view.frame
    if frame.empty:
        return markdown("")
    text = (f"Efisiensi dihitung seperti rumus yang dipakai laporan: "
            f"{EFISIENSI_TEXT[view.method]}.")
    total = frame[(frame["level"] == "total") & frame["capaian_anggaran"].notna()]
    if len(total):
        t = total.iloc[-1]  # the closing TOTAL row; continuation rows may be read as totals
        text += (f" Total: capaian kinerja {fmt_percent(t['capaian_kinerja'])}, capaian "
                 f"anggaran {fmt_percent(t['capaian_anggaran'])}, efisiensi "
                 f"**{fmt_percent(t['efisiensi'])}**.")
    return markdown(text)


# --------------------------------------------------------------------------- earlier years

def iku_history(tables: Tables, kecamatan: str, years: list[int] | None = None,
                through: int | None = None) -> pd.DataFrame:
    """Each IKU per year (long: tahun, label, key, target, realisasi, capaian, sumber).

    A year's figures come from that year's own report (its IKU table) when present, else
    from the multi-year table (level "iku", period_year before the report's year) of the
    latest report that restates it. Indicators are matched by name without the kecamatan
    (`common.indicator_key`). `years` keeps those years only; `through` drops later ones.
    """
    own = iku_rows(tables["indicators"], None, kecamatan).assign(prioritas=0)
    own["sumber"] = "Laporan " + own["year"].astype(str)
    restated = of_report(tables["indicators"], kecamatan)
    restated = restated[(restated["table_kind"] == "multi_year") & (restated["level"] == "iku")
                        & (restated["period_year"] < restated["year"])]
    restated = with_labels(add_capaian(restated)).assign(prioritas=1)
    restated["sumber"] = (restated["source_table"].fillna("Tabel multi-tahun")
                          + " laporan " + restated["year"].astype(str))
    rows = pd.concat([own, restated], ignore_index=True)
    rows = rows[rows[["target", "realisasi", "capaian"]].notna().any(axis=1)]
    if through is not None:
        rows = rows[rows["period_year"] <= int(through)]
    if years:
        rows = rows[rows["period_year"].isin([int(y) for y in years])]
    columns = ["tahun", "label", "key", "target", "realisasi", "capaian", "predikat", "sumber",
               "unit", "report_year"]
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    rows = rows.sort_values(["prioritas", "year", "source_line"], ascending=[True, False, True],
                            kind="stable")
    rows = rows.drop_duplicates(["key", "period_year"], keep="first")
    latest = rows.sort_values(["year", "prioritas", "source_line"],
                              ascending=[False, True, True], kind="stable")
    order = {key: i for i, key in enumerate(latest["key"].drop_duplicates())}
    labels = latest.drop_duplicates("key").set_index("key")["label"]
    out = pd.DataFrame({
        "tahun": rows["period_year"].astype(int), "label": rows["key"].map(labels),
        "key": rows["key"], "target": rows["target"], "realisasi": rows["realisasi"],
        "capaian": rows["capaian"], "predikat": _predikat_text(rows["predikat"]),
        "sumber": rows["sumber"], "unit": rows["unit"], "report_year": rows["year"].astype(int),
    })
    out["_order"] = out["key"].map(order)
    return out.sort_values(["_order", "tahun"]).drop(columns="_order").reset_index(drop=True)


def history_pivot(history: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator: realisasi and capaian of every year, and the change of capaian
    against the year before the last (`indicators.year_over_year`, in points)."""
    if history.empty:
        return pd.DataFrame(columns=["label"])
    years = sorted(history["tahun"].unique())
    wide = history.pivot_table(index="key", columns="tahun", values=["realisasi", "capaian"],
                               aggfunc="first", sort=False)
    out = pd.DataFrame({"key": history["key"].drop_duplicates()})
    out["label"] = out["key"].map(history.drop_duplicates("key").set_index("key")["label"])
    for year in years:
        for value in ("realisasi", "capaian"):
            column = (value, year)
            out[f"{value}_{year}"] = out["key"].map(wide[column]) if column in wide else None
    changes = year_over_year(history.assign(kecamatan="-", indicator=history["key"],
                                            period_year=history["tahun"],
                                            year=history["report_year"]), value="capaian")
    last = changes[changes["period_year"] == years[-1]].set_index("indicator")
    out["perubahan"] = out["key"].map(last["capaian_change"]) if len(last) else float("nan")
    return out.reset_index(drop=True)


def history_view(tables: Tables, kecamatan: str, year: int,
                 history: pd.DataFrame | None = None) -> View:
    """Each IKU's realisasi and capaian per year up to `year` (`history`: the notebook's
    `iku_history(..., through=year)` when it has it)."""
    if history is None:
        history = iku_history(tables, kecamatan, through=year)
    frame = history_pivot(history) if history["tahun"].nunique() > 1 else pd.DataFrame()
    years = sorted(history["tahun"].unique()) if len(frame) else []
    columns = {"label": "Indikator"}
    formats: dict[str, Any] = {}
    for y in years:
        columns[f"realisasi_{y}"] = f"Realisasi {y}"
        columns[f"capaian_{y}"] = f"Capaian {y} (%)"
        formats[f"realisasi_{y}"] = number_formatter(2)
        formats[f"capaian_{y}"] = percent_formatter()
    if years:
        columns["perubahan"] = f"Perubahan capaian {years[-2]}→{years[-1]} (poin)"
        formats["perubahan"] = number_formatter(2)
    return View(frame, columns,
                "Capaian tahun-tahun sebelumnya tidak ada dalam laporan ini maupun dalam "
                "laporan tahun sebelumnya.", formats=formats)


def renstra_frame(tables: Tables, kecamatan: str, year: int) -> pd.DataFrame:
    rows = first_table(of_report(tables["indicators"], kecamatan, year), "renstra")
    rows = rows[(rows["level"] == "iku") & (rows["period_year"] == int(year))]
    rows = with_labels(rows.sort_values("source_line"))
    out = _numbered(renstra_distance(rows.rename(columns={"target": "target_renstra"})))
    if out.empty:
        return out
    out["sasaran"] = out["name"].where(out["name"] != out["indicator"], None)
    return out


def renstra_view(tables: Tables, kecamatan: str, year: int) -> View:
    return View(
        renstra_frame(tables, kecamatan, year),
        {"no": "No", "sasaran": "Sasaran", "indicator": "Indikator kinerja",
         "target_renstra": "Target Renstra", "realisasi": "Realisasi",
         "capaian_renstra": "Capaian (%)", "renstra_gap": "Kekurangan menuju target"},
        "Tabel perbandingan dengan target Renstra tidak ada dalam laporan ini.",
        formats={"no": fmt_int, "target_renstra": number_formatter(2),
                 "realisasi": number_formatter(2), "capaian_renstra": percent_formatter(),
                 "renstra_gap": lambda v: "tercapai" if v is not None and v <= 0
                 else fmt_number(v, 2)},
    )


# --------------------------------------------------------------------------- benchmarks

def benchmark_frame(tables: Tables, kecamatan: str, year: int) -> pd.DataFrame:
    rows = first_table(of_report(tables["benchmarks"], kecamatan, year)).sort_values(
        "source_line")
    out = _numbered(add_benchmark_ratio(rows)) if len(rows) else _numbered(rows)
    out["label"] = out["indicator"]
    return out


def benchmark_view(tables: Tables, kecamatan: str, year: int) -> View:
    return View(
        benchmark_frame(tables, kecamatan, year),
        {"indicator": "Indikator", "kecamatan_value": "Kecamatan",
         "kabupaten_value": "Kabupaten", "provinsi_value": "Provinsi",
         "pct_kabupaten": "Terhadap kabupaten (%)", "pct_provinsi": "Terhadap provinsi (%)",
         "pct_reported": "Persentase tertulis (%)"},
        "Tabel perbandingan kabupaten/provinsi tidak ada dalam laporan ini.",
        formats={"kecamatan_value": number_formatter(2), "kabupaten_value": number_formatter(2),
                 "provinsi_value": number_formatter(2), "pct_kabupaten": percent_formatter(),
                 "pct_provinsi": percent_formatter(), "pct_reported": percent_formatter()},
    )


def benchmark_summary(view: View) -> Any:
    frame = view.frame
    if frame.empty:
        return markdown("")
    parts = []
    for column, where in (("kabupaten_value", "kabupaten"), ("provinsi_value", "provinsi")):
        usable = frame.dropna(subset=["kecamatan_value", column])
        above = [escape_md(r.indicator) for r in usable.itertuples()
                 if r.kecamatan_value > getattr(r, column)]
        below = [escape_md(r.indicator) for r in usable.itertuples()
                 if r.kecamatan_value < getattr(r, column)]
        if len(usable):
            parts.append(f"Terhadap {where}: di atas — {', '.join(above) or 'tidak ada'}; "
                         f"di bawah — {', '.join(below) or 'tidak ada'}.")
    return markdown("\n\n".join(parts))


# --------------------------------------------------------------------------- SAKIP

def sakip_view(tables: Tables, kecamatan: str, year: int) -> View:
    rows = first_table(of_report(tables["sakip_components"], kecamatan, year)).sort_values(
        "source_line")
    return View(rows.reset_index(drop=True), {"component": "Komponen", "bobot": "Bobot (%)",
                        "nilai": "Nilai hasil evaluasi"},
                "Tabel komponen nilai SAKIP tidak ada dalam laporan ini.",
                formats={"bobot": number_formatter(0), "nilai": number_formatter(2)},
                row_css=level_row_css)


def sakip_summary(tables: Tables, kecamatan: str, year: int) -> Any:
    scores = sakip_scores(tables, year, kecamatan)
    if scores.empty:
        return markdown("Nilai SAKIP tidak tercantum dalam laporan ini.")
    s = scores.iloc[0]
    grade = fmt_text(s["grade"])
    meaning = f" — predikat **{grade}** ({SAKIP_GRADE_LABELS[grade]})" if grade else ""
    return markdown(f"Nilai SAKIP: **{fmt_number(s['nilai'])}**{meaning}; sumber: "
                    f"{escape_md(s['sumber'])}.")


# --------------------------------------------------------------------------- findings

FINDING_COLUMNS_SHOWN = {column: FINDING_HEADERS[field] for column, field in (
    ("tingkat", "severity"), ("kelompok", "family"), ("message", "message"), ("table", "table"),
    ("line", "line"), ("reported", "reported"), ("expected", "expected"))}


def findings_view(findings: pd.DataFrame | None, kecamatan: str, year: int,
                  min_severity: str = "info") -> View:
    frame = findings_frame(findings, kecamatan, year, min_severity)
    note = (FINDINGS_MISSING
            if findings is None else
            "Tidak ada inkonsistensi yang ditemukan dalam laporan ini.")
    return View(frame, dict(FINDING_COLUMNS_SHOWN), note,
                formats={"line": fmt_int},
                cell_css={"tingkat": severity_css})


def findings_summary(findings: pd.DataFrame | None, kecamatan: str, year: int) -> Any:
    if findings is None:
        return markdown("")
    rows = findings_of(findings, kecamatan, year)
    if rows.empty:
        return markdown("")
    counts = rows["severity"].value_counts().to_dict()
    return markdown(f"{len(rows)} temuan: {count_phrase(counts)}. Kesalahan (angka yang tidak "
                    "cocok dengan angka lain di laporan) ditampilkan lebih dulu.")
