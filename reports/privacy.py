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

import heapq
import random
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
    period sums); ``primary`` are the cells describing 1..THRESHOLD-1 people.

    Two steps, repeated until neither hides anything more:

    1. whenever an equation has exactly one hidden cell (it could be recovered by subtraction),
       its smallest non-zero shown part, or else its total, is hidden as well;
    2. equations can also be *combined* (a parent minus its other children, then a row sum …):
       for every hidden cell whose value still follows from the shown cells (:func:`recoverable`)
       the smallest shown cell of that formula is hidden as well.

    Because every view of the site renders from this one status list, no filter or page can
    show a combination of cells that reveals a hidden one.
    """
    status: list[Status] = [SHOWN] * len(values)
    for cell in primary:
        status[cell] = SMALL
    by_cell: dict[int, list[int]] = defaultdict(list)
    for e, (parts, total) in enumerate(equations):
        for cell in (*parts, total):
            by_cell[cell].append(e)
    queued = [False] * len(equations)
    queue: deque[int] = deque()
    newly_hidden: list[int] = []

    def hide(cell: int) -> None:
        status[cell] = COMPLEMENT
        newly_hidden.append(cell)
        for other in by_cell[cell]:
            if not queued[other]:
                queued[other] = True
                queue.append(other)

    def propagate() -> None:
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
            if pick is not None:
                hide(pick)

    for e in range(len(equations)):
        queued[e] = True
        queue.append(e)
    propagate()
    region = list(range(len(equations)))
    while region:
        newly_hidden.clear()
        for formula in _formulas([equations[e] for e in region], status, values).values():
            if any(status[x] != SHOWN for x in formula):
                continue  # an earlier pick of this round already broke it
            # The smallest shown cell of the formula; a zero only when nothing else is left.
            pick = min(formula, key=lambda x: (values[x] == 0, values[x], x))
            hide(pick)
        propagate()
        # Only the groups of hidden cells that just grew can have changed.
        region = _equations_around(newly_hidden, equations, by_cell, status)
    return status


def _equations_around(
    cells: Sequence[int],
    equations: Sequence[tuple[Sequence[int], int]],
    by_cell: dict[int, list[int]],
    status: Sequence[Status],
) -> list[int]:
    """Equations connected to ``cells`` through hidden cells (their groups of the system)."""
    seen_cells = set(cells)
    stack = list(cells)
    seen_eqs: set[int] = set()
    while stack:
        c = stack.pop()
        for e in by_cell[c]:
            if e in seen_eqs:
                continue
            seen_eqs.add(e)
            parts, total = equations[e]
            for x in (*parts, total):
                if status[x] != SHOWN and x not in seen_cells:
                    seen_cells.add(x)
                    stack.append(x)
    return sorted(seen_eqs)


_PRIME = (1 << 61) - 1  # arithmetic modulo a large prime stands in for exact rationals


def recoverable(
    equations: Sequence[tuple[Sequence[int], int]],
    status: Sequence[str],
    values: Sequence[int],
) -> list[int]:
    """Hidden cells whose value follows from the shown cells by combining the equations."""
    return sorted(_formulas(equations, status, values))


def _formulas(
    equations: Sequence[tuple[Sequence[int], int]],
    status: Sequence[str],
    values: Sequence[int],
) -> dict[int, dict[int, int]]:
    """For every recoverable hidden cell, the shown cells of a formula giving its value.

    Each equation is a row ``sum(parts) - total = 0``. Elimination runs on the hidden cells
    only (modulo a 61-bit prime; coefficients are 0 and ±1), carrying the shown cells along.
    A hidden cell is recoverable exactly when it is zero in every solution of the hidden part
    (checked on one random solution: a wrong "recoverable" has probability about 2**-61 and
    only hides one cell too many); the rows combining to it give ``cell = -Σ coef · shown``,
    which is kept only when it reproduces the cell's true value (input that does not add up
    cannot reveal anything). Deterministic (fixed seed).
    """
    pivots: dict[int, dict[int, int]] = {}  # lead hidden cell -> row with row[lead] == 1
    hidden_cells: set[int] = set()
    for parts, total in equations:
        row: dict[int, int] = {}
        for c in parts:
            row[c] = row.get(c, 0) + 1
        row[total] = row.get(total, 0) - 1
        row = {c: v % _PRIME for c, v in row.items() if v % _PRIME}
        hidden = [c for c in row if status[c] != SHOWN]
        if not hidden:
            continue
        hidden_cells.update(hidden)
        heap = hidden
        heapq.heapify(heap)
        while heap:  # clear pivot cells in increasing order: a pivot row only adds larger ones
            c = heapq.heappop(heap)
            f = row.get(c)
            if not f or c not in pivots:
                continue
            for k, v in pivots[c].items():
                if k not in row and status[k] != SHOWN:
                    heapq.heappush(heap, k)
                x = (row.get(k, 0) - f * v) % _PRIME
                if x:
                    row[k] = x
                else:
                    row.pop(k, None)
        lead = min((c for c in row if status[c] != SHOWN), default=None)
        if lead is None:
            continue
        inv = pow(row[lead], _PRIME - 2, _PRIME)
        pivots[lead] = {k: v * inv % _PRIME for k, v in row.items()}
    rng = random.Random(20220600)
    x = {c: rng.randrange(1, _PRIME) for c in hidden_cells if c not in pivots}
    for lead in sorted(pivots, reverse=True):  # every other hidden cell of a row is > its lead
        row = pivots[lead]
        x[lead] = -sum(v * x[k] for k, v in row.items() if k != lead and status[k] != SHOWN) % _PRIME
    out: dict[int, dict[int, int]] = {}
    for cell in sorted(c for c in hidden_cells if x[c] == 0):
        target = {cell: 1}
        shown: dict[int, int] = {}
        heap = [cell]
        while heap:
            c = heapq.heappop(heap)
            f = target.get(c)
            if not f:
                continue
            if c not in pivots:
                break  # not in the row space after all (cannot happen): leave it
            for k, v in pivots[c].items():
                part = shown if status[k] == SHOWN else target
                if part is target and k not in target:
                    heapq.heappush(heap, k)
                y = (part.get(k, 0) - f * v) % _PRIME
                if y:
                    part[k] = y
                else:
                    part.pop(k, None)
        if target:
            continue
        # target went from {cell: 1} to {} by subtracting rows: cell + Σ(-shown coef)·value = 0
        value = sum(v * values[k] for k, v in shown.items()) % _PRIME
        if value == values[cell] % _PRIME and shown:
            out[cell] = shown
    return out


def shown_or_mark(value: int, status: str) -> int | str:
    """A cell for embedded JSON: the count when shown, else its mark (never the raw value)."""
    return int(value) if status == SHOWN else render_count(value, status)
