"""The run's intermediate models: frames that several marts and findings rules read, written
once per staged bundle into schema ``antara`` (dbt's intermediate layer, materialised as
tables). Staging a table again drops them, so they never outlive the rows they came from."""

from __future__ import annotations

import duckdb

SCHEMA = "antara"


def present(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """Whether ``antara.<table>`` exists in the connection's database."""
    return bool(con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = ? AND table_name = ?"
        " AND database_name = current_database()", [SCHEMA, table]).fetchall()[0][0])


def write(con: duckdb.DuckDBPyConnection, table: str, query: str) -> int:
    """``antara.<table>`` := the result of ``query`` (computed in DuckDB); its row count."""
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    con.execute(f"CREATE OR REPLACE TABLE {SCHEMA}.{table} AS {query}")
    return con.execute(f"SELECT count(*) FROM {SCHEMA}.{table}").fetchall()[0][0]


def drop_all(con: duckdb.DuckDBPyConnection) -> None:
    """Forget every intermediate table (the staged rows they came from are changing)."""
    con.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
