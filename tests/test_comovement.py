"""Leaders' and subordinates' achievement moving together (transforms/quality/comovement.py) on
hand-built data; every expected number is computed by hand (docs/keselarasan.md)."""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

from transforms.quality.comovement import MIN_PASANGAN, pairs, per_group, rhk_achievement, spearman

COLUMNS = ("tahun", "bundel", "instansi_id", "unor_id", "rhk_id", "induk_id", "indikator_id", "uraian",
           "satuan", "target_teks", "target_min", "target_max", "periode_terisi",
           "realisasi_jumlah", "realisasi_rata")  # fmt: skip


def ind(rhk_id, induk_id, n, uraian, satuan, target, jumlah, rata, unit="U1"):
    return (2025, "B", "I1", unit, rhk_id, induk_id, f"{rhk_id}-{n}", uraian, satuan,
            f"{target} {satuan}" if target is not None else "", target, None, 4, jumlah, rata)  # fmt: skip


def indicators() -> pl.DataFrame:
    """P1 (leader): 4 of 4 Dokumen = 1.0 and 90 % of 100 % = 0.9 -> 0.95; intervened by A1 (3 of 2
    Laporan = 1.5) and A2 (60 % of 80 % = 0.75) -> 1.125. P2: 8 keluhan against 4 (to minimise:
    4 / 8 = 0.5); A3: 12 of 12 Bulan (summed over the quarters) = 1.0. P3's only subordinate A4
    has no target, so P3 makes no pair."""
    rows = [
        ind("P1", None, 1, "Jumlah dokumen analisis jabatan yang disusun", "Dokumen", 4, 4.0, 1.0),
        ind("P1", None, 2, "Persentase dokumen sesuai standar", "%", 100, 360.0, 90.0),
        ind("A1", "P1", 1, "Jumlah laporan yang disusun", "Laporan", 2, 3.0, 0.75, "U2"),
        ind("A2", "P1", 1, "Persentase berkas yang diverifikasi", "%", 80, 240.0, 60.0, "U2"),
        ind("P2", None, 1, "Jumlah keluhan masyarakat yang diterima", "Kasus", 4, 8.0, 2.0),
        ind("A3", "P2", 1, "Waktu penyelesaian laporan dalam 12 bulan", "Bulan", 12, 12.0, 3.0, "U2"),
        ind("P3", None, 1, "Jumlah dokumen yang disusun", "Dokumen", 2, 2.0, 0.5),
        ind("A4", "P3", 1, "Terlaksananya kegiatan", "", None, 4.0, 1.0, "U2"),
    ]
    schema = dict.fromkeys(COLUMNS, pl.String) | {
        "tahun": pl.Int64, "target_min": pl.Float64, "target_max": pl.Float64, "periode_terisi": pl.Int64,
        "realisasi_jumlah": pl.Float64, "realisasi_rata": pl.Float64}  # fmt: skip
    return pl.DataFrame(rows, schema=schema, orient="row")


def rated(frame: pl.DataFrame) -> pl.DataFrame:
    """rhk_achievement over ``frame`` as the indicator rows (and their texts), in DuckDB."""
    con = duckdb.connect()
    con.register("ind", frame)
    return rhk_achievement(con, "SELECT * FROM ind")


def test_rhk_achievement_is_the_mean_of_its_indicators() -> None:
    got = {r["rhk_id"]: round(r["capaian"], 6) for r in rated(indicators()).iter_rows(named=True)}
    assert got == {"P1": 0.95, "A1": 1.5, "A2": 0.75, "P2": 0.5, "A3": 1.0, "P3": 1.0}  # A4: none


def test_one_pair_per_leader_rhk_with_the_mean_of_its_subordinates() -> None:
    got = pairs(rated(indicators()))
    assert got.columns == ["instansi_id", "unor_id", "rhk_id", "x", "y", "bawahan"]
    assert [(r[2], round(r[3], 6), round(r[4], 6), r[5]) for r in got.rows()] == [
        ("P1", 0.95, 1.125, 2),
        ("P2", 0.5, 1.0, 1),
    ]


def test_spearman_with_fisher_interval_by_hand() -> None:
    # d = (-1, 1, -1, 1, 0): rho = 1 - 6 * 4 / (5 * 24) = 0.8; se = 1.06 / sqrt(2)
    k = spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])
    assert k.n == 5 and k.rho == pytest.approx(0.8)
    assert k.bawah == pytest.approx(-0.3543815571883048) and k.atas == pytest.approx(0.9882987698463994)
    assert not k.cukup  # fewer than MIN_PASANGAN pairs


def test_spearman_ties_take_average_ranks() -> None:
    # x ranks (1, 2.5, 2.5, 4), y ranks (1, 3, 2, 4): r = 4.5 / sqrt(4.5 * 5); se = 1.06 / sqrt(1)
    k = spearman([1, 2, 2, 3], [1, 3, 2, 4])
    assert k.rho == pytest.approx(0.9486832980505138)
    assert k.bawah == pytest.approx(-0.25346791708295513) and k.atas == pytest.approx(0.9991743027020845)


def test_spearman_undefined_cases() -> None:
    assert spearman([1, 2], [2, 1]).rho is None  # fewer than 3 pairs
    assert spearman([1, 1, 1, 1], [1, 2, 3, 4]).rho is None  # a constant side
    k = spearman([1, 2, 3], [1, 3, 2])  # n = 3: rho 1 - 6 * 2 / 24 = 0.5, no interval
    assert k.rho == pytest.approx(0.5) and k.bawah is None and k.atas is None
    with pytest.raises(ValueError):
        spearman([1, 2, 3], [1, 2])


def test_per_group_shows_only_groups_with_enough_pairs() -> None:
    # Group A: 10 pairs, d = +-1 each: rho = 1 - 6 * 10 / (10 * 99); se = 1.06 / sqrt(7).
    # Group B: the 5 pairs above (rho 0.8) are too few to show.
    a = [("A", float(i), float(i + 1 if i % 2 else i - 1)) for i in range(1, 11)]
    b = [("B", float(x), float(y)) for x, y in zip([1, 2, 3, 4, 5], [2, 1, 4, 3, 5], strict=True)]
    frame = pl.DataFrame(a + b, schema=["unor_id", "x", "y"], orient="row")
    got = per_group(frame, ["unor_id"])
    assert MIN_PASANGAN == 10
    assert got["unor_id"].to_list() == ["A", "B"] and got["n"].to_list() == [10, 5]
    assert got["rho"].to_list() == pytest.approx([0.9393939393939394, 0.8])
    assert got["bawah"].to_list() == pytest.approx([0.7387052176614218, -0.3543815571883048])
    assert got["atas"].to_list() == pytest.approx([0.9870874432827798, 0.9882987698463994])
    assert got["cukup"].to_list() == [True, False]


def test_page_rows_per_instansi_and_unit_with_enough_pairs() -> None:
    """10 leader RHK in U2 (under the root U1): x = i/10 Dokumen, y = (2, 1, 4, 3, ...)/10, so
    rho = 0.9393939... as above. The instansi row shows; U1, its only root, would repeat it;
    U2 shows only when it and its sub-unit have 5 employees or more."""
    from reports import keterkaitan
    from reports.hierarchy import build_cube
    from tests.test_site import CAKUPAN_SCHEMA, DISTRIBUSI_SCHEMA

    ys = [2, 1, 4, 3, 6, 5, 8, 7, 10, 9]
    rows = []
    for i, y in zip(range(1, 11), ys, strict=True):
        rows.append(ind(f"P{i:02d}", None, 1, "Jumlah dokumen yang disusun", "Dokumen", 10, float(i), i / 4, "U2"))
        rows.append(ind(f"A{i:02d}", f"P{i:02d}", 1, "Jumlah laporan yang disusun", "Laporan", 10, float(y), y / 4, "U3"))
    frame = rated(pl.DataFrame(rows, schema=indicators().schema, orient="row"))

    def cube(pegawai_u2: int, pegawai_u3: int = 10):
        unit = pl.DataFrame({
            "instansi_id": ["I1"] * 3, "instansi_nama": ["Pemkab Uji"] * 3, "unor_id": ["U1", "U2", "U3"],
            "unor_nama": ["Setda", "Dinas Dua", "Bidang Tiga"], "unor_induk_id": [None, "U1", "U2"],
            "kedalaman": [0, 1, 2], "jumlah_pegawai": [6, pegawai_u2, pegawai_u3],
            "jumlah_pegawai_total": [6 + pegawai_u2 + pegawai_u3, pegawai_u2 + pegawai_u3, pegawai_u3],
            "jumlah_skp": [6, pegawai_u2, pegawai_u3], "skp_disetujui": [6, pegawai_u2, pegawai_u3]})  # fmt: skip
        return build_cube(unit, pl.DataFrame(schema=DISTRIBUSI_SCHEMA), pl.DataFrame(schema=CAKUPAN_SCHEMA), 2025)

    got = keterkaitan.analisis(frame, cube(8))
    assert got["pasangan"] == 10
    assert [(r["unit"], r["n"], r["rho"], r["bawah"], r["atas"], r["bacaan"]) for r in got["baris"]] == [
        (None, 10, 0.94, 0.74, 0.99, "searah"),  # the instansi
        ("Dinas Dua", 10, 0.94, 0.74, 0.99, "searah"),  # U2 with its sub-unit
    ]
    assert got["figure"] is not None and got["figure"].id == "keterkaitan-capaian"
    # U2 and U3 with 3 + 1 employees: U2's row is hidden, the instansi's stays
    assert [r["unit"] for r in keterkaitan.analisis(frame, cube(3, 1))["baris"]] == [None]


def test_achievement_query_edge_cases_by_hand() -> None:
    """capaian of single indicators (kualitas/capaian.sql): over twice the target is clipped
    to 2; something to minimise with a realisation of 0 meets any target (2); a target only
    in the text ("75 %", a level: the mean 60) gives 0.8; a missing satuan still finds its
    text; no target at all gives NULL; a target of 0 for something to increase gives NULL."""
    def row(n, uraian, satuan, teks, target, jumlah, rata):
        return (2025, "B", "I1", "U1", f"R{n}", None, f"X{n}", uraian, satuan, teks, target, None, 4,
                jumlah, rata)  # fmt: skip

    frame = pl.DataFrame([
        row(1, "Jumlah dokumen yang disusun", "Dokumen", "2 Dokumen", 2.0, 5.0, 1.25),
        row(2, "Jumlah temuan audit", "Temuan", "3 Temuan", 3.0, 0.0, 0.0),
        row(3, "Persentase berkas yang diverifikasi", None, "75 %", None, 240.0, 60.0),
        row(4, "Terlaksananya kegiatan", "", "", None, 4.0, 1.0),
        row(5, "Jumlah dokumen yang disusun", "Dokumen", "0 Dokumen", 0.0, 4.0, 1.0),
    ], schema=indicators().schema, orient="row")
    con = duckdb.connect()
    con.register("ind", frame)
    from transforms.quality.targets import achievement_query

    with achievement_query(con, "SELECT * FROM ind") as query:
        got = dict(con.sql(f"SELECT rhk_id, capaian FROM ({query})").fetchall())
    assert not con.sql("SELECT * FROM duckdb_tables() WHERE temporary").fetchall()  # dropped
    assert got == {"R1": 2.0, "R2": 2.0, "R3": pytest.approx(0.8), "R4": None, "R5": None}
