"""The tidy dataset on disk: one CSV per table plus an Excel workbook, read back validated."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from sakip_analysis.errors import SakipError
from sakip_analysis.read import schema

WORKBOOK = "sakip_dataset.xlsx"
BOOLEAN_COLUMNS = ("continues_above",)


def write_dataset(tables: dict[str, pd.DataFrame], out_dir: Path, *, xlsx: bool = True) -> Path:
    """Write every table as `<name>.csv` (UTF-8) and, for Excel users, one workbook of sheets."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in schema.TABLE_NAMES:
        frame = tables.get(name, schema.empty_frame(name))
        _atomic(out_dir / f"{name}.csv", lambda p, f=frame: f.to_csv(p, index=False))
    if xlsx:
        def write_book(path: Path) -> None:
            with pd.ExcelWriter(path, engine="openpyxl") as book:
                for name in schema.TABLE_NAMES:
                    frame = tables.get(name, schema.empty_frame(name))
                    frame.to_excel(book, sheet_name=name[:31], index=False)
        _atomic(out_dir / WORKBOOK, write_book)
    return out_dir


def _atomic(path: Path, write) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=path.suffix)
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; a dataset is meant to be shared
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def load_dataset(path: Path | str, *, validate: bool = True) -> dict[str, pd.DataFrame]:
    """The tables by name, from a folder of CSVs or from the workbook; validated by schema."""
    path = Path(path)
    if path.is_dir():
        frames = {}
        for name in schema.TABLE_NAMES:
            csv = path / f"{name}.csv"
            frames[name] = (pd.read_csv(csv, dtype=str, keep_default_na=False, na_values=[""])
                            if csv.exists() else schema.empty_frame(name))
    elif path.suffix.lower() == ".xlsx":
        try:
            sheets = pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False,
                                   na_values=[""])
        except (OSError, ValueError) as exc:
            raise SakipError(f"{path}: cannot read workbook ({exc})") from None
        frames = {name: sheets.get(name[:31], schema.empty_frame(name))
                  for name in schema.TABLE_NAMES}
    else:
        raise SakipError(f"{path}: not a dataset folder or .xlsx workbook")
    out = {}
    for name, frame in frames.items():
        for col in BOOLEAN_COLUMNS:
            if col in frame.columns:
                frame[col] = frame[col].map({"True": True, "False": False, True: True,
                                             False: False}).astype("boolean")
        frame = schema.conform(name, frame)
        out[name] = schema.validate(name, frame) if validate else frame
    return out
