"""Loading the project's `.sql` files (package data under transforms/sql/)."""

from __future__ import annotations

from functools import cache
from importlib import resources

import duckdb

from transforms.contract import INDONESIAN_MONTHS


@cache
def read_sql(name: str) -> str:
    """Text of transforms/sql/<name> (e.g. "findings/predikat_mismatch.sql")."""
    return resources.files("transforms").joinpath("sql", name).read_text(encoding="utf-8")


def sql_literal(value: str) -> str:
    """A SQL string literal (single quotes doubled)."""
    return "'" + value.replace("'", "''") + "'"


def install_macros(con: duckdb.DuckDBPyConnection) -> None:
    """Create the normalisation macros (macros.sql) on a connection; idempotent."""
    month_case = " ".join(
        f"WHEN {sql_literal(name)} THEN '{number:02d}'" for name, number in INDONESIAN_MONTHS.items()
    )
    con.execute(read_sql("macros.sql").replace("{{month_case}}", month_case))
