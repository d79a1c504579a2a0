"""DuckDB's JSON Lines fast path lands exactly what the Python reader lands, or leaves the file.

Every file is read twice, with the fast path and with the Python reader only (the reference);
the raw tables, every counter and any error must be equal. The files are the irregularities
where DuckDB's JSON reader and the ``json`` module disagree (trailing commas, NaN, duplicate
keys, number formats, unknown keys, blank lines, encodings), plus random mixtures.
"""

from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path

import duckdb
import pytest

from transforms.ingest.bundle import BundleError, SourceFile
from transforms.ingest.readers import RawTable, read_raw

KEYS = ("bukti_id", "indikator_id", "periode", "jenis", "lokasi", "tanggal_unggah")
ROW = (
    '{{"bukti_id": "B{i}", "indikator_id": "I1", "periode": "2025-TW1", "jenis": "Berkas", '
    '"lokasi": "https://x.id/{i}", "tanggal_unggah": "2025-04-0{d}"}}'
)


def read(tmp_path: Path, fast: bool) -> tuple[RawTable, list] | str:
    """(RawTable, rows) of bukti_dukung.jsonl, or the error (a BundleError's message)."""
    path = tmp_path / "bukti_dukung.jsonl"
    con = duckdb.connect()
    try:
        source = SourceFile("bukti_dukung", path, "jsonl")
        raw = read_raw(con, "bukti_dukung", [source], tmp_path, fast=fast)
        return raw, con.sql("SELECT * FROM raw_bukti_dukung ORDER BY _baris").fetchall()
    except BundleError as e:
        return e.pesan
    finally:
        con.close()


def same(tmp_path: Path, content: bytes) -> bool:
    """Assert both paths agree; whether the fast path read the file."""
    (tmp_path / "bukti_dukung.jsonl").write_bytes(content)
    fast, ref = read(tmp_path, True), read(tmp_path, False)
    if isinstance(ref, str):
        assert fast == ref
        return False
    assert not isinstance(fast, str), fast
    assert fast[1] == ref[1]
    assert dataclasses.replace(fast[0], fast_files=[]) == ref[0]
    assert ref[0].fast_files == []
    assert ref[0].physical_rows == ref[0].rows + ref[0].blank_rows
    return fast[0].fast_files == ["bukti_dukung.jsonl"]


def lines(n: int, newline: str = "\n") -> str:
    return "".join(ROW.format(i=i, d=i % 9 + 1) + newline for i in range(1, n + 1))


def obj(**values: object) -> str:
    base: dict[str, object] = {k: f"{k}-1" for k in KEYS}
    return json.dumps({**base, **values}, ensure_ascii=False)


B = lines(3)  # a plain start
TRAPS = [
    ("plain", lines(5), True),
    ("crlf", lines(5, "\r\n"), True),
    ("no final break", lines(3).rstrip("\n"), True),
    ("empty lines at the end", B + "\n\n", True),
    ("crlf empty lines at the end", lines(3, "\r\n") + "\r\n\r\n", True),
    ("empty lines inside", "\n" + B + "\n\n" + lines(2), True),
    ("crlf empty line inside", lines(2, "\r\n") + "\r\n" + lines(2, "\r\n"), True),
    ("line of spaces", B + "   \n" + lines(1), True),
    ("crlf line of spaces", lines(2, "\r\n") + "  \r\n" + lines(1, "\r\n"), True),
    ("spaces around an object", B + "  " + lines(1).rstrip("\n") + "   \n" + lines(1), True),
    ("tab-indented object", B + "\t" + lines(1), False),
    ("no-break space before an object", B + "\u00a0" + lines(1), False),
    ("bom", "\ufeff" + B, False),
    ("array line", B + '["B1", "I1"]\n', False),
    ("string line", B + '"B1"\n', False),
    ("invalid json", B + '{"bukti_id": "B9", "indikator_id": \n', False),
    ("trailing comma", B + '{"bukti_id": "B9", "lokasi": "x",}\n', False),
    ("trailing comma and space", B + '{"bukti_id": "B9", "lokasi": "x" , }\n', False),
    ("trailing comma, spaces after", B + '{"bukti_id": "B9", "lokasi": null,}   \n', False),
    ("leading comma", B + '{,"bukti_id": "B9"}\n', False),
    ("doubled comma", B + '{"bukti_id": "B9",, "lokasi": "x"}\n', False),
    ("missing comma", B + '{"bukti_id": "B9" "lokasi": "x"}\n', False),
    ("doubled colon", B + '{"bukti_id":: "B9"}\n', False),
    ("unquoted key", B + '{bukti_id: "B9"}\n', False),
    ("single quotes", B + "{'bukti_id': 'B9'}\n", False),
    ("comment", B + '{"bukti_id": /* x */ "B9"}\n', False),
    ("two objects on a line", B + '{"bukti_id": "B8"}{"bukti_id": "B9"}\n', False),
    ("object over two lines", B + '{"bukti_id": "B9",\n"lokasi": "x"}\n', False),
    ("unknown key", B + obj(catatan="x") + "\n", False),
    ("unknown key, null value", B + obj(catatan=None) + "\n", False),
    ("unknown key, spaces before its colon", B + '{"bukti_id": "B9", "zzz"  : "x"}\n', False),
    ("key in other case", B + '{"Bukti_ID": "B9"}\n', False),
    ("key with spaces", B + '{" bukti_id ": "B9"}\n', False),
    ("duplicate key", B + '{"bukti_id": "B8", "bukti_id": "B9"}\n', False),
    ("missing keys", B + '{"bukti_id": "B9"}\n{}\n', True),
    ("key order", B + json.dumps({k: "v" for k in reversed(KEYS)}) + "\n", True),
    ("null values", B + obj(lokasi=None, jenis=None) + "\n", True),
    ("empty and blank strings", B + obj(lokasi="", jenis="   ", periode=" x ") + "\n", True),
    ("unicode", B + obj(lokasi="Müller 日本 😀", jenis="é") + "\n", True),
    ("unicode spaces at the ends", B + obj(lokasi="\u00a0x\u3000", jenis="\u2003", periode="\x85a") + "\n", True),
    ("U+2028 inside", B + obj(lokasi="a\u2028b\u2029c") + "\n", True),
    ("delete byte", B + obj(lokasi="a\x7fb") + "\n", True),
    ("escapes", B + obj(lokasi='a\n\t"\\/b', jenis="\x00", periode="\x1f x \x1c") + "\n", True),
    ("unicode escapes", B + json.dumps({"bukti_id": "Caf\u00e9 😀", "lokasi": "\u2003"}) + "\n", True),
    ("escaped key", B + '{"bukti\\u005fid": "B9", "lokasi": "x\\/y"}\n', True),
    ("lone surrogate", B + '{"bukti_id": "\\ud800"}\n', False),
    ("spaces around colons", B + '{ "bukti_id" : "B9" , "lokasi" :null }\n', True),
    ("value starting with a colon", B + obj(lokasi=":x", jenis='":') + "\n", True),
    ("integers", B + '{"bukti_id": 12, "lokasi": -0, "jenis": 9223372036854775807}\n', True),
    ("big integer", B + '{"bukti_id": 9223372036854775808}\n', False),
    ("booleans", B + '{"bukti_id": true, "lokasi": false}\n', True),
    ("integral float", B + '{"bukti_id": 1.0}\n', False),
    ("float", B + '{"bukti_id": 1.50}\n', False),
    ("exponent", B + '{"bukti_id": 1e5}\n', False),
    ("nan", B + '{"bukti_id": NaN}\n', False),
    ("infinity", B + '{"bukti_id": -Infinity}\n', False),
    ("nested object", B + '{"bukti_id": {"a": "b"}}\n', False),
    ("nested array", B + '{"bukti_id": ["a", "b"]}\n', False),
    ("raw tab inside a string", B + '{"bukti_id": "a\tb"}\n', False),
    ("tab between tokens", B + '{"bukti_id":\t"B9"}\n', False),
    ("control byte", B + '{"bukti_id": "a\x01b"}\n', False),
    ("lone CR", B + '{"bukti_id": "a\rb"}\n', False),
    ("very long line", B + obj(lokasi="x" * 1_500_000) + "\n" + lines(2), True),
    ("only empty lines", "\n\n\n", False),
]


@pytest.mark.parametrize(("name", "content", "fast"), TRAPS, ids=[t[0] for t in TRAPS])
def test_irregular_files(tmp_path, name, content, fast):
    assert same(tmp_path, content.encode()) is fast, name


def test_line_numbers_count_empty_lines(tmp_path):
    """Written out by hand: ``_baris`` is the physical line, empty lines counted, not landed."""
    assert same(tmp_path, ("\n" + lines(3) + "\n  \n" + lines(2)).encode()) is True
    raw, rows = read(tmp_path, True)
    assert [(r[0], r[2]) for r in rows] == [(2, "B1"), (3, "B2"), (4, "B3"), (7, "B1"), (8, "B2")]
    assert (raw.rows, raw.blank_rows, raw.physical_rows) == (5, 3, 8)


def test_required_key_never_present_fails_alike(tmp_path):
    content = '{"bukti_id": "B1", "periode": "2025-TW1", "jenis": "Berkas", "lokasi": "x"}\n'
    assert same(tmp_path, content.encode()) is False
    assert read(tmp_path, True) == "Berkas 'bukti_dukung.jsonl': kolom wajib tidak ada: indikator_id."


def test_windows_1252_and_invalid_bytes_go_to_the_python_reader(tmp_path):
    cp1252 = (B + obj(lokasi="Caf\xe9") + "\n").encode("cp1252")
    assert same(tmp_path, cp1252) is False
    stray = (B + obj(lokasi="é") + "\n").encode() + b'{"bukti_id": "x\x81y"}\n'
    assert same(tmp_path, stray) is False


def test_many_blocks_with_empty_lines(tmp_path):
    """Empty lines at random places of a file read in several 1 MB blocks keep their numbers."""
    rng = random.Random(7)
    text = "".join(ROW.format(i=i, d=1) + "\n" * rng.choice([1] * 30 + [2, 3]) for i in range(40000))
    assert len(text) > 3 << 20
    assert same(tmp_path, text.encode()) is True


PIECES: list[object] = [
    "Uraian biasa",
    "",
    "   ",
    " spasi ",
    "Ü ñ 日本",
    "\u00a0nbsp",
    "a\nb",
    'kutip "x"',
    "x, }",
    None,
    7,
    -0,
    True,
    1.5,
    ["a"],
]


def test_random_mixtures_agree(tmp_path):
    """Random files of the pieces above (and missing, unknown or reordered keys, empty lines,
    broken lines, CRLF): both paths agree on every one, and the fast path takes a fair share."""
    rng = random.Random(20261204)
    taken = 0
    for _ in range(150):
        newline = rng.choice(["\n", "\r\n"])
        records = []
        for i in range(rng.randint(0, 12)):
            keys = [k for k in KEYS if rng.random() < 0.97]
            rng.shuffle(keys) if rng.random() < 0.2 else None
            values = {k: f"{k}-{i}" if rng.random() < 0.8 else rng.choice(PIECES) for k in keys}
            if rng.random() < 0.03:
                values["lain"] = "x"
            records.append(json.dumps(values, ensure_ascii=rng.random() < 0.3))
            if rng.random() < 0.04:
                records.append(rng.choice(["", "", "  ", "[1]", '{"bukti_id": ']))
        text = newline.join(records) + newline * rng.choice([0, 1, 1, 2])
        taken += same(tmp_path, text.encode())
    assert 15 <= taken < 150


PLAIN_PIECES: list[object] = [
    "Uraian biasa",
    "",
    "   ",
    "\t spasi \n",
    "Ü ñ 日本 😀",
    "\u00a0nbsp\u3000",
    'kutip "x" \\ garis',
    "x, }",
    ": titik dua",
    None,
    7,
    -0,
    False,
]


def test_random_plain_mixtures_take_the_fast_path(tmp_path):
    """Random files of values the fast path accepts (strings with spaces, escapes and non-ASCII
    characters, null, integers, booleans; missing or reordered keys; empty lines; CRLF): both
    paths agree and, when a required column occurs, the fast path reads the file."""
    rng = random.Random(42)
    for _ in range(100):
        newline = rng.choice(["\n", "\r\n"])
        records = []
        for i in range(rng.randint(1, 15)):
            keys = [k for k in KEYS if i == 0 or rng.random() < 0.9]
            rng.shuffle(keys) if rng.random() < 0.3 else None
            values = {k: f"{k}-{i}" if rng.random() < 0.6 else rng.choice(PLAIN_PIECES) for k in keys}
            records.append(json.dumps(values, ensure_ascii=rng.random() < 0.2))
            if rng.random() < 0.1:
                records.append("")
        text = newline.join(records) + newline * rng.choice([0, 1, 2])
        assert same(tmp_path, text.encode()) is True


def test_lone_surrogate_is_quarantined_not_a_crash(tmp_path: Path) -> None:
    """JSON may escape a lone surrogate ("\\ud800"), which no UTF-8 text can hold: that line is
    a defect row with its reason, the others are accepted, and every line is accounted for."""
    bad = '{"bukti_id": "B9", "indikator_id": "I1", "periode": "2025-TW1", "jenis": "\\udc80x"}'
    (tmp_path / "bukti_dukung.jsonl").write_text(lines(2) + bad + "\n" + lines(1), "utf-8")
    raw, rows = read(tmp_path, False)
    assert (raw.physical_rows, raw.rows, raw.defective_rows) == (4, 4, 1)
    defect = [r for r in rows if r[0] == 3]
    assert len(defect) == 1 and "surrogate" in " ".join(str(x) for x in defect[0])
    assert same(tmp_path, (tmp_path / "bukti_dukung.jsonl").read_bytes()) is False


def test_a_file_landed_in_one_statement_reports_progress(tmp_path, monkeypatch):
    """The fast path lands a file in one INSERT; the reader's progress callback still hears
    from it while it runs (DuckDB's estimate, polled) and once with the rows landed."""
    from transforms.ingest import native

    monkeypatch.setattr(native, "PROGRESS_SECONDS", 0.01)
    path = tmp_path / "bukti_dukung.jsonl"
    path.write_text(lines(300_000), encoding="utf-8")
    heard: list[int] = []
    con = duckdb.connect()
    settings = "current_setting('enable_progress_bar'), current_setting('enable_progress_bar_print')"
    before = con.sql(f"SELECT {settings}").fetchall()
    raw = read_raw(con, "bukti_dukung", [SourceFile("bukti_dukung", path, "jsonl")], tmp_path,
                   heard.append)  # fmt: skip
    assert raw.fast_files == ["bukti_dukung.jsonl"]
    assert heard[-1] == 300_000
    assert heard == sorted(heard) and len(heard) >= 2  # some report came while it ran
    assert con.sql(f"SELECT {settings}").fetchall() == before  # DuckDB's own bar as it was
