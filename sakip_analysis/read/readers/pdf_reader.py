"""Text PDFs of LKJIP reports and budget-realisation annexes: ruled tables and prose lines.

Tables come from pdfplumber's ruling lines. Office exports often draw each wrapped text line or
each figure in its own (invisible) box, so one printed row arrives as several physical grid
rows; `logical_rows` puts them back together from the geometry (see its docstring). A
program/anggaran list printed as aligned text lines, without rulings, is a table too
(`find_lists`). Scanned PDFs (images without a text layer) cannot be read: OCR them first.
"""

from __future__ import annotations

import bisect
import re
import statistics
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from sakip_analysis.errors import ReadError, log_traceback
from sakip_analysis.read.document import Document, Row, Table
from sakip_analysis.read.identity import TITLE_PAGE_LINES, identify
from sakip_analysis.read.readers.blocks import BlockAssembler
from sakip_analysis.read.readers.layout import (
    HEADER_WORDS,
    figure_alignment,
    has_numbers,
    is_level_row,
    join_wrapped,
    merge_fragments,
    printed_rows,
    unspace_figure,
)
from sakip_analysis.read.readers.text_reader import CAPTION, HEADING, STRAY_LENGTH

# Office exports draw cell borders as thousands of thin rectangles whose edges miss each other
# by a few points; pdfplumber's default tolerances (3) then split a page into dozens of pieces.
TABLE_SETTINGS = {"snap_tolerance": 6, "join_tolerance": 6, "intersection_tolerance": 6}
FALLBACK_SETTINGS: dict[str, float] = {}  # pdfplumber's defaults, for pages with real lines
HEADER_WINDOW = 8  # physical rows searched for the header
SPLIT_GAP = 12.0  # points of white space between two labels sharing one wide header cell
WHITE = 0.95  # a grey level (or RGB channels) at least this light prints as nothing
RULE_TOLERANCE = 3.0  # points between a rule and the row boundary it marks
RULED_SHARE = 0.5  # a boundary ruled over this share of the width separates printed rows
MARGIN = 0.1  # share of the page height, top and bottom, where running heads and numbers sit
_PAGE_NUMBER = re.compile(r"^\W*(?:halaman|hal\.?|page)?\s*(?:\d{1,4}|[xvi]{1,6})"
                          r"(?:\s*(?:dari|of|/)\s*\d{1,4})?\W*$", re.IGNORECASE)
_ROMAN = re.compile(r"^(?:i{1,3}|iv|v|vi{1,3}|ix|x)$")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
Box = tuple[float, float, float, float]


@dataclass
class Physical:
    """One grid row as pdfplumber finds it; `joins_above` when a cell reaches into the row
    above it, so both belong to one printed row; `ruled_above` when a visible rule separates
    it from the row above."""

    cells: list[str]
    boxes: list[Box | None]
    joins_above: bool = False
    ruled_above: bool = True
    raw: list[str] = field(default_factory=list)  # cell texts with their line breaks


@dataclass
class PageTable:
    """A table as found on one page: header rows and logical body rows, cells as printed."""

    page: int
    top: float
    width: int
    header: list[list[str]]
    body: list[list[str]]
    continued: list[tuple[int, ...]] = field(default_factory=list)  # per body row
    bands: list[list[list[str]]] = field(default_factory=list)  # body lines between rules
    alignment: str | None = None  # where multi-line rows print their figures (`layout`)
    columns: list[tuple[float, float]] = field(default_factory=list)  # x0, x1 per column


@dataclass
class _Line:
    text: str
    number: int
    page: int
    top: float
    bottom: float
    size: float
    bold: bool
    margin: bool = False  # in the top or bottom tenth of the page
    furniture: bool = False  # page number or running head/foot: not part of the text
    groups: list[tuple[str, float, float]] | None = None  # (text, x0, x1) parted by wide gaps


@dataclass
class _Open:
    """The table the next page may continue."""

    table: Table
    width: int
    header: list[list[str]]
    page: int
    next_line: int
    alignment: str | None = None
    columns: list[tuple[float, float]] = field(default_factory=list)


def read_pdf(path: Path) -> Document:
    """Read a text PDF: paragraphs with their page and a running number of the text lines
    outside tables (page numbers and running heads counted, though left out), tables with
    header rows and logical body rows (`Row.line` is the 1-based row index in the table, header
    rows counted, `Row.page` the page it is printed on). A table that goes on over the next
    page (same header repeated, or no header and the same columns at the top of the page)
    stays one table."""
    import pdfplumber

    path = Path(path)
    if not path.exists():
        raise ReadError(path, "berkas tidak ditemukan")
    if path.stat().st_size == 0:
        raise ReadError(path, "berkas kosong")
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many types for damaged or encrypted files
        raise _unreadable(path, exc) from None
    from sakip_analysis.read import limits

    if len(pdf.pages) > limits.MAX_PDF_PAGES:
        pdf.close()
        raise ReadError(path, f"PDF {len(pdf.pages)} halaman, melebihi batas "
                              f"{limits.MAX_PDF_PAGES} halaman (SAKIP_MAX_PDF_PAGES)")
    doc = Document(path=path, line_based=False)
    pages: list[tuple[int, list[_Line | PageTable]]] = []
    without_text: list[int] = []
    damaged: list[tuple[int, str]] = []
    line_number = 0
    ruled = _ruled_pages(path)
    with pdf:
        for page in _pages(path, pdf, ruled, damaged):
            if isinstance(page, _ProsePage):
                items = find_lists(list(page.lines))
                for item in items:
                    if isinstance(item, _Line):
                        line_number += 1
                        item.number = line_number
                if items:
                    pages.append((page.page_number, items))
                else:
                    without_text.append(page.page_number)
                continue
            if page.chars:
                try:
                    items = read_page(page, line_number)
                except Exception as exc:  # a page drawn in a way we do not know: skip it
                    log = log_traceback(exc, f"{path}: halaman {page.page_number}")
                    damaged.append((page.page_number, f"{_reason(exc)}; rincian di {log}"))
                    items = None
                if items is not None:
                    line_number += sum(isinstance(i, _Line) for i in items)
                    pages.append((page.page_number, items))
            else:
                without_text.append(page.page_number)
            page.close()  # drop the page's parsed objects: long files stay small in memory
    if not pages and damaged:
        number, reason = damaged[0]
        raise ReadError(path, f"tidak satu halaman pun dapat dibaca (halaman {number}: "
                              f"{reason})")
    if not pages:
        raise ReadError(path, "PDF tanpa lapisan teks (hasil pindai?): jalankan OCR dahulu")
    for number, reason in damaged:
        doc.warnings.append(f"{path}: halaman {number} tidak dapat dibaca ({reason}) dan "
                            "dilewati; halaman lain tetap dibaca")
    if without_text:
        doc.warnings.append(f"{path}: halaman {', '.join(map(str, without_text))} tanpa lapisan "
                            "teks (hasil pindai?) dan dilewati")
    _mark_furniture(pages)
    _assemble(doc, pages)
    lines = [i.text for _, items in pages for i in items if isinstance(i, _Line)]
    doc.kecamatan, doc.kabupaten, doc.year = identify(lines[:TITLE_PAGE_LINES])
    doc.title_lines = lines[:TITLE_PAGE_LINES]
    doc.running_lines = [i.text for _, items in pages for i in items
                         if isinstance(i, _Line) and i.furniture]
    return doc


def _pages(path: Path, pdf, ruled: dict[int, _ProsePage | None],
           damaged: list[tuple[int, str]]):
    """The pages, each parsed before use. A damaged page is skipped and noted in `damaged`
    (number, why). A page pdfium has read as prose (no rulings a table could stand on)
    comes as its lines instead."""
    try:
        pages = pdf.pages
    except Exception as exc:
        raise _unreadable(path, exc) from None
    for page in pages:
        prose = ruled.get(page.page_number)
        if prose is not None:
            yield prose
            continue
        try:
            page.chars  # parses the page's content stream  # noqa: B018
        except Exception as exc:
            damaged.append((page.page_number, _reason(exc)))
            continue
        yield page


def _unreadable(path: Path, exc: Exception) -> ReadError:
    inner = [a for a in exc.args if isinstance(a, Exception)]  # pdfplumber wraps pdfminer's
    if any("Password" in _reason(e) for e in [exc, *inner]):
        return ReadError(path, "PDF dilindungi kata sandi: simpan salinan tanpa kata sandi dahulu")
    return ReadError(path, f"bukan PDF yang dapat dibaca ({_reason(exc)})")


def _reason(exc: Exception) -> str:
    inner = [a for a in exc.args if isinstance(a, Exception)]
    if inner and not str(exc).strip(" ()"):
        exc = inner[0]
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# --- pages without rulings, read by pdfium ---------------------------------------------------

MIN_TABLE_PATHS = 6
"""Drawn paths (page frames aside) a ruled table needs at least (a 2 × 2 grid: three rules each
way). On the real corpus, table pages draw 98 to 305 paths and prose pages 0 to 21 (a header
rule, a logo frame). A page with fewer holds no table pdfplumber could find, so pdfium reads
its lines, about ten times faster (benchmarks/bench_pdf_words.py)."""


@dataclass
class _ProsePage:
    page_number: int
    lines: list[_Line]


def _ruled_pages(path: Path) -> dict[int, _ProsePage | None]:
    """Page number → its lines when the page has no rulings (None: leave it to pdfplumber).
    Any trouble in pdfium leaves every page to pdfplumber, which reports damage clearly."""
    try:
        import pypdfium2
        import pypdfium2.raw as pdfium_c
    except ImportError:  # pragma: no cover - a dependency of pdfplumber
        return {}
    out: dict[int, _ProsePage | None] = {}
    try:
        pdf = pypdfium2.PdfDocument(path)
    except Exception:  # damaged or encrypted: pdfplumber says why
        return {}
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                width, height = page.get_width(), page.get_height()
                drawn = 0
                for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,)):
                    left, bottom, right, top = obj.get_bounds()
                    if right - left > 0.8 * width and top - bottom > 0.8 * height:
                        continue  # a page frame
                    drawn += 1
                    if drawn >= MIN_TABLE_PATHS:
                        break
                out[index + 1] = None if drawn >= MIN_TABLE_PATHS else _ProsePage(
                    index + 1, _pdfium_lines(page, index + 1))
            finally:
                page.close()
    except Exception:
        return {}
    finally:
        pdf.close()
    return out


def _pdfium_lines(page, page_number: int) -> list[_Line]:
    """The text lines of a page as pdfium breaks them, top to bottom, with the size and
    weight of their characters (for headings) and whether they sit in the page margin."""
    import pypdfium2.raw as pdfium_c

    height = page.get_height()
    text = page.get_textpage()
    try:
        count = text.count_chars()
        lines: list[_Line] = []
        chars: list[str] = []
        tops: list[float] = []
        bottoms: list[float] = []
        sizes: list[float] = []
        weights: list[bool] = []
        boxes: list[tuple[str, float, float]] = []

        def flush() -> None:
            joined = " ".join("".join(chars).split())
            if joined and tops:
                top, bottom = min(tops), max(bottoms)
                lines.append(_Line(joined, 0, page_number, top, bottom, max(sizes),
                                   bool(weights) and all(weights),
                                   top < MARGIN * height or bottom > (1 - MARGIN) * height,
                                   groups=text_groups(boxes, max(sizes))))
            chars.clear(), tops.clear(), bottoms.clear(), sizes.clear(), weights.clear()
            boxes.clear()

        for i in range(count):
            char = text.get_text_range(i, 1)
            if char in ("\r", "\n"):
                if char == "\n" or not chars:
                    flush()
                continue
            chars.append(char)
            if not char.strip():
                boxes.append((char, 0.0, 0.0))
            else:
                left, bottom, right, top = text.get_charbox(i)
                boxes.append((char, left, right))
                tops.append(height - top)
                bottoms.append(height - bottom)
                sizes.append(pdfium_c.FPDFText_GetFontSize(text.raw, i))
                weights.append(pdfium_c.FPDFText_GetFontWeight(text.raw, i) >= 700)
        flush()
    finally:
        text.close()
    return sorted(lines, key=lambda line: line.top)


# --- lists printed without rulings ----------------------------------------------------------

GROUP_GAP = 1.5  # font sizes of white space that part a line into aligned groups
LIST_PITCH = 3.0  # line heights from one list line to the next, at most
LABEL_WORDS = re.compile(r"\b(program|kegiatan|sub\s*kegiatan|uraian)\b", re.IGNORECASE)
MONEY_WORDS = re.compile(r"\b(anggaran|pagu|alokasi|dana)\b", re.IGNORECASE)


def text_groups(chars: list[tuple[str, float, float]], size: float
                ) -> list[tuple[str, float, float]]:
    """A line's characters (text, x0, x1, spaces included, in reading order) in groups parted
    by a gap wider than GROUP_GAP font sizes: the columns of a list printed without
    rulings."""
    gap = GROUP_GAP * (size or 10.0)
    groups: list[list] = []  # [text, x0, x1]
    space = False
    for char, x0, x1 in chars:
        if not char.strip():
            space = True
            continue
        if groups and x0 - groups[-1][2] <= gap and x0 >= groups[-1][1]:
            groups[-1][0] += (" " if space else "") + char
            groups[-1][2] = max(groups[-1][2], x1)
        else:
            groups.append([char, x0, x1])
        space = False
    return [(" ".join(text.split()), x0, x1) for text, x0, x1 in groups]


def _spaced_chars(text: str, chars: list) -> list[tuple[str, float, float]]:
    """pdfplumber's characters of a line with the spaces its text puts between words (the
    characters hold no spaces of their own)."""
    printed = [c for c in chars if c["text"].strip()]
    if len(printed) != sum(1 for ch in text if not ch.isspace()):
        return [(c["text"], c["x0"], c["x1"]) for c in printed]
    out: list[tuple[str, float, float]] = []
    it = iter(printed)
    for ch in text:
        if ch.isspace():
            out.append((" ", 0.0, 0.0))
        else:
            char = next(it)
            out.append((char["text"], char["x0"], char["x1"]))
    return out


def find_lists(items: list) -> list:
    """The page's items with each program/anggaran list printed as text lines (no rulings)
    turned into a table: a header line whose aligned groups are header words only, naming
    the label (`PROGRAM`, `Kegiatan`) and the money (`ANGGARAN (Rp.)`, `Pagu`), and the lines
    under it whose groups stand in those columns, at least two of them with a figure. Labels
    wrapped over several lines join their figure's row (`layout.printed_rows`: numbered
    items, else one row per line)."""
    out: list = []
    i = 0
    while i < len(items):
        item = items[i]
        found = _list_at(items, i) if isinstance(item, _Line) else None
        if found is None:
            out.append(item)
            i += 1
            continue
        table, end = found
        out.append(table)
        i = end
    return out


def _list_at(items: list, start: int) -> tuple[PageTable, int] | None:
    head = items[start]
    groups = head.groups or []
    texts = [g[0] for g in groups]
    if (len(groups) < 2 or not _header_words_only(texts) or not LABEL_WORDS.search(texts[0])
            or not any(MONEY_WORDS.search(t) for t in texts[1:])):
        return None
    edges = [g[1] for g in groups[1:]]  # where each column after the first begins
    lines: list[list[str]] = []
    figures = 0
    prev = head
    end = start + 1
    for item in items[start + 1:]:
        if not isinstance(item, _Line) or item.margin or not item.groups:
            break
        pitch = max(prev.bottom - prev.top, 1.0)
        if item.top - prev.bottom > LIST_PITCH * pitch or CAPTION.match(item.text) \
                or HEADING.match(item.text):
            break
        cells = _list_cells(item.groups, edges)
        if cells is None:
            break
        lines.append(cells)
        figures += has_numbers(Row(cells[1:], 0))
        prev = item
        end += 1
    if figures < 2:
        return None
    return PageTable(head.page, head.top, len(groups), [texts], printed_rows([lines])), end


def _list_cells(groups: list[tuple[str, float, float]], edges: list[float]) -> list[str] | None:
    """A line's groups in the list's columns: a figure (or an item number) goes to the last
    column whose start it passes (figures are right-aligned under their header); text goes
    to the column it starts in and must end before the next begins: a text group reaching
    over a column start is prose, not a list line (None)."""
    cells = [""] * (len(edges) + 1)
    for text, x0, x1 in groups:
        if _FIGURE_GROUP.match(text):
            column = sum(1 for e in edges if x1 > e)
        else:
            column = sum(1 for e in edges if x0 >= e - 1)
            if column < len(edges) and x1 > edges[column]:
                return None
        cells[column] = join_wrapped(cells[column], text)
    return cells


_FIGURE_GROUP = re.compile(r"^(?:rp\.?\s*)?[\d.,]+(?:,-)?$", re.IGNORECASE)
"""Where a group stands, not what it is worth: a figure as printed, even one the number rules
refuse (`1.579,307,000`, a typo kept as text with a warning later), is right-aligned in its
column."""


# --- one page --------------------------------------------------------------------------------

def read_page(page, line_offset: int = 0) -> list[_Line | PageTable]:
    """Text lines outside tables and the tables of one page, top to bottom."""
    page = without_stray_spaces(without_highlights(page))
    found = find_tables(page)
    rules = visible_rules(page) if found else []
    tables = [t for t in (page_table(page, f, rules) for f in found) if t is not None]
    boxes = [f.bbox for f in found]

    def outside(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    lines = []
    for raw in page.filter(outside).extract_text_lines(strip=True):
        text = " ".join(raw["text"].split())
        if not text:
            continue
        chars = raw.get("chars") or []
        size = max((c["size"] for c in chars), default=0.0)
        bold = bool(chars) and all("bold" in c.get("fontname", "").lower() for c in chars
                                   if c["text"].strip())
        margin = (raw["top"] < MARGIN * page.height
                  or raw["bottom"] > (1 - MARGIN) * page.height)
        lines.append(_Line(text, 0, page.page_number, raw["top"], raw["bottom"], size, bold,
                           margin, groups=text_groups(_spaced_chars(raw["text"], chars),
                                                      size)))
    items = find_lists(sorted([*lines, *tables], key=lambda i: i.top))
    number = line_offset
    for item in items:
        if isinstance(item, _Line):
            number += 1
            item.number = number
    return items


def without_stray_spaces(page):
    """The page without blank characters drawn over letters (an export's space at the very
    place of `I`, a hair lower; a run of spaces laid under a whole figure): put in reading
    order among the letters, each would cut the word (`I ndeks`, `8 71 0`). A blank is stray
    when a letter of its line covers a good part of it; a space between two words stands in
    the gap between them, touching its neighbours at most by a hair."""
    letters = sorted((c["x0"], c["x1"], c["top"], c["bottom"]) for c in page.chars
                     if c["text"].strip())
    starts = [c[0] for c in letters]
    widest = max((c[1] - c[0] for c in letters), default=0.0)
    stray = set()
    for c in page.chars:
        if c["text"].strip():
            continue
        least = STRAY_SHARE * (c["x1"] - c["x0"])
        lo = bisect.bisect_left(starts, c["x0"] - widest)
        hi = bisect.bisect_left(starts, c["x1"])
        if any(min(x1, c["x1"]) - max(x0, c["x0"]) > least and top < c["bottom"]
               and c["top"] < bottom for x0, x1, top, bottom in letters[lo:hi]):
            stray.add(id(c))
    if not stray:
        return page
    return page.filter(lambda obj: id(obj) not in stray)


STRAY_SHARE = 0.25  # of a blank's width a letter must cover for the blank to be stray


HIGHLIGHT_FIT = 1.5  # points between a highlight box's sides and its text's
HIGHLIGHT_HEIGHT = 1.5  # a highlight is at most this many font sizes high


def without_highlights(page):
    """The page without its text highlights: coloured boxes drawn tightly around a run of
    text (Word's highlighter) are no cell borders, yet pdfplumber would cut the grid at their
    edges, splitting a column in two and losing the wrapped lines beside them. A box is a
    highlight when its sides hug the text inside it and it is about one line high; shading
    that fills a cell is wider than its text and stays, and so does a box over a fill of its
    own colour (`_on_own_colour`)."""
    candidates = [r for r in page.rects if not r.get("stroke") and r.get("fill")
                  and r["height"] > RULE_WIDTH and not _white(r.get("non_stroking_color"))]
    if not candidates:
        return page
    chars = sorted(((c["top"] + c["bottom"]) / 2, c["x0"], c["x1"], c["size"])
                   for c in page.chars if c["text"].strip())
    middles = [c[0] for c in chars]
    marked = set()
    for rect in candidates:
        lo = bisect.bisect_left(middles, rect["top"])
        hi = bisect.bisect_right(middles, rect["bottom"])
        inside = [c for c in chars[lo:hi] if c[1] >= rect["x0"] - HIGHLIGHT_FIT
                  and c[2] <= rect["x1"] + HIGHLIGHT_FIT]
        if (inside and rect["height"] <= HIGHLIGHT_HEIGHT * max(c[3] for c in inside)
                and abs(min(c[1] for c in inside) - rect["x0"]) <= HIGHLIGHT_FIT
                and abs(max(c[2] for c in inside) - rect["x1"]) <= HIGHLIGHT_FIT):
            marked.add(id(rect))
    marked -= {id(r) for r in candidates if _on_own_colour(r, candidates)}
    if not marked:
        return page
    return page.filter(lambda obj: id(obj) not in marked)


def _on_own_colour(rect, fills) -> bool:
    """A box drawn over a larger fill of its own colour (paragraph shading inside a shaded
    cell) shows as nothing of its own: it stays, like the cell shading it is part of."""
    color = _color_key(rect.get("non_stroking_color"))
    x, y = (rect["x0"] + rect["x1"]) / 2, (rect["top"] + rect["bottom"]) / 2
    area = _area((rect["x0"], rect["top"], rect["x1"], rect["bottom"]))
    return any(other is not rect and _color_key(other.get("non_stroking_color")) == color
               and other["x0"] <= x <= other["x1"] and other["top"] <= y <= other["bottom"]
               and _area((other["x0"], other["top"], other["x1"], other["bottom"])) > area
               for other in fills)


def find_tables(page) -> list:
    """Ruled tables; pdfplumber's defaults only when the tolerant settings find none (a page
    drawn with real, well-joined lines). A 'table' of one column or one row is a frame.
    Cell shading is no ruling: where a page draws its rules as thin strokes and also shades
    cells band by band (one band per text line), the bands' edges would cut the printed rows
    at every text line, so the grid is found from the rules alone when they give one."""
    ruled = _without_shading(page)
    if ruled is not None:
        found = _tables(ruled)
        if found:
            return found
    return _tables(page)


SHADING_MIN = 2.0
"""Points: a filled rectangle this wide and this high is a cell's shading, not a rule."""


def _without_shading(page):
    """The page without its shading (filled rectangles that print a colour; white boxes
    frame text and are left to `logical_rows`), or None when it has none or no thin rules."""
    def shading(obj) -> bool:
        return (obj.get("object_type") == "rect" and bool(obj.get("fill"))
                and not obj.get("stroke") and not _white(obj.get("non_stroking_color"))
                and obj["x1"] - obj["x0"] >= SHADING_MIN
                and obj["bottom"] - obj["top"] >= SHADING_MIN)

    shaded = sum(map(shading, page.rects))
    rules = len(page.lines) + len(page.rects) - shaded
    if not shaded or rules < MIN_TABLE_PATHS:
        return None
    return page.filter(lambda obj: not shading(obj))


def _tables(page) -> list:
    for settings in (TABLE_SETTINGS, FALLBACK_SETTINGS):
        found = [t for t in page.find_tables(settings)
                 if len(t.rows) >= 2 and max(len(r.cells) for r in t.rows) >= 2]
        if found or not (page.lines or page.rects):
            return [t for t in found if not any(_area(o.bbox) > _area(t.bbox)
                                                and _inside(t.bbox, o.bbox) for o in found)]
    return []


def _area(box: Box) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def _inside(inner: Box, outer: Box, tolerance: float = 1.0) -> bool:
    return (inner[0] >= outer[0] - tolerance and inner[1] >= outer[1] - tolerance
            and inner[2] <= outer[2] + tolerance and inner[3] <= outer[3] + tolerance)


def page_table(page, found, rules: list[tuple[float, float, float]] | None = None
               ) -> PageTable | None:
    """Header rows and logical body rows of one table found on a page."""
    rows = physical_rows(found, visible_rules(page) if rules is None else rules)
    if not rows:
        return None
    width = len(rows[0].cells)
    n_header = header_size(rows)
    if n_header:
        _split_wide_cells(page, rows[:n_header], _column_lefts(rows))
    header = header_rows(rows[:n_header])
    rows = rows[:n_header] + split_stacked_codes(page, rows[n_header:])
    bands = row_bands(rows[n_header:])
    body = printed_rows(bands)
    if not header and not body:
        return None
    continued = merged_cells(rows[n_header:], visible_rules(page) if rules is None else rules)
    if len(continued) != len(body):  # rows regrouped between rules: no cell is said to run on
        continued = []
    return PageTable(page.page_number, found.bbox[1], width, header, body, continued, bands,
                     figure_alignment(bands), _column_spans(rows))


_ONE_CODE = re.compile(r"^\d{1,2}(?:\.\d{1,3})*\.?$")  # `1`, `1.1`, `2.2.3.1`
LINE_TOLERANCE = 3.0  # points between the tops of words printed on one line


def split_stacked_codes(page, rows: list[Physical]) -> list[Physical]:
    """Rows whose code cell stacks a code and the code of its child on separate lines
    (`1` over `1.1`, no rule between them across the table) as one printed row per code.

    The figures are printed on the line of one of the codes, and that code owns them. Where
    that is the last code, the row's cells print their text bottom-aligned (each code on the
    last line of its label, as `1.1` under `PENDAPATAN ASLI`): a label line goes to the first
    code at or below it. Where it is the first, they are top-aligned: a label line goes to the
    last code at or above it. Anything else stays one row."""
    out: list[Physical] = []
    for row in rows:
        out.extend(_split_codes(page, row) or [row])
    return out


def _split_codes(page, row: Physical) -> list[Physical] | None:
    first = next((c for c, text in enumerate(row.cells) if text), None)
    if first is None or first >= len(row.raw) or row.boxes[first] is None:
        return None
    codes = [" ".join(t.split()) for t in row.raw[first].split("\n") if t.strip()]
    if len(codes) < 2 or not all(_ONE_CODE.match(c) for c in codes) or not all(
            b.startswith(a.rstrip(".") + ".") for a, b in pairwise(codes)):
        return None  # not a parent's code over its child's
    lines = {c: _cell_lines(page, box) for c, box in enumerate(row.boxes)
             if box is not None and c != first and row.cells[c]}
    tops = [top for top, _ in _cell_lines(page, row.boxes[first])]
    if len(tops) != len(codes):
        return None

    def nearest(top: float) -> int | None:
        i = min(range(len(tops)), key=lambda k: abs(tops[k] - top))
        return i if abs(tops[i] - top) <= LINE_TOLERANCE else None

    figures = {nearest(top) for cell in lines.values() for top, text in cell
               if has_numbers(Row([text], 0))}
    if figures == {len(codes) - 1}:
        def owner(top: float) -> int | None:
            return next((k for k, t in enumerate(tops) if t >= top - LINE_TOLERANCE), None)
    elif figures == {0}:
        def owner(top: float) -> int | None:
            return next((k for k in range(len(tops) - 1, -1, -1)
                         if tops[k] <= top + LINE_TOLERANCE), None)
    else:
        return None
    parts = [[""] * len(row.cells) for _ in codes]
    for k, code in enumerate(codes):
        parts[k][first] = code
    for c, cell in lines.items():
        for top, text in cell:
            k = owner(top)
            if k is None:
                return None
            parts[k][c] = join_wrapped(parts[k][c], unspace_figure(text))
    if not all(any(cells[c] for c in lines) for cells in parts[:-1]):
        return None  # a code without any text of its own
    return [Physical(cells, list(row.boxes), row.joins_above if k == 0 else False,
                     row.ruled_above if k == 0 else True)
            for k, cells in enumerate(parts)]


def _cell_lines(page, box: Box) -> list[tuple[float, str]]:
    """(top, text) of each text line inside a cell, top to bottom."""
    words = sorted(page.within_bbox(box, strict=False).extract_words(),
                   key=lambda w: (round(w["top"]), w["x0"]))
    out: list[tuple[float, list[str]]] = []
    for word in words:
        if out and abs(word["top"] - out[-1][0]) <= LINE_TOLERANCE:
            out[-1][1].append(word["text"])
        else:
            out.append((word["top"], [word["text"]]))
    return [(top, " ".join(texts)) for top, texts in out]


def merged_cells(rows: list[Physical], rules: list[tuple[float, float, float]]
                 ) -> list[tuple[int, ...]]:
    """Per printed row (as `logical_rows` gives them): the columns whose cell is empty and
    has no visible rule above it while other cells of the row do, so the cell above runs on
    over this row (a merged cell the export drew as two boxes, `Belum dapat diukur` over two
    indicators). A table drawn without rules between its rows has no such cells."""
    out: list[tuple[int, ...]] = []
    above: dict[int, Box] = {}  # per column, the last cell box seen
    for group in _groups(rows):
        cells = _merge_group(group)
        first = group[0].boxes
        top = next((box[1] for box in first if box is not None), None)
        # a cell the grid draws as one box reaching down over this row (pdfplumber gives the
        # spanned position no box)
        spanned = {c for c, box in enumerate(first) if box is None and c in above
                   and top is not None and above[c][3] > top + 1}
        for row in group:
            above.update({c: box for c, box in enumerate(row.boxes) if box is not None})
        if not any(cells):
            continue
        boxes = [(c, box) for c, box in enumerate(first) if box is not None]
        ruled = {c for c, box in boxes if _ruled(rules, box[1], box[0], box[2])}
        run_on = {c for c, _ in boxes if ruled and c not in ruled} | spanned
        out.append(tuple(sorted(c for c in run_on if out and c < len(cells) and not cells[c])))
    return out


def physical_rows(found, rules: list[tuple[float, float, float]]) -> list[Physical]:
    """pdfplumber's grid rows: text per column (spanned positions empty), each row marked when
    it continues the printed row above (see `logical_rows`)."""
    texts = found.extract()
    cells = found.cells
    x0, x1 = found.bbox[0], found.bbox[2]
    out = []
    for r, (row, text) in enumerate(zip(found.rows, texts, strict=True)):
        top = row.bbox[1]
        crossing = [c for c in cells if c[1] < top - 1 and c[3] > top + 1]
        ruled = r == 0 or _ruled(rules, top, x0, x1) or _ruled_but_merged(
            rules, top, row.cells, crossing)
        joins = not ruled and bool(crossing)
        out.append(Physical([_unwrap(t) for t in text], list(row.cells), joins, ruled,
                            [t or "" for t in text]))
    return out


def _ruled_but_merged(rules: list[tuple[float, float, float]], top: float,
                      boxes: list[Box | None], crossing: list[Box]) -> bool:
    """Two printed rows that share merged cells: the rule between them runs under every cell
    that ends there, from the first column on, and stops only where a merged cell (a unit, a
    target, a pagu printed once for both) crosses it. A kegiatan's code row and its
    indicator row are printed so; a row merely cut per text line has no such rule."""
    ending = [box for box in boxes if box is not None]
    if not crossing or not ending or boxes[0] is None:
        return False
    return all(_ruled(rules, top, box[0], box[2], share=MERGED_RULED) for box in ending)


MERGED_RULED = 0.9  # share of a cell's width its rule must cover to separate merged rows


def visible_rules(page) -> list[tuple[float, float, float]]:
    """(y, x0, x1) of the horizontal edges a reader can see: strokes and fills that are not
    white. Office exports wrap text frames in white boxes that print nothing, and shade a
    cell with one coloured box per text line: where two boxes of one colour meet, the eye
    sees one shaded cell, not a rule (`_seams`)."""
    seams = _seams(page)
    return [(e["top"], e["x0"], e["x1"]) for e in page.horizontal_edges
            if _visible(e) and not _on_seam(e, seams)]


RULE_WIDTH = 2.0  # a filled box at most this thin is a drawn rule, not shading


def _seams(page) -> dict[object, list[tuple[float, float, float, float]]]:
    """Colour → (x0, top, x1, bottom) of the shading boxes: unstroked coloured fills thicker
    than a rule."""
    out: dict[object, list[tuple[float, float, float, float]]] = {}
    for rect in page.rects:
        if rect.get("stroke") or not rect.get("fill") or rect["height"] <= RULE_WIDTH:
            continue
        out.setdefault(_color_key(rect.get("non_stroking_color")), []).append(
            (rect["x0"], rect["top"], rect["x1"], rect["bottom"]))
    return out


def _color_key(color) -> object:
    return tuple(round(v, 3) for v in color) if isinstance(color, tuple | list) else color


def _on_seam(edge, seams) -> bool:
    """The edge of a shading box with the same colour on both its sides: one shaded cell
    drawn as several boxes (one per line, or a line's box over the cell's)."""
    if (edge.get("object_type") != "rect_edge" or edge.get("stroke") or not edge.get("fill")
            or edge["x1"] - edge["x0"] <= RULE_WIDTH):  # the end of a vertical rule
        return False
    boxes = seams.get(_color_key(edge.get("non_stroking_color")), ())
    x0, x1, y = edge["x0"], edge["x1"], edge["top"]
    need = 0.5 * (x1 - x0)

    def covered(at: float) -> bool:
        return any(top <= at <= bottom and min(b, x1) - max(a, x0) >= need
                   for a, top, b, bottom in boxes)

    return covered(y - 1.0) and covered(y + 1.0)


def _visible(edge) -> bool:
    stroked = edge.get("object_type") == "line" or edge.get("stroke")
    if stroked and not _white(edge.get("stroking_color")):
        return True
    return bool(edge.get("fill")) and not _white(edge.get("non_stroking_color"))


def _white(color) -> bool:
    if isinstance(color, int | float):
        return color >= WHITE
    if not isinstance(color, tuple | list) or not all(isinstance(v, int | float) for v in color):
        return False  # no colour given (black by default) or a pattern
    if len(color) == 4:  # CMYK
        return all(v <= 1 - WHITE for v in color)
    return bool(color) and all(v >= WHITE for v in color)


def _ruled(rules: list[tuple[float, float, float]], y: float, x0: float, x1: float,
           share: float = RULED_SHARE) -> bool:
    """A visible rule runs along y over at least `share` of x0..x1 (half the table's width)."""
    spans = sorted((max(a, x0), min(b, x1)) for top, a, b in rules
                   if abs(top - y) <= RULE_TOLERANCE and b > x0 and a < x1)
    covered, reach = 0.0, x0
    for a, b in spans:
        if b > reach:
            covered += b - max(a, reach)
            reach = b
    return covered >= share * (x1 - x0)


def _unwrap(text: str | None) -> str:
    """A cell's wrapped lines as one line (`RKA-` + `SKPD` stays `RKA-SKPD`)."""
    if not text:
        return ""
    out = ""
    for line in text.split("\n"):
        out = join_wrapped(out, unspace_figure(" ".join(line.split())))
    return out



# --- header ----------------------------------------------------------------------------------

def header_size(rows: list[Physical]) -> int:
    """How many physical rows at the top are header.

    The header runs down to the last row, within the first few, that holds only header words
    (`K`, `Rp`, `Target`, `I`, `2023`) or column numbers (`2 3 7 8`), as long as no row above it
    holds a figure or a level label (`Program:`). Without such a row, the first printed row is
    the header when it holds neither figures nor a level label.
    """
    last = None
    for i, row in enumerate(rows[:HEADER_WINDOW]):
        if not any(row.cells):
            continue
        probe = Row(row.cells, 0)
        if is_level_row(probe):
            break
        numbering = _numbering(row.cells)
        if has_numbers(probe) and not numbering:
            break
        if numbering or _header_words_only(row.cells):
            last = i
    if last is not None:
        return _band_end(rows, last + 1)
    start = next((i for i, row in enumerate(rows) if any(row.cells)), len(rows))
    end = start + 1
    while end < len(rows) and rows[end].joins_above:
        end += 1
    probe = Row(_merge_group(rows[start:end]), 0) if start < len(rows) else None
    if probe is None or has_numbers(probe) or is_level_row(probe):
        return 0
    return end


def _band_end(rows: list[Physical], end: int) -> int:
    """The header runs on to the next visible rule when the rows before it hold no figure
    and no level label (`PERUBAHAN` under `ANGGARAN SEBELUM` in one shaded header cell); a
    table ruled nowhere below keeps its header as found."""
    for i in range(end, min(len(rows), HEADER_WINDOW)):
        if rows[i].ruled_above:
            return i
        probe = Row(rows[i].cells, 0)
        if has_numbers(probe) or is_level_row(probe):
            return end
    return end


def _token_is_header(token: str) -> bool:
    word = token.lower().strip(" ().,:;-")
    return (word in ("", "%") or word in HEADER_WORDS or bool(_ROMAN.match(word))
            or bool(_YEAR.match(word)) or (word.isdigit() and len(word) <= 2))


def _header_words_only(cells: list[str]) -> bool:
    tokens = [t for c in cells for t in re.split(r"[\s/]+", c) if t]
    return bool(tokens) and all(_token_is_header(t) for t in tokens)


def _has_header_word(text: str) -> bool:
    return any(_token_is_header(t) and t.strip(" ().,:;-")
               for t in re.split(r"[\s/]+", text) if t)


def _numbering(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return len(filled) >= 3 and all(c.isdigit() and len(c) <= 2 for c in filled)


def header_rows(rows: list[Physical]) -> list[list[str]]:
    """Header rows as printed; a cell without any header word under a filled cell is the
    wrapped end of that cell's label (`(Output)`) and joins it."""
    out: list[list[str]] = []
    for row in rows:
        if not any(row.cells):
            continue
        cells = list(row.cells)
        if out:
            above = out[-1]
            for i, text in enumerate(cells):
                if text and above[i] and not _has_header_word(text) and not _numbering(cells):
                    above[i] = join_wrapped(above[i], text)
                    cells[i] = ""
        if any(cells):
            out.append(cells)
    return out


def _split_wide_cells(page, header: list[Physical], lefts: list[float]) -> None:
    """A one-line header cell spanning several columns that prints several labels far apart
    (`I      II      III      IV` over the K/Rp pairs) gives each label to the column group
    below or above it that it is printed over."""
    for row in header:
        for c, box in enumerate(row.boxes):
            if box is None or not row.cells[c]:
                continue
            span = [i for i, x in enumerate(lefts) if box[0] - 1 <= x < box[2] - 1]
            if len(span) < 2:
                continue
            clusters = _clusters(page, box)
            if len(clusters) < 2:
                continue
            groups = _groups_inside(header, row, box, lefts)
            targets = [_group_of(groups, x) for _, x in clusters]
            if None in targets or len(set(targets)) != len(targets):
                continue
            row.cells[c] = ""
            for (text, _), start in zip(clusters, targets, strict=True):
                row.cells[start] = text


def _column_lefts(rows: list[Physical]) -> list[float]:
    width = len(rows[0].boxes)
    lefts = []
    for c in range(width):
        xs = [r.boxes[c][0] for r in rows if c < len(r.boxes) and r.boxes[c] is not None]
        lefts.append(min(xs) if xs else float("inf"))
    return lefts


def _column_spans(rows: list[Physical]) -> list[tuple[float, float]]:
    """(x0, x1) of each grid column: from its left edge to the next column's (a cell spanning
    several columns widens none of them)."""
    lefts = _column_lefts(rows)
    right = max((b[2] for r in rows for b in r.boxes if b is not None), default=float("-inf"))
    return [(left, min([x for x in lefts[c + 1:] if x > left], default=right))
            for c, left in enumerate(lefts)]


def _clusters(page, box: Box) -> list[tuple[str, float]]:
    words = page.within_bbox(box, strict=False).extract_words()
    if not words or max(w["top"] for w in words) - min(w["top"] for w in words) > 2:
        return []  # several lines: one wrapped label, not labels side by side
    words.sort(key=lambda w: w["x0"])
    out: list[list[dict]] = [[words[0]]]
    for word in words[1:]:
        if word["x0"] - out[-1][-1]["x1"] > SPLIT_GAP:
            out.append([word])
        else:
            out[-1].append(word)
    return [(" ".join(w["text"] for w in group), (group[0]["x0"] + group[-1]["x1"]) / 2)
            for group in out]


def _groups_inside(rows, row, box: Box, lefts: list[float]) -> list[tuple[int, float, float]]:
    """(first column, x0, x1) of the narrower cells of other rows inside the wide cell."""
    wide = sum(1 for x in lefts if box[0] - 1 <= x < box[2] - 1)
    groups = []
    for other in rows:
        if other is row:
            continue
        for c, b in enumerate(other.boxes):
            if b is None or b[0] < box[0] - 1 or b[2] > box[2] + 1:
                continue
            n = sum(1 for x in lefts if b[0] - 1 <= x < b[2] - 1)
            if 1 <= n < wide:
                groups.append((c, b[0], b[2], n))
    groups.sort(key=lambda g: -g[3])  # the widest sub-group first: `7` over `K Rp`
    return [(c, x0, x1) for c, x0, x1, _ in groups]


def _group_of(groups: list[tuple[int, float, float]], x: float) -> int | None:
    for c, x0, x1 in groups:
        if x0 <= x <= x1:
            return c
    return None


# --- body ------------------------------------------------------------------------------------

def logical_rows(rows: list[Physical]) -> list[list[str]]:
    """Printed rows from physical grid rows.

    Rule: a physical row continues the printed row above it when (1) some cell reaches across
    the boundary between the two and (2) no visible rule runs along that boundary over at
    least half the table's width.

    Word/Excel exports such as the Tangsel realisation report box every wrapped text line and
    every figure in its own (white, invisible) frame, so pdfplumber cuts one printed row into
    two to eight grid rows; but each printed row still has at least one cell drawn over all
    its lines (the `K` cell, the unit `Kec. Ciputat`), which gives (1). That joins a name
    wrapped over five lines, its indicator, and an amount printed one line lower
    (`4.504.316.352`) into one row. (2) keeps two indicator rows apart that share a merged
    label cell (`Sasaran`, `Program` spanning both), as they are in the text export. Neither
    half alone works: the label column holds text on every wrapped line, and the export leaves
    out the visible rule between some printed rows. Cells of joined rows are glued column by
    column (`RKA-` + `SKPD` → `RKA-SKPD`); rows with no text are dropped.

    Then the rows standing between two visible rules are one printed row when they read as
    one (`layout.printed_rows`: a label wrapped above and below the line of figures), as
    tables that cut their cells per text line without a spanning cell print them.
    """
    return printed_rows(row_bands(rows))


def row_bands(rows: list[Physical]) -> list[list[list[str]]]:
    """The text lines of the physical rows (joined where a cell spans them, `_groups`) in
    bands between visible rules; lines without text are dropped."""
    bands: list[list[list[str]]] = []
    for group in _groups(rows):
        cells = _merge_group(group)
        if bands and not group[0].ruled_above:
            bands[-1].append(cells)
        else:
            bands.append([cells])
    return [lines for band in bands if (lines := [cells for cells in band if any(cells)])]


def _groups(rows: list[Physical]) -> list[list[Physical]]:
    groups: list[list[Physical]] = []
    for i, row in enumerate(rows):
        if i and row.joins_above and groups:
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


def _merge_group(group: list[Physical]) -> list[str]:
    width = max(len(r.cells) for r in group)
    cells = [""] * width
    for row in group:
        for i, text in enumerate(row.cells):
            cells[i] = join_wrapped(cells[i], text)
    return cells


# --- the document ----------------------------------------------------------------------------

def _mark_furniture(pages: list[tuple[int, list[_Line | PageTable]]]) -> None:
    """Page numbers and running heads/feet: margin lines that are a bare page number, or that
    come back (numbers aside) on three pages or more, or on every page of a short file. They
    keep their line numbers but are neither text, nor a title, nor a break inside a table."""
    margin = [i for _, items in pages for i in items if isinstance(i, _Line) and i.margin]
    seen: dict[str, set[int]] = {}
    for line in margin:
        seen.setdefault(_furniture_key(line.text), set()).add(line.page)
    for line in margin:
        count = len(seen[_furniture_key(line.text)])
        line.furniture = bool(_PAGE_NUMBER.match(line.text)) or count >= 3 or (
            count >= 2 and count == len(pages))


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())


def _assemble(doc: Document, pages: list[tuple[int, list[_Line | PageTable]]]) -> None:
    assembler = BlockAssembler(doc)
    open_: _Open | None = None
    for page_number, items in pages:
        body_size = _body_size(items)
        content_before = False  # anything but stray lines (page number, running head) above
        grouped = _group_lines([i for i in items if not (isinstance(i, _Line) and i.furniture)])
        for k, item in enumerate(grouped):
            if isinstance(item, PageTable):
                if (open_ is not None and not content_before and page_number == open_.page + 1
                        and _continues(open_, same := _in_columns_of(open_, item))):
                    _extend(open_, same)
                else:
                    open_ = _new_table(assembler, item)
                content_before = True
                continue
            after = grouped[k + 1] if k + 1 < len(grouped) else None
            if (open_ is not None and not content_before and isinstance(after, PageTable)
                    and page_number == open_.page + 1
                    and _continues(open_, same := _in_columns_of(open_, after))
                    and _cut_off_above(item, same, open_)):
                grouped[k + 1] = same
                continue  # the end of a label cut by the page break, printed above the grid
            text = _paragraph_text(item)
            assembler.paragraph(text, item[0].number, item[0].page,
                                heading=_is_heading(item, body_size))
            if len(text) > STRAY_LENGTH or CAPTION.match(text):
                open_ = None
                content_before = True
    assembler.finish()
    for table in doc.tables:
        table.rows = merge_fragments(table.rows, join_wrapped)


def _group_lines(items: list[_Line | PageTable]) -> list[list[_Line] | PageTable]:
    """A page's text lines grouped into paragraphs, tables between them."""
    out: list[list[_Line] | PageTable] = []
    for item in items:
        if isinstance(item, PageTable):
            out.append(item)
        elif out and isinstance(out[-1], list) and not _starts_paragraph(out[-1][-1], item):
            out[-1].append(item)
        else:
            out.append([item])
    return out


def _in_columns_of(open_: _Open, table: PageTable) -> PageTable:
    """The page's table in the columns of the table open above, when its grid is the same
    one cut finer or coarser (a label cell drawn as three boxes on this page, as one on the
    last): each column goes to the open table's column it starts in, cells sharing one are
    joined. Word redraws a table's grid page by page; the rows stay one table. Any other
    grid, or the same width, leaves the table as found (`_continues` then judges it)."""
    if table.width == open_.width or not table.columns or not open_.columns:
        return table
    old = [x0 for x0, _ in open_.columns]
    new = [x0 for x0, _ in table.columns]

    def among(xs: list[float], ys: list[float]) -> bool:
        return all(any(abs(x - y) <= RULE_TOLERANCE for y in ys) for x in xs)

    if not (among(old, new) or among(new, old)):
        return table
    target = []
    for x in new:
        inside = [i for i, left in enumerate(old) if left <= x + RULE_TOLERANCE]
        if not inside:
            return table
        target.append(inside[-1])

    def remap(cells: list[str]) -> list[str]:
        out = [""] * open_.width
        for c, text in enumerate(cells):
            if text and c < len(target):
                out[target[c]] = join_wrapped(out[target[c]], text)
        return out

    return PageTable(
        table.page, table.top, open_.width, [remap(r) for r in table.header],
        [remap(r) for r in table.body],
        [tuple(sorted({target[c] for c in cont if c < len(target)})) for cont in table.continued],
        [[remap(line) for line in band] for band in table.bands], table.alignment,
        list(open_.columns))


def _continues(open_: _Open, table: PageTable) -> bool:
    if table.width != open_.width:
        return False
    return (not table.header or table.header == open_.header
            or _fragment_header(table, open_.table.rows[-1] if open_.table.rows else None))


def _fragment_header(table: PageTable, last: Row | None) -> bool:
    """A 'header' at the top of a continuation page that is one row of text without any
    header word, standing only in columns where the last row above holds text, is the end
    of a label cut by the page break (`Aparatur`), not a header."""
    if last is None or len(table.header) != 1:
        return False
    cells = table.header[0]
    return not any(_has_header_word(cell) for cell in cells) and all(
        i < len(last.cells) and last.cells[i] and not has_numbers(Row([last.cells[i]], 0))
        for i, cell in enumerate(cells) if cell)


CUT_GAP = 2.5  # line heights between a cut-off label end and the grid below it, at most


def _cut_off_above(lines: list[_Line], table: PageTable, open_: _Open) -> bool:
    """Text lines at the top of a continuation page, just above a grid without a header,
    whose words each stand inside one column where the table's last row holds a label, are
    the end of that label cut by the page break: a row split over two pages has no rule at
    the top of its second part, so the grid (found from its rules) starts below them. They
    become the first row of the page's part of the table, glued to the row above as any
    cut-off fragment (`merge_fragments`). True when `lines` were taken so."""
    last = open_.table.rows[-1] if open_.table.rows else None
    if table.header or last is None or not table.columns or any(
            CAPTION.match(line.text) or HEADING.match(line.text) for line in lines):
        return False
    height = max(lines[-1].bottom - lines[-1].top, 1.0)
    if not 0 <= table.top - lines[-1].bottom <= CUT_GAP * height:
        return False
    cells = [""] * table.width
    for line in lines:
        for text, x0, x1 in line.groups or [(line.text, float("inf"), float("-inf"))]:
            column = next((c for c, (a, b) in enumerate(table.columns)
                           if a - RULE_TOLERANCE <= x0 and x1 <= b + RULE_TOLERANCE), None)
            if column is None:
                return False
            cells[column] = join_wrapped(cells[column], text)
    if not _fragment_header(PageTable(table.page, table.top, table.width, [cells], []), last):
        return False
    table.body.insert(0, cells)
    if table.bands:
        table.bands.insert(0, [cells])
    if table.continued:
        table.continued.insert(0, ())
    return True


def _new_table(assembler: BlockAssembler, found: PageTable) -> _Open:
    header = [Row(cells, i, found.page) for i, cells in enumerate(found.header, start=1)]
    start = len(header) + 1
    rows = [Row(cells, i, found.page, continued=_at(found.continued, i - start))
            for i, cells in enumerate(found.body, start=start)]
    table = assembler.table(header, rows, found.page)
    return _Open(table, found.width, found.header, found.page, start + len(rows),
                 found.alignment, found.columns)


def _extend(open_: _Open, found: PageTable) -> None:
    if found.alignment is None and open_.alignment is not None and found.bands:
        # no row of this page tells where the table prints its figures: earlier pages do
        body = printed_rows(found.bands, open_.alignment)
        if body != found.body:
            found.continued = []  # rows regrouped: no cell is said to run on
            found.body = body
    open_.alignment = found.alignment or open_.alignment
    extra = found.header if found.header != open_.header else []
    rows = [Row(cells, i, found.page,
                continued=_at(found.continued, k - len(extra)) if k >= len(extra) else ())
            for k, (i, cells) in enumerate(enumerate([*extra, *found.body],
                                                     start=open_.next_line))]
    if rows:
        rows[0].after_break = True  # a row cut by the page break is glued back (merge_fragments)
    open_.table.rows.extend(rows)
    open_.next_line += len(rows)
    open_.page = found.page


def _at(continued: list[tuple[int, ...]], k: int) -> tuple[int, ...]:
    return continued[k] if k < len(continued) else ()


def _body_size(items: list[_Line | PageTable]) -> float:
    sizes = [i.size for i in items if isinstance(i, _Line) and i.size]
    return statistics.median(sizes) if sizes else 0.0


def _starts_paragraph(prev: _Line, line: _Line) -> bool:
    height = max(prev.bottom - prev.top, 1.0)
    return (line.top - prev.bottom > 0.5 * height or abs(line.size - prev.size) > 0.5
            or line.bold != prev.bold or bool(CAPTION.match(line.text) or CAPTION.match(prev.text)
                                              or HEADING.match(line.text)
                                              or HEADING.match(prev.text)))


def _paragraph_text(lines: list[_Line]) -> str:
    text = ""
    for line in lines:
        text = join_wrapped(text, line.text)
    return text


def _is_heading(lines: list[_Line], body_size: float) -> bool:
    """Printed larger than the page's body text and short; `BAB III` style lines too."""
    text = _paragraph_text(lines)
    big = body_size > 0 and lines[0].size >= 1.15 * body_size
    return (big and len(text) <= 120) or bool(HEADING.match(text))
