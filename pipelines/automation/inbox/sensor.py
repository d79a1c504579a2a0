"""The inbox sensor: each complete, valid delivery starts the main job once.

Every tick (30 s apart at least):

1. A delivery (a sub-folder or a .zip of the inbox) is **complete** when its signature (every
   file's path, size and mtime) is the same as at the previous tick; until then it is only noted
   in the cursor. Names still being written (``*.part``, ``*.crdownload``, ``.*``, ``~*``) wait.
2. A complete delivery is checked cheaply (``transforms.ingest.precheck``). A broken one is moved
   to ``ditolak/<name>/`` beside an ALASAN.txt.
3. A valid one is hashed (its content, not its name). New content is moved to
   ``diproses/<hash>/<name>`` and a RunRequest for the main job is yielded, with run key = hash
   and the ``ekspor`` resource pointed at the staged bundle: the run reads it there, and
   ``archive.arsipkan_bundel`` moves it to ``arsip/`` once the run succeeded. Content already
   requested (cursor, or a run with that run key) is not run again: an identical copy goes to
   ``arsip/``, or, when that earlier run failed, to ``ditolak/`` saying how to re-execute it.
4. A staged bundle whose request is not in the cursor (a tick that died after moving it) is
   requested again; the same run key makes that safe.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from dagster import (
    DagsterInstance,
    DagsterRun,
    DagsterRunStatus,
    DefaultSensorStatus,
    RunRequest,
    RunsFilter,
    SensorEvaluationContext,
    SensorResult,
    sensor,
)
from dagster._core.storage.tags import ROOT_RUN_ID_TAG, RUN_KEY_TAG, SENSOR_NAME_TAG

from pipelines.automation.inbox.layout import REASON_FILE, Inbox, signature
from pipelines.automation.inbox.notes import reason_text
from pipelines.jobs import kinerja_lengkap
from pipelines.output_folder import WAREHOUSE
from pipelines.settings import exports_path, inbox_path, out_path, warehouse_path
from transforms.ingest.bundle import BundleError
from transforms.ingest.precheck import Delivery, check_delivery, content_hash

SENSOR_NAME = "kotak_masuk"
INTERVAL_SECONDS = 30
MAX_PER_TICK = 5  # bundles taken per tick (hashing reads every byte); the rest wait a tick
MAX_REMEMBERED = 1000
TAG_BUNDLE, TAG_HASH = "kinerja/bundel", "kinerja/sidik"
FAILED = (DagsterRunStatus.FAILURE, DagsterRunStatus.CANCELED)


@dataclass
class Cursor:
    """``tanda``: signature of each delivery at the previous tick; ``diminta``: hashes requested."""

    tanda: dict[str, str] = field(default_factory=dict)
    diminta: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, text: str | None) -> Cursor:
        data = json.loads(text) if text else {}
        return cls(dict(data.get("tanda", {})), list(data.get("diminta", [])))

    def dump(self) -> str:
        return json.dumps({"tanda": self.tanda, "diminta": self.diminta[-MAX_REMEMBERED:]}, sort_keys=True)

    def requested(self, sidik: str) -> None:
        if sidik not in self.diminta:
            self.diminta.append(sidik)


def run_request(bundle: Path, sidik: str, delivery: Delivery | None) -> RunRequest:
    """The main job on the staged bundle; run key = content hash."""
    tags = {TAG_BUNDLE: bundle.name, TAG_HASH: sidik}
    manifest = (delivery.manifest if delivery else None) or {}
    for key, tag in (("tahun", "kinerja/tahun"), ("instansi_id", "kinerja/instansi")):
        if str(manifest.get(key, "")).strip():
            tags[tag] = str(manifest[key]).strip()[:100]
    return RunRequest(
        run_key=sidik,
        run_config={"resources": {"ekspor": {"config": {"path": str(bundle)}}}},
        tags=tags,
    )


def earlier_run(instance: DagsterInstance, sidik: str) -> DagsterRun | None:
    """The newest run this sensor requested for ``sidik``; a failed one that was re-executed
    successfully counts as the successful re-execution."""
    runs = instance.get_runs(RunsFilter(tags={RUN_KEY_TAG: sidik, SENSOR_NAME_TAG: SENSOR_NAME}), limit=1)
    if not runs:
        return None
    run = runs[0]
    if run.status in FAILED:
        again = instance.get_runs(
            RunsFilter(tags={ROOT_RUN_ID_TAG: run.run_id}, statuses=[DagsterRunStatus.SUCCESS]), limit=1
        )
        return again[0] if again else run
    return run


def _outputs() -> tuple[Path, ...]:
    """Folders of the code location's own runs: never taken for a delivery."""
    out = out_path()
    return (out, warehouse_path() or out / WAREHOUSE, exports_path())


def _file_named(e: BundleError, entry: Path) -> str | None:
    if not e.berkas:
        return None
    path = Path(e.berkas)
    return path.relative_to(entry).as_posix() if path.is_relative_to(entry) and path != entry else path.name


def _take(context: SensorEvaluationContext, inbox: Inbox, entry: Path, state: Cursor) -> RunRequest | None:
    now = datetime.now().astimezone()
    try:
        delivery = check_delivery(entry)
    except BundleError as e:
        note = reason_text(entry.name, inbox.root, e.pesan, _file_named(e, entry), now)
        folder = inbox.reject(entry, note)
        context.log.warning("Bundel %s ditolak: %s Lihat %s", entry.name, e.pesan, folder / REASON_FILE)
        return None
    sidik = content_hash(entry)
    earlier = earlier_run(context.instance, sidik)
    if earlier is not None and earlier.status in FAILED:
        staged = Path(earlier.run_config.get("resources", {}).get("ekspor", {}).get("config", {}).get("path", ""))
        pesan = (
            f"Bundel ini identik dengan bundel yang sudah pernah dijalankan, tetapi run-nya gagal "
            f"(run {earlier.run_id}). Dagster tidak menjalankan isi yang sama dua kali dari kotak masuk."
        )
        saran = (
            f"Jalankan ulang run {earlier.run_id} dari Dagster UI (buka run-nya, pilih Re-execute); "
            f"run itu membaca bundel di {staged}"
            + ("." if staged.exists() else ", yang sudah tidak ada: pindahkan bundel ini ke sana dulu.")
        )
        folder = inbox.reject(entry, reason_text(entry.name, inbox.root, pesan, None, now, saran))
        context.log.warning("Bundel %s ditolak: %s Lihat %s", entry.name, pesan, folder / REASON_FILE)
        return None
    if earlier is not None or sidik in state.diminta or (inbox.staging / sidik).exists():
        dest = inbox.archive(entry, now.date())
        context.log.info(
            "Bundel %s identik dengan bundel yang sudah diproses (sidik %s%s): tidak ada run baru; "
            "diarsipkan ke %s.", entry.name, sidik, f", run {earlier.run_id}" if earlier else "", dest,
        )
        return None
    staged = inbox.stage(entry, sidik)
    state.requested(sidik)
    context.log.info(
        "Bundel %s diterima (%s, %d tabel, sidik %s): run %s diminta; bundel dibaca dari %s.",
        entry.name, delivery.bentuk, len(delivery.tabel), sidik, kinerja_lengkap.name, staged,
    )
    return run_request(staged, sidik, delivery)


@sensor(
    name=SENSOR_NAME,
    job=kinerja_lengkap,
    minimum_interval_seconds=INTERVAL_SECONDS,
    default_status=DefaultSensorStatus.RUNNING,
    description=(
        "Kotak masuk (KINERJA_KOTAK_MASUK, bawaan ~/.kinerja/kotak-masuk): setiap bundel baru yang "
        "sudah lengkap (tidak berubah sejak tick sebelumnya) diperiksa, lalu dijalankan sekali "
        "(run key = sidik isi). Bundel rusak dipindahkan ke ditolak/ dengan ALASAN.txt; bundel yang "
        "run-nya berhasil dipindahkan ke arsip/."
    ),
)
def kotak_masuk(context: SensorEvaluationContext) -> SensorResult:
    inbox = Inbox(inbox_path())
    inbox.prepare()
    state = Cursor.load(context.cursor)
    requests = []
    for sidik, bundle in inbox.staged().items():
        if sidik not in state.diminta:  # moved by a tick whose requests were never submitted
            requests.append(run_request(bundle, sidik, None))
            state.requested(sidik)
    seen: dict[str, str] = {}
    taken = 0
    for entry in inbox.deliveries(exclude=_outputs()):
        try:
            sig = signature(entry)
            if state.tanda.get(entry.name) != sig or taken >= MAX_PER_TICK:
                seen[entry.name] = sig  # new or still changing: looked at again next tick
                continue
            taken += 1
            request = _take(context, inbox, entry, state)
        except OSError as e:  # vanished, unreadable: tried again later
            context.log.warning("Bundel %s belum dapat dibaca (%s); dicoba lagi nanti.", entry.name, e)
            continue
        if request is not None:
            requests.append(request)
    state.tanda = seen
    skip = None if requests else f"Tidak ada bundel baru yang lengkap di {inbox.root}."
    return SensorResult(run_requests=requests, cursor=state.dump(), skip_reason=skip)
