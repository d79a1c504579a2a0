"""XLSX sheets via fastexcel, counted independently from the sheet XML."""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import BinaryIO
from xml.etree import ElementTree

import pyarrow as pa
import pyarrow.compute as pc

from transforms.ingest.bundle import BundleError, SourceFile
from transforms.ingest.sink import BATCH_ROWS, _layout, _Sink, _tabular_batch

_NUMBER_TEXT = r"^-?\d+(\.\d+)?$"  # how the string load writes a numeric cell


def _read_xlsx(sink: _Sink, src: SourceFile) -> tuple[str | None, str | None]:
    import fastexcel

    path = src.path
    where = f"Berkas '{path.name}', lembar '{src.sheet}'"
    try:
        book = fastexcel.read_excel(path)
        sheet = book.load_sheet(src.sheet, header_row=None, dtypes="string", eager=True)
    except Exception as e:  # calamine raises several error types
        raise BundleError(
            f"{where} tidak dapat dibaca; berkas rusak atau bukan format .xlsx.", path
        ) from e
    if sheet.num_rows == 0:
        raise BundleError(f"{where} kosong: tidak ada baris judul.", path)
    header = [sheet.column(i)[0].as_py() for i in range(sheet.num_columns)]
    layout = _layout(header, sink.table, where, path)
    body = sheet.slice(1)
    cols = [_iso_datetime(body.column(i)) for i in range(body.num_columns)]
    nip_positions = {i for c, i in layout.positions.items() if sink.table.column(c).type == "nip"}
    _numeric_cells(book, src.sheet, sheet.schema.names, cols, nip_positions)
    for off in range(0, body.num_rows, BATCH_ROWS):
        part = [c.slice(off, BATCH_ROWS) for c in cols]
        sink.defer(_tabular_batch, sink, src.label, layout, part, off + 1)
    sink.physical += _xlsx_physical_rows(path, src.sheet, where)
    return None, None


def _xlsx_physical_rows(path: Path, sheet: str, where: str) -> int:
    """Rows under the header, counted from the sheet's XML (not by calamine).

    (last row holding a value) - (first such row, the header): a value is a ``<c>`` with a
    ``<v>`` or ``<is>`` child. Rows in between without values are blank rows.
    """
    try:
        with zipfile.ZipFile(path) as zf, zf.open(_sheet_part(zf, sheet)) as f:
            first, last = _value_rows(f)
    except (KeyError, StopIteration, ValueError, zipfile.BadZipFile, ElementTree.ParseError) as e:
        raise BundleError(f"{where}: isi XML lembar tidak dapat dihitung barisnya.", path) from e
    return 0 if first is None or last is None else last - first


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _sheet_part(zf: zipfile.ZipFile, sheet: str) -> str:
    """The zip member holding ``sheet``, via the workbook part and its relationships."""
    book = "xl/workbook.xml"
    if "_rels/.rels" in zf.namelist():
        for rel in ElementTree.fromstring(zf.read("_rels/.rels")):
            if rel.get("Type", "").endswith("/officeDocument"):
                book = rel.get("Target", book).lstrip("/")
    rid = next(
        v
        for el in ElementTree.fromstring(zf.read(book)).iter()
        if _local(el.tag) == "sheet" and el.get("name") == sheet
        for k, v in el.attrib.items()
        if _local(k) == "id"
    )
    folder, name = posixpath.split(book)
    rels = ElementTree.fromstring(zf.read(posixpath.join(folder, "_rels", name + ".rels")))
    target = next(el.get("Target", "") for el in rels if el.get("Id") == rid)
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))


def _value_rows(f: BinaryIO) -> tuple[int | None, int | None]:
    """(first, last) row index holding a value, streaming the sheet XML."""
    first = last = None
    row_no = 0
    for _, el in ElementTree.iterparse(f):  # "end" events only: the cheapest stream
        tag = el.tag
        if tag[-4:] != "}row" and tag != "row":
            continue
        r = el.get("r")
        row_no = int(r) if r else row_no + 1
        if any(len(c) and any(_local(v.tag) in ("v", "is") for v in c) for c in el):
            first = row_no if first is None else first
            last = row_no
        el.clear()  # its cells are counted: memory stays small (an empty element per row)
    return first, last


def _iso_datetime(col: pa.Array) -> pa.Array:
    """calamine writes date cells as 'YYYY-MM-DD HH:MM:SS': make them ISO (date only at 00:00)."""
    col = pc.replace_substring_regex(col, r"^(\d{4}-\d{2}-\d{2}) 00:00:00$", r"\1")
    return pc.replace_substring_regex(
        col, r"^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)$", r"\1T\2"
    )


def _numeric_cells(
    book, sheet: str, names: list[str], cols: list[pa.Array], nip_positions: set[int]
) -> None:
    """Rewrite numeric cells from their float value (the string load rounds to 9 decimals).

    The string load does not tell a cell's type: numeric cells are those that a boolean load
    turns into a value although their text is not "true"/"false". Only columns holding
    number-like text are loaded again, chosen by name: an index in ``use_columns`` counts from
    column A, not from the sheet's first used column.
    """
    candidates = [
        i
        for i, c in enumerate(cols)
        if len(c) and pc.any(pc.match_substring_regex(c, _NUMBER_TEXT)).as_py()
    ]
    if not candidates:
        return
    load = dict(header_row=None, use_columns=[names[i] for i in candidates], eager=True)
    flags = book.load_sheet(sheet, dtypes="boolean", **load).slice(1)
    floats = book.load_sheet(sheet, dtypes="float", **load).slice(1)
    for j, i in enumerate(candidates):
        text = cols[i]
        numeric = pc.and_(
            pc.is_valid(flags.column(j)),
            pc.invert(pc.is_in(text, value_set=pa.array(["true", "false"]))),
        )
        if not pc.any(numeric).as_py():
            continue
        values, numbers = text.to_pylist(), floats.column(j).to_pylist()
        fmt = _excel_nip if i in nip_positions else _float_text
        for r, is_num in enumerate(numeric.to_pylist()):
            if is_num and numbers[r] is not None:
                values[r] = fmt(numbers[r])
        cols[i] = pa.array(values, pa.string())


def _float_text(v: float) -> str:
    """Exact integers without '.0' (2025.0 -> '2025'); anything else as Python's repr."""
    return str(int(v)) if v.is_integer() and abs(v) <= 2**53 else repr(v)


def _excel_nip(v: float) -> str:
    """A numeric NIP cell as Excel shows it ('1.98609262015051E+17'): flags a mangled NIP."""
    return f"{v:.15G}"
