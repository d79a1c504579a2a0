"""Default locations: the embedded default is the demo bundle and its output under ./demo.

Override with the environment variables KINERJA_EKSPOR (bundle folder or .zip), KINERJA_OUT
(output folder) and KINERJA_GUDANG (warehouse file; default OUT/warehouse.duckdb); `kinerja ui`
sets the first two from its arguments. KINERJA_AMBANG_SEL is the dashboard's small-cell
threshold: counts of 1..N-1 people are suppressed (default 5, docs/dasbor.md "Privasi").
KINERJA_TABEL_KARIER is a folder of career configuration tables (koefisien_ak.csv, ...; each
file found there replaces the default, docs/karier.md "Tabel konfigurasi").

Unattended operation (docs/operasi.md): KINERJA_HOME (default ``~/.kinerja``) holds the Dagster
instance, DAGSTER_HOME (default ``<KINERJA_HOME>/dagster``) shared by `kinerja run` and
`kinerja ui`, and the inbox KINERJA_KOTAK_MASUK (default ``<KINERJA_HOME>/kotak-masuk``) that the
inbox sensor watches.

DuckDB (docs/operasi.md, "DuckDB"): KINERJA_DUCKDB_MEMORI caps each connection's memory (default
a quarter of the machine's memory, between 1 and 4 GiB; beyond it DuckDB spills to the run's
work folder), KINERJA_DUCKDB_UTAS its threads (default: every core). KINERJA_PROSES_DASBOR: the
processes that build the dashboard (default 2 on a machine of two or more cores; 1 = one process).
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_EXPORTS = Path("demo/ekspor")
DEFAULT_OUT = Path("demo/hasil")
DEFAULT_KINERJA_HOME = Path("~/.kinerja")
DEFAULT_SMALL_CELL_THRESHOLD = 5
MIN_SMALL_CELL_THRESHOLD = 2


def exports_path() -> Path:
    return Path(os.environ.get("KINERJA_EKSPOR", str(DEFAULT_EXPORTS))).resolve()


def out_path() -> Path:
    return Path(os.environ.get("KINERJA_OUT", str(DEFAULT_OUT))).resolve()


def kinerja_home() -> Path:
    """KINERJA_HOME (default ~/.kinerja): the Dagster home and the inbox live under it."""
    return Path(os.environ.get("KINERJA_HOME") or DEFAULT_KINERJA_HOME).expanduser().resolve()


def dagster_home() -> Path:
    """DAGSTER_HOME, else <KINERJA_HOME>/dagster: the instance `kinerja run` and `kinerja ui` share."""
    value = os.environ.get("DAGSTER_HOME")
    return Path(value).expanduser().resolve() if value else kinerja_home() / "dagster"


def inbox_path() -> Path:
    """KINERJA_KOTAK_MASUK, else <KINERJA_HOME>/kotak-masuk: the folder the inbox sensor watches."""
    value = os.environ.get("KINERJA_KOTAK_MASUK")
    return Path(value).expanduser().resolve() if value else kinerja_home() / "kotak-masuk"


def warehouse_path() -> Path | None:
    value = os.environ.get("KINERJA_GUDANG")
    return Path(value).resolve() if value else None


def partition_executor() -> str:
    """KINERJA_EKSEKUTOR: the executor of the partitioned jobs, ``multiprocess`` (default: steps
    as processes of this machine) or ``k8s`` (every step its own Kubernetes pod, dagster-k8s;
    docs/operasi.md, "Di klaster")."""
    value = os.environ.get("KINERJA_EKSEKUTOR", "").strip().lower() or "multiprocess"
    if value not in ("multiprocess", "k8s"):
        raise ValueError(f"KINERJA_EKSEKUTOR harus 'multiprocess' atau 'k8s', bukan '{value}'.")
    return value


def slice_store_path() -> Path | None:
    """KINERJA_IRISAN: the slice store folder (default: beside the warehouse); on a cluster a
    volume every pod mounts."""
    value = os.environ.get("KINERJA_IRISAN")
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


def dashboard_processes() -> int:
    """KINERJA_PROSES_DASBOR (default: 2, at most the machine's cores): processes building the
    dashboard pages (reports.site_parallel). ValueError (Indonesian) unless an integer >= 1."""
    raw = os.environ.get("KINERJA_PROSES_DASBOR", "").strip()
    if not raw:
        return min(2, os.cpu_count() or 1)
    if not (raw.isdigit() and int(raw) >= 1):
        raise ValueError(f"KINERJA_PROSES_DASBOR harus bilangan bulat minimal 1, bukan {raw!r}.")
    return int(raw)


def career_tables_folder() -> Path | None:
    """KINERJA_TABEL_KARIER: a folder whose career tables replace the defaults (None: defaults).

    Raises ValueError (message in Indonesian) when it names no folder.
    """
    raw = os.environ.get("KINERJA_TABEL_KARIER", "").strip()
    if not raw:
        return None
    folder = Path(raw).resolve()
    if not folder.is_dir():
        raise ValueError(f"KINERJA_TABEL_KARIER harus folder berisi tabel karier (CSV), bukan {raw!r}.")
    return folder


def _memory_bytes() -> int | None:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return None


def duckdb_config(temp_directory: Path) -> dict[str, object]:
    """The settings every pipeline DuckDB connection gets: a memory limit (a bundle larger
    than it spills to ``temp_directory`` instead of exhausting the machine), the thread count,
    and insertion order kept (outputs without ORDER BY keep the file's order)."""
    memory = os.environ.get("KINERJA_DUCKDB_MEMORI", "").strip()
    if not memory:
        total = _memory_bytes() or 4 << 30
        memory = f"{max(1 << 10, min(4 << 10, total // 4 >> 20))}MiB"
    threads = os.environ.get("KINERJA_DUCKDB_UTAS", "").strip()
    if threads and not (threads.isdigit() and int(threads) >= 1):
        raise ValueError(f"KINERJA_DUCKDB_UTAS harus bilangan bulat minimal 1, bukan {threads!r}.")
    return {
        "memory_limit": memory,
        "threads": int(threads) if threads else os.cpu_count() or 1,
        "temp_directory": str(temp_directory),
        "preserve_insertion_order": True,
    }
