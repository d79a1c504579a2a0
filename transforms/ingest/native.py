"""What the DuckDB fast paths (``csv_native``, ``jsonl_native``) share: the signal that a file
is not plain (the Python reader then reads it), the lone-CR check, and DuckDB's batches."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import numpy as np
import pyarrow as pa

from transforms.ingest.sink import BATCH_ROWS


class NotPlain(Exception):
    """Input the Python reader would treat differently from DuckDB: the fast path gives up."""


def lone_cr(block: bytes) -> bool:
    """A CR not followed by LF (a line break DuckDB and the Python readers read differently)."""
    a = np.frombuffer(block, np.uint8)
    cr = a == 13
    if not cr.any():
        return False
    return bool(cr[-1] or (a[1:][cr[:-1]] != 10).any())


def duckdb_batches(cur: duckdb.DuckDBPyConnection, sql: str, params: list) -> Iterator[pa.RecordBatch]:
    """DuckDB's record batches of at most BATCH_ROWS; a parse error is NotPlain."""
    try:
        reader = cur.sql(sql, params=params).to_arrow_reader(BATCH_ROWS)
        while True:
            try:
                batch = reader.read_next_batch()
            except StopIteration:
                return
            for start in range(0, batch.num_rows, BATCH_ROWS):  # DuckDB's may be larger
                yield batch.slice(start, BATCH_ROWS)
    except duckdb.Error as e:
        raise NotPlain(str(e)) from e
