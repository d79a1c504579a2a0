"""National-scale benchmark: the national sample set, `kinerja run` on a subset of its bundles
into one shared warehouse, `kinerja backfill`, and an extrapolation to the whole set.

    python -m bench.national --employees 6000000 [--instansi K] [--subset M] [--workers W]
    python -m bench.national --render   # extrapolation and docs/nasional.md again from the JSON

1. `kinerja sample --nasional` writes the set under bench/out/nasional/n<N>-k<K>-s<seed>/bundel/
   (complete zips are reused: a stopped generation continues); measured: wall time, CPU, peak
   RSS (largest process, wait4; and the sampled sum over the process tree) and disk (final, and
   the peak of the folder sampled every second, temporary bundle folders included).
2. `kinerja run --exports <zip> --out <dir> --gudang <shared warehouse>` for the first M bundles
   one after another (fresh warehouse and DAGSTER_HOME each time the bench runs), then
   `kinerja backfill` for their partitions, each timed with bench.run.timed.
3. Extrapolation to the set and to the national target (626 instansi, 6,000,000 ASN) from the
   per-employee costs measured; every figure is labelled measured (diukur) or extrapolated
   (ekstrapolasi). Results: bench/out/national.json and docs/nasional.md. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import json
import os
import shutil
import sys
import threading
from pathlib import Path

from bench.run import OUT, Timing, timed
from bench.scale import machine, stages
from transforms.sample.national import (
    BYTES_PER_EMPLOYEE,
    NATIONAL_EMPLOYEES,
    PlannedBundle,
    default_instansi,
    estimate_bytes,
    plan_national,
)

ROOT = Path(__file__).resolve().parent.parent
NASIONAL = OUT / "nasional"
RESULTS = OUT / "national.json"
DOC = ROOT / "docs" / "nasional.md"
SAMPLE_EVERY = 0.5  # seconds between /proc samples of a child's process tree


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def _mib(n: float) -> float:
    return round(n / 2**20, 1)


def _size(path: Path) -> int:
    total = 0
    for folder, _, files in os.walk(path):
        for f in files:
            with contextlib.suppress(OSError):  # a temporary file renamed or removed meanwhile
                total += os.path.getsize(os.path.join(folder, f))
    return total


class DiskPeak:
    """The largest size of a folder, sampled every ``every`` seconds in a thread."""

    def __init__(self, folder: Path, every: float = 1.0) -> None:
        self.folder, self.every, self.peak = folder, every, 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._done.is_set():
            self.peak = max(self.peak, _size(self.folder))
            self._done.wait(self.every)

    def __enter__(self) -> DiskPeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()
        self.peak = max(self.peak, _size(self.folder))


# ---------------------------------------------------------------------------------------------
# Measuring


def _timing(t: Timing) -> dict:
    return {"detik": round(t.wall_s, 1), "cpu_detik": round(t.cpu_s, 1),
            "rss_puncak_mib": round(t.peak_rss_mib), "rss_pohon_mib": round(t.peak_tree_rss_mib)}


def _index(folder: Path) -> list[dict]:
    with (folder / "nasional.csv").open(encoding="utf-8", newline="") as f:
        return [r | {"employees": int(r["employees"]), "bytes": int(r["bytes"])}
                for r in csv.DictReader(f)]


def generate(work: Path, employees: int, instansi: int, seed: int, workers: int) -> dict:
    """`kinerja sample --nasional` into work/bundel (complete zips reused)."""
    folder = work / "bundel"
    folder.mkdir(parents=True, exist_ok=True)
    before = {p.name for p in folder.glob("*.zip")}
    cmd = [_bin("kinerja"), "sample", "--nasional", "--out", str(folder), "--employees",
           str(employees), "--instansi", str(instansi), "--workers", str(workers), "--seed", str(seed)]
    print(f"== set nasional: {employees} pegawai, {instansi} instansi -> {folder}", flush=True)
    with DiskPeak(folder) as disk:
        t = timed(cmd, log=work / "sample.log", sample_every=SAMPLE_EVERY)
    rows = _index(folder)
    written = [r for r in rows if r["file"] not in before]
    n_written = sum(r["employees"] for r in written)
    result = _timing(t) | {
        "bundel_ditulis": len(written),
        "bundel_dipakai_ulang": len(rows) - len(written),
        "pegawai_ditulis": n_written,
        "proses": workers,
        "disk_akhir_mib": _mib(_size(folder)),
        "disk_puncak_mib": _mib(disk.peak),
        "zip_byte_per_pegawai": round(sum(r["bytes"] for r in rows) / employees),
    }
    if n_written:
        result["ms_per_pegawai"] = round(1000 * t.wall_s / n_written, 3)
    print(f"   {t.wall_s:.1f} s, {len(written)} bundel ditulis, {result['disk_akhir_mib']} MiB", flush=True)
    return result


def _run_env(home: Path) -> dict[str, str]:
    env = {**os.environ, "KINERJA_HOME": str(home), "DAGSTER_HOME": str(home / "dagster")}
    for key in ("KINERJA_GUDANG", "KINERJA_IRISAN"):
        env.pop(key, None)
    return env


def run_subset(work: Path, rows: list[dict]) -> tuple[list[dict], dict]:
    """`kinerja run` for each bundle of ``rows`` into one shared warehouse, then backfill."""
    folder, runs = work / "bundel", work / "jalan"
    shutil.rmtree(runs, ignore_errors=True)
    runs.mkdir(parents=True)
    env = _run_env(runs / "home")
    warehouse = runs / "gudang" / "warehouse.duckdb"
    measured, partitions_before = [], 0.0
    for r in rows:
        stem = r["file"].removesuffix(".zip")
        out = runs / "hasil" / stem
        cmd = [_bin("kinerja"), "run", "--exports", str(folder / r["file"]), "--out", str(out),
               "--gudang", str(warehouse)]
        print(f"== kinerja run {r['file']} ({r['employees']} pegawai)", flush=True)
        load = os.getloadavg()[0]
        t = timed(cmd, env=env, log=runs / f"run-{stem}.log", sample_every=SAMPLE_EVERY)
        st = stages(runs / "home" / "dagster", t)
        main_job = st.get("kinerja_lengkap", {})
        partitions = sum(st.get(j, {}).get("jumlah_run_detik", 0.0)
                         for j in ("irisan_instansi", "lintas_tahun"))
        measured.append(_timing(t) | {
            "file": r["file"], "nama": r["nama"], "pegawai": r["employees"],
            "ms_per_pegawai": round(1000 * t.wall_s / r["employees"], 2),
            "job_utama_detik": main_job.get("detik"),
            "partisi_detik": round(partitions - partitions_before, 1),
            "langkah_teratas": sorted(main_job.get("langkah", []), key=lambda s: -s["detik"])[:5],
            "gudang_mib": _mib(warehouse.stat().st_size),
            "load_sebelum": round(load, 2),
        })
        partitions_before = partitions
        print(f"   {t.wall_s:.1f} s, {t.peak_rss_mib:.0f} MiB", flush=True)
    first_out = runs / "hasil" / rows[0]["file"].removesuffix(".zip")
    print("== kinerja backfill", flush=True)
    t = timed([_bin("kinerja"), "backfill", "--out", str(first_out), "--gudang", str(warehouse)],
              env=env, log=runs / "backfill.log", sample_every=SAMPLE_EVERY)
    backfill = _timing(t) | {"irisan": len(rows), "detik_per_irisan": round(t.wall_s / len(rows), 1)}
    print(f"   {t.wall_s:.1f} s", flush=True)
    return measured, backfill


# ---------------------------------------------------------------------------------------------
# Extrapolating


def _fit(points: list[tuple[int, float]]) -> tuple[float, float] | None:
    """Least squares (fixed seconds per bundle, seconds per employee), when at least two
    sizes differ and both terms come out non-negative."""
    if len({n for n, _ in points}) < 2:
        return None
    k = len(points)
    mx = sum(n for n, _ in points) / k
    my = sum(s for _, s in points) / k
    b = sum((n - mx) * (s - my) for n, s in points) / sum((n - mx) ** 2 for n, _ in points)
    a = my - b * mx
    return (a, b) if a >= 0 and b >= 0 else None


class CostModel:
    """Seconds of one `kinerja run` for a bundle of n employees, from the runs measured: a
    fixed part per bundle plus a part per employee (least squares) when two sizes differ and
    both come out non-negative, else the mean cost per employee."""

    def __init__(self, runs: list[dict], key: str) -> None:
        self.per_emp = sum(r[key] for r in runs) / sum(r["pegawai"] for r in runs)
        self.fit = _fit([(r["pegawai"], r[key]) for r in runs])

    def seconds(self, plan: list[int]) -> float:
        if self.fit:
            return sum(self.fit[0] + self.fit[1] * n for n in plan)
        return self.per_emp * sum(plan)

    def describe(self) -> dict:
        d = {"ms_per_pegawai_rata2": round(1000 * self.per_emp, 2)}
        if self.fit:
            d |= {"tetap_detik_per_bundel": round(self.fit[0], 1),
                  "ms_per_pegawai": round(1000 * self.fit[1], 2)}
        return d


def extrapolate(gen: dict, runs: list[dict], backfill: dict, sizes: list[int],
                target: list[int]) -> dict:
    """Sequential time of the set (``sizes``: employees per bundle) and of the national target
    plan (``target``) from the costs measured: wall time as measured (load included) and CPU
    time (what the wall time approaches on a machine nobody else uses: a run is ~1 core)."""
    wall, cpu = CostModel(runs, "detik"), CostModel(runs, "cpu_detik")
    gen_ms = gen.get("ms_per_pegawai")
    out: dict = {"model_wall": wall.describe(), "model_cpu": cpu.describe()}
    for label, plan in (("set", sizes), ("nasional", target)):
        run_s = wall.seconds(plan)
        gen_s = gen_ms * sum(plan) / 1000 if gen_ms else None
        out[label] = {
            "instansi": len(plan), "pegawai": sum(plan),
            "run_detik": round(run_s), "run_cpu_detik": round(cpu.seconds(plan)),
            "backfill_detik": round(backfill["detik_per_irisan"] * len(plan)),
            "pembuatan_detik": round(gen_s) if gen_s is not None else None,
            "total_detik": round(run_s + (gen_s or 0)),  # the runs compute their own partitions
            "disk_zip_mib": round(gen["zip_byte_per_pegawai"] * sum(plan) / 2**20),
            "disk_sementara_mib": round(estimate_bytes(max(plan)) * gen["proses"] / 2**20),
            "bundel_terbesar": max(plan),
        }
    return out


def bench(args: argparse.Namespace) -> dict:
    instansi = args.instansi or default_instansi(args.employees)
    work = NASIONAL / f"n{args.employees}-k{instansi}-s{args.seed}"
    data = {"diukur": dt.datetime.now().isoformat(timespec="seconds"), "mesin": machine(),
            "parameter": {"pegawai": args.employees, "instansi": instansi, "benih": args.seed,
                          "proses": args.workers, "subset": args.subset, "folder": str(work)}}
    gen = generate(work, args.employees, instansi, args.seed, args.workers)
    previous = _previous(data["parameter"])
    if not gen["bundel_ditulis"] and previous:  # all reused: keep the generation measured before
        gen = previous["pembuatan"] | {"dari_run_sebelumnya": previous["diukur"]}
    rows = _index(work / "bundel")
    runs, backfill = run_subset(work, rows[: args.subset])
    national = plan_national(NATIONAL_EMPLOYEES, args.seed)
    target = [b.employees for b in national]
    data |= {"rencana_nasional": plan_summary(national),
             "set": {"bundel": len(rows), "pegawai": sum(r["employees"] for r in rows),
                     "terkecil": min(r["employees"] for r in rows),
                     "terbesar": max(r["employees"] for r in rows)},
             "pembuatan": gen, "run": runs, "backfill": backfill,
             "ekstrapolasi": extrapolate(gen, runs, backfill, [r["employees"] for r in rows], target)}
    return data


def plan_summary(plan: list[PlannedBundle]) -> dict:
    """Sizes per kind of the national plan (626 instansi, 6,000,000 ASN) of the bench's seed."""
    kinds = {}
    for kind in ("kabupaten", "kota", "provinsi", "pusat"):
        n = sorted(b.employees for b in plan if b.jenis == kind)
        kinds[kind] = {"jumlah": len(n), "pegawai": sum(n), "minimum": n[0],
                       "p10": n[len(n) // 10], "median": n[len(n) // 2],
                       "p90": n[9 * len(n) // 10], "maksimum": n[-1]}
    pemda = [b.employees for b in plan if b.jenis in ("kabupaten", "kota")]
    largest = sorted(plan, key=lambda b: -b.employees)[:5]
    return {"jenis": kinds,
            "pemda_2000_15000_persen": round(100 * sum(2_000 <= n <= 15_000 for n in pemda) / len(pemda)),
            "terbesar": [[b.nama, b.employees] for b in largest]}


def recompute(data: dict) -> dict:
    """The derived parts (plan summary, extrapolation) again from the measured ones."""
    p = data["parameter"]
    national = plan_national(NATIONAL_EMPLOYEES, p["benih"])
    sizes = [b.employees for b in plan_national(p["pegawai"], p["benih"], p["instansi"])]
    data["rencana_nasional"] = plan_summary(national)
    data["ekstrapolasi"] = extrapolate(data["pembuatan"], data["run"], data["backfill"], sizes,
                                       [b.employees for b in national])
    return data


def _previous(params: dict) -> dict | None:
    if not RESULTS.is_file():
        return None
    old = json.loads(RESULTS.read_text(encoding="utf-8"))
    same = all(old.get("parameter", {}).get(k) == params[k] for k in ("pegawai", "instansi", "benih"))
    return old if same and "ms_per_pegawai" in old.get("pembuatan", {}) else None


# ---------------------------------------------------------------------------------------------
# Rendering (Indonesian)


def _n(x: float | int | None, digits: int = 0) -> str:
    if x is None:
        return "–"
    text = f"{x:,.{digits}f}"
    return text.replace(",", "\u2009").replace(".", ",")


def _disk(mib: float) -> str:
    return f"{_n(mib / 1024, 1)} GiB" if mib >= 1024 else f"{_n(mib)} MiB"


def _dur(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds < 120:
        return f"{_n(seconds)} s"
    if seconds < 2 * 3600:
        return f"{_n(seconds / 60, 1)} menit"
    return f"{_n(seconds / 3600, 1)} jam"


def render(d: dict) -> str:
    p, m, g, e = d["parameter"], d["mesin"], d["pembuatan"], d["ekstrapolasi"]
    lines = [
        "# Skala nasional: satu bundel per instansi",
        "",
        "Ditulis oleh `python -m bench.national` dari `bench/out/national.json`; jangan disunting "
        "dengan tangan (`--render` menulis ulang dokumen ini dari JSON saja).",
        "",
        "```sh",
        "kinerja sample --nasional --out FOLDER --employees 6000000 [--instansi K] [--workers 2] [--seed S]",
        ".venv/bin/python -m bench.national --employees 6000000 --subset 3 --workers 2",
        f".venv/bin/python -m bench.national --employees {p['pegawai']} --instansi {p['instansi']} "
        f"--subset {p['subset']} --workers {p['proses']}   # yang diukur di bawah",
        "```",
        "",
        *_render_set(d["rencana_nasional"], p["benih"]),
        "## Pengukuran",
        "",
        f"Mesin: {m['nproc']} inti ({m['cpu']}), memori {_n(m['memori_gib'], 1)} GiB, Python "
        f"{m['python']}, DuckDB {m['duckdb']}; load average saat mulai "
        f"{' / '.join(_n(x, 2) for x in m['load_avg_awal'])} (mesin dipakai bersama). Diukur "
        f"{d['diukur']}: set {_n(d['set']['pegawai'])} pegawai dalam {d['set']['bundel']} bundel "
        f"({_n(d['set']['terkecil'])}–{_n(d['set']['terbesar'])} pegawai per instansi), benih "
        f"{p['benih']}, {p['proses']} proses pembuat; `kinerja run` untuk {p['subset']} bundel "
        "pertama ke satu gudang bersama, lalu `kinerja backfill`.",
        "",
        "**Diukur** = angka dari run di mesin ini. **Ekstrapolasi** = dihitung dari biaya per "
        "pegawai yang diukur; bukan pengukuran.",
        "",
        *_render_generation(g),
        *_render_runs(d["run"], d["backfill"]),
        *_render_extrapolation(e, d["run"]),
        *_render_bottleneck(e, d["run"], g, m["nproc"]),
        *_render_distributed(),
    ]
    return "\n".join(lines).rstrip() + "\n"


def _render_set(plan: dict, seed: int) -> list[str]:
    k = plan["jenis"]
    rows = [f"| {kind} | {x['jumlah']} | {_n(x['pegawai'])} | {_n(x['minimum'])} | {_n(x['p10'])} | "
            f"{_n(x['median'])} | {_n(x['p90'])} | {_n(x['maksimum'])} |" for kind, x in k.items()]
    largest = ", ".join(f"{nama} {_n(n)}" for nama, n in plan["terbesar"])
    return [
        "## Set nasional",
        "",
        "Ekspor nasional datang sebagai satu bundel per instansi. `kinerja sample --nasional` "
        "(`transforms/sample/national.py`) menulis set seperti itu: `FOLDER/<nn>-<nama>.zip` "
        "per instansi, masing-masing persis seperti bundel satu instansi dari `kinerja sample` "
        "(tabel di akar arsip, `manifest.json` dengan `instansi_id`), dengan kunci cacat yang "
        "ditanam `<nn>-<nama>.kunci.csv` dan umpan `<nn>-<nama>.umpan.csv` di sampingnya, dan "
        "indeks `FOLDER/nasional.csv` (`file, instansi_id, nama, employees, bytes`).",
        "",
        "- **Komposisi.** Bawaan 626 instansi untuk 6 juta pegawai atau lebih: 415 kabupaten, "
        "93 kota, 38 provinsi (546 pemda) dan 80 instansi pusat; di bawah 6 juta jumlahnya "
        "sebanding (30.000 pegawai: 3 instansi), minimal 1; `--instansi K` menentukannya "
        "sendiri (paling banyak 999). Urutan bundel berselang-seling sehingga setiap awalan set "
        "berisi campuran jenis yang sebanding (bundel pertama selalu kabupaten).",
        "- **Ukuran.** Jumlahnya persis `--employees`. Kabupaten/kota log-normal, provinsi dan "
        "instansi pusat dari bobot nominal per provinsi/instansi (±10 %), lalu semuanya "
        "diskalakan ke jumlah yang diminta; ditentukan benih. Set nasional benih "
        f"{seed} (6.000.000 pegawai): {plan['pemda_2000_15000_persen']} % pemda kabupaten/kota "
        f"berukuran 2.000–15.000 ASN; terbesar: {largest}.",
        "",
        "| jenis | instansi | pegawai | minimum | p10 | median | p90 | maksimum |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
        "- **Identitas berbeda.** Nama dari provinsi, kabupaten/kota, dan kementerian/lembaga "
        "yang nyata (diberi nomor bila kosakata habis, seperti `org.py`), akar unit "
        "`Sekretariat Daerah …` / `Sekretariat Jenderal …` / `Sekretariat Utama …`, penilai "
        "non-ASN pejabat puncak (Bupati/Wali Kota/Gubernur/Menteri/Kepala/Ketua). `instansi_id` "
        "32 heksadesimal yang diakhiri nomor bundel. NIP unik di seluruh set: setiap bundel "
        "memakai rentang nomor urut (tiga digit terakhir NIP) sendiri, sehingga riwayat karier "
        "lintas bundel di gudang (per NIP) tidak tercampur antarinstansi. Generator satu bundel "
        "(`write_sample_bundle`) tidak berubah: benih yang sama tetap menulis berkas yang sama.",
        "- **Memori** satu instansi pada satu waktu per proses; **disk**: setiap bundel ditulis "
        "ke `FOLDER/<nn>-<nama>.sementara/`, di-zip (ZIP_DEFLATED, cap waktu tetap: benih sama = "
        "byte sama) ke nama sementara, kunci dan zip di-rename ke tempatnya, lalu folder "
        "sementara dihapus. Sebelum tiap bundel ruang kosong diperiksa terhadap perkiraan "
        f"({_n(BYTES_PER_EMPLOYEE)} byte per pegawai + 4 MiB, ditambah bundel lain yang sedang "
        "ditulis, cadangan 256 MiB); bila kurang, perintah berhenti dengan pesan yang menyebut "
        "bundelnya.",
        "- **Dapat dilanjutkan.** Zip dengan nama akhirnya hanya ada setelah lengkap; perintah "
        "yang sama diulang melewati bundel lengkap (tidak ditulis ulang) dan membersihkan sisa "
        "sementara. Parameter set dicatat di `FOLDER/nasional.rencana.json`; parameter lain pada "
        "folder yang sama ditolak, begitu pula proses kedua pada folder yang sedang ditulis. "
        "`--workers W` memakai W proses (`spawn`); hasilnya byte demi byte sama dengan satu proses.",
        "- **Penyederhanaan.** Instansi pusat memakai pohon unit templat pemda (Dinas, Bidang, "
        "Seksi) di bawah akarnya sendiri; analisis tidak bergantung pada nama unit.",
        "",
    ]


def _render_generation(g: dict) -> list[str]:
    note = (f" (dari run tolok ukur {g['dari_run_sebelumnya']}; kali ini semua bundel dipakai "
            "ulang)" if g.get("dari_run_sebelumnya") else "")
    return [
        "### Pembuatan set (diukur)",
        "",
        f"`kinerja sample --nasional` dengan {g['proses']} proses{note}:",
        "",
        "| bundel ditulis | dipakai ulang | pegawai ditulis | wall | CPU | ms/pegawai (wall) | "
        "RSS puncak (proses) | RSS puncak (pohon) | disk akhir | disk puncak | zip byte/pegawai |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {g['bundel_ditulis']} | {g['bundel_dipakai_ulang']} | {_n(g['pegawai_ditulis'])} | "
        f"{_dur(g['detik'])} | {_dur(g['cpu_detik'])} | {_n(g.get('ms_per_pegawai'), 2)} | "
        f"{_n(g['rss_puncak_mib'])} MiB | {_n(g['rss_pohon_mib'])} MiB | "
        f"{_n(g['disk_akhir_mib'], 1)} MiB | {_n(g['disk_puncak_mib'], 1)} MiB | "
        f"{_n(g['zip_byte_per_pegawai'])} |",
        "",
        "Disk puncak dicuplik tiap detik dan memuat folder sementara bundel yang sedang ditulis "
        "(sekitar 14 KB per pegawai sebelum di-zip).",
        "",
    ]


def _render_runs(runs: list[dict], backfill: dict) -> list[str]:
    lines = [
        "### `kinerja run` per bundel ke satu gudang (diukur)",
        "",
        "| # | bundel | pegawai | wall | CPU | ms/pegawai | job utama | partisi | RSS puncak "
        "(proses) | RSS puncak (pohon) | gudang sesudahnya | load sebelum |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for i, r in enumerate(runs, 1):
        lines.append(
            f"| {i} | `{r['file']}` | {_n(r['pegawai'])} | {_dur(r['detik'])} | "
            f"{_dur(r['cpu_detik'])} | {_n(r['ms_per_pegawai'], 1)} | {_dur(r['job_utama_detik'])} | "
            f"{_dur(r['partisi_detik'])} | {_n(r['rss_puncak_mib'])} MiB | "
            f"{_n(r['rss_pohon_mib'])} MiB | {_n(r['gudang_mib'], 1)} MiB | "
            f"{_n(r.get('load_sebelum'), 2)} |")
    top = runs[-1]["langkah_teratas"]
    lines += [
        "",
        "Langkah terlama job utama pada run terakhir: "
        + ", ".join(f"`{s['langkah']}` {_n(s['detik'], 1)} s" for s in top) + ".",
        "",
        f"`kinerja backfill` atas {backfill['irisan']} irisan (ditambah perbandingan tahunan): "
        f"{_dur(backfill['detik'])} wall, CPU {_dur(backfill['cpu_detik'])}, "
        f"{_n(backfill['detik_per_irisan'], 1)} s per irisan, RSS puncak "
        f"{_n(backfill['rss_puncak_mib'])} MiB.",
        "",
    ]
    return lines


def _model_text(m: dict, runs: int) -> str:
    if "tetap_detik_per_bundel" in m:
        return (f"{_n(m['tetap_detik_per_bundel'], 1)} s per bundel + {_n(m['ms_per_pegawai'], 2)} "
                f"ms per pegawai (kuadrat terkecil atas {runs} run)")
    return f"{_n(m['ms_per_pegawai_rata2'], 2)} ms per pegawai (rata-rata {runs} run)"


def _render_extrapolation(e: dict, runs: list[dict]) -> list[str]:
    lines = [
        "## Ekstrapolasi (bukan pengukuran)",
        "",
        f"`kinerja run` berurutan (satu penulis gudang): wall = {_model_text(e['model_wall'], len(runs))}; "
        f"CPU = {_model_text(e['model_cpu'], len(runs))}. Wall memuat beban mesin saat diukur "
        "(load average di tabel run); CPU adalah perkiraan wall pada mesin yang tidak dipakai "
        "bersama, karena satu run memakai hampir tepat satu inti (docs/benchmarks.md: CPU/wall "
        "0,87–0,97). Backfill: detik per irisan yang diukur × jumlah instansi; terpisah dari "
        "total, karena setiap `kinerja run` sudah menghitung partisi bundelnya sendiri (backfill "
        "hanya bila semua irisan dihitung ulang). Pembuatan: ms per pegawai yang diukur (dengan "
        "jumlah proses yang sama) × pegawai. Disk: byte zip per pegawai yang diukur × pegawai; "
        "sementara = perkiraan pemeriksa disk untuk bundel terbesar × jumlah proses.",
        "",
        "| cakupan | instansi | pegawai | pembuatan | `kinerja run` berurutan (wall) | (CPU) | "
        "pembuatan + run (wall) | backfill semua irisan | zip di disk | disk sementara | "
        "bundel terbesar |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key, label in (("set", "set yang diukur"), ("nasional", "nasional (626, 6 juta)")):
        x = e[key]
        lines.append(
            f"| {label} | {x['instansi']} | {_n(x['pegawai'])} | {_dur(x['pembuatan_detik'])} | "
            f"{_dur(x['run_detik'])} | {_dur(x['run_cpu_detik'])} | {_dur(x['total_detik'])} | "
            f"{_dur(x['backfill_detik'])} | {_disk(x['disk_zip_mib'])} | "
            f"{_disk(x['disk_sementara_mib'])} | {_n(x['bundel_terbesar'])} |")
    lines += [
        "",
        "Batas ekstrapolasi: (1) biaya diukur pada bundel pemda kecil; bundel besar (provinsi, "
        "kementerian sampai sekitar 250.000) lebih murah per pegawai karena biaya tetap per run "
        "(mulai proses, definisi Dagster, dasbor) terbagi ke lebih banyak pegawai "
        "(docs/benchmarks.md: sekitar 18 ms/pegawai pada 8.000, 14 ms pada 60.000), tetapi "
        "memori puncak naik dengan ukuran bundel (1,0 GiB pada 8.000, 1,8 GiB pada 60.000) dan "
        "belum diukur pada 250.000; (2) setiap `kinerja run` juga menghitung ulang bagian "
        "lintas-bundel atas seluruh gudang (riwayat karier per NIP, perbandingan antar-instansi "
        "tahun itu); biaya itu tumbuh dengan isi gudang, sehingga run ke-600 lebih mahal "
        "daripada run pertama. Kolom «gudang sesudahnya» dan ms/pegawai per run di atas "
        "menunjukkan kecenderungannya pada subset yang diukur; angka nasional tidak memasukkan "
        "pertumbuhan itu dan karena itu batas bawah; (3) dua atau tiga run menentukan model "
        "dengan kasar, terlebih pada mesin yang sedang dibebani proses lain.",
        "",
    ]
    return lines


def _render_bottleneck(e: dict, runs: list[dict], g: dict, cores: int) -> list[str]:
    nat = e["nasional"]
    parts = {"`kinerja run` berurutan": nat["run_detik"], "pembuatan set": nat["pembuatan_detik"] or 0}
    worst = max(parts, key=parts.get)
    share = parts[worst] / max(1, sum(parts.values()))
    steps = runs[-1]["langkah_teratas"][:3]
    cpu_ratio = sum(r["cpu_detik"] for r in runs) / max(1e-9, sum(r["detik"] for r in runs))
    return [
        "## Hambatan",
        "",
        f"Pada ekstrapolasi nasional, {worst} memakan {_n(100 * share)} % dari waktu pembuatan "
        f"+ run. CPU/wall rata-rata `kinerja run` di sini {_n(cpu_ratio, 2)}: di bawah 1 karena "
        "proses lain di mesin bersama ini merebut inti (lihat load average); tanpa beban itu "
        "satu run memakai hampir tepat satu inti. Job bundel `kinerja_lengkap` berjalan dalam "
        "satu proses karena semua langkahnya menulis berkas DuckDB yang sama, dan run berikutnya "
        f"menunggu kunci gudang (satu penulis); dari {cores} inti mesin ini, inti lainnya hanya "
        "terpakai oleh pembuatan set dan langkah partisi. Langkah terlama job utama: "
        + ", ".join(f"`{s['langkah']}`" for s in steps)
        + ". Pembuatan set bukan hambatan: ia paralel per instansi (`--workers`) dan dapat "
        "dijalankan mendahului run.",
        "",
    ]


def _render_distributed() -> list[str]:
    return [
        "## Run terdistribusi (Dagster multiprocess / Kubernetes)",
        "",
        "Yang dapat paralel dan yang tidak, menurut definisi yang ada (docs/operasi.md, "
        "«Partisi: tahun × instansi» dan «Di klaster»; `pipelines/assets/irisan/`):",
        "",
        "- **Job bundel tetap satu per satu.** `kinerja_lengkap` memuat satu bundel ke gudang "
        "DuckDB (satu berkas, satu penulis: kunci gudang untuk `kinerja run`, "
        "`max_concurrent_runs: 1` di bawah daemon, di klaster tag `kinerja/menulis=gudang` "
        "dibatasi 1 oleh `tag_concurrency_limits` dalam `docs/klaster/dagster.yaml`). Executor "
        "k8s tidak memecah job ini: `K8sRunLauncher` meluncurkan run-nya sebagai satu pod dan "
        "langkahnya berjalan dalam satu proses. Jadi 626 run bundel tetap berurutan; klaster "
        "mempercepat masing-masing hanya sejauh pod-nya diberi inti dan memori lebih dan "
        "langkahnya dapat memakainya (DuckDB memakai banyak thread; langkah Python seperti "
        "`dasbor` tidak). Waktu nasional tetap kira-kira waktu satu run dikali jumlah bundel; "
        "memori pod run harus muat bundel terbesar (sekitar 250.000 pegawai).",
        "- **Partisi paralel.** Job `irisan_instansi` (per tahun × instansi, *dynamic "
        "partitions* yang didaftarkan setiap bundel) dan `lintas_tahun` (per tahun) memakai "
        "`multiprocess_executor` (`pipelines/assets/irisan/jobs.py`), atau `k8s_job_executor` "
        "dengan `KINERJA_EKSEKUTOR=k8s`: setiap langkah membuka gudang hanya-baca dan menulis "
        "berkas Parquet partisinya sendiri di folder irisan (volume bersama `ReadWriteMany`), "
        "sehingga run partisi berjalan berdampingan (contoh konfigurasi: `max_concurrent_runs: "
        "16`, `max_concurrent: 8` langkah per run, pod langkah 500m CPU / 4 GiB). `kinerja "
        "backfill` di baris perintah menjalankan irisan satu per satu dalam satu proses; backfill "
        "dari UI/daemon atau di klaster menyebarkan 626 irisan ke banyak pod, sehingga waktu "
        "backfill nasional di atas kira-kira terbagi jumlah run yang berjalan bersamaan "
        "(dibatasi baca bersamaan berkas gudang di volume bersama). Langkah irisan yang menemui "
        "gudang sedang ditulis run bundel mencoba lagi (4 × 30 s), jadi backfill dapat berjalan "
        "di samping pemuatan bundel.",
        "- **Yang akan mengubah angka utama** adalah memecah penulisan gudang, bukan executor: "
        "misalnya memuat bundel ke berkas per instansi lalu menggabungkannya, atau membatasi "
        "perhitungan ulang lintas-gudang per run (riwayat karier, dasbor gudang) menjadi satu "
        "job terjadwal sesudah semua bundel masuk. Itu perubahan desain, bukan konfigurasi; "
        "di sini belum dilakukan.",
        "- **Pembuatan set** sudah paralel per instansi (`--workers`, proses `spawn`); setiap "
        "bundel ditentukan oleh parameter set dan nomor bundelnya saja, jadi set yang ditulis "
        "di mesin mana pun dengan parameter yang sama identik byte demi byte.",
        "",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=NATIONAL_EMPLOYEES)
    parser.add_argument("--instansi", type=int, help="number of instansi (default: as the generator)")
    parser.add_argument("--subset", type=int, default=3, help="bundles run with kinerja run")
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--render", action="store_true",
                        help="only recompute the extrapolation from national.json and render docs/nasional.md")
    args = parser.parse_args()
    if args.render:
        data = recompute(json.loads(RESULTS.read_text(encoding="utf-8")))
    else:
        data = bench(args)
    OUT.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    DOC.write_text(render(data), encoding="utf-8")
    print(f"{RESULTS}\n{DOC}")


if __name__ == "__main__":
    main()
