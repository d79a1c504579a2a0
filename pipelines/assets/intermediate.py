"""The run's intermediate models (schema ``antara``): computed once from the staged bundle for
the marts and findings rules that share them (transforms.intermediate)."""

from __future__ import annotations

from dagster import AssetKey, MaterializeResult, asset
from dagster_duckdb import DuckDBResource

from transforms.consistency.analysis import build_shared
from transforms.contract import TABLES

INTERMEDIATE = AssetKey("antara")


@asset(
    key=INTERMEDIATE,
    deps=[AssetKey(["stg", t.name]) for t in TABLES],
    group_name="laporan",
    kinds={"duckdb"},
    description=(
        "Model antara run ini (skema antara): penilaian tahunan beserta capaian dan bukti dukung"
        " pegawai, dihitung sekali untuk mart dan aturan temuan yang memakainya."
    ),
)
def antara(kerja: DuckDBResource) -> MaterializeResult:
    """Intermediate tables of the run's bundle, written once for the marts and findings."""
    with kerja.get_connection() as con:
        rows = build_shared(con)
    return MaterializeResult(metadata={f"baris_{k}": v for k, v in rows.items()})
