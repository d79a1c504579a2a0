"""The national sample (transforms/sample/national.py): one zip per instansi, exact sizes,
distinct ids, names and NIPs, the index, resuming, the disk guard and the CLI option."""

from __future__ import annotations

import csv
import dataclasses
import json
import re
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from pipelines.cli import main
from tests.test_sample import read_csv_bytes
from transforms.sample.national import (
    BundleEvent,
    DiskSpaceError,
    NationalSampleError,
    default_instansi,
    plan_national,
    write_bundle,
    write_national_sample,
)

FILES = ["01-kabupaten-tana-toraja.zip", "02-kota-bekasi.zip", "03-kabupaten-pandeglang.zip"]
NAMES = ["Pemerintah Kabupaten Tana Toraja", "Pemerintah Kota Bekasi",
         "Pemerintah Kabupaten Pandeglang"]
SIZES = [109, 123, 68]
MEMBERS = ["bukti_dukung.jsonl", "indikator.csv", "kinerja.xlsx", "manifest.json", "pegawai.csv",
           "penilaian.csv", "perilaku.csv", "realisasi.csv", "rhk.csv", "riwayat_skp.json",
           "skp.csv", "unit_kerja.csv"]


def write_small(out: Path, events: list[BundleEvent] | None = None, workers: int = 1):
    return write_national_sample(out, 300, seed=7, instansi=3, workers=workers,
                                 progress=events.append if events is not None else None)


def read_member(zf: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    return read_csv_bytes(zf.read(name))


def employees_in(bundle: Path) -> int:
    """pegawai rows less the rows planted there (NIP_INVALID, DUPLICATE_KEY: the key says)."""
    with zipfile.ZipFile(bundle) as zf:
        rows = len(read_member(zf, "pegawai.csv"))
    key = bundle.with_name(bundle.name.removesuffix(".zip") + ".kunci.csv")
    with key.open(encoding="utf-8", newline="") as f:
        planted = sum(r["subjek_id"].startswith("pegawai:") for r in csv.DictReader(f))
    return rows - planted


def index_rows(out: Path) -> list[dict[str, str]]:
    with (out / "nasional.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def mtimes(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.suffix in (".zip", ".csv")}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("nasional") / "set"
    write_small(out)
    return out


def test_one_zip_per_instansi_with_exact_sizes(small):
    assert sorted(p.name for p in small.glob("*.zip")) == FILES
    for name in FILES:
        stem = name.removesuffix(".zip")
        assert (small / f"{stem}.kunci.csv").is_file() and (small / f"{stem}.umpan.csv").is_file()
        with zipfile.ZipFile(small / name) as zf:
            assert sorted(zf.namelist()) == MEMBERS
            assert {i.compress_type for i in zf.infolist()} == {zipfile.ZIP_DEFLATED}
    sizes = [employees_in(small / name) for name in FILES]
    assert sizes == SIZES and sum(sizes) == 300
    assert not [p for p in small.iterdir() if p.name.endswith(".sementara")]


def test_instansi_ids_and_names_distinct_inside_bundles(small):
    seen = []
    for name in FILES:
        with zipfile.ZipFile(small / name) as zf:
            units = read_member(zf, "unit_kerja.csv")
            manifest = json.loads(zf.read("manifest.json"))
        ids = {u["instansi_id"] for u in units}
        names = {u["instansi_nama"] for u in units}
        assert ids == {manifest["instansi_id"]} and len(names) == 1
        root = next(u for u in units if not u["unor_induk_id"])
        assert root["unor_nama"] == "Sekretariat Daerah " + names.pop().removeprefix("Pemerintah ")
        seen.append((ids.pop(), next(iter({u["instansi_nama"] for u in units}))))
    assert [n for _, n in seen] == NAMES
    assert len({i for i, _ in seen}) == 3
    assert [i[-4:] for i, _ in seen] == ["0001", "0002", "0003"]


def test_nips_distinct_across_bundles(small):
    per_bundle = []
    for name in FILES:
        with zipfile.ZipFile(small / name) as zf:
            per_bundle.append({re.sub(r"\D", "", r["nip"]) for r in read_member(zf, "pegawai.csv")})
    assert sum(len(s) for s in per_bundle) == len(set().union(*per_bundle))


def test_index_matches_the_zips(small):
    rows = index_rows(small)
    assert [r["file"] for r in rows] == FILES
    assert [r["nama"] for r in rows] == NAMES
    assert [int(r["employees"]) for r in rows] == SIZES
    assert [int(r["bytes"]) for r in rows] == [(small / f).stat().st_size for f in FILES]
    for r in rows:
        with zipfile.ZipFile(small / r["file"]) as zf:
            assert json.loads(zf.read("manifest.json"))["instansi_id"] == r["instansi_id"]


def test_second_call_skips_complete_bundles(small):
    before = {n: t for n, t in mtimes(small).items() if n != "nasional.csv"}
    events: list[BundleEvent] = []
    summary = write_small(small, events)
    assert (summary.written, summary.skipped) == (0, 3)
    assert [e.written for e in events] == [False, False, False]
    assert events[0].message() == (
        "Bundel 1/3: 01-kabupaten-tana-toraja.zip, Pemerintah Kabupaten Tana Toraja "
        "(109 pegawai), 0,1 MiB, sudah lengkap, dilewati")
    assert {n: t for n, t in mtimes(small).items() if n != "nasional.csv"} == before


def test_interrupted_bundle_is_cleaned_and_redone(small, tmp_path):
    out = tmp_path / "set"
    shutil.copytree(small, out)
    original = (out / FILES[1]).read_bytes()
    (out / FILES[1]).unlink()  # killed before the zip's rename: keys renamed, zip not
    work = out / "02-kota-bekasi.sementara"
    (work / "ekspor").mkdir(parents=True)
    (work / "ekspor" / "pegawai.csv").write_text("nip;nama\n1;setengah", encoding="utf-8")
    (work / "02-kota-bekasi.zip.part").write_bytes(b"PK\x03\x04 terpotong")
    (out / "nasional.csv.sementara").write_text("sisa", encoding="utf-8")
    kept = {n: t for n, t in mtimes(out).items() if n.startswith(("01-", "03-"))}
    events: list[BundleEvent] = []
    summary = write_small(out, events)
    assert (summary.written, summary.skipped) == (1, 2)
    assert [(e.bundle.index, e.written) for e in events] == [(1, False), (2, True), (3, False)]
    assert (out / FILES[1]).read_bytes() == original  # same seed, same bytes
    assert not [p for p in out.iterdir() if p.name.endswith(".sementara")]
    assert {n: t for n, t in mtimes(out).items() if n.startswith(("01-", "03-"))} == kept


def test_disk_guard_stops_with_indonesian_message(tmp_path, monkeypatch):
    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(shutil, "disk_usage", lambda _: usage._replace(free=260 << 20))
    out = tmp_path / "penuh"
    with pytest.raises(DiskSpaceError) as e:
        write_small(out)
    assert str(e.value) == (
        "Ruang disk tidak cukup untuk bundel 1 (01-kabupaten-tana-toraja.zip, 109 pegawai): "
        "perlu sekitar 5,7 MiB ditambah cadangan 256,0 MiB, tersedia 260,0 MiB di "
        f"'{out}'. Kosongkan ruang atau pilih folder lain; bundel yang sudah lengkap dipakai "
        "ulang saat perintah diulang.")
    assert sorted(p.name for p in out.iterdir()) == [".nasional.lock", "nasional.rencana.json"]


def test_other_parameters_or_foreign_files_are_refused(small, tmp_path):
    with pytest.raises(NationalSampleError, match="berisi set nasional dengan parameter lain"):
        write_national_sample(small, 301, seed=7, instansi=3)
    (tmp_path / "lain.txt").write_text("x", encoding="utf-8")
    with pytest.raises(NationalSampleError, match="sudah berisi berkas lain"):
        write_national_sample(tmp_path, 300, seed=7, instansi=3)
    with pytest.raises(NationalSampleError, match="minimal sama dengan jumlah instansi"):
        plan_national(2, seed=7, instansi=3)


def test_workers_write_the_same_bytes(small, tmp_path):
    summary = write_small(tmp_path / "dua", workers=2)
    assert summary.written == 3
    for name in FILES:
        assert (tmp_path / "dua" / name).read_bytes() == (small / name).read_bytes()


def test_national_plan_is_skewed_like_the_real_thing():
    plan = plan_national(6_000_000, seed=11)
    assert len(plan) == 626 and sum(b.employees for b in plan) == 6_000_000
    assert Counter(b.jenis for b in plan) == {"kabupaten": 415, "kota": 93, "provinsi": 38,
                                              "pusat": 80}
    assert len({b.nama for b in plan}) == len({b.instansi_id for b in plan}) == 626
    pemda = [b.employees for b in plan if b.jenis in ("kabupaten", "kota")]
    assert sum(2_000 <= n <= 15_000 for n in pemda) / len(pemda) > 0.9
    big = sorted(b.employees for b in plan if b.jenis in ("provinsi", "pusat"))[-20:]
    assert big[0] >= 20_000 and big[-1] <= 250_000
    ranges = sorted((b.nip_base, b.nip_base + b.nip_width - 1) for b in plan)
    assert ranges[0][0] == 1 and ranges[-1][1] == 999
    assert all(a[1] < b[0] for a, b in zip(ranges, ranges[1:], strict=False))
    assert [default_instansi(n) for n in (1, 300, 30_000, 600_000, 6_000_000, 9_000_000)] == [
        1, 1, 3, 63, 626, 626]


def test_central_agency_is_named_and_appraised_as_one(tmp_path):
    plan = plan_national(13_000, seed=3, instansi=8)
    pusat = dataclasses.replace(next(b for b in plan if b.jenis == "pusat"), employees=40)
    assert pusat.nama == "Dewan Perwakilan Rakyat Republik Indonesia"
    write_bundle(tmp_path, pusat, 2025)
    with zipfile.ZipFile(tmp_path / pusat.file) as zf:
        riwayat = json.loads(zf.read("riwayat_skp.json"))
        root = next(u for u in read_member(zf, "unit_kerja.csv") if not u["unor_induk_id"])
    assert root["unor_nama"] == "Sekretariat Jenderal Dewan Perwakilan Rakyat Republik Indonesia"
    top = {r["namaPenilai"] for r in riwayat if r["statusPenilai"] == "NON ASN"}
    assert top == {"Ketua Dewan Perwakilan Rakyat Republik Indonesia"}


def test_cli_option(tmp_path, capsys):
    out = tmp_path / "cli"
    assert main(["sample", "--nasional", "--out", str(out), "--employees", "60",
                 "--instansi", "2", "--seed", "3"]) == 0
    err = capsys.readouterr().err
    assert re.search(r"Bundel 1/2: 01-[a-z-]+\.zip, Pemerintah .+ \(\d+ pegawai\)", err)
    assert "Set nasional di" in err and len(index_rows(out)) == 2
    assert main(["sample", "--out", str(tmp_path / "satu"), "--workers", "2"]) == 2
    assert "hanya berlaku bersama --nasional" in capsys.readouterr().err


def test_a_second_writer_on_the_same_folder_is_refused(tmp_path):
    import fcntl

    out = tmp_path / "sibuk"
    out.mkdir()
    with (out / ".nasional.lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(NationalSampleError, match="sedang ditulis oleh proses"):
            write_small(out)
