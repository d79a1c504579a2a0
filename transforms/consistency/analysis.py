"""The consistency analyses over a staged database: the frames the findings rules, marts and
pages share (each a pure function of the database)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import polars as pl

from transforms import intermediate
from transforms.consistency import evaluators as ev
from transforms.consistency.evidence import appraisee_evidence_query
from transforms.consistency.linkage import linkage
from transforms.sqlfiles import read_sql


def appraisal_pairs(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """The distinct (nip, nip_penilai) pairs of every penilaian row with units
    (sql/konsistensi/penilaian.sql): all that :func:`linkage` reads, selected in DuckDB rather
    than pulling every appraisal into Python (5 M rows at 1,000,000 ASN)."""
    return con.sql(
        f"SELECT DISTINCT nip, nip_penilai FROM ({read_sql('konsistensi/penilaian.sql')})"
    ).pl()


ANNUAL = "penilaian_tahunan_bukti"  # antara.<ANNUAL>: written by build_shared


def annual_with_evidence(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Annual appraisals joined with the appraisee's evidence of that year: the intermediate
    table when :func:`build_shared` has written it for this staging, else computed here."""
    if intermediate.present(con, ANNUAL):
        return con.sql(f"SELECT * FROM {intermediate.SCHEMA}.{ANNUAL}").pl()
    return _annual_with_evidence(con)


@contextmanager
def _annual_query(con: duckdb.DuckDBPyConnection) -> Iterator[str]:
    """The annual appraisals (konsistensi/penilaian.sql) with the appraisee's evidence of that
    year (transforms.consistency.evidence), all in DuckDB; valid inside the ``with`` block."""
    with appraisee_evidence_query(con) as evidence:
        yield (
            f"SELECT a.*, e.* EXCLUDE (nip, tahun) FROM ({read_sql('konsistensi/penilaian.sql')}) AS a"
            f" LEFT JOIN ({evidence}) AS e ON e.nip = a.nip AND e.tahun = a.tahun WHERE a.tahunan"
        )


def _annual_with_evidence(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    with _annual_query(con) as query:
        return con.sql(query).pl()


def build_shared(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Write the consistency analyses' intermediate tables (transforms.intermediate), once per
    staged bundle, for the marts and findings rules that read them; rows per table."""
    with _annual_query(con) as query:
        return {ANNUAL: intermediate.write(con, ANNUAL, query)}


def evaluator_table(con: duckdb.DuckDBPyConnection,
                    annual: pl.DataFrame | None = None) -> pl.DataFrame:
    """One row per (instansi, tahun, evaluator): counts, signals, flags and linkage."""
    annual = annual_with_evidence(con) if annual is None else annual
    rows = ev.expected(ev.with_cells(annual))
    per = ev.per_evaluator(rows, strata="instansi_id")
    tahun = rows.group_by("instansi_id").agg(pl.col("tahun").max())
    home = (rows.group_by("nip_penilai")
            .agg(pl.col("penilai_unor_id").first(), pl.col("penilai_jenis_jabatan").first()))
    links = linkage(appraisal_pairs(con))
    return (
        ev.signals(per)
        .join(tahun, on="instansi_id", how="left")
        .join(home, on="nip_penilai", how="left")
        .join(links, on="nip_penilai", how="left")
        .with_columns(pl.col("tertaut").fill_null(0))
    )
