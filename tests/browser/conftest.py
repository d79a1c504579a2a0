"""Fixtures of the browser suite: Chromium, the site built once per session from two years of
sample bundles (the newest carrying XSS payloads), a page probe per test, and a loopback HTTP
server."""

from __future__ import annotations

import collections
import functools
import http.server
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser.support import RHK_PAYLOAD, UNIT_PAYLOAD, Probe, read_table, rewrite_table

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"
SETUP_SCRIPT = "tests/browser/ensure_chromium.sh"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
RHK_PAYLOAD_ROWS = 5


def find_chromium() -> str | None:
    """The system Chromium: $KINERJA_CHROMIUM, /usr/bin/chromium, or one on PATH."""
    candidates = [os.environ.get("KINERJA_CHROMIUM", ""), "/usr/bin/chromium"]
    candidates += [shutil.which(n) or "" for n in ("chromium", "chromium-browser", "google-chrome")]
    for c in candidates:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return c
    return None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        pytest.skip(
            "Chromium tidak tersedia: no /usr/bin/chromium (nor $KINERJA_CHROMIUM, nor chromium "
            f"on PATH) after the set-up step; run `sh {SETUP_SCRIPT}` as root with apt-get, or "
            "`apt-get install chromium`, or set KINERJA_CHROMIUM."
        )
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # a dev dependency: `pip install -e .[dev]`
        pytest.fail(f"playwright is not installed ({exc}); run `pip install -e .[dev]`")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


# ---------------------------------------------------------------------------------------------
# The site


@dataclass(frozen=True)
class Site:
    root: Path  # .../hasil/site
    unit_name: str  # the unit whose name carries the payload
    instansi_name: str  # its instansi
    rhk_ids: tuple[str, ...]  # RHK rows whose uraian carries the payload

    def url(self, page: str) -> str:
        return (self.root / page).as_uri()


# The warehouse keeps two years: (folder, year, employees, seed); the newest carries the payloads.
YEARS = (("ekspor-2024", 2024, 500, 6), ("ekspor", 2025, 800, 5))


def inject_payloads(bundle: Path) -> tuple[str, str, tuple[str, ...]]:
    """Rename one unit and rewrite a few RHK uraian to XSS payloads, in place."""
    staff = collections.Counter(r["unor_id"] for r in read_table(bundle / "pegawai.csv")[1])
    fields, units = read_table(bundle / "unit_kerja.csv")
    first_instansi = units[0]["instansi_id"]
    candidates = [u for u in units if u["instansi_id"] == first_instansi and u["unor_induk_id"]]
    target = max(candidates, key=lambda u: staff[u["unor_id"]])
    target["unor_nama"] = UNIT_PAYLOAD
    rewrite_table(bundle / "unit_kerja.csv", units, fields)

    # RHK rows flagged in the ground-truth key are likeliest to be listed on the quality page.
    key = bundle.parent / f"{bundle.name}.kunci.csv"
    flagged = [r["subjek_id"] for r in read_table(key)[1] if r["tingkat"] == "rhk"] if key.exists() else []
    fields, rhk = read_table(bundle / "rhk.csv")
    ids = set(flagged[:RHK_PAYLOAD_ROWS]) or {r["rhk_id"] for r in rhk[:RHK_PAYLOAD_ROWS]}
    for r in rhk:
        if r["rhk_id"] in ids:
            r["uraian"] = RHK_PAYLOAD
    rewrite_table(bundle / "rhk.csv", rhk, fields)
    return target["unor_nama"], target["instansi_nama"], tuple(sorted(ids))


@pytest.fixture(scope="session")
def site(chromium_path, tmp_path_factory) -> Site:
    """Two sample bundles (2024: 500 employees; 2025: 800 employees with payloads; 2 instansi
    each) -> `kinerja run` each into one OUT -> site/ showing both years.
    Built before Playwright starts (see browser_context), and only when a Chromium exists."""
    from pipelines.cli import main
    from transforms.sample import write_sample_bundle

    work = tmp_path_factory.mktemp("browser-site")
    for folder, tahun, employees, seed in YEARS:
        bundle = work / folder
        write_sample_bundle(bundle, employees=employees, seed=seed, tahun=tahun, instansi=2)
        if folder == "ekspor":
            unit_name, instansi_name, rhk_ids = inject_payloads(bundle)
        rc = main(["run", "--exports", str(bundle), "--out", str(work / "hasil")])
        assert rc == 0, f"kinerja run of {folder} failed with exit code {rc}"
    root = work / "hasil" / "site"
    assert (root / "index.html").is_file(), "kinerja run wrote no site/index.html"
    return Site(root, unit_name, instansi_name, rhk_ids)


# ---------------------------------------------------------------------------------------------
# Pages


@pytest.fixture(scope="session")
def browser_context(site, browser):  # site first: the pipeline runs before Playwright's loop
    """One context for the session (downloads accepted; anything non-local aborted): pages
    reuse its compiled plotly.js, which keeps the suite fast on two cores."""
    from tests.browser.support import is_local_url

    ctx = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    ctx.route(lambda url: not is_local_url(url), lambda route: route.abort())
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def _shared(browser_context) -> dict:
    return {"context": browser_context}


def fresh_probe(shared: dict) -> Probe:
    """The session's one page (one renderer: plotly.js is compiled once), emptied
    (about:blank) and with fresh records."""
    probe = shared.get("probe")
    if probe is None or probe.page.is_closed():
        probe = shared["probe"] = Probe(shared["context"].new_page()).attach()
    probe.page.goto("about:blank")
    probe.reset()
    return probe


@pytest.fixture
def open_probe(_shared):
    """Factory: a clean page with records of every request, failure, console error, page
    error and dialog. Each call starts over (the previous records are dropped)."""
    return lambda: fresh_probe(_shared)


@pytest.fixture
def probe(open_probe) -> Probe:
    return open_probe()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


@pytest.fixture
def http_site(site):
    """The site served by http.server on 127.0.0.1 (random free port); yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(site.root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


INVENTORY_JS = """() => {
  const attr = (sel, a) => Array.from(document.querySelectorAll(sel)).map(e => e.getAttribute(a));
  return {
    filters: attr('select[data-filter]', 'data-filter'),
    filtered: document.querySelectorAll('[data-filtered]').length,
    sortable: Array.from(document.querySelectorAll('table')).filter(
        t => t.querySelector('th[data-sort]')).map(t => t.getAttribute('data-table') || ''),
    pagers: attr('[data-pager]', 'data-pager'),
    csv: attr('button[data-download="csv"][data-for]', 'data-for'),
    xlsx: attr('button[data-download="xlsx"][data-for]', 'data-for'),
    data_page: document.body.getAttribute('data-page'),
    icon: (document.querySelector('link[rel~="icon"]') || {getAttribute: () => null}).getAttribute('href'),
    links: Array.from(document.querySelectorAll('a[href]')).map(a => ({
      href: a.href, raw: a.getAttribute('href'), tile: a.matches('a.tile[data-tile]'),
      status: a.getAttribute('data-status')})),
  };
}"""


@dataclass(frozen=True)
class PageReport:
    """One page as loaded from file:// once per session: what it did and what it offers."""

    requests: tuple[str, ...]
    problems: dict
    figures: list
    offers: dict  # INVENTORY_JS


@dataclass(frozen=True)
class Inventory:
    """Each built page's report, and the pages that were not built."""

    pages: dict[str, dict]
    reports: dict[str, PageReport]
    missing: tuple[str, ...]

    def with_(self, key: str, value: str | None = None) -> list[str]:
        return [n for n, inv in self.pages.items() if (value in inv[key] if value else inv[key])]


@pytest.fixture(scope="session")
def inventory(_shared, site, screenshot_dir) -> Inventory:
    """Load every page once: record its requests and problems, its charts, its links and
    conventions, and save a full-page screenshot to test-artifacts/screenshots/<page>.png."""
    from tests.browser.support import FIGURES_JS, PAGES, goto

    pages, reports, missing = {}, {}, []
    for name in PAGES:
        if not (site.root / name).is_file():
            missing.append(name)
            continue
        probe = fresh_probe(_shared)
        goto(probe, site.url(name))
        probe.page.screenshot(path=str(screenshot_dir / f"{Path(name).stem}.png"), full_page=True)
        offers = probe.page.evaluate(INVENTORY_JS)
        figures = probe.page.evaluate(FIGURES_JS)
        pages[name] = offers
        problems = {k: list(v) for k, v in probe.problems().items()}
        reports[name] = PageReport(tuple(probe.requests), problems, figures, offers)
    return Inventory(pages, reports, tuple(missing))
