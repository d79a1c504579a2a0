"""Recording what a run saw (bundle, sources) and reading back the reconciliation."""

from __future__ import annotations

import json

import duckdb

from transforms.sqlfiles import read_sql


def _sql(name: str) -> str:
    return read_sql(f"audit/{name}.sql")


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the stg/audit/mart schemas and audit tables if missing."""
    con.execute(_sql("schema"))


def record_bundle(con: duckdb.DuckDBPyConnection, jalur: str, manifest: dict | None, ignored: list[str]) -> None:
    """Replace audit.bundel: the bundle path, its manifest and the files it ignored."""
    ensure_schema(con)
    con.execute(_sql("bundle_reset"))
    con.executemany(
        _sql("bundle_insert"),
        [
            ("jalur", jalur),
            ("manifest", json.dumps(manifest) if manifest else None),
            ("diabaikan", json.dumps(ignored)),
        ],
    )


def bundle_record(con: duckdb.DuckDBPyConnection) -> dict:
    """audit.bundel as a dict: jalur (str), manifest (dict), diabaikan (list)."""
    raw = dict(con.execute(_sql("bundle_read")).fetchall())
    return {
        "jalur": raw.get("jalur") or "",
        "manifest": json.loads(raw["manifest"]) if raw.get("manifest") else {},
        "diabaikan": json.loads(raw.get("diabaikan") or "[]"),
    }


def record_source(
    con: duckdb.DuckDBPyConnection,
    table: str,
    berkas: str,
    bentuk: str,
    encoding: str | None,
    pemisah: str | None,
    kolom_tambahan: list[str],
) -> None:
    """Replace the audit.sumber row of one table: files, form, encoding, extra columns."""
    ensure_schema(con)
    con.execute(
        _sql("source_record"),
        [table, berkas, bentuk, encoding, pemisah, ",".join(kolom_tambahan) or None],
    )


def table_balance(con: duckdb.DuckDBPyConnection, table: str) -> tuple[int, int, int, int, int]:
    """(dibaca, diterima, dikarantina, rows in stg.<table>, rows in audit.karantina)."""
    dibaca, diterima, dikarantina, karantina = con.execute(
        _sql("table_balance"), [table]
    ).fetchall()[0]
    staged = con.execute(f'SELECT count(*) FROM stg."{table}"').fetchall()[0][0]
    return dibaca, diterima, dikarantina, staged, karantina


def reconciliation_status(con: duckdb.DuckDBPyConnection) -> tuple[set[str], list[str]]:
    """(tables recorded, tables where dibaca != diterima + dikarantina)."""
    rows = con.execute(_sql("reconciliation_status")).fetchall()
    return {t for t, _ in rows}, sorted(t for t, bad in rows if bad)
