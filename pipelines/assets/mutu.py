"""Great Expectations suites as Dagster asset checks on the staged tables (expectations.checks).

Every check is declared ``blocking``, so the assets downstream of its table wait for it and its
findings are in the scratch audit.temuan before ``temuan``, ``mart`` and the merge into the
warehouse run. Whether a failure *stops* them is the severity: ERROR when a *kritis*
expectation failed (the staged table is unusable), WARN otherwise (findings, the run goes on).
"""

from __future__ import annotations

from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetKey,
    asset_check,
)
from dagster_duckdb import DuckDBResource

from expectations.checks import QualityCheck, checks, run_check
from pipelines.metadata import md_table
from pipelines.progress import log
from pipelines.resources import OutputDir
from reports.fmt import angka


def _asset_check(check: QualityCheck):
    @asset_check(
        asset=AssetKey(["stg", check.table]),
        name=check.name,
        description=check.description,
        additional_deps=[AssetKey(["stg", t]) for t in check.uses],
        blocking=True,
    )
    def _check(kerja: DuckDBResource, keluaran: OutputDir) -> AssetCheckResult:
        with kerja.get_connection() as con:
            run = run_check(con, check, keluaran.gx_results)
        if run.outcome is None:
            log.info("Pemeriksaan %s dilewati: tabel %s tidak ada dalam bundel", check.key,
                     check.needs_table)
            return AssetCheckResult(passed=True, metadata={"dilewati": f"tabel {check.needs_table} tidak ada"})
        rows = [
            (name, angka(o.element_count), angka(o.unexpected_count), "lulus" if o.success else "gagal")
            for name, o in run.outcome.expectations.items()
        ]
        failed = [r for r in rows if r[3] == "gagal"]
        if failed or run.findings:
            log.info("Pemeriksaan %s: %d dari %d harapan gagal%s", check.key, len(failed), len(rows),
                     "".join(f"; {r} {angka(n)} temuan" for r, n in run.findings.items()))
        return AssetCheckResult(
            passed=run.passed,
            severity=AssetCheckSeverity.ERROR if run.stops_downstream else AssetCheckSeverity.WARN,
            metadata={
                "baris": run.outcome.rows,
                "batch": run.outcome.batches,
                "harapan": md_table(("harapan", "diperiksa", "gagal", "hasil"), rows),
                "temuan": dict(run.findings),
            },
        )

    return _check


quality_checks = [_asset_check(c) for c in checks()]
