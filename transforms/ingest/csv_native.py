"""CSV fast path: DuckDB's parser for a file that cheap checks show to be plain.

The Python reader (``csv_form``) is the reference: it repairs encodings, quarantines broken
records line by line and numbers every record. DuckDB parses the same file many times faster
but differs on exactly those irregularities (it skips empty lines, trims spaces around quotes,
drops one trailing delimiter, stops at invalid UTF-8). So a file is read here only when

- one pass over its bytes finds no control byte, no CR outside a CRLF, no space or tab beside
  a quote at a field boundary, and its header is one plain line (no ``sep=`` hint);
- DuckDB (strict, ``width + 1`` columns, NULL padding, no NULL string) parses it without an
  error, every record with exactly ``width`` fields, no multi-line field swallowing lines
  shaped like data rows (the Python reader's rule), and
- records + line breaks inside fields + empty lines at the end = the physical data lines
  counted from the bytes (an empty line DuckDB skipped would break the equality).

Anything else returns None after removing what this file had landed, and the Python reader
reads the file from the start: the raw table is the same either way (``tests/test_csv_native``
checks both paths on the same files).
"""

from __future__ import annotations

import codecs
import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from transforms.ingest.bundle import BundleError, SourceFile
from transforms.ingest.native import NotPlain, duckdb_batches, lone_cr
from transforms.ingest.sink import _Layout, _layout, _Sink, _tabular_batch
from transforms.ingest.text import _HEAD_BYTES, _NOT_CONTROL, _blocks, _text_encoding

_NO_NULL = "\x00kinerja-null\x00"  # a NULL string no cell can hold (control bytes excluded)
_BLANKS = (32, 9)  # space, tab: what DuckDB trims around a quote


@dataclass
class _Scan:
    lines: int  # physical lines
    trailing_empty: int  # empty lines after the last non-empty one
    plain: bool


def _boundary_space(block: bytes, delimiter: bytes) -> bool:
    """A space/tab between a quote and a field boundary (delimiter, line break, quote)."""
    a = np.frombuffer(block, np.uint8)
    quote = a == 34
    if not quote.any():
        return False
    blank = (a == 32) | (a == 9)
    edges = (delimiter[0], 10, 13)
    for i in np.flatnonzero(blank[:-1] & quote[1:]).tolist():  # blanks, then a quote
        while i >= 0 and block[i] in _BLANKS:
            i -= 1
        if i < 0 or block[i] in edges:
            return True
    for i in np.flatnonzero(quote[:-1] & blank[1:]).tolist():  # a quote, then blanks
        i += 1
        while i < len(block) and block[i] in _BLANKS:
            i += 1
        if i == len(block) or block[i] in edges or block[i] == 34:
            return True
    return False


def _scan(path: Path, delimiter: str) -> _Scan:
    """Physical lines and plainness of a file, in one pass over its bytes (stops early)."""
    lines = empty = 0
    last = b""
    sep = delimiter.encode()
    with open(path, "rb") as f:
        for block in _blocks(f, b"\n"):
            breaks = block.count(b"\n")
            lines += breaks
            if (
                block.translate(None, _NOT_CONTROL)
                or lone_cr(block)
                or _boundary_space(block, sep)
            ):
                return _Scan(0, 0, False)
            content = block.rstrip(b"\r\n")
            if content:  # empty lines after its last line holding text
                empty = max(block.count(b"\n", len(content)) - 1, 0)
            else:
                empty += breaks
            last = block
    if last and not last.endswith(b"\n"):
        lines += 1
    return _Scan(lines, empty, True)


def _header(path: Path, delimiter: str, bom: bool) -> list[str] | None:
    """The header when it is the whole first line (not blank, one line, valid CSV)."""
    with open(path, "rb") as f:
        head = f.read(_HEAD_BYTES)
    if bom:
        head = head.removeprefix(codecs.BOM_UTF8)
    end = head.find(b"\n")
    if end < 0:
        return None
    try:
        text = head[: end + 1].decode("utf-8")
        row = next(csv.reader([text], delimiter=delimiter, strict=True))
    except (UnicodeDecodeError, csv.Error, StopIteration):
        return None
    return row if "".join(row).strip() else None


def read_csv_native(sink: _Sink, src: SourceFile, delimiter: str) -> str | None:
    """Land one plain CSV file through DuckDB; its encoding, or None (nothing landed)."""
    encoding = _text_encoding(src.path, src.label)
    header = _header(src.path, delimiter, encoding == "utf-8-sig")
    if header is None:
        return None
    scan = _scan(src.path, delimiter)
    if not scan.plain:
        return None
    try:
        layout = _layout(header, sink.table, f"Berkas '{src.label}'", src.path)
    except BundleError:  # the Python reader says so, after what it finds first in the file
        return None
    before = sink.snapshot()
    try:
        records, breaks = _stream(sink, src, layout, delimiter, len(header))
    except NotPlain:
        records = breaks = -1
    if records + breaks + scan.trailing_empty != scan.lines - 1:
        sink.rollback(before, src.label)
        return None
    sink.physical += scan.lines - 1
    sink.continuation += breaks
    sink.blank += scan.trailing_empty
    sink.fast.append(src.label)
    return encoding


def _stream(
    sink: _Sink, src: SourceFile, layout: _Layout, delimiter: str, width: int
) -> tuple[int, int]:
    """Hand DuckDB's records to the sink in batches; (records, line breaks inside fields)."""
    columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width + 1))
    sql = (
        "SELECT * FROM read_csv(?, auto_detect = false, header = false, skip = 1, "
        f"delim = ?, quote = '\"', escape = '\"', strict_mode = true, columns = {{{columns}}}, "
        "null_padding = true, nullstr = ?, parallel = false, compression = 'none', "
        "encoding = 'utf-8')"
    )
    cur = sink.con.cursor()
    try:
        batches = duckdb_batches(cur, sql, [str(src.path), delimiter, _NO_NULL])
        done = breaks = 0
        for batch in batches:
            cols = [batch.column(i).cast(pa.string()) for i in range(width + 1)]
            extra, cols = cols[-1], cols[:-1]
            if extra.null_count < len(extra) or cols[-1].null_count:
                raise NotPlain
            breaks += _breaks(cols, delimiter, width)
            sink.defer(_tabular_batch, sink, src.label, layout, cols, done + 1)
            done += len(extra)
        sink.flush()
    finally:
        cur.close()
    return done, breaks


def _breaks(cols: list[pa.Array], delimiter: str, width: int) -> int:
    """Line breaks inside the fields of a batch; NotPlain when a multi-line field holds,
    after a break, a line with at least ``max(width - 1, 2)`` delimiters."""
    total = 0
    need = max(width - 1, 2)
    for c in cols:
        counts = pc.count_substring(c, "\n")
        n = pc.sum(counts).as_py() or 0
        if not n:
            continue
        total += n
        for text in c.filter(pc.greater(counts, 0)).to_pylist():
            if any(s.count(delimiter) >= need for s in text.split("\n")[1:]):
                raise NotPlain
    return total
