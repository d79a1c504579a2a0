"""The raw sink: Arrow batches into ``raw_<table>``, and the tabular batch helpers."""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import reduce
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from transforms.contract import Table
from transforms.ingest.bundle import BundleError, normalise_name

BATCH_ROWS = 100_000  # rows per batch handed to Arrow/DuckDB (memory stays bounded)
_NULL = pa.scalar(None, pa.string())


class _Sink:
    """Appends Arrow batches to ``raw_<table>`` and keeps the counters.

    Batch jobs (cleaning + insert) run on one worker thread, overlapping with the caller
    parsing the next batch (Arrow kernels and DuckDB release the GIL). At most one job is
    pending, so memory stays bounded and file order is kept. Counters are read only after
    ``_wait``.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, table: Table, progress) -> None:
        self.con, self.table, self.progress = con, table, progress
        self.name = f"raw_{table.name}"
        self.rows = self.defective = self.blank = self.repaired = 0
        self.physical = self.continuation = 0  # set by the readers once a file is done
        self.extra: dict[str, None] = {}  # ordered set of extra column names
        self.fast: list[str] = []  # files landed by DuckDB's parsers (``csv_native``, ``jsonl_native``)
        # Whether the rows went in ordered by (_sumber, _baris), so that staging need not sort
        # them (``stage_table(ordered=True)``), and the last such key landed.
        self.ordered = True
        self.last: tuple[str, int] | None = None
        cols = "".join(f'"{c}" VARCHAR, ' for c in table.column_names)
        con.execute(
            f'CREATE OR REPLACE TEMP TABLE "{self.name}" (_baris BIGINT, _sumber VARCHAR, '
            f"{cols}_ekstra VARCHAR, _cacat VARCHAR, _catatan VARCHAR)"
        )
        select = ", ".join(f'"{c}"' for c in table.column_names)
        self.insert = (
            f'INSERT INTO "{self.name}" SELECT _baris, $1, {select}, _ekstra, _cacat, _catatan '
            "FROM _raw_batch"
        )
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="raw-insert")
        self._pending: Future[None] | None = None

    def defer(self, job: Callable[..., None], *args: Any) -> None:
        """Run ``job(*args)`` on the worker after the previous job has finished."""
        self._wait()
        self._pending = self._pool.submit(job, *args)

    def add(
        self,
        sumber: str,
        baris: pa.Array,
        data: dict[str, pa.Array],
        ekstra: pa.Array | None = None,
        cacat: pa.Array | None = None,
        catatan: pa.Array | None = None,
    ) -> None:
        """Insert one batch now (called from a deferred job); a note on a defect is dropped."""
        n = len(baris)
        if n == 0:
            return
        if cacat is not None and catatan is not None and cacat.null_count < n:
            catatan = pc.if_else(pc.is_null(cacat), catatan, _NULL)
        arrays = {"_baris": baris.cast(pa.int64())}
        for c in self.table.column_names:
            arrays[c] = data[c] if c in data else pa.nulls(n, pa.string())
        for c, a in (("_ekstra", ekstra), ("_cacat", cacat), ("_catatan", catatan)):
            arrays[c] = a if a is not None else pa.nulls(n, pa.string())
        self._track_order(sumber, arrays["_baris"])
        self.con.register("_raw_batch", pa.table(arrays))
        try:
            self.con.execute(self.insert, [sumber])
        finally:
            self.con.unregister("_raw_batch")
        self.rows += n
        if cacat is not None:
            self.defective += n - cacat.null_count
        if catatan is not None:
            self.repaired += n - catatan.null_count

    def add_query(self, sumber: str, baris: pa.Array, query: str, params: dict[str, object]) -> int:
        """Insert the rows of ``query`` (columns: the row number, then the contract's columns,
        the numbers being ``baris``) in one statement, no batch passing through Python; returns
        the rows landed."""
        self._wait()
        cols = ", ".join(f'"{c}"' for c in self.table.column_names)
        n = self.con.execute(
            f'INSERT INTO "{self.name}" (_baris, {cols}, _sumber) SELECT *, $sumber FROM ({query})',
            {**params, "sumber": sumber},
        ).fetchall()[0][0]
        if n:
            self._track_order(sumber, baris)
        self.rows += n
        if self.progress:
            self.progress(self.rows)
        return n

    def _track_order(self, sumber: str, baris: pa.Array) -> None:
        """Keep :attr:`ordered`: each batch's numbers increase, and it starts after the last."""
        if not self.ordered:
            return
        n = len(baris)
        first, last = baris[0].as_py(), baris[n - 1].as_py()
        rising = n == 1 or pc.all(pc.greater(baris.slice(1), baris.slice(0, n - 1))).as_py()
        if not rising or (self.last is not None and (sumber, first) <= self.last):
            self.ordered = False
        self.last = (sumber, last)

    def snapshot(self) -> tuple:
        """The counters now (after the pending job), to :meth:`rollback` to."""
        self._wait()
        return (self.rows, self.defective, self.blank, self.repaired, len(self.extra),
                self.ordered, self.last)

    def rollback(self, counters: tuple, sumber: str) -> None:
        """Remove what was landed from ``sumber`` since ``counters`` were taken.

        Only for a file read once (CSV: one file per table), so ``_sumber`` names its rows.
        """
        self._wait()
        self.con.execute(f'DELETE FROM "{self.name}" WHERE _sumber = ?', [sumber])
        self.rows, self.defective, self.blank, self.repaired, extras, self.ordered, self.last = counters
        self.extra = dict.fromkeys(list(self.extra)[:extras])

    def flush(self) -> None:
        """Wait for the pending job (re-raising its error)."""
        self._wait()

    def _wait(self) -> None:
        """Wait for the pending job (re-raising its error) and report progress."""
        if self._pending is None:
            return
        future, self._pending = self._pending, None
        future.result()
        if self.progress:
            self.progress(self.rows)

    def close(self) -> None:
        try:
            self._wait()
        finally:
            self._pool.shutdown(wait=True)


@dataclass
class _Layout:
    positions: dict[str, int]  # contract column -> header position
    extras: list[tuple[int, str]]  # header position -> extra column name (as written)


def _layout(header: list[str], table: Table, where: str, path: Path) -> _Layout:
    """Map a header row onto the contract; missing required or doubled columns are fatal."""
    positions: dict[str, int] = {}
    extras: list[tuple[int, str]] = []
    doubled: list[str] = []
    used: set[str] = set()
    for i, raw in enumerate(header):
        key = normalise_name(raw or "")
        if key in table.column_names:
            if key in positions:
                doubled.append(key)
            positions.setdefault(key, i)
            continue
        name = (raw or "").replace("\ufeff", "").strip() or f"kolom_{i + 1}"
        base, k = name, 2
        while name in used:
            name, k = f"{base}_{k}", k + 1
        used.add(name)
        extras.append((i, name))
    if doubled:
        raise BundleError(f"{where}: kolom ganda: {', '.join(doubled)}.", path)
    missing = [c.name for c in table.columns if c.required and c.name not in positions]
    if missing:
        raise BundleError(f"{where}: kolom wajib tidak ada: {', '.join(missing)}.", path)
    return _Layout(positions, extras)


def _clean(arr: pa.Array) -> pa.Array:
    """Strip surrounding whitespace; empty string -> NULL."""
    arr = pc.utf8_trim_whitespace(arr)
    return pc.if_else(pc.equal(arr, ""), _NULL, arr)


def _tabular_batch(
    sink: _Sink,
    sumber: str,
    layout: _Layout,
    cols: list[pa.Array],
    first: int,
    cacat: list[str | None] | None = None,
    mentah: list[str | None] | None = None,
    catatan: list[str | None] | None = None,
) -> None:
    """Clean one batch of raw string columns, drop blank rows, build ``_ekstra``, insert.

    ``cacat``/``mentah``/``catatan`` (defect, raw text as JSON, note) are per row or None.
    """
    n = len(cols[0])
    cols = [_clean(c) for c in cols]
    baris = pa.array(range(first, first + n), pa.int64())
    cacat_a, mentah_a, catatan_a = (
        pa.array(v, pa.string()) if v else None for v in (cacat, mentah, catatan)
    )
    blank = reduce(pc.and_, [pc.is_null(c) for c in cols])
    if cacat_a is not None:
        blank = pc.and_(blank, pc.is_null(cacat_a))
    nblank = pc.sum(blank).as_py() or 0
    if nblank:
        keep = pc.invert(blank)
        cols = [c.filter(keep) for c in cols]
        baris = baris.filter(keep)
        cacat_a, mentah_a, catatan_a = (
            a.filter(keep) if a is not None else None for a in (cacat_a, mentah_a, catatan_a)
        )
        sink.blank += nblank
    ekstra = None
    if layout.extras or mentah_a is not None:
        ekstra = pa.array(_ekstra_json(layout, cols, mentah_a, len(baris)), pa.string())
        sink.extra.update(dict.fromkeys(name for _, name in layout.extras))
    data = {c: cols[i] for c, i in layout.positions.items()}
    sink.add(sumber, baris, data, ekstra, cacat_a, catatan_a)


def _ekstra_json(layout: _Layout, cols, mentah: pa.Array | None, n: int) -> list[str | None]:
    extra = [(name, cols[i].to_pylist()) for i, name in layout.extras]
    raw = mentah.to_pylist() if mentah is not None else [None] * n
    out: list[str | None] = []
    for r in range(n):
        if raw[r] is not None:
            out.append(raw[r])
            continue
        d = {name: vals[r] for name, vals in extra if vals[r] is not None}
        out.append(json.dumps(d, ensure_ascii=False) if d else None)
    return out
