"""The output folder (OUT) of `kinerja run`: ours or refused, one run at a time, atomic publish.

Layout of an OUT that kinerja owns::

    OUT/.kinerja                  marker: this folder is written by kinerja (JSON)
    OUT/.kinerja.kunci            lock file (flock) with the holder's pid, host and start time
    OUT/.rilis/<id>/              one complete result per run (warehouse, CSVs, site, ...)
    OUT/.rilis/aktif -> <id>      the published result: replaced by one atomic rename
    OUT/site -> .rilis/aktif/site, OUT/temuan.csv -> .rilis/aktif/temuan.csv, ...

A run writes a new ``.rilis/<id>`` and publishes it by swapping the ``aktif`` link, so readers
see the previous complete result or the new complete one, never a mix; a run killed at any
moment leaves the previous result published and its own half-written release, which the next
run removes (it is ours: inside a marked OUT, under ``.rilis``). Nothing outside OUT is written,
and no file in OUT is touched unless OUT carries the marker (or is empty, or new).
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
import shutil
import signal
import socket
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pipelines.progress import log
from transforms.atomic import fsync_dir

MARKER = ".kinerja"
LOCK = ".kinerja.kunci"
RELEASES = ".rilis"
ACTIVE = "aktif"
LEGACY = "lama"
WORKDIR = ".kerja"  # a run's scratch space inside its release; removed before publishing
WAREHOUSE = "warehouse.duckdb"  # persistent, at OUT's top level: never part of a release
PERSISTENT = frozenset({WAREHOUSE, f"{WAREHOUSE}.wal"})
# What an OUT written by kinerja before the marker existed holds at its top level.
LEGACY_NAMES = frozenset(
    {"warehouse.duckdb", "warehouse.duckdb.wal", "rekonsiliasi.csv", "temuan.csv", "karantina",
     "site", "terbatas"}
)
README_NAME = "BACA_DULU.txt"
README = """HASIL KINERJA RUN - BACA DULU SEBELUM MEMBAGIKAN FOLDER INI

Bagian yang MEMUAT DATA PRIBADI (UU No. 27 Tahun 2022; NIP, nama, isi baris ekspor):
  warehouse.duckdb   gudang data: seluruh isi bundel ekspor, semua tahun dan instansi
  temuan.csv         temuan per baris/pegawai: NIP dan rincian data yang dirujuk
  karantina/         baris ekspor yang dikarantina beserta nilai aslinya (nama, NIP, ...)
  terbatas/          daftar bernama untuk tindak lanjut (lihat terbatas/BACA_DULU.txt)

Bagian TANPA data pribadi (boleh dibagikan):
  site/              dasbor agregat; sel kurang dari 5 orang disembunyikan
  rekonsiliasi.csv   jumlah baris per bundel dan tabel
  warehouse.irisan/  agregat per tahun dan instansi (Parquet) dan perbandingan antar-instansi
                     per tahun (banding_instansi/tahun=T/data.csv); lihat docs/operasi.md

Jangan menghapus atau mengubah .kinerja, .kinerja.kunci, dan .rilis/: kinerja memakainya untuk
menerbitkan hasil secara utuh (docs/keluaran.md).
"""
FAULT_ENV = "KINERJA_FAULT_AT"  # test hook: SIGKILL this process at a named point


class OutputRefused(Exception):
    """OUT cannot be used; the message (Indonesian) says why. Nothing was touched."""


class OutputBusy(Exception):
    """Another run holds the lock of this OUT; the message (Indonesian) names it."""


def fault_point(name: str) -> None:
    """Kill this process at ``name`` when KINERJA_FAULT_AT says so (fault-injection tests)."""
    if os.environ.get(FAULT_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def check_paths(exports: Path, out: Path) -> None:
    """Refuse an OUT that is, contains, or lies inside the input bundle."""
    exports, out = exports.resolve(), out.resolve()
    if out == exports or exports.is_relative_to(out):
        raise OutputRefused(
            f"Folder keluaran '{out}' berisi bundel ekspor '{exports}'. Pilih folder keluaran lain "
            "di luar bundel; tidak ada yang diubah."
        )
    if out.is_relative_to(exports):
        raise OutputRefused(
            f"Folder keluaran '{out}' berada di dalam bundel ekspor '{exports}'. Pilih folder di "
            "luar bundel; tidak ada yang diubah."
        )


def is_owned(out: Path) -> bool:
    return (out / MARKER).is_file()


def _legacy(entries: list[str]) -> bool:
    """An OUT written by an earlier kinerja (before the marker): only names kinerja writes."""
    return bool(entries) and set(entries) <= LEGACY_NAMES and {"rekonsiliasi.csv", "site"} <= set(entries)


def claim(out: Path) -> None:
    """Make sure OUT is ours: create it (with the marker) or accept it; else OutputRefused."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise OutputRefused(
            f"'{out}' adalah berkas, bukan folder. Pilih folder keluaran lain; berkas itu tidak diubah."
        )
    if out.is_dir() and not is_owned(out):
        entries = sorted(p.name for p in out.iterdir())
        if entries and not _legacy(entries):
            shown = ", ".join(entries[:5]) + (", …" if len(entries) > 5 else "")
            raise OutputRefused(
                f"Folder keluaran '{out}' sudah berisi berkas yang bukan hasil kinerja ({shown}). "
                "Pilih folder kosong, folder baru, atau folder hasil kinerja run sebelumnya; "
                "tidak ada yang diubah."
            )
    out.mkdir(parents=True, exist_ok=True)
    if not is_owned(out):
        _write_json(out / MARKER, {"dibuat_oleh": "kinerja", "versi": 1, "dibuat_pada": _now()})


def check_warehouse(path: Path, exports: Path) -> None:
    """Refuse a warehouse path that is a folder, lies in the bundle, or is a file kinerja did not
    write (a DuckDB file without ``audit.bundel_dimuat``, or any other file)."""
    path, exports = path.resolve(), exports.resolve()
    if path.is_relative_to(exports):
        raise OutputRefused(f"Gudang data '{path}' tidak boleh berada di dalam bundel ekspor.")
    if path.is_dir():
        raise OutputRefused(f"Gudang data '{path}' adalah folder; sebutkan nama berkas, mis. gudang.duckdb.")
    lock = warehouse_lock(path)
    if lock.exists() and not _our_lock_file(lock):
        raise OutputRefused(
            f"'{lock}' sudah ada dan bukan berkas kunci kinerja; berkas itu tidak diubah. Pilih nama "
            "berkas lain untuk --gudang."
        )
    if not path.exists():
        return
    import duckdb

    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        ours = False
    else:
        try:
            ours = bool(con.execute(
                "SELECT 1 FROM duckdb_tables() WHERE schema_name = 'audit' AND table_name = 'bundel_dimuat'"
            ).fetchall())
        finally:
            con.close()
    if not ours:
        raise OutputRefused(
            f"'{path}' sudah ada dan bukan gudang data kinerja; berkas itu tidak diubah. Pilih nama "
            "berkas lain untuk --gudang."
        )


def _our_lock_file(path: Path) -> bool:
    """Empty (released) or holding the JSON a RunLock writes: pid, host, mulai."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if not text.strip():
        return True
    try:
        data = json.loads(text)
    except ValueError:
        return False
    return isinstance(data, dict) and set(data) == {"pid", "host", "mulai"}


def warehouse_lock(path: Path) -> Path:
    """The lock file of a warehouse kept outside OUT (one run at a time per warehouse)."""
    return path.with_name(f"{path.name}.kunci")


@dataclass
class RunLock:
    """An exclusive flock on ``path`` (released by the kernel when the holder dies)."""

    path: Path
    wait: bool = False
    _fd: int | None = None
    stale: dict | None = None  # holder info left by a run that died without unlocking

    def __enter__(self) -> RunLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = describe_holder(_wait_for_holder(fd))
            if not self.wait:
                os.close(fd)
                raise OutputBusy(
                    f"Run lain sedang memakai folder ini ({holder}). Tunggu sampai selesai, "
                    "atau jalankan ulang dengan --tunggu untuk menunggu giliran."
                ) from None
            log.info("Menunggu run lain selesai (%s) ...", holder)
            fcntl.flock(fd, fcntl.LOCK_EX)
        self.stale = _read_holder(fd) or None
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(_holder()).encode(), 0)
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)  # an empty lock file = released cleanly
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def _holder() -> dict:
    return {"pid": os.getpid(), "host": socket.gethostname(), "mulai": _now()}


def _wait_for_holder(fd: int, seconds: float = 1.0) -> dict:
    """The holder's info; a holder that has just locked may not have written it yet."""
    deadline = time.monotonic() + seconds
    while not (info := _read_holder(fd)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return info


def _read_holder(fd: int) -> dict:
    try:
        data = os.pread(fd, 4096, 0)
        return json.loads(data) if data.strip() else {}
    except (OSError, ValueError):
        return {}


def describe_holder(holder: dict) -> str:
    if not holder:
        return "pemegang tidak diketahui"
    return f"pid {holder.get('pid')} di {holder.get('host')}, mulai {holder.get('mulai')}"


class Release:
    """One run's result folder, held under OUT's lock from ``open`` to ``close``.

    ``open`` claims OUT, takes its lock, removes what killed runs left and makes a fresh
    release; ``publish`` makes it the published result in one atomic step; ``close`` discards
    it when it was not published and releases the lock. `kinerja run` and runs launched from
    the Dagster UI both go through it.
    """

    def __init__(self, out: Path, wait: bool = False) -> None:
        self.out, self.wait = out, wait
        self.path: Path | None = None
        self._lock: RunLock | None = None
        self._published = False

    def open(self) -> Path:
        """Claim, lock, recover, make the release (OutputRefused / OutputBusy: nothing held)."""
        claim(self.out)
        self._lock = RunLock(self.out / LOCK, wait=self.wait).__enter__()
        try:
            if self._lock.stale:
                log.info("Run sebelumnya (%s) terhenti tanpa selesai.", describe_holder(self._lock.stale))
            for note in recover(self.out):
                log.info("Pemulihan: %s", note)
            self.path = new_release(self.out)
        except BaseException:
            self.close()
            raise
        return self.path

    def publish(self) -> None:
        assert self.path is not None
        shutil.rmtree(self.path / WORKDIR, ignore_errors=True)
        fault_point("sebelum_terbit")
        publish(self.out, self.path)
        self._published = True

    def close(self) -> None:
        try:
            if self.path is not None and not self._published:
                discard(self.path)
        finally:
            self.path = None
            if self._lock is not None:
                self._lock.__exit__(None, None, None)
                self._lock = None

    def __enter__(self) -> Release:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def recover(out: Path) -> list[str]:
    """Under the lock: remove what killed runs left, adopt a legacy layout; returns notes."""
    notes: list[str] = []
    releases = out / RELEASES
    releases.mkdir(exist_ok=True)
    _adopt_legacy(out, notes)
    active = active_release(out)
    for entry in sorted(releases.iterdir()):
        if entry.name == ACTIVE or (active is not None and entry.name == active.name):
            continue
        if entry.is_symlink():  # a half-made "aktif.<tmp>" link
            entry.unlink()
            continue
        shutil.rmtree(entry, ignore_errors=True)
        notes.append(f"sisa run yang terhenti dihapus: {RELEASES}/{entry.name}")
    for name in PERSISTENT:  # a link from before the warehouse was persistent
        if (out / name).is_symlink():
            (out / name).unlink()
    _drop_dangling_links(out)
    return notes


def _adopt_legacy(out: Path, notes: list[str]) -> None:
    """Move top-level outputs of an earlier kinerja into a release and publish it."""
    found = [p for p in out.iterdir() if p.name in LEGACY_NAMES and not p.is_symlink()]
    if not [p for p in found if p.name not in PERSISTENT]:
        return  # the persistent warehouse alone is today's layout, not a legacy one
    target = out / RELEASES / LEGACY
    target.mkdir(exist_ok=True)
    for p in found:
        p.rename(target / p.name)
    publish(out, target)
    notes.append(f"hasil versi sebelumnya dipindahkan ke {RELEASES}/{LEGACY} tanpa diubah")


def active_release(out: Path) -> Path | None:
    link = out / RELEASES / ACTIVE
    if not link.is_symlink():
        return None
    target = out / RELEASES / os.readlink(link)
    return target if target.is_dir() else None


def new_release(out: Path) -> Path:
    """A fresh, uniquely named release folder for this run (never shared between runs)."""
    name = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{secrets.token_hex(3)}"
    path = out / RELEASES / name
    path.mkdir(parents=True)
    (path / README_NAME).write_text(README, encoding="utf-8")
    return path


def publish(out: Path, release: Path) -> None:
    """Make ``release`` the published result with one atomic rename of the ``aktif`` link."""
    previous = active_release(out)
    for entry in sorted(release.iterdir()):
        link = out / entry.name
        if link.is_symlink() or entry.name in PERSISTENT:
            continue
        if link.exists():
            raise OutputRefused(f"'{link}' bukan tautan hasil kinerja; tidak ditimpa.")
        os.symlink(f"{RELEASES}/{ACTIVE}/{entry.name}", link)
    fault_point("sesudah_tautan")
    tmp = out / RELEASES / f"{ACTIVE}.{secrets.token_hex(4)}"
    os.symlink(release.name, tmp)
    os.replace(tmp, out / RELEASES / ACTIVE)  # the one atomic step
    fsync_dir(out / RELEASES)
    fault_point("sesudah_tukar")
    _drop_dangling_links(out)
    if previous is not None and previous != release:
        shutil.rmtree(previous, ignore_errors=True)


def _drop_dangling_links(out: Path) -> None:
    """Remove top-level links of ours whose target the published release does not have."""
    prefix = f"{RELEASES}/{ACTIVE}/"
    for p in out.iterdir():
        if p.is_symlink() and os.readlink(p).startswith(prefix) and not p.exists():
            p.unlink()


def discard(release: Path) -> None:
    """Remove a release that will not be published (the run failed)."""
    shutil.rmtree(release, ignore_errors=True)


def _write_json(path: Path, data: dict) -> None:
    tmp = path.with_name(f"{path.name}.{secrets.token_hex(4)}")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")
