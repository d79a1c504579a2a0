"""The Dagster code location: `dagster definitions validate -m pipelines.definitions`.

Assets and checks are loaded from the ``pipelines.assets`` package; sensors, schedules and jobs
from the modules of ``pipelines.assets`` and ``pipelines.automation`` (each domain keeps its
own), not listed: a new asset, check, sensor, schedule or job is a new definition in (or a new
module of) those packages. The jobs that sensors and schedules target are included with them.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

from dagster import (
    Definitions,
    ScheduleDefinition,
    SensorDefinition,
    load_asset_checks_from_package_module,
    load_assets_from_package_module,
)
from dagster._core.definitions.unresolved_asset_job_definition import (  # not re-exported
    UnresolvedAssetJobDefinition,
)

from pipelines import assets, automation
from pipelines.jobs import kinerja_lengkap
from pipelines.resources import default_resources

ALL_ASSETS = load_assets_from_package_module(assets)
ALL_CHECKS = load_asset_checks_from_package_module(assets)
# What one bundle run materialises (materialize() and the main job): the unpartitioned assets.
BUNDLE_ASSETS = [a for a in ALL_ASSETS if a.partitions_def is None]


Automation = SensorDefinition | ScheduleDefinition | UnresolvedAssetJobDefinition


def load_automation(*packages: ModuleType) -> tuple[list[SensorDefinition], list[ScheduleDefinition],
                                                    list[UnresolvedAssetJobDefinition]]:
    """Every sensor, schedule and asset job defined in the modules of ``packages``."""
    found: dict[int, Automation] = {}
    for package in packages:
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for value in vars(module).values():
                if isinstance(value, Automation):
                    found.setdefault(id(value), value)
    values = sorted(found.values(), key=lambda d: d.name)
    return (
        [v for v in values if isinstance(v, SensorDefinition)],
        [v for v in values if isinstance(v, ScheduleDefinition)],
        [v for v in values if isinstance(v, UnresolvedAssetJobDefinition)],
    )


ALL_SENSORS, ALL_SCHEDULES, ALL_JOBS = load_automation(assets, automation)


def build_definitions(resources: dict[str, object]) -> Definitions:
    """The one set of definitions, bound to the given resources (CLI, UI and tests)."""
    return Definitions(
        assets=ALL_ASSETS,
        asset_checks=ALL_CHECKS,
        jobs=[kinerja_lengkap, *(j for j in ALL_JOBS if j.name != kinerja_lengkap.name)],
        sensors=ALL_SENSORS,
        schedules=ALL_SCHEDULES,
        resources=resources,
    )


defs = build_definitions(default_resources())
