"""Small-cell suppression for aggregate tables (pure functions over polars frames).

Rules (see the dashboard method notes):

* primary: a count of 1–4 people (``1 <= n < THRESHOLD``) is never shown; it renders as
  ``"<5"``. Zero is shown.
* complementary, per row: a row of *parts* adds up to a shown *total*; when exactly one part
  of a row is suppressed it could be recovered by subtraction, so the next-smallest non-zero
  shown part is suppressed too (rendered ``"x"``). If no such part exists the row total
  itself is suppressed.
* complementary, per column within a group (optional): when rows belong to a group whose
  column totals are published elsewhere (units within an instansi), a column with exactly
  one suppressed cell in a group gets its next-smallest non-zero cell suppressed as well.

Both complementary steps are repeated until nothing changes. Percentages derived from a
suppressed numerator or denominator are hidden too (:func:`share`).
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Sequence
from typing import Literal

import polars as pl

THRESHOLD = 5
SUFFIX = "__status"

Status = Literal["tampil", "kecil", "komplementer"]
SHOWN: Status = "tampil"
SMALL: Status = "kecil"
COMPLEMENT: Status = "komplementer"

MARK_SMALL = "<5"
MARK_COMPLEMENT = "x"


def is_small(value: int | None, threshold: int = THRESHOLD) -> bool:
    """True for a count of 1..threshold-1 people (zero and missing are not small)."""
    return value is not None and 1 <= value < threshold


def status_column(name: str) -> str:
    """Name of the status column that :func:`suppress` adds for ``name``."""
    return f"{name}{SUFFIX}"


def with_remainder(df: pl.DataFrame, parts: Sequence[str], total: str, name: str) -> pl.DataFrame:
    """Add ``name`` = max(total - sum(parts), 0), e.g. employees without an annual predikat.

    Include the remainder among the parts given to :func:`suppress` so that a small
    remainder (derivable from the shown total and parts) is protected as well.
    """
    rest = pl.col(total).fill_null(0) - pl.sum_horizontal([pl.col(p).fill_null(0) for p in parts])
    return df.with_columns(pl.max_horizontal(rest, pl.lit(0)).cast(pl.Int64).alias(name))


def _smallest_shown(
    cells: Sequence[tuple[int, str]], values: dict[tuple[int, str], int], status: dict
) -> tuple[int, str] | None:
    """The shown cell with the smallest non-zero value (first in order on ties)."""
    best: tuple[int, str] | None = None
    for cell in cells:
        if (
            status[cell] == SHOWN
            and values[cell] > 0
            and (best is None or values[cell] < values[best])
        ):
            best = cell
    return best


def suppress(
    df: pl.DataFrame,
    parts: Sequence[str],
    *,
    total: str | None = None,
    group: str | None = None,
    threshold: int = THRESHOLD,
) -> pl.DataFrame:
    """Return ``df`` with a status column (:func:`status_column`) per part and the total.

    ``parts`` are count columns that together make up ``total`` within a row (include a
    remainder column from :func:`with_remainder` if the parts do not cover the total).
    ``group`` names a column whose groups have published column totals (enables the
    per-column complementary step). Statuses are ``"tampil"``, ``"kecil"``, ``"komplementer"``.
    The input frame is not modified; nulls count as zero.
    """
    cols = list(parts) + ([total] if total else [])
    n = df.height
    values: dict[tuple[int, str], int] = {}
    for c in cols:
        for i, v in enumerate(df.get_column(c).to_list()):
            values[(i, c)] = int(v or 0)
    status: dict[tuple[int, str], Status] = {
        cell: (SMALL if is_small(v, threshold) else SHOWN) for cell, v in values.items()
    }

    groups: dict[object, list[int]] = defaultdict(list)
    if group is not None:
        for i, g in enumerate(df.get_column(group).to_list()):
            groups[g].append(i)

    changed = True
    while changed:
        changed = False
        # Row step: a lone suppressed part can be recovered from the row total.
        for i in range(n):
            row = [(i, c) for c in parts]
            hidden = [cell for cell in row if status[cell] != SHOWN]
            if len(hidden) != 1:
                continue
            pick = _smallest_shown(row, values, status)
            if pick is None and total and status[(i, total)] == SHOWN:
                pick = (i, total)
            if pick is not None:
                status[pick] = COMPLEMENT
                changed = True
        # Column step: a lone suppressed cell in a group can be recovered from the group total.
        for members in groups.values():
            for c in cols:
                column = [(i, c) for i in members]
                hidden = [cell for cell in column if status[cell] != SHOWN]
                if len(hidden) != 1:
                    continue
                pick = _smallest_shown(column, values, status)
                if pick is not None:
                    status[pick] = COMPLEMENT
                    changed = True

    return df.with_columns(
        pl.Series(status_column(c), [status[(i, c)] for i in range(n)], dtype=pl.String)
        for c in cols
    )


def render_count(value: int | None, status: str = SHOWN) -> str:
    """Display text of a count: Indonesian thousands separator, or the suppression mark."""
    if status == SMALL:
        return MARK_SMALL
    if status == COMPLEMENT:
        return MARK_COMPLEMENT
    if value is None:
        return "–"
    return f"{int(value):,}".replace(",", ".")


def share(
    numerator: int | None,
    denominator: int | None,
    *statuses: str,
    digits: int = 0,
) -> float | None:
    """Percentage numerator/denominator, or None when any input is suppressed or the base is 0."""
    if any(s != SHOWN for s in statuses) or not denominator or numerator is None:
        return None
    return round(100.0 * numerator / denominator, digits)


def share_text(
    numerator: int | None,
    denominator: int | None,
    *statuses: str,
    digits: int = 0,
) -> str:
    """Display text of numerator/denominator as a percentage (``83,5%``).

    ``"x"`` when any input is suppressed, ``"–"`` when there is no base.
    """
    if any(s != SHOWN for s in statuses):
        return MARK_COMPLEMENT
    value = share(numerator, denominator, digits=digits)
    if value is None:
        return "–"
    return format_percent(value, digits)


def format_percent(value: float, digits: int = 0) -> str:
    """``83.456`` -> ``"83,5%"`` (digits=1): Indonesian decimal comma, dot thousands."""
    text = f"{value:,.{digits}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{text}%"


def suppress_linear(
    values: Sequence[int],
    equations: Sequence[tuple[Sequence[int], int]],
    primary: Sequence[int],
) -> list[Status]:
    """Suppression over a whole set of cells tied by additive equations (one status per cell).

    ``values`` holds every published cell (a flat list, cells are indices); ``equations`` are
    ``(parts, total)`` with ``sum(values[parts]) == values[total]`` (row sums, hierarchy sums,
    period sums); ``primary`` are the cells describing 1..THRESHOLD-1 people. Whenever an
    equation has exactly one hidden cell (it could be recovered by subtraction), its smallest
    non-zero shown part, or else its total, is hidden as well; repeated until no equation has a
    lone hidden cell. Because every view of the site renders from this one status list, no
    filter or page can show a combination of cells that reveals a hidden one.
    """
    status: list[Status] = [SHOWN] * len(values)
    for cell in primary:
        status[cell] = SMALL
    by_cell: dict[int, list[int]] = defaultdict(list)
    for e, (parts, total) in enumerate(equations):
        for cell in (*parts, total):
            by_cell[cell].append(e)
    queue = deque(range(len(equations)))
    queued = [True] * len(equations)
    while queue:
        e = queue.popleft()
        queued[e] = False
        parts, total = equations[e]
        hidden = sum(status[c] != SHOWN for c in parts) + (status[total] != SHOWN)
        if hidden != 1:
            continue
        pick: int | None = None
        for c in parts:
            if status[c] == SHOWN and values[c] > 0 and (pick is None or values[c] < values[pick]):
                pick = c
        if pick is None and status[total] == SHOWN and values[total] > 0:
            pick = total
        if pick is None:
            continue
        status[pick] = COMPLEMENT
        for other in by_cell[pick]:
            if not queued[other]:
                queued[other] = True
                queue.append(other)
    return status


def shown_or_mark(value: int, status: str) -> int | str:
    """A cell for embedded JSON: the count when shown, else its mark (never the raw value)."""
    return int(value) if status == SHOWN else render_count(value, status)
