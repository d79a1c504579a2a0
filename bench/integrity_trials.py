"""On demand: concurrent runs on one OUT, and kill -9 at points of a run.

    python -m bench.integrity_trials --employees 2000 --trials 10

Two bundles of the same instansi and year (``ekspor_b`` is ``ekspor_a`` with 100 pegawai rows
fewer, so it replaces a's slice in the warehouse) tell which one a published result came from:
its ``rekonsiliasi.csv`` (pegawai read) and its site (the bundle's name) must name the same
bundle, or the result is mixed. Prints a table per experiment and writes
bench/out/integrity_trials.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from pipelines.output_folder import FAULT_ENV, RELEASES
from transforms.sample import write_sample_bundle

OUT = Path(__file__).resolve().parent / "out"
KINERJA = str(Path(sys.executable).with_name("kinerja"))


def _cmd(bundle: Path, out: Path, *extra: str) -> list[str]:
    return [KINERJA, "run", "--exports", str(bundle), "--out", str(out), *extra]


def published(out: Path, sizes: dict[str, int]) -> str:
    """Which bundle OUT shows ('a', 'b'), 'campur' when its parts disagree, or 'tidak ada'."""
    try:
        with (out / "rekonsiliasi.csv").open(encoding="utf-8") as f:
            pegawai = next(int(r["dibaca"]) for r in csv.DictReader(f) if r["tabel"] == "pegawai")
        html = (out / "site" / "index.html").read_text(encoding="utf-8")
        (out / "temuan.csv").read_bytes()
    except (OSError, StopIteration):
        return "tidak ada"
    by_count = next((k for k, n in sizes.items() if n == pegawai), "?")
    by_site = [k for k in sizes if f"ekspor_{k}" in html]
    return by_count if by_site == [by_count] else "campur"


def leftovers(out: Path) -> str:
    rel = out / RELEASES
    extra = [p.name for p in rel.iterdir() if p.name != "aktif"] if rel.is_dir() else []
    wal = [p.name for p in out.glob("*.wal")]
    return f"{len(extra)} rilis" + (f", {wal}" if wal else "")


def concurrent(bundles: dict[str, Path], sizes: dict[str, int], trials: int, wait: bool) -> list[str]:
    rows = []
    for i in range(trials):
        out = OUT / "trials" / f"bersamaan_{int(wait)}_{i}"
        shutil.rmtree(out, ignore_errors=True)
        delay = 0.3 * i
        a = subprocess.Popen(_cmd(bundles["a"], out), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        b = subprocess.run(_cmd(bundles["b"], out, *(["--tunggu"] if wait else [])),
                           capture_output=True, text=True)
        _, a_err = a.communicate()
        said = next((ln for ln in b.stderr.splitlines() if ln.startswith("SIBUK")), "")[:90]
        rows.append(f"| {i + 1} | {delay:.1f} s | {a.returncode} | {b.returncode} | {said or '-'} | "
                    f"{published(out, sizes)} | {leftovers(out)} |")
    return rows


def _kill_on_line(cmd: list[str], marker: str) -> int:
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    for line in proc.stderr:
        if marker in line:
            proc.send_signal(signal.SIGKILL)
            break
    return proc.wait()


def kills(bundles: dict[str, Path], sizes: dict[str, int]) -> list[str]:
    points = [
        ("membaca realisasi", "line", "Membaca realisasi"),
        ("menulis temuan", "line", "Karantina:"),
        ("menulis dasbor", "line", "Daftar terbatas"),
        ("sebelum terbit", "fault", "sebelum_terbit"),
        ("sesudah tautan, sebelum tukar", "fault", "sesudah_tautan"),
        ("sesudah tukar, sebelum hapus lama", "fault", "sesudah_tukar"),
    ]
    rows = []
    for label, kind, where in points:
        out = OUT / "trials" / f"kill_{where.replace(' ', '_').replace(':', '')}"
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run(_cmd(bundles["a"], out), capture_output=True, check=True)
        if kind == "line":
            code = _kill_on_line(_cmd(bundles["b"], out), where)
        else:
            code = subprocess.run(_cmd(bundles["b"], out), capture_output=True,
                                  env={**os.environ, FAULT_ENV: where}).returncode
        after, left = published(out, sizes), leftovers(out)
        nxt = subprocess.run(_cmd(bundles["b"], out), capture_output=True, text=True)
        note = "dibersihkan" if "sisa run yang terhenti" in nxt.stderr else "-"
        rows.append(f"| {label} | {code} | {after} | {left} | {nxt.returncode}, {published(out, sizes)} "
                    f"| {note}, {leftovers(out)} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--trials", type=int, default=10)
    args = parser.parse_args()
    root = OUT / "trials"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    summary = write_sample_bundle(root / "ekspor_a", employees=args.employees, seed=7)
    # b: the same instansi and year (so it replaces a's slice), 100 pegawai rows fewer.
    shutil.copytree(root / "ekspor_a", root / "ekspor_b")
    pegawai = root / "ekspor_b" / "pegawai.csv"
    lines = pegawai.read_bytes().splitlines(keepends=True)
    pegawai.write_bytes(b"".join(lines[:-100]))
    bundles = {"a": root / "ekspor_a", "b": root / "ekspor_b"}
    sizes = {"a": summary.rows["pegawai"], "b": summary.rows["pegawai"] - 100}
    lines = [f"Samples: a = {sizes['a']:,} pegawai rows, b = {sizes['b']:,}.", "",
             "## Two runs on one OUT (b starts after the delay; no --tunggu)", "",
             "| trial | delay | exit a | exit b | b said | published | leftovers |", "|---|---|---|---|---|---|---|",
             *concurrent(bundles, sizes, args.trials, wait=False), "",
             "## Same, b with --tunggu", "",
             "| trial | delay | exit a | exit b | b said | published | leftovers |", "|---|---|---|---|---|---|---|",
             *concurrent(bundles, sizes, args.trials, wait=True), "",
             "## kill -9 of run b (OUT held a's result)", "",
             "| killed at | exit | OUT afterwards | leftovers | next run: exit, published | recovery |",
             "|---|---|---|---|---|---|", *kills(bundles, sizes)]
    text = "\n".join(lines) + "\n"
    (OUT / "integrity_trials.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
