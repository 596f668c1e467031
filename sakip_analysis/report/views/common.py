"""What every notebook section shares: the View (a table that knows its Indonesian headers and
its note for when it is empty), number formatting, escaping of report text, row selection.

Views select, join, label and format; the arithmetic lives in `indicators` and `compare`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from sakip_analysis.analysis.indicators import add_capaian
from sakip_analysis.analysis.selection import iku_of_reports
from sakip_analysis.formatting import (
    DASH,
    FAMILY_LABELS,
    LEVEL_LABELS,
    PREDIKAT_CSS,
    SEVERITY_CSS,
    SEVERITY_LABELS,
    SEVERITY_NAMES,
    SYNTHETIC_BANNER,
    SYNTHETIC_SOURCE,
    UNIT_KIND_LABELS,
    fmt_figure,
    fmt_int,
    fmt_number,
    fmt_percent,
    fmt_rupiah,
    fmt_text,
    is_missing,
    name_key,
    number_formatter,
    percent_formatter,
    source_label,
)
from sakip_analysis.review.findings import (
    FINDING_COLUMNS,
    NARRATIVE_TABLE,
    empty_findings,
    frame_of,
)

Tables = Mapping[str, pd.DataFrame]
Formatter = Callable[[Any], str]

FINDINGS_FILE = "findings.csv"
SEVERITY_TEXT = SEVERITY_NAMES
__all__ = ["DASH", "FAMILY_LABELS", "LEVEL_LABELS", "PREDIKAT_CSS", "SEVERITY_CSS",
           "SEVERITY_LABELS", "SYNTHETIC_BANNER", "SYNTHETIC_SOURCE", "fmt_figure", "fmt_int",
           "fmt_number", "fmt_percent", "fmt_rupiah", "fmt_text", "is_missing",
           "number_formatter", "percent_formatter", "source_label"]


def shown_figures(frame: pd.DataFrame, column: str, unit: str | None = "unit") -> pd.Series:
    """`column` written with its own `_decimals` (and the row's unit), row by row."""
    if frame.empty:
        return pd.Series([], index=frame.index, dtype=object)
    decimals = frame.get(f"{column}_decimals", pd.Series(pd.NA, index=frame.index))
    units = frame[unit] if unit and unit in frame.columns else pd.Series(None, index=frame.index)
    return pd.Series([fmt_figure(v, d, u) for v, d, u in zip(frame[column], decimals, units,
                                                            strict=True)],
                     index=frame.index, dtype=object)


def escape_md(text: Any) -> str:
    """Report-derived text made inert for Markdown and HTML (names come from documents)."""
    escaped = html.escape(fmt_text(text), quote=True)
    return re.sub(r"([\\`*_\[\]{}#|~])", r"\\\1", escaped)


def markdown(text: str) -> Any:
    """An IPython Markdown object (imported lazily so the views import without IPython)."""
    from IPython.display import Markdown

    return Markdown(text)


def note_html(text: str) -> str:
    return f'<p class="catatan"><em>{html.escape(text)}</em></p>'


# --------------------------------------------------------------------------- the View

@dataclass
class View:
    """A section's table: `frame` holds the data (numeric, internal column names, for charts
    and tests), `columns` the shown columns with their Indonesian headers, `note` what an
    analyst reads instead when there is nothing to show."""

    frame: pd.DataFrame
    columns: dict[str, str]
    note: str
    formats: dict[str, Formatter] = field(default_factory=dict)
    cell_css: dict[str, Callable[[Any], str]] = field(default_factory=dict)
    row_css: Callable[[pd.Series], str] | None = None
    right: tuple[str, ...] = ()
    """Text columns that hold figures (e.g. a target as printed), aligned like numbers."""

    @property
    def empty(self) -> bool:
        return self.frame.empty

    def table(self) -> pd.DataFrame:
        """The shown table: Indonesian headers, every value written the Indonesian way."""
        out = {}
        for column, label in self.columns.items():
            fmt = self.formats.get(column, fmt_text)
            values = self.frame[column] if column in self.frame.columns else pd.Series(
                None, index=self.frame.index, dtype=object)
            out[label] = [fmt(v) for v in values]
        return pd.DataFrame(out, columns=list(self.columns.values()))

    def cell_styles(self) -> list[list[str]]:
        """The CSS of every shown cell, row by row: figures aligned right, then the column's
        own rule (`cell_css`), then the row's (`row_css`)."""
        frame = self.frame.reset_index(drop=True)
        columns = []
        for column in self.columns:
            values = frame[column] if column in frame.columns else None
            right = column in self.right or (values is not None
                                             and pd.api.types.is_numeric_dtype(values))
            rule = self.cell_css.get(column) if values is not None else None
            columns.append((right, rule, values))
        rows = ([self.row_css(row) for _, row in frame.iterrows()]
                if self.row_css is not None else [""] * len(frame))
        styles = []
        for i, row_style in enumerate(rows):
            line = []
            for right, rule, values in columns:
                parts = ["text-align: right; white-space: nowrap"] if right else []
                if rule is not None:
                    parts.append(_text_or_empty(rule(values.iat[i])))
                parts.append(_text_or_empty(row_style))
                line.append("; ".join(part.strip("; ") for part in parts if part.strip("; ")))
            styles.append(line)
        return styles

    def to_html(self) -> str:
        """The shown table as HTML, every text escaped, each cell's CSS inline.

        Written directly rather than through pandas' Styler, which built a CSS rule per cell
        by id (a random id per render, so a rebuilt page never matched its last version):
        43 against 10 ms for a kecamatan page's nine tables. Same texts, same CSS per cell
        (tested on hand-built cells)."""
        shown = self.table()
        head = "".join(f'<th class="col_heading level0 col{j}">{html.escape(str(label))}</th>'
                       for j, label in enumerate(shown.columns))
        body = []
        for i, (values, styles) in enumerate(zip(shown.itertuples(index=False, name=None),
                                                 self.cell_styles(), strict=True)):
            cells = "".join(
                f'<td class="data row{i} col{j}"'
                + (f' style="{html.escape(style)}"' if style else "")
                + f">{html.escape(str(value))}</td>"
                for j, (value, style) in enumerate(zip(values, styles, strict=True)))
            body.append(f"<tr>{cells}</tr>")
        return (f'<table class="dataframe sakip-table">\n<thead><tr>{head}</tr></thead>\n'
                f"<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n")

    def _repr_html_(self) -> str:
        if self.empty:
            return note_html(self.note)
        return self.to_html()

    def __repr__(self) -> str:
        """A line saying what the table holds: the notebook's plain-text fallback, which a
        notebook front end computes for every displayed object beside its HTML. (The
        dataclass repr printed the whole frame as text: a sixth of a table's display cost,
        for a fallback no report shows.)"""
        if self.empty:
            return f"<Tabel kosong: {self.note}>"
        rows, shown = len(self.frame), list(self.columns.values())
        return f"<Tabel {rows} baris × {len(shown)} kolom: {', '.join(shown)}>"


def _text_or_empty(value: Any) -> str:
    """A CSS rule's result as text; '' for None, NaN or NA (a rule with nothing to say)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def warm_up() -> None:
    """Render one small table the way the reports do (formatters, CSS rules, pandas' row
    iteration), so a kernel forked from the batch's zygote does not pay that first render."""
    frame = pd.DataFrame({"label": ["Program", "Kegiatan"], "capaian": [101.25, None]})
    View(frame, {"label": "Uraian", "capaian": "Capaian (%)"}, "Tidak ada data.",
         formats={"capaian": fmt_number}, row_css=level_row_css)._repr_html_()


def level_row_css(row: pd.Series) -> str:
    """Program and total rows stand out in budget-like tables."""
    level = row.get("level")
    if level == "total":
        return "font-weight: 700; border-top: 2px solid #57606a"
    if level in ("sasaran", "program"):
        return "font-weight: 600"
    return ""


# --------------------------------------------------------------------------- data

def resolve_data_dir(data_dir: str | Path) -> Path:
    """`data_dir` as given when absolute; a relative one is looked up from the working
    directory and then its parents, so the default "data/processed" works both from the
    repository root and from a JupyterLab started in notebooks/."""
    path = Path(data_dir).expanduser()
    if path.is_absolute() or path.exists():
        return path
    for parent in Path.cwd().parents:
        candidate = parent / path
        if candidate.exists():
            return candidate
    return path


def load_findings(data_dir: str | Path) -> pd.DataFrame | None:
    """`<data_dir>/findings.csv` as a findings frame; None when the file is absent (the views
    then say the checker has not run, rather than "no findings")."""
    path = resolve_data_dir(data_dir) / FINDINGS_FILE
    if not path.exists():
        return None
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    for column in FINDING_COLUMNS:
        if column not in raw.columns:
            raw[column] = None
    raw = raw.astype(object).where(raw.notna(), None)
    return frame_of(raw[FINDING_COLUMNS].to_dict(orient="records"))


def load_tables(data_dir: str | Path, names: Iterable[str]) -> dict[str, pd.DataFrame]:
    """The tables a notebook shows, read once: only those when `load_dataset` can read a
    subset (`tables=`), else the whole dataset."""
    import inspect

    from sakip_analysis.read.dataset import load_dataset

    path = resolve_data_dir(data_dir)
    if "tables" in inspect.signature(load_dataset).parameters:
        return load_dataset(path, tables=list(names))
    return load_dataset(path)


def empty_source_note(data_dir: str | Path, source_file: str) -> Any:
    """The page of a document that was read but holds no table: what it is and why there is
    nothing to show."""
    path = resolve_data_dir(data_dir) / "sources.csv"
    error = ""
    if path.exists():
        sources = pd.read_csv(path, dtype=str, keep_default_na=False)
        row = sources[sources.get("source_file", pd.Series(dtype=str)) == source_file]
        if len(row) and "error" in row.columns:
            error = str(row["error"].iloc[0])
    text = (f"**Dokumen {escape_md(Path(source_file).name)} terbaca, tetapi tidak memuat tabel "
            "kinerja atau anggaran.** Tidak ada angka yang dapat ditampilkan, diperiksa, atau "
            "dibandingkan dengan laporan lain.")
    if error:
        text += f"\n\nKeterangan: {escape_md(error)}"
    return markdown(text)


FINDINGS_MISSING = "Hasil pemeriksaan inkonsistensi (findings.csv) belum ada di folder data."


def findings_or_empty(findings: pd.DataFrame | None) -> pd.DataFrame:
    """The findings frame; an empty one when the checker has not run (None)."""
    return empty_findings() if findings is None else findings


# --------------------------------------------------------------------------- one data source

#: Tables a notebook may narrow to one data source, unit kind, kecamatan or years.
GROUP_COLUMNS = ("data_source", "unit_kind")


def select(tables: Tables, *, data_source: str | None = None, unit_kind: str | None = None,
           kecamatan: str | None = None, years: Iterable[int] | int | None = None,
           kabupaten: str | None = None) -> dict[str, pd.DataFrame]:
    """The dataset narrowed once, at the top of a notebook, to what the page shows: one data
    source (real reports are never compared with synthetic ones), one unit kind (kecamatan
    with kecamatan, OPD with OPD), optionally one kecamatan, kabupaten or some report years.
    Every later view then filters a small frame. A column the dataset lacks is not a filter."""
    if isinstance(years, int):
        years = [years]
    wanted = None if years is None else {int(y) for y in years}
    out: dict[str, pd.DataFrame] = {}
    for name, frame in tables.items():
        if frame is None or frame.empty or "kecamatan" not in frame.columns:
            out[name] = frame
            continue
        keep = pd.Series(True, index=frame.index)
        if data_source is not None and "data_source" in frame.columns:
            keep &= frame["data_source"] == data_source
        if unit_kind is not None and "unit_kind" in frame.columns:
            keep &= frame["unit_kind"].fillna("kecamatan") == unit_kind
        if kecamatan is not None:
            keep &= same_name(frame["kecamatan"], kecamatan)
        if kabupaten is not None and "kabupaten" in frame.columns:
            keep &= same_name(frame["kabupaten"], kabupaten)
        if wanted is not None and "year" in frame.columns:
            keep &= frame["year"].isin(wanted)
        out[name] = frame if bool(keep.all()) else frame[keep.to_numpy()]
    return out


def findings_in(findings: pd.DataFrame | None, tables: Tables) -> pd.DataFrame | None:
    """The findings of the reports in `tables` (matched by source file), so a page of real
    reports never counts a synthetic report's findings and the other way round."""
    if findings is None or findings.empty:
        return findings
    catalog = tables.get("tables")
    if catalog is None:
        return findings
    files = set(catalog["source_file"].dropna().astype(str))
    return findings[findings["file"].isin(files)].reset_index(drop=True)


def unit_label(tables: Tables) -> str:
    """`OPD` when every report in `tables` is an OPD's, else `Kecamatan`: the word titles
    put before a unit's name."""
    catalog = tables.get("tables")
    if catalog is None or catalog.empty or "unit_kind" not in catalog.columns:
        return UNIT_KIND_LABELS["kecamatan"]
    kinds = set(catalog["unit_kind"].fillna("kecamatan").astype(str))
    return UNIT_KIND_LABELS.get(kinds.pop(), "Kecamatan") if len(kinds) == 1 else "Kecamatan"


def data_sources(tables: Tables) -> list[str]:
    catalog = tables.get("tables")
    if catalog is None or catalog.empty:
        return []
    return sorted(set(catalog["data_source"].dropna().astype(str)))


def source_statement(tables: Tables) -> Any:
    """The line every page carries: which data it shows (synthetic demo or real reports)."""
    sources = data_sources(tables)
    if not sources:
        return markdown("*Data: tidak ada laporan untuk pilihan ini.*")
    return markdown("*Data yang ditampilkan: " + " dan ".join(source_label(s) for s in sources)
                    + ".*")


def same_name(series: pd.Series, name: str | None) -> pd.Series:
    """Case- and space-insensitive match of a name column (kecamatan from a parameter)."""
    if name is None:
        return pd.Series(True, index=series.index)
    wanted = name_key(name)
    # keyed once per distinct name, not once per row (a dataset repeats a few names)
    matches = {value: name_key(value) == wanted for value in series.dropna().unique()}
    return series.map(matches).fillna(wanted == "").astype(bool)


def of_report(frame: pd.DataFrame, kecamatan: str | None = None,
              year: int | None = None) -> pd.DataFrame:
    """Rows of one kecamatan's report of one year (either may be None for all)."""
    if frame.empty:
        return frame
    keep = same_name(frame["kecamatan"], kecamatan)
    if year is not None:
        keep &= frame["year"] == int(year)
    return frame[keep.fillna(False).astype(bool)]


def is_synthetic(tables: Tables, kecamatan: str | None = None,
                 years: Iterable[int] | int | None = None) -> bool:
    """True when any selected row comes from the synthetic demo documents."""
    if isinstance(years, int):
        years = [years]
    wanted = None if years is None else {int(y) for y in years}
    for name in ("tables", "indicators", "budget", "narrative"):
        frame = tables.get(name)
        if frame is None or frame.empty:
            continue
        rows = of_report(frame, kecamatan)
        if wanted:
            rows = rows[rows["year"].isin(wanted)]
        if (rows["data_source"] == SYNTHETIC_SOURCE).any():
            return True
    return False


def banner(tables: Tables, kecamatan: str | None = None,
           years: Iterable[int] | int | None = None) -> Any:
    """The yellow "Data demo sintetis" banner when the data is synthetic; nothing otherwise.
    Its notebook cell carries the tag `sakip-banner`: the HTML export shows the banner in the
    page header instead, once."""
    from IPython.display import HTML

    if not is_synthetic(tables, kecamatan, years):
        return HTML("")
    return HTML('<div class="banner-synthetic" role="note" style="background:#fff4ce;'
                "border:2px solid #c69026;color:#6b4600;padding:.6rem 1rem;font-weight:700;"
                f'border-radius:6px;margin-bottom:1rem">{html.escape(SYNTHETIC_BANNER)}</div>')


def canonical_name(series: pd.Series) -> str:
    """The spelling of a kecamatan as the data writes it most often."""
    values = series.dropna().astype(str)
    return str(values.mode().iloc[0]) if len(values) else ""


_NUMBERING = re.compile(r"^\s*(?:\d{1,2}|[a-z])\s*[.)]\s*", re.IGNORECASE)


def indicator_label(text: Any, kecamatan: Any = None) -> str:
    """An indicator's name without its kecamatan ("Nilai IKPP Kec Jogoroto" → "Nilai IKPP")
    and list numbering, so the same indicator lines up across kecamatan and tables."""
    label = " ".join(fmt_text(text).split())
    label = _NUMBERING.sub("", label)
    if not is_missing(kecamatan) and str(kecamatan).strip():
        name = r"\s+".join(re.escape(part) for part in str(kecamatan).split())
        label = re.sub(rf"\s*\b(?:kecamatan|kec\.?)\s*{name}\b", "", label, flags=re.IGNORECASE)
    return label.strip(" .,;:") or fmt_text(text).strip()


def indicator_key(label: str) -> str:
    """A matching key: lower case, letters and digits only, without a leading "nilai"."""
    key = re.sub(r"[^0-9a-z]+", " ", label.casefold()).strip()
    return re.sub(r"^(?:nilai|indeks)\s+", "", key)


def with_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """Adds `label` (indicator without kecamatan) and `key` (for matching) columns."""
    out = frame.copy()
    if out.empty:
        out["label"] = pd.Series(dtype=object)
        out["key"] = pd.Series(dtype=object)
        return out
    text = out["indicator"].where(out["indicator"].notna(), out.get("name"))
    out["label"] = [indicator_label(t, k) for t, k in zip(text, out["kecamatan"], strict=True)]
    out["key"] = out["label"].map(indicator_key)
    return out


def iku_rows(indicators: pd.DataFrame, year: int | None = None,
             kecamatan: str | None = None) -> pd.DataFrame:
    """The IKU of each report for its own year, with computed capaian and predikat; which
    rows count is `selection.iku_of_reports` (the same choice `iku_average` makes)."""
    return with_labels(add_capaian(iku_of_reports(of_report(indicators, kecamatan, year))))


def sakip_scores(tables: Tables, year: int | None = None,
                 kecamatan: str | None = None) -> pd.DataFrame:
    """Nilai SAKIP per report: the total row of the SAKIP components table, else the
    realisasi of the IKU "Nilai SAKIP". Columns: kabupaten, kecamatan, year, nilai, sumber,
    grade, arti (the grade's meaning)."""
    from sakip_analysis.analysis.indicators import SAKIP_GRADE_LABELS, sakip_grade

    keys = ["kabupaten", "kecamatan", "year"]
    parts = []
    components = of_report(tables.get("sakip_components", pd.DataFrame(columns=keys)),
                           kecamatan, year)
    if not components.empty:
        total = components[(components["level"] == "total") & components["nilai"].notna()]
        total = total.drop_duplicates(["kecamatan", "year"])[[*keys, "nilai"]]
        parts.append(total.assign(sumber="Tabel komponen SAKIP"))
    iku = iku_rows(tables["indicators"], year, kecamatan)
    iku = iku[iku["key"].str.contains(r"\bsakip\b", regex=True) & iku["realisasi"].notna()]
    if not iku.empty:
        nilai = iku.drop_duplicates(["kecamatan", "year"])[[*keys, "realisasi"]]
        parts.append(nilai.rename(columns={"realisasi": "nilai"}).assign(sumber="IKU Nilai SAKIP"))
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in
                             [*keys, "nilai", "sumber", "grade", "arti"]})
    scores = pd.concat(parts, ignore_index=True).drop_duplicates(["kecamatan", "year"])
    scores["nilai"] = scores["nilai"].astype(float)
    scores["year"] = scores["year"].astype("Int64")
    grades = sakip_grade(scores["nilai"], errors="coerce")
    scores["grade"] = grades.astype(object).where(grades.notna(), None)
    scores["arti"] = scores["grade"].map(SAKIP_GRADE_LABELS)
    return scores.sort_values(["year", "kecamatan"]).reset_index(drop=True)


def severity_rank(series: pd.Series) -> pd.Series:
    from sakip_analysis.review.findings import SEVERITY_RANK

    return series.map(SEVERITY_RANK).fillna(-1).astype(int)


def family_label(family: Any) -> str:
    return FAMILY_LABELS.get(fmt_text(family), fmt_text(family) or "Lainnya")


def findings_of(findings: pd.DataFrame | None, kecamatan: str | None = None,
                year: int | None = None, min_severity: str = "info") -> pd.DataFrame:
    """Findings of a kecamatan (None: all) and year at `min_severity` or above."""
    from sakip_analysis.review.findings import filter_severity

    if findings is None or findings.empty:
        return findings_or_empty(findings)
    rows = filter_severity(findings, min_severity)
    if kecamatan is not None:
        rows = rows[same_name(rows["kecamatan"], kecamatan)]
    if year is not None:
        rows = rows[rows["year"] == int(year)]
    return rows.reset_index(drop=True)


def count_phrase(counts: Mapping[str, int]) -> str:
    """`2 kesalahan, 1 peringatan, 0 info` in the order most serious first."""
    return ", ".join(f"{int(counts.get(s, 0))} {SEVERITY_LABELS[s].lower()}"
                     for s in ("error", "warning", "info"))


def findings_frame(findings: pd.DataFrame | None, kecamatan: str | None, year: int | None,
                   min_severity: str = "info") -> pd.DataFrame:
    """Findings most serious first, then in document order (table, line), with Indonesian
    `tingkat` (severity) and `kelompok` (family)."""
    rows = findings_of(findings, kecamatan, year, min_severity)
    if rows.empty:
        return rows.assign(tingkat=[], kelompok=[])
    rows = rows.assign(_rank=-severity_rank(rows["severity"]),
                       _table=rows["table_index"].astype("Float64").fillna(1e9),
                       _line=rows["line"].astype("Float64").fillna(1e9))
    rows = rows.sort_values(["_rank", "_table", "_line", "rule"], kind="stable")
    rows = rows.drop(columns=["_rank", "_table", "_line"]).reset_index(drop=True)
    rows["tingkat"] = rows["severity"].map(SEVERITY_TEXT)
    rows["kelompok"] = rows["family"].map(family_label)
    rows["table"] = rows["table"].fillna(NARRATIVE_TABLE)
    return rows


_SEVERITY_OF_TEXT = {text: key for key, text in SEVERITY_TEXT.items()}


def severity_css(text: Any) -> str:
    """Cell colour of a severity written in Indonesian (`Kesalahan`, `Peringatan`, `Info`)."""
    return SEVERITY_CSS.get(_SEVERITY_OF_TEXT.get(text, ""), "")


def display_name(tables: Tables, kecamatan: str) -> str:
    """The kecamatan as the data spells it ("jogoroto" → "Jogoroto"), for titles."""
    rows = of_report(tables["tables"], kecamatan)
    return canonical_name(rows["kecamatan"]) or " ".join(str(kecamatan).split())
