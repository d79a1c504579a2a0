"""On-demand benchmark of the rating-consistency rules over several seeds (issue 10).

    python -m bench.konsistensi --employees 20000 --seeds 1 2 3 4 5 6 7 8 9 10

Per seed: writes a sample bundle, stages it (as the assets do, without Dagster), runs the
consistency rules (distribution, unit_outlier, evaluator, rating_evidence), scores them against
the generator's key (recall, false positives, unplanted evaluators flagged per 100 evaluators)
and, when the generator wrote a decoy file (``<bundle>.umpan.csv``), counts decoys flagged by
the rule they imitate. Writes bench/out/konsistensi-<n>.json. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
PRODUCERS = ("distribution", "unit_outlier", "evaluator", "rating_evidence")
EVALUATOR_RULES = ("EVALUATOR_LENIENT", "EVALUATOR_SEVERE", "EVALUATOR_CENTRAL_TENDENCY")


def one_seed(employees: int, seed: int, root: Path) -> dict:
    import importlib

    import duckdb
    import polars as pl

    from transforms.contract import TABLES
    from transforms.evaluation import score_findings
    from transforms.findings.writer import write_rule_findings
    from transforms.ingest.bundle import open_bundle
    from transforms.load import load_table

    bundle, work = root / f"s{seed}" / "ekspor", root / f"s{seed}" / "kerja"
    subprocess.run([sys.executable, "-m", "pipelines.cli", "sample", "--out", str(bundle),
                    "--employees", str(employees), "--seed", str(seed)], check=True,
                   capture_output=True)
    work.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(work / "kerja.duckdb"))
    opened = open_bundle(bundle, work)
    for table in TABLES:
        load_table(con, table.name, opened.sources.get(table.name, []), work)
    timings = {}
    rules: list[str] = []
    for name in PRODUCERS:
        module = importlib.import_module(f"transforms.findings.rules.{name}")
        start = time.perf_counter()
        write_rule_findings(con, tuple(module.RULE_IDS), module.findings(con))
        timings[name] = round(time.perf_counter() - start, 2)
        rules += list(module.RULE_IDS)
    temuan = work / "temuan.csv"
    con.execute(f"COPY (SELECT * FROM audit.temuan) TO '{temuan}' (HEADER)")
    key = bundle.parent / f"{bundle.name}.kunci.csv"
    scores = score_findings(temuan, key, rules).to_dicts()
    evaluators = con.execute(
        "SELECT count(DISTINCT nip_penilai) FROM stg.penilaian WHERE periode = CAST(tahun AS VARCHAR)"
    ).fetchall()[0][0]
    found = pl.read_csv(temuan, infer_schema=False)
    planted = pl.read_csv(key, infer_schema=False)
    unplanted = found.filter(pl.col("rule").is_in(EVALUATOR_RULES)).join(
        planted.select("rule", "subjek_id"), on=["rule", "subjek_id"], how="anti")
    result = {"seed": seed, "penilai": evaluators, "detik": timings, "skor": scores,
              "penilai_palsu_per_100": round(100 * unplanted.height / max(evaluators, 1), 3)}
    decoys = bundle.parent / f"{bundle.name}.umpan.csv"
    if decoys.exists():
        d = pl.read_csv(decoys, infer_schema=False)
        imitated = found.join(d.select("rule", "subjek_id", "umpan"), on=["rule", "subjek_id"])
        unit_rules = found.filter(pl.col("tingkat") == "unit").join(
            d.select(pl.col("unor_id").alias("subjek_id"), "umpan"), on="subjek_id")
        result["umpan"] = {
            "jumlah": d.group_by("umpan").len().sort("umpan").to_dicts(),
            "ditandai_aturan_yang_ditiru": imitated.select("umpan", "rule", "subjek_id").to_dicts(),
            "unitnya_ditandai_aturan_unit": unit_rules.select("umpan", "rule", "subjek_id").to_dicts(),
        }
    con.close()
    shutil.rmtree(root / f"s{seed}", ignore_errors=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=20_000)
    parser.add_argument("--seeds", type=int, nargs="+", default=list(range(1, 11)))
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-konsistensi"))
    args = parser.parse_args()
    results = []
    for seed in args.seeds:
        start = time.perf_counter()
        r = one_seed(args.employees, seed, args.work)
        r["total_detik"] = round(time.perf_counter() - start, 1)
        results.append(r)
        line = ", ".join(f"{s['rule']} {s['ditemukan']}/{s['ditanam']} fp {s['positif_palsu']}" for s in r["skor"])
        print(f"seed {seed}: {line}; penilai palsu/100 {r['penilai_palsu_per_100']}", flush=True)
    OUT.mkdir(exist_ok=True)
    path = OUT / f"konsistensi-{args.employees}.json"
    path.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print(path)


if __name__ == "__main__":
    main()
