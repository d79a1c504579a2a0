"""Each unit's predikat counts as the Konsistensi unit page shows them: the cube's own cells,
their sums, and the jenis jabatan breakdown suppressed *against* the cube.

Per unit and periode the page shows the five predikat counts of the employees placed in the
unit, their sum ``dinilai``, the sum ``bawah`` (Butuh Perbaikan or worse), and the same per
jenis jabatan. So that no combination with the Unit kerja page reveals anything:

* the five unit counts are the cube's own-row cells, published exactly as the cube publishes
  them (:mod:`reports.hierarchy`: the same count, «<5» or range on both pages);
* ``dinilai`` and ``bawah`` are shown exactly only when the cube's published cells determine
  them (all parts shown, or for ``dinilai`` the unit's pegawai and belum dinilai shown), else as
  the range the cube's published bounds give — nothing a reader of the cube cannot compute;
* the breakdown (per jenis jabatan the funnel's cells: dinilai, Sangat Baik, Butuh Perbaikan
  or worse) is suppressed in a small system of its own (:func:`reports.privacy.
  suppress_linear`) in which the unit cells keep the cube's status and start from the cube's
  published bounds (``known``); it is published only when it hides no unit cell the cube
  shows, narrows no hidden unit cell's bounds, and implies no sum of hidden unit cells that
  the unit's own published cells do not already imply (a rank test). Otherwise the unit's
  breakdown is withheld ("x"): the page never trades the unit view for the breakdown.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from reports import privacy
from reports.hierarchy import PERIODS, Cube, col, periode_key

COUNTS = ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
CELLS = (*COUNTS, "dinilai", "bawah")  # the published cells of one group (unit or jabatan)
UNIT = ""  # the key of the unit itself (every jenis jabatan)
TANPA_JABATAN = "(jenis jabatan tidak tercatat)"
WIDTH = len(CELLS)
LOWER = (2, 3, 4)  # Butuh Perbaikan, Kurang/Misconduct, Sangat Kurang: the parts of "bawah"
_PRIME = (1 << 61) - 1

Key = tuple[str, str]  # (unor_id, periode key: "tahunan", "TW1", ...)
Cells = dict[str, int | str]
Truth = tuple[int, str, privacy.Bound | None]


def groups(frame: pl.DataFrame, tahun: object) -> dict[Key, dict[str, list[int]]]:
    """(unor_id, periode key) -> {jenis jabatan: the five predikat counts} of a frame with
    columns unor_id, periode, jenis_jabatan and :data:`COUNTS` (mart.konsistensi_unit)."""
    out: dict[Key, dict[str, list[int]]] = {}
    if frame.is_empty():
        return out
    rows = (
        frame.with_columns(pl.col("jenis_jabatan").fill_null(TANPA_JABATAN))
        .group_by("unor_id", "periode", "jenis_jabatan")
        .agg(*(pl.col(c).sum() for c in COUNTS))
    )
    keys: dict[object, str | None] = {}
    for unor, periode, jabatan, *values in rows.select("unor_id", "periode", "jenis_jabatan", *COUNTS).iter_rows():
        per = keys[periode] if periode in keys else keys.setdefault(periode, periode_key(periode, tahun))
        if per is not None:
            out.setdefault((unor, per), {})[str(jabatan)] = [int(v or 0) for v in values]
    return out


def unit_cells(cube: Cube, frame: pl.DataFrame, tahun: object) -> dict[Key, dict[str, Cells]]:
    """(unor_id, periode key) -> {UNIT or jenis jabatan: {cell: count, or its mark / range}};
    a withheld breakdown has no jenis jabatan keys."""
    out: dict[Key, dict[str, Cells]] = {}
    memo: dict[tuple, list[Cells] | None] = {}  # one breakdown per distinct unit and split
    for key, split in groups(frame, tahun).items():
        unor, per = key
        truth = cube.own_truth.get(unor)
        if truth is None or per not in PERIODS:
            continue
        out[key] = _unit(truth, per, split, cube.threshold, memo)
    return out


def _sum_bound(parts: Sequence[Truth]) -> privacy.Bound:
    lo, hi = 0, 0
    for value, status, bound in parts:
        b = (value, value) if status == privacy.SHOWN else bound or (0, None)
        lo += b[0]
        hi = None if hi is None or b[1] is None else hi + b[1]
    return lo, hi


def _derived(parts: Sequence[Truth], exact: bool) -> tuple[int, str, privacy.Bound]:
    """A sum the page shows beside the cube's cells: shown when the cube determines it, else
    hidden with the bounds the cube's published cells give."""
    value = sum(v for v, _, _ in parts)
    if exact:
        return value, privacy.SHOWN, (value, value)
    return value, privacy.COMPLEMENT, _sum_bound(parts)


def _render(truth: Truth, threshold: int) -> int | str:
    value, status, bound = truth
    if status == privacy.SMALL:
        return privacy.shown_or_mark(value, status, bound, threshold)
    if status == privacy.SHOWN:
        return int(value)
    if bound is not None and bound[1] is not None and bound[0] >= 1 and bound[1] < threshold:
        return privacy.mark_small(threshold)  # says no more than the bounds: «<5»
    if bound is not None and bound[1] is not None and bound[0] < bound[1]:
        return privacy.range_text(*bound)
    return privacy.MARK_COMPLEMENT


def _unit(
    truth: list[Truth], per: str, split: dict[str, list[int]], threshold: int, memo: dict[tuple, list[Cells] | None]
) -> dict[str, Cells]:
    own = [truth[col(f"p{j}", per)] for j in range(len(COUNTS))]
    pegawai, belum = truth[col("pegawai")], truth[col("belum", per)]
    every_shown = all(s == privacy.SHOWN for _, s, _ in own)
    dinilai = _derived(own, every_shown or (pegawai[1] == belum[1] == privacy.SHOWN))
    if dinilai[1] != privacy.SHOWN:  # also pegawai − belum dinilai, from their published bounds
        (p_lo, p_hi), (b_lo, b_hi) = _sum_bound([pegawai]), _sum_bound([belum])
        lo = max(dinilai[2][0], p_lo - b_hi if b_hi is not None else 0)
        hi = p_hi - b_lo if p_hi is not None else None
        hi = hi if dinilai[2][1] is None else dinilai[2][1] if hi is None else min(hi, dinilai[2][1])
        dinilai = (dinilai[0], dinilai[1], (lo, hi))
    lower = [own[j] for j in LOWER]
    bawah = _derived(lower, all(s == privacy.SHOWN for _, s, _ in lower))
    unit = [*own, dinilai, bawah]
    out: dict[str, Cells] = {UNIT: {c: _render(t, threshold) for c, t in zip(CELLS, unit, strict=True)}}
    sums = [sum(v[i] for v in split.values()) for i in range(len(COUNTS))]
    if sums != [v for v, _, _ in own]:
        return out  # the breakdown does not add up to the unit: never published
    if len(split) == 1:
        out[next(iter(split))] = out[UNIT]
        return out
    parts = [split[j] for j in sorted(split)]
    if all(sum(v) < threshold for v in parts):
        return out  # no jenis jabatan has a funnel point to draw: nothing to publish
    key = (tuple(unit), tuple(map(tuple, parts)))
    if key not in memo:
        memo[key] = breakdown(unit, parts, threshold)
    cells = memo[key]
    if cells is not None:
        out.update(zip(sorted(split), cells, strict=True))
    return out


JAB = ("dinilai", "sangat_baik", "bawah", "baik")  # a jenis jabatan's cells ("baik" implied)
PUBLISHED = 3  # of JAB, the cells a jenis jabatan's funnel point shows
RETRIES = 3  # rounds of hiding more of the breakdown before it is withheld


def breakdown(unit: list[Truth], parts: list[list[int]], threshold: int) -> list[Cells] | None:
    """The jenis jabatan groups' funnel cells (dinilai, Sangat Baik, Butuh Perbaikan or worse),
    suppressed with the unit cells fixed as published (module docstring); None when they
    cannot be published without telling more. Each group's remaining count (Baik) is not
    shown but follows from the three (n − Sangat Baik − bawah), so it is a cell of the system
    like them: protected when it is 1–4, hidden (unpublished) when a complement is needed."""
    values = [v for v, _, _ in unit]
    hidden = [i for i, (_, s, _) in enumerate(unit) if s == privacy.COMPLEMENT]
    primary = [i for i, (_, s, _) in enumerate(unit) if s == privacy.SMALL]
    known = {i: b for i, (_, s, b) in enumerate(unit) if s != privacy.SHOWN and b is not None}
    eqs: list[tuple[list[int], int]] = [(list(range(5)), 5), (list(LOWER), 6)]
    local_eqs = list(eqs)
    blocks = []
    for counts in parts:
        base = len(values)
        n, sb, low = sum(counts), counts[0], sum(counts[j] for j in LOWER)
        values += [n, sb, low, n - sb - low]
        primary += [base + i for i in range(len(JAB)) if privacy.is_small(values[base + i], threshold)]
        eqs.append(([base + 1, base + 3, base + 2], base))
        blocks.append(base)
    for offset, total in ((0, 5), (1, 0), (2, 6), (3, 1)):
        eqs.append(([b + offset for b in blocks], total))
    people = set(range(len(values))) - {5, 6}  # the unit's sums may be 1–4 without being «<5»
    detail = range(WIDTH, len(values))
    for _ in range(RETRIES):
        status = privacy.suppress_linear(values, eqs, primary, threshold=threshold, people=people,
                                         prefer=detail, known=known, hidden=hidden)  # fmt: skip
        if any(status[i] != unit[i][1] for i in range(WIDTH)):
            return None  # it would hide a unit cell the cube shows
        bounds = privacy.published_bounds(values, eqs, status, threshold=threshold, people=people,
                                          known=known)  # fmt: skip
        narrowed = [i for i in range(WIDTH) if status[i] != privacy.SHOWN and bounds.get(i) != known.get(i)]
        if not narrowed:
            break
        # it narrows what the cube says of a hidden unit cell: hide the breakdown's shown cells
        # in the equations of that cell too, and try again
        more = {c for e in eqs if set(narrowed) & {*e[0], e[1]} for c in (*e[0], e[1])
                if c >= WIDTH and status[c] == privacy.SHOWN and values[c] > 0}  # fmt: skip
        if not more:
            return None
        hidden = sorted({*hidden, *more})
    else:
        return None
    if _relation_rank(eqs, status) != _relation_rank(local_eqs, status):
        return None  # it implies a sum of hidden unit cells the unit view does not
    out = []
    for b in blocks:
        cells = dict.fromkeys(CELLS, privacy.MARK_COMPLEMENT)
        for i, name in enumerate(JAB[:PUBLISHED]):
            cells[name] = privacy.shown_or_mark(values[b + i], status[b + i], bounds.get(b + i), threshold)
        out.append(cells)
    return out


def _relation_rank(eqs: Sequence[tuple[Sequence[int], int]], status: Sequence[str]) -> int:
    """Dimension of the linear relations among the hidden unit cells (indices 0–4) that follow
    from ``eqs`` with every other hidden cell eliminated: rank([A | B]) − rank(A), where A holds
    the other hidden cells' columns and B the unit cells' (modulo a large prime)."""
    hidden = sorted({c for parts, total in eqs for c in (*parts, total) if status[c] != privacy.SHOWN})
    others = [c for c in hidden if c >= 5]
    rows = []
    for parts, total in eqs:
        row = dict.fromkeys(hidden, 0)
        for c in parts:
            if c in row:
                row[c] += 1
        if total in row:
            row[total] -= 1
        rows.append(row)
    return _rank([[r[c] for c in hidden] for r in rows]) - _rank([[r[c] for c in others] for r in rows])


def _rank(matrix: list[list[int]]) -> int:
    m = [[v % _PRIME for v in row] for row in matrix if any(row)]
    rank, cols = 0, len(m[0]) if m else 0
    for c in range(cols):
        pivot = next((r for r in range(rank, len(m)) if m[r][c]), None)
        if pivot is None:
            continue
        m[rank], m[pivot] = m[pivot], m[rank]
        inv = pow(m[rank][c], _PRIME - 2, _PRIME)
        for r in range(len(m)):
            if r != rank and m[r][c]:
                f = m[r][c] * inv % _PRIME
                m[r] = [(x - f * y) % _PRIME for x, y in zip(m[r], m[rank], strict=True)]
        rank += 1
    return rank


def cells_for(groups_: dict[str, Cells], jabatan: str) -> Cells:
    """One group's cells ("x" throughout when its breakdown is withheld)."""
    return groups_.get(jabatan, dict.fromkeys(CELLS, privacy.MARK_COMPLEMENT))
