"""ExpectIndikatorToBeMeasurable: the indicator names a measure or has a numeric target (or, in
the Kualitatif approach, a verifiable criterion): transforms.quality.measurability."""

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
from transforms.quality.measurability import judge

COLUMNS = ["uraian", "target_teks", "target_min", "target_max", "satuan", "pendekatan"]


class IndikatorTerukur(MulticolumnMapMetricProvider):
    condition_metric_name = "multicolumn_values.kinerja_indikator_terukur"

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list, **kwargs):
        return row_condition(column_list, lambda rows: judge(rows)["terukur"])


class ExpectIndikatorToBeMeasurable(MulticolumnMapExpectation):
    """INDICATOR_UNMEASURABLE: no quantity/quality/time/cost measure in the text and no numeric
    target (Kualitatif: no verifiable criterion either)."""

    map_metric = "multicolumn_values.kinerja_indikator_terukur"
    column_list: list[str] = COLUMNS
    ignore_row_if: str = "never"
