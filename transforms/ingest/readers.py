"""Raw readers: land every cell of a table's sources as text in DuckDB ``raw_<table>``.

Columns of ``raw_<table>``: ``_baris`` (1-based data row within its file/sheet), ``_sumber``
(file name, ``#sheet`` for xlsx), the contract columns (VARCHAR, contract order), ``_ekstra``
(JSON object of non-contract columns, or NULL) and ``_cacat`` (why the row is not a record).
Values are not parsed here: the normaliser does that in SQL.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import gc
import json
import re
from collections.abc import Callable
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
from transforms.ingest.bundle import BundleError, SourceFile, normalise_name

BATCH_ROWS = 100_000
_SCAN_CHUNK = 1 << 20
_CSV_FIELD_LIMIT = 64 << 20
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x19\x1b-\x1f]")
_INTEGRAL = re.compile(r"^(-?\d+)\.0*$")
_NIP_IN_NAME = re.compile(r"(?<!\d)\d(?:[ ._-]?\d){17}(?![ ._-]?\d)")
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
    sink = _Sink(con, TABLE_BY_NAME[table], progress)
    encodings: list[str] = []
    delimiters: list[str] = []
    for src in sources:
        if src.table != table:
            raise ValueError(f"source {src.label} belongs to {src.table!r}, not {table!r}")
        encoding, delimiter = _READERS[src.form](sink, src)
        if encoding and encoding not in encodings:
            encodings.append(encoding)
        if delimiter and delimiter not in delimiters:
            delimiters.append(delimiter)
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
    """Appends Arrow batches to ``raw_<table>`` and keeps the counters."""

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
        self.insert = f'INSERT INTO "{self.name}" SELECT _baris, $1, {select}, _ekstra, _cacat FROM _raw_batch'

    def add(
        self,
        sumber: str,
        baris: pa.Array,
        data: dict[str, pa.Array],
        ekstra: pa.Array | None = None,
        cacat: pa.Array | None = None,
    ) -> None:
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
        if self.progress:
            self.progress(self.rows)


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


def detect_encoding(path: Path, name: str, allow_empty: bool = False) -> str | None:
    """'utf-8-sig', 'utf-8' or 'cp1252', validated over the whole file (never lossy).

    Returns None for an empty file when ``allow_empty``; binary or undecodable -> BundleError.
    """
    with open(path, "rb") as f:
        head = f.read(_SCAN_CHUNK)
        if not head.strip():
            if allow_empty:
                return None
            raise BundleError(f"Berkas '{name}' kosong: tidak ada baris judul.", path)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise BundleError(
                f"Berkas '{name}' berenkode UTF-16; simpan ulang sebagai UTF-8.", path
            )
        if _CONTROL.search(head):
            raise BundleError(f"Berkas '{name}' bukan berkas teks (berisi data biner).", path)
        encoding = "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
        for candidate in (encoding, "cp1252"):
            if candidate == "cp1252" and encoding == "utf-8-sig":
                break  # a UTF-8 BOM followed by invalid UTF-8: no guessing
            f.seek(0)
            decoder = codecs.getincrementaldecoder(candidate)()
            try:
                while chunk := f.read(_SCAN_CHUNK):
                    if b"\x00" in chunk:
                        raise BundleError(
                            f"Berkas '{name}' bukan berkas teks (berisi bita NUL).", path
                        )
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
                return candidate
            except UnicodeDecodeError:
                continue
    raise BundleError(
        f"Berkas '{name}': pengodean karakter tidak dikenali (bukan UTF-8 maupun Windows-1252).",
        path,
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
    name, path = src.label, src.path
    encoding = detect_encoding(path, name)
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    gc_was_enabled = gc.isenabled()
    gc.disable()  # millions of short-lived lists: the cyclic GC would dominate the run time
    try:
        delimiter = _read_csv_rows(sink, src, encoding)
    finally:
        if gc_was_enabled:
            gc.enable()
    return encoding, delimiter


def _read_csv_rows(sink: _Sink, src: SourceFile, encoding: str) -> str:
    name, path = src.label, src.path
    with open(path, encoding=encoding, newline="") as f:
        delimiter = sniff_delimiter(f.read(1 << 16))
        f.seek(0)
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
                    f"Berkas '{name}': CSV rusak setelah baris data {done}: {e}.", path
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
            _tabular_batch(sink, name, layout, _transpose(batch, width), done + 1, cacat, mentah)
            done += len(batch)
    return delimiter


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
        raise BundleError(f"{where} tidak dapat dibaca: {str(e).splitlines()[0]}", path) from e
    if sheet.num_rows == 0:
        raise BundleError(f"{where} kosong: tidak ada baris judul.", path)
    header = [sheet.column(i)[0].as_py() for i in range(sheet.num_columns)]
    layout = _layout(header, sink.table, where, path)
    body = sheet.slice(1)
    cols = [_iso_datetime(body.column(i)) for i in range(body.num_columns)]
    nip_positions = [i for c, i in layout.positions.items() if sink.table.column(c).type == "nip"]
    if nip_positions and body.num_rows:
        # A cell's type is not in the string load: numeric cells are those a boolean load
        # turns into a value although their text is not "true"/"false".
        flags = book.load_sheet(
            src.sheet, header_row=None, dtypes="boolean", use_columns=nip_positions, eager=True
        ).slice(1)
        for j, i in enumerate(nip_positions):
            cols[i] = _scientific_numbers(cols[i], flags.column(j))
    for off in range(0, body.num_rows, BATCH_ROWS):
        _tabular_batch(sink, src.label, layout, [c.slice(off, BATCH_ROWS) for c in cols], off + 1)
    return None, None


def _iso_datetime(col: pa.Array) -> pa.Array:
    """calamine writes date cells as 'YYYY-MM-DD HH:MM:SS': make them ISO (date only at 00:00)."""
    col = pc.replace_substring_regex(col, r"^(\d{4}-\d{2}-\d{2}) 00:00:00$", r"\1")
    return pc.replace_substring_regex(
        col, r"^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)$", r"\1T\2"
    )


def _scientific_numbers(text: pa.Array, flags: pa.Array) -> pa.Array:
    """Numeric cells of a NIP column as Excel shows them ('1.98609262015051E+17')."""
    numeric = pc.and_(
        pc.is_valid(flags), pc.invert(pc.is_in(text, value_set=pa.array(["true", "false"])))
    )
    if not pc.any(numeric).as_py():
        return text
    values = text.to_pylist()
    for i, is_num in enumerate(numeric.to_pylist()):
        if is_num:
            with contextlib.suppress(TypeError, ValueError):  # else keep the text as it is
                values[i] = f"{float(values[i]):.15G}"
    return pa.array(values, pa.string())


# --------------------------------------------------------------------------- JSON forms


class _Num(float):
    """A JSON number that remembers how it was written."""

    raw: str


def _parse_float(s: str) -> _Num:
    x = _Num(s)
    x.raw = s
    return x


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
        self.objects = 0
        self._reset()

    def _reset(self) -> None:
        self.baris: list[int] = []
        self.cols: list[list[str | None]] = [[] for _ in self.names]
        self.ekstra: list[str | None] = []
        self.cacat: list[str | None] = []

    def add(self, baris: int, obj: Any, defaults: dict[str, str] | None = None) -> None:
        row: dict[str, str | None] = {}
        extras: dict[str, Any] = {}
        for k, v in obj.items():
            col = self.keymap.get(normalise_name(str(k)))
            if col is None or col in row:
                if v is not None:
                    extras[str(k)] = v
                continue
            row[col] = _to_text(v)
        self.seen.update(row)
        self.objects += 1
        if extras:
            self.sink.extra.update(dict.fromkeys(extras))
        for col, value in (defaults or {}).items():
            if row.get(col) is None:
                row[col] = value
        self._append(baris, [row.get(c) for c in self.names], extras or None, None)

    def defect(self, baris: int, reason: str, raw: Any) -> None:
        self._append(baris, [None] * len(self.names), {"_mentah": raw}, reason)

    def _append(self, baris: int, values: list, extras: dict | None, reason: str | None) -> None:
        self.baris.append(baris)
        for col, value in zip(self.cols, values, strict=True):
            col.append(value)
        self.ekstra.append(json.dumps(extras, ensure_ascii=False) if extras else None)
        self.cacat.append(reason)
        if len(self.baris) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.baris:
            return
        data = {c: pa.array(v, pa.string()) for c, v in zip(self.names, self.cols, strict=True)}
        self.sink.add(
            self.sumber,
            pa.array(self.baris, pa.int64()),
            data,
            pa.array(self.ekstra, pa.string()),
            pa.array(self.cacat, pa.string()),
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
    path = src.path
    encoding = detect_encoding(path, src.label, allow_empty=True)
    records = _Records(sink, src.label, {c: c for c in sink.table.column_names})
    n = 0
    with open(path, encoding=encoding or "utf-8") as f:
        for line in f:
            text = line.strip()
            if not text:
                continue
            n += 1
            try:
                obj = json.loads(text, parse_float=_parse_float)
            except json.JSONDecodeError as e:
                records.defect(n, f"Baris bukan JSON yang valid: {e.msg} (kolom {e.colno}).", text)
                continue
            if isinstance(obj, dict):
                records.add(n, obj)
            else:
                records.defect(n, f"Baris bukan objek JSON ({_json_kind(obj)}).", text)
    records.check_required(path)
    return encoding or "utf-8", None


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
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"), parse_float=_parse_float)
    except UnicodeDecodeError as e:
        raise BundleError(f"Berkas '{name}' bukan teks UTF-8.", path) from e
    except json.JSONDecodeError as e:
        raise BundleError(
            f"Berkas '{name}' bukan JSON yang valid: {e.msg} (baris {e.lineno}, kolom {e.colno}).",
            path,
        ) from e
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
