"""Tables whose columns are aligned with spaces (`pdftotext -layout`, text copied from a web
page), turned into the tab-separated lines the text reader reads.

A block of consecutive lines is a table when its lines split at runs of two or more spaces
into at least three cells, figures stand on enough of them (one aligned line in four, or two
lines holding two figures or more: labels may wrap over several text columns) and one of its
columns holds figures. Its columns come from the lines that hold figures (the body rows): the
positions that no cell of them covers (the white 'rivers' between columns). Header lines are
not asked, since a header cell spanning several columns (`Tahun 2016` over `Target` and
`Realisasi`) fills the river below it; they and the other lines of the block are cut at the
same columns, each phrase going to the column it overlaps most (a phrase running over two
column starts, `Satuan Target Realisasi` printed one space apart, is cut into its words).
Prose, even justified with wide gaps, has no column of figures, so it stays as it is.

The lines of one printed row are then joined: a label wrapped over several lines with its
figures on one of them (the first, the last, or the middle of a vertically centred row), a
figure printed a line or two below its neighbours (`K` over `Rp`), and the lines of the
header. A line opening with a code (`7.01.01 PROGRAM …`) starts a row of its own. A block
never runs over a page break (a form feed): each page's part gets its own columns, and the
text reader glues the parts back into one table.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import reduce
from itertools import pairwise

from sakip_analysis.read.numbers import read_cell
from sakip_analysis.read.readers.layout import COLUMN_NUMBER, HEADER_WORDS, join_wrapped

CAPTION = re.compile(r"^\W*(tabel|table)\s+(\d+(?:\.\d+)*)\.?\s*(.*)$", re.IGNORECASE)
_CAPTION_LIKE = re.compile(r"^\W*(tabel|table)\b[\s.]*\d", re.IGNORECASE)  # `Tabel.5` too
_CODE_START = re.compile(r"^\d{1,2}(?:\.\d{1,4}){1,6}\.?\s+\S")  # `7.01.01.2.01 Nama`
_ROW_KEY = re.compile(r"^(?:\d{1,3}(?:\.\d{1,4})*\.?|[a-zA-Z][.)])$")  # `2.2.3.1`, `4.`
_GAP = re.compile(r"\S(?: ?\S)*")  # cells: text with single spaces inside
_WORD = re.compile(r"\S+")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}|[a-zA-Z])[.)]?$")  # `1`, `2.`, `a.`: a row's number
MIN_CELLS = 3
MIN_LINES = 2
OFFSET_LINES = 2  # lines a figure of a row may stand below the row's other figures
FIGURE_SHARE = 4  # one aligned line in so many holds a figure (labels wrap over several columns)
MAX_WRAPPED = 8  # lines of a wrapped label after the last aligned line of a block
FIGURE_KINDS = ("number", "range", "comparator", "missing")

Span = tuple[int, int, str]  # start, end (exclusive) and text of a phrase or word


def _cells(line: str) -> list[str]:
    return [text for _, _, text in _phrases(line)]


def _tabular(line: str) -> bool:
    return "\t" not in line and len(_cells(line)) >= MIN_CELLS and "  " in line.strip()


def _is_figure(text: str) -> bool:
    return bool(text) and read_cell(text).kind in FIGURE_KINDS


def _has_figure(line: str) -> bool:
    return any(_is_figure(c) for c in _cells(line)[1:] if c.strip())


def _rivers(block: list[str]) -> list[tuple[int, int]]:
    """Spans of character positions that no cell of any line covers (a cell being text with
    single spaces inside), inside the text: the left margin and right end are no separators.
    Cells rather than characters, so that a river one character wide still parts two columns
    (`pdftotext` places words to the nearest character, so a column's left edge wanders by
    one or two) while the spaces between the words of a cell never make one."""
    width = max(len(line) for line in block)
    covered = [False] * width
    for line in block:
        for start, end, _ in _phrases(line):
            covered[start:end] = [True] * (end - start)
    left = min(len(line) - len(line.lstrip()) for line in block if line.strip())
    spans, start = [], None
    for i in range(left, width):
        if not covered[i] and start is None:
            start = i
        elif covered[i] and start is not None:
            spans.append((start, i))
            start = None
    return spans


def _phrases(line: str) -> list[Span]:
    """The cells of a line: text with single spaces inside, but two figures one space apart
    (`38.599.000 58.728.666`, a narrow gap between two columns) are two cells."""
    out: list[Span] = []
    for m in _GAP.finditer(line):
        if " " in m.group() and read_cell(m.group()).kind == "stacked":
            out.extend((m.start() + w.start(), m.start() + w.end(), w.group())
                       for w in _WORD.finditer(m.group()))
        else:
            out.append((m.start(), m.end(), m.group()))
    return out


def _columns(rivers: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each column's span of characters: from the end of the river on its left to the start
    of the river on its right."""
    starts = [0, *[end for _, end in rivers]]
    ends = [*[start for start, _ in rivers], 10**9]
    return list(zip(starts, ends, strict=True))


def _column_of(span: Span, columns: list[tuple[int, int]]) -> int:
    """The column a phrase overlaps most; one standing in a river goes to the nearer side."""
    start, end, _ = span
    overlaps = [min(end, b) - max(start, a) for a, b in columns]
    best = max(range(len(columns)), key=lambda c: overlaps[c])
    if overlaps[best] > 0:
        return best
    return min(range(len(columns)),
               key=lambda c: min(abs(start - columns[c][1]), abs(end - columns[c][0])))


def _crossed(span: Span, columns: list[tuple[int, int]]) -> int:
    """How many column starts a phrase runs over."""
    start, end, _ = span
    return sum(1 for a, _ in columns[1:] if start < a < end)


def split_line(line: str, columns: list[tuple[int, int]]) -> list[str]:
    """A line cut at the columns: each phrase to the column it overlaps most; a phrase
    running over two or more column starts (header words printed one space apart, `Satuan
    Target Realisasi`, centred over right-aligned figures) is cut into its words, one word
    per column in order as far as the columns allow."""
    cells: list[list[str]] = [[] for _ in columns]
    for phrase in _phrases(line):
        if _crossed(phrase, columns) < 2:
            cells[_column_of(phrase, columns)].append(phrase[2])
            continue
        words = list(_WORD.finditer(phrase[2]))
        last = -1
        for m in words:
            word = (phrase[0] + m.start(), phrase[0] + m.end(), m.group())
            col = _column_of(word, columns)
            if col <= last:
                col = min(last + 1, len(columns) - 1)
            cells[col].append(word[2])
            last = col
    return [" ".join(c) for c in cells]


def tabulate(lines: list[str], page_starts: Collection[int] = ()) -> list[str | None]:
    """The lines with each space-aligned table block rewritten as tab-separated cells, line
    count and order kept, so every line number still points at the source. A line whose
    text was joined into another line of its printed row (or of the header) is None.

    `page_starts` are the indices of lines that begin a page (after a form feed): a block
    stops there, so each page gets its own columns."""
    out: list[str | None] = list(lines)
    breaks = set(page_starts)
    i = 0
    n = len(lines)
    while i < n:
        if not _tabular(lines[i]):
            i += 1
            continue
        start = i
        while start > 0 and start not in breaks and lines[start - 1].strip() \
                and "\t" not in lines[start - 1] and not _CAPTION_LIKE.match(lines[start - 1]):
            start -= 1  # header words and wrapped labels right above
        captioned = start > 0 and bool(_CAPTION_LIKE.match(lines[start - 1]))
        j = i + 1
        last = i
        while j < n and "\t" not in lines[j] and j not in breaks and j - last <= MAX_WRAPPED \
                and not CAPTION.match(lines[j].strip()):
            if _tabular(lines[j]):
                last = j
            j += 1
        aligned = [line for line in lines[i:last + 1] if _tabular(line)]
        figures = [line for line in aligned
                   if _has_figure(line) and not _numbering(_cells(line))]
        end = last + 1
        # rows of figures: two or more a line (prose holding a stray figure has few)
        strong = [line for line in figures if sum(map(_is_figure, _cells(line))) >= 2]
        if len(aligned) >= MIN_LINES and (len(figures) * FIGURE_SHARE >= len(aligned)
                                          or len(strong) >= MIN_LINES):
            # columns from the figure lines when most are rows of figures; else from all
            rivers = _rivers(figures) if figures and len(strong) * 2 >= len(figures) else []
            if len(rivers) < MIN_CELLS - 1:
                rivers = _rivers([line for line in lines[start:end] if line.strip()])
            if len(rivers) < MIN_CELLS - 1:
                rivers = _rivers(aligned)
            if len(rivers) >= MIN_CELLS - 1:
                columns = _columns(rivers)
                end = _extent(lines, last + 1, j, columns)
                while start < i and _running_head(lines, start, breaks, columns, captioned):
                    start += 1
                block = _Block(lines, out, start, end, columns)
                if block.figure_columns:  # prose cut at chance gaps has no column of figures
                    block.rewrite()
        i = max(end, i + 1)
    return out


def _extent(lines: list[str], after: int, stop: int, columns: list[tuple[int, int]]) -> int:
    """Where a block ends: after its last aligned line, the lines that keep within its
    columns (a label wrapped below its figures) up to the first that runs over a column
    start (prose, a running foot) or three blank lines, without blank lines at the end."""
    end = after
    k = after
    while k < stop:
        if lines[k].strip():
            if any(_crossed(p, columns) for p in _phrases(lines[k])):
                break
            end = k + 1
        elif k + 2 < stop and not "".join(lines[k:k + 3]).strip():
            break  # three blank lines
        k += 1
    return end


def _running_head(lines: list[str], k: int, breaks: set[int],
                  columns: list[tuple[int, int]], captioned: bool) -> bool:
    """A first line of a block that is not the table's: a page's first line running over
    its columns (`24 | L K I P …`, a running head above the table's continuation), a line
    of one phrase running over a column start right under a caption (the table's title),
    or a blank line."""
    if not lines[k].strip():
        return True
    phrases = _phrases(lines[k])
    if captioned and len(phrases) == 1 and _crossed(phrases[0], columns):
        return True  # the title under a caption, centred over the table
    head = k in breaks or (k - 1 in breaks and not lines[k - 1].strip())
    return head and any(_crossed(p, columns) for p in phrases)


class _Block:
    """One space-aligned table block of one page, cut at its columns and joined into rows."""

    def __init__(self, lines: list[str], out: list[str | None], start: int, end: int,
                 columns: list[tuple[int, int]]) -> None:
        self.lines, self.out, self.columns = lines, out, columns
        self.start, self.end = start, end
        self.cells = {k: split_line(lines[k], columns) for k in range(start, end)
                      if lines[k].strip()}
        self.figure_columns = self._figure_columns()

    def _figure_columns(self) -> set[int]:
        """Columns holding figures in most of their filled cells, but not a first column of
        row numbers (`1`, `2.`, printed on whichever line of its row)."""
        out = set()
        for c in range(len(self.columns)):
            filled = [cells[c] for cells in self.cells.values() if cells[c]]
            if not filled or sum(map(_is_figure, filled)) * 2 < len(filled):
                continue
            if c == 0 and all(_ROW_NUMBER.match(t) for t in filled if _is_figure(t)):
                continue
            out.add(c)
        return out

    def _anchor(self, k: int) -> bool:
        cells = self.cells.get(k)
        return cells is not None and not _numbering(cells) and any(
            _is_figure(cells[c]) for c in self.figure_columns)

    def rewrite(self) -> None:
        for k, cells in self.cells.items():
            self.out[k] = "\t".join(cells)
        for k in range(self.start, self.end):
            if not self.lines[k].strip():
                self.out[k] = None  # a blank line inside the table is no gap between tables
        anchors = [k for k in self.cells if self._anchor(k)]
        if not anchors:
            return
        numbering = [k for k in self.cells if k < anchors[0] and _numbering(self.cells[k])]
        body_start = numbering[-1] + 1 if numbering else self._body_start(anchors[0])
        worded = [k for k in self.cells if k < body_start and _header_words(self.cells[k])]
        if not numbering and worded:  # text under the last header line: a row's fragment
            body_start = min(body_start, next(
                (k for k in self.cells if worded[-1] < k), body_start))
        header = [k for k in self.cells if k < body_start and k not in numbering]
        if header and numbering:
            header = [k for k in header if k < numbering[-1]]
        groups = [k for k in header[:1] if len(header) > 1 and self._group_line(k)]
        for k in groups:
            self.out[k] = "\t".join(self._group_cells(k))
        self._join([k for k in header if k not in groups])
        self.start = body_start  # paragraphs of the body begin at the earliest there
        self._rows(body_start, anchors)

    def _group_line(self, k: int) -> bool:
        """A header's top line of group labels only, each a year's or over two columns or
        more (`Tahun 2014 … Tahun 2015`, `Tahun (2016)` over `Target  Realisasi`)."""
        phrases = _phrases(self.lines[k])
        return bool(phrases) and all(
            _YEAR.search(p[2]) or sum(min(p[1], b) > max(p[0], a) for a, b in self.columns) >= 2
            for p in phrases)

    def _group_cells(self, k: int) -> list[str]:
        """Group labels set at the first column of the group each one is centred over, so
        that the header rows below carry it over its columns: a group runs from halfway
        between its label's centre and the one before (for the first, as far to the left as
        to the next label; a lone label, its own width)."""
        phrases = _phrases(self.lines[k])
        centres = [(start + end) / 2 for start, end, _ in phrases]
        cells = [""] * len(self.columns)
        for n, (start, end, text) in enumerate(phrases):
            if n:
                left = (centres[n - 1] + centres[n]) / 2
            elif len(phrases) > 1:
                left = centres[0] - (centres[1] - centres[0]) / 2
            else:
                left = start - (end - start)
            col = next((c for c, (a, b) in enumerate(self.columns)
                        if (a + min(b, a + 40)) / 2 >= left),
                       _column_of((start, end, text), self.columns))
            cells[col] = " ".join(p for p in (cells[col], text) if p)
        return cells

    def _body_start(self, first: int) -> int:
        """Where the body begins without a row of column numbers: at the paragraph (lines
        between blank lines) of the first figure line, or at that line itself when the
        paragraph is the block's first (its header lines stand right above the row)."""
        a, _ = self._paragraph(first)
        return a if a > self.start else first

    def _join(self, group: list[int], keep: int | None = None) -> None:
        """The lines of one printed row (or of the header) as one line, kept on line `keep`
        (the first by default); the others become None."""
        if len(group) < 2:
            return
        keep = group[0] if keep is None else keep
        joined = [reduce(join_wrapped, (self.cells[k][c] for k in group if self.cells[k][c]), "")
                  for c in range(len(self.columns))]
        self.out[keep] = "\t".join(joined)
        for k in group:
            if k != keep:
                self.out[k] = None

    def _rows(self, body_start: int, anchors: list[int]) -> None:
        """Join the body's lines into printed rows: lines with figures in the same columns
        start separate rows; lines with figures in other columns only (a figure printed a
        line lower) and lines of text join the row they belong to, by where the table prints
        its figures (first line, last, or middle of a row) and by the blank lines between
        rows."""
        body = [k for k in self.cells if k >= body_start]
        anchors = [a for a in anchors if a >= body_start]
        rows = self._anchor_rows(anchors)
        alignment = self._alignment(body, rows)
        members: dict[int, list[int]] = {r[0]: list(r) for r in rows}
        row_of = {k: r[0] for r in rows for k in r}
        spans = [(r[0], r[-1]) for r in rows]
        loose: dict[int, list[int]] = {}  # paragraphs without figures: one row each
        coded = self._coded_rows(body, row_of)
        centred = self._centred(body, spans, coded) if alignment == "middle" else {}
        for k in body:
            if k in row_of:
                continue
            if k in coded:
                loose.setdefault(coded[k], []).append(k)
                continue
            target = centred.get(k) or self._owner(k, spans, alignment, coded)
            if target is None:
                loose.setdefault(self._paragraph(k)[0], []).append(k)
            else:
                members[target].append(k)
        members.update({group[0]: group for group in loose.values()})
        for key, group in members.items():
            self._join(sorted(group), keep=key)

    def _centred(self, body: list[int], spans: list[tuple[int, int]],
                 coded: Collection[int]) -> dict[int, int]:
        """Owners of the text lines between rows printed vertically centred: each row takes
        as many lines below its figures as it has above them, the rest go above the next
        row. Only runs of text lines (no blank line, no coded row) between two rows."""
        out: dict[int, int] = {}
        if not spans:
            return out
        first = spans[0][0]
        above = 0
        while first - above - 1 in self.cells and first - above - 1 >= body[0] and \
                first - above - 1 not in coded:
            above += 1
        for (row, end), (nxt, _) in pairwise(spans):
            gap = list(range(end + 1, nxt))
            if any(k not in self.cells or k in coded for k in gap):
                above = 0
                continue
            mine = min(above, len(gap))
            for n, k in enumerate(gap):
                out[k] = row if n < mine else nxt
            above = len(gap) - mine
        return out

    def _coded_rows(self, body: list[int], row_of: dict[int, int]) -> dict[int, int]:
        """Rows of a code and a name without figures (`7.01.01 PROGRAM PENUNJANG`, a
        program or kegiatan heading its indicator rows): a text line opening with a code, and
        the text lines under it that start where it starts, are one row of their own
        (line → the row's first line)."""
        out: dict[int, int] = {}
        for k in body:
            if k in row_of or k in out or not _CODE_START.match(self.lines[k].lstrip()):
                continue
            indent = len(self.lines[k]) - len(self.lines[k].lstrip())
            out[k] = k
            n = k + 1
            while n < self.end and n not in row_of and self.lines[n].strip() and \
                    len(self.lines[n]) - len(self.lines[n].lstrip()) == indent and \
                    not _CODE_START.match(self.lines[n].lstrip()):
                out[n] = k
                n += 1
        return out

    def _anchor_rows(self, anchors: list[int]) -> list[list[int]]:
        """Figure lines, with a line just below whose figures stand in other columns joined
        to the line above (one row whose figures are printed on two lines: `K` over `Rp`, a
        target set a line lower)."""
        rows: list[list[int]] = []
        for a in anchors:
            if rows and a - rows[-1][-1] <= OFFSET_LINES and all(
                    self.lines[k].strip() for k in range(rows[-1][-1], a)) and not (
                    self._filled(a) & set().union(*(self._filled(k) for k in rows[-1]))):
                rows[-1].append(a)
            else:
                rows.append([a])
        return rows

    def _filled(self, k: int) -> set[int]:
        return {c for c in self.figure_columns if self.cells[k][c]}

    def _paragraph(self, k: int) -> tuple[int, int]:
        a = b = k
        while a - 1 >= self.start and self.lines[a - 1].strip():
            a -= 1
        while b + 1 < self.end and self.lines[b + 1].strip():
            b += 1
        return a, b

    def _alignment(self, body: list[int], rows: list[list[int]]) -> str:
        """'top', 'bottom' or 'middle': where the figures stand in the rows a blank line
        sets apart (a paragraph holding one row); without such rows, 'top' when a row's
        number or code stands on a line without figures or the first row's paragraph begins
        with its figure line, else 'middle'."""
        seen: dict[str, int] = {}
        for row in rows:
            a, b = self._paragraph(row[0])
            if b - a < 1 or any(r is not row and a <= r[0] <= b for r in rows):
                continue
            where = ("top" if row[0] == a else "bottom" if row[-1] == b else "middle")
            seen[where] = seen.get(where, 0) + 1
        if seen:
            return max(seen, key=lambda w: seen[w])
        figure_lines = {k for row in rows for k in row}
        if any(_ROW_KEY.match(self.cells[k][0]) for k in body if k not in figure_lines):
            return "top"  # row keys (`2.2.3.1`) on lines without figures: rows start there
        return "top" if self._paragraph(rows[0][0])[0] == rows[0][0] else "middle"

    def _owner(self, k: int, spans: list[tuple[int, int]], alignment: str,
               coded: Collection[int] = ()) -> int | None:
        """The row a text line belongs to: within its paragraph, the row above (top), below
        (bottom) or nearer (middle), never across a coded row; None when its paragraph holds
        no row (a fragment of a row cut by the page break, left for the reader to glue)."""
        a, b = self._paragraph(k)
        inside = [s for s in spans if a <= s[0] <= b
                  and not any(min(s[1], k) < c < max(s[0], k) for c in coded)]
        above = [s for s in inside if s[1] < k]
        below = [s for s in inside if s[0] > k]
        if not inside:
            return None
        within = [s for s in inside if s[0] < k < s[1]]
        if within:  # a label line between the two figure lines of one row
            return within[0][0]
        if alignment == "top":
            return (above[-1] if above else below[0])[0]
        if alignment == "bottom":
            return (below[0] if below else above[-1])[0]
        if above and below:
            return above[-1][0] if k - above[-1][1] <= below[0][0] - k else below[0][0]
        return (above[-1] if above else below[0])[0]


def _header_words(cells: list[str]) -> bool:
    return any(w.lower().strip("()[]:.,") in HEADER_WORDS for c in cells for w in c.split())


def _numbering(cells: list[str]) -> bool:
    """The row of column numbers some templates print under the header: `1 2 3` or
    `(1) (2) (3)`."""
    filled = [c for c in cells if c]
    return len(filled) >= MIN_CELLS and all(
        all(COLUMN_NUMBER.match(w) for w in c.split()) for c in filled)
