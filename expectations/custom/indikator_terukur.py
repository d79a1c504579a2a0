"""ExpectIndikatorToBeMeasurable: the indicator names a measure or has a numeric target (or, in
the Kualitatif approach, a verifiable criterion): transforms.quality.measurability."""

from __future__ import annotations

import polars as pl
from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.expectations.expectation import MulticolumnMapExpectation
from great_expectations.expectations.metrics.map_metric_provider import (
    MulticolumnMapMetricProvider,
)
from great_expectations.expectations.metrics.map_metric_provider.multicolumn_condition_partial import (  # noqa: E501
    multicolumn_condition_partial,
)

from transforms.quality.measurability import judge

COLUMNS = ["uraian", "target_teks", "target_min", "target_max", "satuan", "pendekatan"]


def as_polars(frame) -> pl.DataFrame:
    """A pandas column frame as Polars (NaN as null), index order kept."""
    return pl.from_pandas(frame.reset_index(drop=True), nan_to_null=True)


class IndikatorTerukur(MulticolumnMapMetricProvider):
    condition_metric_name = "multicolumn_values.kinerja_indikator_terukur"
    condition_domain_keys = ("batch_id", "table", "column_list", "row_condition",
                             "condition_parser", "ignore_row_if")

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list, **kwargs):
        import pandas as pd

        verdict = judge(as_polars(column_list))["terukur"].to_list()
        return pd.Series(verdict, index=column_list.index)


class ExpectIndikatorToBeMeasurable(MulticolumnMapExpectation):
    """INDICATOR_UNMEASURABLE: no quantity/quality/time/cost measure in the text and no numeric
    target (Kualitatif: no verifiable criterion either)."""

    map_metric = "multicolumn_values.kinerja_indikator_terukur"
    column_list: list[str] = COLUMNS
    ignore_row_if: str = "never"
