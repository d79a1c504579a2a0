"""Every CSV the pipeline writes: no spreadsheet formulas, no raw control characters.

A text cell that starts with ``= + - @``, a tab or a carriage return gets a leading apostrophe
(the same rule as the site's downloads, reports/static/site.js ``csvCell``), so Excel or
LibreOffice show it as text instead of evaluating it. C0 control characters other than tab,
line feed and carriage return (NUL, bell, escape, ...) and DEL are replaced by U+FFFD, so a
byte from a broken export never reaches a file people open. Numbers stay numbers.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from transforms.sqlfiles import sql_literal

FORMULA_START = r"^[=+\-@\t\r]"
CONTROL = r"[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]"
REPLACEMENT = "\ufffd"


def guard_sql(expr: str) -> str:
    """SQL expression: the guarded text of the VARCHAR expression ``expr``."""
    clean = f"regexp_replace({expr}, '{CONTROL}', '{REPLACEMENT}', 'g')"
    return f"(CASE WHEN regexp_matches({expr}, '{FORMULA_START}') THEN '''' ELSE '' END || {clean})"


def guarded_query(con: duckdb.DuckDBPyConnection, query: str) -> str:
    """``query`` with every text column guarded (other types unchanged, names and order kept)."""
    columns = con.sql(query).columns
    types = con.sql(query).types
    parts = []
    for name, kind in zip(columns, types, strict=True):
        q = '"' + name.replace('"', '""') + '"'
        text = str(kind) in ("VARCHAR", "JSON")
        parts.append(f"{guard_sql('CAST(' + q + ' AS VARCHAR)')} AS {q}" if text else q)
    return f"SELECT {', '.join(parts)} FROM ({query})"


def copy_csv(con: duckdb.DuckDBPyConnection, query: str, path: Path) -> None:
    """Write the result of ``query`` as a guarded UTF-8 CSV with a header row."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con.execute(
        f"COPY ({guarded_query(con, query)}) TO {sql_literal(str(path))} (FORMAT csv, HEADER true)"
    )


def guard_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with every String column guarded like ``guard_sql``."""
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(FORMULA_START))
        .then(pl.lit("'") + pl.col(c).str.replace_all(CONTROL, REPLACEMENT))
        .otherwise(pl.col(c).str.replace_all(CONTROL, REPLACEMENT))
        .alias(c)
        for c, t in frame.schema.items()
        if t == pl.String
    )


def write_frame_csv(frame: pl.DataFrame, path: Path) -> None:
    """Write a Polars frame as a guarded UTF-8 CSV with a header row."""
    path.parent.mkdir(parents=True, exist_ok=True)
    guard_frame(frame).write_csv(path)
