"""Year-on-year drift of a unit's predikat mix (mart.konsistensi_riwayat): Jensen–Shannon
distance (scipy ``jensenshannon(..., base=2)``: the square root of the divergence, 0 = same
mix, 1 = disjoint) between consecutive years, and a chi-square test of homogeneity of the two
years' counts (scipy ``chi2_contingency`` without Yates' correction, computed for every pair of
years at once with the same floating-point steps; the p-value is approximate when expected
counts are under 5, which ``perkiraan_kecil`` says). Size-free for ranking; the test carries
the size."""

from __future__ import annotations

import numpy as np
import polars as pl
from scipy.spatial.distance import jensenshannon
from scipy.special import chdtrc

from transforms.consistency.units import COUNTS

SCHEMA_TAIL = {"tahun": pl.Int64, "tahun_sebelumnya": pl.Int64, "dinilai": pl.Int64, "dinilai_sebelumnya": pl.Int64,
               "jarak_js": pl.Float64, "p_chi2": pl.Float64, "perkiraan_kecil": pl.Boolean}  # fmt: skip


def chi2_homogeneity(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(p, any expected count under 5) per row of two (m, k) count arrays, as
    ``chi2_contingency(table[:, table.sum(0) > 0], correction=False)`` of each 2 × k table
    (p 1 and False when under two columns hold counts); rows must not sum to 0."""
    p, small = np.ones(len(a)), np.zeros(len(a), bool)
    used = (a + b) > 0
    width = used.sum(axis=1)
    for k in np.unique(width[width > 1]):
        rows = np.flatnonzero(width == k)
        table = np.stack([a[rows][used[rows]].reshape(-1, k), b[rows][used[rows]].reshape(-1, k)], axis=1)
        expected = table.sum(axis=2, keepdims=True) * table.sum(axis=1, keepdims=True) / table.sum(axis=(1, 2))[:, None, None]
        terms = (table - expected) ** 2 / expected
        stat = np.array([t.ravel().sum() for t in terms])  # scipy sums each flattened table alone
        p[rows] = np.clip(chdtrc(float(k - 1), stat), 0.0, 1.0)
        small[rows] = (expected < 5).any(axis=(1, 2))
    return p, small


def drift(history: pl.DataFrame, keys: tuple[str, ...] = ("instansi_id", "unor_id")) -> pl.DataFrame:
    """Per unit and year after its first: ``jarak_js``, ``p_chi2``, ``perkiraan_kecil``, the
    year compared with (``tahun_sebelumnya``) and both sizes."""
    ordered = history.group_by(*keys, "tahun").agg(pl.col(c).sum() for c in (*COUNTS, "dinilai")).sort(*keys, "tahun")
    before = [pl.col(c).shift(1).over(list(keys)).alias(f"{c}__sebelumnya") for c in ("tahun", *COUNTS, "dinilai")]
    pairs = ordered.with_columns(*before).filter(pl.col("tahun__sebelumnya").is_not_null())
    a = pairs.select(f"{c}__sebelumnya" for c in COUNTS).to_numpy().astype(float)
    b = pairs.select(COUNTS).to_numpy().astype(float)
    keep = (a.sum(axis=1) != 0) & (b.sum(axis=1) != 0)
    a, b, pairs = a[keep], b[keep], pairs.filter(pl.Series(keep))
    if not len(a):
        return pl.DataFrame(schema={**{k: pl.String for k in keys}, **SCHEMA_TAIL})
    js = jensenshannon(a / a.sum(axis=1, keepdims=True), b / b.sum(axis=1, keepdims=True), base=2, axis=1)
    p, small = chi2_homogeneity(a, b)
    return pairs.select(
        *(pl.col(k).cast(pl.String) for k in keys), "tahun",
        pl.col("tahun__sebelumnya").alias("tahun_sebelumnya"), "dinilai",
        pl.col("dinilai__sebelumnya").alias("dinilai_sebelumnya"),
        pl.Series("jarak_js", js), pl.Series("p_chi2", p), pl.Series("perkiraan_kecil", small),
    ).cast(SCHEMA_TAIL)  # fmt: skip
