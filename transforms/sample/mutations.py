"""Bad input, one change at a time: a catalogue of corruptions of a sample bundle.

Each :class:`Mutation` changes one file of a bundle written by ``write_sample_bundle`` the way
real exports break (stray quotes, mixed encodings, NUL bytes, truncation, blank lines, broken
JSON, ...) and states what a careful pipeline must do with it: refuse the bundle with a message
(``fatal``: a phrase the message must hold), or read it with every record accounted for
(``delta``: records the change adds to a table, relative to what the generator wrote, and
``quarantined``: the least number of records of a table that must be quarantined). The tests
and ``bench/bad_inputs.py`` run the whole catalogue.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Mutation:
    name: str
    description: str
    apply: Callable[[Path], Path | None]  # returns a new bundle path when it is not the folder
    fatal: str | None = None
    delta: dict[str, int] = field(default_factory=dict)
    quarantined: dict[str, int] = field(default_factory=dict)
    repaired: dict[str, int] = field(default_factory=dict)
    emptied: tuple[str, ...] = ()  # tables left with no record at all

    def expected_records(self, written: dict[str, int]) -> dict[str, int]:
        """Records each table's file holds after the change, from what the generator wrote."""
        out = {t: n + self.delta.get(t, 0) for t, n in written.items()}
        out.update(dict.fromkeys(self.emptied, 0))
        return out


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def _edit_line(table_file: str, line_no: int, edit: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    """Change physical line ``line_no`` (1 = header; the middle line if the file is shorter)."""

    def apply(bundle: Path) -> None:
        path = bundle / table_file
        lines = _lines(path)
        n = line_no if line_no < len(lines) else len(lines) // 2 + 1
        body = lines[n - 1].rstrip(b"\r\n")
        end = lines[n - 1][len(body):]
        lines[n - 1] = edit(body) + end
        path.write_bytes(b"".join(lines))

    return apply


def _insert_lines(table_file: str, after: int, new: list[bytes]) -> Callable[[Path], None]:
    def apply(bundle: Path) -> None:
        path = bundle / table_file
        lines = _lines(path)
        eol = b"\r\n" if lines[0].endswith(b"\r\n") else b"\n"
        path.write_bytes(b"".join(lines[:after] + [n + eol for n in new] + lines[after:]))

    return apply


def _copy_line(table_file: str, line_no: int, transform: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    """Insert after ``line_no`` a changed copy of it."""

    def apply(bundle: Path) -> None:
        path = bundle / table_file
        lines = _lines(path)
        body = lines[line_no - 1].rstrip(b"\r\n")
        eol = lines[line_no - 1][len(body):]
        path.write_bytes(b"".join(lines[:line_no] + [transform(body) + eol] + lines[line_no:]))

    return apply


def _rewrite(table_file: str, transform: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def apply(bundle: Path) -> None:
        path = bundle / table_file
        path.write_bytes(transform(path.read_bytes()))

    return apply


def _replace_field(line: bytes, index: int, value: bytes, sep: bytes = b",") -> bytes:
    parts = line.split(sep)
    parts[index] = value
    return sep.join(parts)


def _truncate_last_line(data: bytes) -> bytes:
    body = data.rstrip(b"\r\n")
    return body[: body.rindex(b"\n") + 1 + 12]


def _utf8_then_cp1252(data: bytes) -> bytes:
    """A UTF-8 rhk.csv that holds a valid UTF-8 ’ in one uraian and two bare Windows-1252 bytes
    in another (unquoted uraian fields from line 10 on)."""
    lines = data.splitlines(keepends=True)
    texts = [b"Kinerja \xe2\x80\x99unggulan\xe2\x80\x99 ", b"Ja\x92far \x96 "]
    for i in range(9, len(lines)):
        parts = lines[i].split(b",", 3)
        if texts and len(parts) == 4 and not parts[3].startswith(b'"'):
            parts[3] = texts.pop(0) + parts[3]
            lines[i] = b",".join(parts)
    return b"".join(lines)


def _jsonl_cp1252(data: bytes) -> bytes:
    lines = data.splitlines(keepends=True)
    lines[4] = lines[4].replace(b'"lokasi": "', b'"lokasi": "Laporan\xe2\x80\x99', 1)
    lines[5] = lines[5].replace(b'"lokasi": "', b'"lokasi": "Ja\x92far ', 1)
    return b"".join(lines)


def _zip_with(entries: dict[str, bytes]) -> Callable[[Path], Path]:
    def apply(bundle: Path) -> Path:
        archive = bundle.with_suffix(".zip")
        with zipfile.ZipFile(archive, "w") as zf:
            for f in sorted(bundle.iterdir()):
                zf.write(f, f"ekspor/{f.name}")
            for name, data in entries.items():
                zf.writestr(name, data)
        return archive

    return apply


def _corrupt_zip(bundle: Path) -> Path:
    archive = _zip_with({})(bundle)
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    return archive


def _siasn_not_object(data: bytes) -> bytes:
    items = json.loads(data.decode("utf-8-sig"))
    items.insert(3, "bukan objek")
    return json.dumps(items, ensure_ascii=False).encode("utf-8")


def _double_table(bundle: Path) -> None:
    (bundle / "rhk.jsonl").write_text('{"rhk_id": "X"}\n', encoding="utf-8")


def _empty(table_file: str) -> Callable[[Path], None]:
    return _rewrite(table_file, lambda _: b"")


def _header_only(data: bytes) -> bytes:
    return data.splitlines(keepends=True)[0]


CATALOGUE: tuple[Mutation, ...] = (
    Mutation("kutip_menelan", "rhk.csv: '\"lihat catatan' di akhir baris 101 (tanda kutip tak tertutup menelan sisa berkas)",
             _edit_line("rhk.csv", 101, lambda b: b + b'"lihat catatan'), quarantined={"rhk": 1}),
    Mutation("kutip_tengah", "indikator.csv: '\"12\" Dokumen' (kutip penutup diikuti teks) di baris 50",
             _edit_line("indikator.csv", 50, lambda b: _replace_field(b, 3, b'"12" Dokumen')),
             quarantined={"indikator": 1}),
    Mutation("kutip_sampai_akhir", "realisasi.csv: kutip pembuka tanpa penutup di baris kedua dari akhir",
             _rewrite("realisasi.csv", lambda b: _quote_before_end(b)), quarantined={"realisasi": 1}),
    Mutation("kolom_lebih", "penilaian.csv: satu baris dengan satu kolom ekstra",
             _copy_line("penilaian.csv", 30, lambda b: b + b",lebih"), delta={"penilaian": 1}, quarantined={"penilaian": 1}),
    Mutation("kolom_kurang", "perilaku.csv: satu baris kehilangan kolom terakhir",
             _copy_line("perilaku.csv", 30, lambda b: b[: b.rindex(b",")]), delta={"perilaku": 1}, quarantined={"perilaku": 1}),
    Mutation("baris_kosong", "rhk.csv: tiga baris kosong di tengah berkas",
             _insert_lines("rhk.csv", 40, [b"", b"", b""])),
    Mutation("hanya_pemisah", "rhk.csv: baris berisi pemisah saja (,,,,,,,)",
             _insert_lines("rhk.csv", 41, [b",,,,,,,"])),
    Mutation("hanya_spasi", "skp.csv: baris berisi spasi saja",
             _insert_lines("skp.csv", 12, [b"    "])),
    Mutation("utf8_campur_cp1252", "rhk.csv: berkas UTF-8 dengan dua bita Windows-1252 (Ja\\x92far)",
             _rewrite("rhk.csv", _utf8_then_cp1252), repaired={"rhk": 1}),
    Mutation("nul_tengah", "realisasi.csv: bita NUL di tengah berkas (baris 30000)",
             _edit_line("realisasi.csv", 30000, lambda b: b.replace(b",", b",\x00", 1)), quarantined={"realisasi": 1}),
    Mutation("nul_awal", "skp.csv: bita NUL di 64 KB pertama (baris 5)",
             _edit_line("skp.csv", 5, lambda b: b.replace(b",", b",\x00", 1)), quarantined={"skp": 1}),
    Mutation("terpotong", "perilaku.csv: baris terakhir terpotong di tengah",
             _rewrite("perilaku.csv", _truncate_last_line), quarantined={"perilaku": 1}),
    Mutation("tanpa_baris_baru_akhir", "unit_kerja.csv: tanpa baris baru di akhir berkas",
             _rewrite("unit_kerja.csv", lambda b: b.rstrip(b"\r\n"))),
    Mutation("akhir_baris_cr", "skp.csv: akhir baris CR saja (Mac lama)",
             _rewrite("skp.csv", lambda b: b.replace(b"\r\n", b"\n").replace(b"\n", b"\r"))),
    Mutation("sep_excel", "penilaian.csv: baris 'sep=,' dari Excel di awal",
             _rewrite("penilaian.csv", lambda b: b"sep=,\r\n" + b)),
    Mutation("bom_utf8", "unit_kerja.csv: diawali BOM UTF-8",
             _rewrite("unit_kerja.csv", lambda b: b"\xef\xbb\xbf" + b)),
    Mutation("utf16", "rhk.csv disimpan sebagai UTF-16",
             _rewrite("rhk.csv", lambda b: b.decode("utf-8").encode("utf-16")), fatal="UTF-16"),
    Mutation("berkas_kosong", "skp.csv 0 bita", _empty("skp.csv"), fatal="skp.csv"),
    Mutation("hanya_judul", "perilaku.csv: hanya baris judul", _rewrite("perilaku.csv", _header_only),
             emptied=("perilaku",)),
    Mutation("kolom_wajib_hilang", "rhk.csv tanpa kolom uraian",
             _rewrite("rhk.csv", lambda b: b.replace(b"rhk_id,skp_id,jenis,uraian,", b"rhk_id,skp_id,jenis,catatan,", 1)),
             fatal="uraian"),
    Mutation("kolom_ganda", "unit_kerja.csv: kolom unor_id dua kali",
             _rewrite("unit_kerja.csv", lambda b: b.replace(b"unor_nama", b"unor_id", 1)), fatal="kolom ganda"),
    Mutation("biner", "rhk.csv berisi data biner (zip)", _rewrite("rhk.csv", lambda b: b"PK\x03\x04" + b"\x00" * 200),
             fatal="rhk.csv"),
    Mutation("jsonl_rusak", "bukti_dukung.jsonl: satu baris bukan JSON",
             _insert_lines("bukti_dukung.jsonl", 100, [b'{"bukti_id": "B-RUSAK", "indikator_id": '] ),
             delta={"bukti_dukung": 1}, quarantined={"bukti_dukung": 1}),
    Mutation("jsonl_kosong", "bukti_dukung.jsonl: baris kosong di tengah",
             _insert_lines("bukti_dukung.jsonl", 50, [b"", b"   "])),
    Mutation("jsonl_array", "bukti_dukung.jsonl: satu baris berisi array, bukan objek",
             _insert_lines("bukti_dukung.jsonl", 60, [b'["B-1", "I-1"]']), delta={"bukti_dukung": 1},
             quarantined={"bukti_dukung": 1}),
    Mutation("jsonl_cp1252", "bukti_dukung.jsonl: satu baris dengan bita Windows-1252",
             _rewrite("bukti_dukung.jsonl", _jsonl_cp1252), repaired={"bukti_dukung": 1}),
    Mutation("siasn_bukan_objek", "riwayat_skp.json: satu elemen bukan objek",
             _rewrite("riwayat_skp.json", _siasn_not_object), delta={"riwayat_skp": 1}, quarantined={"riwayat_skp": 1}),
    Mutation("siasn_rusak", "riwayat_skp.json terpotong (JSON tidak valid)",
             _rewrite("riwayat_skp.json", lambda b: b[: len(b) // 2]), fatal="riwayat_skp.json"),
    Mutation("zip_jalur_berbahaya", "bundel .zip dengan entri '../luar.csv'",
             _zip_with({"../luar.csv": b"x"}), fatal="tidak aman"),
    Mutation("zip_rusak", "bundel .zip terpotong", _corrupt_zip, fatal="zip"),
    Mutation("tabel_ganda", "rhk.csv dan rhk.jsonl bersamaan", _double_table, fatal="lebih dari satu"),
    Mutation("nip_excel", "pegawai.csv: NIP dirusak Excel (1,98609E+17)",
             _copy_line("pegawai.csv", 40, lambda b: _replace_field(b, 0, b"1,98609E+17", b";")),
             delta={"pegawai": 1}, quarantined={"pegawai": 1}),
    Mutation("nilai_tak_dikenal", "penilaian.csv: predikat 'Luar Biasa'",
             _edit_line("penilaian.csv", 25, lambda b: _replace_field(b, 6, b"Luar Biasa")), quarantined={"penilaian": 1}),
)


def _quote_before_end(data: bytes) -> bytes:
    lines = data.splitlines(keepends=True)
    body = lines[-2].rstrip(b"\r\n")
    lines[-2] = body + b',"catatan tanpa penutup' + lines[-2][len(body):]
    return b"".join(lines)


MUTATION_BY_NAME = {m.name: m for m in CATALOGUE}


@dataclass
class Outcome:
    """What the pipeline did with one mutated bundle, judged against the mutation's promise."""

    mutation: Mutation
    exit_code: int
    message: str
    lost: int  # records the file holds that are neither accepted nor quarantined (or extra)
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def assess(
    m: Mutation,
    written: dict[str, int],
    exit_code: int,
    message: str,
    rekon: list[dict[str, str]],
    baseline: dict[str, dict[str, str]],
) -> Outcome:
    """Judge one run: ``written`` = records the generator wrote per table, ``rekon`` = the run's
    rekonsiliasi.csv rows, ``baseline`` = rekonsiliasi.csv rows of the unchanged bundle."""
    if m.fatal is not None:
        problems = [] if exit_code == 2 else [f"kode keluar {exit_code}, seharusnya 2"]
        if m.fatal.lower() not in message.lower():
            problems.append(f"pesan tidak menyebut '{m.fatal}'")
        return Outcome(m, exit_code, message, 0, problems)
    problems = [] if exit_code == 0 else [f"kode keluar {exit_code}, seharusnya 0"]
    by_table = {r["tabel"]: r for r in rekon}
    lost = 0
    for table, expected in m.expected_records(written).items():
        r = by_table.get(table)
        if r is None:
            problems.append(f"{table}: tidak ada di rekonsiliasi")
            lost += expected
            continue
        got = int(r["diterima"]) + int(r["dikarantina"])
        lost += abs(expected - got)
        if got != expected:
            problems.append(f"{table}: berkas memuat {expected} rekaman, tercatat {got}")
        if int(r["baris_fisik"]) != int(r["dibaca"]) + int(r["kosong"]) + int(r["lanjutan"]):
            problems.append(f"{table}: baris fisik tidak seimbang")
        extra_q = int(r["dikarantina"]) - int(baseline[table]["dikarantina"])
        if extra_q < m.quarantined.get(table, 0):
            problems.append(f"{table}: {extra_q} baris dikarantina, seharusnya ≥ {m.quarantined[table]}")
        if int(r["diperbaiki"]) != m.repaired.get(table, 0):
            problems.append(f"{table}: {r['diperbaiki']} baris diperbaiki, seharusnya {m.repaired.get(table, 0)}")
    return Outcome(m, exit_code, message, lost, problems)
