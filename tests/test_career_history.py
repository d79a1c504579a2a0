"""The predikat history across the bundles a warehouse keeps (transforms.career.across_bundles,
docs/karier.md "Riwayat predikat"): a real warehouse of three hand-built bundles merged with
merge_bundle, loaded in this order at fixed times —

| bundle | instansi | tahun | e-Kinerja annual | SIASN riwayat_skp |
|---|---|---|---|---|
| B24 | I1 | 2024 | STAF_A Baik, STAF_B Butuh Perbaikan, PPPK Kurang/Misconduct, T Butuh Perbaikan | STAF_A 2023 Baik, KEPALA 2024 Sangat Baik |
| B24X | I2 | 2024 | T Baik (T moved: both instansi exported a 2024 appraisal); its head: none | – |
| B25 | I1 | 2025 | STAF_A Sangat Baik, STAF_B Baik, PPPK Kurang/Misconduct, T Baik | STAF_A 2024 Butuh Perbaikan, KEPALA 2024 Baik |

Worked out by hand for the 2025 rows (B25 alone would say otherwise, in brackets):

* STAF_A: 2024 = Baik from B24's e-Kinerja, overriding SIASN's Butuh Perbaikan (listed as a
  disagreement); 2025 Sangat Baik → KP ``ya`` [alone: SIASN Butuh Perbaikan → ``tidak``];
* STAF_B: 2024 = Butuh Perbaikan (e-Kinerja, B24) → ``tidak`` [alone: 2024 unknown →
  ``tidak diketahui``];
* T: 2024 = Baik, B24X's (same year's slice, loaded after B24) → ``ya`` [alone: ``tidak
  diketahui``]; with B24 loaded last instead: Butuh Perbaikan → ``tidak``;
* KEPALA: no e-Kinerja 2024 anywhere: SIASN fills it, from the copy loaded last (B25: Baik, not
  B24's Sangat Baik); no 2025 appraisal → ``tidak diketahui``;
* PPPK: not applicable.
"""

from __future__ import annotations

import csv
from datetime import datetime

import duckdb
import polars as pl
import pytest

from tests.conftest import KEPALA, PPPK, STAF_A, STAF_B, base_rows, stage_bundle, write_bundle
from transforms import warehouse as warehouse_module
from transforms.career.across_bundles import KP, refresh_history
from transforms.exports import write_career
from transforms.marts import build_marts, read_dashboard_frames
from transforms.restricted_sheets import discover_sheets

I1, I2 = "A5EB03E2", "B7C1D2E3"
T = "198801012010011002"
KEPALA_I2 = "197001011995031001"  # the head of I2's unit
KEPALA_NIP = KEPALA.replace(" ", "")  # as staged (written grouped)
NIPS = ("nip", "nip_atasan", "nip_penilai", "nip_kepala")
SESUAI, DI_BAWAH, DI_ATAS = "Sesuai Ekspektasi", "Di Bawah Ekspektasi", "Di Atas Ekspektasi"
LOADED = {"B24": "2026-01-05T02:00:00+00:00", "B24X": "2026-01-06T02:00:00+00:00",
          "B25": "2026-02-02T02:00:00+00:00"}  # fmt: skip


def annual(nip: str, tahun: int, predikat: str, hasil: str, perilaku: str, penilai: str = KEPALA) -> dict[str, str]:
    return {"nip": nip, "tahun": str(tahun), "periode": str(tahun), "nip_penilai": penilai,
            "rating_hasil_kerja": hasil, "rating_perilaku_kerja": perilaku, "predikat": predikat,
            "tanggal_penilaian": f"{tahun + 1}-01-10"}  # fmt: skip


def siasn(nip: str, tahun: int, predikat: str, hasil: str, perilaku: str) -> dict[str, str]:
    return {"nip": nip, "tahun": str(tahun), "hasil_kinerja": hasil, "perilaku_kerja": perilaku,
            "predikat": predikat, "nip_penilai": KEPALA, "status_penilai": "ASN"}  # fmt: skip


def employee_t(unor: str, tahun: int, skp_id: str, head: str = KEPALA) -> tuple[dict[str, str], dict[str, str]]:
    pegawai = {"nip": T, "nama": "Tri Wahyuni", "jenis_asn": "PNS", "golongan": "III/a",
               "jenis_jabatan": "Pelaksana", "jabatan": "Pengolah Data", "jenjang": "", "unor_id": unor,
               "nip_atasan": head}  # fmt: skip
    skp = {"skp_id": skp_id, "nip": T, "tahun": str(tahun), "periode_mulai": f"{tahun}-01-01",
           "periode_selesai": f"{tahun}-12-31", "pendekatan": "Kuantitatif", "nip_penilai": head,
           "status": "Disetujui", "tanggal_persetujuan": f"{tahun}-01-15"}  # fmt: skip
    return pegawai, skp


def year_2024(rows: dict[str, list[dict[str, str]]]) -> dict[str, list[dict[str, str]]]:
    """base_rows moved one year back (every date and period; NIPs untouched)."""
    def shift(v: str) -> str:
        return v.replace("2025", "2024").replace("2026", "2025")

    return {t: [{k: v if k in NIPS else shift(v) for k, v in r.items()} for r in rs] for t, rs in rows.items()}


def bundle_b24() -> dict[str, list[dict[str, str]]]:
    rows = year_2024(base_rows())
    pegawai, skp = employee_t("U2", 2024, "SKP-T24")
    rows["pegawai"].append(pegawai)
    rows["skp"].append(skp)
    rows["penilaian"] = [
        annual(STAF_A, 2024, "Baik", SESUAI, SESUAI),
        annual(STAF_B, 2024, "Butuh Perbaikan", DI_BAWAH, SESUAI),
        annual(PPPK, 2024, "Kurang/Misconduct", SESUAI, DI_BAWAH),
        annual(T, 2024, "Butuh Perbaikan", DI_BAWAH, SESUAI),
    ]
    rows["riwayat_skp"] = [siasn(STAF_A, 2023, "Baik", SESUAI, SESUAI),
                           siasn(KEPALA, 2024, "Sangat Baik", DI_ATAS, DI_ATAS)]  # fmt: skip
    return rows


def bundle_b24x() -> dict[str, list[dict[str, str]]]:
    """Another instansi's 2024 export holding T (and T's head there, the appraiser)."""
    pegawai, skp = employee_t("U9", 2024, "SKP-X24", KEPALA_I2)
    head = {"nip": KEPALA_I2, "nama": "Ir. Hendra Gunawan", "jenis_asn": "PNS", "golongan": "IV/c",
            "jenis_jabatan": "JPT Pratama", "jabatan": "Kepala Dinas", "jenjang": "", "unor_id": "U9",
            "nip_atasan": ""}  # fmt: skip
    return {
        "unit_kerja": [{"unor_id": "U9", "unor_nama": "Dinas Komunikasi dan Informatika", "unor_induk_id": "",
                        "nip_kepala": KEPALA_I2, "instansi_id": I2, "instansi_nama": "Pemerintah Kota Yogyakarta"}],
        "pegawai": [head, pegawai],
        "skp": [skp],
        "rhk": [{"rhk_id": "R9", "skp_id": "SKP-X24", "jenis": "Utama", "uraian": "Terolahnya data layanan",
                 "rhk_atasan_id": "", "jenis_cascading": "", "perspektif": ""}],
        "indikator": [{"indikator_id": "I9", "rhk_id": "R9", "aspek": "Kuantitas", "uraian": "Jumlah data diolah",
                       "target_min": "12", "target_max": "", "satuan": "Laporan", "target_teks": "12 Laporan"}],
        "realisasi": [{"indikator_id": "I9", "periode": "2024-TW4", "realisasi": "12", "realisasi_teks": "12 Laporan",
                       "umpan_balik": "", "tanggal_input": "2024-12-20"}],
        "penilaian": [annual(T, 2024, "Baik", SESUAI, SESUAI, KEPALA_I2)],
        "kinerja_organisasi": [{"unor_id": "U9", "tahun": "2024", "periode": "2024", "predikat_organisasi": "Baik",
                                "capaian_persen": "100"}],
    }  # fmt: skip


def bundle_b25() -> dict[str, list[dict[str, str]]]:
    rows = base_rows()
    pegawai, skp = employee_t("U2", 2025, "SKP-T25")
    rows["pegawai"].append(pegawai)
    rows["skp"].append(skp)
    rows["penilaian"] = [r for r in rows["penilaian"] if r["nip"] != STAF_B] + [
        annual(STAF_B, 2025, "Baik", SESUAI, SESUAI),
        annual(T, 2025, "Baik", SESUAI, SESUAI),
    ]
    rows["riwayat_skp"] = [siasn(STAF_A, 2024, "Butuh Perbaikan", DI_BAWAH, SESUAI),
                           siasn(KEPALA, 2024, "Baik", SESUAI, SESUAI)]  # fmt: skip
    return rows


class Clock:
    """merge_bundle's clock: the load times of LOADED, in load order."""

    times: list[str] = []

    @classmethod
    def now(cls) -> datetime:
        return datetime.fromisoformat(cls.times.pop(0))


@pytest.fixture(scope="module")
def gudang(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("riwayat_gudang")
    wh = duckdb.connect(str(root / "warehouse.duckdb"))
    Clock.times = list(LOADED.values())
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(warehouse_module, "datetime", Clock)
        for (name, tahun), rows in zip(
            (("B24", 2024), ("B24X", 2024), ("B25", 2025)), (bundle_b24(), bundle_b24x(), bundle_b25()),
            strict=True,
        ):
            folder = write_bundle(root / name, rows)
            scratch = root / f"{name}.duckdb"
            con = stage_bundle(folder, root / f"work-{name}", str(scratch))
            build_marts(con)
            con.close()
            warehouse_module.merge_bundle(wh, scratch, name, str(folder), {"tahun": tahun}, [])
    write_career(wh, root / "karier.csv")
    with (root / "karier.csv").open(encoding="utf-8", newline="") as f:
        rows = {(r["tahun"], r["instansi_id"], r["nip"]): r for r in csv.DictReader(f)}
    yield {"wh": wh, "csv": rows}
    wh.close()


COLUMNS = ("predikat", "sumber_predikat", "predikat_tahun_sebelumnya", "sumber_predikat_tahun_sebelumnya",
           "memenuhi_predikat_kp")  # fmt: skip


def picked(rows: dict, tahun: str, instansi: str, nip: str) -> tuple[str, ...]:
    return tuple(rows[(tahun, instansi, nip)][c] for c in COLUMNS)


def test_loaded_in_order(gudang) -> None:
    loaded = gudang["wh"].sql("SELECT _bundel, _tahun, dimuat_pada FROM audit.bundel_dimuat ORDER BY 3").fetchall()
    assert loaded == [("B24", 2024, LOADED["B24"]), ("B24X", 2024, LOADED["B24X"]), ("B25", 2025, LOADED["B25"])]


def test_previous_year_comes_from_the_earlier_bundle(gudang) -> None:
    rows = gudang["csv"]
    assert len(rows) == 12  # 2024: 5 (B24) + 2 (B24X: its head and T); 2025: 5 (B25)
    assert picked(rows, "2025", I1, STAF_A) == ("Sangat Baik", "e-Kinerja", "Baik", "e-Kinerja", "ya")
    assert picked(rows, "2025", I1, STAF_B) == ("Baik", "e-Kinerja", "Butuh Perbaikan", "e-Kinerja", "tidak")
    assert picked(rows, "2025", I1, PPPK) == (
        "Kurang/Misconduct", "e-Kinerja", "Kurang/Misconduct", "e-Kinerja", "")  # fmt: skip
    # no e-Kinerja 2024 anywhere: SIASN, the copy of the bundle loaded last (B25's Baik)
    assert picked(rows, "2025", I1, KEPALA_NIP) == ("", "", "Baik", "SIASN", "tidak diketahui")
    assert picked(rows, "2024", I1, STAF_A) == ("Baik", "e-Kinerja", "Baik", "SIASN", "ya")  # 2023: SIASN


def test_disagreement_with_siasn_is_listed(gudang) -> None:
    rows = gudang["csv"]
    note = "2024: e-Kinerja Baik, SIASN Butuh Perbaikan"
    assert rows[("2025", I1, STAF_A)]["selisih_siasn"] == note
    assert rows[("2024", I1, STAF_A)]["selisih_siasn"] == note  # the year itself: in its own row too
    assert [k for k, r in rows.items() if r["selisih_siasn"]] == [("2024", I1, STAF_A), ("2025", I1, STAF_A)]
    sheet = next(s for s in discover_sheets() if s.file == "terbatas/selisih_siasn.sql")
    listed = gudang["wh"].sql(sheet.query).pl()
    assert listed.select("tahun", "nama", "tahun_predikat", "predikat_ekinerja", "predikat_siasn",
                         "predikat_dipakai").rows() == [
        (2024, "Siti Rahmawati, S.E.", 2024, "Baik", "Butuh Perbaikan", "Baik"),
        (2025, "Siti Rahmawati, S.E.", 2024, "Baik", "Butuh Perbaikan", "Baik"),
    ]  # fmt: skip


def test_the_bundle_alone_said_otherwise(gudang) -> None:
    """The bundle's own rows (audit.karier_pegawai of B25) still hold what B25 alone knows: the
    warehouse-wide history is what changes the outputs."""
    own = gudang["wh"].sql(
        "SELECT nip, predikat_tahun_sebelumnya, memenuhi_predikat_kp FROM audit.karier_pegawai"
        " WHERE _bundel = 'B25' ORDER BY nip"
    ).fetchall()
    assert {n: (p, k) for n, p, k in own}[STAF_A] == ("Butuh Perbaikan", "tidak")
    assert {n: (p, k) for n, p, k in own}[STAF_B] == (None, "tidak diketahui")
    # mart.karier of B25: STAF_A tidak; STAF_B, T, KEPALA tidak diketahui; PPPK not applicable
    assert gudang["wh"].sql(
        "SELECT sum(kp_ya), sum(kp_tidak), sum(kp_tidak_diketahui), sum(kp_tidak_berlaku) FROM mart.karier"
        " WHERE _bundel = 'B25'"
    ).fetchall() == [(0, 1, 3, 1)]


def test_transfer_the_later_loaded_bundle_of_the_year_wins(gudang) -> None:
    rows, wh = gudang["csv"], gudang["wh"]
    assert picked(rows, "2025", I1, T) == ("Baik", "e-Kinerja", "Baik", "e-Kinerja", "ya")
    # both 2024 rows of T (one per instansi) read the same 2024 predikat: B24X's
    assert picked(rows, "2024", I1, T)[:2] == picked(rows, "2024", I2, T)[:2] == ("Baik", "e-Kinerja")
    assert wh.sql("SELECT predikat, bundel_ekinerja FROM audit.karier_riwayat_gudang"
                  f" WHERE nip = '{T}' AND tahun = 2024").fetchall() == [("Baik", "B24X")]  # fmt: skip
    # B24 loaded last instead: its Butuh Perbaikan wins, and T's 2025 KP condition follows
    wh.execute("UPDATE audit.bundel_dimuat SET dimuat_pada = '2026-03-01T02:00:00+00:00' WHERE _bundel = 'B24'")
    try:
        refresh_history(wh)
        kp = wh.sql(f"SELECT _tahun, _bundel, predikat, predikat_tahun_sebelumnya, memenuhi_predikat_kp FROM {KP}"
                    f" WHERE nip = '{T}' ORDER BY _tahun, _bundel").fetchall()  # fmt: skip
        assert kp == [
            (2024, "B24", "Butuh Perbaikan", None, "tidak"),
            (2024, "B24X", "Butuh Perbaikan", None, "tidak"),
            (2025, "B25", "Baik", "Butuh Perbaikan", "tidak"),
        ]
    finally:
        wh.execute(f"UPDATE audit.bundel_dimuat SET dimuat_pada = '{LOADED['B24']}' WHERE _bundel = 'B24'")
        refresh_history(wh)


def test_restricted_sheet_and_dashboard_use_it(gudang) -> None:
    wh = gudang["wh"]
    sheet = next(s for s in discover_sheets() if s.file == "terbatas/karier.sql")
    karir = wh.sql(sheet.query).pl().filter((pl.col("tahun") == 2025) & (pl.col("nip") == STAF_A)).row(0, named=True)
    assert (karir["predikat"], karir["predikat_tahun_sebelumnya"], karir["memenuhi_predikat_kp"]) == (
        "Sangat Baik (2025, e-Kinerja)", "Baik (2024, e-Kinerja)", "ya")  # fmt: skip
    frames = read_dashboard_frames(wh, ("karier", "karier_riwayat"))
    kp = frames["karier"].filter(pl.col("tahun") == 2025)
    # U1 JPT: KEPALA tidak diketahui; U2 Fungsional: STAF_A ya, PPPK tidak berlaku; U2 Pelaksana:
    # STAF_B tidak, T ya (B25 alone: ya 0, tidak 1, tidak diketahui 3)
    assert kp.select("unor_id", "jenis_jabatan", "pegawai", "kp_ya", "kp_tidak", "kp_tidak_diketahui",
                     "kp_tidak_berlaku").rows() == [
        ("U1", "JPT Pratama", 1, 0, 0, 1, 0),
        ("U2", "Fungsional", 2, 1, 0, 0, 1),
        ("U2", "Pelaksana", 2, 1, 1, 0, 0),
    ]  # fmt: skip
    hist = frames["karier_riwayat"].filter(pl.col("tahun") == 2025)
    assert hist.select("tahun_riwayat", "sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang",
                       "dinilai", "dari_siasn").rows() == [
        (2023, 0, 1, 0, 0, 0, 1, 1),  # STAF_A (SIASN)
        (2024, 0, 3, 1, 1, 0, 5, 1),  # KEPALA Baik (SIASN), STAF_A Baik, T Baik, STAF_B, PPPK
        (2025, 1, 2, 0, 1, 0, 4, 0),  # KEPALA: no appraisal
    ]  # fmt: skip


def test_history_follows_what_the_warehouse_keeps(tmp_path) -> None:
    """Without marts (no audit.karier_pegawai) the tables exist, empty: outputs never fail."""
    con = duckdb.connect(str(tmp_path / "leeg.duckdb"))
    assert refresh_history(con) == {"audit.karier_riwayat_gudang": 0, KP: 0, "audit.karier_selisih_gudang": 0}
    con.close()

