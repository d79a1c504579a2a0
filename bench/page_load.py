"""Page weight and load time of a built dashboard in headless Chromium (on demand).

    python -m bench.page_load SITE [--ulang 3] [--http] [--json HASIL.json]

Every ``*.html`` page of SITE (``OUT/site``) is opened from ``file://`` in one browser
context, as a user would: plotly.js is compiled on the first page and cached for the others
(a warm-up page loads it first). A page counts as loaded when its ``load`` event has fired and
every chart it drew has finished drawing (``Plotly.react`` resolved), with nothing new drawn for
``QUIET_MS``. Reported per page: the HTML file's size, the data scripts it loaded, the median
load time over ``--ulang`` loads, the charts drawn and any script error. Issue 13's target:
each page under 3 MB and loaded in under 1.5 s at 1,000,000 ASN.
"""

from __future__ import annotations

import argparse
import functools
import json
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path

from tests.browser.conftest import CHROMIUM_ARGS, QuietHandler, find_chromium

QUIET_MS = 400  # no chart started or finished for this long: the page is done
TIMEOUT_S = 60
TARGET_MB, TARGET_S = 3.0, 1.5

# Wraps Plotly.react (site.js draws every chart through it) to time each draw.
_PROBE = """
(() => {
  const draws = [];
  window.__kinerjaDraws = draws;
  let real;
  Object.defineProperty(window, "Plotly", {
    configurable: true,
    get() { return real; },
    set(p) {
      real = p;
      const react = p.react.bind(p);
      p.react = function () {
        const d = { start: performance.now(), end: null };
        draws.push(d);
        const r = react.apply(null, arguments);
        Promise.resolve(r).then(() => { d.end = performance.now(); }, () => { d.end = performance.now(); });
        return r;
      };
    },
  });
})();
"""
_STATE = """() => {
  const d = window.__kinerjaDraws || [];
  const nav = performance.getEntriesByType("navigation")[0];
  const last = d.reduce((m, x) => Math.max(m, x.end === null ? Infinity : x.end, x.start), 0);
  return { loaded: nav ? nav.loadEventEnd : 0, draws: d.length,
           pending: d.filter((x) => x.end === null).length, last: last, now: performance.now(),
           scripts: Array.from(document.querySelectorAll("script[src]"))  /* resource timing
             lists nothing under file:// */
             .filter((s) => !s.getAttribute("src").includes("assets/")).length };
}"""


def _measure(context, url: str) -> dict:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(url, wait_until="load", timeout=TIMEOUT_S * 1000)
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            s = page.evaluate(_STATE)
            quiet = s["now"] - max(s["last"], s["loaded"]) >= QUIET_MS
            if (s["loaded"] > 0 and not s["pending"] and quiet) or time.monotonic() > deadline:
                break
            page.wait_for_timeout(50)
        done_ms = max(s["loaded"], s["last"] if s["draws"] else 0)
        return {"ms": round(done_ms), "ms_load": round(s["loaded"]), "grafik": s["draws"],
                "skrip_data": s["scripts"], "galat": errors}
    finally:
        page.close()


@contextmanager
def _served(site: Path, http: bool) -> Iterator[Callable[[Path], str]]:
    """URLs of the site's pages: ``file://``, or a loopback HTTP server (Chromium keeps
    compiled code of scripts served over HTTP, not of files)."""
    if not http:
        yield lambda p: p.as_uri()
        return
    handler = functools.partial(QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield lambda p: f"http://127.0.0.1:{server.server_port}/{p.relative_to(site).as_posix()}"
    finally:
        server.shutdown()


def measure_site(site: Path, repeat: int = 3, http: bool = False) -> list[dict]:
    """Per page: name, KB, median ms over ``repeat`` loads, charts, data scripts, errors."""
    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("Chromium tidak ditemukan: jalankan `sh tests/browser/ensure_chromium.sh`.")
    pages = sorted(site.glob("*.html"))
    out = []
    with _served(site, http) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.add_init_script(_PROBE)
        _measure(context, url(pages[0]))  # warm-up: plotly.js compiled and cached
        for path in pages:
            runs = [_measure(context, url(path)) for _ in range(repeat)]
            out.append({
                "halaman": path.name,
                "kib": round(path.stat().st_size / 1024),
                "ms": round(statistics.median(r["ms"] for r in runs)),
                "ms_semua": [r["ms"] for r in runs],
                "ms_load": round(statistics.median(r["ms_load"] for r in runs)),
                "grafik": runs[-1]["grafik"],
                "skrip_data": runs[-1]["skrip_data"],
                "galat": sorted({e for r in runs for e in r["galat"]}),
            })
        browser.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--ulang", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--http", action="store_true", help="serve the site on loopback instead of file://")
    args = parser.parse_args()
    rows = measure_site(args.site, args.ulang, args.http)
    print(f"{'halaman':18} {'KiB':>7} {'ms':>6} {'load':>6} grafik data  sasaran")
    for r in rows:
        ok = r["kib"] / 1024 < TARGET_MB and r["ms"] / 1000 < TARGET_S
        print(f"{r['halaman']:18} {r['kib']:7} {r['ms']:6} {r['ms_load']:6} {r['grafik']:6} {r['skrip_data']:4}  "
              f"{'ya' if ok else 'TIDAK'}{'  galat: ' + '; '.join(r['galat']) if r['galat'] else ''}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
