"""Which reports a dataset calls for, and what each one reads.

Per group of comparable reports — one data source (`data_source`: real reports never ranked
against synthetic ones) and one unit kind (`unit_kind`: kecamatan with kecamatan, OPD with
OPD; every report is a kecamatan where the column is absent) — one page per report (unit and
year), one comparison and one review per year, one trend page per unit (even with one year).
A source file the dataset lists as `kosong` (read, but no table in it) gets a page that says
there is nothing to show.

Each job carries a fingerprint of the slice of the dataset it reads, hashed as data (rows,
not files), so `sakip run` rebuilds a page only when what it shows changed:
- a report page (K, Y): every row of K's report of Y, the IKU rows of K's other reports up to
  Y (history: own reports of earlier years, multi-year tables restating years ≤ Y), K's
  findings of Y;
- a trend page (K): every row of every report of K, K's findings;
- a comparison or review of Y: every row of every report of Y in the group, their findings.
The notebook's own content and the package version are part of every fingerprint.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from sakip_analysis.formatting import (
    REAL_SOURCE,
    SYNTHETIC_SOURCE,
    UNIT_KIND_LABELS,
    name_key,
    source_label,
)
from sakip_analysis.report.batch import DATASET_PARAMETER, NotebookJob


@functools.cache
def _package_version() -> str:
    """The installed package's version (part of every fingerprint: a new version may draw a
    page differently)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sakip-analysis")
    except PackageNotFoundError:
        return "unknown"


EMPTY_STATUS = "kosong"
"""`sources.csv` status of a document that was read but holds no table."""
DEFAULT_UNIT = "kecamatan"
#: Where each data source's pages go when a dataset holds more than one group.
SOURCE_FOLDERS = {SYNTHETIC_SOURCE: "demo", REAL_SOURCE: "asli"}


def notebooks_dir() -> Path:
    """Where the notebooks are: inside the installed package (a wheel ships them as
    `sakip_analysis/notebooks`), else the repository's top-level `notebooks/` (a checkout or an
    editable install). One folder, never two copies to keep in step."""
    package = Path(__file__).resolve().parents[1]
    shipped = package / "notebooks"
    return shipped if shipped.is_dir() else package.parent / "notebooks"


NOTEBOOKS = notebooks_dir()


def slug(name: str) -> str:
    """`Bandar Kedung Mulyo` → `bandar-kedung-mulyo`: file names that survive e-mail and Windows."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "tanpa-nama"


def _norm(series: pd.Series) -> pd.Series:
    """The matching key of a name (case and spacing ignored), as the notebooks match it."""
    return series.fillna("").astype(str).map(name_key)


def _unit_kind(frame: pd.DataFrame) -> pd.Series:
    if "unit_kind" in frame.columns:
        return frame["unit_kind"].fillna(DEFAULT_UNIT).astype(str)
    return pd.Series(DEFAULT_UNIT, index=frame.index)


def reports_in(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """(kecamatan, year, data_source, unit_kind, synthetic, sources) of every report."""
    catalog = tables["tables"]
    columns = ["kecamatan", "year", "data_source", "unit_kind", "synthetic", "sources"]
    if catalog.empty:
        return pd.DataFrame(columns=columns)
    catalog = catalog.assign(unit_kind=_unit_kind(catalog),
                             data_source=catalog["data_source"].fillna(REAL_SOURCE),
                             _key=_norm(catalog["kecamatan"]))
    # one report per name however it is spelled ("jogoroto", "Jogoroto "): the notebooks
    # match names the same way, and two spellings must not make two pages of one file name
    grouped = catalog.groupby(["data_source", "unit_kind", "_key", "year"],
                              as_index=False).agg(
        kecamatan=("kecamatan", lambda s: str(s.mode().iloc[0])),
        sources=("source_file", lambda s: ", ".join(sorted(set(map(str, s))))))
    grouped["year"] = grouped["year"].astype(int)
    grouped["synthetic"] = grouped["data_source"] == SYNTHETIC_SOURCE
    return grouped[[*columns, "_key"]].sort_values(
        ["data_source", "unit_kind", "year", "kecamatan"], ignore_index=True)


# --------------------------------------------------------------------------- fingerprints

class Fingerprints:
    """Digests of the dataset's rows per (group, unit, report year, period year), computed
    once: a job's fingerprint combines the digests of the cells it reads. A row's digest is
    its content; a cell's digest does not depend on row order, so rewriting the CSVs in
    another order rebuilds nothing."""

    def __init__(self, tables: Mapping[str, pd.DataFrame], findings: pd.DataFrame | None):
        self._cells: dict[tuple[str, str, str, int, int], list[np.uint64]] = {}
        group_of_file: dict[str, tuple[str, str]] = {}
        catalog = tables.get("tables")
        if catalog is not None and len(catalog):
            kinds = _unit_kind(catalog)
            for file, source, kind in zip(catalog["source_file"].astype(str),
                                          catalog["data_source"].fillna(REAL_SOURCE), kinds,
                                          strict=True):
                group_of_file[file] = (str(source), kind)
        parts = [(name, frame) for name, frame in tables.items()
                 if frame is not None and len(frame) and "kecamatan" in frame.columns]
        if findings is not None and len(findings):
            groups = findings["file"].astype(str).map(group_of_file)
            known = findings[groups.notna()]
            frame = known.assign(
                data_source=[g[0] for g in groups[groups.notna()]],
                unit_kind=[g[1] for g in groups[groups.notna()]],
                related_lines=known["related_lines"].astype(str))
            parts.append(("findings", frame))
        for name, frame in parts:
            rows = pd.util.hash_pandas_object(frame.astype(str), index=False).to_numpy()
            period = (pd.to_numeric(frame["period_year"], errors="coerce").fillna(-1)
                      .astype(int).to_numpy() if "period_year" in frame.columns
                      else np.full(len(frame), -1))
            keys = pd.DataFrame({
                "source": frame["data_source"].fillna(REAL_SOURCE).astype(str).to_numpy(),
                "kind": _unit_kind(frame).to_numpy(),
                "unit": _norm(frame["kecamatan"]).to_numpy(),
                "year": pd.to_numeric(frame["year"], errors="coerce").fillna(-1).astype(int)
                .to_numpy(),
                "period": period if name == "indicators" else np.full(len(frame), -1),
                "hash": rows})
            for (source, kind, unit, year, per), part in keys.groupby(
                    ["source", "kind", "unit", "year", "period"], sort=False):
                digest = hashlib.sha256(np.sort(part["hash"].to_numpy()).tobytes()).digest()
                self._cells.setdefault((source, kind, unit, int(year), int(per)), []).append(
                    np.frombuffer(digest[:8], dtype=np.uint64)[0] ^ np.uint64(
                        int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "little")))
        self._by_group: dict[tuple[str, str], list[tuple[str, int, int]]] = {}
        for source, kind, unit, year, per in self._cells:
            self._by_group.setdefault((source, kind), []).append((unit, year, per))

    def _digest(self, group: tuple[str, str], keep) -> str:
        chosen = [h for unit, year, per in self._by_group.get(group, ())
                  if keep(unit, year, per) for h in self._cells[(*group, unit, year, per)]]
        h = hashlib.sha256(f"sakip-analysis {_package_version()}\0".encode())
        h.update(np.sort(np.array(chosen, dtype=np.uint64)).tobytes())
        return h.hexdigest()

    def report(self, group: tuple[str, str], unit: str, year: int) -> str:
        key = name_key(unit)
        return self._digest(group, lambda u, y, p: u == key and (
            y == year or (p != -1 and p <= year)))

    def unit(self, group: tuple[str, str], unit: str) -> str:
        key = name_key(unit)
        return self._digest(group, lambda u, y, p: u == key)

    def year(self, group: tuple[str, str], year: int) -> str:
        return self._digest(group, lambda u, y, p: y == year)


# --------------------------------------------------------------------------- jobs

def _empty_sources(data_dir: Path) -> list[dict[str, str]]:
    path = Path(data_dir) / "sources.csv"
    if not path.exists():
        return []
    sources = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "status" not in sources.columns:
        return []
    return sources[sources["status"] == EMPTY_STATUS].to_dict("records")


def _load_findings(data_dir: Path) -> pd.DataFrame | None:
    path = Path(data_dir) / "findings.csv"
    if not path.exists():
        return None
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def plan_jobs(tables: Mapping[str, pd.DataFrame], data_dir: Path, *,
              years: Sequence[int] | None = None, kecamatan: Sequence[str] | None = None,
              inputs: tuple[Path, ...] = (), notebooks: Path = NOTEBOOKS,
              findings: pd.DataFrame | None = None) -> list[NotebookJob]:
    """Every notebook run the dataset calls for, filtered by years and kecamatan, each with
    the fingerprint of the rows it reads (`inputs`: extra files every job depends on)."""
    reports = reports_in(tables)
    if findings is None:
        findings = _load_findings(Path(data_dir))
    prints = Fingerprints(tables, findings)
    if years:
        reports = reports[reports["year"].isin([int(y) for y in years])]
    data = str(Path(data_dir).resolve())
    groups = list(dict.fromkeys(zip(reports["data_source"], reports["unit_kind"], strict=True)))
    several = len(groups) > 1
    wanted = {name_key(k) for k in kecamatan or ()}
    jobs: list[NotebookJob] = []
    for source, kind in groups:
        group = (source, kind)
        in_group = reports[(reports["data_source"] == source) & (reports["unit_kind"] == kind)]
        chosen = in_group[in_group["_key"].isin(wanted)] if wanted else in_group
        folder = _folder(source, kind) if several else ""
        unit = UNIT_KIND_LABELS.get(kind, kind.title())
        what = source_label(source)
        synthetic = source == SYNTHETIC_SOURCE
        common = {DATASET_PARAMETER: data, "data_source": source,
                  "unit_kind": kind if kind != DEFAULT_UNIT else None}
        for row in chosen.itertuples():
            jobs.append(NotebookJob(
                notebook=notebooks / "kecamatan_report.ipynb",
                parameters={**common, "kecamatan": row.kecamatan, "year": int(row.year)},
                output=f"{folder}{row.year}/{slug(row.kecamatan)}.html",
                title=f"Laporan Kinerja {unit} {row.kecamatan} Tahun {row.year}",
                group=_group_title(str(row.year), source, kind, several), kind="kecamatan",
                inputs=inputs, provenance=f"Sumber: {row.sources} ({what})",
                synthetic=synthetic, fingerprint=prints.report(group, row.kecamatan,
                                                               int(row.year))))
        for year, in_year in in_group.groupby("year"):
            sources = (f"Sumber: {len(in_year)} laporan "
                       f"{unit.lower() if kind == DEFAULT_UNIT else unit} tahun {year} ({what})")
            title_group = _group_title(str(year), source, kind, several)
            digest = prints.year(group, int(year))
            jobs.append(NotebookJob(
                notebook=notebooks / "cross_kecamatan.ipynb",
                parameters={**common, "year": int(year)},
                output=f"{folder}{year}/perbandingan.html",
                title=f"Perbandingan Antar {unit} Tahun {year}", group=title_group,
                kind="perbandingan", inputs=inputs, provenance=sources, synthetic=synthetic,
                fingerprint=digest))
            jobs.append(NotebookJob(
                notebook=notebooks / "inconsistency_review.ipynb",
                parameters={**common, "year": int(year), "kecamatan": None,
                            "min_severity": "info"},
                output=f"{folder}{year}/temuan.html",
                title=f"Telaah Inkonsistensi Laporan Tahun {year}", group=title_group,
                kind="temuan", inputs=inputs, provenance=sources, synthetic=synthetic,
                fingerprint=digest))
        for _key, rows in chosen.groupby("_key"):
            name = str(rows["kecamatan"].mode().iloc[0])
            all_years = sorted(rows["year"].astype(int))
            span = (f"{all_years[0]}–{all_years[-1]}" if len(all_years) > 1
                    else str(all_years[0]))
            jobs.append(NotebookJob(
                notebook=notebooks / "trends.ipynb",
                parameters={**common, "kecamatan": str(name), "years": all_years},
                output=f"{folder}tren/{slug(str(name))}.html",
                title=f"Tren Kinerja {unit} {name} {span}",
                group=_group_title("Tren", source, kind, several), kind="tren", inputs=inputs,
                provenance=f"Sumber: {', '.join(sorted(set(rows['sources'])))} ({what})",
                synthetic=synthetic, fingerprint=prints.unit(group, str(name))))
    for source in _empty_sources(Path(data_dir)):
        name = source.get("source_file", "")
        jobs.append(NotebookJob(
            notebook=notebooks / "empty_source.ipynb",
            parameters={DATASET_PARAMETER: data, "source_file": name},
            output=f"kosong/{slug(Path(name).stem)}.html",
            title=f"Dokumen {Path(name).name}: tidak ada yang dapat ditampilkan",
            group="Dokumen tanpa tabel", kind="kosong", inputs=inputs,
            provenance=f"Sumber: {name}",
            fingerprint=hashlib.sha256(repr(sorted(source.items())).encode()).hexdigest()))
    return jobs


def _folder(source: str, kind: str) -> str:
    """`demo/`, `asli/`, `asli-opd/`: the pages of one group, when the dataset has several."""
    base = SOURCE_FOLDERS.get(source, slug(source))
    return f"{base}/" if kind == DEFAULT_UNIT else f"{base}-{slug(kind)}/"


def _group_title(title: str, source: str, kind: str, several: bool) -> str:
    """The index section of a page: the year (or "Tren"), and which data when there are
    several groups ("2024 — data laporan asli")."""
    if not several:
        return title
    unit = "" if kind == DEFAULT_UNIT else f", {UNIT_KIND_LABELS.get(kind, kind)}"
    return f"{title} — {source_label(source)}{unit}"
