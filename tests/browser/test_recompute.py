"""No hidden count of the real site can be recomputed, whatever a reader adds up.

The unit page embeds each year's whole suppressed cube, so everything any filter shows is in
its JSON. tests.test_privacy.audit_unit_page takes every sum a reader can form from it (row
sums, unit = placed directly + sub-units, instansi = its top units, tahunan = TW1..TW4 for the
evidence counts), with everything the marks say («<5» = 1..4, a hidden count of people is 0 or
at least 5, a range bounds its cell), and solves the integer program for every hidden cell.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.browser.support import goto
from tests.test_privacy import audit_unit_page

pytestmark = pytest.mark.slow

UNIT_JSON = re.compile(r'<script type="application/json" data-unit>(.*?)</script>', re.S)
PERCENT_RANGE = re.compile(r"^\d+,\d–\d+,\d%$")


def test_no_hidden_count_can_be_recomputed(site):
    """Each year of the sample site: no hidden cell fixed by the sums, no «<5» pinned by the
    bounds beyond what its marks alone pin, no published range saying more than the page;
    and the complements are published as ranges, not only as «x»."""
    page = (site.root / "unit.html").read_text(encoding="utf-8")
    payloads = [json.loads(m) for m in UNIT_JSON.findall(page)]
    assert len(payloads) == 2, "expected the unit page of 2025 and of 2024"
    for data in payloads:
        found = audit_unit_page(data)
        assert found["linear"] == []
        assert found["pinned"] == set()
        assert found["new_facts"] == {}
        assert found["ranges"] > 0
        # What the marks alone pin (four «<5» parts under a «<5» total) stays rare.
        assert len(found["inherent"]) <= found["small"] // 20, found["inherent"]


def test_skp_approval_shown_as_a_range(site, open_probe):
    """«% SKP disetujui» of a unit whose non-approved SKP are «<5» is a range such as
    «96,0–99,0%», drawn by unit.js from the published range of approved SKP; the subunit
    table shows at least one (instansi view of each instansi of the newest year)."""
    probe = open_probe()
    goto(probe, site.url("unit.html"))
    page = probe.page
    texts = page.evaluate(
        """() => Array.from(document.querySelectorAll('[data-tahun-wadah] table[data-table]'))
             .flatMap(t => {
               const i = Array.from(t.querySelectorAll('thead th')).findIndex(
                 th => th.textContent.trim() === '% SKP disetujui');
               return i < 0 ? [] : Array.from(t.querySelectorAll('tbody tr'))
                 .map(r => r.cells[i] ? r.cells[i].textContent.trim() : '');
             })"""
    )
    options = page.evaluate(
        """() => Array.from(document.querySelectorAll(
             '[data-tahun-wadah] select[data-filter="instansi"] option')).map(o => o.value)"""
    )
    for value in options[1:]:
        page.select_option('[data-tahun-wadah] select[data-filter="instansi"]', value)
        page.wait_for_timeout(100)
        texts += page.evaluate(
            """() => Array.from(document.querySelectorAll('[data-tahun-wadah] table[data-table] tbody td'))
                 .map(td => td.textContent.trim())"""
        )
    assert any(PERCENT_RANGE.match(t) for t in texts), texts[:40]
    assert probe.problems() == {}
