"""The cluster example (docs/klaster/) loads and validates against the same definitions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

CHECK = r"""
import json, sys, yaml
from dagster import validate_run_config
from dagster._config import process_config
from dagster._core.run_coordinator import QueuedRunCoordinator
from dagster_k8s import K8sRunLauncher
from pipelines.definitions import defs

instance_yaml = yaml.safe_load(open("docs/klaster/dagster.yaml"))
run_config = yaml.safe_load(open("docs/klaster/run_config.yaml"))
launcher = process_config(K8sRunLauncher.config_type(), instance_yaml["run_launcher"]["config"])
coordinator = process_config(QueuedRunCoordinator.config_type(), instance_yaml["run_coordinator"]["config"])
jobs = {}
for name in ("irisan_instansi", "lintas_tahun"):
    job = defs.resolve_job_def(name)
    validate_run_config(job, run_config)
    jobs[name] = job.executor_def.name
print(json.dumps({
    "launcher": launcher.success, "launcher_errors": [str(e) for e in launcher.errors or []],
    "coordinator": coordinator.success, "jobs": jobs,
    "main": defs.resolve_job_def("kinerja_lengkap").executor_def.name,
    "main_tags": defs.resolve_job_def("kinerja_lengkap").tags,
}))
"""


def test_the_k8s_example_configuration_validates_against_the_definitions():
    env = {**os.environ, "KINERJA_EKSEKUTOR": "k8s"}
    proc = subprocess.run([str(BIN / "python"), "-c", CHECK], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    found = json.loads(proc.stdout.strip().splitlines()[-1])
    assert found["launcher"] and found["coordinator"], found
    # Partitioned jobs: a pod per step; the bundle job stays one process (one DuckDB writer).
    assert found["jobs"] == {"irisan_instansi": "k8s", "lintas_tahun": "k8s"}
    assert found["main"] == "in_process" and found["main_tags"]["kinerja/menulis"] == "gudang"


def test_dagster_validates_the_cluster_flavour_of_the_code_location():
    env = {**os.environ, "KINERJA_EKSEKUTOR": "k8s"}
    proc = subprocess.run([str(BIN / "dagster"), "definitions", "validate", "-m", "pipelines.definitions"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "All code locations passed validation" in proc.stderr + proc.stdout


def test_an_unknown_executor_is_refused_in_indonesian():
    env = {**os.environ, "KINERJA_EKSEKUTOR": "celery"}
    proc = subprocess.run([str(BIN / "python"), "-c", "import pipelines.definitions"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    assert "KINERJA_EKSEKUTOR harus 'multiprocess' atau 'k8s', bukan 'celery'." in proc.stderr
