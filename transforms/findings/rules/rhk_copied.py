"""RHK_COPIED (info): an RHK whose text copies the leader's RHK it intervenes, verbatim after
normalisation or nearly (transforms.quality.similarity, threshold COPY_THRESHOLD): an SKP written
as a formality, with no contribution of the employee's own (issue 9, docs/temuan.md)."""

from __future__ import annotations

import duckdb
import polars as pl

from transforms.quality.similarity import COPY_THRESHOLD, copies
from transforms.quality.text import quoted, short

RULE_IDS = ("RHK_COPIED",)

LINKS = """
SELECT c.rhk_id, c.uraian AS uraian, t.rhk_id AS rhk_atasan_id, t.uraian AS uraian_atasan,
    s.nip
FROM stg.rhk AS c
JOIN stg.rhk AS t ON t.rhk_id = c.rhk_atasan_id
JOIN stg.skp AS s ON s.skp_id = c.skp_id
"""


def findings(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    pairs = copies(con.sql(LINKS).pl(), "uraian", "uraian_atasan").filter(pl.col("salinan"))
    score = pl.col("kemiripan").round(2).cast(pl.String).str.replace(r"\.", ",")
    return pairs.select(
        pl.lit("RHK_COPIED").alias("rule"),
        pl.lit("rhk").alias("tingkat"),
        pl.col("rhk_id").alias("subjek_id"),
        pl.lit(None, pl.String).alias("periode"),
        (
            pl.lit("RHK ") + quoted(short(pl.col("uraian"))) + pl.lit(" hampir sama dengan RHK pimpinan ")
            + pl.col("rhk_atasan_id") + pl.lit(" yang diintervensinya (") + quoted(short(pl.col("uraian_atasan")))
            + pl.lit("; kemiripan ") + score
            + pl.lit(f", ambang {str(COPY_THRESHOLD).replace('.', ',')}). Tuliskan hasil kerja pegawai "
                     "sendiri yang mendukung RHK pimpinan itu, bukan salinannya.")
        ).alias("detail"),
        pl.col("nip").alias("_nip"),
    )
