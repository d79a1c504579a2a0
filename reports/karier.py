"""The counts of the "Karier dan tindak lanjut" page, suppressed as one system per year.

Cells (counts of people): per unit (employees placed directly in it), per jenis jabatan, per
instansi and for the year the predikat condition of kenaikan pangkat (ya / tidak / tidak
diketahui / tidak berlaku), the follow-up count and its remainder; per instansi and for the
year the ten 9-box cells (nine boxes and "tanpa kotak") and the succession pool; per jenjang
the JF employees with angka kredit. Equations: every row's parts = its pegawai; units =
their instansi, instansi = the year, jenis jabatan = the year; the boxes of the pool = the
pool; jenjang counts = the JF with angka kredit, + the JF without = the Fungsional pegawai.
All are suppressed together with :func:`reports.privacy.suppress_linear`, so no published
combination recovers a hidden cell. A pegawai total the site's cube hides (the unit page) is
hidden here too, so this page never shows a count the cube keeps back.

History (predikat per year): per history year the five predikat counts, their total and the
e-Kinerja/SIASN split, each row its own small system.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import polars as pl

from reports import privacy
from reports.hierarchy import Cube, col

KP = ("kp_ya", "kp_tidak", "kp_tidak_diketahui", "kp_tidak_berlaku")
KP_LABELS = ("Memenuhi", "Tidak memenuhi", "Tidak diketahui", "Tidak berlaku (PPPK)")
ROW = ("pegawai", *KP, "tindak_lanjut", "bukan_tindak_lanjut")
BOX = (*(f"kotak_{k}" for k in range(1, 10)), "tanpa_kotak")
TOP = (*ROW, *BOX, "suksesi")
PREDIKAT = ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
HISTORY = (*PREDIKAT, "dinilai", "dari_siasn", "dari_ekinerja")
FUNGSIONAL = "Fungsional"

Shown = int | str  # a count, a published range "28–31", or a mark ("<5", "x")


@dataclass
class _System:
    """Cells (values), additive equations, primary cells and cells that are not plain counts
    of 1..threshold-1 people when hidden (pre-hidden because the cube hides them)."""

    threshold: int
    values: list[int] = field(default_factory=list)
    equations: list[tuple[list[int], int]] = field(default_factory=list)
    primary: set[int] = field(default_factory=set)
    foreign: set[int] = field(default_factory=set)

    def group(self, row: dict, names: Iterable[str]) -> dict[str, int]:
        cells = {}
        for name in names:
            cells[name] = len(self.values)
            value = int(row.get(name) or 0)
            self.values.append(value)
            if privacy.is_small(value, self.threshold):
                self.primary.add(cells[name])
        return cells

    def eq(self, parts: Sequence[int], total: int) -> None:
        self.equations.append((list(parts), total))

    def hide(self, cell: int) -> None:
        """Hidden from the start (the cube hides it): not assumed to be 1..threshold-1."""
        if cell not in self.primary:
            self.foreign.add(cell)
        self.primary.add(cell)

    status: list[str] = field(default_factory=list)

    def solve(self) -> list[Shown]:
        people = set(range(len(self.values))) - self.foreign
        primary = sorted(self.primary)
        status = privacy.suppress_linear(
            self.values, self.equations, primary, threshold=self.threshold, people=people
        )
        known = privacy.published_bounds(
            self.values, self.equations, status, threshold=self.threshold, people=people
        )
        self.status = list(status)
        out: list[Shown] = []
        for i, s in enumerate(status):
            if i in self.foreign and s != privacy.SHOWN:
                out.append(privacy.MARK_COMPLEMENT)
            else:
                out.append(privacy.shown_or_mark(self.values[i], s, known.get(i), self.threshold))
        return out


def _rows(frame: pl.DataFrame, keys: Sequence[str], names: Sequence[str]) -> list[dict]:
    """Sum ``names`` per ``keys`` (all rows when keys is empty), with the remainders."""
    have = [n for n in names if n in frame.columns]
    if keys:
        grouped = frame.group_by(keys, maintain_order=True).agg(pl.col(have).sum()).sort(keys)
        rows = grouped.to_dicts()
    else:
        rows = (
            [{n: int(frame[n].sum() or 0) for n in have}]
            if frame.height
            else [dict.fromkeys(have, 0)]
        )
    for r in rows:
        r["bukan_tindak_lanjut"] = max(
            int(r.get("pegawai") or 0) - int(r.get("tindak_lanjut") or 0), 0
        )
    return rows


def _cube_hidden(cell: object) -> bool:
    return not isinstance(cell, int)


@dataclass
class Counts:
    """One year's suppressed counts: each dict maps a cell name to its shown value."""

    total: dict[str, Shown]
    instansi: list[dict]
    units: list[dict]
    jabatan: list[dict]
    jenjang: dict[str, Shown]
    system: _System | None = None  # values, equations and statuses (for audits)


def suppress_counts(karier: pl.DataFrame, jenjang: pl.DataFrame, cube: Cube | None,
                    pool: Iterable[int], threshold: int = privacy.THRESHOLD) -> Counts:  # fmt: skip
    """The page's counts (module docstring): ``karier`` the dasbor frame of that name,
    ``jenjang`` the angka kredit frame (jenjang, pegawai), ``pool`` the boxes of the
    succession pool."""
    frame = karier.with_columns(pl.col("jenis_jabatan").fill_null("(tidak tercatat)"))
    sys = _System(threshold)
    pool_cells = [f"kotak_{k}" for k in pool]

    def rows(cells: dict[str, int], boxes: bool) -> None:
        sys.eq([cells[k] for k in KP], cells["pegawai"])
        sys.eq([cells["tindak_lanjut"], cells["bukan_tindak_lanjut"]], cells["pegawai"])
        if boxes:
            sys.eq([cells[k] for k in BOX], cells["pegawai"])
            sys.eq([cells[k] for k in pool_cells], cells["suksesi"])

    total_row = _rows(frame, (), TOP)[0]
    g = sys.group(total_row, TOP)
    rows(g, True)
    inst_rows = _rows(frame, ("instansi_id", "instansi_nama"), TOP)
    inst = [(r, sys.group(r, TOP)) for r in inst_rows]
    for _, c in inst:
        rows(c, True)
    for name in TOP:
        sys.eq([c[name] for _, c in inst], g[name])
    unit_rows = _rows(frame, ("instansi_id", "instansi_nama", "unor_id", "unor_nama"), ROW)
    units = [(r, sys.group(r, ROW)) for r in unit_rows]
    for _, c in units:
        rows(c, False)
    for r, c in inst:
        members = [u for ur, u in units if ur["instansi_id"] == r["instansi_id"]]
        for name in ROW:
            sys.eq([u[name] for u in members], c[name])
    jab_rows = _rows(frame, ("jenis_jabatan",), (*ROW, "jf_angka_kredit"))
    jab = [(r, sys.group(r, ROW)) for r in jab_rows]
    for _, c in jab:
        rows(c, False)
    for name in ROW:
        sys.eq([c[name] for _, c in jab], g[name])
    levels: dict[str, int] = {}
    fungsional = next(((r, c) for r, c in jab if r["jenis_jabatan"] == FUNGSIONAL), None)
    if fungsional is not None:
        r, c = fungsional
        ak = int(r.get("jf_angka_kredit") or 0)
        extra = sys.group({"jf_ak": ak, "jf_tanpa_ak": max(int(r["pegawai"] or 0) - ak, 0)},
                          ("jf_ak", "jf_tanpa_ak"))  # fmt: skip
        sys.eq([extra["jf_ak"], extra["jf_tanpa_ak"]], c["pegawai"])
        levels = sys.group(
            dict(jenjang.select("jenjang", "pegawai").iter_rows()), jenjang["jenjang"].to_list()
        )
        if levels:
            sys.eq(list(levels.values()), extra["jf_ak"])
    if cube is not None:
        _tie_to_cube(sys, cube, g, inst, units)
    shown = sys.solve()

    def pick(cells: dict[str, int]) -> dict[str, Shown]:
        return {name: shown[i] for name, i in cells.items()}

    return Counts(
        total=pick(g),
        instansi=[{"id": r["instansi_id"], "nama": r["instansi_nama"], **pick(c)} for r, c in inst],
        units=[
            {
                "instansi": r["instansi_nama"],
                "unor_id": r["unor_id"],
                "nama": r["unor_nama"],
                **pick(c),
            }
            for r, c in units
        ],  # fmt: skip
        jabatan=[{"nama": r["jenis_jabatan"], **pick(c)} for r, c in jab],
        jenjang=pick(levels),
        system=sys,
    )


def _tie_to_cube(sys: _System, cube: Cube, g: dict, inst: list, units: list) -> None:
    """Hide every pegawai total the cube hides."""
    pegawai = col("pegawai")

    def tie(cell: int, cube_cell: object) -> None:
        if _cube_hidden(cube_cell):
            sys.hide(cell)

    tie(g["pegawai"], cube.total[pegawai])
    rows = {i["id"]: i["row"] for i in cube.instansi}
    for r, c in inst:
        if r["instansi_id"] in rows:
            tie(c["pegawai"], rows[r["instansi_id"]][pegawai])
    for r, c in units:
        if r["unor_id"] in cube.subtree:
            tie(c["pegawai"], cube.own(r["unor_id"])[pegawai])


def suppress_history(frame: pl.DataFrame, threshold: int = privacy.THRESHOLD) -> list[dict]:
    """Per history year (newest last): the predikat counts of the year's employees, their
    total, and how many came from e-Kinerja and from SIASN; each year suppressed alone."""
    out = []
    if not frame.height:
        return out
    summed = (
        frame.group_by("tahun_riwayat").agg(pl.col(list(HISTORY[:-1])).sum()).sort("tahun_riwayat")
    )
    for r in summed.to_dicts():
        r["dari_ekinerja"] = max(int(r["dinilai"] or 0) - int(r["dari_siasn"] or 0), 0)
        sys = _System(threshold)
        c = sys.group(r, HISTORY)
        sys.eq([c[p] for p in PREDIKAT], c["dinilai"])
        sys.eq([c["dari_siasn"], c["dari_ekinerja"]], c["dinilai"])
        shown = sys.solve()
        out.append({"tahun": int(r["tahun_riwayat"]), **{n: shown[i] for n, i in c.items()}})
    return out
