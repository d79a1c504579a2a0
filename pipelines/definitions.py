"""The Dagster code location: `dagster definitions validate -m pipelines.definitions`.

Assets and checks are loaded from the ``pipelines.assets`` package, not listed: a new asset or
check is a new definition in (or a new module of) that package.
"""

from __future__ import annotations

from dagster import (
    Definitions,
    load_asset_checks_from_package_module,
    load_assets_from_package_module,
)

from pipelines import assets
from pipelines.jobs import kinerja_lengkap
from pipelines.resources import default_resources

ALL_ASSETS = load_assets_from_package_module(assets)
ALL_CHECKS = load_asset_checks_from_package_module(assets)


def build_definitions(resources: dict[str, object]) -> Definitions:
    """The one set of definitions, bound to the given resources (CLI, UI and tests)."""
    return Definitions(
        assets=ALL_ASSETS,
        asset_checks=ALL_CHECKS,
        jobs=[kinerja_lengkap],
        resources=resources,
    )


defs = build_definitions(default_resources())
