"""Partitions by tahun and instansi: registered from bundles, one Parquet file per partition,
a corrected re-export replacing only its own partition, backfills from the CLI, the
multiprocess executor, the sensors, and runs killed by SIGKILL at several points.

Expected values are counted by hand from the bundles built here (tests/conftest.py base_rows):
instansi A (Sleman) has 4 pegawai, 3 annual predikat (Sangat Baik, Butuh Perbaikan, Kurang/
Misconduct), 3 SKP of which 2 approved, 2 units. Instansi B (Bantul) is the same plus 12 staff
rated 7 Baik and 5 Butuh Perbaikan: 16 pegawai, 15 dinilai, Baik or better 8, worse 7.
"""

from __future__ import annotations

import copy
import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from dagster import (
    AssetKey,
    DagsterEventType,
    DagsterInstance,
    MultiPartitionKey,
    RunsFilter,
    build_run_status_sensor_context,
    build_sensor_context,
    materialize,
)

from pipelines import output_folder
from pipelines.cli import main
from tests.conftest import base_rows, write_bundle

KINERJA = str(Path(sys.executable).with_name("kinerja"))
A, B = "A5EB03E2", "B7C1D2E3"


def bantul_rows(correction: bool = False) -> dict[str, list[dict[str, str]]]:
    """Instansi B: A's rows under other ids and NIPs, plus 12 rated staff."""
    rows = copy.deepcopy(base_rows())
    nips = {r["nip"]: r["nip"][:-1] + "9" for r in rows["pegawai"]}
    for records in rows.values():
        for r in records:
            for k, v in r.items():
                if k in ("nip", "nip_atasan", "nip_penilai", "nip_kepala") and v.replace(" ", "") in {
                    n.replace(" ", "") for n in nips
                }:
                    r[k] = next(new for old, new in nips.items() if old.replace(" ", "") == v.replace(" ", ""))
                elif k in ("unor_id", "unor_induk_id") and v:
                    r[k] = "B-" + v
    for r in rows["unit_kerja"]:
        r.update(instansi_id=B, instansi_nama="Pemerintah Kabupaten Bantul")
    kepala = rows["pegawai"][0]["nip"]
    ratings = ["Baik"] * 7 + ["Butuh Perbaikan"] * 5
    if correction:  # the re-export: one Butuh Perbaikan corrected to Baik
        ratings = ["Baik"] * 8 + ["Butuh Perbaikan"] * 4
    for n, predikat in enumerate(ratings, 1):
        nip = f"19900101201501{1 + n % 2}{n:03d}"
        rows["pegawai"].append({
            "nip": nip, "nama": f"Pegawai Bantul {n}", "jenis_asn": "PNS", "golongan": "III/a",
            "jenis_jabatan": "Pelaksana", "jabatan": "Pengolah Data", "jenjang": "", "unor_id": "B-U2",
            "nip_atasan": kepala,
        })  # fmt: skip
        rows["penilaian"].append({
            "nip": nip, "tahun": "2025", "periode": "2025", "nip_penilai": kepala,
            "rating_hasil_kerja": "Sesuai Ekspektasi", "rating_perilaku_kerja": "Sesuai Ekspektasi",
            "predikat": predikat, "tanggal_penilaian": "2026-01-12",
        })  # fmt: skip
    return rows


def sleman_2024() -> dict[str, list[dict[str, str]]]:
    rows = base_rows()
    for records in rows.values():
        for r in records:
            for k, v in r.items():
                r[k] = v.replace("2025", "2024").replace("2026", "2025")
    return rows


def store_files(out: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of OUT's slice store: bytes and modification time (ns)."""
    root = out / "warehouse.irisan"
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*")) if p.is_file()
    }  # fmt: skip


def rekap(out: Path, tahun: int, instansi: str) -> dict:
    path = out / "warehouse.irisan" / "rekap" / f"tahun={tahun}" / f"instansi_id={instansi}" / "data.parquet"
    [row] = duckdb.sql(f"SELECT * FROM '{path}'").pl().to_dicts()
    return row


def banding(out: Path, tahun: int) -> list[dict]:
    path = out / "warehouse.irisan" / "banding_instansi" / f"tahun={tahun}" / "data.parquet"
    return duckdb.sql(f"SELECT * FROM '{path}' ORDER BY instansi_id").pl().to_dicts()


def warehouse_rows(out: Path) -> dict[str, str]:
    """A digest of every warehouse table's sorted rows (load times left out)."""
    con = duckdb.connect(str(out / "warehouse.duckdb"), read_only=True)
    try:
        digests = {}
        for schema, table in con.sql(
            "SELECT schema_name, table_name FROM duckdb_tables() ORDER BY 1, 2"
        ).fetchall():
            cols = [c for c in con.sql(f'SELECT * FROM {schema}."{table}" LIMIT 0').columns if c != "dimuat_pada"]
            listing = ", ".join(f'"{c}"' for c in cols)
            rows = con.sql(f'SELECT {listing} FROM {schema}."{table}" ORDER BY ALL').fetchall()
            digests[f"{schema}.{table}"] = hashlib.sha256(repr(rows).encode()).hexdigest()
        return digests
    finally:
        con.close()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """One OUT that received Sleman 2025, Bantul 2025 and Sleman 2024 through `kinerja run`,
    then Sleman 2024 once more (``again``: temuan.csv, warehouse rows, slice files before and
    after that repeat)."""
    root = tmp_path_factory.mktemp("partisi")
    bundles = {
        "sleman": write_bundle(root / "sleman-2025", base_rows()),
        "bantul": write_bundle(root / "bantul-2025", bantul_rows()),
        "sleman24": write_bundle(root / "sleman-2024", sleman_2024()),
        "bantul_koreksi": write_bundle(root / "bantul-2025-koreksi", bantul_rows(correction=True)),
    }
    out = root / "hasil"

    def state():
        files = {k: v[0] for k, v in store_files(out).items()}
        return (out / "temuan.csv").read_bytes(), warehouse_rows(out), files

    # A DAGSTER_HOME of this module's own: the partitions and runs seen here are its bundles'.
    (root / "dagster").mkdir()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DAGSTER_HOME", str(root / "dagster"))
        for key in ("sleman", "bantul", "sleman24"):
            assert main(["run", "--exports", str(bundles[key]), "--out", str(out)]) == 0
        first = state()
        assert main(["run", "--exports", str(bundles["sleman24"]), "--out", str(out)]) == 0
        yield bundles, out, (first, state())


def test_bundles_register_their_partitions_and_fill_them(loaded):
    _, out, _ = loaded
    instance = DagsterInstance.get()
    assert sorted(instance.get_dynamic_partitions("tahun")) == ["2024", "2025"]
    assert sorted(instance.get_dynamic_partitions("instansi")) == [A, B]
    done = instance.get_materialized_partitions(AssetKey(["irisan", "rekap"]))
    assert {str(k) for k in done} >= {f"{A}|2025", f"{B}|2025", f"{A}|2024"}
    sleman = rekap(out, 2025, A)
    assert {k: sleman[k] for k in ("pegawai", "unit_kerja", "skp", "skp_disetujui", "dinilai",
                                   "sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")} == {
        "pegawai": 4, "unit_kerja": 2, "skp": 3, "skp_disetujui": 2, "dinilai": 3,
        "sangat_baik": 1, "baik": 0, "butuh_perbaikan": 1, "kurang": 1, "sangat_kurang": 0,
    }  # fmt: skip
    bantul = rekap(out, 2025, B)
    assert (bantul["pegawai"], bantul["dinilai"], bantul["baik"], bantul["butuh_perbaikan"]) == (16, 15, 7, 6)
    assert rekap(out, 2024, A)["dinilai"] == 3


def test_the_year_compares_its_instansi_and_hides_small_splits(loaded):
    _, out, _ = loaded
    a, b = banding(out, 2025)
    # A: 1 Baik-or-better against 2 worse; both sides under 5 people: shares withheld.
    assert (a["instansi_id"], a["disembunyikan"], a["persen_baik_ke_atas"], a["peringkat_baik_ke_atas"]) == (
        A, True, None, None)
    # B: 8 of 15 Baik or better = 53.3 %, 7 of 15 worse = 46.7 %; SKP 2 of 3 approved = 66.7 %.
    assert (b["persen_baik_ke_atas"], b["persen_butuh_perbaikan_ke_bawah"], b["persen_skp_disetujui"]) == (
        53.3, 46.7, 66.7)
    assert (b["peringkat_baik_ke_atas"], b["jumlah_instansi"]) == (1, 2)
    [only] = banding(out, 2024)
    assert (only["instansi_id"], only["jumlah_instansi"]) == (A, 1)
    csv_text = (out / "warehouse.irisan" / "banding_instansi" / "tahun=2025" / "data.csv").read_text()
    assert csv_text.splitlines()[0].startswith("tahun,instansi_id,instansi_nama,")
    assert "Pemerintah Kabupaten Bantul" in csv_text


def test_the_same_bundle_again_gives_identical_outputs(loaded):
    _, _, (first, again) = loaded
    temuan, tables, files = first
    assert again[0] == temuan  # temuan.csv byte for byte
    assert again[1] == tables  # every warehouse table, row for row
    assert again[2] == files  # every partition file byte for byte (rewritten: same bytes)
    assert len(files) == 11 and len(tables) > 30  # marker, 3 slices × 2 models, 2 years × 2


def test_backfill_from_the_cli_over_several_instansi(loaded, tmp_path, capsys):
    _, published, _ = loaded
    out = tmp_path / "hasil"
    shutil.copytree(published, out, symlinks=True)
    before = {k: v[0] for k, v in store_files(out).items()}
    instance = DagsterInstance.get()
    runs_before = instance.get_runs_count(RunsFilter(tags={"kinerja/sumber": "kinerja backfill"}))
    assert main(["backfill", "--out", str(out), "--tahun", "2025"]) == 0
    assert "2 irisan dan 1 tahun dihitung ulang" in capsys.readouterr().out
    runs = instance.get_runs(RunsFilter(tags={"kinerja/sumber": "kinerja backfill"}))[: 3]
    assert instance.get_runs_count(RunsFilter(tags={"kinerja/sumber": "kinerja backfill"})) - runs_before == 3
    assert sorted((r.job_name, r.tags["dagster/partition"]) for r in runs) == [
        ("irisan_instansi", f"{A}|2025"), ("irisan_instansi", f"{B}|2025"), ("lintas_tahun", "2025"),
    ]
    assert {k: v[0] for k, v in store_files(out).items()} == before  # recomputed, identical
    assert main(["backfill", "--out", str(out), "--tahun", "2019"]) == 2


def test_the_multiprocess_executor_runs_several_partitions(loaded, tmp_path, monkeypatch):
    from dagster import execute_job, reconstructable

    _, published, _ = loaded
    out = tmp_path / "hasil"
    shutil.copytree(published, out, symlinks=True)
    (out / "warehouse.irisan" / "rekap").rename(tmp_path / "rekap-lama")
    monkeypatch.setenv("KINERJA_OUT", str(out))  # the definitions' default resources
    monkeypatch.delenv("KINERJA_GUDANG", raising=False)
    instance = DagsterInstance.get()
    for key in (f"{A}|2025", f"{B}|2025"):
        with execute_job(
            reconstructable(slice_job), instance=instance,
            tags={"dagster/partition": key}, raise_on_error=False,
        ) as result:
            assert result.success
            starts = [e for e in result.all_events if e.event_type == DagsterEventType.STEP_START]
            assert len(starts) == 2 and all(e.pid != os.getpid() for e in starts)
            assert "multiprocess" in " ".join(e.message or "" for e in result.all_events)
    for instansi in (A, B):
        assert rekap(out, 2025, instansi) == rekap(published, 2025, instansi)


def slice_job():
    """The slice job of the code location (reconstructable in each step's process)."""
    from pipelines.definitions import defs

    return defs.resolve_job_def("irisan_instansi")


def test_the_sensors_request_slices_then_years(loaded, tmp_path):
    from pipelines.assets.irisan.assets import slice_assets
    from pipelines.assets.irisan.sensors import irisan_dari_gudang, lintas_tahunan
    from pipelines.resources import build_resources

    bundles, published, _ = loaded
    instance = DagsterInstance.get()
    [run] = instance.get_runs(RunsFilter(job_name="kinerja_lengkap", tags={"kinerja/bundel": "bantul-2025"}), limit=1)
    success = next(
        e.dagster_event for e in instance.all_logs(run.run_id)
        if e.dagster_event and e.dagster_event.event_type == DagsterEventType.RUN_SUCCESS
    )

    def after(r):
        return irisan_dari_gudang(build_run_status_sensor_context(
            sensor_name="irisan_dari_gudang", dagster_instance=instance, dagster_run=r, dagster_event=success))

    assert "kinerja run" in after(run).skip_message  # the CLI materialised its own partitions
    [request] = after(run.with_tags({"kinerja/sumber": "kinerja ui"}))
    assert request.partition_key == MultiPartitionKey({"tahun": "2025", "instansi": B})
    assert request.run_key == f"{run.run_id}:{B}|2025"

    out = tmp_path / "hasil"
    shutil.copytree(published, out, symlinks=True)
    assert main(["backfill", "--out", str(out)]) == 0  # every slice and year of this instance current
    assert "mutakhir" in lintas_tahunan(build_sensor_context(instance=instance)).skip_message
    result = materialize(slice_assets, partition_key=f"{A}|2024", instance=instance,
                         resources=build_resources(bundles["sleman24"], out, out / "warehouse.duckdb"))
    assert result.success
    [year] = lintas_tahunan(build_sensor_context(instance=instance))
    assert year.partition_key == "2024" and year.run_key.startswith("2024:")


# --------------------------------------------------------------------------- killed runs


def _killed(argv: list[str], point: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [KINERJA, *argv], capture_output=True, text=True, timeout=300,
        env={**os.environ, output_folder.FAULT_ENV: point},
    )  # fmt: skip


def test_kill_inside_the_warehouse_transaction_then_the_corrected_reexport(loaded, tmp_path):
    """Killed with the merge written but not committed: warehouse, site, temuan.csv and slice
    files stay as they were. The next run of the corrected re-export then replaces only
    Bantul's partitions (and the year that compares it)."""
    bundles, published, _ = loaded
    out = tmp_path / "hasil"
    shutil.copytree(published, out, symlinks=True)
    tables, temuan = warehouse_rows(out), (out / "temuan.csv").read_bytes()
    site, files = (out / "site" / "index.html").read_bytes(), store_files(out)
    proc = _killed(["run", "--exports", str(bundles["bantul_koreksi"]), "--out", str(out)], "gudang_sebelum_commit")
    assert proc.returncode == -signal.SIGKILL
    assert warehouse_rows(out) == tables  # the uncommitted merge is gone; the file opens
    assert (out / "temuan.csv").read_bytes() == temuan and (out / "site" / "index.html").read_bytes() == site
    assert store_files(out) == files

    assert main(["run", "--exports", str(bundles["bantul_koreksi"]), "--out", str(out)]) == 0
    after = store_files(out)
    assert {k for k in after if after[k] != files.get(k)} == {
        f"rekap/tahun=2025/instansi_id={B}/data.parquet",
        f"temuan_aturan/tahun=2025/instansi_id={B}/data.parquet",
        "banding_instansi/tahun=2025/data.parquet",
        "banding_instansi/tahun=2025/data.csv",
    }  # Sleman's files were not even rewritten: same bytes, same modification time
    bantul = rekap(out, 2025, B)
    assert (bantul["baik"], bantul["butuh_perbaikan"]) == (8, 5)  # 9 of 15 Baik or better
    assert banding(out, 2025)[1]["persen_baik_ke_atas"] == 60.0
    con = duckdb.connect(str(out / "warehouse.duckdb"), read_only=True)
    try:
        per_slice = con.sql(
            "SELECT _instansi_id, _tahun, count(*) FROM stg.penilaian GROUP BY ALL ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()
    assert per_slice == [(A, 2024, 3), (A, 2025, 3), (B, 2025, 15)]  # the old Bantul rows are gone


def test_kill_while_replacing_a_partition_file_keeps_the_previous_file(loaded, tmp_path):
    _, published, _ = loaded
    out = tmp_path / "hasil"
    shutil.copytree(published, out, symlinks=True)
    files = store_files(out)
    proc = _killed(["backfill", "--out", str(out)], "irisan_sebelum_ganti")
    assert proc.returncode == -signal.SIGKILL
    # Every partition file is the previous complete one; the half-written one lies aside.
    now = store_files(out)
    assert {k: v for k, v in now.items() if not k.endswith(".sementara")} == files
    assert len([k for k in now if k.endswith(".sementara")]) == 1
    assert main(["backfill", "--out", str(out)]) == 0
    now = store_files(out)
    assert not [k for k in now if k.endswith(".sementara")]
    assert {k: v[0] for k, v in now.items()} == {k: v[0] for k, v in files.items()}
