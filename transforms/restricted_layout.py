"""Printable layout of a restricted workbook (xlsxwriter): Indonesian headers, fitted widths,
wrapped long texts, A4 landscape fitted to the page width, the header row repeated on every
page, "TERBATAS — data pribadi" in the page header, frozen header row and an autofilter.

Cells are written as strings or numbers only (``write_string``/``write_number``), never as
formulas: a text starting with "=" stays text.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import xlsxwriter

NOTE_ROW, HEADER_ROW, FIRST_DATA_ROW = 0, 1, 2
MIN_WIDTH, MAX_WIDTH, WRAP_WIDTH = 8, 60, 50
HEADER_MEASURE = 12  # a longer header wraps (at its words) instead of widening its column
LINE_HEIGHT = 14  # points per wrapped line of 11-point Calibri, plus ROW_PADDING per row
ROW_PADDING = 3
CHARS_PER_WIDTH = 1.25  # a column width counts "0" digits; prose averages narrower letters
HEADER_LIMIT = 255  # Excel's limit for a page header string
MARK = "TERBATAS — data pribadi"
_OPTIONS = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}


@dataclass(frozen=True)
class SheetTable:
    name: str
    headers: list[str]
    frame: pl.DataFrame  # the shown columns, in the order of ``headers``
    wrap: frozenset[str]  # column codes whose cells wrap


def escape_header(text: str) -> str:
    """Text for a page header/footer string: "&" starts a control code there."""
    return text.replace("&", "&&")


def page_header(unit: str, instansi: str, tahun: object) -> str:
    """``&L`` mark, ``&C`` unit — instansi — tahun, ``&R`` page x of n; within Excel's 255
    characters (the unit name, then the instansi name, shortened with "…" when needed)."""

    def build(u: str, i: str) -> str:
        centre = f"{escape_header(u)} — {escape_header(i)} — {escape_header(str(tahun))}"
        return f"&L{MARK}&C{centre}&RHalaman &P dari &N"

    u, i = unit, instansi
    while len(build(u, i)) > HEADER_LIMIT and len(u) > 1:
        u = u[: max(1, len(u) - 2 - (len(build(u, i)) - HEADER_LIMIT))].rstrip() + "…"
    while len(build(u, i)) > HEADER_LIMIT and len(i) > 1:
        i = i[: max(1, len(i) - 2 - (len(build(u, i)) - HEADER_LIMIT))].rstrip() + "…"
    return build(u, i)


def _text_length(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


def _lines(text: str, width: float) -> int:
    """Lines ``text`` takes when wrapped in a column ``width`` characters wide (an estimate:
    a spreadsheet program wraps at words but does not grow a row written without a height)."""
    capacity = max(1, int(width * CHARS_PER_WIDTH) - 2)
    return sum(max(1, len(textwrap.wrap(p, capacity))) for p in text.splitlines() or [""])


def _cell(value: object) -> str | float | None:
    """The value as written: a number, a string, or None for an empty cell."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int | float):
        return value
    return str(value)


def write_workbook(path: Path, tables: list[SheetTable], title: str, header: str) -> dict[str, int]:
    """One workbook, a sheet per table (empty tables keep their header row and print setup);
    returns the data rows per sheet."""
    counts: dict[str, int] = {}
    with xlsxwriter.Workbook(str(path), _OPTIONS) as book:
        base = {"valign": "top", "border": 1, "border_color": "#BFBFBF"}
        fmt = {
            "note": book.add_format({"italic": True, "bold": True, "font_color": "#8B0000"}),
            "head": book.add_format(
                {
                    "bold": True,
                    "bg_color": "#DDE6F0",
                    "border": 1,
                    "text_wrap": True,
                    "valign": "vcenter",
                    "align": "center",
                }
            ),
            "cell": book.add_format(base),
            "wrap": book.add_format({**base, "text_wrap": True}),
        }
        for table in tables:
            _write_sheet(book.add_worksheet(table.name), table, fmt, f"{MARK}. {title}", header)
            counts[table.name] = table.frame.height
    return counts


def _set_heights(sheet, texts: list[tuple[int, int, str]], widths: list[float]) -> None:
    """Rows whose wrapped texts need more than one line get the height of the tallest."""
    lines: dict[int, int] = {}
    for r, c, text in texts:
        lines[r] = max(lines.get(r, 1), _lines(text, widths[c]))
    for r, n in lines.items():
        if n > 1:
            sheet.set_row(r, LINE_HEIGHT * n + ROW_PADDING)


def _write_sheet(sheet, table: SheetTable, fmt: dict, note: str, header: str) -> None:
    frame = table.frame
    wraps = [c in table.wrap for c in frame.columns]
    widths = [min(len(h), max(HEADER_MEASURE, *map(len, h.split()))) for h in table.headers]
    long_texts: list[tuple[int, int, str]] = []  # (row, column, text) of wrapped cells
    sheet.write_string(NOTE_ROW, 0, note, fmt["note"])
    for c, text in enumerate(table.headers):
        sheet.write_string(HEADER_ROW, c, text, fmt["head"])
    for r, row in enumerate(frame.iter_rows(), start=FIRST_DATA_ROW):
        for c, raw in enumerate(row):
            value = _cell(raw)
            cell = fmt["wrap"] if wraps[c] else fmt["cell"]
            if value is None:
                sheet.write_blank(r, c, None, cell)
            elif isinstance(value, str):
                sheet.write_string(r, c, value, cell)
                widths[c] = max(widths[c], _text_length(value))
                if wraps[c]:
                    long_texts.append((r, c, value))
            else:
                sheet.write_number(r, c, value, cell)
                widths[c] = max(
                    widths[c], len(f"{value:g}" if isinstance(value, float) else str(value))
                )
    widths = [
        max(MIN_WIDTH, min(WRAP_WIDTH if w else MAX_WIDTH, n + 2))
        for w, n in zip(wraps, widths, strict=True)
    ]
    for c, width in enumerate(widths):
        sheet.set_column(c, c, width)
    _set_heights(
        sheet, [(HEADER_ROW, c, h) for c, h in enumerate(table.headers)] + long_texts, widths
    )
    last_col = max(0, len(table.headers) - 1)
    sheet.freeze_panes(FIRST_DATA_ROW, 0)
    sheet.autofilter(HEADER_ROW, 0, HEADER_ROW + frame.height, last_col)
    sheet.repeat_rows(HEADER_ROW)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.75, bottom=0.6)
    sheet.set_header(header, {"margin": 0.3})
    sheet.set_footer(f"&L{escape_header(table.name)}", {"margin": 0.3})
