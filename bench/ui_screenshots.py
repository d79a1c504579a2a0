"""Screenshots of the Dagster UI for docs/img (on demand, not part of `make test`).

    python -m bench.ui_screenshots --out HASIL --dagster-home HOME [--port 3111]

Starts `kinerja ui` on an OUT whose instance already holds partition runs (e.g. after a few
`kinerja run` of different instansi and years), then captures the asset partitions page of
irisan/rekap, the lintas/banding_instansi partitions and the Automation page into docs/img/.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = {
    "dagster-partisi.png": "/assets/irisan/rekap?view=partitions",
    "dagster-partisi-lintas.png": "/assets/lintas/banding_instansi?view=partitions",
    "dagster-otomasi.png": "/automation",
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--dagster-home", required=True)
    parser.add_argument("--exports", default=None)
    parser.add_argument("--port", type=int, default=3111)
    args = parser.parse_args()
    cmd = [str(Path(sys.executable).with_name("kinerja")), "ui", "--out", args.out,
           "--dagster-home", args.dagster_home, "--port", str(args.port),
           "--kotak-masuk", str(Path(args.dagster_home).parent / "kotak-masuk-layar")]
    if args.exports:
        cmd += ["--exports", args.exports]
    proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(180):
            try:
                urllib.request.urlopen(base + "/server_info", timeout=5).read()
                break
            except OSError:
                time.sleep(1)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(viewport={"width": 1500, "height": 900})
            for name, path in PAGES.items():
                page.goto(base + path)
                page.wait_for_timeout(4000)
                skip = page.get_by_role("button", name="Skip")  # Dagster's community dialog
                if skip.count():
                    skip.first.click()
                page.wait_for_timeout(2000)
                page.screenshot(path=str(ROOT / "docs" / "img" / name))
                print(name)
            browser.close()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
