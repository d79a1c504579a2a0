"""DISTRIBUTION_OUT_OF_BOUNDS: a unit's annual predikat distribution breaks a hard SE MenPANRB
3/2023 bound for its predikat organisasi (transforms.consistency.units; docs/konsistensi.md).

Periodic distributions are judged and shown on the Konsistensi unit page, not raised as
findings: a periodic predikat is a step toward the annual one. The softer "largest group"
check is named in the detail when it fails too, never raised alone."""

from __future__ import annotations

import duckdb
import polars as pl

from transforms.consistency.units import unit_counts, with_bounds
from transforms.consistency.wording import REVIEW
from transforms.findings.writer import finding_frame

RULE_IDS = ("DISTRIBUTION_OUT_OF_BOUNDS",)


def _source(row: dict) -> str:
    if not row["jarak"]:
        where = "unit ini sendiri"
    else:
        where = f"unit induk '{row['sumber_unor_nama'] or row['sumber_unor_id']}'"
    return f"predikat organisasi {row['predikat_organisasi']} (dari {where})"


def findings(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    units = with_bounds(unit_counts(con)).filter(
        (pl.col("periode") == pl.col("tahun").cast(pl.String)) & pl.col("melanggar_keras")
    )
    rows = [
        {
            "rule": RULE_IDS[0], "tingkat": "unit", "subjek_id": r["unor_id"], "periode": r["periode"],
            "detail": (f"Distribusi predikat tahunan {r['dinilai']} pegawai di unit ini melanggar batas "
                       f"SE MenPANRB 3/2023 untuk {_source(r)}: {r['pelanggaran']} Dihitung: pegawai "
                       "yang ditempatkan di unit ini, termasuk kepala unit. " + REVIEW),
            "_unor_id": r["unor_id"], "_instansi_id": r["instansi_id"],
        }
        for r in units.iter_rows(named=True)
    ]
    return finding_frame(rows)
