"""Scoring findings against a sample bundle's ground-truth key (recall, false positives)."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from transforms.contract import RULE_BY_ID

MATCH_COLUMNS = ("rule", "subjek_id", "periode")


def _keyed(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select(
        pl.col("rule").cast(pl.String),
        pl.col("subjek_id").cast(pl.String),
        pl.col("periode").cast(pl.String).fill_null(""),
    ).unique()


def score_findings(temuan_csv: Path, kunci_csv: Path, rules: list[str] | None = None) -> pl.DataFrame:
    """Per rule: planted, found, missed, false positives, recall and precision.

    A finding matches a planted defect on (rule, subjek_id, periode). By default the rules
    scored are those that occur in the findings or the key, in catalogue order.
    """
    schema = {c: pl.String for c in MATCH_COLUMNS}
    found = _keyed(pl.read_csv(temuan_csv, schema_overrides=schema, infer_schema=False))
    planted = _keyed(pl.read_csv(kunci_csv, schema_overrides=schema, infer_schema=False))
    present = set(found["rule"]) | set(planted["rule"])
    rules = rules or [r for r in RULE_BY_ID if r in present]
    rows = []
    for rule in rules:
        p = planted.filter(rule=rule)
        f = found.filter(rule=rule)
        hit = p.join(f, on=list(MATCH_COLUMNS), how="inner").height
        rows.append(
            {
                "rule": rule,
                "ditanam": p.height,
                "ditemukan": hit,
                "terlewat": p.height - hit,
                "positif_palsu": f.height - hit,
                "recall": hit / p.height if p.height else None,
                "presisi": hit / f.height if f.height else None,
            }
        )
    return pl.DataFrame(rows)


def score_decoys(temuan_csv: Path, umpan_csv: Path) -> pl.DataFrame:
    """Per decoy kind of a sample bundle (``<out>.umpan.csv``): how many decoys, how many the
    findings flag for the rule each decoy imitates (``ditandai``, any periode; a correct analysis
    gives 0), and how many are flagged by another unit or evaluator rule on the decoy's unit or
    evaluator (``ditandai_lain``: a decoy keeps the SE 3/2023 bounds and moderate shares)."""
    schema = {c: pl.String for c in ("rule", "tingkat", "subjek_id", "periode", "unor_id")}
    found = pl.read_csv(temuan_csv, schema_overrides=schema, infer_schema=False).select(
        "rule", "tingkat", "subjek_id")
    decoys = pl.read_csv(umpan_csv, schema_overrides=schema, infer_schema=False)
    flagged = {(r, s) for r, s in found.select("rule", "subjek_id").iter_rows()}
    other: dict[str, set[str]] = {}  # subject -> rules of unit/evaluator findings on it
    for r, t, s in found.iter_rows():
        if t in ("unit", "penilai"):
            other.setdefault(s, set()).add(r)
    counts: dict[tuple[str, str], list[int]] = {}
    for d in decoys.iter_rows(named=True):
        c = counts.setdefault((d["umpan"], d["rule"]), [0, 0, 0])
        c[0] += 1
        c[1] += (d["rule"], d["subjek_id"]) in flagged
        c[2] += bool((other.get(d["subjek_id"], set()) | other.get(d["unor_id"], set()))
                     - {d["rule"]})
    rows = [{"umpan": u, "rule": r, "jumlah": c[0], "ditandai": c[1], "ditandai_lain": c[2]}
            for (u, r), c in counts.items()]
    return pl.DataFrame(rows, schema={"umpan": pl.String, "rule": pl.String, "jumlah": pl.Int64,
                                      "ditandai": pl.Int64, "ditandai_lain": pl.Int64})
