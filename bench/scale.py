"""Scale benchmark: `kinerja run` end to end at given sizes, per stage, against the read-only floor.

    python -m bench.scale --employees 8000 60000 [300000 1000000] [--profil 60000]

For each size: write a sample bundle under bench/out/skala/n<N>-s<seed>/ (reused when one of the
same size and seed is complete), run `kinerja run` on it as a child process with its own
KINERJA_HOME/DAGSTER_HOME, and record wall time, CPU time (user+sys, wait4 rusage, its child
processes included), peak RSS (largest single process, wait4; and the sampled sum over the
process tree), input rows (physical rows of OUT/rekonsiliasi.csv), rows per second, output sizes,
per stage times from the Dagster runs `kinerja run` recorded (main job kinerja_lengkap,
partition jobs irisan_instansi and lintas_tahun), each stage's CPU and peak RSS from a /proc
sampler, and the read-only floor: a fresh process in which DuckDB reads every input file once
(`--lantai DIR`), and each dashboard page's size and load time in headless Chromium
(bench/page_load.py; ``--halaman N`` measures the pages of size N's last run again). With ``--profil N`` the N-employee run is repeated once under py-spy (``--idle
--threads``: wall time of every process's main thread; cProfile when py-spy is not installed) and
its hot spots are recorded; ``--hanya-profil`` profiles again without measuring, ``--urai-profil N``
parses the raw py-spy recordings of size N again. Results are merged into
bench/scale.json (kept in git; by size and seed) and rendered into docs/benchmarks.md
(``--render`` renders again from the JSON only). Not part of `make test`.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import os
import platform
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.run import OUT, Timing, timed

ROOT = Path(__file__).resolve().parent.parent
SKALA = OUT / "skala"
RESULTS = ROOT / "bench" / "scale.json"  # kept in git: figures survive a fresh checkout
DOC = ROOT / "docs" / "benchmarks.md"
MAIN_JOB = "kinerja_lengkap"
PARTITION_JOBS = ("irisan_instansi", "lintas_tahun")
COMPLETE = ".lengkap"  # written beside a bundle once `kinerja sample` succeeded
PAGE_TARGET_MB, PAGE_TARGET_S = 3.0, 1.5  # issue 13: each page under 3 MB, loaded under 1.5 s
SAMPLE_EVERY = 0.25  # seconds between /proc samples of the run's process tree
# py-spy names files relative to their sys.path entry ("transforms/staging.py",
# "great_expectations/expectations/..."), cProfile by absolute path.
PROJECT_CODE = re.compile(r"^((?:pipelines|transforms|reports|expectations)/[^()]*\.py)$")


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


# ---------------------------------------------------------------------------------------------
# Bundle and run


def bundle(employees: int, seed: int) -> tuple[Path, dict]:
    """The sample bundle of this size and seed (written unless a complete one exists)."""
    work = SKALA / f"n{employees}-s{seed}"
    exports = work / "ekspor"
    if (work / COMPLETE).is_file() and exports.is_dir():
        return exports, {"dipakai_ulang": True}
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    t = timed(
        [_bin("kinerja"), "sample", "--out", str(exports), "--employees", str(employees), "--seed", str(seed)],
        log=work / "sample.log",
    )
    (work / COMPLETE).touch()
    return exports, {"dipakai_ulang": False, "detik": round(t.wall_s, 1), "rss_mib": round(t.peak_rss_mib)}


def _run_env(work: Path) -> tuple[dict[str, str], Path]:
    home = work / "home"
    shutil.rmtree(home, ignore_errors=True)
    env = {**os.environ, "KINERJA_HOME": str(home), "DAGSTER_HOME": str(home / "dagster")}
    env.pop("KINERJA_GUDANG", None)
    return env, home / "dagster"


def run_pipeline(exports: Path, work: Path, prefix: list[str] | None = None, tag: str = "run") -> tuple[Timing, Path, Path]:
    """`kinerja run` on a fresh OUT and a fresh DAGSTER_HOME; (timing, OUT, DAGSTER_HOME)."""
    out = work / f"hasil-{tag}"
    shutil.rmtree(out, ignore_errors=True)
    env, dagster_home = _run_env(work)
    cmd = [*(prefix or []), _bin("kinerja"), "run", "--exports", str(exports), "--out", str(out)]
    t = timed(cmd, env=env, log=work / f"{tag}.log", sample_every=None if prefix else SAMPLE_EVERY)
    return t, out, dagster_home


# ---------------------------------------------------------------------------------------------
# Stages from the Dagster runs


def _window(samples: list[tuple[float, float, float]], t0: float, t1: float) -> tuple[float | None, float | None]:
    """(CPU seconds, peak tree RSS MiB) between t0 and t1 from the sampler."""
    if not samples:
        return None, None
    before = [s for s in samples if s[0] <= t0] or samples[:1]
    until = [s for s in samples if s[0] <= t1] or samples[:1]
    inside = [s[2] for s in samples if t0 <= s[0] <= t1]
    after = [s for s in samples if s[0] >= t1][:1]
    peak = max(inside + [before[-1][2]] + [a[2] for a in after])
    return max(0.0, until[-1][1] - before[-1][1]), peak


def stages(dagster_home: Path, timing: Timing) -> dict:
    """Per step of the latest kinerja_lengkap run, and per partition job, from the event log."""
    from dagster import DagsterEventType, DagsterInstance, RunsFilter

    kinds = {DagsterEventType.STEP_START, DagsterEventType.STEP_SUCCESS, DagsterEventType.STEP_FAILURE}
    result: dict = {}
    with DagsterInstance.from_config(str(dagster_home)) as instance:

        def steps_of(run_id: str) -> dict[str, tuple[float, float]]:
            span: dict[str, list[float]] = {}
            for entry in instance.all_logs(run_id, of_type=kinds):
                ev = entry.dagster_event
                key = entry.step_key or (ev.step_key if ev else None)
                if key is None or ev is None:
                    continue
                slot = span.setdefault(key, [0.0, 0.0])
                slot[0 if ev.event_type == DagsterEventType.STEP_START else 1] = entry.timestamp
            return {k: (a, b) for k, (a, b) in span.items() if a and b}

        main = instance.get_runs(RunsFilter(job_name=MAIN_JOB), limit=1)
        if main:
            run = main[0]
            stats = instance.get_run_stats(run.run_id)
            steps = []
            for key, (a, b) in sorted(steps_of(run.run_id).items(), key=lambda kv: kv[1][0]):
                cpu, rss = _window(timing.samples, a, b)
                steps.append({"langkah": key, "detik": round(b - a, 2), "cpu_detik": _r(cpu, 2), "rss_puncak_mib": _r(rss)})
            result[MAIN_JOB] = {
                "status": run.status.value,
                "mulai": stats.start_time,
                "detik": round((stats.end_time or 0) - (stats.start_time or 0), 2),
                "langkah": steps,
            }
        for job in PARTITION_JOBS:
            runs = instance.get_runs(RunsFilter(job_name=job))
            if not runs:
                continue
            per_step: dict[str, float] = collections.defaultdict(float)
            starts, ends, total = [], [], 0.0
            for run in runs:
                stats = instance.get_run_stats(run.run_id)
                if stats.start_time and stats.end_time:
                    starts.append(stats.start_time)
                    ends.append(stats.end_time)
                    total += stats.end_time - stats.start_time
                for key, (a, b) in steps_of(run.run_id).items():
                    per_step[key] += b - a
            t0, t1 = (min(starts), max(ends)) if starts else (0.0, 0.0)
            cpu, rss = _window(timing.samples, t0, t1)
            result[job] = {
                "run": len(runs),
                "gagal": sum(r.status.value != "SUCCESS" for r in runs),
                "mulai": t0,
                "rentang_detik": round(t1 - t0, 2),
                "jumlah_run_detik": round(total, 2),
                "cpu_detik": _r(cpu, 1),
                "rss_puncak_mib": _r(rss),
                "langkah_detik": {k: round(v, 2) for k, v in sorted(per_step.items(), key=lambda kv: -kv[1])},
            }
    recorded = result.get(MAIN_JOB, {}).get("detik", 0) + sum(
        result[j]["rentang_detik"] for j in PARTITION_JOBS if j in result
    )
    result["di_luar_run_dagster_detik"] = round(timing.wall_s - recorded, 2)
    return result


def _r(x: float | None, digits: int = 0) -> float | None:
    if x is None:
        return None
    return round(x, digits) if digits else round(x)


# ---------------------------------------------------------------------------------------------
# Outputs


def _size(path: Path) -> int:
    path = path.resolve()
    if path.is_file():
        return path.stat().st_size
    total = 0
    for folder, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(folder, f)) for f in files)
    return total


def outputs(out: Path) -> dict:
    site = (out / "site").resolve()
    return {
        "site_html_kib": {p.name: round(p.stat().st_size / 1024) for p in sorted(site.glob("*.html"))},
        "site_total_mib": round(_size(site) / 2**20, 1),
        "temuan_csv_mib": round(_size(out / "temuan.csv") / 2**20, 1),
        "terbatas_mib": round(_size(out / "terbatas") / 2**20, 1),
        "terbatas_berkas": sum(len(f) for _, _, f in os.walk((out / "terbatas").resolve())),
        "warehouse_mib": round(_size(out / "warehouse.duckdb") / 2**20, 1),
        "out_total_mib": round(_size(out) / 2**20, 1),
    }


def input_rows(out: Path) -> dict[str, int]:
    import csv

    with (out / "rekonsiliasi.csv").open(encoding="utf-8") as f:
        return {r["tabel"]: int(r["baris_fisik"]) for r in csv.DictReader(f)}


# ---------------------------------------------------------------------------------------------
# The read-only floor (run in a fresh process: python -m bench.scale --lantai DIR)


def _utf8(path: Path, tmp: Path) -> tuple[Path, str]:
    """The CSV as DuckDB can read it: itself when UTF-8, else a streamed Windows-1252 -> UTF-8
    copy in ``tmp`` (DuckDB's latin-1 reader refuses the 0x80-0x9F bytes, the encodings extension
    is not installed). Called inside the timed read: the transcoding is part of the floor."""
    with path.open("rb") as f:
        head = f.read(4 << 20)
    try:
        head.decode("utf-8")
        return path, "utf-8"
    except UnicodeDecodeError as e:
        if e.start >= len(head) - 4:  # a character cut at the end of the sample
            return path, "utf-8"
    target = tmp / path.name
    with path.open(encoding="cp1252", errors="replace", newline="") as src, target.open(
        "w", encoding="utf-8", newline=""
    ) as dst:
        shutil.copyfileobj(src, dst, 1 << 22)
    return target, "cp1252 -> utf-8 (Python, mengalir)"


def floor(root: Path) -> dict:
    """Read every input file of the bundle once with DuckDB (fastexcel for .xlsx: DuckDB's excel
    extension is not installed and cannot be downloaded here); every column decoded."""
    import duckdb

    from transforms.ingest.bundle import open_bundle

    found = open_bundle(root, Path("/nonexistent"))
    files: dict[Path, str] = {}
    for sources in found.sources.values():
        for s in sources:
            files.setdefault(s.path, s.form)
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = false")
    tmp = Path(tempfile.mkdtemp(prefix="lantai-"))
    rows = []
    start = time.perf_counter()
    for path, form in sorted(files.items()):
        t0 = time.perf_counter()
        how = form
        if form == "xlsx":
            import fastexcel

            reader = fastexcel.read_excel(str(path))
            n = sum(reader.load_sheet(name).to_arrow().num_rows for name in reader.sheet_names)
            how = "fastexcel (semua lembar)"
        else:
            p = str(path).replace("'", "''")
            if form == "csv":
                readable, enc = _utf8(path, tmp)
                p = str(readable).replace("'", "''")
                scan = (f"read_csv('{p}', all_varchar = true, strict_mode = false, "
                        "null_padding = true, ignore_errors = true)")
                how = f"read_csv ({enc})"
            elif form == "jsonl":
                scan = f"read_json('{p}', format = 'newline_delimited', ignore_errors = true)"
                how = "read_json (newline_delimited)"
            else:
                scan = f"read_json('{p}', format = 'array', ignore_errors = true)"
                how = "read_json (array)"
            n = con.execute(f"SELECT count(*), max(hash(COLUMNS(*))) FROM {scan}").fetchone()[0]
        rows.append({"berkas": path.name, "cara": how, "baris": int(n), "mib": round(path.stat().st_size / 2**20, 1),
                     "detik": round(time.perf_counter() - t0, 2)})
    total = time.perf_counter() - start
    shutil.rmtree(tmp, ignore_errors=True)
    return {"detik": round(total, 2), "berkas": rows}


def measure_floor(exports: Path, work: Path) -> dict:
    out = work / "lantai.json"
    t = timed([sys.executable, "-m", "bench.scale", "--lantai", str(exports), "--ke", str(out)],
              log=work / "lantai.log")
    result = json.loads(out.read_text(encoding="utf-8"))
    result["proses_detik"] = round(t.wall_s, 2)
    result["rss_mib"] = round(t.peak_rss_mib)
    return result


# ---------------------------------------------------------------------------------------------
# Profile


def _hot(counts: collections.Counter, total: int, top: int) -> list[dict]:
    rows = []
    for (func, file), n in counts.most_common(top):
        rows.append({"fungsi": func, "berkas": file, "bagian": round(100 * n / total, 1)})
    return rows


def _short(path: str) -> str:
    """The file relative to the project or to site-packages."""
    path = path.removeprefix(f"{ROOT}/")
    m = re.search(r"site-packages/(.*)", path)
    return m.group(1) if m else path


def _ours(path: str) -> bool:
    return bool(PROJECT_CODE.match(_short(path)))


_IDLE_FILES = re.compile(r"(?:multiprocessing/|concurrent/futures/|selectors\.py|threading\.py|queue\.py)")


def _waiting_helper(parts: list[str], leaf_file: str) -> bool:
    """A sample of a multiprocessing helper (the resource tracker, a pool worker, the dashboard's
    helper) waiting for work or results, or of Dagster's orphan watchdog: idle, not time any
    step spends. The kinerja process itself waiting for a helper is kept (its step takes that
    long)."""
    processes = [f for f in parts if f.startswith("process ")]
    process = processes[-1] if processes else ""  # the innermost: py-spy lists parents first
    if "watch_orphans" in process:  # Dagster's watchdog of a step process: sleeps
        return True
    return "multiprocessing" in process and bool(_IDLE_FILES.search(leaf_file))


def parse_pyspy(raw: Path, top: int = 10) -> dict:
    """Hot spots of a py-spy ``--format raw --nolineno`` recording. Recorded with ``--threads``
    (and ``--idle``), only the main threads count: that is where Dagster runs the steps, and a
    main thread waiting for DuckDB's or Polars' own threads is time the step takes. Helper
    processes waiting for work are left out (:func:`_waiting_helper`)."""
    own: collections.Counter = collections.Counter()
    ours: collections.Counter = collections.Counter()
    total = 0
    frame = re.compile(r"^(?P<func>.*) \((?P<file>[^()]*)\)$")
    threads = False
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        parts = [f.strip() for f in stack.split(";")]
        thread = next((f for f in parts if f.startswith("thread (")), None)
        if thread is not None:
            threads = True
            if not thread.endswith(": MainThread"):
                continue
        n = int(count)
        frames = [m for f in parts if not f.startswith(("thread (", "process ")) and (m := frame.match(f))]
        if not frames or _waiting_helper(parts, frames[-1]["file"]):
            continue
        total += n
        leaf = frames[-1]
        own[(leaf["func"], _short(leaf["file"]))] += n
        mine = [f for f in frames if _ours(f["file"])]
        if mine:
            ours[(mine[-1]["func"], _short(mine[-1]["file"]))] += n
        else:
            ours[("(di luar kode proyek)", "-")] += n
    how = ("py-spy 100 Hz, --idle --threads --subprocesses: sampel utas utama setiap proses, "
           "juga saat menunggu utas DuckDB/Polars (waktu dinding)") if threads else (
           "py-spy 100 Hz, --subprocesses, tanpa --idle: hanya sampel utas Python yang sedang di CPU; "
           "waktu utas menunggu utas DuckDB/Polars sendiri tidak terhitung")
    return {"mode": "dinding" if threads else "cpu", "alat": how, "sampel": total,
            "sendiri": _hot(own, total, top), "kode_proyek": _hot(ours, total, top)}


def profile(exports: Path, work: Path, top: int = 10) -> dict:
    """One more `kinerja run` under py-spy (or cProfile): hot spots by own time and by the
    innermost project frame (where our code spends, library calls it makes included)."""
    pyspy = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    if pyspy:
        raw = work / "profil-dinding.txt"
        t, _, _ = run_pipeline(exports, work, [pyspy, "record", "--idle", "--threads", "--subprocesses", "--nonblocking", "--nolineno",
                                               "--format", "raw", "-o", str(raw), "--"], tag="profil")
        return {"detik": round(t.wall_s, 1)} | parse_pyspy(raw, top)
    import pstats

    prof = work / "profil.pstats"
    out = work / "hasil-profil"
    shutil.rmtree(out, ignore_errors=True)
    env, _ = _run_env(work)
    t = timed([sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "pipelines.cli", "run",
               "--exports", str(exports), "--out", str(out)], env=env, log=work / "profil.log")
    stats = pstats.Stats(str(prof)).stats  # type: ignore[attr-defined]
    total_t = sum(v[2] for v in stats.values()) or 1.0
    ranked = sorted(stats.items(), key=lambda kv: -kv[1][2])[:top]
    return {"mode": "cprofile", "alat": "cProfile (proses utama saja; py-spy tidak terpasang)", "detik": round(t.wall_s, 1),
            "sendiri": [{"fungsi": f, "berkas": _short(file), "bagian": round(100 * v[2] / total_t, 1)}
                        for (file, _, f), v in ranked], "kode_proyek": []}


# ---------------------------------------------------------------------------------------------
# Machine, results, document


def machine() -> dict:
    mem_kib = 0
    with open("/proc/meminfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
    model = ""
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    import duckdb

    return {"nproc": os.cpu_count(), "memori_gib": round(mem_kib / 2**20, 1), "cpu": model,
            "python": platform.python_version(), "duckdb": duckdb.__version__,
            "load_avg_awal": [round(x, 2) for x in os.getloadavg()]}


def bench_size(employees: int, seed: int, do_profile: bool) -> dict:
    print(f"== {employees} pegawai (benih {seed})", flush=True)
    exports, sample = bundle(employees, seed)
    work = exports.parent
    load = os.getloadavg()[0]
    t, out, dagster_home = run_pipeline(exports, work)
    print(f"   kinerja run: {t.wall_s:.1f} s, CPU {t.cpu_s:.1f} s, {t.peak_rss_mib:.0f} MiB", flush=True)
    phys = input_rows(out)
    rows = sum(phys.values())
    lantai = measure_floor(exports, work)
    print(f"   lantai DuckDB: {lantai['detik']} s", flush=True)
    result = {
        "pegawai": employees,
        "benih": seed,
        "tanggal": dt.datetime.now().isoformat(timespec="seconds"),
        "load_avg_sebelum": round(load, 2),
        "bundel": sample | {"mib": round(_size(exports) / 2**20, 1), "berkas": len(list(exports.iterdir()))},
        "baris_input": rows,
        "baris_per_tabel": phys,
        "wall_detik": round(t.wall_s, 1),
        "cpu_detik": round(t.cpu_s, 1),
        "rss_puncak_mib": round(t.peak_rss_mib),
        "rss_puncak_pohon_mib": round(t.peak_tree_rss_mib),
        "baris_per_detik": round(rows / t.wall_s),
        "keluaran": outputs(out),
        "tahap": stages(dagster_home, t),
        "lantai": lantai,
        "rasio_lantai": round(t.wall_s / lantai["detik"], 1) if lantai["detik"] else None,
    }
    result["halaman"] = pages_in_chromium(out)
    if do_profile:
        print("   profil ...", flush=True)
        p = profile(exports, work)
        result[f"profil_{p['mode']}"] = p
    return result


def pages_in_chromium(out: Path) -> list[dict] | None:
    """Each dashboard page's size and load time in headless Chromium (bench.page_load), or None
    without a Chromium. Measured on the built site, the machine otherwise idle."""
    from bench.page_load import measure_site
    from tests.browser.conftest import find_chromium

    if find_chromium() is None:
        return None
    pages = measure_site((out / "site").resolve(), repeat=3)
    slow = [p["halaman"] for p in pages if p["ms"] > 1000 * PAGE_TARGET_S]
    print(f"   halaman: terlama {max(p['ms'] for p in pages)} ms; > {PAGE_TARGET_S} s: {slow}", flush=True)
    return pages


def merge(new: list[dict]) -> list[dict]:
    old = json.loads(RESULTS.read_text(encoding="utf-8")).get("hasil", []) if RESULTS.is_file() else []
    keep = {(r["pegawai"], r["benih"]): r for r in old}
    for r in new:
        earlier = keep.get((r["pegawai"], r["benih"]), {})
        for key in [k for k in earlier if k.startswith("profil_")]:
            r.setdefault(key, earlier[key])  # an earlier profile stays
        keep[(r["pegawai"], r["benih"])] = r
    return sorted(keep.values(), key=lambda r: (r["pegawai"], r["benih"]))


def _n(x: float | int | None, digits: int = 0) -> str:
    if x is None:
        return "–"
    text = f"{x:,.{digits}f}"
    return text.replace(",", "\u2009")  # thin space as thousands separator, "." as decimal point


def render(data: dict) -> str:
    m, results = data["mesin"], data["hasil"]
    lines = [
        "# Tolok ukur skala (`bench.scale`)",
        "",
        "Ditulis oleh `python -m bench.scale` dari `bench/scale.json`; jangan disunting dengan tangan.",
        "",
        "```sh",
        ".venv/bin/python -m bench.scale --employees 8000 60000 --profil 60000   # ukur (+ profil waktu dinding)",
        ".venv/bin/python -m bench.scale --hanya-profil --profil 8000             # hanya profil ulang",
        ".venv/bin/python -m bench.scale --urai-profil 60000                      # urai ulang rekaman py-spy",
        ".venv/bin/python -m bench.scale --halaman 1000000                       # ukur ulang halaman di Chromium",
        ".venv/bin/python -m bench.scale --render                                 # tulis ulang dokumen ini",
        "```",
        "",
        "Bundel contoh dan hasil tiap ukuran ada di `bench/out/skala/n<N>-s<benih>/` (bundel yang lengkap "
        "dipakai ulang); angka mentah di `bench/scale.json` (disimpan di git).",
        "",
        f"Mesin: {m['nproc']} inti ({m['cpu']}), memori {m['memori_gib']} GiB (/proc/meminfo), "
        f"Python {m['python']}, DuckDB {m['duckdb']}. Diukur {data['tanggal']}; mesin dipakai bersama, "
        "satu kali jalan per ukuran (load average sebelum tiap run di tabel).",
        "",
        *([f"**Catatan.** {data['catatan']}", ""] if data.get("catatan") else []),
        "## Ringkasan",
        "",
        "| pegawai | baris input | bundel | wall | CPU | CPU/wall | RSS puncak (proses) | RSS puncak (pohon) | baris/s | lantai DuckDB | rasio | load |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {_n(r['pegawai'])} | {_n(r['baris_input'])} | {_n(r['bundel']['mib'])} MiB | {_n(r['wall_detik'], 1)} s "
            f"| {_n(r['cpu_detik'], 1)} s | {_n(r['cpu_detik'] / r['wall_detik'], 2)} | {_n(r['rss_puncak_mib'])} MiB "
            f"| {_n(r['rss_puncak_pohon_mib'])} MiB | {_n(r['baris_per_detik'])} | {_n(r['lantai']['detik'], 1)} s "
            f"| {_n(r['rasio_lantai'], 1)}× | {r['load_avg_sebelum']} |"
        )
    lines += [
        "",
        "- **wall/CPU/RSS proses**: `os.wait4` pada proses `kinerja run` (CPU = user+sys, termasuk proses anak "
        "yang sudah ditunggu; RSS = proses tunggal terbesar). **RSS pohon**: jumlah RSS seluruh pohon proses, "
        f"dicuplik dari /proc tiap {SAMPLE_EVERY} s (partisi berjalan sebagai proses anak).",
        "- **baris input**: jumlah `baris_fisik` di `rekonsiliasi.csv`.",
        "- **lantai DuckDB**: proses baru yang hanya membaca setiap berkas bundel sekali dengan DuckDB "
        "(`read_csv` all_varchar, `read_json` newline_delimited/array; setiap kolom didekode lewat "
        "`max(hash(COLUMNS(*)))`), `.xlsx` dengan fastexcel karena ekstensi excel DuckDB tidak terpasang dan "
        "tidak dapat diunduh di sini. Diukur sesudah pipeline (berkas sudah di page cache). CSV Windows-1252 "
        "ditranskode dulu ke UTF-8 secara mengalir di Python (termasuk dalam waktu lantai; pembaca latin-1 "
        "DuckDB menolak byte 0x80–0x9F dan ekstensi encodings tidak ada). **rasio** = wall pipeline / lantai.",
        "- Sasaran issue 13: 60.000 pegawai ≤ 30 s; 1.000.000 ≤ 6 menit dan ≤ 6 GB; ≤ 5× lantai pada 1.000.000.",
        "",
    ]
    for r in results:
        lines += _render_size(r)
    lines += _render_profiles(results)
    return "\n".join(lines) + "\n"


def _render_size(r: dict) -> list[str]:
    st = r["tahap"]
    main = st.get(MAIN_JOB, {})
    wall = r["wall_detik"]
    b = r["bundel"]
    made = "dipakai ulang" if b.get("dipakai_ulang") else f"ditulis `kinerja sample` dalam {_n(b.get('detik'), 1)} s, {_n(b.get('rss_mib'))} MiB"
    per_table = ", ".join(f"{k} {_n(v)}" for k, v in r["baris_per_tabel"].items())
    lines = [f"## {_n(r['pegawai'])} pegawai", "",
             f"Bundel benih {r['benih']}: {b['berkas']} berkas, {_n(b['mib'], 1)} MiB ({made}); diukur {r['tanggal']}. "
             f"Baris fisik per tabel: {per_table}.", ""]
    lines += [
        "### Tahap",
        "",
        f"Run `{MAIN_JOB}` {_n(main.get('detik'), 1)} s dari wall {_n(wall, 1)} s; di luar run Dagster "
        f"(mulai proses, definisi, ringkasan): {_n(st.get('di_luar_run_dagster_detik'), 1)} s. Langkah ≥ 0,5 % "
        "wall, urut waktu; CPU dan RSS dari cuplikan /proc selama langkah (kasar untuk langkah < 1 s).",
        "",
        "| langkah | detik | % wall | CPU s | RSS puncak MiB |",
        "|---|---:|---:|---:|---:|",
    ]
    steps = main.get("langkah", [])
    small = [s for s in steps if s["detik"] < 0.005 * wall]
    for s in sorted((s for s in steps if s not in small), key=lambda s: -s["detik"]):
        lines.append(f"| `{s['langkah']}` | {_n(s['detik'], 2)} | {_n(100 * s['detik'] / wall, 1)} "
                     f"| {_n(s['cpu_detik'], 1)} | {_n(s['rss_puncak_mib'])} |")
    if small:
        lines.append(f"| {len(small)} langkah lain | {_n(sum(s['detik'] for s in small), 2)} "
                     f"| {_n(100 * sum(s['detik'] for s in small) / wall, 1)} | | |")
    for job in PARTITION_JOBS:
        if job not in st:
            continue
        j = st[job]
        top = ", ".join(f"`{k}` {_n(v, 1)} s" for k, v in list(j["langkah_detik"].items())[:5])
        lines.append(f"| partisi `{job}`: {j['run']} run ({j['gagal']} gagal), langkah terlama: {top} "
                     f"| {_n(j['rentang_detik'], 2)} | {_n(100 * j['rentang_detik'] / wall, 1)} "
                     f"| {_n(j['cpu_detik'], 1)} | {_n(j['rss_puncak_mib'])} |")
    f = r["lantai"]
    lines += ["", "### Lantai baca (DuckDB, proses baru)", "",
              f"Total {_n(f['detik'], 2)} s membaca; proses termasuk impor {_n(f['proses_detik'], 2)} s, "
              f"RSS {_n(f['rss_mib'])} MiB.", "",
              "| berkas | cara | MiB | baris | detik |", "|---|---|---:|---:|---:|"]
    for b in f["berkas"]:
        lines.append(f"| `{b['berkas']}` | {b['cara']} | {_n(b['mib'], 1)} | {_n(b['baris'])} | {_n(b['detik'], 2)} |")
    o = r["keluaran"]
    pages = ", ".join(f"`{k}` {_n(v)}" for k, v in o["site_html_kib"].items())
    lines += ["", "### Ukuran keluaran", "",
              "| keluaran | ukuran |", "|---|---:|",
              f"| `site/` total | {_n(o['site_total_mib'], 1)} MiB |",
              f"| `temuan.csv` | {_n(o['temuan_csv_mib'], 1)} MiB |",
              f"| `terbatas/` ({_n(o['terbatas_berkas'])} berkas) | {_n(o['terbatas_mib'], 1)} MiB |",
              f"| `warehouse.duckdb` | {_n(o['warehouse_mib'], 1)} MiB |",
              f"| seluruh OUT | {_n(o['out_total_mib'], 1)} MiB |",
              "", f"Halaman `site/*.html` (KiB): {pages}.", ""]
    if r.get("halaman"):
        lines += ["### Halaman dasbor di Chromium", "",
                  "`bench/page_load.py`: setiap halaman dibuka dari `file://` dalam satu konteks Chromium "
                  "headless (plotly.js sudah dikompilasi oleh halaman pemanasan); dimuat = peristiwa `load` "
                  "dan setiap grafik selesai digambar (`Plotly.react`), median 3 kali. Sasaran issue 13: "
                  f"< {_n(PAGE_TARGET_MB, 0)} MB dan < {PAGE_TARGET_S} s per halaman.", "",
                  "| halaman | KiB | ms (median) | ms (tiap kali) | grafik | skrip data | sasaran |",
                  "|---|---:|---:|---|---:|---:|---|"]
        for p in r["halaman"]:
            ok = p["kib"] * 1024 < PAGE_TARGET_MB * 1e6 and p["ms"] < 1000 * PAGE_TARGET_S
            lines.append(f"| `{p['halaman']}` | {_n(p['kib'])} | {_n(p['ms'])} | "
                         f"{', '.join(str(x) for x in p['ms_semua'])} | {p['grafik']} | {p['skrip_data']} | "
                         f"{'ya' if ok else 'tidak'} |")
        lines.append("")
    return lines


def _render_profiles(results: list[dict]) -> list[str]:
    lines: list[str] = []
    titles = {"dinding": "waktu dinding utas utama", "cpu": "waktu CPU Python", "cprofile": "cProfile"}
    for r, p in ((r, r[k]) for r in results for k in ("profil_dinding", "profil_cpu", "profil_cprofile", "profil")
                 if k in r):
        lines += [f"## Titik panas, {_n(r['pegawai'])} pegawai ({titles.get(p.get('mode', 'cpu'))})", "",
                  f"{p['alat']}; run terprofil (terpisah dari run terukur, diperlambat py-spy) "
                  f"{_n(p['detik'], 1)} s, {_n(p.get('sampel'))} sampel. "
                  "Bagian = persen sampel. Tabel pertama: waktu sendiri (frame terdalam). Tabel kedua: "
                  "frame kode proyek terdalam pada tumpukan, yaitu baris kode kita yang menghabiskan waktu itu, "
                  "termasuk panggilan pustaka (DuckDB, csv, GX, xlsxwriter) di bawahnya.", "",
                  "| # | fungsi (waktu sendiri) | berkas | bagian |", "|---:|---|---|---:|"]
        lines += [f"| {i} | `{h['fungsi']}` | `{h['berkas']}` | {_n(h['bagian'], 1)} % |"
                  for i, h in enumerate(p["sendiri"], 1)]
        if p.get("kode_proyek"):
            lines += ["", "| # | fungsi proyek (inklusif pustaka) | berkas | bagian |", "|---:|---|---|---:|"]
            lines += [f"| {i} | `{h['fungsi']}` | `{h['berkas']}` | {_n(h['bagian'], 1)} % |"
                      for i, h in enumerate(p["kode_proyek"], 1)]
        lines.append("")
    return lines


def write(results: list[dict]) -> None:
    earlier = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.is_file() else {}
    data = {"tanggal": dt.date.today().isoformat(), "mesin": machine(), "hasil": merge(results)}
    if earlier.get("catatan"):
        data["catatan"] = earlier["catatan"]  # a note on the measurements, written by hand
    OUT.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    DOC.write_text(render(data), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, nargs="+", default=[8000, 60000])
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--profil", type=int, nargs="*", default=[], metavar="N",
                        help="also profile the run of these sizes (py-spy, else cProfile)")
    parser.add_argument("--render", action="store_true", help="only render docs/benchmarks.md from scale.json")
    parser.add_argument("--hanya-profil", action="store_true",
                        help="only (re)profile the --profil sizes; their measured figures in scale.json stay")
    parser.add_argument("--urai-profil", type=int, metavar="N",
                        help="parse bench/out/skala/nN-sSEED/profil.txt (py-spy raw) again into scale.json, render")
    parser.add_argument("--halaman", type=int, nargs="+", metavar="N",
                        help="only (re)measure the dashboard pages of these sizes' last run in Chromium")
    parser.add_argument("--lantai", type=Path, help=argparse.SUPPRESS)  # internal: the floor process
    parser.add_argument("--ke", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.lantai:
        args.ke.write_text(json.dumps(floor(args.lantai)), encoding="utf-8")
        return
    if args.urai_profil:
        data = json.loads(RESULTS.read_text(encoding="utf-8"))
        work = SKALA / f"n{args.urai_profil}-s{args.seed}"
        for r in data["hasil"]:
            if (r["pegawai"], r["benih"]) != (args.urai_profil, args.seed):
                continue
            legacy = r.pop("profil", {})  # written before the profiles had a mode
            for raw in (work / "profil.txt", work / "profil-dinding.txt"):
                if raw.is_file():
                    p = parse_pyspy(raw)
                    key = f"profil_{p['mode']}"
                    r[key] = r.get(key, legacy if p["mode"] == "cpu" else {}) | p
        RESULTS.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        args.render = True
    if args.render:
        DOC.write_text(render(json.loads(RESULTS.read_text(encoding="utf-8"))), encoding="utf-8")
        return
    if args.halaman:
        data = json.loads(RESULTS.read_text(encoding="utf-8"))
        for r in data["hasil"]:
            if r["pegawai"] in args.halaman and r["benih"] == args.seed:
                r["halaman"] = pages_in_chromium(SKALA / f"n{r['pegawai']}-s{args.seed}" / "hasil-run")
                r["keluaran"] = outputs(SKALA / f"n{r['pegawai']}-s{args.seed}" / "hasil-run")
        RESULTS.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        DOC.write_text(render(data), encoding="utf-8")
        return
    if args.hanya_profil:
        data = json.loads(RESULTS.read_text(encoding="utf-8"))
        for r in data["hasil"]:
            if r["pegawai"] in args.profil and r["benih"] == args.seed:
                exports, _ = bundle(r["pegawai"], args.seed)
                p = profile(exports, exports.parent)
                r[f"profil_{p['mode']}"] = p
        RESULTS.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        DOC.write_text(render(data), encoding="utf-8")
        return
    results = []
    for n in args.employees:
        results.append(bench_size(n, args.seed, n in args.profil))
        write(results)  # after every size: a later, larger size may be stopped
    print(f"{RESULTS}\n{DOC}")


if __name__ == "__main__":
    main()
