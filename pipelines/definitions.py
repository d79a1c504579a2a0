"""The Dagster code location: `dagster definitions validate -m pipelines.definitions`.

Assets and checks are loaded from the ``pipelines.assets`` package, sensors and schedules from
the modules of the ``pipelines.automation`` package (each domain keeps its own), not listed: a
new asset, check, sensor or schedule is a new definition in (or a new module of) those packages.
The jobs that sensors and schedules target are included with them.
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

from pipelines import assets, automation
from pipelines.jobs import kinerja_lengkap
from pipelines.resources import default_resources

ALL_ASSETS = load_assets_from_package_module(assets)
ALL_CHECKS = load_asset_checks_from_package_module(assets)


def load_automation(package: ModuleType) -> tuple[list[SensorDefinition], list[ScheduleDefinition]]:
    """Every sensor and schedule defined in the modules of ``package`` (sub-packages too)."""
    found: dict[int, SensorDefinition | ScheduleDefinition] = {}
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, SensorDefinition | ScheduleDefinition):
                found.setdefault(id(value), value)
    values = sorted(found.values(), key=lambda d: d.name)
    return (
        [v for v in values if isinstance(v, SensorDefinition)],
        [v for v in values if isinstance(v, ScheduleDefinition)],
    )


ALL_SENSORS, ALL_SCHEDULES = load_automation(automation)


def build_definitions(resources: dict[str, object]) -> Definitions:
    """The one set of definitions, bound to the given resources (CLI, UI and tests)."""
    return Definitions(
        assets=ALL_ASSETS,
        asset_checks=ALL_CHECKS,
        jobs=[kinerja_lengkap],
        sensors=ALL_SENSORS,
        schedules=ALL_SCHEDULES,
        resources=resources,
    )


defs = build_definitions(default_resources())
