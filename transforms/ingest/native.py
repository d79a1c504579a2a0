"""What the DuckDB fast paths (``csv_native``, ``jsonl_native``) share: the signal that a file
is not plain (the Python reader then reads it), the lone-CR check, and DuckDB's batches."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

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


# What str.strip() strips; Arrow's utf8_trim_whitespace strips the same 29 characters.
WHITESPACE = "".join(c for c in map(chr, range(0x110000)) if c.isspace())


def strip_sql(value: str) -> str:
    """``str.strip() or None`` in SQL (the readers' cleaning): values whose ends are visible
    ASCII are kept as they are (cheap), the others trimmed of every :data:`WHITESPACE` character
    (a ``$ws`` parameter)."""
    return (
        f"CASE WHEN left({value}, 1) BETWEEN '!' AND '~' AND right({value}, 1) BETWEEN '!' AND '~'"
        f" THEN {value} ELSE nullif(trim({value}, $ws), '') END"
    )


PROGRESS_SECONDS = 2.0  # between progress reports of one long statement


@contextmanager
def duckdb_progress(
    con: duckdb.DuckDBPyConnection, before: int, rows: int, progress: Callable[[int], None] | None
) -> Iterator[None]:
    """While the block runs one statement on ``con``, report ``progress`` as ``before`` plus
    the share of ``rows`` that DuckDB's own progress estimate says is done."""
    if progress is None:
        yield
        return
    settings = ("enable_progress_bar", "enable_progress_bar_print")
    kept = [con.execute(f"SELECT current_setting('{k}')").fetchall()[0][0] for k in settings]
    con.execute("SET enable_progress_bar = true")
    con.execute("SET enable_progress_bar_print = false")
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(PROGRESS_SECONDS):
            done = con.query_progress()
            if done > 0:
                progress(before + int(rows * min(done, 100.0) / 100))

    watcher = threading.Thread(target=watch, name="duckdb-progress", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        stop.set()
        watcher.join()
        for k, v in zip(settings, kept, strict=True):
            con.execute(f"SET {k} = {'true' if v else 'false'}")
