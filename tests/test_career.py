"""Career views on hand-built cases whose answers are worked out by hand from the regulation
(docs/karier.md): kenaikan-pangkat predikat condition, angka kredit with proration, mid-year
moves and a jenjang change, follow-up windows, the 9-box, the history's decision rule, and
the configuration tables."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from transforms.career.build import build_career
from transforms.career.credit import credit_parts, credit_per_year, number_text
from transforms.career.eligibility import kp_status, promotion_eligibility
from transforms.career.followup import follow_up
from transforms.career.history import disagreements, predikat_history
from transforms.career.ninebox import nine_box
from transforms.career.tables import TableError, load_tables

T = load_tables()
Y = 2025


def skp(*rows: tuple) -> pl.DataFrame:
    """(skp_id, nip, start, end, jenjang) rows of year Y."""
    return pl.DataFrame(
        [(s, n, Y, a, b, j) for s, n, a, b, j in rows],
        schema={"skp_id": pl.String, "nip": pl.String, "tahun": pl.Int64, "periode_mulai": pl.Date,
                "periode_selesai": pl.Date, "jenjang": pl.String},
        orient="row",
    )  # fmt: skip


def pegawai(*rows: tuple) -> pl.DataFrame:
    """(nip, jenis_jabatan, jenjang) rows."""
    return pl.DataFrame(rows, schema={"nip": pl.String, "jenis_jabatan": pl.String, "jenjang": pl.String},
                        orient="row")  # fmt: skip


def penilaian(*rows: tuple) -> pl.DataFrame:
    """(nip, periode, predikat) rows of year Y."""
    return pl.DataFrame(
        [(n, Y, p, k) for n, p, k in rows],
        schema={"nip": pl.String, "tahun": pl.Int64, "periode": pl.String, "predikat": pl.String},
        orient="row",
    )


def annual(*rows: tuple) -> pl.DataFrame:
    """(nip, predikat) of year Y from e-Kinerja: the history's shape."""
    return pl.DataFrame(
        [(n, Y, p, "e-Kinerja") for n, p in rows],
        schema={"nip": pl.String, "tahun": pl.Int64, "predikat": pl.String, "sumber": pl.String},
        orient="row",
    )


def credit(skp_rows, peg_rows, pen_rows=(), annual_rows=()) -> tuple[pl.DataFrame, dict]:
    parts = credit_parts(
        skp(*skp_rows), pegawai(*peg_rows), penilaian(*pen_rows), annual(*annual_rows), T
    )
    per_year = {r["nip"]: r for r in credit_per_year(parts).iter_rows(named=True)}
    return parts, per_year


# --- kenaikan pangkat: at least Baik in each of the last 2 years ----------------------------------


@pytest.mark.parametrize(
    ("now", "before", "expected"),
    [
        ("Baik", "Baik", "ya"),
        ("Sangat Baik", "Baik", "ya"),
        ("Baik", "Sangat Baik", "ya"),
        ("Baik", "Butuh Perbaikan", "tidak"),
        ("Butuh Perbaikan", "Sangat Baik", "tidak"),
        ("Kurang/Misconduct", None, "tidak"),  # a known year below Baik: no need for the other
        (None, "Sangat Kurang", "tidak"),
        ("Baik", None, "tidak diketahui"),
        (None, "Sangat Baik", "tidak diketahui"),
        (None, None, "tidak diketahui"),
    ],
)
def test_kp_status(now, before, expected) -> None:
    assert kp_status(now, before) == expected


def test_promotion_eligibility_uses_both_years_and_skips_pppk() -> None:
    history = pl.DataFrame(
        {"nip": ["A", "A", "B", "C", "D"], "tahun": [2025, 2024, 2025, 2024, 2025],
         "predikat": ["Baik", "Sangat Baik", "Baik", "Butuh Perbaikan", "Baik"],
         "sumber": ["e-Kinerja", "SIASN", "e-Kinerja", "SIASN", "e-Kinerja"]}
    )  # fmt: skip
    people = pl.DataFrame({"nip": ["A", "B", "C", "D"], "tahun": [2025] * 4,
                           "jenis_asn": ["PNS", "PNS", "PNS", "PPPK"]})  # fmt: skip
    out = {r["nip"]: r for r in promotion_eligibility(people, history).iter_rows(named=True)}
    assert out["A"]["memenuhi_predikat_kp"] == "ya"
    assert (out["A"]["predikat_tahun_sebelumnya"], out["A"]["sumber_predikat_tahun_sebelumnya"]) == (
        "Sangat Baik", "SIASN")  # fmt: skip
    assert out["B"]["memenuhi_predikat_kp"] == "tidak diketahui"  # 2024 missing
    assert out["C"]["memenuhi_predikat_kp"] == "tidak"  # 2025 missing, 2024 Butuh Perbaikan
    assert out["D"]["memenuhi_predikat_kp"] is None  # PPPK: no kenaikan pangkat
    assert out["D"]["syarat_masa_pangkat"] is None
    assert out["A"]["syarat_masa_pangkat"] == "tidak dapat diperiksa"


# --- history: e-Kinerja wins for the years it covers, SIASN fills the rest --------------------


def test_history_decision_rule_and_disagreements() -> None:
    ekinerja = pl.DataFrame(
        {"nip": ["A", "B"], "tahun": [2025, 2025], "predikat": ["Baik", "Butuh Perbaikan"]}
    )
    siasn = pl.DataFrame({"nip": ["A", "A", "B"], "tahun": [2024, 2025, 2025],
                          "predikat": ["Sangat Baik", "Baik", "Baik"]})  # fmt: skip
    h = {(r["nip"], r["tahun"]): r for r in predikat_history(ekinerja, siasn).iter_rows(named=True)}
    assert (h[("A", 2024)]["predikat"], h[("A", 2024)]["sumber"]) == ("Sangat Baik", "SIASN")
    assert (h[("A", 2025)]["predikat"], h[("A", 2025)]["berbeda"]) == ("Baik", False)
    assert (h[("B", 2025)]["predikat"], h[("B", 2025)]["sumber"]) == (
        "Butuh Perbaikan",
        "e-Kinerja",
    )
    diff = disagreements(predikat_history(ekinerja, siasn)).to_dicts()
    assert [(d["nip"], d["tahun"], d["predikat_ekinerja"], d["predikat_siasn"], d["predikat_dipakai"])
            for d in diff] == [("B", 2025, "Butuh Perbaikan", "Baik", "Butuh Perbaikan")]  # fmt: skip
    assert "perbaiki riwayat SKP di SIASN" in diff[0]["detail"]


# --- angka kredit ------------------------------------------------------------------------------


def test_half_year_ahli_muda_baik() -> None:
    """Ahli Muda from 1 July, annual Baik: 25 × 100 % × 6/12 = 12.5."""
    _, out = credit([("S1", "A", date(Y, 7, 1), date(Y, 12, 31), "Ahli Muda")],
                    [("A", "Fungsional", "Ahli Muda")], annual_rows=[("A", "Baik")])  # fmt: skip
    assert (out["A"]["angka_kredit"], out["A"]["bulan_dinilai"]) == (12.5, 6)
    assert out["A"]["rincian_angka_kredit"] == (
        "2025-07..12 Ahli Muda 25 × 100 % × 6/12 = 12,5 (Baik, tahunan e-Kinerja)"
    )


def test_sangat_baik_is_150_percent() -> None:
    """Ahli Madya the whole year, Sangat Baik: 37.5 × 150 % × 12/12 = 56.25."""
    _, out = credit([("S1", "A", date(Y, 1, 1), date(Y, 12, 31), None)],
                    [("A", "Fungsional", "Ahli Madya")], annual_rows=[("A", "Sangat Baik")])  # fmt: skip
    assert out["A"]["angka_kredit"] == 56.25
    assert "37,5 × 150 % × 12/12 = 56,25" in out["A"]["rincian_angka_kredit"]


def test_jenjang_change_within_the_year() -> None:
    """Ahli Pertama Jan–Jun (TW2 Baik): 12.5 × 100 % × 6/12 = 6.25; Ahli Muda Jul–Dec (TW4
    Sangat Baik): 25 × 150 % × 6/12 = 18.75; the year 25.0. The annual Baik is not used: two
    SKP periods, each closed by its own periodic predikat."""
    parts, out = credit(
        [("S1", "A", date(Y, 1, 1), date(Y, 6, 30), "Ahli Pertama"),
         ("S2", "A", date(Y, 7, 1), date(Y, 12, 31), "Ahli Muda")],
        [("A", "Fungsional", "Ahli Muda")],
        [("A", "2025-TW1", "Baik"), ("A", "2025-TW2", "Baik"), ("A", "2025-TW3", "Baik"),
         ("A", "2025-TW4", "Sangat Baik")],
        [("A", "Baik")],
    )  # fmt: skip
    assert parts.select("skp_id", "jenjang", "bulan", "predikat", "angka_kredit").rows() == [
        ("S1", "Ahli Pertama", 6, "Baik", 6.25),
        ("S2", "Ahli Muda", 6, "Sangat Baik", 18.75),
    ]
    assert (out["A"]["angka_kredit"], out["A"]["bulan_dinilai"], out["A"]["jenjang"]) == (
        25.0,
        12,
        "Ahli Muda",
    )
    assert out["A"]["rincian_angka_kredit"] == (
        "2025-01..06 Ahli Pertama 12,5 × 100 % × 6/12 = 6,25 (Baik, periodik 2025-TW2); "
        "2025-07..12 Ahli Muda 25 × 150 % × 6/12 = 18,75 (Sangat Baik, periodik 2025-TW4)"
    )


def test_mid_year_move_same_jenjang_monthly_predikat() -> None:
    """A move on 16 April to another unit, Ahli Pertama throughout, no jenjang in the SKP (the
    snapshot's is used): months by the 15th — Jan–Apr (4, since 15 April lies in the first
    SKP) and May–Dec (8). First period closed by "2025-04" Butuh Perbaikan: 12.5 × 75 % × 4/12
    = 3.125; second by "2025-12" Baik: 12.5 × 100 % × 8/12 = 8.333…; the year 11.458."""
    parts, out = credit(
        [("S1", "A", date(Y, 1, 1), date(Y, 4, 15), None), ("S2", "A", date(Y, 4, 16), date(Y, 12, 31), None)],
        [("A", "Fungsional", "Ahli Pertama")],
        [("A", "2025-03", "Baik"), ("A", "2025-04", "Butuh Perbaikan"), ("A", "2025-12", "Baik")],
    )  # fmt: skip
    assert parts.select("skp_id", "bulan_awal", "bulan_akhir", "bulan").rows() == [
        ("S1", 1, 4, 4),
        ("S2", 5, 12, 8),
    ]
    assert parts["angka_kredit"].round(3).to_list() == [3.125, 8.333]
    assert out["A"]["angka_kredit"] == 11.458
    assert out["A"]["bulan_dinilai"] == 12


def test_move_out_of_a_jf_post_earns_only_the_jf_months() -> None:
    """JF (Terampil 5/year) until June, then a Pelaksana SKP without jenjang: 5 × 100 % × 6/12
    = 2.5; the second period is not a JF one."""
    _, out = credit(
        [("S1", "A", date(Y, 1, 1), date(Y, 6, 30), "Terampil"), ("S2", "A", date(Y, 7, 1), date(Y, 12, 31), None)],
        [("A", "Pelaksana", None)],
        [("A", "2025-TW2", "Baik"), ("A", "2025-TW4", "Baik")],
    )  # fmt: skip
    assert (out["A"]["angka_kredit"], out["A"]["bulan_dinilai"]) == (2.5, 6)
    assert "bukan jabatan fungsional (SKP S2)" in out["A"]["rincian_angka_kredit"]


def test_periodic_when_annual_missing_and_annual_when_no_periodic() -> None:
    """One SKP, no annual: the last periodic (TW4 Sangat Kurang) closes it: Penyelia 25 × 25 %
    = 6.25. Two SKP, the second without a periodic appraisal: the annual (Baik) for it."""
    _, out = credit([("S1", "A", date(Y, 1, 1), date(Y, 12, 31), None)], [("A", "Fungsional", "Penyelia")],
                    [("A", "2025-TW3", "Baik"), ("A", "2025-TW4", "Sangat Kurang")])  # fmt: skip
    assert out["A"]["angka_kredit"] == 6.25
    assert "periodik 2025-TW4" in out["A"]["rincian_angka_kredit"]
    parts, out = credit(
        [("S1", "B", date(Y, 1, 1), date(Y, 6, 30), "Mahir"), ("S2", "B", date(Y, 7, 1), date(Y, 12, 31), "Mahir")],
        [("B", "Fungsional", "Mahir")], [("B", "2025-TW2", "Kurang/Misconduct")], [("B", "Baik")],
    )  # fmt: skip
    # Mahir 12.5: 12.5 × 50 % × 6/12 = 3.125 (TW2), 12.5 × 100 % × 6/12 = 6.25 (annual)
    assert parts["angka_kredit"].to_list() == [3.125, 6.25]
    assert out["B"]["angka_kredit"] == 9.375


def test_no_predikat_is_not_counted() -> None:
    _, out = credit(
        [("S1", "A", date(Y, 1, 1), date(Y, 12, 31), None)], [("A", "Fungsional", "Ahli Utama")]
    )
    assert (out["A"]["angka_kredit"], out["A"]["bulan_dinilai"]) == (None, 0)
    assert (
        out["A"]["rincian_angka_kredit"] == "2025-01..12 Ahli Utama: tanpa predikat, tidak dihitung"
    )


def test_number_text() -> None:
    assert [number_text(x) for x in (12.5, 6.25, 25.0, 3.75, 0.78125, None)] == [
        "12,5",
        "6,25",
        "25",
        "3,75",
        "0,781",
        "",
    ]


# --- follow-up: 6 months from the appraisal --------------------------------------------------


def test_follow_up_window_and_consequence() -> None:
    people = pl.DataFrame(
        {"nip": ["A", "B", "C", "D", "E"], "tahun": [Y] * 5,
         "jenis_asn": ["PNS", "PNS", "PNS", "PPPK", "PNS"],
         "jenis_jabatan": ["JPT Pratama", "Fungsional", "Pelaksana", "Fungsional", "Pengawas"],
         "predikat": ["Butuh Perbaikan", "Sangat Kurang", "Kurang/Misconduct", "Butuh Perbaikan", "Baik"],
         "sumber_predikat": ["e-Kinerja", "e-Kinerja", "SIASN", "e-Kinerja", "e-Kinerja"],
         "tanggal_penilaian": [date(2026, 1, 10), None, date(2026, 1, 20), date(2026, 1, 10), date(2026, 1, 10)]}
    )  # fmt: skip
    out = {r["nip"]: r for r in follow_up(people, T).iter_rows(named=True)}
    a, b, c, d, e = (out[k] for k in "ABCDE")
    assert (a["tindak_lanjut_mulai"], a["tindak_lanjut_selesai"]) == (
        date(2026, 1, 10),
        date(2026, 7, 9),
    )
    assert a["dasar_konsekuensi"] == "PP 30/2019 Pasal 56" and "uji kompetensi" in a["konsekuensi"]
    assert (b["tindak_lanjut_mulai"], b["tindak_lanjut_selesai"]) == (
        date(2026, 1, 1),
        date(2026, 6, 30),
    )
    assert b["dasar_mulai"] == "hari setelah tahun penilaian berakhir"
    assert b["dasar_konsekuensi"] == "PP 30/2019 Pasal 57"
    assert c["tindak_lanjut_mulai"] == date(2026, 1, 1)  # SIASN's predikat: no appraisal date
    assert (
        d["tindak_lanjut"]
        and d["tindak_lanjut_selesai"] is None
        and d["dasar_konsekuensi"] == "PP 49/2018"
    )
    assert not e["tindak_lanjut"] and e["konsekuensi"] is None


# --- 9-box -----------------------------------------------------------------------------------


def test_nine_box_default_numbering() -> None:
    people = pl.DataFrame({"nip": list("ABCDEF"), "tahun": [Y] * 6,
                           "predikat": ["Sangat Baik", "Baik", "Kurang/Misconduct", "Butuh Perbaikan",
                                        "Baik", None]})  # fmt: skip
    potensi = pl.DataFrame({"nip": list("ABCDF"), "tahun": [Y] * 5,
                            "kategori_potensi": ["Tinggi", "Tinggi", "Tinggi", "Rendah", "Menengah"]})  # fmt: skip
    out = {r["nip"]: r for r in nine_box(people, potensi, T).iter_rows(named=True)}
    assert (out["A"]["kotak_9"], out["A"]["suksesi"]) == (9, True)
    assert out["A"]["kotak_9_label"] == "Kinerja Di Atas Ekspektasi × Potensi Tinggi"
    assert (out["B"]["kotak_9"], out["B"]["suksesi"]) == (7, True)
    # Kurang/Misconduct (results may be above expectations, behaviour below): Di Bawah, box 4
    assert (out["C"]["kinerja_9kotak"], out["C"]["kotak_9"], out["C"]["suksesi"]) == (
        "Di Bawah Ekspektasi",
        4,
        False,
    )
    assert out["D"]["kotak_9"] == 1
    assert out["E"]["kotak_9"] is None  # no potensi
    assert out["F"]["kotak_9"] is None  # no predikat


def test_configuration_folder_replaces_a_table(tmp_path: Path) -> None:
    rows = ["kotak,kinerja,potensi,suksesi"]
    order = [(k, p) for p in ("Tinggi", "Menengah", "Rendah") for k in
             ("Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi")]  # fmt: skip
    rows += [
        f"{n},{k},{p},{'ya' if n == 1 else 'tidak'}" for n, (k, p) in enumerate(order, start=1)
    ]
    (tmp_path / "kotak_9.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    tables = load_tables(tmp_path)
    assert tables.kotak[("Di Atas Ekspektasi", "Tinggi")] == 1 and tables.suksesi == frozenset({1})
    assert tables.koefisien["Ahli Muda"].koefisien == 25  # the other tables: defaults
    assert tables.berkas["kotak_9.csv"] == str(tmp_path / "kotak_9.csv")


def test_default_tables_mark_what_is_certain() -> None:
    pasti = sorted(j for j, k in T.koefisien.items() if k.kepastian == "pasti")
    assert pasti == ["Ahli Madya", "Ahli Pertama"]
    assert {j: k.koefisien for j, k in T.koefisien.items()} == {
        "Pemula": 3.75, "Terampil": 5, "Mahir": 12.5, "Penyelia": 25, "Ahli Pertama": 12.5,
        "Ahli Muda": 25, "Ahli Madya": 37.5, "Ahli Utama": 50,
    }  # fmt: skip
    assert T.persentase == {"Sangat Baik": 150, "Baik": 100, "Butuh Perbaikan": 75,
                            "Kurang/Misconduct": 50, "Sangat Kurang": 25}  # fmt: skip
    assert sorted(T.suksesi) == [7, 8, 9]


def test_bad_table_refused(tmp_path: Path) -> None:
    (tmp_path / "persentase_predikat.csv").write_text(
        "predikat,persentase\nBaik,100\n", encoding="utf-8"
    )
    with pytest.raises(TableError, match="Sangat Baik"):
        load_tables(tmp_path)
    (tmp_path / "persentase_predikat.csv").unlink()
    (tmp_path / "kotak_9.csv").write_text(
        "kotak,kinerja,potensi,suksesi\n" + "".join(
            f"1,{k},{p},tidak\n" for k in ("Di Bawah Ekspektasi", "Sesuai Ekspektasi", "Di Atas Ekspektasi")
            for p in ("Rendah", "Menengah", "Tinggi")), encoding="utf-8")  # fmt: skip
    with pytest.raises(TableError, match="1 sampai 9"):
        load_tables(tmp_path)


# --- one bundle's rows -----------------------------------------------------------------------


def test_build_career_one_row_per_employee() -> None:
    peg = pl.DataFrame(
        {"nip": ["A", "B"], "instansi_id": ["I", "I"], "unor_id": ["U", "U"], "jenis_asn": ["PNS", "PNS"],
         "golongan": ["III/c", "II/a"], "jenis_jabatan": ["Fungsional", "Pelaksana"], "jabatan": ["x", "y"],
         "jenjang": ["Ahli Muda", None]}
    )  # fmt: skip
    skp_rows = skp(
        ("S1", "A", date(Y, 1, 1), date(Y, 12, 31), None),
        ("S2", "B", date(Y, 1, 1), date(Y, 12, 31), None),
    )
    pen = penilaian(("A", "2025", "Baik"), ("B", "2025", "Butuh Perbaikan")).with_columns(
        pl.lit(date(2026, 1, 12)).alias("tanggal_penilaian"))  # fmt: skip
    riw = pl.DataFrame({"nip": ["A", "A", "B"], "tahun": [2024, 2025, 2024],
                        "predikat": ["Baik", "Sangat Baik", "Baik"]})  # fmt: skip
    pot = pl.DataFrame({"nip": ["A"], "tahun": [Y], "kategori_potensi": ["Menengah"]})
    c = build_career(peg, skp_rows, pen, riw, pot, Y, T)
    rows = {r["nip"]: r for r in c.pegawai.iter_rows(named=True)}
    a, b = rows["A"], rows["B"]
    assert (a["predikat"], a["predikat_tahun_sebelumnya"], a["memenuhi_predikat_kp"]) == (
        "Baik",
        "Baik",
        "ya",
    )
    assert (a["angka_kredit"], a["bulan_dinilai"], a["kotak_9"]) == (25.0, 12, 5)
    assert a["selisih_siasn"] == "2025: e-Kinerja Baik, SIASN Sangat Baik"
    assert (b["memenuhi_predikat_kp"], b["angka_kredit"], b["bulan_dinilai"]) == (
        "tidak",
        None,
        None,
    )
    assert (b["tindak_lanjut"], b["tindak_lanjut_selesai"]) == (True, date(2026, 7, 11))
    assert c.selisih.height == 1
