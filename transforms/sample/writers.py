"""Streaming table writers: CSV (any encoding/delimiter/column order), JSON Lines, xlsx sheets,
the SIASN JSON array, and the ground-truth key. Each counts the data rows it wrote."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import datetime
from json.encoder import encode_basestring as _enc  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any

import xlsxwriter

from transforms.contract import TABLE_BY_NAME

Row = Sequence[Any]


class CsvTable:
    """Rows arrive in contract column order; the file may reorder or add columns."""

    def __init__(self, folder: Path, table: str, *, encoding: str = "utf-8", delimiter: str = ",",
                 order: Sequence[str] | None = None, extra: Sequence[str] = ()) -> None:
        self.table = table
        self.path = folder / f"{table}.csv"
        self.rows = 0
        columns = list(TABLE_BY_NAME[table].column_names)
        header = list(order) if order else columns
        self._index = [columns.index(c) for c in header]
        self._reorder = self._index != list(range(len(columns)))
        self._extra = len(extra)
        self._fh = open(self.path, "w", encoding=encoding, newline="", buffering=1 << 18)  # noqa: SIM115 - streamed, closed by close()
        self._buf = io.StringIO()
        self._pending = 0
        self._w = csv.writer(self._buf, delimiter=delimiter, lineterminator="\r\n"
                             if encoding == "cp1252" else "\n")
        self._w.writerow(header + list(extra))

    def _flush(self) -> None:
        self._fh.write(self._buf.getvalue())
        self._buf.seek(0)
        self._buf.truncate()
        self._pending = 0

    def raw(self, row: Row) -> None:
        """Fast path for tables written in contract order without extra columns."""
        self._w.writerow(row)
        self.rows += 1
        self._pending += 1
        if self._pending > 4000:
            self._flush()

    def raw_many(self, rows: list[Row]) -> None:
        self._w.writerows(rows)
        self.rows += len(rows)
        self._pending += len(rows)
        if self._pending > 4000:
            self._flush()

    def write(self, row: Row, extra: Row = ()) -> int:
        if self._reorder:
            row = [row[i] for i in self._index]
        if self._extra:
            row = list(row) + (list(extra) or [""] * self._extra)
        self.raw(row)
        return self.rows

    def close(self) -> None:
        self._flush()
        self._fh.close()


class JsonlTable:
    def __init__(self, folder: Path, table: str) -> None:
        self.table = table
        self.path = folder / f"{table}.jsonl"
        self.rows = 0
        self._keys = [_enc(c) + ": " for c in TABLE_BY_NAME[table].column_names]
        self._template = "{" + ", ".join(k + '"%s"' for k in self._keys) + "}\n"
        self._fh = open(self.path, "w", encoding="utf-8", newline="\n", buffering=1 << 18)  # noqa: SIM115 - streamed, closed by close()

    def write(self, row: Row) -> int:
        parts = [k + (_enc(v) if isinstance(v, str) else json.dumps(v))
                 for k, v in zip(self._keys, row, strict=True)]
        self._fh.write("{" + ", ".join(parts) + "}\n")
        self.rows += 1
        return self.rows

    def write_plain_many(self, rows: list[tuple[str, ...]]) -> None:
        t = self._template
        self._fh.write("".join([t % row for row in rows]))
        self.rows += len(rows)

    def write_plain(self, row: tuple[str, ...]) -> int:
        """Fast path for rows of plain strings (no quote, backslash or control character)."""
        self._fh.write(self._template % row)
        self.rows += 1
        return self.rows

    def close(self) -> None:
        self._fh.close()


class Workbook:
    """One xlsx workbook written row by row (constant_memory); fixed metadata for determinism."""

    def __init__(self, path: Path, tahun: int) -> None:
        self.path = path
        self.book = xlsxwriter.Workbook(str(path), {"constant_memory": True,
                                                    "strings_to_numbers": False})
        self.book.set_properties({"author": "e-Kinerja", "created": datetime(tahun + 1, 1, 15, 8)})

    def close(self) -> None:
        self.book.close()


class XlsxSheet:
    """A table as a sheet; str cells as text, int/float cells as numbers."""

    def __init__(self, workbook: Workbook, table: str) -> None:
        self.table = table
        self.path = workbook.path
        self.rows = 0
        self._ws = workbook.book.add_worksheet(table)
        for c, name in enumerate(TABLE_BY_NAME[table].column_names):
            self._ws.write_string(0, c, name)

    def write(self, row: Row) -> int:
        self.rows += 1
        ws = self._ws
        for c, v in enumerate(row):
            if v is None or v == "":
                continue
            if isinstance(v, str):
                ws.write_string(self.rows, c, v)
            else:
                ws.write_number(self.rows, c, v)
        return self.rows

    def close(self) -> None:  # closed with the workbook
        pass


class JsonArray:
    """The SIASN rw-skp22 file: a JSON array streamed object by object."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.rows = 0
        self._fh = open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 - streamed, closed by close()
        self._fh.write("[")

    def write(self, obj: dict[str, Any]) -> int:
        return self.write_raw(json.dumps(obj, ensure_ascii=False))

    def write_raw(self, text: str) -> int:
        """One already serialised JSON object."""
        self._fh.write((",\n" if self.rows else "\n") + text)
        self.rows += 1
        return self.rows

    def close(self) -> None:
        self._fh.write("\n]\n")
        self._fh.close()


KEY_HEADER = ("rule", "tingkat", "subjek_id", "periode", "tabel", "catatan")


class _CsvLog:
    """A CSV file written row by row with a header, counting rows per first field."""

    def __init__(self, path: Path, header: tuple[str, ...]) -> None:
        self.path = path
        self.counts: dict[str, int] = {}
        self._fh = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - streamed, closed by close()
        self._w = csv.writer(self._fh, lineterminator="\n")
        self._w.writerow(header)

    def _row(self, row: tuple) -> None:
        self._w.writerow(row)
        self.counts[row[0]] = self.counts.get(row[0], 0) + 1

    def close(self) -> None:
        self._fh.close()


class KeyWriter(_CsvLog):
    """Ground truth of planted defects, counted per rule."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, KEY_HEADER)

    def add(self, rule: str, tingkat: str, subjek: str, periode: str, tabel: str,
            catatan: str) -> None:
        self._row((rule, tingkat, subjek, periode, tabel, catatan))


DECOY_HEADER = ("umpan", "rule", "tingkat", "subjek_id", "periode", "unor_id",
                "predikat_organisasi", "pegawai", "catatan")


class DecoyWriter(_CsvLog):
    """Planted decoys: units and their evaluators that look like a planted rule at first sight but
    are backed by the evidence, so a correct analysis must not flag them for ``rule``."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, DECOY_HEADER)

    def add(self, umpan: str, rule: str, nip_penilai: str, periode: str, unor_id: str,
            predikat_organisasi: str, pegawai: int, catatan: str) -> None:
        self._row((umpan, rule, "penilai", nip_penilai, periode, unor_id,
                   predikat_organisasi, pegawai, catatan))
