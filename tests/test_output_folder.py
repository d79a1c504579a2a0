"""OUT is ours or refused, one run at a time, and a killed run never leaves a mixed or missing result."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipelines import output_folder
from tests.conftest import base_rows, copy_published, write_bundle

KINERJA = str(Path(sys.executable).with_name("kinerja"))


def run(bundle: Path, out: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [KINERJA, "run", "--exports", str(bundle), "--out", str(out), *extra],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="module")
def bundles(tmp_path_factory) -> tuple[Path, Path]:
    """Two different small bundles (B has one more employee)."""
    root = tmp_path_factory.mktemp("bundel")
    a = write_bundle(root / "a", base_rows())
    rows = base_rows()
    rows["pegawai"].append(dict(rows["pegawai"][2], nip="199203152020121005", nama="Yusuf Hamdani"))
    b = write_bundle(root / "b", rows)
    return a, b


@pytest.fixture
def published_a(published_base) -> Path:
    """An OUT holding bundle A's (``base_rows()``) complete result: the session's shared run,
    copied per test."""
    return published_base


def copy_of(published: Path, tmp_path: Path) -> Path:
    return copy_published(published, tmp_path / "hasil")


def pegawai_dibaca(out: Path) -> str:
    with (out / "rekonsiliasi.csv").open(encoding="utf-8") as f:
        return next(r["dibaca"] for r in csv.DictReader(f) if r["tabel"] == "pegawai")


def snapshot(root: Path) -> dict[str, bytes | str]:
    out: dict[str, bytes | str] = {}
    for p in sorted(root.rglob("*")):
        if p.is_symlink():
            out[str(p.relative_to(root))] = "->" + str(p.readlink())
        elif p.is_file():
            out[str(p.relative_to(root))] = p.read_bytes()
    return out


# --------------------------------------------------------------------------- ours or refused


def test_existing_folder_of_the_user_is_refused_and_untouched(tmp_path, bundles):
    out = tmp_path / "d"
    out.mkdir()
    (out / "penting.txt").write_text("x")
    proc = run(bundles[0], out)
    assert proc.returncode == 2
    assert "bukan hasil kinerja" in proc.stderr and "penting.txt" in proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["penting.txt"]
    assert (out / "penting.txt").read_text() == "x"


def test_out_that_is_a_file_is_refused(tmp_path, bundles):
    target = tmp_path / "hasil.txt"
    target.write_text("bukan folder")
    proc = run(bundles[0], target)
    assert proc.returncode == 2 and "adalah berkas" in proc.stderr
    assert target.read_text() == "bukan folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hasil.txt"]


def test_bundle_inside_out_is_refused_and_kept(tmp_path):
    bundle = write_bundle(tmp_path / "h" / "bundle", base_rows())
    before = snapshot(tmp_path / "h")
    proc = run(bundle, tmp_path / "h")
    assert proc.returncode == 2 and "berisi bundel ekspor" in proc.stderr
    assert snapshot(tmp_path / "h") == before


def test_out_inside_the_bundle_is_refused(tmp_path):
    bundle = write_bundle(tmp_path / "bundle", base_rows())
    proc = run(bundle, bundle / "hasil")
    assert proc.returncode == 2 and "di dalam bundel" in proc.stderr
    assert not (bundle / "hasil").exists()


def test_empty_folder_is_taken_and_marked(tmp_path, bundles):
    out = tmp_path / "kosong"
    out.mkdir()
    assert run(bundles[0], out).returncode == 0
    assert (out / ".kinerja").is_file()
    assert (out / "site").is_symlink() and (out / "site" / "index.html").is_file()
    note = (out / "BACA_DULU.txt").read_text(encoding="utf-8")
    personal = note.split("TANPA data pribadi")[0]
    assert all(part in personal for part in ("temuan.csv", "karantina/", "terbatas/", "warehouse.duckdb"))
    assert "site/" not in personal


def test_result_of_an_earlier_version_is_adopted_then_replaced(tmp_path, bundles):
    out = tmp_path / "hasil"
    (out / "site").mkdir(parents=True)
    (out / "site" / "index.html").write_text("lama")
    (out / "rekonsiliasi.csv").write_text("tabel,dibaca,diterima,dikarantina\npegawai,9,9,0\n")
    proc = run(bundles[0], out)
    assert proc.returncode == 0, proc.stderr
    assert "versi sebelumnya" in proc.stderr
    assert pegawai_dibaca(out) == "4"
    assert sorted(p.name for p in (out / ".rilis").iterdir()) == sorted(
        ["aktif", (out / ".rilis" / "aktif").readlink().name]
    )


def test_dagster_output_resource_refuses_a_foreign_folder(tmp_path):
    from dagster import Failure

    from pipelines.resources import OutputDir

    (tmp_path / "milik-pengguna.xlsx").write_text("x")
    with pytest.raises(Failure, match="bukan hasil kinerja"):
        _ = OutputDir(path=str(tmp_path)).root
    assert sorted(p.name for p in tmp_path.iterdir()) == ["milik-pengguna.xlsx"]


# --------------------------------------------------------------------------- one run at a time


def test_second_run_fails_fast_naming_the_first(tmp_path, bundles):
    out = tmp_path / "hasil"
    output_folder.claim(out)
    with output_folder.RunLock(out / output_folder.LOCK):
        start = time.perf_counter()
        proc = run(bundles[1], out)
        assert time.perf_counter() - start < 30
    assert proc.returncode == 3
    assert f"pid {os.getpid()}" in proc.stderr and "--tunggu" in proc.stderr
    assert not (out / "site").exists()


def test_tunggu_waits_for_the_running_one(tmp_path, bundles, published_a):
    out = copy_of(published_a, tmp_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", (
            "import sys, time; from pathlib import Path; from pipelines import output_folder as o\n"
            "with o.RunLock(Path(sys.argv[1]) / o.LOCK):\n"
            "    print('terkunci', flush=True); time.sleep(4)\n"
        ), str(out)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "terkunci"
    start = time.perf_counter()
    proc = run(bundles[1], out, "--tunggu")
    waited = time.perf_counter() - start
    holder.wait(timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert "Menunggu run lain selesai" in proc.stderr
    assert waited >= 2
    assert pegawai_dibaca(out) == "5"


def test_lock_of_a_dead_run_is_recognised(tmp_path, bundles):
    out = tmp_path / "hasil"
    output_folder.claim(out)
    (out / output_folder.LOCK).write_text('{"pid": 999999, "host": "x", "mulai": "kemarin"}')
    proc = run(bundles[0], out)
    assert proc.returncode == 0, proc.stderr
    assert "pid 999999" in proc.stderr and "terhenti" in proc.stderr


def test_two_concurrent_runs_never_mix(tmp_path, bundles):
    out = tmp_path / "hasil"
    env = {**os.environ}
    first = subprocess.Popen([KINERJA, "run", "--exports", str(bundles[0]), "--out", str(out)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    time.sleep(1.0)
    second = run(bundles[1], out)
    _, err = first.communicate(timeout=300)
    codes = sorted([first.returncode, second.returncode])
    assert codes in ([0, 0], [0, 3]), (err, second.stderr)
    # Whatever ran last is published whole: its table counts and its own site.
    published = pegawai_dibaca(out)
    assert published in ("4", "5")
    assert not (out / "warehouse.duckdb.wal").exists()
    assert [p.name for p in (out / ".rilis").iterdir() if p.name != "aktif"] == [
        (out / ".rilis" / "aktif").readlink().name
    ]


# --------------------------------------------------------------------------- killed runs


def _published_state(out: Path) -> tuple[str, bytes]:
    return pegawai_dibaca(out), (out / "temuan.csv").read_bytes()


@pytest.mark.parametrize("point", ["sebelum_terbit", "sesudah_tautan", "sesudah_tukar"])
def test_kill_while_publishing_leaves_a_whole_result(tmp_path, bundles, published_a, point):
    out = copy_of(published_a, tmp_path)
    before = _published_state(out)
    proc = run(bundles[1], out, env={output_folder.FAULT_ENV: point})
    assert proc.returncode == -signal.SIGKILL
    after = _published_state(out)
    if point == "sesudah_tukar":
        assert after[0] == "5"  # the swap happened: the new result, whole
    else:
        assert after == before  # not yet swapped: the previous result, untouched
    assert (out / "site" / "index.html").is_file()
    # What the next run does first, under the lock: remove the leftover, keep what is published.
    output_folder.recover(out)
    assert _published_state(out) == after
    assert [p.name for p in (out / ".rilis").iterdir() if p.name != "aktif"] == [
        (out / ".rilis" / "aktif").readlink().name
    ]
    if point == "sebelum_terbit":  # and a whole next run (the bench does it for every point)
        nxt = run(bundles[1], out)
        assert nxt.returncode == 0, nxt.stderr
        assert pegawai_dibaca(out) == "5"


def test_kill_during_ingestion_keeps_the_previous_result(tmp_path, bundles, published_a):
    out = copy_of(published_a, tmp_path)
    before = snapshot(out)
    proc = subprocess.Popen([KINERJA, "run", "--exports", str(bundles[1]), "--out", str(out)],
                            stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:
        if "Membaca rhk" in line:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=60)
    after = snapshot(out)
    before.pop(output_folder.LOCK), after.pop(output_folder.LOCK)  # holds the dead run's pid
    leftovers = {k for k in after if k not in before}
    assert all(k.startswith(".rilis/2") for k in leftovers), leftovers
    assert {k: v for k, v in after.items() if k in before} == before
    nxt = run(bundles[1], out)
    assert nxt.returncode == 0 and "sisa run yang terhenti dihapus" in nxt.stderr
    assert pegawai_dibaca(out) == "5"


def test_a_dagster_run_waits_for_no_one_and_refuses_a_busy_out(tmp_path, bundles):
    """A run launched from the UI (materialize with the default resources) holds OUT's lock too:
    while another run holds it, it fails with the same Indonesian message."""
    from dagster import materialize

    from pipelines.definitions import ALL_CHECKS, BUNDLE_ASSETS
    from pipelines.resources import build_resources

    out = tmp_path / "hasil"
    output_folder.claim(out)
    with output_folder.RunLock(out / output_folder.LOCK):
        result = materialize([*BUNDLE_ASSETS, *ALL_CHECKS], resources=build_resources(bundles[0], out),
                             raise_on_error=False)
    assert not result.success
    assert not (out / "site").exists()
    result = materialize([*BUNDLE_ASSETS, *ALL_CHECKS], resources=build_resources(bundles[0], out))
    assert result.success and (out / "site" / "index.html").is_file()


def test_a_dagster_run_publishes_whole_or_not_at_all(tmp_path, bundles, published_a):
    """A run from the UI writes a release and publishes it atomically like `kinerja run`; a
    run that materialised only some assets publishes nothing and leaves the result as it was."""
    from dagster import AssetKey, materialize

    from pipelines.definitions import ALL_CHECKS, BUNDLE_ASSETS
    from pipelines.resources import build_resources

    out = copy_of(published_a, tmp_path)
    before = _published_state(out)
    staged_only = [a for a in BUNDLE_ASSETS if any(k.path[0] in ("bundel", "stg") for k in a.keys)]
    assert materialize(staged_only, resources=build_resources(bundles[1], out)).success
    assert _published_state(out) == before
    assert [p.name for p in (out / ".rilis").iterdir() if p.name != "aktif"] == [
        (out / ".rilis" / "aktif").readlink().name
    ]
    result = materialize([*BUNDLE_ASSETS, *ALL_CHECKS], resources=build_resources(bundles[1], out))
    assert result.success
    assert AssetKey("dasbor") in {e.asset_key for e in result.get_asset_materialization_events()}
    assert pegawai_dibaca(out) == "5"
    for name in ("site", "temuan.csv", "rekonsiliasi.csv", "karantina", "terbatas"):
        assert (out / name).is_symlink(), name  # never replaced by a real file
    assert len([p for p in (out / ".rilis").iterdir() if p.name != "aktif"]) == 1
