"""On-demand benchmark of the Great Expectations checks (issue: SKP quality).

    python -m bench.quality --employees 60000 [--seed 11]

Writes a sample bundle, stages it (as the assets do, without Dagster) in a child process, then
times every check and records peak RSS before and after validation (the increment is what the
validation itself needs on top of the staged database); scores the planted defects of the
content rules against the generator's key. Writes bench/out/mutu-<n>.json. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
RULES = ["NIP_INVALID", "PREDIKAT_MISMATCH", "EVIDENCE_MISSING", "INDICATOR_UNMEASURABLE",
         "TARGET_UNREALISTIC", "SKP_WITHOUT_UTAMA"]


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(bundle: Path, work: Path) -> dict:
    """Stage, validate, score (runs in its own process so peak RSS is its own)."""
    import duckdb

    from expectations.checks import build_all_findings, checks, run_check
    from transforms.contract import TABLES
    from transforms.evaluation import score_findings
    from transforms.ingest.bundle import open_bundle
    from transforms.load import load_table

    work.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(work / "kerja.duckdb"))
    start = time.perf_counter()
    opened = open_bundle(bundle, work)
    for table in TABLES:
        load_table(con, table.name, opened.sources.get(table.name, []), work)
    staged_s, staged_mib = time.perf_counter() - start, _peak_mib()
    start = time.perf_counter()
    from expectations.runtime import gx

    gx()
    import_s = time.perf_counter() - start
    per_check = []
    start = time.perf_counter()
    for check in checks():
        t = time.perf_counter()
        run = run_check(con, check, work / "gx-hasil")
        per_check.append({
            "pemeriksaan": check.key, "detik": round(time.perf_counter() - t, 2),
            "baris": run.outcome.rows if run.outcome else 0,
            "batch": run.outcome.batches if run.outcome else 0, "lulus": run.passed,
        })
    validate_s, validate_mib = time.perf_counter() - start, _peak_mib()
    build_all_findings(con)  # the findings rules too, for NIP_INVALID
    temuan = work / "temuan.csv"
    con.execute(f"COPY (SELECT * FROM audit.temuan) TO '{temuan}' (HEADER)")
    scores = score_findings(temuan, bundle.parent / f"{bundle.name}.kunci.csv", RULES)
    return {
        "staging_detik": round(staged_s, 1), "rss_setelah_staging_mib": round(staged_mib),
        "impor_gx_detik": round(import_s, 1), "validasi_detik": round(validate_s, 1),
        "rss_puncak_validasi_mib": round(validate_mib),
        "tambahan_rss_validasi_mib": round(validate_mib - staged_mib),
        "per_pemeriksaan": per_check, "skor": scores.to_dicts(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=60_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--child", nargs=2, metavar=("BUNDLE", "WORK"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(Path(args.child[0]), Path(args.child[1]))))
        return
    work = OUT / f"mutu-n{args.employees}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    bundle = work / "ekspor"
    kinerja = str(Path(sys.executable).with_name("kinerja"))
    subprocess.run([kinerja, "sample", "--out", str(bundle), "--employees", str(args.employees),
                    "--seed", str(args.seed)], check=True, capture_output=True)
    proc = subprocess.run([sys.executable, "-m", "bench.quality", "--child", str(bundle), str(work / "kerja")],
                          capture_output=True, text=True)
    if proc.returncode:
        sys.exit(proc.stderr[-3000:])
    result = {"pegawai": args.employees, **json.loads(proc.stdout.strip().splitlines()[-1])}
    (OUT / f"mutu-{args.employees}.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"{args.employees} pegawai: staging {result['staging_detik']} s, impor GX "
          f"{result['impor_gx_detik']} s, validasi {result['validasi_detik']} s, RSS puncak "
          f"{result['rss_puncak_validasi_mib']} MiB (+{result['tambahan_rss_validasi_mib']} MiB)")
    for c in result["per_pemeriksaan"]:
        print(f"  {c['pemeriksaan']:<34} {c['detik']:>6} s  {c['baris']:>10} baris  {c['batch']} batch")
    for s in result["skor"]:
        print(f"  {s['rule']:<24} ditanam {s['ditanam']:>6} ditemukan {s['ditemukan']:>6} "
              f"terlewat {s['terlewat']:>4} positif palsu {s['positif_palsu']:>4}")


if __name__ == "__main__":
    main()
