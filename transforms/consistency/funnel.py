"""Funnel plots for proportions with Spiegelhalter's additive over-dispersion adjustment.

Spiegelhalter, "Funnel plots for comparing institutional performance", Stat Med 24:1185–1202
(2005), §3.2 and §6 (the method of the R package FunnelPlotR 0.6 for proportions):

1. per unit i with k_i of n_i: y_i = logit(k_i / n_i) (k = 0 or k = n: (k + ½) / (n + 1)),
   s_i = 1 / sqrt(n_i θ0 (1 − θ0)), z_i = (y_i − logit θ0) / s_i, θ0 the target;
2. Winsorise z at the 10th and 90th percentiles, φ = mean of the squared Winsorised z;
3. τ² = max(0, (I φ − (I − 1)) / (Σ w_i − Σ w_i² / Σ w_i)), w_i = 1 / s_i² (DerSimonian–Laird
   with the target in place of the weighted mean);
4. limits θ0 ± z_α sqrt(s_i² + τ²) on the logit scale, back-transformed; z-scores
   (y_i − logit θ0) / sqrt(s_i² + τ²).

Units below ``min_n`` are shown but take no part in estimating φ and τ² and are never flagged.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import polars as pl
from scipy.stats import norm
from statsmodels.stats.multitest import multipletests

Z95 = float(norm.ppf(0.975))  # 1.95996…
Z998 = float(norm.ppf(0.999))  # 3.09023…
MIN_N = 10
WINSOR = 0.1


@dataclass(frozen=True)
class Dispersion:
    """Over-dispersion of a set of units around a target (logit scale)."""

    target: float  # θ0 as a proportion
    phi: float  # mean squared Winsorised z
    tau2: float  # additive between-unit variance on the logit scale
    units: int  # units that took part (n >= min_n)


def logit(p: np.ndarray | float) -> np.ndarray | float:
    return np.log(p) - np.log1p(-np.asarray(p))


def expit(x: np.ndarray | float) -> np.ndarray | float:
    return 1.0 / (1.0 + np.exp(-np.asarray(x)))


def observed_logit(k: np.ndarray, n: np.ndarray) -> np.ndarray:
    """logit(k/n), with (k + ½)/(n + 1) where k is 0 or n."""
    k, n = np.asarray(k, float), np.asarray(n, float)
    edge = (k <= 0) | (k >= n)
    p = np.where(edge, (k + 0.5) / (n + 1.0), k / np.where(n > 0, n, 1.0))
    return np.asarray(logit(p), float)


def null_se(n: np.ndarray, theta0: float) -> np.ndarray:
    """Standard error of logit(k/n) under the target: 1 / sqrt(n θ0 (1 − θ0))."""
    return 1.0 / np.sqrt(np.asarray(n, float) * theta0 * (1.0 - theta0))


def winsorise(z: np.ndarray, fraction: float = WINSOR) -> np.ndarray:
    """z with values below the ``fraction`` quantile (above 1 − fraction) set to it."""
    z = np.asarray(z, float)
    if fraction <= 0 or z.size == 0:
        return z
    lo, hi = np.quantile(z, [fraction, 1.0 - fraction])
    return np.clip(z, lo, hi)


def additive_tau2(z: np.ndarray, s: np.ndarray, fraction: float = WINSOR) -> tuple[float, float]:
    """(φ, τ²) from z-scores and standard errors (steps 2–3 of the module docstring)."""
    z, s = np.asarray(z, float), np.asarray(s, float)
    units = z.size
    if units < 2:
        return 1.0, 0.0
    phi = float(np.mean(winsorise(z, fraction) ** 2))
    w = 1.0 / s**2
    denominator = w.sum() - (w**2).sum() / w.sum()
    tau2 = max(0.0, float((units * phi - (units - 1)) / denominator)) if denominator > 0 else 0.0
    return phi, tau2


def estimate(k: np.ndarray, n: np.ndarray, target: float | None = None, *,
             min_n: int = MIN_N, fraction: float = WINSOR) -> Dispersion:
    """φ and τ² of the units with n >= min_n around ``target`` (default: their pooled share)."""
    k, n = np.asarray(k, float), np.asarray(n, float)
    use = n >= min_n
    theta0 = float(k[use].sum() / n[use].sum()) if target is None and n[use].sum() else target
    if theta0 is None or not 0.0 < theta0 < 1.0 or use.sum() < 2:
        return Dispersion(theta0 if theta0 is not None else math.nan, 1.0, 0.0, int(use.sum()))
    s = null_se(n[use], theta0)
    z = (observed_logit(k[use], n[use]) - logit(theta0)) / s
    phi, tau2 = additive_tau2(z, s, fraction)
    return Dispersion(theta0, phi, tau2, int(use.sum()))


def limits(n: np.ndarray | float, theta0: float, tau2: float, z: float) -> tuple[np.ndarray, np.ndarray]:
    """(lower, upper) proportions of the funnel at sizes n."""
    n = np.asarray(n, float)
    half = z * np.sqrt(null_se(n, theta0) ** 2 + tau2)
    centre = logit(theta0)
    return np.asarray(expit(centre - half)), np.asarray(expit(centre + half))


def funnel(frame: pl.DataFrame, k: str, n: str, *, target: float | None = None,
           min_n: int = MIN_N, fraction: float = WINSOR) -> tuple[pl.DataFrame, Dispersion]:
    """``frame`` with the funnel columns for count ``k`` of ``n`` per row, and the dispersion.

    Added: ``proporsi``, ``z`` (over-dispersion adjusted), ``p_atas``/``p_bawah`` (one-sided),
    ``q_atas``/``q_bawah`` (Benjamini–Hochberg over the units tested), the 95% and 99.8%
    limits ``b95_bawah``, ``b95_atas``, ``b998_bawah``, ``b998_atas``, ``diuji`` (n >= min_n),
    ``di_atas``/``di_bawah`` (tested and outside the 99.8% limit).
    """
    kk = frame.get_column(k).cast(pl.Float64).fill_null(0).to_numpy()
    nn = frame.get_column(n).cast(pl.Float64).fill_null(0).to_numpy()
    cols, disp = funnel_columns(kk, nn, target, min_n=min_n, fraction=fraction)
    out = frame.with_columns(
        *(pl.Series(name, v).fill_nan(None) for name, v in cols.items()),
        pl.Series("diuji", nn >= min_n),
    )
    return out.with_columns(*flags()), disp


def funnel_columns(kk: np.ndarray, nn: np.ndarray, target: float | None = None, *,
                   min_n: int = MIN_N, fraction: float = WINSOR) -> tuple[dict[str, np.ndarray], Dispersion]:
    """The float columns of :func:`funnel` (NaN where n is 0) for counts ``kk`` of ``nn``."""
    disp = estimate(kk, nn, target, min_n=min_n, fraction=fraction)
    tested = nn >= min_n
    theta0 = disp.target
    valid = nn > 0
    if 0.0 < theta0 < 1.0:
        safe_n = np.where(valid, nn, 1.0)
        zs = (observed_logit(kk, safe_n) - logit(theta0)) / np.sqrt(null_se(safe_n, theta0) ** 2 + disp.tau2)
        zs = np.where(valid, zs, np.nan)
        lo95, hi95 = limits(safe_n, theta0, disp.tau2, Z95)
        lo998, hi998 = limits(safe_n, theta0, disp.tau2, Z998)
    else:
        zs = lo95 = hi95 = lo998 = hi998 = np.full(nn.shape, np.nan)
    p_up, p_down = norm.sf(zs), norm.cdf(zs)
    cols = {
        "proporsi": np.where(valid, kk / np.where(valid, nn, 1.0), np.nan),
        "z": zs, "p_atas": p_up, "p_bawah": p_down,
        "q_atas": bh_qvalues(p_up, tested), "q_bawah": bh_qvalues(p_down, tested),
        "b95_bawah": lo95, "b95_atas": hi95, "b998_bawah": lo998, "b998_atas": hi998,
    }
    return {name: np.where(valid, v, np.nan) for name, v in cols.items()}, disp


def flags(prefix: str = "") -> tuple[pl.Expr, pl.Expr]:
    """``di_atas``/``di_bawah``: tested and outside the 99.8% limit (columns named with ``prefix``)."""
    tested, share = pl.col(f"{prefix}diuji"), pl.col(f"{prefix}proporsi")
    up = tested & (share > pl.col(f"{prefix}b998_atas")).fill_null(False)
    down = tested & (share < pl.col(f"{prefix}b998_bawah")).fill_null(False)
    return up.alias(f"{prefix}di_atas"), down.alias(f"{prefix}di_bawah")


def bh_qvalues(p: np.ndarray, tested: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg q-values over the tested units (NaN elsewhere)."""
    q = np.full(p.shape, np.nan)
    use = tested & ~np.isnan(p)
    if use.any():
        q[use] = multipletests(p[use], method="fdr_bh")[1]
    return q


def expected_false_alarms(units: int, z: float = Z998) -> float:
    """Units expected outside one side's limit by chance alone when none is out of control."""
    return units * float(norm.sf(z))
