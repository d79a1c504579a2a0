"""JSON Lines (physical line numbers) and SIASN rw-skp22 arrays."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pyarrow as pa

from transforms.contract import SIASN_FIELDS
from transforms.ingest.bundle import BundleError, SourceFile, normalise_name, read_json_file
from transforms.ingest.csv_form import _mentah
from transforms.ingest.sink import BATCH_ROWS, _Sink
from transforms.ingest.text import _Decoder, _Lines, _text_encoding, count_lines

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
