"""Resources: the DuckDB warehouse, the export bundle, and the output folder."""

from __future__ import annotations

from pathlib import Path

from dagster import ConfigurableResource, DagsterEventType, Failure, InitResourceContext
from dagster_duckdb import DuckDBResource
from pydantic import PrivateAttr

from pipelines.output_folder import (
    RELEASES,
    WAREHOUSE,
    WORKDIR,
    OutputBusy,
    OutputRefused,
    Release,
    claim,
    fault_point,
)
from pipelines.progress import log
from pipelines.settings import (
    duckdb_config,
    exports_path,
    out_path,
    slice_store_path,
    warehouse_path,
)
from transforms.ingest.bundle import Bundle, open_bundle
from transforms.slices.store import SliceStore, StoreRefused, store_beside

# What a complete result holds (a run that materialised only some assets is not published).
WHOLE_RESULT = ("site/index.html", "rekonsiliasi.csv", "temuan.csv", "karantina", "terbatas")


class ExportBundle(ConfigurableResource):
    """An e-Kinerja export bundle: a folder or a .zip of one (contract §1)."""

    path: str

    def open(self, workdir: Path) -> Bundle:
        """Discover the bundle's tables; a .zip is extracted once into ``workdir``."""
        return open_bundle(Path(self.path), workdir)


class OutputDir(ConfigurableResource):
    """Folder receiving the run's files: reconciliation, quarantine, findings, site.

    `kinerja run` points it at its own release folder (``OUT/.rilis/<id>``), holds OUT's lock
    and publishes itself. Any other run (the Dagster UI, ``dagster job execute``) gets the same
    treatment here: it claims OUT (a folder that is not kinerja's is refused), holds OUT's lock
    for the whole run, writes into a new release, and publishes it atomically at the end only
    when no step failed and the release holds a whole result; otherwise the release is
    discarded and the published result stays as it was.
    """

    path: str
    _run: Release | None = PrivateAttr(default=None)

    @property
    def _managed_by_cli(self) -> bool:
        return Path(self.path).parent.name == RELEASES

    def setup_for_execution(self, context: InitResourceContext) -> None:
        if self._managed_by_cli:
            return
        run = Release(Path(self.path))
        try:
            run.open()
        except (OutputRefused, OutputBusy) as e:
            raise Failure(description=str(e), allow_retries=False) from e
        self._run = run

    def teardown_after_execution(self, context: InitResourceContext) -> None:
        if self._run is None:
            return
        try:
            self._finish(context, self._run)
        finally:
            self._run.close()
            self._run = None

    def _finish(self, context: InitResourceContext, run: Release) -> None:
        assert run.path is not None
        failed = context.instance.get_records_for_run(
            context.run_id, of_type=DagsterEventType.STEP_FAILURE, limit=1
        ).records
        missing = [name for name in WHOLE_RESULT if not (run.path / name).exists()]
        if failed or missing:
            why = "ada langkah yang gagal" if failed else f"hasil belum lengkap ({', '.join(missing)})"
            log.info("Hasil tidak diterbitkan: %s; hasil sebelumnya tetap.", why)
            return  # close() discards the release
        run.publish()
        log.info("Hasil diterbitkan: %s", self.path)

    @property
    def root(self) -> Path:
        """Where the run writes: its release while a run executes, else the folder itself
        (created with kinerja's marker; a folder that is not ours is refused)."""
        if self._run is not None and self._run.path is not None:
            return self._run.path
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

    @property
    def gx_results(self) -> Path:
        """The run's sanitised Great Expectations results (counts only), for Data Docs."""
        return self.workdir / "gx-hasil"


class SliceStoreResource(ConfigurableResource):
    """The slice store: Parquet files per partition (transforms.slices.store). A local folder
    here; on a cluster a volume every step mounts (docs/operasi.md)."""

    root: str

    def open(self) -> SliceStore:
        """The store, claimed (a folder that is not kinerja's fails the step)."""
        try:
            store = SliceStore(Path(self.root), before_replace=lambda: fault_point("irisan_sebelum_ganti"))
            return store.claim()
        except StoreRefused as e:
            raise Failure(description=str(e), allow_retries=False) from e


def build_resources(
    exports: Path, out: Path, warehouse: Path | None = None, store: Path | None = None
) -> dict[str, object]:
    """Resources for a bundle and an output folder.

    ``kerja`` is the run's scratch database (``<out>/.kerja/kerja.duckdb``: one bundle, removed
    with the run's work folder); ``warehouse`` the persistent one that keeps every year and
    instansi loaded so far (default ``<out>/warehouse.duckdb``); ``irisan`` the slice store
    beside it (``warehouse.irisan/``).
    """
    warehouse = warehouse or out / WAREHOUSE
    config = duckdb_config(out / WORKDIR / "duckdb_tmp")  # spills go with the work folder
    return {
        "warehouse": DuckDBResource(database=str(warehouse), connection_config=config),
        "irisan": SliceStoreResource(root=str(store or store_beside(warehouse))),
        "kerja": DuckDBResource(database=str(out / WORKDIR / "kerja.duckdb"), connection_config=config),
        "ekspor": ExportBundle(path=str(exports)),
        "keluaran": OutputDir(path=str(out)),
    }


def default_resources() -> dict[str, object]:
    """Resources for the embedded default (see pipelines.settings)."""
    return build_resources(exports_path(), out_path(), warehouse_path(), slice_store_path())
