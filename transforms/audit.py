"""Recording what a run saw (bundle, sources) and reading back the reconciliation."""

from __future__ import annotations

import json
from dataclasses import dataclass

import duckdb

from transforms.ingest.readers import RawTable
from transforms.sqlfiles import read_sql


def _sql(name: str) -> str:
    return read_sql(f"audit/{name}.sql")


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the stg/audit/mart schemas and audit tables if missing."""
    con.execute(_sql("schema"))


def record_bundle(
    con: duckdb.DuckDBPyConnection,
    jalur: str,
    manifest: dict | None,
    ignored: list[str],
    bundel_id: str = "",
) -> None:
    """Replace audit.bundel: the bundle's id (fingerprint), path, manifest and ignored files."""
    ensure_schema(con)
    con.execute(_sql("bundle_reset"))
    con.executemany(
        _sql("bundle_insert"),
        [
            ("bundel_id", bundel_id),
            ("jalur", jalur),
            ("manifest", json.dumps(manifest) if manifest else None),
            ("diabaikan", json.dumps(ignored)),
        ],
    )


def bundle_record(con: duckdb.DuckDBPyConnection) -> dict:
    """audit.bundel of a scratch database as a dict: bundel_id, jalur (str), manifest (dict),
    diabaikan (list)."""
    raw = dict(con.execute(_sql("bundle_read")).fetchall())
    return {
        "bundel_id": raw.get("bundel_id") or "",
        "jalur": raw.get("jalur") or "",
        "manifest": json.loads(raw["manifest"]) if raw.get("manifest") else {},
        "diabaikan": json.loads(raw.get("diabaikan") or "[]"),
    }


def record_source(
    con: duckdb.DuckDBPyConnection,
    table: str,
    berkas: str,
    bentuk: str,
    raw: RawTable,
) -> None:
    """Replace the audit.sumber row of one table: files, form, encoding, extra columns and the
    physical accounting of its files."""
    ensure_schema(con)
    con.execute(
        _sql("source_record"),
        [
            table,
            berkas,
            bentuk,
            raw.encoding,
            raw.delimiter,
            ",".join(raw.extra_columns) or None,
            raw.physical_rows,
            raw.blank_rows,
            raw.continuation_rows,
            raw.repaired_rows,
        ],
    )


@dataclass(frozen=True)
class Balance:
    """One table's accounting, as recorded, next to what the warehouse holds."""

    dibaca: int
    diterima: int
    dikarantina: int
    staged: int
    karantina: int
    baris_fisik: int
    kosong: int
    lanjutan: int

    @property
    def records_balance(self) -> bool:
        """Records read = accepted + quarantined, and both are what the tables hold."""
        return (
            self.dibaca == self.diterima + self.dikarantina
            and self.staged == self.diterima
            and self.karantina == self.dikarantina
        )

    @property
    def physical_balance(self) -> bool:
        """Physical lines of the files = records + blank lines + continuation lines."""
        return self.baris_fisik == self.dibaca + self.kosong + self.lanjutan


def table_balance(con: duckdb.DuckDBPyConnection, table: str) -> Balance:
    """The accounting of one staged table."""
    dibaca, diterima, dikarantina, karantina, fisik, kosong, lanjutan = con.execute(
        _sql("table_balance"), [table]
    ).fetchall()[0]
    staged = con.execute(f'SELECT count(*) FROM stg."{table}"').fetchall()[0][0]
    return Balance(dibaca, diterima, dikarantina, staged, karantina, fisik, kosong, lanjutan)


def reconciliation_status(con: duckdb.DuckDBPyConnection) -> tuple[set[str], list[str]]:
    """(tables recorded, tables where dibaca != diterima + dikarantina)."""
    rows = con.execute(_sql("reconciliation_status")).fetchall()
    return {t for t, _ in rows}, sorted(t for t, bad in rows if bad)
