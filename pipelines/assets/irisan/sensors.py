"""Sensors that keep the partitions current without anyone asking.

* ``irisan_dari_gudang``: after a successful bundle run, register the tahun and instansi it
  loaded (dynamic partitions) and request one slice run per (tahun, instansi) it replaced.
* ``lintas_tahunan``: when every slice run of a year has finished and some slice of that year
  is newer than the year's cross-instansi result, request the year's run.

Runs of `kinerja run` are skipped: the command materialises its partitions itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from dagster import (
    AssetKey,
    AssetMaterialization,
    AssetRecordsFilter,
    DagsterEventType,
    DagsterRunStatus,
    DefaultSensorStatus,
    RunRequest,
    RunsFilter,
    RunStatusSensorContext,
    SensorEvaluationContext,
    SkipReason,
    run_status_sensor,
    sensor,
)

from pipelines.assets.irisan.jobs import SLICE_JOB_NAME, irisan_instansi, lintas_tahun
from pipelines.assets.irisan.partitions import (
    INSTANSI,
    SLICE_GROUP,
    TAHUN,
    YEAR_GROUP,
    register,
    slice_key,
)
from pipelines.jobs import kinerja_lengkap
from transforms.slices.models import slice_models

CLI_TAG = ("kinerja/sumber", "kinerja run")
ACTIVE = [
    DagsterRunStatus.QUEUED, DagsterRunStatus.NOT_STARTED, DagsterRunStatus.STARTING,
    DagsterRunStatus.STARTED, DagsterRunStatus.CANCELING,
]  # fmt: skip


def loaded_slices(materializations: Iterable[AssetMaterialization | None]) -> list[tuple[int, str]]:
    """The (tahun, instansi) slices a run's warehouse merge replaced (the metadata of its
    ``gudang`` materialisation)."""
    for mat in materializations:
        if mat is not None and mat.asset_key == AssetKey("gudang"):
            tahun = int(mat.metadata["tahun"].value)
            return [(tahun, str(i)) for i in mat.metadata["instansi"].value]
    return []


def run_slices(context: RunStatusSensorContext) -> list[tuple[int, str]]:
    records = context.instance.get_records_for_run(
        context.dagster_run.run_id, of_type=DagsterEventType.ASSET_MATERIALIZATION
    ).records
    return loaded_slices(r.event_log_entry.asset_materialization for r in records)


@run_status_sensor(
    name="irisan_dari_gudang",
    run_status=DagsterRunStatus.SUCCESS,
    monitored_jobs=[kinerja_lengkap],
    request_job=irisan_instansi,
    default_status=DefaultSensorStatus.RUNNING,
    description="Setelah bundel masuk gudang: daftarkan partisi tahun dan instansinya, lalu hitung irisannya.",
)
def irisan_dari_gudang(context: RunStatusSensorContext):
    run = context.dagster_run
    if run.tags.get(CLI_TAG[0]) == CLI_TAG[1]:
        return SkipReason("Run dari `kinerja run` menghitung irisannya sendiri.")
    slices = run_slices(context)
    if not slices:
        return SkipReason("Run ini tidak memuat irisan gudang apa pun.")
    keys = register(context.instance, slices)
    return [RunRequest(run_key=f"{run.run_id}:{key}", partition_key=key) for key in keys]


def _latest_storage_id(context: SensorEvaluationContext, key: AssetKey, partitions: list[str]) -> int:
    if not partitions:
        return 0
    result = context.instance.fetch_materializations(
        AssetRecordsFilter(asset_key=key, asset_partitions=partitions), limit=1
    )
    return result.records[0].storage_id if result.records else 0


@sensor(
    name="lintas_tahunan",
    job=lintas_tahun,
    minimum_interval_seconds=30,
    default_status=DefaultSensorStatus.RUNNING,
    description="Bila irisan suatu tahun lebih baru dari perbandingan antar-instansinya dan tidak ada run irisan berjalan: hitung ulang tahun itu.",
)
def lintas_tahunan(context: SensorEvaluationContext):
    instance = context.instance
    if instance.get_runs_count(RunsFilter(job_name=SLICE_JOB_NAME, statuses=ACTIVE)):
        return SkipReason("Run irisan masih berjalan atau antre; menunggu semuanya selesai.")
    requests = []
    for tahun in sorted(instance.get_dynamic_partitions(TAHUN)):
        slices = [str(slice_key(int(tahun), i)) for i in instance.get_dynamic_partitions(INSTANSI)]
        newest_slice = max(
            _latest_storage_id(context, AssetKey([SLICE_GROUP, m.name]), slices)
            for m in slice_models("irisan")
        )
        newest_year = min(
            _latest_storage_id(context, AssetKey([YEAR_GROUP, m.name]), [tahun])
            for m in slice_models("lintas")
        )
        if newest_slice > newest_year:
            requests.append(RunRequest(run_key=f"{tahun}:{newest_slice}", partition_key=tahun))
    return requests or SkipReason("Semua perbandingan antar-instansi sudah mutakhir.")

