import pandas as pd
import pytest

from sakip_analysis.read.extract import extract_paths


def _one(frame, **where):
    rows = frame
    for col, value in where.items():
        rows = rows[rows[col] == value]
    assert len(rows) == 1, where
    return rows.iloc[0]


def test_every_reference_table_gets_its_kind(reference_tables):
    kinds = dict(zip(reference_tables["tables"]["source_line"],
                     reference_tables["tables"]["table_kind"], strict=True))
    assert kinds == {
        388: "perjanjian_kinerja", 444: "perjanjian_kinerja", 493: "iku",
        512: "tidak_dikenali", 523: "kegiatan", 552: "multi_year", 571: "multi_year",
        612: "renstra", 690: "benchmark", 709: "kinerja_anggaran", 792: "efficiency",
        832: "budget", 877: "tidak_dikenali", 891: "sakip_components", 910: "tidak_dikenali"}


def test_unrecognised_tables_are_kept_raw(reference_tables):
    raw = reference_tables["raw_cells"]
    assert set(raw["source_table"]) >= {"Tabel 3.1.2", "Tabel 4.11"}
    assert "Rp. 2.633.370.523" in set(raw["text"])


@pytest.mark.parametrize(("indicator", "target", "realisasi", "capaian"), [
    ("Nilai SAKIP", "72,00", "67,84", "94,22"),
    ("Nilai IKPP Kec Jogoroto", "7,70", "7,97", "103%"),
    ("Nilai PATEN Kec Jogoroto", "85", "88,28", "103%"),
])
def test_iku_figures(reference_tables, indicator, target, realisasi, capaian):
    ind = reference_tables["indicators"]
    row = _one(ind[ind["table_kind"] == "iku"], indicator=indicator)
    assert (row["target_raw"], row["realisasi_raw"], row["capaian_reported_raw"]) == (
        target, realisasi, capaian)
    assert (row["kecamatan"], row["kabupaten"], row["year"]) == ("Jogoroto", "Jombang", 2024)
    assert row["period_year"] == 2024 and row["source_table"] == "Tabel 3.1.1"


def test_iku_values_are_parsed(reference_tables):
    ind = reference_tables["indicators"]
    sakip = _one(ind[ind["table_kind"] == "iku"], indicator="Nilai SAKIP")
    assert (sakip["target"], sakip["realisasi"], sakip["capaian_reported"]) == (72.0, 67.84, 94.22)
    assert sakip["capaian_reported_decimals"] == 2 and sakip["source_line"] == 498


def test_ipp_realisasi_with_a_dot_is_a_decimal(reference_tables):
    ind = reference_tables["indicators"]
    row = _one(ind, source_line=728)
    assert row["realisasi_raw"] == "3.33" and row["realisasi"] == 3.33


def test_budget_table_4_9(reference_tables):
    budget = reference_tables["budget"]
    rows = budget[budget["source_table"] == "Tabel 4.9"]
    # 6 program rows, 12 kegiatan rows, the second indicator of Administrasi Keuangan
    # (pagu 0, line 839) and JUMLAH: counted by hand from lines 836-863.
    assert rows["level"].value_counts().to_dict() == {"kegiatan": 13, "program": 6, "total": 1}
    total = _one(rows, level="total")
    assert (total["pagu_raw"], total["realisasi_raw"]) == ("2.954.994.511", "2.633.370.523")
    assert (total["pagu"], total["realisasi"]) == (2954994511, 2633370523)
    program = _one(rows, source_line=836)
    assert program["pagu_raw"] == "2.796.089.661,00" and program["pagu"] == 2796089661
    kegiatan = _one(rows, source_line=837)
    assert kegiatan["parent"] == program["name"]
    assert (kegiatan["pagu"], kegiatan["realisasi"], kegiatan["serapan_reported_raw"]) == (
        15445000, 12202500, "79,00%")
    # Every printed pagu is kept exactly as printed.
    assert rows["pagu_raw"].notna().all()


def test_multi_year_rows(reference_tables):
    ind = reference_tables["indicators"]
    sakip = ind[(ind["table_kind"] == "multi_year") & (ind["source_line"] == 559)]
    got = {r.period_year: (r.target_raw, r.realisasi_raw, r.capaian_reported_raw)
           for r in sakip.itertuples()}
    assert got == {2022: ("70,01", "70,35", "101,19%"), 2023: ("71,00", "71,85", "101,19%"),
                   2024: ("72,00", "67,84", "94,22")}


def test_stated_averages_are_rows(reference_tables):
    ind = reference_tables["indicators"]
    avg = ind[ind["level"] == "rata-rata"]
    assert set(zip(avg["source_line"], avg["capaian_reported_raw"], strict=True)) >= {
        (504, "100.03%"), (565, "89,21 %"), (565, "100,3 %"), (623, "100,3%")}


def test_other_tables(reference_tables):
    comp = reference_tables["sakip_components"]
    assert list(comp["nilai_raw"]) == ["25,34", "23,40", "6,91", "16,44", "72,09"]
    assert list(comp["level"]) == ["komponen"] * 4 + ["total"]
    bench = reference_tables["benchmarks"]
    ikpp = _one(bench, indicator="Nilai IKPP")
    assert (ikpp["kecamatan_value"], ikpp["kabupaten_value"], ikpp["provinsi_value"],
            ikpp["pct_reported"], ikpp["pct_basis"]) == (7.97, 7.83, 4.77, 167.0, "provinsi")
    eff = reference_tables["efficiency"]
    row = _one(eff, source_line=798)
    assert (row["capaian_kinerja"], row["capaian_anggaran"], row["efisiensi_reported"]) == (
        100.0, 70.51, 29.49)
    pk = reference_tables["perjanjian_kinerja"]
    assert _one(pk, level="total")["anggaran"] == 2686616858


def test_bad_number_names_file_table_line_and_value(tmp_path):
    path = tmp_path / "diwek.txt"
    path.write_text("\n".join([
        "PEMERINTAH KABUPATEN JOMBANG", "KECAMATAN DIWEK", "TAHUN 2024", "",
        "Tabel 4.9", "Anggaran", "",
        "Program/Kegiatan\tIndikator\tTarget\tPagu Anggaran\tRealisasi\tProsentase",
        "Program: A\tIndikator\t100%\t1.2.3\t5.000\t50%"]), encoding="utf-8")
    result = extract_paths([path])
    assert not result.failed  # one odd cell never refuses a report
    [warning] = [w for w in result.warnings if "1.2.3" in w]
    assert "diwek.txt: Tabel 4.9, baris 9, kolom 'pagu anggaran': '1.2.3'" in warning
    assert "\n" not in warning
    [row] = result.tables["budget"].to_dict("records")
    assert (row["pagu_raw"], row["pagu_kind"], row["realisasi"]) == ("1.2.3", "invalid", 5000.0)
    assert pd.isna(row["pagu"])


def test_one_bad_file_does_not_stop_the_others(tmp_path, reference_txt):
    bad = tmp_path / "kosong.txt"
    bad.write_text("")
    result = extract_paths([bad, reference_txt])
    assert [f for f, _ in result.failed] == [str(bad)]
    assert set(result.tables["indicators"]["kecamatan"]) == {"Jogoroto"}


def test_missing_title_page_warns_and_takes_an_override(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("Tabel 1\nJudul\n\nUraian\tTarget\n")
    unnamed = extract_paths([path])
    assert not unnamed.failed
    [warning] = [w for w in unnamed.warnings if "identitas" in w]
    assert "x.txt" in warning and "--kecamatan" in warning and "--year" in warning
    assert list(unnamed.tables["tables"]["kecamatan"]) == ["x"]  # the file name stands in
    ok = extract_paths([path], kecamatan="Perak", year=2024)
    assert not ok.failed and list(ok.tables["tables"]["kecamatan"]) == ["Perak"]


def test_quarterly_pdf_rows_land_in_budget_with_quarter_and_kecamatan(reference_pdf):
    result = extract_paths([reference_pdf])
    assert not result.failed
    catalog = result.tables["tables"]
    assert list(catalog["table_kind"]) == ["quarterly"]
    assert catalog["year"].tolist() == [2023]  # from the header "… Triwulan I - IV Tahun 2023"
    budget = result.tables["budget"]
    assert set(budget["kecamatan"]) == {"Ciputat", "Ciputat Timur", "Pamulang"}
    ciputat = budget[(budget["kecamatan"] == "Ciputat") & (budget["level"] == "total")]
    got = dict(zip(ciputat["period"], ciputat["realisasi_raw"], strict=True))
    assert got == {"TW I": "4.504.316.352", "TW II": "8.393.024.418"}
    assert ciputat["realisasi"].tolist() == [4504316352.0, 8393024418.0]
    program = budget[(budget["kecamatan"] == "Ciputat") & (budget["level"] == "program")]
    assert program["name"].iloc[0] == (
        "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN / KOTA")
    assert program["realisasi_raw"].tolist()[:2] == ["3.804.017.252", "5.386.769.078"]
    assert budget["source_page"].notna().all()


def test_a_table_its_extractor_cannot_read_is_kept_and_the_report_still_read(
        tmp_path, monkeypatch):
    """An extractor that meets a layout it was not written for (here: made to fail) costs
    that table only: its cells are kept in raw_cells, one warning names file, table and
    place, and the report's other tables are still extracted."""
    from dataclasses import replace

    from doc_builders import build_docx, jogoroto_blocks

    from sakip_analysis.read.tables import kinds

    def unreadable(ctx):
        raise IndexError("list index out of range")

    path = build_docx(tmp_path / "lkjip.docx", jogoroto_blocks())
    before = extract_paths([path]).tables
    broken = set(before["tables"].loc[before["tables"]["table_kind"] == "budget",
                                      "source_table"])
    assert broken
    monkeypatch.setattr(kinds, "KINDS", tuple(
        replace(k, extract=unreadable) if k.name == "budget" else k for k in kinds.KINDS))
    result = extract_paths([path])
    assert result.failed == []
    tables = result.tables
    kinds_now = dict(zip(tables["tables"]["source_table"], tables["tables"]["table_kind"],
                         strict=True))
    assert {kinds_now[label] for label in broken} == {"tidak_dikenali"}
    assert not set(tables["budget"]["source_table"]) & broken
    assert broken <= set(tables["raw_cells"]["source_table"])
    def others(frame):
        return len(frame[~frame["source_table"].isin(broken)])

    assert others(tables["indicators"]) == others(before["indicators"]) > 0
    warning = [w for w in result.warnings if "tidak dapat diurai" in w]
    assert len(warning) == len(broken)
    assert all("lkjip.docx" in w and "IndexError" in w for w in warning)
