"""Are two labels the same program, kegiatan or indicator? Normalisation plus guarded fuzz.

Tables of one report spell the same thing differently (`Kabupaten/ kota`, `Pemerintahanan`,
`Kec Jogoroto`), and a page break may cut a label short. Fuzzy matching links them, guarded
so that only typos pass, never a different word: `IPP` is not `IKPP`, `ditindaklanjuti` is not
`dikoordinasikan`. When a link is unclear the checker stays silent, so the guards err on
"different".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

_MARKUP = re.compile(r"<[^>]+>|\*\*|\*|__")
_LEVEL = re.compile(r"^\s*(sasaran|program|kegiatan|sub\s*kegiatan|tujuan)\s*:\s*", re.I)
_NUMBERING = re.compile(r"^\s*(?:\d{1,2}|[a-z])\s*[.)]\s*(?=\S)", re.I)
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_ABBREVIATIONS = {"kec": "kecamatan", "kab": "kabupaten", "prov": "provinsi",
                  "propinsi": "provinsi", "ds": "desa"}

_SMALL_WORDS = frozenset({"dan", "di", "yang", "ke", "dari", "untuk", "atau"})
FILLER = frozenset({"nilai", "kecamatan", "kabupaten", "kota", "provinsi"})
"""Words that name the place or the kind of figure, not the quantity: `Nilai IKPP Kec X`
and `IKPP Kecamatan X` are the same indicator."""

NAME_SCORE = 90.0
WORD_SCORE = 80.0
MIN_TYPO_WORD = 5
MIN_PREFIX_WORDS = 3
CHUNK = 1024  # rows of the score matrix computed at once, to bound memory


@lru_cache(maxsize=65536)
def normalize(text: str | None) -> str:
    """Lowercase words without markup, level labels, numbering or punctuation."""
    if not text:
        return ""
    text = _LEVEL.sub("", _MARKUP.sub(" ", str(text)))
    text = _NUMBERING.sub("", text).lower()
    words = [_ABBREVIATIONS.get(w, w) for w in _NON_WORD.sub(" ", text).split()]
    return " ".join(words)


def indicator_key(text: str | None, places: tuple[str, ...] = ()) -> str:
    """An indicator without filler and without the names of the kecamatan/kabupaten."""
    words = _without_filler(text or "")
    drop = _place_words(places)
    return " ".join(w for w in words if w not in drop) if drop & set(words) else " ".join(words)


@lru_cache(maxsize=65536)
def _without_filler(text: str) -> tuple[str, ...]:
    return tuple(w for w in normalize(text).split() if w not in FILLER)


@lru_cache(maxsize=65536)
def _place_words(places: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for place in places for w in normalize(place).split())


def acronyms(text: str | None) -> set[str]:
    """Acronyms spelled out just before their parentheses, initial by initial:
    `Indeks Kualitas Pelayanan Publik (IKPP)` gives `ikpp`; `pelayanan terpadu (PATEN)` none."""
    out = set()
    for m in _ACRONYM.finditer(text or ""):
        acronym = m.group(1).lower()
        words = [w for w in _NON_WORD.sub(" ", text[: m.start()].lower()).split()
                 if w not in _SMALL_WORDS]
        if len(words) >= len(acronym) and "".join(
                w[0] for w in words[-len(acronym):]) == acronym:
            out.add(acronym)
    return out


@lru_cache(maxsize=262144)
def same_name(a: str, b: str) -> bool:
    """Normalised labels that differ only by small typos in long words."""
    if a == b:
        return True
    if not a or not b or fuzz.ratio(a, b) < NAME_SCORE:
        return False
    return _typos_only(a.split(), b.split())


def _typos_only(wa: list[str], wb: list[str]) -> bool:
    only_a = [w for w in wa if w not in wb]
    only_b = [w for w in wb if w not in wa]
    if len(only_a) != len(only_b):
        return False
    for x in only_a:
        if len(x) < MIN_TYPO_WORD or not any(
                len(y) >= MIN_TYPO_WORD and fuzz.ratio(x, y) >= WORD_SCORE for y in only_b):
            return False
    return all(any(fuzz.ratio(y, x) >= WORD_SCORE for x in only_a) for y in only_b)


def _is_prefix(short: str, long: str) -> bool:
    ws, wl = short.split(), long.split()
    return len(ws) >= MIN_PREFIX_WORDS and len(wl) > len(ws) and wl[: len(ws)] == ws


def canonical_names(names: Iterable[str], *, prefixes: bool = False) -> dict[str, str]:
    """Map each normalised name to a representative of its group of same names.

    Leaders are taken most frequent first, and a name joins the first leader it matches, so
    groups never chain (A~B, B~C does not put A with C). With `prefixes`, a name of at least
    three words that starts exactly one longer name joins it (a label cut by a page break).
    """
    counts: dict[str, int] = {}
    for n in names:
        if n:
            counts[n] = counts.get(n, 0) + 1
    order = sorted(counts, key=lambda n: (-counts[n], n))
    mapping: dict[str, str] = {}
    leaders: list[str] = []
    for start in range(0, len(order), CHUNK):
        chunk = order[start:start + CHUNK]
        scores = process.cdist(chunk, order[:start + len(chunk)], scorer=fuzz.ratio,
                               score_cutoff=NAME_SCORE, dtype=np.uint8, workers=1)
        for offset, name in enumerate(chunk):
            i = start + offset
            row = scores[offset, :i]
            for j in sorted(row.nonzero()[0], key=lambda j: -int(row[j])):
                leader = order[j]
                if mapping.get(leader) == leader and _typos_only(name.split(), leader.split()):
                    mapping[name] = leader
                    break
            else:
                mapping[name] = name
                leaders.append(name)
    if prefixes:
        by_start: dict[tuple[str, ...], list[str]] = {}
        for name in leaders:
            by_start.setdefault(tuple(name.split()[:MIN_PREFIX_WORDS]), []).append(name)
        remap = {}
        for name in leaders:
            longer = [o for o in by_start.get(tuple(name.split()[:MIN_PREFIX_WORDS]), [])
                      if o != name and _is_prefix(name, o)]
            if len(longer) == 1:
                remap[name] = longer[0]
        mapping = {n: remap.get(lead, lead) for n, lead in mapping.items()}
    return mapping


def find_mentions(text: str, keys: Iterable[str]) -> list[str]:
    """Keys whose words appear as a whole phrase in the normalised text."""
    return list(_mentions(text, tuple(keys)))


@lru_cache(maxsize=131072)
def _mentions(text: str, keys: tuple[str, ...]) -> tuple[str, ...]:
    norm = f" {normalize(text)} "
    return tuple(k for k in keys if k and f" {k} " in norm)
