"""Raw readers: land every cell of a table's sources as text in DuckDB ``raw_<table>``.

Columns of ``raw_<table>``: ``_baris`` (row number within its file/sheet, see below),
``_sumber`` (file name, ``#sheet`` for xlsx), the contract columns (VARCHAR, contract order),
``_ekstra`` (JSON object of non-contract columns, or ``{"_mentah": ...}`` for a defective row),
``_cacat`` (why the row is not a record) and ``_catatan`` (how the reader altered an accepted
row, e.g. an encoding repair). Values are not parsed here: the normaliser does that in SQL.

``_baris``: CSV = record ordinal (header excluded; a blank record and a quarantined broken
line each take one), JSON Lines = physical line, XLSX = row under the header = 1, SIASN JSON =
array position. Every physical line is accounted for: ``RawTable.physical_rows`` (counted from
the bytes, not by the parser) = ``rows + blank_rows + continuation_rows``.

One module per concern: ``sink`` (batches into DuckDB), ``text`` (line count, decoding, the
recording line source), ``csv_form``, ``xlsx_form``, ``json_form`` (the forms of contract §1).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from transforms.contract import TABLE_BY_NAME
from transforms.gc_pause import gc_paused
from transforms.ingest.bundle import SourceFile
from transforms.ingest.csv_form import _read_csv, _read_csv_python, sniff_delimiter
from transforms.ingest.json_form import (
    _read_jsonl,
    _read_jsonl_python,
    _read_siasn,
    nip_from_file_name,
)
from transforms.ingest.sink import _Sink
from transforms.ingest.text import count_lines
from transforms.ingest.xlsx_form import _read_xlsx

__all__ = ["RawTable", "count_lines", "nip_from_file_name", "read_raw", "sniff_delimiter"]


@dataclass
class RawTable:
    table: str
    rows: int  # records landed in raw_<table>, defective ones included
    files: list[str]
    extra_columns: list[str]
    encoding: str | None
    delimiter: str | None
    defective_rows: int
    blank_rows: int = 0  # blank records/lines/sheet rows: not data records, not landed
    physical_rows: int = 0  # data lines/rows after the header, counted independently
    continuation_rows: int = 0  # extra lines of records spanning several lines
    repaired_rows: int = 0  # accepted records altered by an encoding repair (``_catatan``)
    fast_files: list[str] = field(default_factory=list)  # files DuckDB's parser read
    ordered: bool = False  # rows landed in (_sumber, _baris) order (staging then need not sort)


def read_raw(
    con: duckdb.DuckDBPyConnection,
    table: str,
    sources: list[SourceFile],
    workdir: Path,
    progress: Callable[[int], None] | None = None,
    *,
    fast: bool = True,
) -> RawTable:
    """(Re)create ``raw_<table>`` from ``sources`` (file order kept); ``progress(rows_so_far)``.

    ``fast``: plain files may be parsed by DuckDB (``csv_native``, ``jsonl_native``); False = the Python readers
    only (the reference the fast path is tested against). ``workdir`` is accepted for interface
    stability (temporary files); nothing is written there.
    """
    if table not in TABLE_BY_NAME:
        raise ValueError(f"unknown table {table!r}")
    for src in sources:
        if src.table != table:
            raise ValueError(f"source {src.label} belongs to {src.table!r}, not {table!r}")
    sink = _Sink(con, TABLE_BY_NAME[table], progress)
    readers = _READERS if fast else {**_READERS, "csv": _read_csv_python, "jsonl": _read_jsonl_python}
    encodings: list[str] = []
    delimiters: list[str] = []
    try:
        with gc_paused():  # millions of short-lived lists/dicts (see transforms.gc_pause)
            for src in sources:
                encoding, delimiter = readers[src.form](sink, src)
                if encoding and encoding not in encodings:
                    encodings.append(encoding)
                if delimiter and delimiter not in delimiters:
                    delimiters.append(delimiter)
    finally:
        sink.close()
    return RawTable(
        table=table,
        rows=sink.rows,
        files=[s.label for s in sources],
        extra_columns=list(sink.extra),
        encoding=", ".join(encodings) or None,
        delimiter=", ".join(delimiters) or None,
        defective_rows=sink.defective,
        blank_rows=sink.blank,
        physical_rows=sink.physical,
        continuation_rows=sink.continuation,
        repaired_rows=sink.repaired,
        fast_files=sink.fast,
        ordered=sink.ordered,
    )


_READERS: dict[str, Callable[[_Sink, SourceFile], tuple[str | None, str | None]]] = {
    "csv": _read_csv,
    "xlsx": _read_xlsx,
    "jsonl": _read_jsonl,
    "siasn_json": _read_siasn,
}
