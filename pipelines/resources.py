"""Resources: the DuckDB warehouse, the export bundle, and the output folder."""

from __future__ import annotations

from pathlib import Path

from dagster import ConfigurableResource, Failure
from dagster_duckdb import DuckDBResource

from pipelines.output_folder import RELEASES, WAREHOUSE, WORKDIR, OutputRefused, claim
from pipelines.settings import exports_path, out_path
from transforms.ingest.bundle import Bundle, open_bundle


class ExportBundle(ConfigurableResource):
    """An e-Kinerja export bundle: a folder or a .zip of one (contract §1)."""

    path: str

    def open(self, workdir: Path) -> Bundle:
        """Discover the bundle's tables; a .zip is extracted once into ``workdir``."""
        return open_bundle(Path(self.path), workdir)


class OutputDir(ConfigurableResource):
    """Folder receiving the run's files: warehouse, reconciliation, quarantine, findings, site."""

    path: str

    @property
    def root(self) -> Path:
        """The folder, created with kinerja's marker; a folder that is not ours is refused."""
        root = Path(self.path)
        if root.parent.name != RELEASES:  # `kinerja run` writes into its own OUT/.rilis/<id>
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
    return build_resources(exports_path(), out_path())
