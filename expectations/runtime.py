"""Running Great Expectations 1.x quietly, in bounded batches, on frames from DuckDB.

GX has no DuckDB or Polars support (docs/stack.md): a check's SELECT is streamed out of DuckDB
as Arrow record batches, gathered into pandas frames of about :data:`BATCH_BYTES`, so
memory stays bounded at any size. GX is imported on first use only (it costs seconds), its
progress bars are switched off and its loggers kept at WARNING.

Results are kept twice: complete in memory (the failed rows' identifiers become findings), and
sanitised on disk (counts and percentages only, no unexpected values: an NIP must never reach
the published Data Docs) for :mod:`expectations.docs`.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

BATCH_BYTES = 192 * 2**20  # pandas memory of one validated frame (record_batches)
MIN_ROWS, MAX_ROWS, SAMPLE_ROWS = 1_000, 2_000_000, 2_048
ARROW_ROWS = 122_880  # rows DuckDB hands over per Arrow batch at most (its vector size x 60)
_SERIAL = itertools.count(1)
PRIVATE_KEYS = (
    "partial_unexpected_list", "partial_unexpected_index_list", "partial_unexpected_counts",
    "unexpected_list", "unexpected_index_list", "unexpected_index_query", "details",
)


@cache
def gx() -> Any:
    """The great_expectations module, imported once, quiet (no progress bars, no analytics)."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    import great_expectations

    for name in ("great_expectations", "great_expectations.core", "tqdm"):
        logging.getLogger(name).setLevel(logging.WARNING)
    from expectations import custom  # registers the custom expectations and their metrics

    custom.register()
    _skip_batch_fingerprint()
    return great_expectations


def _skip_batch_fingerprint() -> None:
    """Stop GX hashing every frame it is handed (``pandas_data_fingerprint``, a batch marker
    nothing here reads): it costs more than validating a batch of text columns. GX itself
    skips it above ``HASH_THRESHOLD`` bytes; the threshold is set to zero (docs/stack.md)."""
    from great_expectations.execution_engine import pandas_execution_engine

    pandas_execution_engine.HASH_THRESHOLD = 0


@cache
def quiet_context() -> Any:
    """The process's one ephemeral GX context, progress bars off (each new ephemeral context
    creates a temporary docs folder, so it is made once)."""
    g = gx()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    ctx = g.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return ctx


@dataclass
class ExpectationOutcome:
    """One expectation over all batches: counts, and the failed rows' identifier columns."""

    name: str
    element_count: int = 0
    unexpected_count: int = 0
    failed: list[dict] = field(default_factory=list)

    @property
    def success(self) -> bool:
        return self.unexpected_count == 0


@dataclass
class SuiteOutcome:
    suite: str
    rows: int = 0
    batches: int = 0
    expectations: dict[str, ExpectationOutcome] = field(default_factory=dict)

    @property
    def success(self) -> bool:
        return all(e.success for e in self.expectations.values())

    def failed_frame(self, name: str, columns: Sequence[str]) -> pl.DataFrame:
        """The failed rows of one expectation as a frame of ``columns`` (strings)."""
        rows = self.expectations[name].failed if name in self.expectations else []
        return pl.DataFrame(
            {c: [None if r.get(c) is None else str(r.get(c)) for r in rows] for c in columns},
            schema={c: pl.String for c in columns},
        )


SPOOL = "_gx_batch_rows"  # the temporary table holding a check's rows (:func:`spool`)


def spool(cursor: duckdb.DuckDBPyConnection, query: str) -> None:
    """Write the rows of ``query`` to the temporary table :data:`SPOOL` of ``cursor`` (a
    connection of its own: the table goes when it closes). Streaming a large ORDER BY directly
    keeps the sorted run in memory and fails at the memory limit (the target check at
    1,000,000 ASN: 7.5 M wide rows), while a table being written spills to DuckDB's temp
    directory; the failed rows are then looked up here too instead of running the query again."""
    cursor.execute(f"CREATE OR REPLACE TEMP TABLE {SPOOL} AS {query}")


def record_batches(cursor: duckdb.DuckDBPyConnection, budget: int = BATCH_BYTES) -> Iterator[Any]:
    """The spooled rows (:func:`spool`), in order, as pandas frames of about ``budget`` bytes.

    GX's cost per batch is mostly fixed (it builds a metric graph per expectation, some 10 ms
    each): frames are sized by what they hold in pandas, measured on a sample of the rows, so a
    narrow check gets few large frames and a wide one stays within the same memory."""
    rows = _rows_within(cursor, budget)
    pending: list[Any] = []
    held = 0
    for batch in cursor.sql(f"SELECT * FROM {SPOOL}").to_arrow_reader(min(rows, ARROW_ROWS)):
        while batch.num_rows:
            part = batch.slice(0, rows - held)
            pending.append(part)
            held += part.num_rows
            batch = batch.slice(part.num_rows)
            if held == rows:
                yield _frame(pending)
                pending, held = [], 0
    if held:
        yield _frame(pending)


def _rows_within(cursor: duckdb.DuckDBPyConnection, budget: int) -> int:
    """Rows per frame: ``budget`` over the pandas size of a sample row (MIN_ROWS..MAX_ROWS)."""
    sample = as_pandas(cursor.sql(f"SELECT * FROM {SPOOL} LIMIT {SAMPLE_ROWS}").to_arrow_table())
    if not len(sample):
        return MIN_ROWS
    per_row = sample.memory_usage(deep=True).sum() / len(sample)
    return int(min(MAX_ROWS, max(MIN_ROWS, budget // max(per_row, 1))))


def _frame(batches: list[Any]) -> Any:
    import pyarrow as pa

    return as_pandas(pa.Table.from_batches(batches))


def as_pandas(batch: Any) -> Any:
    """An Arrow record batch as a pandas frame, dates as datetime64 (not Python objects)."""
    return batch.to_pandas(date_as_object=False)


def expectation_name(expectation: Any) -> str:
    """A stable readable name: the expectation's ``meta['nama']`` or its type and columns."""
    meta = getattr(expectation, "meta", None) or {}
    if meta.get("nama"):
        return str(meta["nama"])
    kwargs = getattr(expectation, "kwargs", None) or {}  # a result's ExpectationConfiguration
    column = getattr(expectation, "column", None) or kwargs.get("column")
    columns = getattr(expectation, "column_list", None) or kwargs.get("column_list") or []
    kind = getattr(expectation, "expectation_type", None) or getattr(expectation, "type", "")
    return f"{kind}({column or ','.join(columns)})"


def validate(
    suite_name: str,
    expectations: list[Any],
    batches: Iterator[Any],
    id_columns: Sequence[str],
    results_dir: Path | None = None,
) -> SuiteOutcome:
    """Validate every batch against the suite; failed rows are reported by ``id_columns``.

    The sanitised GX result of each batch is written to ``results_dir`` (for Data Docs)."""
    g = gx()
    ctx = quiet_context()
    source = f"kinerja-{next(_SERIAL)}"  # names are unique per validation in this process
    asset = ctx.data_sources.add_pandas(source).add_dataframe_asset(suite_name)
    batch_def = asset.add_batch_definition_whole_dataframe("batch")
    suite = g.ExpectationSuite(name=suite_name, expectations=list(expectations))
    try:
        return _run(batch_def, suite, expectations, batches, id_columns, results_dir)
    finally:
        ctx.data_sources.delete(source)


# Failed rows come back as the batch's row positions and are looked up here, column-wise:
# GX's own lookup of ``unexpected_index_column_names`` reads one cell at a time, and a
# validation definition's run also serialises every result into the context's store.
RESULT_FORMAT = {"result_format": "COMPLETE", "exclude_unexpected_values": True,
                 "return_unexpected_index_query": False}


def _run(batch_def: Any, suite: Any, expectations: list[Any], batches: Iterator[Any],
         id_columns: Sequence[str], results_dir: Path | None) -> SuiteOutcome:
    outcome = SuiteOutcome(suite.name)
    ids = list(id_columns)
    for frame in batches:
        outcome.batches += 1
        outcome.rows += len(frame)
        batch = batch_def.get_batch(batch_parameters={"dataframe": frame})
        result = batch.validate(suite, result_format=RESULT_FORMAT)
        for r in result.results:
            name = expectation_name(r.expectation_config)
            o = outcome.expectations.setdefault(name, ExpectationOutcome(name))
            res = r.result or {}
            o.element_count += int(res.get("element_count") or 0)
            if not r.success:
                o.unexpected_count += int(res.get("unexpected_count") or 1)
                rows = res.get("unexpected_index_list") or []
                if rows:
                    o.failed.extend(frame.loc[rows, ids].to_dict("records"))
        if results_dir is not None:
            save_sanitised(result, results_dir / f"{suite.name}-{outcome.batches:04d}.json")
    if outcome.batches == 0:
        for e in expectations:
            name = expectation_name(e)
            outcome.expectations[name] = ExpectationOutcome(name)
    return outcome


def save_sanitised(result: Any, path: Path) -> None:
    """The GX result without any unexpected value or row identifier (counts only)."""
    doc = result.to_json_dict()
    for r in doc.get("results", []):
        for key in PRIVATE_KEYS:
            (r.get("result") or {}).pop(key, None)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, default=str), encoding="utf-8")
    tmp.replace(path)
