"""The slice store: a folder of Parquet files, one per model and partition, written by rename.

Layout (Hive-style, readable by DuckDB, Polars, Spark or any Parquet reader)::

    ROOT/.kinerja-irisan                                   marker: this folder is kinerja's
    ROOT/<model>/tahun=<t>/instansi_id=<id>/data.parquet   irisan models
    ROOT/<model>/tahun=<t>/data.parquet (+ data.csv)       lintas models

A file is written beside its final name and moved over it with one rename, so a reader (or a
killed writer) sees the previous complete file or the new complete one. Writing the same
partition again replaces only that file. The store refuses a folder that is neither empty nor
marked as kinerja's: it never writes into, or removes from, a folder of the user's.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from transforms.atomic import fsync_dir

MARKER = ".kinerja-irisan"
DATA = "data.parquet"
_TMP_SUFFIX = ".sementara"


class StoreRefused(Exception):
    """The folder cannot be used as a slice store; the message (Indonesian) says why."""


class SliceStore:
    """The partitioned files under ``root`` (created and marked on first use)."""

    def __init__(self, root: Path, before_replace: Callable[[], None] | None = None) -> None:
        self.root = Path(root)
        self.before_replace = before_replace  # called with the new file written, not yet renamed

    def claim(self) -> SliceStore:
        """Make sure ``root`` is ours: new or empty folders are marked; others are refused."""
        marker = self.root / MARKER
        if marker.is_file():
            return self
        if self.root.exists() and (not self.root.is_dir() or any(self.root.iterdir())):
            raise StoreRefused(
                f"Folder irisan '{self.root}' sudah ada dan bukan milik kinerja (tidak ada berkas "
                f"{MARKER}); kinerja tidak menulis ke dalamnya. Pilih folder lain atau kosongkan."
            )
        self.root.mkdir(parents=True, exist_ok=True)
        marker.write_text(json.dumps({"ditulis_oleh": "kinerja", "isi": "irisan Parquet"}) + "\n")
        return self

    def slice_file(self, model: str, tahun: int, instansi: str | None = None) -> Path:
        """Where a partition's file lives (instansi ``None`` for a per-year model)."""
        folder = self.root / model / f"tahun={int(tahun)}"
        if instansi is not None:
            folder = folder / f"instansi_id={quote(instansi, safe='')}"
        return folder / DATA

    def year_files(self, model: str, tahun: int) -> list[Path]:
        """Every instansi's file of ``model`` for ``tahun``, in a fixed order."""
        return sorted((self.root / model / f"tahun={int(tahun)}").glob(f"instansi_id=*/{DATA}"))

    @contextmanager
    def replacing(self, path: Path) -> Iterator[Path]:
        """Yield a temporary path beside ``path``; on success move it over ``path`` (one
        rename, then fsync), on error remove it. Leftovers of killed writers are ours
        (inside the marked store, our suffix) and are removed first."""
        self.claim()
        if self.root.resolve() not in path.resolve().parents:
            raise ValueError(f"{path} is outside the slice store {self.root}")
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(f".{path.name}.*{_TMP_SUFFIX}"):
            stale.unlink(missing_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{_TMP_SUFFIX}")
        try:
            yield tmp
            with tmp.open("rb") as f:
                os.fsync(f.fileno())
            if self.before_replace is not None:
                self.before_replace()
            os.replace(tmp, path)
            fsync_dir(path.parent)
        finally:
            tmp.unlink(missing_ok=True)


def store_beside(warehouse: Path) -> Path:
    """The slice store of a warehouse file: ``<folder>/<name>.irisan/`` next to it."""
    warehouse = Path(warehouse)
    return warehouse.with_name(f"{warehouse.stem}.irisan")
