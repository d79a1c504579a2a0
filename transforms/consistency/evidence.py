"""The evidence behind each appraisee's year: achievement against target and bukti coverage.

Per (nip, tahun), over the indicators of all the employee's SKP of that year (a mid-year mover
has two): ``capaian`` the mean of the indicators' achievement (transforms.quality.targets.
achievement_query, clipped to [0, 2]), ``indikator`` how many have one, ``tercapai`` how many
reach their target (capaian >= 1), ``dilaporkan`` reported realisations, ``berbukti`` of those
with bukti dukung (NULL when the bundle holds no bukti dukung), ``cakupan_bukti`` = berbukti /
dilaporkan. Computed in DuckDB (sql/konsistensi/bukti_pegawai.sql): no indicator row reaches
Python.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from transforms.quality.targets import achievement_query
from transforms.sqlfiles import read_sql, read_sql_over


@contextmanager
def appraisee_evidence_query(con: duckdb.DuckDBPyConnection) -> Iterator[str]:
    """The query of one row per (nip, tahun) with the evidence columns (module docstring),
    valid on ``con`` inside the ``with`` block (achievement_query)."""
    with achievement_query(con, read_sql("konsistensi/bukti_indikator.sql")) as indicators:
        yield read_sql_over("konsistensi/bukti_pegawai.sql", indicators)
