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
import re
from fractions import Fraction

import numpy as np
import polars as pl
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from reports import privacy
from reports.fmt import cell_text, ratio_text
from reports.hierarchy import Cube, build_cube, col
from reports.pages.unit import payload
from transforms.contract import ENUMS

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
        assert not lone, (
            "one subtraction reveals a hidden cell",
            cells,
            [values[c] for c in cells],
        )
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
    row = {
        name: [base + c for c in range(6)]
        for name, base in zip("ABDP", (0, 6, 12, 18), strict=True)
    }
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


# --- the honest attacker: every published fact, bounds included --------------------------------
#
# An attacker who reads the published method knows more than the equations: «<5» on a count of
# people is 1..4, a zero is shown as 0, a hidden count of people that is not «<5» is 0 or at
# least 5 (every 1..4 is «<5»), and a range «28–31» bounds its cell. attacker_bounds() solves the
# integer program of all of that for the lowest and highest value of each hidden cell
# (scipy's HiGHS MILP, independent of reports.privacy). A cell is recovered when both agree.

BIG = 10**7  # no count on these pages comes near it
RANGE = re.compile(r"^(\d+)–(\d+)$")


def mark_bounds(cell: object, counts_people: bool, threshold: int) -> tuple[int, int, bool]:
    """(lowest, highest, may be 0 or >= threshold only) of a published cell."""
    if isinstance(cell, int):
        return cell, cell, False
    text = str(cell)
    if text == f"<{threshold}":
        return (1, threshold - 1, False) if counts_people else (0, BIG, False)
    m = RANGE.match(text)
    lo, hi = (int(m[1]), int(m[2])) if m else (0, BIG)
    if not counts_people:
        return lo, hi, False
    if lo >= 1:
        return max(lo, threshold), hi, False
    return 0, hi, hi >= threshold


class Attacker:
    """The integer program of everything published about ``cells`` (see above), per group of
    hidden cells tied by equations."""

    def __init__(
        self,
        cells: list[object],
        equations: Equations,
        people: set[int] | None = None,
        threshold: int = 5,
    ) -> None:
        self.cells = cells
        hidden = [i for i, c in enumerate(cells) if not isinstance(c, int)]
        self.bound = {
            i: mark_bounds(cells[i], people is None or i in people, threshold) for i in hidden
        }
        self.threshold = threshold
        parent = {i: i for i in hidden}

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        rows = []
        for parts, total in equations:
            coef: dict[int, int] = {}
            for c in parts:
                coef[c] = coef.get(c, 0) + 1
            coef[total] = coef.get(total, 0) - 1
            unknown = {c: a for c, a in coef.items() if a and c in self.bound}
            if unknown:
                rhs = -sum(a * cells[c] for c, a in coef.items() if a and c not in self.bound)
                rows.append((unknown, rhs))
                first = next(iter(unknown))
                for c in unknown:
                    parent[find(c)] = find(first)
        self.group = {i: find(i) for i in hidden}
        self.members: dict[int, list[int]] = {}
        for i in hidden:
            self.members.setdefault(self.group[i], []).append(i)
        self.rows: dict[int, list] = {}
        for unknown, rhs in rows:
            self.rows.setdefault(self.group[next(iter(unknown))], []).append((unknown, rhs))
        self.programs: dict[int, tuple] = {}

    def program(self, root: int) -> tuple:
        if root not in self.programs:
            members = self.members[root]
            col = {c: k for k, c in enumerate(members)}
            either = [c for c in members if self.bound[c][2]]  # 0 or >= threshold: a binary
            n = len(members) + len(either)
            a_rows, lo_rows, hi_rows = [], [], []
            for unknown, rhs in self.rows.get(root, []):
                row = np.zeros(n)
                for c, a in unknown.items():
                    row[col[c]] = a
                a_rows.append(row)
                lo_rows.append(rhs)
                hi_rows.append(rhs)
            for k, c in enumerate(either):  # x >= threshold * z and x <= highest * z
                z = len(members) + k
                for coef, low, high in (
                    (-self.threshold, 0, np.inf),
                    (-self.bound[c][1], -np.inf, 0),
                ):
                    row = np.zeros(n)
                    row[col[c]], row[z] = 1, coef
                    a_rows.append(row)
                    lo_rows.append(low)
                    hi_rows.append(high)
            lb = [self.bound[c][0] for c in members] + [0] * len(either)
            ub = [self.bound[c][1] for c in members] + [1] * len(either)
            constraints = [LinearConstraint(np.array(a_rows), lo_rows, hi_rows)] if a_rows else []
            self.programs[root] = (col, n, Bounds(lb, ub), constraints)
        return self.programs[root]

    def solve(self, root: int, weights: dict[int, float]) -> np.ndarray:
        col, n, box, constraints = self.program(root)
        objective = np.zeros(n)
        for c, w in weights.items():
            objective[col[c]] = w
        res = milp(objective, integrality=np.ones(n), bounds=box, constraints=constraints)
        assert res.status == 0, res.message
        return np.round(res.x)

    def bounds(self, targets: list[int]) -> dict[int, tuple[int, int]]:
        """Lowest and highest possible value of each target."""
        out = {}
        for c in targets:
            root = self.group[c]
            col = self.program(root)[0]
            low = self.solve(root, {c: 1.0})[col[c]]
            high = self.solve(root, {c: -1.0})[col[c]]
            out[c] = (int(low), int(high))
        return out

    def pinned(self, targets: list[int]) -> set[int]:
        """The targets with a single possible value.

        Starting from one solution, solutions pushing every open target away from its value
        there free most at once; the rest get their lowest and highest value solved one by one."""
        open_by_group: dict[int, set[int]] = {}
        for c in targets:
            open_by_group.setdefault(self.group[c], set()).add(c)
        out: set[int] = set()
        for root, open_cells in open_by_group.items():
            col = self.program(root)[0]
            first = self.solve(root, {})
            truth = {c: first[col[c]] for c in open_cells}
            down = {c: truth[c] > self.bound[c][0] for c in open_cells}
            for _ in range(8):
                x = self.solve(root, {c: 1.0 if down[c] else -1.0 for c in open_cells})
                still = {c for c in open_cells if x[col[c]] == truth[c]}
                if not still:
                    break
                for c in still:
                    down[c] = not down[c]
                open_cells = still
            out |= {c for c, (lo, hi) in self.bounds(sorted(open_cells)).items() if lo == hi}
        return out


def attacker_bounds(
    cells: list[object],
    equations: Equations,
    people: set[int] | None = None,
    threshold: int = 5,
    targets: list[int] | None = None,
) -> dict[int, tuple[int, int]]:
    """Lowest and highest value the published ``cells`` allow for each hidden target cell."""
    attacker = Attacker(cells, equations, people, threshold)
    return attacker.bounds(sorted(attacker.bound) if targets is None else targets)


def published(values: list[int], equations: Equations, status: list[str]) -> list[object]:
    """The cells as the site publishes them: counts, «<5», ranges or «x»."""
    bounds = privacy.published_bounds(values, equations, status)
    return [
        privacy.shown_or_mark(v, s, bounds.get(i))
        for i, (v, s) in enumerate(zip(values, status, strict=True))
    ]


def audit(
    cells: list[object],
    equations: Equations,
    people: set[int] | None = None,
    threshold: int = 5,
) -> dict:
    """What the attacker recovers: «<5» cells pinned to one value (beyond those the marks alone
    pin, which no complement can protect), and ranges that say more than the page already does."""
    mark = f"<{threshold}"
    small = [i for i, c in enumerate(cells) if c == mark]
    attacker = Attacker(cells, equations, people, threshold)
    pinned = attacker.pinned(small)
    inherent = set()
    if pinned:
        alone = [c if c == 0 or c == mark else "x" for c in cells]  # the marks alone
        found = Attacker(alone, equations, people, threshold).bounds(sorted(pinned))
        inherent = {i for i, (lo, hi) in found.items() if lo == hi}
    ranges = {i: RANGE.match(str(c)) for i, c in enumerate(cells)}
    ranges = {i: (int(m[1]), int(m[2])) for i, m in ranges.items() if m}
    without = [("x" if i in ranges else c) for i, c in enumerate(cells)]
    known = Attacker(without, equations, people, threshold).bounds(sorted(ranges))
    new_facts = {
        i: (ranges[i], known[i])
        for i in ranges
        if not (ranges[i][0] <= known[i][0] and known[i][1] <= ranges[i][1])
    }
    return {
        "pinned": pinned - inherent,
        "inherent": inherent,
        "ranges": len(ranges),
        "new_facts": new_facts,
        "small": len(small),
    }


def test_attacker_sees_what_the_marks_imply() -> None:
    """The checker itself, on hand-made pages: two «<5» adding up to 2 are both 1 (pinned);
    with a row total of 36 and 30 shown beside two «<5», each is 1..4 but their sum is 6, so
    each is 2..4; a published range narrower than what the page implies is reported."""
    assert attacker_bounds([34, "<5", "<5", 36], [([0, 1, 2], 3)]) == {1: (1, 1), 2: (1, 1)}
    assert attacker_bounds([30, "<5", "<5", 36], [([0, 1, 2], 3)]) == {1: (2, 4), 2: (2, 4)}
    # A hidden people count beside a «<5» in a row of 6: it cannot be 1..4, so it is 5 and the
    # «<5» is 1.
    assert attacker_bounds(["x", "<5", 6], [([0, 1], 2)]) == {0: (5, 5), 1: (1, 1)}
    page = audit(["29–31", "<5", "<5", 36], [([0, 1, 2], 3)])
    assert page["new_facts"] == {0: ((29, 31), (28, 34))}


def test_suppression_leaves_the_attacker_nothing_randomised() -> None:
    """Random linked systems and tables with margins: no «<5» is recovered beyond what its
    marks alone pin, every published range follows from the page, and (the linear check) no
    hidden cell is fixed by the equations."""
    rng = random.Random(5)
    systems = [random_system(rng) for _ in range(60)]
    systems += [table_with_margins(rng, rng.randint(2, 5), rng.randint(2, 5)) for _ in range(40)]
    ranges = 0
    for values, equations in systems:
        status = suppress(values, equations)
        assert_protected(values, equations, status)
        page = audit(published(values, equations, status), equations)
        assert page["pinned"] == set(), (values, equations, status, page)
        assert page["new_facts"] == {}, page
        ranges += page["ranges"]
    assert ranges > 100  # the complements are published as ranges, not «x»


# --- the whole cube, as the unit page embeds it ------------------------------------------------

_P = (1 << 61) - 1


def linear_determined(cells: list[object], equations: Equations) -> list[int]:
    """Hidden cells the equations fix (reduced row echelon form modulo a 61-bit prime over the
    hidden cells: a cell is fixed exactly when a reduced row is that cell alone)."""
    hidden = {i for i, c in enumerate(cells) if not isinstance(c, int)}
    pivots: dict[int, dict[int, int]] = {}
    for parts, total in equations:
        row: dict[int, int] = {}
        for c in (*parts, total):
            if c in hidden:
                row[c] = (row.get(c, 0) + (1 if c != total else -1)) % _P
        row = {c: v for c, v in row.items() if v}
        for p in sorted(set(row) & set(pivots)):
            f = row.get(p)
            if f:
                for k, v in pivots[p].items():
                    row[k] = (row.get(k, 0) - f * v) % _P
                row = {c: v for c, v in row.items() if v}
        if not row:
            continue
        lead = min(row)
        inv = pow(row[lead], _P - 2, _P)
        row = {c: v * inv % _P for c, v in row.items()}
        for p, prow in pivots.items():  # keep every pivot row reduced
            f = prow.get(lead)
            if f:
                for k, v in row.items():
                    prow[k] = (prow.get(k, 0) - f * v) % _P
                pivots[p] = {c: v for c, v in prow.items() if v}
        pivots[lead] = row
    return sorted(p for p, row in pivots.items() if len(row) == 1)


def unit_page_system(payload: dict) -> tuple[list[object], Equations, set[int], list[tuple]]:
    """Every cell the unit page's JSON publishes, the sums a reader can form from it (row sums,
    unit = placed directly + sub-units, instansi = its top units, tahunan = TW1..TW4 for the
    evidence counts), the cells that count people, and a label per cell (instansi, unit, "S"
    subtree / "D" placed directly / "I" instansi, column). Built from the payload's own layout."""
    base, per, periods = payload["dasar"], payload["per"], [p for p, _ in payload["periode"]]
    width = len(base) + len(periods) * len(per)

    def at(name: str, periode: str | None = None) -> int:
        if periode is None:
            return base.index(name)
        return len(base) + periods.index(periode) * len(per) + per.index(name)

    predikat = [f"p{i}" for i in range(len(payload["predikat"]))]
    names = list(base) + [f"{p}:{x}" for p in periods for x in per]
    labels: list[tuple] = []
    people_cols = {at(b) for b in base} | {at(x, p) for p in periods for x in (*predikat, "belum")}
    cells: list[object] = []
    equations: Equations = []

    def add(row: list[object], label: tuple) -> int:
        start = len(cells)
        cells.extend(row)
        labels.extend((*label, name) for name in names)
        b = start
        for p in periods:
            equations.append(
                ([b + at(x, p) for x in predikat] + [b + at("belum", p)], b + at("pegawai"))
            )
            equations.append(([b + at("bukti", p), b + at("tanpa", p)], b + at("lapor", p)))
        equations.append(([b + at("disetujui"), b + at("skp_belum")], b + at("skp")))
        for x in ("lapor", "bukti", "tanpa"):
            equations.append(([b + at(x, p) for p in periods[1:]], b + at(x, periods[0])))
        return start

    def column_sums(parts: list[int], total: int) -> None:
        for c in range(width):
            equations.append(([p + c for p in parts], total + c))

    for inst in payload["instansi"]:
        units = inst["units"]
        subtree = [add(u[4], (inst["id"], u[0], "S")) for u in units]
        direct = {
            i: add(u[5], (inst["id"], u[0], "D")) for i, u in enumerate(units) if u[5] is not None
        }
        kids: dict[int, list[int]] = {}
        for i, u in enumerate(units):
            kids.setdefault(u[2], []).append(i)
        for i, d in direct.items():
            column_sums([d, *(subtree[k] for k in kids.get(i, []))], subtree[i])
        column_sums([subtree[k] for k in kids.get(-1, [])], add(inst["row"], (inst["id"], "", "I")))
    people = {i for i in range(len(cells)) if i % width in people_cols}
    return cells, equations, people, labels


def audit_unit_page(payload: dict, threshold: int = 5) -> dict:
    """audit() of the unit page's JSON, plus the hidden cells its sums fix (``linear``)."""
    cells, equations, people, labels = unit_page_system(payload)
    page = audit(cells, equations, people, threshold)
    page["linear"] = linear_determined(cells, equations)
    page["labels"] = labels
    return page


# --- the pages: literal units ------------------------------------------------------------------

PREDIKAT = ENUMS["predikat"]  # Sangat Baik, Baik, Butuh Perbaikan, Kurang/Misconduct, Sangat Kurang


def cube_of(units: list[tuple], threshold: int = 5) -> Cube:
    """The suppressed cube of one instansi: (unor_id, induk, pegawai, skp, disetujui, annual
    predikat counts SB..SK); no quarterly predikat, no evidence."""
    rows = [
        {"instansi_id": "I", "instansi_nama": "Pemerintah Kabupaten Uji", "unor_id": u,
         "unor_nama": f"Unit {u}", "unor_induk_id": parent, "jumlah_pegawai": peg,
         "jumlah_skp": skp, "skp_disetujui": ok}
        for u, parent, peg, skp, ok, _ in units
    ]  # fmt: skip
    dist = [
        ("I", u, "2025", p, n)
        for u, *_, counts in units
        for p, n in zip(PREDIKAT, counts, strict=True)
    ]
    return build_cube(
        pl.DataFrame(rows),
        pl.DataFrame(dist, schema=["instansi_id", "unor_id", "periode", "predikat", "jumlah"], orient="row"),
        pl.DataFrame(schema={"instansi_id": pl.String, "unor_id": pl.String, "periode": pl.String,
                             "dilaporkan": pl.Int64, "berbukti": pl.Int64, "pegawai_melapor": pl.Int64}),
        2025,
        threshold=threshold,
    )  # fmt: skip


def annual(row: list) -> list:
    return [row[col(f"p{i}", "tahunan")] for i in range(5)] + [row[col("belum", "tahunan")]]


def test_the_30_sangat_kurang_of_a_36_person_unit_stay_visible() -> None:
    """A Dinas with 20 placed directly (5 SB, 15 B), Bidang A of 36 (3 BP, 3 K, 30 SK) and
    Seksi B of 12 (5 SB, 5 B, 2 SK). A's two «<5» sit beside its 30; B's 2 SK is the lone
    hidden cell of the SK column (0 + 30 + 2 = 32), whose only other non-zero part is A's 30:
    until now that 30 became «x», hiding the strongest signal of the page.

    Now the 30 is hidden but published as the range the page already implies: B's row
    12 = SB + 5 + SK(«<5») hides B's SB too, SB = 12 - 5 - (1..4) = 3..6 and a hidden count is
    0 or >= 5, so SB is 5..6 and B's SK 1..2; A's SK = 32 - B's SK = 30..31 (and A's own row
    alone gives 36 - (1..4) - (1..4) = 28..34). The Dinas' SB = 5 + B's SB = 10..11.
    """
    cube = cube_of([("R", None, 20, 20, 20, (5, 15, 0, 0, 0)), ("A", "R", 36, 36, 36, (0, 0, 3, 3, 30)),
                    ("B", "R", 12, 12, 12, (5, 5, 0, 0, 2))])  # fmt: skip
    assert annual(cube.subtree["A"]) == [0, 0, "<5", "<5", "30–31", 0]
    assert cube.subtree["A"][col("pegawai")] == 36
    assert annual(cube.subtree["B"]) == ["5–6", 5, 0, 0, "<5", 0]
    assert annual(cube.subtree["R"]) == ["10–11", 20, "<5", "<5", 32, 0]
    assert annual(cube.direct["R"]) == [5, 15, 0, 0, 0, 0]
    assert cell_text(cube.subtree["A"][col("p4", "tahunan")]) == "30–31"


def test_skp_approval_of_a_100_person_unit_is_a_range_not_hidden() -> None:
    """Bidang A: 100 employees, 100 SKP, 98 Disetujui; its Dinas places 20 (all approved).
    The 2 not approved are «<5», so the 98 cannot be shown (100 - 98 = 2); it is published as
    100 - (1..4) = 96..99 and «% SKP disetujui» as 96,0–99,0% instead of «x». The Dinas:
    120 - (1..4) = 116..119, 96,6–99,2% (116/120 = 96,67 down, 119/120 = 99,17 up)."""
    cube = cube_of(
        [("R", None, 20, 20, 20, (5, 15, 0, 0, 0)), ("A", "R", 100, 100, 98, (20, 60, 20, 0, 0))]
    )
    a, r = cube.subtree["A"], cube.subtree["R"]
    assert [a[col(x)] for x in ("pegawai", "skp", "disetujui", "skp_belum")] == [
        100,
        100,
        "96–99",
        "<5",
    ]
    assert ratio_text(a[col("disetujui")], a[col("skp_belum")], a[col("skp")]) == "96,0–99,0%"
    assert [r[col(x)] for x in ("pegawai", "skp", "disetujui", "skp_belum")] == [
        120,
        120,
        "116–119",
        "<5",
    ]
    assert ratio_text(r[col("disetujui")], r[col("skp_belum")], r[col("skp")]) == "96,6–99,2%"
    assert annual(a) == [20, 60, 20, 0, 0, 0]  # nothing else of the row is touched


def test_the_threshold_is_configurable() -> None:
    """With threshold 10 the 6 BP of a 40-person unit are «<10»; its 7 K are «<10» too, so the
    row 40 = 10 + 17 + BP + K keeps both hidden and everything else shown (a lone «<10»
    would need a complement). With the default 5, the same row is shown whole."""
    units = [("A", None, 40, 40, 40, (10, 17, 6, 7, 0))]
    wide = cube_of(units, threshold=10)
    assert annual(wide.subtree["A"]) == [10, 17, "<10", "<10", 0, 0]
    assert wide.mark_small == "<10" and wide.threshold == 10
    assert annual(cube_of(units).subtree["A"]) == [10, 17, 6, 7, 0, 0]
    with pytest.raises(ValueError):
        cube_of(units, threshold=1)


def test_no_hidden_cell_of_the_test_site_can_be_recovered() -> None:
    """The unit page of the test site (tests/test_site.py: 3 instansi, 3-level hierarchy):
    every sum its JSON allows, combined: no hidden cell fixed by the equations, no «<5» pinned
    by the bounds beyond what the marks alone pin, no range saying more than the page.

    The marks alone pin one thing: in Kota Yogyakarta one employee of each of its four units
    (Sekretariat's own, Dinas Perhubungan's own, Bidang Lalu Lintas, UPT Terminal) has no TW2
    predikat, 4 in all. All these counts are 1–4, so «<5»; four parts of at least 1 under a
    total of at most 4 are 1 each, and so are the subtotals (Dinas Perhubungan's subtree 2,
    Sekretariat's and the instansi's 4). No complement can change that: hiding more counts
    leaves the marks as they are."""
    from tests.test_site import make_data

    cube = make_data().year(2025).cube()
    page = audit_unit_page(payload(cube, True))
    assert page["linear"] == []
    assert page["pinned"] == set()
    assert page["new_facts"] == {}
    assert page["ranges"] > 20
    assert sorted(page["labels"][c] for c in page["inherent"]) == [
        ("3471", "", "I", "TW2:belum"), ("3471", "YK-00", "D", "TW2:belum"),
        ("3471", "YK-00", "S", "TW2:belum"), ("3471", "YK-01", "D", "TW2:belum"),
        ("3471", "YK-01", "S", "TW2:belum"), ("3471", "YK-011", "S", "TW2:belum"),
        ("3471", "YK-02", "S", "TW2:belum"),
    ]  # fmt: skip


def test_threshold_setting(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """KINERJA_AMBANG_SEL: default 5, an integer of at least 2 taken as is, anything else
    refused; `kinerja run` refuses it with exit code 2 before touching the output folder; the
    site builder hands DashboardData.ambang to the cube of every year."""
    from pipelines.cli import main
    from pipelines.settings import small_cell_threshold
    from tests.test_site import make_data

    monkeypatch.delenv("KINERJA_AMBANG_SEL", raising=False)
    assert small_cell_threshold() == 5
    monkeypatch.setenv("KINERJA_AMBANG_SEL", "10")
    assert small_cell_threshold() == 10
    for bad in ("1", "lima", "2.5"):
        monkeypatch.setenv("KINERJA_AMBANG_SEL", bad)
        with pytest.raises(ValueError, match="KINERJA_AMBANG_SEL"):
            small_cell_threshold()
    bundle = tmp_path / "ekspor"
    bundle.mkdir()
    assert main(["run", "--exports", str(bundle), "--out", str(tmp_path / "hasil")]) == 2
    assert not (tmp_path / "hasil").exists()

    data = make_data()
    data.ambang = 10
    cube = data.year(2025).cube()
    assert cube.threshold == 10
    kota = next(i for i in cube.instansi if i["id"] == "3471")
    # Bidang Lalu Lintas: 5 SB, 10 B, 5 BP -> the two 5s are now «<10».
    assert annual(cube.subtree["YK-011"])[:3] == ["<10", 10, "<10"]
    assert kota["row"][col("pegawai")] == 104


# --- the exact check: enumeration, integer programs, and the shape cache ------------------------


def _open_small_cells(
    values: list[int], equations: Equations, status: list[str], people: set[int] | None = None
):
    """A propagated _Bounds over a suppressed system and its «<5» cells left open."""
    bounds = privacy._Bounds(values, equations, status, privacy.THRESHOLD, people)
    by_cell: dict[int, list[int]] = {}
    for e, (parts, total) in enumerate(equations):
        for c in dict.fromkeys((*parts, total)):
            if status[c] != privacy.SHOWN:
                by_cell.setdefault(c, []).append(e)
    bounds.run(range(len(equations)), by_cell)
    cells = [
        c for c, lo in bounds.lo.items()
        if status[c] == privacy.SMALL and bounds.hi[c] is not None and lo < bounds.hi[c]
    ]
    return bounds, cells


def _refuse(*args: object) -> None:
    raise AssertionError("the exact search was expected to answer")


def pins_by(method: str, bounds, cells: list[int], monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """exact_pins answered by one way only: "search" (_Search, no fallback), "enumeration" or
    "highs" (the integer programs); each from an empty shape cache."""
    with monkeypatch.context() as m:
        m.setattr(privacy, "_PIN_CACHE", {})
        if method == "search":
            m.setattr(privacy._Bounds, "_enumerated_pins", _refuse)
            m.setattr(privacy._Bounds, "_solved_pins", _refuse)
        else:
            m.setattr(privacy, "SEARCH_BUDGET", 0)
            m.setattr(privacy, "ENUMERATE_MAX", 10**6 if method == "enumeration" else 0)
            if method == "enumeration":
                m.setattr(privacy._Bounds, "_solved_pins", _refuse)
        return sorted(bounds.exact_pins(cells))


def hidden_as_marks(rng: random.Random, values: list[int], complements: int) -> list[str]:
    """«<5» for every 1–4, and a few other cells hidden as complements."""
    status = [privacy.SMALL if 1 <= v <= 4 else privacy.SHOWN for v in values]
    for c in rng.sample(range(len(values)), complements):
        if status[c] == privacy.SHOWN:
            status[c] = privacy.COMPLEMENT
    return status


def test_enumerated_pins_agree_with_the_integer_programs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Random tables with margins, hidden as the marks alone say (no complements): the pins
    found by trying every combination equal those HiGHS proves, group by group."""
    rng = random.Random(11)
    compared = 0
    for _ in range(80):
        values, equations = table_with_margins(rng, rng.randint(2, 4), rng.randint(2, 4))
        status = hidden_as_marks(rng, values, 3)
        bounds, cells = _open_small_cells(values, equations, status)
        if not cells:
            continue
        solved = pins_by("highs", bounds, cells, monkeypatch)
        assert pins_by("enumeration", bounds, cells, monkeypatch) == solved, (values, equations)
        compared += 1
    assert compared > 20


def test_searched_pins_agree_with_the_integer_programs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Random linked systems and tables with margins, some cells not counting people and some
    totals hidden (cells without an upper bound): the exact search finds exactly the pins
    HiGHS proves, without falling back to it."""
    rng = random.Random(23)
    compared = pinned = unbounded = 0
    for i in range(160):
        if i % 2:
            values, equations = table_with_margins(rng, rng.randint(2, 5), rng.randint(2, 5))
        else:
            values, equations = random_system(rng)
        status = hidden_as_marks(rng, values, rng.randint(2, 6))
        people = None if i % 3 else set(rng.sample(range(len(values)), len(values) * 3 // 4))
        bounds, cells = _open_small_cells(values, equations, status, people)
        if not cells:
            continue
        solved = pins_by("highs", bounds, cells, monkeypatch)
        assert pins_by("search", bounds, cells, monkeypatch) == solved, (values, equations, status)
        compared += 1
        pinned += bool(solved)
        unbounded += any(hi is None for hi in bounds.hi.values())
    assert compared > 60 and pinned > 10 and unbounded > 10, (compared, pinned, unbounded)


def test_a_group_of_many_fixed_cells_is_enumerated() -> None:
    """40 «<5» cells in a chain of pairs each adding up to 2 are all 1 (40 linked cells, one
    combination): every one is pinned, and the shape cache gives the same answer twice."""
    values = [1] * 40 + [2] * 39
    equations: Equations = [([i, i + 1], 40 + i) for i in range(39)]
    status = [privacy.SMALL] * 40 + [privacy.SHOWN] * 39
    bounds = privacy._Bounds(values, equations, status, privacy.THRESHOLD, None)
    by_cell = {c: [e for e, (parts, _) in enumerate(equations) if c in parts] for c in range(40)}
    bounds.run(range(39), by_cell)
    assert bounds.exact_pins(list(range(40))) == list(range(40))
    assert bounds.exact_pins(list(range(40))) == list(range(40))


@pytest.mark.parametrize("method", ["search", "enumeration", "highs"])
def test_a_pin_only_integers_reveal_is_found(method: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The docstring's example: a + b = 10, c + b = 11, a + c + d = 12, e + d = 12 with «<5»
    a, c, e and hidden counts b, d: b = 9 follows (a = 1, c = 2, d = 9, e = 3); propagation
    alone stops at 8..9. Cells a..e are 0..4, totals 5..8. Each exact way finds it."""
    values = [1, 9, 2, 9, 3, 10, 11, 12, 12]
    equations: Equations = [([0, 1], 5), ([2, 1], 6), ([0, 2, 3], 7), ([4, 3], 8)]
    status = [privacy.SMALL, privacy.COMPLEMENT, privacy.SMALL, privacy.COMPLEMENT, privacy.SMALL]
    status += [privacy.SHOWN] * 4
    bounds, cells = _open_small_cells(values, equations, status)
    assert (bounds.lo[1], bounds.hi[1]) == (8, 9)
    assert pins_by(method, bounds, cells, monkeypatch) == [0, 2, 4]


SMALL_1 = (1, 4, True, True, 1)  # a «<5» people cell holding 1 (lo, hi, «<5», people, value)


@pytest.mark.parametrize(
    ("cells", "rows", "goal", "pins"),
    [
        # x0 «<5» + x1 (a hidden people count, 0 or >= 5) = 6: x1 = 6 - (1..4) is 2..5, so 5
        ((SMALL_1, (0, None, False, True, 5)), ((((0, 1), (1, 1)), 6),), (0,), (0,)),
        # the same x1 counting something else (not 0-or-5): 2..5 is open, and so is x0
        ((SMALL_1, (0, None, False, False, 5)), ((((0, 1), (1, 1)), 6),), (0,), ()),
        # two «<5» adding up to 4 (1 + 3): 1 + 3, 2 + 2, 3 + 1, nothing pinned
        ((SMALL_1, (1, 4, True, True, 3)), ((((0, 1), (1, 1)), 4),), (0, 1), ()),
        # ... and to 2: both 1
        ((SMALL_1, SMALL_1), ((((0, 1), (1, 1)), 2),), (0, 1), (0, 1)),
        # x0 + x1 = 5 and x0 - x2 = -3, x2 «<5» holding 4: x0 = x2 - 3 <= 1, so x0 = 1, x2 = 4
        ((SMALL_1, (0, None, False, False, 4), (1, 4, True, True, 4)),
         ((((0, 1), (1, 1)), 5), (((0, 1), (2, -1)), -3)), (0, 2), (0, 2)),
        # 2 * x0 + x1 = 7 with x1 «<5» holding 3: x0 = 2 (x1 = 3) or x0 = 3 (x1 = 1): open
        (((1, 4, True, True, 2), (1, 4, True, True, 3)), ((((0, 2), (1, 1)), 7),), (0, 1), ()),
        # input that does not add up (two «<5» summing to 9): no solution, nothing pinned
        ((SMALL_1, SMALL_1), ((((0, 1), (1, 1)), 9),), (0, 1), ()),
    ],
)  # fmt: skip
def test_the_search_on_hand_computed_groups(cells, rows, goal, pins) -> None:
    """_Search on literal group shapes whose answers are worked out in the comments."""
    assert privacy._searched_pins((cells, rows, goal), privacy.THRESHOLD) == pins


def test_a_search_out_of_budget_falls_back_to_the_integer_programs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With a budget of one equation check the search gives up (None) and exact_pins still
    gives the docstring example's pins, from HiGHS."""
    shape = ((SMALL_1, SMALL_1), ((((0, 1), (1, 1)), 2),), (0, 1))
    monkeypatch.setattr(privacy, "SEARCH_BUDGET", 1)
    assert privacy._searched_pins(shape, privacy.THRESHOLD) is None
    monkeypatch.setattr(privacy, "_PIN_CACHE", {})
    monkeypatch.setattr(privacy, "ENUMERATE_MAX", 0)
    solved = []
    highs = privacy._Bounds._solved_pins
    monkeypatch.setattr(
        privacy._Bounds, "_solved_pins", lambda *a: solved.append(1) or highs(*a)
    )
    values = [1, 9, 2, 9, 3, 10, 11, 12, 12]
    equations: Equations = [([0, 1], 5), ([2, 1], 6), ([0, 2, 3], 7), ([4, 3], 8)]
    status = [privacy.SMALL, privacy.COMPLEMENT, privacy.SMALL, privacy.COMPLEMENT, privacy.SMALL]
    bounds, cells = _open_small_cells(values, equations, status + [privacy.SHOWN] * 4)
    assert sorted(bounds.exact_pins(cells)) == [0, 2, 4]
    assert solved == [1]


# --- combining equations: the formulas of recoverable cells -------------------------------------


def test_the_formulas_of_the_leak_above() -> None:
    """The checker's leak (test_the_checker_sees_the_leak): A.BP (cell 2) and D.BP (14) follow
    from the shown cells, with these formulas (coefficients of the shown cells):
    A.BP = D.SB + D.B - P.SB - P.B + A.pegawai + B.pegawai - (the shown zeros) = 20 + 70 - 35 -
    97 + 33 + 12 = 3, and D.BP = P.SB + P.B + P.BP - D.SB - D.B - A.pegawai - B.pegawai (+ the
    zeros) = 35 + 97 + 25 - 20 - 70 - 33 - 12 = 22."""
    values = [10, 20, 3, 0, 0, 33, 5, 7, 0, 0, 0, 12, 20, 70, 22, 6, 2, 120, 35, 97, 25, 6, 2, 165]
    equations: Equations = [([0, 1, 2, 3, 4], 5), ([6, 7, 8, 9, 10], 11), ([12, 13, 14, 15, 16], 17),
                            ([18, 19, 20, 21, 22], 23)]  # fmt: skip
    equations += [([12 + c, c, 6 + c], 18 + c) for c in range(6)]
    hidden = {0, 1, 2, 6, 7, 14, 15, 16, 21, 22}
    status = ["kecil" if i in hidden else "tampil" for i in range(len(values))]
    formulas = privacy._formulas(equations, status, values)
    signed = {
        cell: {k: v if v < privacy._PRIME // 2 else v - privacy._PRIME for k, v in f.items()}
        for cell, f in formulas.items()
    }
    assert signed == {
        2: {12: 1, 13: 1, 18: -1, 19: -1, 5: 1, 11: 1, 3: -1, 4: -1, 8: -1, 9: -1, 10: -1},
        14: {12: -1, 13: -1, 18: 1, 19: 1, 20: 1, 5: -1, 11: -1, 3: 1, 4: 1, 9: 1, 10: 1},
    }
    assert privacy.recoverable(equations, status, values) == [2, 14]


def random_hidden_system(rng: random.Random, i: int, side: int) -> tuple[list[int], Equations, list[str]]:
    """A table with margins (odd ``i``, up to ``side`` × ``side``) or a random system, with a
    random set of hidden cells (at most half)."""
    if i % 2:
        values, equations = table_with_margins(rng, rng.randint(2, side), rng.randint(2, side))
    else:
        values, equations = random_system(rng)
    hidden = set(rng.sample(range(len(values)), rng.randint(1, len(values) // 2)))
    return values, equations, ["kecil" if c in hidden else "tampil" for c in range(len(values))]


def test_recoverable_agrees_with_exact_elimination() -> None:
    """Random systems with random hidden cells: the cells recoverable() finds are exactly those
    the rational elimination of :func:`determined` fixes, and each formula uses shown cells
    only and gives the cell's value."""
    rng = random.Random(3)
    found = 0
    for i in range(120):
        values, equations, status = random_hidden_system(rng, i, 4)
        formulas = privacy._formulas(equations, status, values)
        assert sorted(formulas) == determined(values, equations, status)
        for cell, formula in formulas.items():
            assert all(status[k] == "tampil" for k in formula)
            total = sum(v * values[k] for k, v in formula.items()) % privacy._PRIME
            assert total == values[cell]
        found += len(formulas)
    assert found > 50


def test_the_proof_that_nothing_follows() -> None:
    """_none_recoverable: a 2 × 2 table whose four counts are hidden beside shown margins
    leaves every count free (adding 1 to a diagonal and taking 1 from the other keeps every
    sum), so nothing follows; in the leak above A.BP follows, so there is no such proof."""
    # the hidden terms of the table's sums: rows 0 + 1, 2 + 3, columns 0 + 2, 1 + 3
    table = [[(0, 1), (1, 1)], [(2, 1), (3, 1)], [(0, 1), (2, 1)], [(1, 1), (3, 1)]]
    assert privacy._none_recoverable(table)
    assert not privacy._none_recoverable([[(0, 1), (1, 1)], [(1, 1)]])  # 1 alone: 0 and 1 fixed
    equations: Equations = [([0, 1, 2, 3, 4], 5), ([6, 7, 8, 9, 10], 11), ([12, 13, 14, 15, 16], 17),
                            ([18, 19, 20, 21, 22], 23)]  # fmt: skip
    equations += [([12 + c, c, 6 + c], 18 + c) for c in range(6)]
    hidden = {0, 1, 2, 6, 7, 14, 15, 16, 21, 22}
    terms = [
        [(c, a) for c, a in row if c in hidden] for row in privacy._coefficients(equations)
    ]
    assert not privacy._none_recoverable(terms)


def test_formulas_are_the_same_with_the_proof_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """Random systems: with _none_recoverable tried on every system, _formulas gives exactly
    what it gives without it, and the proof is found exactly when nothing follows (by the
    rational elimination of :func:`determined`)."""
    rng = random.Random(8)
    proved = 0
    for i in range(150):
        values, equations, status = random_hidden_system(rng, i, 5)
        monkeypatch.setattr(privacy, "CERTIFY_MIN", 10**9)
        plain = privacy._formulas(equations, status, values)
        monkeypatch.setattr(privacy, "CERTIFY_MIN", 0)
        monkeypatch.setattr(privacy, "CERTIFY_WIDE", 0)
        assert privacy._formulas(equations, status, values) == plain
        terms = [[(c, a) for c, a in row if status[c] != "tampil"] for row in privacy._coefficients(equations)]
        proof = privacy._none_recoverable(terms)
        assert proof == (determined(values, equations, status) == [])
        proved += proof
    assert proved > 4
