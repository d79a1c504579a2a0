"""Writing the restricted workbooks: serially, or in batches by worker processes.

Workers are started with "spawn", never "fork": the parent holds DuckDB and polars threads, whose
locks a forked child would inherit in an unknown state. A worker imports
``transforms.restricted_layout`` (polars, xlsxwriter) and receives, per batch, the books and one
frame per sheet holding their rows (a few pickled frames rather than one per workbook). As with
any "spawn" child, Python also imports the parent's main module in it (for ``kinerja`` that is
``pipelines.cli``, which loads Dagster only when run), so a script calling this must keep its
work under ``if __name__ == "__main__":``.
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace

import polars as pl

from transforms.restricted_layout import BOOK, Book, SheetTable, write_batch

MIN_PARALLEL = 50  # fewer workbooks are written serially: starting workers costs more than it saves
BATCH_MAX = 64  # workbooks per batch sent to a worker
BATCHES_PER_WORKER = 8  # smaller batches even out the workers' loads at the end
IN_FLIGHT = 2  # batches submitted and not yet done, per worker


def default_workers() -> int:
    """Worker processes when not told: at most two, and no more than the machine's cores."""
    return min(2, os.cpu_count() or 1)


def write_books(
    books: list[Book],
    tables: list[SheetTable],
    workers: int | None = None,
    min_parallel: int = MIN_PARALLEL,
) -> list[dict[str, int]]:
    """Write ``books`` (see ``write_batch``), in parallel when there are at least ``min_parallel``
    of them and more than one worker; returns the row counts of each book, in order."""
    workers = default_workers() if workers is None else workers
    if workers < 1:
        raise ValueError(f"Jumlah proses penulis harus minimal 1, bukan {workers}.")
    if workers == 1 or len(books) < max(1, min_parallel) or _daemonic():
        return write_batch(books, tables)
    context = multiprocessing.get_context("spawn")
    counts: list[dict[str, int]] = []
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        # A few batches in flight per worker: each pending batch holds a copy of its rows.
        pending: deque[Future[list[dict[str, int]]]] = deque()
        try:
            for b, t in _batches(books, tables, workers):
                if len(pending) >= IN_FLIGHT * workers:
                    counts += pending.popleft().result()
                pending.append(pool.submit(write_batch, b, t))
            while pending:
                counts += pending.popleft().result()
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return counts


def _daemonic() -> bool:
    """A daemonic process (e.g. a multiprocessing pool worker) may not start children."""
    return multiprocessing.current_process().daemon


def _batches(
    books: list[Book], tables: list[SheetTable], workers: int
) -> Iterator[tuple[list[Book], list[SheetTable]]]:
    """Consecutive runs of ``books``, each with the tables cut down to its rows."""
    size = max(1, min(BATCH_MAX, math.ceil(len(books) / (BATCHES_PER_WORKER * workers))))
    for start in range(0, len(books), size):
        batch = books[start : start + size]
        units = sorted({b.unit for b in batch})
        yield batch, [replace(t, frame=t.frame.filter(pl.col(BOOK).is_in(units))) for t in tables]
