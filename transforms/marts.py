"""Aggregate tables (schema ``mart``) that the dashboards read: no personal data.

A mart is one SQL file under ``sql/marts/`` (``<table>.sql`` creating ``mart.<table>``), found
by :func:`mart_files`, or one module of ``transforms.mart_models`` (``TABLE`` and ``build(con)``
returning a Polars frame) for statistics SQL cannot express: adding a mart touches no list.
``build_marts(options=...)`` hands a module's ``build`` the options its signature names (e.g.
``tabel_karier``, the folder of the career tables, from pipelines.settings).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterable, Mapping
from importlib import resources
from importlib.resources.abc import Traversable

import duckdb
import polars as pl

from transforms.sqlfiles import expand_includes, read_sql


def mart_files(folder: Traversable | None = None) -> list[Traversable]:
    """Every mart: one file sql/marts/<table>.sql creating mart.<table>, discovered, in name order."""
    folder = folder or resources.files("transforms").joinpath("sql", "marts")
    return sorted((p for p in folder.iterdir() if p.name.endswith(".sql")), key=lambda p: p.name)


def build_marts(
    con: duckdb.DuckDBPyConnection,
    folder: Traversable | None = None,
    options: Mapping[str, object] | None = None,
) -> dict[str, int]:
    """(Re)build every mart table; returns row counts by table name. ``options`` go to the
    Python mart modules whose ``build`` takes a parameter of that name."""
    con.execute("CREATE SCHEMA IF NOT EXISTS mart")
    counts: dict[str, int] = {}
    for path in mart_files(folder):
        con.execute(expand_includes(path.read_text(encoding="utf-8")))
        table = path.name.removesuffix(".sql")
        counts[table] = con.execute(f"SELECT count(*) FROM mart.{table}").fetchall()[0][0]
    if folder is None:
        for module in mart_models():
            accepted = inspect.signature(module.build).parameters
            frame = module.build(con, **{k: v for k, v in (options or {}).items() if k in accepted})
            con.register("_mart_frame", frame)
            try:
                con.execute(f"CREATE OR REPLACE TABLE mart.{module.TABLE} AS SELECT * FROM _mart_frame")
            finally:
                con.unregister("_mart_frame")
            counts[module.TABLE] = frame.height
    return counts


def mart_models(package: str = "transforms.mart_models") -> list:
    """Every Python mart module (``TABLE``, ``build``), in name order."""
    pkg = importlib.import_module(package)
    return [importlib.import_module(f"{package}.{i.name}")
            for i in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name)]


def dashboard_frame_names() -> list[str]:
    """Every dashboard frame: one file sql/dasbor/<name>.sql or one module
    transforms.dasbor_models.<name> (:func:`dashboard_models`), in name order."""
    folder = resources.files("transforms").joinpath("sql", "dasbor")
    files = [p.name.removesuffix(".sql") for p in folder.iterdir() if p.name.endswith(".sql")]
    return sorted([*files, *dashboard_models()])


def dashboard_models(package: str = "transforms.dasbor_models") -> dict[str, object]:
    """Every dashboard frame built in Python (``build(con)``), by its module's name."""
    return {m.__name__.rsplit(".", 1)[1]: m for m in mart_models(package)}


def read_dashboard_frames(
    con: duckdb.DuckDBPyConnection, names: Iterable[str] | None = None
) -> dict[str, pl.DataFrame]:
    """The dashboard frames ``names`` (default: all) by name, each from sql/dasbor/<name>.sql
    or transforms.dasbor_models.<name>: aggregates only, every year the warehouse keeps (a
    ``tahun`` column)."""
    known = dashboard_frame_names()
    models = dashboard_models()
    wanted = known if names is None else list(dict.fromkeys(names))
    unknown = [n for n in wanted if n not in known]
    if unknown:
        raise ValueError(f"no sql/dasbor file or dasbor_models module for frame(s): {', '.join(unknown)}")
    return {
        name: models[name].build(con) if name in models else con.sql(read_sql(f"dasbor/{name}.sql")).pl()
        for name in wanted
    }
