"""Dagster wiring: definitions load, assets materialise with real resources, checks pass."""

from __future__ import annotations

import duckdb
import pytest
from dagster import AssetKey, Definitions, materialize

from pipelines.definitions import ALL_CHECKS, BUNDLE_ASSETS, build_definitions, defs
from pipelines.jobs import MAIN_JOB_NAME
from pipelines.resources import build_resources
from tests.conftest import write_bundle
from transforms.contract import TABLES


def test_definitions_load_and_cover_every_table():
    Definitions.validate_loadable(defs)
    keys = {k.to_user_string() for k in defs.resolve_all_asset_keys()}
    assert {f"stg/{t.name}" for t in TABLES} <= keys
    assert {"bundel", "karantina", "rekonsiliasi", "temuan", "mart", "dasbor"} <= keys
    assert defs.resolve_job_def(MAIN_JOB_NAME) is not None


def test_staged_assets_depend_on_their_reference_targets():
    graph = defs.resolve_asset_graph()
    parents = graph.get(AssetKey(["stg", "rhk"])).parent_keys
    assert AssetKey(["stg", "skp"]) in parents and AssetKey("bundel") in parents
    assert AssetKey(["stg", "pegawai"]) in graph.get(AssetKey(["stg", "penilaian"])).parent_keys


def run_all(bundle, out):
    return materialize([*BUNDLE_ASSETS, *ALL_CHECKS], resources=build_resources(bundle, out), raise_on_error=False)


def test_materialize_everything_on_a_temp_warehouse(tmp_path, bundle_rows):
    bundle_rows["pegawai"].append(dict(bundle_rows["pegawai"][1], nip="1,98609E+17"))
    bundle = write_bundle(tmp_path / "ekspor", bundle_rows)
    out = tmp_path / "hasil"
    result = run_all(bundle, out)
    assert result.success
    checks = result.get_asset_check_evaluations()
    # balance + GX structure per table, 5 GX content checks, the reconciliation check
    assert len(checks) == 2 * len(TABLES) + 6 and all(c.passed for c in checks)
    meta = result.asset_materializations_for_node("stg__pegawai")[0].metadata
    assert (meta["dibaca"].value, meta["diterima"].value, meta["dikarantina"].value) == (5, 4, 1)
    for name in ("warehouse.duckdb", "rekonsiliasi.csv", "temuan.csv", "karantina/pegawai.csv", "site/index.html"):
        assert (out / name).exists(), name
    con = duckdb.connect(str(out / "warehouse.duckdb"), read_only=True)
    assert con.sql("SELECT count(*) FROM stg.pegawai").fetchall()[0][0] == 4
    assert con.sql("SELECT rule FROM audit.temuan").fetchall() == [("NIP_INVALID",)]
    con.close()
    # Re-materialising is idempotent: the same counts, no doubled quarantine rows.
    assert run_all(bundle, out).success
    con = duckdb.connect(str(out / "warehouse.duckdb"), read_only=True)
    assert con.sql("SELECT count(*) FROM audit.karantina").fetchall()[0][0] == 1
    assert con.sql("SELECT count(*) FROM audit.temuan").fetchall()[0][0] == 1
    con.close()


def test_missing_required_table_fails_the_bundle_step_in_indonesian(tmp_path, bundle_rows):
    del bundle_rows["penilaian"]
    bundle = write_bundle(tmp_path / "ekspor", bundle_rows)
    job = build_definitions(build_resources(bundle, tmp_path / "hasil")).resolve_job_def(MAIN_JOB_NAME)
    result = job.execute_in_process(raise_on_error=False)
    assert not result.success
    failure = result.get_step_failure_events()[0]
    assert failure.step_key == "bundel"
    assert "penilaian" in failure.step_failure_data.user_failure_data.description


ENGLISH_WORDS = (" the ", " and ", " of ", " rows ", " with ", " for ", " every ", " from ", " is ")


def _english(text: str) -> list[str]:
    padded = f" {' '.join(text.split()).lower()} "
    return [w.strip() for w in ENGLISH_WORDS if w in padded]


def test_every_asset_and_check_has_an_indonesian_description():
    """What the Dagster UI shows people: a description for every asset and check, in Indonesian."""
    graph = defs.resolve_asset_graph()
    texts = {}
    for key in graph.get_all_asset_keys():
        texts[f"asset {key.to_user_string()}"] = graph.get(key).description
    for check in graph.asset_check_keys:
        spec = graph.get_check_spec(check)
        texts[f"check {check.asset_key.to_user_string()}:{check.name}"] = spec.description
    assert len(texts) >= 2 * len(TABLES) + 9  # stg + balance check per table, plus the rest
    missing = sorted(name for name, text in texts.items() if not (text and text.strip()))
    assert missing == []
    english = {name: _english(text) for name, text in texts.items() if _english(text)}
    assert english == {}
    main_job = defs.resolve_job_def(MAIN_JOB_NAME)
    assert main_job.description and not _english(main_job.description)


def test_duckdb_connections_get_the_deliberate_settings(tmp_path, monkeypatch):
    """Both pipeline databases are opened with the memory limit, threads and spill folder of
    pipelines.settings: the environment overrides them, a bad thread count is refused."""
    monkeypatch.setenv("KINERJA_DUCKDB_MEMORI", "512MiB")
    monkeypatch.setenv("KINERJA_DUCKDB_UTAS", "1")
    out = tmp_path / "hasil"
    (out / ".kerja").mkdir(parents=True)
    resources = build_resources(tmp_path / "ekspor", out)
    for name in ("kerja", "warehouse"):
        with resources[name].get_connection() as con:
            (row,) = con.sql(
                "SELECT current_setting('memory_limit'), current_setting('threads'),"
                " current_setting('temp_directory'), current_setting('preserve_insertion_order')"
            ).fetchall()
        assert row == ("512.0 MiB", 1, str(out / ".kerja" / "duckdb_tmp"), True), name
    monkeypatch.setenv("KINERJA_DUCKDB_UTAS", "nol")
    with pytest.raises(ValueError, match="KINERJA_DUCKDB_UTAS harus bilangan bulat minimal 1"):
        build_resources(tmp_path / "ekspor", out)


def test_dashboard_processes_setting(monkeypatch):
    """KINERJA_PROSES_DASBOR: two processes on a machine of two or more cores unless told,
    1 builds in one process, anything but a whole number of at least 1 is refused."""
    from pipelines.settings import dashboard_processes

    monkeypatch.delenv("KINERJA_PROSES_DASBOR", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    assert dashboard_processes() == 2
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    assert dashboard_processes() == 1
    monkeypatch.setenv("KINERJA_PROSES_DASBOR", "1")
    assert dashboard_processes() == 1
    for bad in ("0", "dua", "-2"):
        monkeypatch.setenv("KINERJA_PROSES_DASBOR", bad)
        with pytest.raises(ValueError, match="KINERJA_PROSES_DASBOR harus bilangan bulat minimal 1"):
            dashboard_processes()
