"""The Great Expectations checks on a realistic sample: planted content defects found exactly,
details that say what to fix, structural suites pass, a broken table fails a kritis
expectation, and the Data Docs hold counts only and load nothing remote."""

from __future__ import annotations

import json
import re

import pytest

from expectations.checks import build_all_findings, checks, run_check, run_checks
from expectations.docs import build_data_docs
from tests.conftest import stage_sample
from transforms.evaluation import score_findings

CONTENT_RULES = ["PREDIKAT_MISMATCH", "EVIDENCE_MISSING", "INDICATOR_UNMEASURABLE",
                 "TARGET_UNREALISTIC", "SKP_WITHOUT_UTAMA", "NIP_INVALID"]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = tmp_path_factory.mktemp("mutu")
    con, bundle, _ = stage_sample(root, employees=1200, seed=4242)
    results = root / "gx-hasil"
    build_all_findings(con)
    runs = {r.check.key: r for r in run_checks(con, results)}
    temuan = root / "temuan.csv"
    con.execute(f"COPY (SELECT * FROM audit.temuan) TO '{temuan}' (HEADER)")
    return {"con": con, "root": root, "bundle": bundle, "runs": runs, "results": results,
            "temuan": temuan, "key": root / "ekspor.kunci.csv"}


def test_every_planted_defect_found_and_nothing_else(sample):
    scores = score_findings(sample["temuan"], sample["key"], CONTENT_RULES)
    for s in scores.iter_rows(named=True):
        assert s["ditanam"] >= 3, s
        assert s["terlewat"] == 0 and s["positif_palsu"] == 0, s


def test_structural_suites_pass_on_staged_tables(sample):
    struktur = {k: r for k, r in sample["runs"].items() if k.endswith(".struktur")}
    assert len(struktur) == 12
    for key, run in struktur.items():
        assert run.passed, (key, [n for n, o in run.outcome.expectations.items() if not o.success])
    names = set(sample["runs"]["pegawai.struktur"].outcome.expectations)
    assert {"kolom_kontrak_ada", "tipe_kolom_sesuai_kontrak", "nip_18_digit", "nip_sah", "jenis_asn_dalam_daftar",
            "kunci_unik_nip", "rujukan_unor_id_ke_unit_kerja"} <= names


def test_details_say_what_to_fix(sample):
    con = sample["con"]
    detail = dict(con.execute(
        "SELECT rule, any_value(detail) FROM audit.temuan GROUP BY rule").fetchall())
    assert re.match(r"Realisasi periode \d{4}-TW[1-4] indikator '.+' \(RHK '.+'\) tercatat '.*'"
                    r" tanpa bukti dukung untuk periode itu\. Unggah bukti dukung", detail["EVIDENCE_MISSING"])
    assert "tidak dapat diukur" in detail["INDICATOR_UNMEASURABLE"]
    assert "Rumuskan ulang" in detail["INDICATOR_UNMEASURABLE"]
    assert "Tambahkan RHK Utama" in detail["SKP_WITHOUT_UTAMA"]
    target = con.execute(
        "SELECT detail FROM audit.temuan WHERE rule = 'TARGET_UNREALISTIC' ORDER BY subjek_id").fetchall()
    texts = " ".join(t for (t,) in target)
    for phrase in ("target kosong", "target 0", "rentang target terbalik", "melebihi 100 %", "× target"):
        assert phrase in texts, phrase


def test_a_broken_staged_table_fails_a_kritis_expectation(sample):
    con = sample["con"]
    con.execute("CREATE TABLE stg.skp_asli AS SELECT * FROM stg.skp")
    try:
        con.execute("INSERT INTO stg.skp SELECT * FROM stg.skp LIMIT 1")  # a duplicated key
        check = next(c for c in checks() if c.key == "skp.struktur")
        run = run_check(con, check)
        assert not run.passed and run.stops_downstream
        assert [n for n, o in run.outcome.expectations.items() if not o.success] == ["kunci_unik_skp_id"]
    finally:
        con.execute("DELETE FROM stg.skp")
        con.execute("INSERT INTO stg.skp SELECT * FROM stg.skp_asli")
        con.execute("DROP TABLE stg.skp_asli")


def test_a_column_of_another_type_fails_the_type_expectation(sample):
    """A staged column whose type is not the contract's (tahun as text) fails the one type
    expectation of its suite, on every row, and stops the run."""
    con = sample["con"]
    con.execute("CREATE TABLE stg.potensi_asli AS SELECT * FROM stg.potensi")
    try:
        con.execute("ALTER TABLE stg.potensi ALTER tahun TYPE VARCHAR")
        check = next(c for c in checks() if c.key == "potensi.struktur")
        run = run_check(con, check)
        assert not run.passed and run.stops_downstream
        failed = [n for n, o in run.outcome.expectations.items() if not o.success]
        assert failed == ["tipe_kolom_sesuai_kontrak"]
        rows = con.execute("SELECT count(*) FROM stg.potensi").fetchone()[0]
        assert run.outcome.expectations["tipe_kolom_sesuai_kontrak"].unexpected_count == rows
    finally:
        con.execute("DROP TABLE stg.potensi")
        con.execute("ALTER TABLE stg.potensi_asli RENAME TO potensi")


def test_content_checks_warn_but_do_not_stop(sample):
    run = sample["runs"]["realisasi.mutu_bukti_dukung"]
    assert not run.passed and not run.stops_downstream
    assert run.findings["EVIDENCE_MISSING"] > 0


def nips(con) -> set[str]:
    return {n for (n,) in con.execute("SELECT nip FROM stg.pegawai").fetchall()}


def test_results_and_data_docs_hold_counts_only_and_load_nothing_remote(sample, tmp_path):
    known = nips(sample["con"])
    assert len(known) > 1000
    for f in sample["results"].glob("*.json"):
        text = f.read_text(encoding="utf-8")
        assert not (set(re.findall(r"\d{18}", text)) & known), f.name
        doc = json.loads(text)
        for r in doc["results"]:
            assert "unexpected_list" not in r["result"] and "partial_unexpected_list" not in r["result"]
    target = tmp_path / "data-docs"
    shown = build_data_docs(sample["results"], target)
    assert shown == len(list(sample["results"].glob("*.json"))) >= 17
    pages = list(target.rglob("*.html"))
    assert (target / "index.html").exists() and len(pages) > shown
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<(?:script|link|img)[^>]+(?:src|href)=\"https?://", html), page
        assert not (set(re.findall(r"\d{18}", html)) & known), page
        assert "Laporan validasi Great Expectations" in html
    index = (target / "index.html").read_text(encoding="utf-8")
    assert "mutu_bukti_dukung" in index and "struktur" in index
