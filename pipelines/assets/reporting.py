"""Aggregate marts and the dashboard site built from them."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from dagster import AssetKey, MaterializeResult, asset
from dagster_duckdb import DuckDBResource

from pipelines.progress import log
from pipelines.resources import OutputDir
from reports.site import DashboardData, build_site
from transforms.contract import TABLES
from transforms.marts import build_marts

REPORT_GROUP = "laporan"


@asset(
    key=AssetKey("mart"),
    deps=[AssetKey(["stg", t.name]) for t in TABLES],
    group_name=REPORT_GROUP,
    kinds={"duckdb"},
)
def mart(warehouse: DuckDBResource) -> MaterializeResult:
    """Aggregates for dashboards (mart.unit, mart.distribusi_predikat): no personal data."""
    with warehouse.get_connection() as con:
        counts = build_marts(con)
    return MaterializeResult(metadata={f"baris_{k}": v for k, v in counts.items()})


@asset(
    key=AssetKey("dasbor"),
    deps=[AssetKey("mart"), AssetKey("rekonsiliasi"), AssetKey("temuan"), AssetKey("karantina")],
    group_name=REPORT_GROUP,
    kinds={"html"},
)
def dasbor(warehouse: DuckDBResource, keluaran: OutputDir) -> MaterializeResult:
    """The offline dashboard site (OUT/site/index.html)."""
    with warehouse.get_connection() as con:
        data = load_dashboard_data(con)
    files = build_site(keluaran.root / "site", data)
    index = keluaran.root / "site" / "index.html"
    log.info("Dasbor ditulis (site/index.html, %s KB)", index.stat().st_size // 1024)
    return MaterializeResult(
        metadata={"index": str(index), "berkas": len(files), "ukuran_index_kb": index.stat().st_size // 1024}
    )


def load_dashboard_data(con) -> DashboardData:
    """Read the marts and audit tables the site needs into frames."""
    bundel = dict(con.execute("SELECT kunci, nilai FROM audit.bundel").fetchall())
    manifest = json.loads(bundel["manifest"]) if bundel.get("manifest") else {}
    unit = con.sql("SELECT * FROM mart.unit").pl()
    tahun = manifest.get("tahun") or con.execute("SELECT max(tahun) FROM stg.skp").fetchall()[0][0]
    return DashboardData(
        meta={
            "tahun": int(tahun) if tahun is not None else None,
            "sumber": Path(bundel.get("jalur", "")).name,
            "diekspor_pada": manifest.get("diekspor_pada"),
            "dibuat_pada": datetime.now().astimezone().isoformat(timespec="seconds"),
            "jumlah_instansi": unit["instansi_id"].n_unique(),
        },
        rekonsiliasi=con.sql(
            "SELECT tabel, dibaca, diterima, dikarantina FROM audit.rekonsiliasi ORDER BY tabel"
        ).pl(),
        temuan_per_aturan=con.sql(
            "SELECT rule, keparahan, count(*) AS jumlah FROM audit.temuan GROUP BY ALL ORDER BY rule"
        ).pl(),
        unit=unit,
        distribusi_predikat=con.sql("SELECT * FROM mart.distribusi_predikat").pl(),
    )
