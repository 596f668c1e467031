"""The findings frame, the severity filter and the writers (text, json, csv, xlsx)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from openpyxl import load_workbook

from sakip_analysis.errors import SakipError
from sakip_analysis.formatting import FAMILY_LABELS
from sakip_analysis.read.schema import conform
from sakip_analysis.review import RULES, check_tables
from sakip_analysis.review.findings import (
    FINDING_COLUMNS,
    SEVERITIES,
    filter_severity,
    frame_of,
    write_findings,
)


def _findings() -> pd.DataFrame:
    base = {"file": "a.txt", "kecamatan": "Contoh", "year": 2024, "page": None,
            "reported": "70,51%", "expected": "79,01%"}
    return frame_of([
        {**base, "rule": "R102", "family": "ratio", "severity": "error", "message": "serapan",
         "table": "Tabel 3.2.1", "table_index": 10, "line": 717, "related_lines": []},
        {**base, "rule": "R502", "family": "cross-table", "severity": "warning",
         "message": "pagu beda", "table": "Tabel 4.9", "table_index": 12, "line": 839,
         "related_lines": [719]},
        {**base, "rule": "R901", "family": "structure", "severity": "info",
         "message": "nomor ganda", "table": "Tabel 3.1.3", "table_index": 7, "line": 571,
         "related_lines": [523]},
        {**base, "rule": "R701", "family": "counts", "severity": "error",
         "message": "6 (lima)", "table": None, "table_index": None, "line": 638,
         "related_lines": []},
    ])


def test_frame_has_the_contract_columns():
    frame = _findings()
    assert list(frame.columns) == FINDING_COLUMNS
    assert frame["line"].dtype == "Int64"
    assert list(frame_of([]).columns) == FINDING_COLUMNS


@pytest.mark.parametrize(("minimum", "kept"), [
    ("info", {"R102", "R502", "R901", "R701"}), ("warning", {"R102", "R502", "R701"}),
    ("error", {"R102", "R701"})])
def test_filter_severity(minimum, kept):
    assert set(filter_severity(_findings(), minimum)["rule"]) == kept


def test_unknown_severity_or_format_is_a_clear_error():
    with pytest.raises(SakipError, match="tingkat 'fatal' tidak dikenal"):
        filter_severity(_findings(), "fatal")
    with pytest.raises(SakipError, match=r"format temuan 'html' tidak dikenal"):
        write_findings(_findings(), "html", None)
    with pytest.raises(SakipError, match=r"-o BERKAS\.xlsx"):
        write_findings(_findings(), "xlsx", None)


def test_json_is_a_list_of_objects_with_int_lines():
    records = json.loads(write_findings(_findings(), "json", None))
    assert isinstance(records, list) and len(records) == 4
    assert set(FINDING_COLUMNS) <= set(records[0])
    by_rule = {r["rule"]: r for r in records}
    assert by_rule["R502"]["line"] == 839 and by_rule["R502"]["related_lines"] == [719]
    assert by_rule["R701"]["table"] is None and by_rule["R701"]["table_index"] is None
    assert by_rule["R102"]["page"] is None and by_rule["R102"]["year"] == 2024


def test_text_groups_by_file_then_table_in_document_order():
    text = write_findings(_findings(), "text", None)
    lines = text.splitlines()
    assert lines[0] == "== a.txt (Contoh 2024)"
    tables = [line.strip() for line in lines if line.strip().startswith("--")]
    assert tables == ["-- Tabel 3.1.3", "-- Tabel 3.2.1", "-- Tabel 4.9", "-- Teks laporan"]
    assert "baris 717  KESALAHAN" in text and "(lihat baris 719)" in text
    assert lines[-1] == "4 temuan: 2 kesalahan, 1 peringatan, 1 info."
    assert write_findings(frame_of([]), "text", None) == "Tidak ada temuan."


def test_csv_and_files(tmp_path):
    out = tmp_path / "temuan.csv"
    assert write_findings(_findings(), "csv", out) is None
    back = pd.read_csv(out, dtype=str)
    assert list(back.columns) == FINDING_COLUMNS
    assert "719" in set(back["related_lines"].astype(str))


def test_xlsx_is_a_workbook_in_bahasa_indonesia(tmp_path):
    out = tmp_path / "temuan.xlsx"
    write_findings(_findings(), "xlsx", out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["Temuan", "Ringkasan"]
    sheet = wb["Temuan"]
    header = [c.value for c in sheet[1]]
    assert header == ["Tingkat", "Aturan", "Keterangan aturan", "Tabel", "Halaman", "Baris",
                      "Kutipan sumber", "Tertulis", "Seharusnya", "Temuan",
                      "Yang perlu diperbaiki", "Baris terkait"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 4
    assert {r[0] for r in rows} == {"KESALAHAN", "PERINGATAN", "INFO"}
    assert "Teks laporan" in {r[3] for r in rows}
    described = {r[1]: r[2] for r in rows}
    assert described["R102"] == next(r.description for r in RULES if r.id == "R102")
    assert {r[5] for r in rows} == {717, 839, 571, 638}
    assert all(r[10] for r in rows)  # what to fix, for every finding
    summary = list(wb["Ringkasan"].iter_rows(min_row=2, values_only=True))
    assert summary == [("a.txt", "Contoh", 2024, 2, 1, 1, "Temuan")]


def test_registry_is_one_consistent_list():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert {r.severity for r in RULES} <= set(SEVERITIES)
    assert {r.family for r in RULES} == set(FAMILY_LABELS)
    assert all(r.description and r.name for r in RULES)
    # Ids carry their family number: R1xx ratio … R10xx across reports.
    order = list(FAMILY_LABELS)
    assert all(int(r.id[1:]) // 100 == order.index(r.family) + 1 for r in RULES)


def test_check_tables_on_empty_tables_and_unknown_rules():
    assert check_tables({}).empty
    empty = {"narrative": conform("narrative", pd.DataFrame(columns=["text"]))}
    assert list(check_tables(empty).columns) == FINDING_COLUMNS
    with pytest.raises(SakipError, match="R999"):
        check_tables({}, rules=["R999"])


def test_each_rule_family_only_emits_its_own_rules(reference_tables):
    for family in FAMILY_LABELS:
        ids = {r.id for r in RULES if r.family == family}
        found = check_tables(reference_tables, rules=ids)
        assert set(found["rule"]) <= ids
