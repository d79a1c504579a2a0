"""Year-on-year drift of a unit's predikat mix (mart.konsistensi_riwayat): Jensen–Shannon
distance (scipy ``jensenshannon(..., base=2)``: the square root of the divergence, 0 = same
mix, 1 = disjoint) between consecutive years, and a chi-square test of homogeneity of the two
years' counts (scipy ``chi2_contingency``; the p-value is approximate when expected counts are
under 5, which ``perkiraan_kecil`` says). Size-free for ranking; the test carries the size."""

from __future__ import annotations

import numpy as np
import polars as pl
from scipy.spatial.distance import jensenshannon
from scipy.stats import chi2_contingency

from transforms.consistency.units import COUNTS


def drift(history: pl.DataFrame, keys: tuple[str, ...] = ("instansi_id", "unor_id")) -> pl.DataFrame:
    """Per unit and year after its first: ``jarak_js``, ``p_chi2``, ``perkiraan_kecil``, the
    year compared with (``tahun_sebelumnya``) and both sizes."""
    rows = []
    ordered = history.group_by(*keys, "tahun").agg(pl.col(c).sum() for c in (*COUNTS, "dinilai")).sort(*keys, "tahun")
    for key, g in ordered.group_by(*keys, maintain_order=True):
        years = g.to_dicts()
        for before, now in zip(years, years[1:], strict=False):
            a = np.array([before[c] for c in COUNTS], float)
            b = np.array([now[c] for c in COUNTS], float)
            if a.sum() == 0 or b.sum() == 0:
                continue
            table = np.vstack([a, b])
            table = table[:, table.sum(axis=0) > 0]
            if table.shape[1] > 1:
                _, p, _, expected = chi2_contingency(table, correction=False)
                small = bool((expected < 5).any())
            else:
                p, small = 1.0, False
            rows.append({**dict(zip(keys, key, strict=True)), "tahun": now["tahun"],
                         "tahun_sebelumnya": before["tahun"], "dinilai": now["dinilai"],
                         "dinilai_sebelumnya": before["dinilai"],
                         "jarak_js": float(jensenshannon(a / a.sum(), b / b.sum(), base=2)),
                         "p_chi2": float(p), "perkiraan_kecil": small})
    schema = {**{k: pl.String for k in keys}, "tahun": pl.Int64, "tahun_sebelumnya": pl.Int64,
              "dinilai": pl.Int64, "dinilai_sebelumnya": pl.Int64, "jarak_js": pl.Float64,
              "p_chi2": pl.Float64, "perkiraan_kecil": pl.Boolean}
    return pl.DataFrame(rows, schema=schema)
