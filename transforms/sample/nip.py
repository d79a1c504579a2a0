"""NIP construction (PNS and PPPK), display variants and deliberately invalid NIPs."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

PPPK_CODE = "21"
INVALID_KINDS = ("digits17", "excel_sci", "month13", "day32", "gender3", "float000", "underage")


class NipFactory:
    """Unique, valid NIPs. Uniqueness comes from a per-birth-date sequence counter, so memory is
    bounded by the number of possible birth dates, not by the number of employees."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._seq: dict[int, int] = {}

    def _birth(self, year_lo: int, year_hi: int) -> tuple[date, int]:
        lo = date(year_lo, 1, 1).toordinal()
        hi = date(year_hi, 12, 31).toordinal()
        ordinal = self.rng.randint(lo, hi)
        seq = self._seq.get(ordinal, 0) + 1
        self._seq[ordinal] = seq
        return date.fromordinal(ordinal), seq

    def pns(self, year_lo: int, year_hi: int, gender: int, tahun: int) -> str:
        birth, seq = self._birth(year_lo, year_hi)
        tmt_year = min(tahun - 2, birth.year + self.rng.randint(22, 32))
        tmt_month = self.rng.choice((1, 1, 2, 3, 3, 4, 6, 12))
        return f"{birth:%Y%m%d}{tmt_year:04d}{tmt_month:02d}{gender}{seq:03d}"

    def pppk(self, year_lo: int, year_hi: int, gender: int, tahun: int) -> str:
        birth, seq = self._birth(year_lo, year_hi)
        year = self.rng.randint(max(2019, birth.year + 21), tahun - 1)
        return f"{birth:%Y%m%d}{year:04d}{PPPK_CODE}{gender}{seq:03d}"


def is_valid(nip: str) -> bool:
    """18 digits, real birth date, TMT month 1–12 (PNS) or the PPPK code, gender 1/2, seq ≥ 001."""
    if len(nip) != 18 or not nip.isdigit() or nip[14] not in "12" or nip[15:] == "000":
        return False
    try:
        date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return False
    return nip[12:14] == PPPK_CODE or 1 <= int(nip[12:14]) <= 12


def excel_number(nip: str) -> float:
    """The value Excel keeps of a NIP typed as a number (15 significant digits)."""
    return float(nip[:15] + "000")


def excel_detectable(nip: str) -> bool:
    """Whether every way a reader may print excel_number(nip) is an invalid NIP."""
    return not is_valid(str(int(excel_number(nip))))


def grouped(nip: str) -> str:
    """'19860926 201505 1 001' (PPPK: '19900315 2023 21 1 001')."""
    if nip[12:14] == PPPK_CODE:
        return f"{nip[:8]} {nip[8:12]} {nip[12:14]} {nip[14]} {nip[15:]}"
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def dotted(nip: str) -> str:
    return f"{nip[:8]}.{nip[8:14]}.{nip[14]}.{nip[15:]}"


def invalid(kind: str, valid: str, digits: int = 6) -> str:
    """Mangle a valid NIP into one of the INVALID_KINDS (``digits``: significant digits Excel
    shows for ``excel_sci``: 6 in a narrow General cell, up to 15 in a wide one)."""
    if kind == "digits17":
        return valid[:-1]
    if kind == "excel_sci":
        return f"{valid[0]},{valid[1:digits]}E+17"
    if kind == "month13":
        return valid[:4] + "13" + valid[6:]
    if kind == "day32":
        return valid[:6] + "32" + valid[8:]
    if kind == "gender3":
        return valid[:14] + "3" + valid[15:]
    if kind == "float000":
        return valid[:15] + "000"
    if kind == "underage":  # every part valid, but CPNS at 16: impossible together
        return valid[:8] + f"{int(valid[:4]) + 16:04d}06" + valid[14:]
    raise ValueError(kind)


def unique_invalid(kind: str, draw: Callable[[], str], seen: set[str], tries: int = 10_000) -> str:
    """An invalid NIP of ``kind`` not in ``seen`` (added to it), from valid NIPs ``draw()`` gives.

    Scientific notation with 6 significant digits has only as many texts as birth months drawn
    (84 for 1995-2001): after every 50 collisions one more digit is shown, up to Excel's 15,
    so the supply never runs out. A bounded loop: RuntimeError instead of hanging.
    """
    for attempt in range(tries):
        text = invalid(kind, draw(), min(15, 6 + attempt // 50))
        if text not in seen:
            seen.add(text)
            return text
    raise RuntimeError(f"no unused invalid NIP of kind {kind!r} after {tries} tries")


INVALID_NOTE = {
    "digits17": "NIP 17 digit",
    "excel_sci": "NIP rusak oleh Excel (notasi ilmiah)",
    "month13": "bulan lahir 13",
    "day32": "tanggal lahir 32",
    "gender3": "digit jenis kelamin 3",
    "float000": "nomor urut 000 akibat pembulatan float",
    "underage": "TMT CPNS pada usia 16 tahun (setiap bagian sah, mustahil bersama-sama)",
    "xlsx_number": "NIP tersimpan sebagai angka di lembar kerja",
}
