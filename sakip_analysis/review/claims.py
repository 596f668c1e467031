"""Numbers in sentences, with the words that say what each one is.

LKJIP prose is formulaic: "target yang ditetapkan 72,00 terealisasi 67,84 dengan capaian
94,22%", "anggaran sebesar Rp. X dengan realisasi Rp. Y atau serapan Z%", "Kabupaten 7,83
... selisih 0,14 poin". Each figure gets a *role* (target, realisasi, capaian, serapan,
efisiensi, selisih, pagu, silpa) from the keywords between it and the figure before, and a
*place* (kecamatan, kabupaten, provinsi) from the nearest place word. Years, dates and
counts ("6 (enam) indikator") are set apart. Rules read these claims; they never guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from sakip_analysis.read.numbers import find_numbers
from sakip_analysis.review.numwords import parse_words

ROLES: tuple[tuple[str, str], ...] = (
    ("silpa", r"silpa|sisa anggaran"),
    ("efisiensi", r"efisiensi"),
    ("selisih", r"selisih|lebih tinggi|lebih rendah"),
    ("serapan", r"penyerapan(?: anggaran\w*)?|serapan(?: anggaran\w*| dana)?"),
    ("realisasi", r"realisasi anggaran\w*|terealisasi|realisasi\w*"),
    ("capaian", r"pencapaian\w*|capaian\w*|tercapai"),
    ("target", r"target\w*|ditetapkan"),
    ("pagu", r"pagu(?: anggaran)?|anggaran\w*|dana|alokasi\w*|dialokasikan"),
)
PERCENT_PRIORITY = ("efisiensi", "selisih", "serapan", "capaian", "realisasi", "target")
AMOUNT_PRIORITY = ("silpa", "selisih", "realisasi", "pagu")
PLACES: tuple[tuple[str, str], ...] = (
    ("kecamatan", r"kecamatan|kec\b\.?"),
    ("kabupaten", r"kabupaten|kab\b\.?"),
    ("provinsi", r"provinsi|propinsi|prov\b\.?"),
)
_KEYWORDS = re.compile(
    "|".join(f"(?P<{name}>\\b(?:{pattern}))" for name, pattern in (*ROLES, *PLACES)),
    re.IGNORECASE)
_COMPARED = re.compile(r"^\W*(?:bila |jika )?(?:dibandingkan|dibanding|terhadap)\s+(?:dengan\s+)?"
                       r"(?:\w+\s+){0,3}?(kabupaten|kab\b|provinsi|propinsi|prov\b)",
                       re.IGNORECASE)
_COUNT_WORD = re.compile(r"^\s*\(\s*([a-zA-Z][a-zA-Z ]{1,30}?)\s*\)")
_NOUN = re.compile(r"^\s*((?:sub\s*)?kegiatan|program|sasaran(?: strategis)?|"
                   r"indikator(?: kinerja(?: utama)?)?|iku)\b", re.IGNORECASE)
_MONTHS = ("januari|februari|feb|maret|april|mei|juni|juli|agustus|september|oktober|"
           "november|desember")
_MONTH_AFTER = re.compile(r"^\s+(?:" + _MONTHS + r")\b", re.IGNORECASE)
_REFERENCE_BEFORE = re.compile(r"(?:nomor|no\.?|pasal|ayat|nip\.?|telp\.?)\s*:?\s*$",
                               re.IGNORECASE)
_ABBREV = re.compile(r"\b(?:kec|kab|prov|ds|no|rp|jl|dll|dsb|dkk|nip|telp|sos|st|drs|ir|dr|"
                     r"tbk|pj|an|u\.p|s\.d|s/d)\.$", re.IGNORECASE)
_MARK_AFTER = re.compile(r"^[.)](?:\s|$)")
_LIST_MARK = re.compile(r"^\W*(?:\d{1,2}|[a-zA-Z])[.)]$")
_SENTENCE_END = re.compile(r"[.!?](?=\s+(?:[A-Z\"(]|\d{1,2}[.)]\s))")


@dataclass(frozen=True)
class Claim:
    """One figure in a sentence and what the words around it say it is."""

    value: Decimal
    decimals: int
    raw: str
    percent: bool
    rupiah: bool
    role: str | None
    place: str | None
    compared_to: str | None  # `… dibandingkan dengan Provinsi`: the basis of a percentage
    start: int
    end: int


@dataclass(frozen=True)
class YearMention:
    year: int
    start: int
    end: int


@dataclass(frozen=True)
class CountMention:
    """`6 (lima)`: a number written twice, in digits and in words."""

    value: int
    word: str | None
    word_value: int | None
    noun: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    text: str
    offset: int
    claims: tuple[Claim, ...]
    years: tuple[YearMention, ...]
    counts: tuple[CountMention, ...]

    def by_role(self, role: str) -> list[Claim]:
        return [c for c in self.claims if c.role == role]


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pieces; abbreviations like `Kec.` and `Rp.` do not end a sentence."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        if _ABBREV.search(text[max(start, end - 8):end]) or _LIST_MARK.match(text[start:end]):
            continue
        piece = text[start:end]
        if piece.strip():
            out.append((start, piece))
        start = end
    if text[start:].strip():
        out.append((start, text[start:]))
    return out


def _is_year(raw: str, value: Decimal, decimals: int, percent: bool, rupiah: bool) -> bool:
    return (not percent and not rupiah and decimals == 0 and 1990 <= value <= 2100
            and raw.strip().isdigit())


def _role(segment: str, percent: bool, rupiah: bool) -> tuple[str | None, str | None]:
    """Role and place from the keywords between the previous figure and this one."""
    found = [(m.lastgroup, m.start()) for m in _KEYWORDS.finditer(segment)]
    roles = [name for name, _ in found if name not in {p for p, _ in PLACES}]
    places = [name for name, _ in found if name in {p for p, _ in PLACES}]
    place = places[-1] if places else None
    if not roles:
        return None, place
    priority = PERCENT_PRIORITY if percent else AMOUNT_PRIORITY if rupiah else None
    if priority:
        ranked = [r for r in priority if r in roles]
        if ranked:
            return ranked[0], place
    return roles[-1], place


def _count(value: Decimal, decimals: int, money: bool, after: str, start: int,
           end: int) -> CountMention | None:
    """`6 (enam) indikator`, `11 kegiatan`: a whole number followed by a number word in
    parentheses and/or by one of the counted nouns."""
    if decimals or money or value < 0:
        return None
    word = _COUNT_WORD.match(after)
    rest = after[word.end():] if word else after
    noun = _NOUN.match(rest)
    if not word and not noun:
        return None
    return CountMention(int(value), word.group(1) if word else None,
                        parse_words(word.group(1)) if word else None,
                        noun.group(1).lower() if noun else "", start,
                        end + (word.end() if word else 0))


@lru_cache(maxsize=131072)
def parse_sentence(text: str, offset: int = 0) -> Sentence:
    """Every figure of one sentence with its role, plus its years and its counts."""
    claims: list[Claim] = []
    years: list[YearMention] = []
    counts: list[CountMention] = []
    previous_end = 0
    for mention in find_numbers(text):
        number = mention.number
        if number.value is None:
            continue
        raw = text[mention.start:mention.end]
        percent = number.kind == "percent"
        rupiah = raw.lower().startswith("rp")
        decimals = number.decimals or 0
        before = text[previous_end:mention.start]
        after = text[mention.end:]
        if _is_year(raw, number.value, decimals, percent, rupiah):
            years.append(YearMention(int(number.value), mention.start, mention.end))
            continue  # a year does not end the words that describe the next figure
        if (text[mention.start - 1:mention.start] == "/" or after[:1] == "/"
                or (not text[:mention.start].strip(" -•*") and _MARK_AFTER.match(after))
                or _MONTH_AFTER.match(after) or _REFERENCE_BEFORE.search(text[:mention.start])):
            previous_end = mention.end  # a letter number, a date or a legal reference
            continue
        count = _count(number.value, decimals, percent or rupiah, after, mention.start,
                       mention.end)
        if count is not None:
            counts.append(count)
            previous_end = count.end
            continue
        role, place = _role(before, percent, rupiah)
        compared = _COMPARED.match(after)
        compared_to = None
        if compared:
            word_ = compared.group(1).lower()
            compared_to = "kabupaten" if word_.startswith("kab") else "provinsi"
        claims.append(Claim(number.value, decimals, raw.strip(), percent, rupiah, role, place,
                            compared_to, mention.start, mention.end))
        previous_end = mention.end
    return Sentence(text, offset, _equivalents(text, claims), tuple(years), tuple(counts))


_SAME_FIGURE = re.compile(r"^\s*(?:,\s*-|\.\s*-)?\s*(?:atau|\(|/|yaitu|yakni)\s*"
                          r"(?:sebesar\s*|senilai\s*)?$", re.IGNORECASE)
"""Between a figure and the same figure said again; `Rp 3.600.000,- atau 96%`: the `,-` that
closes a rupiah amount belongs to the amount."""
_SPENT = (None, "realisasi", "serapan")


_COUNT_THEN_PERCENT = re.compile(r"^\s+[A-Za-z][A-Za-z ]{0,40}?\s+atau\s*\(?\s*$", re.IGNORECASE)


def _counted(text: str, claims: list[Claim]) -> list[Claim]:
    """`target … sebanyak 29 Standar Pelayanan atau (90%)`: a count of things restated as a
    percentage; the percentage carries the role (tables measure such indicators in %), the
    count none, so it is never held against the table's figure."""
    out = list(claims)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if (a.percent or a.rupiah or not b.percent or a.role is None or b.role is not None
                or not _COUNT_THEN_PERCENT.match(text[a.end:b.start])):
            continue
        out[k], out[k + 1] = replace(a, role=None), replace(b, role=a.role)
    return out


def _equivalents(text: str, claims: list[Claim]) -> tuple[Claim, ...]:
    """A budget figure said twice, as a percentage and in rupiah, joined by `atau` or a
    bracket: "terealisasi 3,40 % atau Rp1.521.732.323 dari pagu …", "realisasi Rp … atau
    99,35%", "Rp … (86,10%)". The rupiah is the realisasi and the percentage its serapan,
    whichever of the two the words before named."""
    out = _counted(text, claims)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if a.percent == b.percent or not (a.rupiah or b.rupiah) or not _SAME_FIGURE.match(
                text[a.end:b.start]):
            continue
        pct, amount = (a, b) if a.percent else (b, a)
        if pct.role not in _SPENT or amount.role not in (None, "realisasi") or not (
                pct.role or amount.role):
            continue
        pct_new = replace(pct, role="serapan")
        amount_new = replace(amount, role="realisasi")
        out[k], out[k + 1] = (pct_new, amount_new) if a.percent else (amount_new, pct_new)
    return tuple(out)


@lru_cache(maxsize=65536)
def parse_paragraph(text: str) -> tuple[Sentence, ...]:
    """The sentences of a paragraph, parsed; cached since boilerplate repeats across reports."""
    return tuple(parse_sentence(piece, offset) for offset, piece in split_sentences(text))
