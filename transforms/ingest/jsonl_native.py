"""JSON Lines fast path: DuckDB's JSON reader for a file that cheap checks show to be plain.

The Python reader (``json_form``) is the reference: it repairs encodings, quarantines lines
that are not JSON objects, keeps unknown keys in ``_ekstra`` and writes numbers as they were
written. DuckDB reads objects many times faster but is more lenient (trailing commas, NaN),
ignores unknown keys and re-formats numbers. So a file is read here only when

- it is UTF-8 without a BOM, holds no control byte (tab included) and no CR outside a CRLF,
  and every line is blank (spaces at most) or, but for spaces, starts with ``{`` and ends
  with ``}``;
- every key is a contract column spelled exactly, every value a string or null, and no
  object ends with a trailing comma: checked on the bytes with numpy for a block without a
  backslash. A block holding one, or failing that check, has its lines decoded by ``json``
  instead (which decides validity, and accepts 64-bit integers and booleans too);
- the columns the Python reader requires occur, and DuckDB (strict: a duplicate key or any
  malformed line is an error) returns exactly one object per non-blank line.

Anything else returns None after removing what this file had landed, and the Python reader
reads the file from the start: the raw table is the same either way (``tests/test_jsonl_native``
checks both paths on the same files).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pyarrow as pa
from numpy.lib.stride_tricks import sliding_window_view

from transforms.contract import Table
from transforms.ingest.bundle import SourceFile
from transforms.ingest.native import WHITESPACE, NotPlain, duckdb_progress, lone_cr, strip_sql
from transforms.ingest.sink import _Sink
from transforms.ingest.text import _blocks, _text_encoding

_W = 32  # bytes of a key window: quote, column name, quote, colon
_GOOD = bytes(b for b in range(256) if b >= 32 or b in (10, 13))  # translate() deletes
_PAD = bytes(_W)
_INT64 = 1 << 63
_NUMBERS = "_jsonl_baris"  # the registered line numbers of the file being landed
_REJECT = object()  # what a float or NaN/Infinity decodes to in the Python check
_PAIRS = json.JSONDecoder(
    object_pairs_hook=list, parse_float=lambda s: _REJECT, parse_constant=lambda s: _REJECT
)


@dataclass
class _Scan:
    lines: int = 0  # physical lines
    blank: int = 0  # empty lines
    seen: set[str] = field(default_factory=set)  # contract columns present as keys


def read_jsonl_native(sink: _Sink, src: SourceFile) -> str | None:
    """Land one plain JSON Lines file through DuckDB; its encoding, or None (nothing landed)."""
    if _text_encoding(src.path, src.label, allow_empty=True) != "utf-8":
        return None
    scan = _Scan()
    try:
        rows = np.concatenate([np.zeros(0, np.int64), *_numbers(src, sink.table, scan)])
    except NotPlain:
        return None
    required = {c.name for c in sink.table.columns if c.required}
    if not len(rows) or not required <= scan.seen:
        return None  # nothing to speed up, or the Python reader's error
    before = sink.snapshot()
    try:
        done = _stream(sink, src, rows)
    except NotPlain:
        done = -1
    if done != len(rows):
        sink.rollback(before, src.label)
        return None
    sink.physical += scan.lines
    sink.blank += scan.blank
    sink.fast.append(src.label)
    return "utf-8"


def _numbers(src: SourceFile, table: Table, scan: _Scan) -> Iterator[np.ndarray]:
    """The physical numbers of the object lines of a plain file, block by block (lines and
    empty lines counted in ``scan``); NotPlain as soon as it is not plain."""
    keys = _Keys(table.column_names)
    with open(src.path, "rb") as f:
        for block in _blocks(f, b"\n"):
            if block.translate(None, _GOOD) or lone_cr(block):
                raise NotPlain
            if not block.isascii() and (b"\xef\xbb\xbf" in block or not _utf8(block)):
                raise NotPlain
            a = np.frombuffer(b"".join((_PAD, block, _PAD)), np.uint8)  # block at a[_W:]
            starts, ends = _lines(a, len(block))
            first = _skip_spaces(a, starts, 1)
            body = first < ends  # not blank (empty or spaces only)
            last = _skip_spaces(a, ends[body] - 1, -1)
            if (a[first[body]] != 123).any() or (a[last] != 125).any():
                raise NotPlain
            if b"\\" in block or not _members(a, last, keys, scan):
                _decode_lines(block, set(keys.names), scan)
            numbers = np.flatnonzero(body) + scan.lines + 1
            scan.lines += len(starts)
            scan.blank += len(starts) - len(numbers)
            yield numbers


class _Keys:
    """Each column as the bytes '"name":' ending a ``_W``-byte window, in 8-byte words."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.words: list[list[tuple[int, np.uint64, np.uint64]]] = []
        for name in names:
            key = f'"{name}":'.encode()
            if len(key) > _W:  # would match only its end
                raise NotPlain
            pattern, mask = key.rjust(_W, b"\0"), (b"\xff" * len(key)).rjust(_W, b"\0")
            p, m = (np.frombuffer(x, np.uint64) for x in (pattern, mask))
            self.words.append([(i, p[i], m[i]) for i in range(_W // 8) if m[i]])

    def match(self, windows: np.ndarray, seen: set[str]) -> bool:
        """Whether each window (the ``_W`` bytes up to a '":') ends with a column's key."""
        words = windows.view(np.uint64)
        cols = [np.ascontiguousarray(words[:, i]) for i in range(_W // 8)]
        hit = np.zeros(len(windows), bool)
        for name, spec in zip(self.names, self.words, strict=True):
            eq = np.ones(len(windows), bool)
            for i, p, m in spec:
                eq &= (cols[i] & m) == p
            if eq.any():
                seen.add(name)
                hit |= eq
        return bool(hit.all())


def _utf8(block: bytes) -> bool:
    try:
        block.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _lines(a: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Start and end (at CRLF/LF) in ``a`` of each line of the ``size`` bytes at a[_W:]."""
    nl = np.flatnonzero(a[_W : _W + size] == 10) + _W
    starts = np.concatenate(([_W], nl + 1))
    ends = np.concatenate((nl, [_W + size]))
    if starts[-1] == _W + size:  # the block ends with a line break: no last partial line
        starts, ends = starts[:-1], ends[:-1]
    ends = ends - ((ends > starts) & (a[ends - 1] == 13))
    return starts, ends


def _members(a: np.ndarray, last: np.ndarray, keys: _Keys, scan: _Scan) -> bool:
    """Whether every key of a block without backslashes is a column and every value a string
    or null, no object ending with a trailing comma (False: decode the block with ``json``).

    Without backslashes a string holds no quote: every key ends with '":', and every '":' is a
    key when it ends with a column's '"name":'."""
    if (a[_skip_spaces(a, _pairs(a, b'" ') + 1, 1)] == 58).any():  # '"key" :'
        return False
    kc = _pairs(a, b'":')  # closing quotes of keys
    if not keys.match(sliding_window_view(a, _W)[kc + 2 - _W], scan.seen):
        return False
    v = _skip_spaces(a, kc + 2, 1)
    null = (a[v] == 110) & (a[v + 1] == 117) & (a[v + 2] == 108) & (a[v + 3] == 108)
    if not ((a[v] == 34) | null).all():
        return False
    return not (a[_skip_spaces(a, last - 1, -1)] == 44).any()  # ',' before the closing brace


def _pairs(a: np.ndarray, two: bytes) -> np.ndarray:
    """Positions in ``a`` where the bytes ``two`` occur (as 16-bit words at even and odd
    offsets, unordered)."""
    word = np.frombuffer(two, "<u2")[0]
    n = (len(a) - 1) // 2 * 2
    even = np.flatnonzero(a[:n].view("<u2") == word) * 2
    odd = np.flatnonzero(a[1 : n + 1].view("<u2") == word) * 2 + 1
    return np.concatenate((even, odd))


def _skip_spaces(a: np.ndarray, p: np.ndarray, step: int) -> np.ndarray:
    """``p`` moved by ``step`` past spaces (a line break, '{' or '}' or the padding stops it)."""
    while (s := a[p] == 32).any():
        p = p + step * s
    return p


def _decode_lines(block: bytes, names: set[str], scan: _Scan) -> None:
    """The object lines of a block decoded by ``json``: valid, columns only, no duplicate key,
    values strings, null, booleans or 64-bit integers; else NotPlain."""
    for raw in block.split(b"\n"):
        text = raw.removesuffix(b"\r")
        if not text:
            continue
        try:
            pairs = _PAIRS.decode(text.decode("utf-8"))
        except ValueError as e:
            raise NotPlain from e
        got = {k for k, _ in pairs}
        if len(got) != len(pairs) or not got <= names or not all(map(_scalar, pairs)):
            raise NotPlain
        scan.seen |= got


def _scalar(pair: tuple[str, object]) -> bool:
    v = pair[1]
    return v is None or type(v) in (str, bool) or (type(v) is int and -_INT64 <= v < _INT64)


def _stream(sink: _Sink, src: SourceFile, rows: np.ndarray) -> int:
    """Land DuckDB's objects in one INSERT, the k-th numbered ``rows[k]``; objects landed
    (``len(rows)`` unless DuckDB read a different number of objects)."""
    names = sink.table.column_names
    spec = ", ".join("'{}': 'VARCHAR'".format(c.replace("'", "''")) for c in names)
    objects = (
        "SELECT true AS _ada, * FROM read_json($path, format = 'newline_delimited', records = true, "
        f"columns = {{{spec}}}, compression = 'none')"
    )
    values = ", ".join(strip_sql(f'j."{c}"') for c in names)
    query = (  # positional: the k-th object beside the k-th number; _ada is NULL past the objects
        f"SELECT n.baris, {values} FROM {_NUMBERS} AS n POSITIONAL JOIN ({objects}) AS j WHERE j._ada"
    )
    baris = pa.array(rows)
    sink.con.register(_NUMBERS, pa.table({"baris": baris}))
    try:
        with duckdb_progress(sink.con, sink.rows, len(rows), sink.progress):
            return sink.add_query(src.label, baris, query, {"path": str(src.path), "ws": WHITESPACE})
    except duckdb.Error as e:  # a line DuckDB's reader rejects
        raise NotPlain(str(e)) from e
    finally:
        sink.con.unregister(_NUMBERS)
