"""Aggregate tables (schema ``mart``) that the dashboards read: no personal data."""

from __future__ import annotations

import duckdb

from transforms.sqlfiles import read_sql

MART_QUERIES: tuple[str, ...] = (
    "marts/unit.sql",
    "marts/distribusi_predikat.sql",
    "marts/cakupan_bukti.sql",
    "marts/karantina_ringkasan.sql",
)


def build_marts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """(Re)build every mart table; returns row counts by table name."""
    counts: dict[str, int] = {}
    for name in MART_QUERIES:
        con.execute(read_sql(name))
        table = name.split("/")[-1].removesuffix(".sql")
        counts[table] = con.execute(f"SELECT count(*) FROM mart.{table}").fetchall()[0][0]
    return counts
