"""Jobs: the main job materialises every unpartitioned asset (ingest -> audit -> reports);
the partitioned ones have their own jobs (pipelines.assets.irisan.jobs)."""

from __future__ import annotations

from dagster import AssetSelection, define_asset_job, in_process_executor

from pipelines.assets.irisan.partitions import PARTITIONED

MAIN_JOB_NAME = "kinerja_lengkap"
WRITER_TAG = "kinerja/menulis"

kinerja_lengkap = define_asset_job(
    MAIN_JOB_NAME,
    selection=AssetSelection.all() - PARTITIONED,
    description="Baca bundel ekspor, normalisasi, karantina, rekonsiliasi, temuan, gudang data, dan dasbor.",
    # One process: every step writes to single-writer DuckDB files (the run's scratch database
    # and the warehouse), so steps run one after another in the run's own process. Dagster's
    # default multiprocess executor would start a process per step and make them queue on the
    # file lock (3 min 10 s against 20 s on a 300-employee bundle). See docs/architecture.md.
    executor_def=in_process_executor,
    # A cluster's run coordinator admits one warehouse writer at a time (docs/klaster/dagster.yaml).
    tags={WRITER_TAG: "gudang"},
)
