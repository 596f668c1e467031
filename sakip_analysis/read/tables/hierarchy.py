"""Levels of budget rows: program → kegiatan → sub-kegiatan, from codes, words and arithmetic.

Real forms print the hierarchy in several ways: a code (`1.01.02.2.01` is a kegiatan,
`1.01.02.2.01.0001` a sub-kegiatan), a level word (`Program …`, `Kegiatan …`), capitals for
the instansi and its programs, and, where nothing else tells them apart, the arithmetic of the
form itself: a kegiatan's realisation is the sum of the sub-kegiatan printed below it. The
checker then compares each parent with its own children only (columns `level`, `parent`).
"""

from __future__ import annotations

import math
import re

_CODE = re.compile(r"^\s*(?P<code>\d{1,2}(?:\.(?:\d{1,4}|[A-Z]{1,2}))+)\.?\s+(?:[-–]\s+)?(?=\S)")
_TOTAL = re.compile(r"^\s*(jumlah|total|grand\s+total)\b", re.IGNORECASE)
_AVERAGE = re.compile(r"\brata\W*rata\b|\brata2\b", re.IGNORECASE)
_PROGRAM = re.compile(r"^\s*program\b", re.IGNORECASE)
_KEGIATAN = re.compile(r"^\s*kegiatan\b", re.IGNORECASE)
_SUB = re.compile(r"^\s*sub\s*-?\s*kegiatan\b", re.IGNORECASE)
_UNIT = re.compile(r"^\s*(kecamatan|dinas|badan|biro|inspektorat|rumah\s+sakit|sekretariat|"
                   r"kantor|satuan|kelurahan)\b", re.IGNORECASE)
_PERCENT = re.compile(r"%\s*$")


def code_of(label: str) -> tuple[str | None, str]:
    """(code, label without it): `1.01.02.2.01 Penyusunan …` → (`1.01.02.2.01`, `Penyusunan …`);
    a dash between them (`7.01.01 - PROGRAM …`) is no part of the label."""
    m = _CODE.match(label or "")
    if not m:
        return None, label
    return m["code"], label[m.end():].strip()


def level_of_code(code: str) -> str:
    """Permendagri 90 codes: urusan.bidang.program (3 parts) is a program, + `.2.01` (5 parts)
    a kegiatan, + `.0001` (6 parts) a sub-kegiatan; shorter codes are urusan/bidang groups,
    which count as totals of what is below."""
    parts = code.split(".")
    if len(parts) >= 6:
        return "subkegiatan"
    if len(parts) >= 4:
        return "kegiatan"
    if len(parts) == 3:
        return "program"
    return "total"


def is_total_label(label: str, unit_name: str | None = None) -> bool:
    """`JUMLAH`, `TOTAL`, `Rata-rata …` or the instansi's own name closes a table."""
    text = " ".join((label or "").split())
    if _TOTAL.match(text) or _AVERAGE.search(text):
        return True
    return bool(unit_name) and text.lower() == " ".join(unit_name.split()).lower()


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=0, abs_tol=0.5)


def _sums_below(i: int, amounts: list[list[float | None]], stop: int) -> bool:
    """True when row i's figure in some quarter is the sum of the rows after it (up to
    `stop`, at least two of them not zero); or when the next row repeats row i's figures in
    every quarter, none of them zero (a kegiatan with a single sub-kegiatan)."""
    printed = [a for a in amounts[i] if a is not None]
    if i + 1 < stop and printed and all(printed) and all(
            (a is None) == (b is None) and (a is None or _close(a, b))
            for a, b in zip(amounts[i], amounts[i + 1], strict=True)):
        return True
    for q in range(len(amounts[i])):
        own = amounts[i][q]
        if own is None or own == 0:
            continue
        total, nonzero = 0.0, 0
        for j in range(i + 1, stop):
            value = amounts[j][q] or 0.0  # an empty cell: nothing printed, nothing spent
            total += value
            nonzero += value != 0
            if nonzero >= 2 and _close(total, own):
                return True
            if total > own + 0.5:
                break
    return False


def quarterly_levels(labels: list[str], amounts: list[list[float | None]],
                     k_cells: list[str], unit_name: str | None = None
                     ) -> list[tuple[str | None, str | None]]:
    """(level, parent) of each row of a quarterly realisation form; level None for a row with
    neither label nor figures (an urusan heading)."""
    levels = _first_levels(labels, amounts, k_cells, unit_name)
    levels = _confirmed(labels, levels, amounts)
    return _with_parents(labels, levels)


def _first_levels(labels: list[str], amounts: list[list[float | None]], k_cells: list[str],
                  unit_name: str | None) -> list[tuple[str | None, str | None]]:
    """Each row's level as its label, K cell and figures say (parents are left to
    `_with_parents`, the one place they are assigned)."""
    out: list[tuple[str | None, str | None]] = []
    program = kegiatan = None
    program_rows = [i for i, lab in enumerate(labels) if _PROGRAM.match(lab or "")]
    for i, label in enumerate(labels):
        text = " ".join((label or "").split())
        has_figures = any(a is not None for a in amounts[i])
        upper = text.isupper() and len(text) > 3
        code, _ = code_of(text)
        if not text:
            out.append(("indikator", None))  # another indicator of the row above
            continue
        if code is not None:
            level = level_of_code(code)
        elif text.upper().startswith("KECAMATAN ") or (upper and _UNIT.match(text)) or \
                is_total_label(text, unit_name):
            level = "total"
        elif _PROGRAM.match(text):
            level = "program"
        elif _SUB.match(text):
            level = "subkegiatan"
        elif _KEGIATAN.match(text):
            level = "kegiatan"
        elif upper and not has_figures:
            out.append((None, None))  # `URUSAN PEMERINTAHAN BIDANG …`: a heading
            continue
        elif program is None:
            level = "kegiatan"
        else:
            stop = next((p for p in program_rows if p > i), len(labels))
            parent_like = _PERCENT.search(k_cells[i] or "") or _sums_below(i, amounts, stop)
            level = "kegiatan" if parent_like or kegiatan is None else "subkegiatan"
        out.append((level, None))
        if level == "total":
            program = kegiatan = None
        elif level == "program":
            program, kegiatan = text, None
        elif level == "kegiatan":
            kegiatan = text
    return out


def _vector(row: list[float | None]) -> list[float]:
    return [v or 0.0 for v in row]


def _confirmed(labels: list[str], levels: list[tuple[str | None, str | None]],
               amounts: list[list[float | None]]) -> list[tuple[str | None, str | None]]:
    """Levels confirmed by the arithmetic: where a program's kegiatan do not add up to it,
    a row read as a sub-kegiatan that repeats the next row's figures (the one sign of a
    kegiatan with a single sub-kegiatan) becomes a kegiatan when that closes the gap
    exactly, in every quarter. Nothing else is moved, so a real mismatch stays."""
    from itertools import combinations

    out = list(levels)
    n = len(labels)
    programs = [i for i, (lv, _) in enumerate(out) if lv in ("program", "total")]
    for start, stop in zip(programs, [*programs[1:], n], strict=True):
        if out[start][0] != "program":
            continue
        own = _vector(amounts[start])
        if not any(own):
            continue
        kegiatan = [i for i in range(start + 1, stop) if out[i][0] == "kegiatan"]
        gap = [o - sum(_vector(amounts[i])[q] for i in kegiatan) for q, o in enumerate(own)]
        if all(abs(g) <= 0.5 for g in gap):
            continue
        candidates = [i for i in range(start + 1, stop - 1) if out[i][0] == "subkegiatan"
                      and any(_vector(amounts[i])) and _heads_its_run(i, amounts, stop)]
        found = None
        for size in range(1, min(6 if len(candidates) <= 16 else 3, len(candidates)) + 1):
            for chosen in combinations(candidates, size):
                if all(abs(sum(_vector(amounts[i])[q] for i in chosen) - g) <= 0.5
                       for q, g in enumerate(gap)):
                    found = chosen
                    break
            if found:
                break
        for i in found or ():
            out[i] = ("kegiatan", out[i][1])
    return out


def _with_parents(labels: list[str], levels: list[tuple[str | None, str | None]]
                  ) -> list[tuple[str | None, str | None]]:
    """Each row's parent from the levels above it: a sub-kegiatan's kegiatan, a kegiatan's
    program, a program's total row."""
    out: list[tuple[str | None, str | None]] = []
    total = program = kegiatan = None
    for label, (level, _) in zip(labels, levels, strict=True):
        text = " ".join((label or "").split())
        if level is None:
            out.append((None, None))
        elif level == "total":
            total, program, kegiatan = text, None, None
            out.append((level, None))
        elif level == "program":
            program, kegiatan = text, None
            out.append((level, total))
        elif level == "kegiatan":
            kegiatan = text
            out.append((level, program or total))
        elif level == "indikator":
            out.append((level, kegiatan or program or total))
        else:
            out.append((level, kegiatan or program or total))
    return out


def _heads_its_run(i: int, amounts: list[list[float | None]], stop: int) -> bool:
    """Row i's figures equal, in every quarter, the sum of the rows right after it (one or
    more, up to `stop`): the shape of a kegiatan above its sub-kegiatan."""
    own = _vector(amounts[i])
    totals = [0.0] * len(own)
    for j in range(i + 1, stop):
        totals = [t + v for t, v in zip(totals, _vector(amounts[j]), strict=True)]
        if all(_close(t, o) for t, o in zip(totals, own, strict=True)):
            return True
        if any(t > o + 0.5 for t, o in zip(totals, own, strict=True)):
            return False
    return False
