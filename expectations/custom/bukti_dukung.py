"""ExpectRealisasiToHaveBuktiDukung: a reported realisation has bukti dukung for its period."""

from __future__ import annotations

from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.expectations.expectation import ColumnMapExpectation
from great_expectations.expectations.metrics.map_metric_provider import ColumnMapMetricProvider
from great_expectations.expectations.metrics.map_metric_provider.column_condition_partial import (
    column_condition_partial,
)


class ColumnValuesBuktiAda(ColumnMapMetricProvider):
    condition_metric_name = "column_values.kinerja_bukti_ada"

    @column_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column, **kwargs):
        return column.fillna(0) > 0


class ExpectRealisasiToHaveBuktiDukung(ColumnMapExpectation):
    """Every reported realisation (one row per indikator and periode) counts at least one bukti
    dukung for the same indikator and periode (EVIDENCE_MISSING)."""

    map_metric = "column_values.kinerja_bukti_ada"
    column: str = "jumlah_bukti"
