"""The unit page of a large tree: each instansi's units are loaded from its data script when
the instansi is shown, and every view is the one the page shows with the tree embedded."""

from __future__ import annotations

from pathlib import Path

import pytest

from reports.pages import unit as unit_page
from reports.site import build_site
from tests.browser.support import goto
from tests.test_site import two_years

pytestmark = pytest.mark.slow

ROWS_JS = """() => Array.from(document.querySelectorAll(
  '.tahun-isi:not([hidden]) table[data-table="subunit"] tbody tr')).map((r) => r.innerText)"""
TITLE_JS = """() => document.querySelector('.tahun-isi:not([hidden]) [data-view="subunit-title"]').textContent"""
INSTANSI_JS = """() => Array.from(document.querySelectorAll(
  '.tahun-isi:not([hidden]) select[data-filter="instansi"] option')).map((o) => o.value)"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    """The same two years built with the tree embedded and with it split into data scripts."""
    whole, split = tmp_path_factory.mktemp("unit-utuh"), tmp_path_factory.mktemp("unit-pisah")
    build_site(whole, two_years())
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(unit_page, "SPLIT_BYTES", 0)
        build_site(split, two_years())
    assert not (whole / "unit").exists() and any((split / "unit" / "2025").glob("*.js"))
    return whole, split


def _views(probe, root: Path) -> dict[str, tuple[str, list[str]]]:
    """Per instansi of the newest year: the subunit title and rows the page shows."""
    page = probe.page
    goto(probe, (root / "unit.html").as_uri())
    out = {}
    for inst in page.evaluate(INSTANSI_JS):
        page.locator('.tahun-isi:not([hidden]) select[data-filter="instansi"]').select_option(value=inst)
        page.wait_for_function(f"() => ({ROWS_JS})().length > 0 && !({TITLE_JS})().startsWith('Memuat')")
        out[inst] = (page.evaluate(TITLE_JS), page.evaluate(ROWS_JS))
    return out


def test_each_instansi_loads_its_units_and_shows_the_same_rows(sites, open_probe):
    whole, split = sites
    probe = open_probe()
    expected = _views(probe, whole)
    assert len(expected) == 3 and all(rows for _, rows in expected.values())
    probe = open_probe()
    assert _views(probe, split) == expected
    loaded = [u for u in probe.requests if "/unit/2025/" in u]
    assert len(loaded) == 3  # one data script per instansi, each loaded once
    assert probe.problems() == {}


def test_a_unit_named_in_the_hash_is_shown_once_its_instansi_is_loaded(sites, open_probe):
    shown = {}
    for root in sites:
        probe = open_probe()
        goto(probe, (root / "unit.html").as_uri() + "#instansi=3404&unit=SLM-02&periode=tahunan")
        probe.page.wait_for_function(f"() => ({ROWS_JS})().length > 0 && !({TITLE_JS})().startsWith('Memuat')")
        unit = probe.page.locator('.tahun-isi:not([hidden]) select[data-filter="unit"]').input_value()
        shown[root] = (unit, probe.page.evaluate(TITLE_JS), probe.page.evaluate(ROWS_JS))
        assert probe.problems() == {}
    whole, split = sites
    assert shown[split] == shown[whole]
    assert shown[split][0] == "SLM-02" and shown[split][1] == "Subunit dari Dinas Kesehatan · Tahunan"


def test_a_missing_data_script_is_reported_on_the_page(sites, tmp_path, open_probe):
    import shutil

    _, split = sites
    copy = tmp_path / "situs"
    shutil.copytree(split, copy)
    for script in (copy / "unit" / "2025").glob("*.js"):
        script.unlink()
    probe = open_probe()
    goto(probe, (copy / "unit.html").as_uri())
    probe.page.wait_for_function(f"() => ({TITLE_JS})().includes('tidak dapat dimuat')")
    assert probe.page_errors == []
