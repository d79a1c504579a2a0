"""Display helpers shared by the pages (Indonesian number and date formats, cube cells)."""

from __future__ import annotations

import math
import re
from datetime import date, datetime

from reports import privacy

MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip

Cell = int | str  # a shown count, a range ("28–31") or a mark ("<5", "x") from the suppressed cube


def angka(value: int | None) -> str:
    """Integer with Indonesian thousands separator (12.345)."""
    return privacy.render_count(value)


def cell_text(value: Cell) -> str:
    """Display text of a cube cell: ``12.345``, ``1.200–1.203``, or its mark."""
    return angka(value) if isinstance(value, int) else privacy.cell_display(value)


def shown(*values: Cell) -> bool:
    """True when every cell is a shown count."""
    return all(isinstance(v, int) for v in values)


def ratio(num: Cell, rest: Cell, total: Cell) -> float | None:
    """Percentage num/total (1 decimal) when num, rest and total are shown and total > 0."""
    if not shown(num, rest, total) or not total:
        return None
    return round(100.0 * int(num) / int(total), 1)


def ratio_bounds(num: Cell, rest: Cell, total: Cell) -> tuple[float, float] | None:
    """(lowest, highest) percentage num/total, 1 decimal rounded outwards, when num and total
    are shown counts or published ranges (``"96–99"`` of 100 SKP gives 96,0–99,0%).

    Only published cells are used, so the range tells nothing the page does not already say.
    None when either is an «x» or «<5», or the base may be zero.
    """
    n, t = privacy.parse_range(num), privacy.parse_range(total)
    if n is None or t is None or t[0] <= 0:
        return None
    if shown(num, rest, total):
        value = round(100.0 * int(num) / int(total), 1)
        return (value, value)
    low = min(100.0 * n[0] / t[1], 100.0)
    high = min(100.0 * n[1] / t[0], 100.0)
    return (math.floor(low * 10 + 1e-9) / 10, math.ceil(high * 10 - 1e-9) / 10)


def ratio_text(num: Cell, rest: Cell, total: Cell) -> str:
    """``83,5%``; a range ``96,0–99,0%`` when a count is published as a range; ``x`` when an
    input is hidden; ``–`` when the base is zero."""
    if shown(num, rest, total):
        value = ratio(num, rest, total)
        return "–" if value is None else privacy.format_percent(value, 1)
    bounds = ratio_bounds(num, rest, total)
    if bounds is None:
        return privacy.MARK_COMPLEMENT
    low, high = (privacy.format_percent(b, 1) for b in bounds)
    return low if low == high else f"{low[:-1]}{privacy.RANGE_DASH}{high}"


def assessed_text(pegawai: Cell, belum: Cell, dinilai: Cell) -> str:
    """Assessed count; with "<5" not assessed, "≥ pegawai-4" (no more than "<5" reveals); a
    range when pegawai or belum dinilai is published as one."""
    limit = privacy.small_limit(belum)
    if isinstance(pegawai, int) and limit is not None:
        return f"≥ {angka(max(pegawai - limit, 0))}"
    if not isinstance(dinilai, int):
        p, b = privacy.parse_range(pegawai), privacy.parse_range(belum)
        if p is not None and b is not None:
            low, high = max(p[0] - b[1], 0), max(p[1] - b[0], 0)
            return cell_text(low if low == high else privacy.range_text(low, high))
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
