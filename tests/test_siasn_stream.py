"""The SIASN array reader streams: same rows and messages as a whole-file decode, bounded memory."""

from __future__ import annotations

import json
import time
import tracemalloc
from pathlib import Path

import pytest

from transforms.ingest import json_form
from transforms.ingest.bundle import BundleError, SourceFile
from transforms.ingest.readers import RawTable, read_raw

NIP = "198609262015051001"
COLS = "_baris, nip, tahun, hasil_kinerja, predikat, nip_penilai, status_penilai, _ekstra, _cacat"


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(json_form, "CHUNK_BYTES", 64)


def read(con, path: Path) -> RawTable:
    return read_raw(
        con, "riwayat_skp", [SourceFile("riwayat_skp", path, "siasn_json")], path.parent
    )


def table(con) -> list[tuple]:
    return con.sql(f"SELECT {COLS} FROM raw_riwayat_skp ORDER BY _baris").fetchall()


def item(i: int, **kw) -> dict:
    obj = {
        "id": f"id-{i}", "tahun": 2024, "hasilKinerja": "DIATAS EKSPEKTASI", "hasilKinerjaNilai": 1.50,
        "perilakuKerja": "SESUAI EKSPEKTASI", "kuadranKinerja": "SANGAT BAIK",
        "nipNrpPenilai": "197001011995031002", "namaPenilai": f"Drs. Agus Widodo {i}, M.Si. — Ñ 中",
        "statusPenilai": "ASN", "detail": {"skor": [90, 1.50, None], "catatan": "baik\nsekali"},
    }  # fmt: skip
    obj.update(kw)
    return obj


def expected(con, tmp_path: Path, name: str, elements: list) -> list[tuple]:
    """The rows of the same elements written compactly in one line and read in one chunk."""
    ref = tmp_path / "ref" / name
    ref.parent.mkdir(exist_ok=True)
    ref.write_text(json.dumps(elements, ensure_ascii=False), encoding="utf-8")
    chunk = json_form.CHUNK_BYTES
    json_form.CHUNK_BYTES = 1 << 30  # whole file in one read: the old whole-text decode
    try:
        read(con, ref)
    finally:
        json_form.CHUNK_BYTES = chunk
    return table(con)


def test_small_file_exact_rows(con, tmp_path, small_chunks):
    path = tmp_path / "riwayat_skp.json"
    text = (
        '[\n  {"nip": " 198609262015051001 ", "tahun": 2024.0, "hasilKinerja": "DIATAS EKSPEKTASI",'
        ' "kuadranKinerja": "BAIK", "nipNrpPenilai": "197001011995031002", "statusPenilai": "ASN",'
        ' "nilai": 1.50, "x": {"a": [90, 1.50]}},\n  "rusak",\n'
        '  {"tahun": 2023, "hasilKinerja": "Ekspektasi — Ñ", "kuadranKinerja": "BAIK"}\n]\n'
    )
    path.write_text(text, encoding="utf-8")
    raw = read(con, path)
    assert (raw.rows, raw.physical_rows, raw.defective_rows) == (3, 3, 1)
    assert table(con) == [
        (1, NIP, "2024", "DIATAS EKSPEKTASI", "BAIK", "197001011995031002", "ASN",
         '{"nilai": 1.5, "x": {"a": [90, 1.5]}}', None),
        (2, None, None, None, None, None, None, '{"_mentah": "rusak"}',
         "Elemen bukan objek JSON (teks)."),
        (3, None, "2023", "Ekspektasi — Ñ", "BAIK", None, None, None, None),
    ]  # fmt: skip


@pytest.mark.parametrize("indent", [None, 2])
def test_larger_files_match_whole_file_decode(con, tmp_path, small_chunks, indent):
    big = item(0, lampiran=["x" * 50 + "é中\U0001f600" for _ in range(40)])  # ~2.5 KB > chunk
    elements = [item(i, tahun=2020 + i % 5) for i in range(1, 200)]
    elements[10:10] = [big, "rusak", 90, 1.50, None, [1, 2], True]
    path = tmp_path / f"riwayat_skp_{NIP}.json"
    want = expected(con, tmp_path, path.name, elements)
    sep = (",", ": ") if indent else (",", ":")
    path.write_text(json.dumps(elements, ensure_ascii=False, indent=indent, separators=sep))
    raw = read(con, path)
    assert raw.physical_rows == len(json.loads(path.read_text())) == len(elements)
    got = table(con)
    assert got == want
    assert got[0][:7] == (
        1,
        NIP,
        "2021",
        "DIATAS EKSPEKTASI",
        "SANGAT BAIK",
        "197001011995031002",
        "ASN",
    )
    assert json.loads(got[0][7])["detail"] == {"skor": [90, 1.5, None], "catatan": "baik\nsekali"}
    assert '"hasilKinerjaNilai": 1.5,' in got[0][7]  # extras: JSON dumps (as before)
    assert json.loads(got[10][7])["lampiran"] == big["lampiran"]
    assert got[11][8] == "Elemen bukan objek JSON (teks)."
    assert [g[8] for g in got[12:17]] == [
        f"Elemen bukan objek JSON ({k})." for k in ("angka", "angka", "null", "array", "boolean")
    ]


def test_bom_and_empty_array(con, tmp_path, small_chunks):
    path = tmp_path / "riwayat_skp.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps([item(1)]).encode())
    assert read(con, path).physical_rows == 1
    path.write_bytes(b"\xef\xbb\xbf \r\n[ \n ]\n\t")
    assert (read(con, path).physical_rows, table(con)) == (0, [])


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"", "baris 1, kolom 1"),
        (b" \n ", "baris 2, kolom 2"),
        (b"[", "baris 1, kolom 2"),
        (b'[\n {"tahun": 2024},\n {"tahun": 2024,\n  "x": tru},\n {}]', "baris 4, kolom 8"),
        (b'[{"a": 1}, {"b": 2}] x', "baris 1, kolom 22"),
        (b'[{"a": 1},\n {"b": 2}\n', "baris 3, kolom 1"),  # missing ']'
        (b'[{"a": 1},\n {"b": 2} {"c": 3}]', "baris 2, kolom 11"),
        (b'[{"a": 1},]', "baris 1, kolom 11"),
        (b'[{"a": "tanpa akhir}]', "baris 1, kolom 8"),
        (b"\xef\xbb\xbf[1.", "baris 1, kolom 3"),
    ],
)
def test_invalid_json_line_and_column(con, tmp_path, small_chunks, data, where):
    path = tmp_path / "riwayat_skp.json"
    path.write_bytes(data)
    with pytest.raises(BundleError) as e:
        read(con, path)
    assert e.value.pesan == f"Berkas 'riwayat_skp.json' bukan JSON yang valid ({where})."


def test_invalid_json_deep_in_a_long_file(con, tmp_path, small_chunks):
    lines = ["["] + [json.dumps(item(i), ensure_ascii=False) + "," for i in range(300)]
    lines.insert(150, '{"tahun": 2024, "x": [1 2]},')
    path = tmp_path / "riwayat_skp.json"
    path.write_text("\n".join(lines) + "\n{}]", encoding="utf-8")
    with pytest.raises(BundleError) as e:
        read(con, path)
    assert e.value.pesan == "Berkas 'riwayat_skp.json' bukan JSON yang valid (baris 151, kolom 25)."


@pytest.mark.parametrize(
    ("text", "kind"), [('{"code": 1, "data": []}', "objek"), ('"teks"', "teks"), ("12", "angka")]
)
def test_not_an_array(con, tmp_path, small_chunks, text, kind):
    path = tmp_path / "riwayat_skp.json"
    path.write_text(f"\n {text}\n")
    with pytest.raises(BundleError) as e:
        read(con, path)
    assert e.value.pesan == (
        f"Berkas 'riwayat_skp.json' harus berisi array JSON (format SIASN rw-skp22), bukan {kind}."
    )


@pytest.mark.parametrize("at", [5, 2000])
def test_invalid_utf8(con, tmp_path, small_chunks, at):
    data = json.dumps([item(i) for i in range(30)]).encode()
    data = data[:at] + b"\xc3(" + data[at:]  # before or after a JSON error (the '(' is bad too)
    path = tmp_path / "riwayat_skp.json"
    path.write_bytes(data + b"x")
    with pytest.raises(BundleError) as e:
        read(con, path)
    assert e.value.pesan == "Berkas 'riwayat_skp.json' bukan teks UTF-8."


def test_memory_stays_bounded(con, tmp_path, monkeypatch):
    monkeypatch.setattr(json_form, "BATCH_ROWS", 2_000)  # the record buffer is not under test
    path = tmp_path / "riwayat_skp.json"
    part = ",\n".join(json.dumps(item(i)) for i in range(1000))  # ASCII: 1 byte a character
    n = 1000
    with open(path, "w", encoding="utf-8") as f:
        f.write("[\n" + part)
        while f.tell() < 20_000_000:
            f.write(",\n" + part)
            n += 1000
        f.write("\n]\n")
    size = path.stat().st_size
    start = time.perf_counter()
    tracemalloc.start()
    try:
        raw = read(con, path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert raw.physical_rows == raw.rows == n
    assert peak < size / 4, (peak, size)
    assert time.perf_counter() - start < 30
