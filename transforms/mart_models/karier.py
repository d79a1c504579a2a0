"""mart.karier: career counts of one bundle per unit and jenis jabatan (no personal data):
kenaikan-pangkat predikat condition (ya / tidak / tidak diketahui / tidak berlaku), follow-up
of poor performance, JF employees with angka kredit, and the 9-box; plus mart.karier_riwayat,
the predikat mix per unit and history year, and the configuration this run used:
mart.karier_kotak (9-box numbering) and mart.karier_koefisien (docs/karier.md).

The named rows behind them go to the audit schema (personal data, like audit.kode_penilai):
``audit.karier_pegawai`` (one row per employee and year; terbatas/karier.csv and the restricted
sheet read it), ``audit.karier_periode`` (the SKP periods of angka kredit), ``audit.karier_riwayat``
(predikat history with both sources) and ``audit.karier_selisih`` (e-Kinerja/SIASN
disagreements). ``tabel_karier`` is a folder of configuration tables (transforms.career.tables).

These are the bundle's own views. What looks at other years is judged again over the whole
warehouse when the bundle is merged (transforms.career.across_bundles: audit.karier_kp_gudang and
the other *_gudang tables), and the warehouse outputs read that.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from transforms.audit import bundle_record
from transforms.career.build import Career, career_from_db
from transforms.career.tables import CareerTables, load_tables
from transforms.warehouse import YearUnknown, bundle_year

TABLE = "karier"
KP = {"kp_ya": "ya", "kp_tidak": "tidak", "kp_tidak_diketahui": "tidak diketahui"}
PREDIKAT_COUNTS = {
    "sangat_baik": "Sangat Baik", "baik": "Baik", "butuh_perbaikan": "Butuh Perbaikan",
    "kurang": "Kurang/Misconduct", "sangat_kurang": "Sangat Kurang",
}  # fmt: skip


def _year(con: duckdb.DuckDBPyConnection) -> int | None:
    has_record = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'audit' AND table_name = 'bundel'"
    ).fetchall()[0][0]
    manifest = bundle_record(con)["manifest"] if has_record else None
    try:
        return bundle_year(con, manifest or None)
    except YearUnknown:
        return None


def _store(con: duckdb.DuckDBPyConnection, name: str, frame: pl.DataFrame) -> None:
    con.register("_karier_frame", frame)
    try:
        con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM _karier_frame")
    finally:
        con.unregister("_karier_frame")


def counts(pegawai: pl.DataFrame) -> pl.DataFrame:
    """mart.karier from audit.karier_pegawai's rows: additive counts per unit and jenis jabatan."""
    kp = pl.col("memenuhi_predikat_kp")
    box = [(pl.col("kotak_9") == k).sum().cast(pl.Int64).alias(f"kotak_{k}") for k in range(1, 10)]
    return (
        pegawai.group_by("instansi_id", "unor_id", "jenis_jabatan")
        .agg(
            pl.len().cast(pl.Int64).alias("pegawai"),
            *((kp == v).sum().cast(pl.Int64).alias(k) for k, v in KP.items()),
            kp.is_null().sum().cast(pl.Int64).alias("kp_tidak_berlaku"),
            pl.col("tindak_lanjut").sum().cast(pl.Int64).alias("tindak_lanjut"),
            ((pl.col("jenis_jabatan") == "Fungsional") & pl.col("angka_kredit").is_not_null())
            .sum().cast(pl.Int64).alias("jf_angka_kredit"),
            *box,
            pl.col("kotak_9").is_null().sum().cast(pl.Int64).alias("tanpa_kotak"),
            pl.col("suksesi").sum().cast(pl.Int64).alias("suksesi"),
        )
        .sort("instansi_id", "unor_id", "jenis_jabatan")
    )  # fmt: skip


def history_counts(career: Career) -> pl.DataFrame:
    """mart.karier_riwayat: the chosen predikat of the bundle's employees per history year and
    unit (their unit now), with how many came from SIASN."""
    who = career.pegawai.select("nip", "instansi_id", "unor_id")
    h = career.riwayat.join(who, on="nip", how="inner")
    return (
        h.group_by("instansi_id", "unor_id", pl.col("tahun").alias("tahun_riwayat"))
        .agg(
            *((pl.col("predikat") == v).sum().cast(pl.Int64).alias(k) for k, v in PREDIKAT_COUNTS.items()),
            pl.len().cast(pl.Int64).alias("dinilai"),
            (pl.col("sumber") == "SIASN").sum().cast(pl.Int64).alias("dari_siasn"),
        )
        .sort("instansi_id", "unor_id", "tahun_riwayat")
    )  # fmt: skip


def build(con: duckdb.DuckDBPyConnection, tabel_karier: Path | None = None) -> pl.DataFrame:
    tables = load_tables(tabel_karier)
    tahun = _year(con)
    if tahun is None:
        tahun = 0  # nothing staged: empty tables of the right shape
    career = career_from_db(con, tahun, tables)
    jf = career.periode.filter(pl.col("jenjang").is_not_null().any().over("nip", "tahun"))
    con.execute("CREATE SCHEMA IF NOT EXISTS audit")
    _store(con, "audit.karier_pegawai", career.pegawai)
    _store(con, "audit.karier_periode", jf)
    _store(con, "audit.karier_riwayat", career.riwayat)
    _store(con, "audit.karier_selisih", career.selisih)
    _store(con, "mart.karier_riwayat", history_counts(career))
    _store(con, "mart.karier_kotak", boxes(tables))
    _store(con, "mart.karier_koefisien", coefficients(tables))
    return counts(career.pegawai)


def boxes(tables: CareerTables) -> pl.DataFrame:
    """mart.karier_kotak: the 9-box numbering this run used (kotak_9.csv)."""
    rows = [
        (n, k, p, tables.kotak_label(n), n in tables.suksesi) for (k, p), n in tables.kotak.items()
    ]
    schema = {"kotak": pl.Int64, "kinerja": pl.String, "potensi": pl.String, "label": pl.String,
              "suksesi": pl.Boolean}  # fmt: skip
    return pl.DataFrame(rows, schema=schema, orient="row").sort("kotak")


def coefficients(tables: CareerTables) -> pl.DataFrame:
    """mart.karier_koefisien: the koefisien this run used, with how certain each is."""
    rows = [(k.jenjang, k.koefisien, k.kepastian, k.sumber) for k in tables.koefisien.values()]
    schema = {
        "jenjang": pl.String,
        "koefisien": pl.Float64,
        "kepastian": pl.String,
        "sumber": pl.String,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")
