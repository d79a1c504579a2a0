"""The persistent warehouse: the run's bundle replaces exactly its (instansi, tahun) slices."""

from __future__ import annotations

from pathlib import Path

from dagster import AssetKey, Failure, MaterializeResult, MetadataValue, asset
from dagster_duckdb import DuckDBResource

from expectations.kept import keep_results
from pipelines.metadata import md_table
from pipelines.output_folder import fault_point
from pipelines.progress import log
from pipelines.resources import OutputDir
from reports.fmt import angka
from transforms.audit import bundle_record
from transforms.contract import TABLES
from transforms.warehouse import YearUnknown, merge_bundle

WAREHOUSE_GROUP = "gudang"


@asset(
    key=AssetKey("gudang"),
    deps=[AssetKey("temuan"), AssetKey("mart"), *(AssetKey(["stg", t.name]) for t in TABLES)],
    group_name=WAREHOUSE_GROUP,
    kinds={"duckdb"},
    description=(
        "Gudang data yang menyimpan semua tahun dan instansi: bundel ini mengganti tepat irisan "
        "(instansi, tahun) miliknya dalam satu transaksi; irisan lain tetap."
    ),
)
def gudang(kerja: DuckDBResource, warehouse: DuckDBResource, keluaran: OutputDir) -> MaterializeResult:
    """Merge the scratch database of the run into the persistent warehouse (one transaction)."""
    with kerja.get_connection() as con:
        record = bundle_record(con)
    try:
        with warehouse.get_connection() as con:
            result = merge_bundle(
                con, Path(kerja.database), record["bundel_id"], record["jalur"],
                record["manifest"] or None, record["diabaikan"],
                before_commit=lambda: fault_point("gudang_sebelum_commit"),
            )
    except YearUnknown as e:
        raise Failure(description=str(e), allow_retries=False) from e
    # The bundle's GX results (counts only) stay with the warehouse for warehouse-only reports.
    keep_results(keluaran.gx_results, Path(warehouse.database), result.bundel, list(result.superseded))
    log.info(
        "Gudang: tahun %s, instansi %s%s", result.tahun, ", ".join(result.instansi) or "-",
        f"; menggantikan bundel {', '.join(result.superseded)}" if result.superseded else "",
    )
    return MaterializeResult(
        metadata={
            "bundel_id": result.bundel,
            "tahun": result.tahun,
            "instansi": MetadataValue.json(list(result.instansi)),
            "menggantikan": MetadataValue.json(list(result.superseded)),
            "baris": md_table(("tabel", "baris"), ((t, angka(n)) for t, n in result.rows.items())),
        }
    )
