"""The checker on the real reference report (Jogoroto 2024): the known inconsistencies are
found on their lines, and nothing is flagged where the figures hold.

Every expected figure below was computed by hand from the report's own numbers.
"""

from __future__ import annotations

import pytest

from sakip_analysis.review import RULES, check_tables


@pytest.fixture(scope="module")
def findings(reference_tables):
    return check_tables(reference_tables)


def _at(findings, line, rule=None):
    hits = findings[findings["line"] == line]
    return hits if rule is None else hits[hits["rule"] == rule]


def test_at_least_forty_distinct_inconsistencies(findings):
    serious = findings[findings["severity"].isin(["warning", "error"])]
    distinct = set(zip(serious["rule"], serious["line"], serious["reported"], strict=True))
    assert len(distinct) >= 40


def test_every_family_but_across_reports_is_present(findings):
    families = {r.family for r in RULES}
    assert set(findings["family"]) == families - {"across-reports"}


@pytest.mark.parametrize(("line", "rule", "reported", "expected"), [
    # 12.202.500 / 15.445.000 = 79,006 %, printed 70,51 % (Tabel 3.2.1).
    (717, "R102", "70,51%", "79,01%"),
    # 11.340.000 / 12.559.320 = 90,29 %, printed 90,92.
    (720, "R102", "90,92", "90,29%"),
    # 55.499.848 / 62.100.000 = 89,37 %, printed 80,51.
    (725, "R102", "80,51", "89,37%"),
    # 50.139.843 / 74.920.450 = 66,92 %, printed 67,00 in Tabel 4.9.
    (844, "R102", "67,00", "66,92%"),
    # 70,35 / 70,01 = 100,49 %, printed 101,19 % for 2022.
    (559, "R101", "101,19%", "100,49%"),
    # 67,84 / 83,86 = 80,90 %, printed 85,96 %; 88,28 / 86,25 = 102,35 %, printed 108 %.
    (695, "R103", "85,96%", "80,90%"),
    (697, "R103", "108%", "102,35%"),
    # Efisiensi 100,00 − 89,41 = 10,59, printed 11,59.
    (799, "R201", "11,59%", "10,59%"),
    # 104 % − 89,12 % = 14,88 %, the text says 10,88 %.
    (885, "R203", "10,88%", "14,88%"),
    # Program Penunjang: kegiatan pagu 15.445.000 + 2.440.638.873 + 3.905.000 + 12.559.320 +
    # 96.482.362 + 53.847.500 + 62.100.000 + 74.920.450 = 2.759.898.505 ≠ 2.796.089.661.
    (716, "R301", "2.796.089.661,00", "2.759.898.505"),
    # Program Penyelenggaraan Pemerintahan 7.374.850 against its only kegiatan 6.078.250.
    (729, "R301", "7.374.850", "6.078.250"),
    # JUMLAH 2.954.994.511 against the sasaran 2.954.994.511 + 158.904.850.
    (745, "R303", "2.954.994.511", "3.113.899.361"),
    # 2023 average 89,21 % of rows between 100 % and 114,4 %.
    (565, "R402", "89,21 %", None),
    # Sentences: target 6 for IKPP whose table target is 7,70.
    (654, "R601", "6", "7,70"),
    (654, "R601", "132%", "103%"),
    # 67,84 / 83,86 = 80,90 %, the text says 93,31 %; kabupaten 72,70 in the text, 67,84 in
    # Tabel 3.1.4.
    (701, "R608", "93,31%", "80,90%"),
    (701, "R607", "72,70", "67,84"),
    # Silpa 74.920.450 − 50.139.843 = 24.780.607 → serapan 66,92 %, the text says 67,00 %.
    (871, "R606", "67,00%", "66,92%"),
    (663, "R603", "104%", "100.03%"),
    (638, "R701", "6 (lima)", "6 (enam)"),
    (867, "R702", "11", None),
    (369, "R801", "2023", "2024"),
    (479, "R801", "2023", "2024"),
    (489, "R801", "2023", "2024"),
    (933, "R802", "2024-2024", None),
    (877, "R803", "2023", "2024"),
    (237, "R804", "2023", "2024"),
    (552, "R901", "Tabel 3.1.2", None),
    (571, "R901", "Tabel 3.1.3", None),
    (612, "R901", "Tabel 3.1.3", None),
    # Same quantity, different tables.
    (839, "R502", "0", "3.905.000"),
    (841, "R502", "93.972.368", "53.847.500"),
    (796, "R501", "94,61%", "94,22"),
    (540, "R501", "3 kegiatan", "1 Kegiatan"),
    (798, "R503", "70,51%", "79,01%"),
])
def test_known_inconsistency_is_found(findings, line, rule, reported, expected):
    hits = _at(findings, line, rule)
    hits = hits[hits["reported"] == reported]
    assert len(hits) >= 1, findings[findings["line"] == line][
        ["rule", "reported", "expected", "message"]].to_string()
    if expected is not None:
        assert expected in set(hits["expected"])


def test_truncated_percentages_are_info_only(findings):
    # 12.202.500 / 15.445.000 = 79,006: printed 79,00 only by truncating (rounds to 79,01).
    hit = _at(findings, 837)
    assert list(hit["rule"]) == ["R104"] and list(hit["severity"]) == ["info"]
    # 88,28 / 85 = 103,86: "103%" is truncation, not rounding.
    assert list(_at(findings, 500)["severity"]) == ["info"]


def test_figures_that_hold_are_not_flagged(findings):
    # 7,97 / 7,70 = 103,51; "103%" holds once the rounding of 7,97 and 7,70 is allowed for
    # (7,965 / 7,705 = 103,37 … 7,975 / 7,695 = 103,64).
    assert _at(findings, 499).empty
    # Tabel 4.9's kegiatan add up to their programs and the programs to JUMLAH:
    # 15.445.000 + 2.440.638.873 + 0 + 96.453.650 + 93.972.368 + 12.559.320 + 62.100.000 +
    # 74.920.450 = 2.796.089.661; 2.796.089.661 + 7.374.850 + 51.125.000 + 73.475.000 +
    # 19.505.000 + 7.425.000 = 2.954.994.511 (realisasi likewise, 2.633.370.523).
    sums = findings[(findings["family"] == "sum") & (findings["table"] == "Tabel 4.9")]
    assert sums.empty
    # SAKIP components 25,34 + 23,40 + 6,91 + 16,44 = 72,09, each under its weight.
    assert findings[findings["rule"].isin(["R304", "R305", "R306", "R307"])].empty
    # 7,97 − 7,83 = 0,14; 7,97 − 4,77 = 3,20 ("3,2"); 92,92 − 90,94 = 1,98.
    assert findings[findings["rule"] == "R202"].empty
    # 2.633.370.523 / 2.954.994.511 = 89,12 % in the budget sentence; 72,00 → 67,84 is
    # 94,22 % in the SAKIP sentence; PATEN 88,28 / 85 = 103,86 ("103%", truncated) and the
    # count words 2 (dua), 6 (Enam).
    for line in (869, 661, 663):
        assert not set(_at(findings, line)["rule"]) & {"R601", "R602", "R604", "R605", "R701"}
    assert set(_at(findings, 638)["rule"]) == {"R701"}
    # The IKU averages 100.03 % and 100,3 % are means of their rows (100,04 of the printed
    # capaian, 100,26 of the capaian the targets imply).
    assert _at(findings, 504).empty and _at(findings, 623).empty


def test_findings_name_both_figures_in_indonesian_format(findings):
    row = _at(findings, 717, "R102").iloc[0]
    assert row["message"] == ("Serapan anggaran Perencanaan, Penganggaran dan Evaluasi Kinerja "
                              "Perangkat Daerah tertulis 70,51% tetapi 12.202.500 / 15.445.000 "
                              "× 100 = 79,01%")
    assert row["table"] == "Tabel 3.2.1" and row["severity"] == "error"
    assert row["kecamatan"] == "Jogoroto" and row["year"] == 2024


def test_related_lines_point_at_the_other_figures(findings):
    row = _at(findings, 716, "R301").iloc[0]
    assert row["related_lines"] == [717, 718, 719, 720, 721, 722, 725, 726]


def test_same_findings_from_the_dataset_on_disk(reference_tables, findings, tmp_path):
    """`sakip ingest` checks the tables read back from CSV: the findings must not change."""
    from sakip_analysis.read.dataset import load_dataset, write_dataset

    write_dataset(reference_tables, tmp_path, xlsx=False)
    again = check_tables(load_dataset(tmp_path))
    key = ["rule", "line", "reported", "expected", "message"]
    assert again[key].equals(findings[key])
