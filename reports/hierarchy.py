"""The instansi → unit → sub-unit cube behind every page, suppressed once for all views.

Each *row* is one node of the hierarchy: ``G`` (all instansi), one per instansi, ``S`` (a unit
with its whole subtree) and ``D`` (only the employees placed directly in a unit that has
sub-units; for a leaf unit ``D`` equals ``S`` and is not stored). A row is a vector of
:data:`WIDTH` counts laid out by :func:`col`: pegawai, SKP, SKP disetujui, SKP belum disetujui,
then per periode (tahunan, TW1..TW4) the five predikat counts, "belum dinilai", and evidence
coverage (realisasi periods dilaporkan, berbukti, tanpa bukti).

All cells of all rows are suppressed together by :func:`reports.privacy.suppress_linear` with
every additive relation the site could expose (row sums, parent = direct + children, instansi =
its top units, total = instansi, tahunan = TW1+..+TW4 for evidence). A page or filter only ever
picks rows out of this cube, so no combination of views reveals a hidden cell. A complement
whose published bounds are finite is given as a range ("28–31"), a 1..threshold-1 count as
"<5" (the mark follows the threshold), others as "x".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from reports import privacy
from transforms.contract import ENUMS

PREDIKAT: tuple[str, ...] = ENUMS["predikat"]
PERIODS: tuple[str, ...] = ("tahunan", "TW1", "TW2", "TW3", "TW4")
PERIOD_LABELS: dict[str, str] = {
    "tahunan": "Tahunan",
    "TW1": "Triwulan I",
    "TW2": "Triwulan II",
    "TW3": "Triwulan III",
    "TW4": "Triwulan IV",
}
BASE = ("pegawai", "skp", "disetujui", "skp_belum")
PER = ("p0", "p1", "p2", "p3", "p4", "belum", "lapor", "bukti", "tanpa")
WIDTH = len(BASE) + len(PERIODS) * len(PER)


def col(name: str, periode: str | None = None) -> int:
    """Index of a column in a row vector (``periode`` for the per-periode columns)."""
    if periode is None:
        return BASE.index(name)
    return len(BASE) + PERIODS.index(periode) * len(PER) + PER.index(name)


def periode_key(raw: object, tahun: object) -> str | None:
    """Mart periode ("2025", "2025-TW1") -> "tahunan" / "TW1".. (None = another year)."""
    text = str(raw)
    year, _, tw = text.partition("-")
    if tahun is not None and year != str(tahun):
        return None
    if not tw:
        return "tahunan"
    return tw if tw in PERIODS else None


@dataclass
class Node:
    """A unit in the effective tree (orphans become top-level, cycles are broken)."""

    unor_id: str
    nama: str
    instansi_id: str
    parent: str | None
    depth: int
    children: list[str] = field(default_factory=list)


@dataclass
class Cube:
    """Suppressed rows of the whole hierarchy (values are int or a mark like "<5"/"x")."""

    total: list[int | str]
    instansi: list[dict]  # {id, nama, row, units: [unor_id in DFS order]}
    nodes: dict[str, Node]
    subtree: dict[str, list[int | str]]
    direct: dict[str, list[int | str]]  # only units with sub-units
    people_coverage: bool = True  # False when no evidence data exist at all
    threshold: int = privacy.THRESHOLD  # smallest count shown (cells of 1..threshold-1: "<5")
    # Per unit, its own row as the suppression saw it: (true value, status, published bounds)
    # of each cell. Only for a breakdown suppressed against the cube (reports.rincian); never
    # rendered: a page publishes cells only through the rows above or shown_or_mark.
    own_truth: dict[str, list[tuple[int, str, privacy.Bound | None]]] = field(
        default_factory=dict, repr=False
    )

    @property
    def mark_small(self) -> str:
        return privacy.mark_small(self.threshold)

    def own(self, unor_id: str) -> list[int | str]:
        """Row of the employees placed directly in a unit (its subtree row for a leaf)."""
        return self.direct.get(unor_id, self.subtree[unor_id])


def tree(units: list[dict]) -> list[Node]:
    """Units of one instansi in DFS order (siblings by name) with effective parents."""
    by_id = {r["unor_id"]: r for r in units}
    kids: dict[Any, list[dict]] = {}
    roots: list[dict] = []
    for r in units:
        parent = r.get("unor_induk_id")
        if parent is None or parent not in by_id or parent == r["unor_id"]:
            roots.append(r)
        else:
            kids.setdefault(parent, []).append(r)

    def key(r: dict) -> tuple[str, str]:
        return (str(r.get("unor_nama") or ""), str(r["unor_id"]))

    out: list[Node] = []
    seen: set = set()
    stack: list[tuple[dict, str | None, int]] = [
        (r, None, 0) for r in sorted(roots, key=key, reverse=True)
    ]
    leftovers = sorted(units, key=key)
    while True:
        while stack:
            r, parent, depth = stack.pop()
            if r["unor_id"] in seen:
                continue
            seen.add(r["unor_id"])
            out.append(Node(r["unor_id"], _name(r), r["instansi_id"], parent, depth))
            stack.extend(
                (c, r["unor_id"], depth + 1)
                for c in sorted(kids.get(r["unor_id"], []), key=key, reverse=True)
            )
        # Units only reachable through a cycle: the first unvisited one becomes a root.
        rest = [r for r in leftovers if r["unor_id"] not in seen]
        if not rest:
            break
        stack.append((rest[0], None, 0))
    index = {n.unor_id: n for n in out}
    for n in out:
        if n.parent is not None:
            index[n.parent].children.append(n.unor_id)
    return out


def _name(r: dict) -> str:
    nama = r.get("unor_nama")
    return str(nama) if nama not in (None, "") else str(r["unor_id"])


def _direct_rows(
    unit: pl.DataFrame, distribusi: pl.DataFrame, cakupan: pl.DataFrame, tahun: object
) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Per unit: the direct count vector and the people behind each evidence periode."""
    rows: dict[str, list[int]] = {}
    people: dict[str, list[int]] = {}
    for r in unit.iter_rows(named=True):
        v = [0] * WIDTH
        v[col("pegawai")] = int(r["jumlah_pegawai"] or 0)
        v[col("skp")] = int(r["jumlah_skp"] or 0)
        v[col("disetujui")] = int(r["skp_disetujui"] or 0)
        v[col("skp_belum")] = max(v[col("skp")] - v[col("disetujui")], 0)
        rows[r["unor_id"]] = v
        people[r["unor_id"]] = [0] * len(PERIODS)
    pidx = {p: f"p{i}" for i, p in enumerate(PREDIKAT)}
    for r in distribusi.filter(pl.col("unor_id").is_not_null()).iter_rows(named=True):
        per = periode_key(r["periode"], tahun)
        v = rows.get(r["unor_id"])
        if per is None or v is None or r["predikat"] not in pidx:
            continue
        v[col(pidx[r["predikat"]], per)] += int(r["jumlah"] or 0)
    for r in cakupan.iter_rows(named=True):
        per = periode_key(r["periode"], tahun)
        v = rows.get(r["unor_id"])
        if per is None or v is None:
            continue
        v[col("lapor", per)] += int(r["dilaporkan"] or 0)
        v[col("bukti", per)] += int(r["berbukti"] or 0)
        people[r["unor_id"]][PERIODS.index(per)] += int(r["pegawai_melapor"] or 0)
    for v in rows.values():
        for per in PERIODS:
            parts = sum(v[col(f"p{i}", per)] for i in range(len(PREDIKAT)))
            v[col("belum", per)] = max(v[col("pegawai")] - parts, 0)
            v[col("tanpa", per)] = max(v[col("lapor", per)] - v[col("bukti", per)], 0)
    return rows, people


def _add(a: list[int], b: Iterable[int]) -> None:
    for i, x in enumerate(b):
        a[i] += x


def build_cube(
    unit: pl.DataFrame,
    distribusi: pl.DataFrame,
    cakupan: pl.DataFrame,
    tahun: object,
    *,
    threshold: int = privacy.THRESHOLD,
) -> Cube:
    """Aggregate the hierarchy and suppress every cell once (see module docstring); counts of
    1..threshold-1 people are hidden."""
    if threshold < 2:
        raise ValueError(f"small-cell threshold must be at least 2, not {threshold}")
    direct, people = _direct_rows(unit, distribusi, cakupan, tahun)
    by_instansi: dict[str, list[dict]] = {}
    names: dict[str, str] = {}
    for r in unit.iter_rows(named=True):
        by_instansi.setdefault(r["instansi_id"], []).append(r)
        if r.get("instansi_nama") and r["instansi_id"] not in names:
            names[r["instansi_id"]] = str(r["instansi_nama"])
    order = sorted(by_instansi, key=lambda i: (names.get(i, str(i)), str(i)))

    # Row registry: key -> (vector, people per periode)
    keys: list[tuple[str, str]] = []
    vecs: list[list[int]] = []
    ppl: list[list[int]] = []
    slot: dict[tuple[str, str], int] = {}

    def add_row(key: tuple[str, str], vec: list[int], peo: list[int]) -> int:
        slot[key] = len(keys)
        keys.append(key)
        vecs.append(vec)
        ppl.append(peo)
        return slot[key]

    nodes: dict[str, Node] = {}
    instansi_units: dict[str, list[str]] = {}
    hier: list[tuple[list[int], int]] = []  # (part rows, total row)
    top_rows: list[int] = []
    for inst in order:
        dfs = tree(by_instansi[inst])
        instansi_units[inst] = [n.unor_id for n in dfs]
        for n in dfs:
            nodes[n.unor_id] = n
        sub: dict[str, int] = {}
        for n in reversed(dfs):  # children before parents
            vec = list(direct[n.unor_id])
            peo = list(people[n.unor_id])
            for c in n.children:
                _add(vec, vecs[sub[c]])
                _add(peo, ppl[sub[c]])
            sub[n.unor_id] = add_row(("S", n.unor_id), vec, peo)
            if n.children:
                d = add_row(("D", n.unor_id), list(direct[n.unor_id]), list(people[n.unor_id]))
                hier.append(([d, *(sub[c] for c in n.children)], sub[n.unor_id]))
        roots = [sub[n.unor_id] for n in dfs if n.parent is None]
        vec, peo = [0] * WIDTH, [0] * len(PERIODS)
        for r in roots:
            _add(vec, vecs[r])
            _add(peo, ppl[r])
        i_row = add_row(("I", inst), vec, peo)
        hier.append((roots, i_row))
        top_rows.append(i_row)
    vec, peo = [0] * WIDTH, [0] * len(PERIODS)
    for r in top_rows:
        _add(vec, vecs[r])
        _add(peo, ppl[r])
    g_row = add_row(("G", ""), vec, peo)
    hier.append((top_rows, g_row))

    status, bounds = _suppress(vecs, ppl, hier, threshold)

    def row(i: int) -> list[int | str]:
        base = i * WIDTH
        return [
            privacy.shown_or_mark(vecs[i][c], status[base + c], bounds.get(base + c), threshold)
            for c in range(WIDTH)
        ]

    subtree = {k[1]: row(i) for i, k in enumerate(keys) if k[0] == "S"}
    own = {k[1]: row(i) for i, k in enumerate(keys) if k[0] == "D"}
    instansi = [
        {
            "id": inst,
            "nama": names.get(inst, str(inst)),
            "row": row(slot[("I", inst)]),
            "units": instansi_units[inst],
        }
        for inst in order
    ]
    any_evidence = any(vecs[g_row][col("lapor", p)] for p in PERIODS)
    truth = {}
    for u in nodes:
        i = slot.get(("D", u), slot[("S", u)])
        base = i * WIDTH
        truth[u] = [(vecs[i][c], status[base + c], bounds.get(base + c)) for c in range(WIDTH)]
    return Cube(row(g_row), instansi, nodes, subtree, own, any_evidence, threshold, truth)


def _suppress(
    vecs: list[list[int]], ppl: list[list[int]], hier: list[tuple[list[int], int]], threshold: int
) -> tuple[list[privacy.Status], dict[int, privacy.Bound]]:
    """Statuses of every cell of every row, and the published bounds of the hidden ones."""
    values = [x for v in vecs for x in v]
    eqs: list[tuple[list[int], int]] = []
    primary: list[int] = []
    people_cols = (col("pegawai"), col("skp"), col("disetujui"), col("skp_belum"))
    # Cells counting people (or SKP): every 1..threshold-1 of them is primary. The evidence
    # cells count realisasi periods and are hidden by the people behind them instead.
    people_offsets = [*people_cols] + [
        col(name, per) for per in PERIODS for name in (*(f"p{j}" for j in range(len(PREDIKAT))), "belum")
    ]
    people = {i * WIDTH + c for i in range(len(vecs)) for c in people_offsets}
    for i, v in enumerate(vecs):
        b = i * WIDTH
        for c in people_cols:
            if privacy.is_small(v[c], threshold):
                primary.append(b + c)
        eqs.append(([b + col("disetujui"), b + col("skp_belum")], b + col("skp")))
        for k, per in enumerate(PERIODS):
            pred = [b + col(f"p{j}", per) for j in range(len(PREDIKAT))] + [b + col("belum", per)]
            primary.extend(c for c in pred if privacy.is_small(values[c], threshold))
            eqs.append((pred, b + col("pegawai")))
            cov = [b + col(name, per) for name in ("lapor", "bukti", "tanpa")]
            if privacy.is_small(ppl[i][k], threshold):
                primary.extend(cov)
            eqs.append((cov[1:], cov[0]))
        for name in ("lapor", "bukti", "tanpa"):
            eqs.append(([b + col(name, p) for p in PERIODS[1:]], b + col(name, "tahunan")))
    for parts, total in hier:
        for c in range(WIDTH):
            eqs.append(([p * WIDTH + c for p in parts], total * WIDTH + c))
    status = privacy.suppress_linear(values, eqs, primary, threshold=threshold, people=people)
    bounds = privacy.published_bounds(values, eqs, status, threshold=threshold, people=people)
    return status, bounds
