"""The `kinerja` command end to end: run on a bundle, failure modes, outputs."""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pipelines.cli import main
from tests.conftest import copy_published, write_bundle

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


def test_zip_bundle_gives_the_same_result(tmp_path, bundle_rows, published):
    folder = write_bundle(tmp_path / "ekspor", bundle_rows)  # the bundle `published` ran on
    archive = tmp_path / "ekspor.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in folder.iterdir():
            zf.write(f, f"ekspor_2025/{f.name}")
    assert main(["run", "--exports", str(archive), "--out", str(tmp_path / "a")]) == 0
    a = [(r["tabel"], r["dibaca"], r["diterima"]) for r in read_csv(tmp_path / "a" / "rekonsiliasi.csv")]
    b = [(r["tabel"], r["dibaca"], r["diterima"]) for r in read_csv(published / "rekonsiliasi.csv")]
    assert a == b
    assert (tmp_path / "a" / "temuan.csv").read_bytes() == (published / "temuan.csv").read_bytes()


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


@pytest.fixture
def published(published_base) -> Path:
    """A folder holding a complete earlier result of `kinerja run` of ``base_rows()`` (the
    session's shared one: only read here, or copied)."""
    return published_base


def _fails_cleanly(tmp_path: Path, bundle: Path, published: Path, *expected: str) -> None:
    out = copy_published(published, tmp_path / "hasil")
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


def test_serve_publishes_only_the_site_on_loopback(published):
    import urllib.error
    import urllib.request

    out = published  # served, only read
    proc = subprocess.Popen(
        [KINERJA, "serve", "--out", str(out), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
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
        try:
            assert proc.wait(timeout=30) == 0  # SIGTERM stops it cleanly, like Ctrl+C
        except subprocess.TimeoutExpired:
            proc.kill()
            raise AssertionError(f"serve did not stop on SIGTERM: {proc.stderr.read()}") from None


def test_serve_without_a_site_explains_what_to_do(tmp_path, capsys):
    assert main(["serve", "--out", str(tmp_path / "kosong")]) == 2
    assert "kinerja run" in capsys.readouterr().err


# --- the command line a user meets: Indonesian help and errors ------------------------------

ENGLISH_ARGPARSE = ("usage:", "positional arguments", "options:", "optional arguments",
                    "show this help message", "error:", "invalid", "required", "expected",
                    "unrecognized", "choose from", "argument ")


def test_help_is_indonesian(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("penggunaan: kinerja")
    assert "perintah" in out and "tampilkan bantuan ini lalu keluar" in out
    for name in ("sample", "run", "serve", "ui"):
        assert name in out
    for word in ENGLISH_ARGPARSE:
        assert word not in out, word


def test_every_option_has_a_help_text():
    from pipelines.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert sorted(commands.choices) == ["backfill", "run", "sample", "serve", "ui"]
    for name, sub in commands.choices.items():
        for action in sub._actions:
            assert action.help and len(action.help.split()) >= 3, (name, action.option_strings)


@pytest.mark.parametrize("command", ["sample", "run", "serve", "ui"])
def test_every_option_has_indonesian_help(capsys, command):
    with pytest.raises(SystemExit) as e:
        main([command, "--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"penggunaan: kinerja {command}") and "opsi:" in out
    for word in ENGLISH_ARGPARSE:
        assert word not in out, word
    options = {
        "sample": ["--out", "--employees", "--seed", "--tahun", "--nasional", "--instansi", "--workers"],
        "run": ["--exports", "--out", "--tunggu"],
        "serve": ["--out", "--port"],
        "ui": ["--exports", "--out", "--dagster-home", "--host", "--port"],
    }[command]
    help_lines = out.split("opsi:", 1)[1]
    for option in options:
        # each option is listed with a help text after it (on its line or the next one)
        after = help_lines.split(option, 1)[1].split("\n  -", 1)[0]
        assert len(after.split()) >= 3, (option, after)
    if command in ("run", "serve"):
        assert "--out HASIL" in out.split("\n\n", 1)[0] and "[--out" not in out  # required
        assert "(wajib" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "kinerja: galat: argumen berikut wajib diisi: PERINTAH"),
        (["jalan"], "kinerja: galat: argumen PERINTAH: pilihan tidak dikenal: 'jalan' "
                    "(pilih salah satu dari 'sample', 'run', 'backfill', 'serve', 'ui')"),
        (["run", "--exports", "ekspor"], "kinerja run: galat: argumen berikut wajib diisi: --out"),
        (["serve"], "kinerja serve: galat: argumen berikut wajib diisi: --out"),
        (["sample", "--out", "x", "--employees"],
         "kinerja sample: galat: argumen --employees: memerlukan satu nilai"),
        (["sample", "--out", "x", "--employees", "banyak"],
         "kinerja sample: galat: argumen --employees: bukan bilangan bulat yang sah: 'banyak'"),
        (["run", "--out", "hasil", "--bogus"], "kinerja: galat: argumen tidak dikenal: --bogus"),
    ],
    ids=["no-command", "invalid-command", "run-without-out", "serve-without-out",
         "employees-without-value", "employees-not-an-int", "unknown-option"],
)
def test_argument_errors_exit_2_in_indonesian(tmp_path, monkeypatch, capsys, argv, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err
    assert err.startswith("penggunaan: kinerja")
    assert message in err
    for word in ENGLISH_ARGPARSE:
        assert word not in err, word
    assert list(tmp_path.iterdir()) == []  # nothing written where the user stands


def test_run_without_out_writes_nothing_in_the_current_folder(tmp_path, bundle_rows):
    bundle = write_bundle(tmp_path / "ekspor", bundle_rows)
    proc = subprocess.run([KINERJA, "run", "--exports", str(bundle)], capture_output=True,
                          text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 2
    assert "argumen berikut wajib diisi: --out" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ekspor"]


def test_ui_instance_config_turns_telemetry_off(tmp_path):
    import yaml
    from dagster import DagsterInstance

    from pipelines.cli import write_instance_config

    path = write_instance_config(tmp_path / "home")
    assert path == tmp_path / "home" / "dagster.yaml"
    assert path.read_text(encoding="utf-8").startswith("# Ditulis oleh kinerja.")
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == {
        "python_logs": {"managed_python_loggers": ["kinerja"], "python_log_level": "INFO"},
        "telemetry": {"enabled": False},
        "concurrency": {"runs": {"max_concurrent_runs": 1}},
        "run_monitoring": {"enabled": True, "max_runtime_seconds": 21600, "cancel_timeout_seconds": 180},
        "retention": {
            "schedule": {"purge_after_days": 90},
            "sensor": {"purge_after_days": {"skipped": 7, "failure": 30, "success": -1}},
        },
    }
    instance = DagsterInstance.from_config(str(tmp_path / "home"))
    try:
        assert instance.telemetry_enabled is False
        assert instance.get_concurrency_config().run_queue_config.max_concurrent_runs == 1
        assert instance.run_monitoring_enabled
    finally:
        instance.dispose()


def test_someone_elses_dagster_yaml_is_never_replaced(tmp_path):
    from pipelines.cli import write_instance_config

    home = tmp_path / "home"
    home.mkdir()
    theirs = "telemetry:\n  enabled: true\n"
    (home / "dagster.yaml").write_text(theirs, encoding="utf-8")
    write_instance_config(home)
    assert (home / "dagster.yaml").read_text(encoding="utf-8") == theirs
    earlier = "python_logs:\n  managed_python_loggers:\n    - kinerja\n  python_log_level: INFO\ntelemetry:\n  enabled: false\n"
    (home / "dagster.yaml").write_text(earlier, encoding="utf-8")  # what kinerja wrote before
    write_instance_config(home)
    assert (home / "dagster.yaml").read_text(encoding="utf-8").startswith("# Ditulis oleh kinerja.")


def test_run_is_recorded_in_the_shared_dagster_home(published_base_run):
    """`kinerja run` records its run in DAGSTER_HOME, the instance `kinerja ui` shows (the
    session's shared run of ``base_rows()``, made with a DAGSTER_HOME of its own)."""
    from dagster import DagsterInstance, DagsterRunStatus

    home = published_base_run.dagster_home
    assert "Run dicatat di DAGSTER_HOME" in published_base_run.stderr
    with DagsterInstance.from_config(str(home)) as instance:
        runs = instance.get_runs()[::-1]  # oldest first: the bundle run, then its partitions
        assert [(r.job_name, r.status) for r in runs] == [
            ("kinerja_lengkap", DagsterRunStatus.SUCCESS),
            ("irisan_instansi", DagsterRunStatus.SUCCESS),  # the bundle's one slice (2025, A5EB03E2)
            ("lintas_tahun", DagsterRunStatus.SUCCESS),  # and its year
        ]
        assert {r.tags["kinerja/sumber"] for r in runs} == {"kinerja run"}
        assert runs[0].tags["kinerja/bundel"] == "ekspor"
        assert runs[1].tags["dagster/partition"] == "A5EB03E2|2025"
