"""``karantina``: sql/dasbor/karantina.sql (quarantined rows per year, table and reason code)
with ``uraian``, the Indonesian description of each reason code (transforms.staging.REASONS)."""

from __future__ import annotations

import duckdb
import polars as pl

from transforms.sqlfiles import read_sql
from transforms.staging import REASONS


def build(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    frame = con.sql(read_sql("dasbor/karantina.sql")).pl()
    return frame.with_columns(
        pl.col("kode_alasan").replace_strict(REASONS, default=None, return_dtype=pl.String).alias("uraian")
    )
