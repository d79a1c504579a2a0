"""Dashboard frames read from the warehouse on first use (transforms.marts.WarehouseFrames):
the same frames as reading them at once, a pickle that carries the file and not the rows, and
the same site when the helper process reads its own frames (reports.site_parallel)."""

from __future__ import annotations

import pickle
from pathlib import Path

import duckdb
import pytest

from reports import site_parallel
from reports.registry import discover, frames_needed
from reports.site import build_site
from reports.types import DashboardData
from tests.conftest import DIBUAT_PADA
from transforms.marts import WarehouseFrames, read_dashboard_frames


@pytest.fixture(scope="module")
def warehouse(published_base: Path) -> tuple[Path, tuple[str, ...], dict]:
    path = published_base / "warehouse.duckdb"
    names = frames_needed(discover())
    con = duckdb.connect(str(path), read_only=True)
    try:
        return path, names, read_dashboard_frames(con, names)
    finally:
        con.close()


def test_frames_read_on_first_use_match_and_pickle_without_rows(warehouse) -> None:
    path, names, eager = warehouse
    lazy = WarehouseFrames(path, names)
    assert list(lazy) == list(names) and len(lazy) == len(names)
    assert "unit" in lazy and "tidak_ada" not in lazy
    assert lazy["unit"].equals(eager["unit"])
    assert "uraian" in lazy["karantina"].columns  # dasbor_models.karantina refines its SQL file
    blob = pickle.dumps(lazy)  # after reading: still only the file, the names and the config
    assert len(blob) < 4096 and b"unit" in blob
    again = pickle.loads(blob)
    for name in names:
        assert again[name].equals(eager[name]), name
    assert list(lazy.subset(["unit", "tahun"])) == ["tahun", "unit"]  # in the mapping's order
    with pytest.raises(KeyError):
        lazy["tidak_ada"]
    with pytest.raises(ValueError, match="tidak_ada"):
        WarehouseFrames(path, ["tidak_ada"])


def test_helper_reading_its_own_frames_builds_the_same_site(warehouse, tmp_path, monkeypatch) -> None:
    path, names, eager = warehouse
    monkeypatch.setattr(site_parallel, "MIN_ROWS", 0)  # this small site would be built alone
    one, two = tmp_path / "satu", tmp_path / "dua"
    serial = build_site(one, DashboardData(eager, DIBUAT_PADA))
    parallel = build_site(two, DashboardData(WarehouseFrames(path, names), DIBUAT_PADA), workers=2)
    assert sorted(p.relative_to(one) for p in serial) == sorted(p.relative_to(two) for p in parallel)
    for p in serial:
        assert (two / p.relative_to(one)).read_bytes() == p.read_bytes(), p.name
