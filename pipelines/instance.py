"""The persistent Dagster instance that `kinerja run` and `kinerja ui` share (DAGSTER_HOME).

``prepare_home`` creates the folder and writes ``dagster.yaml`` when there is none, or when the
one there is kinerja's (it starts with :data:`MARKER`, or is what an earlier kinerja wrote); a
``dagster.yaml`` someone else wrote is used as it is, never replaced.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # dagster is imported when an instance is opened, not with the CLI
    from dagster import DagsterInstance

MARKER = "# Ditulis oleh kinerja."
INSTANCE_CONFIG = f"""\
{MARKER} Selama baris ini ada, kinerja boleh memperbarui berkas ini; hapus baris ini
# bila Anda mengubah berkas ini sendiri (lihat docs/operasi.md).
python_logs:
  managed_python_loggers:
    - kinerja
  python_log_level: INFO
telemetry:
  enabled: false
concurrency:
  runs:
    # satu run pada satu waktu: setiap run menulis folder hasil dan gudang data yang sama
    max_concurrent_runs: 1
run_monitoring:
  enabled: true
  # run yang prosesnya mati (mis. komputer dimatikan) dibatalkan paling lambat 6 jam kemudian
  max_runtime_seconds: 21600
  cancel_timeout_seconds: 180
retention:
  schedule:
    purge_after_days: 90
  sensor:
    purge_after_days:
      skipped: 7
      failure: 30
      success: -1
"""
# What kinerja wrote before the marker existed (still ours: may be replaced).
_EARLIER = (
    "python_logs:\n  managed_python_loggers:\n    - kinerja\n  python_log_level: INFO\n"
    "telemetry:\n  enabled: false\n",
)


def write_instance_config(home: Path) -> Path:
    """DAGSTER_HOME/dagster.yaml: kinerja's logger in the UI, no telemetry, one run at a time,
    dead runs cancelled, old sensor ticks purged. Someone else's dagster.yaml is kept as it is."""
    home.mkdir(parents=True, exist_ok=True)
    path = home / "dagster.yaml"
    if path.exists() and not is_ours(path):
        return path
    if not path.exists() or path.read_text(encoding="utf-8") != INSTANCE_CONFIG:
        staging = path.with_name(".dagster.yaml.baru")
        staging.write_text(INSTANCE_CONFIG, encoding="utf-8")
        staging.replace(path)
    return path


def is_ours(path: Path) -> bool:
    """True when ``path`` is a dagster.yaml kinerja wrote."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return text.startswith(MARKER) or text in _EARLIER


def open_instance(home: Path) -> DagsterInstance:
    """The persistent instance in ``home`` (prepared first); dispose it after use."""
    from dagster import DagsterInstance

    write_instance_config(home)
    return DagsterInstance.from_config(str(home))
