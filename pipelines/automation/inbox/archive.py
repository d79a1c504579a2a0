"""After a run of the main job on a staged bundle: archive it (success) or note why (failure).

The bundle is moved only after its run finished, so a run never loses its input mid-way; a
failed run's bundle stays in ``diproses/<hash>/`` (with GAGAL.txt) where a re-execution from the
Dagster UI reads it again. Runs on bundles outside the inbox (the UI's launchpad, `kinerja run`)
are left alone.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from dagster import (
    DagsterRun,
    DagsterRunStatus,
    DefaultSensorStatus,
    RunFailureSensorContext,
    RunStatusSensorContext,
    SkipReason,
    run_failure_sensor,
    run_status_sensor,
)

from pipelines.automation.inbox.layout import FAILED_FILE, Inbox
from pipelines.automation.inbox.notes import failed_text
from pipelines.jobs import kinerja_lengkap
from pipelines.settings import inbox_path


def staged_bundle(run: DagsterRun, inbox: Inbox) -> Path | None:
    """The run's bundle when it is one staged by the inbox sensor and still there."""
    config = run.run_config or {}
    path = config.get("resources", {}).get("ekspor", {}).get("config", {}).get("path")
    if not path or not inbox.is_staged(Path(path)) or not Path(path).exists():
        return None
    return Path(path)


@run_status_sensor(
    name="arsipkan_bundel",
    run_status=DagsterRunStatus.SUCCESS,
    monitored_jobs=[kinerja_lengkap],
    default_status=DefaultSensorStatus.RUNNING,
    description="Memindahkan bundel kotak masuk ke arsip/<tanggal>_<nama> setelah run-nya berhasil.",
)
def arsipkan_bundel(context: RunStatusSensorContext) -> SkipReason | None:
    inbox = Inbox(inbox_path())
    bundle = staged_bundle(context.dagster_run, inbox)
    if bundle is None:
        return SkipReason("Run ini tidak membaca bundel dari kotak masuk (diproses/).")
    dest = inbox.archive(bundle, datetime.now().astimezone().date())
    context.log.info("Run %s berhasil; bundel %s diarsipkan ke %s.", context.dagster_run.run_id, bundle.name, dest)
    return None


def failure_reasons(context: RunFailureSensorContext) -> list[str]:
    """The Indonesian descriptions of the failed steps, else Dagster's run failure message."""
    reasons = []
    for event in context.get_step_failure_events():
        data = event.step_failure_data
        if data.user_failure_data is not None and data.user_failure_data.description:
            reasons.append(data.user_failure_data.description)
        elif data.error is not None:
            reasons.append(f"Langkah {event.step_key}: {data.error.message.strip()}")
    if not reasons and context.failure_event.message:
        reasons.append(context.failure_event.message)
    return list(dict.fromkeys(reasons))


@run_failure_sensor(
    name="catat_run_gagal",
    monitored_jobs=[kinerja_lengkap],
    default_status=DefaultSensorStatus.RUNNING,
    description="Menulis GAGAL.txt (sebab dan cara menjalankan ulang) di samping bundel kotak masuk yang run-nya gagal.",
)
def catat_run_gagal(context: RunFailureSensorContext) -> SkipReason | None:
    inbox = Inbox(inbox_path())
    run = context.dagster_run
    bundle = staged_bundle(run, inbox)
    if bundle is None:
        return SkipReason("Run ini tidak membaca bundel dari kotak masuk (diproses/).")
    reasons = failure_reasons(context)
    note = bundle.parent / FAILED_FILE
    note.write_text(failed_text(bundle.name, run.run_id, reasons, datetime.now().astimezone()), encoding="utf-8")
    context.log.warning("Run %s gagal; bundel %s tetap di %s (lihat %s).", run.run_id, bundle.name, bundle.parent, note)
    return None
