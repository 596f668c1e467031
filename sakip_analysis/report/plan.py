"""Which reports a dataset calls for: one per kecamatan and year, one comparison and one review
per year, one trend page per kecamatan with more than one year."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from sakip_analysis.report.batch import NotebookJob


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


def reports_in(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """(kecamatan, year, data_source, sources) of every report in the dataset."""
    catalog = tables["tables"]
    if catalog.empty:
        return pd.DataFrame(columns=["kecamatan", "year", "synthetic", "sources"])
    grouped = catalog.groupby(["kecamatan", "year"], as_index=False).agg(
        synthetic=("data_source", lambda s: bool((s == "sintetis").all())),
        sources=("source_file", lambda s: ", ".join(sorted(set(s)))))
    grouped["year"] = grouped["year"].astype(int)
    return grouped.sort_values(["year", "kecamatan"], ignore_index=True)


def plan_jobs(tables: dict[str, pd.DataFrame], data_dir: Path, *,
              years: Sequence[int] | None = None, kecamatan: Sequence[str] | None = None,
              inputs: tuple[Path, ...] = (), notebooks: Path = NOTEBOOKS) -> list[NotebookJob]:
    """Every notebook run the dataset calls for, filtered by years and kecamatan."""
    reports = reports_in(tables)
    if years:
        reports = reports[reports["year"].isin([int(y) for y in years])]
    wanted = {k.lower() for k in kecamatan or ()}
    chosen = reports[reports["kecamatan"].str.lower().isin(wanted)] if wanted else reports
    data = str(Path(data_dir).resolve())
    jobs: list[NotebookJob] = []
    for row in chosen.itertuples():
        jobs.append(NotebookJob(
            notebook=notebooks / "kecamatan_report.ipynb",
            parameters={"data_dir": data, "kecamatan": row.kecamatan, "year": int(row.year)},
            output=f"{row.year}/{slug(row.kecamatan)}.html",
            title=f"Laporan Kinerja Kecamatan {row.kecamatan} Tahun {row.year}",
            group=str(row.year), kind="kecamatan", inputs=inputs,
            provenance=f"Sumber: {row.sources}", synthetic=row.synthetic))
    for year, in_year in reports.groupby("year"):
        synthetic = bool(in_year["synthetic"].any())
        sources = f"Sumber: {len(in_year)} laporan kecamatan tahun {year}"
        jobs.append(NotebookJob(
            notebook=notebooks / "cross_kecamatan.ipynb",
            parameters={"data_dir": data, "year": int(year)},
            output=f"{year}/perbandingan.html",
            title=f"Perbandingan Antar Kecamatan Tahun {year}", group=str(year),
            kind="perbandingan", inputs=inputs, provenance=sources, synthetic=synthetic))
        jobs.append(NotebookJob(
            notebook=notebooks / "inconsistency_review.ipynb",
            parameters={"data_dir": data, "year": int(year), "kecamatan": None,
                        "min_severity": "info"},
            output=f"{year}/temuan.html",
            title=f"Telaah Inkonsistensi Laporan Tahun {year}", group=str(year),
            kind="temuan", inputs=inputs, provenance=sources, synthetic=synthetic))
    for name, rows in chosen.groupby("kecamatan"):
        all_years = sorted(reports.loc[reports["kecamatan"] == name, "year"].astype(int))
        if len(all_years) < 2:
            continue
        jobs.append(NotebookJob(
            notebook=notebooks / "trends.ipynb",
            parameters={"data_dir": data, "kecamatan": str(name), "years": all_years},
            output=f"tren/{slug(str(name))}.html",
            title=f"Tren Kinerja Kecamatan {name} {all_years[0]}–{all_years[-1]}",
            group="Tren", kind="tren", inputs=inputs,
            provenance=f"Sumber: {rows['sources'].iloc[0]}",
            synthetic=bool(rows["synthetic"].all())))
    return jobs
