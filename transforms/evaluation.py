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
