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

from transforms.findings.registry import producers
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


def build_findings(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Run every registered producer through the writer; returns the count per rule id."""
    for producer in producers():
        write_rule_findings(con, producer.rule_ids, producer.findings(con))
    counts = dict(con.execute("SELECT rule, count(*) FROM audit.temuan GROUP BY rule").fetchall())
    return {r: counts.get(r, 0) for p in producers() for r in p.rule_ids}
