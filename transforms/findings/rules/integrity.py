"""NIP_INVALID, DUPLICATE_KEY and ORPHAN_REFERENCE: from the quarantine (hard references) and
from soft references (nip_penilai, nip_atasan, nip_kepala) whose person is not in the bundle."""

from __future__ import annotations

import duckdb

from transforms.contract import TABLES
from transforms.sqlfiles import read_sql, sql_literal

RULE_IDS = ("NIP_INVALID", "DUPLICATE_KEY", "ORPHAN_REFERENCE")


def soft_reference_queries() -> list[str]:
    """ORPHAN_REFERENCE for soft references: the row is kept, but the person it names is not
    among the accepted rows of the target table."""
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


def findings(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [read_sql("findings/parts/integrity.sql"), *soft_reference_queries()]
