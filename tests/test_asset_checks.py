"""The Great Expectations suites as Dagster asset checks: listed with their asset and blocking
flag, and a failed kritis expectation stops everything downstream (nothing is published)."""

from __future__ import annotations

from dagster import AssetCheckSeverity, AssetKey, materialize

from expectations.checks import checks, meta
from pipelines.definitions import ALL_CHECKS, BUNDLE_ASSETS, defs
from pipelines.resources import build_resources
from tests.conftest import write_bundle
from transforms.contract import TABLES


def listed() -> dict[tuple[str, str], bool]:
    graph = defs.resolve_asset_graph()
    return {
        (key.asset_key.to_user_string(), key.name): graph.get_check_spec(key).blocking
        for key in graph.asset_check_keys
    }


def test_the_checks_are_listed_with_their_asset_and_blocking_flag():
    found = listed()
    content = {
        ("stg/realisasi", "mutu_bukti_dukung"), ("stg/indikator", "mutu_indikator_terukur"),
        ("stg/realisasi", "mutu_target"), ("stg/rhk", "mutu_rhk_utama"),
        ("stg/penilaian", "mutu_predikat"),
    }
    structural = {(f"stg/{t.name}", "struktur") for t in TABLES}
    balance = {(f"stg/{t.name}", "baris_seimbang") for t in TABLES}
    assert set(found) == content | structural | balance | {("rekonsiliasi", "rekonsiliasi_seimbang")}
    # Every GX check is declared blocking (downstream waits for its findings); whether a failure
    # stops downstream is its severity: kritis expectations (structure) ERROR, content WARN.
    assert all(found[k] for k in content | structural)
    levels = {c.key: c.blocking for c in checks()}
    assert {k for k, stops in levels.items() if stops} == {f"{t.name}.struktur" for t in TABLES}


def test_a_failed_kritis_check_stops_downstream_and_publishes_nothing(tmp_path, bundle_rows):
    bundle = write_bundle(tmp_path / "ekspor", bundle_rows)
    out = tmp_path / "hasil"
    check = next(c for c in checks() if c.key == "pegawai.struktur")
    original = check.expectations

    def with_an_impossible_one() -> list:
        from expectations.runtime import gx

        return [*original(), gx().expectations.ExpectColumnValuesToBeBetween(
            column="_baris", max_value=0, meta=meta("uji_selalu_gagal"))]

    object.__setattr__(check, "expectations", with_an_impossible_one)  # a frozen dataclass
    try:
        result = materialize([*BUNDLE_ASSETS, *ALL_CHECKS], resources=build_resources(bundle, out),
                             raise_on_error=False)
    finally:
        object.__setattr__(check, "expectations", original)
    evaluation = next(e for e in result.get_asset_check_evaluations()
                      if e.asset_key == AssetKey(["stg", "pegawai"]) and e.check_name == "struktur")
    assert not evaluation.passed and evaluation.severity == AssetCheckSeverity.ERROR
    done = {m.asset_key.to_user_string() for m in result.get_asset_materialization_events()
            for m in [m.event_specific_data.materialization]}
    assert {"bundel", "stg/unit_kerja", "stg/pegawai"} <= done
    # Everything that reads stg/pegawai, directly or not, did not run.
    assert not done & {"stg/skp", "stg/rhk", "stg/penilaian", "temuan", "mart", "gudang", "dasbor"}
    assert not (out / "site" / "index.html").exists() and not (out / "temuan.csv").exists()
