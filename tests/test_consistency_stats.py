"""The consistency statistics against hand computations (issue 10): funnel limits and
over-dispersion, DerSimonian–Laird τ² against statsmodels, SE MenPANRB 3/2023 bounds in whole
people, evaluator expectations, linkage and rating–evidence discordance."""

from __future__ import annotations

import math

import duckdb
import numpy as np
import polars as pl
import pytest
from scipy.stats import chi2_contingency
from statsmodels.stats.meta_analysis import combine_effects

from transforms.consistency import bounds, evaluators, funnel
from transforms.consistency.drift import chi2_homogeneity, drift
from transforms.consistency.linkage import linkage
from transforms.consistency.units import unit_counts, with_bounds
from transforms.findings.rules.rating_evidence import discordant

SB, B, BP, K, SK = bounds.PREDIKAT


# ---------------------------------------------------------------- funnel
def test_z_scores_and_limits_by_hand() -> None:
    # θ0 = 0.2; unit of 100 with 30: s = 1/sqrt(100·0.2·0.8) = 0.25,
    # z = (logit 0.3 − logit 0.2) / 0.25 = (−0.847298 + 1.386294) / 0.25 = 2.155986
    s = funnel.null_se(np.array([100.0]), 0.2)
    assert s[0] == pytest.approx(0.25)
    z = (funnel.observed_logit(np.array([30]), np.array([100])) - funnel.logit(0.2)) / s
    assert z[0] == pytest.approx(2.155986, abs=1e-6)
    lo, hi = funnel.limits(100, 0.2, 0.0, funnel.Z95)
    assert (float(lo), float(hi)) == pytest.approx((0.132816, 0.289811), abs=1e-6)
    # with τ² = 0.46875 the 99.8% limits widen: logit 0.2 ± 3.090232·sqrt(0.0625 + 0.46875)
    lo, hi = funnel.limits(100, 0.2, 0.46875, funnel.Z998)
    assert (float(lo), float(hi)) == pytest.approx((0.025614, 0.703929), abs=1e-6)


def test_zero_and_full_counts_use_half_continuity() -> None:
    # k = 0 of 9: logit(0.5/10) = log(0.05/0.95) = −2.944439
    assert funnel.observed_logit(np.array([0]), np.array([9]))[0] == pytest.approx(-2.944439, abs=1e-6)
    assert funnel.observed_logit(np.array([9]), np.array([9]))[0] == pytest.approx(2.944439, abs=1e-6)


def test_winsorised_phi_and_additive_tau2_by_hand() -> None:
    z = np.arange(11, dtype=float)  # 10th/90th percentiles are 1 and 9
    assert list(funnel.winsorise(z)) == [1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9]
    phi, _ = funnel.additive_tau2(z, np.ones(11))
    assert phi == pytest.approx(367 / 11)
    # z = (0, 2), s = (0.5, 0.25), no Winsorising: φ = 2, w = (4, 16),
    # τ² = (2·2 − 1) / (20 − 272/20) = 3 / 6.4 = 0.46875
    phi, tau2 = funnel.additive_tau2(np.array([0.0, 2.0]), np.array([0.5, 0.25]), fraction=0)
    assert (phi, tau2) == pytest.approx((2.0, 0.46875))
    # under-dispersed: τ² is 0
    assert funnel.additive_tau2(np.array([0.1, -0.1, 0.2]), np.ones(3), fraction=0)[1] == 0.0


def test_tau2_equals_statsmodels_dersimonian_laird() -> None:
    rng = np.random.default_rng(3)
    y = rng.normal(0, 0.8, 40)
    s = rng.uniform(0.1, 0.6, 40)
    w = 1 / s**2
    mean = float((w * y).sum() / w.sum())  # DL centres on the inverse-variance mean
    _, tau2 = funnel.additive_tau2((y - mean) / s, s, fraction=0)
    reference = combine_effects(y, s**2, method_re="chi2")
    assert tau2 == pytest.approx(float(reference.tau2), rel=1e-9)


def test_funnel_flags_only_units_tested_and_outside() -> None:
    frame = pl.DataFrame({"k": [2, 3, 20, 9, 30, 25], "n": [20, 25, 22, 9, 200, 180]})
    out, disp = funnel.funnel(frame, "k", "n")
    # pooled over n >= 10: (2 + 3 + 20 + 30 + 25) / (20 + 25 + 22 + 200 + 180) = 80 / 447
    assert disp.target == pytest.approx(80 / 447)
    assert disp.units == 5
    flags = dict(zip(out["k"].to_list(), out["di_atas"].to_list(), strict=True))
    assert flags[20] is True  # 20 of 22 against ~18%
    assert flags[9] is False  # 9 of 9: shown, never flagged (n < 10)
    assert out.filter(pl.col("k") == 9)["diuji"].item() is False
    assert funnel.expected_false_alarms(1000) == pytest.approx(1.0, abs=0.01)


# ---------------------------------------------------------------- SE MenPANRB 3/2023
def test_whole_people_rounding() -> None:
    assert bounds.Bound("maks", (B,), 0.7).allowed(10) == 7  # 0.7·10 is 7.000000000000001
    assert bounds.Bound("min", (BP,), 0.6).allowed(5) == 3  # 0.6·5 is 3.0000000000000004
    assert bounds.Bound("maks", (SB,), 0.7).allowed(14) == 9
    assert bounds.Bound("min", (BP,), 0.1).allowed(11) == 2


def test_istimewa_cap_states_people_to_move() -> None:
    (breach,) = bounds.breaches({SB: 12, B: 2}, "Istimewa")
    assert (breach.jumlah, breach.batas, breach.pindah) == (12, 9, 3)
    assert breach.sentence(14) == ("12 dari 14 pegawai Sangat Baik, di atas batas 70 % (9 orang): "
                                   "sedikitnya 3 orang harus berpindah predikat.")


def test_baik_needs_a_bottom_and_a_cap() -> None:
    found = bounds.breaches({SB: 2, B: 10}, "Baik")
    assert [(b.bound.jenis, b.pindah) for b in found] == [("maks", 2), ("ada", 1)]
    assert bounds.breaches({SB: 3, B: 8, BP: 1}, "Baik") == []  # 8 of 12 = 66.7 %


def test_lower_organisation_predikat() -> None:
    found = bounds.breaches({SB: 2, B: 3, BP: 5}, "Butuh Perbaikan")
    assert [(b.bound.jenis, b.jumlah, b.batas, b.pindah) for b in found] == [("min", 5, 6, 1), ("maks", 2, 1, 1)]
    assert [b.bound.jenis for b in bounds.breaches({SK: 8, K: 1, BP: 1}, "Sangat Kurang")] == []
    found = bounds.breaches({SB: 1, SK: 9}, "Sangat Kurang")
    assert [(b.bound.jenis, b.pindah) for b in found] == [("min", 1), ("maks", 1)]
    found = bounds.breaches({K: 6, BP: 0, B: 4}, "Kurang")
    assert [(b.bound.jenis, b.pindah) for b in found] == [("min", 1)]


def test_plurality_is_soft() -> None:
    (breach,) = bounds.breaches({SB: 4, B: 5, BP: 1}, "Istimewa")
    assert breach.bound.keras is False and breach.pindah == 1
    assert not bounds.judged(9) and bounds.judged(10)


# ---------------------------------------------------------------- evaluators
def _appraisal(penilai: str, rating: str, capaian: float | None, cakupan: float = 1.0) -> dict:
    return {"instansi_id": "I", "tahun": 2025, "nip_penilai": penilai, "rating_hasil_kerja": rating,
            "capaian": capaian, "cakupan_bukti": cakupan}


def test_leave_one_evaluator_out_expectation_by_hand() -> None:
    atas, sesuai = "Di Atas Ekspektasi", "Sesuai Ekspektasi"
    rows = pl.DataFrame([_appraisal("A", atas, 1.0), _appraisal("A", atas, 1.0),
                         _appraisal("B", sesuai, 1.0), _appraisal("B", sesuai, 1.0),
                         _appraisal("B", atas, 1.0)])
    out = evaluators.expected(evaluators.with_cells(rows))
    a = out.filter(pl.col("nip_penilai") == "A").row(0, named=True)
    # prior over all 5: +1 0.6, 0 0.4; A's norm is B's 3 ratings: P(+1) = (1 + 0.6)/(3 + 1) = 0.4
    assert (a["p_atas"], a["p_sesuai"], a["p_bawah"]) == pytest.approx((0.4, 0.6, 0.0))
    assert (a["harapan"], a["ragam"]) == pytest.approx((0.4, 0.24))
    per = evaluators.per_evaluator(out).filter(pl.col("nip_penilai") == "A").row(0, named=True)
    # L = (2 − 0.8) / 2 = 0.6, null se = sqrt(0.48) / 2 = 0.34641
    assert per["skor_jumlah"] - per["harapan_jumlah"] == pytest.approx(1.2)
    assert math.sqrt(per["ragam_jumlah"]) / per["dinilai"] == pytest.approx(0.346410, abs=1e-6)
    assert per["di_atas_bukti"] == 2  # both above the 'sesuai' band


def test_evidence_bands() -> None:
    rows = evaluators.with_cells(pl.DataFrame([
        _appraisal("A", "Sesuai Ekspektasi", 0.79), _appraisal("A", "Sesuai Ekspektasi", 0.80),
        _appraisal("A", "Sesuai Ekspektasi", 1.05), _appraisal("A", "Sesuai Ekspektasi", None, 0.2),
    ]))
    assert rows["sel"].to_list() == ["bawah|berbukti", "sesuai|berbukti", "atas|berbukti",
                                     "tanpa_capaian|kurang_bukti"]


def _population(rng: np.random.Generator, planted: dict[str, str]) -> pl.DataFrame:
    """60 evaluators × 12 appraisees whose ratings follow the evidence; planted ones do not."""
    names = {1: "Di Atas Ekspektasi", 0: "Sesuai Ekspektasi", -1: "Di Bawah Ekspektasi"}
    rows = []
    for e in range(60):
        who = f"E{e:02d}"
        for _ in range(12):
            band = int(rng.choice([-1, 0, 0, 0, 1]))
            cap = {-1: 0.6, 0: 1.0, 1: 1.2}[band]
            rating = band if rng.random() > 0.05 else int(rng.choice([-1, 0, 1]))
            kind = planted.get(who)
            if kind == "lenient":
                rating = min(1, band + 1)
            elif kind == "severe" and band >= 0 and rng.random() < 0.6:
                rating = band - 1
            elif kind == "central":
                rating = 0
            rows.append(_appraisal(who, names[rating], cap))
    return pl.DataFrame(rows)


def test_planted_evaluators_are_flagged_and_no_others() -> None:
    planted = {"E03": "lenient", "E17": "severe", "E42": "central"}
    rows = evaluators.expected(evaluators.with_cells(_population(np.random.default_rng(11), planted)))
    out = evaluators.signals(evaluators.per_evaluator(rows))
    flagged = {
        kind: sorted(out.filter(pl.col(col))["nip_penilai"].to_list())
        for kind, col in (("lenient", "lunak_ditandai"), ("severe", "ketat_ditandai"),
                          ("central", "tengah_ditandai"))
    }
    assert flagged == {"lenient": ["E03"], "severe": ["E17"], "central": ["E42"]}
    lenient = out.filter(pl.col("nip_penilai") == "E03").row(0, named=True)
    assert lenient["lunak_susut_bawah"] > 0  # the shrunk interval excludes the peer mean


def test_few_appraisees_never_flagged() -> None:
    rows = [_appraisal("X", "Di Atas Ekspektasi", 1.0) for _ in range(4)]
    rows += [_appraisal(f"P{i}", "Sesuai Ekspektasi", 1.0) for i in range(10) for _ in range(6)]
    out = evaluators.signals(evaluators.per_evaluator(evaluators.expected(evaluators.with_cells(pl.DataFrame(rows)))))
    x = out.filter(pl.col("nip_penilai") == "X").row(0, named=True)
    assert x["layak"] is False and x["lunak_ditandai"] is False


def test_linkage_components() -> None:
    pairs = pl.DataFrame({"nip": ["a", "b", "b", "c", "d"], "nip_penilai": ["e1", "e1", "e2", "e2", "e3"]})
    out = {r["nip_penilai"]: (r["tertaut"], r["komponen_ukuran"]) for r in linkage(pairs).iter_rows(named=True)}
    assert out == {"e1": (1, 2), "e2": (1, 2), "e3": (0, 1)}


def test_rating_evidence_discordance() -> None:
    base = {"nip": "", "capaian": 1.0, "indikator": 3, "tercapai": 3, "dilaporkan": 12, "berbukti": 12}
    rows = [
        {**base, "nip": "1", "rating_hasil_kerja": "Di Atas Ekspektasi", "capaian": 0.5, "tercapai": 0},
        {**base, "nip": "2", "rating_hasil_kerja": "Di Atas Ekspektasi", "dilaporkan": 0, "berbukti": 0},
        {**base, "nip": "3", "rating_hasil_kerja": "Di Bawah Ekspektasi"},
        {**base, "nip": "4", "rating_hasil_kerja": "Di Atas Ekspektasi", "capaian": 0.85, "tercapai": 1},
        {**base, "nip": "5", "rating_hasil_kerja": "Di Bawah Ekspektasi", "tercapai": 2},
        {**base, "nip": "6", "rating_hasil_kerja": "Di Atas Ekspektasi", "berbukti": 0},
        # a bundle without bukti dukung says nothing about evidence
        {**base, "nip": "7", "rating_hasil_kerja": "Di Atas Ekspektasi", "berbukti": None},
    ]
    out = discordant(pl.DataFrame(rows))
    assert dict(zip(out["nip"], out["alasan"], strict=True)) == {
        "1": "atas_rendah", "2": "atas_tanpa_bukti", "3": "bawah_tercapai", "6": "atas_tanpa_bukti"}


# ---------------------------------------------------------------- units from a staged database
def _staged_units() -> duckdb.DuckDBPyConnection:
    """Root R (kinerja_organisasi Butuh Perbaikan, annual only) ← A (own row Baik for the year and
    TW1) and ← B (no row: inherits R's). Heads hA, hB (annual only) count in their own units."""
    con = duckdb.connect()
    con.execute("CREATE SCHEMA stg")
    con.execute("""CREATE TABLE stg.unit_kerja AS SELECT * FROM (VALUES
        ('R', 'Sekretariat', NULL, 'I', 'hR'), ('A', 'Bidang A', 'R', 'I', 'hA'),
        ('B', 'Bidang B', 'R', 'I', 'hB')) t(unor_id, unor_nama, unor_induk_id, instansi_id, nip_kepala)""")
    con.execute("""CREATE TABLE stg.kinerja_organisasi AS SELECT * FROM (VALUES
        ('R', 2025, '2025', 'Butuh Perbaikan'), ('A', 2025, '2025', 'Baik'),
        ('A', 2025, '2025-TW1', 'Istimewa')) t(unor_id, tahun, periode, predikat_organisasi)""")
    people = [("hA", "A", "Administrator"), ("hB", "B", "Administrator")]
    people += [(f"a{i}", "A", "Pelaksana") for i in range(12)] + [(f"b{i}", "B", "Fungsional") for i in range(10)]
    con.execute("CREATE TABLE stg.pegawai (nip VARCHAR, unor_id VARCHAR, jenis_jabatan VARCHAR)")
    con.executemany("INSERT INTO stg.pegawai VALUES (?, ?, ?)", people)
    rows = [("hA", "2025", "Sangat Baik"), ("hB", "2025", "Sangat Baik")]
    rows += [(f"a{i}", "2025", "Baik" if i < 10 else ("Sangat Baik" if i < 11 else "Butuh Perbaikan")) for i in range(12)]
    rows += [(f"a{i}", "2025-TW1", "Baik") for i in range(12)]
    rows += [(f"b{i}", "2025", "Butuh Perbaikan" if i < 5 else "Baik") for i in range(10)]
    rows += [(f"b{i}", "2025-TW2", "Butuh Perbaikan" if i < 6 else "Baik") for i in range(10)]
    con.execute("CREATE TABLE stg.penilaian (nip VARCHAR, tahun BIGINT, periode VARCHAR, predikat VARCHAR)")
    con.executemany("INSERT INTO stg.penilaian VALUES (?, 2025, ?, ?)", rows)
    return con


def test_unit_counts_bounds_and_organisation_source() -> None:
    out = with_bounds(unit_counts(_staged_units()))
    by = {(r["unor_id"], r["periode"]): r for r in out.iter_rows(named=True)}
    a = by[("A", "2025")]  # 12 staff + head hA: 10 Baik, 2 Sangat Baik, 1 Butuh Perbaikan
    assert (a["dinilai"], a["baik"], a["predikat_organisasi"], a["jarak"]) == (13, 10, "Baik", 0)
    assert (a["melanggar_keras"], a["pindah"]) == (True, 1)  # cap floor(0.7·13) = 9
    assert a["pelanggaran"].startswith("10 dari 13 pegawai Baik, di atas batas 70 % (9 orang)")
    assert by[("A", "2025-TW1")]["predikat_organisasi"] == "Istimewa"  # its own periodic row
    b = by[("B", "2025")]  # inherits the root's Butuh Perbaikan: 11 people need ceil(6.6) = 7 BP, has 5
    assert (b["predikat_organisasi"], b["sumber_unor_id"], b["jarak"]) == ("Butuh Perbaikan", "R", 1)
    assert (b["dinilai"], b["melanggar_keras"], b["pindah"]) == (11, True, 2)
    tw2 = by[("B", "2025-TW2")]  # no periodic row anywhere: the year's row, said so; 6 of 10 BP
    assert (tw2["predikat_organisasi"], tw2["dari_tahunan"], tw2["melanggar_keras"]) == ("Butuh Perbaikan", True, False)


# ---------------------------------------------------------------- drift
def test_drift_jensen_shannon_and_chi_square_by_hand() -> None:
    history = pl.DataFrame({
        "instansi_id": ["I"] * 2, "unor_id": ["U"] * 2, "tahun": [2024, 2025],
        "sangat_baik": [2, 4], "baik": [2, 0], "butuh_perbaikan": [0, 0], "kurang": [0, 0],
        "sangat_kurang": [0, 0], "dinilai": [4, 4],
    })
    (row,) = drift(history).to_dicts()
    # P = (.5, .5), Q = (1, 0), M = (.75, .25): JSD = ((0.207519 + 0.415037) / 2) ** 0.5 = 0.557923
    assert row["jarak_js"] == pytest.approx(0.557923, abs=1e-6)
    # [[2, 2], [4, 0]]: expected [[3, 1], [3, 1]], χ² = 8/3 on 1 df: p = 0.102470
    assert row["p_chi2"] == pytest.approx(0.102470, abs=1e-6)
    assert row["perkiraan_kecil"] is True and row["tahun_sebelumnya"] == 2024


def test_chi2_homogeneity_matches_scipy_table_by_table() -> None:
    """The vectorised test gives scipy's chi2_contingency(correction=False) p-value for each
    2 × k table (zero columns dropped; p 1 under two columns), bit for bit, and its
    expected-under-5 flag."""
    rng = np.random.default_rng(3)
    a = rng.integers(0, 40, (400, 5)) * (rng.random((400, 5)) < 0.7)
    b = rng.integers(0, 40, (400, 5)) * (rng.random((400, 5)) < 0.7)
    a[:, 0] += (a.sum(axis=1) == 0)  # the function's precondition: no empty year
    b[:, 1] += (b.sum(axis=1) == 0)
    p, small = chi2_homogeneity(a.astype(float), b.astype(float))
    for i in range(len(a)):
        table = np.vstack([a[i], b[i]]).astype(float)
        table = table[:, table.sum(axis=0) > 0]
        if table.shape[1] > 1:
            _, want, _, expected = chi2_contingency(table, correction=False)
            assert (p[i], small[i]) == (want, bool((expected < 5).any()))
        else:
            assert (p[i], small[i]) == (1.0, False)
