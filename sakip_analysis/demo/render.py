"""Write a report's blocks as a text export (tab-separated tables) or as a Word file.

Both renderers return where each block landed, so the manifest can point at the text line,
or at the Word paragraph / table row, of every injected value.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from sakip_analysis.demo.layout import Para, Report, TableBlock

Position = tuple[object, ...]
"""Keys: ("para", block), ("caption", block), ("title", block, i), ("row", block, r)."""

FIXED_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def render_text(report: Report) -> tuple[str, dict[Position, int]]:
    """The text export and the 1-based line of every paragraph, caption, title line and row."""
    lines: list[str] = []
    where: dict[Position, int] = {}

    def add(text: str) -> int:
        lines.append(text)
        return len(lines)

    for b, block in enumerate(report.blocks):
        if isinstance(block, Para):
            where[("para", b)] = add(block.text)
            add("")
            continue
        where[("caption", b)] = add(block.caption)
        for i, title in enumerate(block.title):
            where[("title", b, i)] = add(title)
        add("")
        for r, cells in enumerate(block.cells):
            where[("row", b, r)] = add("\t".join(cells))
        add("")
    return "\n".join(lines) + "\n", where


def write_text(report: Report, path: Path) -> dict[Position, int]:
    text, where = render_text(report)
    path.write_bytes(text.encode("utf-8"))
    return where


def write_docx(report: Report, path: Path) -> dict[Position, tuple[int, ...]]:
    """A Word file with real tables (two-row headers merged as Word users do).

    Positions: paragraphs and captions → (n,), the 1-based index in python-docx
    `Document.paragraphs`; table rows → (table index, row), both 1-based, header rows counted.
    The file is byte-identical for the same report (fixed dates and zip times).
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

    doc = docx.Document()
    stamp = datetime(report.figures.year + 1, 3, 31, tzinfo=UTC)
    props = doc.core_properties
    props.author = props.last_modified_by = "sakip-analysis (demo)"
    props.title = f"LKJIP Kecamatan {report.figures.kecamatan} {report.figures.year} (demo)"
    props.created = props.modified = stamp
    props.revision = 1
    where: dict[Position, tuple[int, ...]] = {}
    n_para = 0
    n_table = 0
    title_page = True
    for b, block in enumerate(report.blocks):
        if isinstance(block, Para):
            if block.style == "heading":
                if title_page:  # the title page ends before the first heading
                    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
                    title_page = False
                paragraph = doc.add_heading(block.text, level=1)
            else:
                paragraph = doc.add_paragraph()
                run = paragraph.add_run(block.text)
                if block.style in ("title", "marker"):
                    run.bold = True
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            n_para += 1
            where[("para", b)] = (n_para,)
            continue
        caption = doc.add_paragraph()
        caption.add_run(block.caption).bold = True
        n_para += 1
        where[("caption", b)] = (n_para,)
        for i, title in enumerate(block.title):
            doc.add_paragraph().add_run(title).bold = True
            n_para += 1
            where[("title", b, i)] = (n_para,)
        n_table += 1
        _add_table(doc, block)
        for r in range(len(block.cells)):
            where[("row", b, r)] = (n_table, r + 1)
    buffer = io.BytesIO()
    doc.save(buffer)
    path.write_bytes(_fixed_zip(buffer.getvalue()))
    return where


def _add_table(doc, block: TableBlock) -> None:
    width = len(block.cells[0])
    table = doc.add_table(rows=len(block.cells), cols=width)
    table.style = "Table Grid"
    grid = [row.cells for row in table.rows]
    covered: set[tuple[int, int]] = set()
    if block.n_header == 2:
        top, sub = block.cells[0], block.cells[1]
        for i in range(width):
            if not top[i]:
                continue
            end = i + 1
            while end < width and not top[end] and sub[end]:
                end += 1
            if end - i > 1 and sub[i]:
                grid[0][i].merge(grid[0][end - 1])
                covered.update((0, j) for j in range(i + 1, end))
            elif not sub[i]:
                grid[0][i].merge(grid[1][i])
                covered.add((1, i))
    for r, cells in enumerate(block.cells):
        for c, text in enumerate(cells):
            if (r, c) not in covered and text:
                grid[r][c].text = text
        if r < block.n_header:
            for c in range(width):
                for paragraph in grid[r][c].paragraphs:
                    for run in paragraph.runs:
                        run.bold = True


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed member times, so equal documents give equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
