"""Restricted output (``OUT/terbatas/``): named follow-up lists, one XLSX per unit.

These files hold personal data (NIP, nama) under UU 27/2022 and are meant only for the people
entitled to them (the unit's leadership and the BKD team); the dashboard never links to them.
The sheets are discovered from ``transforms/sql/terbatas/*.sql`` (``restricted_sheets``), laid
out for printing (``restricted_layout``) and written by worker processes when there are many
(``restricted_pool``).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import duckdb
import polars as pl

from transforms.restricted_layout import BOOK, Book, SheetTable, page_header
from transforms.restricted_pool import MIN_PARALLEL, write_books
from transforms.restricted_sheets import (
    UNIT_COLUMNS,
    Sheet,
    discover_sheets,
    load_glossary,
    sheet_headers,
)
from transforms.safe_csv import write_frame_csv

README_HEAD = """BERKAS TERBATAS - MEMUAT DATA PRIBADI (UU No. 27 Tahun 2022)

Folder ini berisi daftar bernama untuk tindak lanjut, satu berkas Excel per tahun dan unit kerja
(<tahun>/<instansi>/<unit>.xlsx), dengan lembar:
"""
README_TAIL = """
Setiap lembar siap dicetak: A4 mendatar, selebar halaman, baris judul kolom diulang di setiap
halaman, dan "TERBATAS - data pribadi" di kepala setiap halaman.

karier.csv (UTF-8, koma) memuat satu baris per pegawai dan tahun untuk diimpor ke sistem lain:
predikat, syarat predikat kenaikan pangkat, angka kredit, dan kotak 9 (lihat docs/karier.md).

Bagikan setiap berkas hanya kepada pimpinan unit yang bersangkutan dan tim BKD yang berwenang.
Jangan diunggah ke dasbor, surel massal, atau folder bersama. daftar.csv merangkum isi folder.
"""
_UNIT_TYPES = {
    "tahun": pl.Int64,
    "instansi_nama": pl.String,
    "unor_id": pl.String,
    "unor_nama": pl.String,
}
_KEY = ["tahun", "unor_id"]  # a workbook holds the rows of its year and unit


def _slug(text: object, limit: int = 60) -> str:
    slug = re.sub(r"[^0-9A-Za-z]+", "-", str(text or "")).strip("-").lower()
    return slug[:limit].rstrip("-") or "unit"


def readme(sheets: tuple[Sheet, ...]) -> str:
    """BACA_DULU.txt: the sheets by name, each with its ``uraian``."""
    items = [
        textwrap.fill(
            f'"{s.name}"' + (f": {s.description}" if s.description else ""),
            width=98,
            initial_indent="- ",
            subsequent_indent="  ",
        )
        for s in sheets
    ]
    return README_HEAD + "\n".join(items) + "\n" + README_TAIL


def write_restricted_lists(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    sheets: tuple[Sheet, ...] | None = None,
    workers: int | None = None,
    min_parallel: int = MIN_PARALLEL,
) -> pl.DataFrame:
    """Write one workbook per year and unit that has named rows; returns the index (also
    daftar.csv, one count column per sheet). ``folder`` is a new folder of this run's release;
    ``sheets`` defaults to the discovered ones. From ``min_parallel`` workbooks on, ``workers``
    processes (default: ``restricted_pool.default_workers()``) write them."""
    sheets = discover_sheets() if sheets is None else sheets
    folder.mkdir(parents=True, exist_ok=True)
    frames, headers = _query_sheets(con, sheets)
    units = (
        pl.concat([f.select(UNIT_COLUMNS) for f in frames.values()]).unique().sort(UNIT_COLUMNS)
        if frames
        else pl.DataFrame(schema=_UNIT_TYPES)
    )
    keys = units.select(_KEY).unique(maintain_order=True).with_row_index(BOOK)
    units = units.join(keys, on=_KEY, how="left", nulls_equal=True, maintain_order="left")
    books = _books(units, folder)
    tables = [
        SheetTable(s.name, headers[s.name], _numbered(frames[s.name], keys), s.wrap) for s in sheets
    ]
    counts = write_books(books, tables, workers, min_parallel)
    frame = _index(units, books, counts, folder, sheets)
    write_frame_csv(frame, folder / "daftar.csv")
    (folder / "BACA_DULU.txt").write_text(readme(sheets), encoding="utf-8")
    return frame


def _index(
    units: pl.DataFrame,
    books: list[Book],
    counts: list[dict[str, int]],
    folder: Path,
    sheets: tuple[Sheet, ...],
) -> pl.DataFrame:
    """daftar.csv: a row per workbook, its unit, file and the rows per sheet."""
    rows = [
        {
            **dict(zip(_UNIT_TYPES, unit, strict=True)),
            "berkas": str(b.path.relative_to(folder)),
            **n,
        }
        for unit, b, n in zip(units.select(UNIT_COLUMNS).iter_rows(), books, counts, strict=True)
    ]
    schema = {**_UNIT_TYPES, "berkas": pl.String, **{s.name: pl.Int64 for s in sheets}}
    return pl.DataFrame(rows, schema=schema)


def _query_sheets(
    con: duckdb.DuckDBPyConnection, sheets: tuple[Sheet, ...]
) -> tuple[dict[str, pl.DataFrame], dict[str, list[str]]]:
    """Each sheet's rows (unit columns typed alike) and its headers."""
    glossary = load_glossary()
    frames: dict[str, pl.DataFrame] = {}
    headers: dict[str, list[str]] = {}
    for s in sheets:
        frame = con.sql(s.query).pl()
        headers[s.name] = sheet_headers(s, frame.columns, glossary)
        frames[s.name] = frame.with_columns(pl.col(c).cast(t) for c, t in _UNIT_TYPES.items())
    return frames, headers


def _numbered(frame: pl.DataFrame, keys: pl.DataFrame) -> pl.DataFrame:
    """The shown columns of a sheet, in order, and ``BOOK``: the number of the row's unit."""
    numbered = frame.join(keys, on=_KEY, how="inner", nulls_equal=True, maintain_order="left")
    return numbered.drop(UNIT_COLUMNS)


def _books(units: pl.DataFrame, folder: Path) -> list[Book]:
    """A workbook per unit: <tahun>/<instansi>/<unor_id>_<unor_nama>.xlsx (folders made)."""
    books = []
    for tahun, instansi, unor_id, unor_nama, unit in units.iter_rows():
        path = (
            folder / str(tahun) / _slug(instansi) / f"{_slug(unor_id, 40)}_{_slug(unor_nama)}.xlsx"
        )
        title = f"{unor_nama} — {instansi} — {tahun}"
        books.append(Book(unit, path, title, page_header(str(unor_nama), str(instansi), tahun)))
    for parent in {b.path.parent for b in books}:
        parent.mkdir(parents=True, exist_ok=True)
    return books
