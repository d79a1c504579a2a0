"""On demand: years and instansi side by side in one warehouse.

    python -m bench.years --employees 800

Loads into one OUT, one after another: A (instansi X, 2024), B (instansi X, 2025), C (another
instansi, 2025), then B again. Prints the rows per (table, instansi, tahun) after each load
and whether temuan.csv stayed byte-identical when B was loaded the second time; writes
bench/out/years.md.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from transforms.sample import write_sample_bundle
from transforms.warehouse import slice_counts

OUT = Path(__file__).resolve().parent / "out"
KINERJA = str(Path(sys.executable).with_name("kinerja"))
SHOWN = ("stg.unit_kerja", "stg.pegawai", "stg.penilaian", "stg.realisasi", "audit.temuan", "mart.unit")


def _slices(out: Path) -> dict[tuple[str, str, int], int]:
    con = duckdb.connect(str(out / "warehouse.duckdb"), read_only=True)
    try:
        return {(t, i or "-", y): n for t, i, y, n in slice_counts(con) if t in SHOWN}
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employees", type=int, default=800)
    args = parser.parse_args()
    root = OUT / "years"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    plan = (("A", 3, 2024, args.employees), ("B", 3, 2025, args.employees), ("C", 9, 2025, args.employees // 2))
    for key, seed, tahun, n in plan:
        write_sample_bundle(root / f"ekspor_{key}", employees=n, seed=seed, tahun=tahun)
    out = root / "hasil"
    states, digests = [], []
    for key in ("A", "B", "C", "B"):
        subprocess.run([KINERJA, "run", "--exports", str(root / f"ekspor_{key}"), "--out", str(out)],
                       check=True, capture_output=True)
        states.append(_slices(out))
        digests.append(hashlib.sha256((out / "temuan.csv").read_bytes()).hexdigest()[:12])
    keys = sorted(set().union(*states), key=lambda k: (k[0], k[2], k[1]))
    short = {i: f"I{n + 1}" for n, i in enumerate(sorted({k[1] for k in keys}))}
    lines = [f"Instansi: {', '.join(f'{v} = {k}' for k, v in short.items())}.", "",
             "| table | instansi | tahun | after A | after B | after C | after B again |",
             "|---|---|---|---|---|---|---|"]
    for k in keys:
        cells = [f"{s.get(k, 0):,}" for s in states]
        lines.append(f"| {k[0]} | {short[k[1]]} | {k[2]} | " + " | ".join(cells) + " |")
    lines += ["", f"temuan.csv sha256 after each load: {', '.join(digests)}",
              f"B loaded again gives a byte-identical temuan.csv: {digests[2] == digests[3]}",
              f"B loaded again gives identical slices: {states[2] == states[3]}"]
    text = "\n".join(lines) + "\n"
    (OUT / "years.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
