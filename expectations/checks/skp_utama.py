"""SKP_WITHOUT_UTAMA: an SKP without any Utama RHK (a check on stg/rhk: it needs the SKP's RHK)."""

from __future__ import annotations

import duckdb
import polars as pl

from expectations.checks import PERINGATAN, QualityCheck, failed_rows, meta
from expectations.runtime import SuiteOutcome
from transforms.sqlfiles import read_sql

NAMA = "skp_ber_rhk_utama"


def _expectations() -> list:
    from expectations.custom.skp_utama import ExpectSkpToHaveRhkUtama

    return [ExpectSkpToHaveRhkUtama(column="rhk_utama", meta=meta(NAMA, PERINGATAN))]


def _findings(con: duckdb.DuckDBPyConnection, outcome: SuiteOutcome) -> pl.DataFrame:
    rows = failed_rows(con, CHECK, outcome, NAMA)
    quarantined = (
        pl.when(pl.col("rhk_dikarantina") > 0)
        .then(pl.lit(" Catatan: ") + pl.col("rhk_dikarantina").cast(pl.String)
              + pl.lit(" baris RHK SKP ini dikarantina (lihat karantina/rhk.csv); periksa dulu apakah"
                       " RHK Utama ada di antaranya."))
        .otherwise(pl.lit(""))
    )
    return rows.select(
        pl.lit("SKP_WITHOUT_UTAMA").alias("rule"),
        pl.lit("skp").alias("tingkat"),
        pl.col("skp_id").alias("subjek_id"),
        pl.lit(None, pl.String).alias("periode"),
        (
            pl.lit("SKP ") + pl.col("skp_id") + pl.lit(" (periode ")
            + pl.col("periode_mulai").cast(pl.String) + pl.lit(" s.d. ")
            + pl.col("periode_selesai").cast(pl.String) + pl.lit(", status ") + pl.col("status")
            + pl.lit(") tidak memuat RHK Utama (")
            + pl.col("rhk_tambahan").cast(pl.String)
            + pl.lit(" RHK Tambahan). Tambahkan RHK Utama yang mengintervensi RHK atasan sesuai"
                     " PermenPANRB 6/2022.")
            + quarantined
        ).alias("detail"),
        pl.col("nip").alias("_nip"),
    )


CHECK = QualityCheck(
    name="mutu_rhk_utama",
    table="rhk",
    description=(
        "Great Expectations: setiap SKP memuat sedikitnya satu RHK Utama (SKP_WITHOUT_UTAMA)."
        " Peringatan, tidak menghentikan run."
    ),
    query=read_sql("kualitas/skp_utama.sql"),
    id_columns=("skp_id",),
    expectations=_expectations,
    rule_ids=("SKP_WITHOUT_UTAMA",),
    findings=_findings,
    uses=("skp",),
)
CHECKS = [CHECK]
