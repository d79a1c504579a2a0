"""Default locations: the embedded default is the demo bundle and its output under ./demo.

Override with the environment variables KINERJA_EKSPOR (bundle folder or .zip), KINERJA_OUT
(output folder) and KINERJA_GUDANG (warehouse file; default OUT/warehouse.duckdb); `kinerja ui`
sets the first two from its arguments.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_EXPORTS = Path("demo/ekspor")
DEFAULT_OUT = Path("demo/hasil")
DEFAULT_DAGSTER_HOME = Path(".dagster_home")


def exports_path() -> Path:
    return Path(os.environ.get("KINERJA_EKSPOR", str(DEFAULT_EXPORTS))).resolve()


def out_path() -> Path:
    return Path(os.environ.get("KINERJA_OUT", str(DEFAULT_OUT))).resolve()


def warehouse_path() -> Path | None:
    value = os.environ.get("KINERJA_GUDANG")
    return Path(value).resolve() if value else None
