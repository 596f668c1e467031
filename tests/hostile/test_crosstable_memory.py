"""The cross-table rule compares every printed value of a quantity with every other; a report
that repeats a table thousands of times must not make that quadratic in memory.

The linear version must give exactly the findings of the plain pairwise comparison (written out
here as the reference), and stay small on a report of 4,000 tables of one key.
"""

from __future__ import annotations

import tracemalloc

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip_analysis.review import tolerance as tol
from sakip_analysis.review.context import classes_compatible
from sakip_analysis.review.rules.crosstable import disagreements


def pairwise_reference(obs: pd.DataFrame, group: list[str]) -> pd.DataFrame:
    """The rule's definition, comparing all pairs of a group at once."""
    obs = obs.copy()
    obs["_gid"] = obs.groupby(group, dropna=False, sort=False).ngroup()
    per_table = obs.groupby(["_gid", "source_table_index"])["value"].transform("nunique")
    obs = obs[per_table == 1].drop_duplicates(["_gid", "source_table_index"])
    n_tables = obs.groupby("_gid")["source_table_index"].transform("nunique")
    obs = obs[n_tables >= 2].reset_index(drop=True)
    if obs.empty:
        return obs
    obs["_row"] = np.arange(len(obs))
    obs["_exact"] = obs["quantity"].ne("capaian") | obs["cls"].eq("count")
    pairs = obs.merge(obs, on="_gid", suffixes=("", "_o"))
    kind = classes_compatible(pairs["cls"], pairs["cls_o"]).to_numpy()
    pairs["agree"] = tol.compatible_arrays(pairs["value"], pairs["decimals"], pairs["value_o"],
                                           pairs["decimals_o"], pairs["_exact"].to_numpy()) & kind
    pairs["kind"] = kind
    obs["_score"] = obs["_row"].map(pairs.groupby("_row")["agree"].sum())
    ref = obs.sort_values(["_gid", "_score", "suspect", "source_table_index", "source_line"],
                          ascending=[True, False, True, True, True]).drop_duplicates("_gid")
    # no consensus, no finding: three or more tables, fewer than half agreeing with the best
    size = obs.groupby("_gid")["source_table_index"].nunique()
    ref = ref[(ref["_gid"].map(size) < 3) | (2 * ref["_score"] >= ref["_gid"].map(size))]
    obs = obs[obs["_gid"].isin(ref["_gid"])]
    pairs = pairs[pairs["_gid"].isin(ref["_gid"])]
    if obs.empty:
        return obs
    ref = ref.set_index("_gid")
    pairs["ref_row"] = pairs["_gid"].map(ref["_row"])
    vs_ref = pairs[pairs["_row_o"] == pairs["ref_row"]].set_index("_row")
    bad = obs[~obs["_row"].map(vs_ref["agree"]).astype(bool)
              & obs["_row"].map(vs_ref["kind"]).astype(bool)].copy()
    agreeing = pairs[pairs["agree"] & (pairs["_row"] == pairs["ref_row"])]
    lines = agreeing.groupby("_gid")["source_line_o"].apply(lambda s: sorted(set(s)))
    bad["ref_raw"] = bad["_gid"].map(ref["raw"])
    bad["ref_lines"] = [lines.get(g, []) for g in bad["_gid"]]
    return bad


def _summary(frame: pd.DataFrame) -> list[tuple]:
    if frame.empty:
        return []
    return sorted((int(r.source_table_index), int(r.source_line), r.raw, r.ref_raw,
                   tuple(int(x) for x in r.ref_lines)) for r in frame.itertuples())


ROW = st.fixed_dictionaries({
    "key": st.sampled_from(["nilai sakip", "ikm"]),
    "quantity": st.sampled_from(["target", "capaian"]),
    "value": st.sampled_from([90.0, 90.4, 91.0, 100.0, 7.5, 0.0]),
    "decimals": st.integers(0, 2),
    "cls": st.sampled_from(["plain", "percent", "count", None]),
    "source_table_index": st.integers(0, 4),
    "suspect": st.booleans(),
})


@settings(max_examples=150, deadline=None)
@given(st.lists(ROW, min_size=1, max_size=30))
def test_linear_disagreements_equal_the_pairwise_definition(rows):
    obs = pd.DataFrame(rows)
    obs["source_line"] = np.arange(len(obs)) + 10
    obs["raw"] = [f"{v:g}/{d}" for v, d in zip(obs["value"], obs["decimals"], strict=True)]
    obs["source_table"] = "Tabel " + obs["source_table_index"].astype(str)
    obs["decimals"] = obs["decimals"].astype("Int64")
    group = ["key", "quantity"]
    assert _summary(disagreements(obs, group)) == _summary(pairwise_reference(obs, group))


def test_four_thousand_tables_of_one_key_stay_small():
    n = 4000
    values = np.where(np.arange(n) % 50 == 0, 91.0, 90.0)  # every 50th table disagrees
    obs = pd.DataFrame({
        "key": "nilai sakip", "quantity": "target", "value": values,
        "decimals": pd.array([2] * n, dtype="Int64"), "cls": "plain",
        "raw": np.where(values == 91.0, "91,00", "90,00"), "source_table_index": np.arange(n),
        "source_table": "Tabel", "source_line": np.arange(n) * 10 + 1, "suspect": False})
    tracemalloc.start()
    bad = disagreements(obs, ["key", "quantity"])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(bad) == n // 50 and set(bad["ref_raw"]) == {"90,00"}
    # 16 million pairs of even one float would be 128 MB; the linear version needs a few MB.
    assert peak < 40 * 2**20, f"peak {peak / 2**20:.0f} MB"
