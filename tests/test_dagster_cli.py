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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_kinerja_ui_serves_the_code_location_with_a_persistent_home(tmp_path, bundle_rows):
    bundle = write_bundle(tmp_path / "ekspor", bundle_rows)
    home = tmp_path / "dagster_home"
    port = _free_port()
    proc = subprocess.Popen(
        [str(BIN / "kinerja"), "ui", "--exports", str(bundle), "--out", str(tmp_path / "hasil"),
         "--dagster-home", str(home), "--port", str(port)],
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
        assert (home / "dagster.yaml").read_text().count("kinerja") == 1
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
