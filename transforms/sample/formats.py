"""How values are typed in the wild: Indonesian numbers, mixed date formats, enum spellings."""

from __future__ import annotations

import random
from datetime import date, timedelta

from transforms.contract import ALIASES, INDONESIAN_MONTHS

_MONTH_NAMES = {}
for _name, _num in INDONESIAN_MONTHS.items():
    if _name not in ("pebruari", "nopember"):
        _MONTH_NAMES[_num] = _name.capitalize()


def num_id(x: float) -> str:
    """Indonesian number text: '3', '87,5', '1.234,5' (never a dot decimal)."""
    if x == int(x):
        return str(int(x))
    whole, frac = f"{x:.1f}".split(".")
    if len(whole) > 3:
        head = whole[: len(whole) % 3 or 3]
        rest = whole[len(head):]
        whole = ".".join([head] + [rest[i : i + 3] for i in range(0, len(rest), 3)])
    return f"{whole},{frac}"


class Dates:
    """Precomputed date strings for a window of days around the year, in four spellings."""

    def __init__(self, tahun: int, rng: random.Random) -> None:
        self.rng = rng
        self.start = date(tahun - 1, 10, 1)
        days = (date(tahun + 1, 6, 30) - self.start).days + 1
        self.iso: list[str] = []
        self.variants: list[tuple[str, str, str]] = []
        for i in range(days):
            d = self.start + timedelta(days=i)
            self.iso.append(d.isoformat())
            self.variants.append((f"{d:%d/%m/%Y}", f"{d:%d-%m-%Y}",
                                  f"{d.day} {_MONTH_NAMES[d.month]} {d.year}"))

    def text(self, d: date, mixed: bool = True) -> str:
        i = (d - self.start).days
        if mixed:
            r = self.rng.random()
            if r < 0.12:
                return self.variants[i][int(r * 25)]
        return self.iso[i]

    def between(self, lo: date, hi: date, mixed: bool = True) -> str:
        d = lo + timedelta(days=self.rng.randint(0, (hi - lo).days))
        return self.text(d, mixed)


def _reverse_aliases(enum: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for alias, canon in ALIASES.get(enum, {}).items():
        out.setdefault(canon, []).append(alias)
    return out


PREDIKAT_ALIASES = _reverse_aliases("predikat")
RATING_ALIASES = _reverse_aliases("rating")
CASCADING_ALIASES = _reverse_aliases("jenis_cascading")


def variant(value: str, aliases: dict[str, list[str]], rng: random.Random, rate: float) -> str:
    """Occasionally write an enum as an alias or with odd case/spacing (§3)."""
    if not value or rng.random() >= rate:
        return value
    options = aliases.get(value, [])
    r = rng.random()
    if options and r < 0.6:
        return rng.choice(options)
    if r < 0.8:
        return value.upper()
    return value.lower().replace(" ", "  ", 1)
