"""One function per table kind: printed rows in, tidy records out (by table name)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sakip_analysis.read.document import Row
from sakip_analysis.read.numbers import (
    ParsedNumber,
    parse_number,
    read_cell,
    settle_by_ratio,
    with_share,
)
from sakip_analysis.read.tables.context import TableContext, measured, unit_of
from sakip_analysis.read.tables.header import CAPAIAN, PAGU, PAGU_FINAL, find
from sakip_analysis.read.tables.hierarchy import code_of, level_of_code, quarterly_levels
from sakip_analysis.read.tables.labels import (
    is_average,
    is_bare_total,
    is_total,
    level_of,
    strip_numbering,
)

Records = dict[str, list[dict[str, Any]]]


@dataclass
class Entity:
    """The sasaran/program/kegiatan a row speaks of, after inheriting from rows above."""

    level: str
    name: str
    parent: str | None
    continues: bool  # an empty label: another indicator of the entity above
    code: str | None = None  # `1.01.02.2.01`, as printed before the label or in its own column


_CODE_CELL = re.compile(r"\d{1,2}(?:\.\d{1,4}){1,5}")
_PROGRAM_CODE = re.compile(r"^\d{1,2}\.\d{2}\.\d{2}")
"""A Permendagri 90 program code (`7.01.01`, `1.02.02.2.01.0001`): its depth is its level.
Account codes (`1.1.2`) name rekening, not program levels."""


def walk(ctx: TableContext, label_at: int | None,
         default_level: str) -> Iterator[tuple[Row, Entity]]:
    """Rows with their entity; `Program:`/`Kegiatan:` labels set the level and the parent."""
    sasaran = program = kegiatan = None
    last: Entity | None = None
    for row in ctx.table.rows:
        label = ctx.cell(row, label_at) or _summary_label(row, label_at)
        outside = not label and bool(label := _code_column_label(ctx, row, label_at))
        if not label and last is not None:
            yield row, Entity(last.level, last.name, last.parent, True, last.code)
            continue
        code, label = code_of(label)
        if code is None and row.cells and _CODE_CELL.fullmatch(row.cells[0]):
            code = row.cells[0]
        level, name = level_of(label)
        if level is None and code is not None and _PROGRAM_CODE.match(code):
            level = level_of_code(code)
        if level is None:
            if is_total(label):
                level = "total"
            elif is_average(label):
                level = "rata-rata"
            else:
                level = default_level
        if outside:  # a group printed across the codes (`Belanja Tidak Langsung`) sums them up
            level = "total"
        parent = None
        if level == "sasaran":
            sasaran, program, kegiatan = name, None, None
        elif level == "program":
            parent, program, kegiatan = sasaran, name, None
        elif level == "kegiatan":
            parent, kegiatan = program or sasaran, name
        elif level == "subkegiatan":
            parent = kegiatan or program or sasaran
        elif level not in ("total", "rata-rata"):
            parent = sasaran if default_level == "iku" else program or sasaran
        last = Entity(level, strip_numbering(name), parent, False, code)
        yield row, last


def _summary_label(row: Row, label_at: int | None) -> str:
    """A `Rata-rata …` label printed in another column, or a `JUMLAH` printed before the label
    column (or alone in a cell further right), still names the row; `Jumlah Rekomendasi …`
    further right is an indicator."""
    last = label_at if label_at is not None else 0
    return next((c for i, c in enumerate(row.cells)
                 if c and (is_average(c) or (is_total(c) and (i <= last or is_bare_total(c))))),
                "")


def _code_column_label(ctx: TableContext, row: Row, label_at: int | None) -> str:
    """Words printed in a code column (`Kode Rekening`) while the label cell stays empty name
    the row (`Belanja Tidak Langsung` under a budget table's JUMLAH): a code is figures, so
    such a row is no continuation of the one above; printed across the codes, outside the
    program tree, it is a total of a group (level `total`)."""
    if label_at is None:
        return ""
    return next((c for i, c in enumerate(row.cells[:label_at])
                 if c and _WORDS.search(c) and i < len(ctx.cols) and "kode" in ctx.cols[i].text),
                "")


_WORDS = re.compile(r"[A-Za-z]{3,}")


def _last_figure(ctx: TableContext, row: Row, start: int) -> ParsedNumber:
    """The summary figure of a `Rata-rata …` row: the last non-empty cell after the label."""
    for i in range(len(row.cells) - 1, start, -1):
        if row.cells[i]:
            return ctx.number(row, i, "percent")
    return parse_number("")


def _indicator_record(ctx: TableContext, row: Row, entity: Entity, indicator: str,
                      target: ParsedNumber, realisasi: ParsedNumber, capaian: ParsedNumber,
                      period_year: int | None = None, unit: str | None = None) -> dict[str, Any]:
    target, realisasi, capaian = settle_by_ratio(target, realisasi, capaian)
    return {
        **ctx.base(row),
        "table_kind": ctx.kind,
        "period_year": period_year or ctx.identity["year"],
        "level": entity.level,
        "name": entity.name,
        "parent": entity.parent,
        "indicator": strip_numbering(indicator) or entity.name,
        "code": entity.code,
        "unit": unit or unit_of(target, realisasi),
        **measured("target", target),
        **measured("realisasi", realisasi),
        **measured("capaian_reported", capaian),
        "continues_above": entity.continues,
    }


def _summary_record(ctx: TableContext, row: Row, entity: Entity, label: str,
                    capaian: ParsedNumber, period_year: int | None = None) -> dict[str, Any]:
    empty = parse_number("")
    return _indicator_record(ctx, row, Entity("rata-rata", label, entity.parent, False), label,
                             empty, empty, capaian, period_year, "%")


OTHER_PERIOD = r"lalu|akhir|renstra|terhadap|rpjmd|s\.?\s*d\b"
"""Columns of another period than the report's own (last year, end of the Renstra)."""


def achievement(ctx: TableContext) -> Records:
    """IKU / Renstra tables: Sasaran | Indikator | Target | Realisasi | Capaian."""
    label = find(ctx.cols, r"sasaran|program|kegiatan|uraian")
    indicator = ctx.text_column(find(ctx.cols, r"indikator"))
    target = find(ctx.cols, r"target", exclude=OTHER_PERIOD)
    if target is None:
        target = find(ctx.cols, r"target")
    realisasi = find(ctx.cols, r"realisasi", exclude=r"%|" + OTHER_PERIOD)
    if realisasi is None:
        realisasi = find(ctx.cols, r"realisasi")
    later = [c for c in ctx.cols if realisasi is None or c.index > realisasi]
    capaian = find(later, CAPAIAN, exclude=OTHER_PERIOD)
    if capaian is None:
        capaian = find(ctx.cols, r"capaian|%")
    default = "iku" if label is None or "sasaran" in ctx.cols[label].text else "indikator"
    # `Realisasi 2014` in a report of 2016: the figures are of the year the realisasi names
    year = ctx.cols[realisasi].year if realisasi is not None else None
    # printed rows whose indicators carry their own capaian in brackets: the capaian column
    # there is the sasaran's (see TableContext.with_capaian)
    shared = {r.line for r in ctx.table.rows
              if capaian is not None and with_share(ctx.cell(r, realisasi))}
    empty = parse_number("")
    out: Records = defaultdict(list)
    for row, entity in walk(ctx, label, default):
        if entity.level == "rata-rata":
            # The average of the capaian column stands in that column; a figure further
            # right averages another column (`… terhadap target akhir Renstra`).
            figure = (ctx.number(row, capaian, "percent") if ctx.cell(row, capaian)
                      else _last_figure(ctx, row, label or 0))
            out["indicators"].append(_summary_record(ctx, row, entity, entity.name, figure,
                                                     year))
            continue
        real, cap, column = ctx.with_capaian(row, realisasi, capaian)
        if row.line in shared and column is None and ctx.cell(row, capaian):
            cap, column = empty, cap
        out["indicators"].append(_indicator_record(
            ctx, row, entity, ctx.cell(row, indicator), ctx.number(row, target), real, cap,
            year))
        if column is not None:
            out["indicators"].append(_indicator_record(
                ctx, row, Entity("sasaran", entity.name, None, False), entity.name, empty,
                empty, column, year))
    return out


_FORMULA = re.compile(r"=\s*(?P<capaian>[\d.,]+\s*%)")


def activity(ctx: TableContext) -> Records:
    """Activity measurement: the last cell is a formula
    `2 Dokumen ---- x 100 % = 100% 2 Dokumen`."""
    label = find(ctx.cols, r"^kegiatan$") or find(ctx.cols, r"kegiatan", exclude="sasaran")
    indicator = find(ctx.cols, r"^indikator")
    target = find(ctx.cols, r"^target")
    result = find(ctx.cols, r"realisasi")
    out: Records = defaultdict(list)
    for row, entity in walk(ctx, label, "kegiatan"):
        text = ctx.cell(row, result)
        formula = _FORMULA.search(text)
        realisasi = parse_number("")
        capaian = parse_number("")
        goal = ctx.number(row, target)
        if formula:
            capaian = parse_number(formula["capaian"], "percent")
            # A percentage target is met by the resulting percentage; a counted target
            # (`22 dokumen`) by the counted numerator of the formula.
            realisasi = capaian if goal.kind == "percent" else _leading_figure(
                text[: formula.start()].split("-----")[0])
        elif text:
            capaian = ctx.number(row, result, "percent")
        out["indicators"].append(_indicator_record(
            ctx, row, entity, ctx.cell(row, indicator), goal, realisasi, capaian))
    return out


def _leading_figure(text: str) -> ParsedNumber:
    try:
        return parse_number(text.strip())
    except ValueError:
        return parse_number("")


_MEASURES = (("target", r"target"), ("realisasi", r"realisasi"),
             ("capaian", r"^(?!.*(" + OTHER_PERIOD + r")).*(capaian|capkin|capai\b)"),
             ("capaian", r"^(?!.*target).*%"))
"""Per year: the first column of each measure, by its own label before its group, a column
counted once; capaian by its word (not against another period) before a bare `%`
(`Target (%)` is a target printed in percent, `Realisasi %` a capaian)."""


def multi_year(ctx: TableContext) -> Records:
    """Target | Realisasi | % for each of several years, one tidy row per indicator and year."""
    label = find(ctx.cols, r"^(iku|kegiatan|sasaran|program|uraian)$") or find(
        ctx.cols, r"iku|kegiatan|uraian")
    indicator = ctx.text_column(find(ctx.cols, r"^indikator"))
    unit = find(ctx.cols, r"satuan")
    years = sorted({c.year for c in ctx.cols if c.year})
    by_year: dict[int, dict[str, int | None]] = {}
    for year in years:
        in_year = [c for c in ctx.cols if c.year == year]
        found: dict[str, int | None] = {}
        for m, p in _MEASURES:
            if found.get(m) is None:
                free = [c for c in in_year if c.index not in found.values()]
                found[m] = next((c.index for c in free if re.search(p, c.label.lower())),
                                next((c.index for c in free if re.search(p, c.text)), None))
        by_year[year] = found
    default = "iku" if label is not None and "iku" in ctx.cols[label].text else "kegiatan"
    out: Records = defaultdict(list)
    for row, entity in walk(ctx, label, default):
        for year, at in by_year.items():
            if entity.level == "rata-rata":
                capaian = ctx.number(row, at["capaian"], "percent")
                if not capaian.missing or capaian.raw.strip():
                    out["indicators"].append(_summary_record(ctx, row, entity, entity.name,
                                                             capaian, year))
                continue
            target = ctx.number(row, at["target"])
            realisasi = ctx.number(row, at["realisasi"])
            capaian = ctx.number(row, at["capaian"], "percent")
            if all(read_cell(n.raw).kind == "missing" for n in (target, realisasi, capaian)):
                continue  # nothing printed for the year (a range `58-63` is printed)
            name = ctx.cell(row, indicator) if indicator is not None else entity.name
            out["indicators"].append(_indicator_record(
                ctx, row, entity, name, target, realisasi, capaian, year,
                ctx.cell(row, unit) or None))
    return out


def performance_budget(ctx: TableContext) -> Records:
    """Kinerja and anggaran side by side: indicator rows and budget rows from the same line.

    The kinerja columns come before the money: target, the first realisasi and the capaian
    after it; the money columns are the pagu (`Pagu`, `Anggaran`, `Keuangan Pagu`), the
    realisasi after it and its percentage. A program column beside the indicator
    (`Nama Program`) names the budget row.
    """
    label = find(ctx.cols, r"sasaran|program|progam|kegiatan")
    program = find(ctx.cols, r"program|progam", exclude=r"sasaran")
    if program == label:
        program = None
    indicator = find(ctx.cols, r"indikator")
    a_pagu = find(ctx.cols, r"anggaran.*(target|pagu)") or find(ctx.cols, PAGU_FINAL,
                                                                 exclude="realisasi") \
        or find(ctx.cols, PAGU)
    money = a_pagu if a_pagu is not None else len(ctx.cols)
    before = ctx.cols[:money]
    k_target = find(before, r"kinerja.*target") or find(before, r"target")
    k_real = find(before, r"kinerja.*realisasi") or find(before, r"realisasi")
    k_cap = find(before, r"kinerja.*capaian") or find(
        [c for c in before if k_real is None or c.index > k_real], CAPAIAN)
    after = ctx.cols[money:]
    a_real = find(after, r"realisasi", exclude=r"%") or find(ctx.cols, r"anggaran.*realisasi")
    a_cap = find([c for c in after if a_real is None or c.index > a_real],
                 r"capaian|%|serapan")
    out: Records = defaultdict(list)
    for row, entity in walk(ctx, label, "indikator"):
        pagu = ctx.number(row, a_pagu, "amount")
        realisasi = ctx.number(row, a_real, "amount")
        serapan = ctx.number(row, a_cap, "percent")
        budget_entity = entity
        if entity.level == "rata-rata" and not (pagu.missing and realisasi.missing):
            budget_entity = Entity("total", entity.name, None, False)
        else:
            out["indicators"].append(_indicator_record(
                ctx, row, entity, ctx.cell(row, indicator), ctx.number(row, k_target),
                ctx.number(row, k_real), ctx.number(row, k_cap, "percent")))
        if program is not None and ctx.cell(row, program) and entity.level not in (
                "total", "rata-rata"):
            budget_entity = Entity("program", ctx.cell(row, program), entity.name, False)
        if not (pagu.missing and realisasi.missing and serapan.missing):
            out["budget"].append(_budget_record(ctx, row, budget_entity, ctx.cell(row, indicator),
                                                pagu, realisasi, serapan))
    return out


def _budget_record(ctx: TableContext, row: Row, entity: Entity, indicator: str,
                   pagu: ParsedNumber, realisasi: ParsedNumber, serapan: ParsedNumber,
                   period: str | None = None) -> dict[str, Any]:
    return {
        **ctx.base(row),
        "table_kind": ctx.kind,
        "period": period,
        "level": entity.level,
        "name": entity.name,
        "parent": entity.parent,
        "indicator": strip_numbering(indicator) or None,
        "code": entity.code,
        **measured("pagu", pagu),
        **measured("realisasi", realisasi),
        **measured("serapan_reported", serapan),
        "continues_above": entity.continues,
    }


def budget(ctx: TableContext) -> Records:
    """Program/Kegiatan | Indikator | Target | Pagu | Realisasi | … | Prosentase."""
    label = find(ctx.cols, r"program|progam|kegiatan|uraian")
    indicator = find(ctx.cols, r"indikator")
    target = find(ctx.cols, r"^target")
    pagu = find(ctx.cols, PAGU_FINAL, exclude="realisasi") or find(ctx.cols, PAGU)
    realisasi = find(ctx.cols, r"realisasi", exclude=r"%|persen") or find(ctx.cols, r"realisasi")
    serapan = find(ctx.cols, r"prosentase|persentase|serapan|%")
    if serapan == realisasi:
        serapan = None
    out: Records = defaultdict(list)
    empty = parse_number("")
    for row, entity in walk(ctx, label, "kegiatan"):
        p = ctx.number(row, pagu, "amount")
        r = ctx.number(row, realisasi, "amount")
        s = ctx.number(row, serapan, "percent")
        t = ctx.number(row, target)
        if not (p.missing and r.missing and s.missing):
            out["budget"].append(_budget_record(ctx, row, entity, ctx.cell(row, indicator),
                                                p, r, s))
        if not t.missing and entity.level not in ("total", "rata-rata"):
            out["indicators"].append(_indicator_record(
                ctx, row, entity, ctx.cell(row, indicator), t, empty, empty))
    return out


def plan(ctx: TableContext) -> Records:
    """Plans: per entity (program/kegiatan/sub-kegiatan, or the tujuan/sasaran of a Renstra,
    RPJMD or IKU table) an indicator with its unit and, for each year, a target and, where the
    table prints one, a pagu (`2025 (Tahun-1)` over `Target | Pagu (Rp)`; `Target 2025 | 2026
    | …` alone). One indicator row per year (`period_year`) and one budget row per year with a
    pagu (`period` the year, so each year's pagu is summed level by level on its own). A `-`
    pagu is kept as printed; an indicator code (`IKU 1`, `T1.`, in its own column or before
    the indicator) is the row's code."""
    indicator = find(ctx.cols, r"indikator")
    label = ctx.text_column(_entity_column(ctx, indicator))
    code_at = find(ctx.cols, r"^kode")
    unit = find(ctx.cols, r"satuan|^sat\b")
    # an indicator of a program or kegiatan, or of the instansi's tujuan/sasaran (IKU)
    default = "indikator" if label is not None and re.search(
        r"program|progam|kegiatan", ctx.cols[label].text) else "iku"
    out: Records = defaultdict(list)
    empty = parse_number("")
    rows = ctx.table.rows
    groups = _year_groups(ctx)
    for row, entity in walk(ctx, label, default):
        if entity.level != "total" and row is rows[-1] and _figures_only(ctx, row) \
                and entity.continues and entity.code is not None:
            entity = Entity("total", "", None, False)  # the unlabelled closing row
        own_code, name = _indicator_code(ctx.cell(row, indicator))
        own_code = ctx.cell(row, code_at) or own_code
        if own_code:
            entity = Entity(entity.level, entity.name, entity.parent, entity.continues,
                            own_code)
        for year, (target_at, pagu_at) in groups.items():
            target = ctx.number(row, target_at)
            if name or not target.missing:
                out["indicators"].append(_indicator_record(
                    ctx, row, entity, name, target, empty, empty, year,
                    ctx.cell(row, unit) or None))
            if ctx.cell(row, pagu_at):
                out["budget"].append(_budget_record(
                    ctx, row, entity, name, ctx.number(row, pagu_at, "amount"), empty, empty,
                    period=str(year)))
    return out


_ENTITY = r"program|progam|kegiatan|uraian|sasaran|tujuan"


def _entity_column(ctx: TableContext, indicator: int | None) -> int | None:
    """The column naming what an indicator measures: the nearest one left of the indicator
    whose label names an entity (`Tujuan dan Sasaran` rather than `Sasaran RPJMD` further
    left, in a cascade that prints both), else the first such column."""
    before = [c for c in ctx.cols[:indicator] if re.search(_ENTITY, c.text)
              and not re.search(r"indikator", c.text)] if indicator is not None else []
    if before:
        return before[-1].index
    return find(ctx.cols, r"program|kegiatan|uraian")


_INDICATOR_CODE = re.compile(
    r"^\s*(?P<code>(?:IKU|IKK|IKD|IKT|IKS)\s*[-.]?\s*\d{1,2}(?=[.:)]?\s)|[A-Z]{1,2}\d{1,2}"
    r"(?=[.:)]\s))[.:)]?\s+(?=\S)")
"""An indicator code printed before the indicator: `IKU 1`, `IKU-2.`, `T1.`, `S2.`."""


def _indicator_code(text: str) -> tuple[str | None, str]:
    """(code, indicator) of an indicator cell; (None, text) when it starts with no code."""
    m = _INDICATOR_CODE.match(text)
    if m is None:
        return None, text
    return m["code"], text[m.end():].strip()


def _figures_only(ctx: TableContext, row: Row) -> bool:
    cells = [c for c in row.cells if c]
    return bool(cells) and all(read_cell(c).kind != "qualitative" for c in cells)


_WORDLESS_LABEL = re.compile(r"^[\W\d_]*$")


def _year_groups(ctx: TableContext) -> dict[int, tuple[int | None, int | None]]:
    """Year → (target column, pagu column). A year printed over its `Target | Pagu` pair
    names the pair: a pagu column without a year of its own belongs to the target before it.
    A column labelled by its year alone is a target when its group says so (`Target` over
    `2025 | 2026`)."""
    out: dict[int, tuple[int | None, int | None]] = {}
    for col in ctx.cols:
        label = col.label.lower()
        if col.year is None or col.year in out or not (
                re.search(r"target", label)
                or (_WORDLESS_LABEL.match(label) and re.search(r"target", col.group.lower()))):
            continue
        pagu = None
        for nxt in ctx.cols[col.index + 1:]:
            if nxt.year not in (None, col.year):
                break
            if re.search(PAGU, nxt.label.lower()):
                pagu = nxt.index
                break
        out[col.year] = (col.index, pagu)
    return out


def efficiency(ctx: TableContext) -> Records:
    """% capaian kinerja | % capaian anggaran | tingkat efisiensi, per sasaran/program/kegiatan."""
    label = find(ctx.cols, r"sasaran|program|kegiatan")
    indicator = find(ctx.cols, r"indikator")
    kinerja = find(ctx.cols, r"kinerja")
    anggaran = find(ctx.cols, r"anggaran")
    efisiensi = find(ctx.cols, r"efisiensi")
    out: Records = defaultdict(list)
    for row, entity in walk(ctx, label, "indikator"):
        # `TOTAL EFISIENSI …` and `Rata-rata …` close the table like JUMLAH does.
        summary = entity.level in ("total", "rata-rata") or "total" in entity.name.lower()
        level = "total" if summary and not entity.continues else entity.level
        out["efficiency"].append({
            **ctx.base(row),
            "level": level,
            "name": entity.name,
            "parent": entity.parent,
            "indicator": strip_numbering(ctx.cell(row, indicator)) or None,
            **ctx.measured("capaian_kinerja", row, kinerja, "percent"),
            **ctx.measured("capaian_anggaran", row, anggaran, "percent"),
            **ctx.measured("efisiensi_reported", row, efisiensi, "percent"),
            "continues_above": entity.continues,
        })
    return out


_ITEM_NUMBER = re.compile(r"[A-Za-z0-9]{1,2}[.)]?")
_YEAR_IN = re.compile(r"\b((?:19|20)\d{2})\b")


def sakip_components(ctx: TableContext) -> Records:
    """Komponen | Bobot | Nilai, closed by the total row (`Hasil Evaluasi …`)."""
    component = find(ctx.cols, r"komponen")
    bobot = find(ctx.cols, r"bobot")
    nilai = find(ctx.cols, r"nilai")
    number = find(ctx.cols, r"^no")
    year = _YEAR_IN.search(ctx.table.title or "")
    out: Records = defaultdict(list)
    for row in ctx.table.rows:
        name = ctx.cell(row, component)
        is_component = bool(_ITEM_NUMBER.fullmatch(ctx.cell(row, number))) and bool(name)
        name = name or next((c for c in row.cells if c and not _ITEM_NUMBER.fullmatch(c)), "")
        out["sakip_components"].append({
            **ctx.base(row),
            "evaluated_year": int(year.group(1)) if year else None,
            "level": "komponen" if is_component else "total",
            "component": name or "Total",
            **ctx.measured("bobot", row, bobot, "percent"),
            **ctx.measured("nilai", row, nilai, "score"),
        })
    return out


def benchmarks(ctx: TableContext) -> Records:
    """Kecamatan against kabupaten and provinsi, with the stated percentage."""
    label = find(ctx.cols, r"uraian|indikator") or 0
    kec = find(ctx.cols, r"kec")
    kab = find(ctx.cols, r"kabupaten|kab\b|kota")
    prov = find(ctx.cols, r"propinsi|provinsi|prov\b", exclude="%")
    pct = find(ctx.cols, r"%|persen")
    basis = None
    if pct is not None:
        text = ctx.cols[pct].text
        basis = "provinsi" if re.search(r"prop|prov", text) else "kabupaten"
    out: Records = defaultdict(list)
    for row in ctx.table.rows:
        out["benchmarks"].append({
            **ctx.base(row),
            "indicator": ctx.cell(row, label),
            **ctx.measured("kecamatan_value", row, kec, "score"),
            **ctx.measured("kabupaten_value", row, kab, "score"),
            **ctx.measured("provinsi_value", row, prov, "score"),
            **ctx.measured("pct_reported", row, pct, "percent"),
            "pct_basis": basis,
        })
    return out


def perjanjian_kinerja(ctx: TableContext) -> Records:
    """The signed agreement: sasaran (and program) with indicator, target and anggaran."""
    sasaran = find(ctx.cols, r"sasaran")
    program = find(ctx.cols, r"^program$")
    indicator = find(ctx.cols, r"indikator")
    target = find(ctx.cols, r"target")
    anggaran = find(ctx.cols, r"anggaran")
    level = "program" if program is not None else "sasaran"
    out: Records = defaultdict(list)
    last: dict[str, Any] = {}
    for row in ctx.table.rows:
        s, p = ctx.cell(row, sasaran), ctx.cell(row, program)
        ind = ctx.cell(row, indicator)
        t = ctx.number(row, target)
        a = ctx.number(row, anggaran, "amount")
        row_level = level
        if not (s or p or ind) and not a.missing:
            row_level = "total"
        elif not (s or p):
            s, p = last.get("sasaran", ""), last.get("program", "")
        last = {"sasaran": s, "program": p}
        out["perjanjian_kinerja"].append({
            **ctx.base(row),
            "level": row_level,
            "sasaran": s or None,
            "program": p or None,
            "indicator": strip_numbering(ind) or None,
            "unit": unit_of(t),
            **measured("target", t),
            **measured("anggaran", a),
        })
    return out


_QUARTER = re.compile(r"\b(IV|III|II|I)\b")


def quarterly(ctx: TableContext) -> Records:
    """Quarterly realisation (K and Rp per triwulan): budget rows with their quarter and level,
    indicator rows with the K (kinerja) figure of each quarter.

    A row `KECAMATAN X` opens the block of that kecamatan; the instansi's own name in capitals
    (`DINAS KESEHATAN`) is the total row; `PROGRAM …` rows are programs; below a program,
    kegiatan and sub-kegiatan are told apart by `hierarchy.quarterly_levels` (label words,
    a percentage K, and the arithmetic of the rows below). A row with an empty label but its
    own figures (a second indicator of a program) is kept at level `indikator`.
    """
    label = 0
    indicator = find(ctx.cols, r"indikator")
    quarters = _quarter_columns(ctx)
    out: Records = defaultdict(list)
    kecamatan = ctx.identity["kecamatan"]
    empty = parse_number("")
    rows = [r for r in ctx.table.rows if any(r.cells)]
    amounts = [[_amount(ctx, r, rp) for _, rp in quarters.values()] for r in rows]
    k_cells = [ctx.cell(r, next(iter(quarters.values()), (None, None))[0]) for r in rows]
    levels = quarterly_levels([ctx.cell(r, label) for r in rows], amounts, k_cells,
                              ctx.identity.get("kecamatan"))
    parents: dict[str, str | None] = {}
    for row, (level, parent) in zip(rows, levels, strict=True):
        name = ctx.cell(row, label)
        if level is None:
            continue
        if name.upper().startswith("KECAMATAN "):
            kecamatan = " ".join(w.capitalize() for w in name.split()[1:])
        shown = name or ctx.cell(row, indicator)
        entity = Entity(level, shown, parent, not name)
        parents[shown] = parent
        for quarter, (k_at, rp_at) in quarters.items():
            period = f"TW {quarter}"
            if ctx.cell(row, rp_at):
                rp = ctx.number(row, rp_at, "amount")
                record = _budget_record(ctx, row, entity, ctx.cell(row, indicator), empty, rp,
                                        empty, period=period)
                record["kecamatan"] = kecamatan
                record["kinerja_k_raw"] = ctx.cell(row, k_at) or None
                out["budget"].append(record)
            if ctx.cell(row, indicator) and k_at is not None and ctx.cell(row, k_at):
                k = ctx.number(row, k_at)
                record = _indicator_record(ctx, row, entity, ctx.cell(row, indicator), empty, k,
                                           empty)
                record["kecamatan"] = kecamatan
                record["period"] = period
                out["indicators"].append(record)
        if ctx.cell(row, indicator) and not any(ctx.cell(row, k) for k, _ in quarters.values()):
            record = _indicator_record(ctx, row, entity, ctx.cell(row, indicator), empty, empty,
                                       empty)  # an indicator printed without any K yet
            record["kecamatan"] = kecamatan
            out["indicators"].append(record)
    return out


def _amount(ctx: TableContext, row: Row, at: int | None) -> float | None:
    """A quarter's Rp as a number for the arithmetic (`-` counts as nothing spent)."""
    text = ctx.cell(row, at)
    if not text:
        return None
    cell = read_cell(text, "amount")
    if cell.kind == "missing":
        return 0.0
    return float(cell.number.value) if cell.number is not None else None


def _quarter_columns(ctx: TableContext) -> dict[str, tuple[int | None, int | None]]:
    """Triwulan I–IV → (K column, Rp column), read from the `K Rp K Rp …` header row."""
    rp_cols = [c.index for c in ctx.cols if c.label.lower().endswith("rp")]
    numerals = ["I", "II", "III", "IV"]
    out = {}
    for i, rp in enumerate(rp_cols[:4]):
        k = rp - 1 if rp > 0 and ctx.cols[rp - 1].label.lower().endswith("k") else None
        out[numerals[i]] = (k, rp)
    return out
