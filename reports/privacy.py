"""Small-cell suppression for aggregate tables (pure functions over polars frames and lists).

Rules (see docs/dasbor.md, "Privasi"):

* primary: a count of 1..threshold-1 people (``1 <= n < threshold``, default 5) is never
  shown; it renders as ``"<5"`` (``"<N"`` for threshold N). Zero is shown.
* :func:`suppress_linear` (the site's cube, :mod:`reports.hierarchy`): every cell tied by
  additive equations is suppressed at once so that no hidden cell follows from the shown ones
  — not by one subtraction, not by combining equations, and not from the bounds the marks
  give («<5» is 1..4, a hidden count of people that is not «<5» is 0 or >= 5). Complements
  are chosen to hide as little as possible, and :func:`published_bounds` gives the range each
  hidden cell is already known to lie in, published instead of ``"x"`` (``"28–31"``).
* :func:`suppress` (a simpler per-row / per-column rule over a frame): when exactly one part of
  a row is suppressed the next-smallest non-zero shown part is suppressed too (``"x"``), else
  the row total; optionally the same per column within a group. Repeated until nothing changes.

Percentages derived from a suppressed numerator or denominator are hidden (:func:`share`);
those of a published range are ranges (reports.fmt.ratio_text).
"""

from __future__ import annotations

import heapq
import random
from collections import defaultdict, deque
from collections.abc import Collection, Mapping, Sequence
from typing import Literal

import numpy as np
import polars as pl

from transforms.gc_pause import without_gc

THRESHOLD = 5
SUFFIX = "__status"

Status = Literal["tampil", "kecil", "komplementer"]
SHOWN: Status = "tampil"
SMALL: Status = "kecil"
COMPLEMENT: Status = "komplementer"

MARK_COMPLEMENT = "x"
RANGE_DASH = "–"  # en dash: "28–31"


def mark_small(threshold: int = THRESHOLD) -> str:
    """The mark of a cell of 1..threshold-1 people: ``"<5"``."""
    return f"<{int(threshold)}"


MARK_SMALL = mark_small()
PIN_SEARCH_DEPTH = 5  # equations followed back from a pinned cell to find a complement
EXACT_MAX_CELLS = 200  # groups of linked hidden cells solved exactly (larger: propagation only)
EXACT_SAMPLES = 12  # solutions tried per group before each remaining cell is checked alone
PIN_ATTEMPTS = 3  # complements tried for one pinned cell before it counts as pinned by marks
ENUMERATE_MAX = 65536  # combinations of a group's bounds tried directly instead of HiGHS
PIN_CACHE_SIZE = 200_000  # group shapes whose pins are remembered per process
SEARCH_BUDGET = 20_000  # equation checks the exact search may spend on a group (0: HiGHS)
SEARCH_DEPTH = 300  # nested branches of the exact search before it gives up as well
CERTIFY_MIN = 1000  # equations from which _formulas first tries to prove nothing follows
CERTIFY_WIDE = 64  # ... when one of them holds this many hidden cells
_PIN_CACHE: dict[tuple, tuple[int, ...]] = {}


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


def render_count(value: int | None, status: str = SHOWN, threshold: int = THRESHOLD) -> str:
    """Display text of a count: Indonesian thousands separator, or the suppression mark."""
    if status == SMALL:
        return mark_small(threshold)
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


@without_gc
def suppress_linear(
    values: Sequence[int],
    equations: Sequence[tuple[Sequence[int], int]],
    primary: Sequence[int],
    *,
    threshold: int = THRESHOLD,
    people: Collection[int] | None = None,
    prefer: Collection[int] = (),
    known: Mapping[int, Bound] | None = None,
    hidden: Collection[int] = (),
) -> list[Status]:
    """Suppression over a whole set of cells tied by additive equations (one status per cell).

    ``values`` holds every published cell (a flat list, cells are indices); ``equations`` are
    ``(parts, total)`` with ``sum(values[parts]) == values[total]`` (row sums, hierarchy sums,
    period sums); ``primary`` are the cells hidden for their own sake (1..threshold-1 people).
    ``people`` are the cells that count people (default: every cell): a primary people cell is
    known to hold 1..threshold-1 («<5»), a hidden people cell that is not primary holds 0 or at
    least ``threshold`` (every 1..threshold-1 is primary), and a primary cell that does not
    count people (evidence periods of a unit with under ``threshold`` reporters) says nothing
    of its value. That is what a reader of the published method knows, and it is used here.

    Three steps, repeated until none hides anything more:

    1. whenever an equation has exactly one hidden cell (it could be recovered by subtraction),
       one of its shown cells is hidden as well;
    2. equations can also be *combined* (a parent minus its other children, then a row sum …):
       for every hidden cell whose value still follows from the shown cells (:func:`recoverable`)
       one shown cell of that formula is hidden as well;
    3. the bounds above (``«<5»`` is 1..4, counts are never negative) can pin a cell even when
       no combination of equations gives it (two «<5» cells adding up to 2 are both 1): every
       hidden cell whose :func:`published_bounds` leave a single value gets one shown cell of
       the equations that pinned it hidden as well.

    The complement is chosen to hide as little as possible: the cell whose hiding leaves the
    fewest equations with a lone hidden cell (and closes the most such equations), then the
    smallest count, a zero only when nothing else is left. A complement need not be an «x»:
    its :func:`published_bounds` (e.g. 28–31 of a 36-person row whose other hidden cells are
    two «<5») follow from what is shown and are published as a range (:func:`shown_or_mark`).

    ``prefer`` are detail cells (a breakdown only some views show, such as the jenis jabatan
    of a unit) hidden as complements before any other cell of the same cost class, so that
    protecting a small cell of the breakdown costs the main table as little as possible.
    ``known`` gives bounds a reader already has for some hidden cells from elsewhere (another
    publication of the same cells): every bound check starts from them; ``hidden`` are cells
    hidden from the start as complements (already hidden there).

    Because every view of the site renders from this one status list, no filter or page can
    show a combination of cells that reveals a hidden one.
    """
    if not primary and not hidden:
        return [SHOWN] * len(values)  # nothing hidden: no equation can reveal anything
    return _Suppressor(values, equations, primary, threshold, people, prefer, known, hidden).run()


class _Suppressor:
    """State of one :func:`suppress_linear` run."""

    def __init__(
        self,
        values: Sequence[int],
        equations: Sequence[tuple[Sequence[int], int]],
        primary: Sequence[int],
        threshold: int,
        people: Collection[int] | None,
        prefer: Collection[int] = (),
        known: Mapping[int, Bound] | None = None,
        hidden: Collection[int] = (),
    ) -> None:
        self.values = values
        self.equations = equations
        self.threshold = threshold
        self.people = people
        self.prefer = frozenset(prefer)
        self.known = known
        self.status: list[Status] = [SHOWN] * len(values)
        for cell in hidden:
            self.status[cell] = COMPLEMENT
        for cell in primary:
            self.status[cell] = SMALL
        self.rows = _coefficients(equations)
        self.terms = _HiddenTerms(self.rows, self.status, values)
        self.by_cell: dict[int, list[int]] = defaultdict(list)
        for e, (parts, total) in enumerate(equations):
            for cell in dict.fromkeys((*parts, total)):
                self.by_cell[cell].append(e)
        self.hidden_in = [
            sum(self.status[c] != SHOWN for c in dict.fromkeys((*parts, total)))
            for parts, total in equations
        ]
        self.totals = [0] * len(values)  # equations whose total a cell is (pegawai: one per row)
        for _, total in equations:
            self.totals[total] += 1
        self.queued = [False] * len(equations)
        self.queue: deque[int] = deque()
        self.newly_hidden: list[int] = []
        self.inherent: set[int] = set()
        self.attempts: dict[int, int] = {}
        self.hidden_count = 0  # complements hidden so far: the status changes only then
        self._last_bounds: tuple[tuple, _Bounds] | None = None

    def cost(self, cell: int) -> tuple[bool, bool, int, bool, int, bool, int, int]:
        """Sort key of a candidate complement: what hiding it costs (lowest first).

        A zero only when nothing else is left; a row total (pegawai: the base of every share
        of its row) only when no part is left; then the cell whose hiding leaves the fewest
        equations where only a row total would be left to hide, then a preferred (detail) cell,
        then the fewest equations with a lone hidden cell (minus those it closes); then one that cannot end up pinned next to
        a «<5» (a hidden people count of 5 beside 1–4 summing to 6 is 5, since it cannot be
        1–4): at least 2·threshold − 1; then the smallest.
        """
        opened = 0  # equations that would be left with a lone hidden cell, minus those closed
        forced = 0  # of those, the ones where only a row total would be left to hide
        for e in self.by_cell[cell]:
            hidden = self.hidden_in[e]
            opened += (hidden == 0) - (hidden == 1)
            if hidden == 0:
                parts, total = self.equations[e]
                forced += all(
                    self.totals[c] > 1
                    for c in (*parts, total)
                    if c != cell and self.values[c] > 0 and self.status[c] == SHOWN
                )
        v = self.values[cell]
        risky = v < 2 * self.threshold - 1 and (self.people is None or cell in self.people)
        return (v == 0, self.totals[cell] > 1, forced, cell not in self.prefer, opened, risky, v, cell)

    def hide(self, cell: int) -> None:
        self.status[cell] = COMPLEMENT
        self.hidden_count += 1
        self.terms.forget(self.by_cell[cell])
        self.newly_hidden.append(cell)
        for e in self.by_cell[cell]:
            self.hidden_in[e] += 1
            if not self.queued[e]:
                self.queued[e] = True
                self.queue.append(e)

    def propagate(self) -> None:
        """Step 1 until no equation has a lone hidden cell it can still be protected by."""
        status, values = self.status, self.values
        while self.queue:
            e = self.queue.popleft()
            self.queued[e] = False
            if self.hidden_in[e] != 1:
                continue
            parts, total = self.equations[e]
            shown = [c for c in (*parts, total) if status[c] == SHOWN and values[c] > 0]
            if shown:
                self.hide(min(shown, key=self.cost))

    def inherent_pins(self) -> set[int]:
        """Primary cells that the marks alone pin, whatever else is hidden: with every non-zero
        count hidden, four «<5» subunits under a «<5» parent are still 1 each. No complement
        can protect them (only another way of publishing could); they are left as they are."""
        marks_only: list[Status] = [
            s if s != SHOWN or self.values[c] == 0 else COMPLEMENT
            for c, s in enumerate(self.status)
        ]
        bounds = _Bounds(
            self.values, self.equations, marks_only, self.threshold, self.people, self.known,
            _HiddenTerms(self.rows, marks_only, self.values),
        )
        by_cell: dict[int, list[int]] = {
            c: es for c, es in self.by_cell.items() if marks_only[c] != SHOWN
        }
        bounds.run(
            [e for e in range(len(self.equations)) if self.hidden_in_marks(e, marks_only)], by_cell
        )
        return {c for c in bounds.pinned() if self.status[c] == SMALL}

    def hidden_in_marks(self, e: int, status: Sequence[str]) -> bool:
        parts, total = self.equations[e]
        return status[total] == SMALL or any(status[c] == SMALL for c in parts)

    def run(self) -> list[Status]:
        self.inherent = self.inherent_pins()
        for e in range(len(self.equations)):
            self.queued[e] = True
            self.queue.append(e)
        self.propagate()
        dirty = list(range(len(self.equations)))
        unchecked: set[int] = set(dirty)  # equations not yet through the exact check
        while dirty:
            touched: list[int] = []
            region = dirty
            while region:  # step 2 until nothing follows by combining equations
                self.newly_hidden.clear()
                formulas = _formulas(
                    [self.equations[e] for e in region], self.status, self.values,
                    [self.rows[e] for e in region], [self.terms.of(e)[0] for e in region],
                )
                for formula in formulas.values():
                    if any(self.status[x] != SHOWN for x in formula):
                        continue  # an earlier pick of this round already broke it
                    self.hide(min(formula, key=self.cost))
                self.propagate()
                touched += self.newly_hidden
                # Only the groups of hidden cells that just grew can have changed.
                region = _equations_around(
                    self.newly_hidden, self.equations, self.by_cell, self.status
                )
            around = _equations_around(touched, self.equations, self.by_cell, self.status)
            self.newly_hidden.clear()
            self.unpin(sorted(set(dirty) | set(around)), exact=False)  # step 3
            self.propagate()
            dirty = _equations_around(self.newly_hidden, self.equations, self.by_cell, self.status)
            unchecked.update(dirty)
            if not dirty and unchecked:  # settled: the exact check, once, where things changed
                region = _equations_around(
                    sorted(
                        {c for e in unchecked for c in self._cells(e) if self.status[c] != SHOWN}
                    ),
                    self.equations,
                    self.by_cell,
                    self.status,
                )
                unchecked.clear()
                self.newly_hidden.clear()
                self.unpin(region, exact=True)
                self.propagate()
                dirty = _equations_around(
                    self.newly_hidden, self.equations, self.by_cell, self.status
                )
                unchecked.update(dirty)
        return self.status

    def _cells(self, e: int) -> tuple[int, ...]:
        parts, total = self.equations[e]
        return (*parts, total)

    def unpin(self, region: Sequence[int], *, exact: bool) -> None:
        """Step 3 over ``region`` (whole groups of hidden cells); ``exact`` adds the integer
        check of :meth:`_Bounds.exact_pins` for the «<5» cells the propagation left open."""
        bounds = self.bounds(region)
        pinned = [
            c for c in bounds.pinned() if self.status[c] == SMALL and c not in self.inherent
        ]  # a complement's bounds protect nothing; some cells are pinned by the marks alone
        if exact:
            pinned += bounds.exact_pins(
                [
                    c
                    for c, lo in bounds.lo.items()
                    if self.status[c] == SMALL
                    and c not in self.inherent
                    and bounds.hi[c] is not None
                    and lo < bounds.hi[c]
                ]
            )
        broken: set[int] = set()
        for cell in sorted(pinned):
            reasons = list(dict.fromkeys([*bounds.reasons(cell), *self.by_cell[cell]]))
            if not broken.isdisjoint(reasons):
                continue  # this round already loosened an equation it rests on: next round
            self.attempts[cell] = self.attempts.get(cell, 0) + 1
            if self.attempts[cell] > PIN_ATTEMPTS:
                self.inherent.add(cell)  # complements around it did not help: leave it
                continue
            pick = self._pick_from(reasons, bounds)
            if pick is not None:
                # The equations it loosens, and those of their hidden cells: the bounds of the
                # cells pinned through them may change, so those wait for the next round.
                for e in self.by_cell[pick]:
                    broken.add(e)
                    parts, total = self.equations[e]
                    for c in (*parts, total):
                        if self.status[c] != SHOWN:
                            broken.update(self.by_cell[c])
                self.hide(pick)

    def bounds(self, region: Sequence[int]) -> _Bounds:
        """The propagated bounds over ``region``; the last ones again when neither the region
        nor any status changed since (the exact check follows a step 3 that hid nothing)."""
        key = (self.hidden_count, tuple(region))
        if self._last_bounds is not None and self._last_bounds[0] == key:
            return self._last_bounds[1]
        bounds = _Bounds(
            self.values, self.equations, self.status, self.threshold, self.people, self.known,
            self.terms,
        )
        bounds.run(region, self.by_cell)
        self._last_bounds = (key, bounds)
        return bounds

    def _pick_from(self, reasons: list[int], bounds: _Bounds) -> int | None:
        """The cheapest shown non-zero cell of the equations that pinned a cell, or of the
        equations that pinned the other hidden cells of those (a few steps back): a row total
        such as pegawai only when nothing else is found, then the nearest, then the cheapest."""
        seen: set[int] = set()
        level = reasons
        best: tuple | None = None
        pick: int | None = None
        for depth in range(PIN_SEARCH_DEPTH):
            following: list[int] = []
            for e in level:
                if e in seen:
                    continue
                seen.add(e)
                parts, total = self.equations[e]
                for c in (*parts, total):
                    if self.status[c] != SHOWN:
                        following += bounds.reasons(c)
                    elif self.values[c] > 0:  # a hidden zero next to these would be pinned too
                        cost = self.cost(c)
                        key = (cost[1], cost[2], depth, *cost[3:])
                        if best is None or key < best:
                            best, pick = key, c
            if best is not None and not best[0] and not best[1]:
                break  # a cell that is not (and forces no) row total: nothing further is better
            level = following
            if not level:
                break
        return pick


Bound = tuple[int, int | None]  # lowest and highest possible value (None: no upper bound)


@without_gc
def published_bounds(
    values: Sequence[int],
    equations: Sequence[tuple[Sequence[int], int]],
    status: Sequence[str],
    *,
    threshold: int = THRESHOLD,
    people: Collection[int] | None = None,
    known: Mapping[int, Bound] | None = None,
) -> dict[int, Bound]:
    """What the published cells tell about each hidden cell: ``{cell: (lowest, highest)}``.

    Only published facts are used: the shown counts, the equations, counts are never negative,
    «<5» on a people cell is 1..threshold-1, and a hidden people cell that is not «<5» is 0 or
    at least ``threshold`` (see :func:`suppress_linear`). Each equation narrows the bounds of
    its hidden cells from the bounds of the others until nothing changes, so publishing these
    bounds (as a range such as "28–31") tells a reader nothing the page did not already say.
    A bound that contradicts the true value (input that does not add up) is dropped.
    """
    if all(s == SHOWN for s in status):
        return {}
    bounds = _Bounds(values, equations, status, threshold, people, known)
    by_cell: dict[int, list[int]] = defaultdict(list)
    for e, (parts, total) in enumerate(equations):
        for cell in dict.fromkeys((*parts, total)):
            if status[cell] != SHOWN:
                by_cell[cell].append(e)
    bounds.run([e for cells in by_cell.values() for e in cells], by_cell)
    out: dict[int, Bound] = {}
    for cell in by_cell:
        lo, hi = bounds.lo[cell], bounds.hi[cell]
        if lo <= values[cell] and (hi is None or values[cell] <= hi):
            out[cell] = (lo, hi)
    for cell, s in enumerate(status):  # hidden cells in no equation: what their mark says
        if s != SHOWN and cell not in out:
            out[cell] = bounds.start(cell)
    return out


class _Bounds:
    """Interval propagation over the hidden cells of some equations (bounds consistency)."""

    def __init__(
        self,
        values: Sequence[int],
        equations: Sequence[tuple[Sequence[int], int]],
        status: Sequence[str],
        threshold: int,
        people: Collection[int] | None,
        known: Mapping[int, Bound] | None = None,
        terms: _HiddenTerms | None = None,
    ) -> None:
        self.values = values
        self.equations = equations
        self.terms = terms or _HiddenTerms(_coefficients(equations), status, values)
        self.known = known or {}
        self.status = status
        self.threshold = threshold
        self.people = people
        self.lo: dict[int, int] = {}
        self.hi: dict[int, int | None] = {}
        self.why: dict[int, list[int]] = {}  # equations that last raised lo / lowered hi
        self.system: dict[int, tuple[list[tuple[int, int]], int]] = {}

    def counts_people(self, cell: int) -> bool:
        return self.people is None or cell in self.people

    def start(self, cell: int) -> Bound:
        """What a cell's mark says («<5»: 1..threshold-1), within what is ``known`` of it."""
        people = self.people
        if self.status[cell] == SMALL and (people is None or cell in people):
            lo, hi = 1, self.threshold - 1
        else:
            lo, hi = 0, None
        known = self.known.get(cell)
        if known is not None:
            k_lo, k_hi = known
            lo = max(lo, k_lo)
            hi = k_hi if hi is None else hi if k_hi is None else min(hi, k_hi)
        return lo, hi

    def tighten(self, cell: int, lo: int, hi: int | None) -> tuple[int, int | None]:
        """A hidden people cell that is not «<5» is 0 or >= threshold."""
        if self.status[cell] != SMALL and self.counts_people(cell):
            if lo >= 1:
                lo = max(lo, self.threshold)
            if hi is not None and hi < self.threshold:
                hi = 0
        return lo, hi

    def run(self, region: Sequence[int], by_cell: dict[int, list[int]]) -> None:
        """Narrow the bounds of the hidden cells of the equations in ``region`` until nothing
        changes (or a budget of changes runs out: every bound stays valid)."""
        system = self._system(region)
        self.system.update(system)
        self._narrow(system, by_cell, 50 * len(self.lo) + 10_000)

    def _system(self, region: Sequence[int]) -> dict[int, tuple[list[tuple[int, int]], int]]:
        """Per equation with hidden cells: sum(a * x over them) == rhs (:class:`_HiddenTerms`);
        the bounds of cells seen for the first time start from :meth:`start`."""
        lo, hi, why, of = self.lo, self.hi, self.why, self.terms.of
        system: dict[int, tuple[list[tuple[int, int]], int]] = {}
        for e in dict.fromkeys(region):
            hidden, rhs = of(e)
            if hidden:
                system[e] = (hidden, rhs)
                for c, _ in hidden:
                    if c not in lo:
                        lo[c], hi[c] = self.start(c)
                        why[c] = []
        return system

    def _narrow(
        self,
        system: dict[int, tuple[list[tuple[int, int]], int]],
        by_cell: dict[int, list[int]],
        budget: int,
    ) -> None:
        """The propagation of :meth:`run`, equation by equation in queue order; every change
        queues the cell's other equations again and costs one unit of ``budget``."""
        lo, hi, why, revise = self.lo, self.hi, self.why, self._revise
        queue = deque(system)
        queued = dict.fromkeys(system, True)
        while queue and budget > 0:
            e = queue.popleft()
            queued[e] = False
            for c, lo2, hi2 in revise(*system[e]):
                budget -= 1
                lo[c], hi[c] = lo2, hi2
                last = why[c]  # the last two equations that narrowed it, newest first
                why[c] = [e, last[0]] if last and last[0] != e else [e, *last[1:2]] if last else [e]
                for other in by_cell[c]:
                    if queued.get(other) is False:
                        queued[other] = True
                        queue.append(other)

    def _revise(
        self, hidden: list[tuple[int, int]], rhs: int
    ) -> list[tuple[int, int, int | None]]:
        """The narrower bounds ``sum(a * x) == rhs`` gives its cells, each from the bounds all
        of them have now: (cell, lo, hi) for those that change."""
        lo, hi = self.lo, self.hi
        low_sum = high_sum = low_inf = high_inf = 0  # over the terms, and how many unbounded
        for c, a in hidden:
            top = hi[c]
            if a > 0:
                low_sum += a * lo[c]
                if top is None:
                    high_inf += 1
                else:
                    high_sum += a * top
            else:
                if top is None:
                    low_inf += 1
                else:
                    low_sum += a * top
                high_sum += a * lo[c]
        out: list[tuple[int, int, int | None]] = []
        if low_inf > 1 and high_inf > 1:
            return out  # every term has other unbounded terms on both sides: nothing follows
        for c, a in hidden:
            old_lo, old_hi = lo[c], hi[c]
            if low_inf or high_inf or (a != 1 and a != -1):
                new_lo, new_hi = _term_bounds(
                    a, old_lo, old_hi, rhs, low_sum, high_sum, low_inf, high_inf
                )
                lo2 = old_lo if new_lo is None or new_lo <= old_lo else new_lo
                if new_hi is None or (old_hi is not None and new_hi >= old_hi):
                    hi2 = old_hi
                else:
                    hi2 = new_hi
            else:  # all bounded: x == rhs - (the others), or (the others) - rhs
                if a == 1:
                    lo2, hi2 = rhs - high_sum + old_hi, rhs - low_sum + old_lo
                else:
                    lo2, hi2 = low_sum + old_hi - rhs, high_sum + old_lo - rhs
                if lo2 <= old_lo and hi2 >= old_hi:
                    continue
                if lo2 < old_lo:
                    lo2 = old_lo
                if hi2 > old_hi:
                    hi2 = old_hi
            if lo2 == old_lo and hi2 == old_hi:
                continue
            lo2, hi2 = self.tighten(c, lo2, hi2)
            if hi2 is None or lo2 <= hi2:  # else input that does not add up: keep what was known
                out.append((c, lo2, hi2))
        return out

    def exact_pins(self, cells: Sequence[int]) -> list[int]:
        """Those of ``cells`` that the published facts pin once the equations are combined with
        whole numbers (per group of linked hidden cells: an exact search, :class:`_Search`, or
        an integer program, HiGHS through scipy, when the search runs out of budget):
        ``a + b = 10``, ``c + b = 11``, ``a + c + d = 12`` and ``e + d = 12`` with
        «<5» a, c and e and hidden counts b, d leave b = 9. Interval propagation alone stops
        at 8..9. Groups of more than EXACT_MAX_CELLS hidden cells are left to the propagation
        (on realistic bundles it already finds every pin: tests/browser/test_recompute.py)."""
        if not cells:
            return []
        parent: dict[int, int] = {}

        def find(c: int) -> int:
            parent.setdefault(c, c)
            while parent[c] != c:
                parent[c] = parent[parent[c]]
                c = parent[c]
            return c

        for hidden, _ in self.system.values():
            first = find(hidden[0][0])
            for c, _ in hidden[1:]:
                parent[find(c)] = first
        groups: dict[int, list[int]] = defaultdict(list)
        for c in self.lo:
            groups[find(c)].append(c)
        rows: dict[int, list[tuple[list[tuple[int, int]], int]]] = defaultdict(list)
        for hidden, rhs in self.system.values():
            rows[find(hidden[0][0])].append((hidden, rhs))
        targets: dict[int, list[int]] = defaultdict(list)
        for c in cells:
            targets[find(c)].append(c)
        out: list[int] = []
        for root, goal in targets.items():
            members = groups[root]
            if len(members) > EXACT_MAX_CELLS:
                continue  # too large to solve on every build: interval propagation only
            out += self._group_pins(members, goal, rows[root])
        return out

    def _group_pins(
        self, members: list[int], goal: list[int], rows: list[tuple[list[tuple[int, int]], int]]
    ) -> list[int]:
        """:meth:`exact_pins` for one group of linked hidden cells.

        The answer depends only on the group's shape (bounds, marks, values, equations), so
        groups of the same shape (common among small units) are solved once per process. The
        exact search (:class:`_Search`) answers almost every group; one that outruns its budget
        is enumerated when its bounds leave few combinations, else it goes to HiGHS."""
        order = sorted(members)
        index = {c: k for k, c in enumerate(order)}
        shape: Shape = (
            tuple(
                (self.lo[c], self.hi[c], self.status[c] == SMALL, self.counts_people(c), self.values[c])
                for c in order
            ),
            tuple(sorted((tuple(sorted((index[c], a) for c, a in h)), rhs) for h, rhs in rows)),
            tuple(sorted(index[c] for c in goal)),
        )
        key = (self.threshold, shape)
        found = _PIN_CACHE.get(key)
        if found is None:
            found = _searched_pins(shape, self.threshold)
            if found is None:  # out of budget: the slower exact ways
                pins = self._enumerated_pins(order, goal, rows)
                if pins is None:
                    pins = self._solved_pins(order, goal, rows)
                found = tuple(sorted(index[c] for c in pins))
            if len(_PIN_CACHE) >= PIN_CACHE_SIZE:
                _PIN_CACHE.clear()
            _PIN_CACHE[key] = found
        return [order[k] for k in found]

    def _feasible_value(self, cell: int) -> np.ndarray:
        """The values a cell's own facts allow within its bounds (hi must be finite)."""
        lo, hi = self.lo[cell], self.hi[cell]
        values = np.arange(lo, hi + 1, dtype=np.int64)
        if self.status[cell] != SMALL and self.counts_people(cell):
            values = values[(values == 0) | (values >= self.threshold)]
        return values

    def _enumerated_pins(
        self, members: list[int], goal: list[int], rows: list[tuple[list[tuple[int, int]], int]]
    ) -> list[int] | None:
        """:meth:`_group_pins` by trying every combination the bounds leave, when they are
        few (``None``: too many, or a cell without an upper bound)."""
        if any(self.hi[c] is None for c in members):
            return None
        combos = 1
        for c in members:
            combos *= self.hi[c] - self.lo[c] + 1
            if combos > ENUMERATE_MAX:
                return None
        points = np.zeros((1, 0), dtype=np.int64)  # one row per combination
        for c in members:
            values = self._feasible_value(c)
            points = np.hstack(
                [np.repeat(points, len(values), axis=0), np.tile(values, len(points))[:, None]]
            )
        index = {c: k for k, c in enumerate(members)}
        ok = np.ones(len(points), dtype=bool)
        for hidden, rhs in rows:
            total = np.zeros(len(points), dtype=np.int64)
            for c, a in hidden:
                total += a * points[:, index[c]]
            ok &= total == rhs
        feasible = points[ok]
        if not len(feasible):
            return []  # input that does not add up: nothing to pin
        return [
            c
            for c in goal
            if (feasible[:, index[c]] == self.values[c]).all()
        ]

    def _solved_pins(
        self, members: list[int], goal: list[int], rows: list[tuple[list[tuple[int, int]], int]]
    ) -> list[int]:
        """:meth:`_group_pins` as integer programs (HiGHS through scipy)."""
        from scipy.optimize import Bounds as Box
        from scipy.optimize import LinearConstraint, milp
        from scipy.sparse import coo_array

        out: list[int] = []
        index = {c: k for k, c in enumerate(members)}
        # Far above any count of the group: stands in for "no upper bound".
        big = 10 * (sum(abs(rhs) for _, rhs in rows) + max(self.values[c] for c in members) + 1)
        lb = [float(self.lo[c]) for c in members]
        ub = [float(big if self.hi[c] is None else self.hi[c]) for c in members]
        data, row_i, col_i, lo_b, hi_b = [], [], [], [], []
        for hidden, rhs in rows:
            for c, a in hidden:
                data.append(a)
                row_i.append(len(lo_b))
                col_i.append(index[c])
            lo_b.append(rhs)
            hi_b.append(rhs)
        n = len(members)
        for c in members:  # a hidden people count that is not «<5»: 0 or >= threshold
            if self.status[c] == SMALL or not self.counts_people(c) or self.lo[c] > 0:
                continue
            top = ub[index[c]]
            if top < self.threshold:
                continue
            z = n
            n += 1
            lb.append(0.0)
            ub.append(1.0)
            for coef_x, coef_z, low, high in (
                (1, -self.threshold, 0, np.inf),
                (1, -top, -np.inf, 0),
            ):
                data += [coef_x, coef_z]
                row_i += [len(lo_b), len(lo_b)]
                col_i += [index[c], z]
                lo_b.append(low)
                hi_b.append(high)
        matrix = coo_array((data, (row_i, col_i)), shape=(len(lo_b), n)).tocsr()
        constraints = LinearConstraint(matrix, lo_b, hi_b)
        box = Box(lb, ub)
        integral = np.ones(n)

        def solve(objective: np.ndarray) -> np.ndarray | None:
            res = milp(objective, integrality=integral, bounds=box, constraints=constraints)
            return None if res.status != 0 else np.round(res.x)

        # A cell that takes another value than its own in some solution is not pinned: one
        # solution pushing every open cell away from its own value frees most at once.
        # (Down first where there is room below, then the other way for those it left.)
        open_cells = set(goal)
        down = {c: self.values[c] > lb[index[c]] for c in goal}
        stuck = 0
        for _ in range(EXACT_SAMPLES):
            objective = np.zeros(n)
            for c in open_cells:
                objective[index[c]] = 1.0 if down[c] else -1.0
            x = solve(objective)
            if x is None:
                open_cells.clear()  # input that does not add up: nothing to pin
                break
            still = {c for c in open_cells if x[index[c]] == self.values[c]}
            stuck = stuck + 1 if len(still) == len(open_cells) else 0
            open_cells = still
            if not open_cells or stuck == 2:
                break  # all freed, or neither way frees more: check the rest one by one
            for c in open_cells:
                down[c] = not down[c]
        for c in sorted(open_cells):
            moved = False
            for sign in (1.0, -1.0):
                objective = np.zeros(n)
                objective[index[c]] = sign
                x = solve(objective)
                if x is None or x[index[c]] != self.values[c]:
                    moved = True
                    break
            if not moved:
                out.append(c)
        return out

    def pinned(self) -> list[int]:
        """Hidden cells left with a single possible value."""
        return [c for c, lo in self.lo.items() if self.hi[c] == lo]

    def reasons(self, cell: int) -> list[int]:
        return self.why.get(cell, [])


# A group of linked hidden cells: per cell (lo, hi, «<5», counts people, value) in local order,
# the equations as ((local cell, coefficient), ...), rhs, and the «<5» cells to check.
Shape = tuple[tuple, tuple, tuple]


class _OutOfBudget(Exception):
    """The exact search used up its budget (the caller falls back to HiGHS)."""


class _Search:
    """Exact depth-first search over the whole-number solutions of one group of linked hidden
    cells (a :data:`Shape`): interval propagation on every equation (the reasoning of
    :meth:`_Bounds.run`) plus the rule that a hidden people count that is not «<5» is 0 or
    >= threshold, branching on the cell with the narrowest range: its own value first, then
    below it, then above. Complete, so "no solution" is a proof; every equation check costs
    one unit of ``budget`` and running out raises :class:`_OutOfBudget`."""

    def __init__(self, shape: Shape, threshold: int, budget: int) -> None:
        cells, rows, _ = shape
        self.value = [c[4] for c in cells]
        self.either = [not small and people for _, _, small, people, _ in cells]
        self.threshold = threshold
        self.budget = budget
        # Far above any count of the group: stands in for "no upper bound" (as in _solved_pins).
        big = 10 * (sum(abs(rhs) for _, rhs in rows) + max(self.value) + 1)
        self.lo = [c[0] for c in cells]
        self.hi = [big if c[1] is None else c[1] for c in cells]
        self.rows: list[tuple[tuple[tuple[int, int], ...], int]] = list(rows)
        self.open: set[int] = set()
        self.var_rows: list[list[int]] = [[] for _ in cells]
        for r, (terms, _) in enumerate(self.rows):
            for k, _ in terms:
                self.var_rows[k].append(r)

    def narrow(self, lo: list[int], hi: list[int], k: int, low: int, high: int) -> bool:
        """Intersect cell k's range with [low, high] under its 0-or-threshold rule; False when
        nothing is left."""
        low, high = max(low, lo[k]), min(high, hi[k])
        if self.either[k]:
            if 1 <= low < self.threshold:
                low = self.threshold
            if 0 < high < self.threshold:
                high = 0
        lo[k], hi[k] = low, high
        return low <= high

    def propagate(self, lo: list[int], hi: list[int], todo: list[int]) -> bool:
        """Narrow the ranges from the equations in ``todo`` (and those of every cell that
        changes) until nothing changes; False on a contradiction."""
        var_rows = self.var_rows
        queued = set(todo)
        while todo:
            r = todo.pop()
            queued.discard(r)
            self.budget -= 1
            if self.budget < 0:
                raise _OutOfBudget
            changed = self.revise(r, lo, hi)
            if changed is None:
                return False
            for k in changed:
                for other in var_rows[k]:
                    if other not in queued:
                        queued.add(other)
                        todo.append(other)
        return True

    def revise(self, r: int, lo: list[int], hi: list[int]) -> list[int] | None:
        """Narrow each cell of equation r to what the others' ranges leave: the cells that
        changed, or None on a contradiction."""
        terms, rhs = self.rows[r]
        low_sum = high_sum = 0  # lowest and highest value of the left-hand side
        for k, a in terms:
            if a > 0:
                low_sum += a * lo[k]
                high_sum += a * hi[k]
            else:
                low_sum += a * hi[k]
                high_sum += a * lo[k]
        if low_sum > rhs or high_sum < rhs:
            return None
        changed = []
        for k, a in terms:  # a * x_k lies in [rhs - (others' highest), rhs - (others' lowest)]
            old_lo, old_hi = lo[k], hi[k]
            if a > 0:
                low, high = rhs - high_sum + a * old_hi, rhs - low_sum + a * old_lo
            else:
                low, high = rhs - high_sum + a * old_lo, rhs - low_sum + a * old_hi
            if a == 1:
                new_lo, new_hi = low, high
            elif a == -1:
                new_lo, new_hi = -high, -low
            elif a > 0:
                new_lo, new_hi = _ceil_div(low, a), _floor_div(high, a)
            else:
                new_lo, new_hi = _ceil_div(high, a), _floor_div(low, a)
            if new_lo <= old_lo and new_hi >= old_hi:
                continue
            if not self.narrow(lo, hi, k, new_lo, new_hi):
                return None
            if lo[k] != old_lo or hi[k] != old_hi:
                changed.append(k)
        return changed

    def solve(
        self, lo: list[int], hi: list[int], todo: list[int], depth: int = 0
    ) -> list[int] | None:
        """A solution within the ranges (after propagating ``todo``), or None."""
        if not self.propagate(lo, hi, todo):
            return None
        if depth > SEARCH_DEPTH:
            raise _OutOfBudget
        best, size = -1, 0
        open_ = self.open
        for k, low in enumerate(lo):
            width = hi[k] - low
            if width:
                width = 2 * width - (k in open_)  # ties: an open goal cell first
                if best < 0 or width < size:
                    best, size = k, width
        if best < 0:
            return lo
        for low, high in self.ways(best, lo[best], hi[best]):
            lo2, hi2 = lo[:], hi[:]
            if self.narrow(lo2, hi2, best, low, high):
                found = self.solve(lo2, hi2, list(self.var_rows[best]), depth + 1)
                if found is not None:
                    return found
        return None

    def ways(self, k: int, lo: int, hi: int) -> list[tuple[int, int]]:
        """The ranges a branch on cell k tries, together all of [lo, hi]: its own value, then
        below and above it (moving an open goal cell first: that frees it); halves when its
        value lies outside (so a wide range is not taken one value at a time)."""
        v = self.value[k]
        if v < lo or v > hi:
            mid = (lo + hi) // 2
            halves = [(lo, mid), (mid + 1, hi)]
            return halves if v < lo else halves[::-1]
        own, below, above = (v, v), (lo, v - 1), (v + 1, hi)
        ways = [below, above, own] if k in self.open else [own, below, above]
        return [(a, b) for a, b in ways if a <= b]

    def pins(self, goal: Sequence[int]) -> list[int]:
        """The goal cells that equal their own value in every solution (none without one):
        for each cell not yet freed, a solution below or above its value frees every goal
        cell it moves."""
        lo, hi = self.lo[:], self.hi[:]
        if not all(self.narrow(lo, hi, k, lo[k], hi[k]) for k in range(len(lo))):
            return []
        if not self.propagate(lo, hi, list(range(len(self.rows)))):
            return []  # input that does not add up: nothing to pin
        value = self.value
        free: set[int] = set()
        self.open = set(goal)
        solved = False  # a solution was found (else a pin may only mean there is none)
        out: list[int] = []
        for c in goal:
            if c in free:
                continue
            for low, high in ((lo[c], value[c] - 1), (value[c] + 1, hi[c])):
                lo2, hi2 = lo[:], hi[:]
                if low > high or not self.narrow(lo2, hi2, c, low, high):
                    continue
                found = self.solve(lo2, hi2, list(self.var_rows[c]))
                if found is not None:
                    solved = True
                    free.update(g for g in goal if found[g] != value[g])
                    self.open -= free
                    break
            else:
                out.append(c)
                self.open.discard(c)
        if out and not solved and self.solve(lo, hi, []) is None:
            return []  # no solution at all: nothing to pin
        return out


def _searched_pins(shape: Shape, threshold: int) -> tuple[int, ...] | None:
    """The pins of a group shape by :class:`_Search` (local indices), or None when the search
    runs out of its budget (:data:`SEARCH_BUDGET`)."""
    if SEARCH_BUDGET <= 0:
        return None
    try:
        return tuple(sorted(_Search(shape, threshold, SEARCH_BUDGET).pins(shape[2])))
    except _OutOfBudget:
        return None


class _HiddenTerms:
    """Per equation its hidden terms (cell, coefficient) and its right-hand side once the shown
    cells are moved over, for a status list that only ever hides more cells: an equation's
    entry is kept until one of its cells is hidden (:meth:`forget`)."""

    def __init__(
        self, rows: Sequence[Sequence[tuple[int, int]]], status: Sequence[str], values: Sequence[int]
    ) -> None:
        self.rows, self.status, self.values = rows, status, values
        self.cache: dict[int, tuple[list[tuple[int, int]], int]] = {}

    def of(self, e: int) -> tuple[list[tuple[int, int]], int]:
        got = self.cache.get(e)
        if got is None:
            status, values = self.status, self.values
            rhs = 0
            hidden: list[tuple[int, int]] = []
            for c, a in self.rows[e]:
                if status[c] == SHOWN:
                    rhs -= a * values[c]
                else:
                    hidden.append((c, a))
            got = self.cache[e] = (hidden, rhs)
        return got

    def forget(self, equations: Sequence[int]) -> None:
        for e in equations:
            self.cache.pop(e, None)


def _coefficients(equations: Sequence[tuple[Sequence[int], int]]) -> list[list[tuple[int, int]]]:
    """Per equation ``sum(parts) - total == 0`` its non-zero terms (cell, coefficient), in the
    order of first appearance."""
    out = []
    for parts, total in equations:
        row: dict[int, int] = {}
        for c in parts:
            row[c] = row.get(c, 0) + 1
        row[total] = row.get(total, 0) - 1
        out.append([(c, a) for c, a in row.items() if a])
    return out


def _term_bounds(
    a: int,
    lo: int,
    hi: int | None,
    rhs: int,
    low_sum: int,
    high_sum: int,
    low_inf: int,
    high_inf: int,
) -> tuple[int | None, int | None]:
    """Bounds on x from a * x == rhs - (the other terms of its equation), given the lowest and
    highest sum of all terms (and how many are unbounded) with x in [lo, hi] (None: none)."""
    if a > 0:
        own_low, own_high = a * lo, None if hi is None else a * hi
    else:
        own_low, own_high = None if hi is None else a * hi, a * lo
    # a * x lies in [rhs - (the others' highest), rhs - (the others' lowest)]
    bottom = None if high_inf - (own_high is None) else rhs - high_sum + (own_high or 0)
    top = None if low_inf - (own_low is None) else rhs - low_sum + (own_low or 0)
    if a == 1:
        return bottom, top
    if a == -1:
        return (None if top is None else -top), (None if bottom is None else -bottom)
    if a > 0:
        return (
            None if bottom is None else _ceil_div(bottom, a),
            None if top is None else _floor_div(top, a),
        )
    return (
        None if top is None else _ceil_div(top, a),
        None if bottom is None else _floor_div(bottom, a),
    )


def _ceil_div(a: int, b: int) -> int:
    """ceil(a / b) for integers, b != 0."""
    return -((-a) // b) if b > 0 else -(a // -b)


def _floor_div(a: int, b: int) -> int:
    return a // b if b > 0 else (-a) // (-b)


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
    rows: Sequence[Sequence[tuple[int, int]]] | None = None,
    hidden: Sequence[Sequence[tuple[int, int]]] | None = None,
) -> dict[int, dict[int, int]]:
    """For every recoverable hidden cell, the shown cells of a formula giving its value.

    Each equation is a row ``sum(parts) - total = 0`` (``rows``: its :func:`_coefficients`,
    ``hidden``: those of its terms whose cell is hidden).
    Elimination runs on the hidden cells only (modulo a 61-bit prime; coefficients are 0 and
    ±1), remembering which rows went into each pivot row, so that the shown cells are carried
    along only for the few formulas that are found (:func:`_shown_parts`).
    A hidden cell is recoverable exactly when it is zero in every solution of the hidden part
    (checked on one random solution: a wrong "recoverable" has probability about 2**-61 and
    only hides one cell too many); the rows combining to it give ``cell = -Σ coef · shown``,
    which is kept only when it reproduces the cell's true value (input that does not add up
    cannot reveal anything). Deterministic (fixed seed). Large systems are first checked by
    :func:`_none_recoverable`, which proves most of them free of recoverable cells at a cost
    linear in their size.
    """
    if rows is None:
        rows = _coefficients(equations)
    if hidden is None:
        hidden = [[(c, a) for c, a in terms if status[c] != SHOWN] for terms in rows]
    if _worth_certifying(hidden) and _none_recoverable(hidden):
        return {}
    pivots: dict[int, dict[int, int]] = {}  # lead hidden cell -> hidden part, row[lead] == 1
    made: dict[int, tuple[int, list[tuple[int, int]], int]] = {}  # lead -> how (_shown_parts)
    hidden_cells: set[int] = set()
    for i, terms in enumerate(hidden):
        row = {c: a % _PRIME for c, a in terms}
        if not row:
            continue
        hidden_cells.update(row)
        used = [] if pivots.keys().isdisjoint(row) else _reduce(row, pivots, whole=True) or []
        if not row:
            continue
        lead = min(row)
        inv = _inverse(row[lead])
        pivots[lead] = row if inv == 1 else {k: v * inv % _PRIME for k, v in row.items()}
        made[lead] = (i, used, inv)
    rng = random.Random(20220600)
    x = {c: rng.randrange(1, _PRIME) for c in hidden_cells if c not in pivots}
    for lead in sorted(pivots, reverse=True):  # every other hidden cell of a row is > its lead
        x[lead] = -sum(v * x[k] for k, v in pivots[lead].items() if k != lead) % _PRIME
    found: dict[int, list[tuple[int, int]]] = {}
    for cell in sorted(c for c in hidden_cells if x[c] == 0):
        target = {cell: 1}
        used = _reduce(target, pivots, whole=False)
        if used is not None and not target:
            found[cell] = used
    parts = _shown_parts([c for used in found.values() for _, c in used], made, rows, status)
    out: dict[int, dict[int, int]] = {}
    for cell, used in found.items():
        # target went from {cell: 1} to {} by subtracting rows: cell + Σ(-shown coef)·value = 0
        shown: dict[int, int] = {}
        for f, c in used:
            for k, v in parts[c].items():
                shown[k] = (shown.get(k, 0) - f * v) % _PRIME
        shown = {k: v for k, v in shown.items() if v}
        value = sum(v * values[k] for k, v in shown.items()) % _PRIME
        if value == values[cell] % _PRIME and shown:
            out[cell] = shown
    return out


def _worth_certifying(hidden: Sequence[Sequence[tuple[int, int]]]) -> bool:
    """Whether to try :func:`_none_recoverable` first: many equations, some summing many
    hidden cells (a total over all units), where the fixed elimination order fills in."""
    return len(hidden) >= CERTIFY_MIN and max(map(len, hidden)) >= CERTIFY_WIDE


def _none_recoverable(hidden: Sequence[Sequence[tuple[int, int]]]) -> bool:
    """True when no hidden cell follows from the equations (given by their hidden terms): a
    random solution of the hidden part, found by :func:`_sparse_elimination`, is non-zero in
    every hidden cell, while a cell that follows is zero in every solution. False means only
    that the proof failed (some cell may follow). Exact modulo the prime, as :func:`_formulas`.
    """
    rows: list[dict[int, int]] = []
    cols: dict[int, set[int]] = defaultdict(set)
    for terms in hidden:
        row = {c: a % _PRIME for c, a in terms}
        if row:
            for c in row:
                cols[c].add(len(rows))
            rows.append(row)
    cells = list(cols)
    steps = _sparse_elimination(rows, cols)
    pivoted = {c for _, c, _ in steps}
    rng = random.Random(20220601)
    x = {c: rng.randrange(1, _PRIME) for c in cells if c not in pivoted}
    for row, c, inv in reversed(steps):  # each pivot from the cells chosen after it
        x[c] = -sum(v * x[k] for k, v in row.items() if k != c) * inv % _PRIME
    return all(x[c] for c in cells)


def _sparse_elimination(
    rows: list[dict[int, int]], cols: dict[int, set[int]]
) -> list[tuple[dict[int, int], int, int]]:
    """Gaussian elimination (in place) choosing next a cell held by the fewest rows, and of
    those rows the shortest as pivot (little fill-in on these sparse sums, unlike the fixed
    order of :func:`_formulas`): the (pivot row, pivot cell, 1 / its coefficient) in order."""
    heap = [(len(s), c) for c, s in cols.items()]
    heapq.heapify(heap)
    steps: list[tuple[dict[int, int], int, int]] = []
    pivoted: set[int] = set()
    while heap:
        d, c = heapq.heappop(heap)
        holders = cols[c]
        if c in pivoted or d != len(holders) or not d:
            continue  # done, a stale entry (a fresh one was queued), or in no row left
        r = min(holders, key=lambda i: len(rows[i]))
        pivot = rows[r]
        for k in pivot:
            cols[k].discard(r)
        inv = _inverse(pivot[c])
        for i in list(holders):
            _subtract(rows[i], pivot, rows[i][c] * inv % _PRIME, i, cols)
        pivoted.add(c)
        steps.append((pivot, c, inv))
        for k in pivot:
            if k not in pivoted:
                heapq.heappush(heap, (len(cols[k]), k))
    return steps


def _subtract(
    row: dict[int, int], pivot: dict[int, int], f: int, i: int, cols: dict[int, set[int]]
) -> None:
    """row -= f · pivot (modulo the prime), keeping ``cols`` (cell -> rows holding it)."""
    for k, v in pivot.items():
        y = (row.get(k, 0) - f * v) % _PRIME
        if y:
            if k not in row:
                cols[k].add(i)
            row[k] = y
        elif k in row:
            del row[k]
            cols[k].discard(i)


def _inverse(v: int) -> int:
    """1 / v modulo the prime (±1, the usual lead of a row, without the exponentiation)."""
    if v == 1 or v == _PRIME - 1:
        return v
    return pow(v, _PRIME - 2, _PRIME)


def _reduce(
    row: dict[int, int], pivots: dict[int, dict[int, int]], *, whole: bool
) -> list[tuple[int, int]] | None:
    """Subtract pivot rows from ``row`` (in place) in increasing order of their lead (a pivot
    row only adds larger cells) until no lead is left in it; the (factor, lead) subtracted.
    Not ``whole``: stop at the first cell without a pivot row (None: it stays)."""
    heap = list(row)
    heapq.heapify(heap)
    used: list[tuple[int, int]] = []
    while heap:
        c = heapq.heappop(heap)
        f = row.get(c)
        if not f:
            continue
        pivot = pivots.get(c)
        if pivot is None:
            if whole:
                continue
            return None
        used.append((f, c))
        for k, v in pivot.items():
            old = row.get(k)
            if old is None:
                heapq.heappush(heap, k)
                old = 0
            y = (old - f * v) % _PRIME
            if y:
                row[k] = y
            else:
                row.pop(k, None)
    return used


def _shown_parts(
    leads: Sequence[int],
    made: dict[int, tuple[int, list[tuple[int, int]], int]],
    rows: Sequence[Sequence[tuple[int, int]]],
    status: Sequence[str],
) -> dict[int, dict[int, int]]:
    """The shown part of the pivot rows of ``leads`` (and of those they were reduced by):
    pivot row = inverse · (its equation − Σ factor · earlier pivot row), in creation order."""
    need: set[int] = set()
    stack = list(leads)
    while stack:
        lead = stack.pop()
        if lead not in need:
            need.add(lead)
            stack.extend(c for _, c in made[lead][1])
    out: dict[int, dict[int, int]] = {}
    for lead in made:  # creation order: a row is reduced only by earlier ones
        if lead not in need:
            continue
        i, used, inv = made[lead]
        acc = {c: a % _PRIME for c, a in rows[i] if status[c] == SHOWN}
        for f, c in used:
            for k, v in out[c].items():
                acc[k] = (acc.get(k, 0) - f * v) % _PRIME
        out[lead] = {k: v * inv % _PRIME for k, v in acc.items() if v}
    return out


def shown_or_mark(
    value: int, status: str, bound: Bound | None = None, threshold: int = THRESHOLD
) -> int | str:
    """A cell for embedded JSON: the count when shown, else its mark (never the raw value).

    A complement whose published bounds (:func:`published_bounds`) are finite is given as the
    range ``"28–31"`` (raw integers; :func:`cell_display` formats it) instead of ``"x"``.
    """
    if status == SHOWN:
        return int(value)
    if status == COMPLEMENT and bound is not None and bound[1] is not None and bound[0] < bound[1]:
        return range_text(*bound)
    return render_count(value, status, threshold)


def range_text(lo: int, hi: int) -> str:
    """``"28–31"``: a hidden count published as the range it is known to lie in."""
    return f"{int(lo)}{RANGE_DASH}{int(hi)}"


def parse_range(cell: object) -> tuple[int, int] | None:
    """(lowest, highest) of a cube cell: a shown count, or a range ``"28–31"``; else None."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int):
        return (cell, cell)
    if isinstance(cell, str) and RANGE_DASH in cell:
        lo, _, hi = cell.partition(RANGE_DASH)
        if lo.isdigit() and hi.isdigit():
            return (int(lo), int(hi))
    return None


def small_limit(mark: object) -> int | None:
    """The highest count a «<5» mark stands for (4), or None for any other cell."""
    if isinstance(mark, str) and mark.startswith("<") and mark[1:].isdigit():
        return int(mark[1:]) - 1
    return None


def cell_display(cell: object) -> str:
    """Display text of a cube cell: ``12.345``, ``1.200–1.203``, or its mark."""
    bounds = parse_range(cell)
    if bounds is None:
        return "–" if cell is None else str(cell)
    lo, hi = bounds
    if lo == hi:
        return render_count(lo)
    return f"{render_count(lo)}{RANGE_DASH}{render_count(hi)}"
