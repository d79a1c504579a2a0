"""An export whose unit name and RHK text carry script/img payloads executes nothing: no
dialog, no sentinel, no injected <img>, no request for its src; the unit name shows as text."""

from __future__ import annotations

import pytest

from tests.browser.support import (
    FILTERED_JS,
    PAGES,
    UNIT_PAYLOAD,
    XSS_IMG_SENTINEL,
    XSS_SCRIPT,
    choose,
    filtered_snapshot,
    goto,
    is_disabled,
    open_all_details,
    select_options,
    wait_for_change,
)

pytestmark = pytest.mark.slow

EVIDENCE_JS = """() => ({
  sentinel: typeof window.__xss,
  imgs: document.querySelectorAll('img[src="x"]').length,
})"""

TEXT_JS = """() => [document.title, document.body.innerText,
  ...Array.from(document.querySelectorAll('option')).map(o => o.label || o.text)].join('\\n')"""


def assert_inert(probe, where: str) -> None:
    evidence = probe.page.evaluate(EVIDENCE_JS)
    assert evidence == {"sentinel": "undefined", "imgs": 0}, f"{where}: {evidence}"
    assert probe.dialogs == [], f"{where}: dialogs opened: {probe.dialogs}"
    img_requests = [u for u in probe.requests if u.rstrip("/").endswith("/x")]
    assert img_requests == [], f"{where}: the injected <img src=x> was requested: {img_requests}"


def show_payload_unit(page, site) -> None:
    """Point the filters at the payload unit (and its instansi), then walk every pager."""
    for flt, wanted in (("instansi", site.instansi_name), ("unit", site.unit_name)):
        for option in select_options(page, flt) or []:
            if option["label"].strip() == wanted or XSS_SCRIPT in option["label"]:
                before = filtered_snapshot(page)
                choose(page, flt, option["value"])
                wait_for_change(page, FILTERED_JS, before, timeout=0.6)
                break
    open_all_details(page)
    for pager in page.evaluate("() => Array.from(document.querySelectorAll('[data-pager]'), p => p.getAttribute('data-pager'))"):
        nxt = page.locator(f'[data-pager="{pager}"] [data-pager-next]')
        for _ in range(30):
            if is_disabled(nxt):
                break
            nxt.first.click()
            page.wait_for_timeout(30)


def test_payloads_execute_nothing_and_show_as_text(site, open_probe):
    shown_on = []
    missing = []
    for name in PAGES:
        if not (site.root / name).is_file():
            missing.append(name)
            continue
        probe = open_probe()
        goto(probe, site.url(name))
        assert_inert(probe, f"{name} on load")
        show_payload_unit(probe.page, site)
        probe.page.wait_for_timeout(200)
        assert_inert(probe, f"{name} after filtering, opening and paging")
        text = probe.page.evaluate(TEXT_JS)
        if UNIT_PAYLOAD in text or (XSS_SCRIPT in text and XSS_IMG_SENTINEL in text):
            shown_on.append(name)
        assert probe.problems() == {}, f"{name}: {probe.problems()}"
    assert shown_on, "the unit name with the payload is not visible as text on any page"
    assert missing == [], f"pages not built: {missing}"
