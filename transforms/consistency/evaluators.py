"""Evaluator (penilai) leniency, severity and central tendency, adjusted for the evidence.

Method (docs/konsistensi.md, "Penilai"):

1. Each annual appraisal gets an evidence cell: the appraisee's capaian band (below
   :data:`BAND_LOW`, up to :data:`BAND_HIGH`, above, or no capaian) × bukti coverage (at least
   :data:`COVERAGE` or not) — transforms.consistency.evidence.
2. What peers give for that evidence: P(rating | cell) over every other evaluator's appraisals
   (leave-one-evaluator-out, so an evaluator does not set their own norm), smoothed toward the
   overall rating mix with weight :data:`ALPHA`. Rating Hasil Kerja is scored −1 (Di Bawah),
   0 (Sesuai), +1 (Di Atas); an appraisal's expected score e and variance v follow.
3. Per evaluator with n appraisals: leniency L = Σ(score − e)/n with null standard error
   sqrt(Σv)/n; central tendency C = (middle ratings − Σ P(Sesuai))/n with sqrt(Σp(1−p))/n.
4. Over-dispersion as for units (Spiegelhalter 2005): Winsorised z, φ, additive τ², limits at
   99.8% (z = 3.09); Benjamini–Hochberg q-values beside them.
5. Shrinkage toward the peer mean: normal–normal with DerSimonian–Laird τ² of the stratum
   (statsmodels combine_effects), shrunk estimate and 95% interval.
6. A flag needs all of: at least :data:`MIN_APPRAISEES` appraisals, outside the 99.8% limit,
   an estimated effect of at least :data:`EFFECT` rating steps (the raw estimate: shrinkage
   ranks and shows, the limits already carry the uncertainty), and at least :data:`MIN_PEOPLE`
   appraisees rated on the flagged side of their evidence band (one discordant case is
   RATING_EVIDENCE_DISCORDANT's, not a pattern). Central tendency also needs at least
   :data:`MIN_PEOPLE` appraisees whose evidence is expected off the middle.
"""

from __future__ import annotations

import numpy as np
import polars as pl
from scipy.stats import norm
from statsmodels.stats.meta_analysis import combine_effects

from transforms.consistency.funnel import Z95, Z998, additive_tau2, bh_qvalues

SCORE = {"Di Atas Ekspektasi": 1, "Sesuai Ekspektasi": 0, "Di Bawah Ekspektasi": -1}
BAND_LOW, BAND_HIGH = 0.80, 1.05
COVERAGE = 0.5
ALPHA = 1.0
MIN_APPRAISEES = 5
EFFECT = 0.2
MIN_PEOPLE = 3
VAR_FLOOR = 0.01  # per appraisal, so unanimous peers do not give a zero standard error
BANDS = {"bawah": -1, "sesuai": 0, "atas": 1}


def evidence_band(capaian: pl.Expr) -> pl.Expr:
    return (
        pl.when(capaian.is_null()).then(pl.lit("tanpa_capaian"))
        .when(capaian < BAND_LOW).then(pl.lit("bawah"))
        .when(capaian < BAND_HIGH).then(pl.lit("sesuai"))
        .otherwise(pl.lit("atas"))
    )


def with_cells(appraisals: pl.DataFrame) -> pl.DataFrame:
    """Add ``skor``, ``pita`` (capaian band), ``skor_pita`` and ``sel`` (band × coverage)."""
    cover = pl.when(pl.col("cakupan_bukti").fill_null(0) >= COVERAGE).then(pl.lit("berbukti")) \
        .otherwise(pl.lit("kurang_bukti"))
    return appraisals.with_columns(
        pl.col("rating_hasil_kerja").replace_strict(SCORE, default=None).alias("skor"),
        evidence_band(pl.col("capaian")).alias("pita"),
    ).filter(pl.col("skor").is_not_null()).with_columns(
        pl.col("pita").replace_strict(BANDS, default=None).alias("skor_pita"),
        (pl.col("pita") + pl.lit("|") + cover).alias("sel"),
    )


def expected(appraisals: pl.DataFrame, evaluator: str = "nip_penilai") -> pl.DataFrame:
    """Add ``p_bawah``, ``p_sesuai``, ``p_atas`` (leave-one-evaluator-out P(rating | sel)),
    ``harapan`` (expected score) and ``ragam`` (its variance) to :func:`with_cells` rows."""
    a = appraisals
    total = a.height
    prior = {s: a.filter(pl.col("skor") == s).height / total if total else 1 / 3 for s in (-1, 0, 1)}
    cell = a.group_by("sel").agg(
        *(((pl.col("skor") == s).sum()).alias(f"n{s}") for s in (-1, 0, 1)), pl.len().alias("n")
    )
    own = a.group_by(evaluator, "sel").agg(
        *(((pl.col("skor") == s).sum()).alias(f"m{s}") for s in (-1, 0, 1)), pl.len().alias("m")
    )
    out = a.join(cell, on="sel", how="left").join(own, on=[evaluator, "sel"], how="left")
    base = pl.col("n") - pl.col("m") + ALPHA
    probs = {
        s: (pl.col(f"n{s}") - pl.col(f"m{s}") + ALPHA * prior[s]) / base for s in (-1, 0, 1)
    }
    out = out.with_columns(
        probs[-1].alias("p_bawah"), probs[0].alias("p_sesuai"), probs[1].alias("p_atas")
    ).with_columns(
        (pl.col("p_atas") - pl.col("p_bawah")).alias("harapan"),
    ).with_columns(
        (pl.col("p_atas") + pl.col("p_bawah") - pl.col("harapan") ** 2).alias("ragam"),
    )
    return out.drop("n-1", "n0", "n1", "n", "m-1", "m0", "m1", "m")


def per_evaluator(rows: pl.DataFrame, evaluator: str = "nip_penilai",
                  strata: str = "instansi_id") -> pl.DataFrame:
    """One row per (stratum, evaluator) with the counts of step 3."""
    floor = pl.len() * VAR_FLOOR
    return rows.group_by(strata, evaluator).agg(
        pl.len().alias("dinilai"),
        pl.col("skor").sum().alias("skor_jumlah"),
        pl.col("harapan").sum().alias("harapan_jumlah"),
        pl.max_horizontal(pl.col("ragam").sum(), floor).alias("ragam_jumlah"),
        (pl.col("skor") == 0).sum().alias("tengah"),
        pl.col("p_sesuai").sum().alias("tengah_harapan"),
        pl.max_horizontal((pl.col("p_sesuai") * (1 - pl.col("p_sesuai"))).sum(), floor)
        .alias("tengah_ragam"),
        (pl.col("skor") > pl.col("skor_pita")).sum().alias("di_atas_bukti"),
        (pl.col("skor") < pl.col("skor_pita")).sum().alias("di_bawah_bukti"),
        (pl.col("skor") == 1).sum().alias("rating_atas"),
        (pl.col("skor") == -1).sum().alias("rating_bawah"),
        pl.col("skor").std(ddof=0).alias("sd_rating"),
        pl.col("harapan").std(ddof=0).alias("sd_harapan"),
        *(
            (pl.col("pita") == b).sum().alias(f"pita_{b}")
            for b in ("bawah", "sesuai", "atas", "tanpa_capaian")
        ),
    ).sort(strata, evaluator)


def _signal(est: np.ndarray, se: np.ndarray, eligible: np.ndarray,
            prefix: str) -> dict[str, np.ndarray]:
    """Funnel z (over-dispersion adjusted), p-values, q-values and shrinkage for one stratum."""
    z0 = np.where(se > 0, est / se, 0.0)
    phi, tau2 = additive_tau2(z0[eligible], se[eligible]) if eligible.sum() >= 2 else (1.0, 0.0)
    z = est / np.sqrt(se**2 + tau2)
    p_up, p_down = norm.sf(z), norm.cdf(z)
    mu, tau2_dl = 0.0, 0.0
    if eligible.sum() >= 2:
        with np.errstate(all="ignore"):  # identical estimates: Q = 0, statsmodels divides by 0
            res = combine_effects(est[eligible], se[eligible] ** 2, method_re="chi2")
        mu, tau2_dl = float(res.mean_effect_re), float(res.tau2)
        if not (np.isfinite(mu) and np.isfinite(tau2_dl)):
            mu, tau2_dl = float(np.mean(est[eligible])), 0.0
    weight = tau2_dl / (tau2_dl + se**2) if tau2_dl > 0 else np.zeros_like(se)
    shrunk = mu + weight * (est - mu)
    sd = np.sqrt(weight) * se
    return {
        f"{prefix}_z": z, f"{prefix}_p_atas": p_up, f"{prefix}_p_bawah": p_down,
        f"{prefix}_q_atas": bh_qvalues(p_up, eligible), f"{prefix}_q_bawah": bh_qvalues(p_down, eligible),
        f"{prefix}_susut": shrunk, f"{prefix}_susut_bawah": shrunk - Z95 * sd,
        f"{prefix}_susut_atas": shrunk + Z95 * sd,
        f"{prefix}_phi": np.full(se.shape, phi), f"{prefix}_tau2": np.full(se.shape, tau2),
        f"{prefix}_tau2_dl": np.full(se.shape, tau2_dl), f"{prefix}_rerata": np.full(se.shape, mu),
    }


def signals(evaluators: pl.DataFrame, strata: str = "instansi_id") -> pl.DataFrame:
    """:func:`per_evaluator` rows with leniency (``lunak_*``), central tendency (``tengah_*``),
    their adjusted z, q-values, shrinkage, and the three flags."""
    parts = []
    groups = [g for _, g in evaluators.group_by(strata, maintain_order=True)] or [evaluators]
    for g in groups:
        n = g.get_column("dinilai").to_numpy().astype(float)
        eligible = n >= MIN_APPRAISEES
        lenient = (g["skor_jumlah"].to_numpy() - g["harapan_jumlah"].to_numpy()) / n
        lenient_se = np.sqrt(g["ragam_jumlah"].to_numpy()) / n
        central = (g["tengah"].to_numpy() - g["tengah_harapan"].to_numpy()) / n
        central_se = np.sqrt(g["tengah_ragam"].to_numpy()) / n
        cols = {"lunak": lenient, "lunak_se": lenient_se, "tengah_ekses": central,
                "tengah_se": central_se, "layak": eligible,
                **_signal(lenient, lenient_se, eligible, "lunak"),
                **_signal(central, central_se, eligible, "tengah")}
        parts.append(g.with_columns(*(pl.Series(k, v) for k, v in cols.items())))
    out = pl.concat(parts)
    off_middle = pl.col("dinilai") - pl.col("tengah_harapan")
    return out.with_columns(
        (pl.col("layak") & (pl.col("tengah_z") > Z998) & (pl.col("tengah_ekses") >= EFFECT))
        .and_(off_middle >= MIN_PEOPLE)
        .and_((pl.col("tengah") - pl.col("tengah_harapan")) >= MIN_PEOPLE)
        .alias("tengah_ditandai"),
    ).with_columns(
        # a middle rating regardless of evidence looks lenient to the weak and severe to the
        # strong: the central-tendency flag explains both and is reported alone
        (pl.col("layak") & ~pl.col("tengah_ditandai") & (pl.col("lunak_z") > Z998)
         & (pl.col("lunak") >= EFFECT) & (pl.col("di_atas_bukti") >= MIN_PEOPLE))
        .alias("lunak_ditandai"),
        (pl.col("layak") & ~pl.col("tengah_ditandai") & (pl.col("lunak_z") < -Z998)
         & (pl.col("lunak") <= -EFFECT) & (pl.col("di_bawah_bukti") >= MIN_PEOPLE))
        .alias("ketat_ditandai"),
    )
