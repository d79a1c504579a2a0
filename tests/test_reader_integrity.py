"""Raw readers lose no row: every physical line of a file is a record, a blank line, or a line
continuing a quoted field, and physical_rows (counted from the bytes) says how many there are.

Expected values are literals worked out from the files written here, never from the readers.
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest
import xlsxwriter

from transforms.contract import REQUIRED_TABLES, TABLE_BY_NAME
from transforms.ingest import csv_form, json_form, native, text, xlsx_form
from transforms.ingest.bundle import BundleError, SourceFile, open_bundle
from transforms.ingest.readers import RawTable, count_lines, read_raw

RHK_HEADER = "rhk_id,skp_id,jenis,uraian,rhk_atasan_id,jenis_cascading,perspektif\n"


@pytest.fixture(params=["default", "small_chunks"])
def chunking(request, monkeypatch):
    """Run a test with the default sizes and with tiny ones (chunk and batch edges everywhere)."""
    if request.param == "small_chunks":
        monkeypatch.setattr(text, "_CHUNK", 7)  # bytes per read: lines and UTF-8 split
        monkeypatch.setattr(csv_form, "_CHUNK_ROWS", 2)
        for form in (csv_form, native, json_form, xlsx_form):
            monkeypatch.setattr(form, "BATCH_ROWS", 3)
    return request.param


def read(con, table: str, path: Path, form: str = "csv", sheet: str | None = None) -> RawTable:
    return read_raw(con, table, [SourceFile(table, path, form, sheet)], path.parent)


def rows(con, table: str, cols: str, where: str = "true") -> list[tuple]:
    return con.sql(f"SELECT {cols} FROM raw_{table} WHERE {where} ORDER BY _baris").fetchall()


def count(con, table: str, where: str) -> int:
    return con.sql(f"SELECT count(*) FROM raw_{table} WHERE {where}").fetchall()[0][0]


def counts(raw: RawTable) -> tuple[int, int, int, int, int, int]:
    """(physical, rows, blank, continuation, defective, repaired)."""
    return (
        raw.physical_rows,
        raw.rows,
        raw.blank_rows,
        raw.continuation_rows,
        raw.defective_rows,
        raw.repaired_rows,
    )


def rhk_lines(n: int) -> list[str]:
    """Data lines R001 .. Rnnn, each a complete record of 7 fields."""
    return [f"R{i:03d},S001,Utama,Uraian {i},,,\n" for i in range(1, n + 1)]


# --------------------------------------------------------------------------- physical lines


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", (0, b"\n")),
        (b"a", (1, b"\n")),
        (b"a\n", (1, b"\n")),
        (b"a\nb", (2, b"\n")),
        (b"\n\n\n", (3, b"\n")),
        (b"a\r\nb\r\n", (2, b"\n")),
        (b"a\rb\r", (2, b"\r")),
        (b"a\rb", (2, b"\r")),
        (b"a\rb\nc", (2, b"\n")),  # a lone CR in an LF file is not a line break
    ],
)
def test_count_lines_from_bytes(tmp_path, data, expected):
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    assert count_lines(path) == expected


# --------------------------------------------------------------------------- stray quotes


def test_stray_quote_at_field_start_swallows_to_end_of_file(con, tmp_path, chunking):
    """Line 101 opens a quote never closed: only that line is quarantined, 150 rows after it
    are recovered (the old reader gave one record holding the rest of the file)."""
    lines = rhk_lines(250)
    lines[99] = 'R100,S001,Utama,Uraian 100,,,"lihat catatan\n'  # physical line 101
    path = tmp_path / "rhk.csv"
    path.write_text(RHK_HEADER + "".join(lines), encoding="utf-8")
    raw = read(con, "rhk", path)
    assert counts(raw) == (250, 250, 0, 0, 1, 0)
    assert rows(con, "rhk", "_baris, rhk_id, _ekstra, _cacat", "_cacat IS NOT NULL") == [
        (
            100,
            None,
            json.dumps({"_mentah": 'R100,S001,Utama,Uraian 100,,,"lihat catatan'}),
            "Tanda kutip tidak tertutup di baris fisik 101: baris ini menelan baris fisik "
            "102–251 sampai akhir berkas; baris ini dikarantina, baris sesudahnya dibaca ulang.",
        )
    ]
    accepted = rows(con, "rhk", "_baris, rhk_id, uraian", "_cacat IS NULL")
    assert len(accepted) == 249
    assert accepted[98:101] == [
        (99, "R099", "Uraian 99"),
        (101, "R101", "Uraian 101"),
        (102, "R102", "Uraian 102"),
    ]
    assert accepted[-1] == (250, "R250", "Uraian 250")
    assert con.sql("SELECT max(length(uraian)) FROM raw_rhk").fetchall() == [(10,)]


def test_stray_quote_closed_later_is_a_swallow_not_a_record(con, tmp_path, chunking):
    """The quote opened on line 101 closes cleanly on line 151 ('24",'): no csv error, but the
    field holds lines shaped like data rows, so line 101 is quarantined and 102-151 re-read."""
    lines = rhk_lines(250)
    lines[99] = 'R100,S001,Utama,Uraian 100,,,"lihat catatan\n'
    lines[149] = 'R150,S001,Utama,Monitor 24",,,\n'  # physical line 151
    path = tmp_path / "rhk.csv"
    path.write_text(RHK_HEADER + "".join(lines), encoding="utf-8")
    raw = read(con, "rhk", path)
    assert counts(raw) == (250, 250, 0, 0, 1, 0)
    assert rows(con, "rhk", "_baris, _cacat", "_cacat IS NOT NULL") == [
        (
            100,
            "Tanda kutip tidak tertutup di baris fisik 101: baris ini menelan baris fisik "
            "102–151; baris ini dikarantina, baris sesudahnya dibaca ulang.",
        )
    ]
    assert rows(con, "rhk", "_baris, rhk_id, uraian", "_baris IN (101, 149, 150, 151)") == [
        (101, "R101", "Uraian 101"),
        (149, "R149", "Uraian 149"),
        (150, "R150", 'Monitor 24"'),  # a quote inside an unquoted field is text
        (151, "R151", "Uraian 151"),
    ]


def test_closing_quote_followed_by_text_is_quarantined_not_shifted(con, tmp_path, chunking):
    text = RHK_HEADER + (
        "R001,S001,Utama,Uraian 1,,,\n"
        'R002,S001,Utama,"12" Dokumen,,,\n'
        "R003,S001,Utama,Uraian 3,,,\n"
        'R004,S001,Utama,"Uraian ""4"", lengkap",,,\n'
        'R005,S001,Utama,"tanpa penutup,,,\n'  # the last line: quote open at end of file
    )
    path = tmp_path / "rhk.csv"
    path.write_text(text, encoding="utf-8")
    raw = read(con, "rhk", path)
    assert counts(raw) == (5, 5, 0, 0, 2, 0)
    assert rows(con, "rhk", "_baris, rhk_id, uraian, _ekstra, _cacat") == [
        (1, "R001", "Uraian 1", None, None),
        (
            2,
            None,
            None,
            json.dumps({"_mentah": 'R002,S001,Utama,"12" Dokumen,,,'}),
            "Tanda kutip penutup di baris fisik 3 diikuti teks lain, bukan pemisah ',' atau "
            'akhir baris (misalnya "12" Dokumen); baris ini dikarantina.',
        ),
        (3, "R003", "Uraian 3", None, None),
        (4, "R004", 'Uraian "4", lengkap', None, None),
        (
            5,
            None,
            None,
            json.dumps({"_mentah": 'R005,S001,Utama,"tanpa penutup,,,'}),
            "Tanda kutip tidak tertutup di baris fisik 6 (baris terakhir berkas); "
            "baris ini dikarantina.",
        ),
    ]


def test_stray_quote_then_quote_followed_by_text(con, tmp_path, chunking):
    """Line 3 opens a quote that line 5 closes with text after it: line 3 is quarantined,
    lines 4-5 read again (line 5 is then a broken line of its own)."""
    text = RHK_HEADER + (
        "R001,S001,Utama,Uraian 1,,,\n"
        'R002,S001,Utama,"Uraian 2,,,\n'
        "R003,S001,Utama,Uraian 3,,,\n"
        'R004,S001,Utama,"12" Dokumen,,,\n'
        "R005,S001,Utama,Uraian 5,,,\n"
    )
    path = tmp_path / "rhk.csv"
    path.write_text(text, encoding="utf-8")
    raw = read(con, "rhk", path)
    assert counts(raw) == (5, 5, 0, 0, 2, 0)
    assert rows(con, "rhk", "_baris, rhk_id, _cacat") == [
        (1, "R001", None),
        (
            2,
            None,
            "Tanda kutip di baris fisik 3 membuka sel yang menelan baris fisik 4–5 lalu "
            "ditutup di tengah teks; baris ini dikarantina, baris sesudahnya dibaca ulang.",
        ),
        (3, "R003", None),
        (
            4,
            None,
            "Tanda kutip penutup di baris fisik 5 diikuti teks lain, bukan pemisah ',' atau "
            'akhir baris (misalnya "12" Dokumen); baris ini dikarantina.',
        ),
        (5, "R005", None),
    ]


@pytest.fixture
def small_field_limit(monkeypatch):
    """A 1000-character field limit; the csv module's process-wide limit is restored after."""
    before = csv.field_size_limit()
    monkeypatch.setattr(csv_form, "_CSV_FIELD_LIMIT", 1000)
    yield
    csv.field_size_limit(before)


def test_field_over_the_size_limit_names_its_physical_lines(con, tmp_path, small_field_limit):
    lines = [f"R{i:03d},S001,Utama,{'u' * 30},,,\n" for i in range(1, 61)]  # 50 characters each
    lines[5] = 'R006,S001,Utama,"x\n'  # physical line 7 opens a field: "x\n" = 2 characters
    lines[39] = f"R040,S001,Utama,{'y' * 1500},,,\n"  # physical line 41: one huge field
    path = tmp_path / "rhk.csv"
    path.write_text(RHK_HEADER + "".join(lines), encoding="utf-8")
    raw = read(con, "rhk", path)
    assert counts(raw) == (60, 60, 0, 0, 2, 0)
    # 2 + 50 * 19 = 952 characters after line 26; the 1001st arrives on line 27
    assert rows(con, "rhk", "_baris, _cacat", "_cacat IS NOT NULL") == [
        (
            6,
            "Sel yang dimulai di baris fisik 7 melebihi 1000 bita di baris fisik 27 (tanda "
            "kutip tidak tertutup?); baris ini dikarantina, baris sesudahnya dibaca ulang.",
        ),
        (40, "Ada sel lebih dari 1000 bita di baris fisik 41; baris ini dikarantina."),
    ]
    assert count(con, "rhk", "rhk_id IS NOT NULL") == 58


def test_default_field_limit_is_64_mb():
    assert csv_form._CSV_FIELD_LIMIT == 64 << 20
    assert csv_form._size_text(csv_form._CSV_FIELD_LIMIT) == "64 MB"


def test_lone_cr_outside_quotes_quarantines_its_line(con, tmp_path):
    text = RHK_HEADER + "R001,S001,Utama,Uraian\r1,,,\nR002,S001,Utama,Uraian 2,,,\n"
    path = tmp_path / "rhk.csv"
    path.write_bytes(text.encode())
    raw = read(con, "rhk", path)
    assert counts(raw) == (2, 2, 0, 0, 1, 0)
    assert rows(con, "rhk", "_baris, rhk_id, _cacat") == [
        (
            1,
            None,
            "Ada CR atau LF tersendiri di baris fisik 2, di luar tanda kutip; "
            "baris ini dikarantina.",
        ),
        (2, "R002", None),
    ]


def test_header_breaking_csv_syntax_is_fatal(con, tmp_path):
    path = tmp_path / "rhk.csv"
    path.write_text('rhk_id,"skp_id" x,jenis,uraian\nR1,S1,Utama,U\n', encoding="utf-8")
    with pytest.raises(BundleError) as e:
        read(con, "rhk", path)
    assert e.value.pesan == (
        "Berkas 'rhk.csv': baris judul (baris fisik 1) bukan CSV yang valid: Tanda kutip "
        "penutup di baris fisik 1 diikuti teks lain, bukan pemisah ',' atau akhir baris "
        '(misalnya "12" Dokumen).'
    )


# --------------------------------------------------------------------------- multi-line fields


def test_legit_multi_line_fields_are_one_record(con, tmp_path, chunking):
    text = RHK_HEADER + (
        'R001,S001,Utama,"Analis ""SDM""\nAhli Muda",,,\n'
        'R002,S001,Tambahan,"Baik, lanjutkan\nperbaiki laporan",,,\n'
        'R003,S001,Utama,"satu\ndua\ntiga",,,\n'
        '"R0\n04",S001,Utama,awal sel pertama,,,\n'  # last line holds width-1 delimiters
        "R005,S001,Utama,Uraian 5,,,\n"
    )
    path = tmp_path / "rhk.csv"
    path.write_text(text, encoding="utf-8")
    raw = read(con, "rhk", path)
    assert counts(raw) == (10, 5, 0, 5, 0, 0)
    assert rows(con, "rhk", "_baris, rhk_id, jenis, uraian, _cacat") == [
        (1, "R001", "Utama", 'Analis "SDM"\nAhli Muda', None),
        (2, "R002", "Tambahan", "Baik, lanjutkan\nperbaiki laporan", None),
        (3, "R003", "Utama", "satu\ndua\ntiga", None),
        (4, "R0\n04", "Utama", "awal sel pertama", None),
        (5, "R005", "Utama", "Uraian 5", None),
    ]


@pytest.mark.parametrize(("newline", "name"), [("\r\n", "crlf"), ("\r", "cr")])
def test_crlf_and_cr_only_files(con, tmp_path, chunking, newline, name):
    lines = [
        "rhk_id;skp_id;jenis;uraian",
        "R001;S001;Utama;Uraian satu",
        "",
        f'R002;S001;Utama;"baris{newline}kedua"',
        "R003;S001;Utama;Uraian tiga",  # no line break after the last line
    ]
    path = tmp_path / "rhk.csv"
    path.write_bytes(newline.join(lines).encode())
    raw = read(con, "rhk", path)
    assert (raw.delimiter, raw.encoding) == (";", "utf-8")
    assert counts(raw) == (5, 3, 1, 1, 0, 0)
    assert rows(con, "rhk", "_baris, rhk_id, uraian") == [
        (1, "R001", "Uraian satu"),
        (3, "R002", f"baris{newline}kedua"),
        (4, "R003", "Uraian tiga"),
    ]


def test_other_separators_are_not_line_breaks(con, tmp_path, chunking):
    """Form feed, NEL, U+2028, U+2029 and a lone CR inside quotes stay inside their field:
    only LF (CR in a CR-only file) ends a physical line."""
    text = RHK_HEADER + (
        "R001,S001,Utama,hal\x0cbaru,,,\n"
        "R002,S001,Utama,a\x85b\u2028c\u2029d,,,\n"
        'R003,S001,Utama,"satu\rdua",,,\n'
    )
    path = tmp_path / "rhk.csv"
    path.write_text(text, encoding="utf-8")
    raw = read(con, "rhk", path)
    assert counts(raw) == (3, 3, 0, 0, 0, 0)
    assert rows(con, "rhk", "_baris, uraian") == [
        (1, "hal\x0cbaru"),
        (2, "a\x85b\u2028c\u2029d"),
        (3, "satu\rdua"),
    ]


def test_sep_line_and_blank_lines_before_the_header(con, tmp_path):
    text = "sep=;\r\n\r\n  \r\nnip;tahun;kategori_potensi\r\n198609262015051001;2025;Tinggi\r\n"
    path = tmp_path / "potensi.csv"
    path.write_text(text, encoding="utf-8")
    raw = read(con, "potensi", path)
    assert (raw.delimiter, counts(raw)) == (";", (1, 1, 0, 0, 0, 0))
    assert rows(con, "potensi", "_baris, nip, kategori_potensi") == [
        (1, "198609262015051001", "Tinggi")
    ]


def test_blank_lines_of_every_kind(con, tmp_path, chunking):
    text = (
        "nip,tahun,nilai_dasar,ekspektasi_khusus,umpan_balik\n"
        "198609262015051001,2025,Akuntabel,,Baik\n"
        "\n"  # empty
        "   \t\n"  # whitespace only
        ",,,,\n"  # delimiters, header width
        ",,\n"  # fewer delimiters
        ",,,,,,,,\n"  # more delimiters
        " , ,, ,\n"  # delimiters and spaces
        '"","",""\n'  # quoted empty fields
        "198609262015051002,2025,Loyal,,\n"
    )
    path = tmp_path / "perilaku.csv"
    path.write_text(text, encoding="utf-8")
    raw = read(con, "perilaku", path)
    assert counts(raw) == (9, 2, 7, 0, 0, 0)
    assert rows(con, "perilaku", "_baris, nip, nilai_dasar") == [
        (1, "198609262015051001", "Akuntabel"),
        (9, "198609262015051002", "Loyal"),
    ]


# --------------------------------------------------------------------------- encodings


PERILAKU = b"nip,tahun,nilai_dasar,ekspektasi_khusus,umpan_balik\n"


def test_utf8_file_with_two_windows_1252_bytes(con, tmp_path, chunking):
    body = [
        "198609262015051001,2025,Akuntabel,Café,Baik\n".encode(),  # valid non-ASCII UTF-8
        b"198609262015051002,2025,Loyal,Ja\x92far,Baik\n",  # physical line 3: cp1252 quote
        "198609262015051003,2025,Adaptif,Sa’diyah,Baik\n".encode(),
        b"198609262015051004,2025,Harmonis,\x93Baik\x94 dan Caf\xc3\xa9,Baik\n",  # line 5
        b"198609262015051005,2025,Kompeten,,Baik\n",
    ]
    path = tmp_path / "perilaku.csv"
    path.write_bytes(PERILAKU + b"".join(body))
    raw = read(con, "perilaku", path)
    assert (raw.encoding, counts(raw)) == ("utf-8", (5, 5, 0, 0, 0, 2))
    assert rows(con, "perilaku", "_baris, ekspektasi_khusus, _catatan") == [
        (1, "Café", None),
        (2, "Ja’far", "Baris fisik 3: 1 bita Windows-1252 di berkas UTF-8 diperbaiki (’)."),
        (3, "Sa’diyah", None),
        (
            4,
            "“Baik” dan Café",
            "Baris fisik 5: 2 bita Windows-1252 di berkas UTF-8 diperbaiki (“, ”).",
        ),
        (5, None, None),
    ]


def test_windows_1252_file_is_decoded_whole_without_notes(con, tmp_path, chunking):
    text = (
        "nip,tahun,nilai_dasar,ekspektasi_khusus,umpan_balik\n"
        "198609262015051001,2025,Akuntabel,Ja’far,Baik\n"
        "198609262015051002,2025,Loyal,«Café» – Sa’diyah,Baik\n"
    )
    path = tmp_path / "perilaku.csv"
    path.write_bytes(text.encode("cp1252"))
    raw = read(con, "perilaku", path)
    assert (raw.encoding, counts(raw)) == ("cp1252", (2, 2, 0, 0, 0, 0))
    assert rows(con, "perilaku", "_baris, ekspektasi_khusus, _catatan") == [
        (1, "Ja’far", None),
        (2, "«Café» – Sa’diyah", None),
    ]


def test_byte_undefined_in_windows_1252_makes_its_line_defective(con, tmp_path, chunking):
    body = [
        "198609262015051001,2025,Akuntabel,Café,Baik\n".encode(),
        b"198609262015051002,2025,Loyal,Ja\x81far,Baik\n",  # physical line 3
        b"198609262015051003,2025,Adaptif,,Baik\n",
    ]
    path = tmp_path / "perilaku.csv"
    path.write_bytes(PERILAKU + b"".join(body))
    raw = read(con, "perilaku", path)
    assert (raw.encoding, counts(raw)) == ("utf-8", (3, 3, 0, 0, 1, 0))
    assert rows(con, "perilaku", "_baris, nip, _ekstra, _cacat, _catatan") == [
        (1, "198609262015051001", None, None, None),
        (
            2,
            None,
            json.dumps({"_mentah": "198609262015051002,2025,Loyal,Ja\\x81far,Baik"}),
            "Baris fisik 3 memuat bita 0x81 yang bukan karakter UTF-8 maupun Windows-1252.",
            None,
        ),
        (3, "198609262015051003", None, None, None),
    ]


def test_windows_1252_file_with_an_undefined_byte(con, tmp_path):
    body = (
        b"198609262015051001,2025,Akuntabel,Ja\x92far,Baik\n198609262015051002,2025,Loyal,\x8d,\n"
    )
    path = tmp_path / "perilaku.csv"
    path.write_bytes(PERILAKU + body)
    raw = read(con, "perilaku", path)
    assert (raw.encoding, counts(raw)) == ("cp1252", (2, 2, 0, 0, 1, 0))
    assert rows(con, "perilaku", "_baris, ekspektasi_khusus, _cacat") == [
        (1, "Ja’far", None),
        (2, None, "Baris fisik 3 memuat bita 0x8D yang bukan karakter UTF-8 maupun Windows-1252."),
    ]


# --------------------------------------------------------------------------- control bytes


def test_nul_in_a_big_text_file_makes_one_row_defective(con, tmp_path):
    lines = [f"R{i:04d},S001,Utama,Uraian kegiatan nomor {i},,,\n" for i in range(1, 3001)]
    lines[2499] = "R2500,S001,Utama,Uraian\x00rusak,,,\n"  # physical line 2501, past 64 KB
    lines[2599] = 'R2600,S001,Utama,"dua\nba\x1bris",,,\n'  # ESC on the 2nd line of a record
    path = tmp_path / "rhk.csv"
    path.write_text(RHK_HEADER + "".join(lines), encoding="utf-8")
    assert path.stat().st_size > 1 << 16
    raw = read(con, "rhk", path)
    assert counts(raw) == (3001, 3000, 0, 1, 2, 0)
    assert rows(con, "rhk", "_baris, _ekstra, _cacat", "_cacat IS NOT NULL") == [
        (
            2500,
            json.dumps({"_mentah": "R2500,S001,Utama,Uraian\x00rusak,,,"}),
            "Baris fisik 2501 berisi karakter kendali 0x00 (NUL).",
        ),
        (
            2600,
            json.dumps({"_mentah": 'R2600,S001,Utama,"dua\nba\x1bris",,,'}),
            "Baris fisik 2602 berisi karakter kendali 0x1B.",
        ),
    ]
    assert count(con, "rhk", "_cacat IS NULL AND contains(uraian, chr(0))") == 0
    assert rows(con, "rhk", "_baris, rhk_id", "_baris IN (2499, 2501, 2601)") == [
        (2499, "R2499"),
        (2501, "R2501"),
        (2601, "R2601"),
    ]


def test_a_single_nul_in_a_small_text_file_is_not_fatal(con, tmp_path):
    text = RHK_HEADER + "R001,S001,Utama,Uraian\x00satu,,,\n" + "".join(rhk_lines(4)[1:])
    path = tmp_path / "rhk.csv"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size == 183  # 1 control byte in 183: under 1%
    raw = read(con, "rhk", path)
    assert counts(raw) == (4, 4, 0, 0, 1, 0)


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4\nrhk_id,skp_id,jenis,uraian\n",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rhk_id,skp_id,jenis,uraian\n",
        b"rhk_id,skp_id,jenis,uraian\n" + b"R1,S1,Utama,\x01\x02\n" * 3,  # 6 in 72 bytes
    ],
)
def test_binary_head_is_still_fatal(con, tmp_path, content):
    path = tmp_path / "rhk.csv"
    path.write_bytes(content)
    with pytest.raises(BundleError) as e:
        read(con, "rhk", path)
    assert e.value.pesan == "Berkas 'rhk.csv' bukan berkas teks (berisi data biner)."


# --------------------------------------------------------------------------- JSON Lines


def test_jsonl_physical_line_numbers_blank_lines_and_defects(con, tmp_path, chunking):
    data = (
        b'{"bukti_id": "B1", "indikator_id": "I1", "periode": "2025-01", "jenis": "Tautan",'
        b' "lokasi": "https://contoh.go.id/1"}\n'
        b"\n"
        b"   \r\n"
        b'{"bukti_id": "B2", "indikator_id": "I1", "periode": "2025-02", "jenis": "Berkas",'
        b' "lokasi": "Caf\xc3\xa9.pdf"}\n'
        b'{"bukti_id": "B3", "indikator_id": "I1", "periode": "2025-03", "jenis": "Berkas",'
        b' "lokasi": "Ja\x92far.pdf"}\n'
        b'{"bukti_id": "B4", "indikator_id": "I1", "periode": "2025-04", "jenis": "Berkas",'
        b' "lokasi": "a\x00b"}\n'
        b"\n"
        b'{"bukti_id": "B5", "indikator_id": "I1", "periode": "2025-05", "jenis": "Tautan",'
        b' "lokasi": "x"}'
    )
    path = tmp_path / "bukti_dukung.jsonl"
    path.write_bytes(data)
    raw = read(con, "bukti_dukung", path, "jsonl")
    assert (raw.encoding, counts(raw)) == ("utf-8", (8, 5, 3, 0, 1, 1))
    assert rows(con, "bukti_dukung", "_baris, bukti_id, lokasi, _cacat, _catatan") == [
        (1, "B1", "https://contoh.go.id/1", None, None),
        (4, "B2", "Café.pdf", None, None),
        (
            5,
            "B3",
            "Ja’far.pdf",
            None,
            "Baris fisik 5: 1 bita Windows-1252 di berkas UTF-8 diperbaiki (’).",
        ),
        (6, None, None, "Baris fisik 6 berisi karakter kendali 0x00 (NUL).", None),
        (8, "B5", "x", None, None),
    ]


def test_empty_optional_jsonl_reads_as_no_rows(con, tmp_path):
    path = tmp_path / "bukti_dukung.jsonl"
    path.write_bytes(b"\n \n")
    raw = read(con, "bukti_dukung", path, "jsonl")
    assert counts(raw) == (2, 0, 2, 0, 0, 0)


# --------------------------------------------------------------------------- XLSX and SIASN


def test_xlsx_physical_rows_from_the_sheet_xml(con, tmp_path):
    """Leading empty rows and column, blank rows in the middle (one only formatted), a formatted
    empty row after the data: the XML count equals rows + blank rows as calamine reads them."""
    path = tmp_path / "ekspor.xlsx"
    wb = xlsxwriter.Workbook(path)
    bold = wb.add_format({"bold": True})
    ws = wb.add_worksheet("potensi")
    ws.write_blank(0, 0, None, bold)  # formatted, no value: not the header
    ws.write_row(2, 1, ["nip", "tahun", "kategori_potensi"])  # header on sheet row 3
    ws.write_row(3, 1, ["198609262015051001", "2025", "Tinggi"])
    ws.write_blank(4, 2, None, bold)
    ws.write_row(5, 1, ["198609262015051002", "2025", "Rendah"])
    ws.write_row(8, 1, ["198609262015051003", "2025", "Menengah"])
    ws.write_blank(10, 1, None, bold)  # formatted empty row after the data
    wb.close()
    raw = read(con, "potensi", path, "xlsx", "potensi")
    assert counts(raw) == (6, 3, 3, 0, 0, 0)  # sheet rows 4..9 under the header on row 3
    assert rows(con, "potensi", "_baris, nip, kategori_potensi") == [
        (1, "198609262015051001", "Tinggi"),
        (3, "198609262015051002", "Rendah"),
        (6, "198609262015051003", "Menengah"),
    ]


def test_xlsx_numbers_in_a_sheet_not_starting_at_column_a(con, tmp_path):
    """Numeric cells are re-read by column name: an index would count from column A."""
    path = tmp_path / "ekspor.xlsx"
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("potensi")
    ws.write_row(1, 2, ["nip", "tahun", "kategori_potensi", "skor_potensi"])
    ws.write_string(2, 2, "198609262015051001")
    ws.write_number(2, 3, 2025)
    ws.write_string(2, 4, "Tinggi")
    ws.write_number(2, 5, 87.25)
    wb.close()
    raw = read(con, "potensi", path, "xlsx", "potensi")
    assert counts(raw) == (1, 1, 0, 0, 0, 0)
    assert rows(con, "potensi", "_baris, nip, tahun, kategori_potensi, skor_potensi") == [
        (1, "198609262015051001", "2025", "Tinggi", "87.25")
    ]


def test_xlsx_inline_strings_and_several_sheets(con, tmp_path):
    """constant_memory writes inline strings (<is>); the sheet is found by name, not order."""
    path = tmp_path / "ekspor.xlsx"
    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    wb.add_worksheet("Petunjuk").write_string(0, 0, "bukan tabel")
    ws = wb.add_worksheet("potensi")
    ws.write_row(0, 0, ["nip", "tahun", "kategori_potensi"])
    ws.write_row(1, 0, ["198609262015051001", "2025", "Tinggi"])
    ws.write_row(4, 0, ["198609262015051002", "2025", "Rendah"])
    wb.close()
    raw = read(con, "potensi", path, "xlsx", "potensi")
    assert counts(raw) == (4, 2, 2, 0, 0, 0)


def test_siasn_physical_rows_are_the_array_elements(con, tmp_path):
    path = tmp_path / "riwayat_skp.json"
    item = {
        "nip": "198609262015051001", "tahun": 2024, "hasilKinerja": "SESUAI EKSPEKTASI",
        "perilakuKerja": "SESUAI EKSPEKTASI", "kuadranKinerja": "BAIK",
        "nipNrpPenilai": "197001011995031002", "statusPenilai": "ASN",
    }  # fmt: skip
    path.write_text(json.dumps([item, "rusak", item]), encoding="utf-8")
    raw = read(con, "riwayat_skp", path, "siasn_json")
    assert counts(raw) == (3, 3, 0, 0, 1, 0)


# --------------------------------------------------------------------------- discovery


def required_bundle(root: Path) -> Path:
    root.mkdir(parents=True)
    for t in REQUIRED_TABLES:
        cols = [c.name for c in TABLE_BY_NAME[t].columns if c.required]
        (root / f"{t}.csv").write_text(",".join(cols) + "\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("content", [b"", b" \r\n\t\n", b"\xef\xbb\xbf\n"])
def test_empty_required_csv_fails_at_discovery(tmp_path, content):
    root = required_bundle(tmp_path / "ekspor")
    (root / "rhk.csv").write_bytes(content)
    with pytest.raises(BundleError) as e:
        open_bundle(root, tmp_path / "w")
    assert e.value.pesan == "Berkas 'rhk.csv' kosong: tidak ada baris judul."
    assert e.value.berkas == str(root / "rhk.csv")


def test_empty_jsonl_fails_at_discovery_only_for_a_required_table(tmp_path):
    root = required_bundle(tmp_path / "ekspor")
    (root / "bukti_dukung.jsonl").write_bytes(b"")
    assert open_bundle(root, tmp_path / "w").sources["bukti_dukung"][0].form == "jsonl"
    (root / "pegawai.csv").unlink()
    (root / "pegawai.jsonl").write_bytes(b"\n")
    with pytest.raises(BundleError) as e:
        open_bundle(root, tmp_path / "w")
    assert e.value.pesan == (
        "Berkas 'pegawai.jsonl' kosong: tabel wajib 'pegawai' tidak berisi satu baris pun."
    )


# --------------------------------------------------------------------------- random files

PIECES = [b"a", b"bc", b"12", b" ", b",", b",", b",", b";", b'"', b'""', b"\n", b"\n", b"\r\n",
          b"\r", b"\x92", b"\x81", "é".encode(), "’".encode(), b"\t", b"\x0c", b"x" * 20]  # fmt: skip


def random_csv(rng: random.Random) -> bytes:
    """A header line, then random text: quotes, delimiters, line breaks, odd bytes."""
    body = b"".join(rng.choice(PIECES) for _ in range(rng.randint(0, 300)))
    if rng.random() < 0.3:
        control = rng.choice([b"\x00", b"\x1b", b"\x0b"])
        body = b"ok,ok,ok,ok,,,\n" * 40 + body + control + body
    newline = rng.choice([b"\n", b"\r\n", b"\r"])
    data = RHK_HEADER.encode().rstrip(b"\n") + newline + body
    return data.replace(b"\n", b"") if newline == b"\r" else data


def test_random_files_balance(con, tmp_path, chunking):
    """Whatever the bytes, every physical line after the header is a record, a blank line or a
    continuation line: counted here by hand (the header is always exactly line 1)."""
    rng = random.Random(20251201)
    path = tmp_path / "rhk.csv"
    for _ in range(150 if chunking == "default" else 30):  # tiny chunks are slow
        data = random_csv(rng)
        path.write_bytes(data)
        newline = b"\r" if b"\n" not in data else b"\n"
        lines = data.count(newline) + (0 if data.endswith(newline) else 1)
        raw = read(con, "rhk", path)
        assert raw.physical_rows == lines - 1
        assert raw.rows + raw.blank_rows + raw.continuation_rows == lines - 1
        assert count(con, "rhk", "true") == raw.rows
        assert con.sql("SELECT count(DISTINCT _baris) FROM raw_rhk").fetchall() == [(raw.rows,)]
