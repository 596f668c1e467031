"""Tables whose columns are aligned with spaces (`pdftotext -layout`, text copied from a web
page), turned into the tab-separated lines the text reader reads.

A block of consecutive lines is a table when every line splits at runs of two or more spaces
into at least three cells and most lines hold a figure; its columns are the character
positions that are blank in every line of the block (the white 'rivers' between columns).
Prose, even justified with wide gaps, has no river through all its lines and no figures in
most of them, so it stays as it is.
"""

from __future__ import annotations

import re

from sakip_analysis.read.numbers import read_cell

_GAP = re.compile(r"\S(?: ?\S)*")  # cells: text with single spaces inside
MIN_CELLS = 3
MIN_LINES = 2
RIVER = 2  # blank columns that separate two table columns


def _cells(line: str) -> list[str]:
    return _GAP.findall(line)


def _tabular(line: str) -> bool:
    return "\t" not in line and len(_cells(line)) >= MIN_CELLS and "  " in line.strip()


def _has_figure(line: str) -> bool:
    return any(read_cell(c).kind in ("number", "range", "comparator", "missing")
               for c in _cells(line)[1:] if c.strip())


def _rivers(block: list[str]) -> list[tuple[int, int]]:
    """Spans of character positions blank in every line, at least RIVER wide, inside the
    text (the left margin and right end are no separators)."""
    width = max(len(line) for line in block)
    padded = [line.ljust(width) for line in block]
    left = min(len(line) - len(line.lstrip()) for line in block if line.strip())
    blank = [all(p[i] == " " for p in padded) for i in range(width)]
    spans, start = [], None
    for i in range(left, width):
        if blank[i] and start is None:
            start = i
        elif not blank[i] and start is not None:
            if i - start >= RIVER:
                spans.append((start, i))
            start = None
    return spans


def _split(line: str, rivers: list[tuple[int, int]]) -> list[str]:
    cuts = [0, *[end for _, end in rivers]]
    ends = [*[start for start, _ in rivers], None]
    return [" ".join(line[a:b].split()) if a < len(line) else ""
            for a, b in zip(cuts, ends, strict=True)]


def tabulate(lines: list[str]) -> list[str]:
    """The lines with each space-aligned table block rewritten as tab-separated cells (line
    count and order kept, so every line number still points at the source).

    A block runs over non-blank lines and single blank lines while it keeps meeting aligned
    lines; its columns come from its aligned lines, and its other lines (a label wrapped
    above or below its figures, a header word on a line of its own) are cut at the same
    columns."""
    out = list(lines)
    i = 0
    n = len(lines)
    while i < n:
        if not _tabular(lines[i]):
            i += 1
            continue
        start = i
        while start > 0 and lines[start - 1].strip() and "\t" not in lines[start - 1]:
            start -= 1  # header words and wrapped labels right above
        j = i + 1
        last = i
        while j < n and "\t" not in lines[j]:
            if _tabular(lines[j]):
                last = j
            elif not lines[j].strip() and not (j + 1 < n and lines[j + 1].strip()):
                break  # two blank lines end the block
            elif not lines[j].strip() and j - last > 3:
                break
            j += 1
        end = last + 1
        while end < n and lines[end].strip() and not _tabular(lines[end]) and \
                "\t" not in lines[end] and end - last <= 2:
            end += 1  # a label wrapped below the last figures
        aligned = [line for line in lines[i:last + 1] if _tabular(line)]
        figures = sum(_has_figure(line) for line in aligned)
        if len(aligned) >= MIN_LINES and figures * 2 >= len(aligned):
            rivers = _rivers([line for line in lines[start:end] if line.strip()])
            if len(rivers) < MIN_CELLS - 1:
                rivers = _rivers(aligned)
            if len(rivers) >= MIN_CELLS - 1:
                for k in range(start, end):
                    if lines[k].strip():
                        out[k] = "\t".join(_split(lines[k], rivers))
                _join_wrapped_rows(lines, out, start, end, rivers)
        i = max(end, i + 1)
    return out


def _join_wrapped_rows(lines: list[str], out: list[str], start: int, end: int,
                       rivers: list[tuple[int, int]]) -> None:
    """Rows printed as paragraphs of lines, one blank line apart (as `pdftotext -layout`
    prints a table whose cells wrap: `Jumlah Potensi Wajib` / `1  %  100  100,03` / `Pajak`),
    become one line each: the cells of the group's lines joined column by column on the line
    that holds the figures; the group's other lines are left blank (line numbers keep
    pointing at the source). Only after the table's first group (its header), only groups
    with exactly one line of figures, and only when the table separates its rows this way
    (every later group has one line of figures)."""
    groups: list[list[int]] = []
    for k in range(start, end):
        if lines[k].strip():
            if groups and k - 1 >= start and lines[k - 1].strip():
                groups[-1].append(k)
            else:
                groups.append([k])
    body = groups[1:]
    if len(body) < MIN_LINES or not any(len(g) > 1 for g in body):
        return
    figure_lines = [[k for k in g if _has_figure(lines[k])] for g in body]
    if any(len(f) != 1 for f in figure_lines):
        return
    for group, (row,) in zip(body, figure_lines, strict=True):
        if len(group) == 1:
            continue
        parts = [_split(lines[k], rivers) for k in group]
        out[row] = "\t".join(" ".join(p[c] for p in parts if p[c])
                              for c in range(len(parts[0])))
        for k in group:
            if k != row:
                out[k] = ""
