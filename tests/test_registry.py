"""Adding a rule or a mart is adding one file; one writer keeps each producer's findings."""

from __future__ import annotations

import sys
from importlib import resources

import pytest

from expectations.checks import implemented_rules as all_implemented_rules
from tests.conftest import stage_bundle, write_bundle
from transforms.findings import build_findings
from transforms.findings.registry import RULES_PACKAGE, discover, implemented_rules, producers
from transforms.findings.writer import write_rule_findings
from transforms.marts import build_marts

FINDINGS_SQL = resources.files("transforms").joinpath("sql", "findings")

THROWAWAY_SQL_RULE = """-- rule: EVIDENCE_MISSING
SELECT 'EVIDENCE_MISSING' AS rule, 'indikator' AS tingkat, r.indikator_id AS subjek_id,
    r.periode, 'Realisasi tanpa bukti dukung.' AS detail
FROM stg.realisasi AS r
WHERE NOT EXISTS (SELECT 1 FROM stg.bukti_dukung AS b
                  WHERE b.indikator_id = r.indikator_id AND b.periode = r.periode)
"""

THROWAWAY_PY_RULE = '''
import polars as pl

RULE_IDS = ("SKP_WITHOUT_UTAMA",)


def findings(con):
    rows = con.sql(
        "SELECT s.skp_id, s.nip FROM stg.skp s WHERE NOT EXISTS "
        "(SELECT 1 FROM stg.rhk r WHERE r.skp_id = s.skp_id AND r.jenis = 'Utama')"
    ).fetchall()
    return pl.DataFrame(
        {"rule": ["SKP_WITHOUT_UTAMA"] * len(rows), "tingkat": ["skp"] * len(rows),
         "subjek_id": [r[0] for r in rows], "periode": [None] * len(rows),
         "detail": ["SKP tanpa RHK Utama."] * len(rows), "_nip": [r[1] for r in rows]},
        schema_overrides={"periode": pl.String},
    )
'''


@pytest.fixture
def staged(tmp_path, bundle_rows):
    bundle_rows["rhk"][2]["jenis"] = "Tambahan"  # SKP-3 keeps no Utama RHK
    con = stage_bundle(write_bundle(tmp_path / "ekspor", bundle_rows), tmp_path / "kerja")
    yield con
    con.close()


def temuan(con, rule: str) -> list[tuple]:
    return con.sql(
        f"SELECT subjek_id, periode, unor_id, keparahan FROM audit.temuan WHERE rule = '{rule}' ORDER BY ALL"
    ).fetchall()


def test_a_sql_rule_is_one_file(tmp_path, staged):
    folder = tmp_path / "findings"
    folder.mkdir()
    for entry in FINDINGS_SQL.iterdir():
        if entry.name.endswith(".sql"):
            (folder / entry.name).write_text(entry.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "bukti_kosong.sql").write_text(THROWAWAY_SQL_RULE, encoding="utf-8")
    found = discover(folder, RULES_PACKAGE)
    assert "EVIDENCE_MISSING" in implemented_rules(found)
    assert "EVIDENCE_MISSING" not in implemented_rules()  # the project itself is unchanged
    counts = build_findings(staged, found)
    assert counts["EVIDENCE_MISSING"] == 2
    # The conftest bundle has realisasi for I1 and I2 in 2025-TW1 and no bukti_dukung at all.
    assert temuan(staged, "EVIDENCE_MISSING") == [
        ("I1", "2025-TW1", None, "peringatan"),
        ("I2", "2025-TW1", None, "peringatan"),
    ]


def test_a_python_rule_is_one_module(tmp_path, staged, monkeypatch):
    package = tmp_path / "aturan_uji"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "skp_tanpa_utama.py").write_text(THROWAWAY_PY_RULE)
    monkeypatch.syspath_prepend(str(tmp_path))
    found = discover(FINDINGS_SQL, "aturan_uji")
    assert implemented_rules(found) == (
        "CASCADE_BROKEN", "CASCADE_MISSING", "RHK_NOT_CASCADED", "SKP_WITHOUT_UTAMA",
    )
    build_findings(staged, found)
    # SKP-3 belongs to STAF_B, placed in unit U2; SKP_WITHOUT_UTAMA is 'kritis' in the catalogue.
    assert temuan(staged, "SKP_WITHOUT_UTAMA") == [("SKP-3", None, "U2", "kritis")]
    sys.modules.pop("aturan_uji.skp_tanpa_utama", None)
    sys.modules.pop("aturan_uji", None)


def test_findings_of_another_producer_survive_a_rerun(staged):
    write_rule_findings(staged, ("TARGET_UNREALISTIC",), [
        "SELECT 'TARGET_UNREALISTIC' AS rule, 'indikator' AS tingkat, 'I1' AS subjek_id,"
        " '2025-TW1' AS periode, 'Target tidak realistis.' AS detail"
    ])
    build_findings(staged)
    build_findings(staged)  # the project's producers, twice: no doubling, no wiping
    assert temuan(staged, "TARGET_UNREALISTIC") == [("I1", "2025-TW1", None, "peringatan")]
    assert temuan(staged, "PREDIKAT_MISMATCH") == [] and temuan(staged, "NIP_INVALID") == []


def test_a_producer_may_write_only_its_own_rules(staged):
    with pytest.raises(ValueError, match="other rules"):
        write_rule_findings(staged, ("TARGET_UNREALISTIC",), [
            "SELECT 'NIP_INVALID' AS rule, 'row' AS tingkat, 'x' AS subjek_id,"
            " NULL AS periode, 'x' AS detail"
        ])
    with pytest.raises(ValueError, match="not in the catalogue"):
        write_rule_findings(staged, ("BUKAN_ATURAN",), [])


def test_two_producers_of_one_rule_are_refused(tmp_path):
    (tmp_path / "a.sql").write_text("-- rule: PREDIKAT_MISMATCH\nSELECT 1")
    (tmp_path / "b.sql").write_text("-- rule: PREDIKAT_MISMATCH\nSELECT 1")
    with pytest.raises(ValueError, match="produced by both"):
        discover(tmp_path, RULES_PACKAGE)


def test_the_project_registers_its_rules_once():
    assert implemented_rules() == (
        "NIP_INVALID", "DUPLICATE_KEY", "ORPHAN_REFERENCE", "CASCADE_BROKEN", "CASCADE_MISSING",
        "RHK_NOT_CASCADED", "RHK_COPIED", "DISTRIBUTION_OUT_OF_BOUNDS", "UNIT_OUTLIER_HIGH",
        "UNIT_OUTLIER_LOW", "EVALUATOR_LENIENT", "EVALUATOR_SEVERE", "EVALUATOR_CENTRAL_TENDENCY",
        "RATING_EVIDENCE_DISCORDANT",
    )
    assert {p.name for p in producers()} == {
        "sql/findings/cascade.sql", "rules/integrity", "rules/rhk_copied", "rules/distribution",
        "rules/unit_outlier", "rules/evaluator", "rules/rating_evidence",
    }
    # With the Great Expectations checks (expectations.checks), in catalogue order:
    assert all_implemented_rules() == (
        "NIP_INVALID", "DUPLICATE_KEY", "ORPHAN_REFERENCE", "PREDIKAT_MISMATCH", "EVIDENCE_MISSING",
        "INDICATOR_UNMEASURABLE", "TARGET_UNREALISTIC", "CASCADE_BROKEN", "CASCADE_MISSING",
        "RHK_NOT_CASCADED", "SKP_WITHOUT_UTAMA", "RHK_COPIED", "DISTRIBUTION_OUT_OF_BOUNDS",
        "UNIT_OUTLIER_HIGH", "UNIT_OUTLIER_LOW", "EVALUATOR_LENIENT", "EVALUATOR_SEVERE",
        "EVALUATOR_CENTRAL_TENDENCY", "RATING_EVIDENCE_DISCORDANT",
    )


def test_a_mart_is_one_file(tmp_path, staged):
    folder = tmp_path / "marts"
    folder.mkdir()
    (folder / "pegawai_per_unit.sql").write_text(
        "CREATE OR REPLACE TABLE mart.pegawai_per_unit AS"
        " SELECT unor_id, count(*) AS jumlah FROM stg.pegawai GROUP BY ALL ORDER BY ALL"
    )
    assert build_marts(staged, folder) == {"pegawai_per_unit": 2}
    assert staged.sql("SELECT * FROM mart.pegawai_per_unit").fetchall() == [("U1", 1), ("U2", 3)]
