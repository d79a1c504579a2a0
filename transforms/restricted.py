"""Restricted output (``OUT/terbatas/``): named follow-up lists, one XLSX per unit.

These files hold personal data (NIP, nama) under UU 27/2022 and are meant only for the people
entitled to them (the unit's leadership and the BKD team); the dashboard never links to them.
The sheets are discovered from ``transforms/sql/terbatas/*.sql`` (``restricted_sheets``) and laid
out for printing (``restricted_layout``).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import duckdb
import polars as pl

from transforms.restricted_layout import SheetTable, page_header, write_workbook
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
    con: duckdb.DuckDBPyConnection, folder: Path, sheets: tuple[Sheet, ...] | None = None
) -> pl.DataFrame:
    """Write one workbook per year and unit that has named rows; returns the index (also
    daftar.csv, one count column per sheet). ``folder`` is a new folder of this run's release;
    ``sheets`` defaults to the discovered ones."""
    sheets = discover_sheets() if sheets is None else sheets
    glossary = load_glossary()
    folder.mkdir(parents=True, exist_ok=True)
    frames: dict[str, pl.DataFrame] = {}
    headers: dict[str, list[str]] = {}
    for s in sheets:
        frame = con.sql(s.query).pl()
        headers[s.name] = sheet_headers(s, frame.columns, glossary)
        frames[s.name] = frame.with_columns(pl.col(c).cast(t) for c, t in _UNIT_TYPES.items())
    units = (
        pl.concat([f.select(UNIT_COLUMNS) for f in frames.values()]).unique().sort(UNIT_COLUMNS)
        if frames
        else pl.DataFrame(schema=_UNIT_TYPES)
    )
    parts = {
        name: frame.partition_by("tahun", "unor_id", as_dict=True, include_key=True)
        for name, frame in frames.items()
    }
    index = []
    for tahun, instansi, unor_id, unor_nama in units.iter_rows():
        path = (
            folder / str(tahun) / _slug(instansi) / f"{_slug(unor_id, 40)}_{_slug(unor_nama)}.xlsx"
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        tables = [
            SheetTable(
                s.name,
                headers[s.name],
                parts[s.name].get((tahun, unor_id), frames[s.name].clear()).drop(UNIT_COLUMNS),
                s.wrap,
            )
            for s in sheets
        ]
        counts = write_workbook(
            path,
            tables,
            title=f"{unor_nama} — {instansi} — {tahun}",
            header=page_header(str(unor_nama), str(instansi), tahun),
        )
        index.append(
            {
                "tahun": tahun,
                "instansi_nama": instansi,
                "unor_id": unor_id,
                "unor_nama": unor_nama,
                "berkas": str(path.relative_to(folder)),
                **counts,
            }
        )
    frame = pl.DataFrame(
        index, schema={**_UNIT_TYPES, "berkas": pl.String, **{s.name: pl.Int64 for s in sheets}}
    )
    write_frame_csv(frame, folder / "daftar.csv")
    (folder / "BACA_DULU.txt").write_text(readme(sheets), encoding="utf-8")
    return frame
