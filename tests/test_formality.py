"""SKP written as a formality, the forms beside the copied leader's RHK, on hand-built cases with
literal answers: the same text across most of a leader's subordinates (transforms/quality/
formality.py, RHK_COPIED findings), the same SKP as the year before (over a two-year
warehouse), and the page's per-unit shares (reports/formalitas.py)."""

from __future__ import annotations

import polars as pl
import pytest

from reports import formalitas
from reports.mutu import UnitList
from tests.conftest import KEPALA, PPPK, STAF_A, base_rows, stage_bundle, write_bundle
from tests.test_cascade import rhk, skp
from transforms.findings import build_findings
from transforms.marts import read_dashboard_frames
from transforms.quality.formality import same_across_subordinates, same_as_previous_year

NIP_KEPALA = KEPALA.replace(" ", "")


def sub(pemimpin, nip, rhk_id, uraian, tahun=2025):
    return (pemimpin, tahun, nip, rhk_id, uraian)


def test_the_same_text_across_most_subordinates_of_one_leader() -> None:
    rows = [
        # L1 has 5 subordinates; 3 (more than half) write the same text after normalisation
        sub("L1", "N1", "R1", "Tersusunnya laporan keuangan."),
        sub("L1", "N2", "R2", "tersusunnya  LAPORAN keuangan"),
        sub("L1", "N3", "R3", "Tersusunnya laporan keuangan"),
        sub("L1", "N3", "R3b", "Terkelolanya arsip"),
        sub("L1", "N4", "R4", "Terkelolanya arsip"),  # 2 of 5: not enough
        sub("L1", "N5", "R5", "Terlaksananya verifikasi"),
        # L2: 3 of 6 is half, not most
        *(sub("L2", f"K{i}", f"RK{i}", "Terkelolanya data" if i < 3 else f"Hasil {i}") for i in range(6)),
        # L3: both of 2 subordinates, but fewer than 3
        sub("L3", "J1", "RJ1", "Tersusunnya rencana"), sub("L3", "J2", "RJ2", "Tersusunnya rencana"),
        # L4 (N1's atasan, another leader than L1): 3 of 4 share N1's text
        sub("L4", "N1", "R1", "Tersusunnya laporan keuangan."),
        sub("L4", "M1", "RM1", "Tersusunnya Laporan Keuangan"),
        sub("L4", "M2", "RM2", "tersusunnya laporan keuangan"),
        sub("L4", "M3", "RM3", "Terkelolanya barang"),
        # L5: P1 writes the text twice, P2 once: 2 subordinates, not 3
        sub("L5", "P1", "RP1", "Sama"), sub("L5", "P1", "RP1b", "Sama"), sub("L5", "P2", "RP2", "Sama"),
        sub("L5", "P3", "RP3", "Lain"),
    ]  # fmt: skip
    frame = pl.DataFrame(rows, schema=["pemimpin", "tahun", "nip", "rhk_id", "uraian"], orient="row")
    got = same_across_subordinates(frame).select("rhk_id", "pemimpin", "sama", "bawahan").rows()
    assert got == [
        ("R1", "L4", 3, 4),  # flagged by L1 (3 of 5) and L4 (3 of 4): the larger share kept
        ("R2", "L1", 3, 5),
        ("R3", "L1", 3, 5),
        ("RM1", "L4", 3, 4),
        ("RM2", "L4", 3, 4),
    ]


def test_the_same_skp_as_the_previous_year() -> None:
    frame = pl.DataFrame(
        {
            "teks": [
                ["Tersusunnya laporan keuangan", "Terkelolanya arsip"],
                ["Tersusunnya laporan keuangan", "Terkelolanya arsip"],
                ["Tersusunnya laporan keuangan"],
                ["Terkelolanya arsip", "Terkelolanya arsip"],
            ],
            "teks_lalu": [
                [["terkelolanya ARSIP.", "tersusunnya laporan  keuangan"]],  # same set, other spelling
                [["Tersusunnya laporan keuangan"]],  # a subset is not the same SKP
                None,  # no SKP the year before: not comparable
                [["Tersusunnya laporan keuangan"], ["terkelolanya arsip"]],  # a mover: one of two
            ],
        },
        schema={"teks": pl.List(pl.String), "teks_lalu": pl.List(pl.List(pl.String))},
    )
    got = same_as_previous_year(frame).select("sebanding", "sama_tahun_lalu").rows()
    assert got == [(True, True), (True, False), (False, None), (True, True)]


def copies_bundle() -> dict[str, list[dict[str, str]]]:
    """KEPALA leads STAF_A, STAF_B and PPPK (their atasan); all three write 'Terkelolanya data
    kepegawaian'. PPPK (appraised by STAF_A) intervenes R2, so R4 also copies R2 verbatim."""
    rows = base_rows()
    text = "Terkelolanya data kepegawaian"
    rows["rhk"][1]["uraian"] = text
    rows["rhk"][2]["uraian"] = "TERKELOLANYA DATA KEPEGAWAIAN."
    rows["skp"].append(skp("SKP-4", PPPK, STAF_A))
    rows["rhk"].append(rhk("R4", "SKP-4", "R2", uraian=text))
    return rows


def test_findings_say_which_form(tmp_path) -> None:
    con = stage_bundle(write_bundle(tmp_path / "b", copies_bundle()), tmp_path / "w")
    build_findings(con)
    found = con.execute(
        "SELECT subjek_id, keparahan, detail FROM audit.temuan WHERE rule = 'RHK_COPIED'"
        " ORDER BY subjek_id, detail").fetchall()
    assert [(s, k) for s, k, _ in found] == [("R2", "info"), ("R3", "info"), ("R4", "info"), ("R4", "info")]
    assert found[0][2] == (
        "RHK 'Terkelolanya data kepegawaian' dipakai sama persis oleh 3 dari 3 bawahan pimpinan NIP "
        f"{NIP_KEPALA} pada tahun 2025 (teks sama setelah huruf, spasi, dan tanda baca dinormalisasi;"
        " ambang sedikitnya 3 bawahan dan lebih dari 50% bawahan yang ber-RHK Utama). Tuliskan hasil"
        " kerja yang menjadi bagian pegawai ini sendiri, bukan teks seragam untuk semua bawahan."
    )
    assert found[1][2].startswith("RHK 'TERKELOLANYA DATA KEPEGAWAIAN.' dipakai sama persis oleh 3 dari 3")
    assert found[2][2].startswith("RHK 'Terkelolanya data kepegawaian' dipakai sama persis oleh 3 dari 3")
    assert found[3][2].startswith(  # R4 is also a copy of the leader's R2 it intervenes
        "RHK 'Terkelolanya data kepegawaian' hampir sama dengan RHK pimpinan R2 yang diintervensinya"
        " ('Terkelolanya data kepegawaian'; kemiripan 1"
    )


def year_bundle(rows: dict, tahun: int) -> dict:
    """The same people in another year: SKP, RHK and indicator ids and dates of ``tahun``."""
    out = {k: [dict(r) for r in v] for k, v in rows.items()}
    for table in ("indikator", "realisasi", "penilaian", "kinerja_organisasi"):
        for r in out[table]:
            r.update({k: v.replace("2025", str(tahun)).replace("2026", str(tahun + 1)) for k, v in r.items()})
    for r in out["indikator"]:
        r.update(rhk_id=f"{r['rhk_id']}-{tahun}")
    for r in out["skp"]:
        r.update(skp_id=f"{r['skp_id']}-{tahun}", tahun=str(tahun), periode_mulai=f"{tahun}-01-01",
                 periode_selesai=f"{tahun}-12-31", tanggal_persetujuan="")
    for r in out["rhk"]:
        r.update(rhk_id=f"{r['rhk_id']}-{tahun}", skp_id=f"{r['skp_id']}-{tahun}",
                 rhk_atasan_id=f"{r['rhk_atasan_id']}-{tahun}" if r["rhk_atasan_id"] else "")
    return out


@pytest.fixture(scope="module")
def two_years(tmp_path_factory: pytest.TempPathFactory):
    """2024 then 2025 in one warehouse. 2024: KEPALA and STAF_A as in 2025, STAF_B another
    text, PPPK no SKP. So in 2025 U1 (KEPALA) compares 1 SKP, the same; U2 compares 2 of its 3
    SKP (STAF_A, STAF_B), one the same."""
    import duckdb

    from transforms.marts import build_marts
    from transforms.warehouse import merge_bundle

    root = tmp_path_factory.mktemp("formalitas")
    rows25 = copies_bundle()
    rows24 = year_bundle(rows25, 2024)
    rows24["rhk"] = [r for r in rows24["rhk"] if r["skp_id"] != "SKP-4-2024"]
    rows24["skp"] = [r for r in rows24["skp"] if r["skp_id"] != "SKP-4-2024"]
    next(r for r in rows24["rhk"] if r["rhk_id"] == "R3-2024")["uraian"] = "Terkelolanya arsip kepegawaian"
    wh = duckdb.connect(str(root / "warehouse.duckdb"))
    for tahun, rows in ((2024, rows24), (2025, rows25)):
        folder = write_bundle(root / f"ekspor-{tahun}", rows)
        scratch = root / f"kerja-{tahun}.duckdb"
        con = stage_bundle(folder, root / f"work-{tahun}", str(scratch))
        build_marts(con)
        build_findings(con)
        con.close()
        merge_bundle(wh, scratch, f"uji-{tahun}", str(folder), {"tahun": tahun}, [])
    frames = read_dashboard_frames(wh, ["formalitas_unit", "formalitas_skp"])
    wh.close()
    return frames


def test_formality_frames_per_unit(two_years) -> None:
    counts = two_years["formalitas_unit"].filter(tahun=2025).drop("tahun")
    assert counts.rows() == [("U1", 1, 0, 0), ("U2", 3, 1, 3)]  # rhk_utama, salinan, sama bawahan
    skp_frame = two_years["formalitas_skp"].filter(tahun=2025).drop("tahun")
    assert formalitas.skp_per_unit(skp_frame) == {"U1": (1, 1, 1), "U2": (3, 2, 1)}
    assert formalitas.skp_per_unit(two_years["formalitas_skp"].filter(tahun=2024).drop("tahun")) == {
        "U1": (1, 0, 0), "U2": (2, 0, 0)}  # nothing before 2024 in the warehouse


def test_page_rows_hide_small_units_and_small_skp_counts() -> None:
    from reports.hierarchy import build_cube
    from tests.test_site import CAKUPAN_SCHEMA, DISTRIBUSI_SCHEMA

    unit = pl.DataFrame({
        "instansi_id": ["I"] * 3, "instansi_nama": ["Pemkab Uji"] * 3, "unor_id": ["A", "B", "C"],
        "unor_nama": ["Dinas A", "Bidang B", "Seksi C"], "unor_induk_id": [None, "A", "A"],
        "kedalaman": [0, 1, 1], "jumlah_pegawai": [10, 8, 3], "jumlah_pegawai_total": [21, 8, 3],
        "jumlah_skp": [10, 8, 3], "skp_disetujui": [10, 8, 3]})  # fmt: skip
    cube = build_cube(unit, pl.DataFrame(schema=DISTRIBUSI_SCHEMA), pl.DataFrame(schema=CAKUPAN_SCHEMA), 2025)
    counts = pl.DataFrame({"unor_id": ["A", "B", "C"], "rhk_utama": [40, 32, 9],
                           "salinan_pimpinan": [4, 0, 3], "sama_bawahan": [10, 8, 0]})  # fmt: skip
    same = [["x"]]
    other = [["y"]]
    skp_rows = (
        [("A", ["x"], same)] * 6 + [("A", ["x"], other)] * 2 + [("A", ["x"], None)] * 2  # 8 compared, 6 same
        + [("B", ["x"], same)] * 3 + [("B", ["x"], None)] * 5  # 3 compared: a count of people under 5
        + [("C", ["x"], same)] * 3
    )  # fmt: skip
    skp_frame = pl.DataFrame(skp_rows, schema={"unor_id": pl.String, "teks": pl.List(pl.String),
                                               "teks_lalu": pl.List(pl.List(pl.String))}, orient="row")
    keselarasan_unit = unit.select("instansi_id", "instansi_nama", "unor_id", "unor_nama", "jumlah_pegawai")
    units, rows, total = formalitas.rows(keselarasan_unit, counts, skp_frame, cube, UnitList({"I": 0}))
    named = {units[r[0]][1]: r[1:] for r in rows}
    # pegawai (cube), RHK Utama, % salinan, % sama bawahan, SKP compared, % SKP the same
    assert named["A"][1:] == [40, 10.0, 25.0, 8, 75.0]
    assert named["B"][1:] == [32, 0.0, 25.0, "<5", "x"]
    assert named["C"][1:] == ["x", "x", "x", "x", "x"]  # a unit of 3 employees: nothing of its own
    assert [units[r[0]][1] for r in rows] == ["A", "B", "C"]  # highest shares first, hidden last
    assert total == {"rhk_utama": 81, "salinan": 8.6, "sama_bawahan": 22.2, "sebanding": 14,
                     "sama_tahun_lalu": 85.7}  # 7/81, 18/81, 12/14
