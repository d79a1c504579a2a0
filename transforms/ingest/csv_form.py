"""CSV: strict csv over the recording line source; broken records quarantined, the rest read."""

from __future__ import annotations

import codecs
import csv
import json
import re
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import numpy as np
import pyarrow as pa

from transforms.ingest.bundle import BundleError, SourceFile
from transforms.ingest.csv_native import read_csv_native
from transforms.ingest.sink import BATCH_ROWS, _Layout, _layout, _Sink, _tabular_batch
from transforms.ingest.text import _HEAD_BYTES, _Decoder, _Lines, _text_encoding, count_lines

_CHUNK_ROWS = 1000  # CSV records checked together (a clean chunk is taken whole)
_CSV_FIELD_LIMIT = 64 << 20
_SEP_HINT = re.compile(r"^sep=([,;])(?:\r\n|\r|\n)", re.IGNORECASE)


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


def _delimiter(path: Path) -> tuple[str, bool]:
    """The file's delimiter, and whether its first line is Excel's ``sep=`` hint."""
    with open(path, "rb") as f:
        head = f.read(_HEAD_BYTES).removeprefix(codecs.BOM_UTF8).decode("latin-1")
    hint = _SEP_HINT.match(head)
    return (hint.group(1) if hint else sniff_delimiter(head)), bool(hint)


def _read_csv(sink: _Sink, src: SourceFile) -> tuple[str | None, str | None]:
    """One CSV file: DuckDB's parser when the file is plain (``csv_native``), else Python's."""
    delimiter, hint = _delimiter(src.path)
    if not hint and (encoding := read_csv_native(sink, src, delimiter)):
        return encoding, delimiter
    return _read_csv_python(sink, src)


def _read_csv_python(sink: _Sink, src: SourceFile) -> tuple[str | None, str | None]:
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
    delimiter, hint = _delimiter(src.path)
    with open(src.path, "rb") as f:
        reader = _CsvFile(sink, src, _Lines(f, decoder), delimiter)
        header = reader.header(skip_first=hint)
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
