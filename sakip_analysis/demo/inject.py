"""Known inconsistencies planted in clean reports, one per checker family, with a record each.

Each kind changes one printed value (the across-reports kind changes a whole year column
consistently, so only a comparison with the earlier report shows it). The record says which
family should find it, which other families may legitimately fire on the same change
(`also`), and what was printed before and after.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from sakip_analysis.demo.generator import HUNDRED, capaian, mean2
from sakip_analysis.demo.layout import (
    BENCH_PCT,
    BUD_PAGU,
    BUD_SERAPAN,
    EFF_EFISIENSI,
    IKU_CAPAIAN,
    KA_PAGU,
    MULTI_FIRST,
    PK_TARGET,
    Para,
    Report,
    TableBlock,
    amount,
    capaian_cell,
    iku_value,
    num,
    pct2,
    words,
)
from sakip_analysis.read.numbers import ColumnKind, parse_number

FAMILIES = ("ratio", "difference", "sum", "average", "cross-table", "narrative", "counts",
            "time", "structure", "across-reports")


@dataclass
class Injection:
    """One planted inconsistency; `where` is a render position key (see `render`)."""

    family: str
    kind: str
    where: tuple[object, ...]
    column: int | None  # 0-based cell index for table cells
    table: str | None  # caption of the table, as printed before the change
    original: str
    injected: str
    description: str
    also: tuple[str, ...] = ()


@dataclass
class Context:
    """What an injector may need besides the report: the years that have a report too."""

    report: Report
    rng: random.Random
    years_with_report: frozenset[int]
    used: set[str] = field(default_factory=set)  # zones already touched in this report


def _block(report: Report, block: TableBlock | Para) -> int:
    return next(i for i, b in enumerate(report.blocks) if b is block)


def _nudge(rng: random.Random, value: Decimal, lo: float, hi: float, *,
           cap: Decimal | None = None) -> Decimal:
    """A different value with the same decimals, `lo`–`hi` percent away, kept ≥ 0 and ≤ cap."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    unit = Decimal(1).scaleb(exponent)
    size = max(unit, (abs(value) * Decimal(repr(rng.uniform(lo, hi))) / 100).quantize(unit))
    up = value + size
    down = value - size
    if cap is not None and up > cap:
        return down
    if down < 0:
        return up
    return up if rng.random() < 0.5 else down


def _shift_points(rng: random.Random, value: Decimal, lo: float, hi: float) -> Decimal:
    """A percentage moved by `lo`–`hi` points (two decimals), staying within 0–100 when it was."""
    size = Decimal(repr(rng.uniform(lo, hi))).quantize(Decimal("0.01"))
    if value + size > HUNDRED >= value or rng.random() < 0.5:
        return value - size if value - size >= 0 else value + size
    return value + size


def _set(ctx: Context, table: TableBlock, row: int, column: int, new: str, family: str,
         kind: str, description: str, also: tuple[str, ...] = ()) -> Injection:
    old = table.cells[row][column]
    table.cells[row][column] = new
    return Injection(family, kind, ("row", _block(ctx.report, table), row), column,
                     table.label, old, new, description, also)


def _replace(ctx: Context, para: Para, old: str, new: str, family: str, kind: str,
             description: str, also: tuple[str, ...] = ()) -> Injection:
    assert para.text.count(old) == 1, (para.text, old)
    para.text = para.text.replace(old, new)
    return Injection(family, kind, ("para", _block(ctx.report, para)), None, None, old, new,
                     description, also)


def _value(cell: str, column: ColumnKind = "any") -> Decimal:
    parsed = parse_number(cell, column)
    assert parsed.value is not None, cell
    return parsed.value


def _later_reports(ctx: Context) -> tuple[str, ...]:
    y = ctx.report.figures.year
    return ("across-reports",) if {y + 1, y + 2} & ctx.years_with_report else ()


# ratio -------------------------------------------------------------------------------------

def capaian_iku(ctx: Context) -> Injection | None:
    fig = ctx.report.figures
    table = ctx.report.table("iku")
    iku = ctx.rng.choice([i for i in fig.ikus if i.key != "sakip"])
    m = fig.measure(iku.key)
    assert m is not None and m.capaian is not None
    row = table.body_index(("iku", iku.key))
    assert row is not None
    new = _shift_points(ctx.rng, m.capaian, 1.5, 9.0)
    return _set(ctx, table, row, IKU_CAPAIAN, capaian_cell(new), "ratio", "capaian_iku",
                f"Capaian {iku.name} tidak sesuai dengan target dan realisasinya.",
                ("average", "cross-table", *_later_reports(ctx)))


def serapan_kegiatan(ctx: Context) -> Injection | None:
    table = ctx.report.table("budget")
    rows = [(t, i) for i, t in enumerate(table.tags)
            if t[0] == "kegiatan" and table.cells[table.n_header + i][BUD_SERAPAN] != "-"]
    tag, _i = ctx.rng.choice(rows)
    row = table.body_index(tag)
    assert row is not None
    new = _shift_points(ctx.rng, _value(table.cells[row][BUD_SERAPAN]), 2.0, 10.0)
    return _set(ctx, table, row, BUD_SERAPAN, pct2(new), "ratio", "serapan_kegiatan",
                f"Prosentase serapan {table.cells[row][0]} tidak sama dengan realisasi/pagu.",
                ("cross-table",))


def persen_provinsi(ctx: Context) -> Injection | None:
    table = ctx.report.table("benchmark")
    rows = [r for r in range(table.n_header, len(table.cells)) if table.cells[r][BENCH_PCT] != "-"]
    row = ctx.rng.choice(rows)
    new = _shift_points(ctx.rng, _value(table.cells[row][BENCH_PCT]), 2.0, 10.0)
    return _set(ctx, table, row, BENCH_PCT, pct2(new), "ratio", "persen_provinsi",
                f"Persentase {table.cells[row][0]} terhadap provinsi tidak sesuai dengan "
                "kedua nilainya.")


# difference --------------------------------------------------------------------------------

def efisiensi(ctx: Context) -> Injection | None:
    table = ctx.report.table("efficiency")
    rows = [table.n_header + i for i, t in enumerate(table.tags)
            if t[0] in ("program", "kegiatan")
            and table.cells[table.n_header + i][EFF_EFISIENSI] not in ("", "-")]
    row = ctx.rng.choice(rows)
    old = _value(table.cells[row][EFF_EFISIENSI])
    if old and ctx.rng.random() < 0.5:
        new = -old  # subtracted the wrong way round
    else:
        size = Decimal(repr(ctx.rng.uniform(1.0, 6.0))).quantize(Decimal("0.01"))
        new = old + size if ctx.rng.random() < 0.5 else old - size
    return _set(ctx, table, row, EFF_EFISIENSI, pct2(new), "difference", "efisiensi",
                f"Tingkat efisiensi {table.cells[row][1]} bukan selisih capaian kinerja dan "
                "capaian anggaran.")


# sum ---------------------------------------------------------------------------------------

def _pagu_change(ctx: Context, table: TableBlock, tag: tuple[object, ...], column: int,
                 kind: str, family: str, description: str,
                 also: tuple[str, ...]) -> Injection:
    row = table.body_index(tag)
    assert row is not None
    old = _value(table.cells[row][column], "amount")
    new = _nudge(ctx.rng, old.quantize(Decimal(1)), 1.0, 8.0)
    new = (new / 1000).quantize(Decimal(1)) * 1000 if new > 100_000 else new
    if new == old:
        new = old + 1_000_000
    cents = table.cells[row][column].endswith(",00")
    return _set(ctx, table, row, column, amount(int(new), cents), family, kind,
                description.format(name=table.cells[row][0] or "JUMLAH"), also)


def program_pagu(ctx: Context) -> Injection | None:
    table = ctx.report.table("budget")
    tag = ctx.rng.choice([t for t in table.tags if t[0] == "program"])
    return _pagu_change(ctx, table, tag, BUD_PAGU, "program_pagu", "sum",
                        "Pagu {name} tidak sama dengan jumlah pagu kegiatannya.",
                        ("ratio", "cross-table"))


def jumlah_pagu(ctx: Context) -> Injection | None:
    table = ctx.report.table("budget")
    return _pagu_change(ctx, table, ("total",), BUD_PAGU, "jumlah_pagu", "sum",
                        "Pagu baris {name} tidak sama dengan jumlah pagu program.",
                        ("ratio", "cross-table", "narrative"))


# average -----------------------------------------------------------------------------------

def iku_average(ctx: Context) -> Injection | None:
    table = ctx.report.table("iku")
    row = table.body_index(("average",))
    assert row is not None
    new = _shift_points(ctx.rng, _value(table.cells[row][IKU_CAPAIAN]), 1.0, 5.0)
    return _set(ctx, table, row, IKU_CAPAIAN, pct2(new), "average", "iku_average",
                "Rata-rata capaian IKU tidak sama dengan rata-rata capaian setiap indikator.",
                ("narrative", "cross-table"))


def multi_year_average(ctx: Context) -> Injection | None:
    table = ctx.report.table("multi_year")
    row = table.body_index(("average",))
    assert row is not None
    column = MULTI_FIRST + 3 * 2 + 2
    new = _shift_points(ctx.rng, _value(table.cells[row][column]), 1.0, 5.0)
    return _set(ctx, table, row, column, pct2(new), "average", "multi_year_average",
                f"Rata-rata capaian IKU tahun {ctx.report.figures.year} pada tabel tiga tahun "
                "tidak sama dengan rata-rata kolomnya.", ("cross-table",))


# cross-table -------------------------------------------------------------------------------

def pk_target(ctx: Context) -> Injection | None:
    fig = ctx.report.figures
    table = ctx.report.table("perjanjian")
    iku = ctx.rng.choice(fig.ikus)
    m = fig.measure(iku.key)
    assert m is not None and m.target is not None
    row = table.body_index(("iku", iku.key))
    assert row is not None
    new = _nudge(ctx.rng, m.target, 2.0, 8.0, cap=HUNDRED if iku.percent else None)
    return _set(ctx, table, row, PK_TARGET, iku_value(new, iku.percent), "cross-table",
                "pk_target", f"Target {iku.name} pada Perjanjian Kinerja berbeda dengan target "
                "pada tabel capaian IKU.")


def kegiatan_pagu(ctx: Context) -> Injection | None:
    table = ctx.report.table("kinerja_anggaran")
    tags = [t for i, t in enumerate(table.tags)
            if t[0] == "kegiatan" and table.cells[table.n_header + i][KA_PAGU] != "-"]
    return _pagu_change(ctx, table, ctx.rng.choice(tags), KA_PAGU, "kegiatan_pagu",
                        "cross-table", "Pagu {name} pada tabel kinerja dan anggaran berbeda "
                        "dengan tabel anggaran per program/kegiatan.", ("ratio", "sum"))


# narrative ---------------------------------------------------------------------------------

def sakip_realisasi(ctx: Context) -> Injection | None:
    m = ctx.report.figures.measure("sakip")
    assert m is not None and m.realisasi is not None
    new = _nudge(ctx.rng, m.realisasi, 1.0, 5.0)
    return _replace(ctx, ctx.report.para("sakip_sentence"), f"terealisasi {num(m.realisasi)}",
                    f"terealisasi {num(new)}", "narrative", "sakip_realisasi",
                    "Realisasi Nilai SAKIP dalam kalimat berbeda dengan tabel capaian IKU.",
                    ("ratio",))


def anggaran_total(ctx: Context) -> Injection | None:
    fig = ctx.report.figures
    new = _nudge(ctx.rng, Decimal(fig.pagu), 1.0, 8.0)
    new = (new / 1000).quantize(Decimal(1)) * 1000
    return _replace(ctx, ctx.report.para("budget_sentence"), f"Rp. {amount(fig.pagu)} dengan",
                    f"Rp. {amount(int(new))} dengan", "narrative", "anggaran_total",
                    "Anggaran dalam kalimat berbeda dengan baris JUMLAH tabel anggaran.",
                    ("ratio",))


def rata_rata(ctx: Context) -> Injection | None:
    table = ctx.report.table("iku")
    row = table.body_index(("average",))
    assert row is not None
    old = table.cells[row][IKU_CAPAIAN]
    new = pct2(_shift_points(ctx.rng, _value(old), 1.0, 5.0))
    return _replace(ctx, ctx.report.para("iku_average"), f"adalah {old}.", f"adalah {new}.",
                    "narrative", "rata_rata",
                    "Rata-rata capaian IKU dalam kalimat berbeda dengan tabel capaian IKU.")


# counts ------------------------------------------------------------------------------------

def number_word(ctx: Context) -> Injection | None:
    n = len(ctx.report.figures.ikus)
    wrong = n - 1 if ctx.rng.random() < 0.5 else n + 1
    return _replace(ctx, ctx.report.para("iku_count"), f"{n} ({words(n)})",
                    f"{n} ({words(wrong)})", "counts", "number_word",
                    "Angka dan sebutan jumlah indikator kinerja utama tidak sama.")


def program_count(ctx: Context) -> Injection | None:
    n = len(ctx.report.figures.programs)
    wrong = n + 1 if ctx.rng.random() < 0.5 else n - 1
    return _replace(ctx, ctx.report.para("program_count"), f"{n} program", f"{wrong} program",
                    "counts", "program_count",
                    "Jumlah program dalam kalimat berbeda dengan tabel anggaran.")


def kegiatan_count(ctx: Context) -> Injection | None:
    n = len(ctx.report.figures.kegiatan)
    wrong = n + 1 if ctx.rng.random() < 0.5 else n - 1
    return _replace(ctx, ctx.report.para("program_count"), f"{n} kegiatan", f"{wrong} kegiatan",
                    "counts", "kegiatan_count",
                    "Jumlah kegiatan dalam kalimat berbeda dengan tabel anggaran.")


# time --------------------------------------------------------------------------------------

def title_year(ctx: Context) -> Injection | None:
    y = ctx.report.figures.year
    table = ctx.report.table(ctx.rng.choice(("iku", "kinerja_anggaran", "budget")))
    old = table.title[1]
    table.title[1] = old.replace(f"Tahun {y}", f"Tahun {y - 1}")
    return Injection("time", "title_year", ("title", _block(ctx.report, table), 1), None,
                     table.label, f"Tahun {y}", f"Tahun {y - 1}",
                     f"Judul {table.label} menyebut tahun {y - 1} dalam laporan tahun {y}.")


def multi_year_header(ctx: Context) -> Injection | None:
    y = ctx.report.figures.year
    table = ctx.report.table("multi_year")
    column = MULTI_FIRST + 3 * 2
    assert table.cells[0][column] == f"Tahun {y}"
    return _set(ctx, table, 0, column, f"Tahun {y - 1}", "time", "multi_year_header",
                f"Kepala kolom tahun {y} tertulis tahun {y - 1}, sehingga tahun {y - 1} muncul "
                "dua kali.", ("cross-table",))


def period(ctx: Context) -> Injection | None:
    para = ctx.report.para("period")
    start, end = (2024, 2026) if ctx.report.figures.year >= 2024 else (2018, 2023)
    return _replace(ctx, para, f"{start}-{end}", f"{start}-{start}", "time", "period",
                    "Periode Renstra berawal dan berakhir pada tahun yang sama.")


# structure ---------------------------------------------------------------------------------

def duplicate_caption(ctx: Context) -> Injection | None:
    tables = [b for b in ctx.report.blocks if isinstance(b, TableBlock)]
    i = ctx.rng.randrange(1, len(tables))
    table, before = tables[i], tables[i - 1]
    old = table.caption
    table.caption = before.caption
    return Injection("structure", "duplicate_caption", ("caption", _block(ctx.report, table)),
                     None, table.label, old, before.caption,
                     f"{table.label} diberi nomor {before.caption}, sama dengan tabel "
                     "sebelumnya.")


# across-reports ----------------------------------------------------------------------------

def previous_year_realisasi(ctx: Context) -> Injection | None:
    fig = ctx.report.figures
    table = ctx.report.table("multi_year")
    years = sorted(fig.history)
    choices = [(iku, year) for year in years[:2] if year in ctx.years_with_report
               for iku in fig.ikus if (m := fig.history[year][iku.key]) and m.realisasi]
    if not choices:
        return None
    iku, year = ctx.rng.choice(choices)
    m = fig.history[year][iku.key]
    assert m is not None and m.realisasi is not None
    new = _nudge(ctx.rng, m.realisasi, 2.0, 6.0, cap=HUNDRED if iku.percent else None)
    column = MULTI_FIRST + 3 * years.index(year)
    row = table.body_index(("iku", iku.key))
    assert row is not None
    new_capaian = capaian(m.target, new, m.negative)
    table.cells[row][column + 2] = capaian_cell(new_capaian, "%")
    column_capaian = [c for i in fig.ikus
                      if (mm := fig.history[year][i.key]) is not None
                      and (c := new_capaian if i is iku else mm.capaian) is not None]
    average_row = table.body_index(("average",))
    assert average_row is not None
    table.cells[average_row][column + 2] = pct2(mean2(column_capaian))
    return _set(ctx, table, row, column + 1, iku_value(new, iku.percent), "across-reports",
                "previous_year_realisasi",
                f"Realisasi {iku.name} tahun {year} berbeda dengan laporan tahun {year}; "
                "capaian dan rata-rata kolom itu ikut disesuaikan.")


Injector = Callable[[Context], Injection | None]

KINDS: dict[str, tuple[tuple[str, Injector, frozenset[str]], ...]] = {
    "ratio": (("capaian_iku", capaian_iku, frozenset({"iku", "iku_average"})),
              ("serapan_kegiatan", serapan_kegiatan, frozenset({"budget"})),
              ("persen_provinsi", persen_provinsi, frozenset({"benchmark"}))),
    "difference": (("efisiensi", efisiensi, frozenset({"efficiency"})),),
    "sum": (("program_pagu", program_pagu, frozenset({"budget"})),
            ("jumlah_pagu", jumlah_pagu, frozenset({"budget", "budget_sentence"}))),
    "average": (("iku_average", iku_average, frozenset({"iku", "iku_average"})),
                ("multi_year_average", multi_year_average, frozenset({"multi_year"}))),
    "cross-table": (("pk_target", pk_target, frozenset({"perjanjian"})),
                    ("kegiatan_pagu", kegiatan_pagu, frozenset({"kinerja_anggaran"}))),
    "narrative": (("sakip_realisasi", sakip_realisasi, frozenset({"sakip_sentence"})),
                  ("anggaran_total", anggaran_total, frozenset({"budget_sentence"})),
                  ("rata_rata", rata_rata, frozenset({"iku_average"}))),
    "counts": (("number_word", number_word, frozenset({"iku_count"})),
               ("program_count", program_count, frozenset({"program_count"})),
               ("kegiatan_count", kegiatan_count, frozenset({"program_count"}))),
    "time": (("title_year", title_year, frozenset({"title"})),
             ("multi_year_header", multi_year_header, frozenset({"multi_year"})),
             ("period", period, frozenset({"period"}))),
    "structure": (("duplicate_caption", duplicate_caption, frozenset({"caption"})),),
    "across-reports": (("previous_year_realisasi", previous_year_realisasi,
                        frozenset({"multi_year"})),),
}
"""Family → (kind, injector, zones). Two injections in one report never share a zone, so
one planted change never hides or doubles another."""


def inject_one(ctx: Context, family: str) -> Injection | None:
    """Plant one inconsistency of `family`, trying its kinds in random order."""
    kinds = list(KINDS[family])
    ctx.rng.shuffle(kinds)
    for _kind, injector, zones in kinds:
        if zones & ctx.used:
            continue
        injection = injector(ctx)
        if injection is not None:
            ctx.used |= zones
            return injection
    return None
