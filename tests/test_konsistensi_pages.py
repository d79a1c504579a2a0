"""The "Konsistensi unit" (batas-se.html) and "Konsistensi penilai" (konsistensi.html) pages
from a small hand-built warehouse through the real staging, marts, findings and merge.

tests/conftest.base_rows plus a unit U3 ("Seksi Uji", predikat organisasi Baik of its own)
with 12 employees appraised by KEPALA: 1 Sangat Baik, 9 Baik, 2 Butuh Perbaikan; 10 Pelaksana
and 2 Fungsional. SE 3/2023 for an organisation Baik: Baik at most 70 % of 12 = 8 people, so
"9 dari 12" breaks it by 1 person; a Butuh Perbaikan exists (the other hard bound holds).
Every expected number below is worked out by hand (docs/konsistensi-halaman.md).
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import polars as pl
import pytest

from reports.hierarchy import col
from reports.pages import batas_se, konsistensi
from tests.conftest import KEPALA, base_rows, site_from_bundle
from transforms.findings import build_findings

INST = "A5EB03E2"
U3_NAMA = "Seksi Uji <script>alert(1)</script>"
RATINGS = {
    "Sangat Baik": ("Di Atas Ekspektasi", "Di Atas Ekspektasi"),
    "Baik": ("Sesuai Ekspektasi", "Sesuai Ekspektasi"),
    "Butuh Perbaikan": ("Di Bawah Ekspektasi", "Sesuai Ekspektasi"),
}
PLAN = ["Sangat Baik"] + ["Baik"] * 9 + ["Butuh Perbaikan"] * 2
JABATAN = ["Pelaksana"] * 10 + ["Fungsional"] * 2  # the two Fungsional: one Baik, one BP


def nip(i: int) -> str:
    birth = date(1980, 5, 1) + timedelta(days=97 * i)
    return f"{birth:%Y%m%d}200901{1 + i % 2}{1 + i:03d}"


def bundle() -> dict[str, list[dict[str, str]]]:
    rows = base_rows()
    rows["unit_kerja"].append({"unor_id": "U3", "unor_nama": U3_NAMA, "unor_induk_id": "U1", "nip_kepala": "",
                               "instansi_id": INST, "instansi_nama": "Pemerintah Kabupaten Sleman"})  # fmt: skip
    order = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 9, 11]  # Fungsional: PLAN[9] (Baik) and PLAN[11] (BP)
    for k, i in enumerate(order):
        p = nip(k + 1)
        rows["pegawai"].append({"nip": p, "nama": f"Pegawai Uji {k}", "jenis_asn": "PNS", "golongan": "III/a",
                                "jenis_jabatan": JABATAN[k], "jabatan": "Pengadministrasi Umum", "jenjang": "",
                                "unor_id": "U3", "nip_atasan": KEPALA})  # fmt: skip
        hasil, perilaku = RATINGS[PLAN[i]]
        rows["penilaian"].append({"nip": p, "tahun": "2025", "periode": "2025", "nip_penilai": KEPALA,
                                  "rating_hasil_kerja": hasil, "rating_perilaku_kerja": perilaku,
                                  "predikat": PLAN[i], "tanggal_penilaian": "2026-01-10"})  # fmt: skip
    rows["kinerja_organisasi"].append({"unor_id": "U3", "tahun": "2025", "periode": "2025",
                                       "predikat_organisasi": "Baik", "capaian_persen": "95"})  # fmt: skip
    return rows


@pytest.fixture(scope="module")
def gudang(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("konsistensi")
    wh, data, out = site_from_bundle(root, bundle(), "uji-konsistensi", build_findings)
    yield {"data": data, "site": out,
           "unit": (out / "batas-se.html").read_text(encoding="utf-8"),
           "penilai": (out / "konsistensi.html").read_text(encoding="utf-8"),
           "index": (out / "index.html").read_text(encoding="utf-8")}  # fmt: skip
    wh.close()


def payload(page: str, attr: str) -> dict:
    m = re.search(rf'<script type="application/json" {attr}>(.*?)</script>', page, re.S)
    assert m
    return json.loads(m.group(1))


def data_file(site, name: str, tahun: int = 2025) -> dict:
    """The data of batas-se/<tahun>/<name>.js (it calls Kinerja.batasSeMuat(tahun, name, data))."""
    text = (site / "batas-se" / str(tahun) / f"{name}.js").read_text(encoding="utf-8")
    head = f'window.Kinerja&&Kinerja.batasSeMuat&&Kinerja.batasSeMuat({tahun},"{name}",'
    assert text.startswith(head) and text.endswith(");\n")
    return json.loads(text[len(head):-3])


# --- Konsistensi unit --------------------------------------------------------------------------


def test_unit_frame_counts_per_jenis_jabatan(gudang) -> None:
    frame = gudang["data"].frames["konsistensi_unit"].sort("unor_id", "jenis_jabatan")
    cols = ["unor_id", "periode", "jenis_jabatan", *batas_se.COUNTS, "dinilai", "predikat_organisasi", "jarak"]
    assert frame.select(cols).rows() == [
        ("U2", "2025", "Fungsional", 1, 0, 0, 1, 0, 2, "Baik", 1),  # STAF_A, PPPK; U1's row
        ("U2", "2025", "Pelaksana", 0, 0, 1, 0, 0, 1, "Baik", 1),  # STAF_B
        ("U3", "2025", "Fungsional", 0, 1, 1, 0, 0, 2, "Baik", 0),
        ("U3", "2025", "Pelaksana", 1, 8, 1, 0, 0, 10, "Baik", 0),
    ]  # KEPALA heads U1 and is not counted in it


def test_unit_out_of_bounds_in_people(gudang) -> None:
    view = gudang["data"].year(2025)
    rows = batas_se.pelanggaran_rows(view.frame("konsistensi_unit"), batas_se.unit_masks(view))
    assert len(rows) == 1
    r = rows[0]
    assert (r["unit"], r["periode_label"], r["organisasi"], r["sumber"]) == (
        U3_NAMA, "Tahunan", "Baik", "predikat unit sendiri")
    # The counts are the cube's, as the Unit kerja page shows them. U2's 3 people sit in three
    # «<5» cells (Sangat Baik, Butuh Perbaikan, Kurang) and U1 holds only KEPALA (belum dinilai
    # «<5»): with the instansi's 16 and U3's 12 shown, U1 + U2 = 4 people and U2 >= 3 would pin
    # both, so U3's pegawai (12) and Baik (9) are hidden as the ranges the page implies:
    # pegawai 8–12, Baik 5–10; dinilai = pegawai − belum (0) = 8–12.
    assert r["n"] == "8–12" and r["jumlah"] == ["<5", "5–10", "<5", 0, 0]
    view_cube = view.cube().own("U3")
    assert [view_cube[col(f"p{i}", "tahunan")] for i in range(5)] == r["jumlah"]  # one publication
    # the breach is said without its counts (they would tell the hidden 9 and 12)
    assert r["pindah"] is None
    assert r["kalimat"] == batas_se.HIDDEN_SENTENCE[0].upper() + batas_se.HIDDEN_SENTENCE[1:]
    # with every count shown, the sentence names the people to move
    row = batas_se.unit_bounds(view.frame("konsistensi_unit")).filter(pl.col("unor_id") == "U3").row(0, named=True)
    shown = {"sangat_baik": 1, "baik": 9, "butuh_perbaikan": 2, "kurang": 0, "sangat_kurang": 0,
             "dinilai": 12, "bawah": 2}
    assert batas_se.kalimat(row, shown) == (
        "9 dari 12 pegawai Baik, di atas batas 70 % (8 orang): sedikitnya 1 orang harus berpindah predikat.", 1)


def test_page_embeds_no_unit_and_loads_instansi_files(gudang) -> None:
    d = payload(gudang["unit"], "data-konsistensi-unit")
    assert "unit" not in d and "rinci" not in d and "funnel" not in d  # per instansi: data files
    assert d["folder"] == "batas-se/2025/" and d["instansi"] == [[INST, "Pemerintah Kabupaten Sleman"]]
    assert d["kombinasi"] == ["Fungsional|2025", "Pelaksana|2025", "|2025"] and list(d["semua"]) == ["|2025"]
    files = sorted(p.relative_to(gudang["site"]).as_posix() for p in (gudang["site"] / "batas-se").rglob("*"))
    assert files == ["batas-se/2025", "batas-se/2025/0.js", "batas-se/2025/semua-0.js", "batas-se/2025/semua-1.js"]
    assert d["tabel"] == {"tampil": 1, "total": 1}
    assert "<script>alert(1)</script>" not in (gudang["site"] / "batas-se/2025/0.js").read_text(encoding="utf-8")


def test_unit_drill_down_and_bands(gudang) -> None:
    d = {**payload(gudang["unit"], "data-konsistensi-unit"), **data_file(gudang["site"], "0")}
    assert d["unit"] == [[0, "U2", "Bidang Mutasi dan Promosi"], [0, "U3", U3_NAMA]]
    assert d["periode"] == [["2025", "Tahunan"]] and d["jabatan"] == ["Fungsional", "Pelaksana"]
    u3 = d["rinci"]["2025"]["1"]
    assert u3["n"] == "8–12" and u3["izin"] == [None, None, None]  # n hidden: no bound in people
    assert batas_se.bands("Baik", 12) == ["Baik paling banyak 70 % (8 orang dari 12)",
                                          "harus ada Butuh Perbaikan dan/atau Kurang/Misconduct",
                                          "Baik kelompok terbesar — batas lunak"]  # fmt: skip
    assert d["batas_teks"]["Baik"][0] == "Baik paling banyak 70 %"
    assert batas_se.allowed("Baik", "x") == [None, None, None]  # n hidden: no count that reveals it
    assert (u3["dinilai"], u3["keras"], u3["pindah"]) == (True, True, None)
    u2 = d["rinci"]["2025"]["0"]  # 3 appraised: shown, not judged; its rule from the parent
    assert u2["n"] == "<5" and not u2["dinilai"] and u2["kalimat"] is None
    assert u2["sumber"] == "dari unit induk Badan Kepegawaian dan Pengembangan SDM (1 tingkat di atas)"


def test_funnel_points_hide_small_counts(gudang) -> None:
    d = payload(gudang["unit"], "data-konsistensi-unit")
    every = d["semua"]["|2025"]
    assert every["tidak_digambar"] == 1  # U2 (3 appraised) is not drawn
    # U3's n is the range 8–12 (the cube hides its 12): a point cannot be placed, it is counted
    assert every["disembunyikan"] == 1 and every["titik"] == [] and every["unit"] == []
    assert every["titik_total"] == 0 and every["sampel"] == {"dalam": [0, 0], "di_bawah": [0, 0]}
    assert every["sb"]["diuji"] == 1  # the statistics still test it (on the true counts)
    assert data_file(gudang["site"], "semua-1")["titik"] == []  # Pelaksana|2025
    own = data_file(gudang["site"], "0")["funnel"]
    assert own["|2025"]["semua"] == [] and own["|2025"]["sendiri"]["disembunyikan"] == 1
    assert own["Pelaksana|2025"]["sendiri"]["titik"] == []


def test_unit_tile_and_page(gudang) -> None:
    view = gudang["data"].year(2025)
    (tile,) = batas_se.tiles(view)
    assert (tile.name, tile.label, tile.value) == ("batas-se", "Unit dalam batas SE MenPANRB 3/2023", "0,0%")
    assert tile.sub == "0 dari 1 unit yang dinilai (tahunan); 1 di luar batas" and tile.alert
    assert '<a class="tile' in gudang["index"] and 'data-tile="batas-se" href="batas-se.html#batas"' in gudang["index"]
    page = gudang["unit"]
    assert "<h1>Konsistensi unit</h1>" in page and "sinyal untuk ditinjau, bukan putusan" in page
    assert "jumlah per predikat yang bersangkutan disembunyikan" in page
    assert "<script>alert(1)</script>" not in page
    assert "Seksi Uji &lt;script&gt;alert(1)&lt;/script&gt;" in page  # the table
    assert not re.search(r"\b\d{18}\b", page) and KEPALA not in page


# --- Konsistensi penilai -----------------------------------------------------------------------


def test_evaluator_row_and_counts(gudang) -> None:
    d = payload(gudang["penilai"], "data-konsistensi-penilai")
    assert d["instansi"] == [[INST, "Pemerintah Kabupaten Sleman"]] and d["jabatan"] == ["JPT Pratama"]
    (row,) = d["penilai"]
    assert row[:6] == ["P-0001", 0, "Badan Kepegawaian dan Pengembangan SDM", "JPT Pratama", 15, True]
    assert row[13:18] == [0.573, 0.0, [], 0, 1]  # sd rating, sd harapan, no flag, unlinked
    # 15 appraisees: 1 near target (base bundle: I1 2 of 2 Dokumen, I2 87,5 of 100 %: capaian
    # 0,94, the 80–105 % band), 14 without (a range: 15 minus 1–4); ratings 2 above / 10 as
    # expected / 3 below; 1 above with weak evidence
    assert row[18:] == [[0, "<5", 0, "11–14"], ["<5", 10, "<5"], ["<5", 0]]


def test_evaluator_counts_suppressed_alone() -> None:
    r = {"dinilai": 12, "pita_bawah": 3, "pita_sesuai": 9, "pita_atas": 0, "pita_tanpa_capaian": 0,
         "rating_atas": 6, "rating_tengah": 6, "rating_bawah": 0, "di_atas_bukti": 2, "di_bawah_bukti": 0}
    c = konsistensi.counts(r)
    assert c["pita_bawah"] == "<5" and c["pita_sesuai"] != 9  # 12 − 9 would give the 3
    assert (c["dinilai"], c["rating_atas"], c["rating_tengah"], c["di_atas_bukti"]) == (12, 6, 6, "<5")


def test_evaluator_summary_tile_and_page(gudang) -> None:
    view = gudang["data"].year(2025)
    total = konsistensi.ringkasan(view.frame("konsistensi_penilai"))
    assert (total["penilai"], total["layak"], total["ditandai"], total["tertaut"]) == (1, 1, 0, 0)
    (tile,) = konsistensi.tiles(view)
    assert (tile.name, tile.label, tile.value) == ("penilai", "Penilai yang ditandai", "0")
    assert tile.sub == "dari 1 penilai (≥5 pegawai dinilai): 0 longgar, 0 ketat, 0 cenderung tengah"
    assert not tile.alert
    page = gudang["penilai"]
    assert "<h1>Konsistensi penilai</h1>" in page and "sinyal untuk ditinjau, bukan putusan" in page
    assert "0,0% penilai (0 dari 1) tertaut" in page
    assert not re.search(r"\b\d{18}\b", page) and KEPALA not in page
    assert "Bambang" not in page  # KEPALA's name


# --- Pergeseran antartahun ---------------------------------------------------------------------


def test_year_on_year_drift_section_by_hand() -> None:
    from reports import pergeseran

    def mix(unit: str, tahun: int, sb: int, b: int) -> dict:
        return {"instansi_id": "I", "instansi_nama": "Pemda", "unor_id": unit, "unor_nama": f"Unit {unit}",
                "tahun_riwayat": tahun, "sumber": "SIASN" if tahun < 2025 else "e-Kinerja",
                "sangat_baik": sb, "baik": b, "butuh_perbaikan": 0, "kurang": 0, "sangat_kurang": 0,
                "dinilai": sb + b}

    riwayat = pl.DataFrame([mix("U", 2024, 2, 8), mix("U", 2025, 5, 5),
                            mix("K", 2024, 2, 6), mix("K", 2025, 4, 4)])  # K: 8 people, not compared
    periode = pl.DataFrame({"instansi_id": ["I"], "unor_id": ["U"], "pegawai": [10],
                            "tahunan_di_atas": [3], "tahunan_di_bawah": [0], "sama_akhir": [7]})
    out = pergeseran.section(riwayat, periode)
    # P = (0.2, 0.8), Q = (0.5, 0.5): JSD = sqrt((0.078181 + 0.068029) / 2) = 0.270
    # chi-square [[2, 8], [5, 5]]: expected [[3.5, 6.5], [3.5, 6.5]], χ² = 1.978 on 1 df, p = 0.160
    (row,) = out["baris"]
    assert row[:6] == ["Unit U", "Pemda", 2024, 10, 10, 0.27]
    assert row[6] == pytest.approx(0.1596, abs=1e-4) and row[7] is True  # expected 3.5 < 5
    assert row[8:] == ["<5", 0]  # 3 annual above every period: a small cell
    assert (out["diuji"], out["signifikan"], out["harapan"]) == (1, 0, 0.1)
