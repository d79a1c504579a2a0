"""Follow-up of poor performance (PP 30/2019 Pasal 56–57): an annual predikat of Butuh
Perbaikan or worse opens a 6-month improvement window.

* **Start:** the date of the annual appraisal (``penilaian.tanggal_penilaian``) when the
  predikat is e-Kinerja's and the date is given: the day the employee is told; otherwise the
  day after the appraisal year ends (1 January of the next year).
* **End:** the day before the same date 6 months later (1 Jan → 30 Jun; 10 Jan → 9 Jul; a
  start on the 31st runs to the day before the end of the sixth month).
* **Consequence** per group (configuration ``konsekuensi.csv``): JPT (Pasal 56), JA and JF
  (Pasal 57). PP 30/2019 governs PNS: a PPPK is listed with the PPPK text and no window.
"""

from __future__ import annotations

import polars as pl

from transforms.career.history import EKINERJA
from transforms.career.tables import CareerTables

DI_BAWAH_BAIK = ("Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang")
DASAR_TANGGAL = "tanggal penilaian tahunan"
DASAR_AKHIR_TAHUN = "hari setelah tahun penilaian berakhir"


def kelompok_expr() -> pl.Expr:
    """JPT / JA/JF / PPPK from jenis_asn and jenis_jabatan."""
    return (
        pl.when(pl.col("jenis_asn") == "PPPK").then(pl.lit("PPPK"))
        .when(pl.col("jenis_jabatan").str.starts_with("JPT")).then(pl.lit("JPT"))
        .otherwise(pl.lit("JA/JF"))
    )  # fmt: skip


def follow_up(people: pl.DataFrame, tables: CareerTables) -> pl.DataFrame:
    """``people`` (nip, tahun, jenis_asn, jenis_jabatan, predikat, sumber_predikat,
    tanggal_penilaian) → nip, tahun, tindak_lanjut (bool), tindak_lanjut_mulai/selesai (dates),
    dasar_mulai, konsekuensi, dasar_konsekuensi; window and texts empty when not followed up."""
    text = pl.DataFrame(
        [(k, t, d) for k, (t, d) in tables.konsekuensi.items()],
        schema={"kelompok": pl.String, "konsekuensi": pl.String, "dasar_konsekuensi": pl.String},
        orient="row",
    )
    due = pl.col("predikat").is_in(DI_BAWAH_BAIK).fill_null(False)
    dated = (pl.col("sumber_predikat") == EKINERJA) & pl.col("tanggal_penilaian").is_not_null()
    window = due & (pl.col("kelompok") != "PPPK")
    start = (
        pl.when(dated)
        .then(pl.col("tanggal_penilaian"))
        .otherwise(pl.date(pl.col("tahun") + 1, 1, 1))
    )
    out = people.with_columns(kelompok_expr().alias("kelompok")).join(
        text, on="kelompok", how="left"
    )
    return out.select(
        "nip",
        pl.col("tahun").cast(pl.Int64),
        due.alias("tindak_lanjut"),
        pl.when(window).then(start).alias("tindak_lanjut_mulai"),
        pl.when(window).then(start.dt.offset_by("6mo").dt.offset_by("-1d")).alias("tindak_lanjut_selesai"),
        pl.when(window).then(pl.when(dated).then(pl.lit(DASAR_TANGGAL)).otherwise(pl.lit(DASAR_AKHIR_TAHUN)))
        .alias("dasar_mulai"),
        pl.when(due).then(pl.col("konsekuensi")).alias("konsekuensi"),
        pl.when(due).then(pl.col("dasar_konsekuensi")).alias("dasar_konsekuensi"),
    )  # fmt: skip
