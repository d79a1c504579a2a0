"""PREDIKAT_MISMATCH: the predikat against the PermenPANRB 6/2022 matrix of its two ratings, in
penilaian and in the SIASN history."""

from __future__ import annotations

import duckdb
import polars as pl

from expectations.checks import PERINGATAN, QualityCheck, failed_rows, meta
from expectations.runtime import SuiteOutcome
from transforms.contract import PREDIKAT_MATRIX
from transforms.sqlfiles import read_sql, sql_literal

NAMA = "predikat_sesuai_matriks"


def query() -> str:
    values = ", ".join(
        f"({sql_literal(h)}, {sql_literal(p)}, {sql_literal(k)})" for (h, p), k in PREDIKAT_MATRIX.items()
    )
    body = "\n".join(ln for ln in read_sql("kualitas/predikat.sql").splitlines() if not ln.startswith("--"))
    return (f"WITH matriks_predikat(rating_hasil_kerja, rating_perilaku_kerja, predikat) AS"
            f" (VALUES {values})\n{body}")


def _expectations() -> list:
    from expectations.runtime import gx

    return [gx().expectations.ExpectColumnPairValuesToBeEqual(
        column_A="predikat", column_B="predikat_matriks", meta=meta(NAMA, PERINGATAN))]


def _findings(con: duckdb.DuckDBPyConnection, outcome: SuiteOutcome) -> pl.DataFrame:
    return failed_rows(con, CHECK, outcome, NAMA).select(
        pl.lit("PREDIKAT_MISMATCH").alias("rule"),
        pl.lit("pegawai").alias("tingkat"),
        pl.col("nip").alias("subjek_id"),
        pl.col("periode"),
        pl.col("detail"),
        pl.col("nip").alias("_nip"),
    )


CHECK = QualityCheck(
    name="mutu_predikat",
    table="penilaian",
    description=(
        "Great Expectations: predikat sama dengan matriks PermenPANRB 6/2022 dari rating hasil kerja"
        " dan perilaku kerja, di penilaian dan riwayat SIASN (PREDIKAT_MISMATCH). Peringatan."
    ),
    query=query(),
    id_columns=("sumber", "nip", "periode"),
    expectations=_expectations,
    rule_ids=("PREDIKAT_MISMATCH",),
    findings=_findings,
    uses=("riwayat_skp",),
)
CHECKS = [CHECK]
