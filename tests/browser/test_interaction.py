"""Filters, state in location.hash, small-cell suppression under filtering, sorting, paging,
and CSV/XLSX downloads, driven through the real pages."""

from __future__ import annotations

import pytest

from tests.browser.support import (
    FILTERED_JS,
    FILTERS,
    PAGES,
    SMALL_DIGIT,
    SMALL_MARK,
    VISIBLE_ROWS_JS,
    cells,
    choose,
    filtered_snapshot,
    goto,
    is_disabled,
    match_rows,
    open_all_details,
    parse_number,
    read_csv_bytes,
    select_options,
    select_value,
    small_cell_leaks,
    visible_rows,
    wait_for_change,
    wait_until_equal,
)

pytestmark = pytest.mark.slow

MAX_OPTIONS = 6  # options tried per filter
MAX_HEADERS = 4  # sortable headers tried per table (spread over its columns)
MAX_PAGES = 60  # pager pages walked per table


def open_page(site, open_probe, name):
    probe = open_probe()
    goto(probe, site.url(name))
    open_all_details(probe.page)
    return probe


def missing_note(inventory) -> str:
    return f" (pages not built yet: {', '.join(inventory.missing)})" if inventory.missing else ""


def other_options(page, name):
    current = select_value(page, name)
    return [o for o in select_options(page, name) or [] if not o["disabled"] and o["value"] != current]


def first_change(page, name):
    """Select the options of filter ``name`` in turn until [data-filtered] content changes;
    return (option, content before, content after) or None."""
    before = filtered_snapshot(page)
    for option in other_options(page, name)[:MAX_OPTIONS]:
        choose(page, name, option["value"])
        now = wait_for_change(page, FILTERED_JS, before)
        if now != before:
            return option, before, now
        before = now
    return None


# ---------------------------------------------------------------------------------------------
# Filters


@pytest.mark.parametrize("name", FILTERS)
def test_filter_changes_content_and_hash(site, inventory, open_probe, name):
    """Choosing another tahun/instansi/unit/periode changes the visible [data-filtered] content at
    once and mirrors the state in location.hash; a page opened with that hash shows the same
    selection and content. No error on the way."""
    pages = inventory.with_("filters", name)
    assert pages, f'no page has <select data-filter="{name}">' + missing_note(inventory)
    probe = open_page(site, open_probe, pages[0])
    page = probe.page
    assert page.locator("[data-filtered]").count() > 0, f"{pages[0]} has no [data-filtered] region"
    hash_before = page.evaluate("() => location.hash")

    found = first_change(page, name)
    assert found is not None, f"no option of the {name} filter on {pages[0]} changed [data-filtered]"
    option, _, content = found
    state = page.evaluate("() => location.hash")
    assert state not in ("", "#") and state != hash_before, (
        f"location.hash did not follow the {name} filter ({hash_before!r} -> {state!r})"
    )
    assert probe.problems() == {}

    again = open_probe()
    goto(again, site.url(pages[0]) + state)
    open_all_details(again.page)
    assert select_value(again.page, name) == option["value"], f"{state} did not restore the {name} filter"
    assert wait_until_equal(again.page, FILTERED_JS, content) == content, f"{state} shows other content"
    assert again.problems() == {}


def walk_filter(page, flt, states):
    """Select the options of ``flt`` in turn (then the original again), recording the cells."""
    original = select_value(page, flt)
    for option in other_options(page, flt)[:MAX_OPTIONS] + [{"value": original}]:
        before = filtered_snapshot(page)
        choose(page, flt, option["value"])  # the last one restores the filter
        wait_for_change(page, FILTERED_JS, before, timeout=0.5)
        open_all_details(page)
        states.append(cells(page))


def test_small_cells_never_become_numbers(site, inventory, open_probe):
    """Walking every year and, within each year, every other filter's options on every page:
    a column that shows «<5» (a person count of 1-4 suppressed) never shows a bare 1, 2, 3 or 4
    in any state."""
    pages = [n for n in inventory.pages if inventory.pages[n]["filters"]]
    assert pages, "no page has filters" + missing_note(inventory)
    seen_total, leaks, years_walked = 0, [], {}
    for name in pages:
        probe = open_page(site, open_probe, name)
        page = probe.page
        states = [cells(page)]
        filters = [f for f in dict.fromkeys(inventory.pages[name]["filters"]) if f != "tahun"]
        years = [o["value"] for o in select_options(page, "tahun") or []] or [None]
        for year in years:
            if year is not None:
                before = filtered_snapshot(page)
                choose(page, "tahun", year)
                wait_for_change(page, FILTERED_JS, before, timeout=0.5)
                states.append(cells(page))
            for flt in filters:
                walk_filter(page, flt, states)
        years_walked[name] = years
        seen, page_leaks = small_cell_leaks(states)
        seen_total += seen
        leaks += [f"{name}: {leak}" for leak in page_leaks]
        assert probe.problems() == {}
    assert leaks == [], f"suppressed cells shown as numbers: {leaks}"
    assert seen_total > 0, f"no «{SMALL_MARK}» cell in any filtered state: the check saw nothing"
    assert years_walked == {n: ["2025", "2024"] for n in PAGES}, "the year filter was not walked"
    assert inventory.missing == (), missing_note(inventory)


# ---------------------------------------------------------------------------------------------
# Years


def visible_text(page, selector: str) -> list[str]:
    return page.evaluate(
        """(sel) => Array.from(document.querySelectorAll(sel))
             .filter(e => e.getClientRects().length > 0).map(e => e.textContent.trim())""",
        selector,
    )


def test_year_filter_switches_every_page(site, open_probe):
    """Every page offers the years kept, newest first and chosen by default; choosing 2024
    shows 2024's numbers (800 employees in 2025, 500 in 2024), keeps tahun=2024 in the hash and
    in the links, so the next page opens on 2024 too; choosing 2025 again brings 2025 back."""
    for name in PAGES:
        probe = open_page(site, open_probe, name)
        page = probe.page
        assert [o["value"] for o in select_options(page, "tahun")] == ["2025", "2024"], name
        assert select_value(page, "tahun") == "2025"
        assert visible_text(page, ".brand-sub [data-tahun]")[0].endswith("tahun penilaian 2025")
        before = filtered_snapshot(page)
        choose(page, "tahun", "2024")
        assert wait_for_change(page, FILTERED_JS, before) != before, f"{name}: nothing changed"
        assert page.evaluate("() => location.hash").startswith("#tahun=2024"), name
        assert visible_text(page, ".brand-sub [data-tahun]")[0].endswith("tahun penilaian 2024")
        assert page.title().endswith("Dasbor Kinerja ASN 2024")
        nav = page.evaluate(
            "() => Array.from(document.querySelectorAll('.site-nav a'), a => a.getAttribute('href'))"
        )
        assert nav == ["index.html#tahun=2024", "unit.html#tahun=2024", "kualitas.html#tahun=2024",
                       "batas-se.html#tahun=2024", "konsistensi.html#tahun=2024",
                       "cascading.html#tahun=2024", "karier.html#tahun=2024"]
        assert probe.problems() == {}

    probe = open_page(site, open_probe, "index.html")
    page = probe.page
    tile = '[data-tile="pegawai"] .tile-value'
    assert visible_text(page, tile) == ["800"]
    choose(page, "tahun", "2024")
    assert wait_until_equal(page, f"() => document.querySelector('{tile}').textContent", "500") == "500"
    page.locator('.site-nav a[href^="unit.html"]').click()
    page.wait_for_load_state("load")
    assert select_value(page, "tahun") == "2024"
    labels = [o["label"] for o in select_options(page, "periode")]
    assert labels[0] == "Tahunan 2024", labels
    page.locator('.site-nav a[href^="kualitas.html"]').click()
    page.wait_for_load_state("load")
    assert select_value(page, "tahun") == "2024"
    bundles = {r[1] for r in visible_rows(page, "berkas")}
    assert bundles == {"ekspor-2024"}, bundles
    choose(page, "tahun", "2025")
    assert wait_until_equal(
        page, "() => Array.from(new Set(Array.from(document.querySelectorAll("
        "'table[data-table=berkas] tbody tr'), r => r.cells[1].textContent)))", ["ekspor"]
    ) == ["ekspor"]
    assert page.evaluate("() => location.hash") in ("", "#")
    assert probe.problems() == {}


# ---------------------------------------------------------------------------------------------
# Sorting and paging


SUPPRESSED = ("", SMALL_MARK, "x", "–", "-")


def _numeric(column: list[str]) -> list[float] | None:
    values = [parse_number(v) for v in column if v not in SUPPRESSED]
    if len(values) < 2 or any(v is None for v in values):
        return None
    return values


def _direction(values: list[float]) -> int:
    """+1 ascending, -1 descending, 0 constant, None unsorted."""
    up = all(a <= b for a, b in zip(values, values[1:], strict=False))
    down = all(a >= b for a, b in zip(values, values[1:], strict=False))
    if up and down:
        return 0
    return 1 if up else -1 if down else None


def test_sortable_headers_reorder_rows(site, inventory, open_probe):
    """Clicking a th[data-sort] reorders the table's rows; clicking again reverses; numeric
    columns come out sorted (ascending one way, descending the other)."""
    pages = inventory.with_("sortable")
    assert pages, "no table with th[data-sort]" + missing_note(inventory)
    failures, tested = [], 0
    for name in pages:
        probe = open_page(site, open_probe, name)
        page = probe.page
        for table in dict.fromkeys(inventory.pages[name]["sortable"]):
            assert table, f"{name}: a sortable table has no data-table name"
            headers = page.locator(f'table[data-table="{table}"] th[data-sort]')
            reordered = False
            count = headers.count()
            picks = sorted({round(k * (count - 1) / (MAX_HEADERS - 1)) for k in range(MAX_HEADERS)})
            for i in picks if count else []:
                th = headers.nth(i)
                idx = th.evaluate("el => el.cellIndex")
                label = th.inner_text().strip()
                before = visible_rows(page, table)
                th.click()
                s1 = wait_for_change(page, VISIBLE_ROWS_JS, before, table, timeout=0.4)
                th.click()
                s2 = wait_for_change(page, VISIBLE_ROWS_JS, s1, table, timeout=0.4)
                col1 = [r[idx] for r in s1 if len(r) > idx]
                col2 = [r[idx] for r in s2 if len(r) > idx]
                if len({v for v in col1 + col2 if v not in SUPPRESSED}) <= 1:
                    continue  # a constant column (bar suppressed cells) cannot show an order
                tested += 1
                reordered = reordered or s1 != before or s2 != before
                if s1 == s2:
                    failures.append(f"{name}/{table}/{label}: second click did not change the order")
                n1, n2 = _numeric(col1), _numeric(col2)
                if n1 is not None and n2 is not None:
                    d1, d2 = _direction(n1), _direction(n2)
                    if d1 is None or d2 is None or (d1 and d2 and d1 == d2):
                        failures.append(f"{name}/{table}/{label}: not sorted ({col1[:8]} / {col2[:8]})")
            if not reordered:
                failures.append(f"{name}/{table}: no sortable header reordered the rows")
        assert probe.problems() == {}
    assert tested > 0, "no sortable column with differing values was found"
    assert failures == [], failures
    assert inventory.missing == (), missing_note(inventory)


def test_pager_moves(site, inventory, open_probe):
    """[data-pager-next] shows other rows of the table; [data-pager-prev] brings the first
    rows back."""
    pages = inventory.with_("pagers")
    assert pages, "no [data-pager]" + missing_note(inventory)
    moved = 0
    for name in pages:
        for pager in dict.fromkeys(inventory.pages[name]["pagers"]):
            probe = open_page(site, open_probe, name)
            page = probe.page
            nxt = page.locator(f'[data-pager="{pager}"] [data-pager-next]')
            prev = page.locator(f'[data-pager="{pager}"] [data-pager-prev]')
            assert nxt.count() and prev.count(), f"{name}: pager {pager} lacks next/prev"
            first = visible_rows(page, pager)
            assert first, f"{name}: pager {pager} has no table[data-table={pager}] with rows"
            if is_disabled(nxt):
                continue  # a single page of rows
            nxt.first.click()
            second = wait_for_change(page, VISIBLE_ROWS_JS, first, pager)
            assert second and second != first, f"{name}: next did not move pager {pager}"
            assert not is_disabled(prev), f"{name}: prev disabled on page 2 of {pager}"
            prev.first.click()
            back = wait_for_change(page, VISIBLE_ROWS_JS, second, pager)
            assert back == first, f"{name}: prev did not return to the first rows of {pager}"
            moved += 1
            assert probe.problems() == {}
    assert moved > 0, "no pager had a second page to move to"
    assert inventory.missing == (), missing_note(inventory)


# ---------------------------------------------------------------------------------------------
# Downloads


DOWNLOAD_GAP_MS = 150  # Chromium drops the 11th download a tab starts within about a second


def download(page, kind: str, table: str) -> bytes:
    button = page.locator(f'button[data-download="{kind}"][data-for="{table}"]').first
    page.wait_for_timeout(DOWNLOAD_GAP_MS)  # kualitas.html has 7 tables, 14 buttons
    with page.expect_download(timeout=10000) as info:
        button.click()
    path = info.value.path()
    with open(path, "rb") as f:
        return f.read()


def all_shown_rows(page, table: str) -> list[list[str]]:
    """The rows on every pager page of the table (the current one if it has no pager)."""
    rows = list(visible_rows(page, table) or [])
    nxt = page.locator(f'[data-pager="{table}"] [data-pager-next]')
    current = rows
    for _ in range(MAX_PAGES):
        if is_disabled(nxt):
            break
        nxt.first.click()
        now = wait_for_change(page, VISIBLE_ROWS_JS, current, table)
        if now == current:
            break
        rows += now
        current = now
    return rows


def check_csv_matches(where: str, data: bytes, page_rows, all_rows) -> list[list[str]]:
    rows = read_csv_bytes(data)
    assert rows, f"{where}: empty CSV"
    body = rows[1:]
    header = rows[0]
    as_page = len(body) == len(page_rows) and match_rows(page_rows, body) == []
    as_all = len(body) == len(all_rows) and match_rows(all_rows, body) == []
    assert as_page or as_all, (
        f"{where}: CSV rows ({len(body)}) are not the shown rows (page {len(page_rows)}, "
        f"all pages {len(all_rows)}); unmatched shown rows: {match_rows(all_rows, body)[:3]}"
    )
    small = {i for r in body for i, c in enumerate(r) if c.strip() == SMALL_MARK}
    leaks = [(header[i] if i < len(header) else i, r[i]) for r in body for i in small
             if i < len(r) and SMALL_DIGIT.match(r[i].strip())]
    assert leaks == [], f"{where}: suppressed column shows 1-4 in the CSV: {leaks[:5]}"
    return body


def test_csv_download_yields_shown_rows(site, inventory, open_probe):
    """Each CSV button downloads (through the browser) exactly the rows the table shows, also
    after a filter changes them; each XLSX button downloads a workbook with as many rows."""
    import polars as pl

    pages = inventory.with_("csv")
    assert pages, 'no button[data-download="csv"][data-for]' + missing_note(inventory)
    for name in pages:
        inv = inventory.pages[name]
        probe = open_page(site, open_probe, name)
        page = probe.page
        first_csv = {}
        for table in dict.fromkeys(inv["csv"]):
            where = f"{name}/{table}"
            page_rows = visible_rows(page, table)
            assert page_rows, f"{where}: no visible rows in table[data-table={table}]"
            csv_data = first_csv[table] = download(page, "csv", table)
            xlsx_data = download(page, "xlsx", table) if table in inv["xlsx"] else None
            all_rows = all_shown_rows(page, table)
            body = check_csv_matches(where, csv_data, page_rows, all_rows)
            if xlsx_data is not None:
                assert xlsx_data[:2] == b"PK", f"{where}: XLSX download is not a workbook"
                sheet = pl.read_excel(xlsx_data)
                assert sheet.height == len(body), f"{where}: XLSX has {sheet.height} rows, CSV {len(body)}"
        assert probe.problems() == {}

        # After a filter changes a filtered table, its CSV follows. A table may be the same in
        # both years (the samples quarantine alike); its CSV must still be the rows shown, and
        # some filtered table of the page must change.
        filtered = page.evaluate(
            """(names) => names.filter(t => document.querySelector(
                 'table[data-table="' + t + '"]').closest('[data-filtered]'))""",
            list(first_csv),
        )
        followed = []
        for table in filtered if inv["filters"] else []:
            where = f"{name}/{table} (filtered)"
            probe = open_page(site, open_probe, name)
            page = probe.page
            start = visible_rows(page, table)
            changed = False
            for flt in dict.fromkeys(inv["filters"]):
                for option in other_options(page, flt)[:MAX_OPTIONS]:
                    before = visible_rows(page, table)
                    choose(page, flt, option["value"])
                    if wait_for_change(page, VISIBLE_ROWS_JS, before, table) != start:
                        changed = True
                        break
                if changed:
                    break
            open_all_details(page)
            rows = visible_rows(page, table)
            data = download(page, "csv", table)
            check_csv_matches(where, data, rows, all_shown_rows(page, table))
            if changed:
                assert data != first_csv[table], f"{where}: the CSV did not follow the filter"
                followed.append(table)
            assert probe.problems() == {}
        assert followed or not filtered or not inv["filters"], f"{name}: no filter changed any table"
    assert inventory.missing == (), missing_note(inventory)
