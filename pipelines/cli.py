"""The `kinerja` command: sample bundles, run the main job, open the Dagster UI.

Messages for people are Indonesian; the exit code is 0 on success, 2 for an unusable bundle
or bad arguments, 3 when another run holds the output folder, 1 for an internal error.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import re
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from pipelines import output_folder
from pipelines.automation.inbox.layout import Inbox
from pipelines.instance import is_ours, write_instance_config
from pipelines.progress import log
from pipelines.settings import (
    DEFAULT_EXPORTS,
    DEFAULT_OUT,
    career_tables_folder,
    dagster_home,
    inbox_path,
    small_cell_threshold,
)
from reports.fmt import angka
from transforms.career.tables import load_tables
from transforms.slices.store import store_beside

if TYPE_CHECKING:
    from dagster import DagsterInstance


class UserError(Exception):
    """A problem the user can fix; the message is Indonesian."""


def _setup_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s  %(message)s", "%H:%M:%S"))
    log.handlers[:] = [handler]
    log.setLevel(logging.INFO)
    log.propagate = False


def cmd_sample(args: argparse.Namespace) -> int:
    from transforms.sample import write_sample_bundle

    if getattr(args, "nasional", False):
        return _cmd_sample_national(args)
    if getattr(args, "instansi", None) is not None or getattr(args, "workers", None) is not None:
        raise UserError("--instansi dan --workers hanya berlaku bersama --nasional.")
    out = Path(args.out)
    if out.exists() and any(out.iterdir()):
        raise UserError(f"Folder tujuan '{out}' sudah berisi berkas; pilih folder kosong atau hapus dulu.")
    if args.employees < 1:
        raise UserError("Jumlah pegawai (--employees) harus minimal 1.")
    start = time.perf_counter()

    shown: dict[str, int] = {}

    def progress(stage: str, done: int, total: int) -> None:
        step = max(1, total // 10)  # one line per 10 %
        if done == total or done // step > shown.get(stage, -1):
            shown[stage] = done // step
            log.info("  %s: %s/%s", stage, angka(done), angka(total))

    summary = write_sample_bundle(
        out, employees=args.employees, seed=args.seed, tahun=args.tahun, progress=progress
    )
    log.info("Contoh bundel ditulis ke %s dalam %.1f detik", out, time.perf_counter() - start)
    for table, rows in summary.rows.items():
        log.info("  %-20s %s baris", table, angka(rows))
    k = summary.karier
    if k:
        log.info("  variasi karier: %s pegawai JF naik jenjang 1 Juli (dua SKP), %s riwayat SIASN "
                 "tahun %s (%s berbeda dari e-Kinerja)", angka(k["jenjang_naik"]),
                 angka(k["siasn_tahun_ini"]), args.tahun, angka(k["siasn_berbeda"]))
    return 0


def _cmd_sample_national(args: argparse.Namespace) -> int:
    """`kinerja sample --nasional`: one zipped bundle per instansi, resumable."""
    from transforms.sample.national import BundleEvent, NationalSampleError, write_national_sample

    def progress(event: BundleEvent) -> None:
        log.info("%s", event.message())

    try:
        summary = write_national_sample(
            Path(args.out), employees=args.employees, seed=args.seed, tahun=args.tahun,
            instansi=args.instansi, workers=args.workers or 1, progress=progress,
        )
    except NationalSampleError as e:
        raise UserError(str(e)) from e
    log.info(
        "Set nasional di %s: %s bundel (%s ditulis, %s sudah lengkap), %s pegawai, %.1f MiB, "
        "dalam %.1f detik. Indeks: %s", args.out, angka(len(summary.bundles)), angka(summary.written),
        angka(summary.skipped), angka(sum(b.employees for b in summary.bundles)),
        summary.bytes / 2**20, summary.seconds, summary.index,
    )
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    exports = Path(args.exports).resolve()
    out = Path(args.out).resolve()
    if not exports.exists():
        raise UserError(f"Bundel ekspor tidak ditemukan: '{exports}'.")
    try:
        small_cell_threshold()  # refused before anything is written
        load_tables(career_tables_folder())
    except ValueError as e:
        raise UserError(str(e)) from e
    warehouse = Path(args.gudang).resolve() if args.gudang else out / output_folder.WAREHOUSE
    start = time.perf_counter()
    try:
        output_folder.check_paths(exports, out)
        output_folder.check_warehouse(warehouse, exports)
        with contextlib.ExitStack() as stack:
            release = stack.enter_context(output_folder.Release(out, wait=args.tunggu))
            if warehouse.parent != out:  # kept elsewhere: one run at a time on it, too
                warehouse.parent.mkdir(parents=True, exist_ok=True)
                stack.enter_context(
                    output_folder.RunLock(output_folder.warehouse_lock(warehouse), wait=args.tunggu)
                )
            assert release.path is not None
            slices = _execute_main_job(exports, release.path, warehouse)
            release.publish()
            failures = _execute_partitions(exports, out, warehouse, slices, "kinerja run")
    except output_folder.OutputRefused as e:
        raise UserError(str(e)) from e
    log.info("Selesai dalam %.1f detik. Hasil: %s", time.perf_counter() - start, out)
    _print_summary(out, warehouse)
    if failures:
        raise UserError(
            "Hasil utama sudah diterbitkan, tetapi irisan per instansi gagal:\n  "
            + "\n  ".join(failures)
            + "\nPerbaiki sebabnya, lalu jalankan: kinerja backfill --out " + str(out)
        )
    return 0


def _quiet_run_config() -> dict:
    """Dagster's own console log (stack traces) only when debugging; people get the short message."""
    level = "DEBUG" if os.environ.get("KINERJA_DEBUG") else "CRITICAL"
    return {"loggers": {"console": {"config": {"log_level": level}}}}


def _execute_partitions(
    exports: Path, out: Path, warehouse: Path, slices: list[tuple[int, str]], source: str
) -> list[str]:
    """Materialise the partitions of ``slices`` (per instansi, then per year) in this process;
    returns the Indonesian failure lines (empty when all succeeded)."""
    from pipelines.partition_runs import materialize_partitions
    from pipelines.resources import build_resources

    if not slices:
        return []
    with _instance() as instance:
        done = materialize_partitions(
            instance, build_resources(exports, out, warehouse), slices,
            tags={"kinerja/sumber": source}, run_config=_quiet_run_config(),
        )
    log.info(
        "Partisi: %d irisan instansi, %d tahun lintas instansi (%s)",
        len(done.slices), len(done.years), store_beside(warehouse),
    )
    return done.failures


def cmd_backfill(args: argparse.Namespace) -> int:
    """Recompute slice partitions (and their years) from the warehouse, recorded in Dagster."""
    import duckdb

    from transforms.slices.compute import warehouse_slices

    out = Path(args.out).resolve()
    warehouse = Path(args.gudang).resolve() if args.gudang else out / output_folder.WAREHOUSE
    if not warehouse.is_file():
        raise UserError(f"Gudang data tidak ditemukan: '{warehouse}'. Jalankan dulu kinerja run.")
    in_out = warehouse.parent == out and (out / output_folder.MARKER).exists()
    lock = out / output_folder.LOCK if in_out else output_folder.warehouse_lock(warehouse)
    with output_folder.RunLock(lock, wait=args.tunggu):
        con = duckdb.connect(str(warehouse), read_only=True)
        try:
            slices = warehouse_slices(con)
        finally:
            con.close()
        years = {int(t) for t in args.tahun or []}
        ids = set(args.instansi or [])
        chosen = [(t, i) for t, i in slices if (not years or t in years) and (not ids or i in ids)]
        if not chosen:
            raise UserError("Tidak ada irisan gudang yang cocok dengan --tahun/--instansi yang diminta.")
        log.info("Backfill %d irisan dari %s", len(chosen), warehouse)
        failures = _execute_partitions(Path(args.out), out, warehouse, chosen, "kinerja backfill")
    if failures:
        raise UserError("Sebagian partisi gagal:\n  " + "\n  ".join(failures))
    print(f"{len(chosen)} irisan dan {len({t for t, _ in chosen})} tahun dihitung ulang: {store_beside(warehouse)}")
    return 0


def _instance() -> DagsterInstance:
    """The persistent instance `kinerja ui` shows (DAGSTER_HOME, default ~/.kinerja/dagster);
    an ephemeral one, with a warning, when that folder cannot be used."""
    from dagster import DagsterInstance

    from pipelines.instance import open_instance

    home = dagster_home()
    try:
        instance = open_instance(home)
    except Exception as e:  # unwritable folder, broken dagster.yaml: the run itself still works
        log.warning("DAGSTER_HOME %s tidak dapat dipakai (%s); run ini tidak tercatat di Dagster UI.", home, e)
        return DagsterInstance.ephemeral()
    log.info("Run dicatat di DAGSTER_HOME %s (terlihat di kinerja ui).", home)
    return instance


def _execute_main_job(exports: Path, out: Path, warehouse: Path | None = None) -> list[tuple[int, str]]:
    """Run the main job in-process on the given bundle, writing files into ``out`` and the
    tables into ``warehouse`` (default ``out/warehouse.duckdb``), recorded in the shared
    Dagster instance; returns the (tahun, instansi) slices the bundle replaced."""
    from pipelines.assets.irisan.sensors import loaded_slices
    from pipelines.definitions import build_definitions
    from pipelines.jobs import MAIN_JOB_NAME
    from pipelines.resources import build_resources

    job = build_definitions(build_resources(exports, out, warehouse)).resolve_job_def(MAIN_JOB_NAME)
    with _instance() as instance:
        result = job.execute_in_process(
            instance=instance,
            raise_on_error=False,
            run_config=_quiet_run_config(),
            tags={"kinerja/sumber": "kinerja run", "kinerja/bundel": exports.name},
        )
    if result.success:
        return loaded_slices(e.event_specific_data.materialization for e in result.get_asset_materialization_events())
    from pipelines.failures import step_failure_messages

    raise UserError("\n".join(step_failure_messages(result)) or "Proses gagal; lihat log di atas.")


def _print_summary(out: Path, warehouse: Path) -> None:
    import csv

    import duckdb

    from transforms.warehouse import latest_bundle

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        bundel = latest_bundle(con)
    finally:
        con.close()
    with (out / "rekonsiliasi.csv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["bundel"] == bundel["bundel_id"]]
    print(f"\nBundel {bundel['bundel_id']} (tahun {bundel['tahun']}, instansi {', '.join(bundel['instansi']) or '-'}).")
    print("Rekonsiliasi (baris fisik = dibaca + kosong + lanjutan; dibaca = diterima + dikarantina):")
    print(f"  {'tabel':<20}{'baris fisik':>12}{'dibaca':>12}{'diterima':>12}{'dikarantina':>13}")
    for r in rows:
        print(
            f"  {r['tabel']:<20}{angka(int(r['baris_fisik'])):>12}{angka(int(r['dibaca'])):>12}"
            f"{angka(int(r['diterima'])):>12}{angka(int(r['dikarantina'])):>13}"
        )
    print(f"\nGudang data : {warehouse}")
    print(f"Karantina   : {out / 'karantina'}")
    print(f"Temuan      : {out / 'temuan.csv'}")
    print(f"Dasbor      : {out / 'site' / 'index.html'}")


def cmd_ui(args: argparse.Namespace) -> int:
    home = Path(args.dagster_home).expanduser().resolve() if args.dagster_home else dagster_home()
    inbox = Path(args.kotak_masuk).expanduser().resolve() if args.kotak_masuk else inbox_path()
    exports = Path(args.exports).resolve()
    out = Path(args.out).resolve()
    for other, label in ((out, "folder hasil"), (exports, "bundel ekspor"), (home, "DAGSTER_HOME")):
        if other == inbox or other.is_relative_to(inbox) or inbox.is_relative_to(other):
            raise UserError(
                f"Kotak masuk '{inbox}' tidak boleh sama dengan, berada di dalam, atau berisi {label} "
                f"'{other}'. Pilih folder lain dengan --kotak-masuk."
            )
    config = write_instance_config(home)
    Inbox(inbox).prepare()
    log.info("Bundel ekspor : %s", exports)
    log.info("Folder hasil  : %s", out)
    log.info("Kotak masuk   : %s (bundel baru diproses otomatis; docs/operasi.md)", inbox)
    log.info("DAGSTER_HOME  : %s (riwayat run, juga run dari kinerja run)", home)
    if not is_ours(config):
        log.info("  %s bukan tulisan kinerja: dipakai apa adanya.", config)
    if not exports.exists():
        log.info("Bundel %s belum ada; membuat contoh bundel dulu.", exports)
        cmd_sample(argparse.Namespace(out=str(exports), employees=2000, seed=7, tahun=2025))
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "KINERJA_EKSPOR": str(exports),
        "KINERJA_OUT": str(out),
        "KINERJA_KOTAK_MASUK": str(inbox),
    }
    dagster = Path(sys.executable).with_name("dagster")
    cmd = [str(dagster), "dev", "-m", "pipelines.definitions", "-h", args.host, "-p", str(args.port)]
    log.info("Dagster UI: http://%s:%s. Hentikan dengan Ctrl+C.", args.host, args.port)
    os.execvpe(cmd[0], cmd, env)
    return 0  # pragma: no cover


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve OUT/site (only the site: never the warehouse or terbatas/) on 127.0.0.1."""
    import functools
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    site = Path(args.out).resolve() / "site"
    if not (site / "index.html").is_file():
        raise UserError(f"Dasbor belum ada di '{site}'. Jalankan dulu: kinerja run --out {args.out}")

    class QuietHandler(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *a: object) -> None:  # noqa: A002
            pass

    handler = functools.partial(QuietHandler, directory=str(site))
    try:
        server = ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    except OSError as e:
        raise UserError(f"Port {args.port} tidak dapat dipakai ({e.strerror}); coba --port lain.") from e
    print(f"Dasbor tersedia di http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C untuk berhenti)", flush=True)
    # SIGTERM (a service manager, `kill`) stops the server like Ctrl+C, whatever disposition
    # the parent process left for it.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


# argparse builds its messages in English before calling error(); these patterns turn the
# messages of Python 3.11's argparse into Indonesian (anything else keeps its text).
_TYPE_NAMES = {"int": "bilangan bulat", "float": "bilangan"}
_MESSAGES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"argument (?P<arg>\S+): (?P<rest>.*)", re.S),
     lambda m: f"argumen {m['arg']}: {_indonesian(m['rest'])}"),
    (re.compile(r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)"),
     lambda m: f"pilihan tidak dikenal: {m['value']} (pilih salah satu dari {m['choices']})"),
    (re.compile(r"the following arguments are required: (?P<args>.*)"),
     lambda m: f"argumen berikut wajib diisi: {m['args']}"),
    (re.compile(r"expected one argument"), lambda m: "memerlukan satu nilai"),
    (re.compile(r"expected at most one argument"), lambda m: "menerima paling banyak satu nilai"),
    (re.compile(r"expected at least one argument"), lambda m: "memerlukan paling sedikit satu nilai"),
    (re.compile(r"expected (?P<n>\d+) arguments?"), lambda m: f"memerlukan {m['n']} nilai"),
    (re.compile(r"unrecognized arguments: (?P<args>.*)"),
     lambda m: f"argumen tidak dikenal: {m['args']}"),
    (re.compile(r"invalid (?P<type>\S+) value: (?P<value>.*)"),
     lambda m: f"bukan {_TYPE_NAMES.get(m['type'], m['type'])} yang sah: {m['value']}"),
    (re.compile(r"ambiguous option: (?P<opt>\S+) could match (?P<matches>.*)"),
     lambda m: f"opsi {m['opt']} tidak jelas, bisa berarti {m['matches']}"),
    (re.compile(r"ignored explicit argument (?P<value>.*)"),
     lambda m: f"opsi ini tidak menerima nilai ({m['value']})"),
    (re.compile(r"not allowed with argument (?P<arg>.*)"),
     lambda m: f"tidak boleh dipakai bersama argumen {m['arg']}"),
    (re.compile(r"one of the arguments (?P<args>.*) is required"),
     lambda m: f"salah satu argumen berikut wajib diisi: {m['args']}"),
    (re.compile(r"unexpected option string: (?P<opt>.*)"),
     lambda m: f"opsi tidak diharapkan: {m['opt']}"),
)


def _indonesian(message: str) -> str:
    """An argparse error message in Indonesian."""
    for pattern, render in _MESSAGES:
        m = pattern.fullmatch(message)
        if m:
            return render(m)
    return message


class _HelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "penggunaan: " if prefix is None else prefix)


class KinerjaParser(argparse.ArgumentParser):
    """ArgumentParser that speaks Indonesian: headings, -h/--help, and every error (exit 2)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "argumen posisi"
        self._optionals.title = "opsi"
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS,
                help="tampilkan bantuan ini lalu keluar",
            )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: galat: {_indonesian(message)}\nBantuan: {self.prog} --help\n")


def build_parser() -> argparse.ArgumentParser:
    parser = KinerjaParser(
        prog="kinerja",
        description="Analitik ekspor e-Kinerja: contoh bundel, job utama, dasbor, Dagster UI.",
        epilog="Bantuan tiap perintah: kinerja PERINTAH --help",
    )
    sub = parser.add_subparsers(
        title="perintah", dest="command", metavar="PERINTAH", required=True
    )

    p = sub.add_parser(
        "sample",
        help="tulis contoh bundel ekspor yang realistis (dengan cacat yang ditanam)",
        description="Tulis contoh bundel ekspor yang realistis, dengan cacat yang ditanam dan "
        "kunci jawabannya (FOLDER.kunci.csv), serta umpan yang tidak boleh ditandai "
        "(FOLDER.umpan.csv).",
    )
    p.add_argument("--out", required=True, metavar="FOLDER",
                   help="folder bundel yang ditulis (wajib; harus kosong atau belum ada)")
    p.add_argument("--employees", type=int, default=2000, metavar="N",
                   help="jumlah pegawai (bawaan: 2000)")
    p.add_argument("--seed", type=int, default=7, metavar="N",
                   help="benih acak; benih yang sama menghasilkan berkas yang sama (bawaan: 7)")
    p.add_argument("--tahun", type=int, default=2025, metavar="TAHUN",
                   help="tahun penilaian (bawaan: 2025)")
    p.add_argument("--nasional", action="store_true",
                   help="tulis set nasional: satu bundel .zip per instansi di FOLDER "
                   "(FOLDER/<nn>-<nama>.zip, indeks FOLDER/nasional.csv); --employees adalah jumlah "
                   "seluruh pegawai; perintah yang terputus dapat diulang, bundel yang sudah "
                   "lengkap dilewati (docs/nasional.md)")
    p.add_argument("--instansi", type=int, metavar="K",
                   help="hanya dengan --nasional: jumlah instansi (bawaan: 626 untuk 6 juta "
                   "pegawai atau lebih, lebih sedikit secara sebanding di bawahnya, minimal 1)")
    p.add_argument("--workers", type=int, metavar="W",
                   help="hanya dengan --nasional: jumlah proses yang menulis bundel bersamaan "
                   "(bawaan: 1)")
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser(
        "run",
        help="jalankan job utama pada satu bundel ekspor (--out wajib)",
        description="Jalankan job utama pada satu bundel ekspor dan terbitkan hasilnya ke "
        "folder --out (wajib: kinerja tidak menulis ke folder bawaan mana pun).",
    )
    p.add_argument("--exports", default=str(DEFAULT_EXPORTS), metavar="FOLDER_ATAU_ZIP",
                   help=f"folder bundel atau berkas .zip (bawaan: {DEFAULT_EXPORTS})")
    p.add_argument("--out", required=True, metavar="HASIL",
                   help="folder hasil (wajib): folder baru, folder kosong, atau hasil kinerja run sebelumnya")
    p.add_argument(
        "--gudang",
        metavar="BERKAS",
        help="berkas gudang data DuckDB yang menyimpan semua tahun dan instansi "
        "(bawaan: HASIL/warehouse.duckdb); dapat dipakai bersama oleh beberapa folder hasil",
    )
    p.add_argument(
        "--tunggu",
        action="store_true",
        help="bila run lain sedang memakai folder hasil (atau gudang) yang sama, tunggu giliran "
        "(bawaan: langsung gagal)",
    )
    p.set_defaults(func=cmd_run)

    p = sub.add_parser(
        "backfill",
        help="hitung ulang partisi irisan (per tahun dan instansi) dari gudang data",
        description="Hitung ulang partisi irisan per tahun dan instansi, lalu perbandingan "
        "antar-instansi tiap tahun yang tersentuh, dari gudang data (tanpa membaca bundel). "
        "Setiap partisi tercatat sebagai run di Dagster UI.",
    )
    p.add_argument("--out", required=True, metavar="HASIL",
                   help="folder hasil yang gudang datanya dipakai (wajib)")
    p.add_argument("--gudang", metavar="BERKAS",
                   help="berkas gudang data (bawaan: HASIL/warehouse.duckdb)")
    p.add_argument("--tahun", action="append", metavar="TAHUN",
                   help="hanya tahun ini (boleh diulang; bawaan: semua tahun di gudang)")
    p.add_argument("--instansi", action="append", metavar="ID",
                   help="hanya instansi ini (boleh diulang; bawaan: semua instansi di gudang)")
    p.add_argument("--tunggu", action="store_true",
                   help="bila run lain sedang memakai gudang ini, tunggu giliran (bawaan: langsung gagal)")
    p.set_defaults(func=cmd_backfill)

    p = sub.add_parser(
        "serve",
        help="sajikan dasbor di http://127.0.0.1 (server lokal, --out wajib)",
        description="Sajikan HASIL/site (hanya dasbor) di http://127.0.0.1.",
    )
    p.add_argument("--out", required=True, metavar="HASIL",
                   help="folder hasil kinerja run yang dasbornya disajikan (wajib)")
    p.add_argument("--port", type=int, default=8000, metavar="PORT",
                   help="port di 127.0.0.1; 0 = port bebas mana saja (bawaan: 8000)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser(
        "ui",
        help="buka Dagster UI dengan daemon (dagster dev): kotak masuk dan jadwal laporan berjalan",
        description="Buka Dagster UI (dagster dev). Tanpa opsi memakai bawaan tertanam "
        f"{DEFAULT_EXPORTS} -> {DEFAULT_OUT} (relatif terhadap folder saat ini; lokasi mutlaknya "
        "dicetak saat mulai) dan membuat contoh bundel bila belum ada.",
    )
    p.add_argument("--exports", default=str(DEFAULT_EXPORTS), metavar="FOLDER_ATAU_ZIP",
                   help=f"bundel ekspor yang dipakai job di UI (bawaan: {DEFAULT_EXPORTS})")
    p.add_argument("--out", default=str(DEFAULT_OUT), metavar="HASIL",
                   help="folder hasil untuk run dari UI, dari kotak masuk, dan dari jadwal laporan "
                   f"(bawaan: {DEFAULT_OUT})")
    p.add_argument("--dagster-home", metavar="FOLDER",
                   help="folder DAGSTER_HOME tempat riwayat run disimpan, juga run dari kinerja run; "
                   "dagster.yaml ditulis di sini bila belum ada (bawaan: variabel DAGSTER_HOME, "
                   "atau ~/.kinerja/dagster)")
    p.add_argument("--kotak-masuk", metavar="FOLDER",
                   help="kotak masuk yang diawasi sensor: setiap bundel baru (sub-folder atau .zip) "
                   "diproses otomatis (bawaan: variabel KINERJA_KOTAK_MASUK, atau "
                   "~/.kinerja/kotak-masuk)")
    p.add_argument("--host", default="127.0.0.1", metavar="ALAMAT",
                   help="alamat yang didengarkan UI (bawaan: 127.0.0.1, hanya mesin ini)")
    p.add_argument("--port", type=int, default=3000, metavar="PORT",
                   help="port UI (bawaan: 3000)")
    p.set_defaults(func=cmd_ui)
    return parser


def main(argv: list[str] | None = None) -> int:
    _setup_logging()
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except UserError as e:
        print(f"GAGAL: {e}", file=sys.stderr)
        return 2
    except output_folder.OutputBusy as e:
        print(f"SIBUK: {e}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
