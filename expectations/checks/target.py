"""TARGET_UNREALISTIC: target missing or zero, range inverted, percentages over 100, or the
year's realisation ≥ 5× the target (a check on stg/realisasi: it needs the realisation)."""

from __future__ import annotations

import duckdb
import polars as pl

from expectations.checks import PERINGATAN, QualityCheck, failed_rows, meta
from expectations.checks.indikator import indikator_head
from expectations.runtime import SuiteOutcome
from transforms.quality.targets import judge_targets
from transforms.sqlfiles import read_sql

NAMA = "target_wajar"


def _expectations() -> list:
    from expectations.custom.target_wajar import ExpectIndikatorTargetToBeRealistic

    return [ExpectIndikatorTargetToBeRealistic(meta=meta(NAMA, PERINGATAN))]


def _findings(con: duckdb.DuckDBPyConnection, outcome: SuiteOutcome) -> pl.DataFrame:
    rows = judge_targets(failed_rows(con, CHECK, outcome, NAMA))
    return rows.filter(pl.col("masalah_target").is_not_null()).select(
        pl.lit("TARGET_UNREALISTIC").alias("rule"),
        pl.lit("indikator").alias("tingkat"),
        pl.col("indikator_id").alias("subjek_id"),
        pl.lit(None, pl.String).alias("periode"),
        (indikator_head() + pl.lit(": ") + pl.col("target_detail") + pl.lit(".")).alias("detail"),
        pl.col("nip").alias("_nip"),
    )


CHECK = QualityCheck(
    name="mutu_target",
    table="realisasi",
    description=(
        "Great Expectations: target indikator wajar (TARGET_UNREALISTIC): tidak kosong atau nol,"
        " rentang tidak terbalik, persentase paling tinggi 100 %, realisasi setahun di bawah 5×"
        " target. Peringatan, tidak menghentikan run."
    ),
    query=read_sql("kualitas/target.sql"),
    id_columns=("indikator_id",),
    expectations=_expectations,
    rule_ids=("TARGET_UNREALISTIC",),
    findings=_findings,
    uses=("indikator", "rhk", "skp"),
)
CHECKS = [CHECK]
