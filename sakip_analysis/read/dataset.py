"""The tidy dataset on disk, written as one transaction and read back only when whole.

A dataset folder holds one CSV per table (for people and git), the same tables as Parquet (read
first: typed and fast), an Excel workbook, any extra files the caller adds (`sources.csv`,
`findings.csv`) and `manifest.json`, which records each file's SHA-256 and row count.

Writing: every table is validated (pandera, once, here), rows are put in a stable order (by
source file, each file's rows in their own order, so one changed report changes only its own
rows), every file is written under a temporary name, then a journal (`.manifest.pending.json`)
is written, the files are renamed into place and the journal becomes the manifest. A writer
that dies before the journal leaves the old version; one that dies after it is rolled forward by
the next writer or reader. A lock (`.sakip.lock`, with the holder's pid and command in
`.sakip.lock.owner`) serialises writers; a second writer says who holds it and waits.

Reading: each file read is checked against the manifest; a damaged or partial dataset raises
`DamagedDatasetError` (one line saying how to repair it) and is never used. A folder without a
manifest (written by an older version) is read and validated as before.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import socket
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from sakip_analysis.errors import SakipError
from sakip_analysis.read import schema
from sakip_analysis.read.spreadsheet import escape_frame, text_cells, unescape_frame

WORKBOOK = "sakip_dataset.xlsx"
MANIFEST = "manifest.json"
PENDING = ".manifest.pending.json"
LOCK = ".sakip.lock"
BOOLEAN_COLUMNS = ("continues_above",)
FORMAT = 1
LOCK_WAIT_SECONDS = 3600.0
"""How long a second writer waits by default; the commands pass `pipeline.limits`' value."""


class DamagedDatasetError(SakipError):
    """A dataset file does not match its manifest: cut, edited by hand, or half written."""

    def __init__(self, folder: Path, problems: list[str], hint: str | None = None) -> None:
        self.folder = folder
        self.problems = problems
        hint = hint or (f"jalankan 'sakip run' atau 'sakip ingest' agar dibangun ulang dari "
                        f"data/raw, atau kembalikan folder ini (mis. 'git checkout -- {folder}')")
        super().__init__(
            f"{folder}: dataset rusak ({'; '.join(problems[:3])}"
            f"{'; …' if len(problems) > 3 else ''}); {hint}")


# --------------------------------------------------------------------------- lock

_LOCKS: dict[Path, Any] = {}


@contextmanager
def dataset_lock(folder: Path | str, *, timeout: float | None = None,
                 say: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the writer lock of a dataset folder; re-entrant within one process.

    A second process waits (up to `timeout`, default LOCK_WAIT_SECONDS) and is told, once,
    which process holds the lock.
    """
    from filelock import FileLock, Timeout

    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    lock = _LOCKS.setdefault(folder, FileLock(str(folder / LOCK)))
    owner = folder / f"{LOCK}.owner"
    timeout = LOCK_WAIT_SECONDS if timeout is None else timeout
    try:
        lock.acquire(timeout=0)
    except Timeout:
        (say or _stderr)(f"menunggu: {folder} sedang ditulis oleh {_holder(owner)}")
        try:
            lock.acquire(timeout=timeout)
        except Timeout:
            raise SakipError(f"{folder}: masih dikunci oleh {_holder(owner)} setelah "
                             f"{timeout:.0f} detik; coba lagi nanti") from None
    try:
        if lock.lock_counter == 1:
            owner.write_text(json.dumps({
                "pid": os.getpid(), "host": socket.gethostname(),
                "command": " ".join(os.path.basename(a) if i == 0 else a
                                    for i, a in enumerate(sys.argv))[:200],
                "since": time.strftime("%Y-%m-%d %H:%M:%S")}), encoding="utf-8")
        yield
    finally:
        if lock.lock_counter == 1:
            owner.unlink(missing_ok=True)
        lock.release()


def _holder(owner: Path) -> str:
    try:
        info = json.loads(owner.read_text(encoding="utf-8"))
        return (f"proses {info['pid']} di {info['host']} ({info['command']}, "
                f"sejak {info['since']})")
    except (OSError, ValueError, KeyError):
        return "proses lain"


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


# --------------------------------------------------------------------------- write

def ordered(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Rows by source file, each file's rows in their own (extraction) order."""
    if "source_file" not in frame.columns or frame.empty:
        return frame.reset_index(drop=True)
    return frame.sort_values("source_file", kind="stable").reset_index(drop=True)


def write_dataset(tables: Mapping[str, pd.DataFrame], out_dir: Path | str, *, xlsx: bool = True,
                  extras: Mapping[str, pd.DataFrame] | None = None,
                  parquet: bool = True, sources: list[str] | None = None) -> Path:
    """Validate the tables and replace the dataset in `out_dir` with them, all or nothing.

    `extras` are further CSV files of the same version (file name → frame), e.g. sources.csv;
    `sources`: the report files this version was built from, kept in the manifest so that a
    damaged dataset still says where it came from.
    """
    out_dir = Path(out_dir)
    frames = {}
    for name in schema.TABLE_NAMES:
        frame = tables.get(name)
        frame = schema.empty_frame(name) if frame is None else schema.conform(name, frame)
        frames[name] = ordered(name, schema.validate(name, frame))
    writers: dict[str, tuple[Callable[[Path], None], int | None]] = {}
    for name, frame in frames.items():
        writers[f"{name}.csv"] = (_csv_writer(frame), len(frame))
        if parquet:
            writers[f"{name}.parquet"] = (_parquet_writer(frame), len(frame))
    if xlsx:
        writers[WORKBOOK] = (_workbook_writer(frames), None)
    for fname, frame in (extras or {}).items():
        writers[fname] = (_csv_writer(frame), len(frame))
    with dataset_lock(out_dir):
        recover(out_dir)
        _commit(out_dir, writers, sorted(sources or []))
    return out_dir


def _csv_writer(frame: pd.DataFrame) -> Callable[[Path], None]:
    return lambda p: escape_frame(frame).to_csv(p, index=False, lineterminator="\n")


def _parquet_writer(frame: pd.DataFrame) -> Callable[[Path], None]:
    return lambda p: frame.to_parquet(p, index=False)


def _workbook_writer(frames: Mapping[str, pd.DataFrame]) -> Callable[[Path], None]:
    """One sheet per table; every text cell a string cell (never a formula)."""
    def write(path: Path) -> None:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        for name, frame in frames.items():
            sheet = book.create_sheet(name[:31])
            sheet.append(text_cells(sheet, [str(c) for c in frame.columns]))
            for row in frame.itertuples(index=False, name=None):
                sheet.append(text_cells(sheet, row, where=f"{name}.csv"))
        book.save(path)
        _without_timestamps(path)
    return write


def _without_timestamps(path: Path) -> None:
    """The same tables give the same bytes: fixed zip entry times and document dates (an
    unchanged workbook is then left alone, and git sees no change)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as src:
        entries = [(info, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>"
                              rb"2000-01-01T00:00:00Z", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            out.writestr(fixed, data)


def _commit(out_dir: Path, writers: Mapping[str, tuple[Callable[[Path], None], int | None]],
            sources: list[str]) -> None:
    old = _read_manifest(out_dir) or {}
    token = f"{os.getpid()}-{time.monotonic_ns()}"
    entries: dict[str, dict[str, Any]] = {}
    temps: dict[str, Path] = {}
    try:
        for fname, (write, rows) in writers.items():
            tmp = out_dir / f".{fname}.{token}.tmp"
            write(tmp)
            _fsync(tmp)
            digest = _sha256(tmp.read_bytes())
            entries[fname] = {"sha256": digest, "rows": rows}
            if old.get(fname, {}).get("sha256") == digest and _matches(out_dir / fname, digest):
                tmp.unlink()  # unchanged: leave the file (and its time stamp) alone
            else:
                temps[fname] = tmp
        journal = {"format": FORMAT, "files": entries, "sources": sources,
                   "pending": {f: t.name for f, t in temps.items()}}
        pending = out_dir / PENDING
        pending.write_text(json.dumps(journal, indent=1, sort_keys=True), encoding="utf-8")
        _fsync(pending)
    except BaseException:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
        raise
    _roll_forward(out_dir, journal)


def _roll_forward(out_dir: Path, journal: Mapping[str, Any]) -> None:
    for fname, tmp in journal.get("pending", {}).items():
        if (out_dir / tmp).exists():
            os.chmod(out_dir / tmp, 0o644)  # mkstemp-like 0600 is wrong for a shared dataset
            os.replace(out_dir / tmp, out_dir / fname)
    manifest = {"format": journal["format"], "files": journal["files"],
                "sources": journal.get("sources", [])}
    tmp = out_dir / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.chmod(tmp, 0o644)
    os.replace(tmp, out_dir / MANIFEST)
    (out_dir / PENDING).unlink(missing_ok=True)


def recover(out_dir: Path | str) -> None:
    """Finish a write that got as far as its journal; drop leftovers of one that did not."""
    out_dir = Path(out_dir)
    pending = out_dir / PENDING
    if pending.exists():
        try:
            journal = json.loads(pending.read_text(encoding="utf-8"))
            complete = all(
                _matches(out_dir / journal["pending"].get(f, f), e["sha256"])
                or _matches(out_dir / f, e["sha256"]) for f, e in journal["files"].items())
        except (OSError, ValueError, KeyError, TypeError):
            complete = False
        if complete:
            _roll_forward(out_dir, journal)
        else:
            pending.unlink(missing_ok=True)
    for stray in out_dir.glob(".*.tmp"):
        stray.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _matches(path: Path, digest: str) -> bool:
    try:
        return _sha256(path.read_bytes()) == digest
    except OSError:
        return False


def _read_manifest(folder: Path) -> dict[str, dict[str, Any]] | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = data["files"]
        return files if isinstance(files, dict) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


# --------------------------------------------------------------------------- read

def manifest_sources(folder: Path | str) -> list[str] | None:
    """The report files the dataset was built from, as its manifest records them."""
    try:
        data = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
        return [str(s) for s in data["sources"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def status(folder: Path | str) -> tuple[str, list[str]]:
    """`missing` (no dataset), `legacy` (no manifest), `ok`, or `damaged` with the problems."""
    folder = Path(folder)
    if (folder / PENDING).exists():
        with dataset_lock(folder):
            recover(folder)
    manifest = _read_manifest(folder)
    if manifest is None:
        if (folder / MANIFEST).exists():
            return "damaged", [f"{MANIFEST} tidak terbaca"]
        present = any((folder / f"{n}.csv").exists() for n in schema.TABLE_NAMES)
        return ("legacy" if present else "missing"), []
    problems = [_problem(folder / f, e["sha256"]) for f, e in sorted(manifest.items())]
    return ("damaged", [p for p in problems if p]) if any(problems) else ("ok", [])


def _problem(path: Path, digest: str) -> str | None:
    if not path.exists():
        return f"{path.name} hilang"
    if not _matches(path, digest):
        return f"{path.name} tidak cocok dengan {MANIFEST} (terpotong atau diubah di luar sakip)"
    return None


def read_file(folder: Path | str, fname: str) -> bytes | None:
    """The bytes of one file of the dataset, checked against the manifest; None when the
    dataset does not have it. Raises DamagedDatasetError when it does not match."""
    folder = Path(folder)
    manifest = _read_manifest(folder)
    path = folder / fname
    if not path.exists():
        if manifest and fname in manifest:
            raise DamagedDatasetError(folder, [f"{fname} hilang"])
        return None
    data = path.read_bytes()
    if manifest is not None and fname in manifest and _sha256(data) != manifest[fname]["sha256"]:
        if (folder / PENDING).exists():  # a writer is renaming files: wait for it, then retry
            with dataset_lock(folder):
                recover(folder)
            return read_file(folder, fname)
        raise DamagedDatasetError(folder, [_problem(path, manifest[fname]["sha256"]) or fname])
    return data


def read_csv_file(folder: Path | str, fname: str) -> pd.DataFrame:
    """An extra CSV of the dataset (sources.csv, findings.csv) as text columns; empty when
    absent."""
    data = read_file(folder, fname)
    if data is None:
        return pd.DataFrame()
    try:
        frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    except (ValueError, pd.errors.ParserError) as exc:
        raise DamagedDatasetError(Path(folder), [f"{fname} tidak terbaca ({_first_line(exc)})"]
                                  ) from None
    return unescape_frame(frame)


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def load_dataset(path: Path | str, *, validate: bool | None = None) -> dict[str, pd.DataFrame]:
    """The tables by name, from a dataset folder (Parquet first, else CSV) or a workbook.

    A folder with a manifest was validated when written and is only checked against the
    manifest; without one (or with `validate=True`) every table is validated by schema.
    """
    path = Path(path)
    if not validate and (held := _take_preloaded(path)) is not None:
        return held
    if path.is_dir():
        try:
            return _load_folder(path, validate)
        except DamagedDatasetError:
            if _read_manifest(path) is None:
                raise
            try:  # a writer may have been switching versions: let it end, then read again
                with dataset_lock(path, timeout=60):
                    recover(path)
            except (OSError, SakipError):
                raise DamagedDatasetError(path, status(path)[1] or ["?"]) from None
            return _load_folder(path, validate)
    if path.suffix.lower() == ".xlsx":
        try:
            sheets = pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False,
                                   na_values=[""])
        except (OSError, ValueError) as exc:
            raise SakipError(f"{path}: buku kerja tidak dapat dibaca ({exc})") from None
        frames = {name: _typed(sheets.get(name[:31], schema.empty_frame(name)))
                  for name in schema.TABLE_NAMES}
        return _conformed(frames, True if validate is None else validate)
    raise SakipError(f"{path}: bukan folder dataset atau buku kerja .xlsx")


_PRELOADED: dict[Path, tuple[bytes, dict[str, pd.DataFrame]]] = {}
"""Datasets read ahead by `preload`, by folder, with the manifest they were read under."""


def preload(path: Path | str) -> bool:
    """Read the dataset at `path` now, for the next `load_dataset(path)` of this process or of
    a process forked from it; whether it was read (only a folder with a manifest is).

    The batch's zygote calls this before forking kernels: each report's kernel then finds its
    dataset already in memory instead of reading and checking it again (about a twentieth
    of a kecamatan page's CPU). The frames are handed out once per process (a notebook that
    changes them in place changes nothing for the next `load_dataset`, which reads the disk
    again), and only while the manifest is the one they were read under: a dataset written
    since is read anew."""
    folder = Path(path).resolve()
    try:
        manifest = (folder / MANIFEST).read_bytes()
        frames = load_dataset(folder)
        if (folder / MANIFEST).read_bytes() != manifest:  # a writer switched versions meanwhile
            return False
    except (OSError, SakipError):
        return False
    _PRELOADED[folder] = (manifest, frames)
    return True


def _take_preloaded(path: Path) -> dict[str, pd.DataFrame] | None:
    """The preloaded frames of `path` when its manifest is still theirs (and forget them)."""
    if not _PRELOADED:
        return None
    folder = path.resolve()
    held = _PRELOADED.pop(folder, None)
    if held is None:
        return None
    try:
        current = (folder / MANIFEST).read_bytes()
    except OSError:
        return None
    return held[1] if current == held[0] else None


def _load_folder(path: Path, validate: bool | None) -> dict[str, pd.DataFrame]:
    manifest = _read_manifest(path)
    if manifest is None and (path / MANIFEST).exists():
        raise DamagedDatasetError(path, [f"{MANIFEST} tidak terbaca"])
    if manifest is not None:  # every file of the version, not only those read here
        state, problems = status(path)
        if state == "damaged":
            raise DamagedDatasetError(path, problems)
        manifest = _read_manifest(path)
    frames = {name: _load_table(path, name, manifest) for name in schema.TABLE_NAMES}
    if manifest is not None and not validate and all(
            f"{name}.parquet" in manifest for name in schema.TABLE_NAMES):
        return frames  # written conformed and validated, and Parquet keeps the types
    return _conformed(frames, manifest is None if validate is None else validate)


def _conformed(frames: Mapping[str, pd.DataFrame], validate: bool) -> dict[str, pd.DataFrame]:
    out = {}
    for name, frame in frames.items():
        frame = schema.conform(name, frame)
        out[name] = schema.validate(name, frame) if validate else frame
    return out


def _load_table(folder: Path, name: str, manifest: Mapping[str, Any] | None) -> pd.DataFrame:
    for fname, parse in ((f"{name}.parquet", _parse_parquet), (f"{name}.csv", _parse_csv)):
        if manifest is not None and fname not in manifest:
            continue
        data = read_file(folder, fname)
        if data is None:
            continue
        try:
            frame = parse(data)
        except Exception as exc:  # a parser's own error types vary; the file is unusable
            raise DamagedDatasetError(folder, [f"{fname} tidak terbaca ({_first_line(exc)})"]
                                      ) from None
        rows = (manifest or {}).get(fname, {}).get("rows")
        if rows is not None and rows != len(frame):
            raise DamagedDatasetError(folder, [f"{fname}: {len(frame)} baris, manifest {rows}"])
        return frame
    if manifest is not None:
        raise DamagedDatasetError(folder, [f"{name}.csv hilang"])
    return schema.empty_frame(name)


def _parse_parquet(data: bytes) -> pd.DataFrame:
    """One table, decoded on this thread: `pd.read_parquet` goes through Arrow's dataset
    reader, which starts Arrow's thread pools even when asked not to use them. A dataset's
    tables are small (threads gain nothing measurable), and a process that must fork cleanly
    (the batch's zygote, which holds the dataset for its kernels) may start no thread. The
    frames are those `pd.read_parquet` gives (tested)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = pq.ParquetFile(pa.BufferReader(data)).read(use_threads=False).to_pandas(
        use_threads=False)
    for col in BOOLEAN_COLUMNS:
        if col in frame.columns:
            frame[col] = frame[col].astype("boolean")
    return frame


def _parse_csv(data: bytes) -> pd.DataFrame:
    frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, na_values=[""])
    return _typed(unescape_frame(frame))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    for col in BOOLEAN_COLUMNS:
        if col in frame.columns:
            frame[col] = frame[col].map({"True": True, "False": False, True: True,
                                         False: False}).astype("boolean")
    return frame
