"""Aggregate tables (schema ``mart``) that the dashboards read: no personal data."""

from __future__ import annotations

from importlib import resources

import duckdb
import polars as pl

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


def read_dashboard_frames(con: duckdb.DuckDBPyConnection) -> dict[str, pl.DataFrame]:
    """Every frame the dashboard reads (sql/dasbor/<name>.sql), by name: aggregates only."""
    folder = resources.files("transforms").joinpath("sql", "dasbor")
    names = sorted(p.name.removesuffix(".sql") for p in folder.iterdir() if p.name.endswith(".sql"))
    return {name: con.sql(read_sql(f"dasbor/{name}.sql")).pl() for name in names}
