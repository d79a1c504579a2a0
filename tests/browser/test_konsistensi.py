"""The two consistency pages in Chromium on the session's sample site (two instansi): the
funnel plots and the caterpillar plot draw, a filter changes them and is kept in the address,
a click on a point drills down, and no NIP appears anywhere in the page. batas-se.html loads an
instansi's data file (batas-se/<tahun>/<i>.js) when it is chosen or named in the address; a
copy of the page built with tiny limits shows the thinned funnel and the cut table."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.browser.support import choose, goto, wait_for_change

POINTS_JS = """(sel) => Array.from(document.querySelectorAll(sel + ' .scatterlayer .trace'))
  .reduce((n, t) => n + t.querySelectorAll('.points path').length, 0)"""
NIP = re.compile(r"(?<![0-9A-Fa-f])\d{8}\s?\d{6}\s?\d\s?\d{3}(?![0-9A-Fa-f])")
FUNNEL_DRAWN = '[data-funnel="sb"] .js-plotly-plot, [data-funnel="sb"].js-plotly-plot'
LOADED_JS = """() => Array.from(document.querySelectorAll('script[src*="batas-se/"]'))
  .map(s => s.getAttribute('src'))"""
INFO_JS = "() => document.querySelector('[data-funnel-info]').textContent"


def _no_nip(page) -> None:
    html = page.content()
    assert not NIP.search(html), NIP.search(html).group(0)
    assert not NIP.search(page.inner_text("body"))


def test_funnel_filters_and_drill_down(site, probe) -> None:
    page = probe.page
    goto(probe, site.url("batas-se.html"))
    page.wait_for_selector('[data-funnel="sb"] .js-plotly-plot, [data-funnel="sb"].js-plotly-plot')
    before = page.evaluate(POINTS_JS, '[data-funnel="sb"]')
    assert before > 0 and page.evaluate(POINTS_JS, '[data-funnel="bawah"]') > 0
    info = page.text_content("[data-funnel-info]")
    assert "unit digambar" in info and "tidak digambar" in info
    assert "alarm palsu yang diharapkan" in page.text_content('[data-funnel-hitung="sb"]')

    options = [o["value"] for o in page.evaluate(
        "() => Array.from(document.querySelectorAll('select[data-filter=\"instansi\"] option')).map(o => ({value: o.value}))")]  # fmt: skip
    choose(page, "instansi", options[1])
    after = wait_for_change(page, POINTS_JS, before, '[data-funnel="sb"]')
    assert 0 < after < before
    assert "instansi=" in page.evaluate("location.hash")
    periods = page.evaluate("() => Array.from(document.querySelectorAll('select[data-filter=\"periode\"] option')).map(o => o.value)")
    assert len(periods) == 5  # tahunan and four quarters
    choose(page, "periode", periods[1])
    assert "periode=" in page.evaluate("location.hash")

    assert page.is_hidden("[data-rinci-isi]")
    page.locator('[data-funnel="sb"] .scatterlayer .points path').first.click(force=True)
    page.wait_for_selector("[data-rinci-isi]:not([hidden])", timeout=3000)
    assert page.text_content("[data-rinci-nama]").strip()
    assert "Predikat organisasi" in page.text_content("[data-rinci-org]")
    assert "unit=" in page.evaluate("location.hash")
    assert page.locator("[data-rinci-grafik] .js-plotly-plot, [data-rinci-grafik].js-plotly-plot").count() == 1
    _no_nip(page)
    assert probe.problems() == {}


def test_caterpillar_filters_and_drill_down(site, probe) -> None:
    page = probe.page
    goto(probe, site.url("konsistensi.html"))
    page.wait_for_selector("[data-caterpillar].js-plotly-plot, [data-caterpillar] .js-plotly-plot")
    before = page.evaluate(POINTS_JS, "[data-caterpillar]")
    assert before > 0 and page.evaluate(POINTS_JS, "[data-sebaran]") > 0
    assert "tertaut" in page.text_content("[data-keterkaitan]")
    options = page.evaluate("() => Array.from(document.querySelectorAll('select[data-filter=\"instansi\"] option')).map(o => o.value)")
    choose(page, "instansi", options[1])
    after = wait_for_change(page, POINTS_JS, before, "[data-caterpillar]")
    assert 0 < after < before
    assert "instansi=" in page.evaluate("location.hash")
    rows = page.evaluate("() => document.querySelectorAll('table[data-table=\"penilai\"] tbody tr').length")
    assert rows > 0
    codes = page.evaluate("() => Array.from(document.querySelectorAll('table[data-table=\"penilai\"] tbody th')).map(t => t.textContent)")
    assert all(re.fullmatch(r"P-\d{4}", c) for c in codes)

    page.locator("[data-caterpillar] .scatterlayer .points path").first.click(force=True)
    page.wait_for_selector("[data-penilai-isi]:not([hidden])", timeout=3000)
    assert re.match(r"P-\d{4} · ", page.text_content("[data-penilai-nama]"))
    assert "Pegawai dinilai" in page.text_content("[data-penilai-ringkas]")
    assert page.locator("[data-penilai-tabel] tbody tr").count() == 12  # 3 headings + 9 counts
    assert "penilai=" in page.evaluate("location.hash")
    _no_nip(page)
    assert probe.problems() == {}


# --- batas-se.html: lazy data files --------------------------------------------------------------


def _payload(root: Path) -> dict:
    html = (root / "batas-se.html").read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" data-konsistensi-unit>(.*?)</script>', html, re.S)
    assert m
    return json.loads(m.group(1))


def _file(root: Path, tahun: int, name: str) -> dict:
    text = (root / "batas-se" / str(tahun) / f"{name}.js").read_text(encoding="utf-8")
    return json.loads(text[text.index(f'"{name}",') + len(name) + 3:-3])


def test_instansi_file_loads_on_choice_and_from_the_address(site, probe) -> None:
    page, d = probe.page, _payload(site.root)
    goto(probe, site.url("batas-se.html"))
    page.wait_for_selector(FUNNEL_DRAWN)
    assert page.evaluate(LOADED_JS) == []  # the first view is in the page
    assert "unit" not in d and "rinci" not in d
    inst_id = d["instansi"][1][0]
    own = _file(site.root, d["tahun"], "1")["funnel"]["|" + d["periode"][0][0]]["sendiri"]
    before = page.evaluate(POINTS_JS, '[data-funnel="sb"]')
    choose(page, "instansi", inst_id)
    after = wait_for_change(page, POINTS_JS, before, '[data-funnel="sb"]', timeout=3)
    assert after == len(own["titik"]) > 0  # every point of the instansi, from its file
    assert page.evaluate(LOADED_JS) == [f"batas-se/{d['tahun']}/1.js"]
    assert "instansi yang dipilih" in page.evaluate(INFO_JS)
    page.check("input[data-pembanding]")  # against every instansi: the same units, other limits
    page.wait_for_function("() => document.querySelector('[data-funnel-info]').textContent.includes('semua instansi')")
    assert page.evaluate(POINTS_JS, '[data-funnel="sb"]') == after
    assert "banding=semua" in page.evaluate("location.hash")

    goto(probe, site.url("batas-se.html") + f"#instansi={inst_id}")  # a fresh load names the instansi
    page.wait_for_function("() => document.querySelector('[data-funnel-info]').textContent.includes('instansi yang dipilih')",
                           timeout=5000)  # fmt: skip
    assert page.evaluate(POINTS_JS, '[data-funnel="sb"]') == after
    assert page.input_value('select[data-filter="instansi"]') == inst_id
    assert page.evaluate(LOADED_JS) == [f"batas-se/{d['tahun']}/1.js"]
    assert probe.problems() == {}


def test_click_on_the_every_instansi_funnel_loads_the_units_file(site, probe) -> None:
    page, d = probe.page, _payload(site.root)
    goto(probe, site.url("batas-se.html"))
    page.wait_for_selector(FUNNEL_DRAWN)
    page.locator('[data-funnel="sb"] .scatterlayer .points path').first.click(force=True)
    page.wait_for_selector("[data-rinci-isi]:not([hidden])", timeout=3000)
    names = [i[1] for i in d["instansi"]]
    assert any(f" · {n} · " in page.text_content("[data-rinci-nama]") for n in names)
    assert len(page.evaluate(LOADED_JS)) == 1  # the unit's instansi only
    unit = re.search(r"unit=([^&]+)", page.evaluate("location.hash")).group(1)
    goto(probe, site.url("batas-se.html") + f"#unit={unit}")  # a reload finds the unit again
    page.wait_for_selector("[data-rinci-isi]:not([hidden])", timeout=3000)
    assert "instansi=" not in page.evaluate("location.hash")
    assert probe.problems() == {}


@pytest.fixture(scope="module")
def tiny_site(site, tmp_path_factory) -> Path:
    """batas-se.html of the session's warehouse built with tiny limits: 3 points within the
    limits (and 3 below the lower limit) per across-instansi funnel, 2 rows of the
    out-of-bounds table in the page."""
    from pipelines.assets.reporting import load_dashboard_data
    from reports.pages import batas_se
    from reports.site import build_site

    out = tmp_path_factory.mktemp("batas-se-kecil")
    pages = (batas_se.PAGE,)
    data = load_dashboard_data(site.root.parent / "warehouse.duckdb", pages)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(batas_se, "MAX_SAMPEL", 3)
        mp.setattr(batas_se, "TABEL_MAKS", 2)
        build_site(out, data, pages)
    return out


def test_thinned_funnel_and_cut_table(tiny_site, probe) -> None:
    page = probe.page
    d = _payload(tiny_site)
    first = next(iter(d["semua"].values()))
    (shown, inside), (shown_low, low) = first["sampel"]["dalam"], first["sampel"]["di_bawah"]
    assert shown == 3 < inside and shown_low == min(3, low)
    goto(probe, (tiny_site / "batas-se.html").as_uri())
    page.wait_for_selector(FUNNEL_DRAWN)
    drawn = first["titik_total"] - inside - low + shown + shown_low
    assert page.evaluate(POINTS_JS, '[data-funnel="sb"]') == drawn == len(first["titik"])
    fmt = lambda n: f"{n:,}".replace(",", ".")  # noqa: E731
    info = page.evaluate(INFO_JS)
    assert info.startswith(f"{fmt(first['titik_total'])} unit digambar (titik dalam batas ditampilkan sebagian: "
                           f"3 dari {fmt(inside)}; ")  # fmt: skip
    assert ("titik di bawah batas bawah 99,8 % ditampilkan sebagian" in info) == (low > 3)
    assert "semua unit yang ditandai ditampilkan; pilih instansi untuk melihat semua titiknya)" in info
    legend = page.text_content('[data-funnel="sb"] .legend')
    assert "— sebagian" in legend

    rows = "() => document.querySelectorAll('table[data-table=\"batas-se\"] tbody tr.warn').length"
    total = d["tabel"]["total"]
    assert d["tabel"]["tampil"] == 2 < total and page.evaluate(rows) == 2
    info = page.text_content("[data-batas-info]")
    assert f"Ditampilkan 2 dari {fmt(total)} baris" in info
    per_inst = []
    for i, (inst_id, nama) in enumerate(d["instansi"]):
        choose(page, "instansi", inst_id)
        page.wait_for_function(f"() => document.querySelector('[data-batas-info]').textContent.startsWith('Semua ') && "
                               f"document.querySelector('[data-batas-info]').textContent.includes({json.dumps(nama)})")  # fmt: skip
        rinci = _file(tiny_site, d["tahun"], str(i))["rinci"]
        want = sum(1 for per in rinci.values() for r in per.values() if r["keras"])
        assert page.evaluate(rows) == want
        per_inst.append(want)
        cells = page.evaluate("() => Array.from(document.querySelectorAll('table[data-table=\"batas-se\"] tbody tr.warn td:nth-child(2)')).map(t => t.textContent)")
        assert set(cells) <= {nama}
    assert sum(per_inst) == total
    choose(page, "instansi", "")
    page.wait_for_function("() => document.querySelector('[data-batas-info]').textContent.startsWith('Ditampilkan')")
    assert page.evaluate(rows) == 2
    assert probe.problems() == {}
