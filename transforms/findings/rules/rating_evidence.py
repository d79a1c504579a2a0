"""RATING_EVIDENCE_DISCORDANT: an annual Rating Hasil Kerja the evidence contradicts —
Di Atas Ekspektasi with capaian under :data:`WELL_UNDER` of target or without any reported
realisation or bukti dukung, or Di Bawah Ekspektasi with every indicator at or above target
(transforms.consistency.evidence; docs/konsistensi.md)."""

from __future__ import annotations

import duckdb
import polars as pl

from transforms.consistency.analysis import annual_with_evidence
from transforms.consistency.wording import REVIEW, pct
from transforms.findings.writer import finding_frame

RULE_IDS = ("RATING_EVIDENCE_DISCORDANT",)
WELL_UNDER = 0.8


def discordant(annual: pl.DataFrame) -> pl.DataFrame:
    """Annual appraisals with ``alasan``: 'atas_rendah', 'atas_tanpa_bukti' or 'bawah_tercapai'."""
    atas = pl.col("rating_hasil_kerja") == "Di Atas Ekspektasi"
    bawah = pl.col("rating_hasil_kerja") == "Di Bawah Ekspektasi"
    # berbukti is NULL when the bundle holds no bukti dukung at all: unknown, not missing
    no_evidence = (pl.col("dilaporkan").fill_null(0) == 0) | (pl.col("berbukti") == 0).fill_null(False)
    met = (pl.col("indikator").fill_null(0) > 0) & (pl.col("tercapai") == pl.col("indikator"))
    reason = (
        pl.when(atas & no_evidence).then(pl.lit("atas_tanpa_bukti"))
        .when(atas & (pl.col("capaian") < WELL_UNDER)).then(pl.lit("atas_rendah"))
        .when(bawah & met).then(pl.lit("bawah_tercapai"))
        .otherwise(None)
    )
    return annual.with_columns(reason.alias("alasan")).filter(pl.col("alasan").is_not_null())


def _detail(r: dict) -> str:
    if r["alasan"] == "atas_tanpa_bukti":
        what = ("Rating hasil kerja tahunan Di Atas Ekspektasi tanpa realisasi yang dilaporkan atau "
                "tanpa bukti dukung satu pun.")
    elif r["alasan"] == "atas_rendah":
        what = (f"Rating hasil kerja tahunan Di Atas Ekspektasi padahal capaian rata-rata "
                f"{r['indikator']} indikator hanya {pct(r['capaian'])} dari target (ambang "
                f"{pct(WELL_UNDER, 0)}).")
    else:
        what = (f"Rating hasil kerja tahunan Di Bawah Ekspektasi padahal semua {r['indikator']} "
                f"indikator mencapai target (capaian rata-rata {pct(r['capaian'])}).")
    return f"{what} Periksa kembali rating atau realisasi dan bukti dukungnya. {REVIEW}"


def findings(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    rows = [
        {"rule": RULE_IDS[0], "tingkat": "pegawai", "subjek_id": r["nip"], "periode": r["periode"],
         "detail": _detail(r), "_nip": r["nip"], "_unor_id": r["unor_id"], "_instansi_id": r["instansi_id"]}
        for r in discordant(annual_with_evidence(con)).iter_rows(named=True)
    ]
    return finding_frame(rows)
