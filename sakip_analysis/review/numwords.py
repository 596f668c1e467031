"""Indonesian number words (`enam`, `dua puluh dua`), read back with a reverse dictionary.

Reports write counts twice, `6 (enam) indikator`; the two must agree. num2words spells
Indonesian correctly, so the dictionary is built from it once instead of hand-written.
"""

from __future__ import annotations

import re
from functools import cache

from num2words import num2words

LIMIT = 1000
_SPACE = re.compile(r"\s+")


@cache
def _words() -> dict[str, int]:
    table: dict[str, int] = {}
    for n in range(LIMIT + 1):
        word = num2words(n, lang="id")
        table[word] = n
        table[word.replace(" ", "")] = n  # `duapuluh` as some reports write it
    return table


def spell(n: int) -> str:
    """`6` → `enam` (the way the report should write it)."""
    return num2words(n, lang="id")


def parse_words(text: str) -> int | None:
    """`Enam` → 6, `dua puluh dua` → 22; None when the text is no number word."""
    key = _SPACE.sub(" ", text.strip().lower())
    return _words().get(key)
