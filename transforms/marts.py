"""Aggregate tables (schema ``mart``) that the dashboards read: no personal data.

A mart is one SQL file under ``sql/marts/`` (``<table>.sql`` creating ``mart.<table>``), found
by :func:`mart_files`: adding a mart touches no list.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

import duckdb
import polars as pl

from transforms.sqlfiles import read_sql


def mart_files(folder: Traversable | None = None) -> list[Traversable]:
    """Every mart: one file sql/marts/<table>.sql creating mart.<table>, discovered, in name order."""
    folder = folder or resources.files("transforms").joinpath("sql", "marts")
    return sorted((p for p in folder.iterdir() if p.name.endswith(".sql")), key=lambda p: p.name)


def build_marts(con: duckdb.DuckDBPyConnection, folder: Traversable | None = None) -> dict[str, int]:
    """(Re)build every mart table; returns row counts by table name."""
    con.execute("CREATE SCHEMA IF NOT EXISTS mart")
    counts: dict[str, int] = {}
    for path in mart_files(folder):
        con.execute(path.read_text(encoding="utf-8"))
        table = path.name.removesuffix(".sql")
        counts[table] = con.execute(f"SELECT count(*) FROM mart.{table}").fetchall()[0][0]
    return counts


def read_dashboard_frames(con: duckdb.DuckDBPyConnection) -> dict[str, pl.DataFrame]:
    """Every frame the dashboard reads (sql/dasbor/<name>.sql), by name: aggregates only."""
    folder = resources.files("transforms").joinpath("sql", "dasbor")
    names = sorted(p.name.removesuffix(".sql") for p in folder.iterdir() if p.name.endswith(".sql"))
    return {name: con.sql(read_sql(f"dasbor/{name}.sql")).pl() for name in names}
