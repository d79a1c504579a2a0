"""Raw readers: land every cell of a table's sources as text in DuckDB ``raw_<table>``.

Columns of ``raw_<table>``: ``_baris`` (1-based data row within its file/sheet), ``_sumber``
(file name, ``#sheet`` for xlsx), the contract columns (VARCHAR, contract order), ``_ekstra``
(JSON object of non-contract columns, or NULL) and ``_cacat`` (why the row is not a record).
Values are not parsed here: the normaliser does that in SQL.
"""

from __future__ import annotations

import codecs
import csv
import gc
import json
import re
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import reduce
from itertools import islice
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from transforms.contract import SIASN_FIELDS, TABLE_BY_NAME, Table
from transforms.ingest.bundle import BundleError, SourceFile, normalise_name, read_json_file

BATCH_ROWS = 100_000  # rows per batch handed to Arrow/DuckDB (memory stays bounded)
_HEAD_BYTES = 1 << 16
_CSV_FIELD_LIMIT = 64 << 20
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x19\x1b-\x1f]")
_INTEGRAL = re.compile(r"^(-?\d+)\.0*$")
_NIP_IN_NAME = re.compile(r"(?<!\d)\d(?:[ ._-]?\d){17}(?![ ._-]?\d)")
_NUMBER_TEXT = r"^-?\d+(\.\d+)?$"  # how the string load writes a numeric cell
_SEP_HINT = re.compile(r"^sep=([,;])\r?\n", re.IGNORECASE)
_NULL = pa.scalar(None, pa.string())


@dataclass
class RawTable:
    table: str
    rows: int
    files: list[str]
    extra_columns: list[str]
    encoding: str | None
    delimiter: str | None
    defective_rows: int
    blank_rows: int = 0  # entirely empty CSV/XLSX rows: skipped, not data records


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
        self.rows = self.defective = self.blank = 0
        self.extra: dict[str, None] = {}  # ordered set of extra column names
        cols = "".join(f'"{c}" VARCHAR, ' for c in table.column_names)
        con.execute(
            f'CREATE OR REPLACE TABLE "{self.name}" '
            f"(_baris BIGINT, _sumber VARCHAR, {cols}_ekstra VARCHAR, _cacat VARCHAR)"
        )
        select = ", ".join(f'"{c}"' for c in table.column_names)
        self.insert = (
            f'INSERT INTO "{self.name}" SELECT _baris, $1, {select}, _ekstra, _cacat '
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
    ) -> None:
        """Insert one batch now (called from a deferred job)."""
        n = len(baris)
        if n == 0:
            return
        arrays = {"_baris": baris.cast(pa.int64())}
        for c in self.table.column_names:
            arrays[c] = data[c] if c in data else pa.nulls(n, pa.string())
        arrays["_ekstra"] = ekstra if ekstra is not None else pa.nulls(n, pa.string())
        arrays["_cacat"] = cacat if cacat is not None else pa.nulls(n, pa.string())
        self.con.register("_raw_batch", pa.table(arrays))
        try:
            self.con.execute(self.insert, [sumber])
        finally:
            self.con.unregister("_raw_batch")
        self.rows += n
        if cacat is not None:
            self.defective += n - cacat.null_count

    def _wait(self) -> None:
        """Wait for the pending job (re-raising its error) and report progress."""
        if self._pending is None:
            return
        future, self._pending = self._pending, None
        future.result()
        if self.progress:
            self.progress(self.rows)

    def mark(self) -> tuple:
        """Counters before a file, for ``rollback``."""
        self._wait()
        return self.rows, self.defective, self.blank, dict(self.extra)

    def rollback(self, mark: tuple, sumber: str) -> None:
        """Forget the rows of one file (to re-read it with another encoding)."""
        self._wait()
        self.con.execute(f'DELETE FROM "{self.name}" WHERE _sumber = $1', [sumber])
        self.rows, self.defective, self.blank, self.extra = mark

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
) -> None:
    """Clean one batch of raw string columns, drop blank rows, build ``_ekstra``, insert."""
    n = len(cols[0])
    cols = [_clean(c) for c in cols]
    baris = pa.array(range(first, first + n), pa.int64())
    cacat_a = pa.array(cacat, pa.string()) if cacat else None
    mentah_a = pa.array(mentah, pa.string()) if mentah else None
    blank = reduce(pc.and_, [pc.is_null(c) for c in cols])
    if cacat_a is not None:
        blank = pc.and_(blank, pc.is_null(cacat_a))
    nblank = pc.sum(blank).as_py() or 0
    if nblank:
        keep = pc.invert(blank)
        cols = [c.filter(keep) for c in cols]
        baris = baris.filter(keep)
        cacat_a = cacat_a.filter(keep) if cacat_a is not None else None
        mentah_a = mentah_a.filter(keep) if mentah_a is not None else None
        sink.blank += nblank
    ekstra = None
    if layout.extras or mentah_a is not None:
        ekstra = pa.array(_ekstra_json(layout, cols, mentah_a, len(baris)), pa.string())
        sink.extra.update(dict.fromkeys(name for _, name in layout.extras))
    data = {c: cols[i] for c, i in layout.positions.items()}
    sink.add(sumber, baris, data, ekstra, cacat_a)


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


def text_encodings(path: Path, name: str, allow_empty: bool = False) -> list[str] | None:
    """Encodings to try, in order, judged from the first bytes; binary or UTF-16 -> BundleError.

    Returns None for an empty file when ``allow_empty`` (else BundleError). The readers decode
    strictly and fall back to the next encoding on the first invalid byte: never lossy.
    """
    with open(path, "rb") as f:
        head = f.read(_HEAD_BYTES)
    if len(head) < _HEAD_BYTES and not head.strip():
        if allow_empty:
            return None
        raise BundleError(f"Berkas '{name}' kosong: tidak ada baris judul.", path)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise BundleError(f"Berkas '{name}' berenkode UTF-16; simpan ulang sebagai UTF-8.", path)
    if _CONTROL.search(head):
        raise BundleError(f"Berkas '{name}' bukan berkas teks (berisi data biner).", path)
    # After a UTF-8 BOM, invalid UTF-8 is an error, not a hint to guess another encoding.
    return ["utf-8-sig"] if head.startswith(codecs.BOM_UTF8) else ["utf-8", "cp1252"]


def _read_text(
    sink: _Sink,
    src: SourceFile,
    read: Callable[[_Sink, SourceFile, str], str | None],
    allow_empty: bool = False,
) -> tuple[str | None, str | None]:
    """Run ``read`` with each candidate encoding; an invalid byte rolls the file back."""
    encodings = text_encodings(src.path, src.label, allow_empty)
    if encodings is None:
        return None, None
    for encoding in encodings:
        mark = sink.mark()
        try:
            return encoding, read(sink, src, encoding)
        except UnicodeDecodeError:
            sink.rollback(mark, src.label)
    raise BundleError(
        f"Berkas '{src.label}': pengodean karakter tidak dikenali "
        "(bukan UTF-8 maupun Windows-1252).",
        src.path,
    )


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
    return _read_text(sink, src, _read_csv_as)


def _read_csv_as(sink: _Sink, src: SourceFile, encoding: str) -> str:
    """Stream one CSV file in batches; returns the delimiter."""
    name, path = src.label, src.path
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    with open(path, encoding=encoding, newline="") as f:
        head = f.read(1 << 16).lstrip("\ufeff")
        hint = _SEP_HINT.match(head)  # Excel's "sep=;" first line
        delimiter = hint.group(1) if hint else sniff_delimiter(head)
        f.seek(0)
        if hint:
            f.readline()
        reader = csv.reader(f, delimiter=delimiter)
        header = next((r for r in reader if any(c.strip() for c in r)), None)
        if header is None:
            raise BundleError(f"Berkas '{name}' kosong: tidak ada baris judul.", path)
        layout = _layout(header, sink.table, f"Berkas '{name}'", path)
        width, done = len(header), 0
        empty_row = [""] * width
        while True:
            try:
                batch = list(islice(reader, BATCH_ROWS))
            except csv.Error as e:
                raise BundleError(
                    f"Berkas '{name}': CSV rusak setelah baris data {done}: {_csv_problem(e)}.",
                    path,
                ) from e
            if not batch:
                break
            cacat = mentah = None
            if len(set(map(len, batch))) > 1 or len(batch[0]) != width:
                cacat, mentah = [None] * len(batch), [None] * len(batch)
                for i, r in enumerate(batch):
                    if len(r) == width:
                        continue
                    if r:  # an empty line is a blank record, not a defective one
                        cacat[i] = f"Jumlah kolom {len(r)}, seharusnya {width} sesuai baris judul."
                        mentah[i] = json.dumps({"_mentah": r}, ensure_ascii=False)
                    batch[i] = empty_row
            cols = _transpose(batch, width)
            sink.defer(_tabular_batch, sink, name, layout, cols, done + 1, cacat, mentah)
            done += len(batch)
    return delimiter


def _csv_problem(e: csv.Error) -> str:
    text = str(e)
    if "NUL" in text:
        return "berisi bita NUL (bukan berkas teks)"
    if "field limit" in text:
        return "ada sel lebih dari 64 MB (tanda kutip tidak tertutup?)"
    return "format CSV tidak valid"


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
    _numeric_cells(book, src.sheet, cols, nip_positions)
    for off in range(0, body.num_rows, BATCH_ROWS):
        part = [c.slice(off, BATCH_ROWS) for c in cols]
        sink.defer(_tabular_batch, sink, src.label, layout, part, off + 1)
    return None, None


def _iso_datetime(col: pa.Array) -> pa.Array:
    """calamine writes date cells as 'YYYY-MM-DD HH:MM:SS': make them ISO (date only at 00:00)."""
    col = pc.replace_substring_regex(col, r"^(\d{4}-\d{2}-\d{2}) 00:00:00$", r"\1")
    return pc.replace_substring_regex(
        col, r"^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)$", r"\1T\2"
    )


def _numeric_cells(book, sheet: str, cols: list[pa.Array], nip_positions: set[int]) -> None:
    """Rewrite numeric cells from their float value (the string load rounds to 9 decimals).

    The string load does not tell a cell's type: numeric cells are those that a boolean load
    turns into a value although their text is not "true"/"false". Only columns holding
    number-like text are loaded again.
    """
    candidates = [
        i
        for i, c in enumerate(cols)
        if len(c) and pc.any(pc.match_substring_regex(c, _NUMBER_TEXT)).as_py()
    ]
    if not candidates:
        return
    load = dict(header_row=None, use_columns=candidates, eager=True)
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
        self.buffer: list[tuple] = []  # (baris, _ekstra, _cacat, *contract values)

    def add(self, baris: int, obj: dict, defaults: dict[str, str] | None = None) -> None:
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
        self.buffer.append((baris, extras, None, *map(row.get, self.names)))
        if len(self.buffer) >= BATCH_ROWS:
            self.flush()

    def defect(self, baris: int, reason: str, raw: Any) -> None:
        mentah = json.dumps({"_mentah": raw}, ensure_ascii=False)
        self.buffer.append((baris, mentah, reason, *([None] * len(self.names))))
        if len(self.buffer) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        baris, ekstra, cacat, *cols = zip(*self.buffer, strict=True)
        self.sink.defer(
            self.sink.add,
            self.sumber,
            pa.array(baris, pa.int64()),
            {c: pa.array(v, pa.string()) for c, v in zip(self.names, cols, strict=True)},
            pa.array(ekstra, pa.string()),
            pa.array(cacat, pa.string()),
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
    encoding, _ = _read_text(sink, src, _read_jsonl_as, allow_empty=True)
    return encoding or "utf-8", None


def _read_jsonl_as(sink: _Sink, src: SourceFile, encoding: str) -> None:
    """Stream one JSON Lines file; line numbers count non-empty lines from 1."""
    path = src.path
    records = _Records(sink, src.label, {c: c for c in sink.table.column_names})
    n = 0
    with open(path, encoding=encoding) as f:
        for line in f:
            text = line.strip()
            if not text:
                continue
            n += 1
            try:
                obj = _DECODER.decode(text)
            except json.JSONDecodeError as e:
                records.defect(n, f"Baris bukan JSON yang valid (kolom {e.colno}).", text)
                continue
            if isinstance(obj, dict):
                records.add(n, obj)
            else:
                records.defect(n, f"Baris bukan objek JSON ({_json_kind(obj)}).", text)
    records.check_required(path)


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
    return "utf-8", None


_READERS: dict[str, Callable[[_Sink, SourceFile], tuple[str | None, str | None]]] = {
    "csv": _read_csv,
    "xlsx": _read_xlsx,
    "jsonl": _read_jsonl,
    "siasn_json": _read_siasn,
}
