"""Text PDFs of LKJIP reports and budget-realisation annexes: ruled tables and prose lines.

Tables come from pdfplumber's ruling lines. Office exports often draw each wrapped text line or
each figure in its own (invisible) box, so one printed row arrives as several physical grid
rows; `logical_rows` puts them back together from the geometry (see its docstring). Scanned
PDFs (images without a text layer) cannot be read: OCR them first.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from sakip_analysis.errors import ReadError
from sakip_analysis.read.document import Document, Row, Table
from sakip_analysis.read.identity import TITLE_PAGE_LINES, identify
from sakip_analysis.read.readers.blocks import BlockAssembler
from sakip_analysis.read.readers.layout import (
    HEADER_WORDS,
    has_numbers,
    is_level_row,
    merge_fragments,
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
    above it, so both belong to one printed row."""

    cells: list[str]
    boxes: list[Box | None]
    joins_above: bool = False


@dataclass
class PageTable:
    """A table as found on one page: header rows and logical body rows, cells as printed."""

    page: int
    top: float
    width: int
    header: list[list[str]]
    body: list[list[str]]
    continued: list[tuple[int, ...]] = field(default_factory=list)  # per body row


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


@dataclass
class _Open:
    """The table the next page may continue."""

    table: Table
    width: int
    header: list[list[str]]
    page: int
    next_line: int


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
    line_number = 0
    ruled = _ruled_pages(path)
    with pdf:
        for page in _pages(path, pdf, ruled):
            if isinstance(page, _ProsePage):
                items = page.lines
                for item in items:
                    line_number += 1
                    item.number = line_number
                if items:
                    pages.append((page.page_number, list(items)))
                else:
                    without_text.append(page.page_number)
                continue
            if page.chars:
                items = read_page(page, line_number)
                line_number += sum(isinstance(i, _Line) for i in items)
                pages.append((page.page_number, items))
            else:
                without_text.append(page.page_number)
            page.close()  # drop the page's parsed objects: long files stay small in memory
    if not pages:
        raise ReadError(path, "PDF tanpa lapisan teks (hasil pindai?): jalankan OCR dahulu")
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


def _pages(path: Path, pdf, ruled: dict[int, _ProsePage | None] | None = None):
    """The pages, each parsed before use: a damaged page is one clear error. A page pdfium
    has read as prose (no rulings a table could stand on) comes as its lines instead."""
    try:
        pages = pdf.pages
    except Exception as exc:
        raise _unreadable(path, exc) from None
    for page in pages:
        prose = (ruled or {}).get(page.page_number)
        if prose is not None:
            yield prose
            continue
        try:
            page.chars  # parses the page's content stream  # noqa: B018
        except Exception as exc:
            raise ReadError(path, f"halaman {page.page_number} tidak dapat dibaca "
                                  f"({_reason(exc)})") from None
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

        def flush() -> None:
            joined = " ".join("".join(chars).split())
            if joined and tops:
                top, bottom = min(tops), max(bottoms)
                lines.append(_Line(joined, 0, page_number, top, bottom, max(sizes),
                                   bool(weights) and all(weights),
                                   top < MARGIN * height or bottom > (1 - MARGIN) * height))
            chars.clear(), tops.clear(), bottoms.clear(), sizes.clear(), weights.clear()

        for i in range(count):
            char = text.get_text_range(i, 1)
            if char in ("\r", "\n"):
                if char == "\n" or not chars:
                    flush()
                continue
            chars.append(char)
            if char.strip():
                _left, bottom, _right, top = text.get_charbox(i)
                tops.append(height - top)
                bottoms.append(height - bottom)
                sizes.append(pdfium_c.FPDFText_GetFontSize(text.raw, i))
                weights.append(pdfium_c.FPDFText_GetFontWeight(text.raw, i) >= 700)
        flush()
    finally:
        text.close()
    return sorted(lines, key=lambda line: line.top)


# --- one page --------------------------------------------------------------------------------

def read_page(page, line_offset: int = 0) -> list[_Line | PageTable]:
    """Text lines outside tables and the tables of one page, top to bottom."""
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
                           margin))
    items: list[_Line | PageTable] = sorted([*lines, *tables], key=lambda i: i.top)
    number = line_offset
    for item in items:
        if isinstance(item, _Line):
            number += 1
            item.number = number
    return items


def find_tables(page) -> list:
    """Ruled tables; pdfplumber's defaults only when the tolerant settings find none (a page
    drawn with real, well-joined lines). A 'table' of one column or one row is a frame."""
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
    body = logical_rows(rows[n_header:])
    if not header and not body:
        return None
    continued = merged_cells(rows[n_header:], visible_rules(page) if rules is None else rules)
    return PageTable(page.page_number, found.bbox[1], width, header, body, continued)


def merged_cells(rows: list[Physical], rules: list[tuple[float, float, float]]
                 ) -> list[tuple[int, ...]]:
    """Per printed row (as `logical_rows` gives them): the columns whose cell is empty and
    has no visible rule above it while other cells of the row do, so the cell above runs on
    over this row (a merged cell the export drew as two boxes, `Belum dapat diukur` over two
    indicators). A table drawn without rules between its rows has no such cells."""
    out: list[tuple[int, ...]] = []
    for group in _groups(rows):
        cells = _merge_group(group)
        if not any(cells):
            continue
        boxes = [(c, box) for c, box in enumerate(group[0].boxes) if box is not None]
        ruled = {c for c, box in boxes if _ruled(rules, box[1], box[0], box[2])}
        out.append(tuple(c for c, _ in boxes if out and ruled and c not in ruled
                         and c < len(cells) and not cells[c]))
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
        joins = (r > 0 and any(c[1] < top - 1 and c[3] > top + 1 for c in cells)
                 and not _ruled(rules, top, x0, x1))
        out.append(Physical([_unwrap(t) for t in text], list(row.cells), joins))
    return out


def visible_rules(page) -> list[tuple[float, float, float]]:
    """(y, x0, x1) of the horizontal edges a reader can see: strokes and fills that are not
    white. Office exports wrap text frames in white boxes that print nothing."""
    edges = [e for e in page.horizontal_edges if _visible(e)]
    grounds: dict[object, list[tuple[float, float, float, float]]] = {}
    for r in page.rects:  # filled boxes tall enough to be a cell's background
        if r.get("fill") and r["bottom"] - r["top"] > 2 * RULE_TOLERANCE:
            grounds.setdefault(_colour_key(r.get("non_stroking_color")), []).append(
                (r["x0"], r["x1"], r["top"], r["bottom"]))
    return [(e["top"], e["x0"], e["x1"]) for e in edges if not _on_same_ground(e, grounds)]


def _colour_key(color) -> object:
    return tuple(color) if isinstance(color, list | tuple) else color


def _on_same_ground(edge, grounds) -> bool:
    """A fill's edge drawn inside a larger fill of the same colour (a text frame on a
    coloured cell) shows nothing: it is no rule."""
    if edge.get("object_type") == "line" or edge.get("stroke") or not edge.get("fill"):
        return False
    y = edge["top"]
    return any(x0 <= edge["x0"] + 1 and x1 >= edge["x1"] - 1 and top < y - 1 and bottom > y + 1
               for x0, x1, top, bottom in grounds.get(
                   _colour_key(edge.get("non_stroking_color")), ()))


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


def _ruled(rules: list[tuple[float, float, float]], y: float, x0: float, x1: float) -> bool:
    """A visible rule runs along y over at least half the table's width."""
    spans = sorted((max(a, x0), min(b, x1)) for top, a, b in rules
                   if abs(top - y) <= RULE_TOLERANCE and b > x0 and a < x1)
    covered, reach = 0.0, x0
    for a, b in spans:
        if b > reach:
            covered += b - max(a, reach)
            reach = b
    return covered >= RULED_SHARE * (x1 - x0)


def _unwrap(text: str | None) -> str:
    """A cell's wrapped lines as one line (`RKA-` + `SKPD` stays `RKA-SKPD`)."""
    if not text:
        return ""
    out = ""
    for line in text.split("\n"):
        out = join_wrapped(out, " ".join(line.split()))
    return out


def join_wrapped(before: str, after: str) -> str:
    """Glue a wrapped line to the text before it; a word broken at its hyphen loses no space."""
    if not before:
        return after
    if not after:
        return before
    if before.endswith("-") and len(before) > 1 and before[-2].isalnum():
        return before + after
    if _cut_figure(before.rsplit(" ", 1)[-1], after.split(" ", 1)[0]):
        return before + after  # `16.000.0` + `00`: a figure wrapped inside a narrow cell
    return f"{before} {after}"


_CUT_FIGURE = re.compile(r"\d{1,3}([.,])\d{3}(?:\1\d{3})*\1\d{1,2}")


def _cut_figure(head: str, tail: str) -> bool:
    """True when `head` ends a figure in the middle of its last group of thousands and
    `tail` completes it (`9.218.67` + `1`): no figure ends in a broken group."""
    return (bool(_CUT_FIGURE.fullmatch(head)) and tail.isdigit()
            and len(re.split(r"[.,]", head)[-1]) + len(tail) == 3)


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
        return last + 1
    start = next((i for i, row in enumerate(rows) if any(row.cells)), len(rows))
    end = start + 1
    while end < len(rows) and rows[end].joins_above:
        end += 1
    probe = Row(_merge_group(rows[start:end]), 0) if start < len(rows) else None
    if probe is None or has_numbers(probe) or is_level_row(probe):
        return 0
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
    """
    out = []
    for group in _groups(rows):
        cells = _merge_group(group)
        if any(cells):
            out.append(cells)
    return out


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
        for item in _group_lines([i for i in items
                                  if not (isinstance(i, _Line) and i.furniture)]):
            if isinstance(item, PageTable):
                if (open_ is not None and not content_before and page_number == open_.page + 1
                        and _continues(open_, item)):
                    _extend(open_, item)
                else:
                    open_ = _new_table(assembler, item)
                content_before = True
                continue
            text = _paragraph_text(item)
            assembler.paragraph(text, item[0].number, item[0].page,
                                heading=_is_heading(item, body_size))
            if len(text) > STRAY_LENGTH or CAPTION.match(text):
                open_ = None
                content_before = True
    assembler.finish()
    for table in doc.tables:
        table.rows = merge_fragments(table.rows)


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


def _continues(open_: _Open, table: PageTable) -> bool:
    if table.width != open_.width:
        return False
    return not table.header or table.header == open_.header


def _new_table(assembler: BlockAssembler, found: PageTable) -> _Open:
    header = [Row(cells, i, found.page) for i, cells in enumerate(found.header, start=1)]
    start = len(header) + 1
    rows = [Row(cells, i, found.page, continued=_at(found.continued, i - start))
            for i, cells in enumerate(found.body, start=start)]
    table = assembler.table(header, rows, found.page)
    return _Open(table, found.width, found.header, found.page, start + len(rows))


def _extend(open_: _Open, found: PageTable) -> None:
    rows = [Row(cells, i, found.page, continued=_at(found.continued, k))
            for k, (i, cells) in enumerate(enumerate(found.body, start=open_.next_line))]
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
