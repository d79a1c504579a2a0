"""Progress messages for people: one logger, shown by the CLI and captured by the Dagster UI.

Assets write plain Indonesian lines to the ``kinerja`` logger. `kinerja run` prints them;
`kinerja ui` lists ``kinerja`` under ``python_logs.managed_python_loggers`` so they appear in
the run's log in the UI.
"""

from __future__ import annotations

import logging

log = logging.getLogger("kinerja")


def rows_progress(label: str, every: int = 250_000):
    """Callback for readers: logs every ``every`` rows read."""
    state = {"next": every}

    def _report(rows: int) -> None:
        if rows >= state["next"]:
            log.info("  %s: %s baris dibaca", label, f"{rows:,}".replace(",", "."))
            state["next"] = rows - rows % every + every

    return _report
