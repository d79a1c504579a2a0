"""Sheets of the restricted workbooks, discovered: adding a sheet is adding one SQL file.

A sheet is ``transforms/sql/terbatas/<slug>.sql`` whose leading comment lines declare it::

    -- sheet: Karier dan tindak lanjut          (required, at most 31 characters)
    -- order: 40                               (sorts the sheets; default 1000, then file name)
    -- kolom nip: NIP                          (Indonesian header of a column)
    -- bungkus: alasan, rincian                (columns whose long text is wrapped)
    -- uraian: Pegawai dengan ...              (what the sheet holds, for BACA_DULU.txt; repeatable)

Other leading comment lines are free prose, but a line starting with one of these keywords must
be a well-formed declaration. A column without a ``kolom`` line takes its header from the shared
glossary ``kolom.csv`` beside the SQL, else from its code name (underscores to spaces,
capitalised). Every query returns the unit columns ``UNIT_COLUMNS``: they split the rows per
unit and are not shown in the sheet.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

from transforms.sqlfiles import expand_includes

UNIT_COLUMNS = ("tahun", "instansi_nama", "unor_id", "unor_nama")
GLOSSARY = "kolom.csv"
DEFAULT_ORDER = 1000
_KEYWORD = re.compile(r"^--\s*(sheet|order|kolom|bungkus|uraian)\b")
_DECLARATION = re.compile(
    r"^--\s*(sheet|order|bungkus|uraian|kolom\s+([a-z_][a-z0-9_]*))\s*:\s*(.*?)\s*$"
)
_INVALID_NAME = re.compile(r"[\[\]:*?/\\]")


class SheetDeclarationError(ValueError):
    """A sheet file whose header cannot be used (names the file)."""


@dataclass(frozen=True)
class Sheet:
    file: str  # e.g. "terbatas/penilai.sql"
    name: str
    order: int
    query: str
    headers: dict[str, str]  # declared in the file (``kolom``)
    wrap: frozenset[str]
    description: str

    def header(self, column: str, glossary: dict[str, str]) -> str:
        """The Indonesian header of ``column``: declared, else glossary, else from its code."""
        if column in self.headers:
            return self.headers[column]
        return glossary.get(column) or column.replace("_", " ").strip().capitalize()


def parse_sheet(file: str, text: str) -> Sheet:
    """The sheet declared by the leading comment lines of ``text`` (file ``file``)."""
    fields: dict[str, str] = {}
    headers: dict[str, str] = {}
    wrap: list[str] = []
    description: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line.startswith("--"):
            break
        if not _KEYWORD.match(line):
            continue
        m = _DECLARATION.match(line)
        if not m or not m.group(3):
            raise SheetDeclarationError(f"{file}:{number}: malformed sheet declaration {line!r}")
        key, column, value = m.group(1), m.group(2), m.group(3)
        if column:
            if column in headers:
                raise SheetDeclarationError(f"{file}:{number}: column {column!r} declared twice")
            headers[column] = value
        elif key == "bungkus":
            wrap += [c.strip() for c in value.split(",") if c.strip()]
        elif key == "uraian":
            description.append(value)
        elif key in fields:
            raise SheetDeclarationError(f"{file}:{number}: {key!r} declared twice")
        else:
            fields[key] = value
    name = fields.get("sheet")
    if not name:
        raise SheetDeclarationError(f"{file}: no '-- sheet: <name>' line in its leading comments")
    if len(name) > 31 or _INVALID_NAME.search(name) or name.startswith("'"):
        raise SheetDeclarationError(
            f"{file}: sheet name {name!r} is not a valid Excel sheet name (≤ 31 characters, no []:*?/\\)"
        )
    order = fields.get("order", str(DEFAULT_ORDER))
    if not re.fullmatch(r"-?\d+", order):
        raise SheetDeclarationError(f"{file}: order {order!r} is not a whole number")
    return Sheet(
        file,
        name,
        int(order),
        expand_includes(text),
        headers,
        frozenset(wrap),
        " ".join(description),
    )


def discover_sheets(folder: Traversable | None = None) -> tuple[Sheet, ...]:
    """The sheets of ``folder`` (default transforms/sql/terbatas/), by order then file name;
    sheet names unique (Excel compares them case-insensitively)."""
    folder = folder or resources.files("transforms").joinpath("sql", "terbatas")
    files = sorted((e for e in folder.iterdir() if e.name.endswith(".sql")), key=lambda e: e.name)
    sheets = sorted(
        (parse_sheet(f"terbatas/{e.name}", e.read_text(encoding="utf-8")) for e in files),
        key=lambda s: (s.order, s.file),
    )
    seen: dict[str, str] = {}
    for s in sheets:
        if s.name.lower() in seen:
            raise SheetDeclarationError(
                f"{s.file}: sheet name {s.name!r} also used by {seen[s.name.lower()]}"
            )
        seen[s.name.lower()] = s.file
    return tuple(sheets)


def load_glossary(folder: Traversable | None = None) -> dict[str, str]:
    """Shared headers of common columns (``kolom.csv``: kolom,judul) of ``folder``."""
    folder = folder or resources.files("transforms").joinpath("sql", "terbatas")
    entry = folder.joinpath(GLOSSARY)
    if not entry.is_file():
        return {}
    rows = csv.DictReader(io.StringIO(entry.read_text(encoding="utf-8")))
    return {
        r["kolom"].strip(): r["judul"].strip() for r in rows if r.get("kolom") and r.get("judul")
    }


def sheet_headers(sheet: Sheet, columns: list[str], glossary: dict[str, str]) -> list[str]:
    """The Indonesian headers of the query's shown columns, checked against the declarations:
    raises naming the file when they do not fit."""
    missing = [c for c in UNIT_COLUMNS if c not in columns]
    if missing:
        raise SheetDeclarationError(f"{sheet.file}: query lacks the unit columns {missing}")
    unknown = sorted((set(sheet.headers) | sheet.wrap) - set(columns))
    if unknown:
        raise SheetDeclarationError(f"{sheet.file}: declared columns not in the query: {unknown}")
    if len(columns) == len(UNIT_COLUMNS):
        raise SheetDeclarationError(f"{sheet.file}: query returns only the unit columns")
    headers = [sheet.header(c, glossary) for c in columns if c not in UNIT_COLUMNS]
    twice = sorted({h for h in headers if headers.count(h) > 1})
    if twice:
        raise SheetDeclarationError(f"{sheet.file}: several columns share the header(s) {twice}")
    return headers
