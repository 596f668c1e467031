"""The findings of the checker as one frame, and the ways it leaves the tool.

Text for the terminal (grouped by file, then table, sorted by line), JSON for programs,
CSV for the dataset, and an xlsx workbook in Bahasa Indonesia that an analyst can send back
to the kecamatan.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from sakip_analysis.errors import SakipError
from sakip_analysis.formatting import FAMILY_LABELS, SEVERITY_LABELS

FINDING_COLUMNS = ["rule", "family", "severity", "message", "file", "table", "table_index",
                   "page", "line", "related_lines", "reported", "expected", "kecamatan", "year"]
SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
NARRATIVE_TABLE = "Teks laporan"
FORMATS = ("text", "json", "csv", "xlsx")

_INT_COLUMNS = ("table_index", "page", "line", "year")
_XLSX_HEADERS = {
    "severity": "Tingkat", "rule": "Aturan", "family": "Kelompok", "table": "Tabel",
    "line": "Baris", "message": "Temuan", "reported": "Tertulis", "expected": "Seharusnya",
    "related_lines": "Baris terkait", "page": "Halaman", "file": "Berkas",
    "kecamatan": "Kecamatan", "year": "Tahun",
}
_XLSX_WIDTHS = {"Tingkat": 13, "Aturan": 8, "Kelompok": 13, "Tabel": 22, "Baris": 7,
                "Temuan": 90, "Tertulis": 16, "Seharusnya": 16, "Baris terkait": 14,
                "Halaman": 9, "Berkas": 30, "Kecamatan": 16, "Tahun": 7}
_FILLS = {"error": "F8CBAD", "warning": "FFE699", "info": "DDEBF7"}


def empty_findings() -> pd.DataFrame:
    return frame_of([])


def frame_of(records: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Findings as a frame with exactly FINDING_COLUMNS and stable dtypes."""
    frame = pd.DataFrame(list(records), columns=FINDING_COLUMNS)
    for col in _INT_COLUMNS:
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Int64")
    frame["related_lines"] = frame["related_lines"].map(_as_line_list)
    for col in ("rule", "family", "severity", "message", "file", "table", "reported",
                "expected", "kecamatan"):
        frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
    return frame.reset_index(drop=True)


def _as_line_list(value: Any) -> list[int]:
    if value is None or (isinstance(value, float) and value != value):
        return []
    if isinstance(value, str):
        return [int(v) for v in value.replace(";", " ").split() if v.strip().isdigit()]
    return sorted({int(v) for v in value if v is not None and not pd.isna(v)})


def filter_severity(findings: pd.DataFrame, min_severity: str) -> pd.DataFrame:
    """Findings at `min_severity` or above (info < warning < error)."""
    if min_severity not in SEVERITY_RANK:
        raise SakipError(f"unknown severity {min_severity!r}; use one of {', '.join(SEVERITIES)}")
    rank = findings["severity"].map(SEVERITY_RANK)
    return findings[rank >= SEVERITY_RANK[min_severity]].reset_index(drop=True)


def sort_findings(findings: pd.DataFrame) -> pd.DataFrame:
    """By file, then table (document order; text findings last), then line."""
    if findings.empty:
        return findings
    order = findings.assign(
        _index=findings["table_index"].fillna(10**9),
        _line=findings["line"].fillna(10**9),
        _sev=-findings["severity"].map(SEVERITY_RANK),
    ).sort_values(["file", "_index", "_line", "_sev", "rule"], kind="stable")
    return order.drop(columns=["_index", "_line", "_sev"]).reset_index(drop=True)


def write_findings(findings: pd.DataFrame, fmt: str, out: Path | None) -> str | None:
    """Write findings as text, json, csv or xlsx to `out`; without `out`, return the text
    (xlsx needs a file)."""
    if fmt not in FORMATS:
        raise SakipError(f"unknown findings format {fmt!r}; use one of {', '.join(FORMATS)}")
    findings = sort_findings(findings)
    if fmt == "xlsx":
        if out is None:
            raise SakipError("findings as xlsx need an output file: give -o FILE.xlsx")
        _write_xlsx(findings, Path(out))
        return None
    text = {"text": to_text, "json": to_json, "csv": to_csv}[fmt](findings)
    if out is None:
        return text
    try:
        Path(out).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise SakipError(f"{out}: cannot write findings ({exc.strerror})") from None
    return None


def to_records(findings: pd.DataFrame) -> list[dict[str, Any]]:
    """Plain JSON-ready dicts: ints or None for lines, a list of ints for related lines."""
    records = []
    for row in findings.to_dict(orient="records"):
        rec: dict[str, Any] = {}
        for col in FINDING_COLUMNS:
            value = row[col]
            if col in _INT_COLUMNS:
                rec[col] = None if pd.isna(value) else int(value)
            elif col == "related_lines":
                rec[col] = [int(v) for v in value]
            else:
                rec[col] = None if value is None or (isinstance(value, float) and pd.isna(value)) \
                    else str(value)
        records.append(rec)
    return records


def to_json(findings: pd.DataFrame) -> str:
    return json.dumps(to_records(findings), ensure_ascii=False, indent=1)


def to_csv(findings: pd.DataFrame) -> str:
    flat = findings.copy()
    # a finding read back from findings.csv holds its lines as text ("717 718"): parse it,
    # never join its characters (that rewrote unchanged findings on every `sakip run`)
    flat["related_lines"] = flat["related_lines"].map(
        lambda v: " ".join(map(str, _as_line_list(v))))
    return flat.to_csv(index=False)


def to_text(findings: pd.DataFrame) -> str:
    """Readable in a terminal: a block per file and table, one line per finding."""
    if findings.empty:
        return "Tidak ada temuan."
    lines: list[str] = []
    counts = findings["severity"].value_counts()
    summary = ", ".join(f"{counts.get(s, 0)} {SEVERITY_LABELS[s].lower()}"
                        for s in reversed(SEVERITIES))
    for file, in_file in findings.groupby("file", sort=False, dropna=False):
        first = in_file.iloc[0]
        who = " ".join(str(v) for v in (first["kecamatan"], first["year"]) if not pd.isna(v))
        lines.append(f"== {file}" + (f" ({who})" if who else ""))
        keys = [in_file["table_index"].fillna(-1), in_file["table"].fillna(NARRATIVE_TABLE)]
        for (_, table), in_table in in_file.groupby(keys, sort=False):
            lines.append(f"  -- {table}")
            for row in in_table.itertuples():
                where = f"baris {row.line}" if not pd.isna(row.line) else "-"
                related = (" (lihat baris " + ", ".join(map(str, row.related_lines)) + ")"
                           if row.related_lines else "")
                lines.append(f"    {where:>11}  {SEVERITY_LABELS[row.severity]:<10} "
                             f"{row.rule:<6} {row.message}{related}")
        lines.append("")
    lines.append(f"{len(findings)} temuan: {summary}.")
    return "\n".join(lines)


def _write_xlsx(findings: pd.DataFrame, out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Temuan"
    columns = list(_XLSX_HEADERS)
    ws.append([_XLSX_HEADERS[c] for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in to_records(findings):
        values = []
        for col in columns:
            value = row[col]
            if col == "severity":
                value = SEVERITY_LABELS.get(value, value)
            elif col == "family":
                value = FAMILY_LABELS.get(value, value)
            elif col == "related_lines":
                value = ", ".join(map(str, value))
            elif col == "table" and value is None:
                value = NARRATIVE_TABLE
            values.append(value)
        ws.append(values)
        fill = _FILLS.get(row["severity"])
        if fill:
            ws.cell(ws.max_row, 1).fill = PatternFill("solid", start_color=fill)
    wrap = Alignment(wrap_text=True, vertical="top")
    message_col = columns.index("message") + 1
    for r in range(2, ws.max_row + 1):
        ws.cell(r, message_col).alignment = wrap
    for i, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = _XLSX_WIDTHS[_XLSX_HEADERS[col]]
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions

    summary = wb.create_sheet("Ringkasan")
    summary.append(["Berkas", "Kecamatan", "Tahun", "Kesalahan", "Peringatan", "Info"])
    for cell in summary[1]:
        cell.font = Font(bold=True)
    if not findings.empty:
        for (file, kec, year), group in findings.groupby(
                ["file", "kecamatan", "year"], dropna=False, sort=True):
            c = group["severity"].value_counts()
            summary.append([file, kec, None if pd.isna(year) else int(year),
                            int(c.get("error", 0)), int(c.get("warning", 0)),
                            int(c.get("info", 0))])
    for i, width in enumerate((40, 18, 8, 11, 11, 8), start=1):
        summary.column_dimensions[get_column_letter(i)].width = width
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        wb.save(out)
    except OSError as exc:
        raise SakipError(f"{out}: cannot write findings ({exc.strerror})") from None
