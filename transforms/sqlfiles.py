"""Loading the project's `.sql` files (package data under transforms/sql/)."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import duckdb

from transforms.contract import INDONESIAN_MONTHS

_INCLUDE = re.compile(r"\{\{\s*include\s+([\w/.-]+\.sql)\s*\}\}")


def expand_includes(text: str) -> str:
    """Replace ``{{ include <path>.sql }}`` with that file of transforms/sql/ (itself expanded):
    shared intermediate models (CTEs) written once, used by a findings rule and a mart."""
    return _INCLUDE.sub(lambda m: read_sql(m.group(1)).strip().rstrip(";"), text)


@cache
def read_sql(name: str) -> str:
    """Text of transforms/sql/<name> (e.g. "kualitas/predikat.sql"), includes expanded."""
    return expand_includes(resources.files("transforms").joinpath("sql", name).read_text(encoding="utf-8"))


def read_sql_over(name: str, source: str) -> str:
    """Text of transforms/sql/<name> with ``{{ source }}`` replaced by the query ``source``: a
    model written once over queries that differ (e.g. kualitas/capaian.sql)."""
    text = read_sql(name)
    if "{{ source }}" not in text:
        raise ValueError(f"sql/{name} has no {{{{ source }}}} to fill")
    return text.replace("{{ source }}", source)


def sql_literal(value: str) -> str:
    """A SQL string literal (single quotes doubled)."""
    return "'" + value.replace("'", "''") + "'"


def install_macros(con: duckdb.DuckDBPyConnection) -> None:
    """Create the normalisation macros (macros.sql) on a connection; idempotent."""
    month_case = " ".join(
        f"WHEN {sql_literal(name)} THEN '{number:02d}'" for name, number in INDONESIAN_MONTHS.items()
    )
    con.execute(read_sql("macros.sql").replace("{{month_case}}", month_case))
