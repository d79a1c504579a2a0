"""One bundle's career views: one row per employee and year, the angka kredit periods, the
predikat history and the SIASN disagreements (pure over Polars; :func:`career_from_db` reads
a bundle's staged tables through sql/karier/)."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from transforms.career.credit import credit_parts, credit_per_year
from transforms.career.eligibility import promotion_eligibility
from transforms.career.followup import follow_up
from transforms.career.history import disagreement_notes, disagreements, predikat_history
from transforms.career.ninebox import nine_box
from transforms.career.tables import CareerTables
from transforms.sqlfiles import read_sql

TANPA_SKP = "tidak ada SKP tahun ini: tidak dihitung"
TANPA_JENJANG = "jenjang tidak tercatat: tidak dihitung"
COLUMNS = (
    "nip", "instansi_id", "unor_id", "tahun", "jenis_asn", "golongan", "jenis_jabatan", "jabatan",
    "jenjang", "predikat", "sumber_predikat", "predikat_tahun_sebelumnya",
    "sumber_predikat_tahun_sebelumnya", "memenuhi_predikat_kp", "syarat_masa_pangkat",
    "bulan_dinilai", "angka_kredit", "rincian_angka_kredit", "kategori_potensi", "kinerja_9kotak",
    "kotak_9", "kotak_9_label", "suksesi", "tindak_lanjut", "tindak_lanjut_mulai",
    "tindak_lanjut_selesai", "dasar_mulai", "konsekuensi", "dasar_konsekuensi", "selisih_siasn",
)  # fmt: skip


@dataclass(frozen=True)
class Career:
    pegawai: pl.DataFrame  # one row per employee and year (COLUMNS)
    periode: pl.DataFrame  # the SKP periods behind angka kredit (credit.PARTS_SCHEMA)
    riwayat: pl.DataFrame  # predikat history (history.HISTORY_SCHEMA)
    selisih: pl.DataFrame  # years where e-Kinerja and SIASN disagree


def build_career(
    pegawai: pl.DataFrame,
    skp: pl.DataFrame,
    penilaian: pl.DataFrame,
    riwayat: pl.DataFrame,
    potensi: pl.DataFrame,
    tahun: int,
    tables: CareerTables,
) -> Career:
    """The career views of the employees in ``pegawai`` for ``tahun`` (frames as sql/karier/)."""
    annual = penilaian.filter(pl.col("periode") == pl.col("tahun").cast(pl.String))
    history = predikat_history(annual, riwayat)
    people = pegawai.with_columns(pl.lit(tahun, pl.Int64).alias("tahun"))
    kp = promotion_eligibility(people, history)
    parts = credit_parts(skp.filter(pl.col("tahun") == tahun), pegawai, penilaian, history, tables)
    credit = credit_per_year(parts)
    dated = annual.select("nip", pl.col("tahun").cast(pl.Int64), "tanggal_penilaian").unique(
        ["nip", "tahun"]
    )
    base = people.join(kp, on=["nip", "tahun"], how="left").join(
        dated, on=["nip", "tahun"], how="left"
    )
    follow = follow_up(base, tables)
    box = nine_box(base, potensi, tables)
    diff = disagreements(history)
    notes = disagreement_notes(diff)
    jf = pl.col("jenis_jabatan") == "Fungsional"
    uncounted = pl.col("jenjang_ak").is_null() & jf  # a JF post, but no period counted
    why = (
        pl.when(pl.col("jenjang").is_null())
        .then(pl.lit(TANPA_JENJANG))
        .otherwise(pl.lit(TANPA_SKP))
    )
    out = (
        base.join(credit.rename({"jenjang": "jenjang_ak"}), on=["nip", "tahun"], how="left")
        .join(box, on=["nip", "tahun"], how="left")
        .join(follow, on=["nip", "tahun"], how="left")
        .join(notes, on="nip", how="left")
        .with_columns(
            pl.when(uncounted).then(pl.lit(0, pl.Int64)).otherwise(pl.col("bulan_dinilai"))
            .alias("bulan_dinilai"),
            pl.when(uncounted).then(why).otherwise(pl.col("rincian_angka_kredit"))
            .alias("rincian_angka_kredit"),
        )
        .with_columns(pl.coalesce("jenjang_ak", pl.when(jf).then(pl.col("jenjang"))).alias("jenjang"))
    )  # fmt: skip
    return Career(out.select(COLUMNS).sort("instansi_id", "unor_id", "nip"), parts, history, diff)


def career_from_db(con: duckdb.DuckDBPyConnection, tahun: int, tables: CareerTables) -> Career:
    """:func:`build_career` over the staged tables ``stg.*`` of ``con``."""
    frames = {name: con.sql(read_sql(f"karier/{name}.sql")).pl()
              for name in ("pegawai", "skp", "penilaian", "riwayat", "potensi")}  # fmt: skip
    return build_career(frames["pegawai"], frames["skp"], frames["penilaian"], frames["riwayat"],
                        frames["potensi"], tahun, tables)  # fmt: skip
