"""ExpectIndikatorTargetToBeRealistic: target present, not zero, range in order, percentages at
most 100, the year's realisation under 5× the target: transforms.quality.targets."""

from __future__ import annotations

from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.expectations.expectation import MulticolumnMapExpectation
from great_expectations.expectations.metrics.map_metric_provider import (
    MulticolumnMapMetricProvider,
)
from great_expectations.expectations.metrics.map_metric_provider.multicolumn_condition_partial import (  # noqa: E501
    multicolumn_condition_partial,
)

from expectations.custom._metrics import row_condition
from transforms.quality.targets import judge_targets

COLUMNS = ["uraian", "target_teks", "target_min", "target_max", "satuan", "pendekatan",
           "periode_terisi", "realisasi_jumlah", "realisasi_rata", "realisasi_maks", "periode_maks"]


class TargetWajar(MulticolumnMapMetricProvider):
    condition_metric_name = "multicolumn_values.kinerja_target_wajar"

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list, **kwargs):
        return row_condition(column_list, lambda rows: judge_targets(rows)["masalah_target"].is_null())


class ExpectIndikatorTargetToBeRealistic(MulticolumnMapExpectation):
    """TARGET_UNREALISTIC: target missing or zero, range inverted, a percentage over 100, or
    the year's realisation ≥ 5× the target (additive units summed, levels averaged)."""

    map_metric = "multicolumn_values.kinerja_target_wajar"
    column_list: list[str] = COLUMNS
    ignore_row_if: str = "never"
