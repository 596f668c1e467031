"""Text exports whose columns are aligned with spaces (`pdftotext -layout`, copied web pages):
tables the tests print themselves, a property over generated tables, and the real corpus
exported with pdftotext against the hand keys."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from conftest import REAL_CORPUS, need
from hand_keys import BUDGET_FIELDS, INDICATOR_FIELDS, best_match, load_keys
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sakip_analysis.read.extract import extract_paths
from sakip_analysis.read.readers.aligned import split_line, tabulate
from sakip_analysis.read.readers.text_reader import parse_text

TITLE = "KECAMATAN PERAK KABUPATEN JOMBANG\nLAPORAN KINERJA INSTANSI PEMERINTAH TAHUN 2024\n\n"


def _indicators(tmp_path: Path, text: str) -> pd.DataFrame:
    path = tmp_path / "ekspor.txt"
    path.write_text(TITLE + text, encoding="utf-8")
    result = extract_paths([path])
    assert not result.failed
    return result.tables["indicators"]


# A header cell spanning two columns fills the river below it; the words of the second
# header line stand one space apart; labels wrap under their figures (first line of a row),
# no blank line between rows; a page break (form feed) repeats the header and cuts a label.
SPANNING = """Tabel 3.2 Capaian Indikator Kinerja

                                          Tahun 2024
 No   Indikator Kinerja              Satuan Target Realisasi    Capaian (%)
  1   Persentase dokumen             Persen     80,00     84,00      105,00
      perencanaan tepat waktu
  2   Indeks kepuasan masyarakat     Indeks     75,00     72,00       96,00
      atas layanan administrasi
      terpadu
LKJIP Kecamatan Perak                                                 III-2
\f                                          Tahun 2024
 No   Indikator Kinerja              Satuan Target Realisasi    Capaian (%)

      kecamatan

  3   Nilai SAKIP                    Nilai      72,00     67,84       94,22

Berdasarkan tabel di atas, capaian kinerja tahun ini cukup baik.
"""


def test_spanning_header_wrapped_labels_and_a_repeated_header_over_a_page(tmp_path):
    ind = _indicators(tmp_path, SPANNING).set_index("indicator")
    assert list(ind.index) == [
        "Persentase dokumen perencanaan tepat waktu",
        "Indeks kepuasan masyarakat atas layanan administrasi terpadu kecamatan",
        "Nilai SAKIP"]
    assert ind["target_raw"].tolist() == ["80,00", "75,00", "72,00"]
    assert ind["realisasi_raw"].tolist() == ["84,00", "72,00", "67,84"]
    assert ind["capaian_reported_raw"].tolist() == ["105,00", "96,00", "94,22"]
    assert ind["source_line"].tolist() == [8, 10, 19]  # the lines of the figures


NUMBERED = """Tabel 2.1 Capaian Kinerja

  No     Sasaran                 Indikator                    Target   Realisasi   Capaian
  (1)    (2)                     (3)                           (4)       (5)         (6)
  1      Meningkatnya kualitas   Nilai SAKIP                   72,00     67,84       94,22
         pelayanan publik
  2                              Indeks Kepuasan Masyarakat    80,00     84,20      105,25
"""


def test_numbered_column_row_is_header_not_a_row(tmp_path):
    ind = _indicators(tmp_path, NUMBERED).set_index("indicator")
    assert list(ind.index) == ["Nilai SAKIP", "Indeks Kepuasan Masyarakat"]
    assert ind.loc["Indeks Kepuasan Masyarakat", "capaian_reported_raw"] == "105,25"


YEARS = """Tabel 3.1 Capaian IKU

                                            Tahun 2015                            Tahun 2016
 No   Indikator Kinerja         Target    Realisasi    Capaian        Target    Realisasi    Capaian
  1   Nilai SAKIP                70,00        68,50      97,86         72,00        67,84      94,22
  2   Indeks Kepuasan            75,00        76,00     101,33         80,00        84,20     105,25
      Masyarakat
"""


def test_year_labels_centred_over_their_columns_name_each_year(tmp_path):
    """`Tahun 2016` printed centred over Target, Realisasi and Capaian stands over the
    Realisasi figures only: the 2016 target is still the 2016 target."""
    ind = _indicators(tmp_path, YEARS)
    got = ind.set_index(["indicator", "period_year"])[["target_raw", "realisasi_raw"]]
    assert got.loc[("Nilai SAKIP", 2016)].tolist() == ["72,00", "67,84"]
    assert got.loc[("Nilai SAKIP", 2015)].tolist() == ["70,00", "68,50"]
    assert got.loc[("Indeks Kepuasan Masyarakat", 2016)].tolist() == ["80,00", "84,20"]


def test_figures_printed_a_line_lower_join_their_row():
    """A quarterly form prints K on the label's first line and Rp a line lower: one row."""
    lines = ["Program/Kegiatan        Indikator            K        Rp          K        Rp",
             "Penyediaan Gaji dan     Jumlah Orang         74                  74",
             "Tunjangan ASN           Penerima Gaji             9.717.201.032      21.204.241.578",
             "Koordinasi Akuntansi    Jumlah Dokumen       1         479.800    1        500.000"]
    out = tabulate(lines)
    assert out[1] is not None and out[2] is None
    assert out[1].split("\t") == ["Penyediaan Gaji dan Tunjangan ASN",
                                  "Jumlah Orang Penerima Gaji", "74", "9.717.201.032", "74",
                                  "21.204.241.578"]
    assert out[3].split("\t")[2:] == ["1", "479.800", "1", "500.000"]


def test_justified_prose_is_left_as_prose():
    lines = ["Capaian  kinerja   tahun   ini   cukup   baik  dan   sesuai   target",
             "yang   ditetapkan   dalam   perjanjian   kinerja   tahun   2024   ini",
             "dengan   rata-rata   capaian   sebesar   101,5   persen   dari   target."]
    assert tabulate(lines) == lines


# --- property: a generated table printed space-aligned reads back to the same cells -------

_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9)
_LABEL = st.lists(_WORDS, min_size=1, max_size=6).map(" ".join)
_FIGURE = st.one_of(
    st.integers(0, 999).map(str),
    st.builds(lambda a, b: f"{a},{b:02d}", st.integers(0, 999), st.integers(0, 99)),
    st.integers(1_000, 999_999_999).map(lambda v: f"{v:,}".replace(",", ".")))


def _wrap(label: str, width: int) -> list[str]:
    out: list[str] = []
    for word in label.split():
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    return out


@st.composite
def _tables(draw):
    n_fig = draw(st.integers(2, 4))
    rows = draw(st.lists(st.tuples(_LABEL, st.lists(_FIGURE, min_size=n_fig, max_size=n_fig)),
                         min_size=2, max_size=6))
    label_width = draw(st.integers(10, 30))
    gaps = draw(st.lists(st.integers(2, 6), min_size=n_fig, max_size=n_fig))
    fig_width = max(len(f) for _, figs in rows for f in figs)
    blank_between = draw(st.booleans())
    lines = []
    for label, figs in rows:
        wrapped = _wrap(label, label_width)
        first = "  " + wrapped[0].ljust(label_width)
        for gap, fig in zip(gaps, figs, strict=True):
            first += " " * gap + fig.rjust(fig_width)  # figures right-aligned
        lines.append(first)
        lines.extend("  " + part for part in wrapped[1:])
        if blank_between:
            lines.append("")
    return rows, lines


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_tables())
def test_generated_space_aligned_table_reads_back_to_its_cells(table):
    rows, lines = table
    out = [line for line in tabulate(lines) if line]
    assert [line.split("\t") for line in out] == [[label, *figs] for label, figs in rows]


_TOKEN = st.one_of(_WORDS, _FIGURE, st.sampled_from(["-", "%", "(1)", "Rp", "K", "100"]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.tuples(st.integers(0, 12), _TOKEN), max_size=8), max_size=25),
       st.sets(st.integers(0, 24), max_size=3))
def test_any_text_is_tabulated_without_error_and_keeps_its_lines(rows, breaks):
    """Whatever the spacing, the reader never fails on a text (a report is never refused for
    its layout), keeps one entry per line (line numbers keep pointing at the source) and
    loses no character."""
    lines = ["".join(" " * gap + token for gap, token in row) for row in rows]
    out = tabulate(lines, breaks)
    assert len(out) == len(lines)
    kept = "".join(line for line in out if line is not None)
    # no character lost or doubled: cells move between lines only as a whole row joins
    assert sorted(kept.replace(" ", "").replace("\t", "")) == sorted(
        "".join(lines).replace(" ", ""))


def test_split_line_cuts_a_header_phrase_over_several_columns():
    """Centred header words printed one space apart over right-aligned figures (Bappeda
    Tabel 3.2 in `pdftotext -layout`): one word per column, in order."""
    columns = [(0, 4), (8, 20), (33, 40), (49, 55), (65, 71), (74, 80), (83, 10**9)]
    header = " " * 53 + "Satuan Target Realisasi         %"
    assert split_line(header, columns) == ["", "", "", "Satuan", "Target", "Realisasi", "%"]
    row = "   1    Meningkatnya             Tingkat         Persen          100,00   99,00   98,00"
    assert split_line(row, columns) == ["1", "Meningkatnya", "Tingkat", "Persen", "100,00",
                                        "99,00", "98,00"]


def test_form_feed_begins_a_page_and_keeps_line_numbers(tmp_path):
    doc = parse_text(TITLE + SPANNING, tmp_path / "x.txt")
    [table] = doc.tables
    assert table.caption == "Tabel 3.2"
    assert any(p.text.startswith("Berdasarkan") and p.line == 21 for p in doc.paragraphs)


# --- the real corpus, exported with pdftotext -layout --------------------------------------

KEYS = load_keys()
# Hand-key rows matched exactly from each document's text export: a floor, measured with
# benchmarks/text_exports.py (before this reader, 8 of 764 in all; the PDFs read 749). The
# Tangsel quarterly forms are left out: their exports are not read yet (0 rows).
FLOORS = {
    "lakip-2016-jabar-disparbud-bab3.pdf": 2,
    "lakip-2016-jabar-ketahanan-pangan.pdf": 23,
    "lakip-2016-jabar-rs-jiwa.pdf": 5,
    "lkip-2016-jabar-bappeda.pdf": 24,
    "lkip-2016-jabar-bkpp-wilayah1-bab1-3.pdf": 16,
    "lkip-2016-jabar-dispenda-bab3.pdf": 17,
    "lkip-2016-jabar-kesbangpol-draft.pdf": 38,
    "renja-2016-jabar-diskimrum.pdf": 14,
    "renstra-2025-2029-kecamatan-muncar.pdf": 4,
}


@pytest.mark.parametrize("document", sorted(FLOORS))
def test_text_export_of_a_real_report_matches_hand_keys(document, tmp_path):
    pdf = need(REAL_CORPUS / document)
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    txt = tmp_path / f"{pdf.stem}.txt"
    subprocess.run(["pdftotext", "-layout", str(pdf), str(txt)], check=True,
                   capture_output=True)
    result = extract_paths([txt])
    assert result.failed == []
    tables = result.tables
    indicators = pd.concat([tables["indicators"], tables["perjanjian_kinerja"]],
                           ignore_index=True)
    key = KEYS[document]
    matched = sum(best_match(indicators, e, INDICATOR_FIELDS, ("indicator", "name")) is None
                  for e in key.get("indicators", []))
    matched += sum(best_match(tables["budget"], e, BUDGET_FIELDS, ("name", "indicator")) is None
                   for e in key.get("budget", []))
    assert matched >= FLOORS[document]
