"""RHK_COPIED (info): an SKP written as a formality (issue 9, docs/temuan.md), in the two forms
one bundle can show (the third, an SKP equal to the previous year's, needs the warehouse:
dasbor/formalitas_skp.sql). One finding per RHK and form; the detail says which:

* copied from the leader: the RHK's text copies the leader's RHK it intervenes, verbatim after
  normalisation or nearly (transforms.quality.similarity, threshold COPY_THRESHOLD), with no
  contribution of the employee's own; detail "RHK '…' hampir sama dengan RHK pimpinan …";
* the same text across most of a leader's subordinates (transforms.quality.formality:
  ≥ MIN_SAMA subordinates and more than MIN_BAGIAN of them); detail "RHK '…' dipakai sama persis
  oleh …".
"""

from __future__ import annotations

import duckdb
import polars as pl

from transforms.quality.formality import MIN_BAGIAN, MIN_SAMA, same_across_subordinates
from transforms.quality.similarity import COPY_THRESHOLD, copies
from transforms.quality.text import quoted, short
from transforms.sqlfiles import read_sql

RULE_IDS = ("RHK_COPIED",)
# The phrase after the quoted RHK text that tells the forms apart (dasbor/formalitas_unit.sql).
BENTUK_PIMPINAN = "' hampir sama dengan RHK pimpinan "
BENTUK_BAWAHAN = "' dipakai sama persis oleh "


def _decimal(value: float) -> str:
    return str(value).replace(".", ",")


def _rhk_findings(frame: pl.DataFrame, detail: pl.Expr) -> pl.DataFrame:
    """RHK_COPIED rows (tingkat rhk, no periode) of ``frame`` with the given detail."""
    return frame.select(
        pl.lit("RHK_COPIED").alias("rule"),
        pl.lit("rhk").alias("tingkat"),
        pl.col("rhk_id").alias("subjek_id"),
        pl.lit(None, pl.String).alias("periode"),
        detail.alias("detail"),
        pl.col("nip").alias("_nip"),
    )


def copied_from_leader(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    links = con.sql(read_sql("findings/parts/rhk_pimpinan.sql")).pl()
    pairs = copies(links, "uraian", "uraian_atasan").filter(pl.col("salinan"))
    score = pl.col("kemiripan").round(2).cast(pl.String).str.replace(r"\.", ",")
    return _rhk_findings(
        pairs,
        pl.lit("RHK ") + quoted(short(pl.col("uraian"))) + pl.lit(BENTUK_PIMPINAN[1:])
        + pl.col("rhk_atasan_id") + pl.lit(" yang diintervensinya (") + quoted(short(pl.col("uraian_atasan")))
        + pl.lit("; kemiripan ") + score
        + pl.lit(f", ambang {_decimal(COPY_THRESHOLD)}). Tuliskan hasil kerja pegawai "
                 "sendiri yang mendukung RHK pimpinan itu, bukan salinannya."),
    )


def same_across(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    rows = con.sql(read_sql("findings/parts/rhk_bawahan.sql")).pl()
    flagged = same_across_subordinates(rows)
    share = f"sedikitnya {MIN_SAMA} bawahan dan lebih dari {round(100 * MIN_BAGIAN)}% bawahan"
    return _rhk_findings(
        flagged,
        pl.lit("RHK ") + quoted(short(pl.col("uraian"))) + pl.lit(BENTUK_BAWAHAN[1:])
        + pl.col("sama").cast(pl.String) + pl.lit(" dari ") + pl.col("bawahan").cast(pl.String)
        + pl.lit(" bawahan pimpinan NIP ") + pl.col("pemimpin") + pl.lit(" pada tahun ")
        + pl.col("tahun").cast(pl.String)
        + pl.lit(f" (teks sama setelah huruf, spasi, dan tanda baca dinormalisasi; ambang {share}"
                 " yang ber-RHK Utama). Tuliskan hasil kerja yang menjadi bagian pegawai ini"
                 " sendiri, bukan teks seragam untuk semua bawahan."),
    )


def findings(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return pl.concat([copied_from_leader(con), same_across(con)])
