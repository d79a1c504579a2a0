"""Writing the run's audit tables to files people open (guarded CSV, UTF-8, header row)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from transforms.safe_csv import copy_csv
from transforms.sqlfiles import read_sql, sql_literal


def _rows(name: str) -> str:
    return read_sql(f"ekspor/{name}.sql")


def write_reconciliation(con: duckdb.DuckDBPyConnection, path: Path) -> list[tuple[str, int, int, int]]:
    """``rekonsiliasi.csv`` (sql/ekspor/rekonsiliasi.sql), per bundle and table; returns
    (tabel, dibaca, diterima, dikarantina) summed over the bundles kept."""
    query = _rows("rekonsiliasi")
    copy_csv(con, query, path)
    return [
        tuple(r)  # type: ignore[misc]
        for r in con.execute(
            f"SELECT tabel, sum(dibaca), sum(diterima), sum(dikarantina) FROM ({query}) GROUP BY 1 ORDER BY 1"
        ).fetchall()
    ]


def write_quarantine(con: duckdb.DuckDBPyConnection, folder: Path) -> list[tuple[str, str, int]]:
    """``karantina/<tabel>.csv`` (one per table with quarantined rows), ``ringkasan.csv`` (the
    dashboard's own summary, sql/dasbor/karantina.sql) and ``diperbaiki.csv`` (rows accepted
    after the reader repaired them). Every year and bundle the warehouse keeps."""
    folder.mkdir(parents=True, exist_ok=True)
    summary_query = read_sql("dasbor/karantina.sql")
    copy_csv(con, summary_query, folder / "ringkasan.csv")
    tables = [t for (t,) in con.execute("SELECT DISTINCT tabel FROM audit.karantina ORDER BY 1").fetchall()]
    for table in tables:
        copy_csv(con, _rows("karantina").replace("$1", sql_literal(table)), folder / f"{table}.csv")
    copy_csv(con, _rows("diperbaiki"), folder / "diperbaiki.csv")
    return [
        tuple(r)  # type: ignore[misc]
        for r in con.execute(f"SELECT tabel, kode_alasan, sum(jumlah) FROM ({summary_query}) GROUP BY ALL ORDER BY ALL").fetchall()
    ]


def write_findings(con: duckdb.DuckDBPyConnection, path: Path) -> list[tuple[str, int]]:
    """``temuan.csv`` (sql/ekspor/temuan.sql): the catalogue's columns plus ``tahun``; returns
    the count per rule."""
    copy_csv(con, _rows("temuan"), path)
    return [
        tuple(r)  # type: ignore[misc]
        for r in con.execute("SELECT rule, count(*) FROM audit.temuan GROUP BY rule ORDER BY rule").fetchall()
    ]


def write_career(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """``terbatas/karier.csv`` (sql/ekspor/karier.sql): one row per employee and year, personal
    data (docs/karier.md); returns the rows written."""
    query = _rows("karier")
    copy_csv(con, query, path)
    return con.execute(f"SELECT count(*) FROM ({query})").fetchall()[0][0]
