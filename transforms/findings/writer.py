"""The one writer of ``audit.temuan``: a producer's rows replace that producer's rules only.

Every producer of findings (a SQL rule file, a Python rule, a Great Expectations check) hands
its raw rows to :func:`write_rule_findings` with the rule ids it owns. The writer attaches
instansi, unit and severity (sql/findings/parts/enrich.sql), then deletes the table's rows of
those rules and inserts the new ones in one transaction, so no producer wipes another's rows.
"""

from __future__ import annotations

import duckdb
import polars as pl

from transforms.audit import ensure_schema
from transforms.contract import PREDIKAT_MATRIX, RULE_BY_ID, RULES
from transforms.sqlfiles import read_sql, sql_literal

RAW_COLUMNS = {
    "rule": "VARCHAR", "tingkat": "VARCHAR", "subjek_id": "VARCHAR", "periode": "VARCHAR",
    "detail": "VARCHAR", "_nip": "VARCHAR", "_unor_id": "VARCHAR", "_instansi_id": "VARCHAR",
    "_keparahan": "VARCHAR",
}


def finding_frame(rows: list[dict]) -> pl.DataFrame:
    """Raw finding rows (dicts with keys of RAW_COLUMNS; missing ones NULL) as a frame for
    :func:`write_rule_findings` — what Python rules that build rows one by one return."""
    return pl.DataFrame(rows, schema={c: pl.String for c in RAW_COLUMNS})


def load_reference_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Temp tables the rules read: the predikat matrix and the rule catalogue."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE matriks_predikat"
        " (rating_hasil_kerja VARCHAR, rating_perilaku_kerja VARCHAR, predikat VARCHAR)"
    )
    con.executemany(
        "INSERT INTO matriks_predikat VALUES (?, ?, ?)",
        [(h, p, k) for (h, p), k in PREDIKAT_MATRIX.items()],
    )
    con.execute("CREATE OR REPLACE TEMP TABLE aturan_temuan (rule VARCHAR, keparahan VARCHAR)")
    con.executemany("INSERT INTO aturan_temuan VALUES (?, ?)", [(r.id, r.keparahan) for r in RULES])


def write_rule_findings(
    con: duckdb.DuckDBPyConnection,
    rule_ids: tuple[str, ...],
    rows: str | list[str] | pl.DataFrame,
) -> int:
    """Replace the findings of ``rule_ids`` with ``rows`` (SELECT queries or a frame with the
    columns of RAW_COLUMNS; missing hint columns are NULL). Returns the rows written."""
    unknown = [r for r in rule_ids if r not in RULE_BY_ID]
    if unknown:
        raise ValueError(f"rules not in the catalogue: {unknown}")
    ensure_schema(con)
    load_reference_tables(con)
    cols = ", ".join(f"{c} {t}" for c, t in RAW_COLUMNS.items())
    con.execute(f"CREATE OR REPLACE TEMP TABLE temuan_mentah ({cols})")
    if isinstance(rows, pl.DataFrame):
        con.register("_temuan_frame", rows)
        try:
            con.execute("INSERT INTO temuan_mentah BY NAME SELECT * FROM _temuan_frame")
        finally:
            con.unregister("_temuan_frame")
    else:
        for query in [rows] if isinstance(rows, str) else rows:
            con.execute(f"INSERT INTO temuan_mentah BY NAME ({query.strip().rstrip(';')})")
    ids = "(" + ", ".join(sql_literal(r) for r in rule_ids) + ")"
    stray = con.execute(f"SELECT DISTINCT rule FROM temuan_mentah WHERE rule NOT IN {ids}").fetchall()
    if stray:
        raise ValueError(f"producer of {rule_ids} wrote rows of other rules: {[r for (r,) in stray]}")
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"DELETE FROM audit.temuan WHERE rule IN {ids}")
        con.execute(f"INSERT INTO audit.temuan BY NAME ({read_sql('findings/parts/enrich.sql')})")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return con.execute("SELECT count(*) FROM temuan_mentah").fetchall()[0][0]
