"""batas-se.html at national scale (reports/pages/batas_se.py): the page embeds its first view
only, every instansi's units go into its own data file, and the across-instansi funnel keeps
every flagged point and bounded, deterministic samples of the others.

The hand-built frame: two instansi, 40 alike units (50 appraised: 10 Sangat Baik, 5 Butuh
Perbaikan, the rest Baik), two extreme units (X1, X2: 50 of 50 Sangat Baik) and three low ones
(L1, L2, L3: 10 Sangat Baik, no Butuh Perbaikan). Pooled shares: Sangat Baik 0,244, Butuh
Perbaikan or worse 0,089 (200 of 2 250). Both extreme units are above the upper 99,8 % limit of
Sangat Baik (flagged); they and the low units, 0 of 50 against a lower limit above 0, are below
that of Butuh Perbaikan; the alike units (one share each, close to the pooled one) are within.
"""

from __future__ import annotations

import json
import re

import polars as pl

from reports.pages import batas_se
from reports.site import _DATA_FILE

ALIKE = 40
INSTANSI = (("I1", "Pemda Satu"), ("I2", "Pemda Dua <b>"))


def _row(inst: tuple[str, str], unor: str, sb: int, bp: int) -> dict:
    return {"instansi_id": inst[0], "instansi_nama": inst[1], "unor_id": unor, "unor_nama": f"Unit {unor}",
            "periode": "2025", "jenis_jabatan": "Pelaksana", "sangat_baik": sb, "baik": 50 - sb - bp,
            "butuh_perbaikan": bp, "kurang": 0, "sangat_kurang": 0, "dinilai": 50,
            "predikat_organisasi": "Baik", "sumber_unor_id": unor, "sumber_unor_nama": f"Unit {unor}",
            "jarak": 0, "dari_tahunan": False}  # fmt: skip


def frame_and_masks() -> tuple[pl.DataFrame, dict]:
    """U00..U39 alike (U00..U20 in I1, U21..U39 in I2), X1 (I1) and X2 (I2) extreme, L1, L2 (I1)
    and L3 (I2) low; every
    count shown (masks: the unit's cells, no jenis jabatan breakdown)."""
    rows = [_row(INSTANSI[0] if i <= 20 else INSTANSI[1], f"U{i:02d}", 10, 5) for i in range(ALIKE)]
    rows += [_row(INSTANSI[0], "X1", 50, 0), _row(INSTANSI[1], "X2", 50, 0)]
    rows += [_row(INSTANSI[0], "L1", 10, 0), _row(INSTANSI[0], "L2", 10, 0), _row(INSTANSI[1], "L3", 10, 0)]
    masks = {(r["unor_id"], "2025"): {batas_se.SEMUA: {
        **{c: r[c] for c in batas_se.COUNTS}, "dinilai": 50, "bawah": r["butuh_perbaikan"]}} for r in rows}  # fmt: skip
    return pl.DataFrame(rows), masks


def data_of(text: str) -> tuple[int, str, dict]:
    m = re.fullmatch(r'window\.Kinerja&&Kinerja\.batasSeMuat&&Kinerja\.batasSeMuat\((\d+),"([a-z0-9-]+)",(.*)\);\n',
                     text, re.S)  # fmt: skip
    assert m, text[:200]
    return int(m.group(1)), m.group(2), json.loads(m.group(3))


def test_thin_keeps_flagged_points_and_systematic_samples() -> None:
    # point: [unit, n, (share, text, flag, 4 limits) x 2, tested]; flags at 4 and 11
    def point(unit: str, n: int, sb: int = 0, bawah: int = 0) -> list:
        return [unit, n, 0.2, "t", sb, 0, 1, 0, 1, 0.1, "t", bawah, 0, 1, 0, 1, 1]

    inside = [point(f"u{i}", n) for i, n in enumerate([30, 10, 20, 40, 50, 60, 70])]
    flagged = [point("a", 15, sb=1), point("b", 25, sb=-1, bawah=1)]  # above on either measure
    low = [point(f"l{i}", n, bawah=-1) for i, n in enumerate([9, 8, 7, 6])] + [point("l4", 5, sb=-1)]
    kept, counts = batas_se.thin(inside + flagged + low, limit=3)
    assert counts == {"dalam": [3, 7], "di_bawah": [3, 5]}
    # flagged first (all); of the 5 below by n (5, 6, 7, 8, 9: l4 l3 l2 l1 l0) and of the 7
    # within by n (10, 20, ..., 70: u1 u2 u0 u3 u4 u5 u6) the ranks (2i + 1) * total // 6:
    # 0, 2, 4 (n 5, 7, 9) and 1, 3, 5 (n 20, 40, 60)
    assert [p[0] for p in kept] == ["a", "b", "l4", "l2", "l0", "u2", "u3", "u5"]
    kept, counts = batas_se.thin(inside, limit=7)
    assert counts == {"dalam": [7, 7], "di_bawah": [0, 0]} and len(kept) == 7  # at the limit


def test_page_embeds_first_view_thinned_and_states_counts() -> None:
    frame, masks = frame_and_masks()
    page, files = batas_se.payload(frame, masks, 2025, limit=2)
    assert set(page) >= {"instansi", "jabatan", "periode", "kombinasi", "semua", "folder"}
    assert "unit" not in page and "rinci" not in page and "funnel" not in page  # nothing per unit
    assert page["instansi"] == [["I2", "Pemda Dua <b>"], ["I1", "Pemda Satu"]]
    assert page["kombinasi"] == ["Pelaksana|2025", "|2025"] and list(page["semua"]) == ["|2025"]
    first = page["semua"]["|2025"]
    assert first["titik_total"] == 45 and first["sampel"] == {"dalam": [2, 40], "di_bawah": [2, 3]}
    assert (first["sb"]["di_atas"], first["bawah"]["di_bawah"]) == (2, 5)  # of every unit
    # flagged X1, X2; of L1..L3 (n 50) by unor_id the ranks (2i + 1) * 3 // 4 = 0, 2; of the 40
    # alike the ranks (2i + 1) * 40 // 4 = 10, 30
    shown = {first["unit"][p[0]][1]: (p[4], p[11]) for p in first["titik"]}
    assert shown == {"X1": (1, -1), "X2": (1, -1), "L1": (0, -1), "L3": (0, -1), "U10": (0, 0), "U30": (0, 0)}
    assert [u[1] for u in first["unit"]] == ["L1", "L3", "U10", "U30", "X1", "X2"]  # by name
    assert first["unit"][4] == [1, "X1", "Unit X1"]  # [instansi index, id, nama]
    assert sorted(files) == ["batas-se/2025/0.js", "batas-se/2025/1.js", "batas-se/2025/semua-0.js"]
    assert all(_DATA_FILE.fullmatch(f) for f in files)


def test_instansi_files_hold_every_unit_point_and_detail() -> None:
    frame, masks = frame_and_masks()
    _, files = batas_se.payload(frame, masks, 2025, limit=2)
    tahun, name, d = data_of(files["batas-se/2025/1.js"])  # I1: L1, L2, U00..U20 and X1
    assert (tahun, name) == (2025, "1")
    assert [u[1] for u in d["unit"]] == ["L1", "L2", *(f"U{i:02d}" for i in range(21)), "X1"]
    assert all(u[0] == 1 for u in d["unit"])
    f = d["funnel"]["|2025"]
    assert len(f["semua"]) == 24 and len(f["sendiri"]["titik"]) == 24  # unthinned
    assert [p[0] for p in f["semua"]] == list(range(24))
    assert f["sendiri"]["sb"]["diuji"] == 24 and f["sendiri"]["sb"]["di_atas"] == 1
    x1 = d["rinci"]["2025"]["23"]
    assert (x1["n"], x1["jumlah"], x1["organisasi"]) == (50, [50, 0, 0, 0, 0], "Baik")
    # organisation Baik: a Butuh Perbaikan or worse is required (hard: 1 person), Baik the largest
    # group (soft)
    assert (x1["keras"], x1["lunak"], x1["pindah"], x1["izin"]) == (True, True, 1, [35, None, None])
    # the jenis jabatan breakdown is withheld (no mask): the funnel is there, its points hidden
    pel = d["funnel"]["Pelaksana|2025"]
    assert pel["semua"] == [] and pel["sendiri"]["titik"] == [] and pel["sendiri"]["disembunyikan"] == 24
    _, name, every = data_of(files["batas-se/2025/semua-0.js"])
    assert name == "semua-0" and every["titik"] == [] and every["disembunyikan"] == 45


def test_empty_year() -> None:
    page, files = batas_se.payload(frame_and_masks()[0].clear(), {}, 2025)
    assert files == {} and page["semua"] == {} and page["kombinasi"] == [] and page["periode"] == []
