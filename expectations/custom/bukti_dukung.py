"""ExpectRealisasiToHaveBuktiDukung: a reported realisation has bukti dukung for its period."""

from __future__ import annotations

from great_expectations.expectations.expectation import ColumnMapExpectation

from expectations.custom._metrics import POSITIVE


class ExpectRealisasiToHaveBuktiDukung(ColumnMapExpectation):
    """Every reported realisation (one row per indikator and periode) counts at least one bukti
    dukung for the same indikator and periode (EVIDENCE_MISSING)."""

    map_metric = POSITIVE
    column: str = "jumlah_bukti"
