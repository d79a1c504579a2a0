"""UNIT_OUTLIER_HIGH / UNIT_OUTLIER_LOW: a unit's annual share of Sangat Baik (HIGH) or of Butuh
Perbaikan or worse (LOW) above the upper 99.8% funnel limit around its instansi's pooled share,
with Spiegelhalter's additive over-dispersion adjustment (transforms.consistency.funnel).
Units under 10 appraised are shown on the page, never flagged. A share of Sangat Baik *below*
the lower limit is shown but not flagged: SE 3/2023 never requires Sangat Baik."""

from __future__ import annotations

import duckdb
import polars as pl

from transforms.consistency.funnel import MIN_N, Z998, expected_false_alarms
from transforms.consistency.units import unit_counts, with_funnels
from transforms.consistency.wording import REVIEW, num, pct, q_text
from transforms.findings.writer import finding_frame

RULE_IDS = ("UNIT_OUTLIER_HIGH", "UNIT_OUTLIER_LOW")
WHAT = {"sb": ("UNIT_OUTLIER_HIGH", "Sangat Baik"), "bawah": ("UNIT_OUTLIER_LOW", "Butuh Perbaikan atau lebih rendah")}


def detail(r: dict, prefix: str) -> str:
    _, label = WHAT[prefix]
    k = r["sangat_baik"] if prefix == "sb" else r["bawah_jumlah"]
    alarms = expected_false_alarms(r[f"{prefix}_unit_diuji"])
    return (
        f"{k} dari {r['dinilai']} pegawai ({pct(r[f'{prefix}_proporsi'])}) berpredikat {label}, di atas "
        f"batas atas funnel 99,8 % ({pct(r[f'{prefix}_b998_atas'])}) di sekitar rerata instansi "
        f"{pct(r[f'{prefix}_target'])}; batas 95 %: {pct(r[f'{prefix}_b95_bawah'])}–{pct(r[f'{prefix}_b95_atas'])}. "
        f"Metode: funnel plot Spiegelhalter (skala logit, z Winsor 10 %, φ = {num(r[f'{prefix}_phi'])}, "
        f"τ² = {num(r[f'{prefix}_tau2'], 3)}), z = {num(r[f'{prefix}_z'])} (ambang {num(Z998)}), "
        f"q Benjamini–Hochberg {q_text(r[f'{prefix}_q_atas'])}; dari {r[f'{prefix}_unit_diuji']} unit "
        f"yang diuji (≥ {MIN_N} pegawai) diharapkan {num(alarms, 1)} tanda palsu karena kebetulan. "
        + REVIEW
    )


def findings(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    units = with_funnels(unit_counts(con)).filter(pl.col("periode") == pl.col("tahun").cast(pl.String))
    rows = []
    for prefix, (rule, _) in WHAT.items():
        for r in units.filter(pl.col(f"{prefix}_di_atas")).iter_rows(named=True):
            rows.append({"rule": rule, "tingkat": "unit", "subjek_id": r["unor_id"], "periode": r["periode"],
                         "detail": detail(r, prefix), "_unor_id": r["unor_id"], "_instansi_id": r["instansi_id"]})
    return finding_frame(rows)
