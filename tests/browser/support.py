"""Helpers shared by the browser tests: page list, payloads, page probes and DOM snapshots.

The tests rely only on the site's conventions (data-page, data-filter, data-filtered,
data-table, data-sort, data-pager, data-download, data-figure, a.tile[data-tile]), never on
incidental markup.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

# file name -> expected <body data-page>
PAGES: dict[str, str] = {
    "index.html": "ringkasan",
    "unit.html": "unit",
    "kualitas.html": "kualitas",
    "cascading.html": "cascading",
    "batas-se.html": "batas-se",
    "konsistensi.html": "konsistensi",
    "karier.html": "karier",
}
FILTERS = ("tahun", "instansi", "unit", "periode")

# XSS payloads: the classic alert() forms plus sentinel forms that set window.__xss.
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT_SENTINEL = "<script>window.__xss=1</script>"
XSS_IMG_SENTINEL = '<img src=x onerror="window.__xss=1">'
UNIT_PAYLOAD = f"Bidang Uji {XSS_SCRIPT}{XSS_IMG} {XSS_IMG_SENTINEL}{XSS_SCRIPT_SENTINEL}"
RHK_PAYLOAD = f"Meningkatnya layanan uji {XSS_SCRIPT_SENTINEL}{XSS_IMG_SENTINEL} {XSS_SCRIPT}{XSS_IMG}"

SMALL_MARK = "<5"
SMALL_DIGIT = re.compile(r"^[1-4]$")
CHANGE_TIMEOUT_S = 1.0


# ---------------------------------------------------------------------------------------------
# Requests


def is_local_url(url: str) -> bool:
    """True for URLs that never leave the machine: file://, loopback http(s), data:, blob:,
    about:. Anything else counts as a request leaving the machine."""
    parts = urlsplit(url)
    if parts.scheme in ("file", "data", "blob", "about"):
        return True
    if parts.scheme in ("http", "https", "ws", "wss"):
        return parts.hostname in ("127.0.0.1", "localhost", "::1")
    return False


@dataclass
class Probe:
    """A page plus everything it did: requests, failures, console errors, dialogs."""

    page: Any
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def attach(self) -> Probe:
        page = self.page
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("websocket", lambda ws: self.requests.append(ws.url))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        page.on(
            "response",
            lambda r: self.bad_responses.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )
        page.on(
            "console",
            lambda m: self.console_errors.append(f"{m.text} @ {m.location}")
            if m.type == "error"
            else None,
        )
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("dialog", self._on_dialog)
        return self

    def reset(self) -> None:
        for records in (self.requests, self.failed, self.bad_responses, self.console_errors,
                        self.page_errors, self.dialogs):
            records.clear()

    def _on_dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def external_requests(self) -> list[str]:
        return [u for u in self.requests if not is_local_url(u)]

    def problems(self) -> dict[str, list[str]]:
        """Everything that must be empty on a healthy page."""
        found = {
            "requests leaving the machine": self.external_requests(),
            "failed requests": self.failed,
            "HTTP errors": self.bad_responses,
            "console errors": self.console_errors,
            "uncaught page errors": self.page_errors,
            "dialogs": self.dialogs,
        }
        return {k: v for k, v in found.items() if v}


# ---------------------------------------------------------------------------------------------
# Page state


WAIT_FIGURES_JS = """() => Array.from(document.querySelectorAll('[data-figure]:not(script)'))
  .every(el => el.classList.contains('js-plotly-plot') || el.querySelector('.js-plotly-plot'))"""

FIGURES_JS = """() => {
  const len = (v) => {
    if (v === null || v === undefined) return 0;
    if (Array.isArray(v) || ArrayBuffer.isView(v)) return v.length;
    if (typeof v === 'object' && typeof v.bdata === 'string') {   // plotly.py typed arrays
      if (v.shape) return String(v.shape).split(',').reduce((a, b) => a * Number(b), 1);
      const size = {i1: 1, u1: 1, u1c: 1, i2: 2, u2: 2, i4: 4, u4: 4, f4: 4, f8: 8}[v.dtype] || 1;
      return Math.floor(atob(v.bdata).length / size);
    }
    return 0;
  };
  const keys = ['x', 'y', 'z', 'values', 'labels', 'r', 'theta', 'lat', 'lon', 'locations',
                'a', 'b', 'open', 'close', 'ids', 'dimensions'];
  return Array.from(document.querySelectorAll('[data-figure]:not(script)')).map(el => {
    const plot = el.classList.contains('js-plotly-plot') ? el : el.querySelector('.js-plotly-plot');
    const traces = plot && Array.isArray(plot.data) ? plot.data : [];
    return {
      name: el.getAttribute('data-figure'),
      plotly: !!plot,
      points: traces.map(t => Math.max(0, ...keys.map(k => len(t[k])))),
    };
  });
}"""

# Visible content of the filtered regions: their text plus the data of any chart inside.
FILTERED_JS = """() => Array.from(document.querySelectorAll('[data-filtered]')).map(el => {
  const plots = Array.from(el.querySelectorAll('.js-plotly-plot'));
  if (el.classList.contains('js-plotly-plot')) plots.push(el);
  const data = plots.map(p => JSON.stringify((p.data || []).map(
      t => [t.name, t.x, t.y, t.z, t.values, t.labels, t.text])));
  return el.innerText + '\\u0001' + data.join('|');
})"""

# Every body cell of every table: [table name, column header, text, suppressed-class].
CELLS_JS = """() => Array.from(document.querySelectorAll('table')).flatMap((t, ti) => {
  const name = t.getAttribute('data-table') || ('#' + ti);
  const headRows = t.tHead ? t.tHead.rows : [];
  const heads = headRows.length
    ? Array.from(headRows[headRows.length - 1].cells).map(c => c.textContent.trim())
    : [];
  return Array.from(t.tBodies).flatMap(b => Array.from(b.rows)).flatMap(r =>
    Array.from(r.cells).filter(c => c.tagName === 'TD').map(c =>
      [name, heads[c.cellIndex] || String(c.cellIndex), c.textContent.trim()]));
})"""

VISIBLE_ROWS_JS = """(name) => {
  const t = document.querySelector('table[data-table="' + name + '"]');
  if (!t) return null;
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  return Array.from(t.tBodies).flatMap(b => Array.from(b.rows)).filter(shown)
    .map(r => Array.from(r.cells).map(c => c.innerText.replace(/\\s+/g, ' ').trim()));
}"""

OPEN_DETAILS_JS = """() => { document.querySelectorAll('details').forEach(d => { d.open = true; }); }"""


def goto(probe: Probe, url: str) -> Any:
    """Load a page and wait until its charts are drawn (or a few seconds have passed);
    return the main response."""
    page = probe.page
    if page.url.split("#")[0] == url.split("#")[0]:
        page.goto("about:blank")  # a new fragment alone would not reload the page
    response = page.goto(url, wait_until="load")
    # A chart that never draws is reported by the figure test; the other tests go on.
    with contextlib.suppress(Exception):
        page.wait_for_function(WAIT_FIGURES_JS, timeout=5000)
    return response


def open_all_details(page: Any) -> None:
    page.evaluate(OPEN_DETAILS_JS)
    page.wait_for_timeout(50)


def wait_for_change(page: Any, js: str, before: Any, arg: Any = None,
                    timeout: float = CHANGE_TIMEOUT_S) -> Any:
    """Poll ``js`` until it returns something other than ``before``; return the last value."""
    deadline = time.monotonic() + timeout
    while True:
        now = page.evaluate(js, arg) if arg is not None else page.evaluate(js)
        if now != before or time.monotonic() > deadline:
            return now
        page.wait_for_timeout(50)


def wait_until_equal(page: Any, js: str, expected: Any, timeout: float = 2.0) -> Any:
    """Poll ``js`` until it returns ``expected``; return the last value."""
    deadline = time.monotonic() + timeout
    while True:
        now = page.evaluate(js)
        if now == expected or time.monotonic() > deadline:
            return now
        page.wait_for_timeout(50)


def filtered_snapshot(page: Any) -> list[str]:
    return page.evaluate(FILTERED_JS)


def cells(page: Any) -> list[tuple[str, str, str]]:
    return [tuple(c) for c in page.evaluate(CELLS_JS)]


def visible_rows(page: Any, table: str) -> list[list[str]] | None:
    return page.evaluate(VISIBLE_ROWS_JS, table)


def select_options(page: Any, name: str) -> list[dict[str, Any]]:
    return page.evaluate(
        """(name) => { const s = document.querySelector('select[data-filter="' + name + '"]');
           return s ? Array.from(s.options).map(o => ({value: o.value, label: o.label || o.text,
                                                       disabled: o.disabled})) : null; }""",
        name,
    )


def select_value(page: Any, name: str) -> str | None:
    return page.evaluate(
        """(name) => { const s = document.querySelector('select[data-filter="' + name + '"]');
           return s ? s.value : null; }""",
        name,
    )


def choose(page: Any, name: str, value: str) -> None:
    page.locator(f'select[data-filter="{name}"]').first.select_option(value=value)


def small_cell_leaks(states: list[list[tuple[str, str, str]]]) -> tuple[int, list[str]]:
    """Columns that showed «<5» in any state are person counts: none of their cells may ever
    show a bare 1-4. Returns (number of «<5» cells seen, leaks)."""
    small_cols = {(t, h) for state in states for t, h, text in state if text == SMALL_MARK}
    seen = sum(1 for state in states for _, _, text in state if text == SMALL_MARK)
    leaks = sorted(
        {f"{t} / {h}: {text!r}" for state in states for t, h, text in state
         if (t, h) in small_cols and SMALL_DIGIT.match(text)}
    )
    return seen, leaks


def is_disabled(locator: Any) -> bool:
    """True when a pager button is absent, disabled, aria-disabled or not shown."""
    if locator.count() == 0:
        return True
    return locator.first.evaluate(
        """el => el.disabled === true || el.getAttribute('aria-disabled') === 'true'
                 || el.hidden || el.getClientRects().length === 0"""
    )


# ---------------------------------------------------------------------------------------------
# Numbers and CSV rows

_MACHINE_NUMBER = re.compile(r"^-?\d+\.\d+$")
_ID_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$|^-?\d+(,\d+)?$")


def parse_number(text: str) -> float | None:
    """Indonesian-formatted number (1.234 / 87,5 / 87,5 %) or a plain machine number."""
    t = text.replace("\u00a0", " ").strip().rstrip("%").strip()
    if not t:
        return None
    if _ID_NUMBER.match(t):
        return float(t.replace(".", "").replace(",", "."))
    try:
        return float(t)
    except ValueError:
        return None


# How the pages may display an empty value that the CSV leaves empty.
EMPTY_SHOWN = {"–", "—", "-", "tidak ada", "kosong", "(kosong)", "n/a"}


def _tokens(text: str) -> list[str]:
    return text.replace("\u00a0", " ").split()


def cell_matches(shown: str, row: list[str]) -> bool:
    """A cell shown on the page is found in a CSV row: same text, same number, or (for
    composite cells such as «name id») every word of it is in the row."""
    shown = " ".join(_tokens(shown))
    if shown == "":
        return True
    # a CSV cell starting with = + - @ carries the formula guard "'" (site.js csvCell)
    texts = [" ".join(_tokens(c[1:] if c[:2] in ("'=", "'+", "'-", "'@") else c)) for c in row]
    if shown in texts:
        return True
    if shown.lower() in EMPTY_SHOWN and "" in texts:
        return True  # an empty value, displayed with a placeholder word
    n = parse_number(shown)
    if n is not None:
        for c in texts:
            # the CSV writes machine numbers ("-0.413" is not Indonesian thousands there)
            m = float(c) if _MACHINE_NUMBER.match(c) else parse_number(c)
            if m is not None and (abs(m - n) < 0.051 or (shown.endswith("%") and abs(m * 100 - n) < 0.051)):
                return True
        return False
    # «Name ID»: the CSV has the name; the id is a display-only decoration beside it.
    if any(len(c) >= 3 and shown.startswith(c + " ") for c in texts):
        return True
    words = {w for c in texts for w in _tokens(c)}
    return all(w in words for w in _tokens(shown))


def match_rows(shown: list[list[str]], rows: list[list[str]]) -> list[list[str]]:
    """Greedily pair every shown row with a distinct CSV row; return the shown rows that found
    no partner."""
    free = list(range(len(rows)))
    missing = []
    for s in shown:
        for i in free:
            if all(cell_matches(c, rows[i]) for c in s):
                free.remove(i)
                break
        else:
            missing.append(s)
    return missing


def read_csv_bytes(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8-sig")
    first = text.splitlines()[0] if text else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [r for r in csv.reader(io.StringIO(text), delimiter=delimiter) if r]


# ---------------------------------------------------------------------------------------------
# Export bundle rewriting (keeps each file's encoding, delimiter and line ending)


def _sniff(path: Path) -> tuple[str, str, str]:
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    else:
        try:
            raw.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "cp1252"
    first = raw.split(b"\n", 1)[0]
    delimiter = ";" if first.count(b";") > first.count(b",") else ","
    newline = "\r\n" if first.endswith(b"\r") else "\n"
    return encoding, delimiter, newline


def read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    encoding, delimiter, _ = _sniff(path)
    with path.open(encoding=encoding, newline="") as f:
        reader = csv.DictReader(f, delimiter=delimiter)
        return list(reader.fieldnames or []), list(reader)


def rewrite_table(path: Path, rows: list[dict[str, str]], fields: list[str]) -> None:
    encoding, delimiter, newline = _sniff(path)
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, delimiter=delimiter, lineterminator=newline)
        writer.writeheader()
        writer.writerows(rows)
