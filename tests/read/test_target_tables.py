"""Target-only plan tables: an indicator (with its tujuan or sasaran) and a target per year,
with neither realisasi nor pagu, as Renstra IKU tables, RPJMD cascades and multi-year
Perjanjian Kinerja print them (`Target Tahun` over `2025 | 2026 | …`, or bare years after a
`Kondisi Awal` / `Baseline` column). The tests write the documents; every figure asserted is
read off the rows written here."""

from __future__ import annotations

import pdfplumber
import pytest
from doc_builders import build_docx, build_pdf

from sakip_analysis.read.document import Row, Table
from sakip_analysis.read.extract import extract_paths
from sakip_analysis.read.readers.pdf_reader import without_stray_spaces
from sakip_analysis.read.tables.header import Column, columns, continues, join
from sakip_analysis.read.tables.kinds import recognise
from sakip_analysis.read.tables.stacked import split_row

TITLE_PAGE = [
    ("paragraph", "PEMERINTAH KABUPATEN CONTOH\nKECAMATAN SUKAMAJU"),
    ("paragraph", "RENCANA STRATEGIS KECAMATAN SUKAMAJU TAHUN 2025-2027"),
    ("page_break",),
]
E = ""

# Tabel 3.1: sasaran + indicator, a two-row header `Target Tahun` over the years
SASARAN_HEADER = [
    [("No", 1, 2), ("Sasaran", 1, 2), ("Indikator", 1, 2), ("Satuan", 1, 2),
     ("Kondisi Awal 2024", 1, 2), ("Target Tahun", 3)],
    ["2025", "2026", "2027"],
]
SASARAN_ROWS = [
    ["1", "Meningkatnya kualitas layanan", "Indeks Kepuasan Masyarakat", "Nilai", "80", "81",
     "82.5", "84"],
    ["2", "Meningkatnya kinerja kecamatan", "Persentase desa tertib administrasi", "%", "70",
     "75", "-", "85"],
    [E, E, "Nilai SAKIP kecamatan", "Nilai", "60", "62", "64", "66"],
]

# Tabel 3.2: no `target` word, the years after `Baseline` are the targets; a cascade that
# prints the pemda's sasaran left of the instansi's own tujuan and sasaran
BASELINE_HEADER = [["Sasaran RPJMD", "Tujuan dan Sasaran", "Indikator", "Sat", "Baseline 2024",
                    "2025", "2026", "2027"]]
BASELINE_ROWS = [
    ["Terwujudnya layanan publik yang prima", "Tujuan: Meningkatnya pelayanan publik",
     "Indeks Kinerja Wilayah", "Nilai", "85", "86", "87", "88"],
    [E, "Sasaran 1: Meningkatnya kualitas administrasi", "Indeks Kepuasan Masyarakat", "Nilai",
     "90", "91", "92", "93"],
]

# Tabel 4.4: an indicator code column, then a code printed before the indicator
CODE_HEADER = [[("Kode", 1, 2), ("Indikator Kinerja", 1, 2), ("Satuan", 1, 2),
                ("Target", 3)], ["2025", "2026", "2027"]]
CODE_ROWS = [["IKU 1", "Indeks Kinerja Wilayah", "Nilai", "86", "87", "88"],
             ["IKU 2", "Indeks Kepuasan Masyarakat", "Nilai", "91", "92", "93"]]
INLINE_CODE_HEADER = [[("No", 1, 2), ("Indikator", 1, 2), ("Satuan", 1, 2),
                       ("Target Tahun", 3)], ["2025", "2026", "2027"]]
INLINE_CODE_ROWS = [["1", "T1. Indeks Kinerja Wilayah", "Nilai", "86", "87", "88"],
                    ["2", "S1. Indeks Kepuasan Masyarakat", "Nilai", "91", "92", "93"]]

WIDTHS_8 = [8, 45, 45, 15, 20, 15, 15, 15]


def _blocks() -> list:
    return [
        *TITLE_PAGE,
        ("table", "Tabel 3.1", "Tujuan dan Sasaran Jangka Menengah",
         [*SASARAN_HEADER, *SASARAN_ROWS], {"header_rows": 2, "widths": WIDTHS_8}),
        ("table", "Tabel 3.2", "Target Kinerja Tujuan dan Sasaran",
         [*BASELINE_HEADER, *BASELINE_ROWS],
         {"header_rows": 1, "widths": [30, 40, 40, 12, 18, 12, 12, 12]}),
        ("table", "Tabel 4.4", "Indikator Kinerja Utama",
         [*CODE_HEADER, *CODE_ROWS], {"header_rows": 2, "widths": [20, 60, 20, 20, 20, 20]}),
        ("table", "Tabel 4.5", "Indikator Kinerja Utama (kode di depan indikator)",
         [*INLINE_CODE_HEADER, *INLINE_CODE_ROWS],
         {"header_rows": 2, "widths": [10, 70, 20, 20, 20, 20]}),
    ]


@pytest.fixture(scope="module", params=["pdf", "docx"])
def plans(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("target")
    if request.param == "pdf":
        path = build_pdf(folder / "renstra-sukamaju.pdf", _blocks())
    else:
        path = build_docx(folder / "renstra-sukamaju.docx", _blocks())
    result = extract_paths([path])
    assert result.failed == []
    return result.tables


def _targets(tables, caption: str) -> dict[tuple[str, int], tuple]:
    ind = tables["indicators"]
    ind = ind[ind["source_table"] == caption]
    ind = ind.astype(object).where(ind.notna(), None)
    return {(r.indicator, r.period_year): (r.target_raw, r.target, r.unit)
            for r in ind.itertuples()}


def test_a_target_table_gives_one_indicator_row_per_year_with_the_printed_target(plans):
    got = _targets(plans, "Tabel 3.1")
    assert got == {
        ("Indeks Kepuasan Masyarakat", 2025): ("81", 81, "Nilai"),
        ("Indeks Kepuasan Masyarakat", 2026): ("82.5", 82.5, "Nilai"),
        ("Indeks Kepuasan Masyarakat", 2027): ("84", 84, "Nilai"),
        ("Persentase desa tertib administrasi", 2025): ("75", 75, "%"),
        # `-`: no target printed for the year, kept as printed, never zero
        ("Persentase desa tertib administrasi", 2026): ("-", None, "%"),
        ("Persentase desa tertib administrasi", 2027): ("85", 85, "%"),
        ("Nilai SAKIP kecamatan", 2025): ("62", 62, "Nilai"),
        ("Nilai SAKIP kecamatan", 2026): ("64", 64, "Nilai"),
        ("Nilai SAKIP kecamatan", 2027): ("66", 66, "Nilai"),
    }
    # the baseline (Kondisi Awal 2024) is no target of 2024
    assert 2024 not in set(plans["indicators"]["period_year"])


def test_targets_belong_to_their_sasaran_and_no_realisasi_or_pagu_is_invented(plans):
    ind = plans["indicators"]
    ind = ind[ind["source_table"] == "Tabel 3.1"]
    names = dict(zip(ind["indicator"], ind["name"], strict=False))
    assert names == {"Indeks Kepuasan Masyarakat": "Meningkatnya kualitas layanan",
                     "Persentase desa tertib administrasi": "Meningkatnya kinerja kecamatan",
                     # an indicator printed under the sasaran cell of the row above
                     "Nilai SAKIP kecamatan": "Meningkatnya kinerja kecamatan"}
    assert set(ind["table_kind"]) == {"plan"}
    assert ind["realisasi"].isna().all() and ind["capaian_reported"].isna().all()
    assert plans["budget"].empty


def test_bare_years_after_a_baseline_column_are_targets(plans):
    got = _targets(plans, "Tabel 3.2")
    assert {k: v[0] for k, v in got.items()} == {
        ("Indeks Kinerja Wilayah", 2025): "86", ("Indeks Kinerja Wilayah", 2026): "87",
        ("Indeks Kinerja Wilayah", 2027): "88", ("Indeks Kepuasan Masyarakat", 2025): "91",
        ("Indeks Kepuasan Masyarakat", 2026): "92", ("Indeks Kepuasan Masyarakat", 2027): "93"}
    ind = plans["indicators"]
    ind = ind[(ind["source_table"] == "Tabel 3.2") & (ind["period_year"] == 2025)]
    # `Tujuan:` and `Sasaran 1:` name the level of what the indicator measures, in the
    # column nearest the indicator (not the pemda's `Sasaran RPJMD` further left)
    assert sorted(zip(ind["level"], ind["name"], strict=True)) == [
        ("sasaran", "Meningkatnya kualitas administrasi"),
        ("tujuan", "Meningkatnya pelayanan publik")]


@pytest.mark.parametrize(("caption", "codes"), [
    ("Tabel 4.4", {"Indeks Kinerja Wilayah": "IKU 1", "Indeks Kepuasan Masyarakat": "IKU 2"}),
    ("Tabel 4.5", {"Indeks Kinerja Wilayah": "T1", "Indeks Kepuasan Masyarakat": "S1"}),
])
def test_an_indicator_code_in_its_own_column_or_before_the_indicator_is_the_code(
        plans, caption, codes):
    ind = plans["indicators"]
    ind = ind[ind["source_table"] == caption]
    assert dict(zip(ind["indicator"], ind["code"], strict=False)) == codes
    got = _targets(plans, caption)
    assert got[("Indeks Kinerja Wilayah", 2026)][:2] == ("87", 87)
    assert got[("Indeks Kepuasan Masyarakat", 2027)][:2] == ("93", 93)
    assert len(got) == 6


# ----------------------------------------------------------------- a table over two pages

LATER_ROWS = [
    ["3", "Meningkatnya tata kelola desa", "Persentase desa dengan APBDes tepat waktu", "%",
     "50", "60", "70", "80"],
]


def test_a_target_table_continued_on_the_next_page_without_its_header(tmp_path):
    """The last indicators are printed on the next page under no header: they are rows of
    the table above (same columns), not a header, and keep their own page."""
    first = [*SASARAN_HEADER, *SASARAN_ROWS[:2]]
    path = build_pdf(tmp_path / "renstra.pdf", [
        *TITLE_PAGE,
        ("table", "Tabel 3.1", "Tujuan dan Sasaran Jangka Menengah", first,
         {"header_rows": 2, "widths": WIDTHS_8}),
        ("page_break",),
        ("table", None, None, [SASARAN_ROWS[2], *LATER_ROWS],
         {"header_rows": 0, "widths": WIDTHS_8}),
    ])
    result = extract_paths([path])
    got = _targets(result.tables, "Tabel 3.1")
    assert got[("Nilai SAKIP kecamatan", 2026)] == ("64", 64, "Nilai")
    assert got[("Persentase desa dengan APBDes tepat waktu", 2027)] == ("80", 80, "%")
    assert len(got) == 12
    ind = result.tables["indicators"]
    row = ind[ind["indicator"] == "Nilai SAKIP kecamatan"].iloc[0]
    assert (row["source_page"], row["name"]) == (3, "Meningkatnya kinerja kecamatan")
    assert len(result.tables["tables"]) == 1


# ----------------------------------------------------------------- header and kind, unit level

def _cols(*texts: str) -> list[Column]:
    return columns([Row(list(texts), 1)], len(texts))


def test_years_after_a_baseline_are_targets_only_in_a_header_that_names_no_measure():
    plain = _cols("Indikator", "Satuan", "Baseline 2024", "2025", "2026")
    assert [c.text for c in plain][3:] == ["target 2025", "target 2026"]
    assert recognise(plain, "").name == "plan"
    # a table of realised figures per year keeps its own words
    realised = _cols("Indikator", "Kondisi Awal 2020", "Realisasi 2021", "Realisasi 2022")
    assert [c.text for c in realised][2:] == ["realisasi 2021", "realisasi 2022"]
    # years without a baseline column say nothing of what they hold
    bare = _cols("Indikator", "Satuan", "2025", "2026")
    assert [c.text for c in bare][2:] == ["2025", "2026"]
    assert recognise(bare, "") is None or recognise(bare, "").name != "plan"


def test_a_target_table_with_realisasi_is_not_a_plan():
    cols = columns([Row(["Indikator", "Target", "", "Realisasi", ""], 1),
                    Row(["", "2024", "2025", "2024", "2025"], 2)], 5)
    assert recognise(cols, "").name != "plan"


def test_indicators_stacked_with_their_codes_are_split_into_their_rows():
    """`S1. … S2. …` in one cell beside stacked targets: one row per code, each with its own
    code kept in front of its indicator."""
    row = Row(["2 3", "S1. Indeks Kepuasan Masyarakat S2. Persentase Kepuasan", "90 80",
               "91 81"], 7)
    assert [r.cells for r in split_row(row)] == [
        ["2", "S1. Indeks Kepuasan Masyarakat", "90", "91"],
        ["3", "S2. Persentase Kepuasan", "80", "81"]]


def test_a_blank_drawn_over_a_letter_does_not_cut_the_word(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 10)
    pdf.text(20, 30, "Indeks Kinerja")
    pdf.text(20, 30.5, " ")  # an export's stray space, at the place of the `I`, a hair lower
    pdf.output(str(tmp_path / "stray.pdf"))
    with pdfplumber.open(tmp_path / "stray.pdf") as doc:
        page = doc.pages[0]
        assert [w["text"] for w in page.extract_words()][:2] == ["I", "ndeks"]  # the artefact
        assert [w["text"] for w in without_stray_spaces(page).extract_words()] == [
            "Indeks", "Kinerja"]


def test_a_run_of_blanks_under_a_figure_does_not_cut_it_and_word_spaces_stay(tmp_path):
    """Some exports lay a row of spaces under a whole cell: each falls inside a digit. The
    spaces between words stand in the gaps and stay."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 10)
    pdf.text(40, 30, "518.309.200,-")
    width = pdf.get_string_width(" ")
    for k in range(12):
        pdf.text(38 + k * width, 30, " ")
    # the run out of step with the digits: some blanks straddle two of them
    pdf.text(40, 40, "8710")
    for k in range(10):
        pdf.text(36 + k * 2.85, 40, " ")
    pdf.text(40, 50, "Program Pelayanan Administrasi")
    pdf.output(str(tmp_path / "run.pdf"))
    with pdfplumber.open(tmp_path / "run.pdf") as doc:
        page = without_stray_spaces(doc.pages[0])
        assert [w["text"] for w in page.extract_words()] == [
            "518.309.200,-", "8710", "Program", "Pelayanan", "Administrasi"]


def test_a_one_row_table_read_as_its_header_continues_the_table_above():
    """A PDF that rules the last row of a table as a table of its own on the next page: a
    reader takes that row for the header (`Nilai` and `SAKIP` read like header words). Its
    figures say it is a row; with the same columns, no caption and the next page it joins
    the table above."""
    header = [Row(["No", "Indikator", "Satuan", "Target 2025", "Target 2026"], 1, 5)]
    above = Table(1, "Tabel 3.1", "", header,
                  [Row(["1", "Indeks Kepuasan Masyarakat", "Nilai", "81", "82"], 2, 5)], 1, 5)
    lone = Table(2, None, "", [Row(["2", "Nilai SAKIP kecamatan", "Nilai", "62", "64"], 1, 6)],
                 [], 1, 6)
    assert continues(above, lone)
    joined = join(above, lone)
    assert [r.cells[1] for r in joined.rows] == ["Indeks Kepuasan Masyarakat",
                                                 "Nilai SAKIP kecamatan"]
    # a repeated header, years and column numbers are no figures of a row
    again = Table(2, None, "", [Row(["No", "Indikator", "Satuan", "Target 2025",
                                     "Target 2026"], 1, 6), Row(["1", "2", "3", "4", "5"], 2, 6)],
                  [], 1, 6)
    years = Table(2, None, "", [Row(["No", "Indikator Kinerja Utama", "Satuan Nilai", "2025",
                                     "2026"], 1, 6)], [], 1, 6)
    assert not continues(above, again) and not continues(above, years)
