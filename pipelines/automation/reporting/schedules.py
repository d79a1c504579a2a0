"""Quarterly and annual report schedules (running whenever the Dagster daemon runs).

Each run is ``laporan_gudang``: the published outputs rebuilt from the warehouse, so the report
shows every bundle the inbox (or `kinerja run`) loaded up to that day. The run is tagged with the
report kind and the period just closed; its run key makes one report per period.

- quarterly: 06:00 WIB on 15 January, April, July and October, two weeks after the quarter's
  periodic appraisal (evaluasi kinerja periodik, PermenPANRB 6/2022) closed;
- annual: 06:00 WIB on 15 February, after the annual appraisal of the year before (set in
  January) closed.
"""

from __future__ import annotations

from datetime import datetime

from dagster import (
    DefaultScheduleStatus,
    RunRequest,
    ScheduleEvaluationContext,
    SkipReason,
    schedule,
)

from pipelines.automation.reporting.jobs import laporan_gudang
from pipelines.output_folder import WAREHOUSE
from pipelines.settings import out_path, warehouse_path

QUARTERLY_CRON = "0 6 15 1,4,7,10 *"
ANNUAL_CRON = "0 6 15 2 *"
TIMEZONE = "Asia/Jakarta"
TAG_REPORT, TAG_PERIOD = "kinerja/laporan", "kinerja/periode"


def closed_quarter(when: datetime) -> str:
    """The last quarter closed before ``when``: 15 Jan 2026 -> 2025-TW4, 15 Apr 2026 -> 2026-TW1."""
    quarter = (when.month - 1) // 3
    return f"{when.year - 1}-TW4" if quarter == 0 else f"{when.year}-TW{quarter}"


def report_request(kind: str, period: str) -> RunRequest | SkipReason:
    """A run of the report job, or a skip while the warehouse holds nothing yet."""
    warehouse = warehouse_path() or out_path() / WAREHOUSE
    if not warehouse.is_file():
        return SkipReason(
            f"Laporan {kind} {period} dilewati: gudang data {warehouse} belum ada (belum ada bundel "
            "yang dimuat dari kotak masuk atau kinerja run)."
        )
    return RunRequest(run_key=f"{kind}-{period}", tags={TAG_REPORT: kind, TAG_PERIOD: period})


def _when(context: ScheduleEvaluationContext) -> datetime:
    return context.scheduled_execution_time or datetime.now().astimezone()


@schedule(
    name="laporan_triwulanan",
    cron_schedule=QUARTERLY_CRON,
    execution_timezone=TIMEZONE,
    job=laporan_gudang,
    default_status=DefaultScheduleStatus.RUNNING,
    description=(
        "Laporan triwulanan: 06.00 WIB tanggal 15 Januari, April, Juli, Oktober (setelah evaluasi "
        "kinerja periodik triwulan sebelumnya ditutup); dasbor dan berkas hasil dibangun ulang dari "
        "gudang data."
    ),
)
def laporan_triwulanan(context: ScheduleEvaluationContext) -> RunRequest | SkipReason:
    return report_request("triwulanan", closed_quarter(_when(context)))


@schedule(
    name="laporan_tahunan",
    cron_schedule=ANNUAL_CRON,
    execution_timezone=TIMEZONE,
    job=laporan_gudang,
    default_status=DefaultScheduleStatus.RUNNING,
    description=(
        "Laporan tahunan: 06.00 WIB tanggal 15 Februari (setelah penilaian kinerja tahunan tahun "
        "sebelumnya ditutup); dasbor dan berkas hasil dibangun ulang dari gudang data."
    ),
)
def laporan_tahunan(context: ScheduleEvaluationContext) -> RunRequest | SkipReason:
    return report_request("tahunan", str(_when(context).year - 1))
