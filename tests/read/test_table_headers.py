"""Headers as real reports print them: a merged group cell per year that also names the
measures (`Tahun 2015 Capkin Target Realisasi`), its sub-labels run into the first data row
(`( %) 80`), the header repeated on the next page; figures wrapped inside a narrow cell.

Every figure asserted here is typed into the test's own document; capaian figures are the
printed ones, chosen by hand (84/80×100 = 105; 80,36/82×100 = 98)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from doc_builders import build_docx
from hypothesis import given
from hypothesis import strategies as st

from sakip_analysis.read.document import Document, Row, Table
from sakip_analysis.read.extract import extract_paths
from sakip_analysis.read.numbers import (
    RATIO_FIT,
    parse_number,
    settle_by_ratio,
    share_number,
    stacked_entries,
    with_share,
)
from sakip_analysis.read.readers.pdf_reader import Physical, join_wrapped, merged_cells
from sakip_analysis.read.tables.context import TableContext
from sakip_analysis.read.tables.header import columns, settle_header
from sakip_analysis.read.tables.stacked import split_row

TITLES = ["No", "Indikator Sasaran", "Satuan"]
GROUP_2015 = "Tahun 2015 Capkin Target Realisasi"
GROUP_2016 = "Tahun 2016 Capkin Target Realisasi"


def _spilled_table() -> Table:
    """The rows as a PDF reader gives them when the header's last row is cut in two: the
    titles, then the merged year cells, then the first data row carrying the sub-labels."""
    header = [Row([*TITLES, *[""] * 8], 1, 3)]
    rows = [
        Row(["", "", "", GROUP_2015, "", "", "", GROUP_2016, "", "", ""], 2, 3),
        Row(["1", "Indeks Kepuasan Masyarakat", "%", "( %) 80", "(%) 84", "2015 (%) 105,00",
             "Kriteria SB", "( %) 82", "(%) 80,36", "2016 (%) 98,00", "Kriteria B"], 3, 3),
        # the next page's header top, taken in by the last row of this page
        Row(["2", "Nilai SAKIP", "point", "70", "72,10", "103,00", f"SB {GROUP_2015}",
             "72", "71,28", "99,00", f"B {GROUP_2016}"], 4, 3),
        # the first row of the next page, with the repeated sub-labels
        Row(["3", "Jumlah Temuan", "temuan", "( %) 10", "(%) 8", "2015 (%) 125,00",
             "Kriteria SB", "( %) 9", "(%) 9", "2016 (%) 100,00", "Kriteria SB"], 6, 4),
    ]
    return Table(1, None, "3.2 Capaian Kinerja Sasaran", header, rows, 1, 3)


def test_merged_year_cells_and_spilled_sublabels_rebuild_the_columns():
    settled = settle_header(_spilled_table())
    cols = columns(settled.header, 11)
    assert [(c.group, c.label, c.year) for c in cols[3:7]] == [
        ("Tahun 2015", "Target ( %)", 2015), ("Tahun 2015", "Realisasi (%)", 2015),
        ("Tahun 2015", "Capkin 2015 (%)", 2015), ("Tahun 2015", "Kriteria", 2015)]
    assert [(c.label, c.year) for c in cols[7:]] == [
        ("Target ( %)", 2016), ("Realisasi (%)", 2016), ("Capkin 2016 (%)", 2016),
        ("Kriteria", 2016)]
    assert [c.label for c in cols[:3]] == TITLES
    body = [r.cells for r in settled.rows]
    assert body[0][3:] == ["80", "84", "105,00", "SB", "82", "80,36", "98,00", "B"]
    assert body[1][6] == "SB" and body[1][10] == "B"  # the repeated header top is taken off
    assert body[2][3:] == ["10", "8", "125,00", "SB", "9", "9", "100,00", "SB"]
    assert [r.line for r in settled.rows] == [3, 4, 6]  # rows keep their printed place


def test_a_label_cell_starting_with_a_header_word_is_not_peeled():
    """`Jumlah …` under a labelled column is an indicator, not a spilled sub-label."""
    table = Table(1, None, "", [Row(["Indikator", "Target", "Realisasi", "Capaian"], 1)], [
        Row(["Jumlah Temuan", "10", "8", "125"], 2),
        Row(["Target Kinerja Terpenuhi", "5", "5", "100"], 3)], 1)
    settled = settle_header(table)
    assert settled.header == table.header and settled.rows == table.rows


def test_two_row_header_without_merged_measures_is_unchanged():
    header = [Row(["Indikator", "Tahun 2015", "", "", "Tahun 2016", "", ""], 1),
              Row(["", "Target", "Realisasi", "%", "Target", "Realisasi", "%"], 2)]
    cols = columns(header, 7)
    assert [(c.group, c.label, c.year) for c in cols] == [
        ("", "Indikator", None), ("Tahun 2015", "Target", 2015),
        ("Tahun 2015", "Realisasi", 2015), ("Tahun 2015", "%", 2015),
        ("Tahun 2016", "Target", 2016), ("Tahun 2016", "Realisasi", 2016),
        ("Tahun 2016", "%", 2016)]


def test_a_leaf_title_cell_carries_no_group():
    """`Satuan` printed over all header rows names its own column only."""
    header = [Row(["Indikator", "Satuan", "", ""], 1),
              Row(["", "", "Tahun 2016", ""], 2),
              Row(["", "", "Target", "Realisasi"], 3)]
    cols = columns(header, 4)
    assert [(c.group, c.label, c.year) for c in cols] == [
        ("", "Indikator", None), ("", "Satuan", None), ("Tahun 2016", "Target", 2016),
        ("Tahun 2016", "Realisasi", 2016)]


def test_three_row_header_keeps_its_stacked_labels():
    """`ANGGARAN` / `SEBELUM` / `PERUBAHAN`: own cells of the lower rows stay one label."""
    header = [Row(["Program", "ANGGARAN", ""], 1),
              Row(["", "SEBELUM", "SESUDAH"], 2),
              Row(["", "PERUBAHAN", "PERUBAHAN"], 3)]
    cols = columns(header, 3)
    assert [(c.group, c.label) for c in cols] == [
        ("", "Program"), ("ANGGARAN", "SEBELUM PERUBAHAN"), ("ANGGARAN", "SESUDAH PERUBAHAN")]


def test_report_with_merged_year_cells_yields_each_year(tmp_path):
    rows = [
        [*TITLES, (GROUP_2015, 4), (GROUP_2016, 4)],
        ["1", "Indeks Kepuasan Masyarakat", "%", "( %) 80", "(%) 84", "2015 (%) 105,00",
         "Kriteria SB", "( %) 82", "(%) 80,36", "2016 (%) 98,00", "Kriteria B"],
        ["2", "Nilai SAKIP", "point", "70", "72,10", "103,00", "SB", "72", "71,28", "99,00",
         "B"],
    ]
    path = build_docx(tmp_path / "lkip-2016-dinas-contoh.docx", [
        ("paragraph", "LAPORAN KINERJA DINAS CONTOH PROVINSI JAWA BARAT TAHUN 2016"),
        ("table", None, "3.2 Capaian Kinerja Sasaran Stratejik", rows)])
    result = extract_paths([path])
    assert result.failed == []
    ind = result.tables["indicators"]
    got = {(r.indicator, r.period_year): (r.target_raw, r.realisasi_raw,
                                          r.capaian_reported_raw, r.capaian_reported)
           for r in ind.itertuples()}
    assert got == {
        ("Indeks Kepuasan Masyarakat", 2015): ("80", "84", "105,00", 105.0),
        ("Indeks Kepuasan Masyarakat", 2016): ("82", "80,36", "98,00", 98.0),
        ("Nilai SAKIP", 2015): ("70", "72,10", "103,00", 103.0),
        ("Nilai SAKIP", 2016): ("72", "71,28", "99,00", 99.0),
    }
    assert set(ind["source_table"]) == {"Tabel tanpa nomor (3.2 Capaian Kinerja Sasaran "
                                        "Stratejik)"}


# --- a figure wrapped inside its cell --------------------------------------------------------

def _grouped(n: int, mark: str) -> str:
    return f"{n:,}".replace(",", mark)


@given(st.integers(min_value=1_000_000, max_value=10**15), st.sampled_from([".", ","]),
       st.integers(min_value=1, max_value=2))
def test_a_figure_cut_inside_its_last_group_is_joined(n, mark, kept):
    """At least one whole group before the cut: `1.0` over `00` could be a decimal."""
    printed = _grouped(n, mark)
    cut = len(printed) - 3 + kept  # `16.000.0` | `00`
    assert join_wrapped(printed[:cut], printed[cut:]) == printed


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**9),
       st.sampled_from([".", ","]))
def test_two_whole_figures_on_two_lines_stay_apart(a, b, mark):
    first, second = _grouped(a, mark), _grouped(b, mark)
    assert join_wrapped(first, second) == f"{first} {second}"


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=0, max_value=99))
def test_a_decimal_figure_is_never_glued_to_the_next_line(whole, cents):
    """`39,00` over `21,00` (or `13.000,5` over `00`) are figures of their own."""
    assert join_wrapped(f"{whole},{cents:02d}", "21") == f"{whole},{cents:02d} 21"
    assert join_wrapped(f"13.{whole:03d},5", "00") == f"13.{whole:03d},5 00"


# --- a realisasi printed with its capaian, stacked rows ---------------------------------------

def test_realisasi_with_capaian_in_brackets_fills_both_columns(tmp_path):
    """`86 (101%) 270 (60%)` under Realisasi, two indicators in one printed row: each gets its
    realisasi and the capaian printed beside it; the `Capaian Sasaran` column's `80,5` (the
    mean of 101 and 60) is the sasaran's and comes as a sasaran row, not as an indicator's."""
    rows = [
        ["No", "Sasaran", "Indikator Sasaran", "Target", "Realisasi", "Capaian Sasaran"],
        ["1.", "Ketersediaan pangan", "- Skor PPH Ketersediaan - Tonase Cadangan Pangan",
         "85 450", "86 (101%) 270 (60%)", "80,5"],
        ["2.", "Keamanan pangan", "- Sampel pangan tersertifikat", "85", "98,5 (115,88)",
         "115,88"],
        ["3.", "Kualitas pangan", "- Konsumsi Pangan a. Konsumsi Energi b. Konsumsi Protein",
         "100 2.050 56", "106.81 2.165 (105,60) 60,5 (108.03)", "105.33"],
        ["4.", "Mutu layanan", "- Indeks kepuasan", "80", "84", "105"],
    ]
    path = build_docx(tmp_path / "lakip-2016-badan-contoh.docx", [
        ("paragraph", "LAPORAN KINERJA BADAN CONTOH PROVINSI JAWA BARAT TAHUN 2016"),
        ("table", "Tabel 2", "Capaian Sasaran", rows)])
    result = extract_paths([path])
    ind = result.tables["indicators"]
    got = {(r.level, r.indicator): (_text(r.target_raw), _text(r.realisasi_raw),
                                    _text(r.capaian_reported_raw)) for r in ind.itertuples()}
    assert got == {
        ("iku", "Skor PPH Ketersediaan"): ("85", "86", "(101%)"),
        ("iku", "Tonase Cadangan Pangan"): ("450", "270", "(60%)"),
        ("sasaran", "Ketersediaan pangan"): (None, None, "80,5"),
        ("iku", "- Sampel pangan tersertifikat"): ("85", "98,5", "(115,88)"),
        ("sasaran", "Keamanan pangan"): (None, None, "115,88"),
        ("iku", "Konsumsi Pangan"): ("100", "106.81", None),
        ("iku", "Konsumsi Energi"): ("2.050", "2.165", "(105,60)"),
        ("iku", "Konsumsi Protein"): ("56", "60,5", "(108.03)"),
        ("sasaran", "Kualitas pangan"): (None, None, "105.33"),
        ("iku", "- Indeks kepuasan"): ("80", "84", "105"),  # no bracket: the column is its own
    }
    by = {r.indicator: r for r in ind.itertuples()}
    assert (by["Skor PPH Ketersediaan"].realisasi, by["Skor PPH Ketersediaan"].capaian_reported,
            by["Konsumsi Energi"].realisasi, by["Konsumsi Energi"].capaian_reported) == (
        86.0, 101.0, 2165.0, 105.6)
    assert by["Skor PPH Ketersediaan"].capaian_reported_kind == "number"
    assert by["Skor PPH Ketersediaan"].source_line == by["Tonase Cadangan Pangan"].source_line


_FIGURE = st.builds(lambda whole, cents: f"{whole},{cents:02d}",
                    st.integers(min_value=0, max_value=999), st.integers(min_value=0, max_value=99))
_SHARE = st.builds(lambda whole, pct: f"({whole}{pct})", st.integers(min_value=0, max_value=300),
                   st.sampled_from(["%", ""]))


@given(_FIGURE, _SHARE)
def test_a_figure_with_its_share_reads_as_both(figure, share):
    assert with_share(f"{figure} {share}") == (figure, share)
    number = share_number(share)
    assert number.raw == share
    assert number.value == int(share.strip("()%"))


@given(st.lists(st.tuples(_FIGURE, st.one_of(st.none(), _SHARE)), min_size=2, max_size=5))
def test_stacked_entries_keep_each_share_with_its_figure(entries):
    printed = [f"{f} {s}" if s else f for f, s in entries]
    assert stacked_entries(" ".join(printed)) == printed


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


# --- indicator text beside its number, years named by the columns -----------------------------

def test_numbered_indicator_column_and_years_of_the_columns(tmp_path):
    """A Renja of 2016 looking back: `Indikator Sasaran` numbers the indicators and the text
    stands in the unlabelled column beside it; the realisasi of each year is its own row, a
    range (`58-63`) kept as printed; a table whose columns all name 2014 is of 2014."""
    history = [
        [("No", 1, 2), ("Sasaran", 1, 2), ("Indikator Sasaran", 2, 2), ("Satuan", 1, 2),
         ("Realisasi", 2), ("Realisasi sampai dengan tahun 2015", 1, 2),
         ("Target RPJMD sampai dengan tahun 2018", 1, 2)],
        ["2013", "2014"],
        ["1", "Akses air minum layak", "1", "Cakupan Pelayanan Air Minum", "Persen", "45,8",
         "58-63", "", "92,5"],
        ["", "", "2", "Cakupan Pelayanan Air Limbah", "Persen", "63", "63,5-64", "", ""],
    ]
    achieved = [
        ["No", "Sasaran Strategis", "Indikator Kinerja", "Target 2014", "Realisasi 2014",
         "Capaian Kinerja Tahun 2014 (%)"],
        ["1", "Akses air minum layak", "Cakupan Pelayanan Air Minum", "63", "65,43%",
         "103,86%"],
    ]
    path = build_docx(tmp_path / "renja-2016-dinas-contoh.docx", [
        ("paragraph", "RENCANA KERJA DINAS CONTOH PROVINSI JAWA BARAT TAHUN 2016"),
        ("table", "Tabel 2.1", "Pencapaian Indikator Sasaran", history),
        ("table", "Tabel 2.2", "Pencapaian Kinerja Tahun 2014", achieved)])
    ind = extract_paths([path]).tables["indicators"]
    got = {(r.source_table, r.indicator, r.period_year):
           (_text(r.target_raw), _text(r.realisasi_raw), r.realisasi_kind,
            _text(r.capaian_reported_raw)) for r in ind.itertuples()}
    assert got == {
        ("Tabel 2.1", "Cakupan Pelayanan Air Minum", 2013): (None, "45,8", "number", None),
        ("Tabel 2.1", "Cakupan Pelayanan Air Minum", 2014): (None, "58-63", "range", None),
        ("Tabel 2.1", "Cakupan Pelayanan Air Minum", 2018): ("92,5", None, "missing", None),
        ("Tabel 2.1", "Cakupan Pelayanan Air Limbah", 2013): (None, "63", "number", None),
        ("Tabel 2.1", "Cakupan Pelayanan Air Limbah", 2014): (None, "63,5-64", "range", None),
        ("Tabel 2.2", "Cakupan Pelayanan Air Minum", 2014): ("63", "65,43%", "number",
                                                             "103,86%"),
    }


def test_a_middle_cell_does_not_span_a_column_owned_from_above():
    """`Target RPJMD` wrapped over three rows beside `Realisasi sampai dengan`: the middle
    cell names its own column only."""
    header = [Row(["Indikator", "Satuan", "", "", "", "Target RPJMD"], 1),
              Row(["", "", "Realisasi", "", "Realisasi sampai dengan", ""], 2),
              Row(["", "", "", "", "", "sampai dengan"], 3),
              Row(["", "", "2013", "2014", "tahun 2015", "tahun 2018"], 4)]
    cols = columns(header, 6)
    assert [(c.group, c.label, c.year) for c in cols] == [
        ("", "Indikator", None), ("", "Satuan", None), ("Realisasi", "2013", 2013),
        ("Realisasi", "2014", 2014), ("", "Realisasi sampai dengan tahun 2015", 2015),
        ("Target RPJMD", "sampai dengan tahun 2018", 2018)]


# --- an ambiguous figure settled by its row's arithmetic ---------------------------------------

@given(st.integers(min_value=1_001, max_value=999_999))
def test_a_thousands_capaian_is_read_whole_when_only_that_fits(c):
    """`16,000` printed as capaian of target 160,00 over realisasi 1 (lower is better:
    160/1×100 = 16000) is sixteen thousand; read as 16,000 nothing fits. Near c = √10⁷
    (`3,147`: 1 / 31,47 × 100 = 3,178, within 1% of 3,147) the printed reading fits too, and
    a figure both readings fit is kept as printed (the next test's case)."""
    if abs(100 / (c / 100) - c / 1000) / (c / 1000) <= float(RATIO_FIT):
        return
    printed = f"{c // 1000},{c % 1000:03d}"
    target = parse_number(f"{c // 100},{c % 100:02d}")  # c/100 with two decimals
    realisasi = parse_number("1")
    capaian = parse_number(printed, "percent")
    _, _, settled = settle_by_ratio(target, realisasi, capaian)
    assert settled.value == c and settled.raw == printed


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_a_decimal_capaian_that_fits_is_kept(whole, thousandths):
    """`16,500` over target 100 and realisasi 16,5: 16,5/100×100 = 16,5 fits as printed."""
    printed = f"{whole},{thousandths:03d}"
    target = parse_number("100")
    realisasi = parse_number(printed.rstrip("0") if thousandths else f"{whole}")
    capaian = parse_number(printed, "percent")
    assert settle_by_ratio(target, realisasi, capaian)[2].value == capaian.value


def test_a_decimal_realisasi_is_read_as_one_when_the_capaian_says_so():
    """`82.029` under `Realisasi (%)` with target 82 and capaian 100.04: 82,029/82 = 100,035."""
    target, realisasi, capaian = (parse_number("82"), parse_number("82.029"),
                                  parse_number("100.04", "percent"))
    assert realisasi.value == 82029  # a dot before three digits groups thousands…
    assert settle_by_ratio(target, realisasi, capaian)[1].value == Decimal("82.029")  # …not here


def test_per_mille_is_a_unit():
    number = parse_number("0 ‰")
    assert (number.value, number.unit) == (0, "‰")


# --- a value cell merged over two rows ---------------------------------------------------------

def _merged_capaian_pdf(path, *, rule_under_capaian: bool = False):
    """Indikator | Target | Realisasi | Capaian, the capaian `Belum dapat diukur` one green
    cell over both rows, its text in a green frame of the first row's height (as the Diskimrum
    Renja draws it); a black rule between the rows except under the capaian."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 9)
    pdf.text(20, 12, "RENCANA KERJA DINAS CONTOH PROVINSI JAWA BARAT TAHUN 2016")
    xs, ys = [20, 100, 140, 180, 230], [20, 30, 45, 60]
    pdf.set_fill_color(118, 146, 60)
    pdf.rect(180, 30, 50, 30, style="F")  # the merged cell's background
    pdf.rect(181, 31, 48, 14, style="F")  # its text frame: bottom edge at the row boundary
    pdf.set_draw_color(0)
    pdf.set_line_width(0.3)
    for x in xs:
        pdf.line(x, ys[0], x, ys[-1])
    for y in (20, 30, 60):
        pdf.line(20, y, 230, y)
    pdf.line(20, 45, 230 if rule_under_capaian else 180, 45)
    cells = [["Indikator", "Target", "Realisasi", "Capaian"],
             ["Ketersediaan Perda RTR", "N/A", "N/A", "Belum dapat diukur"],
             ["Ketersediaan Perda RDTR", "N/A", "N/A", ""]]
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            pdf.text(xs[c] + 2, ys[r] + 6, text)
    pdf.output(str(path))
    return path


def test_a_merged_value_cell_applies_to_every_row_it_spans(tmp_path):
    path = _merged_capaian_pdf(tmp_path / "renja-2016-merged.pdf")
    ind = extract_paths([path]).tables["indicators"]
    got = {r.indicator: (r.capaian_reported_raw, r.capaian_reported_kind, r.source_line)
           for r in ind.itertuples()}
    assert got == {"Ketersediaan Perda RTR": ("Belum dapat diukur", "qualitative", 2),
                   "Ketersediaan Perda RDTR": ("Belum dapat diukur", "qualitative", 3)}


def test_a_ruled_empty_cell_is_not_merged(tmp_path):
    path = _merged_capaian_pdf(tmp_path / "renja-2016-ruled.pdf", rule_under_capaian=True)
    ind = extract_paths([path]).tables["indicators"]
    got = {r.indicator: _text(r.capaian_reported_raw) for r in ind.itertuples()}
    assert got == {"Ketersediaan Perda RTR": "Belum dapat diukur",
                   "Ketersediaan Perda RDTR": None}


def test_rows_without_any_rule_between_them_merge_nothing():
    box = [(0.0, 10.0, 10.0, 20.0), (10.0, 10.0, 20.0, 20.0)]
    low = [(0.0, 20.0, 10.0, 30.0), (10.0, 20.0, 20.0, 30.0)]
    rows = [Physical(["A", "x"], box), Physical(["B", ""], low)]
    assert merged_cells(rows, []) == [(), ()]
    assert merged_cells(rows, [(20.0, 0.0, 10.0)]) == [(), (1,)]


def test_a_merged_amount_is_counted_once():
    """`Row.continued` repeats a merged indicator value on every row it spans, never a pagu:
    two indicators under one merged pagu of 500 still sum to 500."""
    table = Table(1, "Tabel 3", "", [Row(["Indikator", "Capaian", "Pagu"], 1)], [
        Row(["Indikator A", "Belum dapat diukur", "500"], 2),
        Row(["Indikator B", "", ""], 3, continued=(1, 2))], 1)
    ctx = TableContext(Document(Path("contoh.pdf")), table, {}, "iku")
    second = table.rows[1]
    assert ctx.number(second, 1, "percent").raw == "Belum dapat diukur"
    assert ctx.number(second, 2, "amount").missing and ctx.cell(second, 1) == ""


def test_a_header_printed_again_inside_the_body_is_not_a_row():
    header = Row(["Indikator", "Target", "Realisasi", "% Capaian Kinerja"], 1, page=3)
    body = [Row(["Kunjungan wisatawan", "1.100.000", "4.428.094", "402,55"], 2, page=3),
            Row(["", "Target", "Realisasi", "% capaian  kinerja"], 3, page=4),  # page 4's top
            Row(["Wisatawan nusantara", "38.599.000", "58.728.666", "152,15"], 4, page=4),
            # one word of a header is a label, not the header again
            Row(["Target", "", "", ""], 5, page=4)]
    settled = settle_header(Table(1, None, "", [header], body, 1, 3))
    assert [r.line for r in settled.rows] == [2, 4, 5]


def test_an_indicator_over_its_sub_indicators_in_one_row_gives_a_row_each(tmp_path):
    """An indicator printed over its two sub-indicators (`… formal S1 S2`): target and
    realisasi stack two figures, capaian three, the indicator's own (110,00, the mean of
    105,00 and 115,00) above its two. Its row keeps the number, unit and kriteria; each
    sub-indicator gets its figures. A row that stacks 2 against 3 without naming its
    sub-indicators is not guessed at: it stays one row, its stacked cells kept as text."""
    rows = [
        ["No", "Indikator Sasaran", "Satuan", "Target", "Realisasi", "Capaian (%)",
         "Kriteria"],
        ["1", "Proporsi aparatur berpendidikan formal S1 S2", "%", "40 20", "42,00 23,00",
         "110,00 105,00 115,00", "SB"],
        ["2", "Persentase dokumen tepat waktu", "%", "80 90", "85 95", "100 106,25 105,56",
         "SB"],
        ["3", "Indeks kepuasan", "%", "80", "84", "105,00", "SB"],
    ]
    path = build_docx(tmp_path / "lkip-2016-dinas-contoh.docx", [
        ("paragraph", "LAPORAN KINERJA DINAS CONTOH PROVINSI JAWA BARAT TAHUN 2016"),
        ("table", "Tabel 3.1", "Capaian Kinerja Sasaran", rows)])
    result = extract_paths([path])
    ind = result.tables["indicators"]
    got = [(r.indicator, _text(r.target_raw), _text(r.realisasi_raw),
            _text(r.capaian_reported_raw)) for r in ind.itertuples()]
    assert got == [
        ("Proporsi aparatur berpendidikan formal", None, None, "110,00"),
        ("Proporsi aparatur berpendidikan formal S1", "40", "42,00", "105,00"),
        ("Proporsi aparatur berpendidikan formal S2", "20", "23,00", "115,00"),
        ("Persentase dokumen tepat waktu", "80 90", "85 95", "100 106,25 105,56"),
        ("Indeks kepuasan", "80", "84", "105,00"),
    ]
    kept = [w for w in result.warnings if "disimpan sebagai teks" in w]
    assert len(kept) == 3 and all("'80 90'" in w or "'85 95'" in w or "'100 106,25" in w
                                  for w in kept)


@pytest.mark.parametrize(("label", "parent", "names"), [
    ("Capaian vaksinasi: - Laki-laki - Perempuan", "Capaian vaksinasi:",
     ["Laki-laki", "Perempuan"]),
    ("Lulusan pendidikan D3 S1", "Lulusan pendidikan", ["D3", "S1"]),
])
def test_sub_indicators_named_by_a_list_or_a_tail_of_names(label, parent, names):
    row = Row(["1", label, "40 20", "42 23", "110,00 105,00 115,00"], 7, 2)
    parts = split_row(row)
    assert [p.cells for p in parts] == [
        ["1", parent, "", "", "110,00"],
        ["", f"{parent} {names[0]}", "40", "42", "105,00"],
        ["", f"{parent} {names[1]}", "20", "23", "115,00"]]
    assert {(p.line, p.page) for p in parts} == {(7, 2)}


@pytest.mark.parametrize("label", [
    "Indeks kepuasan di SD",  # `di SD`: words, not names of one shape
    "Persentase dokumen tepat waktu",  # names nothing
])
def test_a_label_naming_no_sub_indicators_keeps_the_row_whole(label):
    row = Row(["1", label, "40 20", "42 23", "110,00 105,00 115,00"], 7, 2)
    assert split_row(row) == [row]
