"""Row labels: `Program: X`, `Kegiatan :X`, `Sasaran : X`, `JUMLAH`, `Rata-rata capaian IKU`."""

from __future__ import annotations

import re

_LEVEL = re.compile(
    r"^\s*(?P<level>sasaran|program|kegiatan|sub\s*kegiatan|tujuan)\s*(?:\d{1,2}\s*)?:\s*"
    r"(?P<name>.*)$",
    re.IGNORECASE)
_TOTAL = re.compile(r"^\s*(jumlah|total|grand total)\b", re.IGNORECASE)
_AVERAGE = re.compile(r"\brata\W*rata\b|\brata2\b", re.IGNORECASE)
_NUMBERING = re.compile(r"^\s*(?:\d{1,2}|[a-z])\s*[.)]\s*(?=\S)", re.IGNORECASE)


def level_of(label: str) -> tuple[str | None, str]:
    """(level, name) of a label; level is None when the label carries no level word."""
    m = _LEVEL.match(label)
    if not m:
        return None, label.strip()
    level = re.sub(r"\s+", "", m["level"].lower())
    return level, m["name"].strip(" :")


def is_total(label: str) -> bool:
    return bool(_TOTAL.match(label))


_BARE_TOTAL = re.compile(r"^\s*(?:jumlah|total|grand total|jumlah total)\s*:?\s*$",
                         re.IGNORECASE)


def is_bare_total(label: str) -> bool:
    """`JUMLAH` alone (a total row wherever the word stands); `Jumlah Rekomendasi …` names
    an indicator."""
    return bool(_BARE_TOTAL.match(label))


def is_average(label: str) -> bool:
    return bool(_AVERAGE.search(label))


def strip_numbering(text: str) -> str:
    """`1. Persentase …` and `2.Nilai IPP …` name the same indicator as `Persentase …`."""
    return _NUMBERING.sub("", text).strip()
