"""Aggregate marts and the dashboard site built from them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from dagster import AssetKey, MaterializeResult, asset
from dagster_duckdb import DuckDBResource

from expectations.checks import implemented_rules
from expectations.docs import build_data_docs
from expectations.kept import kept_results
from pipelines.assets.intermediate import INTERMEDIATE
from pipelines.progress import log
from pipelines.resources import OutputDir
from pipelines.settings import career_tables_folder, dashboard_processes, small_cell_threshold
from reports.pages.kualitas import DATA_DOCS_FOLDER
from reports.registry import discover, frames_needed
from reports.site import build_site
from reports.types import DashboardData, Page
from transforms.contract import TABLES
from transforms.marts import WarehouseFrames, build_marts
from transforms.warehouse import latest_bundle

REPORT_GROUP = "laporan"


@asset(
    key=AssetKey("mart"),
    deps=[*(AssetKey(["stg", t.name]) for t in TABLES), INTERMEDIATE],
    group_name=REPORT_GROUP,
    kinds={"duckdb"},
    description="Agregat bundel run ini untuk dasbor (setiap sql/marts/*.sql), tanpa data pribadi.",
)
def mart(kerja: DuckDBResource) -> MaterializeResult:
    """Aggregates of the run's bundle for dashboards (every sql/marts/*.sql): no personal data."""
    options = {"tabel_karier": career_tables_folder()}
    with kerja.get_connection() as con:
        counts = build_marts(con, options=options)
    return MaterializeResult(metadata={f"baris_{k}": v for k, v in counts.items()})


@asset(
    key=AssetKey("dasbor"),
    deps=[AssetKey("gudang"), AssetKey("rekonsiliasi"), AssetKey("berkas_temuan"), AssetKey("karantina")],
    group_name=REPORT_GROUP,
    kinds={"html"},
    description="Dasbor luring (OUT/site/: index.html, unit.html, kualitas.html), hanya agregat.",
)
def dasbor(warehouse: DuckDBResource, keluaran: OutputDir) -> MaterializeResult:
    """The offline dashboard site (OUT/site/index.html, unit.html, kualitas.html)."""
    registered = discover()
    data = load_dashboard_data(warehouse.database, registered, warehouse.connection_config)
    site = keluaran.root / "site"
    files = build_site(site, data, registered, workers=dashboard_processes())
    validations = build_data_docs(validation_results(keluaran, warehouse), site / DATA_DOCS_FOLDER)
    log.info("Data Docs Great Expectations: %d hasil validasi (site/%s/)", validations, DATA_DOCS_FOLDER)
    pages = {p.name: p.stat().st_size // 1024 for p in files if p.suffix == ".html"}
    log.info(
        "Dasbor ditulis (site/: %s)", ", ".join(f"{name} {kb} KB" for name, kb in pages.items())
    )
    return MaterializeResult(
        metadata={
            "index": str(site / "index.html"),
            "berkas": len(files),
            **{f"ukuran_{name.removesuffix('.html')}_kb": kb for name, kb in pages.items()},
        }
    )


def validation_results(keluaran: OutputDir, warehouse: DuckDBResource) -> Path:
    """The GX results to render: this run's (a bundle run), else those kept for the bundle
    the warehouse loaded last (a run that reads only the warehouse, e.g. laporan_gudang)."""
    if any(keluaran.gx_results.glob("*.json")):
        return keluaran.gx_results
    with warehouse.get_connection() as con:
        last = latest_bundle(con)["bundel_id"] if con.sql(
            "SELECT 1 FROM duckdb_tables() WHERE schema_name = 'audit' AND table_name = 'bundel_dimuat'"
        ).fetchall() else ""
    return kept_results(Path(warehouse.database), last) or keluaran.gx_results


def load_dashboard_data(
    database: str | Path, pages: tuple[Page, ...] | None = None, config: Mapping[str, object] | None = None
) -> DashboardData:
    """The site's input over the warehouse file ``database``: the frames the pages declare (and
    the site's own), every year kept, each read when first used by the process that uses it
    (WarehouseFrames, DuckDB ``config``); the small-cell threshold comes from
    KINERJA_AMBANG_SEL (pipelines.settings)."""
    names = frames_needed(discover() if pages is None else pages)
    return DashboardData(
        frames=WarehouseFrames(database, names, config),
        dibuat_pada=datetime.now().astimezone().isoformat(timespec="seconds"),
        aturan_diterapkan=implemented_rules(),
        ambang=small_cell_threshold(),
    )
