"""Materialising partitions in this process (``kinerja run`` after its bundle, ``kinerja
backfill``): one recorded Dagster run per slice, then one per year, with progress."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from dagster import DagsterInstance

from pipelines.assets.irisan.jobs import SLICE_JOB_NAME, YEAR_JOB_NAME
from pipelines.assets.irisan.partitions import register, split_key
from pipelines.failures import step_failure_messages
from pipelines.progress import log


@dataclass
class PartitionRuns:
    """What was materialised, and the Indonesian reasons of what failed."""

    slices: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def _failure_text(result) -> str:  # noqa: ANN001 - ExecuteInProcessResult
    return " ".join(step_failure_messages(result)) or "sebab tidak diketahui"


def materialize_partitions(
    instance: DagsterInstance,
    resources: Mapping[str, object],
    slices: Iterable[tuple[int, str]],
    tags: Mapping[str, str],
    run_config: Mapping[str, object] | None = None,
) -> PartitionRuns:
    """Register ``slices`` as partitions, run the slice job for each, then the year job for
    every year touched. A failed slice is reported and its year still recomputed from the
    slices that exist (the year's result then says which instansi it holds)."""
    from pipelines.definitions import build_definitions

    defs = build_definitions(dict(resources))
    slice_job = defs.resolve_job_def(SLICE_JOB_NAME)
    year_job = defs.resolve_job_def(YEAR_JOB_NAME)
    keys = register(instance, slices)
    done = PartitionRuns()
    for n, key in enumerate(keys, 1):
        tahun, instansi = split_key(key)
        log.info("Irisan %d/%d: tahun %s, instansi %s", n, len(keys), tahun, instansi)
        result = slice_job.execute_in_process(
            instance=instance, partition_key=key, tags=dict(tags), raise_on_error=False,
            run_config=dict(run_config or {}),
        )
        if result.success:
            done.slices.append(str(key))
        else:
            done.failures.append(f"irisan {tahun}/{instansi}: {_failure_text(result)}")
    for tahun in sorted({str(split_key(k)[0]) for k in keys}):
        log.info("Perbandingan antar-instansi tahun %s", tahun)
        result = year_job.execute_in_process(
            instance=instance, partition_key=tahun, tags=dict(tags), raise_on_error=False,
            run_config=dict(run_config or {}),
        )
        if result.success:
            done.years.append(tahun)
        else:
            done.failures.append(f"lintas instansi {tahun}: {_failure_text(result)}")
    return done
