"""ExpectSkpToHaveRhkUtama: every SKP has at least one Utama RHK."""

from __future__ import annotations

from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.expectations.expectation import ColumnMapExpectation
from great_expectations.expectations.metrics.map_metric_provider import ColumnMapMetricProvider
from great_expectations.expectations.metrics.map_metric_provider.column_condition_partial import (
    column_condition_partial,
)


class ColumnValuesAdaUtama(ColumnMapMetricProvider):
    condition_metric_name = "column_values.kinerja_ada_rhk_utama"

    @column_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column, **kwargs):
        return column.fillna(0) > 0


class ExpectSkpToHaveRhkUtama(ColumnMapExpectation):
    """Every SKP (one row per skp_id, with its count of Utama RHK) has at least one Utama RHK
    (SKP_WITHOUT_UTAMA; PermenPANRB 6/2022)."""

    map_metric = "column_values.kinerja_ada_rhk_utama"
    column: str = "rhk_utama"
