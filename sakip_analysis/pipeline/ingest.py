"""Keep `data/processed` in step with the reports in `data/raw`, one source file at a time.

Each document is extracted and checked once; its rows are replaced when its bytes change, and
dropped when a file under `raw/` is removed. Rows of sources that are not under `data/raw`
(such as the bundled real Jogoroto report, whose text is not distributed) are kept as they are.

The whole update is one transaction (`read.dataset.write_dataset`) under the dataset's lock, so
a second `sakip ingest` into the same folder waits and then adds to what the first wrote. A
damaged dataset is rebuilt from `raw/` when every source in it lives there, and refused with one
line otherwise. A report that fails (to read, to extract or to check) is a failed entry in
`sources.csv` with its one-line reason; the others go on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from sakip_analysis.errors import SakipError, log_traceback, one_line
from sakip_analysis.pipeline.limits import LOCK_WAIT_SECONDS, MAX_REPORT_BYTES
from sakip_analysis.read import schema
from sakip_analysis.read.collect import EMPTY, FAILED, OK, Key, identity_key, read_reports
from sakip_analysis.read.dataset import (
    DamagedDatasetError,
    dataset_lock,
    load_dataset,
    manifest_sources,
    ordered,
    read_csv_file,
    status,
    write_dataset,
)
from sakip_analysis.read.extract import concat
from sakip_analysis.read.polarity import apply_overrides
from sakip_analysis.read.readers import SUFFIXES

SOURCES = "sources.csv"
FINDINGS = "findings.csv"
POLARITY = "polarity.csv"
TEXT_TABLES = ("narrative", "raw_cells")
RAW = "raw/"
SOURCE_COLUMNS = ["source_file", "sha256", "status", "error", "text", "kecamatan", "kabupaten",
                  "year", "data_source"]
"""sources.csv: one row per report; status is ok, kosong (read, nothing to show) or failed."""


@dataclass
class IngestResult:
    """What changed: sources read anew, unchanged, failed or empty (file, one-line reason),
    removed (their file under raw/ is gone), and warnings."""

    extracted: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    empty: list[tuple[str, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rebuilt: bool = False
    tables: dict[str, pd.DataFrame] | None = None
    """The dataset as it now stands (as written, or as loaded when nothing changed), so the
    caller goes on in memory instead of reading it back."""


def find_documents(paths: Iterable[Path | str]) -> list[Path]:
    """Report files among the paths; folders are searched recursively, hidden files skipped."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES
                                and p.is_file() and not any(
                                    part.startswith(".") for part in p.relative_to(path).parts)))
        else:
            found.append(path)
    return found


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def source_name(path: Path, root: Path) -> str:
    """How a source is named in the dataset: relative to the data folder when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def check(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Findings of the given tables."""
    from sakip_analysis.review import check_tables

    return check_tables(tables)


def ingest(documents: list[Path], data_root: Path, *, keep_text: bool = True,
           force: bool = False, progress: bool = False,
           say: Callable[[str], None] | None = None, **overrides: Any) -> IngestResult:
    """Extract and check the documents that changed, and rewrite `data_root/processed`."""
    processed = data_root / "processed"
    with dataset_lock(processed, say=say, timeout=LOCK_WAIT_SECONDS):
        return _ingest(list(documents), data_root, processed, keep_text=keep_text, force=force,
                       progress=progress, **overrides)


def _ingest(documents: list[Path], data_root: Path, processed: Path, *, keep_text: bool,
            force: bool, progress: bool, **overrides: Any) -> IngestResult:
    result = IngestResult()
    state = _open(processed, data_root, result)
    if state is None:  # damaged: start again from raw/
        documents = sorted({*documents, *find_documents([data_root / "raw"])})
        tables, findings, sources = _empty_tables(), pd.DataFrame(), pd.DataFrame()
        force, result.rebuilt = True, True
    else:
        tables, findings, sources = state
    result.tables = tables
    records: dict[str, dict[str, Any]] = {
        str(r["source_file"]): dict(r) for r in sources.to_dict("records")} if len(sources) else {}
    for name in [n for n in records if n.startswith(RAW) and not (data_root / n).exists()]:
        del records[name]
        result.removed.append(name)
    todo: dict[Path, tuple[str, str]] = {}
    for path in documents:
        name, digest = source_name(path, data_root), file_hash(path)
        old = records.get(name, {})
        if not force and old.get("sha256") == digest and old.get("status") in (OK, EMPTY):
            result.unchanged.append(name)
        else:
            todo[path] = (name, digest)
    replaced = {name for name, _ in todo.values()} | set(result.removed)
    polarity_file = data_root / POLARITY
    if not replaced and not result.rebuilt and not _newer(polarity_file,
                                                           processed / "indicators.csv"):
        return result
    kept = {k: v[~v["source_file"].isin(replaced)] for k, v in tables.items()}
    seen = _identities(kept, records, replaced)
    outcomes = read_reports(list(todo), name=lambda p: todo[p][0], seen=seen,
                            progress=progress, desc="ingest", max_bytes=MAX_REPORT_BYTES,
                            **overrides)
    parts = []
    for outcome in outcomes:
        name, digest = todo[outcome.path]
        ident = outcome.identity or {}
        records[name] = {"source_file": name, "sha256": digest, "status": outcome.status,
                         "error": outcome.reason, "text": "yes" if keep_text else "no",
                         **{k: ident.get(k) for k in ("kecamatan", "kabupaten", "year",
                                                      "data_source")}}
        result.warnings.extend(outcome.warnings)
        if outcome.status == FAILED:
            result.failed.append((name, outcome.reason))
            continue
        if outcome.status == EMPTY:
            result.empty.append((name, outcome.reason))
        result.extracted.append(name)
        parts.append(outcome.records or {})
    merged = concat([kept, *parts], validate=False)  # the writer validates once
    merged["indicators"] = apply_overrides(merged["indicators"], polarity_file)  # analyst's
    merged, all_findings = _checked(merged, findings, records, replaced, result)
    if not keep_text:  # checked with the text at hand, stored without it
        merged = {k: (v[~v["source_file"].isin(replaced)] if k in TEXT_TABLES else v)
                  for k, v in merged.items()}
    write_dataset(merged, processed, extras={
        FINDINGS: _flat_findings(all_findings),
        SOURCES: _sources_frame(records)}, sources=sorted(records))
    result.tables = {k: ordered(k, v) for k, v in merged.items()}  # as written
    return result


def _open(processed: Path, data_root: Path, result: IngestResult
          ) -> tuple[dict[str, pd.DataFrame], pd.DataFrame, pd.DataFrame] | None:
    """The current dataset, or None when it is damaged and can be rebuilt from raw/
    (a damaged dataset holding sources from elsewhere is refused: they cannot be rebuilt)."""
    state, problems = status(processed)
    if state == "missing":
        return _empty_tables(), pd.DataFrame(), pd.DataFrame()
    if state != "damaged":
        try:
            return (load_dataset(processed), read_csv_file(processed, FINDINGS),
                    read_csv_file(processed, SOURCES))
        except SakipError as exc:  # an older dataset without manifest that does not validate
            problems = [str(exc).removeprefix(f"{processed}: ")]
    names = manifest_sources(processed)
    if names is None:
        try:
            names = list(read_csv_file(processed, SOURCES).get("source_file", []))
        except SakipError:
            names = None
    outside = None if names is None else [s for s in names if not str(s).startswith(RAW)]
    if outside is None:
        raise DamagedDatasetError(processed, problems, (
            "daftar laporannya pun tidak terbaca: kembalikan folder ini (mis. 'git checkout -- "
            f"{processed}') atau hapus folder ini lalu ingest ulang semua laporan"))
    if outside:
        raise DamagedDatasetError(processed, problems, (
            f"laporan dari luar data/raw ({', '.join(outside[:3])}) tidak dapat dibangun ulang: "
            f"kembalikan folder ini (mis. 'git checkout -- {processed}') atau hapus folder ini "
            "lalu ingest ulang semua laporan"))
    result.warnings.append(f"{processed}: dataset rusak ({'; '.join(problems[:2])}); "
                           f"dibangun ulang dari {data_root / 'raw'}")
    return None


def _empty_tables() -> dict[str, pd.DataFrame]:
    return {name: schema.empty_frame(name) for name in schema.TABLE_NAMES}


def _identities(kept: dict[str, pd.DataFrame], records: dict[str, dict[str, Any]],
                replaced: set[str]) -> dict[Key, str]:
    """Which file holds each kecamatan-year already in the dataset (after the replacements)."""
    seen: dict[Key, str] = {}
    cols = ["source_file", "kecamatan", "year", "data_source"]
    for name in ("tables", "narrative"):
        frame = kept[name]
        for row in frame[cols].drop_duplicates().dropna(subset=["kecamatan", "year"]
                                                         ).to_dict("records"):
            seen.setdefault(identity_key(row), str(row["source_file"]))
    for name, rec in records.items():
        if name not in replaced and rec.get("status") in (OK, EMPTY) and rec.get("kecamatan") \
                and str(rec.get("year") or "").isdigit():
            seen.setdefault(identity_key(rec), name)
    return seen


def check_contained(tables: dict[str, pd.DataFrame], suspects: Iterable[str],
                    ) -> tuple[pd.DataFrame, dict[str, pd.DataFrame], list[tuple[str, str]]]:
    """Findings of all the tables at once; when the checker breaks, each suspect source is
    checked alone and those it breaks on are left out with a one-line reason (the traceback
    goes to a log). Returns (findings, the tables without them, [(source, reason)])."""
    try:
        return check(tables), tables, []
    except Exception as whole:
        failed = []
        for name in sorted(set(suspects)):
            alone = {k: v[v["source_file"] == name] for k, v in tables.items()}
            try:
                check(alone)
            except Exception as exc:
                log = log_traceback(exc, f"memeriksa {name}")
                failed.append((name, f"{name}: kesalahan internal saat memeriksa "
                                     f"({one_line(exc)}); laporan dilewati, rincian di {log}"))
                tables = {k: v[v["source_file"] != name] for k, v in tables.items()}
        try:
            return check(tables), tables, failed
        except Exception:
            raise whole from None


def _checked(merged: dict[str, pd.DataFrame], stored: pd.DataFrame,
             records: dict[str, dict[str, Any]], replaced: set[str], result: IngestResult,
             ) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """Findings of the whole dataset (findings across reports need every year); a new report
    the checker breaks on becomes a failed entry, without its rows; a source kept without its
    text keeps the findings made when its text was at hand."""
    suspects = [n for n in replaced if records.get(n, {}).get("status") in (OK, EMPTY)]
    fresh, merged, failed = check_contained(merged, suspects)
    for name, reason in failed:
        records[name].update(status=FAILED, error=reason)
        result.failed.append((name, reason))
        result.extracted.remove(name)
    textless = {name for name, r in records.items()
                if r.get("text") == "no" and name not in replaced}
    if not textless or "file" not in stored:
        return merged, fresh
    keep = stored[stored["file"].isin(textless)]
    return merged, pd.concat([_flat_findings(fresh[~fresh["file"].isin(textless)]), keep],
                             ignore_index=True)


def _flat_findings(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings as stored in findings.csv, in the one order findings are shown in."""
    from sakip_analysis.review.findings import flat_findings, sort_findings

    if findings.empty or "file" not in findings:
        return flat_findings(findings)
    typed = findings.assign(**{c: pd.to_numeric(findings[c], errors="coerce").astype("Int64")
                               for c in ("table_index", "line")})
    return flat_findings(sort_findings(typed))


def _newer(path: Path, than: Path) -> bool:
    """An analyst file edited since the dataset was written (so its rows must be redone)."""
    return path.exists() and (not than.exists() or path.stat().st_mtime > than.stat().st_mtime)



def _sources_frame(records: dict[str, dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(sorted(records.values(), key=lambda r: r["source_file"]))
    frame = frame.reindex(columns=[*SOURCE_COLUMNS,
                                   *[c for c in frame.columns if c not in SOURCE_COLUMNS]])
    year = pd.to_numeric(frame["year"], errors="coerce").astype("Int64")
    return frame.assign(year=year).astype(object).where(frame.notna(), "")
