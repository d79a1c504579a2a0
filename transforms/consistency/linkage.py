"""Are evaluators linked? Evaluator effects can be told apart from team effects only where
evaluators share appraisees (FACETS' subset connectedness): the same employee appraised by two
penilai in a year — periodic and annual evaluators differ, or a mid-year move.

Evaluators are the nodes of a graph with an edge where two share an appraisee; per evaluator
``tertaut`` counts the other evaluators it shares appraisees with and ``komponen_ukuran`` the
size of its connected component. An evaluator with ``tertaut`` 0 rests on evidence adjustment
alone.
"""

from __future__ import annotations

import polars as pl


def _find(parent: dict[str, str], x: str) -> str:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def linkage(appraisals: pl.DataFrame, appraisee: str = "nip", evaluator: str = "nip_penilai") -> pl.DataFrame:
    """Per evaluator: tertaut, komponen (a representative id) and komponen_ukuran, from rows of
    (appraisee, evaluator) pairs of one year (every periode)."""
    pairs = appraisals.select(appraisee, evaluator).drop_nulls().unique()
    parent = {e: e for e in pairs.get_column(evaluator).unique().to_list()}
    shared = (
        pairs.join(pairs, on=appraisee, suffix="_lain")
        .filter(pl.col(evaluator) != pl.col(f"{evaluator}_lain"))
        .select(evaluator, f"{evaluator}_lain").unique()
    )
    for a, b in shared.iter_rows():
        ra, rb = _find(parent, a), _find(parent, b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    roots = pl.DataFrame(
        {evaluator: list(parent), "komponen": [_find(parent, e) for e in parent]},
        schema={evaluator: pl.String, "komponen": pl.String},
    )
    sizes = roots.group_by("komponen").agg(pl.len().alias("komponen_ukuran"))
    degree = shared.group_by(evaluator).agg(pl.len().alias("tertaut"))
    return (
        roots.join(sizes, on="komponen").join(degree, on=evaluator, how="left")
        .with_columns(pl.col("tertaut").fill_null(0).cast(pl.Int64),
                      pl.col("komponen_ukuran").cast(pl.Int64))
        .sort(evaluator)
    )
