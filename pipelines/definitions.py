"""The Dagster code location: `dagster definitions validate -m pipelines.definitions`."""

from __future__ import annotations

from dagster import Definitions

from pipelines.assets.audit import karantina, rekonsiliasi, rekonsiliasi_seimbang, temuan, terbatas
from pipelines.assets.ingestion import bundel, staged_assets, staged_checks
from pipelines.assets.reporting import dasbor, mart
from pipelines.jobs import kinerja_lengkap
from pipelines.resources import default_resources

ALL_ASSETS = [bundel, *staged_assets, karantina, rekonsiliasi, temuan, terbatas, mart, dasbor]
ALL_CHECKS = [*staged_checks, rekonsiliasi_seimbang]


def build_definitions(resources: dict[str, object]) -> Definitions:
    """The one set of definitions, bound to the given resources (CLI, UI and tests)."""
    return Definitions(
        assets=ALL_ASSETS,
        asset_checks=ALL_CHECKS,
        jobs=[kinerja_lengkap],
        resources=resources,
    )


defs = build_definitions(default_resources())
