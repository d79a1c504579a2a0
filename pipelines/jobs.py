"""Jobs: the main job materialises every asset (ingest -> audit -> reports)."""

from __future__ import annotations

from dagster import AssetSelection, define_asset_job

MAIN_JOB_NAME = "kinerja_lengkap"

kinerja_lengkap = define_asset_job(
    MAIN_JOB_NAME,
    selection=AssetSelection.all(),
    description="Baca bundel ekspor, normalisasi, karantina, rekonsiliasi, temuan, dan dasbor.",
)
