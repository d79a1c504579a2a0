"""The quarterly and annual report schedules, and the job they run (from the warehouse)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from dagster import (
    AssetKey,
    DagsterInstance,
    DefaultScheduleStatus,
    DefaultSensorStatus,
    RunRequest,
    SkipReason,
    build_schedule_context,
)

from pipelines.automation.reporting.schedules import (
    closed_quarter,
    laporan_tahunan,
    laporan_triwulanan,
)
from pipelines.definitions import defs
from tests.conftest import copy_published

WIB = ZoneInfo("Asia/Jakarta")


def test_schedules_cron_targets_and_default_status():
    repo = defs.get_repository_def()
    quarterly = repo.get_schedule_def("laporan_triwulanan")
    annual = repo.get_schedule_def("laporan_tahunan")
    assert quarterly.cron_schedule == "0 6 15 1,4,7,10 *"
    assert annual.cron_schedule == "0 6 15 2 *"
    for s in (quarterly, annual):
        assert s.execution_timezone == "Asia/Jakarta"
        assert s.job_name == "laporan_gudang"
        assert s.default_status == DefaultScheduleStatus.RUNNING


def test_sensors_are_loaded_and_running_by_default():
    repo = defs.get_repository_def()
    sensors = {s.name: s for s in repo.sensor_defs}
    assert set(sensors) >= {"kotak_masuk", "arsipkan_bundel", "catat_run_gagal"}
    assert sensors["kotak_masuk"].job_name == "kinerja_lengkap"
    assert sensors["kotak_masuk"].minimum_interval_seconds == 30
    assert all(s.default_status == DefaultSensorStatus.RUNNING for s in sensors.values())


def test_report_job_reads_only_the_warehouse():
    job = defs.resolve_job_def("laporan_gudang")
    keys = {k.to_user_string() for k in job.asset_layer.executable_asset_keys}
    assert {"dasbor", "rekonsiliasi", "karantina", "berkas_temuan", "terbatas"} <= keys
    assert not keys & {"bundel", "gudang", "mart", "temuan"}
    assert not any(k.startswith("stg/") for k in keys)
    assert AssetKey("dasbor") in job.asset_layer.executable_asset_keys


@pytest.mark.parametrize(
    ("when", "period"),
    [((2026, 1, 15), "2025-TW4"), ((2026, 4, 15), "2026-TW1"), ((2026, 7, 15), "2026-TW2"),
     ((2026, 10, 15), "2026-TW3"), ((2026, 3, 31), "2025-TW4")],
)
def test_closed_quarter(when, period):
    assert closed_quarter(datetime(*when, 6, tzinfo=WIB)) == period


@pytest.fixture
def out(tmp_path, monkeypatch):
    monkeypatch.setenv("KINERJA_OUT", str(tmp_path / "hasil"))
    monkeypatch.delenv("KINERJA_GUDANG", raising=False)
    return tmp_path / "hasil"


def _evaluate(schedule, when: datetime):
    with DagsterInstance.ephemeral() as instance:
        return schedule(build_schedule_context(instance=instance, scheduled_execution_time=when))


def test_schedule_skips_while_the_warehouse_is_empty(out):
    result = _evaluate(laporan_triwulanan, datetime(2026, 1, 15, 6, tzinfo=WIB))
    assert isinstance(result, SkipReason)
    assert "Laporan triwulanan 2025-TW4 dilewati: gudang data" in result.skip_message


def test_schedules_request_one_report_per_period(out):
    out.mkdir()
    (out / "warehouse.duckdb").write_bytes(b"")
    quarterly = _evaluate(laporan_triwulanan, datetime(2026, 7, 15, 6, tzinfo=WIB))
    assert isinstance(quarterly, RunRequest)
    assert quarterly.run_key == "triwulanan-2026-TW2"
    assert quarterly.tags == {"kinerja/laporan": "triwulanan", "kinerja/periode": "2026-TW2"}
    annual = _evaluate(laporan_tahunan, datetime(2026, 2, 15, 6, tzinfo=WIB))
    assert isinstance(annual, RunRequest)
    assert annual.run_key == "tahunan-2025"
    assert annual.tags == {"kinerja/laporan": "tahunan", "kinerja/periode": "2025"}


def test_report_job_rebuilds_and_publishes_from_the_warehouse(tmp_path, published_base):
    """After a main run (of ``base_rows()``: the session's shared one, copied), the report
    job alone (no bundle) publishes a whole new result."""
    from pipelines.definitions import build_definitions
    from pipelines.resources import build_resources

    out = copy_published(published_base, tmp_path / "hasil")
    before = (out / ".rilis" / "aktif").resolve()
    findings = (out / "temuan.csv").read_bytes()
    docs_index = (out / "site" / "data-docs" / "index.html").read_text(encoding="utf-8")
    job = build_definitions(build_resources(tmp_path / "tidak-ada", out)).resolve_job_def("laporan_gudang")
    with DagsterInstance.ephemeral() as instance:
        result = job.execute_in_process(instance=instance, raise_on_error=False)
    assert result.success
    assert (out / ".rilis" / "aktif").resolve() != before  # a new release was published
    assert (out / "site" / "index.html").is_file()
    assert (out / "temuan.csv").read_bytes() == findings
    # The Data Docs of the bundle loaded last are kept with the warehouse and shown again:
    # the same five-column rows for the same checks (the base bundle's 12 validations).
    again = (out / "site" / "data-docs" / "index.html").read_text(encoding="utf-8")
    assert again.count("<tr><td>") == docs_index.count("<tr><td>") == 12
    assert "Belum ada hasil validasi" not in again
