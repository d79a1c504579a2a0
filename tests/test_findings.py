"""The findings table: NIP_INVALID, DUPLICATE_KEY, ORPHAN_REFERENCE (findings rules) and
PREDIKAT_MISMATCH (a Great Expectations check), through the one writer."""

from __future__ import annotations

import json

import duckdb
import pytest

from expectations.checks import build_all_findings, checks, run_check
from tests.conftest import KEPALA, PPPK, STAF_A, STAF_B, write_bundle
from tests.test_staging import stage_bundle
from transforms.contract import PREDIKAT_MATRIX, TABLES
from transforms.findings import FINDINGS_COLUMNS, build_findings
from transforms.ingest.bundle import open_bundle
from transforms.ingest.readers import read_raw
from transforms.staging import stage_table


def findings(con, *rules: str):
    """Every finding of a staged connection; with ``rules``, the findings rules and only the
    checks owning those rules (the other checks' GX suites cost seconds and add nothing)."""
    if not rules:
        build_all_findings(con)
    else:
        build_findings(con)
        for check in checks():
            if set(check.rule_ids) & set(rules):
                run_check(con, check)
    return con.sql(f"SELECT {', '.join(FINDINGS_COLUMNS)} FROM audit.temuan").pl()


def subjects(frame, rule):
    return sorted(frame.filter(rule=rule)["subjek_id"].to_list())


def test_clean_bundle_has_no_findings(tmp_path, bundle_rows):
    con, _ = stage_bundle(tmp_path, bundle_rows)
    assert findings(con).height == 0


def test_each_rule_fires_exactly_on_the_defective_rows(tmp_path, bundle_rows):
    rows = bundle_rows
    rows["pegawai"].append(dict(rows["pegawai"][1], nip="19860926201505100", nama="Tujuh Belas"))
    rows["pegawai"].append(dict(rows["pegawai"][2]))  # duplicate of row 3
    rows["realisasi"].append(dict(rows["realisasi"][0], indikator_id="I404"))
    rows["penilaian"].append(dict(rows["penilaian"][0], periode="2025-TW1", predikat="Baik"))
    rows["skp"][2]["nip_penilai"] = "198001012005011009"  # soft reference: penilai not in pegawai
    con, _ = stage_bundle(tmp_path, rows)
    f = findings(con)
    assert subjects(f, "NIP_INVALID") == ["pegawai:5"]
    assert subjects(f, "DUPLICATE_KEY") == ["pegawai:6"]
    assert subjects(f, "ORPHAN_REFERENCE") == ["realisasi:3", "skp:3"]
    mismatch = f.filter(rule="PREDIKAT_MISMATCH")
    assert mismatch.select("subjek_id", "periode").rows() == [(STAF_A, "2025-TW1")]
    detail = mismatch["detail"][0]
    assert "Sangat Baik" in detail and "tercatat Baik" in detail and KEPALA.replace(" ", "") in detail
    # Findings carry instansi, unit and severity from the catalogue.
    assert set(f["keparahan"]) <= {"kritis", "peringatan", "info"}
    assert f.filter(rule="PREDIKAT_MISMATCH")["unor_id"][0] == "U2"
    assert f.filter(rule="DUPLICATE_KEY")["instansi_id"][0] == "A5EB03E2"
    soft = f.filter(subjek_id="skp:3")
    assert soft["keparahan"][0] == "peringatan" and "nip_penilai" in soft["detail"][0]


# Lampiran PermenPANRB 6/2022, all 9 cells written out by hand:
# (rating hasil kerja, rating perilaku kerja) -> predikat. Not symmetric.
PERMENPANRB_6_2022 = {
    ("Di Atas Ekspektasi", "Di Bawah Ekspektasi"): "Kurang/Misconduct",
    ("Di Atas Ekspektasi", "Sesuai Ekspektasi"): "Baik",
    ("Di Atas Ekspektasi", "Di Atas Ekspektasi"): "Sangat Baik",
    ("Sesuai Ekspektasi", "Di Bawah Ekspektasi"): "Kurang/Misconduct",
    ("Sesuai Ekspektasi", "Sesuai Ekspektasi"): "Baik",
    ("Sesuai Ekspektasi", "Di Atas Ekspektasi"): "Baik",
    ("Di Bawah Ekspektasi", "Di Bawah Ekspektasi"): "Sangat Kurang",
    ("Di Bawah Ekspektasi", "Sesuai Ekspektasi"): "Butuh Perbaikan",
    ("Di Bawah Ekspektasi", "Di Atas Ekspektasi"): "Butuh Perbaikan",
}
FIVE_PREDIKAT = ("Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang")
FIVE_PERIODS = ("2025", "2025-TW1", "2025-TW2", "2025-TW3", "2025-TW4")


def test_contract_matrix_is_the_regulation():
    """transforms/contract.py holds exactly the 9 cells of the regulation."""
    assert dict(PREDIKAT_MATRIX) == PERMENPANRB_6_2022


@pytest.mark.parametrize(("hasil", "perilaku"), list(PERMENPANRB_6_2022))
def test_predikat_matrix_every_cell(tmp_path, bundle_rows, hasil, perilaku):
    """In every cell the regulation's predikat passes and each of the four others is flagged."""
    right = PERMENPANRB_6_2022[(hasil, perilaku)]
    base = dict(bundle_rows["penilaian"][1], rating_hasil_kerja=hasil, rating_perilaku_kerja=perilaku)
    bundle_rows["penilaian"] = [
        dict(base, periode=periode, predikat=predikat)
        for periode, predikat in zip(FIVE_PERIODS, FIVE_PREDIKAT, strict=True)
    ]
    con, _ = stage_bundle(tmp_path, bundle_rows)
    mismatch = findings(con, "PREDIKAT_MISMATCH").filter(rule="PREDIKAT_MISMATCH").sort("periode")
    flagged = dict(zip(mismatch["periode"], mismatch["detail"], strict=True))
    expected = sorted(p for p, k in zip(FIVE_PERIODS, FIVE_PREDIKAT, strict=True) if k != right)
    assert sorted(flagged) == expected
    assert set(mismatch["subjek_id"]) == {STAF_B}
    for periode, detail in flagged.items():
        recorded = FIVE_PREDIKAT[FIVE_PERIODS.index(periode)]
        assert f"berpredikat {right}, tetapi tercatat {recorded}." in detail


def test_siasn_history_every_cell(tmp_path, bundle_rows):
    """riwayat_skp: all 9 cells x 5 recorded predikat; only the regulation's predikat passes."""
    folder = write_bundle(tmp_path / "ekspor", bundle_rows)
    history, expected = [], set()
    cells = [(cell, k) for cell in PERMENPANRB_6_2022 for k in FIVE_PREDIKAT]
    for i, ((hasil, perilaku), recorded) in enumerate(cells):
        nip, tahun = (STAF_A, STAF_B, PPPK)[i // 15], 2010 + i % 15  # years before penilaian
        history.append({"nip": nip, "tahun": tahun, "hasilKinerja": hasil,
                        "perilakuKerja": perilaku, "kuadranKinerja": recorded})
        if recorded != PERMENPANRB_6_2022[(hasil, perilaku)]:
            expected.add((nip, str(tahun)))
    assert len(expected) == 36  # 9 cells x 4 wrong predikat
    (folder / "riwayat_skp.json").write_text(json.dumps(history), encoding="utf-8")
    bundle = open_bundle(folder, tmp_path / "kerja")
    con = duckdb.connect()
    for table in TABLES:
        read_raw(con, table.name, bundle.sources.get(table.name, []), tmp_path / "kerja")
        stage_table(con, table.name)
    mismatch = findings(con, "PREDIKAT_MISMATCH").filter(rule="PREDIKAT_MISMATCH")
    assert set(mismatch.select("subjek_id", "periode").rows()) == expected
    assert mismatch.height == 36


def test_predikat_mismatch_in_siasn_history(tmp_path, bundle_rows):
    """riwayat_skp (SIASN rw-skp22) years are checked against the same matrix."""
    folder = write_bundle(tmp_path / "ekspor", bundle_rows)
    history = [
        {"nip": STAF_A, "tahun": 2024, "hasilKinerja": "Sesuai Ekspektasi",
         "perilakuKerja": "Sesuai Ekspektasi", "kuadranKinerja": "Baik", "namaPenilai": "Bambang"},
        {"nip": STAF_A, "tahun": 2023, "hasilKinerja": "Diatas Ekspektasi",
         "perilakuKerja": "Sesuai Ekspektasi", "kuadranKinerja": "Sangat Baik", "namaPenilai": "Bambang"},
        {"nip": STAF_B, "tahun": 2025, "hasilKinerja": "Sesuai Ekspektasi",
         "perilakuKerja": "Sesuai Ekspektasi", "kuadranKinerja": "Sangat Baik"},  # 2025 is in penilaian
    ]
    (folder / "riwayat_skp.json").write_text(json.dumps(history), encoding="utf-8")
    bundle = open_bundle(folder, tmp_path / "kerja")
    con = duckdb.connect()
    for table in TABLES:
        read_raw(con, table.name, bundle.sources.get(table.name, []), tmp_path / "kerja")
        stage_table(con, table.name)
    f = findings(con, "PREDIKAT_MISMATCH")
    mismatch = f.filter(rule="PREDIKAT_MISMATCH")
    assert mismatch.select("subjek_id", "periode").rows() == [(STAF_A, "2023")]
    assert "Riwayat SIASN tahun 2023" in mismatch["detail"][0] and "Bambang" in mismatch["detail"][0]
