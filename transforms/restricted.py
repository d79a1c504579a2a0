"""Restricted output (``OUT/terbatas/``): named follow-up lists, one XLSX per unit.

These files hold personal data (NIP, nama) under UU 27/2022 and are meant only for the people
entitled to them (the unit's leadership and the BKD team); the dashboard never links to them.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import polars as pl
import xlsxwriter

from transforms.safe_csv import write_frame_csv
from transforms.sqlfiles import read_sql

SHEETS: tuple[tuple[str, str], ...] = (
    ("Tindak lanjut predikat", "terbatas/tindak_lanjut.sql"),
    ("Temuan pegawai", "terbatas/temuan_pegawai.sql"),
    ("Konsistensi penilai", "terbatas/penilai.sql"),
)
UNIT_COLUMNS = ("tahun", "instansi_nama", "unor_id", "unor_nama")

README = """BERKAS TERBATAS - MEMUAT DATA PRIBADI (UU No. 27 Tahun 2022)

Folder ini berisi daftar bernama untuk tindak lanjut, satu berkas Excel per tahun dan unit kerja
(<tahun>/<instansi>/<unit>.xlsx):
- "Tindak lanjut predikat": pegawai dengan predikat tahunan Butuh Perbaikan atau lebih rendah
  (tindak lanjut kinerja sesuai PP 30/2019 Pasal 56-57), beserta rating dan penilainya.
- "Temuan pegawai": temuan tentang pegawai, SKP-nya, RHK-nya, dan indikatornya (mis.
  PREDIKAT_MISMATCH, EVIDENCE_MISSING, INDICATOR_UNMEASURABLE, TARGET_UNREALISTIC,
  SKP_WITHOUT_UTAMA, CASCADE_BROKEN, CASCADE_MISSING, RHK_NOT_CASCADED,
  RATING_EVIDENCE_DISCORDANT) dan temuan tentang penilai (EVALUATOR_LENIENT, EVALUATOR_SEVERE,
  EVALUATOR_CENTRAL_TENDENCY) dengan rinciannya.
- "Konsistensi penilai": penilai di unit ini dengan kode yang dipakai dasbor Konsistensi penilai,
  jumlah pegawai yang dinilai, estimasi kelonggaran (disesuaikan bukti, disusutkan, interval
  95 %) dan sinyalnya. Sinyal untuk ditinjau, bukan putusan.

Bagikan setiap berkas hanya kepada pimpinan unit yang bersangkutan dan tim BKD yang berwenang.
Jangan diunggah ke dasbor, surel massal, atau folder bersama. daftar.csv merangkum isi folder.
"""


def _slug(text: str, limit: int = 60) -> str:
    slug = re.sub(r"[^0-9A-Za-z]+", "-", text).strip("-").lower()
    return slug[:limit].rstrip("-") or "unit"


def write_restricted_lists(con: duckdb.DuckDBPyConnection, folder: Path) -> pl.DataFrame:
    """Write one workbook per year and unit that has named rows; returns the index (also
    daftar.csv). ``folder`` is a new folder of this run's release."""
    folder.mkdir(parents=True, exist_ok=True)
    frames = {sheet: con.sql(read_sql(query)).pl() for sheet, query in SHEETS}
    units = (
        pl.concat([f.select(UNIT_COLUMNS) for f in frames.values()])
        .unique()
        .sort(UNIT_COLUMNS)
    )
    parts = {
        sheet: frame.partition_by("tahun", "unor_id", as_dict=True, include_key=True)
        for sheet, frame in frames.items()
    }
    empty = {sheet: frame.clear() for sheet, frame in frames.items()}
    index = []
    for tahun, instansi, unor_id, unor_nama in units.iter_rows():
        path = folder / str(tahun) / _slug(instansi) / f"{_slug(unor_id, 40)}_{_slug(unor_nama)}.xlsx"
        path.parent.mkdir(parents=True, exist_ok=True)
        sheets = {s: parts[s].get((tahun, unor_id), empty[s]).drop(UNIT_COLUMNS) for s in frames}
        counts = _write_workbook(path, sheets, title=f"{unor_nama} — {instansi} — {tahun}")
        index.append(
            {"tahun": tahun, "instansi_nama": instansi, "unor_id": unor_id, "unor_nama": unor_nama,
             "berkas": str(path.relative_to(folder)), **counts}
        )
    frame = pl.DataFrame(
        index,
        schema={"tahun": pl.Int64, "instansi_nama": pl.String, "unor_id": pl.String, "unor_nama": pl.String,
                "berkas": pl.String, **{s: pl.Int64 for s, _ in SHEETS}},
    )
    write_frame_csv(frame, folder / "daftar.csv")
    (folder / "BACA_DULU.txt").write_text(README, encoding="utf-8")
    return frame


def _write_workbook(path: Path, sheets: dict[str, pl.DataFrame], title: str) -> dict[str, int]:
    """One workbook; every cell written as a string or number, never as a formula."""
    counts: dict[str, int] = {}
    with xlsxwriter.Workbook(str(path)) as book:
        bold = book.add_format({"bold": True, "bg_color": "#DDE6F0", "border": 1})
        note = book.add_format({"italic": True, "font_color": "#8B0000"})
        for name, frame in sheets.items():
            sheet = book.add_worksheet(name[:31])
            sheet.write_string(0, 0, f"TERBATAS — data pribadi. {title}", note)
            for c, col in enumerate(frame.columns):
                sheet.write_string(1, c, col, bold)
                sheet.set_column(c, c, max(12, min(60, len(col) + 4)))
            for r, row in enumerate(frame.iter_rows(), start=2):
                for c, value in enumerate(row):
                    if value is None:
                        continue
                    if isinstance(value, int | float):
                        sheet.write_number(r, c, value)
                    else:
                        sheet.write_string(r, c, str(value))
            sheet.freeze_panes(2, 0)
            counts[name] = frame.height
    return counts
