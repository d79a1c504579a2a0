"""Metric providers shared by several custom expectations (registered on import)."""

from __future__ import annotations

import polars as pl
from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.expectations.metrics.map_metric_provider import ColumnMapMetricProvider
from great_expectations.expectations.metrics.map_metric_provider.column_condition_partial import (
    column_condition_partial,
)

POSITIVE = "column_values.kinerja_positif"


class ColumnValuesPositive(ColumnMapMetricProvider):
    """A count column (missing = 0) is above zero: at least one bukti dukung, one Utama RHK."""

    condition_metric_name = POSITIVE

    @column_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column, **kwargs):
        return column.fillna(0) > 0


def as_polars(frame) -> pl.DataFrame:
    """A pandas column frame as Polars (NaN as null), index order kept."""
    return pl.from_pandas(frame.reset_index(drop=True), nan_to_null=True)


def row_condition(frame, decide) -> object:
    """The pandas boolean Series of a multicolumn condition: ``decide`` maps the rows (as Polars)
    to one boolean per row."""
    import pandas as pd

    return pd.Series(decide(as_polars(frame)).to_list(), index=frame.index)
