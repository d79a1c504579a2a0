"""Who a person is: name with gelar, ASN type, position, jenjang and golongan."""

from __future__ import annotations

import random
from dataclasses import dataclass

from transforms.sample import vocab
from transforms.sample.nip import NipFactory

_GOL_PNS = {
    "JPT Madya": ("IV/d", "IV/e"), "JPT Pratama": ("IV/c", "IV/d"),
    "Administrator": ("IV/a", "IV/b"), "Pengawas": ("III/c", "III/d"),
    "Pelaksana": ("II/a", "II/b", "II/c", "II/d", "III/a", "III/b"),
    "Terampil": ("II/c", "II/d"), "Mahir": ("III/a", "III/b"), "Penyelia": ("III/c", "III/d"),
    "Ahli Pertama": ("III/a", "III/b"), "Ahli Muda": ("III/c", "III/d"),
    "Ahli Madya": ("IV/a", "IV/b", "IV/c"),
}
_GOL_PPPK = {"Pelaksana": ("V", "VI", "VII"), "Terampil": ("VII",), "Mahir": ("VIII",),
             "Ahli Pertama": ("IX",), "Ahli Muda": ("X",), "Ahli Madya": ("XI",)}
_BIRTH = {"JPT Madya": (1966, 1975), "JPT Pratama": (1967, 1980), "Administrator": (1968, 1984),
          "Pengawas": (1970, 1988)}
_STAFF_BIRTH = {"Ahli Madya": (1966, 1982), "Penyelia": (1966, 1984), "Ahli Muda": (1972, 1990),
                "Mahir": (1972, 1992), "Ahli Pertama": (1980, 2000), "Terampil": (1978, 2000)}
_REGIONS = tuple(vocab.NAMES)


@dataclass
class Person:
    nip: str
    nama: str
    jenis_asn: str
    golongan: str
    jenis_jabatan: str
    jabatan: str
    jenjang: str


def _name(rng: random.Random, region: str, gender: int) -> str:
    if rng.random() < 0.2:
        region = rng.choice(_REGIONS)
    male, female, family = vocab.NAMES[region]
    r = rng.random()
    if r < 0.18:
        given = rng.choice(vocab._MUSLIM_M if gender == 1 else vocab._MUSLIM_F)
    elif r < 0.26 or (region == "batak" and r < 0.45):
        given = rng.choice(vocab._CHRIST_M if gender == 1 else vocab._CHRIST_F)
    else:
        given = rng.choice(male if gender == 1 else female)
    if gender == 2 and region in vocab.FEMALE_SECOND:
        family = vocab.FEMALE_SECOND[region]
    if region == "batak" or rng.random() < 0.75:
        return f"{given} {rng.choice(family)}"
    return given


def _gelar(rng: random.Random, name: str, level: str) -> str:
    """level: 'tinggi' (JPT/Administrator/Ahli Madya), 'sarjana', 'terampil'."""
    r = rng.random()
    if level == "terampil":
        return f"{name}, {rng.choice(vocab.GELAR_D3)}" if r < 0.6 else name
    if level == "tinggi":
        prefix = "Dr. " if r < 0.12 else ("Ir. " if r < 0.17 else "")
        if r < 0.85:
            return f"{prefix}{name}, {rng.choice(vocab.GELAR_S1)}, {rng.choice(vocab.GELAR_S2)}"
        return f"{prefix}{name}, {rng.choice(vocab.GELAR_S1)}"
    if r < 0.75:
        return f"{name}, {rng.choice(vocab.GELAR_S1)}"
    if r < 0.9:
        return f"{name}, {rng.choice(vocab.GELAR_S1)}, {rng.choice(vocab.GELAR_S2)}"
    return name


def head(rng: random.Random, nips: NipFactory, region: str, jenis: str, jabatan: str,
         tahun: int) -> Person:
    gender = 1 if rng.random() < 0.68 else 2
    lo, hi = _BIRTH[jenis]
    level = "sarjana" if jenis == "Pengawas" else "tinggi"
    return Person(nips.pns(lo, hi, gender, tahun), _gelar(rng, _name(rng, region, gender), level),
                  "PNS", rng.choice(_GOL_PNS[jenis]), jenis, jabatan, "")


def staff(rng: random.Random, nips: NipFactory, region: str, fungsional: tuple[str, ...],
          tahun: int) -> Person:
    gender = 1 if rng.random() < 0.52 else 2
    pppk = rng.random() < 0.22
    if rng.random() < 0.6:
        base = rng.choice(fungsional)
        if base in vocab.FUNGSIONAL_TERAMPIL and rng.random() < 0.5:
            jenjang = rng.choice(("Terampil", "Terampil", "Mahir", "Penyelia"))
        else:
            jenjang = rng.choice(("Ahli Pertama", "Ahli Pertama", "Ahli Muda", "Ahli Muda",
                                  "Ahli Madya"))
        if pppk and jenjang in ("Penyelia",):
            jenjang = "Mahir"
        jenis, jabatan, grade = "Fungsional", f"{base} {jenjang}", jenjang
    else:
        jenis, jabatan, jenjang, grade = "Pelaksana", rng.choice(vocab.PELAKSANA), "", "Pelaksana"
    level = "terampil" if grade in ("Pelaksana", "Terampil", "Mahir") else "sarjana"
    if grade == "Ahli Madya":
        level = "tinggi"
    nama = _gelar(rng, _name(rng, region, gender), level)
    if pppk:
        gol = rng.choice(_GOL_PPPK.get(grade, ("IX",)))
        return Person(nips.pppk(1975, 2001, gender, tahun), nama, "PPPK", gol, jenis, jabatan,
                      jenjang)
    lo, hi = _STAFF_BIRTH.get(grade, (1970, 2000))
    return Person(nips.pns(lo, hi, gender, tahun), nama, "PNS", rng.choice(_GOL_PNS[grade]),
                  jenis, jabatan, jenjang)
