"""ExpectSkpToHaveRhkUtama: every SKP has at least one Utama RHK."""

from __future__ import annotations

from great_expectations.expectations.expectation import ColumnMapExpectation

from expectations.custom._metrics import POSITIVE


class ExpectSkpToHaveRhkUtama(ColumnMapExpectation):
    """Every SKP (one row per skp_id, with its count of Utama RHK) has at least one Utama RHK
    (SKP_WITHOUT_UTAMA; PermenPANRB 6/2022)."""

    map_metric = POSITIVE
    column: str = "rhk_utama"
