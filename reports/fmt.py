"""Display helpers shared by the pages (Indonesian number and date formats, cube cells)."""

from __future__ import annotations

import re
from datetime import date, datetime

from reports import privacy

MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip

Cell = int | str  # a shown count, or a mark ("<5", "x") from the suppressed cube


def angka(value: int | None) -> str:
    """Integer with Indonesian thousands separator (12.345)."""
    return privacy.render_count(value)


def cell_text(value: Cell) -> str:
    """Display text of a cube cell: ``12.345`` or its mark."""
    return angka(value) if isinstance(value, int) else str(value)


def shown(*values: Cell) -> bool:
    """True when every cell is a shown count."""
    return all(isinstance(v, int) for v in values)


def ratio(num: Cell, rest: Cell, total: Cell) -> float | None:
    """Percentage num/total (1 decimal) when num, rest and total are shown and total > 0."""
    if not shown(num, rest, total) or not total:
        return None
    return round(100.0 * int(num) / int(total), 1)


def ratio_text(num: Cell, rest: Cell, total: Cell) -> str:
    """``83,5%``; ``x`` when an input is hidden; ``–`` when the base is zero."""
    if not shown(num, rest, total):
        return privacy.MARK_COMPLEMENT
    value = ratio(num, rest, total)
    return "–" if value is None else privacy.format_percent(value, 1)


def assessed_text(pegawai: Cell, belum: Cell, dinilai: Cell) -> str:
    """Assessed count; with "<5" not assessed, "≥ pegawai-4" (no more than "<5" reveals)."""
    if isinstance(pegawai, int) and belum == privacy.MARK_SMALL:
        return f"≥ {angka(max(pegawai - privacy.THRESHOLD + 1, 0))}"
    return cell_text(dinilai)


def dinilai(pegawai: Cell, belum: Cell) -> Cell:
    """Employees with a predikat: pegawai − belum dinilai, or "x" when either is hidden."""
    return pegawai - belum if isinstance(pegawai, int) and isinstance(belum, int) else "x"


def daftar(items: list[str]) -> str:
    """Indonesian enumeration: "a", "a dan b", "a, b, dan c"."""
    if len(items) <= 2:
        return " dan ".join(items)
    return ", ".join(items[:-1]) + ", dan " + items[-1]


def format_tanggal(text: str | None, *, with_time: bool = False) -> str | None:
    """ISO date/datetime -> "31 Januari 2025" (+ " pukul 05.29"); other text unchanged."""
    if text is None:
        return None
    raw = str(text).strip()
    try:
        dt = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        try:
            dt = datetime.combine(date.fromisoformat(raw), datetime.min.time())
        except ValueError:
            return raw
    out = f"{dt.day} {MONTHS_ID[dt.month - 1]} {dt.year}"
    if with_time and re.search(r"[T ]\d", raw):
        out += f" pukul {dt.hour:02d}.{dt.minute:02d}"
    return out
