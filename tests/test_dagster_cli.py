"""Dagster's own tooling on the code location: validate, and the UI started by `kinerja ui`."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import write_bundle

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[1]


def test_dagster_definitions_validate_passes():
    proc = subprocess.run(
        [str(BIN / "dagster"), "definitions", "validate", "-m", "pipelines.definitions"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "All code locations passed validation" in proc.stderr + proc.stdout


def test_definitions_hold_the_sensors_schedules_and_their_jobs():
    from pipelines.definitions import defs

    repo = defs.get_repository_def()
    assert {s.name for s in repo.sensor_defs} == {
        "kotak_masuk", "arsipkan_bundel", "catat_run_gagal", "irisan_dari_gudang", "lintas_tahunan"}
    assert {s.name for s in repo.schedule_defs} == {"laporan_triwulanan", "laporan_tahunan"}
    jobs = {j.name: j for j in repo.get_all_jobs()}
    assert {"kinerja_lengkap", "laporan_gudang", "irisan_instansi", "lintas_tahun"} <= set(jobs)
    assert jobs["irisan_instansi"].partitions_def.partitions_defs[0].name == "instansi"
    assert {d.name for d in jobs["irisan_instansi"].partitions_def.partitions_defs} == {"instansi", "tahun"}
    assert jobs["lintas_tahun"].partitions_def.name == "tahun"
    assert jobs["kinerja_lengkap"].partitions_def is None  # one bundle, any slices


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_kinerja_ui_serves_the_code_location_with_a_persistent_home(tmp_path, bundle_rows):
    bundle = write_bundle(tmp_path / "ekspor", bundle_rows)
    home = tmp_path / "dagster_home"
    inbox = tmp_path / "kotak-masuk"
    port = _free_port()
    proc = subprocess.Popen(
        [str(BIN / "kinerja"), "ui", "--exports", str(bundle), "--out", str(tmp_path / "hasil"),
         "--dagster-home", str(home), "--kotak-masuk", str(inbox), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        body = ""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=5) as r:
                    body = r.read().decode()
                    break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode()[-3000:] if proc.stderr else ""
                time.sleep(1)
        assert "dagster_webserver_version" in body
        assert (home / "dagster.yaml").read_text().startswith("# Ditulis oleh kinerja.")
        assert sorted(p.name for p in inbox.iterdir()) == ["arsip", "diproses", "ditolak"]
        automation = _automation(port)
        assert automation["schedules"] == {"laporan_tahunan": "RUNNING", "laporan_triwulanan": "RUNNING"}
        assert automation["sensors"] == {
            "arsipkan_bundel": "RUNNING", "catat_run_gagal": "RUNNING", "kotak_masuk": "RUNNING",
            "irisan_dari_gudang": "RUNNING", "lintas_tahunan": "RUNNING",
        }
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


AUTOMATION_QUERY = """{ repositoriesOrError { ... on RepositoryConnection { nodes {
  schedules { name scheduleState { status } } sensors { name sensorState { status } } } } } }"""


def _automation(port: int) -> dict[str, dict[str, str]]:
    """Schedules and sensors with their status, as the UI's Automation page gets them."""
    import json

    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql", data=json.dumps({"query": AUTOMATION_QUERY}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as r:
        [repo] = json.load(r)["data"]["repositoriesOrError"]["nodes"]
    return {
        "schedules": {s["name"]: s["scheduleState"]["status"] for s in repo["schedules"]},
        "sensors": {s["name"]: s["sensorState"]["status"] for s in repo["sensors"]},
    }


def test_job_runs_the_way_the_ui_launches_it(tmp_path, bundle_rows):
    """`dagster job execute` (what the UI's launchpad does): the job's own executor, in one
    process, writes the same outputs as `kinerja run` into the configured OUT."""
    import csv

    from dagster import in_process_executor

    from pipelines.definitions import defs
    from pipelines.jobs import MAIN_JOB_NAME

    assert defs.resolve_job_def(MAIN_JOB_NAME).executor_def is in_process_executor
    bundle = write_bundle(tmp_path / "ekspor", bundle_rows)
    out = tmp_path / "hasil"
    (tmp_path / "home").mkdir()
    env = {**os.environ, "KINERJA_EKSPOR": str(bundle), "KINERJA_OUT": str(out),
           "DAGSTER_HOME": str(tmp_path / "home")}
    proc = subprocess.run(
        [str(BIN / "dagster"), "job", "execute", "-m", "pipelines.definitions", "-j", MAIN_JOB_NAME],
        capture_output=True, text=True, timeout=600, cwd=ROOT, env=env,
    )
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    assert "RUN_SUCCESS" in proc.stdout + proc.stderr
    with (out / "rekonsiliasi.csv").open(encoding="utf-8") as f:
        pegawai = next(r for r in csv.DictReader(f) if r["tabel"] == "pegawai")
    assert (pegawai["dibaca"], pegawai["diterima"]) == ("4", "4")
    assert (out / "site" / "index.html").is_file() and (out / ".kinerja").is_file()
