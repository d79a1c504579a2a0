"""Restricted output: named follow-up lists per unit, kept out of the aggregate site."""

from __future__ import annotations

import re
import shutil
import textwrap
import zipfile
from importlib.resources import files

import duckdb
import openpyxl
import polars as pl
import pytest
from xlsxwriter.exceptions import InvalidWorksheetName

from pipelines.cli import main
from tests.conftest import PPPK, STAF_A, STAF_B, base_rows, write_bundle
from transforms.restricted import write_restricted_lists
from transforms.restricted_layout import SheetTable, _column, _lines, page_header, write_workbook
from transforms.restricted_sheets import SheetDeclarationError, discover_sheets, parse_sheet


def test_named_follow_up_lists_per_unit(tmp_path, bundle_rows):
    bundle_rows["pegawai"][2]["nama"] = '=HYPERLINK("http://contoh.invalid","klik")'
    bundle = write_bundle(tmp_path / "ekspor", bundle_rows)
    out = tmp_path / "hasil"
    assert main(["run", "--exports", str(bundle), "--out", str(out)]) == 0
    folder = out / "terbatas"
    index = pl.read_csv(folder / "daftar.csv")
    # U1: its head appraises U2's three (the "Konsistensi penilai" sheet names the evaluator)
    assert index.select("unor_id", "Tindak lanjut predikat", "Konsistensi penilai").rows() == [
        ("U1", 0, 1),
        ("U2", 2, 0),
    ]
    book = folder / index.filter(pl.col("unor_id") == "U2")["berkas"][0]
    rows = pl.read_excel(book, sheet_name="Tindak lanjut predikat", read_options={"header_row": 1})
    assert sorted(rows["NIP"].to_list()) == sorted([STAF_B, PPPK])
    assert set(rows["Predikat"]) == {"Butuh Perbaikan", "Kurang/Misconduct"}
    assert "Drs. Bambang Sutrisno, M.Si." in set(rows["Nama penilai"])
    # Export text is stored as text, never as a live formula (CSV/XLSX injection).
    with zipfile.ZipFile(book) as zf:
        sheets = [zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
        shared = zf.read("xl/sharedStrings.xml").decode()
    assert "=HYPERLINK(" in shared.replace("&quot;", '"')
    assert sheets and not any("<f>" in s or "<f " in s for s in sheets)
    assert "DATA PRIBADI" in (folder / "BACA_DULU.txt").read_text(encoding="utf-8")
    site = "".join(p.read_text(encoding="utf-8") for p in (out / "site").glob("*.html"))
    assert "terbatas" not in site and STAF_B not in site


# --- printable layout (openpyxl reads back what xlsxwriter wrote) and sheet discovery ---------

FORMULA = '=HYPERLINK("http://contoh.invalid","klik")'
HEADERS = {
    "Tindak lanjut predikat": [
        "NIP",
        "Nama",
        "Jabatan",
        "Jenis jabatan",
        "Periode",
        "Rating hasil kerja",
        "Rating perilaku kerja",
        "Predikat",
        "NIP penilai",
        "Nama penilai",
    ],
    "Temuan pegawai": [
        "NIP",
        "Nama",
        "Kode temuan",
        "Tingkat",
        "ID subjek",
        "Periode",
        "Keparahan",
        "Rincian",
    ],
    "Konsistensi penilai": [
        "Kode penilai",
        "NIP penilai",
        "Nama penilai",
        "Pegawai dinilai",
        "Kelonggaran",
        "Kelonggaran disusutkan",
        "Batas bawah 95%",
        "Batas atas 95%",
        "Kelebihan rating tengah",
        "Sinyal",
        "Penilai lain yang berbagi pegawai",
    ],
}


@pytest.fixture(scope="module")
def restricted_run(tmp_path_factory):
    """One run whose unit U2 has follow-up rows (one named like a formula), a finding with a
    long text (PREDIKAT_MISMATCH of STAF_A) and no evaluator; U1 has the evaluator."""
    root = tmp_path_factory.mktemp("terbatas")
    rows = base_rows()
    rows["pegawai"][2]["nama"] = FORMULA
    rows["penilaian"][0]["predikat"] = "Baik"  # matrix says Sangat Baik: PREDIKAT_MISMATCH
    out = root / "hasil"
    assert (
        main(["run", "--exports", str(write_bundle(root / "ekspor", rows)), "--out", str(out)]) == 0
    )
    return out


def _book(out, unor_id):
    index = pl.read_csv(out / "terbatas" / "daftar.csv")
    return openpyxl.load_workbook(
        out / "terbatas" / index.filter(pl.col("unor_id") == unor_id)["berkas"][0]
    )


def _width(ws, column: int) -> float:
    """Width of a 1-based column (xlsxwriter writes equal neighbours as one <col> range)."""
    for dim in ws.column_dimensions.values():
        if dim.min <= column <= dim.max:
            return dim.width
    raise AssertionError(f"no width for column {column}")


def test_every_sheet_is_printable_with_indonesian_headers(restricted_run):
    book = _book(restricted_run, "U2")
    assert book.sheetnames[:3] == [
        "Tindak lanjut predikat",
        "Temuan pegawai",
        "Konsistensi penilai",
    ]
    assert book.sheetnames == [s.name for s in discover_sheets()]
    for name, headers in HEADERS.items():
        ws = book[name]
        assert [c.value for c in ws[2]] == headers, name
        assert (
            ws["A1"].value
            == "TERBATAS — data pribadi. Bidang Mutasi dan Promosi — Pemerintah Kabupaten Sleman — 2025"
        )
        head = ws["A2"]
        assert head.font.b and head.fill.fgColor.rgb.endswith("DDE6F0") and head.border.bottom.style
        assert head.alignment.wrap_text and head.alignment.vertical == "center"
        setup = ws.page_setup
        assert setup.orientation == "landscape" and int(setup.paperSize) == 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert (
            int(setup.fitToWidth or 1) == 1 and int(setup.fitToHeight) == 0
        )  # omitted = 1 (OOXML)
        assert ws.print_title_rows == "$2:$2" and ws.freeze_panes == "A3"
        assert ws.oddHeader.left.text == "TERBATAS — data pribadi"
        assert (
            ws.oddHeader.center.text
            == "Bidang Mutasi dan Promosi — Pemerintah Kabupaten Sleman — 2025"
        )
        assert ws.oddHeader.right.text == "Halaman &P dari &N"
        last = chr(ord("A") + len(headers) - 1)
        assert ws.auto_filter.ref == f"A2:{last}{ws.max_row}"
    # an empty sheet keeps its header row, filter and print setup
    assert book["Konsistensi penilai"].max_row == 2
    assert book["Konsistensi penilai"].auto_filter.ref == "A2:K2"


def test_row_counts_widths_wrap_and_cell_types(restricted_run):
    con = duckdb.connect(str(restricted_run / "warehouse.duckdb"), read_only=True)
    book = _book(restricted_run, "U2")
    for sheet in discover_sheets():
        expected = (
            con.sql(sheet.query)
            .pl()
            .filter((pl.col("unor_id") == "U2") & (pl.col("tahun") == 2025))
        )
        assert book[sheet.name].max_row - 2 == expected.height, sheet.name
    con.close()
    assert (
        book["Tindak lanjut predikat"].max_row - 2 == 2 and book["Temuan pegawai"].max_row - 2 == 1
    )
    temuan = book["Temuan pegawai"]
    rincian, tingkat = (
        HEADERS["Temuan pegawai"].index("Rincian") + 1,
        HEADERS["Temuan pegawai"].index("Tingkat") + 1,
    )
    assert (
        temuan.cell(3, 4).value == "pegawai"
        and "PermenPANRB 6/2022" in temuan.cell(3, rincian).value
    )
    assert _width(temuan, rincian) == pytest.approx(50, abs=1)  # the wrap width
    assert _width(temuan, rincian) > _width(temuan, tingkat) + 30
    assert (
        temuan.cell(3, rincian).alignment.wrap_text
        and not temuan.cell(3, tingkat).alignment.wrap_text
    )
    assert temuan.row_dimensions[3].height > 15  # the wrapped text's row is tall enough to show it
    # a formula-looking name stays a text cell; numbers are numbers
    names = {c.value: c.data_type for c in book["Tindak lanjut predikat"]["B"][2:]}
    assert names[FORMULA] == "s"
    penilai = _book(restricted_run, "U1")["Konsistensi penilai"]
    assert penilai.cell(3, 4).data_type == "n" and penilai.cell(3, 4).value == 3
    assert penilai.cell(3, 2).data_type == "s"


def test_page_header_escapes_ampersands_and_fits_excel_limit():
    header = page_header("Bagian Umum & Keuangan " * 20, "Dinas A&B", 2025)
    assert len(header) <= 255
    assert header.startswith("&LTERBATAS — data pribadi&CBagian Umum && Keuangan")
    assert header.endswith("… — Dinas A&&B — 2025&RHalaman &P dari &N")
    assert page_header("Bidang & Seksi", "Dinas", 2025) == (
        "&LTERBATAS — data pribadi&CBidang && Seksi — Dinas — 2025&RHalaman &P dari &N"
    )


EXTRA_SHEET = """-- sheet: Uji tambahan
-- order: 15
-- uraian: lembar uji yang ditambahkan sebagai satu berkas.
-- kolom golongan_ruang: Golongan ruang
-- bungkus: jabatan
-- Prose after the declarations is free.
SELECT p._tahun AS tahun, u.instansi_nama, u.unor_id, u.unor_nama,
       p.nip, p.nama, p.jabatan, p.golongan AS golongan_ruang, p.jenis_asn
FROM stg.pegawai AS p JOIN stg.unit_kerja AS u ON u.unor_id = p.unor_id AND u._tahun = p._tahun
ORDER BY p.nip
"""


def test_a_new_sheet_is_one_file(restricted_run, tmp_path):
    folder = tmp_path / "lembar"
    shutil.copytree(files("transforms").joinpath("sql", "terbatas"), folder)
    (folder / "uji_tambahan.sql").write_text(EXTRA_SHEET, encoding="utf-8")
    sheets = discover_sheets(folder)
    names = [s.name for s in sheets]
    assert names[:4] == [
        "Tindak lanjut predikat",
        "Uji tambahan",
        "Temuan pegawai",
        "Konsistensi penilai",
    ]
    extra = sheets[1]
    assert extra.file == "terbatas/uji_tambahan.sql" and extra.wrap == {"jabatan"}
    con = duckdb.connect(str(restricted_run / "warehouse.duckdb"), read_only=True)
    index = write_restricted_lists(con, tmp_path / "terbatas", sheets)
    con.close()
    assert index.columns == ["tahun", "instansi_nama", "unor_id", "unor_nama", "berkas", *names]
    assert index.select("unor_id", "Uji tambahan").rows() == [("U1", 1), ("U2", 3)]
    ws = openpyxl.load_workbook(tmp_path / "terbatas" / index["berkas"][1])["Uji tambahan"]
    # declared, glossary (kolom.csv), and the code-name fallback
    assert [c.value for c in ws[2]] == ["NIP", "Nama", "Jabatan", "Golongan ruang", "Jenis asn"]
    assert ws.cell(3, 3).alignment.wrap_text and ws.print_title_rows == "$2:$2"
    readme = (tmp_path / "terbatas" / "BACA_DULU.txt").read_text(encoding="utf-8")
    assert '- "Uji tambahan": lembar uji yang ditambahkan sebagai satu berkas.' in readme


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-- order: 10\nSELECT 1", "no '-- sheet: <name>' line"),
        ("-- sheet: Uji\n-- order: sepuluh\nSELECT 1", "order 'sepuluh' is not a whole number"),
        ("-- sheet: Uji\n-- kolom nip NIP\nSELECT 1", "malformed sheet declaration"),
        ("-- sheet: Uji\n-- kolom nip:\nSELECT 1", "malformed sheet declaration"),
        (
            "-- sheet: Lembar yang namanya terlalu panjang sekali\nSELECT 1",
            "not a valid Excel sheet name",
        ),
        ("-- sheet: Uji/2\nSELECT 1", "not a valid Excel sheet name"),
        ("-- sheet: Uji\n-- sheet: Lain\nSELECT 1", "'sheet' declared twice"),
        (
            "-- sheet: Uji\n-- kolom nip: NIP\n-- kolom nip: NIP lagi\nSELECT 1",
            "column 'nip' declared twice",
        ),
    ],
)
def test_a_malformed_sheet_header_names_the_file(tmp_path, text, message):
    (tmp_path / "rusak.sql").write_text(text, encoding="utf-8")
    with pytest.raises(SheetDeclarationError, match=re.escape("terbatas/rusak.sql")) as err:
        discover_sheets(tmp_path)
    assert message in str(err.value)


def test_declarations_must_fit_the_query(restricted_run, tmp_path):
    con = duckdb.connect(str(restricted_run / "warehouse.duckdb"), read_only=True)
    bad = [
        (
            EXTRA_SHEET.replace("-- bungkus: jabatan", "-- bungkus: jabtan"),
            "declared columns not in the query: ['jabtan']",
        ),
        (EXTRA_SHEET.replace("u.unor_nama,", ""), "lacks the unit columns ['unor_nama']"),
        (
            EXTRA_SHEET.replace(
                "p.jenis_asn", "p.jenis_asn AS nama_2, p.nama AS nama_penilai"
            ).replace("-- bungkus", "-- kolom nama_2: Nama\n-- bungkus"),
            "share the header(s) ['Nama']",
        ),
    ]
    for i, (text, message) in enumerate(bad):
        sheet = parse_sheet("terbatas/uji.sql", text)
        with pytest.raises(SheetDeclarationError, match=re.escape(message)):
            write_restricted_lists(con, tmp_path / str(i), (sheet,))
    con.close()


# --- the fast paths write what the plain ones wrote ---------------------------------------------


def _parts(folder):
    """Every file under ``folder``: its bytes, a workbook as its XML parts (the creation time in
    docProps/core.xml differs per run and is left out)."""
    out = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        key = str(path.relative_to(folder))
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as zf:
                out[key] = {n: zf.read(n) for n in zf.namelist() if n != "docProps/core.xml"}
        else:
            out[key] = path.read_bytes()
    return out


def test_parallel_workers_write_the_serial_workbooks(restricted_run, tmp_path):
    con = duckdb.connect(str(restricted_run / "warehouse.duckdb"), read_only=True)
    serial = write_restricted_lists(con, tmp_path / "serial", workers=1)
    parallel = write_restricted_lists(con, tmp_path / "paralel", workers=2, min_parallel=1)
    con.close()
    assert parallel.equals(serial)
    assert parallel.select(
        "unor_id", "Tindak lanjut predikat", "Temuan pegawai", "Karier dan tindak lanjut"
    ).rows() == [("U1", 0, 0, 1), ("U2", 2, 1, 3)]
    files_written = _parts(tmp_path / "paralel")
    assert list(files_written) == [  # no temporary file is left behind
        "2025/pemerintah-kabupaten-sleman/u1_badan-kepegawaian-dan-pengembangan-sdm.xlsx",
        "2025/pemerintah-kabupaten-sleman/u2_bidang-mutasi-dan-promosi.xlsx",
        "BACA_DULU.txt",
        "daftar.csv",
    ]
    assert files_written == _parts(tmp_path / "serial")
    book = openpyxl.load_workbook(tmp_path / "paralel" / parallel["berkas"][1])
    follow_up = book["Tindak lanjut predikat"]
    assert [c.value for c in follow_up[3]][:2] == [STAF_B, FORMULA]
    assert [c.value for c in follow_up[4]][:2] == [PPPK, "Andi Nurul Fadhilah"]
    assert follow_up["H4"].value == "Kurang/Misconduct" and follow_up["B3"].data_type == "s"
    temuan = book["Temuan pegawai"]
    assert [c.value for c in temuan[3]][:4] == [
        STAF_A,
        "Siti Rahmawati, S.E.",
        "PREDIKAT_MISMATCH",
        "pegawai",
    ]
    assert temuan["H3"].alignment.wrap_text and temuan.row_dimensions[3].height > 15
    penilai = openpyxl.load_workbook(tmp_path / "paralel" / parallel["berkas"][0])[
        "Konsistensi penilai"
    ]
    assert [c.value for c in penilai[3]][:4] == [
        "P-0001",
        "197503122000031004",
        "Drs. Bambang Sutrisno, M.Si.",
        3,
    ]


def test_a_failed_workbook_leaves_no_file(tmp_path):
    table = SheetTable("Uji[1]", ["NIP"], pl.DataFrame({"nip": ["1"]}), frozenset())
    with pytest.raises(InvalidWorksheetName):
        write_workbook(tmp_path / "uji.xlsx", [table], "Unit — Instansi — 2025", "&LUji")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "pendek",
        "a" * 60,
        "a" * 61,
        "kata " * 30,
        "satu\ndua\r\ntiga",
        "tab\tdi " * 9,
        "\u2028pemisah\x0bbaris",
        "sangat-panjang-sekali-" * 4,
    ],
)
def test_line_estimate_matches_textwrap(text):
    for width in (8, 20, 50):
        capacity = max(1, int(width * 1.25) - 2)
        wrapped = sum(max(1, len(textwrap.wrap(p, capacity))) for p in text.splitlines() or [""])
        assert _lines(text, width) == wrapped, (text, width)
    assert _lines("kata " * 30, 50) == 3 and _lines("a" * 60, 50) == 1


def test_columns_as_written_and_their_widths():
    assert _column(pl.Series(["ab\ncdef", None, "xyz"])) == (["ab\ncdef", None, "xyz"], 4)
    assert _column(pl.Series(["satu", "", None])) == (["satu", "", None], 4)
    assert _column(pl.Series([1, None, -250])) == ([1, None, -250], 4)
    assert _column(pl.Series([1.5, float("nan"), None, 1e-7])) == ([1.5, None, None, 1e-7], 5)
    assert _column(pl.Series([True, False, None])) == (["ya", "tidak", None], 5)
    assert _column(pl.Series([None, None], dtype=pl.String)) == ([None, None], 0)
