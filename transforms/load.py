"""Loading one table of a bundle: read its files, record what was seen, stage, account."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from transforms.audit import Balance, record_source, table_balance
from transforms.ingest.bundle import SourceFile
from transforms.ingest.readers import RawTable, read_raw
from transforms.staging import StageResult, drop_raw, stage_table


@dataclass(frozen=True)
class LoadResult:
    raw: RawTable
    stage: StageResult
    balance: Balance
    label: str


def source_label(sources: list[SourceFile]) -> str:
    """The files of a table as people read them, or a note that the bundle has none."""
    return ", ".join(s.label for s in sources) or "(tidak ada dalam bundel)"


def load_table(
    con: duckdb.DuckDBPyConnection,
    table: str,
    sources: list[SourceFile],
    workdir: Path,
    progress: Callable[[int], None] | None = None,
) -> LoadResult:
    """Read ``sources`` into ``raw_<table>``, stage it, and return its accounting.

    Raises BundleError when a file cannot be used at all. The caller decides what a physical
    imbalance (``balance.physical_balance`` false) means; the pipeline stops on it.
    """
    raw = read_raw(con, table, sources, workdir, progress)
    label = source_label(sources)
    record_source(con, table, label, ",".join(sorted({s.form for s in sources})) or "-", raw)
    stage = stage_table(con, table, ordered=raw.ordered)
    drop_raw(con, table)
    return LoadResult(raw, stage, table_balance(con, table), label)
