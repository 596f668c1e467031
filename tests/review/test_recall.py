"""The checker against the planted inconsistencies of the bundled demo (data/raw/demo)."""

from pathlib import Path

import pandas as pd
import pytest

from sakip_analysis.demo import generate_demo
from sakip_analysis.pipeline.ingest import find_documents
from sakip_analysis.read.extract import extract_paths
from sakip_analysis.review import check_tables

DEMO = Path(__file__).resolve().parents[2] / "data" / "raw" / "demo"


@pytest.fixture(scope="module")
def demo_findings():
    result = extract_paths(find_documents([DEMO]))
    assert not result.failed
    findings = check_tables(result.tables)
    findings["rel"] = [Path(f).relative_to(DEMO).as_posix() for f in findings["file"]]
    return findings, pd.read_csv(DEMO / "manifest.csv", dtype=str, keep_default_na=False)


def _found(findings: pd.DataFrame, planted: pd.Series) -> bool:
    mine = findings[(findings["rel"] == planted["file"])
                    & findings["severity"].isin(["error", "warning", "info"])]
    if planted["format"] == "txt":
        return bool((mine["line"].astype("Int64") == int(planted["line"])).any()) or bool(
            planted["table"] and (mine["table"] == planted["table"]).any()
            and planted["family"] in ("time", "structure", "across-reports"))
    # Word files: table cells by (table index, row), sentences by paragraph number. A finding
    # on another row of the table counts only where the planted cell is a whole-table matter
    # (a caption's year or number) or names the row among its related rows.
    if planted["table_index"]:
        in_table = mine["table_index"].astype("Int64") == int(planted["table_index"])
        row = int(planted["row"] or -1)
        at_row = in_table & ((mine["line"].astype("Int64") == row)
                             | mine["related_lines"].map(lambda r: row in _lines(r)))
        whole_table = planted["family"] in ("time", "structure") and not planted["row"]
        return bool(at_row.any() or (whole_table and in_table.any()))
    return bool((mine["line"].astype("Int64") == int(planted["paragraph"] or -1)).any())


def _lines(related: object) -> set[int]:
    if isinstance(related, list | tuple | set):
        return {int(v) for v in related}
    return set()


def test_recall_on_planted_inconsistencies(demo_findings):
    findings, manifest = demo_findings
    found = manifest.apply(lambda row: _found(findings, row), axis=1)
    missed = manifest[~found][["file", "family", "kind", "line"]].to_dict("records")
    assert found.mean() >= 0.9, missed
    # Every family that was planted is found at least once.
    assert set(manifest[found]["family"]) == set(manifest["family"])


def test_no_alarm_where_nothing_was_planted(demo_findings):
    findings, manifest = demo_findings
    touched = set(manifest["file"])
    elsewhere = findings[~findings["rel"].isin(touched)
                         & findings["severity"].isin(["error", "warning"])]
    assert elsewhere.empty, elsewhere[["rel", "rule", "line", "message"]].to_dict("records")


def test_clean_reports_give_no_error_and_no_warning(tmp_path):
    generate_demo(tmp_path, kecamatan=["Diwek", "Kabuh", "Wonosalam"], years=(2023, 2024),
                  formats=("txt",), inject=False)
    result = extract_paths(find_documents([tmp_path]))
    findings = check_tables(result.tables)
    serious = findings[findings["severity"].isin(["error", "warning"])]
    assert serious.empty, serious[["file", "rule", "line", "message"]].to_dict("records")
