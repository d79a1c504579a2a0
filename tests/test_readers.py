"""Bundle discovery and raw readers: every form, every BundleError, exact values and row numbers."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from transforms.contract import REQUIRED_TABLES, TABLE_BY_NAME
from transforms.ingest import csv_form, json_form, native, xlsx_form
from transforms.ingest.bundle import BundleError, SourceFile, open_bundle
from transforms.ingest.readers import nip_from_file_name, read_raw, sniff_delimiter

NIP = "19860926 201505 1 001"
NIP_DIGITS = "198609262015051001"


def rows(con, table: str, cols: str = "*") -> list[tuple]:
    return con.sql(f"SELECT {cols} FROM raw_{table} ORDER BY _sumber, _baris").fetchall()


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def csv_source(path: Path, table: str) -> list[SourceFile]:
    return [SourceFile(table, path, "csv")]


def header_only_bundle(root: Path, skip: tuple[str, ...] = ()) -> Path:
    """A bundle folder holding every required table as a CSV with its required header."""
    root.mkdir(parents=True, exist_ok=True)
    for t in REQUIRED_TABLES:
        if t not in skip:
            cols = [c.name for c in TABLE_BY_NAME[t].columns if c.required]
            write(root / f"{t}.csv", ",".join(cols) + "\n")
    return root


# --------------------------------------------------------------------------- CSV


def test_csv_comma_utf8_quotes_header_extras(con, tmp_path):
    text = (
        " NIP ,Nama,Jenis ASN,JENIS_JABATAN,jabatan,unor_id,Keterangan\n"
        f'"{NIP}","Siti Rahayu, S.Kom.",PNS,Fungsional,"Analis ""SDM""\nAhli Muda",U01,\n'
        "199001012019032002,  Budi Santoso  ,pppk,Pelaksana,Pengadministrasi,U02,pindahan\n"
        '198001012005011003,Dewi,PNS,Pengawas,Kasubbag,U01,""\n'
    )
    path = write(tmp_path / "pegawai.csv", text)
    raw = read_raw(con, "pegawai", csv_source(path, "pegawai"), tmp_path)
    assert (raw.rows, raw.encoding, raw.delimiter, raw.defective_rows) == (3, "utf-8", ",", 0)
    assert raw.extra_columns == ["Keterangan"]
    cols = [r[0] for r in con.sql("DESCRIBE raw_pegawai").fetchall()]
    assert cols == [
        "_baris",
        "_sumber",
        *TABLE_BY_NAME["pegawai"].column_names,
        "_ekstra",
        "_cacat",
        "_catatan",
    ]
    got = rows(con, "pegawai", "_baris, _sumber, nip, nama, jabatan, golongan, _ekstra, _cacat")
    assert got == [
        (1, "pegawai.csv", NIP, "Siti Rahayu, S.Kom.", 'Analis "SDM"\nAhli Muda', None, None, None),
        (2, "pegawai.csv", "199001012019032002", "Budi Santoso", "Pengadministrasi", None,
         '{"Keterangan": "pindahan"}', None),
        (3, "pegawai.csv", "198001012005011003", "Dewi", "Kasubbag", None, None, None),
    ]  # fmt: skip


def test_csv_semicolon_cp1252(con, tmp_path):
    text = (
        "unor_id;unor_nama;unor_induk_id;instansi_id;instansi_nama;nip_kepala\n"
        "U01;Bidang Pengembangan Kompetensi;;I01;Pemerintah Kabupaten Sleman;\n"
        'U02;Sub Bagian Umum ’Café’;U01;I01;"Pemkab Sleman; Bagian Umum";' + NIP + "\n"
    )
    path = write(tmp_path / "unit_kerja.csv", text, "cp1252")
    raw = read_raw(con, "unit_kerja", csv_source(path, "unit_kerja"), tmp_path)
    assert (raw.encoding, raw.delimiter, raw.rows) == ("cp1252", ";", 2)
    assert rows(
        con, "unit_kerja", "unor_id, unor_nama, unor_induk_id, instansi_nama, nip_kepala"
    ) == [
        ("U01", "Bidang Pengembangan Kompetensi", None, "Pemerintah Kabupaten Sleman", None),
        ("U02", "Sub Bagian Umum ’Café’", "U01", "Pemkab Sleman; Bagian Umum", NIP),
    ]


def test_csv_utf8_bom_and_semicolon_inside_quoted_header(con, tmp_path):
    text = 'nip;tahun;kategori_potensi;skor_potensi;"catatan; bebas"\r\n' + (
        f"{NIP};2025;Tinggi;87,5;é\r\n"
    )
    path = write(tmp_path / "potensi.csv", "\ufeff" + text)
    raw = read_raw(con, "potensi", csv_source(path, "potensi"), tmp_path)
    assert (raw.encoding, raw.delimiter, raw.rows) == ("utf-8-sig", ";", 1)
    assert rows(con, "potensi", "nip, tahun, skor_potensi, _ekstra") == [
        (NIP, "2025", "87,5", '{"catatan; bebas": "é"}')
    ]
    hinted = f'sep=,\r\nnip,tahun,kategori_potensi,skor_potensi\r\n{NIP},2025,Tinggi,"87,5"\r\n'
    write(tmp_path / "potensi.csv", hinted)  # Excel's "sep=" line: delimiter, not a row
    raw = read_raw(con, "potensi", csv_source(tmp_path / "potensi.csv", "potensi"), tmp_path)
    assert (raw.encoding, raw.delimiter, raw.rows) == ("utf-8", ",", 1)
    assert rows(con, "potensi", "_baris, nip, skor_potensi") == [(1, NIP, "87,5")]
    assert sniff_delimiter('"a,b,c";d;e\n1,2,3,4,5,6') == ";"
    assert sniff_delimiter("\n\nnip,nama;x,y\n") == ","


def test_csv_cp1252_detected_after_first_batches(con, tmp_path, monkeypatch):
    """An invalid UTF-8 byte late in the file: rows read so far are redone as Windows-1252."""
    for form in (csv_form, json_form, xlsx_form):
        monkeypatch.setattr(form, "BATCH_ROWS", 2)
    body = "".join(f"U{i:02d};Seksi {i};;I01;Pemkab Sleman;\n" for i in range(1, 7))
    text = "unor_id;unor_nama;unor_induk_id;instansi_id;instansi_nama;nip_kepala\n" + body
    text += "U07;Seksi Pelayanan ’Prima’ & Café;U01;I01;Pemkab Sleman;\n"
    path = write(tmp_path / "unit_kerja.csv", text, "cp1252")
    seen: list[int] = []
    raw = read_raw(con, "unit_kerja", csv_source(path, "unit_kerja"), tmp_path, seen.append)
    assert (raw.encoding, raw.rows) == ("cp1252", 7)
    got = rows(con, "unit_kerja", "_baris, unor_id, unor_nama")
    assert [g[0] for g in got] == list(range(1, 8))
    assert got[-1] == (7, "U07", "Seksi Pelayanan ’Prima’ & Café")
    assert seen[-1] == 7


def test_csv_ragged_row_blank_rows_and_row_numbers(con, tmp_path):
    text = (
        "nip,tahun,nilai_dasar,ekspektasi_khusus,umpan_balik\n"
        f"{NIP},2025,Akuntabel,,Baik\n"
        "199001012019032002,2025,Loyal,extra,field,too many\n"
        "\n"  # an empty line: blank record, skipped but keeps its number
        ",,,,\n"
        "199001012019032002,2025,Adaptif,,\n"
    )
    path = write(tmp_path / "perilaku.csv", text)
    raw = read_raw(con, "perilaku", csv_source(path, "perilaku"), tmp_path)
    assert (raw.rows, raw.defective_rows, raw.blank_rows) == (3, 1, 2)
    got = rows(con, "perilaku", "_baris, nip, nilai_dasar, umpan_balik, _ekstra, _cacat")
    assert got[0] == (1, NIP, "Akuntabel", "Baik", None, None)
    assert got[1][:4] == (2, None, None, None)
    assert json.loads(got[1][4]) == {
        "_mentah": ["199001012019032002", "2025", "Loyal", "extra", "field", "too many"]
    }
    assert got[1][5] == "Jumlah kolom 6, seharusnya 5 sesuai baris judul."
    assert got[2] == (5, "199001012019032002", "Adaptif", None, None, None)


def test_csv_batches_keep_order_and_report_progress(con, tmp_path, monkeypatch):
    for form in (csv_form, native, json_form, xlsx_form):
        monkeypatch.setattr(form, "BATCH_ROWS", 3)
    lines = "".join(f"IND{i:03d},2025-{i:02d},{i},,,\n" for i in range(1, 11))
    path = write(tmp_path / "realisasi.csv", "indikator_id,periode,realisasi,a,b,c\n" + lines)
    seen: list[int] = []
    raw = read_raw(con, "realisasi", csv_source(path, "realisasi"), tmp_path, seen.append)
    assert raw.rows == 10 and raw.extra_columns == ["a", "b", "c"]
    assert raw.fast_files == ["realisasi.csv"]  # a plain file: DuckDB's parser, same batches
    assert seen == [3, 6, 9, 10]
    assert rows(con, "realisasi", "_baris, indikator_id, realisasi") == [
        (i, f"IND{i:03d}", str(i)) for i in range(1, 11)
    ]


def test_csv_missing_required_column(con, tmp_path):
    path = write(tmp_path / "pegawai.csv", "NIP;jenis_asn;jenis_jabatan;unor_id\n1;PNS;x;U1\n")
    with pytest.raises(BundleError) as e:
        read_raw(con, "pegawai", csv_source(path, "pegawai"), tmp_path)
    assert e.value.pesan == "Berkas 'pegawai.csv': kolom wajib tidak ada: nama, jabatan."
    assert e.value.berkas == str(path)


def test_csv_duplicate_column(con, tmp_path):
    path = write(tmp_path / "potensi.csv", "nip,NIP,tahun,kategori_potensi\n1,2,2025,Tinggi\n")
    with pytest.raises(BundleError, match=r"Berkas 'potensi.csv': kolom ganda: nip\."):
        read_raw(con, "potensi", csv_source(path, "potensi"), tmp_path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Berkas 'skp.csv' kosong: tidak ada baris judul."),
        (b" \r\n\n", "Berkas 'skp.csv' kosong: tidak ada baris judul."),
        (b"\x00" * 64, "Berkas 'skp.csv' bukan berkas teks (berisi data biner)."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "Berkas 'skp.csv' bukan berkas teks"),
        ("skp_id,nip\n".encode("utf-16"), "Berkas 'skp.csv' berenkode UTF-16"),
        (
            b"skp_id\x81\n",
            "Berkas 'skp.csv': baris judul tidak dapat dibaca: Baris fisik 1 memuat bita 0x81 "
            "yang bukan karakter UTF-8 maupun Windows-1252.",
        ),
        (
            b"\xef\xbb\xbfskp_id\n\x92\n",
            "Berkas 'skp.csv': pengodean karakter tidak dikenali: berkas diawali BOM UTF-8 "
            "tetapi baris fisik 2 bukan UTF-8 yang valid.",
        ),
    ],
)
def test_csv_unreadable_files(con, tmp_path, content, message):
    path = tmp_path / "skp.csv"
    path.write_bytes(content)
    with pytest.raises(BundleError) as e:
        read_raw(con, "skp", csv_source(path, "skp"), tmp_path)
    assert e.value.pesan.startswith(message)
    assert e.value.berkas == str(path)


# --------------------------------------------------------------------------- XLSX


def make_workbook(path: Path) -> Path:
    wb = xlsxwriter.Workbook(path)
    date = wb.add_format({"num_format": "dd/mm/yyyy"})
    skp = wb.add_worksheet("SKP")
    skp.write_row(0, 0, ["skp_id", "NIP", "Tahun", "periode_mulai", "periode_selesai",
                         "pendekatan", "nip_penilai", "status", "Catatan Lain", "Nilai"])  # fmt: skip
    skp.write_string(1, 0, "SKP-001")
    skp.write_number(1, 1, 198609262015051001)  # Excel-mangled NIP
    skp.write_number(1, 2, 2025)
    skp.write_datetime(1, 3, dt.datetime(2025, 1, 1), date)
    skp.write_string(1, 4, "31 Desember 2025")
    skp.write_string(1, 5, " Kuantitatif ")
    skp.write_string(1, 6, "19700101 199503 1 002")
    skp.write_string(1, 7, "Disetujui")
    skp.write_number(1, 8, 87.5)
    skp.write_number(1, 9, 1 / 3)  # the string load alone would give "0.333333333"
    # row 3 of the sheet left empty: skipped, numbering stays with the sheet rows
    skp.write_string(3, 0, "007")  # number-like text keeps its leading zeros
    skp.write_number(3, 9, 0.1234567890123)
    skp.write_string(3, 1, NIP_DIGITS)
    skp.write_string(3, 2, "2025")
    skp.write_datetime(
        3, 3, dt.datetime(2025, 7, 1, 8, 30), wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    )
    skp.write_boolean(3, 8, True)
    wb.add_worksheet("Petunjuk").write_string(0, 0, "Lembar ini bukan tabel.")
    wb.close()
    return path


def test_xlsx_cells_to_text(con, tmp_path):
    path = make_workbook(tmp_path / "ekspor.xlsx")
    raw = read_raw(con, "skp", [SourceFile("skp", path, "xlsx", "SKP")], tmp_path)
    assert (raw.rows, raw.blank_rows, raw.encoding, raw.extra_columns) == (
        2,
        1,
        None,
        ["Catatan Lain", "Nilai"],
    )
    got = rows(con, "skp", "_baris, _sumber, skp_id, nip, tahun, periode_mulai, periode_selesai, "
                          "pendekatan, nip_penilai, _ekstra")  # fmt: skip
    assert got == [
        (1, "ekspor.xlsx#SKP", "SKP-001", "1.98609262015051E+17", "2025", "2025-01-01",
         "31 Desember 2025", "Kuantitatif", "19700101 199503 1 002", '{"Catatan Lain": "87.5", "Nilai": "0.3333333333333333"}'),
        (3, "ekspor.xlsx#SKP", "007", NIP_DIGITS, "2025", "2025-07-01T08:30:00", None, None,
         None, '{"Catatan Lain": "true", "Nilai": "0.1234567890123"}'),
    ]  # fmt: skip


def test_xlsx_missing_column_and_corrupt_workbook(con, tmp_path):
    wb = xlsxwriter.Workbook(tmp_path / "data.xlsx")
    wb.add_worksheet("potensi").write_row(0, 0, ["nip", "tahun"])
    wb.close()
    with pytest.raises(BundleError) as e:
        read_raw(
            con,
            "potensi",
            [SourceFile("potensi", tmp_path / "data.xlsx", "xlsx", "potensi")],
            tmp_path,
        )
    assert e.value.pesan == (
        "Berkas 'data.xlsx', lembar 'potensi': kolom wajib tidak ada: kategori_potensi."
    )
    bad = header_only_bundle(tmp_path / "b")
    write(bad / "ekspor.xlsx", "PK\x03\x04 ini bukan buku kerja")
    with pytest.raises(
        BundleError, match=r"^Berkas 'ekspor.xlsx' tidak dapat dibuka sebagai buku kerja Excel"
    ):
        open_bundle(bad, tmp_path / "w")


# --------------------------------------------------------------------------- JSON Lines


def test_jsonl_values_extras_and_bad_lines(con, tmp_path):
    lines = [
        json.dumps({"indikator_id": "IND-1", "periode": "2025-01", "realisasi": 2, "umpan_balik": " Baik "}),
        "",
        '{"indikator_id": "IND-1", "periode": "2025-02", "realisasi": 2025.0, "Realisasi Teks": "87,5 %", '
        '"lampiran": {"jumlah": 2, "ok": true}, "catatan": null}',
        '{"indikator_id": "IND-1", "periode": "2025-03", "realisasi": 87.5, "tanggal_input": false,',
        '["bukan", "objek"]',
        '{"indikator_id": "IND-2", "periode": "2025-04", "realisasi": 1.98609262015051E+17}',
    ]  # fmt: skip
    path = write(tmp_path / "realisasi.jsonl", "\n".join(lines) + "\n")
    raw = read_raw(con, "realisasi", [SourceFile("realisasi", path, "jsonl")], tmp_path)
    assert (raw.rows, raw.defective_rows, raw.extra_columns) == (5, 2, ["lampiran"])
    assert (raw.physical_rows, raw.blank_rows, raw.continuation_rows) == (6, 1, 0)
    got = rows(
        con, "realisasi", "_baris, periode, realisasi, realisasi_teks, umpan_balik, _ekstra, _cacat"
    )
    assert got[0] == (1, "2025-01", "2", None, "Baik", None, None)
    assert got[1] == (  # _baris is the physical line: the blank line 2 counts
        3,
        "2025-02",
        "2025",
        "87,5 %",
        None,
        '{"lampiran": {"jumlah": 2, "ok": true}}',
        None,
    )
    assert got[2][:5] == (4, None, None, None, None)
    assert got[2][6] == "Baris bukan JSON yang valid (kolom 91)."
    assert json.loads(got[2][5]) == {"_mentah": lines[3]}
    assert got[3][6] == "Baris bukan objek JSON (array)."
    assert got[4][:3] == (6, "2025-04", "1.98609262015051E+17")


def test_jsonl_required_key_never_present(con, tmp_path):
    path = write(tmp_path / "rhk.jsonl", '{"rhk_id": "R1", "skp_id": "S1", "jenis": "Utama"}\n')
    with pytest.raises(BundleError) as e:
        read_raw(con, "rhk", [SourceFile("rhk", path, "jsonl")], tmp_path)
    assert e.value.pesan == "Berkas 'rhk.jsonl': kolom wajib tidak ada: uraian."


# --------------------------------------------------------------------------- SIASN JSON


def siasn_item(**kw) -> dict:
    item = {
        "id": "a1b2", "pnsDinilaiId": "A5EB03E2", "tahun": 2024, "hasilKinerja": "DIATAS EKSPEKTASI",
        "hasilKinerjaNilai": 1, "perilakuKerja": "SESUAI EKSPEKTASI", "kuadranKinerja": "BAIK",
        "nipNrpPenilai": "197001011995031002", "namaPenilai": "Drs. Agus Widodo, M.Si.",
        "penilaiUnorNm": "Badan Kepegawaian Daerah", "penilaiJabatanNm": "Kepala Badan",
        "statusPenilai": "ASN",
    }  # fmt: skip
    item.update(kw)
    return item


def test_siasn_json_files_form_one_table(con, tmp_path):
    a = tmp_path / "riwayat_skp.json"
    a.write_text(json.dumps([siasn_item(nip=NIP_DIGITS), "rusak"]), encoding="utf-8")
    b = tmp_path / f"riwayat_skp_{NIP}.json"
    b.write_text(
        json.dumps([siasn_item(tahun=2023), siasn_item(tahun=2024.0, statusPenilai="NON ASN")])
    )
    c = tmp_path / "riwayat_skp_tanpa_nip.json"
    c.write_text(json.dumps([siasn_item()]))
    sources = [SourceFile("riwayat_skp", p, "siasn_json") for p in (a, b, c)]
    raw = read_raw(con, "riwayat_skp", sources, tmp_path)
    assert (raw.rows, raw.defective_rows, raw.files) == (5, 1, [a.name, b.name, c.name])
    assert raw.extra_columns == ["id", "pnsDinilaiId", "hasilKinerjaNilai"]
    got = rows(con, "riwayat_skp", "_sumber, _baris, nip, tahun, hasil_kinerja, predikat, nip_penilai, "
                                  "status_penilai, _ekstra, _cacat")  # fmt: skip
    assert got[0][:8] == (
        a.name,
        1,
        NIP_DIGITS,
        "2024",
        "DIATAS EKSPEKTASI",
        "BAIK",
        "197001011995031002",
        "ASN",
    )
    assert json.loads(got[0][8]) == {
        "id": "a1b2",
        "pnsDinilaiId": "A5EB03E2",
        "hasilKinerjaNilai": 1,
    }
    assert got[1][1:3] == (2, None) and got[1][9] == "Elemen bukan objek JSON (teks)."
    assert [g[1:4] for g in got[2:4]] == [(1, NIP_DIGITS, "2023"), (2, NIP_DIGITS, "2024")]
    assert got[3][7] == "NON ASN"
    assert got[4][:4] == (c.name, 1, None, "2024")  # no nip anywhere: NULL, quarantined later


def test_siasn_non_array_and_invalid_json(con, tmp_path):
    p = tmp_path / "riwayat_skp.json"
    p.write_text('{"code": 1, "data": []}')
    with pytest.raises(BundleError, match=r"^Berkas 'riwayat_skp.json' harus berisi array JSON"):
        read_raw(con, "riwayat_skp", [SourceFile("riwayat_skp", p, "siasn_json")], tmp_path)
    p.write_text("[{")
    with pytest.raises(BundleError, match=r"^Berkas 'riwayat_skp.json' bukan JSON yang valid"):
        read_raw(con, "riwayat_skp", [SourceFile("riwayat_skp", p, "siasn_json")], tmp_path)


def test_nip_from_file_name():
    assert nip_from_file_name(f"riwayat_skp_{NIP}") == NIP_DIGITS
    assert nip_from_file_name("riwayat_skp_19860926.201505.1.001") == NIP_DIGITS
    assert nip_from_file_name("riwayat_skp_2025_198609262015051001") == NIP_DIGITS
    assert nip_from_file_name("riwayat_skp_1986092620150510011") is None  # 19 digits
    assert nip_from_file_name("riwayat_skp_budi") is None


# --------------------------------------------------------------------------- discovery


def test_open_folder_bundle(tmp_path):
    root = header_only_bundle(tmp_path / "ekspor", skip=("skp",))
    make_workbook(root / "Ekspor SKP.xlsx")
    (root / "riwayat_skp_198609262015051001.json").write_text("[]")
    (root / "riwayat_skp.json").write_text("[]")
    (root / "Bukti_Dukung.JSONL").write_text("")
    (root / "README.txt").write_text("Ekspor e-Kinerja 2025")
    (root / "logo.png").write_bytes(b"\x89PNG")
    (root / "hasil").mkdir()
    (root / ".DS_Store").write_bytes(b"\x00")
    (root / "__MACOSX").mkdir()
    (root / "manifest.json").write_text(json.dumps({"sumber": "e-kinerja", "tahun": 2025}))
    bundle = open_bundle(root, tmp_path / "work")
    assert bundle.root == root
    assert bundle.manifest == {"sumber": "e-kinerja", "tahun": 2025}
    assert set(bundle.sources) == set(REQUIRED_TABLES) | {"bukti_dukung", "riwayat_skp"}
    assert bundle.sources["skp"] == [SourceFile("skp", root / "Ekspor SKP.xlsx", "xlsx", "SKP")]
    assert bundle.sources["bukti_dukung"][0].form == "jsonl"
    assert [s.path.name for s in bundle.sources["riwayat_skp"]] == [
        "riwayat_skp.json", "riwayat_skp_198609262015051001.json"
    ]  # fmt: skip
    assert bundle.ignored == ["Ekspor SKP.xlsx#Petunjuk", "hasil/", "logo.png", "README.txt"]


def test_single_sheet_workbook_and_nested_folder(tmp_path):
    outer = tmp_path / "unduhan"
    root = header_only_bundle(outer / "ekspor_2025", skip=("penilaian",))
    wb = xlsxwriter.Workbook(root / "Penilaian.xlsx")
    cols = [c.name for c in TABLE_BY_NAME["penilaian"].columns]
    wb.add_worksheet("Sheet1").write_row(0, 0, cols)
    wb.close()
    bundle = open_bundle(outer, tmp_path / "w")  # a folder holding only one folder: descend
    assert bundle.root == root
    assert bundle.sources["penilaian"] == [
        SourceFile("penilaian", root / "Penilaian.xlsx", "xlsx", "Sheet1")
    ]
    assert bundle.manifest is None and bundle.ignored == []


def zip_folder(
    src: Path, dest: Path, prefix: str = "", extra: dict[str, bytes] | None = None
) -> Path:
    with zipfile.ZipFile(dest, "w") as zf:
        for p in sorted(src.iterdir()):
            zf.write(p, prefix + p.name)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return dest


@pytest.mark.parametrize("prefix", ["", "ekspor_2025/"])
def test_open_zip_bundle(tmp_path, prefix):
    src = header_only_bundle(tmp_path / "src")
    extra = {"__MACOSX/._pegawai.csv": b"\x00\x01", f"{prefix}Catatan.txt": b"catatan"}
    z = zip_folder(src, tmp_path / "ekspor.zip", prefix, extra)
    bundle = open_bundle(z, tmp_path / "work")
    expected_root = tmp_path / "work" / "_bundel_zip" / prefix.rstrip("/")
    assert bundle.root == expected_root
    assert set(bundle.sources) == set(REQUIRED_TABLES)
    assert bundle.sources["pegawai"][0].path == expected_root / "pegawai.csv"
    assert bundle.ignored == ["Catatan.txt"]
    assert not (tmp_path / "work" / "_bundel_zip" / "__MACOSX").exists()


def test_zip_extracted_once_per_archive_version(tmp_path):
    """Every asset of a run opens the bundle; the archive is extracted only when it changed."""
    src = header_only_bundle(tmp_path / "src")
    z = zip_folder(src, tmp_path / "ekspor.zip")
    first = open_bundle(z, tmp_path / "work").sources["pegawai"][0].path
    marker = first.parent / "penanda.txt"
    marker.write_text("masih ada")
    again = open_bundle(z, tmp_path / "work")
    assert again.sources["pegawai"][0].path == first and marker.exists()
    assert ".diekstrak" not in " ".join(again.ignored)
    z.unlink()
    zip_folder(src, z, extra={"Catatan.txt": b"baru"})
    changed = open_bundle(z, tmp_path / "work")
    assert not marker.exists() and changed.ignored == ["Catatan.txt"]


@pytest.mark.parametrize(
    "entry", ["../../evil.csv", "/etc/evil.csv", "ekspor/../../evil.csv", "C:/evil.csv"]
)
def test_zip_slip_rejected(tmp_path, entry):
    z = zip_folder(header_only_bundle(tmp_path / "src"), tmp_path / "ekspor.zip", "", {entry: b"x"})
    with pytest.raises(BundleError) as e:
        open_bundle(z, tmp_path / "work")
    assert e.value.pesan == (
        f"Arsip 'ekspor.zip' berisi entri dengan jalur tidak aman: '{entry}'. Arsip ditolak."
    )
    assert not (tmp_path / "evil.csv").exists() and not Path("/etc/evil.csv").exists()


def test_bundle_errors(tmp_path):
    with pytest.raises(BundleError, match=r"^Bundel tidak ditemukan: '.*tidak_ada'\.$"):
        open_bundle(tmp_path / "tidak_ada", tmp_path / "w")

    root = header_only_bundle(tmp_path / "a", skip=("skp", "penilaian"))
    write(root / "README.txt", "x")
    with pytest.raises(BundleError) as e:
        open_bundle(root, tmp_path / "w")
    assert e.value.pesan.startswith(
        "Tabel wajib tidak ditemukan: skp, penilaian. Berkas yang ditemukan: "
    )
    assert "pegawai.csv" in e.value.pesan and "README.txt" in e.value.pesan

    root = header_only_bundle(tmp_path / "b")
    wb = xlsxwriter.Workbook(root / "ekspor.xlsx")
    wb.add_worksheet("Pegawai").write_row(0, 0, ["nip"])
    wb.close()
    with pytest.raises(BundleError) as e:
        open_bundle(root, tmp_path / "w")
    assert e.value.pesan == (
        "Tabel 'pegawai' ditemukan di lebih dari satu berkas/lembar: ekspor.xlsx#Pegawai, "
        "pegawai.csv. Sisakan satu sumber saja untuk tabel ini."
    )

    root = header_only_bundle(tmp_path / "c")
    write(root / "pegawai.jsonl", "")
    with pytest.raises(BundleError, match=r"^Tabel 'pegawai' ditemukan di lebih dari satu"):
        open_bundle(root, tmp_path / "w")

    root = header_only_bundle(tmp_path / "d")
    write(root / "manifest.json", '{"tahun": 2025,}')
    with pytest.raises(BundleError) as e:
        open_bundle(root, tmp_path / "w")
    assert e.value.pesan == "Berkas 'manifest.json' bukan JSON yang valid (baris 1, kolom 16)."
    assert e.value.berkas == str(root / "manifest.json")

    bad_zip = write(tmp_path / "ekspor.zip", "bukan zip")
    with pytest.raises(BundleError, match=r"^Berkas 'ekspor.zip' bukan arsip .zip yang valid"):
        open_bundle(bad_zip, tmp_path / "w")


def test_bundle_end_to_end_read_all(con, tmp_path):
    """Every discovered source reads cleanly into its raw table."""
    root = header_only_bundle(tmp_path / "ekspor")
    write(
        root / "pegawai.csv",
        f"nip;nama;jenis_asn;jenis_jabatan;jabatan;unor_id\n{NIP};Rina;PNS;Pelaksana;Arsiparis;U1\n",
    )
    bundle = open_bundle(root, tmp_path / "w")
    for table, sources in bundle.sources.items():
        read_raw(con, table, sources, tmp_path / "w")
    assert rows(con, "pegawai", "_baris, nip, nama") == [(1, NIP, "Rina")]
    assert con.sql("SELECT count(*) FROM raw_skp").fetchall() == [(0,)]
