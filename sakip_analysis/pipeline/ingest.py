"""Keep `data/processed` in step with the reports in `data/raw`, one source file at a time.

Each document is extracted and checked once; its rows are replaced when its bytes change.
Rows of sources that are not under `data/raw` (such as the bundled real Jogoroto report,
whose text is not distributed) are kept as they are.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from sakip_analysis.errors import SakipError
from sakip_analysis.read import schema
from sakip_analysis.read.dataset import load_dataset, write_dataset
from sakip_analysis.read.extract import concat, extract_records
from sakip_analysis.read.polarity import apply_overrides
from sakip_analysis.read.readers import SUFFIXES, read_document

SOURCES = "sources.csv"
FINDINGS = "findings.csv"
POLARITY = "polarity.csv"
TEXT_TABLES = ("narrative", "raw_cells")


@dataclass
class IngestResult:
    """What changed: sources read anew, unchanged, failed (file, one-line error)."""

    extracted: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


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
    return hashlib.sha256(path.read_bytes()).hexdigest()


def source_name(path: Path, root: Path) -> str:
    """How a source is named in the dataset: relative to the data folder when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def check(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Findings of the given tables (empty until the checker is installed)."""
    from sakip_analysis.review import check_tables

    return check_tables(tables)


def ingest(documents: list[Path], data_root: Path, *, keep_text: bool = True,
           force: bool = False, progress: bool = False,
           **overrides: Any) -> IngestResult:
    """Extract and check the documents that changed, and rewrite `data_root/processed`."""
    processed = data_root / "processed"
    tables = load_dataset(processed) if (processed / "indicators.csv").exists() else {
        name: schema.empty_frame(name) for name in schema.TABLE_NAMES}
    findings = _read_csv(processed / FINDINGS)
    sources = _read_csv(processed / SOURCES)
    known = dict(zip(sources.get("source_file", []), sources.get("sha256", []), strict=False))
    status = dict(zip(sources.get("source_file", []), sources.get("status", []), strict=False))
    result = IngestResult()
    new_records = []
    replaced: set[str] = set()
    records: dict[str, dict[str, str]] = {
        row["source_file"]: row for row in sources.to_dict("records")} if len(sources) else {}
    iterator: Iterable[Path] = documents
    if progress and len(documents) > 1:
        from tqdm import tqdm

        iterator = tqdm(documents, desc="ingest", unit="file")
    for path in iterator:
        name = source_name(path, data_root)
        digest = file_hash(path)
        if not force and known.get(name) == digest and status.get(name) == "ok":
            result.unchanged.append(name)
            continue
        replaced.add(name)
        try:
            doc = read_document(path)
            doc.path = Path(name)
            part = extract_records(doc, **overrides)
        except SakipError as exc:
            result.failed.append((name, str(exc)))
            records[name] = {"source_file": name, "sha256": digest, "status": "failed",
                             "error": str(exc)}
            continue
        result.warnings.extend(doc.warnings)
        result.extracted.append(name)
        new_records.append(part)
        records[name] = {"source_file": name, "sha256": digest, "status": "ok", "error": "",
                         "text": "yes" if keep_text else "no"}
    overrides = data_root / POLARITY
    if not replaced and not _newer(overrides, processed / "indicators.csv"):
        return result
    kept = {k: v[~v["source_file"].isin(replaced)] for k, v in tables.items()}
    merged = concat([kept, *new_records])
    merged["indicators"] = apply_overrides(merged["indicators"], overrides)  # analyst's word
    all_findings = _findings(merged, findings, records, replaced)
    if not keep_text:  # checked with the text at hand, stored without it
        merged = {k: (v[~v["source_file"].isin(replaced)] if k in TEXT_TABLES else v)
                  for k, v in merged.items()}
    write_dataset(merged, processed)
    _write_findings(all_findings, processed / FINDINGS)
    pd.DataFrame(sorted(records.values(), key=lambda r: r["source_file"])).to_csv(
        processed / SOURCES, index=False)
    return result


def _findings(merged: dict[str, pd.DataFrame], stored: pd.DataFrame,
              records: dict[str, dict[str, str]], replaced: set[str]) -> pd.DataFrame:
    """Check the whole dataset again (findings across reports need every year), except that a
    source kept without its text keeps the findings made when its text was at hand."""
    textless = {name for name, r in records.items()
                if r.get("text") == "no" and name not in replaced}
    fresh = check(merged)
    if not textless or "file" not in stored:
        return fresh
    keep = stored[stored["file"].isin(textless)]
    return pd.concat([fresh[~fresh["file"].isin(textless)], keep], ignore_index=True)


def _newer(path: Path, than: Path) -> bool:
    """An analyst file edited since the dataset was written (so its rows must be redone)."""
    return path.exists() and (not than.exists() or path.stat().st_mtime > than.stat().st_mtime)


def _read_csv(path: Path) -> pd.DataFrame:
    if not path.exists():
        return pd.DataFrame()
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _write_findings(findings: pd.DataFrame, path: Path) -> None:
    from sakip_analysis.review.findings import write_findings

    write_findings(findings, "csv", path)
