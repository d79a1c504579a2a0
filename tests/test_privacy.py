"""Small-cell suppression over linked cells (reports.privacy.suppress_linear).

What must hold, checked here without the code's own helpers:

* every cell of 1–4 people is hidden («<5»);
* no hidden cell can be recomputed from the shown cells: not by one subtraction (an equation
  with exactly one hidden cell) and not by combining several equations (a parent minus its
  other children, then a row sum …). The second is decided by exact rational elimination in
  :func:`determined`, independent of the code under test.
"""

from __future__ import annotations

import random
from fractions import Fraction

from reports import privacy

Equations = list[tuple[list[int], int]]


def rank(rows: list[list[Fraction]]) -> int:
    """Rank of a dense rational matrix (Gaussian elimination)."""
    m = [list(r) for r in rows]
    r = 0
    width = len(m[0]) if m else 0
    for c in range(width):
        pivot = next((i for i in range(r, len(m)) if m[i][c] != 0), None)
        if pivot is None:
            continue
        m[r], m[pivot] = m[pivot], m[r]
        for i in range(len(m)):
            if i != r and m[i][c] != 0:
                f = m[i][c] / m[r][c]
                m[i] = [a - f * b for a, b in zip(m[i], m[r], strict=True)]
        r += 1
    return r


def determined(values: list[int], equations: Equations, status: list[str]) -> list[int]:
    """Hidden cells whose value follows from the shown cells and the equations.

    With the shown cells moved to the right-hand side, the equations are a linear system A·h = b
    over the hidden cells h. Cell j is fixed by it exactly when dropping column j lowers the
    rank of A (then e_j lies in the row space of A).
    """
    hidden = [i for i, s in enumerate(status) if s != "tampil"]
    if not hidden:
        return []
    a = []
    for parts, total in equations:
        row = [Fraction(0)] * len(hidden)
        for k, cell in enumerate(hidden):
            row[k] += parts.count(cell) - (cell == total)
        a.append(row)
    full = rank(a)
    out = []
    for k, cell in enumerate(hidden):
        rest = [row[:k] + row[k + 1 :] for row in a]
        if rank(rest) < full:
            out.append(cell)
    return out


def assert_protected(values: list[int], equations: Equations, status: list[str]) -> None:
    for cell, v in enumerate(values):
        if 1 <= v <= 4:
            assert status[cell] == "kecil", (cell, v, status[cell])  # shown as «<5»
        else:
            assert status[cell] != "kecil", (cell, v, status[cell])
    for parts, total in equations:
        cells = [*parts, total]
        lone = sum(status[c] != "tampil" for c in cells) == 1
        assert not lone, ("one subtraction reveals a hidden cell", cells, [values[c] for c in cells])
    assert determined(values, equations, status) == []


def random_system(rng: random.Random) -> tuple[list[int], Equations]:
    """12 counts and 6 totals of 3 counts each (totals may overlap in their parts)."""
    values = [rng.choice([0, 1, 2, 3, 4, 5, 9, 14, 40]) for _ in range(12)]
    equations: Equations = []
    for _ in range(6):
        parts = rng.sample(range(12), 3)
        values.append(sum(values[p] for p in parts))
        equations.append((parts, len(values) - 1))
    return values, equations


def table_with_margins(rng: random.Random, n_rows: int, n_cols: int) -> tuple[list[int], Equations]:
    """A table of counts with its row totals, column totals and grand total."""
    cell = [[rng.choice([0, 0, 1, 2, 3, 6, 9, 25]) for _ in range(n_cols)] for _ in range(n_rows)]
    values = [v for row in cell for v in row]
    index = [[r * n_cols + c for c in range(n_cols)] for r in range(n_rows)]
    equations: Equations = []
    row_total = []
    for r in range(n_rows):
        values.append(sum(cell[r]))
        row_total.append(len(values) - 1)
        equations.append((index[r], row_total[-1]))
    col_total = []
    for c in range(n_cols):
        values.append(sum(cell[r][c] for r in range(n_rows)))
        col_total.append(len(values) - 1)
        equations.append(([index[r][c] for r in range(n_rows)], col_total[-1]))
    values.append(sum(values[t] for t in row_total))
    equations.append((row_total, len(values) - 1))
    equations.append((col_total, len(values) - 1))
    return values, equations


def suppress(values: list[int], equations: Equations) -> list[str]:
    primary = [i for i, v in enumerate(values) if 1 <= v <= 4]
    return privacy.suppress_linear(values, equations, primary)


def test_suppress_linear_randomised_invariants() -> None:
    rng = random.Random(5)
    for _ in range(60):
        values, equations = random_system(rng)
        assert_protected(values, equations, suppress(values, equations))
    for _ in range(40):
        values, equations = table_with_margins(rng, rng.randint(2, 5), rng.randint(2, 5))
        assert_protected(values, equations, suppress(values, equations))


def test_parent_minus_children_does_not_reveal_a_small_cell() -> None:
    """Bidang Pembinaan SD (A) and a 12-person sibling (B) under a Dinas with 120 people placed
    directly (D); P = D + A + B per column. Per predikat (SB, B, BP, K, SK) and pegawai:

        A = 10  20   3  0  0 | 33        D = 20  70  22  6  2 | 120
        B =  5   7   0  0  0 | 12        P = 35  97  25  6  2 | 165

    Hiding only until no sum has a lone hidden cell leaves P.SB, D.SB, P.B, D.B and both
    pegawai totals shown, and then A.BP = 33 - ((35 - 20) + (97 - 70) - 12) = 3.
    """
    a, b, d, p = ([10, 20, 3, 0, 0, 33], [5, 7, 0, 0, 0, 12], [20, 70, 22, 6, 2, 120],
                  [35, 97, 25, 6, 2, 165])  # fmt: skip
    values = a + b + d + p
    row = {name: [base + c for c in range(6)] for name, base in zip("ABDP", (0, 6, 12, 18), strict=True)}
    equations: Equations = [(row[n][:5], row[n][5]) for n in "ABDP"]
    equations += [([row["D"][c], row["A"][c], row["B"][c]], row["P"][c]) for c in range(6)]
    status = suppress(values, equations)
    assert status[row["A"][2]] == "kecil"
    assert_protected(values, equations, status)
    used = [row["P"][0], row["D"][0], row["P"][1], row["D"][1], row["B"][5], row["A"][5]]
    assert any(status[c] != "tampil" for c in used)


def test_the_checker_sees_the_leak() -> None:
    """The hand-computed leak above, fed to the checker: it finds A.BP (and the cells the same
    equations fix), so a suppression that stops too early cannot pass."""
    values = [10, 20, 3, 0, 0, 33, 5, 7, 0, 0, 0, 12, 20, 70, 22, 6, 2, 120, 35, 97, 25, 6, 2, 165]
    equations: Equations = [([0, 1, 2, 3, 4], 5), ([6, 7, 8, 9, 10], 11), ([12, 13, 14, 15, 16], 17),
                            ([18, 19, 20, 21, 22], 23)]  # fmt: skip
    equations += [([12 + c, c, 6 + c], 18 + c) for c in range(6)]
    hidden = {0, 1, 2, 6, 7, 14, 15, 16, 21, 22}  # every sum has 0 or at least 2 hidden cells
    status = ["kecil" if i in hidden else "tampil" for i in range(len(values))]
    for parts, total in equations:
        assert sum(c in hidden for c in (*parts, total)) != 1
    assert 2 in determined(values, equations, status)


def test_nothing_to_hide() -> None:
    values, equations = [0, 5, 9, 14], [([0, 1, 2], 3)]
    assert suppress(values, equations) == ["tampil"] * 4
