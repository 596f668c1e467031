"""The sections of the inconsistency review (notebooks/inconsistency_review.ipynb): every
finding of a year, grouped by family, with the printed row it points at and both figures."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from sakip_analysis.formatting import FAMILY_LABELS, FINDING_HEADERS
from sakip_analysis.report.views.common import (
    FINDINGS_MISSING,
    SEVERITY_TEXT,
    Tables,
    View,
    count_phrase,
    escape_md,
    family_label,
    findings_frame,
    fmt_int,
    fmt_text,
    is_missing,
    markdown,
    severity_css,
)
from sakip_analysis.review.findings import SEVERITIES
from sakip_analysis.review.quotes import source_quotes

#: The tables this page reads (findings.csv aside): the rows its quotes are rebuilt from.
TABLES = ("tables", "narrative", "indicators", "budget", "efficiency", "benchmarks",
          "sakip_components", "perjanjian_kinerja", "raw_cells")


def review_header(findings: pd.DataFrame | None, year: int, kecamatan: str | None = None,
                  min_severity: str = "info") -> Any:
    """What is reviewed and how many findings, by severity."""
    who = f"Kecamatan {escape_md(kecamatan)}" if kecamatan else "semua kecamatan"
    level = SEVERITY_TEXT.get(min_severity, min_severity)
    if findings is None:
        return markdown(f"Telaah {who}, tahun {int(year)}: **hasil pemeriksaan "
                        "(findings.csv) belum ada di folder data.**")
    rows = findings_frame(findings, kecamatan, year, min_severity)
    counts = rows["severity"].value_counts().to_dict() if len(rows) else {}
    reports = rows[["kecamatan", "file"]].drop_duplicates().shape[0] if len(rows) else 0
    return markdown(f"Telaah {who}, tahun {int(year)}, tingkat **{escape_md(level)}** ke atas: "
                    f"**{len(rows)} temuan** dari {reports} laporan ({count_phrase(counts)}).")


def summary_frame(findings: pd.DataFrame | None, year: int, kecamatan: str | None = None,
                  min_severity: str = "info") -> pd.DataFrame:
    """Findings per family (rows) and severity (columns), families in FAMILY_LABELS order."""
    rows = findings_frame(findings, kecamatan, year, min_severity)
    if rows.empty:
        return pd.DataFrame(columns=["kelompok", *SEVERITIES, "total"])
    table = pd.crosstab(rows["family"], rows["severity"])
    order = [f for f in FAMILY_LABELS if f in table.index] + \
        [f for f in table.index if f not in FAMILY_LABELS]
    out = pd.DataFrame({"family": order})
    out["kelompok"] = out["family"].map(family_label)
    for severity in reversed(SEVERITIES):
        column = table[severity] if severity in table.columns else pd.Series(dtype=int)
        out[severity] = out["family"].map(column).fillna(0).astype(int)
    out["total"] = out[list(SEVERITIES)].sum(axis=1)
    return out


def summary_view(findings: pd.DataFrame | None, year: int, kecamatan: str | None = None,
                 min_severity: str = "info") -> View:
    return View(summary_frame(findings, year, kecamatan, min_severity),
                {"kelompok": "Kelompok", "error": "Kesalahan", "warning": "Peringatan",
                 "info": "Info", "total": "Jumlah"},
                _empty_note(findings),
                formats={c: fmt_int for c in ("error", "warning", "info", "total")})


def _empty_note(findings: pd.DataFrame) -> str:
    if findings is None:
        return FINDINGS_MISSING
    return "Tidak ada temuan untuk pilihan ini."


REVIEW_COLUMNS = {column: FINDING_HEADERS[field] for column, field in (
    ("tingkat", "severity"), ("kecamatan", "kecamatan"), ("berkas", "file"), ("table", "table"),
    ("line", "line"), ("baris_terkait", "related_lines"), ("message", "message"),
    ("reported", "reported"), ("expected", "expected"), ("kutipan", "quote"), ("rule", "rule"))}


def review_frame(findings: pd.DataFrame | None, tables: Tables, year: int,
                 kecamatan: str | None = None, min_severity: str = "info") -> pd.DataFrame:
    """Every finding with the file name, related lines and the quoted source row."""
    rows = findings_frame(findings, kecamatan, year, min_severity)
    if rows.empty:
        return rows.assign(berkas=[], baris_terkait=[], kutipan=[])
    rows["berkas"] = rows["file"].map(lambda f: Path(f).name if not is_missing(f) else "")
    rows["baris_terkait"] = rows["related_lines"].map(
        lambda lines: ", ".join(str(v) for v in lines) if isinstance(lines, list | tuple)
        else fmt_text(lines))
    rows["kutipan"] = source_quotes(rows, tables)
    return rows


def review_sections(findings: pd.DataFrame | None, tables: Tables, year: int,
                    kecamatan: str | None = None,
                    min_severity: str = "info") -> list[tuple[str, View]]:
    """(heading, view) per family of findings, families in the usual order."""
    frame = review_frame(findings, tables, year, kecamatan, min_severity)
    if frame.empty:
        return []
    sections = []
    order = [f for f in FAMILY_LABELS if f in set(frame["family"])] + sorted(
        set(frame["family"].dropna()) - set(FAMILY_LABELS))
    for family in order:
        part = frame[frame["family"] == family].reset_index(drop=True)
        heading = f"{family_label(family)} ({len(part)} temuan)"
        sections.append((heading, View(part, dict(REVIEW_COLUMNS), _empty_note(findings),
                                       formats={"line": fmt_int},
                                       cell_css={"tingkat": severity_css})))
    return sections


def show_sections(sections: Iterable[tuple[str, View]], level: int = 3,
                  empty_note: str = "Tidak ada temuan untuk pilihan ini.") -> None:
    """Display each section as a Markdown heading (it joins the table of contents) and its
    table; the note when there is none."""
    from IPython.display import display

    shown = False
    for heading, view in sections:
        counts = view.frame["severity"].value_counts().to_dict() if "severity" in view.frame \
            else {}
        display(markdown(f"{'#' * level} {escape_md(heading)}\n\n{count_phrase(counts)}."))
        display(view)
        shown = True
    if not shown:
        display(markdown(f"*{escape_md(empty_note)}*"))
