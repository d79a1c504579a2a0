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
import time
from pathlib import Path

import polars as pl

from expectations.checks import implemented_rules
from transforms.evaluation import score_findings

OUT = Path(__file__).resolve().parent / "out"


def _timed(cmd: list[str]) -> tuple[float, float]:
    """Run a command; return (wall seconds, peak RSS in MiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode() if proc.stderr else ''}")
    return wall, usage.ru_maxrss / 1024


def bench(employees: int, seed: int) -> dict:
    work = OUT / f"n{employees}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    kinerja = str(Path(sys.executable).with_name("kinerja"))
    exports, result = work / "ekspor", work / "hasil"
    gen_s, gen_mb = _timed([kinerja, "sample", "--out", str(exports), "--employees", str(employees), "--seed", str(seed)])
    run_s, run_mb = _timed([kinerja, "run", "--exports", str(exports), "--out", str(result)])
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
