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
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

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
    return sorted({*files, *dashboard_models()})  # a module may refine the SQL file of its name


def dashboard_models(package: str = "transforms.dasbor_models") -> dict[str, object]:
    """Every dashboard frame built in Python (``build(con)``), by its module's name."""
    return {m.__name__.rsplit(".", 1)[1]: m for m in mart_models(package)}


def _known_frames(names: Iterable[str]) -> list[str]:
    """``names`` without repeats, each a dashboard frame (:func:`dashboard_frame_names`)."""
    wanted, known = list(dict.fromkeys(names)), set(dashboard_frame_names())
    unknown = [n for n in wanted if n not in known]
    if unknown:
        raise ValueError(f"no sql/dasbor file or dasbor_models module for frame(s): {', '.join(unknown)}")
    return wanted


def read_dashboard_frames(
    con: duckdb.DuckDBPyConnection, names: Iterable[str] | None = None
) -> dict[str, pl.DataFrame]:
    """The dashboard frames ``names`` (default: all) by name, each from sql/dasbor/<name>.sql
    or transforms.dasbor_models.<name> (which wins when both exist): aggregates only, every
    year the warehouse keeps (a ``tahun`` column)."""
    wanted = dashboard_frame_names() if names is None else _known_frames(names)
    models = dashboard_models()
    return {
        name: models[name].build(con) if name in models else con.sql(read_sql(f"dasbor/{name}.sql")).pl()
        for name in wanted
    }


class WarehouseFrames(Mapping[str, pl.DataFrame]):
    """The dashboard frames ``names`` of the warehouse file ``database``, each read
    (:func:`read_dashboard_frames`, through a read-only connection with ``config``) when first
    used and kept. Pickled, it carries only the file, the names and the config: a process it
    is sent to reads the frames it uses itself, and none crosses a pipe."""

    def __init__(
        self, database: str | Path, names: Iterable[str], config: Mapping[str, object] | None = None
    ) -> None:
        self.database = str(database)
        self.names = tuple(_known_frames(names))
        self.config = {**(config or {}), "access_mode": "READ_ONLY"}
        self._read: dict[str, pl.DataFrame] = {}

    def __getitem__(self, name: str) -> pl.DataFrame:
        if name not in self.names:
            raise KeyError(name)
        if name not in self._read:
            self.load([name])
        return self._read[name]

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def load(self, names: Iterable[str] | None = None) -> None:
        """Read those of ``names`` (default: all) not read yet, through one connection."""
        todo = [n for n in (self.names if names is None else names) if n not in self._read]
        if not todo:
            return
        con = duckdb.connect(self.database, config=self.config)
        try:
            con.execute("SET enable_progress_bar = false")  # a log, not a terminal
            self._read.update(read_dashboard_frames(con, todo))
        finally:
            con.close()

    def subset(self, names: Iterable[str]) -> WarehouseFrames:
        """The same warehouse restricted to ``names`` (none read yet)."""
        wanted = set(names)
        return WarehouseFrames(self.database, [n for n in self.names if n in wanted], self.config)

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "_read": {}}
