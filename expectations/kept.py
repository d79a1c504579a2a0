"""The sanitised GX results of each bundle, kept beside the warehouse.

A bundle run validates its bundle and writes the results (counts only) into its work folder.
When the bundle enters the warehouse, the results are copied to ``<warehouse>.gx/<bundel_id>/``
(one rename replaces an earlier copy of the same bundle), so a run that reads only the warehouse
(the scheduled ``laporan_gudang``) can still show the Data Docs of the bundle loaded last.
The folder is kinerja's (marker ``.kinerja-gx``); a folder of the user's is never written to.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

MARKER = ".kinerja-gx"


def results_root(warehouse: Path) -> Path:
    warehouse = Path(warehouse)
    return warehouse.with_name(f"{warehouse.stem}.gx")


def _claim(root: Path) -> bool:
    """Whether ``root`` is ours (created and marked when new or empty)."""
    if (root / MARKER).is_file():
        return True
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        return False
    root.mkdir(parents=True, exist_ok=True)
    (root / MARKER).write_text("ditulis oleh kinerja: hasil validasi GX per bundel (jumlah saja)\n")
    return True


def keep_results(source: Path, warehouse: Path, bundel_id: str, superseded: list[str]) -> Path | None:
    """Copy the run's results to the warehouse's results folder for ``bundel_id``; drop the
    copies of the bundles it superseded. Returns the folder, or None if the root is not ours."""
    root = results_root(warehouse)
    if not _claim(root):
        return None
    for stale in root.glob(".*.sementara"):
        shutil.rmtree(stale, ignore_errors=True)
    tmp = root / f".{bundel_id}.{os.getpid()}.{secrets.token_hex(4)}.sementara"
    tmp.mkdir()
    for f in sorted(source.glob("*.json")) if source.is_dir() else []:
        shutil.copy2(f, tmp / f.name)
    target = root / bundel_id
    old = None
    if target.exists():
        old = root / f".{bundel_id}.lama.{secrets.token_hex(4)}.sementara"
        target.rename(old)
    tmp.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    for gone in superseded:
        if gone != bundel_id and (root / gone).is_dir() and "/" not in gone:
            shutil.rmtree(root / gone, ignore_errors=True)
    return target


def kept_results(warehouse: Path, bundel_id: str) -> Path | None:
    """The kept results folder of ``bundel_id`` (None when there is none)."""
    folder = results_root(warehouse) / bundel_id
    return folder if bundel_id and (results_root(warehouse) / MARKER).is_file() and folder.is_dir() else None
