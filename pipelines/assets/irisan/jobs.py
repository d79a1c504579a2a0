"""Jobs of the partitioned assets: one slice per run, one year per run.

Unlike the bundle job, these run under Dagster's multiprocess executor: every step reads the
warehouse read-only and writes its own Parquet file, so steps do not share a writable DuckDB
file and can run side by side (and, with the k8s executor, on separate pods: docs/operasi.md).
"""

from __future__ import annotations

from dagster import AssetSelection, ExecutorDefinition, define_asset_job, multiprocess_executor

from pipelines.assets.irisan.partitions import (
    SLICE_GROUP,
    YEAR_GROUP,
    irisan_partisi,
    tahun_partisi,
)
from pipelines.settings import partition_executor


def _executor() -> ExecutorDefinition:
    """The multiprocess executor here; the k8s one (a pod per step) with KINERJA_EKSEKUTOR=k8s."""
    if partition_executor() == "k8s":
        from dagster_k8s import k8s_job_executor  # optional: pip install "kinerja[klaster]"

        return k8s_job_executor
    return multiprocess_executor


SLICE_JOB_NAME = "irisan_instansi"
YEAR_JOB_NAME = "lintas_tahun"

def _partitioned_job(name: str, group: str, partitions_def, description: str):  # noqa: ANN001
    return define_asset_job(
        name, selection=AssetSelection.groups(group), partitions_def=partitions_def,
        executor_def=_executor(), description=description,
    )


irisan_instansi = _partitioned_job(
    SLICE_JOB_NAME, SLICE_GROUP, irisan_partisi,
    "Hitung ulang irisan satu instansi dan satu tahun dari gudang data (Parquet per partisi).",
)
lintas_tahun = _partitioned_job(
    YEAR_JOB_NAME, YEAR_GROUP, tahun_partisi,
    "Bandingkan semua instansi dalam satu tahun dari irisan-irisannya.",
)
