"""Family 9: structure. One table number used for two different tables (a copied caption);
a repeated caption over the same title is a continued table and is left alone."""

from __future__ import annotations

from typing import Any

from sakip_analysis.review import matching
from sakip_analysis.review.context import CheckContext, finding, records
from sakip_analysis.review.registry import rule_id

DUPLICATE_NUMBER = rule_id("nomor-tabel-ganda")


def check_structure(ctx: CheckContext) -> list[dict[str, Any]]:
    """R901 over every report at once."""
    tables = ctx.frame("tables")
    tables = tables[tables["caption"].notna()]
    if tables.empty:
        return []
    tables = tables.sort_values(["source_file", "source_table_index"], kind="stable")
    tables = tables.assign(_title=[matching.normalize(t if isinstance(t, str) else "")
                                   for t in tables["title"].to_numpy(dtype=object)])
    key = ["source_file", "caption"]
    first = tables.groupby(key, sort=False)[["_title", "title", "source_line"]].transform("first")
    again = tables[tables["_title"].to_numpy() != first["_title"].to_numpy()]
    out = []
    for row, title, line in zip(records(again), first.loc[again.index, "title"],
                                first.loc[again.index, "source_line"], strict=True):
        out.append(finding(DUPLICATE_NUMBER, row,
                           f"Nomor {row['caption']} sudah dipakai di baris {line} untuk tabel "
                           f"lain ('{title}'); tabel ini: '{row['title']}'",
                           reported=row["caption"], expected="nomor tabel unik",
                           related=[line]))
    return out
