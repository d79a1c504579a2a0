"""On demand: every kind of bad input of the catalogue, run through `kinerja run` on a sample.

    python -m bench.bad_inputs --employees 2000

Writes a sample bundle once, runs the unchanged bundle (baseline), then one run per mutation of
``transforms.sample.mutations.CATALOGUE`` on a copy with that one change. Prints (and writes to
bench/out/bad_inputs.md) a table: outcome, exit code and records lost, judged against what the
file holds (the generator's own count plus the mutation's change), not what the parser returned.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from transforms.sample import write_sample_bundle
from transforms.sample.mutations import CATALOGUE, Outcome, assess

OUT = Path(__file__).resolve().parent / "out"
KINERJA = str(Path(sys.executable).with_name("kinerja"))


def _run(bundle: Path, out: Path) -> tuple[int, str, list[dict[str, str]]]:
    proc = subprocess.run([KINERJA, "run", "--exports", str(bundle), "--out", str(out)],
                          capture_output=True, text=True, timeout=1800)
    rekon: list[dict[str, str]] = []
    if proc.returncode == 0:
        with (out / "rekonsiliasi.csv").open(encoding="utf-8") as f:
            rekon = list(csv.DictReader(f))
    message = next((ln for ln in proc.stderr.splitlines() if ln.startswith(("GAGAL", "SIBUK"))), "")
    return proc.returncode, message, rekon


def _changes(rekon: list[dict[str, str]], baseline: dict[str, dict[str, str]]) -> str:
    parts = []
    for r in rekon:
        b = baseline[r["tabel"]]
        for col, label in (("dikarantina", "karantina"), ("kosong", "kosong"), ("diperbaiki", "diperbaiki")):
            d = int(r[col]) - int(b[col])
            if d:
                parts.append(f"{r['tabel']} {label} {d:+d}")
    return "; ".join(parts) or "tanpa perubahan"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    work = OUT / "bad_inputs"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    summary = write_sample_bundle(work / "ekspor", employees=args.employees, seed=args.seed)
    code, message, rekon = _run(work / "ekspor", work / "dasar")
    if code != 0:
        sys.exit(f"baseline run failed: {message}")
    baseline = {r["tabel"]: r for r in rekon}
    outcomes: list[tuple[Outcome, str]] = []
    for m in CATALOGUE:
        with tempfile.TemporaryDirectory(dir=work) as tmp:
            bundle = Path(tmp) / "ekspor"
            shutil.copytree(work / "ekspor", bundle)
            target = m.apply(bundle) or bundle
            code, message, rekon = _run(target, Path(tmp) / "hasil")
        outcome = assess(m, summary.rows, code, message, rekon, baseline)
        shown = message.removeprefix("GAGAL: ")[:120] if code else _changes(rekon, baseline)
        outcomes.append((outcome, shown))
        print(f"{m.name:<24} exit {code}  lost {outcome.lost}  {'ok' if outcome.ok else outcome.problems}",
              flush=True)
    lines = [
        f"Bad inputs on a {args.employees:,}-employee sample (seed {args.seed}), one change each.", "",
        "| # | input | outcome | exit | rows lost | verdict |", "|---|---|---|---|---|---|",
    ]
    for i, (o, shown) in enumerate(outcomes, 1):
        verdict = "ok" if o.ok else "; ".join(o.problems)
        lines.append(f"| {i} | {o.mutation.description} | {shown} | {o.exit_code} | {o.lost} | {verdict} |")
    text = "\n".join(lines) + "\n"
    (OUT / "bad_inputs.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
