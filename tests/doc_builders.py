"""Build small .docx and .pdf reports from an in-memory spec, so reader tests own their inputs.

A spec is a list of blocks, in document order:

    ("heading", "KECAMATAN JOGOROTO")
    ("paragraph", "Capaian kinerja 94,22%.")          # "\\n" becomes a line break
    ("table", "Tabel 3.1.1", ["Capaian IKU", "Tahun 2024"], rows)
    ("table", caption, title, rows, {"header_rows": 2, "widths": [40, 30, ...]})
    ("page_break",)
    ("scan",)                                         # PDF only: a page holding an image only

`caption` and `title` may be None; `title` is a string or a list of title lines. `rows` are
lists of cells written as in HTML: a cell is a string, `(text, colspan)`, `(text, colspan,
rowspan)` or a `Cell`; a position covered by a rowspan from above is left out of the rows below.
Word tables get real merges (gridSpan, vMerge); PDF tables get ruled borders via fpdf2's
`pdf.table()`. PDF text must be latin-1 (core fonts).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Cell:
    """One spec cell: `span` grid columns wide, `rows` rows high; `nested` puts a table inside
    the cell (Word only); `paragraphs` splits the text into several paragraphs (Word only)."""

    text: str = ""
    span: int = 1
    rows: int = 1
    nested: list[list[str]] | None = None
    paragraphs: list[str] = field(default_factory=list)


SpecCell = str | tuple | Cell
Block = tuple


def as_cell(spec: SpecCell) -> Cell:
    if isinstance(spec, Cell):
        return spec
    if isinstance(spec, str):
        return Cell(spec)
    text, span, *rest = spec
    return Cell(text, span, rest[0] if rest else 1)


def place(rows: Sequence[Sequence[SpecCell]]) -> tuple[int, list[tuple[int, int, Cell]]]:
    """Grid width and (row, column, cell) of every spec cell, resolving HTML-style spans."""
    covered: set[tuple[int, int]] = set()
    placed: list[tuple[int, int, Cell]] = []
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for spec in row:
            cell = as_cell(spec)
            while (r, c) in covered:
                c += 1
            placed.append((r, c, cell))
            for dr in range(cell.rows):
                for dc in range(cell.span):
                    covered.add((r + dr, c + dc))
            c += cell.span
        width = max(width, max((cc for rr, cc in covered if rr == r), default=-1) + 1)
    return width, placed


def _table_parts(block: Block) -> tuple[str | None, list[str], list, dict[str, Any]]:
    _, caption, title, rows, *rest = block
    titles = [] if title is None else [title] if isinstance(title, str) else list(title)
    return caption, titles, rows, (rest[0] if rest else {})


# --- Word ------------------------------------------------------------------------------------

def build_docx(path: Path, blocks: Sequence[Block]) -> Path:
    """Write a Word file; captions and titles are plain paragraphs above each table."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    for block in blocks:
        kind = block[0]
        if kind == "heading":
            document.add_heading(block[1], level=block[2] if len(block) > 2 else 1)
        elif kind == "paragraph":
            document.add_paragraph().add_run(block[1])
        elif kind == "page_break":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif kind == "table":
            caption, titles, rows, options = _table_parts(block)
            if caption:
                document.add_paragraph().add_run(caption).bold = True
            for line in titles:
                document.add_paragraph().add_run(line).bold = True
            _docx_table(document, rows, options)
        else:
            raise ValueError(f"unknown block kind {kind!r}")
    path = Path(path)
    document.save(str(path))
    return path


def _docx_table(document, rows, options: dict[str, Any]) -> None:
    width, placed = place(rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    grid = [list(row.cells) for row in table.rows]
    for r, c, cell in placed:
        target = grid[r][c]
        if cell.span > 1 or cell.rows > 1:
            target = target.merge(grid[r + cell.rows - 1][c + cell.span - 1])
        _fill_docx_cell(target, cell)


def _fill_docx_cell(target, cell: Cell) -> None:
    texts = cell.paragraphs or [cell.text]
    target.paragraphs[0].text = texts[0]
    for text in texts[1:]:
        target.add_paragraph(text)
    if cell.nested:
        inner = target.add_table(rows=len(cell.nested), cols=len(cell.nested[0]))
        for r, row in enumerate(cell.nested):
            for c, text in enumerate(row):
                inner.cell(r, c).text = text


# --- PDF -------------------------------------------------------------------------------------

def build_pdf(path: Path, blocks: Sequence[Block], *, landscape: bool = False,
              running_head: str | None = None, page_numbers: bool = False) -> Path:
    """Write a text PDF with fpdf2 (Helvetica); tables are ruled on every cell edge.
    `running_head` is printed at the top of every page, `page_numbers` at the bottom."""
    from fpdf import FPDF

    class _Pdf(FPDF):
        def header(self) -> None:
            if running_head:
                self.set_font("Helvetica", "I", 8)
                self.cell(0, 5, running_head, new_x="LMARGIN", new_y="NEXT")
                self.ln(2)

        def footer(self) -> None:
            if page_numbers:
                self.set_y(-12)
                self.set_font("Helvetica", "", 8)
                self.cell(0, 5, str(self.page_no()), align="C")

    pdf = _Pdf(orientation="L" if landscape else "P", format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    for block in blocks:
        kind = block[0]
        if kind == "heading":
            pdf.set_font("Helvetica", "B", 13)
            pdf.multi_cell(0, 7, block[1], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        elif kind == "paragraph":
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(0, 5, block[1], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        elif kind == "page_break":
            pdf.add_page()
        elif kind == "scan":
            pdf.add_page()
            pdf.image(_scan_image(), x=10, y=10, w=pdf.epw / 2)
            pdf.add_page()
        elif kind == "table":
            _pdf_table(pdf, block)
        else:
            raise ValueError(f"unknown block kind {kind!r}")
    path = Path(path)
    pdf.output(str(path))
    return path


def _pdf_table(pdf, block: Block) -> None:
    caption, titles, rows, options = _table_parts(block)
    pdf.set_font("Helvetica", "B", 10)
    if caption:
        pdf.multi_cell(0, 5, caption, new_x="LMARGIN", new_y="NEXT")
    for line in titles:
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Helvetica", "", 8)
    header_rows = options.get("header_rows", 1)
    with pdf.table(col_widths=options.get("widths"), num_heading_rows=header_rows,
                   first_row_as_headings=header_rows > 0, text_align="LEFT",
                   line_height=4, repeat_headings=options.get("repeat_headings", 1)) as table:
        for spec_row in rows:
            row = table.row()
            for spec in spec_row:
                cell = as_cell(spec)
                row.cell(cell.text, colspan=cell.span, rowspan=cell.rows)
    pdf.ln(5)


def _scan_image() -> io.BytesIO:
    """A grey-on-white PNG that looks like a scanned page of text (pixels, no text layer)."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (400, 560), 255)
    draw = ImageDraw.Draw(image)
    for y in range(40, 520, 24):
        draw.rectangle((40, y, 360, y + 10), fill=90)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    return buffer


def build_scanned_pdf(path: Path, pages: int = 1) -> Path:
    """A PDF whose pages are images only (no text layer), like a scanner's output."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    for _ in range(pages):
        pdf.add_page()
        pdf.image(_scan_image(), x=10, y=10, w=190)
    path = Path(path)
    pdf.output(str(path))
    return path


def build_boxed_pdf(path: Path, rows: Sequence[Sequence[Sequence[str]]], widths: Sequence[float],
                    *, whole: Sequence[int] = (), unruled: Sequence[int] = (),
                    shade: int = 255) -> Path:
    """A table drawn the way some Office exports draw it (the Tangsel realisation report):
    each text line of a cell sits in its own white, invisible box, so pdfplumber sees one grid
    row per text line; only the columns in `whole` get one box over the printed row's height.

    `rows` holds printed rows; a cell is its list of text lines ("" for an empty line). Visible
    black rules are drawn around the table, between columns, and above every printed row
    except those whose index is in `unruled`. `shade` is the boxes' grey level (255: white,
    invisible; lower: cell shading printed band by band, one band per text line, as the
    Muncar Renstra prints it).
    """
    from fpdf import FPDF

    pdf = FPDF(orientation="L", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 8)
    line_h, x_start, y = 5.0, 15.0, 20.0
    xs = [x_start]
    for w in widths:
        xs.append(xs[-1] + w)
    top = y
    for r, row in enumerate(rows):
        height = max(len(cell) for cell in row) * line_h
        pdf.set_fill_color(shade)
        for c, cell in enumerate(row):
            if c in whole:
                pdf.rect(xs[c] + 0.5, y + 0.5, widths[c] - 1, height - 1, style="F")
            for i, text in enumerate(cell):
                if c not in whole:
                    pdf.rect(xs[c] + 0.5, y + i * line_h + 0.3, widths[c] - 1, line_h - 0.6,
                             style="F")
                if text:
                    pdf.text(xs[c] + 1.5, y + i * line_h + 3.6, text)
        pdf.set_fill_color(0)
        if r not in unruled:
            pdf.rect(xs[0], y - 0.1, xs[-1] - xs[0], 0.2, style="F")
        y += height
    _close_grid(pdf, xs, top, y)
    path = Path(path)
    pdf.output(str(path))
    return path


def _close_grid(pdf: Any, xs: Sequence[float], top: float, bottom: float) -> None:
    """Draw a table's bottom rule and its column rules, as thin black fills (the way Office
    exports draw them)."""
    pdf.set_fill_color(0)
    pdf.rect(xs[0], bottom - 0.1, xs[-1] - xs[0], 0.2, style="F")
    for x in xs:
        pdf.rect(x - 0.1, top, 0.2, bottom - top, style="F")


def build_shaded_pdf(path: Path, header: Sequence[str], rows: Sequence[Sequence[Sequence[str]]],
                     widths: Sequence[float], *, shaded: Sequence[int] = (),
                     unruled: Sequence[int] = (), highlighted: Sequence[int] = (),
                     spaced: Sequence[tuple[int, int]] = (), caption: str | None = None,
                     page_breaks: Sequence[int] = ()) -> Path:
    """A table drawn the way some Word exports draw a budget table (RS Jiwa's Tabel 11): every
    text line of every cell sits in its own filled box, green in the rows listed in `shaded`
    and white elsewhere, and no cell box spans a printed row's lines; black rules are drawn
    above the header, between printed rows except above those listed in `unruled`, below the
    table and between columns. Rows in `highlighted` print their text over a tight olive
    highlight box; cells (row, column) in `spaced` are printed letter-spaced.

    `rows` holds printed rows; a cell is its list of text lines ("" for an empty line), so a
    figure may stand on the first, a middle or the last line of its row. A row listed in
    `page_breaks` starts a new page (the header is printed on the first page only); one that
    is also in `unruled` has no rule at the top of its page, as Word draws the part of a row
    the page break cut off.
    """
    from fpdf import FPDF

    pdf = FPDF(orientation="P", format="A4")
    pdf.set_font("Helvetica", "", 9)
    line_h, x_start = 6.0, 15.0
    xs = [x_start]
    for w in widths:
        xs.append(xs[-1] + w)
    starts = [0, *sorted(page_breaks)]
    for start, end in zip(starts, [*starts[1:], len(rows)], strict=True):
        pdf.add_page()
        y = 20.0
        if caption and start == 0:
            pdf.text(x_start, y, caption)
            y += 8
        top = y
        if start == 0:
            pdf.set_fill_color(0)
            pdf.rect(xs[0], y - 0.1, xs[-1] - xs[0], 0.2, style="F")
            for c, text in enumerate(header):
                pdf.text(xs[c] + 1.5, y + 4.2, text)
            y += line_h
        for r in range(start, end):
            row = rows[r]
            height = max(len(cell) for cell in row) * line_h
            if r not in unruled or (r == start == 0):
                pdf.set_fill_color(0)
                pdf.rect(xs[0], y - 0.1, xs[-1] - xs[0], 0.2, style="F")
            for c, cell in enumerate(row):
                for i, text in enumerate(cell):
                    if r in shaded:
                        pdf.set_fill_color(196, 215, 155)
                    else:
                        pdf.set_fill_color(255)
                    pdf.rect(xs[c] + 0.4, y + i * line_h, widths[c] - 0.8, line_h, style="F")
                    if not text:
                        continue
                    pdf.set_char_spacing(4.0 if (r, c) in spaced else 0)
                    if r in highlighted:
                        pdf.set_fill_color(128, 128, 0)
                        pdf.rect(xs[c] + 1.5, y + i * line_h + 1.2, pdf.get_string_width(text),
                                 3.8, style="F")
                    pdf.text(xs[c] + 1.5, y + i * line_h + 4.2, text)
                    pdf.set_char_spacing(0)
            y += height
        _close_grid(pdf, xs, top, y)
    path = Path(path)
    pdf.output(str(path))
    return path


def build_positioned_pdf(path: Path, lines: Sequence[Sequence[tuple[float, str]]], *,
                         pitch: float = 8.0, ruled_table: bool = False) -> Path:
    """Text lines printed at given positions, as a list aligned with tabs or spaces prints
    (no rulings): each line is a list of (x in mm, text), one line every `pitch` mm; an
    empty line leaves a gap. `ruled_table` draws a small ruled table above the lines, so the
    page is one pdfplumber reads (not left to pdfium as a page without rulings)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    y = 25.0
    if ruled_table:
        pdf.set_font("Helvetica", "", 9)
        with pdf.table(col_widths=[60, 30], text_align="LEFT", line_height=5) as table:
            for spec in (["Sasaran", "Target"], ["Meningkatnya kinerja", "90"],
                         ["Meningkatnya layanan", "80"]):
                row = table.row()
                for text in spec:
                    row.cell(text)
        pdf.set_font("Helvetica", "", 11)
        y = pdf.get_y() + 12
    for line in lines:
        for x, text in line:
            pdf.text(x, y, text)
        y += pitch
    path = Path(path)
    pdf.output(str(path))
    return path


# --- the reference report's tables (LKJIP Kecamatan Jogoroto 2024), for reuse --------------

JOGOROTO_TITLE_PAGE: list[Block] = [
    ("paragraph", "PEMERINTAH KABUPATEN JOMBANG\nKECAMATAN JOGOROTO"),
    ("paragraph", "Jalan Raya Jogoroto No 01 Ds. Jogoroto Telp. (0321) 860486"),
    ("paragraph", "LKJIP"),
    ("paragraph", "LAPORAN KINERJA INSTANSI PEMERINTAH"),
    ("paragraph", "KECAMATAN JOGOROTO"),
    ("paragraph", "TAHUN 2024"),
    ("page_break",),
]

IKU_HEADER = ["Sasaran", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"]
IKU_ROWS = [
    ["Meningkatnya Akuntabilitas dan Kinerja Birokrasi", "Nilai SAKIP", "72,00", "67,84", "94,22"],
    ["Meningkatnya Kualitas Layanan Publik", "Nilai IKPP Kec Jogoroto", "7,70", "7,97", "103%"],
    ["", "Nilai PATEN Kec Jogoroto", "85", "88,28", "103%"],
]
TABEL_3_1_1: Block = ("table", "Tabel 3.1.1",
                      ["Capaian Indikator Kinerja Utama", "Kecamatan Jogoroto Tahun 2024"],
                      [IKU_HEADER, *IKU_ROWS], {"widths": [70, 60, 20, 20, 25]})

KINERJA_ANGGARAN_HEADER = [
    ["SASARAN, PROGRAM, KEGIATAN", "INDIKATOR", "KINERJA", "", "", "ANGGARAN", "", ""],
    ["", "", "TARGET", "REALISASI", "CAPAIAN", "TARGET", "REALISASI", "CAPAIAN"],
]
KINERJA_ANGGARAN_ROWS = [  # as the text export prints them: spans give empty cells
    ["Sasaran : Meningkatnya kualitas penyelenggaraan pemerintahan dan layanan Kecamatan",
     "Nilai SAKIP", "72,00", "67,84", "94,22", "2.954.994.511", "2.633.370.523", "89,12%"],
    ["Kegiatan: Administrasi Keuangan Perangkat Daerah",
     "1. Persentase Pemenuhan Administrasi Keuangan Perangkat Daerah", "100%", "100%",
     "100,00", "2.440.638.873", "2.182.149.205", "89,41"],
    ["", "2. Persentase laporan keuangan yang tersusun", "100%", "100%", "100,00",
     "3.905.000", "1.866.900", "47,80"],
    ["RATA-RATA PENCAPAIAN KINERJA KEGIATAN DAN ANGGARAN", "", "", "", "",
     "2.954.994.511", "2.633.370.523", "89,12%"],
]
TABEL_3_2_1: Block = ("table", "TABEL 3.2.1",
                      ["PENCAPAIAN KINERJA DAN ANGGARAN", "KECAMATAN JOGOROTO TAHUN 2024"], [
    [("SASARAN, PROGRAM, KEGIATAN", 1, 2), ("INDIKATOR", 1, 2), ("KINERJA", 3),
     ("ANGGARAN", 3)],
    KINERJA_ANGGARAN_HEADER[1][2:],
    KINERJA_ANGGARAN_ROWS[0],
    [(KINERJA_ANGGARAN_ROWS[1][0], 1, 2), *KINERJA_ANGGARAN_ROWS[1][1:]],  # merged down
    KINERJA_ANGGARAN_ROWS[2][1:],
    [(KINERJA_ANGGARAN_ROWS[3][0], 5), *KINERJA_ANGGARAN_ROWS[3][5:]],  # merged across
], {"header_rows": 2, "widths": [62, 62, 17, 20, 18, 27, 27, 17]})

BUDGET_HEADER = ["Program/Kegiatan", "Indikator", "Target", "Pagu Anggaran", "Realisasi",
                 "Menunjang /Kurang", "Prosentase"]
BUDGET_ROWS = [
    ["Program: Penunjang Urusan Pemerintahan Daerah Kabupaten/kota",
     "Persentase rata-rata capaian kinerja aparatur", "100%", "2.796.089.661,00",
     "2.484.058.021,00", "", "88,84"],
    ["Kegiatan: Perencanaan, Penganggaran dan Evaluasi Kinerja Perangkat Daerah",
     "Persentase dokumen perencanaan, penganggaran dan evaluasi kinerja PD yang tersusun "
     "sesuai aturan", "100%", "15.445.000", "12.202.500", "", "79,00%"],
    ["JUMLAH", "", "", "2.954.994.511", "2.633.370.523", "", "89,12%"],
]
TABEL_4_9: Block = ("table", "Tabel 4.9",
                    "Program, Kegiatan, Anggaran, Outcome/Output Yang Dihasilkan",
                    [BUDGET_HEADER, *BUDGET_ROWS], {"widths": [70, 70, 15, 32, 32, 22, 22]})


def jogoroto_blocks() -> list[Block]:
    """A short LKJIP in the reference layout: title page, prose with figures, Tabel 3.1.1
    (IKU), Tabel 3.2.1 (two-line header with spans) and Tabel 4.9 (budget). Build PDFs of it
    in landscape: the tables are wide."""
    return [
        *JOGOROTO_TITLE_PAGE,
        ("heading", "BAB III AKUNTABILITAS KINERJA"),
        ("paragraph", "Hasil pengukuran Indikator Kinerja Utama Tahun 2024:"),
        TABEL_3_1_1,
        ("paragraph", "Dari tabel tersebut terlihat bahwa capaian Nilai SAKIP 94,22% belum "
                      "memenuhi target, sedangkan Nilai IKPP dan Nilai PATEN mencapai 103%."),
        ("paragraph", "Secara rinci pencapaian kinerja dan anggaran tersaji sebagai berikut:"),
        TABEL_3_2_1,
        ("page_break",),
        ("paragraph", "Pada tahun 2024 Kecamatan Jogoroto mendapatkan anggaran sebesar "
                      "Rp. 2.954.994.511 dengan realisasi Rp. 2.633.370.523 (89,12%)."),
        TABEL_4_9,
        ("paragraph", "Rincian nilai hasil evaluasi:"),
        ("table", None, None, [["No", "Komponen", "Bobot", "Nilai Hasil Evaluasi"],
                               ["a", "Perencanaan Kinerja", "30 %", "25,34"],
                               ["b", "Pengukuran Kinerja", "30 %", "23,40"]]),
    ]
