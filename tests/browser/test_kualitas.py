"""The Kualitas data page's tables in Chromium: ranking, small units, filters in the URL,
paging, links to the unit page, and export texts shown as text (tests/test_kualitas_mutu.py
builds the warehouse)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reports.site import build_site
from tests.test_kualitas_mutu import KOTA, KOTA_NAMA, XSS_SCRIPT, gudang  # noqa: F401 (fixture)

ROWS_JS = """(t) => Array.from(document.querySelectorAll('table[data-table="' + t + '"] tbody tr'))
  .map(r => Array.from(r.cells).map(c => c.textContent.trim()))"""


@pytest.mark.slow
def test_tables_render_filter_page_and_link_in_chromium(gudang, browser, tmp_path: Path) -> None:  # noqa: F811
    from tests.test_site import make_data

    build_site(tmp_path, make_data())  # 60 (unit, rule) rows: three pages
    context = browser.new_context()  # the session's one Playwright (a second one cannot start)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: (errors.append("dialog"), d.dismiss()))
        page.goto((gudang["site"] / "kualitas.html").as_uri())
        rows = page.evaluate(ROWS_JS, "mutu-unit")
        assert [r[0] for r in rows] == ["Dinas Perhubungan", f"Bidang Kurikulum {XSS_SCRIPT}",
                                        "Dinas Pendidikan", "Seksi Sarana Prasarana", "Subbagian Umum"]  # fmt: skip
        assert rows[2][2:8] == ["12", "85,0", "90,0%", "95,0%", "80,0%", "75,0%"]
        assert rows[3][2:5] == ["<5", "x", "x"]
        href = page.locator('table[data-table="mutu-unit"] tbody a').nth(2).get_attribute("href")
        assert href == "unit.html#instansi=3404&unit=U1&periode=tahunan"
        page.select_option('select[data-filter="instansi"]', KOTA)
        assert [r[0] for r in page.evaluate(ROWS_JS, "mutu-unit")] == ["Dinas Perhubungan"]
        assert page.evaluate("location.hash") == "#instansi=3471"
        page.select_option('select[data-filter="aturan"]', "SKP_WITHOUT_UTAMA")
        assert page.evaluate(ROWS_JS, "temuan-unit") == [
            ["Dinas Perhubungan", KOTA_NAMA, "SKP_WITHOUT_UTAMA", "kritis", "5"]
        ]
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert page.evaluate("document.querySelectorAll('img').length") == 0

        page.goto((tmp_path / "kualitas.html").as_uri())
        info = '[data-pager="temuan-unit"] [data-pager-info]'
        assert page.text_content(info) == "Halaman 1 dari 3 · 60 baris"
        first = page.evaluate(ROWS_JS, "temuan-unit")
        page.click('[data-pager="temuan-unit"] [data-pager-next]')
        assert page.text_content(info) == "Halaman 2 dari 3 · 60 baris"
        assert len(first) == 25 and page.evaluate(ROWS_JS, "temuan-unit") != first
    finally:
        context.close()
    assert errors == []
