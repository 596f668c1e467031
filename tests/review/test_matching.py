"""Name normalisation and guarded fuzzy matching of labels between tables."""

from __future__ import annotations

from sakip_analysis.review.matching import (
    acronyms,
    canonical_names,
    find_mentions,
    indicator_key,
    normalize,
    same_name,
)


def test_normalize_drops_labels_numbering_case_and_punctuation():
    assert normalize("Program: Penunjang Urusan Pemerintahan Daerah Kabupaten/ kota") == \
        "penunjang urusan pemerintahan daerah kabupaten kota"
    assert normalize("Kegiatan :Pengadaan barang") == "pengadaan barang"
    assert normalize("2.Nilai IPP Kec. Jogoroto") == "nilai ipp kecamatan jogoroto"
    assert normalize("**Tabel**") == "tabel"
    assert normalize(None) == ""


def test_indicator_keys_ignore_filler_and_the_place():
    places = ("Jogoroto", "Jombang")
    assert indicator_key("Nilai IKPP Kec Jogoroto", places) == "ikpp"
    assert indicator_key("IKPP Kecamatan Jogoroto", places) == "ikpp"
    assert indicator_key("Nilai SAKIP", places) == "sakip"
    assert indicator_key("Nilai IPP Kecamatan Jogoroto", places) == "ipp"


def test_small_typos_match_other_words_do_not():
    a = normalize("Penunjang Urusan Pemerintahanan Daerah Kabupaten/ kota")
    b = normalize("Penunjang Urusan Pemerintahan Daerah Kabupaten/kota")
    assert same_name(a, b)
    assert not same_name("ipp", "ikpp")
    assert not same_name(
        normalize("Persentase Laporan kasus pelanggaran Perda/Perkada dan Trantibum yang "
                  "ditindaklanjuti Instansi Terkait"),
        normalize("Persentase Laporan kasus pelanggaran Perda/Perkada dan Trantibum yang "
                  "dikoordinasikan ke Instansi Terkait"))
    assert not same_name(normalize("Jumlah Laporan kasus 2023"),
                         normalize("Jumlah Laporan kasus 2024"))


def test_canonical_names_group_typos_without_chaining():
    names = ["penunjang urusan pemerintahan daerah", "penunjang urusan pemerintahanan daerah",
             "penunjang urusan pemerintahan daerah", "administrasi umum perangkat daerah"]
    mapping = canonical_names(names)
    assert mapping["penunjang urusan pemerintahanan daerah"] == \
        "penunjang urusan pemerintahan daerah"
    assert mapping["administrasi umum perangkat daerah"] == "administrasi umum perangkat daerah"
    # a ~ b and b ~ c does not put a with c: every name joins a leader directly.
    chain = canonical_names(["pelayanan umum kantorxx", "pelayanan umum kantor",
                             "pelayanan umum kantorxx", "pelayanan umum kantorx"])
    assert chain["pelayanan umum kantorx"] == "pelayanan umum kantorxx"
    assert chain["pelayanan umum kantor"] == "pelayanan umum kantorxx"
    assert canonical_names([]) == {}


def test_a_label_cut_by_a_page_break_joins_the_only_longer_label():
    mapping = canonical_names(["pembinaan dan pengawasan",
                               "pembinaan dan pengawasan pemerintahan desa"], prefixes=True)
    assert mapping["pembinaan dan pengawasan"] == "pembinaan dan pengawasan pemerintahan desa"
    two = canonical_names(["pembinaan dan pengawasan", "pembinaan dan pengawasan desa",
                           "pembinaan dan pengawasan kelurahan"], prefixes=True)
    assert two["pembinaan dan pengawasan"] == "pembinaan dan pengawasan"


def test_acronyms_must_spell_their_words():
    assert acronyms("Indeks Kualitas Pelayanan Publik (IKPP) Kecamatan Jogoroto") == {"ikpp"}
    assert acronyms("Persentase pelayanan terpadu (PATEN) yang sesuai standar") == set()


def test_mentions_are_whole_phrases():
    keys = ["ikpp", "ipp", "sakip"]
    assert find_mentions("nilai IKPP Kecamatan Jogoroto sudah memenuhi target", keys) == ["ikpp"]
    assert find_mentions("Nilai SAKIP dan IPP", keys) == ["ipp", "sakip"]
