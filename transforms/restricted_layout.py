"""Printable layout of a restricted workbook (xlsxwriter): Indonesian headers, fitted widths,
wrapped long texts, A4 landscape fitted to the page width, the header row repeated on every
page, "TERBATAS — data pribadi" in the page header, frozen header row and an autofilter.

Cells are written as strings or numbers only (``write_string``/``write_number``), never as
formulas: a text starting with "=" stays text. A workbook is written under a temporary name
beside its final one and renamed into place, so a killed run never leaves a half-written file.
"""

from __future__ import annotations

import math
import os
import re
import textwrap
from dataclasses import dataclass, replace
from functools import lru_cache
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
BOOK = "__berkas"  # column numbering the workbook (unit) of a row in a batch (write_batch)
_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
    "in_memory": True,  # the XML parts stay in memory: no temporary file per part
}
_BREAKS = re.compile(r"[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")  # where str.splitlines splits
_UNEVEN = re.compile(r"[\t" + _BREAKS.pattern[1:])  # line breaks, or tabs (textwrap expands them)


@dataclass(frozen=True)
class SheetTable:
    name: str
    headers: list[str]
    frame: pl.DataFrame  # the shown columns, in the order of ``headers``
    wrap: frozenset[str]  # column codes whose cells wrap


@dataclass(frozen=True)
class Book:
    unit: int  # the value of column BOOK in this workbook's rows
    path: Path
    title: str
    header: str


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


def _capacity(width: float) -> int:
    """Characters of prose that fit on one line of a column ``width`` wide."""
    return max(1, int(width * CHARS_PER_WIDTH) - 2)


@lru_cache(maxsize=8192)
def _lines(text: str, width: float) -> int:
    """Lines ``text`` takes when wrapped in a column ``width`` characters wide (an estimate:
    a spreadsheet program wraps at words but does not grow a row written without a height)."""
    capacity = _capacity(width)
    return sum(
        1 if len(p) <= capacity and "\t" not in p else max(1, len(textwrap.wrap(p, capacity)))
        for p in text.splitlines() or [""]
    )


def _cell(value: object) -> str | float | None:
    """The value as written: a number, a string, or None for an empty cell."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int | float):
        return value
    return str(value)


def _shown_length(value: str | float) -> int:
    if isinstance(value, str):
        return _text_length(value)
    return len(f"{value:g}" if isinstance(value, float) else str(value))


def _longest_text(texts: list[str]) -> int:
    """The longest line among ``texts`` (one scan for line breaks, then plain lengths)."""
    if _BREAKS.search("".join(texts)) is None:
        return max(map(len, texts), default=0)
    return max(map(_text_length, texts), default=0)


def _column(series: pl.Series) -> tuple[list, int]:
    """The cells of a column as written (``_cell``) and the length of the longest one shown;
    texts and whole numbers, the usual columns, skip the per-cell conversion."""
    values = series.to_list()
    present = [v for v in values if v is not None]
    if series.dtype == pl.String:
        return values, _longest_text(present)
    if series.dtype.is_integer():
        return values, max((len(str(v)) for v in present), default=0)
    values = [_cell(v) for v in values]
    return values, max((_shown_length(v) for v in values if v is not None), default=0)


def write_workbook(path: Path, tables: list[SheetTable], title: str, header: str) -> dict[str, int]:
    """One workbook, a sheet per table (empty tables keep their header row and print setup),
    written beside ``path`` under a temporary name and renamed into place; returns the data rows
    per sheet."""
    part = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        counts = _write_book(part, tables, title, header)
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return counts


def write_batch(books: list[Book], tables: list[SheetTable]) -> list[dict[str, int]]:
    """Write ``books``; each table's frame holds the rows of all of them, numbered by the column
    ``BOOK`` (``Book.unit``). Returns the row counts of each book, in order. Runs in the worker
    processes too: it needs only this module."""
    parts = [t.frame.partition_by(BOOK, as_dict=True, include_key=False) for t in tables]
    empty = [t.frame.clear().drop(BOOK) for t in tables]
    return [
        write_workbook(
            book.path,
            [
                replace(t, frame=p.get((book.unit,), e))
                for t, p, e in zip(tables, parts, empty, strict=True)
            ],
            book.title,
            book.header,
        )
        for book in books
    ]


def _write_book(path: Path, tables: list[SheetTable], title: str, header: str) -> dict[str, int]:
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


def _tall_rows(values: list, width: float) -> dict[int, int]:
    """Rows (sheet row numbers) whose wrapped text in this column needs more than one line, with
    the lines; a text on one line without breaks or tabs is not wrapped at all."""
    capacity = _capacity(width)
    texts = [(r, v) for r, v in enumerate(values, start=FIRST_DATA_ROW) if isinstance(v, str)]
    plain = _UNEVEN.search("".join(v for _, v in texts)) is None
    lines: dict[int, int] = {}
    for r, text in texts:
        if not (plain and len(text) <= capacity) and (n := _lines(text, width)) > 1:
            lines[r] = n
    return lines


def _set_heights(sheet, headers: list[str], columns: list[list], widths: list[float]) -> None:
    """Rows whose wrapped texts (the header row, the wrapped ``columns``: index to values) need
    more than one line get the height of the tallest."""
    lines = {
        HEADER_ROW: max((_lines(h, w) for h, w in zip(headers, widths, strict=True)), default=1)
    }
    for c, values in columns:
        for r, n in _tall_rows(values, widths[c]).items():
            lines[r] = max(lines.get(r, 1), n)
    for r, n in sorted(lines.items()):
        if n > 1:
            sheet.set_row(r, LINE_HEIGHT * n + ROW_PADDING)


def _write_rows(sheet, columns: list[list], formats: list) -> None:
    """The data rows, row by row (the shared strings keep their order of first use)."""
    blank, text, number = sheet.write_blank, sheet.write_string, sheet.write_number
    for r, row in enumerate(zip(*columns, strict=True), start=FIRST_DATA_ROW):
        for c, value in enumerate(row):
            if value is None:
                blank(r, c, None, formats[c])
            elif isinstance(value, str):
                text(r, c, value, formats[c])
            else:
                number(r, c, value, formats[c])


def _widths(headers: list[str], cells: list[tuple[list, int]], wraps: list[bool]) -> list[int]:
    """Column widths: the longest cell, or the header up to its longest word beyond
    HEADER_MEASURE, plus 2, within MIN_WIDTH and MAX_WIDTH (WRAP_WIDTH when wrapped)."""
    widths = []
    for h, (_, longest), wrap in zip(headers, cells, wraps, strict=True):
        n = max(longest, min(len(h), max(HEADER_MEASURE, *map(len, h.split()))))
        widths.append(max(MIN_WIDTH, min(WRAP_WIDTH if wrap else MAX_WIDTH, n + 2)))
    return widths


def _write_sheet(sheet, table: SheetTable, fmt: dict, note: str, header: str) -> None:
    wraps = [c in table.wrap for c in table.frame.columns]
    cells = [_column(s) for s in table.frame.iter_columns()]
    columns = [values for values, _ in cells]
    sheet.write_string(NOTE_ROW, 0, note, fmt["note"])
    for c, text in enumerate(table.headers):
        sheet.write_string(HEADER_ROW, c, text, fmt["head"])
    _write_rows(sheet, columns, [fmt["wrap"] if w else fmt["cell"] for w in wraps])
    widths = _widths(table.headers, cells, wraps)
    for c, width in enumerate(widths):
        sheet.set_column(c, c, width)
    _set_heights(sheet, table.headers, [(c, v) for c, v in enumerate(columns) if wraps[c]], widths)
    _print_setup(sheet, table, header)


def _print_setup(sheet, table: SheetTable, header: str) -> None:
    """Frozen header row, autofilter, and A4 landscape one page wide with titles repeated."""
    last_col = max(0, len(table.headers) - 1)
    sheet.freeze_panes(FIRST_DATA_ROW, 0)
    sheet.autofilter(HEADER_ROW, 0, HEADER_ROW + table.frame.height, last_col)
    sheet.repeat_rows(HEADER_ROW)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.75, bottom=0.6)
    sheet.set_header(header, {"margin": 0.3})
    sheet.set_footer(f"&L{escape_header(table.name)}", {"margin": 0.3})
