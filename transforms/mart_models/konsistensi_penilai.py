"""mart.konsistensi_penilai: per evaluator (penilai) and year, the evidence-adjusted leniency
and central-tendency statistics, their flags and linkage (transforms.consistency.evaluators),
without NIP or name: ``penilai_kode`` numbers the evaluators within an instansi and year in a
fixed order (unit, then NIP). The code's person is kept apart, in ``audit.kode_penilai``
(instansi_id, tahun, penilai_kode, nip_penilai: personal data, like audit.temuan), which the
restricted output (sql/terbatas/penilai.sql) joins to name the evaluators."""

from __future__ import annotations

import duckdb
import polars as pl

from transforms.consistency.analysis import evaluator_table

TABLE = "konsistensi_penilai"


def build(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    table = evaluator_table(con)
    ordered = table.sort("instansi_id", "tahun", "penilai_unor_id", "nip_penilai", nulls_last=True)
    code = pl.format("P-{}", pl.int_range(1, pl.len() + 1).over("instansi_id", "tahun").cast(pl.String).str.zfill(4))
    coded = ordered.with_columns(code.alias("penilai_kode"))
    codes = coded.select("instansi_id", "tahun", "penilai_kode", "nip_penilai")
    con.execute("CREATE SCHEMA IF NOT EXISTS audit")
    con.register("_kode_penilai", codes)
    try:
        con.execute("CREATE OR REPLACE TABLE audit.kode_penilai AS SELECT * FROM _kode_penilai")
    finally:
        con.unregister("_kode_penilai")
    return coded.drop("nip_penilai", "komponen")
