"""Writing the run's audit tables to files people open (guarded CSV, UTF-8, header row)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from transforms.findings import FINDINGS_COLUMNS
from transforms.safe_csv import copy_csv
from transforms.sqlfiles import sql_literal


def write_reconciliation(con: duckdb.DuckDBPyConnection, path: Path) -> list[tuple[str, int, int, int]]:
    """``rekonsiliasi.csv``: per table the physical lines of its files (``baris_fisik``) beside
    the records read (``dibaca``), accepted and quarantined, the blank and continuation lines
    that make up the difference, rows repaired while reading, the source files and the extra
    (non-contract) columns kept aside in ``_ekstra``. Returns (tabel, dibaca, diterima,
    dikarantina) per table."""
    query = (
        "SELECT r.tabel, coalesce(s.baris_fisik, 0) AS baris_fisik, r.dibaca, r.diterima,"
        " r.dikarantina, coalesce(s.kosong, 0) AS kosong, coalesce(s.lanjutan, 0) AS lanjutan,"
        " coalesce(s.diperbaiki, 0) AS diperbaiki, coalesce(s.berkas, '-') AS berkas,"
        " coalesce(s.kolom_tambahan, '') AS kolom_tambahan"
        " FROM audit.rekonsiliasi r LEFT JOIN audit.sumber s USING (tabel) ORDER BY r.tabel"
    )
    copy_csv(con, query, path)
    return [(t, a, b, c) for t, _, a, b, c, *_ in con.execute(query).fetchall()]


def write_quarantine(con: duckdb.DuckDBPyConnection, folder: Path) -> list[tuple[str, str, int]]:
    """``karantina/<tabel>.csv`` (one per table with quarantined rows), ``ringkasan.csv``, and
    ``diperbaiki.csv`` (rows accepted after the reader repaired them, with what it did)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.csv"):
        old.unlink()
    summary_query = (
        "SELECT tabel, kode_alasan, count(*) AS jumlah FROM audit.karantina"
        " GROUP BY ALL ORDER BY tabel, jumlah DESC, kode_alasan"
    )
    copy_csv(con, summary_query, folder / "ringkasan.csv")
    tables = [t for (t,) in con.execute("SELECT DISTINCT tabel FROM audit.karantina ORDER BY 1").fetchall()]
    for table in tables:
        copy_csv(
            con,
            "SELECT tabel, sumber, baris, kode_alasan, alasan, nilai_asli FROM audit.karantina"
            f" WHERE tabel = {sql_literal(table)} ORDER BY sumber, baris",
            folder / f"{table}.csv",
        )
    copy_csv(
        con,
        "SELECT tabel, sumber, baris, catatan FROM audit.catatan_baca ORDER BY tabel, sumber, baris",
        folder / "diperbaiki.csv",
    )
    return [tuple(r) for r in con.execute(summary_query).fetchall()]  # type: ignore[misc]


def write_findings(con: duckdb.DuckDBPyConnection, path: Path) -> list[tuple[str, int]]:
    """``temuan.csv`` with the catalogue's columns; returns the count per rule."""
    copy_csv(con, f"SELECT {', '.join(FINDINGS_COLUMNS)} FROM audit.temuan", path)
    return [
        tuple(r)  # type: ignore[misc]
        for r in con.execute("SELECT rule, count(*) FROM audit.temuan GROUP BY rule ORDER BY rule").fetchall()
    ]
