"""The two consistency pages in Chromium on the session's sample site (two instansi): the
funnel plots and the caterpillar plot draw, a filter changes them and is kept in the address,
a click on a point drills down, and no NIP appears anywhere in the page."""

from __future__ import annotations

import re

from tests.browser.support import choose, goto, wait_for_change

POINTS_JS = """(sel) => Array.from(document.querySelectorAll(sel + ' .scatterlayer .trace'))
  .reduce((n, t) => n + t.querySelectorAll('.points path').length, 0)"""
NIP = re.compile(r"(?<![0-9A-Fa-f])\d{8}\s?\d{6}\s?\d\s?\d{3}(?![0-9A-Fa-f])")


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
