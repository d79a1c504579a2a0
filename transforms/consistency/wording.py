"""Indonesian number wording for the consistency findings' details."""

from __future__ import annotations

import math

REVIEW = "Ini sinyal untuk ditinjau, bukan putusan."


def num(x: float | None, digits: int = 2) -> str:
    """12.345 -> '12,35' (Indonesian decimal comma); None/NaN -> '–'."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return f"{x:.{digits}f}".replace(".", ",")


def pct(x: float | None, digits: int = 1) -> str:
    """0.4567 -> '45,7 %'."""
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{num(100 * x, digits)} %"


def q_text(q: float | None) -> str:
    """A Benjamini–Hochberg q-value, small ones as '< 0,001'."""
    if q is None or (isinstance(q, float) and math.isnan(q)):
        return "–"
    return "< 0,001" if q < 0.001 else num(q, 3)
