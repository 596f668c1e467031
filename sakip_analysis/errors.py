"""Errors an analyst may see: each renders as one line naming the file, place and value."""

from __future__ import annotations


class SakipError(Exception):
    """Base of every error the CLI reports as one line with a non-zero exit."""


class NumberParseError(SakipError, ValueError):
    """A cell that should hold a number holds something else."""

    def __init__(self, text: str, reason: str = "not a number") -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"cannot read {text!r} as a number ({reason})")


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
            where += f", line {line}" if table else f":{line}"
        super().__init__(f"{where}: {message}")


class SchemaError(SakipError):
    """A tidy table breaks its contract (types, allowed values)."""
