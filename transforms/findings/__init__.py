"""The findings table ("temuan", contract §5): one row per finding, stable rule ids.

Each rule is a SELECT (a `.sql` file under ``sql/findings/`` or a query built from the
contract) returning ``rule, tingkat, subjek_id, periode, detail`` and, where it knows them,
the hints ``_nip``, ``_unor_id``, ``_instansi_id`` and ``_keparahan`` (overrides the rule's
severity); :func:`build_findings` collects them by column name and attaches instansi, unit
and severity. Later analyses add rules by adding queries to ``RULE_QUERIES``.
"""

from __future__ import annotations

import duckdb

from transforms.contract import PREDIKAT_MATRIX, RULES, TABLES
from transforms.sqlfiles import read_sql, sql_literal

FINDINGS_COLUMNS = (
    "rule",
    "tingkat",
    "subjek_id",
    "instansi_id",
    "unor_id",
    "periode",
    "keparahan",
    "detail",
)

# Rule queries in sql/findings/, run in this order.
RULE_QUERIES: tuple[str, ...] = (
    "integrity.sql",
    "predikat_mismatch.sql",
    "predikat_mismatch_riwayat.sql",
)


def soft_reference_queries() -> list[str]:
    """ORPHAN_REFERENCE for soft references (nip_penilai, nip_atasan, nip_kepala): the row is
    kept, but the person it names is not among the accepted rows of the target table."""
    queries = []
    for table in TABLES:
        for ref in table.references:
            if ref.hard or len(ref.columns) != 1:
                continue
            col, target_col = ref.columns[0], ref.target_columns[0]
            nip = "s.nip" if "nip" in table.column_names else "NULL::VARCHAR"
            unor = "s.unor_id" if "unor_id" in table.column_names else "NULL::VARCHAR"
            instansi = "s.instansi_id" if "instansi_id" in table.column_names else "NULL::VARCHAR"
            detail = (
                f"'Berkas ' || s._sumber || ' baris ' || s._baris || ': {col} = ''' || s.{col} || '''"
                f" tidak ada di tabel {ref.table}. Baris tetap dipakai; lengkapi data {ref.table}"
                " atau perbaiki NIP yang dirujuk.'"
            )
            queries.append(
                f"SELECT 'ORPHAN_REFERENCE' AS rule, 'row' AS tingkat,"
                f" {sql_literal(table.name)} || ':' || s._baris AS subjek_id, NULL::VARCHAR AS periode,"
                f" {detail} AS detail, {nip} AS _nip, {unor} AS _unor_id, {instansi} AS _instansi_id,"
                " 'peringatan' AS _keparahan"
                f" FROM stg.{table.name} s WHERE s.{col} IS NOT NULL AND NOT EXISTS"
                f" (SELECT 1 FROM stg.{ref.table} t WHERE t.{target_col} = s.{col})"
            )
    return queries


def _load_reference_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "CREATE OR REPLACE TEMP TABLE matriks_predikat"
        " (rating_hasil_kerja VARCHAR, rating_perilaku_kerja VARCHAR, predikat VARCHAR)"
    )
    con.executemany(
        "INSERT INTO matriks_predikat VALUES (?, ?, ?)",
        [(h, p, k) for (h, p), k in PREDIKAT_MATRIX.items()],
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE aturan_temuan (rule VARCHAR, keparahan VARCHAR, urutan INTEGER)"
    )
    con.executemany(
        "INSERT INTO aturan_temuan VALUES (?, ?, ?)",
        [(r.id, r.keparahan, i) for i, r in enumerate(RULES)],
    )


def build_findings(con: duckdb.DuckDBPyConnection) -> int:
    """(Re)build ``audit.temuan`` from every rule query; returns the number of findings."""
    _load_reference_tables(con)
    queries = [read_sql(f"findings/{name}") for name in RULE_QUERIES] + soft_reference_queries()
    con.execute(
        "CREATE OR REPLACE TEMP TABLE temuan_mentah (rule VARCHAR, tingkat VARCHAR, subjek_id VARCHAR,"
        " periode VARCHAR, detail VARCHAR, _nip VARCHAR, _unor_id VARCHAR, _instansi_id VARCHAR,"
        " _keparahan VARCHAR)"
    )
    for query in queries:
        con.execute(f"INSERT INTO temuan_mentah BY NAME ({query.strip().rstrip(';')})")
    con.execute(read_sql("findings/enrich.sql"))
    return con.execute("SELECT count(*) FROM audit.temuan").fetchall()[0][0]
