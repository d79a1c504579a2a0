"""The job the report schedules run: every output rebuilt from the warehouse, no bundle read."""

from __future__ import annotations

from dagster import AssetSelection, define_asset_job, in_process_executor

from pipelines.assets.irisan.partitions import PARTITIONED
from pipelines.jobs import WRITER_TAG

REPORT_JOB_NAME = "laporan_gudang"

laporan_gudang = define_asset_job(
    REPORT_JOB_NAME,
    # Everything downstream of the warehouse merge reads the warehouse only (all years and
    # instansi loaded so far): the site, temuan.csv, rekonsiliasi.csv, karantina/, terbatas/.
    # The partitioned slices are refreshed by their own sensors (pipelines.assets.irisan).
    selection=AssetSelection.assets("gudang").downstream(include_self=False) - PARTITIONED,
    description=(
        "Bangun ulang dasbor, temuan.csv, rekonsiliasi.csv, karantina/ dan terbatas/ dari gudang "
        "data (semua tahun dan instansi yang sudah dimuat), tanpa membaca bundel."
    ),
    executor_def=in_process_executor,  # single-writer DuckDB files, as the main job
    tags={WRITER_TAG: "gudang"},
)
