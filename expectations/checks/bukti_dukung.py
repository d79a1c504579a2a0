"""EVIDENCE_MISSING: a realisation reported for a period without bukti dukung for that period."""

from __future__ import annotations

import duckdb
import polars as pl

from expectations.checks import PERINGATAN, QualityCheck, failed_rows, meta
from expectations.runtime import SuiteOutcome
from transforms.quality.text import quoted, short
from transforms.sqlfiles import read_sql

NAMA = "realisasi_berbukti"


def _expectations() -> list:
    from expectations.custom.bukti_dukung import ExpectRealisasiToHaveBuktiDukung

    return [ExpectRealisasiToHaveBuktiDukung(column="jumlah_bukti", meta=meta(NAMA, PERINGATAN))]


def _findings(con: duckdb.DuckDBPyConnection, outcome: SuiteOutcome) -> pl.DataFrame:
    rows = failed_rows(con, CHECK, outcome, NAMA)
    value = pl.coalesce(pl.col("realisasi_teks"), pl.col("realisasi").cast(pl.String))
    return rows.select(
        pl.lit("EVIDENCE_MISSING").alias("rule"),
        pl.lit("indikator").alias("tingkat"),
        pl.col("indikator_id").alias("subjek_id"),
        pl.col("periode"),
        (
            pl.lit("Realisasi periode ") + pl.col("periode") + pl.lit(" indikator ")
            + quoted(short(pl.col("uraian"))) + pl.lit(" (RHK ") + quoted(short(pl.col("rhk_uraian")))
            + pl.lit(") tercatat ") + quoted(value)
            + pl.lit(" tanpa bukti dukung untuk periode itu. Unggah bukti dukung (tautan atau berkas) ")
            + pl.lit("periode ") + pl.col("periode") + pl.lit(" di e-Kinerja, atau koreksi realisasinya.")
        ).alias("detail"),
        pl.col("nip").alias("_nip"),
    )


CHECK = QualityCheck(
    name="mutu_bukti_dukung",
    table="realisasi",
    description=(
        "Great Expectations: setiap realisasi yang dilaporkan untuk suatu periode punya bukti dukung"
        " untuk indikator dan periode yang sama (EVIDENCE_MISSING). Peringatan, tidak menghentikan run."
    ),
    query=read_sql("kualitas/realisasi_bukti.sql"),
    detail_query=read_sql("kualitas/realisasi_bukti_rinci.sql"),
    id_columns=("indikator_id", "periode"),
    expectations=_expectations,
    rule_ids=("EVIDENCE_MISSING",),
    findings=_findings,
    uses=("bukti_dukung", "indikator", "rhk", "skp"),
    needs_table="bukti_dukung",
)
CHECKS = [CHECK]
