"""The one loop from report files to tidy records, with every failure kept to its report.

`extract`, `check` and `ingest` all read through `read_reports`: each file is read, its identity
taken, its tables extracted; whatever goes wrong with one file (a bad input, or a bug met on it)
becomes that file's failed outcome with a one-line reason, and the loop goes on. A second file
for the same kecamatan and year is one error naming both files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from sakip_analysis.errors import SakipError, log_traceback, one_line
from sakip_analysis.read.extract import Records, extract_records, identity_of
from sakip_analysis.read.readers import read_document
from sakip_analysis.read.tables.kinds import UNRECOGNISED

OK, EMPTY, FAILED = "ok", "kosong", "failed"
"""Status of a report: read with tables to show; read but nothing to show; not read."""

Key = tuple[str, int, str]


@dataclass
class Outcome:
    """One report file after the read loop."""

    path: Path
    name: str
    status: str
    reason: str = ""
    records: Records | None = None
    identity: dict[str, Any] | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def key(self) -> Key | None:
        return identity_key(self.identity) if self.identity else None


def identity_key(identity: Mapping[str, Any]) -> Key | None:
    """What makes two reports the same report: unit, year and kind of data. A report whose
    unit or year could not be read (a warning said so) is never called a duplicate."""
    unit, year = identity.get("kecamatan"), identity.get("year")
    if not unit or year is None or pd.isna(year):
        return None
    return (str(unit).casefold().strip(), int(year), str(identity.get("data_source") or ""))


def read_reports(paths: Iterable[Path], *, name: Callable[[Path], str] = str,
                 seen: MutableMapping[Key, str] | None = None, progress: bool = False,
                 desc: str = "baca", max_bytes: Mapping[str, int] | None = None,
                 **overrides: Any) -> list[Outcome]:
    """Read, identify and extract each report; never raises for one report's sake.

    `name` gives the name a file has in the dataset; `seen` maps the identities already present
    (kecamatan, year, source) to the file that holds them, and is updated. `max_bytes`: the
    largest file read, by kind ("text", "other"; see `pipeline.limits`).
    """
    paths = list(paths)
    seen = {} if seen is None else seen
    iterator: Iterable[Path] = paths
    if progress and len(paths) > 1:
        from tqdm import tqdm

        iterator = tqdm(paths, desc=desc, unit="berkas")
    outcomes = []
    for path in iterator:
        outcome = read_one(path, name(path), max_bytes=max_bytes, **overrides)
        key = outcome.key
        if outcome.status != FAILED and key is not None:
            if key in seen and seen[key] != outcome.name:
                ident = outcome.identity or {}
                outcome = Outcome(path, outcome.name, FAILED, (
                    f"{outcome.name}: kecamatan {ident.get('kecamatan')} tahun "
                    f"{ident.get('year')} sudah ada di {seen[key]}; hapus salah satu berkas "
                    f"atau perbaiki halaman judulnya"), identity=outcome.identity)
            else:
                seen[key] = outcome.name
        outcomes.append(outcome)
    return outcomes


TEXT_SUFFIXES = (".txt", ".md")


def read_one(path: Path, name: str, *, max_bytes: Mapping[str, int] | None = None,
             **overrides: Any) -> Outcome:
    """One report through reading, identity and extraction."""
    try:
        if max_bytes and path.is_file():
            kind = "text" if path.suffix.lower() in TEXT_SUFFIXES else "other"
            size, limit = path.stat().st_size, max_bytes.get(kind)
            if limit is not None and size > limit:
                env = "SAKIP_MAX_TEXT_MB" if kind == "text" else "SAKIP_MAX_FILE_MB"
                return Outcome(path, name, FAILED, (
                    f"{name}: berkas {size / 2**20:.0f} MB melebihi batas {limit / 2**20:.0f} "
                    f"MB untuk laporan; bila memang laporan, naikkan batas dengan {env}=…"))
        doc = read_document(path)
        doc.path = Path(name)
        identity = identity_of(doc, **overrides)
        records = extract_records(doc, identity=identity)  # identity read once
    except SakipError as exc:
        return Outcome(path, name, FAILED, _named(path, name, str(exc)))
    except Exception as exc:  # a bug met on this report must not stop the others
        log = log_traceback(exc, f"membaca {path}")
        return Outcome(path, name, FAILED,
                       f"{name}: kesalahan internal saat membaca ({one_line(exc)}); laporan "
                       f"dilewati, rincian di {log}")
    tables = records.get("tables", [])
    status, reason = OK, ""
    if not tables:
        status, reason = EMPTY, f"{name}: tidak ada tabel di laporan ini"
    elif all(t.get("table_kind") == UNRECOGNISED for t in tables):
        status, reason = EMPTY, f"{name}: {len(tables)} tabel, tidak satu pun dikenali"
    return Outcome(path, name, status, reason, records, identity, list(doc.warnings))


def _named(path: Path, name: str, message: str) -> str:
    """The error, naming the file as the dataset names it (not by the analyst's full path)."""
    message = " ".join(message.split())
    if message.startswith(str(path)):
        return name + message[len(str(path)):]
    return message if name in message else f"{name}: {message}"
