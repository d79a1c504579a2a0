"""Predikat history per employee and year from two sources, and where they disagree.

Sources: e-Kinerja's annual appraisal (``penilaian`` rows whose ``periode`` is the year itself,
e.g. "2025") and the SIASN ``rw-skp22`` history (``riwayat_skp``). Decision rule: **e-Kinerja
wins for every year it covers, SIASN fills the other years.** e-Kinerja is where the appraisal is
made and signed; SIASN receives a copy later, so where the two differ the export in hand is the
newer record (a correction after an objection, a late sync). BKN reads SIASN when it checks a
promotion, so every disagreement is listed for the planner to have SIASN corrected first.
"""

from __future__ import annotations

import polars as pl

EKINERJA = "e-Kinerja"
SIASN = "SIASN"
HISTORY_SCHEMA = {
    "nip": pl.String, "tahun": pl.Int64, "predikat": pl.String, "sumber": pl.String,
    "predikat_ekinerja": pl.String, "predikat_siasn": pl.String, "berbeda": pl.Boolean,
}  # fmt: skip


def predikat_history(ekinerja: pl.DataFrame, siasn: pl.DataFrame) -> pl.DataFrame:
    """One row per (nip, tahun) known to either source: the chosen ``predikat`` and its
    ``sumber``, both sources' values, and ``berbeda`` (both present and different).

    ``ekinerja`` and ``siasn`` have columns nip, tahun, predikat (one row per nip and year;
    null predikat rows are ignored)."""
    keys = ["nip", "tahun"]

    def clean(frame: pl.DataFrame, name: str) -> pl.DataFrame:
        return (
            frame.select(pl.col("nip").cast(pl.String), pl.col("tahun").cast(pl.Int64),
                         pl.col("predikat").cast(pl.String))
            .drop_nulls()
            .unique(keys, keep="first", maintain_order=True)
            .rename({"predikat": name})
        )  # fmt: skip

    e, s = clean(ekinerja, "predikat_ekinerja"), clean(siasn, "predikat_siasn")
    both = e.join(s, on=keys, how="full", coalesce=True)
    return both.select(
        "nip",
        "tahun",
        pl.coalesce("predikat_ekinerja", "predikat_siasn").alias("predikat"),
        pl.when(pl.col("predikat_ekinerja").is_not_null()).then(pl.lit(EKINERJA))
        .otherwise(pl.lit(SIASN)).alias("sumber"),
        "predikat_ekinerja",
        "predikat_siasn",
        (pl.col("predikat_ekinerja").is_not_null() & pl.col("predikat_siasn").is_not_null()
         & (pl.col("predikat_ekinerja") != pl.col("predikat_siasn"))).alias("berbeda"),
    ).cast(HISTORY_SCHEMA).sort(keys)  # type: ignore[arg-type]  # fmt: skip


def disagreements(history: pl.DataFrame) -> pl.DataFrame:
    """The years where e-Kinerja and SIASN give different predikat, with an Indonesian
    ``detail`` a planner can act on."""
    rows = history.filter(pl.col("berbeda"))
    return rows.select(
        "nip",
        "tahun",
        "predikat_ekinerja",
        "predikat_siasn",
        pl.col("predikat").alias("predikat_dipakai"),
        pl.format(
            "Predikat tahunan {} berbeda: e-Kinerja {}, SIASN {}. Dipakai e-Kinerja (sumber "
            "penilaian); perbaiki riwayat SKP di SIASN sebelum usul kenaikan pangkat.",
            pl.col("tahun"), pl.col("predikat_ekinerja"), pl.col("predikat_siasn"),
        ).alias("detail"),
    )  # fmt: skip


def disagreement_notes(diff: pl.DataFrame, by: tuple[str, ...] = ("nip",)) -> pl.DataFrame:
    """``selisih_siasn`` per ``by`` from :func:`disagreements` rows: "2024: e-Kinerja Baik,
    SIASN Sangat Baik; 2025: …" in year order."""
    return diff.group_by(*by).agg(
        pl.format("{}: e-Kinerja {}, SIASN {}", "tahun", "predikat_ekinerja", "predikat_siasn")
        .sort_by("tahun").str.join("; ").alias("selisih_siasn")
    )  # fmt: skip
