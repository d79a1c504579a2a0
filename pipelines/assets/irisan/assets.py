"""One asset per partitioned model: ``irisan/<name>`` per (tahun, instansi), ``lintas/<name>``
per tahun over every instansi of that year. Each partition's run replaces only its own file."""

import warnings
from pathlib import Path

from dagster import (
    AssetDep,
    AssetExecutionContext,
    AssetKey,
    AssetsDefinition,
    Failure,
    MaterializeResult,
    MetadataValue,
    MultiToSingleDimensionPartitionMapping,
    RetryPolicy,
    asset,
)
from dagster_duckdb import DuckDBResource

from pipelines.assets.irisan.partitions import (
    SLICE_GROUP,
    TAHUN,
    YEAR_GROUP,
    irisan_partisi,
    split_key,
    tahun_partisi,
)
from pipelines.progress import log
from pipelines.resources import SliceStoreResource
from transforms.slices.compute import (
    WarehouseBusy,
    Written,
    open_warehouse_read_only,
    write_slice,
    write_year,
)
from transforms.slices.models import SliceModel, slice_models


def _result(written: Written, **extra: object) -> MaterializeResult:
    return MaterializeResult(
        metadata={
            "baris": written.rows,
            "berkas": MetadataValue.path(str(written.path)),
            "sha256": written.sha256,
            **extra,
        }
    )


def _slice_asset(model: SliceModel) -> AssetsDefinition:
    @asset(
        key=AssetKey([SLICE_GROUP, model.name]),
        deps=[AssetKey("gudang")],
        partitions_def=irisan_partisi,
        group_name=SLICE_GROUP,
        kinds={"parquet"},
        description=f"{model.uraian} (sql/irisan/{model.name}.sql; satu berkas Parquet per partisi).",
        # A writer holding the warehouse (a bundle run) makes the read-only open fail: try again.
        retry_policy=RetryPolicy(max_retries=4, delay=30),
    )
    def _asset(
        context: AssetExecutionContext, warehouse: DuckDBResource, irisan: SliceStoreResource
    ) -> MaterializeResult:
        tahun, instansi = split_key(context.partition_key)
        store = irisan.open()
        try:
            con = open_warehouse_read_only(Path(warehouse.database))
        except WarehouseBusy as e:
            raise Failure(description=str(e)) from e
        try:
            written = write_slice(con, store, model, tahun, instansi)
        finally:
            con.close()
        log.info("Irisan %s %s/%s: %d baris (%s)", model.name, tahun, instansi, written.rows, written.path)
        return _result(written, tahun=tahun, instansi=instansi)

    return _asset


def _year_asset(model: SliceModel) -> AssetsDefinition:
    with warnings.catch_warnings():  # beta in Dagster 1.13; the mapping itself is stable
        warnings.simplefilter("ignore")
        per_year = MultiToSingleDimensionPartitionMapping(partition_dimension_name=TAHUN)

    @asset(
        key=AssetKey([YEAR_GROUP, model.name]),
        deps=[
            AssetDep(AssetKey([SLICE_GROUP, m.name]), partition_mapping=per_year)
            for m in slice_models("irisan")
        ],
        partitions_def=tahun_partisi,
        group_name=YEAR_GROUP,
        kinds={"parquet", "csv"},
        description=(
            f"{model.uraian} (sql/lintas/{model.name}.sql; dari semua irisan instansi tahun itu;"
            " Parquet dan CSV per tahun)."
        ),
    )
    def _asset(context: AssetExecutionContext, irisan: SliceStoreResource) -> MaterializeResult:
        tahun = int(context.partition_key)
        written = write_year(irisan.open(), model, tahun)
        log.info("Lintas instansi %s %s: %d baris (%s)", model.name, tahun, written.rows, written.path)
        return _result(written, tahun=tahun, csv=MetadataValue.path(str(written.path.with_suffix(".csv"))))

    return _asset


slice_assets = [_slice_asset(m) for m in slice_models("irisan")]
year_assets = [_year_asset(m) for m in slice_models("lintas")]
