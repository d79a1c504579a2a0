"""The inbox folder: what is a delivery, when it is complete, and where it is moved.

A delivery is never deleted or overwritten: it is moved (a rename on the same disk) into
``diproses/``, ``arsip/`` or ``ditolak/``, always under a name that is not taken yet.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

STAGING, ARCHIVE, REJECTED = "diproses", "arsip", "ditolak"
RESERVED = frozenset({STAGING, ARCHIVE, REJECTED})
# Names of files still being written by a browser, a copy tool or a sync client.
IN_PROGRESS = (".part", ".partial", ".tmp", ".crdownload", ".download", ".filepart", ".opdownload")
REASON_FILE = "ALASAN.txt"
FAILED_FILE = "GAGAL.txt"


def _skipped(name: str) -> bool:
    return name.startswith((".", "~")) or name in RESERVED or name.lower().endswith(IN_PROGRESS)


def signature(entry: Path) -> str:
    """What changes while a delivery is still being written: every file's path, size and mtime."""
    h = hashlib.sha256()
    if entry.is_file():
        st = entry.stat()
        h.update(f"{st.st_size}\0{st.st_mtime_ns}".encode())
        return h.hexdigest()[:16]
    for folder, dirs, names in sorted(os.walk(entry)):
        dirs.sort()
        for name in sorted(names):
            st = Path(folder, name).lstat()
            rel = Path(folder, name).relative_to(entry).as_posix()
            h.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


def free_name(parent: Path, name: str) -> Path:
    """``parent/name``, or ``name-2``, ``name-3``, ... (before the suffix of a file): never a
    name that exists."""
    candidate = parent / name
    stem, suffix = (name[: -len(".zip")], ".zip") if name.lower().endswith(".zip") else (name, "")
    n = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = parent / f"{stem}-{n}{suffix}"
        n += 1
    return candidate


def move(src: Path, dest: Path) -> Path:
    """Move ``src`` to ``dest`` (which must not exist); a rename when both are on one disk."""
    if dest.exists() or dest.is_symlink():
        raise FileExistsError(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(src), str(dest))
    return dest


@dataclass(frozen=True)
class Inbox:
    root: Path

    @property
    def staging(self) -> Path:
        return self.root / STAGING

    @property
    def archive_dir(self) -> Path:
        return self.root / ARCHIVE

    @property
    def rejected_dir(self) -> Path:
        return self.root / REJECTED

    def prepare(self) -> None:
        for folder in (self.root, self.staging, self.archive_dir, self.rejected_dir):
            folder.mkdir(parents=True, exist_ok=True)

    def deliveries(self, exclude: tuple[Path, ...] = ()) -> list[Path]:
        """Entries of the inbox that may be bundles (ours, hidden and in-progress names aside;
        folders in ``exclude``, e.g. an output folder placed here, are never touched)."""
        if not self.root.is_dir():
            return []
        found = []
        for entry in sorted(self.root.iterdir(), key=lambda p: p.name):
            if _skipped(entry.name) or entry.is_symlink():
                continue
            resolved = entry.resolve()
            if any(resolved == x or x.is_relative_to(resolved) for x in exclude):
                continue
            found.append(entry)
        return found

    def staged(self) -> dict[str, Path]:
        """hash -> the bundle waiting in ``diproses/<hash>/`` (for its run, or after a failure)."""
        if not self.staging.is_dir():
            return {}
        found = {}
        for folder in sorted(self.staging.iterdir()):
            entries = [p for p in folder.iterdir() if p.name != FAILED_FILE] if folder.is_dir() else []
            if len(entries) == 1:
                found[folder.name] = entries[0]
        return found

    def is_staged(self, path: Path) -> bool:
        """True for ``diproses/<hash>/<bundle>`` of this inbox."""
        path = path.resolve()
        return path.parent.parent == self.staging.resolve()

    def stage(self, entry: Path, sidik: str) -> Path:
        """Move a checked delivery to ``diproses/<hash>/<name>``, where its run reads it."""
        return move(entry, self.staging / sidik / entry.name)

    def archive(self, bundle: Path, day: date) -> Path:
        """Move a bundle to ``arsip/<date>_<name>`` (a free name); an emptied ``diproses/<hash>/``
        (with the GAGAL.txt kinerja wrote there) is removed."""
        staged = self.is_staged(bundle)
        dest = move(bundle, free_name(self.archive_dir, f"{day.isoformat()}_{bundle.name}"))
        if staged:
            (bundle.parent / FAILED_FILE).unlink(missing_ok=True)
            with contextlib.suppress(OSError):  # something else is in it: left as it is
                bundle.parent.rmdir()
        return dest

    def reject(self, entry: Path, reason: str) -> Path:
        """Move a broken delivery to ``ditolak/<name>/<entry>`` beside an ALASAN.txt."""
        name = entry.name[: -len(".zip")] if entry.name.lower().endswith(".zip") else entry.name
        folder = free_name(self.rejected_dir, name)
        folder.mkdir(parents=True)
        move(entry, folder / entry.name)
        (folder / REASON_FILE).write_text(reason, encoding="utf-8")
        return folder
