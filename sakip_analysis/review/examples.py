"""Run a rule's example report from the registry, so the catalogue (`sakip rules`) shows what
each rule says and the tests can prove that every example triggers its rule."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sakip_analysis.read.extract import concat, extract_records
from sakip_analysis.read.readers.text_reader import parse_text
from sakip_analysis.review import check_tables
from sakip_analysis.review.registry import EXAMPLE_YEAR, Rule, example_cover

EXAMPLE_FILE = "contoh.txt"
PREVIOUS_FILE = "contoh-tahun-lalu.txt"


def example_text(rule: Rule, previous: bool = False) -> str:
    """The whole example report (title page and body) as a text export."""
    year = EXAMPLE_YEAR - 1 if previous else EXAMPLE_YEAR
    body = rule.previous if previous else rule.example
    return "\n".join([*example_cover(year), *body]) + "\n"


def example_line(rule: Rule, body_line: int) -> int:
    """The line of the example report that body line `body_line` (1-based) stands on."""
    return len(example_cover()) + body_line


def example_findings(rule: Rule) -> pd.DataFrame:
    """Every finding on the rule's example report (all rules run, as `sakip check` does)."""
    parts = [extract_records(parse_text(example_text(rule), Path(EXAMPLE_FILE)))]
    if rule.previous:
        parts.append(extract_records(parse_text(example_text(rule, previous=True),
                                                Path(PREVIOUS_FILE))))
    return check_tables(concat(parts))


__all__ = ["EXAMPLE_FILE", "example_findings", "example_line", "example_text", "explain_rule",
           "rule_catalogue"]


# --------------------------------------------------------------------------- the catalogue

def _shown(line: str) -> str:
    """A report line for the terminal: tab-separated cells shown as ` | `."""
    return line.replace("\t", " | ")


def rule_catalogue() -> str:
    """Every rule, one block each: id, kelompok, tingkat, keterangan and its example lines."""
    from sakip_analysis.formatting import FAMILY_LABELS, SEVERITY_LABELS
    from sakip_analysis.review.registry import RULES

    blocks = [f"{len(RULES)} aturan pemeriksaan. Contoh: badan laporan teks (sel tabel dipisah "
              "tab, di sini ' | ') sesudah halaman judul yang sama untuk semua contoh "
              "(Kecamatan Contoh, Kabupaten Contoh, tahun "
              f"{EXAMPLE_YEAR}). Rincian satu aturan: sakip rules R301"]
    for rule in RULES:
        head = (f"{rule.id}  {rule.name}  [{FAMILY_LABELS.get(rule.family, rule.family)}, "
                f"{SEVERITY_LABELS.get(rule.severity, rule.severity)}]")
        example = "\n".join(f"      {_shown(line)}" for line in rule.example if line)
        blocks.append(f"{head}\n    {rule.description}\n    Contoh:\n{example}")
    return "\n\n".join(blocks)


def explain_rule(rule: Rule) -> str:
    """One rule in full: its description, the whole example report, and what the checker
    says on it (run now, so the text is the checker's own)."""
    from sakip_analysis.formatting import FAMILY_LABELS, SEVERITY_LABELS

    lines = [f"{rule.id}  {rule.name}",
             f"Kelompok: {FAMILY_LABELS.get(rule.family, rule.family)}",
             f"Tingkat: {SEVERITY_LABELS.get(rule.severity, rule.severity)}",
             f"Keterangan: {rule.description}", ""]
    if rule.previous:
        lines.append(f"Laporan tahun lalu ({PREVIOUS_FILE}):")
        lines += [f"  {n:>3}  {_shown(t)}" for n, t in enumerate(
            example_text(rule, previous=True).splitlines(), start=1)]
        lines.append("")
    lines.append(f"Contoh laporan ({EXAMPLE_FILE}):")
    lines += [f"  {n:>3}  {_shown(t)}" for n, t in enumerate(
        example_text(rule).splitlines(), start=1)]
    found = example_findings(rule)
    own = found[found["rule"] == rule.id]
    lines += ["", f"Temuan {rule.id} pada contoh ini:"]
    lines += [f"  baris {int(r.line) if r.line == r.line and r.line is not None else '-'}: "
              f"{r.message}" for r in own.itertuples()]
    return "\n".join(lines)
