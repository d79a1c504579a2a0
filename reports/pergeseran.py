"""The "Pergeseran dan periodik" section of the Konsistensi unit page: year-on-year drift of
each unit's predikat mix (Jensen–Shannon distance and a chi-square test, transforms.consistency.
drift) beside how often the annual predikat departs from every periodic one. Units under
MIN_N appraised in either year are not compared; counts of 1..threshold-1 people show the mark."""

from __future__ import annotations

import polars as pl

from reports import privacy
from transforms.consistency.drift import drift
from transforms.consistency.funnel import MIN_N

TOP = 30
ALPHA = 0.05


def _cell(n: int, threshold: int) -> int | str:
    return privacy.mark_small(threshold) if privacy.is_small(n, threshold) else n


def section(riwayat: pl.DataFrame, periode: pl.DataFrame, threshold: int = privacy.THRESHOLD) -> dict:
    """{'baris': the TOP units by drift, 'diuji', 'signifikan', 'harapan'}: rows of [unit,
    instansi, tahun sebelumnya, n sebelumnya, n, jarak JS, p, tahunan di atas, di bawah]."""
    if riwayat.is_empty():
        return {"baris": [], "diuji": 0, "signifikan": 0, "harapan": 0.0}
    hist = riwayat.rename({"tahun_riwayat": "tahun"})
    names = hist.select("unor_id", "unor_nama", "instansi_nama").unique("unor_id")
    latest = hist["tahun"].max()
    d = drift(hist).filter(
        (pl.col("tahun") == latest) & (pl.col("dinilai") >= MIN_N) & (pl.col("dinilai_sebelumnya") >= MIN_N)
    )
    per = periode.select("unor_id", "tahunan_di_atas", "tahunan_di_bawah") if periode.height else None
    d = d.join(names, on="unor_id", how="left")
    if per is not None:
        d = d.join(per, on="unor_id", how="left")
    rows = []
    for r in d.sort("jarak_js", descending=True).head(TOP).iter_rows(named=True):
        atas, bawah = int(r.get("tahunan_di_atas") or 0), int(r.get("tahunan_di_bawah") or 0)
        rows.append([r["unor_nama"], r["instansi_nama"], r["tahun_sebelumnya"], r["dinilai_sebelumnya"],
                     r["dinilai"], round(r["jarak_js"], 3), r["p_chi2"], r["perkiraan_kecil"],
                     _cell(atas, threshold), _cell(bawah, threshold)])
    tested = d.height
    return {"baris": rows, "diuji": tested, "signifikan": int((d["p_chi2"] < ALPHA).sum()) if tested else 0,
            "harapan": round(ALPHA * tested, 1)}
