"""INDICATOR_UNMEASURABLE: the indicator names no measure and has no numeric target."""

from __future__ import annotations

import duckdb
import polars as pl

from expectations.checks import PERINGATAN, QualityCheck, failed_rows, meta
from expectations.runtime import SuiteOutcome
from transforms.quality.measurability import judge
from transforms.quality.text import quoted, short
from transforms.sqlfiles import read_sql

NAMA = "indikator_terukur"


def _expectations() -> list:
    from expectations.custom.indikator_terukur import ExpectIndikatorToBeMeasurable

    return [ExpectIndikatorToBeMeasurable(meta=meta(NAMA, PERINGATAN))]


def indikator_head() -> pl.Expr:
    """"Indikator '<text>' (RHK '<text>')": how a detail names an indicator."""
    return (pl.lit("Indikator ") + quoted(short(pl.col("uraian"))) + pl.lit(" (RHK ")
            + quoted(short(pl.col("rhk_uraian"))) + pl.lit(")"))


def _findings(con: duckdb.DuckDBPyConnection, outcome: SuiteOutcome) -> pl.DataFrame:
    return judge(failed_rows(con, CHECK, outcome, NAMA)).select(
        pl.lit("INDICATOR_UNMEASURABLE").alias("rule"),
        pl.lit("indikator").alias("tingkat"),
        pl.col("indikator_id").alias("subjek_id"),
        pl.lit(None, pl.String).alias("periode"),
        (
            indikator_head() + pl.lit(" tidak dapat diukur: ") + pl.col("alasan")
            + pl.lit(". Rumuskan ulang dengan ukuran kuantitas, kualitas, waktu atau biaya dan target"
                     " angka bersatuan, misalnya 'Jumlah dokumen … yang disusun' dengan target"
                     " '2 Dokumen'; pada pendekatan kualitatif, tuliskan kriteria keberhasilan"
                     " yang dapat diverifikasi.")
        ).alias("detail"),
        pl.col("nip").alias("_nip"),
    )


CHECK = QualityCheck(
    name="mutu_indikator_terukur",
    table="indikator",
    description=(
        "Great Expectations: indikator menyebut ukuran (kuantitas, kualitas, waktu, biaya) atau"
        " bertarget angka; pendekatan kualitatif boleh dengan kriteria yang dapat diverifikasi"
        " (INDICATOR_UNMEASURABLE). Peringatan, tidak menghentikan run."
    ),
    query=read_sql("kualitas/indikator.sql"),
    id_columns=("indikator_id",),
    expectations=_expectations,
    rule_ids=("INDICATOR_UNMEASURABLE",),
    findings=_findings,
    uses=("rhk", "skp"),
)
CHECKS = [CHECK]
