"""Computing one partition of a model: a slice of the warehouse, or a year across instansi."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from transforms.safe_csv import guarded_query
from transforms.slices.models import SliceModel, slice_models
from transforms.slices.store import SliceStore
from transforms.sqlfiles import sql_literal


class WarehouseBusy(Exception):
    """The warehouse is held by a writer; the message (Indonesian) says so."""


@dataclass(frozen=True)
class Written:
    """One partition file written: where, how many rows, and its content hash."""

    path: Path
    rows: int
    sha256: str


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def open_warehouse_read_only(path: Path, wait_seconds: float = 30.0) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the warehouse, waiting up to ``wait_seconds`` for a writer."""
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return duckdb.connect(str(path), read_only=True)
        except duckdb.IOException as e:
            if time.monotonic() >= deadline:
                raise WarehouseBusy(
                    f"Gudang data '{path}' sedang ditulis oleh run lain; irisan tidak dihitung. "
                    "Jalankan lagi setelah run itu selesai."
                ) from e
            time.sleep(0.5)


def _write(con: duckdb.DuckDBPyConnection, store: SliceStore, model: SliceModel, query: str,
           params: dict[str, object], path: Path, csv: bool = False) -> Written:
    """Materialise ``query`` once, then write it (and optionally a guarded CSV) by rename."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE _irisan AS {query}", params)
    try:
        rows = con.execute("SELECT count(*) FROM _irisan").fetchall()[0][0]
        with store.replacing(path) as tmp:
            con.execute(f"COPY _irisan TO {sql_literal(str(tmp))} (FORMAT parquet, COMPRESSION zstd)")
        if csv:
            target = path.with_suffix(".csv")
            with store.replacing(target) as tmp:
                con.execute(
                    f"COPY ({guarded_query(con, 'SELECT * FROM _irisan')}) TO {sql_literal(str(tmp))}"
                    " (FORMAT csv, HEADER true)"
                )
    finally:
        con.execute("DROP TABLE IF EXISTS _irisan")
    return Written(path, rows, _sha256(path))


def write_slice(warehouse: duckdb.DuckDBPyConnection, store: SliceStore, model: SliceModel,
                tahun: int, instansi: str) -> Written:
    """Write ``model`` for the warehouse slice (tahun, instansi): replaces only that file."""
    assert model.level == "irisan", model
    return _write(warehouse, store, model, model.query, {"tahun": int(tahun), "instansi": instansi},
                  store.slice_file(model.name, tahun, instansi))


def write_year(store: SliceStore, model: SliceModel, tahun: int) -> Written:
    """Write ``model`` for ``tahun`` from every instansi's irisan files of that year (views
    ``irisan_<name>``); also a formula-safe CSV beside the Parquet file."""
    assert model.level == "lintas", model
    con = duckdb.connect()
    try:
        for source in slice_models("irisan"):
            files = store.year_files(source.name, tahun)
            if files:
                listing = ", ".join(sql_literal(str(f)) for f in files)
                con.execute(
                    f"CREATE VIEW irisan_{source.name} AS SELECT * FROM read_parquet([{listing}],"
                    " union_by_name = true)"
                )
        return _write(con, store, model, model.query, {"tahun": int(tahun)},
                      store.slice_file(model.name, tahun), csv=True)
    finally:
        con.close()


def warehouse_slices(warehouse: duckdb.DuckDBPyConnection) -> list[tuple[int, str]]:
    """Every (tahun, instansi) slice the warehouse keeps (from its accepted units)."""
    rows = warehouse.execute(
        "SELECT DISTINCT _tahun, _instansi_id FROM stg.unit_kerja"
        " WHERE _tahun IS NOT NULL AND _instansi_id IS NOT NULL ORDER BY 1, 2"
    ).fetchall()
    return [(int(t), str(i)) for t, i in rows]
