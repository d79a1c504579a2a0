"""The SE MenPANRB 3/2023 bounds on a unit's predikat distribution, in whole people.

The organisation's predikat fixes bounds (not quotas) on its employees' predikat:

| predikat organisasi | bounds |
|---|---|
| Istimewa | Sangat Baik at most 70%; Sangat Baik the largest group (soft) |
| Baik | Baik at most 70%; at least one Butuh Perbaikan or Kurang/Misconduct; Baik the largest group (soft) |
| Butuh Perbaikan | Butuh Perbaikan at least 60%; Sangat Baik at most 10% |
| Kurang | Kurang/Misconduct at least 60%; Butuh Perbaikan at least 10%; Sangat Baik at most 10% |
| Sangat Kurang | Sangat Kurang at least 60%; Kurang/Misconduct and/or Butuh Perbaikan at least 10%; no Sangat Baik |

Whole people: "at most s" allows floor(s·n) people, "at least s" needs ceil(s·n). "Largest
group" is read from "sebagian besar": the named predikat has more people than any other
(strictly); it is a softer check (``keras`` False). Units under :data:`MIN_N` people are
shown but not judged: at n < 10 a 10% minimum already means more than one person in ten.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

SB, B, BP, K, SK = "Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"
PREDIKAT = (SB, B, BP, K, SK)
ORGANISASI = ("Istimewa", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang")
MIN_N = 10
_EPS = 1e-9


@dataclass(frozen=True)
class Bound:
    """One bound: ``jenis`` maks (at most), min (at least), ada (at least one), terbesar."""

    jenis: str
    predikat: tuple[str, ...]
    share: float = 0.0
    keras: bool = True

    def allowed(self, n: int) -> int:
        """People the bound allows (maks) or requires (min, ada) in a unit of n."""
        if self.jenis == "maks":
            return math.floor(self.share * n + _EPS)
        if self.jenis == "min":
            return math.ceil(self.share * n - _EPS)
        return 1

    def text(self) -> str:
        names = " dan/atau ".join(self.predikat)
        pct = f"{self.share * 100:.0f} %"
        return {
            "maks": f"{names} paling banyak {pct}" if self.share else f"tidak ada {names}",
            "min": f"{names} paling sedikit {pct}",
            "ada": f"harus ada {names}",
            "terbesar": f"{names} kelompok terbesar",
        }[self.jenis]


BOUNDS: dict[str, tuple[Bound, ...]] = {
    "Istimewa": (Bound("maks", (SB,), 0.7), Bound("terbesar", (SB,), keras=False)),
    "Baik": (Bound("maks", (B,), 0.7), Bound("ada", (BP, K)), Bound("terbesar", (B,), keras=False)),
    "Butuh Perbaikan": (Bound("min", (BP,), 0.6), Bound("maks", (SB,), 0.1)),
    "Kurang": (Bound("min", (K,), 0.6), Bound("min", (BP,), 0.1), Bound("maks", (SB,), 0.1)),
    "Sangat Kurang": (Bound("min", (SK,), 0.6), Bound("min", (K, BP), 0.1), Bound("maks", (SB,), 0.0)),
}


@dataclass(frozen=True)
class Breach:
    """A bound a distribution breaks: ``pindah`` people must move to meet it."""

    bound: Bound
    jumlah: int  # people in the bound's predikat
    batas: int  # people allowed (maks) or required (min, ada); for terbesar the largest other group
    pindah: int

    def sentence(self, n: int) -> str:
        """'12 dari 14 Baik, di atas batas 70 % (9 orang): sedikitnya 3 harus berpindah.'"""
        b = self.bound
        names = " dan/atau ".join(b.predikat)
        pct = f"{b.share * 100:.0f} %"
        orang = "orang" if self.pindah else ""
        if b.jenis == "maks" and b.share:
            return (f"{self.jumlah} dari {n} pegawai {names}, di atas batas {pct} ({self.batas} "
                    f"orang): sedikitnya {self.pindah} {orang} harus berpindah predikat.")
        if b.jenis == "maks":
            return (f"{self.jumlah} dari {n} pegawai {names}, padahal tidak boleh ada: "
                    f"{self.pindah} {orang} harus berpindah predikat.")
        if b.jenis == "min":
            return (f"{self.jumlah} dari {n} pegawai {names}, di bawah batas paling sedikit {pct} "
                    f"({self.batas} orang): sedikitnya {self.pindah} {orang} lagi diperlukan.")
        if b.jenis == "ada":
            return f"Tidak ada pegawai {names} dari {n} pegawai: sedikitnya 1 orang diperlukan."
        return (f"{names} ({self.jumlah} dari {n}) bukan kelompok terbesar (kelompok lain "
                f"{self.batas} orang): sedikitnya {self.pindah} {orang} harus berpindah.")


def breaches(counts: dict[str, int], organisasi: str) -> list[Breach]:
    """The bounds of ``organisasi`` that the predikat ``counts`` break (empty: within bounds)."""
    n = sum(counts.get(p, 0) for p in PREDIKAT)
    out: list[Breach] = []
    for b in BOUNDS[organisasi]:
        c = sum(counts.get(p, 0) for p in b.predikat)
        if b.jenis == "maks":
            lim = b.allowed(n)
            if c > lim:
                out.append(Breach(b, c, lim, c - lim))
        elif b.jenis in ("min", "ada"):
            need = b.allowed(n)
            if c < need:
                out.append(Breach(b, c, need, need - c))
        else:
            other = max((counts.get(p, 0) for p in PREDIKAT if p not in b.predikat), default=0)
            if c <= other:
                out.append(Breach(b, c, other, (other - c) // 2 + 1))
    return out


def judged(n: int, min_n: int = MIN_N) -> bool:
    """Whether a unit of n people is judged against the bounds (smaller ones are only shown)."""
    return n >= min_n
