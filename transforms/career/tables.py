"""The configuration tables of the career views: CSV files, never constants in code.

Default files live in ``transforms/career/tabel/``; a folder given to :func:`load_tables` may
hold any of them (the others keep the default). Each file is checked on load and a bad one is
refused with an Indonesian message naming it.

| file | columns | what |
|---|---|---|
| koefisien_ak.csv | jenjang, koefisien, kepastian, sumber | yearly koefisien per JF jenjang; kepastian ``pasti`` or ``praktik umum`` |
| persentase_predikat.csv | predikat, persentase, sumber | percentage of the koefisien earned per predikat |
| kinerja_predikat.csv | predikat, kinerja | the 9-box kinerja level of each predikat |
| kotak_9.csv | kotak, kinerja, potensi, suksesi | box number of each (kinerja, potensi); suksesi ``ya`` = succession pool |
| konsekuensi.csv | kelompok, konsekuensi, dasar | follow-up consequence per group (JPT, JA/JF, PPPK) |
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from transforms.contract import ENUMS

FILES = (
    "koefisien_ak.csv",
    "persentase_predikat.csv",
    "kinerja_predikat.csv",
    "kotak_9.csv",
    "konsekuensi.csv",
)
KINERJA: tuple[str, ...] = ENUMS["rating"][::-1]  # Di Bawah, Sesuai, Di Atas Ekspektasi
POTENSI: tuple[str, ...] = ENUMS["kategori_potensi"]  # Rendah, Menengah, Tinggi
KELOMPOK = ("JPT", "JA/JF", "PPPK")
KEPASTIAN = ("pasti", "praktik umum")


class TableError(ValueError):
    """A configuration file that cannot be used (the message names it, in Indonesian)."""


@dataclass(frozen=True)
class Koefisien:
    jenjang: str
    koefisien: float
    kepastian: str
    sumber: str


@dataclass(frozen=True)
class CareerTables:
    koefisien: dict[str, Koefisien]
    persentase: dict[str, float]  # predikat -> percent (100 = the whole koefisien)
    kinerja: dict[str, str]  # predikat -> 9-box kinerja level
    kotak: dict[tuple[str, str], int]  # (kinerja, potensi) -> box number
    suksesi: frozenset[int]  # boxes of the succession pool
    konsekuensi: dict[str, tuple[str, str]]  # kelompok -> (text, legal basis)
    berkas: dict[str, str]  # file name -> where it was read from

    def kotak_label(self, kotak: int) -> str:
        """ "Kinerja Di Atas Ekspektasi × Potensi Tinggi" for a box number."""
        for (kinerja, potensi), k in self.kotak.items():
            if k == kotak:
                return f"Kinerja {kinerja} × Potensi {potensi}"
        raise KeyError(kotak)


def _read(folder: Path | None, name: str) -> tuple[list[dict[str, str]], str]:
    if folder is not None and (folder / name).is_file():
        path = folder / name
        return _rows(path.read_text(encoding="utf-8-sig"), str(path)), str(path)
    entry = resources.files("transforms.career").joinpath("tabel", name)
    return _rows(entry.read_text(encoding="utf-8"), name), f"bawaan ({name})"


def _rows(text: str, where: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    return [
        {k.strip(): (v or "").strip() for k, v in row.items() if k is not None}
        for row in reader
        if any((v or "").strip() for v in row.values() if isinstance(v, str))
    ]


def _need(rows: list[dict[str, str]], columns: tuple[str, ...], where: str) -> None:
    missing = [c for c in columns if not rows or c not in rows[0]]
    if missing:
        raise TableError(
            f"Tabel karier {where}: kolom {', '.join(missing)} tidak ada atau berkas kosong."
        )


def _number(text: str, where: str, what: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise TableError(f"Tabel karier {where}: {what} {text!r} bukan angka.") from None
    if value < 0:
        raise TableError(f"Tabel karier {where}: {what} {text!r} negatif.")
    return value


def _complete(keys: set, wanted: tuple, where: str, what: str) -> None:
    missing = [w for w in wanted if w not in keys]
    if missing:
        raise TableError(
            f"Tabel karier {where}: {what} tanpa baris: {', '.join(map(str, missing))}."
        )


def load_tables(folder: Path | None = None) -> CareerTables:
    """The career tables: each file from ``folder`` when it is there, else the default."""
    read = {name: _read(folder, name) for name in FILES}
    rows, where = read["koefisien_ak.csv"]
    _need(rows, ("jenjang", "koefisien", "kepastian", "sumber"), where)
    koef = {}
    for r in rows:
        if r["kepastian"] not in KEPASTIAN:
            raise TableError(
                f"Tabel karier {where}: kepastian {r['kepastian']!r} bukan 'pasti' atau 'praktik umum'."
            )
        koef[r["jenjang"]] = Koefisien(r["jenjang"], _number(r["koefisien"], where, "koefisien"),
                                       r["kepastian"], r["sumber"])  # fmt: skip
    _complete(set(koef), ENUMS["jenjang"], where, "jenjang")
    rows, where = read["persentase_predikat.csv"]
    _need(rows, ("predikat", "persentase"), where)
    persen = {r["predikat"]: _number(r["persentase"], where, "persentase") for r in rows}
    _complete(set(persen), ENUMS["predikat"], where, "predikat")
    rows, where = read["kinerja_predikat.csv"]
    _need(rows, ("predikat", "kinerja"), where)
    kinerja = {r["predikat"]: r["kinerja"] for r in rows}
    _complete(set(kinerja), ENUMS["predikat"], where, "predikat")
    bad = sorted({k for k in kinerja.values() if k not in KINERJA})
    if bad:
        raise TableError(f"Tabel karier {where}: kinerja tidak dikenal: {', '.join(bad)}.")
    rows, where = read["kotak_9.csv"]
    _need(rows, ("kotak", "kinerja", "potensi", "suksesi"), where)
    kotak = {(r["kinerja"], r["potensi"]): int(_number(r["kotak"], where, "kotak")) for r in rows}
    _complete(
        set(kotak), tuple((k, p) for k in KINERJA for p in POTENSI), where, "(kinerja, potensi)"
    )
    if sorted(kotak.values()) != list(range(1, 10)) or len(kotak) != 9:
        raise TableError(
            f"Tabel karier {where}: sembilan kotak harus bernomor 1 sampai 9, masing-masing sekali."
        )
    suksesi = frozenset(
        int(_number(r["kotak"], where, "kotak")) for r in rows if r["suksesi"].lower() == "ya"
    )
    rows, where = read["konsekuensi.csv"]
    _need(rows, ("kelompok", "konsekuensi", "dasar"), where)
    konsekuensi = {r["kelompok"]: (r["konsekuensi"], r["dasar"]) for r in rows}
    _complete(set(konsekuensi), KELOMPOK, where, "kelompok")
    return CareerTables(koef, persen, kinerja, kotak, suksesi, konsekuensi,
                        {name: w for name, (_, w) in read.items()})  # fmt: skip
