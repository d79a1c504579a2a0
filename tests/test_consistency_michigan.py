"""Funnel over-dispersion on real appraisal data: Michigan 2019 teacher ratings (evaluationDB,
CC0; the Michigan 2019 rows are copied into tests/data). One unit per district with at least 5 rated teachers, its
teachers as pegawai with one annual penilaian each (level 4 → Sangat Baik, 3 → Baik,
2 → Butuh Perbaikan, 1 → Kurang/Misconduct), predikat organisasi Baik everywhere; then the
pipeline's own unit analysis (sql/konsistensi, transforms.consistency.units)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import polars as pl
import pytest
from scipy.stats import binom, norm
from statsmodels.stats.meta_analysis import combine_effects

from transforms.consistency.units import unit_counts, with_funnels

DATA = Path(__file__).resolve().parent / "data" / "evaluationdb_michigan_2019.csv"  # CC0, see .md
LEVELS = {4: "Sangat Baik", 3: "Baik", 2: "Butuh Perbaikan", 1: "Kurang/Misconduct"}


@pytest.fixture(scope="module")
def michigan() -> tuple[pl.DataFrame, pl.DataFrame]:
    raw = pl.read_csv(DATA, infer_schema=False).filter(
        (pl.col("state") == "MI") & (pl.col("year") == "2019"))
    counts = raw.select(
        pl.col("NCES_leaid").alias("unor_id"),
        *(pl.col(f"count_level{i}").cast(pl.Int64).alias(f"l{i}") for i in LEVELS),
    ).with_columns(pl.sum_horizontal("l1", "l2", "l3", "l4").alias("n")).filter(pl.col("n") >= 5)
    con = duckdb.connect()
    con.execute("CREATE SCHEMA stg")
    con.register("districts", counts)
    con.execute("""CREATE TABLE stg.unit_kerja AS SELECT unor_id, 'Distrik ' || unor_id AS unor_nama,
        NULL::VARCHAR AS unor_induk_id, 'MI' AS instansi_id, NULL::VARCHAR AS nip_kepala FROM districts""")
    con.execute("""CREATE TABLE stg.kinerja_organisasi AS SELECT unor_id, 2019 AS tahun,
        '2019' AS periode, 'Baik' AS predikat_organisasi FROM districts""")
    levels = " UNION ALL ".join(
        f"SELECT unor_id, '{name}' AS predikat, l{i} AS k FROM districts" for i, name in LEVELS.items())
    con.execute(f"""CREATE TABLE guru AS SELECT unor_id, predikat,
        unor_id || '-' || predikat || '-' || g.i AS nip
        FROM ({levels}) AS d, generate_series(1, d.k) AS g(i)""")
    con.execute("CREATE TABLE stg.pegawai AS SELECT nip, unor_id, 'Fungsional' AS jenis_jabatan FROM guru")
    con.execute("""CREATE TABLE stg.penilaian AS SELECT nip, 2019 AS tahun, '2019' AS periode,
        predikat FROM guru""")
    units = with_funnels(unit_counts(con), min_n=10)
    return counts, units


def test_conversion_keeps_every_district_and_teacher(michigan) -> None:
    counts, units = michigan
    assert counts.height == 858  # districts with at least 5 rated teachers
    assert units.height == 858
    assert units["dinilai"].sum() == counts["n"].sum()
    assert units["sangat_baik"].sum() == counts["l4"].sum()


def test_dersimonian_laird_matches_the_reference_figures(michigan) -> None:
    # methods.md: Michigan 2019, logit scale, DerSimonian–Laird τ² ≈ 0.82, I² ≈ 0.95
    counts, _ = michigan
    k, n = counts["l4"].to_numpy().astype(float), counts["n"].to_numpy().astype(float)
    p = np.where((k == 0) | (k == n), (k + 0.5) / (n + 1), k / n)
    y = np.log(p / (1 - p))
    res = combine_effects(y, 1 / (n * p * (1 - p)), method_re="chi2")
    assert float(res.tau2) == pytest.approx(0.82, abs=0.01)
    assert float(res.i2) == pytest.approx(0.95, abs=0.01)


def test_spiegelhalter_adjustment_agrees_with_an_independent_computation(michigan) -> None:
    _, units = michigan
    used = units.filter(pl.col("dinilai") >= 10)
    k, n = used["sangat_baik"].to_numpy().astype(float), used["dinilai"].to_numpy().astype(float)
    theta = k.sum() / n.sum()
    # independent: Spiegelhalter (2005) §6 written out directly
    p = np.where((k == 0) | (k == n), (k + 0.5) / (n + 1), k / n)
    s = 1 / np.sqrt(n * theta * (1 - theta))
    z = (np.log(p / (1 - p)) - np.log(theta / (1 - theta))) / s
    lo, hi = np.percentile(z, [10, 90])
    phi = np.mean(np.clip(z, lo, hi) ** 2)
    w = 1 / s**2
    tau2 = (len(z) * phi - (len(z) - 1)) / (w.sum() - (w**2).sum() / w.sum())
    row = units.row(0, named=True)
    assert row["sb_target"] == pytest.approx(theta, rel=1e-12)
    assert row["sb_phi"] == pytest.approx(phi, rel=1e-9)
    assert row["sb_tau2"] == pytest.approx(tau2, rel=1e-9)
    assert phi > 20  # heavily over-dispersed
    assert 0.6 < tau2 < 0.85


def test_adjusted_limits_flag_far_fewer_districts_than_binomial(michigan) -> None:
    _, units = michigan
    used = units.filter(pl.col("sb_diuji"))
    k, n = used["sangat_baik"].to_numpy(), used["dinilai"].to_numpy().astype(float)
    theta, tau2 = used["sb_target"][0], used["sb_tau2"][0]
    # plain binomial 99.8% limits (exact quantiles): 401 of the 804 districts with n >= 10
    lo, hi = binom.ppf(0.001, n, theta), binom.ppf(0.999, n, theta)
    binomial = int(((k < lo) | (k > hi)).sum())
    assert (binomial, used.height) == (401, 804)  # 49.9 %; methods.md: 32–84 % per state
    # adjusted limits, recomputed independently: logit θ0 ± 3.090232·sqrt(1/(nθ0(1−θ0)) + τ²)
    half = norm.ppf(0.999) * np.sqrt(1 / (n * theta * (1 - theta)) + tau2)
    centre = np.log(theta / (1 - theta))
    upper, lower = 1 / (1 + np.exp(-(centre + half))), 1 / (1 + np.exp(-(centre - half)))
    share = k / n
    assert used["sb_di_atas"].to_list() == list(share > upper)
    assert used["sb_di_bawah"].to_list() == list(share < lower)
    adjusted = int((used["sb_di_atas"] | used["sb_di_bawah"]).sum())
    assert adjusted < binomial / 3  # 104 (12.9 %): 20 above, 84 below
    assert used["sb_q_atas"].null_count() == 0
