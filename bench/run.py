"""On-demand benchmark: sample generation and `kinerja run` at given sizes.

    python -m bench.run --employees 5000 60000

Reports wall time, peak RSS (child process), rows per second, reconciliation totals and the
detection scores of the implemented rules; writes bench/out/hasil.json. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from expectations.checks import implemented_rules
from transforms.evaluation import score_findings

OUT = Path(__file__).resolve().parent / "out"


@dataclass
class Timing:
    """What one child process cost: wall, CPU (user+sys, its waited-for descendants included),
    peak RSS of the largest single process (wait4), and, when sampled, ``samples``: (unix time,
    CPU seconds of the whole process tree, RSS MiB of the whole tree) every ``sample_every`` s."""

    wall_s: float
    cpu_s: float
    peak_rss_mib: float
    started: float  # unix time
    samples: list[tuple[float, float, float]] = field(default_factory=list)

    @property
    def peak_tree_rss_mib(self) -> float:
        """Largest sampled sum of RSS over the process tree (0 when not sampled)."""
        return max((s[2] for s in self.samples), default=0.0)


_TICK = os.sysconf("SC_CLK_TCK")
_PAGE_MIB = os.sysconf("SC_PAGE_SIZE") / 2**20


def _tree_usage(root: int) -> tuple[float, float]:
    """(CPU seconds, RSS MiB) of ``root`` and its live descendants, from /proc. A process's
    reaped children are in its cutime/cstime, so the CPU sum is continuous when they exit."""
    stats: dict[int, tuple[int, float, float]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        cpu = sum(int(x) for x in fields[11:15]) / _TICK  # utime, stime, cutime, cstime
        stats[int(entry.name)] = (int(fields[1]), cpu, int(fields[21]) * _PAGE_MIB)
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        kids = [pid for pid, (ppid, _, _) in stats.items() if ppid == parent and pid not in tree]
        tree.update(kids)
        frontier.extend(kids)
    cpu = sum(stats[p][1] for p in tree if p in stats)
    rss = sum(stats[p][2] for p in tree if p in stats)
    return cpu, rss


def timed(
    cmd: list[str],
    env: dict[str, str] | None = None,
    log: Path | None = None,
    sample_every: float | None = None,
) -> Timing:
    """Run a command (stdout, stderr to ``log`` or discarded); exit on failure. With
    ``sample_every``, a thread samples the process tree's CPU and RSS meanwhile."""
    sink = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    try:
        started, start = time.time(), time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.STDOUT if log else sink, env=env)
        samples: list[tuple[float, float, float]] = []
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                cpu, rss = _tree_usage(proc.pid)
                samples.append((time.time(), cpu, rss))
                done.wait(sample_every)

        sampler = threading.Thread(target=sample, daemon=True) if sample_every else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        if sampler:
            sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if log:
            sink.close()
    if proc.returncode != 0:
        tail = log.read_text(errors="replace")[-4000:] if log else ""
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{tail}")
    return Timing(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, started, samples)


def bench(employees: int, seed: int) -> dict:
    work = OUT / f"n{employees}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    kinerja = str(Path(sys.executable).with_name("kinerja"))
    exports, result = work / "ekspor", work / "hasil"
    gen = timed([kinerja, "sample", "--out", str(exports), "--employees", str(employees), "--seed", str(seed)],
                log=work / "sample.log")
    run = timed([kinerja, "run", "--exports", str(exports), "--out", str(result)], log=work / "run.log")
    gen_s, gen_mb, run_s, run_mb = gen.wall_s, gen.peak_rss_mib, run.wall_s, run.peak_rss_mib
    rekon = pl.read_csv(result / "rekonsiliasi.csv")
    rows = int(rekon["dibaca"].sum())
    scores = score_findings(result / "temuan.csv", work / "ekspor.kunci.csv", list(implemented_rules()))
    site = result / "site"
    return {
        "pegawai": employees,
        "baris_dibaca": rows,
        "sample_detik": round(gen_s, 1),
        "sample_rss_mib": round(gen_mb),
        "run_detik": round(run_s, 1),
        "run_rss_mib": round(run_mb),
        "baris_per_detik": round(rows / run_s),
        "ukuran_bundel_mib": round(sum(f.stat().st_size for f in exports.rglob("*") if f.is_file()) / 2**20, 1),
        "ukuran_site_kib": {f.name: f.stat().st_size // 1024 for f in site.rglob("*") if f.is_file()},
        "rekonsiliasi": rekon.to_dicts(),
        "skor": scores.to_dicts(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, nargs="+", default=[5000])
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    results = [bench(n, args.seed) for n in args.employees]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "hasil.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    for r in results:
        print(
            f"{r['pegawai']:>8} pegawai  {r['baris_dibaca']:>10} baris  sample {r['sample_detik']:>6}s "
            f"{r['sample_rss_mib']:>5} MiB  run {r['run_detik']:>6}s {r['run_rss_mib']:>5} MiB  "
            f"{r['baris_per_detik']:>8} baris/s"
        )
        print(pl.DataFrame(r["skor"]))


if __name__ == "__main__":
    main()
