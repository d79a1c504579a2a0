"""JSON Lines (physical line numbers) and SIASN rw-skp22 arrays."""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path
from typing import IO, Any

import pyarrow as pa

from transforms.contract import SIASN_FIELDS
from transforms.ingest.bundle import BundleError, SourceFile, normalise_name, read_json_file
from transforms.ingest.csv_form import _mentah
from transforms.ingest.jsonl_native import read_jsonl_native
from transforms.ingest.sink import BATCH_ROWS, _Sink
from transforms.ingest.text import _Decoder, _Lines, _text_encoding, count_lines

PLANS_MAX = 4096  # distinct key sequences whose plan is kept (objects of one file share a few)
_INTEGRAL = re.compile(r"^(-?\d+)\.0*$")
_NIP_IN_NAME = re.compile(r"(?<!\d)\d(?:[ ._-]?\d){17}(?![ ._-]?\d)")


class _Num(float):
    """A JSON number that remembers how it was written."""

    raw: str


def _parse_float(s: str) -> _Num:
    x = _Num(s)
    x.raw = s
    return x


_DECODER = json.JSONDecoder(parse_float=_parse_float)
_SURROGATE = (
    "Rekaman memuat escape Unicode yang tidak sah (surrogate tunggal seperti \\ud800): teksnya"
    " tidak dapat disimpan sebagai UTF-8."
)


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
        self._index = {c: i for i, c in enumerate(self.names)}
        self.seen: set[str] = set()  # contract columns present as keys
        self._lookup: dict[str, str] = {}  # JSON key -> contract column or ""
        self._plans: dict[tuple[str, ...], tuple[list[str | None], tuple[str, ...]]] = {}
        self.objects = 0
        self._reset()

    def _reset(self) -> None:
        self.buffer: list[tuple] = []  # (baris, _ekstra, _cacat, _catatan, *contract values)

    def _plan(self, keys: tuple[str, ...]) -> tuple[list[str | None], tuple[str, ...]]:
        """For an object with ``keys`` (in order): the key each contract column takes its value
        from (None: absent) and the keys kept in ``_ekstra`` (not a contract column, or a second
        key for a column already taken). The same for every object with these keys."""
        lookup = self._lookup
        source: dict[str, str] = {}
        extra: list[str] = []
        for k in keys:
            col = lookup.get(k)
            if col is None:  # first time this key is seen: "" = not a contract column
                col = lookup[k] = self.keymap.get(normalise_name(k), "")
            if not col or col in source:
                extra.append(k)
            else:
                source[col] = k
        self.seen.update(source)
        plan = ([source.get(c) for c in self.names], tuple(extra))
        if len(self._plans) < PLANS_MAX:
            self._plans[keys] = plan
        return plan

    def add(
        self,
        baris: int,
        obj: dict,
        defaults: dict[str, str] | None = None,
        catatan: str | None = None,
    ) -> None:
        keys = tuple(obj)
        plan = self._plans.get(keys)
        sources, extra_keys = plan if plan is not None else self._plan(keys)
        values = [
            None if k is None else (v.strip() or None) if type(v := obj[k]) is str else _to_text(v)
            for k in sources
        ]
        self.objects += 1
        ekstra = None
        if extra_keys:
            kept = {k: obj[k] for k in extra_keys if obj[k] is not None}
            if kept:
                self.sink.extra.update(dict.fromkeys(kept))
                ekstra = json.dumps(kept, ensure_ascii=False)
        if defaults:
            for col, value in defaults.items():
                i = self._index.get(col)
                if i is not None and values[i] is None:
                    values[i] = value
        self.buffer.append((baris, ekstra, None, catatan, *values))
        if len(self.buffer) >= BATCH_ROWS:
            self.flush()

    def defect(self, baris: int, reason: str, raw: Any) -> None:
        self.buffer.append(self._defect_row(baris, reason, _mentah(raw)))
        if len(self.buffer) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        try:
            arrays = self._arrays()
        except UnicodeEncodeError:  # a lone surrogate from an escape such as "\ud800"
            self.buffer = [self._encodable(row) for row in self.buffer]
            arrays = self._arrays()
        self.sink.defer(self.sink.add, self.sumber, *arrays)
        self._reset()

    def _arrays(self) -> tuple:
        baris, ekstra, cacat, catatan, *cols = zip(*self.buffer, strict=True)
        return (
            pa.array(baris, pa.int64()),
            {c: pa.array(v, pa.string()) for c, v in zip(self.names, cols, strict=True)},
            pa.array(ekstra, pa.string()),
            pa.array(cacat, pa.string()),
            pa.array(catatan, pa.string()),
        )

    def _encodable(self, row: tuple) -> tuple:
        """The row, or a defect row when a text of it cannot be UTF-8 (a lone surrogate)."""
        try:
            for v in row[1:]:
                if isinstance(v, str):
                    v.encode("utf-8")
        except UnicodeEncodeError:
            values = dict(zip(self.names, row[4:], strict=True))
            kept = {k: v for k, v in values.items() if v is not None}
            raw = json.dumps({"_mentah": kept})  # ASCII: the surrogate stays an escape
            return self._defect_row(row[0], _SURROGATE, raw)
        return row

    def _defect_row(self, baris: int, reason: str, mentah: str) -> tuple:
        """A buffered row for a defective record: its raw text (JSON) in ``_ekstra``."""
        return (baris, mentah, reason, None, *([None] * len(self.names)))

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
    """One JSON Lines file: DuckDB's reader when the file is plain (``jsonl_native``), else
    Python's."""
    if encoding := read_jsonl_native(sink, src):
        return encoding, None
    return _read_jsonl_python(sink, src)


def _read_jsonl_python(sink: _Sink, src: SourceFile) -> tuple[str | None, str | None]:
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


CHUNK_BYTES = 1 << 20  # bytes read at a time from a SIASN array
_WS = re.compile(r"[ \t\n\r]*")  # JSON whitespace
_MARGIN = 16  # a parse failing this close to the buffer end may be a cut-off value


class _Stream:
    """Incrementally decoded UTF-8 text of one file; ``buf[pos:]`` is still unparsed.

    Only the unparsed tail is kept; lines and columns of errors are those of the whole text.
    """

    def __init__(self, f: IO[bytes], path: Path, name: str) -> None:
        self.f, self.path, self.name = f, path, name
        self._utf8 = codecs.getincrementaldecoder("utf-8-sig")()
        self.buf, self.pos, self.eof = "", 0, False
        self._base = 0  # characters dropped before buf
        self._lines = 0  # newlines among them
        self._line_start = 0  # absolute offset where the line holding buf[0] starts

    def more(self) -> bool:
        """Drop the parsed text and append at least as much as is left (one chunk at least);
        False at the end of the file."""
        p, buf = self.pos, self.buf
        if nl := buf.count("\n", 0, p):
            self._lines += nl
            self._line_start = self._base + buf.rfind("\n", 0, p) + 1
        self._base += p
        self.buf = buf = buf[p:]  # release the parsed text before reading
        self.pos = 0
        size = max(CHUNK_BYTES, len(buf))  # doubling keeps re-parsing a long value linear
        text = ""
        while not text and not self.eof:
            data = self.f.read(size)
            self.eof = not data
            try:
                text = self._utf8.decode(data, final=self.eof)
            except UnicodeDecodeError as e:
                raise BundleError(f"Berkas '{self.name}' bukan teks UTF-8.", self.path) from e
            del data
        self.buf = buf + text
        return bool(text)

    def peek(self) -> str:
        """The next character after whitespace ("" at the end of the file)."""
        while True:
            self.pos = _WS.match(self.buf, self.pos).end()
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return ""

    def value(self) -> Any:
        """Decode the JSON value at ``pos``, reading more while it may be cut off."""
        while True:
            try:
                obj, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as e:
                cut = e.msg.startswith("Unterminated string") or e.pos >= len(self.buf) - _MARGIN
                if self.eof or not cut:
                    raise self.error(e.pos) from None
            else:  # a number or literal just before the buffer end may go on
                if self.eof or end < len(self.buf) - _MARGIN:
                    self.pos = end
                    return obj
            self.more()

    def error(self, p: int) -> BundleError:
        """Invalid JSON at ``buf[p]`` (after checking that the rest is UTF-8, as before)."""
        nl = self.buf.count("\n", 0, p)
        line = self._lines + nl + 1
        col = p - self.buf.rfind("\n", 0, p) if nl else self._base + p - self._line_start + 1
        while not self.eof:  # invalid UTF-8 anywhere takes precedence
            self.pos = len(self.buf)
            self.more()
        msg = f"Berkas '{self.name}' bukan JSON yang valid (baris {line}, kolom {col})."
        return BundleError(msg, self.path)


def _siasn_elements(s: _Stream) -> Any:
    """Yield the elements of the array at the start of ``s`` (caller checked the '[')."""
    s.pos += 1
    if s.peek() == "]":
        s.pos += 1
    else:
        while True:
            s.peek()
            yield s.value()
            c = s.peek()
            s.pos += 1
            if c == "]":
                break
            if c != ",":
                raise s.error(s.pos - 1)
    if s.peek():
        raise s.error(s.pos)


def _read_siasn(sink: _Sink, src: SourceFile) -> tuple[str | None, str | None]:
    """One SIASN array, streamed: one record per element. Here the JSON decoder is the only
    count of what the file holds (``physical_rows`` = array elements)."""
    path, name = src.path, src.label
    keymap = {c: c for c in sink.table.column_names}
    keymap.update({normalise_name(k): c for k, c in SIASN_FIELDS.items()})
    records = _Records(sink, name, keymap)
    file_nip = nip_from_file_name(path.stem)
    defaults = {"nip": file_nip} if file_nip else None
    n = 0
    with open(path, "rb") as f:
        s = _Stream(f, path, name)
        if s.peek() != "[":  # not an array: small or invalid; decode whole for the message
            data = read_json_file(path, name, _DECODER)
            kind = "objek" if isinstance(data, dict) else _json_kind(data)
            raise BundleError(
                f"Berkas '{name}' harus berisi array JSON (format SIASN rw-skp22), bukan {kind}.",
                path,
            )
        for n, obj in enumerate(_siasn_elements(s), start=1):
            if isinstance(obj, dict):
                records.add(n, obj, defaults)
            else:
                records.defect(n, f"Elemen bukan objek JSON ({_json_kind(obj)}).", obj)
    records.check_required(path, exempt=("nip",))
    sink.physical += n
    return "utf-8", None
