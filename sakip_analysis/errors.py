"""Errors an analyst may see: each renders as one line naming the file, place and value."""

from __future__ import annotations


class SakipError(Exception):
    """Base of every error the CLI reports as one line with a non-zero exit."""


class NumberParseError(SakipError, ValueError):
    """A cell that should hold a number holds something else."""

    def __init__(self, text: str, reason: str = "bukan angka") -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"{text!r} tidak dapat dibaca sebagai angka ({reason})")


class ReadError(SakipError):
    """A document cannot be read at all, or a place in it cannot be understood."""

    def __init__(self, path: object, message: str, *, line: int | None = None,
                 table: str | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.table = table
        self.message = message
        where = self.path
        if table:
            where += f": {table}"
        if line is not None:
            where += f", baris {line}" if table else f":{line}"
        super().__init__(f"{where}: {message}")


class SchemaError(SakipError):
    """A tidy table breaks its contract (types, allowed values)."""


def log_traceback(exc: BaseException, context: str = "") -> str:
    """Write the traceback of an unexpected error to a log file and return its path, so the
    analyst sees one line and a developer still gets the whole story.

    The folder is `$SAKIP_LOG_DIR`, else `<temp>/sakip`.
    """
    import os
    import tempfile
    import time
    import traceback
    from pathlib import Path

    folder = Path(os.environ.get("SAKIP_LOG_DIR") or Path(tempfile.gettempdir()) / "sakip")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"galat-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{id(exc):x}.log"
        text = "".join(traceback.format_exception(exc))
        path.write_text((context + "\n" if context else "") + text, encoding="utf-8")
    except OSError:
        return "(log tidak dapat ditulis)"
    return str(path)


def one_line(exc: BaseException) -> str:
    """`Type: first line of the message`, for an error the analyst was not meant to see."""
    text = " ".join(str(exc).split())[:300]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
