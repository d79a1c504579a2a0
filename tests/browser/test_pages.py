"""Every page loads cleanly offline, draws its charts and links its siblings; also over HTTP.

The file:// checks read the session's one load of each page (``inventory``), which also
saved the screenshots to test-artifacts/screenshots/<page>.png.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.browser.support import FIGURES_JS, PAGES, goto

pytestmark = pytest.mark.slow


def report(site, inventory, name: str):
    assert (site.root / name).is_file(), f"{name} does not exist: the pipeline did not build it"
    return inventory.reports[name]


def chart_faults(figures: list[dict]) -> list[dict]:
    return [f for f in figures if not f["plotly"] or not any(n >= 1 for n in f["points"])]


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_offline_without_errors(site, inventory, screenshot_dir, name):
    """From file:// the page loads with no console/page error, no failed request, no dialog
    and no request leaving the machine (all recorded), says which page it is, and declares
    the data: favicon; its full-page screenshot was saved."""
    r = report(site, inventory, name)
    assert site.url(name) in r.requests, "request recording saw no page load"
    assert r.problems == {}
    assert r.offers["data_page"] == PAGES[name], "wrong or missing <body data-page>"
    assert r.offers["icon"] == "data:,", 'no <link rel="icon" href="data:,">'
    assert (screenshot_dir / f"{Path(name).stem}.png").is_file()


@pytest.mark.parametrize("name", list(PAGES))
def test_every_chart_has_rendered_data(site, inventory, name):
    """Each [data-figure] is a Plotly plot (.js-plotly-plot) with >= 1 trace holding >= 1 point."""
    r = report(site, inventory, name)
    if PAGES[name] == "ringkasan":
        assert r.figures, "the summary page has no [data-figure] chart"
    assert chart_faults(r.figures) == [], "charts without rendered data"


@pytest.mark.parametrize("name", list(PAGES))
def test_navigation_links_every_page(site, inventory, name):
    """Each page links to every other page (relative links, resolved by the next test)."""
    r = report(site, inventory, name)
    targets = {Path(unquote(urlsplit(lk["href"]).path)).name for lk in r.offers["links"]}
    missing = [other for other in PAGES if other != name and other not in targets]
    assert missing == [], f"{name} has no link to {missing}"


@pytest.mark.parametrize("name", list(PAGES))
def test_local_links_and_tiles_resolve(site, inventory, name):
    """No local link is broken (file and #anchor exist); on the summary page the tiles
    a.tile[data-tile] that are available lead somewhere, and none leads to a missing page
    (unavailable ones carry data-status=belum-tersedia)."""
    r = report(site, inventory, name)
    broken, ids = [], {}
    for link in r.offers["links"]:
        parts = urlsplit(link["href"])
        if parts.scheme != "file":
            continue
        target = Path(unquote(parts.path))
        if not target.exists():
            broken.append(link["raw"])
        elif parts.fragment and target.suffix == ".html" and "=" not in parts.fragment:
            if target not in ids:
                ids[target] = set(re.findall(r'\sid="([^"]+)"', target.read_text(encoding="utf-8")))
            if unquote(parts.fragment) not in ids[target]:
                broken.append(link["raw"])
    assert broken == [], f"broken local links on {name}: {broken}"

    if PAGES[name] == "ringkasan":
        tiles = [lk for lk in r.offers["links"] if lk["tile"]]
        assert tiles, "the summary page has no a.tile[data-tile]"
        available = [t for t in tiles if t["status"] != "belum-tersedia"]
        assert available, "every tile is belum-tersedia"
        assert [t for t in available if t["raw"] in ("", "#")] == [], "available tile without a target"


def test_every_page_over_http(site, http_site, open_probe):
    """Served by http.server on 127.0.0.1 (random port), every page answers 200 and loads
    with no error; every request goes to that server (or stays in data:/blob:); charts draw."""
    missing = [n for n in PAGES if not (site.root / n).is_file()]
    for name, key in PAGES.items():
        if name in missing:
            continue
        probe = open_probe()
        response = goto(probe, http_site + name)
        assert response is not None and response.status == 200
        assert probe.page.get_attribute("body", "data-page") == key
        network = [u for u in probe.requests if u.startswith(("http:", "https:", "ws"))]
        assert network and all(u.startswith(http_site) for u in network), network
        assert probe.problems() == {}, f"{name} over http: {probe.problems()}"
        assert chart_faults(probe.page.evaluate(FIGURES_JS)) == [], f"{name} over http"
    assert missing == [], f"pages not built: {missing}"
