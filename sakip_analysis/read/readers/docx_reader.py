"""Word (.docx) LKJIP reports: paragraphs and real tables, merged cells printed once.

The raw `w:p`/`w:tbl`/`w:tc` elements are walked directly: python-docx's `row.cells` repeats a
merged cell in every grid position it covers and is several times slower on large documents.
"""

from __future__ import annotations

from pathlib import Path

from sakip_analysis.errors import ReadError
from sakip_analysis.read.document import Document, Row
from sakip_analysis.read.identity import TITLE_PAGE_LINES, identify
from sakip_analysis.read.readers.blocks import BlockAssembler
from sakip_analysis.read.readers.layout import has_numbers, split_header

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
P, TBL, TR, TC, R = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}r"
SDT, SDT_CONTENT = f"{_W}sdt", f"{_W}sdtContent"
_T, _TAB, _BR, _CR = f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"
_NB_HYPHEN = f"{_W}noBreakHyphen"
_GRAPHICS = {f"{_W}drawing", f"{_W}pict", f"{_W}object"}
_VAL = f"{_W}val"
_TXBX = f"{_W}txbxContent"
_ALTERNATE, _CHOICE = f"{_MC}AlternateContent", f"{_MC}Choice"
# Inline containers whose runs are part of the paragraph's text (links, tracked insertions,
# simple fields, content controls); deleted text (`w:del`) is left out, as Word shows it.
_INLINE = {f"{_W}{t}" for t in ("hyperlink", "ins", "fldSimple", "smartTag", "customXml",
                                 "sdt", "sdtContent", "moveTo", "dir", "bdo")}
_ROW_WRAPPERS = {SDT, SDT_CONTENT, f"{_W}customXml"}


def read_docx(path: Path) -> Document:
    """Read a .docx report; `line` is the 1-based paragraph number (body paragraphs, empty
    ones counted, as python-docx's `Document.paragraphs` when there are no content controls),
    and a table row's `line` its 1-based row index in the Word table, header rows counted."""
    path = Path(path)
    word = _open(path)
    doc = Document(path=path, line_based=False)
    assembler = BlockAssembler(doc)
    headings = _heading_styles(word)
    identity_lines: list[str] = []
    number = 0
    for element in _body_blocks(word.element.body):
        if element.tag == P:
            number += 1
            text, floating = _paragraph_text(element)
            if len(identity_lines) < TITLE_PAGE_LINES:
                identity_lines.extend(line for line in [*text.split("\n"), *floating]
                                      if line.strip())
            assembler.paragraph(text, number, heading=_is_heading(element, headings))
        else:
            grid = _table_grid(element)
            rows = [Row(cells, line=i) for i, (cells, _) in enumerate(grid, start=1) if any(cells)]
            marked = sum(1 for _ in _leading(r for _, r in grid))
            header, body = _header(rows, marked)
            assembler.table(header, body)
    assembler.finish()
    doc.kecamatan, doc.kabupaten, doc.year = identify(identity_lines)
    doc.title_lines = identity_lines
    return doc


def _open(path: Path):
    import docx

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(path, f"tidak dapat dibuka: {exc.strerror}") from None
    if size == 0:
        raise ReadError(path, "berkas kosong")
    _check_unzipped_size(path, size)
    try:
        return docx.Document(str(path))
    except Exception as exc:  # python-docx raises zip, XML and key errors alike
        raise ReadError(path, f"bukan berkas Word .docx yang dapat dibaca ({type(exc).__name__}); "
                              "simpan ulang dari Word sebagai .docx") from None


def _check_unzipped_size(path: Path, size: int) -> None:
    """Refuse a .docx that would expand past the limits before any part of it is parsed."""
    import zipfile

    from sakip_analysis.read import limits

    try:
        with zipfile.ZipFile(path) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return  # not a zip at all: python-docx says so in its own words below
    if unzipped > limits.MAX_DOCX_UNZIPPED:
        raise ReadError(path, f"isi .docx terurai {unzipped / limits.MB:.0f} MB, melebihi batas "
                              f"{limits.MAX_DOCX_UNZIPPED / limits.MB:.0f} MB "
                              "(SAKIP_MAX_DOCX_MB)")
    ratio = unzipped / max(size, 1)
    if unzipped > limits.DOCX_RATIO_FLOOR and ratio > limits.MAX_DOCX_RATIO:
        raise ReadError(path, f"isi .docx terurai {ratio:.0f}× ukuran berkasnya, melebihi batas "
                              f"{limits.MAX_DOCX_RATIO:.0f}× (SAKIP_MAX_DOCX_RATIO): bukan "
                              "dokumen Word biasa")


def _heading_styles(word) -> set[str]:
    """Style ids of headings and titles (`Heading1`, `Judul1` in an Indonesian Word)."""
    ids = set()
    for style in word.styles.element.iterchildren(f"{_W}style"):
        name = style.find(f"{_W}name")
        label = (name.get(_VAL) if name is not None else "").lower()
        if label.startswith("heading") or label == "title":
            ids.add(style.get(f"{_W}styleId"))
    return ids


def _is_heading(p, headings: set[str]) -> bool:
    ppr = p.find(f"{_W}pPr")
    if ppr is None:
        return False
    style = ppr.find(f"{_W}pStyle")
    if style is not None and style.get(_VAL) in headings:
        return True
    level = ppr.find(f"{_W}outlineLvl")
    return level is not None and level.get(_VAL, "9").isdigit() and int(level.get(_VAL)) < 9


def _body_blocks(container):
    """Paragraphs and tables in document order, looking inside block-level content controls."""
    for child in container:
        if child.tag in (P, TBL):
            yield child
        elif child.tag in _ROW_WRAPPERS:
            yield from _body_blocks(child)


def _paragraph_text(p) -> tuple[str, list[str]]:
    """A paragraph's own text (line breaks as `\\n`) and the lines of any text boxes in it."""
    parts: list[str] = []
    floating: list[str] = []
    _collect(p, parts, floating)
    return "".join(parts), floating


def _collect(element, parts: list[str], floating: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == R:
            for item in child:
                t = item.tag
                if t == _T:
                    parts.append(item.text or "")
                elif t == _TAB:
                    parts.append("\t")
                elif t in (_BR, _CR):
                    parts.append("\n")
                elif t == _NB_HYPHEN:
                    parts.append("-")
                elif t == _ALTERNATE:  # the same drawing twice: read the first choice only
                    choice = item.find(_CHOICE)
                    if choice is not None:
                        floating.extend(_text_box_lines(choice))
                elif t in _GRAPHICS:
                    floating.extend(_text_box_lines(item))
        elif tag in _INLINE:
            _collect(child, parts, floating)


def _text_box_lines(element) -> list[str]:
    lines = []
    for box in element.iter(_TXBX):
        for p in box.iter(P):
            text, _ = _paragraph_text(p)
            lines.extend(line for line in text.split("\n") if line.strip())
    return lines


def _table_grid(tbl) -> list[tuple[list[str], object]]:
    """(cells, w:tr) per row: one string per grid column; a merged cell's text sits in its
    first grid position, the positions it spans (gridSpan) and its vertical continuations
    (vMerge) are empty, as in the text export."""
    grid_cols = tbl.find(f"{_W}tblGrid")
    width = len(grid_cols) if grid_cols is not None else 0
    out = []
    for tr in _children(tbl, TR):
        cells: list[str] = [""] * _int_prop(tr.find(f"{_W}trPr"), "gridBefore", 0)
        for tc in _children(tr, TC):
            tcpr = tc.find(f"{_W}tcPr")
            span = max(1, _int_prop(tcpr, "gridSpan", 1))
            text = "" if _continues(tcpr) else _cell_text(tc)
            cells.append(text)
            cells.extend([""] * (span - 1))
        out.append((cells, tr))
        width = max(width, len(cells))
    for cells, _ in out:
        cells.extend([""] * (width - len(cells)))
    return out


def _children(element, tag: str):
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _ROW_WRAPPERS:
            yield from _children(child, tag)


def _int_prop(props, name: str, default: int) -> int:
    if props is None:
        return default
    found = props.find(f"{_W}{name}")
    if found is None:
        return default
    try:
        return int(found.get(_VAL, default))
    except ValueError:
        return default


def _continues(tcpr) -> bool:
    """A vertically (vMerge) or legacy horizontally (hMerge) merged cell that is not the first."""
    if tcpr is None:
        return False
    for name in ("vMerge", "hMerge"):
        merge = tcpr.find(f"{_W}{name}")
        if merge is not None and merge.get(_VAL, "continue") != "restart":
            return True
    return False


def _cell_text(tc) -> str:
    """Paragraphs of a cell joined with spaces; a nested table's cells are flattened in."""
    parts: list[str] = []
    for child in tc:
        if child.tag == P:
            parts.append(_paragraph_text(child)[0])
        elif child.tag == TBL:
            parts.extend(" ".join(cells) for cells, _ in _table_grid(child))
        elif child.tag in _ROW_WRAPPERS:
            parts.append(_cell_text(child))
    return " ".join(" ".join(parts).split())


def _leading(trs):
    """The rows Word marks "repeat as header row" at the top of the table."""
    for tr in trs:
        trpr = tr.find(f"{_W}trPr")
        flag = trpr.find(f"{_W}tblHeader") if trpr is not None else None
        if flag is None or flag.get(_VAL, "true") in ("0", "false", "off"):
            return
        yield tr


def _header(rows: list[Row], marked: int) -> tuple[list[Row], list[Row]]:
    """Word's own header marks when they are plausible (no figures), else the shared rule."""
    if marked:
        header = [r for r in rows if r.line <= marked]
        if header and not any(has_numbers(r) for r in header):
            return header, [r for r in rows if r.line > marked]
    return split_header(rows)
