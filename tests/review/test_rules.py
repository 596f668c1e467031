"""Single rules on small hand-made tidy tables: the edge cases the reports meet."""

from __future__ import annotations

import pandas as pd

from sakip_analysis.read.numbers import parse_number
from sakip_analysis.read.schema import conform
from sakip_analysis.review import check_tables

ID = {"kecamatan": "Contoh", "kabupaten": "Jombang", "year": 2024, "data_source": "laporan",
      "source_file": "contoh.txt"}


def _figures(**raw: str | None) -> dict:
    out = {}
    for name, text in raw.items():
        n = parse_number(text or "", "amount" if name in ("pagu", "realisasi_rp", "anggaran")
                         else "any")
        col = "realisasi" if name == "realisasi_rp" else name
        out[col] = None if n.missing else float(n.value)
        out[f"{col}_raw"] = text
        out[f"{col}_decimals"] = n.decimals
    return out


def _indicator(line: int, indicator: str, target: str, realisasi: str, capaian: str,
               level: str = "iku", table: int = 1) -> dict:
    return {**ID, "table_kind": "iku", "period_year": 2024, "level": level, "name": "Sasaran",
            "indicator": indicator, "source_table": f"Tabel {table}",
            "source_table_index": table, "source_line": line,
            **_figures(target=target, realisasi=realisasi, capaian_reported=capaian)}


def _budget(line: int, level: str, name: str, pagu: str | None, realisasi: str | None,
            serapan: str | None, table: int = 5, continues: bool = False) -> dict:
    return {**ID, "table_kind": "budget", "level": level, "name": name,
            "source_table": f"Tabel {table}", "source_table_index": table, "source_line": line,
            "continues_above": continues,
            **_figures(pagu=pagu, realisasi_rp=realisasi, serapan_reported=serapan)}


def _check(**frames: list[dict]) -> pd.DataFrame:
    return check_tables({name: conform(name, pd.DataFrame(rows)) for name, rows in frames.items()})


def test_negative_indicators_accept_either_formula():
    findings = _check(indicators=[
        # Less is better. (2 × 5 − 4,5) / 5 = 110 %; 5 / 4,5 = 111,11 %; both are in use.
        _indicator(1, "Lama penyelesaian layanan PATEN (hari) (semakin rendah semakin baik)",
                   "5", "4,5", "110,00"),
        _indicator(2, "Lama penyelesaian layanan PATEN (hari)", "5", "4,5", "111,11"),
        # Wrong under both: 4,5 / 5 = 90 % is the positive formula.
        _indicator(3, "Persentase pengaduan yang tidak ditindaklanjuti", "5", "4,5", "90,00"),
    ])
    assert list(zip(findings["line"], findings["rule"], strict=True)) == [(3, "R101")]
    # Line 2 holds by 5 / 4,5 only (line 1 by both, 4,5 being rounded): that is this report's
    # formula, and the slip is shown against it.
    assert "5 / 4,5 × 100 = 111,1" in findings.iloc[0]["message"]


def test_capaian_that_cannot_be_computed_is_left_alone():
    findings = _check(indicators=[
        _indicator(1, "Persentase dokumen", "100%", "2 Dokumen", "100%"),  # % against a count
        _indicator(2, "Nilai PATEN", "85", "88,28", "100"),  # capped at 100 %
        _indicator(3, "Jumlah lembaga", "22 Lembaga", "22 Lembaga", "22 Lembaga"),
        _indicator(4, "Nilai IKPP", "7,70", "7,97", "103%"),  # rounded inputs: holds
    ])
    assert findings.empty


def test_a_repeated_second_indicator_row_is_not_counted_twice():
    # 100.000.000 + 50.000.000 = 150.000.000; the second indicator of the first kegiatan
    # repeats its amounts and must not be added again.
    rows = [
        _budget(1, "program", "Program A", "150.000.000", "120.000.000", "80,00"),
        _budget(2, "kegiatan", "Kegiatan A1", "100.000.000", "80.000.000", "80,00"),
        _budget(3, "kegiatan", "Kegiatan A1", "100.000.000", "80.000.000", "80,00",
                continues=True),
        _budget(4, "kegiatan", "Kegiatan A2", "50.000.000", "40.000.000", "80,00"),
        _budget(5, "total", "JUMLAH", "150.000.000", "120.000.000", "80,00"),
    ]
    assert _check(budget=rows).empty
    rows[3] = _budget(4, "kegiatan", "Kegiatan A2", "60.000.000", "48.000.000", "80,00")
    findings = _check(budget=rows)
    assert list(zip(findings["line"], findings["rule"], strict=True)) == [
        (1, "R301"), (1, "R301")]
    assert set(findings["expected"]) == {"160.000.000", "128.000.000"}
    assert findings.iloc[0]["related_lines"] == [2, 4]


def test_total_against_sasaran_when_they_carry_budgets():
    rows = [
        _budget(1, "sasaran", "Sasaran 1", "100.000.000", "90.000.000", "90,00"),
        _budget(2, "program", "Program A", "100.000.000", "90.000.000", "90,00"),
        _budget(3, "sasaran", "Sasaran 2", "50.000.000", "40.000.000", "80,00"),
        _budget(4, "program", "Program B", "50.000.000", "40.000.000", "80,00"),
        _budget(5, "total", "JUMLAH", "160.000.000", "130.000.000", "81,25"),
    ]
    findings = _check(budget=rows)
    assert set(findings["rule"]) == {"R303"} and set(findings["line"]) == {5}
    assert "Jumlah pagu sasaran Rp 150.000.000" in findings.iloc[0]["message"]


def _component(line: int, name: str, bobot: str | None, nilai: str,
               level: str = "komponen") -> dict:
    return {**ID, "level": level, "component": name, "source_table": "Tabel 9",
            "source_table_index": 9, "source_line": line,
            **_figures(bobot=bobot, nilai=nilai)}


def test_sakip_components():
    ok = [_component(1, "Perencanaan", "30 %", "25,34"), _component(2, "Pengukuran", "30 %",
                                                                      "23,40"),
          _component(3, "Pelaporan", "15 %", "6,91"), _component(4, "Evaluasi", "25%", "16,44"),
          _component(5, "Total", None, "72,09", "total")]
    assert _check(sakip_components=ok).empty
    bad = [*ok[:2], _component(3, "Pelaporan", "15 %", "16,91"), ok[3],
           _component(5, "Total", None, "72,09", "total")]
    findings = _check(sakip_components=bad)
    assert list(zip(findings["line"], findings["rule"], strict=True)) == [
        (3, "R305"), (5, "R304")]
    # 25,34 + 23,40 + 16,91 + 16,44 = 82,09
    assert findings.iloc[1]["expected"] == "82,09"
    weights = [_component(1, "A", "30 %", "20"), _component(2, "B", "30 %", "20"),
               _component(3, "C", "30 %", "20")]
    assert list(_check(sakip_components=weights)["rule"]) == ["R306"]


def _pk(line: int, level: str, program: str | None, anggaran: str) -> dict:
    return {**ID, "level": level, "sasaran": "S", "program": program, "indicator": "I",
            "source_table": "Tabel 2", "source_table_index": 2, "source_line": line,
            **_figures(target="100%", anggaran=anggaran)}


def test_perjanjian_kinerja_total():
    rows = [_pk(1, "program", "A", "1.000.000"), _pk(2, "program", "B", "2.000.000"),
            _pk(3, "total", None, "3.000.000")]
    assert _check(perjanjian_kinerja=rows).empty
    rows[2] = _pk(3, "total", None, "3.500.000")
    findings = _check(perjanjian_kinerja=rows)
    assert list(findings["rule"]) == ["R307"] and findings.iloc[0]["expected"] == "3.000.000"


def test_the_same_name_at_two_layers_is_two_quantities():
    # An IKU and a program indicator may share their wording, not their figures.
    findings = _check(indicators=[
        _indicator(1, "Persentase rekomendasi Forkopimcam yang ditindaklanjuti", "100%", "100%",
                   "100%", level="iku", table=1),
        _indicator(2, "Persentase rekomendasi Forkopimcam yang ditindaklanjuti", "100%", "86%",
                   "86,00", level="program", table=2),
        _indicator(3, "Persentase rekomendasi Forkopimcam yang ditindaklanjuti", "100%", "90%",
                   "90,00", level="program", table=3),
    ])
    assert set(findings["rule"]) == {"R501"} and set(findings["line"]) == {3}


def test_two_tables_that_disagree_flag_the_row_whose_own_arithmetic_fails():
    rows = [_budget(1, "kegiatan", "Kegiatan A", "100.000.000", "80.000.000", "80,00", table=5),
            _budget(2, "kegiatan", "Kegiatan A", "110.000.000", "80.000.000", "80,00", table=6)]
    findings = _check(budget=rows)
    # 80.000.000 / 110.000.000 = 72,73 %: the second table's row is the suspect one.
    assert sorted(zip(findings["line"], findings["rule"], strict=True)) == [
        (2, "R102"), (2, "R502")]


def test_a_rule_that_fails_on_one_report_leaves_the_others_their_findings(monkeypatch):
    """A family that crashes on one report's layout is run again report by report: the other
    report keeps its finding, the failing one gets one info finding naming the check."""
    from pathlib import Path

    from sakip_analysis.read.extract import concat, extract_records
    from sakip_analysis.read.readers.text_reader import parse_text
    from sakip_analysis.review.examples import example_text
    from sakip_analysis.review.registry import RULES_BY_ID
    from sakip_analysis.review.rules import sums

    # pagu 1.000.000 vs its kegiatan's sum (R301), and a capaian that does not follow from
    # its target and realisasi (R101's example, another family)
    text = example_text(RULES_BY_ID["R301"]) + "\n".join(["", *RULES_BY_ID["R101"].example, ""])
    tables = concat([extract_records(parse_text(text, Path(name)))
                     for name in ("baik.txt", "aneh.txt")])
    original = sums.check_sums

    def fragile(ctx):
        if "aneh.txt" in set(ctx.frame("budget")["source_file"]):
            raise KeyError("kolom_tak_terduga")
        return original(ctx)

    monkeypatch.setattr(sums, "check_sums", fragile)
    findings = check_tables(tables)
    good = findings[(findings["file"] == "baik.txt") & (findings["rule"] == "R301")]
    assert len(good) == 1 and good.iloc[0]["severity"] == "error"
    odd = findings[(findings["file"] == "aneh.txt") & (findings["family"] == "sum")]
    assert len(odd) == 1 and odd.iloc[0]["severity"] == "info"
    assert "tidak selesai" in odd.iloc[0]["message"] and "KeyError" in odd.iloc[0]["message"]
    # the other families ran on the failing report as on its twin
    def others(name):
        mine = findings[(findings["file"] == name) & (findings["family"] != "sum")]
        return sorted(zip(mine["rule"], mine["line"], strict=True))

    assert others("aneh.txt") == others("baik.txt")
    assert "R101" in {rule for rule, _ in others("baik.txt")}


def _budget_tables(pagus: list[str]) -> pd.DataFrame:
    """Findings of a report printing the same program in one budget table per pagu (the
    realisasi 800.000 everywhere, the serapan computed by hand from each pagu)."""
    from pathlib import Path

    from sakip_analysis.read.extract import concat, extract_records
    from sakip_analysis.read.readers.text_reader import parse_text
    from sakip_analysis.review.registry import BUDGET_HEAD, example_cover

    serapan = {"1.000.000": "80,00", "1.100.000": "72,73", "1.200.000": "66,67",
               "1.300.000": "61,54"}
    lines = list(example_cover())
    for i, pagu in enumerate(pagus):
        head = [f"Tabel 3.{6 + i}", *BUDGET_HEAD[1:]]
        lines += [*head, "Program: Penunjang Urusan\tPersentase kinerja aparatur\t100%\t"
                         f"{pagu}\t800.000\t{serapan[pagu]}", ""]
    doc = parse_text("\n".join(lines) + "\n", Path("laporan.txt"))
    return check_tables(concat([extract_records(doc)]))


def test_a_figure_most_tables_agree_on_flags_the_odd_table():
    findings = _budget_tables(["1.000.000", "1.000.000", "1.100.000"])
    odd = findings[findings["rule"] == "R502"]
    assert list(odd["reported"]) == ["1.100.000"] and list(odd["expected"]) == ["1.000.000"]


def test_a_name_no_two_tables_agree_on_is_not_a_reporting_error():
    """Three tables, three different pagu for one name: more likely three rows sharing a
    (cut) name than three misprints; no cross-table finding."""
    findings = _budget_tables(["1.000.000", "1.100.000", "1.200.000"])
    assert "R502" not in set(findings["rule"])
    # two tables that disagree are still a finding (one of them is wrong)
    assert "R502" in set(_budget_tables(["1.000.000", "1.300.000"])["rule"])


def test_a_ratio_capaian_is_checked_against_the_reports_own_formula(tmp_path):
    from sakip_analysis.read.extract import extract_paths

    # Wajib pajak served per sentra: fewer is better. The report computes capaian as
    # target / realisasi (300 / 250 × 100 = 120,00, not (600 − 250) / 300 = 116,67;
    # 500 / 400 × 100 = 125,00, not 120,00), so its 157 for 1:400 against 1:192 is held to
    # 400 / 192 × 100 = 208,33, not to the other formula's (800 − 192) / 400 × 100 = 152,00,
    # though that is nearer the slip.
    path = tmp_path / "dinas.txt"
    path.write_text("\n".join([
        "LAPORAN KINERJA", "DINAS PENDAPATAN PROVINSI JAWA BARAT TAHUN 2016", "",
        "Tabel 3.1", "Capaian Indikator Kinerja", "",
        "No\tIndikator\tTarget\tRealisasi\tCapaian",
        "1\tRasio sentra layanan terhadap wajib pajak\t1:300\t1:250\t120,00",
        "2\tRasio loket terhadap wajib pajak\t1:500\t1:400\t125,00",
        "3\tRasio petugas terhadap wajib pajak (semakin kecil semakin baik)\t1:400\t1:192\t157",
    ]), encoding="utf-8")
    result = extract_paths([path])
    ind = result.tables["indicators"].set_index("indicator")
    assert ind["target"].tolist() == [300, 500, 400]
    assert ind["target_kind"].tolist() == ["ratio"] * 3
    assert not [w for w in result.warnings if "disimpan sebagai teks" in w]
    findings = check_tables(result.tables)
    assert list(zip(findings["rule"], findings["reported"], findings["expected"],
                    strict=True)) == [("R101", "157", "208,33%")]
    assert "400 (1:400) / 192 (1:192) × 100 = 208,33%" in findings.iloc[0]["message"]
