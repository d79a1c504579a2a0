"""The findings table: NIP_INVALID, DUPLICATE_KEY, ORPHAN_REFERENCE, PREDIKAT_MISMATCH."""

from __future__ import annotations

import itertools

import pytest

from tests.conftest import KEPALA, STAF_A, STAF_B
from tests.test_staging import stage_bundle
from transforms.contract import ENUMS, PREDIKAT_MATRIX
from transforms.findings import FINDINGS_COLUMNS, build_findings


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
