"""Do leaders' and their subordinates' achievements move together? (issue 9; the method is in
docs/keselarasan.md, "Capaian pimpinan dan bawahan").

1. Each indicator's achievement ``capaian`` is ``transforms.quality.targets.achievement``: the
   year's realisation (additive units summed over the periods, levels averaged) against the
   target, inverted for something to minimise, clipped to [0, 2].
2. An RHK's achievement is the mean over its indicators that have one.
3. One **pair per leader RHK** that is validly intervened by at least one subordinate RHK with
   an achievement: ``x`` the leader RHK's achievement, ``y`` the mean achievement of the RHK
   intervening it (:func:`pairs`).
4. Per group (instansi, or the leader's unit): **Spearman's rank correlation** ρ of x and y
   (ties get average ranks), with a 95 % interval from Fisher's z: z = atanh ρ ± 1,96 · se,
   se = 1,06 / √(n − 3) (Fieller, Hartley and Pearson 1957, the standard error of z for
   Spearman's ρ), back through tanh (:func:`spearman`). Ranks, not values: achievement is
   skewed and clipped, and a few outliers would drive Pearson's r.
5. Shown only from ``MIN_PASANGAN`` = 10 pairs: below that the interval spans nearly [−1, 1].

Known limits: pairs of one leader are not independent (the interval is then too narrow); a
subordinate serving several leader RHK counts in each; the correlation says nothing about
cause.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import polars as pl
from scipy import stats

from transforms.quality.targets import achievement_query
from transforms.sqlfiles import read_sql_over

MIN_PASANGAN = 10
Z95 = 1.959963984540054  # the 97.5 % quantile of the standard normal
SE_SPEARMAN = 1.06  # se of atanh(rho) = 1.06 / sqrt(n - 3) for Spearman's rho
_KEY = ["bundel", "rhk_id"]


@dataclass(frozen=True)
class Korelasi:
    """Spearman's ρ over n pairs with its Fisher-z 95 % interval (None where undefined)."""

    n: int
    rho: float | None
    bawah: float | None
    atas: float | None

    @property
    def cukup(self) -> bool:
        """Enough pairs to show (``MIN_PASANGAN``) and a defined ρ."""
        return self.n >= MIN_PASANGAN and self.rho is not None


def rhk_achievement(con: duckdb.DuckDBPyConnection, indicators: str) -> pl.DataFrame:
    """Per RHK (``tahun``, ``bundel``, ``rhk_id``) of the query ``indicators`` (columns of
    sql/kualitas/capaian_kaskade.sql): ``capaian`` the mean of its indicators' achievement
    (RHK without one are left out), with its ``instansi_id``, ``unor_id`` and ``induk_id``
    (the RHK it validly intervenes). Computed in DuckDB."""
    with achievement_query(con, indicators) as rated:
        return con.sql(read_sql_over("kualitas/capaian_rhk.sql", rated)).pl()


def pairs(rhk: pl.DataFrame) -> pl.DataFrame:
    """One row per leader RHK with an achievement that an RHK with an achievement validly
    intervenes: ``instansi_id``, ``unor_id`` (the leader's), ``rhk_id``, ``x`` (its
    achievement), ``y`` (the mean of the intervening RHK's), ``bawahan`` (how many)."""
    children = (
        rhk.filter(pl.col("induk_id").is_not_null())
        .group_by("bundel", "induk_id")
        .agg(y=pl.col("capaian").mean(), bawahan=pl.len())
        .rename({"induk_id": "rhk_id"})
    )
    leaders = rhk.select(*_KEY, "instansi_id", "unor_id", x=pl.col("capaian"))
    return (
        leaders.join(children, on=_KEY, how="inner")
        .select("instansi_id", "unor_id", "rhk_id", "x", "y", pl.col("bawahan").cast(pl.Int64))
        .sort("instansi_id", "unor_id", "rhk_id")
    )


def spearman(x: Sequence[float], y: Sequence[float]) -> Korelasi:
    """Spearman's ρ of x and y with its Fisher-z 95 % interval (se 1,06/√(n−3)). ρ is None
    with fewer than 3 pairs or a constant side; the interval is None with n ≤ 3."""
    n = len(x)
    if n != len(y):
        raise ValueError("x and y differ in length")
    if n < 3 or len(set(x)) < 2 or len(set(y)) < 2:
        return Korelasi(n, None, None, None)
    rho = float(stats.spearmanr(x, y).statistic)
    if n <= 3:
        return Korelasi(n, rho, None, None)
    z = math.atanh(max(min(rho, 1 - 1e-12), -1 + 1e-12))
    half = Z95 * SE_SPEARMAN / math.sqrt(n - 3)
    return Korelasi(n, rho, math.tanh(z - half), math.tanh(z + half))


def per_group(pairs_frame: pl.DataFrame, by: Sequence[str]) -> pl.DataFrame:
    """Per group of ``by``: ``n``, ``rho``, ``bawah``, ``atas`` (:func:`spearman`) and
    ``cukup`` (n ≥ MIN_PASANGAN and ρ defined); groups in ``by`` order."""
    rows = []
    for key, part in pairs_frame.group_by(list(by), maintain_order=True):
        k = spearman(part["x"].to_list(), part["y"].to_list())
        rows.append((*key, k.n, k.rho, k.bawah, k.atas, k.cukup))
    schema = {c: pairs_frame.schema[c] for c in by}
    schema |= {"n": pl.Int64, "rho": pl.Float64, "bawah": pl.Float64, "atas": pl.Float64,
               "cukup": pl.Boolean}  # fmt: skip
    return pl.DataFrame(rows, schema=schema, orient="row").sort(list(by))
