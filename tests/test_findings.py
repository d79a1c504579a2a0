"""The findings table: NIP_INVALID, DUPLICATE_KEY, ORPHAN_REFERENCE, PREDIKAT_MISMATCH."""

from __future__ import annotations

import itertools
import json

import duckdb
import pytest

from tests.conftest import KEPALA, STAF_A, STAF_B, write_bundle
from tests.test_staging import stage_bundle
from transforms.contract import ENUMS, PREDIKAT_MATRIX, TABLES
from transforms.findings import FINDINGS_COLUMNS, build_findings
from transforms.ingest.bundle import open_bundle
from transforms.ingest.readers import read_raw
from transforms.staging import stage_table


def findings(con):
    build_findings(con)
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


@pytest.mark.parametrize(("hasil", "perilaku"), list(itertools.product(ENUMS["rating"], repeat=2)))
def test_predikat_matrix_every_cell(tmp_path, bundle_rows, hasil, perilaku):
    """A wrong predikat is flagged in every cell of the matrix, the right one never."""
    right = PREDIKAT_MATRIX[(hasil, perilaku)]
    wrong = next(p for p in ENUMS["predikat"] if p != right)
    base = dict(bundle_rows["penilaian"][1], rating_hasil_kerja=hasil, rating_perilaku_kerja=perilaku)
    bundle_rows["penilaian"] = [
        dict(base, periode="2025-TW1", predikat=right),
        dict(base, periode="2025-TW2", predikat=wrong),
    ]
    con, _ = stage_bundle(tmp_path, bundle_rows)
    f = findings(con)
    assert f.filter(rule="PREDIKAT_MISMATCH").select("subjek_id", "periode").rows() == [(STAF_B, "2025-TW2")]


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
    f = findings(con)
    mismatch = f.filter(rule="PREDIKAT_MISMATCH")
    assert mismatch.select("subjek_id", "periode").rows() == [(STAF_A, "2023")]
    assert "Riwayat SIASN tahun 2023" in mismatch["detail"][0] and "Bambang" in mismatch["detail"][0]
