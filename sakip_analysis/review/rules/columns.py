"""Totals of tables no kind fits: a `Jumlah` row against the sum of each of its columns, a
`Rata-rata` row against the mean, over the rows above it.

A table extraction does not recognise keeps every cell (`raw_cells`); it still says what its
own totals are. The rows counted are the ones between the table's start (or the previous
total) and the total row, and a column is checked only when every one of those rows prints
one number in it: a blank, a word or two figures stacked in a cell leave the column
unchecked. A table whose labels name levels (`Program:`, `Kegiatan:`) or carry account codes
of several depths is a hierarchy, where a flat sum means nothing: it is left alone.

Such a table may also print a capaian per row beside one or more target/realisasi pairs
(`Target/Realisasi Kegiatan`, `Target/Realisasi OPD`, `Capaian`): the pair the capaian is
computed from is the one whose figures give the printed capaian in most rows, and when it does
so in most of the table's rows, a row where it does not is a slip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sakip_analysis.read.numbers import looks_numeric, read_cell
from sakip_analysis.read.tables.header import CAPAIAN
from sakip_analysis.read.tables.kinds import UNRECOGNISED
from sakip_analysis.read.tables.labels import is_average, is_bare_total, level_of
from sakip_analysis.review import tolerance as tol
from sakip_analysis.review.context import CheckContext, finding, records, show
from sakip_analysis.review.registry import rule_ids

COLUMN_SUM, COLUMN_MEAN, ROW_CAPAIAN = rule_ids("jumlah-kolom", "rata-rata-kolom",
                                                 "capaian-kolom")
_CODE = re.compile(r"^\s*\d+(?:\.\d+)+\.?\s")
_AVERAGE_ONLY = re.compile(r"^\s*(?:nilai\s+)?rata\W*rata(?:\s+[A-Za-z]+){0,2}\s*:?\s*$",
                           re.IGNORECASE)
"""`Rata-rata Capaian`, `Nilai Rata-Rata`; a label holding its own formula is no row total."""


@dataclass(frozen=True)
class _Row:
    line: int
    cells: dict[int, str]
    provenance: dict[str, Any]

    @property
    def label(self) -> str:
        """The first cell that is no figure."""
        return next((t for _, t in sorted(self.cells.items())
                     if t.strip() and not looks_numeric(t)), "")

    def figure(self, column: int) -> tuple[Decimal, int] | None:
        text = self.cells.get(column, "")
        cell = read_cell(text)
        if cell.kind != "number" or cell.number is None or cell.number.value is None:
            return None
        return cell.number.value, cell.number.decimals or 0

    @property
    def has_figures(self) -> bool:
        return any(self.figure(c) is not None for c in self.cells)


@dataclass(frozen=True)
class _Block:
    """A total or average row and the plain rows above it that it sums up."""

    total: _Row
    rows: tuple[_Row, ...]
    average: bool


def _parts(ctx: CheckContext) -> set[tuple[Any, Any]]:
    """(file, table index) of tables that may be one table printed over pages as several
    (the next table of the document, on the next page, has as many columns and no kind
    either): their totals may cover rows of a part that is not theirs, so they are left
    unchecked."""
    t = ctx.frame("tables")
    if t.empty:
        return set()
    t = t.sort_values(["source_file", "source_table_index"], kind="stable")
    nxt = t.shift(-1)
    same = (t["source_file"].eq(nxt["source_file"]) & t["n_columns"].eq(nxt["n_columns"])
            & t["source_page"].add(1).eq(nxt["source_page"])
            & t["table_kind"].eq(UNRECOGNISED) & nxt["table_kind"].eq(UNRECOGNISED))
    keys = list(zip(t["source_file"], t["source_table_index"], strict=True))
    out = set()
    for k, flag in enumerate(same.tolist()):
        if flag:
            out |= {keys[k], keys[k + 1]}
    return out


def _tables(ctx: CheckContext) -> list[list[_Row]]:
    def build() -> list[list[_Row]]:
        raw = ctx.frame("raw_cells")
        if raw.empty:
            return []
        out = []
        keys = ["source_file", "source_table_index"]
        parts = _parts(ctx)
        for key, cells in raw.sort_values([*keys, "row", "column"], kind="stable").groupby(
                keys, sort=False, dropna=False):
            if key in parts:
                continue
            rows = []
            for line, part in cells.groupby("row", sort=True):
                first = records(part.iloc[[0]])[0]
                rows.append(_Row(int(line), {int(c): str(t) for c, t in zip(
                    part["column"], part["text"].fillna(""), strict=True)}, first))
            out.append(rows)
        return out
    return ctx.memo("columns:tables", build)


_NUMBER = re.compile(r"^\s*(\d{1,3})\s*[.,)]?\s*$")


def _continues(rows: list[_Row]) -> bool:
    """Numbered rows that start past 1 (`28 WIL KAB, GARUT`): the rest of a table begun on an
    earlier page, whose totals cover the rows printed there too."""
    first = next((r for r in rows if r.has_figures), None)
    if first is None or not first.cells:
        return False
    number = _NUMBER.match(first.cells[min(first.cells)])
    return bool(number) and int(number.group(1)) > 1


def _hierarchical(rows: list[_Row]) -> bool:
    levels = {level_of(r.label)[0] for r in rows} - {None}
    depths = {len(m.group().strip().rstrip(".").split(".")) for r in rows
              if (m := _CODE.match(r.label + " "))}
    return bool(levels) or len(depths) > 1


def _blocks(rows: list[_Row]) -> list[_Block]:
    out: list[_Block] = []
    plain: list[_Row] = []
    last_plain: tuple[_Row, ...] = ()
    for row in rows:
        label = row.label
        if is_bare_total(label):  # `Jumlah Wajib Retribusi` names an indicator
            out.append(_Block(row, tuple(plain), False))
            last_plain, plain = tuple(plain), []
        elif is_average(label) and _AVERAGE_ONLY.match(label):
            out.append(_Block(row, tuple(plain) or last_plain, True))
            last_plain, plain = tuple(plain) or last_plain, []
        elif row.has_figures:
            plain.append(row)
    return out


def _checked(block: _Block) -> list[tuple[int, Decimal, int, list[tuple[Decimal, int]]]]:
    """(column, stated, decimals, children) for each column the block can be checked in."""
    out = []
    if len(block.rows) < 2:
        return out
    for column in sorted(block.total.cells):
        stated = block.total.figure(column)
        if stated is None:
            continue
        children = [r.figure(column) for r in block.rows]
        if any(c is None for c in children):
            continue
        if not block.average and stated[0] < max(v for v, _ in children):
            continue  # below one of its rows: a ratio or mean of the totals, not their sum
        out.append((column, stated[0], stated[1], children))
    return out


def _interval(children: list[tuple[Decimal, int]], average: bool) -> tol.Interval:
    parts = [tol.Interval.printed(v, d, exact_integers=True) for v, d in children]
    return tol.mean(parts) if average else tol.total(parts)


def _check(ctx: CheckContext, average: bool) -> list[dict[str, Any]]:
    out = []
    tables = ctx.frame("tables")
    headers = {(f, i): str(h).split(" | ") for f, i, h in zip(
        tables["source_file"], tables["source_table_index"], tables["header"].fillna(""),
        strict=True)}
    for rows in _tables(ctx):
        if _hierarchical(rows) or _continues(rows):
            continue
        for block in _blocks(rows):
            if block.average != average:
                continue
            for column, stated, decimals, children in _checked(block):
                computed = _interval(children, average)
                if tol.verdict(stated, decimals, computed) != tol.Verdict.FAILS:
                    continue
                value = show(computed.mid, decimals)
                raw = block.total.cells[column].strip()
                what = "Rata-rata" if average else "Jumlah"
                figures = " + ".join(show(v, d) for v, d in children)
                formula = f"({figures}) / {len(children)}" if average else figures
                name = headers.get((block.total.provenance.get("source_file"),
                                    block.total.provenance.get("source_table_index")), [])
                head = name[column - 1].strip() if column - 1 < len(name) else ""
                where = f"kolom '{head}'" if head else f"kolom ke-{column}"
                out.append(finding(
                    COLUMN_MEAN if average else COLUMN_SUM, block.total.provenance,
                    f"{what} {where} tertulis {raw} ({block.total.label.strip()}), "
                    f"tetapi {formula} = {value}", reported=raw, expected=value,
                    related=[r.provenance.get("source_line") for r in block.rows]))
    return out


_TARGET = re.compile(r"target", re.IGNORECASE)
_REALISASI = re.compile(r"realisasi", re.IGNORECASE)
_OTHER = re.compile(r"%|persen|lalu|akhir|renstra|rpjmd|terhadap", re.IGNORECASE)
MIN_CAPAIAN_ROWS = 3
"""Rows a pair must be judged on before its fit says which columns the capaian comes from."""


def _headers(ctx: CheckContext) -> dict[tuple[Any, Any], list[str]]:
    tables = ctx.frame("tables")
    return {(f, i): str(h).split(" | ") for f, i, h in zip(
        tables["source_file"], tables["source_table_index"], tables["header"].fillna(""),
        strict=True)}


def _capaian_holds(target: tuple[Decimal, int], realisasi: tuple[Decimal, int],
                   capaian: tuple[Decimal, int]) -> tuple[bool, tol.Interval] | None:
    """Does the printed capaian follow from the pair, realisasi / target or (less is better,
    which such a table does not say) target / realisasi or (2 × target − realisasi) / target?
    With realisasi / target × 100; None where nothing can be computed."""
    t = tol.Interval.printed(*target, exact_integers=True)
    r = tol.Interval.printed(*realisasi, exact_integers=True)
    ratio = r.ratio(t)
    if ratio is None:
        return None
    hundred = Decimal(100)
    others = [t.ratio(r), (t + t - r).ratio(t) if (t + t - r).lo >= 0 else None]
    held = any(tol.verdict(capaian[0], capaian[1], i.scaled(hundred)) != tol.Verdict.FAILS
               for i in (ratio, *others) if i is not None)
    return held, ratio.scaled(hundred)


def _name(row: _Row) -> str:
    """The row's words (`Rekonsiliasi PAD`), not its number (`7.`)."""
    return next((t.strip() for _, t in sorted(row.cells.items())
                 if re.search(r"[A-Za-z]{2,}", t)), row.label.strip())


def row_capaian(ctx: CheckContext) -> list[dict[str, Any]]:
    """R106 over every report at once: row capaian of tables no kind fits."""
    out = []
    headers = _headers(ctx)
    for rows in _tables(ctx):
        if not rows:
            continue
        first = rows[0].provenance
        head = [h.strip() for h in headers.get((first.get("source_file"),
                                                 first.get("source_table_index")), [])]
        capaian = next((i + 1 for i, h in enumerate(head) if re.search(CAPAIAN, h.lower())
                        and not _TARGET.search(h) and not _REALISASI.search(h)), None)
        if capaian is None:
            continue
        targets = [i + 1 for i, h in enumerate(head[:capaian - 1])
                   if _TARGET.search(h) and not _OTHER.search(h)]
        reals = [i + 1 for i, h in enumerate(head[:capaian - 1])
                 if _REALISASI.search(h) and not _OTHER.search(h)]
        if not targets or len(targets) != len(reals):
            continue
        plain = [r for r in rows if not is_bare_total(_name(r)) and not is_average(_name(r))]
        best: list[tuple[_Row, bool, tol.Interval, int, int]] = []
        for t_col, r_col in zip(targets, reals, strict=True):
            judged = []
            for row in plain:
                figures = [row.figure(c) for c in (t_col, r_col, capaian)]
                if any(f is None for f in figures):
                    continue
                verdict = _capaian_holds(*figures)
                if verdict is not None:
                    judged.append((row, *verdict, t_col, r_col))
            if sum(j[1] for j in judged) > sum(j[1] for j in best):
                best = judged
        held = sum(j[1] for j in best)
        if len(best) < MIN_CAPAIAN_ROWS or held * 2 <= len(best):
            continue  # the figures do not show which columns the capaian comes from
        for row, ok, ratio, t_col, r_col in best:
            if ok:
                continue
            decimals = max(row.figure(capaian)[1], 2)
            value = show(ratio.mid, decimals)
            raw = row.cells[capaian].strip()
            formula = (f"{row.cells[r_col].strip()} / {row.cells[t_col].strip()} × 100 = "
                       f"{value}%")
            out.append(finding(
                ROW_CAPAIAN, row.provenance,
                f"Capaian {_name(row)} tertulis {raw} tetapi kolom "
                f"'{head[r_col - 1]}' / '{head[t_col - 1]}': {formula}",
                reported=raw, expected=f"{value}%"))
    return out


def column_sums(ctx: CheckContext) -> list[dict[str, Any]]:
    """R310 over every report at once."""
    return _check(ctx, average=False)


def column_means(ctx: CheckContext) -> list[dict[str, Any]]:
    """R404 over every report at once."""
    return _check(ctx, average=True)


__all__ = ["column_means", "column_sums", "row_capaian"]
