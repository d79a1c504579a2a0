"""Bundle discovery: folder or .zip, table files per form, manifest, Indonesian errors."""

from __future__ import annotations

import codecs
import json
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from transforms.contract import REQUIRED_TABLES, TABLE_BY_NAME, TABLES

Form = Literal["csv", "xlsx", "jsonl", "siasn_json"]

ZIP_DIR = "_bundel_zip"  # extraction folder created inside workdir
SIASN_TABLE = "riwayat_skp"
_SIASN_STEM = re.compile(rf"^{SIASN_TABLE}(?:[_\- ].*)?$", re.IGNORECASE)


class BundleError(Exception):
    """The bundle cannot be used; ``pesan`` is for people (Indonesian), ``berkas`` the file."""

    def __init__(self, pesan: str, berkas: str | Path | None = None) -> None:
        super().__init__(pesan)
        self.pesan = pesan
        self.berkas = str(berkas) if berkas is not None else None


@dataclass
class SourceFile:
    table: str
    path: Path
    form: Form
    sheet: str | None = None

    @property
    def label(self) -> str:
        """Name shown to people and stored in ``_sumber``: file name, plus ``#sheet``."""
        return f"{self.path.name}#{self.sheet}" if self.sheet else self.path.name


@dataclass
class Bundle:
    root: Path
    sources: dict[str, list[SourceFile]]
    manifest: dict | None
    ignored: list[str] = field(default_factory=list)


def normalise_name(name: str) -> str:
    """Header/stem/sheet name key: no BOM, trimmed, lower case, whitespace runs -> '_'."""
    return "_".join(name.replace("\ufeff", "").strip().lower().split())


def _hidden(name: str) -> bool:
    return name.startswith((".", "~$")) or name == "__MACOSX"


def open_bundle(path: Path, workdir: Path) -> Bundle:
    """Open a bundle folder or .zip (extracted into ``workdir``) and find its table sources."""
    path = Path(path)
    if path.is_dir():
        root = _single_folder(path) or path
    elif path.is_file() and (path.suffix.lower() == ".zip" or zipfile.is_zipfile(path)):
        root = _extract_zip(path, Path(workdir) / ZIP_DIR)
    elif path.exists():
        raise BundleError(f"'{path.name}' bukan folder bundel maupun berkas .zip.", path)
    else:
        raise BundleError(f"Bundel tidak ditemukan: '{path}'.", path)
    return _discover(root)


def _extract_zip(path: Path, dest: Path) -> Path:
    """Extract safely (no absolute paths, no '..'); a single top-level folder becomes the root."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise BundleError(f"Berkas '{path.name}' bukan arsip .zip yang valid.", path) from e
    stamp = f"{path.resolve()}|{path.stat().st_size}|{path.stat().st_mtime_ns}"
    stamp_file = dest / ".diekstrak"
    if stamp_file.is_file() and stamp_file.read_text(encoding="utf-8") == stamp:
        zf.close()  # already extracted from this very archive (e.g. by an earlier asset of the run)
        return _single_folder(dest) or dest
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    with zf:
        members: list[tuple[zipfile.ZipInfo, str, tuple[str, ...]]] = []
        for info in zf.infolist():  # validate every entry before extracting any
            name = info.filename.replace("\\", "/")
            parts = PurePosixPath(name).parts
            if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in parts:
                raise BundleError(
                    f"Arsip '{path.name}' berisi entri dengan jalur tidak aman: '{info.filename}'. "
                    "Arsip ditolak.",
                    path,
                )
            if parts and not any(_hidden(p) for p in parts):
                members.append((info, name, parts))
        for info, name, parts in members:
            if info.is_dir():
                (dest / name).mkdir(parents=True, exist_ok=True)
                continue
            target = dest.joinpath(*parts)
            if not target.resolve().is_relative_to(dest.resolve()):
                raise BundleError(
                    f"Arsip '{path.name}' berisi entri di luar folder tujuan: '{info.filename}'.",
                    path,
                )
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with zf.open(info) as src, open(target, "wb") as out:
                    shutil.copyfileobj(src, out, 1 << 20)
            except (zipfile.BadZipFile, RuntimeError, OSError, EOFError) as e:
                raise BundleError(
                    f"Arsip '{path.name}': entri '{info.filename}' tidak dapat diekstrak "
                    "(arsip rusak atau terenkripsi).",
                    path,
                ) from e
    stamp_file.write_text(stamp, encoding="utf-8")
    return _single_folder(dest) or dest


def _single_folder(path: Path) -> Path | None:
    """The only entry of ``path`` when it is a folder (hidden entries aside), else None."""
    entries = [p for p in path.iterdir() if not _hidden(p.name)]
    return entries[0] if len(entries) == 1 and entries[0].is_dir() else None


def _sheet_names(path: Path) -> list[str]:
    import fastexcel

    try:
        return list(fastexcel.read_excel(path).sheet_names)
    except Exception as e:  # calamine raises several error types for corrupt files
        raise BundleError(
            f"Berkas '{path.name}' tidak dapat dibuka sebagai buku kerja Excel (.xlsx): "
            "berkas rusak atau bukan format .xlsx.",
            path,
        ) from e


def read_json_file(path: Path, name: str, decoder: json.JSONDecoder | None = None) -> Any:
    """A whole JSON file (UTF-8, optional BOM); BundleError in Indonesian when it is not."""
    try:
        return (decoder or json.JSONDecoder()).decode(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        raise BundleError(f"Berkas '{name}' bukan teks UTF-8.", path) from e
    except json.JSONDecodeError as e:
        raise BundleError(
            f"Berkas '{name}' bukan JSON yang valid (baris {e.lineno}, kolom {e.colno}).",
            path,
        ) from e


def _read_manifest(path: Path) -> dict:
    data = read_json_file(path, path.name)
    if not isinstance(data, dict):
        raise BundleError(f"Berkas '{path.name}' harus berisi satu objek JSON.", path)
    return data


def table_of_name(name: str) -> str | None:
    """The table a CSV, JSON Lines or SIASN JSON file holds, told by its name alone (a
    workbook's tables are its sheets: None)."""
    path = PurePosixPath(name)
    suffix, stem = path.suffix.lower(), normalise_name(path.stem)
    if suffix in (".csv", ".jsonl") and stem in TABLE_BY_NAME:
        return stem
    if suffix == ".json" and _SIASN_STEM.match(stem):
        return SIASN_TABLE
    return None


def _classify(path: Path) -> list[SourceFile] | None:
    """Sources held by one file, or None when the file is not a table file."""
    suffix, stem = path.suffix.lower(), normalise_name(path.stem)
    table = table_of_name(path.name)
    if table == SIASN_TABLE and suffix == ".json":
        return [SourceFile(SIASN_TABLE, path, "siasn_json")]
    if table is not None:
        return [SourceFile(table, path, "csv" if suffix == ".csv" else "jsonl")]
    if suffix == ".xlsx":
        sheets = _sheet_names(path)
        tables = [normalise_name(s) if normalise_name(s) in TABLE_BY_NAME else "" for s in sheets]
        if len(sheets) == 1 and not tables[0] and stem in TABLE_BY_NAME:
            tables = [stem]  # e.g. pegawai.xlsx holding a single "Sheet1"
        # table "" = not a table sheet, reported as ignored
        return [SourceFile(t, path, "xlsx", sheet=s) for t, s in zip(tables, sheets, strict=True)]
    return None


def _blank_file(path: Path) -> bool:
    """True when the file holds nothing but whitespace (after a UTF-8 BOM); reads no further
    than its first non-blank byte."""
    with open(path, "rb") as f:
        data = f.read(1 << 16).removeprefix(codecs.BOM_UTF8)
        while data:
            if data.strip():
                return False
            data = f.read(1 << 20)
    return True


def _check_not_empty(src: SourceFile) -> None:
    """An empty CSV (it has no header), or an empty JSON Lines file of a required table, is
    fatal at once; an empty JSON Lines file of an optional table is a table of 0 rows."""
    if src.form not in ("csv", "jsonl") or not _blank_file(src.path):
        return
    name = src.path.name
    if src.form == "csv":
        raise BundleError(f"Berkas '{name}' kosong: tidak ada baris judul.", src.path)
    if src.table in REQUIRED_TABLES:
        raise BundleError(
            f"Berkas '{name}' kosong: tabel wajib '{src.table}' tidak berisi satu baris pun.",
            src.path,
        )


def _discover(root: Path) -> Bundle:
    found: dict[str, list[SourceFile]] = {}
    manifest: dict | None = None
    ignored: list[str] = []
    seen: list[str] = []
    for p in sorted(root.iterdir(), key=lambda q: q.name.lower()):
        if _hidden(p.name):
            continue
        seen.append(p.name + ("/" if p.is_dir() else ""))
        if p.is_dir():
            ignored.append(p.name + "/")
            continue
        if p.name.lower() == "manifest.json":
            manifest = _read_manifest(p)
            continue
        sources = _classify(p)
        if sources is None:
            ignored.append(p.name)
            continue
        for s in sources:
            if s.table:
                found.setdefault(s.table, []).append(s)
            else:
                ignored.append(s.label)
    for table, srcs in found.items():
        if len(srcs) > 1 and not all(s.form == "siasn_json" for s in srcs):
            names = ", ".join(s.label for s in srcs)
            raise BundleError(
                f"Tabel '{table}' ditemukan di lebih dari satu berkas/lembar: {names}. "
                "Sisakan satu sumber saja untuk tabel ini.",
                srcs[1].path,
            )
    for srcs in found.values():
        for s in srcs:
            _check_not_empty(s)  # before anything is read
    missing = [t for t in REQUIRED_TABLES if t not in found]
    if missing:
        listed = ", ".join(seen) if seen else "(tidak ada)"
        raise BundleError(
            f"Tabel wajib tidak ditemukan: {', '.join(missing)}. Berkas yang ditemukan: {listed}."
        )
    ordered = {t.name: found[t.name] for t in TABLES if t.name in found}
    return Bundle(root=root, sources=ordered, manifest=manifest, ignored=ignored)
