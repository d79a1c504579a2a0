"""The `kinerja` command end to end: run on a bundle, failure modes, outputs."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pipelines.cli import main
from tests.conftest import write_bundle

KINERJA = str(Path(sys.executable).with_name("kinerja"))


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_run_writes_every_output_and_reconciles(tmp_path, bundle_rows, capsys):
    bundle_rows["pegawai"].append(dict(bundle_rows["pegawai"][1], nip="1,98609E+17"))
    bundle = write_bundle(tmp_path / "ekspor", bundle_rows)
    out = tmp_path / "hasil"
    assert main(["run", "--exports", str(bundle), "--out", str(out)]) == 0
    rekon = {r["tabel"]: r for r in read_csv(out / "rekonsiliasi.csv")}
    assert set(rekon) >= set(bundle_rows)
    for r in rekon.values():
        assert int(r["dibaca"]) == int(r["diterima"]) + int(r["dikarantina"])
    assert (rekon["pegawai"]["dibaca"], rekon["pegawai"]["dikarantina"]) == ("5", "1")
    assert read_csv(out / "karantina" / "ringkasan.csv") == [
        {"tahun": "2025", "tabel": "pegawai", "kode_alasan": "NIP_TIDAK_VALID", "jumlah": "1"}
    ]
    assert [r["rule"] for r in read_csv(out / "temuan.csv")] == ["NIP_INVALID"]
    html = (out / "site" / "index.html").read_text(encoding="utf-8")
    assert "Pemerintah Kabupaten Sleman" in html and "Siti Rahmawati" not in html
    printed = capsys.readouterr().out
    assert "Rekonsiliasi" in printed and str(out / "site" / "index.html") in printed
    assert not list(tmp_path.glob(".hasil*")), "staging folder left behind"
    assert sorted(p.name for p in (out / ".rilis").iterdir()) == sorted(["aktif", (out / ".rilis" / "aktif").readlink().name])


def test_zip_bundle_gives_the_same_result(tmp_path, bundle_rows):
    folder = write_bundle(tmp_path / "ekspor", bundle_rows)
    archive = tmp_path / "ekspor.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in folder.iterdir():
            zf.write(f, f"ekspor_2025/{f.name}")
    assert main(["run", "--exports", str(archive), "--out", str(tmp_path / "a")]) == 0
    assert main(["run", "--exports", str(folder), "--out", str(tmp_path / "b")]) == 0
    a = [(r["tabel"], r["dibaca"], r["diterima"]) for r in read_csv(tmp_path / "a" / "rekonsiliasi.csv")]
    b = [(r["tabel"], r["dibaca"], r["diterima"]) for r in read_csv(tmp_path / "b" / "rekonsiliasi.csv")]
    assert a == b


def tree(root: Path) -> dict[str, bytes | str]:
    """Every entry under ``root`` (links as their target, files as their bytes)."""
    out: dict[str, bytes | str] = {}
    for p in sorted(root.rglob("*")):
        key = str(p.relative_to(root))
        if p.is_symlink():
            out[key] = "->" + str(p.readlink())
        elif p.is_file():
            out[key] = p.read_bytes()
    return out


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """A folder holding a complete earlier result of `kinerja run`."""
    from tests.conftest import base_rows

    root = tmp_path_factory.mktemp("terbit")
    bundle = write_bundle(root / "ekspor", base_rows())
    assert main(["run", "--exports", str(bundle), "--out", str(root / "hasil")]) == 0
    return root / "hasil"


def _fails_cleanly(tmp_path: Path, bundle: Path, published: Path, *expected: str) -> None:
    out = tmp_path / "hasil"
    shutil.copytree(published, out, symlinks=True)
    before = tree(out)
    proc = subprocess.run(
        [KINERJA, "run", "--exports", str(bundle), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 2, proc.stderr
    assert "GAGAL" in proc.stderr
    for text in expected:
        assert text in proc.stderr
    assert "Traceback" not in proc.stderr
    assert tree(out) == before, "earlier result must stay untouched"


def test_missing_required_table_fails_with_indonesian_message(tmp_path, bundle_rows, published):
    del bundle_rows["skp"]
    bundle = write_bundle(tmp_path / "ekspor", bundle_rows)
    _fails_cleanly(tmp_path, bundle, published, "skp", "tidak")


def test_unreadable_file_fails_naming_the_file(tmp_path, bundle_rows, published):
    bundle = write_bundle(tmp_path / "ekspor", bundle_rows)
    (bundle / "rhk.csv").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    _fails_cleanly(tmp_path, bundle, published, "rhk.csv")


def test_missing_required_column_fails_naming_file_and_column(tmp_path, bundle_rows, published):
    bundle = write_bundle(tmp_path / "ekspor", bundle_rows)
    (bundle / "indikator.csv").write_text(
        "indikator_id,rhk_id,aspek,target_min,satuan\nI1,R2,Kuantitas,2,Dokumen\n", encoding="utf-8"
    )
    _fails_cleanly(tmp_path, bundle, published, "indikator.csv", "uraian")


def test_missing_bundle_path(tmp_path, capsys):
    assert main(["run", "--exports", str(tmp_path / "tidak-ada"), "--out", str(tmp_path / "o")]) == 2
    assert "tidak ditemukan" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["sample"], ["run", "--bogus"]])
def test_bad_arguments_exit_nonzero(argv):
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code != 0


def test_serve_publishes_only_the_site_on_loopback(tmp_path, bundle_rows):
    import urllib.error
    import urllib.request

    bundle = write_bundle(tmp_path / "ekspor", bundle_rows)
    out = tmp_path / "hasil"
    assert main(["run", "--exports", str(bundle), "--out", str(out)]) == 0
    proc = subprocess.Popen(
        [KINERJA, "serve", "--out", str(out), "--port", "0"], stdout=subprocess.PIPE, text=True
    )
    try:
        line = proc.stdout.readline()
        assert "http://127.0.0.1:" in line
        base = next(w for w in line.split() if w.startswith("http://"))
        with urllib.request.urlopen(base, timeout=10) as r:
            assert r.status == 200 and "Pemerintah Kabupaten Sleman" in r.read().decode()
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(base + "../warehouse.duckdb", timeout=10)
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(base + "%2e%2e/terbatas/daftar.csv", timeout=10)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_without_a_site_explains_what_to_do(tmp_path, capsys):
    assert main(["serve", "--out", str(tmp_path / "kosong")]) == 2
    assert "kinerja run" in capsys.readouterr().err
