"""DuckDB's CSV fast path lands exactly what the Python reader lands, or leaves the file to it.

Every file is read twice, with the fast path and with the Python reader only (the reference);
the raw tables and every counter must be equal. The files are the irregularities of contract
§1 where DuckDB's parser and the csv module disagree (empty lines, spaces beside quotes, a
trailing delimiter, multi-line fields, CR line breaks, broken quotes), plus random mixtures.
"""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import duckdb
import pytest

from transforms.ingest.bundle import SourceFile
from transforms.ingest.readers import RawTable, read_raw

HEADER = "rhk_id,skp_id,jenis,uraian,rhk_atasan_id,jenis_cascading,perspektif"
ROW = "R{i},S1,utama,Uraian {i},,langsung,Pelayanan"


def both(tmp_path: Path, content: bytes) -> tuple[RawTable, list, RawTable, list]:
    """(fast RawTable, its rows, reference RawTable, its rows) of one rhk.csv."""
    path = tmp_path / "rhk.csv"
    path.write_bytes(content)
    out = []
    for fast in (True, False):
        con = duckdb.connect()
        raw = read_raw(con, "rhk", [SourceFile("rhk", path, "csv")], tmp_path, fast=fast)
        out += [raw, con.sql("SELECT * FROM raw_rhk ORDER BY _baris").fetchall()]
        con.close()
    return out[0], out[1], out[2], out[3]


def same(tmp_path: Path, content: bytes) -> bool:
    """Assert both paths agree; whether the fast path read the file."""
    fast, fast_rows, ref, ref_rows = both(tmp_path, content)
    assert fast_rows == ref_rows
    assert dataclasses.replace(fast, fast_files=[]) == ref
    assert ref.physical_rows == ref.rows + ref.blank_rows + ref.continuation_rows
    return fast.fast_files == ["rhk.csv"]


def lines(n: int, newline: str = "\n") -> str:
    return newline.join([HEADER, *(ROW.format(i=i) for i in range(1, n + 1))]) + newline


@pytest.mark.parametrize(
    ("name", "content", "fast"),
    [
        ("plain", lines(5), True),
        ("crlf", lines(5, "\r\n"), True),
        ("no final break", lines(3).rstrip("\n"), True),
        ("empty lines at the end", lines(3) + "\n\n", True),
        ("crlf empty lines at the end", lines(3, "\r\n") + "\r\n\r\n", True),
        ("bom", "\ufeff" + lines(3), True),
        ("quoted comma", lines(2) + 'R9,S1,utama,"Satu, dua",,langsung,X\n', True),
        ("doubled quote", lines(1) + 'R9,S1,utama,"Kata ""kutip"" di sini",,langsung,X\n', True),
        ("multi-line field", lines(1) + 'R9,S1,utama,"baris satu\nbaris dua",,langsung,X\n', True),
        ("crlf multi-line", lines(1, "\r\n") + 'R9,S1,utama,"a\r\nb",,langsung,X\r\n', True),
        ("quote inside a value", lines(1) + 'R9,S1,utama,ukuran 5",,langsung,X\n', True),
        ("empty line inside", lines(2) + "\n" + lines(2)[len(HEADER) + 1 :], False),
        ("blank line of spaces", lines(2) + "   \n" + ROW.format(i=7) + "\n", False),
        ("space before a quote", lines(1) + 'R9,S1,utama, "x",,langsung,X\n', False),
        ("space after a quote", lines(1) + 'R9,S1,utama,"x" ,,langsung,X\n', False),
        ("two quoted parts", lines(1) + 'R9,S1,utama,"x" "y",,langsung,X\n', False),
        ("trailing delimiter", lines(1) + ROW.format(i=8) + ",\n", False),
        ("short record", lines(1) + "R9,S1,utama\n", False),
        ("long record", lines(1) + ROW.format(i=8) + ",a,b\n", False),
        ("unclosed quote", lines(1) + 'R9,S1,utama,"x,,langsung,X\n' + ROW.format(i=3) + "\n", False),
        ("text after a closing quote", lines(1) + 'R9,S1,utama,"x"y,,langsung,X\n', False),
        (
            "multi-line field swallowing rows",
            lines(1) + 'R9,S1,utama,"x\nR10,S1,utama,y,,langsung,X\nz",,langsung,X\n',
            False,
        ),
        ("lone CR", lines(1) + "R9,S1,utama,a\rb,,langsung,X\n", False),
        ("control byte", lines(1) + "R9,S1,utama,a\x01b,,langsung,X\n", False),
        ("only delimiters", lines(1) + ",,,,,,\n" + ROW.format(i=4) + "\n", True),
        ("semicolon", lines(3).replace(",", ";"), True),
    ],
)
def test_irregular_files(tmp_path, name, content, fast):
    assert same(tmp_path, content.encode()) is fast, name


def test_windows_1252_and_invalid_bytes_go_to_the_python_reader(tmp_path):
    cp1252 = (lines(2) + "R9,S1,utama,Caf\xe9,,langsung,X\n").encode("cp1252")
    assert same(tmp_path, cp1252) is False
    stray = lines(2).encode() + "R9,S1,utama,é,,langsung,X\n".encode() + b"R10,S1,x\x81y,,,,\n"
    assert same(tmp_path, stray) is False


PIECES = [
    "Uraian biasa",
    '"Satu, dua"',
    '"Kata ""kutip"""',
    '"dua\nbaris"',
    "",
    '""',
    "  spasi  ",
    " \"x\"",
    '"x" ',
    "ukuran 5\"",
    "Ü ñ 日本",
    "\t",
]


def test_random_mixtures_agree(tmp_path):
    """Random files of the pieces above (and broken widths, empty lines, CRLF): both paths
    agree on every one, and the fast path takes a fair share of them."""
    rng = random.Random(20261203)
    taken = 0
    for _ in range(150):
        newline = rng.choice(["\n", "\r\n"])
        records = [HEADER]
        for i in range(rng.randint(0, 12)):
            width = 7 if rng.random() < 0.9 else rng.choice([3, 6, 8])
            fields = [f"R{i}"] + [rng.choice(PIECES) for _ in range(width - 1)]
            records.append(",".join(fields))
            if rng.random() < 0.05:
                records.append(rng.choice(["", "   "]))
        text = newline.join(records) + newline * rng.choice([0, 1, 1, 2])
        taken += same(tmp_path, text.encode())
    assert 10 <= taken < 150
