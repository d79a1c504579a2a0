"""Shared fixtures: a small, realistic, internally consistent bundle written as CSV files."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from transforms.contract import TABLE_BY_NAME

KEPALA = "19750312 200003 1 004"  # grouped NIP (contract §3)
STAF_A = "198609262015052001"
STAF_B = "199102142019031007"
PPPK = "199405172023211003"  # PPPK: birth + appointment year + code 21 + gender + sequence


def base_rows() -> dict[str, list[dict[str, str]]]:
    """One instansi, two units, three employees, SKP with cascading, ratings per matrix."""
    inst = {"instansi_id": "A5EB03E2", "instansi_nama": "Pemerintah Kabupaten Sleman"}
    return {
        "unit_kerja": [
            {"unor_id": "U1", "unor_nama": "Badan Kepegawaian dan Pengembangan SDM", "unor_induk_id": "", "nip_kepala": KEPALA, **inst},
            {"unor_id": "U2", "unor_nama": "Bidang Mutasi dan Promosi", "unor_induk_id": "U1", "nip_kepala": "", **inst},
        ],
        "pegawai": [
            {"nip": KEPALA, "nama": "Drs. Bambang Sutrisno, M.Si.", "jenis_asn": "PNS", "golongan": "IV/c", "jenis_jabatan": "JPT Pratama", "jabatan": "Kepala Badan", "jenjang": "", "unor_id": "U1", "nip_atasan": ""},
            {"nip": STAF_A, "nama": "Siti Rahmawati, S.E.", "jenis_asn": "PNS", "golongan": "III/b", "jenis_jabatan": "Fungsional", "jabatan": "Analis SDM Aparatur Ahli Pertama", "jenjang": "Ahli Pertama", "unor_id": "U2", "nip_atasan": KEPALA},
            {"nip": STAF_B, "nama": "Rizky Pratama Nasution", "jenis_asn": "PNS", "golongan": "II/c", "jenis_jabatan": "Pelaksana", "jabatan": "Pengadministrasi Perkantoran", "jenjang": "", "unor_id": "U2", "nip_atasan": KEPALA},
            {"nip": PPPK, "nama": "Andi Nurul Fadhilah", "jenis_asn": "PPPK", "golongan": "IX", "jenis_jabatan": "Fungsional", "jabatan": "Pranata Komputer Ahli Pertama", "jenjang": "Ahli Pertama", "unor_id": "U2", "nip_atasan": KEPALA},
        ],
        "skp": [
            {"skp_id": "SKP-1", "nip": KEPALA, "tahun": "2025", "periode_mulai": "2025-01-01", "periode_selesai": "31 Desember 2025", "pendekatan": "Kuantitatif", "nip_penilai": "", "status": "Disetujui", "tanggal_persetujuan": "15/01/2025"},
            {"skp_id": "SKP-2", "nip": STAF_A, "tahun": "2025", "periode_mulai": "01-01-2025", "periode_selesai": "2025-12-31", "pendekatan": "Kuantitatif", "nip_penilai": KEPALA, "status": "disetujui", "tanggal_persetujuan": "2025-01-20"},
            {"skp_id": "SKP-3", "nip": STAF_B, "tahun": "2025", "periode_mulai": "2025-01-01", "periode_selesai": "2025-12-31", "pendekatan": "Kualitatif", "nip_penilai": KEPALA, "status": "Diajukan", "tanggal_persetujuan": ""},
        ],
        "rhk": [
            {"rhk_id": "R1", "skp_id": "SKP-1", "jenis": "Utama", "uraian": "Meningkatnya kualitas layanan kepegawaian", "rhk_atasan_id": "", "jenis_cascading": "", "perspektif": "Penerima Layanan"},
            {"rhk_id": "R2", "skp_id": "SKP-2", "jenis": "Utama", "uraian": "Tersusunnya dokumen analisis jabatan", "rhk_atasan_id": "R1", "jenis_cascading": "Direct Cascading", "perspektif": ""},
            {"rhk_id": "R3", "skp_id": "SKP-3", "jenis": "Utama", "uraian": "Terkelolanya arsip kepegawaian", "rhk_atasan_id": "R1", "jenis_cascading": "Non Direct Cascading", "perspektif": ""},
        ],
        "indikator": [
            {"indikator_id": "I1", "rhk_id": "R2", "aspek": "Kuantitas", "uraian": "Jumlah dokumen analisis jabatan yang disusun", "target_min": "2", "target_max": "", "satuan": "Dokumen", "target_teks": "2 Dokumen"},
            {"indikator_id": "I2", "rhk_id": "R2", "aspek": "Kualitas", "uraian": "Persentase dokumen sesuai standar", "target_min": "100 %", "target_max": "", "satuan": "%", "target_teks": "100 %"},
        ],
        "realisasi": [
            {"indikator_id": "I1", "periode": "2025-TW1", "realisasi": "2", "realisasi_teks": "2 Dokumen", "umpan_balik": "Baik, lanjutkan", "tanggal_input": "31 Maret 2025"},
            {"indikator_id": "I2", "periode": "2025-tw1", "realisasi": "87,5", "realisasi_teks": "87,5 %", "umpan_balik": "", "tanggal_input": "31/03/2025"},
        ],
        "penilaian": [
            {"nip": STAF_A, "tahun": "2025", "periode": "2025", "nip_penilai": KEPALA, "rating_hasil_kerja": "Diatas Ekspektasi", "rating_perilaku_kerja": "Di Atas Ekspektasi", "predikat": "Sangat  baik", "tanggal_penilaian": "2026-01-10"},
            {"nip": STAF_B, "tahun": "2025", "periode": "2025", "nip_penilai": KEPALA, "rating_hasil_kerja": "Dibawah Ekspektasi", "rating_perilaku_kerja": "Sesuai Ekspektasi", "predikat": "Cukup", "tanggal_penilaian": "2026-01-10"},
            {"nip": PPPK, "tahun": "2025", "periode": "2025", "nip_penilai": KEPALA, "rating_hasil_kerja": "Sesuai Ekspektasi", "rating_perilaku_kerja": "Di Bawah Ekspektasi", "predikat": "Misconduct", "tanggal_penilaian": "2026-01-10"},
        ],
        "kinerja_organisasi": [
            {"unor_id": "U1", "tahun": "2025", "periode": "2025", "predikat_organisasi": "Baik", "capaian_persen": "1.234,5"},
        ],
    }


def write_bundle(folder: Path, rows: dict[str, list[dict[str, str]]]) -> Path:
    """Write each table as a UTF-8 CSV with the contract's columns."""
    folder.mkdir(parents=True, exist_ok=True)
    for table, records in rows.items():
        columns = list(TABLE_BY_NAME[table].column_names)
        with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=columns)
            writer.writeheader()
            for record in records:
                writer.writerow({c: record.get(c, "") for c in columns})
    return folder



def pytest_collection_modifyitems(config, items) -> None:
    """Groups for pytest-xdist (``make test``: ``-n 2 --dist loadgroup``): a test file's tests
    run in one process, so its module fixtures run once; every browser test runs in the same
    process, so the browser site (two pipeline runs, a session fixture) is built once."""
    for item in items:
        file = item.nodeid.split("::", 1)[0]
        group = "browser" if file.startswith("tests/browser/") else file
        item.add_marker(pytest.mark.xdist_group(group))

@pytest.fixture(autouse=True, scope="session")
def _own_kinerja_home(tmp_path_factory):
    """Never the real ~/.kinerja: `kinerja run` records its runs in DAGSTER_HOME (and the inbox
    defaults to KINERJA_HOME/kotak-masuk), so the whole session gets temporary ones; a test
    needing its own sets them again with monkeypatch."""
    home = tmp_path_factory.mktemp("kinerja_home")
    (home / "dagster").mkdir()  # Dagster's own CLI requires an existing DAGSTER_HOME
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KINERJA_HOME", str(home))
        mp.setenv("DAGSTER_HOME", str(home / "dagster"))
        mp.delenv("KINERJA_KOTAK_MASUK", raising=False)
        yield home


@pytest.fixture
def bundle_rows() -> dict[str, list[dict[str, str]]]:
    return base_rows()


def stage_bundle(folder: Path, work: Path, database: str = ":memory:"):
    """A DuckDB connection holding the staged tables of a bundle folder (the assets' loading
    path, without Dagster), in memory or in the file ``database``."""
    import duckdb

    from transforms.contract import TABLES
    from transforms.ingest.bundle import open_bundle
    from transforms.load import load_table

    con = duckdb.connect(database)
    bundle = open_bundle(folder, work)
    for table in TABLES:
        load_table(con, table.name, bundle.sources.get(table.name, []), work)
    return con


def stage_sample(root: Path, employees: int, seed: int):
    """A sample bundle (``kinerja sample``) written to ``root/ekspor`` and staged in memory:
    (connection, bundle folder, work folder)."""
    from transforms.sample import write_sample_bundle

    bundle, work = root / "ekspor", root / "kerja"
    write_sample_bundle(bundle, employees=employees, seed=seed)
    return stage_bundle(bundle, work), bundle, work


def warehouse_from_bundle(folder: Path, root: Path, bundle_id: str, findings):
    """The warehouse after one bundle, as a run builds it without Dagster: staged in a scratch
    file under ``root``, marts built, findings written by ``findings(con)``, merged into
    ``root/warehouse.duckdb`` (returned open)."""
    import duckdb

    from transforms.marts import build_marts
    from transforms.warehouse import merge_bundle

    scratch = root / "kerja.duckdb"
    con = stage_bundle(folder, root / "work", str(scratch))
    build_marts(con)
    findings(con)
    con.close()
    wh = duckdb.connect(str(root / "warehouse.duckdb"))
    merge_bundle(wh, scratch, bundle_id, str(folder), {"tahun": 2025}, [])
    return wh


# --- shared expensive set-ups ---------------------------------------------------------------
# A `kinerja run`, a warehouse or a site build costs seconds each on two cores; what several
# modules only read is built once per session here. A test that changes an output works on a
# copy (``copy_published``), never on the shared folder.

DIBUAT_PADA = "2026-02-02T08:15:00"  # the run time every hand-built site below shows


@dataclass(frozen=True)
class PublishedRun:
    out: Path  # OUT after the run
    dagster_home: Path  # a DAGSTER_HOME of its own, holding this run only
    stderr: str  # what the command wrote to stderr (its log)


@pytest.fixture(scope="session")
def published_base_run(tmp_path_factory) -> PublishedRun:
    """One `kinerja run` of ``base_rows()`` (bundle folder ``ekspor``) with a DAGSTER_HOME of its
    own (so it is the only run recorded there) and its stderr kept."""
    import contextlib
    import io

    from pipelines.cli import main
    from pipelines.progress import log

    root = tmp_path_factory.mktemp("terbit")
    bundle = write_bundle(root / "ekspor", base_rows())
    err = io.StringIO()
    handlers = log.handlers[:]
    try:
        with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stderr(err):
            mp.setenv("DAGSTER_HOME", str(root / "dagster"))
            code = main(["run", "--exports", str(bundle), "--out", str(root / "hasil")])
    finally:
        log.handlers[:] = handlers  # main logs to the stderr it found: not to ``err`` later
    assert code == 0, err.getvalue()
    return PublishedRun(root / "hasil", root / "dagster", err.getvalue())


@pytest.fixture(scope="session")
def published_base(published_base_run) -> Path:
    """OUT after one `kinerja run` of ``base_rows()``: a complete earlier result. Shared by
    every module that reads it or copies it (``copy_published``); never write into it."""
    return published_base_run.out


def copy_published(published: Path, dest: Path) -> Path:
    """A private copy of a published OUT at ``dest`` (the release links kept as links)."""
    import shutil

    shutil.copytree(published, dest, symlinks=True)
    return dest


def site_from_bundle(root: Path, rows: dict[str, list[dict[str, str]]], bundle_id: str, findings,
                     *, pages=None, checked: tuple[str, ...] = (), folder: str = "ekspor-uji"):
    """A hand-built bundle through the real staging, marts, findings and merge
    (``warehouse_from_bundle``), its dashboard frames for ``pages`` (every registered page when
    None) and the site built from them in ``root/site``. Returns (warehouse, data, site)."""
    from reports.registry import discover, frames_needed
    from reports.site import build_site
    from reports.types import DashboardData
    from transforms.marts import read_dashboard_frames

    wh = warehouse_from_bundle(write_bundle(root / folder, rows), root, bundle_id, findings)
    frames = read_dashboard_frames(wh, frames_needed(discover() if pages is None else pages))
    data = DashboardData(frames, DIBUAT_PADA, checked)
    site = root / "site"
    build_site(site, data, pages)
    return wh, data, site


@pytest.fixture
def con():
    """A fresh in-memory DuckDB connection (files that need macros override it)."""
    c = duckdb.connect()
    yield c
    c.close()
