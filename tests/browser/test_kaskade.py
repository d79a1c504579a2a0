"""The cascade explorer of cascading.html in Chromium, on the session's sample site: choosing a
unit loads its data files and draws its cascade with the bundled Plotly; the hover text and
every label carry RHK texts, units and jabatan, never a NIP or a name; clicking a tile zooms
in; the unit is kept in the hash."""

from __future__ import annotations

import re

import pytest

from tests.browser.support import goto, read_table

pytestmark = pytest.mark.slow

PLOT = "[data-kaskade-plot]"
OPTIONS_JS = """() => Array.from(document.querySelectorAll('select[data-kaskade-unit] option'))
  .filter(o => o.value).map(o => [o.value, o.textContent])"""
DRAWN_JS = f"() => !!(document.querySelector('{PLOT}').data || [])[0]"
TRACE_JS = f"""() => {{ const t = document.querySelector('{PLOT}').data[0];
  return {{ids: t.ids, labels: t.labels, values: t.values, level: t.level, custom: t.customdata}}; }}"""
TILES_JS = f"""() => Array.from(document.querySelectorAll('{PLOT} g.slice')).map(g => {{
  const r = g.getBoundingClientRect(); return [r.x + r.width / 2, r.y + Math.min(r.height / 2, 30),
  r.width * r.height]; }})"""
HOVER_JS = f"() => Array.from(document.querySelectorAll('{PLOT} .hoverlayer')).map(e => e.textContent).join(' ')"
NIP_LIKE = re.compile(r"(?<!\d)\d{8}[ .]?\d{6}[ .]?\d[ .]?\d{3}(?!\d)")


def people(site) -> tuple[set[str], list[str]]:
    """The NIPs (digits) and full names of both years' bundles."""
    nips, names = set(), []
    for folder in ("ekspor", "ekspor-2024"):
        for r in read_table(site.root.parent.parent / folder / "pegawai.csv")[1]:
            nips.add(re.sub(r"\D", "", r["nip"]))
            if len(r["nama"].split()) >= 2:
                names.append(r["nama"])
    return nips, names


def assert_no_person(texts: list[str], nips: set[str], names: list[str]) -> None:
    joined = "\n".join(texts)
    assert not NIP_LIKE.search(joined), NIP_LIKE.search(joined)
    digits = set(re.findall(r"\d{18}", re.sub(r"[ .]", "", joined)))
    assert not digits & nips
    leaked = [n for n in names if n in joined]
    assert leaked == []


def largest(page) -> tuple[str, str, int]:
    options = page.evaluate(OPTIONS_JS)
    assert options, "the explorer offers no unit"
    sized = [(v, t, int(re.search(r"\(([\d.]+) RHK\)$", t).group(1).replace(".", ""))) for v, t in options]
    return max(sized, key=lambda x: x[2])


def test_explorer_draws_a_unit_and_its_hover_names_no_one(site, open_probe):
    probe = open_probe()
    page = probe.page
    goto(probe, site.url("cascading.html"))
    unit, label, rhk = largest(page)
    page.locator("select[data-kaskade-unit]").select_option(value=unit)
    page.wait_for_function(DRAWN_JS, polling=100, timeout=20000)
    trace = page.evaluate(TRACE_JS)
    assert trace["ids"][0] == "akar" and trace["level"] == "akar"
    assert trace["values"][0] == rhk  # the root counts every RHK of the unit and its sub-units
    assert len(trace["ids"]) > 10
    info = page.text_content("[data-kaskade-info]")
    assert info.startswith(f"{label.strip().rsplit(' (', 1)[0]}: {rhk:,} RHK".replace(",", "."))
    assert page.evaluate("() => location.hash").endswith(f"unit={unit}")

    nips, names = people(site)
    texts = [str(x) for row in trace["custom"] for x in row] + [str(x) for x in trace["labels"]]
    assert_no_person(texts, nips, names)
    hovers = []
    page.locator(PLOT).scroll_into_view_if_needed()
    tiles = sorted(page.evaluate(TILES_JS), key=lambda t: -t[2])[:12]
    for x, y, _ in tiles:
        page.mouse.move(x, y)
        page.wait_for_timeout(80)
        hovers.append(page.evaluate(HOVER_JS))
    hovers = [h for h in hovers if h]
    assert hovers, "no hover label appeared"
    assert any("Unit: " in h and "Jabatan: " in h and "Status: " in h for h in hovers)
    assert_no_person(hovers, nips, names)

    # a click on a tile below the root draws that branch as the focus
    before = trace["level"]
    for x, y, _ in tiles[1:]:
        page.mouse.click(x, y)
        page.wait_for_timeout(300)
        if page.evaluate(TRACE_JS)["level"] != before:
            break
    zoomed = page.evaluate(TRACE_JS)
    assert zoomed["level"] != before and zoomed["ids"][0] == "akar"  # the path bar keeps the root
    assert probe.problems() == {}


def test_explorer_unit_comes_back_from_the_hash(site, open_probe):
    probe = open_probe()
    goto(probe, site.url("cascading.html"))
    unit, _, rhk = largest(probe.page)
    again = open_probe()
    goto(again, site.url("cascading.html") + f"#unit={unit}")
    again.page.wait_for_function(DRAWN_JS, polling=100, timeout=20000)
    assert again.page.evaluate(TRACE_JS)["values"][0] == rhk
    assert again.page.locator("select[data-kaskade-unit]").input_value() == unit
    assert again.problems() == {}
