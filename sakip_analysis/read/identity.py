"""Who and when a report is about, read from its title page."""

from __future__ import annotations

import re

_MARKUP = re.compile(r"<[^>]+>|\*+|_+")
_KECAMATAN = re.compile(r"\bKECAMATAN\s+([A-Z][A-Za-z' .-]{1,40}?)\s*(?:KABUPATEN\b|KOTA\b|$)",
                        re.IGNORECASE)
_KABUPATEN = re.compile(r"\b(KABUPATEN|KOTA)\s+([A-Z][A-Za-z' .-]{1,40}?)\s*$", re.IGNORECASE)
_YEAR = re.compile(r"\bTAHUN\s+((?:19|20)\d{2})\b", re.IGNORECASE)
TITLE_PAGE_LINES = 60


def _name(text: str) -> str:
    return " ".join(w.capitalize() for w in text.strip(" .").split())


def identify(lines: list[str]) -> tuple[str | None, str | None, int | None]:
    """(kecamatan, kabupaten, year) from the first lines; None where the title page is silent."""
    kecamatan = kabupaten = None
    year = None
    for line in lines[:TITLE_PAGE_LINES]:
        text = " ".join(_MARKUP.sub(" ", line).split())
        if not text or len(text) > 120:
            continue
        if kecamatan is None and (m := _KECAMATAN.search(text)):
            kecamatan = _name(m.group(1))
        if kabupaten is None and (m := _KABUPATEN.search(text)):
            kabupaten = _name(m.group(2)) if m.group(1).upper() == "KABUPATEN" else (
                "Kota " + _name(m.group(2)))
        if year is None and (m := _YEAR.search(text)):
            year = int(m.group(1))
    return kecamatan, kabupaten, year
