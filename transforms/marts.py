"""Aggregate tables (schema ``mart``) that the dashboards read: no personal data.

A mart is one SQL file under ``sql/marts/`` (``<table>.sql`` creating ``mart.<table>``), found
by :func:`mart_files`: adding a mart touches no list.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from importlib.resources.abc import Traversable

import duckdb
import polars as pl

from transforms.sqlfiles import expand_includes, read_sql


def mart_files(folder: Traversable | None = None) -> list[Traversable]:
    """Every mart: one file sql/marts/<table>.sql creating mart.<table>, discovered, in name order."""
    folder = folder or resources.files("transforms").joinpath("sql", "marts")
    return sorted((p for p in folder.iterdir() if p.name.endswith(".sql")), key=lambda p: p.name)


def build_marts(con: duckdb.DuckDBPyConnection, folder: Traversable | None = None) -> dict[str, int]:
    """(Re)build every mart table; returns row counts by table name."""
    con.execute("CREATE SCHEMA IF NOT EXISTS mart")
    counts: dict[str, int] = {}
    for path in mart_files(folder):
        con.execute(expand_includes(path.read_text(encoding="utf-8")))
        table = path.name.removesuffix(".sql")
        counts[table] = con.execute(f"SELECT count(*) FROM mart.{table}").fetchall()[0][0]
    return counts


def dashboard_frame_names() -> list[str]:
    """Every dashboard frame: one file sql/dasbor/<name>.sql, in name order."""
    folder = resources.files("transforms").joinpath("sql", "dasbor")
    return sorted(p.name.removesuffix(".sql") for p in folder.iterdir() if p.name.endswith(".sql"))


def read_dashboard_frames(
    con: duckdb.DuckDBPyConnection, names: Iterable[str] | None = None
) -> dict[str, pl.DataFrame]:
    """The dashboard frames ``names`` (default: all) by name, each from sql/dasbor/<name>.sql:
    aggregates only, every year the warehouse keeps (a ``tahun`` column)."""
    known = dashboard_frame_names()
    wanted = known if names is None else list(dict.fromkeys(names))
    unknown = [n for n in wanted if n not in known]
    if unknown:
        raise ValueError(f"no sql/dasbor file for frame(s): {', '.join(unknown)}")
    return {name: con.sql(read_sql(f"dasbor/{name}.sql")).pl() for name in wanted}
