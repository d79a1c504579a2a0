"""The slice store and partition keys, without a pipeline run."""

from __future__ import annotations

import subprocess
import sys
import time

import duckdb
import pytest
from dagster import DagsterInstance

from pipelines.assets.irisan.partitions import register, split_key, usable_key
from transforms.slices.compute import WarehouseBusy, open_warehouse_read_only
from transforms.slices.store import MARKER, SliceStore, StoreRefused


def test_a_folder_of_the_user_is_never_used_as_the_store(tmp_path):
    folder = tmp_path / "punya-pengguna"
    folder.mkdir()
    (folder / "catatan.txt").write_text("jangan disentuh", encoding="utf-8")
    with pytest.raises(StoreRefused, match="bukan milik kinerja"):
        SliceStore(folder).claim()
    assert sorted(p.name for p in folder.iterdir()) == ["catatan.txt"]
    fresh = SliceStore(tmp_path / "baru").claim()
    assert (fresh.root / MARKER).is_file()


def test_a_partition_file_is_replaced_whole_and_only_inside_the_store(tmp_path):
    store = SliceStore(tmp_path / "irisan").claim()
    path = store.slice_file("rekap", 2025, "A/B C")
    assert path.parent.name == "instansi_id=A%2FB%20C"  # an odd id stays one folder
    with store.replacing(path) as tmp:
        tmp.write_bytes(b"lama")
    with pytest.raises(RuntimeError), store.replacing(path) as tmp:
        tmp.write_bytes(b"setengah")
        raise RuntimeError("writer died")
    assert path.read_bytes() == b"lama"
    assert sorted(p.name for p in path.parent.iterdir()) == ["data.parquet"]  # no leftover
    with pytest.raises(ValueError), store.replacing(tmp_path / "di-luar.parquet"):
        pass


def test_instansi_ids_that_cannot_be_partition_keys_are_left_out():
    assert usable_key("A5EB03E2") and not usable_key("A|B") and not usable_key("")
    with DagsterInstance.ephemeral() as instance:
        keys = register(instance, [(2025, "A5EB03E2"), (2025, "A|B"), (2024, "A5EB03E2")])
        assert [split_key(k) for k in keys] == [(2024, "A5EB03E2"), (2025, "A5EB03E2")]
        assert sorted(instance.get_dynamic_partitions("instansi")) == ["A5EB03E2"]
        assert sorted(instance.get_dynamic_partitions("tahun")) == ["2024", "2025"]


def test_a_warehouse_held_by_a_writer_is_reported_in_indonesian(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    duckdb.connect(str(path)).close()
    writer = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(path)!r}); print('siap', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert writer.stdout.readline().strip() == "siap"
        start = time.monotonic()
        with pytest.raises(WarehouseBusy, match="sedang ditulis oleh run lain"):
            open_warehouse_read_only(path, wait_seconds=1.0)
        assert time.monotonic() - start >= 1.0  # it waited before giving up
    finally:
        writer.kill()
        writer.wait()
    open_warehouse_read_only(path, wait_seconds=1.0).close()  # free again: opens at once
