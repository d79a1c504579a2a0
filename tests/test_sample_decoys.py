"""Decoys of the sample generator (issue 10): units whose raw ratings look like a planted evaluator
(everyone Sesuai, many Sangat Baik, 40 % Di Bawah) but whose evidence supports the ratings, so a
correct analysis must not flag them. They are listed in ``<out>.umpan.csv``, never in the key.
Every property is measured from the written bundle files (ratings from penilaian.csv, achievement
from indikator.csv and realisasi.csv, predikat organisasi from kinerja.xlsx)."""

from __future__ import annotations

import csv
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.test_sample import Bundle, canon, digits, nip_valid, se_3_2023_ok
from transforms.evaluation import score_decoys
from transforms.sample import write_sample_bundle

N = 2500
TAHUN = 2025
ANNUAL = str(TAHUN)
QUARTERS = [f"{TAHUN}-TW{q}" for q in range(1, 5)]
ATAS, SESUAI, BAWAH = "Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"
SB, B, BP, K, SK = "Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"
HEADER = ["umpan", "rule", "tingkat", "subjek_id", "periode", "unor_id", "predikat_organisasi",
          "pegawai", "catatan"]
IMITATES = {"sesuai_seragam": "EVALUATOR_CENTRAL_TENDENCY",
            "sangat_baik_berbukti": "EVALUATOR_LENIENT",
            "tegas_tim_lemah": "EVALUATOR_SEVERE"}
ORGANISASI = {"sesuai_seragam": "Baik", "sangat_baik_berbukti": "Istimewa",
              "tegas_tim_lemah": "Baik"}


def number(text: str) -> float:
    """Indonesian number text: '87,5', '1.234,5', '100 %'."""
    return float(text.replace("%", "").strip().replace(".", "").replace(",", "."))


@dataclass
class Team:
    """An evaluator's appraisees in one decoy or planted unit, from the files."""

    head: str
    unit: str
    members: set[str]  # pegawai placed in the unit, head included
    hasil: dict[str, str]  # appraisee nip -> annual rating hasil kerja
    predikat: dict[str, str]  # appraisee nip -> annual stated predikat
    achievement: dict[str, list[float]]  # appraisee nip -> realisation / target per indicator
    head_hasil: str = ""  # the head's own annual rating (by his superior) and predikat
    head_predikat: str = ""

    def share(self, value: str, of: dict[str, str]) -> float:
        return sum(v == value for v in of.values()) / len(of)

    def mean_achievement(self) -> list[float]:
        return [statistics.mean(v) for v in self.achievement.values()]

    def unit_share(self, predikat: str) -> float:
        """Share of a predikat in the unit's distribution, the head included."""
        unit = [*self.predikat.values(), self.head_predikat]
        return unit.count(predikat) / len(unit)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    out = tmp_path_factory.mktemp("umpan") / "ekspor"
    return Bundle(out, write_sample_bundle(out, N, seed=29, tahun=TAHUN))


@pytest.fixture(scope="module")
def decoys(bundle: Bundle) -> list[dict[str, str]]:
    path = bundle.folder.parent / "ekspor.umpan.csv"
    assert bundle.summary.decoy_path == path
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def achievement(bundle: Bundle) -> dict[str, list[float]]:
    """Per employee: realisation / target of each of his indicators. Additive indicators
    (counts, months, money) compare the year's sum, percentages and scores (satuan % or Nilai)
    the mean of the quarters. Indicators without a numeric target are left out."""
    nip_of_skp = {r["skp_id"]: digits(r["nip"]) for r in bundle.ordinary("skp")}
    nip_of_rhk = {r["rhk_id"]: nip_of_skp.get(r["skp_id"]) for r in bundle.ordinary("rhk")}
    quarters: dict[str, list[float]] = defaultdict(list)
    for r in bundle.ordinary("realisasi"):
        if r["realisasi"]:  # empty for unmeasurable indicators
            quarters[r["indikator_id"]].append(number(r["realisasi"]))
    ratios: dict[str, list[float]] = defaultdict(list)
    for r in bundle.ordinary("indikator"):
        try:
            target = number(r["target_min"])
        except ValueError:
            continue
        values = quarters[r["indikator_id"]]
        nip = nip_of_rhk.get(r["rhk_id"])
        if target <= 0 or not values or nip is None:
            continue
        total = statistics.mean(values) if r["satuan"] in ("%", "Nilai") else sum(values)
        ratios[nip].append(total / target)
    return dict(ratios)


@pytest.fixture(scope="module")
def teams(bundle: Bundle, achievement: dict[str, list[float]]) -> dict[str, Team]:
    """Evaluator nip -> team, for every unit head."""
    unit_of = {digits(r["nip"]): r["unor_id"] for r in bundle.ordinary("pegawai")}
    members: dict[str, set[str]] = defaultdict(set)
    for nip, unit in unit_of.items():
        members[unit].add(nip)
    out = {}
    for u in bundle.t["unit_kerja"]:
        head = digits(u["nip_kepala"])
        out[head] = Team(head, u["unor_id"], members[u["unor_id"]], {}, {}, {})
    for r in bundle.ordinary("penilaian"):
        if r["periode"] != ANNUAL:
            continue
        nip = digits(r["nip"])
        hasil, predikat = canon("rating", r["rating_hasil_kerja"]), canon("predikat", r["predikat"])
        if nip in out:
            out[nip].head_hasil, out[nip].head_predikat = hasil, predikat  # type: ignore[assignment]
        team = out.get(digits(r["nip_penilai"]))
        if team is None:
            continue
        team.hasil[nip], team.predikat[nip] = hasil, predikat  # type: ignore[assignment]
        if nip in achievement:
            team.achievement[nip] = achievement[nip]
    return out


def kind(decoys: list[dict[str, str]], name: str) -> list[dict[str, str]]:
    rows = [d for d in decoys if d["umpan"] == name]
    assert rows, name
    return rows


def planted(bundle: Bundle, teams: dict[str, Team], rule: str) -> list[Team]:
    return [teams[nip] for nip in sorted(bundle.subjects(rule))]


# ---------------------------------------------------------------- the decoy file
def test_decoy_file_lists_each_kind_like_the_planted_evaluators(bundle: Bundle, decoys, teams):
    header = (bundle.folder.parent / "ekspor.umpan.csv").read_text(encoding="utf-8").split("\n")[0]
    assert header.split(",") == HEADER
    counts = Counter(d["umpan"] for d in decoys)
    assert counts == {"sesuai_seragam": 3, "sangat_baik_berbukti": 3, "tegas_tim_lemah": 3}
    assert bundle.summary.decoys == counts
    key_counts = Counter(k["rule"] for k in bundle.key)
    for d in decoys:
        assert d["rule"] == IMITATES[d["umpan"]]
        assert counts[d["umpan"]] == key_counts[d["rule"]]  # as many as the planted evaluators
        assert d["tingkat"] == "penilai" and d["periode"] == ANNUAL and nip_valid(d["subjek_id"])
        assert d["predikat_organisasi"] == ORGANISASI[d["umpan"]]
        assert d["catatan"]
        team = teams[d["subjek_id"]]
        assert team.unit == d["unor_id"]  # the evaluator heads the decoy unit
        assert int(d["pegawai"]) == len(team.members) >= 12
        assert len(team.hasil) >= 11
        assert set(team.hasil) == team.members - {team.head}  # appraises exactly his unit's staff
    assert len({d["unor_id"] for d in decoys}) == len(decoys)


def test_decoys_get_no_planted_role_or_defect(bundle: Bundle, decoys, teams):
    subjects = {k["subjek_id"] for k in bundle.key}
    staff = set()
    for d in decoys:
        assert d["unor_id"] not in subjects and d["subjek_id"] not in subjects
        staff |= teams[d["subjek_id"]].members - {d["subjek_id"]}
    assert not staff & subjects
    skp = {r["skp_id"] for r in bundle.ordinary("skp") if digits(r["nip"]) in staff}
    rhk = {r["rhk_id"] for r in bundle.ordinary("rhk") if r["skp_id"] in skp}
    iki = {r["indikator_id"] for r in bundle.ordinary("indikator") if r["rhk_id"] in rhk}
    assert len(skp) == len(staff) and rhk and iki
    assert not (skp | rhk | iki) & subjects
    # no planted row (invalid pegawai, orphan skp/penilaian) points at a decoy unit or evaluator
    units = {d["unor_id"] for d in decoys}
    heads = {d["subjek_id"] for d in decoys}
    for table, col in (("pegawai", "nip_atasan"), ("skp", "nip_penilai"),
                       ("penilaian", "nip_penilai")):
        for n in bundle.row_subjects(table, "NIP_INVALID", "ORPHAN_REFERENCE", "DUPLICATE_KEY"):
            row = bundle.t[table][n - 1]
            assert digits(row[col]) not in heads and row.get("unor_id") not in units, (table, n)


def test_decoy_units_keep_the_se_3_2023_bounds(bundle: Bundle, decoys, teams):
    """Head included and excluded, as for ordinary units; the head's rating hasil kerja is the
    unit's organisation result (PermenPANRB 6/2022)."""
    organisasi: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in bundle.t["kinerja_organisasi"]:
        organisasi[r["unor_id"]].add((r["periode"], r["predikat_organisasi"]))
    result = {"Istimewa": ATAS, "Baik": SESUAI}
    for d in decoys:
        org = ORGANISASI[d["umpan"]]
        assert organisasi[d["unor_id"]] == {(p, org) for p in [ANNUAL, *QUARTERS]}
        team = teams[d["subjek_id"]]
        assert team.head_hasil == result[org]
        staff = Counter(team.predikat.values())
        with_head = staff + Counter([team.head_predikat])
        assert se_3_2023_ok(with_head, org), (d, with_head)
        assert se_3_2023_ok(staff, org), (d, staff)


# ---------------------------------------------------------------- the three kinds
def test_all_sesuai_with_uniform_evidence(bundle: Bundle, decoys, teams):
    """Decoy of EVALUATOR_CENTRAL_TENDENCY: everyone Sesuai, and everyone's evidence at target."""
    for d in kind(decoys, "sesuai_seragam"):
        team = teams[d["subjek_id"]]
        assert set(team.hasil.values()) == {SESUAI}
        assert len(team.achievement) == len(team.hasil)
        assert all(0.95 <= a <= 1.06 for v in team.achievement.values() for a in v)
        assert statistics.pstdev(team.mean_achievement()) < 0.03
        assert team.unit_share(SB) == 0
        assert team.unit_share(B) <= 0.7
        # Baik at the 70 % cap leaves 30-36 % Kurang (behaviour), below the planted severe's 40 %
        assert 0.29 <= team.unit_share(K) <= 0.36
    for team in planted(bundle, teams, "EVALUATOR_CENTRAL_TENDENCY"):  # the real ones: spread
        assert team.share(SESUAI, team.hasil) >= 0.7
        assert statistics.pstdev(team.mean_achievement()) > 0.15


def test_many_sangat_baik_backed_by_high_evidence(bundle: Bundle, decoys, teams):
    """Decoy of EVALUATOR_LENIENT: many Di Atas / Sangat Baik, realisation above target for
    exactly those people; Sangat Baik no more than in ordinary Istimewa units."""
    for d in kind(decoys, "sangat_baik_berbukti"):
        team = teams[d["subjek_id"]]
        assert team.share(ATAS, team.hasil) >= 0.7
        assert 0.35 <= team.unit_share(SB) <= 0.45  # as in ordinary Istimewa units
        assert len(team.achievement) == len(team.hasil)
        for nip, hasil in team.hasil.items():
            v = team.achievement[nip]
            if hasil == ATAS:  # every target met, some well exceeded
                assert min(v) >= 0.999 and max(v) >= 1.15 and statistics.mean(v) >= 1.05, v
            else:  # the few Butuh Perbaikan are the ones whose realisation is low
                assert hasil == BAWAH and max(v) <= 0.75, v
    for team in planted(bundle, teams, "EVALUATOR_LENIENT"):  # the real ones: only at target
        assert set(team.hasil.values()) == {ATAS}
        assert all(max(v) <= 1.06 for v in team.achievement.values())


def test_severe_evaluators_of_weak_teams(bundle: Bundle, decoys, teams):
    """Decoy of EVALUATOR_SEVERE: Di Bawah for as many as under a planted severe evaluator (40 %),
    but their realisation really is far below target."""
    severe = planted(bundle, teams, "EVALUATOR_SEVERE")
    for d in kind(decoys, "tegas_tim_lemah"):
        team = teams[d["subjek_id"]]
        assert 0.35 <= team.share(BAWAH, team.hasil) <= 0.45
        assert team.unit_share(SB) == 0
        assert team.unit_share(BP) <= 0.41  # as under a planted severe evaluator: no funnel extreme
        assert len(team.achievement) == len(team.hasil)
        for nip, hasil in team.hasil.items():
            v = team.achievement[nip]
            if hasil == BAWAH:  # every indicator well under target
                assert max(v) <= 0.75, v
            else:
                assert hasil == SESUAI and 0.95 <= min(v) <= max(v) <= 1.06, v
    for team in severe:  # the real ones: the same shares, but nearly at target
        assert 0.35 <= team.share(BAWAH, team.hasil) <= 0.45 and team.unit_share(BP) <= 0.41
        low = [statistics.mean(team.achievement[n]) for n, h in team.hasil.items() if h == BAWAH]
        assert low and statistics.mean(low) >= 0.8


def test_quarters_follow_the_annual_rating(bundle: Bundle, decoys, teams):
    ratings: dict[tuple[str, str], tuple[str, str]] = {}
    for r in bundle.ordinary("penilaian"):
        ratings[(digits(r["nip"]), r["periode"])] = (
            canon("rating", r["rating_hasil_kerja"]), canon("rating", r["rating_perilaku_kerja"]))  # type: ignore[assignment]
    for d in decoys:
        team = teams[d["subjek_id"]]
        for nip in team.members:
            for q in QUARTERS:
                assert ratings[(nip, q)] == ratings[(nip, ANNUAL)], (nip, q)


# ---------------------------------------------------------------- determinism, scoring
def test_decoy_file_deterministic_and_beside_the_key(tmp_path: Path):
    a = write_sample_bundle(tmp_path / "a", 300, seed=5)
    b = write_sample_bundle(tmp_path / "b", 300, seed=5)
    assert a.decoy_path == tmp_path / "a.umpan.csv"
    assert a.decoy_path.read_bytes() == b.decoy_path.read_bytes()  # type: ignore[union-attr]
    assert a.decoys == {"sangat_baik_berbukti": 1, "sesuai_seragam": 1, "tegas_tim_lemah": 1}
    c = write_sample_bundle(tmp_path / "c", 300, seed=5, key_path=tmp_path / "jawaban.csv")
    assert c.decoy_path == tmp_path / "jawaban.umpan.csv" and c.decoy_path.exists()
    assert c.decoy_path.read_bytes() == a.decoy_path.read_bytes()  # type: ignore[union-attr]


def test_score_decoys(tmp_path: Path, bundle: Bundle, decoys):
    lenient = kind(decoys, "sangat_baik_berbukti")
    central = kind(decoys, "sesuai_seragam")
    temuan = tmp_path / "temuan.csv"
    with temuan.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["rule", "tingkat", "subjek_id", "periode", "detail"])
        w.writerow(["EVALUATOR_LENIENT", "penilai", lenient[0]["subjek_id"], ANNUAL, "x"])
        w.writerow(["EVALUATOR_LENIENT", "penilai", lenient[0]["subjek_id"], QUARTERS[0], "x"])
        w.writerow(["UNIT_OUTLIER_HIGH", "unit", lenient[1]["unor_id"], ANNUAL, "x"])
        w.writerow(["EVALUATOR_SEVERE", "penilai", central[0]["subjek_id"], ANNUAL, "x"])
        w.writerow(["CASCADE_MISSING", "rhk", central[1]["subjek_id"], "", "x"])
    scores = {r["umpan"]: r for r in score_decoys(temuan, bundle.summary.decoy_path)  # type: ignore[arg-type]
              .iter_rows(named=True)}
    assert scores == {
        "sangat_baik_berbukti": {"umpan": "sangat_baik_berbukti", "rule": "EVALUATOR_LENIENT",
                                 "jumlah": 3, "ditandai": 1, "ditandai_lain": 1},
        "sesuai_seragam": {"umpan": "sesuai_seragam", "rule": "EVALUATOR_CENTRAL_TENDENCY",
                           "jumlah": 3, "ditandai": 0, "ditandai_lain": 1},
        "tegas_tim_lemah": {"umpan": "tegas_tim_lemah", "rule": "EVALUATOR_SEVERE",
                            "jumlah": 3, "ditandai": 0, "ditandai_lain": 0},
    }
