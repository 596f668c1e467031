"""Cells that a spreadsheet program must show as text, never run as a formula.

A report may contain any text, including `=HYPERLINK(...)`, and a file may be named `=1+2.txt`.
Every CSV and xlsx the tool writes passes its text cells through here:

- in a CSV, a text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is written
  with a leading apostrophe (the usual guard, shown by Excel and LibreOffice as text); the tool's
  own readers take it off again (`unescape_text`), so values round-trip exactly;
- in an xlsx, such a text is written as a string cell (not a formula); characters an xlsx cannot
  hold become U+FFFD, and a text longer than a cell holds is cut with a note that says so.

Plain numbers (`-5`, `+1,5%`) and a lone dash are left alone: a spreadsheet reads them as a
number or as text, never as a formula.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CELL_LIMIT = 32_767
_PLAIN = re.compile(r"^[+-]?(?:\d[\d.,\s]*)?\d%?$|^-$")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _risky(text: str) -> bool:
    """Whether `text`, once leading apostrophes are set aside, would start a formula."""
    core = text.lstrip("'")
    return bool(core) and core[0] in TRIGGERS and not _PLAIN.match(core)


def escape_text(value: Any) -> Any:
    """A CSV-safe text: one apostrophe in front when it could be read as a formula.

    >>> escape_text('=HYPERLINK("x")'), escape_text("-5,2"), escape_text("Diwek")
    ('\\'=HYPERLINK("x")', '-5,2', 'Diwek')
    """
    if isinstance(value, str) and _risky(value):
        return "'" + value
    return value


def unescape_text(value: Any) -> Any:
    """The text `escape_text` was given.

    >>> unescape_text(escape_text("'=1")) == "'=1"
    True
    """
    if isinstance(value, str) and value.startswith("'") and _risky(value):
        return value[1:]
    return value


def _text_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns
            if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]


def escape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells are CSV-safe (column names too)."""
    out = frame.copy()
    for col in _text_columns(out):
        out[col] = out[col].map(escape_text, na_action="ignore")
    out.columns = [escape_text(str(c)) for c in out.columns]
    return out


def unescape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Undo `escape_frame` on a frame read back from a CSV the tool wrote."""
    for col in _text_columns(frame):
        column = frame[col]
        mask = column.map(lambda v: isinstance(v, str) and v.startswith("'"))
        if mask.any():
            frame[col] = column.where(~mask, column[mask].map(unescape_text))
    return frame


def xlsx_text(value: Any, *, where: str = "") -> tuple[Any, str | None]:
    """A value an xlsx cell can hold, and a note when it had to change.

    Characters an xlsx cannot store become U+FFFD; a text longer than 32,767 characters is
    cut with a visible marker (the full text stays in the CSV named by `where`).
    """
    if not isinstance(value, str):
        return value, None
    note = None
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub("\ufffd", value)
        note = "karakter kontrol diganti \ufffd"
    if len(value) > XLSX_CELL_LIMIT:
        marker = (f" […terpotong: {len(value):,} karakter; teks lengkap di {where or 'CSV'}]"
                  .replace(",", "."))
        value = value[:XLSX_CELL_LIMIT - len(marker)] + marker
        note = "teks terlalu panjang untuk satu sel xlsx, dipotong dengan tanda"
    return value, note


def text_cells(ws: Any, values: Iterable[Any], *, where: str = "",
               notes: list[str] | None = None) -> list[Any]:
    """Write-only openpyxl cells for one row: strings always as string cells, never formulas."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in values:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            cells.append(None)
            continue
        if hasattr(value, "item"):  # numpy scalar → Python
            value = value.item()
        value, note = xlsx_text(value, where=where)
        if note and notes is not None:
            notes.append(note)
        cell = WriteOnlyCell(ws, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        cells.append(cell)
    return cells


def safe_cell(ws: Any, row: int, column: int, value: Any, *, where: str = "") -> Any:
    """Set one cell of a normal (not write-only) worksheet; text stays text."""
    if value is not None and not isinstance(value, str) and hasattr(value, "item"):
        value = value.item()
    value, _ = xlsx_text(value, where=where)
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell
