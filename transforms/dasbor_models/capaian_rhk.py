"""``capaian_rhk``: per RHK in a valid cascading link (as the intervening RHK or the one
intervened) its achievement, the mean over its indicators that have one (cascading.html,
transforms.quality.comovement). The indicator rows stay in DuckDB; no NIP or name is read."""

from __future__ import annotations

import duckdb
import polars as pl

from transforms.quality.comovement import rhk_achievement
from transforms.sqlfiles import read_sql


def build(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return rhk_achievement(con, read_sql("kualitas/capaian_kaskade.sql"))
