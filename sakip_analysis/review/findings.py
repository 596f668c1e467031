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
from sakip_analysis.formatting import SEVERITY_LABELS
from sakip_analysis.read.spreadsheet import escape_frame

FINDING_COLUMNS = ["rule", "family", "severity", "message", "file", "table", "table_index",
                   "page", "line", "related_lines", "reported", "expected", "kecamatan", "year"]
SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
NARRATIVE_TABLE = "Teks laporan"
FORMATS = ("text", "json", "csv", "xlsx")

_INT_COLUMNS = ("table_index", "page", "line", "year")
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
        raise SakipError(f"tingkat {min_severity!r} tidak dikenal; gunakan salah satu: "
                         f"{', '.join(SEVERITIES)}")
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


def write_findings(findings: pd.DataFrame, fmt: str, out: Path | None, *,
                   tables: Mapping[str, pd.DataFrame] | None = None,
                   root: Path | str | None = None) -> str | None:
    """Write findings as text, json, csv or xlsx to `out`; without `out`, return the text
    (xlsx needs a file). `root`: file names are shown relative to it (the folder the analyst
    gave); `tables`: the checked tables, for the quoted source line in the workbook."""
    if fmt not in FORMATS:
        raise SakipError(f"format temuan {fmt!r} tidak dikenal; gunakan salah satu: "
                         f"{', '.join(FORMATS)}")
    findings = sort_findings(findings)
    if fmt == "xlsx":
        if out is None:
            raise SakipError("temuan dalam xlsx perlu berkas keluaran: beri -o BERKAS.xlsx")
        if tables is not None and not findings.empty:
            from sakip_analysis.review.quotes import source_quotes

            findings = findings.assign(quote=source_quotes(findings, dict(tables)).to_numpy())
        _write_xlsx(relative_files(findings, root), Path(out), tables=tables, root=root)
        return None
    findings = relative_files(findings, root)
    text = {"text": to_text, "json": to_json, "csv": to_csv}[fmt](findings)
    if out is None:
        return text
    try:
        Path(out).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise SakipError(f"{out}: temuan tidak dapat ditulis ({exc.strerror})") from None
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


def flat_findings(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings with related lines as one space-separated text, as in findings.csv."""
    flat = findings.copy()
    # a finding read back from findings.csv holds its lines as text ("717 718"): parse it,
    # never join its characters (that rewrote unchanged findings on every `sakip run`)
    if "related_lines" in flat:
        flat["related_lines"] = flat["related_lines"].map(
            lambda v: " ".join(map(str, _as_line_list(v))))
    return flat


def to_csv(findings: pd.DataFrame) -> str:
    """CSV whose text cells a spreadsheet shows as text (see `read.spreadsheet`)."""
    return escape_frame(flat_findings(findings)).to_csv(index=False, lineterminator="\n")


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


def relative_files(findings: pd.DataFrame, root: Path | str | None) -> pd.DataFrame:
    """File names relative to `root` where they lie under it (never the analyst's full path)."""
    if root is None or findings.empty:
        return findings
    base = Path(root).resolve()

    def rel(name: Any) -> Any:
        if not isinstance(name, str):
            return name
        try:
            return Path(name).resolve().relative_to(base).as_posix()
        except (ValueError, OSError):
            return name
    return findings.assign(file=findings["file"].map(rel))


FAMILY_FIXES = {
    "ratio": "hitung ulang persentasenya dari kedua angka di baris yang sama",
    "difference": "hitung ulang selisihnya dari kedua angka",
    "sum": "jumlahkan ulang rinciannya dan samakan baris jumlahnya",
    "average": "hitung ulang rata-ratanya dari rinciannya",
    "cross-table": "samakan angka ini di semua tabel yang memuatnya (periksa mana yang benar)",
    "narrative": "samakan kalimat dengan angka di tabel",
    "counts": "hitung ulang banyaknya butir yang disebut",
    "time": "periksa tahun pada judul dan kolom tabel",
    "structure": "lengkapi atau perbaiki susunan tabel",
    "across-reports": "samakan dengan angka yang sama di laporan tahun lain",
}
"""A short instruction per rule family, in the words a kecamatan's staff would use."""


def what_to_fix(row: Mapping[str, Any]) -> str:
    """One sentence for the kecamatan: which figure to change to what, and how to check it."""
    hint = FAMILY_FIXES.get(str(row.get("family")), "periksa kembali angka ini")
    reported, expected = row.get("reported"), row.get("expected")
    if reported and expected and row.get("family") == "cross-table":
        return f"Pilih yang benar antara {reported} dan {expected}; {hint}."
    if reported and expected:
        return f"Ganti {reported} menjadi {expected}, atau {hint}."
    return hint[0].upper() + hint[1:] + "."


_SHEET_COLUMNS = [  # (header, width, value of a record)
    ("Tingkat", 13, lambda r, d: SEVERITY_LABELS.get(r["severity"], r["severity"])),
    ("Aturan", 8, lambda r, d: r["rule"]),
    ("Keterangan aturan", 38, lambda r, d: d.get(r["rule"], "")),
    ("Tabel", 24, lambda r, d: r["table"] or NARRATIVE_TABLE),
    ("Halaman", 9, lambda r, d: r["page"]),
    ("Baris", 8, lambda r, d: r["line"]),
    ("Kutipan sumber", 48, lambda r, d: r.get("quote") or ""),
    ("Tertulis", 16, lambda r, d: r["reported"]),
    ("Seharusnya", 16, lambda r, d: r["expected"]),
    ("Temuan", 60, lambda r, d: r["message"]),
    ("Yang perlu diperbaiki", 44, lambda r, d: what_to_fix(r)),
    ("Baris terkait", 14, lambda r, d: ", ".join(map(str, r["related_lines"]))),
]


def _sheet_names(keys: list[tuple[Any, Any, Any]]) -> dict[Any, str]:
    """A readable, unique sheet name (≤ 31 characters, no []:*?/\\) for each report."""
    names: dict[Any, str] = {}
    used = {"ringkasan"}
    for file, kec, year in keys:
        base = " ".join(str(v) for v in (kec, year) if v is not None and not pd.isna(v)) \
            or Path(str(file)).stem
        base = "".join("_" if c in "[]:*?/\\" else c for c in base).strip("'") or "Laporan"
        name, n = base[:31], 2
        while name.casefold() in used:
            name = f"{base[:27]} ({n})"
            n += 1
        used.add(name.casefold())
        names[file] = name
    return names


def _write_xlsx(findings: pd.DataFrame, out: Path, *,
                tables: Mapping[str, pd.DataFrame] | None = None,
                root: Path | str | None = None) -> None:
    """A workbook to send to the kecamatan: one sheet per report with every finding, its rule
    and description, the quoted source line, both figures and what to fix, then a summary; all
    text wrapped, every text cell a string (never a formula)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from sakip_analysis.read.spreadsheet import safe_cell
    from sakip_analysis.review.registry import RULES_BY_ID

    described = {rule_id: rule.description for rule_id, rule in RULES_BY_ID.items()}
    recs = to_records(findings)
    for rec, quote in zip(recs, findings.get("quote", pd.Series([None] * len(recs))),
                          strict=True):
        rec["quote"] = quote
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)

    wb = Workbook()
    wb.remove(wb.active)
    keys_found = {(r["file"], r["kecamatan"], r["year"]) for r in recs}
    if tables is not None and "tables" in tables and len(tables["tables"]):
        checked = relative_files(tables["tables"][["source_file", "kecamatan", "year"]]
                                 .rename(columns={"source_file": "file"}), root)
        keys_found |= {(f, k, None if pd.isna(y) else int(y)) for f, k, y in
                       checked.drop_duplicates().itertuples(index=False)
                       if f not in {key[0] for key in keys_found}}
    keys = sorted(keys_found, key=lambda k: tuple("" if v is None else str(v) for v in k))
    sheets = _sheet_names(keys) if len(keys) > 1 else {k[0]: "Temuan" for k in keys}
    for file, title in sheets.items():  # the reports first: a kecamatan opens on its own
        ws = wb.create_sheet(title)
        for col, (text, width, _) in enumerate(_SHEET_COLUMNS, start=1):
            safe_cell(ws, 1, col, text).font = bold
            ws.column_dimensions[get_column_letter(col)].width = width
        for r, rec in enumerate((x for x in recs if x["file"] == file), start=2):
            for col, (_, _, value) in enumerate(_SHEET_COLUMNS, start=1):
                safe_cell(ws, r, col, value(rec, described),
                          where="findings.csv").alignment = wrap
            fill = _FILLS.get(rec["severity"])
            if fill:
                ws.cell(r, 1).fill = PatternFill("solid", start_color=fill)
        if ws.max_row == 1:
            safe_cell(ws, 2, 1, "Tidak ada temuan.")
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    summary = wb.create_sheet("Ringkasan")
    head = ["Berkas", "Kecamatan", "Tahun", "Kesalahan", "Peringatan", "Info", "Lembar"]
    for col, text in enumerate(head, start=1):
        safe_cell(summary, 1, col, text).font = bold
    for i, (file, kec, year) in enumerate(keys, start=2):
        mine = [r["severity"] for r in recs if r["file"] == file]
        values = [file, kec, year, mine.count("error"), mine.count("warning"),
                  mine.count("info"), sheets[file]]
        for col, value in enumerate(values, start=1):
            safe_cell(summary, i, col, value).alignment = wrap
    if not keys:
        safe_cell(summary, 2, 1, "Tidak ada temuan.")
    for i, width in enumerate((40, 18, 8, 11, 11, 8, 24), start=1):
        summary.column_dimensions[get_column_letter(i)].width = width
    summary.freeze_panes = "A2"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        wb.save(out)
    except OSError as exc:
        raise SakipError(f"{out}: temuan tidak dapat ditulis ({exc.strerror})") from None
