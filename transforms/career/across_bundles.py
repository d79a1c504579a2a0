"""Predikat history across every bundle the warehouse keeps (docs/karier.md, "Riwayat predikat").

A run builds the career views of its bundle alone (:mod:`.build`: the bundle's own e-Kinerja
appraisals and its own copy of the SIASN history). What looks at other years — the previous
year's predikat, the kenaikan-pangkat predikat condition, the e-Kinerja/SIASN disagreements and
the predikat mix per history year — is judged again over the whole warehouse each time a bundle
is merged (:func:`transforms.warehouse.merge_bundle`, in the merge's transaction), with the same
rule (:func:`.history.predikat_history`) and condition (:func:`.eligibility.promotion_eligibility`):

* e-Kinerja: the annual appraisal of that nip and year from any bundle kept
  (``sql/karier/gudang_ekinerja.sql``; several bundles: the one of that year's own slice, then
  the one loaded later, then the larger bundle id);
* SIASN: ``riwayat_skp`` of the bundle loaded last that holds that nip and year
  (``sql/karier/gudang_siasn.sql``);
* e-Kinerja wins for every year it covers, SIASN fills the others; every disagreement is listed.

One predikat per nip and year, whichever bundle's row asks. The tables (personal data, schema
``audit``, rebuilt whole, no lineage slices):

* ``audit.karier_riwayat_gudang`` — the history (``history.HISTORY_SCHEMA``) with the bundle
  each source value came from (``bundel_ekinerja``, ``bundel_siasn``);
* ``audit.karier_kp_gudang`` — per employee-year row kept (``_bundel``, ``_tahun``, ``nip`` of
  ``audit.karier_pegawai``): the year's and the previous year's predikat with their sources,
  ``memenuhi_predikat_kp`` and ``selisih_siasn`` (disagreements of the years up to ``_tahun``);
* ``audit.karier_selisih_gudang`` — those disagreements, one row per employee-year row and
  predikat year (``tahun``).

What needs only the bundle stays per bundle: angka kredit, the 9-box and the follow-up window.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from transforms.career.eligibility import promotion_eligibility
from transforms.career.history import (
    HISTORY_SCHEMA,
    disagreement_notes,
    disagreements,
    predikat_history,
)
from transforms.sqlfiles import read_sql

RIWAYAT, KP, SELISIH = (
    "audit.karier_riwayat_gudang",
    "audit.karier_kp_gudang",
    "audit.karier_selisih_gudang",
)
SOURCE_SCHEMA = {"nip": pl.String, "tahun": pl.Int64, "predikat": pl.String, "bundel": pl.String}
PEOPLE_SCHEMA = {"_bundel": pl.String, "tahun": pl.Int64, "nip": pl.String, "jenis_asn": pl.String}
RIWAYAT_SCHEMA = {**HISTORY_SCHEMA, "bundel_ekinerja": pl.String, "bundel_siasn": pl.String}
KP_SCHEMA = {
    "_bundel": pl.String, "_tahun": pl.Int64, "nip": pl.String, "predikat": pl.String,
    "sumber_predikat": pl.String, "predikat_tahun_sebelumnya": pl.String,
    "sumber_predikat_tahun_sebelumnya": pl.String, "memenuhi_predikat_kp": pl.String,
    "selisih_siasn": pl.String,
}  # fmt: skip
SELISIH_SCHEMA = {
    "_bundel": pl.String, "_tahun": pl.Int64, "nip": pl.String, "tahun": pl.Int64,
    "predikat_ekinerja": pl.String, "predikat_siasn": pl.String, "predikat_dipakai": pl.String,
    "detail": pl.String,
}  # fmt: skip
# The SQL each input comes from, and the warehouse tables it needs.
INPUTS = {
    "ekinerja": ("karier/gudang_ekinerja.sql", ("stg.penilaian", "audit.bundel_dimuat"), SOURCE_SCHEMA),
    "siasn": ("karier/gudang_siasn.sql", ("stg.riwayat_skp", "audit.bundel_dimuat"), SOURCE_SCHEMA),
    "people": ("karier/gudang_pegawai.sql", ("audit.karier_pegawai", "stg.pegawai"), PEOPLE_SCHEMA),
}  # fmt: skip


@dataclass(frozen=True)
class WarehouseHistory:
    riwayat: pl.DataFrame  # RIWAYAT_SCHEMA: one row per nip and year known to either source
    kp: pl.DataFrame  # KP_SCHEMA: one row per employee-year row of a bundle
    selisih: pl.DataFrame  # SELISIH_SCHEMA


def warehouse_history(
    people: pl.DataFrame, ekinerja: pl.DataFrame, siasn: pl.DataFrame
) -> WarehouseHistory:
    """The warehouse-wide history and what each employee-year row takes from it.

    ``people``: _bundel, tahun, nip, jenis_asn (one row per bundle's employee-year);
    ``ekinerja`` and ``siasn``: nip, tahun, predikat, bundel, one row per nip and year (the
    chosen bundle's value, as sql/karier/gudang_*.sql give them)."""
    keys = ["nip", "tahun"]
    history = predikat_history(ekinerja, siasn)

    def origin(frame: pl.DataFrame, name: str) -> pl.DataFrame:
        return (
            frame.filter(pl.col("predikat").is_not_null())
            .select(pl.col("nip").cast(pl.String), pl.col("tahun").cast(pl.Int64),
                    pl.col("bundel").cast(pl.String).alias(name))
            .unique(keys, keep="first", maintain_order=True)
        )  # fmt: skip

    riwayat = (
        history.join(origin(ekinerja, "bundel_ekinerja"), on=keys, how="left")
        .join(origin(siasn, "bundel_siasn"), on=keys, how="left")
        .select(list(RIWAYAT_SCHEMA))
        .cast(RIWAYAT_SCHEMA)  # type: ignore[arg-type]
        .sort(keys)
    )
    rows = people.select(*PEOPLE_SCHEMA).cast(PEOPLE_SCHEMA)  # type: ignore[arg-type]
    diff = disagreements(history)
    selisih = (
        rows.select("_bundel", pl.col("tahun").alias("_tahun"), "nip")
        .join(diff, on="nip", how="inner")
        .filter(pl.col("tahun") <= pl.col("_tahun"))
        .select(list(SELISIH_SCHEMA))
        .cast(SELISIH_SCHEMA)  # type: ignore[arg-type]
        .sort("_tahun", "_bundel", "nip", "tahun")
    )
    notes = disagreement_notes(selisih, by=("_bundel", "_tahun", "nip"))
    kp = (
        promotion_eligibility(rows, history, keep=("_bundel",))
        .rename({"tahun": "_tahun"})
        .join(notes, on=["_bundel", "_tahun", "nip"], how="left")
        .select(list(KP_SCHEMA))
        .cast(KP_SCHEMA)  # type: ignore[arg-type]
        .sort("_tahun", "_bundel", "nip")
    )
    return WarehouseHistory(riwayat, kp, selisih)


def _exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    schema, table = name.split(".")
    return bool(
        con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database()"
            " AND schema_name = ? AND table_name = ?",
            [schema, table],
        ).fetchall()[0][0]
    )


def _read(con: duckdb.DuckDBPyConnection, name: str) -> pl.DataFrame:
    sql, needs, schema = INPUTS[name]
    if not all(_exists(con, t) for t in needs):  # e.g. a warehouse of bundles without marts
        return pl.DataFrame(schema=schema)
    return con.sql(read_sql(sql)).pl().cast(schema)  # type: ignore[arg-type]


def refresh_history(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rebuild the warehouse-wide career history tables of the warehouse ``con`` from what it
    keeps now (call inside the merge's transaction); returns their row counts."""
    frames = {name: _read(con, name) for name in INPUTS}
    result = warehouse_history(frames["people"], frames["ekinerja"], frames["siasn"])
    con.execute("CREATE SCHEMA IF NOT EXISTS audit")
    counts = {}
    for table, frame in ((RIWAYAT, result.riwayat), (KP, result.kp), (SELISIH, result.selisih)):
        con.register("_karier_gudang", frame)
        try:
            con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM _karier_gudang")
        finally:
            con.unregister("_karier_gudang")
        counts[table] = frame.height
    return counts
