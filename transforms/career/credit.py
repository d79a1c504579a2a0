"""Angka kredit of Jabatan Fungsional per employee and year (PermenPANRB 1/2023, Peraturan BKN
3/2023): the sum over the year's SKP periods of

    koefisien(jenjang of that period) × percentage(predikat of that period) × months / 12

**Months.** A calendar month of the SKP's year belongs to the SKP whose period holds its 15th
day (two SKP holding it: the one that started later), so SKP 1 Jan–15 Jun and 16 Jun–31 Dec
count 6 + 6 months and no month is counted twice.

**Jenjang of a period.** ``skp.jenjang`` (a project extension of the contract,
docs/kontrak.md). When no SKP of the employee's year gives one, every period takes the
snapshot's ``pegawai.jenjang`` (Fungsional only). When some SKP give it, an SKP without it was
not made for a JF position (a move out of or into a JF post) and earns nothing.

**Predikat of a period.**

1. One SKP period in the year and an annual predikat: the annual predikat.
2. Otherwise the periodic predikat that closes the period: the latest periodic appraisal
   ("2025-TW2", "2025-06") whose last month belongs to the period (a quarter before a month
   ending the same month).
3. No periodic appraisal in the period: the annual predikat.
4. Neither: the period is not counted (``bulan_dinilai`` leaves it out, the detail says so).

The annual predikat is the chosen one of the predikat history (e-Kinerja, else SIASN).
"""

from __future__ import annotations

import polars as pl

from transforms.career.tables import CareerTables

DIGITS = 3
PARTS_SCHEMA = {
    "nip": pl.String, "tahun": pl.Int64, "skp_id": pl.String, "bulan_awal": pl.Int64,
    "bulan_akhir": pl.Int64, "bulan": pl.Int64, "jenjang": pl.String, "koefisien": pl.Float64,
    "kepastian": pl.String, "predikat": pl.String, "sumber_predikat": pl.String,
    "persentase": pl.Float64, "angka_kredit": pl.Float64, "rincian": pl.String,
}  # fmt: skip


def number_text(value: float | None) -> str:
    """Indonesian decimal text, at most 3 decimals, no trailing zeros: 12.5 → "12,5"."""
    if value is None:
        return ""
    text = f"{round(float(value), DIGITS):.{DIGITS}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _held_months(skp: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The SKP numbered ``_skp`` (the one that started later first, then the larger skp_id,
    within each employee and year ``_g``), and (``_g``, ``bulan``, ``_skp``) for every month of
    its year some SKP holds: the holder with the smallest ``_skp``. Integer keys only, so the
    twelve rows per SKP stay small at a million employees."""
    keyed = (
        skp.select("nip", pl.col("tahun").cast(pl.Int64), "skp_id", "periode_mulai", "periode_selesai")
        .sort(["nip", "tahun", "periode_mulai", "skp_id"], descending=[False, False, True, True])
        .with_row_index("_skp")
        .with_columns(pl.struct("nip", "tahun").rank("dense").cast(pl.UInt32).alias("_g"))
    )
    frame = keyed.select(
        "_skp", "_g", "tahun", "periode_mulai", "periode_selesai",
        pl.int_ranges(1, 13, dtype=pl.Int8).alias("bulan"),
    ).explode("bulan")  # fmt: skip
    day = pl.date(pl.col("tahun"), pl.col("bulan"), 15)
    held = (
        frame.filter((pl.col("periode_mulai") <= day) & (day <= pl.col("periode_selesai")))
        .group_by("_g", "bulan")
        .agg(pl.col("_skp").min())
        .with_columns(pl.col("bulan").cast(pl.Int64))
    )
    return keyed, held


def periodic_end(periode: pl.Expr, tahun: pl.Expr) -> pl.Expr:
    """Last month of a periodic periode of ``tahun`` ("2025-TW2" → 6, "2025-03" → 3), else null."""
    year = periode.str.slice(0, 4)
    rest = periode.str.slice(5)
    tw = rest.str.extract(r"^TW([1-4])$", 1).cast(pl.Int64) * 3
    month = rest.str.extract(r"^(0[1-9]|1[0-2])$", 1).cast(pl.Int64)
    return pl.when(year == tahun.cast(pl.String)).then(pl.coalesce(tw, month))


def credit_parts(
    skp: pl.DataFrame,
    pegawai: pl.DataFrame,
    penilaian: pl.DataFrame,
    annual: pl.DataFrame,
    tables: CareerTables,
) -> pl.DataFrame:
    """One row per SKP period counted for some month (see module docstring).

    skp: skp_id, nip, tahun, periode_mulai, periode_selesai (dates), jenjang (nullable);
    pegawai: nip, jenis_jabatan, jenjang; penilaian: nip, tahun, periode, predikat (periodic
    rows are used, annual ones ignored); annual: nip, tahun, predikat, sumber (the history)."""
    keyed, month = _held_months(skp)
    parts = month.group_by("_skp").agg(
        pl.col("bulan").min().alias("bulan_awal"), pl.col("bulan").max().alias("bulan_akhir"),
        pl.len().cast(pl.Int64).alias("bulan"),
    ).join(keyed.select("_skp", "nip", "tahun", "skp_id"), on="_skp", how="left")  # fmt: skip
    parts = parts.join(
        skp.select("skp_id", pl.col("jenjang").alias("jenjang_skp")), on="skp_id", how="left"
    )
    given = parts.group_by("nip", "tahun").agg(
        pl.col("jenjang_skp").is_not_null().any().alias("berjenjang"), pl.len().alias("n_skp")
    )
    snap = pegawai.filter(pl.col("jenis_jabatan") == "Fungsional").select(
        "nip", pl.col("jenjang").alias("jenjang_pegawai")
    )
    parts = parts.join(given, on=["nip", "tahun"], how="left").join(snap, on="nip", how="left")
    parts = parts.with_columns(
        pl.when(pl.col("berjenjang")).then(pl.col("jenjang_skp"))
        .otherwise(pl.col("jenjang_pegawai")).alias("jenjang")
    )  # fmt: skip
    periodic = (
        penilaian.filter(pl.col("predikat").is_not_null())
        .with_columns(periodic_end(pl.col("periode"), pl.col("tahun")).alias("bulan"),
                      pl.col("periode").str.contains("TW").alias("triwulan"))
        .filter(pl.col("bulan").is_not_null())
        .join(keyed.select("nip", "tahun", "_g").unique(), on=["nip", "tahun"], how="inner")
        .join(month, on=["_g", "bulan"], how="inner")
        .sort(["bulan", "triwulan", "periode"])
        .group_by("_skp")
        .agg(pl.col("predikat").last().alias("predikat_periodik"),
             pl.col("periode").last().alias("periode_periodik"))
    )  # fmt: skip
    yearly = annual.select("nip", pl.col("tahun").cast(pl.Int64), pl.col("predikat").alias("predikat_tahunan"),
                           pl.col("sumber").alias("sumber_tahunan"))  # fmt: skip
    parts = parts.join(periodic, on="_skp", how="left").join(
        yearly, on=["nip", "tahun"], how="left"
    )
    single = (pl.col("n_skp") == 1) & pl.col("predikat_tahunan").is_not_null()
    use_annual = single | pl.col("predikat_periodik").is_null()
    parts = parts.with_columns(
        pl.when(use_annual).then(pl.col("predikat_tahunan")).otherwise(pl.col("predikat_periodik"))
        .alias("predikat"),
        pl.when(use_annual & pl.col("predikat_tahunan").is_not_null())
        .then(pl.format("tahunan {}", pl.col("sumber_tahunan")))
        .when(pl.col("predikat_periodik").is_not_null())
        .then(pl.format("periodik {}", pl.col("periode_periodik"))).alias("sumber_predikat"),
    )  # fmt: skip
    koef = pl.DataFrame(
        [(k.jenjang, k.koefisien, k.kepastian) for k in tables.koefisien.values()],
        schema={"jenjang": pl.String, "koefisien": pl.Float64, "kepastian": pl.String},
        orient="row",
    )
    pct = pl.DataFrame(list(tables.persentase.items()), schema={"predikat": pl.String, "persentase": pl.Float64},
                       orient="row")  # fmt: skip
    parts = parts.join(koef, on="jenjang", how="left").join(pct, on="predikat", how="left")
    ak = pl.col("koefisien") * pl.col("persentase") / 100 * pl.col("bulan") / 12
    parts = parts.with_columns(ak.alias("angka_kredit"))
    out = parts.with_columns(_detail(parts).alias("rincian"))
    return (
        out.select(list(PARTS_SCHEMA))
        .cast(PARTS_SCHEMA)
        .sort("nip", "tahun", "bulan_awal", "skp_id")
    )  # type: ignore[arg-type]


def _detail(parts: pl.DataFrame) -> pl.Expr:
    """The text of each period: "2025-01..06 Ahli Pertama 12,5 × 100 % × 6/12 = 6,25 (Baik,
    tahunan e-Kinerja)", or why it is not counted. Numbers as :func:`number_text`, computed
    once per distinct value."""

    def text(name: str) -> pl.Expr:
        values = parts.get_column(name).drop_nulls().unique().to_list()
        mapping = {v: number_text(v) for v in values}
        return pl.col(name).replace_strict(mapping, default="", return_dtype=pl.String).fill_null("")

    def month(name: str) -> pl.Expr:
        return pl.col(name).cast(pl.String).str.zfill(2)

    span = pl.format("{}-{}..{}", pl.col("tahun"), month("bulan_awal"), month("bulan_akhir"))
    counted = pl.format(
        "{} {} {} × {} % × {}/12 = {} ({}, {})", span, pl.col("jenjang"), text("koefisien"),
        text("persentase"), pl.col("bulan"), text("angka_kredit"), pl.col("predikat"),
        pl.col("sumber_predikat").fill_null("None"),
    )  # fmt: skip
    return (
        pl.when(pl.col("jenjang").is_null())
        .then(pl.format("{} bukan jabatan fungsional (SKP {}): tidak dihitung", span, pl.col("skp_id")))
        .when(pl.col("koefisien").is_null())
        .then(pl.format("{} {}: koefisien tidak ada di tabel, tidak dihitung", span, pl.col("jenjang")))
        .when(pl.col("predikat").is_null())
        .then(pl.format("{} {}: tanpa predikat, tidak dihitung", span, pl.col("jenjang")))
        .otherwise(counted)
    )


def credit_per_year(parts: pl.DataFrame) -> pl.DataFrame:
    """Per (nip, tahun) with some JF period: ``jenjang`` (that of the last period), months
    counted (``bulan_dinilai``), ``angka_kredit`` (rounded to 3 decimals; null when no month is
    counted) and ``rincian_angka_kredit`` (every period, "; "-separated)."""
    jf = parts.filter(pl.col("jenjang").is_not_null().any().over("nip", "tahun"))
    counted = pl.col("angka_kredit").is_not_null()
    return (
        jf.sort("nip", "tahun", "bulan_awal", "skp_id")
        .group_by("nip", "tahun", maintain_order=True)
        .agg(
            pl.col("jenjang").drop_nulls().last().alias("jenjang"),
            pl.col("bulan").filter(counted).sum().cast(pl.Int64).alias("bulan_dinilai"),
            pl.when(counted.any()).then(pl.col("angka_kredit").filter(counted).sum().round(DIGITS))
            .alias("angka_kredit"),
            pl.col("rincian").str.join("; ").alias("rincian_angka_kredit"),
        )
    )  # fmt: skip
