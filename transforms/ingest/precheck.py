"""Cheap checks on a delivered bundle before a run is started for it, and its content hash.

Used by the inbox (pipelines.automation.inbox): a folder is discovered exactly as a run does it
(``open_bundle``: required tables, one source per table, empty files, the manifest); a .zip is
judged from its directory alone (valid archive, safe entry names, the tables its file names
show; no entry is extracted). A manifest, when present, must be a JSON object whose ``tahun``
and ``instansi_id`` are plausible, and whose optional ``berkas`` map
``{"<file>": {"ukuran": <bytes>, "sha256": "<hex>"}}`` must match the files delivered.
Problems raise :class:`BundleError` with an Indonesian message naming the file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from transforms.contract import REQUIRED_TABLES
from transforms.ingest.bundle import BundleError, _hidden, open_bundle, table_of_name

MANIFEST = "manifest.json"
_MAX_MANIFEST = 1 << 20
_CHUNK = 1 << 20
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Delivery:
    """What the checks found: the bundle's form, its tables, its manifest."""

    bentuk: Literal["folder", "zip"]
    tabel: tuple[str, ...]
    manifest: dict | None


@dataclass(frozen=True)
class _Member:
    size: int
    sha256: Callable[[], str]


def check_delivery(path: Path) -> Delivery:
    """Check a delivered bundle (folder or .zip) without reading its rows; BundleError if not usable."""
    if path.is_dir():
        return _check_folder(path)
    if path.is_file() and path.suffix.lower() == ".zip":
        return _check_zip(path)
    raise BundleError(
        f"'{path.name}' bukan bundel: letakkan berkas satu ekspor dalam satu sub-folder atau "
        "satu berkas .zip.",
        path,
    )


def content_hash(path: Path) -> str:
    """A short id of what was delivered: every file's relative path, size and bytes (hidden
    files aside) for a folder, the archive's bytes for a .zip; the bundle's own name is not part."""
    h = hashlib.sha256()
    if path.is_file():
        h.update(b"zip\0")
        _update(h, path)
    else:
        h.update(b"folder\0")
        for rel, file in _files(path):
            h.update(f"{rel}\0{file.stat().st_size}\0".encode())
            _update(h, file)
    return h.hexdigest()[:16]


def _update(h: hashlib._Hash, path: Path) -> None:
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)


def _files(root: Path) -> Iterator[tuple[str, Path]]:
    """(relative POSIX path, file) of every non-hidden file under ``root``, sorted; links are
    not followed."""
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not _hidden(d)]
        for name in names:
            if not _hidden(name):
                file = Path(folder, name)
                found.append((file.relative_to(root).as_posix(), file))
    yield from sorted(found)


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    _update(h, path)
    return h.hexdigest()


def _check_folder(path: Path) -> Delivery:
    bundle = open_bundle(path, path)  # a folder is never extracted: the workdir is unused
    members = {
        p.name: _Member(p.stat().st_size, lambda p=p: _file_sha256(p))
        for p in bundle.root.iterdir()
        if p.is_file() and not _hidden(p.name)
    }
    if bundle.manifest is not None:
        check_manifest(bundle.manifest, members)
    return Delivery("folder", tuple(bundle.sources), bundle.manifest)


def _check_zip(path: Path) -> Delivery:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise BundleError(
            f"Berkas '{path.name}' bukan arsip .zip yang valid (rusak, atau belum selesai disalin).",
            path,
        ) from e
    with zf:
        entries = _zip_root_files(zf, path)
        members = {
            name: _Member(info.file_size, lambda info=info: _zip_sha256(zf, info, path))
            for name, info in entries.items()
        }
        manifest = None
        if MANIFEST in {n.lower() for n in entries}:
            info = next(i for n, i in entries.items() if n.lower() == MANIFEST)
            manifest = _zip_manifest(zf, info, path)
            check_manifest(manifest, members)
        tables: dict[str, list[str]] = {}
        for name, info in entries.items():
            table = table_of_name(name)
            if table is None:
                continue
            if info.file_size == 0 and name.lower().endswith(".csv"):
                raise BundleError(f"Berkas '{name}' di dalam '{path.name}' kosong: tidak ada baris judul.", path)
            tables.setdefault(table, []).append(name)
    for table, names in tables.items():
        if len(names) > 1 and not all(n.lower().endswith(".json") for n in names):  # SIASN: many
            raise BundleError(
                f"Tabel '{table}' ditemukan di lebih dari satu berkas: {', '.join(names)}. "
                "Sisakan satu sumber saja untuk tabel ini.",
                path,
            )
    workbooks = [n for n in entries if n.lower().endswith(".xlsx")]
    missing = [t for t in REQUIRED_TABLES if t not in tables]
    if missing and not workbooks:  # a workbook's sheets are checked by the run itself
        listed = ", ".join(sorted(entries)) or "(tidak ada)"
        raise BundleError(
            f"Arsip '{path.name}': tabel wajib tidak ditemukan: {', '.join(missing)}. "
            f"Berkas yang ditemukan: {listed}.",
            path,
        )
    return Delivery("zip", tuple(sorted(tables)), manifest)


def _zip_root_files(zf: zipfile.ZipFile, path: Path) -> dict[str, zipfile.ZipInfo]:
    """The files of the bundle's root inside the archive (a single top-level folder is the
    root, as when a run extracts it), by name; unsafe entry names are refused."""
    files: list[tuple[tuple[str, ...], zipfile.ZipInfo]] = []
    for info in zf.infolist():
        name = info.filename.replace("\\", "/")
        parts = PurePosixPath(name).parts
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in parts:
            raise BundleError(
                f"Arsip '{path.name}' berisi entri dengan jalur tidak aman: '{info.filename}'.", path
            )
        if parts and not info.is_dir() and not any(_hidden(p) for p in parts):
            files.append((parts, info))
    tops = {parts[0] for parts, _ in files}
    depth = 1 if len(tops) == 1 and all(len(parts) > 1 for parts, _ in files) else 0
    return {parts[depth]: info for parts, info in files if len(parts) == depth + 1}


def _zip_manifest(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> dict:
    if info.file_size > _MAX_MANIFEST:
        raise BundleError(f"'{MANIFEST}' di dalam '{path.name}' terlalu besar untuk sebuah manifest.", path)
    try:
        text = zf.read(info).decode("utf-8-sig")
        data = json.loads(text)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as e:
        raise BundleError(f"'{MANIFEST}' di dalam '{path.name}' tidak dapat dibaca (arsip rusak).", path) from e
    except UnicodeDecodeError as e:
        raise BundleError(f"Berkas '{MANIFEST}' bukan teks UTF-8.", path) from e
    except json.JSONDecodeError as e:
        raise BundleError(
            f"Berkas '{MANIFEST}' bukan JSON yang valid (baris {e.lineno}, kolom {e.colno}).", path
        ) from e
    if not isinstance(data, dict):
        raise BundleError(f"Berkas '{MANIFEST}' harus berisi satu objek JSON.", path)
    return data


def _zip_sha256(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> str:
    h = hashlib.sha256()
    try:
        with zf.open(info) as f:
            while chunk := f.read(_CHUNK):
                h.update(chunk)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as e:
        raise BundleError(
            f"Arsip '{path.name}': entri '{info.filename}' tidak dapat dibaca (arsip rusak atau terenkripsi).",
            path,
        ) from e
    return h.hexdigest()


def check_manifest(manifest: dict, members: dict[str, _Member]) -> None:
    """``tahun`` a four-digit year, ``instansi_id`` non-empty text, ``berkas`` matching the files."""
    if "tahun" in manifest:
        tahun = str(manifest["tahun"]).strip()
        if not (tahun.isdigit() and 2000 <= int(tahun) <= 2100):
            raise BundleError(
                f"{MANIFEST}: 'tahun' harus tahun empat angka (mis. 2025), bukan {manifest['tahun']!r}.",
                MANIFEST,
            )
    if "instansi_id" in manifest:
        value = manifest["instansi_id"]
        if not isinstance(value, str) or not value.strip():
            raise BundleError(f"{MANIFEST}: 'instansi_id' harus teks yang tidak kosong, bukan {value!r}.", MANIFEST)
    listed = manifest.get("berkas")
    if listed is None:
        return
    if not isinstance(listed, dict) or not all(isinstance(v, dict) for v in listed.values()):
        raise BundleError(
            f"{MANIFEST}: 'berkas' harus objek {{\"nama berkas\": {{\"ukuran\": byte, \"sha256\": \"...\"}}}}.",
            MANIFEST,
        )
    for name, expected in listed.items():
        member = members.get(name)
        if member is None:
            raise BundleError(
                f"{MANIFEST} menyebut berkas '{name}', tetapi berkas itu tidak ada di bundel: bundel "
                "belum lengkap terkirim, atau nama berkasnya berubah.",
                name,
            )
        size = expected.get("ukuran")
        if size is not None and size != member.size:
            raise BundleError(
                f"Berkas '{name}' berukuran {member.size} byte, tetapi {MANIFEST} menyebut {size} byte: "
                "berkas terpotong atau berubah saat dikirim.",
                name,
            )
        digest = str(expected.get("sha256", "")).strip().lower()
        if digest and not _SHA256.match(digest):
            raise BundleError(f"{MANIFEST}: 'sha256' untuk '{name}' bukan 64 digit heksadesimal.", MANIFEST)
        if digest and digest != member.sha256():
            raise BundleError(
                f"Berkas '{name}': sidik SHA-256 tidak cocok dengan {MANIFEST}: isi berkas berubah "
                "atau rusak saat dikirim.",
                name,
            )
