"""The inbox sensor on a real folder: new, incomplete, duplicate and broken bundles, and the
run-status sensors that archive a bundle after its run (Dagster University style:
build_sensor_context on an ephemeral instance)."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from dagster import (
    DagsterEventType,
    DagsterInstance,
    Failure,
    RunRequest,
    SensorResult,
    build_run_status_sensor_context,
    build_sensor_context,
    job,
    op,
)
from dagster._core.storage.tags import RUN_KEY_TAG, SENSOR_NAME_TAG

from pipelines.automation.inbox.archive import arsipkan_bundel, catat_run_gagal
from pipelines.automation.inbox.sensor import SENSOR_NAME, kotak_masuk
from pipelines.resources import ExportBundle
from tests.conftest import base_rows, write_bundle
from transforms.ingest.precheck import content_hash


@pytest.fixture
def inbox(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "kotak-masuk"
    monkeypatch.setenv("KINERJA_KOTAK_MASUK", str(root))
    monkeypatch.setenv("KINERJA_OUT", str(tmp_path / "hasil"))
    monkeypatch.setenv("KINERJA_EKSPOR", str(tmp_path / "ekspor-ui"))
    monkeypatch.delenv("KINERJA_GUDANG", raising=False)
    root.mkdir()
    return root


@pytest.fixture
def instance():
    with DagsterInstance.ephemeral() as inst:
        yield inst


class Ticks:
    """Successive evaluations of the sensor, carrying its cursor as the daemon does."""

    def __init__(self, instance: DagsterInstance) -> None:
        self.instance, self.cursor = instance, None

    def __call__(self) -> list[RunRequest]:
        result = kotak_masuk(build_sensor_context(instance=self.instance, cursor=self.cursor))
        assert isinstance(result, SensorResult)
        self.cursor = result.cursor
        return list(result.run_requests or [])


@pytest.fixture
def tick(instance) -> Ticks:
    return Ticks(instance)


def staged_path(request: RunRequest) -> Path:
    return Path(request.run_config["resources"]["ekspor"]["config"]["path"])


def zip_folder(folder: Path, archive: Path, top: str | None = "bundel") -> Path:
    with zipfile.ZipFile(archive, "w") as zf:
        for f in sorted(folder.iterdir()):
            zf.write(f, f"{top}/{f.name}" if top else f.name)
    return archive


def test_new_bundle_is_requested_once_it_is_complete(inbox, tmp_path, tick):
    bundle = write_bundle(inbox / "sleman-2025", base_rows())
    sidik = content_hash(bundle)
    assert tick() == []  # first seen: complete only when unchanged at the next tick
    assert bundle.is_dir()
    [request] = tick()
    assert request.run_key == sidik
    assert request.job_name in (None, "kinerja_lengkap")
    staged = staged_path(request)
    assert staged == inbox / "diproses" / sidik / "sleman-2025"
    assert (staged / "pegawai.csv").is_file() and not bundle.exists()
    assert request.tags["kinerja/bundel"] == "sleman-2025" and request.tags["kinerja/sidik"] == sidik
    assert tick() == []  # considered once


def test_growing_bundle_is_not_picked_yet(inbox, tick):
    bundle = write_bundle(inbox / "masih-disalin", base_rows())
    assert tick() == []
    with (bundle / "pegawai.csv").open("a", encoding="utf-8") as f:
        f.write(f"199001012015031001,Pegawai Baru,PNS,III/a,Pelaksana,Staf,,U2,{'1' * 18}\n")
    assert tick() == []  # changed since the previous tick: still being written
    assert bundle.is_dir()
    [request] = tick()  # unchanged since the previous tick: complete
    assert staged_path(request).name == "masih-disalin"
    assert request.run_key == content_hash(staged_path(request))
    assert "Pegawai Baru" in (staged_path(request) / "pegawai.csv").read_text(encoding="utf-8")


def test_names_still_being_written_wait(inbox, tick):
    (inbox / "ekspor.zip.part").write_bytes(b"PK\x03\x04 setengah")
    (inbox / ".sinkron").mkdir()
    assert tick() == [] and tick() == []
    assert sorted(p.name for p in inbox.iterdir()) == [".sinkron", "arsip", "diproses", "ditolak", "ekspor.zip.part"]


def test_identical_redelivery_is_a_no_op(inbox, tick, instance):
    first = write_bundle(inbox / "sleman-2025", base_rows())
    sidik = content_hash(first)
    tick()
    [request] = tick()
    again = write_bundle(inbox / "sleman-2025-kirim-ulang", base_rows())
    assert content_hash(again) == request.run_key  # same content, other name: same run key
    assert tick() == [] and tick() == []  # known from the cursor: no new request
    archived = inbox / "arsip" / f"{date.today().isoformat()}_sleman-2025-kirim-ulang"
    assert (archived / "pegawai.csv").is_file() and not again.exists()
    # Cursor lost: the bundle still waiting in diproses/ is requested again under the SAME run
    # key, which Dagster's daemon skips as a duplicate.
    fresh = Ticks(instance)
    assert [r.run_key for r in fresh()] == [sidik]


def test_redelivery_after_a_successful_run_is_archived(inbox, tick, instance):
    bundle = write_bundle(inbox / "sleman", base_rows())
    sidik = content_hash(bundle)
    _run(instance, {RUN_KEY_TAG: sidik, SENSOR_NAME_TAG: SENSOR_NAME}, fail=False)
    assert tick() == [] and tick() == []
    assert (inbox / "arsip" / f"{date.today().isoformat()}_sleman").is_dir()


def test_redelivery_after_a_failed_run_says_how_to_reexecute(inbox, tick, instance):
    bundle = write_bundle(inbox / "sleman", base_rows())
    sidik = content_hash(bundle)
    run_id = _run(instance, {RUN_KEY_TAG: sidik, SENSOR_NAME_TAG: SENSOR_NAME}, fail=True)
    assert tick() == [] and tick() == []
    reason = (inbox / "ditolak" / "sleman" / "ALASAN.txt").read_text(encoding="utf-8")
    assert f"run-nya gagal (run {run_id})" in reason
    assert "Re-execute" in reason
    assert (inbox / "ditolak" / "sleman" / "sleman" / "pegawai.csv").is_file()


def test_a_zip_that_is_not_a_zip_is_moved_aside_with_its_reason(inbox, tick):
    (inbox / "ekspor-sleman.zip").write_bytes(b"ini bukan arsip zip")
    assert tick() == [] and tick() == []
    folder = inbox / "ditolak" / "ekspor-sleman"
    assert (folder / "ekspor-sleman.zip").read_bytes() == b"ini bukan arsip zip"  # moved, untouched
    reason = (folder / "ALASAN.txt").read_text(encoding="utf-8")
    assert reason.startswith("BUNDEL DITOLAK: kinerja tidak memprosesnya")
    assert "Bundel       : ekspor-sleman.zip" in reason
    assert "Masalah      : Berkas 'ekspor-sleman.zip' bukan arsip .zip yang valid" in reason
    assert "Yang perlu dilakukan:" in reason and str(inbox) in reason
    assert not (inbox / "ekspor-sleman.zip").exists()


def test_a_folder_without_a_known_table_is_rejected(inbox, tick):
    (inbox / "foto-kegiatan").mkdir()
    (inbox / "foto-kegiatan" / "catatan.txt").write_text("bukan tabel", encoding="utf-8")
    assert tick() == [] and tick() == []
    reason = (inbox / "ditolak" / "foto-kegiatan" / "ALASAN.txt").read_text(encoding="utf-8")
    assert "Tabel wajib tidak ditemukan: unit_kerja, pegawai" in reason
    assert "catatan.txt" in reason


def test_a_manifest_whose_hash_does_not_match_is_rejected(inbox, tick):
    bundle = write_bundle(inbox / "sleman", base_rows())
    manifest = {"tahun": 2025, "berkas": {"pegawai.csv": {"sha256": "0" * 64}}}
    (bundle / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert tick() == [] and tick() == []
    reason = (inbox / "ditolak" / "sleman" / "ALASAN.txt").read_text(encoding="utf-8")
    assert "Berkas       : pegawai.csv" in reason
    assert "sidik SHA-256 tidak cocok dengan manifest.json" in reason


def test_a_zip_whose_manifest_names_a_missing_size_is_rejected(inbox, tmp_path, tick):
    folder = write_bundle(tmp_path / "src", base_rows())
    size = (folder / "skp.csv").stat().st_size
    manifest = {"tahun": 2025, "berkas": {"skp.csv": {"ukuran": size + 10}, "perilaku.csv": {}}}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    zip_folder(folder, inbox / "ekspor.zip")
    assert tick() == [] and tick() == []
    reason = (inbox / "ditolak" / "ekspor" / "ALASAN.txt").read_text(encoding="utf-8")
    assert f"Berkas 'skp.csv' berukuran {size} byte, tetapi manifest.json menyebut {size + 10} byte" in reason


def test_a_valid_zip_is_requested_with_its_manifest_tags(inbox, tmp_path, tick):
    folder = write_bundle(tmp_path / "src", base_rows())
    digest = hashlib.sha256((folder / "pegawai.csv").read_bytes()).hexdigest()
    manifest = {"tahun": 2025, "instansi_id": "A5EB03E2", "berkas": {"pegawai.csv": {"sha256": digest}}}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    archive = zip_folder(folder, inbox / "sleman.zip")
    sidik = content_hash(archive)
    tick()
    [request] = tick()
    assert request.run_key == sidik
    assert staged_path(request) == inbox / "diproses" / sidik / "sleman.zip"
    assert (request.tags["kinerja/tahun"], request.tags["kinerja/instansi"]) == ("2025", "A5EB03E2")


def test_a_loose_file_is_not_a_bundle(inbox, tick):
    (inbox / "pegawai.csv").write_text("nip\n", encoding="utf-8")
    assert tick() == [] and tick() == []
    reason = (inbox / "ditolak" / "pegawai.csv" / "ALASAN.txt").read_text(encoding="utf-8")
    assert "bukan bundel: letakkan berkas satu ekspor dalam satu sub-folder" in reason


def test_output_folders_inside_the_inbox_are_never_taken(inbox, tick, monkeypatch):
    monkeypatch.setenv("KINERJA_OUT", str(inbox / "hasil"))
    (inbox / "hasil").mkdir()
    (inbox / "hasil" / ".kinerja").write_text("{}", encoding="utf-8")
    assert tick() == [] and tick() == []
    assert (inbox / "hasil" / ".kinerja").is_file()


def _run(instance: DagsterInstance, tags: dict[str, str], fail: bool, path: str = "x") -> str:
    """A real run in ``instance`` with the given tags and ekspor path, succeeding or failing."""

    @op(required_resource_keys={"ekspor"})
    def langkah() -> None:
        if fail:
            raise Failure(description="Kolom wajib 'nip' tidak ada di baris judul pegawai.csv.")

    @job(resource_defs={"ekspor": ExportBundle(path="bawaan")})
    def kecil() -> None:
        langkah()

    result = kecil.execute_in_process(
        instance=instance, tags=tags, raise_on_error=False,
        run_config={"resources": {"ekspor": {"config": {"path": path}}}},
    )
    assert result.success is not fail
    return result.run_id


def test_the_main_job_reads_the_staged_bundle_and_success_archives_it(inbox, tmp_path, tick, instance):
    import csv

    from pipelines.definitions import build_definitions
    from pipelines.resources import build_resources

    write_bundle(inbox / "sleman-2025", base_rows())
    tick()
    [request] = tick()
    out = tmp_path / "hasil"
    job_def = build_definitions(build_resources(tmp_path / "ekspor-ui", out)).resolve_job_def("kinerja_lengkap")
    result = job_def.execute_in_process(
        instance=instance, run_config=request.run_config, tags=request.tags, raise_on_error=False
    )
    assert result.success
    with (out / "rekonsiliasi.csv").open(encoding="utf-8") as f:
        pegawai = next(r for r in csv.DictReader(f) if r["tabel"] == "pegawai")
    assert pegawai["diterima"] == "4"
    context = build_run_status_sensor_context(
        sensor_name="arsipkan_bundel", dagster_instance=instance,
        dagster_run=result.dagster_run, dagster_event=result.get_run_success_event(),
    )
    arsipkan_bundel(context)
    archived = inbox / "arsip" / f"{date.today().isoformat()}_sleman-2025"
    assert (archived / "pegawai.csv").is_file()
    assert list((inbox / "diproses").iterdir()) == []  # the staging folder is gone
    assert tick() == []


def test_archive_never_overwrites_an_existing_entry(inbox, instance):
    from pipelines.automation.inbox.layout import Inbox

    box = Inbox(inbox)
    box.prepare()
    taken = box.archive_dir / f"{date.today().isoformat()}_sleman"
    taken.mkdir()
    (taken / "milik-pengguna.txt").write_text("jangan ditimpa", encoding="utf-8")
    staged = write_bundle(box.staging / "abc" / "sleman", base_rows())
    dest = box.archive(staged, date.today())
    assert dest.name == f"{date.today().isoformat()}_sleman-2"
    assert (taken / "milik-pengguna.txt").read_text(encoding="utf-8") == "jangan ditimpa"


def test_a_failed_run_leaves_its_bundle_staged_with_the_reason(inbox, instance):
    staged = write_bundle(inbox / "diproses" / "abc123" / "sleman", base_rows())
    run_id = _run(instance, {}, fail=True, path=str(staged))
    run = instance.get_run_by_id(run_id)
    failure = next(
        e.dagster_event for e in instance.all_logs(run_id)
        if e.dagster_event and e.dagster_event.event_type == DagsterEventType.RUN_FAILURE
    )
    context = build_run_status_sensor_context(
        sensor_name="catat_run_gagal", dagster_instance=instance, dagster_run=run, dagster_event=failure,
    ).for_run_failure()
    catat_run_gagal(context)
    note = (staged.parent / "GAGAL.txt").read_text(encoding="utf-8")
    assert note.startswith("RUN GAGAL: bundel ini belum masuk gudang data")
    assert f"Run    : {run_id}" in note
    assert "Kolom wajib 'nip' tidak ada di baris judul pegawai.csv." in note
    assert "Re-execute" in note
    assert (staged / "pegawai.csv").is_file()  # still there for a re-execution
