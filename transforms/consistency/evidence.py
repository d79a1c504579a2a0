"""The evidence behind each appraisee's year: achievement against target and bukti coverage.

Per (nip, tahun), over the indicators of all the employee's SKP of that year (a mid-year mover
has two): ``capaian`` the mean of the indicators' achievement (transforms.quality.targets.
achievement, clipped to [0, 2]), ``indikator`` how many have one, ``tercapai`` how many reach
their target (capaian >= 1), ``dilaporkan`` reported realisations, ``berbukti`` of those with
bukti dukung (NULL when the bundle holds no bukti dukung), ``cakupan_bukti`` = berbukti /
dilaporkan.
"""

from __future__ import annotations

import duckdb
import polars as pl

from transforms.quality.targets import achievement
from transforms.sqlfiles import read_sql

MET = 1.0


def indicator_evidence(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """One row per indicator with ``capaian`` (sql/konsistensi/bukti_indikator.sql). A bundle
    without any bukti dukung (the table is optional) says nothing about evidence: ``berbukti``
    is then NULL, not 0."""
    frame = achievement(con.sql(read_sql("konsistensi/bukti_indikator.sql")).pl())
    if not con.sql("SELECT count(*) FROM stg.bukti_dukung").fetchall()[0][0]:
        frame = frame.with_columns(pl.lit(None, pl.Int64).alias("berbukti"))
    return frame


def appraisee_evidence(indicators: pl.DataFrame) -> pl.DataFrame:
    """Per (nip, tahun): capaian, indikator, tercapai, dilaporkan, berbukti, cakupan_bukti."""
    cap = pl.col("capaian")
    return (
        indicators.group_by("nip", "tahun")
        .agg(
            cap.mean().alias("capaian"),
            cap.count().alias("indikator"),
            (cap >= MET).sum().alias("tercapai"),
            pl.col("dilaporkan").sum().alias("dilaporkan"),
            pl.when(pl.col("berbukti").is_null().all()).then(None)
            .otherwise(pl.col("berbukti").sum()).alias("berbukti"),
        )
        .with_columns(
            pl.when(pl.col("dilaporkan") > 0)
            .then(pl.col("berbukti") / pl.col("dilaporkan"))
            .otherwise(None)
            .alias("cakupan_bukti")
        )
        .sort("nip", "tahun")
    )
