"""Quality checks: one module per check (or a factory module of several), discovered.

A module assigns ``CHECKS = [QualityCheck(...), ...]``. A check is a GX suite over the rows of
one SELECT on the run's staged tables, attached (in pipelines) as a Dagster asset check to
``stg/<table>``. Each expectation carries ``meta = {"nama": ..., "tingkat": "kritis" |
"peringatan"}``: a failed *kritis* expectation means the data is unusable downstream and stops
the run (blocking, severity ERROR); a failed *peringatan* expectation is reported (WARN). A check
that owns rule ids turns its failed rows into findings of those rules (through the one findings
writer) with an Indonesian ``detail`` that says what to fix.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from expectations.runtime import SPOOL, SuiteOutcome, record_batches, spool, validate
from transforms.findings.writer import write_rule_findings

KRITIS = "kritis"
PERINGATAN = "peringatan"

FindingsBuilder = Callable[[duckdb.DuckDBPyConnection, SuiteOutcome], pl.DataFrame]


def meta(nama: str, tingkat: str = KRITIS, **extra: Any) -> dict:
    """The ``meta`` of an expectation: its readable name and level."""
    return {"nama": nama, "tingkat": tingkat, **extra}


@dataclass(frozen=True)
class QualityCheck:
    """One GX suite, its rows, its level and the findings its failures become."""

    name: str  # the Dagster check name, e.g. "mutu_bukti_dukung"
    table: str  # the staged table whose asset it checks
    description: str  # Indonesian
    query: str  # SELECT over stg.* (the batches)
    id_columns: tuple[str, ...]  # identify a failed row
    expectations: Callable[[], list[Any]]  # builds the GX expectations (GX imported by then)
    rule_ids: tuple[str, ...] = ()
    findings: FindingsBuilder | None = None
    uses: tuple[str, ...] = ()  # further staged tables read (additional deps)
    needs_table: str = ""  # an optional table that must be in the bundle, else skipped
    detail_query: str = ""  # SELECT with the texts of a failed row (default: ``query``)

    @property
    def key(self) -> str:
        """Unique over all checks: ``<table>.<name>`` (the GX suite's name)."""
        return f"{self.table}.{self.name}"

    @property
    def blocking(self) -> bool:
        """True when the check can stop downstream assets (has a kritis expectation)."""
        return KRITIS in self.levels()

    def levels(self) -> set[str]:
        from expectations.runtime import gx

        gx()
        return {(e.meta or {}).get("tingkat", KRITIS) for e in self.expectations()}


@dataclass
class CheckRun:
    check: QualityCheck
    outcome: SuiteOutcome | None  # None: skipped
    findings: dict[str, int] = field(default_factory=dict)

    @property
    def skipped(self) -> bool:
        return self.outcome is None

    def failed_levels(self) -> set[str]:
        if self.outcome is None:
            return set()
        levels = {expectation_level(e) for e in self.check.expectations()}
        by_name = {n: lvl for n, lvl in levels}
        return {by_name.get(n, KRITIS) for n, o in self.outcome.expectations.items() if not o.success}

    @property
    def passed(self) -> bool:
        return self.outcome is None or self.outcome.success

    @property
    def stops_downstream(self) -> bool:
        return KRITIS in self.failed_levels()


def expectation_level(expectation: Any) -> tuple[str, str]:
    from expectations.runtime import expectation_name

    return expectation_name(expectation), (expectation.meta or {}).get("tingkat", KRITIS)


def table_present(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """True when the bundle held ``table`` (the readers recorded a source for it)."""
    query = "SELECT count(*) FROM audit.sumber WHERE tabel = ? AND bentuk <> '-'"
    return bool(con.execute(query, [table]).fetchall()[0][0])


def run_check(con: duckdb.DuckDBPyConnection, check: QualityCheck,
              results_dir: Path | None = None) -> CheckRun:
    """Validate the check's rows; write the findings of its rules (replacing earlier ones)."""
    if check.needs_table and not table_present(con, check.needs_table):
        if check.rule_ids:
            write_rule_findings(con, check.rule_ids, [])
        return CheckRun(check, None)
    from expectations.runtime import gx

    gx()
    cursor = con.cursor()  # holds the check's rows (expectations.runtime.spool) until closed
    try:
        spool(cursor, check.query)
        outcome = validate(check.key, check.expectations(), record_batches(cursor),
                           check.id_columns, results_dir)
        frame = check.findings(cursor, outcome) if check.rule_ids and check.findings else None
    finally:
        cursor.close()
    run = CheckRun(check, outcome)
    if frame is not None:
        write_rule_findings(con, check.rule_ids, frame)
        counts = dict(frame.group_by("rule").len().iter_rows()) if frame.height else {}
        run.findings = {r: int(counts.get(r, 0)) for r in check.rule_ids}
    return run


def run_checks(con: duckdb.DuckDBPyConnection, results_dir: Path | None = None) -> list[CheckRun]:
    """Every check on a fully staged connection (what the asset checks do, without Dagster)."""
    return [run_check(con, c, results_dir) for c in checks()]


def build_all_findings(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Every finding of a staged connection: the findings rules, then the checks' findings."""
    from transforms.findings import build_findings

    counts = build_findings(con)
    for run in run_checks(con):
        counts.update(run.findings)
    return {r: counts.get(r, 0) for r in implemented_rules()}


def failed_rows(con: duckdb.DuckDBPyConnection, check: QualityCheck, outcome: SuiteOutcome,
                expectation: str) -> pl.DataFrame:
    """The rows of the check's ``detail_query`` (default: its spooled rows) for the failed rows
    of one expectation; ``con`` is the cursor :func:`run_check` spooled the rows on (the only
    caller, through ``QualityCheck.findings``)."""
    query = check.detail_query or f"SELECT * FROM {SPOOL}"
    ids = outcome.failed_frame(expectation, check.id_columns).unique()
    if ids.height == 0:
        return con.sql(f"SELECT * FROM ({query}) LIMIT 0").pl()
    con.register("_gagal", ids)
    try:
        on = " AND ".join(f"CAST(q.{c} AS VARCHAR) IS NOT DISTINCT FROM g.{c}" for c in check.id_columns)
        return con.sql(f"SELECT q.* FROM ({query}) AS q SEMI JOIN _gagal AS g ON {on}").pl()
    finally:
        con.unregister("_gagal")


def descendants(table: str) -> set[str]:
    """Staged tables loaded after ``table`` (following hard references, as the assets do)."""
    from transforms.contract import TABLES

    children: dict[str, set[str]] = {}
    for t in TABLES:
        for r in t.references:
            if r.hard and r.table != t.name:
                children.setdefault(r.table, set()).add(t.name)
    out: set[str] = set()
    todo = [table]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in out:
                out.add(child)
                todo.append(child)
    return out


@cache
def checks() -> tuple[QualityCheck, ...]:
    """Every check of this package's modules, names unique, each rule id owned once."""
    found: list[QualityCheck] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(module.CHECKS)
    names = [c.key for c in found]
    if len(names) != len(set(names)):
        raise ValueError(f"duplicate check names: {names}")
    for c in found:
        late = set(c.uses) & descendants(c.table)
        if late:
            # A blocking check on a table makes that table's descendants wait for it.
            raise ValueError(f"check {c.key} reads {sorted(late)}, loaded after {c.table}")
    owners: dict[str, str] = {}
    for c in found:
        for r in c.rule_ids:
            if r in owners:
                raise ValueError(f"rule {r} owned by checks {owners[r]} and {c.key}")
            owners[r] = c.key
    return tuple(found)


def check_rules() -> tuple[str, ...]:
    """Rule ids whose findings the checks write."""
    return tuple(r for c in checks() for r in c.rule_ids)


def implemented_rules() -> tuple[str, ...]:
    """Every rule with a producer, SQL/Python rule (transforms.findings) or check, in catalogue
    order; a rule produced by both would be an error."""
    from transforms.contract import RULE_BY_ID
    from transforms.findings.registry import implemented_rules as rule_producers

    both = set(rule_producers()) & set(check_rules())
    if both:
        raise ValueError(f"rules produced by a findings rule and a check: {sorted(both)}")
    done = {*rule_producers(), *check_rules()}
    return tuple(r for r in RULE_BY_ID if r in done)
