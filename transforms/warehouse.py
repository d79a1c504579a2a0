"""The warehouse that keeps years and instansi: a run's tables replace exactly its slices.

A run computes everything for its bundle in a scratch database (``stg``, ``audit``, ``mart``:
single bundle, single year). :func:`merge_bundle` then copies every scratch table into the
persistent warehouse in ONE transaction, tagging each row with the lineage columns

    _bundel       the bundle's fingerprint (same files -> same id)
    _tahun        the bundle's year (manifest, else the commonest skp/penilaian year)
    _instansi_id  the row's instansi (followed up its hard references to unit_kerja), else
                  the bundle's only instansi, else NULL

and first deleting what the bundle replaces: in ``stg`` and ``mart`` tables and
``audit.temuan`` the rows of its (instansi, tahun) slices; everywhere the rows of earlier
bundles it supersedes (every slice of theirs is in this bundle: the same bundle loaded again, or
a corrected re-export). Accounting tables (``audit.rekonsiliasi``, ``karantina``, ``sumber``,
``catatan_baca``) stay per bundle. Tables derived from the whole warehouse rather than one bundle
(the predikat history across years, transforms.career.across_bundles) are rebuilt in the same
transaction. A kill before COMMIT leaves the warehouse as it was.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from transforms.career.across_bundles import refresh_history
from transforms.contract import TABLE_BY_NAME, TABLES, Reference, Table
from transforms.ingest.bundle import Bundle
from transforms.sqlfiles import sql_literal

LINEAGE = ("_bundel", "_tahun", "_instansi_id")
SLICED_SCHEMAS = ("stg", "mart")
SLICED_AUDIT = ("temuan",)
SKIPPED = {("audit", "bundel")}  # the scratch's key/value record of the run's bundle
_CHUNK = 1 << 20


class YearUnknown(Exception):
    """The bundle's year cannot be told (no manifest, no SKP or penilaian year)."""


@dataclass(frozen=True)
class MergeResult:
    bundel: str
    tahun: int
    instansi: tuple[str, ...]
    superseded: tuple[str, ...]
    rows: dict[str, int]


def fingerprint(bundle: Bundle) -> str:
    """A short id of the bundle's content: names, sizes and hashes of each file's ends."""
    h = hashlib.sha256()
    files = sorted({s.path for ss in bundle.sources.values() for s in ss})
    for path in files:
        size = path.stat().st_size
        h.update(f"{path.name}\0{size}\0".encode())
        with path.open("rb") as f:
            h.update(f.read(_CHUNK))
            if size > 2 * _CHUNK:
                f.seek(-_CHUNK, 2)
                h.update(f.read(_CHUNK))
    h.update(json.dumps(bundle.manifest or {}, sort_keys=True).encode())
    return h.hexdigest()[:16]


def bundle_year(con: duckdb.DuckDBPyConnection, manifest: dict | None, schema: str = "stg") -> int:
    """The bundle's tahun: the manifest's, else the commonest year of its SKP, else penilaian."""
    if manifest and str(manifest.get("tahun", "")).strip().isdigit():
        return int(str(manifest["tahun"]).strip())
    for table in ("skp", "penilaian"):
        rows = con.execute(
            f"SELECT tahun, count(*) FROM {schema}.{table} WHERE tahun IS NOT NULL"
            " GROUP BY tahun ORDER BY 2 DESC, 1 DESC LIMIT 1"
        ).fetchall()
        if rows:
            return int(rows[0][0])
    raise YearUnknown(
        "Tahun bundel tidak dapat ditentukan: tidak ada manifest.json dengan 'tahun', dan tidak ada "
        "baris skp atau penilaian yang diterima. Tambahkan manifest.json atau periksa berkasnya."
    )


def _tables(con: duckdb.DuckDBPyConnection, catalog: str) -> list[tuple[str, str]]:
    """(schema, table) of the stg, audit and mart tables of a catalog (work tables excluded)."""
    rows = con.execute(
        "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = ?"
        " AND schema_name IN ('stg', 'audit', 'mart') AND NOT temporary"
        " ORDER BY schema_name, table_name",
        [catalog],
    ).fetchall()
    return [(s, t) for s, t in rows if (s, t) not in SKIPPED]


def _parent(table: Table) -> Reference | None:
    """The reference an instansi is followed through: the first hard one to another table,
    else the employee's NIP (e.g. the SIASN history, whose NIP may come from a file name)."""
    hard = [r for r in table.references if r.hard and r.table != table.name]
    if hard:
        return hard[0]
    if "nip" in table.column_names and table.name != "pegawai":
        return Reference(("nip",), "pegawai", ("nip",), hard=False)
    return None


def _instansi_lookups(con: duckdb.DuckDBPyConnection) -> None:
    """Temp tables ``_inst_<t>`` (key columns, _instansi_id) for every staged table another
    one takes its instansi from (:func:`_parent`), in reference order: unit_kerja from its own
    column, the others through their parent. Staged keys are unique, so a lookup has one row
    per key and joining it keeps the rows of the child as they are."""
    parents = {ref.table for t in TABLES if (ref := _parent(t)) is not None}
    for table in TABLES:
        if table.name not in parents:
            continue
        key = ", ".join(f's."{c}"' for c in table.key)
        expr, join = _instansi_of(table, "NULL::VARCHAR")
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _inst_{table.name} AS SELECT"
            f" {key}, {expr} AS _instansi_id FROM kerja.stg.{table.name} AS s{join}"
        )


def _instansi_of(table: Table, default: str) -> tuple[str, str]:
    """(expression, join) giving each row ``s`` of a staged table its instansi: its own column,
    else its parent's lookup (``_inst_<parent>``), else ``default``."""
    if "instansi_id" in table.column_names:
        return f"coalesce(s.instansi_id, {default})", ""
    ref = _parent(table)
    if ref is None:
        return default, ""
    on = " AND ".join(
        f'p."{tc}" = s."{c}"' for c, tc in zip(ref.columns, ref.target_columns, strict=True)
    )
    return f"coalesce(p._instansi_id, {default})", f" LEFT JOIN _inst_{ref.table} AS p ON {on}"


def _columns(con: duckdb.DuckDBPyConnection, catalog: str, schema: str, table: str) -> dict[str, str]:
    rows = con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = ?"
        " AND schema_name = ? AND table_name = ? ORDER BY column_index",
        [catalog, schema, table],
    ).fetchall()
    return dict(rows)


def _ensure_table(con: duckdb.DuckDBPyConnection, main: str, schema: str, table: str) -> dict[str, str]:
    """Create the warehouse table from the scratch one (plus lineage), or add new columns;
    returns the scratch table's columns (name -> type)."""
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    source = _columns(con, "kerja", schema, table)
    target = _columns(con, main, schema, table)
    if not target:
        cols = ", ".join(f'"{c}" {t}' for c, t in source.items())
        con.execute(
            f'CREATE TABLE {schema}."{table}" ({cols}, _bundel VARCHAR, _tahun INTEGER,'
            " _instansi_id VARCHAR)"
        )
        return source
    for c, t in source.items():
        if c not in target:
            con.execute(f'ALTER TABLE {schema}."{table}" ADD COLUMN "{c}" {t}')
    return source


def _ensure_registry(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE SCHEMA IF NOT EXISTS audit")
    con.execute(
        "CREATE TABLE IF NOT EXISTS audit.bundel_dimuat (_bundel VARCHAR PRIMARY KEY,"
        " _tahun INTEGER NOT NULL, instansi VARCHAR[] NOT NULL, jalur VARCHAR NOT NULL,"
        " manifest VARCHAR, diabaikan VARCHAR, dimuat_pada VARCHAR NOT NULL)"
    )


def _superseded(con: duckdb.DuckDBPyConnection, tahun: int, instansi: list[str]) -> list[str]:
    """Earlier bundles all of whose slices this bundle replaces."""
    rows = con.execute(
        "SELECT _bundel FROM audit.bundel_dimuat WHERE _tahun = ? AND list_has_all(?, instansi)"
        " ORDER BY _bundel",
        [tahun, instansi],
    ).fetchall()
    return [r[0] for r in rows]


def merge_bundle(
    con: duckdb.DuckDBPyConnection,
    scratch: Path,
    bundel: str,
    jalur: str,
    manifest: dict | None,
    ignored: list[str],
    before_commit: Callable[[], None] | None = None,
) -> MergeResult:
    """Replace the bundle's slices in the warehouse ``con`` with the scratch database's tables
    (``before_commit``: called with everything written but not committed; fault tests)."""
    con.execute(f"ATTACH {sql_literal(str(scratch))} AS kerja (READ_ONLY)")
    try:
        main = con.execute("SELECT current_database()").fetchall()[0][0]
        tahun = bundle_year(con, manifest, schema="kerja.stg")
        instansi = sorted(
            r[0] for r in con.execute(
                "SELECT DISTINCT instansi_id FROM kerja.stg.unit_kerja WHERE instansi_id IS NOT NULL"
            ).fetchall()
        )
        default = sql_literal(instansi[0]) if len(instansi) == 1 else "NULL::VARCHAR"
        _instansi_lookups(con)
        con.execute("BEGIN TRANSACTION")
        try:
            _ensure_registry(con)
            superseded = _superseded(con, tahun, instansi)
            gone = "(" + ", ".join(sql_literal(b) for b in [*superseded, bundel]) + ")"
            in_slice = (
                f"(_tahun = {tahun} AND _instansi_id IN ("
                + (", ".join(sql_literal(i) for i in instansi) or "NULL")
                + "))"
            )
            rows: dict[str, int] = {}
            for schema, table in _tables(con, "kerja"):
                columns = _ensure_table(con, main, schema, table)
                sliced = schema in SLICED_SCHEMAS or (schema == "audit" and table in SLICED_AUDIT)
                where = f"_bundel IN {gone}" + (f" OR {in_slice}" if sliced else "")
                con.execute(f'DELETE FROM {schema}."{table}" WHERE {where}')
                if schema == "stg" and table in TABLE_BY_NAME:
                    expr, join = _instansi_of(TABLE_BY_NAME[table], default)
                elif "instansi_id" in columns:
                    expr, join = f"coalesce(s.instansi_id, {default})", ""
                else:
                    expr, join = default, ""
                con.execute(
                    f'INSERT INTO {schema}."{table}" BY NAME SELECT s.*, {sql_literal(bundel)} AS _bundel,'
                    f" {tahun} AS _tahun, {expr} AS _instansi_id"
                    f' FROM kerja.{schema}."{table}" AS s{join}'
                )
                rows[f"{schema}.{table}"] = con.execute(
                    f'SELECT count(*) FROM {schema}."{table}" WHERE _bundel = ?', [bundel]
                ).fetchall()[0][0]
            con.execute(f"DELETE FROM audit.bundel_dimuat WHERE _bundel IN {gone}")
            con.execute(
                "INSERT INTO audit.bundel_dimuat VALUES (?, ?, ?, ?, ?, ?, ?)",
                [bundel, tahun, instansi, jalur, json.dumps(manifest) if manifest else None,
                 json.dumps(ignored), datetime.now().astimezone().isoformat(timespec="seconds")],
            )
            refresh_history(con)  # derived from the whole warehouse, so rebuilt after every merge
            if before_commit is not None:
                before_commit()
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        con.execute("DETACH kerja")
    return MergeResult(bundel, tahun, tuple(instansi), tuple(b for b in superseded if b != bundel), rows)


def slice_counts(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str | None, int, int]]:
    """(table, instansi, tahun, rows) for every warehouse table: what the warehouse keeps."""
    out: list[tuple[str, str | None, int, int]] = []
    main = con.execute("SELECT current_database()").fetchall()[0][0]
    for schema, table in _tables(con, main):
        if not {"_tahun", "_instansi_id"} <= set(_columns(con, main, schema, table)):
            continue
        for inst, tahun, n in con.execute(
            f'SELECT _instansi_id, _tahun, count(*) FROM {schema}."{table}" GROUP BY ALL ORDER BY ALL'
        ).fetchall():
            out.append((f"{schema}.{table}", inst, tahun, n))
    return out


def latest_bundle(con: duckdb.DuckDBPyConnection) -> dict:
    """The bundle loaded last: bundel_id, tahun, instansi, jalur, manifest (dict), diabaikan."""
    rows = con.execute(
        "SELECT _bundel, _tahun, instansi, jalur, manifest, diabaikan FROM audit.bundel_dimuat"
        " ORDER BY dimuat_pada DESC, _bundel LIMIT 1"
    ).fetchall()
    if not rows:
        return {"bundel_id": "", "tahun": None, "instansi": [], "jalur": "", "manifest": {}, "diabaikan": []}
    b, tahun, instansi, jalur, manifest, diabaikan = rows[0]
    return {
        "bundel_id": b, "tahun": tahun, "instansi": list(instansi), "jalur": jalur,
        "manifest": json.loads(manifest) if manifest else {},
        "diabaikan": json.loads(diabaikan or "[]"),
    }
