"""The findings table ("temuan", contract §5): one row per finding, stable rule ids.

Rules are discovered (transforms.findings.registry): a SQL file under ``sql/findings/`` with a
``-- rule:`` header, or a module under ``transforms/findings/rules/``. Each returns rows with
``rule, tingkat, subjek_id, periode, detail`` and, where it knows them, the hints ``_nip``,
``_unor_id``, ``_instansi_id`` and ``_keparahan`` (overrides the rule's severity); the one
writer (transforms.findings.writer) attaches instansi, unit and severity and replaces that
producer's rules only.
"""

from __future__ import annotations

import duckdb

from transforms.findings.registry import Producer, producers
from transforms.findings.writer import write_rule_findings

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


def build_findings(
    con: duckdb.DuckDBPyConnection, found: tuple[Producer, ...] | None = None
) -> dict[str, int]:
    """Run every registered producer (or ``found``) through the writer; count per rule id."""
    found = producers() if found is None else found
    for producer in found:
        write_rule_findings(con, producer.rule_ids, producer.findings(con))
    counts = dict(con.execute("SELECT rule, count(*) FROM audit.temuan GROUP BY rule").fetchall())
    return {r: counts.get(r, 0) for p in found for r in p.rule_ids}
