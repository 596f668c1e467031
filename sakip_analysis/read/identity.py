"""Who and when a report is about: the one home of a report's identity.

A report's unit is an instansi: a kecamatan, or a dinas, badan, biro, inspektorat, rumah sakit,
sekretariat, kantor, satuan … of a kabupaten, kota or provinsi. Its kind, name, region and year
are read, in this order of trust, from the title page, the running heads and feet, the table
captions and headers, the body text, and finally the file name. What cannot be read stays None
and the document carries one warning; the caller may give any part instead (overrides).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sakip_analysis.formatting import REAL_SOURCE, SYNTHETIC_SOURCE

if TYPE_CHECKING:
    from sakip_analysis.read.document import Document

_MARKUP = re.compile(r"<[^>]+>|\*+|_+")
_KECAMATAN = re.compile(r"\bKECAMATAN\s+([A-Z][A-Za-z' .-]{1,40}?)\s*(?:KABUPATEN\b|KOTA\b|$)",
                        re.IGNORECASE)
_KABUPATEN = re.compile(r"\b(KABUPATEN|KOTA)\s+([A-Z][A-Za-z' .-]{1,40}?)\s*$", re.IGNORECASE)
_YEAR = re.compile(r"\bTAHUN\s+(?:ANGGARAN\s+)?((?:19|20)\d{2})\b", re.IGNORECASE)
_BARE_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_COVER_YEAR = re.compile(r"^\s*(?:TAHUN\s+(?:ANGGARAN\s+)?)?((?:19|20)\d{2})\s*$", re.IGNORECASE)
_KECAMATAN_ROW = re.compile(r"^\s*KECAMATAN\s+([A-Z][A-Z .'-]+?)\s*$")
TITLE_PAGE_LINES = 60
COVER_LINES = 16  # non-empty lines of the title page read together (unit, region, year)
BODY_PARAGRAPHS = 400  # body text searched for the unit's full name

UNIT_KINDS = ("kecamatan", "dinas", "badan", "biro", "inspektorat", "rumah sakit", "sekretariat",
              "kantor", "satuan", "bagian", "kelurahan")
"""The kinds of instansi a report may be about (`unit_kind`)."""

_KIND_WORDS = (r"kecamatan|dinas|badan|biro|inspektorat|rumah\s+sakit(?:\s+umum)?|sekretariat|"
               r"kantor|satuan|bagian|kelurahan")
# A name word: capitalised (or all caps), or a joining word of an instansi name.
_NAME_WORD = r"(?:(?-i:[A-Z])[A-Za-z'&.\-/]*|dan|DAN|&|serta|SERTA|(?-i:[IVX]{1,4}))"
_REGION_STOP = ("tahun|ta|sebagai|dalam|yang|pada|untuk|dengan|adalah|telah|di|ke|dari|nomor|no|"
                "dan|bab|tentang|periode|berdasarkan|melalui|serta|agar|maka|ini|itu")
_REGION_WORD = rf"(?!(?i:{_REGION_STOP})\b|[IVX]{{1,4}}\b)(?-i:[A-Z])[A-Za-z'\-]*"
_UNIT = re.compile(
    rf"\b(?P<kind>{_KIND_WORDS})\b(?P<name>(?:\s+{_NAME_WORD}){{0,12}}?)\s+"
    rf"(?P<rk>provinsi|prov\.?|propinsi|kabupaten|kab\.|kota)\s+"
    rf"(?P<region>{_REGION_WORD}(?:\s+{_REGION_WORD}){{0,2}})", re.IGNORECASE)
_UNIT_ALONE = re.compile(rf"^\s*(?P<kind>{_KIND_WORDS})\b(?P<name>(?:\s+{_NAME_WORD}){{1,12}})\s*$",
                         re.IGNORECASE)
# Short forms met on running heads (`LKIP BAPPEDA Provinsi Jawa Barat`): kind from the form.
_SHORT = re.compile(
    r"\b(?P<short>BAPPEDA|BAPENDA|BAPEDA|BPBD|BKD|BPKAD|BKPP|BKPSDM|BPKD|BAPPELITBANGDA|RSUD|"
    r"RSJ|RSU|SATPOL\s*PP|[Dd]is[a-z]{3,}|DIS[A-Z]{3,})\b"
    rf"(?P<rest>(?:\s+{_NAME_WORD}){{0,4}}?)\s+"
    r"(?P<rk>(?i:provinsi|prov\.?|propinsi|kabupaten|kab\.|kota))\s+"
    rf"(?P<region>{_REGION_WORD}(?:\s+{_REGION_WORD}){{0,2}})")
_SHORT_KIND = {"BAPPEDA": "badan", "BAPENDA": "badan", "BAPEDA": "badan", "BPBD": "badan",
               "BKD": "badan", "BPKAD": "badan", "BKPP": "badan", "BKPSDM": "badan",
               "BPKD": "badan", "BAPPELITBANGDA": "badan", "RSUD": "rumah sakit",
               "RSJ": "rumah sakit", "RSU": "rumah sakit", "SATPOL PP": "satuan"}
_SHORT_NAME = {"BAPPEDA": "Badan Perencanaan Pembangunan Daerah",
               "BAPENDA": "Badan Pendapatan Daerah",
               "BPBD": "Badan Penanggulangan Bencana Daerah",
               "RSJ": "Rumah Sakit Jiwa", "RSUD": "Rumah Sakit Umum Daerah"}
# `Dinas Permukiman dan Perumahan (Diskimrum)`: a report defining its own short form.
_DEFINED = re.compile(rf"\b(?P<full>(?:{_KIND_WORDS})(?:\s+{_NAME_WORD}){{1,12}}?)\s*"
                      r"\((?P<short>[A-Za-z]{3,15})\)", re.IGNORECASE)
_SMALL = {"dan", "serta", "&"}
_GOVERNMENT = re.compile(rf"^\s*PEMERINTAH\s+(?P<rk>provinsi|kabupaten|kota)\s+"
                         rf"(?P<region>{_REGION_WORD}(?:\s+{_REGION_WORD}){{0,2}})\s*$",
                         re.IGNORECASE)


@dataclass(frozen=True)
class Identity:
    """The unit a report is about. `name` is the unit's name without its region (`Jogoroto` for
    a kecamatan, `Dinas Pendapatan` for an OPD); `where` says which part of the report said it."""

    unit_kind: str | None = None
    name: str | None = None
    region_kind: str | None = None
    region: str | None = None
    year: int | None = None
    where: str | None = None

    @property
    def kabupaten(self) -> str | None:
        """The kabupaten (or `Kota X`) as the kecamatan reports have always carried it."""
        if self.region_kind == "kabupaten":
            return self.region
        if self.region_kind == "kota" and self.region:
            return "Kota " + self.region
        return None


def _title(text: str) -> str:
    words = text.strip(" .,:;-").split()
    out = []
    for i, w in enumerate(words):
        low = w.lower()
        if i and low in _SMALL:
            out.append(low)
        elif re.fullmatch(r"[IVX]{1,4}", w):
            out.append(w)
        elif "." in w.strip(".") or (w.isupper() and len(w) <= 4 and i and w.isalpha()
                                      and not re.search(r"[AIUEO]", w)):
            out.append(w)  # an abbreviation (`D.I.`, `DPRD`) keeps its form
        else:
            out.append(w.capitalize())
    return " ".join(out)


def _region_kind(word: str) -> str:
    w = word.lower().rstrip(".")
    return {"prov": "provinsi", "propinsi": "provinsi", "kab": "kabupaten"}.get(w, w)


def _clean(line: str) -> str:
    return " ".join(_MARKUP.sub(" ", line).split())


def _kecamatan_title(lines: list[str]) -> Identity | None:
    """`KECAMATAN X` (and `KABUPATEN Y` on the same or a later line) on a title page."""
    name = region = region_kind = None
    year = None
    for line in lines:
        text = _clean(line)
        if not text or len(text) > 120:
            continue
        if name is None and (m := _KECAMATAN.search(text)):
            name = _title(m.group(1))
        if region is None and (m := _KABUPATEN.search(text)):
            region_kind, region = m.group(1).lower(), _title(m.group(2))
        if year is None and (m := _YEAR.search(text)):
            year = int(m.group(1))
    if name is None:
        return None
    return Identity("kecamatan", name, region_kind, region, year)


def _units(text: str) -> list[Identity]:
    """Every `<kind> <Name> <Provinsi|Kabupaten|Kota> <Region>` phrase of one line."""
    out = []
    text = re.sub(r"\s*\([A-Za-z]{3,15}\)", "", text)
    for m in _UNIT.finditer(text):
        kind = " ".join(m["kind"].lower().split())
        if kind.startswith("rumah sakit"):
            kind = "rumah sakit"
        name_words = m["name"].split()
        if not name_words and kind != "inspektorat":  # `Inspektorat Kabupaten X` is its name
            continue
        name = _title(" ".join(m["kind"].split() + name_words))
        if kind == "kecamatan":
            name = _title(" ".join(name_words))
        out.append(Identity(kind, name, _region_kind(m["rk"]), _title(m["region"]),
                            _year_after(text, m.end())))
    for m in _SHORT.finditer(text):
        short = " ".join(m["short"].split())
        upper = short.upper()
        kind = _SHORT_KIND.get(upper, "dinas" if upper.startswith("DIS") else None)
        if kind is None:
            continue
        name = _SHORT_NAME.get(upper) or _title(short)
        if m["rest"].strip():
            name = f"{name} {_title(m['rest'])}"
        out.append(Identity(kind, name, _region_kind(m["rk"]), _title(m["region"]),
                            _year_after(text, m.end()), "singkatan"))
    return out


def _year_after(text: str, end: int) -> int | None:
    """The year printed right after a unit's name (`… Provinsi Jawa Barat Tahun 2016`)."""
    m = re.match(r"\W*(?:(?:tahun|ta\.?)\s+(?:anggaran\s+)?)?((?:19|20)\d{2})\b",
                 text[end:end + 30], re.IGNORECASE)
    return int(m.group(1)) if m else None


def identify(lines: list[str]) -> tuple[str | None, str | None, int | None]:
    """(kecamatan, kabupaten, year) of a kecamatan title page; None where it is silent."""
    found = _kecamatan_title(lines[:TITLE_PAGE_LINES])
    year = next((int(m.group(1)) for line in lines[:TITLE_PAGE_LINES]
                 if (m := _YEAR.search(_clean(line)))), None)
    if found is None:
        return None, None, None
    return found.name, found.kabupaten, found.year or year


def read_identity(title: list[str], running: list[str] = (), captions: list[str] = (),
                  body: list[str] = (), cells: list[str] = (), file_name: str = "") -> Identity:
    """The unit, region and year from the places a report names them, most trusted first.

    >>> i = read_identity(["LAPORAN KINERJA", "DINAS PETERNAKAN PROVINSI JAWA BARAT TAHUN 2016"])
    >>> (i.unit_kind, i.name, i.region_kind, i.region, i.year)
    ('dinas', 'Dinas Peternakan', 'provinsi', 'Jawa Barat', 2016)
    >>> i = read_identity([], running=["LKIP BAPPEDA Provinsi Jawa Barat Tahun 2016"])
    >>> (i.unit_kind, i.name, i.region, i.year)
    ('badan', 'Badan Perencanaan Pembangunan Daerah', 'Jawa Barat', 2016)
    """
    title = [_clean(t) for t in title[:TITLE_PAGE_LINES]]
    kecamatan = _kecamatan_title(title)
    if kecamatan is not None:
        return replace(kecamatan, where="halaman judul")
    # A cover prints the unit, its region and the year on lines of their own (`DINAS
    # KESEHATAN` / `KABUPATEN BANYUWANGI` / `TAHUN 2023`): read runs of up to four lines too.
    cover = [t for t in title if t][:COVER_LINES]
    runs = [" ".join(cover[i:i + n]) for n in (2, 3, 4) for i in range(len(cover) - n + 1)]
    sources = (("halaman judul", title + runs, 5), ("kepala/kaki halaman", running, 4),
               ("judul tabel", captions, 2), ("teks", body, 1), ("isi tabel", cells, 1))
    votes: Counter[tuple[str, str, str, str]] = Counter()
    first_where: dict[tuple[str, str, str, str], str] = {}
    years: Counter[int] = Counter()
    caption_years: Counter[int] = Counter()
    defined: dict[str, str] = {}
    for where, texts, weight in sources:
        for raw in texts:
            text = _clean(raw)
            if not text or len(text) > 400:
                continue
            for m in _DEFINED.finditer(text):
                defined.setdefault(m["short"].lower(), m["full"])
            units = _units(text)
            for unit in units:
                key = (unit.unit_kind, unit.name, unit.region_kind, unit.region)
                if not (where == "halaman judul" and key in first_where):
                    votes[key] += weight  # a cover names its unit once, however it is read
                first_where.setdefault(key, where)
                year = unit.year
                if year is None and len(text) <= 120 and (m := _YEAR.search(text)):
                    year = int(m.group(1))  # a title or running head: `LKIP Tahun 2016 Badan …`
                if year is not None:
                    years[year] += weight
            if weight == 2 and (m := _YEAR.search(text)):
                caption_years[int(m.group(1))] += 1
    cover_year = next((int(m.group(1)) for t in cover if (m := _COVER_YEAR.match(t))), None)
    if not years and cover_year:  # `TAHUN 2016` on a line of the cover of its own
        years = Counter({cover_year: 1})
    if not years:  # no unit line gave a year: the year the table titles speak of most
        years = Counter({y: (c, y) for y, c in caption_years.items()})
    # `Jawa Barat` and `Jawa Barat Sebagai` from a sentence are one region: the shorter wins.
    for key in list(votes):
        for other in list(votes):
            if (key in votes and other in votes and other != key and other[:3] == key[:3]
                    and other[3] and key[3] and other[3].startswith(key[3] + " ")):
                keep, drop = (key, other) if votes[key] > votes[other] else (other, key)
                votes[keep] += votes.pop(drop)
    # `Biro Organisasi Sekretariat Daerah` and the `Sekretariat Daerah` inside it: the unit is
    # the longer name (the shorter is the organisation it belongs to).
    for key in list(votes):
        for other in list(votes):
            if (key in votes and other in votes and key != other and key[2:] == other[2:]
                    and other[1].lower().endswith(" " + key[1].lower())):
                votes[other] += votes.pop(key)
    year = years.most_common(1)[0][0] if years else None
    if votes:
        (kind, name, region_kind, region), _ = votes.most_common(1)[0]
        where = first_where[(kind, name, region_kind, region)]
        # A short form (`BKPP`, `Kesbangpol`, `RSJ … JABAR`) gives way to the full name the
        # report writes elsewhere, when the short form's letters fit it.
        fuller = [(votes[k], k) for k in votes if k[0] == kind and k[1] != name
                  and k[2] == region_kind and _fits(name, k[1]) and _fits(region or "", k[3])]
        if fuller:
            kind, name, region_kind, region = max(fuller)[1]
        elif (full := defined.get(name.split()[0].lower())) is not None:
            name = _title(full)
        return Identity(kind, name, region_kind, region, year or _file_year(file_name), where)
    # `PEMERINTAH PROVINSI JAWA BARAT` above `DINAS PETERNAKAN`: the region of the cover.
    region = next((m for t in cover if (m := _GOVERNMENT.search(t))), None)
    for where, texts in (("halaman judul", title), ("isi tabel", cells)):
        for text in texts:
            if m := _UNIT_ALONE.match(_clean(text)):
                kind = " ".join(m["kind"].lower().split())
                kind = "rumah sakit" if kind.startswith("rumah sakit") else kind
                if where == "halaman judul" and region is not None:
                    return Identity(kind, _title(m["kind"] + m["name"]),
                                    _region_kind(region["rk"]), _title(region["region"]),
                                    year or _file_year(file_name), where)
                return Identity(kind, _title(m["kind"] + m["name"]), None, None,
                                year or _file_year(file_name), where)
    return Identity(year=year or _file_year(file_name), where="nama berkas" if year is None
                    and _file_year(file_name) else None)


def _fits(short: str, full: str) -> bool:
    """True when each word of `short` is made of prefixes of consecutive words of `full`
    (`BKPP Wilayah I` ~ `Badan Koordinasi Pemerintahan dan Pembangunan Wilayah I`,
    `Badan Kesbangpol` ~ `Badan Kesatuan Bangsa dan Politik`, `Jabar` ~ `Jawa Barat`)."""
    a = [w.lower() for w in short.split() if w.lower() not in _SMALL]
    f = [w.lower() for w in full.split() if w.lower() not in _SMALL]
    if not a or not f:
        return not a and not f

    def word(i: int, j: int, rest: str) -> bool:  # consume `rest` of a[i] from f[j:]
        if not rest:
            return words(i + 1, j)
        if j >= len(f):
            return False
        return any(rest.startswith(f[j][:k]) and word(i, j + 1, rest[k:])
                   for k in range(min(len(f[j]), len(rest)), 0, -1))

    def words(i: int, j: int) -> bool:
        if i == len(a):
            return j == len(f)
        return word(i, j, a[i])

    return words(0, 0)


def _file_year(file_name: str) -> int | None:
    years = _BARE_YEAR.findall(file_name)
    return int(years[0]) if years else None


def _kecamatan_in_tables(doc: Document) -> str | None:
    """Reports without a title page (a kota's quarterly export) name kecamatan in `KECAMATAN X`
    rows; the document is then about all of them, and each row keeps its own."""
    names = []
    for table in doc.tables:
        for row in table.rows:
            m = _KECAMATAN_ROW.match(row.cells[0] if row.cells else "")
            if m and (name := m.group(1).title()) not in names:
                names.append(name)
    return ", ".join(names) or None


def _table_texts(doc: Document) -> tuple[list[str], list[str]]:
    """(captions, titles and header cells; the first column of the first rows) of the tables."""
    captions, cells = [], []
    for table in doc.tables:
        captions.extend(t for t in (table.caption, table.title) if t)
        captions.extend(c for row in table.header for c in row.cells if c)
        cells.extend(row.cells[0] for row in table.rows[:6] if row.cells and row.cells[0])
    return captions, cells


SYNTHETIC_MARK = re.compile(r"data\s+demo\s+sintetis", re.IGNORECASE)


def document_identity(doc: Document) -> Identity:
    """The identity of a document read by any reader (title lines, running heads, tables,
    body text, file name)."""
    captions, cells = _table_texts(doc)
    lines = [p.text for p in doc.paragraphs[:BODY_PARAGRAPHS]]
    # A PDF paragraph is one printed line: a name broken over two lines is read from the pair.
    body = [f"{a} {b}" for a, b in itertools.pairwise(lines)] if not doc.line_based else lines
    return read_identity(doc.title_lines, doc.running_lines, captions, body, cells,
                         doc.path.name)


def identity_of(doc: Document, *, kecamatan: str | None = None, kabupaten: str | None = None,
                year: int | None = None, unit_kind: str | None = None) -> dict[str, Any]:
    """The identity columns of every tidy row of a document; the caller's values win. What
    cannot be read is left missing with one warning in `doc.warnings` (never a refusal)."""
    found = document_identity(doc)
    if doc.kecamatan:  # a reader that knows its format better (a kecamatan title page)
        found = replace(found, unit_kind="kecamatan", name=doc.kecamatan)
    elif found.name is None and (names := _kecamatan_in_tables(doc)):
        found = replace(found, unit_kind="kecamatan", name=names)
    name = kecamatan or found.name
    kind = unit_kind or found.unit_kind or ("kecamatan" if kecamatan else None)
    the_year = year or doc.year or found.year
    region_kind, region = found.region_kind, found.region
    kab = kabupaten or doc.kabupaten or (found.kabupaten if kind == "kecamatan" else None)
    if kabupaten and region is None:
        region_kind, region = ("kota", kabupaten[5:]) if kabupaten.lower().startswith(
            "kota ") else ("kabupaten", kabupaten)
    missing = []
    if not name:
        name = doc.path.stem
        missing.append(f"nama instansi (dipakai nama berkas '{name}'; tambahkan dengan "
                       "--kecamatan NAMA)")
    if not the_year:
        missing.append("tahun (tambahkan dengan --year TAHUN)")
    if region is None and kind != "kecamatan":
        missing.append("wilayah (kabupaten/kota/provinsi)")
    if missing:
        warning = f"{doc.path}: identitas laporan tidak terbaca: " + "; ".join(missing)
        if warning not in doc.warnings:  # asked twice of one document, said once
            doc.warnings.append(warning)
    first_lines = " ".join(p.text for p in doc.paragraphs[:40])
    return {
        "kecamatan": name,
        "kabupaten": kab,
        "year": int(the_year) if the_year else None,
        "data_source": SYNTHETIC_SOURCE if SYNTHETIC_MARK.search(first_lines) else REAL_SOURCE,
        "unit_kind": kind,
        "region_kind": region_kind,
        "region": region,
    }
