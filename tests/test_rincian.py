"""The Konsistensi unit page's counts (reports.rincian) on hand-built cubes: the unit's cells
are the cube's, the sums follow from them, and the jenis jabatan breakdown is published only
when it tells nothing the cube hides. Every expected value is worked out by hand."""

from __future__ import annotations

import polars as pl

from reports import privacy, rincian
from reports.hierarchy import col
from reports.pages import batas_se
from tests.test_privacy import cube_of

KEYS = ("unor_id", "periode", "jenis_jabatan", *rincian.COUNTS)


def split(unit: str, **jabatan: tuple[int, ...]) -> pl.DataFrame:
    return pl.DataFrame([(unit, "2025", j, *c) for j, c in jabatan.items()], schema=KEYS, orient="row")


def test_unit_cells_are_the_cubes_and_a_large_breakdown_is_shown() -> None:
    # R: 20 placed directly (5 SB, 15 B); U under R: 18 (6 SB, 12 B) — nothing small anywhere
    cube = cube_of([("R", None, 20, 20, 20, (5, 15, 0, 0, 0)), ("U", "R", 18, 18, 18, (6, 12, 0, 0, 0))])
    cells = rincian.unit_cells(cube, split("U", Fungsional=(0, 6, 0, 0, 0), Pelaksana=(6, 6, 0, 0, 0)), 2025)
    got = cells[("U", "tahunan")]
    assert got[""] == {"sangat_baik": 6, "baik": 12, "butuh_perbaikan": 0, "kurang": 0,
                       "sangat_kurang": 0, "dinilai": 18, "bawah": 0}  # fmt: skip
    x = privacy.MARK_COMPLEMENT  # a jenis jabatan shows only its funnel's three cells
    assert got["Fungsional"] == {"sangat_baik": 0, "baik": x, "butuh_perbaikan": x, "kurang": x,
                                 "sangat_kurang": x, "dinilai": 6, "bawah": 0}  # fmt: skip
    assert (got["Pelaksana"]["dinilai"], got["Pelaksana"]["sangat_baik"], got["Pelaksana"]["bawah"]) == (12, 6, 0)


def test_a_breakdown_protected_only_by_hiding_a_unit_count_is_withheld() -> None:
    # U: 6 SB of 18, split Fungsional 1 SB / Pelaksana 5 SB. Fungsional's 1 is «<5»; its only
    # complement in the breakdown is Pelaksana's 5, but the unit's 6 is shown: 6 − (1..4) is
    # 2..5, and a hidden count that is not «<5» is 0 or >= 5, so it would read 5 and give the 1.
    # Only hiding the unit's 6 would protect it, and the unit view keeps the cube's cells.
    cube = cube_of([("R", None, 20, 20, 20, (5, 15, 0, 0, 0)), ("U", "R", 18, 18, 18, (6, 12, 0, 0, 0))])
    cells = rincian.unit_cells(cube, split("U", Fungsional=(1, 5, 0, 0, 0), Pelaksana=(5, 7, 0, 0, 0)), 2025)
    got = cells[("U", "tahunan")]
    assert set(got) == {""} and got[""]["sangat_baik"] == 6
    assert rincian.cells_for(got, "Pelaksana") == dict.fromkeys(rincian.CELLS, "x")


def test_sums_beside_hidden_cells_are_what_the_cube_implies() -> None:
    # The docs' Bidang A of 36 (3 BP, 3 K, 30 SK): the cube publishes «<5», «<5», 30–31 and
    # pegawai 36 with belum 0, so dinilai = 36 exactly; bawah = BP + K + SK = 32..(4+4+31) —
    # the published bounds — and the sum of Sangat Baik and Baik stays what the cube shows.
    cube = cube_of([("R", None, 20, 20, 20, (5, 15, 0, 0, 0)), ("A", "R", 36, 36, 36, (0, 0, 3, 3, 30)),
                    ("B", "R", 12, 12, 12, (5, 5, 0, 0, 2))])  # fmt: skip
    frame = split("A", Pelaksana=(0, 0, 3, 3, 30))
    got = rincian.unit_cells(cube, frame, 2025)[("A", "tahunan")]
    own = cube.own("A")
    assert [got[""][c] for c in rincian.COUNTS] == [own[col(f"p{i}", "tahunan")] for i in range(5)]
    assert [got[""][c] for c in rincian.COUNTS] == [0, 0, "<5", "<5", "30–31"]
    assert got[""]["dinilai"] == 36
    lo, hi = privacy.parse_range(got[""]["bawah"])
    assert lo <= 36 <= hi and (lo, hi) != (36, 36)  # never the exact 36 (it would give BP + K)
    assert got["Pelaksana"] == got[""]  # one jenis jabatan: the unit's own cells


def test_a_hidden_count_is_plotted_inside_its_published_range() -> None:
    assert batas_se.shown_count("x", 18) == (9.0, "0–18 orang (0,0%–100,0%)")
    assert batas_se.shown_count("30–31", 36) == (30.5, "30–31 orang (83,3%–86,1%)")
    assert batas_se.shown_count("<5", 12) == (2.5, "1–4 orang (8,3%–33,3%)")
    assert batas_se.shown_count(9, 12) == (9.0, "9 orang (75,0%)")
