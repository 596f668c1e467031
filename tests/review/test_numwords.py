"""Indonesian number words, the number-word rule, and the reading of sentences into claims."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from sakip_analysis.read.schema import conform
from sakip_analysis.review import check_tables
from sakip_analysis.review.claims import parse_paragraph, parse_sentence, split_sentences
from sakip_analysis.review.numwords import parse_words, spell


@pytest.mark.parametrize(("n", "word"), [
    (0, "nol"), (1, "satu"), (5, "lima"), (6, "enam"), (11, "sebelas"), (12, "dua belas"),
    (22, "dua puluh dua"), (100, "seratus"), (1000, "seribu")])
def test_words_round_trip(n, word):
    assert spell(n) == word
    assert parse_words(word) == n
    assert parse_words(word.upper()) == n


def test_words_as_reports_write_them():
    assert parse_words(" Dua  Puluh ") == 20
    assert parse_words("duapuluh") == 20
    assert parse_words("PATEN") is None
    assert parse_words("") is None


def _narrative(*paragraphs: str) -> dict[str, pd.DataFrame]:
    rows = [{"kecamatan": "Contoh", "kabupaten": "Jombang", "year": 2024,
             "data_source": "laporan", "text": text, "source_file": "contoh.txt",
             "source_line": line} for line, text in enumerate(paragraphs, start=1)]
    return {"narrative": conform("narrative", pd.DataFrame(rows))}


def test_a_number_and_its_word_must_agree():
    findings = check_tables(_narrative(
        "Capaian IKU berdasarkan 6 (lima) indikator.",
        "Kecamatan memiliki 2 (dua) sasaran strategis dan 2 (Dua) IKU.",
        "Rapat setiap 1 (satu) atau 2 (dua) minggu sekali selama enam (6) bulan.",
        "Sebanyak tujuh (8) desa sudah melapor."))
    assert list(zip(findings["line"], findings["rule"], strict=True)) == [
        (1, "R701"), (4, "R701")]
    assert findings.iloc[0]["reported"] == "6 (lima)"
    assert findings.iloc[0]["expected"] == "6 (enam)"
    assert findings.iloc[0]["table"] is None


def test_sentences_split_on_full_stops_but_not_on_abbreviations():
    text = ("Nilai IKPP Kec. Jogoroto naik. Anggaran Rp. 2.954.994.511 terserap. "
            "1. Mendorong koordinasi.")
    pieces = [s.strip() for _, s in split_sentences(text)]
    assert pieces == ["Nilai IKPP Kec. Jogoroto naik.", "Anggaran Rp. 2.954.994.511 terserap.",
                      "1. Mendorong koordinasi."]


def test_roles_of_the_figures_in_a_capaian_sentence():
    s = parse_sentence("Untuk Indikator Kinerja Utama yang kedua yaitu nilai IKPP Kecamatan "
                       "Jogoroto sudah memenuhi target yang ditetapkan yaitu sebesar 6 dimana "
                       "terealisasi 7,97 dengan persentase capaian 132%.")
    assert [(c.raw, c.role) for c in s.claims] == [
        ("6", "target"), ("7,97", "realisasi"), ("132%", "capaian")]


def test_roles_of_rupiah_and_percentages():
    s = parse_sentence("Pada tahun 2024 ini Kecamatan Jogoroto mendapatkan anggaran sebesar "
                       "Rp. 2.954.994.511 dengan realisasi anggaran mencapai Rp. 2.633.370.523 "
                       "atau serapan dana APBD mencapai 89,12% sehingga anggaran silpa.")
    assert [(c.role, c.value) for c in s.claims] == [
        ("pagu", Decimal("2954994511")), ("realisasi", Decimal("2633370523")),
        ("serapan", Decimal("89.12"))]
    assert [y.year for y in s.years] == [2024]


def test_places_and_the_basis_of_a_comparison():
    (s,) = parse_paragraph("Nilai SAKIP Kecamatan 67,84 (B) sedangkan nilai SAKIP Kabupaten "
                           "72,70 dan Provinsi 83,86 dan tingkat capaian Nilai SAKIP Kec "
                           "Jogoroto 93,31% dibandingkan dengan Provinsi Jawa timur.")
    assert [(c.raw, c.place) for c in s.claims] == [
        ("67,84", "kecamatan"), ("72,70", "kabupaten"), ("83,86", "provinsi"),
        ("93,31%", "kecamatan")]
    assert s.claims[-1].compared_to == "provinsi" and s.claims[-1].role == "capaian"


def test_dates_references_and_counts_are_no_claims():
    s = parse_sentence("Berdasarkan LHE nomor X.700/533/415.15/2023 tanggal 18 Agustus 2024 "
                       "dan Peraturan Bupati Nomor 59 Tahun 2018 didukung 6 Program dan "
                       "11 kegiatan, nilainya 72,09.")
    assert [c.raw for c in s.claims] == ["72,09"]
    assert [(c.value, c.noun) for c in s.counts] == [(6, "program"), (11, "kegiatan")]
