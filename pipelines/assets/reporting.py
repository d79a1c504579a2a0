"""Aggregate marts and the dashboard site built from them."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import polars as pl
from dagster import AssetKey, MaterializeResult, asset
from dagster_duckdb import DuckDBResource

from pipelines.progress import log
from pipelines.resources import OutputDir
from reports.site import DashboardData, build_site
from transforms.contract import TABLES
from transforms.findings.registry import implemented_rules
from transforms.marts import build_marts, read_dashboard_frames
from transforms.staging import REASONS
from transforms.warehouse import latest_bundle

REPORT_GROUP = "laporan"


@asset(
    key=AssetKey("mart"),
    deps=[AssetKey(["stg", t.name]) for t in TABLES],
    group_name=REPORT_GROUP,
    kinds={"duckdb"},
)
def mart(kerja: DuckDBResource) -> MaterializeResult:
    """Aggregates of the run's bundle for dashboards (every sql/marts/*.sql): no personal data."""
    with kerja.get_connection() as con:
        counts = build_marts(con)
    return MaterializeResult(metadata={f"baris_{k}": v for k, v in counts.items()})


@asset(
    key=AssetKey("dasbor"),
    deps=[AssetKey("gudang"), AssetKey("rekonsiliasi"), AssetKey("berkas_temuan"), AssetKey("karantina")],
    group_name=REPORT_GROUP,
    kinds={"html"},
)
def dasbor(warehouse: DuckDBResource, keluaran: OutputDir) -> MaterializeResult:
    """The offline dashboard site (OUT/site/index.html, unit.html, kualitas.html)."""
    with warehouse.get_connection() as con:
        data = load_dashboard_data(con)
    site = keluaran.root / "site"
    files = build_site(site, data)
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


def load_dashboard_data(con) -> DashboardData:
    """Read the marts and audit tables the site needs into frames (the newest year)."""
    bundel = latest_bundle(con)
    manifest = bundel["manifest"]
    frames = read_dashboard_frames(con)
    years = frames["tahun"]["tahun"].to_list()
    tahun = max(years) if years else None
    frames = {
        name: f.filter(pl.col("tahun") == tahun).drop("tahun") if "tahun" in f.columns and name != "tahun" else f
        for name, f in frames.items()
    }
    unit = frames["unit"]
    karantina = frames["karantina"].with_columns(
        pl.col("kode_alasan")
        .replace_strict(REASONS, default=None, return_dtype=pl.String)
        .alias("uraian")
    )
    return DashboardData(
        meta={
            "tahun": int(tahun) if tahun is not None else None,
            "sumber": Path(bundel["jalur"]).name,
            "diekspor_pada": manifest.get("diekspor_pada"),
            "dibuat_pada": datetime.now().astimezone().isoformat(timespec="seconds"),
            "jumlah_instansi": unit["instansi_id"].n_unique(),
        },
        rekonsiliasi=frames["rekonsiliasi"],
        temuan_per_aturan=frames["temuan_per_aturan"],
        unit=unit,
        distribusi_predikat=frames["distribusi_predikat"],
        cakupan_bukti=frames["cakupan_bukti"],
        karantina=karantina,
        sumber=frames["sumber"],
        diabaikan=[str(x) for x in bundel["diabaikan"]],
        aturan_diterapkan=implemented_rules(),
    )
