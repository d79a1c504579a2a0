"""Default locations: the embedded default is the demo bundle and its output under ./demo.

Override with the environment variables KINERJA_EKSPOR (bundle folder or .zip), KINERJA_OUT
(output folder) and KINERJA_GUDANG (warehouse file; default OUT/warehouse.duckdb); `kinerja ui`
sets the first two from its arguments. KINERJA_AMBANG_SEL is the dashboard's small-cell
threshold: counts of 1..N-1 people are suppressed (default 5, docs/dasbor.md "Privasi").
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_EXPORTS = Path("demo/ekspor")
DEFAULT_OUT = Path("demo/hasil")
DEFAULT_DAGSTER_HOME = Path(".dagster_home")
DEFAULT_SMALL_CELL_THRESHOLD = 5
MIN_SMALL_CELL_THRESHOLD = 2


def exports_path() -> Path:
    return Path(os.environ.get("KINERJA_EKSPOR", str(DEFAULT_EXPORTS))).resolve()


def out_path() -> Path:
    return Path(os.environ.get("KINERJA_OUT", str(DEFAULT_OUT))).resolve()


def warehouse_path() -> Path | None:
    value = os.environ.get("KINERJA_GUDANG")
    return Path(value).resolve() if value else None


def small_cell_threshold() -> int:
    """KINERJA_AMBANG_SEL (default 5): the dashboard hides counts of 1..N-1 people.

    Raises ValueError (message in Indonesian) for anything but an integer of at least 2.
    """
    raw = os.environ.get("KINERJA_AMBANG_SEL", "").strip()
    if not raw:
        return DEFAULT_SMALL_CELL_THRESHOLD
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < MIN_SMALL_CELL_THRESHOLD:
        raise ValueError(
            f"KINERJA_AMBANG_SEL harus bilangan bulat minimal {MIN_SMALL_CELL_THRESHOLD} "
            f"(jumlah orang terkecil yang ditampilkan), bukan {raw!r}."
        )
    return value
