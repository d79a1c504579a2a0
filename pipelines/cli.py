"""The `kinerja` command: sample bundles, run the main job, open the Dagster UI.

Messages for people are Indonesian; the exit code is 0 on success, 2 for an unusable bundle
or bad arguments, 3 when another run holds the output folder, 1 for an internal error.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import time
from pathlib import Path

from pipelines import output_folder
from pipelines.progress import log
from pipelines.settings import DEFAULT_DAGSTER_HOME, DEFAULT_EXPORTS, DEFAULT_OUT
from reports.fmt import angka


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
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    exports = Path(args.exports).resolve()
    out = Path(args.out).resolve()
    if not exports.exists():
        raise UserError(f"Bundel ekspor tidak ditemukan: '{exports}'.")
    start = time.perf_counter()
    try:
        output_folder.check_paths(exports, out)
        with output_folder.locked(out, wait=args.tunggu) as lock:
            if lock.stale:
                log.info("Run sebelumnya (%s) terhenti tanpa selesai.", output_folder.describe_holder(lock.stale))
            for note in output_folder.recover(out):
                log.info("Pemulihan: %s", note)
            release = output_folder.new_release(out)
            try:
                _execute_main_job(exports, release, out / output_folder.WAREHOUSE)
                shutil.rmtree(release / ".kerja", ignore_errors=True)
                output_folder.fault_point("sebelum_terbit")
                output_folder.publish(out, release)
            except BaseException:
                output_folder.discard(release)
                raise
    except output_folder.OutputRefused as e:
        raise UserError(str(e)) from e
    log.info("Selesai dalam %.1f detik. Hasil: %s", time.perf_counter() - start, out)
    _print_summary(out)
    return 0


def _execute_main_job(exports: Path, out: Path, warehouse: Path | None = None) -> None:
    """Run the main job in-process on the given bundle, writing files into ``out`` and the
    tables into ``warehouse`` (default ``out/warehouse.duckdb``)."""
    from dagster import DagsterInstance

    from pipelines.definitions import build_definitions
    from pipelines.jobs import MAIN_JOB_NAME
    from pipelines.resources import build_resources

    job = build_definitions(build_resources(exports, out, warehouse)).resolve_job_def(MAIN_JOB_NAME)
    instance = DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else DagsterInstance.ephemeral()
    # Dagster's own console log (stack traces) only when debugging; people get the short message.
    level = "DEBUG" if os.environ.get("KINERJA_DEBUG") else "CRITICAL"
    result = job.execute_in_process(
        instance=instance,
        raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": level}}}},
    )
    if result.success:
        return
    messages = []
    for event in result.get_step_failure_events():
        data = event.step_failure_data
        if data.user_failure_data is not None and data.user_failure_data.description:
            messages.append(data.user_failure_data.description)
        else:
            err = data.error
            while err is not None and err.cause is not None:
                err = err.cause  # the user-code exception, not Dagster's wrapper
            detail = err.message.strip() if err else "tidak diketahui"
            messages.append(
                f"Langkah {event.step_key} gagal karena kesalahan internal: {detail}\n"
                "Jalankan ulang dengan KINERJA_DEBUG=1 untuk melihat rinciannya, lalu laporkan ke pengembang."
            )
    raise UserError("\n".join(dict.fromkeys(messages)) or "Proses gagal; lihat log di atas.")


def _print_summary(out: Path) -> None:
    import csv

    import duckdb

    from transforms.warehouse import latest_bundle

    con = duckdb.connect(str(out / output_folder.WAREHOUSE), read_only=True)
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
    print(f"\nGudang data : {out / output_folder.WAREHOUSE}")
    print(f"Karantina   : {out / 'karantina'}")
    print(f"Temuan      : {out / 'temuan.csv'}")
    print(f"Dasbor      : {out / 'site' / 'index.html'}")


def cmd_ui(args: argparse.Namespace) -> int:
    home = Path(args.dagster_home).resolve()
    home.mkdir(parents=True, exist_ok=True)
    (home / "dagster.yaml").write_text(
        "python_logs:\n  managed_python_loggers:\n    - kinerja\n  python_log_level: INFO\n",
        encoding="utf-8",
    )
    exports = Path(args.exports).resolve()
    if not exports.exists():
        log.info("Bundel %s belum ada; membuat contoh bundel dulu.", exports)
        cmd_sample(argparse.Namespace(out=str(exports), employees=2000, seed=7, tahun=2025))
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "KINERJA_EKSPOR": str(exports),
        "KINERJA_OUT": str(Path(args.out).resolve()),
    }
    dagster = Path(sys.executable).with_name("dagster")
    cmd = [str(dagster), "dev", "-m", "pipelines.definitions", "-h", args.host, "-p", str(args.port)]
    log.info("Dagster UI: http://%s:%s (DAGSTER_HOME=%s). Hentikan dengan Ctrl+C.", args.host, args.port, home)
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
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kinerja", description="Analitik ekspor e-Kinerja.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("sample", help="tulis contoh bundel ekspor yang realistis (dengan cacat yang ditanam)")
    p.add_argument("--out", required=True, help="folder bundel yang ditulis")
    p.add_argument("--employees", type=int, default=2000, help="jumlah pegawai")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--tahun", type=int, default=2025)
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("run", help="jalankan job utama pada satu bundel ekspor")
    p.add_argument("--exports", default=str(DEFAULT_EXPORTS), help="folder bundel atau berkas .zip")
    p.add_argument("--out", default=str(DEFAULT_OUT), help="folder hasil")
    p.add_argument(
        "--tunggu",
        action="store_true",
        help="bila run lain sedang memakai folder hasil yang sama, tunggu giliran (bawaan: langsung gagal)",
    )
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("serve", help="sajikan dasbor di http://127.0.0.1 (server lokal)")
    p.add_argument("--out", default=str(DEFAULT_OUT), help="folder hasil kinerja run")
    p.add_argument("--port", type=int, default=8000, help="0 = port bebas mana saja")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("ui", help="buka Dagster UI (dagster dev) pada bawaan tertanam")
    p.add_argument("--exports", default=str(DEFAULT_EXPORTS))
    p.add_argument("--out", default=str(DEFAULT_OUT))
    p.add_argument("--dagster-home", default=str(DEFAULT_DAGSTER_HOME))
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=3000)
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
