"""The registry is the one place rule ids live: every rule has an example report that
triggers it, every id a family emits is registered, and no family module writes an id."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sakip_analysis.cli import main
from sakip_analysis.pipeline.ingest import find_documents
from sakip_analysis.read.extract import extract_paths
from sakip_analysis.review import RULES, check_tables
from sakip_analysis.review.examples import example_findings
from sakip_analysis.review.registry import RULES_BY_ID, rule_ids

REVIEW = Path(__file__).resolve().parents[2] / "sakip_analysis" / "review"
DEMO = Path(__file__).resolve().parents[2] / "data" / "raw" / "demo"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_every_rule_has_an_example_that_fires_it(rule):
    assert rule.example, f"{rule.id} has no example"
    findings = example_findings(rule)
    own = findings[findings["rule"] == rule.id]
    assert len(own), f"{rule.id}: its example gives {sorted(set(findings['rule']))}"
    assert set(own["severity"]) == {rule.severity}
    assert own["line"].notna().all() or rule.family == "structure"


def test_every_id_a_family_emits_is_registered(reference_tables):
    demo = extract_paths(find_documents([DEMO])).tables
    emitted = set(check_tables(demo)["rule"]) | set(check_tables(reference_tables)["rule"])
    for rule in RULES:
        emitted |= set(example_findings(rule)["rule"])
    assert emitted <= set(RULES_BY_ID)
    assert len(emitted) == len(RULES)  # and every registered rule is reachable


def test_no_module_but_the_registry_writes_a_rule_id():
    literal = re.compile(r"[\"']R\d{3,4}[\"']")
    writers = [p.relative_to(REVIEW).as_posix() for p in REVIEW.rglob("*.py")
               if p.name != "registry.py" and literal.search(p.read_text(encoding="utf-8"))]
    assert writers == []


def test_an_unregistered_rule_name_fails_loudly():
    assert rule_ids("capaian", "serapan") == ("R101", "R102")
    with pytest.raises(Exception, match="tidak terdaftar"):
        rule_ids("capaian-ajaib")


def test_sakip_rules_lists_every_rule_in_indonesian(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    for rule in RULES:
        assert f"{rule.id}  {rule.name}" in out and rule.description in out
    assert "KESALAHAN" in out and "Contoh:" in out


def test_sakip_rules_explains_one_with_its_own_finding(capsys):
    assert main(["rules", "R301"]) == 0
    out = capsys.readouterr().out
    # The example: program pagu 1.000.000 against kegiatan 600.000 + 300.000 = 900.000.
    assert "Penjumlahan" in out and "Jumlah pagu kegiatan Rp 900.000" in out
    assert main(["rules", "R999"]) == 2
    assert "R999" in capsys.readouterr().err
