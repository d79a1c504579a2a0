"""Resources: the DuckDB warehouse, the export bundle, and the output folder."""

from __future__ import annotations

from pathlib import Path

from dagster import ConfigurableResource, Failure, InitResourceContext
from dagster_duckdb import DuckDBResource
from pydantic import PrivateAttr

from pipelines.output_folder import (
    LOCK,
    RELEASES,
    WAREHOUSE,
    WORKDIR,
    OutputBusy,
    OutputRefused,
    RunLock,
    claim,
)
from pipelines.settings import exports_path, out_path, warehouse_path
from transforms.ingest.bundle import Bundle, open_bundle


class ExportBundle(ConfigurableResource):
    """An e-Kinerja export bundle: a folder or a .zip of one (contract §1)."""

    path: str

    def open(self, workdir: Path) -> Bundle:
        """Discover the bundle's tables; a .zip is extracted once into ``workdir``."""
        return open_bundle(Path(self.path), workdir)


class OutputDir(ConfigurableResource):
    """Folder receiving the run's files: reconciliation, quarantine, findings, site.

    `kinerja run` points it at its own release folder (``OUT/.rilis/<id>``) and holds OUT's lock
    itself. Any other run (the Dagster UI, ``dagster job execute``) claims OUT here (a folder
    that is not kinerja's is refused) and holds OUT's lock for the whole run, so it never runs
    beside another run on the same OUT.
    """

    path: str
    _lock: RunLock | None = PrivateAttr(default=None)

    @property
    def _managed_by_cli(self) -> bool:
        return Path(self.path).parent.name == RELEASES

    def setup_for_execution(self, context: InitResourceContext) -> None:
        if self._managed_by_cli:
            return
        root = Path(self.path)
        try:
            claim(root)
            lock = RunLock(root / LOCK)
            lock.__enter__()
        except (OutputRefused, OutputBusy) as e:
            raise Failure(description=str(e), allow_retries=False) from e
        self._lock = lock

    def teardown_after_execution(self, context: InitResourceContext) -> None:
        if self._lock is not None:
            self._lock.__exit__(None, None, None)
            self._lock = None

    @property
    def root(self) -> Path:
        """The folder, created with kinerja's marker; a folder that is not ours is refused."""
        root = Path(self.path)
        if not self._managed_by_cli:
            try:
                claim(root)
            except OutputRefused as e:
                raise Failure(description=str(e), allow_retries=False) from e
        root.mkdir(parents=True, exist_ok=True)
        return root

    @property
    def workdir(self) -> Path:
        """Scratch space for the run (zip extraction, transcoded files)."""
        work = self.root / WORKDIR
        work.mkdir(parents=True, exist_ok=True)
        return work


def build_resources(exports: Path, out: Path, warehouse: Path | None = None) -> dict[str, object]:
    """Resources for a bundle and an output folder.

    ``kerja`` is the run's scratch database (``<out>/.kerja/kerja.duckdb``: one bundle, removed
    with the run's work folder); ``warehouse`` the persistent one that keeps every year and
    instansi loaded so far (default ``<out>/warehouse.duckdb``).
    """
    return {
        "warehouse": DuckDBResource(database=str(warehouse or out / WAREHOUSE)),
        "kerja": DuckDBResource(database=str(out / WORKDIR / "kerja.duckdb")),
        "ekspor": ExportBundle(path=str(exports)),
        "keluaran": OutputDir(path=str(out)),
    }


def default_resources() -> dict[str, object]:
    """Resources for the embedded default (see pipelines.settings)."""
    return build_resources(exports_path(), out_path(), warehouse_path())
