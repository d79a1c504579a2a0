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
"""

from __future__ import annotations

import codecs
import csv
import gc
import io
import json
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import reduce
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO
from xml.etree import ElementTree

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from transforms.contract import SIASN_FIELDS, TABLE_BY_NAME, Table
from transforms.ingest.bundle import BundleError, SourceFile, normalise_name, read_json_file

BATCH_ROWS = 100_000  # rows per batch handed to Arrow/DuckDB (memory stays bounded)
_HEAD_BYTES = 1 << 16
_CHUNK = 1 << 20  # bytes read at a time
_CHUNK_ROWS = 1000  # CSV records checked together (a clean chunk is taken whole)
_CSV_FIELD_LIMIT = 64 << 20
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")  # C0 controls other than \t \n \f \r
_NOT_CONTROL = bytes(b for b in range(256) if not _CONTROL.match(bytes([b])))  # translate()
_BINARY_MAGIC = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG")
_BINARY_SHARE = 0.01  # a head with more control bytes than this is not a text file
_INTEGRAL = re.compile(r"^(-?\d+)\.0*$")
_NIP_IN_NAME = re.compile(r"(?<!\d)\d(?:[ ._-]?\d){17}(?![ ._-]?\d)")
_NUMBER_TEXT = r"^-?\d+(\.\d+)?$"  # how the string load writes a numeric cell
_SEP_HINT = re.compile(r"^sep=([,;])(?:\r\n|\r|\n)", re.IGNORECASE)
_NULL = pa.scalar(None, pa.string())


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


def read_raw(
    con: duckdb.DuckDBPyConnection,
    table: str,
    sources: list[SourceFile],
    workdir: Path,
    progress: Callable[[int], None] | None = None,
) -> RawTable:
    """(Re)create ``raw_<table>`` from ``sources`` (file order kept); ``progress(rows_so_far)``.

    ``workdir`` is accepted for interface stability (temporary files); nothing is written there.
    """
    if table not in TABLE_BY_NAME:
        raise ValueError(f"unknown table {table!r}")
    for src in sources:
        if src.table != table:
            raise ValueError(f"source {src.label} belongs to {src.table!r}, not {table!r}")
    sink = _Sink(con, TABLE_BY_NAME[table], progress)
    encodings: list[str] = []
    delimiters: list[str] = []
    gc_was_enabled = gc.isenabled()
    gc.disable()  # millions of short-lived lists/dicts: the cyclic GC would dominate run time
    try:
        for src in sources:
            encoding, delimiter = _READERS[src.form](sink, src)
            if encoding and encoding not in encodings:
                encodings.append(encoding)
            if delimiter and delimiter not in delimiters:
                delimiters.append(delimiter)
    finally:
        if gc_was_enabled:
            gc.enable()
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
    )


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
        cols = "".join(f'"{c}" VARCHAR, ' for c in table.column_names)
        con.execute(
            f'CREATE OR REPLACE TABLE "{self.name}" (_baris BIGINT, _sumber VARCHAR, '
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


# --------------------------------------------------------------------------- tabular forms


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


def count_lines(path: Path) -> tuple[int, bytes]:
    """Physical lines of a file from its bytes alone, and its line break.

    Counts b"\\n" in 1 MB chunks (b"\\r" for a file holding no LF at all), plus one for a last
    line without a line break. Cheap, and independent of any parser: it is the reference the
    readers' own accounting is checked against.
    """
    lf = cr = 0
    last = b""
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            lf += chunk.count(b"\n")
            if not lf:
                cr += chunk.count(b"\r")
            last = chunk[-1:]
    newline = b"\r" if cr and not lf else b"\n"
    count = cr if newline == b"\r" else lf
    return count + (1 if last and last != newline else 0), newline


def _text_encoding(path: Path, name: str, allow_empty: bool = False) -> str:
    """'utf-8-sig' after a UTF-8 BOM, else 'utf-8' (lines may be repaired, see ``_Decoder``).

    Judged from the first 64 KB: an empty file (unless ``allow_empty``), UTF-16, or a binary
    head (known magic bytes, or over 1% control bytes) is a BundleError.
    """
    with open(path, "rb") as f:
        head = f.read(_HEAD_BYTES)
    empty = len(head) < _HEAD_BYTES and not head.removeprefix(codecs.BOM_UTF8).strip()
    if empty and not allow_empty:
        raise BundleError(f"Berkas '{name}' kosong: tidak ada baris judul.", path)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise BundleError(f"Berkas '{name}' berenkode UTF-16; simpan ulang sebagai UTF-8.", path)
    if head.startswith(_BINARY_MAGIC) or len(_CONTROL.findall(head)) > len(head) * _BINARY_SHARE:
        raise BundleError(f"Berkas '{name}' bukan berkas teks (berisi data biner).", path)
    return "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"


def _blocks(f: BinaryIO, newline: bytes) -> Iterator[bytes]:
    """The file in blocks of about 1 MB, each ending at a line break (the last maybe not)."""
    rest: list[bytes] = []
    while chunk := f.read(_CHUNK):
        cut = chunk.rfind(newline) + 1
        if not cut:
            rest.append(chunk)
            continue
        rest.append(chunk[:cut])
        yield b"".join(rest)
        rest = [chunk[cut:]] if cut < len(chunk) else []
    if rest:
        yield b"".join(rest)


def _split_bytes(data: bytes, newline: bytes) -> list[bytes]:
    """Physical lines of ``data``, line breaks kept."""
    if newline == b"\n":
        return io.BytesIO(data).readlines()
    parts = data.split(newline)
    last = parts.pop()
    return [p + newline for p in parts] + ([last] if last else [])


def _split_text(text: str, breaks: int, newline: str) -> list[str]:
    """Physical lines of ``text`` holding ``breaks`` line breaks ``newline``, breaks kept.

    ``str.splitlines`` is fast but also splits at other characters (VT, FF, a lone CR, U+2028,
    ...): when it finds more lines than there are breaks, split again on ``newline`` only.
    """
    lines = text.splitlines(keepends=True)
    expected = breaks + (1 if text and not text.endswith(newline) else 0)
    if len(lines) == expected:
        return lines
    return io.StringIO(text, newline=newline).readlines()


def _windows_1252_file(path: Path, newline: bytes) -> bool:
    """Some line is not UTF-8 but reads as Windows-1252, and no line holds valid non-ASCII
    UTF-8 (which would show a UTF-8 file with a few stray bytes)."""
    repairable = False
    with open(path, "rb") as f:
        for data in _blocks(f, newline):
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                for line in _split_bytes(data, newline):
                    try:
                        line.decode("utf-8")
                    except UnicodeDecodeError:
                        repairable = repairable or _repairable(line)
                        continue
                    if not line.isascii():
                        return False
                continue
            if not data.isascii():
                return False
    return repairable


def _repairable(line: bytes) -> bool:
    try:
        _repair_cp1252(line)
    except UnicodeDecodeError:
        return False
    return True


def _repair_cp1252(raw: bytes) -> tuple[str, bytes]:
    """UTF-8 text whose invalid bytes are read as Windows-1252: (text, the bytes repaired).

    UnicodeDecodeError when one of those bytes is undefined in Windows-1252.
    """
    parts: list[str] = []
    fixed = bytearray()
    while True:
        try:
            parts.append(raw.decode("utf-8"))
            return "".join(parts), bytes(fixed)
        except UnicodeDecodeError as e:
            bad = raw[e.start : e.end]
            parts += [raw[: e.start].decode("utf-8"), bad.decode("cp1252")]
            fixed += bad
            raw = raw[e.end :]


class _Decoder:
    """Decodes blocks of whole physical lines and remembers, per line, what it had to do.

    ``utf-8``: at the first line that is not UTF-8, the whole file is judged once: when some
    line reads as Windows-1252 and no line holds valid non-ASCII UTF-8, the file is Windows-1252
    and the decoder switches to ``cp1252`` (the lines before were ASCII: same text, nothing to
    redo). Otherwise such a line has its invalid bytes read as Windows-1252 (a note) or, holding
    a byte undefined there, becomes a defect. ``utf-8-sig``: any invalid byte is fatal (the BOM
    says the file is UTF-8). ``cp1252``: an undefined byte makes the line a defect. A control
    byte (other than tab, LF, FF, CR) makes its line a defect in every encoding.
    """

    def __init__(self, encoding: str, newline: bytes, src: SourceFile) -> None:
        self.encoding, self.newline, self.src = encoding, newline, src
        self.codec = "cp1252" if encoding == "cp1252" else "utf-8"
        self.evidence = False  # some line held valid non-ASCII UTF-8
        self.repaired = 0  # lines repaired from Windows-1252
        self.notes: dict[int, str] = {}  # physical line -> repair note
        self.defects: dict[int, str] = {}  # physical line -> why it cannot be a record
        self._judged = False  # the file was judged for Windows-1252

    def block(self, data: bytes, first: int) -> list[str]:
        """The lines of ``data`` (whole lines, breaks kept), the first being line ``first``."""
        if first == 1 and self.encoding == "utf-8-sig":
            data = data.removeprefix(codecs.BOM_UTF8)
        lines = self._decode(data, first)
        if data.translate(None, _NOT_CONTROL):  # a control byte somewhere (fast test)
            self._controls(data, first)
        return lines

    def _decode(self, data: bytes, first: int) -> list[str]:
        try:
            text = data.decode(self.codec)
        except UnicodeDecodeError:
            if self._switch_to_cp1252():
                return self._decode(data, first)
            raw = _split_bytes(data, self.newline)
            return [self._line(line, first + i) for i, line in enumerate(raw)]
        if not self.evidence and self.codec == "utf-8" and not data.isascii():
            self.evidence = True
        return _split_text(text, data.count(self.newline), self.newline.decode())

    def _switch_to_cp1252(self) -> bool:
        """Judge the file at its first invalid UTF-8 (once): True when it is Windows-1252."""
        if self.encoding != "utf-8" or self.evidence or self._judged:
            return False
        self._judged = True
        if _windows_1252_file(self.src.path, self.newline):
            self.encoding = self.codec = "cp1252"
            return True
        return False

    def _line(self, raw: bytes, n: int) -> str:
        try:
            text = raw.decode(self.codec)
        except UnicodeDecodeError as e:
            return self._undecodable(raw, n, e)
        if self.codec == "utf-8" and not raw.isascii():
            self.evidence = True
        return text

    def _undecodable(self, raw: bytes, n: int, error: UnicodeDecodeError) -> str:
        if self.encoding == "utf-8-sig":
            raise BundleError(
                f"Berkas '{self.src.label}': pengodean karakter tidak dikenali: berkas diawali "
                f"BOM UTF-8 tetapi baris fisik {n} bukan UTF-8 yang valid.",
                self.src.path,
            )
        if self.encoding == "utf-8":
            try:
                text, fixed = _repair_cp1252(raw)
            except UnicodeDecodeError as e:
                error = e
            else:
                chars = ", ".join(dict.fromkeys(fixed.decode("cp1252")))
                self.repaired += 1
                self.notes[n] = (
                    f"Baris fisik {n}: {len(fixed)} bita Windows-1252 di berkas UTF-8 "
                    f"diperbaiki ({chars})."
                )
                return text
        byte = error.object[error.start]
        self._defect(
            n,
            f"Baris fisik {n} memuat bita 0x{byte:02X} yang bukan karakter UTF-8 "
            "maupun Windows-1252.",
        )
        return raw.decode(self.codec, "backslashreplace")

    def _controls(self, data: bytes, first: int) -> None:
        for i, raw in enumerate(_split_bytes(data, self.newline)):
            if m := _CONTROL.search(raw):
                byte = m.group()[0]
                name = " (NUL)" if byte == 0 else ""
                n = first + i
                self._defect(n, f"Baris fisik {n} berisi karakter kendali 0x{byte:02X}{name}.")

    def _defect(self, n: int, reason: str) -> None:
        self.defects[n] = f"{self.defects[n]} {reason}" if n in self.defects else reason


class _Lines:
    """The physical lines of one file as ``csv.reader`` input.

    Lines are decoded by ``decoder`` block by block, numbered from 1, remembered for the
    current record (``taken``) and can be pushed back when a record is undone.
    """

    def __init__(self, f: BinaryIO, decoder: _Decoder) -> None:
        self.decoder = decoder
        self.read = 0  # physical lines decoded so far
        self.first = 1  # physical number of the current record's first line
        self.taken: list[str] = []  # lines handed out for the current record
        self._blocks = _blocks(f, decoder.newline)
        self._block: Iterator[str] = iter(())
        self._back: list[str] = []  # lines to hand out again, the next one last

    def __iter__(self) -> Iterator[str]:
        """A fresh iterator over the lines not handed out yet (pushed-back ones first)."""
        taken, back = self.taken, self._back
        while True:
            while back:
                line = back.pop()
                taken.append(line)
                yield line
            for line in self._block:  # shared: a fresh iterator continues where one stopped
                taken.append(line)
                yield line
            data = next(self._blocks, None)
            if data is None:
                return
            lines = self.decoder.block(data, self.read + 1)
            self.read += len(lines)
            self._block = iter(lines)

    def plain(self) -> Iterator[str]:
        """The lines once, without record bookkeeping (no ``taken``, no push-back)."""
        for data in self._blocks:
            lines = self.decoder.block(data, self.read + 1)
            self.read += len(lines)
            yield from lines

    def commit(self, n: int) -> None:
        """The first ``n`` lines taken are used up (by complete records)."""
        self.first += n
        if n == len(self.taken):
            self.taken.clear()
        else:
            del self.taken[:n]

    def push_back(self) -> str:
        """Undo the current record but its first line (returned): the others come again."""
        first, *rest = self.taken
        self._back.extend(reversed(rest))
        self.taken.clear()
        self.first += 1
        return first

    def flagged(self, n: int) -> bool:
        """Whether one of the next ``n`` lines (from ``first``) has a defect or a note."""
        end = self.first + n
        return any(k < end for marks in (self.decoder.defects, self.decoder.notes) for k in marks)

    def flags(self, first: int, n: int) -> tuple[str | None, str | None]:
        """(defect, note) of physical lines ``first`` .. ``first + n - 1``, then forgotten."""
        found: list[str | None] = []
        for marks in (self.decoder.defects, self.decoder.notes):
            texts = [marks.pop(k) for k in range(first, first + n) if k in marks] if marks else []
            found.append(" ".join(texts) or None)
        return found[0], found[1]


def sniff_delimiter(text: str) -> str:
    """',' or ';': whichever occurs more often outside quotes in the first non-empty line."""
    counts = {",": 0, ";": 0}
    quoted = started = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif ch in "\r\n":
            if started:
                break
        elif ch in counts:
            counts[ch] += 1
        started = started or not ch.isspace()
    return ";" if counts[";"] > counts[","] else ","


def _read_csv(sink: _Sink, src: SourceFile) -> tuple[str | None, str | None]:
    """One CSV file (UTF-8, or Windows-1252 as judged by ``_Decoder``)."""
    encoding = _text_encoding(src.path, src.label)
    total, newline = count_lines(src.path)
    done = _read_csv_as(sink, src, _Decoder(encoding, newline, src))
    sink.physical += total - done.header_end
    sink.continuation += done.continuation
    return done.decoder.encoding, done.delimiter


def _read_csv_as(sink: _Sink, src: SourceFile, decoder: _Decoder) -> _CsvFile:
    """Stream one CSV file in batches with one encoding policy."""
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    with open(src.path, "rb") as f:
        head = f.read(_HEAD_BYTES).removeprefix(codecs.BOM_UTF8).decode("latin-1")
        f.seek(0)
        hint = _SEP_HINT.match(head)  # Excel's "sep=;" first line
        delimiter = hint.group(1) if hint else sniff_delimiter(head)
        reader = _CsvFile(sink, src, _Lines(f, decoder), delimiter)
        header = reader.header(skip_first=bool(hint))
        reader.run(_layout(header, sink.table, f"Berkas '{src.label}'", src.path))
    return reader


class _CsvFile:
    """The records of one CSV file, read with ``csv.reader(strict=True)`` over ``_Lines``.

    A record that breaks the CSV syntax, or whose multi-line quoted field swallowed lines
    shaped like data rows, is undone: its first line becomes one defective record and the
    lines after it are read again. Records are read in chunks: a chunk with no flagged line,
    no error and no swallow is taken whole; any other chunk record by record, a record
    spanning 1 + (line breaks inside its fields) physical lines.
    """

    def __init__(self, sink: _Sink, src: SourceFile, lines: _Lines, delimiter: str) -> None:
        self.sink, self.src, self.lines, self.delimiter = sink, src, lines, delimiter
        self.decoder = lines.decoder
        self.line_break = lines.decoder.newline.decode()  # a line break inside a field
        self.reader = self._reader()
        self.width = 0
        self.empty: list[str] = []
        self.header_end = 0  # physical line ending the header (sep= and blank lines before it)
        self.continuation = 0  # extra lines of multi-line records

    def _reader(self) -> Iterator[list[str]]:
        return csv.reader(iter(self.lines), delimiter=self.delimiter, strict=True)

    def header(self, skip_first: bool) -> list[str]:
        """The first non-blank record (after a 'sep=' line); BundleError when there is none."""
        name, path, lines = self.src.label, self.src.path, self.lines
        if skip_first:
            next(self.reader)
            lines.commit(len(lines.taken))
        while True:
            first = lines.first
            try:
                row = next(self.reader)
            except StopIteration:
                raise BundleError(f"Berkas '{name}' kosong: tidak ada baris judul.", path) from None
            except csv.Error as e:
                cause = _broken_cause(str(e), first, first, self.delimiter)
                raise BundleError(
                    f"Berkas '{name}': baris judul (baris fisik {first}) bukan CSV yang valid: "
                    f"{cause}.",
                    path,
                ) from e
            defect, _ = lines.flags(first, len(lines.taken))
            lines.commit(len(lines.taken))
            if defect:
                raise BundleError(
                    f"Berkas '{name}': baris judul tidak dapat dibaca: {defect}", path
                )
            if "".join(row).strip():
                break
        self.width, self.empty = len(row), [""] * len(row)
        self.header_end = lines.first - 1
        return row

    def run(self, layout: _Layout) -> None:
        """Hand the data records to the sink in batches of BATCH_ROWS."""
        done = 0
        while True:
            rows: list[list[str]] = []
            special: dict[int, tuple[str | None, str | None, str | None]] = {}
            while len(rows) < BATCH_ROWS and self._chunk(rows, special):
                pass
            if not rows:
                return
            cacat = mentah = catatan = None
            if special:
                cacat, mentah, catatan = ([None] * len(rows) for _ in range(3))
                for i, (c, m, n) in special.items():
                    cacat[i], mentah[i], catatan[i] = c, m, n
            cols = _transpose(rows, self.width)
            label = self.src.label
            self.sink.defer(
                _tabular_batch, self.sink, label, layout, cols, done + 1, cacat, mentah, catatan
            )
            done += len(rows)

    def _chunk(self, rows: list[list[str]], special: dict[int, tuple]) -> bool:
        """Append up to _CHUNK_ROWS records to ``rows`` (and to ``special`` the defects and
        notes, by row index); False once the file is done."""
        got: list[list[str]] = []
        append = got.append
        error = None
        try:
            for row in islice(self.reader, min(_CHUNK_ROWS, BATCH_ROWS - len(rows))):
                append(row)
        except csv.Error as e:
            error = str(e)
        if not got and error is None:
            return False
        lines = self.lines
        n = len(lines.taken)
        if error is None and not lines.flagged(n) and (n == len(got) or not self._swallows(got)):
            lines.commit(n)
            self.continuation += n - len(got)
            if len(set(map(len, got))) == 1 and len(got[0]) == self.width:
                rows.extend(got)
            else:
                for row in got:
                    self._classify(rows, special, row, None, None, ())
            return True
        self._one_by_one(rows, special, got, error)
        return True

    def _swallows(self, got: list[list[str]]) -> bool:
        """Whether a multi-line record of ``got`` swallowed data lines."""
        br = self.line_break
        return any(
            self._swallowed(r) for r, text in zip(got, map("".join, got), strict=True) if br in text
        )

    def _one_by_one(
        self, rows: list[list[str]], special: dict[int, tuple], got: list[list[str]], error
    ) -> None:
        lines, br = self.lines, self.line_break
        taken = lines.taken
        multi = len(taken) > len(got)
        k = 0  # lines of ``taken`` used by the records so far
        for row in got:
            span = 1 + sum(f.count(br) for f in row) if multi else 1
            if span > 1 and self._swallowed(row):
                lines.commit(k)  # everything after this record's first line is read again
                special[len(rows)] = self._broken(None, lines.first + span - 1)
                rows.append(self.empty)
                return
            defect, note = lines.flags(lines.first + k, span)
            self._classify(rows, special, row, defect, note, taken[k : k + span])
            self.continuation += span - 1
            k += span
        lines.commit(k)
        if error is not None:
            special[len(rows)] = self._broken(error, lines.first + len(taken) - 1)
            rows.append(self.empty)

    def _classify(
        self,
        rows: list[list[str]],
        special: dict[int, tuple],
        row: list[str],
        defect: str | None,
        note: str | None,
        text: list[str] | tuple[()],
    ) -> None:
        """Append one record: defective (flagged line, wrong width), blank, or with a note."""
        i, width = len(rows), self.width
        if defect:
            special[i] = (defect, _mentah("".join(text).rstrip("\r\n")), None)
            row = self.empty
        elif len(row) != width:
            if "".join(row).strip():  # not only delimiters and whitespace
                reason = f"Jumlah kolom {len(row)}, seharusnya {width} sesuai baris judul."
                special[i] = (reason, _mentah(row), None)
            row = self.empty
        elif note:
            special[i] = (None, None, note)
        rows.append(row)

    def _swallowed(self, row: list[str]) -> bool:
        """A multi-line field holds, after its first line break, a line shaped like a data row
        (at least width - 1 delimiters; at least 2)."""
        need, d, br = max(self.width - 1, 2), self.delimiter, self.line_break
        for field in row:
            if br in field and any(s.count(d) >= need for s in field.split(br)[1:]):
                return True
        return False

    def _broken(self, error: str | None, last: int) -> tuple[str, str, None]:
        """Quarantine the first line of the current record (read up to physical line
        ``last``); the lines after it are read again."""
        lines = self.lines
        a = lines.first
        reason = _broken_reason(error, a, last, self.delimiter)
        defect, _ = lines.flags(a, 1)
        text = lines.push_back()
        self.reader = self._reader()
        return (f"{defect} {reason}" if defect else reason), _mentah(text.rstrip("\r\n")), None


def _mentah(raw: str | list[str]) -> str:
    return json.dumps({"_mentah": raw}, ensure_ascii=False)


def _broken_cause(error: str | None, a: int, b: int, delimiter: str) -> str:
    """Why the record starting at physical line ``a`` (read up to line ``b``) is undone;
    ``error`` is the csv module's message, None for swallowed data lines."""
    swallowed = f"baris fisik {a + 1}" + (f"–{b}" if b > a + 1 else "")
    if error is None:
        return f"Tanda kutip tidak tertutup di baris fisik {a}: baris ini menelan {swallowed}"
    if "unexpected end of data" in error:
        if b == a:
            return f"Tanda kutip tidak tertutup di baris fisik {a} (baris terakhir berkas)"
        return (
            f"Tanda kutip tidak tertutup di baris fisik {a}: baris ini menelan {swallowed} "
            "sampai akhir berkas"
        )
    if "field limit" in error:
        size = _size_text(_CSV_FIELD_LIMIT)
        if b == a:
            return f"Ada sel lebih dari {size} di baris fisik {a}"
        return (
            f"Sel yang dimulai di baris fisik {a} melebihi {size} di baris fisik {b} "
            "(tanda kutip tidak tertutup?)"
        )
    if "expected after" in error:
        if b == a:
            return (
                f"Tanda kutip penutup di baris fisik {a} diikuti teks lain, bukan pemisah "
                f"'{delimiter}' atau akhir baris (misalnya \"12\" Dokumen)"
            )
        return (
            f"Tanda kutip di baris fisik {a} membuka sel yang menelan {swallowed} lalu "
            "ditutup di tengah teks"
        )
    if "new-line character" in error:
        return f"Ada CR atau LF tersendiri di baris fisik {b}, di luar tanda kutip"
    return f"Format CSV tidak valid di baris fisik {b} ({error})"


def _broken_reason(error: str | None, a: int, b: int, delimiter: str) -> str:
    tail = "" if b == a else ", baris sesudahnya dibaca ulang"
    return f"{_broken_cause(error, a, b, delimiter)}; baris ini dikarantina{tail}."


def _size_text(n: int) -> str:
    return f"{n >> 20} MB" if n >= 1 << 20 and not n % (1 << 20) else f"{n} bita"


def _transpose(rows: list[list[str]], width: int) -> list[pa.Array]:
    """Rows of equal width -> one Arrow string array per column (fast path, no Python loop)."""
    flat = pa.array(rows, pa.list_(pa.string(), width)).flatten()
    base = np.arange(len(rows), dtype=np.int64) * width
    return [flat.take(base + j) for j in range(width)]


def _read_xlsx(sink: _Sink, src: SourceFile) -> tuple[str | None, str | None]:
    import fastexcel

    path = src.path
    where = f"Berkas '{path.name}', lembar '{src.sheet}'"
    try:
        book = fastexcel.read_excel(path)
        sheet = book.load_sheet(src.sheet, header_row=None, dtypes="string", eager=True)
    except Exception as e:  # calamine raises several error types
        raise BundleError(
            f"{where} tidak dapat dibaca; berkas rusak atau bukan format .xlsx.", path
        ) from e
    if sheet.num_rows == 0:
        raise BundleError(f"{where} kosong: tidak ada baris judul.", path)
    header = [sheet.column(i)[0].as_py() for i in range(sheet.num_columns)]
    layout = _layout(header, sink.table, where, path)
    body = sheet.slice(1)
    cols = [_iso_datetime(body.column(i)) for i in range(body.num_columns)]
    nip_positions = {i for c, i in layout.positions.items() if sink.table.column(c).type == "nip"}
    _numeric_cells(book, src.sheet, sheet.schema.names, cols, nip_positions)
    for off in range(0, body.num_rows, BATCH_ROWS):
        part = [c.slice(off, BATCH_ROWS) for c in cols]
        sink.defer(_tabular_batch, sink, src.label, layout, part, off + 1)
    sink.physical += _xlsx_physical_rows(path, src.sheet, where)
    return None, None


def _xlsx_physical_rows(path: Path, sheet: str, where: str) -> int:
    """Rows under the header, counted from the sheet's XML (not by calamine).

    (last row holding a value) - (first such row, the header): a value is a ``<c>`` with a
    ``<v>`` or ``<is>`` child. Rows in between without values are blank rows.
    """
    try:
        with zipfile.ZipFile(path) as zf, zf.open(_sheet_part(zf, sheet)) as f:
            first, last = _value_rows(f)
    except (KeyError, StopIteration, ValueError, zipfile.BadZipFile, ElementTree.ParseError) as e:
        raise BundleError(f"{where}: isi XML lembar tidak dapat dihitung barisnya.", path) from e
    return 0 if first is None or last is None else last - first


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _sheet_part(zf: zipfile.ZipFile, sheet: str) -> str:
    """The zip member holding ``sheet``, via the workbook part and its relationships."""
    book = "xl/workbook.xml"
    if "_rels/.rels" in zf.namelist():
        for rel in ElementTree.fromstring(zf.read("_rels/.rels")):
            if rel.get("Type", "").endswith("/officeDocument"):
                book = rel.get("Target", book).lstrip("/")
    rid = next(
        v
        for el in ElementTree.fromstring(zf.read(book)).iter()
        if _local(el.tag) == "sheet" and el.get("name") == sheet
        for k, v in el.attrib.items()
        if _local(k) == "id"
    )
    folder, name = posixpath.split(book)
    rels = ElementTree.fromstring(zf.read(posixpath.join(folder, "_rels", name + ".rels")))
    target = next(el.get("Target", "") for el in rels if el.get("Id") == rid)
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))


def _value_rows(f: BinaryIO) -> tuple[int | None, int | None]:
    """(first, last) row index holding a value, streaming the sheet XML."""
    first = last = None
    row_no = 0
    for _, el in ElementTree.iterparse(f):  # "end" events only: the cheapest stream
        tag = el.tag
        if tag[-4:] != "}row" and tag != "row":
            continue
        r = el.get("r")
        row_no = int(r) if r else row_no + 1
        if any(len(c) and any(_local(v.tag) in ("v", "is") for v in c) for c in el):
            first = row_no if first is None else first
            last = row_no
        el.clear()  # its cells are counted: memory stays small (an empty element per row)
    return first, last


def _iso_datetime(col: pa.Array) -> pa.Array:
    """calamine writes date cells as 'YYYY-MM-DD HH:MM:SS': make them ISO (date only at 00:00)."""
    col = pc.replace_substring_regex(col, r"^(\d{4}-\d{2}-\d{2}) 00:00:00$", r"\1")
    return pc.replace_substring_regex(
        col, r"^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)$", r"\1T\2"
    )


def _numeric_cells(
    book, sheet: str, names: list[str], cols: list[pa.Array], nip_positions: set[int]
) -> None:
    """Rewrite numeric cells from their float value (the string load rounds to 9 decimals).

    The string load does not tell a cell's type: numeric cells are those that a boolean load
    turns into a value although their text is not "true"/"false". Only columns holding
    number-like text are loaded again, chosen by name: an index in ``use_columns`` counts from
    column A, not from the sheet's first used column.
    """
    candidates = [
        i
        for i, c in enumerate(cols)
        if len(c) and pc.any(pc.match_substring_regex(c, _NUMBER_TEXT)).as_py()
    ]
    if not candidates:
        return
    load = dict(header_row=None, use_columns=[names[i] for i in candidates], eager=True)
    flags = book.load_sheet(sheet, dtypes="boolean", **load).slice(1)
    floats = book.load_sheet(sheet, dtypes="float", **load).slice(1)
    for j, i in enumerate(candidates):
        text = cols[i]
        numeric = pc.and_(
            pc.is_valid(flags.column(j)),
            pc.invert(pc.is_in(text, value_set=pa.array(["true", "false"]))),
        )
        if not pc.any(numeric).as_py():
            continue
        values, numbers = text.to_pylist(), floats.column(j).to_pylist()
        fmt = _excel_nip if i in nip_positions else _float_text
        for r, is_num in enumerate(numeric.to_pylist()):
            if is_num and numbers[r] is not None:
                values[r] = fmt(numbers[r])
        cols[i] = pa.array(values, pa.string())


def _float_text(v: float) -> str:
    """Exact integers without '.0' (2025.0 -> '2025'); anything else as Python's repr."""
    return str(int(v)) if v.is_integer() and abs(v) <= 2**53 else repr(v)


def _excel_nip(v: float) -> str:
    """A numeric NIP cell as Excel shows it ('1.98609262015051E+17'): flags a mangled NIP."""
    return f"{v:.15G}"


# --------------------------------------------------------------------------- JSON forms


class _Num(float):
    """A JSON number that remembers how it was written."""

    raw: str


def _parse_float(s: str) -> _Num:
    x = _Num(s)
    x.raw = s
    return x


_DECODER = json.JSONDecoder(parse_float=_parse_float)


def _to_text(v: Any) -> str | None:
    """A JSON value as text: numbers as written (integral without '.0'), nested as JSON."""
    if v is None:
        return None
    if isinstance(v, str):
        return v.strip() or None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, _Num):
        m = _INTEGRAL.match(v.raw)
        return m.group(1) if m else v.raw
    if isinstance(v, int | float):
        return str(v)
    return json.dumps(v, ensure_ascii=False)


class _Records:
    """Buffers JSON records of one file and flushes them to the sink in batches."""

    def __init__(self, sink: _Sink, sumber: str, keymap: dict[str, str]) -> None:
        self.sink, self.sumber, self.keymap = sink, sumber, keymap
        self.names = sink.table.column_names
        self.seen: set[str] = set()  # contract columns present as keys
        self._lookup: dict[str, str] = {}  # JSON key -> contract column or ""
        self.objects = 0
        self._reset()

    def _reset(self) -> None:
        self.buffer: list[tuple] = []  # (baris, _ekstra, _cacat, _catatan, *contract values)

    def add(
        self,
        baris: int,
        obj: dict,
        defaults: dict[str, str] | None = None,
        catatan: str | None = None,
    ) -> None:
        row: dict[str, str | None] = {}
        extras: Any = None  # dict of extra keys, then its JSON text
        lookup = self._lookup
        for k, v in obj.items():
            col = lookup.get(k)
            if col is None:  # first time this key is seen: "" = not a contract column
                col = lookup[k] = self.keymap.get(normalise_name(k), "")
            if not col or col in row:
                if v is not None:
                    if extras is None:
                        extras = {}
                    extras[k] = v
                continue
            row[col] = (v.strip() or None) if type(v) is str else _to_text(v)
        self.seen.update(row)
        self.objects += 1
        if extras:
            self.sink.extra.update(dict.fromkeys(extras))
            extras = json.dumps(extras, ensure_ascii=False)
        if defaults:
            for col, value in defaults.items():
                if row.get(col) is None:
                    row[col] = value
        self.buffer.append((baris, extras, None, catatan, *map(row.get, self.names)))
        if len(self.buffer) >= BATCH_ROWS:
            self.flush()

    def defect(self, baris: int, reason: str, raw: Any) -> None:
        self.buffer.append((baris, _mentah(raw), reason, None, *([None] * len(self.names))))
        if len(self.buffer) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        baris, ekstra, cacat, catatan, *cols = zip(*self.buffer, strict=True)
        self.sink.defer(
            self.sink.add,
            self.sumber,
            pa.array(baris, pa.int64()),
            {c: pa.array(v, pa.string()) for c, v in zip(self.names, cols, strict=True)},
            pa.array(ekstra, pa.string()),
            pa.array(cacat, pa.string()),
            pa.array(catatan, pa.string()),
        )
        self._reset()

    def check_required(self, path: Path, exempt: tuple[str, ...] = ()) -> None:
        """A required column absent from every object of a file is fatal (like a header)."""
        self.flush()
        table = self.sink.table
        missing = [
            c.name
            for c in table.columns
            if c.required and c.name not in self.seen and c.name not in exempt
        ]
        if self.objects and missing:
            raise BundleError(
                f"Berkas '{path.name}': kolom wajib tidak ada: {', '.join(missing)}.", path
            )


def _read_jsonl(sink: _Sink, src: SourceFile) -> tuple[str | None, str | None]:
    """One JSON Lines file (UTF-8, or Windows-1252 as judged by ``_Decoder``)."""
    encoding = _text_encoding(src.path, src.label, allow_empty=True)
    total, newline = count_lines(src.path)
    decoder = _read_jsonl_as(sink, src, _Decoder(encoding, newline, src))
    sink.physical += total
    return decoder.encoding, None


def _read_jsonl_as(sink: _Sink, src: SourceFile, decoder: _Decoder) -> _Decoder:
    """Stream one JSON Lines file; ``_baris`` is the physical line (blank lines count)."""
    records = _Records(sink, src.label, {c: c for c in sink.table.column_names})
    blank = 0
    with open(src.path, "rb") as f:
        lines = _Lines(f, decoder)
        for n, line in enumerate(lines.plain(), start=1):
            defect = note = None
            if decoder.defects or decoder.notes:
                defect, note = lines.flags(n, 1)
            text = line.strip()
            if defect:
                records.defect(n, defect, text)
            elif not text:
                blank += 1
            else:
                _jsonl_record(records, n, text, note)
    records.check_required(src.path)
    sink.blank += blank
    return decoder


def _jsonl_record(records: _Records, n: int, text: str, note: str | None) -> None:
    try:
        obj = _DECODER.decode(text)
    except json.JSONDecodeError as e:
        records.defect(n, f"Baris bukan JSON yang valid (kolom {e.colno}).", text)
        return
    if isinstance(obj, dict):
        records.add(n, obj, catatan=note)
    else:
        records.defect(n, f"Baris bukan objek JSON ({_json_kind(obj)}).", text)


def _json_kind(v: Any) -> str:
    if isinstance(v, list):
        return "array"
    if isinstance(v, str):
        return "teks"
    if v is None:
        return "null"
    return "boolean" if isinstance(v, bool) else "angka"


def nip_from_file_name(stem: str) -> str | None:
    """An 18-digit run (digits possibly grouped by space, '.', '_' or '-') -> the digits."""
    m = _NIP_IN_NAME.search(stem)
    return re.sub(r"\D", "", m.group(0)) if m else None


def _read_siasn(sink: _Sink, src: SourceFile) -> tuple[str | None, str | None]:
    """One SIASN array: one record per element. Here the JSON decoder is the only count of
    what the file holds (``physical_rows`` = array elements)."""
    path, name = src.path, src.label
    data = read_json_file(path, name, _DECODER)
    if not isinstance(data, list):
        raise BundleError(
            f"Berkas '{name}' harus berisi array JSON (format SIASN rw-skp22), "
            f"bukan {_json_kind(data) if not isinstance(data, dict) else 'objek'}.",
            path,
        )
    keymap = {c: c for c in sink.table.column_names}
    keymap.update({normalise_name(k): c for k, c in SIASN_FIELDS.items()})
    records = _Records(sink, name, keymap)
    file_nip = nip_from_file_name(path.stem)
    defaults = {"nip": file_nip} if file_nip else None
    for i, obj in enumerate(data, start=1):
        if isinstance(obj, dict):
            records.add(i, obj, defaults)
        else:
            records.defect(i, f"Elemen bukan objek JSON ({_json_kind(obj)}).", obj)
    records.check_required(path, exempt=("nip",))
    sink.physical += len(data)
    return "utf-8", None


_READERS: dict[str, Callable[[_Sink, SourceFile], tuple[str | None, str | None]]] = {
    "csv": _read_csv,
    "xlsx": _read_xlsx,
    "jsonl": _read_jsonl,
    "siasn_json": _read_siasn,
}
